package main

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/command"
	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/readmodel"
)

// listingRoute is the read model's listing:
//
//	GET /plugins/oauth-manager/api/v1/apps
//
// Query parameters (all optional):
//
//	search=TEXT        case-insensitive substring of name, description, client id,
//	                   creator username or any callback URL
//	id=ID              the one app with this client id
//	creator_id=ID      apps created by this user
//	type=public|confidential
//	trusted=true|false, dcr=true|false, orphaned=true|false, legacy=true|false
//	usage=never_used|stale|used
//	sort=name|id|creator|created|updated|type|trusted|dcr|callbacks|users|tokens|sessions|last_used
//	                   (default name; the app id breaks ties)
//	direction=asc|desc (default asc)
//	page=N             from 0 (default 0); per_page=N, 1 to 200 (default: the
//	                   plugin's Default page size)
//	all=true           every matching app in one answer (no page or per_page)
//
// Answers 200 {"total", "apps", "stale_after_days"} (plus "usage_off" with a
// reason when the usage figures are off); 401 without a signed-in caller;
// 403 without manage_oauth; 501 when the OAuth provider is off; 400 for a bad
// parameter; 503 {"unavailable", "message"} when the database cannot be read,
// and then clients page GET /api/v4/oauth/apps instead.
const listingRoute = command.ListingPath

// listingTimeout bounds a request; the statement timeout bounds the database side.
const listingTimeout = 30 * time.Second

type listingAnswer struct {
	Total          int64           `json:"total"`
	Apps           []readmodel.App `json:"apps"`
	StaleAfterDays int             `json:"stale_after_days"`
	UsageOff       string          `json:"usage_off,omitempty"`
}

// listingDecision is the REST list rule (api4/oauth.go getOAuthApps): without
// manage_oauth, refused; with manage_system_wide_oauth too, every app;
// otherwise only the caller's own.
func listingDecision(manageOAuth, systemWide bool, userID string) (readmodel.Scope, bool) {
	if !manageOAuth {
		return readmodel.Scope{}, false
	}
	return readmodel.Scope{OwnOnly: !systemWide, CallerID: userID}, true
}

func (p *Plugin) serveListing(w http.ResponseWriter, r *http.Request, userID string) {
	cfg := p.getConfiguration()
	page, status, ok := p.readListing(w, r, userID, r.URL.Query(), true)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, listingAnswer{Total: page.Total, Apps: page.Apps, StaleAfterDays: cfg.StaleAfterDays, UsageOff: status.Usage})
}

// readListing reads the apps a listing request asks for, in the caller's
// scope (listingDecision). On any refusal or failure it writes the answer
// (403, 501, 400 or 503) and returns false. usage=false leaves the usage
// figures out even when they are available.
func (p *Plugin) readListing(w http.ResponseWriter, r *http.Request, userID string, params url.Values, usage bool) (readmodel.Page, readmodel.Status, bool) {
	scope, allowed := listingDecision(
		p.API.HasPermissionTo(userID, model.PermissionManageOAuth),
		p.API.HasPermissionTo(userID, model.PermissionManageSystemWideOAuth), userID)
	if !allowed {
		writeJSON(w, http.StatusForbidden, map[string]string{"message": "Listing OAuth apps needs the manage_oauth permission, which you do not have."})
		return readmodel.Page{}, readmodel.Status{}, false
	}
	if !model.SafeDereference(p.API.GetConfig().ServiceSettings.EnableOAuthServiceProvider) {
		writeJSON(w, http.StatusNotImplemented, map[string]string{"message": "The OAuth 2.0 service provider is off on this server (System Console > Integrations > Integration Management)."})
		return readmodel.Page{}, readmodel.Status{}, false
	}
	cfg := p.getConfiguration()
	q, err := readmodel.Parse(params, cfg.DefaultPageSize)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": "The request could not be used: " + err.Error() + "."})
		return readmodel.Page{}, readmodel.Status{}, false
	}
	if p.apps == nil {
		writeUnavailable(w, "the plugin has not finished starting")
		return readmodel.Page{}, readmodel.Status{}, false
	}
	status := p.apps.Status()
	if !status.OK() {
		writeUnavailable(w, status.Listing)
		return readmodel.Page{}, readmodel.Status{}, false
	}
	opts := readmodel.Options{Now: model.GetMillis(), StaleAfterDays: cfg.StaleAfterDays, Usage: usage && status.Usage == ""}
	st, err := readmodel.Build(q, scope, opts)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": "The request could not be used: " + err.Error() + "."})
		return readmodel.Page{}, readmodel.Status{}, false
	}
	ctx, cancel := context.WithTimeout(r.Context(), listingTimeout)
	defer cancel()
	page, err := p.apps.List(ctx, st, q.All, opts)
	switch {
	case errors.Is(err, readmodel.ErrTooMany):
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": "The request could not be used: " + err.Error() + "."})
		return readmodel.Page{}, readmodel.Status{}, false
	case err != nil:
		reason := readmodel.PlainError(err)
		p.API.LogWarn("OAuth app listing failed; clients fall back to the REST API", "reason", reason)
		writeUnavailable(w, reason)
		return readmodel.Page{}, readmodel.Status{}, false
	}
	return page, status, true
}

// writeUnavailable tells clients to page the REST API instead.
func writeUnavailable(w http.ResponseWriter, reason string) {
	writeJSON(w, http.StatusServiceUnavailable, map[string]string{
		"unavailable": reason,
		"message":     "The plugin cannot read the app list from the database: " + reason + ". List the apps through the REST API instead (GET /api/v4/oauth/apps, page by page).",
	})
}
