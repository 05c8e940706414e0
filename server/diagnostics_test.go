package main

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/command"
	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/trail"
)

func TestDiagnosticsAreForSystemAdmins(t *testing.T) {
	for _, who := range []perms{{}, {manage: true}, {manage: true, wide: true}} {
		p, _, _ := governancePlugin(t, who)
		w := call(p, http.MethodGet, diagnosticsRoute, "")
		assert.Equal(t, http.StatusForbidden, w.Code, "%+v", who)
		assert.NotContains(t, w.Body.String(), "goroutines")
	}
	p, _, _ := governancePlugin(t, perms{admin: true})
	assert.Equal(t, http.StatusNotFound, call(p, http.MethodPost, diagnosticsRoute, "").Code, "GET only")
}

func TestDiagnosticsReportGoroutinesHeapCachesAndTheTrail(t *testing.T) {
	p, _, kv := governancePlugin(t, perms{admin: true}, snapshotApps...)
	p.command = command.NewHandler(command.Load(), p)
	_, err := recordActor(kv, "user1", "edit", ownApp+"a", time.UnixMilli(1500))
	require.NoError(t, err)
	p.gov.actorEvictions.Add(3)

	w := call(p, http.MethodGet, diagnosticsRoute, "")
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	var got diagnosticsAnswer
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &got))
	assert.Positive(t, got.Goroutines)
	assert.Positive(t, got.Heap.Alloc)
	assert.Positive(t, got.Heap.TotalSys)
	require.Len(t, got.Caches, 2)
	assert.Equal(t, command.CacheStats{Name: "listings", LimitEntries: command.ListingsMaxUsers, LimitItems: command.ListingsMaxNames, Note: got.Caches[0].Note}, got.Caches[0])
	assert.Equal(t, "trail_actors", got.Caches[1].Name)
	assert.Equal(t, 1, got.Caches[1].Entries)
	assert.Equal(t, 1, got.Caches[1].Items)
	assert.Equal(t, actorsMaxNotes, got.Caches[1].LimitItems)
	assert.Equal(t, int64(3), got.Caches[1].Evictions)
	assert.Equal(t, trailFigures{Apps: 2, Chunks: 1, ChunkSize: trail.ChunkSize}, got.Trail)
}

func TestActorNotesAreBounded(t *testing.T) {
	kv := &memStore{data: map[string][]byte{}}
	start := time.UnixMilli(1_000_000)
	apps := []string{"app-a", "app-b", "app-c"}
	// The record full to its limit (written at once: recording one by one
	// rewrites the whole value each time), notes made at start+0, +1, ... ms.
	full := actorNotes{}
	for i := 0; i < actorsMaxNotes; i++ {
		full[apps[i%3]] = append(full[apps[i%3]], trail.Actor{UserID: "user1", Action: "edit", At: start.Add(time.Duration(i) * time.Millisecond).UnixMilli()})
	}
	raw, err := json.Marshal(full)
	require.NoError(t, err)
	kv.data[actorsKey] = raw
	total := 0
	for i := actorsMaxNotes; i < actorsMaxNotes+7; i++ {
		evicted, err := recordActor(kv, "user1", "edit", apps[i%3], start.Add(time.Duration(i)*time.Millisecond))
		require.NoError(t, err)
		total += evicted
	}
	assert.Equal(t, 7, total, "one note dropped per note past the limit")
	notes, _, err := readActors(kv)
	require.NoError(t, err)
	assert.Equal(t, actorsMaxNotes, notes.size())
	// The oldest went: the first 7 notes were made at start+0..6 ms.
	oldest := int64(1 << 62)
	for _, list := range notes {
		for _, a := range list {
			oldest = min(oldest, a.At)
		}
	}
	assert.Equal(t, start.Add(7*time.Millisecond).UnixMilli(), oldest)
}

func TestTrimDropsTheOldestNotesAndEmptyApps(t *testing.T) {
	notes := actorNotes{
		"a": {{UserID: "u", At: 1}, {UserID: "u", At: 5}},
		"b": {{UserID: "u", At: 2}},
		"c": {{UserID: "u", At: 3}, {UserID: "u", At: 4}},
	}
	assert.Equal(t, 0, notes.trim(5))
	assert.Equal(t, 3, notes.trim(2))
	assert.Equal(t, actorNotes{"a": {{UserID: "u", At: 5}}, "c": {{UserID: "u", At: 4}}}, notes)
}
