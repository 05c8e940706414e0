package command

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/readmodel"
	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/trail"
)

// trailPosts renders one run with every kind of post, every app field (and
// the creator's username) holding value.
func trailPosts(value string) []trail.Post {
	e := trail.Entry{ID: appID, Name: value, Description: value, Homepage: value, IconURL: value, CallbackURLs: []string{value, "https://ok.example/cb"}, CreatorID: otherID, CreatorUsername: value, CreateAt: 1, UpdateAt: 2, SecretHash: "h", SecretSince: 1, SecretExact: true}
	old := e
	old.Name, old.CallbackURLs, old.IsTrusted = "Old", []string{"https://old.example/cb"}, true
	f := trail.Findings{
		Baseline: false, Result: trail.Result{
			Next: map[string]trail.Entry{appID: e},
			Events: []trail.Event{
				{Kind: trail.Created, App: e},
				{Kind: trail.Changed, App: e, Changes: []trail.FieldChange{{Field: trail.FieldName, From: []string{"Old"}, To: []string{value}}, {Field: trail.FieldCallbackURLs, From: old.CallbackURLs, To: e.CallbackURLs}, {Field: trail.FieldSecret}}, Actor: &trail.Actor{UserID: ownerID, Action: "edit", At: 5}},
				{Kind: trail.Deleted, App: e},
			},
			Registered: []trail.Entry{e, e, e, e, e, e},
			OwnersLeft: []trail.OwnerLeft{{UserID: otherID, Username: value, Apps: []trail.Entry{e}}},
		}, Reminders: []trail.Reminder{{App: e, Stage: 3, Age: trail.Age{Since: 1, DueAt: 9, DaysLeft: 3}}, {App: e, Stage: 0, Age: trail.Age{Since: 1, DueAt: 9, Overdue: true}}},
		Summary: &trail.Summary{Day: "2026-11-24", Overdue: []trail.Entry{e}, MaxAge: 30},
	}
	tc := TrailContext{
		Audit: true, Since: 1, Now: 2, MaxAgeDays: 30,
		Usernames: func([]string) map[string]string { return map[string]string{otherID: value, ownerID: "owner"} },
		Usage: func(string) map[string]*readmodel.Usage {
			return map[string]*readmodel.Usage{appID: {AuthorizedUsers: 2, LastUsed: 3}}
		},
	}
	return TrailPosts(English(), f, tc)
}

// The bot's posts keep the shape of a plain app's whatever the app holds: no
// link, mention of a channel, heading or list item comes from app data.
func TestTrailPostsKeepAppDataAsText(t *testing.T) {
	var hostile []string
	readJSON(t, "hostile.json", &hostile)
	benign := trailPosts("Benign")
	require.Len(t, benign, 8)
	for _, h := range hostile {
		if strings.TrimSpace(h) == "" {
			continue // a blank value is no text node
		}
		for i, p := range trailPosts(h) {
			assert.Equal(t, shape(benign[i].Message), shape(p.Message), "post %d with %q:\n%s", i, h, p.Message)
		}
	}
}

func TestTrailPostsProps(t *testing.T) {
	posts := trailPosts("App")
	types := []string{}
	for _, p := range posts {
		props := p.Props["oauth_manager"].(map[string]any)
		types = append(types, props["type"].(string))
		assert.NotEmpty(t, props["event_id"])
		assert.NotContains(t, p.Message, "secret_hash")
	}
	assert.Equal(t, []string{"app_created", "app_changed", "app_deleted", "dcr_registered", "owner_left", "secret_summary", "secret_reminder", "secret_reminder"}, types)
	changed := posts[1].Props["oauth_manager"].(map[string]any)
	assert.Equal(t, "plugin", changed["via"])
	assert.Equal(t, []string{"name", "callback_urls", "client_secret"}, changed["fields"])
	assert.Contains(t, posts[1].Message, "- Client secret: regenerated")
	assert.Equal(t, "outside", posts[0].Props["oauth_manager"].(map[string]any)["via"])
	assert.Contains(t, posts[3].Message, "- and 1 more.", "DCR registrations list five")
	assert.Equal(t, otherID, posts[6].UserID, "a reminder is a direct message to the creator")
	assert.Empty(t, posts[0].UserID)

	// Without an audit channel only the reminders remain.
	f := trail.Findings{Result: trail.Result{Events: []trail.Event{{Kind: trail.Created}}}}
	assert.Empty(t, TrailPosts(English(), f, TrailContext{Usernames: func([]string) map[string]string { return nil }}))
}

// A change of callbacks to or from the quarantine's inert one is labelled, in
// the title and the props, whoever made it.
func TestTrailPostsLabelQuarantineSteps(t *testing.T) {
	e := trail.Entry{ID: appID, Name: "Wiki", CallbackURLs: []string{InertCallback}}
	before := []string{"https://wiki.example.com/cb"}
	post := func(from, to []string) trail.Post {
		f := trail.Findings{Result: trail.Result{Events: []trail.Event{{Kind: trail.Changed, App: e, Changes: []trail.FieldChange{
			{Field: trail.FieldCallbackURLs, From: from, To: to}, {Field: trail.FieldSecret},
		}}}}}
		posts := TrailPosts(English(), f, TrailContext{Audit: true, Usernames: func([]string) map[string]string { return nil }})
		require.Len(t, posts, 1)
		return posts[0]
	}
	quarantined := post(before, []string{InertCallback})
	assert.True(t, strings.HasPrefix(quarantined.Message, "**OAuth app quarantined:** Wiki (`"+appID+"`): no new sign-in"), quarantined.Message)
	assert.Equal(t, "quarantined", quarantined.Props["oauth_manager"].(map[string]any)["quarantine"])
	released := post([]string{InertCallback}, before)
	assert.True(t, strings.HasPrefix(released.Message, "**OAuth app released from quarantine:** Wiki"), released.Message)
	assert.Equal(t, "released", released.Props["oauth_manager"].(map[string]any)["quarantine"])
	plain := post(before, []string{"https://wiki.example.com/other"})
	assert.True(t, strings.HasPrefix(plain.Message, "**OAuth app changed:**"))
	assert.NotContains(t, plain.Props["oauth_manager"], "quarantine")
}
