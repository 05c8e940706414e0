package main

import (
	"net/http"
	"runtime"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/command"
	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/trail"
)

// diagnosticsRoute is for system admins (and the load run, `make load`): the
// plugin process's goroutines and Go heap on the node that answers, and the
// size, limits and evictions of everything it keeps across requests.
//
//	GET /plugins/oauth-manager/api/v1/diagnostics
const diagnosticsRoute = "/api/v1/diagnostics"

type heapFigures struct {
	// Bytes of live and not yet collected objects (runtime.MemStats.HeapAlloc).
	Alloc uint64 `json:"alloc_bytes"`
	// Bytes in spans in use, and obtained from the system for the heap.
	InUse uint64 `json:"in_use_bytes"`
	Sys   uint64 `json:"heap_sys_bytes"`
	// Everything the Go runtime obtained from the system (heap, stacks, ...).
	TotalSys   uint64 `json:"sys_bytes"`
	Objects    uint64 `json:"objects"`
	TotalAlloc uint64 `json:"total_alloc_bytes"`
	NumGC      uint32 `json:"num_gc"`
}

// trailFigures describe the change trail's snapshot, which lives in the KV
// store (in chunks) and is read into memory only by a run and by the secret
// ages (/oauth secrets): it holds every app, so its size is the app count's.
type trailFigures struct {
	Apps        int    `json:"apps"`
	Chunks      int    `json:"chunks"`
	ChunkSize   int    `json:"chunk_size"`
	OutboxPosts int    `json:"outbox_posts"`
	Error       string `json:"error,omitempty"`
}

type diagnosticsAnswer struct {
	Goroutines int                  `json:"goroutines"`
	Heap       heapFigures          `json:"heap"`
	Caches     []command.CacheStats `json:"caches"`
	Trail      trailFigures         `json:"trail"`
}

func (p *Plugin) serveDiagnostics(w http.ResponseWriter, userID string) {
	if !p.requireAdmin(w, userID) {
		return
	}
	writeJSON(w, http.StatusOK, p.diagnostics())
}

func (p *Plugin) diagnostics() diagnosticsAnswer {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	out := diagnosticsAnswer{
		Goroutines: runtime.NumGoroutine(),
		Heap: heapFigures{
			Alloc: m.HeapAlloc, InUse: m.HeapInuse, Sys: m.HeapSys, TotalSys: m.Sys,
			Objects: m.HeapObjects, TotalAlloc: m.TotalAlloc, NumGC: m.NumGC,
		},
		Caches: []command.CacheStats{},
		Trail:  trailFigures{ChunkSize: trail.ChunkSize},
	}
	if p.command != nil {
		out.Caches = append(out.Caches, p.command.ListingCache())
	}
	g := p.gov
	if g == nil {
		return out
	}
	actors := command.CacheStats{
		Name: "trail_actors", LimitItems: actorsMaxNotes, Evictions: g.actorEvictions.Load(),
		Note: "who changed which app through the plugin, until the change trail reports it (one KV value); entries are apps, items are notes",
	}
	if notes, _, err := readActors(g.store.KV); err == nil {
		actors.Entries, actors.Items = len(notes), notes.size()
	}
	out.Caches = append(out.Caches, actors)
	head, _, err := g.store.Head()
	if err != nil {
		out.Trail.Error = err.Error()
		return out
	}
	out.Trail.Apps, out.Trail.Chunks, out.Trail.OutboxPosts = head.Apps, head.Chunks, len(head.Outbox)
	return out
}
