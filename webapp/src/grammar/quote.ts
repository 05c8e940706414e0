// How input errors repeat what the user typed. Mirrors server/command/quote.go;
// the shared vectors hold both to the same text.

// Enough to recognize the input, never enough to flood a post.
export const MAX_ECHO = 80;

// Controls, line breaks and invisible format characters, listed explicitly
// (not by Unicode category) so Go and JavaScript agree on any Unicode version.
export function isHiddenCodePoint(c: number): boolean {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) ||
        c === 0xad || c === 0x61c || c === 0x180e || c === 0x2424 || c === 0xfeff ||
        (c >= 0x200b && c <= 0x200f) || (c >= 0x2028 && c <= 0x202e) || (c >= 0x2060 && c <= 0x206f) ||
        (c >= 0xfff9 && c <= 0xfffb) || (c >= 0xd800 && c <= 0xdfff);
}

export function quoteInput(s: string): string {
    const chars = Array.from(s);
    const cut = chars.length > MAX_ECHO;
    const shown = chars.slice(0, MAX_ECHO).map((ch) => {
        if (ch === '\\' || ch === '"') {
            return '\\' + ch;
        }
        const c = ch.codePointAt(0)!;
        return isHiddenCodePoint(c) ? '\\u' + c.toString(16).toUpperCase().padStart(4, '0') : ch;
    });
    return `"${shown.join('')}"${cut ? '…' : ''}`;
}

// A-Z only: Unicode case mappings differ between Go and JavaScript (U+0130).
export const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
