// The ways to list every app: the plugin's read model in one answer or page by
// page, and the REST API's own paging. Each returns the ids in the order seen,
// repeats included, so a caller can count what went missing or came twice.
import {getJSON, LISTING} from './common';

export type ListedApp = {id: string; name: string; usage: {authorized_users: number; live_sessions: number} | null};
export type Listing = {total: number; apps: ListedApp[]};

export function readModel(query: Record<string, string | number | boolean>): Promise<Listing> {
    const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
    return getJSON<Listing>(`${LISTING}?${params}`);
}

export async function readModelAll(): Promise<string[]> {
    return (await readModel({all: true})).apps.map((a) => a.id);
}

// Pages of 200 in the given order until a short page.
export async function readModelPaged(sort: string): Promise<string[]> {
    const ids: string[] = [];
    for (let page = 0; ; page++) {
        // eslint-disable-next-line no-await-in-loop
        const {apps} = await readModel({sort, page, per_page: 200});
        ids.push(...apps.map((a) => a.id));
        if (apps.length < 200) {
            return ids;
        }
    }
}

// One pass of GET /api/v4/oauth/apps, 200 per page, until a short page: what a
// REST client without the plugin does. The server's query has no ORDER BY.
export async function restPass(): Promise<string[]> {
    const ids: string[] = [];
    for (let page = 0; ; page++) {
        // eslint-disable-next-line no-await-in-loop
        const apps = await getJSON<Array<{id: string}>>(`/api/v4/oauth/apps?page=${page}&per_page=200`);
        ids.push(...apps.map((a) => a.id));
        if (apps.length < 200) {
            return ids;
        }
    }
}

// What a listing lacks or repeats against the fixed set of every app.
export function compare(expected: Set<string>, got: string[]): {missing: number; duplicated: number; unknown: number} {
    const seen = new Set(got);
    return {
        missing: [...expected].filter((id) => !seen.has(id)).length,
        duplicated: got.length - seen.size,
        unknown: [...seen].filter((id) => !expected.has(id)).length,
    };
}
