// Says where the list comes from when it is not the full read model, and what
// is off because of it. The reasons are the server's own plain words.
import React from 'react';
import {defineMessages, useIntl} from 'react-intl';

import type {ListingFacts} from './use_app_listing';

const messages = defineMessages({
    rest: {id: 'oauth-manager.console.notice.rest', defaultMessage: 'This list comes from the REST API, page by page, because the plugin cannot read the app list from the database: {reason}. Usage figures, the usage and orphaned filters and the usage sorts are off.'},
    incomplete: {id: 'oauth-manager.console.manager.incomplete', defaultMessage: 'Apps kept changing while the list was read; it may be incomplete. Refresh to try again.'},
    usageOff: {id: 'oauth-manager.console.notice.usage_off', defaultMessage: 'Usage figures are off: {reason}. The Users and Last used columns, the usage filter and the usage sorts are hidden.'},
});

export default function ListingNotice({facts}: {facts: ListingFacts}) {
    const intl = useIntl();
    let lines: string[] = [];
    if (facts.source === 'rest') {
        lines = [intl.formatMessage(messages.rest, {reason: facts.unavailable})];
        if (!facts.complete) {
            lines.push(intl.formatMessage(messages.incomplete));
        }
    } else if (facts.usageOff) {
        lines = [intl.formatMessage(messages.usageOff, {reason: facts.usageOff})];
    }
    if (!lines.length) {
        return null;
    }
    return (
        <div
            role='status'
            className='alert alert-warning'
            style={{margin: '0 0 12px'}}
        >
            {lines.map((line) => (
                <p
                    key={line}
                    style={{margin: 0}}
                >{line}</p>
            ))}
        </div>
    );
}
