package main

import (
	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/pluginapi/i18n"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/nicksnyder/go-i18n/v2/i18n/template"
	"golang.org/x/text/language"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/command"
)

// i18nDir holds the translations in the plugin bundle: active.<lang>.json,
// copied from webapp/i18n/<lang>.json by `make dist` (English is embedded in
// the command package instead).
const i18nDir = "assets/i18n"

// initTranslations loads the bundle's translations. Without them (no
// directory, an unreadable file) every answer is English, so activation goes on.
func (p *Plugin) initTranslations() {
	bundle, err := i18n.InitBundle(p.API, i18nDir)
	if err != nil {
		p.API.LogWarn("Translations not loaded; answering in English", "error", err.Error())
		return
	}
	p.translations = bundle
}

// Messages implements command.Env: the catalogue in the user's language.
func (p *Plugin) Messages(userID string) *command.Messages {
	if p.translations == nil {
		return command.English()
	}
	return command.NewMessages(lookupIn(p.translations.GetUserLocalizer(userID)))
}

// lookupIn finds a translation with go-i18n, as the message's ICU source: the
// identity parser keeps go-i18n from running it as a text/template (ICU's
// "{{" would be read as an action), and the command package formats it.
func lookupIn(localizer *goi18n.Localizer) command.Lookup {
	return func(id string) (string, language.Tag, bool) {
		source, tag, err := localizer.LocalizeWithTag(&goi18n.LocalizeConfig{MessageID: id, TemplateParser: template.IdentityParser{}})
		if err != nil || source == "" {
			return "", language.Und, false
		}
		return source, tag, true
	}
}

// serverMessages is the catalogue in the server's default language, for what
// every user sees alike (the autocomplete, registered once).
func (p *Plugin) serverMessages() *command.Messages {
	if p.translations == nil {
		return command.English()
	}
	locale := ""
	if cfg := p.API.GetConfig(); cfg != nil {
		locale = model.SafeDereference(cfg.LocalizationSettings.DefaultServerLocale)
	}
	return command.NewMessages(lookupIn(goi18n.NewLocalizer(p.translations.Bundle, locale)))
}
