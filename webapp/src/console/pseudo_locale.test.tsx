import {configureStore} from '@reduxjs/toolkit';
import {act, fireEvent, render, screen, waitFor, within} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';
import {createIntl} from 'react-intl';
import {Provider} from 'react-redux';

import type {OAuthApp} from '@mattermost/types/integrations';

import AuditChannelSetting from './audit_channel_setting';
import CreateAppModal from './create_app_modal';
import {withIntl} from './test_intl';
import {DAY_MS, GOVERNANCE, setup as setupManager} from './test_manager';
import type {Extra} from './test_manager';

import {setClient} from '../client/oauth_client';
import type {OAuthClient} from '../client/oauth_client';
import {pseudoCatalogue, PSEUDO_CLOSE, PSEUDO_OPEN} from '../i18n/pseudo';
import {stateKey} from '../store/selectors';
import {EMPTY_FORM, formOpened, reducer} from '../store/slice';

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

// The governance routes' data: channel and team names, the server's words, times.
const TRAIL_RUN = Date.UTC(2026, 10, 24, 21, 45);
const SINCE = Date.UTC(2026, 10, 20);
const LAST_USED = Date.now() - DAY_MS;
const governanceData = ['Kilo audit', 'kilo-audit', 'Quebec team', 'The audit channel is archived: nothing can be posted there. Choose another one.', 'rotated-secret', 'Romeo failed'];
const governanceTimes = [TRAIL_RUN, SINCE, Date.now() - (120 * DAY_MS), Date.now() + (5 * DAY_MS)];

// Words that are data, not language: the apps, the users, the server's URL.
const data = [
    ...apps.flatMap((a) => [a.id, a.name, a.description, a.icon_url, a.homepage, ...a.callback_urls, a.client_secret]),
    '@alice', '@bob', 'http://mm.test', 'http://other.test', 'issuer', 'authorization_endpoint', 'token_endpoint',
    REASON, ...governanceData,
].filter(Boolean);
const dates = createIntl({locale: 'en'});
const formattedDates = [...apps.flatMap((a) => [a.create_at, a.update_at]), LAST_USED, ...governanceTimes].flatMap((ms) => [
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

function setup({client, ...options}: {unavailable?: string; usageOff?: string; client?: Record<string, jest.Mock>} = {}) {
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
            ...client,
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

test('no governance text bypasses the catalogue: trail panel, secret age, rotation, DCR view and prune', async () => {
    const confidential = apps[0];
    const {user} = setup({
        client: {
            getGovernance: jest.fn(async () => ({
                ...GOVERNANCE,
                audit_channel: {id: 'c'.repeat(26), name: 'kilo-audit', display_name: 'Kilo audit', team_name: 'kilo-team', team_display_name: 'Quebec team'},
                audit_channel_problem: 'The audit channel is archived: nothing can be posted there. Choose another one.',
                trail: {last_run: TRAIL_RUN, interval_minutes: 5, apps: 3, since: SINCE, pending_posts: 1},
                secret_max_age_days: 90,
                scheduled_prune: {enabled: true, after_days: 30, max_per_run: 20},
            })),
            runTrail: jest.fn(async () => ({ran: true, events: 2, posted: 2})),
            getSecretAges: jest.fn(async () => ({max_age_days: 90, pending: false, ages: {[confidential.id]: {since: governanceTimes[2], exact: false, due_at: governanceTimes[3], overdue: true}}})),
            rotateSecret: jest.fn(async () => ({app: {...confidential, client_secret: 'rotated-secret'}, checklist: {callback_urls: confidential.callback_urls, homepage: confidential.homepage, last_used: LAST_USED, used_since_previous_secret: true, previous_secret_since: governanceTimes[2], previous_secret_exact: false}})),
            planDcrPrune: jest.fn(async () => ({plan_id: 'p', older_than_days: 30, count: 1, apps: [{id: apps[1].id, name: apps[1].name, create_at: apps[1].create_at, last_used: 0, state: 'never_used'}]})),
            confirmDcrPrune: jest.fn(async () => ({deleted: [{id: apps[1].id, name: apps[1].name}], skipped: [{id: apps[2].id, name: apps[2].name, reason: 'used_since'}], failed: [{id: apps[0].id, name: apps[0].name, message: 'Romeo failed'}]})),
        },
    });
    await screen.findByText(/Kilo audit/);
    await user.click(screen.getByRole('button', {name: wrapped('oauth-manager.console.governance.run_now')}));
    await screen.findByText(/⟦Checked:/);

    // The app's details with its secret age (on the second page), then a rotation and its checklist.
    const table = await screen.findByRole('table', {name: wrapped('oauth-manager.console.table.label')});
    await waitFor(() => expect(within(table).getAllByRole('row').length).toBeGreaterThan(1));
    await user.click(screen.getAllByRole('button', {name: wrapped('oauth-manager.console.manager.next')})[0]);
    await screen.findByText(confidential.name);
    for (const toggle of within(table).getAllByRole('button', {expanded: false})) {
        await user.click(toggle); // eslint-disable-line no-await-in-loop -- one after another, as a user clicks
    }
    await screen.findByText(/⟦Overdue/);
    const rotate = screen.getAllByRole('button').find((b) => b.textContent === wrapped('oauth-manager.console.details.rotate'))!;
    await user.click(rotate);
    const dialog = (await screen.findAllByRole('dialog')).pop()!;
    await user.click(within(dialog).getAllByRole('button').find((b) => b.className.includes('btn-danger'))!);
    await screen.findByText(wrapped('oauth-manager.console.rotate.checklist'));
    expect(leaks()).toEqual([]);

    // The DCR view, a dry run, its confirmation and the summary.
    await user.click(screen.getByRole('button', {name: wrapped('oauth-manager.console.dcr.open')}));
    await screen.findByRole('table', {name: wrapped('oauth-manager.console.dcr.table')});
    await user.type(screen.getByLabelText(wrapped('oauth-manager.console.prune.older_than')), 'x');
    await user.click(screen.getByRole('button', {name: wrapped('oauth-manager.console.prune.dry_run')}));
    await screen.findByText(wrapped('oauth-manager.console.prune.bad_days'));
    expect(leaks()).toEqual([]);
    await user.clear(screen.getByLabelText(wrapped('oauth-manager.console.prune.older_than')));
    await user.click(screen.getByRole('button', {name: wrapped('oauth-manager.console.prune.dry_run')}));
    await screen.findByRole('table', {name: wrapped('oauth-manager.console.prune.plan_table')});
    expect(leaks()).toEqual([]);
    await user.click(screen.getAllByRole('button').find((b) => b.textContent?.startsWith('⟦Delete this client'))!);
    const confirmPrune = (await screen.findAllByRole('dialog')).pop()!;
    expect(leaks()).toEqual([]);
    await user.click(within(confirmPrune).getAllByRole('button').find((b) => b.className.includes('btn-danger'))!);
    await screen.findByText(/⟦Prune done/);
    expect(leaks()).toEqual([]);
});

test('the audit channel picker says nothing outside the catalogue', async () => {
    const found = {id: 'c'.repeat(26), name: 'kilo-audit', display_name: 'Kilo audit', type: 'P', team_id: 't', team_display_name: 'Quebec team'};
    setClient({
        getChannel: jest.fn(async () => found),
        getTeam: jest.fn(async () => ({display_name: 'Quebec team'})),
        searchAllChannels: jest.fn(async () => ({channels: [found], total_count: 40})),
    } as unknown as OAuthClient);
    const store = configureStore({reducer: {[stateKey]: reducer}});
    render(withIntl(
        <Provider store={store}>
            <AuditChannelSetting
                id='audit'
                value={found.id}
                onChange={jest.fn()}
                setSaveNeeded={jest.fn()}
            />
        </Provider>,
        pseudo,
    ));
    await screen.findByText('Kilo audit');
    await userEvent.setup().type(screen.getByRole('searchbox'), 'kilo');
    await screen.findByRole('list');
    expect(leaks()).toEqual([]);
});

test('the check finds a string that bypasses the catalogue', () => {
    render(<p>{'Hard-coded words'}</p>);
    expect(leaks()).toEqual(['text "Hard-coded words"']);
});
