package command

import (
	"strings"

	"github.com/mattermost/mattermost/server/public/model"
)

// Autocomplete builds the server-side suggestions for every verb and flag from
// the grammar. Mattermost's autocomplete cannot express an optional free-text
// positional argument (such as authorized's @USER), so those appear in the hint.
// APP arguments are suggested from appsURL (a plugin route that lists the
// caller's apps, fetched as the caller), when given.
func (g *Grammar) Autocomplete(appsURL string) *model.AutocompleteData {
	root := model.NewAutocompleteData(g.Trigger, "[command]", g.Summary)
	for i := range g.Verbs {
		v := &g.Verbs[i]
		hint := strings.TrimPrefix(g.Usage(v), "/"+g.Trigger+" "+v.Name)
		sub := model.NewAutocompleteData(v.Name, strings.TrimSpace(hint), v.Summary)
		for _, a := range v.Args {
			switch {
			case a.Kind == KindVerb:
				sub.AddStaticListArgument(a.Help, a.Required, g.verbItems())
			case a.Kind == KindApp && appsURL != "":
				sub.AddDynamicListArgument(a.Help, appsURL+"?verb="+v.Name, a.Required)
			case a.Required:
				sub.AddTextArgument(a.Help, a.label(), "")
			}
		}
		for _, f := range v.Flags {
			switch f.Kind {
			case KindEnum:
				items := make([]model.AutocompleteListItem, len(f.Values))
				for j, val := range f.Values {
					items[j] = model.AutocompleteListItem{Item: val}
				}
				sub.AddNamedStaticListArgument(f.Name, f.Help, f.Required, items)
			case KindBool:
				sub.AddNamedTextArgument(f.Name, f.Help, "(switch: no value)", "", false)
			default:
				sub.AddNamedTextArgument(f.Name, f.Help, f.Value, "", f.Required)
			}
		}
		root.AddCommand(sub)
	}
	return root
}

func (g *Grammar) verbItems() []model.AutocompleteListItem {
	items := make([]model.AutocompleteListItem, len(g.Verbs))
	for i, v := range g.Verbs {
		items[i] = model.AutocompleteListItem{Item: v.Name, HelpText: v.Summary}
	}
	return items
}
