// Runs /oauth through the webapp's own slash-command hook, as one of the
// bootstrapped users, with a store built from the plugin's slice: the code
// path the web app runs, against the real server.
import {configureStore} from '@reduxjs/toolkit';
import type {Middleware, Reducer} from 'redux';

import {rendered, clientAs} from './env';
import type {E2EEnv, Role} from './env';

import {setClient} from '../../webapp/src/client/oauth_client';
import {RECEIVED_NEW_POST} from '../../webapp/src/slash/ephemeral';
import {createSlashCommandHook} from '../../webapp/src/slash/hook';
import {stateKey} from '../../webapp/src/store/selectors';
import {reducer} from '../../webapp/src/store/slice';
import type {OAuthManagerState} from '../../webapp/src/store/slice';
import type {HostStore} from '../../webapp/src/types/host';
import type {SlashCommandHookResult} from '../../webapp/src/types/registry';

export type HookRun = {
    result: SlashCommandHookResult;

    // The ephemeral posts the command made, in order.
    posts: string[];

    // All of them as Markdown, and as a reader sees them (escapes removed).
    markdown: string;
    text: string;
};

export type HookUser = {
    run(command: string): Promise<HookRun>;
    state(): OAuthManagerState;
};

export function hookAs(env: E2EEnv, role: Role): HookUser {
    const client = clientAs(env, role);
    const posts: string[] = [];
    const capture: Middleware = () => (next) => (action) => {
        const a = action as {type?: string; data?: {message?: string; type?: string; channel_id?: string}};
        if (a.type === RECEIVED_NEW_POST && a.data?.type === 'system_ephemeral' && a.data.channel_id === env.channelId) {
            posts.push(a.data.message ?? '');
        }
        return next(action);
    };
    const entities = {users: {currentUserId: env.users[role].id}, general: {config: {SiteURL: env.siteURL}}};
    const root: Reducer<Record<string, unknown>> = (state, action) => ({
        entities,
        [stateKey]: reducer(state?.[stateKey] as OAuthManagerState | undefined, action),
    });
    const store = configureStore({
        reducer: root,
        middleware: (getDefault) => getDefault({serializableCheck: false}).concat(capture),
    });
    const hook = createSlashCommandHook(store as unknown as HostStore);
    return {
        async run(command: string) {
            setClient(client);
            const before = posts.length;
            const result = await hook(command, {channel_id: env.channelId, team_id: env.teamId, root_id: ''});
            const made = posts.slice(before);

            // text is what the reader sees: the Markdown's backslash escapes removed.
            return {result, posts: made, markdown: made.join('\n'), text: rendered(made.join('\n'))};
        },
        state: () => store.getState()[stateKey] as OAuthManagerState,
    };
}
