import type {OAuthApp} from '@mattermost/types/integrations';

import {mergeEdit} from './edit_merge';

const app: OAuthApp = {
    id: 'abcdefghijklmnopqrstuvwxyz',
    creator_id: 'u1',
    create_at: 1,
    update_at: 1,
    client_secret: 'keep',
    name: 'Bot',
    description: 'old',
    icon_url: 'https://e.co/i.png',
    callback_urls: ['https://e.co/a', 'https://e.co/b'],
    homepage: 'https://e.co',
    is_trusted: true,
};

test('only the named fields change; the rest, secret and trust included, are sent back as they were', () => {
    const merged = mergeEdit(app, {name: 'Bot 2'});
    expect(merged).toEqual({app: {...app, name: 'Bot 2'}, changes: [{field: 'name', from: 'Bot', to: 'Bot 2'}]});
});

test('empty values clear optional fields', () => {
    const merged = mergeEdit(app, {description: '', 'icon-url': ''});
    expect('app' in merged && merged.app).toMatchObject({description: '', icon_url: ''});
});

test('--callback replaces the list, de-duplicated', () => {
    const merged = mergeEdit(app, {callback: ['https://e.co/c', 'https://e.co/c']});
    expect('app' in merged && merged.app.callback_urls).toEqual(['https://e.co/c']);
});

test('--add-callback and --remove-callback edit the list in place', () => {
    const merged = mergeEdit(app, {'add-callback': ['https://e.co/c', 'https://e.co/a'], 'remove-callback': ['https://e.co/b']});
    expect('app' in merged && merged.app.callback_urls).toEqual(['https://e.co/a', 'https://e.co/c']);
});

test('removing a callback the app lacks names it, and nothing is changed', () => {
    expect(mergeEdit(app, {'remove-callback': ['https://e.co/z']})).toEqual({missingCallback: 'https://e.co/z'});
});

test('--trusted false untrusts; same values make no change', () => {
    const untrust = mergeEdit(app, {trusted: 'false'});
    expect('app' in untrust && untrust.app.is_trusted).toBe(false);
    const same = mergeEdit(app, {name: 'Bot', trusted: 'true'});
    expect('changes' in same && same.changes).toEqual([]);
});
