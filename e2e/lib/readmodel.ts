// Making the read model's start-up self-check fail on a real server, as an
// unexpected server version would: one column of another type. A usage column
// turns the usage figures off; an app column turns the whole listing off (the
// route answers 503 and clients page the REST API). bigint to numeric reads
// back as the same integers, so the server itself keeps working.
import {sql} from './env';
import type {E2EEnv} from './env';

import type {OAuthClient} from '../../webapp/src/client/oauth_client';

export type Column = {table: string; column: string};

export const USAGE_COLUMN: Column = {table: 'oauthaccessdata', column: 'expiresat'};
export const LISTING_COLUMN: Column = {table: 'oauthapps', column: 'createat'};

export const retype = ({table, column}: Column, type: 'numeric' | 'bigint') => sql(`ALTER TABLE ${table} ALTER COLUMN ${column} TYPE ${type}`);

// The self-check runs when the plugin starts: restart it and wait until the route answers.
export async function restartPlugin(env: E2EEnv, admin: OAuthClient) {
    await admin.disablePlugin('oauth-manager');
    await admin.enablePlugin('oauth-manager');
    for (let i = 0; i < 100; i++) {
        // eslint-disable-next-line no-await-in-loop
        const response = await fetch(`${env.siteURL}/plugins/oauth-manager/api/v1/apps?per_page=1`, {headers: {Authorization: `Bearer ${env.users.admin.token}`}});
        if (response.status === 200 || response.status === 503) {
            return;
        }
        // eslint-disable-next-line no-await-in-loop
        await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the plugin did not come back after a restart');
}
