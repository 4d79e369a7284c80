package tracking

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/inputerr"
)

// Entry is a span of work on a task. A zero End means the timer is running.
type Entry struct {
	ID          int64
	TaskID      int64
	ClientID    int64
	Client      string
	Task        string
	Start       time.Time
	End         time.Time
	Urgency     billing.Urgency
	NonBillable bool
	Note        string
}

// Running reports whether this entry is the running timer.
func (e Entry) Running() bool { return e.End.IsZero() }

// Duration is the entry's length; a running entry counts up to now. It is
// computed from stored instants, never from a counter, so suspend and clock
// changes cannot make it drift.
func (e Entry) Duration(now time.Time) time.Duration {
	end := e.End
	if e.Running() {
		end = now
	}
	if end.Before(e.Start) {
		return 0
	}
	return end.Sub(e.Start)
}

const entryCols = `e.id, e.task_id, t.client_id, c.name, t.name, e.start_at, e.end_at, e.urgency, e.non_billable, e.note`
const entryFrom = ` FROM entries e JOIN tasks t ON t.id = e.task_id JOIN clients c ON c.id = t.client_id`

func scanEntry(row interface{ Scan(...any) error }) (Entry, error) {
	var e Entry
	var start int64
	var end sql.NullInt64
	var urgency string
	err := row.Scan(&e.ID, &e.TaskID, &e.ClientID, &e.Client, &e.Task, &start, &end, &urgency, &e.NonBillable, &e.Note)
	e.Start, e.End, e.Urgency = fromUnix(start), fromNullUnix(end), billing.Urgency(urgency)
	return e, err
}

func running(ctx context.Context, q Queryer) (*Entry, error) {
	e, err := scanEntry(q.QueryRowContext(ctx, `SELECT `+entryCols+entryFrom+` WHERE e.end_at IS NULL`))
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &e, nil
}

// Running returns the running timer, or nil.
func (s *Service) Running(ctx context.Context) (*Entry, error) {
	return running(ctx, s.db.Reader())
}

func entryByID(ctx context.Context, q Queryer, id int64) (Entry, error) {
	e, err := scanEntry(q.QueryRowContext(ctx, `SELECT `+entryCols+entryFrom+` WHERE e.id = ?`, id))
	if err == sql.ErrNoRows {
		return e, inputerr.New("entry #%d %w: see `horas entry list`", id, ErrNotFound)
	}
	return e, err
}

// checkUnlocked refuses to change an entry an issued invoice billed.
func checkUnlocked(ctx context.Context, tx *sql.Tx, e Entry) error {
	var number string
	err := tx.QueryRowContext(ctx, `SELECT i.number FROM entries e JOIN invoices i ON i.id = e.invoice_id
		WHERE e.id = ? AND i.status = 'issued'`, e.ID).Scan(&number)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return err
	}
	return inputerr.New("entry #%d %w %s: credit that invoice (`horas invoice credit %s`) to change it", e.ID, ErrLocked, number, number)
}

// Entry returns one entry by id.
func (s *Service) Entry(ctx context.Context, id int64) (Entry, error) {
	return entryByID(ctx, s.db.Reader(), id)
}

// checkFree refuses [start, end) when it overlaps an entry other than skip. A
// zero end means open-ended (a timer). Entries never overlap, so the only
// candidate is the one that starts last before end: an index seek, not a scan.
func (s *Service) checkFree(ctx context.Context, tx *sql.Tx, start, end time.Time, skip int64) error {
	until := int64(math.MaxInt64)
	if !end.IsZero() {
		until = unix(end)
	}
	e, err := scanEntry(tx.QueryRowContext(ctx, `SELECT `+entryCols+entryFrom+`
		WHERE e.start_at < ? AND e.id <> ? ORDER BY e.start_at DESC LIMIT 1`, until, skip))
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return err
	}
	if !e.Running() && !e.End.After(start) {
		return nil
	}
	return inputerr.New("this time %w %s: pick another span or edit that entry", ErrOverlap, s.describe(e))
}

// describe names an entry for messages: "entry #12 (Acme / Inbox, 2026-11-03 09:00–10:30)".
func (s *Service) describe(e Entry) string {
	from := e.Start.In(s.Zone).Format("2006-01-02 15:04")
	to := "running"
	if !e.Running() {
		to = e.End.In(s.Zone).Format("15:04")
		if e.End.In(s.Zone).YearDay() != e.Start.In(s.Zone).YearDay() {
			to = e.End.In(s.Zone).Format("2006-01-02 15:04")
		}
	}
	return fmt.Sprintf("entry #%d (%s / %s, %s–%s)", e.ID, e.Client, e.Task, from, to)
}

// Start starts the timer on a task at an instant. A running timer stops at
// that same instant in the same transaction: no gap, no overlap. It returns
// the new entry and the one it stopped, if any.
func (s *Service) Start(ctx context.Context, taskID int64, at time.Time) (started Entry, stopped *Entry, err error) {
	at = at.Truncate(time.Second)
	err = s.db.Write(ctx, func(tx *sql.Tx) error {
		t, err := taskByID(ctx, tx, taskID)
		if err != nil {
			return err
		}
		if t.Done() {
			return inputerr.New("task %q of %s is done: reopen it or pick an open task", t.Name, t.Client)
		}
		run, err := running(ctx, tx)
		if err != nil {
			return err
		}
		if run != nil {
			if run.TaskID == taskID {
				started = *run
				return nil // already running on it: a second click changes nothing
			}
			if !at.After(run.Start) {
				return inputerr.New("the running timer started at %s: start the next one later than that",
					run.Start.In(s.Zone).Format("2006-01-02 15:04:05"))
			}
			if _, err := tx.ExecContext(ctx, `UPDATE entries SET end_at = ? WHERE id = ?`, unix(at), run.ID); err != nil {
				return err
			}
			run.End = at
			stopped = run
		}
		if err := s.checkFree(ctx, tx, at, time.Time{}, 0); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO entries (task_id, start_at) VALUES (?, ?)`, taskID, unix(at))
		if err != nil {
			return err
		}
		id, _ := res.LastInsertId()
		started = Entry{ID: id, TaskID: taskID, ClientID: t.ClientID, Client: t.Client, Task: t.Name, Start: at}
		return nil
	})
	if err != nil {
		return Entry{}, nil, err
	}
	return started, stopped, nil
}

// Stop stops the running timer at an instant.
func (s *Service) Stop(ctx context.Context, at time.Time) (Entry, error) {
	at = at.Truncate(time.Second)
	var e Entry
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		run, err := running(ctx, tx)
		if err != nil {
			return err
		}
		if run == nil {
			return inputerr.New("%w: start one with `horas start CLIENT TASK`", ErrNoTimer)
		}
		if !at.After(run.Start) {
			return inputerr.New("the timer started at %s: stop it later than that",
				run.Start.In(s.Zone).Format("2006-01-02 15:04:05"))
		}
		if _, err := tx.ExecContext(ctx, `UPDATE entries SET end_at = ? WHERE id = ?`, unix(at), run.ID); err != nil {
			return err
		}
		e = *run
		e.End = at
		return nil
	})
	return e, err
}

func (s *Service) checkSpan(e Entry) error {
	if e.Start.IsZero() || e.End.IsZero() {
		return inputerr.New("an entry needs both --from and --to")
	}
	if !e.End.After(e.Start) {
		return inputerr.New("the entry ends (%s) before it starts (%s): check --from and --to",
			e.End.In(s.Zone).Format("2006-01-02 15:04"), e.Start.In(s.Zone).Format("2006-01-02 15:04"))
	}
	return nil
}

// normalize trims the note and spells the urgency as the schema does, for
// the running timer too, which skips checkSpan.
func (e *Entry) normalize() error {
	e.Start, e.End = e.Start.Truncate(time.Second), e.End.Truncate(time.Second)
	e.Note = strings.TrimSpace(e.Note)
	u, err := billing.ParseUrgency(string(e.Urgency))
	if err != nil {
		return inputerr.Wrap(err)
	}
	e.Urgency = u
	return nil
}

// AddEntry records finished work by hand.
func (s *Service) AddEntry(ctx context.Context, e Entry) (Entry, error) {
	if err := e.normalize(); err != nil {
		return Entry{}, err
	}
	if err := s.checkSpan(e); err != nil {
		return Entry{}, err
	}
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		t, err := taskByID(ctx, tx, e.TaskID)
		if err != nil {
			return err
		}
		e.ClientID, e.Client, e.Task = t.ClientID, t.Client, t.Name
		if err := s.checkFree(ctx, tx, e.Start, e.End, 0); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO entries (task_id, start_at, end_at, urgency, non_billable, note) VALUES (?, ?, ?, ?, ?, ?)`,
			e.TaskID, unix(e.Start), unix(e.End), e.Urgency, e.NonBillable, e.Note)
		if err != nil {
			return err
		}
		e.ID, _ = res.LastInsertId()
		return nil
	})
	if err != nil {
		return Entry{}, err
	}
	return e, nil
}

// EditEntry changes an entry's task, span, urgency, billability or note.
// The running timer may be edited too (its start, its task): End stays zero.
func (s *Service) EditEntry(ctx context.Context, e Entry) error {
	if err := e.normalize(); err != nil {
		return err
	}
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		old, err := entryByID(ctx, tx, e.ID)
		if err != nil {
			return err
		}
		if err := checkUnlocked(ctx, tx, old); err != nil {
			return err
		}
		if old.Running() && e.End.IsZero() {
			if e.Start.IsZero() || e.Start.After(s.Now()) {
				return inputerr.New("the running timer needs a start no later than now")
			}
		} else if err := s.checkSpan(e); err != nil {
			return err
		}
		if _, err := taskByID(ctx, tx, e.TaskID); err != nil {
			return err
		}
		if err := s.checkFree(ctx, tx, e.Start, e.End, e.ID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE entries SET task_id = ?, start_at = ?, end_at = ?, urgency = ?, non_billable = ?, note = ? WHERE id = ?`,
			e.TaskID, unix(e.Start), nullUnix(e.End), e.Urgency, e.NonBillable, e.Note, e.ID)
		return err
	})
}

// DeleteEntry removes an entry.
func (s *Service) DeleteEntry(ctx context.Context, id int64) error {
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		e, err := entryByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := checkUnlocked(ctx, tx, e); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM entries WHERE id = ?`, id)
		return err
	})
}

// Filter selects entries: by client, and those starting in [From, To).
type Filter struct {
	ClientID int64
	From, To time.Time
}

// Entries lists entries in start order.
func (s *Service) Entries(ctx context.Context, f Filter) ([]Entry, error) {
	return LoadEntries(ctx, s.db.Reader(), f)
}

// LoadEntries is Entries inside a caller's transaction.
func LoadEntries(ctx context.Context, q Queryer, f Filter) ([]Entry, error) {
	query := `SELECT ` + entryCols + entryFrom + ` WHERE 1 = 1`
	var args []any
	if f.ClientID != 0 {
		query += ` AND t.client_id = ?`
		args = append(args, f.ClientID)
	}
	if !f.From.IsZero() {
		query += ` AND e.start_at >= ?`
		args = append(args, unix(f.From))
	}
	if !f.To.IsZero() {
		query += ` AND e.start_at < ?`
		args = append(args, unix(f.To))
	}
	rows, err := q.QueryContext(ctx, query+` ORDER BY e.start_at`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var es []Entry
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, err
		}
		es = append(es, e)
	}
	return es, rows.Err()
}

// Day returns the bounds of the VA's calendar day holding t: midnight to
// midnight in Zone, which is 23 or 25 hours long on a DST change.
func (s *Service) Day(t time.Time) (from, to time.Time) {
	y, m, d := t.In(s.Zone).Date()
	return startOfDay(y, m, d, s.Zone), startOfDay(y, m, d+1, s.Zone)
}

// Month returns the bounds of a calendar month in the VA's zone.
func (s *Service) Month(year int, month time.Month) (from, to time.Time) {
	return startOfDay(year, month, 1, s.Zone), startOfDay(year, month+1, 1, s.Zone)
}

// startOfDay is the first instant of a local date; d and m may overflow as
// in time.Date. Where the clocks skip midnight (Chile, Cuba, Paraguay),
// time.Date gives 23:00 of the day before; the day really begins when the
// skip happens, so each bound is computed from its own date, never by adding
// a day or a month to another bound.
func startOfDay(y int, m time.Month, d int, loc *time.Location) time.Time {
	y, m, d = time.Date(y, m, d, 12, 0, 0, 0, loc).Date()
	t := time.Date(y, m, d, 0, 0, 0, 0, loc)
	if t.Day() != d {
		if _, end := t.ZoneBounds(); !end.IsZero() {
			t = end
		}
	}
	return t
}
