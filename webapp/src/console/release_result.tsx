// After "Release" (POST /api/v1/release): the app's callbacks and trust are
// back, and its secret is a new one, shown this once and masked until
// revealed. The plugin keeps no secret, so the one issued at quarantine was
// never seen: release issues another. The secret lives in this view's state only.
import React from 'react';
import {defineMessages, useIntl} from 'react-intl';

import {MaskedSecret} from './rotation_result';
import {wrap} from './styles';

import type {Released} from '../client/governance_types';
import {SECRET_SHOWN_ONCE} from '../store/messages';

const messages = defineMessages({
    region: {id: 'oauth-manager.console.release.region', defaultMessage: 'Released from quarantine'},
    title: {id: 'oauth-manager.console.release.title', defaultMessage: '{name} is released from quarantine: its callback URLs and trusted flag are back.'},
    why: {id: 'oauth-manager.console.release.why', defaultMessage: 'Its secret is a new one: the plugin keeps no secret, so release issues a fresh one. Give it to the integration.'},
    recordLeft: {id: 'oauth-manager.console.release.record_left', defaultMessage: 'The quarantine record could not be removed ({reason}); it is replaced at the next quarantine.'},
    done: {id: 'oauth-manager.console.release.done', defaultMessage: 'I have stored it'},
});

export default function ReleaseResult({released, onDone}: {released: Released; onDone: () => void}) {
    const intl = useIntl();
    const {app} = released;
    return (
        <section
            role='status'
            aria-label={intl.formatMessage(messages.region)}
            className='alert alert-success'
            style={wrap}
        >
            <p><strong>{intl.formatMessage(messages.title, {name: app.name})}</strong></p>
            <p>{intl.formatMessage(messages.why)}</p>
            <MaskedSecret
                name={app.name}
                secret={app.client_secret}
            />
            <p>{intl.formatMessage(SECRET_SHOWN_ONCE)}</p>
            {released.record_left && <p>{intl.formatMessage(messages.recordLeft, {reason: released.record_left})}</p>}
            <button
                type='button'
                className='btn btn-sm btn-tertiary'
                onClick={onDone}
            >{intl.formatMessage(messages.done)}</button>
        </section>
    );
}
