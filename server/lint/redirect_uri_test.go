package lint

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// -update rewrites the expected findings of the lint cases in testdata/vectors.json
// from this half (review the diff); the matcher cases are written by hand.
var update = flag.Bool("update", false, "rewrite the lint findings in testdata/vectors.json")

// vectors is testdata/vectors.json, which webapp/src/lint/redirect_uri.test.ts
// runs too.
type vectors struct {
	Comment  []string `json:"comment"`
	Versions []struct {
		Version string  `json:"version"`
		Matcher Matcher `json:"matcher"`
	} `json:"versions"`
	Matches []struct {
		Note         string `json:"note"`
		URI          string `json:"uri"`
		Pattern      string `json:"pattern"`
		Glob         bool   `json:"glob"`
		PerComponent bool   `json:"per_component"`
	} `json:"matches"`
	Accepts []struct {
		Note      string   `json:"note"`
		URI       string   `json:"uri"`
		Allowlist []string `json:"allowlist"`
		Version   string   `json:"version"`
		Accepts   bool     `json:"accepts"`
	} `json:"accepts"`
	Lint []lintCase `json:"lint"`
}

type lintCase struct {
	Name          string    `json:"name"`
	URIs          []string  `json:"uris"`
	Allowlist     []string  `json:"allowlist"`
	ServerVersion string    `json:"serverVersion"`
	Findings      []Finding `json:"findings"`
}

// The versions the matcher vectors use for each matcher.
const (
	globVersion         = "11.9.0"
	perComponentVersion = "11.9.1"
)

func readVectors(t *testing.T) (*vectors, []byte) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "vectors.json"))
	require.NoError(t, err)
	var v vectors
	require.NoError(t, json.Unmarshal(data, &v))
	return &v, data
}

func TestVersions(t *testing.T) {
	v, _ := readVectors(t)
	require.NotEmpty(t, v.Versions)
	for _, c := range v.Versions {
		assert.Equal(t, c.Matcher, AllowlistMatcher(c.Version), "version %q", c.Version)
	}
}

func TestMatchVectors(t *testing.T) {
	v, _ := readVectors(t)
	require.NotEmpty(t, v.Matches)
	for _, c := range v.Matches {
		assert.Equal(t, c.Glob, MatchAllowlist(c.URI, c.Pattern, globVersion), "glob: %s: %q against %q", c.Note, c.URI, c.Pattern)
		assert.Equal(t, c.PerComponent, MatchAllowlist(c.URI, c.Pattern, perComponentVersion), "per component: %s: %q against %q", c.Note, c.URI, c.Pattern)
		assert.False(t, MatchAllowlist(c.URI, c.Pattern, "11.4.0"), "no allowlist before 11.5: %q", c.URI)
	}
}

// The per-component matcher agrees with the server's own code on every
// vector: server/public's model.RedirectURIMatchesGlob, which at the version
// this plugin builds against (v0.4.4, Mattermost 11.11) is that matcher.
func TestPerComponentIsTheServers(t *testing.T) {
	v, _ := readVectors(t)
	for _, c := range v.Matches {
		assert.Equal(t, model.RedirectURIMatchesGlob(c.URI, c.Pattern), MatchAllowlist(c.URI, c.Pattern, perComponentVersion), "%q against %q", c.URI, c.Pattern)
	}
	for _, c := range v.Accepts {
		if AllowlistMatcher(c.Version) == MatcherPerComponent {
			assert.Equal(t, model.RedirectURIMatchesAllowlist(c.URI, c.Allowlist), AllowlistAccepts(c.URI, c.Allowlist, c.Version), "%q in %q", c.URI, c.Allowlist)
		}
	}
}

func TestAcceptsVectors(t *testing.T) {
	v, _ := readVectors(t)
	require.NotEmpty(t, v.Accepts)
	for _, c := range v.Accepts {
		assert.Equal(t, c.Accepts, AllowlistAccepts(c.URI, c.Allowlist, c.Version), "%s: %q in %q at %s", c.Note, c.URI, c.Allowlist, c.Version)
	}
}

func TestLintVectors(t *testing.T) {
	v, data := readVectors(t)
	require.GreaterOrEqual(t, len(v.Lint), 60)
	codes := map[Code]bool{}
	for i, c := range v.Lint {
		got := Lint(c.URIs, Options{Allowlist: c.Allowlist, ServerVersion: c.ServerVersion})
		if *update {
			v.Lint[i].Findings = got
			continue
		}
		// Compare as JSON, so numbers and empty args compare as the file holds them.
		gotJSON, err := json.Marshal(got)
		require.NoError(t, err)
		wantJSON, err := json.Marshal(c.Findings)
		require.NoError(t, err)
		assert.JSONEq(t, string(wantJSON), string(gotJSON), "case %q", c.Name)
		for _, f := range got {
			codes[f.Code] = true
		}
	}
	if *update {
		rewriteLintFindings(t, v, data)
		return
	}
	for code := range severities {
		assert.True(t, codes[code], "no vector yields %s", code)
	}
}

// rewriteLintFindings writes the file back with the new findings, keeping the
// other sections as they are.
func rewriteLintFindings(t *testing.T, v *vectors, data []byte) {
	t.Helper()
	var raw map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(data, &raw))
	lint, err := json.Marshal(v.Lint)
	require.NoError(t, err)
	raw["lint"] = lint
	out, err := json.MarshalIndent(raw, "", "  ")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join("testdata", "vectors.json"), append(out, '\n'), 0o644))
}

func TestGlob(t *testing.T) {
	for _, c := range []struct {
		s, pattern string
		want       bool
	}{
		{"", "", true},
		{"", "*", true},
		{"", "**", true},
		{"a", "", false},
		{"abc", "a*c", true},
		{"a/c", "a*c", false},
		{"a/c", "a**c", true},
		{"a/b/c", "a***c", true},
		{"ab", "a*b*", true},
		{"a/", "a*", false},
		{"a/", "a*/", true},
		{"xaaab", "x*a*b", true},
	} {
		assert.Equal(t, c.want, glob(c.s, c.pattern), "%q against %q", c.s, c.pattern)
	}
}
