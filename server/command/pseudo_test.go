package command

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/assert"
	"golang.org/x/text/language"
)

// The pseudo-locale: every message of the embedded English wrapped in ⟦…⟧.
// Run on the answer vectors, what is left outside the wrapping must be the
// vector's data (command, settings, REST answers) or the untranslated syntax:
// any other word came from code, bypassing the catalogue. The web half's twin
// is in webapp/src/slash/answer_vectors.test.ts.
const pseudoOpen, pseudoClose = '⟦', '⟧'

func pseudoMessages() *Messages {
	return NewMessages(func(id string) (string, language.Tag, bool) {
		source, ok := english[id]
		return string(pseudoOpen) + source + string(pseudoClose), language.English, ok
	})
}

var word = regexp.MustCompile(`\p{L}+`)

func outsideMessages(text string) string {
	var out strings.Builder
	depth := 0
	for _, r := range text {
		switch {
		case r == pseudoOpen:
			depth++
		case r == pseudoClose:
			depth--
		case depth == 0:
			out.WriteRune(r)
		}
	}
	return out.String()
}

// syntaxWords are never translated; "UTC" is the timestamps' format.
func syntaxWords(g *Grammar) map[string]bool {
	known := map[string]bool{}
	add := func(s string) {
		for _, w := range word.FindAllString(s, -1) {
			known[w] = true
		}
	}
	add("UTC USER " + g.Trigger)
	for _, v := range g.Verbs {
		add(v.Name)
		for _, a := range v.Args {
			add(strings.ToUpper(a.Name))
		}
		for _, f := range v.Flags {
			add(f.Name + " " + f.Value + " " + strings.Join(f.Values, " "))
		}
	}
	return known
}

func strayWords(t *testing.T, g *Grammar, v *answerVector, answer string) []string {
	data, err := json.Marshal([]any{v.Command, v.User, v.Settings, v.SiteURL, v.Rest})
	if err != nil {
		t.Fatal(err)
	}
	known := syntaxWords(g)
	for _, w := range word.FindAllString(string(data), -1) {
		known[w] = true
	}
	stray := []string{}
	seen := map[string]bool{}
	for _, w := range word.FindAllString(outsideMessages(answer), -1) {
		if !known[w] && !seen[w] {
			seen[w] = true
			stray = append(stray, w)
		}
	}
	return stray
}

func TestNoWordBypassesTheCatalogue(t *testing.T) {
	var vectors []answerVector
	readJSON(t, "answer_vectors.json", &vectors)
	g := Load()
	for i := range vectors {
		v := &vectors[i]
		if v.Answer.Opened {
			continue
		}
		t.Run(v.Name, func(t *testing.T) {
			env := &vectorEnv{v: v, rest: &cannedREST{answers: v.Rest, used: map[int]bool{}}, messages: pseudoMessages()}
			got := NewHandler(g, env).Answer("session", &model.CommandArgs{UserId: v.User.ID, Command: v.Command, TriggerId: "trigger"})
			assert.Contains(t, got, string(pseudoOpen))
			assert.Empty(t, strayWords(t, g, v, got))
		})
	}
}

// Every message id the Go code names is in the catalogue (ids built from parts,
// such as the grammar's, are checked by the vectors and the tests above).
func TestGoMessageIDsAreInTheCatalogue(t *testing.T) {
	ids := regexp.MustCompile(`"(oauth-manager\.[a-z0-9_.-]*[a-z0-9_])"`)
	files, err := readGoSources()
	if err != nil {
		t.Fatal(err)
	}
	for name, src := range files {
		for _, m := range ids.FindAllStringSubmatch(src, -1) {
			if _, ok := english[m[1]]; !ok && !strings.HasSuffix(m[1], ".") {
				t.Errorf("%s names %s, which webapp/i18n/en.json lacks", name, m[1])
			}
		}
	}
}

func readGoSources() (map[string]string, error) {
	files := map[string]string{}
	for _, dir := range []string{".", ".."} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".go") && !strings.HasSuffix(e.Name(), "_test.go") {
				data, err := os.ReadFile(filepath.Join(dir, e.Name()))
				if err != nil {
					return nil, err
				}
				files[filepath.Join(dir, e.Name())] = string(data)
			}
		}
	}
	return files, nil
}
