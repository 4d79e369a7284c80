package report

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/tracking"
)

// TaskTime is the time of one task in a period.
type TaskTime struct {
	TaskID             int64
	Seconds            int64 // raw tracked seconds; a running entry up to now
	NonBillableSeconds int64 // marked non-billable, or of a non-billable task
}

// BillableSeconds is the time on hourly and fixed-price work.
func (t TaskTime) BillableSeconds() int64 { return t.Seconds - t.NonBillableSeconds }

// timeQuery sums durations per task in SQL. The filter on task_id and the
// columns read are all in entries_task_time, so SQLite answers from the index.
const timeQuery = `SELECT task_id,
	sum(max(coalesce(end_at, ?4) - start_at, 0)),
	sum(CASE WHEN non_billable THEN max(coalesce(end_at, ?4) - start_at, 0) ELSE 0 END)
	FROM entries WHERE ` + taskFilter + ` AND start_at >= ?2 AND start_at < ?3
	GROUP BY task_id`

// TaskTimes gives the time per task (of one client, or all when clientID is
// 0) in a period, by task id. Tasks without time are left out.
func (s *Service) TaskTimes(ctx context.Context, q tracking.Queryer, p Period, clientID int64) ([]TaskTime, error) {
	sc, err := s.loadScope(ctx, q, p, clientID)
	if err != nil {
		return nil, err
	}
	return taskTimes(ctx, q, sc)
}

func taskTimes(ctx context.Context, q tracking.Queryer, sc *scope) ([]TaskTime, error) {
	rows, err := q.QueryContext(ctx, timeQuery, sc.clientID, sc.from, sc.to, sc.now)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []TaskTime
	for rows.Next() {
		var t TaskTime
		if err := rows.Scan(&t.TaskID, &t.Seconds, &t.NonBillableSeconds); err != nil {
			return nil, err
		}
		if task := sc.tasks[t.TaskID]; task != nil && task.Kind == billing.NonBillable {
			t.NonBillableSeconds = t.Seconds
		}
		if t.Seconds > 0 {
			out = append(out, t)
		}
	}
	return out, rows.Err()
}

// TaskRow is one task in the time report.
type TaskRow struct {
	ClientID, TaskID   int64
	Client, Task       string
	Kind               billing.Kind
	Currency           string
	Seconds            int64 // raw tracked seconds in the period
	BillableSeconds    int64
	NonBillableSeconds int64
	Hours              decimal.Decimal // round(Seconds / 3600, 2)
	Share              decimal.Decimal // percent of the period's seconds, 1 decimal
	Billed             decimal.Decimal // in Currency, before taxes
	// EffectiveRate is Billed ÷ Hours in Currency; unset without hours.
	EffectiveRate decimal.NullDecimal
	// EffectiveRateHome is EffectiveRate in the home currency; unset without
	// hours, or with NoRate when there is no exchange rate.
	EffectiveRateHome decimal.NullDecimal
	NoRate            bool
}

// ClientTotal is one client's part of the time report.
type ClientTotal struct {
	ClientID           int64
	Client, Currency   string
	Tasks              int // tasks with time or money in the period
	Seconds            int64
	BillableSeconds    int64
	NonBillableSeconds int64
	Hours              decimal.Decimal
	Share              decimal.Decimal
	// Billed is the sum of the client's task rows plus Unattributed.
	Billed decimal.Decimal
	// Unattributed is money of months without hourly hours to spread it
	// over, such as a retainer fee in a month of fixed-price work only.
	Unattributed      decimal.Decimal
	EffectiveRate     decimal.NullDecimal
	EffectiveRateHome decimal.NullDecimal
	NoRate            bool
}

// Totals add up the whole period.
type Totals struct {
	Seconds            int64
	BillableSeconds    int64
	NonBillableSeconds int64
	Hours              decimal.Decimal
	Billed             []Amount // per currency, by code
	// BilledHome is all of Billed in the home currency; unset when a
	// currency has no rate (listed in MissingRates).
	BilledHome        decimal.NullDecimal
	MissingRates      []string
	EffectiveRateHome decimal.NullDecimal // BilledHome ÷ Hours
}

// TimeReport says where the time of a period went.
type TimeReport struct {
	Period  Period
	Home    string    // the VA's home currency
	RateDay time.Time // exchange rates are the latest on or before this day
	// Rows are the tasks by seconds, most first, ties by client then task;
	// only the first top when a top was asked for.
	Rows    []TaskRow
	Omitted int // rows left out by top
	Clients []ClientTotal
	Total   Totals
}

// TimeReport gives per task of one client (all when clientID is 0) the time
// of the period, its share and what it billed; top > 0 keeps that many rows
// (totals still cover all). q is a read transaction or pool.
func (s *Service) TimeReport(ctx context.Context, q tracking.Queryer, p Period, clientID int64, top int) (TimeReport, error) {
	sc, err := s.loadScope(ctx, q, p, clientID)
	if err != nil {
		return TimeReport{}, err
	}
	a, err := s.analyse(ctx, q, sc)
	if err != nil {
		return TimeReport{}, err
	}
	conv, err := s.converter(ctx, q, sc)
	if err != nil {
		return TimeReport{}, err
	}
	rep := TimeReport{Period: p, Home: sc.home, RateDay: sc.rateDay}

	var total int64
	for _, t := range a.times {
		total += t.Seconds
	}
	clients := map[int64]*ClientTotal{}
	clientOf := func(id int64) *ClientTotal {
		ct := clients[id]
		if ct == nil {
			c := sc.clients[id]
			ct = &ClientTotal{ClientID: id, Client: c.Name, Currency: c.Currency, Billed: decimal.Zero, Unattributed: decimal.Zero}
			clients[id] = ct
		}
		return ct
	}
	var rows []TaskRow
	for id, task := range sc.tasks {
		t, billed := a.times[id], a.billed[id]
		if t.Seconds == 0 && billed.IsZero() {
			continue
		}
		c := sc.clients[task.ClientID]
		row := TaskRow{ClientID: c.ID, TaskID: id, Client: c.Name, Task: task.Name, Kind: task.Kind, Currency: c.Currency,
			Seconds: t.Seconds, BillableSeconds: t.BillableSeconds(), NonBillableSeconds: t.NonBillableSeconds,
			Hours: Hours(t.Seconds), Share: share(t.Seconds, total), Billed: billed}
		row.EffectiveRate = rate(row.Billed, row.Hours, c.Currency)
		if row.EffectiveRateHome, row.NoRate, err = conv.homeRate(row.EffectiveRate, c.Currency); err != nil {
			return TimeReport{}, err
		}
		rows = append(rows, row)
		ct := clientOf(c.ID)
		ct.Tasks++
		ct.Seconds += row.Seconds
		ct.BillableSeconds += row.BillableSeconds
		ct.NonBillableSeconds += row.NonBillableSeconds
		ct.Billed = ct.Billed.Add(row.Billed)
	}
	for id, amount := range a.unattributed {
		if !amount.IsZero() {
			ct := clientOf(id)
			ct.Unattributed = ct.Unattributed.Add(amount)
			ct.Billed = ct.Billed.Add(amount)
		}
	}
	slices.SortFunc(rows, func(x, y TaskRow) int {
		return cmp.Or(cmp.Compare(y.Seconds, x.Seconds), strings.Compare(x.Client, y.Client),
			strings.Compare(x.Task, y.Task), cmp.Compare(x.TaskID, y.TaskID))
	})

	billed := map[string]decimal.Decimal{}
	for _, ct := range clients {
		ct.Hours, ct.Share = Hours(ct.Seconds), share(ct.Seconds, total)
		ct.EffectiveRate = rate(ct.Billed, ct.Hours, ct.Currency)
		if ct.EffectiveRateHome, ct.NoRate, err = conv.homeRate(ct.EffectiveRate, ct.Currency); err != nil {
			return TimeReport{}, err
		}
		rep.Clients = append(rep.Clients, *ct)
		rep.Total.Seconds += ct.Seconds
		rep.Total.BillableSeconds += ct.BillableSeconds
		rep.Total.NonBillableSeconds += ct.NonBillableSeconds
		billed[ct.Currency] = billed[ct.Currency].Add(ct.Billed)
	}
	slices.SortFunc(rep.Clients, func(x, y ClientTotal) int {
		return cmp.Or(cmp.Compare(y.Seconds, x.Seconds), strings.Compare(x.Client, y.Client), cmp.Compare(x.ClientID, y.ClientID))
	})
	rep.Total.Hours = Hours(rep.Total.Seconds)
	rep.Total.Billed = sumByCurrency(billed)
	home := decimal.Zero
	for _, b := range rep.Total.Billed {
		v, ok, err := conv.convert(b.Value, b.Currency)
		if err != nil {
			return TimeReport{}, err
		}
		if !ok {
			rep.Total.MissingRates = append(rep.Total.MissingRates, b.Currency)
		}
		home = home.Add(v)
	}
	if len(rep.Total.MissingRates) == 0 {
		rep.Total.BilledHome = decimal.NewNullDecimal(home)
		rep.Total.EffectiveRateHome = rate(home, rep.Total.Hours, sc.home)
	}

	if top > 0 && len(rows) > top {
		rep.Omitted = len(rows) - top
		rows = rows[:top]
	}
	rep.Rows = rows
	return rep, nil
}
