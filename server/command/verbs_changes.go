package command

import (
	"fmt"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"
)

// Verbs that change apps: create, edit, delete, regen-secret
// (webapp/src/slash/verbs/changes.ts).

// appMessage shows an app just written, with its (new) secret, once.
func (c *call) appMessage(title string, app *model.OAuthApp, notes []string) string {
	s := summarize(app)
	names := c.usernames(app.CreatorId)
	secretLine := MdCode(app.ClientSecret)
	if s.public == "yes" {
		secretLine = c.m.T("oauth-manager.chat.app.no_secret")
	}
	lines := []string{fieldList(title, appFields(c.m, s, names, c.me, secretLine, false))}
	if s.public != "yes" {
		lines = append(lines, "", c.m.Format("oauth-manager.chat.app.new_secret", Args{"warning": c.m.T("oauth-manager.chat.secret_warning")}))
	}
	if len(notes) > 0 {
		lines = append(append(lines, ""), notes...)
	}
	return strings.Join(lines, "\n")
}

func create(c *call) result {
	if c.p.Bare {
		return c.openAppDialog(nil)
	}
	name, _ := c.flagString("name")
	description, _ := c.flagString("description")
	homepage, _ := c.flagString("homepage")
	iconURL, _ := c.flagString("icon-url")
	request := &model.OAuthAppRequest{
		Name: name, Description: description, Homepage: homepage, IconURL: iconURL,
		CallbackUrls: c.flagList("callback"), IsTrusted: c.flagTrue("trusted"), IsPublic: c.flagTrue("public"),
	}
	return c.createApp(request, nil)
}

// createApp validates, creates and answers; fieldErrors, when given, receives
// the validation errors instead of an input-error answer (the dialog).
func (c *call) createApp(request *model.OAuthAppRequest, fieldErrors map[string]string) result {
	candidate := &model.OAuthApp{Name: request.Name, Description: request.Description, Homepage: request.Homepage, IconURL: request.IconURL, CallbackUrls: request.CallbackUrls}
	if r, invalid := rejected(validateApp(c.m, candidate, false), fieldErrors); invalid {
		return r
	}
	created, err := c.api.CreateOAuthApp(request)
	if err != nil {
		return post(Describe(c.m, err, c.m.T("oauth-manager.action.create_app")))
	}
	c.h.gov.RecordChange(c.me, "create", created.Id)
	c.h.listings.forget(c.me)
	var notes []string
	if request.IsTrusted && !created.IsTrusted {
		notes = append(notes, c.m.T("oauth-manager.chat.app.trust_dropped"))
	}
	return post(c.appMessage(c.m.Format("oauth-manager.chat.create.title", Args{"name": MdText(created.Name)}), created, notes) + c.redirectCheck(created.CallbackUrls))
}

func edit(c *call) result {
	app, failed := c.resolveApp(c.p.Args["app"], c.m.T("oauth-manager.action.edit_app"))
	if failed != "" {
		return post(failed)
	}
	if c.p.Bare {
		return c.openAppDialog(app)
	}
	next, changes, missing := MergeEdit(app, c.p.Flags)
	if missing != "" {
		return inputError(missingCallbackError(c.m, app, missing))
	}
	return c.updateApp(app, next, changes, nil)
}

// updateApp validates and sends an edit merged into the app read just before.
func (c *call) updateApp(app, next *model.OAuthApp, changes []Change, fieldErrors map[string]string) result {
	if len(changes) == 0 {
		return post(c.m.Format("oauth-manager.chat.edit.nothing", Args{"name": MdText(app.Name)}))
	}
	if r, invalid := rejected(validateApp(c.m, next, app.IsDynamicallyRegistered), fieldErrors); invalid {
		return r
	}
	updated, err := c.api.UpdateOAuthApp(next)
	if err != nil {
		return post(Describe(c.m, err, c.m.T("oauth-manager.action.edit_app")))
	}
	c.h.gov.RecordChange(c.me, "edit", updated.Id)
	c.h.listings.forget(c.me)
	lines := []string{c.m.Format("oauth-manager.chat.edit.done", Args{"name": MdText(updated.Name), "id": MdCode(updated.Id)})}
	for _, ch := range changes {
		lines = append(lines, fmt.Sprintf("- %s: %s → %s", ch.Field, c.codeOrEmpty(ch.From), c.codeOrEmpty(ch.To)))
	}
	if next.IsTrusted && !updated.IsTrusted {
		lines = append(lines, "", c.m.T("oauth-manager.chat.app.trust_dropped"))
	}
	return post(strings.Join(lines, "\n") + c.redirectCheck(updated.CallbackUrls))
}

// rejected reports validation errors: into fieldErrors for a form (the
// dialog), otherwise as an input error naming each flag.
func rejected(errs, fieldErrors map[string]string) (result, bool) {
	if len(errs) == 0 {
		return result{}, false
	}
	if fieldErrors == nil {
		return inputError(describeFieldErrors(errs)), true
	}
	for k, v := range errs {
		fieldErrors[k] = v
	}
	return result{}, true
}

func (c *call) codeOrEmpty(s string) string {
	if s == "" {
		return c.m.T("oauth-manager.chat.edit.empty")
	}
	return MdCode(s)
}

// missingCallbackError is what /oauth edit says when --remove-callback names a URL the app lacks.
func missingCallbackError(m *Messages, app *model.OAuthApp, url string) string {
	return m.Format("oauth-manager.chat.edit.missing_callback", Args{"url": MdCode(url), "name": MdText(app.Name), "urls": joined(app.CallbackUrls, MdCode)})
}

func (c *call) confirmation(verb string, app *model.OAuthApp, consequenceID string) string {
	id := "oauth-manager.chat.regenerate.confirm"
	if verb == "delete" {
		id = "oauth-manager.chat.delete.confirm"
	}
	question := c.m.Format(id, Args{"name": MdText(app.Name), "id": MdCode(app.Id), "consequence": c.m.T(consequenceID)})
	return question + "\n\n" + c.m.Format("oauth-manager.chat.confirm.type", Args{"command": MdCode("/oauth " + verb + " " + app.Id + " --yes")})
}

func remove(c *call) result {
	action := c.m.T("oauth-manager.action.delete_app")
	app, failed := c.resolveApp(c.p.Args["app"], action)
	if failed != "" {
		return post(failed)
	}
	if !c.flagTrue("yes") {
		return post(c.confirmation("delete", app, "oauth-manager.app.delete.consequence"))
	}
	if err := c.api.DeleteOAuthApp(app.Id); err != nil {
		return post(Describe(c.m, err, action))
	}
	c.h.gov.RecordChange(c.me, "delete", app.Id)
	c.h.listings.forget(c.me)
	return post(c.m.Format("oauth-manager.chat.delete.done", Args{"name": MdText(app.Name), "id": MdCode(app.Id)}))
}

func regenSecret(c *call) result {
	action := c.m.T("oauth-manager.action.regenerate_secret")
	app, failed := c.resolveApp(c.p.Args["app"], action)
	if failed != "" {
		return post(failed)
	}
	if app.ClientSecret == "" {
		return post(c.m.Format("oauth-manager.chat.regenerate.public", Args{"name": MdText(app.Name)}))
	}
	if !c.flagTrue("yes") {
		return post(c.confirmation("regen-secret", app, "oauth-manager.app.regenerate.consequence"))
	}
	updated, err := c.api.RegenerateSecret(app.Id)
	if err != nil {
		return post(Describe(c.m, err, action))
	}
	c.h.gov.RecordChange(c.me, "regenerate", app.Id)
	title := c.m.Format("oauth-manager.chat.regenerate.title", Args{"name": MdText(updated.Name)})
	return post(c.appMessage(title, updated, []string{c.m.T("oauth-manager.chat.regenerate.old_secret")}))
}
