package money

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestDigits(t *testing.T) {
	tests := []struct {
		code string
		want int32
	}{
		{"EUR", 2}, {"USD", 2}, {"GBP", 2},
		{"JPY", 0}, {"KRW", 0}, {"CLP", 0},
		{"BHD", 3}, {"KWD", 3},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			got, err := Digits(tt.code)
			if err != nil || got != tt.want {
				t.Fatalf("Digits(%q) = %d, %v; want %d", tt.code, got, err, tt.want)
			}
		})
	}
}

func TestDigitsRefuses(t *testing.T) {
	for _, code := range []string{"XYZ", "eur", "", "EURO", " EUR"} {
		t.Run(code, func(t *testing.T) {
			_, err := Digits(code)
			if !errors.Is(err, ErrUnknownCurrency) {
				t.Fatalf("Digits(%q) error = %v; want ErrUnknownCurrency", code, err)
			}
			if !strings.Contains(err.Error(), "ISO 4217") {
				t.Errorf("error %q does not say how to fix it", err)
			}
		})
	}
}

func TestNormalizeCode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"EUR", "EUR"}, {"eur", "EUR"}, {" jpy ", "JPY"}, {"Kwd", "KWD"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := NormalizeCode(tt.in)
			if err != nil || got != tt.want {
				t.Fatalf("NormalizeCode(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
	for _, in := range []string{"xyz", "", "euro"} {
		t.Run("refuses "+in, func(t *testing.T) {
			if _, err := NormalizeCode(in); !errors.Is(err, ErrUnknownCurrency) {
				t.Fatalf("NormalizeCode(%q) error = %v; want ErrUnknownCurrency", in, err)
			}
		})
	}
}

func TestRoundHalfAwayFromZero(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		places int32
		want   string
	}{
		{"UpAtHalf", "2.345", 2, "2.35"},
		{"NegativeAwayFromZero", "-2.345", 2, "-2.35"},
		{"HalfYenUp", "0.5", 0, "1"},
		{"NegativeHalfYen", "-0.5", 0, "-1"},
		{"BelowHalf", "2.3449", 2, "2.34"},
		{"ThreeDecimals", "1.2345", 3, "1.235"},
		{"AlreadyRound", "7.1", 2, "7.1"},
		{"Tens", "125", -1, "130"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Round(dec(tt.in), tt.places); !got.Equal(dec(tt.want)) {
				t.Fatalf("Round(%s, %d) = %s; want %s", tt.in, tt.places, got, tt.want)
			}
		})
	}
}

func TestNewAndString(t *testing.T) {
	tests := []struct {
		name, value, code, want string
	}{
		{"EurPadded", "1234.5", "EUR", "1234.50"},
		{"EurRounded", "2.345", "EUR", "2.35"},
		{"YenWhole", "1200", "JPY", "1200"},
		{"YenRounded", "0.5", "JPY", "1"},
		{"DinarThreeDecimals", "1.2", "KWD", "1.200"},
		{"Negative", "-12.5", "USD", "-12.50"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := New(dec(tt.value), tt.code)
			if err != nil {
				t.Fatal(err)
			}
			if got := a.String(); got != tt.want {
				t.Errorf("String() = %q; want %q", got, tt.want)
			}
			if got := Fixed(dec(tt.value), tt.code); got != tt.want {
				t.Errorf("Fixed = %q; want %q", got, tt.want)
			}
		})
	}
	t.Run("UnknownCurrency", func(t *testing.T) {
		if _, err := New(dec("1"), "XYZ"); !errors.Is(err, ErrUnknownCurrency) {
			t.Fatalf("New with XYZ: error = %v; want ErrUnknownCurrency", err)
		}
	})
}

func TestParseExact(t *testing.T) {
	tests := []struct {
		in, code, want string
	}{
		{"49.5", "EUR", "49.50"},
		{"12.340", "EUR", "12.34"},
		{" 1200 ", "JPY", "1200"},
		{"10.0", "JPY", "10"},
		{"1.234", "KWD", "1.234"},
		{"-3.5", "USD", "-3.50"},
	}
	for _, tt := range tests {
		t.Run(tt.in+" "+tt.code, func(t *testing.T) {
			got, err := ParseExact(tt.in, tt.code)
			if err != nil || Fixed(got, tt.code) != tt.want {
				t.Fatalf("ParseExact(%q, %s) = %s, %v; want %s", tt.in, tt.code, got, err, tt.want)
			}
		})
	}
}

func TestParseExactRefuses(t *testing.T) {
	tests := []struct {
		name, in, code, wantErr string
	}{
		{"EurThreeDecimals", "12.345", "EUR", "more than 2 decimals"},
		{"YenDecimals", "10.5", "JPY", "JPY has none"},
		{"DinarFourDecimals", "1.2345", "KWD", "more than 3 decimals"},
		{"Exponent", "1e3", "EUR", "not an amount"},
		{"Comma", "12,50", "EUR", "not an amount"},
		{"Empty", "", "EUR", "not an amount"},
		{"UnknownCurrency", "12", "XYZ", "unknown currency"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseExact(tt.in, tt.code)
			if err == nil {
				t.Fatalf("ParseExact(%q, %s) = %s; want an error", tt.in, tt.code, got)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %q; want it to mention %q", err, tt.wantErr)
			}
		})
	}
}
