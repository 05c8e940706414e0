// `make bench`, real-server part (e2e/run.sh bench): the read model against the
// REST API and the console in headless Chromium, at 10,000 and then 100,000
// apps, plus listings under churn. Prints every figure with its target and a
// summary at the end. Fails on errors (a request refused, a wrong count), not
// on a missed target: the figures depend on the machine.
import {cpus, loadavg} from 'node:os';

import {measureChurn} from './churn';
import {count, ms, repeat, report, say, showStats, stats, summary, verdict} from './common';
import {HOST, measureConsole} from './console';
import {readModel, readModelAll, restPass} from './listing';
import {seedRest, seedSql, seedUsage} from './seed';

import {launch} from '../lib/browser';

const SMALL = 10_000;
const LARGE = 100_000;

// Under the unlicensed server's limit of 250 active users (4 come from the harness).
const USERS = 240;

// Searches the server answers, one per kind of field.
const SEARCHES: Array<[string, string]> = [['name fragment', 'app-4242'], ['callback URL fragment', 'callback/31'], ['creator username', 'oauthdev']];

async function listingFigures(n: number, restRuns: number) {
    say(`\n== Listings at ${count(n)} apps, as the system admin ==`);
    const rm = stats(await repeat(5, async () => {
        const ids = await readModelAll();
        if (ids.length !== n) {
            throw new Error(`the read model listed ${ids.length} apps, not ${n}`);
        }
    }));
    let distinct = 0;
    const rest = stats(await repeat(restRuns, async () => {
        distinct = new Set(await restPass()).size;
    }));
    const ratio = rest.median / rm.median;
    const target = n === SMALL ? `  ${verdict(ratio >= 10)} (≥10×)` : '';
    report(`Full listing at ${count(n)}: read model (all=true) ${showStats(rm)}; REST paging (200 per page, sequential) ${showStats(rest)}${distinct === n ? '' : `, ${count(distinct)} distinct apps seen`}; read model ${ratio >= 1 ? `${ratio.toFixed(1)}× faster` : `${(1 / ratio).toFixed(1)}× slower`}${target}`);

    // One warm-up request first: the figures are for a server in use.
    await readModel({per_page: 50});
    const first = stats(await repeat(10, () => readModel({per_page: 50})));
    report(`First page (per_page=50, by name) at ${count(n)}: ${showStats(first)}`);
    for (const [kind, search] of SEARCHES) {
        /* eslint-disable no-await-in-loop -- one query after another */
        const {total} = await readModel({search, per_page: 50});
        const s = stats(await repeat(10, () => readModel({search, per_page: 50})));
        /* eslint-enable no-await-in-loop */
        report(`Search by ${kind} "${search}" at ${count(n)} (${count(total)} ${total === 1 ? 'match' : 'matches'}, first 50): ${showStats(s)}`);
    }
}

// The read model's usage figures must equal the flows that were run.
async function usageSanity(authorizations: number, reached: Set<string>) {
    const {apps} = await readModel({all: true});
    const withUsers = apps.filter((a) => (a.usage?.authorized_users ?? 0) > 0);
    const users = withUsers.reduce((sum, a) => sum + a.usage!.authorized_users, 0);
    const used = (await readModel({usage: 'used', per_page: 1})).total;
    const ok = withUsers.length === reached.size && withUsers.every((a) => reached.has(a.id)) && users === authorizations && used === reached.size;
    report(`Usage sanity: read model shows ${withUsers.length} apps with authorized_users > 0 (${reached.size} authorized), ${users} authorizations in all (${authorizations} made), ${used} apps "used": ${ok ? 'match' : 'MISMATCH'}`);
    if (!ok) {
        throw new Error('the read model\'s usage figures differ from the OAuth flows that were run');
    }
}

function consoleFigures(n: number, figures: Awaited<ReturnType<typeof measureConsole>>) {
    const first = stats(figures.firstRows);
    const key = stats(figures.keystroke);
    const firstTarget = n === LARGE ? `  ${verdict(first.median <= 150)} (≤150 ms)` : '';
    const keyTarget = n === SMALL ? `  ${verdict(key.median <= 16)} (≤16 ms)` : '';
    report(`Console at ${count(n)}: first app rows ${showStats(first)} (its region was on the page after median ${ms(stats(figures.region).median)})${firstTarget}`);
    report(`Console at ${count(n)}: last keystroke → first table change ${showStats(key)}, table settled median ${ms(stats(figures.settled).median)}${keyTarget}`);
}

async function main() {
    const t0 = performance.now();
    say(`Machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the start (other work on the machine skews the figures)`);
    say(`Console host: ${HOST}`);

    say(`\n== Seeding ${count(SMALL)} apps and usage ==`);
    const apps = await seedRest(SMALL);
    const usage = await seedUsage(apps, USERS, 4);
    report(`Apps 0 to ${count(SMALL - 1)} created through the REST API; ${usage.authorizations} authorizations by ${USERS} users through real authorization-code flows, over ${usage.apps.size} apps`);
    await usageSanity(usage.authorizations, usage.apps);

    await listingFigures(SMALL, 5);
    const browser = await launch();
    try {
        say(`\n== Console at ${count(SMALL)} apps (${HOST}) ==`);
        consoleFigures(SMALL, await measureConsole(browser));

        say(`\n== Churn at ${count(SMALL)} apps ==`);
        await measureChurn(apps, 5);

        say(`\n== Seeding up to ${count(LARGE)} apps ==`);
        seedSql(SMALL, LARGE);
        report(`Apps ${count(SMALL)} to ${count(LARGE - 1)} inserted by SQL into OAuthApps (benchmark only), same fields as through REST`);
        await listingFigures(LARGE, 3);

        say(`\n== Console at ${count(LARGE)} apps (${HOST}) ==`);
        consoleFigures(LARGE, await measureConsole(browser));
    } finally {
        await browser.close();
    }

    say(`\n==== make bench: summary (${HOST}; ${((performance.now() - t0) / 60_000).toFixed(1)} min) ====`);
    summary.forEach((line) => say(line));
}

main().catch((err: Error) => {
    process.stderr.write(`bench failed: ${err.stack ?? err.message}\n`);
    process.exit(1);
});
