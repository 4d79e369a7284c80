package invoice

import (
	"context"
	"sort"
	"time"

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/fx"
)

// Buckets of days past the due date, as accountants read receivables.
var Buckets = []string{"current", "1-30", "31-60", "61-90", "90+"}

func bucketOf(daysPastDue int) int {
	switch {
	case daysPastDue <= 0:
		return 0
	case daysPastDue <= 30:
		return 1
	case daysPastDue <= 60:
		return 2
	case daysPastDue <= 90:
		return 3
	}
	return 4
}

// AgingRow is what one currency is owed, by bucket.
type AgingRow struct {
	Currency string
	Buckets  [5]decimal.Decimal
	Total    decimal.Decimal
	Count    int
	Overdue  int
}

// Aging is the receivables report: per currency, and a home-currency total
// converted per invoice at the rate of its issue date (rule 9).
type Aging struct {
	AsOf         time.Time
	Home         string
	Rows         []AgingRow
	HomeBuckets  [5]decimal.Decimal
	HomeTotal    decimal.Decimal
	MissingRates []string // "USD 2026-0004": invoices left out of the home total
	Invoices     []Summary
}

// Complete reports whether every invoice could be converted to home.
func (a Aging) Complete() bool { return len(a.MissingRates) == 0 }

// Aging builds the receivables report as of a date (zero: today).
func (s *Service) Aging(ctx context.Context, asOf time.Time) (Aging, error) {
	if asOf.IsZero() {
		asOf = s.Today()
	}
	asOf = DateOf(asOf)
	p, err := s.Profile(ctx)
	if err != nil {
		return Aging{}, err
	}
	list, err := s.List(ctx, Filter{Kind: KindInvoice})
	if err != nil {
		return Aging{}, err
	}
	rates := fx.New(s.db)
	a := Aging{AsOf: asOf, Home: p.HomeCurrency}
	rows := map[string]*AgingRow{}
	for _, m := range list {
		if !m.Balance.IsPositive() || m.IssueDate.After(asOf) {
			continue
		}
		days := int(asOf.Sub(m.DueDate).Hours() / 24)
		b := bucketOf(days)
		r := rows[m.Currency]
		if r == nil {
			r = &AgingRow{Currency: m.Currency}
			rows[m.Currency] = r
		}
		r.Buckets[b] = r.Buckets[b].Add(m.Balance)
		r.Total = r.Total.Add(m.Balance)
		r.Count++
		if days > 0 {
			r.Overdue++
		}
		a.Invoices = append(a.Invoices, m)
		home, ok, err := rates.Convert(ctx, m.Balance, m.Currency, p.HomeCurrency, m.IssueDate)
		if err != nil {
			return a, err
		}
		if !ok {
			a.MissingRates = append(a.MissingRates, m.Currency+" "+m.Number)
			continue
		}
		a.HomeBuckets[b] = a.HomeBuckets[b].Add(home)
		a.HomeTotal = a.HomeTotal.Add(home)
	}
	for _, r := range rows {
		a.Rows = append(a.Rows, *r)
	}
	sort.Slice(a.Rows, func(i, j int) bool { return a.Rows[i].Currency < a.Rows[j].Currency })
	return a, nil
}
