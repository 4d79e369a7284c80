package ui

import (
	"github.com/horasapp/horas/invoice"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/horasapp/horas/internal/store"
	"github.com/horasapp/horas/internal/tracking"
)

func TestTapTaskStartsTimer(t *testing.T) {
	f := newFixture(t)
	f.client("Acme", "EUR", "40", "Europe/Madrid")
	inbox := f.task("Acme", "Inbox")
	tr := f.build()
	if tr.runningFace.Visible() || !tr.idleFace.Visible() {
		t.Fatal("with no timer the card should show the idle state")
	}

	f.tap(inbox)
	f.noDialog()
	run := f.running()
	if run == nil || run.TaskID != inbox.ID || !run.Start.Equal(f.clock()) {
		t.Fatalf("running entry %+v, want one on Inbox from %s", run, f.clock())
	}
	if !tr.runningFace.Visible() || tr.idleFace.Visible() {
		t.Fatal("the card should show the running timer")
	}
	if got := tr.taskButtons[inbox.ID].Importance; got != widget.HighImportance {
		t.Fatalf("running task button importance %v, want high", got)
	}

	f.advance(time.Hour + 2*time.Minute + 3*time.Second)
	tr.tick()
	if got := tr.elapsed.Text; got != "1:02:03" {
		t.Fatalf("elapsed %q, want 1:02:03", got)
	}
	if got := tr.runDuration.Text; got != "1:02:03" {
		t.Fatalf("today's running row shows %q, want 1:02:03", got)
	}
}

// A second tap on the running task changes nothing: one entry, still running.
func TestTapRunningTaskAgain(t *testing.T) {
	f := newFixture(t)
	f.client("Acme", "EUR", "40", "Europe/Madrid")
	inbox := f.task("Acme", "Inbox")
	f.build()
	f.tap(inbox)
	f.advance(time.Minute)
	f.tap(inbox)
	f.noDialog()
	if es := f.entries(); len(es) != 1 || !es[0].Running() {
		t.Fatalf("entries %+v, want the one running entry", es)
	}
}

func TestTapAnotherTaskSwitchesAtTheSameInstant(t *testing.T) {
	f := newFixture(t)
	f.client("Acme", "EUR", "40", "Europe/Madrid")
	inbox := f.task("Acme", "Inbox")
	books := f.task("Acme", "Bookkeeping")
	tr := f.build()

	f.tap(inbox)
	f.advance(25*time.Minute + 7*time.Second)
	f.tap(books)
	f.noDialog()

	es := f.entries()
	if len(es) != 2 {
		t.Fatalf("%d entries, want 2", len(es))
	}
	first, second := es[0], es[1]
	if first.TaskID != inbox.ID || second.TaskID != books.ID {
		t.Fatalf("entries on tasks %d, %d; want Inbox then Bookkeeping", first.TaskID, second.TaskID)
	}
	if first.Running() || !first.End.Equal(second.Start) {
		t.Fatalf("Inbox ends %s, Bookkeeping starts %s: want the same instant", first.End, second.Start)
	}
	if !second.Running() || !second.Start.Equal(f.clock()) {
		t.Fatalf("Bookkeeping entry %+v, want running from now", second)
	}
	if tr.taskButtons[inbox.ID].Importance == widget.HighImportance || tr.taskButtons[books.ID].Importance != widget.HighImportance {
		t.Fatal("the highlight should move to Bookkeeping")
	}
	if got := tr.runTask.Text; got != "Bookkeeping" {
		t.Fatalf("card shows %q, want Bookkeeping", got)
	}
}

// A click on the wrong task, corrected within the same second, leaves one
// entry on the right task instead of an error.
func TestSwitchInTheSameSecondMovesTheStart(t *testing.T) {
	f := newFixture(t)
	f.client("Acme", "EUR", "40", "Europe/Madrid")
	inbox := f.task("Acme", "Inbox")
	books := f.task("Acme", "Bookkeeping")
	f.build()
	f.tap(inbox)
	f.tap(books)
	f.noDialog()
	es := f.entries()
	if len(es) != 1 || es[0].TaskID != books.ID || !es[0].Running() || !es[0].Start.Equal(f.clock()) {
		t.Fatalf("entries %+v, want one running on Bookkeeping from now", es)
	}
}

func TestStopButton(t *testing.T) {
	tests := []struct {
		name        string
		after       time.Duration
		wantEntries int
	}{
		{"StopsAtNow", 42 * time.Minute, 1},
		{"InTheSecondItStartedLeavesNothing", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.client("Acme", "EUR", "40", "Europe/Madrid")
			inbox := f.task("Acme", "Inbox")
			tr := f.build()
			f.tap(inbox)
			f.advance(tt.after)
			test.Tap(tr.stop)
			f.noDialog()
			if r := f.running(); r != nil {
				t.Fatalf("still running: %+v", r)
			}
			es := f.entries()
			if len(es) != tt.wantEntries {
				t.Fatalf("%d entries, want %d", len(es), tt.wantEntries)
			}
			if len(es) == 1 && (!es[0].End.Equal(f.clock()) || es[0].Duration(f.clock()) != tt.after) {
				t.Fatalf("entry %s–%s, want it to end now after %s", es[0].Start, es[0].End, tt.after)
			}
			if !tr.idleFace.Visible() || tr.runningFace.Visible() {
				t.Fatal("the card should be back to the idle state")
			}
			if got := f.w.Title(); got != "Horas" {
				t.Fatalf("title %q, want Horas", got)
			}
		})
	}
}

func TestTitle(t *testing.T) {
	f := newFixture(t)
	f.client("Acme", "EUR", "40", "Europe/Madrid")
	inbox := f.task("Acme", "Inbox")
	tr := f.build()
	steps := []struct {
		name string
		do   func()
		want string
	}{
		{"Idle", func() {}, "Horas"},
		{"JustStarted", func() { f.tap(inbox) }, "Horas — Inbox (Acme) 0:00:00"},
		{"Ticking", func() { f.advance(12*time.Minute + 5*time.Second); tr.tick() }, "Horas — Inbox (Acme) 0:12:05"},
		{"Stopped", func() { test.Tap(tr.stop) }, "Horas"},
	}
	for _, s := range steps {
		s.do()
		if got := f.w.Title(); got != s.want {
			t.Fatalf("%s: title %q, want %q", s.name, got, s.want)
		}
	}
}

func TestTodayTotals(t *testing.T) {
	f := newFixture(t)
	f.client("Acme", "EUR", "40", "Europe/Madrid")
	f.client("Koala Studio", "AUD", "60", "Australia/Sydney")
	inbox := f.task("Acme", "Inbox")
	books := f.task("Acme", "Bookkeeping")
	design := f.task("Koala Studio", "Design")
	f.entry(inbox, f.at("08:00").AddDate(0, 0, -1), f.at("12:00").AddDate(0, 0, -1)) // yesterday: not today's
	f.entry(inbox, f.at("08:00"), f.at("09:30"))
	f.entry(books, f.at("10:00"), f.at("10:45"))
	f.entry(inbox, f.at("11:00"), f.at("11:20"))
	if _, _, err := f.svc.Start(ctx, design.ID, f.at("13:00")); err != nil {
		t.Fatal(err)
	}
	tr := f.build() // at 14:05: Design has run 1:05

	check := func(when, day string, tasks map[int64]string) {
		t.Helper()
		if got := tr.dayTotal.Text; got != day {
			t.Errorf("%s: day total %q, want %q", when, got, day)
		}
		for id, want := range tasks {
			if got := tr.taskTotals[id].Text; got != want {
				t.Errorf("%s: task %d total %q, want %q", when, id, got, want)
			}
		}
	}
	// 1:30 + 0:45 + 0:20 closed, 1:05 running.
	check("AtBuild", "3:40", map[int64]string{inbox.ID: "1:50:00", books.ID: "0:45:00", design.ID: "1:05:00"})
	f.advance(time.Minute + 30*time.Second)
	tr.tick()
	check("RunningCountsUp", "3:41", map[int64]string{inbox.ID: "1:50:00", books.ID: "0:45:00", design.ID: "1:06:30"})
	if got := len(tr.snap.today); got != 4 {
		t.Fatalf("today lists %d entries, want 4", got)
	}
}

func TestEmptyStates(t *testing.T) {
	f := newFixture(t)
	tr := f.build()
	if !tr.addTask.Disabled() {
		t.Fatal("+ Task should wait for a client")
	}
	if got := tr.dayTotal.Text; got != "0:00" {
		t.Fatalf("day total %q, want 0:00", got)
	}
	if len(tr.clientList.Objects) != 1 || len(tr.entryList.Objects) != 1 {
		t.Fatal("want one empty-state hint in each list")
	}
}

func TestClientLocalTimes(t *testing.T) {
	f := newFixture(t) // 14:05 in Madrid, 13:05 UTC
	f.client("Acme", "EUR", "40", "Europe/Madrid")
	f.client("Koala Studio", "AUD", "60", "Australia/Sydney")
	f.client("Sunrise Realty", "USD", "25", "America/New_York")
	tr := f.build()
	want := []string{"14:05 Madrid", "00:05 Sydney (tomorrow)", "08:05 New York"} // clients by name
	for i, c := range tr.clocks {
		if got := c.label.Text(); got != want[i] {
			t.Errorf("client %d shows %q, want %q", i, got, want[i])
		}
	}
	f.advance(time.Hour)
	tr.tick()
	if got := tr.clocks[1].label.Text(); got != "01:05 Sydney (tomorrow)" {
		t.Errorf("after an hour Sydney shows %q, want 01:05 Sydney (tomorrow)", got)
	}
}

// A timer started by `horas start` in another process shows up on the next
// read of the database; an unchanged database redraws nothing.
func TestPollPicksUpAnotherProcess(t *testing.T) {
	f := newFixture(t)
	f.client("Acme", "EUR", "40", "Europe/Madrid")
	inbox := f.task("Acme", "Inbox")
	tr := f.build()

	gen := tr.gen.Load()
	tr.poll()
	if tr.gen.Load() != gen {
		t.Fatal("a poll with nothing changed redrew the screen")
	}

	other, err := store.Open(ctx, f.path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	cli := tracking.New(other, f.clock, f.svc.Zone)
	if _, _, err := cli.Start(ctx, inbox.ID, f.clock()); err != nil {
		t.Fatal(err)
	}
	tr.poll()
	if got := tr.runTask.Text; got != "Inbox" || !tr.runningFace.Visible() {
		t.Fatalf("card shows %q, want the timer started elsewhere", got)
	}
	if got := f.w.Title(); got != "Horas — Inbox (Acme) 0:00:00" {
		t.Fatalf("title %q", got)
	}
}

// At midnight the ticker starts a new day: yesterday's entries leave the list.
func TestMidnightStartsANewDay(t *testing.T) {
	f := newFixture(t)
	f.client("Acme", "EUR", "40", "Europe/Madrid")
	inbox := f.task("Acme", "Inbox")
	f.entry(inbox, f.at("09:00"), f.at("10:00"))
	tr := f.build()
	if got := tr.dayTotal.Text; got != "1:00" {
		t.Fatalf("day total %q, want 1:00", got)
	}
	f.advance(10 * time.Hour) // 00:05 the next day
	tr.tick()
	if got := tr.dayTotal.Text; got != "0:00" || len(tr.snap.today) != 0 {
		t.Fatalf("next day: total %q with %d entries, want 0:00 and none", got, len(tr.snap.today))
	}
}

// Create draws at once and starts a ticker that keeps the title moving; stop
// ends it and may be called again, as the window's OnClosed does.
func TestCreateTicks(t *testing.T) {
	f := newFixture(t)
	f.client("Acme", "EUR", "40", "Europe/Madrid")
	inbox := f.task("Acme", "Inbox")
	if _, _, err := f.svc.Start(ctx, inbox.ID, f.clock()); err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	content, stop := Create(fyne.CurrentApp(), w, Services{Tracking: f.svc, Invoices: invoice.New(f.svc, nil)})
	w.SetContent(content)
	stop() // Create's own one-second ticker: this test drives a faster one
	if got := w.Title(); got != "Horas — Inbox (Acme) 0:00:00" {
		t.Fatalf("title after Create %q", got)
	}
	w.Close()
	w = test.NewTempWindow(t, nil)

	s := Services{Tracking: f.svc, Invoices: invoice.New(f.svc, f.svc.Now)}
	tr := newTrack(w, s)
	w.SetContent(tabs(w, s, tr))
	tr.reload()
	f.advance(3 * time.Second)
	stop = startTicker(tr, time.Millisecond, 2)
	// Each tick and poll reads the clock; wait for a few of them.
	for from := f.reads.Load(); f.reads.Load() < from+6; {
		time.Sleep(time.Millisecond)
	}
	stop()
	stop()
	if got := w.Title(); got != "Horas — Inbox (Acme) 0:00:03" {
		t.Fatalf("title after ticks %q, want 0:00:03", got)
	}
}

// A refusal of the service, here a task marked done by the CLI after the
// screen was drawn, is shown in a dialog and the screen catches up.
func TestServiceErrorShowsDialog(t *testing.T) {
	f := newFixture(t)
	f.client("Acme", "EUR", "40", "Europe/Madrid")
	inbox := f.task("Acme", "Inbox")
	tr := f.build()
	if err := f.svc.MarkDone(ctx, inbox.ID, f.clock()); err != nil {
		t.Fatal(err)
	}
	b := tr.taskButtons[inbox.ID]
	test.Tap(b)
	top := f.w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no error dialog")
	}
	if markup := test.RenderObjectToMarkup(top); !strings.Contains(markup, `"Inbox" of Acme is done`) {
		t.Fatalf("dialog does not say why:\n%s", markup)
	}
	if len(f.entries()) != 0 {
		t.Fatal("a done task got an entry")
	}
	if _, ok := tr.taskButtons[inbox.ID]; ok {
		t.Fatal("the done task still has a button")
	}
}

// A timer running past midnight keeps counting on the card, named with the
// day it started, while the new day's total starts from zero: an entry
// belongs to the day it starts.
func TestTimerRunningPastMidnight(t *testing.T) {
	f := newFixture(t)
	f.client("Acme", "EUR", "40", "Europe/Madrid")
	inbox := f.task("Acme", "Inbox")
	if _, _, err := f.svc.Start(ctx, inbox.ID, f.at("23:50")); err != nil {
		t.Fatal(err)
	}
	f.advance(f.at("23:50").Sub(f.clock()))
	tr := f.build()
	f.advance(20 * time.Minute)
	tr.tick()
	if got := tr.runClient.Text; got != "Acme · since Tue 23:50" {
		t.Errorf("card says %q", got)
	}
	if got := tr.elapsed.Text; got != "0:20:00" {
		t.Errorf("elapsed %q, want 0:20:00", got)
	}
	if got := tr.dayTotal.Text; got != "0:00" {
		t.Errorf("new day's total %q, want 0:00", got)
	}
}
