package invoice

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/inputerr"
	"github.com/horasapp/horas/internal/store"
	"github.com/horasapp/horas/internal/tracking"
)

var madrid = mustZone("Europe/Madrid")

func mustZone(name string) *time.Location {
	z, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return z
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

type fixture struct {
	ctx  context.Context
	db   *store.DB
	tr   *tracking.Service
	inv  *Service
	now  time.Time
	acme tracking.Client
	us   tracking.Client
}

// setup gives a profile, a Spanish client (IVA 21, IRPF −15, 15m:up) and a
// US client, with October 2026 work for both.
func setup(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{ctx: context.Background(), now: time.Date(2026, 11, 2, 10, 0, 0, 0, madrid)}
	var err error
	f.db, err = store.Open(f.ctx, filepath.Join(t.TempDir(), "h.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.db.Close() })
	clock := func() time.Time { return f.now }
	f.tr = tracking.New(f.db, clock, madrid)
	f.inv = New(f.tr, clock)
	if err := f.inv.SaveProfile(f.ctx, Profile{Name: "Lucía Gómez", Address: "Calle Mayor 1\n28013 Madrid", TaxID: "12345678Z",
		IBAN: "ES91 2100 0418 4502 0005 1332", HomeCurrency: "EUR"}); err != nil {
		t.Fatal(err)
	}
	acme := tracking.NewClient("Acme SL", "EUR", dec("40"))
	acme.Address, acme.Lang, acme.Country, acme.TZ = "Gran Vía 2, Madrid", "es", "ES", "Europe/Madrid"
	acme.Rounding = billing.Rounding{Minutes: 15, Mode: billing.RoundUp}
	acme.Taxes = []billing.Tax{{Name: "IVA", Pct: dec("21")}, {Name: "IRPF", Pct: dec("-15")}}
	acme.TermsDays = 15
	if f.acme, err = f.tr.AddClient(f.ctx, acme); err != nil {
		t.Fatal(err)
	}
	us := tracking.NewClient("Sunrise Realty", "USD", dec("35"))
	us.Address, us.Country, us.TZ = "1 Main St, Austin TX", "US", "America/Chicago"
	if f.us, err = f.tr.AddClient(f.ctx, us); err != nil {
		t.Fatal(err)
	}
	f.work(t, "Acme SL", "Inbox", "2026-10-05 09:00", "2026-10-05 11:10") // 2:10 -> 2.25 h
	f.work(t, "Sunrise Realty", "Listings", "2026-10-06 15:00", "2026-10-06 17:00")
	return f
}

func (f *fixture) work(t *testing.T, client, task, from, to string) tracking.Entry {
	t.Helper()
	tk, err := f.tr.TaskByName(f.ctx, client, task)
	if err != nil {
		if tk, err = f.tr.AddTask(f.ctx, client, tracking.Task{Task: billing.Task{Name: task}}); err != nil {
			t.Fatal(err)
		}
	}
	start, _ := time.ParseInLocation("2006-01-02 15:04", from, madrid)
	end, _ := time.ParseInLocation("2006-01-02 15:04", to, madrid)
	e, err := f.tr.AddEntry(f.ctx, tracking.Entry{TaskID: tk.ID, Start: start, End: end})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func day(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestIssueSpanishInvoice(t *testing.T) {
	f := setup(t)
	num, err := f.inv.Create(f.ctx, f.acme.ID, 2026, time.October, day("2026-11-01"))
	if err != nil {
		t.Fatal(err)
	}
	if num != "2026-0001" {
		t.Fatalf("number %s", num)
	}
	r, err := f.inv.Get(f.ctx, num)
	if err != nil {
		t.Fatal(err)
	}
	// 2.25 h × 40 = 90.00; IVA 18.90; IRPF −13.50; total 95.40.
	if len(r.Doc.Lines) != 1 || !r.Doc.Lines[0].Quantity.Equal(dec("2.25")) || !r.Doc.Lines[0].Amount.Equal(dec("90")) {
		t.Fatalf("lines %+v", r.Doc.Lines)
	}
	if !r.Doc.Taxes[0].Amount.Equal(dec("18.9")) || !r.Doc.Taxes[1].Amount.Equal(dec("-13.5")) || !r.Total.Equal(dec("95.4")) {
		t.Fatalf("taxes %+v total %s", r.Doc.Taxes, r.Total)
	}
	if r.Doc.DueDate != day("2026-11-16") || r.Status != StatusIssued || r.Doc.Locale != "es-ES" || r.Doc.Paper != "A4" {
		t.Fatalf("doc %+v status %s", r.Doc, r.Status)
	}
	if r.Doc.Supplier.TaxID != "12345678Z" || r.Doc.Customer.Name != "Acme SL" {
		t.Fatalf("parties %+v %+v", r.Doc.Supplier, r.Doc.Customer)
	}
}

func TestNumbersGaplessAcrossYears(t *testing.T) {
	f := setup(t)
	for _, step := range []struct {
		client     int64
		year       int
		month      time.Month
		issue      string
		want       string
		from, to   string
		clientName string
	}{
		{f.acme.ID, 2026, time.October, "2026-11-01", "2026-0001", "", "", ""},
		{f.us.ID, 2026, time.October, "2026-11-01", "2026-0002", "", "", ""},
		{f.acme.ID, 2026, time.December, "2027-01-02", "2027-0001", "2026-12-10 09:00", "2026-12-10 10:00", "Acme SL"},
		{f.us.ID, 2026, time.December, "2027-01-03", "2027-0002", "2026-12-11 09:00", "2026-12-11 10:00", "Sunrise Realty"},
	} {
		if step.from != "" {
			f.work(t, step.clientName, "Inbox", step.from, step.to)
		}
		got, err := f.inv.Create(f.ctx, step.client, step.year, step.month, day(step.issue))
		if err != nil {
			t.Fatal(err)
		}
		if got != step.want {
			t.Fatalf("got %s, want %s", got, step.want)
		}
	}
}

func TestIssueDateMustNotGoBack(t *testing.T) {
	f := setup(t)
	if _, err := f.inv.Create(f.ctx, f.acme.ID, 2026, time.October, day("2026-11-05")); err != nil {
		t.Fatal(err)
	}
	_, err := f.inv.Create(f.ctx, f.us.ID, 2026, time.October, day("2026-11-01"))
	if !inputerr.Is(err) {
		t.Fatalf("err %v", err)
	}
}

func TestConcurrentIssuesGetDistinctGaplessNumbers(t *testing.T) {
	f := setup(t)
	var clients []int64
	for i := range 8 {
		c := tracking.NewClient("Client "+string(rune('A'+i)), "EUR", dec("30"))
		c.Address = "Somewhere"
		c, err := f.tr.AddClient(f.ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		f.work(t, c.Name, "Work", "2026-10-1"+string(rune('0'+i))+" 09:00", "2026-10-1"+string(rune('0'+i))+" 10:00")
		clients = append(clients, c.ID)
	}
	var wg sync.WaitGroup
	numbers := make([]string, len(clients))
	errs := make([]error, len(clients))
	for i, id := range clients {
		wg.Go(func() { numbers[i], errs[i] = f.inv.Create(f.ctx, id, 2026, time.October, day("2026-11-01")) })
	}
	wg.Wait()
	seen := map[string]bool{}
	for i, n := range numbers {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		seen[n] = true
	}
	for i := 1; i <= len(clients); i++ {
		if n := FormatNumber(DefaultInvoiceSeries, 2026, i); !seen[n] {
			t.Fatalf("missing %s in %v", n, numbers)
		}
	}
}

func TestIssuedDocumentsAreFrozen(t *testing.T) {
	f := setup(t)
	num, err := f.inv.Create(f.ctx, f.acme.ID, 2026, time.October, day("2026-11-01"))
	if err != nil {
		t.Fatal(err)
	}
	w := f.db.Writer()
	for _, q := range []string{
		`UPDATE invoices SET total = '1.00' WHERE number = '` + num + `'`,
		`UPDATE invoices SET doc = '{}' WHERE number = '` + num + `'`,
		`UPDATE invoices SET status = 'draft', number = NULL, seq = NULL, year = NULL WHERE number = '` + num + `'`,
		`DELETE FROM invoices WHERE number = '` + num + `'`,
		`INSERT INTO invoices (kind, client_id, status, year, seq, number, period_year, period_month, currency, subtotal, total, doc, created_at)
		 VALUES ('invoice', 1, 'issued', 2026, 5, '2026-0005', 2026, 9, 'EUR', '1', '1', '{}', 0)`,
	} {
		if _, err := w.Exec(q); err == nil {
			t.Errorf("the schema accepted: %s", q)
		}
	}
	// The entries it billed are locked.
	es, _ := f.tr.Entries(f.ctx, tracking.Filter{ClientID: f.acme.ID})
	e := es[0]
	e.Note = "changed"
	if err := f.tr.EditEntry(f.ctx, e); !errors.Is(err, tracking.ErrLocked) {
		t.Fatalf("edit of a billed entry: %v", err)
	}
	if err := f.tr.DeleteEntry(f.ctx, e.ID); !errors.Is(err, tracking.ErrLocked) {
		t.Fatalf("delete of a billed entry: %v", err)
	}
	// A second invoice for the month is refused.
	if _, err := f.inv.Create(f.ctx, f.acme.ID, 2026, time.October, day("2026-11-02")); !inputerr.Is(err) {
		t.Fatalf("second invoice for the month: %v", err)
	}
}

func TestFullCreditCancelsAndUnlocks(t *testing.T) {
	f := setup(t)
	num, _ := f.inv.Create(f.ctx, f.acme.ID, 2026, time.October, day("2026-11-01"))
	cn, err := f.inv.Credit(f.ctx, num, nil, "wrong rate", day("2026-11-03"))
	if err != nil {
		t.Fatal(err)
	}
	if cn != "R-2026-0001" {
		t.Fatalf("credit number %s", cn)
	}
	r, _ := f.inv.Get(f.ctx, num)
	if r.Status != StatusCancelled || len(r.Credits) != 1 {
		t.Fatalf("invoice after credit: %s %v", r.Status, r.Credits)
	}
	c, _ := f.inv.Get(f.ctx, cn)
	if !c.Total.Equal(dec("-95.4")) || c.Doc.Corrects != num || c.Doc.Reason != "wrong rate" {
		t.Fatalf("credit note %+v", c.Doc)
	}
	es, _ := f.tr.Entries(f.ctx, tracking.Filter{ClientID: f.acme.ID})
	es[0].Note = "fixed"
	if err := f.tr.EditEntry(f.ctx, es[0]); err != nil {
		t.Fatalf("entry still locked after full credit: %v", err)
	}
	// The month can be invoiced again, with the next number.
	again, err := f.inv.Create(f.ctx, f.acme.ID, 2026, time.October, day("2026-11-03"))
	if err != nil || again != "2026-0002" {
		t.Fatalf("re-invoice: %s %v", again, err)
	}
}

func TestPaymentsAndStatus(t *testing.T) {
	f := setup(t)
	num, _ := f.inv.Create(f.ctx, f.acme.ID, 2026, time.October, day("2026-11-01")) // total 95.40, due 2026-11-16
	status := func() Status {
		r, err := f.inv.Get(f.ctx, num)
		if err != nil {
			t.Fatal(err)
		}
		return r.Status
	}
	steps := []struct {
		name   string
		now    time.Time
		pay    string
		err    bool
		status Status
	}{
		{"Issued", time.Date(2026, 11, 2, 9, 0, 0, 0, madrid), "", false, StatusIssued},
		{"Partial", time.Date(2026, 11, 5, 9, 0, 0, 0, madrid), "40.00", false, StatusPartiallyPaid},
		{"Overdue", time.Date(2026, 11, 17, 9, 0, 0, 0, madrid), "", false, StatusOverdue},
		{"AboveBalance", time.Date(2026, 11, 17, 9, 0, 0, 0, madrid), "55.41", true, StatusOverdue},
		{"TooPrecise", time.Date(2026, 11, 17, 9, 0, 0, 0, madrid), "1.001", true, StatusOverdue},
		{"Rest", time.Date(2026, 11, 18, 9, 0, 0, 0, madrid), "55.40", false, StatusPaid},
		{"NothingLeft", time.Date(2026, 11, 18, 9, 0, 0, 0, madrid), "0.01", true, StatusPaid},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			f.now = s.now
			if s.pay != "" {
				err := f.inv.Pay(f.ctx, num, dec(s.pay), DateOf(s.now), "transfer", "")
				if (err != nil) != s.err || (err != nil && !inputerr.Is(err)) {
					t.Fatalf("pay %s: %v", s.pay, err)
				}
			}
			if got := status(); got != s.status {
				t.Fatalf("status %s, want %s", got, s.status)
			}
		})
	}
}

func TestPartialCredit(t *testing.T) {
	f := setup(t)
	num, _ := f.inv.Create(f.ctx, f.acme.ID, 2026, time.October, day("2026-11-01")) // 90 + 21 % − 15 % = 95.40
	a := dec("10")
	cn, err := f.inv.Credit(f.ctx, num, &a, "discount", day("2026-11-02"))
	if err != nil {
		t.Fatal(err)
	}
	c, _ := f.inv.Get(f.ctx, cn)
	// −10.00, IVA −2.10, IRPF +1.50: −10.60.
	if !c.Total.Equal(dec("-10.6")) || !c.Doc.Taxes[1].Amount.Equal(dec("1.5")) {
		t.Fatalf("credit %s taxes %+v", c.Total, c.Doc.Taxes)
	}
	r, _ := f.inv.Get(f.ctx, num)
	if !r.Summary.Balance.Equal(dec("84.8")) || r.Status != StatusIssued {
		t.Fatalf("balance %s status %s", r.Summary.Balance, r.Status)
	}
	big := dec("80.01") // 84.81 with taxes, one cent above the balance
	if _, err := f.inv.Credit(f.ctx, num, &big, "", day("2026-11-02")); !inputerr.Is(err) {
		t.Fatalf("credit above balance: %v", err)
	}
	if _, err := f.inv.Credit(f.ctx, num, nil, "", day("2026-11-02")); !inputerr.Is(err) {
		t.Fatalf("full credit after a partial one: %v", err)
	}
}

func TestIssueRefusedWithoutRequiredFields(t *testing.T) {
	f := setup(t)
	if err := f.inv.SaveProfile(f.ctx, Profile{Name: "Lucía Gómez", Address: "Calle Mayor 1"}); err != nil {
		t.Fatal(err)
	}
	_, err := f.inv.Create(f.ctx, f.acme.ID, 2026, time.October, day("2026-11-01"))
	if !inputerr.Is(err) || !contains(err.Error(), "tax id") {
		t.Fatalf("err %v", err)
	}
	// Nothing was numbered: the draft stays a draft.
	list, _ := f.inv.List(f.ctx, Filter{})
	for _, s := range list {
		if s.Number != "" {
			t.Fatalf("numbered %s despite the refusal", s.Number)
		}
	}
}

func TestDraftsAndPrepareMonth(t *testing.T) {
	f := setup(t)
	ids, err := f.inv.PrepareMonth(f.ctx, 2026, time.October)
	if err != nil || len(ids) != 2 {
		t.Fatalf("drafts %v %v", ids, err)
	}
	// A draft follows the entries until it is issued.
	f.work(t, "Acme SL", "Inbox", "2026-10-20 09:00", "2026-10-20 10:00")
	r, err := f.inv.Get(f.ctx, "#1")
	if err != nil {
		t.Fatal(err)
	}
	if !r.Doc.Lines[0].Quantity.Equal(dec("3.25")) || r.Status != StatusDraft {
		t.Fatalf("draft not recomputed: %+v", r.Doc.Lines)
	}
	if err := f.inv.DeleteDraft(f.ctx, ids[1]); err != nil {
		t.Fatal(err)
	}
	num, err := f.inv.Issue(f.ctx, ids[0], day("2026-11-01"))
	if err != nil || num != "2026-0001" {
		t.Fatalf("issue %s %v", num, err)
	}
	if err := f.inv.DeleteDraft(f.ctx, ids[0]); !inputerr.Is(err) {
		t.Fatalf("deleted an issued invoice: %v", err)
	}
	// Nothing to invoice: no draft.
	if ids, _ := f.inv.PrepareMonth(f.ctx, 2026, time.March); len(ids) != 0 {
		t.Fatalf("drafts for an empty month: %v", ids)
	}
}

func TestSeries(t *testing.T) {
	tests := []struct {
		pattern string
		year    int
		seq     int
		want    string
		bad     bool
	}{
		{"{YYYY}-{SEQ:4}", 2026, 7, "2026-0007", false},
		{"R-{YYYY}-{SEQ:4}", 2027, 12, "R-2027-0012", false},
		{"F{YY}/{SEQ}", 2026, 123, "F26/123", false},
		{"{SEQ:4}", 2026, 1, "", true},
		{"{YYYY}", 2026, 1, "", true},
		{"{YYYY}-{SEQ}-{SEQ}", 2026, 1, "", true},
		{"{YYYY}-{N}-{SEQ}", 2026, 1, "", true},
	}
	for _, tc := range tests {
		t.Run(tc.pattern, func(t *testing.T) {
			err := CheckSeries(tc.pattern)
			if (err != nil) != tc.bad {
				t.Fatalf("CheckSeries: %v", err)
			}
			if !tc.bad {
				if got := FormatNumber(tc.pattern, tc.year, tc.seq); got != tc.want {
					t.Fatalf("got %s, want %s", got, tc.want)
				}
			}
		})
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
