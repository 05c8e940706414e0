package main

import (
	"net/http"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/command"
	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/trail"
)

// RecordChange implements command.Governance: the trail will name the caller
// as the one who made the change, and the server's audit log records it.
func (p *Plugin) RecordChange(userID, action, appID string) {
	if p.gov == nil {
		return
	}
	evicted, err := recordActor(p.gov.store.KV, userID, action, appID, p.gov.now())
	p.gov.actorEvictions.Add(int64(evicted))
	if err != nil {
		p.API.LogWarn("Could not record who changed an OAuth app", "app_id", appID, "reason", err.Error())
	}
	rec := &model.AuditRecord{
		EventName: "oauthManager" + auditEvents[action],
		Status:    model.AuditStatusSuccess,
		Actor:     model.AuditEventActor{UserId: userID},
		Meta:      map[string]any{"plugin": manifestID},
		EventData: model.AuditEventData{Parameters: map[string]any{"app_id": appID, "action": action}},
	}
	p.API.LogAuditRec(rec)
}

var auditEvents = map[string]string{"create": "CreateOAuthApp", "edit": "UpdateOAuthApp", "delete": "DeleteOAuthApp", "regenerate": "RegenerateOAuthAppSecret"}

// SecretAges implements command.Governance, for the apps the caller may list
// (the REST list rule).
func (p *Plugin) SecretAges(userID string) (command.SecretAges, *command.APIError) {
	scope, ok := listingDecision(p.API.HasPermissionTo(userID, model.PermissionManageOAuth), p.API.HasPermissionTo(userID, model.PermissionManageSystemWideOAuth), userID)
	if !ok {
		return command.SecretAges{}, &command.APIError{Status: http.StatusForbidden, Message: "you need the manage_oauth permission to see OAuth apps"}
	}
	cfg := p.getConfiguration()
	out := command.SecretAges{MaxAgeDays: cfg.SecretMaxAgeDays, Apps: []command.SecretAge{}}
	if p.gov == nil {
		out.Pending = true
		return out, nil
	}
	head, _, err := p.gov.store.Head()
	if err != nil {
		return out, &command.APIError{Status: http.StatusServiceUnavailable, Message: "the change trail could not be read (" + err.Error() + ")"}
	}
	if head.Gen == 0 {
		out.Pending = true
		return out, nil
	}
	entries, err := p.gov.store.Snapshot(head)
	if err != nil {
		return out, &command.APIError{Status: http.StatusServiceUnavailable, Message: "the change trail could not be read (" + err.Error() + ")"}
	}
	now := p.gov.now().UnixMilli()
	for _, e := range entries {
		if scope.OwnOnly && e.CreatorID != userID {
			continue
		}
		if age, ok := trail.SecretAge(e, cfg.SecretMaxAgeDays, now); ok {
			out.Apps = append(out.Apps, command.SecretAge{ID: e.ID, Name: e.Name, CreatorID: e.CreatorID, Age: age})
		}
	}
	return out, nil
}
