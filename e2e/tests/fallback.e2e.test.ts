// The read model's fallbacks on a real server. A database the self-check does
// not expect (one column's type changed, as an unexpected server version
// might) turns the usage figures off (a usage column) or the whole listing off
// (an app column); the plugin says which and why, and /oauth list pages the
// REST API instead, on both halves alike. The server itself keeps working with
// the changed types (bigint to numeric reads back as the same integers). The
// types are restored, and the read model comes back, after.
import type {OAuthApp} from '@mattermost/types/integrations';

import {clientAs, loadEnv} from '../lib/env';
import {hookAs} from '../lib/hook';
import {LISTING_COLUMN, restartPlugin, retype, USAGE_COLUMN} from '../lib/readmodel';

const env = loadEnv();
const admin = clientAs(env, 'admin');
const run = Date.now().toString(36);
const web = hookAs(env, 'admin');

type Answer = {status: number; body: {total?: number; apps?: Array<{id: string; usage: unknown}>; usage_off?: string; unavailable?: string; message?: string}};

async function listing(query = ''): Promise<Answer> {
    const response = await fetch(`${env.siteURL}/plugins/oauth-manager/api/v1/apps?${query}`, {headers: {Authorization: `Bearer ${env.users.admin.token}`}});
    return {status: response.status, body: await response.json()};
}

// The server's answer (Go half) and the web half's, which must be the same text.
async function bothHalves(command: string): Promise<string> {
    const response = await admin.executeCommand(command, {channel_id: env.channelId, team_id: env.teamId} as Parameters<typeof admin.executeCommand>[1]);
    const fromWeb = (await web.run(command)).markdown;
    expect(fromWeb).toBe(response.text);
    return response.text;
}

const apps: OAuthApp[] = [];

beforeAll(async () => {
    for (const name of [`fallback-a-${run}`, `fallback-b-${run}`]) {
        // eslint-disable-next-line no-await-in-loop
        apps.push(await admin.createOAuthApp({name, description: '', icon_url: '', homepage: 'https://example.com', callback_urls: ['https://example.com/cb']}));
    }
});

afterAll(async () => {
    retype(USAGE_COLUMN, 'bigint');
    retype(LISTING_COLUMN, 'bigint');
    await restartPlugin(env, admin);
    for (const app of apps) {
        // eslint-disable-next-line no-await-in-loop
        await admin.deleteOAuthApp(app.id);
    }
});

test('a usage column of another type: the listing answers without usage, and says why', async () => {
    retype(USAGE_COLUMN, 'numeric');
    await restartPlugin(env, admin);

    const {status, body} = await listing(`search=${run}&all=true`);
    expect(status).toBe(200);
    expect(body.usage_off).toBe("this server's database differs from the one the plugin was built for: oauthaccessdata.expiresat is numeric, expected bigint");
    expect(body.apps!.map((a) => a.id).sort()).toEqual(apps.map((a) => a.id).sort());
    expect(body.apps!.every((a) => a.usage === null)).toBe(true);
    expect((await listing('usage=stale')).status).toBe(400);

    const text = await bothHalves(`/oauth list --filter ${run}`);
    expect(text).toContain('**2 apps** matching');
    expect(text).not.toContain('| Last used |');
    expect(text).toContain('Usage figures are off: this server');
    expect(await bothHalves(`/oauth show ${apps[0].id}`)).toContain('- **Usage**: not available: this server');
});

test('an app column of another type: the route answers 503, and /oauth list pages the REST API, saying so', async () => {
    retype(USAGE_COLUMN, 'bigint');
    retype(LISTING_COLUMN, 'numeric');
    await restartPlugin(env, admin);

    const {status, body} = await listing('per_page=1');
    expect(status).toBe(503);
    expect(body.unavailable).toBe("this server's database differs from the one the plugin was built for: oauthapps.createat is numeric, expected bigint");
    expect(body.message).toContain('List the apps through the REST API instead');

    // The REST API still lists (and so the fallback has every app).
    expect((await admin.getOAuthApps(0, 200)).map((a) => a.id)).toEqual(expect.arrayContaining(apps.map((a) => a.id)));
    const text = await bothHalves(`/oauth list --all --filter ${run}`);
    expect(text).toContain('**2 apps** matching');
    for (const app of apps) {
        expect(text).toContain(app.id);
    }
    expect(text).toContain('Listed through the REST API, without usage figures, because the plugin cannot read the app list from the database: this server');
    expect(await bothHalves('/oauth list --stale')).toContain('the usage and orphaned filters need the plugin\'s database read model, which is off');
    expect(await bothHalves(`/oauth show fallback-a-${run}`)).toContain(`#### OAuth app: fallback\\-a\\-${run}`);
});

test('the types restored, the read model is back after a restart', async () => {
    retype(LISTING_COLUMN, 'bigint');
    await restartPlugin(env, admin);
    const {status, body} = await listing(`search=${run}&all=true`);
    expect(status).toBe(200);
    expect(body.usage_off).toBeUndefined();
    expect(body.total).toBe(2);
});
