package main

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/stretchr/testify/assert"
)

// The allowlist is read from the configuration's JSON, whether or not the
// pinned config struct has the field; anything but a list of strings is none.
func TestDCRAllowlist(t *testing.T) {
	assert.Equal(t, []string{}, dcrAllowlist(&model.Config{}))
	assert.Equal(t, []string{}, dcrAllowlist(nil))
	assert.Equal(t, []string{"https://*.example.com/**", "http://127.0.0.1/cb"},
		dcrAllowlist(map[string]any{"ServiceSettings": map[string]any{"DCRRedirectURIAllowlist": []any{"https://*.example.com/**", 7, "http://127.0.0.1/cb"}}}))
	assert.Equal(t, []string{}, dcrAllowlist(map[string]any{"ServiceSettings": map[string]any{"DCRRedirectURIAllowlist": "https://x"}}))
}

func TestSettingsRoute(t *testing.T) {
	api := &plugintest.API{}
	api.On("GetServerVersion").Return("11.9.1")
	api.On("GetConfig").Return(&model.Config{})
	p := &Plugin{}
	p.SetAPI(api)
	p.setConfiguration((&configuration{RevealSecretsInChat: true, DefaultPageSize: 25}).normalized())

	w := httptest.NewRecorder()
	p.ServeHTTP(nil, w, httptest.NewRequest(http.MethodGet, "/api/v1/settings", nil))
	assert.Equal(t, http.StatusUnauthorized, w.Code, "anonymous callers are refused")

	w = httptest.NewRecorder()
	r := httptest.NewRequest(http.MethodGet, "/api/v1/settings", nil)
	r.Header.Set("Mattermost-User-ID", "user1")
	p.ServeHTTP(nil, w, r)
	assert.Equal(t, http.StatusOK, w.Code)
	assert.JSONEq(t, `{"command_access": "everyone", "reveal_secrets_in_chat": true, "default_page_size": 25,
		"dcr_redirect_uri_allowlist": [], "server_version": "11.9.1"}`, w.Body.String())

	w = httptest.NewRecorder()
	r = httptest.NewRequest(http.MethodGet, "/api/v1/nope", nil)
	r.Header.Set("Mattermost-User-ID", "user1")
	p.ServeHTTP(nil, w, r)
	assert.Equal(t, http.StatusNotFound, w.Code)
}
