package command

import (
	"strings"

	"github.com/mattermost/mattermost/server/public/model"
)

// Autocomplete builds the server-side suggestions for every verb and flag from
// the grammar. Mattermost's autocomplete cannot express an optional free-text
// positional argument (such as authorized's @USER), so those appear in the hint.
// APP arguments are suggested from appsURL (a plugin route that lists the
// caller's apps, fetched as the caller), when given. Autocomplete is registered
// once for the whole server, so its texts are in m's language: the server's
// default locale.
func (g *Grammar) Autocomplete(m *Messages, appsURL string) *model.AutocompleteData {
	root := model.NewAutocompleteData(g.Trigger, m.T("oauth-manager.autocomplete.hint"), m.grammarText("summary", g.Summary))
	for i := range g.Verbs {
		v := &g.Verbs[i]
		hint := strings.TrimPrefix(g.Usage(v), "/"+g.Trigger+" "+v.Name)
		sub := model.NewAutocompleteData(v.Name, strings.TrimSpace(hint), m.grammarText(v.Name+".summary", v.Summary))
		for _, a := range v.Args {
			help := m.grammarText(v.Name+".arg."+a.Name, a.Help)
			switch {
			case a.Kind == KindVerb:
				sub.AddStaticListArgument(help, a.Required, g.verbItems(m))
			case a.Kind == KindApp && appsURL != "":
				sub.AddDynamicListArgument(help, appsURL+"?verb="+v.Name, a.Required)
			case a.Required:
				sub.AddTextArgument(help, a.label(), "")
			}
		}
		for _, f := range v.Flags {
			help := m.grammarText(v.Name+".flag."+f.Name, f.Help)
			switch f.Kind {
			case KindEnum:
				items := make([]model.AutocompleteListItem, len(f.Values))
				for j, val := range f.Values {
					items[j] = model.AutocompleteListItem{Item: val}
				}
				sub.AddNamedStaticListArgument(f.Name, help, f.Required, items)
			case KindBool:
				sub.AddNamedTextArgument(f.Name, help, m.T("oauth-manager.autocomplete.switch"), "", false)
			default:
				sub.AddNamedTextArgument(f.Name, help, f.Value, "", f.Required)
			}
		}
		root.AddCommand(sub)
	}
	return root
}

func (g *Grammar) verbItems(m *Messages) []model.AutocompleteListItem {
	items := make([]model.AutocompleteListItem, len(g.Verbs))
	for i, v := range g.Verbs {
		items[i] = model.AutocompleteListItem{Item: v.Name, HelpText: m.grammarText(v.Name+".summary", v.Summary)}
	}
	return items
}
