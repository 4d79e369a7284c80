package invoice

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/inputerr"
	"github.com/horasapp/horas/internal/money"
	"github.com/horasapp/horas/internal/tracking"
)

const summaryQuery = `SELECT i.id, i.kind, coalesce(i.number, ''), i.client_id, c.name, i.status, i.period_year, i.period_month,
	coalesce(i.issue_date, ''), coalesce(i.due_date, ''), i.currency, i.total, i.carry_out, coalesce(o.number, ''),
	(SELECT group_concat(amount, ' ') FROM payments p WHERE p.invoice_id = i.id),
	(SELECT group_concat(total, ' ') FROM invoices k WHERE k.corrects_id = i.id)
	FROM invoices i JOIN clients c ON c.id = i.client_id LEFT JOIN invoices o ON o.id = i.corrects_id`

// sumList adds the decimals of a group_concat.
func sumList(s sql.NullString) (decimal.Decimal, error) {
	sum := decimal.Zero
	for _, f := range strings.Fields(s.String) {
		d, err := decimal.NewFromString(f)
		if err != nil {
			return sum, err
		}
		sum = sum.Add(d)
	}
	return sum, nil
}

func (s *Service) scanSummary(row interface{ Scan(...any) error }) (Summary, string, error) {
	var m Summary
	var kind, stored, issue, due, total, carry string
	var month int
	var pays, credits sql.NullString
	err := row.Scan(&m.ID, &kind, &m.Number, &m.ClientID, &m.Client, &stored, &m.Year, &month, &issue, &due,
		&m.Currency, &total, &carry, &m.Corrects, &pays, &credits)
	if err != nil {
		return m, "", err
	}
	m.Kind, m.Month = Kind(kind), time.Month(month)
	m.IssueDate, _ = time.Parse(dateLayout, issue)
	m.DueDate, _ = time.Parse(dateLayout, due)
	if m.Total, err = decimal.NewFromString(total); err != nil {
		return m, "", err
	}
	m.CarryOut, _ = decimal.NewFromString(carry)
	if m.Paid, err = sumList(pays); err != nil {
		return m, "", err
	}
	credited, err := sumList(credits)
	if err != nil {
		return m, "", err
	}
	m.Credited = credited.Neg() // credit notes are stored with negative totals
	m.Balance = m.Total.Sub(m.Paid).Sub(m.Credited)
	if m.Kind == KindCredit || stored != "issued" {
		m.Balance = decimal.Zero
	}
	m.Status = StatusOf(m.Kind, stored, m.DueDate, m.Paid, m.Balance, s.Today())
	return m, stored, nil
}

// Filter selects documents for List.
type Filter struct {
	Status   Status // empty: all
	ClientID int64
	Kind     Kind // empty: both
}

// List returns documents, newest first (drafts on top).
func (s *Service) List(ctx context.Context, f Filter) ([]Summary, error) {
	q := summaryQuery + ` WHERE (? = 0 OR i.client_id = ?) AND (? = '' OR i.kind = ?)
		ORDER BY i.status <> 'draft', i.issue_date DESC, i.kind, i.seq DESC, c.name`
	rows, err := s.db.Reader().QueryContext(ctx, q, f.ClientID, f.ClientID, f.Kind, f.Kind)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Summary
	for rows.Next() {
		m, _, err := s.scanSummary(rows)
		if err != nil {
			return nil, err
		}
		if f.Status == "" || m.Status == f.Status {
			out = append(out, m)
		}
	}
	return out, rows.Err()
}

// find resolves a document number, or a draft id ("12" or "#12").
func (s *Service) find(ctx context.Context, q tracking.Queryer, ref string) (Summary, string, error) {
	ref = strings.TrimSpace(ref)
	m, stored, err := s.scanSummary(q.QueryRowContext(ctx, summaryQuery+` WHERE i.number = ?`, ref))
	if errors.Is(err, sql.ErrNoRows) {
		if id, perr := strconv.ParseInt(strings.TrimPrefix(ref, "#"), 10, 64); perr == nil {
			m, stored, err = s.scanSummary(q.QueryRowContext(ctx, summaryQuery+` WHERE i.id = ? AND i.status = 'draft'`, id))
		}
	}
	if errors.Is(err, sql.ErrNoRows) {
		return m, "", inputerr.New("invoice %q %w: see `horas invoice list`", ref, ErrNotFound)
	}
	return m, stored, err
}

// Get returns a document with its payments. A draft is recomputed first, so
// it always shows what would be issued now.
func (s *Service) Get(ctx context.Context, ref string) (Record, error) {
	m, stored, err := s.find(ctx, s.db.Reader(), ref)
	if err != nil {
		return Record{}, err
	}
	if stored == "draft" {
		if _, err := s.Prepare(ctx, m.ClientID, m.Year, m.Month); err != nil {
			return Record{}, err
		}
	}
	var r Record
	err = s.db.Read(ctx, func(tx *sql.Tx) error {
		if r.Summary, _, err = s.find(ctx, tx, ref); err != nil {
			return err
		}
		var doc string
		if err := tx.QueryRowContext(ctx, `SELECT doc FROM invoices WHERE id = ?`, r.ID).Scan(&doc); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(doc), &r.Doc); err != nil {
			return fmt.Errorf("invoice %s: damaged document: %w", ref, err)
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, paid_on, amount, method, note FROM payments WHERE invoice_id = ? ORDER BY paid_on, id`, r.ID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p Payment
			var day, amount string
			if err := rows.Scan(&p.ID, &day, &amount, &p.Method, &p.Note); err != nil {
				return err
			}
			p.Date, _ = time.Parse(dateLayout, day)
			p.Amount, _ = decimal.NewFromString(amount)
			r.Payments = append(r.Payments, p)
		}
		crows, err := tx.QueryContext(ctx, `SELECT number FROM invoices WHERE corrects_id = ? ORDER BY seq`, r.ID)
		if err != nil {
			return err
		}
		defer crows.Close()
		for crows.Next() {
			var n string
			crows.Scan(&n)
			r.Credits = append(r.Credits, n)
		}
		return crows.Err()
	})
	return r, err
}

// Balance is what the PDF prints under the totals.
func (r Record) Balance() Balance {
	return Balance{Paid: r.Paid.Add(r.Credited), Balance: r.Summary.Balance}
}

// Pay records a payment in the invoice currency. A payment above the
// balance is refused.
func (s *Service) Pay(ctx context.Context, number string, amount decimal.Decimal, day time.Time, method, note string) error {
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		m, stored, err := s.find(ctx, tx, number)
		if err != nil {
			return err
		}
		if m.Kind != KindInvoice || stored != "issued" {
			return inputerr.New("%s is a %s that is %s: payments go on issued invoices", number, m.Kind, m.Status)
		}
		if !amount.IsPositive() {
			return inputerr.New("payment %s: the amount must be more than zero", amount)
		}
		if _, err := money.ParseExact(amount.String(), m.Currency); err != nil {
			return inputerr.Wrap(err)
		}
		if amount.GreaterThan(m.Balance) {
			return inputerr.New("payment %s %s is more than the balance of %s (%s %s)", money.Fixed(amount, m.Currency), m.Currency,
				number, money.Fixed(m.Balance, m.Currency), m.Currency)
		}
		if DateOf(day).Before(m.IssueDate) {
			return inputerr.New("payment date %s is before the invoice date %s", day.Format(dateLayout), m.IssueDate.Format(dateLayout))
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO payments (invoice_id, paid_on, amount, method, note, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			m.ID, DateOf(day).Format(dateLayout), money.Fixed(amount, m.Currency), strings.TrimSpace(method), strings.TrimSpace(note), s.now().Unix())
		return err
	})
}

// Credit issues a credit note against an invoice and returns its number.
// amount nil credits the whole invoice: it is cancelled and its entries are
// unlocked so the month can be invoiced again. Otherwise amount is the base
// (before taxes) to credit; the invoice's tax rates apply to it, and the
// credit note's total may not exceed the balance.
func (s *Service) Credit(ctx context.Context, number string, amount *decimal.Decimal, reason string, issueDate time.Time) (string, error) {
	var out string
	reason = strings.TrimSpace(reason)
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		m, stored, err := s.find(ctx, tx, number)
		if err != nil {
			return err
		}
		if m.Kind != KindInvoice || stored != "issued" {
			return inputerr.New("%s is a %s that is %s: only issued invoices can be credited", number, m.Kind, m.Status)
		}
		var docText string
		if err := tx.QueryRowContext(ctx, `SELECT doc FROM invoices WHERE id = ?`, m.ID).Scan(&docText); err != nil {
			return err
		}
		var orig Document
		if err := json.Unmarshal([]byte(docText), &orig); err != nil {
			return err
		}
		digits, err := money.Digits(m.Currency)
		if err != nil {
			return err
		}
		cn := orig
		cn.Kind, cn.Corrects, cn.Reason = KindCredit, m.Number, reason
		cn.Retainer, cn.TimeSummary, cn.Lines, cn.Taxes = nil, nil, nil, nil
		full := amount == nil
		if full {
			if m.Paid.IsPositive() || m.Credited.IsPositive() {
				return inputerr.New("%s already has payments or credits (%s %s): credit part of it with --amount, at most the balance %s",
					number, money.Fixed(m.Paid.Add(m.Credited), m.Currency), m.Currency, money.Fixed(m.Balance, m.Currency))
			}
			for _, l := range orig.Lines {
				l.Quantity, l.Amount = l.Quantity.Neg(), l.Amount.Neg()
				cn.Lines = append(cn.Lines, l)
			}
			for _, t := range orig.Taxes {
				t.Amount = t.Amount.Neg()
				cn.Taxes = append(cn.Taxes, t)
			}
			cn.Subtotal, cn.Total = orig.Subtotal.Neg(), orig.Total.Neg()
		} else {
			a := *amount
			if !a.IsPositive() {
				return inputerr.New("credit amount %s: give the amount to credit before taxes, more than zero", a)
			}
			if _, err := money.ParseExact(a.String(), m.Currency); err != nil {
				return inputerr.Wrap(err)
			}
			desc := creditLine(orig.Lang, m.Number)
			if reason != "" {
				desc += ": " + reason
			}
			cn.Lines = []Line{{Kind: "credit", Description: desc, Quantity: decimal.NewFromInt(1), UnitPrice: a.Neg(), Amount: a.Neg()}}
			cn.Subtotal = a.Neg()
			cn.Total = cn.Subtotal
			for _, t := range orig.Taxes {
				// pct/100 is a shift of the decimal point: exact, no division.
				amt := money.Round(cn.Subtotal.Mul(t.Pct).Shift(-2), digits)
				cn.Taxes = append(cn.Taxes, Tax{Name: t.Name, Pct: t.Pct, Amount: amt})
				cn.Total = cn.Total.Add(amt)
			}
			if cn.Total.Neg().GreaterThan(m.Balance) {
				return inputerr.New("a credit of %s before taxes makes %s with taxes, more than the balance of %s (%s %s)",
					money.Fixed(a, m.Currency), money.Fixed(cn.Total.Neg(), m.Currency), number, money.Fixed(m.Balance, m.Currency), m.Currency)
			}
		}
		p, err := LoadProfile(ctx, tx)
		if err != nil {
			return err
		}
		if issueDate.IsZero() {
			issueDate = s.Today()
		}
		issueDate = DateOf(issueDate)
		if issueDate.Before(m.IssueDate) {
			return inputerr.New("credit note date %s is before the invoice date %s", issueDate.Format(dateLayout), m.IssueDate.Format(dateLayout))
		}
		year, seq, num, err := nextNumber(ctx, tx, KindCredit, p.CreditSeries, issueDate)
		if err != nil {
			return err
		}
		cn.Number, cn.IssueDate, cn.DueDate = num, issueDate, issueDate
		doc, hash, err := encode(cn)
		if err != nil {
			return err
		}
		if full {
			// Cancel first: the entry lock lets go only of a cancelled invoice.
			if _, err := tx.ExecContext(ctx, `UPDATE invoices SET status = 'cancelled' WHERE id = ?`, m.ID); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE entries SET invoice_id = NULL WHERE invoice_id = ?`, m.ID); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE tasks SET invoice_id = NULL WHERE invoice_id = ?`, m.ID); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO invoices (kind, client_id, status, year, seq, number, period_year, period_month,
			issue_date, due_date, currency, subtotal, total, corrects_id, doc, content_hash, created_at, issued_at)
			VALUES ('credit', ?, 'issued', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			m.ClientID, year, seq, num, m.Year, int(m.Month), issueDate.Format(dateLayout), issueDate.Format(dateLayout),
			m.Currency, money.Fixed(cn.Subtotal, m.Currency), money.Fixed(cn.Total, m.Currency), m.ID, doc, hash,
			s.now().Unix(), s.now().Unix())
		out = num
		return err
	})
	return out, err
}

func creditLine(lang, number string) string {
	switch lang {
	case "es":
		return "Abono sobre la factura " + number
	case "it":
		return "Storno parziale della fattura " + number
	}
	return "Credit on invoice " + number
}
