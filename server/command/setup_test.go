package command

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/setup"
)

const setupMetadata = `{"issuer":"http://mm.example.com","authorization_endpoint":"http://mm.example.com/oauth/authorize","token_endpoint":"http://mm.example.com/oauth/access_token","response_types_supported":["code"]}`

func setupHandler(t *testing.T, app *model.OAuthApp, metadataStatus int) (*Handler, *vectorEnv) {
	answers := []restAnswer{{Method: "GET", Path: "/api/v4/oauth/apps/" + app.Id, Body: jsonOf(t, app)}}
	if metadataStatus == 0 {
		answers = append(answers, restAnswer{Method: "GET", Path: "/.well-known/oauth-authorization-server", Body: json.RawMessage(setupMetadata)})
	} else {
		answers = append(answers, restAnswer{Method: "GET", Path: "/.well-known/oauth-authorization-server", Status: metadataStatus, Body: json.RawMessage(`{"id":"api.oauth.authorization_server_metadata.disabled.app_error","message":"off","status_code":501}`)})
	}
	env := &vectorEnv{v: &answerVector{SiteURL: "http://mm.example.com"}, rest: &cannedREST{used: map[int]bool{}, answers: answers}}
	return NewHandler(Load(), env), env
}

func TestSetupClientFlagListsEveryRecipe(t *testing.T) {
	f := Load().Verb("setup").Flag("client")
	require.NotNil(t, f)
	assert.Equal(t, KindEnum, f.Kind)
	assert.Equal(t, setup.Names(), f.Values)
}

func TestSetupGenericValues(t *testing.T) {
	app := &model.OAuthApp{Id: appID, Name: "Build `bot`", ClientSecret: "very-secret-value", CallbackUrls: []string{"https://ci.example.com/cb"}}
	h, _ := setupHandler(t, app, 0)
	got := h.Answer("s", &model.CommandArgs{UserId: ownerID, Command: "/oauth setup " + appID})
	assert.NotContains(t, got, "very-secret-value")
	assert.Contains(t, got, "Client setup: Build \\`bot\\`")
	assert.Contains(t, got, "`http://mm.example.com/api/v4/users/me`")
	assert.Contains(t, got, "`/oauth show "+appID+" --reveal`")
	assert.Contains(t, got, "`client_secret_post`")
	assert.Contains(t, got, "| `sub` | `id` |")
	assert.Contains(t, got, "`/oauth setup "+appID+" --client grafana`")
	assert.Contains(t, got, "`https://ci.example.com/cb`")
}

func TestSetupRecipeNeverPrintsTheSecret(t *testing.T) {
	app := &model.OAuthApp{Id: appID, Name: "Grafana", ClientSecret: "very-secret-value"}
	h, _ := setupHandler(t, app, 0)
	got := h.Answer("s", &model.CommandArgs{UserId: ownerID, Command: "/oauth setup " + appID + " --client grafana"})
	assert.NotContains(t, got, "very-secret-value")
	assert.Contains(t, got, "```ini\n[auth.generic_oauth]\n")
	assert.Contains(t, got, "client_secret = "+setup.SecretPlaceholder+"\n")
	assert.Contains(t, got, "https://grafana.com/docs/")
}

func TestSetupFenceOutlastsBackticksInValues(t *testing.T) {
	app := &model.OAuthApp{Id: appID, Name: "x", ClientSecret: "s"}
	h, env := setupHandler(t, app, 0)
	env.rest.answers[1].Body = json.RawMessage(`{"issuer":"http://mm.example.com/` + "````" + `","authorization_endpoint":"a","token_endpoint":"t"}`)
	got := h.Answer("s", &model.CommandArgs{UserId: ownerID, Command: "/oauth setup " + appID + " --client gitlab"})
	assert.Contains(t, got, "`````ruby\n")
	assert.Equal(t, 2, strings.Count(got, "\n`````"), "opened and closed once")
}

func TestSetupPublicAppHasNoSecretLine(t *testing.T) {
	app := &model.OAuthApp{Id: appID, Name: "SPA"}
	h, _ := setupHandler(t, app, 0)
	got := h.Answer("s", &model.CommandArgs{UserId: ownerID, Command: "/oauth setup " + appID + " --client grafana"})
	assert.NotContains(t, got, "client_secret =")
	assert.Contains(t, got, "PKCE (S256) is required")
	generic := h.Answer("s", &model.CommandArgs{UserId: ownerID, Command: "/oauth setup " + appID})
	assert.Contains(t, generic, "a public client, which must use PKCE")
}

func TestSetupProviderOff(t *testing.T) {
	app := &model.OAuthApp{Id: appID, Name: "x", ClientSecret: "s"}
	h, _ := setupHandler(t, app, 501)
	got := h.Answer("s", &model.CommandArgs{UserId: ownerID, Command: "/oauth setup " + appID})
	assert.Contains(t, got, "Enable OAuth 2.0 Service Provider")
}

func TestSetupRouteData(t *testing.T) {
	app := &model.OAuthApp{Id: appID, Name: "x", ClientSecret: "very-secret-value", CallbackUrls: []string{"https://e.example/cb"}}
	h, env := setupHandler(t, app, 0)
	api, _ := env.Caller("s")
	a, err := h.Setup(api, appID, "outline")
	require.Nil(t, err)
	data, _ := json.Marshal(a)
	assert.NotContains(t, string(data), "very-secret-value")
	require.NotNil(t, a.Recipe)
	assert.Equal(t, setup.Unconfirmed, a.Recipe.Status)
	assert.Equal(t, "http://mm.example.com/api/v4/users/me", a.Endpoints.UserInfo)
	_, err = h.Setup(api, appID, "nope")
	require.NotNil(t, err)
	assert.Equal(t, 400, err.Status)
}

// The recipes' notes are message ids (webapp/src/i18n/server_setup.ts), and
// every status has its label and line.
func TestSetupNotesAreInTheCatalogue(t *testing.T) {
	e := setup.Endpoints{Issuer: "i", Authorization: "a", Token: "t", UserInfo: "u"}
	for _, f := range setup.UserInfoFields() {
		if f.Note != "" {
			assert.Contains(t, english, f.Note)
		}
	}
	for _, name := range setup.Names() {
		for _, public := range []bool{false, true} {
			r, _ := setup.Build(name, e, setup.App{ClientID: appID, Public: public})
			for _, n := range r.Notes {
				assert.Contains(t, english, n, name)
			}
			assert.Contains(t, english, "oauth-manager.setup.status."+r.Status)
			assert.Contains(t, english, "oauth-manager.setup.status."+r.Status+".line")
		}
	}
}
