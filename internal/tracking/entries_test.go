package tracking_test

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/store"
	"github.com/horasapp/horas/internal/tracking"
)

// timerEnv has one client with two tasks; clock times are on 2026-11-03 in Madrid.
type timerEnv struct {
	*env
	inbox, calls tracking.Task
}

func newTimerEnv(t *testing.T) *timerEnv {
	e := &timerEnv{env: newEnv(t, "Europe/Madrid")}
	e.client("Acme", "EUR", "40")
	e.inbox = e.task("Acme", "Inbox")
	e.calls = e.task("Acme", "Calls")
	return e
}

// at is a local clock time on the test day; "24:30" is the next day.
func (e *env) at(hhmm string) time.Time {
	e.t.Helper()
	var h, m int
	if _, err := fmt.Sscanf(hhmm, "%d:%d", &h, &m); err != nil {
		e.t.Fatal(err)
	}
	return time.Date(2026, 11, 3, h, m, 0, 0, e.s.Zone)
}

type rawEntry struct {
	task  int64
	start int64
	end   sql.NullInt64
}

// persisted reads the entries through a second, independent opening of the
// file: what it sees is on disk, not in a cache of the service.
func (e *env) persisted() []rawEntry {
	e.t.Helper()
	db, err := store.Open(ctx, e.path, store.Options{})
	if err != nil {
		e.t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Reader().QueryContext(ctx, "SELECT task_id, start_at, end_at FROM entries ORDER BY start_at")
	if err != nil {
		e.t.Fatal(err)
	}
	defer rows.Close()
	var out []rawEntry
	for rows.Next() {
		var r rawEntry
		if err := rows.Scan(&r.task, &r.start, &r.end); err != nil {
			e.t.Fatal(err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		e.t.Fatal(err)
	}
	return out
}

func TestStartWritesTheRunningEntryAtOnce(t *testing.T) {
	e := newTimerEnv(t)
	start := e.at("09:00").Add(400 * time.Millisecond) // stored as whole seconds
	got, stopped, err := e.s.Start(ctx, e.inbox.ID, start)
	if err != nil {
		t.Fatal(err)
	}
	if stopped != nil {
		t.Fatalf("stopped %+v with no timer running", stopped)
	}
	if !got.Running() || !got.Start.Equal(e.at("09:00")) || got.TaskID != e.inbox.ID || got.Client != "Acme" || got.Task != "Inbox" {
		t.Fatalf("started %+v", got)
	}
	rows := e.persisted()
	if len(rows) != 1 || rows[0].task != e.inbox.ID || rows[0].start != e.at("09:00").Unix() || rows[0].end.Valid {
		t.Fatalf("on disk %+v, want one open entry of task %d from %d", rows, e.inbox.ID, e.at("09:00").Unix())
	}
	run, err := e.s.Running(ctx)
	if err != nil || run == nil || run.ID != got.ID {
		t.Fatalf("Running() = %+v, %v", run, err)
	}
}

func TestSwitchingTasksStopsAtTheSameInstant(t *testing.T) {
	e := newTimerEnv(t)
	first, _, err := e.s.Start(ctx, e.inbox.ID, e.at("09:00"))
	if err != nil {
		t.Fatal(err)
	}
	switchAt := e.at("10:17").Add(2 * time.Second)
	second, stopped, err := e.s.Start(ctx, e.calls.ID, switchAt)
	if err != nil {
		t.Fatal(err)
	}
	if stopped == nil || stopped.ID != first.ID || !stopped.End.Equal(switchAt) {
		t.Fatalf("stopped %+v, want entry #%d ending %s", stopped, first.ID, switchAt)
	}
	if !second.Start.Equal(switchAt) || !second.Running() || second.TaskID != e.calls.ID {
		t.Fatalf("started %+v, want a timer on Calls from %s", second, switchAt)
	}
	rows := e.persisted()
	if len(rows) != 2 || rows[0].end.Int64 != rows[1].start || rows[1].start != switchAt.Unix() || rows[1].end.Valid {
		t.Fatalf("on disk %+v: the first entry must end exactly where the second starts (%d)", rows, switchAt.Unix())
	}
	if got, _ := e.s.Entry(ctx, first.ID); got.Duration(e.now) != 77*time.Minute+2*time.Second {
		t.Fatalf("first entry lasts %v", got.Duration(e.now))
	}
}

func TestStartSameTaskAgainChangesNothing(t *testing.T) {
	e := newTimerEnv(t)
	first, _, err := e.s.Start(ctx, e.inbox.ID, e.at("09:00"))
	if err != nil {
		t.Fatal(err)
	}
	before := e.dump("entries")
	again, stopped, err := e.s.Start(ctx, e.inbox.ID, e.at("09:30"))
	if err != nil {
		t.Fatal(err)
	}
	if stopped != nil || again.ID != first.ID || !again.Start.Equal(first.Start) {
		t.Fatalf("second click gave %+v (stopped %+v), want the running #%d unchanged", again, stopped, first.ID)
	}
	if e.dump("entries") != before {
		t.Fatal("second click changed the DB")
	}
}

func TestTimerRefusals(t *testing.T) {
	runInbox := func(e *timerEnv) {
		if _, _, err := e.s.Start(ctx, e.inbox.ID, e.at("09:00")); err != nil {
			e.t.Fatal(err)
		}
	}
	finished := func(from, to string) func(e *timerEnv) {
		return func(e *timerEnv) { e.entry(e.calls.ID, e.at(from), e.at(to)) }
	}
	stop := func(at string) func(e *timerEnv) error {
		return func(e *timerEnv) error { _, err := e.s.Stop(ctx, e.at(at)); return err }
	}
	start := func(task func(*timerEnv) int64, at string) func(e *timerEnv) error {
		return func(e *timerEnv) error { _, _, err := e.s.Start(ctx, task(e), e.at(at)); return err }
	}
	inbox := func(e *timerEnv) int64 { return e.inbox.ID }
	calls := func(e *timerEnv) int64 { return e.calls.ID }
	tests := []struct {
		name    string
		setup   func(e *timerEnv)
		do      func(e *timerEnv) error
		noTimer bool
	}{
		{"StopWithoutTimer", func(*timerEnv) {}, stop("10:00"), true},
		{"StopAfterStopped", func(e *timerEnv) {
			runInbox(e)
			if _, err := e.s.Stop(ctx, e.at("10:00")); err != nil {
				e.t.Fatal(err)
			}
		}, stop("11:00"), true},
		{"StopAtItsStart", runInbox, stop("09:00"), false},
		{"StopBeforeItsStart", runInbox, stop("08:59"), false},
		{"SwitchAtItsStart", runInbox, start(calls, "09:00"), false},
		{"SwitchBeforeItsStart", runInbox, start(calls, "08:00"), false},
		{"StartUnknownTask", func(*timerEnv) {}, start(func(*timerEnv) int64 { return 99 }, "09:00"), false},
		{"StartInsideAFinishedEntry", finished("07:00", "08:00"), start(inbox, "07:30"), false},
		{"StartAtTheStartOfAFinishedEntry", finished("07:00", "08:00"), start(inbox, "07:00"), false},
		// An open timer runs on indefinitely, so it may not start before
		// work already recorded.
		{"StartBeforeALaterEntry", finished("11:00", "12:00"), start(inbox, "10:00"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTimerEnv(t)
			tt.setup(e)
			before := e.dump("entries")
			err := tt.do(e)
			wantInputErr(t, err)
			if errors.Is(err, tracking.ErrNoTimer) != tt.noTimer {
				t.Fatalf("errors.Is(%v, ErrNoTimer) = %v", err, !tt.noTimer)
			}
			if after := e.dump("entries"); after != before {
				t.Fatalf("refused timer change wrote to the DB:\nbefore %s\nafter %s", before, after)
			}
		})
	}
}

func TestStartAdjacentToAFinishedEntry(t *testing.T) {
	e := newTimerEnv(t)
	done := e.entry(e.calls.ID, e.at("08:00"), e.at("09:00"))
	if _, _, err := e.s.Start(ctx, e.inbox.ID, e.at("09:00")); err != nil {
		t.Fatalf("start where #%d ends: %v", done.ID, err)
	}
	stopped, err := e.s.Stop(ctx, e.at("09:45"))
	if err != nil {
		t.Fatal(err)
	}
	if !stopped.End.Equal(e.at("09:45")) || stopped.Duration(e.now) != 45*time.Minute {
		t.Fatalf("stopped %+v", stopped)
	}
	if run, err := e.s.Running(ctx); err != nil || run != nil {
		t.Fatalf("Running() after stop = %+v, %v", run, err)
	}
}

// A crash, kill or restart loses nothing: the timer is a row whose start was
// written when it began, and its length is always now minus that start.
func TestTimerSurvivesReopen(t *testing.T) {
	e := newTimerEnv(t)
	started, _, err := e.s.Start(ctx, e.inbox.ID, e.at("09:00"))
	if err != nil {
		t.Fatal(err)
	}
	e.reopen()
	tests := []struct {
		name string
		now  time.Time
		want time.Duration
	}{
		{"RightAway", e.at("09:00"), 0},
		{"AfterTwoHours", e.at("11:13").Add(7 * time.Second), 2*time.Hour + 13*time.Minute + 7*time.Second},
		{"NextDay", e.at("09:00").AddDate(0, 0, 1), 24 * time.Hour},
		{"ClockBehindStart", e.at("08:00"), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			run, err := e.s.Running(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if run == nil || run.ID != started.ID || !run.Start.Equal(started.Start) || run.TaskID != e.inbox.ID {
				t.Fatalf("Running() = %+v, want #%d from %s", run, started.ID, started.Start)
			}
			if got := run.Duration(tt.now); got != tt.want {
				t.Fatalf("Duration(%s) = %v, want %v", tt.now, got, tt.want)
			}
		})
	}
	t.Run("StopsAfterReopen", func(t *testing.T) {
		stopped, err := e.s.Stop(ctx, e.at("10:30"))
		if err != nil {
			t.Fatal(err)
		}
		if stopped.ID != started.ID || stopped.Duration(time.Time{}) != 90*time.Minute {
			t.Fatalf("stopped %+v", stopped)
		}
	})
}

func TestAddEntry(t *testing.T) {
	e := newTimerEnv(t)
	added, err := e.s.AddEntry(ctx, tracking.Entry{
		TaskID: e.inbox.ID, Start: e.at("09:00").Add(900 * time.Millisecond), End: e.at("10:30"),
		Urgency: billing.Rush, NonBillable: true, Note: "  call with bank  ",
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.s.Entry(ctx, added.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := tracking.Entry{
		ID: added.ID, TaskID: e.inbox.ID, ClientID: e.inbox.ClientID, Client: "Acme", Task: "Inbox",
		Start: e.at("09:00"), End: e.at("10:30"), Urgency: billing.Rush, NonBillable: true, Note: "call with bank",
	}
	if !sameEntry(got, want) || !sameEntry(added, want) {
		t.Fatalf("stored %+v\nreturned %+v\nwant %+v", got, added, want)
	}
	if got.Running() || got.Duration(time.Time{}) != 90*time.Minute {
		t.Fatalf("running %v, duration %v", got.Running(), got.Duration(time.Time{}))
	}
}

func TestEntryUrgencyAsTyped(t *testing.T) {
	e := newTimerEnv(t)
	added, err := e.s.AddEntry(ctx, tracking.Entry{TaskID: e.inbox.ID, Start: e.at("09:00"), End: e.at("10:00"), Urgency: " Rush"})
	if err != nil {
		t.Fatal(err)
	}
	added.Urgency = "URGENT"
	if err := e.s.EditEntry(ctx, added); err != nil {
		t.Fatal(err)
	}
	if got, err := e.s.Entry(ctx, added.ID); err != nil || got.Urgency != billing.Urgent {
		t.Fatalf("urgency %q, %v; want urgent", got.Urgency, err)
	}
}

func sameEntry(a, b tracking.Entry) bool {
	return a.ID == b.ID && a.TaskID == b.TaskID && a.ClientID == b.ClientID && a.Client == b.Client && a.Task == b.Task &&
		a.Start.Equal(b.Start) && a.End.Equal(b.End) && a.Urgency == b.Urgency && a.NonBillable == b.NonBillable && a.Note == b.Note
}

// Entries A [10:00, 12:00) and B [13:00, 14:00) exist; a new span either fits
// or is refused naming the entry it hits.
func TestAddEntryOverlap(t *testing.T) {
	tests := []struct {
		name     string
		from, to string
		conflict string // "A", "B" or "" when the span fits
	}{
		{"Inside", "10:30", "11:00", "A"},
		{"SameSpan", "10:00", "12:00", "A"},
		{"SameStart", "10:00", "10:30", "A"},
		{"SameEnd", "11:00", "12:00", "A"},
		{"Covering", "09:00", "12:30", "A"},
		{"StraddlingStart", "09:30", "10:30", "A"},
		{"StraddlingEnd", "11:30", "12:30", "A"},
		{"CoveringBoth", "09:00", "15:00", "B"},
		{"FromAIntoB", "11:00", "13:30", "B"},
		{"StraddlingStartOfB", "12:30", "13:01", "B"},
		{"AdjacentBeforeA", "09:00", "10:00", ""},
		{"AdjacentAfterA", "12:00", "12:30", ""},
		{"FillsTheGap", "12:00", "13:00", ""},
		{"AdjacentAfterB", "14:00", "15:00", ""},
		{"WellBefore", "06:00", "07:00", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTimerEnv(t)
			ids := map[string]int64{
				"A": e.entry(e.inbox.ID, e.at("10:00"), e.at("12:00")).ID,
				"B": e.entry(e.inbox.ID, e.at("13:00"), e.at("14:00")).ID,
			}
			before := e.dump("entries")
			got, err := e.s.AddEntry(ctx, tracking.Entry{TaskID: e.calls.ID, Start: e.at(tt.from), End: e.at(tt.to)})
			if tt.conflict == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if got.ID == 0 || e.count("entries") != 3 {
					t.Fatalf("added %+v, %d entries", got, e.count("entries"))
				}
				return
			}
			wantInputErr(t, err)
			if !errors.Is(err, tracking.ErrOverlap) {
				t.Fatalf("error %v, want ErrOverlap", err)
			}
			if name := fmt.Sprintf("entry #%d ", ids[tt.conflict]); !strings.Contains(err.Error(), name) {
				t.Fatalf("error %q does not name %q", err, name)
			}
			if after := e.dump("entries"); after != before {
				t.Fatalf("refused entry was written:\nbefore %s\nafter %s", before, after)
			}
		})
	}
}

// A running timer from 15:00 occupies everything from its start on.
func TestAddEntryOverlapsRunningTimer(t *testing.T) {
	tests := []struct {
		name     string
		from, to string
		fits     bool
	}{
		{"InsideTheTimer", "15:30", "15:45", false},
		{"StraddlingItsStart", "14:30", "15:30", false},
		{"AfterNow", "17:00", "18:00", false},
		{"AtItsStart", "15:00", "15:10", false},
		{"AdjacentBefore", "14:00", "15:00", true},
		{"Earlier", "08:00", "09:00", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTimerEnv(t)
			e.now = e.at("16:00")
			run, _, err := e.s.Start(ctx, e.inbox.ID, e.at("15:00"))
			if err != nil {
				t.Fatal(err)
			}
			before := e.dump("entries")
			_, err = e.s.AddEntry(ctx, tracking.Entry{TaskID: e.calls.ID, Start: e.at(tt.from), End: e.at(tt.to)})
			if tt.fits {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			wantInputErr(t, err)
			if !errors.Is(err, tracking.ErrOverlap) {
				t.Fatalf("error %v, want ErrOverlap", err)
			}
			if name := fmt.Sprintf("entry #%d ", run.ID); !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), "running") {
				t.Fatalf("error %q does not name the running %q", err, name)
			}
			if e.dump("entries") != before {
				t.Fatal("refused entry was written")
			}
		})
	}
}

func TestAddEntrySpanRefused(t *testing.T) {
	tests := []struct {
		name     string
		entry    func(e *timerEnv) tracking.Entry
		notFound bool
	}{
		{"EndBeforeStart", func(e *timerEnv) tracking.Entry {
			return tracking.Entry{TaskID: e.inbox.ID, Start: e.at("10:00"), End: e.at("09:00")}
		}, false},
		{"EndEqualsStart", func(e *timerEnv) tracking.Entry {
			return tracking.Entry{TaskID: e.inbox.ID, Start: e.at("10:00"), End: e.at("10:00")}
		}, false},
		{"EndWithinTheSameSecond", func(e *timerEnv) tracking.Entry {
			return tracking.Entry{TaskID: e.inbox.ID, Start: e.at("10:00"), End: e.at("10:00").Add(500 * time.Millisecond)}
		}, false},
		{"NoEnd", func(e *timerEnv) tracking.Entry {
			return tracking.Entry{TaskID: e.inbox.ID, Start: e.at("10:00")}
		}, false},
		{"NoStart", func(e *timerEnv) tracking.Entry {
			return tracking.Entry{TaskID: e.inbox.ID, End: e.at("10:00")}
		}, false},
		{"UnknownUrgency", func(e *timerEnv) tracking.Entry {
			return tracking.Entry{TaskID: e.inbox.ID, Start: e.at("09:00"), End: e.at("10:00"), Urgency: "asap"}
		}, false},
		{"UnknownTask", func(e *timerEnv) tracking.Entry {
			return tracking.Entry{TaskID: 99, Start: e.at("09:00"), End: e.at("10:00")}
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTimerEnv(t)
			_, err := e.s.AddEntry(ctx, tt.entry(e))
			wantInputErr(t, err)
			if errors.Is(err, tracking.ErrNotFound) != tt.notFound {
				t.Fatalf("errors.Is(%v, ErrNotFound) = %v", err, !tt.notFound)
			}
			if n := e.count("entries"); n != 0 {
				t.Fatalf("%d entries written", n)
			}
		})
	}
}

func TestEditEntry(t *testing.T) {
	tests := []struct {
		name     string
		edit     func(e *timerEnv, a tracking.Entry) tracking.Entry
		conflict bool // refused naming entry B
		refused  bool
		notFound bool
	}{
		{"WidenOwnSpan", func(e *timerEnv, a tracking.Entry) tracking.Entry {
			a.Start, a.End = e.at("09:30"), e.at("13:00")
			return a
		}, false, false, false},
		{"ShrinkOwnSpan", func(e *timerEnv, a tracking.Entry) tracking.Entry {
			a.Start, a.End = e.at("10:30"), e.at("11:00")
			return a
		}, false, false, false},
		{"OtherTaskUrgencyNote", func(e *timerEnv, a tracking.Entry) tracking.Entry {
			a.TaskID, a.Urgency, a.NonBillable, a.Note = e.calls.ID, billing.Urgent, true, "moved"
			return a
		}, false, false, false},
		{"IntoB", func(e *timerEnv, a tracking.Entry) tracking.Entry {
			a.End = e.at("13:30")
			return a
		}, true, false, false},
		{"OntoB", func(e *timerEnv, a tracking.Entry) tracking.Entry {
			a.Start, a.End = e.at("13:15"), e.at("13:45")
			return a
		}, true, false, false},
		{"EndBeforeStart", func(e *timerEnv, a tracking.Entry) tracking.Entry {
			a.End = e.at("09:00")
			return a
		}, false, true, false},
		{"EndEqualsStart", func(e *timerEnv, a tracking.Entry) tracking.Entry {
			a.End = a.Start
			return a
		}, false, true, false},
		{"RemoveEnd", func(e *timerEnv, a tracking.Entry) tracking.Entry {
			a.End = time.Time{}
			return a
		}, false, true, false},
		{"UnknownTask", func(e *timerEnv, a tracking.Entry) tracking.Entry {
			a.TaskID = 99
			return a
		}, false, true, true},
		{"UnknownEntry", func(e *timerEnv, a tracking.Entry) tracking.Entry {
			a.ID = 99
			return a
		}, false, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTimerEnv(t)
			a := e.entry(e.inbox.ID, e.at("10:00"), e.at("12:00"))
			b := e.entry(e.inbox.ID, e.at("13:00"), e.at("14:00"))
			before := e.dump("entries")
			edited := tt.edit(e, a)
			err := e.s.EditEntry(ctx, edited)
			if !tt.conflict && !tt.refused {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				got, err := e.s.Entry(ctx, a.ID)
				if err != nil {
					t.Fatal(err)
				}
				edited.Client, edited.Task, edited.ClientID = got.Client, got.Task, got.ClientID
				if !sameEntry(got, edited) {
					t.Fatalf("stored %+v, want %+v", got, edited)
				}
				if edited.TaskID == e.calls.ID && got.Task != "Calls" {
					t.Fatalf("task name %q after moving to Calls", got.Task)
				}
				return
			}
			wantInputErr(t, err)
			if tt.conflict {
				if !errors.Is(err, tracking.ErrOverlap) || !strings.Contains(err.Error(), fmt.Sprintf("entry #%d ", b.ID)) {
					t.Fatalf("error %q, want an overlap naming entry #%d", err, b.ID)
				}
			}
			if errors.Is(err, tracking.ErrNotFound) != tt.notFound {
				t.Fatalf("errors.Is(%v, ErrNotFound) = %v", err, !tt.notFound)
			}
			if after := e.dump("entries"); after != before {
				t.Fatalf("refused edit changed the DB:\nbefore %s\nafter %s", before, after)
			}
		})
	}
}

// The running timer can be edited (a forgotten start), but not into earlier
// work nor into the future; it stays running.
func TestEditRunningTimer(t *testing.T) {
	tests := []struct {
		name  string
		start string
		ok    bool
	}{
		{"EarlierStart", "11:00", true},
		{"StartWherePreviousEnds", "10:00", true},
		{"IntoPreviousEntry", "09:30", false},
		{"InTheFuture", "12:30", false},
		{"NoStart", "", false},
		{"UnknownUrgency", "asap", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTimerEnv(t)
			e.now = e.at("12:00")
			prev := e.entry(e.calls.ID, e.at("09:00"), e.at("10:00"))
			run, _, err := e.s.Start(ctx, e.inbox.ID, e.at("11:30"))
			if err != nil {
				t.Fatal(err)
			}
			before := e.dump("entries")
			switch tt.start {
			case "":
				run.Start = time.Time{}
			case "asap":
				run.Urgency = "asap"
			default:
				run.Start = e.at(tt.start)
			}
			err = e.s.EditEntry(ctx, run)
			if !tt.ok {
				wantInputErr(t, err)
				if e.dump("entries") != before {
					t.Fatal("refused edit changed the DB")
				}
				if errors.Is(err, tracking.ErrOverlap) && !strings.Contains(err.Error(), fmt.Sprintf("entry #%d ", prev.ID)) {
					t.Fatalf("error %q does not name entry #%d", err, prev.ID)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got, err := e.s.Running(ctx)
			if err != nil || got == nil || got.ID != run.ID || !got.Start.Equal(e.at(tt.start)) {
				t.Fatalf("Running() = %+v, %v; want #%d from %s", got, err, run.ID, tt.start)
			}
		})
	}
}

// With no earlier entry to collide with, a running timer edited without a
// start must still be refused rather than stored as starting in year 1.
func TestEditRunningTimerWithoutStart(t *testing.T) {
	e := newTimerEnv(t)
	run, _, err := e.s.Start(ctx, e.inbox.ID, e.at("11:30"))
	if err != nil {
		t.Fatal(err)
	}
	before := e.dump("entries")
	run.Start = time.Time{}
	wantInputErr(t, e.s.EditEntry(ctx, run))
	if e.dump("entries") != before {
		t.Fatal("refused edit changed the DB")
	}
}

func TestDeleteEntry(t *testing.T) {
	e := newTimerEnv(t)
	a := e.entry(e.inbox.ID, e.at("10:00"), e.at("12:00"))
	b := e.entry(e.inbox.ID, e.at("13:00"), e.at("14:00"))
	if err := e.s.DeleteEntry(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		err  func() error
	}{
		{"GetDeleted", func() error { _, err := e.s.Entry(ctx, a.ID); return err }},
		{"DeleteAgain", func() error { return e.s.DeleteEntry(ctx, a.ID) }},
		{"DeleteNeverExisted", func() error { return e.s.DeleteEntry(ctx, 99) }},
		{"EditDeleted", func() error { a.Note = "x"; return e.s.EditEntry(ctx, a) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.err()
			wantInputErr(t, err)
			if !errors.Is(err, tracking.ErrNotFound) {
				t.Fatalf("error %v, want ErrNotFound", err)
			}
		})
	}
	t.Run("OthersKept", func(t *testing.T) {
		es, err := e.s.Entries(ctx, tracking.Filter{})
		if err != nil || len(es) != 1 || es[0].ID != b.ID {
			t.Fatalf("entries %+v, %v; want only #%d", es, err, b.ID)
		}
	})
	t.Run("SpanFreeAgain", func(t *testing.T) {
		if _, err := e.s.AddEntry(ctx, tracking.Entry{TaskID: e.calls.ID, Start: e.at("10:00"), End: e.at("12:00")}); err != nil {
			t.Fatal(err)
		}
	})
}

func TestEntriesFilter(t *testing.T) {
	e := newTimerEnv(t)
	e.client("Globex", "USD", "50")
	ads := e.task("Globex", "Ads")
	a := e.entry(e.inbox.ID, e.at("09:00"), e.at("10:00"))
	g := e.entry(ads.ID, e.at("10:00"), e.at("11:00"))
	c := e.entry(e.calls.ID, e.at("11:00"), e.at("12:00"))
	tests := []struct {
		name   string
		filter tracking.Filter
		want   []int64
	}{
		{"All", tracking.Filter{}, []int64{a.ID, g.ID, c.ID}},
		{"Acme", tracking.Filter{ClientID: e.inbox.ClientID}, []int64{a.ID, c.ID}},
		{"Globex", tracking.Filter{ClientID: ads.ClientID}, []int64{g.ID}},
		{"FromIsInclusive", tracking.Filter{From: e.at("10:00")}, []int64{g.ID, c.ID}},
		{"ToIsExclusive", tracking.Filter{To: e.at("11:00")}, []int64{a.ID, g.ID}},
		{"ByStartNotOverlap", tracking.Filter{From: e.at("09:30"), To: e.at("10:30")}, []int64{g.ID}},
		{"AcmeWindow", tracking.Filter{ClientID: e.inbox.ClientID, From: e.at("09:30"), To: e.at("12:00")}, []int64{c.ID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es, err := e.s.Entries(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, en := range es {
				got = append(got, en.ID)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Fatalf("entries %v, want %v", got, tt.want)
			}
		})
	}
}

// An entry billed by an issued invoice is locked until a credit note cancels
// that invoice; nothing about it may change meanwhile.
func TestLockedEntry(t *testing.T) {
	e := newTimerEnv(t)
	billed := e.entry(e.inbox.ID, e.at("09:00"), e.at("10:00"))
	free := e.entry(e.inbox.ID, e.at("11:00"), e.at("12:00"))
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := e.db.Writer().ExecContext(ctx, q, args...); err != nil {
			t.Fatal(err)
		}
	}
	exec(`INSERT INTO invoices (id, kind, client_id, status, year, seq, number, period_year, period_month,
		currency, subtotal, total, doc, created_at) VALUES (7, 'invoice', ?, 'issued', 2026, 1, '2026-0001', 2026, 11,
		'EUR', '40.00', '40.00', '{}', 0)`, billed.ClientID)
	exec(`UPDATE entries SET invoice_id = 7 WHERE id = ?`, billed.ID)
	before := e.dump("entries")

	moved := billed
	moved.Start, moved.End = e.at("08:00"), e.at("09:00")
	tests := []struct {
		name string
		do   func() error
	}{
		{"Edit", func() error { return e.s.EditEntry(ctx, moved) }},
		{"EditNoteOnly", func() error { b := billed; b.Note = "typo"; return e.s.EditEntry(ctx, b) }},
		{"Delete", func() error { return e.s.DeleteEntry(ctx, billed.ID) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.do()
			wantInputErr(t, err)
			if !errors.Is(err, tracking.ErrLocked) || !strings.Contains(err.Error(), "2026-0001") {
				t.Fatalf("error %q, want ErrLocked naming invoice 2026-0001", err)
			}
			if e.dump("entries") != before {
				t.Fatal("locked entry changed")
			}
		})
	}
	t.Run("OtherEntriesStayEditable", func(t *testing.T) {
		free.Note = "still mine"
		if err := e.s.EditEntry(ctx, free); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("UnlockedByCancellation", func(t *testing.T) {
		exec(`UPDATE invoices SET status = 'cancelled' WHERE id = 7`)
		exec(`UPDATE entries SET invoice_id = NULL WHERE invoice_id = 7`)
		if err := e.s.EditEntry(ctx, moved); err != nil {
			t.Fatal(err)
		}
	})
}
