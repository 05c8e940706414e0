package command

import (
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/trail"
)

// Server verbs (grammar.json "server": true): dcr, rotate and secrets (and
// quarantine and release, quarantine.go). They
// use what only the server has (the change trail's snapshot, the bot, the
// prune's saved dry run), so the web app passes them to the server and every
// client gets this answer (docs/governance.md).

// Governance is the server's own work the verbs and routes call.
type Governance interface {
	// PlanPrune is a prune's dry run, saved for the caller.
	PlanPrune(userID string, olderThanDays *int) (PrunePlan, *APIError)
	// ConfirmPrune deletes the caller's saved dry run as the caller.
	ConfirmPrune(api *REST, userID, planID string, count int) (PruneResult, *APIError)
	// SecretAges are the secret ages of the confidential apps the caller may list.
	SecretAges(userID string) (SecretAges, *APIError)
	// RecordChange notes that the caller changed an app through the plugin.
	RecordChange(userID, action, appID string)
}

// PrunePlan is a dry run.
type PrunePlan struct {
	PlanID        string            `json:"plan_id"`
	OlderThanDays int               `json:"older_than_days"`
	Created       int64             `json:"created"`
	Count         int               `json:"count"`
	Apps          []trail.Candidate `json:"apps"`
}

// PruneItem is one client in a prune's result.
type PruneItem struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Reason  string `json:"reason,omitempty"`  // skipped: used_since or gone
	Message string `json:"message,omitempty"` // failed: why
}

// PruneResult is what a confirmed prune did.
type PruneResult struct {
	Deleted []PruneItem `json:"deleted"`
	Skipped []PruneItem `json:"skipped"`
	Failed  []PruneItem `json:"failed"`
}

// SecretAge is one confidential app's secret age.
type SecretAge struct {
	ID        string `json:"-"`
	Name      string `json:"-"`
	CreatorID string `json:"-"`
	trail.Age
}

// SecretAges are the ages the caller may see.
type SecretAges struct {
	MaxAgeDays int
	Pending    bool // the trail has not run yet
	Apps       []SecretAge
}

// PrunePost is the audit channel's summary of a prune.
func PrunePost(m *Messages, r PruneResult, scheduled bool, user string, afterDays, maxPerRun int) trail.Post {
	sel := "no"
	if scheduled {
		sel = "yes"
	}
	lines := []string{m.Format("oauth-manager.trail.prune", Args{"scheduled": sel, "deleted": len(r.Deleted), "skipped": len(r.Skipped), "failed": len(r.Failed)})}
	if scheduled {
		lines = append(lines, m.Format("oauth-manager.trail.prune.rule", Args{"days": afterDays, "max": maxPerRun}))
	} else if user != "" {
		lines = append(lines, m.Format("oauth-manager.trail.prune.by", Args{"user": user}))
	}
	lines = append(lines, pruneLines(m, r)...)
	ids := func(items []PruneItem) []string {
		out := make([]string, len(items))
		for i, it := range items {
			out[i] = it.ID
		}
		return out
	}
	props := map[string]any{"type": "prune", "scheduled": scheduled, "deleted": ids(r.Deleted), "skipped": ids(r.Skipped), "failed": ids(r.Failed), "event_id": model.NewId()}
	return trail.Post{ID: model.NewId(), Message: strings.Join(lines, "\n"), Props: map[string]any{"oauth_manager": props}}
}

func pruneLines(m *Messages, r PruneResult) []string {
	var lines []string
	for _, it := range r.Deleted {
		lines = append(lines, m.Format("oauth-manager.trail.prune.deleted", Args{"name": lineName(it.Name), "id": MdCode(it.ID)}))
	}
	for _, it := range r.Skipped {
		reason := m.T("oauth-manager.trail.prune.used_since")
		if it.Reason == "gone" {
			reason = m.T("oauth-manager.trail.prune.gone")
		}
		lines = append(lines, m.Format("oauth-manager.trail.prune.skipped", Args{"name": lineName(it.Name), "id": MdCode(it.ID), "reason": reason}))
	}
	for _, it := range r.Failed {
		lines = append(lines, m.Format("oauth-manager.trail.prune.failed", Args{"name": lineName(it.Name), "id": MdCode(it.ID), "reason": MdText(it.Message)}))
	}
	return lines
}

// dcr lists DCR clients (the list verb, filtered), or prunes them.
func dcr(c *call) result {
	prune := c.flagTrue("prune")
	_, olderSet := c.p.Flags["older-than"]
	_, confirmSet := c.p.Flags["confirm"]
	if !prune && (olderSet || confirmSet) {
		return inputError(c.m.T("oauth-manager.chat.dcr.prune_only"))
	}
	for _, listing := range []string{"never-used", "stale", "page", "per-page"} {
		if _, set := c.p.Flags[listing]; prune && set {
			return inputError(c.m.Format("oauth-manager.chat.dcr.listing_only", Args{"flag": "--" + listing}))
		}
	}
	if !prune {
		c.p.Flags["dcr"] = true
		return list(c)
	}
	action := c.m.T("oauth-manager.action.prune")
	if confirmSet {
		if olderSet {
			return inputError(c.m.T("oauth-manager.chat.dcr.confirm_alone"))
		}
		count, _ := c.p.Flags["confirm"].(int)
		r, err := c.h.gov.ConfirmPrune(c.api, c.me, "", count)
		if err != nil {
			if err.Kind == "count" {
				return post(c.m.Format("oauth-manager.chat.dcr.count_mismatch", Args{"count": count}))
			}
			return post(Describe(c.m, err, action))
		}
		c.h.listings.forget(c.me)
		lines := []string{c.m.Format("oauth-manager.chat.dcr.pruned", Args{"deleted": len(r.Deleted), "skipped": len(r.Skipped), "failed": len(r.Failed)})}
		return post(strings.Join(append(lines, pruneLines(c.m, r)...), "\n"))
	}
	var older *int
	if olderSet {
		days, _ := c.p.Flags["older-than"].(int)
		older = &days
	}
	plan, err := c.h.gov.PlanPrune(c.me, older)
	if err != nil {
		return post(Describe(c.m, err, action))
	}
	if plan.Count == 0 {
		return post(c.m.Format("oauth-manager.chat.dcr.none", Args{"days": plan.OlderThanDays}))
	}
	lines := []string{c.m.Format("oauth-manager.chat.dcr.plan", Args{"count": plan.Count, "days": plan.OlderThanDays}), ""}
	headers := []string{c.m.T("oauth-manager.chat.dcr.col.name"), c.m.T("oauth-manager.chat.dcr.col.id"), c.m.T("oauth-manager.chat.dcr.col.registered"), c.m.T("oauth-manager.chat.dcr.col.last_used")}
	var rows [][]string
	for _, a := range plan.Apps {
		last := c.m.T("oauth-manager.trail.usage.never")
		if a.LastUsed > 0 {
			last = date(a.LastUsed)
		}
		rows = append(rows, []string{lineName(a.Name), MdCellCode(a.ID), date(a.CreateAt), last})
	}
	lines = append(lines, table(headers, rows), "", c.m.Format("oauth-manager.chat.dcr.confirm", Args{"command": MdCode("/oauth dcr --prune --confirm " + strconv.Itoa(plan.Count))}))
	return post(strings.Join(lines, "\n"))
}

// secrets lists secret ages, oldest first.
func secrets(c *call) result {
	ages, err := c.h.gov.SecretAges(c.me)
	if err != nil {
		return post(Describe(c.m, err, c.m.T("oauth-manager.action.secret_ages")))
	}
	if ages.Pending {
		return post(c.m.T("oauth-manager.chat.secrets.pending"))
	}
	apps := ages.Apps
	if c.flagTrue("overdue") {
		if ages.MaxAgeDays == 0 {
			return post(c.m.T("oauth-manager.chat.secrets.no_max"))
		}
		var due []SecretAge
		for _, a := range apps {
			if a.Overdue {
				due = append(due, a)
			}
		}
		apps = due
	}
	sort.SliceStable(apps, func(i, j int) bool {
		if apps[i].Since != apps[j].Since {
			return apps[i].Since < apps[j].Since
		}
		return apps[i].ID < apps[j].ID
	})
	if len(apps) == 0 {
		return post(c.m.T("oauth-manager.chat.secrets.empty"))
	}
	perPage := c.h.env.Options().DefaultPageSize
	page, _ := c.p.Flags["page"].(int)
	from := min(page*perPage, len(apps))
	shown := apps[from:min(from+perPage, len(apps))]
	names := c.usernames(creatorIDs(shown)...)
	headers := []string{c.m.T("oauth-manager.chat.dcr.col.name"), c.m.T("oauth-manager.chat.dcr.col.id"), c.m.T("oauth-manager.chat.secrets.col.issued"), c.m.T("oauth-manager.chat.secrets.col.due"), c.m.T("oauth-manager.chat.secrets.col.creator")}
	var rows [][]string
	for _, a := range shown {
		issued := date(a.Since)
		if !a.Exact {
			issued = c.m.Format("oauth-manager.chat.secrets.at_least", Args{"date": date(a.Since)})
		}
		due := "—"
		if a.DueAt > 0 {
			due = date(a.DueAt)
			if a.Overdue {
				due = c.m.Format("oauth-manager.chat.secrets.overdue", Args{"date": date(a.DueAt)})
			}
		}
		rows = append(rows, []string{lineName(a.Name), MdCellCode(a.ID), issued, due, userRef(names, a.CreatorID)})
	}
	lines := []string{c.m.Format("oauth-manager.chat.secrets.title", Args{"count": len(apps), "max": ages.MaxAgeDays}), "", table(headers, rows)}
	if rest := len(apps) - from - len(shown); rest > 0 {
		lines = append(lines, "", c.m.Format("oauth-manager.chat.secrets.more", Args{"more": rest, "command": MdCode("/oauth secrets --page " + strconv.Itoa(page+1))}))
	}
	return post(strings.Join(lines, "\n"))
}

func creatorIDs(apps []SecretAge) []string {
	out := make([]string, len(apps))
	for i, a := range apps {
		out[i] = a.CreatorID
	}
	return out
}

// RotateChecklist is what to do after a rotation, and what was known before it.
type RotateChecklist struct {
	CallbackURLs            []string `json:"callback_urls"`
	Homepage                string   `json:"homepage"`
	LastUsed                *int64   `json:"last_used"`
	UsedSincePreviousSecret *bool    `json:"used_since_previous_secret"`
	PreviousSecretSince     *int64   `json:"previous_secret_since"`
	PreviousSecretExact     bool     `json:"previous_secret_exact"`
}

// checklist gathers what is known of an app before its secret is rotated.
func (c *call) checklist(app *model.OAuthApp) RotateChecklist {
	cl := RotateChecklist{CallbackURLs: app.CallbackUrls, Homepage: app.Homepage}
	if cl.CallbackURLs == nil {
		cl.CallbackURLs = []string{}
	}
	if ages, err := c.h.gov.SecretAges(c.me); err == nil {
		for _, a := range ages.Apps {
			if a.ID == app.Id {
				since := a.Since
				cl.PreviousSecretSince, cl.PreviousSecretExact = &since, a.Exact
			}
		}
	}
	if answer, err := c.readListing(url.Values{"id": {app.Id}}); err == nil && answer.usageOff == "" && len(answer.apps) == 1 && answer.apps[0].listed != nil && answer.apps[0].listed.Usage != nil {
		last := answer.apps[0].listed.Usage.LastUsed
		cl.LastUsed = &last
		if cl.PreviousSecretSince != nil {
			used := last > *cl.PreviousSecretSince
			cl.UsedSincePreviousSecret = &used
		}
	}
	return cl
}

func (c *call) checklistLines(cl RotateChecklist) []string {
	lines := []string{c.m.Format("oauth-manager.chat.rotate.update", Args{"homepage": urlOrDash(cl.Homepage, MdCode), "callbacks": joined(cl.CallbackURLs, MdCode)})}
	switch {
	case cl.PreviousSecretSince == nil:
		lines = append(lines, c.m.T("oauth-manager.chat.rotate.age_unknown"))
	case cl.PreviousSecretExact:
		lines = append(lines, c.m.Format("oauth-manager.chat.rotate.age", Args{"date": date(*cl.PreviousSecretSince)}))
	default:
		lines = append(lines, c.m.Format("oauth-manager.chat.rotate.age_at_least", Args{"date": date(*cl.PreviousSecretSince)}))
	}
	switch {
	case cl.LastUsed == nil:
		lines = append(lines, c.m.T("oauth-manager.chat.rotate.usage_unknown"))
	case *cl.LastUsed == 0:
		lines = append(lines, c.m.T("oauth-manager.chat.rotate.never_used"))
	case cl.UsedSincePreviousSecret != nil && *cl.UsedSincePreviousSecret:
		lines = append(lines, c.m.Format("oauth-manager.chat.rotate.used_since", Args{"date": date(*cl.LastUsed)}))
	default:
		lines = append(lines, c.m.Format("oauth-manager.chat.rotate.last_used", Args{"date": date(*cl.LastUsed)}))
	}
	return lines
}

// rotate regenerates a secret with a checklist; the confirmation shows the checklist first.
func rotate(c *call) result {
	action := c.m.T("oauth-manager.action.regenerate_secret")
	app, failed := c.resolveApp(c.p.Args["app"], action)
	if failed != "" {
		return post(failed)
	}
	if app.ClientSecret == "" {
		return post(c.m.Format("oauth-manager.chat.regenerate.public", Args{"name": MdText(app.Name)}))
	}
	cl := c.checklist(app)
	if !c.flagTrue("yes") {
		lines := []string{c.m.Format("oauth-manager.chat.rotate.confirm", Args{"name": MdText(app.Name), "id": MdCode(app.Id)}), ""}
		lines = append(lines, c.checklistLines(cl)...)
		lines = append(lines, "", c.m.Format("oauth-manager.chat.confirm.type", Args{"command": MdCode("/oauth rotate " + app.Id + " --yes")}))
		return post(strings.Join(lines, "\n"))
	}
	updated, err := c.api.RegenerateSecret(app.Id)
	if err != nil {
		return post(Describe(c.m, err, action))
	}
	c.h.gov.RecordChange(c.me, "regenerate", app.Id)
	title := c.m.Format("oauth-manager.chat.rotate.title", Args{"name": MdText(updated.Name)})
	notes := append([]string{c.m.T("oauth-manager.chat.regenerate.old_secret"), "", c.m.T("oauth-manager.chat.rotate.checklist")}, c.checklistLines(cl)...)
	return post(c.appMessage(title, updated, notes))
}

// Rotate is the console's rotation (POST /api/v1/rotate): the same steps as
// /oauth rotate APP --yes, answered as data.
func (h *Handler) Rotate(api *REST, userID, appID string) (*model.OAuthApp, RotateChecklist, *APIError) {
	c := &call{h: h, api: api, me: userID, m: h.env.Messages(userID)}
	app, err := api.OAuthApp(appID)
	if err != nil {
		return nil, RotateChecklist{}, err
	}
	cl := c.checklist(app)
	updated, err := api.RegenerateSecret(app.Id)
	if err != nil {
		return nil, RotateChecklist{}, err
	}
	h.gov.RecordChange(userID, "regenerate", app.Id)
	return updated, cl, nil
}
