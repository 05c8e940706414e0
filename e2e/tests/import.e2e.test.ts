// Export from the test server, import into a second, EMPTY server (its own
// database and file store), through the plugin's routes on real servers:
// the dry run, broken files that change nothing, a stale plan refused, the
// apply re-creating every app with equal fields (printed as an id map), then
// an update matched by name, and no new secret left anywhere on server 2.
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';

import type {OAuthApp} from '@mattermost/types/integrations';

import type {ExportDocument, ImportErrorItem} from '../../webapp/src/client/import_types';
import {startEmptyServer} from '../lib/empty_server';
import type {EmptyServer} from '../lib/empty_server';
import {anonymousClient, clientAs, loadEnv} from '../lib/env';

const env = loadEnv();
const run = Date.now().toString(36);
const admin = clientAs(env, 'admin');

type Document = ExportDocument;
type PlanItem = {position: number; source_id: string; name: string; action: string; via?: string; target_id?: string; changes?: Array<{field: string; old: unknown; new: unknown}>; notes?: string[]};
type Answer = {
    message?: string;
    errors?: ImportErrorItem[];
    plan?: string;
    counts?: {create: number; update: number; skip: number};
    apps?: Array<PlanItem & {client_id?: string; client_secret?: string}>;
    id_map?: {[sourceId: string]: string};
};

let server2: EmptyServer;
const made: OAuthApp[] = [];

async function call(siteURL: string, token: string, method: string, route: string, body?: unknown): Promise<{status: number; body: Answer & Document; cache: string | null}> {
    const response = await fetch(`${siteURL}/plugins/oauth-manager/api/v1/${route}`, {
        method,
        headers: {Authorization: `Bearer ${token}`, 'X-Requested-With': 'XMLHttpRequest', ...(body === undefined ? {} : {'Content-Type': 'application/json'})},
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {status: response.status, body: await response.json(), cache: response.headers.get('cache-control')};
}

const exportFrom = async (siteURL: string, token: string) => (await call(siteURL, token, 'GET', 'export')).body as Document;
const importInto = (siteURL: string, token: string, body: unknown) => call(siteURL, token, 'POST', 'import', body);
const token2 = () => server2.admin.getToken();

// Server 2's apps as its own export has them (REST has no public flag).
const server2Apps = async () => (await exportFrom(server2.siteURL, token2())).apps;

// The database of server 2, for the leak check.
const sql2 = (query: string) => execFileSync('psql', [process.env.E2E_PG!.replace(/\/mattermost$/, `/${server2DB}`), '-tAc', query], {encoding: 'utf8'});
const server2DB = `import_${run.replace(/[^a-z0-9]/g, '')}`;

let source: Document;
const newSecrets = new Set<string>();

beforeAll(async () => {
    // Apps of every kind on server 1, beside whatever earlier tests left there.
    const make = async (role: 'admin' | 'dev', app: Partial<OAuthApp> & {is_public?: boolean}) => {
        const created = await clientAs(env, role).createOAuthApp({
            description: '', icon_url: '', homepage: 'https://import.example.com', callback_urls: [`https://import-${run}.example.com/cb`], ...app,
        } as OAuthApp);
        made.push(created);
        return created;
    };
    await make('admin', {name: `import-${run}-trusted`, is_trusted: true, description: 'Trusted, with an icon', icon_url: 'https://import.example.com/icon.png'});
    await make('admin', {name: `import-${run}-public`, is_public: true, callback_urls: ['http://127.0.0.1:7777/cb', 'http://localhost:7777/cb']});
    await make('dev', {name: `import-${run}-dev <b>&amp;</b> *bold* ✓`, description: 'Made by [oauthdev](javascript:alert(1))'});

    // Many more, of every combination: trusted, public, several callbacks, an icon, names in other scripts.
    for (let i = 0; i < 36; i += 6) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.all([0, 1, 2, 3, 4, 5].map((j) => make(i + j < 18 ? 'admin' : 'dev', {
            name: `import-${run}-${i + j} ${['Grafana', 'Вики', 'ウィキ', 'CI & CD', 'wiki_2', 'Ops'][j]}`,
            description: j % 2 ? `App ${i + j}: *markdown* stays text` : '',
            icon_url: j === 3 ? `https://import-${run}.example.com/icon-${i + j}.png` : '',
            callback_urls: Array.from({length: 1 + (j % 3)}, (_, k) => `https://import-${run}.example.com/${i + j}/cb${k}`),
            is_trusted: i + j < 18 && j % 3 === 0,
            is_public: j === 4,
        })));
    }

    // Clients registered dynamically (one public, one confidential), anonymously as anyone can.
    for (const [name, method] of [[`import-${run}-dcr`, 'none'], [`import-${run}-dcr-confidential`, 'client_secret_post']]) {
        let response: Response;
        for (let tries = 0; ; tries++) {
            // eslint-disable-next-line no-await-in-loop
            response = await fetch(`${env.siteURL}/api/v4/oauth/apps/register`, {
                method: 'POST',
                headers: {'Content-Type': 'application/json'},
                body: JSON.stringify({client_name: name, redirect_uris: [`https://import-${run}.example.com/dcr`], token_endpoint_auth_method: method}),
            });
            if (response.status !== 429 || tries > 10) {
                break;
            }
            // eslint-disable-next-line no-await-in-loop
            await new Promise((r) => setTimeout(r, 1000));
        }
        expect(response.status).toBe(201);
        // eslint-disable-next-line no-await-in-loop
        const dcr = await admin.getOAuthApp(((await response.json()) as {client_id: string}).client_id);
        // eslint-disable-next-line no-await-in-loop
        await admin.editOAuthApp({...dcr, description: 'A registered agent'});
        made.push(dcr);
    }

    source = await exportFrom(env.siteURL, env.users.admin.token);
    expect(source.apps.map((a) => a.source_id)).toEqual(expect.arrayContaining(made.map((a) => a.id)));

    const t0 = Date.now();
    server2 = await startEmptyServer(env, server2DB);
    process.stdout.write(`[import] empty server 2 on ${server2.siteURL} (database ${server2DB}) ready in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}, 240_000);

afterAll(async () => {
    await server2?.stop();
    await Promise.all(made.map((a) => admin.deleteOAuthApp(a.id).catch(() => undefined)));
});

test('server 2 starts empty', async () => {
    expect(await server2Apps()).toEqual([]);
    expect((await server2.admin.getOAuthApps(0, 200)).length).toBe(0);
});

test('the dry run plans a create for every app and writes nothing', async () => {
    const {status, body, cache} = await importInto(server2.siteURL, token2(), {document: source, match: 'source_id'});
    expect({status, message: body.message, errors: body.errors}).toEqual({status: 200, message: undefined, errors: undefined});
    expect(cache).toBe('no-store');
    expect(body.counts).toEqual({create: source.apps.length, update: 0, skip: 0});
    expect(body.apps!.map((a) => a.position)).toEqual(source.apps.map((_, i) => i + 1));
    const dcr = body.apps!.find((a) => a.name === `import-${run}-dcr`)!;
    expect(dcr.via).toBe('dcr');
    const dev = body.apps!.find((a) => a.name.startsWith(`import-${run}-dev`))!;
    expect(dev.notes).toEqual(["Owned by you: Mattermost cannot set an app's creator (on the source it was @oauthdev's)."]);
    expect(await server2Apps()).toEqual([]);
});

test('a broken file is refused with each record\'s position and field, and changes nothing', async () => {
    const broken = structuredClone(source);
    broken.apps[0].callback_urls = ['ftp://files.example.com/cb'];
    (broken.apps[1] as unknown as {homepage: number}).homepage = 42;
    (broken.apps[1] as unknown as {colour: string}).colour = 'red';
    const {status, body} = await importInto(server2.siteURL, token2(), {document: broken, match: 'source_id', apply: true, plan: 'x'});
    expect(status).toBe(400);
    expect(body.message).toBe('Nothing was imported: the document has 3 problems. Correct them and run the dry run again.');
    expect(body.errors).toEqual([
        {position: 1, field: 'callback_urls', message: 'Callback URLs must be http:// or https:// URLs, not "ftp://files.example.com/cb".'},
        {position: 2, field: 'colour', message: expect.stringContaining('Unknown property "colour": a record has only')},
        {position: 2, field: 'homepage', message: '"homepage" must be a string.'},
    ]);

    // One bad value among good records: named alone.
    const badValue = structuredClone(source);
    badValue.apps[2].callback_urls = ['ftp://files.example.com/cb'];
    const second = await importInto(server2.siteURL, token2(), {document: badValue, match: 'source_id', apply: true, plan: 'x'});
    expect(second.status).toBe(400);
    expect(second.body.errors).toEqual([{position: 3, field: 'callback_urls', message: 'Callback URLs must be http:// or https:// URLs, not "ftp://files.example.com/cb".'}]);

    const notADocument = await importInto(server2.siteURL, token2(), {document: {schema: 'oauth-manager.export/v9', apps: []}, match: 'source_id'});
    expect(notADocument.status).toBe(400);
    expect(notADocument.body.errors).toEqual([{position: 0, field: 'schema', message: 'The document\'s schema is "oauth-manager.export/v9"; this import reads "oauth-manager.export/v1" only.'}]);

    expect(await server2Apps()).toEqual([]);
});

test('an apply whose plan is not the dry run\'s is refused and changes nothing', async () => {
    const {status, body} = await importInto(server2.siteURL, token2(), {document: source, match: 'source_id', apply: true, plan: '0'.repeat(64)});
    expect(status).toBe(409);
    expect(body.message).toContain('Nothing was imported');
    expect(body.plan).toMatch(/^[0-9a-f]{64}$/);
    expect(await server2Apps()).toEqual([]);
});

test('the apply re-creates every app with equal fields and prints the id map', async () => {
    const dry = await importInto(server2.siteURL, token2(), {document: source, match: 'source_id'});
    const t0 = Date.now();
    const {status, body} = await importInto(server2.siteURL, token2(), {document: source, match: 'source_id', apply: true, plan: dry.body.plan});
    const took = Date.now() - t0;
    expect({status, message: body.message}).toEqual({status: 200, message: undefined});
    expect(Object.keys(body.id_map!).sort()).toEqual(source.apps.map((a) => a.source_id).sort());

    const lines = body.apps!.map((a) => `  ${a.source_id} -> ${a.client_id}  ${JSON.stringify(a.name)}`);
    process.stdout.write(`[import] ${body.apps!.length} apps imported into the empty server in ${took} ms; id map (old -> new):\n${lines.join('\n')}\n`);

    const imported = new Map((await server2Apps()).map((a) => [a.source_id, a]));
    expect(imported.size).toBe(source.apps.length);
    for (const record of source.apps) {
        const copy = imported.get(body.id_map![record.source_id]);
        expect(copy).toBeDefined();

        // Equal in every field but the two Mattermost sets itself: the id and the creator.
        expect({...copy!, source_id: record.source_id, creator_username: record.creator_username}).toEqual(record);
        expect(copy!.creator_username).toBe(record.is_dynamically_registered ? '' : server2.adminUsername);
    }

    // The new secrets, once, equal to the server's; none for public clients.
    for (const app of body.apps!) {
        const rest = await server2.admin.getOAuthApp(app.client_id!); // eslint-disable-line no-await-in-loop
        const record = source.apps[app.position - 1];
        expect(app.client_secret ?? '').toBe(record.is_public ? '' : rest.client_secret);
        if (app.client_secret) {
            newSecrets.add(app.client_secret);
        }
    }
    expect(newSecrets.size).toBe(source.apps.filter((a) => !a.is_public).length);
    expect(source.apps.length).toBeGreaterThanOrEqual(40);
});

test('importing the same file again by name skips every app; a changed record is an update with its diff', async () => {
    const again = await importInto(server2.siteURL, token2(), {document: source, match: 'name'});
    const names = source.apps.map((a) => a.name);
    const unique = names.filter((n) => names.indexOf(n) === names.lastIndexOf(n)).length;
    if (unique !== names.length) {
        // Apps of other tests share a name: matching by name must refuse those, by position.
        expect(again.status).toBe(400);
        expect(again.body.errors!.every((e) => e.field === 'name')).toBe(true);
        return;
    }
    expect(again.status).toBe(200);
    expect(again.body.counts).toEqual({create: 0, update: 0, skip: source.apps.length});

    const edited = structuredClone(source);
    const index = edited.apps.findIndex((a) => a.name === `import-${run}-trusted`);
    edited.apps[index].description = 'Changed by the import';
    edited.apps[index].callback_urls = [...edited.apps[index].callback_urls, `https://import-${run}.example.com/second`];
    const dry = await importInto(server2.siteURL, token2(), {document: edited, match: 'name'});
    expect(dry.body.counts).toEqual({create: 0, update: 1, skip: source.apps.length - 1});
    const item = dry.body.apps![index];
    expect(item.action).toBe('update');
    expect(item.changes).toEqual([
        {field: 'description', old: 'Trusted, with an icon', new: 'Changed by the import'},
        {field: 'callback_urls', old: source.apps[index].callback_urls, new: edited.apps[index].callback_urls},
    ]);

    // Changed on server 2 between the dry run and the apply: refused.
    const target = await server2.admin.getOAuthApp(item.target_id!);
    await server2.admin.editOAuthApp({...target, homepage: 'https://changed.example.com'});
    const stale = await importInto(server2.siteURL, token2(), {document: edited, match: 'name', apply: true, plan: dry.body.plan});
    expect(stale.status).toBe(409);
    expect((await server2.admin.getOAuthApp(item.target_id!)).description).toBe('Trusted, with an icon');

    const fresh = await importInto(server2.siteURL, token2(), {document: edited, match: 'name'});
    expect(fresh.body.apps![index].changes!.map((c) => c.field)).toEqual(['description', 'homepage', 'callback_urls']);
    const applied = await importInto(server2.siteURL, token2(), {document: edited, match: 'name', apply: true, plan: fresh.body.plan});
    expect(applied.status).toBe(200);
    expect(applied.body.apps![index].client_secret).toBeUndefined();
    const after = await server2.admin.getOAuthApp(item.target_id!);
    expect({description: after.description, homepage: after.homepage, callbacks: after.callback_urls}).toEqual({
        description: 'Changed by the import', homepage: 'https://import.example.com', callbacks: edited.apps[index].callback_urls,
    });
});

test('without manage_oauth the import is refused, as REST would', async () => {
    const plain = await importInto(env.siteURL, env.users.plain.token, {document: source, match: 'source_id'});
    expect(plain.status).toBe(403);
    expect(plain.body.message).toContain('manage_oauth');
    expect(await anonymousClient(env).getOAuthApps(0, 10).then(() => 200, (e: {status_code: number}) => e.status_code)).toBe(401);
});

test('no new secret is in server 2\'s posts, plugin KV store or log', () => {
    expect(newSecrets.size).toBeGreaterThan(0);
    const posts = sql2('SELECT message || \' \' || props FROM posts');
    const kv = sql2('SELECT pkey || \' \' || encode(pvalue, \'escape\') FROM pluginkeyvaluestore');
    const log = readFileSync(server2.logFile, 'utf8');
    expect(kv.length).toBeGreaterThan(0);
    expect(log).toContain('oauth-manager');
    for (const secret of newSecrets) {
        expect(posts).not.toContain(secret);
        expect(kv).not.toContain(secret);
        expect(log).not.toContain(secret);
    }
});
