// Client4 plus the two OAuth calls it lacks (RFC 8414 metadata and RFC 7591
// registration), made through Client4's own fetch so the session, CSRF token
// and ClientError handling are the official client's.
import {Client4} from '@mattermost/client';

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

export class OAuthClient extends Client4 {
    getOAuthMetadata = () => {
        return this.doFetch<OAuthServerMetadata>(`${this.getUrl()}/.well-known/oauth-authorization-server`, {method: 'get'});
    };

    registerOAuthClient = (request: ClientRegistrationRequest) => {
        return this.doFetch<ClientRegistrationResponse>(`${this.getOAuthAppsRoute()}/register`, {method: 'post', body: JSON.stringify(request)});
    };
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
