// The AuditChannelID setting (type custom in plugin.json): a channel picker in
// the setting's value column. It searches every team's public and private
// channels (the reader is a system admin), shows the chosen channel by team and
// name, and offers Off. A choice is stored with onChange and saved by the
// page's Save, like any other setting. It sits inside the console's settings
// <form>: no form here, every button type="button", Enter in the search box
// does not submit the page.
import React, {useEffect, useRef, useState} from 'react';
import {defineMessages, useIntl} from 'react-intl';
import type {IntlShape} from 'react-intl';
import {useDispatch} from 'react-redux';

import {muted, wrap} from './styles';

import {CHANNEL_SEARCH_LIMIT, fetchChannelChoice, searchChannels} from '../store/channels';
import type {ChannelChoice} from '../store/channels';
import {toApiError} from '../store/errors';
import type {ApiError} from '../store/errors';
import {describeError} from '../store/messages';
import type {HostDispatch} from '../types/host';
import type {CustomSettingProps} from '../types/registry';

const messages = defineMessages({
    current: {id: 'oauth-manager.console.audit_channel.current', defaultMessage: 'Posting in:'},
    off: {id: 'oauth-manager.console.audit_channel.off', defaultMessage: 'Off: the bot posts nothing.'},
    loading: {id: 'oauth-manager.console.audit_channel.loading', defaultMessage: 'Reading the chosen channel…'},
    unreadable: {id: 'oauth-manager.console.audit_channel.unreadable', defaultMessage: 'Channel {id}: {why}'},
    notFound: {id: 'oauth-manager.console.audit_channel.not_found', defaultMessage: 'it cannot be found: it was deleted, or its id is wrong. Choose another channel, or turn this off.'},
    readAction: {id: 'oauth-manager.console.audit_channel.read_action', defaultMessage: 'read the chosen channel'},
    searchAction: {id: 'oauth-manager.console.audit_channel.search_action', defaultMessage: 'search the channels'},
    turnOff: {id: 'oauth-manager.console.audit_channel.turn_off', defaultMessage: 'Turn off'},
    turnOffLabel: {id: 'oauth-manager.console.audit_channel.turn_off_label', defaultMessage: 'Turn the audit channel off: post nothing'},
    find: {id: 'oauth-manager.console.audit_channel.find', defaultMessage: 'Find a channel'},
    placeholder: {id: 'oauth-manager.console.audit_channel.placeholder', defaultMessage: 'Type a channel name, in any team'},
    searching: {id: 'oauth-manager.console.audit_channel.searching', defaultMessage: 'Searching…'},
    none: {id: 'oauth-manager.console.audit_channel.none', defaultMessage: 'No public or private channel matches “{term}”.'},
    results: {id: 'oauth-manager.console.audit_channel.results', defaultMessage: 'Channels matching “{term}”'},
    more: {id: 'oauth-manager.console.audit_channel.more', defaultMessage: 'The first {shown, number} of {total, number} are shown: type more of the name to narrow them down.'},
    choose: {id: 'oauth-manager.console.audit_channel.choose', defaultMessage: 'Post in {channel} ({team})'},
    public: {id: 'oauth-manager.console.audit_channel.public', defaultMessage: 'Public'},
    private: {id: 'oauth-manager.console.audit_channel.private', defaultMessage: 'Private'},
    noTeam: {id: 'oauth-manager.console.audit_channel.no_team', defaultMessage: 'no team'},
    chosen: {id: 'oauth-manager.console.audit_channel.chosen', defaultMessage: 'chosen'},
    saveToApply: {id: 'oauth-manager.console.audit_channel.save_to_apply', defaultMessage: 'Save to apply the change.'},
});

// How long typing may pause before the search is sent.
export const SEARCH_DELAY_MS = 250;

type Results = {term: string; channels: ChannelChoice[]; total: number};

const teamOf = (intl: IntlShape, c: ChannelChoice) => c.team_display_name || intl.formatMessage(messages.noTeam);

// Team, handle and privacy, after the channel's display name.
function ChannelFacts({channel}: {channel: ChannelChoice}) {
    const intl = useIntl();
    const privacy = intl.formatMessage(channel.type === 'P' ? messages.private : messages.public);
    return (
        <span style={{color: muted, ...wrap}}>
            {`${teamOf(intl, channel)} · ~${channel.name} · ${privacy}`}
        </span>
    );
}

function ChannelName({channel}: {channel: ChannelChoice}) {
    return (
        <>
            <strong style={wrap}>{channel.display_name || channel.name}</strong>{' '}
            <ChannelFacts channel={channel}/>
        </>
    );
}

const listStyle: React.CSSProperties = {
    listStyle: 'none',
    margin: '8px 0 0',
    padding: 0,
    maxHeight: 264,
    overflowY: 'auto',
    border: '1px solid rgba(var(--center-channel-color-rgb), 0.16)',
    borderRadius: 4,
};
const optionStyle: React.CSSProperties = {display: 'block', width: '100%', textAlign: 'left', padding: '6px 10px', background: 'none', border: 0, borderBottom: '1px solid rgba(var(--center-channel-color-rgb), 0.08)', color: 'inherit'};

export default function AuditChannelSetting({id, value, disabled, setByEnv, onChange, setSaveNeeded}: CustomSettingProps) {
    const intl = useIntl();
    const t = (key: keyof typeof messages, values?: Record<string, string | number>) => intl.formatMessage(messages[key], values);
    const dispatch = useDispatch<HostDispatch>();
    const chosenId = typeof value === 'string' ? value : '';
    const locked = Boolean(disabled || setByEnv);

    // Channels whose names are known: read by id, or met in a search.
    const [known, setKnown] = useState<Record<string, ChannelChoice>>({});
    const [readError, setReadError] = useState<Record<string, ApiError>>({});
    const [term, setTerm] = useState('');
    const [results, setResults] = useState<Results | null>(null);
    const [searchError, setSearchError] = useState<ApiError | null>(null);
    const [changed, setChanged] = useState(false);
    const latest = useRef(0);

    useEffect(() => {
        if (!chosenId || known[chosenId] || readError[chosenId]) {
            return;
        }
        dispatch(fetchChannelChoice(chosenId)).unwrap().then(
            (channel) => setKnown((k) => ({...k, [chosenId]: channel})),
            (err) => setReadError((e) => ({...e, [chosenId]: toApiError(err)})),
        );
    }, [chosenId, known, readError, dispatch]);

    // Only the newest search's answer is shown.
    const wanted = term.trim();
    useEffect(() => {
        const serial = ++latest.current;
        if (!wanted) {
            return undefined;
        }
        const timer = setTimeout(() => {
            dispatch(searchChannels(wanted)).unwrap().then((found) => {
                if (serial === latest.current) {
                    setResults({term: wanted, ...found});
                    setSearchError(null);
                }
            }, (err) => {
                if (serial === latest.current) {
                    setSearchError(toApiError(err));
                }
            });
        }, SEARCH_DELAY_MS);
        return () => clearTimeout(timer);
    }, [wanted, dispatch]);

    const choose = (channelId: string, channel?: ChannelChoice) => {
        if (channel) {
            setKnown((k) => ({...k, [channel.id]: channel}));
        }
        onChange(id, channelId);
        setSaveNeeded();
        setChanged(true);
        setTerm('');
        setResults(null);
    };

    let current: React.ReactNode = t('off');
    if (chosenId && known[chosenId]) {
        current = <ChannelName channel={known[chosenId]}/>;
    } else if (chosenId && readError[chosenId]) {
        const err = readError[chosenId];
        const why = err.status_code === 404 ? t('notFound') : describeError(intl, err, t('readAction'));
        current = <span style={{color: 'var(--error-text)'}}>{t('unreadable', {id: chosenId, why})}</span>;
    } else if (chosenId) {
        current = <span aria-busy='true'>{t('loading')}</span>;
    }

    const shown = wanted && results?.term === wanted ? results : null;
    const statusId = `${id}-current`;
    return (
        <div>
            <div style={{display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap'}}>
                <span
                    id={statusId}
                    role='status'
                    aria-live='polite'
                    style={{flex: '1 1 auto', minWidth: 0}}
                >
                    {t('current')}{' '}{current}
                </span>
                {chosenId && (
                    <button
                        type='button'
                        className='btn btn-sm btn-tertiary'
                        disabled={locked}
                        aria-label={t('turnOffLabel')}
                        onClick={() => choose('')}
                    >{t('turnOff')}</button>
                )}
            </div>
            {changed && <div style={{color: muted, marginTop: 4}}>{t('saveToApply')}</div>}
            <label
                htmlFor={id}
                className='sr-only'
            >{t('find')}</label>
            <input
                id={id}
                type='search'
                className='form-control'
                style={{marginTop: 8}}
                placeholder={t('placeholder')}
                aria-describedby={statusId}
                value={term}
                disabled={locked}
                autoComplete='off'
                onChange={(e) => setTerm(e.target.value)}
                onKeyDown={(e) => {
                    // Enter must not submit the console's settings form.
                    if (e.key === 'Enter') {
                        e.preventDefault();
                    }
                }}
            />
            {wanted && !shown && !searchError && <div aria-busy='true'>{t('searching')}</div>}
            {wanted && searchError && (
                <div
                    role='alert'
                    style={{color: 'var(--error-text)', marginTop: 4}}
                >{describeError(intl, searchError, t('searchAction'))}</div>
            )}
            {shown && shown.channels.length === 0 && <div style={{marginTop: 4}}>{t('none', {term: shown.term})}</div>}
            {shown && shown.channels.length > 0 && (
                <ul
                    aria-label={t('results', {term: shown.term})}
                    style={listStyle}
                >
                    {shown.channels.map((c) => (
                        <li key={c.id}>
                            <button
                                type='button'
                                style={optionStyle}
                                disabled={locked}
                                aria-label={t('choose', {channel: c.display_name || c.name, team: teamOf(intl, c)})}
                                aria-current={c.id === chosenId ? 'true' : undefined}
                                onClick={() => choose(c.id, c)}
                            >
                                <ChannelName channel={c}/>
                                {c.id === chosenId && <span style={{color: muted}}>{` (${t('chosen')})`}</span>}
                            </button>
                        </li>
                    ))}
                </ul>
            )}
            {shown && shown.total > shown.channels.length && (
                <div style={{color: muted, marginTop: 4}}>{t('more', {shown: Math.min(shown.channels.length, CHANNEL_SEARCH_LIMIT), total: shown.total})}</div>
            )}
        </div>
    );
}
