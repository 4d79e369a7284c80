package report

import (
	"context"
	"time"

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/money"
	"github.com/horasapp/horas/internal/tracking"
)

// RetainerMonth is the hours account of one retainer month: from the issued
// invoice when there is one, else as the month stands now.
type RetainerMonth struct {
	Year     int
	Month    time.Month
	Invoiced bool
	billing.RetainerUse
}

// ClientRow is one client over a period.
type ClientRow struct {
	ClientID           int64
	Client, Currency   string
	Archived           bool
	Seconds            int64
	BillableSeconds    int64
	NonBillableSeconds int64
	Hours              decimal.Decimal
	// Billed is as in TimeReport: invoiced months at the invoice's
	// amounts, the others at the value of their work so far.
	Billed            decimal.Decimal
	EffectiveRate     decimal.NullDecimal
	EffectiveRateHome decimal.NullDecimal
	NoRate            bool
	// UnbilledSeconds is billable hourly time on no issued invoice.
	UnbilledSeconds int64
	UnbilledHours   decimal.Decimal
	// Unbilled is what is not on an issued invoice yet: the value of the
	// unbilled time and, in months not invoiced, their fee and fixed prices.
	Unbilled decimal.Decimal
	Retainer []RetainerMonth // months the period touches, oldest first
}

// ClientsReport is every active client (and archived ones with work in the
// period) by name.
type ClientsReport struct {
	Period   Period
	Home     string
	RateDay  time.Time
	Clients  []ClientRow
	Seconds  int64
	Hours    decimal.Decimal
	Billed   []Amount // per currency
	Unbilled []Amount // per currency
	// BilledHome and UnbilledHome are the totals in the home currency,
	// unset when a currency has no rate (listed in MissingRates).
	BilledHome   decimal.NullDecimal
	UnbilledHome decimal.NullDecimal
	MissingRates []string
}

// Clients reports hours, billed and unbilled amounts and retainer use per
// client over a period.
func (s *Service) Clients(ctx context.Context, q tracking.Queryer, p Period) (ClientsReport, error) {
	sc, err := s.loadScope(ctx, q, p, 0)
	if err != nil {
		return ClientsReport{}, err
	}
	a, err := s.analyse(ctx, q, sc)
	if err != nil {
		return ClientsReport{}, err
	}
	conv, err := s.converter(ctx, q, sc)
	if err != nil {
		return ClientsReport{}, err
	}
	rows := map[int64]*ClientRow{}
	for _, id := range sc.order {
		c := sc.clients[id]
		rows[id] = &ClientRow{ClientID: id, Client: c.Name, Currency: c.Currency, Archived: c.Archived,
			Billed: a.unattributed[id], Unbilled: decimal.Zero}
	}
	for id, t := range a.times {
		r := rows[sc.tasks[id].ClientID]
		r.Seconds += t.Seconds
		r.BillableSeconds += t.BillableSeconds()
		r.NonBillableSeconds += t.NonBillableSeconds
	}
	for id, b := range a.billed {
		r := rows[sc.tasks[id].ClientID]
		r.Billed = r.Billed.Add(b)
	}
	for _, cm := range a.months {
		r := rows[cm.clientID]
		digits, _ := money.Digits(r.Currency)
		num, den := cm.unbilled.rawIn, cm.unbilled.raw
		if den == 0 {
			num, den = overlap(sc.from, sc.to, cm.from, cm.to), cm.to-cm.from
		}
		r.UnbilledSeconds += cm.unbilled.rawIn
		r.Unbilled = r.Unbilled.Add(prorate(cm.value, num, den, digits))
		if cm.retainer != nil {
			y, m := cm.month.date()
			r.Retainer = append(r.Retainer, RetainerMonth{Year: y, Month: m, Invoiced: cm.invoice != nil, RetainerUse: *cm.retainer})
		}
	}

	rep := ClientsReport{Period: p, Home: sc.home, RateDay: sc.rateDay}
	billed, unbilled := map[string]decimal.Decimal{}, map[string]decimal.Decimal{}
	for _, id := range sc.order {
		r := rows[id]
		if r.Archived && r.Seconds == 0 && r.Billed.IsZero() && r.Unbilled.IsZero() {
			continue
		}
		r.Hours, r.UnbilledHours = Hours(r.Seconds), Hours(r.UnbilledSeconds)
		r.EffectiveRate = rate(r.Billed, r.Hours, r.Currency)
		if r.EffectiveRateHome, r.NoRate, err = conv.homeRate(r.EffectiveRate, r.Currency); err != nil {
			return ClientsReport{}, err
		}
		rep.Clients = append(rep.Clients, *r)
		rep.Seconds += r.Seconds
		billed[r.Currency] = billed[r.Currency].Add(r.Billed)
		unbilled[r.Currency] = unbilled[r.Currency].Add(r.Unbilled)
	}
	rep.Hours = Hours(rep.Seconds)
	rep.Billed, rep.Unbilled = sumByCurrency(billed), sumByCurrency(unbilled)
	bh, uh := decimal.Zero, decimal.Zero
	for i, b := range rep.Billed {
		v, ok, err := conv.convert(b.Value, b.Currency)
		if err != nil {
			return ClientsReport{}, err
		}
		if !ok {
			rep.MissingRates = append(rep.MissingRates, b.Currency)
			continue
		}
		bh = bh.Add(v)
		u, _, _ := conv.convert(rep.Unbilled[i].Value, b.Currency) // same currencies, same rate
		uh = uh.Add(u)
	}
	if len(rep.MissingRates) == 0 {
		rep.BilledHome, rep.UnbilledHome = decimal.NewNullDecimal(bh), decimal.NewNullDecimal(uh)
	}
	return rep, nil
}
