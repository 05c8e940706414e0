// Messages only the Go half formats (the mobile dialog and its route), declared
// here so the one catalogue, extracted from this source, holds them too. Nothing
// in the web half imports this file.
import {defineMessages} from 'react-intl';

export const SERVER_ONLY = defineMessages({
    createTitle: {id: 'oauth-manager.dialog.create.title', defaultMessage: 'Create an OAuth app'},
    createSubmit: {id: 'oauth-manager.dialog.create.submit', defaultMessage: 'Create'},
    editTitle: {id: 'oauth-manager.dialog.edit.title', defaultMessage: 'Edit {name}'},
    editSubmit: {id: 'oauth-manager.dialog.edit.submit', defaultMessage: 'Save'},
    nameHelp: {id: 'oauth-manager.dialog.name.help', defaultMessage: 'Shown to users when they are asked to authorize the app.'},
    callbacksHelp: {id: 'oauth-manager.dialog.callbacks.help', defaultMessage: 'One per line; each an http:// or https:// URL the app may redirect to.'},
    trustedHelp: {id: 'oauth-manager.dialog.trusted.help', defaultMessage: 'Users are not asked for consent. Only system admins can set this.'},
    publicLabel: {id: 'oauth-manager.dialog.public.label', defaultMessage: 'Public client'},
    publicHelp: {id: 'oauth-manager.dialog.public.help', defaultMessage: 'No secret; the app must use PKCE (S256). Cannot be changed later.'},
    notOpened: {id: 'oauth-manager.dialog.not_opened', defaultMessage: 'Could not open the form here ({message}). Give the details as options instead: {usage}'},
    badState: {id: 'oauth-manager.dialog.bad_state', defaultMessage: 'Could not save the app: the form\'s state could not be read. Open the form again.'},
    saveApp: {id: 'oauth-manager.action.save_app', defaultMessage: 'save the app'},
});

// The Go half calls the server's own REST API (as the person who typed the
// command): what it says when that call gets no answer, for a reason it can name.
export const OWN_API = defineMessages({
    refused: {id: 'oauth-manager.error.own_api_refused', defaultMessage: 'Could not {action}: the plugin could not connect to this server\'s REST API ({message}). Try again in a moment; if it keeps happening, a system admin can check that Mattermost is running and the plugin\'s setting {setting}.'},
    timeout: {id: 'oauth-manager.error.own_api_timeout', defaultMessage: 'Could not {action}: this server\'s REST API did not answer in time ({message}), so the plugin stopped waiting. If you were changing something, look at the app before you try again: the server may have made the change. If it keeps happening, a system admin can look for the cause in the server log.'},
    step: {id: 'oauth-manager.error.step', defaultMessage: 'Could not {action}: {message}.{advice}'},
    stepRefused: {id: 'oauth-manager.error.step.refused', defaultMessage: 'The plugin could not connect to this server\'s REST API: a system admin can check that Mattermost is running and the plugin\'s setting {setting}.'},
    stepTimeout: {id: 'oauth-manager.error.step.timeout', defaultMessage: 'This server\'s REST API did not answer in time: look at the app before you try again, as the server may have made that step.'},
    stepRetry: {id: 'oauth-manager.error.step.retry', defaultMessage: 'The server failed on its side: try again in a moment; if it keeps failing, a system admin can find the cause in the server log.'},
    setting: {id: 'oauth-manager.setting.rest_api_address', defaultMessage: 'System Console > Plugins > OAuth Apps Manager > REST API address for the plugin\'s own calls'},
});

// The server's autocomplete, registered once in the server's default language.
export const AUTOCOMPLETE = defineMessages({
    hint: {id: 'oauth-manager.autocomplete.hint', defaultMessage: '[command]'},
    switchFlag: {id: 'oauth-manager.autocomplete.switch', defaultMessage: '(switch: no value)'},
});
