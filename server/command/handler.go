package command

import (
	"fmt"

	"github.com/mattermost/mattermost/server/public/model"
)

// Handler answers /oauth on the server: for mobile apps and REST callers,
// where the webapp's slash-command hook does not run.
type Handler struct {
	grammar *Grammar
	verbs   map[string]verbFunc
	server  Server
	options func() Options
	// gate returns why a user may not run verbs other than help, or "".
	gate func(userID string) string
}

type verbFunc func(h *Handler, p *Parsed, args *model.CommandArgs) string

// NewHandler wires every verb of the grammar to its server-side answer. The
// grammar drift test fails when a verb exists on only one side.
func NewHandler(g *Grammar, server Server, options func() Options, gate func(userID string) string) *Handler {
	// The plugin API has no list, regenerate, authorized-apps or registration
	// call, so those verbs run only where the webapp calls the REST API.
	webOnly := func(h *Handler, p *Parsed, _ *model.CommandArgs) string { return h.webOnly(p.Verb) }
	return &Handler{grammar: g, server: server, options: options, gate: gate, verbs: map[string]verbFunc{
		"help":         (*Handler).help,
		"list":         webOnly,
		"show":         (*Handler).show,
		"info":         (*Handler).info,
		"create":       (*Handler).create,
		"edit":         (*Handler).edit,
		"delete":       (*Handler).delete,
		"regen-secret": webOnly,
		"authorized":   webOnly,
		"deauthorize":  webOnly,
		"metadata":     (*Handler).metadata,
		"register":     webOnly,
	}}
}

// Definition is the command registered with the server, autocomplete included.
func (h *Handler) Definition() *model.Command {
	return &model.Command{
		Trigger:          h.grammar.Trigger,
		DisplayName:      "OAuth Apps Manager",
		Description:      h.grammar.Summary,
		AutoComplete:     true,
		AutoCompleteDesc: h.grammar.Summary,
		AutoCompleteHint: "[command]",
		AutocompleteData: h.grammar.Autocomplete(),
	}
}

// Execute parses and answers one command. Every answer is ephemeral: the
// caller's input may hold names and URLs that others must not see.
func (h *Handler) Execute(args *model.CommandArgs) *model.CommandResponse {
	parsed, perr := h.grammar.Parse(args.Command)
	if perr != nil {
		// Plain text, as the web app shows it under the message box; escaped here
		// because this answer is a post (the input is the caller's, but still text).
		return ephemeral(MdText(formatParseError(perr)))
	}
	if parsed.Verb != "help" && h.gate != nil {
		if refusal := h.gate(args.UserId); refusal != "" {
			return ephemeral(refusal)
		}
	}
	return ephemeral(CapAnswer(h.verbs[parsed.Verb](h, parsed, args), "Narrow it down, or see System Console > Plugins > OAuth Apps Manager."))
}

func (h *Handler) help(p *Parsed, _ *model.CommandArgs) string {
	return h.grammar.Help(p.Args["verb"])
}

func (h *Handler) webOnly(verb string) string {
	return fmt.Sprintf("`/%s %s` runs in the Mattermost web and desktop apps (and System Console > Plugins > OAuth Apps Manager), "+
		"which call the REST API as you. Here the server answers `help`, `show`, `info`, `create`, `edit`, `delete` and `metadata`.", h.grammar.Trigger, verb)
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
