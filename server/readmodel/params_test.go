package readmodel

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseDefaults(t *testing.T) {
	q, err := Parse(url.Values{}, 50)
	require.NoError(t, err)
	assert.Equal(t, Query{Sort: "name", PerPage: 50}, q)
}

func TestParseEverything(t *testing.T) {
	v, _ := url.ParseQuery("search=+Bot+&id=0123456789abcdefghijklmnop&creator_id=abcdefghijklmnopqrstuvwxyz&type=public&trusted=false&dcr=true&orphaned=true&legacy=false&usage=stale&sort=last_used&direction=desc&page=3&per_page=200")
	q, err := Parse(v, 50)
	require.NoError(t, err)
	assert.Equal(t, Query{
		Search: "Bot", ID: "0123456789abcdefghijklmnop", CreatorID: "abcdefghijklmnopqrstuvwxyz", Public: boolp(true), Trusted: boolp(false), DCR: boolp(true),
		Orphaned: boolp(true), Legacy: boolp(false), Usage: UsageStale, Sort: "last_used", Desc: true, Page: 3, PerPage: 200,
	}, q)

	q, err = Parse(url.Values{"all": {"true"}, "type": {"confidential"}}, 50)
	require.NoError(t, err)
	assert.True(t, q.All)
	assert.Equal(t, boolp(false), q.Public)
}

func TestParseErrorsNameTheParameter(t *testing.T) {
	for query, want := range map[string]string{
		"per_page=0":           `per_page must be a whole number from 1 to 200; got "0"`,
		"per_page=201":         `per_page must be a whole number from 1 to 200; got "201"`,
		"per_page=ten":         `per_page must be a whole number from 1 to 200; got "ten"`,
		"page=-1":              `page must be a whole number from 0 (the first page); got "-1"`,
		"sort=secret":          `sort must be one of name, id, creator, created, updated, type, trusted, dcr, callbacks, users, tokens, sessions, last_used; got "secret"`,
		"direction=up":         `direction must be asc or desc; got "up"`,
		"type=private":         `type must be public or confidential; got "private"`,
		"trusted=yes":          `trusted must be true or false; got "yes"`,
		"usage=old":            `usage must be never_used, stale or used; got "old"`,
		"id=Build":             `id must be a client id (26 letters and digits); got "Build"`,
		"creator_id=me":        `creator_id must be a user id (26 letters and digits); got "me"`,
		"all=true&per_page=10": `all=true lists every app at once; leave out page and per_page`,
		"filter=x":             `unknown parameter "filter"; the parameters are search, id, creator_id, type, trusted, dcr, orphaned, legacy, usage, sort, direction, page, per_page, all`,
	} {
		v, _ := url.ParseQuery(query)
		_, err := Parse(v, 50)
		assert.EqualError(t, err, want, query)
	}
}
