package billing

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/money"
)

// ErrNothingToInvoice is returned by Compute for a month without a retainer,
// billable time or a fixed-price task done in it.
var ErrNothingToInvoice = errors.New("nothing to invoice")

// Input is one client's month as the engine sees it.
type Input struct {
	Terms Terms
	Tasks []Task
	// Entries may hold other months too: Compute keeps those that start in
	// Month as seen in Zone (rule 4).
	Entries []Entry
	Year    int
	Month   time.Month
	// Zone is the VA's time zone, where months are cut.
	Zone *time.Location
	// CarryIn is the retainer hours carried out by the client's issued
	// invoice for the previous month, zero if there is none.
	CarryIn decimal.Decimal
	// Lang is the language of line descriptions: en (default), es or it.
	Lang string
}

// LineKind says what an invoice line bills.
type LineKind string

const (
	LineRetainer  LineKind = "retainer"
	LineOverage   LineKind = "overage"
	LineHourly    LineKind = "hourly"
	LineFixed     LineKind = "fixed"
	LineSurcharge LineKind = "surcharge"
)

// Line is one invoice line. Quantity is hours for hourly, overage and
// surcharge lines, 1 for retainer and fixed lines.
type Line struct {
	Kind        LineKind
	TaskID      int64 // zero on retainer and overage lines
	Task        string
	Description string
	Quantity    decimal.Decimal
	UnitPrice   decimal.Decimal
	Amount      decimal.Decimal
	Urgency     Urgency         // surcharge lines: the level billed
	Multiplier  decimal.Decimal // surcharge lines: the level's multiplier m
}

// TaxLine is one tax of the invoice: Amount = round(subtotal × Pct / 100, minor).
type TaxLine struct {
	Name   string
	Pct    decimal.Decimal
	Amount decimal.Decimal
}

// TimeRow is the hours of one task shown under a retainer (rule 4 quantity).
type TimeRow struct {
	TaskID int64
	Task   string
	Hours  decimal.Decimal
}

// RetainerUse is the hours account of a retainer month (rule 6).
type RetainerUse struct {
	Included  decimal.Decimal // H
	CarryIn   decimal.Decimal
	Available decimal.Decimal // H + carry-in
	Used      decimal.Decimal // min(Q, available)
	Overage   decimal.Decimal // Q − used, billed on the overage line
	CarryOut  decimal.Decimal // min(rollover cap, available − used)
}

// Invoice is the computed content of a monthly invoice. Amounts have exactly
// the currency's minor digits.
type Invoice struct {
	Currency string
	// PeriodStart is the first instant of the month in the VA's zone;
	// PeriodEnd is the first instant of the next month (exclusive).
	PeriodStart, PeriodEnd time.Time
	Lines                  []Line
	Subtotal               decimal.Decimal
	Taxes                  []TaxLine
	Total                  decimal.Decimal
	Retainer               *RetainerUse // nil without a retainer
	TimeSummary            []TimeRow    // retainer months: hours per hourly task
	Note                   string
	// EntryIDs are the billable entries of hourly tasks this invoice covers,
	// ascending; they get locked when it is issued.
	EntryIDs []int64
	// FixedTaskIDs are the fixed-price tasks billed on it, ascending.
	FixedTaskIDs []int64
}

// taskSum gathers one task's month while entries are read. Seconds stay
// integers until the end, so the sum does not depend on entry order.
type taskSum struct {
	task    Task
	rate    decimal.Decimal // r(task)
	urgency Urgency         // the task's effective level
	entries int             // billable entries counted
	seconds int64           // Σ rounded seconds
	byLevel [2]levelSum     // urgent, rush
}

type levelSum struct {
	entries int
	seconds int64
}

var surchargeLevels = [2]Urgency{Urgent, Rush}

// Compute applies DESIGN.md "Billing rules" 1–7 to one client's month.
// It returns ErrNothingToInvoice (wrapped) for a month without a retainer
// and with nothing billable, and a one-line error for invalid input.
func Compute(in Input) (Invoice, error) {
	terms := in.Terms
	if err := terms.Validate(); err != nil {
		return Invoice{}, fmt.Errorf("client terms: %w", err)
	}
	digits, _ := money.Digits(terms.Currency) // Validate checked the code
	if err := checkRounding(terms.Rounding); err != nil {
		return Invoice{}, err
	}
	if in.Zone == nil {
		return Invoice{}, errors.New("no time zone given: months are cut in the VA's zone, set Input.Zone")
	}
	if in.Month < time.January || in.Month > time.December {
		return Invoice{}, fmt.Errorf("month %d is not a month: use 1 to 12", in.Month)
	}
	if in.CarryIn.IsNegative() {
		return Invoice{}, fmt.Errorf("carried-in hours %s are negative: use zero or more", in.CarryIn)
	}
	inMonth := func(at time.Time) bool {
		y, m, _ := at.In(in.Zone).Date()
		return y == in.Year && m == in.Month
	}

	sums, err := prepareTasks(in.Tasks, terms, digits)
	if err != nil {
		return Invoice{}, err
	}
	index := make(map[int64]int, len(sums))
	for i := range sums {
		index[sums[i].task.ID] = i
	}

	entryIDs := make([]int64, 0, len(in.Entries))
	for _, e := range in.Entries {
		if !inMonth(e.Start) {
			continue
		}
		i, ok := index[e.TaskID]
		switch {
		case e.End.IsZero():
			return Invoice{}, fmt.Errorf("entry %d is still running: stop the timer before invoicing its month", e.ID)
		case !e.End.After(e.Start):
			return Invoice{}, fmt.Errorf("entry %d ends at %s, not after its start %s: fix its times", e.ID, e.End.Format(time.RFC3339), e.Start.Format(time.RFC3339))
		case !ok:
			return Invoice{}, fmt.Errorf("entry %d is of task %d, which is not among the client's tasks: pass every task of the client", e.ID, e.TaskID)
		}
		if err := checkUrgency(e.Urgency, func() string { return fmt.Sprintf("entry %d", e.ID) }); err != nil {
			return Invoice{}, err
		}
		s := &sums[i]
		if e.NonBillable || s.task.Kind != Hourly {
			continue
		}
		secs := terms.Rounding.Apply(int64(e.End.Sub(e.Start) / time.Second))
		s.entries++
		s.seconds += secs
		for l, level := range surchargeLevels {
			if urgencyOf(e, s.urgency) == level {
				s.byLevel[l].entries++
				s.byLevel[l].seconds += secs
			}
		}
		entryIDs = append(entryIDs, e.ID)
	}

	// Lines come in a fixed order (task name, then id) so the invoice does
	// not depend on the order tasks and entries were given in.
	slices.SortFunc(sums, func(a, b taskSum) int {
		return cmp.Or(strings.Compare(a.task.Name, b.task.Name), cmp.Compare(a.task.ID, b.task.ID))
	})
	w := wordsFor(in.Lang)
	inv := Invoice{
		Currency:    terms.Currency,
		PeriodStart: time.Date(in.Year, in.Month, 1, 0, 0, 0, 0, in.Zone),
		PeriodEnd:   time.Date(in.Year, in.Month+1, 1, 0, 0, 0, 0, in.Zone),
		Note:        terms.Note,
		EntryIDs:    entryIDs,
	}
	slices.Sort(inv.EntryIDs)

	var hourly []Line
	q := decimal.Zero
	for _, s := range sums {
		if s.entries == 0 {
			continue
		}
		hours := toHours(s.seconds)
		q = q.Add(hours)
		if terms.Retainer != nil {
			inv.TimeSummary = append(inv.TimeSummary, TimeRow{TaskID: s.task.ID, Task: s.task.Name, Hours: hours})
			continue
		}
		hourly = append(hourly, Line{
			Kind: LineHourly, TaskID: s.task.ID, Task: s.task.Name, Description: s.task.Name,
			Quantity: hours, UnitPrice: s.rate, Amount: money.Round(hours.Mul(s.rate), digits),
		})
	}

	if r := terms.Retainer; r != nil {
		use := RetainerUse{Included: r.Hours, CarryIn: in.CarryIn, Available: r.Hours.Add(in.CarryIn)}
		use.Used = decimal.Min(q, use.Available)
		use.Overage = q.Sub(use.Used)
		use.CarryOut = decimal.Min(r.RolloverCap, use.Available.Sub(use.Used))
		inv.Retainer = &use
		inv.Lines = append(inv.Lines, Line{
			Kind:        LineRetainer,
			Description: fmt.Sprintf(w.retainer, w.months[in.Month-1], in.Year, w.number(r.Hours)),
			Quantity:    decimal.NewFromInt(1), UnitPrice: r.Fee, Amount: r.Fee,
		})
		if use.Overage.IsPositive() {
			rate := terms.Rate
			if r.OverageRate.Valid {
				rate = r.OverageRate.Decimal
			}
			inv.Lines = append(inv.Lines, Line{
				Kind: LineOverage, Description: w.overage,
				Quantity: use.Overage, UnitPrice: rate, Amount: money.Round(use.Overage.Mul(rate), digits),
			})
		}
	}
	inv.Lines = append(inv.Lines, hourly...)

	for _, s := range sums {
		if s.task.Kind != Fixed || s.task.DoneAt.IsZero() || !inMonth(s.task.DoneAt) {
			continue
		}
		inv.Lines = append(inv.Lines, Line{
			Kind: LineFixed, TaskID: s.task.ID, Task: s.task.Name,
			Description: fmt.Sprintf(w.fixed, s.task.Name),
			Quantity:    decimal.NewFromInt(1), UnitPrice: s.task.Price, Amount: s.task.Price,
		})
		inv.FixedTaskIDs = append(inv.FixedTaskIDs, s.task.ID)
	}
	slices.Sort(inv.FixedTaskIDs)

	one := decimal.NewFromInt(1)
	for _, s := range sums {
		for l, level := range surchargeLevels {
			sum := s.byLevel[l]
			m := terms.Multiplier(level)
			// A multiplier of 1 adds nothing: no line for it.
			if sum.entries == 0 || m.Equal(one) {
				continue
			}
			hours := toHours(sum.seconds)
			unit := money.Round(s.rate.Mul(m.Sub(one)), digits)
			inv.Lines = append(inv.Lines, Line{
				Kind: LineSurcharge, TaskID: s.task.ID, Task: s.task.Name,
				Description: fmt.Sprintf(w.surcharge, s.task.Name, w.number(m)),
				Quantity:    hours, UnitPrice: unit, Amount: money.Round(hours.Mul(unit), digits),
				Urgency: level, Multiplier: m,
			})
		}
	}

	if terms.Retainer == nil && len(inv.Lines) == 0 {
		return Invoice{}, fmt.Errorf("%w: %d-%02d has no billable time and no fixed-price task done", ErrNothingToInvoice, in.Year, in.Month)
	}

	inv.Subtotal = decimal.Zero
	for _, l := range inv.Lines {
		inv.Subtotal = inv.Subtotal.Add(l.Amount)
	}
	inv.Total = inv.Subtotal
	for _, tax := range terms.Taxes {
		// pct/100 is a shift of the decimal point: exact, no division.
		amount := money.Round(inv.Subtotal.Mul(tax.Pct).Shift(-2), digits)
		inv.Taxes = append(inv.Taxes, TaxLine{Name: tax.Name, Pct: tax.Pct, Amount: amount})
		inv.Total = inv.Total.Add(amount)
	}
	return inv, nil
}

// prepareTasks checks the tasks and resolves each one's kind, rate and level.
func prepareTasks(tasks []Task, terms Terms, digits int32) ([]taskSum, error) {
	sums := make([]taskSum, 0, len(tasks))
	seen := make(map[int64]bool, len(tasks))
	for _, t := range tasks {
		if seen[t.ID] {
			return nil, fmt.Errorf("task %d (%s) is listed twice", t.ID, t.Name)
		}
		seen[t.ID] = true
		kind, err := ParseKind(string(t.Kind))
		if err != nil {
			return nil, fmt.Errorf("task %q: %w", t.Name, err)
		}
		t.Kind = kind
		if err := checkUrgency(t.Urgency, func() string { return fmt.Sprintf("task %q", t.Name) }); err != nil {
			return nil, err
		}
		s := taskSum{task: t, rate: terms.Rate, urgency: t.EffectiveUrgency(terms.NoticeDays)}
		switch {
		case kind == Hourly && t.Rate.Valid:
			if err := checkAmount(fmt.Sprintf("rate of task %q", t.Name), t.Rate.Decimal, terms.Currency, digits); err != nil {
				return nil, err
			}
			s.rate = t.Rate.Decimal
		case kind == Fixed:
			if err := checkAmount(fmt.Sprintf("price of task %q", t.Name), t.Price, terms.Currency, digits); err != nil {
				return nil, err
			}
		}
		sums = append(sums, s)
	}
	return sums, nil
}

// checkRounding refuses a rule that did not come through ParseRounding.
func checkRounding(r Rounding) error {
	if r.IsZero() {
		return nil
	}
	switch r.Mode {
	case RoundUp, RoundNearest, RoundDown:
		if r.Minutes > 0 {
			return nil
		}
	}
	return fmt.Errorf("rounding %dm:%s: use minutes above zero and up, nearest or down, e.g. 15m:up", r.Minutes, r.Mode)
}

// checkAmount refuses a negative amount or one finer than the minor unit (rule 4).
func checkAmount(what string, v decimal.Decimal, currency string, digits int32) error {
	if v.IsNegative() {
		return fmt.Errorf("%s %s is negative: use zero or more", what, v)
	}
	if !v.Equal(money.Round(v, digits)) {
		return fmt.Errorf("%s %s has more than %d decimals, the minor unit of %s", what, v, digits, currency)
	}
	return nil
}

var secondsPerHour = decimal.NewFromInt(3600)

// toHours is round(seconds / 3600, 2) (rule 4).
func toHours(seconds int64) decimal.Decimal {
	return decimal.NewFromInt(seconds).DivRound(secondsPerHour, 2)
}

// words are the line descriptions of one language.
type words struct {
	months    [12]string
	retainer  string // month name, year, hours
	overage   string
	fixed     string // task
	surcharge string // task, multiplier
	comma     bool   // decimal comma
}

var vocabulary = map[string]words{
	"en": {
		months:    [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		retainer:  "Retainer %s %d (%s h)",
		overage:   "Hours over the retainer",
		fixed:     "%s (fixed price)",
		surcharge: "Urgency surcharge %s (×%s)",
	},
	"es": {
		months:    [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		retainer:  "Iguala %s %d (%s h)",
		overage:   "Horas por encima de la iguala",
		fixed:     "%s (precio cerrado)",
		surcharge: "Recargo urgencia %s (×%s)",
		comma:     true,
	},
	"it": {
		months:    [12]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"},
		retainer:  "Canone %s %d (%s h)",
		overage:   "Ore oltre il canone",
		fixed:     "%s (a corpo)",
		surcharge: "Maggiorazione urgenza %s (×%s)",
		comma:     true,
	},
}

// wordsFor takes the language part of a tag ("es-ES" → es); unknown is English.
func wordsFor(lang string) words {
	base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(lang)), "-")
	base, _, _ = strings.Cut(base, "_")
	if w, ok := vocabulary[base]; ok {
		return w
	}
	return vocabulary["en"]
}

func (w words) number(d decimal.Decimal) string {
	if w.comma {
		return strings.Replace(d.String(), ".", ",", 1)
	}
	return d.String()
}
