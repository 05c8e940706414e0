package command

import (
	"fmt"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
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

// SeeTheRest is what a cut answer adds (webapp/src/slash/hook.ts SEE_THE_REST).
const SeeTheRest = "Narrow it down, or see System Console > Plugins > OAuth Apps Manager."

// NewHandler wires every verb of the grammar to its answer. The grammar drift
// test fails when a verb exists on only one side.
func NewHandler(g *Grammar, env Env) *Handler {
	return &Handler{grammar: g, env: env, listings: NewListings(10 * time.Second), verbs: map[string]verbFunc{
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
	}}
}

// Definition is the command registered with the server, autocomplete included.
func (h *Handler) Definition(appsURL string) *model.Command {
	return &model.Command{
		Trigger:          h.grammar.Trigger,
		DisplayName:      "OAuth Apps Manager",
		Description:      h.grammar.Summary,
		AutoComplete:     true,
		AutoCompleteDesc: h.grammar.Summary,
		AutoCompleteHint: "[command]",
		AutocompleteData: h.grammar.Autocomplete(appsURL),
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
	parsed, perr := h.grammar.Parse(args.Command)
	if perr != nil {
		// Plain text, as the web app shows it under the message box; escaped here
		// because this answer is a post.
		return MdText(formatParseError(perr))
	}
	c := &call{h: h, p: parsed, args: args, me: args.UserId}
	defer func() {
		// A defect, not a server answer: say so plainly rather than fail silently.
		if r := recover(); r != nil {
			answer = Describe(&APIError{Message: fmt.Sprint(r), Kind: "internal"}, "answer /"+h.grammar.Trigger+" "+parsed.Verb)
		}
	}()
	if parsed.Verb != "help" {
		if refusal := h.Refusal(args.UserId); refusal != "" {
			return refusal
		}
		api, err := h.env.Caller(sessionID)
		if err != nil {
			return Describe(err, "answer /"+h.grammar.Trigger+" "+parsed.Verb)
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
	return CapAnswer(r.post, SeeTheRest)
}

// Refusal applies the "Who may use /oauth" setting (webapp/src/slash/hook.ts).
func (h *Handler) Refusal(userID string) string {
	if h.env.Options().SystemAdminsOnly && !h.env.IsSystemAdmin(userID) {
		return "An admin limited `/oauth` to system admins on this server (System Console > Plugins > OAuth Apps Manager > Who may use /oauth). `/oauth help` still works."
	}
	return ""
}

func help(c *call) result {
	return post(c.h.grammar.Help(c.p.Args["verb"]))
}

// formatParseError is the shared wording of input errors: what is wrong, then the usage line.
func formatParseError(e *ParseError) string {
	if e.Usage == "" {
		return e.Message
	}
	return e.Message + " Usage: " + e.Usage
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
