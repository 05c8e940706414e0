package main

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSettingsRoute(t *testing.T) {
	p := &Plugin{}
	p.setConfiguration((&configuration{RevealSecretsInChat: true, DefaultPageSize: 25}).normalized())

	w := httptest.NewRecorder()
	p.ServeHTTP(nil, w, httptest.NewRequest(http.MethodGet, "/api/v1/settings", nil))
	assert.Equal(t, http.StatusUnauthorized, w.Code, "anonymous callers are refused")

	w = httptest.NewRecorder()
	r := httptest.NewRequest(http.MethodGet, "/api/v1/settings", nil)
	r.Header.Set("Mattermost-User-ID", "user1")
	p.ServeHTTP(nil, w, r)
	assert.Equal(t, http.StatusOK, w.Code)
	assert.JSONEq(t, `{"command_access": "everyone", "reveal_secrets_in_chat": true, "default_page_size": 25}`, w.Body.String())

	w = httptest.NewRecorder()
	r = httptest.NewRequest(http.MethodGet, "/api/v1/nope", nil)
	r.Header.Set("Mattermost-User-ID", "user1")
	p.ServeHTTP(nil, w, r)
	assert.Equal(t, http.StatusNotFound, w.Code)
}
