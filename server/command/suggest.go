package command

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"
)

// maxSuggestions caps the APP suggestions of the autocomplete.
const maxSuggestions = 25

// suggestionCandidates is how many of the search's matches are read: the
// search also matches descriptions and callbacks, which suggestions do not.
const suggestionCandidates = 200

// Suggest lists the apps the caller may name after verb, filtered by the
// word being typed (client id or name, case-insensitive): for deauthorize the
// apps they authorized, otherwise the apps they manage, read as the caller.
func (h *Handler) Suggest(api *REST, userID, verb, userInput string) []model.AutocompleteListItem {
	typed := ""
	if fields := strings.Fields(userInput); len(fields) > 2 && !strings.HasSuffix(userInput, " ") {
		typed = strings.ToLower(strings.Trim(fields[len(fields)-1], `"“”`))
	}
	items := []model.AutocompleteListItem{}
	apps, ok := h.suggestable(api, userID, verb, typed)
	if !ok {
		return items
	}
	for _, a := range apps {
		if typed != "" && !strings.Contains(strings.ToLower(a.name), typed) && !strings.HasPrefix(a.id, typed) {
			continue
		}
		// The server keeps the items that start with what was typed: an app is
		// offered by client id and, when it can be typed back, by name.
		items = append(items, model.AutocompleteListItem{Item: a.id, HelpText: capRunes(flatten(a.name), 64), Hint: "client id"})
		if typable(a.name) {
			name := a.name
			if strings.Contains(name, " ") {
				name = `"` + name + `"`
			}
			items = append(items, model.AutocompleteListItem{Item: name, HelpText: a.id, Hint: "name"})
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

// suggestable is the apps APP may name after verb: the ones the caller
// authorized for deauthorize, otherwise the ones they manage, from their
// listing of the last seconds when there is one (suggestions are asked for at
// every keystroke), else the first matches of the database's search: never
// the whole listing, which at 100,000 apps would not come back in time.
func (h *Handler) suggestable(api *REST, userID, verb, typed string) ([]appName, bool) {
	if verb == "deauthorize" {
		authorized, err := authorizedApps(api, userID)
		if err != nil {
			return nil, false
		}
		apps := make([]summary, len(authorized))
		for i, a := range authorized {
			apps[i] = sanitized(a)
		}
		return namesOf(apps), true
	}
	if recent, ok := h.listings.fresh(userID); ok {
		return recent, true
	}
	query := url.Values{"per_page": {strconv.Itoa(suggestionCandidates)}, "sort": {"name"}}
	if typed != "" {
		query.Set("search", typed)
	}
	listing, err := readListing(api, h.env.ListingURL(), query)
	if err != nil {
		return nil, false
	}
	return namesOf(listing.apps), true
}
