// Prepares a fresh server for the tests: three users with the permission
// levels the REST API distinguishes, a team and channel, and the plugin
// installed and running. Writes what the tests need to $E2E_ENV_FILE.
import {writeFile} from 'node:fs/promises';

import {Client4} from '@mattermost/client';
import type {UserProfile} from '@mattermost/types/users';

import type {E2EEnv, E2EUser} from './lib/env';

import {installPlugin} from '../scripts/lib/plugin_install';

const PASSWORD = 'Oauth-e2e-Passw0rd!';

function need(name: string): string {
    const value = process.env[name];
    if (!value) {
        throw new Error(`${name} is not set; run through e2e/run.sh`);
    }
    return value;
}

function clientFor(siteURL: string): Client4 {
    const client = new Client4();
    client.setUrl(siteURL);
    return client;
}

async function addPermission(admin: Client4, roleName: string, permission: string): Promise<boolean> {
    const role = await admin.getRoleByName(roleName);
    if (role.permissions.includes(permission)) {
        return false;
    }
    await admin.patchRole(role.id, {permissions: [...role.permissions, permission]});
    return true;
}

async function signIn(siteURL: string, user: UserProfile): Promise<E2EUser> {
    const client = clientFor(siteURL);
    await client.login(user.username, PASSWORD);
    return {id: user.id, username: user.username, password: PASSWORD, token: client.getToken()};
}

async function main() {
    const siteURL = need('E2E_SITE_URL');
    const admin = clientFor(siteURL);

    // The first account on a new server becomes its system admin.
    const adminUser = await admin.createUser({username: 'sysadmin', email: 'sysadmin@example.com', password: PASSWORD} as UserProfile, '', '');
    await admin.login('sysadmin', PASSWORD);

    // Servers before 11.6 lack manage_oauth on system_admin (fixed upstream by a
    // migration); without it even an admin gets 403. Real servers have the gap too.
    const patchedSystemAdmin = await addPermission(admin, 'system_admin', 'manage_oauth');

    // A role that can be assigned without a license carries manage_oauth for the
    // "dev" user only; plain system users keep not having it.
    await addPermission(admin, 'system_user_access_token', 'manage_oauth');

    // manage_oauth + manage_system_wide_oauth without being a system admin: a
    // built-in role that can be assigned without a license, patched.
    for (const permission of ['manage_oauth', 'manage_system_wide_oauth']) {
        // eslint-disable-next-line no-await-in-loop
        await addPermission(admin, 'system_post_all', permission);
    }

    // A bot with a personal access token (REST callers of /commands/execute).
    await admin.patchConfig({ServiceSettings: {EnableBotAccountCreation: true, EnableUserAccessTokens: true}});

    const team = await admin.createTeam({name: 'e2e', display_name: 'E2E', type: 'O'} as Parameters<Client4['createTeam']>[0]);
    const channel = await admin.getChannelByName(team.id, 'town-square');

    const dev = await admin.createUser({username: 'oauthdev', email: 'oauthdev@example.com', password: PASSWORD} as UserProfile, '', '');
    const plain = await admin.createUser({username: 'plainuser', email: 'plainuser@example.com', password: PASSWORD} as UserProfile, '', '');
    const wide = await admin.createUser({username: 'oauthwide', email: 'oauthwide@example.com', password: PASSWORD} as UserProfile, '', '');
    await admin.updateUserRoles(dev.id, 'system_user system_user_access_token');
    await admin.updateUserRoles(wide.id, 'system_user system_post_all');
    const bot = await admin.createBot({username: 'oauthbot', display_name: 'OAuth bot', description: 'e2e'} as Parameters<Client4['createBot']>[0]);
    const botToken = await admin.createUserAccessToken(bot.user_id, 'e2e');
    for (const user of [dev, plain, wide, {id: bot.user_id}]) {
        // eslint-disable-next-line no-await-in-loop
        await admin.addToTeam(team.id, user.id);
    }

    await installPlugin(admin, need('E2E_BUNDLE'));

    const env: E2EEnv = {
        siteURL,
        teamId: team.id,
        channelId: channel.id,
        patchedSystemAdmin,
        users: {
            admin: {id: adminUser.id, username: 'sysadmin', password: PASSWORD, token: admin.getToken()},
            dev: await signIn(siteURL, dev),
            plain: await signIn(siteURL, plain),
            wide: await signIn(siteURL, wide),
            bot: {id: bot.user_id, username: 'oauthbot', password: '', token: botToken.token!},
        },
    };
    await writeFile(need('E2E_ENV_FILE'), JSON.stringify(env, null, 2));
    process.stdout.write(`[e2e] bootstrap done: users sysadmin, oauthdev, oauthwide, plainuser, bot oauthbot; plugin running${patchedSystemAdmin ? '; added manage_oauth to system_admin' : ''}\n`);
}

main().catch((err: Error & {status_code?: number; url?: string}) => {
    process.stderr.write(`[e2e] bootstrap failed: ${err.message}${err.status_code ? ` (HTTP ${err.status_code} ${err.url ?? ''})` : ''}\n`);
    process.exit(1);
});
