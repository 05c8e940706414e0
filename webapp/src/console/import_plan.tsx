// What an import's dry run answered (docs/import.md): per record, the action,
// the app it matched and each field it would change; or, when the document is
// refused, every error by record and field. Names, values, notes and the
// server's sentences are app data or quote it: they render as text only.
import React from 'react';
import {defineMessages, useIntl} from 'react-intl';
import type {IntlShape} from 'react-intl';

import {common} from './common_messages';
import FixedTable from './fixed_table';
import {cell, muted, wrap} from './styles';

import type {DryRun, FieldChange, ImportErrorItem, PlannedRecord} from '../client/import_types';

const messages = defineMessages({
    table: {id: 'oauth-manager.console.import.plan.table', defaultMessage: 'What the import would do'},
    position: {id: 'oauth-manager.console.import.plan.position', defaultMessage: 'Record'},
    name: {id: 'oauth-manager.console.import.plan.name', defaultMessage: 'Name'},
    action: {id: 'oauth-manager.console.import.plan.action', defaultMessage: 'Action'},
    target: {id: 'oauth-manager.console.import.plan.target', defaultMessage: 'Matched app'},
    changes: {id: 'oauth-manager.console.import.plan.changes', defaultMessage: 'Changes'},
    notes: {id: 'oauth-manager.console.import.plan.notes', defaultMessage: 'Notes'},
    create: {id: 'oauth-manager.console.import.plan.create', defaultMessage: 'Create'},
    createDcr: {id: 'oauth-manager.console.import.plan.create_dcr', defaultMessage: 'Create by dynamic client registration'},
    update: {id: 'oauth-manager.console.import.plan.update', defaultMessage: 'Update'},
    skip: {id: 'oauth-manager.console.import.plan.skip', defaultMessage: 'Skip: already equal'},
    none: {id: 'oauth-manager.console.import.plan.none', defaultMessage: 'None'},
    sourceId: {id: 'oauth-manager.console.import.plan.source_id', defaultMessage: 'Source ID {id}'},
    empty: {id: 'oauth-manager.console.import.plan.empty', defaultMessage: '(empty)'},
    change: {id: 'oauth-manager.console.import.plan.change', defaultMessage: '{field}: {old} → {new}'},
    removed: {id: 'oauth-manager.console.import.plan.removed', defaultMessage: 'removed: {url}'},
    added: {id: 'oauth-manager.console.import.plan.added', defaultMessage: 'added: {url}'},
    reordered: {id: 'oauth-manager.console.import.plan.reordered', defaultMessage: 'same URLs in a new order:'},
    fieldName: {id: 'oauth-manager.console.import.field.name', defaultMessage: 'Name'},
    fieldDescription: {id: 'oauth-manager.console.import.field.description', defaultMessage: 'Description'},
    fieldHomepage: {id: 'oauth-manager.console.import.field.homepage', defaultMessage: 'Homepage'},
    fieldIconUrl: {id: 'oauth-manager.console.import.field.icon_url', defaultMessage: 'Icon URL'},
    fieldCallbackUrls: {id: 'oauth-manager.console.import.field.callback_urls', defaultMessage: 'Callback URLs'},
    fieldIsTrusted: {id: 'oauth-manager.console.import.field.is_trusted', defaultMessage: 'Trusted'},
    errorsTitle: {id: 'oauth-manager.console.import.errors.title', defaultMessage: 'The file cannot be imported: {count, plural, one {one error} other {# errors}}. Nothing was written. Fix the file and run the dry run again.'},
    errorsNone: {id: 'oauth-manager.console.import.errors.none', defaultMessage: 'The file cannot be imported. Nothing was written. The server said: "{message}"'},
    errorRecord: {id: 'oauth-manager.console.import.errors.record', defaultMessage: 'Record {position}, {field}: {message}'},
    errorDocument: {id: 'oauth-manager.console.import.errors.document', defaultMessage: 'The document, {field}: {message}'},
});

// The words for a field, by the name the server gives it (another name shows as is).
const FIELDS: Record<string, keyof typeof messages> = {
    name: 'fieldName',
    description: 'fieldDescription',
    homepage: 'fieldHomepage',
    icon_url: 'fieldIconUrl',
    callback_urls: 'fieldCallbackUrls',
    is_trusted: 'fieldIsTrusted',
};

// Keys for lines of text that may repeat: the text and how often it came before.
export function withKeys(lines: string[]): Array<[string, string]> {
    const seen = new Map<string, number>();
    return lines.map((line) => {
        const n = seen.get(line) ?? 0;
        seen.set(line, n + 1);
        return [`${n}:${line}`, line];
    });
}

export const fieldLabel = (intl: IntlShape, field: string) => (FIELDS[field] ? intl.formatMessage(messages[FIELDS[field]]) : field);

function valueText(intl: IntlShape, value: FieldChange['old']): string {
    if (typeof value === 'boolean') {
        return intl.formatMessage(value ? common.yes : common.no);
    }
    if (Array.isArray(value)) {
        return value.length ? value.join(', ') : intl.formatMessage(messages.empty);
    }
    return value ? String(value) : intl.formatMessage(messages.empty);
}

// A list of URLs as what goes and what comes, one a line; the same URLs in a
// new order are shown in that order.
function ListChange({change}: {change: FieldChange}) {
    const intl = useIntl();
    const before = Array.isArray(change.old) ? change.old : [];
    const after = Array.isArray(change.new) ? change.new : [];
    const removed = before.filter((u) => !after.includes(u));
    const added = after.filter((u) => !before.includes(u));
    const lines = removed.length || added.length ? [
        ...removed.map((url) => intl.formatMessage(messages.removed, {url})),
        ...added.map((url) => intl.formatMessage(messages.added, {url})),
    ] : [intl.formatMessage(messages.reordered), ...after];
    return (
        <div>
            <div style={{fontWeight: 600}}>{fieldLabel(intl, change.field)}</div>
            <ul style={{paddingLeft: 16, margin: 0}}>
                {withKeys(lines).map(([key, line]) => <li key={key}>{line}</li>)}
            </ul>
        </div>
    );
}

export function Changes({changes}: {changes: FieldChange[]}) {
    const intl = useIntl();
    if (!changes.length) {
        return null;
    }
    return (
        <>
            {changes.map((c) => (Array.isArray(c.old) || Array.isArray(c.new) ? (
                <ListChange
                    key={c.field}
                    change={c}
                />
            ) : (
                <div key={c.field}>{intl.formatMessage(messages.change, {field: fieldLabel(intl, c.field), old: valueText(intl, c.old), new: valueText(intl, c.new)})}</div>
            )))}
        </>
    );
}

export function actionText(intl: IntlShape, record: Pick<PlannedRecord, 'action' | 'via'>): string {
    if (record.action === 'create') {
        return intl.formatMessage(record.via === 'dcr' ? messages.createDcr : messages.create);
    }
    return intl.formatMessage(record.action === 'update' ? messages.update : messages.skip);
}

export function PlanTable({dryRun}: {dryRun: DryRun}) {
    const intl = useIntl();
    const t = (key: keyof typeof messages, values?: Record<string, string>) => intl.formatMessage(messages[key], values);
    return (
        <FixedTable
            label={t('table')}
            columns={[
                {label: t('position'), width: '8%'},
                {label: t('name'), width: '20%'},
                {label: t('action'), width: '12%'},
                {label: t('target'), width: '18%'},
                {label: t('changes')},
                {label: t('notes'), width: '18%'},
            ]}
        >
            {dryRun.apps.map((r) => (
                <tr key={r.position}>
                    <td style={cell}>{r.position}</td>
                    <td style={{...cell, ...wrap}}>
                        {r.name}
                        {r.source_id && <div style={{color: muted, fontSize: 12}}>{t('sourceId', {id: r.source_id})}</div>}
                    </td>
                    <td style={cell}>{actionText(intl, r)}</td>
                    <td style={cell}>{r.target_id ? <code style={{fontSize: 12, ...wrap}}>{r.target_id}</code> : t('none')}</td>
                    <td style={{...cell, ...wrap}}><Changes changes={r.changes}/></td>
                    <td style={{...cell, ...wrap}}>
                        {r.notes.length > 0 && (
                            <ul style={{paddingLeft: 16, margin: 0}}>
                                {withKeys(r.notes).map(([key, note]) => <li key={key}>{note}</li>)}
                            </ul>
                        )}
                    </td>
                </tr>
            ))}
        </FixedTable>
    );
}

export function errorText(intl: IntlShape, e: ImportErrorItem): string {
    const values = {position: e.position, field: e.field, message: e.message};
    return intl.formatMessage(e.position === 0 ? messages.errorDocument : messages.errorRecord, values);
}

// 400: every error, by record and field (position 0 is the document itself).
export function ImportErrors({message, errors}: {message: string; errors: ImportErrorItem[]}) {
    const intl = useIntl();
    return (
        <div
            role='alert'
            style={{color: 'var(--error-text)', marginTop: 8, ...wrap}}
        >
            <p style={{fontWeight: 600, marginBottom: 4}}>
                {errors.length ? intl.formatMessage(messages.errorsTitle, {count: errors.length}) : intl.formatMessage(messages.errorsNone, {message})}
            </p>
            {errors.length > 0 && (
                <ul style={{paddingLeft: 20}}>
                    {withKeys(errors.map((e) => errorText(intl, e))).map(([key, line]) => <li key={key}>{line}</li>)}
                </ul>
            )}
        </div>
    );
}
