// Search, the filters and the sorts without a column, above the apps table.
// Only what the list's source can answer is offered: the usage filter and
// sorts need the read model's usage figures, the orphaned filter the read model.
import React from 'react';
import {defineMessages, useIntl} from 'react-intl';

import {common} from './common_messages';
import type {Capabilities} from './use_app_listing';

import type {ConsoleQuery, SortKey, TriState, UsageChoice} from '../store/query';

const messages = defineMessages({
    find: {id: 'oauth-manager.console.manager.find', defaultMessage: 'Find apps'},
    search: {id: 'oauth-manager.console.manager.search', defaultMessage: 'Search'},
    searchPlaceholder: {id: 'oauth-manager.console.manager.search_placeholder', defaultMessage: 'Name, description, client id, creator, callback'},
    creator: {id: 'oauth-manager.console.manager.creator', defaultMessage: 'Creator'},
    anyone: {id: 'oauth-manager.console.manager.anyone', defaultMessage: 'Anyone'},
    type: {id: 'oauth-manager.console.manager.type', defaultMessage: 'Type'},
    confidential: {id: 'oauth-manager.console.manager.confidential', defaultMessage: 'Confidential'},
    public: {id: 'oauth-manager.console.manager.public', defaultMessage: 'Public'},
    trusted: {id: 'oauth-manager.console.manager.trusted', defaultMessage: 'Trusted'},
    dcr: {id: 'oauth-manager.console.manager.dcr', defaultMessage: 'DCR'},
    usage: {id: 'oauth-manager.console.manager.usage', defaultMessage: 'Usage'},
    neverUsed: {id: 'oauth-manager.console.manager.never_used', defaultMessage: 'Never used'},
    stale: {id: 'oauth-manager.console.manager.stale', defaultMessage: 'Stale: not used for {days, plural, one {# day} other {# days}}'},
    used: {id: 'oauth-manager.console.manager.used', defaultMessage: 'Used in the last {days, plural, one {# day} other {# days}}'},
    orphaned: {id: 'oauth-manager.console.manager.orphaned', defaultMessage: 'Orphaned'},
    legacy: {id: 'oauth-manager.console.manager.legacy', defaultMessage: 'Legacy'},
    callbacks: {id: 'oauth-manager.console.manager.callbacks', defaultMessage: 'Callback URLs'},
    updated: {id: 'oauth-manager.console.manager.updated', defaultMessage: 'Updated'},
    tokens: {id: 'oauth-manager.console.manager.tokens', defaultMessage: 'Live access tokens'},
    sessions: {id: 'oauth-manager.console.manager.sessions', defaultMessage: 'Live OAuth sessions'},
    sortBy: {id: 'oauth-manager.console.manager.sort_by', defaultMessage: 'Sort by'},
    column: {id: 'oauth-manager.console.manager.column', defaultMessage: 'Column'},
});

// The sort keys the table has no column for; usage ones only with the figures.
const OTHER_SORTS: Array<[SortKey, keyof typeof messages]> = [['type', 'type'], ['trusted', 'trusted'], ['dcr', 'dcr'], ['callbacks', 'callbacks'], ['updated', 'updated']];
const USAGE_OTHER_SORTS: Array<[SortKey, keyof typeof messages]> = [['tokens', 'tokens'], ['sessions', 'sessions']];

// Host inputs stretch to the row by default; filters sit side by side.
const inline: React.CSSProperties = {display: 'inline-block', width: 'auto'};

// A labelled filter or sort choice: [value, shown text] pairs.
function Select<T extends string>({id, label, value, options, onChange}: {id: string; label: string; value: T; options: Array<[T, string]>; onChange: (value: T) => void}) {
    return (
        <label htmlFor={id}>
            {label}{' '}
            <select
                id={id}
                className='form-control'
                style={inline}
                value={value}
                onChange={(e) => onChange(e.target.value as T)}
            >
                {options.map(([v, text]) => (
                    <option
                        key={v}
                        value={v}
                    >{text}</option>
                ))}
            </select>
        </label>
    );
}

type Props = {
    query: ConsoleQuery;
    onChange: (change: Partial<ConsoleQuery>) => void;

    // [user id, shown name] of the creators to offer.
    creators: Array<[string, string]>;
    can: Capabilities;
    staleAfterDays: number;

    // The buttons that end the bar (New app, Refresh).
    children: React.ReactNode;
};

export default function FilterBar({query, onChange, creators, can, staleAfterDays, children}: Props) {
    const intl = useIntl();
    const t = (key: keyof typeof messages, values?: Record<string, number>) => intl.formatMessage(messages[key], values);
    const triState: Array<[TriState, string]> = [['any', intl.formatMessage(common.any)], ['yes', intl.formatMessage(common.yes)], ['no', intl.formatMessage(common.no)]];
    const sorts = can.usage ? [...OTHER_SORTS, ...USAGE_OTHER_SORTS] : OTHER_SORTS;
    const triFilter = (key: 'trusted' | 'dcr' | 'orphaned' | 'legacy') => (
        <Select
            id={`oauth-filter-${key}`}
            label={t(key)}
            value={query[key]}
            options={triState}
            onChange={(v) => onChange({[key]: v})}
        />
    );
    return (
        <div
            role='search'
            aria-label={t('find')}
            style={{display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', marginBottom: 8}}
        >
            <label htmlFor='oauth-search'>
                {t('search')}{' '}
                <input
                    id='oauth-search'
                    type='search'
                    className='form-control'
                    style={{...inline, width: 260}}
                    placeholder={t('searchPlaceholder')}
                    value={query.search}
                    onChange={(e) => onChange({search: e.target.value})}
                    onKeyDown={(e) => {
                        // Enter must not reach the console's settings form.
                        if (e.key === 'Enter') {
                            e.preventDefault();
                        }
                    }}
                />
            </label>
            <Select
                id='oauth-filter-creator'
                label={t('creator')}
                value={query.creator}
                options={[['', t('anyone')], ...creators]}
                onChange={(v) => onChange({creator: v})}
            />
            <Select
                id='oauth-filter-type'
                label={t('type')}
                value={query.type}
                options={[['any', intl.formatMessage(common.any)], ['confidential', t('confidential')], ['public', t('public')]]}
                onChange={(v) => onChange({type: v})}
            />
            {triFilter('trusted')}
            {triFilter('dcr')}
            {can.usage && (
                <Select<UsageChoice>
                    id='oauth-filter-usage'
                    label={t('usage')}
                    value={query.usage}
                    options={[['any', intl.formatMessage(common.any)], ['never_used', t('neverUsed')], ['stale', t('stale', {days: staleAfterDays})], ['used', t('used', {days: staleAfterDays})]]}
                    onChange={(v) => onChange({usage: v})}
                />
            )}
            {can.orphaned && triFilter('orphaned')}
            {triFilter('legacy')}
            <Select
                id='oauth-sort-other'
                label={t('sortBy')}
                value={sorts.some(([k]) => k === query.sortKey) ? query.sortKey : ''}
                options={[['', t('column')], ...sorts.map(([key, label]): [SortKey, string] => [key, t(label)])]}
                onChange={(v) => v && onChange({sortKey: v, sortDir: 'asc'})}
            />
            {children}
        </div>
    );
}
