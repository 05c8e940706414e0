package main

import (
	"encoding/json"
	"net/http"

	"github.com/mattermost/mattermost/server/public/plugin"
)

// publicSettings are the plugin settings the webapp of any signed-in user
// needs; the server exposes plugin settings to system admins only.
type publicSettings struct {
	CommandAccess       string `json:"command_access"`
	RevealSecretsInChat bool   `json:"reveal_secrets_in_chat"`
	DefaultPageSize     int    `json:"default_page_size"`
}

// ServeHTTP answers the plugin's routes under /plugins/oauth-manager.
func (p *Plugin) ServeHTTP(_ *plugin.Context, w http.ResponseWriter, r *http.Request) {
	// The server sets this header only for an authenticated session.
	if r.Header.Get("Mattermost-User-ID") == "" {
		http.Error(w, `{"message": "Not signed in."}`, http.StatusUnauthorized)
		return
	}
	switch {
	case r.URL.Path == "/api/v1/settings" && r.Method == http.MethodGet:
		c := p.getConfiguration()
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(publicSettings{CommandAccess: c.CommandAccess, RevealSecretsInChat: c.RevealSecretsInChat, DefaultPageSize: c.DefaultPageSize})
	default:
		http.NotFound(w, r)
	}
}
