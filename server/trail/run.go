package trail

import (
	"reflect"
	"sort"
	"time"
)

// Reminder is a direct message due to an app's creator about its secret's age.
type Reminder struct {
	App   Entry
	Stage int // days before the maximum age; 0: the day it passes
	Age   Age
}

// Summary is the audit channel's daily secret-age summary.
type Summary struct {
	Day     string // YYYY-MM-DD, UTC
	Overdue []Entry
	DueSoon []Entry // within the first reminder stage
	MaxAge  int
}

// Findings is everything a run found, for rendering into posts.
type Findings struct {
	Baseline bool
	// Announce: the audit channel is new, so the trail says what it watches.
	Announce  bool
	Result    Result
	Reminders []Reminder
	Summary   *Summary
}

// Input is what one run needs besides the store.
type Input struct {
	Now        int64
	Current    []Current
	Actors     func(appID string) []Actor
	MaxAgeDays int
	// Channel is the audit channel ("" when off).
	Channel string
	// Render turns findings into the posts to deliver.
	Render func(Findings) []Post
}

// Run compares the database with the snapshot, queues the posts and commits
// both in one step. It does not deliver: Deliver does, after.
func (s Store) Run(in Input) (Findings, error) {
	head, raw, err := s.Head()
	if err != nil {
		return Findings{}, err
	}
	prev, err := s.Snapshot(head)
	if err != nil {
		return Findings{}, err
	}
	f := Findings{Baseline: head.Gen == 0, Announce: in.Channel != "" && in.Channel != head.Channel}
	f.Result = Compare(prev, in.Current, in.Now, f.Baseline, in.Actors)
	next := f.Result.Next
	if in.MaxAgeDays > 0 {
		for id, e := range next {
			if e.Orphaned {
				continue
			}
			if stage, due := DueReminder(e, in.MaxAgeDays, in.Now); due {
				age, _ := SecretAge(e, in.MaxAgeDays, in.Now)
				f.Reminders = append(f.Reminders, Reminder{App: e, Stage: stage, Age: age})
				MarkReminded(&e, stage)
				next[id] = e
			}
		}
		sort.Slice(f.Reminders, func(i, j int) bool { return lessEntry(f.Reminders[i].App, f.Reminders[j].App) })
		day := time.UnixMilli(in.Now).UTC().Format(time.DateOnly)
		if day != head.SummaryDay {
			f.Summary = summarize(next, in.MaxAgeDays, in.Now, day)
		}
	}
	h := head
	h.Taken, h.Channel = in.Now, in.Channel
	if h.Since == 0 {
		h.Since = in.Now
	}
	if f.Summary != nil {
		h.SummaryDay = f.Summary.Day
	}
	h.Outbox = append(append([]Post{}, head.Outbox...), in.Render(f)...)
	if !f.Baseline && reflect.DeepEqual(prev, next) {
		// Nothing changed: keep the snapshot's chunks, move the head only.
		ok, err := s.swapHead(raw, h)
		if err == nil && !ok {
			err = ErrRaced
		}
		if err != nil {
			return Findings{}, err
		}
		return f, nil
	}
	if err := s.Commit(raw, head, h, next); err != nil {
		return Findings{}, err
	}
	return f, nil
}

func summarize(entries map[string]Entry, maxAgeDays int, now int64, day string) *Summary {
	s := &Summary{Day: day, MaxAge: maxAgeDays}
	for _, e := range entries {
		age, ok := SecretAge(e, maxAgeDays, now)
		switch {
		case !ok:
		case age.Overdue:
			s.Overdue = append(s.Overdue, e)
		case age.DaysLeft <= ReminderStages[0]:
			s.DueSoon = append(s.DueSoon, e)
		}
	}
	sortEntries(s.Overdue)
	sortEntries(s.DueSoon)
	return s
}
