package command

import (
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
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

func appWith(v string) *model.OAuthApp {
	return &model.OAuthApp{Id: appID, CreatorId: otherID, Name: v, Description: v, Homepage: v, IconURL: v, CallbackUrls: []string{v, "https://ok.example/cb"}, ClientSecret: "s3cret", CreateAt: 1, UpdateAt: 2}
}

// answers runs every verb the server half answers against one stored app
// whose every field (and its creator's username) is `value`.
func answers(t *testing.T, value string) map[string]string {
	api := serverAPI(t, perms{ownerID: {model.PermissionManageOAuth, model.PermissionManageSystemWideOAuth, model.PermissionManageSystem}})
	api.ExpectedCalls = nil
	api.On("HasPermissionTo", mock.Anything, mock.Anything).Return(true).Maybe()
	api.On("GetUser", mock.Anything).Return(&model.User{Username: value}, nil).Maybe()
	api.On("GetOAuthApp", appID).Return(func(string) *model.OAuthApp { return appWith(value) }, nil).Maybe()
	api.On("UpdateOAuthApp", mock.Anything).Return(func(a *model.OAuthApp) *model.OAuthApp { return a }, nil).Maybe()
	api.On("CreateOAuthApp", mock.Anything).Return(func(*model.OAuthApp) *model.OAuthApp { return appWith(value) }, nil).Maybe()
	api.On("DeleteOAuthApp", appID).Return(nil).Maybe()
	api.On("GetConfig").Return(&model.Config{}).Maybe()
	out := map[string]string{}
	for _, cmd := range []string{
		"/oauth show " + appID, "/oauth show " + appID + " --reveal", "/oauth info " + appID,
		"/oauth delete " + appID, "/oauth delete " + appID + " --yes",
		"/oauth edit " + appID + " --name Renamed --description changed --add-callback https://new.example/cb",
		"/oauth edit " + appID + " --remove-callback https://absent.example/cb",
		"/oauth create --name N --homepage https://h.example --callback https://h.example/cb",
	} {
		out[cmd] = run(api, true, ownerID, cmd)
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
			assert.Equal(t, shape(benign[cmd]), shape(answer), "%s with fields %q:\n%s", cmd, h, answer)
		}
	}
}

func TestShapeSeesInjectedMarkup(t *testing.T) {
	assert.NotEqual(t, shape("- **Name**: x"), shape("- **Name**: x\n\n# y"))
	assert.NotEqual(t, shape("a b"), shape("a ![](http://e/x.png)"))
	assert.NotEqual(t, shape("a b"), shape("a\rb"), "a lone CR is a line break in Mattermost")
	assert.Equal(t, shape("a \\[b\\]"), shape("a b"))
}
