// The simulated users: system admins, users holding manage_oauth (through the
// system_user_access_token role, which bootstrap gave manage_oauth: it can be
// assigned without a license) and plain users, in fixed shares, each signed in
// with a session of their own.
import {Client4} from '@mattermost/client';
import type {UserProfile} from '@mattermost/types/users';

import {admin, env, parallel, say} from '../bench/common';

export type Kind = 'admin' | 'manager' | 'plain';

// An app a manager made during the run (its latest full state, for REST's
// update, which replaces every field).
export type OwnApp = {id: string; name: string; app: Record<string, unknown>};

export type SimUser = {
    kind: Kind;
    id: string;
    username: string;
    token: string;
    own: OwnApp[];
    made: number;
};

// Shares of the population: one in 10 a system admin, 3 in 10 managers of
// their own apps, the rest without any OAuth permission.
export const SHARES: Record<Kind, number> = {admin: 0.1, manager: 0.3, plain: 0.6};

// An unlicensed server refuses a 250th active user; the harness made 4 and a bot.
export const MAX_USERS = 240;

export function population(n: number): Kind[] {
    const admins = Math.max(1, Math.round(n * SHARES.admin));
    const managers = Math.max(1, Math.round(n * SHARES.manager));
    const plain = Math.max(0, n - admins - managers);
    return [...Array(admins).fill('admin'), ...Array(managers).fill('manager'), ...Array(plain).fill('plain')];
}

const ROLES: Record<Kind, string> = {
    admin: 'system_user system_admin',
    manager: 'system_user system_user_access_token',
    plain: 'system_user',
};

export async function makeUsers(n: number): Promise<SimUser[]> {
    if (n < 3 || n > MAX_USERS) {
        throw new Error(`LOAD_USERS=${n}: use 3 to ${MAX_USERS} (an unlicensed server allows 250 active users)`);
    }
    const t0 = performance.now();

    // Every simulated user joins the harness's team, which by default takes 50 members.
    await admin.patchConfig({TeamSettings: {MaxUsersPerTeam: MAX_USERS + 10}} as Parameters<typeof admin.patchConfig>[0]);
    const kinds = population(n);
    const password = 'Load-Passw0rd!';
    const users: SimUser[] = new Array(n);
    await parallel(kinds, 4, async (kind, i) => {
        const username = `load${kind}${i}`;
        const user = await admin.createUser({username, email: `${username}@example.com`, password} as UserProfile, '', '');
        await admin.updateUserRoles(user.id, ROLES[kind]);
        await admin.addToTeam(env.teamId, user.id);
        const client = new Client4();
        client.setUrl(env.siteURL);
        await client.login(username, password);
        users[i] = {kind, id: user.id, username, token: client.getToken(), own: [], made: 0};
    });
    const counts = kinds.reduce((acc, k) => ({...acc, [k]: (acc[k] ?? 0) + 1}), {} as Record<Kind, number>);
    say(`${n} simulated users signed in (${counts.admin} system admins, ${counts.manager} with manage_oauth, ${counts.plain ?? 0} plain) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return users;
}
