package command

import (
	"strings"
	"unicode/utf8"

	"github.com/mattermost/mattermost/server/public/model"
)

// The server's OAuthApp.IsValid rules (model/oauth.go), checked before a
// request so a bad field is named precisely and nothing is half-applied.
// webapp/src/validation.ts says the same; answer_vectors.json holds both.

const (
	limitName        = 64
	limitDescription = 512
	limitHomepage    = 256
	limitIconURL     = 512
	limitCallbacks   = 1024
)

// appFieldOrder is the order field errors are listed in, with the flag each names.
var appFieldOrder = []struct{ field, flag string }{
	{"name", "--name"}, {"description", "--description"}, {"homepage", "--homepage"}, {"icon_url", "--icon-url"}, {"callback_urls", "--callback"},
}

// callbacksLength is how the server measures the list: as Go prints it, "[a b c]".
func callbacksLength(urls []string) int {
	return len("[" + strings.Join(urls, " ") + "]")
}

// validateApp returns a sentence per invalid field, in m's language. Values are
// shown as typed: the caller escapes the whole text for where it lands.
func validateApp(m *Messages, app *model.OAuthApp, dynamicallyRegistered bool) map[string]string {
	errs := map[string]string{}
	long := func(id string, length, limit int) string {
		return m.Format("oauth-manager.validation."+id, Args{"length": length, "limit": limit})
	}
	invalid := func(id, value string) string {
		return m.Format("oauth-manager.validation."+id, Args{"value": value})
	}
	switch {
	case app.Name == "":
		errs["name"] = m.T("oauth-manager.validation.name.missing")
	case len(app.Name) > limitName:
		errs["name"] = long("name.long", len(app.Name), limitName)
	}
	if n := utf8.RuneCountInString(app.Description); n > limitDescription {
		errs["description"] = long("description.long", n, limitDescription)
	}
	switch {
	case app.Homepage == "" && !dynamicallyRegistered:
		errs["homepage"] = m.T("oauth-manager.validation.homepage.missing")
	case app.Homepage != "" && !model.IsValidHTTPURL(app.Homepage):
		errs["homepage"] = invalid("homepage.invalid", app.Homepage)
	case len(app.Homepage) > limitHomepage:
		errs["homepage"] = long("homepage.long", len(app.Homepage), limitHomepage)
	}
	switch {
	case app.IconURL != "" && !model.IsValidHTTPURL(app.IconURL):
		errs["icon_url"] = invalid("icon_url.invalid", app.IconURL)
	case len(app.IconURL) > limitIconURL:
		errs["icon_url"] = long("icon_url.long", len(app.IconURL), limitIconURL)
	}
	bad, badFound := "", false
	for _, u := range app.CallbackUrls {
		if !model.IsValidHTTPURL(u) {
			bad, badFound = u, true
			break
		}
	}
	switch {
	case len(app.CallbackUrls) == 0:
		errs["callback_urls"] = m.T("oauth-manager.validation.callbacks.missing")
	case badFound:
		errs["callback_urls"] = invalid("callbacks.invalid", bad)
	case callbacksLength(app.CallbackUrls) > limitCallbacks:
		errs["callback_urls"] = long("callbacks.long", callbacksLength(app.CallbackUrls), limitCallbacks)
	}
	return errs
}

// describeFieldErrors lists the errors one per line, each after its flag.
func describeFieldErrors(errs map[string]string) string {
	var lines []string
	for _, f := range appFieldOrder {
		if text, ok := errs[f.field]; ok {
			lines = append(lines, f.flag+": "+text)
		}
	}
	return strings.Join(lines, "\n")
}

// ValidateApp is validateApp for other packages (the import checks each record
// as the server would): a sentence per invalid field, keyed by JSON name.
func ValidateApp(m *Messages, app *model.OAuthApp, dynamicallyRegistered bool) map[string]string {
	return validateApp(m, app, dynamicallyRegistered)
}
