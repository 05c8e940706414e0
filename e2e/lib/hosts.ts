// The two hosts one main.js must run in, driven the same way: the real
// Mattermost web app 11.x (React 18.2) and the stand-in page built against
// React 19 as Mattermost 12 publishes it (e2e/browser, e2e-host19.js).
import type {BrowserContext, ConsoleMessage, Page} from 'playwright-core';

import type {E2EEnv, Role} from './env';
import {ask, consolePath, sendAndWait, signIn} from './webapp';

export type HostName = 'react18' | 'react19';

export type Host = {
    name: HostName;
    describe: string;

    // A signed-in page showing the plugin's System Console section.
    openConsole(context: BrowserContext, env: E2EEnv, role: Role): Promise<Page>;

    // A signed-in page with a message box (the console page itself on the stand-in).
    openChat(context: BrowserContext, env: E2EEnv, role: Role): Promise<Page>;

    // Types a command in the message box and sends it.
    send(page: Page, command: string): Promise<void>;

    // Types a command in the message box; the text of the answers it made.
    ask(page: Page, command: string): Promise<string>;
};

// The stand-in, served by the test server from its own origin (e2e/run.sh).
async function openStandIn(context: BrowserContext, env: E2EEnv, role: Role, file: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${env.siteURL}/static/${file}.html`);
    await page.getByLabel('Username').fill(env.users[role].username);
    await page.getByLabel('Password').fill(env.users[role].password);
    await page.getByRole('button', {name: 'Sign in'}).click();
    await page.getByRole('region', {name: 'OAuth status'}).waitFor({timeout: 30_000});
    return page;
}

async function sendStandIn(page: Page, command: string) {
    const box = page.getByRole('textbox', {name: 'Message'});
    await box.fill(command);
    await page.getByRole('button', {name: 'Send'}).click();
    await page.waitForFunction((el) => (el as HTMLTextAreaElement).value === '', await box.elementHandle(), {timeout: 20_000});
}

// The stand-in shows each post as preformatted Markdown in "Posts".
async function askStandIn(page: Page, command: string): Promise<string> {
    const list = page.getByRole('log', {name: 'Posts'});
    const before = await list.locator('pre').count();
    await sendStandIn(page, command);
    await page.waitForFunction(([el, n]) => (el as HTMLElement).querySelectorAll('pre').length > (n as number), [await list.elementHandle(), before] as const, {timeout: 20_000});
    return (await list.locator('pre').allInnerTexts()).slice(before).join('\n').trim();
}

// The stand-in page served as `file` (e2e-host19, or e2e-host19-dev: React's development build).
export function standIn(file: string, describe: string): Host {
    return {
        name: 'react19',
        describe,
        openConsole: (context, env, role) => openStandIn(context, env, role, file),
        openChat: (context, env, role) => openStandIn(context, env, role, file),
        send: sendStandIn,
        ask: askStandIn,
    };
}

export const HOSTS: Host[] = [
    {
        name: 'react18',
        describe: 'the real Mattermost web app 11.x (React 18.2)',
        async openConsole(context, env, role) {
            const page = await signIn(context, env, role, consolePath);
            await page.getByRole('region', {name: 'OAuth status'}).waitFor({timeout: 30_000});
            return page;
        },
        openChat: (context, env, role) => signIn(context, env, role),
        send: (page, command) => sendAndWait(page, page.locator('#post_textbox'), command),
        ask,
    },
    standIn('e2e-host19', 'the stand-in page at React 19 (Mattermost 12\'s globals)'),
];

// Waits until no finite CSS transition or animation runs (a modal fading in;
// spinners run forever), for a screenshot.
export async function settled(page: Page) {
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity), undefined, {timeout: 5_000});
}

// What the host's React and JSX runtime globals are, as the plugin sees them.
export function hostGlobals(page: Page) {
    return page.evaluate(() => {
        const w = window as unknown as Record<string, {version?: string; jsx?: unknown; jsxDEV?: unknown} | undefined>;
        return {
            react: w.React?.version ?? '',
            jsxRuntime: typeof w.ReactJSXRuntime?.jsx === 'function',
            jsxDevRuntime: typeof w.ReactJSXDevRuntime?.jsxDEV === 'function',
        };
    });
}

// Page errors and console errors or warnings in any page of a context. The
// real web app's own failed requests are not the plugin's: those are named here.
const HOST_NOISE = [/\/api\/v4\/trial-license\/prev$/, /\/api\/v4\/posts\/scheduled\/team\//];

export function watchErrors(context: BrowserContext) {
    const problems: string[] = [];
    const onConsole = (message: ConsoleMessage) => {
        if (message.type() !== 'error' && message.type() !== 'warning') {
            return;
        }
        const url = message.location().url;
        if (message.text().startsWith('Failed to load resource') && HOST_NOISE.some((re) => re.test(url))) {
            return;
        }
        problems.push(`console ${message.type()}: ${message.text()} (${url})`);
    };
    context.on('console', onConsole);
    context.on('weberror', (error) => problems.push(`page error: ${error.error().message}`));

    // Everything seen since the last call.
    return () => problems.splice(0);
}
