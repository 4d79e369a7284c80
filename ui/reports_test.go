package ui

import (
	"bytes"
	"encoding/csv"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/demo"
	"github.com/horasapp/horas/internal/fx"
	"github.com/horasapp/horas/internal/importer"
	"github.com/horasapp/horas/internal/report"
	"github.com/horasapp/horas/internal/tracking"
)

// heldReports is the Reports screen with what its loads hand to the UI
// goroutine held back until act runs it on the test's goroutine, after the
// action that started the load, as the app's event loop does. The test
// driver's fyne.Do would run it at once on the load's goroutine, alongside
// the rest of the action.
type heldReports struct {
	*reports
	mu   sync.Mutex
	held []func()
}

func (v *heldReports) hold(f func()) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.held = append(v.held, f)
}

// act does what the VA does on the screen, waits for the loads it started
// (and any started before) to read, then draws or discards them in order.
func (v *heldReports) act(do func()) {
	do()
	v.pending.Wait()
	v.mu.Lock()
	held := v.held
	v.held = nil
	v.mu.Unlock()
	for _, f := range held {
		f()
	}
}

// buildReports shows the main window at 1000×680 with the Reports tab
// selected, and returns that screen with its report drawn.
func (f *fixture) buildReports() *heldReports {
	f.t.Helper()
	v, at := f.reportsWindow()
	v.act(func() { at.Select(tabNamed(f.t, at, "Reports")) })
	v.act(v.reload)
	settle(f.w)
	f.noDialog()
	return v
}

// reportsWindow shows the main window at 1000×680 on the Track tab, over a
// Reports screen the test holds: tabs makes its own, which a test cannot
// reach.
func (f *fixture) reportsWindow() (*heldReports, *container.AppTabs) {
	f.t.Helper()
	f.w = test.NewTempWindow(f.t, nil)
	s := Services{Tracking: f.svc, Invoices: f.invoiceService()}
	f.tr = newTrack(f.w, s)
	at := tabs(f.w, s, f.tr)
	v := &heldReports{reports: newReports(f.w, s)}
	v.toUI = v.hold
	tabNamed(f.t, at, "Reports").Content = v.content
	f.w.SetContent(at)
	f.w.Resize(fyne.NewSize(1000, 680))
	f.tr.reload()
	return v, at
}

func tabNamed(t *testing.T, at *container.AppTabs, name string) *container.TabItem {
	t.Helper()
	for _, it := range at.Items {
		if it.Text == name {
			return it
		}
	}
	t.Fatalf("the window has no %s tab", name)
	return nil
}

// fortnight is two clients' work in the first days of November 2026 (the
// fixture's today is Tuesday 3 November), some of it non-billable, and
// three open tasks with deadlines, one of them passed.
func fortnight(f *fixture) {
	f.t.Helper()
	f.client("Acme Ltd", "EUR", "45", "Europe/Madrid")
	f.client("Sunrise Realty", "USD", "32.50", "America/New_York")
	inbox := f.task("Acme Ltd", "Inbox")
	books := f.task("Acme Ltd", "Bookkeeping")
	listings := f.task("Sunrise Realty", "Listings")
	admin, err := f.svc.AddTask(ctx, "Sunrise Realty", tracking.Task{Task: billing.Task{Name: "Admin", Kind: billing.NonBillable}})
	if err != nil {
		f.t.Fatal(err)
	}
	on := func(day, hhmm string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", "2026-11-"+day+" "+hhmm, f.svc.Zone)
		if err != nil {
			f.t.Fatal(err)
		}
		return v
	}
	f.entry(inbox, on("02", "09:00"), on("02", "10:30"))    // 1.5 h
	f.entry(books, on("02", "10:30"), on("02", "13:30"))    // 3 h
	f.entry(listings, on("02", "15:00"), on("02", "17:00")) // 2 h
	f.entry(admin, on("02", "17:00"), on("02", "17:45"))    // 0.75 h, non-billable
	f.entry(inbox, on("03", "08:30"), on("03", "09:30"))    // 1 h
	f.entry(listings, on("03", "09:30"), on("03", "10:00")) // 0.5 h
	f.entry(inbox, on("01", "10:00"), on("01", "10:15"))    // Sunday, 0.25 h
	oct31 := time.Date(2026, 10, 31, 10, 0, 0, 0, f.svc.Zone)
	f.entry(books, oct31, oct31.Add(time.Hour)) // not this month
	// The listings hour of the 3rd is non-billable on its own.
	es := f.entries()
	for _, e := range es {
		if e.TaskID == listings.ID && e.Start.Equal(on("03", "09:30")) {
			e.NonBillable = true
			if err := f.svc.EditEntry(ctx, e); err != nil {
				f.t.Fatal(err)
			}
		}
	}
	due := func(client, name string, u billing.Urgency, at time.Time) {
		if _, err := f.svc.AddTask(ctx, client, tracking.Task{Task: billing.Task{Name: name, Urgency: u, Due: at}}); err != nil {
			f.t.Fatal(err)
		}
	}
	due("Acme Ltd", "Year-end report", billing.Normal, on("20", "17:00"))
	due("Sunrise Realty", "Open house flyers", billing.Rush, on("03", "17:05")) // in 3 h
	due("Acme Ltd", "VAT return", billing.Urgent, on("01", "12:00"))            // 2 days ago
}

// tableRows is what a table shows, one string a row, cells joined by " | ".
func tableRows(c *fyne.Container) []string {
	var out []string
	for _, o := range c.Objects {
		if t := shownTexts(o); len(t) > 0 {
			out = append(out, strings.Join(t, " | "))
		}
	}
	return out
}

func (f *fixture) timeReport(p report.Period, clientID int64, top int) report.TimeReport {
	f.t.Helper()
	r, err := report.New(f.svc, f.svc.Now).TimeReport(ctx, f.db.Reader(), p, clientID, top)
	if err != nil {
		f.t.Fatal(err)
	}
	return r
}

func TestReportsTasksMatchReport(t *testing.T) {
	f := newFixture(t)
	fortnight(f)
	v := f.buildReports()
	from, to := f.svc.Month(2026, time.November)
	want := f.timeReport(report.Period{From: from, To: to}, 0, chartTop)
	if len(want.Rows) != 4 {
		t.Fatalf("the report has %d rows, want 4", len(want.Rows))
	}

	t.Run("ChartBars", func(t *testing.T) {
		if len(v.chart.bars) != len(want.Rows) {
			t.Fatalf("%d bars, want %d", len(v.chart.bars), len(want.Rows))
		}
		r := test.WidgetRenderer(v.chart).(*barChartRenderer)
		for i, b := range v.chart.bars {
			w := want.Rows[i]
			if b.label() != w.Client+" / "+w.Task {
				t.Errorf("bar %d is %q, want %q", i, b.label(), w.Client+" / "+w.Task)
			}
			if b.total() != w.Seconds || b.nonBillable != w.NonBillableSeconds {
				t.Errorf("bar %d: %d s (%d non-billable), want %d (%d)", i, b.total(), b.nonBillable, w.Seconds, w.NonBillableSeconds)
			}
			if i > 0 && r.rows[i].whole.Size().Width > r.rows[i-1].whole.Size().Width {
				t.Errorf("bar %d is longer than the bar above it", i)
			}
		}
		// Bookkeeping 3 h, Inbox 2.75 h, Listings 2.5 h (0.5 non-billable), Admin 0.75 h.
		if got := []string{v.chart.bars[0].hours, v.chart.bars[0].share}; !slices.Equal(got, []string{"3.0 h", "33.3 %"}) {
			t.Errorf("first bar reads %q", got)
		}
		listings := r.rows[2]
		if bw, w := listings.billable.Size().Width, listings.whole.Size().Width; !(bw > 0 && bw < w) || w-bw < w/6 {
			t.Errorf("Listings' billable part is %v of %v: want 4/5 of it", bw, w)
		}
		if admin := r.rows[3]; admin.billable.Visible() {
			t.Error("Admin is non-billable, but its bar shows a billable part")
		}
	})

	t.Run("Table", func(t *testing.T) {
		rows := tableRows(v.taskTable)
		if len(rows) != len(want.Rows)+3 {
			t.Fatalf("table rows %q", rows)
		}
		wantRows := []string{
			"Acme Ltd | Bookkeeping | 3.00 | 33.3 % | 3.00 | €135.00 | €45.00 | €45.00",
			"Acme Ltd | Inbox | 2.75 | 30.6 % | 2.75 | €123.75 | €45.00 | €45.00",
			"Sunrise Realty | Listings | 2.50 | 27.8 % | 2.00 | $65.00 | $26.00 | no rate",
			"Sunrise Realty | Admin | 0.75 | 8.3 % | 0.00 | $0.00 | $0.00 | no rate",
		}
		if got := rows[1 : 1+len(wantRows)]; !slices.Equal(got, wantRows) {
			t.Fatalf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wantRows, "\n"))
		}
		// No USD rate: the total billed is given per currency.
		if total := rows[len(rows)-2]; total != "Total |  | 9.00 | 100.0 % | 7.75 | no rate |  | no rate" {
			t.Errorf("total row %q", total)
		}
		if each := rows[len(rows)-1]; each != "Billed per currency: €258.75 · $65.00" {
			t.Errorf("under the total %q", each)
		}
	})

	t.Run("Grouped", func(t *testing.T) {
		v.grouped.SetChecked(true)
		defer v.grouped.SetChecked(false)
		rows := tableRows(v.taskTable)
		if rows[1] != "Acme Ltd | 2 tasks | 5.75 | 63.9 % | 5.75 | €258.75 | €45.00 | €45.00" || !strings.HasPrefix(rows[2], " | Bookkeeping | 3.00") ||
			rows[4] != "Sunrise Realty | 2 tasks | 3.25 | 36.1 % | 2.00 | $65.00 | $20.00 | no rate" {
			t.Fatalf("grouped rows\n%s", strings.Join(rows, "\n"))
		}
	})

	t.Run("ClientFilter", func(t *testing.T) {
		v.act(func() { v.clientSel.SetSelected("Sunrise Realty") })
		defer v.act(func() { v.clientSel.SetSelected(allClients) })
		rows := tableRows(v.taskTable)
		if len(rows) != 4 || !strings.HasPrefix(rows[1], "Sunrise Realty | Listings") || !strings.HasPrefix(rows[2], "Sunrise Realty | Admin") {
			t.Fatalf("rows for Sunrise\n%s", strings.Join(rows, "\n"))
		}
		if len(v.chart.bars) != 2 {
			t.Fatalf("%d bars for Sunrise, want 2", len(v.chart.bars))
		}
		// One client: the bars name the task alone.
		r := test.WidgetRenderer(v.chart).(*barChartRenderer)
		if got := r.rows[0].client.Text + r.rows[0].task.Text; got != "Listings" {
			t.Fatalf("the first bar reads %q, want Listings", got)
		}
	})

	t.Run("Periods", func(t *testing.T) {
		defer v.act(func() { v.periodSel.SetSelected(periodMonth) })
		v.act(func() { v.periodSel.SetSelected(periodLastMonth) })
		if rows := tableRows(v.taskTable); len(rows) != 3 || !strings.HasPrefix(rows[1], "Acme Ltd | Bookkeeping | 1.00 | 100.0 %") {
			t.Fatalf("October rows\n%s", strings.Join(rows, "\n"))
		}
		v.act(func() { v.periodSel.SetSelected(periodWeek) }) // Monday 2 to Sunday 8 November: the Sunday before is out
		if got := v.chart.bars[1]; got.task != "Inbox" || got.hours != "2.5 h" {
			t.Fatalf("this week's second bar %+v", got)
		}
	})
	f.noDialog()
}

// TestReportsTabLoadsWhenShown opens the window on the Track screen, as
// the app does, then picks the Reports tab: the screen reads its report
// when it comes into view.
func TestReportsTabLoadsWhenShown(t *testing.T) {
	f := newFixture(t)
	fortnight(f)
	v, at := f.reportsWindow()
	shown := func() string { return strings.Join(shownTexts(f.w.Content()), " ") }
	if strings.Contains(shown(), "Top 10 tasks") {
		t.Fatal("the Reports screen shows before its tab is picked")
	}
	v.act(func() { at.Select(tabNamed(t, at, "Reports")) })
	settle(f.w)
	if got := shown(); !strings.Contains(got, "Acme Ltd / ") || !strings.Contains(got, "Bookkeeping") || !strings.Contains(got, "€135.00") {
		t.Fatalf("the Reports tab shows %q", got)
	}
	f.noDialog()
}

// TestReportsStaleLoad reads a load of Acme's tasks and holds it back
// while the VA picks Sunrise: whenever the held load lands, before or after
// Sunrise's, the screen ends up showing Sunrise's tasks.
func TestReportsStaleLoad(t *testing.T) {
	sunrise := []string{"Sunrise Realty | Listings", "Sunrise Realty | Admin"}
	// taskNames are the rows of the task table as client and task.
	taskNames := func(v *heldReports) []string {
		var out []string
		for _, r := range tableRows(v.taskTable)[1:] {
			if cells := strings.Split(r, " | "); len(cells) > 2 && cells[0] != "Total" {
				out = append(out, cells[0]+" | "+cells[1])
			}
		}
		return out
	}
	tests := []struct {
		name       string
		staleFirst bool
	}{
		{"StaleLandsFirst", true},
		{"StaleLandsLast", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			fortnight(f)
			v := f.buildReports()
			before := taskNames(v)
			if len(before) != 4 {
				t.Fatalf("all clients show %q, want 4 tasks", before)
			}
			// pick changes the client filter without starting a load, so
			// the test starts it and holds its result back.
			pick := func(name string) {
				v.filling = true
				defer func() { v.filling = false }()
				v.clientSel.SetSelected(name)
			}
			pick("Acme Ltd")
			stale, ok := v.begin()
			if !ok {
				t.Fatal("no load started")
			}
			if !v.loading.Visible() || !v.exportCSV.Disabled() {
				t.Fatal("a load runs, but the screen does not say so")
			}
			v.read(stale)
			if stale.err != nil || len(stale.times.Rows) != 2 {
				t.Fatalf("Acme's load read %d rows, error %v", len(stale.times.Rows), stale.err)
			}
			if tc.staleFirst {
				pick("Sunrise Realty")
				fresh, _ := v.begin()
				v.read(fresh)
				v.finish(stale)
				if got := taskNames(v); !slices.Equal(got, before) || !v.loading.Visible() {
					t.Fatalf("after the stale load landed the table shows %q, loading shown %v", got, v.loading.Visible())
				}
				v.finish(fresh)
			} else {
				v.act(func() { v.clientSel.SetSelected("Sunrise Realty") })
				v.finish(stale)
			}
			if got := taskNames(v); !slices.Equal(got, sunrise) {
				t.Fatalf("the table shows %q, want Sunrise's %q", got, sunrise)
			}
			if len(v.chart.bars) != 2 || v.loading.Visible() || v.exportCSV.Disabled() {
				t.Fatalf("%d bars, loading shown %v, export off %v", len(v.chart.bars), v.loading.Visible(), v.exportCSV.Disabled())
			}
			f.noDialog()
		})
	}
}

// TestReportsLoadError shows a read that fails in a dialog, and keeps the
// last report.
func TestReportsLoadError(t *testing.T) {
	f := newFixture(t)
	fortnight(f)
	v := f.buildReports()
	before := tableRows(v.taskTable)
	l, _ := v.begin()
	v.cancel() // the read fails as it starts
	v.read(l)
	v.finish(l)
	if top := f.w.Canvas().Overlays().Top(); top == nil || !strings.Contains(strings.Join(shownTexts(top), " "), "canceled") {
		t.Fatal("the failed read is not shown")
	}
	if got := tableRows(v.taskTable); !slices.Equal(got, before) || v.loading.Visible() {
		t.Fatalf("after the failure the table shows %q, loading shown %v", got, v.loading.Visible())
	}
}

func TestReportsPeriods(t *testing.T) {
	f := newFixture(t) // Tuesday 3 November 2026, Madrid
	fortnight(f)
	v := f.buildReports()
	day := func(s string) time.Time {
		d, err := time.ParseInLocation(dayLayout, s, f.svc.Zone)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		choice, from, to, words string
	}{
		{periodWeek, "2026-11-02", "2026-11-09", "2–8 Nov 2026"},
		{periodMonth, "2026-11-01", "2026-12-01", "1–30 Nov 2026"},
		{periodLastMonth, "2026-10-01", "2026-11-01", "1–31 Oct 2026"},
		{periodQuarter, "2026-08-01", "2026-11-01", "1 Aug – 31 Oct 2026"},
		{periodYear, "2026-01-01", "2027-01-01", "1 Jan – 31 Dec 2026"},
		{periodAll, "", "", "since the first entry"},
	}
	for _, tc := range tests {
		t.Run(strings.ReplaceAll(tc.choice, " ", ""), func(t *testing.T) {
			v.act(func() { v.periodSel.SetSelected(tc.choice) })
			var want report.Period
			if tc.from != "" {
				want = report.Period{From: day(tc.from), To: day(tc.to)}
			}
			if !v.span.From.Equal(want.From) || !v.span.To.Equal(want.To) {
				t.Fatalf("period %v – %v, want %v – %v", v.span.From, v.span.To, want.From, want.To)
			}
			if got := v.spanText.Text(); got != tc.words {
				t.Fatalf("shown as %q, want %q", got, tc.words)
			}
		})
	}
	t.Run("Custom", func(t *testing.T) {
		v.act(func() { v.periodSel.SetSelected(periodCustom) })
		if !v.custom.Visible() || v.from.Text != "2026-11-01" || v.to.Text != "2026-11-30" {
			t.Fatalf("custom fields %q %q, shown %v", v.from.Text, v.to.Text, v.custom.Visible())
		}
		v.from.SetText("2026-11-03")
		v.to.SetText("2026-11-03")
		v.act(v.reload)
		if got := v.spanText.Text(); got != "3 Nov 2026" || len(v.chart.bars) != 2 {
			t.Fatalf("one day: %q with %d bars", got, len(v.chart.bars))
		}
		v.to.SetText("3/11/2026")
		v.act(v.reload)
		if !v.filterErr.Visible() || !strings.Contains(v.filterErr.Text, "YYYY-MM-DD") {
			t.Fatalf("a bad day shows %q", v.filterErr.Text)
		}
		v.to.SetText("2026-11-01")
		v.act(v.reload)
		if !v.filterErr.Visible() || !strings.Contains(v.filterErr.Text, "is before the first") {
			t.Fatalf("a period ending before it starts shows %q", v.filterErr.Text)
		}
	})
	f.noDialog()
}

func TestReportsDeadlines(t *testing.T) {
	f := newFixture(t)
	fortnight(f)
	v := f.buildReports()
	v.act(func() { test.Tap(v.deadlinesTab) })
	rows := tableRows(v.dueRows)
	want := []string{
		"urgent | Acme Ltd / VAT return | Sun 1 Nov, 12:00 | overdue 2 d | 0.00 h",
		"rush | Sunrise Realty / Open house flyers | Tue 3 Nov, 17:05 | in 3 h | 0.00 h",
		"normal | Acme Ltd / Year-end report | Fri 20 Nov, 17:00 | in 17 d | 0.00 h",
	}
	if !slices.Equal(rows[1:], want) {
		t.Fatalf("deadlines\n%s\nwant\n%s", strings.Join(rows[1:], "\n"), strings.Join(want, "\n"))
	}
	v.act(func() { v.clientSel.SetSelected("Acme Ltd") })
	if rows := tableRows(v.dueRows); len(rows) != 3 || !strings.Contains(rows[2], "Year-end report") {
		t.Fatalf("Acme's deadlines\n%s", strings.Join(rows, "\n"))
	}
	if v.periodSel.Disabled() == false {
		t.Error("the period picker is on, though deadlines have no period")
	}
	f.noDialog()
}

func TestDueIn(t *testing.T) {
	tests := []struct {
		left time.Duration
		want string
	}{
		{30 * time.Second, "due now"},
		{45 * time.Minute, "in 45 min"},
		{3*time.Hour + 59*time.Minute, "in 3 h"},
		{35 * time.Hour, "in 35 h"},
		{47 * time.Hour, "in 2 d"},
		{83 * time.Hour, "in 3 d"},
		{-90 * time.Minute, "overdue 1 h"},
		{-50 * time.Hour, "overdue 2 d"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			if got := dueIn(tc.left); got != tc.want {
				t.Fatalf("dueIn(%v) = %q, want %q", tc.left, got, tc.want)
			}
		})
	}
}

func TestReportsClients(t *testing.T) {
	f := newFixture(t)
	fortnight(f)
	c, err := f.svc.ClientByName(ctx, "Acme Ltd")
	if err != nil {
		t.Fatal(err)
	}
	c.Retainer = &billing.Retainer{Fee: amt("200"), Hours: amt("5")}
	if err := f.svc.UpdateClient(ctx, c); err != nil {
		t.Fatal(err)
	}
	v := f.buildReports()
	v.act(func() { test.Tap(v.clientsTab) })
	rows := tableRows(v.clientRows)
	want := []string{
		"Acme Ltd | 5.75 | €233.75 | €40.65 | €40.65 | 5.75 | €233.75",
		"Nov 2026 | 5.75 of 5.00 h used · 0.75 h over · so far",
		"Sunrise Realty | 3.25 | $65.00 | $20.00 | no rate | 2.00 | $65.00",
	}
	if !slices.Equal(rows[1:], want) {
		t.Fatalf("clients\n%s\nwant\n%s", strings.Join(rows[1:], "\n"), strings.Join(want, "\n"))
	}
	if !v.missing.Visible() || !strings.Contains(v.missing.Text, "USD") {
		t.Fatalf("the missing USD rate is not said: %q", v.missing.Text)
	}
	f.noDialog()
}

func TestReportsExports(t *testing.T) {
	f := newFixture(t)
	fortnight(f)
	v := f.buildReports()
	readCSV := func(t *testing.T, write func(w *bytes.Buffer) error) [][]string {
		t.Helper()
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return recs
	}
	t.Run("TasksCSV", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "time.csv")
		out, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := v.writeCSV(out); err != nil {
			t.Fatal(err)
		}
		out.Close()
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		want := [][]string{
			{"client", "task", "billing", "hours", "share", "billable_hours", "non_billable_hours", "currency", "billed", "effective_rate", "home_currency", "effective_rate_home"},
			{"Acme Ltd", "Bookkeeping", "hourly", "3.00", "33.3", "3.00", "0.00", "EUR", "135.00", "45.00", "EUR", "45.00"},
			{"Acme Ltd", "Inbox", "hourly", "2.75", "30.6", "2.75", "0.00", "EUR", "123.75", "45.00", "EUR", "45.00"},
			{"Sunrise Realty", "Listings", "hourly", "2.50", "27.8", "2.00", "0.50", "USD", "65.00", "26.00", "EUR", "no rate"},
			{"Sunrise Realty", "Admin", "non-billable", "0.75", "8.3", "0.00", "0.75", "USD", "0.00", "0.00", "EUR", "no rate"},
		}
		if !slices.EqualFunc(recs, want, slices.Equal) {
			t.Fatalf("CSV\n%q\nwant\n%q", recs, want)
		}
	})
	t.Run("DeadlinesCSV", func(t *testing.T) {
		v.act(func() { test.Tap(v.deadlinesTab) })
		defer v.act(func() { test.Tap(v.tasksTab) })
		recs := readCSV(t, func(w *bytes.Buffer) error { return v.writeCSV(w) })
		if len(recs) != 4 || !slices.Equal(recs[1], []string{"Acme Ltd", "VAT return", "urgent", "No", "2026-11-01T12:00:00+01:00", "Yes", "0.00"}) {
			t.Fatalf("deadlines CSV %q", recs)
		}
	})
	t.Run("EntriesCSV", func(t *testing.T) {
		v.act(func() { v.clientSel.SetSelected("Sunrise Realty") })
		defer v.act(func() { v.clientSel.SetSelected(allClients) })
		recs := readCSV(t, func(w *bytes.Buffer) error { return v.writeEntries(w) })
		if !slices.Equal(recs[0], importer.ExportHeader) || len(recs) != 4 {
			t.Fatalf("entries CSV %q", recs)
		}
		if !slices.Equal(recs[3], []string{"Sunrise Realty", "Listings", "2026-11-03T09:30:00+01:00", "2026-11-03T10:00:00+01:00", "1800", "No", "", ""}) {
			t.Fatalf("last entry %q", recs[3])
		}
	})
	t.Run("ChartPNG", func(t *testing.T) {
		var buf bytes.Buffer
		if err := v.writeChartPNG(&buf); err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() != chartPNGWidth*chartPNGScale || b.Dy() < 200 {
			t.Fatalf("chart PNG is %v", b)
		}
		if n := colours(img); n < 20 {
			t.Fatalf("chart PNG has %d colours: it looks blank", n)
		}
		// The window's chart was not touched.
		if got := v.chart.Size().Width; got < 800 {
			t.Fatalf("the window's chart is %v wide after the export", got)
		}
	})
}

const togglHeader = "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (EUR)\n"

func TestImportDialog(t *testing.T) {
	tests := []struct {
		name, file, client string
		want               []string
	}{
		{"Preview", togglHeader +
			"Ana,ana@example.com,Acme Ltd,Inbox,,\"Replies, triage\",Yes,2026-10-20,09:00:00,2026-10-20,10:15:00,01:15:00,,56.25\n" +
			"Ana,ana@example.com,Koala Studio,Newsletter,,Draft,Yes,2026-10-20,11:00:00,2026-10-20,12:00:00,01:00:00,,60.00\n" +
			"Ana,ana@example.com,,Admin,,,No,2026-10-21,09:00:00,2026-10-21,09:30:00,00:30:00,,0.00\n",
			"Walk-in", []string{"Would import 3 entries", "New clients: Koala Studio, Walk-in. Set their rates", "New tasks: Acme Ltd / Inbox, Koala Studio / Newsletter, Walk-in / Admin."}},
		{"BadLine", togglHeader +
			"Ana,ana@example.com,Acme Ltd,Inbox,,,Yes,2026-10-20,09:00:00,2026-10-20,10:15:00,01:15:00,,\n" +
			"Ana,ana@example.com,Acme Ltd,Inbox,,,Yes,2026-13-20,09:00:00,2026-10-20,10:15:00,01:15:00,,\n",
			"", []string{"toggl.csv: line 3:"}},
		{"NoClient", togglHeader +
			"Ana,ana@example.com,,Inbox,,,Yes,2026-10-20,09:00:00,2026-10-20,10:15:00,01:15:00,,\n",
			"", []string{"line 2: the entry has no client: type a default client"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.client("Acme Ltd", "EUR", "45", "Europe/Madrid")
			v := f.buildReports()
			path := filepath.Join(t.TempDir(), "toggl.csv")
			if err := os.WriteFile(path, []byte(tc.file), 0o644); err != nil {
				t.Fatal(err)
			}
			test.Tap(v.importBtn)
			im := v.importDlg
			if !im.preview.Disabled() {
				t.Fatal("Preview is on before a file is chosen")
			}
			in, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer in.Close()
			if err := im.load("toggl.csv", in); err != nil {
				t.Fatal(err)
			}
			if im.source.Selected != "Toggl Track" {
				t.Fatalf("source %q, want Toggl Track from the file name", im.source.Selected)
			}
			im.client.SetText(tc.client)
			before := len(f.entries())
			test.Tap(im.preview)
			im.pending.Wait()
			got := im.shownText()
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Fatalf("the dialog says\n%s\nwant %q in it", got, w)
				}
			}
			if after := len(f.entries()); after != before {
				t.Fatalf("the preview wrote %d entries", after-before)
			}
			if tc.name != "Preview" {
				return
			}
			test.Tap(im.submit)
			im.pending.Wait()
			if got := im.shownText(); !strings.Contains(got, "Imported 3 entries") {
				t.Fatalf("after Import the dialog says\n%s", got)
			}
			if n := len(f.entries()); n != 3 {
				t.Fatalf("%d entries stored, want 3", n)
			}
			if !im.submit.Disabled() {
				t.Fatal("Import is still on after the import")
			}
			// The screen behind was read again.
			v.act(func() { v.periodSel.SetSelected(periodAll) })
			if len(v.chart.bars) != 3 {
				t.Fatalf("%d bars after the import, want 3", len(v.chart.bars))
			}
		})
	}
}

// TestRenderReports draws the Reports screen over generated work.
// HORAS_SHOT=/dir/x.png makes it some eight years of it (20,000 entries)
// and writes each view beside x.png, to look at.
func TestRenderReports(t *testing.T) {
	f := newFixture(t)
	shot := shotTheme()
	f.mu.Lock()
	f.now = time.Date(2026, 11, 18, 16, 20, 0, 0, f.svc.Zone)
	f.mu.Unlock()
	entries := 2_000
	if shot != "" {
		entries = 20_000
	}
	if _, err := demo.Generate(ctx, f.svc, demo.Options{Entries: entries, Clients: 6, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	f.invProfile(true)
	rates := fx.New(f.db)
	for cur, r := range map[string]string{"USD": "0.92", "GBP": "1.17", "AUD": "0.61", "MXN": "0.052", "JPY": "0.0061", "CAD": "0.66", "CHF": "1.05", "SEK": "0.087", "BRL": "0.17"} {
		if err := rates.Set(ctx, cur, "EUR", time.Date(2026, 10, 30, 0, 0, 0, 0, time.UTC), amt(r)); err != nil {
			t.Fatal(err)
		}
	}
	v := f.buildReports()
	for _, view := range []*widget.Button{v.tasksTab, v.clientsTab, v.deadlinesTab} {
		v.act(func() { v.periodSel.SetSelected(periodAll) })
		began := time.Now()
		v.act(func() { test.Tap(view) })
		t.Logf("%s over all time, %d entries: %v", view.Text, entries, time.Since(began).Round(time.Millisecond))
	}
	v.act(func() { test.Tap(v.tasksTab) })
	v.act(func() { v.periodSel.SetSelected(periodQuarter) })
	// Each capture paints the window in software, slow under -race: without
	// HORAS_SHOT only the first view is drawn and checked.
	captured := false
	write := func(name string) {
		t.Helper()
		if shot == "" && captured {
			return
		}
		path := ""
		if shot != "" {
			path = filepath.Join(filepath.Dir(shot), name+".png")
		}
		capture(t, f.w, path)
		captured = true
	}
	if len(v.chart.bars) != chartTop {
		t.Fatalf("%d bars, want %d", len(v.chart.bars), chartTop)
	}
	write("reports-tasks")
	v.grouped.SetChecked(true)
	write("reports-tasks-grouped")
	v.grouped.SetChecked(false)
	v.act(func() { test.Tap(v.clientsTab) })
	write("reports-clients")
	v.act(func() { test.Tap(v.deadlinesTab) })
	write("reports-deadlines")
	v.act(func() { test.Tap(v.tasksTab) })
	v.act(func() { v.periodSel.SetSelected(periodCustom) })
	v.from.SetText("2026-10-05")
	v.to.SetText("2026-10-16")
	v.act(func() { v.clientSel.SetSelectedIndex(2) })
	write("reports-custom")
	v.to.SetText("16/10/2026")
	v.act(v.reload)
	write("reports-custom-refused")
	v.act(func() { v.clientSel.SetSelectedIndex(0) })
	v.act(func() { v.periodSel.SetSelected(periodQuarter) })
	if shot != "" {
		var buf bytes.Buffer
		if err := v.writeChartPNG(&buf); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(filepath.Dir(shot), "reports-chart.png"), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Night work the demo has none of, so nothing overlaps; then the same
	// file with an entry that does.
	toggl := togglHeader +
		"Ana,ana@example.com,Sunrise Realty LLC,Listings,,\"Replies, triage\",Yes,2026-10-21,02:00:00,2026-10-21,03:15:00,01:15:00,,56.25\n" +
		"Ana,ana@example.com,Koala Studio,Newsletter,,Draft,Yes,2026-10-21,03:30:00,2026-10-21,04:00:00,00:30:00,,60.00\n" +
		"Ana,ana@example.com,,Admin,,,No,2026-10-22,03:00:00,2026-10-22,03:30:00,00:30:00,,0.00\n"
	for _, tc := range []struct{ name, file string }{
		{"import-preview", toggl},
		{"import-error", toggl + "Ana,ana@example.com,Acme Ltd,Inbox,,,Yes,2026-10-20,10:00:00,2026-10-20,11:15:00,01:15:00,,\n"},
	} {
		test.Tap(v.importBtn)
		if err := v.importDlg.load("Toggl_time_entries_2026-10.csv", strings.NewReader(tc.file)); err != nil {
			t.Fatal(err)
		}
		v.importDlg.client.SetText("Walk-in")
		test.Tap(v.importDlg.preview)
		v.importDlg.pending.Wait()
		write(tc.name)
		v.importDlg.d.Hide()
	}
	if got := v.importDlg.shownText(); !strings.Contains(got, "line 5: overlaps") {
		t.Fatalf("the overlapping entry is not named: %q", got)
	}
}
