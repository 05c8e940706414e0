// The plugin's redux slice, registered with registry.registerReducer and so
// found at state['plugins-oauth-manager']. Apps are kept without their client
// secret: a secret lives only in the view that shows it.
import {createAsyncThunk, createSlice} from '@reduxjs/toolkit';
import type {PayloadAction} from '@reduxjs/toolkit';

import type {OAuthApp} from '@mattermost/types/integrations';

import {toApiError} from './errors';
import type {ApiError} from './errors';

import {getClient} from '../client/oauth_client';
import type {OAuthServerMetadata} from '../client/oauth_client';

export type AppSummary = Omit<OAuthApp, 'client_secret'> & {is_public: boolean};

export type RequestStatus = 'idle' | 'pending' | 'succeeded' | 'failed';

export type RequestState = {
    status: RequestStatus;
    error?: ApiError;
};

export type OAuthManagerState = {
    apps: {
        byId: Record<string, AppSummary>;
        order: string[];
    };
    listing: {
        page: number;
        perPage: number;

        // True once a --all listing found every app (see fetchAllApps).
        complete: boolean;
    };
    metadata: {
        document: OAuthServerMetadata | null;

        // null until known; false when the server answered 501.
        providerEnabled: boolean | null;
    };
    requests: Record<string, RequestState>;
    lastError: ApiError | null;
};

export const initialState: OAuthManagerState = {
    apps: {byId: {}, order: []},
    listing: {page: 0, perPage: 50, complete: false},
    metadata: {document: null, providerEnabled: null},
    requests: {},
    lastError: null,
};

// Public clients are those without a secret; the server keeps no other flag.
export function toSummary(app: OAuthApp): AppSummary {
    const {client_secret: secret, ...rest} = app;
    return {...rest, is_public: rest.is_public ?? !secret};
}

export const MAX_PER_PAGE = 200;

export const fetchAppsPage = createAsyncThunk<AppSummary[], {page: number; perPage: number}, {rejectValue: ApiError}>(
    'oauthManager/fetchAppsPage',
    async ({page, perPage}, {rejectWithValue}) => {
        try {
            return (await getClient().getOAuthApps(page, perPage)).map(toSummary);
        } catch (err) {
            return rejectWithValue(toApiError(err));
        }
    },
);

export type AllAppsResult = {apps: AppSummary[]; complete: boolean; passes: number};

// The list query has no ORDER BY, so an app updated while pages are fetched can
// move between pages: one pass may both repeat and miss apps. Passes are
// repeated (de-duplicated by id) until one adds no new id.
export async function listAllApps(
    getPage: (page: number, perPage: number) => Promise<OAuthApp[]>,
    {perPage = MAX_PER_PAGE, concurrency = 4, maxPasses = 4} = {},
): Promise<AllAppsResult> {
    const byId = new Map<string, AppSummary>();
    for (let pass = 1; pass <= maxPasses; pass++) {
        const before = byId.size;
        let done = false;
        for (let first = 0; !done; first += concurrency) {
            const window = Array.from({length: concurrency}, (_, i) => first + i);
            // eslint-disable-next-line no-await-in-loop
            const results = await Promise.all(window.map((p) => getPage(p, perPage)));
            for (const apps of results) {
                for (const app of apps) {
                    byId.set(app.id, toSummary(app));
                }
                if (apps.length < perPage) {
                    done = true;
                }
            }
        }
        if (pass > 1 && byId.size === before) {
            return {apps: [...byId.values()], complete: true, passes: pass};
        }
    }
    return {apps: [...byId.values()], complete: false, passes: maxPasses};
}

export const fetchAllApps = createAsyncThunk<AllAppsResult, void, {rejectValue: ApiError}>(
    'oauthManager/fetchAllApps',
    async (_, {rejectWithValue}) => {
        try {
            return await listAllApps((page, perPage) => getClient().getOAuthApps(page, perPage));
        } catch (err) {
            return rejectWithValue(toApiError(err));
        }
    },
);

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

// Every thunk's status lands under requests[<its short name>].
const requestKey = (type: string) => type.split('/')[1];

type Rejected = {type: string; payload?: ApiError; error: {message?: string}};

function setRequest(state: OAuthManagerState, type: string, request: RequestState) {
    state.requests[requestKey(type)] = request;
}

function replaceApps(state: OAuthManagerState, apps: AppSummary[]) {
    state.apps.byId = {};
    state.apps.order = [];
    for (const app of apps) {
        state.apps.byId[app.id] = app;
        state.apps.order.push(app.id);
    }
}

const slice = createSlice({
    name: 'oauthManager',
    initialState,
    reducers: {
        clearLastError(state) {
            state.lastError = null;
        },
        appRemoved(state, action: PayloadAction<string>) {
            delete state.apps.byId[action.payload];
            state.apps.order = state.apps.order.filter((id) => id !== action.payload);
        },
    },
    extraReducers: (builder) => {
        builder.
            addCase(fetchAppsPage.fulfilled, (state, action) => {
                replaceApps(state, action.payload);
                state.listing = {page: action.meta.arg.page, perPage: action.meta.arg.perPage, complete: false};
            }).
            addCase(fetchAllApps.fulfilled, (state, action) => {
                replaceApps(state, action.payload.apps);
                state.listing = {page: 0, perPage: MAX_PER_PAGE, complete: action.payload.complete};
            }).
            addCase(fetchMetadata.fulfilled, (state, action) => {
                state.metadata = action.payload;
            }).
            addMatcher((action) => action.type.startsWith('oauthManager/') && action.type.endsWith('/pending'), (state, action) => {
                setRequest(state, action.type, {status: 'pending'});
            }).
            addMatcher((action) => action.type.startsWith('oauthManager/') && action.type.endsWith('/fulfilled'), (state, action) => {
                setRequest(state, action.type, {status: 'succeeded'});
            }).
            addMatcher((action): action is Rejected => action.type.startsWith('oauthManager/') && action.type.endsWith('/rejected'), (state, action) => {
                const error = action.payload ?? {message: action.error.message ?? 'Unknown error'};
                setRequest(state, action.type, {status: 'failed', error});
                state.lastError = error;
            });
    },
});

export const {clearLastError, appRemoved} = slice.actions;
export const reducer = slice.reducer;
