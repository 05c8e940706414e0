// APP on the command line is a client id or an app's exact name.
import {defineMessages} from 'react-intl';

import type {OAuthApp} from '@mattermost/types/integrations';

import type {VerbContext} from './context';
import {code, md} from './format';
import {describeErrorMd} from './markdown';

import {toApiError} from '../store/errors';
import {selectPluginState} from '../store/selectors';
import {fetchApp, fetchListing} from '../store/slice';
import type {AppSummary} from '../store/slice';

const m = defineMessages({
    needsManage: {id: 'oauth-manager.chat.resolve.needs_manage_oauth', defaultMessage: 'Could not {action}: finding an app by name needs the `manage_oauth` permission. Give its client id instead (`/oauth info CLIENT_ID` works for anyone).'},
    noId: {id: 'oauth-manager.chat.resolve.no_id', defaultMessage: 'Could not {action}: there is no app with client id {id} or that name among the apps you can manage. `/oauth list --filter TEXT` searches them.'},
    noName: {id: 'oauth-manager.chat.resolve.no_name', defaultMessage: 'Could not {action}: there is no app named "{name}" among the apps you can manage. `/oauth list --filter TEXT` searches them.'},
    several: {id: 'oauth-manager.chat.resolve.several', defaultMessage: 'Could not {action}: {count} apps are named "{name}". Use the client id of the one you mean:'},
});

export const looksLikeId = (s: string) => (/^[a-z0-9]{26}$/).test(s);

export type Resolved = {app: OAuthApp} | {failure: string};

function candidates(apps: AppSummary[]): string {
    return apps.map((a) => `- ${md(a.name)}: ${code(a.id)}`).join('\n');
}

// A complete listing this recent is used to look a name up (the Go half keeps
// the same few seconds: server/command/listing.go).
export const FRESH_LISTING_MS = 10000;

// The id of the one app named `name` in a recent complete listing, if any.
function recentlyListed(ctx: VerbContext, name: string): string | undefined {
    const {apps, listing} = selectPluginState(ctx.store.getState());
    if (Date.now() - listing.completeAt > FRESH_LISTING_MS) {
        return undefined;
    }
    const hits = apps.order.filter((id) => apps.byId[id]?.name === name);
    return hits.length === 1 ? hits[0] : undefined;
}

// Finds an app among those the caller can manage and reads it in full. A hit in
// a recent listing is still read in full and its name checked, so a stale
// listing cannot misdirect the command.
export async function resolveApp(ctx: VerbContext, ref: string, action: string): Promise<Resolved> {
    const {dispatch} = ctx.store;
    if (looksLikeId(ref)) {
        try {
            return {app: await dispatch(fetchApp(ref)).unwrap()};
        } catch (err) {
            if (toApiError(err).status_code !== 404) {
                return {failure: describeErrorMd(ctx.intl, toApiError(err), action)};
            }

            // Not an id after all: an app may be named like one.
        }
    }
    const recent = recentlyListed(ctx, ref);
    if (recent) {
        const app = await dispatch(fetchApp(recent)).unwrap().catch(() => undefined);
        if (app?.name === ref) {
            return {app};
        }
    }

    // The read model's search narrows the listing to apps whose text contains the name.
    let found;
    try {
        found = await dispatch(fetchListing({search: ref, all: true})).unwrap();
    } catch (err) {
        const apiError = toApiError(err);
        if (apiError.status_code === 403) {
            return {failure: ctx.intl.formatMessage(m.needsManage, {action})};
        }
        return {failure: describeErrorMd(ctx.intl, apiError, action)};
    }
    const matches = found.apps.filter((a) => a.name === ref);
    if (matches.length === 0) {
        const failure = looksLikeId(ref) ? ctx.intl.formatMessage(m.noId, {action, id: code(ref)}) : ctx.intl.formatMessage(m.noName, {action, name: md(ref)});
        return {failure};
    }
    if (matches.length > 1) {
        return {failure: ctx.intl.formatMessage(m.several, {action, count: matches.length, name: md(ref)}) + '\n' + candidates(matches)};
    }
    try {
        return {app: await dispatch(fetchApp(matches[0].id)).unwrap()};
    } catch (err) {
        return {failure: describeErrorMd(ctx.intl, toApiError(err), action)};
    }
}
