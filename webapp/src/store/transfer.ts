// Thunks for export and import (docs/export.md, docs/import.md). The server
// half owns every rule: these only carry its answers to the view. An apply's
// answer holds the new secrets of the apps it created: it goes to the view
// that asked, through the thunk's result, and the slice keeps only the
// request's status (as for a rotation). The console reads the listing again
// after an apply, so no app is stored from these answers.
import {apiThunk} from './thunk';

import type {ImportMatch} from '../client/import_types';

export const exportApps = apiThunk('exportApps', (client) => client.exportApps());

// The dry run writes nothing and answers the plan.
export const dryRunImport = apiThunk('dryRunImport', (client, {document, match}: {document: unknown; match: ImportMatch}) => client.importApps({document, match, apply: false}));

// The apply of exactly the dry run named by plan: the same document and match.
export const applyImport = apiThunk('applyImport', (client, {document, match, plan}: {document: unknown; match: ImportMatch; plan: string}) => client.importApps({document, match, apply: true, plan}));
