// Package billing turns a client's settings, tasks and a month's time entries
// into invoice lines, taxes and totals (DESIGN.md "Billing rules"). It imports
// no SQL, no Fyne and no PDF: it is the one source of truth for every amount.
package billing

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/money"
)

// Kind says how a task bills.
type Kind string

const (
	Hourly      Kind = "hourly"
	Fixed       Kind = "fixed"
	NonBillable Kind = "non-billable"
)

// ParseKind accepts the names the CLI and fixtures use; empty means hourly.
func ParseKind(s string) (Kind, error) {
	switch k := Kind(strings.ToLower(strings.TrimSpace(s))); k {
	case "":
		return Hourly, nil
	case Hourly, Fixed, NonBillable:
		return k, nil
	}
	return "", fmt.Errorf("billing kind %q: use hourly, fixed or non-billable", s)
}

// Urgency of a task or entry. The empty value means "not set": a task then
// takes the level suggested from notice, an entry takes its task's.
type Urgency string

const (
	Normal Urgency = "normal"
	Urgent Urgency = "urgent"
	Rush   Urgency = "rush"
)

// ParseUrgency accepts normal, urgent, rush or empty (unset).
func ParseUrgency(s string) (Urgency, error) {
	switch u := Urgency(strings.ToLower(strings.TrimSpace(s))); u {
	case "", Normal, Urgent, Rush:
		return u, nil
	}
	return "", fmt.Errorf("urgency %q: use normal, urgent or rush", s)
}

// RoundMode says which way an entry's duration goes to the increment.
type RoundMode string

const (
	RoundUp      RoundMode = "up"
	RoundNearest RoundMode = "nearest"
	RoundDown    RoundMode = "down"
)

// Rounding applies to each entry's duration. The zero value rounds nothing.
type Rounding struct {
	Minutes int
	Mode    RoundMode
}

// ParseRounding reads "15m:up", "6m:nearest", "30m:down"; "" or "none" is no rounding.
func ParseRounding(s string) (Rounding, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" || s == "none" {
		return Rounding{}, nil
	}
	bad := fmt.Errorf("rounding %q: write minutes and a mode, e.g. 15m:up, 6m:nearest or 30m:down", s)
	inc, mode, ok := strings.Cut(s, ":")
	if !ok {
		return Rounding{}, bad
	}
	n, err := strconv.Atoi(strings.TrimSuffix(inc, "m"))
	if err != nil || n <= 0 || n > 24*60 {
		return Rounding{}, bad
	}
	switch m := RoundMode(mode); m {
	case RoundUp, RoundNearest, RoundDown:
		return Rounding{Minutes: n, Mode: m}, nil
	}
	return Rounding{}, bad
}

// IsZero reports whether the rule rounds nothing.
func (r Rounding) IsZero() bool { return r.Minutes == 0 }

func (r Rounding) String() string {
	if r.IsZero() {
		return ""
	}
	return fmt.Sprintf("%dm:%s", r.Minutes, r.Mode)
}

// Apply rounds a duration in seconds to the rule's increment. Nearest rounds
// a half increment up (7.5 minutes with 15m:nearest gives 15).
func (r Rounding) Apply(seconds int64) int64 {
	if r.IsZero() {
		return seconds
	}
	inc := int64(r.Minutes) * 60
	q, rem := seconds/inc, seconds%inc
	switch r.Mode {
	case RoundUp:
		if rem > 0 {
			q++
		}
	case RoundNearest:
		if 2*rem >= inc {
			q++
		}
	}
	return q * inc
}

// Tax is one tax line of a client: VAT 20, IVA 21, IRPF -15 (withholding).
type Tax struct {
	Name string
	Pct  decimal.Decimal
}

// ParseTax reads "NAME:PCT" such as "IVA:21" or "IRPF:-15".
func ParseTax(s string) (Tax, error) {
	name, pct, ok := strings.Cut(s, ":")
	name = strings.TrimSpace(name)
	bad := fmt.Errorf("tax %q: write NAME:PERCENT, e.g. IVA:21 or IRPF:-15", s)
	if !ok || name == "" {
		return Tax{}, bad
	}
	p, err := decimal.NewFromString(strings.TrimSpace(pct))
	if err != nil || p.Abs().GreaterThan(decimal.NewFromInt(100)) {
		return Tax{}, bad
	}
	return Tax{Name: name, Pct: p}, nil
}

func (t Tax) String() string { return t.Name + ":" + t.Pct.String() }

// Retainer is a monthly fee that covers a number of hours.
type Retainer struct {
	Fee         decimal.Decimal
	Hours       decimal.Decimal
	OverageRate decimal.NullDecimal // unset: the client's hourly rate
	RolloverCap decimal.Decimal     // hours that may carry into next month; 0 by default
}

// Default urgency multipliers (rule 1).
var (
	DefaultUrgent = decimal.RequireFromString("1.5")
	DefaultRush   = decimal.RequireFromString("2")
)

// Terms are the billing settings of a client (rule 1).
type Terms struct {
	Currency   string
	Rate       decimal.Decimal
	Rounding   Rounding
	Urgent     decimal.Decimal // multiplier for urgent work, default 1.5
	Rush       decimal.Decimal // multiplier for rush work, default 2
	NoticeDays int             // work asked with less notice is urgent
	TermsDays  int             // payment terms: due date = issue date + TermsDays
	Retainer   *Retainer
	Taxes      []Tax
	Note       string // legal note printed on invoices
}

// Multiplier returns the rate multiplier of an urgency level.
func (t Terms) Multiplier(u Urgency) decimal.Decimal {
	switch u {
	case Urgent:
		return t.Urgent
	case Rush:
		return t.Rush
	}
	return decimal.NewFromInt(1)
}

// Validate checks the terms as a whole; the message says how to fix the value.
func (t Terms) Validate() error {
	digits, err := money.Digits(t.Currency)
	if err != nil {
		return err
	}
	checkMoney := func(what string, v decimal.Decimal) error {
		if v.IsNegative() {
			return fmt.Errorf("%s %s is negative: use zero or more", what, v)
		}
		if !v.Equal(money.Round(v, digits)) {
			return fmt.Errorf("%s %s has more than %d decimals, the minor unit of %s", what, v, digits, t.Currency)
		}
		return nil
	}
	if err := checkMoney("rate", t.Rate); err != nil {
		return err
	}
	one := decimal.NewFromInt(1)
	if t.Urgent.LessThan(one) || t.Rush.LessThan(one) {
		return fmt.Errorf("urgency multipliers must be 1 or more (urgent %s, rush %s)", t.Urgent, t.Rush)
	}
	if t.NoticeDays < 0 || t.TermsDays < 0 {
		return fmt.Errorf("notice and payment terms are days from zero up")
	}
	if r := t.Retainer; r != nil {
		if err := checkMoney("retainer fee", r.Fee); err != nil {
			return err
		}
		if !r.Hours.IsPositive() {
			return fmt.Errorf("retainer hours %s: a retainer covers more than zero hours", r.Hours)
		}
		if r.OverageRate.Valid {
			if err := checkMoney("overage rate", r.OverageRate.Decimal); err != nil {
				return err
			}
		}
		if r.RolloverCap.IsNegative() {
			return fmt.Errorf("rollover cap %s is negative: use zero or more hours", r.RolloverCap)
		}
	}
	seen := map[string]bool{}
	for _, tax := range t.Taxes {
		key := strings.ToLower(tax.Name)
		if seen[key] {
			return fmt.Errorf("tax %s is listed twice", tax.Name)
		}
		seen[key] = true
	}
	return nil
}

// Task is what the engine needs of a task.
type Task struct {
	ID        int64
	Name      string
	Kind      Kind
	Rate      decimal.NullDecimal // hourly: overrides the client's rate
	Price     decimal.Decimal     // fixed: billed once, the month it is done
	Urgency   Urgency             // set by hand; empty: suggested from notice
	Requested time.Time           // when the work was asked for (zero: unknown)
	Due       time.Time           // when it is due (zero: no deadline)
	DoneAt    time.Time           // zero: not done
}

// Entry is what the engine needs of a time entry. Start and End are instants.
type Entry struct {
	ID          int64
	TaskID      int64
	Start, End  time.Time
	Urgency     Urgency // empty: the task's
	NonBillable bool
}
