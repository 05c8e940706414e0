package main

import (
	"net/http"
	"slices"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/setup"
)

// setupRoute answers the client setup values and recipes of one app (issue 15):
// GET /api/v1/setup?app_id=ID[&client=NAME], the data of /oauth setup. The app
// and the metadata are read through REST as the caller, so only a caller who
// may read the app (its secret included) gets an answer; the secret itself is
// never in it.
const setupRoute = "/api/v1/setup"

func (p *Plugin) serveSetup(c *plugin.Context, w http.ResponseWriter, r *http.Request, userID string) {
	appID := r.URL.Query().Get("app_id")
	client := r.URL.Query().Get("client")
	if !model.IsValidId(appID) {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": "app_id must be a client id."})
		return
	}
	if client != "" && !slices.Contains(setup.Names(), client) {
		writeJSON(w, http.StatusBadRequest, map[string]any{"message": "client must be one of the recipes.", "clients": setup.Names()})
		return
	}
	api, ok := p.actingCaller(c, w, userID)
	if !ok {
		return
	}
	defer api.Close()
	answer, err := p.command.Setup(api, appID, client)
	if err != nil {
		writeAPIError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, answer)
}
