package command

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// Quarantine (issue 15): in one confirmed step the plugin remembers an app's
// callback URLs and trusted flag (plugin KV, never the secret), replaces the
// callbacks with an inert URL, clears trusted and regenerates the secret, so
// no new authorization and no token refresh succeeds for the old client.
// Tokens already issued stay valid until they expire. Release restores the
// callbacks and trust and regenerates the secret once more: the plugin keeps
// no secret, so the one issued at quarantine was never seen and release shows
// a fresh one. Every change is made through REST as the caller, so the REST
// rules decide who may do it.

// InertCallback is the callback a quarantined app gets: .invalid is reserved
// (RFC 2606) and never resolves, so no authorization code can reach it.
const InertCallback = "https://quarantined.invalid/oauth-manager"

// IsQuarantined tells a quarantined app by its callbacks.
func IsQuarantined(callbacks []string) bool {
	return len(callbacks) == 1 && callbacks[0] == InertCallback
}

// QuarantineRecord is what quarantine remembers (KV quarantine-<appId>).
type QuarantineRecord struct {
	CallbackURLs []string `json:"callback_urls"`
	Trusted      bool     `json:"is_trusted"`
	By           string   `json:"by"`
	At           int64    `json:"at"`
}

// QuarantineStore keeps the records; Create is atomic and false when one exists.
type QuarantineStore interface {
	CreateQuarantine(appID string, rec QuarantineRecord) (bool, error)
	GetQuarantine(appID string) (*QuarantineRecord, error)
	DeleteQuarantine(appID string) error
}

// AppChanger is the part of REST quarantine uses.
type AppChanger interface {
	OAuthApp(id string) (*model.OAuthApp, *APIError)
	UpdateOAuthApp(app *model.OAuthApp) (*model.OAuthApp, *APIError)
	RegenerateSecret(id string) (*model.OAuthApp, *APIError)
}

const noRecord = "its callbacks are the quarantine's inert URL, but the plugin has no record of the callbacks it had. Nothing was changed: set its callbacks and trust with edit"

func stepError(status int, msg string) *APIError {
	if status == 0 {
		status = http.StatusBadGateway
	}
	return &APIError{Status: status, Message: msg}
}

// stepFailed is a step's failure as the answer says it: msg tells what state
// the app is in; the kind of the failed call (no answer, a timeout) is kept so
// the answer says what happened and what to do about it.
func stepFailed(err *APIError, msg string) *APIError {
	failed := stepError(err.Status, msg)
	failed.Kind = err.Kind
	failed.Step = true
	return failed
}

func withCallbacks(app *model.OAuthApp, callbacks []string, trusted bool) *model.OAuthApp {
	c := *app
	c.CallbackUrls = slices.Clone(callbacks)
	c.IsTrusted = trusted
	return &c
}

// QuarantineApp quarantines appID as the caller of api. The answer is the app
// with its new (unseen) secret; a failure undoes what was done, or says
// exactly what state the app is in. record names who changed the app, per step.
func QuarantineApp(api AppChanger, store QuarantineStore, userID, appID string, now int64, record func(action string)) (*model.OAuthApp, *APIError) {
	app, err := api.OAuthApp(appID)
	if err != nil {
		return nil, err
	}
	if app.ClientSecret == "" {
		return nil, stepError(http.StatusBadRequest, "it is a public client: it has no secret to regenerate, so quarantine cannot stop its token refreshes. Deauthorize or delete it instead")
	}
	if IsQuarantined(app.CallbackUrls) {
		return nil, stepError(http.StatusConflict, "it is already quarantined")
	}
	rec := QuarantineRecord{CallbackURLs: slices.Clone(app.CallbackUrls), Trusted: app.IsTrusted, By: userID, At: now}
	created, kvErr := store.CreateQuarantine(appID, rec)
	if kvErr == nil && !created {
		// A record left behind by an app that is not quarantined (edited since): replace it.
		if kvErr = store.DeleteQuarantine(appID); kvErr == nil {
			created, kvErr = store.CreateQuarantine(appID, rec)
		}
	}
	if kvErr != nil || !created {
		msg := "the quarantine record could not be saved"
		if kvErr != nil {
			msg += " (" + kvErr.Error() + ")"
		}
		return nil, stepError(http.StatusServiceUnavailable, msg+". Nothing was changed")
	}
	if _, err = api.UpdateOAuthApp(withCallbacks(app, []string{InertCallback}, false)); err != nil {
		state := "Nothing was changed"
		if delErr := store.DeleteQuarantine(appID); delErr != nil {
			state += ", but its quarantine record could not be removed (" + delErr.Error() + ")"
		}
		return nil, stepFailed(err, "the callbacks could not be replaced ("+err.Message+"). "+state)
	}
	record("edit")
	updated, err := api.RegenerateSecret(appID)
	if err != nil {
		msg := "the secret could not be regenerated (" + err.Message + "). "
		if _, undoErr := api.UpdateOAuthApp(withCallbacks(app, app.CallbackUrls, app.IsTrusted)); undoErr != nil {
			return nil, stepFailed(err, msg+"Its callbacks are still replaced by "+InertCallback+" and it is not trusted, but its old secret still works, and restoring its callbacks failed too ("+undoErr.Message+"). Run the quarantine again, or restore the callbacks by hand: "+strings.Join(app.CallbackUrls, ", "))
		}
		record("edit")
		state := "Its callbacks and trust were restored: nothing is changed"
		if delErr := store.DeleteQuarantine(appID); delErr != nil {
			state += ", but its quarantine record could not be removed (" + delErr.Error() + ")"
		}
		return nil, stepFailed(err, msg+state)
	}
	record("regenerate")
	return updated, nil
}

// ReleaseApp restores a quarantined app's callbacks and trust and regenerates
// its secret, which the answer carries (shown once). warning is set when the
// release worked but its record could not be removed.
func ReleaseApp(api AppChanger, store QuarantineStore, appID string, record func(action string)) (updated *model.OAuthApp, warning string, failed *APIError) {
	rec, kvErr := store.GetQuarantine(appID)
	if kvErr != nil {
		return nil, "", stepError(http.StatusServiceUnavailable, "the quarantine record could not be read ("+kvErr.Error()+"). Nothing was changed")
	}
	app, err := api.OAuthApp(appID)
	if err != nil {
		return nil, "", err
	}
	if rec == nil {
		if IsQuarantined(app.CallbackUrls) {
			return nil, "", stepError(http.StatusNotFound, noRecord)
		}
		return nil, "", stepError(http.StatusNotFound, "it is not quarantined")
	}
	if _, err = api.UpdateOAuthApp(withCallbacks(app, rec.CallbackURLs, rec.Trusted)); err != nil {
		return nil, "", stepFailed(err, "its callbacks could not be restored ("+err.Message+"). Nothing was changed: it is still quarantined")
	}
	record("edit")
	updated, err = api.RegenerateSecret(appID)
	if err != nil {
		msg := "its secret could not be regenerated (" + err.Message + "). "
		if _, undoErr := api.UpdateOAuthApp(withCallbacks(app, app.CallbackUrls, app.IsTrusted)); undoErr != nil {
			return nil, "", stepFailed(err, msg+"Its callbacks and trust are restored, but nobody has its secret, and putting the quarantine back failed too ("+undoErr.Message+"). Rotate its secret to get one")
		}
		record("edit")
		return nil, "", stepFailed(err, msg+"It is still quarantined: nothing is changed")
	}
	record("regenerate")
	if delErr := store.DeleteQuarantine(appID); delErr != nil {
		warning = delErr.Error()
	}
	return updated, warning, nil
}

func (h *Handler) quarantineStore() (QuarantineStore, *APIError) {
	if s, ok := h.gov.(QuarantineStore); ok {
		return s, nil
	}
	return nil, stepError(http.StatusServiceUnavailable, "the plugin's store is not available")
}

func (h *Handler) recorder(userID, appID string) func(string) {
	return func(action string) { h.gov.RecordChange(userID, action, appID) }
}

// quarantine is /oauth quarantine APP [--yes].
func quarantine(c *call) result {
	action := c.m.T("oauth-manager.action.quarantine")
	app, failed := c.resolveApp(c.p.Args["app"], action)
	if failed != "" {
		return post(failed)
	}
	args := Args{"name": MdText(app.Name), "id": MdCode(app.Id), "inert": MdCode(InertCallback)}
	if !c.flagTrue("yes") {
		lines := []string{c.m.Format("oauth-manager.chat.quarantine.confirm", args), "", c.m.T("oauth-manager.chat.quarantine.not"), "", c.m.Format("oauth-manager.chat.confirm.type", Args{"command": MdCode("/oauth quarantine " + app.Id + " --yes")})}
		return post(strings.Join(lines, "\n"))
	}
	_, err := c.h.Quarantine(c.api, c.me, app.Id)
	if err != nil {
		return post(Describe(c.m, err, action))
	}
	args["command"] = MdCode("/oauth release " + app.Id)
	return post(c.m.Format("oauth-manager.chat.quarantine.done", args))
}

// release is /oauth release APP [--yes].
func release(c *call) result {
	action := c.m.T("oauth-manager.action.release")
	app, failed := c.resolveApp(c.p.Args["app"], action)
	if failed != "" {
		return post(failed)
	}
	if !c.flagTrue("yes") {
		store, err := c.h.quarantineStore()
		if err != nil {
			return post(Describe(c.m, err, action))
		}
		rec, err := releasePreview(store, app)
		if err != nil {
			return post(Describe(c.m, err, action))
		}
		lines := []string{c.m.Format("oauth-manager.chat.release.confirm", Args{"name": MdText(app.Name), "id": MdCode(app.Id), "callbacks": joined(rec.CallbackURLs, MdCode)}), "", c.m.Format("oauth-manager.chat.confirm.type", Args{"command": MdCode("/oauth release " + app.Id + " --yes")})}
		return post(strings.Join(lines, "\n"))
	}
	updated, warning, err := c.h.Release(c.api, c.me, app.Id)
	if err != nil {
		return post(Describe(c.m, err, action))
	}
	notes := []string{c.m.T("oauth-manager.chat.regenerate.old_secret")}
	if warning != "" {
		notes = append(notes, c.m.Format("oauth-manager.chat.release.record_left", Args{"reason": MdText(warning)}))
	}
	return post(c.appMessage(c.m.Format("oauth-manager.chat.release.title", Args{"name": MdText(updated.Name)}), updated, notes))
}

// releasePreview is the record a release would restore, or why there is none.
func releasePreview(store QuarantineStore, app *model.OAuthApp) (*QuarantineRecord, *APIError) {
	rec, kvErr := store.GetQuarantine(app.Id)
	switch {
	case kvErr != nil:
		return nil, stepError(http.StatusServiceUnavailable, "the quarantine record could not be read ("+kvErr.Error()+"). Nothing was changed")
	case rec == nil && IsQuarantined(app.CallbackUrls):
		return nil, stepError(http.StatusNotFound, noRecord)
	case rec == nil:
		return nil, stepError(http.StatusNotFound, "it is not quarantined")
	}
	return rec, nil
}

// Quarantine is the console's and the verb's quarantine (POST /api/v1/quarantine).
func (h *Handler) Quarantine(api AppChanger, userID, appID string) (*model.OAuthApp, *APIError) {
	store, err := h.quarantineStore()
	if err != nil {
		return nil, err
	}
	h.listings.forget(userID)
	return QuarantineApp(api, store, userID, appID, time.Now().UnixMilli(), h.recorder(userID, appID))
}

// Release is the console's and the verb's release (POST /api/v1/release).
func (h *Handler) Release(api AppChanger, userID, appID string) (*model.OAuthApp, string, *APIError) {
	store, err := h.quarantineStore()
	if err != nil {
		return nil, "", err
	}
	h.listings.forget(userID)
	return ReleaseApp(api, store, appID, h.recorder(userID, appID))
}
