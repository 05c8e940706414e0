package main

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/command"
)

// The governance routes (docs/governance.md).
const (
	governanceRoute   = "/api/v1/governance"
	trailRunRoute     = "/api/v1/trail/run"
	auditRoute        = "/api/v1/audit"
	secretAgesRoute   = "/api/v1/secret-ages"
	rotateRoute       = "/api/v1/rotate"
	pruneRoute        = "/api/v1/dcr/prune"
	pruneConfirmRoute = "/api/v1/dcr/prune/confirm"
)

// serveGovernance answers the governance routes; false when the path is not one.
func (p *Plugin) serveGovernance(c *plugin.Context, w http.ResponseWriter, r *http.Request, userID string) bool {
	route := r.Method + " " + r.URL.Path
	switch route {
	case "GET " + governanceRoute:
		if p.requireAdmin(w, userID) {
			writeJSON(w, http.StatusOK, p.governanceStatus())
		}
	case "POST " + trailRunRoute:
		if p.requireAdmin(w, userID) {
			run, err := p.runTrail()
			if err != nil {
				writeJSON(w, http.StatusServiceUnavailable, map[string]any{"message": "The change trail could not run: " + strings.TrimRight(err.Error(), ".") + ".", "ran": run.Ran, "posted": run.Posted})
				return true
			}
			writeJSON(w, http.StatusOK, run)
		}
	case "POST " + auditRoute:
		p.serveAuditClaim(w, r, userID)
	case "GET " + secretAgesRoute:
		p.serveSecretAges(w, userID)
	case "POST " + rotateRoute:
		p.serveRotate(c, w, r, userID)
	case "GET " + setupRoute:
		p.serveSetup(c, w, r, userID)
	case "POST " + pruneRoute:
		var body struct {
			OlderThanDays *int `json:"older_than_days"`
		}
		if !readBody(w, r, &body) {
			return true
		}
		if body.OlderThanDays != nil && (*body.OlderThanDays < 0 || *body.OlderThanDays > 3650) {
			writeJSON(w, http.StatusBadRequest, map[string]string{"message": "older_than_days must be 0 to 3650."})
			return true
		}
		plan, err := p.PlanPrune(userID, body.OlderThanDays)
		if err != nil {
			writeAPIError(w, err)
			return true
		}
		writeJSON(w, http.StatusOK, plan)
	case "POST " + pruneConfirmRoute:
		var body struct {
			PlanID string `json:"plan_id"`
			Count  int    `json:"count"`
		}
		if !readBody(w, r, &body) {
			return true
		}
		if body.PlanID == "" {
			writeJSON(w, http.StatusBadRequest, map[string]string{"message": "plan_id is missing: run the dry run first."})
			return true
		}
		api, err := p.Caller(c.SessionId)
		if err != nil {
			writeAPIError(w, err)
			return true
		}
		defer api.Close()
		result, err := p.ConfirmPrune(api, userID, body.PlanID, body.Count)
		if err != nil {
			writeAPIError(w, err)
			return true
		}
		writeJSON(w, http.StatusOK, result)
	default:
		return false
	}
	return true
}

// actingCaller is the REST API as the caller for a route that changes or
// reads apps on their behalf: the "Who may use /oauth" setting first, then
// the caller's own session. On false the refusal is written.
func (p *Plugin) actingCaller(c *plugin.Context, w http.ResponseWriter, userID string) (*command.REST, bool) {
	if refusal := p.command.Refusal(userID); refusal != "" {
		writeJSON(w, http.StatusForbidden, map[string]string{"message": refusal})
		return nil, false
	}
	api, err := p.Caller(c.SessionId)
	if err != nil {
		writeAPIError(w, err)
		return nil, false
	}
	return api, true
}

func readBody(w http.ResponseWriter, r *http.Request, v any) bool {
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16)).Decode(v); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": "The request body is not the JSON this route expects."})
		return false
	}
	return true
}

func writeAPIError(w http.ResponseWriter, err *command.APIError) {
	status := err.Status
	if status == 0 {
		status = http.StatusBadGateway
	}
	writeJSON(w, status, map[string]string{"message": err.Message})
}

func (p *Plugin) requireAdmin(w http.ResponseWriter, userID string) bool {
	if !p.API.HasPermissionTo(userID, model.PermissionManageSystem) {
		writeJSON(w, http.StatusForbidden, map[string]string{"message": "Only system admins can do this."})
		return false
	}
	return true
}

type channelRef struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	DisplayName string `json:"display_name"`
	TeamName    string `json:"team_name"` // the team's URL name, as Mattermost's API uses it
	TeamDisplay string `json:"team_display_name"`
}

type governanceAnswer struct {
	AuditChannel        *channelRef    `json:"audit_channel"`
	AuditChannelProblem string         `json:"audit_channel_problem"`
	BotUserID           string         `json:"bot_user_id"`
	Trail               map[string]any `json:"trail"`
	SecretMaxAgeDays    int            `json:"secret_max_age_days"`
	ScheduledPrune      map[string]any `json:"scheduled_prune"`
}

func (p *Plugin) governanceStatus() governanceAnswer {
	cfg := p.getConfiguration()
	a := governanceAnswer{
		SecretMaxAgeDays: cfg.SecretMaxAgeDays,
		ScheduledPrune:   map[string]any{"enabled": cfg.ScheduledPrune, "after_days": cfg.PruneAfterDays, "max_per_run": cfg.PruneMaxPerRun},
		Trail:            map[string]any{"last_run": 0, "interval_minutes": cfg.TrailIntervalMinutes, "apps": 0, "since": 0, "pending_posts": 0},
	}
	if cfg.AuditChannelID != "" {
		if ch, appErr := p.API.GetChannel(cfg.AuditChannelID); appErr != nil {
			a.AuditChannelProblem = "The audit channel cannot be found (" + appErr.Message + "): choose another one."
		} else {
			ref := &channelRef{ID: ch.Id, Name: ch.Name, DisplayName: ch.DisplayName}
			if team, appErr := p.API.GetTeam(ch.TeamId); appErr == nil {
				ref.TeamName, ref.TeamDisplay = team.Name, team.DisplayName
			}
			if ch.DeleteAt > 0 {
				a.AuditChannelProblem = "The audit channel is archived: nothing can be posted there. Choose another one."
			}
			a.AuditChannel = ref
		}
	}
	if g := p.gov; g != nil {
		a.BotUserID = g.botID
		if head, _, err := g.store.Head(); err == nil {
			a.Trail["last_run"], a.Trail["apps"], a.Trail["since"], a.Trail["pending_posts"] = head.Taken, head.Apps, head.Since, len(head.Outbox)
		}
	}
	return a
}

// serveAuditClaim records a change the web app made through the REST API, so
// the trail names the person. The claim must be one the caller could have
// made: the REST rule for changing that app.
func (p *Plugin) serveAuditClaim(w http.ResponseWriter, r *http.Request, userID string) {
	var body struct {
		Action string `json:"action"`
		AppID  string `json:"app_id"`
	}
	if !readBody(w, r, &body) {
		return
	}
	if auditEvents[body.Action] == "" || !model.IsValidId(body.AppID) {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": "action must be create, edit, delete or regenerate, and app_id a client id."})
		return
	}
	if !p.couldChange(userID, body.Action, body.AppID) {
		writeJSON(w, http.StatusForbidden, map[string]string{"message": "You could not have made that change: the app is not yours to manage."})
		return
	}
	p.RecordChange(userID, body.Action, body.AppID)
	w.WriteHeader(http.StatusNoContent)
}

// couldChange is the REST rule for changing an app (api4/oauth.go): its
// manage_oauth, then being its creator or holding manage_system_wide_oauth. A
// deleted app's creator comes from the trail's snapshot.
func (p *Plugin) couldChange(userID, action, appID string) bool {
	// REST checks manage_oauth first, for everyone.
	if !p.API.HasPermissionTo(userID, model.PermissionManageOAuth) {
		return false
	}
	if p.API.HasPermissionTo(userID, model.PermissionManageSystemWideOAuth) {
		return true
	}
	if app, appErr := p.API.GetOAuthApp(appID); appErr == nil {
		return app.CreatorId == userID
	}
	if action != "delete" || p.gov == nil {
		return false
	}
	head, _, err := p.gov.store.Head()
	if err != nil {
		return false
	}
	entries, err := p.gov.store.Snapshot(head)
	return err == nil && entries[appID].CreatorID == userID
}

type secretAgeAnswer struct {
	Since   int64  `json:"since"`
	Exact   bool   `json:"exact"`
	DueAt   *int64 `json:"due_at"`
	Overdue bool   `json:"overdue"`
}

func (p *Plugin) serveSecretAges(w http.ResponseWriter, userID string) {
	ages, err := p.SecretAges(userID)
	if err != nil {
		writeAPIError(w, err)
		return
	}
	out := map[string]secretAgeAnswer{}
	for _, a := range ages.Apps {
		ans := secretAgeAnswer{Since: a.Since, Exact: a.Exact, Overdue: a.Overdue}
		if a.DueAt > 0 {
			due := a.DueAt
			ans.DueAt = &due
		}
		out[a.ID] = ans
	}
	writeJSON(w, http.StatusOK, map[string]any{"max_age_days": ages.MaxAgeDays, "pending": ages.Pending, "ages": out})
}

func (p *Plugin) serveRotate(c *plugin.Context, w http.ResponseWriter, r *http.Request, userID string) {
	var body struct {
		AppID string `json:"app_id"`
	}
	if !readBody(w, r, &body) {
		return
	}
	if !model.IsValidId(body.AppID) {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": "app_id must be a client id."})
		return
	}
	api, ok := p.actingCaller(c, w, userID)
	if !ok {
		return
	}
	defer api.Close()
	app, checklist, err := p.command.Rotate(api, userID, body.AppID)
	if err != nil {
		writeAPIError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"app": app, "checklist": checklist})
}
