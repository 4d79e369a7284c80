package demo

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/horasapp/horas/internal/inputerr"
	"github.com/horasapp/horas/internal/store"
	"github.com/horasapp/horas/internal/tracking"
	"github.com/horasapp/horas/invoice"
)

var (
	ctx    = context.Background()
	madrid = mustZone("Europe/Madrid")
	end    = time.Date(2026, 11, 20, 17, 30, 0, 0, madrid)
)

func mustZone(name string) *time.Location {
	z, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return z
}

func newService(t *testing.T) *tracking.Service {
	t.Helper()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "demo.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return tracking.New(db, func() time.Time { return end }, madrid)
}

func generate(t *testing.T, opt Options) (*tracking.Service, Result) {
	t.Helper()
	tr := newService(t)
	res, err := Generate(ctx, tr, opt)
	if err != nil {
		t.Fatal(err)
	}
	return tr, res
}

// dump is every generated row, to compare two runs.
func dump(t *testing.T, db *sql.DB) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		"SELECT name, currency, rate, lang, country, tz, coalesce(retainer_fee, ''), note FROM clients ORDER BY id",
		"SELECT client_id, pos, name, pct FROM client_taxes ORDER BY 1, 2",
		"SELECT id, client_id, name, kind, coalesce(rate, ''), coalesce(price, ''), urgency, coalesce(due_at, 0), coalesce(done_at, 0) FROM tasks ORDER BY id",
		"SELECT id, task_id, start_at, end_at, urgency, non_billable, note FROM entries ORDER BY id",
	} {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&b, vals...)
		}
		rows.Close()
	}
	return b.String()
}

func TestSameSeedSameData(t *testing.T) {
	a, _ := generate(t, Options{Entries: 3000, Seed: 42, End: end})
	b, _ := generate(t, Options{Entries: 3000, Seed: 42, End: end})
	c, _ := generate(t, Options{Entries: 3000, Seed: 43, End: end})
	da, db, dc := dump(t, a.DB().Reader()), dump(t, b.DB().Reader()), dump(t, c.DB().Reader())
	if da != db {
		t.Error("the same seed made different data")
	}
	if da == dc {
		t.Error("another seed made the same data")
	}
}

func TestEntriesLookReal(t *testing.T) {
	const n = 5000
	tr, res := generate(t, Options{Entries: n, Clients: 12, Seed: 7, End: end})
	if res.Entries != n || res.Clients != 12 {
		t.Fatalf("result %+v", res)
	}
	es, err := tr.Entries(ctx, tracking.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != n {
		t.Fatalf("%d entries, want %d", len(es), n)
	}
	tasks, err := tr.Tasks(ctx, 0, true)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]tracking.Task{}
	for _, tk := range tasks {
		byID[tk.ID] = tk
	}
	saturdays := 0
	for i, e := range es {
		d := e.End.Sub(e.Start)
		if e.Running() || d < 10*time.Minute || d > 3*time.Hour+time.Minute {
			t.Fatalf("entry %d lasts %s", e.ID, d)
		}
		if i > 0 && e.Start.Before(es[i-1].End) {
			t.Fatalf("entry %d overlaps entry %d", e.ID, es[i-1].ID)
		}
		if e.End.After(end) {
			t.Fatalf("entry %d ends %s, after the end %s", e.ID, e.End, end)
		}
		start, stop := e.Start.In(madrid), e.End.In(madrid)
		from, to := 8*60, 19*60
		switch start.Weekday() {
		case time.Sunday:
			t.Fatalf("entry %d on a Sunday", e.ID)
		case time.Saturday:
			saturdays++
			from, to = 9*60, 13*60
		}
		if m := start.Hour()*60 + start.Minute(); m < from || stop.YearDay() != start.YearDay() || stop.Hour()*60+stop.Minute() > to {
			t.Fatalf("entry %d runs %s–%s, outside working hours", e.ID, start, stop)
		}
		if tk := byID[e.TaskID]; tk.Done() && e.End.After(tk.DoneAt) {
			t.Fatalf("entry %d of %s ends after the task was done", e.ID, tk.Name)
		}
	}
	if saturdays == 0 {
		t.Error("no Saturday mornings")
	}
	if first := es[0].Start; end.Sub(first) < 2*365*24*time.Hour {
		t.Errorf("%d entries only reach back to %s", n, first)
	}
}

func TestClientsAndTasks(t *testing.T) {
	tr, _ := generate(t, Options{Entries: 2000, Seed: 3, End: end})
	cs, err := tr.Clients(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != DefaultClients {
		t.Fatalf("%d clients", len(cs))
	}
	seen := map[string]bool{}
	for _, c := range cs {
		seen[c.Currency] = true
		var taxes []string
		for _, tx := range c.Taxes {
			taxes = append(taxes, tx.String())
		}
		switch c.Country {
		case "ES":
			if c.Lang != "es" || strings.Join(taxes, " ") != "IVA:21 IRPF:-15" {
				t.Errorf("%s: lang %s taxes %v", c.Name, c.Lang, taxes)
			}
		case "IT":
			if c.Lang != "it" || !strings.Contains(c.Note, "forfettario") {
				t.Errorf("%s: lang %s note %q", c.Name, c.Lang, c.Note)
			}
		case "GB":
			if strings.Join(taxes, " ") != "VAT:20" {
				t.Errorf("%s: taxes %v", c.Name, taxes)
			}
		}
		if c.Retainer != nil {
			seen["retainer"] = true
		}
		tasks, err := tr.Tasks(ctx, c.ID, true)
		if err != nil {
			t.Fatal(err)
		}
		if len(tasks) < 5 || len(tasks) > 30 {
			t.Errorf("%s has %d tasks", c.Name, len(tasks))
		}
		for _, tk := range tasks {
			seen[string(tk.Kind)] = true
		}
	}
	for _, want := range []string{"EUR", "USD", "GBP", "AUD", "retainer", "hourly", "fixed", "non-billable"} {
		if !seen[want] {
			t.Errorf("no %s among the demo clients and tasks", want)
		}
	}
}

// Every month of the data can be invoiced: rates fit their currencies,
// fixed prices are done, and nothing confuses the billing engine.
func TestMonthsCanBeInvoiced(t *testing.T) {
	tr, _ := generate(t, Options{Entries: 1500, Seed: 5, End: end})
	inv := invoice.New(tr, func() time.Time { return end })
	ids, err := inv.PrepareMonth(ctx, 2026, time.October)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) == 0 {
		t.Fatal("no client has anything to invoice for October")
	}
	for _, id := range ids {
		if _, err := inv.Get(ctx, fmt.Sprint(id)); err != nil {
			t.Fatal(err)
		}
	}
}

func TestRefusals(t *testing.T) {
	tests := []struct {
		name string
		opt  Options
		msg  string
	}{
		{"NoEntries", Options{Entries: 0}, "--entries"},
		{"TooMany", Options{Entries: MaxEntries + 1}, "--entries"},
		{"TooFewClients", Options{Entries: 10, Clients: 2}, "--clients 2"},
		{"TooManyClients", Options{Entries: 10, Clients: 13}, "--clients 13"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Generate(ctx, newService(t), tc.opt)
			if !inputerr.Is(err) || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("err = %v, want an input error with %q", err, tc.msg)
			}
		})
	}
	t.Run("NotEmpty", func(t *testing.T) {
		tr, _ := generate(t, Options{Entries: 10, Seed: 1, End: end})
		before := dump(t, tr.DB().Reader())
		_, err := Generate(ctx, tr, Options{Entries: 10, Seed: 1, End: end})
		if !inputerr.Is(err) || !strings.Contains(err.Error(), "already holds") {
			t.Fatalf("err = %v", err)
		}
		if dump(t, tr.DB().Reader()) != before {
			t.Fatal("a refused run wrote data")
		}
	})
}
