// model.IsValidHTTPURL exactly as the Go half runs it: a literal http:// or
// https:// prefix, then Go 1.26's url.ParseRequestURI with a non-empty host.
// The browser's URL parser disagrees with Go's in both directions (port range,
// % escapes, IP literals), so Go's rules are ported here one by one, over UTF-8
// bytes as Go reads them. `make fuzz` compares this with the Go half.
// webapp/src/lint/go_url.ts builds Go's parsed URL fields on these pieces.

const utf8 = new TextEncoder();
const byteOf = (c: string) => c.charCodeAt(0);

const isAlnum = (b: number) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
const isHex = (b: number) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);
const isDigit = (b: number) => b >= 0x30 && b <= 0x39;
const hexValue = (b: number) => (b <= 0x39 ? b - 0x30 : ((b | 0x20) - 0x61) + 10);

// Bytes net/url leaves unescaped in a host (and in an IPv6 zone).
const HOST_PUNCTUATION = new Set(Array.from('!"$&\'()*+,-.:;<=>[]_~', byteOf));
const isHostByte = (b: number) => isAlnum(b) || HOST_PUNCTUATION.has(b);

// Bytes url.validUserinfo accepts before the last "@".
const USERINFO_PUNCTUATION = new Set(Array.from('-._:~!$&\'()*+,;=%@', byteOf));
export const isUserinfoByte = (b: number) => isAlnum(b) || USERINFO_PUNCTUATION.has(b);

export type Mode = 'host' | 'zone' | 'other';

const PERCENT = byteOf('%');
const isPercent25 = (s: Uint8Array, i: number) => s[i + 1] === 0x32 && s[i + 2] === 0x35;

// url.unescape: the unescaped bytes, or null where Go returns an error.
export function unescape(s: Uint8Array, mode: Mode): Uint8Array | null {
    const out: number[] = [];
    for (let i = 0; i < s.length; i++) {
        const b = s[i];
        if (b === PERCENT) {
            if (i + 2 >= s.length || !isHex(s[i + 1]) || !isHex(s[i + 2])) {
                return null;
            }
            const v = (hexValue(s[i + 1]) << 4) | hexValue(s[i + 2]);

            // A host may escape only non-ASCII bytes, save RFC 6874's %25;
            // a zone only bytes it could hold as they are, or a space.
            if (mode === 'host' && hexValue(s[i + 1]) < 8 && !isPercent25(s, i)) {
                return null;
            }
            if (mode === 'zone' && !isPercent25(s, i) && v !== 0x20 && !(v < 0x80 && isHostByte(v))) {
                return null;
            }
            out.push(v);
            i += 2;
        } else {
            if (mode !== 'other' && b < 0x80 && b !== byteOf('+') && !isHostByte(b)) {
                return null;
            }
            out.push(b);
        }
    }
    return Uint8Array.from(out);
}

const indexOf = (s: Uint8Array, b: number, from = 0) => s.indexOf(b, from);
const lastIndexOf = (s: Uint8Array, b: number) => s.lastIndexOf(b);

// An empty port, or ":" and digits.
export const validOptionalPort = (p: Uint8Array) => p.length === 0 || (p[0] === byteOf(':') && p.subarray(1).every(isDigit));

// netip.parseIPv4Fields over the whole of s.
export function validIPv4(s: Uint8Array): boolean {
    let val = 0;
    let digits = 0;
    let dots = 0;
    for (let i = 0; i < s.length; i++) {
        if (isDigit(s[i])) {
            if (digits === 1 && val === 0) {
                return false;
            }
            val = (val * 10) + (s[i] - 0x30);
            digits++;
            if (val > 255) {
                return false;
            }
        } else if (s[i] === byteOf('.')) {
            if (i === 0 || i === s.length - 1 || s[i - 1] === byteOf('.') || dots === 3) {
                return false;
            }
            dots++;
            val = 0;
            digits = 0;
        } else {
            return false;
        }
    }
    return dots === 3;
}

// netip.parseIPv6: an IPv6 address with an optional non-empty %zone.
export function validIPv6(input: Uint8Array): boolean {
    let s = input;
    const zoneAt = indexOf(s, PERCENT);
    if (zoneAt !== -1) {
        if (zoneAt === s.length - 1) {
            return false;
        }
        s = s.subarray(0, zoneAt);
    }
    const colon = byteOf(':');
    let ellipsis = -1;
    if (s.length >= 2 && s[0] === colon && s[1] === colon) {
        ellipsis = 0;
        s = s.subarray(2);
        if (s.length === 0) {
            return true;
        }
    }
    let i = 0;
    while (i < 16) {
        let off = 0;
        while (off < s.length && isHex(s[off])) {
            if (off > 3) {
                return false;
            }
            off++;
        }
        if (off === 0) {
            return false;
        }
        if (off < s.length && s[off] === byteOf('.')) {
            if ((ellipsis < 0 && i !== 12) || i + 4 > 16 || !validIPv4(s)) {
                return false;
            }
            s = s.subarray(s.length);
            i += 4;
            break;
        }
        i += 2;
        s = s.subarray(off);
        if (s.length === 0) {
            break;
        }
        if (s[0] !== colon || s.length === 1) {
            return false;
        }
        s = s.subarray(1);
        if (s[0] === colon) {
            if (ellipsis >= 0) {
                return false;
            }
            ellipsis = i;
            s = s.subarray(1);
            if (s.length === 0) {
                break;
            }
        }
    }
    if (s.length !== 0) {
        return false;
    }
    return i < 16 ? ellipsis >= 0 : ellipsis < 0;
}

// What netip.ParseAddr accepts and is not IPv4: the first of ". : %" decides.
export function isIPv6Literal(s: Uint8Array): boolean {
    const first = s.find((b) => b === byteOf('.') || b === byteOf(':') || b === PERCENT);
    return first === byteOf(':') && validIPv6(s);
}

// url.parseHost: whether Go accepts the host (and port) of an authority.
function validHost(host: Uint8Array): boolean {
    const open = lastIndexOf(host, byteOf('['));
    if (open > 0) {
        return false;
    }
    if (open === 0) {
        const close = lastIndexOf(host, byteOf(']'));
        if (close < 0 || !validOptionalPort(host.subarray(close + 1))) {
            return false;
        }
        const name = host.subarray(1, close);
        const zoneAt = findPercent25(name);
        const address = zoneAt >= 0 ? unescape(name.subarray(0, zoneAt), 'host') : unescape(name, 'host');
        const zone = zoneAt >= 0 ? unescape(name.subarray(zoneAt), 'zone') : new Uint8Array();
        if (!address || !zone) {
            return false;
        }
        const literal = new Uint8Array(address.length + zone.length);
        literal.set(address);
        literal.set(zone, address.length);
        return isIPv6Literal(literal);
    }
    const colon = indexOf(host, byteOf(':'));

    // Go 1.26 (urlstrictcolons): one colon at most outside brackets for http(s).
    if (colon !== -1 && !validOptionalPort(host.subarray(colon))) {
        return false;
    }
    return unescape(host, 'host') !== null;
}

export function findPercent25(s: Uint8Array): number {
    for (let i = 0; i + 2 < s.length; i++) {
        if (s[i] === PERCENT && isPercent25(s, i)) {
            return i;
        }
    }
    return -1;
}

export function isValidHTTPURL(raw: string): boolean {
    const prefix = ['http://', 'https://'].find((p) => raw.startsWith(p));
    if (!prefix) {
        return false;
    }
    const bytes = utf8.encode(raw);
    if (bytes.some((b) => b < 0x20 || b === 0x7f)) {
        return false;
    }

    // The query is cut off first (a lone trailing "?" too); with
    // ParseRequestURI a "#" is part of the path.
    let rest = bytes.subarray(prefix.length);
    const question = byteOf('?');
    const firstQuestion = indexOf(rest, question);
    if (firstQuestion !== -1) {
        rest = rest.subarray(0, firstQuestion);
    }
    const slash = indexOf(rest, byteOf('/'));
    const authority = slash === -1 ? rest : rest.subarray(0, slash);
    const path = slash === -1 ? new Uint8Array() : rest.subarray(slash);
    const at = lastIndexOf(authority, byteOf('@'));
    const host = authority.subarray(at + 1);
    if (host.length === 0 || !validHost(host)) {
        return false;
    }
    if (at !== -1) {
        const userinfo = authority.subarray(0, at);
        if (!userinfo.every(isUserinfoByte) || unescape(userinfo, 'other') === null) {
            return false;
        }
    }
    return unescape(path, 'other') !== null;
}
