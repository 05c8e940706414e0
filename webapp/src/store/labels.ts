// Words for an app's facts, the same in chat and in the console.
import {defineMessages, type IntlShape} from 'react-intl';

import type {AppSummary} from './slice';

const m = defineMessages({
    unknown: {id: 'oauth-manager.app.type.unknown', defaultMessage: 'Unknown'},
    public: {id: 'oauth-manager.app.type.public', defaultMessage: 'Public'},
    confidential: {id: 'oauth-manager.app.type.confidential', defaultMessage: 'Confidential'},
    dcr: {id: 'oauth-manager.app.creator.dcr', defaultMessage: 'dynamic registration'},
    you: {id: 'oauth-manager.app.creator.you', defaultMessage: 'you'},
});

export const MASK = '••••••••';

// An app read from public information or a user's authorized list has its
// secret blanked, so whether it is public is not known there.
export function typeLabel(intl: IntlShape, app: Pick<AppSummary, 'is_public'>): string {
    if (app.is_public === undefined) {
        return intl.formatMessage(m.unknown);
    }
    return intl.formatMessage(app.is_public ? m.public : m.confidential);
}

// Who created an app, as plain text. The reader is "you", not an @-mention
// of themselves (which the web app would highlight).
export function creatorLabel(intl: IntlShape, app: Pick<AppSummary, 'creator_id' | 'is_dynamically_registered'>, usernames: Record<string, string>, currentUserId: string): string {
    if (!app.creator_id) {
        return app.is_dynamically_registered ? intl.formatMessage(m.dcr) : '—';
    }
    if (app.creator_id === currentUserId) {
        return intl.formatMessage(m.you);
    }
    const username = usernames[app.creator_id];
    return username ? '@' + username : app.creator_id;
}

// A time as chat and console show it: minutes, UTC.
export function date(ms: number): string {
    return ms ? new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '—';
}
