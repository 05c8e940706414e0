// Test helper: the structure of a Markdown answer as Mattermost renders it,
// every run of text and code spans reduced to "text", so a hostile app's
// answer can be compared with a plain app's (unit tests and real-server tests).
import {marked} from 'marked';
import type {Token} from 'marked';

// Mattermost's renderer also breaks lines at these; marked does not.
const mattermostBreaks = (s: string) => s.replace(/[\r\u2424\u2028\u2029\u0085]/g, '\n');

// A document's structure, every run of text and code spans reduced to "text":
// answers of the same shape differ only in their text.
function shape(tokens: Token[], depth = 0): string[] {
    const out: string[] = [];
    let lastText = false;
    for (const t of tokens) {
        if (t.type === 'text' || t.type === 'escape' || t.type === 'codespan' || t.type === 'space') {
            const inner = (t as {tokens?: Token[]}).tokens;
            if (inner && inner.some((i) => i.type !== 'text' && i.type !== 'escape' && i.type !== 'codespan')) {
                out.push(...shape(inner, depth));
                lastText = false;
                continue;
            }
            if (!lastText && t.type !== 'space') {
                out.push(`${' '.repeat(depth)}text`);
            }
            lastText = t.type !== 'space';
            continue;
        }
        lastText = false;
        out.push(' '.repeat(depth) + t.type);
        const nested = t as {tokens?: Token[]; items?: Token[]; header?: Array<{tokens: Token[]}>; rows?: Array<Array<{tokens: Token[]}>>};
        if (t.type === 'br') {
            continue;
        }

        // An empty cell counts as text: a blank value leaves its cell empty.
        const cellShape = (tokens: Token[], d: number) => (tokens.length ? shape(tokens, d) : [`${' '.repeat(d)}text`]);
        for (const cell of nested.header ?? []) {
            out.push(...cellShape(cell.tokens, depth + 1), `${' '.repeat(depth + 1)}|`);
        }
        for (const row of nested.rows ?? []) {
            out.push(`${' '.repeat(depth + 1)}row`);
            for (const cell of row) {
                out.push(...cellShape(cell.tokens, depth + 2), `${' '.repeat(depth + 2)}|`);
            }
        }
        out.push(...shape(nested.items ?? [], depth + 1), ...shape(nested.tokens ?? [], depth + 1));
    }
    return out;
}

// Mattermost shows every newline inside a paragraph as a line break.
export const shapeOf = (md: string) => shape(marked.lexer(mattermostBreaks(md), {gfm: true, breaks: true})).join('\n');
