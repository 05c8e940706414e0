package command

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/text/language"
)

func TestFormatICU(t *testing.T) {
	en, fr, ru := language.English, language.French, language.Russian
	apps := "{n, plural, =0 {no apps} one {{n} app} other {{n} apps}}"
	for _, c := range []struct {
		src  string
		lang language.Tag
		args Args
		want string
	}{
		{"plain text, with 'quotes' and ** markup", en, nil, "plain text, with 'quotes' and ** markup"},
		{"Could not {action}: {message}", en, Args{"action": "list", "message": "`x`"}, "Could not list: `x`"},
		{"page {page} of {total}", en, Args{"page": 0, "total": 1234}, "page 0 of 1234"},
		{apps, en, Args{"n": 0}, "no apps"},
		{apps, en, Args{"n": 1}, "1 app"},
		{apps, en, Args{"n": 1000}, "1000 apps"},
		{"{n, plural, one {un} other {plusieurs}}", fr, Args{"n": 0}, "un"},
		{"{n, plural, one {# файл} few {# файла} many {# файлов} other {# файла}}", ru, Args{"n": 3}, "3 файла"},
		{"{n, plural, one {# файл} few {# файла} many {# файлов} other {# файла}}", ru, Args{"n": 11}, "11 файлов"},
		{"{n, plural, one {# файл} few {# файла} many {# файлов} other {# файла}}", ru, Args{"n": 21}, "21 файл"},
		{"{kind, select, public {no secret} other {a secret}}", en, Args{"kind": "public"}, "no secret"},
		{"{kind, select, public {no secret} other {a secret}}", en, Args{"kind": "x"}, "a secret"},
		{"# outside a plural is text", en, nil, "# outside a plural is text"},
		{"{a}{b}", en, Args{"a": "{b}", "b": "x"}, "{b}x"},
	} {
		got, err := formatICU(c.src, c.lang, c.args)
		assert.NoError(t, err, c.src)
		assert.Equal(t, c.want, got, c.src)
	}
}

func TestFormatICURejectsWhatItCannotFormat(t *testing.T) {
	for _, src := range []string{"{", "}", "{a", "{a, number}", "{n, plural, one {x}}", "{n, plural, other {x}", "{missing}"} {
		_, err := formatICU(src, language.English, Args{"n": 1})
		assert.Error(t, err, src)
	}
	_, err := formatICU("{n, plural, other {x}}", language.English, Args{"n": "1"})
	assert.Error(t, err, "a plural needs a number")
}

// A translation that does not format falls back to English; an unknown id shows as itself.
func TestMessagesFallBackToEnglish(t *testing.T) {
	broken := NewMessages(func(string) (string, language.Tag, bool) { return "{oops", language.French, true })
	assert.Equal(t, "Yes", broken.T("oauth-manager.chat.yes"))
	assert.Equal(t, "oauth-manager.no.such", English().T("oauth-manager.no.such"))
}
