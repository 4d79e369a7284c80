package ui

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/money"
	"github.com/horasapp/horas/internal/tracking"
)

// amountLocale is how amounts typed on the Clients screen are read. The VA
// types them, and her habit does not change with the client she edits, so
// one locale serves every client. The form shows amounts as the CLI takes
// them, "1234.50", and such a plain number is read that way: a dot is the
// decimal point, so "12.345" EUR is refused for its third decimal. Anything
// else goes to money.Parse in "en", which reads "45,50", "1.234,50" and
// "€1,234.50" as meant and refuses what could be read two ways.
const amountLocale = "en"

var plainAmount = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// dateTimeLayout is how task instants are typed and shown, in the VA's zone.
const dateTimeLayout = "2006-01-02 15:04"

// Rounding increments offered, in minutes. One set with the CLI that is not
// listed joins the choices when its client is shown.
var roundingMinutes = []int{1, 5, 6, 10, 15, 30}

const noRounding = "None"

var roundModeLabels = []struct {
	mode  billing.RoundMode
	label string
}{
	{billing.RoundUp, "Up"},
	{billing.RoundNearest, "Nearest"},
	{billing.RoundDown, "Down"},
}

// Widths of the form: the label column is the same in every section, so the
// fields line up down the whole form; short values do not stretch across it.
const (
	labelWidth     = 150
	shortWidth     = 140
	mediumWidth    = 240
	taskLabelWidth = 110
	doneWidth      = 170
)

// clients is the Clients screen: the clients on the left; on the right every
// setting of the one selected, then its tasks. Nothing is written until
// Save, and then all of it in one transaction (UpdateClient).
type clients struct {
	w     fyne.Window
	svc   *tracking.Service
	track *track // redrawn after a save, so both screens agree at once

	all     []tracking.Client // listed, by name
	cur     tracking.Client   // selected, as stored
	chosen  bool              // a client is selected
	tasks   []tracking.Task
	loading bool // the form is being filled in: changes are not edits
	dirty   bool

	list         *widget.List
	showArchived *widget.Check
	addClient    *widget.Button

	title    *widget.Label
	subtitle *muted
	scroll   *container.Scroll

	name, address, taxID, email   *widget.Entry
	lang                          *widget.SelectEntry
	country                       *widget.Entry
	zone                          *widget.SelectEntry
	currency                      *widget.SelectEntry
	rate, termsDays               *widget.Entry
	roundEvery, roundMode         *widget.Select
	urgent, rush, notice          *widget.Entry
	retainer                      *widget.Check
	fee, hours, overage, rollover *widget.Entry
	retainerFields                *fyne.Container
	taxes                         []*taxRow
	taxList                       *fyne.Container
	addTax                        *widget.Button
	note                          *widget.Entry
	archived                      *widget.Check
	checks                        []*fieldCheck // in form order: the first refusal is the one Save names
	amountChecks                  []*fieldCheck // read in the currency: checked again when it changes
	retainerChecks                []*fieldCheck
	currencyUnits                 []currencyUnit

	saveErr      *widget.Label
	status       *muted
	save, revert *widget.Button

	showDone    *widget.Check
	addTask     *widget.Button
	taskList    *fyne.Container
	taskButtons map[int64]*widget.Button

	// The dialogs last opened, for tests to fill in.
	clientDlg  *clientDialog
	newTaskDlg *taskDialog
	taskDlg    *taskEditor

	form    fyne.CanvasObject
	none    fyne.CanvasObject // shown when no client is selected
	content fyne.CanvasObject
}

// fieldCheck checks one entry as it is typed and shows the refusal in red
// under it.
type fieldCheck struct {
	entry *widget.Entry
	check func(string) error
	msg   *widget.Label
	// shown is the widget on screen: the entry, or the SelectEntry around it.
	shown fyne.Focusable
}

func newFieldCheck(e *widget.Entry, check func(string) error) *fieldCheck {
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	msg.Wrapping = fyne.TextWrapWord
	msg.Hide()
	return &fieldCheck{entry: e, check: check, msg: msg, shown: e}
}

func (f *fieldCheck) run() error {
	err := f.check(f.entry.Text)
	if err == nil {
		f.msg.Hide()
		return nil
	}
	f.msg.SetText(err.Error())
	f.msg.Show()
	return err
}

// taxRow is one tax line of the form: NAME and PERCENT.
type taxRow struct {
	name, pct *widget.Entry
	remove    *widget.Button
	fc        *fieldCheck
	row       fyne.CanvasObject
}

func newClients(w fyne.Window, s Services, tr *track) *clients {
	c := &clients{w: w, svc: s.Tracking, track: tr}

	c.list = widget.NewList(func() int { return len(c.all) }, newClientItem, c.updateClientItem)
	c.list.OnSelected = c.selected
	c.showArchived = widget.NewCheck("Show archived", func(bool) { c.reload() })
	c.addClient = widget.NewButtonWithIcon("Client", theme.ContentAddIcon(), c.showClientDialog)
	left := container.NewBorder(
		container.NewBorder(nil, nil, heading("Clients"), c.addClient),
		c.showArchived, nil, nil, c.list)

	c.title = heading("")
	c.title.Truncation = fyne.TextTruncateEllipsis
	c.subtitle = newMuted("")
	c.saveErr = widget.NewLabel("")
	c.saveErr.Importance = widget.DangerImportance
	c.saveErr.Wrapping = fyne.TextWrapWord
	c.saveErr.Hide()
	c.status = newMuted("")
	c.revert = widget.NewButtonWithIcon("Revert", theme.ContentUndoIcon(), c.revertForm)
	c.save = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), c.saveClient)
	c.save.Importance = widget.HighImportance
	bar := container.NewVBox(widget.NewSeparator(), c.saveErr,
		container.NewBorder(nil, nil, c.status, container.NewHBox(c.revert, c.save)))

	c.scroll = container.NewVScroll(container.NewPadded(container.NewVBox(c.buildForm(), c.buildTasks())))
	c.form = container.NewBorder(
		container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), c.title, c.subtitle),
		bar, nil, nil, c.scroll)
	c.none = emptyState("No client chosen", "Pick a client on the left, or add one with “+ Client”.")

	split := container.NewHSplit(container.NewPadded(left), container.NewPadded(container.NewStack(c.form, c.none)))
	split.Offset = 0.27
	c.content = split
	c.reload()
	return c
}

// buildForm makes the client form, section by section.
func (c *clients) buildForm() fyne.CanvasObject {
	entry := func(placeholder string) *widget.Entry {
		e := widget.NewEntry()
		e.SetPlaceHolder(placeholder)
		e.OnChanged = func(string) { c.edited() }
		return e
	}
	multi := func(placeholder string) *widget.Entry {
		e := entry(placeholder)
		e.MultiLine = true
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(3)
		return e
	}
	// checked wires an entry's inline check; it runs on every change.
	checked := func(e *widget.Entry, check func(string) error) *fieldCheck {
		fc := newFieldCheck(e, check)
		e.OnChanged = func(string) {
			fc.run()
			c.edited()
		}
		c.checks = append(c.checks, fc)
		return fc
	}

	c.name = entry("Acme Ltd")
	nameCheck := checked(c.name, func(s string) error {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("client name is empty: give the name you invoice, e.g. \"Acme Ltd\"")
		}
		return nil
	})
	c.address = multi("Street, city, postcode — as printed on invoices")
	c.taxID = entry("VAT number, NIF, EIN…")
	c.email = entry("billing@example.com")

	c.lang = widget.NewSelectEntry(commonLanguages)
	langCheck := checked(&c.lang.Entry, checkLang)
	langCheck.shown = c.lang
	c.country = entry("ES")
	countryCheck := checked(c.country, checkCountry)
	c.zone = widget.NewSelectEntry(commonZones)
	zoneCheck := checked(&c.zone.Entry, checkZone)
	zoneCheck.shown = c.zone

	c.currency = widget.NewSelectEntry(commonCurrencies)
	currencyCheck := newFieldCheck(&c.currency.Entry, func(s string) error {
		_, err := money.NormalizeCode(s)
		return err
	})
	currencyCheck.shown = c.currency
	c.checks = append(c.checks, currencyCheck)
	c.currency.OnChanged = func(string) {
		currencyCheck.run()
		for _, fc := range c.amountChecks {
			fc.run()
		}
		c.showCurrencyUnits()
		c.edited()
	}
	c.rate = entry("45.00")
	rateCheck := checked(c.rate, func(s string) error {
		_, err := c.amount("hourly rate", s)
		return err
	})
	c.termsDays = entry("30")
	termsCheck := checked(c.termsDays, func(s string) error {
		_, err := parseDays("payment terms", s)
		return err
	})
	c.roundEvery = widget.NewSelect(nil, func(string) { c.roundingChanged() })
	c.roundMode = widget.NewSelect(nil, func(string) { c.edited() })
	for _, m := range roundModeLabels {
		c.roundMode.Options = append(c.roundMode.Options, m.label)
	}
	c.setRoundingOptions(0)

	c.urgent = entry("1.5")
	urgentCheck := checked(c.urgent, func(s string) error {
		_, err := parseMultiplier("urgent", s)
		return err
	})
	c.rush = entry("2")
	rushCheck := checked(c.rush, func(s string) error {
		_, err := parseMultiplier("rush", s)
		return err
	})
	c.notice = entry("0")
	noticeCheck := checked(c.notice, func(s string) error {
		_, err := parseDays("notice", s)
		return err
	})

	c.retainer = widget.NewCheck("Bill a monthly retainer", func(on bool) {
		c.retainerFields.Hidden = !on
		c.retainerFields.Refresh()
		for _, fc := range c.retainerChecks {
			fc.run() // they pass while the retainer is off
		}
		c.edited()
	})
	c.fee = entry("800.00")
	feeCheck := checked(c.fee, func(s string) error {
		if !c.retainer.Checked {
			return nil
		}
		_, err := c.amount("retainer fee", s)
		return err
	})
	c.hours = entry("20")
	hoursCheck := checked(c.hours, func(s string) error {
		if !c.retainer.Checked {
			return nil
		}
		h, err := parseNumber("included hours", s, "20")
		if err == nil && !h.IsPositive() {
			err = fmt.Errorf("included hours %s: a retainer covers more than zero hours", h)
		}
		return err
	})
	c.overage = entry("the hourly rate")
	overageCheck := checked(c.overage, func(s string) error {
		if !c.retainer.Checked || strings.TrimSpace(s) == "" {
			return nil
		}
		_, err := c.amount("overage rate", s)
		return err
	})
	c.rollover = entry("0")
	capCheck := checked(c.rollover, func(s string) error {
		if !c.retainer.Checked {
			return nil
		}
		_, err := parseHours("rollover cap", s)
		return err
	})
	c.amountChecks = []*fieldCheck{rateCheck, feeCheck, overageCheck}
	c.retainerChecks = []*fieldCheck{feeCheck, hoursCheck, overageCheck, capCheck}

	c.taxList = container.NewVBox()
	c.addTax = widget.NewButtonWithIcon("Add tax", theme.ContentAddIcon(), func() {
		c.appendTax(billing.Tax{}, true)
		c.edited()
	})
	c.addTax.Importance = widget.LowImportance

	c.note = multi("Reverse charge, “regime forfettario”… printed on every invoice")
	c.archived = widget.NewCheck("Archived — hidden from Track; its invoices stay", func(bool) { c.edited() })
	// Enter in a one-line field saves, as in the dialogs.
	for _, e := range []*widget.Entry{c.name, c.taxID, c.email, &c.lang.Entry, c.country, &c.zone.Entry, &c.currency.Entry,
		c.rate, c.termsDays, c.urgent, c.rush, c.notice, c.fee, c.hours, c.overage, c.rollover} {
		e.OnSubmitted = func(string) { c.submitted() }
	}

	perCurrency, unit := c.currencyUnit, newMuted
	c.retainerFields = container.NewVBox(
		row("Monthly fee", short(c.fee, perCurrency(" per month")), "", feeCheck),
		row("Included hours", short(c.hours, unit("h per month")), "", hoursCheck),
		row("Overage rate", short(c.overage, perCurrency("/h beyond them; empty: the hourly rate")), "", overageCheck),
		row("Rollover cap", short(c.rollover, unit("unused h that may carry into next month")), "", capCheck),
	)
	c.retainerFields.Hide()

	return container.NewVBox(
		section("Contact",
			row("Name", c.name, "", nameCheck),
			row("Address", c.address, "", nil),
			row("Tax ID", medium(c.taxID, nil), "", nil),
			row("Email", medium(c.email, nil), "", nil),
		),
		section("Language and place",
			row("Language", short(c.lang, unit("of invoices: en, es, it, …")), "", langCheck),
			row("Country", short(c.country, unit("two letters; US and CA get Letter paper")), "", countryCheck),
			row("Time zone", medium(c.zone, unit("shown as the client's local time")), "", zoneCheck),
		),
		section("Rates and terms",
			row("Currency", short(c.currency, unit("ISO 4217 code")), "", currencyCheck),
			row("Hourly rate", short(c.rate, perCurrency("/h")), "", rateCheck),
			row("Payment terms", short(c.termsDays, unit("days from issue to due date")), "", termsCheck),
			row("Rounding", container.NewHBox(sized(shortWidth, c.roundEvery), sized(shortWidth, c.roundMode), unit("of each entry")), "", nil),
		),
		section("Urgency",
			row("Urgent", short(c.urgent, unit("× the rate")), "", urgentCheck),
			row("Rush", short(c.rush, unit("× the rate")), "", rushCheck),
			row("Notice period", short(c.notice, unit("days; less notice suggests urgent, under 24 h rush")), "", noticeCheck),
		),
		section("Retainer",
			row("", c.retainer, "", nil),
			c.retainerFields,
		),
		section("Taxes",
			row("", container.NewVBox(c.taxList, container.NewHBox(c.addTax)),
				"On the subtotal, in this order; negative ones withhold, e.g. IRPF −15", nil),
		),
		section("Invoice",
			row("Legal note", c.note, "", nil),
			row("", c.archived, "", nil),
		),
	)
}

// currencyUnit is the unit beside an amount, which follows the currency
// typed: "EUR/h".
type currencyUnit struct {
	label  *muted
	suffix string
}

func (c *clients) currencyUnit(suffix string) fyne.CanvasObject {
	u := currencyUnit{label: newMuted(""), suffix: suffix}
	c.currencyUnits = append(c.currencyUnits, u)
	return u.label
}

func (c *clients) showCurrencyUnits() {
	code, err := money.NormalizeCode(c.currency.Text)
	if err != nil {
		code = ""
	}
	for _, u := range c.currencyUnits {
		u.label.SetText(code + u.suffix)
	}
}

// buildTasks makes the list of the client's tasks under the form.
func (c *clients) buildTasks() fyne.CanvasObject {
	c.showDone = widget.NewCheck("Show done", func(bool) { c.loadTasks() })
	c.addTask = widget.NewButtonWithIcon("Task", theme.ContentAddIcon(), c.showNewTaskDialog)
	c.taskList = container.NewVBox()
	return container.NewVBox(
		widget.NewSeparator(),
		container.NewBorder(nil, nil, heading("Tasks"), container.NewHBox(c.showDone, c.addTask)),
		newMuted("Tap a task to edit how it bills, its urgency and dates."),
		c.taskList,
	)
}

// section is a titled group of rows.
func section(title string, rows ...fyne.CanvasObject) fyne.CanvasObject {
	return container.NewVBox(append([]fyne.CanvasObject{heading(title)}, rows...)...)
}

// row is a form row: a label beside its field, a hint and the field's
// inline refusal under it.
func row(label string, field fyne.CanvasObject, hint string, fc *fieldCheck) fyne.CanvasObject {
	return labelled(labelWidth, label, field, hint, fc)
}

func labelled(width float32, label string, field fyne.CanvasObject, hint string, fc *fieldCheck) fyne.CanvasObject {
	l := widget.NewLabel(label)
	l.Alignment = fyne.TextAlignTrailing
	col := container.New(layout.NewCustomPaddedVBoxLayout(0), field)
	if hint != "" {
		h := newMuted(hint)
		h.seg.Style.SizeName = theme.SizeNameCaptionText
		h.Wrapping = fyne.TextWrapWord
		col.Add(h)
	}
	if fc != nil {
		col.Add(fc.msg)
	}
	return container.New(fieldRow{label: width}, l, col)
}

// fieldRow lays out a label and a field side by side. The label keeps the
// height of one line, level with the top of a field that grows.
type fieldRow struct{ label float32 }

func (r fieldRow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	l, f := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(r.label+theme.Padding()+f.Width, max(l.Height, f.Height))
}

func (r fieldRow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x := r.label + theme.Padding()
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(r.label, objs[0].MinSize().Height))
	objs[1].Move(fyne.NewPos(x, 0))
	objs[1].Resize(fyne.NewSize(size.Width-x, size.Height))
}

// widthLayout gives its objects at least a width.
type widthLayout float32

func (w widthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return fyne.NewSize(max(float32(w), s.Width), s.Height)
}

func (w widthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func sized(width float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(widthLayout(width), o)
}

// short is a short value, such as an amount or days, with its unit beside it.
func short(o, unit fyne.CanvasObject) fyne.CanvasObject {
	if unit == nil {
		return container.NewHBox(sized(shortWidth, o))
	}
	return container.NewHBox(sized(shortWidth, o), unit)
}

// medium is a value such as a zone or an email, with a hint beside it.
func medium(o, hint fyne.CanvasObject) fyne.CanvasObject {
	if hint == nil {
		return container.NewHBox(sized(mediumWidth, o))
	}
	return container.NewHBox(sized(mediumWidth, o), hint)
}

func newClientItem() fyne.CanvasObject {
	name := newMuted("")
	name.seg.Style.TextStyle.Bold = true
	name.Truncation = fyne.TextTruncateEllipsis
	detail := newMuted("")
	detail.Truncation = fyne.TextTruncateEllipsis
	return container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), name, detail)
}

// updateClientItem shows a client in the list: name, then currency and
// rate; archived ones greyed, in the colour that stays legible on the
// selection (the disabled one does not).
func (c *clients) updateClientItem(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(c.all) {
		return
	}
	cl := c.all[i]
	box := o.(*fyne.Container)
	name, detail := box.Objects[0].(*muted), box.Objects[1].(*muted)
	colour, text := theme.ColorNameForeground, cl.Currency+" · "+clientRate(cl)
	if cl.Archived {
		colour, text = theme.ColorNamePlaceHolder, text+" · archived"
	}
	if name.seg.Style.ColorName != colour {
		name.seg.Style.ColorName = colour
		name.Refresh()
	}
	name.SetText(cl.Name)
	detail.SetText(text)
}

// reload reads the clients again, keeps the selection on the same client
// and selects the first one when none is.
func (c *clients) reload() {
	all, err := c.svc.Clients(context.Background(), c.showArchived.Checked)
	if err != nil {
		dialog.ShowError(err, c.w)
		return
	}
	c.all = all
	c.list.Refresh()
	i := c.indexOf(c.cur.ID)
	if !c.chosen || i < 0 {
		if c.chosen && c.dirty {
			// The client went out of the list (archived elsewhere) while edited:
			// keep the form, so nothing typed is lost.
			c.list.UnselectAll()
			return
		}
		c.chosen = false
		c.list.UnselectAll()
		if len(c.all) > 0 {
			c.list.Select(0)
			return
		}
		c.showForm()
		return
	}
	c.list.Select(i)
}

func (c *clients) indexOf(id int64) int {
	for i, cl := range c.all {
		if cl.ID == id {
			return i
		}
	}
	return -1
}

// selected loads the client tapped in the list, asking first when the form
// holds changes not saved.
func (c *clients) selected(i widget.ListItemID) {
	if i < 0 || i >= len(c.all) {
		return
	}
	next := c.all[i]
	if c.chosen && next.ID == c.cur.ID {
		return
	}
	if !c.chosen || !c.dirty {
		c.load(next)
		return
	}
	prev := c.cur
	dialog.ShowConfirm("Discard changes?",
		fmt.Sprintf("The changes to %s are not saved. Discard them and open %s?", prev.Name, next.Name),
		func(discard bool) {
			if discard {
				c.load(next)
				return
			}
			if j := c.indexOf(prev.ID); j >= 0 {
				c.list.Select(j)
			} else {
				c.list.UnselectAll()
			}
		}, c.w)
}

// showForm shows the form when a client is chosen, else a hint.
func (c *clients) showForm() {
	if c.chosen {
		c.none.Hide()
		c.form.Show()
	} else {
		c.form.Hide()
		c.none.Show()
	}
}

// load fills the form with a client as stored.
func (c *clients) load(cl tracking.Client) {
	c.loading = true
	defer func() { c.loading = false }()
	c.cur, c.chosen = cl, true

	c.title.SetText(cl.Name)
	sub := fmt.Sprintf("%s · %s · %s", cl.Currency, money.LocaleFor(cl.Lang, cl.Country), cl.TZ)
	if cl.Archived {
		sub += " · archived"
	}
	c.subtitle.SetText(sub)
	c.name.SetText(cl.Name)
	c.address.SetText(cl.Address)
	c.taxID.SetText(cl.TaxID)
	c.email.SetText(cl.Email)
	c.lang.SetText(cl.Lang)
	c.country.SetText(cl.Country)
	c.zone.SetText(cl.TZ)
	c.currency.SetText(cl.Currency)
	c.rate.SetText(money.Fixed(cl.Rate, cl.Currency))
	c.termsDays.SetText(strconv.Itoa(cl.TermsDays))
	c.setRoundingOptions(cl.Rounding.Minutes)
	c.roundEvery.SetSelected(roundingLabel(cl.Rounding.Minutes))
	c.roundMode.SetSelected(roundModeLabels[0].label)
	for _, m := range roundModeLabels {
		if m.mode == cl.Rounding.Mode {
			c.roundMode.SetSelected(m.label)
		}
	}
	c.roundingChanged()
	c.urgent.SetText(cl.Urgent.String())
	c.rush.SetText(cl.Rush.String())
	c.notice.SetText(strconv.Itoa(cl.NoticeDays))

	r := cl.Retainer
	c.retainer.SetChecked(r != nil)
	c.fee.SetText("")
	c.hours.SetText("")
	c.overage.SetText("")
	c.rollover.SetText("0")
	if r != nil {
		c.fee.SetText(money.Fixed(r.Fee, cl.Currency))
		c.hours.SetText(r.Hours.String())
		if r.OverageRate.Valid {
			c.overage.SetText(money.Fixed(r.OverageRate.Decimal, cl.Currency))
		}
		c.rollover.SetText(r.RolloverCap.String())
	}
	c.retainerFields.Hidden = r == nil
	c.retainerFields.Refresh()

	c.taxes = nil
	c.taxList.RemoveAll()
	for _, t := range cl.Taxes {
		c.appendTax(t, false)
	}
	c.note.SetText(cl.Note)
	c.archived.SetChecked(cl.Archived)

	for _, fc := range c.checks {
		fc.run()
	}
	c.setDirty(false)
	c.saveErr.Hide()
	c.status.SetText("")
	c.showForm()
	c.loadTasks()
}

// appendTax adds a tax row to the form; focus goes to a new, empty one.
func (c *clients) appendTax(t billing.Tax, focus bool) {
	r := &taxRow{name: widget.NewEntry(), pct: widget.NewEntry()}
	r.name.SetPlaceHolder("IVA, VAT, IRPF…")
	r.pct.SetPlaceHolder("21")
	if t.Name != "" {
		r.name.SetText(t.Name)
		r.pct.SetText(t.Pct.String())
	}
	r.fc = newFieldCheck(r.pct, func(string) error {
		_, _, err := r.read()
		return err
	})
	for _, e := range []*widget.Entry{r.name, r.pct} {
		e.OnChanged = func(string) {
			r.fc.run()
			c.edited()
		}
		e.OnSubmitted = func(string) { c.submitted() }
	}
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		c.removeTax(r)
		c.edited()
	})
	r.remove.Importance = widget.LowImportance
	line := container.NewHBox(sized(mediumWidth-shortWidth+theme.Padding(), r.name), sized(shortWidth/2+theme.Padding(), r.pct), newMuted("%"), r.remove)
	r.row = container.New(layout.NewCustomPaddedVBoxLayout(0), line, r.fc.msg)
	c.taxes = append(c.taxes, r)
	c.taxList.Add(r.row)
	if focus {
		c.w.Canvas().Focus(r.name)
	}
}

func (c *clients) removeTax(r *taxRow) {
	for i, t := range c.taxes {
		if t == r {
			c.taxes = append(c.taxes[:i], c.taxes[i+1:]...)
			break
		}
	}
	c.taxList.Remove(r.row)
}

// read reads a tax row; ok is false for a row left empty.
func (r *taxRow) read() (t billing.Tax, ok bool, err error) {
	name := strings.TrimSpace(r.name.Text)
	pct := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(r.pct.Text), "%"))
	switch {
	case name == "" && pct == "":
		return t, false, nil
	case name == "":
		return t, false, fmt.Errorf("tax of %s%%: name it, e.g. IVA or VAT", pct)
	case pct == "":
		return t, false, fmt.Errorf("tax %s has no percentage: type it, e.g. 21, or -15 for a withholding", name)
	}
	p, err := parseNumber("tax "+name, pct, "21 or -15")
	if err != nil {
		return t, false, err
	}
	if p.Abs().GreaterThan(decimal.NewFromInt(100)) {
		return t, false, fmt.Errorf("tax %s of %s%%: a percentage goes from -100 to 100", name, p)
	}
	return billing.Tax{Name: name, Pct: p}, true, nil
}

func roundingLabel(minutes int) string {
	if minutes == 0 {
		return noRounding
	}
	return fmt.Sprintf("%d min", minutes)
}

// setRoundingOptions offers the usual increments and, when it is another,
// the one of the client shown.
func (c *clients) setRoundingOptions(current int) {
	opts := []string{noRounding}
	listed := current == 0
	for _, m := range roundingMinutes {
		if !listed && current < m {
			opts = append(opts, roundingLabel(current))
			listed = true
		}
		if m == current {
			listed = true
		}
		opts = append(opts, roundingLabel(m))
	}
	if !listed {
		opts = append(opts, roundingLabel(current))
	}
	c.roundEvery.Options = opts
	c.roundEvery.Refresh()
}

// roundingChanged disables the mode while nothing is rounded.
func (c *clients) roundingChanged() {
	if c.roundEvery.Selected == noRounding || c.roundEvery.Selected == "" {
		c.roundMode.Disable()
	} else {
		c.roundMode.Enable()
	}
	c.edited()
}

func (c *clients) rounding() billing.Rounding {
	var r billing.Rounding
	if n, err := fmt.Sscanf(c.roundEvery.Selected, "%d min", &r.Minutes); n != 1 || err != nil {
		return billing.Rounding{}
	}
	r.Mode = billing.RoundUp
	for _, m := range roundModeLabels {
		if m.label == c.roundMode.Selected {
			r.Mode = m.mode
		}
	}
	return r
}

// edited marks the form as holding changes not saved.
func (c *clients) edited() {
	if c.loading || c.save == nil {
		return
	}
	c.setDirty(true)
}

func (c *clients) setDirty(dirty bool) {
	c.dirty = dirty
	if dirty {
		c.save.Enable()
		c.revert.Enable()
		c.status.SetText("Changes not saved")
		return
	}
	c.save.Disable()
	c.revert.Disable()
}

// amount reads an amount of the currency typed in the form. With an unknown
// currency it passes: the currency field says what is wrong.
func (c *clients) amount(what, text string) (decimal.Decimal, error) {
	code, err := money.NormalizeCode(c.currency.Text)
	if err != nil {
		return decimal.Zero, nil
	}
	return parseAmount(what, text, code)
}

// parseAmount reads an amount of code as typed on this screen.
func parseAmount(what, text, code string) (decimal.Decimal, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return decimal.Zero, fmt.Errorf("%s is empty: type an amount of %s, e.g. 45", what, code)
	}
	var v decimal.Decimal
	var err error
	if plainAmount.MatchString(text) {
		v, err = money.ParseExact(text, code)
	} else {
		v, err = money.Parse(text, code, amountLocale)
	}
	if err != nil {
		return decimal.Zero, fmt.Errorf("%s: %w", what, err)
	}
	if v.IsNegative() {
		return decimal.Zero, fmt.Errorf("%s %s is negative: use zero or more", what, text)
	}
	return v, nil
}

// parseNumber reads a plain number such as hours, a multiplier or a
// percentage: "7.5", "7,5", and "−15" with a typographic minus.
func parseNumber(what, text, example string) (decimal.Decimal, error) {
	s := strings.TrimSpace(strings.ReplaceAll(text, "−", "-"))
	if !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	v, err := decimal.NewFromString(s)
	if err != nil || strings.ContainsAny(s, "eE") {
		return decimal.Zero, fmt.Errorf("%s %q is not a number: type one such as %s", what, strings.TrimSpace(text), example)
	}
	return v, nil
}

func parseHours(what, text string) (decimal.Decimal, error) {
	if strings.TrimSpace(text) == "" {
		return decimal.Zero, nil
	}
	h, err := parseNumber(what, text, "5 or 7.5")
	if err == nil && h.IsNegative() {
		err = fmt.Errorf("%s %s is negative: use zero or more hours", what, h)
	}
	return h, err
}

// parseMultiplier reads an urgency multiplier such as 1.5 or ×2.
func parseMultiplier(level, text string) (decimal.Decimal, error) {
	s := strings.TrimLeft(strings.TrimSpace(text), "×xX ")
	if s == "" {
		return decimal.Zero, fmt.Errorf("%s multiplier is empty: type how many times the rate %s work bills, e.g. 1.5", level, level)
	}
	m, err := parseNumber(level+" multiplier", s, "1.5")
	if err == nil && m.LessThan(decimal.NewFromInt(1)) {
		err = fmt.Errorf("%s multiplier %s is below 1: %s work bills the rate times it, e.g. 1.5", level, m, level)
	}
	return m, err
}

// parseDays reads whole days; empty is 0.
func parseDays(what, text string) (int, error) {
	s := strings.TrimSpace(text)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%s %q: type whole days, 0 or more, e.g. 30", what, s)
	}
	return n, nil
}

func checkLang(s string) error {
	s = strings.TrimSpace(s)
	if len(s) != 2 || !isASCIILetters(s) {
		return fmt.Errorf("language %q: use a two-letter code such as en, es or it", s)
	}
	return nil
}

func checkCountry(s string) error {
	s = strings.TrimSpace(s)
	if s != "" && (len(s) != 2 || !isASCIILetters(s)) {
		return fmt.Errorf("country %q: use a two-letter code such as ES, IT or US, or leave it empty", s)
	}
	return nil
}

func checkZone(s string) error {
	s = strings.TrimSpace(s)
	if _, err := time.LoadLocation(s); err != nil || s == "" || strings.EqualFold(s, "local") {
		return fmt.Errorf("time zone %q is unknown: use an IANA name such as Europe/Madrid or America/New_York", s)
	}
	return nil
}

func isASCIILetters(s string) bool {
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') {
			return false
		}
	}
	return true
}

// refused runs every inline check and returns the first that fails, in
// the order of the form, or nil.
func (c *clients) refused() *fieldCheck {
	var first *fieldCheck
	checks := append([]*fieldCheck(nil), c.checks...)
	for _, r := range c.taxes {
		checks = append(checks, r.fc)
	}
	for _, fc := range checks {
		if err := fc.run(); err != nil && first == nil {
			first = fc
		}
	}
	return first
}

// client reads the whole form into the client being edited. The first
// field refused is named; the service checks the whole on Save.
func (c *clients) client() (tracking.Client, error) {
	if fc := c.refused(); fc != nil {
		c.reveal(fc.shown)
		return tracking.Client{}, fc.check(fc.entry.Text)
	}
	cl := c.cur
	code, _ := money.NormalizeCode(c.currency.Text)
	cl.Name, cl.Address, cl.TaxID, cl.Email = c.name.Text, c.address.Text, strings.TrimSpace(c.taxID.Text), strings.TrimSpace(c.email.Text)
	cl.Lang, cl.Country, cl.TZ = c.lang.Text, c.country.Text, c.zone.Text
	cl.Currency = code
	cl.Rate, _ = parseAmount("hourly rate", c.rate.Text, code)
	cl.TermsDays, _ = parseDays("payment terms", c.termsDays.Text)
	cl.Rounding = c.rounding()
	cl.Urgent, _ = parseMultiplier("urgent", c.urgent.Text)
	cl.Rush, _ = parseMultiplier("rush", c.rush.Text)
	cl.NoticeDays, _ = parseDays("notice", c.notice.Text)
	cl.Retainer = nil
	if c.retainer.Checked {
		r := &billing.Retainer{}
		r.Fee, _ = parseAmount("retainer fee", c.fee.Text, code)
		r.Hours, _ = parseNumber("included hours", c.hours.Text, "20")
		if strings.TrimSpace(c.overage.Text) != "" {
			v, _ := parseAmount("overage rate", c.overage.Text, code)
			r.OverageRate = decimal.NullDecimal{Decimal: v, Valid: true}
		}
		r.RolloverCap, _ = parseHours("rollover cap", c.rollover.Text)
		cl.Retainer = r
	}
	cl.Taxes = nil
	for _, r := range c.taxes {
		if t, ok, _ := r.read(); ok {
			cl.Taxes = append(cl.Taxes, t)
		}
	}
	cl.Note = strings.TrimSpace(c.note.Text)
	cl.Archived = c.archived.Checked
	return cl, nil
}

// reveal scrolls the form so that o shows, a third of the way down, and
// puts the cursor in it.
func (c *clients) reveal(o fyne.Focusable) {
	obj, ok := o.(fyne.CanvasObject)
	if !ok || !obj.Visible() {
		return
	}
	d := fyne.CurrentApp().Driver()
	y := d.AbsolutePositionForObject(obj).Y - d.AbsolutePositionForObject(c.scroll.Content).Y
	c.scroll.ScrollToOffset(fyne.NewPos(0, max(0, y-c.scroll.Size().Height/3)))
	c.w.Canvas().Focus(o)
}

// saveClient writes every setting in one transaction, or shows why not
// and keeps what was typed.
func (c *clients) saveClient() {
	ctx := context.Background()
	cl, err := c.client()
	if err == nil {
		err = c.svc.UpdateClient(ctx, cl)
	}
	if err == nil {
		cl, err = c.svc.Client(ctx, cl.ID)
	}
	if err != nil {
		c.saveErr.SetText(err.Error())
		c.saveErr.Show()
		return
	}
	c.load(cl)
	c.reload()
	if c.track != nil {
		c.track.reload()
	}
	if cl.Archived && !c.showArchived.Checked {
		c.status.SetText(cl.Name + " is archived: tick “Show archived” to see it")
	} else {
		c.status.SetText("Saved")
	}
}

func (c *clients) submitted() {
	if c.dirty {
		c.saveClient()
	}
}

// revertForm drops the changes and shows the client as stored.
func (c *clients) revertForm() {
	cl, err := c.svc.Client(context.Background(), c.cur.ID)
	if err != nil {
		dialog.ShowError(err, c.w)
		return
	}
	c.load(cl)
}

func (c *clients) showClientDialog() {
	c.clientDlg = newClientDialog(c.w, c.svc, func(cl tracking.Client) {
		if !c.dirty {
			c.load(cl) // the next thing to do is fill in the rest of it
		}
		c.reload()
		if c.track != nil {
			c.track.reload()
		}
	})
	c.clientDlg.show()
}

func (c *clients) showNewTaskDialog() {
	if !c.chosen {
		return
	}
	c.newTaskDlg = newTaskDialog(c.w, c.svc, c.all, c.cur.ID, func(tracking.Task) { c.tasksChanged() })
	c.newTaskDlg.show()
}

// tasksChanged redraws the task list here and on the Track screen.
func (c *clients) tasksChanged() {
	c.loadTasks()
	if c.track != nil {
		c.track.reload()
	}
}

// taskColumns share out a task row and its header, so the columns line up:
// task, billing, rate or price, urgency, requested → due, status.
var taskColumns = columnsLayout{0.21, 0.14, 0.14, 0.17, 0.23, 0.11}

// columnsLayout gives each object its fraction of the width.
type columnsLayout []float32

func (l columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(0, h)
}

func (l columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var x float32
	for i, o := range objs {
		w := size.Width * l[i]
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}

// loadTasks reads the selected client's tasks and lists them.
func (c *clients) loadTasks() {
	c.taskButtons = map[int64]*widget.Button{}
	c.taskList.RemoveAll()
	if !c.chosen {
		return
	}
	tasks, err := c.svc.Tasks(context.Background(), c.cur.ID, c.showDone.Checked)
	if err != nil {
		dialog.ShowError(err, c.w)
		return
	}
	c.tasks = tasks
	if len(tasks) == 0 {
		c.taskList.Add(emptyState("No tasks", "Add the kinds of work you do for "+c.cur.Name+" with “+ Task”."))
		return
	}
	var head []fyne.CanvasObject
	for _, h := range []string{"Task", "Billing", "Rate / price", "Urgency", "Requested → due", "Status"} {
		m := newMuted(h)
		m.seg.Style.SizeName = theme.SizeNameCaptionText
		m.Truncation = fyne.TextTruncateEllipsis
		head = append(head, m)
	}
	c.taskList.Add(container.New(taskColumns, head...))
	for _, t := range tasks {
		c.taskList.Add(c.taskRow(t))
	}
}

// taskRow is a task's line; tapping it opens the task's editor.
func (c *clients) taskRow(t tracking.Task) fyne.CanvasObject {
	id := t.ID
	b := widget.NewButton("", func() { c.editTask(id) })
	b.Importance = widget.LowImportance
	c.taskButtons[id] = b
	cell := func(text string) *widget.Label {
		l := widget.NewLabel(text)
		l.Truncation = fyne.TextTruncateEllipsis
		if t.Done() {
			l.Importance = widget.LowImportance
		}
		return l
	}
	name := cell(t.Name)
	name.TextStyle.Bold = !t.Done()
	return container.NewStack(b, container.New(taskColumns,
		name,
		cell(kindLabel(t.Kind)),
		cell(c.taskAmount(t)),
		cell(c.taskUrgency(t)),
		cell(c.taskWhen(t)),
		cell(c.taskStatus(t)),
	))
}

func kindLabel(k billing.Kind) string {
	for _, l := range kindLabels {
		if l.kind == k {
			return l.label
		}
	}
	return string(k)
}

func urgencyLabel(u billing.Urgency) string {
	for _, l := range urgencyLabels {
		if l.urgency == u {
			return l.label
		}
	}
	return string(u)
}

// taskAmount is what a task bills at, as the client reads amounts.
func (c *clients) taskAmount(t tracking.Task) string {
	loc := money.LocaleFor(c.cur.Lang, c.cur.Country)
	switch t.Kind {
	case billing.Fixed:
		return money.Format(money.Amount{Value: t.Price, Currency: c.cur.Currency}, loc)
	case billing.NonBillable:
		return "—"
	}
	if t.Rate.Valid {
		return money.Format(money.Amount{Value: t.Rate.Decimal, Currency: c.cur.Currency}, loc) + "/h"
	}
	return "Client rate"
}

// taskUrgency is the level set by hand, or the one notice suggests.
func (c *clients) taskUrgency(t tracking.Task) string {
	if t.Urgency != "" {
		return urgencyLabel(t.Urgency)
	}
	u := urgencyLabel(billing.SuggestUrgency(t.Task, c.cur.NoticeDays))
	if t.Requested.IsZero() || t.Due.IsZero() {
		return u // no notice to judge
	}
	return u + " (notice)"
}

func (c *clients) taskWhen(t tracking.Task) string {
	day := func(v time.Time) string { return v.In(c.svc.Zone).Format("2 Jan 15:04") }
	switch {
	case t.Requested.IsZero() && t.Due.IsZero():
		return "—"
	case t.Due.IsZero():
		return day(t.Requested) + " →"
	case t.Requested.IsZero():
		return "→ " + day(t.Due)
	}
	return t.Requested.In(c.svc.Zone).Format("2 Jan") + " → " + day(t.Due)
}

func (c *clients) taskStatus(t tracking.Task) string {
	if t.Done() {
		return "Done " + t.DoneAt.In(c.svc.Zone).Format("2 Jan")
	}
	return "Open"
}

// editTask opens the editor of a task of the selected client.
func (c *clients) editTask(id int64) {
	t, err := c.svc.Task(context.Background(), id)
	if err != nil {
		dialog.ShowError(err, c.w)
		c.loadTasks()
		return
	}
	c.taskDlg = newTaskEditor(c.w, c.svc, c.cur, t, func() { c.tasksChanged() })
	c.taskDlg.show()
}

// taskEditor edits every setting of a task. Like the other dialogs it stays
// open with the values typed when a value is refused, and writes nothing then.
type taskEditor struct {
	formDialog
	w      fyne.Window
	svc    *tracking.Service
	client tracking.Client
	task   tracking.Task
	saved  func()

	name       *widget.Entry
	kind       *widget.RadioGroup
	amount     *widget.Entry
	amountText *widget.Label
	amountUnit *muted
	urgency    *widget.Select
	suggested  *muted
	requested  *widget.Entry
	due        *widget.Entry
	done       *widget.Check
	doneAt     *widget.Entry
	checks     []*fieldCheck
}

// suggestLabel is the urgency choice that leaves the level to the notice.
const suggestLabel = "Suggest from notice"

func newTaskEditor(w fyne.Window, svc *tracking.Service, c tracking.Client, t tracking.Task, saved func()) *taskEditor {
	e := &taskEditor{w: w, svc: svc, client: c, task: t, saved: saved}
	when := func(v time.Time) string {
		if v.IsZero() {
			return ""
		}
		return v.In(svc.Zone).Format(dateTimeLayout)
	}
	e.name = widget.NewEntry()
	e.name.SetText(t.Name)
	nameCheck := newFieldCheck(e.name, func(s string) error {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("task name is empty: name the work, e.g. \"Inbox\" or \"Bookkeeping\"")
		}
		return nil
	})
	e.amount = widget.NewEntry()
	e.amountText = widget.NewLabel("")
	e.amountText.Alignment = fyne.TextAlignTrailing
	e.amountUnit = newMuted("")
	switch {
	case t.Kind == billing.Fixed:
		e.amount.SetText(money.Fixed(t.Price, c.Currency))
	case t.Rate.Valid:
		e.amount.SetText(money.Fixed(t.Rate.Decimal, c.Currency))
	}
	amountCheck := newFieldCheck(e.amount, func(string) error {
		_, err := e.readAmount()
		return err
	})
	var kinds []string
	for _, k := range kindLabels {
		kinds = append(kinds, k.label)
	}
	e.kind = widget.NewRadioGroup(kinds, func(string) { e.kindChanged(amountCheck) })
	e.kind.Horizontal = true
	e.kind.Required = true

	opts := []string{suggestLabel}
	for _, u := range urgencyLabels {
		opts = append(opts, u.label)
	}
	e.urgency = widget.NewSelect(opts, func(string) { e.suggest() })
	e.suggested = newMuted("")
	e.suggested.seg.Style.SizeName = theme.SizeNameCaptionText

	e.requested = widget.NewEntry()
	e.requested.SetPlaceHolder("YYYY-MM-DD HH:MM")
	e.requested.SetText(when(t.Requested))
	requestedCheck := newFieldCheck(e.requested, func(s string) error {
		_, err := parseWhen("requested", s, svc.Zone)
		return err
	})
	e.due = widget.NewEntry()
	e.due.SetPlaceHolder("YYYY-MM-DD HH:MM")
	e.due.SetText(when(t.Due))
	dueCheck := newFieldCheck(e.due, func(s string) error {
		due, err := parseWhen("due", s, svc.Zone)
		if err != nil {
			return err
		}
		req, rerr := parseWhen("requested", e.requested.Text, svc.Zone)
		if rerr == nil && !req.IsZero() && !due.IsZero() && !due.After(req) {
			return fmt.Errorf("due %s is not after requested %s: check both", due.Format(dateTimeLayout), req.Format(dateTimeLayout))
		}
		return nil
	})
	e.doneAt = widget.NewEntry()
	e.doneAt.SetPlaceHolder("when")
	e.doneAt.SetText(when(t.DoneAt))
	doneCheck := newFieldCheck(e.doneAt, func(s string) error {
		if !e.done.Checked {
			return nil
		}
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("done when? type the date and time, e.g. %s", svc.Now().In(svc.Zone).Format(dateTimeLayout))
		}
		_, err := parseWhen("done", s, svc.Zone)
		return err
	})
	e.done = widget.NewCheck("Done", func(on bool) {
		if on && strings.TrimSpace(e.doneAt.Text) == "" {
			e.doneAt.SetText(svc.Now().In(svc.Zone).Format(dateTimeLayout))
		}
		if on {
			e.doneAt.Enable()
		} else {
			e.doneAt.Disable()
		}
		doneCheck.run()
	})
	e.checks = []*fieldCheck{nameCheck, amountCheck, requestedCheck, dueCheck, doneCheck}
	for _, fc := range e.checks {
		fc.entry.OnChanged = func(string) {
			fc.run()
			if fc == requestedCheck {
				dueCheck.run()
			}
			e.suggest()
		}
		fc.entry.OnSubmitted = func(string) { e.save() }
	}

	e.kind.SetSelected(kindLabel(t.Kind))
	if t.Urgency == "" {
		e.urgency.SetSelected(suggestLabel)
	} else {
		e.urgency.SetSelected(urgencyLabel(t.Urgency))
	}
	e.done.SetChecked(t.Done())
	if !t.Done() {
		e.doneAt.Disable()
	}

	zoneHint := "In your time zone, " + svc.Zone.String()
	amountRow := container.New(fieldRow{label: taskLabelWidth}, e.amountText,
		container.New(layout.NewCustomPaddedVBoxLayout(0), container.NewHBox(sized(shortWidth, e.amount), e.amountUnit), amountCheck.msg))
	form := container.NewVBox(
		labelled(taskLabelWidth, "Task", e.name, "", nameCheck),
		labelled(taskLabelWidth, "Billing", e.kind, "", nil),
		amountRow,
		labelled(taskLabelWidth, "Urgency", container.NewVBox(medium(e.urgency, nil), e.suggested), "", nil),
		labelled(taskLabelWidth, "Requested", medium(e.requested, nil), zoneHint, requestedCheck),
		labelled(taskLabelWidth, "Due", medium(e.due, nil), "", dueCheck),
		labelled(taskLabelWidth, "Status", container.NewHBox(e.done, sized(doneWidth, e.doneAt)), "Untick to reopen. A fixed price bills the month it is done.", doneCheck),
	)
	e.formDialog = newFormDialog(w, t.Name+" — "+c.Name, "Save task", form, e.save)
	e.kindChanged(amountCheck)
	e.suggest()
	fitDialog(e.d)
	return e
}

func (e *taskEditor) show() {
	e.d.Show()
	e.w.Canvas().Focus(e.name)
}

func (e *taskEditor) selectedKind() billing.Kind {
	for _, k := range kindLabels {
		if k.label == e.kind.Selected {
			return k.kind
		}
	}
	return billing.Hourly
}

// kindChanged relabels the amount: a rate for hourly work, a price for a
// fixed one, nothing for non-billable work.
func (e *taskEditor) kindChanged(fc *fieldCheck) {
	if e.amountText == nil {
		return // still being built
	}
	if e.d != nil {
		// A price is not a rate: a fixed 600 must not become 600 an hour.
		e.amount.SetText("")
	}
	code := e.client.Currency
	switch e.selectedKind() {
	case billing.Hourly:
		e.amountText.SetText("Rate")
		e.amountUnit.SetText(code + "/h; empty: the client's")
		e.amount.SetPlaceHolder(money.Fixed(e.client.Rate, code))
		e.amount.Enable()
	case billing.Fixed:
		e.amountText.SetText("Price")
		e.amountUnit.SetText(code + ", once, when done")
		e.amount.SetPlaceHolder("300.00")
		e.amount.Enable()
	case billing.NonBillable:
		e.amountText.SetText("Rate")
		e.amountUnit.SetText("tracked, never billed")
		e.amount.SetPlaceHolder("")
		e.amount.Disable()
	}
	fc.run()
}

// suggest says which level the notice suggests, as a hint under the choice.
func (e *taskEditor) suggest() {
	if e.suggested == nil || e.due == nil {
		return
	}
	req, err1 := parseWhen("requested", e.requested.Text, e.svc.Zone)
	due, err2 := parseWhen("due", e.due.Text, e.svc.Zone)
	switch {
	case err1 != nil || err2 != nil || req.IsZero() || due.IsZero():
		e.suggested.SetText("Notice suggests a level once requested and due are set")
	default:
		days := fmt.Sprintf("%d days", e.client.NoticeDays)
		if e.client.NoticeDays == 1 {
			days = "1 day"
		}
		switch billing.SuggestUrgency(billing.Task{Requested: req, Due: due}, e.client.NoticeDays) {
		case billing.Rush:
			e.suggested.SetText("Notice suggests rush: due within 24 h of the request")
		case billing.Urgent:
			e.suggested.SetText("Notice suggests urgent: less than " + e.client.Name + "'s " + days)
		default:
			e.suggested.SetText("Notice suggests normal: " + days + " or more")
		}
	}
}

// readAmount reads the rate or price in the client's currency; a blank rate
// is the client's.
func (e *taskEditor) readAmount() (decimal.NullDecimal, error) {
	text := strings.TrimSpace(e.amount.Text)
	switch e.selectedKind() {
	case billing.NonBillable:
		return decimal.NullDecimal{}, nil
	case billing.Hourly:
		if text == "" {
			return decimal.NullDecimal{}, nil
		}
		v, err := parseAmount("task rate", text, e.client.Currency)
		return decimal.NullDecimal{Decimal: v, Valid: err == nil}, err
	}
	if text == "" {
		return decimal.NullDecimal{}, fmt.Errorf("price is empty: type what the client pays for the whole task, e.g. 300")
	}
	v, err := parseAmount("price", text, e.client.Currency)
	return decimal.NullDecimal{Decimal: v, Valid: err == nil}, err
}

// parseWhen reads "YYYY-MM-DD HH:MM" in zone; empty is the zero time.
func parseWhen(what, text string, zone *time.Location) (time.Time, error) {
	s := strings.TrimSpace(text)
	if s == "" {
		return time.Time{}, nil
	}
	v, err := time.ParseInLocation(dateTimeLayout, s, zone)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s %q: write the date and time as YYYY-MM-DD HH:MM, e.g. 2026-11-03 09:30", what, s)
	}
	return v, nil
}

// read reads the dialog into the task; the service checks the rest.
func (e *taskEditor) read() (tracking.Task, error) {
	for _, fc := range e.checks {
		if err := fc.run(); err != nil {
			return tracking.Task{}, err
		}
	}
	t := e.task
	t.Name = e.name.Text
	t.Kind = e.selectedKind()
	amount, _ := e.readAmount()
	t.Rate, t.Price = decimal.NullDecimal{}, decimal.Zero
	switch t.Kind {
	case billing.Hourly:
		t.Rate = amount
	case billing.Fixed:
		t.Price = amount.Decimal
	}
	t.Urgency = ""
	for _, u := range urgencyLabels {
		if u.label == e.urgency.Selected {
			t.Urgency = u.urgency
		}
	}
	t.Requested, _ = parseWhen("requested", e.requested.Text, e.svc.Zone)
	t.Due, _ = parseWhen("due", e.due.Text, e.svc.Zone)
	t.DoneAt = time.Time{}
	if e.done.Checked {
		t.DoneAt, _ = parseWhen("done", e.doneAt.Text, e.svc.Zone)
	}
	return t, nil
}

// save writes the task, or shows why not and keeps the dialog open.
func (e *taskEditor) save() {
	t, err := e.read()
	if err == nil {
		err = e.svc.UpdateTask(context.Background(), t)
	}
	if err != nil {
		showInline(e.d, e.errLabel, err)
		return
	}
	e.d.Hide()
	e.saved()
}
