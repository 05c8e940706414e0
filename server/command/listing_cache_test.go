package command

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func namedApps(n int, prefix string) []summary {
	apps := make([]summary, n)
	for i := range apps {
		apps[i] = summary{OAuthApp: &model.OAuthApp{Id: fmt.Sprintf("%s%025d", prefix, i), Name: fmt.Sprintf("bench-app-%d", i)}}
	}
	return apps
}

// clockedListings is a cache whose clock moves one second per remember.
func clockedListings(maxUsers, maxNames int) (*Listings, *time.Time) {
	l := NewListings(time.Minute, maxUsers, maxNames)
	now := time.Unix(1000, 0)
	l.now = func() time.Time { return now }
	return l, &now
}

func TestListingsEvictTheOldestPastTheUserLimit(t *testing.T) {
	l, now := clockedListings(3, 1000)
	for _, user := range []string{"u1", "u2", "u3", "u4"} {
		l.remember(user, namedApps(2, "a"))
		*now = now.Add(time.Second)
	}
	_, ok := l.fresh("u1")
	assert.False(t, ok, "the oldest listing went")
	for _, user := range []string{"u2", "u3", "u4"} {
		_, ok := l.fresh(user)
		assert.True(t, ok, user)
	}
	s := l.Stats()
	assert.Equal(t, 3, s.Entries)
	assert.Equal(t, 6, s.Items)
	assert.Equal(t, int64(1), s.Evictions)
	assert.Equal(t, 3, s.LimitEntries)
	assert.Equal(t, 1000, s.LimitItems)
}

func TestListingsEvictPastTheNameLimit(t *testing.T) {
	l, now := clockedListings(100, 10)
	l.remember("u1", namedApps(4, "a"))
	*now = now.Add(time.Second)
	l.remember("u2", namedApps(4, "b"))
	*now = now.Add(time.Second)
	l.remember("u3", namedApps(4, "c")) // 12 > 10: u1 goes
	_, ok := l.fresh("u1")
	assert.False(t, ok)
	assert.Equal(t, 8, l.Stats().Items)
	assert.Equal(t, int64(1), l.Stats().Evictions)

	// A listing larger than the whole limit is not kept, and evicts nothing.
	l.remember("big", namedApps(11, "d"))
	_, ok = l.fresh("big")
	assert.False(t, ok)
	assert.Equal(t, 2, l.Stats().Entries)
	assert.Equal(t, int64(2), l.Stats().Evictions)

	// Replacing a user's listing counts its names once.
	l.remember("u2", namedApps(2, "b"))
	assert.Equal(t, 6, l.Stats().Items)
	l.forget("u2")
	l.forget("nobody")
	assert.Equal(t, 4, l.Stats().Items)
	assert.Equal(t, 1, l.Stats().Entries)
}

func TestListingsExpireOldEntriesWhenRemembering(t *testing.T) {
	l, now := clockedListings(100, 100)
	l.remember("u1", namedApps(3, "a"))
	*now = now.Add(2 * time.Minute)
	l.remember("u2", namedApps(1, "b"))
	s := l.Stats()
	assert.Equal(t, 1, s.Entries)
	assert.Equal(t, 1, s.Items)
	assert.Equal(t, int64(1), s.Expired)
	assert.Equal(t, int64(0), s.Evictions)
}

// heapAfterGC is the live heap once garbage is collected.
func heapAfterGC() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkListingCache100k reports what the listing cache holds at 100,000
// apps: the bytes of one user's listing of every app, and of the cache full
// to its name limit (ListingsMaxNames), measured as live heap after GC.
//
//	go test ./command -run '^$' -bench ListingCache100k -benchtime 1x
func BenchmarkListingCache100k(b *testing.B) {
	const apps = 100_000
	for i := 0; i < b.N; i++ {
		// The baseline is taken before the apps exist: what is measured is
		// what the cache keeps alive once a command's own answer is gone
		// (the id and name strings and the slices that hold them).
		before := heapAfterGC()
		l := NewListings(time.Minute, ListingsMaxUsers, ListingsMaxNames)
		l.remember("admin0", namedApps(apps, "a"))
		one := heapAfterGC()
		for u := 1; u < 5; u++ {
			l.remember(fmt.Sprintf("admin%d", u), namedApps(apps, string(rune('a'+u))))
		}
		full := heapAfterGC()
		s := l.Stats()
		require.LessOrEqual(b, s.Items, ListingsMaxNames)
		mib := func(after uint64) float64 { return (float64(after) - float64(before)) / (1 << 20) }
		b.ReportMetric(mib(one), "MiB/listing-of-100k")
		b.ReportMetric(mib(full), "MiB/cache-at-limit")
		b.ReportMetric(float64(s.Items), "names-kept")
		b.ReportMetric(float64(s.Evictions), "evictions")
		runtime.KeepAlive(l)
	}
}
