package cli_test

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/horasapp/horas/internal/store"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// horasBin is the real binary: $HORAS_BIN (the Makefile builds it once), or a
// fresh build of ./cmd/horas.
func horasBin(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		if p := os.Getenv("HORAS_BIN"); p != "" {
			binPath = p
			return
		}
		dir, err := os.MkdirTemp("", "horas-e2e")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "horas")
		out, err := exec.Command("go", "build", "-o", binPath, "../../cmd/horas").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

type result struct {
	code           int
	stdout, stderr string
}

// run runs the binary on db with the VA in Madrid, on 2 November 2026 unless
// the test sets another day.
func run(t *testing.T, db string, args ...string) result {
	t.Helper()
	return runAt(t, "2026-11-02T10:00:00+01:00", db, args...)
}

func runAt(t *testing.T, now, db string, args ...string) result {
	t.Helper()
	return runIn(t, "Europe/Madrid", now, db, args...)
}

// runZone runs the binary with the VA in zone.
func runZone(t *testing.T, zone, db string, args ...string) result {
	t.Helper()
	return runIn(t, zone, "2026-11-02T10:00:00+01:00", db, args...)
}

func runIn(t *testing.T, zone, now, db string, args ...string) result {
	t.Helper()
	cmd := exec.Command(horasBin(t), append([]string{"--db", db}, args...)...)
	// C.UTF-8, the locale of minimal machines: stderr must still be one line
	// (see internal/posixlocale).
	cmd.Env = append(os.Environ(), "TZ="+zone, "HORAS_DB=", "LANG=C.UTF-8", "LC_ALL=", "LC_MESSAGES=", "LANGUAGE=", "HORAS_NOW="+now)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{code, out.String(), errb.String()}
}

func mustRun(t *testing.T, db string, args ...string) string {
	t.Helper()
	r := run(t, db, args...)
	if r.code != 0 {
		t.Fatalf("horas %s: exit %d: %s", strings.Join(args, " "), r.code, r.stderr)
	}
	return r.stdout
}

// dump is every row of every table, to prove a refused command wrote nothing.
func dump(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite", store.DSN(path, true))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var b strings.Builder
	for _, table := range []string{"settings", "clients", "client_taxes", "tasks", "entries", "invoices", "payments", "rates"} {
		rows, err := db.Query("SELECT * FROM " + table + " ORDER BY 1")
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			rows.Scan(ptrs...)
			fmt.Fprintln(&b, table, vals)
		}
		rows.Close()
	}
	return b.String()
}

func seed(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "horas.db")
	mustRun(t, db, "client", "add", "Acme", "--currency", "EUR", "--rate", "40", "--lang", "es", "--country", "ES",
		"--tz", "Europe/Madrid", "--rounding", "15m:up", "--tax", "IVA:21", "--tax", "IRPF:-15",
		"--retainer-fee", "800", "--retainer-hours", "20", "--rollover-cap", "5")
	mustRun(t, db, "client", "add", "Sunrise Realty", "--currency", "usd", "--rate", "35.50", "--tz", "America/New_York", "--urgent", "1.5")
	mustRun(t, db, "task", "add", "Acme", "Inbox")
	mustRun(t, db, "task", "add", "Acme", "Bookkeeping", "--rate", "45")
	mustRun(t, db, "task", "add", "Sunrise Realty", "Listings", "--urgency", "urgent")
	mustRun(t, db, "task", "add", "Sunrise Realty", "Website", "--fixed", "500")
	mustRun(t, db, "entry", "add", "Acme", "Inbox", "--from", "2026-11-02 09:00", "--to", "2026-11-02 10:30")
	return db
}

func TestTimerFlow(t *testing.T) {
	db := seed(t)
	mustRun(t, db, "start", "Acme", "Bookkeeping", "--at", "2026-11-02 11:00")
	var st map[string]any
	json.Unmarshal([]byte(mustRun(t, db, "status", "--json")), &st)
	if st["running"] != true || st["task"] != "Bookkeeping" || st["start"] != "2026-11-02T11:00:00+01:00" {
		t.Fatalf("status %v", st)
	}
	// Switching stops the running entry at the same instant.
	out := mustRun(t, db, "start", "Sunrise Realty", "Listings", "--at", "2026-11-02 12:15")
	if !strings.Contains(out, "stopped Acme / Bookkeeping after 1:15") {
		t.Fatalf("switch output %q", out)
	}
	mustRun(t, db, "stop", "--at", "2026-11-02T12:45:00+01:00")
	var es []map[string]any
	json.Unmarshal([]byte(mustRun(t, db, "entry", "list", "--json", "--from", "2026-11-02", "--to", "2026-11-02")), &es)
	if len(es) != 3 {
		t.Fatalf("entries %v", es)
	}
	if es[1]["end"] != es[2]["start"] || es[1]["seconds"] != 4500.0 || es[2]["seconds"] != 1800.0 {
		t.Fatalf("switch left a gap or overlap: %v", es)
	}
	if r := run(t, db, "stop"); r.code != 2 || !strings.Contains(r.stderr, "no timer is running") {
		t.Fatalf("stop without timer: %+v", r)
	}
	mustRun(t, db, "entry", "edit", fmt.Sprint(es[0]["id"]), "--to", "2026-11-02 10:45", "--non-billable", "--note", "newsletter")
	mustRun(t, db, "entry", "delete", fmt.Sprint(es[2]["id"]))
	json.Unmarshal([]byte(mustRun(t, db, "entry", "list", "--json", "--client", "Acme")), &es)
	if len(es) != 2 || es[0]["seconds"] != 6300.0 || es[0]["billable"] != false || es[0]["note"] != "newsletter" {
		t.Fatalf("after edit %v", es)
	}
}

func TestClientAndTaskJSON(t *testing.T) {
	db := seed(t)
	var cs []map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, db, "client", "list", "--json")), &cs); err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 {
		t.Fatalf("clients %v", cs)
	}
	acme := cs[0]
	ret := acme["retainer"].(map[string]any)
	if acme["rate"] != "40.00" || acme["rounding"] != "15m:up" || ret["fee"] != "800.00" || ret["rollover_cap"] != "5" {
		t.Fatalf("acme %v", acme)
	}
	taxes := acme["taxes"].([]any)
	if len(taxes) != 2 || taxes[1].(map[string]any)["pct"] != "-15" {
		t.Fatalf("taxes %v", taxes)
	}
	if cs[1]["currency"] != "USD" || cs[1]["rate"] != "35.50" {
		t.Fatalf("sunrise %v", cs[1])
	}
	mustRun(t, db, "client", "edit", "acme", "--rate", "42.5", "--tax", "IVA:21", "--no-retainer", "--terms-days", "15")
	json.Unmarshal([]byte(mustRun(t, db, "client", "list", "--json")), &cs)
	if cs[0]["rate"] != "42.50" || cs[0]["retainer"] != nil || len(cs[0]["taxes"].([]any)) != 1 || cs[0]["terms_days"] != 15.0 {
		t.Fatalf("after edit %v", cs[0])
	}
	var ts []map[string]any
	json.Unmarshal([]byte(mustRun(t, db, "task", "list", "Sunrise Realty", "--json")), &ts)
	if len(ts) != 2 || ts[0]["name"] != "Listings" || ts[0]["urgency"] != "urgent" || ts[1]["price"] != "500.00" {
		t.Fatalf("tasks %v", ts)
	}
	mustRun(t, db, "task", "done", "Sunrise Realty", "Website", "--at", "2026-11-20 18:00")
	json.Unmarshal([]byte(mustRun(t, db, "task", "list", "--json")), &ts)
	for _, task := range ts {
		if task["name"] == "Website" {
			t.Fatal("done task listed without --all")
		}
	}
}

func TestBadInputExits2AndWritesNothing(t *testing.T) {
	db := seed(t)
	mustRun(t, db, "start", "Acme", "Inbox", "--at", "2026-11-03 09:00")
	tests := []struct {
		name string
		args []string
		msg  string
	}{
		{"UnknownCurrency", []string{"client", "add", "Zeta", "--currency", "XYZ", "--rate", "10"}, "unknown currency"},
		{"NegativeRate", []string{"client", "add", "Zeta", "--currency", "EUR", "--rate", "-5"}, "negative"},
		{"RateTooPrecise", []string{"client", "add", "Zeta", "--currency", "EUR", "--rate", "12.345"}, "more than 2 decimals"},
		{"YenWithDecimals", []string{"client", "add", "Zeta", "--currency", "JPY", "--rate", "1200.5"}, "decimals"},
		{"UnknownTimeZone", []string{"client", "add", "Zeta", "--currency", "EUR", "--rate", "10", "--tz", "Mars/Olympus"}, "time zone"},
		{"DuplicateClient", []string{"client", "add", "ACME", "--currency", "EUR", "--rate", "10"}, "already exists"},
		{"BadRounding", []string{"client", "add", "Zeta", "--currency", "EUR", "--rate", "10", "--rounding", "15x"}, "rounding"},
		{"BadTax", []string{"client", "add", "Zeta", "--currency", "EUR", "--rate", "10", "--tax", "IVA"}, "NAME:PERCENT"},
		{"MissingRate", []string{"client", "add", "Zeta", "--currency", "EUR"}, "--rate"},
		{"UnknownClient", []string{"task", "add", "Nobody", "Inbox"}, "client \"Nobody\" not found"},
		{"UnknownTask", []string{"start", "Acme", "Nothing"}, "task \"Nothing\" of Acme not found"},
		{"TaskRateTooPrecise", []string{"task", "add", "Acme", "Calls", "--rate", "1.001"}, "decimals"},
		{"Overlap", []string{"entry", "add", "Acme", "Bookkeeping", "--from", "2026-11-02 10:00", "--to", "2026-11-02 11:00"}, "overlaps entry #1"},
		{"OverlapRunning", []string{"entry", "add", "Acme", "Bookkeeping", "--from", "2026-11-03 10:00", "--to", "2026-11-03 11:00"}, "running"},
		{"EndBeforeStart", []string{"entry", "add", "Acme", "Inbox", "--from", "2026-11-01 10:00", "--to", "2026-11-01 09:00"}, "before it starts"},
		{"UnparseableTime", []string{"entry", "add", "Acme", "Inbox", "--from", "yesterday", "--to", "2026-11-01 09:00"}, "YYYY-MM-DD HH:MM"},
		{"SkippedLocalTime", []string{"entry", "add", "Acme", "Inbox", "--from", "2026-03-29 02:30", "--to", "2026-03-29 04:00"}, "does not exist"},
		{"StartBeforeRunning", []string{"start", "Acme", "Bookkeeping", "--at", "2026-11-03 08:00"}, "later than that"},
		{"BadUrgency", []string{"task", "add", "Acme", "Calls", "--urgency", "asap"}, "normal, urgent or rush"},
		{"UnknownCommand", []string{"clients"}, "unknown command"},
		{"UnknownFlag", []string{"client", "list", "--colour"}, "usage"},
		{"BadEntryID", []string{"entry", "delete", "abc"}, "entry id"},
		{"MissingEntry", []string{"entry", "delete", "999"}, "not found"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := dump(t, db)
			r := run(t, db, tc.args...)
			if r.code != 2 {
				t.Fatalf("exit %d, want 2; stderr %q", r.code, r.stderr)
			}
			lines := strings.Split(strings.TrimRight(r.stderr, "\n"), "\n")
			if len(lines) != 1 || !strings.Contains(lines[0], tc.msg) {
				t.Fatalf("stderr %q, want one line containing %q", r.stderr, tc.msg)
			}
			if after := dump(t, db); after != before {
				t.Fatalf("a refused command wrote:\n%s\nvs\n%s", before, after)
			}
		})
	}
}

func TestRefusesForeignFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.db")
	os.WriteFile(path, bytes.Repeat([]byte("not a database "), 20), 0o644)
	r := run(t, path, "client", "list")
	if r.code != 2 || !strings.Contains(r.stderr, "not a Horas database") {
		t.Fatalf("%+v", r)
	}
}

func TestVATimeZoneSetting(t *testing.T) {
	db := seed(t) // the process runs with TZ=Europe/Madrid
	if r := run(t, db, "profile", "set", "--time-zone", "Mars/Olympus"); r.code != 2 || !strings.Contains(r.stderr, "time zone") {
		t.Fatalf("%+v", r)
	}
	mustRun(t, db, "profile", "set", "--time-zone", "America/New_York")
	var es []map[string]any
	json.Unmarshal([]byte(mustRun(t, db, "entry", "list", "--json")), &es)
	if es[0]["start"] != "2026-11-02T03:00:00-05:00" {
		t.Fatalf("entry shown in %v, want New York time", es[0]["start"])
	}
	// Typed times are read in that zone too.
	mustRun(t, db, "entry", "add", "Acme", "Inbox", "--from", "2026-11-02 09:00", "--to", "2026-11-02 09:30")
	json.Unmarshal([]byte(mustRun(t, db, "entry", "list", "--json")), &es)
	if es[1]["start"] != "2026-11-02T09:00:00-05:00" {
		t.Fatalf("entries %v", es)
	}
}

func TestHelp(t *testing.T) {
	db := filepath.Join(t.TempDir(), "h.db")
	for _, args := range [][]string{{"help"}, {"client", "add", "--help"}, {"invoice", "create", "-h"}} {
		r := run(t, db, args...)
		if r.code != 0 || !strings.Contains(r.stdout, "usage: horas") {
			t.Errorf("horas %v: %+v", args, r)
		}
	}
	if r := run(t, db, "client", "add", "--help"); !strings.Contains(r.stdout, "-retainer-hours") {
		t.Errorf("client add --help lists no flags: %q", r.stdout)
	}
}
