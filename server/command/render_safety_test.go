package command

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/readmodel"
)

// mattermostBreaks are the characters Mattermost's renderer also treats as
// line breaks; CommonMark parsers do not, so they are made newlines first.
var mattermostBreaks = strings.NewReplacer("\r", "\n", "\u2424", "\n", "\u2028", "\n", "\u2029", "\n", "\u0085", "\n")

var markdown = goldmark.New(goldmark.WithExtensions(extension.GFM))

// shape is a Markdown document's structure with every run of text and code
// spans reduced to one "Text": two answers of the same shape differ only in
// text. (A code span counts as text: a blank value is shown without one.)
func shape(src string) string {
	source := []byte(mattermostBreaks.Replace(src))
	doc := markdown.Parser().Parse(text.NewReader(source))
	var b strings.Builder
	var walk func(n ast.Node, depth int)
	walk = func(n ast.Node, depth int) {
		lastText := false
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			kind := c.Kind().String()
			if kind == "Text" || kind == "String" || kind == "CodeSpan" {
				if !lastText {
					b.WriteString(strings.Repeat(" ", depth) + "Text\n")
				}
				lastText = true
				// Mattermost shows every newline in a paragraph as a line break.
				if t, ok := c.(*ast.Text); ok && (t.SoftLineBreak() || t.HardLineBreak()) {
					b.WriteString(strings.Repeat(" ", depth) + "LineBreak\n")
					lastText = false
				}
				continue
			}
			lastText = false
			b.WriteString(strings.Repeat(" ", depth) + kind + "\n")
			walk(c, depth+1)
		}
	}
	walk(doc, 0)
	return b.String()
}

const (
	appID   = "abcdefghijklmnopqrstuvwxy1"
	editID  = "abcdefghijklmnopqrstuvwxy2"
	ownerID = "ownerownerownerownerowner1"
	otherID = "otherotherotherotherother1"
)

func appWith(v string) *model.OAuthApp {
	return &model.OAuthApp{Id: appID, CreatorId: otherID, Name: v, Description: v, Homepage: v, IconURL: v, CallbackUrls: []string{v, "https://ok.example/cb"}, ClientSecret: "s3cret", CreateAt: 1, UpdateAt: 2}
}

func jsonOf(t *testing.T, v any) json.RawMessage {
	data, err := json.Marshal(v)
	require.NoError(t, err)
	return data
}

// answers runs every verb that shows app data against a server whose one app
// has `value` in every field (and whose creator's username is `value`).
func answers(t *testing.T, value string) map[string]string {
	app := jsonOf(t, appWith(value))
	// An edit is validated before it is sent, so its URLs are valid ones.
	valid := appWith(value)
	valid.Id, valid.Homepage, valid.IconURL, valid.CallbackUrls = editID, "https://ok.example", "", []string{"https://ok.example/cb"}
	editable := jsonOf(t, valid)
	a := appWith(value)
	// The read model's row of the same app: a hostile creator username, usage and every state.
	yes := true
	listing := jsonOf(t, Listing{Total: 1, StaleAfterDays: 90, Apps: []readmodel.App{{
		ID: a.Id, Name: value, Description: value, Homepage: value, IconURL: value, CallbackURLs: a.CallbackUrls, CreatorID: otherID, CreatorUsername: value,
		CreateAt: 1, UpdateAt: 2, Legacy: true, Usage: &readmodel.Usage{AuthorizedUsers: 2, LiveTokens: 1, LiveSessions: 1, LastUsed: 3},
		States: readmodel.States{NeverUsed: new(bool), Stale: &yes, Orphaned: true, Legacy: true},
	}}})
	sanitized := appWith(value)
	sanitized.ClientSecret = ""
	rest := []restAnswer{
		{Method: "GET", Path: "/api/v4/oauth/apps/" + appID, Body: app},
		{Method: "GET", Path: "/api/v4/oauth/apps/" + appID + "/info", Body: jsonOf(t, sanitized)},
		{Method: "GET", Path: "/api/v4/oauth/apps/" + editID, Body: editable},
		{Method: "PUT", Path: "/api/v4/oauth/apps/" + editID, Body: editable},
		{Method: "DELETE", Path: "/api/v4/oauth/apps/" + appID, Body: json.RawMessage(`{"status":"OK"}`)},
		{Method: "POST", Path: "/api/v4/oauth/apps/" + appID + "/regen_secret", Body: app},
		{Method: "POST", Path: "/api/v4/oauth/apps", Status: 201, Body: app},
		{Method: "POST", Path: "/api/v4/users/ids", Body: jsonOf(t, []*model.User{{Id: otherID, Username: value}})},
		{Method: "GET", Path: "/api/v4/users/" + ownerID + "/oauth/apps/authorized?page=0&per_page=200", Body: jsonOf(t, []*model.OAuthApp{sanitized})},
		{Method: "GET", Path: "/plugins/oauth-manager/api/v1/apps?page=0&per_page=50", Body: listing},
		{Method: "GET", Path: "/plugins/oauth-manager/api/v1/apps?id=" + appID + "&per_page=1", Body: listing},
		{Method: "GET", Path: "/plugins/oauth-manager/api/v1/apps?all=true", Body: listing},
	}
	v := &answerVector{SiteURL: "http://mm.example.com"}
	v.Settings.RevealSecretsInChat = true
	v.Settings.DefaultPageSize = 50
	out := map[string]string{}
	for _, cmd := range []string{
		"/oauth show " + appID, "/oauth show " + appID + " --reveal", "/oauth info " + appID, "/oauth list",
		"/oauth delete " + appID, "/oauth delete " + appID + " --yes", "/oauth regen-secret " + appID, "/oauth regen-secret " + appID + " --yes",
		"/oauth edit " + editID + " --name Renamed --description changed --add-callback https://new.example/cb",
		"/oauth edit " + editID + " --remove-callback https://absent.example/cb",
		"/oauth create --name N --homepage https://h.example --callback https://h.example/cb",
		"/oauth authorized", "/oauth lint", "/oauth lint " + appID,
	} {
		env := &vectorEnv{v: v, rest: &cannedREST{answers: rest, used: map[int]bool{}}}
		out[cmd] = NewHandler(Load(), env).Answer("session", &model.CommandArgs{UserId: ownerID, Command: cmd})
		require.Empty(t, env.rest.unexpected, cmd)
	}
	return out
}

// TestHostileAppDataStaysText: whatever an app's fields hold, every answer has
// the same Markdown structure as for a plain app: no link, image, heading,
// list, table row or line comes from app data.
func TestHostileAppDataStaysText(t *testing.T) {
	var hostile []string
	readJSON(t, "hostile.json", &hostile)
	benign := answers(t, "Benign")
	for _, h := range hostile {
		got := answers(t, h)
		for cmd, answer := range got {
			if (cmd == "/oauth list" || cmd == "/oauth authorized") && strings.TrimSpace(h) == "" {
				continue // a blank name is an empty table cell: no markup, but no text node either
			}
			// How many findings the redirect-URI lint has depends on the URI:
			// each finding line is held to the shape of one, the rest as a whole.
			rest, findings := splitFindings(answer)
			for _, f := range findings {
				assert.True(t, findingShapes[shape(f)], "%s with fields %q: a finding line of an unknown shape:\n%s", cmd, h, f)
			}
			benignRest, _ := splitFindings(benign[cmd])
			assert.Equal(t, shape(benignRest), shape(rest), "%s with fields %q:\n%s", cmd, h, answer)
		}
	}
}

// findingShapes are the shapes a finding line may have: one per message, with
// plain arguments.
var findingShapes = func() map[string]bool {
	shapes := map[string]bool{}
	m := English()
	for id := range english {
		if strings.HasPrefix(id, "oauth-manager.lint.") {
			msg := m.Format(id, Args{"host": "h", "ip_uri": "i", "other_number": 1})
			line := m.Format("oauth-manager.chat.lint.finding", Args{"severity": "error", "uri": "`x`", "message": msg})
			shapes[shape(line)] = true
		}
	}
	return shapes
}()

// splitFindings takes the redirect-URI lint's finding lines out of an answer
// (app data is flattened to one line, so it cannot start a line of its own).
func splitFindings(answer string) (rest string, findings []string) {
	var kept []string
	for _, line := range strings.Split(answer, "\n") {
		if strings.HasPrefix(line, "- **error** ") || strings.HasPrefix(line, "- **warning** ") {
			findings = append(findings, line)
			continue
		}
		kept = append(kept, line)
	}
	return strings.Join(kept, "\n"), findings
}

func TestShapeSeesInjectedMarkup(t *testing.T) {
	assert.NotEqual(t, shape("- **Name**: x"), shape("- **Name**: x\n\n# y"))
	assert.NotEqual(t, shape("a b"), shape("a ![](http://e/x.png)"))
	assert.NotEqual(t, shape("a b"), shape("a\rb"), "a lone CR is a line break in Mattermost")
	assert.Equal(t, shape("a \\[b\\]"), shape("a b"))
}
