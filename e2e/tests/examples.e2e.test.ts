// Runs one example of every verb and writes what the user sees to
// e2e/artifacts/examples.md (the README's examples come from this file).
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';

import {clientAs, loadEnv} from '../lib/env';
import {hookAs} from '../lib/hook';

const env = loadEnv();
const admin = hookAs(env, 'admin');

test('every verb has an example answer', async () => {
    const app = await clientAs(env, 'admin').createOAuthApp({name: 'Build bot', description: 'Posts build results', homepage: 'https://ci.example.com', callback_urls: ['https://ci.example.com/oauth/callback']});
    const sections: string[] = [];
    const commands = [
        '/oauth help list',
        '/oauth list',
        '/oauth show "Build bot"',
        `/oauth info ${app.id}`,
        '/oauth create --name "Deploy bot" --homepage https://deploy.example.com --callback https://deploy.example.com/cb',
        '/oauth edit "Build bot" --description "Posts build and test results" --add-callback http://127.0.0.1:8080/cb',
        '/oauth regen-secret "Build bot"',
        '/oauth delete "Deploy bot"',
        '/oauth authorized',
        '/oauth metadata',
        '/oauth register --client-name "MCP client" --redirect-uri http://127.0.0.1:33418/callback --public',
        '/oauth lint "Build bot"',
        '/oauth list --bogus',
    ];
    for (const command of commands) {
        // eslint-disable-next-line no-await-in-loop
        const {result, text} = await admin.run(command);
        const shown = 'error' in result ? `(under the text box, the draft kept)\n${result.error.message}` : text;
        expect(shown.length).toBeGreaterThan(0);
        const masked = shown.replace(/(Client secret\*\*: )`\w+`/g, '$1`SECRET`').replace(/`[a-z0-9]{26}`/g, '`CLIENT_ID`').replace(/\b[a-z0-9]{26}\b/g, 'CLIENT_ID');
        sections.push(`\`${command.replace(app.id, 'CLIENT_ID')}\`\n\n\`\`\`\`markdown\n${masked}\n\`\`\`\``);
    }
    const dir = join(__dirname, '..', 'artifacts');
    mkdirSync(dir, {recursive: true});
    writeFileSync(join(dir, 'examples.md'), sections.join('\n\n') + '\n');
    await admin.run('/oauth delete "Build bot" --yes');
    await admin.run('/oauth delete "Deploy bot" --yes');
});
