// Every /oauth verb through the webapp's hook, for each bootstrapped user, on the
// real server. Each test checks the ephemeral answer, the server's state
// afterwards, and that the permission outcome equals a direct REST call's.
import {readFileSync} from 'node:fs';

import type {OAuthApp} from '@mattermost/types/integrations';

import {clientAs, loadEnv, sql, statusOf} from '../lib/env';
import {hookAs} from '../lib/hook';
import type {HookUser} from '../lib/hook';

const env = loadEnv();
const tag = Date.now().toString(36);
const rest = {admin: clientAs(env, 'admin'), dev: clientAs(env, 'dev'), plain: clientAs(env, 'plain')};
type Three = 'admin' | 'dev' | 'plain';
const users: Record<Three, HookUser> = {admin: hookAs(env, 'admin'), dev: hookAs(env, 'dev'), plain: hookAs(env, 'plain')};

// Secrets seen in this file, for the leak test.
const seenSecrets: string[] = [];

const DENIED = /Could not .*: you lack the permission/;

function newApp(name: string): Parameters<typeof rest.admin.createOAuthApp>[0] {
    return {name, description: 'e2e', homepage: 'https://example.com', callback_urls: ['https://example.com/cb'], icon_url: 'https://example.com/icon.png'};
}

let adminApp: OAuthApp;
let devApp: OAuthApp;

beforeAll(async () => {
    adminApp = await rest.admin.createOAuthApp(newApp(`admin-app-${tag}`));
    devApp = await rest.dev.createOAuthApp(newApp(`dev-app-${tag}`));
    seenSecrets.push(adminApp.client_secret, devApp.client_secret);
});

afterAll(async () => {
    const apps = await rest.admin.getOAuthApps(0, 200);
    await Promise.all(apps.filter((a) => a.name.endsWith(tag)).map((a) => rest.admin.deleteOAuthApp(a.id).catch(() => undefined)));
});

describe('help', () => {
    test.each(['admin', 'dev', 'plain'] as Three[])('%s gets the overview, answered in the browser', async (role) => {
        const {result, text} = await users[role].run('/oauth help');
        expect(result).toEqual({});
        expect(text).toContain('#### /oauth: Manage Mattermost OAuth 2.0 apps');
    });
});

describe('list', () => {
    test('admin sees every app, as REST lists them', async () => {
        const {text} = await users.admin.run(`/oauth list --filter ${tag}`);
        expect(text).toContain(`admin-app-${tag}`);
        expect(text).toContain(`dev-app-${tag}`);
        expect(text).toContain('&#64;oauthdev'); // shown as @oauthdev, not a mention
        expect(text).not.toContain(adminApp.client_secret);
        expect((await rest.admin.getOAuthApps(0, 200)).map((a) => a.id)).toEqual(expect.arrayContaining([adminApp.id, devApp.id]));
    });

    test('dev sees only their own apps, as REST lists them', async () => {
        const {text} = await users.dev.run('/oauth list --all');
        expect(text).toContain(`dev-app-${tag}`);
        expect(text).not.toContain(`admin-app-${tag}`);
        expect((await rest.dev.getOAuthApps(0, 200)).map((a) => a.id)).not.toContain(adminApp.id);
        expect(users.dev.state().apps.order).toContain(devApp.id);
    });

    test('plain is refused, as REST refuses', async () => {
        const {text} = await users.plain.run('/oauth list');
        expect(text).toMatch(DENIED);
        expect(text).toContain('Listing OAuth apps needs the manage_oauth permission');
        expect(await statusOf(rest.plain.getOAuthApps(0, 10))).toBe(403);
        expect(users.plain.state().requests.fetchListing?.status).toBe('failed');
    });
});

describe('show', () => {
    test('admin reads the dev app by name, secret masked', async () => {
        const {text} = await users.admin.run(`/oauth show dev-app-${tag}`);
        expect(text).toContain(`#### OAuth app: dev-app-${tag}`);
        expect(text).toContain('••••••••');
        expect(text).not.toContain(devApp.client_secret);
        expect(await statusOf(rest.admin.getOAuthApp(devApp.id))).toBe(200);
    });

    test('dev reveals their own secret, to themselves only', async () => {
        const {text} = await users.dev.run(`/oauth show ${devApp.id} --reveal`);
        expect(text).toContain('`' + devApp.client_secret + '`');
        expect(JSON.stringify(users.dev.state())).not.toContain(devApp.client_secret);
    });

    test('dev is refused the admin app, as REST refuses', async () => {
        const {text} = await users.dev.run(`/oauth show ${adminApp.id}`);
        expect(text).toMatch(DENIED);
        expect(await statusOf(rest.dev.getOAuthApp(adminApp.id))).toBe(403);
    });

    test('plain is refused, by id and by name', async () => {
        expect((await users.plain.run(`/oauth show ${devApp.id}`)).text).toMatch(DENIED);
        expect((await users.plain.run(`/oauth show dev-app-${tag}`)).text).toContain('finding an app by name needs the `manage_oauth` permission');
        expect(await statusOf(rest.plain.getOAuthApp(devApp.id))).toBe(403);
    });
});

describe('info', () => {
    test.each(['admin', 'dev', 'plain'] as Three[])('%s reads public information, never a secret', async (role) => {
        const {text} = await users[role].run(`/oauth info ${adminApp.id}`);
        expect(text).toContain(`OAuth app (public information): admin-app-${tag}`);
        expect(text).not.toContain(adminApp.client_secret);
        expect(await statusOf(rest[role].getOAuthAppInfo(adminApp.id))).toBe(200);
    });
});

describe('create', () => {
    test('admin creates a trusted app; the secret is shown once', async () => {
        const {text} = await users.admin.run(`/oauth create --name "created admin ${tag}" --homepage https://example.com --callback https://example.com/a --callback https://example.com/b --trusted`);
        expect(text).toContain(`Created OAuth app created admin ${tag}`);
        expect(text).toContain('New client secret shown once.');
        const created = (await rest.admin.getOAuthApps(0, 200)).find((a) => a.name === `created admin ${tag}`);
        expect(created?.is_trusted).toBe(true);
        expect(created?.callback_urls).toEqual(['https://example.com/a', 'https://example.com/b']);
        expect(text).toContain(created!.client_secret);
        seenSecrets.push(created!.client_secret);
    });

    test('dev creates an app; --trusted is refused by the server and the answer says so', async () => {
        const {text} = await users.dev.run(`/oauth create --name created-dev-${tag} --homepage https://example.com --callback https://example.com/cb --trusted`);
        expect(text).toContain('Only system admins can make an app trusted');
        const created = (await rest.dev.getOAuthApps(0, 200)).find((a) => a.name === `created-dev-${tag}`);
        expect(created?.is_trusted).toBe(false);
        seenSecrets.push(created!.client_secret);
    });

    test('dev creates a public client: no secret', async () => {
        const {text} = await users.dev.run(`/oauth create --name public-dev-${tag} --homepage https://example.com --callback http://127.0.0.1:9000/cb --public`);
        expect(text).toContain('none: a public client has no secret');
        const created = (await rest.dev.getOAuthApps(0, 200)).find((a) => a.name === `public-dev-${tag}`);
        expect(created?.client_secret).toBe('');
    });

    test('plain is refused, as REST refuses, and nothing is created', async () => {
        const {text} = await users.plain.run(`/oauth create --name plain-${tag} --homepage https://example.com --callback https://example.com/cb`);
        expect(text).toMatch(DENIED);
        expect(await statusOf(rest.plain.createOAuthApp(newApp(`plain-rest-${tag}`)))).toBe(403);
        expect((await rest.admin.getOAuthApps(0, 200)).some((a) => a.name.startsWith('plain'))).toBe(false);
    });

    test('bare: the web app opens the create form instead of answering', async () => {
        const {result, posts} = await users.dev.run('/oauth create');
        expect(result).toEqual({});
        expect(posts).toHaveLength(0);
        expect(users.dev.state().ui.form).toMatchObject({mode: 'create', surface: 'modal'});
    });

    test('a name over 64 characters is refused before any request, keeping the draft', async () => {
        const {result, posts} = await users.dev.run(`/oauth create --name ${'x'.repeat(65)} --homepage https://example.com --callback https://example.com/cb`);
        expect(result).toEqual({error: {message: '--name: The name is 65 bytes long; the limit is 64.'}});
        expect(posts).toHaveLength(0);
    });
});

describe('edit', () => {
    test('dev changes only the named fields of their app; the rest stays', async () => {
        const {text} = await users.dev.run(`/oauth edit dev-app-${tag} --description "new words" --add-callback https://example.com/extra`);
        expect(text).toContain(`Updated dev-app-${tag}`);
        expect(text).toContain('description: `e2e` → `new words`');
        const after = await rest.dev.getOAuthApp(devApp.id);
        expect(after.description).toBe('new words');
        expect(after.callback_urls).toEqual(['https://example.com/cb', 'https://example.com/extra']);
        expect(after.icon_url).toBe('https://example.com/icon.png');
        expect(after.homepage).toBe('https://example.com');
        expect(after.client_secret).toBe(devApp.client_secret);
    });

    test('admin edits the dev app (system-wide), trusting it', async () => {
        const {text} = await users.admin.run(`/oauth edit ${devApp.id} --remove-callback https://example.com/extra --trusted true`);
        expect(text).toContain('is_trusted: `false` → `true`');
        const after = await rest.admin.getOAuthApp(devApp.id);
        expect(after.is_trusted).toBe(true);
        expect(after.callback_urls).toEqual(['https://example.com/cb']);
        expect(after.description).toBe('new words');
    });

    test('dev is refused the admin app, as REST refuses', async () => {
        const {text} = await users.dev.run(`/oauth edit ${adminApp.id} --name hijack`);
        expect(text).toMatch(DENIED);
        expect(await statusOf(rest.dev.editOAuthApp({...adminApp, name: 'hijack'}))).toBe(403);
        expect((await rest.admin.getOAuthApp(adminApp.id)).name).toBe(`admin-app-${tag}`);
    });

    test('plain is refused', async () => {
        expect((await users.plain.run(`/oauth edit ${devApp.id} --name x`)).text).toMatch(DENIED);
        expect(await statusOf(rest.plain.editOAuthApp({...devApp, name: 'x'}))).toBe(403);
    });

    test('removing a callback the app lacks is refused before any change', async () => {
        const {result} = await users.dev.run(`/oauth edit ${devApp.id} --remove-callback https://nope.example.com/cb`);
        expect(result).toEqual({error: {message: expect.stringContaining('is not a callback URL of')}});
    });
});

describe('regen-secret', () => {
    test('asks for confirmation first and changes nothing', async () => {
        const {text} = await users.dev.run(`/oauth regen-secret dev-app-${tag}`);
        expect(text).toContain(`To confirm, type: \`/oauth regen-secret ${devApp.id} --yes\``);
        expect((await rest.dev.getOAuthApp(devApp.id)).client_secret).toBe(devApp.client_secret);
    });

    test('dev regenerates their own secret; the new one is shown once', async () => {
        const {text} = await users.dev.run(`/oauth regen-secret ${devApp.id} --yes`);
        const fresh = (await rest.dev.getOAuthApp(devApp.id)).client_secret;
        seenSecrets.push(fresh);
        expect(fresh).not.toBe(devApp.client_secret);
        expect(text).toContain('`' + fresh + '`');
        expect(text).toContain('The old secret no longer works.');
    });

    test('admin regenerates the dev app secret (system-wide)', async () => {
        const before = (await rest.admin.getOAuthApp(devApp.id)).client_secret;
        const {text} = await users.admin.run(`/oauth regen-secret ${devApp.id} --yes`);
        const fresh = (await rest.admin.getOAuthApp(devApp.id)).client_secret;
        seenSecrets.push(fresh);
        expect(fresh).not.toBe(before);
        expect(text).toContain(fresh);
    });

    test('dev and plain are refused the admin app, as REST refuses', async () => {
        expect((await users.dev.run(`/oauth regen-secret ${adminApp.id} --yes`)).text).toMatch(DENIED);
        expect((await users.plain.run(`/oauth regen-secret ${adminApp.id} --yes`)).text).toMatch(DENIED);
        expect(await statusOf(rest.dev.regenOAuthAppSecret(adminApp.id))).toBe(403);
        expect(await statusOf(rest.plain.regenOAuthAppSecret(adminApp.id))).toBe(403);
        expect((await rest.admin.getOAuthApp(adminApp.id)).client_secret).toBe(adminApp.client_secret);
    });
});

describe('authorized and deauthorize', () => {
    beforeAll(async () => {
        // dev signs in to the admin app through the real OAuth authorize step.
        await rest.dev.authorizeOAuthApp('code', adminApp.id, 'https://example.com/cb', 'state', '');
    });

    test('dev lists the apps they authorized', async () => {
        const {text} = await users.dev.run('/oauth authorized');
        expect(text).toContain(`admin-app-${tag}`);
        expect(users.dev.state().authorizedByUser[env.users.dev.id]).toContain(adminApp.id);
    });

    test('admin lists another user\'s authorized apps (edit_other_users)', async () => {
        const {text} = await users.admin.run('/oauth authorized @oauthdev');
        expect(text).toContain('@oauthdev has authorized 1 OAuth app');
        expect(await statusOf(rest.admin.getAuthorizedOAuthApps(env.users.dev.id))).toBe(200);
    });

    test('plain is refused another user\'s list, as REST refuses, and sees their own', async () => {
        expect((await users.plain.run('/oauth authorized @oauthdev')).text).toContain('needs the `edit_other_users` permission');
        expect(await statusOf(rest.plain.getAuthorizedOAuthApps(env.users.dev.id))).toBe(403);
        expect((await users.plain.run('/oauth authorized')).text).toBe('You have not authorized any OAuth app.');
    });

    test('admin and plain have nothing to deauthorize', async () => {
        expect((await users.admin.run(`/oauth deauthorize ${adminApp.id}`)).text).toContain('You have not authorized');
        expect((await users.plain.run(`/oauth deauthorize ${adminApp.id}`)).text).toContain('You have not authorized');
    });

    test('dev revokes their own authorization by name', async () => {
        const {text} = await users.dev.run(`/oauth deauthorize admin-app-${tag}`);
        expect(text).toContain(`Revoked your authorization of admin-app-${tag}`);
        expect((await rest.dev.getAuthorizedOAuthApps(env.users.dev.id)).map((a) => a.id)).not.toContain(adminApp.id);
    });
});

describe('metadata', () => {
    test('admin: provider and DCR on, issuer matches, both permissions held', async () => {
        const {text} = await users.admin.run('/oauth metadata');
        expect(text).toContain('**OAuth 2.0 service provider**: on');
        expect(text).toContain('**Dynamic client registration**: on');
        expect(text).toContain('matches the address you reached this server at');
        expect(text).toContain('you hold `manage_oauth` and `manage_system_wide_oauth`');
        expect(text).toContain(`\`${env.siteURL}/oauth/authorize\``);
    });

    test('dev holds manage_oauth only', async () => {
        expect((await users.dev.run('/oauth metadata')).text).toContain('ok: you hold `manage_oauth` (your own apps)');
    });

    test('plain is told they lack manage_oauth', async () => {
        expect((await users.plain.run('/oauth metadata')).text).toContain('you do not hold `manage_oauth`');
    });
});

describe('lint', () => {
    let lintApp: OAuthApp;
    beforeAll(async () => {
        lintApp = await rest.dev.createOAuthApp({...newApp(`lint-app-${tag}`), callback_urls: ['http://lint.example.com/cb', 'https://example.com/cb', 'https://example.com/cb/']});
        seenSecrets.push(lintApp.client_secret);
    });

    test('dev checks one app: a line per finding, after the count', async () => {
        const {text} = await users.dev.run(`/oauth lint lint-app-${tag}`);
        expect(text).toMatch(/^\*\*Redirect URI check\*\*: 1 error and 1 warning in 1 app of 1\./);
        expect(text).toContain(`App lint-app-${tag} (\`${lintApp.id}\`):`);
        expect(text).toMatch(/- \*\*error\*\* `http:\/\/lint\.example\.com\/cb`: This callback uses http:\/\/ on lint\\?\.example\\?\.com, which is not a loopback address/);
        expect(text).toContain('- **warning** `https://example.com/cb/`: This callback differs from callback 2 only by a trailing slash.');
    });

    test('admin checks every app they can list, the dev app among them', async () => {
        const {text} = await users.admin.run('/oauth lint');
        expect(text).toContain(`App lint-app-${tag} (\`${lintApp.id}\`):`);
        expect(text).not.toContain(lintApp.client_secret);
    });

    test('plain is refused, as the listing is', async () => {
        const {text} = await users.plain.run('/oauth lint');
        expect(text).toMatch(DENIED);
    });

    test('create answers end with the check', async () => {
        const {text} = await users.dev.run(`/oauth create --name "lint-created-${tag}" --homepage https://example.com --callback http://localhost:9999/cb`);
        expect(text).toContain('**Redirect URI check**\n- **warning** `http://localhost:9999/cb`: This callback uses the name localhost.');
        seenSecrets.push(...(text.match(/Client secret\*\*: `(\w+)`/)?.slice(1) ?? []));
    });
});

describe('register (DCR, no session needed)', () => {
    const pause = () => new Promise((r) => setTimeout(r, 1100));

    test.each(['admin', 'dev', 'plain'] as Three[])('%s registers a client', async (role) => {
        await pause(); // the endpoint allows 2 per second, burst 1
        const {text} = await users[role].run(`/oauth register --client-name "dcr ${role} ${tag}" --redirect-uri http://127.0.0.1:7777/callback`);
        expect(text).toContain(`Registered dcr ${role} ${tag} by dynamic client registration`);
        const clientId = (/\*\*Client ID\*\*: `(\w+)`/).exec(text)?.[1];
        const stored = await rest.admin.getOAuthApp(clientId!);
        expect(stored.is_dynamically_registered).toBe(true);
        expect(text).toContain(stored.client_secret);
        seenSecrets.push(stored.client_secret);
    });
});

describe('delete', () => {
    test('asks for confirmation first and deletes nothing', async () => {
        const {text} = await users.dev.run(`/oauth delete dev-app-${tag}`);
        expect(text).toContain(`To confirm, type: \`/oauth delete ${devApp.id} --yes\``);
        expect(await statusOf(rest.dev.getOAuthApp(devApp.id))).toBe(200);
    });

    test('dev and plain are refused the admin app, as REST refuses', async () => {
        expect((await users.dev.run(`/oauth delete ${adminApp.id} --yes`)).text).toMatch(DENIED);
        expect((await users.plain.run(`/oauth delete ${adminApp.id} --yes`)).text).toMatch(DENIED);
        expect(await statusOf(rest.dev.deleteOAuthApp(adminApp.id))).toBe(403);
        expect(await statusOf(rest.plain.deleteOAuthApp(adminApp.id))).toBe(403);
        expect(await statusOf(rest.admin.getOAuthApp(adminApp.id))).toBe(200);
    });

    test('dev deletes their own app', async () => {
        const {text} = await users.dev.run(`/oauth delete ${devApp.id} --yes`);
        expect(text).toBe(`Deleted OAuth app dev-app-${tag} (\`${devApp.id}\`).`);
        expect(await statusOf(rest.admin.getOAuthApp(devApp.id))).toBe(404);
        expect(users.dev.state().apps.byId[devApp.id]).toBeUndefined();
    });

    test('admin deletes an app by name', async () => {
        const {text} = await users.admin.run(`/oauth delete admin-app-${tag} --yes`);
        expect(text).toContain('Deleted OAuth app');
        expect(await statusOf(rest.admin.getOAuthApp(adminApp.id))).toBe(404);
    });
});

describe('APP by name', () => {
    test('an ambiguous name lists the candidates and changes nothing', async () => {
        const twins = await Promise.all([1, 2].map(() => rest.dev.createOAuthApp(newApp(`twin-${tag}`))));
        const {text} = await users.dev.run(`/oauth delete twin-${tag} --yes`);
        expect(text).toContain(`2 apps are named "twin-${tag}". Use the client id of the one you mean:`);
        for (const twin of twins) {
            expect(text).toContain(twin.id);
        }
        expect(await Promise.all(twins.map((twin) => statusOf(rest.dev.getOAuthApp(twin.id))))).toEqual([200, 200]);
    });

    test('an unknown name says so and how to search', async () => {
        const {text} = await users.dev.run(`/oauth show no-such-app-${tag}`);
        expect(text).toContain(`there is no app named "no-such-app-${tag}" among the apps you can manage`);
    });
});

describe('with the OAuth 2.0 service provider turned off', () => {
    beforeAll(async () => {
        await rest.admin.patchConfig({ServiceSettings: {EnableOAuthServiceProvider: false}});
    });

    afterAll(async () => {
        await rest.admin.patchConfig({ServiceSettings: {EnableOAuthServiceProvider: true}});
    });

    test('list names the setting that turns it on, as REST answers 501', async () => {
        const {text} = await users.dev.run('/oauth list');
        expect(text).toContain('the OAuth 2.0 service provider is turned off on this server. An admin can turn it on in System Console > Integrations > Integration Management > Enable OAuth 2.0 Service Provider');
        expect(await statusOf(rest.dev.getOAuthApps(0, 10))).toBe(501);
    });

    test('plain still gets the permission message first, as REST answers 403', async () => {
        expect((await users.plain.run('/oauth list')).text).toMatch(DENIED);
        expect(await statusOf(rest.plain.getOAuthApps(0, 10))).toBe(403);
    });

    test('metadata reports the provider off', async () => {
        expect((await users.admin.run('/oauth metadata')).text).toContain('**OAuth 2.0 service provider**: **off**: turn it on in System Console');
    });

    test('register explains that registration is unavailable', async () => {
        await new Promise((r) => setTimeout(r, 1100));
        const {text} = await users.plain.run(`/oauth register --client-name off-${tag} --redirect-uri http://127.0.0.1:7777/cb`);
        expect(text).toContain('dynamic client registration is turned off on this server');
        expect(text).toContain('OAuth service provider is disabled');
    });
});

describe('no secret leaks', () => {
    // Runs after the session above: it created, showed, revealed, regenerated,
    // registered and deleted apps, and saw every secret in seenSecrets.
    test('no secret is in the Posts table, the server log or the plugin KV store', () => {
        expect(seenSecrets.length).toBe(11);
        const posts = sql('SELECT message FROM posts');
        const kv = sql('SELECT pkey || \' \' || encode(pvalue, \'escape\') FROM pluginkeyvaluestore');
        const log = readFileSync(process.env.E2E_SERVER_LOG!, 'utf8');
        expect(posts.split('\n').length).toBeGreaterThan(1);
        expect(log.length).toBeGreaterThan(0);
        for (const secret of seenSecrets) {
            expect(secret).toMatch(/^\w{20,}$/);
            expect(posts).not.toContain(secret);
            expect(kv).not.toContain(secret);
            expect(log).not.toContain(secret);
        }
    });
});
