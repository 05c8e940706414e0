import {configureStore} from '@reduxjs/toolkit';
import {act, fireEvent, render, screen, within} from '@testing-library/react';
import React, {useState} from 'react';
import {Provider} from 'react-redux';

import AppForm from './app_form';
import ConnectedAppForm from './connected_app_form';
import {withIntl} from './test_intl';

import {setClient} from '../client/oauth_client';
import type {OAuthClient} from '../client/oauth_client';
import type {LintOptions} from '../lint/redirect_uri';
import {stateKey} from '../store/selectors';
import {EMPTY_FORM, formOpened, reducer} from '../store/slice';
import type {FormFields} from '../store/slice';

// The form as the slice drives it: what is typed comes back as its fields.
function Form({lintOptions}: {lintOptions?: LintOptions}) {
    const [fields, setFields] = useState<FormFields>(EMPTY_FORM);
    return (
        <AppForm
            form={{mode: 'create', surface: 'console', fields, errors: {}} as never}
            isSystemAdmin={false}
            busy={false}
            onChange={(patch) => setFields((f) => ({...f, ...patch}))}
            onSubmit={() => undefined}
            onCancel={() => undefined}
            lintOptions={lintOptions}
        />
    );
}

const findings = () => screen.queryByRole('list', {name: 'Redirect URI check'});

describe('the callback URLs field lints as you type', () => {
    test('no findings, no list; each finding appears under the field as it is typed', () => {
        render(withIntl(<Form/>));
        const field = screen.getByLabelText(/^Callback URLs/);
        expect(findings()).not.toBeInTheDocument();

        fireEvent.change(field, {target: {value: 'https://app.example.com/cb'}});
        expect(findings()).not.toBeInTheDocument();

        fireEvent.change(field, {target: {value: 'https://app.example.com/cb\nhttp://app.example.com/cb#x'}});
        const items = within(findings()!).getAllByRole('listitem').map((li) => li.textContent);
        expect(items).toEqual([
            expect.stringMatching(/^Error: http:\/\/app\.example\.com\/cb#x: This callback uses http:\/\/ on app\.example\.com, which is not a loopback address/),
            expect.stringMatching(/^Error: http:\/\/app\.example\.com\/cb#x: A redirect URI must not have a fragment/),
        ]);
        expect(field).toHaveAttribute('aria-describedby', expect.stringContaining('oauth-form-callbacks-lint'));

        fireEvent.change(field, {target: {value: 'https://app.example.com/cb'}});
        expect(findings()).not.toBeInTheDocument();
    });

    test('the server\'s DCR allowlist, matched as its version does', () => {
        render(withIntl(<Form lintOptions={{allowlist: ['https://app.example.com/cb'], serverVersion: '11.9.1'}}/>));
        fireEvent.change(screen.getByLabelText(/^Callback URLs/), {target: {value: 'https://other.example.com/cb'}});
        expect(within(findings()!).getByRole('listitem')).toHaveTextContent(/^Error: https:\/\/other\.example\.com\/cb: The DCR redirect URI allowlist of this server/);
    });

    test('a hostile URI stays text: no element comes from it', () => {
        render(withIntl(<Form/>));
        const hostile = 'http://e.example/<img src=x onerror=alert(1)>';
        fireEvent.change(screen.getByLabelText(/^Callback URLs/), {target: {value: hostile}});
        const list = findings()!;
        expect(list.querySelector('img')).toBeNull();
        expect(within(list).getAllByRole('listitem')[0].textContent).toContain(hostile);
    });
});

test('the form opened alone (the create modal) reads the server\'s allowlist and version once', async () => {
    const getPluginSettings = jest.fn(async () => ({command_access: 'everyone', reveal_secrets_in_chat: true, default_page_size: 50, dcr_redirect_uri_allowlist: ['https://app.example.com/cb'], server_version: '11.9.1'}));
    setClient({getPluginSettings} as unknown as OAuthClient);
    const entities = {users: {currentUserId: 'u1', profiles: {u1: {roles: 'system_user'}}}};
    const store = configureStore({
        reducer: (state: Record<string, unknown> | undefined, action) => ({entities, [stateKey]: reducer(state?.[stateKey] as never, action)}),
        middleware: (gd) => gd({serializableCheck: false}),
    });
    render(withIntl(<Provider store={store}><ConnectedAppForm onSaved={() => undefined}/></Provider>));
    expect(getPluginSettings).not.toHaveBeenCalled();
    act(() => {
        store.dispatch(formOpened({mode: 'create', surface: 'modal', fields: EMPTY_FORM}));
    });
    fireEvent.change(screen.getByLabelText(/^Callback URLs/), {target: {value: 'https://other.example.com/cb'}});
    expect(await within(await screen.findByRole('list', {name: 'Redirect URI check'})).findByText(/The DCR redirect URI allowlist of this server/)).toBeInTheDocument();
    expect(getPluginSettings).toHaveBeenCalledTimes(1);
});
