package command

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mattermost/mattermost/server/public/model"
)

// Error codes of parse failures; shared with the webapp through testdata/vectors.json.
const (
	ErrUnterminatedQuote = "unterminated_quote"
	ErrUnknownVerb       = "unknown_verb"
	ErrUnknownFlag       = "unknown_flag"
	ErrNoValueAllowed    = "no_value_allowed"
	ErrMissingValue      = "missing_value"
	ErrRepeatedFlag      = "repeated_flag"
	ErrInvalidURL        = "invalid_url"
	ErrInvalidInt        = "invalid_int"
	ErrInvalidEnum       = "invalid_enum"
	ErrExtraArg          = "extra_arg"
	ErrMissingArg        = "missing_arg"
	ErrMissingFlag       = "missing_flag"
	ErrConflict          = "conflict"
	ErrMissingSpace      = "missing_space"
)

// ParseError is input the user must fix; Usage is the verb's usage line when
// known. Message is English (what the vectors and the parity fuzz compare);
// Values let FormatParseError say it in the reader's language.
type ParseError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Usage   string `json:"usage,omitempty"`
	Values  Args   `json:"values,omitempty"`
}

// describeParseError is what is wrong, in m's language. missing_arg's help is
// the grammar's, found again from the verb and argument named in the values.
func (g *Grammar) describeParseError(m *Messages, code string, values Args) string {
	if code == ErrMissingArg {
		with := Args{"help": ""}
		for k, v := range values {
			with[k] = v
		}
		verbName, _ := values["verb"].(string)
		argName, _ := values["name"].(string)
		if v := g.Verb(verbName); v != nil {
			for _, a := range v.Args {
				if a.Name == argName {
					with["help"] = lowerFirst(m.grammarText(v.Name+".arg."+a.Name, a.Help))
				}
			}
		}
		values = with
	}
	return m.Format("oauth-manager.parse."+code, values)
}

// parseError has its English message; g finds missing_arg's help (tokenize, which has no grammar, never reports that).
func parseError(g *Grammar, code string, values Args, usage string) *ParseError {
	return &ParseError{Code: code, Message: g.describeParseError(English(), code, values), Usage: usage, Values: values}
}

// FormatParseError is the shared wording of input errors: what is wrong, then the usage line.
func (g *Grammar) FormatParseError(m *Messages, e *ParseError) string {
	message := g.describeParseError(m, e.Code, e.Values)
	if e.Usage == "" {
		return message
	}
	return m.Format("oauth-manager.parse.usage", Args{"message": message, "usage": e.Usage})
}

func (e *ParseError) Error() string { return e.Message }

// Parsed is a syntactically valid command. Flag values are true (bool), string,
// []string (repeatable) or int.
type Parsed struct {
	Verb  string            `json:"verb"`
	Args  map[string]string `json:"args"`
	Flags map[string]any    `json:"flags"`
	// Bare is set for a verb with FormWhenBare typed without options: a form opens.
	Bare bool `json:"bare,omitempty"`
}

type token struct {
	text   string
	quoted bool
}

// tokenize splits on blanks; double quotes (straight or curly, as phones type
// them) group words, and inside quotes \" and \\ escape. A closing quote must
// be followed by a blank or the end: the web app's autocomplete glues its
// suggestion straight onto a quoted value ("Build bot"--reveal), and reading
// that as one word would silently change the value.
func tokenize(input string) ([]token, *ParseError) {
	var tokens []token
	var cur strings.Builder
	inToken, inQuote, quoted := false, false, false
	quoteStart, closedAt := 0, -1
	runes := []rune(input)
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		if closedAt == i-1 && closedAt >= 0 && !isBlank(r) {
			return nil, missingSpace(cur.String()[quoteStart:], runes[i:])
		}
		switch {
		case inQuote && r == '\\' && i+1 < len(runes) && (runes[i+1] == '"' || runes[i+1] == '\\'):
			i++
			cur.WriteRune(runes[i])
		case isQuote(r):
			if inQuote {
				closedAt = i
			} else {
				quoteStart = cur.Len()
			}
			inQuote, inToken, quoted = !inQuote, true, true
		case !inQuote && isBlank(r):
			if inToken {
				tokens = append(tokens, token{cur.String(), quoted})
				cur.Reset()
				inToken, quoted = false, false
			}
		default:
			cur.WriteRune(r)
			inToken = true
		}
	}
	if inQuote {
		return nil, parseError(nil, ErrUnterminatedQuote, nil, "")
	}
	if inToken {
		tokens = append(tokens, token{cur.String(), quoted})
	}
	return tokens, nil
}

func missingSpace(value string, after []rune) *ParseError {
	word := after
	for i, r := range after {
		if isBlank(r) {
			word = after[:i]
			break
		}
	}
	return parseError(nil, ErrMissingSpace, Args{"value": QuoteInput(value), "word": QuoteInput(string(word))}, "")
}

func isQuote(r rune) bool { return r == '"' || r == '\u201c' || r == '\u201d' }

func isBlank(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

func isFlagToken(t token) bool {
	return !t.quoted && strings.HasPrefix(t.text, "--") && len(t.text) > 2
}

// Parse reads a whole "/oauth ..." command. Nothing is fetched: every error here
// is reported before any request is made.
func (g *Grammar) Parse(command string) (*Parsed, *ParseError) {
	tokens, perr := tokenize(command)
	if perr != nil {
		return nil, perr
	}
	if len(tokens) > 0 && asciiLower(tokens[0].text) == "/"+g.Trigger {
		tokens = tokens[1:]
	}
	if len(tokens) == 0 {
		return &Parsed{Verb: "help", Args: map[string]string{}, Flags: map[string]any{}}, nil
	}
	verb := g.Verb(asciiLower(tokens[0].text))
	if verb == nil {
		return nil, g.unknownVerb(tokens[0].text)
	}
	p := &Parsed{Verb: verb.Name, Args: map[string]string{}, Flags: map[string]any{}}
	usage := g.Usage(verb)
	fail := func(code string, values Args) (*Parsed, *ParseError) {
		return nil, parseError(g, code, values, usage)
	}
	cmd := "/" + g.Trigger + " " + verb.Name
	rest := tokens[1:]
	nArgs := 0
	for i := 0; i < len(rest); i++ {
		t := rest[i]
		if !isFlagToken(t) {
			if nArgs >= len(verb.Args) {
				return fail(ErrExtraArg, Args{"command": cmd, "word": QuoteInput(t.text)})
			}
			arg := verb.Args[nArgs]
			value := t.text
			switch arg.Kind {
			case KindUser:
				value = strings.TrimPrefix(value, "@")
			case KindVerb:
				if g.Verb(asciiLower(value)) == nil {
					return nil, g.unknownVerb(value)
				}
				value = asciiLower(value)
			}
			p.Args[arg.Name] = value
			nArgs++
			continue
		}
		name, value, hasValue := strings.Cut(t.text[2:], "=")
		flag := verb.Flag(name)
		if flag == nil {
			return fail(ErrUnknownFlag, Args{"command": cmd, "flag": QuoteInput("--" + name)})
		}
		if _, seen := p.Flags[name]; seen && !flag.Repeatable {
			return fail(ErrRepeatedFlag, Args{"flag": "--" + name})
		}
		if flag.Kind == KindBool {
			if hasValue {
				return fail(ErrNoValueAllowed, Args{"flag": "--" + name})
			}
			p.Flags[name] = true
			continue
		}
		if !hasValue {
			if i+1 >= len(rest) || isFlagToken(rest[i+1]) {
				return fail(ErrMissingValue, Args{"flag": "--" + name, "value": flag.Value})
			}
			i++
			value = rest[i].text
		}
		switch flag.Kind {
		case KindURL:
			if (!flag.AllowEmpty || value != "") && !model.IsValidHTTPURL(value) {
				return fail(ErrInvalidURL, Args{"flag": "--" + name, "value": QuoteInput(value)})
			}
		case KindInt:
			n, err := strconv.Atoi(value)
			if err != nil || !isDigits(value) || (flag.Min != nil && n < *flag.Min) || (flag.Max != nil && n > *flag.Max) {
				return fail(ErrInvalidInt, Args{"flag": "--" + name, "min": deref(flag.Min), "max": deref(flag.Max), "value": QuoteInput(value)})
			}
			p.Flags[name] = n
			continue
		case KindEnum:
			if !slices.Contains(flag.Values, value) {
				return fail(ErrInvalidEnum, Args{"flag": "--" + name, "values": strings.Join(flag.Values, ", "), "value": QuoteInput(value)})
			}
		}
		if flag.Repeatable {
			list, _ := p.Flags[name].([]string)
			p.Flags[name] = append(list, value)
		} else {
			p.Flags[name] = value
		}
	}
	for _, arg := range verb.Args[nArgs:] {
		if arg.Required {
			return fail(ErrMissingArg, Args{"command": cmd, "arg": arg.label(), "verb": verb.Name, "name": arg.Name})
		}
	}
	if verb.FormWhenBare && len(p.Flags) == 0 {
		p.Bare = true
		return p, nil
	}
	var missing []string
	for _, f := range verb.Flags {
		if _, ok := p.Flags[f.Name]; f.Required && !ok {
			missing = append(missing, "--"+f.Name+" "+f.Value)
		}
	}
	if len(missing) > 0 {
		return fail(ErrMissingFlag, Args{"command": cmd, "flags": strings.Join(missing, ", ")})
	}
	for _, pair := range verb.Exclusive {
		_, a := p.Flags[pair[0]]
		_, b := p.Flags[pair[1]]
		if a && b {
			return fail(ErrConflict, Args{"a": "--" + pair[0], "b": "--" + pair[1]})
		}
	}
	return p, nil
}

func (g *Grammar) unknownVerb(word string) *ParseError {
	return parseError(g, ErrUnknownVerb, Args{"command": "/" + g.Trigger, "word": QuoteInput(word), "verbs": strings.Join(g.VerbNames(), ", ")}, "/"+g.Trigger+" help")
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

// lowerFirst lowers the first character (a translation may start with a non-ASCII one).
func lowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	return string(unicode.ToLower(r)) + s[size:]
}
