package tracking

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/inputerr"
	"github.com/horasapp/horas/internal/money"
)

// Task is a piece of work for a client: what the timer runs on.
type Task struct {
	billing.Task
	ClientID int64
	Client   string
}

// Done reports whether the task was marked done.
func (t Task) Done() bool { return !t.DoneAt.IsZero() }

func (t *Task) normalize(c Client) error {
	t.Name = strings.TrimSpace(t.Name)
	if t.Name == "" {
		return inputerr.New("task name is empty: name the work, e.g. \"Inbox\" or \"Bookkeeping\"")
	}
	if t.Kind == "" {
		t.Kind = billing.Hourly
	}
	check := func(what string, v decimal.Decimal) error {
		if v.IsNegative() {
			return inputerr.New("%s %s is negative: use zero or more", what, v)
		}
		if _, err := money.ParseExact(v.String(), c.Currency); err != nil {
			return inputerr.Wrap(fmt.Errorf("%s: %w", what, err))
		}
		return nil
	}
	switch t.Kind {
	case billing.Hourly:
		t.Price = decimal.Zero
		if t.Rate.Valid {
			if err := check("task rate", t.Rate.Decimal); err != nil {
				return err
			}
		}
	case billing.Fixed:
		t.Rate = decimal.NullDecimal{}
		if err := check("fixed price", t.Price); err != nil {
			return err
		}
	case billing.NonBillable:
		t.Rate, t.Price = decimal.NullDecimal{}, decimal.Zero
	default:
		return inputerr.New("billing kind %q: use hourly, fixed or non-billable", t.Kind)
	}
	u, err := billing.ParseUrgency(string(t.Urgency))
	if err != nil {
		return inputerr.Wrap(err)
	}
	t.Urgency = u // as the schema spells it: "URGENT" passes the check above
	if !t.Requested.IsZero() && !t.Due.IsZero() && !t.Due.After(t.Requested) {
		return inputerr.New("task %s is due %s, before it was requested (%s): check --requested and --due",
			t.Name, t.Due.Format(time.RFC3339), t.Requested.Format(time.RFC3339))
	}
	return nil
}

// AddTask adds a task to a client; names are unique per client.
func (s *Service) AddTask(ctx context.Context, clientName string, t Task) (Task, error) {
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		c, err := clientByName(ctx, tx, clientName)
		if err != nil {
			return err
		}
		t.ClientID, t.Client = c.ID, c.Name
		if err := t.normalize(c); err != nil {
			return err
		}
		if _, err := taskByName(ctx, tx, c, t.Name); err == nil {
			return inputerr.New("task %q of %s %w: choose another name or edit it with `horas task edit`", t.Name, c.Name, ErrDuplicate)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO tasks (client_id, name, kind, rate, price, urgency, requested_at, due_at, done_at, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.ID, t.Name, t.Kind, nullDec(t.Rate, c.Currency), priceCol(t, c), t.Urgency,
			nullUnix(t.Requested), nullUnix(t.Due), nullUnix(t.DoneAt), unix(s.Now()))
		if err != nil {
			return err
		}
		t.ID, _ = res.LastInsertId()
		return nil
	})
	return t, err
}

func priceCol(t Task, c Client) sql.NullString {
	if t.Kind != billing.Fixed {
		return sql.NullString{}
	}
	return sql.NullString{String: money.Fixed(t.Price, c.Currency), Valid: true}
}

// UpdateTask replaces the settings of a task (its client stays).
func (s *Service) UpdateTask(ctx context.Context, t Task) error {
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		old, err := taskByID(ctx, tx, t.ID)
		if err != nil {
			return err
		}
		c, err := clientByID(ctx, tx, old.ClientID)
		if err != nil {
			return err
		}
		t.ClientID, t.Client = c.ID, c.Name
		if err := t.normalize(c); err != nil {
			return err
		}
		if other, err := taskByName(ctx, tx, c, t.Name); err == nil && other.ID != t.ID {
			return inputerr.New("task %q of %s %w: choose another name", t.Name, c.Name, ErrDuplicate)
		}
		_, err = tx.ExecContext(ctx, `UPDATE tasks SET name = ?, kind = ?, rate = ?, price = ?, urgency = ?,
			requested_at = ?, due_at = ?, done_at = ? WHERE id = ?`,
			t.Name, t.Kind, nullDec(t.Rate, c.Currency), priceCol(t, c), t.Urgency,
			nullUnix(t.Requested), nullUnix(t.Due), nullUnix(t.DoneAt), t.ID)
		return err
	})
}

// MarkDone marks a task done at an instant (a fixed-price task bills that
// month); a zero instant means now.
func (s *Service) MarkDone(ctx context.Context, taskID int64, at time.Time) error {
	if at.IsZero() {
		at = s.Now() // stored as is, year 1 would hide the task yet leave it not Done
	}
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		if _, err := taskByID(ctx, tx, taskID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE tasks SET done_at = ? WHERE id = ?`, unix(at), taskID)
		return err
	})
}

const taskCols = `t.id, t.client_id, c.name, t.name, t.kind, t.rate, t.price, t.urgency, t.requested_at, t.due_at, t.done_at`

func scanTask(row interface{ Scan(...any) error }) (Task, error) {
	var t Task
	var rate, price sql.NullString
	var req, due, done sql.NullInt64
	var kind, urgency string
	if err := row.Scan(&t.ID, &t.ClientID, &t.Client, &t.Name, &kind, &rate, &price, &urgency, &req, &due, &done); err != nil {
		return t, err
	}
	t.Kind, t.Urgency = billing.Kind(kind), billing.Urgency(urgency)
	var err error
	if t.Rate, err = parseNull(rate); err != nil {
		return t, err
	}
	if price.Valid {
		if t.Price, err = decimal.NewFromString(price.String); err != nil {
			return t, err
		}
	}
	t.Requested, t.Due, t.DoneAt = fromNullUnix(req), fromNullUnix(due), fromNullUnix(done)
	return t, nil
}

func taskByID(ctx context.Context, q Queryer, id int64) (Task, error) {
	t, err := scanTask(q.QueryRowContext(ctx, `SELECT `+taskCols+` FROM tasks t JOIN clients c ON c.id = t.client_id WHERE t.id = ?`, id))
	return t, notFound(err, fmt.Sprintf("task #%d", id))
}

func taskByName(ctx context.Context, q Queryer, c Client, name string) (Task, error) {
	t, err := scanTask(q.QueryRowContext(ctx, `SELECT `+taskCols+` FROM tasks t JOIN clients c ON c.id = t.client_id
		WHERE t.client_id = ? AND t.name = ?`, c.ID, strings.TrimSpace(name)))
	if err == sql.ErrNoRows {
		return t, inputerr.New("task %q of %s %w: see `horas task list %s`, or add it with `horas task add`", name, c.Name, ErrNotFound, c.Name)
	}
	return t, err
}

// Task returns a task by id.
func (s *Service) Task(ctx context.Context, id int64) (Task, error) {
	return taskByID(ctx, s.db.Reader(), id)
}

// TaskByName finds a client's task by name, ignoring case.
func (s *Service) TaskByName(ctx context.Context, clientName, name string) (Task, error) {
	c, err := clientByName(ctx, s.db.Reader(), clientName)
	if err != nil {
		return Task{}, err
	}
	return taskByName(ctx, s.db.Reader(), c, name)
}

// Tasks lists the tasks of a client (all clients when clientID is 0), open
// ones first by name; done ones only when asked.
func (s *Service) Tasks(ctx context.Context, clientID int64, withDone bool) ([]Task, error) {
	return LoadTasks(ctx, s.db.Reader(), clientID, withDone)
}

// LoadTasks is Tasks inside a caller's transaction.
func LoadTasks(ctx context.Context, q Queryer, clientID int64, withDone bool) ([]Task, error) {
	query := `SELECT ` + taskCols + ` FROM tasks t JOIN clients c ON c.id = t.client_id WHERE (? = 0 OR t.client_id = ?)`
	if !withDone {
		query += ` AND t.done_at IS NULL`
	}
	rows, err := q.QueryContext(ctx, query+` ORDER BY c.name, t.done_at IS NOT NULL, t.name`, clientID, clientID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ts []Task
	for rows.Next() {
		t, err := scanTask(rows)
		if err != nil {
			return nil, err
		}
		ts = append(ts, t)
	}
	return ts, rows.Err()
}
