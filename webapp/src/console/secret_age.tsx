// How old an app's client secret is, from the change trail (GET
// /api/v1/secret-ages): exact when the trail saw the secret issued, otherwise
// "at least" since the trail first saw the app. Past an admin's maximum age it
// is marked overdue.
import React from 'react';
import {defineMessages, useIntl} from 'react-intl';
import {useSelector} from 'react-redux';

import {useDates} from './use_dates';

import type {SecretAge as Age} from '../client/governance_types';
import {describeError} from '../store/messages';
import {DAY_MS} from '../store/query';
import {selectRequest, selectSecretAges} from '../store/selectors';
import type {GlobalStateWithPlugin} from '../store/selectors';

const messages = defineMessages({
    loading: {id: 'oauth-manager.console.secret_age.loading', defaultMessage: 'Reading…'},
    readAction: {id: 'oauth-manager.console.secret_age.read_action', defaultMessage: 'read the secret’s age'},
    pending: {id: 'oauth-manager.console.secret_age.pending', defaultMessage: 'not known yet: the plugin has not recorded the apps yet (its first check runs when it starts)'},
    unrecorded: {id: 'oauth-manager.console.secret_age.unrecorded', defaultMessage: 'not known yet: the plugin records a new app at its next check'},
    exact: {id: 'oauth-manager.console.secret_age.exact', defaultMessage: '{days, plural, one {# day} other {# days}} (since {date})'},
    atLeast: {id: 'oauth-manager.console.secret_age.at_least', defaultMessage: 'unknown, at least {days, plural, one {# day} other {# days}} (since {date})'},
    overdue: {id: 'oauth-manager.console.secret_age.overdue', defaultMessage: 'Overdue: past the maximum age of {max, plural, one {# day} other {# days}} since {due}. Rotate it.'},
    due: {id: 'oauth-manager.console.secret_age.due', defaultMessage: 'Reaches the maximum age of {max, plural, one {# day} other {# days}} on {due}.'},
});

export function ageInDays(age: Age, now: number): number {
    return Math.max(0, Math.floor((now - age.since) / DAY_MS));
}

export default function SecretAge({appId}: {appId: string}) {
    const intl = useIntl();
    const dates = useDates();
    const t = (key: keyof typeof messages, values?: Record<string, string | number>) => intl.formatMessage(messages[key], values);
    const ages = useSelector(selectSecretAges);
    const request = useSelector((s: GlobalStateWithPlugin) => selectRequest(s, 'fetchSecretAges'));
    if (!ages) {
        if (request.status === 'failed' && request.error) {
            return <span style={{color: 'var(--error-text)'}}>{describeError(intl, request.error, t('readAction'))}</span>;
        }
        return <span aria-busy='true'>{t('loading')}</span>;
    }
    if (ages.pending) {
        return <>{t('pending')}</>;
    }
    const age = ages.ages[appId];
    if (!age) {
        return <>{t('unrecorded')}</>;
    }
    const values = {days: ageInDays(age, Date.now()), date: dates.day(age.since)};
    const text = t(age.exact ? 'exact' : 'atLeast', values);
    if (ages.max_age_days <= 0 || !age.due_at) {
        return <>{text}</>;
    }
    const limit = {max: ages.max_age_days, due: dates.day(age.due_at)};
    if (age.overdue) {
        return (
            <>
                {text}{' '}
                <strong style={{color: 'var(--error-text)'}}>{t('overdue', limit)}</strong>
            </>
        );
    }
    return <>{text}{' '}{t('due', limit)}</>;
}
