package readmodel

import (
	"database/sql"
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

// scanApp reads a row of Statement.Page: appExpressions in order, then the
// usage figures.
func scanApp(rows *sql.Rows, opts Options) (App, error) {
	var a App
	var callbacks string
	var orphaned bool
	var u Usage
	err := rows.Scan(&a.ID, &a.Name, &a.Description, &a.Homepage, &a.IconURL, &callbacks, &a.CreatorID, &a.CreatorUsername,
		&a.CreateAt, &a.UpdateAt, &a.IsTrusted, &a.IsPublic, &a.IsDynamicallyRegistered, &a.Legacy, &orphaned,
		&u.AuthorizedUsers, &u.LiveTokens, &u.LiveSessions, &u.LastUsed)
	if err != nil {
		return App{}, err
	}
	a.CallbackURLs = parseCallbacks(callbacks)
	a.States = States{Orphaned: orphaned, Legacy: a.Legacy}
	if opts.Usage {
		a.Usage = &u
		never, stale := DeriveUsage(u, opts)
		a.States.NeverUsed, a.States.Stale = &never, &stale
	}
	return a, nil
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
