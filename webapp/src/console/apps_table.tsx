import React, {useState} from 'react';
import {defineMessages, useIntl} from 'react-intl';

import AppIcon from './app_icon';
import {StateBadges, UsageCells, useUsageFields} from './app_usage';
import type {UsageView} from './app_usage';
import ClientSetup from './client_setup';
import {common} from './common_messages';
import CopyButton from './copy_button';
import SecretAge from './secret_age';
import {badge, cell, nowrap, wrap} from './styles';
import {useDates} from './use_dates';

import {isQuarantined} from '../client/governance_types';
import {creatorLabel, MASK, typeLabel} from '../store/labels';
import type {SortDir, SortKey} from '../store/query';
import type {AppSummary} from '../store/slice';

const messages = defineMessages({
    table: {id: 'oauth-manager.console.table.label', defaultMessage: 'OAuth apps'},
    name: {id: 'oauth-manager.console.table.name', defaultMessage: 'Name'},
    clientId: {id: 'oauth-manager.console.table.client_id', defaultMessage: 'Client ID'},
    creator: {id: 'oauth-manager.console.table.creator', defaultMessage: 'Creator'},
    created: {id: 'oauth-manager.console.table.created', defaultMessage: 'Created'},
    actions: {id: 'oauth-manager.console.table.actions', defaultMessage: 'Actions'},
    trusted: {id: 'oauth-manager.console.table.trusted_badge', defaultMessage: 'Trusted'},
    dcr: {id: 'oauth-manager.console.table.dcr_badge', defaultMessage: 'DCR'},
    users: {id: 'oauth-manager.console.table.users', defaultMessage: 'Users'},
    usersWhy: {id: 'oauth-manager.console.table.users_why', defaultMessage: 'Users who authorized the app'},
    lastUsed: {id: 'oauth-manager.console.table.last_used', defaultMessage: 'Last used'},
    copyId: {id: 'oauth-manager.console.table.copy_id', defaultMessage: 'Copy the client id of {name}'},
    edit: {id: 'oauth-manager.console.table.edit', defaultMessage: 'Edit'},
    editLabel: {id: 'oauth-manager.console.table.edit_label', defaultMessage: 'Edit {name}'},
    more: {id: 'oauth-manager.console.table.more', defaultMessage: 'More'},
    less: {id: 'oauth-manager.console.table.less', defaultMessage: 'Less'},
    detailsOf: {id: 'oauth-manager.console.table.details_of', defaultMessage: 'Details of {name}'},
    noSecret: {id: 'oauth-manager.console.details.no_secret', defaultMessage: 'None (public client)'},
    secretOf: {id: 'oauth-manager.console.details.secret_of', defaultMessage: 'Client secret of {name}'},
    show: {id: 'oauth-manager.console.details.show', defaultMessage: 'Show'},
    hide: {id: 'oauth-manager.console.details.hide', defaultMessage: 'Hide'},
    showLabel: {id: 'oauth-manager.console.details.show_label', defaultMessage: 'Show the secret of {name}'},
    hideLabel: {id: 'oauth-manager.console.details.hide_label', defaultMessage: 'Hide the secret of {name}'},
    copySecret: {id: 'oauth-manager.console.details.copy_secret', defaultMessage: 'Copy the secret of {name}'},
    clientSecret: {id: 'oauth-manager.console.details.client_secret', defaultMessage: 'Client secret'},
    type: {id: 'oauth-manager.console.details.type', defaultMessage: 'Type'},
    isTrusted: {id: 'oauth-manager.console.details.trusted', defaultMessage: 'Trusted'},
    trustedYes: {id: 'oauth-manager.console.details.trusted_yes', defaultMessage: 'Yes (users are not asked for consent)'},
    dynamic: {id: 'oauth-manager.console.details.dynamic', defaultMessage: 'Dynamically registered'},
    description: {id: 'oauth-manager.console.details.description', defaultMessage: 'Description'},
    homepage: {id: 'oauth-manager.console.details.homepage', defaultMessage: 'Homepage'},
    icon: {id: 'oauth-manager.console.details.icon', defaultMessage: 'Icon'},
    callbacks: {id: 'oauth-manager.console.details.callbacks', defaultMessage: 'Callback URLs'},
    createdBy: {id: 'oauth-manager.console.details.created_by', defaultMessage: 'Created by'},
    createdAt: {id: 'oauth-manager.console.details.created', defaultMessage: 'Created'},
    updated: {id: 'oauth-manager.console.details.updated', defaultMessage: 'Updated'},
    regenerate: {id: 'oauth-manager.console.details.regenerate', defaultMessage: 'Regenerate secret'},
    regenerateLabel: {id: 'oauth-manager.console.details.regenerate_label', defaultMessage: 'Regenerate the secret of {name}'},
    rotate: {id: 'oauth-manager.console.details.rotate', defaultMessage: 'Rotate secret'},
    rotateLabel: {id: 'oauth-manager.console.details.rotate_label', defaultMessage: 'Rotate the secret of {name}, with a checklist'},
    secretAge: {id: 'oauth-manager.console.details.secret_age', defaultMessage: 'Secret age'},
    delete: {id: 'oauth-manager.console.details.delete', defaultMessage: 'Delete'},
    deleteLabel: {id: 'oauth-manager.console.details.delete_label', defaultMessage: 'Delete {name}'},
    quarantined: {id: 'oauth-manager.console.apps.quarantined', defaultMessage: 'Quarantined'},
    quarantine: {id: 'oauth-manager.console.details.quarantine', defaultMessage: 'Quarantine'},
    quarantineLabel: {id: 'oauth-manager.console.details.quarantine_label', defaultMessage: 'Quarantine {name}: no new sign-in or token refresh'},
    release: {id: 'oauth-manager.console.details.release', defaultMessage: 'Release'},
    releaseLabel: {id: 'oauth-manager.console.details.release_label', defaultMessage: 'Release {name} from quarantine'},
});

export type RowActions = {
    secrets: Record<string, string>;
    onReveal: (app: AppSummary) => void;
    onHide: (app: AppSummary) => void;
    copySecret: (app: AppSummary) => () => Promise<string>;
    onEdit: (app: AppSummary) => void;
    onRegenerate: (app: AppSummary) => void;

    // Regenerate through the server half: the new secret with a checklist.
    onRotate: (app: AppSummary) => void;

    // Quarantine and release through the server half.
    onQuarantine: (app: AppSummary) => void;
    onRelease: (app: AppSummary) => void;
    onDelete: (app: AppSummary) => void;

    // The server's image proxy route (…/api/v4/image?url=) when it is on.
    iconProxy?: string;
};

type Props = RowActions & {
    apps: AppSummary[];
    usernames: Record<string, string>;
    currentUserId: string;
    sortKey: SortKey;
    sortDir: SortDir;
    onSort: (key: SortKey) => void;
    usage: UsageView;
};

type Column = {key: SortKey; label: keyof typeof messages; width: string; title?: keyof typeof messages};

// Seven columns fit the System Console's 920 px content at a 1280 px window;
// the rest of an app is in its details row. Without usage figures the
// others take the room of Users and Last used.
const COLUMNS: Column[] = [
    {key: 'name', label: 'name', width: '29%'}, {key: 'id', label: 'clientId', width: '27%'},
    {key: 'creator', label: 'creator', width: '12%'}, {key: 'created', label: 'created', width: '12%'},
];
const USAGE_COLUMNS: Column[] = [
    {key: 'name', label: 'name', width: '22%'}, {key: 'id', label: 'clientId', width: '20%'},
    {key: 'creator', label: 'creator', width: '11%'}, {key: 'created', label: 'created', width: '10%'},
    {key: 'users', label: 'users', width: '6%', title: 'usersWhy'}, {key: 'last_used', label: 'lastUsed', width: '11%'},
];

// Edit and More/Less on one line need this much of 920 px.
const ACTIONS_WIDTH = '20%';

// The creator as the listing named them (the read model joins the username).
const namesFor = (app: AppSummary, usernames: Record<string, string>) => (app.creator_username === undefined ? usernames : {[app.creator_id]: app.creator_username});

const icon = (name: string) => (
    <i
        className={`icon icon-${name}`}
        aria-hidden='true'
    />
);

// The secret, its Show/Hide and its Copy on one line.
function SecretControls({app, secrets, onReveal, onHide, copySecret}: {app: AppSummary} & Pick<RowActions, 'secrets' | 'onReveal' | 'onHide' | 'copySecret'>) {
    const intl = useIntl();
    if (app.is_public === true) {
        return <span className='light'>{intl.formatMessage(messages.noSecret)}</span>;
    }
    const secret = secrets[app.id];
    return (
        <span style={{display: 'inline-flex', alignItems: 'center', gap: 4, maxWidth: '100%', ...nowrap}}>
            <code
                aria-label={intl.formatMessage(messages.secretOf, {name: app.name})}
                style={{overflow: 'hidden', textOverflow: 'ellipsis'}}
            >{secret ?? MASK}</code>
            <button
                type='button'
                className='btn btn-sm btn-tertiary'
                onClick={() => (secret ? onHide(app) : onReveal(app))}
                aria-label={intl.formatMessage(secret ? messages.hideLabel : messages.showLabel, {name: app.name})}
            >
                {icon(secret ? 'eye-off-outline' : 'eye-outline')}
                {intl.formatMessage(secret ? messages.hide : messages.show)}
            </button>
            <CopyButton
                label={intl.formatMessage(messages.copySecret, {name: app.name})}
                text={copySecret(app)}
            />
        </span>
    );
}

function Details({app, id, usernames, currentUserId, usageShown, ...actions}: {app: AppSummary; id: string; usernames: Record<string, string>; currentUserId: string; usageShown: boolean} & RowActions) {
    const intl = useIntl();
    const dates = useDates();
    const usage = useUsageFields(app);
    const t = (key: keyof typeof messages) => intl.formatMessage(messages[key]);
    const yesNo = (v: boolean | undefined) => intl.formatMessage(v ? common.yes : common.no);
    const field = (label: string, value: React.ReactNode) => (
        <React.Fragment key={label}>
            <dt style={{fontWeight: 600}}>{label}</dt>
            <dd style={{margin: 0, ...wrap}}>{value}</dd>
        </React.Fragment>
    );
    const orDash = (v: string) => v || '—';
    return (
        <div
            id={id}
            role='region'
            aria-label={intl.formatMessage(messages.detailsOf, {name: app.name})}
            style={{padding: '8px 4px 12px'}}
        >
            <dl style={{display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', columnGap: 16, rowGap: 6, margin: '0 0 12px'}}>
                {field(t('clientSecret'), (
                    <SecretControls
                        app={app}
                        {...actions}
                    />
                ))}
                {app.is_public !== true && field(t('secretAge'), <SecretAge appId={app.id}/>)}
                {field(t('type'), typeLabel(intl, app))}
                {field(t('isTrusted'), app.is_trusted ? t('trustedYes') : yesNo(false))}
                {field(t('dynamic'), yesNo(app.is_dynamically_registered))}
                {field(t('description'), orDash(app.description))}
                {field(t('homepage'), orDash(app.homepage))}
                {field(t('icon'), (
                    <AppIcon
                        url={app.icon_url}
                        proxy={actions.iconProxy}
                    />
                ))}
                {field(t('callbacks'), app.callback_urls.length ? app.callback_urls.map((u) => <div key={u}>{u}</div>) : '—')}
                {field(t('createdBy'), creatorLabel(intl, app, namesFor(app, usernames), currentUserId))}
                {field(t('createdAt'), dates.time(app.create_at))}
                {field(t('updated'), dates.time(app.update_at))}
                {usageShown && usage.map(([label, value]) => field(label, value))}
            </dl>
            <ClientSetup app={app}/>
            <div style={{display: 'flex', gap: 8}}>
                {app.is_public !== true && (
                    <button
                        type='button'
                        className='btn btn-sm btn-tertiary'
                        onClick={() => actions.onRotate(app)}
                        aria-label={intl.formatMessage(messages.rotateLabel, {name: app.name})}
                    >{icon('sync')}{t('rotate')}</button>
                )}
                {app.is_public !== true && (
                    <button
                        type='button'
                        className='btn btn-sm btn-tertiary'
                        onClick={() => actions.onRegenerate(app)}
                        aria-label={intl.formatMessage(messages.regenerateLabel, {name: app.name})}
                    >{icon('refresh')}{t('regenerate')}</button>
                )}
                {app.is_public !== true && (isQuarantined(app.callback_urls) ? (
                    <button
                        type='button'
                        className='btn btn-sm btn-tertiary'
                        onClick={() => actions.onRelease(app)}
                        aria-label={intl.formatMessage(messages.releaseLabel, {name: app.name})}
                    >{icon('restore')}{t('release')}</button>
                ) : (
                    <button
                        type='button'
                        className='btn btn-sm btn-tertiary'
                        onClick={() => actions.onQuarantine(app)}
                        aria-label={intl.formatMessage(messages.quarantineLabel, {name: app.name})}
                    >{icon('lock-outline')}{t('quarantine')}</button>
                ))}
                <button
                    type='button'
                    className='btn btn-sm btn-danger'
                    onClick={() => actions.onDelete(app)}
                    aria-label={intl.formatMessage(messages.deleteLabel, {name: app.name})}
                >{icon('trash-can-outline')}{t('delete')}</button>
            </div>
        </div>
    );
}

export default function AppsTable({apps, usernames, currentUserId, sortKey, sortDir, onSort, usage, ...actions}: Props) {
    const intl = useIntl();
    const dates = useDates();
    const [open, setOpen] = useState<Record<string, boolean>>({});
    const toggle = (id: string) => setOpen((o) => ({...o, [id]: !o[id]}));
    const columns = usage.shown ? USAGE_COLUMNS : COLUMNS;
    return (
        <table
            aria-label={intl.formatMessage(messages.table)}
            className='table'
            style={{width: '100%', tableLayout: 'fixed'}}
        >
            <thead>
                <tr>
                    {columns.map(({key, label, width, title}) => {
                        const active = key === sortKey;
                        let ariaSort: 'ascending' | 'descending' | 'none' = 'none';
                        if (active) {
                            ariaSort = sortDir === 'asc' ? 'ascending' : 'descending';
                        }
                        return (
                            <th
                                key={key}
                                scope='col'
                                aria-sort={ariaSort}
                                style={{...cell, width}}
                            >
                                <button
                                    type='button'
                                    className='btn btn-link'
                                    onClick={() => onSort(key)}
                                    title={title && intl.formatMessage(messages[title])}
                                    style={{fontWeight: 600, padding: 0, color: 'inherit'}}
                                >
                                    {intl.formatMessage(messages[label])}{active && (sortDir === 'asc' ? ' ▲' : ' ▼')}
                                </button>
                            </th>
                        );
                    })}
                    <th
                        scope='col'
                        style={{...cell, width: ACTIONS_WIDTH}}
                    >{intl.formatMessage(messages.actions)}</th>
                </tr>
            </thead>
            <tbody>
                {apps.map((app) => {
                    const detailsId = `oauth-app-details-${app.id}`;
                    return (
                        <React.Fragment key={app.id}>
                            <tr>
                                <td style={{...cell, ...wrap}}>
                                    <div style={{fontWeight: 600}}>{app.name}</div>
                                    <div>
                                        <span style={badge}>{typeLabel(intl, app)}</span>
                                        {app.is_trusted && <span style={badge}>{intl.formatMessage(messages.trusted)}</span>}
                                        {app.is_dynamically_registered && <span style={badge}>{intl.formatMessage(messages.dcr)}</span>}
                                        {isQuarantined(app.callback_urls) && <span style={badge}>{intl.formatMessage(messages.quarantined)}</span>}
                                        <StateBadges
                                            app={app}
                                            usage={usage}
                                        />
                                    </div>
                                </td>
                                <td style={cell}>
                                    <code style={{fontSize: 12, ...wrap}}>{app.id}</code>{' '}
                                    <CopyButton
                                        label={intl.formatMessage(messages.copyId, {name: app.name})}
                                        text={app.id}
                                    />
                                </td>
                                <td style={{...cell, ...wrap}}>{creatorLabel(intl, app, namesFor(app, usernames), currentUserId)}</td>
                                <td style={cell}>{dates.day(app.create_at)}</td>
                                {usage.shown && (
                                    <UsageCells
                                        app={app}
                                        cellStyle={cell}
                                    />
                                )}
                                <td style={cell}>
                                    <div style={{display: 'flex', gap: 4, ...nowrap}}>
                                        <button
                                            type='button'
                                            className='btn btn-sm btn-tertiary'
                                            onClick={() => actions.onEdit(app)}
                                            aria-label={intl.formatMessage(messages.editLabel, {name: app.name})}
                                        >{icon('pencil-outline')}{intl.formatMessage(messages.edit)}</button>
                                        <button
                                            type='button'
                                            className='btn btn-sm btn-tertiary'
                                            aria-expanded={Boolean(open[app.id])}
                                            aria-controls={detailsId}
                                            aria-label={intl.formatMessage(messages.detailsOf, {name: app.name})}
                                            onClick={() => toggle(app.id)}
                                        >{icon(open[app.id] ? 'chevron-up' : 'chevron-down')}{intl.formatMessage(open[app.id] ? messages.less : messages.more)}</button>
                                    </div>
                                </td>
                            </tr>
                            {open[app.id] && (
                                <tr>
                                    <td
                                        colSpan={columns.length + 1}
                                        style={cell}
                                    >
                                        <Details
                                            app={app}
                                            id={detailsId}
                                            usernames={usernames}
                                            currentUserId={currentUserId}
                                            usageShown={usage.shown}
                                            {...actions}
                                        />
                                    </td>
                                </tr>
                            )}
                        </React.Fragment>
                    );
                })}
            </tbody>
        </table>
    );
}
