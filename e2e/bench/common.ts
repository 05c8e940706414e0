// What every part of the benchmark shares: the harness's environment, HTTP as
// the system admin, statistics, and the summary printed at the end.
import {clientAs, loadEnv} from '../lib/env';

export const env = loadEnv();
export const admin = clientAs(env, 'admin');
export const LISTING = '/plugins/oauth-manager/api/v1/apps';

export const say = (line: string) => process.stdout.write(line + '\n');

// Lines of the final summary, in the order they were measured.
export const summary: string[] = [];
export function report(line: string) {
    say(line);
    summary.push(line);
}

// Missed targets are printed, never fatal: the figures depend on the machine.
export const verdict = (met: boolean) => (met ? 'target met' : 'target missed');

export const ms = (t: number) => (t >= 10_000 ? `${(t / 1000).toFixed(1)} s` : `${t.toFixed(t < 100 ? 1 : 0)} ms`);
export const count = (n: number) => n.toLocaleString('en-US');

export type Stats = {median: number; max: number; runs: number};
export function stats(times: number[]): Stats {
    const sorted = [...times].sort((a, b) => a - b);
    return {median: sorted[Math.floor((sorted.length - 1) / 2)], max: sorted[sorted.length - 1], runs: sorted.length};
}

// The p-th percentile (0 to 100) of times, nearest rank; NaN for none.
export function percentile(times: number[], p: number): number {
    if (times.length === 0) {
        return NaN;
    }
    const sorted = [...times].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
export const showStats = (s: Stats) => `median ${ms(s.median)}, max ${ms(s.max)} (${s.runs} runs)`;

// Runs fn `runs` times, one after another, and returns how long each took.
export async function repeat(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        // eslint-disable-next-line no-await-in-loop
        await fn();
        times.push(performance.now() - t0);
    }
    return times;
}

// Runs fn over items with `workers` requests in flight.
export async function parallel<T>(items: T[], workers: number, fn: (item: T, index: number) => Promise<void>) {
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            // eslint-disable-next-line no-await-in-loop
            await fn(items[i], i);
        }
    };
    await Promise.all(Array.from({length: workers}, worker));
}

// A GET as the system admin (with a bearer token, as any API client), parsed.
export async function getJSON<T>(path: string): Promise<T> {
    const response = await fetch(env.siteURL + path, {headers: {Authorization: `Bearer ${env.users.admin.token}`}});
    const text = await response.text();
    if (response.status !== 200) {
        throw new Error(`GET ${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
    }
    return JSON.parse(text) as T;
}
