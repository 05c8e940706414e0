package main

import (
	"reflect"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
)

func reflectField(name string) (reflect.StructField, bool) {
	return reflect.TypeOf(configuration{}).FieldByName(name)
}

func TestOnConfigurationChangeNormalizes(t *testing.T) {
	api := &plugintest.API{}
	api.On("LoadPluginConfiguration", mock.AnythingOfType("*main.configuration")).Run(func(args mock.Arguments) {
		c := args.Get(0).(*configuration)
		c.RevealSecretsInChat = false
		c.DefaultPageSize = 1000
	}).Return(nil)
	p := &Plugin{}
	p.SetAPI(api)

	require.NoError(t, p.OnConfigurationChange())
	got := p.getConfiguration()
	assert.False(t, got.RevealSecretsInChat)
	assert.Equal(t, 50, got.DefaultPageSize, "an out-of-range page size falls back to the default")
}

func TestUnsavedSettingsKeepTheManifestDefaults(t *testing.T) {
	api := &plugintest.API{}
	// What the server does for settings in sections: it sets no key at all.
	api.On("LoadPluginConfiguration", mock.AnythingOfType("*main.configuration")).Return(nil)
	p := &Plugin{}
	p.SetAPI(api)
	require.NoError(t, p.OnConfigurationChange())
	assert.Equal(t, defaults(), p.getConfiguration())
}

func TestGetConfigurationBeforeLoad(t *testing.T) {
	p := &Plugin{}
	assert.Equal(t, 50, p.getConfiguration().DefaultPageSize)
}

func TestRESTAPIAddressIsValidatedAndTrimmed(t *testing.T) {
	for _, c := range []struct{ in, want, problem string }{
		{"", "", ""},
		{" http://10.0.0.5:8065/ ", "http://10.0.0.5:8065", ""},
		{"https://mm.internal:8443/chat", "https://mm.internal:8443/chat", ""},
		{"10.0.0.5:8065", "", "it is not a URL"},
		{"mm.internal:8065", "", "it must start with http:// or https://"},
		{"ftp://mm.internal", "", "it must start with http:// or https://"},
		{"http://", "", "it names no host"},
		{"http://user:pw@mm.internal", "", "it must not hold a user name or password"},
		{"http://mm.internal/?x=1", "", "it must not have a query or fragment"},
		{"http://mm.internal/#top", "", "it must not have a query or fragment"},
		{"http://[::1", "", "it is not a URL"},
	} {
		got := (&configuration{RESTAPIAddress: c.in}).normalized().RESTAPIAddress
		assert.Equal(t, c.want, got, "%q", c.in)
		assert.Equal(t, c.problem, restAPIAddressProblem(strings.TrimRight(strings.TrimSpace(c.in), "/")), "%q", c.in)
	}
}

func TestAnIgnoredRESTAPIAddressIsLogged(t *testing.T) {
	api := &plugintest.API{}
	api.On("LoadPluginConfiguration", mock.AnythingOfType("*main.configuration")).Run(func(args mock.Arguments) {
		args.Get(0).(*configuration).RESTAPIAddress = "mm.internal:8065"
	}).Return(nil)
	api.On("LogWarn", "The REST API address setting is ignored: the server's listen address is used instead", "reason", "it must start with http:// or https://").Return().Once()
	p := &Plugin{}
	p.SetAPI(api)
	require.NoError(t, p.OnConfigurationChange())
	assert.Equal(t, "", p.getConfiguration().RESTAPIAddress)
	api.AssertExpectations(t)
}
