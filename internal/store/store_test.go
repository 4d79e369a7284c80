package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func open(t *testing.T, path string) *DB {
	t.Helper()
	db, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func pragma(t *testing.T, db *sql.DB, name string) string {
	t.Helper()
	var v string
	if err := db.QueryRow("PRAGMA " + name).Scan(&v); err != nil {
		t.Fatalf("pragma %s: %v", name, err)
	}
	return v
}

func TestMigrateFromEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	db := open(t, path)
	if got, want := db.Version(), LatestVersion(); got != want {
		t.Fatalf("version %d, want %d", got, want)
	}
	if got := pragma(t, db.Writer(), "application_id"); got != strconv.Itoa(ApplicationID) {
		t.Fatalf("application_id %s", got)
	}
	if got := pragma(t, db.Writer(), "user_version"); got != strconv.Itoa(LatestVersion()) {
		t.Fatalf("user_version %s", got)
	}
	// A fresh file has no backups: there was nothing to lose.
	if files, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "backups", "*")); len(files) != 0 {
		t.Fatalf("unexpected backups %v", files)
	}
}

func TestMigrateFromV1BacksUpFirst(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "h.db")
	// Build a v1 file by hand: the first migration only.
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", DSN(path, false))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{ms[0].sql, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID), "PRAGMA user_version = 1",
		"INSERT INTO clients (name, currency, rate, created_at) VALUES ('Acme', 'EUR', '40', 0)"} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()

	db := open(t, path)
	if db.Version() != LatestVersion() {
		t.Fatalf("version %d", db.Version())
	}
	var idx int
	db.Writer().QueryRow("SELECT count(*) FROM sqlite_schema WHERE name = 'entries_task_time'").Scan(&idx)
	if idx != 1 {
		t.Fatal("the report index is missing after the upgrade")
	}
	backups, _ := filepath.Glob(filepath.Join(dir, "backups", fmt.Sprintf("h-pre-v%d-*.db", LatestVersion())))
	if len(backups) != 1 {
		t.Fatalf("backups %v", backups)
	}
	old, err := sql.Open("sqlite", DSN(backups[0], true))
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	if v := pragma(t, old, "user_version"); v != "1" {
		t.Fatalf("backup has user_version %s, want the pre-upgrade 1", v)
	}
	var name string
	if err := old.QueryRow("SELECT name FROM clients").Scan(&name); err != nil || name != "Acme" {
		t.Fatalf("backup lost data: %q %v", name, err)
	}
}

func TestPragmasOnEveryPooledConnection(t *testing.T) {
	db := open(t, filepath.Join(t.TempDir(), "h.db"))
	ctx := context.Background()
	for _, pool := range []*sql.DB{db.Writer(), db.Reader()} {
		// Hold one connection so the pool must open a second, fresh one.
		held, err := pool.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if pool == db.Writer() {
			held.Close() // the writer has one connection only
		} else {
			defer held.Close()
		}
		conn, err := pool.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"journal_mode": "wal", "synchronous": "2", "foreign_keys": "1", "busy_timeout": "5000"}
		for name, w := range want {
			var got string
			if err := conn.QueryRowContext(ctx, "PRAGMA "+name).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != w {
				t.Errorf("%s = %s, want %s", name, got, w)
			}
		}
		conn.Close()
	}
}

func TestReaderCannotWrite(t *testing.T) {
	db := open(t, filepath.Join(t.TempDir(), "h.db"))
	if _, err := db.Reader().Exec("INSERT INTO settings VALUES ('a', 'b')"); err == nil {
		t.Fatal("the read pool accepted a write")
	}
}

func TestRefusals(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte("shopping list: milk, eggs, bread, and a long enough line to fill one hundred bytes of header......"), 0o644)

	foreign := filepath.Join(dir, "other.db")
	raw, _ := sql.Open("sqlite", DSN(foreign, false))
	raw.Exec("CREATE TABLE photos (id INTEGER)")
	raw.Close()

	otherApp := filepath.Join(dir, "otherapp.db")
	raw, _ = sql.Open("sqlite", DSN(otherApp, false))
	raw.Exec("PRAGMA application_id = 42")
	raw.Exec("CREATE TABLE x (id INTEGER)")
	raw.Close()

	newer := filepath.Join(dir, "newer.db")
	open(t, newer).Close()
	raw, _ = sql.Open("sqlite", DSN(newer, false))
	raw.Exec("PRAGMA user_version = 99")
	raw.Close()

	tests := []struct {
		name string
		path string
		want error
		msg  string
	}{
		{"TextFile", text, ErrForeignFile, "not an SQLite file"},
		{"OtherProgramTables", foreign, ErrForeignFile, "another program"},
		{"OtherApplicationID", otherApp, ErrForeignFile, "0x2a"},
		{"NewerSchema", newer, ErrTooNew, "update Horas"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before, _ := os.ReadFile(tc.path)
			_, err := Open(context.Background(), tc.path, Options{})
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("err = %v, want %v containing %q", err, tc.want, tc.msg)
			}
			after, _ := os.ReadFile(tc.path)
			if string(before) != string(after) {
				t.Fatal("a refused file was changed")
			}
		})
	}
}

func TestWriteRollsBackOnError(t *testing.T) {
	db := open(t, filepath.Join(t.TempDir(), "h.db"))
	boom := errors.New("boom")
	err := db.Write(context.Background(), func(tx *sql.Tx) error {
		if _, err := tx.Exec("INSERT INTO settings VALUES ('a', '1')"); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	var n int
	db.Reader().QueryRow("SELECT count(*) FROM settings").Scan(&n)
	if n != 0 {
		t.Fatal("half a transaction was written")
	}
}

func TestDailyBackupKeepsN(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	db, err := Open(context.Background(), filepath.Join(dir, "h.db"), Options{KeepBackups: 3, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for day := range 5 {
		now = now.Add(25 * time.Hour)
		if p, err := db.DailyBackup(context.Background()); err != nil || p == "" {
			t.Fatalf("day %d: %q %v", day, p, err)
		}
		// A second call the same day makes no copy.
		if p, _ := db.DailyBackup(context.Background()); p != "" {
			t.Fatalf("second backup the same day: %s", p)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "backups", "h-daily-*.db"))
	if len(files) != 3 {
		t.Fatalf("kept %d backups, want 3", len(files))
	}
}

func TestSecondWindowIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	release, err := LockExclusive(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LockExclusive(path); !errors.Is(err, ErrLocked) {
		t.Fatalf("second lock: %v", err)
	}
	release()
	again, err := LockExclusive(path)
	if err != nil {
		t.Fatalf("lock after release: %v", err)
	}
	again()
}
