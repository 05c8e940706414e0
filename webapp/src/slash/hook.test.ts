import {RECEIVED_NEW_POST} from './ephemeral';
import {createSlashCommandHook, isOAuthCommand} from './hook';
import {verbHandlers} from './verbs';

import {verbNames} from '../grammar/grammar';
import {help} from '../grammar/usage';
import type {HostStore} from '../types/host';

function fakeStore(state: ReturnType<HostStore['getState']> = {entities: {users: {currentUserId: 'me'}}}) {
    const dispatched: unknown[] = [];
    const store: HostStore = {
        getState: () => state,
        dispatch: ((action: unknown) => {
            dispatched.push(action);
            return action;
        }) as HostStore['dispatch'],
    };
    return {store, dispatched};
}

const args = {channel_id: 'chan', team_id: 'team', root_id: 'root'};

test('every grammar verb has a webapp handler and no handler lacks a verb (drift)', () => {
    expect(Object.keys(verbHandlers).sort()).toEqual(verbNames().sort());
});

test('recognizes only /oauth', () => {
    expect(isOAuthCommand('/oauth list')).toBe(true);
    expect(isOAuthCommand('  /OAuth')).toBe(true);
    expect(isOAuthCommand('/oauthx')).toBe(false);
    expect(isOAuthCommand('/away')).toBe(false);
});

test('passes other commands through untouched', async () => {
    const {store, dispatched} = fakeStore();
    const hook = createSlashCommandHook(store);
    await expect(hook('/away now', args)).resolves.toEqual({message: '/away now', args});
    expect(dispatched).toHaveLength(0);
});

test('/oauth help is answered in the browser with an ephemeral post in the same thread', async () => {
    const {store, dispatched} = fakeStore();
    const hook = createSlashCommandHook(store);
    await expect(hook('/oauth help list', args)).resolves.toEqual({});
    expect(dispatched).toHaveLength(1);
    expect(dispatched[0]).toMatchObject({
        type: RECEIVED_NEW_POST,
        channelId: 'chan',
        data: {channel_id: 'chan', root_id: 'root', user_id: 'me', type: 'system_ephemeral', message: help('list')},
    });
});

test.each([
    ['disabled', undefined, false],
    ['default_off', undefined, false],
    ['default_off', 'on', true],
    ['default_on', undefined, true],
    ['default_on', 'off', false],
    ['always_on', 'off', true],
])('with collapsed reply threads %s and the user preference %s, a reply says crtEnabled=%s (kept out of the center channel)', async (setting, preference, crt) => {
    const myPreferences: Record<string, {value?: string}> = preference ? {'display_settings--collapsed_reply_threads': {value: preference}} : {};
    const {store, dispatched} = fakeStore({entities: {users: {currentUserId: 'me'}, general: {config: {CollapsedThreads: setting}}, preferences: {myPreferences}}});
    await createSlashCommandHook(store)('/oauth help', args);
    expect(dispatched[0]).toMatchObject({features: {crtEnabled: crt}, data: {root_id: 'root'}});
});

test('bare /oauth shows the overview', async () => {
    const {store, dispatched} = fakeStore();
    await createSlashCommandHook(store)('/oauth', args);
    expect(dispatched[0]).toMatchObject({data: {message: help()}});
});

test('input errors stay under the text box and nothing is sent', async () => {
    const {store, dispatched} = fakeStore();
    const result = await createSlashCommandHook(store)('/oauth list --bogus', args);
    expect(result).toEqual({error: {message: expect.stringContaining('/oauth list has no option "--bogus".')}});
    expect(dispatched).toHaveLength(0);
});
