// Package command holds the /oauth grammar, its parser, help text and autocomplete.
// The grammar is data (grammar.json) shared with the webapp, so the Go and
// TypeScript halves cannot disagree about verbs and flags.
package command

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
)

//go:embed grammar.json
var grammarJSON []byte

// Kinds of positional arguments and flags.
const (
	KindBool = "bool"
	KindText = "text"
	KindURL  = "url"
	KindInt  = "int"
	KindEnum = "enum"
	KindApp  = "app"
	KindVerb = "verb"
	KindUser = "user"
)

// Grammar is the whole /oauth command language.
type Grammar struct {
	Trigger string `json:"trigger"`
	Summary string `json:"summary"`
	Verbs   []Verb `json:"verbs"`
}

// Verb is one sub-command such as "list" or "create".
type Verb struct {
	Name    string `json:"name"`
	Summary string `json:"summary"`
	Args    []Arg  `json:"args"`
	Flags   []Flag `json:"flags"`
	// Exclusive lists pairs of flags that cannot be given together.
	Exclusive [][2]string `json:"exclusive,omitempty"`
	// FormWhenBare: typed without options, the verb opens a form (a dialog on mobile).
	FormWhenBare bool `json:"formWhenBare,omitempty"`
	// Server: the server half answers the verb on every client, the web app
	// included (it owns the change trail, the bot and scheduled work).
	Server bool `json:"server,omitempty"`
}

// Arg is a positional argument.
type Arg struct {
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	Required bool   `json:"required"`
	Help     string `json:"help"`
}

// Flag is a --named option.
type Flag struct {
	Name       string   `json:"name"`
	Kind       string   `json:"kind"`
	Value      string   `json:"value,omitempty"`
	Values     []string `json:"values,omitempty"`
	Min        *int     `json:"min,omitempty"`
	Max        *int     `json:"max,omitempty"`
	Required   bool     `json:"required,omitempty"`
	Repeatable bool     `json:"repeatable,omitempty"`
	AllowEmpty bool     `json:"allowEmpty,omitempty"`
	Help       string   `json:"help"`
}

// Load decodes the embedded grammar. It panics on a malformed file because that
// is a build defect caught by the tests, never a runtime condition.
func Load() *Grammar {
	var g Grammar
	if err := json.Unmarshal(grammarJSON, &g); err != nil {
		panic(fmt.Sprintf("grammar.json: %v", err))
	}
	return &g
}

// Verb returns the named verb, or nil.
func (g *Grammar) Verb(name string) *Verb {
	for i := range g.Verbs {
		if g.Verbs[i].Name == name {
			return &g.Verbs[i]
		}
	}
	return nil
}

// VerbNames lists the verbs in grammar order.
func (g *Grammar) VerbNames() []string {
	names := make([]string, len(g.Verbs))
	for i, v := range g.Verbs {
		names[i] = v.Name
	}
	return names
}

// Flag returns the named flag of the verb, or nil.
func (v *Verb) Flag(name string) *Flag {
	for i := range v.Flags {
		if v.Flags[i].Name == name {
			return &v.Flags[i]
		}
	}
	return nil
}

// label is how an argument is written in usage lines: APP, VERB, @USER.
func (a Arg) label() string {
	if a.Kind == KindUser {
		return "@USER"
	}
	return strings.ToUpper(a.Name)
}
