import {configureStore} from '@reduxjs/toolkit';

import type {OAuthApp} from '@mattermost/types/integrations';

import {listAllApps} from './listing';
import {selectApps, selectMetadata, selectRequest, stateKey} from './selectors';
import {createApp, deleteApp, fetchApp, fetchListing, fetchMetadata, reducer, toSummary, updateApp} from './slice';

import {setClient} from '../client/oauth_client';
import type {OAuthClient} from '../client/oauth_client';

function app(id: string, secret = 'shh'): OAuthApp {
    return {
        id,
        creator_id: 'u1',
        create_at: 1,
        update_at: 1,
        client_secret: secret,
        name: 'App ' + id,
        description: '',
        icon_url: '',
        callback_urls: ['https://example.com/cb'],
        homepage: 'https://example.com',
        is_trusted: false,
    };
}

function pagedServer(ids: string[]) {
    return jest.fn(async (page: number, perPage: number) => ids.slice(page * perPage, (page + 1) * perPage).map((id) => app(id)));
}

// The read model's listing of these apps, as the route answers it.
const usage = {authorized_users: 2, live_tokens: 1, live_sessions: 1, last_used: 5};
function listingOf(ids: string[]) {
    const apps = ids.map((id) => ({...toSummary(app(id)), creator_username: 'alice', legacy: false, usage, states: {never_used: false, stale: false, orphaned: false, legacy: false}}));
    return {total: apps.length, apps, stale_after_days: 90};
}

const everything = () => fetchListing({all: true});

function makeStore() {
    return configureStore({reducer: {[stateKey]: reducer}});
}

test('toSummary drops the secret and derives the client type', () => {
    const summary = toSummary(app('a'));
    expect(summary).not.toHaveProperty('client_secret');
    expect(summary.is_public).toBe(false);
    expect(toSummary(app('b', '')).is_public).toBe(true);
});

test('listAllApps reads every page, then confirms with a second pass', async () => {
    const ids = Array.from({length: 450}, (_, i) => `id${i}`);
    const getPage = pagedServer(ids);
    const result = await listAllApps(getPage, {perPage: 200, concurrency: 2});
    expect(result.complete).toBe(true);
    expect(result.passes).toBe(2);
    expect(new Set(result.apps.map((a) => a.id)).size).toBe(450);
    expect(result.apps).toHaveLength(450);
});

test('listAllApps repeats passes while apps move between pages, without duplicates', async () => {
    const ids = Array.from({length: 10}, (_, i) => `id${i}`);
    let call = 0;

    // First pass: an app moves from page 1 to page 0 after page 0 was read, so it is missed.
    const getPage = jest.fn(async (page: number, perPage: number) => {
        call++;
        const order = call <= 2 ? ['id0', 'id1', 'id2', 'id3', 'id4', 'id9', 'id6', 'id7', 'id8', 'id5'].filter((id) => id !== 'id5') : ids;
        return order.slice(page * perPage, (page + 1) * perPage).map((id) => app(id));
    });
    const result = await listAllApps(getPage, {perPage: 5, concurrency: 1});
    expect(result.apps.map((a) => a.id).sort()).toEqual([...ids].sort());
    expect(result.complete).toBe(true);
    expect(result.passes).toBe(3);
});

test('listAllApps: an app deleted during the listing does not come back', async () => {
    let ids = Array.from({length: 12}, (_, i) => `id${i}`);
    let calls = 0;
    const getPage = jest.fn(async (page: number, perPage: number) => {
        calls++;
        if (calls === 2) {
            ids = ids.filter((id) => id !== 'id1');
        }
        return ids.slice(page * perPage, (page + 1) * perPage).map((id) => app(id));
    });
    const result = await listAllApps(getPage, {perPage: 5, concurrency: 1});
    expect(result.complete).toBe(true);
    expect(result.apps.map((a) => a.id)).not.toContain('id1');
    expect(result.apps).toHaveLength(11);
});

// A read model whose listing answers only when told to, to interleave responses.
function slowListing(ids: string[]) {
    const releases: Array<() => void> = [];
    const listApps = jest.fn(() => {
        const snapshot = listingOf(ids);
        return new Promise((resolve) => releases.push(() => resolve(snapshot)));
    });
    const releaseAll = async () => {
        while (releases.length) {
            releases.shift()!();
            // eslint-disable-next-line no-await-in-loop
            await new Promise((r) => setTimeout(r, 0));
        }
    };
    return {listApps, releaseAll};
}

describe('reads never undo writes', () => {
    test('a listing that started before a create and a delete keeps both', async () => {
        const server = slowListing(['a', 'b', 'c']);
        setClient({
            listApps: server.listApps,
            createOAuthApp: jest.fn(async () => app('new')),
            deleteOAuthApp: jest.fn(async () => ({status: 'OK'})),
        } as unknown as OAuthClient);
        const store = makeStore();
        const listing = store.dispatch(everything());
        await store.dispatch(createApp({name: 'n', description: '', homepage: 'https://e.co', icon_url: '', callback_urls: ['https://e.co/cb'], is_trusted: false, is_public: false}));
        await store.dispatch(deleteApp('b'));
        await server.releaseAll();
        await listing;
        expect(selectApps(store.getState()).map((a) => a.id)).toEqual(['a', 'c', 'new']);
    });

    test('an older listing that lands after a newer one is dropped', async () => {
        const old = slowListing(['a', 'b']);
        setClient({listApps: old.listApps} as unknown as OAuthClient);
        const store = makeStore();
        const first = store.dispatch(everything());
        setClient({listApps: jest.fn(async () => listingOf(['a']))} as unknown as OAuthClient);
        await store.dispatch(everything());
        await old.releaseAll();
        await first;
        expect(selectApps(store.getState()).map((a) => a.id)).toEqual(['a']);
    });

    test('a read of an app that started before its update does not bring the old values back', async () => {
        let answer: (a: OAuthApp) => void = () => undefined;
        setClient({
            listApps: jest.fn(async () => listingOf(['a'])),
            getOAuthApp: jest.fn(() => new Promise<OAuthApp>((resolve) => {
                answer = resolve;
            })),
            editOAuthApp: jest.fn(async (a: OAuthApp) => a),
        } as unknown as OAuthClient);
        const store = makeStore();
        await store.dispatch(everything());
        const read = store.dispatch(fetchApp('a'));
        await store.dispatch(updateApp({...app('a'), name: 'Renamed'}));
        answer(app('a'));
        await read;
        expect(selectApps(store.getState())[0].name).toBe('Renamed');
    });
});

test('a full listing through the REST fallback fills the slice in order, without secrets, and records the request', async () => {
    setClient({listApps: jest.fn(async () => ({unavailable: 'no database'})), getOAuthApps: pagedServer(['c', 'a', 'b'])} as unknown as OAuthClient);
    const store = makeStore();
    await store.dispatch(fetchListing({all: true, sort: 'name'}));
    expect(selectApps(store.getState()).map((a) => a.id)).toEqual(['a', 'b', 'c']);
    expect(selectRequest(store.getState(), 'fetchListing')).toEqual({status: 'succeeded'});
    expect(JSON.stringify(store.getState())).not.toContain('shh');
});

test('a REST read of a listed app keeps what only the listing knows (creator, usage, states)', async () => {
    setClient({listApps: jest.fn(async () => listingOf(['a'])), getOAuthApp: jest.fn(async () => ({...app('a'), name: 'Fresh'}))} as unknown as OAuthClient);
    const store = makeStore();
    await store.dispatch(everything());
    await store.dispatch(fetchApp('a'));
    expect(selectApps(store.getState())[0]).toMatchObject({name: 'Fresh', creator_username: 'alice', usage, states: {orphaned: false}});
    expect(JSON.stringify(store.getState())).not.toContain('shh');
});

test('a failed request keeps the server error with its status', async () => {
    const listApps = jest.fn().mockRejectedValue(Object.assign(new Error('Integrations have been limited to admins only.'), {status_code: 403, server_error_id: 'api.command.admin_only.app_error'}));
    setClient({listApps} as unknown as OAuthClient);
    const store = makeStore();
    await store.dispatch(everything());
    const request = selectRequest(store.getState(), 'fetchListing');
    expect(request.status).toBe('failed');
    expect(request.error).toEqual({message: 'Integrations have been limited to admins only.', status_code: 403, server_error_id: 'api.command.admin_only.app_error'});
});

test('fetchMetadata: 501 means the provider is off, not a failure', async () => {
    const getOAuthMetadata = jest.fn().mockRejectedValue(Object.assign(new Error('disabled'), {status_code: 501}));
    setClient({getOAuthMetadata} as unknown as OAuthClient);
    const store = makeStore();
    await store.dispatch(fetchMetadata());
    expect(selectMetadata(store.getState())).toEqual({document: null, providerEnabled: false});
    expect(selectRequest(store.getState(), 'fetchMetadata').status).toBe('succeeded');
});
