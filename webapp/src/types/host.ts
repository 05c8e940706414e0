// What this plugin reads from and sends to the host's redux store.
import type {ThunkDispatch} from '@reduxjs/toolkit';
import type {Action} from 'redux';

import type {GlobalStateWithPlugin} from '../store/selectors';

export type HostState = GlobalStateWithPlugin & {
    entities?: {
        users?: {currentUserId?: string; profiles?: Record<string, {roles?: string}>};
        general?: {config?: {SiteURL?: string}};
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
