// Every word the console shows comes from the catalogue: rendered with a
// pseudo-locale (every message wrapped in ⟦…⟧), no text outside the wrapping
// may hold letters except the apps' own data.
import {configureStore} from '@reduxjs/toolkit';
import {act, fireEvent, render, screen, waitFor, within} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';
import {createIntl} from 'react-intl';
import {Provider} from 'react-redux';

import type {OAuthApp} from '@mattermost/types/integrations';

import CreateAppModal from './create_app_modal';
import OAuthManagerSection from './oauth_manager_section';
import {withIntl} from './test_intl';

import {setClient} from '../client/oauth_client';
import type {OAuthClient} from '../client/oauth_client';
import {pseudoCatalogue, PSEUDO_CLOSE, PSEUDO_OPEN} from '../i18n/pseudo';
import {stateKey} from '../store/selectors';
import {EMPTY_FORM, formOpened, reducer} from '../store/slice';

const pseudo = pseudoCatalogue();

const apps: OAuthApp[] = [1, 2].map((n) => ({
    id: `app${n}`.padEnd(26, 'x'),
    creator_id: n === 1 ? 'u1' : 'u2',
    create_at: Date.UTC(2026, 0, n),
    update_at: Date.UTC(2026, 1, n),
    client_secret: n === 1 ? 'topsecret' : '',
    name: `Zulu ${n}`,
    description: 'Quebec',
    icon_url: 'https://icons.example/i.png',
    callback_urls: [`https://cb${n}.example/cb`],
    homepage: 'https://home.example',
    is_trusted: n === 1,
    is_public: n === 2,
    is_dynamically_registered: n === 2,
}));

// Words that are data, not language: the apps, the users, the server's URL.
const data = [
    ...apps.flatMap((a) => [a.id, a.name, a.description, a.icon_url, a.homepage, ...a.callback_urls, a.client_secret]),
    '@bob', 'u1', 'http://mm.test', 'http://other.test', 'issuer', 'authorization_endpoint', 'token_endpoint',
].filter(Boolean);
const dates = createIntl({locale: 'en'});
const formattedDates = apps.flatMap((a) => [a.create_at, a.update_at]).flatMap((ms) => [
    dates.formatDate(ms, {dateStyle: 'medium'}), dates.formatDate(ms, {dateStyle: 'medium', timeStyle: 'short'}),
]);

const known = [...formattedDates, ...data].sort((a, b) => b.length - a.length);

// What is left of a text once translated parts (nested: an argument may be a
// translated phrase) and data are taken out.
function untranslated(text: string): string {
    const innermost = new RegExp(`${PSEUDO_OPEN}[^${PSEUDO_OPEN}${PSEUDO_CLOSE}]*${PSEUDO_CLOSE}`, 'g');
    let rest = text;
    for (let before = ''; before !== rest;) {
        before = rest;
        rest = rest.replace(innermost, ' ');
    }
    for (const value of known) {
        rest = rest.split(value).join(' ');
    }
    return (/[A-Za-z]/).test(rest) ? rest.trim() : '';
}

function leaks(): string[] {
    const found = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const left = untranslated(node.textContent ?? '');
        if (left) {
            found.add(`text "${node.textContent}"`);
        }
    }
    for (const el of document.body.querySelectorAll('[aria-label], [placeholder], [title]')) {
        for (const attr of ['aria-label', 'placeholder', 'title']) {
            const value = el.getAttribute(attr);
            if (value && untranslated(value)) {
                found.add(`${attr} "${value}"`);
            }
        }
    }
    return [...found];
}

function setup() {
    const fake = {
        getUrl: () => 'http://mm.test',
        getOAuthMetadata: jest.fn(async () => ({issuer: 'http://other.test', authorization_endpoint: '', token_endpoint: ''})),
        getPluginSettings: jest.fn(async () => ({command_access: 'everyone', reveal_secrets_in_chat: true, default_page_size: 1})),
        getOAuthApps: jest.fn(async (page: number) => (page === 0 ? apps : [])),
        getProfilesByIds: jest.fn(async () => [{id: 'u2', username: 'bob'}]),
        getOAuthApp: jest.fn(async (id: string) => apps.find((a) => a.id === id)),
        getAuthorizedOAuthApps: jest.fn(async () => apps),
        deleteOAuthApp: jest.fn(async () => {
            throw Object.assign(new Error(''), {status_code: 403});
        }),
    };
    setClient(fake as unknown as OAuthClient);
    const entities = {users: {currentUserId: 'u1', profiles: {u1: {roles: 'system_user system_admin'}}}, general: {config: {}}};
    const store = configureStore({
        reducer: (state: Record<string, unknown> | undefined, action) => ({entities, [stateKey]: reducer(state?.[stateKey] as never, action)}),
        middleware: (gd) => gd({serializableCheck: false}),
    });
    render(withIntl(
        <Provider store={store}>
            <OAuthManagerSection/>
            <CreateAppModal/>
        </Provider>,
        pseudo,
    ));
    return {store, user: userEvent.setup()};
}

const wrapped = (id: string) => PSEUDO_OPEN + (pseudo[id] ?? '').slice(1, -1) + PSEUDO_CLOSE;

test('the pseudo-locale reaches the console (the catalogue is what renders)', async () => {
    setup();
    expect(await screen.findByText(wrapped('oauth-manager.console.manager.new_app'))).toBeInTheDocument();
});

test('no console text bypasses the catalogue: table, details, filters, status, forms, confirmations, errors', async () => {
    const {store, user} = setup();
    const table = await screen.findByRole('table');
    await waitFor(() => expect(within(table).getAllByRole('row').length).toBeGreaterThan(1));
    for (const toggle of within(table).getAllByRole('button', {expanded: false})) {
        await user.click(toggle); // eslint-disable-line no-await-in-loop -- one after another, as a user clicks
    }
    expect(leaks()).toEqual([]);

    // A confirmation, and the server's refusal inside it.
    const deleteButtons = screen.getAllByRole('button').filter((b) => b.className.includes('btn-danger'));
    await user.click(deleteButtons[0]);
    await user.click(screen.getAllByRole('button').filter((b) => b.className.includes('btn-danger')).pop()!);
    await screen.findByRole('alert');
    expect(leaks()).toEqual([]);
    fireEvent.keyDown(document.activeElement!, {key: 'Escape', keyCode: 27});

    // The create form with its validation errors, over the channel.
    act(() => {
        store.dispatch(formOpened({mode: 'create', surface: 'modal', fields: EMPTY_FORM}));
    });
    const dialogs = await screen.findAllByRole('dialog');
    const submit = within(dialogs[dialogs.length - 1]).getAllByRole('button').filter((b) => b.className.includes('btn-primary'))[0];
    await user.click(submit);
    expect(leaks()).toEqual([]);
});

test('the check finds a string that bypasses the catalogue', () => {
    render(<p>{'Hard-coded words'}</p>);
    expect(leaks()).toEqual(['text "Hard-coded words"']);
});
