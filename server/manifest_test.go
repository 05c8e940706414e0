package main

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestManifestIsValid runs Mattermost's own manifest validation on plugin.json.
func TestManifestIsValid(t *testing.T) {
	m, _, err := model.FindManifest("..")
	require.NoError(t, err)
	require.NoError(t, m.IsValid())

	assert.Equal(t, "oauth-manager", m.Id)
	ok, err := m.MeetMinServerVersion("11.4.0")
	require.NoError(t, err)
	assert.True(t, ok, "the harness runs 11.4.0, so min_server_version must allow it")

	for _, platform := range []string{"linux-amd64", "linux-arm64", "darwin-amd64", "darwin-arm64", "windows-amd64"} {
		goos, goarch, _ := strings.Cut(platform, "-")
		assert.NotEmpty(t, m.GetExecutableForRuntime(goos, goarch), platform)
	}
	assert.Equal(t, "webapp/dist/main.js", m.Webapp.BundlePath)
	assert.FileExists(t, filepath.Join("..", m.IconPath))

	var custom []string
	for _, s := range m.SettingsSchema.Sections {
		if s.Custom {
			custom = append(custom, s.Key)
		}
		// The web app's admin console reads the first setting of every section.
		assert.NotEmpty(t, s.Settings, "section %s has no setting", s.Key)
	}
	// The webapp registers its manager under this key (webapp/src/index.tsx).
	assert.Equal(t, []string{"OAuthApps"}, custom)
	assert.Empty(t, m.SettingsSchema.Settings, "settings live in sections: with both, the console shows only the sections")
}

func allSettings(m *model.Manifest) []*model.PluginSetting {
	var all []*model.PluginSetting
	for _, s := range m.SettingsSchema.Sections {
		all = append(all, s.Settings...)
	}
	return all
}

// TestConfigurationMatchesSettings keeps configuration fields and plugin.json
// settings in step: the server loads settings by field name.
func TestConfigurationMatchesSettings(t *testing.T) {
	m, _, err := model.FindManifest("..")
	require.NoError(t, err)
	want := reflect.ValueOf(*defaults())
	for _, s := range allSettings(m) {
		if field, ok := reflectField(s.Key); ok {
			got := want.FieldByIndex(field.Index).Interface()
			// JSON numbers decode as float64.
			if n, isNumber := s.Default.(float64); isNumber {
				assert.EqualValues(t, n, got, "default of %s", s.Key)
			} else {
				assert.Equal(t, s.Default, got, "default of %s", s.Key)
			}
		}
		_, found := reflectField(s.Key)
		assert.True(t, found, "setting %s has no configuration field", s.Key)
	}
}
