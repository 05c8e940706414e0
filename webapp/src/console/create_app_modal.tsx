// The create/edit form as a modal over the channel, opened by `/oauth create`
// or `/oauth edit APP` without options in the web and desktop apps. Registered with registerRootComponent.
import React, {useState} from 'react';
import {useDispatch, useSelector} from 'react-redux';

import ConnectedAppForm from './connected_app_form';
import CopyButton from './copy_button';
import {primaryButton, section} from './styles';
import type {SavedMode} from './use_app_form';

import {SECRET_SHOWN_ONCE} from '../store/messages';
import {selectPluginState} from '../store/selectors';
import type {GlobalStateWithPlugin} from '../store/selectors';
import {formClosed} from '../store/slice';
import type {HostDispatch} from '../types/host';

type Created = {name: string; id: string; secret: string; mode: SavedMode};

const backdrop: React.CSSProperties = {position: 'fixed', inset: 0, background: 'rgba(0, 0, 0, 0.5)', display: 'flex', alignItems: 'flex-start', justifyContent: 'center', overflow: 'auto', zIndex: 1000};
const panel: React.CSSProperties = {...section, width: 640, maxWidth: '95vw', marginTop: 48};

export default function CreateAppModal() {
    const dispatch = useDispatch<HostDispatch>();
    const [created, setCreated] = useState<Created | null>(null);
    const form = useSelector((s: GlobalStateWithPlugin) => selectPluginState(s).ui.form);

    if (created) {
        return (
            <div style={backdrop}>
                <div
                    role='dialog'
                    aria-modal='true'
                    aria-label={`${created.mode === 'create' ? 'Created' : 'Saved'} ${created.name}`}
                    style={panel}
                >
                    <h4>{created.mode === 'create' ? `Created ${created.name}` : `Saved ${created.name}`}</h4>
                    <p>
                        {'Client ID: '}<code>{created.id}</code>{' '}
                        <CopyButton
                            label='Copy the client id'
                            text={created.id}
                        />
                    </p>
                    {created.mode === 'create' && created.secret && (
                        <>
                            <p>
                                {'Client secret: '}<code>{created.secret}</code>{' '}
                                <CopyButton
                                    label='Copy the new secret'
                                    text={created.secret}
                                />
                            </p>
                            <p>{SECRET_SHOWN_ONCE}</p>
                        </>
                    )}
                    {created.mode === 'create' && !created.secret && <p>{'A public client has no secret: it must use PKCE (S256).'}</p>}
                    {created.mode === 'unchanged' && <p>{'Nothing changed: the app already had these values.'}</p>}
                    <button
                        type='button'
                        style={primaryButton}
                        onClick={() => setCreated(null)}
                    >{'Done'}</button>
                </div>
            </div>
        );
    }
    if (form?.surface !== 'modal') {
        return null;
    }
    return (
        <div
            style={backdrop}
            onKeyDown={(e) => {
                if (e.key === 'Escape') {
                    dispatch(formClosed());
                }
            }}
        >
            <div
                role='dialog'
                aria-modal='true'
                aria-label={form.mode === 'create' ? 'Create an OAuth app' : 'Edit an OAuth app'}
                style={{width: 640, maxWidth: '95vw', marginTop: 48}}
            >
                <ConnectedAppForm onSaved={(saved, mode) => setCreated({name: saved.name, id: saved.id, secret: mode === 'create' ? saved.client_secret : '', mode})}/>
            </div>
        </div>
    );
}
