// Faults on a real server (issue 16): PostgreSQL stopped and started again
// during commands, the listing route and the change trail; the plugin disabled
// and enabled mid-session; the server's REST API refusing the Go half's
// connection, not answering in time, and answering 500 (through the plugin's
// setting "REST API address for the plugin's own calls", pointed at a fault
// proxy). For each: what the person sees (plain words, what to do; never Go's
// error text), that nothing was applied half-way (edit, quarantine, prune, import),
// and that the plugin recovers by itself, in the same process (import too). The change
// trail neither misses nor duplicates a change across the outage and across a
// plugin restart. Last, the leak scan over every secret the session saw.
// The answers are written to e2e/artifacts/faults.md for review.
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';

import type {OAuthApp} from '@mattermost/types/integrations';

import {ARTIFACTS, launch} from '../lib/browser';
import {clientAs, loadEnv, rendered, sql} from '../lib/env';
import {notForPeople, pluginPid, postgresUp, startFaultProxy, startPostgres, stopPostgres, SERVER_ERROR} from '../lib/faults';
import type {FaultProxy} from '../lib/faults';
import {auditPosts, command, createAuditChannel, field, getPluginSettings, putPluginSettings, registerClient, route, runTrail,
    setPluginSettings, until, PLUGIN_ID} from '../lib/governance';
import type {AuditPost, Governance} from '../lib/governance';
import {scanBrowserStorage, scanSecrets} from '../lib/leak_scan';
import {consolePath, newContext, signIn, WEBAPP_VERSION} from '../lib/webapp';

const env = loadEnv();
const S = env.siteURL;
const ADMIN = env.users.admin.token;
const DEV = env.users.dev.token;
const run = Date.now().toString(36);
const CALLBACK = `https://faults-${run}.example.com/cb`;
const where = {channelId: env.channelId, teamId: env.teamId};
const admin = clientAs(env, 'admin');
const RUNNING = 2;

const secrets = new Set<string>();
const keep = (secret?: string) => secret && secrets.add(secret);
const made = new Set<string>();
const answers: Array<[string, string]> = [];

let proxy: FaultProxy;
let savedSettings: Record<string, unknown> = {};
let channelId = '';
let pid = 0;

// A command through commands/execute (the mobile path): the ephemeral text, or
// the server's own error when the server answered the request with one. The
// text as a reader sees it (Markdown escapes and character references undone).
async function say(text: string, token = DEV): Promise<{text: string; status: number}> {
    try {
        return {text: rendered(await command(S, token, where, text)).replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n))), status: 200};
    } catch (err) {
        const e = err as {message?: string; status_code?: number};
        return {text: e.message ?? String(err), status: e.status_code ?? 0};
    }
}

// What the person saw, recorded for the artifact and held to plain words.
function seen(fault: string, text: string) {
    answers.push([fault, text]);
    expect([fault, notForPeople(text)]).toEqual([fault, []]);
}

async function restCreate(name: string, extra: Partial<OAuthApp> = {}): Promise<OAuthApp> {
    const app = await clientAs(env, 'dev').createOAuthApp({name, description: `faults e2e ${run}`, homepage: 'https://example.com', callback_urls: [CALLBACK], ...extra} as OAuthApp);
    made.add(app.id);
    keep(app.client_secret);
    return app;
}

async function pluginCreate(name: string): Promise<string> {
    const text = await command(S, DEV, where, `/oauth create --name ${name} --homepage https://example.com --callback ${CALLBACK}`);
    const id = field(text, 'Client ID');
    made.add(id);
    keep(field(text, 'Client secret'));
    return id;
}

const read = (id: string) => admin.getOAuthApp(id);

// Events as compared: what the contract names, not the random event id.
function shape(g: Governance) {
    return Object.fromEntries(Object.entries({type: g.type, app_id: g.app_id, fields: g.fields && [...g.fields].sort(), via: g.via, actor_id: g.actor_id}).
        filter(([, v]) => v !== undefined));
}

let seenPosts = new Set<string>();
const posts = () => auditPosts(S, ADMIN, channelId);
async function newEvents(ids: string[]): Promise<AuditPost[]> {
    const fresh = (await posts()).filter((p) => !seenPosts.has(p.id));
    seenPosts = new Set([...seenPosts, ...fresh.map((p) => p.id)]);
    return fresh.filter((p) => p.props.oauth_manager!.type === 'trail_started' || ids.includes(p.props.oauth_manager!.app_id ?? ''));
}
const byApp = (a: Record<string, unknown>, b: Record<string, unknown>) => `${a.app_id}${a.type}`.localeCompare(`${b.app_id}${b.type}`);
const shapes = (list: AuditPost[]) => list.map((p) => shape(p.props.oauth_manager!)).sort(byApp);

// Waits until the REST API and the plugin answer again, through the Go half.
async function recovered(probeId: string) {
    await until('the plugin answering after the fault', async () => {
        const {text} = await say(`/oauth show ${probeId}`);
        return text.includes('#### OAuth app:') ? true : undefined;
    }, {timeoutMs: 120_000, intervalMs: 1000});
}

beforeAll(async () => {
    savedSettings = await getPluginSettings(S, ADMIN);
    const channel = await createAuditChannel(S, ADMIN, env.teamId, `faults-${run}`);
    channelId = channel.id;
    await setPluginSettings(S, ADMIN, {AuditChannelID: channelId});
    await runTrail(S, ADMIN);
    seenPosts = new Set((await posts()).map((p) => p.id));
    proxy = await startFaultProxy(S);
    pid = pluginPid();
});

afterAll(async () => {
    if (!postgresUp()) {
        startPostgres();
    }
    await putPluginSettings(S, ADMIN, savedSettings).catch(() => undefined);
    await proxy?.close();
    await Promise.all([...made].map((id) => admin.deleteOAuthApp(id).catch(() => undefined)));
    mkdirSync(ARTIFACTS, {recursive: true});
    writeFileSync(join(ARTIFACTS, 'faults.md'), answers.map(([fault, text]) => `### ${fault}\n\n\`\`\`\`markdown\n${text}\n\`\`\`\``).join('\n\n') + '\n');
});

describe('PostgreSQL stopped and started again', () => {
    // The apps the trail must report, and each run's events.
    const ids: Record<string, string> = {};
    const trail: Array<Array<Record<string, unknown>>> = [];

    test('before: changes are reported by a run', async () => {
        ids.a = (await restCreate(`faults-${run}-a`)).id;
        ids.b = (await restCreate(`faults-${run}-b`)).id;
        ids.c = await pluginCreate(`faults-${run}-c`);
        expect((await runTrail(S, ADMIN)).ran).toBe(true);
        trail.push(shapes(await newEvents(Object.values(ids))));
        const outside = {via: 'outside', actor_id: ''};
        expect(trail[0]).toEqual([
            {type: 'app_created', app_id: ids.a, ...outside},
            {type: 'app_created', app_id: ids.b, ...outside},
            {type: 'app_created', app_id: ids.c, via: 'plugin', actor_id: env.users.dev.id},
        ].sort(byApp));
    });

    test('during: commands, the listing route and the trail say what happened; nothing is applied', async () => {
        // Changes before the outage that the next run must report, once.
        const b = await read(ids.b);
        await admin.editOAuthApp({...b, name: `faults-${run}-b-renamed`});
        await command(S, DEV, where, `/oauth edit ${ids.c} --description "before the outage ${run}"`);

        stopPostgres();
        try {
            const show = await say(`/oauth show ${ids.a}`);
            seen('PostgreSQL stopped: /oauth show', show.text);
            expect(show.text).not.toContain('#### OAuth app:');
            expect(show.text).toMatch(/^Could not answer \/oauth show: the server could not check your session, because its database cannot be reached\. .*try again in a moment/);

            const edit = await say(`/oauth edit ${ids.a} --name faults-${run}-a-during --description "during the outage"`);
            seen('PostgreSQL stopped: /oauth edit (two fields)', edit.text);
            expect(edit.text).not.toMatch(/^Updated/);

            const list = await say('/oauth list');
            seen('PostgreSQL stopped: /oauth list', list.text);

            const listing = await route<{message?: string; unavailable?: string}>(S, DEV, 'GET', '/apps').catch((err) => ({status: -1, body: {message: String(err)}}));
            seen('PostgreSQL stopped: GET /api/v1/apps', `HTTP ${listing.status}: ${listing.body?.message ?? ''}`);
            expect(listing.status).not.toBe(200);

            const trailRun = await route<{message?: string}>(S, ADMIN, 'POST', '/trail/run').catch((err) => ({status: -1, body: {message: String(err)}}));
            seen('PostgreSQL stopped: POST /api/v1/trail/run', `HTTP ${trailRun.status}: ${trailRun.body?.message ?? ''}`);
            expect(trailRun.status).not.toBe(200);
        } finally {
            startPostgres();
        }
        await recovered(ids.a);
        expect(pluginPid()).toBe(pid);

        // Nothing of the edit was applied.
        const a = await read(ids.a);
        expect([a.name, a.description]).toEqual([`faults-${run}-a`, `faults e2e ${run}`]);
    });

    test('after: the listing works again and the next run reports the changes from before the outage, once', async () => {
        const listing = await route<{apps: Array<{id: string}>}>(S, DEV, 'GET', `/apps?search=faults-${run}`);
        expect(listing.status).toBe(200);
        expect(listing.body.apps.map((a) => a.id)).toEqual(expect.arrayContaining([ids.a, ids.b, ids.c]));

        const a = await read(ids.a);
        await admin.editOAuthApp({...a, homepage: 'https://after.example.com'});
        expect((await runTrail(S, ADMIN)).ran).toBe(true);
        trail.push(shapes(await newEvents(Object.values(ids))));
        expect(trail[1]).toEqual([
            {type: 'app_changed', app_id: ids.a, fields: ['homepage'], via: 'outside', actor_id: ''},
            {type: 'app_changed', app_id: ids.b, fields: ['name'], via: 'outside', actor_id: ''},
            {type: 'app_changed', app_id: ids.c, fields: ['description'], via: 'plugin', actor_id: env.users.dev.id},
        ].sort(byApp));
    });

    test('the plugin disabled and enabled: commands get the server\'s answer, then everything works and the trail is intact', async () => {
        const b = await read(ids.b);
        await admin.editOAuthApp({...b, callback_urls: [CALLBACK, `${CALLBACK}2`]});

        expect((await fetch(`${S}/api/v4/plugins/${PLUGIN_ID}/disable`, {method: 'POST', headers: {Authorization: `Bearer ${ADMIN}`}})).status).toBe(200);
        try {
            const disabled = await say(`/oauth show ${ids.a}`);
            seen('plugin disabled: /oauth show (the server answers)', `HTTP ${disabled.status}: ${disabled.text}`);
            expect(disabled.status).toBeGreaterThanOrEqual(400);
            const listing = await fetch(`${S}/plugins/${PLUGIN_ID}/api/v1/apps`, {headers: {Authorization: `Bearer ${DEV}`, 'X-Requested-With': 'XMLHttpRequest'}});
            seen('plugin disabled: GET /api/v1/apps (the server answers)', `HTTP ${listing.status}: ${await listing.text()}`);
            expect(listing.status).toBeGreaterThanOrEqual(400);

            // A change while the plugin is off: the trail must report it when back.
            await admin.deleteOAuthApp(ids.a);
            made.delete(ids.a);
        } finally {
            expect((await fetch(`${S}/api/v4/plugins/${PLUGIN_ID}/enable`, {method: 'POST', headers: {Authorization: `Bearer ${ADMIN}`}})).status).toBe(200);
        }
        await until('the plugin running again', async () => {
            const status = (await admin.getPluginStatuses()).find((s) => s.plugin_id === PLUGIN_ID);
            return status?.state === RUNNING ? true : undefined;
        }, {timeoutMs: 60_000});
        await recovered(ids.b);
        pid = pluginPid();

        // A change after the restart, through the plugin.
        await command(S, DEV, where, `/oauth edit ${ids.c} --homepage https://restarted.example.com`);
        expect((await runTrail(S, ADMIN)).ran).toBe(true);
        trail.push(shapes(await newEvents(Object.values(ids))));
        expect(trail[2]).toEqual([
            {type: 'app_deleted', app_id: ids.a, via: 'outside', actor_id: ''},
            {type: 'app_changed', app_id: ids.b, fields: ['callback_urls'], via: 'outside', actor_id: ''},
            {type: 'app_changed', app_id: ids.c, fields: ['homepage'], via: 'plugin', actor_id: env.users.dev.id},
        ].sort(byApp));

        // Runs without changes add nothing; no event twice, no second trail_started.
        await runTrail(S, ADMIN);
        expect(await newEvents(Object.values(ids))).toEqual([]);
        const all = (await posts()).map((p) => p.props.oauth_manager!);
        expect(all.filter((g) => g.type === 'trail_started')).toHaveLength(1);
        const eventIds = all.map((g) => g.event_id);
        expect(new Set(eventIds).size).toBe(eventIds.length);
    });
});

describe('the REST API behind the Go half fails', () => {
    let app: OAuthApp;

    beforeAll(async () => {
        app = await restCreate(`faults-${run}-rest`, {is_trusted: false});
        await setPluginSettings(S, ADMIN, {RESTAPIAddress: proxy.url});
    });

    afterAll(async () => {
        await setPluginSettings(S, ADMIN, {RESTAPIAddress: ''});
    });

    test('the setting is used: the Go half calls the REST API through the given address', async () => {
        proxy.reset('forward');
        const {text} = await say(`/oauth show ${app.id}`);
        expect(text).toContain(`#### OAuth app: faults-${run}-rest`);
        expect(proxy.seen).toContain(`GET /api/v4/oauth/apps/${app.id}`);
    });

    test('refused: the person is told the plugin could not connect, and what to do; nothing is changed', async () => {
        await setPluginSettings(S, ADMIN, {RESTAPIAddress: proxy.refusedURL});
        try {
            const show = await say(`/oauth show ${app.id}`);
            seen('REST API refuses: /oauth show', show.text);
            expect(show.text).toMatch(/^Could not show the app: the plugin could not connect to this server's REST API \(connection refused\)\. Try again in a moment/);
            expect(show.text).toContain('REST API address for the plugin\'s own calls');

            const edit = await say(`/oauth edit ${app.id} --name faults-${run}-refused --description refused`);
            seen('REST API refuses: /oauth edit (two fields)', edit.text);
            expect(edit.text).toMatch(/could not connect to this server's REST API/);
        } finally {
            await setPluginSettings(S, ADMIN, {RESTAPIAddress: proxy.url});
        }
        const now = await read(app.id);
        expect([now.name, now.description]).toEqual([app.name, app.description]);
        await recovered(app.id);
    });

    test('a 500: the server\'s own message is kept', async () => {
        proxy.reset('error500');
        const show = await say(`/oauth show ${app.id}`);
        seen('REST API answers 500: /oauth show', show.text);
        expect(show.text).toContain('Could not show the app');
        expect(show.text).toContain(SERVER_ERROR.message.replace(/\.$/, ''));
        proxy.reset('forward');
        await recovered(app.id);
    });

    test('a timeout: the person is told the server did not answer in time and to look before retrying', async () => {
        proxy.reset('hang');
        const started = Date.now();
        const show = await say(`/oauth show ${app.id}`);
        seen('REST API does not answer: /oauth show', show.text);
        expect(show.text).toMatch(/^Could not show the app: this server's REST API did not answer in time \(no answer within 15 seconds\)/);
        expect(Date.now() - started).toBeLessThan(60_000);

        // The edit reaches the server, whose answer is lost: all of it or none is applied, never a part.
        proxy.reset('forward');
        proxy.rules.push(({method}) => (method === 'PUT' ? 'swallow' : undefined));
        const edit = await say(`/oauth edit ${app.id} --name faults-${run}-rest-2 --description "timed out"`);
        seen('REST API answer lost: /oauth edit (two fields)', edit.text);
        expect(edit.text).toMatch(/did not answer in time.*the server may have made the change/);
        const now = await read(app.id);
        expect([[app.name, app.description], [`faults-${run}-rest-2`, 'timed out']]).toContainEqual([now.name, now.description]);
        app = now;
        proxy.reset('forward');
        await recovered(app.id);
    }, 120_000);

    test('quarantine with the secret step failing: undone, and the answer says so', async () => {
        const before = await read(app.id);
        proxy.reset('forward');
        proxy.rules.push(({method, url}) => (method === 'POST' && url.includes('/regen_secret') ? 'error500' : undefined));
        const text = (await say(`/oauth quarantine ${app.id} --yes`)).text;
        seen('REST API answers 500 mid-way: /oauth quarantine', text);
        expect(text).toMatch(/^Could not quarantine the app/);
        expect(text).toMatch(/Its callbacks and trust were restored/);
        const after = await read(app.id);
        expect([after.callback_urls, after.is_trusted, after.client_secret]).toEqual([before.callback_urls, before.is_trusted, before.client_secret]);
        expect(sql(`SELECT count(*) FROM pluginkeyvaluestore WHERE pluginid = '${PLUGIN_ID}' AND pkey = 'quarantine-${app.id}'`).trim()).toBe('0');
    });

    test('quarantine with the secret step and its undo failing: the answer states the app\'s state exactly', async () => {
        const before = await read(app.id);
        proxy.reset('forward');
        proxy.rules.push(({method, url}) => (method === 'POST' && url.includes('/regen_secret') ? 'error500' : undefined));
        let puts = 0;
        proxy.rules.push(({method}) => (method === 'PUT' && ++puts > 1 ? 'error500' : undefined));
        const text = (await say(`/oauth quarantine ${app.id} --yes`)).text;
        seen('REST API answers 500 to the secret step and the undo: /oauth quarantine', text);
        expect(text).toContain('its old secret still works');
        expect(text).toContain('quarantined.invalid');
        expect(text).toContain(`restore the callbacks by hand: ${before.callback_urls.join(', ')}.`);
        const after = await read(app.id);
        expect(after.callback_urls).toEqual(['https://quarantined.invalid/oauth-manager']);
        expect(after.is_trusted).toBe(false);
        expect(after.client_secret).toBe(before.client_secret);

        // As the answer says: release puts it back.
        proxy.reset('forward');
        const released = (await say(`/oauth release ${app.id} --yes`)).text;
        const restored = await read(app.id);
        keep(restored.client_secret);
        expect(released).toContain(restored.client_secret);
        expect(restored.callback_urls).toEqual(before.callback_urls);
    });

    test('prune confirmed with a deletion failing: each client deleted or named as failed, as the REST API has them', async () => {
        const clients = await Promise.all([1, 2, 3].map((n) => registerClient(S, `faults-${run}-dcr-${n}`, CALLBACK)));
        clients.forEach((c) => {
            made.add(c.client_id);
            keep(c.client_secret);
        });
        const plan = await route<{count: number; apps: Array<{id: string}>}>(S, ADMIN, 'POST', '/dcr/prune', {older_than_days: 0});
        expect(plan.status).toBe(200);
        const planned = plan.body.apps.map((a) => a.id);
        expect(planned).toEqual(expect.arrayContaining(clients.map((c) => c.client_id)));

        const failing = clients[1].client_id;
        proxy.reset('forward');
        proxy.rules.push(({method, url}) => (method === 'DELETE' && url.endsWith(failing) ? 'error500' : undefined));
        const text = (await say(`/oauth dcr --prune --confirm ${plan.body.count}`, ADMIN)).text;
        seen('REST API answers 500 to one deletion: /oauth dcr --prune --confirm', text);
        expect(text).toContain(failing);
        for (const id of planned) {
            // eslint-disable-next-line no-await-in-loop
            const status = (await fetch(`${S}/api/v4/oauth/apps/${id}`, {headers: {Authorization: `Bearer ${ADMIN}`}})).status;
            expect([id, status]).toEqual([id, id === failing ? 200 : 404]);
        }
        proxy.reset('forward');
    });

    test('import with a create failing mid-way: the earlier update and create are undone, and the answer says so', async () => {
        const before = await read(app.id);
        const record = (name: string, description: string, sourceId = '') => ({
            source_id: sourceId,
            name,
            description,
            homepage: 'https://example.com',
            icon_url: '',
            callback_urls: [CALLBACK],
            is_trusted: false,
            is_public: false,
            is_dynamically_registered: false,
            creator_username: env.users.dev.username,
        });
        const document = {schema: 'oauth-manager.export/v1',
            apps: [
                record(before.name, 'changed by an import', before.id),
                record(`faults-${run}-imported-1`, 'imported'),
                record(`faults-${run}-imported-2`, 'imported'),
            ]};
        type Answer = {plan: string; counts: Record<string, number>; message?: string; undone?: boolean; position?: number; apps?: Array<{client_id: string; client_secret?: string}>};
        proxy.reset('forward');
        const dry = await route<Answer>(S, DEV, 'POST', '/import', {document, match: 'source_id'});
        expect([dry.status, dry.body.counts]).toEqual([200, {create: 2, update: 1, skip: 0}]);

        let creates = 0;
        proxy.rules.push(({method, url}) => (method === 'POST' && url.endsWith('/api/v4/oauth/apps') && ++creates === 2 ? 'error500' : undefined));
        const applied = await route<Answer>(S, DEV, 'POST', '/import', {document, match: 'source_id', apply: true, plan: dry.body.plan});
        seen('REST API answers 500 to the second create: POST /api/v1/import', applied.body.message!);
        expect(applied.status).toBe(500);
        expect(applied.body).toMatchObject({position: 3, undone: true, state: []});
        expect(applied.body.message).toBe(`Record 3 (faults-${run}-imported-2) could not be created: ${SERVER_ERROR.message.replace(/\.$/, '')}. Nothing was imported: the 2 changes before it were undone.`);
        const after = await read(app.id);
        expect([after.name, after.description, after.callback_urls]).toEqual([before.name, before.description, before.callback_urls]);
        const names = (await clientAs(env, 'dev').getOAuthApps(0, 200)).map((a) => a.name);
        expect(names.filter((n) => n.startsWith(`faults-${run}-imported`))).toEqual([]);

        // Without the fault the same file imports whole.
        proxy.reset('forward');
        const again = await route<Answer>(S, DEV, 'POST', '/import', {document, match: 'source_id'});
        const done = await route<Answer>(S, DEV, 'POST', '/import', {document, match: 'source_id', apply: true, plan: again.body.plan});
        expect(done.status).toBe(200);
        for (const a of done.body.apps!) {
            made.add(a.client_id);
            keep(a.client_secret);
        }
        expect((await read(app.id)).description).toBe('changed by an import');
        app = await read(app.id);
    });

    test('the plugin recovered by itself: the same process answers through the REST API again', async () => {
        await setPluginSettings(S, ADMIN, {RESTAPIAddress: ''});
        await recovered(app.id);
        expect(pluginPid()).toBe(pid);
    });
});

test('no secret the fault session saw is in a post, a log, the KV store, audit records, jobs or browser storage', async () => {
    for (const id of made) {
        // eslint-disable-next-line no-await-in-loop
        keep((await read(id).catch(() => undefined))?.client_secret);
    }
    expect(secrets.size).toBeGreaterThanOrEqual(7);
    const lastEvent = (await posts()).pop()!.props.oauth_manager!.event_id;
    const {findings, read: counts} = await scanSecrets(secrets, {
        require: ['posts', 'logs', 'kv'],
        expect: {posts: [lastEvent], logs: ['oauth-manager', 'level":"debug'], kv: ['trail']},
    });
    expect(findings).toEqual([]);
    answers.push(['leak scan: what each source read', JSON.stringify(counts)]);

    if (WEBAPP_VERSION) {
        const browser = await launch();
        try {
            const page = await signIn(await newContext(browser), env, 'admin', consolePath);
            await page.waitForTimeout(3000);
            const scan = await scanBrowserStorage(page, secrets);
            expect(scan.findings).toEqual([]);
            expect(scan.read.browser.items).toBeGreaterThan(0);
            answers.push(['leak scan: what the browser storage read', JSON.stringify(scan.read.browser)]);
        } finally {
            await browser.close();
        }
    }
}, 180_000);
