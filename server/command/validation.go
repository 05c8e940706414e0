package command

import (
	"fmt"
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

// validateApp returns a sentence per invalid field.
func validateApp(app *model.OAuthApp, dynamicallyRegistered bool) map[string]string {
	errs := map[string]string{}
	switch {
	case app.Name == "":
		errs["name"] = "Give the app a name."
	case len(app.Name) > limitName:
		errs["name"] = fmt.Sprintf("The name is %d bytes long; the limit is %d.", len(app.Name), limitName)
	}
	if n := utf8.RuneCountInString(app.Description); n > limitDescription {
		errs["description"] = fmt.Sprintf("The description is %d characters long; the limit is %d.", n, limitDescription)
	}
	switch {
	case app.Homepage == "" && !dynamicallyRegistered:
		errs["homepage"] = "Give a homepage URL (http:// or https://)."
	case app.Homepage != "" && !model.IsValidHTTPURL(app.Homepage):
		errs["homepage"] = fmt.Sprintf("The homepage must be an http:// or https:// URL, not \"%s\".", app.Homepage)
	case len(app.Homepage) > limitHomepage:
		errs["homepage"] = fmt.Sprintf("The homepage URL is %d bytes long; the limit is %d.", len(app.Homepage), limitHomepage)
	}
	switch {
	case app.IconURL != "" && !model.IsValidHTTPURL(app.IconURL):
		errs["icon_url"] = fmt.Sprintf("The icon URL must be an http:// or https:// URL, not \"%s\".", app.IconURL)
	case len(app.IconURL) > limitIconURL:
		errs["icon_url"] = fmt.Sprintf("The icon URL is %d bytes long; the limit is %d.", len(app.IconURL), limitIconURL)
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
		errs["callback_urls"] = "Give at least one callback URL."
	case badFound:
		errs["callback_urls"] = fmt.Sprintf("Callback URLs must be http:// or https:// URLs, not \"%s\".", bad)
	case callbacksLength(app.CallbackUrls) > limitCallbacks:
		errs["callback_urls"] = fmt.Sprintf("The callback URLs are %d bytes together; the limit is %d.", callbacksLength(app.CallbackUrls), limitCallbacks)
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
