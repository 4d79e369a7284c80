package tracking

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/inputerr"
	"github.com/horasapp/horas/internal/money"
)

// ImportRow is one entry brought from another tracker or a Horas export.
type ImportRow struct {
	Line        int // line of the file, for messages
	Client      string
	Task        string
	Note        string
	Start, End  time.Time
	NonBillable bool
	Urgency     billing.Urgency
	Key         string              // identity of the row: a row already imported is skipped
	Currency    string              // for a client the import creates; "" = ImportOptions.Currency
	Rate        decimal.NullDecimal // for a client the import creates
}

// ImportOptions say what the file cannot.
type ImportOptions struct {
	DefaultClient string // for rows without a client
	Currency      string // currency of clients the import creates, when the file names none
	DryRun        bool   // check and count everything, write nothing
}

// ImportResult says what an import created.
type ImportResult struct {
	NewClients []string
	NewTasks   []string // "Client / Task"
	Entries    int
	Duplicates int // rows imported before, skipped
}

var errDryRun = errors.New("dry run")

// Import adds the rows in one transaction: clients and tasks that do not
// exist are created, rows already imported (same Key) are skipped, and any
// bad row (overlap, unknown urgency, …) stops the import with its line
// number and nothing written. A dry run does all of it and rolls back.
func (s *Service) Import(ctx context.Context, rows []ImportRow, opt ImportOptions) (ImportResult, error) {
	var res ImportResult
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		clients := map[string]Client{}
		tasks := map[string]Task{}
		for _, r := range rows {
			fail := func(err error) error {
				return inputerr.New("line %d: %s", r.Line, strings.TrimPrefix(err.Error(), "this time "))
			}
			name := strings.TrimSpace(r.Client)
			if name == "" {
				name = opt.DefaultClient
			}
			if name == "" {
				return inputerr.New("line %d: the entry has no client: pass --client NAME for such entries", r.Line)
			}
			c, ok := clients[strings.ToLower(name)]
			if !ok {
				var err error
				c, err = clientByName(ctx, tx, name)
				if errors.Is(err, ErrNotFound) {
					c, err = s.importClient(ctx, tx, name, r, opt)
					if err != nil {
						return fail(err)
					}
					res.NewClients = append(res.NewClients, c.Name)
				} else if err != nil {
					return err
				}
				clients[strings.ToLower(name)] = c
			}
			tkey := fmt.Sprint(c.ID, "\x00", strings.ToLower(strings.TrimSpace(r.Task)))
			t, ok := tasks[tkey]
			if !ok {
				var err error
				t, err = taskByName(ctx, tx, c, r.Task)
				if errors.Is(err, ErrNotFound) {
					t, err = s.importTask(ctx, tx, c, r.Task)
					if err != nil {
						return fail(err)
					}
					res.NewTasks = append(res.NewTasks, c.Name+" / "+t.Name)
				} else if err != nil {
					return err
				}
				tasks[tkey] = t
			}
			if r.Key != "" {
				var id int64
				err := tx.QueryRowContext(ctx, `SELECT id FROM entries WHERE source_key = ?`, r.Key).Scan(&id)
				if err == nil {
					res.Duplicates++
					continue
				}
				if !errors.Is(err, sql.ErrNoRows) {
					return err
				}
			}
			e := Entry{TaskID: t.ID, Start: r.Start, End: r.End, Urgency: r.Urgency, NonBillable: r.NonBillable, Note: r.Note}
			if err := e.normalize(); err != nil {
				return fail(err)
			}
			if err := s.checkSpan(e); err != nil {
				return fail(err)
			}
			if err := s.checkFree(ctx, tx, e.Start, e.End, 0); err != nil {
				return fail(err)
			}
			var key sql.NullString
			if r.Key != "" {
				key = sql.NullString{String: r.Key, Valid: true}
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO entries (task_id, start_at, end_at, urgency, non_billable, note, source_key)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, e.TaskID, unix(e.Start), unix(e.End), e.Urgency, e.NonBillable, e.Note, key); err != nil {
				return err
			}
			res.Entries++
		}
		if opt.DryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	return res, err
}

func (s *Service) importTask(ctx context.Context, tx *sql.Tx, c Client, name string) (Task, error) {
	t := Task{Task: billing.Task{Name: name, Kind: billing.Hourly}, ClientID: c.ID, Client: c.Name}
	if err := t.normalize(c); err != nil {
		return t, err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO tasks (client_id, name, kind, created_at) VALUES (?, ?, 'hourly', ?)`,
		c.ID, t.Name, unix(s.Now()))
	if err != nil {
		return t, err
	}
	t.ID, _ = res.LastInsertId()
	return t, nil
}

// importClient creates a client named in an import, with the file's currency
// and rate when it gives them (a rate the currency cannot hold is left out:
// the VA sets it afterwards).
func (s *Service) importClient(ctx context.Context, tx *sql.Tx, name string, r ImportRow, opt ImportOptions) (Client, error) {
	cur := r.Currency
	if cur == "" {
		cur = opt.Currency
	}
	if cur == "" {
		cur = "EUR"
	}
	rate := decimal.Zero
	if r.Rate.Valid {
		if v, err := money.ParseExact(r.Rate.Decimal.String(), cur); err == nil && !v.IsNegative() {
			rate = v
		}
	}
	c := NewClient(name, cur, rate)
	if err := c.Normalize(); err != nil {
		return c, err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO clients (name, currency, rate, created_at) VALUES (?, ?, '0', ?)`, c.Name, c.Currency, unix(s.Now()))
	if err != nil {
		return c, err
	}
	c.ID, _ = res.LastInsertId()
	return c, writeClient(ctx, tx, c)
}
