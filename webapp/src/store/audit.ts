// The change trail names who made a change. The server half records its own
// changes; a change this web app makes through the REST API is reported to the
// plugin right after the REST call succeeded (docs/governance.md, POST /audit).
// Fire and forget: the change is done whatever the report meets, so nothing
// here may reach what the user sees. Only the action and the app's id are
// sent, never a secret.
import type {ChangeAction} from '../client/governance_types';
import type {OAuthClient} from '../client/oauth_client';

export function reportChange(client: OAuthClient, action: ChangeAction, appId: string): void {
    try {
        client.reportChange({action, app_id: appId}).catch(() => undefined);
    } catch {
        // A client that cannot even start the request: still nothing to show.
    }
}
