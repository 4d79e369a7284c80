package invoice

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/inputerr"
	"github.com/horasapp/horas/internal/money"
	"github.com/horasapp/horas/internal/store"
	"github.com/horasapp/horas/internal/tracking"
)

// Status of a document (rule 8).
type Status string

const (
	StatusDraft         Status = "draft"
	StatusIssued        Status = "issued"
	StatusPartiallyPaid Status = "partially paid"
	StatusPaid          Status = "paid"
	StatusOverdue       Status = "overdue"
	StatusCancelled     Status = "cancelled"
)

// ParseStatus accepts a status name ("partially-paid" too).
func ParseStatus(s string) (Status, error) {
	st := Status(strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "-", " "))
	switch st {
	case StatusDraft, StatusIssued, StatusPartiallyPaid, StatusPaid, StatusOverdue, StatusCancelled:
		return st, nil
	}
	return "", inputerr.New("status %q: use draft, issued, partially-paid, paid, overdue or cancelled", s)
}

// ErrNotFound is returned for an unknown document number or draft id.
var ErrNotFound = inputerr.New("not found")

// Service issues and follows documents.
type Service struct {
	db  *store.DB
	tr  *tracking.Service
	now func() time.Time
}

// New returns the invoice service over the tracking service's database.
func New(tr *tracking.Service, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{db: tr.DB(), tr: tr, now: now}
}

// Today is the VA's calendar date, as midnight UTC of that date.
func (s *Service) Today() time.Time {
	return DateOf(s.now().In(s.tr.Zone))
}

// DateOf keeps the calendar date of t (in its own zone) as midnight UTC:
// document dates are days, not instants.
func DateOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

const dateLayout = "2006-01-02"

// Summary is one row of the invoice list.
type Summary struct {
	ID        int64
	Kind      Kind
	Number    string
	ClientID  int64
	Client    string
	Status    Status
	Year      int
	Month     time.Month
	IssueDate time.Time
	DueDate   time.Time
	Currency  string
	Total     decimal.Decimal
	Paid      decimal.Decimal // payments
	Credited  decimal.Decimal // credit notes against it (positive)
	Balance   decimal.Decimal // total − paid − credited
	Corrects  string          // credit notes: number of the invoice
	CarryOut  decimal.Decimal
}

// Payment is money received against an invoice.
type Payment struct {
	ID     int64
	Date   time.Time
	Amount decimal.Decimal
	Method string
	Note   string
}

// Record is a document with its current account.
type Record struct {
	Summary
	Doc      Document
	Payments []Payment
	Credits  []string // numbers of credit notes against it
}

// StatusOf derives the status of rule 8 from the stored state and the account.
func StatusOf(kind Kind, stored string, due time.Time, paid, balance decimal.Decimal, today time.Time) Status {
	switch {
	case stored == "draft":
		return StatusDraft
	case stored == "cancelled":
		return StatusCancelled
	case kind == KindCredit:
		return StatusIssued
	case !balance.IsPositive():
		return StatusPaid
	case today.After(due):
		return StatusOverdue
	case paid.IsPositive():
		return StatusPartiallyPaid
	}
	return StatusIssued
}

// compute runs the billing engine on a client's month inside tx; a running
// timer in the month is refused: its work is not finished.
func (s *Service) compute(ctx context.Context, tx *sql.Tx, c tracking.Client, year int, month time.Month) (billing.Invoice, error) {
	return s.computeWith(ctx, tx, c, year, month, false)
}

// computeRunning is compute with a running entry counted up to now.
func (s *Service) computeRunning(ctx context.Context, tx *sql.Tx, c tracking.Client, year int, month time.Month) (billing.Invoice, error) {
	return s.computeWith(ctx, tx, c, year, month, true)
}

func (s *Service) computeWith(ctx context.Context, tx *sql.Tx, c tracking.Client, year int, month time.Month, running bool) (billing.Invoice, error) {
	from, to := s.tr.Month(year, month)
	entries, err := tracking.LoadEntries(ctx, tx, tracking.Filter{ClientID: c.ID, From: from, To: to})
	if err != nil {
		return billing.Invoice{}, err
	}
	var bes []billing.Entry
	for _, e := range entries {
		if e.Running() && running {
			e.End = s.tr.Now()
			if !e.End.After(e.Start) {
				continue
			}
		} else if e.Running() {
			return billing.Invoice{}, inputerr.New("the timer is running on %s / %s: stop it before invoicing %d-%02d", e.Client, e.Task, year, month)
		}
		bes = append(bes, billing.Entry{ID: e.ID, TaskID: e.TaskID, Start: e.Start, End: e.End, Urgency: e.Urgency, NonBillable: e.NonBillable})
	}
	tasks, err := tracking.LoadTasks(ctx, tx, c.ID, true)
	if err != nil {
		return billing.Invoice{}, err
	}
	bts := make([]billing.Task, len(tasks))
	for i, t := range tasks {
		bts[i] = t.Task
	}
	carry := decimal.Zero
	prev := from.AddDate(0, -1, 0)
	var carryText string
	err = tx.QueryRowContext(ctx, `SELECT carry_out FROM invoices WHERE client_id = ? AND kind = 'invoice'
		AND status = 'issued' AND period_year = ? AND period_month = ?`, c.ID, prev.Year(), int(prev.Month())).Scan(&carryText)
	switch {
	case err == nil:
		if carry, err = decimal.NewFromString(carryText); err != nil {
			return billing.Invoice{}, err
		}
	case !errors.Is(err, sql.ErrNoRows):
		return billing.Invoice{}, err
	}
	inv, err := billing.Compute(billing.Input{Terms: c.Terms, Tasks: bts, Entries: bes, Year: year, Month: month,
		Zone: s.tr.Zone, CarryIn: carry, Lang: c.Lang})
	if errors.Is(err, billing.ErrNothingToInvoice) {
		return inv, inputerr.New("%s has %w for %d-%02d: no billable time, no done fixed-price task, no retainer", c.Name, billing.ErrNothingToInvoice, year, month)
	}
	return inv, inputerr.Wrap(err)
}

// document builds the printable snapshot of a computed invoice.
func (s *Service) document(c tracking.Client, p Profile, inv billing.Invoice) Document {
	paper := "A4"
	if c.Country == "US" || c.Country == "CA" {
		paper = "Letter"
	}
	d := Document{
		Kind: KindInvoice, Lang: c.Lang, Locale: money.LocaleFor(c.Lang, c.Country), Paper: paper, Currency: c.Currency,
		PeriodStart: DateOf(inv.PeriodStart.In(s.tr.Zone)),
		PeriodEnd:   DateOf(inv.PeriodEnd.In(s.tr.Zone)).AddDate(0, 0, -1),
		Supplier:    Party{Name: p.Name, Address: p.Address, TaxID: p.TaxID, Email: p.Email, Country: p.Country},
		Logo:        p.Logo,
		Customer:    Party{Name: c.Name, Address: c.Address, TaxID: c.TaxID, Email: c.Email, Country: c.Country},
		Payment:     PaymentDetails{IBAN: p.IBAN, BIC: p.BIC, PayPal: p.PayPal, Wise: p.Wise, Note: p.PaymentNote},
		Subtotal:    inv.Subtotal, Total: inv.Total, Note: inv.Note,
	}
	for _, l := range inv.Lines {
		unit := ""
		if l.Kind == billing.LineHourly || l.Kind == billing.LineOverage || l.Kind == billing.LineSurcharge {
			unit = "h"
		}
		d.Lines = append(d.Lines, Line{Kind: string(l.Kind), Description: l.Description, Quantity: l.Quantity,
			Unit: unit, UnitPrice: l.UnitPrice, Amount: l.Amount})
	}
	for _, t := range inv.Taxes {
		d.Taxes = append(d.Taxes, Tax{Name: t.Name, Pct: t.Pct, Amount: t.Amount})
	}
	if r := inv.Retainer; r != nil {
		d.Retainer = &Retainer{Included: r.Included, CarryIn: r.CarryIn, Available: r.Available, Used: r.Used, CarryOut: r.CarryOut}
		for _, row := range inv.TimeSummary {
			d.TimeSummary = append(d.TimeSummary, TimeRow{Task: row.Task, Hours: row.Hours})
		}
	}
	if d.Note == "" {
		d.Note = c.Note
	}
	return d
}

func encode(d Document) (doc, hash string, err error) {
	b, err := json.Marshal(d)
	if err != nil {
		return "", "", err
	}
	sum := sha256.Sum256(b)
	return string(b), hex.EncodeToString(sum[:]), nil
}

// saveDraft writes (or rewrites) the draft of a client's month; it returns its id.
func (s *Service) saveDraft(ctx context.Context, tx *sql.Tx, c tracking.Client, year int, month time.Month) (int64, billing.Invoice, error) {
	var id int64
	var status string
	err := tx.QueryRowContext(ctx, `SELECT id, status FROM invoices WHERE client_id = ? AND kind = 'invoice'
		AND status <> 'cancelled' AND period_year = ? AND period_month = ?`, c.ID, year, int(month)).Scan(&id, &status)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, billing.Invoice{}, err
	}
	if status == "issued" {
		var number string
		tx.QueryRowContext(ctx, `SELECT number FROM invoices WHERE id = ?`, id).Scan(&number)
		return 0, billing.Invoice{}, inputerr.New("%s already has invoice %s for %d-%02d: credit it (`horas invoice credit %s`) to invoice the month again",
			c.Name, number, year, month, number)
	}
	inv, err := s.compute(ctx, tx, c, year, month)
	if err != nil {
		return 0, inv, err
	}
	p, err := LoadProfile(ctx, tx)
	if err != nil {
		return 0, inv, err
	}
	doc, _, err := encode(s.document(c, p, inv))
	if err != nil {
		return 0, inv, err
	}
	if id == 0 {
		res, err := tx.ExecContext(ctx, `INSERT INTO invoices (kind, client_id, status, period_year, period_month, currency,
			subtotal, total, carry_in, carry_out, doc, created_at) VALUES ('invoice', ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.ID, year, int(month), c.Currency, money.Fixed(inv.Subtotal, c.Currency), money.Fixed(inv.Total, c.Currency),
			carryIn(inv).String(), carryOut(inv).String(), doc, s.now().Unix())
		if err != nil {
			return 0, inv, err
		}
		id, _ = res.LastInsertId()
		return id, inv, nil
	}
	_, err = tx.ExecContext(ctx, `UPDATE invoices SET currency = ?, subtotal = ?, total = ?, carry_in = ?, carry_out = ?, doc = ?
		WHERE id = ?`, c.Currency, money.Fixed(inv.Subtotal, c.Currency), money.Fixed(inv.Total, c.Currency),
		carryIn(inv).String(), carryOut(inv).String(), doc, id)
	return id, inv, err
}

func carryIn(inv billing.Invoice) decimal.Decimal {
	if inv.Retainer == nil {
		return decimal.Zero
	}
	return inv.Retainer.CarryIn
}

func carryOut(inv billing.Invoice) decimal.Decimal {
	if inv.Retainer == nil {
		return decimal.Zero
	}
	return inv.Retainer.CarryOut
}

// Prepare creates or refreshes the draft of a client's month and returns its id.
func (s *Service) Prepare(ctx context.Context, clientID int64, year int, month time.Month) (int64, error) {
	var id int64
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		c, err := tracking.LoadClient(ctx, tx, clientID)
		if err != nil {
			return err
		}
		id, _, err = s.saveDraft(ctx, tx, c, year, month)
		return err
	})
	return id, err
}

// PrepareMonth makes drafts for every client with something to invoice in a
// month, in one transaction; clients with nothing to invoice or already
// invoiced are left out. It returns the draft ids.
func (s *Service) PrepareMonth(ctx context.Context, year int, month time.Month) ([]int64, error) {
	var ids []int64
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id FROM clients c WHERE NOT EXISTS (SELECT 1 FROM invoices i
			WHERE i.client_id = c.id AND i.kind = 'invoice' AND i.status = 'issued' AND i.period_year = ? AND i.period_month = ?)
			ORDER BY name`, year, int(month))
		if err != nil {
			return err
		}
		var clientIDs []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			clientIDs = append(clientIDs, id)
		}
		rows.Close()
		for _, cid := range clientIDs {
			c, err := tracking.LoadClient(ctx, tx, cid)
			if err != nil {
				return err
			}
			id, _, err := s.saveDraft(ctx, tx, c, year, month)
			if errors.Is(err, billing.ErrNothingToInvoice) {
				continue
			}
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return nil
	})
	return ids, err
}

// Create issues the invoice of a client's month on issueDate (zero: today)
// and returns its number; with draft it only saves the draft and returns its id.
func (s *Service) Create(ctx context.Context, clientID int64, year int, month time.Month, issueDate time.Time) (string, error) {
	var number string
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		c, err := tracking.LoadClient(ctx, tx, clientID)
		if err != nil {
			return err
		}
		id, inv, err := s.saveDraft(ctx, tx, c, year, month)
		if err != nil {
			return err
		}
		number, err = s.issue(ctx, tx, c, id, inv, issueDate)
		return err
	})
	return number, err
}

// Issue numbers a draft and freezes it; the draft is recomputed first so it
// bills exactly what is recorded at this moment.
func (s *Service) Issue(ctx context.Context, draftID int64, issueDate time.Time) (string, error) {
	var number string
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		var clientID int64
		var year, month int
		var status string
		err := tx.QueryRowContext(ctx, `SELECT client_id, period_year, period_month, status FROM invoices WHERE id = ? AND kind = 'invoice'`,
			draftID).Scan(&clientID, &year, &month, &status)
		if errors.Is(err, sql.ErrNoRows) {
			return inputerr.New("draft #%d %w: see `horas invoice list --status draft`", draftID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		if status != "draft" {
			return inputerr.New("invoice #%d is already %s", draftID, status)
		}
		c, err := tracking.LoadClient(ctx, tx, clientID)
		if err != nil {
			return err
		}
		id, inv, err := s.saveDraft(ctx, tx, c, year, time.Month(month))
		if err != nil {
			return err
		}
		number, err = s.issue(ctx, tx, c, id, inv, issueDate)
		return err
	})
	return number, err
}

// nextNumber takes the next number of a kind's series for a year, refusing an
// issue date earlier than the last document of that series: numbers and dates
// must go up together.
func nextNumber(ctx context.Context, tx *sql.Tx, kind Kind, pattern string, issueDate time.Time) (year, seq int, number string, err error) {
	year = issueDate.Year()
	var maxSeq sql.NullInt64
	var lastDate sql.NullString
	if err = tx.QueryRowContext(ctx, `SELECT max(seq), max(issue_date) FROM invoices WHERE kind = ? AND year = ?`,
		kind, year).Scan(&maxSeq, &lastDate); err != nil {
		return
	}
	if lastDate.Valid && issueDate.Format(dateLayout) < lastDate.String {
		err = inputerr.New("issue date %s is before the last %s of %d (%s): numbers must follow dates, use %s or later",
			issueDate.Format(dateLayout), kind, year, lastDate.String, lastDate.String)
		return
	}
	seq = int(maxSeq.Int64) + 1
	number = FormatNumber(pattern, year, seq)
	var taken int
	if err = tx.QueryRowContext(ctx, `SELECT count(*) FROM invoices WHERE number = ?`, number).Scan(&taken); err != nil {
		return
	}
	if taken > 0 {
		err = inputerr.New("number %s is already used: the series pattern %q repeats numbers; change it with `horas profile set`", number, pattern)
	}
	return
}

// checkRequired refuses to issue without the fields an EU invoice must carry
// (VAT Directive art. 226), naming the first one missing.
func checkRequired(p Profile, c tracking.Client) error {
	if m := p.Missing(); m != "" {
		return inputerr.New("cannot issue without %s", m)
	}
	if strings.TrimSpace(c.Address) == "" {
		return inputerr.New("cannot issue without the address of %s (horas client edit %q --address ...)", c.Name, c.Name)
	}
	return nil
}

func (s *Service) issue(ctx context.Context, tx *sql.Tx, c tracking.Client, id int64, inv billing.Invoice, issueDate time.Time) (string, error) {
	p, err := LoadProfile(ctx, tx)
	if err != nil {
		return "", err
	}
	if err := checkRequired(p, c); err != nil {
		return "", err
	}
	if issueDate.IsZero() {
		issueDate = s.Today()
	}
	issueDate = DateOf(issueDate)
	year, seq, number, err := nextNumber(ctx, tx, KindInvoice, p.InvoiceSeries, issueDate)
	if err != nil {
		return "", err
	}
	d := s.document(c, p, inv)
	d.Number, d.IssueDate, d.DueDate = number, issueDate, issueDate.AddDate(0, 0, c.TermsDays)
	doc, hash, err := encode(d)
	if err != nil {
		return "", err
	}
	_, err = tx.ExecContext(ctx, `UPDATE invoices SET status = 'issued', year = ?, seq = ?, number = ?, issue_date = ?, due_date = ?,
		doc = ?, content_hash = ?, issued_at = ? WHERE id = ?`,
		year, seq, number, d.IssueDate.Format(dateLayout), d.DueDate.Format(dateLayout), doc, hash, s.now().Unix(), id)
	if err != nil {
		return "", err
	}
	for _, eid := range inv.EntryIDs {
		if _, err := tx.ExecContext(ctx, `UPDATE entries SET invoice_id = ? WHERE id = ?`, id, eid); err != nil {
			return "", err
		}
	}
	for _, tid := range inv.FixedTaskIDs {
		if _, err := tx.ExecContext(ctx, `UPDATE tasks SET invoice_id = ? WHERE id = ?`, id, tid); err != nil {
			return "", err
		}
	}
	return number, nil
}

// DeleteDraft removes a draft; issued documents cannot be deleted.
func (s *Service) DeleteDraft(ctx context.Context, id int64) error {
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM invoices WHERE id = ? AND status = 'draft'`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return inputerr.New("draft #%d %w: only drafts can be deleted", id, ErrNotFound)
		}
		return nil
	})
}

// Preview computes a client's month as it would be invoiced now, without
// saving anything: the Track screen shows its total as the month's
// unbilled amount so far. A month already invoiced previews as nothing.
func (s *Service) Preview(ctx context.Context, clientID int64, year int, month time.Month) (billing.Invoice, error) {
	var inv billing.Invoice
	err := s.db.Read(ctx, func(tx *sql.Tx) error {
		var issued int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM invoices WHERE client_id = ? AND kind = 'invoice'
			AND status = 'issued' AND period_year = ? AND period_month = ?`, clientID, year, int(month)).Scan(&issued); err != nil {
			return err
		}
		if issued > 0 {
			return billing.ErrNothingToInvoice
		}
		c, err := tracking.LoadClient(ctx, tx, clientID)
		if err != nil {
			return err
		}
		inv, err = s.computeRunning(ctx, tx, c, year, month)
		return err
	})
	return inv, err
}
