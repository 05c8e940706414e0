// Micro-benchmark of the console's search, filter and sort over 10,000 apps:
// the work one keystroke in the search box costs, without the browser.

import {defaultQuery, filterApps, sortApps} from '../src/store/query';
import type {AppSummary} from '../src/store/slice';

const N = 10_000;
const apps: AppSummary[] = Array.from({length: N}, (_, i) => ({
    id: `app${i}`.padEnd(26, 'x'),
    creator_id: `user${i % 50}`,
    create_at: 1_700_000_000_000 + i,
    update_at: 0,
    name: `bench-app-${i}`,
    description: `Integration number ${i} for team ${i % 37}`,
    icon_url: '',
    homepage: `https://svc${i % 100}.example.com`,
    callback_urls: [`https://svc${i % 100}.example.com/oauth/callback/${i}`],
    is_trusted: i % 7 === 0,
    is_public: i % 5 === 0,
    is_dynamically_registered: i % 11 === 0,
}));
const usernames = Object.fromEntries(Array.from({length: 50}, (_, i) => [`user${i}`, `person${i}`]));

function measure(label: string, runs: number, fn: () => unknown) {
    for (let i = 0; i < 5; i++) {
        fn();
    }
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        fn();
        times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const pick = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(2);
    process.stdout.write(`${label.padEnd(52)} median ${pick(0.5)} ms  p95 ${pick(0.95)} ms  (${runs} runs)\n`);
}

process.stdout.write(`Console query over ${N} apps (node ${process.version})\n`);
measure('sort by name (on a sort change)', 30, () => sortApps(apps, 'name', 'asc', usernames));
measure('sort by created (the default)', 30, () => sortApps(apps, 'created', 'desc', usernames));
const sorted = sortApps(apps, 'created', 'desc', usernames);
filterApps(sorted, {...defaultQuery, search: 'warm'}, usernames); // builds the search index once
const typed = 'bench-app-4242';
for (let n = 1; n <= typed.length; n += 4) {
    const search = typed.slice(0, n);
    measure(`keystroke: search "${search}"`, 100, () => filterApps(sorted, {...defaultQuery, search}, usernames));
}
measure('keystroke: search + type + trusted filters', 100, () => filterApps(sorted, {...defaultQuery, search: 'team 3', type: 'confidential', trusted: 'yes'}, usernames));
