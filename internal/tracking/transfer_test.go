package tracking_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/importer"
	"github.com/horasapp/horas/internal/tracking"
)

func TestImportRowsDefaultClient(t *testing.T) {
	start := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name, client, def, want string
	}{
		{"OwnClientKept", "Acme", "Walk-in", "Acme"},
		{"EmptyTakesDefault", "", "Walk-in", "Walk-in"},
		{"EmptyWithoutDefault", "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := importer.Record{Line: 4, Client: tc.client, Task: "Inbox", Description: "triage",
				Start: start, End: start.Add(time.Hour), Billable: true, Urgency: "rush"}
			rows := tracking.ImportRows([]importer.Record{rec}, tc.def)
			r := rows[0]
			if r.Client != tc.want || r.Line != 4 || r.Note != "triage" || r.NonBillable || r.Urgency != billing.Rush {
				t.Fatalf("row %+v", r)
			}
			// The key carries the client filled in, so a re-import with the same default matches.
			rec.Client = tc.want
			if r.Key != rec.Key() {
				t.Fatalf("key %q, want %q", r.Key, rec.Key())
			}
		})
	}
}

// TestWriteExportReadsBack writes entries as the Horas CSV and reads them
// back with the importer: same instants, flags and notes; the running
// timer is left out.
func TestWriteExportReadsBack(t *testing.T) {
	madrid := zone(t, "Europe/Madrid")
	start := time.Date(2026, 10, 25, 1, 30, 0, 0, madrid) // the night the clocks go back
	es := []tracking.Entry{
		{Client: "Acme", Task: "Inbox", Start: start, End: start.Add(2 * time.Hour), NonBillable: true, Urgency: billing.Rush,
			Note: "night shift, \"quoted\"\nsecond line"},
		{Client: "Koala", Task: "Newsletter", Start: start.Add(3 * time.Hour), End: start.Add(4 * time.Hour)},
		{Client: "Koala", Task: "Newsletter", Start: start.Add(5 * time.Hour)},
	}
	var buf bytes.Buffer
	if err := tracking.WriteExport(&buf, es, madrid); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), strings.Join(importer.ExportHeader, ",")+"\n") {
		t.Fatalf("header: %q", buf.String())
	}
	if !strings.Contains(buf.String(), "2026-10-25T01:30:00+02:00,2026-10-25T02:30:00+01:00,7200,No,rush") {
		t.Fatalf("instants not in the zone's offsets: %q", buf.String())
	}
	recs, err := importer.Parse(importer.Horas, &buf, importer.Options{Zone: madrid})
	if err != nil {
		t.Fatal(err)
	}
	rows := tracking.ImportRows(recs, "")
	if len(rows) != 2 {
		t.Fatalf("%d rows read back, want 2 (the running timer left out)", len(rows))
	}
	for i, r := range rows {
		e := es[i]
		if r.Client != e.Client || r.Task != e.Task || !r.Start.Equal(e.Start) || !r.End.Equal(e.End) ||
			r.NonBillable != e.NonBillable || r.Urgency != e.Urgency || r.Note != e.Note {
			t.Fatalf("row %d: %+v, want %+v", i, r, e)
		}
	}
}
