// The clients made by dynamic client registration, with their usage, from the
// read model's listing route (GET /api/v1/apps?dcr=true), a page at a time,
// and the prune flow under them. Shown on request: the page already lists
// every app above, and this is asked of the server only when wanted. Anyone can register such a client without
// signing in: every name and URL here is shown as text, never as markup.
import React, {useEffect, useMemo, useRef, useState} from 'react';
import {defineMessages, useIntl} from 'react-intl';
import {useDispatch} from 'react-redux';

import {StateBadges, UsageCells} from './app_usage';
import type {UsageView} from './app_usage';
import CopyButton from './copy_button';
import DcrPrune from './dcr_prune';
import FixedTable from './fixed_table';
import {cell, wrap} from './styles';
import {useDates} from './use_dates';

import type {ListingSort, AppListing} from '../client/oauth_client';
import {toApiError} from '../store/errors';
import type {ApiError} from '../store/errors';
import {fetchDcrListing} from '../store/governance';
import {ACTIONS, describeError} from '../store/messages';
import {staleCutoff} from '../store/query';
import type {HostDispatch} from '../types/host';

const messages = defineMessages({
    table: {id: 'oauth-manager.console.dcr.table', defaultMessage: 'Dynamically registered clients'},
    open: {id: 'oauth-manager.console.dcr.open', defaultMessage: 'Show the registered clients'},
    close: {id: 'oauth-manager.console.dcr.close', defaultMessage: 'Hide the registered clients'},
    show: {id: 'oauth-manager.console.dcr.show', defaultMessage: 'Show'},
    all: {id: 'oauth-manager.console.dcr.all', defaultMessage: 'All'},
    neverUsed: {id: 'oauth-manager.console.dcr.never_used', defaultMessage: 'Never used'},
    stale: {id: 'oauth-manager.console.dcr.stale', defaultMessage: 'Stale: not used for {days, plural, one {# day} other {# days}}'},
    order: {id: 'oauth-manager.console.dcr.order', defaultMessage: 'Order'},
    newest: {id: 'oauth-manager.console.dcr.newest', defaultMessage: 'Newest first'},
    oldest: {id: 'oauth-manager.console.dcr.oldest', defaultMessage: 'Oldest first'},
    leastUsed: {id: 'oauth-manager.console.dcr.least_used', defaultMessage: 'Least recently used first'},
    byName: {id: 'oauth-manager.console.dcr.by_name', defaultMessage: 'Name'},
    refresh: {id: 'oauth-manager.console.dcr.refresh', defaultMessage: 'Refresh'},
    loading: {id: 'oauth-manager.console.dcr.loading', defaultMessage: 'Loading the registered clients…'},
    count: {id: 'oauth-manager.console.dcr.count', defaultMessage: '{total, plural, =0 {No dynamically registered client.} one {One dynamically registered client.} other {# dynamically registered clients.}}'},
    countFiltered: {id: 'oauth-manager.console.dcr.count_filtered', defaultMessage: '{total, plural, =0 {None matches.} one {One matches.} other {# match.}}'},
    unavailable: {id: 'oauth-manager.console.dcr.unavailable', defaultMessage: 'The plugin cannot read the app list from the database, so it cannot list these clients with their usage: {reason}.'},
    usageOff: {id: 'oauth-manager.console.dcr.usage_off', defaultMessage: 'Usage figures are off: {reason}. Without them no client can be judged unused: the usage columns and the prune are hidden.'},
    name: {id: 'oauth-manager.console.dcr.name', defaultMessage: 'Name'},
    clientId: {id: 'oauth-manager.console.dcr.client_id', defaultMessage: 'Client ID'},
    registered: {id: 'oauth-manager.console.dcr.registered', defaultMessage: 'Registered'},
    users: {id: 'oauth-manager.console.dcr.users', defaultMessage: 'Users'},
    lastUsed: {id: 'oauth-manager.console.dcr.last_used', defaultMessage: 'Last used'},
    callbacks: {id: 'oauth-manager.console.dcr.callbacks', defaultMessage: 'Redirect URIs'},
    copyId: {id: 'oauth-manager.console.dcr.copy_id', defaultMessage: 'Copy the client id of {name}'},
    pages: {id: 'oauth-manager.console.dcr.pages', defaultMessage: 'Pages of registered clients'},
    previous: {id: 'oauth-manager.console.dcr.previous', defaultMessage: 'Previous'},
    next: {id: 'oauth-manager.console.dcr.next', defaultMessage: 'Next'},
    page: {id: 'oauth-manager.console.dcr.page', defaultMessage: 'Page {page, number} of {pages, number}'},
});

export const DCR_PER_PAGE = 20;

type Filter = 'any' | 'never_used' | 'stale';
type Order = 'newest' | 'oldest' | 'least_used' | 'name';

const ORDERS: Record<Order, {sort: ListingSort; direction: 'asc' | 'desc'}> = {
    newest: {sort: 'created', direction: 'desc'},
    oldest: {sort: 'created', direction: 'asc'},
    least_used: {sort: 'last_used', direction: 'asc'},
    name: {sort: 'name', direction: 'asc'},
};

const inline: React.CSSProperties = {display: 'inline-block', width: 'auto'};

type Answer = {listing?: AppListing; unavailable?: string; error?: ApiError};

export default function DcrClients({onPruned}: {onPruned: () => void}) {
    const intl = useIntl();
    const [open, setOpen] = useState(false);
    const toggle = (
        <button
            type='button'
            className='btn btn-tertiary'
            aria-expanded={open}
            aria-controls='oauth-dcr-view'
            onClick={() => setOpen(!open)}
        >
            <i
                className={`icon icon-${open ? 'chevron-up' : 'chevron-down'}`}
                aria-hidden='true'
            />
            {intl.formatMessage(open ? messages.close : messages.open)}
        </button>
    );
    return (
        <div>
            {toggle}
            {open && (
                <div
                    id='oauth-dcr-view'
                    style={{marginTop: 12}}
                >
                    <DcrView onPruned={onPruned}/>
                </div>
            )}
        </div>
    );
}

function DcrView({onPruned}: {onPruned: () => void}) {
    const intl = useIntl();
    const dates = useDates();
    const t = (key: keyof typeof messages, values?: Record<string, string | number>) => intl.formatMessage(messages[key], values);
    const dispatch = useDispatch<HostDispatch>();
    const [filter, setFilter] = useState<Filter>('any');
    const [order, setOrder] = useState<Order>('newest');
    const [page, setPage] = useState(0);
    const [reload, setReload] = useState(0);
    const [answer, setAnswer] = useState<Answer | null>(null);
    const latest = useRef(0);

    useEffect(() => {
        const serial = ++latest.current;
        const query = {...ORDERS[order], ...(filter === 'any' ? {} : {usage: filter}), page, per_page: DCR_PER_PAGE};
        dispatch(fetchDcrListing(query)).unwrap().then((got) => {
            if (serial === latest.current) {
                setAnswer('unavailable' in got ? {unavailable: got.unavailable} : {listing: got});
            }
        }, (err) => {
            if (serial === latest.current) {
                setAnswer({error: toApiError(err)});
            }
        });
    }, [filter, order, page, reload, dispatch]);

    const listing = answer?.listing;
    const usageShown = Boolean(listing && !listing.usage_off);
    const usage: UsageView = useMemo(() => {
        const days = listing?.stale_after_days ?? 0;
        return {shown: usageShown, cutoff: staleCutoff(Date.now(), days), staleAfterDays: days};
    }, [listing, usageShown]);
    const pages = Math.max(1, Math.ceil((listing?.total ?? 0) / DCR_PER_PAGE));
    const choose = <T, >(set: (v: T) => void) => (v: T) => {
        set(v);
        setPage(0);
    };
    const afterPrune = () => {
        setReload((n) => n + 1);
        onPruned();
    };

    return (
        <div>
            <div style={{display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', marginBottom: 8}}>
                {usageShown && (
                    <label htmlFor='oauth-dcr-filter'>
                        {t('show')}{' '}
                        <select
                            id='oauth-dcr-filter'
                            className='form-control'
                            style={inline}
                            value={filter}
                            onChange={(e) => choose(setFilter)(e.target.value as Filter)}
                        >
                            <option value='any'>{t('all')}</option>
                            <option value='never_used'>{t('neverUsed')}</option>
                            <option value='stale'>{t('stale', {days: usage.staleAfterDays})}</option>
                        </select>
                    </label>
                )}
                <label htmlFor='oauth-dcr-order'>
                    {t('order')}{' '}
                    <select
                        id='oauth-dcr-order'
                        className='form-control'
                        style={inline}
                        value={order}
                        onChange={(e) => choose(setOrder)(e.target.value as Order)}
                    >
                        <option value='newest'>{t('newest')}</option>
                        <option value='oldest'>{t('oldest')}</option>
                        {usageShown && <option value='least_used'>{t('leastUsed')}</option>}
                        <option value='name'>{t('byName')}</option>
                    </select>
                </label>
                <button
                    type='button'
                    className='btn btn-tertiary'
                    onClick={() => setReload((n) => n + 1)}
                >{t('refresh')}</button>
            </div>
            {!answer && <div aria-busy='true'>{t('loading')}</div>}
            {answer?.error && <div role='alert'>{describeError(intl, answer.error, intl.formatMessage(ACTIONS.listApps))}</div>}
            {answer?.unavailable && (
                <div
                    role='status'
                    className='alert alert-warning'
                >{t('unavailable', {reason: answer.unavailable})}</div>
            )}
            {listing?.usage_off && (
                <div
                    role='status'
                    className='alert alert-warning'
                >{t('usageOff', {reason: listing.usage_off})}</div>
            )}
            {listing && (
                <>
                    <p
                        role='status'
                        aria-live='polite'
                    >{t(filter === 'any' ? 'count' : 'countFiltered', {total: listing.total})}</p>
                    {listing.apps.length > 0 && (
                        <FixedTable
                            label={t('table')}
                            columns={[
                                {label: t('name'), width: usageShown ? '21%' : '30%'},
                                {label: t('clientId'), width: '25%'},
                                {label: t('callbacks')},
                                {label: t('registered'), width: '13%'},
                                usageShown && {label: t('users'), width: '6%'},
                                usageShown && {label: t('lastUsed'), width: '13%'},
                            ]}
                        >
                            {listing.apps.map((app) => (
                                <tr key={app.id}>
                                    <td style={{...cell, ...wrap}}>
                                        <div style={{fontWeight: 600}}>{app.name}</div>
                                        <div>
                                            <StateBadges
                                                app={app}
                                                usage={usage}
                                                withOrphaned={false}
                                            />
                                        </div>
                                    </td>
                                    <td style={cell}>
                                        <div><code style={{fontSize: 12, ...wrap}}>{app.id}</code></div>
                                        <CopyButton
                                            label={t('copyId', {name: app.name})}
                                            text={app.id}
                                        />
                                    </td>
                                    <td style={{...cell, ...wrap}}>
                                        {app.callback_urls.map((u) => <div key={u}>{u}</div>)}
                                    </td>
                                    <td style={cell}>{dates.day(app.create_at)}</td>
                                    {usageShown && (
                                        <UsageCells
                                            app={app}
                                            cellStyle={cell}
                                        />
                                    )}
                                </tr>
                            ))}
                        </FixedTable>
                    )}
                    {pages > 1 && (
                        <nav
                            aria-label={t('pages')}
                            style={{display: 'flex', gap: 8, alignItems: 'center', marginBottom: 16}}
                        >
                            <button
                                type='button'
                                className='btn btn-sm btn-tertiary'
                                disabled={page === 0}
                                onClick={() => setPage(page - 1)}
                            >{t('previous')}</button>
                            {t('page', {page: page + 1, pages})}
                            <button
                                type='button'
                                className='btn btn-sm btn-tertiary'
                                disabled={page + 1 >= pages}
                                onClick={() => setPage(page + 1)}
                            >{t('next')}</button>
                        </nav>
                    )}
                    {usageShown && (
                        <DcrPrune
                            staleAfterDays={usage.staleAfterDays}
                            onPruned={afterPrune}
                        />
                    )}
                </>
            )}
        </div>
    );
}
