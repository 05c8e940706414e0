// Client-only ephemeral posts: shown to the caller alone, never sent to the
// server, so they may carry a secret the caller asked to see.
import {isCollapsedThreadsEnabled} from '../types/host';
import type {HostStore} from '../types/host';
import type {SlashCommandArgs} from '../types/registry';

// mattermost-redux's PostTypes.RECEIVED_NEW_POST; the host does not export its helper.
export const RECEIVED_NEW_POST = 'RECEIVED_NEW_POST';

let sequence = 0;

export function postEphemeral(store: HostStore, args: SlashCommandArgs, message: string): void {
    const now = Date.now();
    sequence++;

    // As the host's own receivedNewPost: with collapsed reply threads on, a
    // reply is kept out of the center channel only when the action says so.
    const crtEnabled = isCollapsedThreadsEnabled(store.getState());
    store.dispatch({
        type: RECEIVED_NEW_POST,
        data: {
            id: `oauthmanager${now.toString(36)}${sequence}`,
            user_id: store.getState().entities?.users?.currentUserId ?? '',
            channel_id: args.channel_id,
            root_id: args.root_id ?? '',
            message,
            type: 'system_ephemeral',
            create_at: now,
            update_at: now,
            props: {},
        },
        channelId: args.channel_id,
        features: {crtEnabled},
    });
}
