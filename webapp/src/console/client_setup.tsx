// "Set up a client" in an app's details (issue 15): the values a client needs
// to sign users in with the app (endpoints from the server's metadata, client
// id, PKCE for public clients, the user-info fields) and one client's recipe,
// each with a copy button. The data is the server's (GET /api/v1/setup, read
// as the signed-in user), the same as /oauth setup answers in chat; the client
// secret is never in it.
import React, {useEffect, useId, useState} from 'react';
import {defineMessages, useIntl} from 'react-intl';
import type {MessageDescriptor} from 'react-intl';

import CopyButton from './copy_button';

import {getClient} from '../client/oauth_client';
import {SECRET_PLACEHOLDER} from '../client/setup_types';
import type {SetupAnswer} from '../client/setup_types';
import {SETUP_NOTES, SETUP_STATUS} from '../i18n/server_setup';
import {toApiError} from '../store/errors';
import type {ApiError} from '../store/errors';
import {describeError} from '../store/messages';

const messages = defineMessages({
    open: {id: 'oauth-manager.console.setup.open', defaultMessage: 'Set up a client'},
    openLabel: {id: 'oauth-manager.console.setup.open_label', defaultMessage: 'Set up a client for {name}'},
    region: {id: 'oauth-manager.console.setup.region', defaultMessage: 'Client setup of {name}'},
    loading: {id: 'oauth-manager.console.setup.loading', defaultMessage: 'Reading…'},
    readAction: {id: 'oauth-manager.console.setup.read_action', defaultMessage: 'read the setup values'},
    issuer: {id: 'oauth-manager.console.setup.issuer', defaultMessage: 'Issuer'},
    authorization: {id: 'oauth-manager.console.setup.authorization', defaultMessage: 'Authorization endpoint'},
    token: {id: 'oauth-manager.console.setup.token', defaultMessage: 'Token endpoint'},
    userinfo: {id: 'oauth-manager.console.setup.userinfo', defaultMessage: 'User info endpoint'},
    clientId: {id: 'oauth-manager.console.setup.client_id', defaultMessage: 'Client ID'},
    secret: {id: 'oauth-manager.console.setup.secret', defaultMessage: 'Client secret'},
    secretConfidential: {id: 'oauth-manager.console.setup.secret_confidential', defaultMessage: 'Not shown here: use Show above, or /oauth show {id} --reveal in chat.'},
    secretPublic: {id: 'oauth-manager.console.setup.secret_public', defaultMessage: 'None: a public client, which must use PKCE (S256).'},
    authMethod: {id: 'oauth-manager.console.setup.auth_method', defaultMessage: 'Token endpoint authentication'},
    authMethodValue: {id: 'oauth-manager.console.setup.auth_method_value', defaultMessage: '{method}: the client id and secret in the form body, not in a Basic header'},
    scope: {id: 'oauth-manager.console.setup.scope', defaultMessage: 'Scope'},
    scopeValue: {id: 'oauth-manager.console.setup.scope_value', defaultMessage: 'Not checked: every token acts as the user.'},
    copyOf: {id: 'oauth-manager.console.setup.copy_of', defaultMessage: 'Copy the {what}'},
    fieldsCaption: {id: 'oauth-manager.console.setup.fields_caption', defaultMessage: 'User info fields (GET {endpoint}; not OpenID Connect: no id_token, no sub)'},
    colClaim: {id: 'oauth-manager.console.setup.col.claim', defaultMessage: 'Usual claim'},
    colField: {id: 'oauth-manager.console.setup.col.field', defaultMessage: 'Mattermost field'},
    colNote: {id: 'oauth-manager.console.setup.col.note', defaultMessage: 'Note'},
    picker: {id: 'oauth-manager.console.setup.picker', defaultMessage: 'Recipe for'},
    generic: {id: 'oauth-manager.console.setup.generic', defaultMessage: 'No client: the values above only'},
    option: {id: 'oauth-manager.console.setup.option', defaultMessage: '{client} ({status})'},
    callback: {id: 'oauth-manager.console.setup.callback', defaultMessage: 'Callback URL to add to the app (with your host)'},
    where: {id: 'oauth-manager.console.setup.where', defaultMessage: 'Settings for {file}'},
    block: {id: 'oauth-manager.console.setup.block', defaultMessage: 'settings'},
    secretNote: {id: 'oauth-manager.console.setup.secret_note', defaultMessage: 'Replace {placeholder} with the client secret (Show above).'},
    publicNote: {id: 'oauth-manager.console.setup.public_note', defaultMessage: 'A public client: no secret, and PKCE (S256) is required.'},
    sources: {id: 'oauth-manager.console.setup.sources', defaultMessage: 'Sources'},
});

const noteById: Record<string, MessageDescriptor> = Object.fromEntries(Object.values(SETUP_NOTES).map((d) => [d.id, d]));

type State = {status: 'loading'} | {status: 'done'; answer: SetupAnswer} | {status: 'failed'; error: ApiError};

const grid = {display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', columnGap: 16, rowGap: 6, margin: '8px 0'};
const breakAll = {overflowWrap: 'anywhere' as const};

function Panel({app}: {app: {id: string; name: string}}) {
    const intl = useIntl();
    const pickerId = useId();
    const [client, setClientName] = useState('');
    const [state, setState] = useState<State>({status: 'loading'});
    useEffect(() => {
        let live = true;
        setState({status: 'loading'});
        getClient().getSetup(app.id, client || undefined).then(
            (answer) => live && setState({status: 'done', answer}),
            (err) => live && setState({status: 'failed', error: toApiError(err)}),
        );
        return () => {
            live = false;
        };
    }, [app.id, client]);
    const t = (key: keyof typeof messages, values?: Record<string, string>) => intl.formatMessage(messages[key], values);
    if (state.status === 'loading') {
        return <p aria-busy='true'>{t('loading')}</p>;
    }
    if (state.status === 'failed') {
        return <p style={{color: 'var(--error-text)'}}>{describeError(intl, state.error, t('readAction'))}</p>;
    }
    const a = state.answer;
    const copyable = (label: keyof typeof messages, value: string) => (
        <React.Fragment key={label}>
            <dt style={{fontWeight: 600}}>{t(label)}</dt>
            <dd style={{margin: 0, ...breakAll}}>
                {value ? <code>{value}</code> : '—'}{' '}
                {value && (
                    <CopyButton
                        label={t('copyOf', {what: t(label)})}
                        text={value}
                    />
                )}
            </dd>
        </React.Fragment>
    );
    const plain = (label: keyof typeof messages, value: string) => (
        <React.Fragment key={label}>
            <dt style={{fontWeight: 600}}>{t(label)}</dt>
            <dd style={{margin: 0}}>{value}</dd>
        </React.Fragment>
    );
    const r = a.recipe;
    const statusLine = r && intl.formatMessage(SETUP_STATUS[`${r.status}Line`], {client: r.title});
    return (
        <>
            <dl style={grid}>
                {copyable('issuer', a.endpoints.issuer)}
                {copyable('authorization', a.endpoints.authorization_endpoint)}
                {copyable('token', a.endpoints.token_endpoint)}
                {copyable('userinfo', a.endpoints.userinfo_endpoint)}
                {copyable('clientId', a.app.id)}
                {plain('secret', a.app.public ? t('secretPublic') : t('secretConfidential', {id: a.app.id}))}
                {!a.app.public && plain('authMethod', t('authMethodValue', {method: a.token_endpoint_auth_method}))}
                {plain('scope', t('scopeValue'))}
            </dl>
            <table className='table'>
                <caption>{t('fieldsCaption', {endpoint: a.endpoints.userinfo_endpoint})}</caption>
                <thead>
                    <tr>
                        <th scope='col'>{t('colClaim')}</th>
                        <th scope='col'>{t('colField')}</th>
                        <th scope='col'>{t('colNote')}</th>
                    </tr>
                </thead>
                <tbody>
                    {a.fields.map((f) => (
                        <tr key={f.claim}>
                            <td><code>{f.claim}</code></td>
                            <td>{f.source ? <code>{f.source}</code> : '—'}</td>
                            <td>{f.note && noteById[f.note] ? intl.formatMessage(noteById[f.note]) : ''}</td>
                        </tr>
                    ))}
                </tbody>
            </table>
            <label
                htmlFor={pickerId}
                style={{marginRight: 8}}
            >{t('picker')}</label>
            <select
                id={pickerId}
                value={client}
                onChange={(e) => setClientName(e.target.value)}
            >
                <option value=''>{t('generic')}</option>
                {a.clients.map((c) => (
                    <option
                        key={c.name}
                        value={c.name}
                    >{t('option', {client: c.title, status: intl.formatMessage(SETUP_STATUS[c.status])})}</option>
                ))}
            </select>
            {r && (
                <div style={{marginTop: 8}}>
                    <p>{statusLine}</p>
                    {r.block && (
                        <>
                            <dl style={grid}>
                                {copyable('callback', r.callback)}
                            </dl>
                            <p style={{fontWeight: 600}}>{t('where', {file: r.where})}</p>
                            <pre
                                aria-label={t('where', {file: r.where})}
                                style={{whiteSpace: 'pre-wrap', ...breakAll}}
                            ><code>{r.block}</code></pre>
                            <CopyButton
                                label={t('copyOf', {what: t('where', {file: r.where})})}
                                text={r.block}
                            />
                            <p>{a.app.public ? t('publicNote') : t('secretNote', {placeholder: SECRET_PLACEHOLDER})}</p>
                        </>
                    )}
                    <ul>
                        {r.notes.map((n) => <li key={n}>{noteById[n] ? intl.formatMessage(noteById[n]) : n}</li>)}
                    </ul>
                    <p style={{fontWeight: 600, marginBottom: 4}}>{t('sources')}</p>
                    <ul>
                        {r.sources.map((s) => (
                            <li key={s}>
                                {/* eslint-disable-next-line @mattermost/use-external-link -- the web app's ExternalLink component is not exported to plugins */}
                                <a
                                    href={s}
                                    target='_blank'
                                    rel='noopener noreferrer'
                                >{s}</a>
                            </li>
                        ))}
                    </ul>
                </div>
            )}
        </>
    );
}

// Closed at first: the values are read when it is opened.
export default function ClientSetup({app}: {app: {id: string; name: string}}) {
    const intl = useIntl();
    const regionId = useId();
    const [open, setOpen] = useState(false);
    return (
        <div style={{marginBottom: 12}}>
            <button
                type='button'
                className='btn btn-sm btn-tertiary'
                aria-expanded={open}
                aria-controls={regionId}
                aria-label={intl.formatMessage(messages.openLabel, {name: app.name})}
                onClick={() => setOpen(!open)}
            >
                <i
                    className='icon icon-cog-outline'
                    aria-hidden='true'
                />
                {intl.formatMessage(messages.open)}
            </button>
            {open && (
                <div
                    id={regionId}
                    role='region'
                    aria-label={intl.formatMessage(messages.region, {name: app.name})}
                >
                    <Panel app={app}/>
                </div>
            )}
        </div>
    );
}
