// What the read model says of an app's use and standing, in the table's
// cells, badges and details. An app the listing gave no figures (one created
// here since) counts as zeros, as the route's filter counts it.
import React from 'react';
import {defineMessages, useIntl} from 'react-intl';
import type {IntlShape, MessageDescriptor} from 'react-intl';

import {badge} from './styles';
import {useDates} from './use_dates';

import type {AppUsage} from '../client/oauth_client';
import {isLegacy, isOrphaned, usageState} from '../store/query';
import type {AppSummary} from '../store/slice';

const messages = defineMessages({
    neverUsed: {id: 'oauth-manager.console.table.never_used_badge', defaultMessage: 'Never used'},
    neverUsedWhy: {id: 'oauth-manager.console.table.never_used_why', defaultMessage: 'No authorization, live token or session on record'},
    stale: {id: 'oauth-manager.console.table.stale_badge', defaultMessage: 'Stale'},
    staleWhy: {id: 'oauth-manager.console.table.stale_why', defaultMessage: 'Not used for {days, plural, one {# day} other {# days}}'},
    orphaned: {id: 'oauth-manager.console.table.orphaned_badge', defaultMessage: 'Orphaned'},
    orphanedWhy: {id: 'oauth-manager.console.table.orphaned_why', defaultMessage: 'Its creator is deactivated or deleted, or it has none'},
    legacy: {id: 'oauth-manager.console.table.legacy_badge', defaultMessage: 'Legacy'},
    legacyWhy: {id: 'oauth-manager.console.table.legacy_why', defaultMessage: 'Made for the Apps Framework, which Mattermost 12 removed'},
    never: {id: 'oauth-manager.console.table.never', defaultMessage: 'Never'},
    noSession: {id: 'oauth-manager.console.table.no_session', defaultMessage: 'No session'},
    authorizedUsers: {id: 'oauth-manager.console.details.authorized_users', defaultMessage: 'Users who authorized it'},
    liveTokens: {id: 'oauth-manager.console.details.live_tokens', defaultMessage: 'Live access tokens'},
    liveSessions: {id: 'oauth-manager.console.details.live_sessions', defaultMessage: 'Live OAuth sessions'},
    lastUsed: {id: 'oauth-manager.console.details.last_used', defaultMessage: 'Last used'},
    noSessionOnRecord: {id: 'oauth-manager.console.details.no_session', defaultMessage: 'None on record (the server removes sessions that expired, were refreshed or deauthorized)'},
});

// What the rows need to know of the listing: whether it has usage figures,
// and the moment before which a last use is stale.
export type UsageView = {
    shown: boolean;
    cutoff: number;
    staleAfterDays: number;
};

const NONE: AppUsage = {authorized_users: 0, live_tokens: 0, live_sessions: 0, last_used: 0};
const usageOf = (app: AppSummary) => app.usage ?? NONE;

// A last use as a date, or why there is none: never used, or its sessions are gone.
function lastUsedText(intl: IntlShape, app: AppSummary, when: (ms: number) => string, noSession: MessageDescriptor): string {
    const at = usageOf(app).last_used;
    if (at) {
        return when(at);
    }
    return intl.formatMessage(usageState(app, 0) === 'never_used' ? messages.never : noSession);
}

function Badge({text, why}: {text: string; why: string}) {
    return (
        <span
            style={badge}
            title={why}
        >{text}</span>
    );
}

// Never used or Stale (with the figures), Orphaned and Legacy. Where every
// app is a DCR client (which has no creator), Orphaned says nothing: withOrphaned false.
export function StateBadges({app, usage, withOrphaned = true}: {app: AppSummary; usage: UsageView; withOrphaned?: boolean}) {
    const intl = useIntl();
    const t = (key: keyof typeof messages, values?: Record<string, number>) => intl.formatMessage(messages[key], values);
    const state = usage.shown ? usageState(app, usage.cutoff) : 'used';
    return (
        <>
            {state === 'never_used' && (
                <Badge
                    text={t('neverUsed')}
                    why={t('neverUsedWhy')}
                />
            )}
            {state === 'stale' && (
                <Badge
                    text={t('stale')}
                    why={t('staleWhy', {days: usage.staleAfterDays})}
                />
            )}
            {withOrphaned && isOrphaned(app) && (
                <Badge
                    text={t('orphaned')}
                    why={t('orphanedWhy')}
                />
            )}
            {isLegacy(app) && (
                <Badge
                    text={t('legacy')}
                    why={t('legacyWhy')}
                />
            )}
        </>
    );
}

// The Users and Last used cells.
export function UsageCells({app, cellStyle}: {app: AppSummary; cellStyle: React.CSSProperties}) {
    const intl = useIntl();
    const dates = useDates();
    return (
        <>
            <td style={cellStyle}>{intl.formatNumber(usageOf(app).authorized_users)}</td>
            <td style={cellStyle}>{lastUsedText(intl, app, dates.day, messages.noSession)}</td>
        </>
    );
}

// [label, value] pairs for the details list.
export function useUsageFields(app: AppSummary): Array<[string, string]> {
    const intl = useIntl();
    const dates = useDates();
    const u = usageOf(app);
    const t = (key: keyof typeof messages) => intl.formatMessage(messages[key]);
    return [
        [t('authorizedUsers'), intl.formatNumber(u.authorized_users)],
        [t('liveTokens'), intl.formatNumber(u.live_tokens)],
        [t('liveSessions'), intl.formatNumber(u.live_sessions)],
        [t('lastUsed'), lastUsedText(intl, app, dates.time, messages.noSessionOnRecord)],
    ];
}
