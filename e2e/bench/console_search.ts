// `make bench`, real part: 10,000 apps on the real server, the System Console
// manager in headless Chromium, and the time from the last keystroke in the
// search box to the filtered table: the first DOM change after that keystroke.
// Each query's last character narrows the result, so that change always exists.

import {launch, openConsole} from '../lib/browser';
import {clientAs, loadEnv} from '../lib/env';
import {consolePath, newContext, signIn, WEBAPP_VERSION} from '../lib/webapp';

const env = loadEnv();
const admin = clientAs(env, 'admin');
const N = Number(process.env.BENCH_APPS ?? 10_000);
const say = (line: string) => process.stdout.write(line + '\n');

async function seed() {
    const t0 = performance.now();
    let next = 0;
    const worker = async () => {
        while (next < N) {
            const i = next++;
            // eslint-disable-next-line no-await-in-loop
            await admin.createOAuthApp({
                name: `bench-app-${i}`,
                description: `Integration number ${i} for team ${i % 37}`,
                icon_url: '',
                homepage: `https://svc${i % 100}.example.com`,
                callback_urls: [`https://svc${i % 100}.example.com/oauth/callback/${i}`],
            });
        }
    };
    await Promise.all(Array.from({length: 8}, worker));
    say(`seeded ${N} apps through the REST API in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

async function main() {
    await seed();
    const browser = await launch();
    try {
        const t0 = performance.now();

        // The real web app when the harness has one; the stand-in page otherwise.
        say(`host: ${WEBAPP_VERSION ? `the real Mattermost web app ${WEBAPP_VERSION}` : 'the stand-in page (no web app installed)'}`);
        const page = WEBAPP_VERSION ? await signIn(await newContext(browser, {width: 1600, height: 1000}), env, 'admin', consolePath) : await openConsole(browser, env, 'admin');
        await page.getByText(`${N} apps`, {exact: true}).waitFor({timeout: 120_000});
        say(`console page: signed in, listed and rendered ${N} apps in ${((performance.now() - t0) / 1000).toFixed(2)} s (two full passes of 200-app pages)`);

        await page.evaluate(() => {
            const w = window as unknown as {bench: {inputs: number[]; changes: number[]}};
            w.bench = {inputs: [], changes: []};
            document.getElementById('oauth-search')!.addEventListener('input', () => {
                w.bench.inputs.push(performance.now());
            }, true);
            new MutationObserver(() => {
                w.bench.changes.push(performance.now());
            }).observe(document.querySelector('[aria-label="OAuth 2.0 applications"]')!, {childList: true, subtree: true, characterData: true});
        });

        const search = page.getByRole('searchbox', {name: 'Search'});
        const results: number[] = [];
        for (const query of ['bench-app-4242', 'team 36', 'number 999', 'svc4', 'callback/31', 'bench-app-99999']) {
            /* eslint-disable no-await-in-loop -- one query after another, as a person types */
            await search.fill('');
            await page.getByText(`${N} apps`, {exact: true}).waitFor();
            await page.evaluate(() => {
                (window as unknown as {bench: {inputs: number[]; changes: number[]}}).bench = {inputs: [], changes: []};
            });
            await search.pressSequentially(query, {delay: 40});

            // Done when the table has not changed for 500 ms (10 s at most).
            const deadline = Date.now() + 10_000;
            for (;;) {
                const quiet = await page.evaluate(() => {
                    const b = (window as unknown as {bench: {inputs: number[]; changes: number[]}}).bench;
                    return performance.now() - Math.max(0, ...b.changes, ...b.inputs) > 500;
                });
                if (quiet || Date.now() > deadline) {
                    break;
                }
                await page.waitForTimeout(100);
            }
            const {inputs, changes} = await page.evaluate(() => (window as unknown as {bench: {inputs: number[]; changes: number[]}}).bench);
            const status = await page.getByText(/ apps? match$| apps$/).first().textContent();
            /* eslint-enable no-await-in-loop */
            const lastInput = inputs[inputs.length - 1];
            const firstChange = changes.find((t) => t > lastInput);
            if (firstChange === undefined) {
                throw new Error(`typing "${query}": the last keystroke changed nothing on the page`);
            }
            const latency = firstChange - lastInput;
            results.push(latency);
            say(`  "${query}" → ${status}: ${latency.toFixed(1)} ms from the last keystroke to the filtered table`);
        }
        results.sort((a, b) => a - b);
        say(`last keystroke → filtered table over ${N} apps: median ${results[Math.floor(results.length / 2)].toFixed(1)} ms, max ${results[results.length - 1].toFixed(1)} ms (${results.length} queries, typed 40 ms per key)`);
    } finally {
        await browser.close();
    }
}

main().catch((err: Error) => {
    process.stderr.write(`bench failed: ${err.stack ?? err.message}\n`);
    process.exit(1);
});
