// The System Console section that holds the OAuth app manager: a custom
// section of settings_schema (registerAdminConsoleCustomSection), so it spans
// the page's content width instead of a setting's value column. The console
// renders it inside its settings <form>: nothing here may be a form or a
// submit button (see app_form.tsx).
import React, {useCallback, useDeferredValue, useEffect, useMemo, useState} from 'react';
import {useDispatch, useSelector} from 'react-redux';

import type {OAuthApp} from '@mattermost/types/integrations';

import AppsTable from './apps_table';
import AuthorizedApps from './authorized_apps';
import ConfirmDialog from './confirm_dialog';
import ConnectedAppForm from './connected_app_form';
import CopyButton from './copy_button';
import StatusPanel from './status_panel';
import {button, errorText, input, primaryButton, section} from './styles';
import type {NewSecret, SavedMode} from './use_app_form';

import {getClient} from '../client/oauth_client';
import {toApiError} from '../store/errors';
import {plural} from '../store/labels';
import {DELETE_CONSEQUENCE, describeError, REGENERATE_CONSEQUENCE, SECRET_SHOWN_ONCE} from '../store/messages';
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

function countText(visible: number, total: number): string {
    if (total === 0) {
        return 'No OAuth apps you can manage yet. Create one with New app.';
    }
    return visible === total ? plural(total, 'app', 'apps') : `${visible} of ${plural(total, 'app', 'apps')} match`;
}

// The sort keys the table has no column for.
const OTHER_SORTS: Array<[SortKey, string]> = [['type', 'Type'], ['trusted', 'Trusted'], ['dcr', 'DCR'], ['callbacks', 'Callback URLs']];

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

type Props = {

    // The console's own rendering of this section's settings (the page size).
    settingsList?: React.ReactNode[];
};

export default function OAuthManagerSection({settingsList}: Props) {
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
        const done = {create: `Created ${saved.name}.`, edit: `Saved ${saved.name}.`, unchanged: `Nothing to change: ${saved.name} already has these values.`};
        setNotice(done[mode]);
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
            setNotice(describeError(toApiError(err), 'show the secret'));
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
            setNotice(describeError(toApiError(err), 'open the app'));
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
                setNotice(`Deleted ${confirm.appName}.`);
            } else {
                const updated = await dispatch(regenerateSecret(confirm.appId)).unwrap();
                hide(confirm.appId);
                setNewSecret({appName: updated.name, secret: updated.client_secret});
            }
            dispatch(confirmClosed());
        } catch (err) {
            dispatch(confirmUpdated({busy: false, error: describeError(toApiError(err), confirm.kind === 'delete' ? 'delete the app' : 'regenerate the secret')}));
        }
    };
    const ask = (kind: 'delete' | 'regenerate') => (app: AppSummary) => dispatch(confirmOpened({kind, appId: app.id, appName: app.name}));

    const sortBy = (key: SortKey) => dispatch(queryChanged({sortKey: key, sortDir: query.sortKey === key && query.sortDir === 'asc' ? 'desc' : 'asc'}));
    const triSelect = (id: string, label: string, value: TriState, onChange: (v: TriState) => void) => (
        <label htmlFor={id}>
            {label}{' '}
            <select
                id={id}
                style={input}
                value={value}
                onChange={(e) => onChange(e.target.value as TriState)}
            >
                <option value='any'>{'Any'}</option>
                <option value='yes'>{'Yes'}</option>
                <option value='no'>{'No'}</option>
            </select>
        </label>
    );

    return (
        <div style={{color: 'var(--center-channel-color)'}}>
            <ConsoleSection
                title='OAuth server status'
                subtitle='Whether this server acts as an OAuth 2.0 provider, and what clients are told about it.'
            >
                <StatusPanel
                    metadata={metadata}
                    request={metadataRequest}
                    pageURL={getClient().getUrl()}
                />
            </ConsoleSection>
            <ConsoleSection
                title='OAuth 2.0 applications'
                subtitle={'Every app you can manage: your own, or everyone\'s with manage_system_wide_oauth. Changes apply at once; Save below is only for the settings.'}
            >
                {newSecret && (
                    <section
                        role='status'
                        aria-label='New client secret'
                        style={{...section, borderColor: 'var(--online-indicator)'}}
                    >
                        <strong>{`New client secret for ${newSecret.appName}: `}</strong>
                        <code style={{overflowWrap: 'anywhere'}}>{newSecret.secret}</code>{' '}
                        <CopyButton
                            label='Copy the new secret'
                            text={newSecret.secret}
                        />
                        <p>{SECRET_SHOWN_ONCE}</p>
                        <button
                            type='button'
                            style={button}
                            onClick={() => setNewSecret(null)}
                        >{'I have stored it'}</button>
                    </section>
                )}
                {confirm && (
                    <ConfirmDialog
                        title={confirm.kind === 'delete' ? `Delete ${confirm.appName}?` : `Regenerate the secret of ${confirm.appName}?`}
                        consequence={confirm.kind === 'delete' ? DELETE_CONSEQUENCE : REGENERATE_CONSEQUENCE}
                        confirmLabel={confirm.kind === 'delete' ? 'Delete app' : 'Regenerate secret'}
                        busy={confirm.busy}
                        error={confirm.error}
                        onConfirm={runConfirm}
                        onCancel={() => dispatch(confirmClosed())}
                    />
                )}
                {form?.surface === 'console' && <ConnectedAppForm onSaved={onSaved}/>}
                <div
                    role='search'
                    aria-label='Find apps'
                    style={{display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', marginBottom: 8}}
                >
                    <label htmlFor='oauth-search'>
                        {'Search '}
                        <input
                            id='oauth-search'
                            type='search'
                            style={{...input, width: 260}}
                            placeholder='Name, description, client id, creator, callback'
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
                    <label htmlFor='oauth-filter-creator'>
                        {'Creator '}
                        <select
                            id='oauth-filter-creator'
                            style={input}
                            value={query.creator}
                            onChange={(e) => dispatch(queryChanged({creator: e.target.value}))}
                        >
                            <option value=''>{'Anyone'}</option>
                            {creators.map((id) => (
                                <option
                                    key={id}
                                    value={id}
                                >{usernames[id] ? '@' + usernames[id] : id}</option>
                            ))}
                        </select>
                    </label>
                    <label htmlFor='oauth-filter-type'>
                        {'Type '}
                        <select
                            id='oauth-filter-type'
                            style={input}
                            value={query.type}
                            onChange={(e) => dispatch(queryChanged({type: e.target.value as 'any' | 'public' | 'confidential'}))}
                        >
                            <option value='any'>{'Any'}</option>
                            <option value='confidential'>{'Confidential'}</option>
                            <option value='public'>{'Public'}</option>
                        </select>
                    </label>
                    {triSelect('oauth-filter-trusted', 'Trusted', query.trusted, (v) => dispatch(queryChanged({trusted: v})))}
                    {triSelect('oauth-filter-dcr', 'DCR', query.dcr, (v) => dispatch(queryChanged({dcr: v})))}
                    <label htmlFor='oauth-sort-other'>
                        {'Sort by '}
                        <select
                            id='oauth-sort-other'
                            style={input}
                            value={OTHER_SORTS.some(([k]) => k === query.sortKey) ? query.sortKey : ''}
                            onChange={(e) => e.target.value && dispatch(queryChanged({sortKey: e.target.value as SortKey, sortDir: 'asc'}))}
                        >
                            <option value=''>{'Column'}</option>
                            {OTHER_SORTS.map(([key, label]) => (
                                <option
                                    key={key}
                                    value={key}
                                >{label}</option>
                            ))}
                        </select>
                    </label>
                    <button
                        type='button'
                        style={primaryButton}
                        onClick={() => dispatch(formOpened({mode: 'create', surface: 'console', fields: EMPTY_FORM}))}
                    >{'New app'}</button>
                    <button
                        type='button'
                        style={button}
                        onClick={load}
                    >{'Refresh'}</button>
                </div>
                {notice && <p role='status'>{notice}</p>}
                {appsRequest.status === 'pending' && <div aria-busy='true'>{'Loading apps…'}</div>}
                {appsRequest.status === 'failed' && appsRequest.error && (
                    <div
                        role='alert'
                        style={errorText}
                    >{describeError(appsRequest.error, 'list the OAuth apps')}</div>
                )}
                {appsRequest.status === 'succeeded' && plugin.listing.completeAt === 0 && (
                    <div role='status'>{'Apps kept changing while the list was read; it may be incomplete. Refresh to try again.'}</div>
                )}
                {appsRequest.status !== 'failed' && (
                    <>
                        <p
                            role='status'
                            aria-live='polite'
                        >
                            {countText(visible.length, apps.length)}
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
                            <nav aria-label='Pages'>
                                <button
                                    type='button'
                                    style={button}
                                    disabled={page === 0}
                                    onClick={() => dispatch(pageChanged(page - 1))}
                                >{'Previous'}</button>
                                {`Page ${page + 1} of ${pages}`}{' '}
                                <button
                                    type='button'
                                    style={button}
                                    disabled={page + 1 >= pages}
                                    onClick={() => dispatch(pageChanged(page + 1))}
                                >{'Next'}</button>
                            </nav>
                        )}
                    </>
                )}
                {settingsList}
            </ConsoleSection>
            <ConsoleSection
                title='Authorized apps'
                subtitle='The apps a user let act on their account. You can revoke your own.'
            >
                <AuthorizedApps currentUserId={currentUserId}/>
            </ConsoleSection>
        </div>
    );
}
