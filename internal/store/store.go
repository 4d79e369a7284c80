// Package store opens the Horas SQLite file: settings in the DSN for every
// pooled connection, one writer, embedded migrations, backups before a
// migration and a refusal of files that are not ours or are too new.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ApplicationID marks a file as a Horas database ("HORA" in ASCII).
const ApplicationID = 0x484f5241

//go:embed migrations/*.sql
var migrationFS embed.FS

// Errors the caller can tell apart.
var (
	ErrForeignFile = errors.New("not a Horas database")
	ErrTooNew      = errors.New("database written by a newer Horas")
	ErrLocked      = errors.New("database already open in another Horas window")
)

// Options tune Open. The zero value is what the CLI uses.
type Options struct {
	// BackupDir holds VACUUM INTO copies; default: "backups" beside the file.
	BackupDir string
	// KeepBackups is how many copies of each kind are kept (default 7).
	KeepBackups int
	// Now is the clock; tests inject one.
	Now func() time.Time
}

// DB is an open Horas database: a single writer connection whose
// transactions begin IMMEDIATE, and a pool of readers.
type DB struct {
	Path    string
	w       *sql.DB
	r       *sql.DB
	opt     Options
	version int
}

type migration struct {
	version int
	name    string
	sql     string
}

func loadMigrations() ([]migration, error) {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var ms []migration
	for i, n := range names {
		base := filepath.Base(n)
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil || v != i+1 {
			return nil, fmt.Errorf("migration %s: name must start with its number %04d", base, i+1)
		}
		b, err := migrationFS.ReadFile(n)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: base, sql: string(b)})
	}
	return ms, nil
}

// LatestVersion is the schema version this build writes.
func LatestVersion() int {
	ms, err := loadMigrations()
	if err != nil {
		panic(err)
	}
	return len(ms)
}

// DSN gives the connection string with the settings every connection needs.
// They sit in the DSN, not in an Exec after Open, because database/sql opens
// new connections whenever it likes and each must get them.
func DSN(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Set("_txlock", "immediate")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// Open opens or creates the database at path and brings its schema up to date.
func Open(ctx context.Context, path string, opt Options) (*DB, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.KeepBackups == 0 {
		opt.KeepBackups = 7
	}
	if opt.BackupDir == "" {
		opt.BackupDir = filepath.Join(filepath.Dir(path), "backups")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("create the folder of %s: %w", path, err)
	}
	if err := checkHeader(path); err != nil {
		return nil, err
	}
	w, err := sql.Open("sqlite", DSN(path, false))
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1) // one writer: SQLite serialises writes anyway
	db := &DB{Path: path, w: w, opt: opt}
	if err := db.migrate(ctx); err != nil {
		w.Close()
		return nil, err
	}
	db.r, err = sql.Open("sqlite", DSN(path, true))
	if err != nil {
		w.Close()
		return nil, err
	}
	db.r.SetMaxOpenConns(4)
	return db, nil
}

// checkHeader refuses a file that is not SQLite before the driver touches it,
// so a stray document is never turned into a database.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	head := make([]byte, 100)
	n, _ := f.Read(head)
	if n == 0 {
		return nil
	}
	if n < 100 || string(head[:16]) != "SQLite format 3\x00" {
		return fmt.Errorf("%s: %w (not an SQLite file); choose another file with --db", path, ErrForeignFile)
	}
	appID := uint32(head[68])<<24 | uint32(head[69])<<16 | uint32(head[70])<<8 | uint32(head[71])
	if appID != 0 && appID != ApplicationID {
		return fmt.Errorf("%s: %w (application id %#x); choose another file with --db", path, ErrForeignFile, appID)
	}
	return nil
}

func (db *DB) migrate(ctx context.Context) error {
	ms, err := loadMigrations()
	if err != nil {
		return err
	}
	var appID, version, tables int
	if err := db.w.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return fmt.Errorf("open %s: %w", db.Path, err)
	}
	if err := db.w.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return err
	}
	if err := db.w.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
		return err
	}
	if appID != ApplicationID && (appID != 0 || tables > 0) {
		return fmt.Errorf("%s: %w (it holds tables of another program); choose another file with --db", db.Path, ErrForeignFile)
	}
	if version > len(ms) {
		return fmt.Errorf("%s: %w (schema %d, this Horas knows %d): update Horas to open it", db.Path, ErrTooNew, version, len(ms))
	}
	db.version = version
	if version == len(ms) {
		return nil
	}
	if version > 0 {
		if _, err := db.Backup(ctx, fmt.Sprintf("pre-v%d", len(ms))); err != nil {
			return fmt.Errorf("back up before upgrading the schema: %w", err)
		}
	}
	for _, m := range ms[version:] {
		err := db.Write(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			if m.version == 1 {
				if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
					return err
				}
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version))
			return err
		})
		if err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		db.version = m.version
	}
	return nil
}

// Version is the schema version of the open file.
func (db *DB) Version() int { return db.version }

// Write runs fn in one IMMEDIATE transaction on the writer: all of it or none.
func (db *DB) Write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// Read runs fn in a read transaction: one consistent snapshot of the file.
func (db *DB) Read(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(tx)
}

// Writer gives the writer pool for code that needs plain statements.
func (db *DB) Writer() *sql.DB { return db.w }

// Reader gives the read-only pool.
func (db *DB) Reader() *sql.DB { return db.r }

// Close closes both pools.
func (db *DB) Close() error {
	var errR error
	if db.r != nil {
		errR = db.r.Close()
	}
	return errors.Join(db.w.Close(), errR)
}
