// Package fx keeps exchange rates (typed by hand or imported from the ECB
// reference CSV) and converts amounts to the VA's home currency with the
// latest rate on or before a date. With no rate it says so (ok == false);
// it never guesses.
package fx

import (
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/inputerr"
	"github.com/horasapp/horas/internal/money"
	"github.com/horasapp/horas/internal/store"
)

const dayLayout = "2006-01-02"

// Service reads and writes rates.
type Service struct{ db *store.DB }

// New returns the rates service.
func New(db *store.DB) *Service { return &Service{db: db} }

// Set records that 1 unit of cur was worth rate units of home on day.
func (s *Service) Set(ctx context.Context, cur, home string, day time.Time, rate decimal.Decimal) error {
	c, err := money.NormalizeCode(cur)
	if err != nil {
		return inputerr.Wrap(err)
	}
	h, err := money.NormalizeCode(home)
	if err != nil {
		return inputerr.Wrap(err)
	}
	if c == h {
		return inputerr.New("%s is the home currency: its rate is always 1", c)
	}
	if !rate.IsPositive() {
		return inputerr.New("rate %s: give how many %s one %s was worth, more than zero", rate, h, c)
	}
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		return put(ctx, tx, c, h, day, rate, "manual")
	})
}

func put(ctx context.Context, tx *sql.Tx, base, quote string, day time.Time, rate decimal.Decimal, source string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO rates (base, quote, day, rate, source) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (base, quote, day) DO UPDATE SET rate = excluded.rate, source = excluded.source`,
		base, quote, day.Format(dayLayout), rate.String(), source)
	return err
}

// ImportECB reads the ECB reference rates CSV (eurofxref-hist.csv:
// "Date,USD,JPY,…" with one row per day, "N/A" where a currency has no
// rate) in one transaction: any bad row stops the import with its line
// number and nothing is stored. It returns the number of rates stored.
func (s *Service) ImportECB(ctx context.Context, r io.Reader) (int, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return 0, inputerr.New("line 1: not an ECB rates file: %v", err)
	}
	header[0] = strings.TrimPrefix(header[0], "\ufeff")
	if !strings.EqualFold(strings.TrimSpace(header[0]), "Date") {
		return 0, inputerr.New("line 1: an ECB rates file starts with Date,USD,JPY,…; this one starts with %q", header[0])
	}
	codes := make([]string, len(header))
	for i, h := range header[1:] {
		h = strings.TrimSpace(h)
		if h == "" {
			continue // the ECB file ends each line with a comma
		}
		if _, err := money.Digits(h); err != nil && len(h) != 3 {
			return 0, inputerr.New("line 1: column %d %q is not a currency code", i+2, h)
		}
		codes[i+1] = h
	}
	type rate struct {
		cur  string
		day  time.Time
		rate decimal.Decimal
	}
	var rates []rate
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return 0, inputerr.New("line %d: %v", line, err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		day, err := time.Parse(dayLayout, strings.TrimSpace(rec[0]))
		if err != nil {
			return 0, inputerr.New("line %d: date %q: write YYYY-MM-DD", line, rec[0])
		}
		if len(rec) > len(codes) {
			return 0, inputerr.New("line %d: %d values for %d columns", line, len(rec), len(codes))
		}
		for i := 1; i < len(rec); i++ {
			v := strings.TrimSpace(rec[i])
			if codes[i] == "" || v == "" || strings.EqualFold(v, "N/A") {
				continue
			}
			d, err := decimal.NewFromString(v)
			if err != nil || !d.IsPositive() {
				return 0, inputerr.New("line %d: %s rate %q is not a positive number", line, codes[i], v)
			}
			rates = append(rates, rate{codes[i], day, d})
		}
	}
	if len(rates) == 0 {
		return 0, inputerr.New("no rates in the file: is it the ECB CSV (eurofxref-hist.csv)?")
	}
	err = s.db.Write(ctx, func(tx *sql.Tx) error {
		for _, r := range rates {
			if err := put(ctx, tx, "EUR", r.cur, r.day, r.rate, "ecb"); err != nil {
				return err
			}
		}
		return nil
	})
	return len(rates), err
}

// Rate is 1 unit of from in to on or before day, and the day it is from.
func (s *Service) Rate(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, from, to string, day time.Time) (decimal.Decimal, time.Time, bool, error) {
	if from == to {
		return decimal.NewFromInt(1), day, true, nil
	}
	lookup := func(base, quote string) (decimal.Decimal, time.Time, bool, error) {
		if base == quote {
			return decimal.NewFromInt(1), day, true, nil
		}
		var v, d string
		err := q.QueryRowContext(ctx, `SELECT rate, day FROM rates WHERE base = ? AND quote = ? AND day <= ?
			ORDER BY day DESC LIMIT 1`, base, quote, day.Format(dayLayout)).Scan(&v, &d)
		if errors.Is(err, sql.ErrNoRows) {
			return decimal.Zero, time.Time{}, false, nil
		}
		if err != nil {
			return decimal.Zero, time.Time{}, false, err
		}
		r, err := decimal.NewFromString(v)
		t, _ := time.Parse(dayLayout, d)
		return r, t, err == nil && r.IsPositive(), err
	}
	// A direct rate, its inverse, then a cross rate through the euro.
	if r, d, ok, err := lookup(from, to); ok || err != nil {
		return r, d, ok, err
	}
	if r, d, ok, err := lookup(to, from); ok || err != nil {
		return decimal.NewFromInt(1).DivRound(r, 12), d, ok, err
	}
	rf, df, okf, err := lookup("EUR", from)
	if !okf || err != nil {
		return decimal.Zero, time.Time{}, false, err
	}
	rt, dt, okt, err := lookup("EUR", to)
	if !okt || err != nil {
		return decimal.Zero, time.Time{}, false, err
	}
	older := df
	if dt.Before(df) {
		older = dt
	}
	return rt.DivRound(rf, 12), older, true, nil
}

// Convert turns amount of from into to at the rate on or before day,
// rounded to the minor unit of to. ok is false when there is no rate.
func (s *Service) Convert(ctx context.Context, amount decimal.Decimal, from, to string, day time.Time) (decimal.Decimal, bool, error) {
	r, _, ok, err := s.Rate(ctx, s.db.Reader(), from, to, day)
	if !ok || err != nil {
		return decimal.Zero, false, err
	}
	digits, err := money.Digits(to)
	if err != nil {
		return decimal.Zero, false, err
	}
	return money.Round(amount.Mul(r), digits), true, nil
}
