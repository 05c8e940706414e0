// The change trail's state for system admins (GET /api/v1/governance): where
// the bot posts, when the apps were last checked, the secret-age and prune
// settings in force, and a button that checks for changes now.
import React, {useCallback, useEffect, useState} from 'react';
import {defineMessages, useIntl} from 'react-intl';
import type {IntlShape} from 'react-intl';
import {useDispatch} from 'react-redux';

import {common} from './common_messages';
import {muted, wrap} from './styles';
import {useDates} from './use_dates';

import type {Governance, TrailRun} from '../client/governance_types';
import {toApiError} from '../store/errors';
import type {ApiError} from '../store/errors';
import {fetchGovernance, runTrail} from '../store/governance';
import {describeError} from '../store/messages';
import type {HostDispatch} from '../types/host';

const messages = defineMessages({
    region: {id: 'oauth-manager.console.governance.region', defaultMessage: 'Change trail status'},
    loading: {id: 'oauth-manager.console.governance.loading', defaultMessage: 'Reading the change trail’s state…'},
    readAction: {id: 'oauth-manager.console.governance.read_action', defaultMessage: 'read the change trail’s state'},
    runAction: {id: 'oauth-manager.console.governance.run_action', defaultMessage: 'check for changes'},
    adminsOnly: {id: 'oauth-manager.console.governance.admins_only', defaultMessage: 'Could not {action}: only system admins can.{serverSaid}'},
    serverSaid: {id: 'oauth-manager.console.governance.server_said', defaultMessage: ' The server said: “{message}”'},
    auditChannel: {id: 'oauth-manager.console.governance.audit_channel', defaultMessage: 'Audit channel:'},
    channel: {id: 'oauth-manager.console.governance.channel', defaultMessage: '{channel} (~{name}) in {team}'},
    channelNoTeam: {id: 'oauth-manager.console.governance.channel_no_team', defaultMessage: '{channel} (~{name})'},
    off: {id: 'oauth-manager.console.governance.off', defaultMessage: 'off'},
    offHint: {id: 'oauth-manager.console.governance.off_hint', defaultMessage: '— nothing is posted. Choose one in Change trail and governance > Audit channel below, then Save.'},
    lastCheck: {id: 'oauth-manager.console.governance.last_check', defaultMessage: 'Last check:'},
    checked: {id: 'oauth-manager.console.governance.checked', defaultMessage: '{when}; every {minutes, plural, one {minute} other {# minutes}}'},
    notYet: {id: 'oauth-manager.console.governance.not_yet', defaultMessage: 'not run yet; it runs every {minutes, plural, one {minute} other {# minutes}}, and at once with Check for changes now'},
    onRecord: {id: 'oauth-manager.console.governance.on_record', defaultMessage: 'Apps on record:'},
    apps: {id: 'oauth-manager.console.governance.apps', defaultMessage: '{apps, number}, followed since {since}'},
    pending: {id: 'oauth-manager.console.governance.pending', defaultMessage: '{count, plural, one {One post waits} other {# posts wait}} to be delivered to the audit channel; the next check tries again.'},
    maxAge: {id: 'oauth-manager.console.governance.max_age', defaultMessage: 'Maximum client secret age:'},
    days: {id: 'oauth-manager.console.governance.days', defaultMessage: '{days, plural, one {# day} other {# days}}'},
    noMaxAge: {id: 'oauth-manager.console.governance.no_max_age', defaultMessage: 'none set'},
    prune: {id: 'oauth-manager.console.governance.prune', defaultMessage: 'Automatic prune of unused dynamically registered clients:'},
    pruneOn: {id: 'oauth-manager.console.governance.prune_on', defaultMessage: 'on: clients registered at least {days, plural, one {# day} other {# days}} ago, at most {max, number} per check'},
    pruneOff: {id: 'oauth-manager.console.governance.prune_off', defaultMessage: 'off'},
    runNow: {id: 'oauth-manager.console.governance.run_now', defaultMessage: 'Check for changes now'},
    ran: {id: 'oauth-manager.console.governance.ran', defaultMessage: 'Checked: {events, plural, =0 {no change since the last check} one {one change found} other {# changes found}}; {posted, plural, =0 {nothing posted} one {one post made} other {# posts made}}.'},
    notRun: {id: 'oauth-manager.console.governance.not_run', defaultMessage: 'The check did not run: another one was under way. Try again in a moment.'},
});

const row: React.CSSProperties = {margin: '4px 0', ...wrap};

function describe(intl: IntlShape, err: ApiError, action: string): string {
    if (err.status_code === 403) {
        return intl.formatMessage(messages.adminsOnly, {action, serverSaid: err.message ? intl.formatMessage(messages.serverSaid, {message: err.message}) : ''});
    }
    return describeError(intl, err, action);
}

function Facts({g}: {g: Governance}) {
    const intl = useIntl();
    const dates = useDates();
    const t = (key: keyof typeof messages, values?: Record<string, string | number>) => intl.formatMessage(messages[key], values);
    const ch = g.audit_channel;
    let channel = t('off');
    if (ch) {
        const team = ch.team_display_name || ch.team_name;
        channel = t(team ? 'channel' : 'channelNoTeam', {channel: ch.display_name || ch.name, name: ch.name, team});
    }
    const {trail} = g;
    return (
        <>
            <div style={row}>
                {t('auditChannel')}{' '}<strong>{channel}</strong>
                {!ch && <>{' '}{t('offHint')}</>}
            </div>
            {g.audit_channel_problem && (
                <div
                    role='alert'
                    style={{...row, color: 'var(--error-text)'}}
                >{g.audit_channel_problem}</div>
            )}
            <div style={row}>
                {t('lastCheck')}{' '}
                {trail.last_run ? t('checked', {when: dates.time(trail.last_run), minutes: trail.interval_minutes}) : t('notYet', {minutes: trail.interval_minutes})}
            </div>
            {trail.last_run > 0 && (
                <div style={row}>
                    {t('onRecord')}{' '}{t('apps', {apps: trail.apps, since: dates.day(trail.since)})}
                </div>
            )}
            {Boolean(trail.pending_posts) && <div style={{...row, color: 'var(--error-text)'}}>{t('pending', {count: trail.pending_posts ?? 0})}</div>}
            <div style={row}>
                {t('maxAge')}{' '}{g.secret_max_age_days > 0 ? t('days', {days: g.secret_max_age_days}) : t('noMaxAge')}
            </div>
            <div style={row}>
                {t('prune')}{' '}
                {g.scheduled_prune.enabled ? t('pruneOn', {days: g.scheduled_prune.after_days, max: g.scheduled_prune.max_per_run}) : t('pruneOff')}
            </div>
        </>
    );
}

export default function GovernancePanel() {
    const intl = useIntl();
    const t = (key: keyof typeof messages, values?: Record<string, number>) => intl.formatMessage(messages[key], values);
    const dispatch = useDispatch<HostDispatch>();
    const [state, setState] = useState<{governance?: Governance; error?: ApiError}>({});
    const [running, setRunning] = useState(false);
    const [outcome, setOutcome] = useState<{run?: TrailRun; error?: ApiError} | null>(null);

    const read = useCallback(() => {
        dispatch(fetchGovernance()).unwrap().then((governance) => setState({governance}), (err) => setState({error: toApiError(err)}));
    }, [dispatch]);
    useEffect(read, [read]);

    const checkNow = async () => {
        setRunning(true);
        setOutcome(null);
        try {
            setOutcome({run: await dispatch(runTrail()).unwrap()});
            read();
        } catch (err) {
            setOutcome({error: toApiError(err)});
        } finally {
            setRunning(false);
        }
    };

    let body: React.ReactNode = <div aria-busy='true'>{t('loading')}</div>;
    if (state.error) {
        body = <div role='alert'>{describe(intl, state.error, t('readAction'))}</div>;
    } else if (state.governance) {
        body = <Facts g={state.governance}/>;
    }
    let said = '';
    if (outcome?.run) {
        said = outcome.run.ran ? t('ran', {events: outcome.run.events, posted: outcome.run.posted}) : t('notRun');
    }
    return (
        <div
            role='region'
            aria-label={t('region')}
        >
            {body}
            <div style={{display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap', marginTop: 12}}>
                <button
                    type='button'
                    className='btn btn-tertiary'
                    disabled={running}
                    onClick={checkNow}
                >{running ? intl.formatMessage(common.working) : t('runNow')}</button>
                {said && (
                    <span
                        role='status'
                        style={{color: muted}}
                    >{said}</span>
                )}
                {outcome?.error && (
                    <span
                        role='alert'
                        style={{color: 'var(--error-text)', ...wrap}}
                    >{describe(intl, outcome.error, t('runAction'))}</span>
                )}
            </div>
        </div>
    );
}
