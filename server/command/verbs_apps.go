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
			return post(Describe(err, "list the OAuth apps"))
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
			notes = append(notes, "Apps kept changing while they were read: this list may be incomplete. Run the command again.")
		}
	} else {
		got, err := c.api.OAuthAppPage(page, perPage)
		if err != nil {
			return post(Describe(err, "list the OAuth apps"))
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
			notes = append(notes, fmt.Sprintf("More apps may follow: `/oauth list --page %d%s`, or `/oauth list --all`.", page+1, more))
		}
	}

	if len(apps) == 0 {
		switch {
		case filtered:
			return post("No OAuth app you can manage matches these filters.")
		case page > 0:
			return post(fmt.Sprintf("Page %d is empty.", page))
		}
		return post("You have no OAuth apps to manage yet. Create one with `/oauth create --name NAME --homepage URL --callback URL`.")
	}
	shown := apps
	if len(apps) > maxRows {
		shown = apps[:maxRows]
		notes = append([]string{fmt.Sprintf("Showing the first %d of %d. Narrow with `--filter TEXT`, page with `--page N --per-page N`, or use System Console > Plugins > OAuth Apps Manager.", maxRows, len(apps))}, notes...)
	}
	creators := make([]string, len(shown))
	for i, a := range shown {
		creators[i] = a.CreatorId
	}
	names := c.usernames(creators...)
	var heading string
	if everything {
		heading = "**" + plural(total, "app", "apps") + "**"
		if filtered {
			heading += " matching"
		}
		if paged {
			heading += fmt.Sprintf(", page %d (%d per page)", page, perPage)
		}
	} else {
		heading = fmt.Sprintf("**OAuth apps**, page %d (%d per page)", page, perPage)
	}
	lines := []string{heading, "", appsTable(shown, names, c.me)}
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
	app, failed := c.resolveApp(c.p.Args["app"], "show the app")
	if failed != "" {
		return post(failed)
	}
	s := summarize(app)
	names := c.usernames(app.CreatorId)
	secretLine := mask + " (add `--reveal` to see it, to you only)"
	footer := ""
	switch {
	case s.public == "yes":
		secretLine = "none: a public client has no secret"
	case c.flagTrue("reveal") && c.h.env.Options().RevealSecretsInChat:
		secretLine = MdCode(app.ClientSecret)
		footer = "\n\nOnly you can see this message; it is gone when you reload."
	case c.flagTrue("reveal"):
		secretLine = mask + " (revealing secrets in chat is turned off in the plugin's settings; an admin can see it in System Console > Plugins > OAuth Apps Manager)"
	}
	return post(fieldList("OAuth app: "+MdText(app.Name), appFields(s, names, c.me, secretLine)) + footer)
}

// info is open to every signed-in user (GET .../info); a name is looked up among
// the apps the caller manages.
func info(c *call) result {
	const action = "read the app's public information"
	ref := c.p.Args["app"]
	var app *model.OAuthApp
	if looksLikeID.MatchString(ref) {
		got, err := c.api.OAuthAppInfo(ref)
		if err != nil && err.Status != 404 {
			return post(Describe(err, action))
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
	var fields []field
	for _, f := range appFields(sanitized(app), names, c.me, "not shown in public information") {
		if f.key != "Type" {
			fields = append(fields, f)
		}
	}
	return post(fieldList("OAuth app (public information): "+MdText(app.Name), fields))
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
			return nil, Describe(err, action)
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
			return nil, fmt.Sprintf("Could not %s: finding an app by name needs the `manage_oauth` permission. Give its client id instead (`/oauth info CLIENT_ID` works for anyone).", action)
		}
		return nil, Describe(err, action)
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
		what := `no app named "` + MdText(ref) + `"`
		if looksLikeID.MatchString(ref) {
			what = "no app with client id " + MdCode(ref) + " or that name"
		}
		return nil, fmt.Sprintf("Could not %s: there is %s among the apps you can manage. `/oauth list --filter TEXT` searches them.", action, what)
	case 1:
	default:
		lines := make([]string, len(matches))
		for i, a := range matches {
			lines[i] = "- " + MdText(a.Name) + ": " + MdCode(a.Id)
		}
		return nil, fmt.Sprintf("Could not %s: %d apps are named \"%s\". Use the client id of the one you mean:\n%s", action, len(matches), MdText(ref), strings.Join(lines, "\n"))
	}
	app, err := c.api.OAuthApp(matches[0].Id)
	if err != nil {
		return nil, Describe(err, action)
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
