package billing

import (
	"fmt"
	"time"
)

// SuggestUrgency applies rule 3 to a task's notice: less than 24 hours
// between request and due date is rush, less than the client's notice period
// is urgent, anything else is normal. Without both instants there is no notice
// to judge, so the task is normal.
func SuggestUrgency(t Task, noticeDays int) Urgency {
	if t.Requested.IsZero() || t.Due.IsZero() {
		return Normal
	}
	notice := t.Due.Sub(t.Requested)
	switch {
	case notice < 24*time.Hour:
		return Rush
	case notice < time.Duration(noticeDays)*24*time.Hour:
		return Urgent
	}
	return Normal
}

// EffectiveUrgency is the level set by hand, or the suggested one when none is set.
func (t Task) EffectiveUrgency(noticeDays int) Urgency {
	if t.Urgency != "" {
		return t.Urgency
	}
	return SuggestUrgency(t, noticeDays)
}

// urgencyOf resolves the level an entry bills at: its own, else its task's.
func urgencyOf(e Entry, task Urgency) Urgency {
	if e.Urgency != "" {
		return e.Urgency
	}
	return task
}

// checkUrgency refuses a level that did not come through ParseUrgency.
// what names the owner; it is only called on error, so the hot path does not
// format a string per entry.
func checkUrgency(u Urgency, what func() string) error {
	switch u {
	case "", Normal, Urgent, Rush:
		return nil
	}
	return fmt.Errorf("%s has urgency %q: use normal, urgent or rush", what(), u)
}
