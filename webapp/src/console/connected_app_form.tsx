// The create/edit form wired to the slice and to useAppForm, for whichever
// surface shows it (the console page or the create modal).
import React, {useEffect, useMemo} from 'react';
import {useDispatch, useSelector} from 'react-redux';

import type {OAuthApp} from '@mattermost/types/integrations';

import AppForm from './app_form';
import {useAppForm} from './use_app_form';
import type {SavedMode} from './use_app_form';

import {selectPluginState} from '../store/selectors';
import {fetchSettings, formClosed, formFieldChanged} from '../store/slice';
import type {HostDispatch} from '../types/host';

type Props = {
    onSaved: (app: OAuthApp, mode: SavedMode) => void;
};

export default function ConnectedAppForm({onSaved}: Props) {
    const dispatch = useDispatch<HostDispatch>();
    const {form, submit, saving, isAdmin} = useAppForm(onSaved);
    const {settings, requests} = useSelector(selectPluginState);

    // The lint's allowlist and server version come with the plugin's settings:
    // read once if no other view has (the create modal opened from /oauth create).
    const settingsRead = Boolean(settings) || Boolean(requests.fetchSettings);
    const open = Boolean(form);
    useEffect(() => {
        if (open && !settingsRead) {
            dispatch(fetchSettings());
        }
    }, [open, settingsRead, dispatch]);
    const lintOptions = useMemo(() => ({allowlist: settings?.dcr_redirect_uri_allowlist ?? [], serverVersion: settings?.server_version ?? ''}), [settings]);
    if (!form) {
        return null;
    }
    return (
        <AppForm
            form={form}
            isSystemAdmin={isAdmin}
            busy={saving}
            onChange={(patch) => dispatch(formFieldChanged(patch))}
            onSubmit={submit}
            onCancel={() => dispatch(formClosed())}
            lintOptions={lintOptions}
        />
    );
}
