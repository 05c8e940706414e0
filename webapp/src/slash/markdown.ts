// The rendering contract for text that came from the server (app names,
// descriptions, URLs, usernames, server messages): anyone can register an app
// without signing in, so such text may try to become markup in an admin's
// answer. Each context has one function here and its twin in
// server/command/markdown.go; server/command/testdata/render_vectors.json holds
// both to the same bytes.
import type {IntlShape} from 'react-intl';

import {isHiddenCodePoint} from '../grammar/quote';
import type {ApiError} from '../store/errors';
import {describeError} from '../store/messages';

// An answer stays inside one post (Mattermost's limit is 16,383 characters).
export const MAX_ANSWER = 16000;

// What Markdown renderers (Mattermost's among them) may read as a line break.
const LINE_BREAK = /\r\n|[\n\r\u0085\u2028\u2029\u2424\t]/g;

// Line breaks and tabs become spaces; other hidden characters (controls,
// bidi overrides, zero-width) show as U+FFFD.
function flatten(s: string): string {
    return Array.from(s.replace(LINE_BREAK, ' ')).map((ch) => (isHiddenCodePoint(ch.codePointAt(0)!) ? '\uFFFD' : ch)).join('');
}

// ASCII characters that can start Markdown (or a Mattermost extension:
// emoji, mentions, LaTeX, autolinks) somewhere. Mattermost's Markdown reads a
// backslash escape only before some of them (BACKSLASHED); before the others
// the backslash stays visible and the character still acts (\@name mentions,
// \:/ is an emoticon), so those become numeric character references, which
// every renderer shows as the character and none reads as syntax.
const BACKSLASHED = /[`*_{}[\]()#+\-.!|>~]/;
const TEXT_SPECIALS = /[\\`*_{}[\]()#+\-.!|<>~:@&$=]/g;

// Server text in running text or a table cell.
export function mdText(s: string): string {
    return flatten(s).replace(TEXT_SPECIALS, (ch) => (BACKSLASHED.test(ch) ? '\\' + ch : `&#${ch.charCodeAt(0)};`));
}

// Server text as an inline code span, fenced by one backtick more than the
// longest run inside; padded when it starts or ends with a backtick or space.
export function mdCode(s: string): string {
    let flat = flatten(s);
    if (flat.replace(/ /g, '') === '') {
        return mdText(s);
    }
    const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longest + 1);
    if ((/^[` ]|[` ]$/).test(flat)) {
        flat = ` ${flat} `;
    }
    return fence + flat + fence;
}

// mdCode inside a table cell, where a pipe would end the cell: GFM reads \| as a pipe.
export const mdCellCode = (s: string) => mdCode(s).replace(/\|/g, '\\|');

// Cuts an answer that would not fit in one post at a line break, saying so.
// `cut` is the (localized) note that says so, appended after a blank line.
export function capAnswer(text: string, cut: string): string {
    const chars = Array.from(text);
    if (chars.length <= MAX_ANSWER) {
        return text;
    }
    let kept = chars.slice(0, MAX_ANSWER - Array.from(cut).length - 15).join('');
    const lastBreak = kept.lastIndexOf('\n');
    if (lastBreak > 0) {
        kept = kept.slice(0, lastBreak);
    }
    return `${kept}\n\n${cut}`;
}

// describeError for a chat answer: the server's words escaped as text.
export const describeErrorMd = (intl: IntlShape, err: ApiError, action: string) => describeError(intl, err, action, mdText);
