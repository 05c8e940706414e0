import React, {useState} from 'react';
import {defineMessages, useIntl} from 'react-intl';
import {useDispatch, useSelector} from 'react-redux';

import {cell} from './styles';

import {getClient} from '../client/oauth_client';
import {toApiError} from '../store/errors';
import {ACTIONS, describeError} from '../store/messages';
import {selectPluginState} from '../store/selectors';
import type {GlobalStateWithPlugin} from '../store/selectors';
import {deauthorizeApp, fetchAuthorizedApps} from '../store/slice';
import type {HostDispatch} from '../types/host';

const messages = defineMessages({
    user: {id: 'oauth-manager.console.authorized.user', defaultMessage: 'User (empty for yourself):'},
    placeholder: {id: 'oauth-manager.console.authorized.placeholder', defaultMessage: '@username'},
    show: {id: 'oauth-manager.console.authorized.show', defaultMessage: 'Show authorized apps'},
    noUser: {id: 'oauth-manager.console.authorized.no_user', defaultMessage: 'There is no user @{name}.'},
    revoked: {id: 'oauth-manager.console.authorized.revoked', defaultMessage: 'Authorization revoked.'},
    none: {id: 'oauth-manager.console.authorized.none', defaultMessage: 'No authorized apps.'},
    table: {id: 'oauth-manager.console.authorized.table', defaultMessage: 'Authorized apps list'},
    deauthorize: {id: 'oauth-manager.console.authorized.deauthorize', defaultMessage: 'Deauthorize'},
    deauthorizeLabel: {id: 'oauth-manager.console.authorized.deauthorize_label', defaultMessage: 'Deauthorize {name}'},
});

type Props = {currentUserId: string};

// The apps a user authorized; yourself by default. Only your own can be revoked:
// the server offers no way to revoke another user's authorization.
export default function AuthorizedApps({currentUserId}: Props) {
    const intl = useIntl();
    const dispatch = useDispatch<HostDispatch>();
    const [username, setUsername] = useState('');
    const [userId, setUserId] = useState(currentUserId);
    const [message, setMessage] = useState('');
    const state = useSelector((s: GlobalStateWithPlugin) => selectPluginState(s));
    const ids = state.authorizedByUser[userId];
    const apps = (ids ?? []).map((id) => state.apps.byId[id]).filter(Boolean);

    const load = async () => {
        setMessage('');
        let id = currentUserId;
        const name = username.trim().replace(/^@/, '');
        try {
            if (name) {
                id = (await getClient().getUserByUsername(name)).id;
            }
            setUserId(id);
            await dispatch(fetchAuthorizedApps(id)).unwrap();
        } catch (err) {
            const apiError = toApiError(err);
            setMessage(apiError.status_code === 404 ? intl.formatMessage(messages.noUser, {name}) : describeError(intl, apiError, intl.formatMessage(ACTIONS.listAuthorized)));
        }
    };

    const revoke = async (clientId: string) => {
        try {
            await dispatch(deauthorizeApp({clientId, userId: currentUserId})).unwrap();
            setMessage(intl.formatMessage(messages.revoked));
        } catch (err) {
            setMessage(describeError(intl, toApiError(err), intl.formatMessage(ACTIONS.revoke)));
        }
    };

    return (
        <div>
            <div style={{display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap'}}>
                <label htmlFor='oauth-authorized-user'>{intl.formatMessage(messages.user)}</label>
                <input
                    id='oauth-authorized-user'
                    className='form-control'
                    style={{width: 220}}
                    value={username}
                    placeholder={intl.formatMessage(messages.placeholder)}
                    onChange={(e) => setUsername(e.target.value)}
                    onKeyDown={(e) => {
                        // Enter shows the list, and never reaches the console's settings form.
                        if (e.key === 'Enter') {
                            e.preventDefault();
                            load();
                        }
                    }}
                />
                <button
                    type='button'
                    className='btn btn-tertiary'
                    onClick={load}
                >{intl.formatMessage(messages.show)}</button>
            </div>
            <p
                role='status'
                aria-live='polite'
            >{message}</p>
            {ids && apps.length === 0 && <p>{intl.formatMessage(messages.none)}</p>}
            {apps.length > 0 && (
                <table aria-label={intl.formatMessage(messages.table)}>
                    <tbody>
                        {apps.map((a) => (
                            <tr key={a.id}>
                                <td style={cell}>{a.name}</td>
                                <td style={cell}><code>{a.id}</code></td>
                                <td style={cell}>
                                    {userId === currentUserId && (
                                        <button
                                            type='button'
                                            className='btn btn-sm btn-tertiary'
                                            aria-label={intl.formatMessage(messages.deauthorizeLabel, {name: a.name})}
                                            onClick={() => revoke(a.id)}
                                        >{intl.formatMessage(messages.deauthorize)}</button>
                                    )}
                                </td>
                            </tr>
                        ))}
                    </tbody>
                </table>
            )}
        </div>
    );
}
