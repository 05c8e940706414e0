// Quarantine and release in an app's details: a confirmation that says what
// quarantine does not do, the Quarantined badge, and release's new secret
// masked with Show and Copy, never in the store.
import {screen, waitFor, within} from '@testing-library/react';

import {app, openDetails, rows, setup} from './test_manager';

import {INERT_CALLBACK} from '../client/governance_types';
import {stateKey} from '../store/selectors';

test('quarantine asks first, says what it does not do, then calls the server half', async () => {
    const quarantineApp = jest.fn(async () => ({app: {...app(1), callback_urls: [INERT_CALLBACK], client_secret: '', is_public: false}}));
    const {user} = setup({client: {quarantineApp}});
    await waitFor(() => expect(rows()).toHaveLength(4));
    await openDetails(user, 'App 001');
    await user.click(screen.getByRole('button', {name: 'Quarantine App 001: no new sign-in or token refresh'}));
    const dialog = await screen.findByRole('dialog', {name: 'Quarantine App 001?'});
    expect(dialog).toHaveTextContent('tokens already issued stay valid until they expire; to end them, deauthorize or delete the app.');
    expect(quarantineApp).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', {name: 'Quarantine'}));
    await waitFor(() => expect(quarantineApp).toHaveBeenCalledWith(app(1).id));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    // The answer has no secret but says the app is confidential: the row keeps
    // its type, gains the badge, and its details offer Release.
    const row = () => rows().find((r) => r.textContent?.startsWith('App 001'))!;
    await waitFor(() => expect(row()).toHaveTextContent('Quarantined'));
    expect(row()).toHaveTextContent('Confidential');
    expect(row()).not.toHaveTextContent('Public');
    expect(screen.getByRole('button', {name: 'Release App 001 from quarantine'})).toBeInTheDocument();
});

test('a quarantined app has the badge and Release, whose new secret is shown masked once', async () => {
    const releaseApp = jest.fn(async () => ({app: {...app(1), client_secret: 'released-secret-value'}, record_left: ''}));
    const {user, store} = setup({apps: [app(1, {callback_urls: [INERT_CALLBACK], is_trusted: false}), app(2)], client: {releaseApp}});
    await waitFor(() => expect(rows()).toHaveLength(2));
    const row = (name: string) => rows().find((r) => r.textContent?.startsWith(name))!;
    expect(row('App 001')).toHaveTextContent('Quarantined');
    expect(row('App 002')).not.toHaveTextContent('Quarantined');
    await openDetails(user, 'App 001');
    expect(screen.queryByRole('button', {name: /^Quarantine App 001/})).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', {name: 'Release App 001 from quarantine'}));
    const dialog = await screen.findByRole('dialog', {name: 'Release App 001 from quarantine?'});
    expect(dialog).toHaveTextContent('the plugin keeps no secret, so you get a new one, once');
    await user.click(within(dialog).getByRole('button', {name: 'Release'}));
    const result = await screen.findByRole('status', {name: 'Released from quarantine'});
    expect(releaseApp).toHaveBeenCalledWith(app(1).id);
    expect(screen.getByLabelText('New client secret of App 001')).toHaveTextContent('••••••••');
    expect(document.body.textContent).not.toContain('released-secret-value');
    await user.click(screen.getByRole('button', {name: 'Show the new secret of App 001'}));
    expect(screen.getByLabelText('New client secret of App 001')).toHaveTextContent('released-secret-value');
    expect(screen.getByRole('button', {name: 'Copy the new secret of App 001'})).toBeInTheDocument();
    expect(JSON.stringify(store.getState()[stateKey])).not.toContain('released-secret-value');
    await user.click(within(result).getByRole('button', {name: 'I have stored it'}));
    expect(document.body.textContent).not.toContain('released-secret-value');
});

test('a public client has no Quarantine action', async () => {
    const {user} = setup();
    await waitFor(() => expect(rows()).toHaveLength(4));
    await openDetails(user, 'App 003');
    expect(screen.queryByRole('button', {name: /Quarantine App 003/})).not.toBeInTheDocument();
});
