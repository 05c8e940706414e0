// The verbs against a fake client: paths the real server cannot easily be made
// to take (ambiguous names, settings off, network failure, a 501 from list).
import {configureStore} from '@reduxjs/toolkit';

import type {OAuthApp} from '@mattermost/types/integrations';

import {OAuthClient, setClient} from '../../client/oauth_client';
import type {ListingQuery} from '../../client/oauth_client';
import {stateKey} from '../../store/selectors';
import {reducer} from '../../store/slice';
import type {HostStore} from '../../types/host';
import {createSlashCommandHook} from '../hook';
import {FRESH_LISTING_MS} from '../resolve_app';

function app(id: string, name: string, extra: Partial<OAuthApp> = {}): OAuthApp {
    return {
        id: id.padEnd(26, '0'),
        creator_id: 'me',
        create_at: 1,
        update_at: 1,
        client_secret: 'secret-' + id,
        name,
        description: '',
        icon_url: '',
        callback_urls: ['https://e.co/cb'],
        homepage: 'https://e.co',
        is_trusted: false,
        ...extra,
    };
}

const apps = [app('a', 'Bot'), app('b', 'Bot'), app('c', 'Solo', {is_trusted: true}), app('d', 'Pub', {client_secret: '', creator_id: 'other'})];

let lastStore: {getState(): Record<string, unknown>} | undefined;

function run(command: string, client: Record<string, unknown>) {
    setClient({
        getPluginSettings: async () => ({command_access: 'everyone', reveal_secrets_in_chat: true, default_page_size: 50}),
        getProfilesByIds: async () => [],
        ...client,
    } as unknown as OAuthClient);
    const posts: string[] = [];
    const store = configureStore({
        reducer: (state: Record<string, unknown> | undefined, action) => ({
            entities: {users: {currentUserId: 'me'}},
            [stateKey]: reducer(state?.[stateKey] as never, action),
        }),
        middleware: (gd) => gd({serializableCheck: false}).concat(() => (next: (a: unknown) => unknown) => (action: unknown) => {
            const a = action as {type: string; data?: {message: string}};
            if (a.type === 'RECEIVED_NEW_POST') {
                posts.push(a.data!.message);
            }
            return next(action);
        }),
    });
    lastStore = store;
    const hook = createSlashCommandHook(store as unknown as HostStore);
    return hook(command, {channel_id: 'c', team_id: 't'}).then((result) => ({result, text: posts.join('\n')}));
}

// The plugin's listing route, as the server answers it: name order, `search`
// over names, every app or a page.
function route(all: OAuthApp[]) {
    return jest.fn(async (q: ListingQuery) => {
        const hits = all.filter((a) => !q.search || a.name.toLowerCase().includes(q.search.toLowerCase())).
            sort((x, y) => x.name.localeCompare(y.name) || x.id.localeCompare(y.id));
        const page = q.all ? hits : hits.slice((q.page ?? 0) * (q.per_page ?? 50), ((q.page ?? 0) + 1) * (q.per_page ?? 50));
        const listed = page.map(({client_secret: secret, ...a}) => ({...a, is_public: !secret, creator_username: '', legacy: false, usage: null, states: {never_used: null, stale: null, orphaned: false, legacy: false}}));
        return {total: hits.length, apps: listed, stale_after_days: 90, usage_off: 'not in this test'};
    });
}

// The route says it cannot read the database: the verbs page the REST API.
const listing = {getOAuthApps: jest.fn(async (page: number) => (page === 0 ? apps : [])), listApps: async () => ({unavailable: 'this test has no database'})};

test('an ambiguous name lists the candidates and changes nothing', async () => {
    const deleteOAuthApp = jest.fn();
    const {text} = await run('/oauth delete Bot --yes', {...listing, deleteOAuthApp});
    expect(text).toContain('2 apps are named "Bot". Use the client id of the one you mean:');
    expect(text).toContain('`a0000000000000000000000000`');
    expect(deleteOAuthApp).not.toHaveBeenCalled();
});

test('list filters combine: --mine --confidential --filter', async () => {
    const {text} = await run('/oauth list --mine --confidential --filter sol', listing);
    expect(text).toContain('**1 app** matching');
    expect(text).toContain('Solo');
    expect(text).not.toContain('| Bot');
    expect(text).not.toContain('Pub');
});

test('--reveal respects the admin setting', async () => {
    const getOAuthApp = jest.fn(async () => apps[2]);
    const {text} = await run(`/oauth show ${apps[2].id} --reveal`, {getOAuthApp, getPluginSettings: async () => ({command_access: 'everyone', reveal_secrets_in_chat: false, default_page_size: 50})});
    expect(text).toContain('revealing secrets in chat is turned off');
    expect(text).not.toContain('secret-c');
});

test('public clients have no secret to regenerate', async () => {
    const regenOAuthAppSecret = jest.fn();
    const {text} = await run(`/oauth regen-secret ${apps[3].id} --yes`, {getOAuthApp: async () => apps[3], regenOAuthAppSecret});
    expect(text).toContain('is a public client: it has no secret to regenerate');
    expect(regenOAuthAppSecret).not.toHaveBeenCalled();
});

test.each([
    [501, 'the OAuth 2.0 service provider is turned off on this server. An admin can turn it on in System Console > Integrations > Integration Management > Enable OAuth 2.0 Service Provider'],
    [401, 'your session has expired. Sign in again and retry.'],
])('list failing with %s is explained in plain words, keeping the server message', async (status, words) => {
    const listApps = jest.fn().mockRejectedValue(Object.assign(new Error('Failed to fetch'), {status_code: status}));
    const {result, text} = await run('/oauth list', {listApps});
    expect(result).toEqual({});
    expect(text).toContain(words);
    expect(text).toContain('Failed to fetch');
});

describe('a failure without an HTTP answer: network, unreadable answer, or our own defect', () => {
    const realClient = () => {
        const client = new OAuthClient();
        client.setUrl('http://mm.test');
        return client;
    };
    afterEach(() => {
        delete (globalThis as {fetch?: unknown}).fetch;
    });

    test('fetch failing (offline) says the server could not be reached', async () => {
        (globalThis as {fetch?: unknown}).fetch = jest.fn().mockRejectedValue(new TypeError('Failed to fetch'));
        const client = realClient();
        const {text} = await run('/oauth list', {listApps: client.listApps});
        expect(text).toContain('Could not list the OAuth apps: the Mattermost server could not be reached (Failed to fetch). Check the connection and try again.');
    });

    test('an answer that is not what it claims says it could not be read', async () => {
        (globalThis as {fetch?: unknown}).fetch = jest.fn().mockResolvedValue({
            ok: true,
            status: 200,
            headers: new Map([['Content-Type', 'application/json']]),
            json: async () => {
                throw new SyntaxError('Unexpected token <');
            },
            text: async () => '<html>',
        });
        const client = realClient();
        const {text} = await run('/oauth list', {listApps: client.listApps});
        expect(text).toContain("the server's answer could not be read (Received invalid response from the server\\.)");
    });

    test('a defect in the plugin is called one, not a connection problem', async () => {
        const getOAuthApps = jest.fn(async () => [{id: 'x'.repeat(26)}]);
        const {text} = await run('/oauth list --all', {getOAuthApps, listApps: listing.listApps});
        expect(text).toContain('OAuth Apps Manager hit an unexpected error');
        expect(text).not.toContain('could not be reached');
    });
});

test('DCR turned off is named with the setting that turns it on', async () => {
    const registerOAuthClient = jest.fn().mockRejectedValue(Object.assign(new Error('unsupported_operation: Dynamic client registration is disabled'), {status_code: 400, server_error_id: 'unsupported_operation'}));
    const {text} = await run('/oauth register --client-name x --redirect-uri https://e.co/cb', {registerOAuthClient});
    expect(text).toContain('dynamic client registration is turned off on this server. An admin can turn it on in System Console > Integrations > Integration Management > Enable Dynamic Client Registration');
});

test('"system admins only" refuses other users everything but help, before any request', async () => {
    const getOAuthApps = jest.fn();
    const limited = async () => ({command_access: 'system_admins', reveal_secrets_in_chat: true, default_page_size: 50});
    const {text} = await run('/oauth list', {getOAuthApps, getPluginSettings: limited});
    expect(text).toContain('An admin limited `/oauth` to system admins');
    expect(getOAuthApps).not.toHaveBeenCalled();
    expect((await run('/oauth help', {getPluginSettings: limited})).text).toContain('#### /oauth');
});

test('a bare /oauth create opens the create form instead of posting', async () => {
    const createOAuthApp = jest.fn();
    const {result, text} = await run('/oauth create', {createOAuthApp});
    expect(result).toEqual({});
    expect(text).toBe('');
    expect((lastStore!.getState()['plugins-oauth-manager'] as {ui: {form: unknown}}).ui.form).toMatchObject({mode: 'create', surface: 'modal'});
    expect(createOAuthApp).not.toHaveBeenCalled();
});

describe('a name is looked up in a listing of the last seconds', () => {
    function hookWith(client: Record<string, unknown>) {
        setClient({
            getPluginSettings: async () => ({command_access: 'everyone', reveal_secrets_in_chat: true, default_page_size: 50}),
            getProfilesByIds: async () => [],
            ...client,
        } as unknown as OAuthClient);
        const store = configureStore({
            reducer: (state: Record<string, unknown> | undefined, action) => ({
                entities: {users: {currentUserId: 'me'}},
                [stateKey]: reducer(state?.[stateKey] as never, action),
            }),
            middleware: (gd) => gd({serializableCheck: false}),
        });
        return createSlashCommandHook(store as unknown as HostStore);
    }

    afterEach(() => {
        jest.useRealTimers();
    });

    const byId = (id: string) => apps.find((a) => a.id === id);
    const searched = (listApps: jest.Mock) => listApps.mock.calls.filter(([q]) => q.search !== undefined).length;

    test('after /oauth list --all, a command by name within seconds reads no listing again', async () => {
        const listApps = route(apps);
        const getOAuthApp = jest.fn(async (id: string) => byId(id));
        const hook = hookWith({listApps, getOAuthApp});
        await hook('/oauth list --all', {channel_id: 'c', team_id: 't'});
        await hook('/oauth delete Solo', {channel_id: 'c', team_id: 't'});
        expect(searched(listApps)).toBe(0);
        expect(getOAuthApp).toHaveBeenLastCalledWith(apps[2].id);
    });

    test('an app renamed since the listing is not acted on: the name is searched', async () => {
        const listApps = route(apps);
        let renamed = false;
        const getOAuthApp = jest.fn(async (id: string) => {
            const found = byId(id)!;
            return renamed && found.name === 'Solo' ? {...found, name: 'Solo2'} : found;
        });
        const hook = hookWith({listApps, getOAuthApp});
        await hook('/oauth list --all', {channel_id: 'c', team_id: 't'});
        renamed = true;
        await hook('/oauth show Solo', {channel_id: 'c', team_id: 't'});
        expect(searched(listApps)).toBe(1);
    });

    test('a listing older than the window is not used', async () => {
        jest.useFakeTimers({now: 1_000_000, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask']});
        const listApps = route(apps);
        const hook = hookWith({listApps, getOAuthApp: async (id: string) => byId(id)});
        await hook('/oauth list --all', {channel_id: 'c', team_id: 't'});
        jest.setSystemTime(1_000_000 + FRESH_LISTING_MS + 1);
        await hook('/oauth show Solo', {channel_id: 'c', team_id: 't'});
        expect(searched(listApps)).toBe(1);
    });
});
