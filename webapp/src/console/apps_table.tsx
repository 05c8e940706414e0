import React, {useState} from 'react';

import AppIcon from './app_icon';
import CopyButton from './copy_button';
import {badge, button, cell, dangerButton, muted} from './styles';

import {creatorLabel, date, MASK, typeLabel} from '../store/labels';
import type {SortDir, SortKey} from '../store/query';
import type {AppSummary} from '../store/slice';

export type RowActions = {
    secrets: Record<string, string>;
    onReveal: (app: AppSummary) => void;
    onHide: (app: AppSummary) => void;
    copySecret: (app: AppSummary) => () => Promise<string>;
    onEdit: (app: AppSummary) => void;
    onRegenerate: (app: AppSummary) => void;
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
};

// Five columns fit the System Console's 920 px content at a 1280 px window;
// the rest of an app is in its details row.
const COLUMNS: Array<[SortKey, string, string]> = [
    ['name', 'Name', '34%'], ['id', 'Client ID', '29%'], ['creator', 'Creator', '14%'], ['created', 'Created', '11%'],
];

// Wrap anywhere: a name or URL with no spaces must not widen the table.
const wrap: React.CSSProperties = {overflowWrap: 'anywhere', wordBreak: 'break-word'};
const small: React.CSSProperties = {...button, padding: '2px 8px', fontSize: 12, marginRight: 4};

function SecretControls({app, secrets, onReveal, onHide, copySecret}: {app: AppSummary} & Pick<RowActions, 'secrets' | 'onReveal' | 'onHide' | 'copySecret'>) {
    if (app.is_public === true) {
        return <span style={{color: muted}}>{'None (public client)'}</span>;
    }
    const secret = secrets[app.id];
    return (
        <>
            <code
                aria-label={`Client secret of ${app.name}`}
                style={wrap}
            >{secret ?? MASK}</code>{' '}
            <button
                type='button'
                style={small}
                onClick={() => (secret ? onHide(app) : onReveal(app))}
                aria-label={`${secret ? 'Hide' : 'Show'} the secret of ${app.name}`}
            >
                {secret ? 'Hide' : 'Show'}
            </button>
            <CopyButton
                label={`Copy the secret of ${app.name}`}
                text={copySecret(app)}
                style={small}
            />
        </>
    );
}

function Details({app, id, usernames, currentUserId, ...actions}: {app: AppSummary; id: string; usernames: Record<string, string>; currentUserId: string} & RowActions) {
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
            aria-label={`Details of ${app.name}`}
            style={{padding: '8px 4px 12px'}}
        >
            <dl style={{display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', columnGap: 16, rowGap: 6, margin: '0 0 12px'}}>
                {field('Client secret', (
                    <SecretControls
                        app={app}
                        {...actions}
                    />
                ))}
                {field('Type', typeLabel(app))}
                {field('Trusted', app.is_trusted ? 'Yes (users are not asked for consent)' : 'No')}
                {field('Dynamically registered', app.is_dynamically_registered ? 'Yes' : 'No')}
                {field('Description', orDash(app.description))}
                {field('Homepage', orDash(app.homepage))}

                {field('Icon', (
                    <AppIcon
                        url={app.icon_url}
                        proxy={actions.iconProxy}
                    />
                ))}
                {field('Callback URLs', app.callback_urls.length ? app.callback_urls.map((u) => <div key={u}>{u}</div>) : '—')}
                {field('Created by', creatorLabel(app, usernames, currentUserId))}
                {field('Created', date(app.create_at))}
                {field('Updated', date(app.update_at))}
            </dl>
            {app.is_public !== true && (
                <button
                    type='button'
                    style={button}
                    onClick={() => actions.onRegenerate(app)}
                    aria-label={`Regenerate the secret of ${app.name}`}
                >{'Regenerate secret'}</button>
            )}
            <button
                type='button'
                style={dangerButton}
                onClick={() => actions.onDelete(app)}
                aria-label={`Delete ${app.name}`}
            >{'Delete'}</button>
        </div>
    );
}

export default function AppsTable({apps, usernames, currentUserId, sortKey, sortDir, onSort, ...actions}: Props) {
    const [open, setOpen] = useState<Record<string, boolean>>({});
    const toggle = (id: string) => setOpen((o) => ({...o, [id]: !o[id]}));
    return (
        <table
            aria-label='OAuth apps'
            style={{width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed'}}
        >
            <thead>
                <tr>
                    {COLUMNS.map(([key, label, width]) => {
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
                                    onClick={() => onSort(key)}
                                    style={{background: 'none', border: 'none', color: 'inherit', fontWeight: 600, cursor: 'pointer', padding: 0}}
                                >
                                    {label}{active && (sortDir === 'asc' ? ' ▲' : ' ▼')}
                                </button>
                            </th>
                        );
                    })}
                    <th
                        scope='col'
                        style={{...cell, width: '12%'}}
                    >{'Actions'}</th>
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
                                        <span style={badge}>{typeLabel(app)}</span>
                                        {app.is_trusted && <span style={badge}>{'Trusted'}</span>}
                                        {app.is_dynamically_registered && <span style={badge}>{'DCR'}</span>}
                                    </div>
                                </td>
                                <td style={cell}>
                                    <code style={{fontSize: 12, ...wrap}}>{app.id}</code>{' '}
                                    <CopyButton
                                        label={`Copy the client id of ${app.name}`}
                                        text={app.id}
                                        style={small}
                                    />
                                </td>
                                <td style={{...cell, ...wrap}}>{creatorLabel(app, usernames, currentUserId)}</td>
                                <td style={cell}>{date(app.create_at).slice(0, 10)}</td>
                                <td style={cell}>
                                    <button
                                        type='button'
                                        style={small}
                                        onClick={() => actions.onEdit(app)}
                                        aria-label={`Edit ${app.name}`}
                                    >{'Edit'}</button>
                                    <button
                                        type='button'
                                        style={small}
                                        aria-expanded={Boolean(open[app.id])}
                                        aria-controls={detailsId}
                                        aria-label={`Details of ${app.name}`}
                                        onClick={() => toggle(app.id)}
                                    >{open[app.id] ? 'Less' : 'More'}</button>
                                </td>
                            </tr>
                            {open[app.id] && (
                                <tr>
                                    <td
                                        colSpan={COLUMNS.length + 1}
                                        style={cell}
                                    >
                                        <Details
                                            app={app}
                                            id={detailsId}
                                            usernames={usernames}
                                            currentUserId={currentUserId}
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
