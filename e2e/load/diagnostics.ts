// The plugin's diagnostics route (system admins only): goroutines, Go heap,
// and each cache's size, limits and evictions, read before and after a phase.
import {env, getJSON} from '../bench/common';

export type CacheStats = {name: string; entries: number; limit_entries: number; items: number; limit_items: number; evictions: number; expired: number};
export type Diagnostics = {
    goroutines: number;
    heap: {alloc_bytes: number; in_use_bytes: number; heap_sys_bytes: number; sys_bytes: number; objects: number; num_gc: number};
    caches: CacheStats[];
    trail: {apps: number; chunks: number; chunk_size: number; outbox_posts: number; error?: string};
};

export const readDiagnostics = () => getJSON<Diagnostics>('/plugins/oauth-manager/api/v1/diagnostics');

// A POST as the system admin, parsed; throws unless 200.
export async function postJSON<T>(path: string): Promise<T> {
    const response = await fetch(env.siteURL + path, {method: 'POST', headers: {Authorization: `Bearer ${env.users.admin.token}`, 'X-Requested-With': 'XMLHttpRequest'}});
    const text = await response.text();
    if (response.status !== 200) {
        throw new Error(`POST ${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
    }
    return JSON.parse(text) as T;
}

const mib = (bytes: number) => `${(bytes / (1 << 20)).toFixed(1)} MiB`;

export function describeDiagnostics(d: Diagnostics): string[] {
    return [
        `goroutines ${d.goroutines}; Go heap: ${mib(d.heap.alloc_bytes)} allocated, ${mib(d.heap.in_use_bytes)} in use, ${mib(d.heap.heap_sys_bytes)} heap from the system, ${mib(d.heap.sys_bytes)} in all, ${d.heap.num_gc} GCs`,
        ...d.caches.map((c) => `cache ${c.name}: ${c.entries} entries${c.limit_entries ? ` (limit ${c.limit_entries})` : ''}, ${c.items} items (limit ${c.limit_items}), ${c.evictions} evicted, ${c.expired} expired`),
        `change trail snapshot: ${d.trail.apps} apps in ${d.trail.chunks} KV chunks of ${d.trail.chunk_size}; ${d.trail.outbox_posts} posts waiting${d.trail.error ? `; ${d.trail.error}` : ''}`,
    ];
}
