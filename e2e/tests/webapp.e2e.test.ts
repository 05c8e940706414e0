// The plugin in the real Mattermost web app (../shared/mattermost-webapp, see
// e2e/lib/webapp.ts), in headless Chromium: every /oauth verb typed in the
// message box, the autocomplete list, a thread, and every System Console flow.
// The stand-in page (e2e/browser) is not used here; see README "Tests".
import {join} from 'node:path';

import type {Browser, BrowserContext, Page} from 'playwright-core';

import {ARTIFACTS, launch} from '../lib/browser';
import {clientAs, loadEnv, statusOf} from '../lib/env';
import {ask, consolePath, inputError, lastEphemeral, newContext, revealAndCopySecret, send, sendAndWait, signIn, WEBAPP_VERSION} from '../lib/webapp';

const env = loadEnv();
const admin = clientAs(env, 'admin');
const tag = Date.now().toString(36);
const describeWithWebapp = WEBAPP_VERSION ? describe : describe.skip;

let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
    if (!WEBAPP_VERSION) {
        process.stdout.write('[e2e] no Mattermost web app installed: the real-web-app tests are skipped\n');
        return;
    }
    process.stdout.write(`[e2e] browser tests run against the real Mattermost web app ${WEBAPP_VERSION}\n`);
    browser = await launch();
    context = await newContext(browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: env.siteURL});
});

afterAll(async () => {
    await browser?.close();
    const apps = await admin.getOAuthApps(0, 200);
    await Promise.all(apps.filter((a) => a.name.includes(tag)).map((a) => admin.deleteOAuthApp(a.id).catch(() => undefined)));
});

const shot = (page: Page, file: string) => page.screenshot({path: join(ARTIFACTS, file)});

async function appNamed(name: string) {
    return (await admin.getOAuthApps(0, 200)).find((a) => a.name === name);
}

describeWithWebapp('chat: /oauth typed in the message box', () => {
    let page: Page;
    const bot = `Build bot ${tag}`;
    let botId = '';

    beforeAll(async () => {
        botId = (await admin.createOAuthApp({name: bot, description: 'CI', homepage: 'https://ci.example.com', callback_urls: ['https://ci.example.com/cb'], icon_url: ''})).id;
        page = await signIn(context, env, 'admin');
    });

    test('help answers as an ephemeral post from System', async () => {
        const text = await ask(page, '/oauth help');
        expect(text).toContain('/oauth: Manage Mattermost OAuth 2.0 apps');
        expect(await lastEphemeral(page).innerText()).toContain('(Only visible to you)');
    });

    test('list, show (by name, masked), info, metadata', async () => {
        expect(await ask(page, `/oauth list --filter "${tag}"`)).toContain(bot);
        const shown = await ask(page, `/oauth show "${bot}"`);
        expect(shown).toContain(`Client ID: ${botId}`);
        expect(shown).toContain('Created by: you');
        expect(shown).not.toContain((await admin.getOAuthApp(botId)).client_secret);
        expect(await ask(page, `/oauth info ${botId}`)).toContain('public information');
        expect(await ask(page, '/oauth metadata')).toContain('OAuth 2.0 service provider: on');
    });

    test('app text renders as written: no stray backslash, mention, emoticon, emoji or link', async () => {
        // Mattermost's Markdown reads \\ escapes only before some characters; the others are character references.
        const description = 'Mail admin@example.com or @sysadmin :smile: :/ a&b C:\\Users <http://evil.example> $x$ a=b *not bold* [no](http://evil.example)';
        const id = (await admin.createOAuthApp({name: `Text ${tag}`, description, homepage: 'https://text.example.com', callback_urls: ['https://text.example.com/cb'], icon_url: ''})).id;
        await ask(page, `/oauth show ${id}`);
        const post = lastEphemeral(page);
        expect(await post.innerText()).toContain(`Description: ${description}`);
        expect(await post.locator('a[href*="evil"], [data-mention], .emoticon, [data-emoticon], img.emoticon, span.mention-link').count()).toBe(0);
        await post.scrollIntoViewIfNeeded();
        await shot(page, 'chat-app-text.png');
    });

    test('create, edit, regen-secret and delete with their confirmations', async () => {
        const name = `Chat app ${tag}`;
        const created = await ask(page, `/oauth create --name "${name}" --homepage https://chat.example.com --callback https://chat.example.com/cb`);
        expect(created).toContain('New client secret shown once');
        const app = (await appNamed(name))!;
        expect(created).toContain(app.client_secret);

        expect(await ask(page, `/oauth edit "${name}" --description "from chat"`)).toContain('description');
        expect((await admin.getOAuthApp(app.id)).description).toBe('from chat');

        expect(await ask(page, `/oauth regen-secret "${name}"`)).toContain(`/oauth regen-secret ${app.id} --yes`);
        const regenerated = await ask(page, `/oauth regen-secret ${app.id} --yes`);
        const fresh = await admin.getOAuthApp(app.id);
        expect(fresh.client_secret).not.toBe(app.client_secret);
        expect(regenerated).toContain(fresh.client_secret);

        expect(await ask(page, `/oauth delete "${name}"`)).toContain(`/oauth delete ${app.id} --yes`);
        expect(await ask(page, `/oauth delete ${app.id} --yes`)).toContain('Deleted OAuth app');
        expect(await statusOf(admin.getOAuthApp(app.id))).toBe(404);
    });

    test('authorized, deauthorize and register', async () => {
        expect(await ask(page, '/oauth authorized')).toContain('not authorized any OAuth app');
        expect(await ask(page, `/oauth deauthorize ${botId}`)).toContain('nothing to revoke');
        const registered = await ask(page, `/oauth register --client-name "DCR ${tag}" --redirect-uri https://dcr.example.com/cb`);
        expect(registered).toContain('by dynamic client registration');
        expect(await appNamed(`DCR ${tag}`)).toBeDefined();
    });

    test('a bare /oauth create opens the create form over the channel; Enter in a field creates the app', async () => {
        await sendAndWait(page, page.locator('#post_textbox'), '/oauth create');
        const dialog = page.getByRole('dialog', {name: 'Create an OAuth app'});
        await dialog.getByLabel(/^Name/).fill(`Modal app ${tag}`);
        await dialog.getByLabel(/^Callback URLs/).fill('https://modal.example.com/cb');
        await dialog.getByLabel(/^Homepage/).fill('https://modal.example.com');
        await dialog.getByLabel(/^Homepage/).press('Enter');
        const done = page.getByRole('dialog', {name: `Created Modal app ${tag}`});
        await done.waitFor();
        const created = await appNamed(`Modal app ${tag}`);
        await expect(done.textContent()).resolves.toContain(created!.client_secret);
        await done.getByRole('button', {name: 'Done'}).click();
    });

    test('an input error shows under the box as plain text and keeps the draft', async () => {
        const box = page.locator('#post_textbox');
        await send(page, box, '/oauth list --bogus');
        await expect(inputError(page).innerText()).resolves.toBe('/oauth list has no option "--bogus". Usage: /oauth list [--mine] [--trusted|--untrusted] [--public|--confidential] [--dcr] [--never-used|--stale] [--orphaned] [--legacy] [--filter TEXT] [--page N] [--per-page N] [--all]');
        expect(await box.inputValue()).toBe('/oauth list --bogus');
        await shot(page, 'input-error.png');
        await box.fill('');
    });

    test('typing a quoted name, the suggestion list offers the app itself, fetched as the user; Enter completes it', async () => {
        const box = page.locator('#post_textbox');
        await box.click();
        await box.pressSequentially(`/oauth show "${bot.slice(0, 4)}`, {delay: 5});
        const suggestion = page.locator('#suggestionList').getByText(`"${bot}"`);
        await suggestion.waitFor();
        await shot(page, 'app-suggestion.png');
        await page.keyboard.press('Enter'); // the web app takes the highlighted suggestion
        await page.waitForFunction((el) => (el as HTMLTextAreaElement).value.includes('"', 13), await box.elementHandle());
        expect((await box.inputValue()).trimEnd()).toBe(`/oauth show "${bot}"`);
        await box.fill('');
    });

    test('in a thread, the answer appears in the thread only', async () => {
        const root = await admin.createPost({channel_id: env.channelId, message: `Thread root ${tag}`} as Parameters<typeof admin.createPost>[0]);
        await page.reload();
        const rootPost = page.locator(`#post_${root.id}`);
        await rootPost.hover();
        await rootPost.getByRole('button', {name: /reply/i}).first().click();
        const replyBox = page.locator('#reply_textbox');
        await replyBox.waitFor();
        await sendAndWait(page, replyBox, '/oauth help metadata');
        const rhs = page.locator('#rhsContainer');
        await lastEphemeral(rhs).waitFor();
        expect(await lastEphemeral(rhs).innerText()).toContain('/oauth metadata');

        // The center channel shows the root (with its reply count), not the answer.
        const center = page.locator('#postListContent, .post-list__content').first();
        await expect(center.locator(`#post_${root.id}`).count()).resolves.toBe(1);
        await expect(center.locator('.post').filter({hasText: 'Show the server\'s OAuth metadata'}).count()).resolves.toBe(0);
        await shot(page, 'thread-answer.png');
    });
});

describeWithWebapp('the System Console page', () => {
    let page: Page;
    const name = `Console app ${tag}`;

    beforeAll(async () => {
        for (const n of [1, 2, 3]) {
            // eslint-disable-next-line no-await-in-loop
            await admin.createOAuthApp({name: `Listed app ${n} ${tag} with a long name that wraps`, description: `sample ${n}`, homepage: 'https://example.com', callback_urls: [`https://app${n}.example.com/a/very/long/callback/path/that/would/widen/a/table`], icon_url: 'https://icons.example.com/icon.png'});
        }
        page = await signIn(context, env, 'admin', consolePath);
        await page.getByRole('region', {name: 'OAuth status'}).getByText('OAuth 2.0 service provider:').waitFor();

        // A reload would lose this marker: every flow below must keep it.
        await page.evaluate(() => {
            (window as unknown as {notReloaded: boolean}).notReloaded = true;
        });
    });

    const notReloaded = () => page.evaluate(() => (window as unknown as {notReloaded?: boolean}).notReloaded === true);

    test('at 1280×800 the whole table is inside the page: no sideways scrolling', async () => {
        const table = page.getByRole('table', {name: 'OAuth apps'});
        await table.getByText(`Listed app 2 ${tag}`, {exact: false}).waitFor();
        await table.scrollIntoViewIfNeeded();
        const box = (await table.boundingBox())!;
        const section = (await page.getByRole('region', {name: 'OAuth 2.0 applications'}).boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(section.x);
        expect(box.x + box.width).toBeLessThanOrEqual(section.x + section.width);
        expect(box.x + box.width).toBeLessThanOrEqual(1280);
        const overflow = await page.evaluate(() => [...document.querySelectorAll('*')].some((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible' && el.closest('table')));
        expect(overflow).toBe(false);

        // Each row's actions sit on one line, inside the table.
        const actions = await table.evaluate((t) => [...t.querySelectorAll('tbody tr')].filter((r) => r.children.length > 1).map((r) => {
            const buttons = [...r.lastElementChild!.querySelectorAll('button')].map((b) => b.getBoundingClientRect());
            return {tops: new Set(buttons.map((b) => Math.round(b.top))).size, right: Math.max(...buttons.map((b) => b.right)), tableRight: t.getBoundingClientRect().right};
        }));
        expect(actions.length).toBeGreaterThan(0);
        for (const row of actions) {
            expect(row.tops).toBe(1);
            expect(row.right).toBeLessThanOrEqual(row.tableRight);
        }

        // Focusing the last button of a row scrolls nothing sideways.
        await table.getByRole('button', {name: /^Details of Listed app 1/}).focus();
        const scrolledX = await page.evaluate(() => [...document.querySelectorAll('*')].some((el) => el.scrollLeft > 0) || window.scrollX > 0);
        expect(scrolledX).toBe(false);
        expect(await page.locator('img[src*="icons.example.com"]').count()).toBe(0);
        await shot(page, 'console-1280.png');
    });

    test('status: the issuer is checked against the address the admin reached; an icon is a placeholder while the image proxy is off', async () => {
        const status = page.getByRole('region', {name: 'OAuth status'});
        await status.getByText('Issuer:').waitFor();
        expect(await status.innerText()).toContain(`Issuer: ${env.siteURL} matches the address you reached this server at.`);
        await status.scrollIntoViewIfNeeded();
        await shot(page, 'console-status.png');

        const app = `Listed app 1 ${tag} with a long name that wraps`;
        await page.getByRole('button', {name: `Details of ${app}`}).click();
        const details = page.getByRole('region', {name: `Details of ${app}`});
        expect(await details.innerText()).toContain('https://icons.example.com/icon.png');
        await details.getByTitle(/^Not loaded: the image proxy is off/).waitFor();
        expect(await page.locator('img[src*="icons.example.com"]').count()).toBe(0);
        await details.scrollIntoViewIfNeeded();
        await shot(page, 'console-details-icon.png');
        await page.getByRole('button', {name: `Details of ${app}`}).click();
    });

    test('create: Enter with an invalid homepage shows the error, then Create app creates it', async () => {
        await page.getByRole('button', {name: 'New app'}).click();
        await page.getByLabel(/^Name/).fill(name);
        await page.getByLabel(/^Homepage/).fill('not a url');
        await page.getByLabel(/^Callback URLs/).fill('https://console.example.com/cb');
        await page.getByLabel(/^Name/).press('Enter');
        await page.getByText('The homepage must be an http:// or https:// URL, not "not a url".').waitFor();
        expect(await notReloaded()).toBe(true);
        await page.getByRole('dialog', {name: 'Create an OAuth app'}).getByLabel(/^Homepage/).scrollIntoViewIfNeeded();
        await shot(page, 'form-validation-error.png');

        await page.getByLabel(/^Homepage/).fill('https://console.example.com');
        await page.getByRole('button', {name: 'Create app'}).click();
        const secretBox = page.getByRole('status', {name: 'New client secret'});
        await secretBox.waitFor();
        const created = (await appNamed(name))!;
        expect(created).toBeDefined();
        expect(await secretBox.innerText()).toContain(created.client_secret);
        await page.getByRole('button', {name: 'I have stored it'}).click();
        expect(await notReloaded()).toBe(true);
    });

    test('edit: Enter in a field saves only what changed', async () => {
        await page.getByRole('button', {name: `Edit ${name}`}).click();
        await page.getByLabel(/^Description/).fill('edited in the console');
        await page.getByLabel(/^Homepage/).press('Enter');
        await page.getByText(`Saved ${name}.`).waitFor();
        const app = (await appNamed(name))!;
        expect(app.description).toBe('edited in the console');
        expect(app.homepage).toBe('https://console.example.com');
        expect(await notReloaded()).toBe(true);

        // Saving again without a change sends nothing and says so.
        await page.getByRole('button', {name: `Edit ${name}`}).click();
        await page.getByRole('button', {name: 'Save changes'}).click();
        await page.getByText(`Nothing to change: ${name} already has these values.`).waitFor();
        expect((await appNamed(name))!.update_at).toBe(app.update_at);
    });

    test('reveal and copy the secret; regenerate it; delete the app', async () => {
        const app = (await appNamed(name))!;
        await expect(revealAndCopySecret(page, name, app.client_secret)).resolves.toBe(app.client_secret);

        await page.getByRole('button', {name: `Regenerate the secret of ${name}`}).click();
        await page.getByRole('button', {name: 'Regenerate secret'}).click();
        await page.getByRole('status', {name: 'New client secret'}).waitFor();
        const fresh = (await appNamed(name))!;
        expect(fresh.client_secret).not.toBe(app.client_secret);
        expect(await page.getByRole('status', {name: 'New client secret'}).innerText()).toContain(fresh.client_secret);
        await page.getByRole('button', {name: 'I have stored it'}).click();

        // The confirmation is the host's modal: Escape closes it and gives focus back.
        const deleteButton = page.getByRole('button', {name: `Delete ${name}`});
        await deleteButton.click();
        const confirm = page.getByRole('dialog', {name: `Delete ${name}?`});
        await confirm.waitFor();
        await page.waitForFunction(() => document.activeElement?.textContent === 'Cancel');
        await shot(page, 'console-confirm-delete.png');
        await page.keyboard.press('Escape');
        await confirm.waitFor({state: 'detached'});
        await page.waitForFunction((label) => document.activeElement?.getAttribute('aria-label') === label, `Delete ${name}`);
        await deleteButton.click();
        await page.getByRole('button', {name: 'Delete app'}).click();
        await page.getByText(`Deleted ${name}.`).waitFor();
        expect(await statusOf(admin.getOAuthApp(app.id))).toBe(404);
        expect(await notReloaded()).toBe(true);
    });

    test('authorized apps: yours, and another user\'s; Enter in the user field shows them', async () => {
        await page.getByRole('button', {name: 'Show authorized apps'}).click();
        await page.getByText('No authorized apps.').waitFor();
        await page.getByLabel('User (empty for yourself):').fill('@oauthdev');
        await page.getByLabel('User (empty for yourself):').press('Enter');
        await page.getByText('No authorized apps.').waitFor();
        expect(await notReloaded()).toBe(true);
    });

    test('a settings change survives Enter in the manager and saves with Save', async () => {
        const pageSize = page.getByLabel('Default page size:');
        const value = await pageSize.inputValue() === '25' ? '30' : '25';
        await pageSize.fill(value);
        await page.getByRole('searchbox', {name: 'Search'}).fill(tag);
        await page.getByRole('searchbox', {name: 'Search'}).press('Enter');
        expect(await notReloaded()).toBe(true);
        expect(await pageSize.inputValue()).toBe(value);
        await page.getByRole('button', {name: 'Save'}).click();
        let saved: unknown;
        for (let i = 0; i < 50 && String(saved) !== value; i++) {
            // eslint-disable-next-line no-await-in-loop
            saved = ((await admin.getConfig()).PluginSettings.Plugins['oauth-manager'] as Record<string, unknown> | undefined)?.defaultpagesize;
            // eslint-disable-next-line no-await-in-loop
            await page.waitForTimeout(200);
        }
        expect(String(saved)).toBe(value);
    });

    // Last: it reloads the page.
    test('with the image proxy on, an icon is loaded through the server only', async () => {
        const original = (await admin.getConfig()).ImageProxySettings;
        await admin.patchConfig({ImageProxySettings: {...original, Enable: true, ImageProxyType: 'local'}} as Parameters<typeof admin.patchConfig>[0]);
        try {
            await page.reload();
            const app = `Listed app 2 ${tag} with a long name that wraps`;
            await page.getByRole('button', {name: `Details of ${app}`}).click();
            const icon = page.getByRole('region', {name: `Details of ${app}`}).locator('img');
            await icon.waitFor({state: 'attached'});
            expect(await icon.getAttribute('src')).toBe(`${env.siteURL}/api/v4/image?url=${encodeURIComponent('https://icons.example.com/icon.png')}`);
            expect(await page.locator('img[src^="https://icons.example.com"]').count()).toBe(0);
            await icon.scrollIntoViewIfNeeded();
            await shot(page, 'console-details-icon-proxy.png');
        } finally {
            await admin.patchConfig({ImageProxySettings: original} as Parameters<typeof admin.patchConfig>[0]);
        }
    });
});
