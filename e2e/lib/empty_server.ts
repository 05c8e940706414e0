// A second Mattermost server with nothing on it: its own new database in the
// test PostgreSQL cluster, its own file store, a system admin made as the
// first account (as on any new server), the system_admin role fix-up the
// bootstrap makes (servers before 11.6 lack manage_oauth there), and the
// plugin bundle installed. For moving apps between servers (export, import).
import {Client4} from '@mattermost/client';
import type {UserProfile} from '@mattermost/types/users';

import {sql} from './env';
import type {E2EEnv} from './env';
import {startSecondServer} from './second_server';
import type {SecondServer} from './second_server';

import {installPlugin} from '../../scripts/lib/plugin_install';

export type EmptyServer = SecondServer & {admin: Client4; adminId: string; adminUsername: string};

const PASSWORD = 'Oauth-e2e-Passw0rd!';

export async function startEmptyServer(env: E2EEnv, name: string): Promise<EmptyServer> {
    if (!(/^[a-z][a-z0-9_]*$/).test(name)) {
        throw new Error(`${name} is not a database name`);
    }
    sql(`CREATE DATABASE ${name}`);
    const server = await startSecondServer(env, {name, database: name});
    try {
        const admin = new Client4();
        admin.setUrl(server.siteURL);
        const username = 'importadmin';
        const user = await admin.createUser({username, email: `${username}@example.com`, password: PASSWORD} as UserProfile, '', '');
        await admin.login(username, PASSWORD);
        const role = await admin.getRoleByName('system_admin');
        if (!role.permissions.includes('manage_oauth')) {
            await admin.patchRole(role.id, {permissions: [...role.permissions, 'manage_oauth']});
        }
        const bundle = process.env.E2E_BUNDLE;
        if (!bundle) {
            throw new Error('E2E_BUNDLE is not set: run through e2e/run.sh');
        }
        await installPlugin(admin, bundle);
        return {...server, admin, adminId: user.id, adminUsername: username};
    } catch (err) {
        await server.stop();
        throw err;
    }
}
