// Listings while apps change: a concurrent loop keeps updating apps through
// REST (renames, which move them in a name sort, and edits of other fields)
// while each way of listing runs. No app is created or deleted, so every
// listing should hold exactly the fixed set of ids; what it lacks or repeats
// is counted. Afterwards every changed app is put back as it was, so later
// measurements see the seeded data.
import type {OAuthApp} from '@mattermost/types/integrations';

import {admin, count, ms, parallel, report, say, verdict} from './common';
import {compare, readModelAll, readModelPaged, restPass} from './listing';

const METHODS: Array<[string, () => Promise<string[]>]> = [
    ['read model, all=true', readModelAll],
    ['read model, pages of 200 by name', () => readModelPaged('name')],
    ['read model, pages of 200 by id', () => readModelPaged('id')],
    ['REST, pages of 200', restPass],
];

const letter = () => String.fromCharCode(97 + Math.floor(Math.random() * 26));

// The k-th update of an app: even ones rename it to a random place in the name
// order, odd ones change its description, homepage and callback URLs.
function changed(app: OAuthApp, original: OAuthApp, k: number): OAuthApp {
    if (k % 2 === 0) {
        return {...app, name: `${letter()}${letter()} churn ${original.name} ${k}`};
    }
    return {
        ...app,
        description: `${original.description} (update ${k})`,
        homepage: `${original.homepage}/v${k}`,
        callback_urls: [original.callback_urls[0], `https://churn.example.com/cb/${k}`],
    };
}

function sameSet(a: Set<string>, b: string[]): boolean {
    return a.size === b.length && b.every((id) => a.has(id));
}

export async function measureChurn(apps: OAuthApp[], runs: number) {
    const originals = new Map(apps.map((a) => [a.id, a]));
    const current = new Map(originals);
    const ids = [...originals.keys()];

    // The fixed set, checked against a REST pass while nothing changes.
    const before = await readModelAll();
    const fixed = new Set(before);
    if (fixed.size !== before.length || !sameSet(fixed, await restPass())) {
        throw new Error('before the churn, the read model and a REST pass do not list the same apps');
    }

    let updates = 0;
    let stop = false;
    let failure: Error | undefined;
    const worker = async () => {
        while (!stop) {
            const id = ids[Math.floor(Math.random() * ids.length)];
            const k = updates++;
            try {
                // eslint-disable-next-line no-await-in-loop
                current.set(id, await admin.editOAuthApp(changed(current.get(id)!, originals.get(id)!, k)));
            } catch (err) {
                failure = err as Error;
                stop = true;
            }
        }
    };

    // Four updates in flight: the "other process" competes for the server as
    // real traffic would.
    const t0 = performance.now();
    const churning = Promise.all(Array.from({length: 4}, worker));
    const totals = METHODS.map(() => ({missing: 0, duplicated: 0}));
    for (let run = 1; run <= runs; run++) {
        const parts: string[] = [];
        for (const [m, [name, list]] of METHODS.entries()) {
            /* eslint-disable no-await-in-loop -- the listings run one after another, the churn beside them */
            const start = performance.now();
            const got = await list();
            /* eslint-enable no-await-in-loop */
            if (failure) {
                throw new Error(`a churn update failed: ${failure.message}`);
            }
            const c = compare(fixed, got);
            if (c.unknown) {
                throw new Error(`${name} listed ${c.unknown} ids that are not apps`);
            }
            totals[m].missing += c.missing;
            totals[m].duplicated += c.duplicated;
            parts.push(`${name}: ${c.missing} missing, ${c.duplicated} duplicated (${ms(performance.now() - start)})`);
        }
        say(`  churn run ${run} (${count(updates)} updates so far): ${parts.join('; ')}`);
    }
    stop = true;
    await churning;
    const seconds = (performance.now() - t0) / 1000;
    if (failure) {
        throw new Error(`a churn update failed: ${(failure as Error).message}`);
    }
    if (!sameSet(fixed, await readModelAll())) {
        throw new Error('after the churn the read model lists another set of apps than before');
    }

    report(`Churn at ${count(fixed.size)} apps: ${runs} runs, ${count(updates)} REST updates by a concurrent loop (${(updates / seconds).toFixed(0)}/s; half renames), totals over the runs:`);
    for (const [m, [name]] of METHODS.entries()) {
        const met = m === 0 ? `  ${verdict(totals[m].missing === 0 && totals[m].duplicated === 0)} (0 and 0)` : '';
        report(`  ${name.padEnd(34)} ${String(totals[m].missing).padStart(5)} missing ${String(totals[m].duplicated).padStart(5)} duplicated${met}`);
    }

    const touched = ids.filter((id) => current.get(id) !== originals.get(id));
    await parallel(touched, 8, async (id) => {
        await admin.editOAuthApp(originals.get(id)!);
    });
    say(`  put ${count(touched.length)} changed apps back as they were`);
}
