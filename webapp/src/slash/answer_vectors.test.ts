// The shared answer vectors (server/command/testdata/answer_vectors.json): for
// a command, the caller, the plugin settings and the REST API's answers, the
// exact text each half answers with. The Go half runs the same file
// (server/command/answer_vectors_test.go). Both must make exactly the REST
// calls the vector answers, each at least once. A verb the server answers on
// every client (`server: true`) is passed on by the web half unchanged: its
// vectors hold the Go half's answer, and here only the pass-on is checked.
// The web half's fire-and-forget change reports (POST .../api/v1/audit) are
// recorded apart: the Go half records its own changes itself.
//
// UPDATE_VECTORS=1 rewrites the expected answers from this (the web) half.
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';

import {configureStore} from '@reduxjs/toolkit';

import {RECEIVED_NEW_POST} from './ephemeral';
import {createSlashCommandHook} from './hook';

import {OAuthClient, setClient} from '../client/oauth_client';
import {grammar, isServerVerb} from '../grammar/grammar';
import {parse} from '../grammar/parse';
import {intlFor} from '../i18n/intl';
import {pseudoCatalogue, PSEUDO_CLOSE, PSEUDO_OPEN} from '../i18n/pseudo';
import {pluginId} from '../manifest';
import {stateKey} from '../store/selectors';
import {formOpened, reducer} from '../store/slice';
import type {HostStore} from '../types/host';

export type RestAnswer = {
    method: string;
    path: string;
    status?: number;
    body?: unknown;
    text?: string;
    network?: string;
};

export type AnswerVector = {
    name: string;
    command: string;
    user: {id: string; system_admin: boolean};
    settings: {command_access: string; reveal_secrets_in_chat: boolean; default_page_size: number; dcr_redirect_uri_allowlist?: string[]; server_version?: string};
    site_url: string;
    rest: RestAnswer[];
    answer?: {post?: string; input_error?: string; opened?: boolean};
};

const FILE = join(__dirname, '../../../server/command/testdata/answer_vectors.json');
const vectors = JSON.parse(readFileSync(FILE, 'utf8')) as AnswerVector[];

// Paths compare with their query parameters in any order.
export function requestKey(method: string, url: string): string {
    const u = new URL(url, 'http://host');
    const query = [...u.searchParams.entries()].map(([k, v]) => `${k}=${v}`).sort().join('&');
    return `${method.toUpperCase()} ${u.pathname}${query ? '?' + query : ''}`;
}

type FakeResponse = {ok: boolean; status: number; statusText: string; headers: Map<string, string>; json(): Promise<unknown>; text(): Promise<string>};

function respond(answer: RestAnswer): FakeResponse {
    const status = answer.status ?? 200;
    const text = answer.text ?? JSON.stringify(answer.body ?? null);
    return {
        ok: status >= 200 && status < 300,
        status,
        statusText: '',
        headers: new Map([['content-type', answer.text === undefined ? 'application/json' : 'text/plain']]),
        json: async () => JSON.parse(text),
        text: async () => text,
    };
}

async function runWebHalf(v: AnswerVector, catalogue?: Record<string, string>) {
    const used = new Set<number>();
    const unexpected: string[] = [];
    const reports: unknown[] = [];
    const settingsPath = `/plugins/${pluginId}/api/v1/settings`;
    const auditPath = `/plugins/${pluginId}/api/v1/audit`;
    globalThis.fetch = (async (url: string, options?: {method?: string; body?: string}) => {
        const key = requestKey(options?.method ?? 'get', url);
        if (key === `GET ${settingsPath}`) {
            return respond({method: 'GET', path: settingsPath, body: v.settings});
        }
        if (key === `POST ${auditPath}`) {
            reports.push(JSON.parse(options?.body ?? 'null'));
            return respond({method: 'POST', path: auditPath, status: 204, text: ''});
        }
        const index = v.rest.findIndex((a) => requestKey(a.method, a.path) === key);
        if (index === -1) {
            unexpected.push(key);
            return respond({method: 'GET', path: '', status: 599, body: {message: `unexpected request ${key}`, status_code: 599}});
        }
        used.add(index);
        if (v.rest[index].network) {
            throw new TypeError(v.rest[index].network);
        }
        return respond(v.rest[index]);
    }) as unknown as typeof fetch;
    const client = new OAuthClient();
    client.setUrl(v.site_url);
    setClient(client);

    const posts: string[] = [];
    let opened = false;
    const entities = {users: {currentUserId: v.user.id, profiles: {[v.user.id]: {roles: v.user.system_admin ? 'system_user system_admin' : 'system_user'}}}};
    const store = configureStore({
        reducer: (state: Record<string, unknown> | undefined, action) => ({entities, [stateKey]: reducer(state?.[stateKey] as never, action)}),
        middleware: (gd) => gd({serializableCheck: false}).concat(() => (next: (a: unknown) => unknown) => (action: unknown) => {
            const a = action as {type: string; data?: {message: string}};
            if (a.type === RECEIVED_NEW_POST) {
                posts.push(a.data!.message);
            }
            if (a.type === formOpened.type) {
                opened = true;
            }
            return next(action);
        }),
    });
    const hook = catalogue ? createSlashCommandHook(store as unknown as HostStore, () => intlFor('en', catalogue)) : createSlashCommandHook(store as unknown as HostStore);
    const args = {channel_id: 'c', team_id: 't'};
    const result = await hook(v.command, args);
    const unused = v.rest.map((a, i) => (used.has(i) ? '' : requestKey(a.method, a.path))).filter(Boolean);
    if ('message' in result) {
        // Passed on to the server: the Go half answers it.
        return {passedOn: result, expectedPassOn: {message: v.command, args}, posts, unexpected, reports};
    }
    let answer: AnswerVector['answer'];
    if ('error' in result && result.error) {
        answer = {input_error: result.error.message};
    } else if (opened) {
        answer = {opened: true};
    } else {
        answer = {post: posts.join('\n')};
    }
    return {answer, unexpected, unused, reports};
}

// The changes the web half must report for the change trail: one for each
// REST change the vector answers with success (a DCR registration is the
// server's own, not a change made through the plugin).
const APP_PATH = /^\/api\/v4\/oauth\/apps\/([a-z0-9]{26})(\/regen_secret)?$/;
function expectedReports(v: AnswerVector) {
    return v.rest.filter((a) => (a.status ?? 200) < 300 && !a.network).flatMap((a) => {
        const body = (a.body ?? {}) as {id?: string};
        if (a.method === 'POST' && a.path === '/api/v4/oauth/apps') {
            return [{action: 'create', app_id: body.id}];
        }
        const [, id, regen] = APP_PATH.exec(a.path) ?? [];
        if (!id) {
            return [];
        }
        const action = {PUT: 'edit', DELETE: 'delete', POST: regen ? 'regenerate' : ''}[a.method];
        return action ? [{action, app_id: id}] : [];
    });
}

// Every client secret the vector's REST answers hold.
function secretsIn(value: unknown): string[] {
    if (Array.isArray(value)) {
        return value.flatMap(secretsIn);
    }
    if (typeof value === 'object' && value !== null) {
        return Object.entries(value).flatMap(([k, v]) => (k === 'client_secret' && typeof v === 'string' && v ? [v] : secretsIn(v)));
    }
    return [];
}

const results: AnswerVector[] = [];
let reportsSeen = 0;

// eslint-disable-next-line no-process-env
const updating = Boolean(process.env.UPDATE_VECTORS);

describe('answer vectors: the web half', () => {
    test.each(vectors.map((v) => [v.name, v] as const))('%s', async (_, v) => {
        const run = await runWebHalf(v);
        if ('passedOn' in run) {
            // Only a verb the server answers may be passed on, and unchanged.
            expect(isServerVerb(parse(v.command).parsed?.verb ?? '')).toBe(true);
            expect(run.passedOn).toEqual(run.expectedPassOn);
            expect(run.posts).toEqual([]);
            expect(run.unexpected).toEqual([]);
            expect(run.reports).toEqual([]);
            results.push(v);
            return;
        }
        const {answer, unexpected, unused, reports} = run;
        expect(unexpected).toEqual([]);
        expect(unused).toEqual([]);

        // A change made here is reported for the change trail: {action, app_id}, never a secret.
        const wanted = expectedReports(v);
        expect(reports).toEqual(wanted);
        reportsSeen += wanted.length;
        const secrets = secretsIn(v.rest);
        for (const report of reports) {
            expect(report).toEqual({action: expect.stringMatching(/^(create|edit|delete|regenerate)$/), app_id: expect.any(String)});
            for (const secret of secrets) {
                expect(JSON.stringify(report)).not.toContain(secret);
            }
        }
        results.push({...v, answer});
        if (!updating) {
            expect(answer).toEqual(v.answer);
        }
    });

    afterAll(() => {
        // The vectors hold changes of every kind, so the check above is not empty.
        expect(reportsSeen).toBeGreaterThanOrEqual(4);
        if (updating && results.length === vectors.length) {
            writeFileSync(FILE, JSON.stringify(results, null, 2) + '\n');
        }
    });
});

// The pseudo-locale: every message wrapped in ⟦…⟧. What is left outside the
// wrapping must be the vector's own data (the command, settings, REST answers)
// or the untranslated syntax (verbs, flags, placeholders): any other word came
// from code, bypassing the catalogue. server/command/pseudo_test.go is the Go twin.
const WORD = /\p{L}+/gu;

export function outsideMessages(text: string): string {
    let depth = 0;
    let out = '';
    for (const ch of text) {
        if (ch === PSEUDO_OPEN) {
            depth++;
        } else if (ch === PSEUDO_CLOSE) {
            depth--;
        } else if (depth === 0) {
            out += ch;
        }
    }
    return out;
}

// Syntax is not translated; "UTC" is the timestamps' format (2026-11-23 10:00 UTC).
const syntax = new Set([
    'UTC', grammar.trigger,
    ...grammar.verbs.flatMap((v) => [v.name, ...v.args.map((a) => a.name.toUpperCase()), 'USER', ...v.flags.flatMap((f) => [f.name, f.value ?? '', ...(f.values ?? [])])]),
].flatMap((s) => s.match(WORD) ?? []));

function strayWords(v: AnswerVector, answer: string): string[] {
    const data = [v.command, v.user, v.settings, v.site_url, v.rest];
    const known = new Set([...syntax, ...(JSON.stringify(data).match(WORD) ?? [])]);
    return [...new Set(outsideMessages(answer).match(WORD) ?? [])].filter((w) => !known.has(w));
}

describe('answer vectors: no word of the web half bypasses the catalogue', () => {
    const pseudo = pseudoCatalogue();

    test.each(vectors.filter((v) => !v.answer?.opened).map((v) => [v.name, v] as const))('%s', async (_, v) => {
        const run = await runWebHalf(v, pseudo);
        if ('passedOn' in run) {
            return;
        }
        const {answer} = run;
        const text = answer?.post ?? answer?.input_error ?? '';
        expect(text).toContain(PSEUDO_OPEN);
        expect(strayWords(v, text)).toEqual([]);
    });
});
