package command

import (
	"fmt"
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// The answers' building blocks, as webapp/src/slash/format.ts and
// store/labels.ts build them; testdata/answer_vectors.json holds both halves
// to the same bytes.

// summary is an app as the answers see it: its secret is never carried here,
// only whether the app is public, which is unknown for public information and
// authorized lists (their secret is blanked).
type summary struct {
	*model.OAuthApp
	// public is "yes", "no" or "" (unknown).
	public string
}

func summarize(app *model.OAuthApp) summary {
	public := "no"
	if app.ClientSecret == "" {
		public = "yes"
	}
	return summary{OAuthApp: app, public: public}
}

func sanitized(app *model.OAuthApp) summary {
	return summary{OAuthApp: app}
}

func (s summary) typeLabel() string {
	switch s.public {
	case "yes":
		return "Public"
	case "no":
		return "Confidential"
	}
	return "Unknown"
}

// creatorLabel is plain text: the reader is "you", not an @-mention of themselves.
func creatorLabel(app *model.OAuthApp, usernames map[string]string, me string) string {
	switch {
	case app.CreatorId == "" && app.IsDynamicallyRegistered:
		return "dynamic registration"
	case app.CreatorId == "":
		return "—"
	case app.CreatorId == me:
		return "you"
	case usernames[app.CreatorId] != "":
		return "@" + usernames[app.CreatorId]
	}
	return app.CreatorId
}

func creatorName(app *model.OAuthApp, usernames map[string]string, me string) string {
	label := creatorLabel(app, usernames, me)
	if label == app.CreatorId {
		return MdCode(label)
	}
	return MdText(label)
}

// date is a time as chat and console show it: minutes, UTC.
func date(ms int64) string {
	if ms == 0 {
		return "—"
	}
	return time.UnixMilli(ms).UTC().Format("2006-01-02 15:04") + " UTC"
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

func textOrDash(s string) string {
	if s == "" {
		return "—"
	}
	return MdText(s)
}

// joined escapes each value with escape (MdText, MdCode) and joins them with ", ".
func joined(values []string, escape func(string) string) string {
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = escape(v)
	}
	return strings.Join(parts, ", ")
}

type field struct{ key, value string }

func fieldList(title string, fields []field) string {
	lines := []string{"#### " + title}
	for _, f := range fields {
		lines = append(lines, fmt.Sprintf("- **%s**: %s", f.key, f.value))
	}
	return strings.Join(lines, "\n")
}

func table(headers []string, rows [][]string) string {
	seps := make([]string, len(headers))
	for i := range seps {
		seps[i] = "---"
	}
	lines := []string{"| " + strings.Join(headers, " | ") + " |", "|" + strings.Join(seps, "|") + "|"}
	for _, r := range rows {
		lines = append(lines, "| "+strings.Join(r, " | ")+" |")
	}
	return strings.Join(lines, "\n")
}

func appFields(app summary, usernames map[string]string, me, secretLine string) []field {
	kind := app.typeLabel()
	if app.public == "yes" {
		kind += " (no secret; must use PKCE with S256)"
	}
	trusted := yesNo(app.IsTrusted)
	if app.IsTrusted {
		trusted += " (users are not asked for consent)"
	}
	callbacks := joined(app.CallbackUrls, MdCode)
	if callbacks == "" {
		callbacks = "—"
	}
	return []field{
		{"Client ID", MdCode(app.Id)},
		{"Client secret", secretLine},
		{"Type", kind},
		{"Trusted", trusted},
		{"Dynamically registered", yesNo(app.IsDynamicallyRegistered)},
		{"Homepage", textOrDash(app.Homepage)},
		{"Description", textOrDash(app.Description)},
		{"Icon URL", textOrDash(app.IconURL)},
		{"Callback URLs", callbacks},
		{"Created by", creatorName(app.OAuthApp, usernames, me)},
		{"Created", date(app.CreateAt)},
		{"Updated", date(app.UpdateAt)},
	}
}

func appsTable(apps []summary, usernames map[string]string, me string) string {
	rows := make([][]string, len(apps))
	for i, a := range apps {
		rows[i] = []string{
			MdText(a.Name),
			MdCellCode(a.Id),
			a.typeLabel(),
			yesNo(a.IsTrusted),
			yesNo(a.IsDynamicallyRegistered),
			creatorName(a.OAuthApp, usernames, me),
			joined(a.CallbackUrls, MdText),
			firstRunes(date(a.CreateAt), 10),
		}
	}
	return table([]string{"Name", "Client ID", "Type", "Trusted", "DCR", "Creator", "Callback URLs", "Created"}, rows)
}

func firstRunes(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
