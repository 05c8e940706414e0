package setup

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func metadata(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

var site = EndpointsFrom(metadata(map[string]string{
	"issuer":                 "https://chat.example.com/",
	"authorization_endpoint": "https://chat.example.com/oauth/authorize",
	"token_endpoint":         "https://chat.example.com/oauth/access_token",
}))

const clientID = "abcdefghijklmnopqrstuvwxyz"

func TestEndpointsFromMetadata(t *testing.T) {
	assert.Equal(t, Endpoints{
		Issuer:        "https://chat.example.com/",
		Authorization: "https://chat.example.com/oauth/authorize",
		Token:         "https://chat.example.com/oauth/access_token",
		UserInfo:      "https://chat.example.com/api/v4/users/me",
	}, site)
	assert.Equal(t, "", EndpointsFrom(metadata(nil)).UserInfo, "no issuer, no user info endpoint")
	sub := EndpointsFrom(metadata(map[string]string{"issuer": "https://example.com/chat"}))
	assert.Equal(t, "https://example.com/chat/api/v4/users/me", sub.UserInfo, "the Site URL's subpath stays")
}

func TestUserInfoFields(t *testing.T) {
	fields := UserInfoFields()
	byClaim := map[string]Field{}
	for _, f := range fields {
		byClaim[f.Claim] = f
	}
	assert.Equal(t, "id", byClaim["sub"].Source, "the subject is the string id")
	assert.Equal(t, "username", byClaim["preferred_username"].Source)
	assert.Equal(t, "", byClaim["name"].Source, "Mattermost has no name field")
	assert.NotEmpty(t, byClaim["name"].Note)
}

func TestEveryRecipeCitesSourcesAndHasNotes(t *testing.T) {
	for _, name := range Names() {
		for _, public := range []bool{false, true} {
			r, ok := Build(name, site, App{ClientID: clientID, Public: public})
			require.True(t, ok, name)
			assert.NotEmpty(t, r.Sources, name)
			for _, s := range r.Sources {
				assert.True(t, strings.HasPrefix(s, "https://"), s)
			}
			assert.Contains(t, []string{Ready, Unconfirmed, Unsupported}, r.Status)
			if r.Status == Unsupported {
				assert.Empty(t, r.Block, name)
				assert.NotEmpty(t, r.Notes, "an unsupported client says why: %s", name)
				continue
			}
			assert.Contains(t, r.Block, clientID, name)
			assert.Contains(t, r.Block, site.Authorization, name)
			assert.Contains(t, r.Block, site.Token, name)
			assert.Contains(t, r.Block, site.UserInfo, name)
			if public {
				assert.NotContains(t, r.Block, SecretPlaceholder, "a public client has no secret: %s", name)
			} else {
				assert.Contains(t, r.Block, SecretPlaceholder, name)
			}
		}
	}
	_, ok := Build("nextcloud", site, App{})
	assert.False(t, ok)
}

func TestGrafana(t *testing.T) {
	r, _ := Build("grafana", site, App{ClientID: clientID})
	assert.Equal(t, Ready, r.Status)
	for _, line := range []string{
		"[auth.generic_oauth]",
		"client_id = " + clientID,
		"client_secret = " + SecretPlaceholder,
		"api_url = https://chat.example.com/api/v4/users/me",
		"auth_style = InParams",
		"use_pkce = true",
		"login_attribute_path = username",
		"email_attribute_path = email",
		"id_attribute_path = id",
	} {
		assert.Contains(t, strings.Split(r.Block, "\n"), line)
	}
	public, _ := Build("grafana", site, App{ClientID: clientID, Public: true})
	assert.Equal(t, Unconfirmed, public.Status)
}

func TestGitLabQuotesRubyStrings(t *testing.T) {
	e := site
	e.Issuer = `https://chat.example.com/it's\`
	r, _ := Build("gitlab", e, App{ClientID: clientID})
	assert.Contains(t, r.Block, `'site' => 'https://chat.example.com/it\'s\\',`)
	assert.Contains(t, r.Block, "id_path: ['id']")
	public, _ := Build("gitlab", site, App{ClientID: clientID, Public: true})
	assert.Equal(t, Unsupported, public.Status)
}

func TestOutlineIsNotOIDC(t *testing.T) {
	r, _ := Build("outline", site, App{ClientID: clientID})
	assert.Equal(t, Unconfirmed, r.Status)
	assert.NotContains(t, r.Block, "OIDC_ISSUER_URL", "discovery would fail: Mattermost has no OpenID Connect discovery document")
	assert.Contains(t, r.Block, "OIDC_USERNAME_CLAIM=username")
	assert.Contains(t, r.Notes, "oauth-manager.setup.outline.not_oidc")
}

func TestGiteaUnsupported(t *testing.T) {
	r, _ := Build("gitea", site, App{ClientID: clientID})
	assert.Equal(t, Unsupported, r.Status)
	assert.Empty(t, r.Block)
}

func TestValuesStayOnOneLine(t *testing.T) {
	e := site
	e.Token = "https://chat.example.com/oauth/access_token\n[evil]\r\nx = 1\u2028"
	r, _ := Build("grafana", e, App{ClientID: "id\nclient_secret = leaked"})
	assert.Contains(t, r.Block, "token_url = https://chat.example.com/oauth/access_token[evil]x = 1\n")
	assert.NotContains(t, r.Block, "\nclient_secret = leaked")
}

func TestFence(t *testing.T) {
	assert.Equal(t, "```", Fence("plain"))
	assert.Equal(t, "````", Fence("a ``` b"))
	assert.Equal(t, "``````", Fence("`````"))
}

func TestClientsListEveryRecipe(t *testing.T) {
	clients := Clients(App{})
	require.Len(t, clients, len(Names()))
	for i, c := range clients {
		assert.Equal(t, Names()[i], c.Name)
		assert.NotEmpty(t, c.Title)
	}
}
