package main

import (
	"reflect"
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
