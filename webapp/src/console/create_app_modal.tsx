// The create/edit form over the channel, opened by `/oauth create` or
// `/oauth edit APP` without options in the web and desktop apps, then what
// was saved. Registered with registerRootComponent.
import React, {useState} from 'react';
import {defineMessages, useIntl} from 'react-intl';
import {useSelector} from 'react-redux';

import ConnectedAppForm from './connected_app_form';
import CopyButton from './copy_button';
import Dialog from './dialog';
import type {SavedMode} from './use_app_form';

import {SECRET_SHOWN_ONCE} from '../store/messages';
import {selectPluginState} from '../store/selectors';
import type {GlobalStateWithPlugin} from '../store/selectors';

const messages = defineMessages({
    created: {id: 'oauth-manager.console.modal.created', defaultMessage: 'Created {name}'},
    saved: {id: 'oauth-manager.console.modal.saved', defaultMessage: 'Saved {name}'},
    clientId: {id: 'oauth-manager.console.modal.client_id', defaultMessage: 'Client ID:'},
    copyId: {id: 'oauth-manager.console.modal.copy_id', defaultMessage: 'Copy the client id'},
    clientSecret: {id: 'oauth-manager.console.modal.client_secret', defaultMessage: 'Client secret:'},
    copySecret: {id: 'oauth-manager.console.modal.copy_secret', defaultMessage: 'Copy the new secret'},
    publicClient: {id: 'oauth-manager.console.modal.public', defaultMessage: 'A public client has no secret: it must use PKCE (S256).'},
    unchanged: {id: 'oauth-manager.console.modal.unchanged', defaultMessage: 'Nothing changed: the app already had these values.'},
    done: {id: 'oauth-manager.console.modal.done', defaultMessage: 'Done'},
});

type Saved = {name: string; id: string; secret: string; mode: SavedMode};

export default function CreateAppModal() {
    const intl = useIntl();
    const [saved, setSaved] = useState<Saved | null>(null);
    const form = useSelector((s: GlobalStateWithPlugin) => selectPluginState(s).ui.form);

    if (saved) {
        const close = () => setSaved(null);
        return (
            <Dialog
                id='oauth-saved'
                title={intl.formatMessage(saved.mode === 'create' ? messages.created : messages.saved, {name: saved.name})}
                onHide={close}
                footer={(
                    <button
                        type='button'
                        className='btn btn-primary'
                        onClick={close}
                    >{intl.formatMessage(messages.done)}</button>
                )}
            >
                <p>
                    {intl.formatMessage(messages.clientId)}{' '}<code>{saved.id}</code>{' '}
                    <CopyButton
                        label={intl.formatMessage(messages.copyId)}
                        text={saved.id}
                    />
                </p>
                {saved.mode === 'create' && saved.secret && (
                    <>
                        <p>
                            {intl.formatMessage(messages.clientSecret)}{' '}<code>{saved.secret}</code>{' '}
                            <CopyButton
                                label={intl.formatMessage(messages.copySecret)}
                                text={saved.secret}
                            />
                        </p>
                        <p>{intl.formatMessage(SECRET_SHOWN_ONCE)}</p>
                    </>
                )}
                {saved.mode === 'create' && !saved.secret && <p>{intl.formatMessage(messages.publicClient)}</p>}
                {saved.mode === 'unchanged' && <p>{intl.formatMessage(messages.unchanged)}</p>}
            </Dialog>
        );
    }
    if (form?.surface !== 'modal') {
        return null;
    }
    return <ConnectedAppForm onSaved={(app, mode) => setSaved({name: app.name, id: app.id, secret: mode === 'create' ? app.client_secret : '', mode})}/>;
}
