// Pruning unused dynamically registered clients, in three steps, as the
// server half defines them (docs/governance.md): a dry run that lists exactly
// what would go (POST /api/v1/dcr/prune), a confirmation naming the count, then
// the deletion of that list (POST /api/v1/dcr/prune/confirm), with its summary:
// deleted, skipped because used since the dry run (or already gone), failed.
import React, {useState} from 'react';
import {defineMessages, useIntl} from 'react-intl';
import type {IntlShape} from 'react-intl';
import {useDispatch} from 'react-redux';

import ConfirmDialog from './confirm_dialog';
import FixedTable from './fixed_table';
import {muted, cell, wrap} from './styles';
import {useDates} from './use_dates';

import type {PrunePlan, PruneResult} from '../client/governance_types';
import {toApiError} from '../store/errors';
import type {ApiError} from '../store/errors';
import {confirmDcrPrune, planDcrPrune} from '../store/governance';
import {describeError} from '../store/messages';
import type {HostDispatch} from '../types/host';

const messages = defineMessages({
    title: {id: 'oauth-manager.console.prune.title', defaultMessage: 'Prune unused clients'},
    explain: {id: 'oauth-manager.console.prune.explain', defaultMessage: 'Deletes the dynamically registered clients that were never used or are stale (not used for {days, plural, one {# day} other {# days}}). A dry run first lists exactly what would go; nothing is deleted until you confirm that list.'},
    olderThan: {id: 'oauth-manager.console.prune.older_than', defaultMessage: 'Only clients registered at least'},
    daysAgo: {id: 'oauth-manager.console.prune.days_ago', defaultMessage: 'days ago'},
    olderThanHint: {id: 'oauth-manager.console.prune.older_than_hint', defaultMessage: 'Empty: {days, plural, one {# day} other {# days}} (the Stale after setting).'},
    badDays: {id: 'oauth-manager.console.prune.bad_days', defaultMessage: 'Give a whole number of days from 0 to 3650, or leave it empty.'},
    dryRun: {id: 'oauth-manager.console.prune.dry_run', defaultMessage: 'Dry run'},
    planAction: {id: 'oauth-manager.console.prune.plan_action', defaultMessage: 'run the dry run'},
    pruneAction: {id: 'oauth-manager.console.prune.prune_action', defaultMessage: 'delete the clients'},
    nothing: {id: 'oauth-manager.console.prune.nothing', defaultMessage: 'Dry run: no client registered at least {days, plural, one {# day} other {# days}} ago is unused. Nothing to prune.'},
    plan: {id: 'oauth-manager.console.prune.plan', defaultMessage: 'Dry run: {count, plural, one {one client} other {# clients}} would be deleted, never used or stale and registered at least {days, plural, one {# day} other {# days}} ago. Nothing was deleted.'},
    planTable: {id: 'oauth-manager.console.prune.plan_table', defaultMessage: 'Clients the dry run would delete'},
    name: {id: 'oauth-manager.console.prune.name', defaultMessage: 'Name'},
    clientId: {id: 'oauth-manager.console.prune.client_id', defaultMessage: 'Client ID'},
    registered: {id: 'oauth-manager.console.prune.registered', defaultMessage: 'Registered'},
    lastUsed: {id: 'oauth-manager.console.prune.last_used', defaultMessage: 'Last used'},
    why: {id: 'oauth-manager.console.prune.why', defaultMessage: 'Why'},
    neverUsed: {id: 'oauth-manager.console.prune.never_used', defaultMessage: 'Never used'},
    stale: {id: 'oauth-manager.console.prune.stale', defaultMessage: 'Stale'},
    never: {id: 'oauth-manager.console.prune.never', defaultMessage: 'Never'},
    deleteThese: {id: 'oauth-manager.console.prune.delete_these', defaultMessage: 'Delete {count, plural, one {this client} other {these # clients}}…'},
    discard: {id: 'oauth-manager.console.prune.discard', defaultMessage: 'Discard the dry run'},
    confirmTitle: {id: 'oauth-manager.console.prune.confirm_title', defaultMessage: 'Delete {count, plural, one {one dynamically registered client} other {# dynamically registered clients}}?'},
    consequence: {id: 'oauth-manager.console.prune.consequence', defaultMessage: 'The {count, plural, one {client} other {# clients}} the dry run listed, and every token issued to them, are removed at once; an integration still using one stops working. A client used since the dry run is skipped. This cannot be undone.'},
    confirmLabel: {id: 'oauth-manager.console.prune.confirm_label', defaultMessage: 'Delete {count, plural, one {# client} other {# clients}}'},
    expired: {id: 'oauth-manager.console.prune.expired', defaultMessage: 'Nothing was deleted: the dry run expired (a dry run is kept for 30 minutes) or is not yours. Run it again.'},
    stalePlan: {id: 'oauth-manager.console.prune.stale_plan', defaultMessage: 'Nothing was deleted: the server no longer holds this dry run as it is shown here ({message}). Run it again.'},
    done: {id: 'oauth-manager.console.prune.done', defaultMessage: 'Prune done: {deleted, number} deleted, {skipped, number} skipped, {failed, number} failed.'},
    deletedList: {id: 'oauth-manager.console.prune.deleted_list', defaultMessage: 'Deleted'},
    skippedList: {id: 'oauth-manager.console.prune.skipped_list', defaultMessage: 'Skipped'},
    failedList: {id: 'oauth-manager.console.prune.failed_list', defaultMessage: 'Failed'},
    usedSince: {id: 'oauth-manager.console.prune.used_since', defaultMessage: 'used since the dry run'},
    gone: {id: 'oauth-manager.console.prune.gone', defaultMessage: 'already deleted'},
    item: {id: 'oauth-manager.console.prune.item', defaultMessage: '{name} ({id}): {why}'},
    close: {id: 'oauth-manager.console.prune.close', defaultMessage: 'Close'},
});

const MAX_DAYS = 3650;

// The typed "older than": undefined for the server's default, null when invalid.
export function parseDays(typed: string): number | undefined | null {
    const text = typed.trim();
    if (!text) {
        return undefined;
    }
    if (!(/^\d+$/).test(text) || Number(text) > MAX_DAYS) {
        return null;
    }
    return Number(text);
}

function confirmError(intl: IntlShape, err: ApiError): string {
    if (err.status_code === 404) {
        return intl.formatMessage(messages.expired);
    }
    if (err.status_code === 400) {
        return intl.formatMessage(messages.stalePlan, {message: err.message});
    }
    return describeError(intl, err, intl.formatMessage(messages.pruneAction));
}

function PlanTable({plan}: {plan: PrunePlan}) {
    const intl = useIntl();
    const dates = useDates();
    const t = (key: keyof typeof messages) => intl.formatMessage(messages[key]);
    return (
        <FixedTable
            label={t('planTable')}
            columns={[
                {label: t('name')},
                {label: t('clientId'), width: '30%'},
                {label: t('registered'), width: '14%'},
                {label: t('lastUsed'), width: '14%'},
                {label: t('why'), width: '12%'},
            ]}
        >
            {plan.apps.map((a) => (
                <tr key={a.id}>
                    <td style={{...cell, ...wrap}}>{a.name}</td>
                    <td style={cell}><code style={{fontSize: 12, ...wrap}}>{a.id}</code></td>
                    <td style={cell}>{dates.day(a.create_at)}</td>
                    <td style={cell}>{a.last_used ? dates.day(a.last_used) : t('never')}</td>
                    <td style={cell}>{t(a.state === 'stale' ? 'stale' : 'neverUsed')}</td>
                </tr>
            ))}
        </FixedTable>
    );
}

function Summary({result, onClose}: {result: PruneResult; onClose: () => void}) {
    const intl = useIntl();
    const t = (key: keyof typeof messages, values?: Record<string, string | number>) => intl.formatMessage(messages[key], values);
    const lists: Array<[keyof typeof messages, string[]]> = [
        ['deletedList', result.deleted.map((d) => `${d.name} (${d.id})`)],
        ['skippedList', result.skipped.map((s) => t('item', {name: s.name, id: s.id, why: t(s.reason === 'gone' ? 'gone' : 'usedSince')}))],
        ['failedList', result.failed.map((f) => t('item', {name: f.name, id: f.id, why: f.message}))],
    ];
    return (
        <section
            role='status'
            aria-label={t('title')}
            className={result.failed.length ? 'alert alert-warning' : 'alert alert-success'}
            style={wrap}
        >
            <p><strong>{t('done', {deleted: result.deleted.length, skipped: result.skipped.length, failed: result.failed.length})}</strong></p>
            {lists.filter(([, items]) => items.length).map(([label, items]) => (
                <div key={label}>
                    <div style={{fontWeight: 600}}>{t(label)}</div>
                    <ul style={{paddingLeft: 20, marginBottom: 4}}>
                        {items.map((text) => <li key={text}>{text}</li>)}
                    </ul>
                </div>
            ))}
            <button
                type='button'
                className='btn btn-sm btn-tertiary'
                onClick={onClose}
            >{t('close')}</button>
        </section>
    );
}

type Props = {

    // The server's default for "older than": its Stale after setting.
    staleAfterDays: number;
    onPruned: () => void;
};

export default function DcrPrune({staleAfterDays, onPruned}: Props) {
    const intl = useIntl();
    const t = (key: keyof typeof messages, values?: Record<string, string | number>) => intl.formatMessage(messages[key], values);
    const dispatch = useDispatch<HostDispatch>();
    const [typed, setTyped] = useState('');
    const [typedError, setTypedError] = useState('');
    const [planning, setPlanning] = useState(false);
    const [plan, setPlan] = useState<PrunePlan | null>(null);
    const [error, setError] = useState('');
    const [confirming, setConfirming] = useState<{busy: boolean; error?: string} | null>(null);
    const [result, setResult] = useState<PruneResult | null>(null);

    const dryRun = async () => {
        const days = parseDays(typed);
        if (days === null) {
            setTypedError(t('badDays'));
            return;
        }
        setTypedError('');
        setError('');
        setResult(null);
        setPlanning(true);
        try {
            setPlan(await dispatch(planDcrPrune(days)).unwrap());
        } catch (err) {
            setPlan(null);
            setError(describeError(intl, toApiError(err), t('planAction')));
        } finally {
            setPlanning(false);
        }
    };

    const prune = async () => {
        if (!plan) {
            return;
        }
        setConfirming({busy: true});
        try {
            setResult(await dispatch(confirmDcrPrune({planId: plan.plan_id, count: plan.count})).unwrap());
            setPlan(null);
            setConfirming(null);
            onPruned();
        } catch (err) {
            const apiError = toApiError(err);
            if (apiError.status_code === 404 || apiError.status_code === 400) {
                // The plan is gone or is not this one: it cannot be confirmed again.
                setPlan(null);
                setConfirming(null);
                setError(confirmError(intl, apiError));
            } else {
                setConfirming({busy: false, error: confirmError(intl, apiError)});
            }
        }
    };

    const inputId = 'oauth-prune-older-than';
    return (
        <div
            role='region'
            aria-label={t('title')}
            style={{marginTop: 16}}
        >
            <div style={{fontWeight: 600, marginBottom: 4}}>{t('title')}</div>
            <p style={{color: muted}}>{t('explain', {days: staleAfterDays})}</p>
            <div style={{display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center'}}>
                <label htmlFor={inputId}>{t('olderThan')}</label>
                <input
                    id={inputId}
                    type='text'
                    inputMode='numeric'
                    className='form-control'
                    style={{display: 'inline-block', width: 80}}
                    value={typed}
                    placeholder={String(staleAfterDays)}
                    aria-invalid={Boolean(typedError)}
                    aria-describedby={`${inputId}-hint`}
                    onChange={(e) => setTyped(e.target.value)}
                    onKeyDown={(e) => {
                        // Enter runs the dry run, never the console's settings form.
                        if (e.key === 'Enter') {
                            e.preventDefault();
                            dryRun();
                        }
                    }}
                />
                <span>{t('daysAgo')}</span>
                <button
                    type='button'
                    className='btn btn-tertiary'
                    disabled={planning}
                    onClick={dryRun}
                >{t('dryRun')}</button>
            </div>
            <div
                id={`${inputId}-hint`}
                style={{color: typedError ? 'var(--error-text)' : muted, marginTop: 4}}
                role={typedError ? 'alert' : undefined}
            >{typedError || t('olderThanHint', {days: staleAfterDays})}</div>
            {error && (
                <p
                    role='alert'
                    style={{color: 'var(--error-text)', marginTop: 8, ...wrap}}
                >{error}</p>
            )}
            {plan && plan.count === 0 && <p role='status'>{t('nothing', {days: plan.older_than_days})}</p>}
            {plan && plan.count > 0 && (
                <div style={{marginTop: 12}}>
                    <p
                        role='status'
                        style={{fontWeight: 600}}
                    >{t('plan', {count: plan.count, days: plan.older_than_days})}</p>
                    <PlanTable plan={plan}/>
                    <div style={{display: 'flex', gap: 8, marginTop: 8}}>
                        <button
                            type='button'
                            className='btn btn-danger'
                            onClick={() => setConfirming({busy: false})}
                        >{t('deleteThese', {count: plan.count})}</button>
                        <button
                            type='button'
                            className='btn btn-tertiary'
                            onClick={() => setPlan(null)}
                        >{t('discard')}</button>
                    </div>
                </div>
            )}
            {plan && confirming && (
                <ConfirmDialog
                    title={t('confirmTitle', {count: plan.count})}
                    consequence={t('consequence', {count: plan.count})}
                    confirmLabel={t('confirmLabel', {count: plan.count})}
                    busy={confirming.busy}
                    error={confirming.error}
                    onConfirm={prune}
                    onCancel={() => setConfirming(null)}
                />
            )}
            {result && (
                <Summary
                    result={result}
                    onClose={() => setResult(null)}
                />
            )}
        </div>
    );
}
