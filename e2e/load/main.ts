// `make load` (e2e/run.sh load): simulated users run a scripted mix of /oauth
// verbs through POST /api/v4/commands/execute (the mobile path) and the
// plugin's routes, for a fixed time with a bounded request count, at 1,000 and
// then 10,000 apps (100,000 too with LOAD_LARGE=1); the same mix goes straight
// to the REST API in the same run, and the table gives the plugin/REST ratio.
// Around each phase it reads the plugin's diagnostics route and fails when the
// plugin's goroutines grew beyond a small slack. Fails on any failed request too.
import {cpus, loadavg} from 'node:os';

import {describeDiagnostics, postJSON, readDiagnostics} from './diagnostics';
import type {Seeded} from './mix';
import {watchPlugin} from './plugin_process';
import {errorCount, runMix} from './runner';
import type {Recorded} from './runner';
import {seenSecrets} from './secrets';
import {describeErrors, printTable} from './table';
import {makeUsers, population} from './users';
import type {SimUser} from './users';

import {count, ms, say} from '../bench/common';
import {seedRest, seedSql} from '../bench/seed';
import {sql} from '../lib/env';
import {scanSecrets} from '../lib/leak_scan';

const knob = (name: string, fallback: number) => {
    const value = Number(process.env[name] || fallback);
    if (!Number.isFinite(value) || value <= 0) {
        throw new Error(`${name}=${process.env[name]} is not a positive number`);
    }
    return value;
};

const USERS = knob('LOAD_USERS', 50);
const SECONDS = knob('LOAD_SECONDS', 45);
const MAX_REQUESTS = knob('LOAD_MAX_REQUESTS', 20_000);
const SETTLE_SECONDS = knob('LOAD_SETTLE_SECONDS', 10);
const GOROUTINE_SLACK = knob('LOAD_GOROUTINE_SLACK', 10);
const SIZES = [1_000, 10_000, ...(process.env.LOAD_LARGE === '1' ? [100_000] : [])];
const REST_SEEDED = 100;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Seeded apps for show and info: a random sample of the bench-app-N ones.
function sampleSeeded(): Seeded {
    return sql("SELECT id || ' ' || name FROM OAuthApps WHERE name LIKE 'bench-app-%' ORDER BY random() LIMIT 500").trim().split('\n').map((line) => {
        const [id, name] = line.split(' ');
        return {id, name};
    });
}

type Phase = {size: number; plugin: Recorded; rest: Recorded; goroutines: [number, number]; ok: boolean};

function printProcess(label: string, p: ReturnType<ReturnType<typeof watchPlugin>['stop']>) {
    if (p.restarted) {
        say(`  plugin process ${p.pid} ended during the ${label} mix (restarted?): no figures`);
        return;
    }
    say(`  plugin process (pid ${p.pid}) during the ${label} mix: peak RSS ${p.peakMiB.toFixed(1)} MiB (${p.peakReset ? 'VmHWM, reset at the start' : 'highest VmRSS sampled every 200 ms; VmHWM could not be reset'}), CPU ${p.cpu.toFixed(2)} s (utime + stime)`);
}

async function phase(size: number, users: SimUser[]): Promise<Phase> {
    const seeded = sampleSeeded();
    const limits = {seconds: SECONDS, maxRequests: MAX_REQUESTS};

    // A short warm-up, so "before" counts what a plugin in use keeps.
    await runMix('plugin', users, seeded, {seconds: 3, maxRequests: users.length * 2}, 7);
    await sleep(SETTLE_SECONDS * 1000);
    const before = await readDiagnostics();

    const pluginWatch = watchPlugin();
    const plugin = await runMix('plugin', users, seeded, limits, size);
    const pluginProcess = pluginWatch.stop();
    const restWatch = watchPlugin();
    const rest = await runMix('rest', users, seeded, limits, size);
    const restProcess = restWatch.stop();

    // The change trail at this size (it runs every few minutes on its own):
    // so that its snapshot is in the figures, and its goroutines in the count.
    const trailStart = performance.now();
    const trail = await postJSON<{ran: boolean; events: number}>('/plugins/oauth-manager/api/v1/trail/run');
    const trailMs = performance.now() - trailStart;

    await sleep(SETTLE_SECONDS * 1000);
    const after = await readDiagnostics();

    const apps = Number(sql('SELECT count(*) FROM OAuthApps').trim());
    say(`\n== Load at ${count(size)} seeded apps (${count(apps)} at the end): ${users.length} users, ${SECONDS} s or ${count(MAX_REQUESTS)} requests per mix ==`);
    printTable(plugin, rest);
    for (const rec of [plugin, rest]) {
        const label = rec.mode === 'plugin' ? 'plugin' : 'REST';
        say(`  ${label} mix: ${count(rec.requests)} requests in ${(rec.elapsedMs / 1000).toFixed(1)} s = ${(rec.requests / (rec.elapsedMs / 1000)).toFixed(1)} req/s; errors: ${describeErrors(rec)}`);
        for (const [kind, samples] of rec.samples) {
            samples.forEach((s) => say(`    ${kind}: ${s}`));
        }
    }
    printProcess('plugin', pluginProcess);
    printProcess('REST', restProcess);
    say(`  change trail run after the mixes: ${trail.ran ? `${count(trail.events)} events` : 'did not run'} in ${ms(trailMs)}`);
    say(`  plugin goroutines: ${before.goroutines} before, ${after.goroutines} after (${SETTLE_SECONDS} s settle; slack ${GOROUTINE_SLACK})`);
    say('  diagnostics before:');
    describeDiagnostics(before).forEach((l) => say(`    ${l}`));
    say('  diagnostics after:');
    describeDiagnostics(after).forEach((l) => say(`    ${l}`));
    const grew = after.goroutines - before.goroutines > GOROUTINE_SLACK;
    if (grew) {
        say(`  FAILED: the plugin's goroutines grew by ${after.goroutines - before.goroutines}, more than ${GOROUTINE_SLACK}`);
    }
    const failed = errorCount(plugin) + errorCount(rest);
    return {size, plugin, rest, goroutines: [before.goroutines, after.goroutines], ok: !grew && failed === 0};
}

async function main() {
    const t0 = performance.now();
    say(`Machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the start; everything on loopback`);
    const kinds = population(USERS);
    say(`Knobs: LOAD_USERS=${USERS} (${kinds.filter((k) => k === 'admin').length} admins, ${kinds.filter((k) => k === 'manager').length} manage_oauth, ${kinds.filter((k) => k === 'plain').length} plain), LOAD_SECONDS=${SECONDS}, LOAD_MAX_REQUESTS=${MAX_REQUESTS}, LOAD_SETTLE_SECONDS=${SETTLE_SECONDS}, LOAD_GOROUTINE_SLACK=${GOROUTINE_SLACK}, sizes ${SIZES.map(count).join(', ')}`);

    await seedRest(REST_SEEDED);
    let seededTo = REST_SEEDED;
    const users = await makeUsers(USERS);
    const phases: Phase[] = [];
    for (const size of SIZES) {
        seedSql(seededTo, size, 'the apps before them were seeded earlier; apps the load run made stay');
        seededTo = size;
        // eslint-disable-next-line no-await-in-loop
        phases.push(await phase(size, users));
    }

    say(`\n==== make load: summary (${((performance.now() - t0) / 60_000).toFixed(1)} min, ${cpus().length} cores) ====`);
    for (const p of phases) {
        const rate = (rec: Recorded) => (rec.requests / (rec.elapsedMs / 1000)).toFixed(1);
        say(`${count(p.size)} apps: plugin mix ${rate(p.plugin)} req/s (${describeErrors(p.plugin)}), REST mix ${rate(p.rest)} req/s (${describeErrors(p.rest)}); goroutines ${p.goroutines[0]} → ${p.goroutines[1]}${p.ok ? '' : '  FAILED'}`);
    }
    say(`Client secrets seen by the run: ${count(seenSecrets().size)} (seenSecrets() in e2e/load/secrets.ts)`);

    // The leak scan over the whole session: posts, logs (DEBUG), plugin KV, audit records, jobs.
    const scan = await scanSecrets(seenSecrets());
    const read = Object.entries(scan.read).filter(([, r]) => r.items > 0).map(([source, r]) => `${source} ${count(r.items)} (${(r.bytes / 1048576).toFixed(1)} MiB)`);
    say(`Leak scan: ${count(seenSecrets().size)} secrets against ${read.join(', ')}: ${scan.findings.length ? `FOUND ${scan.findings.length}: ${scan.findings.slice(0, 10).map((f) => `${f.where} (${f.hint}…)`).join('; ')}` : 'none found'}`);
    if (scan.findings.length) {
        throw new Error('a client secret of the load session was found outside its answers: see the leak scan above');
    }
    if (phases.some((p) => !p.ok)) {
        throw new Error('a phase failed: see above (failed requests, or goroutines that grew)');
    }
}

main().catch((err: Error) => {
    process.stderr.write(`load failed: ${err.stack ?? err.message}\n`);
    process.exit(1);
});
