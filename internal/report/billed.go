package report

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/money"
	"github.com/horasapp/horas/internal/tracking"
	"github.com/horasapp/horas/invoice"
)

// analysis is the time and money of a scope, shared by the reports.
type analysis struct {
	times        map[int64]TaskTime
	billed       map[int64]decimal.Decimal // per task, in the period
	unattributed map[int64]decimal.Decimal // per client, in the period
	months       []*clientMonth            // priced, by client then month
}

// analyse reads the period's time in SQL, then prices every client-month the
// period touches.
func (s *Service) analyse(ctx context.Context, q tracking.Queryer, sc *scope) (*analysis, error) {
	a := &analysis{times: map[int64]TaskTime{}, billed: map[int64]decimal.Decimal{}, unattributed: map[int64]decimal.Decimal{}}
	times, err := taskTimes(ctx, q, sc)
	if err != nil {
		return nil, err
	}
	for _, t := range times {
		a.times[t.TaskID] = t
	}
	invoices, err := loadIssued(ctx, q, sc.clientID)
	if err != nil {
		return nil, err
	}
	// Months with an issued invoice or a done fixed price are priced even
	// when the period holds no entry of theirs.
	ms := newMonthSet()
	touches := func(k cmKey) {
		if from, to := s.monthBounds(k.month); from < sc.to && sc.from < to {
			ms.get(k, from, to)
		}
	}
	for k := range invoices {
		touches(k)
	}
	fixed := map[cmKey][]billing.Task{}
	for _, t := range sc.tasks {
		if t.Kind == billing.Fixed && t.Done() {
			k := cmKey{t.ClientID, s.monthOf(t.DoneAt.Unix())}
			fixed[k] = append(fixed[k], t.Task)
			touches(k)
		}
	}
	bounds, err := s.monthRange(ctx, q, sc, ms)
	if err != nil {
		return nil, err
	}
	// Each client's months are priced on the other cores while the next
	// client's entries are read: over years of data both take long.
	jobs := make(chan *clientMonth, 256)
	errs := make([]error, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for w := range errs {
		wg.Go(func() {
			for cm := range jobs {
				if errs[w] != nil {
					continue
				}
				carry := decimal.Zero
				if prev := invoices[cmKey{cm.clientID, cm.month - 1}]; prev != nil {
					carry = prev.carryOut
				}
				errs[w] = s.price(sc.clients[cm.clientID], sc.tasks, fixed[cmKey{cm.clientID, cm.month}], cm, carry)
			}
		})
	}
	var scanErr error
	for _, id := range sc.order {
		if scanErr = s.scanClient(ctx, q, sc, id, bounds, ms); scanErr != nil {
			break
		}
		for _, cm := range ms.byClient[id] {
			cm.invoice = invoices[cmKey{id, cm.month}]
			jobs <- cm
			a.months = append(a.months, cm)
		}
	}
	close(jobs)
	wg.Wait()
	if err := errors.Join(append(errs, scanErr)...); err != nil {
		return nil, err
	}
	slices.SortFunc(a.months, func(x, y *clientMonth) int {
		return cmp.Or(cmp.Compare(x.clientID, y.clientID), cmp.Compare(x.month, y.month))
	})
	for _, cm := range a.months {
		c := sc.clients[cm.clientID]
		digits, _ := money.Digits(c.Currency)
		calIn, calLen := overlap(sc.from, sc.to, cm.from, cm.to), cm.to-cm.from
		for task, amount := range cm.perTask {
			var num, den int64
			if tm := cm.byID[task]; tm != nil {
				num, den = tm.secsIn, tm.secs
			}
			if e, hourly := cm.earned[task]; hourly {
				num, den = e.rawIn, e.raw
			}
			if den == 0 {
				num, den = calIn, calLen
			}
			a.billed[task] = a.billed[task].Add(prorate(amount, num, den, digits))
		}
		a.unattributed[c.ID] = a.unattributed[c.ID].Add(prorate(cm.unattributed, calIn, calLen, digits))
	}
	return a, nil
}

// overlap is the length of [a0, a1) ∩ [b0, b1).
func overlap(a0, a1, b0, b1 int64) int64 {
	if n := min(a1, b1) - max(a0, b0); n > 0 {
		return n
	}
	return 0
}

// prorate is amount × num ÷ den rounded to the minor unit.
func prorate(amount decimal.Decimal, num, den int64, digits int32) decimal.Decimal {
	switch {
	case num == den:
		return amount
	case num == 0 || den == 0:
		return decimal.Zero
	}
	return money.Round(amount.Mul(decimal.NewFromInt(num)).DivRound(decimal.NewFromInt(den), divPrecision), digits)
}

func (s *Service) compute(c *tracking.Client, tasks []billing.Task, es []billing.Entry, k monthKey, carry decimal.Decimal, lang string) (billing.Invoice, error) {
	y, m := k.date()
	inv, err := billing.Compute(billing.Input{Terms: c.Terms, Tasks: tasks, Entries: es, Year: y, Month: m,
		Zone: s.tr.Zone, CarryIn: carry, Lang: lang})
	if errors.Is(err, billing.ErrNothingToInvoice) {
		return billing.Invoice{Subtotal: decimal.Zero}, nil
	}
	if err != nil {
		return inv, fmt.Errorf("%s %d-%02d: %w", c.Name, y, m, err)
	}
	return inv, nil
}

// engineTasks are the tasks the engine needs for some entries: theirs, and
// the fixed-price tasks done in the month. Leaving out the others keeps a
// long report from checking every task of the client for every month.
func engineTasks(all map[int64]*tracking.Task, es []billing.Entry, fixed []billing.Task) []billing.Task {
	n := len(fixed)
	for i, e := range es {
		if i == 0 || e.TaskID != es[i-1].TaskID {
			n++
		}
	}
	out := append(make([]billing.Task, 0, n), fixed...)
	for i, e := range es {
		if i == 0 || e.TaskID != es[i-1].TaskID { // entries come task by task
			out = append(out, all[e.TaskID].Task)
		}
	}
	return out
}

// price works out a client-month's amounts per task (see the package comment).
func (s *Service) price(c *tracking.Client, all map[int64]*tracking.Task, fixed []billing.Task, cm *clientMonth, carry decimal.Decimal) error {
	digits, err := money.Digits(c.Currency)
	if err != nil {
		return err
	}
	unbilled := func(id int64) bool { return id == 0 }
	cm.unbilled = cm.time(unbilled)
	pool := decimal.Zero
	if inv := cm.invoice; inv != nil {
		var doc invoice.Document
		if err := json.Unmarshal([]byte(inv.doc), &doc); err != nil {
			return fmt.Errorf("invoice #%d: damaged document: %w", inv.id, err)
		}
		es, uses := cm.entries(func(id int64) bool { return id == inv.id })
		cm.earned = uses
		again, err := s.compute(c, engineTasks(all, es, fixed), es, cm.month, inv.carryIn, doc.Lang)
		if err != nil {
			return err
		}
		pool = matchLines(doc, again, cm.perTask).Add(inv.credited)
		if r := doc.Retainer; r != nil {
			use := billing.RetainerUse{Included: r.Included, CarryIn: r.CarryIn, Available: r.Available,
				Used: r.Used, Overage: decimal.Zero, CarryOut: r.CarryOut}
			for _, l := range doc.Lines {
				if l.Kind == string(billing.LineOverage) {
					use.Overage = use.Overage.Add(l.Quantity)
				}
			}
			cm.retainer = &use
		}
		if cm.unbilled.raw > 0 {
			// What the late entries add is what invoicing them with the
			// billed ones would give beyond the billed ones alone.
			both, _ := cm.entries(func(id int64) bool { return id == inv.id || id == 0 })
			withLate, err := s.compute(c, engineTasks(all, both, fixed), both, cm.month, inv.carryIn, doc.Lang)
			if err != nil {
				return err
			}
			cm.value = withLate.Subtotal.Sub(again.Subtotal)
		}
	} else {
		es, uses := cm.entries(unbilled)
		cm.earned = uses
		comp, err := s.compute(c, engineTasks(all, es, fixed), es, cm.month, carry, c.Lang)
		if err != nil {
			return err
		}
		for _, l := range comp.Lines {
			if l.TaskID != 0 {
				cm.perTask[l.TaskID] = cm.perTask[l.TaskID].Add(l.Amount)
			} else {
				pool = pool.Add(l.Amount)
			}
		}
		cm.retainer = comp.Retainer
		cm.value = comp.Subtotal
	}
	if pool.IsZero() {
		return nil
	}
	ids := make([]int64, 0, len(cm.earned))
	for id := range cm.earned {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	weights := make([]decimal.Decimal, len(ids))
	for i, id := range ids {
		weights[i] = Hours(cm.earned[id].rounded) // the task's hours on the time summary (rule 4)
	}
	shares, ok := spread(pool, weights, digits)
	if !ok {
		cm.unattributed = cm.unattributed.Add(pool)
		return nil
	}
	for i, id := range ids {
		cm.perTask[id] = cm.perTask[id].Add(shares[i])
	}
	return nil
}

// matchLines gives each line of an issued document to the task of the
// recomputed line with the same kind and description, adding its amount to
// perTask; it returns the sum of the lines left: retainer, overage, and any
// that match no task any more.
func matchLines(doc invoice.Document, again billing.Invoice, perTask map[int64]decimal.Decimal) decimal.Decimal {
	type lineKey struct{ kind, desc string }
	free := map[lineKey][]int64{}
	for _, l := range again.Lines {
		if l.TaskID != 0 {
			k := lineKey{string(l.Kind), l.Description}
			free[k] = append(free[k], l.TaskID)
		}
	}
	rest := decimal.Zero
	for _, l := range doc.Lines {
		k := lineKey{l.Kind, l.Description}
		if ids := free[k]; len(ids) > 0 {
			perTask[ids[0]] = perTask[ids[0]].Add(l.Amount)
			free[k] = ids[1:]
			continue
		}
		rest = rest.Add(l.Amount)
	}
	return rest
}

// spread shares amount in proportion to weights, each share rounded to the
// minor unit, the remainder on the largest weight (the first of equals) so
// the shares add up to amount. ok is false when the weights add up to zero.
func spread(amount decimal.Decimal, weights []decimal.Decimal, digits int32) ([]decimal.Decimal, bool) {
	total := decimal.Zero
	largest := -1
	for i, w := range weights {
		total = total.Add(w)
		if largest < 0 || w.GreaterThan(weights[largest]) {
			largest = i
		}
	}
	if !total.IsPositive() {
		return nil, false
	}
	shares := make([]decimal.Decimal, len(weights))
	rest := amount
	for i, w := range weights {
		shares[i] = money.Round(amount.Mul(w).DivRound(total, divPrecision), digits)
		rest = rest.Sub(shares[i])
	}
	shares[largest] = shares[largest].Add(rest)
	return shares, true
}
