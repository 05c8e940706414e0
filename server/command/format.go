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

func (s summary) typeLabel(m *Messages) string {
	switch s.public {
	case "yes":
		return m.T("oauth-manager.app.type.public")
	case "no":
		return m.T("oauth-manager.app.type.confidential")
	}
	return m.T("oauth-manager.app.type.unknown")
}

// creatorLabel is plain text: the reader is "you", not an @-mention of themselves.
func creatorLabel(m *Messages, app *model.OAuthApp, usernames map[string]string, me string) string {
	switch {
	case app.CreatorId == "" && app.IsDynamicallyRegistered:
		return m.T("oauth-manager.app.creator.dcr")
	case app.CreatorId == "":
		return "—"
	case app.CreatorId == me:
		return m.T("oauth-manager.app.creator.you")
	case usernames[app.CreatorId] != "":
		return "@" + usernames[app.CreatorId]
	}
	return app.CreatorId
}

func creatorName(m *Messages, app *model.OAuthApp, usernames map[string]string, me string) string {
	label := creatorLabel(m, app, usernames, me)
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

func yesNo(m *Messages, b bool) string {
	if b {
		return m.T("oauth-manager.chat.yes")
	}
	return m.T("oauth-manager.chat.no")
}

func textOrDash(s string) string {
	if s == "" {
		return "—"
	}
	return MdText(s)
}

// A URL from app data is a code span: Mattermost's Markdown does not read "\:"
// as an escape (the backslash shows and ":/" becomes an emoticon), and a code
// span is never a link.
func urlOrDash(s string, code func(string) string) string {
	if s == "" {
		return "—"
	}
	return code(s)
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

// appFields lists an app's fields; omitType for public information, where the type is unknown.
func appFields(m *Messages, app summary, usernames map[string]string, me, secretLine string, omitType bool) []field {
	kind := app.typeLabel(m)
	if app.public == "yes" {
		kind = m.Format("oauth-manager.chat.app.public_type", Args{"type": kind})
	}
	trusted := yesNo(m, app.IsTrusted)
	if app.IsTrusted {
		trusted = m.Format("oauth-manager.chat.app.trusted_yes", Args{"yes": trusted})
	}
	callbacks := joined(app.CallbackUrls, MdCode)
	if callbacks == "" {
		callbacks = "—"
	}
	fields := []field{
		{m.T("oauth-manager.field.client_id"), MdCode(app.Id)},
		{m.T("oauth-manager.field.client_secret"), secretLine},
		{m.T("oauth-manager.field.type"), kind},
		{m.T("oauth-manager.field.trusted"), trusted},
		{m.T("oauth-manager.field.dynamically_registered"), yesNo(m, app.IsDynamicallyRegistered)},
		{m.T("oauth-manager.field.homepage"), urlOrDash(app.Homepage, MdCode)},
		{m.T("oauth-manager.field.description"), textOrDash(app.Description)},
		{m.T("oauth-manager.field.icon_url"), urlOrDash(app.IconURL, MdCode)},
		{m.T("oauth-manager.field.callback_urls"), callbacks},
		{m.T("oauth-manager.field.created_by"), creatorName(m, app.OAuthApp, usernames, me)},
		{m.T("oauth-manager.field.created"), date(app.CreateAt)},
		{m.T("oauth-manager.field.updated"), date(app.UpdateAt)},
	}
	if omitType {
		fields = append(fields[:2], fields[3:]...)
	}
	return fields
}

func appsTable(m *Messages, apps []summary, usernames map[string]string, me string) string {
	rows := make([][]string, len(apps))
	for i, a := range apps {
		rows[i] = []string{
			MdText(a.Name),
			MdCellCode(a.Id),
			a.typeLabel(m),
			yesNo(m, a.IsTrusted),
			yesNo(m, a.IsDynamicallyRegistered),
			creatorName(m, a.OAuthApp, usernames, me),
			joined(a.CallbackUrls, MdText),
			firstRunes(date(a.CreateAt), 10),
		}
	}
	headers := []string{"name", "client_id", "type", "trusted", "dcr", "creator", "callback_urls", "created"}
	for i, h := range headers {
		headers[i] = m.T("oauth-manager.field." + h)
	}
	return table(headers, rows)
}

func firstRunes(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}
