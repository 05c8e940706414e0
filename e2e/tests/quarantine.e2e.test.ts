// Quarantine and release on a real server (issue 15): a quarantined app takes
// no new authorization and refreshes no token with its old secret; tokens
// already issued keep working (what quarantine does not do); release brings
// the flow back with a new secret; a quarantine the caller may not make
// changes nothing.
import type {OAuthApp} from '@mattermost/types/integrations';

import {clientAs, loadEnv, statusOf} from '../lib/env';
import {auditPosts, client, command, createAuditChannel, eventsFor, field, getPluginSettings, pluginKV, putPluginSettings, route, runTrail, setPluginSettings} from '../lib/governance';
import type {AuditPost} from '../lib/governance';
import {authorizeAndUse} from '../lib/oauth_flow';

const env = loadEnv();
const S = env.siteURL;
const ADMIN = env.users.admin.token;
const DEV = env.users.dev.token;
const run = Date.now().toString(36);
const CALLBACK = `https://quarantine-${run}.example.com/cb`;
const INERT = 'https://quarantined.invalid/oauth-manager';
const where = {channelId: env.channelId, teamId: env.teamId};

let app: OAuthApp;
let channelId = '';
let savedSettings: Record<string, unknown> = {};

// The trail's posts about the app since the last call, as {type, fields, via, actor_id}.
const seen = new Set<string>();
async function trailSince() {
    expect((await runTrail(S, ADMIN)).ran).toBe(true);
    const posts = (await auditPosts(S, ADMIN, channelId)).filter((p: AuditPost) => !seen.has(p.id));
    posts.forEach((p) => seen.add(p.id));
    return eventsFor(posts, app.id).map((p) => {
        const g = p.props.oauth_manager!;
        return {type: g.type, fields: g.fields && [...g.fields].sort(), via: g.via, actor_id: g.actor_id};
    });
}

// The code of a fresh authorization by the dev user, or the error it met.
async function authorize(appId: string, redirectUri: string): Promise<string> {
    const {redirect} = await clientAs(env, 'dev').authorizeOAuthApp('code', appId, redirectUri, 'state-q', '') as unknown as {redirect: string};
    const code = new URL(redirect).searchParams.get('code');
    if (!code) {
        throw new Error(`no code in the redirect ${redirect}`);
    }
    return code;
}

async function token(params: Record<string, string>): Promise<{status: number; body: {access_token?: string; refresh_token?: string}}> {
    const response = await fetch(`${S}/oauth/access_token`, {
        method: 'POST',
        headers: {'Content-Type': 'application/x-www-form-urlencoded'},
        body: new URLSearchParams(params),
    });
    const text = await response.text();
    return {status: response.status, body: response.status === 200 ? JSON.parse(text) : {}};
}

const read = () => client(S, ADMIN).getOAuthApp(app.id);
const record = () => pluginKV().find((row) => row.key === `quarantine-${app.id}`);

beforeAll(async () => {
    savedSettings = await getPluginSettings(S, ADMIN);
    channelId = (await createAuditChannel(S, ADMIN, env.teamId, `quarantine-${run}`)).id;
    await setPluginSettings(S, ADMIN, {AuditChannelID: channelId});
    app = await clientAs(env, 'dev').createOAuthApp({name: `quarantine-${run}`, description: 'quarantine e2e', homepage: 'https://example.com', callback_urls: [CALLBACK], is_trusted: false} as OAuthApp);
});

afterAll(async () => {
    await client(S, ADMIN).deleteOAuthApp(app.id).catch(() => undefined);
    await putPluginSettings(S, ADMIN, savedSettings);
});

test('quarantine stops new authorizations and refreshes with the old secret; release brings the flow back with a new secret', async () => {
    // A real authorization-code flow: an access token and a refresh token.
    const code = await authorize(app.id, CALLBACK);
    const issued = await token({grant_type: 'authorization_code', client_id: app.id, client_secret: app.client_secret, code, redirect_uri: CALLBACK});
    expect(issued.status).toBe(200);
    expect(issued.body.refresh_token).toBeTruthy();

    await trailSince();

    // A caller without the permission changes nothing.
    const refused = await route(S, env.users.plain.token, 'POST', '/quarantine', {app_id: app.id});
    expect(refused.status).toBe(403);
    expect((await read()).callback_urls).toEqual([CALLBACK]);
    expect(record()).toBeUndefined();

    // The chat confirmation says what quarantine does not do.
    const confirm = await command(S, DEV, where, `/oauth quarantine ${app.id}`);
    expect(confirm).toContain('tokens already issued stay valid until they expire');
    expect((await read()).callback_urls).toEqual([CALLBACK]);

    const done = await route<{app: OAuthApp & {is_public?: boolean}}>(S, DEV, 'POST', '/quarantine', {app_id: app.id});
    expect(done.status).toBe(200);
    expect(done.body.app.client_secret).toBeFalsy();
    expect(done.body.app.is_public).toBe(false);
    const quarantined = await read();
    expect(quarantined.callback_urls).toEqual([INERT]);
    expect(quarantined.is_trusted).toBe(false);
    expect(record()?.value).toContain(CALLBACK);
    expect(record()?.value).not.toContain(app.client_secret);

    // The change trail names who quarantined it.
    const byDev = {type: 'app_changed', fields: ['callback_urls', 'client_secret'], via: 'plugin', actor_id: env.users.dev.id};
    expect(await trailSince()).toEqual([byDev]);

    // Again: refused, nothing changes.
    expect((await route(S, DEV, 'POST', '/quarantine', {app_id: app.id})).status).toBe(409);

    // No new authorization to the old callback, no refresh with the old secret.
    expect(await statusOf(authorize(app.id, CALLBACK))).not.toBe(200);
    const refreshed = await token({grant_type: 'refresh_token', client_id: app.id, client_secret: app.client_secret, refresh_token: issued.body.refresh_token!, redirect_uri: CALLBACK});
    expect(refreshed.status).not.toBe(200);

    // What quarantine does not do: the access token already issued still works.
    const me = await fetch(`${S}/api/v4/users/me`, {headers: {Authorization: `Bearer ${issued.body.access_token}`}});
    expect(me.status).toBe(200);

    // Release as a caller without the permission: refused, still quarantined.
    expect((await route(S, env.users.plain.token, 'POST', '/release', {app_id: app.id})).status).toBe(403);
    expect((await read()).callback_urls).toEqual([INERT]);

    // Release through the Go half: the callbacks come back, with a new secret shown once.
    const released = await command(S, DEV, where, `/oauth release ${app.id} --yes`);
    expect(released).toContain('Released from quarantine');
    const secret = field(released, 'Client secret');
    expect(secret).toBeTruthy();
    expect(secret).not.toBe(app.client_secret);
    expect((await read()).callback_urls).toEqual([CALLBACK]);
    expect(record()).toBeUndefined();
    expect(await trailSince()).toEqual([byDev]);

    // The flow works again with the new secret.
    const used = await authorizeAndUse(S, clientAs(env, 'dev'), {id: app.id, client_secret: secret}, CALLBACK);
    expect(used.userId).toBe(env.users.dev.id);
});

test('release of an app that is not quarantined changes nothing', async () => {
    const before = await read();
    const answer = await route(S, DEV, 'POST', '/release', {app_id: app.id});
    expect(answer.status).toBe(404);
    const after = await read();
    expect([after.callback_urls, after.client_secret]).toEqual([before.callback_urls, before.client_secret]);
});
