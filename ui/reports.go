package ui

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"image/png"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/money"
	"github.com/horasapp/horas/internal/report"
	"github.com/horasapp/horas/internal/tracking"
	"github.com/horasapp/horas/invoice"
)

// reportView is one of the three views of the Reports screen.
type reportView int

const (
	viewTasks reportView = iota
	viewClients
	viewDeadlines
)

// The periods the picker offers. Weeks start on Monday; "Last month" and
// "Last 3 months" are whole calendar months before this one.
const (
	periodWeek      = "This week"
	periodMonth     = "This month"
	periodLastMonth = "Last month"
	periodQuarter   = "Last 3 months"
	periodYear      = "This year"
	periodAll       = "All time"
	periodCustom    = "Custom"
)

var periodChoices = []string{periodWeek, periodMonth, periodLastMonth, periodQuarter, periodYear, periodAll, periodCustom}

const (
	allClients = "All clients"
	chartTop   = 10 // bars in the chart
	// retainerMonths is how many months of a retainer the Clients view
	// draws; a long period names how many earlier ones it leaves out.
	retainerMonths = 6
	// numberLocale writes hours and shares: the screen is in English.
	numberLocale = "en"
)

// Widths of the report tables' columns; the one of width 0 takes the rest.
const (
	clientColW = 165
	hoursColW  = 88
	shareColW  = 72
	amountColW = 128
	rateColW   = 108
	urgencyW   = 96
	dueColW    = 170
	whenColW   = 120
	monthColW  = 120
	meterColW  = 200
	pickerW    = 160
	dateW      = 120
	clientSelW = 220
)

var (
	taskCols     = columns{clientColW, 0, hoursColW, shareColW, hoursColW, amountColW, rateColW, rateColW}
	clientCols   = columns{0, hoursColW, amountColW, rateColW, rateColW, hoursColW, amountColW}
	deadlineCols = columns{urgencyW, 0, dueColW, whenColW, hoursColW}
	retainerCols = columns{monthColW, meterColW, 0}
)

// reports is the Reports screen: where the time of a period goes (a chart
// of the top tasks over a table of all of them), what each client brings
// in and has unbilled, and the open tasks by due date. The toolbar also
// imports time from other trackers and exports entries.
type reports struct {
	w   fyne.Window
	svc *tracking.Service
	inv *invoice.Service
	rep *report.Service

	view     reportView
	money    amounts
	clients  []tracking.Client // offered by the client filter, by name
	clientID int64             // 0: all clients
	filling  bool              // the filter is being filled in: no reload

	// gen counts loads; a load draws only while it is the latest, so a
	// slow read never lands over the filter chosen after it started.
	gen atomic.Int64
	// cancel stops the read of the load before the latest.
	cancel context.CancelFunc
	// pending counts loads still reading; tests wait on it.
	pending sync.WaitGroup
	// toUI hands what a load read to the UI goroutine: fyne.Do, which tests
	// replace to run it once the action that started the load is over.
	toUI func(func())

	// What the views show, as last read.
	span      report.Period
	times     report.TimeReport
	perClient report.ClientsReport
	deadlines []report.Deadline

	tasksTab, clientsTab, deadlinesTab *widget.Button
	importBtn, exportEntries           *widget.Button

	periodSel  *widget.Select
	from, to   *widget.Entry
	custom     *fyne.Container
	spanText   *muted
	clientSel  *widget.Select
	filterErr  *widget.Label
	stats      *fyne.Container
	loading    *muted
	missing    *widget.Label
	note       *muted
	exportCSV  *widget.Button
	saveChart  *widget.Button
	tasksBody  fyne.CanvasObject
	chart      *barChart
	grouped    *widget.Check
	taskTable  *fyne.Container
	clientBody fyne.CanvasObject
	clientRows *fyne.Container
	dueBody    fyne.CanvasObject
	dueRows    *fyne.Container

	importDlg *importDialog // the dialog last opened, for tests to fill in

	content fyne.CanvasObject
}

func newReports(w fyne.Window, s Services) *reports {
	v := &reports{w: w, svc: s.Tracking, inv: s.Invoices, rep: report.New(s.Tracking, s.Tracking.Now), toUI: fyne.Do}

	v.tasksTab = widget.NewButtonWithIcon("Where time goes", theme.ListIcon(), func() { v.showView(viewTasks) })
	v.clientsTab = widget.NewButtonWithIcon("Clients", theme.AccountIcon(), func() { v.showView(viewClients) })
	v.deadlinesTab = widget.NewButtonWithIcon("Deadlines", theme.HistoryIcon(), func() { v.showView(viewDeadlines) })
	v.importBtn = widget.NewButtonWithIcon("Import…", theme.DownloadIcon(), v.showImport)
	v.exportEntries = widget.NewButtonWithIcon("Export entries…", theme.UploadIcon(), v.showExportEntries)
	toolbar := container.NewBorder(nil, nil, container.NewHBox(v.tasksTab, v.clientsTab, v.deadlinesTab),
		container.NewHBox(v.importBtn, v.exportEntries))

	v.periodSel = widget.NewSelect(periodChoices, func(string) { v.periodChanged() })
	v.from, v.to = widget.NewEntry(), widget.NewEntry()
	v.from.SetPlaceHolder("From YYYY-MM-DD")
	v.to.SetPlaceHolder("To YYYY-MM-DD")
	for _, e := range []*widget.Entry{v.from, v.to} {
		e.OnSubmitted = func(string) { v.reload() }
	}
	apply := widget.NewButton("Apply", v.reload)
	h := v.periodSel.MinSize().Height
	v.custom = container.NewHBox(sizedTo(dateW, h, v.from), sizedTo(dateW, h, v.to), apply)
	v.custom.Hide()
	v.spanText = newMuted("")
	v.clientSel = widget.NewSelect([]string{allClients}, func(string) { v.clientChanged() })
	filters := container.NewBorder(nil, nil,
		container.NewHBox(sizedTo(pickerW, h, v.periodSel), v.custom, container.NewCenter(v.spanText)),
		sizedTo(clientSelW, h, v.clientSel))
	v.filterErr = errorLabel()

	v.stats = container.New(layout.NewCustomPaddedHBoxLayout(statGap))
	v.loading = newMuted("Loading…")
	v.loading.Hide()
	v.missing = widget.NewLabel("")
	v.missing.Importance = widget.WarningImportance
	v.missing.Wrapping = fyne.TextWrapWord
	v.missing.Hide()

	v.chart = newBarChart()
	v.grouped = widget.NewCheck("Group by client", func(bool) { v.drawTaskTable() })
	v.taskTable = tight()
	chartHead := caption(fmt.Sprintf("Top %d tasks by hours tracked", chartTop), false)
	v.tasksBody = container.NewVScroll(container.NewVBox(
		panel(container.NewVBox(chartHead, v.chart)),
		container.NewBorder(nil, nil, heading("All tasks"), v.grouped),
		v.taskTable))

	v.clientRows = container.NewVBox()
	v.clientBody = container.NewVScroll(v.clientRows)
	v.dueRows = tight()
	v.dueBody = container.NewVScroll(v.dueRows)

	v.note = newMuted("")
	v.note.Truncation = fyne.TextTruncateEllipsis
	v.exportCSV = widget.NewButtonWithIcon("Export CSV…", theme.DocumentSaveIcon(), v.showExportCSV)
	v.saveChart = widget.NewButtonWithIcon("Save chart as PNG…", theme.FileImageIcon(), v.showSaveChart)
	bottom := container.NewVBox(widget.NewSeparator(),
		container.NewBorder(nil, nil, nil, container.NewHBox(v.exportCSV, v.saveChart), v.note))

	top := container.NewVBox(toolbar, filters, v.filterErr,
		panel(container.NewBorder(nil, nil, nil, container.NewCenter(v.loading), v.stats)), v.missing)
	body := container.NewStack(v.tasksBody, v.clientBody, v.dueBody)
	v.content = newShowHook(container.NewPadded(container.NewBorder(top, bottom, nil, nil, body)), v.reload)

	v.filling = true
	v.periodSel.SetSelected(periodMonth)
	v.clientSel.SetSelectedIndex(0)
	v.filling = false
	v.showTabs()
	return v
}

// sizedTo gives o a fixed width at the height of a row of inputs.
func sizedTo(width, height float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(width, height), o)
}

// showView switches the view and reads its report.
func (v *reports) showView(view reportView) {
	v.view = view
	v.showTabs()
	v.reload()
}

func (v *reports) showTabs() {
	tabs := []*widget.Button{v.tasksTab, v.clientsTab, v.deadlinesTab}
	bodies := []fyne.CanvasObject{v.tasksBody, v.clientBody, v.dueBody}
	for i, b := range tabs {
		imp := widget.LowImportance
		if reportView(i) == v.view {
			imp = widget.HighImportance
			bodies[i].Show()
		} else {
			bodies[i].Hide()
		}
		if b.Importance != imp {
			b.Importance = imp
			b.Refresh()
		}
	}
	// Deadlines are of open tasks whatever the period.
	if v.view == viewDeadlines {
		v.periodSel.Disable()
		v.custom.Hide()
	} else {
		v.periodSel.Enable()
		if v.periodSel.Selected == periodCustom {
			v.custom.Show()
		}
	}
	if v.view == viewTasks {
		v.saveChart.Show()
	} else {
		v.saveChart.Hide()
	}
}

func (v *reports) periodChanged() {
	if v.periodSel.Selected == periodCustom {
		if v.from.Text == "" && v.to.Text == "" {
			// Start from the month shown, so the VA edits rather than types.
			from, to := v.svc.Month(v.today().Year(), v.today().Month())
			v.from.SetText(from.In(v.svc.Zone).Format(dayLayout))
			v.to.SetText(to.Add(-time.Second).In(v.svc.Zone).Format(dayLayout))
		}
		v.custom.Show()
	} else {
		v.custom.Hide()
	}
	if !v.filling {
		v.reload()
	}
}

func (v *reports) clientChanged() {
	i := v.clientSel.SelectedIndex()
	v.clientID = 0
	if i > 0 && i <= len(v.clients) {
		v.clientID = v.clients[i-1].ID
	}
	if !v.filling {
		v.reload()
	}
}

func (v *reports) today() time.Time { return v.svc.Now().In(v.svc.Zone) }

// startOf is the first instant of a date in the VA's zone; d may overflow
// as in time.Date. Noon is on the date whatever the clocks do at midnight.
func (v *reports) startOf(y int, m time.Month, d int) time.Time {
	from, _ := v.svc.Day(time.Date(y, m, d, 12, 0, 0, 0, v.svc.Zone))
	return from
}

// chosenPeriod is the span the picker names, cut in the VA's zone.
func (v *reports) chosenPeriod() (report.Period, error) {
	t := v.today()
	y, m, d := t.Date()
	switch v.periodSel.Selected {
	case periodWeek:
		monday := d - (int(t.Weekday())+6)%7
		return report.Period{From: v.startOf(y, m, monday), To: v.startOf(y, m, monday+7)}, nil
	case periodMonth:
		from, to := v.svc.Month(y, m)
		return report.Period{From: from, To: to}, nil
	case periodLastMonth:
		from, to := v.svc.Month(y, m-1)
		return report.Period{From: from, To: to}, nil
	case periodQuarter:
		from, _ := v.svc.Month(y, m-3)
		_, to := v.svc.Month(y, m-1)
		return report.Period{From: from, To: to}, nil
	case periodYear:
		from, _ := v.svc.Month(y, time.January)
		_, to := v.svc.Month(y, time.December)
		return report.Period{From: from, To: to}, nil
	case periodCustom:
		return v.customPeriod()
	}
	return report.Period{}, nil
}

// customPeriod reads the typed days, both included; an empty one leaves
// that end open.
func (v *reports) customPeriod() (report.Period, error) {
	var p report.Period
	for _, f := range []struct {
		e     *widget.Entry
		what  string
		first bool
	}{{v.from, "first day", true}, {v.to, "last day", false}} {
		s := strings.TrimSpace(f.e.Text)
		if s == "" {
			continue
		}
		d, err := time.Parse(dayLayout, s)
		if err != nil {
			return p, fmt.Errorf("%s %q: write it as YYYY-MM-DD, e.g. %s", f.what, s, v.today().Format(dayLayout))
		}
		if f.first {
			p.From = v.startOf(d.Year(), d.Month(), d.Day())
		} else {
			p.To = v.startOf(d.Year(), d.Month(), d.Day()+1)
		}
	}
	if !p.From.IsZero() && !p.To.IsZero() && !p.To.After(p.From) {
		return p, fmt.Errorf("the last day (%s) is before the first (%s): the first day goes left, the last right",
			strings.TrimSpace(v.to.Text), strings.TrimSpace(v.from.Text))
	}
	return p, nil
}

// spanWords writes a period for the filter row: "1–30 Nov 2026".
func spanWords(p report.Period, zone *time.Location) string {
	last := func() time.Time { return p.To.Add(-time.Second).In(zone) }
	switch {
	case p.From.IsZero() && p.To.IsZero():
		return "since the first entry"
	case p.From.IsZero():
		return "until " + day(last())
	case p.To.IsZero():
		return "from " + day(p.From.In(zone))
	}
	from, to := p.From.In(zone), last()
	if from.YearDay() == to.YearDay() && from.Year() == to.Year() {
		return day(from)
	}
	return period(from, to)
}

// load is one read of a view: what to read, fixed on the UI goroutine when
// it starts, and what was read, filled in off it.
type load struct {
	gen      int64
	ctx      context.Context
	view     reportView
	span     report.Period
	clientID int64

	times     report.TimeReport
	perClient report.ClientsReport
	deadlines []report.Deadline
	err       error
}

// reload reads the filter's clients, then the shown view's report off the
// UI goroutine (all time over a million entries takes seconds), and draws
// it. A bad custom period is said in red under the filter, and the last
// report stays.
func (v *reports) reload() {
	l, ok := v.begin()
	if !ok {
		return
	}
	v.pending.Add(1)
	go func() {
		defer v.pending.Done()
		v.read(l)
		v.toUI(func() { v.finish(l) })
	}()
}

// begin fixes what the next load reads, stops the read before it and marks
// the screen as loading; false when there is nothing to load.
func (v *reports) begin() (*load, bool) {
	if err := v.fillClients(context.Background()); err != nil {
		v.fail(err)
		return nil, false
	}
	p, err := v.chosenPeriod()
	if err != nil {
		v.filterErr.SetText(err.Error())
		v.filterErr.Show()
		return nil, false
	}
	v.filterErr.Hide()
	v.spanText.SetText(spanWords(p, v.svc.Zone))
	if v.view == viewDeadlines {
		v.spanText.SetText("open tasks with a due date")
	}
	if v.cancel != nil {
		v.cancel() // its result would be discarded anyway
	}
	l := &load{gen: v.gen.Add(1), view: v.view, span: p, clientID: v.clientID}
	l.ctx, v.cancel = context.WithCancel(context.Background())
	v.setLoading(true)
	return l, true
}

// read reads the load's report in one snapshot of the file. It touches no
// widget, so it runs off the UI goroutine.
func (v *reports) read(l *load) {
	l.err = v.svc.DB().Read(l.ctx, func(tx *sql.Tx) error {
		var err error
		switch l.view {
		case viewTasks:
			l.times, err = v.rep.TimeReport(l.ctx, tx, l.span, l.clientID, 0)
		case viewClients:
			l.perClient, err = v.rep.Clients(l.ctx, tx, l.span)
		case viewDeadlines:
			l.deadlines, err = v.rep.Deadlines(l.ctx, tx)
		}
		return err
	})
}

// finish draws what a load read, unless a newer load started meanwhile: the
// newer one answers the filter and view now shown.
func (v *reports) finish(l *load) {
	if l.gen != v.gen.Load() {
		return
	}
	v.setLoading(false)
	if l.err != nil {
		v.fail(l.err)
		return
	}
	v.span = l.span
	switch l.view {
	case viewTasks:
		v.times = l.times
		v.drawTasks()
	case viewClients:
		v.perClient = l.perClient
		v.drawClients()
	case viewDeadlines:
		v.deadlines = l.deadlines
		v.drawDeadlines()
	}
}

// setLoading says a load is running; the exports are off meanwhile, as
// what is shown is about to change.
func (v *reports) setLoading(on bool) {
	for _, b := range []*widget.Button{v.exportCSV, v.exportEntries, v.saveChart} {
		if on || (b == v.saveChart && len(v.chart.bars) == 0) {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	if on {
		v.loading.Show()
	} else {
		v.loading.Hide()
	}
}

func (v *reports) fail(err error) { dialog.ShowError(forWindow(err), v.w) }

// fillClients offers every client, archived ones too (their past work is
// in reports), keeping the one chosen while it exists.
func (v *reports) fillClients(ctx context.Context) error {
	cs, err := v.svc.Clients(ctx, true)
	if err != nil {
		return err
	}
	a, err := loadAmounts(ctx, v.svc)
	if err != nil {
		return err
	}
	v.money = a
	v.clients = cs
	opts := []string{allClients}
	sel := 0
	for i, c := range cs {
		name := c.Name
		if c.Archived {
			name += " (archived)"
		}
		opts = append(opts, name)
		if c.ID == v.clientID {
			sel = i + 1
		}
	}
	v.filling = true
	defer func() { v.filling = false }()
	v.clientSel.SetOptions(opts)
	v.clientSel.SetSelectedIndex(sel)
	if sel == 0 {
		v.clientID = 0
	}
	return nil
}

// ---- figures ----

// hoursText is "1,234.50".
func hoursText(h decimal.Decimal) string { return money.FormatNumber(h, 2, numberLocale) }

// shareText is "23.4 %".
func shareText(s decimal.Decimal) string { return money.FormatNumber(s, 1, numberLocale) + " %" }

// chartBars are the first n rows of the report, as bars.
func chartBars(rows []report.TaskRow, n int) []bar {
	rows = rows[:min(n, len(rows))]
	out := make([]bar, len(rows))
	for i, r := range rows {
		out[i] = bar{client: r.Client, task: r.Task,
			hours: money.FormatNumber(r.Hours, 1, numberLocale) + " h", share: shareText(r.Share),
			billable: r.BillableSeconds, nonBillable: r.NonBillableSeconds}
	}
	return out
}

// rateCell is an effective rate as the client reads amounts; "—" without
// hours.
func (v *reports) rateCell(clientID int64, r decimal.NullDecimal, cur string) string {
	if !r.Valid {
		return "—"
	}
	return v.money.client(clientID, r.Decimal, cur)
}

// homeCell is an amount in the home currency, "no rate" when the exchange
// rate is missing, "—" when there is nothing to convert.
func (v *reports) homeCell(r decimal.NullDecimal, noRate bool, home string) string {
	switch {
	case noRate:
		return "no rate"
	case !r.Valid:
		return "—"
	}
	return v.money.currency(r.Decimal, home)
}

// perCurrency writes amounts of several currencies: "$1,200.00 · €340.00".
func (v *reports) perCurrency(as []report.Amount) string {
	parts := make([]string, 0, len(as))
	for _, a := range as {
		parts = append(parts, v.money.currency(a.Value, a.Currency))
	}
	if len(parts) == 0 {
		return "nothing"
	}
	return strings.Join(parts, " · ")
}

func (v *reports) setStats(items ...fyne.CanvasObject) {
	v.stats.Objects = items
	v.stats.Refresh()
}

// statOf is a figure of the header; warn draws it in the warning colour.
func statOf(title, value string, warn bool) fyne.CanvasObject {
	l := statValue()
	l.SetText(value)
	if warn {
		l.Importance = widget.WarningImportance
	}
	return stat(title, l)
}

func (v *reports) showMissing(missing []string, home string, day time.Time) {
	if len(missing) == 0 {
		v.missing.Hide()
		return
	}
	v.missing.SetText(fmt.Sprintf("No exchange rate to %s for %s on or before %s: figures in %s leave them out. "+
		"Set a rate, or import the ECB rates, under Invoices → Receivables.", home, strings.Join(missing, ", "), day.Format("2 Jan 2006"), home))
	v.missing.Show()
}

// ---- where time goes ----

func (v *reports) drawTasks() {
	r := v.times
	v.chart.set(chartBars(r.Rows, chartTop))
	if len(v.chart.bars) == 0 {
		v.saveChart.Disable()
	} else {
		v.saveChart.Enable()
	}
	t := r.Total
	billable := "—"
	if t.Seconds > 0 {
		pct := decimal.NewFromInt(t.BillableSeconds*100).DivRound(decimal.NewFromInt(t.Seconds), 1)
		billable = hoursText(report.Hours(t.BillableSeconds)) + " h · " + shareText(pct)
	}
	billed := v.homeCell(t.BilledHome, len(t.MissingRates) > 0, r.Home)
	if len(t.Billed) == 1 {
		billed = v.perCurrency(t.Billed) // one currency needs no conversion
	}
	v.setStats(
		statOf("Tracked", hoursText(t.Hours)+" h", false),
		statOf("Billable", billable, false),
		statOf("Billed, before taxes", billed, len(t.MissingRates) > 0 && len(t.Billed) > 1),
		statOf("Per hour, in "+r.Home, v.homeCell(t.EffectiveRateHome, len(t.MissingRates) > 0, r.Home), false),
	)
	v.showMissing(t.MissingRates, r.Home, r.RateDay)
	v.note.SetText(fmt.Sprintf("Hours as tracked, billed amounts in each client's currency; %s at the rates of %s.",
		r.Home, r.RateDay.Format("2 Jan 2006")))
	v.drawTaskTable()
}

// drawTaskTable lists every task of the report, most hours first, or by
// client with each client's subtotal above its tasks.
func (v *reports) drawTaskTable() {
	r := v.times
	if len(r.Rows) == 0 {
		v.taskTable.Objects = []fyne.CanvasObject{emptyState("No time tracked in this period",
			"Pick another period or client above, start a timer on the Track screen, or import time with “Import…”.")}
		v.taskTable.Refresh()
		return
	}
	objs := []fyne.CanvasObject{container.New(taskCols, caption("Client", false), caption("Task", false),
		caption("Hours", true), caption("Share", true), caption("Billable h", true), caption("Billed", true),
		caption("Per hour", true), caption("Per hour in "+r.Home, true))}
	task := func(t report.TaskRow, withClient bool) fyne.CanvasObject {
		client := ""
		if withClient {
			client = t.Client
		}
		return container.New(taskCols, cellText(client), cellText(t.Task), trailing(hoursText(t.Hours)),
			trailing(shareText(t.Share)), trailing(hoursText(report.Hours(t.BillableSeconds))),
			trailing(v.money.client(t.ClientID, t.Billed, t.Currency)),
			trailing(v.rateCell(t.ClientID, t.EffectiveRate, t.Currency)),
			trailing(v.homeCell(t.EffectiveRateHome, t.NoRate, r.Home)))
	}
	if v.grouped.Checked {
		byClient := map[int64][]report.TaskRow{}
		for _, t := range r.Rows {
			byClient[t.ClientID] = append(byClient[t.ClientID], t)
		}
		for _, c := range r.Clients {
			objs = append(objs, v.clientTotalRow(c, r.Home))
			for _, t := range byClient[c.ClientID] {
				objs = append(objs, task(t, false))
			}
			if !c.Unattributed.IsZero() {
				objs = append(objs, container.New(taskCols, cellText(""), newMuted("Not by task: retainer fee, credit notes"),
					cellText(""), cellText(""), cellText(""), trailing(v.money.client(c.ClientID, c.Unattributed, c.Currency)),
					cellText(""), cellText("")))
			}
		}
	} else {
		for _, t := range r.Rows {
			objs = append(objs, task(t, true))
		}
	}
	t := r.Total
	billed := v.homeCell(t.BilledHome, len(t.MissingRates) > 0, r.Home)
	if len(t.Billed) == 1 {
		billed = v.perCurrency(t.Billed)
	}
	objs = append(objs, widget.NewSeparator(), container.New(taskCols, bold("Total"), cellText(""),
		boldTrailing(hoursText(t.Hours)), boldTrailing(shareText(decimal.NewFromInt(100))),
		boldTrailing(hoursText(report.Hours(t.BillableSeconds))), boldTrailing(billed), cellText(""),
		boldTrailing(v.homeCell(t.EffectiveRateHome, len(t.MissingRates) > 0, r.Home))))
	if len(t.Billed) > 1 {
		objs = append(objs, container.NewBorder(nil, nil, nil, newMuted("Billed per currency: "+v.perCurrency(t.Billed))))
	}
	v.taskTable.Objects = objs
	v.taskTable.Refresh()
}

// clientTotalRow heads a client's tasks in the grouped table.
func (v *reports) clientTotalRow(c report.ClientTotal, home string) fyne.CanvasObject {
	tasks := fmt.Sprintf("%d tasks", c.Tasks)
	if c.Tasks == 1 {
		tasks = "1 task"
	}
	row := container.New(taskCols, bold(c.Client), newMuted(tasks), boldTrailing(hoursText(c.Hours)),
		boldTrailing(shareText(c.Share)), boldTrailing(hoursText(report.Hours(c.BillableSeconds))),
		boldTrailing(v.money.client(c.ClientID, c.Billed, c.Currency)),
		boldTrailing(v.rateCell(c.ClientID, c.EffectiveRate, c.Currency)),
		boldTrailing(v.homeCell(c.EffectiveRateHome, c.NoRate, home)))
	return container.NewStack(newTint(theme.ColorNameInputBackground), row)
}

func cellText(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

func bold(s string) *widget.Label {
	l := cellText(s)
	l.TextStyle.Bold = true
	return l
}

func boldTrailing(s string) *widget.Label {
	l := trailing(s)
	l.TextStyle.Bold = true
	return l
}

// ---- clients ----

// shownClients are the report's clients the filter keeps.
func (v *reports) shownClients() []report.ClientRow {
	if v.clientID == 0 {
		return v.perClient.Clients
	}
	for _, c := range v.perClient.Clients {
		if c.ClientID == v.clientID {
			return []report.ClientRow{c}
		}
	}
	return nil
}

func (v *reports) drawClients() {
	r := v.perClient
	rows := v.shownClients()
	var secs, unbilledSecs int64
	billed, unbilled := map[string]decimal.Decimal{}, map[string]decimal.Decimal{}
	for _, c := range rows {
		secs += c.Seconds
		unbilledSecs += c.UnbilledSeconds
		billed[c.Currency] = billed[c.Currency].Add(c.Billed)
		unbilled[c.Currency] = unbilled[c.Currency].Add(c.Unbilled)
	}
	billedText, unbilledText := v.homeCell(r.BilledHome, len(r.MissingRates) > 0, r.Home), v.homeCell(r.UnbilledHome, len(r.MissingRates) > 0, r.Home)
	if v.clientID != 0 || len(r.Billed) == 1 {
		billedText, unbilledText = v.perCurrency(sortedAmounts(billed)), v.perCurrency(sortedAmounts(unbilled))
	}
	v.setStats(
		statOf("Tracked", hoursText(report.Hours(secs))+" h", false),
		statOf("Billed, before taxes", billedText, false),
		statOf("Unbilled", unbilledText, false),
		statOf("Unbilled time", hoursText(report.Hours(unbilledSecs))+" h", false),
	)
	if v.clientID == 0 {
		v.showMissing(r.MissingRates, r.Home, r.RateDay)
	} else {
		v.missing.Hide()
	}
	v.note.SetText(fmt.Sprintf("Unbilled is work on no issued invoice yet, at what it would bill now; %s at the rates of %s.",
		r.Home, r.RateDay.Format("2 Jan 2006")))

	if len(rows) == 0 {
		v.clientRows.Objects = []fyne.CanvasObject{emptyState("No clients in this period",
			"Add clients on the Clients screen; their hours and amounts show up here.")}
		v.clientRows.Refresh()
		return
	}
	objs := []fyne.CanvasObject{container.New(clientCols, caption("Client", false), caption("Hours", true),
		caption("Billed", true), caption("Per hour", true), caption("Per hour in "+r.Home, true),
		caption("Unbilled h", true), caption("Unbilled", true))}
	for _, c := range rows {
		name := bold(c.Client)
		if c.Archived {
			name.SetText(c.Client + " (archived)")
		}
		objs = append(objs, widget.NewSeparator(), container.New(clientCols, name, trailing(hoursText(c.Hours)),
			trailing(v.money.client(c.ClientID, c.Billed, c.Currency)),
			trailing(v.rateCell(c.ClientID, c.EffectiveRate, c.Currency)),
			trailing(v.homeCell(c.EffectiveRateHome, c.NoRate, r.Home)),
			trailing(hoursText(c.UnbilledHours)),
			trailing(v.money.client(c.ClientID, c.Unbilled, c.Currency))))
		if months := v.retainerRows(c); len(months) > 0 {
			objs = append(objs, tight(months...))
		}
	}
	v.clientRows.Objects = objs
	v.clientRows.Refresh()
}

func sortedAmounts(m map[string]decimal.Decimal) []report.Amount {
	out := make([]report.Amount, 0, len(m))
	for cur, a := range m {
		out = append(out, report.Amount{Currency: cur, Value: a})
	}
	slices.SortFunc(out, func(a, b report.Amount) int { return strings.Compare(a.Currency, b.Currency) })
	return out
}

// retainerRows are a client's retainer months, the latest last: hours used
// against available as a slim bar, with what was carried in and out.
func (v *reports) retainerRows(c report.ClientRow) []fyne.CanvasObject {
	months := c.Retainer
	var objs []fyne.CanvasObject
	if skip := len(months) - retainerMonths; skip > 0 {
		months = months[skip:]
		objs = append(objs, container.NewPadded(newMuted(fmt.Sprintf("Retainer: %d earlier months not shown; pick a shorter period to see them.", skip))))
	}
	for _, m := range months {
		used := m.Used.Add(m.Overage)
		label := time.Date(m.Year, m.Month, 1, 0, 0, 0, 0, time.UTC).Format("Jan 2006")
		state := "so far"
		if m.Invoiced {
			state = "invoiced"
		}
		text := fmt.Sprintf("%s of %s h used", hoursText(used), hoursText(m.Available))
		if m.CarryIn.IsPositive() {
			text += " · " + hoursText(m.CarryIn) + " h carried in"
		}
		if m.Overage.IsPositive() {
			text += " · " + hoursText(m.Overage) + " h over"
		}
		if m.CarryOut.IsPositive() {
			text += " · " + hoursText(m.CarryOut) + " h carried over"
		}
		detail := cellText(text + " · " + state)
		if m.Overage.IsPositive() {
			detail.Importance = widget.WarningImportance
		}
		objs = append(objs, container.New(retainerCols,
			container.New(layout.NewCustomPaddedLayout(0, 0, 3*theme.Padding(), 0), newMuted(label)),
			newMeter(used.InexactFloat64(), m.Available.InexactFloat64()), detail))
	}
	return objs
}

// ---- deadlines ----

// shownDeadlines are the deadlines the client filter keeps.
func (v *reports) shownDeadlines() []report.Deadline {
	if v.clientID == 0 {
		return v.deadlines
	}
	var out []report.Deadline
	for _, d := range v.deadlines {
		if d.ClientID == v.clientID {
			out = append(out, d)
		}
	}
	return out
}

// dueSoon is how close a deadline counts in the header.
const dueSoon = 48 * time.Hour

func (v *reports) drawDeadlines() {
	ds := v.shownDeadlines()
	var overdue, soon int
	for _, d := range ds {
		switch {
		case d.Overdue:
			overdue++
		case d.Left <= dueSoon:
			soon++
		}
	}
	v.setStats(
		statOf("Open with a due date", strconv.Itoa(len(ds)), false),
		statOf("Overdue", strconv.Itoa(overdue), overdue > 0),
		statOf("Due within 48 h", strconv.Itoa(soon), false),
	)
	v.missing.Hide()
	v.note.SetText("Urgency is the task's own, or suggested from the notice given and the client's notice period.")
	if len(ds) == 0 {
		v.dueRows.Objects = []fyne.CanvasObject{emptyState("No deadlines",
			"Give a task a due date on the Clients screen and it shows up here, the soonest first.")}
		v.dueRows.Refresh()
		return
	}
	objs := []fyne.CanvasObject{container.New(deadlineCols, caption("Urgency", false), caption("Client / Task", false),
		caption("Due", false), caption("", false), caption("Tracked", true))}
	for _, d := range ds {
		c := newChip()
		c.set(urgencyChip(d.Urgency))
		when := cellText(dueIn(d.Left))
		if d.Overdue {
			when.Importance = widget.WarningImportance
			when.TextStyle.Bold = true
		}
		objs = append(objs, container.New(deadlineCols, container.NewHBox(container.NewCenter(c)),
			cellText(d.Client+" / "+d.Task), cellText(dueDate(d.Due, v.today(), v.svc.Zone)), when,
			trailing(hoursText(d.Hours)+" h")))
	}
	v.dueRows.Objects = objs
	v.dueRows.Refresh()
}

// urgencyChip is the text and colour of an urgency level.
func urgencyChip(u billing.Urgency) (string, fyne.ThemeColorName) {
	switch u {
	case billing.Rush:
		return "rush", theme.ColorNameError
	case billing.Urgent:
		return "urgent", theme.ColorNameWarning
	}
	return "normal", theme.ColorNamePlaceHolder
}

// dueDate writes a due instant in the VA's zone: "Tue 4 Nov, 17:00", with
// the year when it is not this one.
func dueDate(due, today time.Time, zone *time.Location) string {
	d := due.In(zone)
	if d.Year() != today.Year() {
		return d.Format("2 Jan 2006, 15:04")
	}
	return d.Format("Mon 2 Jan, 15:04")
}

// dueIn says how far a deadline is in words: "in 45 min", "in 3 h",
// "in 4 d", "overdue 2 d": minutes and hours cut down, days from a day and
// a half on rounded, so 47 hours read as the 2 days they nearly are.
func dueIn(left time.Duration) string {
	prefix := "in "
	if left < 0 {
		prefix, left = "overdue ", -left
	}
	switch {
	case left < time.Minute:
		if prefix == "in " {
			return "due now"
		}
		return "overdue now"
	case left < time.Hour:
		return fmt.Sprintf("%s%d min", prefix, int(left/time.Minute))
	case left < 36*time.Hour:
		return fmt.Sprintf("%s%d h", prefix, int(left/time.Hour))
	}
	return fmt.Sprintf("%s%d d", prefix, int((left+12*time.Hour)/(24*time.Hour)))
}

// ---- exports ----

// writeCSV writes the table of the view shown, amounts as plain decimal
// strings with the currency beside them, for a spreadsheet.
func (v *reports) writeCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	switch v.view {
	case viewTasks:
		return v.times.WriteCSV(w)
	case viewClients:
		r := v.perClient
		cw.Write([]string{"Client", "Currency", "Hours", "Billable hours", "Billed", "Per hour", "Per hour " + r.Home,
			"Unbilled hours", "Unbilled"})
		for _, c := range v.shownClients() {
			cw.Write([]string{c.Client, c.Currency, c.Hours.StringFixed(2), report.Hours(c.BillableSeconds).StringFixed(2),
				money.Fixed(c.Billed, c.Currency), report.Cell(c.EffectiveRate, c.Currency, false),
				report.Cell(c.EffectiveRateHome, r.Home, c.NoRate), c.UnbilledHours.StringFixed(2), money.Fixed(c.Unbilled, c.Currency)})
		}
	case viewDeadlines:
		cw.Write([]string{"Client", "Task", "Urgency", "Suggested", "Due", "Overdue", "Hours"})
		for _, d := range v.shownDeadlines() {
			cw.Write([]string{d.Client, d.Task, string(d.Urgency), yesNo(d.Suggested),
				d.Due.In(v.svc.Zone).Format(time.RFC3339), yesNo(d.Overdue), d.Hours.StringFixed(2)})
		}
	}
	cw.Flush()
	return cw.Error()
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

// fileStem names what is exported for the file offered: "horas-time-2026-11-01_2026-11-30".
func (v *reports) fileStem(what string) string {
	z := v.svc.Zone
	switch p := v.span; {
	case p.From.IsZero() && p.To.IsZero():
		return "horas-" + what + "-all"
	case p.From.IsZero():
		return "horas-" + what + "-to-" + p.To.Add(-time.Second).In(z).Format(dayLayout)
	case p.To.IsZero():
		return "horas-" + what + "-from-" + p.From.In(z).Format(dayLayout)
	default:
		return "horas-" + what + "-" + p.From.In(z).Format(dayLayout) + "_" + p.To.Add(-time.Second).In(z).Format(dayLayout)
	}
}

func (v *reports) showExportCSV() {
	name := [...]string{"time", "clients", "deadlines"}[v.view]
	if v.view == viewDeadlines {
		name = "horas-deadlines-" + v.today().Format(dayLayout)
	} else {
		name = v.fileStem(name)
	}
	v.saveFile(name+".csv", v.writeCSV)
}

func (v *reports) showSaveChart() { v.saveFile(v.fileStem("chart")+".png", v.writeChartPNG) }

func (v *reports) showExportEntries() { v.saveFile(v.fileStem("entries")+".csv", v.writeEntries) }

// saveFile asks where to save, then writes the whole file in memory first,
// so a failure leaves nothing half written.
func (v *reports) saveFile(name string, write func(io.Writer) error) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			v.fail(err)
			return
		}
		if wc == nil {
			return // cancelled
		}
		var buf bytes.Buffer
		err = write(&buf)
		if err == nil {
			_, err = wc.Write(buf.Bytes())
		}
		if cerr := wc.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			v.fail(fmt.Errorf("save %s: %w", wc.URI().Name(), err))
		}
	}, v.w)
	d.SetFileName(name)
	ext := name[strings.LastIndex(name, "."):]
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	d.Show()
}

// writeEntries writes the entries of the period and client chosen as the
// Horas CSV, which `horas import horas` and the Import dialog read back.
func (v *reports) writeEntries(w io.Writer) error {
	p := v.span
	es, err := v.svc.Entries(context.Background(), tracking.Filter{ClientID: v.clientID, From: p.From, To: p.To})
	if err != nil {
		return err
	}
	return tracking.WriteExport(w, es, v.svc.Zone)
}

// Size of the saved chart, in the theme's units; the PNG has twice the
// pixels, sharp on a high-density screen or a slide.
const (
	chartPNGWidth = 1000
	chartPNGScale = 2
)

// writeChartPNG draws the chart shown on an offscreen canvas with Fyne's
// software painter and encodes it as PNG. The chart is a new widget with
// the same bars, so the one in the window is neither moved nor resized,
// and what is saved does not depend on the window's size, scroll position
// or any dialog over it; the software painter draws the same canvas
// objects as the GL one, in the current theme.
func (v *reports) writeChartPNG(w io.Writer) error {
	if len(v.chart.bars) == 0 {
		return errors.New("the chart is empty: pick a period with tracked time first")
	}
	chart := newBarChart()
	chart.set(v.chart.bars)
	who := allClients
	for _, c := range v.clients {
		if c.ID == v.clientID {
			who = c.Name
		}
	}
	title := heading("Where time goes")
	sub := newMuted(spanWords(v.span, v.svc.Zone) + " · " + who + " · top " + strconv.Itoa(len(chart.bars)) + " tasks by hours")
	content := container.NewPadded(container.NewVBox(
		container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), title, sub), chart))
	c := software.NewCanvas()
	c.SetPadded(false)
	c.SetScale(chartPNGScale)
	c.SetContent(content)
	c.Resize(fyne.NewSize(chartPNGWidth, content.MinSize().Height))
	return png.Encode(w, c.Capture())
}

func (v *reports) showImport() {
	v.importDlg = newImportDialog(v.w, v.svc, v.inv, v.clients, v.reload)
	v.importDlg.show()
}
