// Markdown for ephemeral posts: tables for lists, field lists for one app.
import {defineMessages, type IntlShape} from 'react-intl';

import {mdCellCode, mdCode, mdText} from './markdown';

import {isQuarantined} from '../client/governance_types';
import type {AppStates, AppUsage} from '../client/oauth_client';
import {creatorLabel, date, typeLabel} from '../store/labels';
import type {AppSummary} from '../store/slice';

export {MASK} from '../store/labels';

// Every server-originated string goes through markdown.ts: md for text and
// table cells, code for code spans (cellCode inside a table).
export const md = mdText;
export const code = mdCode;
export const cellCode = mdCellCode;

export const FIELDS = defineMessages({
    name: {id: 'oauth-manager.field.name', defaultMessage: 'Name'},
    clientId: {id: 'oauth-manager.field.client_id', defaultMessage: 'Client ID'},
    secret: {id: 'oauth-manager.field.client_secret', defaultMessage: 'Client secret'},
    type: {id: 'oauth-manager.field.type', defaultMessage: 'Type'},
    trusted: {id: 'oauth-manager.field.trusted', defaultMessage: 'Trusted'},
    dynamic: {id: 'oauth-manager.field.dynamically_registered', defaultMessage: 'Dynamically registered'},
    dcr: {id: 'oauth-manager.field.dcr', defaultMessage: 'DCR'},
    homepage: {id: 'oauth-manager.field.homepage', defaultMessage: 'Homepage'},
    description: {id: 'oauth-manager.field.description', defaultMessage: 'Description'},
    iconURL: {id: 'oauth-manager.field.icon_url', defaultMessage: 'Icon URL'},
    callbacks: {id: 'oauth-manager.field.callback_urls', defaultMessage: 'Callback URLs'},
    createdBy: {id: 'oauth-manager.field.created_by', defaultMessage: 'Created by'},
    creator: {id: 'oauth-manager.field.creator', defaultMessage: 'Creator'},
    created: {id: 'oauth-manager.field.created', defaultMessage: 'Created'},
    updated: {id: 'oauth-manager.field.updated', defaultMessage: 'Updated'},
    users: {id: 'oauth-manager.field.users', defaultMessage: 'Users'},
    lastUsed: {id: 'oauth-manager.field.last_used', defaultMessage: 'Last used'},
    authorizedBy: {id: 'oauth-manager.field.authorized_by', defaultMessage: 'Authorized by'},
    liveTokens: {id: 'oauth-manager.field.live_tokens', defaultMessage: 'Live access tokens'},
    liveSessions: {id: 'oauth-manager.field.live_sessions', defaultMessage: 'Live OAuth sessions'},
    state: {id: 'oauth-manager.field.state', defaultMessage: 'State'},
    usage: {id: 'oauth-manager.field.usage', defaultMessage: 'Usage'},
});

const m = defineMessages({
    yes: {id: 'oauth-manager.chat.yes', defaultMessage: 'Yes'},
    no: {id: 'oauth-manager.chat.no', defaultMessage: 'No'},
    publicType: {id: 'oauth-manager.chat.app.public_type', defaultMessage: '{type} (no secret; must use PKCE with S256)'},
    trustedYes: {id: 'oauth-manager.chat.app.trusted_yes', defaultMessage: '{yes} (users are not asked for consent)'},
    secretWarning: {id: 'oauth-manager.chat.secret_warning', defaultMessage: 'Copy it now and store it safely: it is shown here to you only, in this message that disappears on reload. Anyone with it can act as the app.'},
    noSecret: {id: 'oauth-manager.chat.app.no_secret', defaultMessage: 'none: a public client has no secret'},
    creatorGone: {id: 'oauth-manager.chat.app.creator_gone', defaultMessage: '{creator} (deactivated or deleted)'},
    never: {id: 'oauth-manager.chat.app.never_used', defaultMessage: 'never'},
    noSession: {id: 'oauth-manager.chat.app.no_session', defaultMessage: 'no session on record'},
    staleCell: {id: 'oauth-manager.chat.app.stale_cell', defaultMessage: '{date} (stale)'},
    users: {id: 'oauth-manager.chat.app.users', defaultMessage: '{count, plural, one {# user} other {# users}}'},
    neverUsed: {id: 'oauth-manager.chat.app.state_never_used', defaultMessage: 'never used'},
    stale: {id: 'oauth-manager.chat.app.state_stale', defaultMessage: 'stale (not used for {days, plural, one {# day} other {# days}})'},
    orphaned: {id: 'oauth-manager.chat.app.state_orphaned', defaultMessage: 'orphaned (its creator is deactivated or deleted, or it has none)'},
    quarantined: {id: 'oauth-manager.chat.app.quarantined', defaultMessage: 'Quarantined (no new sign-in; release it to restore its callbacks)'},
    legacy: {id: 'oauth-manager.chat.app.state_legacy', defaultMessage: 'legacy (made for the Apps Framework, which Mattermost 12 removed)'},
});

export const yesNo = (intl: IntlShape, v: boolean | undefined) => intl.formatMessage(v ? m.yes : m.no);
export const secretWarning = (intl: IntlShape) => intl.formatMessage(m.secretWarning);
export const noSecret = (intl: IntlShape) => intl.formatMessage(m.noSecret);

export function table(headers: string[], rows: string[][]): string {
    return [
        `| ${headers.join(' | ')} |`,
        `|${headers.map(() => '---').join('|')}|`,
        ...rows.map((r) => `| ${r.join(' | ')} |`),
    ].join('\n');
}

export function fieldList(title: string, fields: Array<[string, string]>): string {
    return [`#### ${title}`, ...fields.map(([k, v]) => `- **${k}**: ${v}`)].join('\n');
}

export function creatorName(intl: IntlShape, app: AppSummary, usernames: Record<string, string>, currentUserId: string): string {
    const label = creatorLabel(intl, app, usernames, currentUserId);
    return label === app.creator_id ? code(label) : md(label);
}

// An app's fields in order; `omitType` for public information, where the type is unknown.
export function appFields(intl: IntlShape, app: AppSummary, usernames: Record<string, string>, me: string, secretLine: string, {omitType = false} = {}): Array<[string, string]> {
    const f = (d: typeof FIELDS.name) => intl.formatMessage(d);
    const type = typeLabel(intl, app);
    const yes = yesNo(intl, app.is_trusted);
    const fields: Array<[string, string] | undefined> = [
        [f(FIELDS.clientId), code(app.id)],
        [f(FIELDS.secret), secretLine],
        omitType ? undefined : [f(FIELDS.type), app.is_public === true ? intl.formatMessage(m.publicType, {type}) : type],
        [f(FIELDS.trusted), app.is_trusted ? intl.formatMessage(m.trustedYes, {yes}) : yes],
        [f(FIELDS.dynamic), yesNo(intl, app.is_dynamically_registered)],
        [f(FIELDS.homepage), app.homepage ? code(app.homepage) : '—'],
        [f(FIELDS.description), app.description ? md(app.description) : '—'],
        [f(FIELDS.iconURL), app.icon_url ? code(app.icon_url) : '—'],
        [f(FIELDS.callbacks), isQuarantined(app.callback_urls) ? intl.formatMessage(m.quarantined) : app.callback_urls.map((u) => code(u)).join(', ') || '—'],
        [f(FIELDS.createdBy), creatorName(intl, app, usernames, me)],
        [f(FIELDS.created), date(app.create_at)],
        [f(FIELDS.updated), date(app.update_at)],
    ];
    return fields.filter((x): x is [string, string] => x !== undefined);
}

// The read model's usage of an app, when it came with it.
export type UsageView = {usage: AppUsage; states: AppStates; staleAfterDays: number};

export function usageOf(app: AppSummary, staleAfterDays: number): UsageView | undefined {
    return app.usage && app.states ? {usage: app.usage, states: app.states, staleAfterDays} : undefined;
}

// The last-used cell: a day, "never", or the day marked stale.
function lastUsedCell(intl: IntlShape, {usage, states}: UsageView): string {
    if (states.never_used) {
        return intl.formatMessage(m.never);
    }
    const day = usage.last_used ? date(usage.last_used).slice(0, 10) : '—';
    return states.stale ? intl.formatMessage(m.staleCell, {date: day}) : day;
}

// The usage rows of `show`, or one row saying why there are none.
export function usageFields(intl: IntlShape, view: UsageView | undefined, unavailable: string): Array<[string, string]> {
    const f = (d: typeof FIELDS.name) => intl.formatMessage(d);
    if (!view) {
        return [[f(FIELDS.usage), unavailable]];
    }
    const {usage, states} = view;
    let lastUsed = usage.last_used ? date(usage.last_used) : intl.formatMessage(m.noSession);
    if (states.never_used) {
        lastUsed = intl.formatMessage(m.never);
    }
    const flags = [
        states.never_used ? intl.formatMessage(m.neverUsed) : '',
        states.stale ? intl.formatMessage(m.stale, {days: view.staleAfterDays}) : '',
        states.orphaned ? intl.formatMessage(m.orphaned) : '',
        states.legacy ? intl.formatMessage(m.legacy) : '',
    ].filter(Boolean);
    const fields: Array<[string, string]> = [
        [f(FIELDS.authorizedBy), intl.formatMessage(m.users, {count: usage.authorized_users})],
        [f(FIELDS.liveTokens), String(usage.live_tokens)],
        [f(FIELDS.liveSessions), String(usage.live_sessions)],
        [f(FIELDS.lastUsed), lastUsed],
    ];
    return flags.length ? [...fields, [f(FIELDS.state), flags.join('; ')]] : fields;
}

// With `staleAfterDays` (usage figures on), the table has users and last-used columns.
export function appsTable(intl: IntlShape, apps: AppSummary[], usernames: Record<string, string>, me: string, staleAfterDays?: number): string {
    const withUsage = staleAfterDays !== undefined;
    const headers = [FIELDS.name, FIELDS.clientId, FIELDS.type, FIELDS.trusted, FIELDS.dcr, FIELDS.creator, FIELDS.callbacks,
        ...(withUsage ? [FIELDS.users, FIELDS.lastUsed] : []), FIELDS.created];
    return table(
        headers.map((d) => intl.formatMessage(d)),
        apps.map((a) => {
            const view = withUsage ? usageOf(a, staleAfterDays) : undefined;
            let creator = creatorName(intl, a, usernames, me);
            if (a.states?.orphaned && a.creator_id) {
                creator = intl.formatMessage(m.creatorGone, {creator});
            }
            return [
                md(a.name),
                cellCode(a.id),
                typeLabel(intl, a),
                yesNo(intl, a.is_trusted),
                yesNo(intl, a.is_dynamically_registered),
                creator,
                isQuarantined(a.callback_urls) ? intl.formatMessage(m.quarantined) : a.callback_urls.map((u) => md(u)).join(', '),
                ...(view ? [String(view.usage.authorized_users), lastUsedCell(intl, view)] : []),
                ...(withUsage && !view ? ['—', '—'] : []),
                date(a.create_at).slice(0, 10),
            ];
        }),
    );
}
