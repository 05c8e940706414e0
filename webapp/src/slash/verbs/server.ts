// metadata (RFC 8414, with a setup check) and register (RFC 7591).
import {getClient} from '../../client/oauth_client';
import type {ClientRegistrationResponse} from '../../client/oauth_client';
import {toApiError} from '../../store/errors';
import {DCR_SETTING, ISSUER_DIFFERS, ISSUER_MATCHES, issuerMatches, PROVIDER_SETTING} from '../../store/messages';
import {fetchMetadata, registerClient} from '../../store/slice';
import {post} from '../context';
import type {VerbHandler} from '../context';
import {code, fieldList, md, SECRET_WARNING} from '../format';
import {describeErrorMd, mdText} from '../markdown';

async function permissionCheck(): Promise<string> {
    try {
        const client = getClient();
        const me = await client.getMe();
        const roles = await client.getRolesByNames(me.roles.split(' ').filter(Boolean));
        const permissions = new Set(roles.flatMap((r) => r.permissions));
        if (permissions.has('manage_oauth')) {
            return permissions.has('manage_system_wide_oauth') ? 'ok: you hold `manage_oauth` and `manage_system_wide_oauth` (all apps)' : 'ok: you hold `manage_oauth` (your own apps)';
        }
        const adminGap = me.roles.split(' ').includes('system_admin') ? ' Your system admin role lacks it: servers before 11.6 shipped without it. Add "manage_oauth" to the system_admin role (System Console > User Management > System Roles > System Admin) or upgrade.' : ' Ask an admin for it to create and manage apps.';
        return `**missing**: you do not hold \`manage_oauth\`.${adminGap}`;
    } catch (err) {
        return `unknown (${mdText(toApiError(err).message)})`;
    }
}

export const metadata: VerbHandler = async (ctx) => {
    let result;
    try {
        result = await ctx.store.dispatch(fetchMetadata()).unwrap();
    } catch (err) {
        return post(describeErrorMd(toApiError(err), 'read the OAuth server metadata'));
    }
    const pageURL = getClient().getUrl();
    const permission = await permissionCheck();
    if (!result.providerEnabled || !result.document) {
        return post(fieldList('OAuth server check', [
            ['OAuth 2.0 service provider', `**off**: turn it on in ${PROVIDER_SETTING}`],
            ['Your permission', permission],
        ]));
    }
    const doc = result.document;
    const checks: Array<[string, string]> = [
        ['OAuth 2.0 service provider', 'on'],
        ['Dynamic client registration', doc.registration_endpoint ? 'on' : `off: turn it on in ${DCR_SETTING} to let clients register themselves`],
        ['Issuer', issuerMatches(doc.issuer, pageURL) ? `${code(doc.issuer)} ${ISSUER_MATCHES}` : `**${code(doc.issuer)} differs from ${code(pageURL)}, the address you reached this server at.** ${ISSUER_DIFFERS}`],
        ['Your permission', permission],
    ];
    const fields: Array<[string, string]> = Object.entries(doc).map(([k, v]) => [md(k), code(Array.isArray(v) ? v.join(', ') : String(v))]);
    return post([fieldList('OAuth server check', checks), '', fieldList('Metadata (/.well-known/oauth-authorization-server)', fields)].join('\n'));
};

function registrationMessage(r: ClientRegistrationResponse): string {
    const fields: Array<[string, string]> = [
        ['Client ID', code(r.client_id)],
        ['Client secret', r.client_secret ? code(r.client_secret) : 'none: a public client has no secret'],
        ['Client name', md(r.client_name)],
        ['Redirect URIs', r.redirect_uris.map((u) => code(u)).join(', ')],
        ['Token endpoint auth method', code(r.token_endpoint_auth_method)],
        ['Grant types', (r.grant_types ?? []).join(', ')],
    ];
    if (r.client_uri) {
        fields.push(['Client URI', md(r.client_uri)]);
    }
    const warning = r.client_secret ? ['', `**Client secret shown once.** ${SECRET_WARNING}`] : [];
    return [fieldList(`Registered ${md(r.client_name)} by dynamic client registration`, fields), ...warning].join('\n');
}

export const register: VerbHandler = async (ctx) => {
    const {flags} = ctx.parsed;
    try {
        const response = await ctx.store.dispatch(registerClient({
            client_name: String(flags['client-name']),
            redirect_uris: Array.isArray(flags['redirect-uri']) ? flags['redirect-uri'] : [],
            ...(typeof flags['client-uri'] === 'string' ? {client_uri: flags['client-uri']} : {}),
            ...(flags.public ? {token_endpoint_auth_method: 'none' as const} : {}),
        })).unwrap();
        return post(registrationMessage(response));
    } catch (err) {
        const apiError = toApiError(err);
        if (apiError.server_error_id === 'unsupported_operation') {
            return post(`Could not register the client: dynamic client registration is turned off on this server. An admin can turn it on in ${DCR_SETTING} (the OAuth 2.0 service provider must be on too). The server said: "${mdText(apiError.message)}"`);
        }
        return post(describeErrorMd(apiError, 'register the client'));
    }
};
