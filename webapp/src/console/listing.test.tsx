// Where the console's rows come from: the first page at once, then every app
// when they are few (the query runs here), or the route for every change when
// they are many; usage columns, badges and filters; the fallback notices.
import {fireEvent, screen, waitFor, within} from '@testing-library/react';

import {app, DAY_MS, defaultApps, listed, names, openDetails, routeAnswer, routeCalls, rows, setup} from './test_manager';
import type {Extra} from './test_manager';
import {LOCAL_LIMIT} from './use_app_listing';

import type {AppListing, ListedApp, ListingQuery} from '../client/oauth_client';
import {queryChanged} from '../store/slice';

// An answer held until the test releases it.
function held<T>() {
    let release: (value: T) => void = () => undefined;
    const promise = new Promise<T>((resolve) => {
        release = resolve;
    });
    return {promise, release};
}

// A route that counts `padding` apps more than it lists, when unfiltered.
function bigRoute(padding: number, source = () => defaultApps().map((a) => listed(a))) {
    return jest.fn(async (q: ListingQuery): Promise<AppListing> => {
        const answer = routeAnswer(source(), q);
        return isUnfiltered(q) ? {...answer, total: answer.total + padding} : answer;
    });
}
const isUnfiltered = (q: ListingQuery) => !q.search && !q.usage && !q.type && q.trusted === undefined;
const count = (n: number) => n.toLocaleString('en');

// Long enough for any request a render would start to have been made.
const settle = () => new Promise((r) => setTimeout(r, 50));

describe('first page at once, then the rest', () => {
    test('the first page shows before every app is listed; then search runs here without asking the route', async () => {
        const everything = held<AppListing>();
        const listedApps = defaultApps().map((a) => listed(a));
        const listApps = jest.fn((q: ListingQuery) => (q.all ? everything.promise : Promise.resolve(routeAnswer(listedApps, q))));
        const {fake, user} = setup({client: {listApps}});
        await waitFor(() => expect(rows()).toHaveLength(4));
        expect(routeCalls(fake)[0]).toEqual({sort: 'created', direction: 'desc', page: 0, per_page: 50});
        await waitFor(() => expect(routeCalls(fake).some((q) => q.all)).toBe(true));

        everything.release(routeAnswer(listedApps, {all: true}));
        await waitFor(() => expect(screen.getByText('4 apps')).toBeInTheDocument());
        const asked = listApps.mock.calls.length;
        await user.type(screen.getByLabelText('Search'), 'billing');
        await waitFor(() => expect(names()).toEqual(['App 003']));
        expect(listApps).toHaveBeenCalledTimes(asked);
    });

    test(`at most ${LOCAL_LIMIT} apps: every app is fetched once, in the background`, async () => {
        const listApps = bigRoute(LOCAL_LIMIT - 4);
        const {fake} = setup({client: {listApps}});
        await waitFor(() => expect(screen.getByText('4 apps')).toBeInTheDocument());
        await settle();
        expect(routeCalls(fake)).toEqual([{sort: 'created', direction: 'desc', page: 0, per_page: 50}, {all: true}]);
    });

    test(`above ${LOCAL_LIMIT} apps: nothing more is fetched; search, filters, sort and pages ask the route, with its totals`, async () => {
        const listApps = bigRoute(LOCAL_LIMIT - 3);
        const {fake, user} = setup({client: {listApps}});
        await waitFor(() => expect(screen.getByText(`${count(LOCAL_LIMIT + 1)} apps`)).toBeInTheDocument());
        await settle();
        expect(routeCalls(fake)).toHaveLength(1); // the first page told the total: nothing more to ask
        await user.type(screen.getByLabelText('Search'), 'billing');
        await waitFor(() => expect(names()).toEqual(['App 003']));
        expect(screen.getByText(`1 of ${count(LOCAL_LIMIT + 1)} apps match`)).toBeInTheDocument();
        await user.selectOptions(screen.getByLabelText('Usage'), 'never_used');
        await user.click(await screen.findByRole('button', {name: 'Users'}));
        await waitFor(() => expect(routeCalls(fake).pop()).toEqual({search: 'billing', usage: 'never_used', sort: 'users', direction: 'asc', page: 0, per_page: 50}));
        expect(routeCalls(fake).some((q) => q.all)).toBe(false);
    });

    test('above the limit, only the newest request\'s answer is shown, whatever order the answers come in', async () => {
        const answers = new Map<string, ReturnType<typeof held<AppListing>>>();
        const listedApps = defaultApps().map((a) => listed(a));
        const listApps = jest.fn((q: ListingQuery) => {
            if (!q.search) {
                return Promise.resolve({...routeAnswer(listedApps, q), total: LOCAL_LIMIT + 1});
            }
            const answer = held<AppListing>();
            answers.set(q.search, answer);
            return answer.promise;
        });
        setup({client: {listApps}});
        await waitFor(() => expect(rows()).toHaveLength(4));
        fireEvent.change(screen.getByLabelText('Search'), {target: {value: 'a'}});
        await waitFor(() => expect(answers.has('a')).toBe(true));
        fireEvent.change(screen.getByLabelText('Search'), {target: {value: 'app'}});
        await waitFor(() => expect(answers.has('app')).toBe(true));

        // The newest answer lands first, an older one after it: the older is dropped.
        answers.get('app')!.release(routeAnswer(listedApps, {search: 'app', sort: 'name'}));
        await waitFor(() => expect(names()).toEqual(['App 001', 'App 002', 'App 003', 'App 004']));
        answers.get('a')!.release(routeAnswer(listedApps, {search: 'a', page: 0, per_page: 1}));
        await settle();
        expect(names()).toEqual(['App 001', 'App 002', 'App 003', 'App 004']);
    });

    test('above the limit, a delete asks the route again for the page and the total', async () => {
        let apps: ListedApp[] = defaultApps().map((a) => listed(a));
        const deleteOAuthApp = jest.fn(async (id: string) => {
            apps = apps.filter((a) => a.id !== id);
            return {status: 'OK'};
        });
        const {user} = setup({client: {listApps: bigRoute(LOCAL_LIMIT, () => apps), deleteOAuthApp}});
        await waitFor(() => expect(screen.getByText(`${count(LOCAL_LIMIT + 4)} apps`)).toBeInTheDocument());
        await openDetails(user, 'App 002');
        await user.click(screen.getByRole('button', {name: 'Delete App 002'}));
        await user.click(screen.getByRole('button', {name: 'Delete app'}));
        await waitFor(() => expect(screen.getByText(`${count(LOCAL_LIMIT + 3)} apps`)).toBeInTheDocument());
        expect(names()).toEqual(['App 004', 'App 003', 'App 001']);
    });
});

describe('usage', () => {
    const now = Date.now();
    const extra: Record<string, Extra> = {
        [app(1).id]: {usage: {authorized_users: 12, live_tokens: 3, live_sessions: 2, last_used: now - DAY_MS}},
        [app(2).id]: {usage: {authorized_users: 1, live_tokens: 1, live_sessions: 0, last_used: now - (200 * DAY_MS)}, orphaned: true},
        [app(3).id]: {legacy: true},
    };
    const rowOf = (name: string) => rows().find((r) => r.textContent?.includes(name))!;

    test('users and last used columns; Never used, Stale, Orphaned and Legacy badges; tokens and sessions in the details', async () => {
        const {user} = setup({extra});
        await waitFor(() => expect(screen.getByRole('columnheader', {name: 'Users'})).toBeInTheDocument());
        expect(screen.getByRole('columnheader', {name: 'Last used'})).toBeInTheDocument();
        const cells = (name: string) => within(rowOf(name)).getAllByRole('cell').map((c) => c.textContent);
        expect(cells('App 001').slice(4, 6)).toEqual(['12', new Date(now - DAY_MS).toLocaleDateString('en-US', {dateStyle: 'medium'})]);
        expect(cells('App 002')[0]).toBe('App 002ConfidentialTrustedStaleOrphaned');
        expect(cells('App 003')[0]).toBe('App 003PublicNever usedLegacy');
        expect(cells('App 003').slice(4, 6)).toEqual(['0', 'Never']);
        expect(within(rowOf('App 002')).getByText('Stale')).toHaveAttribute('title', 'Not used for 90 days');

        await openDetails(user, 'App 001');
        const details = screen.getByRole('region', {name: 'Details of App 001'});
        expect(details).toHaveTextContent('Users who authorized it12');
        expect(details).toHaveTextContent('Live access tokens3');
        expect(details).toHaveTextContent('Live OAuth sessions2');
    });

    test('filters: usage, orphaned, legacy; sorts: users, last used, tokens, sessions', async () => {
        const {user} = setup({extra});
        await waitFor(() => expect(screen.getByText('4 apps')).toBeInTheDocument());
        const pick = async (label: string, value: string) => user.selectOptions(screen.getByLabelText(label), value);
        expect([...(screen.getByLabelText('Usage') as HTMLSelectElement).options].map((o) => o.text)).toEqual(['Any', 'Never used', 'Stale: not used for 90 days', 'Used in the last 90 days']);
        await pick('Usage', 'never_used');
        expect(names()).toEqual(['App 004', 'App 003']);
        await pick('Usage', 'stale');
        expect(names()).toEqual(['App 002']);
        await pick('Usage', 'used');
        expect(names()).toEqual(['App 001']);
        await pick('Usage', 'any');
        await pick('Orphaned', 'yes');
        expect(names()).toEqual(['App 002']);
        await pick('Orphaned', 'any');
        await pick('Legacy', 'yes');
        expect(names()).toEqual(['App 003']);
        await pick('Legacy', 'any');

        await user.click(screen.getByRole('button', {name: 'Users'}));
        await user.click(screen.getByRole('button', {name: /Users/}));
        expect(names()).toEqual(['App 001', 'App 002', 'App 004', 'App 003']);
        await user.click(screen.getByRole('button', {name: 'Last used'}));
        expect(names()).toEqual(['App 003', 'App 004', 'App 002', 'App 001']);
        await pick('Sort by', 'tokens');
        expect(names()[3]).toBe('App 001');
        await pick('Sort by', 'sessions');
        expect(names()[3]).toBe('App 001');
    });
});

describe('fallbacks', () => {
    const reason = 'the database could not be reached';

    test('through the REST API: the notice says why; no usage columns, usage or orphaned filters, or usage sorts', async () => {
        setup({unavailable: reason});
        await waitFor(() => expect(rows()).toHaveLength(4));
        expect(screen.getByText(`This list comes from the REST API, page by page, because the plugin cannot read the app list from the database: ${reason}. Usage figures, the usage and orphaned filters and the usage sorts are off.`)).toBeInTheDocument();
        expect(screen.queryByRole('columnheader', {name: 'Users'})).not.toBeInTheDocument();
        expect(screen.queryByLabelText('Usage')).not.toBeInTheDocument();
        expect(screen.queryByLabelText('Orphaned')).not.toBeInTheDocument();
        expect(screen.getByLabelText('Legacy')).toBeInTheDocument();
        expect([...(screen.getByLabelText('Sort by') as HTMLSelectElement).options].map((o) => o.value)).not.toContain('tokens');
        expect(names()).toEqual(['App 004', 'App 003', 'App 002', 'App 001']);
        expect(screen.queryByText('Never used')).not.toBeInTheDocument();
    });

    test('usage figures off: the notice says why; no usage columns, usage filter or usage sorts; orphaned stays', async () => {
        setup({usageOff: reason});
        await waitFor(() => expect(rows()).toHaveLength(4));
        expect(screen.getByText(`Usage figures are off: ${reason}. The Users and Last used columns, the usage filter and the usage sorts are hidden.`)).toBeInTheDocument();
        expect(screen.queryByRole('columnheader', {name: 'Last used'})).not.toBeInTheDocument();
        expect(screen.queryByLabelText('Usage')).not.toBeInTheDocument();
        expect(screen.getByLabelText('Orphaned')).toBeInTheDocument();
    });

    test('a usage filter chosen before the list turned out to come from REST is dropped, not sent', async () => {
        const {store, fake} = setup({unavailable: reason});
        await waitFor(() => expect(rows()).toHaveLength(4));
        store.dispatch(queryChanged({usage: 'stale', sortKey: 'users'}));
        await waitFor(() => expect(names()).toEqual(['App 004', 'App 003', 'App 002', 'App 001']));
        expect(routeCalls(fake).some((q) => q.usage || q.sort === 'users')).toBe(false);
    });
});
