package money

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// formatCases also seed FuzzParseFormat.
var formatCases = []struct {
	name, locale, value, code, want string
}{
	{"EsFourDigitsUngrouped", "es", "1234.56", "EUR", "1234,56 €"},
	{"EsFiveDigitsGrouped", "es", "12345.99", "EUR", "12.345,99 €"},
	{"EsRegion", "es-ES", "1234.56", "EUR", "1234,56 €"},
	{"EsMillions", "es", "12345678.9", "EUR", "12.345.678,90 €"},
	{"EsNegative", "es", "-1234.56", "EUR", "-1234,56 €"},
	{"EsYen", "es", "1200", "JPY", "1200 ¥"},
	{"EsDollarSymbol", "es", "12.5", "USD", "12,50 US$"},
	{"ItFourDigitsGrouped", "it", "1234.56", "EUR", "1.234,56 €"},
	{"ItNegative", "it", "-1234.56", "EUR", "-1.234,56 €"},
	{"ItSmall", "it", "123", "EUR", "123,00 €"},
	{"ItFiveDigits", "it", "12345", "EUR", "12.345,00 €"},
	{"EnUS", "en-US", "1234.56", "USD", "$1,234.56"},
	{"EnUSNegative", "en-US", "-1234.56", "USD", "-$1,234.56"},
	{"EnGB", "en-GB", "1234.56", "GBP", "£1,234.56"},
	{"EnGBNegative", "en-GB", "-0.5", "GBP", "-£0.50"},
	{"EnUSYen", "en-US", "1200", "JPY", "¥1,200"},
	{"EnDinar", "en", "1234.567", "KWD", "KWD 1,234.567"},
	{"EnDinarPadded", "en", "0.5", "KWD", "KWD 0.500"},
	{"EnDinarNegative", "en", "-1.25", "KWD", "-KWD 1.250"},
	{"De", "de", "1234.56", "EUR", "1.234,56 €"},
	{"DeNegative", "de", "-1234.56", "EUR", "-1.234,56 €"},
	{"FrGroupsWithSpace", "fr", "1234.56", "EUR", "1 234,56 €"},
	{"FrNegative", "fr", "-1234.56", "EUR", "-1 234,56 €"},
	{"PtBR", "pt-BR", "1234.56", "BRL", "R$ 1.234,56"},
	{"Pl", "pl", "1234.56", "PLN", "1234,56 zł"},
	{"PlGrouped", "pl", "12345.6", "PLN", "12 345,60 zł"},
	{"Ja", "ja", "1200", "JPY", "￥1,200"},
	{"DeCHNegative", "de-CH", "-1234.5", "CHF", "CHF-1'234.50"},
	{"EnIN", "en-IN", "1234567.5", "INR", "₹12,34,567.50"},
	{"Zero", "es", "0", "EUR", "0,00 €"},
	{"RoundsHalfAwayFromZero", "es", "2.345", "EUR", "2,35 €"},
	{"RoundsNegativeHalfAwayFromZero", "es", "-2.345", "EUR", "-2,35 €"},
	{"YenHalfRoundsUp", "en-US", "0.5", "JPY", "¥1"},
	{"UnknownLocaleIsEnglish", "xx", "1234.5", "USD", "$1,234.50"},
	{"EmptyLocaleIsEnglish", "", "1234.5", "USD", "$1,234.50"},
	{"LocaleWithoutLanguageIsEnglish", "-00", "1234.5", "USD", "$1,234.50"},
}

func TestFormat(t *testing.T) {
	for _, tt := range formatCases {
		t.Run(tt.name, func(t *testing.T) {
			got := Format(Amount{Value: dec(tt.value), Currency: tt.code}, tt.locale)
			if got != tt.want {
				t.Fatalf("Format(%s %s, %q) = %q; want %q", tt.value, tt.code, tt.locale, got, tt.want)
			}
		})
	}
}

func TestFormatUnknownCurrency(t *testing.T) {
	got := Format(Amount{Value: dec("12.5"), Currency: "XYZ"}, "es")
	if want := "12.5 XYZ"; got != want {
		t.Fatalf("Format of XYZ = %q; want %q", got, want)
	}
}

func TestFormatTooLarge(t *testing.T) {
	huge := "1" + strings.Repeat("0", 37)
	tests := []struct {
		name, value, code, want string
	}{
		{"LargestGrouped", strings.Repeat("9", 37), "EUR", "9.999.999.999.999.999.999.999.999.999.999.999.999,00 €"},
		{"Plain", huge, "EUR", huge + ".00 EUR"},
		{"PlainNegative", "-" + huge, "KWD", "-" + huge + ".000 KWD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Format(Amount{Value: dec(tt.value), Currency: tt.code}, "es"); got != tt.want {
				t.Fatalf("Format(%s %s) = %q; want %q", tt.value, tt.code, got, tt.want)
			}
		})
	}
	if got, want := FormatNumber(dec(huge), 2, "es"), huge+".00"; got != want {
		t.Errorf("FormatNumber(%s, 2) = %q; want %q", huge, got, want)
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		name, locale, value string
		places              int32
		want                string
	}{
		{"EsHours", "es", "12.5", 2, "12,50"},
		{"EnHours", "en", "12.5", 2, "12.50"},
		{"EsFourDigits", "es", "1234.5", 2, "1234,50"},
		{"EsGrouped", "es", "12345.5", 2, "12.345,50"},
		{"ItFourDigits", "it", "1234.5", 2, "1.234,50"},
		{"FrSpace", "fr", "1234.5", 2, "1 234,50"},
		{"EnGrouped", "en-US", "1234.5", 2, "1,234.50"},
		{"Percent", "es", "21", 0, "21"},
		{"NegativePercent", "it", "-15", 1, "-15,0"},
		{"RoundsHalfAwayFromZero", "en", "2.5", 0, "3"},
		{"NegativeRoundsAwayFromZero", "en", "-2.5", 0, "-3"},
		{"NegativePlacesAreZero", "en", "2.4", -1, "2"},
		{"Quantity", "de", "0.25", 2, "0,25"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FormatNumber(dec(tt.value), tt.places, tt.locale)
			if got != tt.want {
				t.Fatalf("FormatNumber(%s, %d, %q) = %q; want %q", tt.value, tt.places, tt.locale, got, tt.want)
			}
		})
	}
}

func TestFormatNumberManyPlaces(t *testing.T) {
	got := FormatNumber(decimal.New(1, -20), 40, "en")
	if want := "0.000000000000000000"; got != want {
		t.Fatalf("FormatNumber with 40 places = %q; want %q (clamped to 18)", got, want)
	}
}

func TestSymbol(t *testing.T) {
	tests := []struct{ code, locale, want string }{
		{"EUR", "es", "€"},
		{"USD", "es", "US$"},
		{"USD", "en-US", "$"},
		{"GBP", "en-GB", "£"},
		{"JPY", "en", "¥"},
		{"JPY", "ja", "￥"},
		{"KWD", "en", "KWD"},
		{"XYZ", "en", "XYZ"},
	}
	for _, tt := range tests {
		t.Run(tt.code+" "+tt.locale, func(t *testing.T) {
			if got := Symbol(tt.code, tt.locale); got != tt.want {
				t.Fatalf("Symbol(%s, %q) = %q; want %q", tt.code, tt.locale, got, tt.want)
			}
		})
	}
}

func TestLocaleFor(t *testing.T) {
	tests := []struct {
		name, lang, country, want string
	}{
		{"SpanishSpain", "es", "ES", "es-ES"},
		{"EnglishUS", "en", "US", "en-US"},
		{"NoCountry", "it", "", "it"},
		{"NoLanguage", "", "ES", "en"},
		{"Nothing", "", "", "en"},
		{"CaseAndSpaces", " ES ", " es ", "es-ES"},
		{"LanguageWithRegion", "pt-BR", "PT", "pt-BR"},
		{"UnderscoreRegion", "en_gb", "", "en-GB"},
		{"NumericRegion", "es", "419", "es-419"},
		{"CountryNameIgnored", "es", "Spain", "es"},
		{"LanguageNameRefused", "Spanish", "ES", "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LocaleFor(tt.lang, tt.country); got != tt.want {
				t.Fatalf("LocaleFor(%q, %q) = %q; want %q", tt.lang, tt.country, got, tt.want)
			}
		})
	}
}
