package main

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/command"
	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/readmodel"
	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/trail"
)

// A prune of unused DCR clients, in three steps: a dry run saved per user,
// a confirmation naming its count, then deletion through the REST API as the
// caller, skipping what was used since the dry run.

const planKept = 30 * time.Minute

func planKey(userID string) string { return "prune-plan-" + userID }

// dcrApps reads every DCR client with usage; usage must be on.
func (p *Plugin) dcrApps() ([]readmodel.App, *command.APIError) {
	if status := p.apps.Status(); !status.OK() {
		return nil, &command.APIError{Status: http.StatusServiceUnavailable, Message: "the plugin cannot read the database (" + status.Listing + "), and a prune needs the usage figures"}
	} else if status.Usage != "" {
		return nil, &command.APIError{Status: http.StatusServiceUnavailable, Message: "the usage figures are off (" + status.Usage + "), and a prune needs them"}
	}
	yes := true
	apps, err := p.readAll(readmodel.Query{DCR: &yes})
	if err != nil {
		return nil, &command.APIError{Status: http.StatusServiceUnavailable, Message: "the apps could not be read (" + readmodel.PlainError(err) + ")"}
	}
	return apps, nil
}

// PlanPrune implements command.Governance: the dry run, saved for the caller.
func (p *Plugin) PlanPrune(userID string, olderThanDays *int) (command.PrunePlan, *command.APIError) {
	if !p.API.HasPermissionTo(userID, model.PermissionManageSystemWideOAuth) {
		return command.PrunePlan{}, &command.APIError{Status: http.StatusForbidden, Message: "pruning needs the manage_system_wide_oauth permission: dynamically registered clients have no creator, so only those who manage every app can delete them"}
	}
	apps, failed := p.dcrApps()
	if failed != nil {
		return command.PrunePlan{}, failed
	}
	days := p.getConfiguration().StaleAfterDays
	if olderThanDays != nil {
		days = *olderThanDays
	}
	plan := command.PrunePlan{PlanID: model.NewId(), OlderThanDays: days, Created: p.gov.now().UnixMilli()}
	plan.Apps = trail.Candidates(apps, days, plan.Created)
	plan.Count = len(plan.Apps)
	raw, _ := json.Marshal(plan)
	if appErr := p.API.KVSetWithExpiry(planKey(userID), raw, int64(planKept/time.Second)); appErr != nil {
		return command.PrunePlan{}, &command.APIError{Status: http.StatusInternalServerError, Message: "the dry run could not be saved (" + appErr.Message + ")"}
	}
	return plan, nil
}

// ConfirmPrune implements command.Governance: deletes the caller's dry run
// through the REST API as the caller. planID "" takes the caller's last plan.
func (p *Plugin) ConfirmPrune(api *command.REST, userID, planID string, count int) (command.PruneResult, *command.APIError) {
	raw, appErr := p.API.KVGet(planKey(userID))
	var plan command.PrunePlan
	if appErr != nil || raw == nil || json.Unmarshal(raw, &plan) != nil || (planID != "" && plan.PlanID != planID) {
		return command.PruneResult{}, &command.APIError{Status: http.StatusNotFound, Message: "there is no dry run of yours to confirm (a dry run is kept for 30 minutes): run the dry run again"}
	}
	if count != plan.Count {
		return command.PruneResult{}, &command.APIError{Status: http.StatusBadRequest, Kind: "count", Message: "the dry run listed a different number of clients; nothing was deleted"}
	}
	apps, failed := p.dcrApps()
	if failed != nil {
		return command.PruneResult{}, failed
	}
	_ = p.API.KVDelete(planKey(userID))
	result := p.prune(plan.Apps, apps, func(id string) error {
		if err := api.DeleteOAuthApp(id); err != nil {
			return err
		}
		return nil
	}, userID)
	p.announcePrune(result, false, userID)
	return result, nil
}

// prune deletes the candidates still unused, as they are in now.
func (p *Plugin) prune(candidates []trail.Candidate, now []readmodel.App, remove func(id string) error, actorID string) command.PruneResult {
	current := map[string]readmodel.App{}
	for _, a := range now {
		current[a.ID] = a
	}
	r := command.PruneResult{Deleted: []command.PruneItem{}, Skipped: []command.PruneItem{}, Failed: []command.PruneItem{}}
	for _, c := range candidates {
		item := command.PruneItem{ID: c.ID, Name: c.Name}
		a, ok := current[c.ID]
		switch {
		case !ok:
			item.Reason = "gone"
			r.Skipped = append(r.Skipped, item)
		case trail.UsedSince(c, a):
			item.Reason = "used_since"
			r.Skipped = append(r.Skipped, item)
		default:
			if err := remove(c.ID); err != nil {
				item.Message = err.Error()
				r.Failed = append(r.Failed, item)
				continue
			}
			// The prune's own post reports the deletion: the trail must not again.
			evicted, _ := recordActor(p.gov.store.KV, actorID, trail.ActionPrune, c.ID, p.gov.now())
			p.gov.actorEvictions.Add(int64(evicted))
			r.Deleted = append(r.Deleted, item)
		}
	}
	return r
}

// scheduledPrune deletes up to the configured number of unused DCR clients
// (inside a trail run, so once per interval across a cluster). The plugin API
// deletes without a session: an admin turned this on.
func (p *Plugin) scheduledPrune(cfg *configuration) {
	apps, failed := p.dcrApps()
	if failed != nil {
		p.API.LogWarn("The scheduled prune did not run", "reason", failed.Message)
		return
	}
	candidates := trail.Candidates(apps, cfg.PruneAfterDays, p.gov.now().UnixMilli())
	if len(candidates) > cfg.PruneMaxPerRun {
		candidates = candidates[:cfg.PruneMaxPerRun]
	}
	if len(candidates) == 0 {
		return
	}
	result := p.prune(candidates, apps, func(id string) error {
		if appErr := p.API.DeleteOAuthApp(id); appErr != nil {
			return errors.New(appErr.Message)
		}
		return nil
	}, p.gov.botID)
	p.announcePrune(result, true, "")
}

// announcePrune queues the prune's summary for the audit channel.
func (p *Plugin) announcePrune(r command.PruneResult, scheduled bool, userID string) {
	cfg := p.getConfiguration()
	if cfg.AuditChannelID == "" {
		return
	}
	m := p.serverMessages()
	user := ""
	if userID != "" {
		user = command.MdText("@" + p.usernamesOf([]string{userID})[userID])
	}
	post := command.PrunePost(m, r, scheduled, user, cfg.PruneAfterDays, cfg.PruneMaxPerRun)
	if err := p.gov.store.Enqueue([]trail.Post{post}); err != nil {
		p.API.LogWarn("The prune's summary could not be queued for the audit channel", "reason", err.Error())
		return
	}
	if !scheduled {
		// Outside a run: deliver now, under the trail's lock.
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			if err := p.gov.lock.LockWithContext(ctx); err == nil {
				defer p.gov.lock.Unlock()
				_, _ = p.deliver(p.getConfiguration())
			}
		}()
	}
}
