// metadata (RFC 8414, with a setup check) and register (RFC 7591).
import {defineMessages, type IntlShape} from 'react-intl';

import {redirectCheck} from './lint';

import {getClient} from '../../client/oauth_client';
import type {ClientRegistrationResponse} from '../../client/oauth_client';
import {toApiError} from '../../store/errors';
import {ACTIONS, DCR_SETTING, ISSUER_MATCHES, issuerDiffers, issuerMatches, PROVIDER_SETTING} from '../../store/messages';
import {fetchMetadata, registerClient} from '../../store/slice';
import {post} from '../context';
import type {VerbHandler} from '../context';
import {code, FIELDS, fieldList, md, noSecret, secretWarning} from '../format';
import {describeErrorMd, mdText} from '../markdown';

const m = defineMessages({
    allApps: {id: 'oauth-manager.chat.metadata.permission.all', defaultMessage: 'ok: you hold `manage_oauth` and `manage_system_wide_oauth` (all apps)'},
    ownApps: {id: 'oauth-manager.chat.metadata.permission.own', defaultMessage: 'ok: you hold `manage_oauth` (your own apps)'},
    adminGap: {id: 'oauth-manager.chat.metadata.permission.admin_gap', defaultMessage: '**missing**: you do not hold `manage_oauth`. Your system admin role lacks it: servers before 11.6 shipped without it. Add "manage_oauth" to the system_admin role (System Console > User Management > System Roles > System Admin) or upgrade.'},
    missing: {id: 'oauth-manager.chat.metadata.permission.missing', defaultMessage: '**missing**: you do not hold `manage_oauth`. Ask an admin for it to create and manage apps.'},
    unknown: {id: 'oauth-manager.chat.metadata.permission.unknown', defaultMessage: 'unknown ({message})'},
    check: {id: 'oauth-manager.chat.metadata.title', defaultMessage: 'OAuth server check'},
    provider: {id: 'oauth-manager.chat.metadata.provider', defaultMessage: 'OAuth 2.0 service provider'},
    providerOff: {id: 'oauth-manager.chat.metadata.provider_off', defaultMessage: '**off**: turn it on in {setting}'},
    on: {id: 'oauth-manager.chat.metadata.on', defaultMessage: 'on'},
    dcr: {id: 'oauth-manager.chat.metadata.dcr', defaultMessage: 'Dynamic client registration'},
    dcrOff: {id: 'oauth-manager.chat.metadata.dcr_off', defaultMessage: 'off: turn it on in {setting} to let clients register themselves'},
    issuer: {id: 'oauth-manager.chat.metadata.issuer', defaultMessage: 'Issuer'},
    issuerMatches: {id: 'oauth-manager.chat.metadata.issuer_matches', defaultMessage: '{issuer} {matches}'},
    issuerDiffers: {id: 'oauth-manager.chat.metadata.issuer_differs', defaultMessage: '**{issuer} differs from {address}, the address you reached this server at.** {why}'},
    permission: {id: 'oauth-manager.chat.metadata.permission', defaultMessage: 'Your permission'},
    document: {id: 'oauth-manager.chat.metadata.document', defaultMessage: 'Metadata (/.well-known/oauth-authorization-server)'},
    clientName: {id: 'oauth-manager.chat.register.client_name', defaultMessage: 'Client name'},
    redirectURIs: {id: 'oauth-manager.chat.register.redirect_uris', defaultMessage: 'Redirect URIs'},
    authMethod: {id: 'oauth-manager.chat.register.auth_method', defaultMessage: 'Token endpoint auth method'},
    grantTypes: {id: 'oauth-manager.chat.register.grant_types', defaultMessage: 'Grant types'},
    clientURI: {id: 'oauth-manager.chat.register.client_uri', defaultMessage: 'Client URI'},
    secretOnce: {id: 'oauth-manager.chat.register.secret_once', defaultMessage: '**Client secret shown once.** {warning}'},
    title: {id: 'oauth-manager.chat.register.title', defaultMessage: 'Registered {name} by dynamic client registration'},
    dcrDisabled: {id: 'oauth-manager.chat.register.dcr_off', defaultMessage: 'Could not register the client: dynamic client registration is turned off on this server. An admin can turn it on in {setting} (the OAuth 2.0 service provider must be on too). The server said: "{message}"'},
});

async function permissionCheck(intl: IntlShape): Promise<string> {
    try {
        const client = getClient();
        const me = await client.getMe();
        const roles = await client.getRolesByNames(me.roles.split(' ').filter(Boolean));
        const permissions = new Set(roles.flatMap((r) => r.permissions));
        if (permissions.has('manage_oauth')) {
            return intl.formatMessage(permissions.has('manage_system_wide_oauth') ? m.allApps : m.ownApps);
        }
        return intl.formatMessage(me.roles.split(' ').includes('system_admin') ? m.adminGap : m.missing);
    } catch (err) {
        return intl.formatMessage(m.unknown, {message: mdText(toApiError(err).message)});
    }
}

export const metadata: VerbHandler = async (ctx) => {
    const {intl} = ctx;
    const say = (d: typeof m.check, values?: Record<string, string>) => intl.formatMessage(d, values);
    let result;
    try {
        result = await ctx.store.dispatch(fetchMetadata()).unwrap();
    } catch (err) {
        return post(describeErrorMd(intl, toApiError(err), say(ACTIONS.readMetadata)));
    }
    const pageURL = getClient().getUrl();
    const permission = await permissionCheck(intl);
    if (!result.providerEnabled || !result.document) {
        return post(fieldList(say(m.check), [
            [say(m.provider), say(m.providerOff, {setting: say(PROVIDER_SETTING)})],
            [say(m.permission), permission],
        ]));
    }
    const doc = result.document;
    let issuer = say(m.issuerMatches, {issuer: code(doc.issuer), matches: say(ISSUER_MATCHES)});
    if (!issuerMatches(doc.issuer, pageURL)) {
        issuer = say(m.issuerDiffers, {issuer: code(doc.issuer), address: code(pageURL), why: issuerDiffers(intl)});
    }
    const checks: Array<[string, string]> = [
        [say(m.provider), say(m.on)],
        [say(m.dcr), doc.registration_endpoint ? say(m.on) : say(m.dcrOff, {setting: say(DCR_SETTING)})],
        [say(m.issuer), issuer],
        [say(m.permission), permission],
    ];
    const fields: Array<[string, string]> = Object.entries(doc).map(([k, v]) => [md(k), code(Array.isArray(v) ? v.join(', ') : String(v))]);
    return post([fieldList(say(m.check), checks), '', fieldList(say(m.document), fields)].join('\n'));
};

function registrationMessage(intl: IntlShape, r: ClientRegistrationResponse): string {
    const say = (d: typeof m.check) => intl.formatMessage(d);
    const fields: Array<[string, string]> = [
        [say(FIELDS.clientId), code(r.client_id)],
        [say(FIELDS.secret), r.client_secret ? code(r.client_secret) : noSecret(intl)],
        [say(m.clientName), md(r.client_name)],
        [say(m.redirectURIs), r.redirect_uris.map((u) => code(u)).join(', ')],
        [say(m.authMethod), code(r.token_endpoint_auth_method)],
        [say(m.grantTypes), (r.grant_types ?? []).join(', ')],
    ];
    if (r.client_uri) {
        fields.push([say(m.clientURI), code(r.client_uri)]);
    }
    const warning = r.client_secret ? ['', intl.formatMessage(m.secretOnce, {warning: secretWarning(intl)})] : [];
    return [fieldList(intl.formatMessage(m.title, {name: md(r.client_name)}), fields), ...warning].join('\n');
}

export const register: VerbHandler = async (ctx) => {
    const {intl} = ctx;
    const {flags} = ctx.parsed;
    try {
        const response = await ctx.store.dispatch(registerClient({
            client_name: String(flags['client-name']),
            redirect_uris: Array.isArray(flags['redirect-uri']) ? flags['redirect-uri'] : [],
            ...(typeof flags['client-uri'] === 'string' ? {client_uri: flags['client-uri']} : {}),
            ...(flags.public ? {token_endpoint_auth_method: 'none' as const} : {}),
        })).unwrap();
        return post(registrationMessage(intl, response) + await redirectCheck(ctx, response.redirect_uris ?? []));
    } catch (err) {
        const apiError = toApiError(err);
        if (apiError.server_error_id === 'unsupported_operation') {
            return post(intl.formatMessage(m.dcrDisabled, {setting: intl.formatMessage(DCR_SETTING), message: mdText(apiError.message)}));
        }
        return post(describeErrorMd(intl, apiError, intl.formatMessage(ACTIONS.registerClient)));
    }
};
