import {defaultQuery, filterApps} from './query';

import {toSummary} from '../store/slice';

const app = toSummary({
    id: 'a'.repeat(26),
    creator_id: 'u1',
    create_at: 1,
    update_at: 1,
    client_secret: 's',
    name: 'Bot',
    description: '',
    icon_url: '',
    callback_urls: ['https://e.co/cb'],
    homepage: 'https://e.co',
    is_trusted: false,
});

test('a creator\'s username is searchable once it arrives, even after an earlier search', () => {
    const query = {...defaultQuery, search: 'alice'};
    expect(filterApps([app], query, {})).toEqual([]);
    expect(filterApps([app], query, {u1: 'alice'})).toEqual([app]);
});
