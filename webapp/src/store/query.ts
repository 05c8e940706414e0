// Search, filter and sort over the loaded apps. Pure functions, so the table
// and the benchmark (and /oauth list) run the same code. Each app's
// searchable text is built once per app and usernames map (WeakMaps keyed by
// both objects, which the slice replaces when they change), so a keystroke over
// 10,000 apps is one substring scan.
import type {AppSummary} from './summary';

export type SortKey = 'name' | 'id' | 'type' | 'trusted' | 'dcr' | 'creator' | 'callbacks' | 'created' | 'updated';
export type SortDir = 'asc' | 'desc';
export type TriState = 'any' | 'yes' | 'no';

export type AppQuery = {
    search: string;
    creator: string; // user id, or '' for anyone
    type: 'any' | 'public' | 'confidential';
    trusted: TriState;
    dcr: TriState;
    sortKey: SortKey;
    sortDir: SortDir;
};

export const defaultQuery: AppQuery = {search: '', creator: '', type: 'any', trusted: 'any', dcr: 'any', sortKey: 'created', sortDir: 'desc'};

const haystacks = new WeakMap<Record<string, string>, WeakMap<AppSummary, string>>();

function haystack(app: AppSummary, usernames: Record<string, string>): string {
    let forNames = haystacks.get(usernames);
    if (!forNames) {
        forNames = new WeakMap();
        haystacks.set(usernames, forNames);
    }
    let text = forNames.get(app);
    if (text === undefined) {
        text = [app.name, app.description, app.id, app.creator_id, usernames[app.creator_id] ?? '', app.homepage, ...app.callback_urls].join('\n').toLowerCase();
        forNames.set(app, text);
    }
    return text;
}

const tri = (want: TriState, value: boolean) => want === 'any' || (want === 'yes') === value;

export function filterApps(apps: AppSummary[], q: AppQuery, usernames: Record<string, string>): AppSummary[] {
    const needle = q.search.trim().toLowerCase();
    return apps.filter((a) =>
        (!q.creator || a.creator_id === q.creator) &&
        (q.type === 'any' || (q.type === 'public') === (a.is_public === true)) &&
        tri(q.trusted, a.is_trusted) &&
        tri(q.dcr, Boolean(a.is_dynamically_registered)) &&
        (!needle || haystack(a, usernames).includes(needle)));
}

function sortValue(a: AppSummary, key: SortKey, usernames: Record<string, string>): string | number {
    switch (key) {
    case 'name': return a.name.toLowerCase();
    case 'id': return a.id;
    case 'type': return a.is_public ? 1 : 0;
    case 'trusted': return a.is_trusted ? 1 : 0;
    case 'dcr': return a.is_dynamically_registered ? 1 : 0;
    case 'creator': return (usernames[a.creator_id] ?? a.creator_id).toLowerCase();
    case 'callbacks': return (a.callback_urls[0] ?? '').toLowerCase();
    case 'created': return a.create_at;
    case 'updated': return a.update_at;
    }
    return 0;
}

export function sortApps(apps: AppSummary[], key: SortKey, dir: SortDir, usernames: Record<string, string>): AppSummary[] {
    const sign = dir === 'asc' ? 1 : -1;
    const keyed = apps.map((a) => [sortValue(a, key, usernames), a] as const);
    keyed.sort(([x, a], [y, b]) => {
        if (x < y) {
            return -sign;
        }
        if (x > y) {
            return sign;
        }
        return a.id < b.id ? -1 : 1; // a stable order for equal keys
    });
    return keyed.map(([, a]) => a);
}
