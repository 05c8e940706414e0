// What this plugin reads from and sends to the host's redux store.
import type {ThunkDispatch} from '@reduxjs/toolkit';
import type {Action} from 'redux';

import type {GlobalStateWithPlugin} from '../store/selectors';

// The user's timezone setting, as the server keeps it (booleans as strings).
export type Timezone = {useAutomaticTimezone?: string | boolean; automaticTimezone?: string; manualTimezone?: string};
type HostUser = {roles?: string; locale?: string; timezone?: Timezone};

export type HostState = GlobalStateWithPlugin & {
    entities?: {
        users?: {currentUserId?: string; profiles?: Record<string, HostUser>};
        general?: {config?: {SiteURL?: string; CollapsedThreads?: string; HasImageProxy?: string}};
        preferences?: {myPreferences?: Record<string, {value?: string}>};
    };
};

export type HostDispatch = ThunkDispatch<HostState, unknown, Action>;

export type HostStore = {
    getState(): HostState;
    dispatch: HostDispatch;
};

export function isSystemAdmin(state: HostState): boolean {
    const me = state.entities?.users?.currentUserId ?? '';
    return (state.entities?.users?.profiles?.[me]?.roles ?? '').split(' ').includes('system_admin');
}

// The host's isCollapsedThreadsEnabled (mattermost-redux selectors/entities/preferences):
// the server allows collapsed reply threads and the user has them on.
export function isCollapsedThreadsEnabled(state: HostState): boolean {
    const setting = state.entities?.general?.config?.CollapsedThreads;
    if (!setting || setting === 'disabled') {
        return false;
    }
    if (setting === 'always_on') {
        return true;
    }
    const fallback = setting === 'default_on' ? 'on' : 'off';
    const chosen = state.entities?.preferences?.myPreferences?.['display_settings--collapsed_reply_threads']?.value;
    return (chosen ?? fallback) === 'on';
}
