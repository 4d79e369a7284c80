// Package invoice makes the documents a VA sends: monthly invoices built by
// the billing engine, their gapless numbering, credit notes, payments, and
// the PDF. An issued document is a frozen snapshot (Document) that never
// changes again; the PDF is rendered from that snapshot alone.
package invoice

import (
	"time"

	"github.com/shopspring/decimal"
)

// Kind of document.
type Kind string

const (
	KindInvoice Kind = "invoice"
	KindCredit  Kind = "credit"
)

// Party is the supplier (the VA's business) or the customer (a client).
type Party struct {
	Name    string `json:"name"`
	Address string `json:"address"` // multi-line
	TaxID   string `json:"tax_id"`
	Email   string `json:"email"`
	Country string `json:"country"`
}

// PaymentDetails say how to pay; empty fields are not printed.
type PaymentDetails struct {
	IBAN   string `json:"iban"`
	BIC    string `json:"bic"`
	PayPal string `json:"paypal"`
	Wise   string `json:"wise"`
	Note   string `json:"note"` // free text, e.g. "Bizum 600 000 000"
}

// Line is one printed line. Unit is "h" for hours, "" for a unit count.
type Line struct {
	Kind        string          `json:"kind"` // retainer, overage, hourly, fixed, surcharge, credit
	Description string          `json:"description"`
	Quantity    decimal.Decimal `json:"quantity"`
	Unit        string          `json:"unit"`
	UnitPrice   decimal.Decimal `json:"unit_price"`
	Amount      decimal.Decimal `json:"amount"`
}

// Tax is one tax line: Amount = round(subtotal × Pct / 100, minor).
type Tax struct {
	Name   string          `json:"name"`
	Pct    decimal.Decimal `json:"rate"`
	Amount decimal.Decimal `json:"amount"`
}

// Retainer is the hours account printed on a retainer invoice.
type Retainer struct {
	Included  decimal.Decimal `json:"included"`
	CarryIn   decimal.Decimal `json:"carry_in"`
	Available decimal.Decimal `json:"available"`
	Used      decimal.Decimal `json:"used"`
	CarryOut  decimal.Decimal `json:"carry_out"`
}

// TimeRow is the hours of one task, shown under a retainer.
type TimeRow struct {
	Task  string          `json:"task"`
	Hours decimal.Decimal `json:"hours"`
}

// Document is everything an invoice or credit note prints. It is stored as
// JSON when issued and its hash kept, so the document can be rendered again
// years later exactly as it was sent.
type Document struct {
	Kind        Kind      `json:"kind"`
	Number      string    `json:"number"` // empty on a draft
	IssueDate   time.Time `json:"issue_date"`
	DueDate     time.Time `json:"due_date"`
	PeriodStart time.Time `json:"period_start"` // first day of the service period
	PeriodEnd   time.Time `json:"period_end"`   // last day, inclusive
	Lang        string    `json:"lang"`         // en, es, it: labels
	Locale      string    `json:"locale"`       // CLDR locale of amounts and dates, e.g. es-ES
	Paper       string    `json:"paper"`        // A4 or Letter
	Currency    string    `json:"currency"`

	Supplier Party          `json:"supplier"`
	Logo     []byte         `json:"logo,omitempty"` // PNG or JPEG
	Customer Party          `json:"customer"`
	Payment  PaymentDetails `json:"payment"`

	Lines       []Line          `json:"lines"`
	Subtotal    decimal.Decimal `json:"subtotal"`
	Taxes       []Tax           `json:"taxes"`
	Total       decimal.Decimal `json:"total"`
	Retainer    *Retainer       `json:"retainer,omitempty"`
	TimeSummary []TimeRow       `json:"time_summary,omitempty"`
	Note        string          `json:"note"` // the client's legal note

	Corrects string `json:"corrects,omitempty"` // credit notes: number of the invoice corrected
	Reason   string `json:"reason,omitempty"`
}

// Balance is what a rendering needs beyond the frozen document: what has been
// paid or credited since.
type Balance struct {
	Paid    decimal.Decimal // payments and credit notes against it
	Balance decimal.Decimal // total − paid
}
