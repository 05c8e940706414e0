package readmodel

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	placeholder = regexp.MustCompile(`\$(\d+)`)
	writeWords  = regexp.MustCompile(`(?i)\b(INSERT|UPDATE|DELETE|DROP|ALTER|TRUNCATE|CREATE|GRANT|LOCK|FOR SHARE)\b`)
)

// checkParams: the placeholders are exactly $1..$len(args), each used.
func checkParams(t *testing.T, sql string, args []any) {
	t.Helper()
	used := map[int]bool{}
	for _, m := range placeholder.FindAllStringSubmatch(sql, -1) {
		n, _ := strconv.Atoi(m[1])
		used[n] = true
	}
	for n := range used {
		assert.True(t, n >= 1 && n <= len(args), "placeholder $%d without an argument", n)
	}
	for n := 1; n <= len(args); n++ {
		assert.True(t, used[n], "argument $%d unused", n)
	}
}

func boolp(b bool) *bool { return &b }

func queries() []Query {
	filters := []Query{
		{},
		{Search: `50%_off\'; DROP TABLE OAuthApps; --`},
		{CreatorID: "abcdefghijklmnopqrstuvwxyz"},
		{ID: "0123456789abcdefghijklmnop"},
		{Public: boolp(true)},
		{Public: boolp(false)},
		{Trusted: boolp(true)},
		{DCR: boolp(false)},
		{Orphaned: boolp(true)},
		{Legacy: boolp(true)},
		{Usage: UsageNeverUsed},
		{Usage: UsageStale},
		{Usage: UsageUsed},
		{Search: "x", CreatorID: "abcdefghijklmnopqrstuvwxyz", Public: boolp(false), Trusted: boolp(false), DCR: boolp(true), Orphaned: boolp(false), Legacy: boolp(false), Usage: UsageStale},
	}
	var all []Query
	for _, f := range filters {
		for _, sort := range SortKeys() {
			for _, desc := range []bool{false, true} {
				for _, paging := range []Query{{Page: 0, PerPage: 50}, {Page: 7, PerPage: 3}, {All: true}} {
					q := f
					q.Sort, q.Desc, q.Page, q.PerPage, q.All = sort, desc, paging.Page, paging.PerPage, paging.All
					all = append(all, q)
				}
			}
		}
	}
	return all
}

func TestBuildEveryCombination(t *testing.T) {
	for _, usage := range []bool{true, false} {
		for _, scope := range []Scope{{}, {OwnOnly: true, CallerID: "callercallercallercallerca"}} {
			for _, q := range queries() {
				name := fmt.Sprintf("usage=%v own=%v %+v", usage, scope.OwnOnly, q)
				st, err := Build(q, scope, Options{Now: 1_700_000_000_000, StaleAfterDays: 90, Usage: usage})
				if !usage && (q.Usage != "" || usageSorts[q.Sort]) {
					require.ErrorIs(t, err, ErrUsageOff, name)
					continue
				}
				require.NoError(t, err, name)
				checkParams(t, st.Page, st.Args)
				checkParams(t, st.Count, st.CountArgs)
				assert.Equal(t, st.CountArgs, st.Args[:len(st.CountArgs)], name)

				dir := "ASC"
				if q.Desc {
					dir = "DESC"
				}
				assert.Contains(t, st.Page, "\nORDER BY "+sortColumns[q.Sort]+" "+dir+`, a.id COLLATE "C" `+dir+"\nLIMIT $", name)
				assert.Contains(t, st.Page, "\nSELECT COALESCE(json_agg(to_json(a) ORDER BY "+sortColumns[q.Sort]+" "+dir+`, a.id COLLATE "C" `+dir+"), '[]') FROM (", "one row, the page in order: %s", name)
				assert.True(t, strings.HasSuffix(st.Page, ") a"), name)
				assert.NotContains(t, st.Count, "ORDER BY", name)
				if q.Usage == "" && !usageSorts[q.Sort] {
					assert.NotContains(t, st.Count, "Sessions", "the total needs no usage unless the order or a filter does: %s", name)
				}

				// The plan: usage for every app only when the order or a filter needs it.
				switch {
				case q.Usage != "" || usageSorts[q.Sort]:
					assert.Contains(t, st.Page, "LEFT JOIN auth ON auth.app_id = o.Id", name)
					assert.NotContains(t, st.Page, "IN (SELECT id FROM ids)", name)
				case usage:
					assert.Contains(t, st.Page, "AND p.Name IN (SELECT id FROM ids)", name)
					assert.Contains(t, st.Page, "AND d.ClientId IN (SELECT id FROM ids)", name)
					assert.Contains(t, st.Page, "FROM page a LEFT JOIN auth ON auth.app_id = a.id", name)
				default:
					assert.NotContains(t, st.Page, "Sessions", name)
				}

				// No request value is spliced into the text.
				if q.Search != "" {
					assert.NotContains(t, st.Page, "DROP", name)
					assert.Contains(t, st.Args, "%"+escapeLike(q.Search)+"%", name)
				}
				if q.CreatorID != "" {
					assert.NotContains(t, st.Page, q.CreatorID, name)
				}
				if scope.OwnOnly {
					assert.Contains(t, st.Page, "WHERE o.CreatorId = $", name)
					assert.Contains(t, st.Args, scope.CallerID, name)
				} else {
					assert.NotContains(t, st.Page, "o.CreatorId =", name)
				}
				assertReadOnly(t, st.Page)
				assertNoSecret(t, st.Page)

				m := regexp.MustCompile(`LIMIT \$(\d+) OFFSET \$(\d+)`).FindStringSubmatch(st.Page)
				require.NotNil(t, m, name)
				li, _ := strconv.Atoi(m[1])
				oi, _ := strconv.Atoi(m[2])
				limit, offset := st.Args[li-1], st.Args[oi-1]
				if q.All {
					assert.Equal(t, []any{MaxAll + 1, 0}, []any{limit, offset}, name)
				} else {
					assert.Equal(t, []any{q.PerPage, q.Page * q.PerPage}, []any{limit, offset}, name)
				}
				assert.Equal(t, strings.Count(st.Page, "("), strings.Count(st.Page, ")"), "balanced parentheses: %s", name)
			}
		}
	}
}

func assertReadOnly(t *testing.T, sql string) {
	t.Helper()
	assert.NotRegexp(t, writeWords, sql)
	assert.True(t, strings.HasPrefix(sql, "WITH "))
}

// The secret appears only inside the public/confidential test, never as output.
func assertNoSecret(t *testing.T, sql string) {
	t.Helper()
	assert.Equal(t, 1, strings.Count(sql, "ClientSecret"), sql)
	assert.Contains(t, sql, "(COALESCE(o.ClientSecret, '') = '') AS is_public")
	assert.NotContains(t, strings.ToLower(sql), "o.*")
}

func TestBuildRefusesUnknownSort(t *testing.T) {
	_, err := Build(Query{Sort: "secret"}, Scope{}, Options{Usage: true})
	assert.EqualError(t, err, `unknown sort "secret"`)
}

func TestSameInJSON(t *testing.T) {
	for s, want := range map[string]bool{"svc4.example.com/cb": true, "a&b": false, "<x>": false, `q"`: false, `C:\\x`: false, "line\nbreak": false, "\u2028": false, "ünïcode": true} {
		data, _ := json.Marshal(s)
		assert.Equal(t, want, sameInJSON(s), s)
		assert.Equal(t, want, string(data) == `"`+s+`"`, "encoding/json agrees for %q", s)
	}
}

func TestEscapeLike(t *testing.T) {
	assert.Equal(t, `50\%\_a\\b`, escapeLike(`50%_a\b`))
}

func TestDeriveUsageMatchesTheFilters(t *testing.T) {
	opts := Options{Now: 100 * 24 * 60 * 60 * 1000, StaleAfterDays: 90}
	cutoff := opts.Cutoff()
	for _, c := range []struct {
		u            Usage
		never, stale bool
	}{
		{Usage{}, true, false},
		{Usage{AuthorizedUsers: 1}, false, true}, // authorized, no session on record
		{Usage{LiveTokens: 1, LastUsed: cutoff - 1}, false, true},
		{Usage{AuthorizedUsers: 1, LastUsed: cutoff}, false, false},
		{Usage{LastUsed: opts.Now}, false, false},
	} {
		never, stale := DeriveUsage(c.u, opts)
		assert.Equal(t, c.never, never, "%+v", c.u)
		assert.Equal(t, c.stale, stale, "%+v", c.u)
	}
}

func TestParseCallbacks(t *testing.T) {
	assert.Equal(t, []string{"https://a/cb", "https://b/?x=1&y=2"}, parseCallbacks(`["https://a/cb","https://b/?x=1\u0026y=2"]`))
	assert.Equal(t, []string{}, parseCallbacks("null"))
	assert.Equal(t, []string{}, parseCallbacks(""))
	assert.Equal(t, []string{}, parseCallbacks("not json"))
}

// A row of the page's JSON array, as PostgreSQL's to_json writes it.
func TestAppOfARow(t *testing.T) {
	var r row
	require.NoError(t, json.Unmarshal([]byte(`{"id":"a1","name":"N","description":"D","homepage":"h","icon_url":"i","callback_urls":"[\"https://e/cb\"]",
		"creator_id":"c","creator_username":"u","create_at":1,"update_at":2,"is_trusted":true,"is_public":false,"is_dynamically_registered":true,
		"legacy":true,"orphaned":true,"authorized_users":3,"live_tokens":4,"live_sessions":5,"last_used":6}`), &r))
	no, yes := false, true
	opts := Options{Now: 100 * 24 * 60 * 60 * 1000, StaleAfterDays: 90, Usage: true}
	assert.Equal(t, App{
		ID: "a1", Name: "N", Description: "D", Homepage: "h", IconURL: "i", CallbackURLs: []string{"https://e/cb"}, CreatorID: "c", CreatorUsername: "u",
		CreateAt: 1, UpdateAt: 2, IsTrusted: true, IsDynamicallyRegistered: true, Legacy: true,
		Usage:  &Usage{AuthorizedUsers: 3, LiveTokens: 4, LiveSessions: 5, LastUsed: 6},
		States: States{NeverUsed: &no, Stale: &yes, Orphaned: true, Legacy: true},
	}, appOf(r, opts))
	opts.Usage = false
	off := appOf(r, opts)
	assert.Nil(t, off.Usage)
	assert.Equal(t, States{Orphaned: true, Legacy: true}, off.States)
}
