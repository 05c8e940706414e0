// Changes made from the web app are reported for the change trail, once, after
// the REST call succeeded, with the action and the app's id only; a report
// that fails changes nothing the caller sees.
import {configureStore} from '@reduxjs/toolkit';

import type {OAuthApp} from '@mattermost/types/integrations';

import {reportChange} from './audit';
import {confirmDcrPrune, fetchSecretAges, rotateSecret} from './governance';
import {selectPluginState, stateKey} from './selectors';
import {createApp, deleteApp, fetchListing, regenerateSecret, reducer, updateApp} from './slice';

import {OAuthClient, setClient} from '../client/oauth_client';
import {pluginId} from '../manifest';

const SECRET = 'sekrit-value-never-sent';

function app(id: string, extra: Partial<OAuthApp> = {}): OAuthApp {
    return {
        id,
        creator_id: 'u1',
        create_at: 1,
        update_at: 1,
        client_secret: SECRET,
        name: 'App ' + id,
        description: '',
        icon_url: '',
        callback_urls: ['https://example.com/cb'],
        homepage: 'https://example.com',
        is_trusted: false,
        ...extra,
    };
}

const makeStore = () => configureStore({reducer: {[stateKey]: reducer}});

// A fake client: the REST calls answer (or fail) as told, and reports are recorded.
function fakeClient({restFails = false, report = jest.fn(async () => null)}: {restFails?: boolean; report?: jest.Mock} = {}) {
    const answer = <T>(value: T) => jest.fn(async () => {
        if (restFails) {
            throw Object.assign(new Error('You do not have the appropriate permissions.'), {status_code: 403});
        }
        return value;
    });
    const client = {
        createOAuthApp: answer(app('new')),
        editOAuthApp: answer(app('a', {name: 'Renamed'})),
        deleteOAuthApp: answer({status: 'OK'}),
        regenOAuthAppSecret: answer(app('a', {client_secret: 'fresh-' + SECRET})),
        reportChange: report,
    };
    setClient(client as unknown as OAuthClient);
    return client;
}

const newApp = {name: 'New', description: '', homepage: 'https://e.co', icon_url: '', callback_urls: ['https://e.co/cb'], is_trusted: false, is_public: false};

type Store = ReturnType<typeof makeStore>;

describe('every successful change is reported once, with {action, app_id} only', () => {
    test.each([
        ['create', (store: Store) => store.dispatch(createApp(newApp)).unwrap(), {action: 'create', app_id: 'new'}],
        ['edit', (store: Store) => store.dispatch(updateApp(app('a', {name: 'Renamed'}))).unwrap(), {action: 'edit', app_id: 'a'}],
        ['delete', (store: Store) => store.dispatch(deleteApp('a')).unwrap(), {action: 'delete', app_id: 'a'}],
        ['regenerate', (store: Store) => store.dispatch(regenerateSecret('a')).unwrap(), {action: 'regenerate', app_id: 'a'}],
    ])('%s', async (_, change, expected) => {
        const client = fakeClient();
        await change(makeStore());
        expect(client.reportChange).toHaveBeenCalledTimes(1);
        expect(client.reportChange).toHaveBeenCalledWith(expected);
        expect(JSON.stringify(client.reportChange.mock.calls)).not.toContain(SECRET);
    });
});

test('a failed change is not reported', async () => {
    const client = fakeClient({restFails: true});
    const store = makeStore();
    await expect(store.dispatch(createApp(newApp)).unwrap()).rejects.toMatchObject({status_code: 403});
    await expect(store.dispatch(deleteApp('a')).unwrap()).rejects.toMatchObject({status_code: 403});
    await expect(store.dispatch(regenerateSecret('a')).unwrap()).rejects.toMatchObject({status_code: 403});
    expect(client.reportChange).not.toHaveBeenCalled();
});

describe('a report that fails changes nothing the caller sees', () => {
    test.each([
        ['rejects (403, server down)', jest.fn().mockRejectedValue(Object.assign(new Error('forbidden'), {status_code: 403}))],
        ['never answers', jest.fn(() => new Promise(() => undefined))],
        ['throws at once', jest.fn(() => {
            throw new TypeError('not a function');
        })],
    ])('when the report %s', async (_, report) => {
        fakeClient({report});
        const store = makeStore();
        const created = await store.dispatch(createApp(newApp)).unwrap();
        expect(created.id).toBe('new');
        const regenerated = await store.dispatch(regenerateSecret('a')).unwrap();
        expect(regenerated.client_secret).toBe('fresh-' + SECRET);
        expect(selectPluginState(store.getState()).requests.regenerateSecret).toEqual({status: 'succeeded'});
        expect(report).toHaveBeenCalledTimes(2);
    });

    test('a client without the report route at all (an older fake) still works', async () => {
        setClient({deleteOAuthApp: jest.fn(async () => ({status: 'OK'}))} as unknown as OAuthClient);
        await expect(makeStore().dispatch(deleteApp('a')).unwrap()).resolves.toBe('a');
    });
});

test('reads are not reported', async () => {
    const report = jest.fn(async () => null);
    setClient({reportChange: report, listApps: jest.fn(async () => ({total: 0, apps: [], stale_after_days: 90}))} as unknown as OAuthClient);
    await makeStore().dispatch(fetchListing({all: true})).unwrap();
    expect(report).not.toHaveBeenCalled();
});

describe('the real client sends the report to the plugin route', () => {
    type Sent = {url: string; method?: string; body?: string; headers?: Record<string, string>};
    let sent: Sent[];
    beforeEach(() => {
        sent = [];
        globalThis.fetch = jest.fn(async (url: string, options: {method?: string; body?: string; headers?: Record<string, string>}) => {
            sent.push({url, ...options});
            return {ok: true, status: 204, text: async () => ''} as unknown as Response;
        }) as unknown as typeof fetch;
    });

    test('POST /plugins/oauth-manager/api/v1/audit {action, app_id}, as JSON', async () => {
        const client = new OAuthClient();
        client.setUrl('http://mm.test/sub');
        reportChange(client, 'regenerate', 'a'.repeat(26));
        await new Promise((r) => setTimeout(r, 0));
        expect(sent).toHaveLength(1);
        expect(sent[0].url).toBe(`http://mm.test/sub/plugins/${pluginId}/api/v1/audit`);
        expect(sent[0].method).toBe('post');
        expect(JSON.parse(sent[0].body!)).toEqual({action: 'regenerate', app_id: 'a'.repeat(26)});
    });

    test('a 204 answer resolves', async () => {
        const client = new OAuthClient();
        client.setUrl('http://mm.test');
        await expect(client.reportChange({action: 'delete', app_id: 'x'})).resolves.toBeNull();
    });
});

describe('governance answers in the slice', () => {
    test('secret ages are kept; a rotation keeps the app without its secret', async () => {
        const ages = {max_age_days: 90, pending: false, ages: {a: {since: 5, exact: true, due_at: 10, overdue: false}}};
        const report = jest.fn();
        setClient({
            getSecretAges: jest.fn(async () => ages),
            rotateSecret: jest.fn(async () => ({app: app('a', {client_secret: 'rotated-' + SECRET}), checklist: {callback_urls: [], homepage: '', last_used: null, used_since_previous_secret: null, previous_secret_since: 1, previous_secret_exact: true}})),
            reportChange: report,
        } as unknown as OAuthClient);
        const store = makeStore();
        await store.dispatch(fetchSecretAges()).unwrap();
        expect(selectPluginState(store.getState()).secretAges).toEqual(ages);
        const rotation = await store.dispatch(rotateSecret('a')).unwrap();
        expect(rotation.app.client_secret).toBe('rotated-' + SECRET);
        expect(JSON.stringify(store.getState())).not.toContain(SECRET);
        expect(selectPluginState(store.getState()).apps.byId.a.name).toBe('App a');

        // The server half records a rotation itself.
        expect(report).not.toHaveBeenCalled();
    });

    test('a confirmed prune removes the deleted and vanished clients from the store', async () => {
        const listing = {total: 3, apps: ['a', 'b', 'c'].map((id) => ({...app(id), client_secret: undefined, is_public: false, creator_username: '', legacy: false, usage: null, states: {never_used: null, stale: null, orphaned: true, legacy: false}})), stale_after_days: 90};
        setClient({
            listApps: jest.fn(async () => listing),
            confirmDcrPrune: jest.fn(async () => ({deleted: [{id: 'a', name: 'App a'}], skipped: [{id: 'b', name: 'App b', reason: 'gone'}, {id: 'c', name: 'App c', reason: 'used_since'}], failed: []})),
        } as unknown as OAuthClient);
        const store = makeStore();
        await store.dispatch(fetchListing({all: true})).unwrap();
        await store.dispatch(confirmDcrPrune({planId: 'p', count: 3})).unwrap();
        expect(selectPluginState(store.getState()).apps.order).toEqual(['c']);
    });
});
