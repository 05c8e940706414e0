// What the REST API grants each kind of user, through the official Client4 on a
// real server. These outcomes are the contract the plugin must never exceed.
import type {OAuthApp} from '@mattermost/types/integrations';

import type {OAuthClient} from '../../webapp/src/client/oauth_client';
import {clientAs, loadEnv, statusOf} from '../lib/env';
import type {Role} from '../lib/env';

const env = loadEnv();
const admin = clientAs(env, 'admin');
const dev = clientAs(env, 'dev');
const plain = clientAs(env, 'plain');

function newApp(name: string, extra: Partial<OAuthApp> = {}) {
    return {
        name,
        description: 'created by the e2e suite',
        homepage: 'https://example.com',
        callback_urls: ['https://example.com/callback'],
        ...extra,
    };
}

async function listAll(client: OAuthClient): Promise<OAuthApp[]> {
    return client.getOAuthApps(0, 200);
}

describe('create, list, read and delete per role', () => {
    let adminApp: OAuthApp;
    let devApp: OAuthApp;

    beforeAll(async () => {
        adminApp = await admin.createOAuthApp(newApp('perm-admin-app', {is_trusted: true}));
        devApp = await dev.createOAuthApp(newApp('perm-dev-app', {is_trusted: true}));
    });

    afterAll(async () => {
        await Promise.all([adminApp, devApp].map((a) => admin.deleteOAuthApp(a.id).catch(() => undefined)));
    });

    test('create: admin and dev may, the plain user gets 403', async () => {
        expect(adminApp.client_secret).toMatch(/\w{20,}/);
        expect(devApp.client_secret).toMatch(/\w{20,}/);
        expect(await statusOf(plain.createOAuthApp(newApp('perm-plain-app')))).toBe(403);
    });

    test('is_trusted is honoured for the system admin only, silently dropped for others', () => {
        expect(adminApp.is_trusted).toBe(true);
        expect(devApp.is_trusted).toBe(false);
    });

    test('list: admin sees every app, dev only their own, plain gets 403', async () => {
        const adminSees = (await listAll(admin)).map((a) => a.id);
        expect(adminSees).toEqual(expect.arrayContaining([adminApp.id, devApp.id]));
        const devSees = (await listAll(dev)).map((a) => a.id);
        expect(devSees).toContain(devApp.id);
        expect(devSees).not.toContain(adminApp.id);
        expect(await statusOf(listAll(plain))).toBe(403);
    });

    test('list and get return the secret in clear to whoever passes the check', async () => {
        const listed = (await listAll(dev)).find((a) => a.id === devApp.id);
        expect(listed?.client_secret).toBe(devApp.client_secret);
        expect((await admin.getOAuthApp(devApp.id)).client_secret).toBe(devApp.client_secret);
    });

    const getMatrix: Array<[Role, 'admin' | 'dev', number]> = [
        ['admin', 'admin', 200], ['admin', 'dev', 200],
        ['dev', 'dev', 200], ['dev', 'admin', 403],
        ['plain', 'dev', 403], ['plain', 'admin', 403],
    ];
    test.each(getMatrix)('get: %s reading the %s app answers %i', async (role, owner, expected) => {
        const app = owner === 'admin' ? adminApp : devApp;
        expect(await statusOf(clientAs(env, role).getOAuthApp(app.id))).toBe(expected);
    });

    test.each(['admin', 'dev', 'plain'] as Role[])('info: %s gets public info with the secret blanked', async (role) => {
        const info = await clientAs(env, role).getOAuthAppInfo(devApp.id);
        expect(info.name).toBe('perm-dev-app');
        expect(info.client_secret).toBe('');
    });

    test('delete: others are refused (dev on the admin app, plain on any), owners and admins succeed', async () => {
        expect(await statusOf(dev.deleteOAuthApp(adminApp.id))).toBe(403);
        expect(await statusOf(plain.deleteOAuthApp(devApp.id))).toBe(403);
        expect((await admin.getOAuthApp(adminApp.id)).id).toBe(adminApp.id);

        const devOwn = await dev.createOAuthApp(newApp('perm-dev-own'));
        expect(await statusOf(dev.deleteOAuthApp(devOwn.id))).toBe(200);
        expect(await statusOf(admin.deleteOAuthApp(devApp.id))).toBe(200);
        expect(await statusOf(admin.getOAuthApp(devApp.id))).toBe(404);
    });
});

describe('with the OAuth 2.0 service provider turned off', () => {
    beforeAll(async () => {
        await admin.patchConfig({ServiceSettings: {EnableOAuthServiceProvider: false}});
    });

    afterAll(async () => {
        await admin.patchConfig({ServiceSettings: {EnableOAuthServiceProvider: true}});
    });

    test('list and create answer 501 to those with manage_oauth', async () => {
        expect(await statusOf(admin.getOAuthApps(0, 10))).toBe(501);
        expect(await statusOf(dev.getOAuthApps(0, 10))).toBe(501);
        expect(await statusOf(dev.createOAuthApp(newApp('never')))).toBe(501);
    });

    test('the permission check still comes first: plain gets 403', async () => {
        expect(await statusOf(plain.getOAuthApps(0, 10))).toBe(403);
    });

    test('the RFC 8414 metadata answers 501', async () => {
        expect(await statusOf(plain.getOAuthMetadata())).toBe(501);
    });
});

test('metadata is served with the issuer equal to the site URL', async () => {
    const doc = await plain.getOAuthMetadata();
    expect(doc.issuer).toBe(env.siteURL);
    expect(doc.registration_endpoint).toBe(`${env.siteURL}/api/v4/oauth/apps/register`);
});
