package report

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/fx"
	"github.com/horasapp/horas/internal/store"
	"github.com/horasapp/horas/internal/tracking"
	"github.com/horasapp/horas/invoice"
)

var (
	ctx    = context.Background()
	madrid = mustZone("Europe/Madrid")
)

func mustZone(name string) *time.Location {
	z, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return z
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// local reads "2006-01-02 15:04" in Madrid.
func local(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, madrid)
	if err != nil {
		panic(err)
	}
	return t
}

type fixture struct {
	t     *testing.T
	db    *store.DB
	tr    *tracking.Service
	inv   *invoice.Service
	rep   *Service
	now   time.Time
	tasks map[string]int64 // "Client/Task" → id
	acme  tracking.Client
	sun   tracking.Client
}

// newFixture is a VA in Madrid on 2026-11-20 16:30 with two clients:
//
//	Acme (EUR 40/h): Inbox (hourly), Bookkeeping (hourly 45), Website
//	  (fixed 500, done 2026-11-10), Admin (non-billable).
//	Sunrise (USD 30/h, retainer 300 for 10 h, overage 35, no rollover):
//	  Listings, Calls.
//
// November's entries, raw seconds in brackets:
//
//	Acme/Inbox        11-02 09:00–10:30 [5400]
//	Acme/Inbox        11-03 09:00–09:45 [2700] marked non-billable
//	Acme/Bookkeeping  11-03 23:00–11-04 01:00 [7200] across midnight
//	Sunrise/Listings  11-05 10:00–14:00 [14400]
//	Sunrise/Calls     11-06 09:00–10:00 [3600]
//	Acme/Website      11-09 10:00–12:00 [7200]
//	Acme/Admin        11-09 12:00–12:30 [1800]
//	Sunrise/Listings  11-20 15:00–running [5400 at 16:30]
//
// and one in October: Acme/Inbox 10-30 10:00–11:00 [3600].
func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{t: t, now: local("2026-11-20 16:30"), tasks: map[string]int64{}}
	var err error
	f.db, err = store.Open(ctx, filepath.Join(t.TempDir(), "h.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.db.Close() })
	clock := func() time.Time { return f.now }
	f.tr = tracking.New(f.db, clock, madrid)
	f.inv = invoice.New(f.tr, clock)
	f.rep = New(f.tr, clock)
	if err := f.inv.SaveProfile(ctx, invoice.Profile{Name: "Lucía Gómez", Address: "Calle Mayor 1\n28013 Madrid",
		TaxID: "12345678Z", HomeCurrency: "EUR"}); err != nil {
		t.Fatal(err)
	}
	acme := tracking.NewClient("Acme", "EUR", dec("40"))
	acme.Address = "Gran Vía 2, Madrid"
	if f.acme, err = f.tr.AddClient(ctx, acme); err != nil {
		t.Fatal(err)
	}
	sun := tracking.NewClient("Sunrise", "USD", dec("30"))
	sun.Address, sun.NoticeDays = "1 Main St, Austin TX", 20
	sun.Retainer = &billing.Retainer{Fee: dec("300"), Hours: dec("10"), OverageRate: decimal.NewNullDecimal(dec("35"))}
	if f.sun, err = f.tr.AddClient(ctx, sun); err != nil {
		t.Fatal(err)
	}
	f.task("Acme", billing.Task{Name: "Inbox"})
	f.task("Acme", billing.Task{Name: "Bookkeeping", Rate: decimal.NewNullDecimal(dec("45"))})
	f.task("Acme", billing.Task{Name: "Website", Kind: billing.Fixed, Price: dec("500")})
	f.task("Acme", billing.Task{Name: "Admin", Kind: billing.NonBillable})
	f.task("Sunrise", billing.Task{Name: "Listings"})
	f.task("Sunrise", billing.Task{Name: "Calls"})

	f.entry("Acme/Inbox", "2026-10-30 10:00", "2026-10-30 11:00", false)
	f.entry("Acme/Inbox", "2026-11-02 09:00", "2026-11-02 10:30", false)
	f.entry("Acme/Inbox", "2026-11-03 09:00", "2026-11-03 09:45", true)
	f.entry("Acme/Bookkeeping", "2026-11-03 23:00", "2026-11-04 01:00", false)
	f.entry("Sunrise/Listings", "2026-11-05 10:00", "2026-11-05 14:00", false)
	f.entry("Sunrise/Calls", "2026-11-06 09:00", "2026-11-06 10:00", false)
	f.entry("Acme/Website", "2026-11-09 10:00", "2026-11-09 12:00", false)
	f.entry("Acme/Admin", "2026-11-09 12:00", "2026-11-09 12:30", false)
	if err := f.tr.MarkDone(ctx, f.tasks["Acme/Website"], local("2026-11-10 12:00")); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.tr.Start(ctx, f.tasks["Sunrise/Listings"], local("2026-11-20 15:00")); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) task(client string, bt billing.Task) int64 {
	f.t.Helper()
	if bt.Kind == "" {
		bt.Kind = billing.Hourly
	}
	tk, err := f.tr.AddTask(ctx, client, tracking.Task{Task: bt})
	if err != nil {
		f.t.Fatal(err)
	}
	f.tasks[client+"/"+bt.Name] = tk.ID
	return tk.ID
}

func (f *fixture) entry(task, from, to string, nonBillable bool) {
	f.t.Helper()
	if _, err := f.tr.AddEntry(ctx, tracking.Entry{TaskID: f.tasks[task], Start: local(from), End: local(to), NonBillable: nonBillable}); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) rate(cur, rate, day string) {
	f.t.Helper()
	d, _ := time.Parse("2006-01-02", day)
	if err := fx.New(f.db).Set(ctx, cur, "EUR", d, dec(rate)); err != nil {
		f.t.Fatal(err)
	}
}

// month is November 2026, or another month of it, in Madrid.
func month(y int, m time.Month) Period {
	return Period{From: time.Date(y, m, 1, 0, 0, 0, 0, madrid), To: time.Date(y, m+1, 1, 0, 0, 0, 0, madrid)}
}

// days is [first day 00:00, day after last 00:00) in Madrid.
func days(first, last string) Period {
	a, b := local(first+" 00:00"), local(last+" 00:00")
	return Period{From: a, To: b.AddDate(0, 0, 1)}
}

func (f *fixture) timeReport(p Period, clientID int64, top int) TimeReport {
	f.t.Helper()
	r, err := f.rep.TimeReport(ctx, f.db.Reader(), p, clientID, top)
	if err != nil {
		f.t.Fatal(err)
	}
	return r
}

// row finds a task's row by "Client/Task".
func (r TimeReport) row(t *testing.T, name string) TaskRow {
	t.Helper()
	for _, row := range r.Rows {
		if row.Client+"/"+row.Task == name {
			return row
		}
	}
	t.Fatalf("no row %s in %v", name, r.Rows)
	return TaskRow{}
}

func nullString(d decimal.NullDecimal) string {
	if !d.Valid {
		return "null"
	}
	return d.Decimal.String()
}

// eqNull compares an optional decimal with its expected text, "null" for unset.
func eqNull(d decimal.NullDecimal, want string) bool {
	if want == "null" {
		return !d.Valid
	}
	return d.Valid && d.Decimal.Equal(dec(want))
}
