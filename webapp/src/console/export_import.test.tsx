// The console's Export and import section over a fake client: the download,
// the file check in the browser, the dry run (hostile names shown as text),
// the document's errors, the confirmation, the apply's result with its secrets
// masked and never in the store, a plan that changed, and a failure that left
// apps changed.
import {screen, waitFor, within} from '@testing-library/react';

import {REVOKE_AFTER_MS} from './files';
import {setup} from './test_manager';
import type {Fake} from './test_manager';

import type {ApplyResult, DryRun, ExportDocument, ImportFailure, ImportOutcome, ImportRequest} from '../client/import_types';
import {stateKey} from '../store/selectors';

const HOSTILE = '<img src=x onerror=alert(1)> # Heading [click](https://evil.example)';
const SECRET = 'imported-secret-value-1';
const id = (c: string) => c.repeat(26);

const exported: ExportDocument = {
    schema: 'oauth-manager.export/v1',
    exported_at: 1764000000000,
    server: 'https://old.example.com',
    apps: [
        {source_id: id('a'), name: 'Grafana', description: '', homepage: 'https://grafana.example', icon_url: '', callback_urls: ['https://grafana.example/login'], is_trusted: false, is_public: false, is_dynamically_registered: false, creator_username: 'alice'},
        {source_id: id('b'), name: HOSTILE, description: 'New', homepage: 'https://wiki.example', icon_url: '', callback_urls: ['https://wiki.example/cb2', 'https://wiki.example/cb3'], is_trusted: true, is_public: false, is_dynamically_registered: false, creator_username: 'bob'},
        {source_id: id('c'), name: 'CI', description: '', homepage: 'https://ci.example', icon_url: '', callback_urls: ['https://ci.example/cb'], is_trusted: false, is_public: true, is_dynamically_registered: false, creator_username: ''},
    ],
};

const dryRun: DryRun = {
    plan: 'plan-digest-1',
    match: 'name',
    counts: {create: 1, update: 1, skip: 1},
    apps: [
        {position: 1, source_id: id('a'), name: 'Grafana', action: 'create', via: 'rest', changes: [], notes: ['Owned by you: Mattermost cannot set an app\'s creator (it was @alice\'s).']},
        {
            position: 2,
            source_id: id('b'),
            name: HOSTILE,
            action: 'update',
            target_id: id('t'),
            changes: [
                {field: 'description', old: 'Old', new: 'New'},
                {field: 'callback_urls', old: ['https://wiki.example/cb1', 'https://wiki.example/cb2'], new: ['https://wiki.example/cb2', 'https://wiki.example/cb3']},
                {field: 'is_trusted', old: false, new: true},
            ],
            notes: [HOSTILE],
        },
        {position: 3, source_id: id('c'), name: 'CI', action: 'skip', target_id: id('s'), changes: [], notes: []},
    ],
};

const applied: ApplyResult = {
    plan: 'plan-digest-1',
    counts: {create: 1, update: 1, skip: 1},
    apps: [
        {position: 1, source_id: id('a'), name: 'Grafana', action: 'create', client_id: id('n'), client_secret: SECRET},
        {position: 2, source_id: id('b'), name: HOSTILE, action: 'update', client_id: id('t')},
        {position: 3, source_id: id('c'), name: 'CI', action: 'skip', client_id: id('s')},
    ],
    id_map: {[id('a')]: id('n'), [id('b')]: id('t'), [id('c')]: id('s')},
};

const jsonFile = (content: string, name = 'oauth-apps-2026-01-02.json') => new File([content], name, {type: 'application/json'});
const listReadsOf = (fake: Fake) => (fake.listApps as jest.Mock).mock.calls.length;
const rowTexts = (table: HTMLElement) => within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));

// importApps answers the dry run, then `then` for the apply.
function open(then: ImportOutcome | Error = {kind: 'applied', result: applied}, first: ImportOutcome = {kind: 'dry_run', dryRun}) {
    const importApps = jest.fn(async (request: ImportRequest) => {
        if (!request.apply) {
            return first;
        }
        if (then instanceof Error) {
            throw then;
        }
        return then;
    });
    const got = setup({client: {importApps}});
    return {...got, importApps, region: () => screen.getByRole('region', {name: 'Export and import'})};
}

async function dryRunWith(got: ReturnType<typeof open>, content = JSON.stringify(exported), match: 'source_id' | 'name' = 'name') {
    const region = got.region();
    await got.user.upload(within(region).getByLabelText('Export file (.json)'), jsonFile(content));
    await within(region).findByText('oauth-apps-2026-01-02.json: 3 records.');
    if (match === 'name') {
        await got.user.click(within(region).getByRole('radio', {name: 'Exact name'}));
    }
    await got.user.click(within(region).getByRole('button', {name: 'Dry run of the import'}));
}

describe('import', () => {
    test('the dry run sends the document and the match, and shows every record as text', async () => {
        const got = open();
        await dryRunWith(got);
        expect(got.importApps).toHaveBeenCalledTimes(1);
        expect(got.importApps).toHaveBeenCalledWith({document: exported, match: 'name', apply: false});
        expect(await screen.findByText('Dry run: 1 to create, 1 to update, 1 unchanged. Nothing was written.')).toBeInTheDocument();
        const table = screen.getByRole('table', {name: 'What the import would do'});
        expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Record', 'Name', 'Action', 'Matched app', 'Changes', 'Notes']);
        expect(rowTexts(table)).toEqual([
            ['1', `GrafanaSource ID ${id('a')}`, 'Create', 'None', '', 'Owned by you: Mattermost cannot set an app\'s creator (it was @alice\'s).'],
            [
                '2',
                `${HOSTILE}Source ID ${id('b')}`,
                'Update',
                id('t'),
                'Description: Old → New' +
                    'Callback URLsremoved: https://wiki.example/cb1added: https://wiki.example/cb3' +
                    'Trusted: No → Yes',
                HOSTILE,
            ],
            ['3', `CISource ID ${id('c')}`, 'Skip: already equal', id('s'), '', ''],
        ]);

        // App data never becomes markup.
        expect(table.querySelector('img, a, h1')).toBeNull();
        expect(got.region().querySelector('img, a, h1')).toBeNull();
        expect(screen.getByRole('button', {name: 'Import…'})).toBeInTheDocument();
    });

    test('the match is source ID unless chosen; a reordered callback list says so', async () => {
        const reordered: DryRun = {...dryRun, match: 'source_id', counts: {create: 0, update: 1, skip: 0}, apps: [{...dryRun.apps[1], changes: [{field: 'callback_urls', old: ['https://x.example/1', 'https://x.example/2'], new: ['https://x.example/2', 'https://x.example/1']}], notes: []}]};
        const got = open(undefined, {kind: 'dry_run', dryRun: reordered});
        await dryRunWith(got, JSON.stringify(exported), 'source_id');
        expect(got.importApps).toHaveBeenCalledWith({document: exported, match: 'source_id', apply: false});
        const table = await screen.findByRole('table', {name: 'What the import would do'});
        expect(within(table).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['same URLs in a new order:', 'https://x.example/2', 'https://x.example/1']);
    });

    test('nothing to do offers no import', async () => {
        const got = open(undefined, {kind: 'dry_run', dryRun: {...dryRun, counts: {create: 0, update: 0, skip: 1}, apps: [dryRun.apps[2]]}});
        await dryRunWith(got);
        expect(await screen.findByText('Nothing to import: every app already equals its record.')).toBeInTheDocument();
        expect(screen.queryByRole('button', {name: 'Import…'})).not.toBeInTheDocument();
    });

    test('a file that is not JSON is refused in the browser, before any request', async () => {
        const got = open();
        const region = got.region();
        await got.user.upload(within(region).getByLabelText('Export file (.json)'), jsonFile('name,homepage\nGrafana,https://g.example', 'apps.csv.json'));
        expect(await within(region).findByRole('alert')).toHaveTextContent('apps.csv.json is not a JSON file, so it is not an export. Choose the file a Download export saved (oauth-apps-YYYY-MM-DD.json). Nothing was sent.');
        expect(within(region).getByRole('button', {name: 'Dry run of the import'})).toBeDisabled();
        expect(got.importApps).not.toHaveBeenCalled();

        // A good file afterwards clears the refusal.
        await got.user.upload(within(region).getByLabelText('Export file (.json)'), jsonFile(JSON.stringify(exported)));
        expect(await within(region).findByText('oauth-apps-2026-01-02.json: 3 records.')).toBeInTheDocument();
        expect(within(region).queryByRole('alert')).not.toBeInTheDocument();
        expect(within(region).getByRole('button', {name: 'Dry run of the import'})).toBeEnabled();
    });

    test('a refused document lists every error by record and field; nothing to import', async () => {
        const errors = [
            {position: 0, field: 'schema', message: 'The schema is "oauth-manager.export/v9", which this server does not read.'},
            {position: 2, field: 'homepage', message: `The homepage "${HOSTILE}" is not an http(s) URL.`},
            {position: 3, field: 'callback_urls', message: 'Give one callback URL or more.'},
        ];
        const got = open(undefined, {kind: 'invalid', invalid: {message: 'The document is not valid.', errors}});
        await dryRunWith(got);
        const alert = await within(got.region()).findByRole('alert');
        expect(alert).toHaveTextContent('The file cannot be imported: 3 errors. Nothing was written. Fix the file and run the dry run again.');
        expect(within(alert).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
            'The document, schema: The schema is "oauth-manager.export/v9", which this server does not read.',
            `Record 2, homepage: The homepage "${HOSTILE}" is not an http(s) URL.`,
            'Record 3, callback_urls: Give one callback URL or more.',
        ]);
        expect(alert.querySelector('img, a, h1')).toBeNull();
        expect(screen.queryByRole('table', {name: 'What the import would do'})).not.toBeInTheDocument();
        expect(screen.queryByRole('button', {name: 'Import…'})).not.toBeInTheDocument();
    });

    test('a dry run the caller may not make is refused in plain words', async () => {
        const importApps = jest.fn().mockRejectedValue(Object.assign(new Error('You need manage_oauth.'), {status_code: 403}));
        const got = setup({client: {importApps}});
        const region = screen.getByRole('region', {name: 'Export and import'});
        await got.user.upload(within(region).getByLabelText('Export file (.json)'), jsonFile(JSON.stringify(exported)));
        await within(region).findByText('oauth-apps-2026-01-02.json: 3 records.');
        await got.user.click(within(region).getByRole('button', {name: 'Dry run of the import'}));
        expect(await within(region).findByRole('alert')).toHaveTextContent(/^Could not run the dry run of the import: you lack the permission for it\..*You need manage_oauth\./);
    });

    test('confirming states the counts and the new ids and secrets, then applies that plan; the result masks the secret', async () => {
        const got = open();
        await dryRunWith(got);
        await got.user.click(await screen.findByRole('button', {name: 'Import…'}));
        const dialog = await screen.findByRole('dialog', {name: 'Import 2 apps?'});
        expect(dialog).toHaveTextContent('1 app is created and 1 app is updated, exactly as the dry run showed; 1 app stays as it is. Created apps get new client IDs and new secrets');
        expect(got.importApps).toHaveBeenCalledTimes(1);
        const listReads = listReadsOf(got.fake);
        await got.user.click(within(dialog).getByRole('button', {name: 'Import'}));

        const result = await screen.findByRole('status', {name: 'Import result'});
        expect(got.importApps).toHaveBeenLastCalledWith({document: exported, match: 'name', apply: true, plan: 'plan-digest-1'});
        await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
        expect(result).toHaveTextContent('Import done: 1 created, 1 updated, 1 unchanged.');
        expect(result).toHaveTextContent('The new client secrets are shown this once: copy them now and store them safely.');
        const table = within(result).getByRole('table', {name: 'Imported apps'});
        expect(rowTexts(table).map((r) => r.slice(0, 3))).toEqual([
            ['Grafana', 'Create', `${id('a')} → ${id('n')}`],
            [HOSTILE, 'Update', `${id('b')} → ${id('t')}`],
            ['CI', 'Skip: already equal', `${id('c')} → ${id('s')}`],
        ]);
        expect(table.querySelector('img, a, h1')).toBeNull();

        // Masked until shown; never in the store.
        const secret = within(result).getByLabelText('New client secret of Grafana');
        expect(secret).toHaveTextContent('••••••••');
        expect(result).not.toHaveTextContent(SECRET);
        expect(JSON.stringify(got.store.getState()[stateKey])).not.toContain(SECRET);
        await got.user.click(within(result).getByRole('button', {name: 'Show the new secret of Grafana'}));
        expect(secret).toHaveTextContent(SECRET);
        expect(within(result).getByRole('button', {name: 'Copy the new secret of Grafana'})).toBeInTheDocument();
        expect(within(result).getByRole('button', {name: 'Copy the ID map (source ID → client ID, as JSON)'})).toBeInTheDocument();

        // The table is read again; the dry run is gone (its plan is spent).
        await waitFor(() => expect(listReadsOf(got.fake)).toBeGreaterThan(listReads));
        expect(screen.queryByRole('table', {name: 'What the import would do'})).not.toBeInTheDocument();

        // Closing the result forgets the secret.
        await got.user.click(within(result).getByRole('button', {name: 'I have stored them'}));
        expect(screen.queryByRole('status', {name: 'Import result'})).not.toBeInTheDocument();
        expect(document.body).not.toHaveTextContent(SECRET);
    });

    test('apps changed since the dry run: nothing imported, run it again', async () => {
        const got = open({kind: 'plan_changed', changed: {message: 'The plan no longer matches.', plan: 'plan-digest-2'}});
        await dryRunWith(got);
        await got.user.click(await screen.findByRole('button', {name: 'Import…'}));
        await got.user.click(within(await screen.findByRole('dialog', {name: 'Import 2 apps?'})).getByRole('button', {name: 'Import'}));
        expect(await within(got.region()).findByRole('alert')).toHaveTextContent('The apps changed since the dry run; nothing was imported. Run the dry run again.');
        await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
        expect(screen.queryByRole('table', {name: 'What the import would do'})).not.toBeInTheDocument();
        expect(screen.queryByRole('button', {name: 'Import…'})).not.toBeInTheDocument();
    });

    test('a failure whose undo failed lists the apps left changed', async () => {
        const failure: ImportFailure = {
            status: 500,
            message: 'Record 3 (CI) could not be created: the database is read-only. The undo failed too: 2 apps are left changed.',
            position: 3,
            undone: false,
            state: [{position: 1, client_id: id('n'), state: 'created'}, {position: 2, client_id: id('t'), state: 'updated'}],
        };
        const got = open({kind: 'failed', failure});
        await dryRunWith(got);
        const listReads = listReadsOf(got.fake);
        await got.user.click(await screen.findByRole('button', {name: 'Import…'}));
        await got.user.click(within(await screen.findByRole('dialog', {name: 'Import 2 apps?'})).getByRole('button', {name: 'Import'}));
        const failed = await screen.findByRole('alert', {name: 'Import failed'});
        expect(failed).toHaveTextContent('The import stopped at record 3.');
        expect(failed).toHaveTextContent('Record 3 (CI) could not be created: the database is read-only.');
        expect(failed).toHaveTextContent('The undo failed too. These apps were left changed');
        expect(within(failed).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
            `Record 1 (Grafana): created as ${id('n')}, and still there.`,
            `Record 2 (${HOSTILE}): ${id('t')} was updated and not put back.`,
        ]);
        expect(failed.querySelector('img, a, h1')).toBeNull();
        await waitFor(() => expect(listReadsOf(got.fake)).toBeGreaterThan(listReads));
    });

    test('a failure that was undone says the apps are as they were', async () => {
        const got = open({kind: 'failed', failure: {status: 403, message: 'Record 2 (Wiki) could not be updated: forbidden. Nothing was imported: the 1 earlier change was undone.', position: 2, undone: true, state: []}});
        await dryRunWith(got);
        await got.user.click(await screen.findByRole('button', {name: 'Import…'}));
        await got.user.click(within(await screen.findByRole('dialog', {name: 'Import 2 apps?'})).getByRole('button', {name: 'Import'}));
        const failed = await screen.findByRole('alert', {name: 'Import failed'});
        expect(failed).toHaveTextContent('Nothing was imported: the 1 earlier change was undone.');
        expect(failed).toHaveTextContent('What it had changed was undone: the apps are as they were before the import.');
        expect(within(failed).queryAllByRole('listitem')).toHaveLength(0);
    });

    test('no answer stays in the confirmation, which can be tried again', async () => {
        const got = open(new TypeError('Failed to fetch'));
        await dryRunWith(got);
        await got.user.click(await screen.findByRole('button', {name: 'Import…'}));
        const dialog = await screen.findByRole('dialog', {name: 'Import 2 apps?'});
        await got.user.click(within(dialog).getByRole('button', {name: 'Import'}));
        expect(await within(dialog).findByRole('alert')).toHaveTextContent(/^Could not import the apps: /);
        expect(within(dialog).getByRole('button', {name: 'Import'})).toBeEnabled();
    });

    test('a new match discards the dry run; no form and no submit button in the flow', async () => {
        const got = open();
        await dryRunWith(got);
        await screen.findByRole('table', {name: 'What the import would do'});
        await got.user.click(within(got.region()).getByRole('radio', {name: 'Source ID (importing back into the same server)'}));
        expect(screen.queryByRole('table', {name: 'What the import would do'})).not.toBeInTheDocument();
        expect(document.querySelectorAll('form')).toHaveLength(0);
        for (const button of got.region().querySelectorAll('button')) {
            expect(button).toHaveAttribute('type', 'button');
        }
    });
});

describe('export', () => {
    let click: jest.SpyInstance;
    let clicked: Array<{href: string; download: string}>;
    beforeEach(() => {
        clicked = [];
        URL.createObjectURL = jest.fn(() => 'blob:http://mm.test/1');
        URL.revokeObjectURL = jest.fn();
        click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function(this: HTMLAnchorElement) {
            clicked.push({href: this.href, download: this.download});
        });
    });
    afterEach(() => click.mockRestore());

    test('Download export saves the server\'s document under its name, then says how many apps', async () => {
        const text = JSON.stringify(exported, null, 1);
        const exportApps = jest.fn(async () => ({document: exported, text, filename: 'oauth-apps-2026-01-02.json'}));
        const got = setup({client: {exportApps}});
        const region = screen.getByRole('region', {name: 'Export and import'});
        await got.user.click(within(region).getByRole('button', {name: 'Download export'}));
        expect(await within(region).findByRole('status')).toHaveTextContent('Exported 3 apps to oauth-apps-2026-01-02.json. The file holds no secrets.');
        expect(clicked).toEqual([{href: 'blob:http://mm.test/1', download: 'oauth-apps-2026-01-02.json'}]);
        const blob = (URL.createObjectURL as jest.Mock).mock.calls[0][0] as Blob;
        expect(blob.type).toBe('application/json');
        expect(blob.size).toBe(new TextEncoder().encode(text).length);
        expect(document.querySelector('a[download]')).toBeNull();
        await waitFor(() => expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:http://mm.test/1'), {timeout: REVOKE_AFTER_MS + 1000});
    });

    test('a refused export says why, and saves nothing', async () => {
        const exportApps = jest.fn().mockRejectedValue(Object.assign(new Error('The plugin cannot read the apps from the database.'), {status_code: 503}));
        const got = setup({client: {exportApps}});
        const region = screen.getByRole('region', {name: 'Export and import'});
        await got.user.click(within(region).getByRole('button', {name: 'Download export'}));
        expect(await within(region).findByRole('alert')).toHaveTextContent('Could not export the apps: the server answered 503. The server said: "The plugin cannot read the apps from the database."');
        expect(clicked).toEqual([]);
        expect(URL.createObjectURL).not.toHaveBeenCalled();
    });
});
