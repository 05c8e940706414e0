// Messages of the client setup recipes (issue 15): /oauth setup, which the Go
// half answers (server/command/setup.go), and the notes of each recipe
// (server/setup). The console's "Set up a client" panel shows the same notes
// by id (webapp/src/console/client_setup.tsx).
import {defineMessages} from 'react-intl';

export const SETUP_CHAT = defineMessages({
    action: {id: 'oauth-manager.action.setup', defaultMessage: 'read the setup values'},
    title: {id: 'oauth-manager.chat.setup.title', defaultMessage: 'Client setup: {name}'},
    issuer: {id: 'oauth-manager.chat.setup.issuer', defaultMessage: 'Issuer'},
    authorization: {id: 'oauth-manager.chat.setup.authorization', defaultMessage: 'Authorization endpoint'},
    token: {id: 'oauth-manager.chat.setup.token', defaultMessage: 'Token endpoint'},
    userinfo: {id: 'oauth-manager.chat.setup.userinfo', defaultMessage: 'User info endpoint'},
    secretConfidential: {id: 'oauth-manager.chat.setup.secret_confidential', defaultMessage: 'not shown here: {command} shows it to you, or Show secret in the console (System Console > Plugins > OAuth Apps Manager)'},
    secretPublic: {id: 'oauth-manager.chat.setup.secret_public', defaultMessage: 'none: a public client, which must use PKCE (S256) on the code flow'},
    authMethodLabel: {id: 'oauth-manager.chat.setup.auth_method_label', defaultMessage: 'Token endpoint authentication'},
    authMethod: {id: 'oauth-manager.chat.setup.auth_method', defaultMessage: '{method}: the client id and secret go in the form body, not in a Basic header'},
    scopeLabel: {id: 'oauth-manager.chat.setup.scope_label', defaultMessage: 'Scope'},
    scope: {id: 'oauth-manager.chat.setup.scope', defaultMessage: 'not checked: every token acts as the user; leave it empty or send any value'},
    userInfoTitle: {id: 'oauth-manager.chat.setup.userinfo_title', defaultMessage: '**User info**: {endpoint} with the access token as a Bearer token. This is not OpenID Connect: no id_token, no discovery document, no sub claim.'},
    colClaim: {id: 'oauth-manager.chat.setup.col.claim', defaultMessage: 'Usual claim'},
    colField: {id: 'oauth-manager.chat.setup.col.field', defaultMessage: 'Mattermost field'},
    colNote: {id: 'oauth-manager.chat.setup.col.note', defaultMessage: 'Note'},
    recipes: {id: 'oauth-manager.chat.setup.recipes', defaultMessage: '**Recipes** for clients with a “Login with” setting:'},
    recipeItem: {id: 'oauth-manager.chat.setup.recipe_item', defaultMessage: '- {client} ({status}): {command}'},
    recipeTitle: {id: 'oauth-manager.chat.setup.recipe_title', defaultMessage: 'Set up {client} with {name}'},
    callback: {id: 'oauth-manager.chat.setup.callback', defaultMessage: 'Callback URL to register on the app, with your host: {url} ({command})'},
    where: {id: 'oauth-manager.chat.setup.where', defaultMessage: 'In {file}:'},
    secretNote: {id: 'oauth-manager.chat.setup.secret_note', defaultMessage: 'Replace {placeholder} with the client secret: {command} shows it to you, or Show secret in the console.'},
    publicNote: {id: 'oauth-manager.chat.setup.public_note', defaultMessage: 'This is a public client: there is no secret, and PKCE (S256) is required.'},
    notes: {id: 'oauth-manager.chat.setup.notes', defaultMessage: '**Notes**'},
    sources: {id: 'oauth-manager.chat.setup.sources', defaultMessage: 'Sources: {urls}'},
});

export const SETUP_STATUS = defineMessages({
    ready: {id: 'oauth-manager.setup.status.ready', defaultMessage: 'ready'},
    unconfirmed: {id: 'oauth-manager.setup.status.unconfirmed', defaultMessage: 'partly unconfirmed'},
    unsupported: {id: 'oauth-manager.setup.status.unsupported', defaultMessage: 'not possible'},
    readyLine: {id: 'oauth-manager.setup.status.ready.line', defaultMessage: 'Every setting below is in the documentation of {client}.'},
    unconfirmedLine: {id: 'oauth-manager.setup.status.unconfirmed.line', defaultMessage: 'Some of this could not be confirmed in the documentation of {client}: read the notes and test a sign-in before relying on it.'},
    unsupportedLine: {id: 'oauth-manager.setup.status.unsupported.line', defaultMessage: 'There is no recipe for {client} with this app.'},
});

// The notes of the user-info fields and of each recipe (server/setup/setup.go).
export const SETUP_NOTES = defineMessages({
    fieldID: {id: 'oauth-manager.setup.field.id', defaultMessage: 'A 26-character string, not a number: the user’s unique id. There is no sub field.'},
    fieldEmail: {id: 'oauth-manager.setup.field.email', defaultMessage: 'The user’s own email address.'},
    fieldOptional: {id: 'oauth-manager.setup.field.optional', defaultMessage: 'May be empty.'},
    fieldNoName: {id: 'oauth-manager.setup.field.no_name', defaultMessage: 'There is none: use username, or first_name and last_name.'},
    grafanaScopes: {id: 'oauth-manager.setup.grafana.scopes', defaultMessage: 'Mattermost does not check scopes, so empty_scopes sends none. auth_style = InParams sends the secret in the form body, the only place the token endpoint reads it.'},
    grafanaPaths: {id: 'oauth-manager.setup.grafana.paths', defaultMessage: 'The attribute paths are JMESPath over the user info: id is the string id, username the login name, email the address. Mattermost has no name field, so the display name is the username.'},
    grafanaPublic: {id: 'oauth-manager.setup.grafana.public', defaultMessage: 'Public app: there is no client_secret line. Whether Grafana signs in with PKCE and no secret is not confirmed by its documentation; a confidential app is the documented setup.'},
    gitlabAuthScheme: {id: 'oauth-manager.setup.gitlab.auth_scheme', defaultMessage: 'auth_scheme: :request_body is an option of the oauth2 gem underneath, not in the GitLab documentation: without it, newer versions of that gem send the secret in a Basic header, which Mattermost does not read.'},
    gitlabAttributes: {id: 'oauth-manager.setup.gitlab.attributes', defaultMessage: 'id_path takes the string id as the user’s uid. Mattermost has no name field, so name is the username.'},
    gitlabPublic: {id: 'oauth-manager.setup.gitlab.public', defaultMessage: 'The generic OAuth2 strategy of GitLab is documented with a client secret only (app_secret): create a confidential app for GitLab.'},
    outlineNotOIDC: {id: 'oauth-manager.setup.outline.not_oidc', defaultMessage: 'Outline signs in with OpenID Connect. Mattermost is an OAuth 2.0 provider, not an OpenID Connect one: it issues no id_token and has no discovery document, so OIDC_ISSUER_URL (automatic discovery) cannot work and the endpoints are set by hand.'},
    outlineUnconfirmed: {id: 'oauth-manager.setup.outline.unconfirmed', defaultMessage: 'The Outline documentation lists Mattermost among its example providers, but it is not confirmed that Outline accepts user info without the sub and name claims (Mattermost sends id and username). Test a sign-in before relying on it.'},
    outlinePublic: {id: 'oauth-manager.setup.outline.public', defaultMessage: 'Outline needs a client secret (OIDC_CLIENT_SECRET is required): create a confidential app for Outline.'},
    giteaNoOIDC: {id: 'oauth-manager.setup.gitea.no_oidc', defaultMessage: 'Gitea and Forgejo add an outside sign-in as an OAuth2 authentication source of a provider they know; for any other provider the documented choice is OpenID Connect with an auto discovery URL. Mattermost is not an OpenID Connect provider (no discovery document, no id_token), so it cannot be added that way.'},
    giteaAlternative: {id: 'oauth-manager.setup.gitea.alternative', defaultMessage: 'No generic OAuth2 source with a configurable user-info mapping is documented for either of them, so there is no recipe.'},
});
