package command

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// -update rewrites the golden files the webapp tests compare against.
var update = flag.Bool("update", false, "rewrite testdata/*.golden.json and the expected results in vectors.json")

type vector struct {
	Input  string      `json:"input"`
	Parsed *Parsed     `json:"parsed,omitempty"`
	Error  *ParseError `json:"error,omitempty"`
}

func readJSON(t *testing.T, name string, v any) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, v))
}

func writeJSON(t *testing.T, name string, v any) {
	t.Helper()
	data, err := json.MarshalIndent(v, "", "  ")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join("testdata", name), append(data, '\n'), 0o644))
}

// TestParseVectors runs the parser vectors shared with the webapp parser.
func TestParseVectors(t *testing.T) {
	g := Load()
	var vectors []vector
	readJSON(t, "vectors.json", &vectors)
	require.NotEmpty(t, vectors)
	for i, v := range vectors {
		parsed, perr := g.Parse(v.Input)
		if *update {
			vectors[i].Parsed, vectors[i].Error = parsed, perr
			continue
		}
		// Round-trip through JSON so ints and string lists compare as the file holds them.
		got, err := json.Marshal(vector{Input: v.Input, Parsed: parsed, Error: perr})
		require.NoError(t, err)
		want, err := json.Marshal(v)
		require.NoError(t, err)
		assert.JSONEq(t, string(want), string(got), "input %q", v.Input)
	}
	if *update {
		writeJSON(t, "vectors.json", vectors)
	}
}

// TestHelpGolden pins the help texts and usage lines the webapp must render identically.
func TestHelpGolden(t *testing.T) {
	g := Load()
	got := map[string]string{"": g.Help(English(), "")}
	for i := range g.Verbs {
		v := &g.Verbs[i]
		got[v.Name] = g.Help(English(), v.Name)
		got["usage:"+v.Name] = g.Usage(v)
	}
	if *update {
		writeJSON(t, "help.golden.json", got)
		return
	}
	var want map[string]string
	readJSON(t, "help.golden.json", &want)
	assert.Equal(t, want, got)
}

// TestGrammarDrift fails when a verb is added to the grammar or to the Go
// handlers without the other, or when autocomplete misses a verb or flag.
func TestGrammarDrift(t *testing.T) {
	g := Load()
	h := NewHandler(g, nil)
	handled := make([]string, 0, len(h.verbs))
	for name := range h.verbs {
		handled = append(handled, name)
	}
	declared := g.VerbNames()
	sort.Strings(handled)
	sort.Strings(declared)
	assert.Equal(t, declared, handled, "verbs in grammar.json and the Go handlers differ")

	ac := g.Autocomplete(English(), "")
	require.NoError(t, ac.IsValid())
	require.Len(t, ac.SubCommands, len(g.Verbs))
	for i, v := range g.Verbs {
		sub := ac.SubCommands[i]
		assert.Equal(t, v.Name, sub.Trigger)
		named := map[string]bool{}
		for _, a := range sub.Arguments {
			if a.Name != "" {
				named[a.Name] = true
			}
		}
		for _, f := range v.Flags {
			assert.True(t, named[f.Name], "autocomplete of %s lacks --%s", v.Name, f.Name)
		}
		assert.Len(t, named, len(v.Flags), "autocomplete of %s has flags the grammar lacks", v.Name)
	}
}

func TestGrammarIsWellFormed(t *testing.T) {
	g := Load()
	kinds := map[string]bool{KindBool: true, KindText: true, KindURL: true, KindInt: true, KindEnum: true}
	seen := map[string]bool{}
	for _, v := range g.Verbs {
		assert.False(t, seen[v.Name], "verb %s twice", v.Name)
		seen[v.Name] = true
		assert.NotEmpty(t, v.Summary, v.Name)
		for _, f := range v.Flags {
			assert.True(t, kinds[f.Kind], "%s --%s has unknown kind %q", v.Name, f.Name, f.Kind)
			assert.NotEmpty(t, f.Help)
			if f.Kind != KindBool {
				assert.NotEmpty(t, f.Value, "%s --%s needs a value label", v.Name, f.Name)
			}
		}
		for _, pair := range v.Exclusive {
			assert.NotNil(t, v.Flag(pair[0]), "%s exclusive names unknown --%s", v.Name, pair[0])
			assert.NotNil(t, v.Flag(pair[1]), "%s exclusive names unknown --%s", v.Name, pair[1])
		}
	}
}

func TestExecuteAnswersEphemerally(t *testing.T) {
	v := &answerVector{SiteURL: "http://mm.example.com"}
	h := NewHandler(Load(), &vectorEnv{v: v, rest: &cannedREST{used: map[int]bool{}}})
	resp := h.Execute("session", &model.CommandArgs{Command: "/oauth help list"})
	assert.Equal(t, model.CommandResponseTypeEphemeral, resp.ResponseType)
	assert.Contains(t, resp.Text, "`/oauth list [--mine]")

	resp = h.Execute("session", &model.CommandArgs{Command: "/oauth show"})
	assert.Equal(t, model.CommandResponseTypeEphemeral, resp.ResponseType)
	assert.Equal(t, `/oauth show needs APP&#58; client id or exact name of the app\. Usage&#58; /oauth show APP \[\-\-reveal\]`, resp.Text)

	resp = h.Execute("session", &model.CommandArgs{Command: "/oauth create", TriggerId: "t"})
	assert.Empty(t, resp.Text, "a bare create opens a dialog and posts nothing")
}
