package command

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/assert"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/readmodel"
)

// searches counts the read model's name searches among calls.
func searches(calls []string) int {
	n := 0
	for _, c := range calls {
		if strings.HasPrefix(c, "GET /plugins/oauth-manager/api/v1/apps?all=true&search=") {
			n++
		}
	}
	return n
}

// A name is looked up in the caller's complete listing of the last seconds
// (from /oauth list --all or suggestions); a hit is still read in full and its
// name checked; otherwise, or when the listing is old, the read model is searched.
func TestNameLookupReusesARecentListing(t *testing.T) {
	solo := &model.OAuthApp{Id: appID, Name: "Solo", CreatorId: ownerID, ClientSecret: "s", CallbackUrls: []string{"https://e.example/cb"}}
	renamed := *solo
	renamed.Name = "Solo2"
	listing := jsonOf(t, Listing{Total: 1, Apps: []readmodel.App{{ID: appID, Name: "Solo", CreatorID: ownerID, CallbackURLs: solo.CallbackUrls}}})
	rest := func(app *model.OAuthApp) *cannedREST {
		return &cannedREST{used: map[int]bool{}, answers: []restAnswer{
			{Method: "GET", Path: "/plugins/oauth-manager/api/v1/apps?all=true", Body: listing},
			{Method: "GET", Path: "/plugins/oauth-manager/api/v1/apps?all=true&search=Solo", Body: listing},
			{Method: "GET", Path: "/plugins/oauth-manager/api/v1/apps?id=" + appID + "&per_page=1", Body: listing},
			{Method: "GET", Path: "/api/v4/oauth/apps/" + appID, Body: jsonOf(t, app)},
			{Method: "POST", Path: "/api/v4/users/ids", Body: json.RawMessage(`[]`)},
		}}
	}
	v := &answerVector{SiteURL: "http://mm.example.com"}
	env := &vectorEnv{v: v, rest: rest(solo)}
	h := NewHandler(Load(), env)
	now := time.Unix(1000, 0)
	h.listings.now = func() time.Time { return now }
	show := &model.CommandArgs{UserId: ownerID, Command: "/oauth show Solo"}

	assert.Contains(t, h.Answer("s", &model.CommandArgs{UserId: ownerID, Command: "/oauth list --all"}), "Solo")
	assert.Contains(t, h.Answer("s", show), "OAuth app: Solo")
	assert.Equal(t, 0, searches(env.rest.calls), "the recent listing is used")

	env.rest = rest(&renamed)
	h.Answer("s", show)
	assert.Equal(t, 1, searches(env.rest.calls), "a hit whose name changed is looked up again")

	env.rest = rest(solo)
	now = now.Add(11 * time.Second)
	assert.Contains(t, h.Answer("s", show), "OAuth app: Solo")
	assert.Equal(t, 1, searches(env.rest.calls), "an old listing is not used")
}

// Suggestions are asked for at every keystroke: with a listing of the last
// seconds at hand they read nothing; they offer ids and typable names.
func TestSuggestUsesARecentListing(t *testing.T) {
	v := &answerVector{SiteURL: "http://mm.example.com"}
	env := &vectorEnv{v: v, rest: &cannedREST{used: map[int]bool{}}}
	h := NewHandler(Load(), env)
	h.listings.remember(ownerID, []summary{summarize(&model.OAuthApp{Id: appID, Name: "Build bot"}), summarize(&model.OAuthApp{Id: editID, Name: "Other"})})
	api, _ := env.Caller("s")
	items := h.Suggest(api, ownerID, "show", "/oauth show buil")
	assert.Empty(t, env.rest.calls)
	assert.Equal(t, []model.AutocompleteListItem{
		{Item: appID, HelpText: "Build bot", Hint: "client id"},
		{Item: `"Build bot"`, HelpText: appID, Hint: "name"},
	}, items)
}

// Without a recent listing, suggestions read the first matches of the
// database's search, never every app (at 100,000 apps that read would not
// come back in time), and remember nothing.
func TestSuggestSearchesWithoutARecentListing(t *testing.T) {
	listing := jsonOf(t, Listing{Total: 2, Apps: []readmodel.App{{ID: appID, Name: "Build bot"}, {ID: editID, Name: "Deploy", Description: "builds"}}})
	env := &vectorEnv{v: &answerVector{SiteURL: "http://mm.example.com"}, rest: &cannedREST{used: map[int]bool{}, answers: []restAnswer{
		{Method: "GET", Path: "/plugins/oauth-manager/api/v1/apps?per_page=200&search=buil&sort=name", Body: listing},
	}}}
	h := NewHandler(Load(), env)
	api, _ := env.Caller("s")
	items := h.Suggest(api, ownerID, "show", "/oauth show buil")
	assert.Len(t, env.rest.calls, 1)
	assert.Equal(t, []model.AutocompleteListItem{
		{Item: appID, HelpText: "Build bot", Hint: "client id"},
		{Item: `"Build bot"`, HelpText: appID, Hint: "name"},
	}, items, "a match by description only is not offered")
	_, remembered := h.listings.fresh(ownerID)
	assert.False(t, remembered)
}
