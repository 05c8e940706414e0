import {appsTable, code, creatorName, md, table} from './format';

import {intlFor} from '../i18n/intl';
import {date} from '../store/labels';
import {toSummary} from '../store/slice';

const app = toSummary({
    id: 'abcdefghijklmnopqrstuvwxyz',
    creator_id: 'u1',
    create_at: Date.UTC(2026, 10, 23, 9, 5),
    update_at: 0,
    client_secret: 's3cr3t',
    name: 'Bot | *bold*',
    description: '',
    icon_url: '',
    callback_urls: ['https://a.example/cb', 'https://b.example/cb'],
    homepage: 'https://a.example',
    is_trusted: true,
});

test('md neutralises table pipes, markup and newlines', () => {
    expect(md('a|b *c* _d_ `e` [f](g) <h>\nnext')).toBe('a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\]\\(g\\) &#60;h\\> next');
});

test('code cannot be broken out of', () => {
    expect(code('a`b')).toBe('``a`b``');
    expect(code('a\nb')).toBe('`a b`');
});

test('dates are UTC to the minute, and missing ones a dash', () => {
    expect(date(Date.UTC(2026, 0, 2, 3, 4))).toBe('2026-01-02 03:04 UTC');
    expect(date(0)).toBe('—');
});

test('a table has a header, a rule and one row per item', () => {
    expect(table(['A', 'B'], [['1', '2']])).toBe('| A | B |\n|---|---|\n| 1 | 2 |');
});

test('the apps table shows escaped names, creators and no secret', () => {
    const text = appsTable(intlFor('en'), [app], {u1: 'alice'}, 'me');
    expect(text).toContain('| Bot \\| \\*bold\\* | `abcdefghijklmnopqrstuvwxyz` | Confidential | Yes | No | &#64;alice | https&#58;//a\\.example/cb, https&#58;//b\\.example/cb | 2026-11-23 |');
    expect(text).not.toContain('s3cr3t');
});

test('creators: a username when known, else the id; DCR apps have none', () => {
    expect(creatorName(intlFor('en'), app, {}, 'me')).toBe('`u1`');
    expect(creatorName(intlFor('en'), {...app, creator_id: '', is_dynamically_registered: true}, {}, 'me')).toBe('dynamic registration');
    expect(creatorName(intlFor('en'), app, {u1: 'alice'}, 'u1')).toBe('you');
});
