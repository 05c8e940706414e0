package command

import (
	"slices"
	"strconv"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"
)

// Change is one field an edit changes, as the user is told about it.
type Change struct {
	Field string `json:"field"`
	From  string `json:"from"`
	To    string `json:"to"`
}

// MergeEdit applies the flags of /oauth edit to a copy of the stored app. The
// server's update replaces every field, so the edit starts from the whole app.
// webapp/src/slash/verbs/changes.ts (mergeEdit) does the same; both run
// testdata/edit_vectors.json.
// missingCallback is a --remove-callback URL the app lacks (nothing applies then).
func MergeEdit(app *model.OAuthApp, flags map[string]any) (next *model.OAuthApp, changes []Change, missingCallback string) {
	edited := *app
	next = &edited
	next.CallbackUrls = slices.Clone(app.CallbackUrls)
	for flag, field := range map[string]*string{"name": &next.Name, "description": &next.Description, "homepage": &next.Homepage, "icon-url": &next.IconURL} {
		if v, ok := flags[flag].(string); ok {
			*field = v
		}
	}
	if v, ok := flags["callback"].([]string); ok {
		next.CallbackUrls = nil
		for _, u := range v {
			if !slices.Contains(next.CallbackUrls, u) {
				next.CallbackUrls = append(next.CallbackUrls, u)
			}
		}
	}
	remove, _ := flags["remove-callback"].([]string)
	for _, u := range remove {
		if !slices.Contains(next.CallbackUrls, u) {
			return nil, nil, u
		}
		next.CallbackUrls = slices.DeleteFunc(next.CallbackUrls, func(c string) bool { return c == u })
	}
	add, _ := flags["add-callback"].([]string)
	for _, u := range add {
		if !slices.Contains(next.CallbackUrls, u) {
			next.CallbackUrls = append(next.CallbackUrls, u)
		}
	}
	if v, ok := flags["trusted"].(string); ok {
		next.IsTrusted = v == "true"
	}
	changes = []Change{}
	for _, f := range []struct {
		name     string
		from, to string
	}{
		{"name", app.Name, next.Name},
		{"description", app.Description, next.Description},
		{"homepage", app.Homepage, next.Homepage},
		{"icon_url", app.IconURL, next.IconURL},
		{"callback_urls", strings.Join(app.CallbackUrls, ", "), strings.Join(next.CallbackUrls, ", ")},
		{"is_trusted", strconv.FormatBool(app.IsTrusted), strconv.FormatBool(next.IsTrusted)},
	} {
		if f.from != f.to {
			changes = append(changes, Change{Field: f.name, From: f.from, To: f.to})
		}
	}
	return next, changes, ""
}
