package command

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/assert"
)

// listings counts the list-page requests among calls.
func listings(calls []string) int {
	n := 0
	for _, c := range calls {
		if strings.HasPrefix(c, "GET /api/v4/oauth/apps?") {
			n++
		}
	}
	return n
}

// A name is looked up in the caller's listing of the last seconds; a hit is
// still read in full and its name checked; an old listing is read again.
func TestNameLookupReusesARecentListing(t *testing.T) {
	solo := &model.OAuthApp{Id: appID, Name: "Solo", CreatorId: ownerID, ClientSecret: "s", CallbackUrls: []string{"https://e.example/cb"}}
	renamed := *solo
	renamed.Name = "Solo2"
	page, _ := json.Marshal([]*model.OAuthApp{solo})
	one, _ := json.Marshal(solo)
	rest := func(app []byte) *cannedREST {
		answers := []restAnswer{{Method: "GET", Path: "/api/v4/oauth/apps/" + appID, Body: app}, {Method: "POST", Path: "/api/v4/users/ids", Body: json.RawMessage(`[]`)}}
		for p := range 4 {
			body := json.RawMessage(`[]`)
			if p == 0 {
				body = page
			}
			answers = append(answers, restAnswer{Method: "GET", Path: "/api/v4/oauth/apps?page=" + string(rune('0'+p)) + "&per_page=200", Body: body})
		}
		return &cannedREST{answers: answers, used: map[int]bool{}}
	}
	v := &answerVector{SiteURL: "http://mm.example.com"}
	env := &vectorEnv{v: v, rest: rest(one)}
	h := NewHandler(Load(), env)
	now := time.Unix(1000, 0)
	h.listings.now = func() time.Time { return now }
	args := &model.CommandArgs{UserId: ownerID, Command: "/oauth show Solo"}

	assert.Contains(t, h.Answer("s", args), "OAuth app: Solo")
	listed := listings(env.rest.calls)
	assert.Equal(t, 8, listed, "two passes of four pages")

	assert.Contains(t, h.Answer("s", args), "OAuth app: Solo")
	assert.Equal(t, listed, listings(env.rest.calls), "the recent listing is used")

	renamedJSON, _ := json.Marshal(&renamed)
	env.rest = rest(renamedJSON)
	h.Answer("s", args)
	assert.Equal(t, 8, listings(env.rest.calls), "a hit whose name changed is looked up again")

	env.rest = rest(one)
	now = now.Add(11 * time.Second)
	h.Answer("s", args)
	assert.Equal(t, 8, listings(env.rest.calls), "an old listing is read again")
}

// Suggestions are asked for at every keystroke: with a listing of the last
// seconds at hand they read nothing; they offer ids and typable names.
func TestSuggestUsesARecentListing(t *testing.T) {
	v := &answerVector{SiteURL: "http://mm.example.com"}
	env := &vectorEnv{v: v, rest: &cannedREST{used: map[int]bool{}}}
	h := NewHandler(Load(), env)
	h.listings.remember(ownerID, []*model.OAuthApp{{Id: appID, Name: "Build bot"}, {Id: editID, Name: "Other"}})
	api, _ := env.Caller("s")
	items := h.Suggest(api, ownerID, "show", "/oauth show buil")
	assert.Empty(t, env.rest.calls)
	assert.Equal(t, []model.AutocompleteListItem{
		{Item: appID, HelpText: "Build bot", Hint: "client id"},
		{Item: `"Build bot"`, HelpText: appID, Hint: "name"},
	}, items)
}
