// The custom System Console setting that renders the OAuth app manager.
import React, {useCallback, useDeferredValue, useEffect, useMemo, useState} from 'react';
import {useDispatch, useSelector} from 'react-redux';

import type {OAuthApp} from '@mattermost/types/integrations';

import AppsTable from './apps_table';
import AuthorizedApps from './authorized_apps';
import ConfirmDialog from './confirm_dialog';
import ConnectedAppForm from './connected_app_form';
import CopyButton from './copy_button';
import {filterApps, sortApps} from './query';
import type {SortKey, TriState} from './query';
import StatusPanel from './status_panel';
import {button, errorText, input, primaryButton, section} from './styles';
import type {NewSecret} from './use_app_form';
import {EMPTY_FORM} from './use_app_form';

import {getClient} from '../client/oauth_client';
import {toApiError} from '../store/errors';
import {DELETE_CONSEQUENCE, describeError, REGENERATE_CONSEQUENCE, SECRET_SHOWN_ONCE} from '../store/messages';
import {selectApps, selectMetadata, selectPluginState, selectRequest} from '../store/selectors';
import type {GlobalStateWithPlugin} from '../store/selectors';
import {
    confirmClosed, confirmOpened, confirmUpdated, deleteApp, fetchAllApps, fetchApp, fetchMetadata, fetchSettings, fetchUsernames,
    formOpened, noticeSet, pageChanged, queryChanged, regenerateSecret,
} from '../store/slice';
import type {AppSummary} from '../store/slice';
import type {HostDispatch, HostState} from '../types/host';

function countText(visible: number, total: number): string {
    if (total === 0) {
        return 'No OAuth apps you can manage yet. Create one with New app.';
    }
    return visible === total ? `${total} apps` : `${visible} of ${total} apps match`;
}

export default function OAuthManagerSetting() {
    const dispatch = useDispatch<HostDispatch>();
    const apps = useSelector(selectApps);
    const plugin = useSelector((s: GlobalStateWithPlugin) => selectPluginState(s));
    const metadata = useSelector(selectMetadata);
    const metadataRequest = useSelector((s: GlobalStateWithPlugin) => selectRequest(s, 'fetchMetadata'));
    const appsRequest = useSelector((s: GlobalStateWithPlugin) => selectRequest(s, 'fetchAllApps'));
    const currentUserId = useSelector((s: HostState) => s.entities?.users?.currentUserId ?? '');
    const {query, page, form, confirm, notice} = plugin.ui;
    const usernames = plugin.usernames;
    const pageSize = plugin.settings?.default_page_size ?? 50;

    // Secrets stay in this view's state, never in the store.
    const [secrets, setSecrets] = useState<Record<string, string>>({});
    const [newSecret, setNewSecret] = useState<NewSecret | null>(null);
    const setNotice = (text: string) => dispatch(noticeSet(text));
    const onSaved = (saved: OAuthApp, mode: 'create' | 'edit') => {
        if (mode === 'create' && saved.client_secret) {
            setNewSecret({appName: saved.name, secret: saved.client_secret});
        }
        setNotice(`${mode === 'create' ? 'Created' : 'Saved'} ${saved.name}.`);
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
            const full = await dispatch(fetchApp(app.id)).unwrap();
            dispatch(formOpened({
                mode: 'edit',
                surface: 'console',
                appId: app.id,
                fields: {
                    name: full.name,
                    description: full.description,
                    homepage: full.homepage,
                    icon_url: full.icon_url,
                    callbacks: full.callback_urls.join('\n'),
                    is_trusted: full.is_trusted,
                    is_public: !full.client_secret,
                }}));
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
            <StatusPanel
                metadata={metadata}
                request={metadataRequest}
                siteURL={getClient().getUrl()}
            />
            {newSecret && (
                <section
                    role='status'
                    aria-label='New client secret'
                    style={{...section, borderColor: 'var(--online-indicator)'}}
                >
                    <strong>{`New client secret for ${newSecret.appName}: `}</strong>
                    <code>{newSecret.secret}</code>{' '}
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
            <section
                aria-label='OAuth apps list'
                style={section}
            >
                <h4>{'OAuth 2.0 applications'}</h4>
                <div style={{display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', marginBottom: 8}}>
                    <label htmlFor='oauth-search'>
                        {'Search '}
                        <input
                            id='oauth-search'
                            type='search'
                            style={{...input, width: 260}}
                            placeholder='Name, description, client id, creator, callback'
                            value={query.search}
                            onChange={(e) => dispatch(queryChanged({search: e.target.value}))}
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
                {appsRequest.status === 'succeeded' && !plugin.listing.complete && (
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
            </section>
            <AuthorizedApps currentUserId={currentUserId}/>
        </div>
    );
}
