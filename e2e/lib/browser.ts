// Headless Chromium (Debian's package) driven by playwright-core.
import {existsSync, mkdirSync} from 'node:fs';
import {join} from 'node:path';

import {chromium} from 'playwright-core';
import type {Browser, Page} from 'playwright-core';

import type {E2EEnv, Role} from './env';

export const ARTIFACTS = join(__dirname, '..', 'artifacts');

export function chromiumPath(): string {
    const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
    if (!existsSync(path)) {
        throw new Error(`Chromium is not at ${path}: install the Debian package chromium (.ci/run does) or set CHROMIUM_PATH`);
    }
    return path;
}

export async function launch(): Promise<Browser> {
    mkdirSync(ARTIFACTS, {recursive: true});
    return chromium.launch({
        executablePath: chromiumPath(),
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
}

// Opens the stand-in host page (e2e/browser, served at /static/e2e-host.html),
// signed in as `role`: for what the real web app here cannot show.
export async function openConsole(browser: Browser, env: E2EEnv, role: Role, {theme = 'light'} = {}): Promise<Page> {
    const page = await browser.newPage({viewport: {width: 1600, height: 1000}});
    await page.goto(`${env.siteURL}/static/e2e-host.html${theme === 'dark' ? '?theme=dark' : ''}`);
    await page.getByLabel('Username').fill(env.users[role].username);
    await page.getByLabel('Password').fill(env.users[role].password);
    await page.getByRole('button', {name: 'Sign in'}).click();
    await page.getByRole('region', {name: 'OAuth status'}).waitFor();
    return page;
}
