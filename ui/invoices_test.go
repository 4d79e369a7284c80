package ui

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/tracking"
	"github.com/horasapp/horas/invoice"
)

func amt(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// invoiceService is the invoice service on the fixture's clock.
func (f *fixture) invoiceService() *invoice.Service {
	return invoice.New(f.svc, f.svc.Now)
}

// buildInvoices shows the main window at 1000×680 with the Invoices tab
// selected, and returns that screen.
func (f *fixture) buildInvoices() *invoices {
	f.t.Helper()
	f.w = test.NewTempWindow(f.t, nil)
	s := Services{Tracking: f.svc, Invoices: f.invoiceService()}
	f.tr = newTrack(f.w, s)
	at := tabs(f.w, s, f.tr)
	v := newInvoices(f.w, s)
	item := invoicesTab(f.t, at)
	item.Content = v.content
	at.Select(item)
	f.w.SetContent(at)
	f.w.Resize(fyne.NewSize(1000, 680))
	f.tr.reload()
	settle(f.w)
	return v
}

func invoicesTab(t *testing.T, at *container.AppTabs) *container.TabItem {
	t.Helper()
	for _, it := range at.Items {
		if it.Text == "Invoices" {
			return it
		}
	}
	t.Fatal("the window has no Invoices tab")
	return nil
}

// profile stores a business profile; complete has every field an invoice
// must carry.
func (f *fixture) invProfile(complete bool) {
	f.t.Helper()
	p := invoice.Profile{Name: "Lucía Martín Asistencia Virtual", Address: "Calle de Toledo 42, 3º B\n28005 Madrid",
		Email: "hola@luciamartin.es", Country: "ES", IBAN: "ES91 2100 0418 4502 0005 1332", BIC: "CAIXESBBXXX",
		PayPal: "paypal.me/luciamartinva", PaymentNote: "Bizum 600 123 456", HomeCurrency: "EUR"}
	if complete {
		p.TaxID = "ES12345678Z"
	}
	if err := f.invoiceService().SaveProfile(ctx, p); err != nil {
		f.t.Fatal(err)
	}
}

// invClient adds a client with the address an invoice needs.
func (f *fixture) invClient(name, currency, rate, lang, country string, edit func(*tracking.Client)) tracking.Client {
	f.t.Helper()
	c := tracking.NewClient(name, currency, amt(rate))
	c.Lang, c.Country, c.TZ = lang, country, "Europe/Madrid"
	c.Address = "Calle Mayor 10\n28013 Madrid"
	if edit != nil {
		edit(&c)
	}
	c, err := f.svc.AddClient(ctx, c)
	if err != nil {
		f.t.Fatalf("add client %s: %v", name, err)
	}
	return c
}

// work adds an entry of minutes at hh:mm on each weekday of a month that
// every picks (every 1: all of them).
func (f *fixture) invWork(task tracking.Task, year int, month time.Month, hhmm string, minutes, every int) {
	f.t.Helper()
	n := 0
	for d := time.Date(year, month, 1, 0, 0, 0, 0, time.UTC); d.Month() == month; d = d.AddDate(0, 0, 1) {
		if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
			continue
		}
		n++
		if (n-1)%every != 0 {
			continue
		}
		start, err := time.ParseInLocation("2006-01-02 15:04", d.Format("2006-01-02 ")+hhmm, f.svc.Zone)
		if err != nil {
			f.t.Fatal(err)
		}
		f.entry(task, start, start.Add(time.Duration(minutes)*time.Minute))
	}
}

func (f *fixture) invIssue(c tracking.Client, year int, month time.Month, on string) string {
	f.t.Helper()
	d, _ := time.Parse(dayLayout, on)
	n, err := f.invoiceService().Create(ctx, c.ID, year, month, d)
	if err != nil {
		f.t.Fatalf("issue %s %d-%02d: %v", c.Name, year, month, err)
	}
	return n
}

func (f *fixture) invPay(number, amount, on string) {
	f.t.Helper()
	d, _ := time.Parse(dayLayout, on)
	if err := f.invoiceService().Pay(ctx, number, amt(amount), d, "transfer", ""); err != nil {
		f.t.Fatalf("pay %s: %v", number, err)
	}
}

// shownTexts lists the text drawn under o; hidden parts are left out.
func shownTexts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch x := o.(type) {
		case *canvas.Text:
			out = append(out, x.Text)
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// rowTexts is what the list shows for each document, one string a row.
func rowTexts(v *invoices) []string {
	var rows []string
	for i := range v.rows {
		o := newInvoiceRow()
		v.updateRow(i, o)
		rows = append(rows, strings.Join(shownTexts(o), " | "))
	}
	return rows
}

// dialogText is the text of what lies over the window, "" when nothing.
func (f *fixture) dialogText() string {
	top := f.w.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	return strings.Join(shownTexts(top), " ")
}

// twoClientsWithOctober is a complete profile and two clients who worked
// in October 2026, and one who did not.
func twoClientsWithOctober(f *fixture) (ruiz, verdi tracking.Client) {
	f.invProfile(true)
	ruiz = f.invClient("Estudio Ruiz", "EUR", "35", "es", "ES", func(c *tracking.Client) {
		c.Taxes = []billing.Tax{{Name: "IVA", Pct: amt("21")}, {Name: "IRPF", Pct: amt("-15")}}
	})
	verdi = f.invClient("Bottega Verdi", "EUR", "30", "it", "IT", nil)
	f.invClient("Idle Corp", "USD", "30", "en", "US", nil)
	f.invWork(f.task("Estudio Ruiz", "Inbox"), 2026, time.October, "09:00", 60, 1)
	f.invWork(f.task("Bottega Verdi", "Support"), 2026, time.October, "11:00", 30, 2)
	return ruiz, verdi
}

func TestPrepareMonthDraftsAppear(t *testing.T) {
	f := newFixture(t)
	twoClientsWithOctober(f)
	v := f.buildInvoices()
	if len(v.rows) != 0 || !v.listEmpty.Visible() {
		t.Fatalf("before preparing: %d rows, want the empty state", len(v.rows))
	}
	if got := v.month.Selected; got != "October 2026" {
		t.Fatalf("month picker on %q, want last month, October 2026", got)
	}

	test.Tap(v.prepare)
	f.noDialog()
	rows := rowTexts(v)
	if len(rows) != 2 {
		t.Fatalf("rows %q, want a draft for each client who worked", rows)
	}
	for _, want := range []string{"Bottega Verdi", "Estudio Ruiz"} {
		if !slices.ContainsFunc(rows, func(r string) bool {
			return strings.Contains(r, "Draft") && strings.Contains(r, want) && strings.Contains(r, "draft")
		}) {
			t.Errorf("no draft row for %s in %q", want, rows)
		}
	}
	if got := v.prepared.Text(); got != "2 drafts for October 2026" {
		t.Errorf("after preparing: %q", got)
	}
	if got := v.drafts.Text; got != "2 to issue" {
		t.Errorf("header drafts %q, want 2 to issue", got)
	}
	if v.rec == nil || v.issue == nil || v.deleteDraft == nil {
		t.Fatal("the first draft should be open on the right with Issue and Delete draft")
	}
	if v.issueDate.Text != "2026-11-03" {
		t.Errorf("issue date %q, want today 2026-11-03", v.issueDate.Text)
	}

	// Preparing again refreshes the same drafts instead of adding more.
	test.Tap(v.prepare)
	if len(v.rows) != 2 {
		t.Fatalf("%d rows after preparing twice, want 2", len(v.rows))
	}
}

func TestIssueDraft(t *testing.T) {
	tests := []struct {
		name       string
		complete   bool
		wantNumber string
		wantStatus string
		wantError  string
	}{
		{"CompleteProfile", true, "2026-0001", "issued", ""},
		{"WithoutTaxID", false, "Draft", "draft", "tax id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.invProfile(tt.complete)
			f.invClient("Estudio Ruiz", "EUR", "35", "es", "ES", nil)
			f.invWork(f.task("Estudio Ruiz", "Inbox"), 2026, time.October, "09:00", 60, 1)
			v := f.buildInvoices()
			test.Tap(v.prepare)
			test.Tap(v.issue)

			got := f.dialogText()
			if tt.wantError == "" && got != "" {
				t.Fatalf("a dialog is open: %s", got)
			}
			if tt.wantError != "" && (!strings.Contains(got, tt.wantError) || strings.Contains(got, "horas profile")) {
				t.Fatalf("error dialog %q, want it to name %q without a command-line hint", got, tt.wantError)
			}
			rows := rowTexts(v)
			if len(rows) != 1 || !strings.HasPrefix(rows[0], tt.wantNumber+" |") || !strings.Contains(rows[0], "| "+tt.wantStatus+" |") {
				t.Fatalf("rows %q, want one %s with the chip %q", rows, tt.wantNumber, tt.wantStatus)
			}
			list, err := f.invoiceService().List(ctx, invoice.Filter{})
			if err != nil || len(list) != 1 || string(list[0].Status) != tt.wantStatus {
				t.Fatalf("stored %+v (%v), want one %s document", list, err, tt.wantStatus)
			}
			if tt.wantError == "" && (v.rec == nil || v.rec.Number != tt.wantNumber || v.pay == nil) {
				t.Fatal("the issued invoice should stay open on the right, ready to be paid")
			}
		})
	}
}

func TestForWindow(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"ProfileHint", "cannot issue without your tax id (horas profile set --tax-id)", "cannot issue without your tax id"},
		{"QuotedCommand", "Acme already has invoice 2026-0001 for 2026-10: credit it (`horas invoice credit 2026-0001`) to invoice the month again",
			"Acme already has invoice 2026-0001 for 2026-10: credit it to invoice the month again"},
		{"OtherParentheses", "payment 5000.00 EUR is more than the balance of 2026-0001 (770.00 EUR)",
			"payment 5000.00 EUR is more than the balance of 2026-0001 (770.00 EUR)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := forWindow(errors.New(tt.in)).Error(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestIssueDateTyped(t *testing.T) {
	f := newFixture(t)
	twoClientsWithOctober(f)
	v := f.buildInvoices()
	test.Tap(v.prepare)
	v.issueDate.SetText("3/11/2026")
	test.Tap(v.issue)
	if got := f.dialogText(); !strings.Contains(got, "YYYY-MM-DD") {
		t.Fatalf("dialog %q, want it to ask for YYYY-MM-DD", got)
	}
	if v.rows[0].Status != invoice.StatusDraft {
		t.Fatal("a refused date issued the draft")
	}
}

func TestRecordPayment(t *testing.T) {
	tests := []struct {
		name, amount string
		wantStatus   string
		wantError    string
		wantPaid     string
	}{
		{"Partial", "500", "partially paid", "", "500"},
		{"PartialWithDecimalComma", "500,50", "partially paid", "", "500.5"},
		{"AboveTheBalance", "5000", "issued", "more than the balance", "0"},
		{"NotANumber", "lots", "issued", "amount", "0"},
		{"Whole", "770,00", "paid", "", "770"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.invProfile(true)
			ruiz := f.invClient("Estudio Ruiz", "EUR", "35", "es", "ES", nil)
			f.invWork(f.task("Estudio Ruiz", "Inbox"), 2026, time.October, "09:00", 60, 1) // 22 h: 770,00 €
			number := f.invIssue(ruiz, 2026, time.October, "2026-11-02")
			v := f.buildInvoices()
			v.list.Select(0)
			test.Tap(v.pay)
			d := v.payDlg
			if d.amount.Text != "770,00" || d.method.Selected != "transfer" || d.date.Text != "2026-11-03" {
				t.Fatalf("payment form opens with %q %q %q, want the balance, transfer, today", d.amount.Text, d.method.Selected, d.date.Text)
			}
			d.amount.SetText(tt.amount)
			d.method.SetSelected("Wise")
			test.Tap(d.submit)

			if tt.wantError != "" {
				if !d.errLabel.Visible() || !strings.Contains(d.errLabel.Text, tt.wantError) || strings.Contains(d.errLabel.Text, "\n") {
					t.Fatalf("error %q (shown %v), want one line saying %q", d.errLabel.Text, d.errLabel.Visible(), tt.wantError)
				}
				if f.w.Canvas().Overlays().Top() == nil || d.amount.Text != tt.amount {
					t.Fatal("the form should stay open with what was typed")
				}
			} else {
				f.noDialog()
			}
			rec, err := f.invoiceService().Get(ctx, number)
			if err != nil {
				t.Fatal(err)
			}
			if !rec.Paid.Equal(amt(tt.wantPaid)) {
				t.Fatalf("paid %s, want %s", rec.Paid, tt.wantPaid)
			}
			if rows := rowTexts(v); !strings.Contains(rows[0], "| "+tt.wantStatus+" |") {
				t.Fatalf("row %q, want the chip %q", rows[0], tt.wantStatus)
			}
			if tt.wantError == "" && (len(v.rec.Payments) != 1 || v.rec.Payments[0].Method != "Wise") {
				t.Fatalf("payments on the right %+v, want the one by Wise", v.rec.Payments)
			}
		})
	}
}

// An invoice past its due date turns overdue when the screen comes back
// into view, in its row and in the header.
func TestOverdue(t *testing.T) {
	f := newFixture(t)
	f.invProfile(true)
	ruiz := f.invClient("Estudio Ruiz", "EUR", "35", "es", "ES", nil) // 30 days to pay
	f.invWork(f.task("Estudio Ruiz", "Inbox"), 2026, time.October, "09:00", 60, 1)
	f.invIssue(ruiz, 2026, time.October, "2026-11-02")
	v := f.buildInvoices()
	if got := v.overdue.Text; got != "None" || v.overdue.Importance == widget.WarningImportance {
		t.Fatalf("header overdue %q before the due date", got)
	}

	f.advance(31 * 24 * time.Hour) // 4 December: due 2 December
	at := f.w.Content().(*container.AppTabs)
	at.SelectIndex(0)
	at.Select(invoicesTab(t, at))
	settle(f.w)

	if rows := rowTexts(v); !strings.Contains(rows[0], "| overdue |") {
		t.Fatalf("row %q, want the chip overdue", rows[0])
	}
	if got := v.overdue.Text; got != "1 invoice" || v.overdue.Importance != widget.WarningImportance {
		t.Fatalf("header overdue %q (importance %v), want 1 invoice in the warning colour", got, v.overdue.Importance)
	}
	if got := v.owed.Text; got != "770,00 €" {
		t.Fatalf("header outstanding %q, want 770,00 €", got)
	}
	if got := v.month.Selected; got != "November 2026" {
		t.Fatalf("month picker on %q in December, want November 2026", got)
	}
}

func TestDeleteDraft(t *testing.T) {
	f := newFixture(t)
	twoClientsWithOctober(f)
	v := f.buildInvoices()
	test.Tap(v.prepare)
	first := v.rec.Client
	test.Tap(v.deleteDraft)
	f.noDialog()
	if len(v.rows) != 1 || v.rows[0].Client == first || v.rec != nil {
		t.Fatalf("rows %+v, want only the other client's draft and nothing open", v.rows)
	}
	// The deleted draft's time is still there to invoice.
	test.Tap(v.prepare)
	if len(v.rows) != 2 {
		t.Fatalf("%d rows after preparing again, want 2", len(v.rows))
	}
}

// The detail shows what the PDF prints: lines, each tax, totals, the
// retainer's hours and the legal note, amounts as the client reads them.
func TestDetail(t *testing.T) {
	tests := []struct {
		name string
		edit func(*tracking.Client)
		want []string
	}{
		{"SpanishTaxes", func(c *tracking.Client) {
			c.Taxes = []billing.Tax{{Name: "IVA", Pct: amt("21")}, {Name: "IRPF", Pct: amt("-15")}}
		}, []string{"Inbox", "22,00 h", "35,00 €", "770,00 €", "IVA 21 %", "161,70 €", "IRPF -15 %", "-115,50 €", "816,20 €"}},
		{"RetainerAndLegalNote", func(c *tracking.Client) {
			c.Retainer = &billing.Retainer{Fee: amt("600"), Hours: amt("20")}
			c.Note = "Reverse charge: art. 196 Directive 2006/112/EC"
		}, []string{"Iguala octubre 2026", "600,00 €", "2,00 h", "70,00 €", "20,00 h used of 20,00 h available",
			"Legal note", "Reverse charge: art. 196 Directive 2006/112/EC"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.invProfile(true)
			f.invClient("Estudio Ruiz", "EUR", "35", "es", "ES", tt.edit)
			f.invWork(f.task("Estudio Ruiz", "Inbox"), 2026, time.October, "09:00", 60, 1)
			v := f.buildInvoices()
			test.Tap(v.prepare)
			got := strings.Join(shownTexts(v.detail), " | ")
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("detail lacks %q:\n%s", w, got)
				}
			}
		})
	}
}

// A draft that cannot be recomputed, here because a timer started in its
// month still runs, says why on the right and can still be deleted.
func TestDraftThatCannotBeRead(t *testing.T) {
	f := newFixture(t)
	f.invProfile(true)
	f.invClient("Estudio Ruiz", "EUR", "35", "es", "ES", nil)
	inbox := f.task("Estudio Ruiz", "Inbox")
	f.invWork(inbox, 2026, time.October, "09:00", 60, 1)
	v := f.buildInvoices()
	test.Tap(v.prepare)
	if _, _, err := f.svc.Start(ctx, inbox.ID, time.Date(2026, 10, 31, 22, 0, 0, 0, f.svc.Zone)); err != nil {
		t.Fatal(err)
	}
	v.reload()
	f.noDialog()
	if v.rec != nil || v.issue != nil || v.deleteDraft == nil {
		t.Fatal("want no document shown, no Issue, and Delete draft")
	}
	if got := strings.Join(shownTexts(v.detail), " "); !strings.Contains(got, "timer is running") {
		t.Fatalf("detail says %q, want why the draft cannot be shown", got)
	}
	test.Tap(v.deleteDraft)
	if len(v.rows) != 0 {
		t.Fatalf("rows %+v after deleting the draft", v.rows)
	}
}

func TestCreditNote(t *testing.T) {
	tests := []struct {
		name, kind, amount string
		wantStatus         string
		wantBalance        string
		wantError          string
	}{
		{"Whole", creditWhole, "", "cancelled", "0", ""},
		{"Part", creditPart, "100", "issued", "98.05", ""}, // 204,05 − (100 + 21 % IVA − 15 % IRPF)
		{"PartAboveTheBalance", creditPart, "1000", "issued", "204.05", "more than the balance"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.invProfile(true)
			ruiz := f.invClient("Estudio Ruiz", "EUR", "35", "es", "ES", func(c *tracking.Client) {
				c.Taxes = []billing.Tax{{Name: "IVA", Pct: amt("21")}, {Name: "IRPF", Pct: amt("-15")}}
			})
			f.invWork(f.task("Estudio Ruiz", "Inbox"), 2026, time.October, "09:00", 30, 2) // 5,5 h: 204,05 € with taxes
			number := f.invIssue(ruiz, 2026, time.October, "2026-11-02")
			v := f.buildInvoices()
			v.list.Select(0)
			total := v.rec.Total
			test.Tap(v.credit)
			d := v.creditDlg
			d.kind.SetSelected(tt.kind)
			d.amount.SetText(tt.amount)
			d.reason.SetText("hours billed twice")
			test.Tap(d.submit)
			if tt.wantError != "" {
				if !d.errLabel.Visible() || !strings.Contains(d.errLabel.Text, tt.wantError) {
					t.Fatalf("error %q, want %q", d.errLabel.Text, tt.wantError)
				}
			} else {
				f.noDialog()
			}
			rec, err := f.invoiceService().Get(ctx, number)
			if err != nil {
				t.Fatal(err)
			}
			if string(rec.Status) != tt.wantStatus || !rec.Summary.Balance.Equal(amt(tt.wantBalance)) {
				t.Fatalf("invoice of %s is %s with balance %s, want %s with %s", total, rec.Status, rec.Summary.Balance, tt.wantStatus, tt.wantBalance)
			}
			credits := 0
			for _, r := range rowTexts(v) {
				if strings.Contains(r, "R-2026-0001") && strings.Contains(r, "credit note") {
					credits++
				}
			}
			want := 1
			if tt.wantError != "" {
				want = 0
			}
			if credits != want {
				t.Fatalf("%d credit note rows, want %d", credits, want)
			}
		})
	}
}

func TestPDF(t *testing.T) {
	f := newFixture(t)
	f.invProfile(true)
	ruiz := f.invClient("Estudio Ruiz", "EUR", "35", "es", "ES", nil)
	f.invWork(f.task("Estudio Ruiz", "Inbox"), 2026, time.October, "09:00", 60, 1)
	f.invIssue(ruiz, 2026, time.October, "2026-11-02")
	v := f.buildInvoices()
	v.list.Select(0)
	if v.savePDF == nil || v.openPDF == nil {
		t.Fatal("an issued invoice should offer Save PDF… and Open PDF")
	}
	if got := pdfName(v.rec.Number); got != "2026-0001.pdf" {
		t.Fatalf("file name offered %q", got)
	}

	t.Run("Save", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "2026-0001.pdf")
		w, err := storage.Writer(storage.NewFileURI(path))
		if err != nil {
			t.Fatal(err)
		}
		if err := v.writePDF(w); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
			t.Fatalf("saved %d bytes (%v), want a PDF", len(b), err)
		}
	})
	t.Run("OpenWritesATempFile", func(t *testing.T) {
		path, err := v.tempPDF()
		if err != nil {
			t.Fatal(err)
		}
		defer os.Remove(path)
		b, err := os.ReadFile(path)
		if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) || filepath.Dir(path) != filepath.Clean(os.TempDir()) {
			t.Fatalf("wrote %s (%d bytes, %v), want a PDF in the temporary directory", path, len(b), err)
		}
	})
}

func TestReceivablesNoRateUntilManualRate(t *testing.T) {
	f := newFixture(t)
	f.invProfile(true)
	sunrise := f.invClient("Sunrise Realty", "USD", "32.50", "en", "US", nil)
	f.invWork(f.task("Sunrise Realty", "Listings"), 2026, time.September, "15:00", 60, 1) // 22 h: $715.00
	number := f.invIssue(sunrise, 2026, time.September, "2026-10-01")
	v := f.buildInvoices()
	test.Tap(v.agingTab)
	r := v.aging
	if !r.content.Visible() || v.listView.Visible() {
		t.Fatal("the Receivables toggle should show the aging report instead of the list")
	}
	want := "No rate for USD " + number
	if !r.missing.Visible() || !strings.Contains(r.missing.Text, want) {
		t.Fatalf("aging says %q, want %q", r.missing.Text, want)
	}
	if texts := shownTexts(r.table); slices.Contains(texts, "All in EUR") {
		t.Fatal("with a rate missing, no EUR total should be shown")
	}

	test.Tap(r.setRate)
	d := r.rateDlg
	if d.currency.Text != "USD" || d.date.Text != "2026-10-01" {
		t.Fatalf("rate form opens with %q on %q, want USD on the invoice's date", d.currency.Text, d.date.Text)
	}
	d.rate.SetText("abc")
	test.Tap(d.submit)
	if !d.errLabel.Visible() || !strings.Contains(d.errLabel.Text, "rate") {
		t.Fatalf("error %q for a rate in words", d.errLabel.Text)
	}
	d.rate.SetText("0,92")
	test.Tap(d.submit)
	f.noDialog()
	if r.missing.Visible() {
		t.Fatalf("still missing: %q", r.missing.Text)
	}
	texts := shownTexts(r.table)
	// 715 × 0.92, in English: no client pays in euros to say how they write it.
	if !slices.Contains(texts, "All in EUR") || !slices.Contains(texts, "€657.80") {
		t.Fatalf("table %q, want the EUR total €657.80", texts)
	}
}

func TestImportECB(t *testing.T) {
	tests := []struct {
		name, csv string
		wantError string
		wantRates string
	}{
		{"BadLine", "Date,USD,JPY,\n2026-10-01,1.1702,172.5,\n2026-09-30,one,172.1,\n", "line 3", ""},
		{"Good", "Date,USD,JPY,\n2026-10-01,1.1702,172.5,\n", "", "2 rates imported from eurofxref-hist.csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			v := f.buildInvoices()
			test.Tap(v.agingTab)
			v.aging.importFrom("eurofxref-hist.csv", strings.NewReader(tt.csv))
			got := f.dialogText()
			if (got == "") != (tt.wantError == "") || !strings.Contains(got, tt.wantError) {
				t.Fatalf("dialog %q, want %q", got, tt.wantError)
			}
			if v.aging.imported.Text() != tt.wantRates {
				t.Fatalf("import says %q, want %q", v.aging.imported.Text(), tt.wantRates)
			}
		})
	}
}

// logoPNG is a small logo: a teal disc with a clock's hands, on clear ground.
func logoPNG(t *testing.T) []byte {
	t.Helper()
	const w, h, r = 120, 48, 22
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	teal, white := color.NRGBA{R: 0x0f, G: 0x76, B: 0x6e, A: 0xff}, color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	for x := range w {
		for y := range h {
			dx, dy := x-h/2, y-h/2
			switch {
			case dx*dx+dy*dy > r*r:
				if x > h+4 && x < w-4 && y > 14 && y < 34 && (x/6)%2 == 0 {
					img.Set(x, y, teal) // a wordmark, as bars
				}
			case dx >= 0 && dx <= 2 && dy >= -14 && dy <= 0, dy >= -1 && dy <= 1 && dx >= 0 && dx <= 10:
				img.Set(x, y, white)
			default:
				img.Set(x, y, teal)
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestProfileForm(t *testing.T) {
	f := newFixture(t)
	v := f.buildInvoices()
	test.Tap(v.profileBtn)
	p := v.profileDlg
	if p.home.Text != "EUR" || p.invoiceSeries.Text != invoice.DefaultInvoiceSeries {
		t.Fatalf("a new profile opens with %q and %q, want the defaults", p.home.Text, p.invoiceSeries.Text)
	}
	test.Type(p.name, "Lucía Martín")
	p.address.SetText("Calle de Toledo 42\n28005 Madrid")
	p.taxID.SetText("ES12345678Z")
	p.country.SetText("es")
	p.iban.SetText("ES91 2100 0418 4502 0005 1332")
	p.paypal.SetText("paypal.me/lucia")
	if err := p.readLogo("logo.txt", strings.NewReader("not an image")); err == nil {
		t.Fatal("a text file was taken as a logo")
	}
	if err := p.readLogo("logo.png", bytes.NewReader(logoPNG(t))); err != nil || !p.logoImg.Visible() {
		t.Fatalf("logo not shown: %v", err)
	}

	// A series the service refuses is shown inside, and nothing is stored.
	p.invoiceSeries.SetText("{SEQ}")
	test.Tap(p.submit)
	if !p.errLabel.Visible() || !strings.Contains(p.errLabel.Text, "{YYYY}") {
		t.Fatalf("error %q, want it to ask for {YYYY}", p.errLabel.Text)
	}
	if got, _ := f.invoiceService().Profile(ctx); got.Name != "" {
		t.Fatalf("a refused profile was stored: %+v", got)
	}

	p.invoiceSeries.SetText("F{YY}-{SEQ:3}")
	test.Tap(p.submit)
	f.noDialog()
	got, err := f.invoiceService().Profile(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Lucía Martín" || got.Address != "Calle de Toledo 42\n28005 Madrid" || got.TaxID != "ES12345678Z" ||
		got.Country != "ES" || got.IBAN != "ES9121000418450200051332" || got.PayPal != "paypal.me/lucia" ||
		got.InvoiceSeries != "F{YY}-{SEQ:3}" || !bytes.Equal(got.Logo, logoPNG(t)) || got.Missing() != "" {
		t.Fatalf("stored %+v", got)
	}

	// Opened again, the form shows what is stored.
	test.Tap(v.profileBtn)
	if p := v.profileDlg; p.name.Text != "Lucía Martín" || !p.logoImg.Visible() || p.iban.Text != got.IBAN {
		t.Fatal("the form does not show the stored profile")
	}
}

// showcase is a VA's month end: a Spanish client with IVA and IRPF whose
// October invoice is partly paid, an Italian one under the forfettario
// regime, a US client whose September invoice is overdue and whose October
// is still a draft.
func showcase(f *fixture) {
	f.t.Helper()
	f.invProfile(true)
	ruiz := f.invClient("Estudio Ruiz Arquitectos S.L.", "EUR", "35", "es", "ES", func(c *tracking.Client) {
		c.TaxID = "B12345678"
		c.Taxes = []billing.Tax{{Name: "IVA", Pct: amt("21")}, {Name: "IRPF", Pct: amt("-15")}}
	})
	verdi := f.invClient("Bottega Verdi", "EUR", "30", "it", "IT", func(c *tracking.Client) {
		c.Address = "Via Roma 5\n20121 Milano"
		c.TaxID = "IT01234567890"
		c.Note = "Operazione effettuata ai sensi dell’art. 1, commi 54-89, Legge n. 190/2014 (regime forfettario): " +
			"operazione senza applicazione dell’IVA e non soggetta a ritenuta d’acconto."
	})
	sunrise := f.invClient("Sunrise Realty LLC", "USD", "32.50", "en", "US", func(c *tracking.Client) {
		c.Address = "200 Park Avenue\nNew York, NY 10166"
		c.TermsDays = 15
	})
	inbox := f.task("Estudio Ruiz Arquitectos S.L.", "Inbox & calendar")
	books := f.task("Estudio Ruiz Arquitectos S.L.", "Bookkeeping")
	support := f.task("Bottega Verdi", "Customer support")
	news := f.task("Bottega Verdi", "Newsletter")
	listings := f.task("Sunrise Realty LLC", "Listings")
	emails := f.task("Sunrise Realty LLC", "Client emails")
	for _, m := range []time.Month{time.September, time.October} {
		f.invWork(inbox, 2026, m, "08:30", 75, 1)
		f.invWork(books, 2026, m, "10:00", 90, 3)
		f.invWork(listings, 2026, m, "15:00", 120, 2)
		f.invWork(emails, 2026, m, "17:30", 45, 1)
	}
	f.invWork(support, 2026, time.October, "12:00", 60, 1)
	f.invWork(news, 2026, time.October, "13:15", 90, 5)

	paid := f.invIssue(ruiz, 2026, time.September, "2026-10-01")
	rec, err := f.invoiceService().Get(ctx, paid)
	if err != nil {
		f.t.Fatal(err)
	}
	f.invPay(paid, rec.Total.String(), "2026-10-20")
	f.invIssue(sunrise, 2026, time.September, "2026-10-01") // due 16 Oct: overdue
	f.invIssue(verdi, 2026, time.October, "2026-11-02")
	partial := f.invIssue(ruiz, 2026, time.October, "2026-11-02")
	f.invPay(partial, "500", "2026-11-03")
	if _, err := f.invoiceService().Prepare(ctx, sunrise.ID, 2026, time.October); err != nil {
		f.t.Fatal(err)
	}
}

// TestRenderInvoices draws the Invoices screen at month end. With
// HORAS_SHOT set, the pictures are written beside that file to look at.
func TestRenderInvoices(t *testing.T) {
	tests := []struct {
		name  string
		setup func(f *fixture, v *invoices)
		check func(t *testing.T, f *fixture, v *invoices)
	}{
		{"invoices-empty", func(f *fixture, v *invoices) {}, func(t *testing.T, f *fixture, v *invoices) {
			if !v.listEmpty.Visible() || v.owed.Text != "Nothing owed" {
				t.Fatal("want the empty state")
			}
		}},
		{"invoices", func(f *fixture, v *invoices) { v.list.Select(1) }, func(t *testing.T, f *fixture, v *invoices) {
			if v.rec == nil || v.rec.Number != "2026-0004" || v.pay == nil {
				t.Fatalf("open %+v, want 2026-0004 ready to be paid", v.rec)
			}
			// 1465,45 − 500 + 885,00 in Italian, as Bottega Verdi reads euros; the US client's September.
			if got := v.owed.Text; got != "1.850,45 €  ·  $1,251.25" {
				t.Fatalf("header outstanding %q", got)
			}
			if got := v.overdue.Text; got != "1 invoice" {
				t.Fatalf("header overdue %q", got)
			}
		}},
		{"invoice-detail", func(f *fixture, v *invoices) { v.list.Select(2) }, func(t *testing.T, f *fixture, v *invoices) {
			if v.rec == nil || !strings.Contains(v.rec.Doc.Note, "forfettario") {
				t.Fatalf("open %+v, want Bottega Verdi's invoice with its legal note", v.rec)
			}
		}},
		{"invoice-draft", func(f *fixture, v *invoices) { v.list.Select(0) }, func(t *testing.T, f *fixture, v *invoices) {
			if v.rec == nil || v.issue == nil {
				t.Fatal("want the draft open with Issue")
			}
		}},
		{"receivables", func(f *fixture, v *invoices) { test.Tap(v.agingTab) }, func(t *testing.T, f *fixture, v *invoices) {
			if !v.aging.missing.Visible() {
				t.Fatal("want the missing USD rate said")
			}
		}},
		{"receivables-converted", func(f *fixture, v *invoices) {
			test.Tap(v.agingTab)
			test.Tap(v.aging.setRate)
			v.aging.rateDlg.rate.SetText("0.8571")
			test.Tap(v.aging.rateDlg.submit)
		}, func(t *testing.T, f *fixture, v *invoices) {
			if v.aging.missing.Visible() || !slices.Contains(shownTexts(v.aging.table), "All in EUR") {
				t.Fatal("want the EUR total once the USD rate is set")
			}
		}},
		{"payment", func(f *fixture, v *invoices) { v.list.Select(1); test.Tap(v.pay) }, nil},
		{"credit", func(f *fixture, v *invoices) { v.list.Select(2); test.Tap(v.credit) }, nil},
		{"issue-refused", func(f *fixture, v *invoices) {
			p, _ := f.invoiceService().Profile(ctx)
			p.TaxID = ""
			if err := f.invoiceService().SaveProfile(ctx, p); err != nil {
				f.t.Fatal(err)
			}
			v.list.Select(0)
			test.Tap(v.issue)
		}, func(t *testing.T, f *fixture, v *invoices) {
			if !strings.Contains(f.dialogText(), "tax id") {
				t.Fatalf("dialog %q, want the missing tax id named", f.dialogText())
			}
		}},
		{"profile", func(f *fixture, v *invoices) {
			test.Tap(v.profileBtn)
			if err := v.profileDlg.readLogo("logo.png", bytes.NewReader(logoPNG(f.t))); err != nil {
				f.t.Fatal(err)
			}
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			shot := shotTheme()
			if shot != "" {
				shot = filepath.Join(filepath.Dir(shot), tt.name+".png")
			}
			if tt.name != "invoices-empty" {
				showcase(f)
			}
			v := f.buildInvoices()
			tt.setup(f, v)
			if tt.check != nil {
				tt.check(t, f, v)
			}
			capture(t, f.w, shot)
		})
	}
}
