package ui

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/fx"
	"github.com/horasapp/horas/internal/money"
	"github.com/horasapp/horas/invoice"
)

// bucketTitles name the columns of invoice.Buckets.
var bucketTitles = []string{"Current", "1–30 days", "31–60 days", "61–90 days", "90+ days"}

// receivables is the aging report of the Invoices screen: what each
// currency is owed by days past due, the total in the home currency (or
// which invoices lack a rate for it) and the open invoices behind it.
type receivables struct {
	w     fyne.Window
	svc   *invoice.Service
	rates *fx.Service
	aging invoice.Aging
	money amounts

	asOf      *muted
	table     *fyne.Container
	missing   *widget.Label
	open      *fyne.Container
	imported  *muted
	setRate   *widget.Button
	importECB *widget.Button

	rateDlg *rateDialog // the dialog last opened, for tests to fill in

	content fyne.CanvasObject
}

func newReceivables(w fyne.Window, svc *invoice.Service, rates *fx.Service) *receivables {
	r := &receivables{w: w, svc: svc, rates: rates}
	r.asOf = newMuted("")
	r.imported = newMuted("")
	r.table = container.NewVBox()
	r.missing = widget.NewLabel("")
	r.missing.Importance = widget.WarningImportance
	r.missing.Wrapping = fyne.TextWrapWord
	r.missing.Hide()
	r.open = container.NewVBox()
	r.setRate = widget.NewButtonWithIcon("Set a rate…", theme.ContentAddIcon(), r.showRateDialog)
	r.importECB = widget.NewButtonWithIcon("Import ECB rates…", theme.DownloadIcon(), r.showImport)

	title := container.NewBorder(nil, nil, container.NewHBox(heading("Receivables"), container.NewCenter(r.asOf)),
		container.NewCenter(r.imported))
	top := container.NewVBox(title, panel(r.table), r.missing, heading("Open invoices"))
	r.content = container.NewBorder(top, nil, nil, nil, container.NewVScroll(r.open))
	return r
}

// reload reads the report as of today and redraws it.
func (r *receivables) reload(a amounts) {
	r.money = a
	ag, err := r.svc.Aging(context.Background(), time.Time{})
	if err != nil {
		dialog.ShowError(err, r.w)
		return
	}
	r.aging = ag
	r.asOf.SetText("as of " + day(ag.AsOf))
	r.drawTable()
	r.drawMissing()
	r.drawOpen()
}

func (r *receivables) drawTable() {
	ag := r.aging
	head := []fyne.CanvasObject{caption("Currency", false)}
	for _, t := range bucketTitles {
		head = append(head, caption(t, true))
	}
	head = append(head, caption("Total", true))
	rows := []fyne.CanvasObject{container.NewGridWithColumns(len(head), head...)}
	line := func(name string, buckets [5]decimal.Decimal, total decimal.Decimal, f func(decimal.Decimal) string) {
		first := widget.NewLabel(name)
		first.TextStyle.Bold = true
		cells := []fyne.CanvasObject{first}
		for _, b := range buckets {
			cells = append(cells, trailing(orDash(b, f)))
		}
		t := trailing(f(total))
		t.TextStyle.Bold = true
		rows = append(rows, container.NewGridWithColumns(len(cells)+1, append(cells, t)...))
	}
	for _, row := range ag.Rows {
		cur := row.Currency
		line(cur, row.Buckets, row.Total, func(v decimal.Decimal) string { return r.money.currency(v, cur) })
	}
	switch {
	case len(ag.Rows) == 0:
		rows = append(rows, newMuted("Nothing is owed: every issued invoice is paid."))
	case ag.Complete():
		rows = append(rows, widget.NewSeparator())
		line("All in "+ag.Home, ag.HomeBuckets, ag.HomeTotal, func(v decimal.Decimal) string { return r.money.currency(v, ag.Home) })
	}
	r.table.Objects = rows
	r.table.Refresh()
}

// orDash writes an empty bucket as a dash, so the figures stand out.
func orDash(v decimal.Decimal, f func(decimal.Decimal) string) string {
	if v.IsZero() {
		return "—"
	}
	return f(v)
}

func (r *receivables) drawMissing() {
	ag := r.aging
	if ag.Complete() {
		r.missing.Hide()
		return
	}
	it := "it"
	if len(ag.MissingRates) > 1 {
		it = "them"
	}
	r.missing.SetText(fmt.Sprintf("No rate for %s: the %s total leaves %s out. Set a rate on or before the issue date, or import the ECB rates.",
		strings.Join(ag.MissingRates, ", "), ag.Home, it))
	r.missing.Show()
}

func (r *receivables) drawOpen() {
	if len(r.aging.Invoices) == 0 {
		r.open.Objects = []fyne.CanvasObject{emptyState("No open invoices", "Issued invoices wait here until they are paid.")}
		r.open.Refresh()
		return
	}
	cols := columns{numberWidth, 0, 150, 150, amountWidth}
	objs := []fyne.CanvasObject{container.New(cols, caption("Number", false), caption("Client", false),
		caption("Due", false), caption("", false), caption("Balance", true))}
	for _, m := range r.aging.Invoices {
		num := widget.NewLabel(m.Number)
		num.TextStyle.Bold = true
		client := widget.NewLabel(m.Client)
		client.Truncation = fyne.TextTruncateEllipsis
		late := widget.NewLabel(lateness(r.aging.AsOf, m.DueDate))
		if r.aging.AsOf.After(m.DueDate) {
			late.Importance = widget.DangerImportance
		}
		objs = append(objs, container.New(cols, num, client, widget.NewLabel(day(m.DueDate)), late,
			trailing(r.money.client(m.ClientID, m.Balance, m.Currency))))
	}
	r.open.Objects = objs
	r.open.Refresh()
}

// lateness says how far a due date is from today: "18 days late", "due today".
func lateness(today, due time.Time) string {
	days := int(today.Sub(due).Hours() / 24)
	switch {
	case days == 0:
		return "due today"
	case days == 1:
		return "1 day late"
	case days > 1:
		return fmt.Sprintf("%d days late", days)
	case days == -1:
		return "due tomorrow"
	}
	return fmt.Sprintf("due in %d days", -days)
}

func (r *receivables) showRateDialog() {
	r.rateDlg = newRateDialog(r.w, r.rates, r.aging, func() { r.reload(r.money) })
	r.rateDlg.show()
}

func (r *receivables) showImport() {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(err, r.w)
			return
		}
		if rc == nil {
			return // cancelled
		}
		defer rc.Close()
		r.importFrom(rc.URI().Name(), rc)
	}, r.w)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	d.Show()
}

// importFrom imports the ECB rates CSV read from rc; a bad line is named in
// the error and nothing is stored.
func (r *receivables) importFrom(name string, rc io.Reader) {
	n, err := r.rates.ImportECB(context.Background(), rc)
	if err != nil {
		dialog.ShowError(fmt.Errorf("%s: %w", name, err), r.w)
		return
	}
	r.imported.SetText(fmt.Sprintf("%d rates imported from %s", n, name))
	r.reload(r.money)
}

// rateDialog records an exchange rate typed by hand: what one unit of a
// currency was worth in the home currency on a day.
type rateDialog struct {
	formDialog
	w     fyne.Window
	rates *fx.Service
	aging invoice.Aging
	saved func()

	currency *widget.SelectEntry
	rate     *widget.Entry
	date     *widget.Entry
}

func newRateDialog(w fyne.Window, rates *fx.Service, ag invoice.Aging, saved func()) *rateDialog {
	rd := &rateDialog{w: w, rates: rates, aging: ag, saved: saved}
	var codes []string
	for _, row := range ag.Rows {
		if row.Currency != ag.Home {
			codes = append(codes, row.Currency)
		}
	}
	rd.currency = widget.NewSelectEntry(codes)
	rd.rate = widget.NewEntry()
	rd.rate.SetPlaceHolder("0.92")
	rd.date = widget.NewEntry()
	rd.currency.OnChanged = func(cur string) { rd.date.SetText(rd.firstMissing(cur).Format(dayLayout)) }
	first := ""
	if len(ag.MissingRates) > 0 {
		first, _, _ = strings.Cut(ag.MissingRates[0], " ")
	} else if len(codes) > 0 {
		first = codes[0]
	}
	rd.currency.SetText(first)
	rd.date.SetText(rd.firstMissing(first).Format(dayLayout))
	for _, e := range []*widget.Entry{rd.rate, rd.date, &rd.currency.Entry} {
		e.OnSubmitted = func(string) { rd.save() }
	}
	form := widget.NewForm(
		widget.NewFormItem("Currency", rd.currency),
		&widget.FormItem{Text: "Rate", Widget: rd.rate, HintText: "What one unit of the currency was worth in " + ag.Home},
		&widget.FormItem{Text: "Date", Widget: rd.date, HintText: "Counts for invoices issued on or after it"},
	)
	rd.formDialog = newFormDialog(w, "Exchange rate to "+ag.Home, "Save rate", form, rd.save)
	return rd
}

// firstMissing is the earliest issue date of an invoice in cur that has no
// rate: a rate counts for documents dated on or after it. Without one it
// is today.
func (rd *rateDialog) firstMissing(cur string) time.Time {
	cur = strings.ToUpper(strings.TrimSpace(cur))
	var first time.Time
	for _, m := range rd.aging.Invoices {
		if m.Currency != cur || !slices.Contains(rd.aging.MissingRates, m.Currency+" "+m.Number) {
			continue
		}
		if first.IsZero() || m.IssueDate.Before(first) {
			first = m.IssueDate
		}
	}
	if first.IsZero() {
		return rd.aging.AsOf
	}
	return first
}

func (rd *rateDialog) show() {
	rd.d.Show()
	rd.w.Canvas().Focus(rd.rate)
}

func (rd *rateDialog) save() {
	cur, err := money.NormalizeCode(rd.currency.Text)
	var rate decimal.Decimal
	if err == nil {
		rate, err = parseRate(rd.rate.Text, cur, rd.aging.Home)
	}
	var date time.Time
	if err == nil {
		date, err = parseDay(rd.date.Text, rd.aging.AsOf, "date")
	}
	if err == nil {
		err = rd.rates.Set(context.Background(), cur, rd.aging.Home, date, rate)
	}
	if err != nil {
		showInline(rd.d, rd.errLabel, err)
		return
	}
	rd.d.Hide()
	rd.saved()
}

// parseRate reads a rate typed with a decimal point or a decimal comma.
func parseRate(s, cur, home string) (decimal.Decimal, error) {
	t := strings.TrimSpace(s)
	if !strings.Contains(t, ".") {
		t = strings.Replace(t, ",", ".", 1)
	}
	d, err := decimal.NewFromString(t)
	if err != nil || strings.ContainsAny(t, "eE") {
		return decimal.Zero, fmt.Errorf("rate %q: type what one %s was worth in %s, e.g. 0.92", s, cur, home)
	}
	return d, nil
}
