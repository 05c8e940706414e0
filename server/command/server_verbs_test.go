package command

import (
	"net/http"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
)

const (
	ownerID = "owner000000000000000000000"
	otherID = "other000000000000000000000"
	appID   = "app00000000000000000000000"
)

type perms map[string][]*model.Permission

// serverAPI is a plugin API where each user holds exactly the listed permissions.
func serverAPI(t *testing.T, held perms) *plugintest.API {
	api := &plugintest.API{}
	t.Cleanup(func() { api.AssertExpectations(t) })
	api.On("HasPermissionTo", mock.Anything, mock.Anything).Return(func(userID string, p *model.Permission) bool {
		for _, h := range held[userID] {
			if h.Id == p.Id {
				return true
			}
		}
		return false
	}).Maybe()
	api.On("GetUser", mock.Anything).Return(&model.User{Username: "owner"}, nil).Maybe()
	return api
}

func storedApp() *model.OAuthApp {
	return &model.OAuthApp{Id: appID, CreatorId: ownerID, Name: "Bot", ClientSecret: "s3cret", Homepage: "https://e.co", CallbackUrls: []string{"https://e.co/cb"}, CreateAt: 1}
}

func run(api *plugintest.API, reveal bool, userID, command string) string {
	h := NewHandler(Load(), api, func() Options { return Options{RevealSecretsInChat: reveal} }, nil)
	return h.Execute(&model.CommandArgs{UserId: userID, Command: command}).Text
}

var manage = []*model.Permission{model.PermissionManageOAuth}

func TestShowChecksWhatTheRESTHandlerChecks(t *testing.T) {
	t.Run("without manage_oauth nothing is read", func(t *testing.T) {
		api := serverAPI(t, perms{})
		assert.Equal(t, "Could not show the app: you lack the permission for it (`manage_oauth`).", run(api, true, ownerID, "/oauth show "+appID))
		api.AssertNotCalled(t, "GetOAuthApp", mock.Anything)
	})
	t.Run("the creator sees it, masked", func(t *testing.T) {
		api := serverAPI(t, perms{ownerID: manage})
		api.On("GetOAuthApp", appID).Return(storedApp(), nil)
		text := run(api, true, ownerID, "/oauth show "+appID)
		assert.Contains(t, text, "#### OAuth app: Bot")
		assert.Contains(t, text, "**Created by**: you")
		assert.NotContains(t, text, "s3cret")
	})
	t.Run("--reveal follows the setting", func(t *testing.T) {
		api := serverAPI(t, perms{ownerID: manage})
		api.On("GetOAuthApp", appID).Return(storedApp(), nil)
		assert.Contains(t, run(api, true, ownerID, "/oauth show "+appID+" --reveal"), "`s3cret`")
		assert.NotContains(t, run(api, false, ownerID, "/oauth show "+appID+" --reveal"), "s3cret")
	})
	t.Run("someone else's app needs manage_system_wide_oauth", func(t *testing.T) {
		api := serverAPI(t, perms{otherID: manage})
		api.On("GetOAuthApp", appID).Return(storedApp(), nil)
		assert.Equal(t, "Could not show the app: you lack the permission for it (`manage_system_wide_oauth`).", run(api, true, otherID, "/oauth show "+appID))
		api2 := serverAPI(t, perms{otherID: {model.PermissionManageOAuth, model.PermissionManageSystemWideOAuth}})
		api2.On("GetOAuthApp", appID).Return(storedApp(), nil)
		assert.Contains(t, run(api2, true, otherID, "/oauth show "+appID), "#### OAuth app: Bot")
	})
	t.Run("names are for the web app", func(t *testing.T) {
		api := serverAPI(t, perms{ownerID: manage})
		assert.Contains(t, run(api, true, ownerID, `/oauth show "Bot"`), "is not a client id")
	})
	t.Run("server errors in plain words", func(t *testing.T) {
		api := serverAPI(t, perms{ownerID: manage})
		api.On("GetOAuthApp", appID).Return(nil, model.NewAppError("GetOAuthApp", "api.oauth.allow_oauth.turn_off.app_error", nil, "", http.StatusNotImplemented))
		assert.Contains(t, run(api, true, ownerID, "/oauth show "+appID), "Enable OAuth 2.0 Service Provider")
	})
}

func TestInfoIsForEveryoneWithoutTheSecret(t *testing.T) {
	api := serverAPI(t, perms{})
	api.On("GetOAuthApp", appID).Return(storedApp(), nil)
	text := run(api, true, otherID, "/oauth info "+appID)
	assert.Contains(t, text, "OAuth app (public information): Bot")
	assert.NotContains(t, text, "s3cret")
	assert.NotContains(t, text, "**Type**", "a blanked secret says nothing about the type")
}

func TestCreate(t *testing.T) {
	cmd := "/oauth create --name Bot --homepage https://e.co --callback https://e.co/cb --trusted"
	t.Run("without manage_oauth nothing is created", func(t *testing.T) {
		api := serverAPI(t, perms{})
		assert.Contains(t, run(api, true, otherID, cmd), "(`manage_oauth`)")
		api.AssertNotCalled(t, "CreateOAuthApp", mock.Anything)
	})
	t.Run("trusted is dropped without manage_system, and the answer says so", func(t *testing.T) {
		api := serverAPI(t, perms{ownerID: manage})
		api.On("CreateOAuthApp", mock.MatchedBy(func(a *model.OAuthApp) bool {
			return a.CreatorId == ownerID && !a.IsTrusted && a.Name == "Bot" && a.CallbackUrls[0] == "https://e.co/cb"
		})).Return(storedApp(), nil)
		text := run(api, true, ownerID, cmd)
		assert.Contains(t, text, "`s3cret`")
		assert.Contains(t, text, "Only system admins can make an app trusted")
	})
	t.Run("system admins may trust", func(t *testing.T) {
		api := serverAPI(t, perms{ownerID: {model.PermissionManageOAuth, model.PermissionManageSystem}})
		trusted := storedApp()
		trusted.IsTrusted = true
		api.On("CreateOAuthApp", mock.MatchedBy(func(a *model.OAuthApp) bool { return a.IsTrusted })).Return(trusted, nil)
		assert.NotContains(t, run(api, true, ownerID, cmd), "Only system admins")
	})
	t.Run("public clients and the bare form are for the web app", func(t *testing.T) {
		api := serverAPI(t, perms{ownerID: manage})
		assert.Contains(t, run(api, true, ownerID, "/oauth create --name B --homepage https://e.co --callback https://e.co/cb --public"), "always gives an app a secret")
		assert.Contains(t, run(api, true, ownerID, "/oauth create"), "To create an app here, give its details")
	})
	t.Run("a validation error names the field", func(t *testing.T) {
		api := serverAPI(t, perms{ownerID: manage})
		api.On("CreateOAuthApp", mock.Anything).Return(nil, model.NewAppError("SaveApp", "model.oauth.is_valid.name.app_error", nil, "", http.StatusBadRequest))
		assert.Contains(t, run(api, true, ownerID, cmd), "the server found the name invalid")
	})
}

func TestDelete(t *testing.T) {
	t.Run("asks first", func(t *testing.T) {
		api := serverAPI(t, perms{ownerID: manage})
		api.On("GetOAuthApp", appID).Return(storedApp(), nil)
		assert.Contains(t, run(api, true, ownerID, "/oauth delete "+appID), "To confirm, type: `/oauth delete "+appID+" --yes`")
		api.AssertNotCalled(t, "DeleteOAuthApp", mock.Anything)
	})
	t.Run("someone else's app is refused without manage_system_wide_oauth", func(t *testing.T) {
		api := serverAPI(t, perms{otherID: manage})
		api.On("GetOAuthApp", appID).Return(storedApp(), nil)
		assert.Contains(t, run(api, true, otherID, "/oauth delete "+appID+" --yes"), "(`manage_system_wide_oauth`)")
		api.AssertNotCalled(t, "DeleteOAuthApp", mock.Anything)
	})
	t.Run("the creator deletes it", func(t *testing.T) {
		api := serverAPI(t, perms{ownerID: manage})
		api.On("GetOAuthApp", appID).Return(storedApp(), nil)
		api.On("DeleteOAuthApp", appID).Return(nil)
		assert.Equal(t, "Deleted OAuth app Bot (`"+appID+"`).", run(api, true, ownerID, "/oauth delete "+appID+" --yes"))
	})
}

func TestMetadataFromTheConfiguration(t *testing.T) {
	cfg := &model.Config{}
	cfg.SetDefaults()
	cfg.ServiceSettings.SiteURL = model.NewPointer("https://mm.example.com/")
	cfg.ServiceSettings.EnableOAuthServiceProvider = model.NewPointer(true)
	cfg.ServiceSettings.EnableDynamicClientRegistration = model.NewPointer(false)
	api := serverAPI(t, perms{ownerID: {model.PermissionManageSystem}})
	api.On("GetConfig").Return(cfg)
	text := run(api, true, ownerID, "/oauth metadata")
	assert.Contains(t, text, "- **Issuer**: `https://mm.example.com` (the Site URL)")
	assert.Contains(t, text, "Dynamic client registration**: off")
	assert.Contains(t, text, "Your system admin role lacks it")

	cfg.ServiceSettings.EnableOAuthServiceProvider = model.NewPointer(false)
	assert.Contains(t, run(api, true, otherID, "/oauth metadata"), "**off**: turn it on in System Console")
}

func TestEdit(t *testing.T) {
	t.Run("others are refused before anything is written", func(t *testing.T) {
		api := serverAPI(t, perms{otherID: manage})
		api.On("GetOAuthApp", appID).Return(storedApp(), nil)
		assert.Contains(t, run(api, true, otherID, "/oauth edit "+appID+" --name X"), "(`manage_system_wide_oauth`)")
		api.AssertNotCalled(t, "UpdateOAuthApp", mock.Anything)
	})
	t.Run("the whole app goes back with only the named fields changed", func(t *testing.T) {
		api := serverAPI(t, perms{ownerID: manage})
		api.On("GetOAuthApp", appID).Return(storedApp(), nil)
		want := storedApp()
		want.Description = "new"
		want.CallbackUrls = []string{"https://e.co/cb", "https://e.co/more"}
		api.On("UpdateOAuthApp", want).Return(want, nil)
		text := run(api, true, ownerID, `/oauth edit `+appID+` --description new --add-callback https://e.co/more`)
		assert.Contains(t, text, "- description: (empty) → `new`")
		assert.Contains(t, text, "- callback_urls: `https://e.co/cb` → `https://e.co/cb, https://e.co/more`")
	})
	t.Run("trust stays as it was for callers without manage_system, and they are told", func(t *testing.T) {
		api := serverAPI(t, perms{ownerID: manage})
		api.On("GetOAuthApp", appID).Return(storedApp(), nil)
		want := storedApp()
		want.Name = "Renamed"
		api.On("UpdateOAuthApp", want).Return(want, nil)
		text := run(api, true, ownerID, "/oauth edit "+appID+" --name Renamed --trusted true")
		assert.Contains(t, text, "Only system admins can change whether an app is trusted")
		assert.NotContains(t, text, "is_trusted")
	})
	t.Run("nothing to change makes no request", func(t *testing.T) {
		api := serverAPI(t, perms{ownerID: manage})
		api.On("GetOAuthApp", appID).Return(storedApp(), nil)
		assert.Equal(t, "Nothing to change: Bot already has these values.", run(api, true, ownerID, "/oauth edit "+appID+" --name Bot"))
		api.AssertNotCalled(t, "UpdateOAuthApp", mock.Anything)
	})
}
