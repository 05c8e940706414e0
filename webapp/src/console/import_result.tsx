// What an import's apply answered (docs/import.md): each record's old → new
// client id and the new secrets of the created apps, masked until revealed and
// shown this once (they live in the import view's state only; closing the
// result forgets them); or, when a step failed, the server's account and,
// when its undo failed too, every app it left changed.
import React from 'react';
import {defineMessages, useIntl} from 'react-intl';

import CopyButton from './copy_button';
import FixedTable from './fixed_table';
import {actionText} from './import_plan';
import {MaskedSecret} from './rotation_result';
import {cell, muted, wrap} from './styles';

import type {ApplyResult, ImportFailure} from '../client/import_types';

const messages = defineMessages({
    region: {id: 'oauth-manager.console.import.result.region', defaultMessage: 'Import result'},
    done: {id: 'oauth-manager.console.import.result.done', defaultMessage: 'Import done: {create, number} created, {update, number} updated, {skip, number} unchanged.'},
    secretsOnce: {id: 'oauth-manager.console.import.result.secrets_once', defaultMessage: 'The new client secrets are shown this once: copy them now and store them safely. Anyone with one can act as its app. Closing this result forgets them.'},
    newIds: {id: 'oauth-manager.console.import.result.new_ids', defaultMessage: 'Created apps have new client IDs: give each integration its new ID and secret.'},
    table: {id: 'oauth-manager.console.import.result.table', defaultMessage: 'Imported apps'},
    name: {id: 'oauth-manager.console.import.result.name', defaultMessage: 'Name'},
    action: {id: 'oauth-manager.console.import.result.action', defaultMessage: 'Action'},
    ids: {id: 'oauth-manager.console.import.result.ids', defaultMessage: 'Source ID → client ID'},
    secret: {id: 'oauth-manager.console.import.result.secret', defaultMessage: 'Client secret'},
    publicClient: {id: 'oauth-manager.console.import.result.public', defaultMessage: 'Public client: no secret'},
    unchangedSecret: {id: 'oauth-manager.console.import.result.unchanged_secret', defaultMessage: 'Unchanged'},
    copyIdMap: {id: 'oauth-manager.console.import.result.copy_id_map', defaultMessage: 'Copy the ID map (source ID → client ID, as JSON)'},
    close: {id: 'oauth-manager.console.import.result.close', defaultMessage: 'I have stored them'},
    closePlain: {id: 'oauth-manager.console.import.result.close_plain', defaultMessage: 'Close'},
    failedRegion: {id: 'oauth-manager.console.import.failed.region', defaultMessage: 'Import failed'},
    failed: {id: 'oauth-manager.console.import.failed.title', defaultMessage: 'The import stopped at record {position}.'},
    undone: {id: 'oauth-manager.console.import.failed.undone', defaultMessage: 'What it had changed was undone: the apps are as they were before the import.'},
    notUndone: {id: 'oauth-manager.console.import.failed.not_undone', defaultMessage: 'The undo failed too. These apps were left changed: check each one, then fix or delete it by hand before importing again.'},
    leftCreated: {id: 'oauth-manager.console.import.failed.left_created', defaultMessage: 'Record {position} ({name}): created as {clientId}, and still there.'},
    leftUpdated: {id: 'oauth-manager.console.import.failed.left_updated', defaultMessage: 'Record {position} ({name}): {clientId} was updated and not put back.'},
});

const ids = (from: string, to: string) => (from && from !== to ? `${from} → ${to}` : to);

export function ApplyResultView({result, onDone}: {result: ApplyResult; onDone: () => void}) {
    const intl = useIntl();
    const t = (key: keyof typeof messages, values?: Record<string, string | number>) => intl.formatMessage(messages[key], values);
    const withSecret = result.apps.some((a) => a.client_secret);
    return (
        <section
            role='status'
            aria-label={t('region')}
            className='alert alert-success'
            style={{marginTop: 12, ...wrap}}
        >
            <p><strong>{t('done', result.counts)}</strong></p>
            {result.counts.create > 0 && <p>{t('newIds')}</p>}
            {withSecret && <p><strong>{t('secretsOnce')}</strong></p>}
            <FixedTable
                label={t('table')}
                columns={[
                    {label: t('name'), width: '22%'},
                    {label: t('action'), width: '12%'},
                    {label: t('ids')},
                    {label: t('secret'), width: '32%'},
                ]}
            >
                {result.apps.map((a) => {
                    const clientId = a.client_id || result.id_map[a.source_id] || '';
                    let secret: React.ReactNode = <span style={{color: muted}}>{t('unchangedSecret')}</span>;
                    if (a.action === 'create') {
                        secret = a.client_secret ? (
                            <MaskedSecret
                                name={a.name}
                                secret={a.client_secret}
                            />
                        ) : <span style={{color: muted}}>{t('publicClient')}</span>;
                    }
                    return (
                        <tr key={a.position}>
                            <td style={{...cell, ...wrap}}>{a.name}</td>
                            <td style={cell}>{actionText(intl, a)}</td>
                            <td style={cell}><code style={{fontSize: 12, ...wrap}}>{ids(a.source_id, clientId)}</code></td>
                            <td style={cell}>{secret}</td>
                        </tr>
                    );
                })}
            </FixedTable>
            <div style={{display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center'}}>
                {Object.keys(result.id_map).length > 0 && (
                    <CopyButton
                        label={t('copyIdMap')}
                        text={JSON.stringify(result.id_map, null, 2)}
                    />
                )}
                <button
                    type='button'
                    className='btn btn-sm btn-tertiary'
                    onClick={onDone}
                >{t(withSecret ? 'close' : 'closePlain')}</button>
            </div>
        </section>
    );
}

// names: the records' names by position, from the dry run that was applied.
export function FailureView({failure, names, onDone}: {failure: ImportFailure; names: Record<number, string>; onDone: () => void}) {
    const intl = useIntl();
    const t = (key: keyof typeof messages, values?: Record<string, string | number>) => intl.formatMessage(messages[key], values);
    return (
        <section
            role='alert'
            aria-label={t('failedRegion')}
            className={failure.undone ? 'alert alert-warning' : 'alert alert-danger'}
            style={{marginTop: 12, ...wrap}}
        >
            {failure.position > 0 && <p><strong>{t('failed', {position: failure.position})}</strong></p>}
            {failure.message && <p>{failure.message}</p>}
            {failure.undone ? <p>{t('undone')}</p> : (
                <>
                    <p><strong>{t('notUndone')}</strong></p>
                    <ul style={{paddingLeft: 20}}>
                        {failure.state.map((s) => (
                            <li key={`${s.position}-${s.client_id}`}>
                                {t(s.state === 'created' ? 'leftCreated' : 'leftUpdated', {position: s.position, name: s.name ?? names[s.position] ?? '', clientId: s.client_id})}
                            </li>
                        ))}
                    </ul>
                </>
            )}
            <button
                type='button'
                className='btn btn-sm btn-tertiary'
                onClick={onDone}
            >{t('closePlain')}</button>
        </section>
    );
}
