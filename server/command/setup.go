package command

import (
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/setup"
)

// /oauth setup APP [--client NAME] (a server verb): the values a client needs
// to sign users in with the app, and recipes for common clients
// (server/setup). The console's route answers the same data as JSON.

// SetupApp is what the setup answer says of the app; never its secret.
type SetupApp struct {
	ID           string   `json:"id"`
	Name         string   `json:"name"`
	Public       bool     `json:"public"`
	CallbackURLs []string `json:"callback_urls"`
}

// SetupAnswer is the data of /oauth setup and GET /api/v1/setup.
type SetupAnswer struct {
	App        SetupApp        `json:"app"`
	Endpoints  setup.Endpoints `json:"endpoints"`
	AuthMethod string          `json:"token_endpoint_auth_method"`
	Fields     []setup.Field   `json:"fields"`
	Clients    []setup.Client  `json:"clients"`
	Recipe     *setup.Recipe   `json:"recipe"`
}

// setupAnswer reads the metadata as the caller and builds the answer for app.
func setupAnswer(api *REST, app *model.OAuthApp, client string) (SetupAnswer, *APIError) {
	doc, err := api.Metadata()
	if err != nil {
		return SetupAnswer{}, err
	}
	meta := map[string]string{}
	for _, f := range doc {
		meta[f.Key] = f.Value
	}
	public := app.ClientSecret == ""
	callbacks := app.CallbackUrls
	if callbacks == nil {
		callbacks = []string{}
	}
	a := SetupAnswer{
		App:        SetupApp{ID: app.Id, Name: app.Name, Public: public, CallbackURLs: callbacks},
		Endpoints:  setup.EndpointsFrom(func(k string) string { return meta[k] }),
		AuthMethod: "client_secret_post",
		Fields:     setup.UserInfoFields(),
	}
	if public {
		a.AuthMethod = "none"
	}
	forRecipe := setup.App{ClientID: app.Id, Public: public, CallbackURLs: callbacks}
	a.Clients = setup.Clients(forRecipe)
	if client != "" {
		r, ok := setup.Build(client, a.Endpoints, forRecipe)
		if !ok {
			return SetupAnswer{}, &APIError{Status: 400, Message: "Unknown client " + client + ": one of " + strings.Join(setup.Names(), ", ") + "."}
		}
		a.Recipe = &r
	}
	return a, nil
}

// Setup is the console's setup (GET /api/v1/setup): the app read as the caller.
func (h *Handler) Setup(api *REST, appID, client string) (SetupAnswer, *APIError) {
	app, err := api.OAuthApp(appID)
	if err != nil {
		return SetupAnswer{}, err
	}
	return setupAnswer(api, app, client)
}

func setupVerb(c *call) result {
	action := c.m.T("oauth-manager.action.setup")
	app, failed := c.resolveApp(c.p.Args["app"], action)
	if failed != "" {
		return post(failed)
	}
	client, _ := c.flagString("client")
	a, err := setupAnswer(c.api, app, client)
	if err != nil {
		if err.Status == 501 {
			return post(c.m.Format("oauth-manager.chat.metadata.provider_off", Args{"setting": c.m.T("oauth-manager.setting.provider")}))
		}
		return post(Describe(c.m, err, c.m.T("oauth-manager.action.read_metadata")))
	}
	if a.Recipe != nil {
		return post(c.recipeText(a, *a.Recipe))
	}
	return post(c.setupText(a))
}

func (c *call) statusLabel(status string) string {
	return c.m.T("oauth-manager.setup.status." + status)
}

func (c *call) revealCommand(id string) string {
	return MdCode("/oauth show " + id + " --reveal")
}

func (c *call) setupText(a SetupAnswer) string {
	t := func(key string) string { return c.m.T("oauth-manager.chat.setup." + key) }
	secret := c.m.Format("oauth-manager.chat.setup.secret_confidential", Args{"command": c.revealCommand(a.App.ID)})
	if a.App.Public {
		secret = t("secret_public")
	}
	fields := []field{
		{t("issuer"), urlOrDash(a.Endpoints.Issuer, MdCode)},
		{t("authorization"), urlOrDash(a.Endpoints.Authorization, MdCode)},
		{t("token"), urlOrDash(a.Endpoints.Token, MdCode)},
		{t("userinfo"), urlOrDash(a.Endpoints.UserInfo, MdCode)},
		{c.m.T("oauth-manager.field.client_id"), MdCode(a.App.ID)},
		{c.m.T("oauth-manager.field.client_secret"), secret},
	}
	if !a.App.Public {
		fields = append(fields, field{t("auth_method_label"), c.m.Format("oauth-manager.chat.setup.auth_method", Args{"method": MdCode(a.AuthMethod)})})
	}
	callbacks := "—"
	if len(a.App.CallbackURLs) > 0 {
		callbacks = joined(a.App.CallbackURLs, MdCode)
	}
	fields = append(fields,
		field{t("scope_label"), t("scope")},
		field{c.m.T("oauth-manager.field.callback_urls"), callbacks},
	)
	rows := make([][]string, len(a.Fields))
	for i, f := range a.Fields {
		source, note := "—", ""
		if f.Source != "" {
			source = MdCellCode(f.Source)
		}
		if f.Note != "" {
			note = c.m.T(f.Note)
		}
		rows[i] = []string{MdCellCode(f.Claim), source, note}
	}
	lines := []string{
		fieldList(c.m.Format("oauth-manager.chat.setup.title", Args{"name": MdText(a.App.Name)}), fields),
		"",
		c.m.Format("oauth-manager.chat.setup.userinfo_title", Args{"endpoint": MdCode("GET " + a.Endpoints.UserInfo)}),
		"",
		table([]string{t("col.claim"), t("col.field"), t("col.note")}, rows),
		"",
		t("recipes"),
	}
	for _, cl := range a.Clients {
		lines = append(lines, c.m.Format("oauth-manager.chat.setup.recipe_item", Args{
			"client": cl.Title, "status": c.statusLabel(cl.Status),
			"command": MdCode("/oauth setup " + a.App.ID + " --client " + cl.Name),
		}))
	}
	return strings.Join(lines, "\n")
}

func (c *call) recipeText(a SetupAnswer, r setup.Recipe) string {
	who := Args{"client": r.Title, "name": MdText(a.App.Name)}
	lines := []string{
		"#### " + c.m.Format("oauth-manager.chat.setup.recipe_title", who),
		c.m.Format("oauth-manager.setup.status."+r.Status+".line", who),
	}
	if r.Block != "" {
		lines = append(lines,
			"",
			c.m.Format("oauth-manager.chat.setup.callback", Args{
				"url":     MdCode(r.Callback),
				"command": MdCode("/oauth edit " + a.App.ID + " --add-callback " + r.Callback),
			}),
			"",
			c.m.Format("oauth-manager.chat.setup.where", Args{"file": MdCode(r.Where)}),
		)
		fence := setup.Fence(r.Block)
		lines = append(lines, fence+r.Language, r.Block, fence)
		if a.App.Public {
			lines = append(lines, c.m.T("oauth-manager.chat.setup.public_note"))
		} else {
			lines = append(lines, c.m.Format("oauth-manager.chat.setup.secret_note", Args{"placeholder": MdCode(setup.SecretPlaceholder), "command": c.revealCommand(a.App.ID)}))
		}
	}
	if len(r.Notes) > 0 {
		lines = append(lines, "", c.m.T("oauth-manager.chat.setup.notes"))
		for _, n := range r.Notes {
			lines = append(lines, "- "+c.m.T(n))
		}
	}
	lines = append(lines, "", c.m.Format("oauth-manager.chat.setup.sources", Args{"urls": joined(r.Sources, MdCode)}))
	return strings.Join(lines, "\n")
}
