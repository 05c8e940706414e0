// An app as the plugin keeps it: never with its client secret.
import type {OAuthApp} from '@mattermost/types/integrations';

import type {AppStates, AppUsage} from '../client/oauth_client';

// is_public is undefined when only public information was read (the secret
// is blanked there, so a blank secret proves nothing). The read model's
// listing adds the creator's username, usage and states; REST reads have none.
export type AppSummary = Omit<OAuthApp, 'client_secret'> & {
    is_public?: boolean;
    creator_username?: string;
    legacy?: boolean;
    usage?: AppUsage | null;
    states?: AppStates;
};

// Public clients are those without a secret; the server keeps no other flag.
// A sanitized app (public information, a user's authorized list) has its
// secret blanked: its type stays unknown.
export function toSummary(app: OAuthApp, {sanitized = false} = {}): AppSummary {
    const {client_secret: secret, ...rest} = app;
    if (sanitized) {
        const known: AppSummary = {...rest};
        delete known.is_public;
        return known;
    }
    return {...rest, is_public: rest.is_public ?? !secret};
}
