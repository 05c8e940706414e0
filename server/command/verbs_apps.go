package command

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"
)

// Read-only verbs: list, show, info (webapp/src/slash/verbs/apps.ts).

// maxRows keeps a listing inside one post.
const maxRows = 200

var filterFlags = []string{"mine", "trusted", "untrusted", "public", "confidential", "dcr", "filter"}

// matchesQuery is the console's filter (webapp/src/console/query.ts filterApps)
// with the list flags as its query; usernames are not searched from chat.
func (c *call) matchesQuery(app summary) bool {
	switch {
	case c.flagTrue("mine") && app.CreatorId != c.me,
		c.flagTrue("public") && app.public != "yes",
		c.flagTrue("confidential") && app.public == "yes",
		c.flagTrue("trusted") && !app.IsTrusted,
		c.flagTrue("untrusted") && app.IsTrusted,
		c.flagTrue("dcr") && !app.IsDynamicallyRegistered:
		return false
	}
	needle, _ := c.flagString("filter")
	needle = strings.ToLower(strings.TrimSpace(needle))
	if needle == "" {
		return true
	}
	hay := append([]string{app.Name, app.Description, app.Id, app.CreatorId, "", app.Homepage}, app.CallbackUrls...)
	return strings.Contains(strings.ToLower(strings.Join(hay, "\n")), needle)
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
	everything := c.flagTrue("all") || filtered

	var apps []summary
	var notes []string
	total := 0
	if everything {
		all, complete, err := allApps(c.api)
		if err != nil {
			return post(Describe(c.m, err, c.m.T("oauth-manager.action.list_apps")))
		}
		c.h.listings.remember(c.me, all)
		var matching []summary
		for _, a := range all {
			if s := summarize(a); c.matchesQuery(s) {
				matching = append(matching, s)
			}
		}
		total = len(matching)
		apps = matching
		if paged {
			apps = window(matching, page*perPage, (page+1)*perPage)
		}
		if !complete {
			notes = append(notes, c.m.T("oauth-manager.chat.list.incomplete"))
		}
	} else {
		got, err := c.api.OAuthAppPage(page, perPage)
		if err != nil {
			return post(Describe(c.m, err, c.m.T("oauth-manager.action.list_apps")))
		}
		for _, a := range got {
			apps = append(apps, summarize(a))
		}
		total = len(apps)
		if len(apps) == perPage {
			more := ""
			if c.flagSet("per-page") {
				more = fmt.Sprintf(" --per-page %d", perPage)
			}
			next := fmt.Sprintf("`/oauth list --page %d%s`", page+1, more)
			notes = append(notes, c.m.Format("oauth-manager.chat.list.more", Args{"next": next, "all": "`/oauth list --all`"}))
		}
	}

	if len(apps) == 0 {
		switch {
		case filtered:
			return post(c.m.T("oauth-manager.chat.list.no_match"))
		case page > 0:
			return post(c.m.Format("oauth-manager.chat.list.empty_page", Args{"page": page}))
		}
		return post(c.m.T("oauth-manager.chat.list.none"))
	}
	shown := apps
	if len(apps) > maxRows {
		shown = apps[:maxRows]
		notes = append([]string{c.m.Format("oauth-manager.chat.list.first_rows", Args{"shown": maxRows, "total": len(apps)})}, notes...)
	}
	creators := make([]string, len(shown))
	for i, a := range shown {
		creators[i] = a.CreatorId
	}
	names := c.usernames(creators...)
	var heading string
	if everything {
		id := "oauth-manager.chat.list.count"
		if filtered {
			id = "oauth-manager.chat.list.count_matching"
		}
		heading = c.m.Format(id, Args{"total": total})
		if paged {
			heading = c.m.Format("oauth-manager.chat.list.page", Args{"heading": heading, "page": page, "perPage": perPage})
		}
	} else {
		heading = c.m.Format("oauth-manager.chat.list.page", Args{"heading": c.m.T("oauth-manager.chat.list.title"), "page": page, "perPage": perPage})
	}
	lines := []string{heading, "", appsTable(c.m, shown, names, c.me)}
	if len(notes) > 0 {
		lines = append(append(lines, ""), notes...)
	}
	return post(strings.Join(lines, "\n"))
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
	return post(fieldList(title, appFields(c.m, s, names, c.me, secretLine, false)) + footer)
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
	all, _, err := allApps(c.api)
	if err != nil {
		if err.Status == 403 {
			return nil, c.m.Format("oauth-manager.chat.resolve.needs_manage_oauth", Args{"action": action})
		}
		return nil, Describe(c.m, err, action)
	}
	c.h.listings.remember(c.me, all)
	var matches []*model.OAuthApp
	for _, a := range all {
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
