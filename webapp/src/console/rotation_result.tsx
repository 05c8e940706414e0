// After "Rotate secret" (POST /api/v1/rotate): the new secret, shown this once
// and masked until revealed, with a checklist of where the integration must
// be given it and whether anything used the previous one. The secret lives in
// this view's state only; "Done" forgets it.
import React, {useState} from 'react';
import {defineMessages, useIntl} from 'react-intl';

import CopyButton from './copy_button';
import {nowrap, wrap} from './styles';
import {useDates} from './use_dates';

import type {Rotation} from '../client/governance_types';
import {MASK} from '../store/labels';
import {SECRET_SHOWN_ONCE} from '../store/messages';

const messages = defineMessages({
    region: {id: 'oauth-manager.console.rotate.region', defaultMessage: 'Rotated client secret'},
    title: {id: 'oauth-manager.console.rotate.title', defaultMessage: 'Secret rotated for {name}. The previous secret no longer works.'},
    secret: {id: 'oauth-manager.console.rotate.secret', defaultMessage: 'New client secret:'},
    secretOf: {id: 'oauth-manager.console.rotate.secret_of', defaultMessage: 'New client secret of {name}'},
    show: {id: 'oauth-manager.console.rotate.show', defaultMessage: 'Show'},
    hide: {id: 'oauth-manager.console.rotate.hide', defaultMessage: 'Hide'},
    showLabel: {id: 'oauth-manager.console.rotate.show_label', defaultMessage: 'Show the new secret of {name}'},
    hideLabel: {id: 'oauth-manager.console.rotate.hide_label', defaultMessage: 'Hide the new secret of {name}'},
    copy: {id: 'oauth-manager.console.rotate.copy', defaultMessage: 'Copy the new secret of {name}'},
    checklist: {id: 'oauth-manager.console.rotate.checklist', defaultMessage: 'Checklist'},
    update: {id: 'oauth-manager.console.rotate.update', defaultMessage: 'Give the new secret to the integration behind this app. Its homepage:'},
    callbacks: {id: 'oauth-manager.console.rotate.callbacks', defaultMessage: 'It signs users in through these callback URLs:'},
    none: {id: 'oauth-manager.console.rotate.none', defaultMessage: 'none'},
    usedSince: {id: 'oauth-manager.console.rotate.used_since', defaultMessage: 'The app was used with the previous secret (last {date}): its integration fails until it has the new one.'},
    notUsedSince: {id: 'oauth-manager.console.rotate.not_used_since', defaultMessage: 'The app was last used {date}, before the previous secret was issued: no integration has used that secret.'},
    lastUsed: {id: 'oauth-manager.console.rotate.last_used', defaultMessage: 'The app was last used {date}.'},
    neverUsed: {id: 'oauth-manager.console.rotate.never_used', defaultMessage: 'The app was never used: no integration should break.'},
    usageUnknown: {id: 'oauth-manager.console.rotate.usage_unknown', defaultMessage: 'Whether the app was in use is not known: the usage figures are off.'},
    previous: {id: 'oauth-manager.console.rotate.previous', defaultMessage: 'The previous secret was issued {date}.'},
    previousAtLeast: {id: 'oauth-manager.console.rotate.previous_at_least', defaultMessage: 'The previous secret was issued {date} or before.'},
    previousUnknown: {id: 'oauth-manager.console.rotate.previous_unknown', defaultMessage: 'When the previous secret was issued is not known.'},
    done: {id: 'oauth-manager.console.rotate.done', defaultMessage: 'I have stored it'},
});

// As the chat answer says it (server/command/governance.go checklistLines).
function usageLine(rotation: Rotation): keyof typeof messages {
    const {used_since_previous_secret: usedSince, last_used: lastUsed} = rotation.checklist;
    if (lastUsed === null) {
        return 'usageUnknown';
    }
    if (lastUsed === 0) {
        return 'neverUsed';
    }
    if (usedSince === null) {
        return 'lastUsed';
    }
    return usedSince ? 'usedSince' : 'notUsedSince';
}

// A new secret, masked until shown, with Show/Hide and Copy (also release_result.tsx).
export function MaskedSecret({name: appName, secret}: {name: string; secret: string}) {
    const intl = useIntl();
    const [shown, setShown] = useState(false);
    const t = (key: keyof typeof messages, values?: Record<string, string>) => intl.formatMessage(messages[key], values);
    const name = {name: appName};
    return (
        <div style={{display: 'flex', gap: 4, alignItems: 'center', flexWrap: 'wrap'}}>
            {t('secret')}{' '}
            <code
                aria-label={t('secretOf', name)}
                style={{overflowWrap: 'anywhere'}}
            >{shown ? secret : MASK}</code>
            <button
                type='button'
                className='btn btn-sm btn-tertiary'
                style={nowrap}
                aria-label={t(shown ? 'hideLabel' : 'showLabel', name)}
                onClick={() => setShown(!shown)}
            >
                <i
                    className={`icon icon-${shown ? 'eye-off-outline' : 'eye-outline'}`}
                    aria-hidden='true'
                />
                {t(shown ? 'hide' : 'show')}
            </button>
            <CopyButton
                label={t('copy', name)}
                text={secret}
            />
        </div>
    );
}

export default function RotationResult({rotation, onDone}: {rotation: Rotation; onDone: () => void}) {
    const intl = useIntl();
    const dates = useDates();
    const {app, checklist} = rotation;
    const t = (key: keyof typeof messages, values?: Record<string, string>) => intl.formatMessage(messages[key], values);
    const name = {name: app.name};
    let previous = t('previousUnknown');
    if (checklist.previous_secret_since) {
        previous = t(checklist.previous_secret_exact ? 'previous' : 'previousAtLeast', {date: dates.time(checklist.previous_secret_since)});
    }
    return (
        <section
            role='status'
            aria-label={t('region')}
            className='alert alert-success'
            style={wrap}
        >
            <p><strong>{t('title', name)}</strong></p>
            <MaskedSecret
                name={app.name}
                secret={app.client_secret}
            />
            <p>{intl.formatMessage(SECRET_SHOWN_ONCE)}</p>
            <p style={{fontWeight: 600, margin: '8px 0 4px'}}>{t('checklist')}</p>
            <ul style={{paddingLeft: 20}}>
                <li>
                    {t('update')}{' '}{checklist.homepage || t('none')}
                    <div>
                        {t('callbacks')}
                        {checklist.callback_urls.length ? (
                            <ul style={{paddingLeft: 20}}>
                                {checklist.callback_urls.map((u) => <li key={u}>{u}</li>)}
                            </ul>
                        ) : <>{' '}{t('none')}</>}
                    </div>
                </li>
                <li>{t(usageLine(rotation), {date: checklist.last_used ? dates.time(checklist.last_used) : ''})}</li>
                <li>{previous}</li>
            </ul>
            <button
                type='button'
                className='btn btn-sm btn-tertiary'
                onClick={onDone}
            >{t('done')}</button>
        </section>
    );
}
