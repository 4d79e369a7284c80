package money

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// parseCases also seed FuzzParse.
var parseCases = []struct {
	name, input, code, locale, want string
}{
	{"DotDecimalInEs", "1234.5", "EUR", "es", "1234.50"},
	{"CommaDecimal", "1234,50", "EUR", "es", "1234.50"},
	{"EsGrouped", "1.234,50", "EUR", "es", "1234.50"},
	{"SpaceGroupedWithSymbol", "1 234,50 €", "EUR", "es", "1234.50"},
	{"NoBreakSpaces", "1\u00a0234,50\u00a0€", "EUR", "fr", "1234.50"},
	{"NarrowNoBreakSpaces", "1\u202f234,50\u202f€", "EUR", "fr", "1234.50"},
	{"ThinSpace", "1\u2009234,50 €", "EUR", "es", "1234.50"},
	{"SymbolFirstEnglish", "€1,234.50", "EUR", "en", "1234.50"},
	{"SymbolFirstInEs", "€1,234.50", "EUR", "es", "1234.50"},
	{"DollarWithSpace", "$ 1,234.50", "USD", "en-US", "1234.50"},
	{"Whole", "1234", "EUR", "es", "1234"},
	{"Negative", "-12,50", "EUR", "es", "-12.50"},
	{"SingleDotFollowedByTwoInEs", "1234.50", "EUR", "es", "1234.50"},
	{"SingleCommaFollowedByTwoInEn", "1234,50", "EUR", "en", "1234.50"},
	{"OneDecimal", "12,5", "EUR", "en", "12.50"},
	{"EsDotGroupsThree", "1.234", "EUR", "es", "1234"},
	{"EnCommaGroupsThree", "1,234", "USD", "en-US", "1234"},
	{"ItDotGroupsThree", "1.234", "EUR", "it", "1234"},
	{"YenDotInEs", "1.200", "JPY", "es", "1200"},
	{"YenSymbolInEn", "¥1,200", "JPY", "en", "1200"},
	{"YenFullwidthInJa", "￥1,200", "JPY", "ja", "1200"},
	{"DinarGrouped", "1,234.567", "KWD", "en", "1234.567"},
	{"DinarDecimalCommaInEs", "1,234", "KWD", "es", "1.234"},
	{"DinarDotGroupsInEs", "1.234", "KWD", "es", "1234"},
	{"DinarCodeFirst", "KWD 1.234", "KWD", "en", "1.234"},
	{"DinarTrailingZero", "1,500", "KWD", "es", "1.5"},
	{"LeadingZeroIsDecimal", "0,125", "KWD", "es", "0.125"},
	{"LeadingZeroTrailingZero", "0.500", "EUR", "en", "0.5"},
	{"RepeatedSeparatorGroups", "1.234.567", "EUR", "en", "1234567"},
	{"OtherConventionInEs", "1,234,567.89", "EUR", "es", "1234567.89"},
	{"OtherConventionInEn", "1.234.567,89", "EUR", "en", "1234567.89"},
	{"IndianGrouping", "12,34,567.50", "INR", "en-IN", "1234567.50"},
	{"WesternGroupingInIndia", "1,234,567.50", "INR", "en-IN", "1234567.50"},
	{"SwissApostrophe", "1'234.50", "CHF", "de-CH", "1234.50"},
	{"SwissTypographicApostrophe", "1’234.50", "CHF", "de-CH", "1234.50"},
	{"SwissNegative", "CHF-1'234.50", "CHF", "de-CH", "-1234.50"},
	{"MinusBeforeSymbol", "-€12.50", "EUR", "en", "-12.50"},
	{"MinusAfterSymbol", "€-12.50", "EUR", "en", "-12.50"},
	{"MinusWithSpace", "- 12,50 €", "EUR", "es", "-12.50"},
	{"MinusSign", "−1 234,50 kr", "SEK", "sv", "-1234.50"},
	{"Plus", "+12,50", "EUR", "es", "12.50"},
	{"CodeAfter", "12,50 EUR", "EUR", "es", "12.50"},
	{"LowercaseCodeBefore", "eur 12,50", "EUR", "es", "12.50"},
	{"CodeAttached", "EUR12", "EUR", "es", "12"},
	{"LocaleSymbol", "12,5 US$", "USD", "es", "12.50"},
	{"EnglishSymbolInOtherLocale", "$12.50", "USD", "es", "12.50"},
	{"Real", "R$ 1.234,50", "BRL", "pt-BR", "1234.50"},
	{"Zloty", "1234,50 zł", "PLN", "pl", "1234.50"},
	{"ArabicIndicDigits", "١٬٢٣٤٫٥٠ ج.م.", "EGP", "ar-EG", "1234.50"},
	{"SurroundingSpaces", "  12.5\t", "EUR", "en", "12.50"},
	{"LeadingZeros", "0012", "JPY", "en", "12"},
	{"ZeroDecimalsBeyondTheCurrency", "1,2300", "EUR", "es", "1.23"},
	{"ZeroDecimalsOnYen", "1200,00", "JPY", "es", "1200"},
	{"HugeWhole", "10000000000000000000000000000000000000", "EUR", "es", "10000000000000000000000000000000000000"},
}

func TestParse(t *testing.T) {
	for _, tt := range parseCases {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.input, tt.code, tt.locale)
			if err != nil {
				t.Fatalf("Parse(%q, %s, %q): %v", tt.input, tt.code, tt.locale, err)
			}
			if !got.Equal(dec(tt.want)) {
				t.Fatalf("Parse(%q, %s, %q) = %s; want %s", tt.input, tt.code, tt.locale, got, tt.want)
			}
			if digits, _ := Digits(tt.code); got.Exponent() != -digits {
				t.Errorf("Parse(%q) = %s has exponent %d; want the %d digits of %s", tt.input, got, got.Exponent(), digits, tt.code)
			}
		})
	}
}

func TestParseRefuses(t *testing.T) {
	tests := []struct {
		name, input, code, locale, wantErr string
	}{
		{"Empty", "", "EUR", "es", "no amount given: type a number such as 1234,50"},
		{"Blank", " \u00a0 ", "EUR", "es", "no amount given"},
		{"Garbage", "abc", "EUR", "es", `"abc" is not an amount of EUR: type a number such as 1234,50`},
		{"GarbageExampleInEnglish", "abc", "USD", "en", "such as 1,234.50"},
		{"TrailingLetters", "12x", "EUR", "es", "not an amount"},
		{"Exponent", "1e3", "EUR", "en", "not an amount"},
		{"OnlySign", "-", "EUR", "en", "not an amount"},
		{"DoubleMinus", "--12", "EUR", "en", "not an amount"},
		{"TrailingMinus", "12-", "EUR", "en", "not an amount"},
		{"Parentheses", "(12.50)", "EUR", "en", "not an amount"},
		{"LeadingDecimalPoint", ".50", "EUR", "en", "not an amount"},
		{"InnerMinus", "12-50", "EUR", "en", "not an amount"},
		{"MisplacedDots", "1.23.4", "EUR", "es", `"1.23.4" has misplaced separators: group the digits as in 1.234.567,89, or leave the groups out: 1234567,89`},
		{"IndianGroupingOutsideIndia", "12,34,567.50", "USD", "en", "has misplaced separators"},
		{"ShortLastGroupInIndia", "12,34,5", "INR", "en-IN", "has misplaced separators"},
		{"ShortLastGroup", "12,34,5", "USD", "en", "group the digits as in 1,234,567.89, or leave the groups out: 1234567.89"},
		{"MisplacedInFrench", "1 23,5", "EUR", "fr", "group the digits as in 1 234 567,89, or leave the groups out: 1234567,89"},
		{"TwoMarksExample", "$1 USD", "USD", "en", "keep one, e.g. $1,234.50"},
		{"DoubleSeparator", "1..234", "EUR", "en", "misplaced separators"},
		{"SpaceThenComma", "1 ,234", "EUR", "en", "misplaced separators"},
		{"SpaceAsDecimal", "12 50", "EUR", "es", "misplaced separators"},
		{"ThreeKinds", "1 234.567,89", "EUR", "es", "misplaced separators"},
		{"DecimalTwice", "1,234.56.78", "EUR", "en", "misplaced separators"},
		{"SpaceLast", "1,234 567", "EUR", "en", "misplaced separators"},
		{"LongLeadGroup", "1234.567,89", "EUR", "es", "misplaced separators"},
		{"AmbiguousDecimalCommaForEuro", "1,234", "EUR", "es", `"1,234" is ambiguous: type 1234 if ',' separates thousands; EUR amounts have at most 2 decimals`},
		{"AmbiguousTrailingZero", "1,500", "EUR", "es", `"1,500" is ambiguous: type 1500 if ',' separates thousands, or 1,50 if it is the decimal point`},
		{"AmbiguousDotInEn", "1.500", "USD", "en", "type 1500 if '.' separates thousands, or 1.50 if it is the decimal point"},
		{"AmbiguousDotInFr", "1.234", "EUR", "fr", "is ambiguous: type 1234"},
		{"AmbiguousDinarInFr", "1.234", "KWD", "fr", "type 1234 if '.' separates thousands, or 1,234 if it is the decimal point"},
		{"AmbiguousCommaInSwiss", "1,234", "CHF", "de-CH", "is ambiguous"},
		{"AmbiguousYen", "1.200", "JPY", "en", "type 1200 if '.' separates thousands; JPY amounts have no decimals"},
		{"AmbiguousWholeYen", "1.000", "JPY", "en", "type 1000 if '.' separates thousands, or 1 if it is the decimal point"},
		{"AmbiguousWithSymbol", "€12.345", "EUR", "en", `"€12.345" is ambiguous`},
		{"WrongSymbol", "$12", "EUR", "es", `"$12" is an amount of USD, not EUR: type it without $, or with €`},
		{"WrongCode", "12 USD", "EUR", "es", "is an amount of USD, not EUR"},
		{"WrongLowercaseCode", "gbp 12", "EUR", "es", "is an amount of GBP, not EUR"},
		{"WrongYen", "¥1,200", "USD", "en", "is an amount of JPY, not USD"},
		{"TwoMarks", "€12 EUR", "EUR", "es", "has two currency marks"},
		{"TooManyDecimals", "1.234,567", "EUR", "es", `"1.234,567" has more than 2 decimals: EUR has 2`},
		{"TooManyDecimalsEn", "1234.567", "EUR", "en", "has more than 2 decimals: EUR has 2"},
		{"TooManyDinarDecimals", "1.234,5678", "KWD", "es", "has more than 3 decimals: KWD has 3"},
		{"YenDecimals", "10.5", "JPY", "en", `"10.5" has decimals, but JPY has none: use a whole number`},
		{"NegativeTooManyDecimals", "-12,345 €", "EUR", "it", "is ambiguous"},
		{"LowercaseCode", "12", "eur", "es", "unknown currency"},
		{"UnknownCode", "12", "XYZ", "es", "unknown currency"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.input, tt.code, tt.locale)
			if err == nil {
				t.Fatalf("Parse(%q, %s, %q) = %s; want an error", tt.input, tt.code, tt.locale, got)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Parse(%q, %s, %q) error:\n  %s\nwant it to contain:\n  %s", tt.input, tt.code, tt.locale, err, tt.wantErr)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q is more than one line", err)
			}
		})
	}
}

// TestParseMessages pins whole messages, the examples in them included.
func TestParseMessages(t *testing.T) {
	tests := []struct {
		name, input, code, locale, want string
	}{
		{"YenExample", "abc", "JPY", "en", `"abc" is not an amount of JPY: type a number such as 1,234`},
		{"DinarExample", "", "KWD", "es", "no amount given: type a number such as 1234,500"},
		{"TwoMarks", "€12 EUR", "EUR", "es", `"€12 EUR" has two currency marks: keep one, e.g. 1234,50 €`},
		{"Ambiguous", "1.234", "EUR", "en", `"1.234" is ambiguous: type 1234 if '.' separates thousands; EUR amounts have at most 2 decimals`},
		{"WrongCurrency", "12 US$", "EUR", "es", `"12 US$" is an amount of USD, not EUR: type it without US$, or with €`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.input, tt.code, tt.locale)
			if err == nil || err.Error() != tt.want {
				t.Fatalf("Parse(%q, %s, %q) error:\n  %v\nwant:\n  %s", tt.input, tt.code, tt.locale, err, tt.want)
			}
		})
	}
}

// FuzzParse checks that Parse never panics and that what it accepts has the
// currency's digits and survives Format and Parse again.
func FuzzParse(f *testing.F) {
	for _, c := range parseCases {
		f.Add(c.input, c.code, c.locale)
	}
	f.Fuzz(func(t *testing.T, input, code, locale string) {
		v, err := Parse(input, code, locale)
		if err != nil {
			return
		}
		digits, _ := Digits(code)
		if v.Exponent() != -digits {
			t.Fatalf("Parse(%q, %s, %q) = %s; want %d decimals", input, code, locale, v, digits)
		}
		text := Format(Amount{Value: v, Currency: code}, locale)
		again, err := Parse(text, code, locale)
		if err != nil || !again.Equal(v) {
			t.Fatalf("Parse(%q) = %s, formatted %q, read back as %s, %v", input, v, text, again, err)
		}
	})
}

// fuzzLocales and fuzzCodes are what FuzzParseFormat picks from.
var (
	fuzzLocales = []string{"es", "it", "en-US", "en-GB", "de", "fr"}
	fuzzCodes   = []string{"EUR", "USD", "GBP", "JPY", "KWD", "CHF", "KRW", "BHD"}
)

// FuzzParseFormat checks that whatever Format prints, Parse reads back the
// same amount: units is the amount in the currency's minor units.
func FuzzParseFormat(f *testing.F) {
	for _, c := range formatCases {
		digits, err := Digits(c.code)
		if err != nil {
			f.Fatal(err)
		}
		units := Round(dec(c.value), digits).Shift(digits).IntPart()
		for li := range fuzzLocales {
			for ci, code := range fuzzCodes {
				if code == c.code {
					f.Add(units, uint8(li), uint8(ci))
				}
			}
		}
	}
	f.Add(int64(1234), uint8(0), uint8(4)) // "1,234 KWD" in es
	f.Add(int64(-9223372036854775808), uint8(5), uint8(0))
	f.Fuzz(func(t *testing.T, units int64, li, ci uint8) {
		locale := fuzzLocales[int(li)%len(fuzzLocales)]
		code := fuzzCodes[int(ci)%len(fuzzCodes)]
		digits, err := Digits(code)
		if err != nil {
			t.Fatal(err)
		}
		want := decimal.New(units, -digits)
		text := Format(Amount{Value: want, Currency: code}, locale)
		got, err := Parse(text, code, locale)
		if err != nil {
			t.Fatalf("Parse(Format(%s %s, %q) = %q): %v", want, code, locale, text, err)
		}
		if !got.Equal(want) {
			t.Fatalf("Parse(Format(%s %s, %q) = %q) = %s", want, code, locale, text, got)
		}
	})
}
