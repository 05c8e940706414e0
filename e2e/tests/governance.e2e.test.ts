// Governance on a real server, against docs/governance.md: the change trail
// reports every change to an app exactly once in the audit channel (made
// through REST, through dynamic client registration, through the plugin's Go
// half and reported by its web half), names the person only when the plugin
// made the change, batches DCR registrations, reports owners who leave; the DCR
// prune's dry run and deletion agree; and no client secret seen in the session
// reaches a post, a log, the KV store, an audit record or a job (the leak scan,
// e2e/lib/leak_scan.ts). The trail is run with POST /trail/run instead of
// waiting for its schedule.
import {join} from 'node:path';

import type {Client4} from '@mattermost/client';
import type {Channel} from '@mattermost/types/channels';
import type {OAuthApp} from '@mattermost/types/integrations';
import type {UserProfile} from '@mattermost/types/users';

import {launch, ARTIFACTS} from '../lib/browser';
import {clientAs, loadEnv} from '../lib/env';
import type {Role} from '../lib/env';
import {appsOf, auditPosts, client, command, createAuditChannel, eventsFor, exists, field, getPluginSettings, psql,
    putPluginSettings, registerClient, route, runTrail, setPluginSettings, writeAuditArtifact} from '../lib/governance';
import type {AuditPost, Governance, Registered} from '../lib/governance';
import {scanSecrets} from '../lib/leak_scan';
import {authorizeAndUse} from '../lib/oauth_flow';
import {newContext, signIn, WEBAPP_VERSION} from '../lib/webapp';

const env = loadEnv();
const S = env.siteURL;
const ADMIN = env.users.admin.token;
const run = Date.now().toString(36);
const CALLBACK = `https://gov-${run}.example.com/cb`;
const CALLBACK2 = `https://gov-${run}.example.com/cb2`;
const where = {channelId: env.channelId, teamId: env.teamId};

// Every client secret this session saw (create, regenerate, rotate and DCR answers, reads).
const secrets = new Set<string>();
const keep = (secret?: string) => secret && secrets.add(secret);

// Apps this file made, removed at the end whatever happened.
const made = new Set<string>();

let channel: Channel;
let botId = '';
let savedSettings: Record<string, unknown> = {};

// Posts present before a step, so a step's posts are told apart.
let seen = new Set<string>();
const posts = () => auditPosts(S, ADMIN, channel.id);
async function newPosts(): Promise<AuditPost[]> {
    return (await posts()).filter((p) => !seen.has(p.id));
}
async function markSeen() {
    seen = new Set((await posts()).map((p) => p.id));
}

// An event as compared: type, sorted fields, via and actor (what the contract names).
function shape(g: Governance) {
    return Object.fromEntries(Object.entries({type: g.type, fields: g.fields && [...g.fields].sort(), via: g.via, actor_id: g.actor_id}).filter(([, v]) => v !== undefined));
}
const shapes = (list: AuditPost[], appId: string) => eventsFor(list, appId).map((p) => shape(p.props.oauth_manager!));

async function restCreate(role: Role, name: string, extra: Partial<OAuthApp> = {}): Promise<OAuthApp> {
    const app = await clientAs(env, role).createOAuthApp({name, description: `governance e2e ${run}`, homepage: 'https://example.com', callback_urls: [CALLBACK], ...extra});
    made.add(app.id);
    keep(app.client_secret);
    return app;
}

// /oauth create through the Go half: the new client id and secret from the answer.
async function pluginCreate(role: Role, name: string): Promise<string> {
    const text = await command(S, env.users[role].token, where, `/oauth create --name ${name} --homepage https://example.com --callback ${CALLBACK}`);
    const id = field(text, 'Client ID');
    made.add(id);
    keep(field(text, 'Client secret'));
    return id;
}

async function register(name: string): Promise<Registered> {
    const registered = await registerClient(S, name, CALLBACK);
    made.add(registered.client_id);
    keep(registered.client_secret);
    return registered;
}

const audit = (role: Role, body: unknown) => route(S, env.users[role].token, 'POST', '/audit', body);

beforeAll(async () => {
    savedSettings = await getPluginSettings(S, ADMIN);
    channel = await createAuditChannel(S, ADMIN, env.teamId, `audit-${run}`);
    await setPluginSettings(S, ADMIN, {AuditChannelID: channel.id});
});

afterAll(async () => {
    // What the bot wrote in this session, for review: e2e/artifacts/audit-channel.md.
    if (channel) {
        writeAuditArtifact('audit-channel.md', await posts());
    }
    const admin = client(S, ADMIN);
    await Promise.all([...made].map((id) => admin.deleteOAuthApp(id).catch(() => undefined)));
    await putPluginSettings(S, ADMIN, savedSettings);
});

describe('routes', () => {
    test('GET /governance names the audit channel, the bot and the settings; admins only', async () => {
        const {status, body} = await route<{
            audit_channel: {id: string; name: string; display_name: string; team_name: string} | null;
            audit_channel_problem: string;
            bot_user_id: string;
            trail: {interval_minutes: number};
            secret_max_age_days: number;
            scheduled_prune: {enabled: boolean; after_days: number; max_per_run: number};
        }>(S, ADMIN, 'GET', '/governance');
        expect(status).toBe(200);
        botId = body.bot_user_id;
        expect(body.bot_user_id).toMatch(/^[a-z0-9]{26}$/);

        // team_name is the team's URL name, as Mattermost's API uses it; the display name is apart.
        const team = await client(S, ADMIN).getTeam(env.teamId);
        expect(body.audit_channel).toEqual({id: channel.id, name: channel.name, display_name: channel.display_name, team_name: team.name, team_display_name: team.display_name});
        expect(body.audit_channel_problem || '').toBe('');
        expect(body.trail.interval_minutes).toBe(5);
        expect(body.secret_max_age_days).toBe(0);
        expect(body.scheduled_prune).toEqual({enabled: false, after_days: 90, max_per_run: 20});

        for (const role of ['dev', 'wide', 'plain'] as Role[]) {
            // eslint-disable-next-line no-await-in-loop
            expect([role, (await route(S, env.users[role].token, 'GET', '/governance')).status]).toEqual([role, 403]);
            // eslint-disable-next-line no-await-in-loop
            expect([role, (await route(S, env.users[role].token, 'POST', '/trail/run')).status]).toEqual([role, 403]);
        }
    });

    // The trail ran when the plugin started, before there was an audit channel:
    // it announces itself when a channel is set, once.
    test('the first run after an audit channel is set posts trail_started with the apps on record, once, as the bot', async () => {
        const onRecord = Number(psql('SELECT count(*) FROM oauthapps'));
        expect((await runTrail(S, ADMIN)).ran).toBe(true);
        expect((await runTrail(S, ADMIN)).ran).toBe(true);
        const all = await posts();
        const started = all.filter((p) => p.props.oauth_manager!.type === 'trail_started');
        expect(started).toHaveLength(1);
        expect(started[0].props.oauth_manager!.apps).toBe(onRecord);
        expect(all.every((p) => p.user_id === botId)).toBe(true);
        await markSeen();
    });
});

describe('the change trail', () => {
    // Phase 1 (creations) and phase 2 (changes): each app's events after both.
    const apps: Record<string, string> = {};
    let dcr: Registered[] = [];
    let phase1: AuditPost[] = [];
    let phase2: AuditPost[] = [];
    let said: {id: string} = {id: ''};

    test('creations through REST, DCR, the Go half and the web half are each reported once', async () => {
        await markSeen();
        for (const name of ['rest-edit', 'rest-regen', 'rest-delete']) {
            // eslint-disable-next-line no-await-in-loop
            apps[name] = (await restCreate('admin', `gov-${run}-${name}`)).id;
        }
        dcr = [await register(`gov-${run}-dcr-1`), await register(`gov-${run}-dcr-2`)];
        for (const name of ['plugin-edit', 'plugin-rotate', 'plugin-delete']) {
            // eslint-disable-next-line no-await-in-loop
            apps[name] = await pluginCreate('dev', `gov-${run}-${name}`);
        }

        // The web half: the REST call as the user, then POST /audit.
        for (const name of ['web-edit', 'web-rotate']) {
            // eslint-disable-next-line no-await-in-loop
            apps[name] = (await restCreate('dev', `gov-${run}-${name}`)).id;
            // eslint-disable-next-line no-await-in-loop
            expect((await audit('dev', {action: 'create', app_id: apps[name]})).status).toBe(204);
        }

        const result = await runTrail(S, ADMIN);
        expect(result.ran).toBe(true);
        phase1 = await newPosts();
        const outside = {type: 'app_created', via: 'outside', actor_id: ''};
        const byDev = {type: 'app_created', via: 'plugin', actor_id: env.users.dev.id};
        expect({
            'rest-edit': shapes(phase1, apps['rest-edit']),
            'rest-regen': shapes(phase1, apps['rest-regen']),
            'rest-delete': shapes(phase1, apps['rest-delete']),
            'plugin-edit': shapes(phase1, apps['plugin-edit']),
            'plugin-rotate': shapes(phase1, apps['plugin-rotate']),
            'plugin-delete': shapes(phase1, apps['plugin-delete']),
            'web-edit': shapes(phase1, apps['web-edit']),
            'web-rotate': shapes(phase1, apps['web-rotate']),
        }).toEqual({
            'rest-edit': [outside],
            'rest-regen': [outside],
            'rest-delete': [outside],
            'plugin-edit': [byDev],
            'plugin-rotate': [byDev],
            'plugin-delete': [byDev],
            'web-edit': [byDev],
            'web-rotate': [byDev],
        });

        // DCR clients: one dcr_registered post for the run naming both, never one by one.
        const registered = phase1.filter((p) => p.props.oauth_manager!.type === 'dcr_registered');
        expect(registered).toHaveLength(1);
        const g = registered[0].props.oauth_manager!;
        expect(g.app_ids).toEqual(expect.arrayContaining(dcr.map((d) => d.client_id)));
        expect(g.count).toBe(g.app_ids!.length);
        for (const d of dcr) {
            expect(shapes(phase1, d.client_id)).toEqual([{type: 'dcr_registered'}]);
        }
    });

    test('POST /audit refuses what the caller could not have done, and unknown actions', async () => {
        // dev may not edit an admin's app; plain holds no OAuth permission.
        expect((await audit('dev', {action: 'edit', app_id: apps['rest-edit']})).status).toBe(403);
        expect((await audit('plain', {action: 'edit', app_id: apps['web-edit']})).status).toBe(403);
        expect((await audit('dev', {action: 'explode', app_id: apps['web-edit']})).status).toBe(400);
    });

    test('changes and deletions are each reported once, with the fields and who made them', async () => {
        await markSeen();

        // A person speaking in the channel: the bot's next posts start a new
        // group, under its name (for the screenshot below).
        said = await client(S, ADMIN).createPost({channel_id: channel.id, message: 'Changing and rotating the test apps now.'} as Parameters<Client4['createPost']>[0]);
        const admin = clientAs(env, 'admin');
        const restEdit = await admin.getOAuthApp(apps['rest-edit']);
        await admin.editOAuthApp({...restEdit, name: `gov-${run}-rest-edited`, callback_urls: [CALLBACK, CALLBACK2]});
        keep((await admin.regenOAuthAppSecret(apps['rest-regen'])).client_secret);
        await admin.deleteOAuthApp(apps['rest-delete']);

        const dev = env.users.dev.token;
        await command(S, dev, where, `/oauth edit ${apps['plugin-edit']} --name gov-${run}-plugin-edited --callback ${CALLBACK} --callback ${CALLBACK2}`);
        const rotated = await command(S, dev, where, `/oauth rotate ${apps['plugin-rotate']} --yes`);
        keep((await admin.getOAuthApp(apps['plugin-rotate'])).client_secret);
        expect(rotated).toContain((await admin.getOAuthApp(apps['plugin-rotate'])).client_secret);
        await command(S, dev, where, `/oauth delete ${apps['plugin-delete']} --yes`);

        const devClient = clientAs(env, 'dev');
        const webEdit = await devClient.getOAuthApp(apps['web-edit']);
        await devClient.editOAuthApp({...webEdit, description: `changed ${run}`});
        expect((await audit('dev', {action: 'edit', app_id: apps['web-edit']})).status).toBe(204);
        const rotate = await route<{app: OAuthApp; checklist: Record<string, unknown>}>(S, dev, 'POST', '/rotate', {app_id: apps['web-rotate']});
        expect(rotate.status).toBe(200);
        keep(rotate.body.app.client_secret);
        expect(rotate.body.app.client_secret).toBe((await devClient.getOAuthApp(apps['web-rotate'])).client_secret);
        expect(Object.keys(rotate.body.checklist).sort()).toEqual(['callback_urls', 'homepage', 'last_used', 'previous_secret_exact', 'previous_secret_since', 'used_since_previous_secret']);

        expect((await runTrail(S, ADMIN)).ran).toBe(true);
        phase2 = await newPosts();
        const outside = {via: 'outside', actor_id: ''};
        const byDev = {via: 'plugin', actor_id: env.users.dev.id};
        expect({
            'rest-edit': shapes(phase2, apps['rest-edit']),
            'rest-regen': shapes(phase2, apps['rest-regen']),
            'rest-delete': shapes(phase2, apps['rest-delete']),
            'plugin-edit': shapes(phase2, apps['plugin-edit']),
            'plugin-rotate': shapes(phase2, apps['plugin-rotate']),
            'plugin-delete': shapes(phase2, apps['plugin-delete']),
            'web-edit': shapes(phase2, apps['web-edit']),
            'web-rotate': shapes(phase2, apps['web-rotate']),
        }).toEqual({
            'rest-edit': [{type: 'app_changed', fields: ['callback_urls', 'name'], ...outside}],
            'rest-regen': [{type: 'app_changed', fields: ['client_secret'], ...outside}],
            'rest-delete': [{type: 'app_deleted', ...outside}],
            'plugin-edit': [{type: 'app_changed', fields: ['callback_urls', 'name'], ...byDev}],
            'plugin-rotate': [{type: 'app_changed', fields: ['client_secret'], ...byDev}],
            'plugin-delete': [{type: 'app_deleted', ...byDev}],
            'web-edit': [{type: 'app_changed', fields: ['description'], ...byDev}],
            'web-rotate': [{type: 'app_changed', fields: ['client_secret'], ...byDev}],
        });

        // A secret change reads "regenerated", never a value.
        for (const name of ['rest-regen', 'plugin-rotate', 'web-rotate']) {
            expect(eventsFor(phase2, apps[name])[0].message).toMatch(/regenerated/i);
        }
    });

    test('runs without changes post nothing more about these apps, even two at once', async () => {
        await markSeen();
        await Promise.all([runTrail(S, ADMIN), runTrail(S, ADMIN)]);
        await runTrail(S, ADMIN);
        const ids = [...Object.values(apps), ...dcr.map((d) => d.client_id)];
        const later = (await newPosts()).filter((p) => appsOf(p.props.oauth_manager!).some((id) => ids.includes(id)));
        expect(later.map((p) => p.props.oauth_manager)).toEqual([]);

        const all = await posts();
        const eventIds = all.map((p) => p.props.oauth_manager!.event_id);
        expect(eventIds.every(Boolean)).toBe(true);
        expect(new Set(eventIds).size).toBe(eventIds.length);
        expect(all.every((p) => p.user_id === botId)).toBe(true);
    });

    // The audit channel as people see it: the real web app, the field-by-field diff.
    (WEBAPP_VERSION ? test : test.skip)('the audit channel in the real web app (e2e/artifacts/audit-channel.png)', async () => {
        const post = eventsFor(phase2, apps['rest-edit'])[0];
        const browser = await launch();
        try {
            const context = await newContext(browser, {width: 1280, height: 900});
            const page = await signIn(context, env, 'admin', `/e2e/channels/${channel.name}`);
            const element = page.locator(`#post_${post.id}`);
            await element.waitFor({timeout: 30_000});

            // The person's message at the top, then the run's posts under the bot's name.
            await page.locator(`#post_${said.id}`).evaluate((el) => el.scrollIntoView({block: 'start'}));
            await page.waitForTimeout(500);
            const jumpToRecents = page.locator('.toast__dismiss');
            if (await jumpToRecents.isVisible()) {
                await jumpToRecents.click();
                await page.waitForTimeout(300);
            }
            await page.mouse.move(640, 860); // no hover menu on a post
            await page.screenshot({path: join(ARTIFACTS, 'audit-channel.png')});
            const text = await element.innerText();
            expect(text).toContain(`gov-${run}-rest-edited`);
            expect(text).toMatch(/callback/i);
        } finally {
            await browser.close();
        }
    });
});

describe('DCR prune', () => {
    type Plan = {plan_id: string; older_than_days: number; count: number; apps: Array<{id: string; name: string; create_at: number; last_used: number; state: string}>};
    type Outcome = {deleted: Array<{id: string; name: string}>; skipped: Array<{id: string; name: string; reason: string}>; failed: Array<{id: string; message: string}>};

    test('the dry run and the deletion agree; a client used meanwhile is skipped; a wrong count deletes nothing', async () => {
        expect((await route(S, env.users.dev.token, 'POST', '/dcr/prune', {older_than_days: 0})).status).toBe(403);

        const clients = [await register(`gov-${run}-prune-1`), await register(`gov-${run}-prune-2`), await register(`gov-${run}-prune-3`)];
        const ids = clients.map((c) => c.client_id);
        await markSeen();

        const dry = await route<Plan>(S, ADMIN, 'POST', '/dcr/prune', {older_than_days: 0});
        expect(dry.status).toBe(200);
        const plan = dry.body;
        expect(plan.older_than_days).toBe(0);
        expect(plan.count).toBe(plan.apps.length);
        const planned = plan.apps.map((a) => a.id);
        expect(planned).toEqual(expect.arrayContaining(ids));
        expect(plan.apps.filter((a) => ids.includes(a.id)).map((a) => a.state)).toEqual(['never_used', 'never_used', 'never_used']);

        // Used after the dry run: a real authorization-code flow.
        const used = clients[1];
        await authorizeAndUse(S, clientAs(env, 'admin'), {id: used.client_id, client_secret: used.client_secret!}, CALLBACK);

        // Another user's plan is not found; a wrong count is refused.
        expect((await route(S, env.users.wide.token, 'POST', '/dcr/prune/confirm', {plan_id: plan.plan_id, count: plan.count})).status).toBe(404);
        expect((await route(S, ADMIN, 'POST', '/dcr/prune/confirm', {plan_id: plan.plan_id, count: plan.count + 1})).status).toBe(400);
        for (const id of planned) {
            // eslint-disable-next-line no-await-in-loop
            expect([id, await exists(S, ADMIN, id)]).toEqual([id, true]);
        }

        const confirm = await route<Outcome>(S, ADMIN, 'POST', '/dcr/prune/confirm', {plan_id: plan.plan_id, count: plan.count});
        expect(confirm.status).toBe(200);
        expect(confirm.body.deleted.map((d) => d.id).sort()).toEqual(planned.filter((id) => id !== used.client_id).sort());
        expect(confirm.body.skipped).toEqual([{id: used.client_id, name: used.client_name, reason: 'used_since'}]);
        expect(confirm.body.failed).toEqual([]);
        expect(await exists(S, ADMIN, used.client_id)).toBe(true);
        for (const id of planned.filter((i) => i !== used.client_id)) {
            // eslint-disable-next-line no-await-in-loop
            expect([id, await exists(S, ADMIN, id)]).toEqual([id, false]);
        }

        // The result in the audit channel: one prune post, not scheduled.
        await runTrail(S, ADMIN);
        const prunePosts = (await newPosts()).filter((p) => p.props.oauth_manager!.type === 'prune');
        expect(prunePosts.map((p) => p.props.oauth_manager!.scheduled)).toEqual([false]);
        expect([...prunePosts[0].props.oauth_manager!.deleted!].sort()).toEqual(confirm.body.deleted.map((d) => d.id).sort());
        expect(prunePosts[0].props.oauth_manager!.skipped).toEqual([used.client_id]);

        // A pruned client the trail had on record is also reported as deleted, by the
        // person who confirmed (seen: the prune post plus this one; the contract says
        // neither way). Never more than once, never as made outside the plugin.
        const after = await newPosts();
        for (const {id} of confirm.body.deleted) {
            const deletions = shapes(after, id).filter((e) => e.type === 'app_deleted');
            expect(deletions.length).toBeLessThanOrEqual(1);
            deletions.forEach((e) => expect(e).toEqual({type: 'app_deleted', via: 'plugin', actor_id: env.users.admin.id}));
        }
    });

    test('through chat: /oauth dcr --prune, then --confirm COUNT', async () => {
        const clients = [await register(`gov-${run}-chat-prune-1`), await register(`gov-${run}-chat-prune-2`)];
        const ids = clients.map((c) => c.client_id);

        // Without --older-than the dry run takes clients older than Stale after (90 days): not these.
        const defaultRun = await command(S, ADMIN, where, '/oauth dcr --prune');
        expect(ids.some((id) => defaultRun.includes(id))).toBe(false);

        const dry = await command(S, ADMIN, where, '/oauth dcr --prune --older-than 0');
        const count = Number(dry.match(/--confirm (\d+)/)?.[1]);
        expect(count).toBeGreaterThanOrEqual(2);

        const wrong = await command(S, ADMIN, where, `/oauth dcr --prune --confirm ${count + 1}`);
        expect(wrong).not.toMatch(/^Deleted/);
        for (const id of ids) {
            // eslint-disable-next-line no-await-in-loop
            expect([id, await exists(S, ADMIN, id)]).toEqual([id, true]);
        }

        await command(S, ADMIN, where, `/oauth dcr --prune --confirm ${count}`);
        for (const id of ids) {
            // eslint-disable-next-line no-await-in-loop
            expect([id, await exists(S, ADMIN, id)]).toEqual([id, false]);
        }
    });
});

test('an owner who leaves: owner_left lists their apps, once', async () => {
    const admin = client(S, ADMIN);
    const password = 'Oauth-e2e-Passw0rd!';
    const user = await admin.createUser({username: `leaver${run}`, email: `leaver${run}@example.com`, password} as UserProfile, '', '');
    await admin.updateUserRoles(user.id, 'system_user system_user_access_token');
    const leaver = client(S, '');
    await leaver.login(user.username, password);
    const owned: string[] = [];
    for (const n of [1, 2]) {
        // eslint-disable-next-line no-await-in-loop
        const app = await leaver.createOAuthApp({name: `gov-${run}-owned-${n}`, description: '', homepage: 'https://example.com', callback_urls: [CALLBACK]} as OAuthApp);
        made.add(app.id);
        keep(app.client_secret);
        owned.push(app.id);
    }
    await runTrail(S, ADMIN);
    await markSeen();

    // Deactivation, as System Console > Users does it.
    expect((await fetch(`${S}/api/v4/users/${user.id}`, {method: 'DELETE', headers: {Authorization: `Bearer ${ADMIN}`}})).status).toBe(200);
    await runTrail(S, ADMIN);
    await runTrail(S, ADMIN);
    const left = (await newPosts()).filter((p) => p.props.oauth_manager!.type === 'owner_left');
    expect(left.map((p) => p.props.oauth_manager!.user_id)).toEqual([user.id]);
    expect([...left[0].props.oauth_manager!.app_ids!].sort()).toEqual([...owned].sort());
});

test('no secret seen in this session is in any post, log, KV store, audit record or job', async () => {
    // The secrets of every app still there, as the REST API gives them to an admin.
    const admin = clientAs(env, 'admin');
    for (const id of made) {
        // eslint-disable-next-line no-await-in-loop
        const app = await admin.getOAuthApp(id).catch(() => undefined);
        keep(app?.client_secret);
    }
    expect(secrets.size).toBeGreaterThanOrEqual(15);

    // The scans read what they claim to: the posts hold the trail's events, the
    // KV store the plugin's trail records and the server log the plugin's lines.
    const lastEvent = (await posts()).pop()!.props.oauth_manager!.event_id;
    const {findings, read} = await scanSecrets(secrets, {require: ['posts', 'logs', 'kv'], expect: {posts: [lastEvent], kv: ['trail-head'], logs: ['oauth-manager']}});
    expect(read.kv.items).toBeGreaterThan(0);
    expect(findings).toEqual([]);
});
