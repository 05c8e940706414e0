// Saving the create/edit form: validation as the server does it, then the
// request; a refusal lands on the field it is about and the typed text stays.
// Shared by the console page and the create modal that `/oauth create` opens.
import {useState} from 'react';
import {defineMessages, useIntl} from 'react-intl';
import type {IntlShape} from 'react-intl';
import {useDispatch, useSelector} from 'react-redux';

import type {OAuthApp} from '@mattermost/types/integrations';

import {mergeEdit} from '../store/edit_merge';
import type {EditFlags} from '../store/edit_merge';
import {toApiError} from '../store/errors';
import type {ApiError} from '../store/errors';
import {ACTIONS, describeError} from '../store/messages';
import {selectPluginState} from '../store/selectors';
import type {GlobalStateWithPlugin} from '../store/selectors';
import {createApp, fetchApp, formClosed, formErrorsSet, formFieldsOf, updateApp} from '../store/slice';
import type {FormErrors, FormFields} from '../store/slice';
import {isSystemAdmin} from '../types/host';
import type {HostDispatch} from '../types/host';
import {validateApp} from '../validation';
import type {AppFields} from '../validation';

export type NewSecret = {appName: string; secret: string};

export const splitLines = (text: string) => text.split('\n').map((s) => s.trim()).filter(Boolean);

// Which form field a server validation error is about (model.oauth.is_valid.<field>.app_error).
const SERVER_FIELD: Array<[RegExp, keyof FormFields]> = [
    [/\.name\./, 'name'], [/\.description\./, 'description'], [/\.homepage\./, 'homepage'], [/\.icon_url\./, 'icon_url'], [/\.callback\./, 'callbacks'],
];

const messages = defineMessages({
    refused: {id: 'oauth-manager.console.form.server_refused', defaultMessage: 'The server refused this: {message}'},
    saveApp: {id: 'oauth-manager.console.form.save_action', defaultMessage: 'save the app'},
});

function formErrorsFrom(intl: IntlShape, err: ApiError, action: string): FormErrors {
    const field = SERVER_FIELD.find(([re]) => re.test(err.server_error_id ?? ''))?.[1];
    return field ? {[field]: intl.formatMessage(messages.refused, {message: err.message})} : {form: describeError(intl, err, action)};
}

// What the form's fields mean as an app: names and URLs trimmed, one callback URL per line.
function appFieldsOf(f: FormFields): AppFields {
    return {name: f.name.trim(), description: f.description, homepage: f.homepage.trim(), icon_url: f.icon_url.trim(), callback_urls: splitLines(f.callbacks)};
}

const FLAG_OF_FIELD: Array<[keyof Omit<AppFields, 'callback_urls'>, string]> = [['name', 'name'], ['description', 'description'], ['homepage', 'homepage'], ['icon_url', 'icon-url']];

// The edit flags (as `/oauth edit` takes them) for what differs from the
// values the form was opened with.
export function changedFlags(original: FormFields, typed: FormFields, isAdmin: boolean): EditFlags {
    const [before, after] = [appFieldsOf(original), appFieldsOf(typed)];
    const flags: EditFlags = {};
    for (const [key, flag] of FLAG_OF_FIELD) {
        if (after[key] !== before[key]) {
            flags[flag] = after[key];
        }
    }
    if (after.callback_urls.join('\n') !== before.callback_urls.join('\n')) {
        flags.callback = after.callback_urls;
    }
    if (isAdmin && typed.is_trusted !== original.is_trusted) {
        flags.trusted = String(typed.is_trusted);
    }
    return flags;
}

export type SavedMode = 'create' | 'edit' | 'unchanged';

export function useAppForm(onSaved: (app: OAuthApp, mode: SavedMode) => void) {
    const intl = useIntl();
    const dispatch = useDispatch<HostDispatch>();
    const plugin = useSelector((s: GlobalStateWithPlugin) => selectPluginState(s));
    const isAdmin = useSelector(isSystemAdmin);
    const [saving, setSaving] = useState(false);
    const form = plugin.ui.form;

    const submit = async () => {
        if (!form) {
            return;
        }
        const f = form.fields;
        const fields = appFieldsOf(f);
        const dcr = form.appId ? Boolean(plugin.apps.byId[form.appId]?.is_dynamically_registered) : false;
        const {callback_urls: callbackError, ...rest} = validateApp(intl, fields, {dynamicallyRegistered: dcr});
        const errors: FormErrors = {...rest, ...(callbackError ? {callbacks: callbackError} : {})};
        if (Object.keys(errors).length) {
            dispatch(formErrorsSet(errors));
            return;
        }
        setSaving(true);
        try {
            let saved: OAuthApp;
            if (form.mode === 'create') {
                saved = await dispatch(createApp({...fields, is_trusted: isAdmin && f.is_trusted, is_public: f.is_public})).unwrap();
            } else {
                // Only what this admin changed, merged into a fresh read: an
                // edit someone made meanwhile to another field is kept.
                const fresh = await dispatch(fetchApp(form.appId!)).unwrap();
                const merged = mergeEdit(fresh, changedFlags(form.original ?? formFieldsOf(fresh), f, isAdmin));
                if ('missingCallback' in merged || merged.changes.length === 0) {
                    dispatch(formClosed());
                    onSaved(fresh, 'unchanged');
                    return;
                }
                saved = await dispatch(updateApp(merged.app)).unwrap();
            }
            dispatch(formClosed());
            onSaved(saved, form.mode);
        } catch (err) {
            dispatch(formErrorsSet(formErrorsFrom(intl, toApiError(err), intl.formatMessage(form.mode === 'create' ? ACTIONS.createApp : messages.saveApp))));
        } finally {
            setSaving(false);
        }
    };

    return {form, submit, saving, isAdmin};
}
