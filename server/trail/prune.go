package trail

import (
	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/readmodel"
)

// Candidate is a dynamically registered client a prune would delete, with
// the usage it had when it was chosen.
type Candidate struct {
	ID       string          `json:"id"`
	Name     string          `json:"name"`
	CreateAt int64           `json:"create_at"`
	LastUsed int64           `json:"last_used"`
	State    string          `json:"state"` // readmodel.UsageNeverUsed or UsageStale
	Usage    readmodel.Usage `json:"-"`
}

// Candidates are the DCR clients registered at least olderThanDays ago that
// were never used or are stale, in the listing's order. apps must carry usage.
func Candidates(apps []readmodel.App, olderThanDays int, now int64) []Candidate {
	cutoff := now - int64(olderThanDays)*DayMs
	var out []Candidate
	for _, a := range apps {
		if !a.IsDynamicallyRegistered || a.Usage == nil || a.CreateAt > cutoff {
			continue
		}
		state := ""
		switch {
		case isTrue(a.States.NeverUsed):
			state = readmodel.UsageNeverUsed
		case isTrue(a.States.Stale):
			state = readmodel.UsageStale
		default:
			continue
		}
		out = append(out, Candidate{ID: a.ID, Name: a.Name, CreateAt: a.CreateAt, LastUsed: a.Usage.LastUsed, State: state, Usage: *a.Usage})
	}
	return out
}

func isTrue(b *bool) bool { return b != nil && *b }

// UsedSince says whether a candidate was used after it was chosen: a newer
// session, a new authorization or a new token, or it is no longer unused.
func UsedSince(c Candidate, now readmodel.App) bool {
	if now.Usage == nil {
		return true // cannot tell: keep it
	}
	u := *now.Usage
	if u.LastUsed > c.Usage.LastUsed || u.AuthorizedUsers > c.Usage.AuthorizedUsers || u.LiveTokens > c.Usage.LiveTokens {
		return true
	}
	return !isTrue(now.States.NeverUsed) && !isTrue(now.States.Stale)
}
