// The System Console manager in a real browser, loaded from the plugin's real
// bundle on the real server, signed in with a session cookie: create, edit,
// reveal, regenerate and delete an app through the page.
import {join} from 'node:path';

import type {Browser, Page} from 'playwright-core';

import {ARTIFACTS, launch, openConsole} from '../lib/browser';
import {clientAs, loadEnv} from '../lib/env';

const env = loadEnv();
const admin = clientAs(env, 'admin');
const tag = Date.now().toString(36);
const name = `Browser app ${tag}`;

let browser: Browser;
let page: Page;

beforeAll(async () => {
    browser = await launch();
    page = await openConsole(browser, env, 'admin');
    for (const n of [1, 2, 3]) {
        // eslint-disable-next-line no-await-in-loop
        await admin.createOAuthApp({name: `Listed app ${n} ${tag}`, description: `sample ${n}`, homepage: 'https://example.com', callback_urls: [`https://app${n}.example.com/callback`], icon_url: ''});
    }
    await page.getByRole('button', {name: 'Refresh'}).click();
});

afterAll(async () => {
    await browser?.close();
    const apps = await admin.getOAuthApps(0, 200);
    await Promise.all(apps.filter((a) => a.name.includes(tag)).map((a) => admin.deleteOAuthApp(a.id).catch(() => undefined)));
});

const shot = (file: string, target: Page | ReturnType<Page['getByRole']> = page) => target.screenshot({path: join(ARTIFACTS, file)});

async function appByName(appName: string) {
    return (await admin.getOAuthApps(0, 200)).find((a) => a.name === appName);
}

test('the status panel shows the provider, DCR and issuer', async () => {
    const status = page.getByRole('region', {name: 'OAuth status'});
    await expect(status.textContent()).resolves.toContain('OAuth 2.0 service provider: on');
    await expect(status.textContent()).resolves.toContain('Dynamic client registration: on');
    await expect(status.textContent()).resolves.toContain('(matches the Site URL)');
    await shot('status-panel.png', status);
});

test('the list shows the apps with creators; search narrows it', async () => {
    const table = page.getByRole('table', {name: 'OAuth apps'});
    await table.getByRole('cell', {name: `Listed app 2 ${tag}`, exact: true}).waitFor();
    await expect(table.getByRole('cell', {name: '@sysadmin', exact: true}).first().isVisible()).resolves.toBe(true);
    await shot('list.png');
    await page.getByLabel('Search').fill('app2.example.com');
    await page.getByText(/^1 of \d+ apps match$/).waitFor();
    await page.getByLabel('Search').fill('');
});

test('create: a validation error first, then the app, with its secret shown once', async () => {
    await page.getByRole('button', {name: 'New app'}).click();
    const form = page.getByRole('form', {name: 'Create an OAuth app'});
    await form.getByLabel(/^Name/).fill('x'.repeat(65));
    await form.getByLabel(/^Homepage/).fill('not a url');
    await form.getByLabel(/^Callback URLs/).fill('https://browser.example.com/cb');
    await form.getByRole('button', {name: 'Create app'}).click();
    await form.getByText('The name is 65 bytes long; the limit is 64.').waitFor();
    await form.getByText('The homepage must be an http:// or https:// URL, not "not a url".').waitFor();
    await shot('form-validation-error.png', form);
    expect(await appByName('x'.repeat(65))).toBeUndefined();

    await form.getByLabel(/^Name/).fill(name);
    await form.getByLabel(/^Homepage/).fill('https://browser.example.com');
    await form.getByRole('button', {name: 'Create app'}).click();
    const banner = page.getByRole('status', {name: 'New client secret'});
    await banner.waitFor();
    const created = await appByName(name);
    expect(created?.callback_urls).toEqual(['https://browser.example.com/cb']);
    await expect(banner.textContent()).resolves.toContain(created!.client_secret);
    await banner.getByRole('button', {name: 'I have stored it'}).click();
    await expect(page.getByText(created!.client_secret).count()).resolves.toBe(0);
});

test('edit changes the description and keeps everything else', async () => {
    await page.getByRole('button', {name: `Edit ${name}`}).click();
    const form = page.getByRole('form', {name: `Edit ${name}`});
    await form.getByLabel(/^Description/).fill('Edited in the browser');
    await form.getByRole('button', {name: 'Save changes'}).click();
    await page.getByText(`Saved ${name}.`).waitFor();
    const after = await appByName(name);
    expect(after?.description).toBe('Edited in the browser');
    expect(after?.homepage).toBe('https://browser.example.com');
});

test('reveal shows the secret on demand, and hide masks it again', async () => {
    const secret = (await appByName(name))!.client_secret;
    await page.getByRole('button', {name: `Show the secret of ${name}`}).click();
    await page.getByText(secret).waitFor();
    await page.getByRole('button', {name: `Hide the secret of ${name}`}).click();
    await expect(page.getByText(secret).count()).resolves.toBe(0);
});

test('regenerate asks first, then shows the new secret once', async () => {
    const before = (await appByName(name))!.client_secret;
    await page.getByRole('button', {name: `Regenerate the secret of ${name}`}).click();
    const dialog = page.getByRole('alertdialog');
    await expect(dialog.textContent()).resolves.toContain('The current secret stops working at once');
    await dialog.getByRole('button', {name: 'Regenerate secret'}).click();
    await page.getByRole('status', {name: 'New client secret'}).waitFor();
    const after = (await appByName(name))!.client_secret;
    expect(after).not.toBe(before);
    await expect(page.getByRole('status', {name: 'New client secret'}).textContent()).resolves.toContain(after);
    await page.getByRole('button', {name: 'I have stored it'}).click();
});

test('/oauth typed in the message box runs through the plugin hook', async () => {
    await page.getByLabel('Message').fill(`/oauth list --filter ${tag}`);
    await page.getByRole('button', {name: 'Send'}).click();
    await page.getByLabel('Posts').getByText(name).waitFor();
    await page.getByLabel('Message').fill('/oauth list --bogus');
    await page.getByRole('button', {name: 'Send'}).click();
    await expect(page.getByLabel('Command error').textContent()).resolves.toContain('/oauth list has no option --bogus.');
});

test('delete asks first, then removes the app', async () => {
    await page.getByRole('button', {name: `Delete ${name}`}).click();
    await page.getByRole('alertdialog').getByRole('button', {name: 'Delete app'}).click();
    await page.getByText(`Deleted ${name}.`).waitFor();
    expect(await appByName(name)).toBeUndefined();
});

test('the page works in the dark theme', async () => {
    const dark = await openConsole(browser, env, 'dev', {theme: 'dark'});
    await dark.getByRole('table', {name: 'OAuth apps'}).or(dark.getByText(/^No OAuth apps you can manage yet/)).first().waitFor();
    const background = await dark.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(31, 31, 31)');
    await dark.screenshot({path: join(ARTIFACTS, 'dark-theme.png')});
    await dark.close();
});

test('a bare /oauth create opens the create form over the channel', async () => {
    await page.getByLabel('Message').fill('/oauth create');
    await page.getByRole('button', {name: 'Send'}).click();
    const dialog = page.getByRole('dialog', {name: 'Create an OAuth app'});
    await dialog.getByLabel(/^Name/).fill(`Modal app ${tag}`);
    await dialog.getByLabel(/^Homepage/).fill('https://modal.example.com');
    await dialog.getByLabel(/^Callback URLs/).fill('https://modal.example.com/cb');
    await dialog.getByRole('button', {name: 'Create app'}).click();
    const done = page.getByRole('dialog', {name: `Created Modal app ${tag}`});
    await done.waitFor();
    const created = await appByName(`Modal app ${tag}`);
    await expect(done.textContent()).resolves.toContain(created!.client_secret);
    await done.getByRole('button', {name: 'Done'}).click();
});
