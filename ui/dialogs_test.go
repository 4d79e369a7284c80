package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/billing"
)

func TestAddClientDialog(t *testing.T) {
	refused := []struct {
		name, client, currency, rate, zone, terms string
		want                                      string
	}{
		{"BadCurrency", "Acme Ltd", "EUX", "45.50", "Europe/Madrid", "15", `unknown currency "EUX"`},
		{"TooManyDecimals", "Acme Ltd", "EUR", "45,505", "Europe/Madrid", "15", "hourly rate"},
		{"NoRate", "Acme Ltd", "EUR", "", "Europe/Madrid", "15", "hourly rate is empty"},
		{"NoName", " ", "EUR", "45.50", "Europe/Madrid", "15", "client name is empty"},
		{"UnknownZone", "Acme Ltd", "EUR", "45.50", "Europe/Atlantis", "15", `time zone "Europe/Atlantis" is unknown`},
		{"TermsInWords", "Acme Ltd", "EUR", "45.50", "Europe/Madrid", "a fortnight", "payment terms"},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			tr := f.build()
			test.Tap(tr.addClient)
			d := tr.clientDlg
			test.Type(d.name, tt.client)
			d.currency.SetText(tt.currency)
			d.rate.SetText(tt.rate)
			d.lang.SetText("es")
			d.country.SetText("es")
			d.zone.SetText(tt.zone)
			d.terms.SetText(tt.terms)
			test.Tap(d.submit)

			if !d.errLabel.Visible() || !strings.Contains(d.errLabel.Text, tt.want) {
				t.Fatalf("error shown %q (visible %v), want it to say %q", d.errLabel.Text, d.errLabel.Visible(), tt.want)
			}
			if strings.Contains(d.errLabel.Text, "\n") {
				t.Fatalf("error %q is not one line", d.errLabel.Text)
			}
			if cs, err := f.svc.Clients(ctx, true); err != nil || len(cs) != 0 {
				t.Fatalf("clients %v (%v), want none written", cs, err)
			}
			if f.w.Canvas().Overlays().Top() == nil {
				t.Fatal("the dialog closed; it should stay open")
			}
			if d.name.Text != tt.client || d.rate.Text != tt.rate || d.terms.Text != tt.terms {
				t.Fatal("the values typed were lost")
			}

			// Fixing the value and submitting again adds the client.
			d.name.SetText("Acme Ltd")
			d.currency.SetText("eur")
			d.rate.SetText("45,50")
			d.zone.SetText("Europe/Madrid")
			d.terms.SetText("15")
			test.Tap(d.submit)
			f.noDialog()
			cs, err := f.svc.Clients(ctx, true)
			if err != nil || len(cs) != 1 {
				t.Fatalf("clients %v (%v), want Acme Ltd", cs, err)
			}
			c := cs[0]
			if c.Name != "Acme Ltd" || c.Currency != "EUR" || !c.Rate.Equal(decimal.RequireFromString("45.50")) ||
				c.Lang != "es" || c.Country != "ES" || c.TZ != "Europe/Madrid" || c.TermsDays != 15 {
				t.Fatalf("client stored as %+v", c)
			}
			if len(tr.snap.clients) != 1 || len(tr.clocks) != 1 {
				t.Fatal("the new client is not on the screen")
			}
			if got := tr.clocks[0].label.Text(); got != "14:05 Madrid" {
				t.Fatalf("new client's local time %q", got)
			}
		})
	}
}

func TestAddClientDialogCancel(t *testing.T) {
	f := newFixture(t)
	tr := f.build()
	test.Tap(tr.addClient)
	tr.clientDlg.name.SetText("Acme Ltd")
	tr.clientDlg.rate.SetText("45")
	test.Tap(tr.clientDlg.cancel)
	f.noDialog()
	if cs, _ := f.svc.Clients(ctx, true); len(cs) != 0 {
		t.Fatalf("cancel wrote %v", cs)
	}
}

func TestAddTaskDialog(t *testing.T) {
	tests := []struct {
		name, task, kind, amount, urgency string
		wantErr                           string
		check                             func(t *testing.T, got billing.Task)
	}{
		{name: "HourlyWithItsOwnRate", task: "Inbox", kind: "Hourly", amount: "30.50", urgency: "Rush",
			check: func(t *testing.T, got billing.Task) {
				if got.Kind != billing.Hourly || !got.Rate.Valid || !got.Rate.Decimal.Equal(decimal.RequireFromString("30.5")) || got.Urgency != billing.Rush {
					t.Fatalf("task stored as %+v", got)
				}
			}},
		{name: "HourlyAtTheClientRate", task: "Inbox", kind: "Hourly", urgency: "Normal",
			check: func(t *testing.T, got billing.Task) {
				if got.Rate.Valid || got.Urgency != billing.Normal {
					t.Fatalf("task stored as %+v, want no rate of its own", got)
				}
			}},
		{name: "FixedPrice", task: "Website", kind: "Fixed price", amount: "300", urgency: "Normal",
			check: func(t *testing.T, got billing.Task) {
				if got.Kind != billing.Fixed || !got.Price.Equal(decimal.NewFromInt(300)) {
					t.Fatalf("task stored as %+v", got)
				}
			}},
		{name: "NonBillable", task: "Admin", kind: "Non-billable", urgency: "Normal",
			check: func(t *testing.T, got billing.Task) {
				if got.Kind != billing.NonBillable {
					t.Fatalf("task stored as %+v", got)
				}
			}},
		{name: "FixedWithoutPrice", task: "Website", kind: "Fixed price", urgency: "Normal", wantErr: "price is empty"},
		{name: "RateWithTooManyDecimals", task: "Inbox", kind: "Hourly", amount: "30.505", urgency: "Normal", wantErr: "rate per hour"},
		{name: "NoName", task: "  ", kind: "Hourly", urgency: "Normal", wantErr: "task name is empty"},
		{name: "SameNameTwice", task: "Existing", kind: "Hourly", urgency: "Normal", wantErr: "already exists"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.client("Acme", "EUR", "40", "Europe/Madrid")
			koala := f.client("Koala Studio", "AUD", "60", "Australia/Sydney")
			f.task("Koala Studio", "Existing")
			tr := f.build()
			tr.showTaskDialog(koala.ID) // the + beside the client's name
			d := tr.taskDlg
			if got := d.client.Selected; got != "Koala Studio" {
				t.Fatalf("dialog opened on %q, want Koala Studio", got)
			}
			test.Type(d.name, tt.task)
			d.kind.SetSelected(tt.kind)
			if tt.kind == "Non-billable" && !d.amount.Disabled() {
				t.Fatal("a non-billable task has no amount to type")
			}
			d.amount.SetText(tt.amount)
			d.urgency.SetSelected(tt.urgency)
			before := f.taskCount()
			test.Tap(d.submit)

			if tt.wantErr != "" {
				if !d.errLabel.Visible() || !strings.Contains(d.errLabel.Text, tt.wantErr) {
					t.Fatalf("error shown %q, want it to say %q", d.errLabel.Text, tt.wantErr)
				}
				if after := f.taskCount(); after != before {
					t.Fatalf("tasks %d, want %d: nothing written", after, before)
				}
				if f.w.Canvas().Overlays().Top() == nil || d.name.Text != tt.task {
					t.Fatal("the dialog should stay open with the values typed")
				}
				return
			}
			f.noDialog()
			got, err := f.svc.TaskByName(ctx, "Koala Studio", tt.task)
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, got.Task)
			if _, ok := tr.taskButtons[got.ID]; !ok {
				t.Fatal("the new task has no button")
			}
		})
	}
}

// taskCount counts the tasks stored.
func (f *fixture) taskCount() int {
	f.t.Helper()
	ts, err := f.svc.Tasks(ctx, 0, true)
	if err != nil {
		f.t.Fatal(err)
	}
	return len(ts)
}
