package readmodel

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Query is one listing request, already validated by Parse.
type Query struct {
	Search    string // case-insensitive substring of name, description, client id, creator username, a callback URL
	ID        string // one app, by client id
	CreatorID string
	Public    *bool // true: public clients; false: confidential
	Trusted   *bool
	DCR       *bool
	Orphaned  *bool
	Legacy    *bool
	Usage     string // "", UsageNeverUsed, UsageStale, UsageUsed
	Sort      string // a key of sortColumns
	Desc      bool
	Page      int // from 0, as the REST API counts
	PerPage   int
	All       bool
}

// The usage filter's values: exclusive, and every app is in one of them.
const (
	UsageNeverUsed = "never_used" // no authorization, no live token, no session on record
	UsageStale     = "stale"      // some trace of use, but no session activity since the cutoff
	UsageUsed      = "used"       // session activity since the cutoff
)

// MaxPerPage is the REST API's own page limit; MaxAll bounds a full listing.
const (
	MaxPerPage = 200
	MaxAll     = 250000
)

// sortColumns maps each sort key to its SQL over the listing's columns (alias a).
// Text sorts use the "C" collation (code point order): the same on every
// database, and the order the console's local sort and the chat fallback use.
var sortColumns = map[string]string{
	"name":      `lower(a.name) COLLATE "C"`,
	"id":        `a.id COLLATE "C"`,
	"creator":   `lower(a.creator_username) COLLATE "C"`,
	"created":   "a.create_at",
	"updated":   "a.update_at",
	"type":      "a.is_public",
	"trusted":   "a.is_trusted",
	"dcr":       "a.is_dynamically_registered",
	"callbacks": `a.callback_urls COLLATE "C"`,
	"users":     "a.authorized_users",
	"tokens":    "a.live_tokens",
	"sessions":  "a.live_sessions",
	"last_used": "a.last_used",
}

// usageSorts need the usage figures.
var usageSorts = map[string]bool{"users": true, "tokens": true, "sessions": true, "last_used": true}

// SortKeys lists the sort keys, for messages and tests.
func SortKeys() []string {
	return []string{"name", "id", "creator", "created", "updated", "type", "trusted", "dcr", "callbacks", "users", "tokens", "sessions", "last_used"}
}

// Scope is what the caller may see: every app, or only their own (the REST rule).
type Scope struct {
	OwnOnly  bool
	CallerID string
}

// Options are the facts a query depends on besides the request.
type Options struct {
	Now            int64 // milliseconds, as Mattermost stores times
	StaleAfterDays int
	Usage          bool // the usage tables passed the self-check
}

// Cutoff is the moment before which an app's last use makes it stale.
func (o Options) Cutoff() int64 {
	return o.Now - int64(o.StaleAfterDays)*24*60*60*1000
}

// Statement is a parameterized listing: Page returns the rows; Count the
// total, run in the same snapshot. CountArgs is a prefix of Args.
type Statement struct {
	Page      string
	Args      []any
	Count     string
	CountArgs []any
}

type builder struct{ args []any }

func (b *builder) arg(v any) string {
	b.args = append(b.args, v)
	return fmt.Sprintf("$%d", len(b.args))
}

// Build makes the listing's SQL. Every value is a parameter; the identifiers
// and sort expressions come from this package's fixed tables only.
//
// When neither the order nor a filter needs usage, the page is cut from the
// apps alone and usage is counted for the page's apps only: at 100,000 apps
// that is a top-N sort (tens of milliseconds) instead of aggregating usage
// for every app. Otherwise usage is aggregated for all apps first.
func Build(q Query, scope Scope, opts Options) (Statement, error) {
	usageOrdered := q.Usage != "" || usageSorts[q.Sort]
	if !opts.Usage && usageOrdered {
		return Statement{}, ErrUsageOff
	}
	sortExpr, ok := sortColumns[q.Sort]
	if !ok {
		return Statement{}, fmt.Errorf("unknown sort %q", q.Sort)
	}
	dir := " ASC"
	if q.Desc {
		dir = " DESC"
	}
	// The id breaks ties, so the order is total and pages neither repeat nor skip.
	orderBy := "\nORDER BY " + sortExpr + dir + `, a.id COLLATE "C"` + dir
	limit, offset := q.PerPage, q.Page*q.PerPage
	if q.All {
		limit, offset = MaxAll+1, 0 // one more than allowed, to tell "too many" from "exactly enough"
	}

	b := &builder{}
	var sb strings.Builder
	sb.WriteString("WITH ")
	if usageOrdered {
		usageCTEs(&sb, b, opts, "")
	}
	// Inlined wherever it is read, so a reader computes only the columns it uses.
	sb.WriteString("apps AS NOT MATERIALIZED (SELECT ")
	for i, c := range appExpressions {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(c.expr + " AS " + c.name)
	}
	if usageOrdered {
		sb.WriteString(", " + usageColumnsSQL)
	}
	sb.WriteString("\nFROM OAuthApps o LEFT JOIN Users u ON u.Id = o.CreatorId")
	if usageOrdered {
		sb.WriteString(usageJoins)
	}
	if scope.OwnOnly {
		sb.WriteString(" WHERE o.CreatorId = " + b.arg(scope.CallerID))
	}
	sb.WriteString(")")

	where := conditions(b, q, opts)
	count := sb.String() + "\nSELECT count(*) FROM apps a" + where
	countArgs := append([]any{}, b.args...)

	limits := "\nLIMIT " + b.arg(limit) + " OFFSET " + b.arg(offset)
	// The plugin's database driver makes one RPC call per row, so the page
	// comes back as one row: a JSON array of its rows, in order.
	asJSON := func(ctes, rows string) string {
		return ctes + "\nSELECT COALESCE(json_agg(to_json(a) " + orderBy[1:] + "), '[]') FROM (" + rows + ") a"
	}
	if usageOrdered {
		return Statement{Page: asJSON(sb.String(), "SELECT a.* FROM apps a"+where+orderBy+limits), Args: b.args, Count: count, CountArgs: countArgs}, nil
	}
	// The order is found on the sort key and id alone (a narrow top-N sort),
	// then the page's rows are read by id.
	sb.WriteString(",\nids AS (SELECT a.id FROM apps a" + where + orderBy + limits + "),\n")
	sb.WriteString("page AS (SELECT a.* FROM apps a WHERE a.id IN (SELECT id FROM ids))")
	page := asJSON(sb.String(), "SELECT a.*, "+noUsageSQL+" FROM page a")
	if opts.Usage {
		sb.WriteString(",\n")
		usageCTEs(&sb, b, opts, "(SELECT id FROM ids)")
		page = asJSON(strings.TrimSuffix(sb.String(), ",\n"), "SELECT a.*, "+usageColumnsSQL+" FROM page a"+strings.ReplaceAll(usageJoins, "o.Id", "a.id"))
	}
	return Statement{Page: page, Args: b.args, Count: count, CountArgs: countArgs}, nil
}

const (
	usageColumnsSQL = "COALESCE(auth.n, 0) AS authorized_users, COALESCE(tok.n, 0) AS live_tokens, COALESCE(ses.live, 0) AS live_sessions, COALESCE(ses.last_used, 0) AS last_used"
	noUsageSQL      = "0 AS authorized_users, 0 AS live_tokens, 0 AS live_sessions, 0 AS last_used"
	usageJoins      = " LEFT JOIN auth ON auth.app_id = o.Id LEFT JOIN tok ON tok.app_id = o.Id LEFT JOIN ses ON ses.app_id = o.Id"
)

// usageCTEs aggregates authorizations, live tokens and OAuth sessions per app:
// of every app, or of the apps in `only` (a subquery of ids).
func usageCTEs(sb *strings.Builder, b *builder, opts Options, only string) {
	category := b.arg(preferenceCategoryOAuthApp)
	now := b.arg(opts.Now)
	prop := b.arg(sessionPropOAuthAppID)
	in := func(column string) string {
		if only == "" {
			return ""
		}
		return " AND " + column + " IN " + only
	}
	// ExpiresAt <= 0 means "never expires" for tokens and sessions (model.AccessData.IsExpired).
	fmt.Fprintf(sb, `auth AS (SELECT p.Name AS app_id, count(*) AS n FROM Preferences p WHERE p.Category = %s%s GROUP BY p.Name),
tok AS (SELECT d.ClientId AS app_id, count(*) AS n FROM OAuthAccessData d WHERE (d.ExpiresAt <= 0 OR d.ExpiresAt > %s)%s GROUP BY d.ClientId),
ses AS (SELECT s.Props ->> %s AS app_id, count(*) FILTER (WHERE s.ExpiresAt <= 0 OR s.ExpiresAt > %s) AS live, max(s.LastActivityAt) AS last_used FROM Sessions s WHERE s.IsOAuth%s GROUP BY 1),
`, category, in("p.Name"), now, in("d.ClientId"), prop, now, in("(s.Props ->> "+prop+")"))
}

func conditions(b *builder, q Query, opts Options) string {
	var c []string
	if q.Search != "" {
		p := b.arg("%" + escapeLike(q.Search) + "%")
		// callback_urls is a JSON array in a varchar (model.StringArray); match
		// each URL, not the JSON text. Parsing it is the costly part, so when the
		// text would appear unchanged in the JSON, only rows whose JSON contains
		// it are parsed.
		urls := "EXISTS (SELECT 1 FROM jsonb_array_elements_text(CASE WHEN left(a.callback_urls, 1) = '[' THEN a.callback_urls::jsonb ELSE '[]'::jsonb END) AS cb(url) WHERE cb.url ILIKE " + p + ")"
		if sameInJSON(q.Search) {
			urls = "(a.callback_urls ILIKE " + p + " AND " + urls + ")"
		}
		c = append(c, "(a.name ILIKE "+p+" OR a.description ILIKE "+p+" OR a.id ILIKE "+p+" OR a.creator_username ILIKE "+p+" OR "+urls+")")
	}
	if q.ID != "" {
		c = append(c, "a.id = "+b.arg(q.ID))
	}
	if q.CreatorID != "" {
		c = append(c, "a.creator_id = "+b.arg(q.CreatorID))
	}
	boolFilter := func(column string, v *bool) {
		if v != nil {
			c = append(c, column+" = "+b.arg(*v))
		}
	}
	boolFilter("a.is_public", q.Public)
	boolFilter("a.is_trusted", q.Trusted)
	boolFilter("a.is_dynamically_registered", q.DCR)
	boolFilter("a.orphaned", q.Orphaned)
	boolFilter("a.legacy", q.Legacy)
	const neverUsed = "(a.authorized_users = 0 AND a.live_tokens = 0 AND a.last_used = 0)"
	switch q.Usage {
	case UsageNeverUsed:
		c = append(c, neverUsed)
	case UsageStale:
		c = append(c, "(NOT "+neverUsed+" AND a.last_used < "+b.arg(opts.Cutoff())+")")
	case UsageUsed:
		c = append(c, "a.last_used >= "+b.arg(opts.Cutoff()))
	}
	if len(c) == 0 {
		return ""
	}
	return "\nWHERE " + strings.Join(c, " AND ")
}

// sameInJSON: encoding/json (which writes model.StringArray) leaves s as it
// is; it escapes quotes, backslashes, control characters, <, >, & and U+2028/9.
func sameInJSON(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == utf8.RuneError || strings.ContainsRune("\"\\<>&\u2028\u2029", r) {
			return false
		}
	}
	return true
}

// escapeLike makes text match literally inside ILIKE (backslash is PostgreSQL's default escape).
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
