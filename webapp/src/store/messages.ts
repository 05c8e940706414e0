// Plain-words explanations of failed requests. Each keeps the server's own
// message and says what to do next.
import type {ApiError} from './errors';

export const PROVIDER_SETTING = 'System Console > Integrations > Integration Management > Enable OAuth 2.0 Service Provider';
export const DCR_SETTING = 'System Console > Integrations > Integration Management > Enable Dynamic Client Registration';

export const SITE_URL_SETTING = 'System Console > Environment > Web Server > Site URL';

// OAuth clients check that the metadata's issuer is the address they reached:
// the issuer (from the Site URL) must be the address admins use.
export const issuerMatches = (issuer: string, pageURL: string) => issuer.replace(/\/+$/, '') === pageURL.replace(/\/+$/, '');
export const ISSUER_MATCHES = 'matches the address you reached this server at';
export const ISSUER_DIFFERS = `OAuth clients check the issuer, so set ${SITE_URL_SETTING} to the public URL (or reach the server at that URL).`;

// What breaks, said the same way in chat and in the console.
export const DELETE_CONSEQUENCE = 'The app and every token issued to it are removed at once: its users are signed out of it and the integration stops working. This cannot be undone.';
export const REGENERATE_CONSEQUENCE = 'The current secret stops working at once: the integration fails until it is given the new one.';
export const SECRET_SHOWN_ONCE = 'It is shown this once: copy it now and store it safely. Anyone with it can act as the app.';

// `escape` prepares the server's own words for where they land (Markdown in
// chat: slash/markdown.ts describeErrorMd); they are capped at 300 characters.
export function describeError(err: ApiError, action: string, escape: (s: string) => string = (s) => s): string {
    const said = Array.from(err.message ?? '');
    const message = escape(said.length > 300 ? said.slice(0, 300).join('') + '…' : said.join(''));
    const server = err.message ? ` The server said: "${message}"` : '';
    if (err.kind === 'internal') {
        return `Could not ${action}: OAuth Apps Manager hit an unexpected error (${message}). This is a defect in the plugin, not a problem with your request or the server: reload the page and try again, and report it if it happens again.`;
    }
    if (err.kind === 'unreadable') {
        return `Could not ${action}: the server's answer could not be read (${message}). Try again; if it keeps happening, check any proxy in front of Mattermost.`;
    }
    switch (err.status_code) {
    case undefined:
    case 0:
        return `Could not ${action}: the Mattermost server could not be reached (${message}). Check the connection and try again.`;
    case 400:
        return `Could not ${action}: the server refused the request as invalid.${server}`;
    case 401:
        return `Could not ${action}: your session has expired. Sign in again and retry.${server}`;
    case 403:
        return `Could not ${action}: you lack the permission for it. Managing your own apps needs \`manage_oauth\`; other people's apps need \`manage_system_wide_oauth\` (System Console > User Management > System Roles, or Permissions).${server}`;
    case 404:
        return `Could not ${action}: there is no such OAuth app, or it is not one you may see.${server}`;
    case 429:
        return `Could not ${action}: too many requests; the server limits this call. Wait a moment and try again.${server}`;
    case 501:
        return `Could not ${action}: the OAuth 2.0 service provider is turned off on this server. An admin can turn it on in ${PROVIDER_SETTING}.${server}`;
    default:
        return `Could not ${action}: the server answered ${err.status_code}.${server}`;
    }
}
