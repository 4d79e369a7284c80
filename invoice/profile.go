package invoice

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"image"
	_ "image/jpeg" // logos may be JPEG
	_ "image/png"
	"strings"
	"time"

	"github.com/horasapp/horas/internal/inputerr"
	"github.com/horasapp/horas/internal/money"
)

// Profile is the VA's business identity, printed on every document.
type Profile struct {
	Name          string
	Address       string
	TaxID         string
	Email         string
	Country       string
	Logo          []byte // PNG or JPEG
	IBAN          string
	BIC           string
	PayPal        string
	Wise          string
	PaymentNote   string
	HomeCurrency  string
	InvoiceSeries string
	CreditSeries  string
	// TimeZone is the VA's IANA zone: days and months are cut in it. Empty
	// means the system's zone.
	TimeZone string
}

// settings keys of the profile.
var profileKeys = []string{"name", "address", "tax_id", "email", "country", "logo", "iban", "bic",
	"paypal", "wise", "payment_note", "home_currency", "invoice_series", "credit_series", "time_zone"}

func (p *Profile) fields() map[string]*string {
	return map[string]*string{"name": &p.Name, "address": &p.Address, "tax_id": &p.TaxID, "email": &p.Email,
		"country": &p.Country, "iban": &p.IBAN, "bic": &p.BIC, "paypal": &p.PayPal, "wise": &p.Wise,
		"payment_note": &p.PaymentNote, "home_currency": &p.HomeCurrency,
		"invoice_series": &p.InvoiceSeries, "credit_series": &p.CreditSeries, "time_zone": &p.TimeZone}
}

// Normalize trims fields and checks what can be checked.
func (p *Profile) Normalize() error {
	for _, f := range p.fields() {
		*f = strings.TrimSpace(*f)
	}
	p.IBAN = strings.ToUpper(strings.ReplaceAll(p.IBAN, " ", ""))
	p.Country = strings.ToUpper(p.Country)
	if p.HomeCurrency == "" {
		p.HomeCurrency = "EUR"
	}
	code, err := money.NormalizeCode(p.HomeCurrency)
	if err != nil {
		return inputerr.Wrap(err)
	}
	p.HomeCurrency = code
	if p.InvoiceSeries == "" {
		p.InvoiceSeries = DefaultInvoiceSeries
	}
	if p.CreditSeries == "" {
		p.CreditSeries = DefaultCreditSeries
	}
	if err := CheckSeries(p.InvoiceSeries); err != nil {
		return err
	}
	if err := CheckSeries(p.CreditSeries); err != nil {
		return err
	}
	if p.InvoiceSeries == p.CreditSeries {
		return inputerr.New("credit notes need their own series: %q is the invoice series too", p.CreditSeries)
	}
	if p.TimeZone != "" {
		if _, err := time.LoadLocation(p.TimeZone); err != nil || strings.EqualFold(p.TimeZone, "local") {
			return inputerr.New("time zone %q is unknown: use an IANA name such as Europe/Madrid, or leave it empty for the system's", p.TimeZone)
		}
	}
	if len(p.Logo) > 0 {
		if _, format, err := image.DecodeConfig(bytes.NewReader(p.Logo)); err != nil || (format != "png" && format != "jpeg") {
			return inputerr.New("the logo must be a PNG or JPEG image")
		}
		if len(p.Logo) > 2<<20 {
			return inputerr.New("the logo is %d KB: use an image under 2 MB", len(p.Logo)>>10)
		}
	}
	return nil
}

// Missing names the first field an EU invoice must carry that the profile
// lacks (VAT Directive art. 226: supplier name, address and tax id).
func (p Profile) Missing() string {
	switch {
	case p.Name == "":
		return "your business name (horas profile set --name)"
	case p.Address == "":
		return "your business address (horas profile set --address)"
	case p.TaxID == "":
		return "your tax id (horas profile set --tax-id)"
	}
	return ""
}

// LoadProfile reads the profile from settings; unset fields take defaults.
func LoadProfile(ctx context.Context, q interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}) (Profile, error) {
	var p Profile
	rows, err := q.QueryContext(ctx, `SELECT key, value FROM settings WHERE key LIKE 'profile.%'`)
	if err != nil {
		return p, err
	}
	defer rows.Close()
	f := p.fields()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return p, err
		}
		k = strings.TrimPrefix(k, "profile.")
		if k == "logo" {
			p.Logo, _ = base64.StdEncoding.DecodeString(v)
		} else if dst, ok := f[k]; ok {
			*dst = v
		}
	}
	if err := rows.Err(); err != nil {
		return p, err
	}
	if p.HomeCurrency == "" {
		p.HomeCurrency = "EUR"
	}
	if p.InvoiceSeries == "" {
		p.InvoiceSeries = DefaultInvoiceSeries
	}
	if p.CreditSeries == "" {
		p.CreditSeries = DefaultCreditSeries
	}
	return p, nil
}

// SaveProfile validates and writes the whole profile in one transaction.
func (s *Service) SaveProfile(ctx context.Context, p Profile) error {
	if err := p.Normalize(); err != nil {
		return err
	}
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		f := p.fields()
		for _, k := range profileKeys {
			v := ""
			if k == "logo" {
				v = base64.StdEncoding.EncodeToString(p.Logo)
			} else {
				v = *f[k]
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
				ON CONFLICT (key) DO UPDATE SET value = excluded.value`, "profile."+k, v); err != nil {
				return err
			}
		}
		return nil
	})
}

// Profile reads the business profile.
func (s *Service) Profile(ctx context.Context) (Profile, error) {
	return LoadProfile(ctx, s.db.Reader())
}

// Zone is the VA's time zone from the profile, else the system's.
func (p Profile) Zone() *time.Location {
	if p.TimeZone != "" {
		if z, err := time.LoadLocation(p.TimeZone); err == nil {
			return z
		}
	}
	return time.Local
}
