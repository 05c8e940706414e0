package command

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// The rendering contract for text that came from the server (app names,
// descriptions, URLs, usernames, server messages): anyone can register an app
// without signing in, so such text may try to become markup in an admin's
// answer. Each context has one function here and its twin in
// webapp/src/slash/markdown.ts; testdata/render_vectors.json holds both to the
// same bytes.

// maxAnswer keeps an answer inside one post (Mattermost's limit is 16,383 characters).
const maxAnswer = 16000

// lineBreak reports the characters Markdown renderers (Mattermost's among them)
// may treat as a line break. They are folded into a space: no value may open a
// new line, which could start a heading, a list, a table row or a line that
// looks like ours.
func lineBreak(r rune) bool {
	return r == '\n' || r == '\r' || r == 0x85 || r == 0x2028 || r == 0x2029 || r == 0x2424
}

// flatten folds line breaks and tabs into spaces (\r\n as one) and shows
// other hidden characters (controls, bidi overrides, zero-width) as U+FFFD.
func flatten(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case lineBreak(r) || r == '\t':
			return ' '
		case hiddenRune(r):
			return '\uFFFD'
		}
		return r
	}, s)
}

// textSpecials are the ASCII characters that can start Markdown (or a
// Mattermost extension: emoji, mentions, LaTeX, autolinks) somewhere.
// Mattermost's Markdown reads a backslash escape only before those in
// backslashed; before the others the backslash stays visible and the
// character still acts (\@name mentions, \:/ is an emoticon), so those become
// numeric character references, shown as the character and read as no syntax.
const (
	textSpecials = "\\`*_{}[]()#+-.!|<>~:@&$="
	backslashed  = "`*_{}[]()#+-.!|>~"
)

// MdText is server text in running text or a table cell.
func MdText(s string) string {
	var b strings.Builder
	for _, r := range flatten(s) {
		switch {
		case r >= utf8.RuneSelf || !strings.ContainsRune(textSpecials, r):
			b.WriteRune(r)
		case strings.ContainsRune(backslashed, r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteString("&#" + strconv.Itoa(int(r)) + ";")
		}
	}
	return b.String()
}

// MdCode is server text as an inline code span: the fence is one backtick
// longer than the longest run inside, so nothing can close it early; a space
// pads a value that starts or ends with a backtick or a space (CommonMark
// strips one from each side). An empty or all-space value falls back to text.
func MdCode(s string) string {
	s = flatten(s)
	if strings.Trim(s, " ") == "" {
		return MdText(s)
	}
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || strings.HasPrefix(s, " ") || strings.HasSuffix(s, " ") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// MdCellCode is MdCode inside a table cell, where a pipe would end the cell
// even in a code span: GFM reads \| there as a pipe.
func MdCellCode(s string) string {
	return strings.ReplaceAll(MdCode(s), "|", `\|`)
}

// CapAnswer cuts an answer that would not fit in one post at a line break
// and appends note, the (localized) words that say so and how to see the rest.
func CapAnswer(text, note string) string {
	if utf8.RuneCountInString(text) <= maxAnswer {
		return text
	}
	runes := []rune(text)[:maxAnswer-utf8.RuneCountInString(note)-15]
	cut := string(runes)
	if i := strings.LastIndexByte(cut, '\n'); i > 0 {
		cut = cut[:i]
	}
	return cut + "\n\n" + note
}
