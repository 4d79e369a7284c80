package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExportImportRoundTrip(t *testing.T) {
	src := seed(t)
	mustRun(t, src, "entry", "add", "Sunrise Realty", "Listings", "--from", "2026-10-25 01:30", "--to", "2026-10-25 03:30",
		"--urgency", "rush", "--non-billable", "--note", "night shift, \"quoted\"\nsecond line")
	csv := mustRun(t, src, "export", "entries", "--csv")
	if !strings.HasPrefix(csv, "Client,Task,Start,End,Duration,Billable,Urgency,Note\n") {
		t.Fatalf("header: %q", csv)
	}
	if !strings.Contains(csv, "2026-10-25T01:30:00+02:00,2026-10-25T03:30:00+01:00,10800,No,rush") {
		t.Fatalf("DST entry not exported as instants: %q", csv)
	}
	file := filepath.Join(t.TempDir(), "entries.csv")
	os.WriteFile(file, []byte(csv), 0o644)

	dst := filepath.Join(t.TempDir(), "empty.db")
	before := dump(t, seedEmpty(t, dst))
	out := mustRun(t, dst, "import", "horas", file, "--dry-run")
	if !strings.Contains(out, "would import 2 entries") || !strings.Contains(out, "new client: Sunrise Realty") {
		t.Fatalf("dry run: %q", out)
	}
	if dump(t, dst) != before {
		t.Fatal("a dry run wrote")
	}
	mustRun(t, dst, "import", "horas", file)
	if again := mustRun(t, dst, "export", "entries", "--csv"); again != csv {
		t.Fatalf("round trip differs:\n%s\nvs\n%s", csv, again)
	}
	if out := mustRun(t, dst, "import", "horas", file); !strings.Contains(out, "imported 0 entries (2 already imported") {
		t.Fatalf("re-import: %q", out)
	}
}

// seedEmpty creates an empty database file and returns its path.
func seedEmpty(t *testing.T, path string) string {
	t.Helper()
	mustRun(t, path, "client", "list")
	return path
}

func TestImportToggl(t *testing.T) {
	db := filepath.Join(t.TempDir(), "h.db")
	file := filepath.Join(t.TempDir(), "toggl.csv")
	os.WriteFile(file, []byte("\ufeffUser,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (EUR)\n"+
		"Ana,ana@example.com,Acme,Inbox,,\"Replies, triage\",Yes,2026-11-02,09:00:00,2026-11-02,10:15:00,01:15:00,,50.00\n"+
		"Ana,ana@example.com,Acme,Admin,Invoices,Late night,No,2026-11-02,23:30:00,2026-11-03,00:30:00,01:00:00,,0.00\n"), 0o644)
	out := mustRun(t, db, "import", "toggl", file)
	if !strings.Contains(out, "imported 2 entries") || !strings.Contains(out, "new task: Acme / Invoices") {
		t.Fatalf("%q", out)
	}
	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (EUR)\n"+
		"Ana,ana@example.com,Acme,Inbox,,ok,Yes,2026-11-04,09:00:00,2026-11-04,10:00:00,01:00:00,,\n"+
		"Ana,ana@example.com,Acme,Inbox,,overlaps,Yes,2026-11-02,09:30:00,2026-11-02,09:45:00,00:15:00,,\n"), 0o644)
	before := dump(t, db)
	r := run(t, db, "import", "toggl", bad)
	if r.code != 2 || !strings.Contains(r.stderr, "line 3") || !strings.Contains(r.stderr, "overlaps") {
		t.Fatalf("%+v", r)
	}
	if dump(t, db) != before {
		t.Fatal("a refused import wrote")
	}
}
