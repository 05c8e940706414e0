package main

import (
	"encoding/json"
	"net/http"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/command"
)

// publicSettings are the plugin settings the webapp of any signed-in user
// needs; the server exposes plugin settings to system admins only.
type publicSettings struct {
	CommandAccess       string `json:"command_access"`
	RevealSecretsInChat bool   `json:"reveal_secrets_in_chat"`
	DefaultPageSize     int    `json:"default_page_size"`
	// What the redirect-URI lint needs, so the web half lints as the Go half does.
	DCRRedirectURIAllowlist []string `json:"dcr_redirect_uri_allowlist"`
	ServerVersion           string   `json:"server_version"`
}

const (
	settingsRoute = "/api/v1/settings"
	appsRoute     = "/api/v1/autocomplete/apps"
)

// ServeHTTP answers the plugin's routes under /plugins/oauth-manager. Every
// route needs a signed-in caller; those that act do so with the caller's own
// session, so they never grant more than the REST API.
func (p *Plugin) ServeHTTP(c *plugin.Context, w http.ResponseWriter, r *http.Request) {
	// The server sets this header only for an authenticated session.
	userID := r.Header.Get("Mattermost-User-ID")
	if userID == "" {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"message": "Not signed in."})
		return
	}
	if p.serveGovernance(c, w, r, userID) || p.serveQuarantine(c, w, r, userID) {
		return
	}
	switch {
	case r.URL.Path == settingsRoute && r.Method == http.MethodGet:
		cfg := p.getConfiguration()
		lintOptions := p.LintOptions()
		writeJSON(w, http.StatusOK, publicSettings{
			CommandAccess: cfg.CommandAccess, RevealSecretsInChat: cfg.RevealSecretsInChat, DefaultPageSize: cfg.DefaultPageSize,
			DCRRedirectURIAllowlist: lintOptions.Allowlist, ServerVersion: lintOptions.ServerVersion,
		})
	case r.URL.Path == listingRoute && r.Method == http.MethodGet:
		p.serveListing(w, r, userID)
	case r.URL.Path == exportRoute && r.Method == http.MethodGet:
		p.serveExport(w, r, userID)
	case r.URL.Path == importRoute && r.Method == http.MethodPost:
		p.serveImport(c, w, r, userID)
	case r.URL.Path == diagnosticsRoute && r.Method == http.MethodGet:
		p.serveDiagnostics(w, userID)
	case r.URL.Path == appsRoute && r.Method == http.MethodGet:
		p.serveAppSuggestions(c, w, r, userID)
	case r.URL.Path == command.DialogPath && r.Method == http.MethodPost:
		p.serveDialogSubmit(c, w, r, userID)
	default:
		http.NotFound(w, r)
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// serveAppSuggestions is the dynamic list behind APP in the autocomplete.
func (p *Plugin) serveAppSuggestions(c *plugin.Context, w http.ResponseWriter, r *http.Request, userID string) {
	items := []model.AutocompleteListItem{}
	if p.getConfiguration().CommandAccess != accessSystemAdmins || p.IsSystemAdmin(userID) {
		if api, err := p.Caller(c.SessionId); err == nil {
			defer api.Close()
			items = p.command.Suggest(api, userID, r.URL.Query().Get("verb"), r.URL.Query().Get("user_input"))
		}
	}
	writeJSON(w, http.StatusOK, items)
}

// serveDialogSubmit saves the create/edit dialog /oauth create and /oauth edit
// APP open on mobile. The submitter must be the signed-in caller.
func (p *Plugin) serveDialogSubmit(c *plugin.Context, w http.ResponseWriter, r *http.Request, userID string) {
	var request model.SubmitDialogRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&request); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": "The form could not be read."})
		return
	}
	if request.UserId != userID {
		writeJSON(w, http.StatusForbidden, map[string]string{"message": "The form belongs to another user."})
		return
	}
	if request.Cancelled {
		writeJSON(w, http.StatusOK, model.SubmitDialogResponse{})
		return
	}
	var fieldErrors map[string]string
	var answer string
	if refusal := p.command.Refusal(userID); refusal != "" {
		answer = refusal
	} else if api, err := p.Caller(c.SessionId); err != nil {
		m := p.Messages(userID)
		answer = command.Describe(m, err, m.T("oauth-manager.action.save_app"))
	} else {
		defer api.Close()
		fieldErrors, answer = p.command.SubmitDialog(api, &request)
	}
	if len(fieldErrors) > 0 {
		writeJSON(w, http.StatusOK, model.SubmitDialogResponse{Errors: fieldErrors})
		return
	}
	// The answer may hold a new secret: an ephemeral post, to the submitter only.
	p.API.SendEphemeralPost(userID, &model.Post{ChannelId: request.ChannelId, Message: answer})
	writeJSON(w, http.StatusOK, model.SubmitDialogResponse{})
}
