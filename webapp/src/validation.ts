// The server's OAuthApp.IsValid rules (server/public/model/oauth.go), checked
// before a request so a bad field is named precisely and nothing is half-applied.
import {defineMessages, type IntlShape} from 'react-intl';

import {isValidHTTPURL} from './grammar/http_url';

export type AppFields = {
    name: string;
    description: string;
    homepage: string;
    icon_url: string;
    callback_urls: string[];
};

export type FieldErrors = Partial<Record<keyof AppFields, string>>;

export const LIMITS = {name: 64, description: 512, homepage: 256, iconURL: 512, callbacksTotal: 1024};

// The server counts bytes (UTF-8) for every limit but the description's.
const encoder = new TextEncoder();
export const bytes = (s: string) => encoder.encode(s).length;

// The server measures the callback list as Go prints it: "[a b c]".
export const callbacksLength = (urls: string[]) => bytes(`[${urls.join(' ')}]`);

const runes = (s: string) => Array.from(s).length;

// Values ({value}) are shown as typed: the caller escapes the whole text for where it lands.
const m = defineMessages({
    nameMissing: {id: 'oauth-manager.validation.name.missing', defaultMessage: 'Give the app a name.'},
    nameLong: {id: 'oauth-manager.validation.name.long', defaultMessage: 'The name is {length} bytes long; the limit is {limit}.'},
    descriptionLong: {id: 'oauth-manager.validation.description.long', defaultMessage: 'The description is {length} characters long; the limit is {limit}.'},
    homepageMissing: {id: 'oauth-manager.validation.homepage.missing', defaultMessage: 'Give a homepage URL (http:// or https://).'},
    homepageInvalid: {id: 'oauth-manager.validation.homepage.invalid', defaultMessage: 'The homepage must be an http:// or https:// URL, not "{value}".'},
    homepageLong: {id: 'oauth-manager.validation.homepage.long', defaultMessage: 'The homepage URL is {length} bytes long; the limit is {limit}.'},
    iconInvalid: {id: 'oauth-manager.validation.icon_url.invalid', defaultMessage: 'The icon URL must be an http:// or https:// URL, not "{value}".'},
    iconLong: {id: 'oauth-manager.validation.icon_url.long', defaultMessage: 'The icon URL is {length} bytes long; the limit is {limit}.'},
    callbacksMissing: {id: 'oauth-manager.validation.callbacks.missing', defaultMessage: 'Give at least one callback URL.'},
    callbackInvalid: {id: 'oauth-manager.validation.callbacks.invalid', defaultMessage: 'Callback URLs must be http:// or https:// URLs, not "{value}".'},
    callbacksLong: {id: 'oauth-manager.validation.callbacks.long', defaultMessage: 'The callback URLs are {length} bytes together; the limit is {limit}.'},
});

export function validateApp(intl: IntlShape, app: AppFields, {dynamicallyRegistered = false} = {}): FieldErrors {
    const errors: FieldErrors = {};
    if (app.name.length === 0) {
        errors.name = intl.formatMessage(m.nameMissing);
    } else if (bytes(app.name) > LIMITS.name) {
        errors.name = intl.formatMessage(m.nameLong, {length: bytes(app.name), limit: LIMITS.name});
    }
    if (runes(app.description) > LIMITS.description) {
        errors.description = intl.formatMessage(m.descriptionLong, {length: runes(app.description), limit: LIMITS.description});
    }
    if (app.homepage === '' && !dynamicallyRegistered) {
        errors.homepage = intl.formatMessage(m.homepageMissing);
    } else if (app.homepage !== '' && !isValidHTTPURL(app.homepage)) {
        errors.homepage = intl.formatMessage(m.homepageInvalid, {value: app.homepage});
    } else if (bytes(app.homepage) > LIMITS.homepage) {
        errors.homepage = intl.formatMessage(m.homepageLong, {length: bytes(app.homepage), limit: LIMITS.homepage});
    }
    if (app.icon_url !== '' && !isValidHTTPURL(app.icon_url)) {
        errors.icon_url = intl.formatMessage(m.iconInvalid, {value: app.icon_url});
    } else if (bytes(app.icon_url) > LIMITS.iconURL) {
        errors.icon_url = intl.formatMessage(m.iconLong, {length: bytes(app.icon_url), limit: LIMITS.iconURL});
    }
    const badCallback = app.callback_urls.find((u) => !isValidHTTPURL(u));
    if (app.callback_urls.length === 0) {
        errors.callback_urls = intl.formatMessage(m.callbacksMissing);
    } else if (badCallback !== undefined) {
        errors.callback_urls = intl.formatMessage(m.callbackInvalid, {value: badCallback});
    } else if (callbacksLength(app.callback_urls) > LIMITS.callbacksTotal) {
        errors.callback_urls = intl.formatMessage(m.callbacksLong, {length: callbacksLength(app.callback_urls), limit: LIMITS.callbacksTotal});
    }
    return errors;
}
