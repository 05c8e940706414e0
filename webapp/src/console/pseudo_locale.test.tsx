import {act, fireEvent, render, screen, waitFor, within} from '@testing-library/react';
import React from 'react';
import {createIntl} from 'react-intl';

import type {OAuthApp} from '@mattermost/types/integrations';

import CreateAppModal from './create_app_modal';
import {DAY_MS, setup as setupManager} from './test_manager';
import type {Extra} from './test_manager';

import {pseudoCatalogue, PSEUDO_CLOSE, PSEUDO_OPEN} from '../i18n/pseudo';
import {EMPTY_FORM, formOpened} from '../store/slice';

const pseudo = pseudoCatalogue();

const apps: OAuthApp[] = [1, 2, 3].map((n) => ({
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
    is_public: n !== 1,
    is_dynamically_registered: n === 2,
}));

// Newest first: Zulu 3 (never used) and Zulu 2 (stale, with a token but no
// session on record, orphaned, legacy) on the first page; Zulu 1 (used) next.
const extra: Record<string, Extra> = {
    [apps[0].id]: {usage: {authorized_users: 3, live_tokens: 2, live_sessions: 1, last_used: Date.now() - DAY_MS}},
    [apps[1].id]: {usage: {authorized_users: 1, live_tokens: 1, live_sessions: 0, last_used: 0}, orphaned: true, legacy: true},
};

// The server's reason for a fallback: its own plain words, shown as they come.
const REASON = 'the server could not be reached';

// Words that are data, not language: the apps, the users, the server's URL.
const data = [
    ...apps.flatMap((a) => [a.id, a.name, a.description, a.icon_url, a.homepage, ...a.callback_urls, a.client_secret]),
    '@alice', '@bob', 'http://mm.test', 'http://other.test', 'issuer', 'authorization_endpoint', 'token_endpoint',
    REASON,
].filter(Boolean);
const dates = createIntl({locale: 'en'});
const formattedDates = [...apps.flatMap((a) => [a.create_at, a.update_at]), Date.now() - DAY_MS].flatMap((ms) => [
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

function setup(options: {unavailable?: string; usageOff?: string} = {}) {
    return setupManager({
        apps,
        extra,
        pageSize: 2,
        messages: pseudo,
        extraUI: <CreateAppModal/>,
        client: {
            getOAuthMetadata: jest.fn(async () => ({issuer: 'http://other.test', authorization_endpoint: '', token_endpoint: ''})),
            getAuthorizedOAuthApps: jest.fn(async () => apps),
            deleteOAuthApp: jest.fn(async () => {
                throw Object.assign(new Error(''), {status_code: 403});
            }),
        },
        ...options,
    });
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

test.each([
    ['the REST fallback', {unavailable: REASON}],
    ['usage figures off', {usageOff: REASON}],
])('the notice for %s comes from the catalogue', async (_, options) => {
    setup(options);
    await screen.findByText(new RegExp(REASON));
    const table = await screen.findByRole('table');
    await waitFor(() => expect(within(table).getAllByRole('row').length).toBeGreaterThan(1));
    expect(leaks()).toEqual([]);
});

test('the check finds a string that bypasses the catalogue', () => {
    render(<p>{'Hard-coded words'}</p>);
    expect(leaks()).toEqual(['text "Hard-coded words"']);
});
