package command

import (
	_ "embed" // the English catalogue
	"encoding/json"

	"golang.org/x/text/language"
)

// The plugin's one catalogue: English is webapp/i18n/en.json, extracted from
// the web half's source (scripts/i18n_extract.ts writes this identical copy;
// never edit it by hand). Other languages come from the plugin bundle
// (assets/i18n/active.<lang>.json, see server/i18n.go) through a Lookup.
//
//go:embed i18n/en.json
var englishJSON []byte

var english = mustCatalogue(englishJSON)

func mustCatalogue(data []byte) map[string]string {
	var c map[string]string
	if err := json.Unmarshal(data, &c); err != nil {
		panic("server/command/i18n/en.json: " + err.Error())
	}
	return c
}

// Args are a message's arguments: text already escaped for where it lands
// (MdText, MdCode), or ints.
type Args map[string]any

// Lookup finds one reader's translation of a message: its ICU source and the
// language whose plural rules apply; ok is false when there is none.
type Lookup func(id string) (source string, lang language.Tag, ok bool)

// Messages formats the catalogue for one reader.
type Messages struct{ lookup Lookup }

// NewMessages formats translations from lookup, English where it has none.
func NewMessages(lookup Lookup) *Messages { return &Messages{lookup: lookup} }

// English formats the catalogue's English source.
func English() *Messages { return &Messages{} }

// Format is the message id with args. A translation that does not format
// (a broken file, a missing argument) falls back to English, and an unknown
// id shows as itself (the catalogue test fails first).
func (m *Messages) Format(id string, args Args) string {
	if m != nil && m.lookup != nil {
		if source, lang, ok := m.lookup(id); ok {
			if out, err := formatICU(source, lang, args); err == nil {
				return out
			}
		}
	}
	source, ok := english[id]
	if !ok {
		return id
	}
	out, err := formatICU(source, language.English, args)
	if err != nil {
		return id
	}
	return out
}

// T is Format without arguments.
func (m *Messages) T(id string) string { return m.Format(id, nil) }

// grammarText is a grammar.json text in the reader's language; its id follows
// from its place (webapp/src/grammar/messages.ts).
func (m *Messages) grammarText(key, englishText string) string {
	id := "oauth-manager.grammar." + key
	if _, ok := english[id]; !ok {
		return englishText
	}
	return m.T(id)
}
