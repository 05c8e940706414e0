// The benchmark's data: apps through the REST API, usage from real OAuth
// flows, and (for 100,000 apps only) apps inserted by SQL.
import {Client4} from '@mattermost/client';
import type {OAuthApp} from '@mattermost/types/integrations';
import type {UserProfile} from '@mattermost/types/users';

import {admin, count, env, parallel, say} from './common';

import {clientAs, sql} from '../lib/env';
import {authorizeAndUse} from '../lib/oauth_flow';

// App i, the same whether made through REST or SQL, so that searches mean the
// same at every size. One app in 10 belongs to oauthdev, one in 5 is public,
// one in 7 trusted.
const appFields = (i: number) => ({
    name: `bench-app-${i}`,
    description: `Integration number ${i} for team ${i % 37}`,
    icon_url: '',
    homepage: `https://svc${i % 100}.example.com`,
    callback_urls: [`https://svc${i % 100}.example.com/oauth/callback/${i}`],
});

export async function seedRest(n: number): Promise<OAuthApp[]> {
    const t0 = performance.now();
    const dev = clientAs(env, 'dev');
    const apps: OAuthApp[] = new Array(n);
    await parallel(Array.from({length: n}, (_, i) => i), 8, async (i) => {
        const byDev = i % 10 === 0;
        const app = {...appFields(i), is_trusted: !byDev && i % 7 === 0, is_public: i % 5 === 0} as Partial<OAuthApp>;
        apps[i] = await (byDev ? dev : admin).createOAuthApp(app as OAuthApp);
    });
    say(`seeded apps 0 to ${count(n - 1)} (bench-app-0 ...) through the REST API in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return apps;
}

// Apps from..to-1 inserted straight into the server's OAuthApps table, for the
// benchmark and the load run only (the plugin never writes to Mattermost's
// tables): 90,000 apps through REST would take most of the time budget. Every
// column the pinned server's migrations define is filled as its store would
// (model.OAuthApp): 26-character ids of [a-z0-9], callback URLs as a JSON
// array, a secret for confidential apps, '' for MattermostAppID (the only NOT
// NULL column besides the id), not dynamically registered. `before` says where
// the apps before `from` came from, for the printed line.
export function seedSql(from: number, to: number, before = `${count(from)} apps before them came through REST`) {
    const t0 = performance.now();
    const now = Date.now();
    const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
    const rows = () => Number(sql('SELECT count(*) FROM OAuthApps').trim());
    const had = rows();
    sql(`INSERT INTO OAuthApps (Id, CreatorId, CreateAt, UpdateAt, ClientSecret, Name, Description, IconURL, CallbackUrls, Homepage, IsTrusted, MattermostAppID, IsDynamicallyRegistered)
SELECT left(md5('bench-sql-app-' || i), 26),
       CASE WHEN i % 10 = 0 THEN ${lit(env.users.dev.id)} ELSE ${lit(env.users.admin.id)} END,
       ${now} + i, ${now} + i,
       CASE WHEN i % 5 = 0 THEN '' ELSE left(md5('bench-sql-secret-' || i), 26) END,
       'bench-app-' || i,
       'Integration number ' || i || ' for team ' || (i % 37),
       '',
       '["https://svc' || (i % 100) || '.example.com/oauth/callback/' || i || '"]',
       'https://svc' || (i % 100) || '.example.com',
       i % 10 <> 0 AND i % 7 = 0, '', false
FROM generate_series(${from}, ${to - 1}) AS i`);
    const total = rows();
    if (total !== had + (to - from)) {
        throw new Error(`after the SQL seeding OAuthApps holds ${total} rows, not ${had} + ${to - from}`);
    }
    say(`seeded apps ${count(from)} to ${count(to - 1)} (bench-app-${from} ...) by SQL INSERT into OAuthApps in ${((performance.now() - t0) / 1000).toFixed(1)} s (seeding only; ${before})`);
}

// Real usage: `users` new users each run the authorization-code flow against
// `perUser` confidential apps of the first 600 and use the token once.
// Returns the flows made and the apps they reached. An unlicensed server
// refuses a 250th active user, so a few hundred users is at most 246 here.
export async function seedUsage(apps: OAuthApp[], users: number, perUser: number): Promise<{authorizations: number; apps: Set<string>}> {
    const t0 = performance.now();
    const pool = apps.filter((a) => a.client_secret).slice(0, 600);
    const password = 'Bench-Passw0rd!';
    const clients: Client4[] = new Array(users);
    await parallel(Array.from({length: users}, (_, u) => u), 4, async (u) => {
        const username = `benchuser${u}`;
        await admin.createUser({username, email: `${username}@example.com`, password} as UserProfile, '', '');
        const client = new Client4();
        client.setUrl(env.siteURL);
        await client.login(username, password);
        clients[u] = client;
    });

    // Distinct apps for one user (37u + 101k differs for k < 5), shared
    // between users, so some apps have several users.
    const flows = clients.flatMap((client, u) => Array.from({length: perUser}, (_, k) => ({client, app: pool[((u * 37) + (k * 101)) % pool.length]})));
    await parallel(flows, 4, async ({client, app}) => {
        await authorizeAndUse(env.siteURL, client, app, app.callback_urls[0]);
    });
    const reached = new Set(flows.map((f) => f.app.id));
    say(`usage: ${users} users created through REST; ${count(flows.length)} authorization-code flows (authorize, token exchange, GET /users/me with the token) over ${reached.size} apps in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return {authorizations: flows.length, apps: reached};
}
