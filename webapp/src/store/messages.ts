// Plain-words explanations of failed requests and the sentences chat and
// console share. Each keeps the server's own message and says what to do next.
// The Go half formats the same catalogue entries (server/command/describe.go).
import {defineMessages, type IntlShape} from 'react-intl';

import type {ApiError} from './errors';

// Where an admin turns things on, as the System Console names it.
export const SETTINGS = defineMessages({
    provider: {id: 'oauth-manager.setting.provider', defaultMessage: 'System Console > Integrations > Integration Management > Enable OAuth 2.0 Service Provider'},
    dcr: {id: 'oauth-manager.setting.dcr', defaultMessage: 'System Console > Integrations > Integration Management > Enable Dynamic Client Registration'},
    siteURL: {id: 'oauth-manager.setting.site_url', defaultMessage: 'System Console > Environment > Web Server > Site URL'},
});

// What failed, as describeError's {action}: "Could not <action>: ...".
export const ACTIONS = defineMessages({
    readSettings: {id: 'oauth-manager.action.read_settings', defaultMessage: 'read the plugin\'s settings'},
    answer: {id: 'oauth-manager.action.answer', defaultMessage: 'answer {command}'},
    listApps: {id: 'oauth-manager.action.list_apps', defaultMessage: 'list the OAuth apps'},
    lintApps: {id: 'oauth-manager.action.lint_apps', defaultMessage: 'check the redirect URIs'},
    showApp: {id: 'oauth-manager.action.show_app', defaultMessage: 'show the app'},
    readInfo: {id: 'oauth-manager.action.read_info', defaultMessage: 'read the app\'s public information'},
    createApp: {id: 'oauth-manager.action.create_app', defaultMessage: 'create the app'},
    editApp: {id: 'oauth-manager.action.edit_app', defaultMessage: 'edit the app'},
    deleteApp: {id: 'oauth-manager.action.delete_app', defaultMessage: 'delete the app'},
    regenerateSecret: {id: 'oauth-manager.action.regenerate_secret', defaultMessage: 'regenerate the secret'},
    findUser: {id: 'oauth-manager.action.find_user', defaultMessage: 'find @{username}'},
    listAuthorized: {id: 'oauth-manager.action.list_authorized', defaultMessage: 'list the authorized apps'},
    readAuthorized: {id: 'oauth-manager.action.read_authorized', defaultMessage: 'read the apps you authorized'},
    revoke: {id: 'oauth-manager.action.revoke', defaultMessage: 'revoke the authorization'},
    readMetadata: {id: 'oauth-manager.action.read_metadata', defaultMessage: 'read the OAuth server metadata'},
    registerClient: {id: 'oauth-manager.action.register_client', defaultMessage: 'register the client'},
});

export const PROVIDER_SETTING = SETTINGS.provider;
export const DCR_SETTING = SETTINGS.dcr;

const m = defineMessages({
    issuerMatches: {id: 'oauth-manager.issuer.matches', defaultMessage: 'matches the address you reached this server at'},
    issuerDiffers: {id: 'oauth-manager.issuer.differs', defaultMessage: 'OAuth clients check the issuer, so set {setting} to the public URL (or reach the server at that URL).'},
    deleteConsequence: {id: 'oauth-manager.app.delete.consequence', defaultMessage: 'The app and every token issued to it are removed at once: its users are signed out of it and the integration stops working. This cannot be undone.'},
    regenerateConsequence: {id: 'oauth-manager.app.regenerate.consequence', defaultMessage: 'The current secret stops working at once: the integration fails until it is given the new one.'},
    secretShownOnce: {id: 'oauth-manager.app.secret.shown_once', defaultMessage: 'It is shown this once: copy it now and store it safely. Anyone with it can act as the app.'},
    serverSaid: {id: 'oauth-manager.error.server_said', defaultMessage: 'The server said: "{message}"'},
    internal: {id: 'oauth-manager.error.internal', defaultMessage: 'Could not {action}: OAuth Apps Manager hit an unexpected error ({message}). This is a defect in the plugin, not a problem with your request or the server: reload the page and try again, and report it if it happens again.'},
    unreadable: {id: 'oauth-manager.error.unreadable', defaultMessage: 'Could not {action}: the server\'s answer could not be read ({message}). Try again; if it keeps happening, check any proxy in front of Mattermost.'},
    network: {id: 'oauth-manager.error.network', defaultMessage: 'Could not {action}: the Mattermost server could not be reached ({message}). Check the connection and try again.'},
    invalid: {id: 'oauth-manager.error.invalid', defaultMessage: 'Could not {action}: the server refused the request as invalid.{serverSaid}'},
    expired: {id: 'oauth-manager.error.expired', defaultMessage: 'Could not {action}: your session has expired. Sign in again and retry.{serverSaid}'},
    forbidden: {id: 'oauth-manager.error.forbidden', defaultMessage: 'Could not {action}: you lack the permission for it. Managing your own apps needs `manage_oauth`; other people\'s apps need `manage_system_wide_oauth` (System Console > User Management > System Roles, or Permissions).{serverSaid}'},
    notFound: {id: 'oauth-manager.error.not_found', defaultMessage: 'Could not {action}: there is no such OAuth app, or it is not one you may see.{serverSaid}'},
    tooMany: {id: 'oauth-manager.error.too_many', defaultMessage: 'Could not {action}: too many requests; the server limits this call. Wait a moment and try again.{serverSaid}'},
    providerOff: {id: 'oauth-manager.error.provider_off', defaultMessage: 'Could not {action}: the OAuth 2.0 service provider is turned off on this server. An admin can turn it on in {setting}.{serverSaid}'},
    status: {id: 'oauth-manager.error.status', defaultMessage: 'Could not {action}: the server answered {status}.{serverSaid}'},
});

// OAuth clients check that the metadata's issuer is the address they reached:
// the issuer (from the Site URL) must be the address admins use.
export const issuerMatches = (issuer: string, pageURL: string) => issuer.replace(/\/+$/, '') === pageURL.replace(/\/+$/, '');
export const ISSUER_MATCHES = m.issuerMatches;
export const issuerDiffers = (intl: IntlShape) => intl.formatMessage(m.issuerDiffers, {setting: intl.formatMessage(SETTINGS.siteURL)});

// What breaks, said the same way in chat and in the console.
export const DELETE_CONSEQUENCE = m.deleteConsequence;
export const REGENERATE_CONSEQUENCE = m.regenerateConsequence;
export const SECRET_SHOWN_ONCE = m.secretShownOnce;

// `escape` prepares the server's own words for where they land (Markdown in
// chat: slash/markdown.ts describeErrorMd); they are capped at 300 characters.
// `action` is already in the reader's language ("list the OAuth apps").
export function describeError(intl: IntlShape, err: ApiError, action: string, escape: (s: string) => string = (s) => s): string {
    const said = Array.from(err.message ?? '');
    const message = escape(said.length > 300 ? said.slice(0, 300).join('') + '…' : said.join(''));
    const serverSaid = err.message ? ' ' + intl.formatMessage(m.serverSaid, {message}) : '';
    const values = {action, message, serverSaid};
    if (err.kind === 'internal') {
        return intl.formatMessage(m.internal, values);
    }
    if (err.kind === 'unreadable') {
        return intl.formatMessage(m.unreadable, values);
    }
    switch (err.status_code) {
    case undefined:
    case 0:
        return intl.formatMessage(m.network, values);
    case 400:
        return intl.formatMessage(m.invalid, values);
    case 401:
        return intl.formatMessage(m.expired, values);
    case 403:
        return intl.formatMessage(m.forbidden, values);
    case 404:
        return intl.formatMessage(m.notFound, values);
    case 429:
        return intl.formatMessage(m.tooMany, values);
    case 501:
        return intl.formatMessage(m.providerOff, {...values, setting: intl.formatMessage(SETTINGS.provider)});
    default:
        return intl.formatMessage(m.status, {...values, status: err.status_code});
    }
}
