import React from 'react';

import CopyButton from './copy_button';
import type {SortDir, SortKey} from './query';
import {button, cell, muted} from './styles';

import {MASK} from '../slash/format';
import type {AppSummary} from '../store/slice';

export type RowActions = {
    secrets: Record<string, string>;
    onReveal: (app: AppSummary) => void;
    onHide: (app: AppSummary) => void;
    copySecret: (app: AppSummary) => () => Promise<string>;
    onEdit: (app: AppSummary) => void;
    onRegenerate: (app: AppSummary) => void;
    onDelete: (app: AppSummary) => void;
};

type Props = RowActions & {
    apps: AppSummary[];
    usernames: Record<string, string>;
    sortKey: SortKey;
    sortDir: SortDir;
    onSort: (key: SortKey) => void;
};

const COLUMNS: Array<[SortKey, string]> = [
    ['name', 'Name'], ['id', 'Client ID'], ['type', 'Type'], ['trusted', 'Trusted'], ['dcr', 'DCR'],
    ['creator', 'Creator'], ['callbacks', 'Callback URLs'], ['created', 'Created'],
];

const yesNo = (v: boolean | undefined) => (v ? 'Yes' : 'No');

function SecretCell({app, secrets, onReveal, onHide, copySecret}: {app: AppSummary} & Pick<RowActions, 'secrets' | 'onReveal' | 'onHide' | 'copySecret'>) {
    if (app.is_public) {
        return <span style={{color: muted}}>{'None (public client)'}</span>;
    }
    const secret = secrets[app.id];
    return (
        <>
            <code aria-label={`Client secret of ${app.name}`}>{secret ?? MASK}</code>{' '}
            <button
                type='button'
                style={button}
                onClick={() => (secret ? onHide(app) : onReveal(app))}
                aria-label={`${secret ? 'Hide' : 'Show'} the secret of ${app.name}`}
            >
                {secret ? 'Hide' : 'Show'}
            </button>
            <CopyButton
                label={`Copy the secret of ${app.name}`}
                text={copySecret(app)}
            />
        </>
    );
}

export default function AppsTable({apps, usernames, sortKey, sortDir, onSort, ...actions}: Props) {
    return (
        <table
            aria-label='OAuth apps'
            style={{width: '100%', borderCollapse: 'collapse'}}
        >
            <thead>
                <tr>
                    {COLUMNS.map(([key, label]) => {
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
                                style={cell}
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
                        style={cell}
                    >{'Secret'}</th>
                    <th
                        scope='col'
                        style={cell}
                    >{'Actions'}</th>
                </tr>
            </thead>
            <tbody>
                {apps.map((app) => (
                    <tr key={app.id}>
                        <td style={cell}>
                            {app.icon_url && (
                                <img
                                    src={app.icon_url}
                                    alt=''
                                    width={16}
                                    height={16}
                                    style={{marginRight: 6, verticalAlign: 'middle'}}
                                />
                            )}
                            {app.name}
                        </td>
                        <td style={cell}>
                            <code>{app.id}</code>{' '}
                            <CopyButton
                                label={`Copy the client id of ${app.name}`}
                                text={app.id}
                            />
                        </td>
                        <td style={cell}>{app.is_public ? 'Public' : 'Confidential'}</td>
                        <td style={cell}>{yesNo(app.is_trusted)}</td>
                        <td style={cell}>{yesNo(app.is_dynamically_registered)}</td>
                        <td style={cell}>{usernames[app.creator_id] ? '@' + usernames[app.creator_id] : app.creator_id || '—'}</td>
                        <td style={cell}>{app.callback_urls.map((u) => <div key={u}>{u}</div>)}</td>
                        <td style={cell}>{new Date(app.create_at).toISOString().slice(0, 10)}</td>
                        <td style={cell}>
                            <SecretCell
                                app={app}
                                {...actions}
                            />
                        </td>
                        <td style={{...cell, whiteSpace: 'nowrap'}}>
                            <button
                                type='button'
                                style={button}
                                onClick={() => actions.onEdit(app)}
                                aria-label={`Edit ${app.name}`}
                            >{'Edit'}</button>
                            {!app.is_public && (
                                <button
                                    type='button'
                                    style={button}
                                    onClick={() => actions.onRegenerate(app)}
                                    aria-label={`Regenerate the secret of ${app.name}`}
                                >{'Regenerate secret'}</button>
                            )}
                            <button
                                type='button'
                                style={button}
                                onClick={() => actions.onDelete(app)}
                                aria-label={`Delete ${app.name}`}
                            >{'Delete'}</button>
                        </td>
                    </tr>
                ))}
            </tbody>
        </table>
    );
}
