package report

import (
	"encoding/csv"
	"io"

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/money"
)

// WriteCSV writes the task rows for spreadsheets and scripts, the same from
// the CLI (`report tasks --csv`) and the window: hours with two decimals,
// share with one, amounts with their currency's minor digits, and "no rate"
// where the home-currency rate is missing.
func (r TimeReport) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"client", "task", "billing", "hours", "share", "billable_hours", "non_billable_hours",
		"currency", "billed", "effective_rate", "home_currency", "effective_rate_home"})
	for _, t := range r.Rows {
		cw.Write([]string{t.Client, t.Task, string(t.Kind), t.Hours.StringFixed(2), t.Share.StringFixed(1),
			Hours(t.BillableSeconds).StringFixed(2), Hours(t.NonBillableSeconds).StringFixed(2), t.Currency,
			money.Fixed(t.Billed, t.Currency), Cell(t.EffectiveRate, t.Currency, false), r.Home,
			Cell(t.EffectiveRateHome, r.Home, t.NoRate)})
	}
	cw.Flush()
	return cw.Error()
}

// Cell is an optional amount as text: empty when unset (no hours), "no rate"
// when the exchange rate is missing.
func Cell(d decimal.NullDecimal, cur string, noRate bool) string {
	switch {
	case noRate:
		return "no rate"
	case !d.Valid:
		return ""
	}
	return money.Fixed(d.Decimal, cur)
}
