package main

import (
	"net/http"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/command"
)

func TestOnActivateRegistersOAuthWithAutocomplete(t *testing.T) {
	api := &plugintest.API{}
	var registered *model.Command
	api.On("RegisterCommand", mock.AnythingOfType("*model.Command")).Run(func(args mock.Arguments) {
		registered = args.Get(0).(*model.Command)
	}).Return(nil)
	// No translations in the bundle: activation goes on, in English.
	api.On("GetBundlePath").Return(t.TempDir(), nil)
	api.On("LogWarn", "Translations not loaded; answering in English", "error", mock.Anything).Return()
	p := &Plugin{}
	p.SetAPI(api)

	require.NoError(t, p.OnActivate())
	require.NotNil(t, registered)
	assert.Equal(t, "oauth", registered.Trigger)
	assert.True(t, registered.AutoComplete)
	require.NoError(t, registered.AutocompleteData.IsValid())

	resp, appErr := p.ExecuteCommand(nil, &model.CommandArgs{Command: "/oauth help"})
	require.Nil(t, appErr)
	assert.Equal(t, model.CommandResponseTypeEphemeral, resp.ResponseType)
	assert.Contains(t, resp.Text, "#### /oauth: Manage Mattermost OAuth 2.0 apps")
}

func TestOptionsFollowTheSettings(t *testing.T) {
	p := &Plugin{}
	p.setConfiguration((&configuration{CommandAccess: accessSystemAdmins, DefaultPageSize: 20}).normalized())
	assert.Equal(t, command.Options{SystemAdminsOnly: true, DefaultPageSize: 20}, p.Options())
	p.setConfiguration((&configuration{CommandAccess: accessEveryone, RevealSecretsInChat: true}).normalized())
	assert.Equal(t, command.Options{RevealSecretsInChat: true, DefaultPageSize: 50}, p.Options())
}

// The Go half reaches the server through its own listener, not the Site URL
// (which may be a proxy the server cannot reach), keeping the Site URL's subpath.
func TestListenerURL(t *testing.T) {
	for _, c := range []struct{ listen, security, site, want string }{
		{":8065", "", "https://chat.example.com", "http://127.0.0.1:8065"},
		{"0.0.0.0:8065", "", "https://chat.example.com/team/", "http://127.0.0.1:8065/team"},
		{"[::]:9000", "", "", "http://[::1]:9000"},
		{"10.0.0.5:443", "TLS", "https://chat.example.com", "https://10.0.0.5:443"},
		{"nonsense", "", "", "http://127.0.0.1:8065"},
	} {
		got, transport := listenerURL(c.listen, c.security, c.site)
		assert.Equal(t, c.want, got, "%+v", c)
		if c.security == "TLS" {
			assert.Equal(t, "chat.example.com", transport.(*http.Transport).TLSClientConfig.ServerName, "the certificate names the public host")
		}
	}
}

func TestCallerNeedsALiveSession(t *testing.T) {
	api := &plugintest.API{}
	api.On("GetSession", "gone").Return(nil, model.NewAppError("GetSession", "app.session.get.app_error", nil, "", http.StatusBadRequest))
	api.On("GetSession", "old").Return(&model.Session{Id: "old", Token: "t", ExpiresAt: 1}, nil)
	api.On("KVGet", "database-probe").Return(nil, nil)
	p := &Plugin{}
	p.SetAPI(api)
	for _, id := range []string{"", "gone", "old"} {
		rest, err := p.Caller(id)
		assert.Nil(t, rest)
		require.NotNil(t, err)
		assert.Equal(t, http.StatusUnauthorized, err.Status)
	}
}

// The setting "REST API address for the plugin's own calls" replaces the listener.
func TestOwnListenerFollowsTheRESTAPIAddressSetting(t *testing.T) {
	api := &plugintest.API{}
	listen, site := "127.0.0.1:8065", "https://chat.example.com"
	api.On("GetConfig").Return(&model.Config{ServiceSettings: model.ServiceSettings{ListenAddress: &listen, SiteURL: &site}})
	p := &Plugin{}
	p.SetAPI(api)
	p.setConfiguration(defaults().normalized())
	base, _ := p.ownListener()
	assert.Equal(t, "http://127.0.0.1:8065", base)

	p.setConfiguration((&configuration{RESTAPIAddress: "https://mm.internal:8443/chat/"}).normalized())
	base, transport := p.ownListener()
	assert.Equal(t, "https://mm.internal:8443/chat", base)
	assert.Nil(t, transport.(*http.Transport).Proxy, "never through an outbound proxy")
}

// With the database down the server cannot read the session either: the
// answer says that, not "your session has expired".
func TestCallerSaysWhenTheDatabaseIsDown(t *testing.T) {
	api := &plugintest.API{}
	api.On("GetSession", "s1").Return(nil, model.NewAppError("GetSessionById", "app.session.get.app_error", nil, "", http.StatusBadRequest))
	api.On("KVGet", "database-probe").Return(nil, model.NewAppError("KVGet", "app.plugin_store.get.app_error", nil, "", http.StatusInternalServerError))
	p := &Plugin{}
	p.SetAPI(api)
	rest, err := p.Caller("s1")
	assert.Nil(t, rest)
	require.NotNil(t, err)
	assert.Equal(t, http.StatusServiceUnavailable, err.Status)
	assert.Equal(t, "Could not list the apps: the server could not check your session, because its database cannot be reached. "+
		"The server failed on its side: try again in a moment; if it keeps failing, a system admin can find the cause in the server log.", command.Describe(command.English(), err, "list the apps"))
}
