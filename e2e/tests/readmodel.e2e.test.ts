// The read model's listing route (GET /plugins/oauth-manager/api/v1/apps) on a
// real server: the same apps as REST paging for every role, never a secret,
// usage figures equal to a real OAuth flow, and stable paging.
import type {OAuthApp} from '@mattermost/types/integrations';

import {clientAs, loadEnv, ROLES, statusOf} from '../lib/env';
import type {Role} from '../lib/env';
import {authorizeAndUse as oauthFlow} from '../lib/oauth_flow';

const env = loadEnv();
const admin = clientAs(env, 'admin');
const run = Date.now().toString(36);
const CALLBACK = `https://rm-${run}.example.com/callback`;

type Usage = {authorized_users: number; live_tokens: number; live_sessions: number; last_used: number};
type ListedApp = {
    id: string;
    name: string;
    creator_id: string;
    creator_username: string;
    callback_urls: string[];
    is_trusted: boolean;
    usage: Usage;
    states: {never_used: boolean; stale: boolean; orphaned: boolean; legacy: boolean};
};
type Listing = {total: number; apps: ListedApp[]; stale_after_days: number};

// Every secret this session saw: no route answer may contain one.
const secrets = new Set<string>();
const bodies: string[] = [];
const created: OAuthApp[] = [];

async function route(role: Role, query: Record<string, string | number | boolean> = {}): Promise<{status: number; body: Listing & {message?: string}}> {
    const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
    const response = await fetch(`${env.siteURL}/plugins/oauth-manager/api/v1/apps?${params}`, {
        headers: {Authorization: `Bearer ${env.users[role].token}`},
    });
    const text = await response.text();
    bodies.push(text);
    return {status: response.status, body: JSON.parse(text)};
}

async function listed(role: Role, query: Record<string, string | number | boolean> = {}): Promise<Listing> {
    const {status, body} = await route(role, query);
    expect({status, message: body.message}).toEqual({status: 200, message: undefined});
    return body;
}

async function createApp(role: Role, name: string, extra: Partial<OAuthApp> = {}): Promise<OAuthApp> {
    const app = await clientAs(env, role).createOAuthApp({
        name,
        description: `read model e2e ${run}`,
        homepage: 'https://example.com',
        callback_urls: [CALLBACK],
        ...extra,
    });
    created.push(app);
    if (app.client_secret) {
        secrets.add(app.client_secret);
    }
    return app;
}

// REST paging as the product rules demand: 200 per page, passes repeated
// until one adds nothing.
async function restIds(role: Role): Promise<Set<string>> {
    const client = clientAs(env, role);
    let previous = new Set<string>();
    for (let pass = 0; pass < 5; pass++) {
        const ids = new Set<string>();
        for (let page = 0; ; page++) {
            // eslint-disable-next-line no-await-in-loop
            const apps = await client.getOAuthApps(page, 200);
            apps.forEach((a) => ids.add(a.id));
            if (apps.length < 200) {
                break;
            }
        }
        const last = previous;
        if (pass > 0 && ids.size === last.size && [...ids].every((id) => last.has(id))) {
            return ids;
        }
        previous = ids;
    }
    return previous;
}

beforeAll(async () => {
    await createApp('admin', `rm-${run}-admin`, {is_trusted: true});
    await createApp('dev', `rm-${run}-dev`);
    await createApp('wide', `rm-${run}-wide`);
    await createApp('dev', `rm-${run}-public`, {is_public: true} as Partial<OAuthApp>);
});

afterAll(async () => {
    await Promise.all(created.map((a) => admin.deleteOAuthApp(a.id).catch(() => undefined)));
});

describe.each(ROLES)('as %s', (role) => {
    test('the full listing is the set REST paging returns, or the same refusal', async () => {
        const restStatus = await statusOf(clientAs(env, role).getOAuthApps(0, 200));
        const {status, body} = await route(role, {all: true});
        expect(status).toBe(restStatus);
        if (restStatus !== 200) {
            expect(body.message).toContain('manage_oauth');
            return;
        }
        const rest = await restIds(role);
        const ours = body.apps.map((a) => a.id);
        expect(new Set(ours).size).toBe(ours.length);
        expect([...ours].sort()).toEqual([...rest].sort());
        expect(body.total).toBe(ours.length);
        expect(body.stale_after_days).toBe(90);
    });
});

test('a caller with manage_oauth only sees their own apps, with the creator joined', async () => {
    const body = await listed('dev', {all: true});
    expect(body.apps.every((a) => a.creator_id === env.users.dev.id && a.creator_username === 'oauthdev')).toBe(true);
});

describe('usage equals a real OAuth flow', () => {
    let app: OAuthApp;
    let start: number;

    // The authorization-code flow as an OAuth client runs it: authorize as the
    // user, exchange the code, then call the API with the access token.
    async function authorizeAndUse(role: Role): Promise<string> {
        const {token, userId} = await oauthFlow(env.siteURL, clientAs(env, role), app, CALLBACK);
        expect(userId).toBe(env.users[role].id);
        return token;
    }

    async function usageOf(id: string): Promise<ListedApp> {
        const body = await listed('admin', {search: id, all: true});
        const found = body.apps.find((a) => a.id === id);
        expect(found).toBeDefined();
        return found!;
    }

    beforeAll(async () => {
        app = await createApp('admin', `rm-${run}-flow`);
    });

    test('a new app is never used', async () => {
        const fresh = await usageOf(app.id);
        expect(fresh.usage).toEqual({authorized_users: 0, live_tokens: 0, live_sessions: 0, last_used: 0});
        expect(fresh.states).toEqual({never_used: true, stale: false, orphaned: false, legacy: false});
        expect((await listed('admin', {search: `rm-${run}-flow`, usage: 'never_used'})).apps.map((a) => a.id)).toEqual([app.id]);
    });

    test('two users authorize and use it, then one deauthorizes', async () => {
        start = Date.now() - 2000;
        await authorizeAndUse('dev');
        await authorizeAndUse('plain');
        const end = Date.now() + 2000;

        const used = await usageOf(app.id);
        expect(used.usage.authorized_users).toBe(2);
        expect(used.usage.live_tokens).toBe(2);
        expect(used.usage.live_sessions).toBeGreaterThanOrEqual(1);
        expect(used.usage.last_used).toBeGreaterThanOrEqual(start);
        expect(used.usage.last_used).toBeLessThanOrEqual(end);
        expect(used.states).toMatchObject({never_used: false, stale: false});
        expect((await listed('admin', {search: `rm-${run}-flow`, usage: 'used'})).apps.map((a) => a.id)).toEqual([app.id]);
        expect((await listed('admin', {search: `rm-${run}-flow`, usage: 'stale'})).total).toBe(0);

        // The most-used app of the run sorts first by users, tokens and sessions.
        for (const sort of ['users', 'tokens', 'sessions', 'last_used']) {
            // eslint-disable-next-line no-await-in-loop
            const top = await listed('admin', {search: `rm-${run}`, sort, direction: 'desc', per_page: 1});
            expect(top.apps[0].id).toBe(app.id);
        }

        await clientAs(env, 'dev').deauthorizeOAuthApp(app.id);
        const after = await usageOf(app.id);
        expect(after.usage.authorized_users).toBe(1);
        expect(after.usage.live_tokens).toBe(1);
        expect(after.usage.live_sessions).toBe(1);
    });
});

describe('search, sort and paging', () => {
    const tied: OAuthApp[] = [];

    beforeAll(async () => {
        // Same name and flags: every sort but id meets ties.
        for (let i = 0; i < 7; i++) {
            // eslint-disable-next-line no-await-in-loop
            tied.push(await createApp('dev', `rm-${run}-tie`));
        }
    });

    test.each([
        ['name', 'asc'], ['name', 'desc'], ['trusted', 'asc'], ['creator', 'desc'], ['users', 'asc'], ['callbacks', 'desc'], ['created', 'asc'],
    ])('pages of 2 sorted by %s %s neither repeat nor skip', async (sort, direction) => {
        const seen: string[] = [];
        let total = -1;
        for (let page = 0; page < 5; page++) {
            // eslint-disable-next-line no-await-in-loop
            const body = await listed('admin', {search: `rm-${run}-tie`, sort, direction, page, per_page: 2});
            total = body.total;
            seen.push(...body.apps.map((a) => a.id));
        }
        expect(total).toBe(7);
        expect(seen).toHaveLength(7);
        expect([...seen].sort()).toEqual(tied.map((a) => a.id).sort());

        const whole = await listed('admin', {search: `rm-${run}-tie`, sort, direction, all: true});
        expect(whole.apps.map((a) => a.id)).toEqual(seen);
    });

    test('a page past the end is empty with the right total', async () => {
        const body = await listed('admin', {search: `rm-${run}-tie`, page: 9, per_page: 2});
        expect(body).toMatchObject({total: 7, apps: []});
    });

    test('search matches a callback URL, the creator username and the client id, case-insensitively', async () => {
        const byCallback = await listed('admin', {search: `RM-${run}.EXAMPLE.COM/CALLBACK`, all: true});
        expect(byCallback.total).toBe(created.length);
        const byCreator = await listed('admin', {search: 'OAUTHWIDE', all: true});
        expect(byCreator.apps.map((a) => a.id)).toContain(created[2].id);
        const byId = await listed('admin', {search: tied[3].id.toUpperCase()});
        expect(byId.apps.map((a) => a.id)).toEqual([tied[3].id]);

        // LIKE wildcards are literal.
        expect((await listed('admin', {search: `rm-${run}%tie`})).total).toBe(0);
    });

    test('filters: type, trusted, creator, orphaned, legacy', async () => {
        const mine = {search: `rm-${run}`, all: true};
        expect((await listed('admin', {...mine, type: 'public'})).apps.map((a) => a.name)).toEqual([`rm-${run}-public`]);
        expect((await listed('admin', {...mine, trusted: true})).apps.map((a) => a.name)).toEqual([`rm-${run}-admin`]);
        expect((await listed('admin', {...mine, creator_id: env.users.wide.id})).apps.map((a) => a.name)).toEqual([`rm-${run}-wide`]);
        expect((await listed('admin', {...mine, orphaned: true})).total).toBe(0);
        expect((await listed('admin', {...mine, legacy: false})).total).toBe(created.length);
    });

    test('every sort and usage filter runs on the real database', async () => {
        const sorts = ['name', 'id', 'creator', 'created', 'updated', 'type', 'trusted', 'dcr', 'callbacks', 'users', 'tokens', 'sessions', 'last_used'];
        for (const sort of sorts) {
            for (const direction of ['asc', 'desc']) {
                for (const usage of ['', 'never_used', 'stale', 'used']) {
                    // eslint-disable-next-line no-await-in-loop
                    const body = await listed('wide', {search: `rm-${run}`, sort, direction, per_page: 3, dcr: false, orphaned: false, ...(usage ? {usage} : {})});
                    expect(body.apps.length).toBeLessThanOrEqual(3);
                }
            }
        }
    });

    test('bad parameters are refused in plain words', async () => {
        const {status, body} = await route('admin', {sort: 'secret'});
        expect(status).toBe(400);
        expect(body.message).toContain('sort must be one of');
    });
});

test('no answer of the route holds a client secret', async () => {
    for (const app of await admin.getOAuthApps(0, 10000)) {
        if (app.client_secret) {
            secrets.add(app.client_secret);
        }
    }
    await route('admin', {all: true});
    expect(secrets.size).toBeGreaterThan(0);
    expect(bodies.length).toBeGreaterThan(20);
    const leaks = bodies.filter((b) => [...secrets].some((s) => b.includes(s)));
    expect(leaks).toEqual([]);
    expect(bodies.some((b) => b.includes('client_secret'))).toBe(false);
});
