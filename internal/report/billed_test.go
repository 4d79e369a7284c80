package report

import (
	"fmt"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/tracking"
)

func (f *fixture) issue(c tracking.Client, m time.Month, day string) string {
	f.t.Helper()
	d, _ := time.Parse("2006-01-02", day)
	num, err := f.inv.Create(ctx, c.ID, 2026, m, d)
	if err != nil {
		f.t.Fatal(err)
	}
	return num
}

func (f *fixture) editClient(c tracking.Client, edit func(*tracking.Client)) {
	f.t.Helper()
	c, err := f.tr.Client(ctx, c.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	edit(&c)
	if err := f.tr.UpdateClient(ctx, c); err != nil {
		f.t.Fatal(err)
	}
}

// Acme's November invoice bills Inbox 60, Bookkeeping 90 and Website 500.
// What happens after it is issued must not change what it billed.
func TestIssuedInvoiceAmountsStand(t *testing.T) {
	tests := []struct {
		name  string
		after func(f *fixture, number string)
		rows  []want
	}{
		{
			// The rate goes up and an hour is logged late: billed stays as
			// invoiced, the hour dilutes Inbox's rate (60 / 3.25 h).
			name: "RateChangeAndLateEntry",
			after: func(f *fixture, _ string) {
				f.editClient(f.acme, func(c *tracking.Client) { c.Rate = dec("50") })
				f.entry("Acme/Inbox", "2026-11-20 09:00", "2026-11-20 10:00", false)
			},
			rows: []want{
				{"Acme/Inbox", 11700, 9000, 2700, "3.25", "41.9", "60.00", "18.46", "18.46", false},
				{"Acme/Bookkeeping", 7200, 7200, 0, "2", "25.8", "90.00", "45.00", "45.00", false},
				{"Acme/Website", 7200, 7200, 0, "2", "25.8", "500.00", "250.00", "250.00", false},
				{"Acme/Admin", 1800, 0, 1800, "0.5", "6.5", "0", "0", "0", false},
			},
		},
		{
			// The "Bookkeeping" line matches no task now: its 90 is spread
			// by hours, Inbox 90 × 1.5 / 3.5 = 38.57, Books 51.43.
			name: "TaskRenamed",
			after: func(f *fixture, _ string) {
				tk, err := f.tr.Task(ctx, f.tasks["Acme/Bookkeeping"])
				if err != nil {
					t.Fatal(err)
				}
				tk.Name = "Books"
				if err := f.tr.UpdateTask(ctx, tk); err != nil {
					t.Fatal(err)
				}
			},
			rows: []want{
				{"Acme/Inbox", 8100, 5400, 2700, "2.25", "33.3", "98.57", "43.81", "43.81", false},
				{"Acme/Books", 7200, 7200, 0, "2", "29.6", "51.43", "25.72", "25.72", false},
				{"Acme/Website", 7200, 7200, 0, "2", "29.6", "500.00", "250.00", "250.00", false},
				{"Acme/Admin", 1800, 0, 1800, "0.5", "7.4", "0", "0", "0", false},
			},
		},
		{
			// A credit of 10 is spread like a fee: −4.29 and −5.71.
			name: "PartialCredit",
			after: func(f *fixture, number string) {
				ten := dec("10")
				if _, err := f.inv.Credit(ctx, number, &ten, "discount", time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)); err != nil {
					t.Fatal(err)
				}
			},
			rows: []want{
				{"Acme/Inbox", 8100, 5400, 2700, "2.25", "33.3", "55.71", "24.76", "24.76", false},
				{"Acme/Bookkeeping", 7200, 7200, 0, "2", "29.6", "84.29", "42.15", "42.15", false},
				{"Acme/Website", 7200, 7200, 0, "2", "29.6", "500.00", "250.00", "250.00", false},
				{"Acme/Admin", 1800, 0, 1800, "0.5", "7.4", "0", "0", "0", false},
			},
		},
		{
			// A full credit cancels the invoice: the month is worth what
			// its work bills now, Inbox 1.5 h at the new 50.
			name: "FullCreditThenNewRate",
			after: func(f *fixture, number string) {
				if _, err := f.inv.Credit(ctx, number, nil, "wrong rate", time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)); err != nil {
					t.Fatal(err)
				}
				f.editClient(f.acme, func(c *tracking.Client) { c.Rate = dec("50") })
			},
			rows: []want{
				{"Acme/Inbox", 8100, 5400, 2700, "2.25", "33.3", "75.00", "33.33", "33.33", false},
				{"Acme/Bookkeeping", 7200, 7200, 0, "2", "29.6", "90.00", "45.00", "45.00", false},
				{"Acme/Website", 7200, 7200, 0, "2", "29.6", "500.00", "250.00", "250.00", false},
				{"Acme/Admin", 1800, 0, 1800, "0.5", "7.4", "0", "0", "0", false},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			number := f.issue(f.acme, time.November, "2026-11-20")
			tc.after(f, number)
			r := f.timeReport(month(2026, time.November), f.acme.ID, 0)
			checkRows(t, r.Rows, tc.rows)
		})
	}
}

// Sunrise's retainer: 300 USD for 10 h, overage at 35.
func TestRetainer(t *testing.T) {
	tests := []struct {
		name         string
		setup        func(f *fixture)
		rows         []want
		unattributed string
	}{
		{
			// 12 h: 10 used, 2 over at 35 = 70; 300 + 70 = 370 by hours,
			// Listings 370 × 8 / 12 = 246.67, Calls 123.33.
			name: "Overage",
			setup: func(f *fixture) {
				f.entry("Sunrise/Listings", "2026-10-05 09:00", "2026-10-05 17:00", false)
				f.entry("Sunrise/Calls", "2026-10-06 09:00", "2026-10-06 13:00", false)
			},
			rows: []want{
				{"Sunrise/Listings", 28800, 28800, 0, "8", "66.7", "246.67", "30.83", "null", true},
				{"Sunrise/Calls", 14400, 14400, 0, "4", "33.3", "123.33", "30.83", "null", true},
			},
			unattributed: "0",
		},
		{
			// No hourly time: the fee stays on the client.
			name: "FeeWithoutHours",
			setup: func(f *fixture) {
				id := f.task("Sunrise", billing.Task{Name: "Brochure", Kind: billing.Fixed, Price: dec("200")})
				f.entry("Sunrise/Brochure", "2026-10-19 10:00", "2026-10-19 12:00", false)
				if err := f.tr.MarkDone(ctx, id, local("2026-10-20 12:00")); err != nil {
					t.Fatal(err)
				}
			},
			rows: []want{
				{"Sunrise/Brochure", 7200, 7200, 0, "2", "100.0", "200.00", "100.00", "null", true},
			},
			unattributed: "300",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			tc.setup(f)
			r := f.timeReport(month(2026, time.October), f.sun.ID, 0)
			checkRows(t, r.Rows, tc.rows)
			if len(r.Clients) != 1 || !r.Clients[0].Unattributed.Equal(dec(tc.unattributed)) {
				t.Fatalf("clients %+v", r.Clients)
			}
			var sum decimal.Decimal
			for _, row := range r.Rows {
				sum = sum.Add(row.Billed)
			}
			if c := r.Clients[0]; !c.Billed.Equal(sum.Add(c.Unattributed)) {
				t.Errorf("client billed %s, rows %s + unattributed %s", c.Billed, sum, c.Unattributed)
			}
		})
	}
}

func TestSpread(t *testing.T) {
	tests := []struct {
		name    string
		amount  string
		weights []string
		digits  int32
		want    []string
	}{
		{"Even", "300", []string{"5.5", "1"}, 2, []string{"253.85", "46.15"}},
		{"RemainderOnLargest", "100", []string{"1", "1", "1", "3"}, 2, []string{"16.67", "16.67", "16.67", "49.99"}},
		{"RemainderOnFirstOfEquals", "100", []string{"1", "1", "1"}, 2, []string{"33.34", "33.33", "33.33"}},
		{"RoundedUpTooFar", "0.05", []string{"1", "1"}, 2, []string{"0.02", "0.03"}},
		{"Negative", "-10", []string{"1.5", "2"}, 2, []string{"-4.29", "-5.71"}},
		{"Yen", "1000", []string{"1", "1", "1"}, 0, []string{"334", "333", "333"}},
		{"ZeroWeightGetsNothing", "90", []string{"0", "2"}, 2, []string{"0", "90"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ws := make([]decimal.Decimal, len(tc.weights))
			for i, w := range tc.weights {
				ws[i] = dec(w)
			}
			got, ok := spread(dec(tc.amount), ws, tc.digits)
			if !ok {
				t.Fatal("not spread")
			}
			sum := decimal.Zero
			for i, g := range got {
				if !g.Equal(dec(tc.want[i])) {
					t.Errorf("share %d = %s, want %s", i, g, tc.want[i])
				}
				sum = sum.Add(g)
			}
			if !sum.Equal(dec(tc.amount)) {
				t.Errorf("shares add up to %s, want %s", sum, tc.amount)
			}
		})
	}
	if _, ok := spread(dec("5"), []decimal.Decimal{decimal.Zero}, 2); ok {
		t.Error("spread over no hours")
	}
}

// The engine must bill a month's buckets exactly as it bills the entries
// one by one, whatever the rounding rule and urgencies.
func TestBucketsBillLikeEntries(t *testing.T) {
	zone := madrid
	tasks := []billing.Task{
		{ID: 1, Name: "Inbox", Kind: billing.Hourly},
		{ID: 2, Name: "Launch", Kind: billing.Hourly, Rate: decimal.NewNullDecimal(dec("55.5")), Urgency: billing.Urgent},
		{ID: 3, Name: "Logo", Kind: billing.Fixed, Price: dec("120"), DoneAt: time.Date(2026, 11, 12, 10, 0, 0, 0, zone)},
		{ID: 4, Name: "Admin", Kind: billing.NonBillable},
	}
	// Durations chosen to fall on, under and over 6, 15 and 30 minute marks.
	durations := []int64{59, 359, 360, 361, 449, 450, 451, 899, 900, 901, 1799, 1800, 2701, 5399, 7261}
	urgencies := []billing.Urgency{"", billing.Normal, billing.Urgent, billing.Rush}
	var entries []billing.Entry
	at := time.Date(2026, 11, 2, 8, 0, 0, 0, zone)
	for i, d := range durations {
		for j, u := range urgencies {
			task := int64(1 + (i+j)%4)
			e := billing.Entry{ID: int64(len(entries) + 1), TaskID: task, Start: at, End: at.Add(time.Duration(d) * time.Second),
				Urgency: u, NonBillable: (i+j)%7 == 0}
			entries = append(entries, e)
			at = e.End.Add(time.Minute)
		}
	}
	retainer := &billing.Retainer{Fee: dec("200"), Hours: dec("5"), RolloverCap: dec("2")}
	for _, rounding := range []string{"", "6m:up", "6m:nearest", "15m:up", "15m:nearest", "15m:down", "30m:up", "30m:down"} {
		for _, ret := range []*billing.Retainer{nil, retainer} {
			t.Run(fmt.Sprintf("%s/retainer=%v", rounding, ret != nil), func(t *testing.T) {
				r, err := billing.ParseRounding(rounding)
				if err != nil {
					t.Fatal(err)
				}
				terms := billing.Terms{Currency: "EUR", Rate: dec("40"), Rounding: r, Urgent: dec("1.5"), Rush: dec("2"), Retainer: ret}
				in := billing.Input{Terms: terms, Tasks: tasks, Entries: entries, Year: 2026, Month: time.November, Zone: zone, CarryIn: dec("1.5")}
				want, err := billing.Compute(in)
				if err != nil {
					t.Fatal(err)
				}
				cm := newClientMonth(1, keyOf(2026, time.November), 0, 1)
				byID := map[int64]*tracking.Task{}
				for _, bt := range tasks {
					byID[bt.ID] = &tracking.Task{Task: bt}
				}
				for _, e := range entries {
					d := int64(e.End.Sub(e.Start) / time.Second)
					cm.add(byID[e.TaskID], r, e.Start.Unix(), d, true, e.NonBillable, e.Urgency, 0)
				}
				in.Entries, _ = cm.entries(func(int64) bool { return true })
				got, err := billing.Compute(in)
				if err != nil {
					t.Fatal(err)
				}
				if !got.Subtotal.Equal(want.Subtotal) {
					t.Errorf("subtotal %s, want %s", got.Subtotal, want.Subtotal)
				}
				lines := func(inv billing.Invoice) (out []string) {
					for _, l := range inv.Lines {
						if !l.Amount.IsZero() { // a bucket rounded to nothing adds no zero line
							out = append(out, fmt.Sprintf("%s %d %s %s %s", l.Kind, l.TaskID, l.Quantity, l.UnitPrice, l.Amount))
						}
					}
					return out
				}
				if g, w := fmt.Sprint(lines(got)), fmt.Sprint(lines(want)); g != w {
					t.Errorf("lines\n%s\nwant\n%s", g, w)
				}
				if fmt.Sprint(got.Retainer) != fmt.Sprint(want.Retainer) {
					t.Errorf("retainer %+v, want %+v", got.Retainer, want.Retainer)
				}
			})
		}
	}
}
