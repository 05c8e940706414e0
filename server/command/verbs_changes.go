package command

import (
	"fmt"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"
)

// Verbs that change apps: create, edit, delete, regen-secret
// (webapp/src/slash/verbs/changes.ts).

const trustNote = "Only system admins can make an app trusted, so the server left it untrusted."

// appMessage shows an app just written; withSecret shows its (new) secret once.
func (c *call) appMessage(title string, app *model.OAuthApp, withSecret bool, notes []string) string {
	s := summarize(app)
	names := c.usernames(app.CreatorId)
	secretLine := "(unchanged, hidden)"
	if withSecret {
		secretLine = MdCode(app.ClientSecret)
	}
	if s.public == "yes" {
		secretLine = "none: a public client has no secret"
	}
	lines := []string{fieldList(title, appFields(s, names, c.me, secretLine))}
	if withSecret && s.public != "yes" {
		lines = append(lines, "", "**New client secret shown once.** "+secretWarning)
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
	if r, invalid := rejected(validateApp(candidate, false), fieldErrors); invalid {
		return r
	}
	created, err := c.api.CreateOAuthApp(request)
	if err != nil {
		return post(Describe(err, "create the app"))
	}
	c.h.listings.forget(c.me)
	var notes []string
	if request.IsTrusted && !created.IsTrusted {
		notes = append(notes, trustNote)
	}
	return post(c.appMessage("Created OAuth app "+MdText(created.Name), created, true, notes))
}

func edit(c *call) result {
	app, failed := c.resolveApp(c.p.Args["app"], "edit the app")
	if failed != "" {
		return post(failed)
	}
	if c.p.Bare {
		return c.openAppDialog(app)
	}
	next, changes, problem := MergeEdit(app, c.p.Flags)
	if problem != "" {
		return inputError(problem)
	}
	return c.updateApp(app, next, changes, nil)
}

// updateApp validates and sends an edit merged into the app read just before.
func (c *call) updateApp(app, next *model.OAuthApp, changes []Change, fieldErrors map[string]string) result {
	if len(changes) == 0 {
		return post(fmt.Sprintf("Nothing to change: %s already has these values.", MdText(app.Name)))
	}
	if r, invalid := rejected(validateApp(next, app.IsDynamicallyRegistered), fieldErrors); invalid {
		return r
	}
	updated, err := c.api.UpdateOAuthApp(next)
	if err != nil {
		return post(Describe(err, "edit the app"))
	}
	c.h.listings.forget(c.me)
	lines := []string{fmt.Sprintf("Updated %s (%s):", MdText(updated.Name), MdCode(updated.Id))}
	for _, ch := range changes {
		lines = append(lines, fmt.Sprintf("- %s: %s → %s", ch.Field, codeOrEmpty(ch.From), codeOrEmpty(ch.To)))
	}
	if next.IsTrusted && !updated.IsTrusted {
		lines = append(lines, "", trustNote)
	}
	return post(strings.Join(lines, "\n"))
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

func codeOrEmpty(s string) string {
	if s == "" {
		return "(empty)"
	}
	return MdCode(s)
}

func confirmation(verb string, app *model.OAuthApp, consequence string) string {
	what := "Regenerate the secret of"
	if verb == "delete" {
		what = "Delete the app"
	}
	return fmt.Sprintf("**%s** %s (%s)? %s\n\nTo confirm, type: %s", what, MdText(app.Name), MdCode(app.Id), consequence, MdCode("/oauth "+verb+" "+app.Id+" --yes"))
}

func remove(c *call) result {
	app, failed := c.resolveApp(c.p.Args["app"], "delete the app")
	if failed != "" {
		return post(failed)
	}
	if !c.flagTrue("yes") {
		return post(confirmation("delete", app, deleteConsequence))
	}
	if err := c.api.DeleteOAuthApp(app.Id); err != nil {
		return post(Describe(err, "delete the app"))
	}
	c.h.listings.forget(c.me)
	return post(fmt.Sprintf("Deleted OAuth app %s (%s).", MdText(app.Name), MdCode(app.Id)))
}

func regenSecret(c *call) result {
	app, failed := c.resolveApp(c.p.Args["app"], "regenerate the secret")
	if failed != "" {
		return post(failed)
	}
	if app.ClientSecret == "" {
		return post(MdText(app.Name) + " is a public client: it has no secret to regenerate (it proves itself with PKCE).")
	}
	if !c.flagTrue("yes") {
		return post(confirmation("regen-secret", app, regenConsequence))
	}
	updated, err := c.api.RegenerateSecret(app.Id)
	if err != nil {
		return post(Describe(err, "regenerate the secret"))
	}
	return post(c.appMessage("New secret for "+MdText(updated.Name), updated, true, []string{"The old secret no longer works."}))
}
