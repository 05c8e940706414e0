// Export and import of OAuth apps (docs/export.md, docs/import.md). The export
// document holds no secret; an apply's answer holds the new secrets of the apps
// it created, which go to the view that asked, never the store.

// docs/export-schema.json: the document's schema and major version.
export const EXPORT_SCHEMA = 'oauth-manager.export/v1';

export type ExportedApp = {

    // The app's client id on the exporting server.
    source_id: string;
    name: string;
    description: string;
    homepage: string;
    icon_url: string;
    callback_urls: string[];
    is_trusted: boolean;
    is_public: boolean;
    is_dynamically_registered: boolean;

    // Empty when the creator no longer exists.
    creator_username: string;
};

export type ExportDocument = {
    schema: string;

    // Milliseconds since the epoch.
    exported_at: number;

    // The exporting server's Site URL ('' when none is set).
    server: string;
    apps: ExportedApp[];
};

// GET /export: the document, its text as the server sent it (saved as is) and
// the file name the server gave it.
export type ExportAnswer = {document: ExportDocument; text: string; filename: string};

// How a record finds the app it updates.
export type ImportMatch = 'source_id' | 'name';

// POST /import. The document goes as it was read: the server checks it.
export type ImportRequest = {
    document: unknown;
    match: ImportMatch;
    apply?: boolean;

    // Required with apply: the plan the dry run of the same document and match answered.
    plan?: string;
};

export type ImportAction = 'create' | 'update' | 'skip';

export type ImportCounts = {create: number; update: number; skip: number};

// The fields an update can change.
export type ChangedField = 'name' | 'description' | 'homepage' | 'icon_url' | 'callback_urls' | 'is_trusted';

export type FieldChange = {field: ChangedField | string; old: string | boolean | string[] | null; new: string | boolean | string[] | null};

// One record of the dry run. via: how a created app is made (rest or dcr);
// target_id: the app an update or skip matched.
export type PlannedRecord = {
    position: number;
    source_id: string;
    name: string;
    action: ImportAction;
    via?: 'rest' | 'dcr';
    target_id?: string;
    changes: FieldChange[];
    notes: string[];
};

export type DryRun = {plan: string; match: ImportMatch; counts: ImportCounts; apps: PlannedRecord[]};

// One record of the apply. client_secret: a created confidential app's new secret, in this answer only.
export type AppliedRecord = {
    position: number;
    source_id: string;
    name: string;
    action: ImportAction;
    client_id?: string;
    client_secret?: string;
};

export type ApplyResult = {plan: string; counts: ImportCounts; apps: AppliedRecord[]; id_map: Record<string, string>};

// 400: the document is not valid (position 0 is the document itself, 1 the first record).
export type ImportErrorItem = {position: number; field: string; message: string};
export type ImportInvalid = {message: string; errors: ImportErrorItem[]};

// 409: the plan no longer matches; nothing was written.
export type PlanChanged = {message: string; plan: string};

// A REST call failed half-way: undone false when the undo failed too, and
// state lists every app the import left changed.
export type LeftChanged = {position: number; name?: string; client_id: string; state: 'created' | 'updated'};
export type ImportFailure = {status: number; message: string; position: number; undone: boolean; state: LeftChanged[]};

// What POST /import answered, by kind. Other refusals (401, 403, 501, 503, no
// answer) fail as every other call does.
export type ImportOutcome =
    | {kind: 'dry_run'; dryRun: DryRun}
    | {kind: 'applied'; result: ApplyResult}
    | {kind: 'invalid'; invalid: ImportInvalid}
    | {kind: 'plan_changed'; changed: PlanChanged}
    | {kind: 'failed'; failure: ImportFailure};
