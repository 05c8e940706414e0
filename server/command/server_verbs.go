package command

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// Server is the part of the plugin API the server-side verbs use. The plugin
// API checks no permissions, so every verb checks what the REST handler in
// server/channels/api4/oauth.go checks, in the same order, before calling it.
type Server interface {
	HasPermissionTo(userID string, permission *model.Permission) bool
	GetOAuthApp(appID string) (*model.OAuthApp, *model.AppError)
	CreateOAuthApp(app *model.OAuthApp) (*model.OAuthApp, *model.AppError)
	UpdateOAuthApp(app *model.OAuthApp) (*model.OAuthApp, *model.AppError)
	DeleteOAuthApp(appID string) *model.AppError
	GetConfig() *model.Config
	GetUser(userID string) (*model.User, *model.AppError)
}

// Options are the plugin settings the server-side verbs follow.
type Options struct {
	RevealSecretsInChat bool
}

const (
	providerSetting = "System Console > Integrations > Integration Management > Enable OAuth 2.0 Service Provider"
	dcrSetting      = "System Console > Integrations > Integration Management > Enable Dynamic Client Registration"
	mask            = "••••••••"
)

var fieldOfError = regexp.MustCompile(`^model\.oauth\.is_valid\.([a-z_]+)\.app_error$`)

// describe turns a plugin-API error into plain words: what failed and what
// to do, with the server's own user-facing message (escaped and capped), never
// its error id, internal function name or developer detail.
func describe(err *model.AppError, action string) string {
	said := ""
	if err.Message != "" {
		said = " The server said: \"" + MdText(capRunes(err.Message, 300)) + "\""
	}
	switch {
	case err.StatusCode == http.StatusNotImplemented:
		return fmt.Sprintf("Could not %s: the OAuth 2.0 service provider is turned off on this server. An admin can turn it on in %s.", action, providerSetting)
	case err.StatusCode == http.StatusNotFound:
		return fmt.Sprintf("Could not %s: there is no such OAuth app, or it is not one you may see.", action)
	case err.StatusCode == http.StatusBadRequest && fieldOfError.MatchString(err.Id):
		field := fieldOfError.FindStringSubmatch(err.Id)[1]
		return fmt.Sprintf("Could not %s: the server found the %s invalid. `/oauth help` lists the limits.%s", action, strings.ReplaceAll(field, "_", " "), said)
	case err.StatusCode == http.StatusBadRequest:
		return fmt.Sprintf("Could not %s: the server refused the request as invalid.%s", action, said)
	case err.StatusCode == http.StatusForbidden:
		return fmt.Sprintf("Could not %s: you lack the permission for it.%s", action, said)
	default:
		return fmt.Sprintf("Could not %s: the server could not complete it; its database or storage may be busy. Try again in a moment, and if it keeps failing, an admin can look in the server log.%s", action, said)
	}
}

func capRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

func denied(action string, permission *model.Permission) string {
	return fmt.Sprintf("Could not %s: you lack the permission for it (`%s`).", action, permission.Id)
}

var looksLikeID = regexp.MustCompile(`^[a-z0-9]{26}$`)

// readApp does what GET /api/v4/oauth/apps/{id} does: manage_oauth first, then
// the app, then manage_system_wide_oauth for someone else's app.
func (h *Handler) readApp(userID, ref, action string) (*model.OAuthApp, string) {
	if !looksLikeID.MatchString(ref) {
		return nil, fmt.Sprintf("Could not %s: %s is not a client id. Here give the 26-character client id; names work in the web and desktop apps.", action, MdText(QuoteInput(ref)))
	}
	if !h.server.HasPermissionTo(userID, model.PermissionManageOAuth) {
		return nil, denied(action, model.PermissionManageOAuth)
	}
	app, err := h.server.GetOAuthApp(ref)
	if err != nil {
		return nil, describe(err, action)
	}
	if app.CreatorId != userID && !h.server.HasPermissionTo(userID, model.PermissionManageSystemWideOAuth) {
		return nil, denied(action, model.PermissionManageSystemWideOAuth)
	}
	return app, ""
}

// appText renders one app as a field list. Public information has its secret
// blanked, which hides whether the app is public, so the type is left out there.
// title is Markdown already; every app field is escaped here.
func (h *Handler) appText(title string, app *model.OAuthApp, callerID, secretLine string, withType bool) string {
	creator := "—"
	switch {
	case app.CreatorId == "" && app.IsDynamicallyRegistered:
		creator = "dynamic registration"
	case app.CreatorId == callerID:
		creator = "you"
	case app.CreatorId != "":
		creator = MdCode(app.CreatorId)
		if u, err := h.server.GetUser(app.CreatorId); err == nil {
			creator = MdText("@" + u.Username)
		}
	}
	kind := "Confidential"
	if app.ClientSecret == "" {
		kind = "Public (no secret; must use PKCE with S256)"
	}
	callbacks := make([]string, len(app.CallbackUrls))
	for i, u := range app.CallbackUrls {
		callbacks[i] = MdCode(u)
	}
	fields := [][2]string{
		{"Client ID", MdCode(app.Id)},
		{"Client secret", secretLine},
	}
	if withType {
		fields = append(fields, [2]string{"Type", kind})
	}
	fields = append(fields, [][2]string{
		{"Trusted", yesNo(app.IsTrusted)},
		{"Dynamically registered", yesNo(app.IsDynamicallyRegistered)},
		{"Homepage", orDash(MdText(app.Homepage))},
		{"Description", orDash(MdText(app.Description))},
		{"Icon URL", orDash(MdText(app.IconURL))},
		{"Callback URLs", orDash(strings.Join(callbacks, ", "))},
		{"Created by", creator},
		{"Created", date(app.CreateAt)},
		{"Updated", date(app.UpdateAt)},
	}...)
	lines := []string{"#### " + title}
	for _, f := range fields {
		lines = append(lines, fmt.Sprintf("- **%s**: %s", f[0], f[1]))
	}
	return strings.Join(lines, "\n")
}

func (h *Handler) show(p *Parsed, args *model.CommandArgs) string {
	app, failure := h.readApp(args.UserId, p.Args["app"], "show the app")
	if failure != "" {
		return failure
	}
	secret := mask + " (add `--reveal` to see it, to you only)"
	switch {
	case app.ClientSecret == "":
		secret = "none: a public client has no secret"
	case p.Flags["reveal"] == true && h.options().RevealSecretsInChat:
		secret = MdCode(app.ClientSecret)
	case p.Flags["reveal"] == true:
		secret = mask + " (revealing secrets in chat is turned off in the plugin's settings)"
	}
	return h.appText("OAuth app: "+MdText(app.Name), app, args.UserId, secret, true)
}

// info is GET /api/v4/oauth/apps/{id}/info: any signed-in user, secret blanked.
func (h *Handler) info(p *Parsed, args *model.CommandArgs) string {
	ref := p.Args["app"]
	if !looksLikeID.MatchString(ref) {
		return fmt.Sprintf("Could not read the app's public information: %s is not a client id.", MdText(QuoteInput(ref)))
	}
	app, err := h.server.GetOAuthApp(ref)
	if err != nil {
		return describe(err, "read the app's public information")
	}
	app.Sanitize()
	return h.appText("OAuth app (public information): "+MdText(app.Name), app, args.UserId, "not shown in public information", false)
}

// create is POST /api/v4/oauth/apps: manage_oauth; is_trusted only with manage_system.
func (h *Handler) create(p *Parsed, args *model.CommandArgs) string {
	if p.Bare {
		return "To create an app here, give its details: `" + h.grammar.Usage(h.grammar.Verb("create")) + "`. In the web and desktop apps, `/oauth create` alone opens a form."
	}
	if p.Flags["public"] == true {
		return "Public clients can be created in the web and desktop apps or System Console > Plugins > OAuth Apps Manager; the server's plugin API always gives an app a secret."
	}
	if !h.server.HasPermissionTo(args.UserId, model.PermissionManageOAuth) {
		return denied("create the app", model.PermissionManageOAuth)
	}
	callbacks, _ := p.Flags["callback"].([]string)
	app := &model.OAuthApp{
		CreatorId:    args.UserId,
		Name:         flagString(p, "name"),
		Description:  flagString(p, "description"),
		Homepage:     flagString(p, "homepage"),
		IconURL:      flagString(p, "icon-url"),
		CallbackUrls: callbacks,
		IsTrusted:    p.Flags["trusted"] == true && h.server.HasPermissionTo(args.UserId, model.PermissionManageSystem),
	}
	created, err := h.server.CreateOAuthApp(app)
	if err != nil {
		return describe(err, "create the app")
	}
	text := h.appText("Created OAuth app "+MdText(created.Name), created, args.UserId, MdCode(created.ClientSecret), true) +
		"\n\n**New client secret shown once.** Copy it now and store it safely: it is shown here to you only. Anyone with it can act as the app."
	if p.Flags["trusted"] == true && !created.IsTrusted {
		text += "\n\nOnly system admins can make an app trusted, so it was created untrusted."
	}
	return text
}

// delete is DELETE /api/v4/oauth/apps/{id}, after a confirmation.
func (h *Handler) delete(p *Parsed, args *model.CommandArgs) string {
	app, failure := h.readApp(args.UserId, p.Args["app"], "delete the app")
	if failure != "" {
		return failure
	}
	if p.Flags["yes"] != true {
		return fmt.Sprintf("**Delete the app** %s (%s)? The app and every token issued to it are removed at once: its users are signed out of it and the integration stops working. This cannot be undone.\n\nTo confirm, type: %s", MdText(app.Name), MdCode(app.Id), MdCode("/oauth delete "+app.Id+" --yes"))
	}
	if err := h.server.DeleteOAuthApp(app.Id); err != nil {
		return describe(err, "delete the app")
	}
	return fmt.Sprintf("Deleted OAuth app %s (%s).", MdText(app.Name), MdCode(app.Id))
}

// metadata reports what /.well-known/oauth-authorization-server would say, from the configuration.
func (h *Handler) metadata(_ *Parsed, args *model.CommandArgs) string {
	cfg := h.server.GetConfig()
	s := cfg.ServiceSettings
	lines := []string{"#### OAuth server check"}
	if s.EnableOAuthServiceProvider == nil || !*s.EnableOAuthServiceProvider {
		lines = append(lines, "- **OAuth 2.0 service provider**: **off**: turn it on in "+providerSetting)
	} else {
		lines = append(lines, "- **OAuth 2.0 service provider**: on")
		if s.EnableDynamicClientRegistration != nil && *s.EnableDynamicClientRegistration {
			lines = append(lines, "- **Dynamic client registration**: on")
		} else {
			lines = append(lines, "- **Dynamic client registration**: off: turn it on in "+dcrSetting+" to let clients register themselves")
		}
		site := strings.TrimRight(model.SafeDereference(s.SiteURL), "/")
		lines = append(lines, "- **Issuer**: "+MdCode(site)+" (the Site URL)", "- **authorization_endpoint**: "+MdCode(site+"/oauth/authorize"), "- **token_endpoint**: "+MdCode(site+"/oauth/access_token"))
	}
	switch {
	case h.server.HasPermissionTo(args.UserId, model.PermissionManageSystemWideOAuth) && h.server.HasPermissionTo(args.UserId, model.PermissionManageOAuth):
		lines = append(lines, "- **Your permission**: ok: you hold `manage_oauth` and `manage_system_wide_oauth` (all apps)")
	case h.server.HasPermissionTo(args.UserId, model.PermissionManageOAuth):
		lines = append(lines, "- **Your permission**: ok: you hold `manage_oauth` (your own apps)")
	case h.server.HasPermissionTo(args.UserId, model.PermissionManageSystem):
		lines = append(lines, "- **Your permission**: **missing**: you do not hold `manage_oauth`. Your system admin role lacks it: servers before 11.6 shipped without it. Add it in System Console > User Management > System Roles > System Admin, or upgrade.")
	default:
		lines = append(lines, "- **Your permission**: **missing**: you do not hold `manage_oauth`. Ask an admin for it to create and manage apps.")
	}
	return strings.Join(lines, "\n")
}

func flagString(p *Parsed, name string) string {
	s, _ := p.Flags[name].(string)
	return s
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

func date(ms int64) string {
	if ms == 0 {
		return "—"
	}
	return time.UnixMilli(ms).UTC().Format("2006-01-02 15:04 UTC")
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
