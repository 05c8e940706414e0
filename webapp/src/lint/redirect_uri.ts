// The redirect-URI lint of the web half: the same findings as server/lint
// (Go), held equal by server/lint/testdata/vectors.json. Pure: no requests, no
// React. See server/lint/redirect_uri.go for what each code means; the texts
// for each are in ./messages.ts.
//
// uri and args hold app data as typed (hostile: anyone can register an app
// through DCR): escape them for wherever they are shown.

import {acceptsWith, allowlistMatcher, type Matcher} from './allowlist';
import {hostname, parseHTTPRequestURI} from './go_url';

import {isValidHTTPURL, validIPv4, validIPv6} from '../grammar/http_url';

export {allowlistAccepts, allowlistMatcher, matchAllowlist, type Matcher} from './allowlist';

// In the order a URI's findings are listed.
export const CODES = [
    'invalid_url',
    'wildcard',
    'http_public_host',
    'fragment',
    'query_string',
    'localhost_vs_ip',
    'near_duplicate',
    'dcr_allowlist_rejects',
] as const;

export type Code = typeof CODES[number];
export type Severity = 'error' | 'warning';

export const SEVERITY: Record<Code, Severity> = {
    invalid_url: 'error',
    wildcard: 'error',
    http_public_host: 'error',
    fragment: 'error',
    query_string: 'warning',
    localhost_vs_ip: 'warning',
    near_duplicate: 'warning',
    dcr_allowlist_rejects: 'error',
};

export const NEAR_DUPLICATE_REASONS = ['exact', 'case', 'trailing_slash', 'default_port', 'trailing_dot'] as const;
export type NearDuplicateReason = typeof NEAR_DUPLICATE_REASONS[number];

// Args by code: http_public_host {host}; localhost_vs_ip {ip_uri};
// near_duplicate {other, other_number, reason} (other is the earlier URI's
// index, other_number the same counted from 1; one finding per reason);
// dcr_allowlist_rejects {because: 'query' | 'no_match', matcher}. Keys are in
// alphabetical order, as the Go half writes them.
export type Finding = {
    uri: string;
    index: number;
    code: Code;
    severity: Severity;
    args: Record<string, string | number>;
};

export type LintOptions = {
    allowlist: string[];
    serverVersion: string;
};

const asciiLower = (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
const trimOneDot = (s: string) => (s.endsWith('.') ? s.slice(0, -1) : s);

// The text of a Uint8Array with one character per byte: enough to compare
// ASCII, whatever the other bytes are.
const bytesText = (b: Uint8Array) => Array.from(b, (x) => String.fromCharCode(x)).join('');

// IPv6 text (valid, zone allowed) as 16 bytes.
function ipv6Bytes(text: string): number[] {
    const address = text.split('%')[0];
    const groups = (part: string): number[] => {
        if (part === '') {
            return [];
        }
        return part.split(':').flatMap((g) => (g.includes('.') ? g.split('.').map(Number) : [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]));
    };
    const ellipsis = address.indexOf('::');
    if (ellipsis === -1) {
        return groups(address);
    }
    const head = groups(address.slice(0, ellipsis));
    const tail = groups(address.slice(ellipsis + 2));
    return [...head, ...new Array<number>(16 - head.length - tail.length).fill(0), ...tail];
}

// Go's netip.ParseAddr(host) then IsLoopback(), or null when host is no IP
// address: the first of ".", ":" and "%" decides how ParseAddr reads it.
function ipLoopback(host: Uint8Array): boolean | null {
    const first = host.find((b) => b === 0x2e || b === 0x3a || b === 0x25);
    if (first === 0x2e) {
        return validIPv4(host) ? Number(bytesText(host).split('.')[0]) === 127 : null;
    }
    if (first !== 0x3a || !validIPv6(host)) {
        return null;
    }
    const b = ipv6Bytes(bytesText(host));
    const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
    if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) {
        return b[12] === 127;
    }
    return zeros(0, 15) && b[15] === 1;
}

// A loopback address (127.0.0.0/8, ::1, ::ffff:127.x.x.x, any zone),
// localhost or a name under .localhost, with or without one trailing dot.
// host: url.URL.Hostname()'s bytes.
function isLoopback(host: Uint8Array): boolean {
    const name = host[host.length - 1] === 0x2e ? host.subarray(0, host.length - 1) : host;
    const ip = ipLoopback(name);
    if (ip !== null) {
        return ip;
    }
    const lower = asciiLower(bytesText(name));
    return lower === 'localhost' || lower.endsWith('.localhost');
}

const isLocalhost = (name: string) => trimOneDot(asciiLower(name)) === 'localhost';

// A valid http(s) URL cut into its text as typed (see server/lint).
type Parts = {raw: string; scheme: string; userinfo: string; hostname: string; port: string; path: string; tail: string};

function splitURI(uri: string): Parts {
    const sep = uri.indexOf('://');
    const scheme = uri.slice(0, sep);
    let rest = uri.slice(sep + 3);
    let tail = '';
    const t = rest.search(/[?#]/);
    if (t !== -1) {
        tail = rest.slice(t);
        rest = rest.slice(0, t);
    }
    const slash = rest.indexOf('/');
    const authority = slash === -1 ? rest : rest.slice(0, slash);
    const path = slash === -1 ? '' : rest.slice(slash);
    const at = authority.lastIndexOf('@');
    const userinfo = authority.slice(0, at + 1);
    let name = authority.slice(at + 1);
    let port = '';
    if (name.startsWith('[')) {
        const close = name.lastIndexOf(']');
        if (close !== -1) {
            port = name.slice(close + 1);
            name = name.slice(0, close + 1);
        }
    } else {
        const colon = name.indexOf(':');
        if (colon !== -1) {
            port = name.slice(colon);
            name = name.slice(0, colon);
        }
    }
    return {raw: uri, scheme, userinfo, hostname: name, port, path, tail};
}

const withHost = (p: Parts, host: string) => `${p.scheme}://${p.userinfo}${host}${p.port}${p.path}${p.tail}`;

const DEFAULT_PORTS: Record<string, string> = {http: '80', https: '443'};

// p with every near-duplicate normalization but skip applied.
function normalized(p: Parts, skip: string): string {
    let {userinfo, hostname: name, port, path, tail} = p;
    if (skip !== 'case') {
        [userinfo, name, path, tail] = [userinfo, name, path, tail].map(asciiLower);
    }
    if (skip !== 'trailing_slash') {
        path = path.replace(/\/+$/, '');
    }
    if (skip !== 'default_port' && (port === ':' || port.replace(/^:/, '').replace(/^0+/, '') === DEFAULT_PORTS[p.scheme])) {
        port = '';
    }
    if (skip !== 'trailing_dot' && name.length > 1 && !name.startsWith('[')) {
        name = trimOneDot(name);
    }
    return JSON.stringify([p.scheme, userinfo, name, port, path, tail]);
}

function nearDuplicate(a: Parts, b: Parts): NearDuplicateReason[] {
    if (a.raw === b.raw) {
        return ['exact'];
    }
    if (normalized(a, '') !== normalized(b, '')) {
        return [];
    }
    return (['case', 'trailing_slash', 'default_port', 'trailing_dot'] as const).filter((r) => normalized(a, r) !== normalized(b, r));
}

// The findings for uris, by index and then in the order of CODES. An invalid
// URI gets invalid_url (and wildcard) only.
export function lint(uris: string[], opts: LintOptions): Finding[] {
    const findings: Finding[] = [];
    const matcher: Matcher = allowlistMatcher(opts.serverVersion);
    const parts = uris.map((uri) => (isValidHTTPURL(uri) ? splitURI(uri) : null));
    uris.forEach((uri, i) => {
        const add = (code: Code, args: Finding['args'] = {}) => {
            findings.push({uri, index: i, code, severity: SEVERITY[code], args});
        };
        const p = parts[i];
        if (!p) {
            add('invalid_url');
            if (uri.includes('*')) {
                add('wildcard');
            }
            return;
        }
        const u = parseHTTPRequestURI(uri);
        if (!u) { // isValidHTTPURL parsed it already
            return;
        }
        if (uri.includes('*')) {
            add('wildcard');
        }
        if (u.scheme === 'http' && !isLoopback(hostname(u.host))) {
            add('http_public_host', {host: p.hostname});
        }
        if (uri.includes('#')) {
            add('fragment');
        }
        if (u.rawQuery.length > 0) {
            add('query_string');
        }
        if (isLocalhost(p.hostname)) {
            const ip = withHost(p, '127.0.0.1');
            if (!uris.includes(ip)) {
                add('localhost_vs_ip', {ip_uri: ip});
            }
        }
        for (let j = 0; j < i; j++) {
            const other = parts[j];
            const reasons = other ? nearDuplicate(other, p) : [];
            reasons.forEach((reason) => add('near_duplicate', {other: j, other_number: j + 1, reason}));
            if (reasons.length > 0) {
                break;
            }
        }
        if (matcher !== 'none' && !acceptsWith(matcher, uri, opts.allowlist)) {
            const q = uri.indexOf('?');
            const because = q !== -1 && acceptsWith(matcher, uri.slice(0, q), opts.allowlist) ? 'query' : 'no_match';
            add('dcr_allowlist_rejects', {because, matcher});
        }
    });
    return findings;
}
