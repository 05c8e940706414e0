// Client4 plus the two OAuth calls it lacks (RFC 8414 metadata and RFC 7591
// registration), made with Client4's own request options (session, CSRF token,
// headers) and failing with the official ClientError.
import {Client4, ClientError} from '@mattermost/client';
import type {OAuthApp} from '@mattermost/types/integrations';

import type {ChangeReport, Governance, PrunePlan, PruneResult, Quarantined, Released, Rotation, SecretAges, TrailRun} from './governance_types';
import type {ApplyResult, DryRun, ExportAnswer, ExportDocument, ImportFailure, ImportOutcome, ImportRequest} from './import_types';
import type {SetupAnswer} from './setup_types';

import {pluginId} from '../manifest';

// RFC 8414 authorization server metadata, as Mattermost serves it.
export type OAuthServerMetadata = {
    issuer: string;
    authorization_endpoint: string;
    token_endpoint: string;
    registration_endpoint?: string;
    response_types_supported?: string[];
    grant_types_supported?: string[];
    token_endpoint_auth_methods_supported?: string[];
    code_challenge_methods_supported?: string[];
    scopes_supported?: string[];
    [key: string]: unknown;
};

// RFC 7591 registration request and Mattermost's answer.
export type ClientRegistrationRequest = {
    client_name: string;
    redirect_uris: string[];
    client_uri?: string;
    token_endpoint_auth_method?: 'none' | 'client_secret_post';
};

export type ClientRegistrationResponse = {
    client_id: string;
    client_secret?: string;
    client_name: string;
    redirect_uris: string[];
    client_uri?: string;
    token_endpoint_auth_method: string;
    grant_types: string[];
    response_types: string[];
    scope?: string;
};

// The plugin settings every user may read (served by the plugin's Go half).
export type PluginSettings = {
    command_access: 'everyone' | 'system_admins';
    reveal_secrets_in_chat: boolean;
    default_page_size: number;

    // What the redirect-URI lint needs (server/api.go): absent from an older plugin's answer.
    dcr_redirect_uri_allowlist?: string[];
    server_version?: string;
};

// The read model's listing (server/api_apps.go): apps with usage, from the database.
export type AppUsage = {authorized_users: number; live_tokens: number; live_sessions: number; last_used: number};

// never_used and stale are null when the usage figures are off.
export type AppStates = {never_used: boolean | null; stale: boolean | null; orphaned: boolean; legacy: boolean};

export type ListedApp = Omit<OAuthApp, 'client_secret'> & {
    is_public: boolean;
    creator_username: string;
    legacy: boolean;
    usage: AppUsage | null;
    states: AppStates;
};

export type ListingSort = 'name' | 'id' | 'creator' | 'created' | 'updated' | 'type' | 'trusted' | 'dcr' | 'callbacks' | 'users' | 'tokens' | 'sessions' | 'last_used';

export type ListingQuery = {
    search?: string;
    id?: string;
    creator_id?: string;
    type?: 'public' | 'confidential';
    trusted?: boolean;
    dcr?: boolean;
    orphaned?: boolean;
    legacy?: boolean;
    usage?: 'never_used' | 'stale' | 'used';
    sort?: ListingSort;
    direction?: 'asc' | 'desc';
    page?: number;
    per_page?: number;
    all?: boolean;
};

export type AppListing = {
    total: number;
    apps: ListedApp[];
    stale_after_days: number;

    // Why the usage figures are off, when they are.
    usage_off?: string;
};

// The route answers 503 {unavailable} when it cannot read the database: the
// caller then pages the REST API.
export type ListingOff = {unavailable: string};

type ErrorBody = {message?: string; id?: string; error?: string; error_description?: string};

// A request that never got an HTTP answer (fetch itself failed: offline, DNS,
// TLS, a proxy closing the connection). Told apart from defects in our code.
export class NetworkError extends Error {
    readonly kind = 'network';
    constructor(readonly url: string, cause: unknown) {
        super(cause instanceof Error ? cause.message : String(cause));
    }
}

// The export's file name as the route gives it (Content-Disposition), or the
// same name made here: only a plain file name is taken from the header.
export function exportFilename(disposition: string | null, now = Date.now()): string {
    const named = (/(?:^|;)\s*filename=(?:"([A-Za-z0-9][A-Za-z0-9._-]*)"|([A-Za-z0-9][A-Za-z0-9._-]*))\s*(?:;|$)/).exec(disposition ?? '');
    const name = named?.[1] ?? named?.[2];
    return name ?? `oauth-apps-${new Date(now).toISOString().slice(0, 10)}.json`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// The Go half writes an empty list as null: the answers come with arrays.
const listOf = <T>(v: unknown): T[] => (Array.isArray(v) ? v as T[] : []);

const asNetworkError = (err: unknown, url: string) => (err instanceof ClientError ? err : new NetworkError(url, err));

export class OAuthClient extends Client4 {
    constructor() {
        super();

        // Client4 lets fetch's own TypeError through when no answer came back;
        // every Client4 call goes through this (private) method.
        const wrapped = this as unknown as {doFetchWithResponse: (url: string, options: unknown) => Promise<unknown>};
        const inner = wrapped.doFetchWithResponse;
        wrapped.doFetchWithResponse = async (url, options) => {
            try {
                return await inner(url, options);
            } catch (err) {
                throw asNetworkError(err, url);
            }
        };
    }

    // Client4's version takes no page, so the server's default of 60 applied.
    getAuthorizedOAuthApps = (userId: string, page = 0, perPage = 60): Promise<OAuthApp[]> => {
        return this.doFetch<OAuthApp[]>(`${this.getUserRoute(userId)}/oauth/apps/authorized?page=${page}&per_page=${perPage}`, {method: 'get'});
    };

    getOAuthMetadata = () => {
        return this.fetchStandard<OAuthServerMetadata>(`${this.getUrl()}/.well-known/oauth-authorization-server`, {method: 'get'});
    };

    registerOAuthClient = (request: ClientRegistrationRequest) => {
        return this.fetchStandard<ClientRegistrationResponse>(`${this.getOAuthAppsRoute()}/register`, {method: 'post', body: JSON.stringify(request)});
    };

    getPluginSettings = () => {
        return this.fetchStandard<PluginSettings>(this.pluginRoute('settings'), {method: 'get'});
    };

    // The governance routes (docs/governance.md).
    reportChange = (report: ChangeReport) => this.fetchStandard<null>(this.pluginRoute('audit'), {method: 'post', body: JSON.stringify(report)});
    getGovernance = () => this.fetchStandard<Governance>(this.pluginRoute('governance'), {method: 'get'});
    runTrail = () => this.fetchStandard<TrailRun>(this.pluginRoute('trail/run'), {method: 'post'});
    getSecretAges = () => this.fetchStandard<SecretAges>(this.pluginRoute('secret-ages'), {method: 'get'});
    rotateSecret = (appId: string) => this.fetchStandard<Rotation>(this.pluginRoute('rotate'), {method: 'post', body: JSON.stringify({app_id: appId})});
    quarantineApp = (appId: string) => this.fetchStandard<Quarantined>(this.pluginRoute('quarantine'), {method: 'post', body: JSON.stringify({app_id: appId})});
    releaseApp = (appId: string) => this.fetchStandard<Released>(this.pluginRoute('release'), {method: 'post', body: JSON.stringify({app_id: appId})});

    // Client setup values and recipes (issue 15); client undefined: the generic values only.
    getSetup = (appId: string, client?: string) => {
        const params = new URLSearchParams({app_id: appId});
        if (client) {
            params.set('client', client);
        }
        return this.fetchStandard<SetupAnswer>(`${this.pluginRoute('setup')}?${params}`, {method: 'get'});
    };

    // olderThanDays undefined: the server's default (its Stale after setting).
    // The Go half writes an empty list as null: the answers come with arrays.
    planDcrPrune = async (olderThanDays?: number): Promise<PrunePlan> => {
        const plan = await this.fetchStandard<PrunePlan>(this.pluginRoute('dcr/prune'), {method: 'post', body: JSON.stringify(olderThanDays === undefined ? {} : {older_than_days: olderThanDays})});
        return {...plan, apps: plan.apps ?? []};
    };
    confirmDcrPrune = async (planId: string, count: number): Promise<PruneResult> => {
        const result = await this.fetchStandard<PruneResult>(this.pluginRoute('dcr/prune/confirm'), {method: 'post', body: JSON.stringify({plan_id: planId, count})});
        return {deleted: result.deleted ?? [], skipped: result.skipped ?? [], failed: result.failed ?? []};
    };

    // Export and import (docs/export.md, docs/import.md).
    exportApps = async (): Promise<ExportAnswer> => {
        const url = this.pluginRoute('export');
        const {response, body, text} = await this.fetchRaw(url, {method: 'get'});
        const document = this.answerOrThrow<ExportDocument>(url, response, body);
        if (!isObject(document) || !Array.isArray(document.apps)) {
            throw new ClientError(this.getUrl(), {message: 'Received invalid response from the server.', url});
        }
        return {document, text, filename: exportFilename(response.headers.get('Content-Disposition'))};
    };

    // The refusals an import explains (400 with errors, 409, a failure
    // half-way) are answers, told apart by their bodies: a REST call that
    // failed during an apply answers with that call's status, which may be 400
    // or 409 too. Every other refusal fails as every call does.
    importApps = async (request: ImportRequest): Promise<ImportOutcome> => {
        const url = this.pluginRoute('import');
        const {response, body} = await this.fetchRaw(url, {method: 'post', body: JSON.stringify(request)});
        const b = isObject(body) ? body : {};
        const message = typeof b.message === 'string' ? b.message : '';
        if (response.ok && isObject(body) && Array.isArray(b.apps) && b.counts) {
            if (request.apply) {
                const result = body as unknown as ApplyResult;
                return {kind: 'applied', result: {...result, apps: listOf(b.apps), id_map: isObject(b.id_map) ? result.id_map : {}}};
            }
            const dryRun = body as unknown as DryRun;
            const apps = listOf<DryRun['apps'][number]>(b.apps).map((a) => ({...a, changes: listOf<DryRun['apps'][number]['changes'][number]>(a.changes), notes: listOf<string>(a.notes)}));
            return {kind: 'dry_run', dryRun: {...dryRun, apps}};
        }
        if (!response.ok && typeof b.undone === 'boolean') {
            const failure: ImportFailure = {status: response.status, message, position: typeof b.position === 'number' ? b.position : 0, undone: b.undone, state: listOf(b.state)};
            return {kind: 'failed', failure};
        }
        if (response.status === 400 && Array.isArray(b.errors)) {
            return {kind: 'invalid', invalid: {message, errors: listOf(b.errors)}};
        }
        if (response.status === 409) {
            return {kind: 'plan_changed', changed: {message, plan: typeof b.plan === 'string' ? b.plan : ''}};
        }
        this.answerOrThrow<unknown>(url, response, body);

        // A 2xx whose body is not an answer.
        throw new ClientError(this.getUrl(), {message: 'Received invalid response from the server.', url});
    };

    // The DCR view: the same listing route, dynamically registered clients only.
    listDcrClients = (query: Omit<ListingQuery, 'dcr'>) => this.listApps({...query, dcr: true});

    // The query's parameters in a fixed order (undefined ones left out).
    listApps = async (query: ListingQuery): Promise<AppListing | ListingOff> => {
        const params = new URLSearchParams();
        for (const [key, value] of Object.entries(query).sort(([a], [b]) => (a < b ? -1 : 1))) {
            if (value !== undefined) {
                params.set(key, String(value));
            }
        }
        const url = `${this.pluginRoute('apps')}?${params}`;
        const {response, body} = await this.fetchRaw(url, {method: 'get'});
        const off = (body ?? {}) as Partial<ListingOff>;
        if (response.status === 503 && typeof off.unavailable === 'string') {
            return {unavailable: off.unavailable};
        }
        const listing = this.answerOrThrow<AppListing>(url, response, body);
        if (!Array.isArray(listing?.apps)) {
            // What Client4 says of an answer it cannot read.
            throw new ClientError(this.getUrl(), {message: 'Received invalid response from the server.', url});
        }
        return listing;
    };

    private pluginRoute(path: string): string {
        return `${this.getUrl()}/plugins/${pluginId}/api/v1/${path}`;
    }

    // Client4's doFetch takes the HTTP status from Mattermost's JSON error body.
    // These two endpoints answer in other shapes (an HTML 501 page, RFC 7591's
    // {"error": ...}), so the status comes from the response here.
    private async fetchStandard<T>(url: string, options: {method: string; body?: string}): Promise<T> {
        const {response, body} = await this.fetchRaw(url, options);
        return this.answerOrThrow<T>(url, response, body);
    }

    private async fetchRaw(url: string, options: {method: string; body?: string}): Promise<{response: Response; body: unknown; text: string}> {
        let response: Response;
        try {
            response = await fetch(url, this.getOptions(options));
        } catch (err) {
            throw new NetworkError(url, err);
        }
        const text = await response.text();
        let body: unknown = text;
        try {
            body = text ? JSON.parse(text) : null;
        } catch {
            // Not JSON: keep the text for the error message.
        }
        return {response, body, text};
    }

    private answerOrThrow<T>(url: string, response: Response, body: unknown): T {
        if (response.ok) {
            return body as T;
        }
        const err = (typeof body === 'object' && body !== null ? body : {}) as ErrorBody;

        // Not statusText: HTTP/2 has none, and the Go half must say the same.
        const message = err.message || [err.error, err.error_description].filter(Boolean).join(': ') || `HTTP ${response.status}`;
        throw new ClientError(this.getUrl(), {message, server_error_id: err.id ?? err.error, status_code: response.status, url});
    }
}

let client: OAuthClient | undefined;

// The plugin's one client, pointed at the host's site URL (which carries any subpath).
export function configureClient(siteURL: string): OAuthClient {
    client = new OAuthClient();
    client.setUrl(siteURL.replace(/\/+$/, ''));
    return client;
}

export function getClient(): OAuthClient {
    if (!client) {
        throw new Error('The OAuth client is used before the plugin was initialized.');
    }
    return client;
}

// Tests swap in a client aimed at a real server, or a fake.
export function setClient(c: OAuthClient): void {
    client = c;
}
