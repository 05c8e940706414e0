// Every verb × every role, three ways on the real server: the REST call
// itself, the Go half (POST /api/v4/commands/execute, as mobile apps and REST
// callers reach it) and the web half (the slash-command hook). The outcome
// and the server state afterwards must equal the REST call's, and the two
// halves' answers must be the same text (ids, secrets and times masked).
// The table is printed to e2e/artifacts/parity-matrix.md.
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';

import type {OAuthApp} from '@mattermost/types/integrations';

import {anonymousClient, clientAs, loadEnv, ROLES, statusOf} from '../lib/env';
import type {Role} from '../lib/env';
import {hookAs} from '../lib/hook';
import type {HookUser} from '../lib/hook';

const env = loadEnv();
const admin = clientAs(env, 'admin');
const hooks = Object.fromEntries(ROLES.map((r) => [r, hookAs(env, r)])) as Record<Role, HookUser>;

const APP = 'matrix-app';
const NEW = 'matrix-new';
const DCR = 'matrix-dcr';

// What a verb does to the server, as one comparable value.
type Fixture = {app: OAuthApp};

type Row = {
    verb: string;
    command: (f: Fixture) => string;
    rest: (role: Role, f: Fixture) => Promise<unknown>;
    state: (role: Role, f: Fixture) => Promise<string>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function appsNamed(name: string): Promise<OAuthApp[]> {
    return (await admin.getOAuthApps(0, 200)).filter((a) => a.name === name);
}

// A fresh app owned by the dev user, authorized by every role that can.
async function fixture(): Promise<Fixture> {
    for (const name of [APP, NEW, DCR]) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.all((await appsNamed(name)).map((a) => admin.deleteOAuthApp(a.id)));
    }
    const app = await clientAs(env, 'dev').createOAuthApp({name: APP, description: '', icon_url: '', homepage: 'https://e.example', callback_urls: ['https://e.example/cb']});
    await Promise.all(ROLES.map((r) => clientAs(env, r).authorizeOAuthApp('code', app.id, 'https://e.example/cb', 'st', '').catch(() => undefined)));
    return {app};
}

const stillThere = async (f: Fixture) => String((await statusOf(admin.getOAuthApp(f.app.id))) === 200);

const rows: Row[] = [
    {verb: 'help', command: () => '/oauth help', rest: async () => undefined, state: async () => ''},
    {verb: 'list', command: () => '/oauth list --all', rest: (r) => clientAs(env, r).getOAuthApps(0, 200), state: async () => ''},
    {verb: 'show', command: (f) => `/oauth show ${f.app.id}`, rest: (r, f) => clientAs(env, r).getOAuthApp(f.app.id), state: async () => ''},
    {verb: 'info', command: (f) => `/oauth info ${f.app.id}`, rest: (r, f) => clientAs(env, r).getOAuthAppInfo(f.app.id), state: async () => ''},
    {
        verb: 'create',
        command: () => `/oauth create --name ${NEW} --homepage https://e.example --callback https://e.example/cb`,
        rest: (r) => clientAs(env, r).createOAuthApp({name: NEW, description: '', icon_url: '', homepage: 'https://e.example', callback_urls: ['https://e.example/cb']}),
        state: async () => String((await appsNamed(NEW)).length),
    },
    {
        verb: 'edit',
        command: (f) => `/oauth edit ${f.app.id} --description edited`,
        rest: async (r, f) => {
            const c = clientAs(env, r);
            return c.editOAuthApp({...(await c.getOAuthApp(f.app.id)), description: 'edited'});
        },
        state: async (_, f) => (await admin.getOAuthApp(f.app.id)).description,
    },
    {verb: 'delete', command: (f) => `/oauth delete ${f.app.id} --yes`, rest: (r, f) => clientAs(env, r).deleteOAuthApp(f.app.id), state: (_, f) => stillThere(f)},
    {
        verb: 'regen-secret',
        command: (f) => `/oauth regen-secret ${f.app.id} --yes`,
        rest: (r, f) => clientAs(env, r).regenOAuthAppSecret(f.app.id),
        state: async (_, f) => String((await admin.getOAuthApp(f.app.id)).client_secret !== f.app.client_secret),
    },
    {
        verb: 'authorized',
        command: () => '/oauth authorized @oauthdev',
        rest: (r) => clientAs(env, r).getAuthorizedOAuthApps(env.users.dev.id, 0, 200),
        state: async () => '',
    },
    {
        verb: 'deauthorize',
        command: (f) => `/oauth deauthorize ${f.app.id}`,
        rest: (r, f) => clientAs(env, r).deauthorizeOAuthApp(f.app.id),
        state: async (r) => String((await clientAs(env, r).getAuthorizedOAuthApps(env.users[r].id, 0, 200).catch(() => [])).filter((a) => a.name === APP).length),
    },
    {verb: 'metadata', command: () => '/oauth metadata', rest: (r) => clientAs(env, r).getOAuthMetadata(), state: async () => ''},
    {
        verb: 'register',
        command: () => `/oauth register --client-name ${DCR} --redirect-uri https://e.example/cb`,
        rest: async () => {
            // DCR is anonymous: the REST outcome is the same for every role.
            const c = anonymousClient(env);
            return (c as unknown as {doFetch: (url: string, o: unknown) => Promise<unknown>}).doFetch(`${c.getOAuthAppsRoute()}/register`, {method: 'post', body: JSON.stringify({client_name: DCR, redirect_uris: ['https://e.example/cb']})});
        },
        state: async () => String((await appsNamed(DCR)).length),
    },
];

// An answer's outcome in REST terms: 200, or the status its words name. ("You
// have not authorized" is 200: REST revokes nothing and succeeds too.)
function outcomeOf(text: string): string {
    const rules: Array<[RegExp, string]> = [
        [/you lack the permission|needs the `manage_oauth` permission|needs the `edit_other_users` permission/, '403'],
        [/no such OAuth app|there is no app/, '404'],
        [/turned off on this server/, '501'],
        [/too many requests/, '429'],
        [/An admin limited `\/oauth`/, 'refused'],
        [/^Could not|\nCould not/, 'error'],
    ];
    return rules.find(([re]) => re.test(text))?.[1] ?? '200';
}

// Ids, secrets and times differ between runs; nothing else may. The server's
// list has no ORDER BY, so two reads may order the same rows differently: the
// rows of a table are compared as a set.
function masked(text: string): string {
    const lines = text.
        replace(/[a-z0-9]{26}/g, '<id>').
        replace(/\d{4}-\d{2}-\d{2}( \d{2}:\d{2} UTC)?/g, '<time>').
        split('\n');
    const out: string[] = [];
    let rows: string[] = [];
    for (const line of [...lines, '']) {
        if (line.startsWith('| ') && out[out.length - 1]?.startsWith('|---')) {
            rows.push(line);
            continue;
        }
        if (rows.length) {
            out.push(...rows.sort());
            rows = [];
        }
        out.push(line);
    }
    return out.slice(0, -1).join('\n');
}

async function goHalf(role: Role, command: string): Promise<string> {
    const response = await clientAs(env, role).executeCommand(command, {channel_id: env.channelId, team_id: env.teamId} as Parameters<ReturnType<typeof clientAs>['executeCommand']>[1]);
    return response.text ?? '';
}

type Cell = {rest: string; web: string; go: string; restState: string; webState: string; goState: string; webText: string; goText: string};
const table: Record<string, Partial<Record<Role, Cell>>> = {};

afterAll(async () => {
    for (const name of [APP, NEW, DCR]) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.all((await appsNamed(name)).map((a) => admin.deleteOAuthApp(a.id).catch(() => undefined)));
    }
    const lines = [
        '| verb | ' + ROLES.join(' | ') + ' |',
        '|---|' + ROLES.map(() => '---').join('|') + '|',
        ...rows.map((row) => `| ${row.verb} | ${ROLES.map((r) => {
            const c = table[row.verb]?.[r];
            return c ? `${c.rest} / ${c.web} / ${c.go}` : 'not run';
        }).join(' | ')} |`),
    ];
    mkdirSync(join(__dirname, '../artifacts'), {recursive: true});
    writeFileSync(join(__dirname, '../artifacts/parity-matrix.md'), `REST / web / Go outcome per verb and role\n\n${lines.join('\n')}\n`);
});

describe.each(rows)('$verb', (row) => {
    test.each(ROLES)('as %s: REST, web and Go agree', async (role) => {
        if (row.verb === 'register') {
            await sleep(1100);
        }
        let f = await fixture();
        const rest = row.verb === 'help' ? '200' : String(await statusOf(row.rest(role, f)));
        const restState = await row.state(role, f);

        if (row.verb === 'register') {
            await sleep(1100); // DCR allows 2 per second per client address, and every call here shares one
        }
        f = await fixture();
        const goText = await goHalf(role, row.command(f));
        const goState = await row.state(role, f);

        if (row.verb === 'register') {
            await sleep(1100);
        }
        f = await fixture();
        const webText = (await hooks[role].run(row.command(f))).markdown;
        const webState = await row.state(role, f);

        const cell = {rest, web: outcomeOf(webText), go: outcomeOf(goText), restState, webState, goState, webText, goText};
        table[row.verb] = {...table[row.verb], [role]: cell};
        expect({outcome: cell.go, state: goState}).toEqual({outcome: rest, state: restState});
        expect({outcome: cell.web, state: webState}).toEqual({outcome: rest, state: restState});
        expect(masked(goText)).toBe(masked(webText));
    });
});
