// What a verb handler receives, and what it answers.
import type {IntlShape} from 'react-intl';

import {describeErrorMd} from './markdown';

import type {PluginSettings} from '../client/oauth_client';
import type {Parsed} from '../grammar/parse';
import {toApiError} from '../store/errors';
import {ACTIONS} from '../store/messages';
import {selectPluginState} from '../store/selectors';
import {fetchSettings, fetchUsernames} from '../store/slice';
import type {HostStore} from '../types/host';
import type {SlashCommandArgs} from '../types/registry';

export type VerbContext = {
    store: HostStore;
    message: string;
    args: SlashCommandArgs;
    parsed: Parsed;

    // The caller's language: every word of an answer comes from here.
    intl: IntlShape;
};

// `post` becomes an ephemeral post; `inputError` stays under the text box with
// the draft; `opened` means the verb showed its own UI (a form) instead.
export type VerbResult = {post: string} | {inputError: string} | {opened: true};

export type VerbHandler = (ctx: VerbContext) => Promise<VerbResult>;

export const post = (text: string): VerbResult => ({post: text});
export const inputError = (text: string): VerbResult => ({inputError: text});

export function currentUserId(ctx: VerbContext): string {
    return ctx.store.getState().entities?.users?.currentUserId ?? '';
}

// The admin's plugin settings, read once per page load. When they cannot be
// read, callers fail closed (as the Go half does): `unreadable` says why.
export async function settings(ctx: VerbContext): Promise<PluginSettings | {unreadable: string}> {
    const known = selectPluginState(ctx.store.getState()).settings;
    if (known) {
        return known;
    }
    try {
        return await ctx.store.dispatch(fetchSettings()).unwrap();
    } catch (err) {
        return {unreadable: describeErrorMd(ctx.intl, toApiError(err), ctx.intl.formatMessage(ACTIONS.readSettings))};
    }
}

// Usernames for creator ids, fetched once and kept in the slice.
export async function usernames(ctx: VerbContext, userIds: string[]): Promise<Record<string, string>> {
    const known = selectPluginState(ctx.store.getState()).usernames;
    const missing = [...new Set(userIds)].filter((id) => id && !known[id]);
    if (missing.length > 0) {
        await ctx.store.dispatch(fetchUsernames(missing)).unwrap().catch(() => undefined);
    }
    return selectPluginState(ctx.store.getState()).usernames;
}
