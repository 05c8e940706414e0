// The plugin on a real server: installed, running, and answering /oauth from its Go half.
import type {OAuthApp} from '@mattermost/types/integrations';

import {formatParseError, parse} from '../../webapp/src/grammar/parse';
import {mdText} from '../../webapp/src/slash/markdown';
import {clientAs, loadEnv, rendered, ROLES, sql, statusOf} from '../lib/env';
import type {Role} from '../lib/env';

const env = loadEnv();

test('the plugin is installed and running', async () => {
    const statuses = await clientAs(env, 'admin').getPluginStatuses();
    const ours = statuses.find((s) => s.plugin_id === 'oauth-manager');
    expect(ours).toBeDefined();
    expect(ours?.state).toBe(2);
});

test('the webapp bundle is served by the server', async () => {
    const manifests = await clientAs(env, 'plain').getWebappPlugins();
    const ours = manifests.find((m) => m.id === 'oauth-manager');
    const file = ours?.webapp?.bundle_path.split('/').pop();
    expect(file).toMatch(/^oauth-manager_\w+_bundle\.js$/);

    // Where the web app loads plugin bundles from.
    const bundle = await fetch(`${env.siteURL}/static/plugins/oauth-manager/${file}`);
    expect(bundle.status).toBe(200);
    expect(await bundle.text()).toContain('registerPlugin');
});

describe.each(ROLES)('/oauth help through POST /api/v4/commands/execute as %s', (role) => {
    test('is answered ephemerally by the Go half from the shared grammar', async () => {
        const response = await clientAs(env, role).executeCommand('/oauth help', {channel_id: env.channelId, team_id: env.teamId} as Parameters<ReturnType<typeof clientAs>['executeCommand']>[1]);
        expect(response.response_type).toBe('ephemeral');
        expect(response.text).toContain('#### /oauth: Manage Mattermost OAuth 2.0 apps');
        expect(response.text).toContain('`/oauth regen-secret APP [--yes]`');
    });
});

test('a parse error comes back with the usage line, before any request', async () => {
    const response = await clientAs(env, 'dev').executeCommand('/oauth list --bogus', {channel_id: env.channelId, team_id: env.teamId} as Parameters<ReturnType<typeof clientAs>['executeCommand']>[1]);
    expect(response.response_type).toBe('ephemeral');

    // The web half's words under the message box, escaped as Markdown for a post.
    expect(response.text).toBe(mdText(formatParseError(parse('/oauth list --bogus').error!)));
    expect(response.text).toBe('/oauth list has no option "\\-\\-bogus"\\. Usage\\: /oauth list \\[\\-\\-mine\\] \\[\\-\\-trusted\\|\\-\\-untrusted\\] \\[\\-\\-public\\|\\-\\-confidential\\] \\[\\-\\-dcr\\] \\[\\-\\-filter TEXT\\] \\[\\-\\-page N\\] \\[\\-\\-per\\-page N\\] \\[\\-\\-all\\]');
});

test('the server registered /oauth with autocomplete for every verb', async () => {
    const client = clientAs(env, 'dev');
    const suggestions = await client.getCommandAutocompleteSuggestionsList('/oauth ', env.teamId, {channel_id: env.channelId, team_id: env.teamId} as Parameters<typeof client.getCommandAutocompleteSuggestionsList>[2]);
    const verbs = suggestions.map((s) => s.Suggestion).sort();
    expect(verbs).toEqual(['authorized', 'create', 'deauthorize', 'delete', 'edit', 'help', 'info', 'list', 'metadata', 'regen-secret', 'register', 'show']);
});

describe('the server half (mobile apps, REST): same permissions as the REST API', () => {
    const tag = Date.now().toString(36);
    const exec = (role: Role, command: string) => clientAs(env, role).executeCommand(command, {channel_id: env.channelId, team_id: env.teamId} as Parameters<ReturnType<typeof clientAs>['executeCommand']>[1]).then((r) => rendered(r.text ?? ''));
    let adminApp: OAuthApp;

    beforeAll(async () => {
        adminApp = await clientAs(env, 'admin').createOAuthApp({name: `srv-admin-${tag}`, description: '', icon_url: '', homepage: 'https://example.com', callback_urls: ['https://example.com/cb']});
    });

    afterAll(async () => {
        const admin = clientAs(env, 'admin');
        const apps = await admin.getOAuthApps(0, 200);
        await Promise.all(apps.filter((a) => a.name.endsWith(tag)).map((a) => admin.deleteOAuthApp(a.id)));
    });

    test('create: dev creates (trust dropped), plain is refused, as REST', async () => {
        const text = await exec('dev', `/oauth create --name srv-dev-${tag} --homepage https://example.com --callback https://example.com/cb --trusted`);
        expect(text).toContain('Only system admins can make an app trusted');
        const created = (await clientAs(env, 'dev').getOAuthApps(0, 200)).find((a) => a.name === `srv-dev-${tag}`);
        expect(created?.creator_id).toBe(env.users.dev.id);
        expect(created?.is_trusted).toBe(false);
        expect(text).toContain(created!.client_secret);
        expect(sql('SELECT message FROM posts')).not.toContain(created!.client_secret); // the answer was ephemeral
        expect(await exec('plain', `/oauth create --name srv-plain-${tag} --homepage https://example.com --callback https://example.com/cb`)).toContain('(`manage_oauth`)');
        expect(await statusOf(clientAs(env, 'plain').createOAuthApp({name: 'x', description: '', icon_url: '', homepage: 'https://example.com', callback_urls: ['https://example.com/cb']}))).toBe(403);
    });

    test.each([['admin', 200], ['dev', 403], ['plain', 403]] as Array<[Role, number]>)('show: %s on the admin app matches REST %i', async (role, status) => {
        const text = await exec(role, `/oauth show ${adminApp.id}`);
        expect(await statusOf(clientAs(env, role).getOAuthApp(adminApp.id))).toBe(status);
        if (status === 200) {
            expect(text).toContain(`#### OAuth app: srv-admin-${tag}`);
            expect(text).not.toContain(adminApp.client_secret);
        } else {
            expect(text).toMatch(/you lack the permission for it \(`manage_(system_wide_)?oauth`\)/);
        }
    });

    test.each(['admin', 'dev', 'plain'] as Role[])('info: %s reads public information', async (role) => {
        const text = await exec(role, `/oauth info ${adminApp.id}`);
        expect(text).toContain(`OAuth app (public information): srv-admin-${tag}`);
        expect(text).not.toContain(adminApp.client_secret);
    });

    test('edit: the creator changes only the named fields; others are refused as REST refuses', async () => {
        const devApp = (await clientAs(env, 'dev').getOAuthApps(0, 200)).find((a) => a.name === `srv-dev-${tag}`)!;
        const text = await exec('dev', `/oauth edit ${devApp.id} --description "from mobile" --add-callback https://example.com/two --trusted true`);
        expect(text).toContain('- description: (empty) → `from mobile`');
        expect(text).toContain('Only system admins can change whether an app is trusted');
        const after = await clientAs(env, 'dev').getOAuthApp(devApp.id);
        expect(after.description).toBe('from mobile');
        expect(after.callback_urls).toEqual(['https://example.com/cb', 'https://example.com/two']);
        expect(after.is_trusted).toBe(false);
        expect(after.client_secret).toBe(devApp.client_secret);

        expect(await exec('dev', `/oauth edit ${adminApp.id} --name hijack`)).toContain('(`manage_system_wide_oauth`)');
        expect(await statusOf(clientAs(env, 'dev').editOAuthApp({...adminApp, name: 'hijack'}))).toBe(403);
        expect(await exec('plain', `/oauth edit ${devApp.id} --name hijack`)).toContain('(`manage_oauth`)');
        expect((await clientAs(env, 'admin').getOAuthApp(adminApp.id)).name).toBe(`srv-admin-${tag}`);
    });

    test('delete: others are refused as REST refuses; the creator deletes after confirming', async () => {
        expect(await exec('dev', `/oauth delete ${adminApp.id} --yes`)).toContain('(`manage_system_wide_oauth`)');
        expect(await exec('plain', `/oauth delete ${adminApp.id} --yes`)).toContain('(`manage_oauth`)');
        expect(await statusOf(clientAs(env, 'admin').getOAuthApp(adminApp.id))).toBe(200);
        expect(await exec('admin', `/oauth delete ${adminApp.id}`)).toContain(`To confirm, type: \`/oauth delete ${adminApp.id} --yes\``);
        expect(await exec('admin', `/oauth delete ${adminApp.id} --yes`)).toContain('Deleted OAuth app');
        expect(await statusOf(clientAs(env, 'admin').getOAuthApp(adminApp.id))).toBe(404);
    });

    test('metadata: the setup check per user', async () => {
        const text = await exec('admin', '/oauth metadata');
        expect(text).toContain(`- **Issuer**: \`${env.siteURL}\` (the Site URL)`);
        expect(text).toContain('you hold `manage_oauth` and `manage_system_wide_oauth`');
        expect(await exec('plain', '/oauth metadata')).toContain('you do not hold `manage_oauth`');
    });

    test('verbs the plugin API cannot serve point to the web app', async () => {
        expect(await exec('dev', '/oauth list')).toContain('runs in the Mattermost web and desktop apps');
    });
});
