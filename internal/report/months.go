package report

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/tracking"
)

// monthKey numbers months: year×12 + month − 1.
type monthKey int

func keyOf(y int, m time.Month) monthKey { return monthKey(y*12 + int(m) - 1) }

func (k monthKey) date() (int, time.Month) { return int(k) / 12, time.Month(int(k)%12 + 1) }

type cmKey struct {
	client int64
	month  monthKey
}

// bucket is a task's billable time of a month that the engine cannot tell
// apart: same urgency, billed by the same invoice (0: none).
type bucket struct {
	invoice int64
	urgency billing.Urgency
	seconds int64 // Σ durations rounded by the client's rule
	raw     int64 // Σ durations as tracked
	rawIn   int64 // the same, of entries inside the period
	start   int64 // first start, inside the month
}

// taskMonth is one task's entries in a client-month.
type taskMonth struct {
	id      int64
	secs    int64    // raw seconds of all its entries
	secsIn  int64    // the same inside the period
	buckets []bucket // billable time of an hourly task
}

// clientMonth is one client's calendar month (VA's zone) as far as the
// period touches it.
type clientMonth struct {
	clientID int64
	month    monthKey
	from, to int64 // the month's bounds
	tasks    []*taskMonth
	byID     map[int64]*taskMonth
	last     *taskMonth // entries come task by task

	invoice      *issued
	perTask      map[int64]decimal.Decimal // the month's amounts, before proration
	earned       map[int64]use             // hourly tasks: the time the amounts stand on
	unattributed decimal.Decimal
	retainer     *billing.RetainerUse
	value        decimal.Decimal // value of the work on no issued invoice
	unbilled     use             // billable time on no issued invoice
}

// use is the time a selection of buckets holds.
type use struct{ rounded, raw, rawIn int64 }

func newClientMonth(clientID int64, k monthKey, from, to int64) *clientMonth {
	return &clientMonth{clientID: clientID, month: k, from: from, to: to, byID: map[int64]*taskMonth{},
		perTask: map[int64]decimal.Decimal{}, earned: map[int64]use{}, unattributed: decimal.Zero, value: decimal.Zero}
}

func (cm *clientMonth) task(id int64) *taskMonth {
	if cm.last != nil && cm.last.id == id {
		return cm.last
	}
	tm := cm.byID[id]
	if tm == nil {
		tm = &taskMonth{id: id}
		cm.byID[id] = tm
		cm.tasks = append(cm.tasks, tm)
	}
	cm.last = tm
	return tm
}

// add counts one entry of task that starts in the month and lasts d
// seconds; in says whether it starts inside the period, invoice is the
// issued invoice that billed it (0 for none).
func (cm *clientMonth) add(task *tracking.Task, r billing.Rounding, start, d int64, in, nonBillable bool, u billing.Urgency, invoice int64) {
	tm := cm.task(task.ID)
	tm.secs += d
	if in {
		tm.secsIn += d
	}
	if task.Kind != billing.Hourly || nonBillable {
		return
	}
	i := slices.IndexFunc(tm.buckets, func(b bucket) bool { return b.invoice == invoice && b.urgency == u })
	if i < 0 {
		tm.buckets = append(tm.buckets, bucket{invoice: invoice, urgency: u, start: start})
		i = len(tm.buckets) - 1
	}
	b := &tm.buckets[i]
	b.seconds += r.Apply(d)
	b.raw += d
	if in {
		b.rawIn += d
	}
}

// entries turns the buckets a filter keeps into one engine entry each: the
// sum of rounded durations is a multiple of the increment, which the rule
// leaves as it is, so the engine bills them as it would the entries. A
// bucket rounded to nothing is left out; it would only add a zero line.
// It also gives the time each task's kept buckets hold.
func (cm *clientMonth) entries(keep func(invoice int64) bool) ([]billing.Entry, map[int64]use) {
	slices.SortFunc(cm.tasks, func(x, y *taskMonth) int { return cmp.Compare(x.id, y.id) })
	n := 0
	for _, tm := range cm.tasks {
		n += len(tm.buckets)
	}
	out := make([]billing.Entry, 0, n)
	uses := make(map[int64]use, len(cm.tasks))
	for _, tm := range cm.tasks {
		for _, b := range tm.buckets {
			if !keep(b.invoice) {
				continue
			}
			u := uses[tm.id]
			uses[tm.id] = use{u.rounded + b.seconds, u.raw + b.raw, u.rawIn + b.rawIn}
			if b.seconds == 0 {
				continue
			}
			start := time.Unix(b.start, 0)
			out = append(out, billing.Entry{ID: int64(len(out) + 1), TaskID: tm.id, Start: start,
				End: start.Add(time.Duration(b.seconds) * time.Second), Urgency: b.urgency})
		}
	}
	return out, uses
}

// time adds up the raw billable time of the buckets a filter keeps.
func (cm *clientMonth) time(keep func(invoice int64) bool) use {
	var u use
	for _, tm := range cm.tasks {
		for _, b := range tm.buckets {
			if keep(b.invoice) {
				u.raw += b.raw
				u.rawIn += b.rawIn
			}
		}
	}
	return u
}

type monthBound struct {
	key      monthKey
	from, to int64
}

func (s *Service) monthBounds(k monthKey) (from, to int64) {
	y, m := k.date()
	f, t := s.tr.Month(y, m)
	return f.Unix(), t.Unix()
}

func (s *Service) monthOf(at int64) monthKey {
	y, m, _ := time.Unix(at, 0).In(s.tr.Zone).Date()
	return keyOf(y, m)
}

// billingQuery reads what the engine needs of each entry, from the covering
// index alone, task by task in start order.
const billingQuery = `SELECT task_id, start_at, end_at, non_billable, urgency, invoice_id
	FROM entries WHERE ` + taskFilter + ` AND start_at >= ?2 AND start_at < ?3
	ORDER BY task_id, start_at`

// monthSet holds the client-months of a report.
type monthSet struct {
	all      map[cmKey]*clientMonth
	byClient map[int64][]*clientMonth
}

func newMonthSet() *monthSet {
	return &monthSet{all: map[cmKey]*clientMonth{}, byClient: map[int64][]*clientMonth{}}
}

// get returns a client-month, made with the given bounds if it is new.
func (ms *monthSet) get(k cmKey, from, to int64) *clientMonth {
	cm := ms.all[k]
	if cm == nil {
		cm = newClientMonth(k.client, k.month, from, to)
		ms.all[k] = cm
		ms.byClient[k.client] = append(ms.byClient[k.client], cm)
	}
	return cm
}

// monthRange gives the months to read: from the first to the last the
// period touches with entries, invoices or fixed prices.
func (s *Service) monthRange(ctx context.Context, q tracking.Queryer, sc *scope, ms *monthSet) ([]monthBound, error) {
	var first, last sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT (SELECT min(start_at) FROM entries WHERE start_at >= ?1 AND start_at < ?2),
		(SELECT max(start_at) FROM entries WHERE start_at >= ?1 AND start_at < ?2)`, sc.from, sc.to).Scan(&first, &last)
	if err != nil {
		return nil, err
	}
	lo, hi, found := monthKey(0), monthKey(0), false
	widen := func(k monthKey) {
		if !found || k < lo {
			lo = k
		}
		if !found || k > hi {
			hi = k
		}
		found = true
	}
	if first.Valid {
		widen(s.monthOf(first.Int64))
		widen(s.monthOf(last.Int64))
	}
	for k := range ms.all {
		widen(k.month)
	}
	if !found {
		return nil, nil
	}
	bounds := make([]monthBound, 0, hi-lo+1)
	for k := lo; k <= hi; k++ {
		from, to := s.monthBounds(k)
		bounds = append(bounds, monthBound{k, from, to})
	}
	return bounds, nil
}

// scanClient reads one client's entries of the months in bounds, whole
// months, into its client-months: raw seconds per task and the billable
// time in buckets.
func (s *Service) scanClient(ctx context.Context, q tracking.Queryer, sc *scope, clientID int64, bounds []monthBound, ms *monthSet) error {
	if len(bounds) == 0 {
		return nil
	}
	rows, err := q.QueryContext(ctx, billingQuery, clientID, bounds[0].from, bounds[len(bounds)-1].to)
	if err != nil {
		return err
	}
	defer rows.Close()
	var (
		taskID, start, nb int64
		end, invoiceID    sql.NullInt64
		urgency           string
		task              *tracking.Task
		rounding          billing.Rounding
		mi                int
		cm                *clientMonth
	)
	for rows.Next() {
		if err := rows.Scan(&taskID, &start, &end, &nb, &urgency, &invoiceID); err != nil {
			return err
		}
		if task == nil || taskID != task.ID {
			if task = sc.tasks[taskID]; task == nil {
				return fmt.Errorf("an entry of task %d, which the report did not load", taskID)
			}
			rounding = sc.clients[task.ClientID].Rounding
			mi = sort.Search(len(bounds), func(i int) bool { return bounds[i].to > start })
			cm = nil
		}
		for start >= bounds[mi].to {
			mi++
			cm = nil
		}
		if cm == nil {
			cm = ms.get(cmKey{task.ClientID, bounds[mi].key}, bounds[mi].from, bounds[mi].to)
		}
		stop := sc.now
		if end.Valid {
			stop = end.Int64
		}
		if d := stop - start; d > 0 { // a timer started after now has nothing yet
			cm.add(task, rounding, start, d, start >= sc.from && start < sc.to, nb != 0, billing.Urgency(urgency), invoiceID.Int64)
		}
	}
	return rows.Err()
}

// issued is an issued invoice of a client's month.
type issued struct {
	id       int64
	carryIn  decimal.Decimal
	carryOut decimal.Decimal
	doc      string
	credited decimal.Decimal // partial credit notes against it, negative
}

// loadIssued reads the issued invoices of the scope by client-month, with
// their partial credit notes.
func loadIssued(ctx context.Context, q tracking.Queryer, clientID int64) (map[cmKey]*issued, error) {
	rows, err := q.QueryContext(ctx, `SELECT i.id, i.client_id, i.period_year, i.period_month, i.carry_in, i.carry_out, i.doc,
		(SELECT group_concat(k.subtotal, ' ') FROM invoices k WHERE k.corrects_id = i.id AND k.kind = 'credit' AND k.status = 'issued')
		FROM invoices i WHERE i.kind = 'invoice' AND i.status = 'issued' AND (?1 = 0 OR i.client_id = ?1)`, clientID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[cmKey]*issued{}
	for rows.Next() {
		inv := issued{credited: decimal.Zero}
		var client int64
		var y, m int
		var carryIn, carryOut string
		var credits sql.NullString
		if err := rows.Scan(&inv.id, &client, &y, &m, &carryIn, &carryOut, &inv.doc, &credits); err != nil {
			return nil, err
		}
		if inv.carryIn, err = decimal.NewFromString(carryIn); err != nil {
			return nil, fmt.Errorf("invoice #%d: damaged carry-in: %w", inv.id, err)
		}
		if inv.carryOut, err = decimal.NewFromString(carryOut); err != nil {
			return nil, fmt.Errorf("invoice #%d: damaged carry-out: %w", inv.id, err)
		}
		for _, f := range strings.Fields(credits.String) {
			d, err := decimal.NewFromString(f)
			if err != nil {
				return nil, fmt.Errorf("credit note of invoice #%d: damaged subtotal: %w", inv.id, err)
			}
			inv.credited = inv.credited.Add(d)
		}
		out[cmKey{client, keyOf(y, time.Month(m))}] = &inv
	}
	return out, rows.Err()
}
