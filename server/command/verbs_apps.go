package command

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"
)

// Read-only verbs: list, show, info (webapp/src/slash/verbs/apps.ts).

// maxRows keeps a listing inside one post.
const maxRows = 200

var filterFlags = []string{"mine", "trusted", "untrusted", "public", "confidential", "dcr", "never-used", "stale", "orphaned", "legacy", "filter"}

// listingQuery is the list flags as a read-model query (webapp/src/slash/verbs/apps.ts listingQueryOf).
func (c *call) listingQuery(page, perPage int) url.Values {
	q := url.Values{}
	if text, _ := c.flagString("filter"); strings.TrimSpace(text) != "" {
		q.Set("search", strings.TrimSpace(text))
	}
	if c.flagTrue("mine") {
		q.Set("creator_id", c.me)
	}
	switch {
	case c.flagTrue("public"):
		q.Set("type", "public")
	case c.flagTrue("confidential"):
		q.Set("type", "confidential")
	}
	switch {
	case c.flagTrue("trusted"):
		q.Set("trusted", "true")
	case c.flagTrue("untrusted"):
		q.Set("trusted", "false")
	}
	if c.flagTrue("dcr") {
		q.Set("dcr", "true")
	}
	switch {
	case c.flagTrue("stale"):
		q.Set("usage", "stale")
	case c.flagTrue("never-used"):
		q.Set("usage", "never_used")
	}
	if c.flagTrue("orphaned") {
		q.Set("orphaned", "true")
	}
	if c.flagTrue("legacy") {
		q.Set("legacy", "true")
	}
	if c.flagTrue("all") {
		q.Set("all", "true")
	} else {
		q.Set("page", strconv.Itoa(page))
		q.Set("per_page", strconv.Itoa(perPage))
	}
	return q
}

func list(c *call) result {
	perPage := c.h.env.Options().DefaultPageSize
	if n, ok := c.p.Flags["per-page"].(int); ok {
		perPage = n
	}
	page, _ := c.p.Flags["page"].(int)
	filtered := false
	for _, f := range filterFlags {
		filtered = filtered || c.flagSet(f)
	}
	paged := c.flagSet("page") || c.flagSet("per-page")
	everything := c.flagTrue("all")

	query := c.listingQuery(page, perPage)
	answer, err := c.readListing(query)
	if err != nil {
		return post(Describe(c.m, err, c.m.T("oauth-manager.action.list_apps")))
	}
	var notes []string
	withUsage := false
	switch {
	case !answer.fromDatabase && answer.needsDatabase:
		return post(c.m.Format("oauth-manager.chat.list.needs_database", Args{"reason": MdText(answer.unavailable)}))
	case !answer.fromDatabase:
		notes = append(notes, c.m.Format("oauth-manager.chat.list.rest_fallback", Args{"reason": MdText(answer.unavailable)}))
		if !answer.complete {
			notes = append(notes, c.m.T("oauth-manager.chat.list.incomplete"))
		}
	case answer.usageOff != "":
		notes = append(notes, c.m.Format("oauth-manager.chat.list.usage_off", Args{"reason": MdText(answer.usageOff)}))
	default:
		withUsage = true
	}
	if everything && !filtered && (answer.fromDatabase || answer.complete) {
		c.h.listings.remember(c.me, answer.apps)
	}
	apps, total := answer.apps, answer.total
	if len(apps) == 0 {
		switch {
		case filtered && total == 0:
			return post(c.m.T("oauth-manager.chat.list.no_match"))
		case filtered || page > 0:
			return post(c.m.Format("oauth-manager.chat.list.empty_page", Args{"page": page}))
		}
		return post(c.m.T("oauth-manager.chat.list.none"))
	}
	if !everything && (page+1)*perPage < total {
		more := c.m.Format("oauth-manager.chat.list.more", Args{"count": total - page*perPage - len(apps), "next": fmt.Sprintf("`--page %d`", page+1), "all": "`--all`"})
		notes = append([]string{more}, notes...)
	}
	shown := apps
	if len(apps) > maxRows {
		shown = apps[:maxRows]
		notes = append([]string{c.m.Format("oauth-manager.chat.list.first_rows", Args{"shown": maxRows, "total": len(apps)})}, notes...)
	}
	var names map[string]string
	if answer.fromDatabase {
		names = namesFromListing(shown)
	} else {
		creators := make([]string, len(shown))
		for i, a := range shown {
			creators[i] = a.CreatorId
		}
		names = c.usernames(creators...)
	}
	id := "oauth-manager.chat.list.count"
	if filtered {
		id = "oauth-manager.chat.list.count_matching"
	}
	heading := c.m.Format(id, Args{"total": total})
	if !everything && (paged || total > len(apps)) {
		heading = c.m.Format("oauth-manager.chat.list.page", Args{"heading": heading, "page": page, "perPage": perPage})
	}
	lines := []string{heading, "", appsTable(c.m, shown, names, c.me, withUsage, answer.staleAfterDays)}
	if len(notes) > 0 {
		lines = append(append(lines, ""), notes...)
	}
	return post(strings.Join(lines, "\n"))
}

// namesFromListing: the read model names each creator, so no user lookup is needed.
func namesFromListing(apps []summary) map[string]string {
	names := map[string]string{}
	for _, a := range apps {
		if a.listed != nil && a.CreatorId != "" && a.listed.CreatorUsername != "" {
			names[a.CreatorId] = a.listed.CreatorUsername
		}
	}
	return names
}

// usageFor is the app's usage from the read model, or why it is not shown.
func (c *call) usageFor(appID string) []field {
	answer, err := c.readListing(url.Values{"id": {appID}, "per_page": {"1"}})
	switch {
	case err != nil:
		return usageFields(c.m, nil, c.m.Format("oauth-manager.chat.show.usage_unavailable", Args{"reason": MdText(err.Message)}))
	case !answer.fromDatabase:
		return usageFields(c.m, nil, c.m.Format("oauth-manager.chat.show.usage_unavailable", Args{"reason": MdText(answer.unavailable)}))
	case answer.usageOff != "":
		return usageFields(c.m, nil, c.m.Format("oauth-manager.chat.show.usage_unavailable", Args{"reason": MdText(answer.usageOff)}))
	case len(answer.apps) == 0:
		return nil
	}
	if v := usageOf(answer.apps[0], answer.staleAfterDays); v != nil {
		return usageFields(c.m, v, "")
	}
	return nil
}

func window(apps []summary, from, to int) []summary {
	if from >= len(apps) {
		return nil
	}
	return apps[from:min(to, len(apps))]
}

func show(c *call) result {
	app, failed := c.resolveApp(c.p.Args["app"], c.m.T("oauth-manager.action.show_app"))
	if failed != "" {
		return post(failed)
	}
	s := summarize(app)
	names := c.usernames(app.CreatorId)
	secretLine := c.m.Format("oauth-manager.chat.show.secret_masked", Args{"mask": mask})
	footer := ""
	switch {
	case s.public == "yes":
		secretLine = c.m.T("oauth-manager.chat.app.no_secret")
	case c.flagTrue("reveal") && c.h.env.Options().RevealSecretsInChat:
		secretLine = MdCode(app.ClientSecret)
		footer = "\n\n" + c.m.T("oauth-manager.chat.show.only_you")
	case c.flagTrue("reveal"):
		secretLine = c.m.Format("oauth-manager.chat.show.secret_off", Args{"mask": mask})
	}
	title := c.m.Format("oauth-manager.chat.show.title", Args{"name": MdText(app.Name)})
	fields := append(appFields(c.m, s, names, c.me, secretLine, false), c.usageFor(app.Id)...)
	return post(fieldList(title, fields) + footer)
}

// info is open to every signed-in user (GET .../info); a name is looked up among
// the apps the caller manages.
func info(c *call) result {
	action := c.m.T("oauth-manager.action.read_info")
	ref := c.p.Args["app"]
	var app *model.OAuthApp
	if looksLikeID.MatchString(ref) {
		got, err := c.api.OAuthAppInfo(ref)
		if err != nil && err.Status != 404 {
			return post(Describe(c.m, err, action))
		}
		app = got
	}
	if app == nil {
		resolved, failed := c.resolveApp(ref, action)
		if failed != "" {
			return post(failed)
		}
		app = resolved
	}
	names := c.usernames(app.CreatorId)
	fields := appFields(c.m, sanitized(app), names, c.me, c.m.T("oauth-manager.chat.info.secret"), true)
	return post(fieldList(c.m.Format("oauth-manager.chat.info.title", Args{"name": MdText(app.Name)}), fields))
}

var looksLikeID = regexp.MustCompile(`^[a-z0-9]{26}$`)

// resolveApp finds APP (a client id or an exact name) among the apps the caller
// can manage and reads it in full (webapp/src/slash/resolve_app.ts). A name is
// looked up in the caller's listing of the last seconds when there is one; the
// hit is read in full and its name checked, so a stale listing cannot misdirect.
func (c *call) resolveApp(ref, action string) (*model.OAuthApp, string) {
	if looksLikeID.MatchString(ref) {
		app, err := c.api.OAuthApp(ref)
		if err == nil {
			return app, ""
		}
		if err.Status != 404 {
			return nil, Describe(c.m, err, action)
		}
		// Not an id after all: an app may be named like one.
	}
	if recent, ok := c.h.listings.fresh(c.me); ok {
		if hits := namedIn(recent, ref); len(hits) == 1 {
			if app, err := c.api.OAuthApp(hits[0].id); err == nil && app.Name == ref {
				return app, ""
			}
		}
	}
	// The read model's search narrows the listing to apps whose text contains the name.
	found, err := c.readListing(url.Values{"search": {ref}, "all": {"true"}})
	if err != nil {
		if err.Status == 403 {
			return nil, c.m.Format("oauth-manager.chat.resolve.needs_manage_oauth", Args{"action": action})
		}
		return nil, Describe(c.m, err, action)
	}
	var matches []summary
	for _, a := range found.apps {
		if a.Name == ref {
			matches = append(matches, a)
		}
	}
	switch len(matches) {
	case 0:
		if looksLikeID.MatchString(ref) {
			return nil, c.m.Format("oauth-manager.chat.resolve.no_id", Args{"action": action, "id": MdCode(ref)})
		}
		return nil, c.m.Format("oauth-manager.chat.resolve.no_name", Args{"action": action, "name": MdText(ref)})
	case 1:
	default:
		lines := make([]string, len(matches))
		for i, a := range matches {
			lines[i] = "- " + MdText(a.Name) + ": " + MdCode(a.Id)
		}
		several := c.m.Format("oauth-manager.chat.resolve.several", Args{"action": action, "count": len(matches), "name": MdText(ref)})
		return nil, several + "\n" + strings.Join(lines, "\n")
	}
	app, err := c.api.OAuthApp(matches[0].Id)
	if err != nil {
		return nil, Describe(c.m, err, action)
	}
	return app, ""
}

func namedIn(apps []appName, name string) []appName {
	var hits []appName
	for _, a := range apps {
		if a.name == name {
			hits = append(hits, a)
		}
	}
	return hits
}
