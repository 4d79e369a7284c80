package report

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/tracking"
)

// Deadline is an open task with a due time.
type Deadline struct {
	ClientID, TaskID int64
	Client, Task     string
	Kind             billing.Kind
	Requested        time.Time // zero when unknown
	Due              time.Time
	// Urgency is the level set by hand, else the one suggested from the
	// notice given (rule 3) with the client's notice period.
	Urgency   billing.Urgency
	Suggested bool // Urgency was suggested, not set by hand
	Seconds   int64
	Hours     decimal.Decimal // tracked so far, all time
	Overdue   bool            // due before now
	Left      time.Duration   // due − now, negative when overdue
}

// Deadlines lists the open tasks of active clients that have a due time,
// soonest first.
func (s *Service) Deadlines(ctx context.Context, q tracking.Queryer) ([]Deadline, error) {
	sc, err := s.loadScope(ctx, q, Period{}, 0)
	if err != nil {
		return nil, err
	}
	now := time.Unix(sc.now, 0)
	var out []Deadline
	for _, t := range sc.tasks {
		c := sc.clients[t.ClientID]
		if t.Done() || t.Due.IsZero() || c.Archived {
			continue
		}
		out = append(out, Deadline{ClientID: c.ID, TaskID: t.ID, Client: c.Name, Task: t.Name, Kind: t.Kind,
			Requested: t.Requested, Due: t.Due, Urgency: t.EffectiveUrgency(c.NoticeDays), Suggested: t.Urgency == "",
			Overdue: t.Due.Before(now), Left: t.Due.Sub(now)})
	}
	ids := make([]int64, len(out))
	for i, d := range out {
		ids[i] = d.TaskID
	}
	secs, err := timeOf(ctx, q, ids, sc.now)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Seconds = secs[out[i].TaskID]
		out[i].Hours = Hours(out[i].Seconds)
	}
	slices.SortFunc(out, func(x, y Deadline) int {
		return cmp.Or(x.Due.Compare(y.Due), strings.Compare(x.Client, y.Client), strings.Compare(x.Task, y.Task))
	})
	return out, nil
}

// timeOf sums the raw seconds of some tasks over all time, seeking the
// covering index once per task.
func timeOf(ctx context.Context, q tracking.Queryer, ids []int64, now int64) (map[int64]int64, error) {
	out := make(map[int64]int64, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	args := []any{now}
	for _, id := range ids {
		args = append(args, id)
	}
	rows, err := q.QueryContext(ctx, timeOfQuery(len(ids)), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, secs int64
		if err := rows.Scan(&id, &secs); err != nil {
			return nil, err
		}
		out[id] = secs
	}
	return out, rows.Err()
}

// timeOfQuery sums the time of n tasks given as ?2 … ?n+1, up to ?1 for a
// running entry.
func timeOfQuery(n int) string {
	var list strings.Builder
	for i := range n {
		if i > 0 {
			list.WriteByte(',')
		}
		fmt.Fprintf(&list, "?%d", i+2)
	}
	return `SELECT task_id, sum(max(coalesce(end_at, ?1) - start_at, 0)) FROM entries
		WHERE task_id IN (` + list.String() + `) GROUP BY task_id`
}
