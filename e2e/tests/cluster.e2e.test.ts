// Two Mattermost servers sharing one database and one file store, each running
// the plugin (e2e/lib/second_server.ts: no license and no cluster messaging on
// the pinned server, so each server has its own config, set on each). Changes
// made on either server, with both running the trail at once again and again
// and on their own schedule, are each reported exactly once; a scheduled prune
// run by both deletes each client once and says so in one post.
import {readFileSync} from 'node:fs';

import type {Channel} from '@mattermost/types/channels';
import type {OAuthApp} from '@mattermost/types/integrations';

import {loadEnv} from '../lib/env';
import {appsOf, auditPosts, client, command, createAuditChannel, eventsFor, exists, field, getPluginSettings, pluginKV, putPluginSettings,
    registerClient, route, runTrail, setPluginSettings, until, writeAuditArtifact} from '../lib/governance';
import type {AuditPost, Governance} from '../lib/governance';
import {startSecondServer} from '../lib/second_server';
import type {SecondServer} from '../lib/second_server';

const env = loadEnv();
const S1 = env.siteURL;
const ADMIN = env.users.admin.token;
const DEV = env.users.dev.token;
const run = Date.now().toString(36);
const CALLBACK = `https://cluster-${run}.example.com/cb`;
const where = {channelId: env.channelId, teamId: env.teamId};

let second: SecondServer;
let S2 = '';
let channel: Channel;
let savedSettings: Record<string, unknown> = {};
const made = new Set<string>();

// Every client secret seen here: none may reach either server's log or the KV store.
const secrets = new Set<string>();
const keep = (secret?: string) => secret && secrets.add(secret);

const posts = () => auditPosts(S1, ADMIN, channel.id);
const shape = (g: Governance) => Object.fromEntries(Object.entries({type: g.type, fields: g.fields && [...g.fields].sort(), via: g.via, actor_id: g.actor_id}).filter(([, v]) => v !== undefined));
const shapes = (list: AuditPost[], appId: string) => eventsFor(list, appId).map((p) => shape(p.props.oauth_manager!));

// Both servers run the trail at the same moment, `rounds` times.
async function bothAtOnce(rounds = 3) {
    for (let i = 0; i < rounds; i++) {
        // eslint-disable-next-line no-await-in-loop
        const results = await Promise.all([runTrail(S1, ADMIN), runTrail(S2, ADMIN)]);
        expect(results.every((r) => typeof r.ran === 'boolean')).toBe(true);
    }
}

async function createOn(siteURL: string, name: string): Promise<OAuthApp> {
    const app = await client(siteURL, ADMIN).createOAuthApp({name, description: `cluster e2e ${run}`, homepage: 'https://example.com', callback_urls: [CALLBACK]} as OAuthApp);
    made.add(app.id);
    keep(app.client_secret);
    return app;
}

async function registerOn(siteURL: string, name: string): Promise<string> {
    const {client_id: id, client_secret: secret} = await registerClient(siteURL, name, CALLBACK);
    made.add(id);
    keep(secret);
    return id;
}

beforeAll(async () => {
    savedSettings = await getPluginSettings(S1, ADMIN);
    channel = await createAuditChannel(S1, ADMIN, env.teamId, `cluster-${run}`);

    // Set before server 2 starts: it starts from a copy of server 1's config.
    await setPluginSettings(S1, ADMIN, {AuditChannelID: channel.id, TrailIntervalMinutes: 1});
    second = await startSecondServer(env);
    S2 = second.siteURL;
    process.stdout.write(`[e2e] second server on ${S2} (pid ${second.pid}): plugin running ${second.startMs} ms after the start\n`);
}, 180_000);

afterAll(async () => {
    if (channel) {
        writeAuditArtifact('cluster-audit-channel.md', await posts());
    }
    await second?.stop();
    const admin = client(S1, ADMIN);
    await Promise.all([...made].map((id) => admin.deleteOAuthApp(id).catch(() => undefined)));
    await putPluginSettings(S1, ADMIN, savedSettings);
});

test('both servers run the plugin, without a license, each with its own config', async () => {
    const paths = [];
    for (const url of [S1, S2]) {
        const c = client(url, ADMIN);
        // eslint-disable-next-line no-await-in-loop
        const status = (await c.getPluginStatuses()).find((s) => s.plugin_id === 'oauth-manager');
        expect(status?.state).toBe(2);
        paths.push(status?.plugin_path);
        // eslint-disable-next-line no-await-in-loop
        const license = await (await fetch(`${url}/api/v4/license/client?format=old`, {headers: {Authorization: `Bearer ${ADMIN}`}})).json() as {IsLicensed: string};
        expect(license.IsLicensed).toBe('false');
        // eslint-disable-next-line no-await-in-loop
        const governance = await route<{audit_channel: {id: string} | null; trail: {interval_minutes: number}}>(url, ADMIN, 'GET', '/governance');
        expect(governance.status).toBe(200);
        expect(governance.body.audit_channel?.id).toBe(channel.id);
        expect(governance.body.trail.interval_minutes).toBe(1);
    }
    expect(paths[0]).not.toBe(paths[1]);

    // A setting saved on server 1 now does not reach server 2.
    await setPluginSettings(S1, ADMIN, {E2EConfigProbe: run});
    expect((await getPluginSettings(S1, ADMIN)).e2econfigprobe).toBe(run);
    expect((await getPluginSettings(S2, ADMIN)).e2econfigprobe).toBeUndefined();
});

describe('changes made on either server', () => {
    const ids: Record<string, string> = {};
    let seen = new Set<string>();

    test('are each reported once while both servers run the trail at once', async () => {
        await runTrail(S1, ADMIN);
        seen = new Set((await posts()).map((p) => p.id));

        ids.a1 = (await createOn(S1, `cluster-${run}-a1`)).id;
        ids.a2 = (await createOn(S1, `cluster-${run}-a2`)).id;
        ids.b1 = (await createOn(S2, `cluster-${run}-b1`)).id;
        ids.b2 = (await createOn(S2, `cluster-${run}-b2`)).id;
        const created = await command(S2, DEV, where, `/oauth create --name cluster-${run}-p1 --homepage https://example.com --callback ${CALLBACK}`);
        ids.p1 = field(created, 'Client ID');
        made.add(ids.p1);
        keep(field(created, 'Client secret'));
        ids.d1 = await registerOn(S2, `cluster-${run}-d1`);
        await bothAtOnce();

        const admin1 = client(S1, ADMIN);
        const admin2 = client(S2, ADMIN);
        await admin2.editOAuthApp({...await admin2.getOAuthApp(ids.a1), name: `cluster-${run}-a1-renamed`});
        keep((await admin1.regenOAuthAppSecret(ids.b1)).client_secret);
        await admin2.deleteOAuthApp(ids.a2);
        await admin1.deleteOAuthApp(ids.b2);
        await command(S1, DEV, where, `/oauth rotate ${ids.p1} --yes`);
        keep((await admin1.getOAuthApp(ids.p1)).client_secret);
        await bothAtOnce();

        const after = (await posts()).filter((p) => !seen.has(p.id));
        const outside = {via: 'outside', actor_id: ''};
        const byDev = {via: 'plugin', actor_id: env.users.dev.id};
        expect(Object.fromEntries(Object.entries(ids).map(([k, id]) => [k, shapes(after, id)]))).toEqual({
            a1: [{type: 'app_created', ...outside}, {type: 'app_changed', fields: ['name'], ...outside}],
            a2: [{type: 'app_created', ...outside}, {type: 'app_deleted', ...outside}],
            b1: [{type: 'app_created', ...outside}, {type: 'app_changed', fields: ['client_secret'], ...outside}],
            b2: [{type: 'app_created', ...outside}, {type: 'app_deleted', ...outside}],
            p1: [{type: 'app_created', ...byDev}, {type: 'app_changed', fields: ['client_secret'], ...byDev}],
            d1: [{type: 'dcr_registered'}],
        });
        const all = await posts();
        const eventIds = all.map((p) => p.props.oauth_manager!.event_id);
        expect(new Set(eventIds).size).toBe(eventIds.length);
        expect(all.filter((p) => p.props.oauth_manager!.type === 'trail_started')).toHaveLength(1);
    });

    test('on their own schedule (interval 1 minute): one tick reports a change once', async () => {
        const c1 = (await createOn(S2, `cluster-${run}-c1`)).id;
        const reported = await until('a scheduled trail run reporting the new app', async () => {
            const list = eventsFor(await posts(), c1);
            return list.length > 0 ? list : undefined;
        }, {timeoutMs: 80_000, intervalMs: 1000});
        expect(reported.map((p) => shape(p.props.oauth_manager!))).toEqual([{type: 'app_created', via: 'outside', actor_id: ''}]);
        await bothAtOnce(2);
        expect(shapes(await posts(), c1)).toHaveLength(1);
    }, 120_000);
});

test('a scheduled prune run by both servers deletes each client once, in one post', async () => {
    const settings = {ScheduledPrune: true, PruneAfterDays: 0, PruneMaxPerRun: 1000};
    await setPluginSettings(S1, ADMIN, settings);
    await setPluginSettings(S2, ADMIN, settings);
    const clients = [await registerOn(S1, `cluster-${run}-e1`), await registerOn(S2, `cluster-${run}-e2`), await registerOn(S1, `cluster-${run}-e3`)];
    await bothAtOnce();

    for (const id of clients) {
        // eslint-disable-next-line no-await-in-loop
        expect([id, await exists(S1, ADMIN, id)]).toEqual([id, false]);
    }
    const prunes = (await posts()).filter((p) => p.props.oauth_manager!.type === 'prune' && appsOf(p.props.oauth_manager!).some((id) => clients.includes(id)));
    expect(prunes).toHaveLength(1);
    const g = prunes[0].props.oauth_manager!;
    expect(g.scheduled).toBe(true);
    expect(clients.map((id) => g.deleted!.filter((d) => d === id).length)).toEqual([1, 1, 1]);
    expect([...(g.skipped ?? []), ...(g.failed ?? [])].filter((id) => clients.includes(id))).toEqual([]);

    // Each client: registered once, pruned once; also reported deleted by the
    // plugin's bot at most once (seen: once, besides the prune post).
    const bot = (await route<{bot_user_id: string}>(S1, ADMIN, 'GET', '/governance')).body.bot_user_id;
    const all = await posts();
    for (const id of clients) {
        const list = shapes(all, id);
        expect([id, list.filter((e) => e.type !== 'app_deleted').map((e) => e.type).sort()]).toEqual([id, ['dcr_registered', 'prune']]);
        const deletions = list.filter((e) => e.type === 'app_deleted');
        expect(deletions.length).toBeLessThanOrEqual(1);
        deletions.forEach((e) => expect(e).toEqual({type: 'app_deleted', via: 'plugin', actor_id: bot}));
    }

    // Put the schedule back before server 1 goes on serving other tests.
    await setPluginSettings(S1, ADMIN, {ScheduledPrune: false});
    await setPluginSettings(S2, ADMIN, {ScheduledPrune: false});
});

test('no secret seen here is in either server\'s log or the plugin KV store', () => {
    expect(secrets.size).toBeGreaterThanOrEqual(10);
    const logs = [process.env.E2E_SERVER_LOG!, second.logFile].map((file) => readFileSync(file, 'utf8'));
    expect(logs.every((log) => log.includes('oauth-manager'))).toBe(true);
    const kv = pluginKV().map((row) => row.value).join('\n');
    expect([...secrets].filter((secret) => logs.some((log) => log.includes(secret)) || kv.includes(secret)).map((secret) => secret.slice(0, 4))).toEqual([]);
});
