import {configureStore} from '@reduxjs/toolkit';
import {fireEvent, render, screen, waitFor, within} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';
import {Provider} from 'react-redux';

import AuditChannelSetting from './audit_channel_setting';
import {withIntl} from './test_intl';

import {setClient} from '../client/oauth_client';
import type {OAuthClient} from '../client/oauth_client';
import {stateKey} from '../store/selectors';
import {reducer} from '../store/slice';

const ID = 'PluginSettings.Plugins.oauth-manager.auditchannelid';
const HOSTILE = '<img src=x onerror=alert(1)> **bold** [link](https://evil.example)';

type Channel = {id: string; name: string; display_name: string; type: 'O' | 'P'; team_id: string; team_display_name: string; team_name: string};
const channel = (n: number, extra: Partial<Channel> = {}): Channel => ({
    id: `ch${n}`.padEnd(26, 'c'), name: `audit-${n}`, display_name: `Audit ${n}`, type: n % 2 ? 'O' : 'P', team_id: 'team1', team_display_name: 'Engineering', team_name: 'eng', ...extra,
});

function setup({value = '', disabled = false, client = {}, inForm = false}: {value?: string; disabled?: boolean; client?: Record<string, jest.Mock>; inForm?: boolean} = {}) {
    const channels = [channel(1), channel(2), channel(3, {display_name: HOSTILE, team_display_name: 'Ops <b>team</b>'})];
    const fake = {
        getChannel: jest.fn(async (id: string) => {
            const found = channels.find((c) => c.id === id);
            if (!found) {
                throw Object.assign(new Error('Unable to find the existing channel.'), {status_code: 404});
            }
            return found;
        }),
        getTeam: jest.fn(async () => ({id: 'team1', display_name: 'Engineering'})),
        searchAllChannels: jest.fn(async (term: string) => {
            const found = channels.filter((c) => c.name.includes(term) || c.display_name.toLowerCase().includes(term.toLowerCase()));
            return {channels: found, total_count: found.length};
        }),
        ...client,
    };
    setClient(fake as unknown as OAuthClient);
    const store = configureStore({reducer: {[stateKey]: reducer}, middleware: (gd) => gd({serializableCheck: false})});
    const onChange = jest.fn();
    const setSaveNeeded = jest.fn();
    const onSubmit = jest.fn((e: React.FormEvent) => e.preventDefault());
    const setting = (
        <AuditChannelSetting
            id={ID}
            value={value}
            disabled={disabled}
            setByEnv={false}
            onChange={onChange}
            setSaveNeeded={setSaveNeeded}
        />
    );
    // eslint-disable-next-line no-restricted-syntax -- the console's own settings form, which the setting sits in
    const page = <form onSubmit={onSubmit}>{setting}</form>;
    const {container} = render(withIntl(<Provider store={store}>{inForm ? page : setting}</Provider>));
    return {fake, onChange, setSaveNeeded, onSubmit, container, user: userEvent.setup()};
}

const current = () => screen.getAllByRole('status')[0];

test('Off when no channel is set: nothing is read', () => {
    const {fake} = setup();
    expect(current()).toHaveTextContent('Posting in: Off: the bot posts nothing.');
    expect(screen.queryByRole('button', {name: /Turn the audit channel off/})).not.toBeInTheDocument();
    expect(fake.getChannel).not.toHaveBeenCalled();
});

test('the chosen channel is shown by name, team and privacy on load', async () => {
    const {fake} = setup({value: channel(2).id});
    expect(current()).toHaveTextContent('Reading the chosen channel…');
    await waitFor(() => expect(current()).toHaveTextContent('Posting in: Audit 2 Engineering · ~audit-2 · Private'));
    expect(fake.getChannel).toHaveBeenCalledWith(channel(2).id);
});

test('a chosen channel that is gone says so, with its id', async () => {
    setup({value: 'gone'.padEnd(26, 'g')});
    await waitFor(() => expect(current()).toHaveTextContent(`Posting in: Channel ${'gone'.padEnd(26, 'g')}: it cannot be found: it was deleted, or its id is wrong. Choose another channel, or turn this off.`));
});

test('a chosen channel that cannot be read for another reason gives the server\'s words', async () => {
    setup({value: channel(1).id, client: {getChannel: jest.fn().mockRejectedValue(Object.assign(new Error('Database unavailable.'), {status_code: 500}))}});
    await waitFor(() => expect(current()).toHaveTextContent(`Channel ${channel(1).id}: Could not read the chosen channel: the server answered 500. The server said: "Database unavailable."`));
});

test('a channel whose team cannot be read still shows', async () => {
    setup({value: channel(1).id, client: {getTeam: jest.fn().mockRejectedValue(new Error('no'))}});
    await waitFor(() => expect(current()).toHaveTextContent('Posting in: Audit 1 no team · ~audit-1 · Public'));
});

test('searching every team\'s public and private channels, then choosing one stores it for Save', async () => {
    const {fake, onChange, setSaveNeeded, user} = setup({value: channel(1).id});
    await user.type(screen.getByRole('searchbox'), 'audit');
    const list = await screen.findByRole('list', {name: 'Channels matching “audit”'});
    expect(fake.searchAllChannels).toHaveBeenCalledTimes(1);
    expect(fake.searchAllChannels).toHaveBeenCalledWith('audit', {page: 0, per_page: 20, public: true, private: true, include_deleted: false});
    const options = within(list).getAllByRole('button');
    expect(options.map((o) => o.textContent)).toEqual([
        'Audit 1 Engineering · ~audit-1 · Public (chosen)',
        'Audit 2 Engineering · ~audit-2 · Private',
        `${HOSTILE} Ops <b>team</b> · ~audit-3 · Public`,
    ]);
    await user.click(within(list).getByRole('button', {name: 'Post in Audit 2 (Engineering)'}));
    expect(onChange).toHaveBeenCalledWith(ID, channel(2).id);
    expect(setSaveNeeded).toHaveBeenCalled();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
    expect(screen.getByText('Save to apply the change.')).toBeInTheDocument();
});

test('Off is a choice: it stores an empty value', async () => {
    const {onChange, setSaveNeeded, user} = setup({value: channel(1).id});
    await user.click(await screen.findByRole('button', {name: 'Turn the audit channel off: post nothing'}));
    expect(onChange).toHaveBeenCalledWith(ID, '');
    expect(setSaveNeeded).toHaveBeenCalled();
});

test('channel and team names are text, never markup', async () => {
    const {container, user} = setup();
    await user.type(screen.getByRole('searchbox'), 'audit-3');
    const list = await screen.findByRole('list');
    expect(within(list).getByRole('button').textContent).toBe(`${HOSTILE} Ops <b>team</b> · ~audit-3 · Public`);
    expect(container.querySelector('img, a, b')).toBeNull();
});

test('it is no form and sends no form: Enter in the search box does not submit the console\'s page', async () => {
    const {container, onSubmit, user} = setup({inForm: true});
    expect(container.querySelectorAll('form')).toHaveLength(1);
    await user.type(screen.getByRole('searchbox'), 'audit{Enter}');
    fireEvent.keyDown(screen.getByRole('searchbox'), {key: 'Enter'});
    await screen.findByRole('list');
    for (const button of screen.getAllByRole('button')) {
        expect(button).toHaveAttribute('type', 'button');
    }
    expect(onSubmit).not.toHaveBeenCalled();
});

test('a long result says how many matched and asks for more of the name', async () => {
    const many = Array.from({length: 20}, (_, i) => channel(i + 10));
    const {user} = setup({client: {searchAllChannels: jest.fn(async () => ({channels: many, total_count: 53}))}});
    await user.type(screen.getByRole('searchbox'), 'a');
    await screen.findByRole('list');
    expect(screen.getByText('The first 20 of 53 are shown: type more of the name to narrow them down.')).toBeInTheDocument();
});

test('nothing found, and a failed search, are said in plain words', async () => {
    const {user} = setup();
    await user.type(screen.getByRole('searchbox'), 'zzz');
    expect(await screen.findByText('No public or private channel matches “zzz”.')).toBeInTheDocument();
    setClient({searchAllChannels: jest.fn().mockRejectedValue(Object.assign(new Error('You do not have the appropriate permissions.'), {status_code: 403}))} as unknown as OAuthClient);
    await user.type(screen.getByRole('searchbox'), 'y');
    expect(await screen.findByRole('alert')).toHaveTextContent(/^Could not search the channels: you lack the permission for it\..*The server said: "You do not have the appropriate permissions\."$/);
});

test('only the newest search is shown when answers come out of order', async () => {
    let releaseSlow: () => void = () => undefined;
    const searchAllChannels = jest.fn((term: string) => {
        const answer = {channels: [channel(term === 'au' ? 1 : 2)], total_count: 1};
        return term === 'au' ? new Promise((resolve) => {
            releaseSlow = () => resolve(answer);
        }) : Promise.resolve(answer);
    });
    const {user} = setup({client: {searchAllChannels}});
    const box = screen.getByRole('searchbox');
    await user.type(box, 'au');
    await waitFor(() => expect(searchAllChannels).toHaveBeenCalledWith('au', expect.anything()));
    await user.type(box, 'd');
    await screen.findByRole('button', {name: 'Post in Audit 2 (Engineering)'});
    releaseSlow();
    await new Promise((r) => setTimeout(r, 10));
    expect(screen.queryByRole('button', {name: 'Post in Audit 1 (Engineering)'})).not.toBeInTheDocument();
});

test('disabled (plugin off or set by the environment): nothing can be changed', async () => {
    setup({value: channel(1).id, disabled: true});
    expect(screen.getByRole('searchbox')).toBeDisabled();
    expect(await screen.findByRole('button', {name: /Turn the audit channel off/})).toBeDisabled();
});
