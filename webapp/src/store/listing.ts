// Listing apps: the plugin's read model (one request, ordered, with a total and
// usage) and, when the server says it cannot read its database, REST paging.
// The Go half does the same (server/command/listing.go).
import type {OAuthApp} from '@mattermost/types/integrations';

import {queryApps, USAGE_SORTS} from './query';
import {toSummary} from './summary';
import type {AppSummary} from './summary';

import type {ListingQuery, OAuthClient} from '../client/oauth_client';

// The REST API's page limit.
export const MAX_PER_PAGE = 200;

export type AllAppsResult = {apps: AppSummary[]; complete: boolean; passes: number};

const sameIds = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((id) => b.has(id));

// The list query has no ORDER BY, so an app updated while pages are fetched can
// move between pages: one pass may both repeat and miss apps, and an app
// deleted meanwhile is in early passes only. Passes are repeated until two in a
// row find the same ids; only the last pass is kept, so nothing it did not see
// comes back. Pages of a pass are fetched `concurrency` at a time.
export async function listAllApps(
    getPage: (page: number, perPage: number) => Promise<OAuthApp[]>,
    {perPage = MAX_PER_PAGE, concurrency = 4, maxPasses = 4} = {},
): Promise<AllAppsResult> {
    let previous: Set<string> | undefined;
    let apps: AppSummary[] = [];
    for (let pass = 1; pass <= maxPasses; pass++) {
        const byId = new Map<string, AppSummary>();
        let done = false;
        for (let first = 0; !done; first += concurrency) {
            const window = Array.from({length: concurrency}, (_, i) => first + i);
            // eslint-disable-next-line no-await-in-loop
            const results = await Promise.all(window.map((p) => getPage(p, perPage)));
            for (const page of results) {
                for (const app of page) {
                    byId.set(app.id, toSummary(app));
                }
                if (page.length < perPage) {
                    done = true;
                }
            }
        }
        apps = [...byId.values()];
        const ids = new Set(byId.keys());
        if (previous && sameIds(previous, ids)) {
            return {apps, complete: true, passes: pass};
        }
        previous = ids;
    }
    return {apps, complete: false, passes: maxPasses};
}

export type ListingAnswer = {
    total: number;

    // This page (or every match, with `all`), in the requested order.
    apps: AppSummary[];
} & ({
    source: 'database';
    staleAfterDays: number;

    // Why the usage figures are off; '' when they are on.
    usageOff: string;
} | {
    source: 'rest';

    // Why the read model is off.
    unavailable: string;

    // False when apps kept changing while the pages were read.
    complete: boolean;

    // The query asked for what only the read model knows (usage, orphaned
    // creators, a usage sort): nothing was listed.
    needsDatabase: boolean;
});

// What REST paging cannot answer: usage lives only in the database, and an
// orphaned creator would need every creator's account read. One app by id is
// asked for its usage (REST reads the app itself directly).
export function needsDatabase(q: ListingQuery): boolean {
    return q.id !== undefined || q.usage !== undefined || q.orphaned !== undefined || USAGE_SORTS.includes(q.sort ?? 'name');
}

export async function readListing(client: OAuthClient, q: ListingQuery): Promise<ListingAnswer> {
    const answer = await client.listApps(q);
    if (!('unavailable' in answer)) {
        return {source: 'database', total: answer.total, apps: answer.apps, staleAfterDays: answer.stale_after_days, usageOff: answer.usage_off ?? ''};
    }
    const off = {source: 'rest', unavailable: answer.unavailable} as const;
    if (needsDatabase(q)) {
        return {...off, total: 0, apps: [], complete: true, needsDatabase: true};
    }
    const all = await listAllApps((page, perPage) => client.getOAuthApps(page, perPage));

    // The console's local query, by the route's rules (no usernames from REST).
    const matching = queryApps(all.apps, q, {usernames: {}, cutoff: 0});
    const perPage = q.per_page ?? MAX_PER_PAGE;
    const page = q.page ?? 0;
    const apps = q.all ? matching : matching.slice(page * perPage, (page + 1) * perPage);
    return {...off, total: matching.length, apps, complete: all.complete, needsDatabase: false};
}
