package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/command"
)

// A bundle with a French catalogue: users speak their language, the
// autocomplete the server's, and what is not translated stays English.
func TestTranslationsFromTheBundle(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, i18nDir), 0o755))
	french := `{
		"oauth-manager.grammar.summary": "Gérer les applications OAuth 2.0 de Mattermost",
		"oauth-manager.help.quoting": "Les valeurs avec des espaces vont entre guillemets.",
		"oauth-manager.chat.list.count": "**{total, plural, one {{total} application} other {{total} applications}}**",
		"oauth-manager.autocomplete.hint": "[commande]"
	}`
	require.NoError(t, os.WriteFile(filepath.Join(dir, i18nDir, "active.fr.json"), []byte(french), 0o600))

	api := &plugintest.API{}
	api.On("GetBundlePath").Return(dir, nil)
	api.On("GetUser", "fr-user").Return(&model.User{Id: "fr-user", Locale: "fr"}, nil)
	api.On("GetUser", "en-user").Return(&model.User{Id: "en-user", Locale: "en"}, nil)
	api.On("GetConfig").Return(&model.Config{LocalizationSettings: model.LocalizationSettings{DefaultServerLocale: model.NewPointer("fr")}})
	var registered *model.Command
	api.On("RegisterCommand", mock.AnythingOfType("*model.Command")).Run(func(args mock.Arguments) {
		registered = args.Get(0).(*model.Command)
	}).Return(nil)
	p := &Plugin{}
	p.SetAPI(api)
	require.NoError(t, p.OnActivate())

	assert.Equal(t, "Gérer les applications OAuth 2.0 de Mattermost", registered.AutocompleteData.HelpText, "the server's language")
	assert.Equal(t, "[commande]", registered.AutoCompleteHint)

	fr := p.Messages("fr-user")
	assert.Equal(t, "Les valeurs avec des espaces vont entre guillemets.", fr.T("oauth-manager.help.quoting"))
	// French plural rules: 0 and 1 are "one". The message holds "{{", which
	// go-i18n would have run as a template: it reaches the ICU formatter intact.
	assert.Equal(t, "**0 application**", fr.Format("oauth-manager.chat.list.count", command.Args{"total": 0}))
	assert.Equal(t, "**2 applications**", fr.Format("oauth-manager.chat.list.count", command.Args{"total": 2}))
	// Not translated: English.
	assert.Equal(t, "Yes", fr.T("oauth-manager.chat.yes"))
	assert.Equal(t, "**0 apps**", p.Messages("en-user").Format("oauth-manager.chat.list.count", command.Args{"total": 0}))
}
