// What Go's url.ParseRequestURI (Go 1.26) makes of an http or https URI, as
// far as the DCR allowlist's per-component matcher reads it: the scheme
// (lower-cased), Host (percent-escapes decoded, port kept), EscapedPath() and
// RawQuery, all as Go's bytes. Built on the pieces of ../grammar/http_url.ts,
// which `make fuzz` holds to Go's own parser. Other schemes give null: no
// allowlist entry can match them.
import {findPercent25, isIPv6Literal, isUserinfoByte, unescape, validOptionalPort} from '../grammar/http_url';

export type GoURL = {
    scheme: 'http' | 'https';
    host: Uint8Array;
    escapedPath: Uint8Array;
    rawQuery: Uint8Array;
};

const utf8 = new TextEncoder();
const code = (c: string) => c.charCodeAt(0);
const COLON = code(':');
const SLASH = code('/');
const QUESTION = code('?');
const AT = code('@');

const isAlpha = (b: number) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
const isDigit = (b: number) => b >= 0x30 && b <= 0x39;
const isAlnum = (b: number) => isAlpha(b) || isDigit(b);

function concat(...parts: Uint8Array[]): Uint8Array {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
        out.set(p, at);
        at += p.length;
    }
    return out;
}

// url.getScheme: the scheme before the first ":", or null where Go finds none
// (or fails).
function schemeEnd(s: Uint8Array): number | null {
    for (let i = 0; i < s.length; i++) {
        const c = s[i];
        if (isAlpha(c)) {
            continue;
        }
        if (isDigit(c) || c === code('+') || c === code('-') || c === code('.')) {
            if (i === 0) {
                return null;
            }
            continue;
        }
        return c === COLON && i > 0 ? i : null;
    }
    return null;
}

// url.parseHost for http(s): the Host Go keeps, or null on an error.
function parseHost(host: Uint8Array): Uint8Array | null {
    const open = host.lastIndexOf(code('['));
    if (open > 0) {
        return null;
    }
    if (open === 0) {
        const close = host.lastIndexOf(code(']'));
        if (close < 0) {
            return null;
        }
        const colonPort = host.subarray(close + 1);
        if (!validOptionalPort(colonPort)) {
            return null;
        }
        const name = host.subarray(1, close);
        const zoneAt = findPercent25(name);
        const address = unescape(zoneAt >= 0 ? name.subarray(0, zoneAt) : name, 'host');
        const zone = zoneAt >= 0 ? unescape(name.subarray(zoneAt), 'zone') : new Uint8Array();
        if (!address || !zone) {
            return null;
        }
        const literal = concat(address, zone);
        if (!isIPv6Literal(literal)) {
            return null;
        }
        return concat(Uint8Array.of(code('[')), literal, Uint8Array.of(code(']')), colonPort);
    }

    // Go 1.26 (urlstrictcolons): one colon at most outside brackets for http(s).
    const colon = host.indexOf(COLON);
    if (colon !== -1 && !validOptionalPort(host.subarray(colon))) {
        return null;
    }
    return unescape(host, 'host');
}

// shouldEscape(c, encodePath): what escape() writes as %XX in a path.
const PATH_KEEP = new Set(Array.from('-_.~$&+,/:;=@', code));
const pathKeeps = (b: number) => isAlnum(b) || PATH_KEEP.has(b);

// validEncoded(s, encodePath): s may stand as the escaped form of its path.
const ENCODED_PATH_EXTRA = new Set(Array.from('!$&\'()*+,;=:@[]%', code));
const validEncodedPath = (s: Uint8Array) => s.every((b) => ENCODED_PATH_EXTRA.has(b) || pathKeeps(b));

const HEX = '0123456789ABCDEF';

function escapePath(s: Uint8Array): Uint8Array {
    const out: number[] = [];
    for (const b of s) {
        if (pathKeeps(b)) {
            out.push(b);
        } else {
            out.push(code('%'), code(HEX[b >> 4]), code(HEX[b & 15]));
        }
    }
    return Uint8Array.from(out);
}

export function parseHTTPRequestURI(raw: string): GoURL | null {
    const s = utf8.encode(raw);
    if (s.length === 0 || s.some((b) => b < 0x20 || b === 0x7f)) {
        return null;
    }
    const end = schemeEnd(s);
    if (end === null) {
        return null;
    }
    const scheme = String.fromCharCode(...s.subarray(0, end)).toLowerCase();
    if (scheme !== 'http' && scheme !== 'https') {
        return null;
    }

    // A lone "?" at the very end is no query (ForceQuery); otherwise the
    // query starts after the first "?".
    let rest = s.subarray(end + 1);
    let rawQuery = new Uint8Array();
    const questions = rest.filter((b) => b === QUESTION).length;
    if (questions === 1 && rest[rest.length - 1] === QUESTION) {
        rest = rest.subarray(0, rest.length - 1);
    } else if (questions > 0) {
        const q = rest.indexOf(QUESTION);
        rawQuery = rest.subarray(q + 1);
        rest = rest.subarray(0, q);
    }

    // Without "//" there is no host (an opaque URI, or a path only).
    if (rest[0] !== SLASH || rest[1] !== SLASH) {
        return null;
    }
    const afterSlashes = rest.subarray(2);
    const slash = afterSlashes.indexOf(SLASH);
    const authority = slash === -1 ? afterSlashes : afterSlashes.subarray(0, slash);
    const path = slash === -1 ? new Uint8Array() : afterSlashes.subarray(slash);

    const at = authority.lastIndexOf(AT);
    const host = parseHost(authority.subarray(at + 1));
    if (!host) {
        return null;
    }
    if (at !== -1) {
        const userinfo = authority.subarray(0, at);
        if (!userinfo.every(isUserinfoByte) || unescape(userinfo, 'other') === null) {
            return null;
        }
    }
    const decodedPath = unescape(path, 'other');
    if (!decodedPath) {
        return null;
    }

    // EscapedPath(): the path as written when that is a valid encoding of
    // it, else Go's own escaping of the decoded path.
    const escapedPath = validEncodedPath(path) ? path : escapePath(decodedPath);
    return {scheme, host, escapedPath, rawQuery};
}

// url.URL.Hostname() of a Host: the port and IPv6 brackets removed.
export function hostname(host: Uint8Array): Uint8Array {
    let name = host;
    const colon = name.lastIndexOf(COLON);
    if (colon !== -1 && validOptionalPort(name.subarray(colon))) {
        name = name.subarray(0, colon);
    }
    if (name[0] === code('[') && name[name.length - 1] === code(']')) {
        name = name.subarray(1, name.length - 1);
    }
    return name;
}
