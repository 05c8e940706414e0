// The plugin on a real server: installed, running, and answering /oauth from its Go half.
import grammar from '../../server/command/grammar.json';
import {formatParseError, parse} from '../../webapp/src/grammar/parse';
import {mdText} from '../../webapp/src/slash/markdown';
import {clientAs, loadEnv, ROLES} from '../lib/env';

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
    expect(response.text).toBe('/oauth list has no option "\\-\\-bogus"\\. Usage&#58; /oauth list \\[\\-\\-mine\\] \\[\\-\\-trusted\\|\\-\\-untrusted\\] \\[\\-\\-public\\|\\-\\-confidential\\] \\[\\-\\-dcr\\] \\[\\-\\-never\\-used\\|\\-\\-stale\\] \\[\\-\\-orphaned\\] \\[\\-\\-legacy\\] \\[\\-\\-filter TEXT\\] \\[\\-\\-page N\\] \\[\\-\\-per\\-page N\\] \\[\\-\\-all\\]');
});

test('the server registered /oauth with autocomplete for every verb', async () => {
    const client = clientAs(env, 'dev');
    const suggestions = await client.getCommandAutocompleteSuggestionsList('/oauth ', env.teamId, {channel_id: env.channelId, team_id: env.teamId} as Parameters<typeof client.getCommandAutocompleteSuggestionsList>[2]);
    const verbs = suggestions.map((s) => s.Suggestion).sort();
    expect(verbs).toEqual(grammar.verbs.map((v) => v.name).sort());
    expect(verbs).toEqual(expect.arrayContaining(['create', 'dcr', 'rotate', 'secrets', 'show']));
});
