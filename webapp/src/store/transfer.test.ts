// Export and import through the real client over a fake fetch: the routes and
// bodies sent, each answer of docs/import.md told apart by its body (a failed
// REST call answers with its own status, 400 or 409 included), the Go half's
// null lists read as empty, and the apply's secrets never in the slice.
import {configureStore} from '@reduxjs/toolkit';

import {selectPluginState, stateKey} from './selectors';
import {reducer} from './slice';
import {applyImport, dryRunImport, exportApps} from './transfer';

import {exportFilename, OAuthClient, setClient} from '../client/oauth_client';
import {pluginId} from '../manifest';

const SECRET = 'sekrit-imported-value';
const ROUTE = `http://mm.test/plugins/${pluginId}/api/v1`;

type Sent = {url: string; method?: string; body?: string};
let sent: Sent[];

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    globalThis.fetch = jest.fn(async (url: string, options: {method?: string; body?: string}) => {
        sent.push({url, method: options.method, body: options.body});
        const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
        return {ok: status >= 200 && status < 300, status, text: async () => text, headers: {get: (name: string) => lower[name.toLowerCase()] ?? null}} as unknown as Response;
    }) as unknown as typeof fetch;
}

function makeStore() {
    const client = new OAuthClient();
    client.setUrl('http://mm.test');
    setClient(client);
    return configureStore({reducer: {[stateKey]: reducer}, middleware: (gd) => gd({serializableCheck: false})});
}

const doc = {schema: 'oauth-manager.export/v1', exported_at: 1, server: '', apps: [{source_id: 'a'.repeat(26), name: 'Grafana'}]};

beforeEach(() => {
    sent = [];
});

describe('export', () => {
    test('GET /export: the document, its text as sent, and the name the server gave', async () => {
        const text = JSON.stringify(doc, null, 2);
        answer(200, text, {'Content-Disposition': 'attachment; filename="oauth-apps-2026-01-02.json"'});
        const got = await makeStore().dispatch(exportApps()).unwrap();
        expect(sent).toEqual([{url: `${ROUTE}/export`, method: 'get', body: undefined}]);
        expect(got).toEqual({document: doc, text, filename: 'oauth-apps-2026-01-02.json'});
    });

    test('the file name: only a plain name is taken from the header, else today\'s in UTC', () => {
        const now = Date.UTC(2026, 10, 24, 23, 59);
        expect(exportFilename('attachment; filename="oauth-apps-2026-11-25.json"', now)).toBe('oauth-apps-2026-11-25.json');
        expect(exportFilename('attachment; filename=oauth-apps-2026-11-25.json', now)).toBe('oauth-apps-2026-11-25.json');
        expect(exportFilename(null, now)).toBe('oauth-apps-2026-11-24.json');
        expect(exportFilename('attachment; filename="..json"', now)).toBe('oauth-apps-2026-11-24.json');
        expect(exportFilename('attachment; filename="../../evil.sh"', now)).toBe('oauth-apps-2026-11-24.json');
        expect(exportFilename('attachment; filename="a b<c>.json"', now)).toBe('oauth-apps-2026-11-24.json');
    });

    test('a 503 is refused with the server\'s message; an answer without apps is unreadable', async () => {
        answer(503, {unavailable: 'database', message: 'The plugin cannot read the apps from the database.'});
        const store = makeStore();
        await expect(store.dispatch(exportApps()).unwrap()).rejects.toEqual({message: 'The plugin cannot read the apps from the database.', status_code: 503});
        answer(200, {schema: 'x'});
        await expect(store.dispatch(exportApps()).unwrap()).rejects.toMatchObject({kind: 'unreadable'});
    });
});

describe('import', () => {
    const dryRunBody = {
        plan: 'p1',
        match: 'source_id',
        counts: {create: 1, update: 0, skip: 0},
        apps: [{position: 1, source_id: 'a'.repeat(26), name: 'Grafana', action: 'create', via: 'rest', changes: null, notes: null}],
    };

    test('the dry run posts {document, match, apply: false}; null lists come as empty', async () => {
        answer(200, dryRunBody);
        const got = await makeStore().dispatch(dryRunImport({document: doc, match: 'source_id'})).unwrap();
        expect(sent[0].url).toBe(`${ROUTE}/import`);
        expect(sent[0].method).toBe('post');
        expect(JSON.parse(sent[0].body!)).toEqual({document: doc, match: 'source_id', apply: false});
        expect(got).toEqual({kind: 'dry_run', dryRun: {...dryRunBody, apps: [{...dryRunBody.apps[0], changes: [], notes: []}]}});
    });

    test('the apply posts the plan; its secrets reach the caller and never the slice', async () => {
        const body = {plan: 'p1', counts: {create: 1, update: 0, skip: 0}, apps: [{position: 1, source_id: 'a'.repeat(26), name: 'Grafana', action: 'create', client_id: 'n'.repeat(26), client_secret: SECRET}], id_map: {['a'.repeat(26)]: 'n'.repeat(26)}};
        answer(200, body, {'Cache-Control': 'no-store'});
        const store = makeStore();
        const got = await store.dispatch(applyImport({document: doc, match: 'name', plan: 'p1'})).unwrap();
        expect(JSON.parse(sent[0].body!)).toEqual({document: doc, match: 'name', apply: true, plan: 'p1'});
        expect(got).toEqual({kind: 'applied', result: body});
        expect(JSON.stringify(store.getState())).not.toContain(SECRET);
        expect(selectPluginState(store.getState() as never).requests.applyImport).toEqual({status: 'succeeded'});
    });

    test('400 with errors: the document is invalid', async () => {
        const errors = [{position: 0, field: 'schema', message: 'Unknown schema.'}, {position: 2, field: 'name', message: 'Too long.'}];
        answer(400, {message: 'The document is not valid.', errors});
        const got = await makeStore().dispatch(dryRunImport({document: doc, match: 'source_id'})).unwrap();
        expect(got).toEqual({kind: 'invalid', invalid: {message: 'The document is not valid.', errors}});
    });

    test('409: the plan changed', async () => {
        answer(409, {message: 'The plan no longer matches.', plan: 'p2'});
        const got = await makeStore().dispatch(applyImport({document: doc, match: 'source_id', plan: 'p1'})).unwrap();
        expect(got).toEqual({kind: 'plan_changed', changed: {message: 'The plan no longer matches.', plan: 'p2'}});
    });

    test.each([500, 400, 409, 403])('a failure half-way (status %i) is told by its body, state included', async (status) => {
        const state = [{position: 1, client_id: 'n'.repeat(26), state: 'created'}];
        answer(status, {message: 'Record 2 (Wiki) could not be updated.', position: 2, undone: false, state});
        const got = await makeStore().dispatch(applyImport({document: doc, match: 'source_id', plan: 'p1'})).unwrap();
        expect(got).toEqual({kind: 'failed', failure: {status, message: 'Record 2 (Wiki) could not be updated.', position: 2, undone: false, state}});
    });

    test('an undone failure with a null state', async () => {
        answer(502, {message: 'Nothing was imported.', position: 1, undone: true, state: null});
        const got = await makeStore().dispatch(applyImport({document: doc, match: 'source_id', plan: 'p1'})).unwrap();
        expect(got).toEqual({kind: 'failed', failure: {status: 502, message: 'Nothing was imported.', position: 1, undone: true, state: []}});
    });

    test('other refusals fail as every call does, with the server\'s words and status', async () => {
        const store = makeStore();
        answer(403, {message: 'You need manage_oauth.'});
        await expect(store.dispatch(dryRunImport({document: doc, match: 'source_id'})).unwrap()).rejects.toEqual({message: 'You need manage_oauth.', status_code: 403});
        answer(400, {message: 'The body is not JSON.'});
        await expect(store.dispatch(dryRunImport({document: doc, match: 'source_id'})).unwrap()).rejects.toEqual({message: 'The body is not JSON.', status_code: 400});
        answer(501, '<html>Not Implemented</html>');
        await expect(store.dispatch(dryRunImport({document: doc, match: 'source_id'})).unwrap()).rejects.toMatchObject({status_code: 501});
        answer(200, {unexpected: true});
        await expect(store.dispatch(dryRunImport({document: doc, match: 'source_id'})).unwrap()).rejects.toMatchObject({kind: 'unreadable'});
    });
});
