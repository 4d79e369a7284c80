package billing

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // fixtures name zones; do not depend on the host's tz database

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/money"
)

// The shared worked scenarios (fixtures/README.md). HORAS_FIXTURES points
// at another copy of the billing folder.
const defaultFixtures = "../../../shared/fixtures/billing"

type fixture struct {
	Name     string `json:"name"`
	TimeZone string `json:"time_zone"`
	Client   struct {
		Currency   string  `json:"currency"`
		Rate       string  `json:"rate"`
		Rounding   *string `json:"rounding"`
		Urgent     *string `json:"urgent"`
		Rush       *string `json:"rush"`
		NoticeDays int     `json:"notice_days"`
		TermsDays  int     `json:"terms_days"`
		Lang       string  `json:"lang"`
		Note       string  `json:"note"`
		Retainer   *struct {
			Fee         string  `json:"fee"`
			Hours       string  `json:"hours"`
			OverageRate *string `json:"overage_rate"`
			RolloverCap *string `json:"rollover_cap"`
		} `json:"retainer"`
		Taxes []struct {
			Name string `json:"name"`
			Pct  string `json:"pct"`
		} `json:"taxes"`
	} `json:"client"`
	Tasks []struct {
		Name      string  `json:"name"`
		Billing   string  `json:"billing"`
		Rate      *string `json:"rate"`
		Price     *string `json:"price"`
		Urgency   *string `json:"urgency"`
		Requested *string `json:"requested"`
		Due       *string `json:"due"`
		DoneAt    *string `json:"done_at"`
	} `json:"tasks"`
	Entries []struct {
		Task     string  `json:"task"`
		From     string  `json:"from"`
		To       string  `json:"to"`
		Urgency  *string `json:"urgency"`
		Billable *bool   `json:"billable"`
	} `json:"entries"`
	Invoices []fixtureInvoice `json:"invoices"`
}

type fixtureInvoice struct {
	Month   string  `json:"month"`
	Refused *string `json:"refused"`
	Lines   []struct {
		Kind      string  `json:"kind"`
		Task      *string `json:"task"`
		Quantity  string  `json:"quantity"`
		UnitPrice string  `json:"unit_price"`
		Amount    string  `json:"amount"`
	} `json:"lines"`
	Subtotal string `json:"subtotal"`
	Taxes    []struct {
		Name   string `json:"name"`
		Pct    string `json:"pct"`
		Amount string `json:"amount"`
	} `json:"taxes"`
	Total    string  `json:"total"`
	CarryOut *string `json:"retainer_carry_out_hours"`
}

// wallClockFixtures measure the entry across the end of summer time
// (2026-10-25 01:30+02:00 → 03:30+01:00, Europe/Madrid) as the 2 hours its
// wall clock shows, while the instants, which Horas stores and bills, are
// 3 hours apart (the Python pitfall of subtracting datetimes that share a
// tzinfo). For these the engine must differ from the fixture by exactly that
// hour: with each entry's duration taken from its wall clock it must match.
var wallClockFixtures = map[string]bool{
	"scenario-110": true,
	"scenario-111": true,
}

func TestFixtures(t *testing.T) {
	dir := cmp.Or(os.Getenv("HORAS_FIXTURES"), defaultFixtures)
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		t.Skipf("no fixtures at %s (set HORAS_FIXTURES)", dir)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no *.json fixtures in %s", dir)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".json")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var fx fixture
			if err := json.Unmarshal(raw, &fx); err != nil {
				t.Fatalf("decode %s: %v", file, err)
			}
			in := fixtureInput(t, fx)
			problems := runFixture(t, fx, in)
			if !wallClockFixtures[name] {
				for _, p := range problems {
					t.Error(p)
				}
				return
			}
			if len(problems) == 0 {
				t.Errorf("%s now agrees with durations from instants: remove it from wallClockFixtures", name)
			}
			for i, e := range in.Entries {
				in.Entries[i].End = e.Start.Add(wallClock(e.End, in.Zone).Sub(wallClock(e.Start, in.Zone)))
			}
			for _, p := range runFixture(t, fx, in) {
				t.Errorf("with wall-clock durations: %s", p)
			}
			t.Logf("known discrepancy: the fixture bills the entry across the end of summer time as 2 h, Horas bills the 3 h between its instants")
		})
	}
}

// wallClock reads the clock on the wall in zone as if it were UTC.
func wallClock(at time.Time, zone *time.Location) time.Time {
	l := at.In(zone)
	return time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), l.Nanosecond(), time.UTC)
}

// runFixture computes the fixture's months in order, carrying retainer hours
// from each issued invoice into the next month, and lists every difference.
func runFixture(t *testing.T, fx fixture, in Input) []string {
	t.Helper()
	digits, err := money.Digits(in.Terms.Currency)
	if err != nil {
		t.Fatal(err)
	}
	var problems []string
	carry := decimal.Zero
	var prevIssued time.Time // first day of the month of the last issued invoice
	for _, want := range fx.Invoices {
		month, err := time.Parse("2006-01", want.Month)
		if err != nil {
			t.Fatalf("month %q: %v", want.Month, err)
		}
		in.Year, in.Month = month.Year(), month.Month()
		// Carry comes only from the issued invoice of the month just before.
		in.CarryIn = decimal.Zero
		if !prevIssued.IsZero() && prevIssued.AddDate(0, 1, 0).Equal(month) {
			in.CarryIn = carry
		}
		got, err := Compute(in)
		prevIssued, carry = time.Time{}, decimal.Zero

		if want.Refused != nil {
			if !errors.Is(err, ErrNothingToInvoice) {
				problems = append(problems, fmt.Sprintf("%s: want refused (%s), got err %v and %d lines", want.Month, *want.Refused, err, len(got.Lines)))
			}
			continue
		}
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", want.Month, err))
			continue
		}
		prevIssued = month
		if got.Retainer != nil {
			carry = got.Retainer.CarryOut
		}
		problems = append(problems, diffFixtureInvoice(want, got, digits)...)
	}
	return problems
}

func diffFixtureInvoice(want fixtureInvoice, got Invoice, digits int32) []string {
	var problems []string
	add := func(format string, args ...any) {
		problems = append(problems, want.Month+" "+fmt.Sprintf(format, args...))
	}
	var wantLines, gotLines []string
	for _, l := range want.Lines {
		task := ""
		if l.Task != nil {
			task = *l.Task
		}
		wantLines = append(wantLines, fmt.Sprintf("%s|%s|%s|%s|%s", l.Kind, task, l.Quantity, l.UnitPrice, l.Amount))
	}
	for _, l := range got.Lines {
		gotLines = append(gotLines, fmt.Sprintf("%s|%s|%s|%s|%s", l.Kind, l.Task, quantityString(l),
			l.UnitPrice.StringFixed(digits), l.Amount.StringFixed(digits)))
	}
	slices.Sort(wantLines)
	slices.Sort(gotLines)
	if !slices.Equal(wantLines, gotLines) {
		add("lines (kind|task|qty|unit|amount):\n got  %s\n want %s",
			strings.Join(gotLines, "\n      "), strings.Join(wantLines, "\n      "))
	}
	if s := got.Subtotal.StringFixed(digits); s != want.Subtotal {
		add("subtotal = %s, want %s", s, want.Subtotal)
	}
	if s := got.Total.StringFixed(digits); s != want.Total {
		add("total = %s, want %s", s, want.Total)
	}
	if len(got.Taxes) != len(want.Taxes) {
		add("%d taxes, want %d", len(got.Taxes), len(want.Taxes))
	} else {
		for i, w := range want.Taxes {
			g := got.Taxes[i]
			pct, err := decimal.NewFromString(w.Pct)
			if g.Name != w.Name || err != nil || !g.Pct.Equal(pct) || g.Amount.StringFixed(digits) != w.Amount {
				add("tax %d = %s %s %s, want %s %s %s", i, g.Name, g.Pct, g.Amount.StringFixed(digits), w.Name, w.Pct, w.Amount)
			}
		}
	}
	switch {
	case want.CarryOut == nil && got.Retainer != nil:
		add("retainer carry out %s, want no retainer", got.Retainer.CarryOut)
	case want.CarryOut != nil && got.Retainer == nil:
		add("no retainer, want carry out %s", *want.CarryOut)
	case want.CarryOut != nil:
		if c, err := decimal.NewFromString(*want.CarryOut); err != nil || !got.Retainer.CarryOut.Equal(c) {
			add("carry out %s, want %s", got.Retainer.CarryOut, *want.CarryOut)
		}
	}
	return problems
}

// quantityString writes hours with 2 decimals and the one unit of retainer
// and fixed lines as "1", as the fixtures do.
func quantityString(l Line) string {
	if l.Kind == LineRetainer || l.Kind == LineFixed {
		return l.Quantity.String()
	}
	return l.Quantity.StringFixed(2)
}

func fixtureInput(t *testing.T, fx fixture) Input {
	t.Helper()
	zone, err := time.LoadLocation(fx.TimeZone)
	if err != nil {
		t.Fatal(err)
	}
	c := fx.Client
	terms := Terms{
		Currency:   c.Currency,
		Rate:       mustDec(t, c.Rate),
		Urgent:     DefaultUrgent,
		Rush:       DefaultRush,
		NoticeDays: c.NoticeDays,
		TermsDays:  c.TermsDays,
		Note:       c.Note,
	}
	if c.Rounding != nil {
		if terms.Rounding, err = ParseRounding(*c.Rounding); err != nil {
			t.Fatal(err)
		}
	}
	if c.Urgent != nil {
		terms.Urgent = mustDec(t, *c.Urgent)
	}
	if c.Rush != nil {
		terms.Rush = mustDec(t, *c.Rush)
	}
	if r := c.Retainer; r != nil {
		terms.Retainer = &Retainer{Fee: mustDec(t, r.Fee), Hours: mustDec(t, r.Hours)}
		if r.OverageRate != nil {
			terms.Retainer.OverageRate = decimal.NewNullDecimal(mustDec(t, *r.OverageRate))
		}
		if r.RolloverCap != nil {
			terms.Retainer.RolloverCap = mustDec(t, *r.RolloverCap)
		}
	}
	for _, tax := range c.Taxes {
		terms.Taxes = append(terms.Taxes, Tax{Name: tax.Name, Pct: mustDec(t, tax.Pct)})
	}

	in := Input{Terms: terms, Zone: zone, Lang: c.Lang}
	ids := map[string]int64{}
	for i, ft := range fx.Tasks {
		kind, err := ParseKind(ft.Billing)
		if err != nil {
			t.Fatal(err)
		}
		task := Task{ID: int64(i + 1), Name: ft.Name, Kind: kind}
		if ft.Rate != nil {
			task.Rate = decimal.NewNullDecimal(mustDec(t, *ft.Rate))
		}
		if ft.Price != nil {
			task.Price = mustDec(t, *ft.Price)
		}
		if ft.Urgency != nil {
			if task.Urgency, err = ParseUrgency(*ft.Urgency); err != nil {
				t.Fatal(err)
			}
		}
		task.Requested = optTime(t, ft.Requested)
		task.Due = optTime(t, ft.Due)
		task.DoneAt = optTime(t, ft.DoneAt)
		ids[ft.Name] = task.ID
		in.Tasks = append(in.Tasks, task)
	}
	for i, fe := range fx.Entries {
		id, ok := ids[fe.Task]
		if !ok {
			t.Fatalf("entry %d: unknown task %q", i, fe.Task)
		}
		e := Entry{ID: int64(i + 1), TaskID: id, Start: mustTime(t, fe.From), End: mustTime(t, fe.To)}
		if fe.Urgency != nil {
			if e.Urgency, err = ParseUrgency(*fe.Urgency); err != nil {
				t.Fatal(err)
			}
		}
		e.NonBillable = fe.Billable != nil && !*fe.Billable
		in.Entries = append(in.Entries, e)
	}
	return in
}

func mustDec(t testing.TB, s string) decimal.Decimal {
	t.Helper()
	d, err := decimal.NewFromString(s)
	if err != nil {
		t.Fatalf("decimal %q: %v", s, err)
	}
	return d
}

func mustTime(t testing.TB, s string) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("time %q: %v", s, err)
	}
	return at
}

func optTime(t testing.TB, s *string) time.Time {
	if s == nil {
		return time.Time{}
	}
	return mustTime(t, *s)
}
