package trail

import (
	"bytes"
	"errors"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/readmodel"
)

// memKV is an in-memory KV store with the plugin API's compare-and-set rule.
type memKV struct {
	mu   sync.Mutex
	data map[string][]byte
	// failSet makes Set fail for keys with this prefix.
	failSet string
}

func newKV() *memKV { return &memKV{data: map[string][]byte{}} }

func (k *memKV) Get(key string) ([]byte, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.data[key], nil
}

func (k *memKV) Set(key string, value []byte) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.failSet != "" && len(key) >= len(k.failSet) && key[:len(k.failSet)] == k.failSet {
		return errors.New("database down")
	}
	k.data[key] = value
	return nil
}

func (k *memKV) CompareAndSet(key string, old, value []byte) (bool, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	cur, exists := k.data[key]
	if (old == nil && exists) || (old != nil && !bytes.Equal(cur, old)) {
		return false, nil
	}
	k.data[key] = value
	return true, nil
}

func (k *memKV) Delete(key string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	delete(k.data, key)
	return nil
}

const day = int64(DayMs)

func app(id, name string, secret string, createAt, updateAt int64) Current {
	return Current{App: readmodel.App{ID: id, Name: name, CreatorID: "u1", CreatorUsername: "ann", CreateAt: createAt, UpdateAt: updateAt, CallbackURLs: []string{"https://a.example/cb"}, IsPublic: secret == ""}, SecretHash: secret}
}

func noActors(string) []Actor { return nil }

func TestCompareFindsEachKindOfChange(t *testing.T) {
	base := []Current{app("a", "Alpha", "h1", 10, 10), app("b", "Beta", "h2", 10, 10), app("c", "Gamma", "", 10, 10)}
	first := Compare(nil, base, 100, true, noActors)
	assert.Empty(t, first.Events, "the baseline reports nothing")
	assert.Len(t, first.Next, 3)

	changed := app("a", "Alpha 2", "h1b", 10, 200)
	changed.App.CallbackURLs = []string{"https://a.example/cb", "https://a.example/cb2"}
	dcr := app("d", "Dyn", "h4", 150, 150)
	dcr.App.IsDynamicallyRegistered = true
	created := app("e", "Eps", "h5", 160, 160)
	now := []Current{changed, base[2], dcr, created}
	actors := func(id string) []Actor {
		if id == "e" {
			return []Actor{{UserID: "u9", Action: "create", At: 160}}
		}
		return nil
	}
	r := Compare(first.Next, now, 300, false, actors)
	require.Len(t, r.Events, 3)
	assert.Equal(t, Created, r.Events[0].Kind)
	assert.Equal(t, "e", r.Events[0].App.ID)
	assert.Equal(t, "u9", r.Events[0].Actor.UserID, "a change made through the plugin names its actor")
	assert.Equal(t, Changed, r.Events[1].Kind)
	assert.Equal(t, []string{FieldName, FieldCallbackURLs, FieldSecret}, r.Events[1].Fields())
	assert.Nil(t, r.Events[1].Actor, "made outside the plugin")
	assert.Nil(t, r.Events[1].Changes[2].From, "a secret change carries no value")
	assert.Equal(t, Deleted, r.Events[2].Kind)
	assert.Equal(t, "b", r.Events[2].App.ID)
	require.Len(t, r.Registered, 1, "DCR clients are batched apart")
	assert.Equal(t, "d", r.Registered[0].ID)
	// The regenerated secret's age starts at the update that changed it.
	assert.Equal(t, int64(200), r.Next["a"].SecretSince)
	assert.True(t, r.Next["a"].SecretExact)
	assert.Equal(t, int64(100), r.Next["a"].FirstSeen)
}

func TestSecretAgeOfAppsOlderThanTheTrail(t *testing.T) {
	r := Compare(nil, []Current{app("a", "Never updated", "h", 10, 10), app("b", "Updated", "h", 10, 50)}, 100, true, noActors)
	assert.True(t, r.Next["a"].SecretExact, "never updated: still the first secret")
	assert.Equal(t, int64(10), r.Next["a"].SecretSince)
	assert.False(t, r.Next["b"].SecretExact, "updated since: at least as old as the update")
	assert.Equal(t, int64(50), r.Next["b"].SecretSince)
	_, ok := SecretAge(Entry{}, 30, 100)
	assert.False(t, ok, "a public client has no secret age")
}

func TestOwnerLeftIsReportedOnce(t *testing.T) {
	first := Compare(nil, []Current{app("a", "A", "h", 1, 1)}, 10, true, noActors)
	gone := app("a", "A", "h", 1, 1)
	gone.App.States.Orphaned = true
	r := Compare(first.Next, []Current{gone}, 20, false, noActors)
	require.Len(t, r.OwnersLeft, 1)
	assert.Equal(t, "u1", r.OwnersLeft[0].UserID)
	assert.Equal(t, "ann", r.OwnersLeft[0].Username)
	again := Compare(r.Next, []Current{gone}, 30, false, noActors)
	assert.Empty(t, again.OwnersLeft)
}

// The reminder schedule with an injected clock: 7, 3, 1 days before and on
// the day, each once; a secret first seen late gets only the nearest stage.
func TestRemindersFollowTheClock(t *testing.T) {
	e := Entry{ID: "a", CreatorID: "u1", SecretHash: "h", SecretSince: 0, SecretExact: true}
	const maxAge = 30
	var sent []int
	for now := int64(0); now <= 40*day; now += day / 4 {
		if stage, due := DueReminder(e, maxAge, now); due {
			sent = append(sent, stage)
			MarkReminded(&e, stage)
		}
	}
	assert.Equal(t, []int{7, 3, 1, 0}, sent)

	late := Entry{ID: "b", CreatorID: "u1", SecretHash: "h", SecretSince: 0}
	stage, due := DueReminder(late, maxAge, 35*day)
	assert.True(t, due)
	assert.Equal(t, 0, stage)
	MarkReminded(&late, stage)
	_, due = DueReminder(late, maxAge, 36*day)
	assert.False(t, due)

	_, due = DueReminder(e, 0, 40*day)
	assert.False(t, due, "no maximum age: no reminder")
	age, _ := SecretAge(Entry{SecretHash: "h", SecretSince: 0}, maxAge, 23*day+1)
	assert.Equal(t, 7, age.DaysLeft)
	assert.False(t, age.Overdue)
}

func render(f Findings) []Post {
	var out []Post
	for _, e := range f.Result.Events {
		out = append(out, Post{ID: e.App.ID + string(e.Kind), Message: string(e.Kind)})
	}
	for _, r := range f.Reminders {
		out = append(out, Post{ID: "r" + r.App.ID, UserID: r.App.CreatorID})
	}
	return out
}

func TestRunCommitsSnapshotAndOutboxTogether(t *testing.T) {
	kv := newKV()
	s := Store{KV: kv}
	apps := []Current{app("a", "A", "h", 1, 1)}
	f, err := s.Run(Input{Now: 10, Current: apps, Actors: noActors, Render: render})
	require.NoError(t, err)
	assert.True(t, f.Baseline)

	// Many apps span several chunks.
	var many []Current
	for i := 0; i < 2500; i++ {
		many = append(many, app(string(rune('a'+i%26))+string(rune('A'+i/26%26))+string(rune('0'+i/676)), "n", "h", 1, 1))
	}
	f, err = s.Run(Input{Now: 20, Current: many, Actors: noActors, Render: render})
	require.NoError(t, err)
	h, _, _ := s.Head()
	assert.Equal(t, 3, h.Chunks)
	assert.Equal(t, 2500, h.Apps)
	assert.Len(t, h.Outbox, len(f.Result.Events))
	snap, err := s.Snapshot(h)
	require.NoError(t, err)
	assert.Len(t, snap, 2500)
	// The old generation's chunks are gone.
	for key := range kv.data {
		assert.NotContains(t, key, "trail-snap-1-")
	}

	var delivered []string
	n, err := s.Deliver(func(p Post) error { delivered = append(delivered, p.ID); return nil })
	require.NoError(t, err)
	assert.Equal(t, len(f.Result.Events), n)
	h, _, _ = s.Head()
	assert.Empty(t, h.Outbox)
}

func TestAFailedRunChangesNothing(t *testing.T) {
	kv := newKV()
	s := Store{KV: kv}
	_, err := s.Run(Input{Now: 10, Current: []Current{app("a", "A", "h", 1, 1)}, Actors: noActors, Render: render})
	require.NoError(t, err)
	before, _, _ := s.Head()
	kv.failSet = "trail-snap-"
	_, err = s.Run(Input{Now: 20, Current: []Current{app("a", "B", "h", 1, 2)}, Actors: noActors, Render: render})
	require.Error(t, err)
	after, _, _ := s.Head()
	assert.Equal(t, before, after)
	kv.failSet = ""
	f, err := s.Run(Input{Now: 30, Current: []Current{app("a", "B", "h", 1, 2)}, Actors: noActors, Render: render})
	require.NoError(t, err)
	require.Len(t, f.Result.Events, 1, "the next run reports the change the failed one missed")
}

func TestARaceLosesWithoutWriting(t *testing.T) {
	kv := newKV()
	s := Store{KV: kv}
	_, err := s.Run(Input{Now: 10, Current: []Current{app("a", "A", "h", 1, 1)}, Actors: noActors, Render: render})
	require.NoError(t, err)
	h, raw, _ := s.Head()
	// Another node commits first.
	_, err = s.Run(Input{Now: 20, Current: []Current{app("a", "B", "h", 1, 2)}, Actors: noActors, Render: render})
	require.NoError(t, err)
	err = s.Commit(raw, h, h, map[string]Entry{"a": {ID: "a"}})
	assert.ErrorIs(t, err, ErrRaced)
	now, _, _ := s.Head()
	assert.Len(t, now.Outbox, 1, "only the winner's post is queued")
	for key := range kv.data {
		assert.NotContains(t, key, "trail-snap-2-", "the loser's chunks are removed")
	}
}

func TestDeliverStopsAtAFailureAndResumes(t *testing.T) {
	s := Store{KV: newKV()}
	require.NoError(t, s.Enqueue([]Post{{ID: "1"}, {ID: "2"}, {ID: "3"}}))
	var got []string
	n, err := s.Deliver(func(p Post) error {
		if p.ID == "2" && len(got) == 1 {
			return errors.New("down")
		}
		got = append(got, p.ID)
		return nil
	})
	assert.Error(t, err)
	assert.Equal(t, 1, n)
	_, err = s.Deliver(func(p Post) error { got = append(got, p.ID); return nil })
	require.NoError(t, err)
	assert.Equal(t, []string{"1", "2", "3"}, got, "in order, each once")
	h, _, _ := s.Head()
	assert.Zero(t, h.Gen, "an outbox alone is not a snapshot")
}

func TestPruneCandidatesAndUsedSince(t *testing.T) {
	yes, no := true, false
	mk := func(id string, dcr bool, createAt int64, never, stale bool, last int64) readmodel.App {
		n, s := no, no
		if never {
			n = yes
		}
		if stale {
			s = yes
		}
		return readmodel.App{ID: id, Name: id, IsDynamicallyRegistered: dcr, CreateAt: createAt, Usage: &readmodel.Usage{LastUsed: last}, States: readmodel.States{NeverUsed: &n, Stale: &s}}
	}
	now := 100 * day
	apps := []readmodel.App{mk("old-never", true, 0, true, false, 0), mk("old-stale", true, 0, false, true, day), mk("old-used", true, 0, false, false, 99*day), mk("new-never", true, 99*day, true, false, 0), mk("not-dcr", false, 0, true, false, 0)}
	c := Candidates(apps, 30, now)
	require.Len(t, c, 2)
	assert.Equal(t, "old-never", c[0].ID)
	assert.Equal(t, readmodel.UsageStale, c[1].State)
	assert.False(t, UsedSince(c[0], apps[0]))
	used := mk("old-never", true, 0, false, false, now)
	assert.True(t, UsedSince(c[0], used))
}

func TestTheTrailAnnouncesItselfInEachNewChannel(t *testing.T) {
	s := Store{KV: newKV()}
	run := func(now int64, channel string) bool {
		f, err := s.Run(Input{Now: now, Current: []Current{app("a", "A", "h", 1, 1)}, Actors: noActors, Render: render, Channel: channel})
		require.NoError(t, err)
		return f.Announce
	}
	assert.False(t, run(1, ""), "no audit channel: nothing to announce")
	assert.True(t, run(2, "c1"))
	assert.False(t, run(3, "c1"))
	assert.True(t, run(4, "c2"))
}

func TestAQuietRunRewritesNoChunk(t *testing.T) {
	kv := newKV()
	s := Store{KV: kv}
	apps := []Current{app("a", "A", "h", 1, 1)}
	_, err := s.Run(Input{Now: 1, Current: apps, Actors: noActors, Render: render})
	require.NoError(t, err)
	before, _, _ := s.Head()
	_, err = s.Run(Input{Now: 2, Current: apps, Actors: noActors, Render: render})
	require.NoError(t, err)
	after, _, _ := s.Head()
	assert.Equal(t, before.Gen, after.Gen)
	assert.Equal(t, int64(2), after.Taken)
	snap, err := s.Snapshot(after)
	require.NoError(t, err)
	assert.Len(t, snap, 1)
}

func TestAPrunedClientIsNotReportedAgainAsDeleted(t *testing.T) {
	first := Compare(nil, []Current{app("a", "A", "h", 1, 1), app("b", "B", "h", 1, 1)}, 10, true, noActors)
	r := Compare(first.Next, nil, 20, false, func(id string) []Actor {
		if id == "a" {
			return []Actor{{UserID: "bot", Action: ActionPrune, At: 15}}
		}
		return nil
	})
	require.Len(t, r.Events, 1)
	assert.Equal(t, "b", r.Events[0].App.ID)
}
