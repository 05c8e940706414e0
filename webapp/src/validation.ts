// The server's OAuthApp.IsValid rules (server/public/model/oauth.go), checked
// before a request so a bad field is named precisely and nothing is half-applied.
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

export function validateApp(app: AppFields, {dynamicallyRegistered = false} = {}): FieldErrors {
    const errors: FieldErrors = {};
    if (app.name.length === 0) {
        errors.name = 'Give the app a name.';
    } else if (bytes(app.name) > LIMITS.name) {
        errors.name = `The name is ${bytes(app.name)} bytes long; the limit is ${LIMITS.name}.`;
    }
    if (runes(app.description) > LIMITS.description) {
        errors.description = `The description is ${runes(app.description)} characters long; the limit is ${LIMITS.description}.`;
    }
    if (app.homepage === '' && !dynamicallyRegistered) {
        errors.homepage = 'Give a homepage URL (http:// or https://).';
    } else if (app.homepage !== '' && !isValidHTTPURL(app.homepage)) {
        errors.homepage = `The homepage must be an http:// or https:// URL, not "${app.homepage}".`;
    } else if (bytes(app.homepage) > LIMITS.homepage) {
        errors.homepage = `The homepage URL is ${bytes(app.homepage)} bytes long; the limit is ${LIMITS.homepage}.`;
    }
    if (app.icon_url !== '' && !isValidHTTPURL(app.icon_url)) {
        errors.icon_url = `The icon URL must be an http:// or https:// URL, not "${app.icon_url}".`;
    } else if (bytes(app.icon_url) > LIMITS.iconURL) {
        errors.icon_url = `The icon URL is ${bytes(app.icon_url)} bytes long; the limit is ${LIMITS.iconURL}.`;
    }
    const badCallback = app.callback_urls.find((u) => !isValidHTTPURL(u));
    if (app.callback_urls.length === 0) {
        errors.callback_urls = 'Give at least one callback URL.';
    } else if (badCallback !== undefined) {
        errors.callback_urls = `Callback URLs must be http:// or https:// URLs, not "${badCallback}".`;
    } else if (callbacksLength(app.callback_urls) > LIMITS.callbacksTotal) {
        errors.callback_urls = `The callback URLs are ${callbacksLength(app.callback_urls)} bytes together; the limit is ${LIMITS.callbacksTotal}.`;
    }
    return errors;
}
