package tracking

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/inputerr"
	"github.com/horasapp/horas/internal/money"
)

// Client is someone the VA works for, with everything billing needs later.
type Client struct {
	ID       int64
	Name     string
	Address  string
	TaxID    string
	Email    string
	Lang     string // language of invoices: en, es, it, …
	Country  string // ISO 3166 alpha-2, e.g. ES; US and CA get Letter paper
	TZ       string // IANA zone, shown as the client's local time
	Archived bool
	billing.Terms
}

var (
	langRe    = regexp.MustCompile(`^[a-z]{2}$`)
	countryRe = regexp.MustCompile(`^[A-Z]{2}$`)
)

// NewClient returns a client with the defaults of DESIGN.md rule 1.
func NewClient(name, currency string, rate decimal.Decimal) Client {
	return Client{
		Name: name, Lang: "en", TZ: "UTC",
		Terms: billing.Terms{Currency: currency, Rate: rate, Urgent: billing.DefaultUrgent, Rush: billing.DefaultRush, TermsDays: 30},
	}
}

// Normalize trims and upper/lower-cases what people type, then validates.
func (c *Client) Normalize() error {
	c.Name = strings.TrimSpace(c.Name)
	if c.Name == "" {
		return inputerr.New("client name is empty: give the name you invoice, e.g. \"Acme Ltd\"")
	}
	code, err := money.NormalizeCode(c.Currency)
	if err != nil {
		return inputerr.Wrap(err)
	}
	c.Currency = code
	c.Lang = strings.ToLower(strings.TrimSpace(c.Lang))
	if c.Lang == "" {
		c.Lang = "en"
	}
	if !langRe.MatchString(c.Lang) {
		return inputerr.New("language %q: use a two-letter code such as en, es or it", c.Lang)
	}
	c.Country = strings.ToUpper(strings.TrimSpace(c.Country))
	if c.Country != "" && !countryRe.MatchString(c.Country) {
		return inputerr.New("country %q: use a two-letter code such as ES, IT or US", c.Country)
	}
	c.TZ = strings.TrimSpace(c.TZ)
	if c.TZ == "" {
		c.TZ = "UTC"
	}
	if _, err := time.LoadLocation(c.TZ); err != nil || strings.EqualFold(c.TZ, "local") {
		return inputerr.New("time zone %q is unknown: use an IANA name such as Europe/Madrid or America/New_York", c.TZ)
	}
	if c.Urgent.IsZero() {
		c.Urgent = billing.DefaultUrgent
	}
	if c.Rush.IsZero() {
		c.Rush = billing.DefaultRush
	}
	if err := c.Terms.Validate(); err != nil {
		return inputerr.Wrap(fmt.Errorf("client %s: %w", c.Name, err))
	}
	return nil
}

// Location is the client's time zone.
func (c Client) Location() *time.Location {
	loc, err := time.LoadLocation(c.TZ)
	if err != nil {
		return time.UTC
	}
	return loc
}

func nullDec(d decimal.NullDecimal, cur string) sql.NullString {
	if !d.Valid {
		return sql.NullString{}
	}
	return sql.NullString{String: money.Fixed(d.Decimal, cur), Valid: true}
}

func parseNull(s sql.NullString) (decimal.NullDecimal, error) {
	if !s.Valid {
		return decimal.NullDecimal{}, nil
	}
	d, err := decimal.NewFromString(s.String)
	return decimal.NullDecimal{Decimal: d, Valid: true}, err
}

// AddClient stores a new client; the name must be unique (case-insensitive).
func (s *Service) AddClient(ctx context.Context, c Client) (Client, error) {
	if err := c.Normalize(); err != nil {
		return Client{}, err
	}
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		if err := s.checkNameFree(ctx, tx, c.Name, 0); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO clients (name, currency, rate, created_at) VALUES (?, ?, '0', ?)`,
			c.Name, c.Currency, unix(s.Now()))
		if err != nil {
			return err
		}
		c.ID, _ = res.LastInsertId()
		return writeClient(ctx, tx, c)
	})
	return c, err
}

// UpdateClient replaces every setting of an existing client.
func (s *Service) UpdateClient(ctx context.Context, c Client) error {
	if err := c.Normalize(); err != nil {
		return err
	}
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		if _, err := clientByID(ctx, tx, c.ID); err != nil {
			return err
		}
		if err := s.checkNameFree(ctx, tx, c.Name, c.ID); err != nil {
			return err
		}
		return writeClient(ctx, tx, c)
	})
}

func (s *Service) checkNameFree(ctx context.Context, tx *sql.Tx, name string, id int64) error {
	var other int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM clients WHERE name = ? AND id <> ?`, name, id).Scan(&other)
	if err == nil {
		return inputerr.New("a client named %q %w: choose another name or edit that client", name, ErrDuplicate)
	}
	if err != sql.ErrNoRows {
		return err
	}
	return nil
}

func writeClient(ctx context.Context, tx *sql.Tx, c Client) error {
	var fee, hours, over, cap sql.NullString
	if r := c.Retainer; r != nil {
		fee = sql.NullString{String: money.Fixed(r.Fee, c.Currency), Valid: true}
		hours = sql.NullString{String: r.Hours.String(), Valid: true}
		over = nullDec(r.OverageRate, c.Currency)
		cap = sql.NullString{String: r.RolloverCap.String(), Valid: true}
	}
	_, err := tx.ExecContext(ctx, `UPDATE clients SET name = ?, currency = ?, rate = ?, address = ?, tax_id = ?, email = ?,
		lang = ?, country = ?, tz = ?, terms_days = ?, rounding = ?, urgent = ?, rush = ?, notice_days = ?,
		retainer_fee = ?, retainer_hours = ?, overage_rate = ?, rollover_cap = ?, note = ?, archived = ?
		WHERE id = ?`,
		c.Name, c.Currency, money.Fixed(c.Rate, c.Currency), c.Address, c.TaxID, c.Email,
		c.Lang, c.Country, c.TZ, c.TermsDays, c.Rounding.String(), c.Urgent.String(), c.Rush.String(), c.NoticeDays,
		fee, hours, over, cap, c.Note, c.Archived, c.ID)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM client_taxes WHERE client_id = ?`, c.ID); err != nil {
		return err
	}
	for i, t := range c.Taxes {
		if _, err := tx.ExecContext(ctx, `INSERT INTO client_taxes (client_id, pos, name, pct) VALUES (?, ?, ?, ?)`,
			c.ID, i, t.Name, t.Pct.String()); err != nil {
			return err
		}
	}
	return nil
}

const clientCols = `id, name, currency, rate, address, tax_id, email, lang, country, tz, terms_days, rounding,
	urgent, rush, notice_days, retainer_fee, retainer_hours, overage_rate, rollover_cap, note, archived`

func scanClient(row interface{ Scan(...any) error }) (Client, error) {
	var c Client
	var rate, rounding, urgent, rush string
	var fee, hours, over, cap sql.NullString
	err := row.Scan(&c.ID, &c.Name, &c.Currency, &rate, &c.Address, &c.TaxID, &c.Email, &c.Lang, &c.Country, &c.TZ,
		&c.TermsDays, &rounding, &urgent, &rush, &c.NoticeDays, &fee, &hours, &over, &cap, &c.Note, &c.Archived)
	if err != nil {
		return c, err
	}
	var errs [4]error
	c.Rate, errs[0] = decimal.NewFromString(rate)
	c.Rounding, errs[1] = billing.ParseRounding(rounding)
	c.Urgent, errs[2] = decimal.NewFromString(urgent)
	c.Rush, errs[3] = decimal.NewFromString(rush)
	for _, e := range errs {
		if e != nil {
			return c, fmt.Errorf("client %d has a damaged setting: %w", c.ID, e)
		}
	}
	if fee.Valid {
		r := &billing.Retainer{}
		r.Fee, errs[0] = decimal.NewFromString(fee.String)
		r.Hours, errs[1] = decimal.NewFromString(hours.String)
		r.OverageRate, errs[2] = parseNull(over)
		r.RolloverCap, errs[3] = decimal.NewFromString(cap.String)
		for _, e := range errs {
			if e != nil {
				return c, fmt.Errorf("client %d has a damaged retainer: %w", c.ID, e)
			}
		}
		c.Retainer = r
	}
	return c, nil
}

func loadTaxes(ctx context.Context, q Queryer, cs []Client) error {
	for i := range cs {
		rows, err := q.QueryContext(ctx, `SELECT name, pct FROM client_taxes WHERE client_id = ? ORDER BY pos`, cs[i].ID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var t billing.Tax
			var pct string
			if err := rows.Scan(&t.Name, &pct); err != nil {
				rows.Close()
				return err
			}
			if t.Pct, err = decimal.NewFromString(pct); err != nil {
				rows.Close()
				return err
			}
			cs[i].Taxes = append(cs[i].Taxes, t)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

func clientByID(ctx context.Context, q Queryer, id int64) (Client, error) {
	c, err := scanClient(q.QueryRowContext(ctx, `SELECT `+clientCols+` FROM clients WHERE id = ?`, id))
	if err != nil {
		return c, notFound(err, fmt.Sprintf("client #%d", id))
	}
	cs := []Client{c}
	err = loadTaxes(ctx, q, cs)
	return cs[0], err
}

func clientByName(ctx context.Context, q Queryer, name string) (Client, error) {
	c, err := scanClient(q.QueryRowContext(ctx, `SELECT `+clientCols+` FROM clients WHERE name = ?`, strings.TrimSpace(name)))
	if err == sql.ErrNoRows {
		return c, inputerr.New("client %q %w: see `horas client list`, or add it with `horas client add`", name, ErrNotFound)
	}
	if err != nil {
		return c, err
	}
	cs := []Client{c}
	err = loadTaxes(ctx, q, cs)
	return cs[0], err
}

// Client returns a client by id.
func (s *Service) Client(ctx context.Context, id int64) (Client, error) {
	return clientByID(ctx, s.db.Reader(), id)
}

// ClientByName finds a client by name, ignoring case.
func (s *Service) ClientByName(ctx context.Context, name string) (Client, error) {
	return clientByName(ctx, s.db.Reader(), name)
}

// Clients lists clients by name; archived ones only when asked.
func (s *Service) Clients(ctx context.Context, withArchived bool) ([]Client, error) {
	q := `SELECT ` + clientCols + ` FROM clients`
	if !withArchived {
		q += ` WHERE archived = 0`
	}
	rows, err := s.db.Reader().QueryContext(ctx, q+` ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cs []Client
	for rows.Next() {
		c, err := scanClient(rows)
		if err != nil {
			return nil, err
		}
		cs = append(cs, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	return cs, loadTaxes(ctx, s.db.Reader(), cs)
}

// LoadClient is Client inside a caller's transaction.
func LoadClient(ctx context.Context, q Queryer, id int64) (Client, error) {
	return clientByID(ctx, q, id)
}
