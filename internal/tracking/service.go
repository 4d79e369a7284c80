// Package tracking keeps the record of work: clients with their settings,
// tasks, time entries and the one running timer. Every method that touches
// more than one row runs in one IMMEDIATE transaction.
package tracking

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/horasapp/horas/internal/inputerr"
	"github.com/horasapp/horas/internal/store"
)

// Errors callers can tell apart; all are input errors (inputerr.Is).
var (
	ErrNotFound  = inputerr.New("not found")
	ErrOverlap   = inputerr.New("overlaps")
	ErrNoTimer   = inputerr.New("no timer is running")
	ErrDuplicate = inputerr.New("already exists")
	ErrLocked    = inputerr.New("is on issued invoice")
)

// Service is the tracking API over one database.
type Service struct {
	db  *store.DB
	now func() time.Time
	// Zone is the VA's time zone: days and months are cut in it.
	Zone *time.Location
}

// New returns a service. now is the clock (time.Now in the app, fixed in tests).
func New(db *store.DB, now func() time.Time, zone *time.Location) *Service {
	if now == nil {
		now = time.Now
	}
	if zone == nil {
		zone = time.Local
	}
	return &Service{db: db, now: now, Zone: zone}
}

// Now is the service clock truncated to the second: instants are stored as
// unix seconds, and a value read back must equal the one written.
func (s *Service) Now() time.Time { return s.now().Truncate(time.Second) }

// DB gives the underlying store for services that build on tracking.
func (s *Service) DB() *store.DB { return s.db }

func unix(t time.Time) int64 { return t.Unix() }

func fromUnix(v int64) time.Time { return time.Unix(v, 0).UTC() }

func nullUnix(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.Unix(), Valid: true}
}

func fromNullUnix(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return fromUnix(v.Int64)
}

func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return inputerr.New("%s: %w", what, ErrNotFound)
	}
	return err
}

// Queryer is what both *sql.Tx and *sql.DB offer, so reads can run inside a
// caller's transaction.
type Queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}
