// The System Console manager in headless Chromium: time to the first app rows
// and from the last keystroke in the search box to the filtered table. Only
// what a person sees is relied on: the region labelled "OAuth 2.0 applications",
// its table rows, its search box. Times are taken in the page (performance.now
// in event listeners and a MutationObserver), not in node, so that the
// round trips of the browser protocol are not counted.
import type {Browser, BrowserContext, Page} from 'playwright-core';

import {env, ms, say} from './common';

import {consolePath, newContext, signIn, WEBAPP_VERSION} from '../lib/webapp';

const REGION = '[aria-label="OAuth 2.0 applications"]';

type Recorder = {clicked: number; region: number; firstRows: number; inputs: number[]; changes: number[]};
declare global {
    interface Window {
        bench: Recorder;
    }
}

// Runs in every document before its own scripts. A string, not a function:
// tsx would add helpers to a function's source that the page does not have.
// region: when the region is first in the page (what the host's navigation
// costs before the plugin has data); firstRows: when a row naming an app (all
// are bench-app-N) is first in its table; changes: every DOM change inside the
// region; clicked and inputs: the first click and every input event.
const RECORDER = `(() => {
    const region = ${JSON.stringify(REGION)};
    const b = window.bench = {clicked: -1, region: -1, firstRows: -1, inputs: [], changes: []};
    addEventListener('click', () => { if (b.clicked < 0) { b.clicked = performance.now(); } }, true);
    addEventListener('input', (e) => { if (e.target instanceof Element && e.target.closest(region)) { b.inputs.push(performance.now()); } }, true);
    new MutationObserver((records) => {
        const now = performance.now();
        if (b.region < 0 && document.querySelector(region)) { b.region = now; }
        if (!records.some((r) => (r.target.nodeType === 1 ? r.target : r.target.parentElement)?.closest(region))) { return; }
        b.changes.push(now);
        if (b.firstRows < 0 && [...document.querySelectorAll(region + ' tbody tr')].some((tr) => tr.textContent.includes('bench-app-'))) { b.firstRows = now; }
    }).observe(document, {childList: true, subtree: true, characterData: true});
})();`;

export const HOST = WEBAPP_VERSION ? `the real Mattermost web app ${WEBAPP_VERSION}` : 'the stand-in host page (no web app installed)';

// Opens the console page cold and returns the ms from the click that opened
// it to the region and to the first app row in its table. In the web app the click is on the
// System Console's sidebar link (an in-page navigation from another console
// page, freshly loaded, so the plugin starts with nothing); on the stand-in
// page it is the Sign in button, which loads the plugin.
async function openCold(context: BrowserContext, timeout: number): Promise<{page: Page; region: number; firstRows: number}> {
    let page: Page;
    if (WEBAPP_VERSION) {
        page = await signIn(context, env, 'admin', '/admin_console/about/license');
        await page.locator(`a[href="${consolePath}"]`).click();
    } else {
        page = await context.newPage();
        await page.goto(`${env.siteURL}/static/e2e-host.html`);
        await page.getByLabel('Username').fill(env.users.admin.username);
        await page.getByLabel('Password').fill(env.users.admin.password);
        await page.getByRole('button', {name: 'Sign in'}).click();
    }
    await page.waitForFunction(() => window.bench.firstRows >= 0, null, {timeout, polling: 100});
    const {clicked, region, firstRows} = await page.evaluate(() => window.bench);
    return {page, region: region - clicked, firstRows: firstRows - clicked};
}

// Waits until nothing in the region has changed for `quiet` ms. With
// afterInput, the region must first have changed since the last input event:
// an answer from the server may come later than `quiet`.
async function settle(page: Page, quiet: number, timeout: number, afterInput = false) {
    const deadline = Date.now() + timeout;
    for (;;) {
        // eslint-disable-next-line no-await-in-loop
        const done = await page.evaluate(([q, after]) => {
            const change = window.bench.changes.at(-1) ?? 0;
            const input = window.bench.inputs.at(-1) ?? 0;
            return (!after || change > input) && performance.now() - Math.max(change, input) > q;
        }, [quiet, afterInput] as const);
        if (done) {
            return;
        }
        if (Date.now() > deadline) {
            throw new Error(afterInput ? `the table region did not change within ${timeout / 1000} s of the last keystroke` : `the console's table still changed after ${timeout / 1000} s`);
        }
        // eslint-disable-next-line no-await-in-loop
        await page.waitForTimeout(100);
    }
}

export type ConsoleFigures = {region: number[]; firstRows: number[]; keystroke: number[]; settled: number[]};

// Each query's last character narrows the result, so the table changes after
// the last keystroke in every implementation (local filtering or a search).
const QUERIES = ['bench-app-4242', 'team 36', 'number 999', 'svc4', 'callback/31', 'bench-app-99999'];

export async function measureConsole(browser: Browser): Promise<ConsoleFigures> {
    const figures: ConsoleFigures = {region: [], firstRows: [], keystroke: [], settled: []};

    // Five cold opens, fewer when one is slow (the whole listing before the
    // first row, as the console did before the read model). The context keeps the session cookie; each page is a new document, so
    // the plugin starts with nothing loaded every time.
    const context = await newContext(browser, {width: 1600, height: 1000});
    await context.addInitScript(RECORDER);
    const budget = Date.now() + 90_000;
    let page: Page | undefined;
    for (let run = 0; run < 5 && (run === 0 || Date.now() < budget); run++) {
        /* eslint-disable no-await-in-loop -- one cold open after another */
        await page?.close();
        const opened = await openCold(context, 600_000);
        /* eslint-enable no-await-in-loop */
        page = opened.page;
        figures.region.push(opened.region);
        figures.firstRows.push(opened.firstRows);
        say(`  console open ${run + 1}: region after ${ms(opened.region)}, first app row after ${ms(opened.firstRows)}`);
    }

    // The console may go on loading after its first rows: wait until it is done.
    await settle(page!, 1000, 600_000);
    const search = page!.locator(REGION).getByRole('searchbox').first();
    for (const query of QUERIES) {
        /* eslint-disable no-await-in-loop -- one query after another, as a person types */
        if (await search.inputValue()) {
            await search.fill('');
            await settle(page!, 500, 60_000, true);
        }
        await page!.evaluate(() => {
            window.bench.inputs = [];
            window.bench.changes = [];
        });
        await search.pressSequentially(query, {delay: 40});
        await settle(page!, 500, 60_000, true);
        const {inputs, changes} = await page!.evaluate(() => window.bench);
        const rows = await page!.locator(`${REGION} tbody tr`).count();
        /* eslint-enable no-await-in-loop */
        const lastInput = inputs[inputs.length - 1];
        if (lastInput === undefined) {
            throw new Error(`typing "${query}": no input event reached the search box`);
        }
        const after = changes.filter((t) => t > lastInput);
        figures.keystroke.push(after[0] - lastInput);
        figures.settled.push(after[after.length - 1] - lastInput);
        say(`  "${query}" → ${rows} ${rows === 1 ? 'row' : 'rows'} shown: first change ${ms(after[0] - lastInput)}, settled ${ms(after[after.length - 1] - lastInput)} after the last keystroke`);
    }
    await context.close();
    return figures;
}
