package command

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"
)

// authorized, deauthorize (webapp/src/slash/verbs/authorizations.ts), metadata
// and register (webapp/src/slash/verbs/server.ts).

func authorized(c *call) result {
	username := c.p.Args["user"]
	userID := c.me
	who := "You have"
	if username != "" {
		user, err := c.api.UserByUsername(username)
		if err != nil {
			if err.Status == 404 {
				return post("There is no user @" + MdText(username) + ".")
			}
			return post(Describe(err, "find @"+MdText(username)))
		}
		userID = user.Id
		if userID != c.me {
			who = "@" + MdText(username) + " has"
		}
	}
	apps, err := authorizedApps(c.api, userID)
	if err != nil {
		if err.Status == 403 {
			return post(fmt.Sprintf("Could not list the apps @%s authorized: seeing another user's authorizations needs the `edit_other_users` permission. The server said: \"%s\"", MdText(username), MdText(err.Message)))
		}
		return post(Describe(err, "list the authorized apps"))
	}
	if len(apps) == 0 {
		return post(who + " not authorized any OAuth app.")
	}
	rows := make([][]string, len(apps))
	for i, a := range apps {
		rows[i] = []string{MdText(a.Name), MdCellCode(a.Id), textOrDash(a.Homepage)}
	}
	hint := ""
	if who == "You have" {
		hint = "\n\nRevoke one with `/oauth deauthorize APP`."
	}
	return post(fmt.Sprintf("%s authorized %s:\n\n%s%s", who, plural(len(apps), "OAuth app", "OAuth apps"), table([]string{"Name", "Client ID", "Homepage"}, rows), hint))
}

func deauthorize(c *call) result {
	ref := c.p.Args["app"]
	apps, err := authorizedApps(c.api, c.me)
	if err != nil {
		return post(Describe(err, "read the apps you authorized"))
	}
	var matches []*model.OAuthApp
	for _, a := range apps {
		if a.Id == ref || a.Name == ref {
			matches = append(matches, a)
		}
	}
	switch len(matches) {
	case 0:
		return post(fmt.Sprintf("You have not authorized %s, so there is nothing to revoke. `/oauth authorized` lists the apps you authorized.", MdCode(ref)))
	case 1:
	default:
		lines := make([]string, len(matches))
		for i, a := range matches {
			lines[i] = "- " + MdCode(a.Id)
		}
		return post(fmt.Sprintf("You authorized %d apps named \"%s\". Use the client id of the one you mean:\n%s", len(matches), MdText(ref), strings.Join(lines, "\n")))
	}
	app := matches[0]
	if err := c.api.Deauthorize(app.Id); err != nil {
		return post(Describe(err, "revoke the authorization"))
	}
	return post(fmt.Sprintf("Revoked your authorization of %s (%s): its tokens for your account no longer work. It will ask for your consent again next time.", MdText(app.Name), MdCode(app.Id)))
}

// permissionCheck says whether the caller holds manage_oauth, from their roles
// as the REST API tells them.
func (c *call) permissionCheck() string {
	me, err := c.api.Me()
	if err != nil {
		return "unknown (" + MdText(err.Message) + ")"
	}
	names := strings.Fields(me.Roles)
	roles, err := c.api.RolesByNames(names)
	if err != nil {
		return "unknown (" + MdText(err.Message) + ")"
	}
	held := map[string]bool{}
	for _, r := range roles {
		for _, p := range r.Permissions {
			held[p] = true
		}
	}
	switch {
	case held[model.PermissionManageOAuth.Id] && held[model.PermissionManageSystemWideOAuth.Id]:
		return "ok: you hold `manage_oauth` and `manage_system_wide_oauth` (all apps)"
	case held[model.PermissionManageOAuth.Id]:
		return "ok: you hold `manage_oauth` (your own apps)"
	case slices.Contains(names, model.SystemAdminRoleId):
		return "**missing**: you do not hold `manage_oauth`. Your system admin role lacks it: servers before 11.6 shipped without it. Add \"manage_oauth\" to the system_admin role (System Console > User Management > System Roles > System Admin) or upgrade."
	}
	return "**missing**: you do not hold `manage_oauth`. Ask an admin for it to create and manage apps."
}

func issuerMatches(issuer, address string) bool {
	return strings.TrimRight(issuer, "/") == strings.TrimRight(address, "/")
}

func metadata(c *call) result {
	doc, err := c.api.Metadata()
	providerOn := true
	if err != nil {
		if err.Status != 501 {
			return post(Describe(err, "read the OAuth server metadata"))
		}
		providerOn = false
	}
	address := c.h.env.SiteURL()
	permission := c.permissionCheck()
	if !providerOn {
		return post(fieldList("OAuth server check", []field{
			{"OAuth 2.0 service provider", "**off**: turn it on in " + providerSetting},
			{"Your permission", permission},
		}))
	}
	get := func(key string) string {
		for _, f := range doc {
			if f.Key == key {
				return f.Value
			}
		}
		return ""
	}
	dcr := "on"
	if get("registration_endpoint") == "" {
		dcr = "off: turn it on in " + dcrSetting + " to let clients register themselves"
	}
	issuer := get("issuer")
	issuerLine := MdCode(issuer) + " " + issuerMatchesText
	if !issuerMatches(issuer, address) {
		issuerLine = fmt.Sprintf("**%s differs from %s, the address you reached this server at.** %s", MdCode(issuer), MdCode(address), issuerDiffers)
	}
	fields := make([]field, len(doc))
	for i, f := range doc {
		fields[i] = field{MdText(f.Key), MdCode(f.Value)}
	}
	return post(strings.Join([]string{
		fieldList("OAuth server check", []field{
			{"OAuth 2.0 service provider", "on"},
			{"Dynamic client registration", dcr},
			{"Issuer", issuerLine},
			{"Your permission", permission},
		}),
		"",
		fieldList("Metadata (/.well-known/oauth-authorization-server)", fields),
	}, "\n"))
}

func register(c *call) result {
	name, _ := c.flagString("client-name")
	clientURI, _ := c.flagString("client-uri")
	request := &RegistrationRequest{ClientName: name, RedirectURIs: c.flagList("redirect-uri"), ClientURI: clientURI}
	if request.RedirectURIs == nil {
		request.RedirectURIs = []string{}
	}
	if c.flagTrue("public") {
		request.TokenEndpointAuthMethod = "none"
	}
	r, err := c.api.Register(request)
	if err != nil {
		if err.ID == model.DCRErrorUnsupportedOperation {
			return post(fmt.Sprintf("Could not register the client: dynamic client registration is turned off on this server. An admin can turn it on in %s (the OAuth 2.0 service provider must be on too). The server said: \"%s\"", dcrSetting, MdText(err.Message)))
		}
		return post(Describe(err, "register the client"))
	}
	confidential := model.SafeDereference(r.ClientSecret) != ""
	secret := "none: a public client has no secret"
	if confidential {
		secret = MdCode(*r.ClientSecret)
	}
	clientName := model.SafeDereference(r.ClientName)
	fields := []field{
		{"Client ID", MdCode(r.ClientID)},
		{"Client secret", secret},
		{"Client name", MdText(clientName)},
		{"Redirect URIs", joined(r.RedirectURIs, MdCode)},
		{"Token endpoint auth method", MdCode(r.TokenEndpointAuthMethod)},
		{"Grant types", strings.Join(r.GrantTypes, ", ")},
	}
	if uri := model.SafeDereference(r.ClientURI); uri != "" {
		fields = append(fields, field{"Client URI", MdText(uri)})
	}
	text := fieldList("Registered "+MdText(clientName)+" by dynamic client registration", fields)
	if confidential {
		text += "\n\n**Client secret shown once.** " + secretWarning
	}
	return post(text)
}
