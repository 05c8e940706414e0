package readmodel

// The Mattermost tables and columns the read model reads, with the types the
// pinned server's migrations give them (channels/db/migrations/postgres). This
// is the one place that names them: the queries and the self-check both use it.
// OAuthApps.ClientSecret is read only inside the expression that says whether
// an app is public; it is never selected.

// column is one column the read model depends on, with its information_schema
// data_type.
type column struct {
	table, name, dataType string
}

// Feature groups: the listing needs its columns; usage needs its own, and
// without them the listing still answers, with the usage figures off.
var listingColumns = []column{
	{"oauthapps", "id", "character varying"},
	{"oauthapps", "name", "character varying"},
	{"oauthapps", "description", "character varying"},
	{"oauthapps", "homepage", "character varying"},
	{"oauthapps", "iconurl", "character varying"},
	{"oauthapps", "callbackurls", "character varying"},
	{"oauthapps", "creatorid", "character varying"},
	{"oauthapps", "createat", "bigint"},
	{"oauthapps", "updateat", "bigint"},
	{"oauthapps", "istrusted", "boolean"},
	{"oauthapps", "clientsecret", "character varying"},
	{"oauthapps", "isdynamicallyregistered", "boolean"},
	{"oauthapps", "mattermostappid", "character varying"},
	{"users", "id", "character varying"},
	{"users", "username", "character varying"},
	{"users", "deleteat", "bigint"},
}

var usageColumns = []column{
	// An authorization: category 'oauth_app', name = the app id (app/oauth.go).
	{"preferences", "userid", "character varying"},
	{"preferences", "category", "character varying"},
	{"preferences", "name", "character varying"},
	// An access token: one row per (client, user); ExpiresAt <= 0 never expires.
	{"oauthaccessdata", "clientid", "character varying"},
	{"oauthaccessdata", "expiresat", "bigint"},
	// The session a token signs in with: IsOAuth, props.oauth_app_id (jsonb since 6.0).
	{"sessions", "isoauth", "boolean"},
	{"sessions", "props", "jsonb"},
	{"sessions", "expiresat", "bigint"},
	{"sessions", "lastactivityat", "bigint"},
}

// Constants from the pinned server's model package.
const (
	preferenceCategoryOAuthApp = "oauth_app"    // model.PreferenceCategoryAuthorizedOAuthApp
	sessionPropOAuthAppID      = "oauth_app_id" // model.SessionPropOAuthAppID
)

// appExpressions are the listing's output columns: name, SQL over the
// aliases o (OAuthApps) and u (Users). Order matters: scanApp reads them in it.
var appExpressions = []struct{ name, expr string }{
	{"id", "o.Id"},
	{"name", "COALESCE(o.Name, '')"},
	{"description", "COALESCE(o.Description, '')"},
	{"homepage", "COALESCE(o.Homepage, '')"},
	{"icon_url", "COALESCE(o.IconURL, '')"},
	{"callback_urls", "COALESCE(o.CallbackUrls, '')"},
	{"creator_id", "COALESCE(o.CreatorId, '')"},
	{"creator_username", "COALESCE(u.Username, '')"},
	{"create_at", "COALESCE(o.CreateAt, 0)"},
	{"update_at", "COALESCE(o.UpdateAt, 0)"},
	{"is_trusted", "COALESCE(o.IsTrusted, false)"},
	// Public clients have no secret (model.OAuthApp.IsPublicClient).
	{"is_public", "(COALESCE(o.ClientSecret, '') = '')"},
	{"is_dynamically_registered", "COALESCE(o.IsDynamicallyRegistered, false)"},
	{"legacy", "(COALESCE(o.MattermostAppID, '') <> '')"},
	// Deactivating a user sets DeleteAt; a permanently deleted creator leaves no row.
	{"orphaned", "(u.Id IS NULL OR u.DeleteAt > 0)"},
}
