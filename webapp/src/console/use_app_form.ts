// Saving the create/edit form: validation as the server does it, then the
// request; a refusal lands on the field it is about and the typed text stays.
// Shared by the console page and the create modal that `/oauth create` opens.
import {useState} from 'react';
import {useDispatch, useSelector} from 'react-redux';

import type {OAuthApp} from '@mattermost/types/integrations';

import {toApiError} from '../store/errors';
import type {ApiError} from '../store/errors';
import {describeError} from '../store/messages';
import {selectPluginState} from '../store/selectors';
import type {GlobalStateWithPlugin} from '../store/selectors';
import {createApp, fetchApp, formClosed, formErrorsSet, updateApp} from '../store/slice';
import type {FormErrors, FormFields} from '../store/slice';
import {isSystemAdmin} from '../types/host';
import type {HostDispatch} from '../types/host';
import {validateApp} from '../validation';

export const EMPTY_FORM: FormFields = {name: '', description: '', homepage: '', icon_url: '', callbacks: '', is_trusted: false, is_public: false};

export type NewSecret = {appName: string; secret: string};

const splitLines = (text: string) => text.split('\n').map((s) => s.trim()).filter(Boolean);

// Which form field a server validation error is about (model.oauth.is_valid.<field>.app_error).
const SERVER_FIELD: Array<[RegExp, keyof FormFields]> = [
    [/\.name\./, 'name'], [/\.description\./, 'description'], [/\.homepage\./, 'homepage'], [/\.icon_url\./, 'icon_url'], [/\.callback\./, 'callbacks'],
];

function formErrorsFrom(err: ApiError, action: string): FormErrors {
    const field = SERVER_FIELD.find(([re]) => re.test(err.server_error_id ?? ''))?.[1];
    return field ? {[field]: `The server refused this: ${err.message}`} : {form: describeError(err, action)};
}

export function useAppForm(onSaved: (app: OAuthApp, mode: 'create' | 'edit') => void) {
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
        const fields = {name: f.name.trim(), description: f.description, homepage: f.homepage.trim(), icon_url: f.icon_url.trim(), callback_urls: splitLines(f.callbacks)};
        const dcr = form.appId ? Boolean(plugin.apps.byId[form.appId]?.is_dynamically_registered) : false;
        const {callback_urls: callbackError, ...rest} = validateApp(fields, {dynamicallyRegistered: dcr});
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
                // The update replaces the whole app: start from the server's copy.
                const fresh = await dispatch(fetchApp(form.appId!)).unwrap();
                saved = await dispatch(updateApp({...fresh, ...fields, is_trusted: isAdmin ? f.is_trusted : fresh.is_trusted})).unwrap();
            }
            dispatch(formClosed());
            onSaved(saved, form.mode);
        } catch (err) {
            dispatch(formErrorsSet(formErrorsFrom(toApiError(err), form.mode === 'create' ? 'create the app' : 'save the app')));
        } finally {
            setSaving(false);
        }
    };

    return {form, submit, saving, isAdmin};
}
