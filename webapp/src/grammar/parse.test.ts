
import {grammar} from './grammar';
import {isValidHTTPURL} from './http_url';
import {formatParseError, parse} from './parse';
import {help as helpIn, usage} from './usage';

import golden from '../../../server/command/testdata/help.golden.json';
import vectors from '../../../server/command/testdata/vectors.json';
import {intlFor} from '../i18n/intl';

const help = (verb?: string) => helpIn(intlFor('en'), verb);

type Vector = {input: string; parsed?: unknown; error?: unknown};

describe('parser agrees with the Go parser on the shared vectors', () => {
    test.each((vectors as Vector[]).map((v) => [v.input, v] as const))('%j', (_, v) => {
        const result = parse(v.input);
        if (v.error) {
            expect(result.error).toEqual(v.error);
        } else {
            expect(result.parsed).toEqual(v.parsed);
        }
    });
});

describe('help and usage agree with the Go rendering', () => {
    const goldenTexts = golden as Record<string, string>;

    test('top-level help', () => {
        expect(help()).toBe(goldenTexts['']);
    });

    test.each(grammar.verbs.map((v) => [v.name, v] as const))('%s', (name, verb) => {
        expect(help(name)).toBe(goldenTexts[name]);
        expect(usage(verb)).toBe(goldenTexts['usage:' + name]);
    });

    test('golden file covers exactly the grammar verbs', () => {
        const verbsInGolden = Object.keys(goldenTexts).filter((k) => k !== '' && !k.startsWith('usage:')).sort();
        expect(verbsInGolden).toEqual(grammar.verbs.map((v) => v.name).sort());
    });
});

test('isValidHTTPURL follows the server rule', () => {
    expect(isValidHTTPURL('https://example.com/cb')).toBe(true);
    expect(isValidHTTPURL('http://127.0.0.1:8080/cb')).toBe(true);
    expect(isValidHTTPURL('example.com')).toBe(false);
    expect(isValidHTTPURL('ftp://example.com')).toBe(false);
    expect(isValidHTTPURL('https://')).toBe(false);
    expect(isValidHTTPURL('HTTPS://example.com')).toBe(false);
});

test('formatParseError is one line of plain text: the web app shows it under the message box as it is', () => {
    const result = parse('/oauth show');
    expect(result.error).toBeDefined();
    expect(formatParseError(result.error!)).toBe('/oauth show needs APP: client id or exact name of the app. Usage: /oauth show APP [--reveal]');
});
