// Hostile apps on a real server: apps registered without signing in (dynamic
// client registration) with names and URLs built to forge Markdown, plus a
// description and icon URL a manage_oauth user could set. Every verb that shows
// an app runs on both halves (the web half's hook, the Go half through
// POST /commands/execute); each answer must have the structure of the same
// answer for a plain app: no link, image, heading, list or extra line.
import {marked} from 'marked';
import type {Token} from 'marked';

import type {OAuthApp} from '@mattermost/types/integrations';

import hostileTexts from '../../server/command/testdata/hostile.json';
import {shapeOf} from '../../webapp/src/slash/markdown_shape';
import {clientAs, loadEnv} from '../lib/env';
import {hookAs} from '../lib/hook';

const env = loadEnv();
const admin = clientAs(env, 'admin');
const web = hookAs(env, 'admin');
const tag = 'hx' + Date.now().toString(36);

const goHalf = async (command: string) => (await admin.executeCommand(command, {channel_id: env.channelId, team_id: env.teamId} as Parameters<typeof admin.executeCommand>[1])).text ?? '';
const webHalf = async (command: string) => (await web.run(command)).markdown;

// URLs the server accepts (http(s), a host) that carry Markdown in their path and query.
const HOSTILE_URLS = [
    'https://e.example/cb?x=)![i](http://evil.example/p.png)',
    'https://e.example/[click](http://evil.example)',
    'https://e.example/a``b`c',
    'https://e.example/<http://evil.example>|x|',
];

type Registered = {app: OAuthApp; redirect: string};

// What registration refused, to tell in a failure.
const refused: string[] = [];

async function register(name: string, redirect: string, clientURI: string): Promise<Registered | undefined> {
    const request = () => fetch(`${env.siteURL}/api/v4/oauth/apps/register`, {
        method: 'POST',
        headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({client_name: name, redirect_uris: [redirect, 'https://ok.example/cb'], client_uri: clientURI}),
    });
    let response = await request();

    // The server limits anonymous registration to a couple a second.
    for (let tries = 0; response.status === 429 && tries < 10; tries++) {
        const wait = 1000 * Number(response.headers.get('X-Ratelimit-Reset') || 1);
        // eslint-disable-next-line no-await-in-loop
        await new Promise((r) => setTimeout(r, wait));
        // eslint-disable-next-line no-await-in-loop
        response = await request();
    }
    if (!response.ok) {
        refused.push(`${response.status} ${JSON.stringify(name)}: ${await response.text()}`);
        return undefined;
    }
    const {client_id: id} = await response.json() as {client_id: string};
    return {app: await admin.getOAuthApp(id), redirect};
}

// A manage_oauth user can set what registration cannot: description and icon.
async function dress(r: Registered, description: string, icon: string): Promise<Registered> {
    const app = await admin.editOAuthApp({...r.app, description, icon_url: icon});
    await admin.authorizeOAuthApp('code', app.id, r.redirect, 'state', '');
    return {...r, app};
}

// Token types app data must never add.
const FORBIDDEN = new Set(['link', 'image', 'heading', 'list', 'html', 'blockquote', 'code', 'hr', 'def']);

// The redirect-URI check that ends an edit answer lists findings only for
// callbacks that have some (the hostile apps' do, the plain one's not): its
// own lines are held to their shapes by server/command/render_safety_test.go.
function withoutRedirectCheck(answer: string): string {
    const at = answer.indexOf('\n\n**Redirect URI check**');
    return at < 0 ? answer : answer.slice(0, at);
}

function forbiddenIn(markdown: string): string[] {
    const found: string[] = [];
    marked.walkTokens(marked.lexer(markdown.replace(/[\r\u2424\u2028\u2029\u0085]/g, '\n'), {gfm: true, breaks: true}), (t: Token) => {
        if (FORBIDDEN.has(t.type)) {
            found.push(t.type);
        }
    });
    return found;
}

let control: Registered;
const hostile: Registered[] = [];

beforeAll(async () => {
    control = await dress((await register(`Benign ${tag}`, 'https://ok.example/plain', 'https://ok.example/home'))!, 'Plain words', 'https://ok.example/icon.png');
    const texts = hostileTexts as string[];
    for (const [i, text] of texts.entries()) {
        const url = HOSTILE_URLS[i % HOSTILE_URLS.length];
        // eslint-disable-next-line no-await-in-loop
        const registered = await register(text, `${url}&n=${i}`, url);
        if (registered) {
            // eslint-disable-next-line no-await-in-loop
            hostile.push(await dress(registered, text || 'x', url).catch((err) => {
                refused.push(`${JSON.stringify(text)} could not be set up: ${err}`);
                return registered;
            }));
        }
    }
}, 120_000);

afterAll(async () => {
    await Promise.all([control, ...hostile].map((r) => admin.deleteOAuthApp(r.app.id).catch(() => undefined)));
});

test('most hostile names get through registration without signing in', () => {
    // Only blank names (the server requires a name) and a NUL (PostgreSQL cannot store one) are refused.
    expect(refused.filter((r) => !(/^400 "\s*":/).test(r) && !r.includes('\\u0000'))).toEqual([]);
    expect(hostile.length).toBeGreaterThanOrEqual(20);
});

const VERBS: Array<[string, (id: string) => string]> = [
    ['show', (id) => `/oauth show ${id}`],
    ['info', (id) => `/oauth info ${id}`],
    ['list', (id) => `/oauth list --all --filter ${id}`],
    ['delete (confirmation)', (id) => `/oauth delete ${id}`],
    ['regen-secret (confirmation)', (id) => `/oauth regen-secret ${id}`],
    ['deauthorize', (id) => `/oauth deauthorize ${id}`],
    ['edit', (id) => `/oauth edit ${id} --description "Edited words"`],
];

describe.each([['web half', webHalf], ['Go half', goHalf]] as const)('%s', (_half, run) => {
    test.each(VERBS)('%s: every hostile app\'s answer has the plain app\'s structure', async (_verb, command) => {
        const plain = withoutRedirectCheck(await run(command(control.app.id)));
        for (const r of hostile) {
            // eslint-disable-next-line no-await-in-loop
            const answer = withoutRedirectCheck(await run(command(r.app.id)));

            // Our own template has headings and lists; app data adds none.
            expect({name: r.app.name, forbidden: forbiddenIn(answer)}).toEqual({name: r.app.name, forbidden: forbiddenIn(plain)});
            expect({name: r.app.name, shape: shapeOf(answer)}).toEqual({name: r.app.name, shape: shapeOf(plain)});
        }
    }, 120_000);
});

test('authorized (web half): one table row per authorized app, nothing else from app data', async () => {
    // Authorize again: deauthorize above revoked them.
    await Promise.all([control, ...hostile].map((r) => admin.authorizeOAuthApp('code', r.app.id, r.redirect, 'state', '')));
    const answer = await webHalf('/oauth authorized');
    expect(forbiddenIn(answer)).toEqual([]);
    const tables = marked.lexer(answer).filter((t) => t.type === 'table') as Array<{rows: unknown[]}>;
    expect(tables).toHaveLength(1);
    expect(tables[0].rows.length).toBeGreaterThanOrEqual(hostile.length + 1);
    const goAnswer = await goHalf('/oauth authorized');
    expect(forbiddenIn(goAnswer)).toEqual([]);
});
