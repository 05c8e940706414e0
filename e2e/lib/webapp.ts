// Driving the real Mattermost web app (../shared/mattermost-webapp, served by the
// test server from its client directory) as a person does: sign in through its
// login page, type in the message box, read the rendered posts.
import {join} from 'node:path';

import type {Browser, BrowserContext, Locator, Page} from 'playwright-core';

import {ARTIFACTS, chromiumPath} from './browser';
import type {E2EEnv, Role} from './env';

// e2e/run.sh names the web app it installed; empty when there is none.
export const WEBAPP_VERSION = process.env.E2E_WEBAPP_VERSION ?? '';

// Everything outside loopback is refused: the web app calls a few external URLs.
export async function newContext(browser: Browser, {width = 1280, height = 800} = {}): Promise<BrowserContext> {
    chromiumPath();
    const context = await browser.newContext({viewport: {width, height}});
    await context.route('**/*', (route) => {
        const host = new URL(route.request().url()).hostname;
        return host === '127.0.0.1' || host === 'localhost' ? route.continue() : route.abort();
    });
    return context;
}

export async function signIn(context: BrowserContext, env: E2EEnv, role: Role, path = ''): Promise<Page> {
    const page = await context.newPage();

    // A context that signed in already has the session cookie: no login page then.
    if ((await context.cookies(env.siteURL)).some((c) => c.name === 'MMAUTHTOKEN')) {
        await page.goto(env.siteURL + (path || '/'));
        return page;
    }
    await page.goto(`${env.siteURL}/login`);
    const viewInBrowser = page.getByText('View in Browser');
    const loginId = page.locator('#input_loginId');
    const messageBox = page.locator('#post_textbox');

    // A context that already signed in is sent on to the channel.
    await loginId.or(viewInBrowser).or(messageBox).first().waitFor({timeout: 30_000});
    if (await viewInBrowser.isVisible()) {
        await viewInBrowser.click();
    }
    if (!await messageBox.isVisible()) {
        await loginId.fill(env.users[role].username);
        await page.locator('input[type=password]').fill(env.users[role].password);
        await page.keyboard.press('Enter');
        await messageBox.waitFor({timeout: 30_000});
    }
    if (path) {
        await page.goto(env.siteURL + path);
    }
    return page;
}

export const consolePath = '/admin_console/plugins/plugin_oauth-manager';

async function closeSuggestions(page: Page) {
    const list = page.locator('#suggestionList');
    if (await list.isVisible()) {
        await page.keyboard.press('Escape');
        await list.waitFor({state: 'hidden'});
    }
}

// Types a command as a person would, closes the suggestion list (Enter would
// pick a suggestion), sends it, and waits until the box is empty again.
export async function send(page: Page, box: Locator, text: string) {
    await box.click();
    await box.fill('');
    await box.pressSequentially(text, {delay: 5});
    await page.waitForTimeout(300); // the suggestion list opens after a short debounce
    await closeSuggestions(page);
    await page.keyboard.press('Enter');
}

export async function sendAndWait(page: Page, box: Locator, text: string) {
    await send(page, box, text);
    await page.waitForFunction((el) => (el as HTMLTextAreaElement).value === '', await box.elementHandle(), {timeout: 15_000});
}

// The input error shown under the message box when the plugin keeps the draft.
export const inputError = (page: Page) => page.locator('.has-error .control-label');

// The newest ephemeral post in `scope` (the center channel or the thread panel).
export function lastEphemeral(scope: Page | Locator): Locator {
    return scope.locator('.post').filter({hasText: '(Only visible to you)'}).last();
}

// Runs a command in the center channel and returns the text of the answer.
export async function ask(page: Page, text: string): Promise<string> {
    const box = page.locator('#post_textbox');
    const before = await page.locator('.post').filter({hasText: '(Only visible to you)'}).count();
    await sendAndWait(page, box, text);
    await page.waitForFunction((n) => document.querySelectorAll('.post').length > 0 &&
        [...document.querySelectorAll('.post')].filter((p) => p.textContent?.includes('(Only visible to you)')).length > n, before, {timeout: 20_000});
    return (await lastEphemeral(page).locator('.post-message__text').innerText()).trim();
}

// In the console: opens an app's details, shows its secret and copies it
// (the clipboard must then hold it).
export async function revealAndCopySecret(page: Page, name: string, secret: string) {
    await page.getByRole('button', {name: `Details of ${name}`}).click();
    await page.getByRole('button', {name: `Show the secret of ${name}`}).click();
    await page.getByText(secret).waitFor();
    await page.getByRole('button', {name: `Copy the secret of ${name}`}).click();
    return page.evaluate(() => navigator.clipboard.readText());
}

// A screenshot of a whole element of the console page, which scrolls inside its
// own container under a fixed header: an element taller than the window would
// be cut, so the window grows to hold it for the shot.
export async function shotOfElement(page: Page, element: Locator, file: string) {
    const box = await element.boundingBox();
    await page.setViewportSize({width: 1280, height: Math.max(800, Math.ceil((box?.height ?? 0) + 200))});
    await element.evaluate((el) => el.scrollIntoView({block: 'center'}));
    await element.screenshot({path: join(ARTIFACTS, file)});
    await page.setViewportSize({width: 1280, height: 800});
}
