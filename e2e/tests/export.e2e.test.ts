// The export route (GET /plugins/oauth-manager/api/v1/export) on a real
// server: for each caller, the same apps as REST paging, field by field; works
// with a personal access token; never a client secret; refused without
// manage_oauth.
import type {OAuthApp} from '@mattermost/types/integrations';

import type {ExportDocument as Exported, ExportedApp} from '../../webapp/src/client/import_types';
import {clientAs, loadEnv, sql, statusOf} from '../lib/env';
import type {Role} from '../lib/env';

const env = loadEnv();
const admin = clientAs(env, 'admin');
const run = Date.now().toString(36);

// The route's answer: the document, or a refusal's message.
type ExportDocument = Exported & {message?: string};

const secrets = new Set<string>();
const created: OAuthApp[] = [];

async function exportAs(token: string): Promise<{status: number; text: string; body: ExportDocument; disposition: string | null}> {
    const response = await fetch(`${env.siteURL}/plugins/oauth-manager/api/v1/export`, {
        headers: {Authorization: `Bearer ${token}`},
    });
    const text = await response.text();
    return {status: response.status, text, body: JSON.parse(text), disposition: response.headers.get('content-disposition')};
}

async function createApp(role: Role, name: string, extra: Partial<OAuthApp> = {}): Promise<OAuthApp> {
    const app = await clientAs(env, role).createOAuthApp({
        name,
        description: `export e2e ${run}`,
        homepage: 'https://example.com',
        icon_url: 'https://example.com/icon.png',
        callback_urls: [`https://export-${run}.example.com/callback`, `https://export-${run}.example.com/other`],
        ...extra,
    });
    created.push(app);
    if (app.client_secret) {
        secrets.add(app.client_secret);
    }
    return app;
}

// Every app REST paging returns to `role`, as export records (the creator's
// username looked up; empty when the creator is gone).
async function restRecords(role: Role): Promise<ExportedApp[]> {
    const client = clientAs(env, role);
    const apps: OAuthApp[] = [];
    for (let page = 0; ; page++) {
        // eslint-disable-next-line no-await-in-loop
        const batch = await client.getOAuthApps(page, 200);
        apps.push(...batch);
        if (batch.length < 200) {
            break;
        }
    }
    const usernames = new Map<string, string>();
    for (const id of new Set(apps.map((a) => a.creator_id))) {
        // eslint-disable-next-line no-await-in-loop
        usernames.set(id, await admin.getUser(id).then((u) => u.username, () => ''));
    }

    // REST answers no public flag: a public client is one without a secret
    // (model.OAuthApp.IsPublicClient), read from the database.
    const publicIds = new Set(sql("SELECT id FROM oauthapps WHERE COALESCE(clientsecret, '') = ''").split('\n').map((l) => l.trim()).filter(Boolean));
    return apps.map((a) => ({
        source_id: a.id,
        name: a.name,
        description: a.description,
        homepage: a.homepage,
        icon_url: a.icon_url,
        callback_urls: a.callback_urls ?? [],
        is_trusted: a.is_trusted,
        is_public: publicIds.has(a.id),
        is_dynamically_registered: Boolean((a as OAuthApp & {is_dynamically_registered?: boolean}).is_dynamically_registered),
        creator_username: usernames.get(a.creator_id) ?? '',
    }));
}

const byId = (a: ExportedApp, b: ExportedApp) => (a.source_id < b.source_id ? -1 : Number(a.source_id > b.source_id));
const nameKey = (a: ExportedApp) => a.name.toLowerCase();

beforeAll(async () => {
    await createApp('admin', `Export-${run}-admin`, {is_trusted: true});
    await createApp('dev', `export-${run}-dev`);
    await createApp('dev', `export-${run}-public`, {is_public: true} as Partial<OAuthApp>);
    await createApp('wide', `export-${run}-wide`);
});

afterAll(async () => {
    await Promise.all(created.map((a) => admin.deleteOAuthApp(a.id).catch(() => undefined)));
});

describe.each(['admin', 'dev', 'wide'] as Role[])('as %s', (role) => {
    test('the export equals REST paging, field by field, in name order', async () => {
        const {status, body, text, disposition} = await exportAs(env.users[role].token);
        expect({status, message: body.message}).toEqual({status: 200, message: undefined});
        expect(disposition).toMatch(/^attachment; filename="oauth-apps-\d{4}-\d{2}-\d{2}\.json"$/);
        expect(body.schema).toBe('oauth-manager.export/v1');
        expect(Math.abs(body.exported_at - Date.now())).toBeLessThan(5 * 60 * 1000);
        expect(Object.keys(body).sort()).toEqual(['apps', 'exported_at', 'schema', 'server']);

        const rest = await restRecords(role);
        expect([...body.apps].sort(byId)).toEqual([...rest].sort(byId));
        expect(body.apps.length).toBeGreaterThan(0);

        // Name order by code point of the lower-cased name, the id breaking ties.
        for (let i = 1; i < body.apps.length; i++) {
            const [a, b] = [body.apps[i - 1], body.apps[i]];
            expect(nameKey(a) < nameKey(b) || (nameKey(a) === nameKey(b) && a.source_id < b.source_id)).toBe(true);
        }
        for (const secret of secrets) {
            expect(text).not.toContain(secret);
        }
    });
});

test('dev exports only their own apps', async () => {
    const {body} = await exportAs(env.users.dev.token);
    expect(body.apps.every((a) => a.creator_username === env.users.dev.username)).toBe(true);
    expect(body.apps.map((a) => a.name)).toEqual(expect.arrayContaining([`export-${run}-dev`, `export-${run}-public`]));
    expect(body.apps.map((a) => a.name)).not.toContain(`Export-${run}-admin`);
});

test('admin exports every app, including other users\' ones', async () => {
    const {body} = await exportAs(env.users.admin.token);
    const names = body.apps.map((a) => a.name);
    expect(names).toEqual(expect.arrayContaining(created.map((a) => a.name)));
    const pub = body.apps.find((a) => a.name === `export-${run}-public`)!;
    expect(pub).toMatchObject({is_public: true, creator_username: env.users.dev.username, icon_url: 'https://example.com/icon.png'});
    expect(body.apps.find((a) => a.name === `Export-${run}-admin`)!.is_trusted).toBe(true);
});

test('a personal access token works: the bot gets what REST gives it', async () => {
    const restStatus = await statusOf(clientAs(env, 'bot').getOAuthApps(0, 200));
    const {status, body} = await exportAs(env.users.bot.token);
    expect(status).toBe(restStatus);
    if (status === 200) {
        expect([...body.apps].sort(byId)).toEqual([...(await restRecords('bot'))].sort(byId));
    } else {
        expect(body.message).toContain('manage_oauth');
    }

    // The admin's own personal access token: every app, as with a session.
    const token = await admin.createUserAccessToken(env.users.admin.id, `export e2e ${run}`);
    try {
        const withToken = await exportAs(token.token!);
        expect(withToken.status).toBe(200);
        expect(withToken.body.apps.map((a) => a.source_id)).toEqual(expect.arrayContaining(created.map((a) => a.id)));
    } finally {
        await admin.revokeUserAccessToken(token.id!);
    }
});

test('a user without manage_oauth is refused, as by REST', async () => {
    expect(await statusOf(clientAs(env, 'plain').getOAuthApps(0, 200))).toBe(403);
    const {status, body} = await exportAs(env.users.plain.token);
    expect(status).toBe(403);
    expect(body.message).toContain('manage_oauth');
});
