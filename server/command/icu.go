package command

import (
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// The ICU MessageFormat subset the catalogue uses, formatted as react-intl
// formats it on the web half: {arg}, {n, plural, =0 {…} one {…} other {…}}
// and {x, select, a {…} other {…}}. An apostrophe is always literal (the
// catalogue check forbids ICU quoting). # in a plural branch is the number
// without digit grouping; English messages write {n} instead, so the halves
// agree there.

type icuNode struct {
	text  string
	arg   string // {arg}, or the selector of a plural/select
	kind  string // "", "plural", "select", "#"
	cases map[string][]icuNode
}

type icuParser struct {
	src []rune
	pos int
}

func parseICU(src string) ([]icuNode, error) {
	p := &icuParser{src: []rune(src)}
	nodes, err := p.message(false, false)
	if err != nil {
		return nil, err
	}
	if p.pos < len(p.src) {
		return nil, fmt.Errorf("unexpected %q at %d", p.src[p.pos], p.pos)
	}
	return nodes, nil
}

// message reads up to an unmatched "}" (nested) or the end.
func (p *icuParser) message(nested, inPlural bool) ([]icuNode, error) {
	var nodes []icuNode
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			nodes = append(nodes, icuNode{text: text.String()})
			text.Reset()
		}
	}
	for p.pos < len(p.src) {
		r := p.src[p.pos]
		switch {
		case r == '}' && nested:
			flush()
			return nodes, nil
		case r == '}':
			return nil, fmt.Errorf("unmatched } at %d", p.pos)
		case r == '#' && inPlural:
			flush()
			nodes = append(nodes, icuNode{kind: "#"})
			p.pos++
		case r == '{':
			flush()
			p.pos++
			n, err := p.argument()
			if err != nil {
				return nil, err
			}
			nodes = append(nodes, n)
		default:
			text.WriteRune(r)
			p.pos++
		}
	}
	if nested {
		return nil, fmt.Errorf("unclosed {")
	}
	flush()
	return nodes, nil
}

func (p *icuParser) spaces() {
	for p.pos < len(p.src) && strings.ContainsRune(" \t\n\r", p.src[p.pos]) {
		p.pos++
	}
}

// word reads an argument name, a type or a case key.
func (p *icuParser) word() string {
	p.spaces()
	start := p.pos
	for p.pos < len(p.src) && !strings.ContainsRune(" \t\n\r{},", p.src[p.pos]) {
		p.pos++
	}
	return string(p.src[start:p.pos])
}

func (p *icuParser) expect(r rune) error {
	p.spaces()
	if p.pos >= len(p.src) || p.src[p.pos] != r {
		return fmt.Errorf("expected %q at %d", r, p.pos)
	}
	p.pos++
	return nil
}

// argument reads what follows "{": "name}" or "name, plural|select, cases}".
func (p *icuParser) argument() (icuNode, error) {
	name := p.word()
	if name == "" {
		return icuNode{}, fmt.Errorf("empty argument at %d", p.pos)
	}
	p.spaces()
	if p.pos < len(p.src) && p.src[p.pos] == '}' {
		p.pos++
		return icuNode{arg: name}, nil
	}
	if err := p.expect(','); err != nil {
		return icuNode{}, err
	}
	kind := p.word()
	if kind != "plural" && kind != "select" {
		return icuNode{}, fmt.Errorf("unsupported argument type %q", kind)
	}
	if err := p.expect(','); err != nil {
		return icuNode{}, err
	}
	n := icuNode{arg: name, kind: kind, cases: map[string][]icuNode{}}
	for {
		p.spaces()
		if p.pos < len(p.src) && p.src[p.pos] == '}' {
			p.pos++
			break
		}
		key := p.word()
		if key == "" {
			return icuNode{}, fmt.Errorf("expected a case at %d", p.pos)
		}
		if err := p.expect('{'); err != nil {
			return icuNode{}, err
		}
		body, err := p.message(true, kind == "plural")
		if err != nil {
			return icuNode{}, err
		}
		p.pos++ // the case's "}"
		n.cases[key] = body
	}
	if _, ok := n.cases["other"]; !ok {
		return icuNode{}, fmt.Errorf("{%s, %s} has no other case", name, kind)
	}
	return n, nil
}

// formatICU formats src with args; lang chooses the plural rules.
func formatICU(src string, lang language.Tag, args Args) (string, error) {
	nodes, err := parseICU(src)
	if err != nil {
		return "", err
	}
	var out strings.Builder
	if err := formatNodes(&out, nodes, lang, args, nil); err != nil {
		return "", err
	}
	return out.String(), nil
}

func formatNodes(out *strings.Builder, nodes []icuNode, lang language.Tag, args Args, count *int) error {
	for _, n := range nodes {
		switch n.kind {
		case "":
			if n.arg == "" {
				out.WriteString(n.text)
				continue
			}
			v, ok := args[n.arg]
			if !ok {
				return fmt.Errorf("no value for {%s}", n.arg)
			}
			out.WriteString(argText(v))
		case "#":
			out.WriteString(strconv.Itoa(*count))
		case "plural":
			v, ok := args[n.arg].(int)
			if !ok {
				return fmt.Errorf("{%s, plural} needs an int, got %T", n.arg, args[n.arg])
			}
			body, ok := n.cases["="+strconv.Itoa(v)]
			if !ok {
				if body, ok = n.cases[pluralCategory(lang, v)]; !ok {
					body = n.cases["other"]
				}
			}
			if err := formatNodes(out, body, lang, args, &v); err != nil {
				return err
			}
		case "select":
			body, ok := n.cases[argText(args[n.arg])]
			if !ok {
				body = n.cases["other"]
			}
			if err := formatNodes(out, body, lang, args, count); err != nil {
				return err
			}
		}
	}
	return nil
}

// argText is an argument as react-intl prints a plain {arg}: String(value).
func argText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// pluralCategory is CLDR's cardinal category of the integer n in lang (as
// Intl.PluralRules answers in the browser).
func pluralCategory(lang language.Tag, n int) string {
	i := n
	if i < 0 {
		i = -i
	}
	switch plural.Cardinal.MatchPlural(lang, i, 0, 0, 0, 0) {
	case plural.Zero:
		return "zero"
	case plural.One:
		return "one"
	case plural.Two:
		return "two"
	case plural.Few:
		return "few"
	case plural.Many:
		return "many"
	}
	return "other"
}
