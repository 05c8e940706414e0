// Search, filter and sort over loaded apps, by the rules of the read model's
// listing route (server/readmodel/query.go), so the console answers a query the
// same whether it runs here over every app or on the server page by page.
// Each app's searchable text is built once per app and usernames map (WeakMaps
// keyed by both objects, which the slice replaces when they change), so a
// keystroke over 10,000 apps is one substring scan.
import type {AppSummary} from './summary';

import type {ListingQuery, ListingSort} from '../client/oauth_client';

export type SortKey = ListingSort;
export type SortDir = 'asc' | 'desc';
export type TriState = 'any' | 'yes' | 'no';
export type UsageChoice = 'any' | NonNullable<ListingQuery['usage']>;

// The choices behind search, the filters and the sort, as the controls hold them.
export type AppQuery = {
    search: string;
    creator: string; // user id, or '' for anyone
    type: 'any' | 'public' | 'confidential';
    trusted: TriState;
    dcr: TriState;
    sortKey: SortKey;
    sortDir: SortDir;
};

// The console adds what only the read model knows (or, for legacy, REST too).
export type ConsoleQuery = AppQuery & {
    orphaned: TriState;
    legacy: TriState;
    usage: UsageChoice;
};

export const defaultQuery: ConsoleQuery = {search: '', creator: '', type: 'any', trusted: 'any', dcr: 'any', orphaned: 'any', legacy: 'any', usage: 'any', sortKey: 'created', sortDir: 'desc'};

// The sort keys that need the usage figures.
export const USAGE_SORTS: readonly SortKey[] = ['users', 'tokens', 'sessions', 'last_used'];

const triBool = (t: TriState | undefined) => (t === 'yes' || t === 'no' ? t === 'yes' : undefined);

// The route's parameters for a query (paging aside); choices left at "any" are left out.
export function toListingQuery(q: AppQuery & Partial<ConsoleQuery>): ListingQuery {
    const listing: ListingQuery = {
        search: q.search.trim() || undefined,
        creator_id: q.creator || undefined,
        type: q.type === 'any' ? undefined : q.type,
        trusted: triBool(q.trusted),
        dcr: triBool(q.dcr),
        orphaned: triBool(q.orphaned),
        legacy: triBool(q.legacy),
        usage: q.usage === 'any' ? undefined : q.usage,
        sort: q.sortKey,
        direction: q.sortDir,
    };
    return Object.fromEntries(Object.entries(listing).filter(([, v]) => v !== undefined)) as ListingQuery;
}

// Whether a query narrows the listing (its order and paging aside).
const FILTERS: Array<keyof ListingQuery> = ['search', 'id', 'creator_id', 'type', 'trusted', 'dcr', 'orphaned', 'legacy', 'usage'];

export function isFiltered(q: ListingQuery): boolean {
    return FILTERS.some((key) => q[key] !== undefined);
}

// What a local query depends on besides the apps: creators' usernames for apps
// listed through REST (the read model gives creator_username itself), and the
// moment before which a last use is stale (now - Stale after (days)).
export type QueryContext = {
    usernames: Record<string, string>;
    cutoff: number;
};

export const DAY_MS = 24 * 60 * 60 * 1000;

export function staleCutoff(now: number, staleAfterDays: number): number {
    return now - (staleAfterDays * DAY_MS);
}

// The creator's username as the server joins it: '' when there is none.
export function creatorName(app: AppSummary, usernames: Record<string, string>): string {
    return app.creator_username ?? usernames[app.creator_id] ?? '';
}

// A REST read carries mattermost_app_id itself; the read model says legacy.
export const isLegacy = (app: AppSummary) => app.legacy ?? Boolean((app as {mattermost_app_id?: string}).mattermost_app_id);

// Only the read model knows whether the creator's account is gone.
export const isOrphaned = (app: AppSummary) => app.states?.orphaned === true;

export type UsageState = 'never_used' | 'stale' | 'used';

// The usage filter's rule (query.go conditions): never used is no
// authorization, no live token and no session on record; stale is any other
// trace of use without session activity since the cutoff. An app without
// figures counts as zeros, as the route's SQL does.
export function usageState(app: AppSummary, cutoff: number): UsageState {
    const u = app.usage;
    const lastUsed = u?.last_used ?? 0;
    if (!u?.authorized_users && !u?.live_tokens && lastUsed === 0) {
        return 'never_used';
    }
    return lastUsed < cutoff ? 'stale' : 'used';
}

const haystacks = new WeakMap<Record<string, string>, WeakMap<AppSummary, string>>();

// The fields the route searches, each on its own: NUL cannot occur in
// PostgreSQL text, so a needle never matches across two fields.
function haystack(app: AppSummary, usernames: Record<string, string>): string {
    let forNames = haystacks.get(usernames);
    if (!forNames) {
        forNames = new WeakMap();
        haystacks.set(usernames, forNames);
    }
    let text = forNames.get(app);
    if (text === undefined) {
        text = [app.name, app.description, app.id, creatorName(app, usernames), ...app.callback_urls].join('\0').toLowerCase();
        forNames.set(app, text);
    }
    return text;
}

// Whether an app matches a query's search and filters (its sort and paging aside).
export function matcher(q: ListingQuery, ctx: QueryContext): (app: AppSummary) => boolean {
    const needle = (q.search ?? '').trim().toLowerCase();
    const is = (want: boolean | undefined, value: boolean) => want === undefined || want === value;
    return (a) =>
        (!q.id || a.id === q.id) &&
        (!q.creator_id || a.creator_id === q.creator_id) &&
        (!q.type || (q.type === 'public') === (a.is_public === true)) &&
        is(q.trusted, a.is_trusted) &&
        is(q.dcr, Boolean(a.is_dynamically_registered)) &&
        is(q.orphaned, isOrphaned(a)) &&
        is(q.legacy, isLegacy(a)) &&
        (!q.usage || usageState(a, ctx.cutoff) === q.usage) &&
        (!needle || haystack(a, ctx.usernames).includes(needle));
}

// model.StringArray as the server stores it (Go's json.Marshal, which also
// escapes <, >, &, U+2028 and U+2029): the route sorts callbacks by that text.
function storedCallbacks(urls: string[]): string {
    return JSON.stringify(urls).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

function sortValue(a: AppSummary, key: SortKey, usernames: Record<string, string>): string | number {
    switch (key) {
    case 'name': return a.name.toLowerCase();
    case 'id': return a.id;
    case 'creator': return creatorName(a, usernames).toLowerCase();
    case 'created': return a.create_at;
    case 'updated': return a.update_at;
    case 'type': return a.is_public ? 1 : 0;
    case 'trusted': return a.is_trusted ? 1 : 0;
    case 'dcr': return a.is_dynamically_registered ? 1 : 0;
    case 'callbacks': return storedCallbacks(a.callback_urls);
    case 'users': return a.usage?.authorized_users ?? 0;
    case 'tokens': return a.usage?.live_tokens ?? 0;
    case 'sessions': return a.usage?.live_sessions ?? 0;
    case 'last_used': return a.usage?.last_used ?? 0;
    }
    return 0;
}

// Text in code point order (PostgreSQL's "C" collation): UTF-16's `<` puts
// U+E000..U+FFFF after characters beyond U+FFFF, whose surrogates come first.
function compareText(x: string, y: string): number {
    const n = Math.min(x.length, y.length);
    let i = 0;
    while (i < n && x.charCodeAt(i) === y.charCodeAt(i)) {
        i++;
    }
    if (i === n) {
        return x.length - y.length;
    }
    const key = (c: number) => (c >= 0xD800 && c <= 0xDFFF ? c + 0x10000 : c);
    return key(x.charCodeAt(i)) - key(y.charCodeAt(i));
}

// The route's order: the sort key, then the client id in the same direction,
// so equal keys keep one order in both places.
export function sortApps(apps: AppSummary[], key: SortKey, dir: SortDir, usernames: Record<string, string>): AppSummary[] {
    const sign = dir === 'asc' ? 1 : -1;
    const keyed = apps.map((a) => [sortValue(a, key, usernames), a] as const);
    keyed.sort(([x, a], [y, b]) => {
        let c = typeof x === 'number' ? x - (y as number) : compareText(x, y as string);
        if (c === 0) {
            c = compareText(a.id, b.id);
        }
        return sign * c;
    });
    return keyed.map(([, a]) => a);
}

// Every app matching a query, in its order: what the route answers with all=true.
export function queryApps(apps: AppSummary[], q: ListingQuery, ctx: QueryContext): AppSummary[] {
    return sortApps(apps, q.sort ?? 'name', q.direction ?? 'asc', ctx.usernames).filter(matcher(q, ctx));
}

// The REST fallback's filter and sort (store/listing.ts), by the same rules.
export function filterApps(apps: AppSummary[], q: AppQuery, usernames: Record<string, string>): AppSummary[] {
    return apps.filter(matcher(toListingQuery(q), {usernames, cutoff: 0}));
}
