// Package setup holds the client setup recipes (issue 15): for one OAuth app,
// the values a client needs to sign users in with Mattermost as its OAuth 2.0
// provider, and short recipes for common clients that offer "Login with
// Mattermost" through a generic OAuth2 or OpenID Connect setting.
//
// It is data only: the endpoints come from the server's RFC 8414 metadata as
// the caller read it through REST, the app's fields from the REST API. The
// chat verb (/oauth setup) and the console's route format the same answer.
//
// What Mattermost is as a provider (docs/reference: oauth-semantics): OAuth 2.0
// only, not OpenID Connect. There is no id_token and no
// /.well-known/openid-configuration; user info is the REST API's own
// GET /api/v4/users/me, whose "id" is a 26-character string (there is no
// "sub" and no "name"); the token endpoint reads the client secret from the
// form body (client_secret_post, not a Basic header); public clients must use
// PKCE with S256; the scope is not checked (every token acts as the user).
package setup

import (
	"strings"
	"unicode"
)

// UserInfoPath is where Mattermost answers who the token's user is.
const UserInfoPath = "/api/v4/users/me"

// SecretPlaceholder stands for the client secret in every settings block:
// the secret itself is never written there.
const SecretPlaceholder = "PASTE_THE_CLIENT_SECRET_HERE"

// Statuses of a recipe.
const (
	// Ready: every setting is in the client's documentation.
	Ready = "ready"
	// Unconfirmed: the client documents these settings, but something the
	// recipe depends on could not be confirmed (the notes say what).
	Unconfirmed = "unconfirmed"
	// Unsupported: the client cannot use Mattermost as documented; the notes say why.
	Unsupported = "unsupported"
)

// Endpoints are the addresses a client is configured with.
type Endpoints struct {
	Issuer        string `json:"issuer"`
	Authorization string `json:"authorization_endpoint"`
	Token         string `json:"token_endpoint"`
	UserInfo      string `json:"userinfo_endpoint"`
}

// EndpointsFrom reads the metadata document's fields (get answers "" for a
// missing one). The user info endpoint is not in the metadata: it is the
// REST API under the issuer (the Site URL).
func EndpointsFrom(get func(key string) string) Endpoints {
	issuer := get("issuer")
	e := Endpoints{Issuer: issuer, Authorization: get("authorization_endpoint"), Token: get("token_endpoint")}
	if issuer != "" {
		e.UserInfo = strings.TrimRight(issuer, "/") + UserInfoPath
	}
	return e
}

// Field is where a usual user claim is in Mattermost's user info.
type Field struct {
	Claim  string `json:"claim"`  // the OpenID Connect name clients look for
	Source string `json:"source"` // the field of /api/v4/users/me ("" when there is none)
	Note   string `json:"note"`   // message id of what to know ("" when nothing)
}

// UserInfoFields is the user-info mapping every recipe follows.
func UserInfoFields() []Field {
	return []Field{
		{Claim: "sub", Source: "id", Note: "oauth-manager.setup.field.id"},
		{Claim: "preferred_username", Source: "username", Note: ""},
		{Claim: "email", Source: "email", Note: "oauth-manager.setup.field.email"},
		{Claim: "given_name", Source: "first_name", Note: "oauth-manager.setup.field.optional"},
		{Claim: "family_name", Source: "last_name", Note: "oauth-manager.setup.field.optional"},
		{Claim: "name", Source: "", Note: "oauth-manager.setup.field.no_name"},
	}
}

// App is what a recipe needs of an app.
type App struct {
	ClientID     string
	Public       bool
	CallbackURLs []string
}

// Recipe is one client's settings for one app.
type Recipe struct {
	Name     string `json:"name"`     // what --client takes
	Title    string `json:"title"`    // the product's name
	Status   string `json:"status"`   // Ready, Unconfirmed or Unsupported
	Callback string `json:"callback"` // the callback URL to register on the app, with the client's host as a placeholder
	Where    string `json:"where"`    // where the block goes
	Language string `json:"language"` // the block's syntax: ini, ruby, sh ("" when there is no block)
	Block    string `json:"block"`    // the settings, the secret as SecretPlaceholder ("" when unsupported)
	// Notes are message ids (webapp/src/i18n/server_setup.ts), in order.
	Notes []string `json:"notes"`
	// Sources are the client's documentation the recipe follows.
	Sources []string `json:"sources"`
}

// Client is one entry of the recipe list.
type Client struct {
	Name   string `json:"name"`
	Title  string `json:"title"`
	Status string `json:"status"`
}

type recipe struct {
	name, title, callback, where, language string
	sources                                []string
	build                                  func(e Endpoints, app App) (status, block string, notes []string)
}

// The recipes, in the order they are listed. Each cites the documentation
// its settings come from; a setting that documentation does not show is left
// out or named in a note as unconfirmed.
var recipes = []recipe{
	{
		// Grafana, [auth.generic_oauth]: auth_url, token_url, api_url,
		// client_id, client_secret, empty_scopes, auth_style (AutoDetect,
		// InParams, InHeader), use_pkce, and the JMESPath settings
		// login_attribute_path, email_attribute_path, id_attribute_path and
		// name_attribute_path read from the api_url answer; callback
		// /login/generic_oauth. Sources:
		// https://grafana.com/docs/grafana/v12.4/setup-grafana/configure-access/configure-authentication/generic-oauth/
		// https://grafana.com/docs/grafana/v9.3/setup-grafana/configure-security/configure-authentication/generic-oauth/
		// (auth_style and use_pkce in the example configuration).
		name: "grafana", title: "Grafana", callback: "https://GRAFANA_HOST/login/generic_oauth",
		where: "grafana.ini", language: "ini",
		sources: []string{
			"https://grafana.com/docs/grafana/v12.4/setup-grafana/configure-access/configure-authentication/generic-oauth/",
			"https://grafana.com/docs/grafana/v9.3/setup-grafana/configure-security/configure-authentication/generic-oauth/",
		},
		build: grafana,
	},
	{
		// GitLab, the omniauth-oauth2-generic strategy (name oauth2_generic):
		// app_id, app_secret, args.client_options site, authorize_url,
		// token_url and user_info_url, args.user_response_structure root_path,
		// id_path and attributes, strategy_class; callback
		// /users/auth/oauth2_generic/callback. Sources:
		// https://docs.gitlab.com/14.10/ee/integration/oauth2_generic.html
		// https://www.rubydoc.info/gems/omniauth-oauth2-generic/0.2.4 (the gem's
		// README, which the GitLab page defers to for the provider's settings)
		// auth_scheme is an option of the oauth2 gem underneath, whose v2
		// sends the secret in a Basic header by default:
		// https://github.com/digitalocean/omniauth-digitalocean/pull/26
		name: "gitlab", title: "GitLab", callback: "https://GITLAB_HOST/users/auth/oauth2_generic/callback",
		where: "/etc/gitlab/gitlab.rb", language: "ruby",
		sources: []string{
			"https://docs.gitlab.com/14.10/ee/integration/oauth2_generic.html",
			"https://www.rubydoc.info/gems/omniauth-oauth2-generic/0.2.4",
			"https://github.com/digitalocean/omniauth-digitalocean/pull/26",
		},
		build: gitlab,
	},
	{
		// Outline, OpenID Connect with manual endpoints: OIDC_CLIENT_ID,
		// OIDC_CLIENT_SECRET, OIDC_AUTH_URI, OIDC_TOKEN_URI,
		// OIDC_USERINFO_URI (all required when not discovered),
		// OIDC_USERNAME_CLAIM, OIDC_DISPLAY_NAME, OIDC_SCOPES; callback
		// /auth/oidc.callback (as the identity providers' Outline guides
		// register it). Sources:
		// https://docs.getoutline.com/s/hosting/doc/oidc-8CPBm6uC0I
		// https://docs.goauthentik.io/integrations/services/outline/
		name: "outline", title: "Outline", callback: "https://OUTLINE_HOST/auth/oidc.callback",
		where: ".env", language: "sh",
		sources: []string{
			"https://docs.getoutline.com/s/hosting/doc/oidc-8CPBm6uC0I",
			"https://docs.goauthentik.io/integrations/services/outline/",
		},
		build: outline,
	},
	{
		// Gitea and Forgejo: an authentication source of type OAuth2 names a
		// provider; for one that is not built in, the documented choice is
		// "OpenID Connect" with an auto discovery URL
		// (/.well-known/openid-configuration), which Mattermost does not
		// serve. No generic OAuth2 provider with a configurable user-info
		// mapping is documented. Sources:
		// https://pocket-id.org/docs/client-examples/gitea
		// https://www.authelia.com/integration/openid-connect/gitea/
		name: "gitea", title: "Gitea / Forgejo", callback: "https://GITEA_HOST/user/oauth2/SOURCE_NAME/callback",
		where: "", language: "",
		sources: []string{
			"https://pocket-id.org/docs/client-examples/gitea",
			"https://www.authelia.com/integration/openid-connect/gitea/",
		},
		build: func(Endpoints, App) (string, string, []string) {
			return Unsupported, "", []string{"oauth-manager.setup.gitea.no_oidc", "oauth-manager.setup.gitea.alternative"}
		},
	},
}

// Clients lists the recipes for an app (public clients change some statuses).
func Clients(app App) []Client {
	out := make([]Client, len(recipes))
	for i, r := range recipes {
		status, _, _ := r.build(Endpoints{}, app)
		out[i] = Client{Name: r.name, Title: r.title, Status: status}
	}
	return out
}

// Names are the recipes' names, as --client takes them.
func Names() []string {
	out := make([]string, len(recipes))
	for i, r := range recipes {
		out[i] = r.name
	}
	return out
}

// Build is the named client's recipe for the app; false when there is none.
func Build(name string, e Endpoints, app App) (Recipe, bool) {
	for _, r := range recipes {
		if r.name != name {
			continue
		}
		status, block, notes := r.build(clean(e), App{ClientID: value(app.ClientID), Public: app.Public, CallbackURLs: app.CallbackURLs})
		if notes == nil {
			notes = []string{}
		}
		return Recipe{
			Name: r.name, Title: r.title, Status: status, Callback: r.callback, Where: r.where,
			Language: r.language, Block: block, Notes: notes, Sources: append([]string(nil), r.sources...),
		}, true
	}
	return Recipe{}, false
}

// value keeps a value on one line: control characters (line breaks above
// all) would end an ini or .env line, or a Ruby string, early.
func value(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return -1
		}
		return r
	}, s)
}

func clean(e Endpoints) Endpoints {
	return Endpoints{Issuer: value(e.Issuer), Authorization: value(e.Authorization), Token: value(e.Token), UserInfo: value(e.UserInfo)}
}

func lines(l ...string) string { return strings.Join(l, "\n") }

func grafana(e Endpoints, app App) (string, string, []string) {
	block := []string{
		"[auth.generic_oauth]",
		"enabled = true",
		"name = Mattermost",
		"client_id = " + app.ClientID,
	}
	notes := []string{"oauth-manager.setup.grafana.scopes", "oauth-manager.setup.grafana.paths"}
	status := Ready
	if app.Public {
		status = Unconfirmed
		notes = append(notes, "oauth-manager.setup.grafana.public")
	} else {
		block = append(block, "client_secret = "+SecretPlaceholder)
	}
	block = append(block,
		"empty_scopes = true",
		"auth_url = "+e.Authorization,
		"token_url = "+e.Token,
		"api_url = "+e.UserInfo,
		"auth_style = InParams",
		"use_pkce = true",
		"login_attribute_path = username",
		"email_attribute_path = email",
		"id_attribute_path = id",
		"name_attribute_path = username",
	)
	return status, lines(block...), notes
}

// rubyString is a single-quoted Ruby string: only \ and ' are special there.
func rubyString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

func gitlab(e Endpoints, app App) (string, string, []string) {
	secret := SecretPlaceholder
	status := Ready
	notes := []string{"oauth-manager.setup.gitlab.auth_scheme", "oauth-manager.setup.gitlab.attributes"}
	if app.Public {
		status = Unsupported
		secret = ""
		notes = []string{"oauth-manager.setup.gitlab.public"}
	}
	block := lines(
		"gitlab_rails['omniauth_allow_single_sign_on'] = ['oauth2_generic']",
		"gitlab_rails['omniauth_providers'] = [",
		"  {",
		"    'name' => 'oauth2_generic',",
		"    'label' => 'Mattermost',",
		"    'app_id' => "+rubyString(app.ClientID)+",",
		"    'app_secret' => "+rubyString(secret)+",",
		"    'args' => {",
		"      client_options: {",
		"        'site' => "+rubyString(e.Issuer)+",",
		"        'authorize_url' => "+rubyString(e.Authorization)+",",
		"        'token_url' => "+rubyString(e.Token)+",",
		"        'user_info_url' => "+rubyString(e.UserInfo)+",",
		"        auth_scheme: :request_body",
		"      },",
		"      user_response_structure: {",
		"        root_path: [],",
		"        id_path: ['id'],",
		"        attributes: { email: 'email', nickname: 'username', name: 'username', first_name: 'first_name', last_name: 'last_name' }",
		"      },",
		"      strategy_class: 'OmniAuth::Strategies::OAuth2Generic'",
		"    }",
		"  }",
		"]",
	)
	if app.Public {
		return status, "", notes
	}
	return status, block, notes
}

func outline(e Endpoints, app App) (string, string, []string) {
	if app.Public {
		return Unsupported, "", []string{"oauth-manager.setup.outline.public", "oauth-manager.setup.outline.not_oidc"}
	}
	block := lines(
		"OIDC_CLIENT_ID="+app.ClientID,
		"OIDC_CLIENT_SECRET="+SecretPlaceholder,
		"OIDC_AUTH_URI="+e.Authorization,
		"OIDC_TOKEN_URI="+e.Token,
		"OIDC_USERINFO_URI="+e.UserInfo,
		"OIDC_USERNAME_CLAIM=username",
		"OIDC_DISPLAY_NAME=Mattermost",
	)
	return Unconfirmed, block, []string{"oauth-manager.setup.outline.not_oidc", "oauth-manager.setup.outline.unconfirmed"}
}

// Fence is a Markdown code fence that no line of block can close: longer
// than its longest run of backticks, and at least three.
func Fence(block string) string {
	longest, run := 0, 0
	for _, r := range block {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}
