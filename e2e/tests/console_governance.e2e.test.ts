// The governance parts of the System Console page in the real Mattermost web
// app, on a real server: the audit channel picker (search, choose, Save, shown
// again after a reload) and the change trail panel's "Check for changes now";
// the DCR view with the prune in three steps (a client used between the dry
// run and the confirmation is skipped); "Rotate secret" with its checklist.
// Screenshots: console-audit-channel.png, console-audit-channel-chosen.png,
// console-governance.png, console-dcr.png, console-dcr-pruned.png, console-rotate.png.

import type {Browser, BrowserContext, Locator, Page} from 'playwright-core';

import type {Channel} from '@mattermost/types/channels';
import type {AdminConfig} from '@mattermost/types/config';
import type {OAuthApp} from '@mattermost/types/integrations';
import type {Post} from '@mattermost/types/posts';

import {OAuthClient} from '../../webapp/src/client/oauth_client';
import {launch} from '../lib/browser';
import {clientAs, loadEnv, sql, statusOf} from '../lib/env';
import {authorizeAndUse} from '../lib/oauth_flow';
import {consolePath, newContext, shotOfElement, signIn, WEBAPP_VERSION} from '../lib/webapp';

const env = loadEnv();
const admin = clientAs(env, 'admin');
const tag = `cg${Date.now().toString(36)}`;
const CALLBACK = `https://${tag}.example.com/callback`;
const DAY_MS = 24 * 60 * 60 * 1000;

// DCR names are at most 64 characters.
const HOSTILE = `<img src=x onerror=alert(1)> **${tag} gamma** [x](//e.co)`;
const PICKER_ID = 'PluginSettings.Plugins.oauth-manager.auditchannelid';
const describeWithWebapp = WEBAPP_VERSION ? describe : describe.skip;

// Registered by DCR: three old and never used (the dry run's), one old and
// used (kept), one fresh (too young for the dry run).
const dcr = {} as Record<'alpha' | 'beta' | 'gamma' | 'used' | 'fresh', OAuthApp>;
let rotated: OAuthApp;
let trailed: OAuthApp | undefined;
let channel: Channel;

async function registerAnonymously(name: string): Promise<OAuthApp> {
    const anonymous = new OAuthClient();
    anonymous.setUrl(env.siteURL);
    for (let tries = 0; ; tries++) {
        try {
            // eslint-disable-next-line no-await-in-loop
            return await admin.getOAuthApp((await anonymous.registerOAuthClient({client_name: name, redirect_uris: [CALLBACK]})).client_id);
        } catch (err) {
            // The server lets anonymous callers register about twice a second.
            if ((err as {status_code?: number}).status_code !== 429 || tries > 10) {
                throw err;
            }
            // eslint-disable-next-line no-await-in-loop
            await new Promise((r) => setTimeout(r, 1000));
        }
    }
}

async function setAuditChannel(value: string) {
    const config = await admin.getConfig() as AdminConfig;
    const plugins = (config.PluginSettings.Plugins ?? {}) as Record<string, Record<string, unknown>>;
    plugins['oauth-manager'] = {...(plugins['oauth-manager'] ?? {}), auditchannelid: value};
    config.PluginSettings.Plugins = plugins as AdminConfig['PluginSettings']['Plugins'];
    await admin.updateConfig(config);
}

async function auditChannelSetting(): Promise<unknown> {
    const config = await admin.getConfig() as AdminConfig;
    return (config.PluginSettings.Plugins as Record<string, Record<string, unknown>>)['oauth-manager']?.auditchannelid;
}

beforeAll(async () => {
    dcr.alpha = await registerAnonymously(`${tag} MCP alpha`);
    dcr.beta = await registerAnonymously(`${tag} MCP beta`);
    dcr.gamma = await registerAnonymously(HOSTILE);
    dcr.used = await registerAnonymously(`${tag} MCP used`);
    dcr.fresh = await registerAnonymously(`${tag} MCP fresh`);

    // Registered 60 days ago, as far as the database knows.
    const old = [dcr.alpha, dcr.beta, dcr.gamma, dcr.used].map((a) => `'${a.id}'`).join(',');
    sql(`UPDATE oauthapps SET createat = createat - ${60 * DAY_MS} WHERE id IN (${old})`);
    await authorizeAndUse(env.siteURL, clientAs(env, 'plain'), dcr.used, CALLBACK);

    rotated = await admin.createOAuthApp({name: `${tag} rotate`, description: 'console governance', homepage: `https://${tag}.example.com`, callback_urls: [CALLBACK], icon_url: ''});
    channel = await admin.createChannel({team_id: env.teamId, name: `${tag}-audit`, display_name: `OAuth audit ${tag}`, type: 'P'} as Channel);
});

afterAll(async () => {
    await setAuditChannel('').catch(() => undefined);
    await Promise.all([...Object.values(dcr), rotated, trailed].filter(Boolean).map((a) => admin.deleteOAuthApp(a!.id).catch(() => undefined)));
    if (channel) {
        await admin.deleteChannel(channel.id).catch(() => undefined);
    }
});

describeWithWebapp('governance in the System Console of the real web app', () => {
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

    const picker = () => page.locator(`[id="${PICKER_ID}"]`);
    const pickerStatus = () => page.locator(`[id="${PICKER_ID}-current"]`);

    // The setting's row of the console page: its label, the picker and its help text.
    const settingRow = (): Locator => page.locator('.form-group').filter({has: picker()});

    test('the audit channel picker: search every team\'s channels, choose one, Save; the trail then posts there', async () => {
        await page.goto(env.siteURL + consolePath);
        await picker().waitFor();
        expect(await pickerStatus().innerText()).toBe('Posting in: Off: the bot posts nothing.');

        await picker().fill(`OAuth audit ${tag}`);
        const results = page.getByRole('list', {name: `Channels matching “OAuth audit ${tag}”`});
        await results.waitFor();
        const option = results.getByRole('button', {name: new RegExp(`^Post in OAuth audit ${tag} \\(`)});
        expect(await option.innerText()).toMatch(new RegExp(`^OAuth audit ${tag} .+ · ~${tag}-audit · Private$`));
        await shotOfElement(page, settingRow(), 'console-audit-channel.png');

        await option.click();
        expect(await pickerStatus().innerText()).toMatch(new RegExp(`^Posting in: OAuth audit ${tag} .+ · ~${tag}-audit · Private$`));
        await page.getByRole('button', {name: 'Save', exact: true}).click();
        await page.waitForFunction(async (id) => {
            const r = await fetch('/api/v4/config', {headers: {'X-Requested-With': 'XMLHttpRequest'}});
            const config = await r.json() as {PluginSettings: {Plugins: Record<string, {auditchannelid?: string}>}};
            return config.PluginSettings.Plugins['oauth-manager']?.auditchannelid === id;
        }, channel.id, {timeout: 15_000});
        expect(await auditChannelSetting()).toBe(channel.id);

        // Read back by id after a reload; the trail panel names it too.
        await page.goto(env.siteURL + consolePath);
        await page.waitForFunction((id) => document.getElementById(id + '-current')?.textContent?.includes('~'), PICKER_ID, {timeout: 15_000});
        expect(await pickerStatus().innerText()).toMatch(new RegExp(`^Posting in: OAuth audit ${tag} `));
        const panel = page.getByRole('region', {name: 'Change trail status'});
        await panel.getByText(`OAuth audit ${tag} (~${tag}-audit)`, {exact: false}).waitFor({timeout: 15_000});
        await shotOfElement(page, settingRow(), 'console-audit-channel-chosen.png');

        // A change made outside the plugin, then a check now: the bot posts it in the chosen channel.
        trailed = await admin.createOAuthApp({name: `${tag} trailed`, description: '', homepage: 'https://example.com', callback_urls: [CALLBACK], icon_url: ''});
        await panel.getByRole('button', {name: 'Check for changes now'}).click();
        const said = panel.getByRole('status');
        await said.waitFor({timeout: 60_000});
        expect(await said.innerText()).toMatch(/^Checked: (one change|\d+ changes) found; (one post|\d+ posts) made\.$/);
        await panel.getByText(/^Last check: \w{3} \d{1,2}, \d{4}/).waitFor();
        await shotOfElement(page, page.getByRole('region', {name: 'Change trail and audit channel'}), 'console-governance.png');
        const appId = trailed.id;
        const about = (p: Post) => (p.props?.oauth_manager as {app_id?: string} | undefined)?.app_id === appId;
        let posts: Post[] = [];
        for (let i = 0; i < 30 && !posts.length; i++) {
            // eslint-disable-next-line no-await-in-loop
            const list = await admin.getPosts(channel.id, 0, 100);
            posts = Object.values(list.posts).filter(about);
            if (!posts.length) {
                // eslint-disable-next-line no-await-in-loop
                await new Promise((r) => setTimeout(r, 500));
            }
        }
        expect(posts.map((p) => (p.props.oauth_manager as {type: string}).type)).toEqual(['app_created']);
    });

    test('the DCR view lists the registered clients with their usage; a dry run, a confirmation, then the summary', async () => {
        await page.goto(env.siteURL + consolePath);
        const section = page.getByRole('region', {name: 'Dynamically registered clients'});
        await section.getByRole('button', {name: 'Show the registered clients'}).click();
        const table = section.getByRole('table', {name: 'Dynamically registered clients'});
        await table.waitFor();
        const row = (app: OAuthApp) => table.getByRole('row').filter({has: page.getByText(app.name, {exact: true})});
        await row(dcr.fresh).waitFor();
        const cells = async (app: OAuthApp) => row(app).getByRole('cell').allInnerTexts();

        // Anyone may register such a client: its name is text, never markup.
        expect((await cells(dcr.gamma))[0]).toBe(`${HOSTILE}\nNever used`);
        expect(await table.locator('img, a').count()).toBe(0);
        expect((await cells(dcr.alpha)).slice(2)).toEqual([CALLBACK, expect.stringMatching(/^\w{3} \d{1,2}, \d{4}$/), '0', 'Never']);
        expect((await cells(dcr.used))[0]).not.toContain('Never used');
        expect((await cells(dcr.used))[4]).toBe('1');

        // The whole table inside the section at 1280 px.
        const fit = await table.evaluate((t) => ({right: t.getBoundingClientRect().right, section: t.closest('.config-section')!.getBoundingClientRect().right}));
        expect(fit.right).toBeLessThanOrEqual(Math.min(fit.section, 1280));

        // The dry run: exactly the old, never used clients; nothing deleted.
        await section.getByLabel('Only clients registered at least').fill('30');
        await section.getByRole('button', {name: 'Dry run'}).click();
        const plan = section.getByRole('table', {name: 'Clients the dry run would delete'});
        await plan.waitFor();
        const planned = (await plan.getByRole('row').allInnerTexts()).slice(1).filter((r) => r.includes(tag));
        expect(planned.map((r) => r.split('\t')[1]).sort()).toEqual([dcr.alpha.id, dcr.beta.id, dcr.gamma.id].sort());
        expect(planned.every((r) => r.endsWith('Never used'))).toBe(true);
        const count = Number((/^Dry run: (\d+) clients would be deleted/).exec(await section.getByText(/^Dry run: /).innerText())?.[1]);
        expect(count).toBe((await plan.getByRole('row').count()) - 1);
        expect(await statusOf(admin.getOAuthApp(dcr.alpha.id))).toBe(200);
        await shotOfElement(page, section, 'console-dcr.png');

        // Someone uses beta between the dry run and the confirmation: it is skipped.
        await authorizeAndUse(env.siteURL, clientAs(env, 'dev'), dcr.beta, CALLBACK);
        await section.getByRole('button', {name: `Delete these ${count} clients…`}).click();
        const dialog = page.getByRole('dialog', {name: `Delete ${count} dynamically registered clients?`});
        await dialog.waitFor();
        expect(await dialog.innerText()).toContain('A client used since the dry run is skipped.');
        await dialog.getByRole('button', {name: `Delete ${count} clients`}).click();
        const summary = section.getByRole('status', {name: 'Prune unused clients'});
        await summary.waitFor({timeout: 30_000});
        expect(await summary.innerText()).toMatch(new RegExp(`^Prune done: ${count - 1} deleted, 1 skipped, 0 failed\\.`));
        const items = await summary.getByRole('listitem').allInnerTexts();
        expect(items).toEqual(expect.arrayContaining([`${dcr.alpha.name} (${dcr.alpha.id})`, `${HOSTILE} (${dcr.gamma.id})`, `${dcr.beta.name} (${dcr.beta.id}): used since the dry run`]));
        await shotOfElement(page, section, 'console-dcr-pruned.png');

        expect(await statusOf(admin.getOAuthApp(dcr.alpha.id))).toBe(404);
        expect(await statusOf(admin.getOAuthApp(dcr.gamma.id))).toBe(404);
        for (const kept of [dcr.beta, dcr.used, dcr.fresh]) {
            // eslint-disable-next-line no-await-in-loop
            expect(await statusOf(admin.getOAuthApp(kept.id))).toBe(200);
        }
        await row(dcr.alpha).waitFor({state: 'detached'});
    });

    test('Rotate secret: a confirmation, the new secret masked until shown, and the checklist', async () => {
        await page.goto(env.siteURL + consolePath);
        await page.getByRole('searchbox', {name: 'Search'}).fill(`${tag} rotate`);
        const apps = page.getByRole('table', {name: 'OAuth apps'});
        await apps.getByText(rotated.name, {exact: true}).waitFor();
        await page.getByRole('button', {name: `Details of ${rotated.name}`}).click();
        const details = page.getByRole('region', {name: `Details of ${rotated.name}`});
        expect(await details.innerText()).toMatch(/Secret age\s+(\d+ days? \(since .+\)|not known yet: .+)\n/);

        await details.getByRole('button', {name: `Rotate the secret of ${rotated.name}, with a checklist`}).click();
        const dialog = page.getByRole('dialog', {name: `Rotate the secret of ${rotated.name}?`});
        await dialog.getByRole('button', {name: 'Rotate secret'}).click();
        const result = page.getByRole('status', {name: 'Rotated client secret'});
        await result.waitFor({timeout: 15_000});
        const fresh = await admin.getOAuthApp(rotated.id);
        expect(fresh.client_secret).not.toBe(rotated.client_secret);
        const secret = result.getByLabel(`New client secret of ${rotated.name}`);
        expect(await secret.innerText()).toBe('••••••••');
        expect(await page.locator('body').innerText()).not.toContain(fresh.client_secret);
        const text = await result.innerText();
        expect(text).toContain(`Give the new secret to the integration behind this app. Its homepage: https://${tag}.example.com`);
        expect(text).toContain(CALLBACK);
        expect(text).toContain('The app was never used: no integration should break.');
        await shotOfElement(page, result, 'console-rotate.png');

        await result.getByRole('button', {name: `Show the new secret of ${rotated.name}`}).click();
        expect(await secret.innerText()).toBe(fresh.client_secret);
        await result.getByRole('button', {name: 'I have stored it'}).click();
        await result.waitFor({state: 'detached'});
        expect(await page.locator('body').innerText()).not.toContain(fresh.client_secret);
    });
});
