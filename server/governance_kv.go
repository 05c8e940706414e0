package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"sort"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/trail"
)

// pluginKV is the plugin's KV store as trail.KV.
type pluginKV struct{ api kvAPI }

// kvAPI is the part of plugin.API the KV store uses.
type kvAPI interface {
	KVGet(key string) ([]byte, *model.AppError)
	KVSetWithOptions(key string, value []byte, options model.PluginKVSetOptions) (bool, *model.AppError)
	KVDelete(key string) *model.AppError
}

func (k pluginKV) Get(key string) ([]byte, error) {
	v, err := k.api.KVGet(key)
	if err != nil {
		return nil, err
	}
	return v, nil
}

func (k pluginKV) Set(key string, value []byte) error {
	if _, err := k.api.KVSetWithOptions(key, value, model.PluginKVSetOptions{}); err != nil {
		return err
	}
	return nil
}

func (k pluginKV) CompareAndSet(key string, old, value []byte) (bool, error) {
	ok, err := k.api.KVSetWithOptions(key, value, model.PluginKVSetOptions{Atomic: true, OldValue: old})
	if err != nil {
		return false, err
	}
	return ok, nil
}

func (k pluginKV) Delete(key string) error {
	if err := k.api.KVDelete(key); err != nil {
		return err
	}
	return nil
}

const (
	trailKeyKey = "trail-hash-key"
	actorsKey   = "trail-actors"
	// actorsKept bounds how long a record of who changed an app waits for the
	// trail to see the change.
	actorsKept = 2 * 24 * time.Hour
	// actorsMaxNotes bounds the record's size (it is one KV value, rewritten at
	// every change): past it the oldest notes are dropped, and the trail then
	// reports those changes as made outside the plugin.
	actorsMaxNotes = 5000
)

// secretHashKey is the random key of the secrets' keyed hashes, made once
// (the first node to write it wins). It is not a client secret: it only keeps
// a hash from being compared with guesses.
func secretHashKey(kv trail.KV) (string, error) {
	raw, err := kv.Get(trailKeyKey)
	if err != nil {
		return "", err
	}
	if raw != nil {
		return string(raw), nil
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	if _, err := kv.CompareAndSet(trailKeyKey, nil, []byte(hex.EncodeToString(b))); err != nil {
		return "", err
	}
	raw, err = kv.Get(trailKeyKey)
	if err != nil || raw == nil {
		return "", errors.New("the key of the secret hashes could not be stored")
	}
	return string(raw), nil
}

// actorNotes are the plugin's records of who changed which app, waiting for
// the trail to report the change: one KV value, changed by compare-and-set.
type actorNotes map[string][]trail.Actor

func readActors(kv trail.KV) (actorNotes, []byte, error) {
	raw, err := kv.Get(actorsKey)
	if err != nil {
		return nil, nil, err
	}
	notes := actorNotes{}
	if raw != nil {
		_ = json.Unmarshal(raw, &notes)
	}
	return notes, raw, nil
}

// updateActors applies change to the notes, retrying when another node wrote first.
func updateActors(kv trail.KV, change func(actorNotes)) error {
	for attempt := 0; attempt < 10; attempt++ {
		notes, raw, err := readActors(kv)
		if err != nil {
			return err
		}
		change(notes)
		next, err := json.Marshal(notes)
		if err != nil {
			return err
		}
		ok, err := kv.CompareAndSet(actorsKey, raw, next)
		if err != nil || ok {
			return err
		}
	}
	return trail.ErrRaced
}

// recordActor notes that userID changed appID through the plugin. It returns
// how many of the oldest notes it dropped to stay within actorsMaxNotes.
func recordActor(kv trail.KV, userID, action, appID string, now time.Time) (int, error) {
	evicted := 0
	err := updateActors(kv, func(notes actorNotes) {
		cutoff := now.Add(-actorsKept).UnixMilli()
		for id, list := range notes {
			kept := list[:0]
			for _, a := range list {
				if a.At >= cutoff {
					kept = append(kept, a)
				}
			}
			if len(kept) == 0 {
				delete(notes, id)
			} else {
				notes[id] = kept
			}
		}
		notes[appID] = append(notes[appID], trail.Actor{UserID: userID, Action: action, At: now.UnixMilli()})
		evicted = notes.trim(actorsMaxNotes)
	})
	return evicted, err
}

// size is the number of notes.
func (notes actorNotes) size() int {
	n := 0
	for _, list := range notes {
		n += len(list)
	}
	return n
}

// trim drops the oldest notes until at most limit remain, and says how many went.
func (notes actorNotes) trim(limit int) int {
	excess := notes.size() - limit
	if excess <= 0 {
		return 0
	}
	type note struct {
		app string
		at  int64
	}
	all := make([]note, 0, excess+limit)
	for id, list := range notes {
		for _, a := range list {
			all = append(all, note{id, a.At})
		}
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].at != all[j].at {
			return all[i].at < all[j].at
		}
		return all[i].app < all[j].app
	})
	drop := map[string]int{}
	for _, n := range all[:excess] {
		drop[n.app]++
	}
	for id, k := range drop {
		// Each app's notes are in the order they were made: its oldest come first.
		if rest := notes[id][k:]; len(rest) > 0 {
			notes[id] = rest
		} else {
			delete(notes, id)
		}
	}
	return excess
}

// forgetActors drops the notes a run has reported (those made up to upTo).
func forgetActors(kv trail.KV, appIDs []string, upTo int64) error {
	if len(appIDs) == 0 {
		return nil
	}
	return updateActors(kv, func(notes actorNotes) {
		for _, id := range appIDs {
			kept := notes[id][:0]
			for _, a := range notes[id] {
				if a.At > upTo {
					kept = append(kept, a)
				}
			}
			if len(kept) == 0 {
				delete(notes, id)
			} else {
				notes[id] = kept
			}
		}
	})
}
