package ui

import (
	"context"
	"github.com/horasapp/horas/invoice"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	_ "time/tzdata" // tests name zones; do not depend on the host's tz database

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/store"
	"github.com/horasapp/horas/internal/tracking"
)

var ctx = context.Background()

// fixture is the Track screen in a test window over a real SQLite file,
// with a clock the test moves. The VA works in Madrid.
type fixture struct {
	t    *testing.T
	path string
	db   *store.DB
	svc  *tracking.Service
	w    fyne.Window
	tr   *track

	mu    sync.Mutex
	now   time.Time
	reads atomic.Int64 // how often the clock was read: the ticker test waits on it
}

func zone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// newFixture opens an empty database; the screen is built by build, after
// the test has added what it needs.
func newFixture(t *testing.T) *fixture {
	t.Helper()
	test.NewTempApp(t)
	f := &fixture{t: t, path: filepath.Join(t.TempDir(), "horas.db")}
	madrid := zone(t, "Europe/Madrid")
	f.now = time.Date(2026, 11, 3, 14, 5, 0, 0, madrid)
	db, err := store.Open(ctx, f.path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f.db = db
	f.svc = tracking.New(db, f.clock, madrid)
	return f
}

func (f *fixture) clock() time.Time {
	f.reads.Add(1)
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

func (f *fixture) advance(d time.Duration) {
	f.mu.Lock()
	f.now = f.now.Add(d)
	f.mu.Unlock()
}

// at moves the clock to a wall time of the fixture's day in Madrid.
func (f *fixture) at(hhmm string) time.Time {
	f.t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", "2026-11-03 "+hhmm, f.svc.Zone)
	if err != nil {
		f.t.Fatal(err)
	}
	return v
}

// build shows the Track screen in a 1000×680 window, as cmd/horas sizes it.
func (f *fixture) build() *track {
	f.t.Helper()
	f.w = test.NewTempWindow(f.t, nil)
	s := Services{Tracking: f.svc, Invoices: invoice.New(f.svc, f.svc.Now)}
	f.tr = newTrack(f.w, s)
	f.w.SetContent(tabs(f.w, s, f.tr))
	f.w.Resize(fyne.NewSize(1000, 680))
	f.tr.reload()
	return f.tr
}

func (f *fixture) client(name, currency, rate, tz string) tracking.Client {
	f.t.Helper()
	c := tracking.NewClient(name, currency, decimal.RequireFromString(rate))
	c.TZ = tz
	c, err := f.svc.AddClient(ctx, c)
	if err != nil {
		f.t.Fatalf("add client %s: %v", name, err)
	}
	return c
}

func (f *fixture) task(client, name string) tracking.Task {
	f.t.Helper()
	t, err := f.svc.AddTask(ctx, client, tracking.Task{Task: billing.Task{Name: name}})
	if err != nil {
		f.t.Fatalf("add task %s/%s: %v", client, name, err)
	}
	return t
}

func (f *fixture) entry(task tracking.Task, from, to time.Time) {
	f.t.Helper()
	if _, err := f.svc.AddEntry(ctx, tracking.Entry{TaskID: task.ID, Start: from, End: to}); err != nil {
		f.t.Fatalf("add entry %s–%s: %v", from, to, err)
	}
}

func (f *fixture) entries() []tracking.Entry {
	f.t.Helper()
	es, err := f.svc.Entries(ctx, tracking.Filter{})
	if err != nil {
		f.t.Fatal(err)
	}
	return es
}

func (f *fixture) running() *tracking.Entry {
	f.t.Helper()
	r, err := f.svc.Running(ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	return r
}

// tap taps a task's button, failing when the screen shows none for it.
func (f *fixture) tap(task tracking.Task) {
	f.t.Helper()
	b, ok := f.tr.taskButtons[task.ID]
	if !ok {
		f.t.Fatalf("no button for task %s", task.Name)
	}
	test.Tap(b)
}

// noDialog fails when something, such as an error, was put over the window.
func (f *fixture) noDialog() {
	f.t.Helper()
	if top := f.w.Canvas().Overlays().Top(); top != nil {
		f.t.Fatalf("a dialog is open: %s", test.RenderObjectToMarkup(top))
	}
}
