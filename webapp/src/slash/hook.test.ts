import {configureStore} from '@reduxjs/toolkit';

import {RECEIVED_NEW_POST} from './ephemeral';
import {createSlashCommandHook, isOAuthCommand} from './hook';
import {verbHandlers} from './verbs';

import {setClient} from '../client/oauth_client';
import type {OAuthClient} from '../client/oauth_client';
import {browserVerbNames, grammar, isServerVerb, verbNames} from '../grammar/grammar';
import {help} from '../grammar/usage';
import {intlFor} from '../i18n/intl';
import {stateKey} from '../store/selectors';
import {reducer} from '../store/slice';
import type {HostStore} from '../types/host';

function fakeStore(state: ReturnType<HostStore['getState']> = {entities: {users: {currentUserId: 'me'}}}) {
    const dispatched: unknown[] = [];
    const store: HostStore = {
        getState: () => state,
        dispatch: ((action: unknown) => {
            dispatched.push(action);
            return action;
        }) as HostStore['dispatch'],
    };
    return {store, dispatched};
}

const args = {channel_id: 'chan', team_id: 'team', root_id: 'root'};

test('every browser verb of the grammar has a webapp handler and no handler lacks a verb (drift)', () => {
    expect(Object.keys(verbHandlers).sort()).toEqual(browserVerbNames().sort());
});

test('server verbs have no webapp handler: the hook passes them on', () => {
    const serverVerbs = grammar.verbs.filter((v) => v.server).map((v) => v.name);
    expect(serverVerbs.length).toBeGreaterThan(0);
    for (const name of serverVerbs) {
        expect(isServerVerb(name)).toBe(true);
        expect(verbHandlers).not.toHaveProperty(name);
    }
    expect([...browserVerbNames(), ...serverVerbs].sort()).toEqual(verbNames().sort());
    expect(isServerVerb('list')).toBe(false);
    expect(isServerVerb('nope')).toBe(false);
});

test('recognizes only /oauth', () => {
    expect(isOAuthCommand('/oauth list')).toBe(true);
    expect(isOAuthCommand('  /OAuth')).toBe(true);
    expect(isOAuthCommand('/oauthx')).toBe(false);
    expect(isOAuthCommand('/away')).toBe(false);
});

test('passes other commands through untouched', async () => {
    const {store, dispatched} = fakeStore();
    const hook = createSlashCommandHook(store);
    await expect(hook('/away now', args)).resolves.toEqual({message: '/away now', args});
    expect(dispatched).toHaveLength(0);
});

test('/oauth help is answered in the browser with an ephemeral post in the same thread', async () => {
    const {store, dispatched} = fakeStore();
    const hook = createSlashCommandHook(store);
    await expect(hook('/oauth help list', args)).resolves.toEqual({});
    expect(dispatched).toHaveLength(1);
    expect(dispatched[0]).toMatchObject({
        type: RECEIVED_NEW_POST,
        channelId: 'chan',
        data: {channel_id: 'chan', root_id: 'root', user_id: 'me', type: 'system_ephemeral', message: help(intlFor('en'), 'list')},
    });
});

test.each([
    ['disabled', undefined, false],
    ['default_off', undefined, false],
    ['default_off', 'on', true],
    ['default_on', undefined, true],
    ['default_on', 'off', false],
    ['always_on', 'off', true],
])('with collapsed reply threads %s and the user preference %s, a reply says crtEnabled=%s (kept out of the center channel)', async (setting, preference, crt) => {
    const myPreferences: Record<string, {value?: string}> = preference ? {'display_settings--collapsed_reply_threads': {value: preference}} : {};
    const {store, dispatched} = fakeStore({entities: {users: {currentUserId: 'me'}, general: {config: {CollapsedThreads: setting}}, preferences: {myPreferences}}});
    await createSlashCommandHook(store)('/oauth help', args);
    expect(dispatched[0]).toMatchObject({features: {crtEnabled: crt}, data: {root_id: 'root'}});
});

test('bare /oauth shows the overview', async () => {
    const {store, dispatched} = fakeStore();
    await createSlashCommandHook(store)('/oauth', args);
    expect(dispatched[0]).toMatchObject({data: {message: help(intlFor('en'))}});
});

test('input errors stay under the text box and nothing is sent', async () => {
    const {store, dispatched} = fakeStore();
    const result = await createSlashCommandHook(store)('/oauth list --bogus', args);
    expect(result).toEqual({error: {message: expect.stringContaining('/oauth list has no option "--bogus".')}});
    expect(dispatched).toHaveLength(0);
});

describe('the "system admins only" setting fails closed', () => {
    function realStore(roles: string) {
        const entities = {users: {currentUserId: 'me', profiles: {me: {roles}}}, general: {config: {}}};
        const posts: string[] = [];
        const store = configureStore({
            reducer: (state: Record<string, unknown> | undefined, action: {type: string; data?: {message?: string}}) => {
                if (action.type === RECEIVED_NEW_POST && action.data?.message) {
                    posts.push(action.data.message);
                }
                return {entities, [stateKey]: reducer(state?.[stateKey] as never, action)};
            },
            middleware: (gd) => gd({serializableCheck: false}),
        });
        return {store: store as unknown as HostStore, posts};
    }

    test('when the settings cannot be read, a non-admin is refused with the reason', async () => {
        const getOAuthApps = jest.fn(async () => []);
        setClient({getPluginSettings: jest.fn().mockRejectedValue(Object.assign(new Error('Not found'), {status_code: 404})), getOAuthApps} as unknown as OAuthClient);
        const {store, posts} = realStore('system_user');
        await createSlashCommandHook(store)('/oauth list', args);
        expect(posts).toHaveLength(1);
        expect(posts[0]).toMatch(/^Could not check who may use `\/oauth` on this server, so it is refused for now/);
        expect(posts[0]).toContain('Not found');
        expect(getOAuthApps).not.toHaveBeenCalled();
    });

    test('a system admin is never limited, but no secret is revealed without the setting', async () => {
        const full = {id: 'a'.repeat(26), name: 'Bot', client_secret: 'topsecret', creator_id: 'me', create_at: 1, update_at: 1, description: '', homepage: 'https://e.co', icon_url: '', callback_urls: ['https://e.co/cb'], is_trusted: false};
        setClient({
            getPluginSettings: jest.fn().mockRejectedValue(new TypeError('Failed to fetch')),
            getOAuthApp: jest.fn(async () => full),
            getProfilesByIds: jest.fn(async () => []),
        } as unknown as OAuthClient);
        const {store, posts} = realStore('system_user system_admin');
        await createSlashCommandHook(store)(`/oauth show ${full.id} --reveal`, args);
        expect(posts).toHaveLength(1);
        expect(posts[0]).toContain('not revealed');
        expect(posts[0]).not.toContain('topsecret');
    });
});

describe('verbs the server answers (server: true)', () => {
    function storeWith(roles: string) {
        const entities = {users: {currentUserId: 'me', profiles: {me: {roles}}}, general: {config: {}}};
        const posts: string[] = [];
        const store = configureStore({
            reducer: (state: Record<string, unknown> | undefined, action: {type: string; data?: {message?: string}}) => {
                if (action.type === RECEIVED_NEW_POST && action.data?.message) {
                    posts.push(action.data.message);
                }
                return {entities, [stateKey]: reducer(state?.[stateKey] as never, action)};
            },
            middleware: (gd) => gd({serializableCheck: false}),
        });
        return {store: store as unknown as HostStore, posts};
    }

    // Any call other than the settings would be the browser answering the verb.
    function fakeClient(commandAccess: string) {
        const calls: string[] = [];
        const record = (name: string) => jest.fn(async () => {
            calls.push(name);
            return [];
        });
        const getPluginSettings = jest.fn(async () => ({command_access: commandAccess, reveal_secrets_in_chat: true, default_page_size: 50}));
        setClient({getPluginSettings, listApps: record('listApps'), getOAuthApps: record('getOAuthApps'), getOAuthApp: record('getOAuthApp'), regenOAuthAppSecret: record('regenOAuthAppSecret')} as unknown as OAuthClient);
        return {calls, getPluginSettings};
    }

    test.each([
        '/oauth dcr',
        '/oauth dcr --stale --page 2',
        '/oauth dcr --prune --older-than 30',
        '  /oauth rotate "Build bot" --yes  ',
        '/OAuth secrets --overdue',
    ])('%j goes to the server unchanged, with its args, and nothing is posted here', async (command) => {
        const {calls} = fakeClient('everyone');
        const {store, posts} = storeWith('system_user');
        const threadArgs = {channel_id: 'chan', team_id: 'team', root_id: 'root'};
        await expect(createSlashCommandHook(store)(command, threadArgs)).resolves.toEqual({message: command, args: threadArgs});
        expect(posts).toEqual([]);
        expect(calls).toEqual([]);
    });

    test('input errors are still shown under the message box, before anything is sent', async () => {
        const {getPluginSettings} = fakeClient('everyone');
        const {store, posts} = storeWith('system_user');
        const result = await createSlashCommandHook(store)('/oauth dcr --stale --never-used', args);
        expect(result).toEqual({error: {message: expect.stringContaining('/oauth dcr')}});
        expect(await createSlashCommandHook(store)('/oauth rotate', args)).toEqual({error: {message: expect.stringContaining('needs APP')}});
        expect(await createSlashCommandHook(store)('/oauth dcr --prune --confirm 0', args)).toEqual({error: {message: expect.stringContaining('--confirm')}});
        expect(posts).toEqual([]);
        expect(getPluginSettings).not.toHaveBeenCalled();
    });

    test('"System admins only" refuses a server verb here, as every other verb', async () => {
        fakeClient('system_admins');
        const {store, posts} = storeWith('system_user');
        await expect(createSlashCommandHook(store)('/oauth secrets', args)).resolves.toEqual({});
        expect(posts).toHaveLength(1);
        expect(posts[0]).toMatch(/^An admin limited `\/oauth` to system admins/);
    });

    test('when the settings cannot be read, a non-admin is refused (fail closed) and nothing reaches the server', async () => {
        setClient({getPluginSettings: jest.fn().mockRejectedValue(new TypeError('Failed to fetch'))} as unknown as OAuthClient);
        const {store, posts} = storeWith('system_user');
        await expect(createSlashCommandHook(store)('/oauth rotate abc', args)).resolves.toEqual({});
        expect(posts[0]).toMatch(/^Could not check who may use `\/oauth`/);
    });

    test('a system admin passes without the settings being read', async () => {
        const {getPluginSettings} = fakeClient('system_admins');
        const {store} = storeWith('system_user system_admin');
        await expect(createSlashCommandHook(store)('/oauth dcr --prune', args)).resolves.toEqual({message: '/oauth dcr --prune', args});
        expect(getPluginSettings).not.toHaveBeenCalled();
    });

    test('help about a server verb is answered here', async () => {
        const {store, dispatched} = fakeStore();
        await expect(createSlashCommandHook(store)('/oauth help rotate', args)).resolves.toEqual({});
        expect(dispatched[0]).toMatchObject({data: {message: help(intlFor('en'), 'rotate')}});
    });
});
