// The plugin's redux slice, registered with registry.registerReducer and so
// found at state['plugins-oauth-manager']. Apps are kept without their client
// secret: a thunk that receives one hands it to the view that asked (through
// its result) and the reducer stores only the summary. Each change made here
// is reported for the change trail by the thunk that made it (audit.ts).
import {createAsyncThunk, createSlice} from '@reduxjs/toolkit';
import type {PayloadAction} from '@reduxjs/toolkit';

import type {OAuthApp} from '@mattermost/types/integrations';

import {reportChange} from './audit';
import {toApiError} from './errors';
import type {ApiError} from './errors';
import {confirmDcrPrune, fetchSecretAges, quarantineApp, releaseApp, rotateSecret} from './governance';
import {MAX_PER_PAGE, readListing} from './listing';
import type {ListingAnswer} from './listing';
import {defaultQuery, isFiltered} from './query';
import type {ConsoleQuery} from './query';
import {toSummary} from './summary';
import type {AppSummary} from './summary';
import {apiThunk} from './thunk';

import type {SecretAges} from '../client/governance_types';
import {getClient} from '../client/oauth_client';
import type {ClientRegistrationRequest, ClientRegistrationResponse, ListingQuery, OAuthServerMetadata, PluginSettings} from '../client/oauth_client';

export type {AppSummary} from './summary';
export {toSummary} from './summary';

export type RequestStatus = 'idle' | 'pending' | 'succeeded' | 'failed';

export type RequestState = {
    status: RequestStatus;
    error?: ApiError;
};

export type OAuthManagerState = {
    apps: {
        byId: Record<string, AppSummary>;

        // The listing last fetched, in the server's order.
        order: string[];
    };
    listing: {

        // When the last listing of every app arrived (ms) if it was complete
        // (see listAllApps); 0 when it was one page or incomplete.
        completeAt: number;
    };
    authorizedByUser: Record<string, string[]>;
    usernames: Record<string, string>;
    metadata: {
        document: OAuthServerMetadata | null;

        // null until known; false when the server answered 501.
        providerEnabled: boolean | null;
    };
    settings: PluginSettings | null;

    // How old each confidential app's secret is, from the change trail.
    secretAges: SecretAges | null;
    requests: Record<string, RequestState>;
    sync: SyncState;

    // The System Console manager's view: what is searched, sorted and typed.
    // Secrets never enter it: the view that reveals one keeps it in its own state.
    ui: {
        query: ConsoleQuery;
        page: number;
        form: AppForm | null;
        confirm: Confirmation | null;
        notice: string;
    };
};

// Reads never undo writes. A read records how many writes had completed when
// it started; when it lands, an app written after that keeps what the write
// left (present or deleted), and a listing older than one already applied is
// dropped.
export type SyncState = {
    writeSeq: number;
    writes: Record<string, {seq: number; deleted: boolean}>;
    readSerial: number;
    appliedListing: number;
    reads: Record<string, {serial: number; writeSeq: number}>;
};

export type ConfirmKind = 'delete' | 'regenerate' | 'rotate' | 'quarantine' | 'release';

export type Confirmation = {
    kind: ConfirmKind;
    appId: string;
    appName: string;
    busy: boolean;
    error?: string;
};

export type FormFields = {
    name: string;
    description: string;
    homepage: string;
    icon_url: string;

    // One URL per line, as typed.
    callbacks: string;
    is_trusted: boolean;
    is_public: boolean;
};

export const EMPTY_FORM: FormFields = {name: '', description: '', homepage: '', icon_url: '', callbacks: '', is_trusted: false, is_public: false};

// The form's fields for an app, as the edit form opens with them.
export function formFieldsOf(app: OAuthApp): FormFields {
    return {
        name: app.name,
        description: app.description,
        homepage: app.homepage,
        icon_url: app.icon_url,
        callbacks: app.callback_urls.join('\n'),
        is_trusted: app.is_trusted,
        is_public: !app.client_secret,
    };
}

export type FormErrors = Partial<Record<keyof FormFields | 'form', string>>;

export type AppForm = {
    mode: 'create' | 'edit';

    // Where it is shown: the console page, or the modal `/oauth create` opens.
    surface: 'console' | 'modal';
    appId?: string;
    fields: FormFields;

    // Edit: the values the form was opened with. Saving sends only the fields
    // that differ from these, merged into a fresh read of the app, so an edit
    // made meanwhile by someone else to another field is kept.
    original?: FormFields;
    errors: FormErrors;
};

export const initialState: OAuthManagerState = {
    apps: {byId: {}, order: []},
    listing: {completeAt: 0},
    authorizedByUser: {},
    usernames: {},
    metadata: {document: null, providerEnabled: null},
    settings: null,
    secretAges: null,
    requests: {},
    sync: {writeSeq: 0, writes: {}, readSerial: 0, appliedListing: 0, reads: {}},
    ui: {query: defaultQuery, page: 0, form: null, confirm: null, notice: ''},
};

// A page, a search or every app from the read model (REST paging when it is off).
export const fetchListing = apiThunk<ListingAnswer, ListingQuery>('fetchListing', (client, query) => readListing(client, query));

// Resolves with the full app, secret included, for the view that asked.
export const fetchApp = apiThunk('fetchApp', (client, appId: string) => client.getOAuthApp(appId));
export const fetchAppInfo = apiThunk('fetchAppInfo', (client, appId: string) => client.getOAuthAppInfo(appId));

export type NewApp = Pick<OAuthApp, 'name' | 'description' | 'homepage' | 'icon_url' | 'callback_urls' | 'is_trusted'> & {is_public: boolean};

export const createApp = apiThunk('createApp', async (client, app: NewApp) => {
    const created = await client.createOAuthApp(app);
    reportChange(client, 'create', created.id);
    return created;
});

// The server replaces the whole app: callers send every field (see mergeEdit).
export const updateApp = apiThunk('updateApp', async (client, app: OAuthApp) => {
    const updated = await client.editOAuthApp(app);
    reportChange(client, 'edit', app.id);
    return updated;
});

export const deleteApp = apiThunk('deleteApp', async (client, appId: string) => {
    await client.deleteOAuthApp(appId);
    reportChange(client, 'delete', appId);
    return appId;
});

export const regenerateSecret = apiThunk('regenerateSecret', async (client, appId: string) => {
    const app = await client.regenOAuthAppSecret(appId);
    reportChange(client, 'regenerate', appId);
    return app;
});

// Every page: a user may have authorized more apps than the server's default page.
export const fetchAuthorizedApps = apiThunk('fetchAuthorizedApps', async (client, userId: string) => {
    const byId = new Map<string, AppSummary>();
    for (let page = 0; ; page++) {
        // eslint-disable-next-line no-await-in-loop
        const apps = await client.getAuthorizedOAuthApps(userId, page, MAX_PER_PAGE);
        apps.forEach((app) => byId.set(app.id, toSummary(app, {sanitized: true})));
        if (apps.length < MAX_PER_PAGE) {
            return [...byId.values()];
        }
    }
});

export const deauthorizeApp = apiThunk('deauthorizeApp', async (client, {clientId, userId}: {clientId: string; userId: string}) => {
    await client.deauthorizeOAuthApp(clientId);
    return {clientId, userId};
});

export type MetadataResult = {document: OAuthServerMetadata | null; providerEnabled: boolean};

export const fetchMetadata = createAsyncThunk<MetadataResult, void, {rejectValue: ApiError}>(
    'oauthManager/fetchMetadata',
    async (_, {rejectWithValue}) => {
        try {
            return {document: await getClient().getOAuthMetadata(), providerEnabled: true};
        } catch (err) {
            const apiError = toApiError(err);
            if (apiError.status_code === 501) {
                return {document: null, providerEnabled: false};
            }
            return rejectWithValue(apiError);
        }
    },
);

export const registerClient = apiThunk<ClientRegistrationResponse, ClientRegistrationRequest>('registerClient', (client, request) => client.registerOAuthClient(request));

export const fetchUsernames = apiThunk('fetchUsernames', async (client, userIds: string[]) => {
    const profiles = userIds.length ? await client.getProfilesByIds(userIds) : [];
    return profiles.map((p) => ({id: p.id, username: p.username}));
});

export const fetchSettings = apiThunk('fetchSettings', (client) => client.getPluginSettings());

// Every thunk's status lands under requests[<its short name>].
const requestKey = (type: string) => type.split('/')[1];

type Rejected = {type: string; payload?: ApiError; error: {message?: string}; meta: {requestId: string}};

const isOurs = (suffix: string) => (action: {type: string}) => action.type.startsWith('oauthManager/') && action.type.endsWith(suffix);

// A REST read or write knows nothing of what only the read model lists (the
// creator's username, usage, states): the app keeps what its listing said,
// under every field the REST answer carries.
function storeApp(state: OAuthManagerState, app: OAuthApp) {
    state.apps.byId[app.id] = {...state.apps.byId[app.id], ...toSummary(app)};
}

function removeApp(state: OAuthManagerState, appId: string) {
    delete state.apps.byId[appId];
    state.apps.order = state.apps.order.filter((id) => id !== appId);
}

type Meta = {meta: {requestId: string}};

function wrote(state: OAuthManagerState, appId: string, deleted = false) {
    state.sync.writeSeq++;
    state.sync.writes[appId] = {seq: state.sync.writeSeq, deleted};
}

// The read that started this request: when, counted in completed writes.
function readStart(state: OAuthManagerState, {meta}: Meta) {
    const start = state.sync.reads[meta.requestId] ?? {serial: 0, writeSeq: 0};
    delete state.sync.reads[meta.requestId];
    return start;
}

const writtenSince = (state: OAuthManagerState, appId: string, writeSeq: number) => (state.sync.writes[appId]?.seq ?? 0) > writeSeq;

function replaceListing(state: OAuthManagerState, apps: AppSummary[], action: Meta): boolean {
    const {serial, writeSeq} = readStart(state, action);
    if (serial < state.sync.appliedListing) {
        return false;
    }
    state.sync.appliedListing = serial;
    const order = new Set<string>();
    for (const app of apps) {
        if (!writtenSince(state, app.id, writeSeq)) {
            state.apps.byId[app.id] = app;
            order.add(app.id);
        } else if (!state.sync.writes[app.id].deleted) {
            order.add(app.id);
        }
    }

    // Apps created or kept by a write this listing predates.
    for (const [id, write] of Object.entries(state.sync.writes)) {
        if (write.seq > writeSeq && !write.deleted && state.apps.byId[id]) {
            order.add(id);
        }
    }
    state.apps.order = [...order];
    return true;
}

// A single app read: dropped when the app was written after the read began.
function storeRead(state: OAuthManagerState, app: OAuthApp, action: Meta, {sanitized = false} = {}) {
    const {writeSeq} = readStart(state, action);
    if (writtenSince(state, app.id, writeSeq)) {
        return;
    }
    if (!sanitized) {
        storeApp(state, app);
    } else if (!state.apps.byId[app.id]) {
        // Info is sanitized: keep what a full read already knew about the type.
        state.apps.byId[app.id] = toSummary(app, {sanitized: true});
    }
}

// Apps a partial listing (a page, a search) read: kept unless written since.
function mergeListed(state: OAuthManagerState, apps: AppSummary[], action: Meta) {
    const {writeSeq} = readStart(state, action);
    for (const app of apps) {
        if (!writtenSince(state, app.id, writeSeq)) {
            state.apps.byId[app.id] = app;
        }
    }
}

// A listing of every app the caller can manage, with no filter: it replaces the slice's listing.
function isEverything(q: ListingQuery): boolean {
    return Boolean(q.all) && !isFiltered(q);
}

const READS = ['fetchListing', 'fetchApp', 'fetchAppInfo'];

const slice = createSlice({
    name: 'oauthManager',
    initialState,
    reducers: {
        queryChanged(state, action: PayloadAction<Partial<ConsoleQuery>>) {
            state.ui.query = {...state.ui.query, ...action.payload};
            state.ui.page = 0;
        },
        pageChanged(state, action: PayloadAction<number>) {
            state.ui.page = action.payload;
        },
        formOpened(state, action: PayloadAction<Omit<AppForm, 'errors'>>) {
            state.ui.form = {...action.payload, errors: {}};
        },
        formFieldChanged(state, action: PayloadAction<Partial<FormFields>>) {
            if (state.ui.form) {
                state.ui.form.fields = {...state.ui.form.fields, ...action.payload};
                for (const key of Object.keys(action.payload) as Array<keyof FormFields>) {
                    delete state.ui.form.errors[key];
                }
            }
        },
        formErrorsSet(state, action: PayloadAction<FormErrors>) {
            if (state.ui.form) {
                state.ui.form.errors = action.payload;
            }
        },
        formClosed(state) {
            state.ui.form = null;
        },
        confirmOpened(state, action: PayloadAction<Pick<Confirmation, 'kind' | 'appId' | 'appName'>>) {
            state.ui.confirm = {...action.payload, busy: false};
        },
        confirmUpdated(state, action: PayloadAction<Partial<Confirmation>>) {
            if (state.ui.confirm) {
                state.ui.confirm = {...state.ui.confirm, ...action.payload};
            }
        },
        confirmClosed(state) {
            state.ui.confirm = null;
        },
        noticeSet(state, action: PayloadAction<string>) {
            state.ui.notice = action.payload;
        },
    },
    extraReducers: (builder) => {
        builder.
            addCase(fetchListing.fulfilled, (state, action) => {
                const answer = action.payload;
                if (!isEverything(action.meta.arg)) {
                    mergeListed(state, answer.apps, action);
                } else if (replaceListing(state, answer.apps, action)) {
                    state.listing = {completeAt: answer.source === 'rest' && !answer.complete ? 0 : Date.now()};
                }
            }).
            addCase(fetchApp.fulfilled, (state, action) => storeRead(state, action.payload, action)).
            addCase(fetchAppInfo.fulfilled, (state, action) => storeRead(state, action.payload, action, {sanitized: true})).
            addCase(createApp.fulfilled, (state, action) => {
                storeApp(state, action.payload);
                state.apps.order.push(action.payload.id);
                wrote(state, action.payload.id);
            }).
            addCase(updateApp.fulfilled, (state, action) => {
                storeApp(state, action.payload);
                wrote(state, action.payload.id);
            }).
            addCase(regenerateSecret.fulfilled, (state, action) => {
                storeApp(state, action.payload);
                wrote(state, action.payload.id);
            }).
            addCase(deleteApp.fulfilled, (state, action) => {
                removeApp(state, action.payload);
                wrote(state, action.payload, true);
            }).
            addCase(fetchAuthorizedApps.fulfilled, (state, action) => {
                for (const app of action.payload) {
                    state.apps.byId[app.id] = state.apps.byId[app.id] ?? app;
                }
                state.authorizedByUser[action.meta.arg] = action.payload.map((a) => a.id);
            }).
            addCase(deauthorizeApp.fulfilled, (state, action) => {
                const {clientId, userId} = action.payload;
                state.authorizedByUser[userId] = (state.authorizedByUser[userId] ?? []).filter((id) => id !== clientId);
            }).
            addCase(fetchMetadata.fulfilled, (state, action) => {
                state.metadata = action.payload;
            }).
            addCase(fetchUsernames.fulfilled, (state, action) => {
                for (const {id, username} of action.payload) {
                    state.usernames[id] = username;
                }
            }).
            addCase(fetchSettings.fulfilled, (state, action) => {
                state.settings = action.payload;
            }).
            addCase(fetchSecretAges.fulfilled, (state, action) => {
                state.secretAges = action.payload;
            }).

            // The server half regenerated it (and records the change itself).
            addCase(rotateSecret.fulfilled, (state, action) => {
                storeApp(state, action.payload.app);
                wrote(state, action.payload.app.id);
            }).
            addCase(quarantineApp.fulfilled, (state, action) => {
                storeApp(state, action.payload.app);
                wrote(state, action.payload.app.id);
            }).
            addCase(releaseApp.fulfilled, (state, action) => {
                storeApp(state, action.payload.app);
                wrote(state, action.payload.app.id);
            }).
            addCase(confirmDcrPrune.fulfilled, (state, action) => {
                const gone = action.payload.skipped.filter((s) => s.reason === 'gone');
                for (const {id} of [...action.payload.deleted, ...gone]) {
                    removeApp(state, id);
                    wrote(state, id, true);
                }
            }).
            addMatcher(isOurs('/pending'), (state, action: {type: string} & Meta) => {
                state.requests[requestKey(action.type)] = {status: 'pending'};
                if (READS.includes(requestKey(action.type))) {
                    state.sync.readSerial++;
                    state.sync.reads[action.meta.requestId] = {serial: state.sync.readSerial, writeSeq: state.sync.writeSeq};
                }
            }).
            addMatcher(isOurs('/fulfilled'), (state, action) => {
                state.requests[requestKey(action.type)] = {status: 'succeeded'};
            }).
            addMatcher((action): action is Rejected => isOurs('/rejected')(action), (state, action) => {
                delete state.sync.reads[action.meta.requestId];
                const error = action.payload ?? {message: action.error.message ?? 'Unknown error'};
                state.requests[requestKey(action.type)] = {status: 'failed', error};
            });
    },
});

export const {
    queryChanged, pageChanged, formOpened, formFieldChanged, formErrorsSet, formClosed,
    confirmOpened, confirmUpdated, confirmClosed, noticeSet,
} = slice.actions;
export const reducer = slice.reducer;
