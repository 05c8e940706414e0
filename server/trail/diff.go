package trail

import (
	"slices"
	"sort"
	"strconv"
)

// Kind is an event's type, as the audit post's props name it.
type Kind string

// The kinds of event.
const (
	Created Kind = "app_created"
	Changed Kind = "app_changed"
	Deleted Kind = "app_deleted"
)

// The fields a change can name, in the order a message lists them.
const (
	FieldName         = "name"
	FieldDescription  = "description"
	FieldHomepage     = "homepage"
	FieldIconURL      = "icon_url"
	FieldCallbackURLs = "callback_urls"
	FieldTrusted      = "is_trusted"
	FieldSecret       = "client_secret"
)

// FieldChange is one field's old and new value; a secret has neither.
type FieldChange struct {
	Field    string
	From, To []string
}

// ActionPrune marks a deletion by a prune, which reports it in its own post.
const ActionPrune = "prune"

// Actor is who changed an app through the plugin, as the plugin recorded it.
type Actor struct {
	UserID string `json:"user_id"`
	Action string `json:"action"` // create, edit, delete, regenerate, prune
	At     int64  `json:"at"`
}

// Event is one app's change between two runs.
type Event struct {
	Kind    Kind
	App     Entry // as it is now; as it was, for a deletion
	Changes []FieldChange
	Actor   *Actor // nil: made outside the plugin
}

// OwnerLeft is a creator who was deactivated or deleted since the last run,
// with the apps they created.
type OwnerLeft struct {
	UserID, Username string
	Apps             []Entry
}

// Result is what one run found.
type Result struct {
	Next       map[string]Entry
	Events     []Event     // created (except by DCR), changed, deleted; by kind, then name
	Registered []Entry     // clients created by dynamic client registration, by name
	OwnersLeft []OwnerLeft // by username
}

// Compare finds what changed between the snapshot prev and the apps now in
// the database. actors gives the plugin's records of who changed an app since
// the last run (newest last). On the baseline run (no snapshot yet) nothing
// is an event.
func Compare(prev map[string]Entry, current []Current, now int64, baseline bool, actors func(appID string) []Actor) Result {
	r := Result{Next: make(map[string]Entry, len(current))}
	leaving := map[string]*OwnerLeft{}
	for _, c := range current {
		id := c.App.ID
		var previous *Entry
		if p, ok := prev[id]; ok {
			previous = &p
		}
		notes := actors(id)
		regeneratedAt := func() int64 {
			for i := len(notes) - 1; i >= 0; i-- {
				if notes[i].Action == "regenerate" {
					return notes[i].At
				}
			}
			if previous != nil && c.App.UpdateAt > previous.UpdateAt {
				return c.App.UpdateAt
			}
			return now
		}
		e := observe(c, previous, now, baseline, regeneratedAt)
		r.Next[id] = e
		if baseline {
			continue
		}
		switch {
		case previous == nil && e.IsDCR:
			r.Registered = append(r.Registered, e)
		case previous == nil:
			r.Events = append(r.Events, Event{Kind: Created, App: e, Actor: latest(notes)})
		default:
			if changes := fieldChanges(*previous, e); len(changes) > 0 {
				r.Events = append(r.Events, Event{Kind: Changed, App: e, Changes: changes, Actor: latest(notes)})
			}
			if e.Orphaned && !previous.Orphaned && e.CreatorID != "" {
				o := leaving[e.CreatorID]
				if o == nil {
					o = &OwnerLeft{UserID: e.CreatorID, Username: previous.CreatorUsername}
					leaving[e.CreatorID] = o
				}
				o.Apps = append(o.Apps, e)
			}
		}
	}
	if !baseline {
		for id, p := range prev {
			if _, ok := r.Next[id]; !ok {
				actor := latest(actors(id))
				if actor != nil && actor.Action == ActionPrune {
					continue // the prune's post reported it
				}
				r.Events = append(r.Events, Event{Kind: Deleted, App: p, Actor: actor})
			}
		}
	}
	// Apps of a creator who left and are gone are not news of the creator.
	for _, o := range leaving {
		sortEntries(o.Apps)
		r.OwnersLeft = append(r.OwnersLeft, *o)
	}
	sort.Slice(r.OwnersLeft, func(i, j int) bool {
		return r.OwnersLeft[i].Username+r.OwnersLeft[i].UserID < r.OwnersLeft[j].Username+r.OwnersLeft[j].UserID
	})
	order := map[Kind]int{Created: 0, Changed: 1, Deleted: 2}
	sort.SliceStable(r.Events, func(i, j int) bool {
		a, b := r.Events[i], r.Events[j]
		if a.Kind != b.Kind {
			return order[a.Kind] < order[b.Kind]
		}
		return lessEntry(a.App, b.App)
	})
	sortEntries(r.Registered)
	return r
}

func latest(notes []Actor) *Actor {
	if len(notes) == 0 {
		return nil
	}
	a := notes[len(notes)-1]
	return &a
}

func lessEntry(a, b Entry) bool {
	if a.Name != b.Name {
		return a.Name < b.Name
	}
	return a.ID < b.ID
}

func sortEntries(es []Entry) {
	sort.Slice(es, func(i, j int) bool { return lessEntry(es[i], es[j]) })
}

// fieldChanges lists what differs, in the fixed field order.
func fieldChanges(old, now Entry) []FieldChange {
	var out []FieldChange
	text := func(field, a, b string) {
		if a != b {
			out = append(out, FieldChange{Field: field, From: []string{a}, To: []string{b}})
		}
	}
	text(FieldName, old.Name, now.Name)
	text(FieldDescription, old.Description, now.Description)
	text(FieldHomepage, old.Homepage, now.Homepage)
	text(FieldIconURL, old.IconURL, now.IconURL)
	if !slices.Equal(old.CallbackURLs, now.CallbackURLs) {
		out = append(out, FieldChange{Field: FieldCallbackURLs, From: old.CallbackURLs, To: now.CallbackURLs})
	}
	text(FieldTrusted, strconv.FormatBool(old.IsTrusted), strconv.FormatBool(now.IsTrusted))
	if old.SecretHash != now.SecretHash {
		out = append(out, FieldChange{Field: FieldSecret})
	}
	return out
}

// Fields names the changed fields, for the post's props.
func (e Event) Fields() []string {
	out := make([]string, len(e.Changes))
	for i, c := range e.Changes {
		out[i] = c.Field
	}
	return out
}
