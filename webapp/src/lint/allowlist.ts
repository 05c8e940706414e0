// The DCR redirect-URI allowlist (ServiceSettings.DCRRedirectURIAllowlist),
// matched as the running server matches it: the same rules as
// server/lint/allowlist.go, which says where each comes from
// (server/public/model/oauth_dcr.go in mattermost/mattermost, two versions).
//
// - Where the list applies: an empty list allows every URI; otherwise each
//   entry is trimmed as Go's strings.TrimSpace trims, blank entries are
//   skipped, and the URI must match one entry.
// - "glob" (11.5.0 to 11.7.7, 11.8.0 to 11.8.4, 11.9.0): the raw URI against
//   the raw entry, whole string, bytes: "**" any run, "*" any run without "/".
// - "per_component" (11.7.8, 11.8.5, 11.9.1, 11.10 and later, 12.x): the URI
//   parsed as Go's url.ParseRequestURI parses it; the entry must be a valid
//   pattern (http(s)://, no control character, no "***", a valid URL once the
//   wildcards are "1") and is split by hand into scheme, host, path and query;
//   equal schemes, then host, EscapedPath() and RawQuery globbed part by part;
//   an entry without a query admits only URIs without one.
import {parseHTTPRequestURI} from './go_url';

import {isValidHTTPURL} from '../grammar/http_url';

export type Matcher = 'none' | 'glob' | 'per_component';

const utf8 = new TextEncoder();

// "11.9.1", "v11.9.1", "11.9" (patch 0), and any of those followed by ".",
// "-" or "+" and anything. Each number has 1 to 9 digits.
export function parseVersion(version: string): [number, number, number] | null {
    let v = version.startsWith('v') ? version.slice(1) : version;
    const nums = [0, 0, 0];
    for (let i = 0; i < 3; i++) {
        let n = 0;
        while (n < v.length && v[n] >= '0' && v[n] <= '9') {
            n++;
        }
        if (n === 0 || n > 9) {
            return null;
        }
        nums[i] = Number(v.slice(0, n));
        v = v.slice(n);
        if (v === '') {
            return i >= 1 ? [nums[0], nums[1], nums[2]] : null;
        }
        if (i < 2 && v[0] === '.') {
            v = v.slice(1);
            continue;
        }
        if (i >= 1 && (v[0] === '.' || v[0] === '-' || v[0] === '+')) {
            return [nums[0], nums[1], nums[2]];
        }
        return null;
    }
    return null;
}

// The matcher a server of that version runs ("none": no allowlist, before
// 11.5 or when the version cannot be read).
export function allowlistMatcher(serverVersion: string): Matcher {
    const parsed = parseVersion(serverVersion);
    if (!parsed) {
        return 'none';
    }
    const [major, minor, patch] = parsed;
    if (major < 11 || (major === 11 && minor < 5)) {
        return 'none';
    }
    if (major > 11 || minor >= 10) {
        return 'per_component';
    }
    if ((minor === 7 && patch >= 8) || (minor === 8 && patch >= 5) || (minor === 9 && patch >= 1)) {
        return 'per_component';
    }
    return 'glob';
}

// glob matches s against pattern, anchored, over bytes: "**" any bytes, a
// lone "*" any bytes but "/", anything else itself ("***" is "**" then "*").
export function glob(s: Uint8Array, pattern: Uint8Array): boolean {
    const STAR = 0x2a;
    const SLASH = 0x2f;
    let reach = new Array<boolean>(s.length + 1).fill(false);
    let next = new Array<boolean>(s.length + 1).fill(false);
    reach[0] = true;
    for (let p = 0; p < pattern.length;) {
        if (pattern[p] === STAR && pattern[p + 1] === STAR) {
            let on = false;
            for (let i = 0; i <= s.length; i++) {
                on = on || reach[i];
                next[i] = on;
            }
            p += 2;
        } else if (pattern[p] === STAR) {
            let on = false;
            for (let i = 0; i <= s.length; i++) {
                on = on || reach[i];
                next[i] = on;
                if (i < s.length && s[i] === SLASH) {
                    on = false;
                }
            }
            p++;
        } else {
            next[0] = false;
            for (let i = 1; i <= s.length; i++) {
                next[i] = reach[i - 1] && s[i - 1] === pattern[p];
            }
            p++;
        }
        [reach, next] = [next, reach];
    }
    return reach[s.length];
}

// Go's unicode.IsSpace, which strings.TrimSpace trims (U+0085 yes, U+FEFF no:
// unlike String.prototype.trim).
const GO_SPACES = new Set([
    0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680,
    0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
    0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

export function goTrimSpace(s: string): string {
    let start = 0;
    let end = s.length;
    while (start < end && GO_SPACES.has(s.charCodeAt(start))) {
        start++;
    }
    while (end > start && GO_SPACES.has(s.charCodeAt(end - 1))) {
        end--;
    }
    return s.slice(start, end);
}

// What the server accepts as an allowlist entry.
function validPattern(pattern: string): boolean {
    if (!pattern.startsWith('https://') && !pattern.startsWith('http://')) {
        return false;
    }
    for (let i = 0; i < pattern.length; i++) {
        const c = pattern.charCodeAt(i);
        if (c < 0x20 || c === 0x7f) {
            return false;
        }
    }
    if (pattern.includes('***')) {
        return false;
    }
    return isValidHTTPURL(pattern.replaceAll('**', '1').replaceAll('*', '1'));
}

type PatternParts = {scheme: string; host: string; path: string; query: string};

// An entry cut as the per-component matcher cuts it: by hand, at "://", then
// at the first "/" or "?", then at the first "?".
function splitPattern(pattern: string): PatternParts | null {
    const sep = pattern.indexOf('://');
    if (sep === -1) {
        return null;
    }
    const scheme = pattern.slice(0, sep);
    const rest = pattern.slice(sep + 3);
    const cut = rest.search(/[/?]/);
    const end = cut === -1 ? rest.length : cut;
    if (end === 0) {
        return null;
    }
    const parts = {scheme, host: rest.slice(0, end), path: '', query: ''};
    const tail = rest.slice(end);
    if (tail.startsWith('/')) {
        const q = tail.indexOf('?');
        parts.path = q === -1 ? tail : tail.slice(0, q);
        parts.query = q === -1 ? '' : tail.slice(q + 1);
    } else if (tail.startsWith('?')) {
        parts.query = tail.slice(1);
    }
    return parts;
}

function matchComponents(uri: string, pattern: string): boolean {
    const u = parseHTTPRequestURI(uri);
    if (!u || !validPattern(pattern)) {
        return false;
    }
    const p = splitPattern(pattern);
    if (!p || u.scheme !== p.scheme || !glob(u.host, utf8.encode(p.host)) || !glob(u.escapedPath, utf8.encode(p.path))) {
        return false;
    }
    if (p.query === '') {
        return u.rawQuery.length === 0;
    }
    return u.rawQuery.length > 0 && glob(u.rawQuery, utf8.encode(p.query));
}

function matchWith(matcher: Matcher, uri: string, pattern: string): boolean {
    switch (matcher) {
    case 'glob':
        return glob(utf8.encode(uri), utf8.encode(pattern));
    case 'per_component':
        return matchComponents(uri, pattern);
    default:
        return false;
    }
}

export function acceptsWith(matcher: Matcher, uri: string, allowlist: string[]): boolean {
    if (allowlist.length === 0) {
        return true;
    }
    return allowlist.some((entry) => {
        const p = goTrimSpace(entry);
        return p !== '' && matchWith(matcher, uri, p);
    });
}

// Whether one allowlist entry, taken as it is (not trimmed), admits uri on a
// server of that version. On a server without an allowlist nothing matches.
export function matchAllowlist(uri: string, pattern: string, serverVersion: string): boolean {
    return matchWith(allowlistMatcher(serverVersion), uri, pattern);
}

// Whether the server's allowlist lets DCR register uri (the allowlist step
// only: uri is taken to be a valid http(s) URL). No allowlist, or an empty
// one: every URI.
export function allowlistAccepts(uri: string, allowlist: string[], serverVersion: string): boolean {
    const matcher = allowlistMatcher(serverVersion);
    return matcher === 'none' || acceptsWith(matcher, uri, allowlist);
}
