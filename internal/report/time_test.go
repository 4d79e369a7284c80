package report

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/inputerr"
)

// want is one expected row; hours, share and money as the report prints them.
type want struct {
	name                    string // Client/Task
	secs, billable, nonBill int64
	hours, share, billed    string
	rate, rateHome          string // "null" when unset
	noRate                  bool
}

func checkRows(t *testing.T, got []TaskRow, rows []want) {
	t.Helper()
	if len(got) != len(rows) {
		names := make([]string, len(got))
		for i, r := range got {
			names[i] = r.Client + "/" + r.Task
		}
		t.Fatalf("%d rows %v, want %d", len(got), names, len(rows))
	}
	for i, w := range rows {
		r := got[i]
		if name := r.Client + "/" + r.Task; name != w.name {
			t.Errorf("row %d is %s, want %s", i, name, w.name)
			continue
		}
		if r.Seconds != w.secs || r.BillableSeconds != w.billable || r.NonBillableSeconds != w.nonBill {
			t.Errorf("%s: seconds %d (billable %d, non-billable %d), want %d (%d, %d)", w.name,
				r.Seconds, r.BillableSeconds, r.NonBillableSeconds, w.secs, w.billable, w.nonBill)
		}
		if !r.Hours.Equal(dec(w.hours)) || !r.Share.Equal(dec(w.share)) || !r.Billed.Equal(dec(w.billed)) {
			t.Errorf("%s: hours %s share %s billed %s, want %s %s %s", w.name, r.Hours, r.Share, r.Billed, w.hours, w.share, w.billed)
		}
		if !eqNull(r.EffectiveRate, w.rate) || !eqNull(r.EffectiveRateHome, w.rateHome) || r.NoRate != w.noRate {
			t.Errorf("%s: rate %s home %s (no rate %v), want %s %s (%v)", w.name, nullString(r.EffectiveRate),
				nullString(r.EffectiveRateHome), r.NoRate, w.rate, w.rateHome, w.noRate)
		}
	}
}

// November in full, hand-computed from the fixture. Acme's month bills
// Inbox 1.50 h × 40 = 60, Bookkeeping 2 h × 45 = 90, Website 500. Sunrise
// has 6.50 h inside its 10 h retainer: the 300 fee goes by hours, Listings
// 300 × 5.5 / 6.5 = 253.85 and Calls 300 × 1 / 6.5 = 46.15. The running
// Listings entry counts 1.5 h up to 16:30. 1 USD = 0.92 EUR.
var november = []want{
	{"Sunrise/Listings", 19800, 19800, 0, "5.5", "41.5", "253.85", "46.15", "42.46", false},
	{"Acme/Inbox", 8100, 5400, 2700, "2.25", "17.0", "60.00", "26.67", "26.67", false},
	{"Acme/Bookkeeping", 7200, 7200, 0, "2", "15.1", "90.00", "45.00", "45.00", false},
	{"Acme/Website", 7200, 7200, 0, "2", "15.1", "500.00", "250.00", "250.00", false},
	{"Sunrise/Calls", 3600, 3600, 0, "1", "7.5", "46.15", "46.15", "42.46", false},
	{"Acme/Admin", 1800, 0, 1800, "0.5", "3.8", "0", "0", "0", false},
}

func TestTimeReport(t *testing.T) {
	tests := []struct {
		name    string
		period  Period
		client  string // "" for all
		top     int
		rates   bool
		rows    []want
		omitted int
	}{
		{name: "November", period: month(2026, time.November), rates: true, rows: november},
		{name: "Top2", period: month(2026, time.November), top: 2, rates: true, rows: november[:2], omitted: 4},
		{name: "October", period: month(2026, time.October), rates: true, rows: []want{
			{"Acme/Inbox", 3600, 3600, 0, "1", "100.0", "40.00", "40.00", "40.00", false},
		}},
		// Part of a month: Listings has 14400 of its 19800 billed seconds in
		// the period, 253.85 × 14400 / 19800 = 184.62; 184.62 / 4 = 46.155
		// rounds half away from zero. Website's time is all after the 5th.
		{name: "FirstFiveDays", period: days("2026-11-01", "2026-11-05"), rates: true, rows: []want{
			{"Sunrise/Listings", 14400, 14400, 0, "4", "48.5", "184.62", "46.16", "42.47", false},
			{"Acme/Inbox", 8100, 5400, 2700, "2.25", "27.3", "60.00", "26.67", "26.67", false},
			{"Acme/Bookkeeping", 7200, 7200, 0, "2", "24.2", "90.00", "45.00", "45.00", false},
		}},
		// An entry belongs to the day it starts: Bookkeeping's 23:00–01:00
		// is all on the 3rd, whose only Inbox time is non-billable.
		{name: "AcrossMidnightGoesByStart", period: days("2026-11-03", "2026-11-03"), rates: true, rows: []want{
			{"Acme/Bookkeeping", 7200, 7200, 0, "2", "72.7", "90.00", "45.00", "45.00", false},
			{"Acme/Inbox", 2700, 0, 2700, "0.75", "27.3", "0.00", "0.00", "0.00", false},
		}},
		{name: "NextDayHasNothing", period: days("2026-11-04", "2026-11-04"), rates: true},
		{name: "OneClient", period: month(2026, time.November), client: "Sunrise", rates: true, rows: []want{
			{"Sunrise/Listings", 19800, 19800, 0, "5.5", "84.6", "253.85", "46.15", "42.46", false},
			{"Sunrise/Calls", 3600, 3600, 0, "1", "15.4", "46.15", "46.15", "42.46", false},
		}},
		{name: "NoRate", period: month(2026, time.November), client: "Sunrise", rows: []want{
			{"Sunrise/Listings", 19800, 19800, 0, "5.5", "84.6", "253.85", "46.15", "null", true},
			{"Sunrise/Calls", 3600, 3600, 0, "1", "15.4", "46.15", "46.15", "null", true},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			if tc.rates {
				f.rate("USD", "0.92", "2026-11-01")
			}
			var id int64
			if tc.client != "" {
				id = map[string]int64{"Acme": f.acme.ID, "Sunrise": f.sun.ID}[tc.client]
			}
			r := f.timeReport(tc.period, id, tc.top)
			checkRows(t, r.Rows, tc.rows)
			if r.Omitted != tc.omitted {
				t.Errorf("omitted %d, want %d", r.Omitted, tc.omitted)
			}
			var sum decimal.Decimal
			for _, row := range r.Rows {
				sum = sum.Add(row.Share)
			}
			// Each share is rounded on its own: together they may miss 100
			// by half a tenth per row, never more.
			if n := len(r.Rows); n > 0 && tc.top == 0 && sum.Sub(dec("100")).Abs().GreaterThan(dec("0.05").Mul(decimal.NewFromInt(int64(n)))) {
				t.Errorf("shares add up to %s", sum)
			}
		})
	}
}

func TestTimeReportTotals(t *testing.T) {
	tests := []struct {
		name                 string
		rates                bool
		billedHome, rateHome string
		missing              string
		sunRateHome          string
	}{
		// 650 EUR + 300 USD × 0.92 = 926 EUR over 13.25 h.
		{name: "WithRate", rates: true, billedHome: "926", rateHome: "69.89", sunRateHome: "42.46"},
		{name: "NoRate", billedHome: "null", rateHome: "null", missing: "USD", sunRateHome: "null"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			if tc.rates {
				f.rate("USD", "0.92", "2026-11-01")
			}
			r := f.timeReport(month(2026, time.November), 0, 0)
			tot := r.Total
			if tot.Seconds != 47700 || !tot.Hours.Equal(dec("13.25")) || tot.BillableSeconds != 43200 || tot.NonBillableSeconds != 4500 {
				t.Errorf("total %d s %s h (billable %d, non-billable %d)", tot.Seconds, tot.Hours, tot.BillableSeconds, tot.NonBillableSeconds)
			}
			if len(tot.Billed) != 2 || tot.Billed[0].Currency != "EUR" || !tot.Billed[0].Value.Equal(dec("650")) ||
				tot.Billed[1].Currency != "USD" || !tot.Billed[1].Value.Equal(dec("300")) {
				t.Errorf("billed %v", tot.Billed)
			}
			if !eqNull(tot.BilledHome, tc.billedHome) || !eqNull(tot.EffectiveRateHome, tc.rateHome) ||
				strings.Join(tot.MissingRates, ",") != tc.missing {
				t.Errorf("home %s rate %s missing %v", nullString(tot.BilledHome), nullString(tot.EffectiveRateHome), tot.MissingRates)
			}
			if r.Home != "EUR" || !r.RateDay.Equal(time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("home %s on %s", r.Home, r.RateDay)
			}
			// Acme 6.75 h for 650 EUR; Sunrise 6.50 h for 300 USD.
			if len(r.Clients) != 2 {
				t.Fatalf("clients %v", r.Clients)
			}
			acme, sun := r.Clients[0], r.Clients[1]
			if acme.Client != "Acme" || acme.Seconds != 24300 || !acme.Share.Equal(dec("50.9")) || !acme.Billed.Equal(dec("650")) ||
				!eqNull(acme.EffectiveRate, "96.30") || acme.Tasks != 4 {
				t.Errorf("Acme %+v", acme)
			}
			if sun.Client != "Sunrise" || sun.Seconds != 23400 || !sun.Share.Equal(dec("49.1")) || !sun.Billed.Equal(dec("300")) ||
				!eqNull(sun.EffectiveRate, "46.15") || !eqNull(sun.EffectiveRateHome, tc.sunRateHome) || sun.NoRate != !tc.rates {
				t.Errorf("Sunrise %+v", sun)
			}
		})
	}
}

func TestRunningEntryCountsUpToNow(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct {
		now  string
		secs int64
	}{{"2026-11-20 16:30", 19800}, {"2026-11-20 17:30", 23400}} {
		f.now = local(tc.now)
		r := f.timeReport(month(2026, time.November), f.sun.ID, 0)
		if got := r.row(t, "Sunrise/Listings").Seconds; got != tc.secs {
			t.Errorf("at %s Listings has %d s, want %d", tc.now, got, tc.secs)
		}
	}
}

func TestRateDayIsThePeriodsLastDay(t *testing.T) {
	tests := []struct {
		name, day, want string
	}{
		{"RateBeforeEnd", "2026-11-30", "42.46"},
		{"RateAfterEnd", "2026-12-01", "null"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.rate("USD", "0.92", tc.day)
			r := f.timeReport(month(2026, time.November), f.sun.ID, 0)
			if got := r.row(t, "Sunrise/Calls").EffectiveRateHome; !eqNull(got, tc.want) {
				t.Errorf("home rate %s, want %s", nullString(got), tc.want)
			}
		})
	}
}

func TestPeriodRefusals(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name   string
		period Period
		client int64
		msg    string
	}{
		{"EndsBeforeStart", Period{From: local("2026-11-05 00:00"), To: local("2026-11-01 00:00")}, 0, "ends"},
		{"UnknownClient", month(2026, time.November), 999, "not found"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.rep.TimeReport(ctx, f.db.Reader(), tc.period, tc.client, 0)
			if !inputerr.Is(err) || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("err = %v, want an input error with %q", err, tc.msg)
			}
		})
	}
	if _, err := f.rep.TimeReport(ctx, f.db.Reader(), Period{}, 0, 0); err != nil {
		t.Fatalf("all time: %v", errors.Unwrap(err))
	}
}

func TestAllTime(t *testing.T) {
	f := newFixture(t)
	f.rate("USD", "0.92", "2026-11-01")
	r := f.timeReport(Period{}, 0, 0)
	// November plus October's hour of Inbox at 40.
	inbox := r.row(t, "Acme/Inbox")
	if inbox.Seconds != 11700 || !inbox.Billed.Equal(dec("100")) {
		t.Errorf("Inbox %d s billed %s, want 11700 s and 100", inbox.Seconds, inbox.Billed)
	}
	if r.Total.Seconds != 51300 {
		t.Errorf("total %d s", r.Total.Seconds)
	}
	// All time is converted at today's rates.
	if !r.RateDay.Equal(time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("rate day %s", r.RateDay)
	}
}

// 69 months (2021-01 to 2026-09) of one hour at 40: enough months to be
// priced in parallel.
func TestManyMonths(t *testing.T) {
	f := newFixture(t)
	for m := range 69 {
		day := time.Date(2021, time.January+time.Month(m), 15, 0, 0, 0, 0, madrid).Format("2006-01-02")
		f.entry("Acme/Inbox", day+" 09:00", day+" 10:00", false)
	}
	r := f.timeReport(Period{To: local("2026-10-01 00:00")}, f.acme.ID, 0)
	inbox := r.row(t, "Acme/Inbox")
	if inbox.Seconds != 69*3600 || !inbox.Billed.Equal(dec("2760")) {
		t.Errorf("Inbox %d s billed %s, want %d s and 2760", inbox.Seconds, inbox.Billed, 69*3600)
	}
}
