import React, {useState} from 'react';
import {useDispatch, useSelector} from 'react-redux';

import {button, cell, input} from './styles';

import {getClient} from '../client/oauth_client';
import {toApiError} from '../store/errors';
import {describeError} from '../store/messages';
import {selectPluginState} from '../store/selectors';
import type {GlobalStateWithPlugin} from '../store/selectors';
import {deauthorizeApp, fetchAuthorizedApps} from '../store/slice';
import type {HostDispatch} from '../types/host';

type Props = {currentUserId: string};

// The apps a user authorized; yourself by default. Only your own can be revoked:
// the server offers no way to revoke another user's authorization.
export default function AuthorizedApps({currentUserId}: Props) {
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
            setMessage(apiError.status_code === 404 ? `There is no user @${name}.` : describeError(apiError, 'list the authorized apps'));
        }
    };

    const revoke = async (clientId: string) => {
        try {
            await dispatch(deauthorizeApp({clientId, userId: currentUserId})).unwrap();
            setMessage('Authorization revoked.');
        } catch (err) {
            setMessage(describeError(toApiError(err), 'revoke the authorization'));
        }
    };

    return (
        <div>
            <label htmlFor='oauth-authorized-user'>{'User (empty for yourself): '}</label>
            <input
                id='oauth-authorized-user'
                style={input}
                value={username}
                placeholder='@username'
                onChange={(e) => setUsername(e.target.value)}
                onKeyDown={(e) => {
                    // Enter shows the list, and never reaches the console's settings form.
                    if (e.key === 'Enter') {
                        e.preventDefault();
                        load();
                    }
                }}
            />{' '}
            <button
                type='button'
                style={button}
                onClick={load}
            >{'Show authorized apps'}</button>
            {message && <p role='status'>{message}</p>}
            {ids && apps.length === 0 && <p>{'No authorized apps.'}</p>}
            {apps.length > 0 && (
                <table aria-label='Authorized apps list'>
                    <tbody>
                        {apps.map((a) => (
                            <tr key={a.id}>
                                <td style={cell}>{a.name}</td>
                                <td style={cell}><code>{a.id}</code></td>
                                <td style={cell}>
                                    {userId === currentUserId && (
                                        <button
                                            type='button'
                                            style={button}
                                            onClick={() => revoke(a.id)}
                                        >{'Deauthorize'}</button>
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
