package main

import (
	"encoding/json"
	"net/http"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/command"
)

// Quarantine's records (command/quarantine.go): plugin KV quarantine-<appId>,
// the app's callbacks and trusted flag, never its secret.

const (
	quarantineRoute = "/api/v1/quarantine"
	releaseRoute    = "/api/v1/release"
)

// confidentialApp is an app answered without its secret, marked confidential.
type confidentialApp struct {
	*model.OAuthApp
	IsPublic bool `json:"is_public"`
}

func quarantineKey(appID string) string { return "quarantine-" + appID }

// CreateQuarantine implements command.QuarantineStore: atomic, false when a record exists.
func (p *Plugin) CreateQuarantine(appID string, rec command.QuarantineRecord) (bool, error) {
	return createQuarantine(pluginKV{p.API}, appID, rec)
}

// GetQuarantine implements command.QuarantineStore: nil when there is no record.
func (p *Plugin) GetQuarantine(appID string) (*command.QuarantineRecord, error) {
	return getQuarantine(pluginKV{p.API}, appID)
}

// DeleteQuarantine implements command.QuarantineStore.
func (p *Plugin) DeleteQuarantine(appID string) error {
	return pluginKV{p.API}.Delete(quarantineKey(appID))
}

type kvStore interface {
	Get(key string) ([]byte, error)
	CompareAndSet(key string, old, value []byte) (bool, error)
}

func createQuarantine(kv kvStore, appID string, rec command.QuarantineRecord) (bool, error) {
	raw, err := json.Marshal(rec)
	if err != nil {
		return false, err
	}
	return kv.CompareAndSet(quarantineKey(appID), nil, raw)
}

func getQuarantine(kv kvStore, appID string) (*command.QuarantineRecord, error) {
	raw, err := kv.Get(quarantineKey(appID))
	if err != nil || raw == nil {
		return nil, err
	}
	var rec command.QuarantineRecord
	if err := json.Unmarshal(raw, &rec); err != nil {
		return nil, err
	}
	return &rec, nil
}

// serveQuarantine answers POST /api/v1/quarantine and /api/v1/release {app_id}
// as the caller; false when the path is not one of them.
func (p *Plugin) serveQuarantine(c *plugin.Context, w http.ResponseWriter, r *http.Request, userID string) bool {
	route := r.Method + " " + r.URL.Path
	if route != "POST "+quarantineRoute && route != "POST "+releaseRoute {
		return false
	}
	var body struct {
		AppID string `json:"app_id"`
	}
	if !readBody(w, r, &body) {
		return true
	}
	if !model.IsValidId(body.AppID) {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": "app_id must be a client id."})
		return true
	}
	api, ok := p.actingCaller(c, w, userID)
	if !ok {
		return true
	}
	defer api.Close()
	if route == "POST "+quarantineRoute {
		app, err := p.command.Quarantine(api, userID, body.AppID)
		if err != nil {
			writeAPIError(w, err)
			return true
		}
		// Nobody is to use the quarantine's secret (release issues another), so
		// it is blanked; the app stays confidential, which is then said
		// outright: a blank secret would otherwise read as a public client.
		app.ClientSecret = ""
		writeJSON(w, http.StatusOK, map[string]any{"app": confidentialApp{OAuthApp: app}})
		return true
	}
	app, warning, err := p.command.Release(api, userID, body.AppID)
	if err != nil {
		writeAPIError(w, err)
		return true
	}
	writeJSON(w, http.StatusOK, map[string]any{"app": app, "record_left": warning})
	return true
}
