import {appFields, appsTable, fieldList} from './format';
import {capAnswer, mdCellCode, mdCode, mdText} from './markdown';
import {shapeOf} from './markdown_shape';

import hostile from '../../../server/command/testdata/hostile.json';
import vectors from '../../../server/command/testdata/render_vectors.json';
import {quoteInput} from '../grammar/quote';
import {intlFor} from '../i18n/intl';
import {toSummary} from '../store/slice';

const renderers: Record<string, (s: string) => string> = {text: mdText, code: mdCode, cell_code: mdCellCode, quote: quoteInput};

describe('escaping agrees with the Go half byte for byte (render_vectors.json)', () => {
    test.each((vectors as Array<{context: string; input: string; output: string}>).map((v) => [v.context, v.input, v] as const))('%s(%j)', (_c, _i, v) => {
        expect(renderers[v.context](v.input)).toBe(v.output);
    });
});

function appWith(v: string) {
    return toSummary({id: 'abcdefghijklmnopqrstuvwxyz', creator_id: 'u1', create_at: 1, update_at: 2, client_secret: 's', name: v, description: v, icon_url: v, homepage: v, callback_urls: [v, 'https://ok.example/cb'], is_trusted: false});
}

function answers(v: string): string[] {
    const app = appWith(v);
    const names = {u1: v};
    return [
        fieldList(`OAuth app: ${mdText(v)}`, appFields(intlFor('en'), app, names, 'me', 'masked')),
        appsTable(intlFor('en'), [app, appWith('plain')], names, 'me'),
    ];
}

describe('no app field becomes markup: hostile answers have the shape of plain ones (marked)', () => {
    const plain = answers('Benign').map(shapeOf);
    test.each((hostile as string[]).map((h) => [h]))('%j', (h) => {
        expect(answers(h).map(shapeOf)).toEqual(plain);
    });

    test('the shape sees what an attacker wants', () => {
        expect(shapeOf('a ![](http://e/x.png)')).not.toBe(shapeOf('a b'));
        expect(shapeOf('a\rb')).not.toBe(shapeOf('a b'));
        expect(shapeOf('a [x](http://e)')).not.toBe(shapeOf('a b'));
        expect(shapeOf('x\n\n# y')).not.toBe(shapeOf('x'));
    });
});

test('capAnswer keeps an answer inside one post and says so', () => {
    const long = '| row | `code` |\n'.repeat(1500);
    const capped = capAnswer(long, '*The answer was cut here: it is longer than one post can hold.* Use --filter.');
    expect(Array.from(capped).length).toBeLessThan(16383);
    expect(capped).toMatch(/\| row \| `code` \|\n\n\*The answer was cut here: it is longer than one post can hold\.\* Use --filter\.$/);
    expect(capAnswer('short', 'x')).toBe('short');
});
