// The safety nets of the System Console page in the real Mattermost web app,
// on a real server: the redirect-URI check under the form's Callback URLs as
// one types; Quarantine and Release from an app's details (the table marks a
// quarantined app; release shows the new secret masked); the client setup
// panel with the server's own endpoints; Download export, then the import of
// an edited copy of the file: dry run, confirmation, result.
// Screenshots: console-lint.png, console-quarantined.png, console-released.png,
// console-setup.png, console-import-plan.png, console-import-result.png.
import {readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import type {Browser, BrowserContext, Locator, Page} from 'playwright-core';

import type {OAuthApp} from '@mattermost/types/integrations';

import {launch} from '../lib/browser';
import {clientAs, loadEnv, statusOf} from '../lib/env';
import {consolePath, newContext, shotOfElement, signIn, WEBAPP_VERSION} from '../lib/webapp';

const env = loadEnv();
const admin = clientAs(env, 'admin');
const tag = `cs${Date.now().toString(36)}`;
const CALLBACK = `https://${tag}.example.com/callback`;
const INERT = 'https://quarantined.invalid/oauth-manager';
const describeWithWebapp = WEBAPP_VERSION ? describe : describe.skip;

let app: OAuthApp;
const made: string[] = [];

beforeAll(async () => {
    app = await admin.createOAuthApp({name: `${tag} wiki`, description: 'console safety nets', homepage: `https://${tag}.example.com`, callback_urls: [CALLBACK], icon_url: '', is_trusted: true});
    made.push(app.id);
});

afterAll(async () => {
    await Promise.all(made.map((id) => admin.deleteOAuthApp(id).catch(() => undefined)));
});

describeWithWebapp('safety nets in the System Console of the real web app', () => {
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
        browser = await launch();
        context = await newContext(browser);
        page = await signIn(context, env, 'admin', consolePath);
    });

    afterAll(async () => {
        await browser?.close();
    });

    async function openDetails(name: string): Promise<Locator> {
        await page.goto(env.siteURL + consolePath);
        await page.getByRole('searchbox', {name: 'Search'}).fill(name);
        await page.getByRole('table', {name: 'OAuth apps'}).getByText(name, {exact: true}).waitFor();
        await page.getByRole('button', {name: `Details of ${name}`}).click();
        return page.getByRole('region', {name: `Details of ${name}`});
    }

    test('the create form checks redirect URIs as one types', async () => {
        await page.goto(env.siteURL + consolePath);
        await page.getByRole('button', {name: 'New app'}).click();
        const callbacks = page.getByLabel(/^Callback URLs/);
        await callbacks.fill(`http://${tag}.example.com/cb\nhttps://${tag}.example.com/cb#frag\nhttps://${tag}.example.com/*/cb`);
        const findings = page.getByRole('list', {name: 'Redirect URI check'});
        await findings.waitFor();
        const items = await findings.getByRole('listitem').allInnerTexts();
        expect(items.length).toBeGreaterThanOrEqual(3);
        expect(items.some((i) => i.startsWith(`Error: https://${tag}.example.com/cb#frag:`))).toBe(true);
        expect(items.some((i) => i.includes(`http://${tag}.example.com/cb`))).toBe(true);
        expect(items.some((i) => i.includes(`https://${tag}.example.com/*/cb`))).toBe(true);
        await shotOfElement(page, page.getByRole('dialog', {name: 'Create an OAuth app'}), 'console-lint.png');

        await callbacks.fill(`https://${tag}.example.com/cb`);
        await findings.waitFor({state: 'detached'});
        await page.keyboard.press('Escape');
    });

    test('Quarantine, then Release: the table marks it, the new secret is masked until shown', async () => {
        const details = await openDetails(app.name);
        await details.getByRole('button', {name: `Quarantine ${app.name}: no new sign-in or token refresh`}).click();
        const dialog = page.getByRole('dialog', {name: `Quarantine ${app.name}?`});
        expect(await dialog.innerText()).toContain('tokens already issued stay valid until they expire');
        await dialog.getByRole('button', {name: 'Quarantine', exact: true}).click();
        await page.getByText(`${app.name} is quarantined.`, {exact: false}).waitFor({timeout: 15_000});

        const quarantined = await admin.getOAuthApp(app.id);
        expect({callbacks: quarantined.callback_urls, trusted: quarantined.is_trusted}).toEqual({callbacks: [INERT], trusted: false});
        expect(quarantined.client_secret).not.toBe(app.client_secret);
        const row = page.getByRole('table', {name: 'OAuth apps'}).getByRole('row').filter({has: page.getByText(app.name, {exact: true})}).first();
        await row.getByText('Quarantined', {exact: false}).waitFor({timeout: 15_000});

        // Still a confidential client (the answer carries no secret), with Release at hand.
        expect(await row.innerText()).toContain('Confidential');
        expect(await details.innerText()).toMatch(/Type\s+Confidential/);
        await shotOfElement(page, page.getByRole('table', {name: 'OAuth apps'}), 'console-quarantined.png');

        await details.getByRole('button', {name: `Release ${app.name} from quarantine`}).click();
        const release = page.getByRole('dialog', {name: `Release ${app.name} from quarantine?`});
        await release.getByRole('button', {name: 'Release', exact: true}).click();
        const result = page.getByRole('status', {name: 'Released from quarantine'});
        await result.waitFor({timeout: 15_000});
        const released = await admin.getOAuthApp(app.id);
        expect({callbacks: released.callback_urls, trusted: released.is_trusted}).toEqual({callbacks: [CALLBACK], trusted: true});
        expect(await result.innerText()).toContain(`${app.name} is released from quarantine`);
        expect(await page.locator('body').innerText()).not.toContain(released.client_secret);
        await shotOfElement(page, result, 'console-released.png');
        await result.getByRole('button', {name: new RegExp(`^Show the new secret of ${app.name}`)}).click();
        await result.getByText(released.client_secret, {exact: true}).waitFor();
        await result.getByRole('button', {name: 'I have stored it'}).click();
        await result.waitFor({state: 'detached'});
        expect(await page.locator('body').innerText()).not.toContain(released.client_secret);
    });

    test('the client setup panel gives the server\'s endpoints and the app\'s client id', async () => {
        const details = await openDetails(app.name);
        await details.getByRole('button', {name: `Set up a client for ${app.name}`}).click();
        const setup = page.getByRole('region', {name: `Client setup of ${app.name}`});
        await setup.getByText(`${env.siteURL}/oauth/authorize`, {exact: false}).waitFor({timeout: 15_000});
        const text = await setup.innerText();
        expect(text).toContain(`${env.siteURL}/oauth/access_token`);
        expect(text).toContain(`${env.siteURL}/api/v4/users/me`);
        expect(text).toContain(app.id);
        expect(text).not.toContain((await admin.getOAuthApp(app.id)).client_secret);
        await shotOfElement(page, setup, 'console-setup.png');
        expect(await statusOf(admin.getOAuthApp(app.id))).toBe(200);
    });

    test('Download export saves every app; importing an edited copy shows a dry run, then the result with the new secret masked', async () => {
        await page.goto(env.siteURL + consolePath);
        const section = page.getByRole('region', {name: 'Export and import'});
        const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', {name: 'Download export'}).click()]);
        expect(download.suggestedFilename()).toMatch(/^oauth-apps-\d{4}-\d{2}-\d{2}\.json$/);
        const doc = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {schema: string; apps: Array<Record<string, unknown>>};
        expect(doc.schema).toBe('oauth-manager.export/v1');
        const mine = doc.apps.find((a) => a.source_id === app.id)!;
        expect(mine).toMatchObject({name: app.name, callback_urls: [CALLBACK], is_trusted: true});
        expect(JSON.stringify(doc)).not.toContain((await admin.getOAuthApp(app.id)).client_secret);
        await section.getByText(new RegExp(`^Exported ${doc.apps.length} apps? to `)).waitFor();

        // An edited copy: this app with a new description, and a new app whose name is markup.
        const importedName = `${tag} <b>imported</b>`;
        const file = join(tmpdir(), `${tag}-import.json`);
        writeFileSync(file, JSON.stringify({...doc, apps: [{...mine, description: 'edited in the file'}, {...mine, source_id: '', name: importedName, description: 'from a file'}]}));
        await section.getByLabel('Export file (.json)').setInputFiles(file);
        await section.getByRole('button', {name: 'Dry run of the import'}).click();
        const plan = section.getByRole('table', {name: 'What the import would do'});
        await plan.waitFor({timeout: 15_000});
        await section.getByText('Dry run: 1 to create, 1 to update, 0 unchanged. Nothing was written.').waitFor();
        const rows = await plan.getByRole('row').allInnerTexts();
        expect(rows[1]).toContain('Update');
        expect(rows[1]).toContain('edited in the file');
        expect(rows[2]).toContain(importedName);
        expect(await plan.locator('b').count()).toBe(0);
        expect((await admin.getOAuthApp(app.id)).description).toBe('console safety nets');
        await shotOfElement(page, section, 'console-import-plan.png');

        await section.getByRole('button', {name: 'Import…'}).click();
        const dialog = page.getByRole('dialog', {name: 'Import 2 apps?'});
        await dialog.getByRole('button', {name: 'Import', exact: true}).click();
        const result = page.getByRole('status', {name: 'Import result'});
        await result.waitFor({timeout: 30_000});
        expect(await result.innerText()).toContain('Import done: 1 created, 1 updated, 0 unchanged.');
        expect((await admin.getOAuthApp(app.id)).description).toBe('edited in the file');
        let created: OAuthApp | undefined;
        for (let page0 = 0; !created && page0 < 20; page0++) {
            // eslint-disable-next-line no-await-in-loop
            const batch = await admin.getOAuthApps(page0, 200);
            created = batch.find((a) => a.name === importedName);
            if (batch.length < 200) {
                break;
            }
        }
        expect(created).toBeDefined();
        made.push(created!.id);
        expect(await result.innerText()).toContain(created!.id);
        expect(await page.locator('body').innerText()).not.toContain(created!.client_secret);
        await shotOfElement(page, result, 'console-import-result.png');
        await result.getByRole('button', {name: 'I have stored them'}).click();
        await result.waitFor({state: 'detached'});
        expect(await page.locator('body').innerText()).not.toContain(created!.client_secret);
    });
});
