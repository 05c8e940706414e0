// The console's manager rendered as the host renders it (a redux store with
// the host's entities, an IntlProvider), over a fake client whose apps live in
// one map: REST calls and the read model's route (GET .../api/v1/apps: paging,
// totals, the query by the same rules as store/query.ts, whose equality with
// the server's SQL query.test.ts and an e2e test check) see the same apps. The
// governance routes answer as a fresh server would (no trail run yet, no
// audit channel); the DCR view's listing is its own fake (listDcrClients), so
// the table's route calls stay countable.
import {configureStore} from '@reduxjs/toolkit';
import {render, screen, within} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';
import {Provider} from 'react-redux';

import type {OAuthApp} from '@mattermost/types/integrations';

import OAuthManagerSection from './oauth_manager_section';
import {withIntl} from './test_intl';

import {setClient} from '../client/oauth_client';
import type {AppListing, AppUsage, ListedApp, ListingQuery, OAuthClient} from '../client/oauth_client';
import type {Catalogue} from '../i18n/translations';
import {queryApps, staleCutoff, usageState} from '../store/query';
import {stateKey} from '../store/selectors';
import {reducer} from '../store/slice';
import {toSummary} from '../store/summary';

export const STALE_AFTER_DAYS = 90;
export const DAY_MS = 24 * 60 * 60 * 1000;
export const USERNAMES: Record<string, string> = {u1: 'alice', u2: 'bob'};

export function app(n: number, extra: Partial<OAuthApp> = {}): OAuthApp {
    return {
        id: `app${n}`.padEnd(26, 'x'),
        creator_id: n % 2 ? 'u1' : 'u2',
        create_at: Date.UTC(2026, 0, 1 + n),
        update_at: 1,
        client_secret: `secret${n}`,
        name: `App ${String(n).padStart(3, '0')}`,
        description: n === 3 ? 'the billing sync' : '',
        icon_url: '',
        callback_urls: [`https://app${n}.example.com/cb`],
        homepage: 'https://example.com',
        is_trusted: n === 2,
        ...extra,
    };
}

// What the read model adds to an app, by app id.
export type Extra = {usage?: AppUsage; orphaned?: boolean; legacy?: boolean};

// An app as the route lists it: no secret, the creator joined, usage and states.
export function listed(a: OAuthApp, extra: Extra = {}, {usageOff = false} = {}): ListedApp {
    const {orphaned = false, legacy = false} = extra;
    const usage = extra.usage ?? {authorized_users: 0, live_tokens: 0, live_sessions: 0, last_used: 0};
    const summary = {...toSummary(a), is_public: !a.client_secret, creator_username: USERNAMES[a.creator_id] ?? '', legacy};
    if (usageOff) {
        return {...summary, usage: null, states: {never_used: null, stale: null, orphaned, legacy}};
    }
    const state = usageState({...summary, usage}, staleCutoff(Date.now(), STALE_AFTER_DAYS));
    return {...summary, usage, states: {never_used: state === 'never_used', stale: state === 'stale', orphaned, legacy}};
}

export function routeAnswer(apps: ListedApp[], q: ListingQuery, usageOff = ''): AppListing {
    const matching = queryApps(apps, q, {usernames: {}, cutoff: staleCutoff(Date.now(), STALE_AFTER_DAYS)});
    const perPage = q.per_page ?? 50;
    const page = q.page ?? 0;
    return {
        total: matching.length,
        apps: (q.all ? matching : matching.slice(page * perPage, (page + 1) * perPage)) as ListedApp[],
        stale_after_days: STALE_AFTER_DAYS,
        ...(usageOff ? {usage_off: usageOff} : {}),
    };
}

export type Fake = Record<string, jest.Mock | (() => string)>;

// GET /api/v1/governance on a server whose trail has not run.
export const GOVERNANCE = {
    audit_channel: null,
    audit_channel_problem: '',
    bot_user_id: 'bot',
    trail: {last_run: 0, interval_minutes: 5, apps: 0, since: 0, pending_posts: 0},
    secret_max_age_days: 0,
    scheduled_prune: {enabled: false, after_days: 90, max_per_run: 20},
};

export type SetupOptions = {
    apps?: OAuthApp[];
    extra?: Record<string, Extra>;

    // The read model is off (the route answers 503 with this reason), or only its usage figures.
    unavailable?: string;
    usageOff?: string;
    roles?: string;
    client?: Fake;
    imageProxy?: boolean;
    timezone?: Record<string, string>;
    pageSize?: number;
    messages?: Catalogue;
    extraUI?: React.ReactNode;
};

export const defaultApps = () => [app(1), app(2), app(3, {client_secret: ''}), app(4, {is_dynamically_registered: true})];

export function setup({apps = defaultApps(), extra = {}, unavailable, usageOff = '', roles = 'system_user system_admin', client = {}, imageProxy = false, timezone = {}, pageSize = 50, messages, extraUI}: SetupOptions = {}) {
    const byId = new Map(apps.map((a) => [a.id, a]));
    const fake: Fake = {
        getUrl: () => 'http://mm.test',
        getOAuthMetadata: jest.fn(async () => ({issuer: 'http://mm.test', authorization_endpoint: '', token_endpoint: '', registration_endpoint: 'http://mm.test/r'})),
        getPluginSettings: jest.fn(async () => ({command_access: 'everyone', reveal_secrets_in_chat: true, default_page_size: pageSize})),
        listApps: jest.fn(async (q: ListingQuery) => (unavailable ? {unavailable} : routeAnswer([...byId.values()].map((a) => listed(a, extra[a.id], {usageOff: Boolean(usageOff)})), q, usageOff))),
        getOAuthApps: jest.fn(async (page: number, perPage: number) => [...byId.values()].slice(page * perPage, (page + 1) * perPage)),
        getProfilesByIds: jest.fn(async (ids: string[]) => ids.map((id) => ({id, username: USERNAMES[id]}))),
        getOAuthApp: jest.fn(async (id: string) => byId.get(id)),
        createOAuthApp: jest.fn(async (a: OAuthApp) => {
            const created = {...a, id: 'new'.padEnd(26, 'n'), creator_id: 'u1', create_at: 1, update_at: 1, client_secret: a.is_public ? '' : 'brandnewsecret'};
            byId.set(created.id, created);
            return created;
        }),
        editOAuthApp: jest.fn(async (a: OAuthApp) => a),
        deleteOAuthApp: jest.fn(async (id: string) => {
            byId.delete(id);
            return {status: 'OK'};
        }),
        regenOAuthAppSecret: jest.fn(async (id: string) => ({...byId.get(id)!, client_secret: 'regeneratedsecret'})),
        reportChange: jest.fn(async () => null),
        getGovernance: jest.fn(async () => GOVERNANCE),
        runTrail: jest.fn(async () => ({ran: true, events: 0, posted: 0})),
        getSecretAges: jest.fn(async () => ({max_age_days: 0, pending: false, ages: {}})),
        listDcrClients: jest.fn(async (q: ListingQuery) => (unavailable ? {unavailable} : routeAnswer([...byId.values()].map((a) => listed(a, extra[a.id], {usageOff: Boolean(usageOff)})), {...q, dcr: true}, usageOff))),
        ...client,
    };
    setClient(fake as unknown as OAuthClient);
    const entities = {users: {currentUserId: 'u1', profiles: {u1: {roles, timezone}}}, general: {config: {HasImageProxy: String(imageProxy)}}};
    const store = configureStore({
        reducer: (state: Record<string, unknown> | undefined, action) => ({entities, [stateKey]: reducer(state?.[stateKey] as never, action)}),
        middleware: (gd) => gd({serializableCheck: false}),
    });
    render(withIntl(
        <Provider store={store}>
            <OAuthManagerSection/>
            {extraUI}
        </Provider>,
        messages,
    ));
    return {fake, store, user: userEvent.setup()};
}

// App rows (an open app's details row has a single cell).
export const rows = () => within(screen.getByRole('table', {name: 'OAuth apps'})).getAllByRole('row').slice(1).filter((r) => within(r).getAllByRole('cell').length > 1);
export const names = () => rows().map((r) => within(r).getAllByRole('cell')[0].firstChild?.textContent);
export const openDetails = (user: ReturnType<typeof userEvent.setup>, name: string) => user.click(screen.getByRole('button', {name: `Details of ${name}`}));

// The queries the route was asked, paging and all.
export const routeCalls = (fake: Fake) => (fake.listApps as jest.Mock).mock.calls.map(([q]) => q as ListingQuery);
