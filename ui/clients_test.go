package ui

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/money"
	"github.com/horasapp/horas/internal/tracking"
	"github.com/horasapp/horas/invoice"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// openClients builds the window and shows its Clients tab, over a screen the
// test holds: tabs makes its own, which a test cannot reach.
func (f *fixture) openClients() *clients {
	f.t.Helper()
	f.build()
	c := newClients(f.w, Services{Tracking: f.svc, Invoices: invoice.New(f.svc, f.svc.Now)}, f.tr)
	tabs := f.w.Content().(*container.AppTabs)
	for _, it := range tabs.Items {
		if it.Text == "Clients" {
			it.Content = c.content
			tabs.Select(it)
			tabs.Refresh()
			return c
		}
	}
	f.t.Fatal("the window has no Clients tab")
	return nil
}

// spanish adds the client of a VA in Spain, with every setting a Spanish
// invoice needs.
func spanish(f *fixture) tracking.Client {
	f.t.Helper()
	c := tracking.NewClient("Acme SL", "EUR", dec("40"))
	c.Address = "Calle Mayor 12, 3º B\n28013 Madrid\nEspaña"
	c.TaxID, c.Email = "B12345678", "facturas@acme.es"
	c.Lang, c.Country, c.TZ = "es", "ES", "Europe/Madrid"
	c.Rounding = billing.Rounding{Minutes: 15, Mode: billing.RoundUp}
	c.NoticeDays, c.TermsDays = 3, 15
	c.Retainer = &billing.Retainer{Fee: dec("800"), Hours: dec("20"), RolloverCap: dec("5")}
	c.Taxes = []billing.Tax{{Name: "IVA", Pct: dec("21")}, {Name: "IRPF", Pct: dec("-15")}}
	c.Note = "Factura sujeta a retención de IRPF."
	c, err := f.svc.AddClient(ctx, c)
	if err != nil {
		f.t.Fatal(err)
	}
	return c
}

func sunrise(f *fixture) tracking.Client {
	f.t.Helper()
	c := tracking.NewClient("Sunrise Realty", "USD", dec("32.50"))
	c.Address = "410 Ocean Drive\nMiami, FL 33139"
	c.TaxID, c.Email = "EIN 12-3456789", "ap@sunrise-realty.com"
	c.Lang, c.Country, c.TZ = "en", "US", "America/New_York"
	c.Urgent, c.NoticeDays = dec("1.5"), 2
	c, err := f.svc.AddClient(ctx, c)
	if err != nil {
		f.t.Fatal(err)
	}
	return c
}

func (f *fixture) addTask(client string, t billing.Task) tracking.Task {
	f.t.Helper()
	task, err := f.svc.AddTask(ctx, client, tracking.Task{Task: t})
	if err != nil {
		f.t.Fatal(err)
	}
	return task
}

// pick selects a client in the list by name.
func (c *clients) pick(t *testing.T, name string) {
	t.Helper()
	for i, cl := range c.all {
		if cl.Name == name {
			c.list.Select(i)
			if c.cur.Name != name {
				t.Fatalf("selected %s, the form shows %s", name, c.cur.Name)
			}
			return
		}
	}
	t.Fatalf("%s is not in the list", name)
}

func (c *clients) taxRowNamed(name string) *taxRow {
	for _, r := range c.taxes {
		if r.name.Text == name {
			return r
		}
	}
	panic("no tax row " + name)
}

func (f *fixture) clientNamed(name string) tracking.Client {
	f.t.Helper()
	c, err := f.svc.ClientByName(ctx, name)
	if err != nil {
		f.t.Fatal(err)
	}
	return c
}

func TestClientFormSaves(t *testing.T) {
	tests := []struct {
		name   string
		client string
		edit   func(c *clients)
		check  func(t *testing.T, got tracking.Client)
	}{
		{"Rate", "Sunrise Realty", func(c *clients) { c.rate.SetText("37,5") }, func(t *testing.T, got tracking.Client) {
			if !got.Rate.Equal(dec("37.50")) {
				t.Errorf("rate %s, want 37.50", got.Rate)
			}
		}},
		{"Rounding", "Sunrise Realty", func(c *clients) {
			c.roundEvery.SetSelected("6 min")
			c.roundMode.SetSelected("Nearest")
		}, func(t *testing.T, got tracking.Client) {
			if got.Rounding != (billing.Rounding{Minutes: 6, Mode: billing.RoundNearest}) {
				t.Errorf("rounding %v, want 6m:nearest", got.Rounding)
			}
		}},
		{"NoRounding", "Acme SL", func(c *clients) { c.roundEvery.SetSelected(noRounding) }, func(t *testing.T, got tracking.Client) {
			if !got.Rounding.IsZero() {
				t.Errorf("rounding %v, want none", got.Rounding)
			}
		}},
		{"RetainerOn", "Sunrise Realty", func(c *clients) {
			c.retainer.SetChecked(true)
			c.fee.SetText("1,200.00")
			c.hours.SetText("30")
			c.overage.SetText("40")
			c.rollover.SetText("7.5")
		}, func(t *testing.T, got tracking.Client) {
			r := got.Retainer
			if r == nil || !r.Fee.Equal(dec("1200")) || !r.Hours.Equal(dec("30")) ||
				!r.OverageRate.Valid || !r.OverageRate.Decimal.Equal(dec("40")) || !r.RolloverCap.Equal(dec("7.5")) {
				t.Errorf("retainer %+v, want 1200 for 30 h, overage 40, cap 7.5", r)
			}
		}},
		{"RetainerChanged", "Acme SL", func(c *clients) {
			c.hours.SetText("25")
			c.overage.SetText("")
		}, func(t *testing.T, got tracking.Client) {
			r := got.Retainer
			if r == nil || !r.Fee.Equal(dec("800")) || !r.Hours.Equal(dec("25")) || r.OverageRate.Valid || !r.RolloverCap.Equal(dec("5")) {
				t.Errorf("retainer %+v, want 800 for 25 h, no overage rate, cap 5", r)
			}
		}},
		{"RetainerOff", "Acme SL", func(c *clients) { c.retainer.SetChecked(false) }, func(t *testing.T, got tracking.Client) {
			if got.Retainer != nil {
				t.Errorf("retainer %+v, want none", got.Retainer)
			}
		}},
		{"TaxesAdded", "Sunrise Realty", func(c *clients) {
			test.Tap(c.addTax)
			c.taxes[0].name.SetText("VAT")
			c.taxes[0].pct.SetText("20 %")
			test.Tap(c.addTax)
			c.taxes[1].name.SetText("WHT")
			c.taxes[1].pct.SetText("−7,5") // a typographic minus and a decimal comma
			test.Tap(c.addTax)             // left empty: ignored
		}, func(t *testing.T, got tracking.Client) {
			want := []billing.Tax{{Name: "VAT", Pct: dec("20")}, {Name: "WHT", Pct: dec("-7.5")}}
			if !sameTaxes(got.Taxes, want) {
				t.Errorf("taxes %v, want %v", got.Taxes, want)
			}
		}},
		{"TaxRemoved", "Acme SL", func(c *clients) {
			test.Tap(c.taxRowNamed("IVA").remove)
			c.taxRowNamed("IRPF").pct.SetText("-7")
		}, func(t *testing.T, got tracking.Client) {
			if want := []billing.Tax{{Name: "IRPF", Pct: dec("-7")}}; !sameTaxes(got.Taxes, want) {
				t.Errorf("taxes %v, want %v", got.Taxes, want)
			}
		}},
		{"IdentityAndPlace", "Sunrise Realty", func(c *clients) {
			c.name.SetText("Sunrise Realty LLC")
			c.address.SetText("1 Main St\nAustin, TX")
			c.taxID.SetText("EIN 98-7654321")
			c.email.SetText("pay@sunrise.com")
			c.lang.SetText("IT")
			c.country.SetText("it")
			c.zone.SetText("Europe/Rome")
			c.termsDays.SetText("45")
			c.note.SetText("Operazione in regime forfettario")
		}, func(t *testing.T, got tracking.Client) {
			if got.Name != "Sunrise Realty LLC" || got.Address != "1 Main St\nAustin, TX" || got.TaxID != "EIN 98-7654321" ||
				got.Email != "pay@sunrise.com" || got.Lang != "it" || got.Country != "IT" || got.TZ != "Europe/Rome" ||
				got.TermsDays != 45 || got.Note != "Operazione in regime forfettario" {
				t.Errorf("client stored as %+v", got)
			}
		}},
		{"Urgency", "Sunrise Realty", func(c *clients) {
			c.urgent.SetText("1,25")
			c.rush.SetText("×3")
			c.notice.SetText("5")
		}, func(t *testing.T, got tracking.Client) {
			if !got.Urgent.Equal(dec("1.25")) || !got.Rush.Equal(dec("3")) || got.NoticeDays != 5 {
				t.Errorf("urgent %s, rush %s, notice %d; want 1.25, 3, 5", got.Urgent, got.Rush, got.NoticeDays)
			}
		}},
		{"CurrencyWithRate", "Sunrise Realty", func(c *clients) {
			c.currency.SetText("jpy")
			c.rate.SetText("4500")
		}, func(t *testing.T, got tracking.Client) {
			if got.Currency != "JPY" || !got.Rate.Equal(dec("4500")) {
				t.Errorf("%s %s, want JPY 4500", got.Currency, got.Rate)
			}
		}},
		{"Archived", "Sunrise Realty", func(c *clients) { c.archived.SetChecked(true) }, func(t *testing.T, got tracking.Client) {
			if !got.Archived {
				t.Error("not archived")
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			spanish(f)
			sunrise(f)
			c := f.openClients()
			c.pick(t, tt.client)
			if !c.save.Disabled() {
				t.Fatal("Save is enabled before anything changed")
			}
			id := c.cur.ID
			tt.edit(c)
			if c.save.Disabled() {
				t.Fatal("Save stays disabled after a change")
			}
			test.Tap(c.save)
			if c.saveErr.Visible() {
				t.Fatalf("refused: %s", c.saveErr.Text)
			}
			f.noDialog()
			cs, err := f.svc.Clients(ctx, true)
			if err != nil {
				t.Fatal(err)
			}
			var got tracking.Client
			for _, cl := range cs {
				if cl.ID == id {
					got = cl
				}
			}
			tt.check(t, got)
			status := "Saved"
			if got.Archived {
				status = got.Name + " is archived: tick “Show archived” to see it"
			}
			if !c.save.Disabled() || c.status.Text() != status {
				t.Errorf("after saving: Save enabled %v, status %q, want %q", !c.save.Disabled(), c.status.Text(), status)
			}
			// The Track screen shows what was saved at once.
			onTrack := false
			for _, cl := range f.tr.snap.clients {
				if cl.ID == got.ID {
					onTrack = cl.Name == got.Name && cl.Rate.Equal(got.Rate)
				}
			}
			if onTrack == got.Archived {
				t.Errorf("Track lists the client: %v; archived: %v", onTrack, got.Archived)
			}
		})
	}
}

func sameTaxes(a, b []billing.Tax) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Name != b[i].Name || !a[i].Pct.Equal(b[i].Pct) {
			return false
		}
	}
	return true
}

// A refused value is named next to its field when the form can tell, and
// always in the line over Save; nothing at all is written, not even the
// other fields changed with it.
func TestClientFormRefuses(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(c *clients)
		inline func(c *clients) *widget.Label // the field's own message; nil: only the service can tell
		want   string
	}{
		{"RateDecimals", func(c *clients) { c.rate.SetText("12.345") },
			func(c *clients) *widget.Label { return c.checkOf(c.rate).msg }, "12.345 EUR has more than 2 decimals"},
		{"RateDecimalsAfterCurrency", func(c *clients) {
			c.rate.SetText("40.50")
			c.currency.SetText("JPY")
		},
			func(c *clients) *widget.Label { return c.checkOf(c.rate).msg }, "has decimals, but JPY has none"},
		{"UnknownCurrency", func(c *clients) { c.currency.SetText("EUX") },
			func(c *clients) *widget.Label { return c.checkOf(&c.currency.Entry).msg }, `unknown currency "EUX"`},
		{"UnknownZone", func(c *clients) { c.zone.SetText("Mars/Base") },
			func(c *clients) *widget.Label { return c.checkOf(&c.zone.Entry).msg }, `time zone "Mars/Base" is unknown`},
		{"RateNotAnAmount", func(c *clients) { c.rate.SetText("forty") },
			func(c *clients) *widget.Label { return c.checkOf(c.rate).msg }, `"forty" is not an amount of EUR`},
		{"NoName", func(c *clients) { c.name.SetText("  ") },
			func(c *clients) *widget.Label { return c.checkOf(c.name).msg }, "client name is empty"},
		{"Language", func(c *clients) { c.lang.SetText("spanish") },
			func(c *clients) *widget.Label { return c.checkOf(&c.lang.Entry).msg }, `language "spanish"`},
		{"UrgentBelowOne", func(c *clients) { c.urgent.SetText("0.5") },
			func(c *clients) *widget.Label { return c.checkOf(c.urgent).msg }, "urgent multiplier 0.5 is below 1"},
		{"TermsInWords", func(c *clients) { c.termsDays.SetText("a month") },
			func(c *clients) *widget.Label { return c.checkOf(c.termsDays).msg }, `payment terms "a month"`},
		{"RetainerWithoutHours", func(c *clients) { c.hours.SetText("0") },
			func(c *clients) *widget.Label { return c.checkOf(c.hours).msg }, "a retainer covers more than zero hours"},
		{"TaxPercent", func(c *clients) { c.taxRowNamed("IVA").pct.SetText("twenty") },
			func(c *clients) *widget.Label { return c.taxRowNamed("IVA").fc.msg }, `tax IVA "twenty" is not a number`},
		{"TaxOver100", func(c *clients) { c.taxRowNamed("IRPF").pct.SetText("-150") },
			func(c *clients) *widget.Label { return c.taxRowNamed("IRPF").fc.msg }, "a percentage goes from -100 to 100"},
		{"TaxWithoutName", func(c *clients) { c.taxRowNamed("IVA").name.SetText("") },
			func(c *clients) *widget.Label { return c.taxes[0].fc.msg }, "name it"},
		{"TaxTwice", func(c *clients) {
			test.Tap(c.addTax)
			c.taxes[2].name.SetText("iva")
			c.taxes[2].pct.SetText("10")
		}, nil, "tax iva is listed twice"},
		{"NameTaken", func(c *clients) { c.name.SetText("Sunrise Realty") }, nil, `a client named "Sunrise Realty" already exists`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			spanish(f)
			sunrise(f)
			before := f.clientNamed("Acme SL")
			c := f.openClients()
			c.pick(t, "Acme SL")
			c.email.SetText("changed@acme.es") // must not be written either
			tt.edit(c)
			test.Tap(c.save)

			if !c.saveErr.Visible() || !strings.Contains(c.saveErr.Text, tt.want) {
				t.Fatalf("Save says %q (shown %v), want it to say %q", c.saveErr.Text, c.saveErr.Visible(), tt.want)
			}
			if strings.Contains(c.saveErr.Text, "\n") {
				t.Fatalf("%q is not one line", c.saveErr.Text)
			}
			if tt.inline != nil {
				if msg := tt.inline(c); !msg.Visible() || !strings.Contains(msg.Text, tt.want) {
					t.Fatalf("beside the field: %q (shown %v), want %q", msg.Text, msg.Visible(), tt.want)
				}
			}
			if after := f.clientNamed("Acme SL"); !reflect.DeepEqual(before, after) {
				t.Fatalf("written anyway:\n%+v\nwas\n%+v", after, before)
			}
			if c.email.Text != "changed@acme.es" || c.save.Disabled() {
				t.Fatal("the form lost what was typed")
			}
			f.noDialog()
		})
	}
}

// checkOf finds the inline check of an entry.
func (c *clients) checkOf(e *widget.Entry) *fieldCheck {
	for _, fc := range c.checks {
		if fc.entry == e {
			return fc
		}
	}
	panic("no check for the entry")
}

// Fixing a refused value clears its message, and the next Save writes.
func TestClientFormRecovers(t *testing.T) {
	f := newFixture(t)
	spanish(f)
	c := f.openClients()
	c.rate.SetText("12.345")
	test.Tap(c.save)
	msg := c.checkOf(c.rate).msg
	if !msg.Visible() {
		t.Fatal("no message beside the rate")
	}
	c.rate.SetText("12.35")
	if msg.Visible() {
		t.Fatalf("the message stays after the fix: %q", msg.Text)
	}
	test.Tap(c.save)
	if c.saveErr.Visible() {
		t.Fatalf("refused: %s", c.saveErr.Text)
	}
	if got := f.clientNamed("Acme SL").Rate; !got.Equal(dec("12.35")) {
		t.Fatalf("rate %s, want 12.35", got)
	}
}

func TestRevertDropsChanges(t *testing.T) {
	f := newFixture(t)
	spanish(f)
	c := f.openClients()
	c.rate.SetText("99")
	test.Tap(c.addTax)
	test.Tap(c.revert)
	if c.rate.Text != "40.00" || len(c.taxes) != 2 || !c.save.Disabled() {
		t.Fatalf("after Revert: rate %q, %d taxes, Save enabled %v", c.rate.Text, len(c.taxes), !c.save.Disabled())
	}
}

// Another client is opened at once, unless the form holds changes: then the
// VA is asked first and, until she answers, nothing moves.
func TestSwitchingClients(t *testing.T) {
	f := newFixture(t)
	spanish(f)
	sunrise(f)
	c := f.openClients()
	c.pick(t, "Acme SL")
	c.pick(t, "Sunrise Realty")
	f.noDialog()
	if c.rate.Text != "32.50" || c.currency.Text != "USD" {
		t.Fatalf("form shows rate %s %s, want Sunrise's 32.50 USD", c.rate.Text, c.currency.Text)
	}

	c.rate.SetText("35")
	c.list.Select(c.indexOf(f.clientNamed("Acme SL").ID))
	if f.w.Canvas().Overlays().Top() == nil {
		t.Fatal("no question before discarding the changes")
	}
	if c.cur.Name != "Sunrise Realty" || c.rate.Text != "35" {
		t.Fatalf("the form moved on to %s, rate %q", c.cur.Name, c.rate.Text)
	}
}

func TestArchivedClientsList(t *testing.T) {
	f := newFixture(t)
	spanish(f)
	us := sunrise(f)
	us.Archived = true
	if err := f.svc.UpdateClient(ctx, us); err != nil {
		t.Fatal(err)
	}
	c := f.openClients()
	if len(c.all) != 1 {
		t.Fatalf("%d clients listed, want Acme SL alone", len(c.all))
	}
	c.showArchived.SetChecked(true)
	if len(c.all) != 2 || c.cur.Name != "Acme SL" {
		t.Fatalf("%d clients listed with archived, form on %s", len(c.all), c.cur.Name)
	}
	item := newClientItem()
	c.updateClientItem(c.indexOf(us.ID), item)
	name := item.(*fyne.Container).Objects[0].(*muted)
	detail := item.(*fyne.Container).Objects[1].(*muted)
	if name.seg.Style.ColorName != theme.ColorNamePlaceHolder || detail.Text() != "USD · $32.50/h · archived" {
		t.Fatalf("archived item: colour %v, detail %q", name.seg.Style.ColorName, detail.Text())
	}
	c.updateClientItem(c.indexOf(us.ID)-1, item) // the same item reused for an active client
	if name.seg.Style.ColorName != theme.ColorNameForeground || name.Text() != "Acme SL" {
		t.Fatalf("reused item: colour %v, name %q", name.seg.Style.ColorName, name.Text())
	}
}

// tapTask opens the editor of a task of the client shown.
func (c *clients) tapTask(t *testing.T, name string) *taskEditor {
	t.Helper()
	for _, task := range c.tasks {
		if task.Name == name {
			test.Tap(c.taskButtons[task.ID])
			if c.taskDlg == nil || c.taskDlg.task.ID != task.ID {
				t.Fatal("the task's editor did not open")
			}
			return c.taskDlg
		}
	}
	t.Fatalf("no task %s listed", name)
	return nil
}

func TestTaskEditorSaves(t *testing.T) {
	tests := []struct {
		name  string
		task  billing.Task
		edit  func(f *fixture, e *taskEditor)
		check func(t *testing.T, f *fixture, got tracking.Task)
		row   string // the Rate / price column afterwards
	}{
		{"FixedPrice", billing.Task{Name: "Web redesign"}, func(f *fixture, e *taskEditor) {
			e.kind.SetSelected("Fixed price")
			e.amount.SetText("600")
		}, func(t *testing.T, f *fixture, got tracking.Task) {
			if got.Kind != billing.Fixed || !got.Price.Equal(dec("600")) || got.Rate.Valid {
				t.Errorf("task %+v, want fixed at 600", got.Task)
			}
		}, "600,00 €"},
		{"OwnRate", billing.Task{Name: "Bookkeeping"}, func(f *fixture, e *taskEditor) {
			e.amount.SetText("45.50")
		}, func(t *testing.T, f *fixture, got tracking.Task) {
			if got.Kind != billing.Hourly || !got.Rate.Valid || !got.Rate.Decimal.Equal(dec("45.5")) {
				t.Errorf("task %+v, want hourly at 45.50", got.Task)
			}
		}, "45,50 €/h"},
		{"ClientRate", billing.Task{Name: "Bookkeeping", Rate: decimal.NullDecimal{Decimal: dec("45"), Valid: true}}, func(f *fixture, e *taskEditor) {
			e.amount.SetText("")
		}, func(t *testing.T, f *fixture, got tracking.Task) {
			if got.Rate.Valid {
				t.Errorf("rate %v, want the client's", got.Rate)
			}
		}, "Client rate"},
		{"NonBillable", billing.Task{Name: "Admin", Kind: billing.Fixed, Price: dec("100")}, func(f *fixture, e *taskEditor) {
			e.kind.SetSelected("Non-billable")
		}, func(t *testing.T, f *fixture, got tracking.Task) {
			if got.Kind != billing.NonBillable || !got.Price.IsZero() {
				t.Errorf("task %+v, want non-billable", got.Task)
			}
		}, "—"},
		{"UrgencyAndDates", billing.Task{Name: "Launch", Urgency: billing.Rush}, func(f *fixture, e *taskEditor) {
			e.urgency.SetSelected(suggestLabel)
			e.requested.SetText("2026-11-03 09:00")
			e.due.SetText("2026-11-05 09:00")
		}, func(t *testing.T, f *fixture, got tracking.Task) {
			if got.Urgency != "" || !got.Requested.Equal(f.at("09:00")) || !got.Due.Equal(f.at("09:00").AddDate(0, 0, 2)) {
				t.Errorf("task %+v, want urgency from notice, requested 3 Nov 09:00, due 5 Nov 09:00", got.Task)
			}
		}, "Client rate"},
		{"SetUrgency", billing.Task{Name: "Launch"}, func(f *fixture, e *taskEditor) {
			e.urgency.SetSelected("Urgent")
		}, func(t *testing.T, f *fixture, got tracking.Task) {
			if got.Urgency != billing.Urgent {
				t.Errorf("urgency %q, want urgent", got.Urgency)
			}
		}, "Client rate"},
		{"MarkDone", billing.Task{Name: "Launch"}, func(f *fixture, e *taskEditor) {
			e.done.SetChecked(true)
			if e.doneAt.Text != "2026-11-03 14:05" {
				f.t.Errorf("done at %q, want now", e.doneAt.Text)
			}
			e.doneAt.SetText("2026-11-03 12:00")
		}, func(t *testing.T, f *fixture, got tracking.Task) {
			if !got.DoneAt.Equal(f.at("12:00")) {
				t.Errorf("done at %s, want 12:00", got.DoneAt)
			}
		}, "Client rate"},
		{"Reopen", billing.Task{Name: "Launch", DoneAt: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)}, func(f *fixture, e *taskEditor) {
			e.done.SetChecked(false)
		}, func(t *testing.T, f *fixture, got tracking.Task) {
			if got.Done() {
				t.Errorf("done at %s, want it open", got.DoneAt)
			}
		}, "Client rate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			spanish(f)
			task := f.addTask("Acme SL", tt.task)
			c := f.openClients()
			c.showDone.SetChecked(true)
			e := c.tapTask(t, task.Name)
			tt.edit(f, e)
			test.Tap(e.submit)
			if e.errLabel.Visible() {
				t.Fatalf("refused: %s", e.errLabel.Text)
			}
			f.noDialog()
			got, err := f.svc.Task(ctx, task.ID)
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, f, got)
			if cell := c.taskCell(t, task.ID, 2); cell != tt.row {
				t.Errorf("the list shows %q, want %q", cell, tt.row)
			}
		})
	}
}

// taskCell is the text of a column of a task's row in the list.
func (c *clients) taskCell(t *testing.T, id int64, col int) string {
	t.Helper()
	for _, o := range c.taskList.Objects {
		stack, ok := o.(*fyne.Container)
		if !ok || len(stack.Objects) != 2 || stack.Objects[0] != c.taskButtons[id] {
			continue
		}
		return stack.Objects[1].(*fyne.Container).Objects[col].(*widget.Label).Text
	}
	t.Fatalf("task %d is not listed", id)
	return ""
}

func TestTaskEditorRefuses(t *testing.T) {
	tests := []struct {
		name string
		edit func(e *taskEditor)
		want string
	}{
		{"PriceDecimals", func(e *taskEditor) {
			e.kind.SetSelected("Fixed price")
			e.amount.SetText("300.505")
		}, "more than 2 decimals"},
		{"NoPrice", func(e *taskEditor) { e.kind.SetSelected("Fixed price") }, "price is empty"},
		{"NegativeRate", func(e *taskEditor) { e.amount.SetText("-5") }, "is negative"},
		{"DateFormat", func(e *taskEditor) { e.due.SetText("5/11/2026") }, "write the date and time as YYYY-MM-DD HH:MM"},
		{"DueBeforeRequested", func(e *taskEditor) {
			e.requested.SetText("2026-11-05 09:00")
			e.due.SetText("2026-11-04 09:00")
		}, "is not after requested"},
		{"NoName", func(e *taskEditor) { e.name.SetText("") }, "task name is empty"},
		{"NameTaken", func(e *taskEditor) { e.name.SetText("Inbox") }, `task "Inbox" of Acme SL already exists`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			spanish(f)
			f.addTask("Acme SL", billing.Task{Name: "Inbox"})
			task := f.addTask("Acme SL", billing.Task{Name: "Launch"})
			c := f.openClients()
			e := c.tapTask(t, "Launch")
			tt.edit(e)
			test.Tap(e.submit)
			if !e.errLabel.Visible() || !strings.Contains(e.errLabel.Text, tt.want) {
				t.Fatalf("dialog says %q (shown %v), want %q", e.errLabel.Text, e.errLabel.Visible(), tt.want)
			}
			if got, err := f.svc.Task(ctx, task.ID); err != nil || !reflect.DeepEqual(got, task) {
				t.Fatalf("task now %+v (%v), want it untouched", got, err)
			}
			if f.w.Canvas().Overlays().Top() == nil {
				t.Fatal("the dialog closed")
			}
		})
	}
}

// The Track screen shows each client's month so far, as the client reads
// amounts, and follows new time on the next poll without a redraw.
func TestTrackShowsUnbilled(t *testing.T) {
	f := newFixture(t) // Tuesday 3 November 2026, 14:05 in Madrid
	es := tracking.NewClient("Acme SL", "EUR", dec("40"))
	es.Lang, es.Country, es.TZ = "es", "ES", "Europe/Madrid"
	es.Taxes = []billing.Tax{{Name: "IVA", Pct: dec("21")}}
	es, err := f.svc.AddClient(ctx, es)
	if err != nil {
		t.Fatal(err)
	}
	us := sunrise(f)
	inbox := f.task("Acme SL", "Inbox")
	f.entry(inbox, f.at("08:00"), f.at("09:30"))                                     // today
	f.entry(inbox, f.at("10:00").AddDate(0, 0, -1), f.at("11:00").AddDate(0, 0, -1)) // 2 Nov
	f.entry(inbox, f.at("10:00").AddDate(0, 0, -3), f.at("12:00").AddDate(0, 0, -3)) // 31 Oct: last month
	tr := f.build()

	format := func(v string) string {
		return money.Format(money.Amount{Value: dec(v), Currency: "EUR"}, money.LocaleFor("es", "ES"))
	}
	// 2.5 h × 40 = 100.00, IVA 21 % = 21.00.
	if got, want := tr.unbilledLabels[es.ID].Text, format("121"); got != want || want != "121,00 €" {
		t.Fatalf("Acme SL shows %q, want %q", got, want)
	}
	if got := tr.unbilledLabels[us.ID].Text; got != "—" {
		t.Fatalf("Sunrise Realty, with nothing this month, shows %q, want —", got)
	}

	gen := tr.gen.Load()
	f.entry(inbox, f.at("10:00").AddDate(0, 0, -2), f.at("10:30").AddDate(0, 0, -2)) // 1 Nov
	tr.poll()
	if got, want := tr.unbilledLabels[es.ID].Text, format("145.20"); got != want {
		t.Fatalf("after another half hour Acme SL shows %q, want %q", got, want)
	}
	if tr.gen.Load() != gen {
		t.Fatal("a new amount redrew the screen")
	}

	// A running timer counts up to now.
	if _, _, err := f.svc.Start(ctx, inbox.ID, f.clock()); err != nil {
		t.Fatal(err)
	}
	f.advance(time.Hour)
	tr.poll()
	if got, want := tr.unbilledLabels[es.ID].Text, format("193.60"); got != want {
		t.Fatalf("an hour into a timer Acme SL shows %q, want %q", got, want)
	}
}

// TestRenderClients draws the Clients screen with a Spanish and a US client
// chosen, and the Track screen with the month's unbilled amounts.
// HORAS_SHOT=/dir/horas.png also writes horas-clients-es.png, … beside it,
// and the further views marked extra, to look at.
func TestRenderClients(t *testing.T) {
	scrollTo := func(c *clients, y float32) {
		c.scroll.Offset.Y = y
		c.scroll.Refresh()
	}
	shots := []struct {
		name  string
		extra bool
		show  func(f *fixture, c *clients, acme, us tracking.Client)
	}{
		{"clients-es", false, func(f *fixture, c *clients, acme, us tracking.Client) { c.list.Select(c.indexOf(acme.ID)) }},
		{"clients-es-billing", true, func(f *fixture, c *clients, acme, us tracking.Client) {
			c.list.Select(c.indexOf(acme.ID))
			scrollTo(c, 330)
		}},
		{"clients-es-taxes", true, func(f *fixture, c *clients, acme, us tracking.Client) {
			c.list.Select(c.indexOf(acme.ID))
			scrollTo(c, 760)
		}},
		{"clients-es-tasks", true, func(f *fixture, c *clients, acme, us tracking.Client) {
			c.list.Select(c.indexOf(acme.ID))
			scrollTo(c, 5000)
		}},
		{"clients-us", false, func(f *fixture, c *clients, acme, us tracking.Client) { c.list.Select(c.indexOf(us.ID)) }},
		{"clients-refused", true, func(f *fixture, c *clients, acme, us tracking.Client) {
			c.list.Select(c.indexOf(acme.ID))
			c.rate.SetText("12.345")
			c.zone.SetText("Mars/Base")
			test.Tap(c.save)
		}},
		{"task-edit", true, func(f *fixture, c *clients, acme, us tracking.Client) {
			c.list.Select(c.indexOf(us.ID))
			for _, t := range c.tasks {
				if t.Name == "Open house flyers" {
					test.Tap(c.taskButtons[t.ID])
				}
			}
		}},
		{"track-unbilled", false, func(f *fixture, c *clients, acme, us tracking.Client) {
			f.w.Content().(*container.AppTabs).SelectIndex(0)
		}},
		{"clients-archived", true, func(f *fixture, c *clients, acme, us tracking.Client) {
			us.Archived = true
			if err := f.svc.UpdateClient(ctx, us); err != nil {
				f.t.Fatal(err)
			}
			c.showArchived.SetChecked(true)
			c.list.Select(c.indexOf(us.ID))
		}},
	}
	for _, tt := range shots {
		if tt.extra && os.Getenv("HORAS_SHOT") == "" {
			continue
		}
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			shot := shotTheme()
			if shot != "" {
				shot = strings.TrimSuffix(shot, ".png") + "-" + tt.name + ".png"
			}
			acme, us := spanish(f), sunrise(f)
			inbox := f.addTask("Acme SL", billing.Task{Name: "Inbox"})
			f.addTask("Acme SL", billing.Task{Name: "Bookkeeping", Rate: decimal.NullDecimal{Decimal: dec("45"), Valid: true}})
			f.addTask("Acme SL", billing.Task{Name: "Web redesign", Kind: billing.Fixed, Price: dec("600")})
			f.addTask("Acme SL", billing.Task{Name: "Launch newsletter", Urgency: billing.Urgent,
				Requested: f.at("09:00"), Due: f.at("09:00").Add(48 * time.Hour)})
			listings := f.addTask("Sunrise Realty", billing.Task{Name: "Listings"})
			f.addTask("Sunrise Realty", billing.Task{Name: "Open house flyers", Requested: f.at("10:00"), Due: f.at("10:00").Add(20 * time.Hour)})
			f.addTask("Sunrise Realty", billing.Task{Name: "Team calendar", Kind: billing.NonBillable})
			f.entry(inbox, f.at("08:30").AddDate(0, 0, -1), f.at("12:10").AddDate(0, 0, -1))
			f.entry(inbox, f.at("08:30"), f.at("10:05"))
			f.entry(listings, f.at("10:15"), f.at("12:45"))
			c := f.openClients()
			tt.show(f, c, acme, us)
			capture(t, f.w, shot)
		})
	}
}
