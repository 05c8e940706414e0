// The OAuth 2.0 authorization-code flow as a client runs it against Mattermost:
// the signed-in user allows the app, the client exchanges the code for a token,
// then calls the API once with it (GET /users/me is one of the calls that moves
// the OAuth session's LastActivityAt). Shared by the read model's test and the
// benchmark, which both need usage data made the way the server makes it.
import type {Client4} from '@mattermost/client';

export type FlowApp = {id: string; client_secret: string};

// Returns the access token and the id /users/me answered with; throws when a
// step fails.
export async function authorizeAndUse(siteURL: string, user: Client4, app: FlowApp, redirectUri: string): Promise<{token: string; userId: string}> {
    const {redirect} = await user.authorizeOAuthApp('code', app.id, redirectUri, 'state-1', '') as unknown as {redirect: string};
    const code = new URL(redirect).searchParams.get('code');
    if (!code) {
        throw new Error(`authorizing app ${app.id}: no code in the redirect ${redirect}`);
    }
    const response = await fetch(`${siteURL}/oauth/access_token`, {
        method: 'POST',
        headers: {'Content-Type': 'application/x-www-form-urlencoded'},
        body: new URLSearchParams({grant_type: 'authorization_code', client_id: app.id, client_secret: app.client_secret, code, redirect_uri: redirectUri}),
    });
    if (response.status !== 200) {
        throw new Error(`exchanging the code of app ${app.id}: HTTP ${response.status} ${await response.text()}`);
    }
    const token = (await response.json() as {access_token: string}).access_token;
    const me = await fetch(`${siteURL}/api/v4/users/me`, {headers: {Authorization: `Bearer ${token}`}});
    if (me.status !== 200) {
        throw new Error(`calling /users/me with the token of app ${app.id}: HTTP ${me.status}`);
    }
    return {token, userId: (await me.json() as {id: string}).id};
}
