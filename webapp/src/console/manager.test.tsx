import {act, fireEvent, screen, waitFor, within} from '@testing-library/react';

import {app, names, openDetails, rows, setup} from './test_manager';

import {setClient} from '../client/oauth_client';
import type {OAuthClient} from '../client/oauth_client';

describe('the apps table', () => {
    test('shows name with type/trusted/DCR/usage badges, client id, creator, date, users, last used; the rest in details; secrets masked', async () => {
        const {user} = setup();
        await waitFor(() => expect(rows()).toHaveLength(4));
        const first = rows().find((r) => r.textContent?.includes('App 004'))!;
        const cells = within(first).getAllByRole('cell').map((c) => c.textContent);
        expect(cells).toEqual(['App 004ConfidentialDCRNever used', expect.stringContaining('app4'), '@bob', 'Jan 5, 2026', '0', 'Never', 'EditMore']);
        expect(within(rows().find((r) => r.textContent?.includes('App 002'))!).getByText('Trusted')).toBeInTheDocument();
        expect(within(rows().find((r) => r.textContent?.includes('App 001'))!).getByText('you')).toBeInTheDocument();
        expect(document.body.textContent).not.toMatch(/secret\d/);
        expect(screen.getByText('4 apps')).toBeInTheDocument();
        await openDetails(user, 'App 004');
        const details = screen.getByRole('region', {name: 'Details of App 004'});
        expect(details).toHaveTextContent('https://app4.example.com/cb');
        expect(details).toHaveTextContent('Dynamically registeredYes');
        expect(screen.getByRole('button', {name: 'Details of App 004'})).toHaveAttribute('aria-expanded', 'true');
        await openDetails(user, 'App 003');
        expect(within(screen.getByRole('region', {name: 'Details of App 003'})).getByText('None (public client)')).toBeInTheDocument();
        expect(document.body.textContent).not.toMatch(/secret\d/);
    });

    test('dates are in the user\'s timezone setting (manual or automatic)', async () => {
        setup({apps: [app(4)], timezone: {useAutomaticTimezone: 'false', manualTimezone: 'America/Los_Angeles'}});
        expect(await screen.findByText('Jan 4, 2026')).toBeInTheDocument(); // 2026-01-05 00:00 UTC
    });

    test('one app reads "1 app", not "1 apps"', async () => {
        setup({apps: [app(1)]});
        expect(await screen.findByText('1 app')).toBeInTheDocument();
    });

    test('without the image proxy an icon URL is shown as text beside a placeholder, never loaded', async () => {
        const {user} = setup({apps: [app(1, {icon_url: 'https://tracker.example/pixel.png'})]});
        await waitFor(() => expect(rows()).toHaveLength(1));
        await openDetails(user, 'App 001');
        expect(screen.getByRole('region', {name: 'Details of App 001'})).toHaveTextContent('https://tracker.example/pixel.png');
        expect(screen.getByTitle(/Not loaded: the image proxy is off/)).toBeInTheDocument();
        expect(document.querySelector('img')).toBeNull();
    });

    test('with the image proxy on, the icon is loaded through it only', async () => {
        const {user} = setup({apps: [app(1, {icon_url: 'https://tracker.example/p.png?a=1&b="x"'})], imageProxy: true});
        await waitFor(() => expect(rows()).toHaveLength(1));
        await openDetails(user, 'App 001');
        const images = [...document.querySelectorAll('img')];
        expect(images.map((i) => i.getAttribute('src'))).toEqual([`http://mm.test/api/v4/image?url=${encodeURIComponent('https://tracker.example/p.png?a=1&b="x"')}`]);
    });

    test('nothing in the manager is a form or a submit button (the console nests us in its settings form)', async () => {
        const {user} = setup();
        await waitFor(() => expect(rows()).toHaveLength(4));
        await openDetails(user, 'App 001');
        await user.click(screen.getByRole('button', {name: 'New app'}));
        expect(await screen.findByRole('dialog', {name: 'Create an OAuth app'})).toBeInTheDocument();
        expect(document.querySelector('form')).toBeNull();
        expect([...document.querySelectorAll('button')].filter((b) => b.type !== 'button')).toEqual([]);
    });

    test('sorts on a column, both ways, and says so to assistive tech', async () => {
        const {user} = setup();
        await waitFor(() => expect(rows()).toHaveLength(4));
        expect(names()).toEqual(['App 004', 'App 003', 'App 002', 'App 001']); // newest first
        await user.click(screen.getByRole('button', {name: 'Name'}));
        expect(names()).toEqual(['App 001', 'App 002', 'App 003', 'App 004']);
        expect(screen.getByRole('columnheader', {name: /Name/})).toHaveAttribute('aria-sort', 'ascending');
        await user.click(screen.getByRole('button', {name: /Name/}));
        expect(names()).toEqual(['App 004', 'App 003', 'App 002', 'App 001']);
        await user.click(screen.getByRole('button', {name: 'Creator'}));
        expect(names().slice(0, 2).sort()).toEqual(['App 001', 'App 003']);
        await user.selectOptions(screen.getByLabelText('Sort by'), 'trusted');
        expect(names()[3]).toBe('App 002');
    });

    test('search covers name, description, client id, creator and callbacks', async () => {
        const {user} = setup();
        await waitFor(() => expect(rows()).toHaveLength(4));
        const search = screen.getByLabelText('Search');
        /* eslint-disable no-await-in-loop -- one query after another, as a user types */
        for (const [text, expected] of [['billing', ['App 003']], ['app2xx', ['App 002']], ['bob', ['App 004', 'App 002']], ['app1.example', ['App 001']]] as const) {
            await user.clear(search);
            await user.type(search, text);
            await waitFor(() => expect(names()).toEqual(expected));
        }
        /* eslint-enable no-await-in-loop */
        await user.clear(search);
        await user.type(search, 'nothing-like-this');
        await waitFor(() => expect(screen.getByText('0 of 4 apps match')).toBeInTheDocument());
    });

    test('filters: creator, type, trusted, DCR', async () => {
        const {user} = setup();
        await waitFor(() => expect(rows()).toHaveLength(4));
        await user.selectOptions(screen.getByLabelText('Creator'), 'u1');
        expect(names()).toEqual(['App 003', 'App 001']);
        await user.selectOptions(screen.getByLabelText('Type'), 'public');
        expect(names()).toEqual(['App 003']);
        await user.selectOptions(screen.getByLabelText('Creator'), '');
        await user.selectOptions(screen.getByLabelText('Type'), 'any');
        await user.selectOptions(screen.getByLabelText('Trusted'), 'yes');
        expect(names()).toEqual(['App 002']);
        await user.selectOptions(screen.getByLabelText('Trusted'), 'any');
        await user.selectOptions(screen.getByLabelText('DCR'), 'yes');
        expect(names()).toEqual(['App 004']);
    });

    test('pages through many apps', async () => {
        const {user} = setup({apps: Array.from({length: 120}, (_, i) => app(i + 1))});
        await waitFor(() => expect(rows()).toHaveLength(50));
        expect(screen.getByText(/Page 1 of 3/)).toBeInTheDocument();
        await user.click(screen.getByRole('button', {name: 'Next'}));
        expect(screen.getByText(/Page 2 of 3/)).toBeInTheDocument();
        expect(rows()).toHaveLength(50);
    });

    test('show, hide and copy a secret; it is fetched only when asked', async () => {
        const {user, fake} = setup();
        await waitFor(() => expect(rows()).toHaveLength(4));
        expect(fake.getOAuthApp).not.toHaveBeenCalled();
        await openDetails(user, 'App 001');
        await user.click(screen.getByRole('button', {name: 'Show the secret of App 001'}));
        expect(await screen.findByText('secret1')).toBeInTheDocument();
        await user.click(screen.getByRole('button', {name: 'Copy the secret of App 001'}));
        await expect(navigator.clipboard.readText()).resolves.toBe('secret1');
        await user.click(screen.getByRole('button', {name: 'Hide the secret of App 001'}));
        expect(screen.queryByText('secret1')).not.toBeInTheDocument();
    });
});

describe('the create form', () => {
    async function openCreate(roles?: string) {
        const ctx = setup(roles ? {roles} : {});
        await waitFor(() => expect(rows()).toHaveLength(4));
        await ctx.user.click(screen.getByRole('button', {name: 'New app'}));
        return ctx;
    }

    const fill = (label: string, value: string) => fireEvent.change(screen.getByLabelText(new RegExp(`^${label}`)), {target: {value}});
    const submit = () => fireEvent.click(screen.getByRole('button', {name: 'Create app'}));
    const validFill = () => {
        fill('Name', 'Deploy bot');
        fill('Homepage', 'https://deploy.example.com');
        fill('Callback URLs', 'https://deploy.example.com/cb');
    };
    const fieldError = (label: string) => {
        const field = screen.getByLabelText(new RegExp(`^${label}`));
        const id = field.getAttribute('aria-describedby')?.split(' ')[1];
        return id ? document.getElementById(id)?.textContent : undefined;
    };

    test.each([
        ['Name', 'x'.repeat(64), 'x'.repeat(65), 'The name is 65 bytes long; the limit is 64.'],
        ['Description', 'd'.repeat(512), 'd'.repeat(513), 'The description is 513 characters long; the limit is 512.'],
        ['Homepage', 'https://e.co/' + 'h'.repeat(243), 'https://e.co/' + 'h'.repeat(244), 'The homepage URL is 257 bytes long; the limit is 256.'],
        ['Icon URL', 'https://e.co/' + 'i'.repeat(499), 'https://e.co/' + 'i'.repeat(500), 'The icon URL is 513 bytes long; the limit is 512.'],
    ])('%s: at the limit passes, one past it fails on the field', async (label, atLimit, pastLimit, message) => {
        await openCreate();
        validFill();
        fill(label, pastLimit);
        submit();
        expect(fieldError(label)).toBe(message);
        expect(screen.getByLabelText(new RegExp(`^${label}`))).toHaveAttribute('aria-invalid', 'true');
        fill(label, atLimit);
        expect(fieldError(label)).toBeUndefined();
        submit();
        await screen.findByText(/^Created Deploy bot|^Created x+\.$/);
    });

    test.each([
        ['Name', '', 'Give the app a name.'],
        ['Homepage', '', 'Give a homepage URL (http:// or https://).'],
        ['Homepage', 'deploy.example.com', 'The homepage must be an http:// or https:// URL, not "deploy.example.com".'],
        ['Icon URL', 'ftp://e.co/i.png', 'The icon URL must be an http:// or https:// URL, not "ftp://e.co/i.png".'],
        ['Callback URLs', '', 'Give at least one callback URL.'],
        ['Callback URLs', 'https://ok.example/cb\nnot-a-url', 'Callback URLs must be http:// or https:// URLs, not "not-a-url".'],
    ])('%s = %j is refused before any request', async (label, value, message) => {
        const {fake} = await openCreate();
        validFill();
        fill(label, value);
        submit();
        expect(fieldError(label)).toBe(message);
        expect(fake.createOAuthApp).not.toHaveBeenCalled();
    });

    test('callback URLs together must fit 1024 characters', async () => {
        await openCreate();
        validFill();
        const url = 'https://e.co/' + 'c'.repeat(87);
        fill('Callback URLs', Array.from({length: 11}, () => url).join('\n'));
        submit();
        expect(fieldError('Callback URLs')).toBe('The callback URLs are 1112 bytes together; the limit is 1024.');
    });

    test('trusted is offered to system admins only; public at creation only', async () => {
        await openCreate('system_user');
        expect(screen.queryByLabelText(/Trusted:/)).not.toBeInTheDocument();
        expect(screen.getByLabelText(/Public client/)).toBeInTheDocument();
    });

    test('creates, then shows the new secret once', async () => {
        const {fake, user} = await openCreate();
        validFill();
        await user.click(screen.getByLabelText(/Trusted:/));
        submit();
        expect(await screen.findByText('brandnewsecret')).toBeInTheDocument();
        expect(fake.createOAuthApp).toHaveBeenCalledWith(expect.objectContaining({name: 'Deploy bot', is_trusted: true, is_public: false, callback_urls: ['https://deploy.example.com/cb']}));
        await user.click(screen.getByRole('button', {name: 'I have stored it'}));
        expect(screen.queryByText('brandnewsecret')).not.toBeInTheDocument();
    });

    test('a server refusal lands on its field and keeps what was typed', async () => {
        const createOAuthApp = jest.fn().mockRejectedValue(Object.assign(new Error('Invalid callback urls.'), {status_code: 400, server_error_id: 'model.oauth.is_valid.callback.app_error'}));
        await openCreate();
        setClient({...(jest.requireActual('../client/oauth_client').getClient()), createOAuthApp} as unknown as OAuthClient);
        validFill();
        submit();
        await waitFor(() => expect(fieldError('Callback URLs')).toBe('The server refused this: Invalid callback urls.'));
        expect(screen.getByLabelText(/^Name/)).toHaveValue('Deploy bot');
        expect(screen.getByLabelText(/^Callback URLs/)).toHaveValue('https://deploy.example.com/cb');
    });
});

describe('edit', () => {
    test('sends the whole app back with only the edited fields changed', async () => {
        const {fake, user} = setup();
        await waitFor(() => expect(rows()).toHaveLength(4));
        await user.click(screen.getByRole('button', {name: 'Edit App 001'}));
        const name = await screen.findByLabelText(/^Name/);
        expect(name).toHaveValue('App 001');
        fireEvent.change(name, {target: {value: 'Renamed'}});
        fireEvent.click(screen.getByRole('button', {name: 'Save changes'}));
        await screen.findByText('Saved Renamed.');
        expect(fake.editOAuthApp).toHaveBeenCalledWith({...app(1), name: 'Renamed'});
    });

    test('keeps a change someone else made meanwhile to a field this admin did not touch', async () => {
        const getOAuthApp = jest.fn().
            mockResolvedValueOnce(app(1)).
            mockResolvedValueOnce(app(1, {description: 'changed by bob', callback_urls: ['https://bob.example/cb']}));
        const {fake, user} = setup({client: {getOAuthApp}});
        await waitFor(() => expect(rows()).toHaveLength(4));
        await user.click(screen.getByRole('button', {name: 'Edit App 001'}));
        fireEvent.change(await screen.findByLabelText(/^Name/), {target: {value: 'Renamed'}});
        fireEvent.click(screen.getByRole('button', {name: 'Save changes'}));
        await screen.findByText('Saved Renamed.');
        expect(getOAuthApp).toHaveBeenCalledTimes(2);
        expect(fake.editOAuthApp).toHaveBeenCalledWith({...app(1), name: 'Renamed', description: 'changed by bob', callback_urls: ['https://bob.example/cb']});
    });

    test('saving without a change sends nothing and says so', async () => {
        const {fake, user} = setup();
        await waitFor(() => expect(rows()).toHaveLength(4));
        await user.click(screen.getByRole('button', {name: 'Edit App 001'}));
        await screen.findByLabelText(/^Name/);
        fireEvent.click(screen.getByRole('button', {name: 'Save changes'}));
        await screen.findByText('Nothing to change: App 001 already has these values.');
        expect(fake.editOAuthApp).not.toHaveBeenCalled();
    });
});

describe('confirmations', () => {
    test('delete says what breaks; cancel does nothing; confirm deletes', async () => {
        const {fake, user} = setup();
        await waitFor(() => expect(rows()).toHaveLength(4));
        await openDetails(user, 'App 002');
        await user.click(screen.getByRole('button', {name: 'Delete App 002'}));
        const dialog = screen.getByRole('dialog', {name: 'Delete App 002?'});
        expect(dialog).toHaveTextContent('every token issued to it are removed');
        await waitFor(() => expect(within(dialog).getByRole('button', {name: 'Cancel'})).toHaveFocus());

        // react-bootstrap 0.32 (the 11.x host's) reads keyCode, which user-event leaves at 0.
        fireEvent.keyDown(document.activeElement!, {key: 'Escape', keyCode: 27});
        await waitFor(() => expect(screen.queryAllByRole('dialog')).toHaveLength(0));
        expect(fake.deleteOAuthApp).not.toHaveBeenCalled();
        expect(screen.getByRole('button', {name: 'Delete App 002'})).toHaveFocus(); // given back

        await user.click(screen.getByRole('button', {name: 'Delete App 002'}));
        await user.click(screen.getByRole('button', {name: 'Delete app'}));
        await screen.findByText('Deleted App 002.');
        expect(fake.deleteOAuthApp).toHaveBeenCalledWith(app(2).id);
        expect(names()).not.toContain('App 002');
    });

    test('regenerate says what breaks and shows the new secret once', async () => {
        const {fake, user} = setup();
        await waitFor(() => expect(rows()).toHaveLength(4));
        await openDetails(user, 'App 003');
        await openDetails(user, 'App 001');
        expect(screen.queryByRole('button', {name: 'Regenerate the secret of App 003'})).not.toBeInTheDocument(); // public
        await user.click(screen.getByRole('button', {name: 'Regenerate the secret of App 001'}));
        expect(screen.getByRole('dialog', {name: 'Regenerate the secret of App 001?'})).toHaveTextContent('The current secret stops working at once');
        await user.click(screen.getByRole('button', {name: 'Regenerate secret'}));
        expect(await screen.findByText('regeneratedsecret')).toBeInTheDocument();
        expect(fake.regenOAuthAppSecret).toHaveBeenCalledWith(app(1).id);
    });

    test('a failed delete stays open with the reason', async () => {
        const deleteOAuthApp = jest.fn().mockRejectedValue(Object.assign(new Error('You do not have the appropriate permissions.'), {status_code: 403}));
        const {user} = setup({client: {deleteOAuthApp}});
        await waitFor(() => expect(rows()).toHaveLength(4));
        await openDetails(user, 'App 001');
        await user.click(screen.getByRole('button', {name: 'Delete App 001'}));
        await user.click(screen.getByRole('button', {name: 'Delete app'}));
        expect(await within(screen.getByRole('dialog', {name: 'Delete App 001?'})).findByRole('alert')).toHaveTextContent('You do not have the appropriate permissions.');
    });
});

describe('status', () => {
    test('explains a disabled provider and a missing permission in plain words', async () => {
        setup({client: {
            getOAuthMetadata: jest.fn().mockRejectedValue(Object.assign(new Error('disabled'), {status_code: 501})),
            listApps: jest.fn().mockRejectedValue(Object.assign(new Error('Integrations have been limited to admins only.'), {status_code: 403})),
        }});
        expect(await screen.findByRole('alert')).toHaveTextContent('you lack the permission');
        expect(screen.getByRole('alert')).toHaveTextContent('Integrations have been limited to admins only.');
        await waitFor(() => expect(screen.getByLabelText('OAuth status')).toHaveTextContent('Enable OAuth 2.0 Service Provider'));
    });

    test('shows DCR on and the issuer check', async () => {
        setup();
        await waitFor(() => expect(screen.getByLabelText('OAuth status')).toHaveTextContent('Dynamic client registration: on'));
        expect(screen.getByLabelText('OAuth status')).toHaveTextContent('Issuer: http://mm.test matches the address you reached this server at.');
        await act(async () => undefined);
    });

    test('reports an issuer (Site URL) that differs from the address the admin reached the server at', async () => {
        setup({client: {getOAuthMetadata: jest.fn(async () => ({issuer: 'https://chat.example.com', authorization_endpoint: '', token_endpoint: ''}))}});
        await waitFor(() => expect(screen.getByLabelText('OAuth status')).toHaveTextContent(
            'Issuer: https://chat.example.com differs from http://mm.test, the address you reached this server at. OAuth clients check the issuer, so set System Console > Environment > Web Server > Site URL to the public URL',
        ));
    });
});

describe('authorized apps', () => {
    test('lists your own by default and lets you deauthorize one', async () => {
        const getAuthorizedOAuthApps = jest.fn().mockResolvedValueOnce([app(7, {client_secret: ''})]).mockResolvedValue([]);
        const deauthorizeOAuthApp = jest.fn(async () => ({status: 'OK'}));
        const {user} = setup({client: {getAuthorizedOAuthApps, deauthorizeOAuthApp}});
        await user.click(screen.getByRole('button', {name: 'Show authorized apps'}));
        const list = await screen.findByRole('table', {name: 'Authorized apps list'});
        expect(getAuthorizedOAuthApps).toHaveBeenCalledWith('u1', 0, 200);
        await user.click(within(list).getByRole('button', {name: /^Deauthorize/}));
        expect(deauthorizeOAuthApp).toHaveBeenCalledWith(app(7).id);
        expect(await screen.findByText('Authorization revoked.')).toBeInTheDocument();
        expect(screen.getByText('No authorized apps.')).toBeInTheDocument();
    });

    test('shows another user\'s apps without a deauthorize button, and explains a refusal', async () => {
        const getUserByUsername = jest.fn(async (name: string) => ({id: name === 'bob' ? 'u2' : 'u3'}));
        const getAuthorizedOAuthApps = jest.fn(async (userId: string) => {
            if (userId === 'u3') {
                throw Object.assign(new Error('You do not have the appropriate permissions.'), {status_code: 403});
            }
            return [app(8)];
        });
        const {user} = setup({client: {getUserByUsername, getAuthorizedOAuthApps}});
        await user.type(screen.getByLabelText('User (empty for yourself):'), '@bob');
        await user.click(screen.getByRole('button', {name: 'Show authorized apps'}));
        const list = await screen.findByRole('table', {name: 'Authorized apps list'});
        expect(within(list).getByText('App 008')).toBeInTheDocument();
        expect(within(list).queryByRole('button', {name: /^Deauthorize/})).not.toBeInTheDocument();
        await user.clear(screen.getByLabelText('User (empty for yourself):'));
        await user.type(screen.getByLabelText('User (empty for yourself):'), 'carol');
        await user.click(screen.getByRole('button', {name: 'Show authorized apps'}));
        expect(await screen.findByText(/you lack the permission/)).toBeInTheDocument();
    });
});
