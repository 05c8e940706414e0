// The English texts of the redirect-URI lint's findings (./redirect_uri.ts and
// server/lint): what is wrong and how to fix it, one message per code, and per
// reason or cause where a code has several. Arguments are app data as typed:
// the caller escapes the text for wherever it lands.
import {defineMessages, type MessageDescriptor} from 'react-intl';

import type {Finding} from './redirect_uri';

export const lintMessages = defineMessages({
    invalidURL: {
        id: 'oauth-manager.lint.invalid_url',
        defaultMessage: 'Mattermost does not accept this as a callback URL. Write a full http:// or https:// URL with a host name, such as https://app.example.com/oauth/callback.',
    },
    wildcard: {
        id: 'oauth-manager.lint.wildcard',
        defaultMessage: 'Mattermost compares callback URLs character by character, so * is not a wildcard here: only a redirect URI with a literal * would match. List every callback URL in full instead.',
    },
    httpPublicHost: {
        id: 'oauth-manager.lint.http_public_host',
        defaultMessage: 'This callback uses http:// on {host}, which is not a loopback address, so authorization codes would cross the network unencrypted. Use https://, or http://127.0.0.1 for an app on the same computer.',
    },
    fragment: {
        id: 'oauth-manager.lint.fragment',
        defaultMessage: 'A redirect URI must not have a fragment (a # and what follows): OAuth 2.0 forbids it. Remove the # and everything after it.',
    },
    queryString: {
        id: 'oauth-manager.lint.query_string',
        defaultMessage: 'This callback has a query string. Clients must send it back exactly as registered, and since Mattermost 11.9.1, 11.8.5 and 11.7.8 a DCR redirect URI allowlist refuses it unless one of its entries includes a query. Move the values into the path, or into the state parameter of each request.',
    },
    localhostVsIP: {
        id: 'oauth-manager.lint.localhost_vs_ip',
        defaultMessage: 'This callback uses the name localhost. RFC 8252 recommends the loopback address instead, and Mattermost matches callbacks exactly, so a client that sends {ip_uri} is refused. Register {ip_uri} instead, or as well.',
    },
    nearDuplicateExact: {
        id: 'oauth-manager.lint.near_duplicate.exact',
        defaultMessage: 'This callback is listed twice: it is the same as callback {other_number}. Remove one of them.',
    },
    nearDuplicateCase: {
        id: 'oauth-manager.lint.near_duplicate.case',
        defaultMessage: 'This callback differs from callback {other_number} only in upper and lower case. Mattermost matches callbacks exactly: keep the one your client sends and remove the other.',
    },
    nearDuplicateTrailingSlash: {
        id: 'oauth-manager.lint.near_duplicate.trailing_slash',
        defaultMessage: 'This callback differs from callback {other_number} only by a trailing slash. Mattermost matches callbacks exactly: keep the one your client sends and remove the other.',
    },
    nearDuplicateDefaultPort: {
        id: 'oauth-manager.lint.near_duplicate.default_port',
        defaultMessage: 'This callback differs from callback {other_number} only by writing out the default port (:80 for http, :443 for https). Mattermost matches callbacks exactly: keep the one your client sends and remove the other.',
    },
    nearDuplicateTrailingDot: {
        id: 'oauth-manager.lint.near_duplicate.trailing_dot',
        defaultMessage: 'This callback differs from callback {other_number} only by a dot at the end of the host name. Mattermost matches callbacks exactly: keep the one your client sends and remove the other.',
    },
    dcrAllowlistRejects: {
        id: 'oauth-manager.lint.dcr_allowlist_rejects',
        defaultMessage: 'The DCR redirect URI allowlist of this server (ServiceSettings.DCRRedirectURIAllowlist) does not admit this URI, so a client that registers it through dynamic client registration is refused. Use a URI the allowlist admits, or ask a system admin to add an entry for it.',
    },
    dcrAllowlistRejectsQuery: {
        id: 'oauth-manager.lint.dcr_allowlist_rejects.query',
        defaultMessage: 'The DCR redirect URI allowlist of this server (ServiceSettings.DCRRedirectURIAllowlist) does not admit this URI because of its query string: without it the URI would pass. Remove the query string, or ask a system admin for an allowlist entry that includes a query, such as https://app.example.com/callback?*.',
    },
});

const nearDuplicate: Record<string, MessageDescriptor> = {
    exact: lintMessages.nearDuplicateExact,
    case: lintMessages.nearDuplicateCase,
    trailing_slash: lintMessages.nearDuplicateTrailingSlash,
    default_port: lintMessages.nearDuplicateDefaultPort,
    trailing_dot: lintMessages.nearDuplicateTrailingDot,
};

// The message of a finding; format it with the finding's args as values.
export function findingMessage(finding: Finding): MessageDescriptor {
    switch (finding.code) {
    case 'invalid_url':
        return lintMessages.invalidURL;
    case 'wildcard':
        return lintMessages.wildcard;
    case 'http_public_host':
        return lintMessages.httpPublicHost;
    case 'fragment':
        return lintMessages.fragment;
    case 'query_string':
        return lintMessages.queryString;
    case 'localhost_vs_ip':
        return lintMessages.localhostVsIP;
    case 'near_duplicate':
        return nearDuplicate[String(finding.args.reason)] ?? lintMessages.nearDuplicateExact;
    case 'dcr_allowlist_rejects':
        return finding.args.because === 'query' ? lintMessages.dcrAllowlistRejectsQuery : lintMessages.dcrAllowlistRejects;
    }
    return lintMessages.invalidURL;
}
