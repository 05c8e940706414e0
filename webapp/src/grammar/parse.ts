// The /oauth parser. It mirrors server/command/parse.go; both run the shared
// vectors in server/command/testdata/vectors.json, so they accept, reject and
// word their errors identically. Nothing here makes a request.
import {defineMessages, type IntlShape} from 'react-intl';

import {argLabel, findFlag, findVerb, grammar, verbNames} from './grammar';
import {isValidHTTPURL} from './http_url';
import {argHelp} from './messages';
import {asciiLower, quoteInput} from './quote';
import {usage} from './usage';

import {intlFor} from '../i18n/intl';

export type FlagValue = true | string | string[] | number;

export type Parsed = {
    verb: string;
    args: Record<string, string>;
    flags: Record<string, FlagValue>;

    // Set for a verb with formWhenBare typed without options: a form opens.
    bare?: boolean;
};

export type ParseErrorCode =
    | 'unterminated_quote' | 'unknown_verb' | 'unknown_flag' | 'no_value_allowed'
    | 'missing_value' | 'repeated_flag' | 'invalid_url' | 'invalid_int' | 'invalid_enum'
    | 'extra_arg' | 'missing_arg' | 'missing_flag' | 'conflict' | 'missing_space';

// `message` is English (what the vectors and the parity fuzz compare);
// `values` let formatParseError say it in the reader's language.
export type ParseError = {
    code: ParseErrorCode;
    message: string;
    usage?: string;
    values?: ParseValues;
};

export type ParseValues = Record<string, string | number>;

const m = defineMessages({
    unterminated_quote: {id: 'oauth-manager.parse.unterminated_quote', defaultMessage: 'A quoted value has no closing quote ("). Close it and try again.'},
    missing_space: {id: 'oauth-manager.parse.missing_space', defaultMessage: 'A space is missing after the quoted value {value}: put a space between its closing quote and {word}.'},
    unknown_verb: {id: 'oauth-manager.parse.unknown_verb', defaultMessage: '{command} has no command {word}. Commands: {verbs}.'},
    extra_arg: {id: 'oauth-manager.parse.extra_arg', defaultMessage: '{command} does not take {word} here.'},
    unknown_flag: {id: 'oauth-manager.parse.unknown_flag', defaultMessage: '{command} has no option {flag}.'},
    repeated_flag: {id: 'oauth-manager.parse.repeated_flag', defaultMessage: 'Option {flag} is given more than once.'},
    no_value_allowed: {id: 'oauth-manager.parse.no_value_allowed', defaultMessage: 'Option {flag} takes no value.'},
    missing_value: {id: 'oauth-manager.parse.missing_value', defaultMessage: 'Option {flag} needs a value ({value}).'},
    invalid_url: {id: 'oauth-manager.parse.invalid_url', defaultMessage: 'Option {flag} needs an http:// or https:// URL, not {value}.'},
    invalid_int: {id: 'oauth-manager.parse.invalid_int', defaultMessage: 'Option {flag} needs a whole number from {min} to {max}, not {value}.'},
    invalid_enum: {id: 'oauth-manager.parse.invalid_enum', defaultMessage: 'Option {flag} needs one of {values}, not {value}.'},
    missing_arg: {id: 'oauth-manager.parse.missing_arg', defaultMessage: '{command} needs {arg}: {help}.'},
    missing_flag: {id: 'oauth-manager.parse.missing_flag', defaultMessage: '{command} needs {flags}.'},
    conflict: {id: 'oauth-manager.parse.conflict', defaultMessage: 'Options {a} and {b} cannot be used together.'},
    usage: {id: 'oauth-manager.parse.usage', defaultMessage: '{message} Usage: {usage}'},
});

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

// What is wrong, in intl's language. missing_arg's help is the grammar's,
// found again from the verb and argument named in the values.
function describe(intl: IntlShape, code: ParseErrorCode, values: ParseValues = {}): string {
    if (code === 'missing_arg') {
        const verb = findVerb(String(values.verb));
        const arg = verb?.args.find((a) => a.name === values.name);
        return intl.formatMessage(m.missing_arg, {...values, help: verb && arg ? lowerFirst(argHelp(intl, verb, arg)) : ''});
    }
    return intl.formatMessage(m[code], values);
}

function parseError(code: ParseErrorCode, values?: ParseValues, usageLine?: string): ParseError {
    return {code, message: describe(intlFor('en'), code, values), ...(usageLine ? {usage: usageLine} : {}), ...(values ? {values} : {})};
}

export type ParseResult = {parsed: Parsed; error?: undefined} | {parsed?: undefined; error: ParseError};

type Token = {text: string; quoted: boolean};

const QUOTES = new Set(['"', '\u201c', '\u201d']);
const BLANKS = new Set([' ', '\t', '\n', '\r']);

// A closing quote must be followed by a blank or the end: the web app's
// autocomplete glues its suggestion onto a quoted value ("Build bot"--reveal),
// and reading that as one word would silently change the value.
function tokenize(input: string): Token[] | ParseError {
    const tokens: Token[] = [];
    const chars = Array.from(input);
    let cur = '';
    let inToken = false;
    let inQuote = false;
    let quoted = false;
    let quoteStart = 0;
    let closedAt = -1;
    for (let i = 0; i < chars.length; i++) {
        const c = chars[i];
        if (closedAt >= 0 && closedAt === i - 1 && !BLANKS.has(c)) {
            return missingSpace(cur.slice(quoteStart), chars.slice(i));
        }
        if (inQuote && c === '\\' && (chars[i + 1] === '"' || chars[i + 1] === '\\')) {
            i++;
            cur += chars[i];
        } else if (QUOTES.has(c)) {
            if (inQuote) {
                closedAt = i;
            } else {
                quoteStart = cur.length;
            }
            inQuote = !inQuote;
            inToken = true;
            quoted = true;
        } else if (!inQuote && BLANKS.has(c)) {
            if (inToken) {
                tokens.push({text: cur, quoted});
                cur = '';
                inToken = false;
                quoted = false;
            }
        } else {
            cur += c;
            inToken = true;
        }
    }
    if (inQuote) {
        return parseError('unterminated_quote');
    }
    if (inToken) {
        tokens.push({text: cur, quoted});
    }
    return tokens;
}

function missingSpace(value: string, after: string[]): ParseError {
    const blank = after.findIndex((c) => BLANKS.has(c));
    const word = (blank === -1 ? after : after.slice(0, blank)).join('');
    return parseError('missing_space', {value: quoteInput(value), word: quoteInput(word)});
}

const isFlagToken = (t: Token) => !t.quoted && t.text.startsWith('--') && t.text.length > 2;

const q = quoteInput;

function unknownVerb(word: string): ParseError {
    return parseError('unknown_verb', {command: '/' + grammar.trigger, word: q(word), verbs: verbNames().join(', ')}, `/${grammar.trigger} help`);
}

export function parse(command: string): ParseResult {
    const tokenized = tokenize(command);
    if (!Array.isArray(tokenized)) {
        return {error: tokenized};
    }
    let tokens = tokenized;
    if (tokens.length > 0 && asciiLower(tokens[0].text) === '/' + grammar.trigger) {
        tokens = tokens.slice(1);
    }
    if (tokens.length === 0) {
        return {parsed: {verb: 'help', args: {}, flags: {}}};
    }
    const verb = findVerb(asciiLower(tokens[0].text));
    if (!verb) {
        return {error: unknownVerb(tokens[0].text)};
    }
    const parsed: Parsed = {verb: verb.name, args: {}, flags: {}};
    const fail = (code: ParseErrorCode, values: ParseValues): ParseResult => ({error: parseError(code, values, usage(verb))});
    const cmd = `/${grammar.trigger} ${verb.name}`;
    const rest = tokens.slice(1);
    let nArgs = 0;
    for (let i = 0; i < rest.length; i++) {
        const t = rest[i];
        if (!isFlagToken(t)) {
            if (nArgs >= verb.args.length) {
                return fail('extra_arg', {command: cmd, word: q(t.text)});
            }
            const arg = verb.args[nArgs];
            let value = t.text;
            if (arg.kind === 'user') {
                value = value.replace(/^@/, '');
            } else if (arg.kind === 'verb') {
                if (!findVerb(asciiLower(value))) {
                    return {error: unknownVerb(value)};
                }
                value = asciiLower(value);
            }
            parsed.args[arg.name] = value;
            nArgs++;
            continue;
        }
        const eq = t.text.indexOf('=');
        const name = eq === -1 ? t.text.slice(2) : t.text.slice(2, eq);
        const flag = findFlag(verb, name);
        if (!flag) {
            return fail('unknown_flag', {command: cmd, flag: q('--' + name)});
        }
        if (name in parsed.flags && !flag.repeatable) {
            return fail('repeated_flag', {flag: '--' + name});
        }
        if (flag.kind === 'bool') {
            if (eq !== -1) {
                return fail('no_value_allowed', {flag: '--' + name});
            }
            parsed.flags[name] = true;
            continue;
        }
        let value: string;
        if (eq === -1) {
            if (i + 1 >= rest.length || isFlagToken(rest[i + 1])) {
                return fail('missing_value', {flag: '--' + name, value: flag.value ?? ''});
            }
            i++;
            value = rest[i].text;
        } else {
            value = t.text.slice(eq + 1);
        }
        if (flag.kind === 'url' && !(flag.allowEmpty && value === '') && !isValidHTTPURL(value)) {
            return fail('invalid_url', {flag: '--' + name, value: q(value)});
        }
        if (flag.kind === 'int') {
            const n = Number(value);
            if (!(/^[0-9]+$/).test(value) || (flag.min !== undefined && n < flag.min) || (flag.max !== undefined && n > flag.max)) {
                return fail('invalid_int', {flag: '--' + name, min: flag.min ?? 0, max: flag.max ?? 0, value: q(value)});
            }
            parsed.flags[name] = n;
            continue;
        }
        if (flag.kind === 'enum' && !flag.values?.includes(value)) {
            return fail('invalid_enum', {flag: '--' + name, values: (flag.values ?? []).join(', '), value: q(value)});
        }
        if (flag.repeatable) {
            const list = parsed.flags[name];
            parsed.flags[name] = Array.isArray(list) ? [...list, value] : [value];
        } else {
            parsed.flags[name] = value;
        }
    }
    const missingArg = verb.args.slice(nArgs).find((a) => a.required);
    if (missingArg) {
        return fail('missing_arg', {command: cmd, arg: argLabel(missingArg), verb: verb.name, name: missingArg.name});
    }
    if (verb.formWhenBare && Object.keys(parsed.flags).length === 0) {
        return {parsed: {...parsed, bare: true}};
    }
    const missing = verb.flags.filter((f) => f.required && !(f.name in parsed.flags)).map((f) => `--${f.name} ${f.value}`);
    if (missing.length > 0) {
        return fail('missing_flag', {command: cmd, flags: missing.join(', ')});
    }
    for (const [a, b] of verb.exclusive ?? []) {
        if (a in parsed.flags && b in parsed.flags) {
            return fail('conflict', {a: '--' + a, b: '--' + b});
        }
    }
    return {parsed};
}

// The text shown for an input error: what is wrong, then the usage line. Plain
// text on one line: the web app shows it under the message box as it is.
export function formatParseError(e: ParseError, intl: IntlShape = intlFor('en')): string {
    const message = describe(intl, e.code, e.values);
    return e.usage ? intl.formatMessage(m.usage, {message, usage: e.usage}) : message;
}
