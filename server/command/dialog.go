package command

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"
)

// The create/edit form where the web app's form cannot open (mobile): an
// interactive dialog with the web form's fields, limits and messages.

// DialogPath is the plugin route dialogs submit to.
const DialogPath = "/api/v1/dialog/app"

// dialogState travels with the dialog: which app it edits and the values it
// was opened with, so a save changes only what the user changed (merged into a
// fresh read, as the console does). It holds no secret.
type dialogState struct {
	AppID    string     `json:"app_id,omitempty"`
	Original dialogForm `json:"original"`
}

type dialogForm struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Homepage    string   `json:"homepage"`
	IconURL     string   `json:"icon_url"`
	Callbacks   []string `json:"callback_urls"`
	Trusted     bool     `json:"is_trusted"`
	Public      bool     `json:"is_public"`
}

func (c *call) openAppDialog(app *model.OAuthApp) result {
	state := dialogState{}
	m := c.m
	title, submit := m.T("oauth-manager.dialog.create.title"), m.T("oauth-manager.dialog.create.submit")
	if app != nil {
		state.AppID = app.Id
		state.Original = dialogForm{Name: app.Name, Description: app.Description, Homepage: app.Homepage, IconURL: app.IconURL, Callbacks: app.CallbackUrls, Trusted: app.IsTrusted}
		title, submit = m.Format("oauth-manager.dialog.edit.title", Args{"name": capRunes(app.Name, 40)}), m.T("oauth-manager.dialog.edit.submit")
	}
	encoded, _ := json.Marshal(state)
	f := state.Original
	label := func(field string) string { return m.T("oauth-manager.field." + field) }
	elements := []model.DialogElement{
		{DisplayName: label("name"), Name: "name", Type: "text", Default: f.Name, MaxLength: limitName, HelpText: m.T("oauth-manager.dialog.name.help")},
		{DisplayName: label("description"), Name: "description", Type: "textarea", Default: f.Description, MaxLength: limitDescription, Optional: true},
		{DisplayName: label("homepage"), Name: "homepage", Type: "text", SubType: "url", Default: f.Homepage, MaxLength: limitHomepage, Placeholder: "https://", Optional: app != nil && app.IsDynamicallyRegistered},
		{DisplayName: label("icon_url"), Name: "icon_url", Type: "text", SubType: "url", Default: f.IconURL, MaxLength: limitIconURL, Placeholder: "https://", Optional: true},
		{DisplayName: label("callback_urls"), Name: "callback_urls", Type: "textarea", Default: strings.Join(f.Callbacks, "\n"), MaxLength: limitCallbacks, HelpText: m.T("oauth-manager.dialog.callbacks.help")},
		{DisplayName: label("trusted"), Name: "is_trusted", Type: "bool", Default: strconv.FormatBool(f.Trusted), Optional: true, HelpText: m.T("oauth-manager.dialog.trusted.help")},
	}
	if app == nil {
		elements = append(elements, model.DialogElement{DisplayName: m.T("oauth-manager.dialog.public.label"), Name: "is_public", Type: "bool", Default: "false", Optional: true, HelpText: m.T("oauth-manager.dialog.public.help")})
	}
	err := c.h.env.OpenDialog(model.OpenDialogRequest{
		TriggerId: c.args.TriggerId,
		URL:       c.h.env.DialogURL(),
		Dialog: model.Dialog{
			CallbackId:  "oauth-app",
			Title:       title,
			Elements:    elements,
			SubmitLabel: submit,
			State:       string(encoded),
		},
	})
	if err != nil {
		usage := c.h.grammar.Usage(c.h.grammar.Verb(c.p.Verb))
		return post(m.Format("oauth-manager.dialog.not_opened", Args{"message": MdText(err.Message), "usage": MdCode(usage)}))
	}
	return result{opened: true}
}

// SubmitDialog answers a submitted app dialog: field errors go back to their
// fields; otherwise the app is written and the answer (with a new secret,
// once) is returned as Markdown for an ephemeral post to the submitter.
func (h *Handler) SubmitDialog(api *REST, request *model.SubmitDialogRequest) (fieldErrors map[string]string, answer string) {
	m := h.env.Messages(request.UserId)
	var state dialogState
	if err := json.Unmarshal([]byte(request.State), &state); err != nil {
		return nil, m.T("oauth-manager.dialog.bad_state")
	}
	c := &call{h: h, api: api, me: request.UserId, m: m, args: &model.CommandArgs{UserId: request.UserId, ChannelId: request.ChannelId}}
	typed := formOf(request.Submission)
	fieldErrors = map[string]string{}
	var r result
	if state.AppID == "" {
		r = c.createApp(&model.OAuthAppRequest{
			Name: typed.Name, Description: typed.Description, Homepage: typed.Homepage, IconURL: typed.IconURL,
			CallbackUrls: typed.Callbacks, IsTrusted: typed.Trusted, IsPublic: typed.Public,
		}, fieldErrors)
	} else {
		fresh, err := api.OAuthApp(state.AppID)
		if err != nil {
			return nil, Describe(m, err, m.T("oauth-manager.action.edit_app"))
		}
		next, changes, _ := MergeEdit(fresh, changedFlags(state.Original, typed))
		r = c.updateApp(fresh, next, changes, fieldErrors)
	}
	if len(fieldErrors) > 0 {
		return fieldErrors, ""
	}
	return nil, CapAnswer(r.post, cutNote(m))
}

// formOf reads a submission as the web form's fields are normalized: trimmed,
// one callback URL per line, duplicates dropped.
func formOf(s map[string]any) dialogForm {
	text := func(k string) string { v, _ := s[k].(string); return strings.TrimSpace(v) }
	flag := func(k string) bool {
		switch v := s[k].(type) {
		case bool:
			return v
		case string:
			return v == "true"
		}
		return false
	}
	var callbacks []string
	for _, line := range strings.FieldsFunc(text("callback_urls"), func(r rune) bool { return r == '\n' || r == '\r' }) {
		if u := strings.TrimSpace(line); u != "" && !slices.Contains(callbacks, u) {
			callbacks = append(callbacks, u)
		}
	}
	return dialogForm{
		Name: text("name"), Description: text("description"), Homepage: text("homepage"), IconURL: text("icon_url"),
		Callbacks: callbacks, Trusted: flag("is_trusted"), Public: flag("is_public"),
	}
}

// changedFlags are the /oauth edit options for what the user changed in the form.
func changedFlags(original, typed dialogForm) map[string]any {
	flags := map[string]any{}
	for name, pair := range map[string][2]string{
		"name": {original.Name, typed.Name}, "description": {original.Description, typed.Description},
		"homepage": {original.Homepage, typed.Homepage}, "icon-url": {original.IconURL, typed.IconURL},
	} {
		if pair[0] != pair[1] {
			flags[name] = pair[1]
		}
	}
	if !slices.Equal(original.Callbacks, typed.Callbacks) {
		flags["callback"] = typed.Callbacks
	}
	if original.Trusted != typed.Trusted {
		flags["trusted"] = strconv.FormatBool(typed.Trusted)
	}
	return flags
}
