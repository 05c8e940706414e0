// The console's "Export and import" section (docs/export.md, docs/import.md).
// Export downloads every app the caller can manage as JSON without secrets.
// Import reads such a file in the browser, asks the server for a dry run
// (nothing written), shows it, and after a confirmation applies exactly that
// dry run (its plan, document and match). The apply's new secrets stay in this
// view's state until the result is closed or the page left. The console renders
// this inside its settings <form>: no form, no submit button, and Enter in a
// choice never submits the page (see app_form.tsx).
import React, {useRef, useState} from 'react';
import {defineMessages, useIntl} from 'react-intl';
import {useDispatch} from 'react-redux';

import {common} from './common_messages';
import ConfirmDialog from './confirm_dialog';
import ConsoleSection from './console_section';
import {readText, saveFile} from './files';
import {ImportErrors, PlanTable} from './import_plan';
import {ApplyResultView, FailureView} from './import_result';
import {muted, wrap} from './styles';

import type {ApplyResult, DryRun, ImportFailure, ImportInvalid, ImportMatch, ImportOutcome} from '../client/import_types';
import {toApiError} from '../store/errors';
import {describeError} from '../store/messages';
import {applyImport, dryRunImport, exportApps} from '../store/transfer';
import type {HostDispatch} from '../types/host';

const messages = defineMessages({
    title: {id: 'oauth-manager.console.export.title', defaultMessage: 'Export and import'},
    subtitle: {id: 'oauth-manager.console.export.subtitle', defaultMessage: 'Move apps between servers or keep them as a file. The file holds no secrets. An import always shows a dry run first, then applies exactly what it showed.'},
    download: {id: 'oauth-manager.console.export.download', defaultMessage: 'Download export'},
    exporting: {id: 'oauth-manager.console.export.exporting', defaultMessage: 'Exporting…'},
    exportExplain: {id: 'oauth-manager.console.export.explain', defaultMessage: 'Every app you can manage, as one JSON file: names, descriptions, URLs, callbacks, flags and creators, without client secrets.'},
    exported: {id: 'oauth-manager.console.export.exported', defaultMessage: 'Exported {count, plural, one {# app} other {# apps}} to {filename}. The file holds no secrets.'},
    exportAction: {id: 'oauth-manager.console.export.action', defaultMessage: 'export the apps'},
    importTitle: {id: 'oauth-manager.console.import.title', defaultMessage: 'Import'},
    importExplain: {id: 'oauth-manager.console.import.explain', defaultMessage: 'Choose an export file. The dry run shows what each record would do and writes nothing. Created apps get new client IDs and new secrets: Mattermost cannot keep an app\'s ID or secret.'},
    file: {id: 'oauth-manager.console.import.file', defaultMessage: 'Export file (.json)'},
    fileRead: {id: 'oauth-manager.console.import.file_read', defaultMessage: '{file}: {count, plural, one {# record} other {# records}}.'},
    fileReadNoApps: {id: 'oauth-manager.console.import.file_read_no_apps', defaultMessage: '{file} was read.'},
    notJson: {id: 'oauth-manager.console.import.not_json', defaultMessage: '{file} is not a JSON file, so it is not an export. Choose the file a Download export saved (oauth-apps-YYYY-MM-DD.json). Nothing was sent.'},
    tooLarge: {id: 'oauth-manager.console.import.too_large', defaultMessage: '{file} is larger than 32 MiB, the most an import takes. Split it into several files. Nothing was sent.'},
    unreadable: {id: 'oauth-manager.console.import.unreadable', defaultMessage: '{file} could not be read. Choose it again. Nothing was sent.'},
    match: {id: 'oauth-manager.console.import.match', defaultMessage: 'Match existing apps by'},
    matchSource: {id: 'oauth-manager.console.import.match_source', defaultMessage: 'Source ID (importing back into the same server)'},
    matchName: {id: 'oauth-manager.console.import.match_name', defaultMessage: 'Exact name'},
    matchHint: {id: 'oauth-manager.console.import.match_hint', defaultMessage: 'A record that matches no app you can manage is created.'},
    dryRun: {id: 'oauth-manager.console.import.dry_run', defaultMessage: 'Dry run of the import'},
    dryRunAction: {id: 'oauth-manager.console.import.dry_run_action', defaultMessage: 'run the dry run of the import'},
    counts: {id: 'oauth-manager.console.import.counts', defaultMessage: 'Dry run: {create, number} to create, {update, number} to update, {skip, number} unchanged. Nothing was written.'},
    nothing: {id: 'oauth-manager.console.import.nothing', defaultMessage: 'Nothing to import: every app already equals its record.'},
    importThese: {id: 'oauth-manager.console.import.import_these', defaultMessage: 'Import…'},
    discard: {id: 'oauth-manager.console.import.discard', defaultMessage: 'Discard the dry run'},
    confirmTitle: {id: 'oauth-manager.console.import.confirm_title', defaultMessage: 'Import {count, plural, one {one app} other {# apps}}?'},
    consequence: {id: 'oauth-manager.console.import.consequence', defaultMessage: '{create, plural, one {# app is} other {# apps are}} created and {update, plural, one {# app is} other {# apps are}} updated, exactly as the dry run showed; {skip, plural, one {# app stays as it is} other {# apps stay as they are}}. Created apps get new client IDs and new secrets: every integration behind one must be given its new ID and secret, which are shown once, after the import. If a step fails, the import undoes what it did.'},
    confirmLabel: {id: 'oauth-manager.console.import.confirm_label', defaultMessage: 'Import'},
    applyAction: {id: 'oauth-manager.console.import.apply_action', defaultMessage: 'import the apps'},
    planChanged: {id: 'oauth-manager.console.import.plan_changed', defaultMessage: 'The apps changed since the dry run; nothing was imported. Run the dry run again.'},
    unexpected: {id: 'oauth-manager.console.import.unexpected', defaultMessage: 'The server gave an answer this page does not expect; nothing is shown from it. Run the dry run again.'},
});

// The most a POST /import body may be (docs/import.md).
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

type Loaded = {name: string; document: unknown; records: number | null};

// The dry run shown, with exactly what it was asked: the apply sends the same.
type Shown = {dryRun: DryRun; document: unknown; match: ImportMatch};

function ExportPart() {
    const intl = useIntl();
    const t = (key: keyof typeof messages, values?: Record<string, string | number>) => intl.formatMessage(messages[key], values);
    const dispatch = useDispatch<HostDispatch>();
    const [busy, setBusy] = useState(false);
    const [done, setDone] = useState('');
    const [error, setError] = useState('');

    const download = async () => {
        setBusy(true);
        setDone('');
        setError('');
        try {
            const answer = await dispatch(exportApps()).unwrap();
            saveFile(answer.text, answer.filename);
            setDone(t('exported', {count: answer.document.apps.length, filename: answer.filename}));
        } catch (err) {
            setError(describeError(intl, toApiError(err), t('exportAction')));
        } finally {
            setBusy(false);
        }
    };

    return (
        <div>
            <p style={{color: muted}}>{t('exportExplain')}</p>
            <button
                type='button'
                className='btn btn-tertiary'
                disabled={busy}
                onClick={download}
            >{t(busy ? 'exporting' : 'download')}</button>
            {done && (
                <p
                    role='status'
                    style={{marginTop: 8, ...wrap}}
                >{done}</p>
            )}
            {error && (
                <p
                    role='alert'
                    style={{color: 'var(--error-text)', marginTop: 8, ...wrap}}
                >{error}</p>
            )}
        </div>
    );
}

function ImportPart({onImported}: {onImported: () => void}) {
    const intl = useIntl();
    const t = (key: keyof typeof messages, values?: Record<string, string | number>) => intl.formatMessage(messages[key], values);
    const dispatch = useDispatch<HostDispatch>();
    const [loaded, setLoaded] = useState<Loaded | null>(null);
    const [fileError, setFileError] = useState('');
    const [match, setMatch] = useState<ImportMatch>('source_id');
    const [planning, setPlanning] = useState(false);
    const [shown, setShown] = useState<Shown | null>(null);
    const [invalid, setInvalid] = useState<ImportInvalid | null>(null);
    const [error, setError] = useState('');
    const [confirming, setConfirming] = useState<{busy: boolean; error?: string} | null>(null);

    // The apply's answer, with its new secrets: this view's state only.
    const [result, setResult] = useState<ApplyResult | null>(null);
    const [failure, setFailure] = useState<{failure: ImportFailure; names: Record<number, string>} | null>(null);

    // A new file or match makes the dry run shown say nothing of what would be sent.
    const forgetPlan = () => {
        setShown(null);
        setInvalid(null);
        setError('');
        setConfirming(null);
    };

    // The newest choice: a file read after another was chosen is dropped.
    const chosen = useRef(0);

    const choose = async (file: File | undefined) => {
        const serial = ++chosen.current;
        forgetPlan();
        setLoaded(null);
        setFileError('');
        if (!file) {
            return;
        }
        if (file.size > MAX_IMPORT_BYTES) {
            setFileError(t('tooLarge', {file: file.name}));
            return;
        }
        let text: string;
        try {
            text = await readText(file);
        } catch {
            if (serial === chosen.current) {
                setFileError(t('unreadable', {file: file.name}));
            }
            return;
        }
        if (serial !== chosen.current) {
            return;
        }
        let document: unknown;
        try {
            document = JSON.parse(text);
        } catch {
            setFileError(t('notJson', {file: file.name}));
            return;
        }
        const apps = (document as {apps?: unknown} | null)?.apps;
        setLoaded({name: file.name, document, records: Array.isArray(apps) ? apps.length : null});
    };

    // What an answer shows, whichever step asked.
    const show = (outcome: ImportOutcome, asked: {document: unknown; match: ImportMatch}) => {
        switch (outcome.kind) {
        case 'dry_run':
            setShown({dryRun: outcome.dryRun, ...asked});
            return;
        case 'applied':
            setResult(outcome.result);
            onImported();
            return;
        case 'invalid':
            setInvalid(outcome.invalid);
            return;
        case 'plan_changed':
            setError(t('planChanged'));
            return;
        case 'failed': {
            const names: Record<number, string> = {};
            for (const r of shown?.dryRun.apps ?? []) {
                names[r.position] = r.name;
            }
            setFailure({failure: outcome.failure, names});
            onImported();
            break;
        }
        }
    };

    const dryRun = async () => {
        if (!loaded) {
            return;
        }
        forgetPlan();
        setFailure(null);
        setPlanning(true);
        const asked = {document: loaded.document, match};
        try {
            const outcome = await dispatch(dryRunImport(asked)).unwrap();
            if (outcome.kind === 'applied') {
                setError(t('unexpected'));
            } else {
                show(outcome, asked);
            }
        } catch (err) {
            setError(describeError(intl, toApiError(err), t('dryRunAction')));
        } finally {
            setPlanning(false);
        }
    };

    const apply = async () => {
        if (!shown) {
            return;
        }
        setConfirming({busy: true});
        const {document, match: asked, dryRun: {plan}} = shown;
        try {
            const outcome = await dispatch(applyImport({document, match: asked, plan})).unwrap();
            if (outcome.kind === 'dry_run') {
                setError(t('unexpected'));
            } else {
                show(outcome, {document, match: asked});
            }
            setShown(null);
            setConfirming(null);
        } catch (err) {
            // No answer, or a refusal before anything was written: the confirmation can be tried again.
            setConfirming({busy: false, error: describeError(intl, toApiError(err), t('applyAction'))});
        }
    };

    const counts = shown?.dryRun.counts;
    const toDo = counts ? counts.create + counts.update : 0;
    const fileId = 'oauth-import-file';
    const matchName = 'oauth-import-match';

    // Enter on a choice would submit the console's settings form.
    const noSubmit = (e: React.KeyboardEvent) => {
        if (e.key === 'Enter') {
            e.preventDefault();
        }
    };

    return (
        <div style={{marginTop: 24}}>
            <div style={{fontWeight: 600, marginBottom: 4}}>{t('importTitle')}</div>
            <p style={{color: muted}}>{t('importExplain')}</p>
            <div style={{display: 'flex', flexDirection: 'column', gap: 8}}>
                <div>
                    <label
                        htmlFor={fileId}
                        style={{marginRight: 8}}
                    >{t('file')}</label>
                    <input
                        id={fileId}
                        type='file'
                        accept='.json,application/json'
                        aria-invalid={Boolean(fileError)}
                        aria-describedby={`${fileId}-hint`}
                        onClick={(e) => {
                            // Choosing the same file again (after editing it) reads it again.
                            e.currentTarget.value = '';
                        }}
                        onChange={(e) => choose(e.target.files?.[0])}
                    />
                    <div
                        id={`${fileId}-hint`}
                        role={fileError ? 'alert' : undefined}
                        style={{color: fileError ? 'var(--error-text)' : muted, marginTop: 4, ...wrap}}
                    >
                        {fileError || (loaded && (loaded.records === null ? t('fileReadNoApps', {file: loaded.name}) : t('fileRead', {file: loaded.name, count: loaded.records})))}
                    </div>
                </div>
                <fieldset
                    onKeyDown={noSubmit}
                    style={{border: 0, padding: 0, margin: 0}}
                >
                    <legend style={{fontSize: 'inherit', fontWeight: 400, border: 0, marginBottom: 4, width: 'auto'}}>{t('match')}</legend>
                    {(['source_id', 'name'] as const).map((value) => (
                        <label
                            key={value}
                            style={{display: 'block', fontWeight: 400}}
                        >
                            <input
                                type='radio'
                                name={matchName}
                                value={value}
                                checked={match === value}
                                onChange={() => {
                                    setMatch(value);
                                    forgetPlan();
                                }}
                                style={{marginRight: 6}}
                            />
                            {t(value === 'name' ? 'matchName' : 'matchSource')}
                        </label>
                    ))}
                    <div style={{color: muted}}>{t('matchHint')}</div>
                </fieldset>
                <div>
                    <button
                        type='button'
                        className='btn btn-tertiary'
                        disabled={!loaded || planning}
                        onClick={dryRun}
                    >{planning ? intl.formatMessage(common.working) : t('dryRun')}</button>
                </div>
            </div>
            {error && (
                <p
                    role='alert'
                    style={{color: 'var(--error-text)', marginTop: 8, ...wrap}}
                >{error}</p>
            )}
            {invalid && (
                <ImportErrors
                    message={invalid.message}
                    errors={invalid.errors}
                />
            )}
            {shown && counts && (
                <div style={{marginTop: 12}}>
                    <p
                        role='status'
                        style={{fontWeight: 600}}
                    >{t('counts', counts)}</p>
                    <PlanTable dryRun={shown.dryRun}/>
                    {toDo === 0 && <p>{t('nothing')}</p>}
                    <div style={{display: 'flex', gap: 8, marginTop: 8}}>
                        {toDo > 0 && (
                            <button
                                type='button'
                                className='btn btn-primary'
                                onClick={() => setConfirming({busy: false})}
                            >{t('importThese')}</button>
                        )}
                        <button
                            type='button'
                            className='btn btn-tertiary'
                            onClick={forgetPlan}
                        >{t('discard')}</button>
                    </div>
                </div>
            )}
            {shown && counts && confirming && (
                <ConfirmDialog
                    title={t('confirmTitle', {count: toDo})}
                    consequence={t('consequence', counts)}
                    confirmLabel={t('confirmLabel')}
                    busy={confirming.busy}
                    error={confirming.error}
                    onConfirm={apply}
                    onCancel={() => setConfirming(null)}
                />
            )}
            {failure && (
                <FailureView
                    failure={failure.failure}
                    names={failure.names}
                    onDone={() => setFailure(null)}
                />
            )}
            {result && (
                <ApplyResultView
                    result={result}
                    onDone={() => setResult(null)}
                />
            )}
        </div>
    );
}

// onImported: the apps changed (an apply, or one that failed half-way): read the list again.
// Memoized: the page renders again on every change of the store, which this section does not read.
function ExportImportSection({onImported}: {onImported: () => void}) {
    const intl = useIntl();
    return (
        <ConsoleSection
            title={intl.formatMessage(messages.title)}
            subtitle={intl.formatMessage(messages.subtitle)}
        >
            <ExportPart/>
            <ImportPart onImported={onImported}/>
        </ConsoleSection>
    );
}

export default React.memo(ExportImportSection);
