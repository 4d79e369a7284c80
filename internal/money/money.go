// Package money holds amounts of a currency: ISO 4217 minor units, the one
// rounding rule of the app, parsing of what people type and CLDR formatting.
package money

import (
	"errors"
	"fmt"
	"strings"

	"github.com/bojanz/currency"
	"github.com/shopspring/decimal"
)

// ErrUnknownCurrency is returned for a code that is not an active ISO 4217 currency.
var ErrUnknownCurrency = errors.New("unknown currency")

// Digits returns the ISO 4217 minor unit of code (EUR 2, JPY 0, KWD 3).
// The data comes from CLDR through bojanz/currency, so it follows ISO updates
// instead of a hand-kept table.
func Digits(code string) (int32, error) {
	d, ok := currency.GetDigits(code)
	if !ok || code != strings.ToUpper(code) {
		return 0, fmt.Errorf("%w %q: use an ISO 4217 code such as EUR, USD, GBP or JPY", ErrUnknownCurrency, code)
	}
	return int32(d), nil
}

// NormalizeCode upper-cases and trims a typed currency code and checks it.
func NormalizeCode(s string) (string, error) {
	code := strings.ToUpper(strings.TrimSpace(s))
	if _, err := Digits(code); err != nil {
		return "", err
	}
	return code, nil
}

// Round rounds half away from zero to places decimals. Every amount the app
// computes goes through here.
func Round(d decimal.Decimal, places int32) decimal.Decimal {
	// shopspring's Round is half away from zero (5.45 -> 5.5, -5.45 -> -5.5).
	return d.Round(places)
}

// Amount is a decimal value in a currency.
type Amount struct {
	Value    decimal.Decimal
	Currency string
}

// New returns an amount rounded to the currency's minor unit.
func New(v decimal.Decimal, code string) (Amount, error) {
	d, err := Digits(code)
	if err != nil {
		return Amount{}, err
	}
	return Amount{Value: Round(v, d), Currency: code}, nil
}

// String gives the value with exactly the currency's minor digits ("1234.50",
// "1200"): the form used in JSON, CSV and the database.
func (a Amount) String() string {
	d, err := Digits(a.Currency)
	if err != nil {
		return a.Value.String()
	}
	return a.Value.StringFixed(d)
}

// Fixed formats v with exactly the minor digits of code.
func Fixed(v decimal.Decimal, code string) string {
	return Amount{Value: v, Currency: code}.String()
}

// ParseExact reads a plain decimal string ("49.5", "1200") as an amount of
// code and refuses more decimals than the currency's minor unit, so a rate of
// "12.345" EUR or "10.5" JPY never slips in and gets rounded silently.
func ParseExact(s, code string) (decimal.Decimal, error) {
	digits, err := Digits(code)
	if err != nil {
		return decimal.Zero, err
	}
	s = strings.TrimSpace(s)
	v, err := decimal.NewFromString(s)
	if err != nil || strings.ContainsAny(s, "eE") {
		return decimal.Zero, fmt.Errorf("%q is not an amount: write digits with a dot for decimals, e.g. 45.50", s)
	}
	if -v.Exponent() > digits && !v.Equal(v.Round(digits)) {
		if digits == 0 {
			return decimal.Zero, fmt.Errorf("%s %s has decimals, but %s has none: use a whole number", s, code, code)
		}
		return decimal.Zero, fmt.Errorf("%s %s has more than %d decimals: %s has %d", s, code, digits, code, digits)
	}
	return Round(v, digits), nil
}
