package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Backup writes a consistent copy of the database with VACUUM INTO and keeps
// only the newest KeepBackups copies of the same kind. kind is "daily" or
// "pre-vN" (before a schema upgrade).
func (db *DB) Backup(ctx context.Context, kind string) (string, error) {
	if err := os.MkdirAll(db.opt.BackupDir, 0o755); err != nil {
		return "", err
	}
	base := strings.TrimSuffix(filepath.Base(db.Path), filepath.Ext(db.Path))
	stamp := db.opt.Now().UTC().Format("20060102-150405")
	dst := filepath.Join(db.opt.BackupDir, fmt.Sprintf("%s-%s-%s.db", base, kind, stamp))
	if _, err := os.Stat(dst); err == nil {
		return dst, nil // one copy per second and kind is enough
	}
	if _, err := db.w.ExecContext(ctx, "VACUUM INTO ?", dst); err != nil {
		return "", fmt.Errorf("backup to %s: %w", dst, err)
	}
	return dst, db.prune(base, kind)
}

func (db *DB) prune(base, kind string) error {
	old, err := filepath.Glob(filepath.Join(db.opt.BackupDir, base+"-"+kind+"-*.db"))
	if err != nil {
		return err
	}
	sort.Strings(old) // the stamp sorts by time
	for len(old) > db.opt.KeepBackups {
		if err := os.Remove(old[0]); err != nil {
			return err
		}
		old = old[1:]
	}
	return nil
}

// DailyBackup makes a "daily" copy unless one was made in the last 24 hours.
func (db *DB) DailyBackup(ctx context.Context) (string, error) {
	base := strings.TrimSuffix(filepath.Base(db.Path), filepath.Ext(db.Path))
	old, _ := filepath.Glob(filepath.Join(db.opt.BackupDir, base+"-daily-*.db"))
	sort.Strings(old)
	if n := len(old); n > 0 {
		stamp := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(old[n-1]), base+"-daily-"), ".db")
		if t, err := time.Parse("20060102-150405", stamp); err == nil && db.opt.Now().Sub(t) < 24*time.Hour {
			return "", nil
		}
	}
	return db.Backup(ctx, "daily")
}
