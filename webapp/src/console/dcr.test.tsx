// The DCR view: the dynamically registered clients with their usage, and the
// prune in three steps (dry run, confirmation naming the count, summary).
import {fireEvent, screen, waitFor, within} from '@testing-library/react';

import {DAY_MS, app, setup} from './test_manager';
import type {Extra} from './test_manager';

import type {PrunePlan} from '../client/governance_types';
import type {ListingQuery} from '../client/oauth_client';

const HOSTILE = '<img src=x onerror=alert(1)> # Heading [click](https://evil.example)';
const now = Date.now();

// Four DCR clients (never used; stale; used; a hostile name, never used) and one app made by hand.
const dcr = (n: number, name: string) => app(n, {name, creator_id: '', is_dynamically_registered: true, callback_urls: [`http://127.0.0.1:${3000 + n}/callback`]});
const apps = [dcr(1, 'MCP never'), dcr(2, 'MCP stale'), dcr(3, 'MCP used'), dcr(4, HOSTILE), app(5, {name: 'Made by hand'})];
const extra: Record<string, Extra> = {
    [apps[1].id]: {usage: {authorized_users: 1, live_tokens: 0, live_sessions: 0, last_used: now - (200 * DAY_MS)}, orphaned: true},
    [apps[2].id]: {usage: {authorized_users: 2, live_tokens: 1, live_sessions: 1, last_used: now - DAY_MS}, orphaned: true},
};

const plan: PrunePlan = {
    plan_id: 'plan1',
    older_than_days: 30,
    count: 2,
    apps: [
        {id: apps[0].id, name: 'MCP never', create_at: apps[0].create_at, last_used: 0, state: 'never_used'},
        {id: apps[3].id, name: HOSTILE, create_at: apps[3].create_at, last_used: now - (200 * DAY_MS), state: 'stale'},
    ],
};

function open(options: Parameters<typeof setup>[0] = {}) {
    const got = setup({apps, extra, ...options});
    return {...got,
        view: async () => {
            await got.user.click(await screen.findByRole('button', {name: 'Show the registered clients'}));
            return screen.findByRole('table', {name: 'Dynamically registered clients'});
        }};
}

const dcrCalls = (fake: Record<string, unknown>) => (fake.listDcrClients as jest.Mock).mock.calls.map(([q]) => q as ListingQuery);
const rowTexts = (table: HTMLElement) => within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));

describe('the DCR view', () => {
    test('is asked for only when opened, then lists the DCR clients with their usage, newest first', async () => {
        const {fake, view} = open();
        await screen.findByRole('table', {name: 'OAuth apps'});
        expect(fake.listDcrClients).not.toHaveBeenCalled();
        const table = await view();
        expect(dcrCalls(fake)).toEqual([{sort: 'created', direction: 'desc', page: 0, per_page: 20}]);
        expect(screen.getByText('4 dynamically registered clients.')).toBeInTheDocument();
        expect(rowTexts(table)).toEqual([
            [`${HOSTILE}Never used`, expect.stringContaining(apps[3].id), 'http://127.0.0.1:3004/callback', 'Jan 5, 2026', '0', 'Never'],
            ['MCP used', expect.stringContaining(apps[2].id), 'http://127.0.0.1:3003/callback', 'Jan 4, 2026', '2', expect.stringMatching(/\d{4}$/)],
            ['MCP staleStale', expect.stringContaining(apps[1].id), 'http://127.0.0.1:3002/callback', 'Jan 3, 2026', '1', expect.stringMatching(/\d{4}$/)],
            ['MCP neverNever used', expect.stringContaining(apps[0].id), 'http://127.0.0.1:3001/callback', 'Jan 2, 2026', '0', 'Never'],
        ]);
        expect(table.querySelector('img, a, h1')).toBeNull();
    });

    test('filters never used and stale, orders, and pages', async () => {
        const many = Array.from({length: 45}, (_, i) => dcr(i + 10, `Bulk ${i}`));
        const {fake, user, view} = open({apps: many});
        await view();
        expect(screen.getByText('Page 1 of 3')).toBeInTheDocument();
        await user.click(screen.getByRole('button', {name: 'Next'}));
        await waitFor(() => expect(dcrCalls(fake).pop()).toEqual({sort: 'created', direction: 'desc', page: 1, per_page: 20}));
        fireEvent.change(screen.getByLabelText('Show'), {target: {value: 'never_used'}});
        await waitFor(() => expect(dcrCalls(fake).pop()).toEqual({sort: 'created', direction: 'desc', usage: 'never_used', page: 0, per_page: 20}));
        expect(await screen.findByText('45 match.')).toBeInTheDocument();
        fireEvent.change(screen.getByLabelText('Order'), {target: {value: 'least_used'}});
        await waitFor(() => expect(dcrCalls(fake).pop()).toEqual({sort: 'last_used', direction: 'asc', usage: 'never_used', page: 0, per_page: 20}));
        expect(within(screen.getByLabelText('Show')).getByRole('option', {name: 'Stale: not used for 90 days'})).toBeInTheDocument();
    });

    test('when the read model is off it says why, and offers no prune', async () => {
        const {user} = open({unavailable: 'the plugin could not read the database'});
        await user.click(await screen.findByRole('button', {name: 'Show the registered clients'}));
        expect(await screen.findByText('The plugin cannot read the app list from the database, so it cannot list these clients with their usage: the plugin could not read the database.')).toBeInTheDocument();
        expect(screen.queryByRole('button', {name: 'Dry run'})).not.toBeInTheDocument();
    });

    test('without usage figures nothing can be judged unused: no usage columns, filter or prune', async () => {
        const {view} = open({usageOff: 'a column has another type'});
        const table = await view();
        expect(screen.getByText('Usage figures are off: a column has another type. Without them no client can be judged unused: the usage columns and the prune are hidden.')).toBeInTheDocument();
        expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Name', 'Client ID', 'Redirect URIs', 'Registered']);
        expect(screen.queryByLabelText('Show')).not.toBeInTheDocument();
        expect(screen.queryByRole('button', {name: 'Dry run'})).not.toBeInTheDocument();
    });
});

describe('the prune', () => {
    async function dryRun(client: Record<string, jest.Mock> = {}, typed = '30') {
        const planDcrPrune = jest.fn(async () => plan);
        const got = open({client: {planDcrPrune, confirmDcrPrune: jest.fn(), ...client}});
        await got.view();
        if (typed) {
            await got.user.type(screen.getByLabelText('Only clients registered at least'), typed);
        }
        await got.user.click(screen.getByRole('button', {name: 'Dry run'}));
        return {...got, planDcrPrune};
    }

    test('the dry run lists exactly what would go, and deletes nothing', async () => {
        const {fake, planDcrPrune} = await dryRun();
        expect(planDcrPrune).toHaveBeenCalledWith(30);
        expect(await screen.findByText('Dry run: 2 clients would be deleted, never used or stale and registered at least 30 days ago. Nothing was deleted.')).toBeInTheDocument();
        const table = screen.getByRole('table', {name: 'Clients the dry run would delete'});
        expect(rowTexts(table)).toEqual([
            ['MCP never', apps[0].id, 'Jan 2, 2026', 'Never', 'Never used'],
            [HOSTILE, apps[3].id, 'Jan 5, 2026', expect.stringMatching(/\d{4}$/), 'Stale'],
        ]);
        expect(table.querySelector('img, a, h1')).toBeNull();
        expect(fake.confirmDcrPrune).not.toHaveBeenCalled();
    });

    test('an empty "older than" takes the server\'s default; a bad one is refused before any request', async () => {
        const {planDcrPrune, user} = await dryRun({}, '');
        expect(planDcrPrune).toHaveBeenCalledWith(undefined);
        expect(screen.getByText('Empty: 90 days (the Stale after setting).')).toBeInTheDocument();
        await user.type(screen.getByLabelText('Only clients registered at least'), '-3');
        await user.click(screen.getByRole('button', {name: 'Dry run'}));
        expect(screen.getByRole('alert')).toHaveTextContent('Give a whole number of days from 0 to 3650, or leave it empty.');
        expect(planDcrPrune).toHaveBeenCalledTimes(1);
    });

    test('nothing to prune says so', async () => {
        await dryRun({planDcrPrune: jest.fn(async () => ({...plan, count: 0, apps: []}))});
        expect(await screen.findByText('Dry run: no client registered at least 30 days ago is unused. Nothing to prune.')).toBeInTheDocument();
        expect(screen.queryByRole('button', {name: /Delete these/})).not.toBeInTheDocument();
    });

    test('confirming names the count, deletes that plan, sums it up, and reads the lists again', async () => {
        const confirmDcrPrune = jest.fn(async () => ({
            deleted: [{id: apps[0].id, name: 'MCP never'}],
            skipped: [{id: apps[3].id, name: HOSTILE, reason: 'used_since'}],
            failed: [],
        }));
        const {fake, user} = await dryRun({confirmDcrPrune});
        await user.click(await screen.findByRole('button', {name: 'Delete these 2 clients…'}));
        const dialog = await screen.findByRole('dialog', {name: 'Delete 2 dynamically registered clients?'});
        expect(dialog).toHaveTextContent('The 2 clients the dry run listed, and every token issued to them, are removed at once');
        expect(confirmDcrPrune).not.toHaveBeenCalled();
        const dcrReads = (fake.listDcrClients as jest.Mock).mock.calls.length;
        await user.click(within(dialog).getByRole('button', {name: 'Delete 2 clients'}));
        expect(confirmDcrPrune).toHaveBeenCalledWith('plan1', 2);
        const summary = await screen.findByRole('status', {name: 'Prune unused clients'});
        expect(summary).toHaveTextContent('Prune done: 1 deleted, 1 skipped, 0 failed.');
        expect(within(summary).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
            `MCP never (${apps[0].id})`,
            `${HOSTILE} (${apps[3].id}): used since the dry run`,
        ]);
        expect(summary.querySelector('img, a')).toBeNull();
        expect(screen.queryByRole('table', {name: 'Clients the dry run would delete'})).not.toBeInTheDocument();
        await waitFor(() => expect((fake.listDcrClients as jest.Mock).mock.calls.length).toBe(dcrReads + 1));
    });

    test('failures are listed with the server\'s reason', async () => {
        const confirmDcrPrune = jest.fn(async () => ({deleted: [], skipped: [{id: apps[3].id, name: 'x', reason: 'gone'}], failed: [{id: apps[0].id, name: 'MCP never', message: 'You do not have the appropriate permissions.'}]}));
        const {user} = await dryRun({confirmDcrPrune});
        await user.click(await screen.findByRole('button', {name: 'Delete these 2 clients…'}));
        await user.click(within(await screen.findByRole('dialog', {name: 'Delete 2 dynamically registered clients?'})).getByRole('button', {name: 'Delete 2 clients'}));
        const summary = await screen.findByRole('status', {name: 'Prune unused clients'});
        expect(summary).toHaveTextContent('Prune done: 0 deleted, 1 skipped, 1 failed.');
        expect(within(summary).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
            `x (${apps[3].id}): already deleted`,
            `MCP never (${apps[0].id}): You do not have the appropriate permissions.`,
        ]);
    });

    test('an expired dry run deletes nothing and asks for a new one', async () => {
        const confirmDcrPrune = jest.fn().mockRejectedValue(Object.assign(new Error('The dry run expired.'), {status_code: 404}));
        const {user} = await dryRun({confirmDcrPrune});
        await user.click(await screen.findByRole('button', {name: 'Delete these 2 clients…'}));
        await user.click(within(await screen.findByRole('dialog', {name: 'Delete 2 dynamically registered clients?'})).getByRole('button', {name: 'Delete 2 clients'}));
        expect(await screen.findByText('Nothing was deleted: the dry run expired (a dry run is kept for 30 minutes) or is not yours. Run it again.')).toBeInTheDocument();
        await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
        expect(screen.queryByRole('button', {name: /Delete these/})).not.toBeInTheDocument();
    });

    test('a network failure stays in the confirmation, which can be tried again', async () => {
        const confirmDcrPrune = jest.fn().mockRejectedValue(new TypeError('Failed to fetch'));
        const {user} = await dryRun({confirmDcrPrune});
        await user.click(await screen.findByRole('button', {name: 'Delete these 2 clients…'}));
        const dialog = await screen.findByRole('dialog', {name: 'Delete 2 dynamically registered clients?'});
        await user.click(within(dialog).getByRole('button', {name: 'Delete 2 clients'}));
        expect(await within(dialog).findByRole('alert')).toHaveTextContent(/^Could not delete the clients: /);
        expect(within(dialog).getByRole('button', {name: 'Delete 2 clients'})).toBeEnabled();
    });

    test('a dry run the caller may not make is refused in plain words', async () => {
        await dryRun({planDcrPrune: jest.fn().mockRejectedValue(Object.assign(new Error('You need manage_system_wide_oauth.'), {status_code: 403}))});
        expect(await screen.findByRole('alert')).toHaveTextContent(/^Could not run the dry run: you lack the permission for it\..*manage_system_wide_oauth/);
    });

    test('no form and no submit button anywhere in the flow; Enter in the days box runs the dry run', async () => {
        const {planDcrPrune, user} = await dryRun({}, '');
        await user.type(screen.getByLabelText('Only clients registered at least'), '7{Enter}');
        await waitFor(() => expect(planDcrPrune).toHaveBeenLastCalledWith(7));
        await user.click(await screen.findByRole('button', {name: 'Delete these 2 clients…'}));
        await screen.findByRole('dialog', {name: 'Delete 2 dynamically registered clients?'});
        expect(document.querySelectorAll('form')).toHaveLength(0);
        for (const button of document.querySelectorAll('button')) {
            expect(button).toHaveAttribute('type', 'button');
        }
    });
});
