package trail

// DayMs is one day in milliseconds, as Mattermost stores times.
const DayMs = 24 * 60 * 60 * 1000

// ReminderStages are the days before the maximum age when a creator is
// reminded; 0 is the day it passes.
var ReminderStages = []int{7, 3, 1, 0}

// Age is how old an app's secret is.
type Age struct {
	Since int64 // issued at; when !Exact, at least this old
	Exact bool
	// DueAt is when the secret reaches the maximum age (0: no maximum set).
	DueAt   int64
	Overdue bool
	// DaysLeft counts whole days, rounded up, until DueAt; 0 once it passed.
	DaysLeft int
}

// SecretAge is the age of an app's secret; ok is false for a public client.
func SecretAge(e Entry, maxAgeDays int, now int64) (Age, bool) {
	if e.SecretHash == "" {
		return Age{}, false
	}
	a := Age{Since: e.SecretSince, Exact: e.SecretExact}
	if maxAgeDays > 0 {
		a.DueAt = e.SecretSince + int64(maxAgeDays)*DayMs
		remaining := a.DueAt - now
		a.Overdue = remaining <= 0
		if !a.Overdue {
			a.DaysLeft = int((remaining + DayMs - 1) / DayMs)
		}
	}
	return a, true
}

// DueReminder is the reminder stage to send now for an app, if any: the
// nearest stage the secret has reached and not yet been reminded of. A secret
// first seen past several stages gets only the nearest one.
func DueReminder(e Entry, maxAgeDays int, now int64) (stage int, due bool) {
	age, ok := SecretAge(e, maxAgeDays, now)
	if !ok || age.DueAt == 0 || e.CreatorID == "" {
		return 0, false
	}
	stage = -1
	for _, s := range ReminderStages {
		if age.DaysLeft <= s {
			stage = s
		}
	}
	if stage < 0 {
		return 0, false
	}
	for _, sent := range e.Reminded {
		if sent <= stage {
			return 0, false
		}
	}
	return stage, true
}

// MarkReminded records that stage was sent, and with it every earlier stage.
func MarkReminded(e *Entry, stage int) {
	var kept []int
	for _, s := range ReminderStages {
		if s >= stage {
			kept = append(kept, s)
		}
	}
	e.Reminded = kept
}
