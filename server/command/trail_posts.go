package command

import (
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/readmodel"
	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/trail"
)

// The bot's posts: what the change trail found, rendered in the server's
// default language. App-supplied text is escaped as in every chat answer.

// TrailContext is what rendering a run needs besides its findings.
type TrailContext struct {
	Audit     bool  // an audit channel is set: channel posts are wanted
	Since     int64 // the previous run, for "between … and …"
	Now       int64
	Usernames func(ids []string) map[string]string
	// Usage of a creator's apps (by app id); nil when not available.
	Usage      func(creatorID string) map[string]*readmodel.Usage
	MaxAgeDays int
}

const listedInPost = 5

// TrailPosts renders a run's findings as the posts to deliver.
func TrailPosts(m *Messages, f trail.Findings, tc TrailContext) []trail.Post {
	var posts []trail.Post
	add := func(userID, message string, props map[string]any) {
		props["event_id"] = model.NewId()
		posts = append(posts, trail.Post{ID: model.NewId(), UserID: userID, Message: message, Props: map[string]any{"oauth_manager": props}})
	}
	if tc.Audit && f.Announce {
		add("", m.Format("oauth-manager.trail.started", Args{"count": len(f.Result.Next)}), map[string]any{"type": "trail_started", "apps": len(f.Result.Next)})
	}
	var names map[string]string
	if tc.Audit {
		ids := []string{}
		for _, e := range f.Result.Events {
			ids = append(ids, e.App.CreatorID)
			if e.Actor != nil {
				ids = append(ids, e.Actor.UserID)
			}
		}
		names = tc.Usernames(ids)
		for _, e := range f.Result.Events {
			add("", changePost(m, e, names, tc), changeProps(e))
		}
		if n := len(f.Result.Registered); n > 0 {
			add("", registeredPost(m, f.Result.Registered, tc), map[string]any{"type": "dcr_registered", "count": n, "app_ids": entryIDs(f.Result.Registered)})
		}
		for _, o := range f.Result.OwnersLeft {
			add("", OwnerLeftPost(m, o.UserID, o.Username, o.Apps, tc.Usage(o.UserID)), map[string]any{"type": "owner_left", "user_id": o.UserID, "app_ids": entryIDs(o.Apps)})
		}
		if s := f.Summary; s != nil && len(s.Overdue)+len(s.DueSoon) > 0 {
			add("", summaryPost(m, s, tc), map[string]any{"type": "secret_summary", "day": s.Day, "overdue": len(s.Overdue), "due_soon": len(s.DueSoon)})
		}
	}
	for _, r := range f.Reminders {
		add(r.App.CreatorID, reminderPost(m, r, tc.MaxAgeDays), map[string]any{"type": "secret_reminder", "app_id": r.App.ID, "stage": r.Stage})
	}
	return posts
}

// lineName is an app's name where it may start a line (a list item): trimmed,
// so leading spaces cannot make it a code block.
func lineName(name string) string { return MdText(strings.TrimSpace(name)) }

func entryIDs(es []trail.Entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

func changeProps(e trail.Event) map[string]any {
	props := map[string]any{"type": string(e.Kind), "app_id": e.App.ID, "via": "outside", "actor_id": ""}
	if e.Actor != nil {
		props["via"], props["actor_id"] = "plugin", e.Actor.UserID
	}
	if e.Kind == trail.Changed {
		props["fields"] = e.Fields()
		if step := quarantineStep(e); step != "" {
			props["quarantine"] = step
		}
	}
	return props
}

// quarantineStep names a change of callbacks to or from the quarantine's
// inert one, whoever made it: "quarantined", "released" or "".
func quarantineStep(e trail.Event) string {
	for _, c := range e.Changes {
		switch {
		case c.Field != trail.FieldCallbackURLs:
		case IsQuarantined(c.To):
			return "quarantined"
		case IsQuarantined(c.From):
			return "released"
		}
	}
	return ""
}

var trailTitles = map[trail.Kind]string{
	trail.Created: "oauth-manager.trail.created",
	trail.Changed: "oauth-manager.trail.changed",
	trail.Deleted: "oauth-manager.trail.deleted",
}

// userRef names a user as the answers do: escaped text, so the audit
// channel does not notify everyone it names.
func userRef(names map[string]string, id string) string {
	if n := names[id]; n != "" {
		return MdText("@" + n)
	}
	if id == "" {
		return "—"
	}
	return MdCode(id)
}

func changePost(m *Messages, e trail.Event, names map[string]string, tc TrailContext) string {
	title := trailTitles[e.Kind]
	if step := quarantineStep(e); e.Kind == trail.Changed && step != "" {
		title = "oauth-manager.trail." + step
	}
	lines := []string{m.Format(title, Args{"name": lineName(e.App.Name), "id": MdCode(e.App.ID)})}
	if e.Actor != nil {
		lines = append(lines, m.Format("oauth-manager.trail.by_plugin", Args{"user": userRef(names, e.Actor.UserID), "at": date(e.Actor.At)}))
	} else {
		lines = append(lines, m.Format("oauth-manager.trail.outside", Args{"from": date(tc.Since), "to": date(tc.Now)}))
	}
	detail := func(labelID, value string) {
		lines = append(lines, m.Format("oauth-manager.trail.detail", Args{"field": m.T(labelID), "value": value}))
	}
	switch e.Kind {
	case trail.Changed:
		for _, c := range e.Changes {
			label := m.T("oauth-manager.trail.field." + c.Field)
			if c.Field == trail.FieldSecret {
				lines = append(lines, m.Format("oauth-manager.trail.regenerated", Args{"field": label}))
				continue
			}
			lines = append(lines, m.Format("oauth-manager.trail.change", Args{"field": label, "from": trailValue(m, c.Field, c.From), "to": trailValue(m, c.Field, c.To)}))
		}
	default:
		typeID := "oauth-manager.trail.type.confidential"
		if e.App.IsPublic {
			typeID = "oauth-manager.trail.type.public"
		}
		detail("oauth-manager.trail.field.type", m.T(typeID))
		detail("oauth-manager.trail.field.is_trusted", yesNo(m, e.App.IsTrusted))
		creator := userRef(names, e.App.CreatorID)
		if e.App.CreatorID == "" && e.App.IsDCR {
			creator = m.T("oauth-manager.app.creator.dcr")
		}
		detail("oauth-manager.trail.field.creator", creator)
		detail("oauth-manager.trail.field.callback_urls", trailValue(m, trail.FieldCallbackURLs, e.App.CallbackURLs))
	}
	return strings.Join(lines, "\n")
}

// trailValue shows a field's value: code spans, a list joined by commas, yes/no.
func trailValue(m *Messages, field string, values []string) string {
	if field == trail.FieldTrusted && len(values) == 1 {
		return yesNo(m, values[0] == "true")
	}
	var shown []string
	for _, v := range values {
		if v != "" {
			shown = append(shown, MdCode(v))
		}
	}
	if len(shown) == 0 {
		return m.T("oauth-manager.trail.empty")
	}
	return strings.Join(shown, ", ")
}

func registeredPost(m *Messages, apps []trail.Entry, tc TrailContext) string {
	lines := []string{m.Format("oauth-manager.trail.dcr", Args{"count": len(apps), "from": date(tc.Since), "to": date(tc.Now)})}
	for i, a := range apps {
		if i == listedInPost {
			lines = append(lines, m.Format("oauth-manager.trail.dcr.more", Args{"more": len(apps) - listedInPost}))
			break
		}
		lines = append(lines, m.Format("oauth-manager.trail.dcr.item", Args{"name": lineName(a.Name), "id": MdCode(a.ID), "callbacks": trailValue(m, trail.FieldCallbackURLs, a.CallbackURLs)}))
	}
	return strings.Join(append(lines, "", m.T("oauth-manager.trail.dcr.hint")), "\n")
}

// OwnerLeftPost lists the apps of a creator who was deactivated or deleted,
// with their usage and what an admin can do.
func OwnerLeftPost(m *Messages, userID, username string, apps []trail.Entry, usage map[string]*readmodel.Usage) string {
	user := userRef(map[string]string{userID: username}, userID)
	lines := []string{m.Format("oauth-manager.trail.owner_left", Args{"user": user, "count": len(apps)})}
	for _, a := range apps {
		lines = append(lines, m.Format("oauth-manager.trail.owner_left.app", Args{"name": lineName(a.Name), "id": MdCode(a.ID), "usage": usageText(m, usage[a.ID])}))
	}
	return strings.Join(append(lines, "", m.T("oauth-manager.trail.owner_left.options")), "\n")
}

func usageText(m *Messages, u *readmodel.Usage) string {
	switch {
	case u == nil:
		return m.T("oauth-manager.trail.usage.unknown")
	case u.AuthorizedUsers == 0 && u.LiveTokens == 0 && u.LastUsed == 0:
		return m.T("oauth-manager.trail.usage.never")
	}
	return m.Format("oauth-manager.trail.usage.last", Args{"users": int(u.AuthorizedUsers), "last": date(u.LastUsed)})
}

func summaryPost(m *Messages, s *trail.Summary, tc TrailContext) string {
	lines := []string{m.Format("oauth-manager.trail.secret_summary", Args{"max": s.MaxAge, "overdue": len(s.Overdue), "soon": len(s.DueSoon)})}
	ids := []string{}
	for _, e := range s.Overdue {
		ids = append(ids, e.CreatorID)
	}
	names := tc.Usernames(ids)
	for i, e := range s.Overdue {
		if i == 2*listedInPost {
			lines = append(lines, m.Format("oauth-manager.trail.dcr.more", Args{"more": len(s.Overdue) - i}))
			break
		}
		lines = append(lines, m.Format("oauth-manager.trail.secret_summary.item", Args{"name": lineName(e.Name), "id": MdCode(e.ID), "since": date(e.SecretSince), "user": userRef(names, e.CreatorID)}))
	}
	return strings.Join(append(lines, "", m.T("oauth-manager.trail.secret_summary.hint")), "\n")
}

func reminderPost(m *Messages, r trail.Reminder, maxAge int) string {
	args := Args{"name": lineName(r.App.Name), "id": MdCode(r.App.ID), "plainId": r.App.ID, "max": maxAge, "due": date(r.Age.DueAt), "days": r.Age.DaysLeft}
	if r.Stage == 0 {
		return m.Format("oauth-manager.trail.reminder.today", args)
	}
	return m.Format("oauth-manager.trail.reminder", args)
}
