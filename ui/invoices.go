package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/fx"
	"github.com/horasapp/horas/internal/money"
	"github.com/horasapp/horas/internal/tracking"
	"github.com/horasapp/horas/invoice"
)

// monthsBack is how many past months the month picker offers.
const monthsBack = 12

// yearMonth is a calendar month to invoice.
type yearMonth struct {
	year  int
	month time.Month
}

func (m yearMonth) String() string { return m.month.String() + " " + fmt.Sprint(m.year) }

// pastMonths lists the n months before today's, the last one first.
func pastMonths(today time.Time, n int) []yearMonth {
	out := make([]yearMonth, n)
	first := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC)
	for i := range out {
		m := first.AddDate(0, -(i + 1), 0)
		out[i] = yearMonth{m.Year(), m.Month()}
	}
	return out
}

// day writes a document date the way the screen shows dates: "2 Nov 2026".
func day(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Format("2 Jan 2006")
}

const dayLayout = "2006-01-02"

// parseDay reads a date typed as YYYY-MM-DD; an empty one is today.
func parseDay(s string, today time.Time, what string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return today, nil
	}
	d, err := time.Parse(dayLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s %q: write it as YYYY-MM-DD, e.g. %s", what, s, today.Format(dayLayout))
	}
	return d, nil
}

// amounts writes money as the client who pays it reads it. A sum of one
// currency is written as the first client (by name) billed in it reads it.
type amounts struct {
	byClient   map[int64]string
	byCurrency map[string]string
}

func loadAmounts(ctx context.Context, tr *tracking.Service) (amounts, error) {
	a := amounts{byClient: map[int64]string{}, byCurrency: map[string]string{}}
	cs, err := tr.Clients(ctx, true)
	if err != nil {
		return a, err
	}
	for _, c := range cs {
		loc := money.LocaleFor(c.Lang, c.Country)
		a.byClient[c.ID] = loc
		if _, ok := a.byCurrency[c.Currency]; !ok {
			a.byCurrency[c.Currency] = loc
		}
	}
	return a, nil
}

func (a amounts) client(id int64, v decimal.Decimal, cur string) string {
	return money.Format(money.Amount{Value: v, Currency: cur}, a.byClient[id])
}

func (a amounts) currency(v decimal.Decimal, cur string) string {
	return money.Format(money.Amount{Value: v, Currency: cur}, a.byCurrency[cur])
}

// outstanding is what the header sums up from the list.
type outstanding struct {
	owed    map[string]decimal.Decimal
	codes   []string // currencies owed, in the order first met
	overdue int
	drafts  int
}

func sumUp(rows []invoice.Summary) outstanding {
	o := outstanding{owed: map[string]decimal.Decimal{}}
	for _, m := range rows {
		switch {
		case m.Status == invoice.StatusDraft:
			o.drafts++
			continue
		case m.Kind != invoice.KindInvoice || !m.Balance.IsPositive():
			continue
		case m.Status == invoice.StatusOverdue:
			o.overdue++
		}
		if _, ok := o.owed[m.Currency]; !ok {
			o.codes = append(o.codes, m.Currency)
		}
		o.owed[m.Currency] = o.owed[m.Currency].Add(m.Balance)
	}
	return o
}

// invoices is the Invoices screen: what clients owe on top; the documents
// on the left and the one selected on the right, or the receivables report.
type invoices struct {
	w     fyne.Window
	svc   *invoice.Service
	tr    *tracking.Service
	rows  []invoice.Summary
	money amounts

	selectedID int64           // the document on the right; 0: none
	rec        *invoice.Record // its account, as last read

	owed       *widget.Label
	overdue    *widget.Label
	drafts     *widget.Label
	profileBtn *widget.Button

	listTab    *widget.Button
	agingTab   *widget.Button
	listTools  *fyne.Container
	agingTools *fyne.Container
	months     []yearMonth
	month      *widget.Select
	prepare    *widget.Button
	prepared   *muted

	list      *widget.List
	listEmpty fyne.CanvasObject
	detail    *fyne.Container
	listView  fyne.CanvasObject
	aging     *receivables

	// Actions of the document on the right; nil when it has none of them.
	issueDate   *widget.Entry
	issue       *widget.Button
	deleteDraft *widget.Button
	pay         *widget.Button
	credit      *widget.Button
	savePDF     *widget.Button
	openPDF     *widget.Button

	// The dialogs last opened, for tests to fill in.
	payDlg     *paymentDialog
	creditDlg  *creditDialog
	profileDlg *profileDialog

	content fyne.CanvasObject
}

const (
	statGap = 40
	// Widths of the list's columns beside the client's name.
	numberWidth  = 100
	chipWidth    = 110
	amountWidth  = 115
	balanceWidth = 135
	monthWidth   = 170
	splitOffset  = 0.52
)

func newInvoices(w fyne.Window, s Services) *invoices {
	v := &invoices{w: w, svc: s.Invoices, tr: s.Tracking}

	v.owed, v.overdue, v.drafts = statValue(), statValue(), statValue()
	v.profileBtn = widget.NewButtonWithIcon("Business profile…", theme.AccountIcon(), v.showProfile)
	stats := container.New(layout.NewCustomPaddedHBoxLayout(statGap),
		stat("Outstanding", v.owed), stat("Overdue", v.overdue), stat("Drafts", v.drafts))
	header := panel(container.NewBorder(nil, nil, stats, container.NewCenter(v.profileBtn)))

	v.listTab = widget.NewButtonWithIcon("Invoices", theme.DocumentIcon(), func() { v.showView(false) })
	v.agingTab = widget.NewButtonWithIcon("Receivables", theme.HistoryIcon(), func() { v.showView(true) })
	v.month = widget.NewSelect(nil, nil)
	v.fillMonths()
	v.prepare = widget.NewButtonWithIcon("Prepare month", theme.ContentAddIcon(), v.prepareMonth)
	v.prepare.Importance = widget.HighImportance
	v.prepared = newMuted("")
	v.listTools = container.NewHBox(container.NewCenter(v.prepared),
		container.NewGridWrap(fyne.NewSize(monthWidth, v.month.MinSize().Height), v.month), v.prepare)

	v.aging = newReceivables(w, s.Invoices, fx.New(s.Tracking.DB()))
	v.agingTools = container.NewHBox(v.aging.setRate, v.aging.importECB)
	toolbar := container.NewBorder(nil, nil, container.NewHBox(v.listTab, v.agingTab),
		container.NewStack(v.listTools, v.agingTools))

	v.list = widget.NewList(func() int { return len(v.rows) }, newInvoiceRow, v.updateRow)
	v.list.OnSelected = v.selected
	v.listEmpty = emptyState("No invoices yet",
		"Pick a month and press “Prepare month”: every client with unbilled work gets a draft to check and issue.")
	v.detail = container.NewStack()
	split := container.NewHSplit(container.NewStack(v.list, v.listEmpty), container.NewPadded(v.detail))
	split.Offset = splitOffset
	v.listView = split

	body := container.NewStack(v.listView, v.aging.content)
	top := container.NewVBox(header, toolbar)
	v.content = newShowHook(container.NewPadded(container.NewBorder(top, nil, nil, nil, body)), v.reload)
	v.showView(false)
	v.reload()
	return v
}

// fillMonths offers the months before today's, last month picked; once a
// new month begins, the window left open offers it too.
func (v *invoices) fillMonths() {
	months := pastMonths(v.svc.Today(), monthsBack)
	if len(v.months) > 0 && v.months[0] == months[0] {
		return
	}
	v.months = months
	labels := make([]string, len(months))
	for i, m := range months {
		labels[i] = m.String()
	}
	v.month.SetOptions(labels)
	v.month.SetSelectedIndex(0)
}

// stat is a figure of the header with its title above it.
func stat(title string, value *widget.Label) fyne.CanvasObject {
	return container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), newMuted(title), value)
}

func statValue() *widget.Label {
	l := widget.NewLabel("")
	l.TextStyle.Bold = true
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// panel is a calm grey card, as the Track screen draws its clients.
func panel(content fyne.CanvasObject) fyne.CanvasObject {
	return container.NewStack(newTint(theme.ColorNameInputBackground),
		container.New(layout.NewCustomPaddedLayout(0, 0, 2*theme.Padding(), 2*theme.Padding()), content))
}

// tint is a rounded background in a theme colour that follows the theme
// when it changes, light to dark, while the window is open.
type tint struct {
	widget.BaseWidget
	rect *canvas.Rectangle
	name fyne.ThemeColorName
}

func newTint(name fyne.ThemeColorName) *tint {
	t := &tint{rect: canvas.NewRectangle(theme.Color(name)), name: name}
	t.rect.CornerRadius = 2 * theme.InputRadiusSize()
	t.ExtendBaseWidget(t)
	return t
}

func (t *tint) Refresh() {
	t.rect.FillColor = theme.Color(t.name)
	t.BaseWidget.Refresh()
}

func (t *tint) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(t.rect) }

// showView switches between the invoice list and the receivables report.
func (v *invoices) showView(aging bool) {
	v.listTab.Importance, v.agingTab.Importance = widget.HighImportance, widget.LowImportance
	if aging {
		v.listTab.Importance, v.agingTab.Importance = widget.LowImportance, widget.HighImportance
		v.listView.Hide()
		v.listTools.Hide()
		v.aging.content.Show()
		v.agingTools.Show()
		v.aging.reload(v.money)
	} else {
		v.aging.content.Hide()
		v.agingTools.Hide()
		v.listView.Show()
		v.listTools.Show()
	}
	v.listTab.Refresh()
	v.agingTab.Refresh()
}

func (v *invoices) fail(err error) {
	dialog.ShowError(forWindow(err), v.w)
}

// cliHint is a command-line hint the services add to a message, such as
// "(horas profile set --tax-id)": the window has buttons for that instead.
var cliHint = regexp.MustCompile(" ?\\(`?horas [^)]*\\)")

// forWindow drops the command-line hints from an error's message.
func forWindow(err error) error {
	msg := cliHint.ReplaceAllString(err.Error(), "")
	if msg == err.Error() {
		return err
	}
	return errors.New(msg)
}

// reload reads the documents again, redraws the header and the list, and
// shows the selected document again with its current account.
func (v *invoices) reload() {
	ctx := context.Background()
	a, err := loadAmounts(ctx, v.tr)
	if err != nil {
		v.fail(err)
		return
	}
	rows, err := v.svc.List(ctx, invoice.Filter{})
	if err != nil {
		v.fail(err)
		return
	}
	v.money, v.rows = a, rows
	v.fillMonths()
	v.drawHeader()
	v.listEmpty.Hide()
	if len(rows) == 0 {
		v.listEmpty.Show()
	}
	v.list.Refresh()
	if v.agingTools.Visible() {
		v.aging.reload(a)
	}
	idx := v.indexOf(v.selectedID)
	if idx < 0 {
		v.selectedID, v.rec = 0, nil
		v.list.UnselectAll()
		v.drawDetail()
		return
	}
	// Select without the callback: the detail is drawn once, below.
	v.list.OnSelected = nil
	v.list.Select(idx)
	v.list.OnSelected = v.selected
	v.loadDetail()
}

func (v *invoices) indexOf(id int64) int {
	for i, m := range v.rows {
		if id != 0 && m.ID == id {
			return i
		}
	}
	return -1
}

func (v *invoices) drawHeader() {
	o := sumUp(v.rows)
	owed := make([]string, 0, len(o.codes))
	for _, cur := range o.codes {
		owed = append(owed, v.money.currency(o.owed[cur], cur))
	}
	v.owed.SetText(strings.Join(owed, "  ·  "))
	if len(owed) == 0 {
		v.owed.SetText("Nothing owed")
	}
	v.overdue.Importance = widget.MediumImportance
	switch o.overdue {
	case 0:
		v.overdue.SetText("None")
	case 1:
		v.overdue.Importance = widget.WarningImportance
		v.overdue.SetText("1 invoice")
	default:
		v.overdue.Importance = widget.WarningImportance
		v.overdue.SetText(fmt.Sprintf("%d invoices", o.overdue))
	}
	v.overdue.Refresh()
	v.drafts.SetText("None")
	if o.drafts > 0 {
		v.drafts.SetText(fmt.Sprintf("%d to issue", o.drafts))
	}
}

func (v *invoices) selected(id widget.ListItemID) {
	if id < 0 || id >= len(v.rows) {
		return
	}
	v.selectedID = v.rows[id].ID
	v.loadDetail()
}

// ref names a document for the service: its number, or "#id" for a draft.
func ref(m invoice.Summary) string {
	if m.Number == "" {
		return fmt.Sprintf("#%d", m.ID)
	}
	return m.Number
}

// loadDetail reads the selected document and draws it. A draft is
// recomputed by the service, so its row is brought up to date as well.
func (v *invoices) loadDetail() {
	idx := v.indexOf(v.selectedID)
	if idx < 0 {
		v.rec = nil
		v.drawDetail()
		return
	}
	rec, err := v.svc.Get(context.Background(), ref(v.rows[idx]))
	if err != nil {
		// Said on the right rather than in a dialog: the screen reads the
		// document again each time it is shown.
		v.rec = nil
		v.drawUnreadable(v.rows[idx], err)
		return
	}
	v.rec = &rec
	if !rec.Total.Equal(v.rows[idx].Total) {
		v.rows[idx] = rec.Summary
		v.list.RefreshItem(idx)
		v.drawHeader()
	}
	v.drawDetail()
}

// prepareMonth drafts the picked month for every client with unbilled
// work and selects the first draft.
func (v *invoices) prepareMonth() {
	m := v.months[v.month.SelectedIndex()]
	ids, err := v.svc.PrepareMonth(context.Background(), m.year, m.month)
	if err != nil {
		v.fail(err)
		return
	}
	switch len(ids) {
	case 0:
		v.prepared.SetText("Nothing to invoice for " + m.String())
	case 1:
		v.prepared.SetText("1 draft for " + m.String())
	default:
		v.prepared.SetText(fmt.Sprintf("%d drafts for %s", len(ids), m))
	}
	if len(ids) > 0 {
		v.selectedID = ids[0]
	}
	v.reload()
}

// ---- the list ----

// invoiceRow is one document in the list, on two lines: number, client
// and total; then period and dates, status and balance.
type invoiceRow struct {
	widget.BaseWidget
	number   *widget.Label
	client   *widget.Label
	total    *widget.Label
	meta     *muted
	chip     *chip
	chipCell *fyne.Container
	balance  *muted
	content  fyne.CanvasObject
}

func newInvoiceRow() fyne.CanvasObject {
	r := &invoiceRow{number: widget.NewLabel(""), client: widget.NewLabel(""), total: widget.NewLabel(""),
		meta: newMuted(""), chip: newChip(), balance: newMuted("")}
	r.number.TextStyle.Bold = true
	r.number.Truncation = fyne.TextTruncateEllipsis
	r.client.Truncation = fyne.TextTruncateEllipsis
	r.total.TextStyle.Bold = true
	r.total.Alignment = fyne.TextAlignTrailing
	r.meta.Truncation = fyne.TextTruncateEllipsis
	r.balance.seg.Style.Alignment = fyne.TextAlignTrailing
	r.chipCell = container.NewBorder(nil, nil, nil, container.NewCenter(r.chip))
	line1 := container.New(columns{numberWidth, 0, amountWidth}, r.number, r.client, r.total)
	line2 := container.New(columns{0, chipWidth, balanceWidth}, r.meta, r.chipCell, r.balance)
	r.content = container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), line1, line2)
	r.ExtendBaseWidget(r)
	return r
}

func (r *invoiceRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.content)
}

func (v *invoices) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(v.rows) {
		return
	}
	r, m := o.(*invoiceRow), v.rows[id]
	r.number.TextStyle.Italic = m.Number == ""
	r.number.SetText(m.Number)
	if m.Number == "" {
		r.number.SetText("Draft")
	}
	r.client.SetText(m.Client)
	r.total.SetText(v.money.client(m.ClientID, m.Total, m.Currency))
	r.meta.SetText(rowMeta(m))
	r.chip.set(statusLook(m))
	r.chipCell.Refresh() // the chip's width follows its text
	bal := ""
	if m.Kind == invoice.KindInvoice && m.Status != invoice.StatusDraft && m.Status != invoice.StatusCancelled {
		bal = "balance " + v.money.client(m.ClientID, m.Balance, m.Currency)
	}
	r.balance.SetText(bal)
}

// rowMeta is the second line of a row: "Oct 2026 · issued 2 Nov · due 2 Dec".
// The period carries the year; the row has no room for it twice more.
func rowMeta(m invoice.Summary) string {
	period := time.Date(m.Year, m.Month, 1, 0, 0, 0, 0, time.UTC).Format("Jan 2006")
	short := func(t time.Time) string { return t.Format("2 Jan") }
	switch {
	case m.Status == invoice.StatusDraft:
		return period + " · not issued yet"
	case m.Kind == invoice.KindCredit:
		return period + " · " + short(m.IssueDate) + " · corrects " + m.Corrects
	}
	return period + " · issued " + short(m.IssueDate) + " · due " + short(m.DueDate)
}

// statusLook is the text and colour of a document's status chip.
func statusLook(m invoice.Summary) (string, fyne.ThemeColorName) {
	if m.Kind == invoice.KindCredit {
		return "credit note", theme.ColorNamePlaceHolder
	}
	switch m.Status {
	case invoice.StatusDraft:
		return string(m.Status), theme.ColorNamePlaceHolder
	case invoice.StatusPartiallyPaid:
		return string(m.Status), theme.ColorNameWarning
	case invoice.StatusPaid:
		return string(m.Status), theme.ColorNameSuccess
	case invoice.StatusOverdue:
		return string(m.Status), theme.ColorNameError
	case invoice.StatusCancelled:
		return string(m.Status), theme.ColorNameDisabled
	}
	return string(m.Status), theme.ColorNamePrimary
}

// ---- the document on the right ----

func (v *invoices) drawDetail() {
	v.issueDate, v.issue, v.deleteDraft = nil, nil, nil
	v.pay, v.credit, v.savePDF, v.openPDF = nil, nil, nil, nil
	if v.rec == nil {
		v.detail.Objects = []fyne.CanvasObject{emptyState("No invoice selected",
			"Pick one on the left to see its lines, totals and what can be done with it.")}
		v.detail.Refresh()
		return
	}
	r := v.rec
	d := r.Doc
	fm := func(x decimal.Decimal) string {
		return money.Format(money.Amount{Value: x, Currency: d.Currency}, d.Locale)
	}

	title := "Draft invoice"
	switch {
	case r.Kind == invoice.KindCredit:
		title = "Credit note " + r.Number
	case r.Number != "":
		title = "Invoice " + r.Number
	}
	c := newChip()
	c.set(statusLook(r.Summary))
	client := widget.NewLabel(r.Client + " · " + period(d.PeriodStart, d.PeriodEnd))
	client.TextStyle.Bold = true
	client.Truncation = fyne.TextTruncateEllipsis
	dates := "Not issued yet: numbered and dated when you issue it"
	if r.Number != "" {
		dates = "Issued " + day(r.IssueDate) + " · due " + day(r.DueDate)
		if r.Kind == invoice.KindCredit {
			dates = "Issued " + day(r.IssueDate) + " · corrects " + d.Corrects
		}
	}
	top := container.New(layout.NewCustomPaddedVBoxLayout(-theme.Padding()),
		container.NewBorder(nil, nil, nil, container.NewCenter(c), heading(title)), client, newMuted(dates))

	lineCols := columns{0, 75, 95, amountWidth}
	lines := tight(container.New(lineCols, caption("Description", false), caption("Qty", true),
		caption("Unit price", true), caption("Amount", true)))
	for _, l := range d.Lines {
		desc := widget.NewLabel(l.Description)
		desc.Wrapping = fyne.TextWrapWord
		lines.Add(container.New(lineCols, desc, trailing(quantity(l, d.Locale)), trailing(fm(l.UnitPrice)), trailing(fm(l.Amount))))
	}
	totalCols := columns{0, amountWidth}
	totals := tight()
	total := func(label, amount string, bold bool) {
		l, a := trailing(label), trailing(amount)
		l.TextStyle.Bold, a.TextStyle.Bold = bold, bold
		totals.Add(container.New(totalCols, l, a))
	}
	total("Subtotal", fm(d.Subtotal), false)
	for _, t := range d.Taxes {
		total(taxLabel(t, d.Locale), fm(t.Amount), false)
	}
	total("Total", fm(d.Total), true)
	if r.Kind == invoice.KindInvoice && r.Number != "" {
		total("Paid", fm(r.Paid), false)
		if r.Credited.IsPositive() {
			total("Credited", fm(r.Credited), false)
		}
		total("Balance due", fm(r.Summary.Balance), true)
	}
	body := container.NewVBox(lines, widget.NewSeparator(), totals)
	section := func(title string, content ...fyne.CanvasObject) {
		body.Add(widget.NewSeparator())
		body.Add(tight(append([]fyne.CanvasObject{caption(title, false)}, content...)...))
	}
	if rt := d.Retainer; rt != nil {
		section("Retainer", widget.NewLabel(retainerText(rt, d.Locale)))
	}
	if len(r.Payments) > 0 {
		var rows []fyne.CanvasObject
		for _, p := range r.Payments {
			what := day(p.Date)
			if p.Method != "" {
				what += " · " + p.Method
			}
			if p.Note != "" {
				what += " · " + p.Note
			}
			l := widget.NewLabel(what)
			l.Truncation = fyne.TextTruncateEllipsis
			rows = append(rows, container.New(totalCols, l, trailing(fm(p.Amount))))
		}
		section("Payments", rows...)
	}
	if len(r.Credits) > 0 {
		section("Credit notes", widget.NewLabel(strings.Join(r.Credits, ", ")))
	}
	if d.Reason != "" {
		section("Reason", wrapped(d.Reason))
	}
	if d.Note != "" {
		note := newMuted(d.Note)
		note.Wrapping = fyne.TextWrapWord
		section("Legal note", note)
	}

	actions := v.actions(r)
	v.detail.Objects = []fyne.CanvasObject{container.NewBorder(top, actions, nil, nil, container.NewVScroll(body))}
	v.detail.Refresh()
}

// drawUnreadable says why a document cannot be shown, such as a draft
// whose month has a running timer, and still lets a draft be deleted.
func (v *invoices) drawUnreadable(m invoice.Summary, err error) {
	v.drawDetail()
	msg := widget.NewLabel(forWindow(err).Error())
	msg.Importance = widget.DangerImportance
	msg.Wrapping = fyne.TextWrapWord
	var bar fyne.CanvasObject
	if m.Status == invoice.StatusDraft {
		v.deleteDraft = widget.NewButtonWithIcon("Delete draft", theme.DeleteIcon(), v.removeDraft)
		v.deleteDraft.Importance = widget.DangerImportance
		bar = container.NewBorder(nil, nil, nil, v.deleteDraft)
	}
	title := "Invoice " + m.Number
	if m.Number == "" {
		title = "Draft invoice"
	}
	v.detail.Objects = []fyne.CanvasObject{container.NewBorder(container.NewVBox(heading(title), msg), bar, nil, nil)}
	v.detail.Refresh()
}

// actions are the buttons of a document's state: a draft is issued or
// deleted; an issued invoice is paid, credited, saved or opened as PDF.
func (v *invoices) actions(r *invoice.Record) fyne.CanvasObject {
	if r.Status == invoice.StatusDraft {
		v.issueDate = widget.NewEntry()
		v.issueDate.SetText(v.svc.Today().Format(dayLayout))
		v.issueDate.OnSubmitted = func(string) { v.issueDraft() }
		v.issue = widget.NewButtonWithIcon("Issue", theme.ConfirmIcon(), v.issueDraft)
		v.issue.Importance = widget.HighImportance
		v.deleteDraft = widget.NewButtonWithIcon("Delete draft", theme.DeleteIcon(), v.removeDraft)
		v.deleteDraft.Importance = widget.DangerImportance
		on := newMuted("Issue date")
		return container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil,
			container.NewHBox(container.NewCenter(on), container.NewGridWrap(fyne.NewSize(130, v.issueDate.MinSize().Height), v.issueDate), v.issue),
			v.deleteDraft))
	}
	// Only the main action has an icon: four of them would not fit beside the list.
	v.savePDF = widget.NewButton("Save PDF…", v.showSavePDF)
	v.openPDF = widget.NewButton("Open PDF", v.openPDFNow)
	pdf := container.NewHBox(v.savePDF, v.openPDF)
	if r.Kind != invoice.KindInvoice || !r.Summary.Balance.IsPositive() {
		return container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, nil, pdf))
	}
	v.pay = widget.NewButtonWithIcon("Record payment…", theme.ContentAddIcon(), v.showPayment)
	v.pay.Importance = widget.HighImportance
	v.credit = widget.NewButton("Credit note…", v.showCredit)
	return container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, container.NewHBox(v.pay, v.credit), pdf))
}

// tight stacks rows closer than a VBox does, so lines and totals read as a table.
func tight(objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), objs...)
}

// caption is a small grey column or section title.
func caption(text string, right bool) fyne.CanvasObject {
	m := newMuted(text)
	m.seg.Style.TextStyle.Bold = true
	m.seg.Style.SizeName = theme.SizeNameCaptionText
	if right {
		m.seg.Style.Alignment = fyne.TextAlignTrailing
	}
	return m
}

func trailing(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Alignment = fyne.TextAlignTrailing
	return l
}

func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// period writes a service period: "1–31 Oct 2026", "15 Oct – 14 Nov 2026".
func period(from, to time.Time) string {
	switch {
	case from.IsZero():
		return ""
	case to.Before(from) || to.Equal(from):
		return day(from)
	case from.Year() == to.Year() && from.Month() == to.Month():
		return fmt.Sprintf("%d–%s", from.Day(), day(to))
	case from.Year() == to.Year():
		return from.Format("2 Jan") + " – " + day(to)
	}
	return day(from) + " – " + day(to)
}

// places is how many decimals v has, at most limit: 21 has none, 0.5 one.
func places(v decimal.Decimal, limit int32) int32 {
	_, frac, ok := strings.Cut(v.String(), ".")
	if !ok {
		return 0
	}
	return min(int32(len(frac)), limit)
}

func quantity(l invoice.Line, locale string) string {
	if l.Unit == "h" {
		return money.FormatNumber(l.Quantity, 2, locale) + " h"
	}
	q := money.FormatNumber(l.Quantity, places(l.Quantity, 2), locale)
	if l.Unit != "" {
		q += " " + l.Unit
	}
	return q
}

// taxLabel is "IVA 21 %", "IRPF -15 %".
func taxLabel(t invoice.Tax, locale string) string {
	pct := money.FormatNumber(t.Pct, places(t.Pct, 4), locale) + " %"
	if name := strings.TrimSpace(t.Name); name != "" {
		return name + " " + pct
	}
	return pct
}

func retainerText(rt *invoice.Retainer, locale string) string {
	h := func(v decimal.Decimal) string { return money.FormatNumber(v, 2, locale) + " h" }
	s := h(rt.Used) + " used of " + h(rt.Available) + " available"
	if rt.CarryOut.IsPositive() {
		s += " · " + h(rt.CarryOut) + " carried over"
	}
	return s
}

// ---- actions ----

func (v *invoices) issueDraft() {
	if v.rec == nil || v.issueDate == nil {
		return
	}
	date, err := parseDay(v.issueDate.Text, v.svc.Today(), "issue date")
	if err == nil {
		_, err = v.svc.Issue(context.Background(), v.rec.ID, date)
	}
	if err != nil {
		v.fail(err)
		return
	}
	v.reload()
}

func (v *invoices) removeDraft() {
	if v.selectedID == 0 {
		return
	}
	if err := v.svc.DeleteDraft(context.Background(), v.selectedID); err != nil {
		v.fail(err)
		return
	}
	v.selectedID = 0
	v.reload()
}

// pdfName is the file name offered for a document: "2026-0004.pdf".
func pdfName(number string) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) {
			return '-'
		}
		return r
	}, number)
	return name + ".pdf"
}

// renderPDF renders the shown document in memory, so a failure leaves no
// half-written file behind.
func (v *invoices) renderPDF() ([]byte, error) {
	var buf bytes.Buffer
	if err := invoice.Render(&buf, v.rec.Doc, v.rec.Balance()); err != nil {
		return nil, fmt.Errorf("render %s: %w", v.rec.Number, err)
	}
	return buf.Bytes(), nil
}

func (v *invoices) showSavePDF() {
	if v.rec == nil {
		return
	}
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			v.fail(err)
			return
		}
		if wc == nil {
			return // cancelled
		}
		if err := v.writePDF(wc); err != nil {
			v.fail(err)
		}
	}, v.w)
	d.SetFileName(pdfName(v.rec.Number))
	d.SetFilter(storage.NewExtensionFileFilter([]string{".pdf"}))
	d.Show()
}

// writePDF renders the shown document to w and closes it.
func (v *invoices) writePDF(w fyne.URIWriteCloser) error {
	b, err := v.renderPDF()
	if err != nil {
		w.Close()
		return err
	}
	if _, err := w.Write(b); err != nil {
		w.Close()
		return fmt.Errorf("save %s: %w", w.URI().Name(), err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("save %s: %w", w.URI().Name(), err)
	}
	return nil
}

// openPDFNow writes the PDF to a new file in the temporary directory and
// hands it to the system's viewer.
func (v *invoices) openPDFNow() {
	if v.rec == nil {
		return
	}
	path, err := v.tempPDF()
	if err == nil {
		var u *url.URL
		if u, err = url.Parse(storage.NewFileURI(path).String()); err == nil {
			err = fyne.CurrentApp().OpenURL(u)
		}
	}
	if err != nil {
		v.fail(err)
	}
}

func (v *invoices) tempPDF() (string, error) {
	b, err := v.renderPDF()
	if err != nil {
		return "", err
	}
	f, err := os.CreateTemp("", "horas-"+strings.TrimSuffix(pdfName(v.rec.Number), ".pdf")+"-*.pdf")
	if err != nil {
		return "", err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), f.Close()
}

func (v *invoices) showPayment() {
	if v.rec == nil {
		return
	}
	v.payDlg = newPaymentDialog(v.w, v.svc, *v.rec, v.reload)
	v.payDlg.show()
}

func (v *invoices) showCredit() {
	if v.rec == nil {
		return
	}
	v.creditDlg = newCreditDialog(v.w, v.svc, *v.rec, v.reload)
	v.creditDlg.show()
}

func (v *invoices) showProfile() {
	v.profileDlg = newProfileDialog(v.w, v.svc, v.reload)
	v.profileDlg.show()
}

// ---- payment and credit note dialogs ----

// paymentMethods are offered for a payment; the service stores the text.
var paymentMethods = []string{"transfer", "PayPal", "Wise", "card", "cash", "other"}

// paymentDialog records money received against an invoice. A refusal is
// shown inside the dialog, which stays open; nothing is written then.
type paymentDialog struct {
	formDialog
	w     fyne.Window
	svc   *invoice.Service
	rec   invoice.Record
	saved func()

	date   *widget.Entry
	amount *widget.Entry
	method *widget.Select
	note   *widget.Entry
}

func newPaymentDialog(w fyne.Window, svc *invoice.Service, rec invoice.Record, saved func()) *paymentDialog {
	p := &paymentDialog{w: w, svc: svc, rec: rec, saved: saved}
	loc := rec.Doc.Locale
	digits, _ := money.Digits(rec.Currency)
	p.date = widget.NewEntry()
	p.date.SetText(svc.Today().Format(dayLayout))
	p.amount = widget.NewEntry()
	p.amount.SetText(money.FormatNumber(rec.Summary.Balance, digits, loc))
	p.method = widget.NewSelect(paymentMethods, nil)
	p.method.SetSelectedIndex(0)
	p.note = widget.NewEntry()
	p.note.SetPlaceHolder("Optional, e.g. the bank's reference")
	for _, e := range []*widget.Entry{p.date, p.amount, p.note} {
		e.OnSubmitted = func(string) { p.save() }
	}
	balance := money.Format(money.Amount{Value: rec.Summary.Balance, Currency: rec.Currency}, loc)
	form := widget.NewForm(
		&widget.FormItem{Text: "Date", Widget: p.date, HintText: "YYYY-MM-DD"},
		&widget.FormItem{Text: "Amount", Widget: p.amount, HintText: "In " + rec.Currency + "; the balance is " + balance},
		widget.NewFormItem("Method", p.method),
		widget.NewFormItem("Note", p.note),
	)
	p.formDialog = newFormDialog(w, "Payment for "+rec.Number, "Record payment", form, p.save)
	return p
}

func (p *paymentDialog) show() {
	p.d.Show()
	p.w.Canvas().Focus(p.amount)
}

func (p *paymentDialog) save() {
	date, err := parseDay(p.date.Text, p.svc.Today(), "payment date")
	var amount decimal.Decimal
	if err == nil {
		amount, err = money.Parse(p.amount.Text, p.rec.Currency, p.rec.Doc.Locale)
		if err != nil {
			err = fmt.Errorf("amount: %w", err)
		}
	}
	if err == nil {
		err = p.svc.Pay(context.Background(), p.rec.Number, amount, date, p.method.Selected, p.note.Text)
	}
	if err != nil {
		showInline(p.d, p.errLabel, forWindow(err))
		return
	}
	p.d.Hide()
	p.saved()
}

const (
	creditWhole = "The whole invoice"
	creditPart  = "Part of it"
)

// creditDialog issues a credit note against an invoice: the whole of it,
// which cancels it, or an amount before taxes.
type creditDialog struct {
	formDialog
	w     fyne.Window
	svc   *invoice.Service
	rec   invoice.Record
	saved func()

	kind   *widget.RadioGroup
	amount *widget.Entry
	reason *widget.Entry
}

func newCreditDialog(w fyne.Window, svc *invoice.Service, rec invoice.Record, saved func()) *creditDialog {
	c := &creditDialog{w: w, svc: svc, rec: rec, saved: saved}
	c.amount = widget.NewEntry()
	c.amount.SetPlaceHolder("Before taxes")
	c.kind = widget.NewRadioGroup([]string{creditWhole, creditPart}, func(s string) {
		if s == creditPart {
			c.amount.Enable()
		} else {
			c.amount.Disable()
		}
	})
	c.kind.Horizontal = true
	c.kind.Required = true
	// Money received cannot be un-invoiced in full: only part can be credited.
	if rec.Paid.IsPositive() || rec.Credited.IsPositive() {
		c.kind.SetSelected(creditPart)
	} else {
		c.kind.SetSelected(creditWhole)
	}
	c.reason = widget.NewEntry()
	c.reason.SetPlaceHolder("e.g. hours billed twice")
	for _, e := range []*widget.Entry{c.amount, c.reason} {
		e.OnSubmitted = func(string) { c.save() }
	}
	form := widget.NewForm(
		&widget.FormItem{Text: "Credit", Widget: c.kind, HintText: "The whole invoice cancels it and frees its hours to invoice again"},
		&widget.FormItem{Text: "Amount", Widget: c.amount, HintText: "In " + rec.Currency + ", before taxes; the invoice's taxes are added"},
		widget.NewFormItem("Reason", c.reason),
	)
	c.formDialog = newFormDialog(w, "Credit note for "+rec.Number, "Issue credit note", form, c.save)
	return c
}

func (c *creditDialog) show() { c.d.Show() }

func (c *creditDialog) save() {
	var amount *decimal.Decimal
	if c.kind.Selected == creditPart {
		a, err := money.Parse(c.amount.Text, c.rec.Currency, c.rec.Doc.Locale)
		if err != nil {
			showInline(c.d, c.errLabel, fmt.Errorf("amount: %w", err))
			return
		}
		amount = &a
	}
	if _, err := c.svc.Credit(context.Background(), c.rec.Number, amount, c.reason.Text, time.Time{}); err != nil {
		showInline(c.d, c.errLabel, forWindow(err))
		return
	}
	c.d.Hide()
	c.saved()
}

// ---- small widgets ----

// chip is a status in a rounded tint of its colour: "overdue" in red.
type chip struct {
	widget.BaseWidget
	text  string
	color fyne.ThemeColorName
}

func newChip() *chip {
	c := &chip{color: theme.ColorNamePrimary}
	c.ExtendBaseWidget(c)
	return c
}

func (c *chip) set(text string, color fyne.ThemeColorName) {
	if c.text != text || c.color != color {
		c.text, c.color = text, color
		c.Refresh()
	}
}

func (c *chip) CreateRenderer() fyne.WidgetRenderer {
	r := &chipRenderer{c: c, bg: canvas.NewRectangle(nil), label: canvas.NewText("", nil)}
	r.label.TextStyle.Bold = true
	r.Refresh()
	return r
}

type chipRenderer struct {
	c     *chip
	bg    *canvas.Rectangle
	label *canvas.Text
}

const chipTint = 0x2e

func (r *chipRenderer) padding() fyne.Size {
	p := theme.Padding()
	return fyne.NewSize(2*p, p/2)
}

func (r *chipRenderer) Layout(s fyne.Size) {
	r.bg.Resize(s)
	m := r.label.MinSize()
	r.label.Resize(m)
	r.label.Move(fyne.NewPos((s.Width-m.Width)/2, (s.Height-m.Height)/2))
}

func (r *chipRenderer) MinSize() fyne.Size {
	return r.label.MinSize().Add(r.padding().Add(r.padding()))
}

func (r *chipRenderer) Refresh() {
	col := theme.Color(r.c.color)
	r.label.Text, r.label.Color = r.c.text, col
	r.label.TextSize = theme.CaptionTextSize() + 1
	r.bg.FillColor = withAlpha(col, chipTint)
	r.bg.CornerRadius = r.MinSize().Height / 2
	r.label.Refresh()
	r.bg.Refresh()
}

func (r *chipRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.label} }

func (r *chipRenderer) Destroy() {}

// columns lays objects out side by side with fixed widths; the one column
// of width 0 takes what is left. Rows built with the same columns line up.
type columns []float32

func (c columns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for i, o := range objs {
		m := o.MinSize()
		if i < len(c) && c[i] != 0 {
			w += c[i]
		} else {
			w += m.Width
		}
		h = max(h, m.Height)
	}
	return fyne.NewSize(w, h)
}

func (c columns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var fixed float32
	for _, w := range c {
		fixed += w
	}
	flex := max(size.Width-fixed, 0)
	var x float32
	for i, o := range objs {
		w := flex
		if i < len(c) && c[i] != 0 {
			w = c[i]
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}

// showHook draws its content and calls shown each time it comes back into
// view: a tab's content is hidden while another tab is selected, so the
// screen rereads what the Track screen or the CLI changed meanwhile.
type showHook struct {
	widget.BaseWidget
	content fyne.CanvasObject
	shown   func()
}

func newShowHook(content fyne.CanvasObject, shown func()) *showHook {
	h := &showHook{content: content, shown: shown}
	h.ExtendBaseWidget(h)
	return h
}

func (h *showHook) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(h.content) }

func (h *showHook) Show() {
	if !h.Visible() {
		h.BaseWidget.Show()
		h.shown()
		return
	}
	h.BaseWidget.Show()
}
