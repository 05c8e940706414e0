package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/lint"
)

// How a record finds the app it updates.
const (
	MatchSourceID = "source_id"
	MatchName     = "name"
)

// What a record does.
const (
	ActionCreate = "create"
	ActionUpdate = "update"
	ActionSkip   = "skip"
)

// How a created app is made.
const (
	ViaREST = "rest"
	ViaDCR  = "dcr"
)

// Target is an app the importer can manage, as the read model has it.
type Target struct {
	ID                      string
	Name                    string
	Description             string
	Homepage                string
	IconURL                 string
	CallbackURLs            []string
	CreatorUsername         string
	IsTrusted               bool
	IsPublic                bool
	IsDynamicallyRegistered bool
	UpdateAt                int64
}

// Options are what the plan depends on besides the document and the apps.
type Options struct {
	Match string
	// Admin: the importer has manage_system, which setting is_trusted needs.
	Admin bool
	// SystemWide: manage_system_wide_oauth, which managing a DCR client needs.
	SystemWide bool
	DCREnabled bool
	// The server's DCR redirect-URI allowlist and version (server/lint).
	Allowlist     []string
	ServerVersion string
	Username      string
	// Validate is the server's OAuthApp.IsValid rule, a sentence per bad field.
	Validate func(app *model.OAuthApp, dynamicallyRegistered bool) map[string]string
}

// Change is one field an update changes.
type Change struct {
	Field string `json:"field"`
	Old   any    `json:"old"`
	New   any    `json:"new"`
}

// Item is what one record does.
type Item struct {
	Position int      `json:"position"`
	SourceID string   `json:"source_id"`
	Name     string   `json:"name"`
	Action   string   `json:"action"`
	Via      string   `json:"via,omitempty"`
	TargetID string   `json:"target_id,omitempty"`
	Changes  []Change `json:"changes,omitempty"`
	Notes    []string `json:"notes,omitempty"`

	record   Record
	targetAt int64
}

// Plan is the dry run's answer.
type Plan struct {
	Digest string         `json:"plan"`
	Match  string         `json:"match"`
	Counts map[string]int `json:"counts"`
	Apps   []Item         `json:"apps"`
}

// fieldOrder is the order fields are validated, compared and reported in.
var fieldOrder = []string{"name", "description", "homepage", "icon_url", "callback_urls", "is_trusted"}

// Build plans every record against targets, or returns every problem found;
// a plan is built only when there is none.
func Build(records []Record, targets []Target, opts Options) (Plan, []Problem) {
	if opts.Match != MatchSourceID && opts.Match != MatchName {
		return Plan{}, []Problem{{Field: "match", Message: fmt.Sprintf("match must be %q or %q, not %q.", MatchSourceID, MatchName, opts.Match)}}
	}
	byID := map[string]*Target{}
	byName := map[string][]*Target{}
	for i := range targets {
		t := &targets[i]
		byID[t.ID] = t
		byName[t.Name] = append(byName[t.Name], t)
	}
	plan := Plan{Match: opts.Match, Counts: map[string]int{ActionCreate: 0, ActionUpdate: 0, ActionSkip: 0}, Apps: make([]Item, 0, len(records))}
	var problems []Problem
	seenSource := map[string]int{}
	claimed := map[string]int{}
	for i, rec := range records {
		pos := i + 1
		bad := func(field, format string, args ...any) {
			problems = append(problems, Problem{Position: pos, Field: field, Message: fmt.Sprintf(format, args...)})
		}
		if !validSourceID(rec.SourceID) {
			bad("source_id", "source_id %q is not a client id (26 lower-case letters and digits); leave it empty for an app made by hand.", rec.SourceID)
		} else if first, dup := seenSource[rec.SourceID]; dup && rec.SourceID != "" {
			bad("source_id", "Record %d has the same source_id; each app may appear once.", first)
		} else {
			seenSource[rec.SourceID] = pos
		}

		var target *Target
		switch opts.Match {
		case MatchSourceID:
			target = byID[rec.SourceID]
		case MatchName:
			switch matches := byName[rec.Name]; len(matches) {
			case 0:
			case 1:
				target = matches[0]
			default:
				ids := make([]string, len(matches))
				for j, m := range matches {
					ids[j] = m.ID
				}
				bad("name", "%d apps here are named exactly %q (%s): match by source_id, or rename all but one.", len(matches), rec.Name, strings.Join(ids, ", "))
			}
		}
		if target != nil {
			if first, dup := claimed[target.ID]; dup {
				bad(matchField(opts.Match), "Record %d already updates the app %s; two records cannot update the same app.", first, target.ID)
			}
			claimed[target.ID] = pos
		}

		item := Item{Position: pos, SourceID: rec.SourceID, Name: rec.Name, record: rec}
		dcr := false
		if target == nil {
			item.Action, item.Via = ActionCreate, ViaREST
			if rec.IsDynamicallyRegistered {
				switch {
				case !opts.DCREnabled:
					item.Notes = append(item.Notes, "Created as a regular app, not through dynamic client registration: it is off on this server.")
				case !opts.SystemWide:
					item.Notes = append(item.Notes, "Created as a regular app, owned by you: registering it dynamically needs manage_system_wide_oauth, without which you could not manage it.")
				default:
					item.Via, dcr = ViaDCR, true
				}
			}
			if !dcr && rec.CreatorUsername != "" && rec.CreatorUsername != opts.Username {
				item.Notes = append(item.Notes, fmt.Sprintf("Owned by you: Mattermost cannot set an app's creator (on the source it was @%s's).", rec.CreatorUsername))
			}
			if rec.IsTrusted && !opts.Admin {
				item.Notes = append(item.Notes, "Created untrusted: only a system admin can mark an app trusted.")
			}
		} else {
			item.TargetID, item.targetAt = target.ID, target.UpdateAt
			item.Changes = changes(rec, *target, opts.Admin)
			item.Action = ActionSkip
			if len(item.Changes) > 0 {
				item.Action = ActionUpdate
			}
			if rec.IsPublic != target.IsPublic {
				bad("is_public", "The app %s here is %s and the record says %s: Mattermost cannot change that. Delete the app here first, or correct the record.", target.ID, publicWord(target.IsPublic), publicWord(rec.IsPublic))
			}
			if rec.IsTrusted != target.IsTrusted && !opts.Admin {
				item.Notes = append(item.Notes, fmt.Sprintf("Trusted stays %s: only a system admin can change whether an app is trusted.", yesNo(target.IsTrusted)))
			}
			if rec.IsDynamicallyRegistered != target.IsDynamicallyRegistered {
				item.Notes = append(item.Notes, fmt.Sprintf("Stays %s: Mattermost cannot change how an app was registered.", dcrWord(target.IsDynamicallyRegistered)))
			}
			dcr = target.IsDynamicallyRegistered
		}

		candidate := &model.OAuthApp{Name: rec.Name, Description: rec.Description, Homepage: rec.Homepage, IconURL: rec.IconURL, CallbackUrls: rec.CallbackURLs}
		errs := opts.Validate(candidate, dcr)
		for _, field := range fieldOrder {
			if text, ok := errs[field]; ok {
				bad(field, "%s", text)
			}
		}
		if item.Via == ViaDCR && len(opts.Allowlist) > 0 {
			for _, uri := range rec.CallbackURLs {
				if !lint.AllowlistAccepts(uri, opts.Allowlist, opts.ServerVersion) {
					bad("callback_urls", "The server's DCR redirect-URI allowlist rejects %q, so the app cannot be registered dynamically here. Add a matching pattern, or correct the URL.", uri)
					break
				}
			}
		}
		plan.Counts[item.Action]++
		plan.Apps = append(plan.Apps, item)
	}
	if len(problems) > 0 {
		return Plan{}, problems
	}
	plan.Digest = digest(plan, opts)
	return plan, nil
}

func matchField(match string) string {
	if match == MatchName {
		return "name"
	}
	return "source_id"
}

// changes are the fields in which the record differs from the app; is_trusted
// only for an admin, since for anyone else the server keeps it unchanged.
func changes(rec Record, t Target, admin bool) []Change {
	var out []Change
	add := func(field string, old, next any, same bool) {
		if !same {
			out = append(out, Change{Field: field, Old: old, New: next})
		}
	}
	add("name", t.Name, rec.Name, t.Name == rec.Name)
	add("description", t.Description, rec.Description, t.Description == rec.Description)
	add("homepage", t.Homepage, rec.Homepage, t.Homepage == rec.Homepage)
	add("icon_url", t.IconURL, rec.IconURL, t.IconURL == rec.IconURL)
	add("callback_urls", nonNil(t.CallbackURLs), rec.CallbackURLs, slices.Equal(t.CallbackURLs, rec.CallbackURLs))
	if admin {
		add("is_trusted", t.IsTrusted, rec.IsTrusted, t.IsTrusted == rec.IsTrusted)
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func publicWord(public bool) string {
	if public {
		return "a public client"
	}
	return "a confidential client"
}

func dcrWord(dcr bool) string {
	if dcr {
		return "dynamically registered"
	}
	return "a regular app"
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// digest names a dry run: the records, what each does, and the state of every
// app it matched, so an apply refuses when any of them changed since.
func digest(plan Plan, opts Options) string {
	type entry struct {
		Item
		Record   Record `json:"record"`
		TargetAt int64  `json:"target_at"`
	}
	entries := make([]entry, len(plan.Apps))
	for i, item := range plan.Apps {
		entries[i] = entry{Item: item, Record: item.record, TargetAt: item.targetAt}
	}
	data, _ := json.Marshal(struct {
		Match   string  `json:"match"`
		Admin   bool    `json:"admin"`
		Entries []entry `json:"entries"`
	}{plan.Match, opts.Admin, entries})
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
