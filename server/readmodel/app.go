package readmodel

import (
	"encoding/json"
)

// App is one listing row: the public fields of an OAuth app (never its
// secret), its usage and the states derived from them.
type App struct {
	ID                      string   `json:"id"`
	Name                    string   `json:"name"`
	Description             string   `json:"description"`
	Homepage                string   `json:"homepage"`
	IconURL                 string   `json:"icon_url"`
	CallbackURLs            []string `json:"callback_urls"`
	CreatorID               string   `json:"creator_id"`
	CreatorUsername         string   `json:"creator_username"`
	CreateAt                int64    `json:"create_at"`
	UpdateAt                int64    `json:"update_at"`
	IsTrusted               bool     `json:"is_trusted"`
	IsPublic                bool     `json:"is_public"`
	IsDynamicallyRegistered bool     `json:"is_dynamically_registered"`
	Legacy                  bool     `json:"legacy"`
	Usage                   *Usage   `json:"usage"` // null when the usage figures are off
	States                  States   `json:"states"`
}

// Usage is what the database records of an app's use.
type Usage struct {
	AuthorizedUsers int64 `json:"authorized_users"`
	LiveTokens      int64 `json:"live_tokens"`
	LiveSessions    int64 `json:"live_sessions"`
	LastUsed        int64 `json:"last_used"` // milliseconds; 0 when no OAuth session of the app is on record
}

// States are derived flags; never_used and stale are null when usage is off.
type States struct {
	NeverUsed *bool `json:"never_used"`
	Stale     *bool `json:"stale"`
	Orphaned  bool  `json:"orphaned"`
	Legacy    bool  `json:"legacy"`
}

// row is one element of Statement.Page's JSON array: appExpressions by name,
// then the usage figures. The app's own fields decode into App; the stored
// callback JSON text, orphaned and the flat usage figures are read beside it
// (a field of row outranks App's field of the same JSON name).
type row struct {
	App
	CallbackURLs string `json:"callback_urls"`
	Orphaned     bool   `json:"orphaned"`
	Usage
}

// appOf is a row as the listing answers it.
func appOf(r row, opts Options) App {
	a := r.App
	a.CallbackURLs = parseCallbacks(r.CallbackURLs)
	a.States = States{Orphaned: r.Orphaned, Legacy: a.Legacy}
	if opts.Usage {
		u := r.Usage
		a.Usage = &u
		never, stale := DeriveUsage(u, opts)
		a.States.NeverUsed, a.States.Stale = &never, &stale
	}
	return a
}

// DeriveUsage is the usage filter's rule (query.go conditions) for one app.
func DeriveUsage(u Usage, opts Options) (neverUsed, stale bool) {
	neverUsed = u.AuthorizedUsers == 0 && u.LiveTokens == 0 && u.LastUsed == 0
	stale = !neverUsed && u.LastUsed < opts.Cutoff()
	return neverUsed, stale
}

// parseCallbacks reads model.StringArray's JSON; anything else is no URLs.
func parseCallbacks(s string) []string {
	urls := []string{}
	if s != "" {
		_ = json.Unmarshal([]byte(s), &urls)
	}
	if urls == nil {
		urls = []string{}
	}
	return urls
}
