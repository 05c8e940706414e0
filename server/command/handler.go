package command

import (
	"fmt"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/lint"
)

// Handler answers /oauth on the server: for the mobile apps and REST callers,
// where the webapp's slash-command hook does not run. Every verb calls the
// server's REST API as the caller, so the REST handlers decide every
// permission; the answers are the web half's, byte for byte
// (testdata/answer_vectors.json).
type Handler struct {
	grammar  *Grammar
	verbs    map[string]verbFunc
	env      Env
	gov      Governance
	listings *Listings
}

// Env is what the handler needs of the plugin.
type Env interface {
	// Options are the plugin's settings.
	Options() Options
	// Caller is the REST API as the user of a session the server vouched for, or why not.
	Caller(sessionID string) (*REST, *APIError)
	// IsSystemAdmin serves only the plugin's own "Who may use /oauth" setting,
	// which can narrow, never widen, what the server allows.
	IsSystemAdmin(userID string) bool
	// SiteURL is the address the metadata's issuer is compared with.
	SiteURL() string
	// OpenDialog shows an interactive dialog to the caller; DialogURL is where it submits.
	OpenDialog(request model.OpenDialogRequest) *APIError
	DialogURL() string
	// ListingURL is the read model's listing route (ListingPath under the plugin's path).
	ListingURL() string
	// Messages speaks the user's language (English when it is not shipped).
	Messages(userID string) *Messages
	// LintOptions are what the redirect-URI lint needs: the DCR allowlist and the server version.
	LintOptions() lint.Options
	// Governance is the server's own work (governance.go).
	Governance
}

// Options are the plugin settings the verbs follow.
type Options struct {
	RevealSecretsInChat bool
	DefaultPageSize     int
	SystemAdminsOnly    bool
}

// call is one command being answered.
type call struct {
	h    *Handler
	p    *Parsed
	args *model.CommandArgs
	api  *REST
	me   string
	m    *Messages
}

// result is what a verb answers: a post, an input error (plain text to fix
// and retype) or a form that opened instead.
type result struct {
	post       string
	inputError string
	opened     bool
}

type verbFunc func(c *call) result

func post(text string) result       { return result{post: text} }
func inputError(text string) result { return result{inputError: text} }

// cutNote is what a cut answer ends with (webapp/src/slash/hook.ts).
func cutNote(m *Messages) string { return m.T("oauth-manager.chat.cut") }

// NewHandler wires every verb of the grammar to its answer. The grammar drift
// test fails when a verb exists on only one side.
func NewHandler(g *Grammar, env Env) *Handler {
	return &Handler{grammar: g, env: env, gov: env, listings: NewListings(10*time.Second, ListingsMaxUsers, ListingsMaxNames), verbs: map[string]verbFunc{
		"help":         help,
		"list":         list,
		"show":         show,
		"info":         info,
		"create":       create,
		"edit":         edit,
		"delete":       remove,
		"regen-secret": regenSecret,
		"authorized":   authorized,
		"deauthorize":  deauthorize,
		"metadata":     metadata,
		"register":     register,
		"dcr":          dcr,
		"rotate":       rotate,
		"secrets":      secrets,
		"setup":        setupVerb,
		"quarantine":   quarantine,
		"release":      release,
		"lint":         lintVerb,
	}}
}

// ListingCache is the size, limits and drops of the handler's listing cache.
func (h *Handler) ListingCache() CacheStats { return h.listings.Stats() }

// Definition is the command registered with the server, autocomplete included,
// in m's language (registered once: the server's default locale).
func (h *Handler) Definition(m *Messages, appsURL string) *model.Command {
	summary := m.grammarText("summary", h.grammar.Summary)
	return &model.Command{
		Trigger:          h.grammar.Trigger,
		DisplayName:      "OAuth Apps Manager",
		Description:      summary,
		AutoComplete:     true,
		AutoCompleteDesc: summary,
		AutoCompleteHint: m.T("oauth-manager.autocomplete.hint"),
		AutocompleteData: h.grammar.Autocomplete(m, appsURL),
	}
}

// Execute parses and answers one command. Every answer is ephemeral: it may
// hold a secret the caller asked for, and names and URLs others must not see.
func (h *Handler) Execute(sessionID string, args *model.CommandArgs) *model.CommandResponse {
	text := h.Answer(sessionID, args)
	if text == "" {
		// A form opened instead.
		return &model.CommandResponse{}
	}
	return ephemeral(text)
}

// Answer is the Markdown an /oauth command answers with.
func (h *Handler) Answer(sessionID string, args *model.CommandArgs) (answer string) {
	m := h.env.Messages(args.UserId)
	parsed, perr := h.grammar.Parse(args.Command)
	if perr != nil {
		// Plain text, as the web app shows it under the message box; escaped here
		// because this answer is a post.
		return MdText(h.grammar.FormatParseError(m, perr))
	}
	c := &call{h: h, p: parsed, args: args, me: args.UserId, m: m}
	answering := m.Format("oauth-manager.action.answer", Args{"command": "/" + h.grammar.Trigger + " " + parsed.Verb})
	defer func() {
		// A defect, not a server answer: say so plainly rather than fail silently.
		if r := recover(); r != nil {
			answer = Describe(m, &APIError{Message: fmt.Sprint(r), Kind: "internal"}, answering)
		}
	}()
	if parsed.Verb != "help" {
		if refusal := h.Refusal(args.UserId); refusal != "" {
			return refusal
		}
		api, err := h.env.Caller(sessionID)
		if err != nil {
			return Describe(m, err, answering)
		}
		defer api.Close()
		c.api = api
	}
	r := h.verbs[parsed.Verb](c)
	switch {
	case r.inputError != "":
		return MdText(r.inputError)
	case r.opened:
		return ""
	}
	return CapAnswer(r.post, cutNote(m))
}

// Refusal applies the "Who may use /oauth" setting (webapp/src/slash/hook.ts).
func (h *Handler) Refusal(userID string) string {
	if h.env.Options().SystemAdminsOnly && !h.env.IsSystemAdmin(userID) {
		return h.env.Messages(userID).T("oauth-manager.chat.access.admins_only")
	}
	return ""
}

func help(c *call) result {
	return post(c.h.grammar.Help(c.m, c.p.Args["verb"]))
}

func ephemeral(text string) *model.CommandResponse {
	return &model.CommandResponse{ResponseType: model.CommandResponseTypeEphemeral, Text: text}
}

// usernames maps creator ids to usernames through the users API, so the
// server's rule on which users the caller may see applies. A failure leaves
// ids as they are, as the web half does.
func (c *call) usernames(ids ...string) map[string]string {
	names := map[string]string{}
	var wanted []string
	seen := map[string]bool{}
	for _, id := range ids {
		if id != "" && !seen[id] {
			seen[id] = true
			wanted = append(wanted, id)
		}
	}
	if len(wanted) == 0 {
		return names
	}
	users, err := c.api.UsersByIDs(wanted)
	if err != nil {
		return names
	}
	for _, u := range users {
		names[u.Id] = u.Username
	}
	return names
}

func (c *call) flagString(name string) (string, bool) {
	s, ok := c.p.Flags[name].(string)
	return s, ok
}

func (c *call) flagSet(name string) bool {
	_, ok := c.p.Flags[name]
	return ok
}

func (c *call) flagTrue(name string) bool {
	return c.p.Flags[name] == true
}

func (c *call) flagList(name string) []string {
	l, _ := c.p.Flags[name].([]string)
	return l
}
