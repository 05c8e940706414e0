package command

import (
	"strings"

	"github.com/mattermost/mattermost/server/public/model"
)

// maxSuggestions caps the APP suggestions of the autocomplete.
const maxSuggestions = 25

// Suggest lists the apps the caller may name after verb, filtered by the
// word being typed (client id or name, case-insensitive): for deauthorize the
// apps they authorized, otherwise the apps they manage, read as the caller.
func (h *Handler) Suggest(api *REST, userID, verb, userInput string) []model.AutocompleteListItem {
	typed := ""
	if fields := strings.Fields(userInput); len(fields) > 2 && !strings.HasSuffix(userInput, " ") {
		typed = strings.ToLower(strings.Trim(fields[len(fields)-1], `"“”`))
	}
	var apps []*model.OAuthApp
	var err *APIError
	if verb == "deauthorize" {
		apps, err = authorizedApps(api, userID)
	} else {
		apps, _, err = allApps(api)
		if err == nil {
			h.listings.remember(userID, apps)
		}
	}
	items := []model.AutocompleteListItem{}
	if err != nil {
		return items
	}
	for _, a := range apps {
		if typed != "" && !strings.Contains(strings.ToLower(a.Name), typed) && !strings.HasPrefix(a.Id, typed) {
			continue
		}
		// The server keeps the items that start with what was typed: an app is
		// offered by client id and, when it can be typed back, by name.
		items = append(items, model.AutocompleteListItem{Item: a.Id, HelpText: capRunes(flatten(a.Name), 64), Hint: "client id"})
		if typable(a.Name) {
			name := a.Name
			if strings.Contains(name, " ") {
				name = `"` + name + `"`
			}
			items = append(items, model.AutocompleteListItem{Item: name, HelpText: a.Id, Hint: "name"})
		}
		if len(items) >= 2*maxSuggestions {
			break
		}
	}
	return items
}

// typable reports whether a name can be typed back as APP: no quotes, no
// hidden characters, no line breaks.
func typable(name string) bool {
	return name != "" && !strings.ContainsAny(name, "\"“”") && flatten(name) == name && strings.TrimSpace(name) == name
}
