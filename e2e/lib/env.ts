// What e2e/bootstrap.ts hands to the tests, and clients built from it.
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';

import {Client4} from '@mattermost/client';

import {OAuthClient} from '../../webapp/src/client/oauth_client';

export type E2EUser = {
    id: string;
    username: string;
    password: string;
    token: string;
};

// admin: system admin; dev: manage_oauth only; wide: manage_oauth and
// manage_system_wide_oauth, not an admin; plain: no OAuth permission; bot: a bot
// account calling with a personal access token.
export type Role = 'admin' | 'dev' | 'wide' | 'plain' | 'bot';

export type E2EEnv = {
    siteURL: string;
    teamId: string;
    channelId: string;
    patchedSystemAdmin: boolean;
    users: Record<Role, E2EUser>;
};

export const ROLES: Role[] = ['admin', 'dev', 'wide', 'plain', 'bot'];

export function loadEnv(): E2EEnv {
    const file = process.env.E2E_ENV_FILE;
    if (!file) {
        throw new Error('E2E_ENV_FILE is not set: the integration tests run only through `make e2e` (e2e/run.sh)');
    }
    return JSON.parse(readFileSync(file, 'utf8')) as E2EEnv;
}

// The plugin's own client class (Client4 + metadata/DCR), signed in as `role`.
export function clientAs(env: E2EEnv, role: Role): OAuthClient {
    const client = new OAuthClient();
    client.setUrl(env.siteURL);
    client.setToken(env.users[role].token);
    return client;
}

export function anonymousClient(env: E2EEnv): Client4 {
    const client = new Client4();
    client.setUrl(env.siteURL);
    return client;
}

// The HTTP status a REST call ends with: 200 for success, the ClientError's status otherwise.
export async function statusOf(promise: Promise<unknown>): Promise<number> {
    try {
        await promise;
        return 200;
    } catch (err) {
        return (err as {status_code?: number}).status_code ?? -1;
    }
}

// A query against the test server's own database (psql, from the PostgreSQL packages).
export function sql(query: string): string {
    return execFileSync('psql', [process.env.E2E_PG!, '-tAc', query], {encoding: 'utf8'});
}

// Markdown as a reader sees it: backslash escapes (markdown.ts) removed.
export const rendered = (markdown: string) => markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
