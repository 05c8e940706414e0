// Dates as the user reads them: their locale (from the host's IntlProvider)
// and their timezone setting (automatic or manual), as the web app shows times.
import {useIntl} from 'react-intl';
import {useSelector} from 'react-redux';

import type {HostState} from '../types/host';

export function userTimezone(state: HostState): string | undefined {
    const users = state.entities?.users;
    const tz = users?.profiles?.[users.currentUserId ?? '']?.timezone;
    if (!tz) {
        return undefined;
    }
    const automatic = tz.useAutomaticTimezone === true || tz.useAutomaticTimezone === 'true';
    return (automatic ? tz.automaticTimezone : tz.manualTimezone) || undefined;
}

export function useDates() {
    const intl = useIntl();
    const timeZone = useSelector(userTimezone);
    return {
        day: (ms: number) => (ms ? intl.formatDate(ms, {dateStyle: 'medium', timeZone}) : '—'),
        time: (ms: number) => (ms ? intl.formatDate(ms, {dateStyle: 'medium', timeStyle: 'short', timeZone}) : '—'),
    };
}
