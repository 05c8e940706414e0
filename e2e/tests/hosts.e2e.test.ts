// One main.js for Mattermost 11.x and 12: the same bundle, served by the real
// server, in the real web app 11.x (React 18.2, react-redux 9.2, Redux 5) and in
// the stand-in page at React 19 with the globals Mattermost 12 publishes
// (ReactJSXRuntime, ReactJSXDevRuntime, react-bootstrap 2.10, react-intl 7).
// The production build goes through the console and chat flows on both; the
// development build (webpack --mode=development) loads on both production hosts
// with a lighter flow. Any page error, console error or warning fails a test.
// Screenshots: e2e/artifacts/react18-*.png (real web app), react19-*.png (stand-in).
import {execFileSync} from 'node:child_process';
import {copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import type {Browser, BrowserContext, Locator, Page} from 'playwright-core';

import {installPlugin} from '../../scripts/lib/plugin_install';
import {ARTIFACTS, launch} from '../lib/browser';
import {clientAs, loadEnv, statusOf} from '../lib/env';
import {HOSTS, hostGlobals, settled, standIn, watchErrors} from '../lib/hosts';
import type {Host} from '../lib/hosts';
import {newContext, revealAndCopySecret, WEBAPP_VERSION} from '../lib/webapp';

const env = loadEnv();
const admin = clientAs(env, 'admin');
const tag = Date.now().toString(36);
const DEV_BUNDLE = join(__dirname, '../../webapp/dist/dev/main.js');

// Without a web app build only the stand-in runs (README "Tests").
const hosts = HOSTS.filter((h) => h.name !== 'react18' || WEBAPP_VERSION);

let browser: Browser;

beforeAll(async () => {
    if (!WEBAPP_VERSION) {
        process.stdout.write('[e2e] no Mattermost web app installed: the React 18 host of the matrix is skipped\n');
    }
    browser = await launch();
});

afterAll(async () => {
    await browser?.close();
    const apps = await admin.getOAuthApps(0, 200);
    await Promise.all(apps.filter((a) => a.name.includes(tag)).map((a) => admin.deleteOAuthApp(a.id).catch(() => undefined)));
});

async function shot(page: Page, host: Host, name: string) {
    await settled(page);
    await page.screenshot({path: join(ARTIFACTS, `${host.name}-${name}.png`)});
}

async function bareCreate(page: Page, host: Host, name: string) {
    await host.send(page, '/oauth create');
    const dialog = page.getByRole('dialog', {name: 'Create an OAuth app'});
    await dialog.getByLabel(/^Name/).fill(name);
    await dialog.getByLabel(/^Callback URLs/).fill('https://modal.example.com/cb');
    await dialog.getByLabel(/^Homepage/).fill('https://modal.example.com');
    await dialog.getByLabel(/^Homepage/).press('Enter');
    const done = page.getByRole('dialog', {name: `Created ${name}`});
    await done.waitFor();
    await expect(done.textContent()).resolves.toContain((await appNamed(name))!.client_secret);
    return done;
}

async function closeDone(done: Locator) {
    await done.getByRole('button', {name: 'Done'}).click();
    await done.waitFor({state: 'hidden'});
}

async function appNamed(name: string) {
    return (await admin.getOAuthApps(0, 200)).find((a) => a.name === name);
}

// A context per host and bundle, with its error watch: checked after every test.
function hostContext() {
    const state: {context?: BrowserContext; errors?: () => string[]} = {};
    beforeAll(async () => {
        state.context = await newContext(browser);
        await state.context.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: env.siteURL});
        state.errors = watchErrors(state.context);
    });
    afterEach(() => {
        expect(state.errors?.() ?? []).toEqual([]);
    });
    afterAll(() => state.context?.close());
    return state;
}

async function expectHostGlobals(page: Page, host: Host) {
    const globals = await hostGlobals(page);
    if (host.name === 'react18') {
        expect(globals).toEqual({react: expect.stringMatching(/^18\./), jsxRuntime: false, jsxDevRuntime: false});
    } else {
        expect(globals).toEqual({react: expect.stringMatching(/^19\./), jsxRuntime: true, jsxDevRuntime: true});
    }
}

describe.each(hosts)('the production bundle in $describe', (host) => {
    const ctx = hostContext();
    const listed = `Listed ${host.name} ${tag}`;
    const name = `Console ${host.name} ${tag}`;
    let page: Page;

    beforeAll(async () => {
        await admin.createOAuthApp({name: listed, description: 'seeded', homepage: 'https://listed.example.com', callback_urls: ['https://listed.example.com/cb'], icon_url: ''});
        page = await host.openConsole(ctx.context!, env, 'admin');
    });

    test('the console renders the status and the table of apps', async () => {
        await expectHostGlobals(page, host);
        await page.getByRole('region', {name: 'OAuth status'}).getByText('OAuth 2.0 service provider:').waitFor();
        const table = page.getByRole('table', {name: 'OAuth apps'});
        await table.getByText(listed).waitFor();
        await page.getByRole('region', {name: 'OAuth 2.0 applications'}).evaluate((el) => el.scrollIntoView({block: 'start'}));
        await shot(page, host, 'console');
    });

    test('create an app, with a validation error first', async () => {
        await page.getByRole('button', {name: 'New app'}).click();
        await page.getByLabel(/^Name/).fill(name);
        await page.getByLabel(/^Homepage/).fill('not a url');
        await page.getByLabel(/^Callback URLs/).fill('https://console.example.com/cb');
        await page.getByRole('button', {name: 'Create app'}).click();
        await page.getByText('The homepage must be an http:// or https:// URL, not "not a url".').waitFor();
        await page.getByLabel(/^Homepage/).fill('https://console.example.com');
        await page.getByRole('button', {name: 'Create app'}).click();
        const secretBox = page.getByRole('status', {name: 'New client secret'});
        await secretBox.waitFor();
        const created = (await appNamed(name))!;
        expect(await secretBox.innerText()).toContain(created.client_secret);
        await secretBox.scrollIntoViewIfNeeded();
        await shot(page, host, 'console-created');
        await page.getByRole('button', {name: 'I have stored it'}).click();
    });

    test('edit it: only the changed field is saved', async () => {
        await page.getByRole('button', {name: `Edit ${name}`}).click();
        await page.getByLabel(/^Description/).fill(`edited on ${host.name}`);
        await page.getByRole('button', {name: 'Save changes'}).click();
        await page.getByText(`Saved ${name}.`).waitFor();
        const app = (await appNamed(name))!;
        expect(app.description).toBe(`edited on ${host.name}`);
        expect(app.homepage).toBe('https://console.example.com');
    });

    test('reveal and copy the secret, regenerate it in a confirmation dialog, delete the app', async () => {
        const app = (await appNamed(name))!;
        await expect(revealAndCopySecret(page, name, app.client_secret)).resolves.toBe(app.client_secret);

        // The host's react-bootstrap Modal: 0.32 on 11.x, 2.10 at React 19.
        await page.getByRole('button', {name: `Regenerate the secret of ${name}`}).click();
        const confirm = page.getByRole('dialog', {name: `Regenerate the secret of ${name}?`});
        await confirm.waitFor();
        await shot(page, host, 'console-confirm');
        await confirm.getByRole('button', {name: 'Regenerate secret'}).click();
        await page.getByRole('status', {name: 'New client secret'}).waitFor();
        await confirm.waitFor({state: 'hidden'});
        const fresh = (await appNamed(name))!;
        expect(fresh.client_secret).not.toBe(app.client_secret);
        expect(await page.getByRole('status', {name: 'New client secret'}).innerText()).toContain(fresh.client_secret);
        await page.getByRole('button', {name: 'I have stored it'}).click();

        await page.getByRole('button', {name: `Delete ${name}`}).click();
        await page.getByRole('dialog', {name: `Delete ${name}?`}).getByRole('button', {name: 'Delete app'}).click();
        await page.getByText(`Deleted ${name}.`).waitFor();
        expect(await statusOf(admin.getOAuthApp(app.id))).toBe(404);
    });

    describe('chat', () => {
        let chat: Page;
        const chatApp = `Chat ${host.name} ${tag}`;

        beforeAll(async () => {
            chat = host.name === 'react18' ? await host.openChat(ctx.context!, env, 'admin') : page;
        });

        test('help, create, show, delete typed in the message box answer there', async () => {
            expect(await host.ask(chat, '/oauth help')).toContain('/oauth: Manage Mattermost OAuth 2.0 apps');
            const created = await host.ask(chat, `/oauth create --name "${chatApp}" --homepage https://chat.example.com --callback https://chat.example.com/cb`);
            const app = (await appNamed(chatApp))!;
            expect(created).toContain('New client secret shown once');
            expect(created).toContain(app.client_secret);
            expect(await host.ask(chat, `/oauth show "${chatApp}"`)).toContain(app.id);
            await shot(chat, host, 'chat');
            expect(await host.ask(chat, `/oauth delete ${app.id} --yes`)).toContain('Deleted OAuth app');
            expect(await statusOf(admin.getOAuthApp(app.id))).toBe(404);
        });

        test('a bare /oauth create opens the form over the page; Enter creates the app', async () => {
            const done = await bareCreate(chat, host, `Modal ${host.name} ${tag}`);
            await shot(chat, host, 'chat-form');
            await closeDone(done);
        });
    });
});

// React's development build warns about what React 19 removed, where a
// production host stays silent: any warning fails (hostContext).
describe('the production bundle in the stand-in page at React 19, development build of React', () => {
    const host = standIn('e2e-host19-dev', 'React 19 development build');
    const ctx = hostContext();

    test('console, a confirmation dialog, a command and the create form raise no React warning', async () => {
        const name = `Devhost ${tag}`;
        await admin.createOAuthApp({name, description: '', homepage: 'https://dev.example.com', callback_urls: ['https://dev.example.com/cb'], icon_url: ''});
        const page = await host.openConsole(ctx.context!, env, 'admin');
        await expectHostGlobals(page, host);
        await page.getByRole('table', {name: 'OAuth apps'}).getByText(name).waitFor();

        // Delete is a row action, or in the details.
        const remove = page.getByRole('button', {name: `Delete ${name}`});
        if (!await remove.isVisible()) {
            await page.getByRole('button', {name: `Details of ${name}`}).click();
        }
        await remove.click();
        const confirm = page.getByRole('dialog', {name: `Delete ${name}?`});
        await confirm.getByRole('button', {name: 'Cancel'}).click();
        await confirm.waitFor({state: 'hidden'});
        expect(await host.ask(page, '/oauth help')).toContain('/oauth: Manage Mattermost OAuth 2.0 apps');
        const done = await bareCreate(page, host, `Devhost modal ${tag}`);
        await shot(page, host, 'react-dev-build');
        await closeDone(done);
    });
});

// The development build, installed through the REST API as a bundle of its own,
// on the same production hosts; the production bundle is put back afterwards.
describe('the development bundle', () => {
    let work = '';
    let bundleFile = '';

    beforeAll(async () => {
        if (!existsSync(DEV_BUNDLE)) {
            throw new Error(`${DEV_BUNDLE} is missing: make e2e builds it (npm run build:dev -- --output-path webapp/dist/dev)`);
        }
        work = mkdtempSync(join(tmpdir(), 'oauth-manager-dev-bundle-'));

        // The installed bundle, kept to be put back even if dist/ is rebuilt meanwhile.
        copyFileSync(process.env.E2E_BUNDLE!, join(work, 'production.tar.gz'));
        execFileSync('tar', ['-xzf', join(work, 'production.tar.gz'), '-C', work]);
        copyFileSync(DEV_BUNDLE, join(work, 'oauth-manager/webapp/dist/main.js'));
        execFileSync('tar', ['-czf', join(work, 'dev.tar.gz'), '-C', work, 'oauth-manager']);
        await installPlugin(admin, join(work, 'dev.tar.gz'));

        // The server now serves exactly the development build.
        const manifest = (await admin.getWebappPlugins()).find((m) => m.id === 'oauth-manager')!;
        bundleFile = manifest.webapp!.bundle_path.split('/').pop()!;
        const served = await (await fetch(`${env.siteURL}/static/plugins/oauth-manager/${bundleFile}`)).text();
        expect(served).toBe(readFileSync(DEV_BUNDLE, 'utf8'));
        expect(served).toContain('./webapp/src/index.tsx');
    }, 120_000);

    afterAll(async () => {
        await installPlugin(admin, join(work, 'production.tar.gz'));
        rmSync(work, {recursive: true, force: true});
    }, 120_000);

    describe.each(hosts)('in $describe', (host) => {
        const ctx = hostContext();

        test('loads: the console renders and /oauth help answers', async () => {
            const page = await host.openConsole(ctx.context!, env, 'admin');
            await expectHostGlobals(page, host);
            const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
            expect(loaded.some((url) => url.endsWith(`/${bundleFile}`))).toBe(true);
            await page.getByRole('region', {name: 'OAuth status'}).getByText('OAuth 2.0 service provider:').waitFor();
            await page.getByRole('region', {name: 'OAuth 2.0 applications'}).waitFor();
            await page.getByRole('region', {name: 'OAuth status'}).scrollIntoViewIfNeeded();
            await shot(page, host, 'dev-console');

            const chat = host.name === 'react18' ? await host.openChat(ctx.context!, env, 'admin') : page;
            expect(await host.ask(chat, '/oauth help metadata')).toContain('/oauth metadata');
            await shot(chat, host, 'dev-chat');
        });
    });
});
