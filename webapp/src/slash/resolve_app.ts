// APP on the command line is a client id or an app's exact name.
import type {OAuthApp} from '@mattermost/types/integrations';

import type {VerbContext} from './context';
import {code, md} from './format';
import {describeErrorMd} from './markdown';

import {toApiError} from '../store/errors';
import {fetchAllApps, fetchApp} from '../store/slice';
import type {AppSummary} from '../store/slice';

export const looksLikeId = (s: string) => (/^[a-z0-9]{26}$/).test(s);

export type Resolved = {app: OAuthApp} | {failure: string};

function candidates(apps: AppSummary[]): string {
    return apps.map((a) => `- ${md(a.name)}: ${code(a.id)}`).join('\n');
}

// Finds an app among those the caller can manage and reads it in full.
export async function resolveApp(ctx: VerbContext, ref: string, action: string): Promise<Resolved> {
    const {dispatch} = ctx.store;
    if (looksLikeId(ref)) {
        try {
            return {app: await dispatch(fetchApp(ref)).unwrap()};
        } catch (err) {
            if (toApiError(err).status_code !== 404) {
                return {failure: describeErrorMd(toApiError(err), action)};
            }

            // Not an id after all: an app may be named like one.
        }
    }
    let all;
    try {
        all = await dispatch(fetchAllApps()).unwrap();
    } catch (err) {
        const apiError = toApiError(err);
        if (apiError.status_code === 403) {
            return {failure: `Could not ${action}: finding an app by name needs the \`manage_oauth\` permission. Give its client id instead (\`/oauth info CLIENT_ID\` works for anyone).`};
        }
        return {failure: describeErrorMd(apiError, action)};
    }
    const matches = all.apps.filter((a) => a.name === ref);
    if (matches.length === 0) {
        const what = looksLikeId(ref) ? `no app with client id ${code(ref)} or that name` : `no app named "${md(ref)}"`;
        return {failure: `Could not ${action}: there is ${what} among the apps you can manage. \`/oauth list --filter TEXT\` searches them.`};
    }
    if (matches.length > 1) {
        return {failure: `Could not ${action}: ${matches.length} apps are named "${md(ref)}". Use the client id of the one you mean:\n${candidates(matches)}`};
    }
    try {
        return {app: await dispatch(fetchApp(matches[0].id)).unwrap()};
    } catch (err) {
        return {failure: describeErrorMd(toApiError(err), action)};
    }
}
