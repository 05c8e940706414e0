package trail

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/readmodel"
)

// benchApps are n apps shaped like the load and benchmark seeds (e2e/bench/seed.ts):
// one callback each, a secret hash for four in five, a creator username.
func benchApps(n int) []Current {
	current := make([]Current, n)
	for i := range current {
		hash := ""
		if i%5 != 0 {
			hash = fmt.Sprintf("%064x", i)
		}
		current[i] = Current{App: readmodel.App{
			ID: fmt.Sprintf("%026d", i), Name: fmt.Sprintf("bench-app-%d", i),
			Description:  fmt.Sprintf("Integration number %d for team %d", i, i%37),
			Homepage:     fmt.Sprintf("https://svc%d.example.com", i%100),
			CallbackURLs: []string{fmt.Sprintf("https://svc%d.example.com/oauth/callback/%d", i%100, i)},
			CreatorID:    "creatorcreatorcreatorcrea1", CreatorUsername: "sysadmin",
			CreateAt: 1_700_000_000_000 + int64(i), UpdateAt: 1_700_000_000_000 + int64(i), IsPublic: i%5 == 0,
		}, SecretHash: hash}
	}
	return current
}

func liveHeap() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func snapshotOf(b *testing.B, n int) (Store, Head, *memKV) {
	b.Helper()
	kv := newKV()
	store := Store{KV: kv}
	_, err := store.Run(Input{Now: 1, Current: benchApps(n), Actors: func(string) []Actor { return nil }, Render: func(Findings) []Post { return nil }})
	require.NoError(b, err)
	head, _, err := store.Head()
	require.NoError(b, err)
	require.Equal(b, n, head.Apps)
	return store, head, kv
}

// BenchmarkSnapshot100k is the change trail's snapshot at 100,000 apps: what
// it takes in the plugin KV store (kv-MiB, in chunks of ChunkSize entries), and
// what reading it back costs (a run and /oauth secrets do): the live heap of
// the map it returns (MiB-live) and the allocations of one read (B/op).
//
//	go test ./trail -run '^$' -bench Snapshot100k -benchmem -benchtime 3x
func BenchmarkSnapshot100k(b *testing.B) {
	const n = 100_000
	store, head, kv := snapshotOf(b, n)
	stored := 0
	for key, value := range kv.data {
		if key != headKey {
			stored += len(value)
		}
	}
	before := liveHeap()
	snap, err := store.Snapshot(head)
	require.NoError(b, err)
	live := liveHeap()
	require.Len(b, snap, n)
	runtime.KeepAlive(snap)
	snap = nil
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		snap, err = store.Snapshot(head)
		require.NoError(b, err)
	}
	runtime.KeepAlive(snap)
	// After the loop: ResetTimer deletes metrics reported before it.
	b.ReportMetric(float64(stored)/(1<<20), "kv-MiB")
	b.ReportMetric(float64(head.Chunks), "chunks")
	b.ReportMetric((float64(live)-float64(before))/(1<<20), "MiB-live")
}

// BenchmarkRun100k is one run of the change trail at 100,000 apps when nothing
// changed: read the snapshot, compare, write the next generation (B/op is
// everything it allocates; the peak is about the snapshot twice, previous and next).
//
//	go test ./trail -run '^$' -bench Run100k -benchmem -benchtime 3x
func BenchmarkRun100k(b *testing.B) {
	const n = 100_000
	store, _, _ := snapshotOf(b, n)
	current := benchApps(n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f, err := store.Run(Input{Now: int64(2 + i), Current: current, Actors: func(string) []Actor { return nil }, Render: func(Findings) []Post { return nil }})
		require.NoError(b, err)
		require.Empty(b, f.Result.Events)
	}
}
