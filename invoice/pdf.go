package invoice

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/horasapp/horas/assets"
	"github.com/horasapp/horas/internal/money"
	"github.com/shopspring/decimal"
)

// mm is a length on the page in millimetres, fpdf's unit. Amounts are
// decimals and never take this type.
type mm = float64

// Options tune RenderWith. The zero value renders exactly as Render does.
type Options struct {
	// NoCompress leaves the page streams readable, for tests and debugging.
	NoCompress bool
	// Created is the PDF creation date; zero means the document's issue date,
	// so the same document always gives the same bytes.
	Created time.Time
}

// Render writes the PDF of doc with its current balance to w.
func Render(w io.Writer, doc Document, bal Balance) error {
	return RenderWith(w, doc, bal, Options{})
}

// RenderWith is Render with options.
func RenderWith(w io.Writer, doc Document, bal Balance, opt Options) error {
	r := newPDFRenderer(doc, bal, opt)
	if err := r.render(); err != nil {
		return fmt.Errorf("render %s: %w", r.name(), err)
	}
	if err := r.pdf.Output(w); err != nil {
		return fmt.Errorf("render %s: %w", r.name(), err)
	}
	return nil
}

// Page geometry in millimetres. The lines table's numeric columns have fixed
// widths, from the right edge; the description takes what is left.
const (
	marginX      = 18.0
	marginTop    = 16.0
	footerSpace  = 20.0 // kept free at the bottom of every page for the footer
	sectionGap   = 8.0
	metaW        = 80.0 // title, dates and the amount-due panel on the right
	totalsW      = 84.0
	colQtyW      = 24.0
	colPriceW    = 31.0
	colAmountW   = 31.0
	cellPad      = 2.5
	textLineH    = 4.4 // one line of 9 pt text
	rowPad       = 1.9
	tableHeadH   = 8.0
	tableGap     = 4.0 // under the rule that closes the lines table
	logoMaxW     = 40.0
	logoMaxH     = 20.0
	fontFamily   = "noto"
	bodySize     = 9.0
	smallSize    = 8.0
	titleSize    = 22.0
	heroSize     = 18.0
	summaryRowH  = 5.6
	paymentKeyW  = 22.0
	columnGap    = 10.0 // between the two columns under the lines table
	totalsRowH   = 6.2
	panelPad     = 4.0
	noteLineH    = 4.0
	partyLineH   = 4.3
	metaRowH     = 5.4
	footerOffset = 12.0 // baseline of the footer text from the page bottom
)

type pdfColor struct{ r, g, b int }

var (
	colInk     = pdfColor{31, 41, 55}
	colMuted   = pdfColor{107, 114, 128}
	colAccent  = pdfColor{30, 58, 95}
	colRule    = pdfColor{226, 229, 234}
	colHead    = pdfColor{236, 240, 245}
	colZebra   = pdfColor{248, 249, 251}
	colPanel   = pdfColor{243, 245, 248}
	colWhite   = pdfColor{255, 255, 255}
	colBarBack = pdfColor{221, 226, 233}
)

// pdfPrintable maps the few characters CLDR may put in amounts of other
// locales that Noto Sans lacks, so they never print as empty boxes.
var pdfPrintable = strings.NewReplacer("\u2212", "-", "\uffe5", "¥", "\u00a0", " ", "\u202f", " ")

type pdfRenderer struct {
	pdf     *fpdf.Fpdf
	doc     Document
	bal     Balance
	l       pdfLabels
	dates   pdfDates
	locale  string
	pageW   mm
	pageH   mm
	right   mm   // x of the right margin
	inTable bool // a page break inside the lines table repeats its header
}

func newPDFRenderer(doc Document, bal Balance, opt Options) *pdfRenderer {
	size := "A4"
	if strings.EqualFold(doc.Paper, "Letter") {
		size = "Letter"
	}
	locale := doc.Locale
	if locale == "" {
		locale = money.LocaleFor(doc.Lang, doc.Customer.Country)
	}
	p := fpdf.New("P", "mm", size, "")
	r := &pdfRenderer{pdf: p, doc: doc, bal: bal, l: pdfLabelsFor(doc.Lang), dates: pdfDatesFor(locale), locale: locale}
	r.pageW, r.pageH = p.GetPageSize()
	r.right = r.pageW - marginX

	p.SetCompression(!opt.NoCompress)
	p.SetCatalogSort(true)
	created := opt.Created
	if created.IsZero() {
		created = doc.IssueDate
	}
	p.SetCreationDate(created)
	p.SetModificationDate(created)
	p.SetTitle(r.name(), true)
	p.SetAuthor(doc.Supplier.Name, true)
	p.SetSubject(doc.Customer.Name, true)
	p.SetCreator("Horas", true)
	lang := pdfLanguage(doc.Lang)
	if _, ok := pdfVocabulary[lang]; !ok {
		lang = "en"
	}
	p.SetLang(lang)

	p.AddUTF8FontFromBytes(fontFamily, "", assets.FontRegular)
	p.AddUTF8FontFromBytes(fontFamily, "B", assets.FontBold)
	// After the fonts: fpdf seeds a font's subset with the ASCII digits only
	// while no alias is set, and the page count is put in after the subset
	// is chosen, so a count with a digit used nowhere else would be a box.
	p.AliasNbPages("")
	p.SetMargins(marginX, marginTop, marginX)
	p.SetCellMargin(0)
	// Page breaks are decided here, row by row, so that no row is ever split
	// and the table header can be repeated.
	p.SetAutoPageBreak(false, footerSpace)
	p.SetHeaderFuncMode(r.pageHeader, false)
	p.SetFooterFunc(r.pageFooter)
	return r
}

// name is what the document is called in errors and the PDF title.
func (r *pdfRenderer) name() string {
	n := r.doc.Number
	if n == "" {
		n = r.l.draft
	}
	return r.title() + " " + n
}

func (r *pdfRenderer) title() string {
	if r.doc.Kind == KindCredit {
		return r.l.credit
	}
	return r.l.invoice
}

func (r *pdfRenderer) isCredit() bool { return r.doc.Kind == KindCredit }

func (r *pdfRenderer) render() error {
	r.pdf.AddPage()
	if err := r.header(); err != nil {
		return err
	}
	r.parties()
	r.flow(r.correction)
	// The space left of the totals takes the retainer's hours when there
	// are some, else the payment details; the legal note comes last.
	beside := r.payment
	if r.doc.Retainer != nil {
		beside = r.retainer
	}
	r.lines(r.pairHead(beside, r.totals))
	r.pair(beside, r.totals)
	if r.doc.Retainer != nil {
		r.pair(r.payment, r.note)
	} else {
		r.flow(r.note)
	}
	return r.pdf.Error()
}

// ---- drawing helpers ----

func (r *pdfRenderer) font(style string, size mm, c pdfColor) {
	r.pdf.SetFont(fontFamily, style, size)
	r.pdf.SetTextColor(c.r, c.g, c.b)
}

// fit sets the font at size, or smaller down to 6 pt until s fits in w, so
// that a long amount never runs into the next column.
func (r *pdfRenderer) fit(style string, size mm, c pdfColor, s string, w mm) {
	r.font(style, size, c)
	for size > 6 && r.pdf.GetStringWidth(pdfPrintable.Replace(s)) > w {
		size -= 0.5
		r.font(style, size, c)
	}
}

func (r *pdfRenderer) fill(c pdfColor) { r.pdf.SetFillColor(c.r, c.g, c.b) }

// text writes s in a cell of width w and height h at (x, y), vertically
// centred; align is "L", "C" or "R".
func (r *pdfRenderer) text(x, y, w, h mm, align, s string) {
	r.pdf.SetXY(x, y)
	r.pdf.CellFormat(w, h, pdfPrintable.Replace(s), "", 0, align, false, 0, "")
}

func (r *pdfRenderer) rule(x1, x2, y mm, c pdfColor, width mm) {
	r.pdf.SetDrawColor(c.r, c.g, c.b)
	r.pdf.SetLineWidth(width)
	r.pdf.Line(x1, y, x2, y)
}

// wrap splits s into lines no wider than w in the current font.
func (r *pdfRenderer) wrap(s string, w mm) []string {
	s = pdfPrintable.Replace(strings.TrimSpace(s))
	if s == "" {
		return nil
	}
	return r.pdf.SplitText(s, w)
}

// clip shortens s with an ellipsis until it fits w in the current font.
func (r *pdfRenderer) clip(s string, w mm) string {
	s = pdfPrintable.Replace(s)
	if r.pdf.GetStringWidth(s) <= w {
		return s
	}
	runes := []rune(s)
	for len(runes) > 0 && r.pdf.GetStringWidth(string(runes)+"…") > w {
		runes = runes[:len(runes)-1]
	}
	return strings.TrimSpace(string(runes)) + "…"
}

// bodyBottom is the lowest y content may reach on a page.
func (r *pdfRenderer) bodyBottom() mm { return r.pageH - footerSpace }

// fits tells whether h more millimetres fit on the current page.
func (r *pdfRenderer) fits(h mm) bool { return r.pdf.GetY()+h <= r.bodyBottom() }

// ensure starts a new page unless h more millimetres fit on this one.
func (r *pdfRenderer) ensure(h mm) {
	if !r.fits(h) {
		r.pdf.AddPage()
	}
}

// keep starts a new page for a block of height h that does not fit on this
// one but would fit on a fresh page; a longer block flows across pages.
func (r *pdfRenderer) keep(h mm) {
	if !r.fits(h) && h <= r.pageRoom() {
		r.pdf.AddPage()
	}
}

// contentTop is where content starts on a continuation page.
func (r *pdfRenderer) contentTop() mm { return marginTop + 12 }

// pageRoom is the height a continuation page has for content.
func (r *pdfRenderer) pageRoom() mm { return r.bodyBottom() - r.contentTop() }

func (r *pdfRenderer) money(v decimal.Decimal) string {
	return money.Format(money.Amount{Value: v, Currency: r.doc.Currency}, r.locale)
}

// hours prints a number of hours with two decimals ("18,50").
func (r *pdfRenderer) hours(v decimal.Decimal) string {
	return money.FormatNumber(v, 2, r.locale)
}

// shortNumber prints v with the decimals it has, up to two ("20", "7,5").
func (r *pdfRenderer) shortNumber(v decimal.Decimal) string {
	return money.FormatNumber(v, pdfPlaces(v, 2), r.locale)
}

// places is the number of decimals v needs, at most limit.
func pdfPlaces(v decimal.Decimal, limit int32) int32 {
	_, frac, ok := strings.Cut(v.String(), ".")
	if !ok {
		return 0
	}
	return min(int32(len(frac)), limit)
}

func (r *pdfRenderer) quantity(l Line) string {
	if l.Unit == "h" {
		return r.hours(l.Quantity) + " h"
	}
	q := r.shortNumber(l.Quantity)
	if l.Unit != "" {
		q += " " + l.Unit
	}
	return q
}

func (r *pdfRenderer) taxLabel(t Tax) string {
	name := strings.TrimSpace(t.Name)
	pct := fmt.Sprintf(r.l.percent, money.FormatNumber(t.Pct, pdfPlaces(t.Pct, 4), r.locale))
	if name == "" {
		return pct
	}
	return name + " " + pct
}

func pdfSplitLines(s string) []string {
	var out []string
	for _, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// ---- page furniture ----

// pageHeader runs at the start of every page; the first page has the full
// header drawn by render, later ones a slim reminder of whose document it is
// and, inside the lines table, the table header again.
func (r *pdfRenderer) pageHeader() {
	if r.pdf.PageNo() == 1 {
		r.pdf.SetY(marginTop)
		return
	}
	y := marginTop
	r.font("", bodySize, colMuted)
	name := r.name()
	nameW := r.pdf.GetStringWidth(name)
	r.text(r.right-nameW-1, y, nameW+1, 5, "R", name)
	r.font("B", bodySize, colInk)
	r.text(marginX, y, r.right-marginX-nameW-6, 5, "L", r.clip(r.doc.Supplier.Name, r.right-marginX-nameW-6))
	r.rule(marginX, r.right, y+7, colRule, 0.2)
	r.pdf.SetY(r.contentTop())
	if r.inTable {
		r.tableHeader()
	}
}

func (r *pdfRenderer) pageFooter() {
	y := r.pageH - footerOffset
	r.rule(marginX, r.right, y-3.5, colRule, 0.2)
	r.font("", 7.5, colMuted)
	left := r.doc.Supplier.Name
	if id := strings.TrimSpace(r.doc.Supplier.TaxID); id != "" {
		left += " · " + r.l.taxID + " " + id
	}
	left += " · " + r.name()
	// fpdf fills in the page count when the document closes, so the width of
	// the final text is estimated with this page's number standing in for
	// the count (Noto's digits all have the same width).
	n := r.pdf.PageNo()
	w := r.pdf.GetStringWidth(fmt.Sprintf(r.l.page, n, strconv.Itoa(n)))
	r.text(r.right-w, y, w+5, 4, "L", fmt.Sprintf(r.l.page, n, "{nb}"))
	room := r.right - marginX - w - 8
	r.text(marginX, y, room, 4, "L", r.clip(left, room))
}

// ---- sections ----

func (r *pdfRenderer) header() error {
	p := r.pdf
	yLeft := marginTop
	if len(r.doc.Logo) > 0 {
		h, err := r.logo(marginX, marginTop)
		if err != nil {
			return err
		}
		yLeft += h + 5
	}
	s := r.doc.Supplier
	leftW := r.right - marginX - metaW - 8
	r.font("B", 12, colInk)
	for _, line := range r.wrap(s.Name, leftW) {
		r.text(marginX, yLeft, leftW, 6, "L", line)
		yLeft += 6
	}
	yLeft += 0.5
	r.font("", 8.5, colMuted)
	for _, line := range r.partyDetails(s, leftW) {
		r.text(marginX, yLeft, leftW, partyLineH, "L", line)
		yLeft += partyLineH
	}

	x := r.right - metaW
	r.font("B", titleSize, colAccent)
	title := r.title()
	if p.GetStringWidth(title) > metaW+20 {
		r.font("B", 16, colAccent)
	}
	r.text(r.right-metaW-20, marginTop-1, metaW+20, 10, "R", title)
	yRight := marginTop + 13
	for _, row := range r.meta() {
		r.font("", 8.5, colMuted)
		r.text(x, yRight, metaW/2, metaRowH, "L", row[0])
		r.font("B", 8.5, colInk)
		r.text(x+metaW/2-10, yRight, metaW/2+10, metaRowH, "R", row[1])
		yRight += metaRowH
	}

	y := max(yLeft, yRight) + 5
	r.rule(marginX, r.right, y, colRule, 0.3)
	p.SetY(y + 7)
	return nil
}

// logo draws the supplier's logo scaled into logoMaxW × logoMaxH at (x, y)
// and returns its height.
func (r *pdfRenderer) logo(x, y mm) (mm, error) {
	kind := ""
	switch {
	case bytes.HasPrefix(r.doc.Logo, []byte("\x89PNG\r\n\x1a\n")):
		kind = "PNG"
	case bytes.HasPrefix(r.doc.Logo, []byte{0xff, 0xd8, 0xff}):
		kind = "JPG"
	default:
		return 0, errors.New("the logo is neither a PNG nor a JPEG image: set a PNG or JPEG logo in the profile")
	}
	opt := fpdf.ImageOptions{ImageType: kind}
	info := r.pdf.RegisterImageOptionsReader("logo", opt, bytes.NewReader(r.doc.Logo))
	if err := r.pdf.Error(); err != nil {
		return 0, fmt.Errorf("the logo cannot be read (%v): set a PNG or JPEG logo in the profile", err)
	}
	w, h := info.Width(), info.Height()
	if w <= 0 || h <= 0 {
		return 0, errors.New("the logo is empty: set a PNG or JPEG logo in the profile")
	}
	scale := min(logoMaxW/w, logoMaxH/h)
	w, h = w*scale, h*scale
	r.pdf.ImageOptions("logo", x, y, w, h, false, opt, 0, "")
	return h, nil
}

// partyDetails are the lines printed under a party's name, wrapped to w in
// the current font.
func (r *pdfRenderer) partyDetails(p Party, w mm) []string {
	lines := pdfSplitLines(p.Address)
	if id := strings.TrimSpace(p.TaxID); id != "" {
		lines = append(lines, r.l.taxID+" "+id)
	}
	if e := strings.TrimSpace(p.Email); e != "" {
		lines = append(lines, e)
	}
	var out []string
	for _, line := range lines {
		out = append(out, r.wrap(line, w)...)
	}
	return out
}

// meta are the label and value rows under the title.
func (r *pdfRenderer) meta() [][2]string {
	d := r.doc
	number := d.Number
	if number == "" {
		number = r.l.draft
	}
	rows := [][2]string{{r.l.number, number}}
	if !d.IssueDate.IsZero() {
		rows = append(rows, [2]string{r.l.issueDate, r.dates.date(d.IssueDate)})
	}
	if !d.DueDate.IsZero() && !r.isCredit() {
		rows = append(rows, [2]string{r.l.dueDate, r.dates.date(d.DueDate)})
	}
	if p := r.dates.period(d.PeriodStart, d.PeriodEnd); p != "" {
		rows = append(rows, [2]string{r.l.period, p})
	}
	return rows
}

// parties draws the customer on the left and the amount due on the right.
func (r *pdfRenderer) parties() {
	y0 := r.pdf.GetY()
	leftW := r.right - marginX - metaW - 8
	c := r.doc.Customer
	y := y0
	r.font("B", smallSize, colAccent)
	r.text(marginX, y, leftW, 4, "L", r.l.billTo)
	y += 5.5
	r.font("B", 11, colInk)
	for _, line := range r.wrap(c.Name, leftW) {
		r.text(marginX, y, leftW, 5.5, "L", line)
		y += 5.5
	}
	y += 0.5
	r.font("", bodySize, colInk)
	for _, line := range r.partyDetails(c, leftW) {
		r.text(marginX, y, leftW, partyLineH, "L", line)
		y += partyLineH
	}

	x := r.right - metaW
	label, value, sub := r.l.balanceDue, r.bal.Balance, ""
	if r.isCredit() {
		label, value = r.l.creditTotal, r.doc.Total
		if r.doc.Corrects != "" {
			sub = fmt.Sprintf(r.l.corrects, r.doc.Corrects)
		}
	} else if !r.doc.DueDate.IsZero() {
		sub = fmt.Sprintf(r.l.dueOn, r.dates.date(r.doc.DueDate))
	}
	h := 25.0
	r.fill(colPanel)
	r.pdf.RoundedRect(x, y0, metaW, h, 2, "1234", "F")
	r.fill(colAccent)
	r.pdf.Rect(x, y0, 1.2, h, "F")
	r.font("", 8.5, colMuted)
	r.text(x+panelPad+1, y0+3, metaW-2*panelPad, 4.5, "L", label)
	amount := r.money(value)
	r.fit("B", heroSize, colAccent, amount, metaW-2*panelPad-1)
	r.text(x+panelPad+1, y0+8.5, metaW-2*panelPad, 9, "L", amount)
	if sub != "" {
		r.font("", 8.5, colMuted)
		r.text(x+panelPad+1, y0+18, metaW-2*panelPad, 4.5, "L", sub)
	}
	r.pdf.SetY(max(y, y0+h) + sectionGap)
}

// A pdfItem is a piece of a block that is never split across pages: a line of
// text, a table row. draw paints it with its top-left corner at (x, y) in a
// column w wide.
type pdfItem struct {
	h    mm
	draw func(x, y, w mm)
}

// A pdfBlock is a section of the document laid out for a column width.
type pdfBlock func(w mm) []pdfItem

func pdfHeight(items []pdfItem) mm {
	h := 0.0
	for _, it := range items {
		h += it.h
	}
	return h
}

// flowItems draws items one under the other from the current position,
// starting a new page between two items when the next one does not fit.
func (r *pdfRenderer) flowItems(items []pdfItem, x, w mm) {
	for _, it := range items {
		r.ensure(it.h)
		y := r.pdf.GetY()
		it.draw(x, y, w)
		r.pdf.SetY(y + it.h)
	}
}

// flow draws a block across the full width, on one page if it fits on one.
func (r *pdfRenderer) flow(b pdfBlock) { r.stack(b(r.right - marginX)) }

// stack draws items laid out across the full width, on one page if they fit
// on one.
func (r *pdfRenderer) stack(items []pdfItem) {
	if len(items) == 0 {
		return
	}
	r.keep(pdfHeight(items))
	r.flowItems(items, marginX, r.right-marginX)
	r.pdf.SetY(r.pdf.GetY() + sectionGap)
}

// pairItems lays out left and right as pair draws them: side by side when
// both have items and the taller fits on a page, else each across the full
// width, one under the other.
func (r *pdfRenderer) pairItems(left, right pdfBlock) (li, ri []pdfItem, side bool) {
	li, ri = left(r.right-marginX-totalsW-columnGap), right(totalsW)
	if len(li) > 0 && len(ri) > 0 && max(pdfHeight(li), pdfHeight(ri)) <= r.pageRoom() {
		return li, ri, true
	}
	return left(r.right - marginX), right(r.right - marginX), false
}

// pairHead is the height pair keeps on one page before it draws anything:
// both blocks side by side, or the first one when they are stacked; 0 when
// that is too tall for a page and flows across pages anyway.
func (r *pdfRenderer) pairHead(left, right pdfBlock) mm {
	li, ri, side := r.pairItems(left, right)
	h := max(pdfHeight(li), pdfHeight(ri))
	if !side && len(li) > 0 {
		h = pdfHeight(li)
	}
	if h > r.pageRoom() {
		return 0
	}
	return h
}

// pair draws left in the wide column and right in the totals column, side
// by side on one page. Alone, or too tall for a page, each block flows
// across the full width instead.
func (r *pdfRenderer) pair(left, right pdfBlock) {
	li, ri, side := r.pairItems(left, right)
	if !side {
		r.stack(li)
		r.stack(ri)
		return
	}
	leftW := r.right - marginX - totalsW - columnGap
	h := max(pdfHeight(li), pdfHeight(ri))
	r.keep(h)
	y := r.pdf.GetY()
	for _, col := range []struct {
		items []pdfItem
		x, w  mm
	}{{li, marginX, leftW}, {ri, r.right - totalsW, totalsW}} {
		r.pdf.SetY(y)
		r.flowItems(col.items, col.x, col.w)
	}
	r.pdf.SetY(y + h + sectionGap)
}

// textItem is one line of text in the given font.
func (r *pdfRenderer) textItem(h mm, style string, size mm, c pdfColor, s string) pdfItem {
	return pdfItem{h, func(x, y, w mm) {
		r.font(style, size, c)
		r.text(x, y, w, h, "L", s)
	}}
}

// headingItem is the title of a section.
func (r *pdfRenderer) headingItem(s string) pdfItem {
	return r.textItem(7, "B", 10, colInk, s)
}

// pdfStyledLine is a line of a panel.
type pdfStyledLine struct {
	style string
	c     pdfColor
	text  string
}

// panelItems set lines on a light background with an accent edge, a band
// per line so that a long panel can run onto the next page.
func (r *pdfRenderer) panelItems(lines []pdfStyledLine, size, lineH mm) []pdfItem {
	if len(lines) == 0 {
		return nil
	}
	band := func(x, y, w, h mm) {
		h += 0.1 // overlap the next band: some viewers show hairline seams
		r.fill(colPanel)
		r.pdf.Rect(x, y, w, h, "F")
		r.fill(colAccent)
		r.pdf.Rect(x, y, 1.2, h, "F")
	}
	edge := pdfItem{panelPad - 1, func(x, y, w mm) { band(x, y, w, panelPad-1) }}
	items := []pdfItem{edge}
	for _, l := range lines {
		items = append(items, pdfItem{lineH, func(x, y, w mm) {
			band(x, y, w, lineH)
			r.font(l.style, size, l.c)
			r.text(x+panelPad+1, y, w-2*panelPad-1, lineH, "L", l.text)
		}})
	}
	return append(items, edge)
}

// panelTextWidth is the width text has inside a panel w wide.
func panelTextWidth(w mm) mm { return w - 2*panelPad - 1 }

// correction says which invoice a credit note corrects, and why.
func (r *pdfRenderer) correction(w mm) []pdfItem {
	if !r.isCredit() {
		return nil
	}
	var lines []pdfStyledLine
	if r.doc.Corrects != "" {
		lines = append(lines, pdfStyledLine{"B", colInk, fmt.Sprintf(r.l.corrects, r.doc.Corrects)})
	}
	if reason := strings.TrimSpace(r.doc.Reason); reason != "" {
		r.font("", bodySize, colInk)
		for _, line := range r.wrap(r.l.reason+": "+reason, panelTextWidth(w)) {
			lines = append(lines, pdfStyledLine{"", colInk, line})
		}
	}
	return r.panelItems(lines, bodySize, textLineH+0.4)
}

func (r *pdfRenderer) note(w mm) []pdfItem {
	lines := []pdfStyledLine{{"B", colMuted, r.l.notes}}
	r.font("", 8.5, colInk)
	for _, para := range pdfSplitLines(r.doc.Note) {
		for _, line := range r.wrap(para, panelTextWidth(w)) {
			lines = append(lines, pdfStyledLine{"", colInk, line})
		}
	}
	if len(lines) == 1 {
		return nil
	}
	return r.panelItems(lines, 8.5, noteLineH+0.4)
}

func (r *pdfRenderer) descWidth() mm {
	return r.right - marginX - colQtyW - colPriceW - colAmountW
}

func (r *pdfRenderer) tableHeader() {
	y := r.pdf.GetY()
	w := r.right - marginX
	r.fill(colHead)
	r.pdf.Rect(marginX, y, w, tableHeadH, "F")
	r.rule(marginX, r.right, y+tableHeadH, colAccent, 0.4)
	r.font("B", smallSize, colAccent)
	x := marginX
	dw := r.descWidth()
	r.text(x+cellPad, y, dw-cellPad, tableHeadH, "L", r.l.description)
	x += dw
	r.text(x, y, colQtyW-cellPad, tableHeadH, "R", r.l.quantity)
	x += colQtyW
	r.text(x, y, colPriceW-cellPad, tableHeadH, "R", r.l.unitPrice)
	x += colPriceW
	r.text(x, y, colAmountW-cellPad, tableHeadH, "R", r.l.amount)
	r.pdf.SetY(y + tableHeadH)
}

// keepRows is how many of the last table rows go to a new page with the
// totals, so that the totals never stand alone at the top of a page.
const keepRows = 3

// lines draws the lines table; pageHeader repeats its header on every page
// the table runs onto. tail is the height of the block that follows the
// table and must start on the page of its last rows (0: none must).
func (r *pdfRenderer) lines(tail mm) {
	rows := make([]pdfItem, len(r.doc.Lines))
	for i, l := range r.doc.Lines {
		rows[i] = r.lineRow(i, l)
	}
	from := r.keepFrom(rows, tail)
	switch {
	case from == 0: // the whole table goes with the tail
		r.keep(tableHeadH + pdfHeight(rows) + tableGap + tail)
	case len(rows) > 0:
		r.keep(tableHeadH + rows[0].h)
	default:
		r.keep(tableHeadH + textLineH + 2*rowPad)
	}
	r.inTable = true
	r.tableHeader()
	for i, row := range rows {
		if i == from && i > 0 && !r.fits(pdfHeight(rows[i:])+tableGap+tail) {
			r.pdf.AddPage()
		}
		r.ensure(row.h)
		y := r.pdf.GetY()
		row.draw(marginX, y, r.right-marginX)
		r.pdf.SetY(y + row.h)
	}
	r.inTable = false
	r.rule(marginX, r.right, r.pdf.GetY(), colRule, 0.3)
	r.pdf.SetY(r.pdf.GetY() + tableGap)
}

// keepFrom is the first of the last rows that start a new page together with
// the tail, as many as keepRows and a fresh page under the table header
// allow; -1 when there is no tail or not even the last row fits with it.
func (r *pdfRenderer) keepFrom(rows []pdfItem, tail mm) int {
	if tail <= 0 {
		return -1
	}
	for k := min(keepRows, len(rows)); k > 0; k-- {
		from := len(rows) - k
		if tableHeadH+pdfHeight(rows[from:])+tableGap+tail <= r.pageRoom() {
			return from
		}
	}
	return -1
}

// lineRow lays out line l, the i-th of the table, as one row.
func (r *pdfRenderer) lineRow(i int, l Line) pdfItem {
	dw := r.descWidth()
	r.font("", bodySize, colInk)
	desc := r.wrap(l.Description, dw-2*cellPad)
	if len(desc) == 0 {
		desc = []string{""}
	}
	h := mm(len(desc))*textLineH + 2*rowPad
	return pdfItem{h, func(x, y, w mm) {
		if i%2 == 1 {
			r.fill(colZebra)
			r.pdf.Rect(x, y, w, h, "F")
		}
		r.font("", bodySize, colInk)
		for j, line := range desc {
			r.text(x+cellPad, y+rowPad+mm(j)*textLineH, dw-2*cellPad, textLineH, "L", line)
		}
		x += dw
		cells := []struct {
			w     mm
			style string
			s     string
		}{
			{colQtyW, "", r.quantity(l)},
			{colPriceW, "", r.money(l.UnitPrice)},
			{colAmountW, "B", r.money(l.Amount)},
		}
		for _, c := range cells {
			r.fit(c.style, bodySize, colInk, c.s, c.w-2*cellPad)
			r.text(x, y+rowPad, c.w-cellPad, textLineH, "R", c.s)
			x += c.w
		}
	}}
}

// totals are drawn totalsW wide against the right edge of any column.
func (r *pdfRenderer) totals(w mm) []pdfItem {
	at := func(x, w mm) (mm, mm) { return x + w - totalsW, totalsW * 0.58 }
	// room is what a value has beside its label, in the label's font.
	room := func(label string) mm {
		return totalsW - 2*cellPad - r.pdf.GetStringWidth(label) - 3
	}
	row := func(label, value string) pdfItem {
		return pdfItem{totalsRowH, func(x, y, w mm) {
			x, lw := at(x, w)
			r.font("", bodySize, colMuted)
			r.text(x+cellPad, y, lw, totalsRowH, "L", label)
			r.fit("", bodySize, colInk, value, room(label))
			r.text(x, y, totalsW-cellPad, totalsRowH, "R", value)
		}}
	}
	items := []pdfItem{row(r.l.subtotal, r.money(r.doc.Subtotal))}
	for _, t := range r.doc.Taxes {
		items = append(items, row(r.taxLabel(t), r.money(t.Amount)))
	}
	items = append(items, pdfItem{12, func(x, y, w mm) {
		x, lw := at(x, w)
		r.rule(x, x+totalsW, y+1.5, colInk, 0.3)
		r.font("B", 11, colInk)
		r.text(x+cellPad, y+3, lw, 9, "L", r.l.total)
		total := r.money(r.doc.Total)
		r.fit("B", 11, colInk, total, room(r.l.total))
		r.text(x, y+3, totalsW-cellPad, 9, "R", total)
	}})
	if r.isCredit() {
		return items
	}
	return append(items, row(r.l.paid, r.money(r.bal.Paid)), pdfItem{12, func(x, y, w mm) {
		x, lw := at(x, w)
		r.fill(colAccent)
		r.pdf.RoundedRect(x, y+3, totalsW, 9, 1.5, "1234", "F")
		r.font("B", 10.5, colWhite)
		r.text(x+cellPad+0.5, y+3, lw, 9, "L", r.l.balanceDue)
		due := r.money(r.bal.Balance)
		r.fit("B", 10.5, colWhite, due, room(r.l.balanceDue))
		r.text(x, y+3, totalsW-cellPad-0.5, 9, "R", due)
	}})
}

func (r *pdfRenderer) retainer(w mm) []pdfItem {
	rt := r.doc.Retainer
	if rt == nil {
		return nil
	}
	l := r.l
	sentence := fmt.Sprintf(l.hoursUsed, r.hours(rt.Used), r.hours(rt.Available))
	if !rt.CarryIn.IsZero() {
		sentence += fmt.Sprintf(l.hoursSplit, r.shortNumber(rt.Included), r.shortNumber(rt.CarryIn))
	}
	if !rt.CarryOut.IsZero() {
		sentence += fmt.Sprintf(l.carriedOut, r.hours(rt.CarryOut))
	}
	items := []pdfItem{r.headingItem(l.retainer)}
	r.font("", bodySize, colInk)
	for _, line := range r.wrap(sentence, w) {
		items = append(items, r.textItem(textLineH, "", bodySize, colInk, line))
	}
	// The share of the month's hours used, drawn to scale.
	const barH = 2.4
	items = append(items, pdfItem{barH + 7.5, func(x, y, w mm) {
		y += 2.5
		r.fill(colBarBack)
		r.pdf.RoundedRect(x, y, w, barH, barH/2, "1234", "F")
		if rt.Available.IsPositive() && rt.Used.IsPositive() {
			share := min(rt.Used.Div(rt.Available).InexactFloat64(), 1)
			r.fill(colAccent)
			r.pdf.RoundedRect(x, y, max(w*share, barH), barH, barH/2, "1234", "F")
		}
	}})
	if len(r.doc.TimeSummary) == 0 {
		return items
	}
	const hoursW = 26.0
	row := func(style string, task, hours string, line bool) pdfItem {
		r.font(style, bodySize, colInk)
		names := r.wrap(task, w-hoursW-2)
		h := summaryRowH + mm(max(len(names), 1)-1)*textLineH
		return pdfItem{h, func(x, y, w mm) {
			r.font(style, bodySize, colInk)
			for i, name := range names {
				r.text(x, y+mm(i)*textLineH, w-hoursW-2, summaryRowH, "L", name)
			}
			r.text(x+w-hoursW, y, hoursW, summaryRowH, "R", hours)
			if line {
				r.rule(x, x+w, y+h, colRule, 0.2)
			}
		}}
	}
	items = append(items, pdfItem{6.5, func(x, y, w mm) {
		r.font("B", smallSize, colAccent)
		r.text(x, y, w-hoursW, 5.5, "L", l.timeByTask)
		r.text(x+w-hoursW, y, hoursW, 5.5, "R", l.hours)
		r.rule(x, x+w, y+6, colAccent, 0.4)
	}})
	sum := decimal.Zero
	for _, t := range r.doc.TimeSummary {
		items = append(items, row("", t.Task, r.hours(t.Hours)+" h", true))
		sum = sum.Add(t.Hours)
	}
	return append(items, row("B", l.total, r.hours(sum)+" h", false))
}

func (r *pdfRenderer) payment(w mm) []pdfItem {
	if r.isCredit() {
		return nil
	}
	pd := r.doc.Payment
	var rows [][2]string
	if s := strings.TrimSpace(pd.IBAN); s != "" {
		rows = append(rows, [2]string{"IBAN", groupIBAN(s)})
	}
	if s := strings.TrimSpace(pd.BIC); s != "" {
		rows = append(rows, [2]string{"BIC", s})
	}
	if s := strings.TrimSpace(pd.PayPal); s != "" {
		rows = append(rows, [2]string{"PayPal", s})
	}
	if s := strings.TrimSpace(pd.Wise); s != "" {
		rows = append(rows, [2]string{"Wise", s})
	}
	r.font("", bodySize, colInk)
	var note []string
	for _, para := range pdfSplitLines(pd.Note) {
		note = append(note, r.wrap(para, w)...)
	}
	if len(rows) == 0 && len(note) == 0 {
		return nil
	}
	items := []pdfItem{r.headingItem(r.l.payment)}
	for _, row := range rows {
		items = append(items, pdfItem{5, func(x, y, w mm) {
			r.font("", 8.5, colMuted)
			r.text(x, y, paymentKeyW, 5, "L", row[0])
			r.font("B", bodySize, colInk)
			r.text(x+paymentKeyW, y, w-paymentKeyW, 5, "L", r.clip(row[1], w-paymentKeyW))
		}})
	}
	for i, line := range note {
		h := textLineH
		if i == 0 && len(rows) > 0 {
			h += 1.5 // a little air between the accounts and the note
		}
		items = append(items, pdfItem{h, func(x, y, w mm) {
			r.font("", bodySize, colInk)
			r.text(x, y+h-textLineH, w, textLineH, "L", line)
		}})
	}
	return items
}

// groupIBAN writes an IBAN in groups of four, as banks print it.
func groupIBAN(s string) string {
	s = strings.ToUpper(strings.Join(strings.Fields(s), ""))
	var b strings.Builder
	for i, c := range s {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// ---- dates ----

type pdfDateStyle int

const (
	dayMonthYear pdfDateStyle = iota // 31 Oct 2026
	monthDayYear                     // Oct 31, 2026
	numericDate                      // 31/10/2026
)

// pdfDates formats dates as people of a locale write them on an invoice.
type pdfDates struct {
	style  pdfDateStyle
	months [12]string
}

func pdfDatesFor(locale string) pdfDates {
	lang := pdfLanguage(locale)
	d := pdfDates{months: pdfLabelsFor(lang).months}
	switch {
	case lang == "es" || lang == "it":
		d.style = numericDate
	case lang == "en" && usEnglish(locale):
		d.style = monthDayYear
	}
	return d
}

// usEnglish tells an English locale that writes month first: en and en-US,
// as CLDR has it; en-GB, en-IE, en-AU, … write the day first.
func usEnglish(locale string) bool {
	parts := strings.FieldsFunc(locale, func(r rune) bool { return r == '-' || r == '_' })
	for _, p := range parts[1:] {
		if len(p) == 2 || len(p) == 3 && p[0] >= '0' && p[0] <= '9' {
			return strings.EqualFold(p, "US")
		}
	}
	return true
}

func (d pdfDates) date(t time.Time) string {
	switch d.style {
	case numericDate:
		return t.Format("02/01/2006")
	case monthDayYear:
		return fmt.Sprintf("%s %d, %d", d.months[t.Month()-1], t.Day(), t.Year())
	}
	return fmt.Sprintf("%d %s %d", t.Day(), d.months[t.Month()-1], t.Year())
}

// period writes a service period compactly with month names, even where
// single dates are numeric: "1–31 oct 2026", "Oct 1–31, 2026",
// "15 Oct – 14 Nov 2026".
func (d pdfDates) period(from, to time.Time) string {
	if from.IsZero() {
		return ""
	}
	named := d
	if named.style == numericDate {
		named.style = dayMonthYear
	}
	if to.IsZero() || !to.After(from) {
		return named.date(from)
	}
	mon := func(t time.Time) string { return d.months[t.Month()-1] }
	sameYear := from.Year() == to.Year()
	sameMonth := sameYear && from.Month() == to.Month()
	if named.style == monthDayYear {
		switch {
		case sameMonth:
			return fmt.Sprintf("%s %d–%d, %d", mon(from), from.Day(), to.Day(), to.Year())
		case sameYear:
			return fmt.Sprintf("%s %d – %s %d, %d", mon(from), from.Day(), mon(to), to.Day(), to.Year())
		}
		return named.date(from) + " – " + named.date(to)
	}
	switch {
	case sameMonth:
		return fmt.Sprintf("%d–%d %s %d", from.Day(), to.Day(), mon(to), to.Year())
	case sameYear:
		return fmt.Sprintf("%d %s – %d %s %d", from.Day(), mon(from), to.Day(), mon(to), to.Year())
	}
	return named.date(from) + " – " + named.date(to)
}
