package main

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/readmodel"
)

// fakeSource answers from memory and records what it was asked.
type fakeSource struct {
	current []readmodel.Fingerprinted
	status  readmodel.Status
	page    readmodel.Page
	err     error
	got     *readmodel.Statement
}

func (f *fakeSource) Status() readmodel.Status { return f.status }

func (f *fakeSource) Fingerprints(context.Context, string) ([]readmodel.Fingerprinted, error) {
	return f.current, f.err
}

func (f *fakeSource) List(_ context.Context, st readmodel.Statement, _ bool, _ readmodel.Options) (readmodel.Page, error) {
	f.got = &st
	return f.page, f.err
}

func listingPlugin(t *testing.T, manageOAuth, systemWide, provider bool, source appsSource) *Plugin {
	t.Helper()
	api := &plugintest.API{}
	api.On("HasPermissionTo", "user1", model.PermissionManageOAuth).Return(manageOAuth).Maybe()
	api.On("HasPermissionTo", "user1", model.PermissionManageSystemWideOAuth).Return(systemWide).Maybe()
	cfg := &model.Config{}
	cfg.SetDefaults()
	cfg.ServiceSettings.EnableOAuthServiceProvider = model.NewPointer(provider)
	api.On("GetConfig").Return(cfg).Maybe()
	api.On("LogWarn", mock.Anything, mock.Anything, mock.Anything).Return().Maybe()
	p := &Plugin{apps: source}
	p.SetAPI(api)
	return p
}

func getListing(p *Plugin, query string, signedIn bool) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	r := httptest.NewRequest(http.MethodGet, "/api/v1/apps"+query, nil)
	if signedIn {
		r.Header.Set("Mattermost-User-ID", "user1")
	}
	p.ServeHTTP(nil, w, r)
	return w
}

func TestListingDecisionIsTheRESTRule(t *testing.T) {
	_, ok := listingDecision(false, false, "u")
	assert.False(t, ok)
	// REST checks manage_oauth first: system-wide alone is refused too.
	_, ok = listingDecision(false, true, "u")
	assert.False(t, ok)
	scope, ok := listingDecision(true, false, "u")
	assert.True(t, ok)
	assert.Equal(t, readmodel.Scope{OwnOnly: true, CallerID: "u"}, scope)
	scope, ok = listingDecision(true, true, "u")
	assert.True(t, ok)
	assert.False(t, scope.OwnOnly)
}

func TestListingRefusals(t *testing.T) {
	source := &fakeSource{}
	w := getListing(listingPlugin(t, true, true, true, source), "", false)
	assert.Equal(t, http.StatusUnauthorized, w.Code)

	w = getListing(listingPlugin(t, false, false, true, source), "", true)
	assert.Equal(t, http.StatusForbidden, w.Code)
	assert.Contains(t, w.Body.String(), "manage_oauth")

	// REST answers 403 before it looks at the provider.
	w = getListing(listingPlugin(t, false, false, false, source), "", true)
	assert.Equal(t, http.StatusForbidden, w.Code)

	w = getListing(listingPlugin(t, true, false, false, source), "", true)
	assert.Equal(t, http.StatusNotImplemented, w.Code)
	assert.Contains(t, w.Body.String(), "service provider is off")

	w = getListing(listingPlugin(t, true, false, true, source), "?per_page=500", true)
	assert.Equal(t, http.StatusBadRequest, w.Code)
	assert.JSONEq(t, `{"message": "The request could not be used: per_page must be a whole number from 1 to 200; got \"500\"."}`, w.Body.String())
	assert.Nil(t, source.got, "nothing was read")
}

func TestListingFallsBackWhenTheSelfCheckFailed(t *testing.T) {
	source := &fakeSource{status: readmodel.Unavailable("oauthapps.name is missing")}
	w := getListing(listingPlugin(t, true, true, true, source), "?sort=name", true)
	assert.Equal(t, http.StatusServiceUnavailable, w.Code)
	assert.JSONEq(t, `{"unavailable": "oauthapps.name is missing", "message": "The plugin cannot read the app list from the database: oauthapps.name is missing. List the apps through the REST API instead (GET /api/v4/oauth/apps, page by page)."}`, w.Body.String())
	assert.Nil(t, source.got)

	// Before activation, and when a query fails, the same fallback.
	w = getListing(listingPlugin(t, true, true, true, nil), "", true)
	assert.Equal(t, http.StatusServiceUnavailable, w.Code)
	failing := &fakeSource{err: errors.New(`pq: canceling statement due to statement timeout: SELECT ... FROM OAuthApps`)}
	w = getListing(listingPlugin(t, true, true, true, failing), "", true)
	assert.Equal(t, http.StatusServiceUnavailable, w.Code)
	assert.Contains(t, w.Body.String(), `"unavailable":"the database did not answer in time"`)
	assert.NotContains(t, w.Body.String(), "SELECT")
}

func TestListingAnswers(t *testing.T) {
	never, stale := true, false
	source := &fakeSource{page: readmodel.Page{Total: 7, Apps: []readmodel.App{{
		ID: "app1", Name: "Bot", CallbackURLs: []string{"https://cb"},
		Usage: &readmodel.Usage{}, States: readmodel.States{NeverUsed: &never, Stale: &stale},
	}}}}
	p := listingPlugin(t, true, false, true, source)
	w := getListing(p, "?sort=users&direction=desc&page=1&per_page=1", true)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.JSONEq(t, `{"total": 7, "stale_after_days": 90, "apps": [{"id": "app1", "name": "Bot", "description": "", "homepage": "", "icon_url": "",
		"callback_urls": ["https://cb"], "creator_id": "", "creator_username": "", "create_at": 0, "update_at": 0, "is_trusted": false,
		"is_public": false, "is_dynamically_registered": false, "legacy": false,
		"usage": {"authorized_users": 0, "live_tokens": 0, "live_sessions": 0, "last_used": 0},
		"states": {"never_used": true, "stale": false, "orphaned": false, "legacy": false}}]}`, w.Body.String())
	require.NotNil(t, source.got)
	assert.Contains(t, source.got.Page, "WHERE o.CreatorId = $", "manage_oauth alone sees only the caller's apps")
	assert.Contains(t, source.got.Args, "user1")

	// Usage off: the listing answers and says why; usage sorts are refused.
	off := &fakeSource{status: readmodel.Status{Usage: "sessions.props is missing"}, page: readmodel.Page{Apps: []readmodel.App{}}}
	w = getListing(listingPlugin(t, true, true, true, off), "", true)
	assert.Equal(t, http.StatusOK, w.Code)
	assert.JSONEq(t, `{"total": 0, "apps": [], "stale_after_days": 90, "usage_off": "sessions.props is missing"}`, w.Body.String())
	w = getListing(listingPlugin(t, true, true, true, off), "?usage=stale", true)
	assert.Equal(t, http.StatusBadRequest, w.Code)
	assert.Contains(t, w.Body.String(), "usage figures are off")
}
