// Runs the mix for a fixed time with a bounded request count: every simulated
// user one request after another (no think time), all users at once, and
// records each request's latency by verb and each failure by kind.
import {nextVerb, seededRandom} from './mix';
import type {Mode, Seeded} from './mix';
import {LoadError} from './request';
import type {SimUser} from './users';

export type Recorded = {
    mode: Mode;
    elapsedMs: number;
    requests: number;
    latencies: Map<string, number[]>;

    // verb -> kind -> count
    errors: Map<string, Map<string, number>>;

    // A few failures of each kind, as they happened, for the report.
    samples: Map<string, string[]>;
};

export type Limits = {seconds: number; maxRequests: number};

export async function runMix(mode: Mode, users: SimUser[], seeded: Seeded, limits: Limits, seed: number): Promise<Recorded> {
    const rec: Recorded = {mode, elapsedMs: 0, requests: 0, latencies: new Map(), errors: new Map(), samples: new Map()};
    const t0 = performance.now();
    const deadline = t0 + (limits.seconds * 1000);
    const fail = (verb: string, kind: string, detail: string) => {
        const byKind = rec.errors.get(verb) ?? new Map<string, number>();
        byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
        rec.errors.set(verb, byKind);
        const samples = rec.samples.get(kind) ?? [];
        if (samples.length < 3) {
            samples.push(`${verb}: ${detail}`);
        }
        rec.samples.set(kind, samples);
    };
    const simulate = async (user: SimUser, index: number) => {
        // The same seed in both modes: the same script of verbs and apps.
        const ctx = {user, seeded, rand: seededRandom((seed * 1000) + index)};
        while (performance.now() < deadline && rec.requests < limits.maxRequests) {
            rec.requests++;
            const verb = nextVerb(ctx);
            const step = mode === 'plugin' ? verb.plugin : verb.rest;
            if (!step) {
                rec.requests--;
                continue;
            }
            const start = performance.now();
            try {
                // eslint-disable-next-line no-await-in-loop
                await step(ctx);
            } catch (err) {
                if (err instanceof LoadError) {
                    fail(verb.name, err.kind, err.message);
                } else {
                    fail(verb.name, 'wrong answer', (err as Error).message);
                }
            }
            const times = rec.latencies.get(verb.name) ?? [];
            times.push(performance.now() - start);
            rec.latencies.set(verb.name, times);
        }
    };
    await Promise.all(users.map(simulate));
    rec.elapsedMs = performance.now() - t0;
    return rec;
}

export const errorCount = (rec: Recorded) => [...rec.errors.values()].reduce((sum, byKind) => sum + [...byKind.values()].reduce((a, b) => a + b, 0), 0);

// Errors by kind over every verb.
export function errorsByKind(rec: Recorded): Map<string, number> {
    const out = new Map<string, number>();
    for (const byKind of rec.errors.values()) {
        for (const [kind, n] of byKind) {
            out.set(kind, (out.get(kind) ?? 0) + n);
        }
    }
    return out;
}
