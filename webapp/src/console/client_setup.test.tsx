// "Set up a client" in an app's details: the server's setup values with copy
// buttons, and a client picker that reads that client's recipe.
import {screen, waitFor, within} from '@testing-library/react';

import {app, openDetails, rows, setup} from './test_manager';

import type {SetupAnswer} from '../client/setup_types';

const answer = (id: string, client?: string, isPublic = false): SetupAnswer => ({
    app: {id, name: 'App 1', public: isPublic, callback_urls: ['https://ci.example.com/cb']},
    endpoints: {
        issuer: 'http://mm.test',
        authorization_endpoint: 'http://mm.test/oauth/authorize',
        token_endpoint: 'http://mm.test/oauth/access_token',
        userinfo_endpoint: 'http://mm.test/api/v4/users/me',
    },
    token_endpoint_auth_method: isPublic ? 'none' : 'client_secret_post',
    fields: [{claim: 'sub', source: 'id', note: 'oauth-manager.setup.field.id'}, {claim: 'name', source: '', note: 'oauth-manager.setup.field.no_name'}],
    clients: [{name: 'grafana', title: 'Grafana', status: 'ready'}, {name: 'gitea', title: 'Gitea / Forgejo', status: 'unsupported'}],
    recipe: client === 'grafana' ? {
        name: 'grafana',
        title: 'Grafana',
        status: 'ready',
        callback: 'https://GRAFANA_HOST/login/generic_oauth',
        where: 'grafana.ini',
        language: 'ini',
        block: `[auth.generic_oauth]\nclient_id = ${id}\nclient_secret = PASTE_THE_CLIENT_SECRET_HERE`,
        notes: ['oauth-manager.setup.grafana.scopes'],
        sources: ['https://grafana.com/docs/grafana/v12.4/setup-grafana/configure-access/configure-authentication/generic-oauth/'],
    } : null,
});

describe('set up a client', () => {
    test('the values with copy buttons, then a client recipe; the secret is never shown', async () => {
        const one = app(1);
        const getSetup = jest.fn(async (id: string, client?: string) => answer(id, client));
        const {user} = setup({apps: [one], client: {getSetup}});
        await waitFor(() => expect(rows()).toHaveLength(1));
        await openDetails(user, one.name);
        expect(getSetup).not.toHaveBeenCalled();
        await user.click(screen.getByRole('button', {name: `Set up a client for ${one.name}`}));
        const panel = screen.getByRole('region', {name: `Client setup of ${one.name}`});
        await waitFor(() => expect(panel).toHaveTextContent('User info endpointhttp://mm.test/api/v4/users/me'));
        expect(getSetup).toHaveBeenCalledWith(one.id, undefined);
        expect(within(panel).getByRole('button', {name: 'Copy the Token endpoint'})).toBeInTheDocument();
        expect(within(panel).getByRole('button', {name: 'Copy the Client ID'})).toBeInTheDocument();
        expect(panel).toHaveTextContent('A 26-character string, not a number');
        expect(panel).toHaveTextContent(`Not shown here: use Show above, or /oauth show ${one.id} --reveal in chat.`);
        expect(panel).not.toHaveTextContent(one.client_secret);

        await user.selectOptions(within(panel).getByLabelText('Recipe for'), 'grafana');
        await waitFor(() => expect(within(panel).getByLabelText('Settings for grafana.ini')).toHaveTextContent('[auth.generic_oauth]'));
        expect(getSetup).toHaveBeenLastCalledWith(one.id, 'grafana');
        expect(panel).toHaveTextContent('Every setting below is in the documentation of Grafana.');
        expect(panel).toHaveTextContent('Replace PASTE_THE_CLIENT_SECRET_HERE with the client secret');
        expect(within(panel).getByRole('button', {name: 'Copy the Settings for grafana.ini'})).toBeInTheDocument();
        expect(within(panel).getByRole('link', {name: /grafana\.com\/docs/})).toHaveAttribute('rel', 'noopener noreferrer');
        expect(within(within(panel).getByLabelText('Recipe for')).getByRole('option', {name: 'Gitea / Forgejo (not possible)'})).toBeInTheDocument();
    });

    test('a public client needs PKCE; a failure says what went wrong', async () => {
        const pub = app(3, {client_secret: ''});
        const getSetup = jest.fn(async (id: string) => answer(id, undefined, true));
        const {user} = setup({apps: [pub], client: {getSetup}});
        await waitFor(() => expect(rows()).toHaveLength(1));
        await openDetails(user, pub.name);
        await user.click(screen.getByRole('button', {name: `Set up a client for ${pub.name}`}));
        const panel = screen.getByRole('region', {name: `Client setup of ${pub.name}`});
        await waitFor(() => expect(panel).toHaveTextContent('None: a public client, which must use PKCE (S256).'));
        expect(panel).not.toHaveTextContent('Token endpoint authentication');

        getSetup.mockRejectedValueOnce(Object.assign(new Error('The OAuth service provider is off.'), {status_code: 501}));
        await user.click(screen.getByRole('button', {name: `Set up a client for ${pub.name}`}));
        await user.click(screen.getByRole('button', {name: `Set up a client for ${pub.name}`}));
        await waitFor(() => expect(screen.getByRole('region', {name: `Client setup of ${pub.name}`})).toHaveTextContent('The OAuth service provider is off.'));
    });
});
