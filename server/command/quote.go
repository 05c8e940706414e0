package command

import (
	"fmt"
	"strings"
)

// maxEcho is how much of a user's input an error message repeats: enough to
// recognize it, never enough to flood a post.
const maxEcho = 80

// hiddenRune reports the characters an echo must show as escapes: controls,
// line breaks and invisible format characters. The list is explicit (not a
// Unicode table) so Go and webapp/src/grammar/quote.ts agree whatever Unicode
// version each runtime has.
func hiddenRune(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r == 0xad, r == 0x61c, r == 0x180e, r == 0x2424, r == 0xfeff:
		return true
	case r >= 0x200b && r <= 0x200f, r >= 0x2028 && r <= 0x202e, r >= 0x2060 && r <= 0x206f:
		return true
	case r >= 0xfff9 && r <= 0xfffb, r >= 0xd800 && r <= 0xdfff:
		return true
	}
	return false
}

// QuoteInput is how error messages repeat what the user typed: in double
// quotes, with \ and " escaped, hidden characters as \uXXXX, and at most
// maxEcho characters (an ellipsis says the rest was cut). webapp: quoteInput.
func QuoteInput(s string) string {
	runes := []rune(s)
	cut := len(runes) > maxEcho
	if cut {
		runes = runes[:maxEcho]
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range runes {
		switch {
		case r == '\\' || r == '"':
			b.WriteByte('\\')
			b.WriteRune(r)
		case hiddenRune(r):
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	if cut {
		b.WriteString("…")
	}
	return b.String()
}

// asciiLower lowercases A-Z only: Go's and JavaScript's Unicode case mappings
// differ (U+0130 lowercases to "i" in Go, to "i̇" in JavaScript), and commands
// are ASCII anyway.
func asciiLower(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}, s)
}
