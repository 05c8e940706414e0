import {intlFor} from './i18n/intl';
import {callbacksLength, LIMITS, validateApp as validate} from './validation';

const intl = intlFor('en');
const validateApp = (...args: Parameters<typeof validate> extends [unknown, ...infer R] ? R : never) => validate(intl, ...args);

const ok = {name: 'Bot', description: '', homepage: 'https://example.com', icon_url: '', callback_urls: ['https://example.com/cb']};

test('a valid app has no errors', () => {
    expect(validateApp(ok)).toEqual({});
});

test.each([
    ['name', {name: ''}, 'Give the app a name.'],
    ['name', {name: 'x'.repeat(65)}, 'The name is 65 bytes long; the limit is 64.'],
    ['description', {description: 'é'.repeat(513)}, 'The description is 513 characters long; the limit is 512.'],
    ['homepage', {homepage: ''}, 'Give a homepage URL (http:// or https://).'],
    ['homepage', {homepage: 'ftp://x.example'}, 'The homepage must be an http:// or https:// URL, not "ftp://x.example".'],
    ['homepage', {homepage: 'https://example.com/' + 'a'.repeat(240)}, 'The homepage URL is 260 bytes long; the limit is 256.'],
    ['icon_url', {icon_url: 'nope'}, 'The icon URL must be an http:// or https:// URL, not "nope".'],
    ['callback_urls', {callback_urls: []}, 'Give at least one callback URL.'],
    ['callback_urls', {callback_urls: ['mailto:a@e.co']}, 'Callback URLs must be http:// or https:// URLs, not "mailto:a@e.co".'],
])('%s: %j', (field, patch, message) => {
    expect(validateApp({...ok, ...patch})).toEqual({[field]: message});
});

test('limits hold at the boundary and fail one past it', () => {
    expect(validateApp({...ok, name: 'x'.repeat(LIMITS.name)})).toEqual({});
    expect(validateApp({...ok, description: 'x'.repeat(LIMITS.description)})).toEqual({});
    const icon = 'https://e.co/' + 'i'.repeat(LIMITS.iconURL - 13);
    expect(icon).toHaveLength(LIMITS.iconURL);
    expect(validateApp({...ok, icon_url: icon})).toEqual({});
    expect(validateApp({...ok, icon_url: icon + 'i'}).icon_url).toContain('the limit is 512');
});

test('callback length is measured as the server prints the list', () => {
    expect(callbacksLength(['a', 'bc'])).toBe('[a bc]'.length);
    const url = 'https://e.co/' + 'c'.repeat(87); // 100 characters
    const tenFit = Array.from({length: 10}, () => url); // 10*100 + 9 spaces + 2 brackets = 1011
    expect(validateApp({...ok, callback_urls: tenFit})).toEqual({});
    expect(validateApp({...ok, callback_urls: [...tenFit, 'https://e.co/x']}).callback_urls).toContain('the limit is 1024');
});

test('DCR apps need no homepage', () => {
    expect(validateApp({...ok, homepage: ''}, {dynamicallyRegistered: true})).toEqual({});
});
