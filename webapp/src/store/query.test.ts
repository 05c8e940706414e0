// The console's local query must answer as the read model's route does
// (server/readmodel/query.go). Each expectation below is what the route's SQL
// gives for the same apps: written out from its WHERE and ORDER BY clauses,
// not from this code. e2e/tests/console_usage.e2e.test.ts compares the two on
// a real server too.
import {defaultQuery, filterApps, queryApps, toListingQuery, usageState} from './query';
import type {QueryContext} from './query';
import {toSummary} from './summary';
import type {AppSummary} from './summary';

import type {AppUsage, ListingQuery} from '../client/oauth_client';

const NOW = Date.UTC(2026, 10, 24);
const CUTOFF = NOW - (90 * 24 * 60 * 60 * 1000);
const ctx: QueryContext = {usernames: {}, cutoff: CUTOFF};

function listed(id: string, fields: Partial<AppSummary> & {usage?: AppUsage | null} = {}): AppSummary {
    return {
        id: id.padEnd(26, '0'),
        creator_id: 'u1'.padEnd(26, 'u'),
        creator_username: 'alice',
        create_at: 100,
        update_at: 100,
        name: id,
        description: '',
        icon_url: '',
        homepage: 'https://home.example.com',
        callback_urls: [`https://${id}.example.com/cb`],
        is_trusted: false,
        is_public: false,
        is_dynamically_registered: false,
        legacy: false,
        usage: {authorized_users: 0, live_tokens: 0, live_sessions: 0, last_used: 0},
        states: {never_used: null, stale: null, orphaned: false, legacy: false},
        ...fields,
    };
}

const use = (users: number, tokens: number, lastUsed: number): AppUsage => ({authorized_users: users, live_tokens: tokens, live_sessions: 0, last_used: lastUsed});

describe('usage states: never used = no authorization, no live token, last_used 0; stale = otherwise before the cutoff; used = from the cutoff on', () => {
    test.each([
        ['nothing on record', 'never_used', use(0, 0, 0)],
        ['an authorization only', 'stale', use(1, 0, 0)],
        ['a live token only', 'stale', use(0, 1, 0)],
        ['a session just before the cutoff', 'stale', use(0, 0, CUTOFF - 1)],
        ['a session exactly at the cutoff', 'used', use(0, 0, CUTOFF)],
        ['authorized and used since', 'used', use(2, 1, CUTOFF + 5)],
        ['no figures (counted as zeros, as the SQL does)', 'never_used', null],
    ] as const)('%s: %s', (_, state, usage) => {
        const app = listed('a', {usage});
        expect(usageState(app, CUTOFF)).toBe(state);
        for (const filter of ['never_used', 'stale', 'used'] as const) {
            expect(queryApps([app], {usage: filter}, ctx)).toHaveLength(filter === state ? 1 : 0);
        }
    });
});

describe('filters and search (WHERE)', () => {
    const apps = [
        listed('alpha', {description: 'Syncs the Billing ledger', is_trusted: true, usage: use(3, 2, NOW)}),
        listed('beta', {is_public: true, is_dynamically_registered: true, creator_id: '', creator_username: '', states: {never_used: null, stale: null, orphaned: true, legacy: false}}),
        listed('gamma', {creator_id: 'u2'.padEnd(26, 'u'), creator_username: 'Bob_Smith', legacy: true, usage: use(1, 0, 0), callback_urls: ['https://x.example.com/a', 'https://hooks.example.com/100%']}),
        listed('delta', {homepage: 'https://only-homepage.example.com', usage: use(0, 0, CUTOFF - 1)}),
    ];
    const ids = (q: ListingQuery) => queryApps(apps, {sort: 'name', ...q}, ctx).map((a) => a.name);

    test.each<[string, ListingQuery, string[]]>([
        ['no filter', {}, ['alpha', 'beta', 'delta', 'gamma']],
        ['search in the description, case-insensitive', {search: 'billing'}, ['alpha']],
        ['search in the client id', {search: 'GAMMA000'}, ['gamma']],
        ['search in the creator username', {search: 'bob_s'}, ['gamma']],
        ['search in any callback URL', {search: 'HOOKS.example'}, ['gamma']],
        ['search is trimmed', {search: '  beta  '}, ['beta']],
        ['% and _ are literal, not LIKE wildcards', {search: '100%'}, ['gamma']],
        ['_ matches only an underscore', {search: 'bob_'}, ['gamma']],
        ['the homepage is not searched', {search: 'only-homepage'}, []],
        ['creator', {creator_id: 'u2'.padEnd(26, 'u')}, ['gamma']],
        ['public', {type: 'public'}, ['beta']],
        ['confidential', {type: 'confidential'}, ['alpha', 'delta', 'gamma']],
        ['trusted', {trusted: true}, ['alpha']],
        ['untrusted', {trusted: false}, ['beta', 'delta', 'gamma']],
        ['dcr', {dcr: true}, ['beta']],
        ['orphaned', {orphaned: true}, ['beta']],
        ['not orphaned', {orphaned: false}, ['alpha', 'delta', 'gamma']],
        ['legacy', {legacy: true}, ['gamma']],
        ['never used', {usage: 'never_used'}, ['beta']],
        ['stale', {usage: 'stale'}, ['delta', 'gamma']],
        ['used', {usage: 'used'}, ['alpha']],
        ['filters together', {usage: 'stale', legacy: false, type: 'confidential'}, ['delta']],
        ['one app by id', {id: 'delta'.padEnd(26, '0')}, ['delta']],
    ])('%s', (_, q, expected) => {
        expect(ids(q)).toEqual(expected);
    });

    test('a search never spans two fields', () => {
        const app = listed('ab', {description: 'cd'});
        expect(queryApps([app], {search: 'ab'}, ctx)).toHaveLength(1);
        expect(queryApps([app], {search: 'bc'}, ctx)).toHaveLength(0);
    });

    test('an app listed through REST: the creator from the usernames, legacy from mattermost_app_id', () => {
        const rest = {...toSummary({id: 'r'.padEnd(26, '0'), creator_id: 'u9', create_at: 1, update_at: 1, client_secret: 's', name: 'R', description: '', icon_url: '', callback_urls: [], homepage: '', is_trusted: false}), mattermost_app_id: 'com.example.app'};
        expect(queryApps([rest], {search: 'carol'}, {usernames: {u9: 'carol'}, cutoff: 0})).toHaveLength(1);
        expect(queryApps([rest], {legacy: true}, ctx)).toHaveLength(1);
    });
});

describe('order (ORDER BY key, then id, both in the direction asked)', () => {
    const a = listed('a', {name: 'Same', create_at: 5, callback_urls: ['https://b.example/cb'], usage: use(1, 0, 10)});
    const b = listed('b', {name: 'same', create_at: 5, callback_urls: ['https://a.example/cb', 'https://z.example/cb'], creator_username: '', usage: use(2, 0, 30)});
    const c = listed('c', {name: 'Other', create_at: 9, callback_urls: ['https://a.example/cb?x=1/y'], creator_username: 'Zed', usage: use(1, 0, 20)});
    const d = listed('d', {name: 'émile', create_at: 1, callback_urls: ['https://a.example/cb?x=1&y=2'], usage: use(0, 0, 0)});
    const apps = [d, c, b, a];
    const order = (sort: ListingQuery['sort'], direction: 'asc' | 'desc') => queryApps(apps, {sort, direction}, ctx).map((x) => x.id[0]);

    test.each<[ListingQuery['sort'], 'asc' | 'desc', string]>([

        // lower(name); ties by id.
        ['name', 'asc', 'cabd'],
        ['name', 'desc', 'dbac'],
        ['created', 'asc', 'dabc'],
        ['created', 'desc', 'cbad'],

        // lower(creator_username): '' (no creator) first.
        ['creator', 'asc', 'badc'],

        // The stored JSON text: '","' before '?'; Go writes & as \u0026, so '/' comes before it.
        ['callbacks', 'asc', 'bcda'],
        ['users', 'desc', 'bcad'],
        ['last_used', 'asc', 'dacb'],
    ])('%s %s', (sort, direction, expected) => {
        expect(order(sort, direction).join('')).toBe(expected);
    });

    test('text compares by code point, as PostgreSQL\'s C collation does (an emoji after U+FF01)', () => {
        const emoji = listed('e', {name: '\u{1F600}'});
        const fullwidth = listed('f', {name: '\uFF01'});
        expect(queryApps([emoji, fullwidth], {sort: 'name'}, ctx).map((x) => x.id[0])).toEqual(['f', 'e']);
    });
});

test('the console\'s choices become the route\'s parameters; "any" is left out', () => {
    expect(toListingQuery(defaultQuery)).toEqual({sort: 'created', direction: 'desc'});
    expect(toListingQuery({...defaultQuery, search: ' x ', creator: 'u1', type: 'public', trusted: 'no', dcr: 'yes', orphaned: 'yes', legacy: 'no', usage: 'stale', sortKey: 'users', sortDir: 'asc'})).toEqual({
        search: 'x', creator_id: 'u1', type: 'public', trusted: false, dcr: true, orphaned: true, legacy: false, usage: 'stale', sort: 'users', direction: 'asc',
    });
});

test('a creator\'s username is searchable once it arrives, even after an earlier search', () => {
    const app = toSummary({id: 'a'.repeat(26), creator_id: 'u1', create_at: 1, update_at: 1, client_secret: 's', name: 'Bot', description: '', icon_url: '', callback_urls: ['https://e.co/cb'], homepage: 'https://e.co', is_trusted: false});
    const query = {...defaultQuery, search: 'alice'};
    expect(filterApps([app], query, {})).toEqual([]);
    expect(filterApps([app], query, {u1: 'alice'})).toEqual([app]);
});
