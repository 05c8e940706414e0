// The System Console section that holds the OAuth app manager: a custom
// section of settings_schema (registerAdminConsoleCustomSection), so it spans
// the page's content width instead of a setting's value column. The console
// renders it inside its settings <form>: nothing here may be a form or a
// submit button (see app_form.tsx).
import React, {useCallback, useDeferredValue, useEffect, useMemo, useState} from 'react';
import {defineMessages, useIntl} from 'react-intl';
import type {IntlShape} from 'react-intl';
import {useDispatch, useSelector} from 'react-redux';

import type {OAuthApp} from '@mattermost/types/integrations';

import AppsTable from './apps_table';
import AuthorizedApps from './authorized_apps';
import {common} from './common_messages';
import ConfirmDialog from './confirm_dialog';
import ConnectedAppForm from './connected_app_form';
import CopyButton from './copy_button';
import StatusPanel from './status_panel';
import type {NewSecret, SavedMode} from './use_app_form';

import {getClient} from '../client/oauth_client';
import {toApiError} from '../store/errors';
import {ACTIONS, DELETE_CONSEQUENCE, describeError, REGENERATE_CONSEQUENCE, SECRET_SHOWN_ONCE} from '../store/messages';
import type {SortKey, TriState} from '../store/query';
import {filterApps, sortApps} from '../store/query';
import {selectApps, selectMetadata, selectPluginState, selectRequest} from '../store/selectors';
import type {GlobalStateWithPlugin} from '../store/selectors';
import {EMPTY_FORM, formFieldsOf,
    confirmClosed, confirmOpened, confirmUpdated, deleteApp, fetchAllApps, fetchApp, fetchMetadata, fetchSettings, fetchUsernames,
    formOpened, noticeSet, pageChanged, queryChanged, regenerateSecret,
} from '../store/slice';
import type {AppSummary} from '../store/slice';
import type {HostDispatch, HostState} from '../types/host';

const messages = defineMessages({
    none: {id: 'oauth-manager.console.manager.none', defaultMessage: 'No OAuth apps you can manage yet. Create one with New app.'},
    count: {id: 'oauth-manager.console.manager.count', defaultMessage: '{total, plural, one {# app} other {# apps}}'},
    countMatching: {id: 'oauth-manager.console.manager.count_matching', defaultMessage: '{visible} of {total, plural, one {# app} other {# apps}} match'},
    created: {id: 'oauth-manager.console.manager.created', defaultMessage: 'Created {name}.'},
    saved: {id: 'oauth-manager.console.manager.saved', defaultMessage: 'Saved {name}.'},
    unchanged: {id: 'oauth-manager.console.manager.unchanged', defaultMessage: 'Nothing to change: {name} already has these values.'},
    deleted: {id: 'oauth-manager.console.manager.deleted', defaultMessage: 'Deleted {name}.'},
    showAction: {id: 'oauth-manager.console.manager.show_action', defaultMessage: 'show the secret'},
    openAction: {id: 'oauth-manager.console.manager.open_action', defaultMessage: 'open the app'},
    statusTitle: {id: 'oauth-manager.console.manager.status_title', defaultMessage: 'OAuth server status'},
    statusSubtitle: {id: 'oauth-manager.console.manager.status_subtitle', defaultMessage: 'Whether this server acts as an OAuth 2.0 provider, and what clients are told about it.'},
    appsTitle: {id: 'oauth-manager.console.manager.apps_title', defaultMessage: 'OAuth 2.0 applications'},
    appsSubtitle: {id: 'oauth-manager.console.manager.apps_subtitle', defaultMessage: 'Every app you can manage: your own, or everyone\'s with manage_system_wide_oauth. Changes apply at once; Save below is only for the settings.'},
    newSecretRegion: {id: 'oauth-manager.console.manager.new_secret_region', defaultMessage: 'New client secret'},
    newSecretFor: {id: 'oauth-manager.console.manager.new_secret_for', defaultMessage: 'New client secret for {name}:'},
    copyNewSecret: {id: 'oauth-manager.console.manager.copy_new_secret', defaultMessage: 'Copy the new secret'},
    stored: {id: 'oauth-manager.console.manager.stored', defaultMessage: 'I have stored it'},
    deleteTitle: {id: 'oauth-manager.console.manager.delete_title', defaultMessage: 'Delete {name}?'},
    regenerateTitle: {id: 'oauth-manager.console.manager.regenerate_title', defaultMessage: 'Regenerate the secret of {name}?'},
    deleteConfirm: {id: 'oauth-manager.console.manager.delete_confirm', defaultMessage: 'Delete app'},
    regenerateConfirm: {id: 'oauth-manager.console.manager.regenerate_confirm', defaultMessage: 'Regenerate secret'},
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
    callbacks: {id: 'oauth-manager.console.manager.callbacks', defaultMessage: 'Callback URLs'},
    sortBy: {id: 'oauth-manager.console.manager.sort_by', defaultMessage: 'Sort by'},
    column: {id: 'oauth-manager.console.manager.column', defaultMessage: 'Column'},
    newApp: {id: 'oauth-manager.console.manager.new_app', defaultMessage: 'New app'},
    refresh: {id: 'oauth-manager.console.manager.refresh', defaultMessage: 'Refresh'},
    loading: {id: 'oauth-manager.console.manager.loading', defaultMessage: 'Loading apps…'},
    incomplete: {id: 'oauth-manager.console.manager.incomplete', defaultMessage: 'Apps kept changing while the list was read; it may be incomplete. Refresh to try again.'},
    pages: {id: 'oauth-manager.console.manager.pages', defaultMessage: 'Pages'},
    previous: {id: 'oauth-manager.console.manager.previous', defaultMessage: 'Previous'},
    next: {id: 'oauth-manager.console.manager.next', defaultMessage: 'Next'},
    page: {id: 'oauth-manager.console.manager.page', defaultMessage: 'Page {page} of {pages}'},
    authorizedTitle: {id: 'oauth-manager.console.manager.authorized_title', defaultMessage: 'Authorized apps'},
    authorizedSubtitle: {id: 'oauth-manager.console.manager.authorized_subtitle', defaultMessage: 'The apps a user let act on their account. You can revoke your own.'},
});

function countText(intl: IntlShape, visible: number, total: number): string {
    if (total === 0) {
        return intl.formatMessage(messages.none);
    }
    return visible === total ? intl.formatMessage(messages.count, {total}) : intl.formatMessage(messages.countMatching, {visible, total});
}

// The sort keys the table has no column for.
const OTHER_SORTS: Array<[SortKey, keyof typeof messages]> = [['type', 'type'], ['trusted', 'trusted'], ['dcr', 'dcr'], ['callbacks', 'callbacks']];

function ConsoleSection({title, subtitle, children}: {title: string; subtitle?: string; children: React.ReactNode}) {
    return (
        <div
            className='config-section'
            role='region'
            aria-label={title}
        >
            <div className='section-header'>
                <div className='section-title'>{title}</div>
                {subtitle && <div className='section-subtitle'>{subtitle}</div>}
            </div>
            <div
                className='section-body'
                style={{padding: 24}}
            >{children}</div>
        </div>
    );
}

// Host inputs stretch to the row by default; filters sit side by side.
const selectStyle: React.CSSProperties = {display: 'inline-block', width: 'auto'};

// A labelled filter or sort choice: [value, shown text] pairs.
function Select<T extends string>({id, label, value, options, onChange}: {id: string; label: string; value: T; options: Array<[T, string]>; onChange: (value: T) => void}) {
    return (
        <label htmlFor={id}>
            {label}{' '}
            <select
                id={id}
                className='form-control'
                style={selectStyle}
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

    // The console's own rendering of this section's settings (the page size).
    settingsList?: React.ReactNode[];
};

export default function OAuthManagerSection({settingsList}: Props) {
    const intl = useIntl();
    const t = (key: keyof typeof messages, values?: Record<string, string | number>) => intl.formatMessage(messages[key], values);
    const dispatch = useDispatch<HostDispatch>();
    const apps = useSelector(selectApps);
    const plugin = useSelector((s: GlobalStateWithPlugin) => selectPluginState(s));
    const metadata = useSelector(selectMetadata);
    const metadataRequest = useSelector((s: GlobalStateWithPlugin) => selectRequest(s, 'fetchMetadata'));
    const appsRequest = useSelector((s: GlobalStateWithPlugin) => selectRequest(s, 'fetchAllApps'));
    const currentUserId = useSelector((s: HostState) => s.entities?.users?.currentUserId ?? '');
    const imageProxy = useSelector((s: HostState) => s.entities?.general?.config?.HasImageProxy === 'true');
    const {query, page, form, confirm, notice} = plugin.ui;
    const usernames = plugin.usernames;
    const pageSize = plugin.settings?.default_page_size ?? 50;

    // Secrets stay in this view's state, never in the store.
    const [secrets, setSecrets] = useState<Record<string, string>>({});
    const [newSecret, setNewSecret] = useState<NewSecret | null>(null);
    const setNotice = (text: string) => dispatch(noticeSet(text));
    const onSaved = (saved: OAuthApp, mode: SavedMode) => {
        if (mode === 'create' && saved.client_secret) {
            setNewSecret({appName: saved.name, secret: saved.client_secret});
        }
        const done = {create: 'created', edit: 'saved', unchanged: 'unchanged'} as const;
        setNotice(t(done[mode], {name: saved.name}));
    };

    const load = useCallback(async () => {
        dispatch(fetchMetadata());
        dispatch(fetchSettings());
        const result = await dispatch(fetchAllApps());
        if (fetchAllApps.fulfilled.match(result)) {
            const creators = [...new Set(result.payload.apps.map((a) => a.creator_id).filter(Boolean))];
            if (creators.length) {
                dispatch(fetchUsernames(creators));
            }
        }
    }, [dispatch]);

    useEffect(() => {
        load();
    }, [load]);

    // Typing stays instant: the table follows the search box one render later.
    const search = useDeferredValue(query.search);
    const sorted = useMemo(() => sortApps(apps, query.sortKey, query.sortDir, usernames), [apps, query.sortKey, query.sortDir, usernames]);
    const visible = useMemo(() => filterApps(sorted, {...query, search}, usernames), [sorted, query, search, usernames]);
    const pages = Math.max(1, Math.ceil(visible.length / pageSize));
    const shown = visible.slice(page * pageSize, (page + 1) * pageSize);
    const creators = useMemo(() => [...new Set(apps.map((a) => a.creator_id).filter(Boolean))].sort(), [apps]);

    const reveal = async (app: AppSummary) => {
        try {
            const full = await dispatch(fetchApp(app.id)).unwrap();
            setSecrets((s) => ({...s, [app.id]: full.client_secret}));
        } catch (err) {
            setNotice(describeError(intl, toApiError(err), t('showAction')));
        }
    };
    const hide = (appId: string) => setSecrets((s) => {
        const rest = {...s};
        delete rest[appId];
        return rest;
    });
    const copySecret = (app: AppSummary) => async () => secrets[app.id] ?? (await dispatch(fetchApp(app.id)).unwrap()).client_secret;

    const openEdit = async (app: AppSummary) => {
        try {
            const fields = formFieldsOf(await dispatch(fetchApp(app.id)).unwrap());
            dispatch(formOpened({mode: 'edit', surface: 'console', appId: app.id, fields, original: fields}));
        } catch (err) {
            setNotice(describeError(intl, toApiError(err), t('openAction')));
        }
    };

    const runConfirm = async () => {
        if (!confirm) {
            return;
        }
        dispatch(confirmUpdated({busy: true, error: undefined}));
        try {
            if (confirm.kind === 'delete') {
                await dispatch(deleteApp(confirm.appId)).unwrap();
                setNotice(t('deleted', {name: confirm.appName}));
            } else {
                const updated = await dispatch(regenerateSecret(confirm.appId)).unwrap();
                hide(confirm.appId);
                setNewSecret({appName: updated.name, secret: updated.client_secret});
            }
            dispatch(confirmClosed());
        } catch (err) {
            dispatch(confirmUpdated({busy: false, error: describeError(intl, toApiError(err), intl.formatMessage(confirm.kind === 'delete' ? ACTIONS.deleteApp : ACTIONS.regenerateSecret))}));
        }
    };
    const ask = (kind: 'delete' | 'regenerate') => (app: AppSummary) => dispatch(confirmOpened({kind, appId: app.id, appName: app.name}));

    const sortBy = (key: SortKey) => dispatch(queryChanged({sortKey: key, sortDir: query.sortKey === key && query.sortDir === 'asc' ? 'desc' : 'asc'}));
    const anyText = intl.formatMessage(common.any);
    const triState: Array<[TriState, string]> = [['any', anyText], ['yes', intl.formatMessage(common.yes)], ['no', intl.formatMessage(common.no)]];

    return (
        <div>
            <ConsoleSection
                title={t('statusTitle')}
                subtitle={t('statusSubtitle')}
            >
                <StatusPanel
                    metadata={metadata}
                    request={metadataRequest}
                    pageURL={getClient().getUrl()}
                />
            </ConsoleSection>
            <ConsoleSection
                title={t('appsTitle')}
                subtitle={t('appsSubtitle')}
            >
                {newSecret && (
                    <section
                        role='status'
                        aria-label={t('newSecretRegion')}
                        className='alert alert-success'
                    >
                        <strong>{t('newSecretFor', {name: newSecret.appName})}</strong>{' '}
                        <code style={{overflowWrap: 'anywhere'}}>{newSecret.secret}</code>{' '}
                        <CopyButton
                            label={t('copyNewSecret')}
                            text={newSecret.secret}
                        />
                        <p>{intl.formatMessage(SECRET_SHOWN_ONCE)}</p>
                        <button
                            type='button'
                            className='btn btn-sm btn-tertiary'
                            onClick={() => setNewSecret(null)}
                        >{t('stored')}</button>
                    </section>
                )}
                {confirm && (
                    <ConfirmDialog
                        title={t(confirm.kind === 'delete' ? 'deleteTitle' : 'regenerateTitle', {name: confirm.appName})}
                        consequence={intl.formatMessage(confirm.kind === 'delete' ? DELETE_CONSEQUENCE : REGENERATE_CONSEQUENCE)}
                        confirmLabel={t(confirm.kind === 'delete' ? 'deleteConfirm' : 'regenerateConfirm')}
                        busy={confirm.busy}
                        error={confirm.error}
                        onConfirm={runConfirm}
                        onCancel={() => dispatch(confirmClosed())}
                    />
                )}
                {form?.surface === 'console' && <ConnectedAppForm onSaved={onSaved}/>}
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
                            style={{...selectStyle, width: 260}}
                            placeholder={t('searchPlaceholder')}
                            value={query.search}
                            onChange={(e) => dispatch(queryChanged({search: e.target.value}))}
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
                        options={[['', t('anyone')], ...creators.map((id): [string, string] => [id, usernames[id] ? '@' + usernames[id] : id])]}
                        onChange={(v) => dispatch(queryChanged({creator: v}))}
                    />
                    <Select
                        id='oauth-filter-type'
                        label={t('type')}
                        value={query.type}
                        options={[['any', anyText], ['confidential', t('confidential')], ['public', t('public')]]}
                        onChange={(v) => dispatch(queryChanged({type: v}))}
                    />
                    <Select
                        id='oauth-filter-trusted'
                        label={t('trusted')}
                        value={query.trusted}
                        options={triState}
                        onChange={(v) => dispatch(queryChanged({trusted: v}))}
                    />
                    <Select
                        id='oauth-filter-dcr'
                        label={t('dcr')}
                        value={query.dcr}
                        options={triState}
                        onChange={(v) => dispatch(queryChanged({dcr: v}))}
                    />
                    <Select
                        id='oauth-sort-other'
                        label={t('sortBy')}
                        value={OTHER_SORTS.some(([k]) => k === query.sortKey) ? query.sortKey : ''}
                        options={[['', t('column')], ...OTHER_SORTS.map(([key, label]): [SortKey, string] => [key, t(label)])]}
                        onChange={(v) => v && dispatch(queryChanged({sortKey: v, sortDir: 'asc'}))}
                    />
                    <button
                        type='button'
                        className='btn btn-primary'
                        onClick={() => dispatch(formOpened({mode: 'create', surface: 'console', fields: EMPTY_FORM}))}
                    >{t('newApp')}</button>
                    <button
                        type='button'
                        className='btn btn-tertiary'
                        onClick={load}
                    >{t('refresh')}</button>
                </div>
                {notice && (
                    <p
                        role='status'
                        aria-live='polite'
                    >{notice}</p>
                )}
                {appsRequest.status === 'pending' && <div aria-busy='true'>{t('loading')}</div>}
                {appsRequest.status === 'failed' && appsRequest.error && (
                    <div
                        role='alert'
                        style={{color: 'var(--error-text)'}}
                    >{describeError(intl, appsRequest.error, intl.formatMessage(ACTIONS.listApps))}</div>
                )}
                {appsRequest.status === 'succeeded' && plugin.listing.completeAt === 0 && (
                    <div role='status'>{t('incomplete')}</div>
                )}
                {appsRequest.status !== 'failed' && (
                    <>
                        <p
                            role='status'
                            aria-live='polite'
                        >
                            {countText(intl, visible.length, apps.length)}
                        </p>
                        {shown.length > 0 && (
                            <AppsTable
                                apps={shown}
                                usernames={usernames}
                                currentUserId={currentUserId}
                                sortKey={query.sortKey}
                                sortDir={query.sortDir}
                                onSort={sortBy}
                                secrets={secrets}
                                onReveal={reveal}
                                onHide={(app) => hide(app.id)}
                                copySecret={copySecret}
                                onEdit={openEdit}
                                onRegenerate={ask('regenerate')}
                                onDelete={ask('delete')}
                                iconProxy={imageProxy ? `${getClient().getUrl()}/api/v4/image?url=` : undefined}
                            />
                        )}
                        {pages > 1 && (
                            <nav
                                aria-label={t('pages')}
                                style={{display: 'flex', gap: 8, alignItems: 'center'}}
                            >
                                <button
                                    type='button'
                                    className='btn btn-sm btn-tertiary'
                                    disabled={page === 0}
                                    onClick={() => dispatch(pageChanged(page - 1))}
                                >{t('previous')}</button>
                                {t('page', {page: page + 1, pages})}
                                <button
                                    type='button'
                                    className='btn btn-sm btn-tertiary'
                                    disabled={page + 1 >= pages}
                                    onClick={() => dispatch(pageChanged(page + 1))}
                                >{t('next')}</button>
                            </nav>
                        )}
                    </>
                )}
                {settingsList}
            </ConsoleSection>
            <ConsoleSection
                title={t('authorizedTitle')}
                subtitle={t('authorizedSubtitle')}
            >
                <AuthorizedApps currentUserId={currentUserId}/>
            </ConsoleSection>
        </div>
    );
}
