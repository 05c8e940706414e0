package readmodel

import (
	"fmt"
	"strings"
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
var sortColumns = map[string]string{
	"name":      "lower(a.name)",
	"id":        "a.id",
	"creator":   "lower(a.creator_username)",
	"created":   "a.create_at",
	"updated":   "a.update_at",
	"type":      "a.is_public",
	"trusted":   "a.is_trusted",
	"dcr":       "a.is_dynamically_registered",
	"callbacks": "a.callback_urls",
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

// Statement is a parameterized listing: Page returns the rows with a window
// total; Count returns the total alone, for a page past the end. CountArgs
// is a prefix of Args.
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
func Build(q Query, scope Scope, opts Options) (Statement, error) {
	if !opts.Usage && (q.Usage != "" || usageSorts[q.Sort]) {
		return Statement{}, ErrUsageOff
	}
	sortExpr, ok := sortColumns[q.Sort]
	if !ok {
		return Statement{}, fmt.Errorf("unknown sort %q", q.Sort)
	}
	b := &builder{}
	var sb strings.Builder
	sb.WriteString("WITH ")
	if opts.Usage {
		category := b.arg(preferenceCategoryOAuthApp)
		now := b.arg(opts.Now)
		prop := b.arg(sessionPropOAuthAppID)
		// ExpiresAt <= 0 means "never expires" for tokens and sessions (model.AccessData.IsExpired).
		fmt.Fprintf(&sb, `auth AS (SELECT p.Name AS app_id, count(*) AS n FROM Preferences p WHERE p.Category = %s GROUP BY p.Name),
tok AS (SELECT d.ClientId AS app_id, count(*) AS n FROM OAuthAccessData d WHERE d.ExpiresAt <= 0 OR d.ExpiresAt > %s GROUP BY d.ClientId),
ses AS (SELECT s.Props ->> %s AS app_id, count(*) FILTER (WHERE s.ExpiresAt <= 0 OR s.ExpiresAt > %s) AS live, max(s.LastActivityAt) AS last_used FROM Sessions s WHERE s.IsOAuth GROUP BY 1),
`, category, now, prop, now)
	}
	sb.WriteString("apps AS (SELECT ")
	for i, c := range appExpressions {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(c.expr + " AS " + c.name)
	}
	if opts.Usage {
		sb.WriteString(", COALESCE(auth.n, 0) AS authorized_users, COALESCE(tok.n, 0) AS live_tokens, COALESCE(ses.live, 0) AS live_sessions, COALESCE(ses.last_used, 0) AS last_used")
	} else {
		sb.WriteString(", 0 AS authorized_users, 0 AS live_tokens, 0 AS live_sessions, 0 AS last_used")
	}
	sb.WriteString("\nFROM OAuthApps o LEFT JOIN Users u ON u.Id = o.CreatorId")
	if opts.Usage {
		sb.WriteString(" LEFT JOIN auth ON auth.app_id = o.Id LEFT JOIN tok ON tok.app_id = o.Id LEFT JOIN ses ON ses.app_id = o.Id")
	}
	if scope.OwnOnly {
		sb.WriteString(" WHERE o.CreatorId = " + b.arg(scope.CallerID))
	}
	sb.WriteString(")\n")

	where := conditions(b, q, opts)
	body := sb.String()
	count := body + "SELECT count(*) FROM apps a" + where
	countArgs := append([]any{}, b.args...)

	dir := " ASC"
	if q.Desc {
		dir = " DESC"
	}
	limit := q.PerPage
	offset := q.Page * q.PerPage
	if q.All {
		limit, offset = MaxAll+1, 0 // one more than allowed, to tell "too many" from "exactly enough"
	}
	page := body + "SELECT a.*, count(*) OVER () AS total FROM apps a" + where +
		// The id breaks ties, so the order is total and pages neither repeat nor skip.
		"\nORDER BY " + sortExpr + dir + ", a.id" + dir +
		"\nLIMIT " + b.arg(limit) + " OFFSET " + b.arg(offset)
	return Statement{Page: page, Args: b.args, Count: count, CountArgs: countArgs}, nil
}

func conditions(b *builder, q Query, opts Options) string {
	var c []string
	if q.Search != "" {
		p := b.arg("%" + escapeLike(q.Search) + "%")
		c = append(c, "(a.name ILIKE "+p+" OR a.description ILIKE "+p+" OR a.id ILIKE "+p+" OR a.creator_username ILIKE "+p+
			// callback_urls is a JSON array in a varchar (model.StringArray); match each URL, not the JSON text.
			" OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(CASE WHEN left(a.callback_urls, 1) = '[' THEN a.callback_urls::jsonb ELSE '[]'::jsonb END) AS cb(url) WHERE cb.url ILIKE "+p+"))")
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

// escapeLike makes text match literally inside ILIKE (backslash is PostgreSQL's default escape).
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
