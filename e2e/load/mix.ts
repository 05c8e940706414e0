// The scripted mix: what each kind of user does, each verb twice over, as an
// /oauth command through POST /api/v4/commands/execute (the mobile path) or a
// plugin route, and as the REST call a client without the plugin would make
// for the same thing. Every answer is checked, minimally but really: a
// command answering with an error where success was expected is a wrong answer.

import {command, request, wrongAnswer} from './request';
import {noteSecret, noteSecretsIn} from './secrets';
import type {Kind, OwnApp, SimUser} from './users';

import {env} from '../bench/common';
import {rendered} from '../lib/env';

export type Mode = 'plugin' | 'rest';

// Apps seeded before the phase, for show and info (id and name).
export type Seeded = Array<{id: string; name: string}>;

export type Ctx = {user: SimUser; seeded: Seeded; rand: () => number};

type Step = (c: Ctx) => Promise<void>;

// needs: how many apps of their own a user must have for the verb (else they create one first).
type Verb = {name: string; plugin: Step; rest: Step | null; needs?: (u: SimUser) => number};

const pick = <T>(c: Ctx, items: T[]): T => items[Math.floor(c.rand() * items.length)];

// The answer must contain every one of `marks` (and one of `anyOf`, when given).
// Markdown escapes are removed first: the text as a reader sees it.
function expectIn(markdown: string, what: string, marks: string[], anyOf: string[] = []) {
    const answer = rendered(markdown);
    const missing = marks.find((m) => !answer.includes(m));
    if (missing !== undefined || (anyOf.length > 0 && !anyOf.some((m) => answer.includes(m)))) {
        throw wrongAnswer(`${what}: expected ${JSON.stringify(missing ?? anyOf)} in the answer, got: ${answer.slice(0, 300).replace(/\n/g, ' ⏎ ')}`);
    }
}

const CLIENT_ID = /\*\*Client ID\*\*: `([a-z0-9]{26})`/;
const SECRET = /\*\*Client secret\*\*: `([^`\s]+)`/;

async function restJSON<T>(c: Ctx, method: string, path: string, body?: unknown, expected?: number[]): Promise<T> {
    const answer = await request(c.user.token, method, path, body, expected);
    const json = answer.json();
    noteSecretsIn(json);
    return json as T;
}

// One of the manager's own apps, for a verb that needs one.
const ownApp = (c: Ctx): OwnApp | undefined => (c.user.own.length ? pick(c, c.user.own) : undefined);

function newAppFields(u: SimUser) {
    u.made++;
    const host = `https://${u.username}.load.example.com`;
    return {name: `load-${u.username}-${u.made}`, description: 'made by the load run', homepage: host, callback_urls: [`${host}/cb/${u.made}`], icon_url: '', is_trusted: false};
}

const help: Verb = {
    name: 'help',
    plugin: async (c) => expectIn(await command(c.user.token, '/oauth help'), 'help', ['/oauth list', '/oauth show']),
    rest: null,
};

const info: Verb = {
    name: 'info',
    plugin: async (c) => {
        const app = pick(c, c.seeded);
        expectIn(await command(c.user.token, `/oauth info ${app.id}`), 'info', [`OAuth app (public information): ${app.name}`, app.id]);
    },
    rest: async (c) => {
        const app = pick(c, c.seeded);
        const got = await restJSON<{id: string; name: string}>(c, 'GET', `/api/v4/oauth/apps/${app.id}/info`);
        if (got.id !== app.id || got.name !== app.name) {
            throw wrongAnswer(`info ${app.id}: got ${got.id} ${got.name}`);
        }
    },
};

const authorized: Verb = {
    name: 'authorized',
    plugin: async (c) => expectIn(await command(c.user.token, '/oauth authorized'), 'authorized', [], ['You have not authorized any OAuth app.', 'You have authorized']),
    rest: async (c) => {
        const got = await restJSON<unknown>(c, 'GET', `/api/v4/users/${c.user.id}/oauth/apps/authorized?page=0&per_page=60`);
        if (!Array.isArray(got)) {
            throw wrongAnswer('authorized: not a list');
        }
    },
};

const metadata: Verb = {
    name: 'metadata',
    plugin: async (c) => expectIn(await command(c.user.token, '/oauth metadata'), 'metadata', ['OAuth server check', env.siteURL]),
    rest: async (c) => {
        const got = await restJSON<{issuer?: string}>(c, 'GET', '/.well-known/oauth-authorization-server');
        if (got.issuer !== env.siteURL) {
            throw wrongAnswer(`metadata: issuer ${got.issuer}`);
        }
    },
};

// The first page of apps the caller manages (admins: every app).
const list: Verb = {
    name: 'list',
    plugin: async (c) => {
        if (c.user.kind === 'admin') {
            expectIn(await command(c.user.token, '/oauth list'), 'list', ['| Name |', 'bench-app-']);
        } else {
            expectIn(await command(c.user.token, '/oauth list --mine'), 'list --mine', [], ['| Name |', 'You have no OAuth apps to manage yet', 'No OAuth app you can manage matches']);
        }
    },
    rest: async (c) => {
        const got = await restJSON<Array<{creator_id: string}>>(c, 'GET', '/api/v4/oauth/apps?page=0&per_page=50');
        if (!Array.isArray(got) || (c.user.kind === 'admin' && got.length !== 50) || (c.user.kind !== 'admin' && got.some((a) => a.creator_id !== c.user.id))) {
            throw wrongAnswer('list: a wrong page');
        }
    },
};

// The console's listing route (the read model), first page or a search.
const listing: Verb = {
    name: 'listing route',
    plugin: async (c) => {
        const search = c.rand() < 0.5 ? `&search=app-${Math.floor(c.rand() * 100)}` : '';
        const got = (await request(c.user.token, 'GET', `/plugins/oauth-manager/api/v1/apps?per_page=50${search}`)).json() as {total: number; apps: Array<{creator_id: string}>};
        if (!Array.isArray(got.apps) || (c.user.kind === 'admin' && got.total < 1) || (c.user.kind !== 'admin' && got.apps.some((a) => a.creator_id !== c.user.id))) {
            throw wrongAnswer('listing route: a wrong page');
        }
    },
    rest: (c) => list.rest!(c),
};

// The APP autocomplete: the server asks the plugin's dynamic list route. A
// client without the plugin would read a page of apps to offer them.
const autocomplete: Verb = {
    name: 'autocomplete',
    plugin: async (c) => {
        const typed = c.user.kind === 'manager' ? '/oauth show load-' : `/oauth show bench-app-${Math.floor(c.rand() * 100)}`;
        const q = new URLSearchParams({user_input: typed, channel_id: env.channelId, team_id: env.teamId});
        const got = (await request(c.user.token, 'GET', `/api/v4/teams/${env.teamId}/commands/autocomplete_suggestions?${q}`)).json();
        if (!Array.isArray(got) || (c.user.kind === 'admin' && got.length === 0) || (c.user.kind === 'plain' && got.length !== 0)) {
            throw wrongAnswer(`autocomplete "${typed}" as ${c.user.kind}: ${JSON.stringify(got).slice(0, 200)}`);
        }
    },
    rest: async (c) => {
        const got = await restJSON<unknown>(c, 'GET', '/api/v4/oauth/apps?page=0&per_page=200', undefined, c.user.kind === 'plain' ? [403] : [200]);
        if (c.user.kind !== 'plain' && !Array.isArray(got)) {
            throw wrongAnswer('autocomplete (REST list): not a list');
        }
    },
};

// Admins: a seeded app; managers: one of their own (or a new one first).
const show: Verb = {
    name: 'show',
    plugin: async (c) => {
        const app = c.user.kind === 'admin' ? pick(c, c.seeded) : ownApp(c)!;
        const ref = c.rand() < 0.3 ? app.name : app.id;
        expectIn(await command(c.user.token, `/oauth show ${ref}`), `show ${ref}`, [`OAuth app: ${app.name}`, app.id]);
    },
    rest: async (c) => {
        const app = c.user.kind === 'admin' ? pick(c, c.seeded) : ownApp(c)!;
        c.rand();
        const got = await restJSON<{id: string}>(c, 'GET', `/api/v4/oauth/apps/${app.id}`);
        if (got.id !== app.id) {
            throw wrongAnswer(`show ${app.id}: got ${got.id}`);
        }
    },
    needs: (u) => (u.kind === 'admin' ? 0 : 1),
};

const create: Verb = {
    name: 'create',
    plugin: async (c) => {
        const f = newAppFields(c.user);
        const answer = await command(c.user.token, `/oauth create --name ${f.name} --description "${f.description}" --homepage ${f.homepage} --callback ${f.callback_urls[0]}`);
        expectIn(answer, `create ${f.name}`, [`Created OAuth app ${f.name}`]);
        const id = CLIENT_ID.exec(answer)?.[1];
        const secret = SECRET.exec(answer)?.[1];
        if (!id || !secret) {
            throw wrongAnswer(`create ${f.name}: no client id or secret in the answer`);
        }
        noteSecret(secret);
        c.user.own.push({id, name: f.name, app: {...f, id}});
    },
    rest: async (c) => {
        const f = newAppFields(c.user);
        const got = await restJSON<{id: string; name: string; client_secret: string}>(c, 'POST', '/api/v4/oauth/apps', f);
        if (!got.id || got.name !== f.name || !got.client_secret) {
            throw wrongAnswer(`create ${f.name}: ${JSON.stringify(got).slice(0, 200)}`);
        }
        c.user.own.push({id: got.id, name: got.name, app: got});
    },
};

const edit: Verb = {
    name: 'edit',
    plugin: async (c) => {
        const app = ownApp(c)!;
        const description = `edited ${Math.floor(c.rand() * 1e6)}`;
        expectIn(await command(c.user.token, `/oauth edit ${app.id} --description "${description}"`), `edit ${app.id}`, [`Updated ${app.name}`, description]);
        app.app = {...app.app, description};
    },
    needs: () => 1,
    rest: async (c) => {
        const app = ownApp(c)!;
        const description = `edited ${Math.floor(c.rand() * 1e6)}`;
        const got = await restJSON<Record<string, unknown>>(c, 'PUT', `/api/v4/oauth/apps/${app.id}`, {...app.app, id: app.id, description});
        if (got.description !== description) {
            throw wrongAnswer(`edit ${app.id}: ${JSON.stringify(got).slice(0, 200)}`);
        }
        app.app = got;
    },
};

const regenerate: Verb = {
    name: 'regen-secret',
    plugin: async (c) => {
        const app = ownApp(c)!;
        const answer = await command(c.user.token, `/oauth regen-secret ${app.id} --yes`);
        expectIn(answer, `regen-secret ${app.id}`, [`New secret for ${app.name}`]);
        const secret = SECRET.exec(answer)?.[1];
        if (!secret) {
            throw wrongAnswer(`regen-secret ${app.id}: no secret in the answer`);
        }
        noteSecret(secret);
    },
    rest: async (c) => {
        const app = ownApp(c)!;
        const got = await restJSON<{id: string; client_secret: string}>(c, 'POST', `/api/v4/oauth/apps/${app.id}/regen_secret`);
        if (got.id !== app.id || !got.client_secret) {
            throw wrongAnswer(`regen-secret ${app.id}: ${JSON.stringify(got).slice(0, 100)}`);
        }
    },
    needs: () => 1,
};

// Deletes one of the manager's apps when they have a few (else makes one).
const remove: Verb = {
    name: 'delete',
    plugin: async (c) => {
        const app = c.user.own.shift()!;
        expectIn(await command(c.user.token, `/oauth delete ${app.id} --yes`), `delete ${app.id}`, [`Deleted OAuth app ${app.name}`]);
    },
    rest: async (c) => {
        const app = c.user.own.shift()!;
        await request(c.user.token, 'DELETE', `/api/v4/oauth/apps/${app.id}`);
    },
    needs: () => 3,
};

// Admins: every app's redirect URIs (the complete listing); managers: one of theirs.
const lint: Verb = {
    name: 'lint',
    plugin: async (c) => {
        const app = c.user.kind === 'admin' ? undefined : ownApp(c);
        const answer = await command(c.user.token, app ? `/oauth lint ${app.id}` : '/oauth lint');
        expectIn(answer, 'lint', [], ['No problems found in', '**Redirect URI check**', 'You have no OAuth apps']);
    },
    rest: async (c) => {
        const app = c.user.kind === 'admin' ? undefined : ownApp(c);
        if (app) {
            await restJSON(c, 'GET', `/api/v4/oauth/apps/${app.id}`);
            return;
        }
        for (let page = 0; ; page++) {
            // eslint-disable-next-line no-await-in-loop
            const apps = await restJSON<unknown[]>(c, 'GET', `/api/v4/oauth/apps?page=${page}&per_page=200`);
            if (apps.length < 200) {
                return;
            }
        }
    },
};

// The secrets' ages come from the change trail's snapshot: no REST equivalent.
const secrets: Verb = {
    name: 'secrets',
    plugin: async (c) => expectIn(await command(c.user.token, '/oauth secrets'), 'secrets', [], ['**Client secret ages**', 'has not recorded the apps yet', 'No confidential app to show']),
    rest: null,
};

export const VERBS: Verb[] = [help, info, authorized, metadata, list, listing, autocomplete, show, create, edit, regenerate, remove, lint, secrets];

// How often each kind of user runs each verb (relative weights).
const WEIGHTS: Record<Kind, Record<string, number>> = {
    admin: {list: 15, 'listing route': 15, autocomplete: 15, show: 15, info: 10, metadata: 5, help: 5, authorized: 5, secrets: 4, lint: 2},
    manager: {list: 10, 'listing route': 10, autocomplete: 10, show: 15, info: 5, create: 8, edit: 8, 'regen-secret': 6, delete: 6, lint: 4, secrets: 4, metadata: 5, help: 4, authorized: 5},
    plain: {help: 20, info: 25, authorized: 20, metadata: 15, autocomplete: 20},
};

// The next verb for this user, by the weights of their kind.
export function nextVerb(c: Ctx): Verb {
    const weights = WEIGHTS[c.user.kind];
    const total = Object.values(weights).reduce((a, b) => a + b, 0);
    let r = c.rand() * total;
    for (const verb of VERBS) {
        r -= weights[verb.name] ?? 0;
        if (r < 0 && weights[verb.name]) {
            return c.user.own.length < (verb.needs?.(c.user) ?? 0) ? create : verb;
        }
    }
    return help;
}

// A small deterministic generator, so both modes run the same script.
export function seededRandom(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6D2B79F5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
