package cli_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestReportTasks(t *testing.T) {
	db := filepath.Join(t.TempDir(), "h.db")
	mustRun(t, db, "client", "add", "Acme", "--currency", "EUR", "--rate", "40")
	mustRun(t, db, "client", "add", "Koala", "--currency", "AUD", "--rate", "60")
	mustRun(t, db, "task", "add", "Acme", "Inbox")
	mustRun(t, db, "task", "add", "Acme", "Calls", "--non-billable")
	mustRun(t, db, "task", "add", "Koala", "Newsletter")
	mustRun(t, db, "entry", "add", "Acme", "Inbox", "--from", "2026-10-31 23:00", "--to", "2026-11-01 01:00") // October: starts there
	mustRun(t, db, "entry", "add", "Acme", "Inbox", "--from", "2026-11-02 09:00", "--to", "2026-11-02 10:30")
	mustRun(t, db, "entry", "add", "Acme", "Calls", "--from", "2026-11-02 11:00", "--to", "2026-11-02 11:20")
	mustRun(t, db, "entry", "add", "Koala", "Newsletter", "--from", "2026-11-03 08:00", "--to", "2026-11-03 11:10")
	var rep struct {
		Rows []struct {
			Client, Task string
			Hours, Share float64
			Billed       string
		}
	}
	if err := json.Unmarshal([]byte(mustRun(t, db, "report", "tasks", "--from", "2026-11-01", "--to", "2026-11-30", "--json")), &rep); err != nil {
		t.Fatal(err)
	}
	// 3:10 + 1:30 + 0:20 = 5:00 in November; the entry that starts on 31 October is October's.
	want := []struct {
		client, task string
		hours, share float64
		billed       string
	}{
		{"Koala", "Newsletter", 3.17, 63.3, "190.20"}, // 3.17 h (rule 4) × 60
		{"Acme", "Inbox", 1.5, 30, "60.00"},
		{"Acme", "Calls", 0.33, 6.7, "0.00"},
	}
	if len(rep.Rows) != len(want) {
		t.Fatalf("rows %+v", rep.Rows)
	}
	for i, w := range want {
		r := rep.Rows[i]
		if r.Client != w.client || r.Task != w.task || r.Hours != w.hours || r.Share != w.share || r.Billed != w.billed {
			t.Errorf("row %d = %+v, want %+v", i, r, w)
		}
	}
	csv := mustRun(t, db, "report", "tasks", "--from", "2026-11-01", "--to", "2026-11-30", "--csv", "--top", "1")
	if lines := strings.Split(strings.TrimSpace(csv), "\n"); len(lines) != 2 || !strings.Contains(lines[1], "Newsletter") {
		t.Fatalf("csv %q", csv)
	}
	if r := run(t, db, "report", "tasks", "--from", "2026-11-30", "--to", "2026-11-01"); r.code != 2 {
		t.Fatalf("reversed period: %+v", r)
	}
}

func TestDemoFillsAnEmptyDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "h.db")
	out := mustRun(t, db, "demo", "--entries", "2000", "--clients", "4")
	if !strings.Contains(out, "4 clients") || !strings.Contains(out, "2000 entries") {
		t.Fatalf("%q", out)
	}
	var es []map[string]any
	json.Unmarshal([]byte(mustRun(t, db, "entry", "list", "--json")), &es)
	if len(es) != 2000 {
		t.Fatalf("%d entries", len(es))
	}
	if r := run(t, db, "demo", "--entries", "10"); r.code != 2 {
		t.Fatalf("demo on a database with data: %+v", r)
	}
}
