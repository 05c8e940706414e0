package command

import (
	"fmt"
	"strings"
)

// Usage renders the one-line synopsis of a verb, e.g.
// "/oauth show APP [--reveal]". The webapp renders the same line from the same
// data; testdata/help.golden.json keeps the two renderings equal.
func (g *Grammar) Usage(v *Verb) string {
	parts := []string{"/" + g.Trigger, v.Name}
	for _, a := range v.Args {
		if a.Required {
			parts = append(parts, a.label())
		} else {
			parts = append(parts, "["+a.label()+"]")
		}
	}
	done := map[string]bool{}
	for _, f := range v.Flags {
		if done[f.Name] {
			continue
		}
		// Two mutually exclusive switches read best as one choice: [--a|--b].
		if other := v.exclusiveSwitch(f); other != nil {
			parts = append(parts, "[--"+f.Name+"|--"+other.Name+"]")
			done[other.Name] = true
			continue
		}
		text := "--" + f.Name
		if f.Kind != KindBool {
			text += " " + f.Value
		}
		if f.Repeatable {
			text += "..."
		}
		if !f.Required {
			text = "[" + text + "]"
		}
		parts = append(parts, text)
	}
	return strings.Join(parts, " ")
}

func (v *Verb) exclusiveSwitch(f Flag) *Flag {
	if f.Kind != KindBool {
		return nil
	}
	for _, pair := range v.Exclusive {
		if pair[0] == f.Name {
			if other := v.Flag(pair[1]); other != nil && other.Kind == KindBool {
				return other
			}
		}
	}
	return nil
}

// Help renders Markdown help in m's language: the list of verbs, or the
// details of one verb. The syntax (usage lines, flags) is not translated.
func (g *Grammar) Help(m *Messages, verbName string) string {
	v := g.Verb(verbName)
	if v == nil {
		lines := []string{fmt.Sprintf("#### /%s: %s", g.Trigger, m.grammarText("summary", g.Summary)), ""}
		for _, verb := range g.Verbs {
			lines = append(lines, fmt.Sprintf("- `%s`: %s", g.Usage(&verb), m.grammarText(verb.Name+".summary", verb.Summary)))
		}
		lines = append(lines, "",
			m.T("oauth-manager.help.quoting"),
			m.Format("oauth-manager.help.details", Args{"trigger": g.Trigger}))
		return strings.Join(lines, "\n")
	}
	lines := []string{fmt.Sprintf("#### /%s %s", g.Trigger, v.Name), m.grammarText(v.Name+".summary", v.Summary), "", "`" + g.Usage(v) + "`"}
	if len(v.Args) > 0 || len(v.Flags) > 0 {
		lines = append(lines, "")
	}
	for _, a := range v.Args {
		lines = append(lines, fmt.Sprintf("- `%s`: %s", a.label(), m.grammarText(v.Name+".arg."+a.Name, a.Help)))
	}
	for _, f := range v.Flags {
		name := "--" + f.Name
		if f.Kind != KindBool {
			name += " " + f.Value
		}
		note := ""
		if f.Required {
			note = " " + m.T("oauth-manager.help.required")
		}
		if f.Repeatable {
			note += " " + m.T("oauth-manager.help.repeatable")
		}
		lines = append(lines, fmt.Sprintf("- `%s`: %s%s", name, m.grammarText(v.Name+".flag."+f.Name, f.Help), note))
	}
	if len(v.Exclusive) > 0 {
		pairs := make([]string, len(v.Exclusive))
		for i, p := range v.Exclusive {
			pairs[i] = m.Format("oauth-manager.help.pair", Args{"a": "`--" + p[0] + "`", "b": "`--" + p[1] + "`"})
		}
		lines = append(lines, "", m.Format("oauth-manager.help.not_together", Args{"pairs": strings.Join(pairs, "; ")}))
	}
	if v.FormWhenBare {
		bare := "/" + g.Trigger + " " + v.Name
		for _, a := range v.Args {
			if a.Required {
				bare += " " + a.label()
			}
		}
		lines = append(lines, "", m.Format("oauth-manager.help.form", Args{"command": "`" + bare + "`"}))
	}
	return strings.Join(lines, "\n")
}
