// The console and the read model on a real server: the console's local query
// (webapp/src/store/query.ts) answers every sort and filter as the route does;
// in the real Mattermost web app the table shows the usage a real OAuth flow
// produced, with its badges and filters; and when the self-check turns usage
// or the whole read model off, the manager says so and hides what cannot work.
import {join} from 'node:path';

import type {Browser, BrowserContext, Locator, Page} from 'playwright-core';

import type {OAuthApp} from '@mattermost/types/integrations';

import {OAuthClient} from '../../webapp/src/client/oauth_client';
import type {AppListing, ListingQuery} from '../../webapp/src/client/oauth_client';
import {queryApps, staleCutoff} from '../../webapp/src/store/query';
import {ARTIFACTS, launch} from '../lib/browser';
import {clientAs, loadEnv, sql} from '../lib/env';
import type {Role} from '../lib/env';
import {authorizeAndUse} from '../lib/oauth_flow';
import {LISTING_COLUMN, restartPlugin, retype, USAGE_COLUMN} from '../lib/readmodel';
import {consolePath, newContext, signIn, WEBAPP_VERSION} from '../lib/webapp';

const env = loadEnv();
const admin = clientAs(env, 'admin');
const tag = `cu-${Date.now().toString(36)}`;
const CALLBACK = `https://${tag}.example.com/callback`;
const DAY_MS = 24 * 60 * 60 * 1000;
const describeWithWebapp = WEBAPP_VERSION ? describe : describe.skip;

// One app for each thing the table tells: used by two users through the real
// authorization-code flow; never used; used long ago; legacy; registered by
// DCR (no creator, so orphaned).
const apps = {} as Record<'flow' | 'idle' | 'aged' | 'legacy' | 'dcr', OAuthApp>;

async function create(name: string): Promise<OAuthApp> {
    return admin.createOAuthApp({name, description: `console usage ${tag}`, homepage: 'https://example.com', callback_urls: [CALLBACK], icon_url: ''});
}

// Apps whose order and matches are easy to get wrong (case, punctuation,
// accents, characters beyond U+FFFF, LIKE characters, callbacks whose stored
// JSON differs from their text, ties), by three creators; only the query
// comparison looks at them.
const variety: OAuthApp[] = [];
const VARIETY: Array<[Role, string, string[], Partial<OAuthApp>?]> = [
    ['dev', 'Zeta', ['https://a.example/cb?x=1&y=2']],
    ['wide', 'zeta', ['https://a.example/cb?x=1/y']],
    ['admin', 'alpha-beta', ['https://a.example/cb', 'https://z.example/cb'], {is_trusted: true}],
    ['dev', 'alpha beta', ['https://a.example/cb']],
    ['wide', 'Alpha_Beta', ['https://B.example/cb']],
    ['dev', 'émile', ['https://a.example/é']],
    ['admin', 'Émile', ['https://a.example/cb'], {is_public: true} as Partial<OAuthApp>],
    ['wide', '\u{1F600} bot', ['https://a.example/cb']],
    ['dev', '\uFF26ullwidth 100% _x_', ['https://a.example/100%25']],
    ['admin', 'Zeta', ['https://a.example/cb?x=1&y=2']],
];

async function use(app: OAuthApp, role: Role) {
    const {userId} = await authorizeAndUse(env.siteURL, clientAs(env, role), app, CALLBACK);
    expect(userId).toBe(env.users[role].id);
}

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

beforeAll(async () => {
    apps.flow = await create(`${tag}-flow`);
    await use(apps.flow, 'dev');
    await use(apps.flow, 'plain');
    apps.idle = await create(`${tag}-idle`);
    apps.aged = await create(`${tag}-aged`);
    await use(apps.aged, 'wide');

    // Waiting 200 days is not an option: the aged app's session is dated back,
    // and the legacy app is marked as the Apps Framework marked its apps.
    sql(`UPDATE sessions SET lastactivityat = ${Date.now() - (200 * DAY_MS)} WHERE props->>'oauth_app_id' = '${apps.aged.id}'`);
    apps.legacy = await create(`${tag}-legacy`);
    sql(`UPDATE oauthapps SET mattermostappid = 'com.example.${tag}' WHERE id = '${apps.legacy.id}'`);
    apps.dcr = await registerAnonymously(`${tag}-dcr`);
    for (const [role, name, callbacks, extra] of VARIETY) {
        // eslint-disable-next-line no-await-in-loop
        variety.push(await clientAs(env, role).createOAuthApp({name, description: 'query comparison', homepage: 'https://example.com', callback_urls: callbacks, icon_url: '', ...extra}));
    }
});

afterAll(async () => {
    await Promise.all([...Object.values(apps), ...variety].map((a) => admin.deleteOAuthApp(a.id).catch(() => undefined)));
});

const route = async (q: ListingQuery) => admin.listApps(q) as Promise<AppListing>;

test('the console\'s local query answers every sort and filter as the route does', async () => {
    const everything = await route({all: true});
    expect(everything.apps.map((a) => a.id)).toEqual(expect.arrayContaining(Object.values(apps).map((a) => a.id)));
    const ctx = {usernames: {}, cutoff: staleCutoff(Date.now(), everything.stale_after_days)};
    const sorts: Array<ListingQuery['sort']> = ['name', 'id', 'creator', 'created', 'updated', 'type', 'trusted', 'dcr', 'callbacks', 'users', 'tokens', 'sessions', 'last_used'];
    const queries: ListingQuery[] = [
        ...sorts.flatMap((sort) => [{sort, direction: 'asc' as const}, {sort, direction: 'desc' as const}]),
        ...(['never_used', 'stale', 'used'] as const).map((usage) => ({usage, sort: 'last_used' as const})),
        {orphaned: true}, {orphaned: false}, {legacy: true}, {legacy: false}, {dcr: true}, {trusted: false},
        {type: 'public'}, {type: 'confidential'}, {creator_id: env.users.dev.id},
        {search: tag}, {search: tag.toUpperCase(), usage: 'never_used'}, {search: 'oauthdev'}, {search: `${tag}.example.com/CALLBACK`},
        {search: '%'}, {search: '_'}, {search: '\\'}, {search: 'e'}, {search: ' flow '}, {search: 'ÉMILE'}, {search: 'alpha_'}, {search: 'b.example'},
        {search: 'zeta', sort: 'creator', direction: 'desc'}, {search: 'a.example/cb', sort: 'callbacks'},
    ];

    // The route orders text by the database's collation, the console by code
    // point: the C collation's order. Under another one only the sets compare.
    const collation = sql('SHOW lc_collate').trim();
    const codePointOrder = (/^(C|POSIX)(\.|$)/i).test(collation);
    const textSort = (q: ListingQuery) => ['name', 'creator', 'callbacks'].includes(q.sort ?? 'name');
    const differ: string[] = [];
    for (const q of queries) {
        // eslint-disable-next-line no-await-in-loop
        let server = (await route({...q, all: true})).apps.map((a) => a.id);
        let local = queryApps(everything.apps, q, ctx).map((a) => a.id);
        if (!codePointOrder && textSort(q)) {
            server = [...server].sort();
            local = [...local].sort();
        }
        if (JSON.stringify(local) !== JSON.stringify(server)) {
            differ.push(`${JSON.stringify(q)}: route ${server.length} apps, local ${local.length}; first difference at ${local.findIndex((id, i) => id !== server[i])}`);
        }
    }
    expect(differ).toEqual([]);
    process.stdout.write(`[e2e] local query = route for ${queries.length} queries over ${everything.total} apps (collation ${collation}${codePointOrder ? '' : ': text sorts compared as sets'})\n`);
});

describeWithWebapp('the System Console page in the real web app', () => {
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;

    const table = () => page.getByRole('table', {name: 'OAuth apps'});
    const row = (app: OAuthApp): Locator => table().getByRole('row').filter({has: page.getByText(app.name, {exact: true})});
    const cells = async (app: OAuthApp) => row(app).getByRole('cell').allInnerTexts();

    // The manager from its filter bar down: the notices and the table's head and rows.
    async function shotFromFilters(file: string) {
        await page.getByRole('search', {name: 'Find apps'}).evaluate((bar) => bar.scrollIntoView({block: 'start'}));
        await page.screenshot({path: join(ARTIFACTS, file)});
    }

    // The manager freshly loaded, narrowed to this test's apps.
    async function openManager() {
        await page.goto(env.siteURL + consolePath);
        await page.getByRole('searchbox', {name: 'Search'}).fill(tag);
        await row(apps.legacy).waitFor();
        await page.waitForFunction(() => document.querySelectorAll('table[aria-label="OAuth apps"] tbody tr').length === 5);
    }

    beforeAll(async () => {
        browser = await launch();
        context = await newContext(browser);
        page = await signIn(context, env, 'admin', consolePath);
    });

    afterAll(async () => {
        await browser?.close();
        retype(USAGE_COLUMN, 'bigint');
        retype(LISTING_COLUMN, 'bigint');
        await restartPlugin(env, admin);
    });

    test('the table shows the usage a real OAuth flow produced, with badges, and filters by it; it fits 1280 px', async () => {
        await openManager();
        const listedFlow = (await route({id: apps.flow.id})).apps[0];
        expect(listedFlow.usage).toMatchObject({authorized_users: 2, live_tokens: 2});

        const flow = await cells(apps.flow);
        expect(flow[4]).toBe('2');
        expect(flow[5]).toMatch(/^\w{3} \d{1,2}, \d{4}$/);
        expect(flow[0]).not.toMatch(/Never used|Stale/);
        expect((await cells(apps.idle)).slice(4, 6)).toEqual(['0', 'Never']);
        expect((await cells(apps.idle))[0]).toContain('Never used');
        expect((await cells(apps.aged))[0]).toContain('Stale');
        expect((await cells(apps.aged))[4]).toBe('1');
        expect((await cells(apps.legacy))[0]).toContain('Legacy');
        expect((await cells(apps.dcr))[0]).toMatch(/DCR.*Never used.*Orphaned/s);

        await page.getByRole('button', {name: `Details of ${apps.flow.name}`}).click();
        const details = page.getByRole('region', {name: `Details of ${apps.flow.name}`});
        const text = await details.innerText();
        expect(text).toMatch(/Users who authorized it\s+2/);
        expect(text).toMatch(/Live access tokens\s+2/);
        expect(text).toMatch(new RegExp(`Live OAuth sessions\\s+${listedFlow.usage!.live_sessions}`));
        expect(text).not.toMatch(/Last used\s+(Never|None)/);

        // The whole table inside the section; each row's actions on one line, inside the table.
        const fit = await table().evaluate((t) => {
            const section = t.closest('[aria-label="OAuth 2.0 applications"]')!.getBoundingClientRect();
            const actions = [...t.querySelectorAll('tbody tr')].filter((r) => r.children.length > 1).map((r) => [...r.lastElementChild!.querySelectorAll('button')].map((b) => b.getBoundingClientRect()));
            return {
                right: t.getBoundingClientRect().right,
                sectionRight: section.right,
                lines: actions.map((buttons) => new Set(buttons.map((b) => Math.round(b.top))).size),
                buttonsRight: Math.max(...actions.flat().map((b) => b.right)),
            };
        });
        expect(fit.right).toBeLessThanOrEqual(Math.min(fit.sectionRight, 1280));
        expect(fit.lines).toEqual([1, 1, 1, 1, 1]);
        expect(fit.buttonsRight).toBeLessThanOrEqual(fit.right);
        await shotFromFilters('console-usage.png');
        await page.getByRole('button', {name: `Details of ${apps.flow.name}`}).click();

        const filter = async (id: string, value: string, expected: OAuthApp[]) => {
            await page.locator(id).selectOption(value);
            await page.waitForFunction((n) => document.querySelectorAll('table[aria-label="OAuth apps"] tbody tr').length === n, expected.length);
            for (const app of expected) {
                // eslint-disable-next-line no-await-in-loop
                await row(app).waitFor();
            }
            await page.locator(id).selectOption('any');
        };
        await filter('#oauth-filter-usage', 'used', [apps.flow]);
        await filter('#oauth-filter-usage', 'stale', [apps.aged]);
        await filter('#oauth-filter-usage', 'never_used', [apps.idle, apps.legacy, apps.dcr]);
        await filter('#oauth-filter-orphaned', 'yes', [apps.dcr]);
        await filter('#oauth-filter-legacy', 'yes', [apps.legacy]);
    });

    test('usage figures off: the manager says why and hides the usage columns and filter', async () => {
        retype(USAGE_COLUMN, 'numeric');
        await restartPlugin(env, admin);
        await openManager();
        const notice = page.getByText(/^Usage figures are off: this server's database differs/);
        await notice.waitFor();
        expect(await notice.innerText()).toContain('oauthaccessdata.expiresat is numeric, expected bigint. The Users and Last used columns, the usage filter and the usage sorts are hidden.');
        expect(await table().getByRole('columnheader', {name: 'Users'}).count()).toBe(0);
        expect(await page.locator('#oauth-filter-usage').count()).toBe(0);
        expect(await page.locator('#oauth-filter-orphaned').count()).toBe(1);
        expect((await cells(apps.dcr))[0]).toContain('Orphaned');
        await shotFromFilters('console-usage-off.png');
    });

    test('the read model off: the list comes from the REST API, and the manager says so and why', async () => {
        retype(USAGE_COLUMN, 'bigint');
        retype(LISTING_COLUMN, 'numeric');
        await restartPlugin(env, admin);
        await openManager();
        const notice = page.getByText(/^This list comes from the REST API, page by page, because the plugin cannot read the app list from the database: /);
        await notice.waitFor();
        expect(await notice.innerText()).toContain('oauthapps.createat is numeric, expected bigint. Usage figures, the usage and orphaned filters and the usage sorts are off.');
        expect(await page.locator('#oauth-filter-usage').count()).toBe(0);
        expect(await page.locator('#oauth-filter-orphaned').count()).toBe(0);
        expect((await cells(apps.legacy))[0]).toContain('Legacy');
        expect((await cells(apps.idle))[0]).not.toContain('Never used');
        await shotFromFilters('console-rest-fallback.png');
    });
});
