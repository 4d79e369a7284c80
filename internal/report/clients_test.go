package report

import (
	"fmt"
	"testing"
	"time"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/tracking"
)

type wantClient struct {
	name, hours, billed, rate, rateHome string
	unbilledSecs                        int64
	unbilled                            string
	retainer                            []string // "2026-10 invoiced in 0 avail 10 used 6 over 0 out 4"
}

func retainerText(ms []RetainerMonth) []string {
	var out []string
	for _, m := range ms {
		out = append(out, fmt.Sprintf("%d-%02d invoiced=%v in %s avail %s used %s over %s out %s", m.Year, m.Month, m.Invoiced,
			m.CarryIn, m.Available, m.Used, m.Overage, m.CarryOut))
	}
	return out
}

func TestClients(t *testing.T) {
	tests := []struct {
		name    string
		setup   func(f *fixture)
		period  Period
		clients []wantClient
		billed  string // per currency
		unbill  string
		home    string // billed, unbilled in EUR
	}{
		{
			// Acme's November is invoiced (650), then an hour is logged at
			// the new rate 50: unbilled 1 h worth 50. Sunrise is not
			// invoiced: all its time and the 300 fee are unbilled.
			name: "InvoicedWithLateHour",
			setup: func(f *fixture) {
				f.issue(f.acme, time.November, "2026-11-20")
				f.editClient(f.acme, func(c *tracking.Client) { c.Rate = dec("50") })
				f.entry("Acme/Inbox", "2026-11-20 09:00", "2026-11-20 10:00", false)
			},
			period: month(2026, time.November),
			clients: []wantClient{
				{"Acme", "7.75", "650.00", "83.87", "83.87", 3600, "50.00", nil},
				{"Sunrise", "6.5", "300.00", "46.15", "42.46", 23400, "300.00",
					[]string{"2026-11 invoiced=false in 0 avail 10 used 6.5 over 0 out 0"}},
			},
			billed: "[{EUR 650} {USD 300}]", unbill: "[{EUR 50} {USD 300}]", home: "926 326",
		},
		{
			// October leaves 4 h unused under a 5 h rollover cap; its
			// invoice carries them into November: 14 h available, 6.5 used,
			// 5 carried on (the cap).
			name: "RetainerCarry",
			setup: func(f *fixture) {
				f.editClient(f.sun, func(c *tracking.Client) { c.Retainer.RolloverCap = dec("5") })
				f.entry("Sunrise/Listings", "2026-10-05 09:00", "2026-10-05 15:00", false)
				f.issue(f.sun, time.October, "2026-11-02")
			},
			period: days("2026-10-01", "2026-11-30"),
			clients: []wantClient{
				// October 1 h × 40 + November 650, none invoiced: 16200 s
				// of hourly time (Website is a fixed price).
				{"Acme", "7.75", "690.00", "89.03", "89.03", 16200, "690.00", nil},
				{"Sunrise", "12.5", "600.00", "48.00", "44.16", 23400, "300.00", []string{
					"2026-10 invoiced=true in 0 avail 10 used 6 over 0 out 4",
					"2026-11 invoiced=false in 4 avail 14 used 6.5 over 0 out 5",
				}},
			},
			billed: "[{EUR 690} {USD 600}]", unbill: "[{EUR 690} {USD 300}]", home: "1242 966",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.rate("USD", "0.92", "2026-11-01")
			old, err := f.tr.AddClient(ctx, tracking.NewClient("Old Co", "EUR", dec("30")))
			if err != nil {
				t.Fatal(err)
			}
			f.editClient(old, func(c *tracking.Client) { c.Archived = true })
			tc.setup(f)
			r, err := f.rep.Clients(ctx, f.db.Reader(), tc.period)
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Clients) != len(tc.clients) {
				t.Fatalf("%d clients, want %d: %+v", len(r.Clients), len(tc.clients), r.Clients)
			}
			for i, w := range tc.clients {
				c := r.Clients[i]
				if c.Client != w.name || !c.Hours.Equal(dec(w.hours)) || !c.Billed.Equal(dec(w.billed)) ||
					!eqNull(c.EffectiveRate, w.rate) || !eqNull(c.EffectiveRateHome, w.rateHome) {
					t.Errorf("%s: hours %s billed %s rate %s home %s, want %+v", c.Client, c.Hours, c.Billed,
						nullString(c.EffectiveRate), nullString(c.EffectiveRateHome), w)
				}
				if c.UnbilledSeconds != w.unbilledSecs || !c.Unbilled.Equal(dec(w.unbilled)) {
					t.Errorf("%s: unbilled %d s %s, want %d s %s", c.Client, c.UnbilledSeconds, c.Unbilled, w.unbilledSecs, w.unbilled)
				}
				if got := retainerText(c.Retainer); fmt.Sprint(got) != fmt.Sprint(w.retainer) {
					t.Errorf("%s: retainer\n%v\nwant\n%v", c.Client, got, w.retainer)
				}
			}
			if got := fmt.Sprint(r.Billed); got != tc.billed {
				t.Errorf("billed %s, want %s", got, tc.billed)
			}
			if got := fmt.Sprint(r.Unbilled); got != tc.unbill {
				t.Errorf("unbilled %s, want %s", got, tc.unbill)
			}
			if got := nullString(r.BilledHome) + " " + nullString(r.UnbilledHome); got != tc.home {
				t.Errorf("home %s, want %s", got, tc.home)
			}
		})
	}
}

func TestDeadlines(t *testing.T) {
	f := newFixture(t)
	f.task("Acme", billing.Task{Name: "Tax filing", Requested: local("2026-11-19 09:00"), Due: local("2026-11-20 08:00")})
	f.task("Sunrise", billing.Task{Name: "Brochure", Requested: local("2026-11-10 09:00"), Due: local("2026-11-25 12:00")})
	done := f.task("Acme", billing.Task{Name: "Old report", Due: local("2026-11-01 12:00")})
	if err := f.tr.MarkDone(ctx, done, local("2026-11-01 10:00")); err != nil {
		t.Fatal(err)
	}
	inbox, err := f.tr.Task(ctx, f.tasks["Acme/Inbox"])
	if err != nil {
		t.Fatal(err)
	}
	inbox.Urgency, inbox.Requested, inbox.Due = billing.Normal, local("2026-11-29 09:00"), local("2026-11-30 18:00")
	if err := f.tr.UpdateTask(ctx, inbox); err != nil {
		t.Fatal(err)
	}
	old, err := f.tr.AddClient(ctx, tracking.NewClient("Old Co", "EUR", dec("30")))
	if err != nil {
		t.Fatal(err)
	}
	f.task("Old Co", billing.Task{Name: "Archive", Due: local("2026-11-21 12:00")})
	f.editClient(old, func(c *tracking.Client) { c.Archived = true })

	got, err := f.rep.Deadlines(ctx, f.db.Reader())
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		name      string
		urgency   billing.Urgency
		suggested bool
		secs      int64
		hours     string
		overdue   bool
		left      time.Duration
	}{
		// Asked 23 h before it was due: rush; due this morning.
		{"Acme/Tax filing", billing.Rush, true, 0, "0", true, -(8*time.Hour + 30*time.Minute)},
		// 15 days' notice against Sunrise's 20: urgent.
		{"Sunrise/Brochure", billing.Urgent, true, 0, "0", false, 4*24*time.Hour + 19*time.Hour + 30*time.Minute},
		// A day's notice, but set to normal by hand; 3.25 h tracked since October.
		{"Acme/Inbox", billing.Normal, false, 11700, "3.25", false, 10*24*time.Hour + 90*time.Minute},
	}
	if len(got) != len(want) {
		t.Fatalf("%d deadlines %+v, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		d := got[i]
		if name := d.Client + "/" + d.Task; name != w.name {
			t.Errorf("deadline %d is %s, want %s", i, name, w.name)
			continue
		}
		if d.Urgency != w.urgency || d.Suggested != w.suggested || d.Seconds != w.secs || !d.Hours.Equal(dec(w.hours)) ||
			d.Overdue != w.overdue || d.Left != w.left {
			t.Errorf("%s: %s suggested=%v %d s %s h overdue=%v left %s, want %+v", w.name, d.Urgency, d.Suggested,
				d.Seconds, d.Hours, d.Overdue, d.Left, w)
		}
	}
}
