// Package trail is the change trail's logic: what the snapshot keeps of each
// app, how two snapshots differ, how old a secret is and when its creator is
// reminded. It is pure (no plugin API); the plugin stores the snapshot in its
// KV store and posts what Diff finds (server/trail_job.go).
package trail

import (
	"slices"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/readmodel"
)

// Entry is what the snapshot keeps of one app: its public fields, a keyed
// hash of its secret (never the secret) and the trail's own facts.
type Entry struct {
	ID              string   `json:"id"`
	Name            string   `json:"name"`
	Description     string   `json:"description,omitempty"`
	Homepage        string   `json:"homepage,omitempty"`
	IconURL         string   `json:"icon_url,omitempty"`
	CallbackURLs    []string `json:"callback_urls,omitempty"`
	CreatorID       string   `json:"creator_id,omitempty"`
	CreatorUsername string   `json:"creator_username,omitempty"`
	CreateAt        int64    `json:"create_at"`
	UpdateAt        int64    `json:"update_at"`
	IsTrusted       bool     `json:"is_trusted,omitempty"`
	IsPublic        bool     `json:"is_public,omitempty"`
	IsDCR           bool     `json:"is_dcr,omitempty"`
	Orphaned        bool     `json:"orphaned,omitempty"`
	// SecretHash is SHA-256 over the trail's key and the secret, computed in the
	// database; empty for a public client.
	SecretHash string `json:"secret_hash,omitempty"`
	// SecretSince is when the current secret was issued; when SecretExact is
	// false, the secret is at least that old (the app is older than the trail).
	SecretSince int64 `json:"secret_since,omitempty"`
	SecretExact bool  `json:"secret_exact,omitempty"`
	FirstSeen   int64 `json:"first_seen"`
	// Reminded holds the reminder stages already sent for the current secret.
	Reminded []int `json:"reminded,omitempty"`
}

// Current is one app as the database shows it now: the listing row and the
// keyed hash of its secret.
type Current = readmodel.Fingerprinted

// observe makes the entry for an app seen now, carrying over what the trail
// knew of it; previous is nil for an app not on record. baseline is true on
// the trail's first run, when every app is older than the trail.
func observe(c Current, previous *Entry, now int64, baseline bool, regeneratedAt func() int64) Entry {
	a := c.App
	e := Entry{
		ID: a.ID, Name: a.Name, Description: a.Description, Homepage: a.Homepage, IconURL: a.IconURL,
		CallbackURLs: slices.Clone(a.CallbackURLs), CreatorID: a.CreatorID, CreatorUsername: a.CreatorUsername,
		CreateAt: a.CreateAt, UpdateAt: a.UpdateAt, IsTrusted: a.IsTrusted, IsPublic: a.IsPublic,
		IsDCR: a.IsDynamicallyRegistered, Orphaned: a.States.Orphaned, SecretHash: c.SecretHash, FirstSeen: now,
	}
	if len(e.CallbackURLs) == 0 {
		e.CallbackURLs = nil
	}
	if e.SecretHash == "" {
		return e
	}
	switch {
	case previous == nil && !baseline:
		// Created since the last run: the secret is the one it was created with.
		e.SecretSince, e.SecretExact = a.CreateAt, true
	case previous == nil:
		// Older than the trail. An app never updated still has its first secret
		// (a regeneration updates UpdateAt); otherwise the secret is at least as
		// old as the last update.
		e.SecretSince, e.SecretExact = a.UpdateAt, a.UpdateAt == a.CreateAt
	case previous.SecretHash != c.SecretHash:
		e.FirstSeen = previous.FirstSeen
		e.SecretSince, e.SecretExact = regeneratedAt(), true
	default:
		e.FirstSeen = previous.FirstSeen
		e.SecretSince, e.SecretExact = previous.SecretSince, previous.SecretExact
		e.Reminded = previous.Reminded
	}
	if previous != nil {
		e.FirstSeen = previous.FirstSeen
	}
	return e
}
