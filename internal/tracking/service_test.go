package tracking_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // tests name zones; do not depend on the host's tz database

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/inputerr"
	"github.com/horasapp/horas/internal/store"
	"github.com/horasapp/horas/internal/tracking"
)

var ctx = context.Background()

func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// env is one service over a real SQLite file, with a clock the test moves.
type env struct {
	t    *testing.T
	path string
	db   *store.DB
	s    *tracking.Service
	now  time.Time
}

func newEnv(t *testing.T, zoneName string) *env {
	t.Helper()
	e := &env{t: t, path: filepath.Join(t.TempDir(), "horas.db")}
	e.now = time.Date(2026, 11, 3, 12, 0, 0, 0, zone(t, zoneName))
	e.open(zone(t, zoneName))
	return e
}

func (e *env) open(zone *time.Location) {
	e.t.Helper()
	db, err := store.Open(ctx, e.path, store.Options{})
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { db.Close() })
	e.db = db
	e.s = tracking.New(db, func() time.Time { return e.now }, zone)
}

// reopen closes the store and opens the file again, as after a crash or restart.
func (e *env) reopen() {
	e.t.Helper()
	if err := e.db.Close(); err != nil {
		e.t.Fatal(err)
	}
	e.open(e.s.Zone)
}

func (e *env) client(name, currency, rate string) tracking.Client {
	e.t.Helper()
	c, err := e.s.AddClient(ctx, tracking.NewClient(name, currency, decimal.RequireFromString(rate)))
	if err != nil {
		e.t.Fatalf("add client %s: %v", name, err)
	}
	return c
}

func (e *env) task(client, name string) tracking.Task {
	e.t.Helper()
	t, err := e.s.AddTask(ctx, client, tracking.Task{Task: billing.Task{Name: name}})
	if err != nil {
		e.t.Fatalf("add task %s/%s: %v", client, name, err)
	}
	return t
}

func (e *env) entry(taskID int64, from, to time.Time) tracking.Entry {
	e.t.Helper()
	en, err := e.s.AddEntry(ctx, tracking.Entry{TaskID: taskID, Start: from, End: to})
	if err != nil {
		e.t.Fatalf("add entry %s–%s: %v", from, to, err)
	}
	return en
}

// dump renders every row of a table, so a refused change can be shown to
// have written nothing at all, not merely the same number of rows.
func (e *env) dump(table string) string {
	e.t.Helper()
	rows, err := e.db.Reader().QueryContext(ctx, "SELECT * FROM "+table+" ORDER BY rowid")
	if err != nil {
		e.t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var b strings.Builder
	n := 0
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			e.t.Fatal(err)
		}
		fmt.Fprintln(&b, vals...)
		n++
	}
	if err := rows.Err(); err != nil {
		e.t.Fatal(err)
	}
	return fmt.Sprintf("%d rows\n%s", n, b.String())
}

func (e *env) count(table string) int {
	e.t.Helper()
	var n int
	if err := e.db.Reader().QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}

func wantInputErr(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		t.Fatal("accepted, want an input error")
	}
	if !inputerr.Is(err) {
		t.Fatalf("error %q is not an input error", err)
	}
	if strings.Contains(err.Error(), "\n") {
		t.Fatalf("error %q is not one line", err)
	}
}

func TestDayBoundsAcrossDST(t *testing.T) {
	tests := []struct {
		name  string
		zone  string
		day   string // YYYY-MM-DD, local
		from  string // first instant of the day, RFC 3339 with the local offset
		hours float64
	}{
		{"MadridOrdinary", "Europe/Madrid", "2026-11-03", "2026-11-03T00:00:00+01:00", 24},
		{"MadridSpringForward", "Europe/Madrid", "2026-03-29", "2026-03-29T00:00:00+01:00", 23},
		{"MadridFallBack", "Europe/Madrid", "2026-10-25", "2026-10-25T00:00:00+02:00", 25},
		{"SydneyEndOfDST", "Australia/Sydney", "2026-04-05", "2026-04-05T00:00:00+11:00", 25},
		{"SydneyStartOfDST", "Australia/Sydney", "2026-10-04", "2026-10-04T00:00:00+10:00", 23},
		// Chile moves its clocks at midnight: 00:00 on the 6th never
		// happens, so that day begins at 01:00 and the 5th keeps all its hours.
		{"SantiagoMidnightSkipped", "America/Santiago", "2026-09-06", "2026-09-06T01:00:00-03:00", 23},
		{"SantiagoDayBeforeTheSkip", "America/Santiago", "2026-09-05", "2026-09-05T00:00:00-04:00", 24},
		{"SantiagoMidnightRepeated", "America/Santiago", "2026-04-04", "2026-04-04T00:00:00-03:00", 25},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc := zone(t, tt.zone)
			s := tracking.New(nil, nil, loc)
			want, err := time.Parse(time.RFC3339, tt.from)
			if err != nil {
				t.Fatal(err)
			}
			wantTo := want.Add(time.Duration(tt.hours * float64(time.Hour)))
			// Any instant of the day gives the same bounds: its first and last second.
			for _, at := range []time.Time{want, want.Add(12 * time.Hour), wantTo.Add(-time.Second)} {
				from, to := s.Day(at)
				if !from.Equal(want) || !to.Equal(wantTo) {
					t.Fatalf("Day(%s) = %s – %s, want %s – %s", at.In(loc), from, to, want, wantTo)
				}
				if got := from.In(loc).Format(time.DateOnly); got != tt.day {
					t.Fatalf("day starts on %s, want %s", got, tt.day)
				}
			}
		})
	}
}

// Days and months cut time into pieces with no gap and no overlap, in every
// zone, whatever its clocks do: each instant lies in its own day and month,
// and each day or month ends where the next begins.
func TestDaysAndMonthsPartitionTime(t *testing.T) {
	zones := []string{"UTC", "Europe/Madrid", "Australia/Sydney", "America/New_York", "America/Santiago",
		"America/Asuncion", "America/Havana", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Apia"}
	for _, name := range zones {
		t.Run(name, func(t *testing.T) {
			loc := zone(t, name)
			s := tracking.New(nil, nil, loc)
			// 90-minute steps land on whole and half hours (Lord Howe, Kolkata).
			for at := time.Date(2022, 12, 31, 0, 0, 0, 0, time.UTC); at.Year() < 2027; at = at.Add(90 * time.Minute) {
				from, to := s.Day(at)
				if at.Before(from) || !at.Before(to) {
					t.Fatalf("Day(%s) = %s – %s does not hold it", at.In(loc), from.In(loc), to.In(loc))
				}
				if next, _ := s.Day(to); !next.Equal(to) {
					t.Fatalf("day %s ends %s but the next starts %s", from.In(loc), to.In(loc), next.In(loc))
				}
				l := at.In(loc)
				mFrom, mTo := s.Month(l.Year(), l.Month())
				if at.Before(mFrom) || !at.Before(mTo) {
					t.Fatalf("Month(%d, %s) = %s – %s does not hold %s", l.Year(), l.Month(), mFrom.In(loc), mTo.In(loc), l)
				}
				if next, _ := s.Month(l.Year(), l.Month()+1); !next.Equal(mTo) {
					t.Fatalf("month %s ends %s but the next starts %s", l.Month(), mTo.In(loc), next.In(loc))
				}
			}
		})
	}
}

func TestMonthBounds(t *testing.T) {
	tests := []struct {
		name     string
		zone     string
		year     int
		month    time.Month
		fromUTC  string
		toUTC    string
		lastsHrs float64
	}{
		{"MadridMarchLosesAnHour", "Europe/Madrid", 2026, time.March, "2026-02-28T23:00:00Z", "2026-03-31T22:00:00Z", 31*24 - 1},
		{"MadridOctoberGainsAnHour", "Europe/Madrid", 2026, time.October, "2026-09-30T22:00:00Z", "2026-10-31T23:00:00Z", 31*24 + 1},
		{"SydneyApril", "Australia/Sydney", 2026, time.April, "2026-03-31T13:00:00Z", "2026-04-30T14:00:00Z", 30*24 + 1},
		{"UTCFebruary", "UTC", 2026, time.February, "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z", 28 * 24},
		{"DecemberRollsIntoNextYear", "UTC", 2026, time.December, "2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z", 31 * 24},
		// Paraguay moved its clocks at midnight on 1 October 2023: October
		// began at 01:00 local (04:00 UTC) and must still end on 31 October.
		{"AsuncionMonthStartsAfterSkippedMidnight", "America/Asuncion", 2023, time.October, "2023-10-01T04:00:00Z", "2023-11-01T03:00:00Z", 31*24 - 1},
		{"AsuncionSeptemberKeepsItsLastHour", "America/Asuncion", 2023, time.September, "2023-09-01T04:00:00Z", "2023-10-01T04:00:00Z", 30 * 24},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tracking.New(nil, nil, zone(t, tt.zone))
			f, to := s.Month(tt.year, tt.month)
			if got := f.UTC().Format(time.RFC3339); got != tt.fromUTC {
				t.Errorf("from %s, want %s", got, tt.fromUTC)
			}
			if got := to.UTC().Format(time.RFC3339); got != tt.toUTC {
				t.Errorf("to %s, want %s", got, tt.toUTC)
			}
			if got := to.Sub(f).Hours(); got != tt.lastsHrs {
				t.Errorf("month lasts %v h, want %v", got, tt.lastsHrs)
			}
		})
	}
}

// Durations come from instants, so a night with a clock change counts the
// hours really worked, and an entry belongs to the day and month it starts
// in, cut in the VA's zone.
func TestEntriesAcrossClockChangesAndMidnight(t *testing.T) {
	e := newEnv(t, "Europe/Madrid")
	mad := e.s.Zone
	e.client("Acme", "EUR", "40")
	task := e.task("Acme", "Inbox")
	local := func(s string) time.Time {
		t.Helper()
		v, err := time.ParseInLocation("2006-01-02 15:04", s, mad)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	fallBack := e.entry(task.ID, local("2026-10-25 01:30"), local("2026-10-25 03:30"))
	springFwd := e.entry(task.ID, local("2026-03-29 01:30"), local("2026-03-29 03:30"))
	midnight := e.entry(task.ID, local("2026-11-03 23:30"), local("2026-11-04 01:00"))
	firstOfMonth := e.entry(task.ID, local("2026-11-01 00:10"), local("2026-11-01 00:40"))
	if firstOfMonth.Start.UTC().Month() != time.October {
		t.Fatalf("test premise: %s should be October in UTC", firstOfMonth.Start.UTC())
	}

	t.Run("Durations", func(t *testing.T) {
		for _, c := range []struct {
			name string
			id   int64
			want time.Duration
		}{
			{"FallBackNight", fallBack.ID, 3 * time.Hour},
			{"SpringForwardNight", springFwd.ID, time.Hour},
			{"AcrossMidnight", midnight.ID, 90 * time.Minute},
		} {
			got, err := e.s.Entry(ctx, c.id)
			if err != nil {
				t.Fatal(err)
			}
			if d := got.Duration(e.now); d != c.want {
				t.Errorf("%s: %v, want %v", c.name, d, c.want)
			}
		}
	})

	ids := func(f tracking.Filter) []int64 {
		t.Helper()
		es, err := e.s.Entries(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var out []int64
		for _, en := range es {
			out = append(out, en.ID)
		}
		return out
	}
	day := func(s string) tracking.Filter {
		f, to := e.s.Day(local(s + " 12:00"))
		return tracking.Filter{From: f, To: to}
	}
	month := func(y int, m time.Month) tracking.Filter {
		f, to := e.s.Month(y, m)
		return tracking.Filter{From: f, To: to}
	}
	tests := []struct {
		name   string
		filter tracking.Filter
		want   []int64
	}{
		{"FallBackDay", day("2026-10-25"), []int64{fallBack.ID}},
		{"SpringForwardDay", day("2026-03-29"), []int64{springFwd.ID}},
		{"MidnightEntryOnTheDayItStarts", day("2026-11-03"), []int64{midnight.ID}},
		{"MidnightEntryNotOnTheNextDay", day("2026-11-04"), nil},
		{"FirstOfMonthOnItsLocalDay", day("2026-11-01"), []int64{firstOfMonth.ID}},
		{"LocalNovemberHoldsThe0010Entry", month(2026, time.November), []int64{firstOfMonth.ID, midnight.ID}},
		{"LocalOctoberDoesNot", month(2026, time.October), []int64{fallBack.ID}},
		{"March", month(2026, time.March), []int64{springFwd.ID}},
		{"All", tracking.Filter{}, []int64{springFwd.ID, fallBack.ID, firstOfMonth.ID, midnight.ID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ids(tt.filter); fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Fatalf("entries %v, want %v", got, tt.want)
			}
		})
	}
}
