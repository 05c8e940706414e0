// Channels for the audit channel setting: searched across every team (public
// and private, as the System Console's own channel list does: the caller is a
// system admin), and the chosen one read back by id to show its name.
import type {Channel} from '@mattermost/types/channels';

import {apiThunk} from './thunk';

export type ChannelChoice = {
    id: string;
    name: string;
    display_name: string;
    type: Channel['type'];
    team_display_name: string;
};

// Results per search: a longer list is a hint to type more.
export const CHANNEL_SEARCH_LIMIT = 20;

export const searchChannels = apiThunk('searchChannels', async (client, term: string) => {
    const found = await client.searchAllChannels(term, {page: 0, per_page: CHANNEL_SEARCH_LIMIT, public: true, private: true, include_deleted: false});
    const channels: ChannelChoice[] = (found.channels ?? []).map((c) => ({id: c.id, name: c.name, display_name: c.display_name, type: c.type, team_display_name: c.team_display_name}));
    return {channels, total: found.total_count ?? channels.length};
});

// The team's name is a nicety: a channel whose team cannot be read still shows.
export const fetchChannelChoice = apiThunk('fetchChannelChoice', async (client, channelId: string): Promise<ChannelChoice> => {
    const channel = await client.getChannel(channelId);
    const team = channel.team_id ? await client.getTeam(channel.team_id).catch(() => null) : null;
    return {id: channel.id, name: channel.name, display_name: channel.display_name, type: channel.type, team_display_name: team?.display_name ?? ''};
});
