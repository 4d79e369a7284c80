package tracking_test

import (
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/tracking"
)

func TestImport(t *testing.T) {
	e := newEnv(t, "Europe/Madrid")
	acme := e.client("Acme", "EUR", "40")
	inbox := e.task("Acme", "Inbox")
	z := e.s.Zone
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, z)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	e.entry(inbox.ID, at("2026-11-02 09:00"), at("2026-11-02 10:00"))
	rows := []tracking.ImportRow{
		{Line: 2, Client: "acme", Task: "inbox", Start: at("2026-11-02 10:00"), End: at("2026-11-02 11:00"), Key: "a"},
		{Line: 3, Client: "Acme", Task: "Admin", Start: at("2026-11-02 23:30"), End: at("2026-11-03 00:30"), Key: "b", NonBillable: true},
		{Line: 4, Client: "Koala", Task: "Newsletter", Start: at("2026-11-04 09:00"), End: at("2026-11-04 10:00"), Key: "c",
			Currency: "AUD", Rate: decimal.NullDecimal{Decimal: dec("55.5"), Valid: true}, Urgency: billing.Rush},
		{Line: 5, Task: "Calls", Start: at("2026-11-05 09:00"), End: at("2026-11-05 10:00"), Key: "d"},
	}
	opt := tracking.ImportOptions{DefaultClient: "Walk-in", Currency: "EUR"}

	before := e.dump("entries") + e.dump("clients") + e.dump("tasks")
	dry := opt
	dry.DryRun = true
	res, err := e.s.Import(ctx, rows, dry)
	if err != nil {
		t.Fatal(err)
	}
	if res.Entries != 4 || strings.Join(res.NewClients, ",") != "Koala,Walk-in" || len(res.NewTasks) != 3 {
		t.Fatalf("dry run %+v", res)
	}
	if after := e.dump("entries") + e.dump("clients") + e.dump("tasks"); after != before {
		t.Fatal("a dry run wrote")
	}

	if res, err = e.s.Import(ctx, rows, opt); err != nil || res.Entries != 4 {
		t.Fatalf("import %+v %v", res, err)
	}
	koala, err := e.s.ClientByName(ctx, "Koala")
	if err != nil || koala.Currency != "AUD" || !koala.Rate.Equal(dec("55.5")) {
		t.Fatalf("new client %+v %v", koala, err)
	}
	es, _ := e.s.Entries(ctx, tracking.Filter{ClientID: acme.ID})
	if len(es) != 3 || !es[2].NonBillable || es[1].TaskID != inbox.ID {
		t.Fatalf("entries %+v", es)
	}
	// Importing the same rows again adds nothing.
	if res, err = e.s.Import(ctx, rows, opt); err != nil || res.Entries != 0 || res.Duplicates != 4 {
		t.Fatalf("re-import %+v %v", res, err)
	}
}

func TestImportBadRowWritesNothing(t *testing.T) {
	e := newEnv(t, "Europe/Madrid")
	e.client("Acme", "EUR", "40")
	start := time.Date(2026, 11, 2, 9, 0, 0, 0, e.s.Zone)
	tests := []struct {
		name string
		rows []tracking.ImportRow
		want string
	}{
		{"OverlapWithinFile", []tracking.ImportRow{
			{Line: 2, Client: "Acme", Task: "Inbox", Start: start, End: start.Add(time.Hour)},
			{Line: 3, Client: "Acme", Task: "Inbox", Start: start.Add(30 * time.Minute), End: start.Add(2 * time.Hour)},
		}, "line 3: overlaps entry"},
		{"NoClient", []tracking.ImportRow{{Line: 7, Task: "Inbox", Start: start, End: start.Add(time.Hour)}}, "line 7: the entry has no client"},
		{"EndBeforeStart", []tracking.ImportRow{{Line: 4, Client: "Acme", Task: "Inbox", Start: start, End: start.Add(-time.Hour)}}, "line 4:"},
		{"BadUrgency", []tracking.ImportRow{{Line: 5, Client: "Acme", Task: "Inbox", Start: start, End: start.Add(time.Hour), Urgency: "asap"}}, "line 5: urgency"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := e.dump("entries") + e.dump("clients") + e.dump("tasks")
			_, err := e.s.Import(ctx, tc.rows, tracking.ImportOptions{Currency: "EUR"})
			wantInputErr(t, err)
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err %q, want %q", err, tc.want)
			}
			if after := e.dump("entries") + e.dump("clients") + e.dump("tasks"); after != before {
				t.Fatal("a refused import wrote")
			}
		})
	}
}
