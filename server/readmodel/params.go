package readmodel

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ErrUsageOff refuses a usage filter or sort when the usage tables failed the self-check.
var ErrUsageOff = errors.New("usage figures are off on this server, so the usage filter and the users, tokens, sessions and last_used sorts are not available")

// maxSearch bounds the search text: longer than any field it could match.
const maxSearch = 1024

// Parse reads a listing request's query parameters (documented on the route in
// api_apps.go). Errors name the parameter and the values it takes.
func Parse(v url.Values, defaultPerPage int) (Query, error) {
	for name := range v {
		if !knownParams[name] {
			return Query{}, fmt.Errorf("unknown parameter %q; the parameters are %s", name, strings.Join(paramNames, ", "))
		}
	}
	q := Query{Sort: "name", PerPage: defaultPerPage}
	q.Search = strings.TrimSpace(v.Get("search"))
	if utf8.RuneCountInString(q.Search) > maxSearch {
		return Query{}, fmt.Errorf("search is longer than %d characters", maxSearch)
	}
	if q.ID = v.Get("id"); q.ID != "" && !isID(q.ID) {
		return Query{}, fmt.Errorf("id must be a client id (26 letters and digits); got %q", q.ID)
	}
	if q.CreatorID = v.Get("creator_id"); q.CreatorID != "" && !isID(q.CreatorID) {
		return Query{}, fmt.Errorf("creator_id must be a user id (26 letters and digits); got %q", q.CreatorID)
	}
	switch t := v.Get("type"); t {
	case "":
	case "public", "confidential":
		public := t == "public"
		q.Public = &public
	default:
		return Query{}, fmt.Errorf("type must be public or confidential; got %q", t)
	}
	var err error
	for name, dst := range map[string]**bool{"trusted": &q.Trusted, "dcr": &q.DCR, "orphaned": &q.Orphaned, "legacy": &q.Legacy} {
		if *dst, err = optionalBool(v, name); err != nil {
			return Query{}, err
		}
	}
	switch q.Usage = v.Get("usage"); q.Usage {
	case "", UsageNeverUsed, UsageStale, UsageUsed:
	default:
		return Query{}, fmt.Errorf("usage must be never_used, stale or used; got %q", q.Usage)
	}
	if s := v.Get("sort"); s != "" {
		if _, ok := sortColumns[s]; !ok {
			return Query{}, fmt.Errorf("sort must be one of %s; got %q", strings.Join(SortKeys(), ", "), s)
		}
		q.Sort = s
	}
	switch d := v.Get("direction"); d {
	case "", "asc":
	case "desc":
		q.Desc = true
	default:
		return Query{}, fmt.Errorf("direction must be asc or desc; got %q", d)
	}
	all, err := optionalBool(v, "all")
	if err != nil {
		return Query{}, err
	}
	q.All = all != nil && *all
	if p := v.Get("page"); p != "" {
		if q.Page, err = strconv.Atoi(p); err != nil || q.Page < 0 || q.Page > MaxAll {
			return Query{}, fmt.Errorf("page must be a whole number from 0 (the first page); got %q", p)
		}
	}
	if p := v.Get("per_page"); p != "" {
		if q.PerPage, err = strconv.Atoi(p); err != nil || q.PerPage < 1 || q.PerPage > MaxPerPage {
			return Query{}, fmt.Errorf("per_page must be a whole number from 1 to %d; got %q", MaxPerPage, p)
		}
	}
	if q.All && (v.Has("page") || v.Has("per_page")) {
		return Query{}, errors.New("all=true lists every app at once; leave out page and per_page")
	}
	return q, nil
}

var paramNames = []string{"search", "id", "creator_id", "type", "trusted", "dcr", "orphaned", "legacy", "usage", "sort", "direction", "page", "per_page", "all"}

var knownParams = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range paramNames {
		m[n] = true
	}
	return m
}()

func optionalBool(v url.Values, name string) (*bool, error) {
	switch s := v.Get(name); s {
	case "":
		return nil, nil
	case "true", "false":
		b := s == "true"
		return &b, nil
	default:
		return nil, fmt.Errorf("%s must be true or false; got %q", name, s)
	}
}

// isID is Mattermost's id shape (model.IsValidId), checked here to keep the
// package free of the model dependency in its parsing.
func isID(s string) bool {
	if len(s) != 26 {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}
