// Package report answers where the VA's time goes and what it earns: hours,
// share and billed amount per task (TimeReport), the same per client with
// unbilled work and retainer use (Clients), and open tasks by due date
// (Deadlines). It imports no Fyne; every amount comes from the billing engine.
//
// Time. Entries belong to a period by their start instant, as they belong to
// a month for invoicing. Hours are raw tracked seconds (no billing rounding,
// non-billable time included); a running entry counts up to now. The seconds
// are summed in SQL per task over the covering index entries_task_time, so
// SQLite never reads the entries table: a million entries take under 0.2 s.
//
// Billed amounts, before taxes, in the client's currency. Each client-month
// that overlaps the period and has entries, an issued invoice or a done
// fixed-price task is priced once:
//   - with an issued invoice, at the invoice's amounts. Its frozen document
//     has no task ids, so the engine runs again on the entries that invoice
//     billed (with its carry-in and language) and each document line takes
//     the task of the recomputed line with the same kind and description.
//     Partial credit notes against it count, negative;
//   - without one, at what billing.Compute gives for the month's entries:
//     the value of the work so far.
//
// Hourly, surcharge and fixed-price lines go to their task. The retainer fee,
// the overage line, credit notes and any document line that no longer
// matches a task (renamed since, say) are spread over the month's hourly
// tasks in proportion to their hours (the time summary of rule 6): each
// share rounded to the minor unit, the remainder on the task with the most
// hours, so the shares add up exactly. A month with no hourly hours keeps
// that money on the client as Unattributed.
//
// A month the period covers in part counts in part: a task's amount times
// the seconds it stands on inside the period over those in the month (for
// an hourly task its billable entries, else all its entries), rounded to the
// minor unit; an amount with no time behind it in that month (a fixed price
// done without work that month, an unattributed fee) by the share of the
// month's calendar time the period covers. A retainer month with no time, no
// invoice and no fixed price done is not priced: nothing says it was worked.
//
// Before the engine sees them, a month's entries are summed per task,
// urgency and invoice, each duration rounded by the client's rule first. The
// engine adds rounded durations, and a sum of rounded durations is a
// multiple of the increment that the rule leaves alone, so the amounts are
// those of the entries one by one (a test checks it). Client-months are
// priced in parallel.
//
// Amounts in the VA's home currency use the exchange rate on or before the
// last day of the period (DESIGN.md rule 9); with no rate the report says so
// (NoRate) and leaves the amount out.
package report

import (
	"context"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/fx"
	"github.com/horasapp/horas/internal/inputerr"
	"github.com/horasapp/horas/internal/money"
	"github.com/horasapp/horas/internal/tracking"
	"github.com/horasapp/horas/invoice"
)

// Service builds reports from the tracking database.
type Service struct {
	tr  *tracking.Service
	fx  *fx.Service
	now func() time.Time
}

// New returns the report service. now is the clock a running entry counts
// up to (time.Now in the app, fixed in tests).
func New(tr *tracking.Service, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{tr: tr, fx: fx.New(tr.DB()), now: now}
}

// Period is the span [From, To): entries belong to it by their start. A zero
// From means since the first entry, a zero To means with no end.
type Period struct{ From, To time.Time }

// Validate refuses a period that ends before it starts.
func (p Period) Validate() error {
	if !p.From.IsZero() && !p.To.IsZero() && !p.To.After(p.From) {
		return inputerr.New("the period ends (%s) before it starts (%s): check --from and --to",
			p.To.Format(time.RFC3339), p.From.Format(time.RFC3339))
	}
	return nil
}

// bounds are the period in unix seconds, open ends as the extreme values.
func (p Period) bounds() (from, to int64) {
	from, to = math.MinInt64, math.MaxInt64
	if !p.From.IsZero() {
		from = p.From.Unix()
	}
	if !p.To.IsZero() {
		to = p.To.Unix()
	}
	return from, to
}

// scope is what every report reads first: the clients and tasks it covers,
// the clock and the home currency.
type scope struct {
	now      int64
	from, to int64 // the period; open ends are the extreme values
	clientID int64 // 0: all clients
	clients  map[int64]*tracking.Client
	order    []int64 // client ids by name
	tasks    map[int64]*tracking.Task
	byClient map[int64][]billing.Task
	home     string
	rateDay  time.Time // the day whose exchange rates convert to home
}

func (s *Service) loadScope(ctx context.Context, q tracking.Queryer, p Period, clientID int64) (*scope, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	now := s.now().Truncate(time.Second)
	sc := &scope{now: now.Unix(), clientID: clientID, clients: map[int64]*tracking.Client{},
		tasks: map[int64]*tracking.Task{}, byClient: map[int64][]billing.Task{}}
	sc.from, sc.to = p.bounds()
	last := now
	if !p.To.IsZero() {
		last = p.To.Add(-time.Second)
	}
	y, m, d := last.In(s.tr.Zone).Date()
	sc.rateDay = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)

	ids, err := clientIDs(ctx, q, clientID)
	if err != nil {
		return nil, err
	}
	if clientID != 0 && len(ids) == 0 {
		return nil, inputerr.New("client #%d %w", clientID, tracking.ErrNotFound)
	}
	for _, id := range ids {
		c, err := tracking.LoadClient(ctx, q, id)
		if err != nil {
			return nil, err
		}
		sc.clients[id] = &c
		sc.order = append(sc.order, id)
	}
	tasks, err := tracking.LoadTasks(ctx, q, clientID, true)
	if err != nil {
		return nil, err
	}
	for i := range tasks {
		t := &tasks[i]
		sc.tasks[t.ID] = t
		sc.byClient[t.ClientID] = append(sc.byClient[t.ClientID], t.Task)
	}
	prof, err := invoice.LoadProfile(ctx, q)
	if err != nil {
		return nil, err
	}
	sc.home = prof.HomeCurrency
	return sc, nil
}

func clientIDs(ctx context.Context, q tracking.Queryer, clientID int64) ([]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT id FROM clients WHERE ? = 0 OR id = ? ORDER BY name, id`, clientID, clientID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// taskFilter is the SQL that limits entries to the scope's tasks. As an IN
// list of task ids it lets SQLite seek the (task_id, start_at, …) index once
// per task instead of scanning it.
const taskFilter = `task_id IN (SELECT id FROM tasks WHERE ?1 = 0 OR client_id = ?1)`

var secondsPerHour = decimal.NewFromInt(3600)

// Hours is round(seconds / 3600, 2), as reports show raw tracked time.
func Hours(seconds int64) decimal.Decimal {
	return decimal.NewFromInt(seconds).DivRound(secondsPerHour, 2)
}

// share is seconds as a percent of total with one decimal.
func share(seconds, total int64) decimal.Decimal {
	if total == 0 {
		return decimal.Zero
	}
	return decimal.NewFromInt(seconds).Mul(decimal.NewFromInt(100)).DivRound(decimal.NewFromInt(total), 1)
}

// divPrecision is ample for the quotients here (amounts over hours or
// seconds): a fraction with a denominator below 10^12 cannot lie within
// 10^-16 of a half-minor-unit without being on it, so rounding the quotient
// again to the minor unit gives the exactly rounded value.
const divPrecision = 16

// rate is billed ÷ hours rounded to the minor unit; unset without hours.
func rate(billed, h decimal.Decimal, currency string) decimal.NullDecimal {
	if h.IsZero() {
		return decimal.NullDecimal{}
	}
	digits, _ := money.Digits(currency)
	return decimal.NewNullDecimal(money.Round(billed.DivRound(h, divPrecision), digits))
}

// converter turns amounts into the home currency at the scope's rate day,
// looking each currency's rate up once.
type converter struct {
	ctx    context.Context
	q      tracking.Queryer
	fx     *fx.Service
	home   string
	digits int32
	day    time.Time
	rates  map[string]decimal.NullDecimal
}

func (s *Service) converter(ctx context.Context, q tracking.Queryer, sc *scope) (*converter, error) {
	digits, err := money.Digits(sc.home)
	if err != nil {
		return nil, fmt.Errorf("home currency: %w", err)
	}
	return &converter{ctx: ctx, q: q, fx: s.fx, home: sc.home, digits: digits, day: sc.rateDay,
		rates: map[string]decimal.NullDecimal{}}, nil
}

// convert gives amount in the home currency, or ok false when there is no rate.
func (c *converter) convert(amount decimal.Decimal, currency string) (decimal.Decimal, bool, error) {
	r, seen := c.rates[currency]
	if !seen {
		v, _, ok, err := c.fx.Rate(c.ctx, c.q, currency, c.home, c.day)
		if err != nil {
			return decimal.Zero, false, err
		}
		r = decimal.NullDecimal{Decimal: v, Valid: ok}
		c.rates[currency] = r
	}
	if !r.Valid {
		return decimal.Zero, false, nil
	}
	return money.Round(amount.Mul(r.Decimal), c.digits), true, nil
}

// homeRate converts an effective rate; NoRate is true when a rate was needed
// and is missing.
func (c *converter) homeRate(r decimal.NullDecimal, currency string) (decimal.NullDecimal, bool, error) {
	if !r.Valid {
		return decimal.NullDecimal{}, false, nil
	}
	v, ok, err := c.convert(r.Decimal, currency)
	if err != nil || !ok {
		return decimal.NullDecimal{}, !ok, err
	}
	return decimal.NewNullDecimal(v), false, nil
}

// Amount is an amount of one currency, for totals across clients.
type Amount struct {
	Currency string
	Value    decimal.Decimal
}

// sumByCurrency adds amounts per currency, sorted by code.
func sumByCurrency(m map[string]decimal.Decimal) []Amount {
	out := make([]Amount, 0, len(m))
	for cur, v := range m {
		out = append(out, Amount{cur, v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Currency < out[j].Currency })
	return out
}
