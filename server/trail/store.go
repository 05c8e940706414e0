package trail

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
)

// KV is the plugin's key-value store, as the trail uses it.
type KV interface {
	// Get returns nil for a missing key.
	Get(key string) ([]byte, error)
	Set(key string, value []byte) error
	// CompareAndSet writes value only if the key still holds old (nil: absent).
	CompareAndSet(key string, old, value []byte) (bool, error)
	Delete(key string) error
}

// Post is a message the trail must deliver: to the audit channel, or as a
// direct message from the bot to UserID.
type Post struct {
	ID      string         `json:"id"`
	UserID  string         `json:"user_id,omitempty"`
	Message string         `json:"message"`
	Props   map[string]any `json:"props"`
}

// Head is the trail's root record. The snapshot it names and the posts still
// to deliver change together, in one compare-and-set, so a run either
// happened entirely (and its posts will be delivered) or not at all.
type Head struct {
	Gen    int64  `json:"gen"`
	Chunks int    `json:"chunks"`
	Apps   int    `json:"apps"`
	Since  int64  `json:"since"` // the first run
	Taken  int64  `json:"taken"` // the last run
	Outbox []Post `json:"outbox,omitempty"`
	// SummaryDay is the UTC day of the last secret-age summary.
	SummaryDay string `json:"summary_day,omitempty"`
	// Channel is the audit channel the trail last announced itself in.
	Channel string `json:"channel,omitempty"`
}

const (
	headKey = "trail-head"
	// ChunkSize is how many entries one KV value of the snapshot holds.
	ChunkSize = 1000
)

// ErrRaced means another node changed the trail first; nothing was written.
var ErrRaced = errors.New("another node ran the change trail at the same time")

// Store keeps the snapshot in chunks of the KV store under a generation
// number, and the head record that names the current generation.
type Store struct{ KV KV }

func chunkKey(gen int64, i int) string { return fmt.Sprintf("trail-snap-%d-%d", gen, i) }

// Head reads the head record and its raw bytes (for a later compare-and-set);
// a trail that never ran has a zero head and nil bytes.
func (s Store) Head() (Head, []byte, error) {
	raw, err := s.KV.Get(headKey)
	if err != nil || raw == nil {
		return Head{}, nil, err
	}
	var h Head
	if err := json.Unmarshal(raw, &h); err != nil {
		return Head{}, nil, fmt.Errorf("the change trail's record could not be read: %w", err)
	}
	return h, raw, nil
}

// Snapshot reads the entries the head names.
func (s Store) Snapshot(h Head) (map[string]Entry, error) {
	out := make(map[string]Entry, h.Apps)
	for i := 0; i < h.Chunks; i++ {
		raw, err := s.KV.Get(chunkKey(h.Gen, i))
		if err != nil {
			return nil, err
		}
		if raw == nil {
			return nil, fmt.Errorf("part %d of the change trail's snapshot is missing", i)
		}
		var entries []Entry
		if err := json.Unmarshal(raw, &entries); err != nil {
			return nil, fmt.Errorf("part %d of the change trail's snapshot could not be read: %w", i, err)
		}
		for _, e := range entries {
			out[e.ID] = e
		}
	}
	return out, nil
}

// Commit writes next as the new generation and swaps the head from old (the
// raw bytes Head returned) to h. On ErrRaced the new chunks are removed again.
func (s Store) Commit(oldRaw []byte, old Head, h Head, next map[string]Entry) error {
	ids := make([]string, 0, len(next))
	for id := range next {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	h.Gen = old.Gen + 1
	h.Apps = len(ids)
	h.Chunks = (len(ids) + ChunkSize - 1) / ChunkSize
	for i := 0; i < h.Chunks; i++ {
		part := ids[i*ChunkSize : min((i+1)*ChunkSize, len(ids))]
		entries := make([]Entry, len(part))
		for j, id := range part {
			entries[j] = next[id]
		}
		raw, err := json.Marshal(entries)
		if err != nil {
			return err
		}
		if err := s.KV.Set(chunkKey(h.Gen, i), raw); err != nil {
			s.dropChunks(h.Gen, i)
			return err
		}
	}
	ok, err := s.swapHead(oldRaw, h)
	if err != nil || !ok {
		s.dropChunks(h.Gen, h.Chunks)
		if err == nil {
			err = ErrRaced
		}
		return err
	}
	s.dropChunks(old.Gen, old.Chunks)
	return nil
}

// swapHead writes h if the head still holds oldRaw.
func (s Store) swapHead(oldRaw []byte, h Head) (bool, error) {
	raw, err := json.Marshal(h)
	if err != nil {
		return false, err
	}
	return s.KV.CompareAndSet(headKey, oldRaw, raw)
}

// dropChunks removes chunks [0, n) of a generation; a failure leaves garbage
// under keys no head names, which the next commit of that number overwrites.
func (s Store) dropChunks(gen int64, n int) {
	for i := 0; i < n; i++ {
		_ = s.KV.Delete(chunkKey(gen, i))
	}
}

// Deliver sends the outbox's posts in order, removing each from the head once
// sent. It stops at the first failure; the rest wait for the next run. A crash
// between a send and its removal sends that post again (at least once).
func (s Store) Deliver(send func(Post) error) (int, error) {
	sent := 0
	for {
		h, raw, err := s.Head()
		if err != nil || len(h.Outbox) == 0 {
			return sent, err
		}
		if err := send(h.Outbox[0]); err != nil {
			return sent, err
		}
		h.Outbox = h.Outbox[1:]
		ok, err := s.swapHead(raw, h)
		if err != nil {
			return sent, err
		}
		if !ok {
			return sent, ErrRaced
		}
		sent++
	}
}

// Enqueue adds posts to the outbox (Deliver sends them).
func (s Store) Enqueue(posts []Post) error {
	for attempt := 0; attempt < 10; attempt++ {
		h, raw, err := s.Head()
		if err != nil {
			return err
		}
		h.Outbox = append(h.Outbox, posts...)
		ok, err := s.swapHead(raw, h)
		if err != nil || ok {
			return err
		}
	}
	return ErrRaced
}
