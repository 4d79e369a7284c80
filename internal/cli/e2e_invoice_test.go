package cli_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// billed gives a database with a profile, a Spanish client and a US client
// and their October 2026 work.
func billed(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "horas.db")
	mustRun(t, db, "profile", "set", "--name", "Lucía Gómez", "--address", "Calle Mayor 1, 28013 Madrid",
		"--tax-id", "12345678Z", "--iban", "ES91 2100 0418 4502 0005 1332", "--home-currency", "EUR")
	mustRun(t, db, "client", "add", "Acme SL", "--currency", "EUR", "--rate", "40", "--lang", "es", "--country", "ES",
		"--address", "Gran Vía 2, Madrid", "--tax", "IVA:21", "--tax", "IRPF:-15", "--rounding", "15m:up", "--terms-days", "15")
	mustRun(t, db, "client", "add", "Sunrise Realty", "--currency", "USD", "--rate", "35", "--country", "US",
		"--address", "1 Main St, Austin TX", "--urgent", "1.5")
	mustRun(t, db, "task", "add", "Acme SL", "Inbox")
	mustRun(t, db, "task", "add", "Sunrise Realty", "Listings", "--urgency", "urgent")
	mustRun(t, db, "entry", "add", "Acme SL", "Inbox", "--from", "2026-10-05 09:00", "--to", "2026-10-05 11:10")
	mustRun(t, db, "entry", "add", "Sunrise Realty", "Listings", "--from", "2026-10-06 15:00", "--to", "2026-10-06 17:00")
	return db
}

func TestInvoiceFlow(t *testing.T) {
	db := billed(t)
	num := strings.TrimSpace(mustRun(t, db, "invoice", "create", "Acme SL", "--month", "2026-10", "--issue-date", "2026-11-01"))
	if num != "2026-0001" {
		t.Fatalf("number %q", num)
	}
	var inv map[string]any
	json.Unmarshal([]byte(mustRun(t, db, "invoice", "show", num, "--json")), &inv)
	for k, want := range map[string]any{"number": "2026-0001", "client": "Acme SL", "currency": "EUR", "issue_date": "2026-11-01",
		"due_date": "2026-11-16", "status": "issued", "subtotal": "90.00", "total": "95.40", "paid": "0.00", "balance": "95.40"} {
		if inv[k] != want {
			t.Errorf("%s = %v, want %v", k, inv[k], want)
		}
	}
	lines := inv["lines"].([]any)
	if l := lines[0].(map[string]any); len(lines) != 1 || l["quantity"] != "2.25" || l["unit_price"] != "40.00" || l["amount"] != "90.00" {
		t.Fatalf("lines %v", lines)
	}
	taxes := inv["taxes"].([]any)
	if tx := taxes[1].(map[string]any); tx["name"] != "IRPF" || tx["rate"] != "-15" || tx["amount"] != "-13.50" {
		t.Fatalf("taxes %v", taxes)
	}
	// The billed entry is locked.
	if r := run(t, db, "entry", "delete", "1"); r.code != 2 || !strings.Contains(r.stderr, "2026-0001") {
		t.Fatalf("delete of a billed entry: %+v", r)
	}
	// Payments.
	mustRun(t, db, "pay", num, "40", "--date", "2026-11-05", "--method", "transfer")
	if r := run(t, db, "pay", num, "60", "--date", "2026-11-06"); r.code != 2 || !strings.Contains(r.stderr, "more than the balance") {
		t.Fatalf("overpayment: %+v", r)
	}
	var list []map[string]any
	json.Unmarshal([]byte(mustRun(t, db, "invoice", "list", "--status", "partially-paid", "--json")), &list)
	if len(list) != 1 || list[0]["balance"] != "55.40" {
		t.Fatalf("list %v", list)
	}
	// A US invoice in dollars, then the aging report with and without a rate.
	us := strings.TrimSpace(mustRun(t, db, "invoice", "create", "Sunrise Realty", "--month", "2026-10", "--issue-date", "2026-11-02"))
	var aging map[string]any
	json.Unmarshal([]byte(mustRun(t, db, "report", "aging", "--as-of", "2026-12-20", "--json")), &aging)
	home := aging["home"].(map[string]any)
	if home["total"] != nil || home["note"] != "no rate" {
		t.Fatalf("home total without a USD rate: %v", home)
	}
	mustRun(t, db, "rates", "set", "USD", "0.9", "--date", "2026-11-01")
	json.Unmarshal([]byte(mustRun(t, db, "report", "aging", "--as-of", "2026-12-20", "--json")), &aging)
	home = aging["home"].(map[string]any)
	// EUR 55.40 is 34 days past due (31-60); USD 2 h × 35 + 2 h × 17.50 = 105.00, due 2026-12-02: 18 days (1-30) = 94.50 EUR.
	if home["total"] != "149.90" {
		t.Fatalf("home %v", home)
	}
	b := home["buckets"].(map[string]any)
	if b["31-60"] != "55.40" || b["1-30"] != "94.50" {
		t.Fatalf("buckets %v", b)
	}
	// A full credit note cancels the invoice and frees the month.
	cn := strings.TrimSpace(mustRun(t, db, "invoice", "credit", us, "--reason", "wrong rate"))
	if cn != "R-2026-0001" {
		t.Fatalf("credit note %q", cn)
	}
	json.Unmarshal([]byte(mustRun(t, db, "invoice", "show", us, "--json")), &inv)
	if inv["status"] != "cancelled" {
		t.Fatalf("after credit %v", inv["status"])
	}
	// The PDF, read back through pdftotext.
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	pdf := filepath.Join(t.TempDir(), "f.pdf")
	mustRun(t, db, "invoice", "pdf", num, "--out", pdf)
	out, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"FACTURA", "2026-0001", "Acme SL", "Lucía Gómez", "95,40 €", "IRPF"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
}

func TestInvoiceBadInput(t *testing.T) {
	db := billed(t)
	tests := []struct {
		name string
		args []string
		msg  string
	}{
		{"NoMonth", []string{"invoice", "create", "Acme SL"}, "--month"},
		{"BadMonth", []string{"invoice", "create", "Acme SL", "--month", "October"}, "YYYY-MM"},
		{"NothingToInvoice", []string{"invoice", "create", "Acme SL", "--month", "2026-03"}, "nothing to invoice"},
		{"UnknownInvoice", []string{"invoice", "show", "2026-0099"}, "not found"},
		{"PayUnknown", []string{"pay", "2026-0099", "10", "--date", "2026-11-01"}, "not found"},
		{"PayNoDate", []string{"pay", "2026-0099", "10"}, "--date"},
		{"BadSeries", []string{"profile", "set", "--invoice-series", "F-{SEQ}"}, "{YYYY}"},
		{"BadHomeCurrency", []string{"profile", "set", "--home-currency", "EURO"}, "unknown currency"},
		{"BadStatus", []string{"invoice", "list", "--status", "late"}, "overdue"},
		{"RatesBadSource", []string{"rates", "import", "fed", "x.csv"}, "ecb"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := dump(t, db)
			r := run(t, db, tc.args...)
			if r.code != 2 || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, tc.msg) {
				t.Fatalf("exit %d stderr %q, want 2 and one line with %q", r.code, r.stderr, tc.msg)
			}
			if dump(t, db) != before {
				t.Fatal("a refused command wrote")
			}
		})
	}
}

func TestTwoProcessesIssueAtOnce(t *testing.T) {
	db := billed(t)
	var wg sync.WaitGroup
	out := make([]result, 2)
	for i, client := range []string{"Acme SL", "Sunrise Realty"} {
		wg.Go(func() {
			out[i] = run(t, db, "invoice", "create", client, "--month", "2026-10", "--issue-date", "2026-11-01")
		})
	}
	wg.Wait()
	got := map[string]bool{}
	for _, r := range out {
		if r.code != 0 {
			t.Fatalf("%+v", r)
		}
		got[strings.TrimSpace(r.stdout)] = true
	}
	if !got["2026-0001"] || !got["2026-0002"] {
		t.Fatalf("numbers %v", got)
	}
}

func TestRatesImportECB(t *testing.T) {
	db := billed(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "eurofxref-hist.csv")
	os.WriteFile(good, []byte("Date,USD,JPY,\n2026-11-20,1.0523,162.15,\n2026-11-19,1.0490,161.80,\n"), 0o644)
	if out := mustRun(t, db, "rates", "import", "ecb", good); !strings.Contains(out, "imported 4 rates") {
		t.Fatalf("%q", out)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("Date,USD,JPY,\n2026-11-21,1.05,162,\n2026-11-18,x,161.80,\n"), 0o644)
	before := dump(t, db)
	if r := run(t, db, "rates", "import", "ecb", bad); r.code != 2 || !strings.Contains(r.stderr, "line 3") {
		t.Fatalf("%+v", r)
	}
	if dump(t, db) != before {
		t.Fatal("a bad file imported rows")
	}
}
