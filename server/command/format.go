package command

import (
	"fmt"
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/readmodel"
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
	// listed is the read model's row (creator username, usage, states), when the app came from it.
	listed *readmodel.App
}

// listedSummary is a read-model row as the answers see it.
func listedSummary(a *readmodel.App) summary {
	app := &model.OAuthApp{
		Id: a.ID, CreatorId: a.CreatorID, CreateAt: a.CreateAt, UpdateAt: a.UpdateAt, Name: a.Name, Description: a.Description,
		IconURL: a.IconURL, CallbackUrls: a.CallbackURLs, Homepage: a.Homepage, IsTrusted: a.IsTrusted, IsDynamicallyRegistered: a.IsDynamicallyRegistered,
	}
	public := "no"
	if a.IsPublic {
		public = "yes"
	}
	return summary{OAuthApp: app, public: public, listed: a}
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
	switch {
	case IsQuarantined(app.CallbackUrls):
		callbacks = m.T("oauth-manager.chat.app.quarantined")
	case callbacks == "":
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

// usageView is the read model's usage of an app (format.ts UsageView).
type usageView struct {
	usage          readmodel.Usage
	states         readmodel.States
	staleAfterDays int
}

func usageOf(a summary, staleAfterDays int) *usageView {
	if a.listed == nil || a.listed.Usage == nil {
		return nil
	}
	return &usageView{usage: *a.listed.Usage, states: a.listed.States, staleAfterDays: staleAfterDays}
}

func isTrue(b *bool) bool { return b != nil && *b }

// lastUsedCell is a day, "never", or the day marked stale.
func lastUsedCell(m *Messages, v *usageView) string {
	if isTrue(v.states.NeverUsed) {
		return m.T("oauth-manager.chat.app.never_used")
	}
	day := "—"
	if v.usage.LastUsed != 0 {
		day = firstRunes(date(v.usage.LastUsed), 10)
	}
	if isTrue(v.states.Stale) {
		return m.Format("oauth-manager.chat.app.stale_cell", Args{"date": day})
	}
	return day
}

// usageFields are show's usage rows, or one row saying why there are none.
func usageFields(m *Messages, v *usageView, unavailable string) []field {
	if v == nil {
		return []field{{m.T("oauth-manager.field.usage"), unavailable}}
	}
	lastUsed := m.T("oauth-manager.chat.app.no_session")
	if v.usage.LastUsed != 0 {
		lastUsed = date(v.usage.LastUsed)
	}
	if isTrue(v.states.NeverUsed) {
		lastUsed = m.T("oauth-manager.chat.app.never_used")
	}
	var flags []string
	if isTrue(v.states.NeverUsed) {
		flags = append(flags, m.T("oauth-manager.chat.app.state_never_used"))
	}
	if isTrue(v.states.Stale) {
		flags = append(flags, m.Format("oauth-manager.chat.app.state_stale", Args{"days": v.staleAfterDays}))
	}
	if v.states.Orphaned {
		flags = append(flags, m.T("oauth-manager.chat.app.state_orphaned"))
	}
	if v.states.Legacy {
		flags = append(flags, m.T("oauth-manager.chat.app.state_legacy"))
	}
	fields := []field{
		{m.T("oauth-manager.field.authorized_by"), m.Format("oauth-manager.chat.app.users", Args{"count": int(v.usage.AuthorizedUsers)})},
		{m.T("oauth-manager.field.live_tokens"), fmt.Sprint(v.usage.LiveTokens)},
		{m.T("oauth-manager.field.live_sessions"), fmt.Sprint(v.usage.LiveSessions)},
		{m.T("oauth-manager.field.last_used"), lastUsed},
	}
	if len(flags) > 0 {
		fields = append(fields, field{m.T("oauth-manager.field.state"), strings.Join(flags, "; ")})
	}
	return fields
}

// appsTable has users and last-used columns when withUsage (the usage figures are on).
func appsTable(m *Messages, apps []summary, usernames map[string]string, me string, withUsage bool, staleAfterDays int) string {
	rows := make([][]string, len(apps))
	for i, a := range apps {
		creator := creatorName(m, a.OAuthApp, usernames, me)
		if a.listed != nil && a.listed.States.Orphaned && a.CreatorId != "" {
			creator = m.Format("oauth-manager.chat.app.creator_gone", Args{"creator": creator})
		}
		row := []string{
			MdText(a.Name),
			MdCellCode(a.Id),
			a.typeLabel(m),
			yesNo(m, a.IsTrusted),
			yesNo(m, a.IsDynamicallyRegistered),
			creator,
			joined(a.CallbackUrls, MdText),
		}
		if IsQuarantined(a.CallbackUrls) {
			row[6] = m.T("oauth-manager.chat.app.quarantined")
		}
		if withUsage {
			if v := usageOf(a, staleAfterDays); v != nil {
				row = append(row, fmt.Sprint(v.usage.AuthorizedUsers), lastUsedCell(m, v))
			} else {
				row = append(row, "—", "—")
			}
		}
		rows[i] = append(row, firstRunes(date(a.CreateAt), 10))
	}
	headers := []string{"name", "client_id", "type", "trusted", "dcr", "creator", "callback_urls"}
	if withUsage {
		headers = append(headers, "users", "last_used")
	}
	headers = append(headers, "created")
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
