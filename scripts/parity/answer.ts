// What the TypeScript half answers to a parity request; the same JSON shape as
// server/internal/parity (Answer), so the two can be compared line by line.
import {isValidHTTPURL} from '../../webapp/src/grammar/http_url';
import {parse} from '../../webapp/src/grammar/parse';
import {quoteInput} from '../../webapp/src/grammar/quote';
import {mdCellCode, mdCode, mdText} from '../../webapp/src/slash/markdown';

export type Kind = 'command' | 'url' | 'render';
export type Request = {kind: Kind; input: string};

export function answer(r: Request): unknown {
    switch (r.kind) {
    case 'command':
        return parse(r.input);
    case 'url':
        return {valid: isValidHTTPURL(r.input)};
    case 'render':
        return {text: mdText(r.input), code: mdCode(r.input), cell: mdCellCode(r.input), quote: quoteInput(r.input)};
    default:
        return {unknownKind: (r as Request).kind};
    }
}

// JSON drops what is undefined, as Go's omitempty does.
export const normalize = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
