package command

import (
	"slices"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"
)

// authorized, deauthorize (webapp/src/slash/verbs/authorizations.ts), metadata
// and register (webapp/src/slash/verbs/server.ts).

func authorized(c *call) result {
	username := c.p.Args["user"]
	userID := c.me
	mine := true
	who := Args{"username": MdText(username)}
	if username != "" {
		user, err := c.api.UserByUsername(username)
		if err != nil {
			if err.Status == 404 {
				return post(c.m.Format("oauth-manager.chat.authorized.no_user", who))
			}
			return post(Describe(c.m, err, c.m.Format("oauth-manager.action.find_user", who)))
		}
		userID = user.Id
		mine = userID == c.me
	}
	apps, err := authorizedApps(c.api, userID)
	if err != nil {
		if err.Status == 403 {
			return post(c.m.Format("oauth-manager.chat.authorized.forbidden", Args{"username": MdText(username), "message": MdText(err.Message)}))
		}
		return post(Describe(c.m, err, c.m.T("oauth-manager.action.list_authorized")))
	}
	who["count"] = len(apps)
	whose := func(mineID, theirsID string) string {
		if mine {
			return c.m.Format(mineID, who)
		}
		return c.m.Format(theirsID, who)
	}
	if len(apps) == 0 {
		return post(whose("oauth-manager.chat.authorized.none_mine", "oauth-manager.chat.authorized.none_theirs"))
	}
	rows := make([][]string, len(apps))
	for i, a := range apps {
		rows[i] = []string{MdText(a.Name), MdCellCode(a.Id), urlOrDash(a.Homepage, MdCellCode)}
	}
	headers := []string{c.m.T("oauth-manager.field.name"), c.m.T("oauth-manager.field.client_id"), c.m.T("oauth-manager.field.homepage")}
	hint := ""
	if mine {
		hint = "\n\n" + c.m.T("oauth-manager.chat.authorized.revoke_hint")
	}
	return post(whose("oauth-manager.chat.authorized.count_mine", "oauth-manager.chat.authorized.count_theirs") + "\n\n" + table(headers, rows) + hint)
}

func deauthorize(c *call) result {
	ref := c.p.Args["app"]
	apps, err := authorizedApps(c.api, c.me)
	if err != nil {
		return post(Describe(c.m, err, c.m.T("oauth-manager.action.read_authorized")))
	}
	var matches []*model.OAuthApp
	for _, a := range apps {
		if a.Id == ref || a.Name == ref {
			matches = append(matches, a)
		}
	}
	switch len(matches) {
	case 0:
		return post(c.m.Format("oauth-manager.chat.deauthorize.not_authorized", Args{"app": MdCode(ref)}))
	case 1:
	default:
		lines := make([]string, len(matches))
		for i, a := range matches {
			lines[i] = "- " + MdCode(a.Id)
		}
		return post(c.m.Format("oauth-manager.chat.deauthorize.several", Args{"count": len(matches), "name": MdText(ref)}) + "\n" + strings.Join(lines, "\n"))
	}
	app := matches[0]
	if err := c.api.Deauthorize(app.Id); err != nil {
		return post(Describe(c.m, err, c.m.T("oauth-manager.action.revoke")))
	}
	return post(c.m.Format("oauth-manager.chat.deauthorize.done", Args{"name": MdText(app.Name), "id": MdCode(app.Id)}))
}

// permissionCheck says whether the caller holds manage_oauth, from their roles
// as the REST API tells them.
func (c *call) permissionCheck() string {
	unknown := func(err *APIError) string {
		return c.m.Format("oauth-manager.chat.metadata.permission.unknown", Args{"message": MdText(err.Message)})
	}
	me, err := c.api.Me()
	if err != nil {
		return unknown(err)
	}
	names := strings.Fields(me.Roles)
	roles, err := c.api.RolesByNames(names)
	if err != nil {
		return unknown(err)
	}
	held := map[string]bool{}
	for _, r := range roles {
		for _, p := range r.Permissions {
			held[p] = true
		}
	}
	switch {
	case held[model.PermissionManageOAuth.Id] && held[model.PermissionManageSystemWideOAuth.Id]:
		return c.m.T("oauth-manager.chat.metadata.permission.all")
	case held[model.PermissionManageOAuth.Id]:
		return c.m.T("oauth-manager.chat.metadata.permission.own")
	case slices.Contains(names, model.SystemAdminRoleId):
		return c.m.T("oauth-manager.chat.metadata.permission.admin_gap")
	}
	return c.m.T("oauth-manager.chat.metadata.permission.missing")
}

func issuerMatches(issuer, address string) bool {
	return strings.TrimRight(issuer, "/") == strings.TrimRight(address, "/")
}

func metadata(c *call) result {
	doc, err := c.api.Metadata()
	providerOn := true
	if err != nil {
		if err.Status != 501 {
			return post(Describe(c.m, err, c.m.T("oauth-manager.action.read_metadata")))
		}
		providerOn = false
	}
	t := func(key string) string { return c.m.T("oauth-manager.chat.metadata." + key) }
	address := c.h.env.SiteURL()
	permission := c.permissionCheck()
	if !providerOn {
		return post(fieldList(t("title"), []field{
			{t("provider"), c.m.Format("oauth-manager.chat.metadata.provider_off", Args{"setting": c.m.T("oauth-manager.setting.provider")})},
			{t("permission"), permission},
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
	dcr := t("on")
	if get("registration_endpoint") == "" {
		dcr = c.m.Format("oauth-manager.chat.metadata.dcr_off", Args{"setting": c.m.T("oauth-manager.setting.dcr")})
	}
	issuer := get("issuer")
	issuerLine := c.m.Format("oauth-manager.chat.metadata.issuer_matches", Args{"issuer": MdCode(issuer), "matches": c.m.T("oauth-manager.issuer.matches")})
	if !issuerMatches(issuer, address) {
		issuerLine = c.m.Format("oauth-manager.chat.metadata.issuer_differs", Args{"issuer": MdCode(issuer), "address": MdCode(address), "why": issuerDiffers(c.m)})
	}
	fields := make([]field, len(doc))
	for i, f := range doc {
		fields[i] = field{MdText(f.Key), MdCode(f.Value)}
	}
	return post(strings.Join([]string{
		fieldList(t("title"), []field{
			{t("provider"), t("on")},
			{t("dcr"), dcr},
			{t("issuer"), issuerLine},
			{t("permission"), permission},
		}),
		"",
		fieldList(t("document"), fields),
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
			return post(c.m.Format("oauth-manager.chat.register.dcr_off", Args{"setting": c.m.T("oauth-manager.setting.dcr"), "message": MdText(err.Message)}))
		}
		return post(Describe(c.m, err, c.m.T("oauth-manager.action.register_client")))
	}
	t := func(key string) string { return c.m.T("oauth-manager.chat.register." + key) }
	confidential := model.SafeDereference(r.ClientSecret) != ""
	secret := c.m.T("oauth-manager.chat.app.no_secret")
	if confidential {
		secret = MdCode(*r.ClientSecret)
	}
	clientName := model.SafeDereference(r.ClientName)
	fields := []field{
		{c.m.T("oauth-manager.field.client_id"), MdCode(r.ClientID)},
		{c.m.T("oauth-manager.field.client_secret"), secret},
		{t("client_name"), MdText(clientName)},
		{t("redirect_uris"), joined(r.RedirectURIs, MdCode)},
		{t("auth_method"), MdCode(r.TokenEndpointAuthMethod)},
		{t("grant_types"), strings.Join(r.GrantTypes, ", ")},
	}
	if uri := model.SafeDereference(r.ClientURI); uri != "" {
		fields = append(fields, field{t("client_uri"), MdCode(uri)})
	}
	text := fieldList(c.m.Format("oauth-manager.chat.register.title", Args{"name": MdText(clientName)}), fields)
	if confidential {
		text += "\n\n" + c.m.Format("oauth-manager.chat.register.secret_once", Args{"warning": c.m.T("oauth-manager.chat.secret_warning")})
	}
	return post(text + c.redirectCheck(r.RedirectURIs))
}
