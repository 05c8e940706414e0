import {configureStore} from '@reduxjs/toolkit';
import {act, fireEvent, render, screen, waitFor} from '@testing-library/react';
import React from 'react';
import {Provider} from 'react-redux';

import CreateAppModal from './create_app_modal';
import {withIntl} from './test_intl';

import {setClient} from '../client/oauth_client';
import type {OAuthClient} from '../client/oauth_client';
import {stateKey} from '../store/selectors';
import {EMPTY_FORM, formOpened, reducer} from '../store/slice';

function setup(createOAuthApp: jest.Mock) {
    setClient({createOAuthApp} as unknown as OAuthClient);
    const entities = {users: {currentUserId: 'u1', profiles: {u1: {roles: 'system_user'}}}};
    const store = configureStore({
        reducer: (state: Record<string, unknown> | undefined, action) => ({entities, [stateKey]: reducer(state?.[stateKey] as never, action)}),
        middleware: (gd) => gd({serializableCheck: false}),
    });
    render(withIntl(<Provider store={store}><CreateAppModal/></Provider>));
    return store;
}

test('renders nothing until /oauth create opens it, then creates and shows the secret once', async () => {
    const createOAuthApp = jest.fn(async (a: Record<string, unknown>) => ({...a, id: 'n'.repeat(26), client_secret: 'modalsecret'}));
    const store = setup(createOAuthApp);
    expect(screen.queryAllByRole('dialog')).toHaveLength(0);
    act(() => {
        store.dispatch(formOpened({mode: 'create', surface: 'modal', fields: EMPTY_FORM}));
    });
    expect(screen.getByRole('dialog', {name: 'Create an OAuth app'})).toBeInTheDocument();
    expect(screen.queryByLabelText(/Trusted:/)).not.toBeInTheDocument(); // not a system admin
    fireEvent.change(screen.getByLabelText(/^Name/), {target: {value: 'Modal bot'}});
    fireEvent.change(screen.getByLabelText(/^Homepage/), {target: {value: 'https://m.example.com'}});
    fireEvent.click(screen.getByRole('button', {name: 'Create app'}));
    expect(screen.getByText('Give at least one callback URL.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Name/)).toHaveValue('Modal bot');
    fireEvent.change(screen.getByLabelText(/^Callback URLs/), {target: {value: 'https://m.example.com/cb'}});
    fireEvent.click(screen.getByRole('button', {name: 'Create app'}));
    expect(await screen.findByRole('dialog', {name: 'Created Modal bot'})).toHaveTextContent('modalsecret');
    fireEvent.click(screen.getByRole('button', {name: 'Done'}));
    await waitFor(() => expect(screen.queryAllByRole('dialog')).toHaveLength(0));
});
