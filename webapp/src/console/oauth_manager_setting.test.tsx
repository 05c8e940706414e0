import {configureStore} from '@reduxjs/toolkit';
import {render, screen} from '@testing-library/react';
import React from 'react';
import {Provider} from 'react-redux';

import type {OAuthApp} from '@mattermost/types/integrations';

import OAuthManagerSetting from './oauth_manager_setting';

import {setClient} from '../client/oauth_client';
import type {OAuthClient} from '../client/oauth_client';
import {stateKey} from '../store/selectors';
import {reducer} from '../store/slice';

const app: OAuthApp = {
    id: 'abcdefghijklmnopqrstuvwxyz',
    creator_id: 'u1',
    create_at: Date.UTC(2026, 0, 2),
    update_at: 1,
    client_secret: 'topsecretvalue',
    name: 'Build bot',
    description: '',
    icon_url: '',
    callback_urls: ['https://bot.example.com/cb'],
    homepage: 'https://bot.example.com',
    is_trusted: true,
};

function renderWith(client: Partial<OAuthClient>) {
    setClient(client as OAuthClient);
    const store = configureStore({reducer: {[stateKey]: reducer}});
    render(<Provider store={store}><OAuthManagerSetting/></Provider>);
}

test('shows the status panel and the app list, never the secret', async () => {
    renderWith({
        getOAuthMetadata: jest.fn().mockResolvedValue({issuer: 'http://127.0.0.1:8065', authorization_endpoint: '', token_endpoint: ''}),
        getOAuthApps: jest.fn().mockResolvedValue([app]),
    });
    expect(await screen.findByRole('cell', {name: 'Build bot'})).toBeInTheDocument();
    expect(screen.getByRole('cell', {name: 'Confidential'})).toBeInTheDocument();
    expect(screen.getByRole('cell', {name: '2026-01-02'})).toBeInTheDocument();
    expect(screen.getByText('http://127.0.0.1:8065')).toBeInTheDocument();
    expect(screen.getByText(/Dynamic client registration/).textContent).toContain('off');
    expect(document.body.textContent).not.toContain('topsecretvalue');
});

test('explains a disabled provider and a missing permission in plain words', async () => {
    renderWith({
        getOAuthMetadata: jest.fn().mockRejectedValue(Object.assign(new Error('OAuth service provider is disabled'), {status_code: 501})),
        getOAuthApps: jest.fn().mockRejectedValue(Object.assign(new Error('Integrations have been limited to admins only.'), {status_code: 403})),
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('you lack the permission');
    expect(screen.getByRole('alert')).toHaveTextContent('Integrations have been limited to admins only.');
    expect(screen.getByLabelText('OAuth status')).toHaveTextContent('Enable OAuth 2.0 Service Provider');
});
