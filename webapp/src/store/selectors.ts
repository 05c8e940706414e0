import {createSelector} from '@reduxjs/toolkit';

import type {AppSummary, OAuthManagerState, RequestState} from './slice';
import {initialState} from './slice';

import {pluginId} from '../manifest';

export const stateKey = `plugins-${pluginId}`;

// The host store holds many slices; only ours is typed here.
export type GlobalStateWithPlugin = {[key: string]: unknown};

export function selectPluginState(state: GlobalStateWithPlugin): OAuthManagerState {
    return (state[stateKey] as OAuthManagerState | undefined) ?? initialState;
}

export const selectAppsById = (state: GlobalStateWithPlugin) => selectPluginState(state).apps.byId;

// The last listing of every app, in its order.
export const selectApps = createSelector(
    [(state: GlobalStateWithPlugin) => selectPluginState(state).apps],
    (apps): AppSummary[] => apps.order.map((id) => apps.byId[id]),
);

const idle: RequestState = {status: 'idle'};

export function selectRequest(state: GlobalStateWithPlugin, key: string): RequestState {
    return selectPluginState(state).requests[key] ?? idle;
}

export const selectMetadata = (state: GlobalStateWithPlugin) => selectPluginState(state).metadata;

export const selectSecretAges = (state: GlobalStateWithPlugin) => selectPluginState(state).secretAges;
