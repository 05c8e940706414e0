// The System Console section that holds the OAuth app manager: a custom
// section of settings_schema (registerAdminConsoleCustomSection), so it spans
// the page's content width instead of a setting's value column. The console
// renders it inside its settings <form>: nothing here may be a form or a
// submit button (see app_form.tsx).
import React, {useCallback, useEffect, useMemo, useState} from 'react';
import {defineMessages, useIntl} from 'react-intl';
import type {IntlShape} from 'react-intl';
import {useDispatch, useSelector} from 'react-redux';

import type {OAuthApp} from '@mattermost/types/integrations';

import AppsTable from './apps_table';
import AuthorizedApps from './authorized_apps';
import ConfirmDialog from './confirm_dialog';
import ConnectedAppForm from './connected_app_form';
import ConsoleSection from './console_section';
import CopyButton from './copy_button';
import DcrClients from './dcr_clients';
import ExportImportSection from './export_import';
import FilterBar from './filter_bar';
import GovernancePanel from './governance_panel';
import ListingNotice from './listing_notice';
import ReleaseResult from './release_result';
import RotationResult from './rotation_result';
import StatusPanel from './status_panel';
import type {NewSecret, SavedMode} from './use_app_form';
import {DEFAULT_PAGE_SIZE, useAppListing} from './use_app_listing';

import type {Released, Rotation} from '../client/governance_types';
import {getClient} from '../client/oauth_client';
import {toApiError} from '../store/errors';
import {fetchSecretAges, quarantineApp, releaseApp, rotateSecret} from '../store/governance';
import {ACTIONS, DELETE_CONSEQUENCE, describeError, REGENERATE_CONSEQUENCE, SECRET_SHOWN_ONCE} from '../store/messages';
import {creatorName} from '../store/query';
import type {SortKey} from '../store/query';
import {selectMetadata, selectPluginState, selectRequest} from '../store/selectors';
import type {GlobalStateWithPlugin} from '../store/selectors';
import {EMPTY_FORM, formFieldsOf,
    confirmClosed, confirmOpened, confirmUpdated, deleteApp, fetchApp, fetchMetadata, fetchSettings,
    formOpened, noticeSet, pageChanged, queryChanged, regenerateSecret,
} from '../store/slice';
import type {AppSummary, ConfirmKind} from '../store/slice';
import {isSystemAdmin} from '../types/host';
import type {HostDispatch, HostState} from '../types/host';

const messages = defineMessages({
    none: {id: 'oauth-manager.console.manager.none', defaultMessage: 'No OAuth apps you can manage yet. Create one with New app.'},
    count: {id: 'oauth-manager.console.manager.count', defaultMessage: '{total, plural, one {# app} other {# apps}}'},
    countMatching: {id: 'oauth-manager.console.manager.count_matching', defaultMessage: '{visible, number} of {total, plural, one {# app} other {# apps}} match'},
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
    rotateTitle: {id: 'oauth-manager.console.manager.rotate_title', defaultMessage: 'Rotate the secret of {name}?'},
    rotateConsequence: {id: 'oauth-manager.console.manager.rotate_consequence', defaultMessage: '{consequence} You get the new secret once, with a checklist of where the integration must be given it.'},
    rotateConfirm: {id: 'oauth-manager.console.manager.rotate_confirm', defaultMessage: 'Rotate secret'},
    rotateAction: {id: 'oauth-manager.console.manager.rotate_action', defaultMessage: 'rotate the secret'},
    quarantineTitle: {id: 'oauth-manager.console.manager.quarantine_title', defaultMessage: 'Quarantine {name}?'},
    quarantineConsequence: {id: 'oauth-manager.console.manager.quarantine_consequence', defaultMessage: 'In one step the plugin remembers its callback URLs and trusted flag, replaces the callbacks with an address that can never receive a code, clears trusted and regenerates its secret: no new sign-in and no token refresh works for the integration any more. What it does not do: tokens already issued stay valid until they expire; to end them, deauthorize or delete the app.'},
    quarantineConfirm: {id: 'oauth-manager.console.manager.quarantine_confirm', defaultMessage: 'Quarantine'},
    quarantineAction: {id: 'oauth-manager.console.manager.quarantine_action', defaultMessage: 'quarantine the app'},
    quarantined: {id: 'oauth-manager.console.manager.quarantined', defaultMessage: '{name} is quarantined. Release it to restore its callbacks and trust, with a new secret.'},
    releaseTitle: {id: 'oauth-manager.console.manager.release_title', defaultMessage: 'Release {name} from quarantine?'},
    releaseConsequence: {id: 'oauth-manager.console.manager.release_consequence', defaultMessage: 'Its callback URLs and trusted flag come back, and its secret is regenerated once more: the plugin keeps no secret, so you get a new one, once, to give the integration.'},
    releaseConfirm: {id: 'oauth-manager.console.manager.release_confirm', defaultMessage: 'Release'},
    releaseAction: {id: 'oauth-manager.console.manager.release_action', defaultMessage: 'release the app'},
    newApp: {id: 'oauth-manager.console.manager.new_app', defaultMessage: 'New app'},
    refresh: {id: 'oauth-manager.console.manager.refresh', defaultMessage: 'Refresh'},
    loading: {id: 'oauth-manager.console.manager.loading', defaultMessage: 'Loading apps…'},
    pages: {id: 'oauth-manager.console.manager.pages', defaultMessage: 'Pages'},
    previous: {id: 'oauth-manager.console.manager.previous', defaultMessage: 'Previous'},
    next: {id: 'oauth-manager.console.manager.next', defaultMessage: 'Next'},
    page: {id: 'oauth-manager.console.manager.page', defaultMessage: 'Page {page} of {pages}'},
    authorizedTitle: {id: 'oauth-manager.console.manager.authorized_title', defaultMessage: 'Authorized apps'},
    authorizedSubtitle: {id: 'oauth-manager.console.manager.authorized_subtitle', defaultMessage: 'The apps a user let act on their account. You can revoke your own.'},
    governanceTitle: {id: 'oauth-manager.console.manager.governance_title', defaultMessage: 'Change trail and audit channel'},
    governanceSubtitle: {id: 'oauth-manager.console.manager.governance_subtitle', defaultMessage: 'The plugin checks the apps in the database for changes made anywhere and posts them, with who made them when it knows, in the audit channel. System admins only.'},
    dcrTitle: {id: 'oauth-manager.console.manager.dcr_title', defaultMessage: 'Dynamically registered clients'},
    dcrSubtitle: {id: 'oauth-manager.console.manager.dcr_subtitle', defaultMessage: 'Clients that registered themselves (RFC 7591), with their usage. Anyone can register one without signing in: prune the ones nobody uses.'},
});

// What each confirmation says, by its kind.
const CONFIRM_TEXT = {
    delete: {title: 'deleteTitle', label: 'deleteConfirm'},
    regenerate: {title: 'regenerateTitle', label: 'regenerateConfirm'},
    rotate: {title: 'rotateTitle', label: 'rotateConfirm'},
    quarantine: {title: 'quarantineTitle', label: 'quarantineConfirm'},
    release: {title: 'releaseTitle', label: 'releaseConfirm'},
} as const;

function countText(intl: IntlShape, visible: number, total: number): string {
    if (total === 0) {
        return intl.formatMessage(messages.none);
    }
    return visible === total ? intl.formatMessage(messages.count, {total}) : intl.formatMessage(messages.countMatching, {visible, total});
}

type Props = {

    // The console's own rendering of this section's settings (the page size).
    settingsList?: React.ReactNode[];
};

export default function OAuthManagerSection({settingsList}: Props) {
    const intl = useIntl();
    const t = (key: keyof typeof messages, values?: Record<string, string | number>) => intl.formatMessage(messages[key], values);
    const dispatch = useDispatch<HostDispatch>();
    const plugin = useSelector((s: GlobalStateWithPlugin) => selectPluginState(s));
    const metadata = useSelector(selectMetadata);
    const metadataRequest = useSelector((s: GlobalStateWithPlugin) => selectRequest(s, 'fetchMetadata'));
    const settingsRequest = useSelector((s: GlobalStateWithPlugin) => selectRequest(s, 'fetchSettings'));
    const currentUserId = useSelector((s: HostState) => s.entities?.users?.currentUserId ?? '');
    const imageProxy = useSelector((s: HostState) => s.entities?.general?.config?.HasImageProxy === 'true');
    const isAdmin = useSelector(isSystemAdmin);
    const {query, page, form, confirm, notice} = plugin.ui;
    const usernames = plugin.usernames;

    // The first page waits for the page size, unless the settings cannot be read.
    const pageSize = plugin.settings?.default_page_size ?? (settingsRequest.status === 'failed' ? DEFAULT_PAGE_SIZE : null);
    const listing = useAppListing(query, page, pageSize);

    // Secrets stay in this view's state, never in the store.
    const [secrets, setSecrets] = useState<Record<string, string>>({});
    const [newSecret, setNewSecret] = useState<NewSecret | null>(null);
    const [rotation, setRotation] = useState<Rotation | null>(null);
    const [released, setReleased] = useState<Released | null>(null);
    const setNotice = (text: string) => dispatch(noticeSet(text));
    const onSaved = (saved: OAuthApp, mode: SavedMode) => {
        if (mode === 'create' && saved.client_secret) {
            setNewSecret({appName: saved.name, secret: saved.client_secret});
        }
        const done = {create: 'created', edit: 'saved', unchanged: 'unchanged'} as const;
        setNotice(t(done[mode], {name: saved.name}));
        if (mode !== 'unchanged') {
            listing.afterWrite();
        }
    };

    const readServer = useCallback(() => {
        dispatch(fetchMetadata());
        dispatch(fetchSettings());
        dispatch(fetchSecretAges());
    }, [dispatch]);
    useEffect(readServer, [readServer]);

    // Every creator the view knows of, by the name the listing gave.
    const creators = useMemo(() => {
        const names = new Map<string, string>();
        for (const app of listing.known) {
            if (app.creator_id && !names.has(app.creator_id)) {
                names.set(app.creator_id, creatorName(app, usernames));
            }
        }
        return [...names].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, name]): [string, string] => [id, name ? '@' + name : id]);
    }, [listing.known, usernames]);

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
                listing.afterWrite();
            } else if (confirm.kind === 'quarantine') {
                await dispatch(quarantineApp(confirm.appId)).unwrap();
                hide(confirm.appId);
                setNotice(t('quarantined', {name: confirm.appName}));
                listing.afterWrite();
            } else if (confirm.kind === 'release') {
                const result = await dispatch(releaseApp(confirm.appId)).unwrap();
                hide(confirm.appId);
                setReleased(result);
                listing.afterWrite();
            } else if (confirm.kind === 'rotate') {
                const rotated = await dispatch(rotateSecret(confirm.appId)).unwrap();
                hide(confirm.appId);
                setRotation(rotated);
                dispatch(fetchSecretAges());
            } else {
                const updated = await dispatch(regenerateSecret(confirm.appId)).unwrap();
                hide(confirm.appId);
                setNewSecret({appName: updated.name, secret: updated.client_secret});
                dispatch(fetchSecretAges());
            }
            dispatch(confirmClosed());
        } catch (err) {
            const action = {delete: ACTIONS.deleteApp, regenerate: ACTIONS.regenerateSecret, rotate: messages.rotateAction, quarantine: messages.quarantineAction, release: messages.releaseAction}[confirm.kind];
            dispatch(confirmUpdated({busy: false, error: describeError(intl, toApiError(err), intl.formatMessage(action))}));
        }
    };
    const ask = (kind: ConfirmKind) => (app: AppSummary) => dispatch(confirmOpened({kind, appId: app.id, appName: app.name}));
    const consequence = (kind: ConfirmKind) => {
        if (kind === 'delete') {
            return intl.formatMessage(DELETE_CONSEQUENCE);
        }
        if (kind === 'quarantine' || kind === 'release') {
            return t(kind === 'quarantine' ? 'quarantineConsequence' : 'releaseConsequence');
        }
        const regenerate = intl.formatMessage(REGENERATE_CONSEQUENCE);
        return kind === 'rotate' ? t('rotateConsequence', {consequence: regenerate}) : regenerate;
    };

    const sortBy = (key: SortKey) => dispatch(queryChanged({sortKey: key, sortDir: query.sortKey === key && query.sortDir === 'asc' ? 'desc' : 'asc'}));
    const staleAfterDays = listing.facts?.source === 'database' ? listing.facts.staleAfterDays : 0;

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
            {isAdmin && (
                <ConsoleSection
                    title={t('governanceTitle')}
                    subtitle={t('governanceSubtitle')}
                >
                    <GovernancePanel/>
                </ConsoleSection>
            )}
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
                {released && (
                    <ReleaseResult
                        released={released}
                        onDone={() => setReleased(null)}
                    />
                )}
                {rotation && (
                    <RotationResult
                        rotation={rotation}
                        onDone={() => setRotation(null)}
                    />
                )}
                {confirm && (
                    <ConfirmDialog
                        title={t(CONFIRM_TEXT[confirm.kind].title, {name: confirm.appName})}
                        consequence={consequence(confirm.kind)}
                        confirmLabel={t(CONFIRM_TEXT[confirm.kind].label)}
                        busy={confirm.busy}
                        error={confirm.error}
                        onConfirm={runConfirm}
                        onCancel={() => dispatch(confirmClosed())}
                    />
                )}
                {form?.surface === 'console' && <ConnectedAppForm onSaved={onSaved}/>}
                <FilterBar
                    query={query}
                    onChange={(change) => dispatch(queryChanged(change))}
                    creators={creators}
                    can={listing.can}
                    staleAfterDays={staleAfterDays}
                >
                    <button
                        type='button'
                        className='btn btn-primary'
                        onClick={() => dispatch(formOpened({mode: 'create', surface: 'console', fields: EMPTY_FORM}))}
                    >{t('newApp')}</button>
                    <button
                        type='button'
                        className='btn btn-tertiary'
                        onClick={() => {
                            readServer();
                            listing.refresh();
                        }}
                    >{t('refresh')}</button>
                </FilterBar>
                {listing.facts && <ListingNotice facts={listing.facts}/>}
                {notice && (
                    <p
                        role='status'
                        aria-live='polite'
                    >{notice}</p>
                )}
                {!listing.shown && !listing.error && <div aria-busy='true'>{t('loading')}</div>}
                {listing.error && (
                    <div
                        role='alert'
                        style={{color: 'var(--error-text)'}}
                    >{describeError(intl, listing.error, intl.formatMessage(ACTIONS.listApps))}</div>
                )}
                {listing.shown && (
                    <>
                        <p
                            role='status'
                            aria-live='polite'
                        >
                            {countText(intl, listing.matching, listing.total)}
                        </p>
                        {listing.rows.length > 0 && (
                            <AppsTable
                                apps={listing.rows}
                                usernames={usernames}
                                currentUserId={currentUserId}
                                sortKey={query.sortKey}
                                sortDir={query.sortDir}
                                onSort={sortBy}
                                usage={{shown: listing.can.usage, cutoff: listing.cutoff, staleAfterDays}}
                                secrets={secrets}
                                onReveal={reveal}
                                onHide={(app) => hide(app.id)}
                                copySecret={copySecret}
                                onEdit={openEdit}
                                onRegenerate={ask('regenerate')}
                                onRotate={ask('rotate')}
                                onQuarantine={ask('quarantine')}
                                onRelease={ask('release')}
                                onDelete={ask('delete')}
                                iconProxy={imageProxy ? `${getClient().getUrl()}/api/v4/image?url=` : undefined}
                            />
                        )}
                        {listing.pages > 1 && (
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
                                {t('page', {page: page + 1, pages: listing.pages})}
                                <button
                                    type='button'
                                    className='btn btn-sm btn-tertiary'
                                    disabled={page + 1 >= listing.pages}
                                    onClick={() => dispatch(pageChanged(page + 1))}
                                >{t('next')}</button>
                            </nav>
                        )}
                    </>
                )}
                {settingsList}
            </ConsoleSection>

            {/* An import creates apps no write of this view knew of: the whole list is read again. */}
            <ExportImportSection onImported={listing.refresh}/>
            <ConsoleSection
                title={t('dcrTitle')}
                subtitle={t('dcrSubtitle')}
            >
                <DcrClients onPruned={listing.afterWrite}/>
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
