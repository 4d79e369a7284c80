package money

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/bojanz/currency"
	"github.com/shopspring/decimal"
)

// Format writes a as people of locale read it, by the CLDR rules bojanz/currency
// carries: "1234,56 €" in es, "12.345,99 €" in es, "$1,234.56" in en-US,
// "£1,234.56" in en-GB, "¥1,200" for JPY in en-US. locale is a CLDR id such as
// "es", "es-ES", "pt-BR" (see LocaleFor); an empty or unknown one falls back to
// English. It always shows exactly the currency's minor digits, rounding with
// Round. CLDR's no-break spaces come out as plain spaces (see plainSpaces).
// A currency that Digits refuses comes out as "1234.5 XYZ", a value too large
// for bojanz/currency as "1234.50 EUR" (see fits).
func Format(a Amount, locale string) string {
	digits, err := Digits(a.Currency)
	if err != nil {
		return a.Value.String() + " " + a.Currency
	}
	v := Round(a.Value, digits)
	amount, err := currency.NewAmount(v.String(), a.Currency)
	if err != nil || !fits(v, digits) {
		return v.StringFixed(digits) + " " + a.Currency
	}
	loc := localeOf(locale)
	f := currency.NewFormatter(loc)
	f.MinDigits = uint8(digits)
	f.MaxDigits = uint8(digits)
	return finish(f.Format(amount), v, loc)
}

// fits reports whether bojanz/currency can print v with places decimals: it
// rounds in 39 significant digits and prints NaN beyond. Larger values, far
// above any invoice, are printed plainly ("1234.50 EUR").
func fits(v decimal.Decimal, places int32) bool {
	return len(v.Abs().Truncate(0).String())+int(places) <= 39
}

// localeOf reads a CLDR locale id. Without a language bojanz/currency finds
// no format at all, so such an id falls back to English, as an unknown
// language does.
func localeOf(id string) currency.Locale {
	loc := currency.NewLocale(id)
	if !isLetters(loc.Language, 2, 3) {
		return currency.Locale{Language: "en"}
	}
	return loc
}

// maxPlaces bounds FormatNumber's places; bojanz/currency counts them in a uint8.
const maxPlaces = 18

// FormatNumber writes d with exactly places decimals (rounded with Round) and
// the locale's CLDR decimal and grouping symbols, for hours, quantities and
// percentages in documents: 12.5 with 2 places is "12,50" in es, "12.50" in en.
// places is clamped to [0, 18].
func FormatNumber(d decimal.Decimal, places int32, locale string) string {
	places = min(max(places, 0), maxPlaces)
	v := Round(d, places)
	// Any valid code does: the currency is not shown.
	amount, err := currency.NewAmount(v.String(), "USD")
	if err != nil || !fits(v, places) {
		return v.StringFixed(places)
	}
	loc := localeOf(locale)
	f := currency.NewFormatter(loc)
	f.MinDigits = uint8(places)
	f.MaxDigits = uint8(places)
	f.CurrencyDisplay = currency.DisplayNone
	return finish(f.Format(amount), v, loc)
}

// Symbol returns the currency symbol people of locale know code by ("€",
// "US$" in es, "$" in en-US), or code itself when CLDR has none.
func Symbol(code, locale string) string {
	s, ok := currency.GetSymbol(code, localeOf(locale))
	if !ok || s == "" {
		return code
	}
	return plainSpaces.Replace(s)
}

// LocaleFor builds the locale id of a client from its language and country:
// ("es", "ES") -> "es-ES", ("en", "US") -> "en-US", ("it", "") -> "it".
// Without a usable language it is "en", whatever the country: guessing a
// language from a country would print amounts in a form the client may not read.
// A country that is not two letters or three digits (UN M.49, "419") is ignored.
func LocaleFor(lang, country string) string {
	loc := currency.NewLocale(lang)
	if !isLetters(loc.Language, 2, 3) {
		return "en"
	}
	country = strings.ToUpper(strings.TrimSpace(country))
	if loc.Territory == "" && (isLetters(country, 2, 2) || isDigits(country, 3)) {
		loc.Territory = country
	}
	return loc.String()
}

func isLetters(s string, minLen, maxLen int) bool {
	if len(s) < minLen || len(s) > maxLen {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') {
			return false
		}
	}
	return true
}

func isDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// plainSpaces turns the no-break spaces CLDR puts between number and symbol
// (U+00A0) and between digit groups (U+202F in fr) into plain spaces, so that
// what the CLI, CSV files and tests print reads and compares as typed
// ("1234,56 €"). Parse accepts either.
var plainSpaces = strings.NewReplacer("\u00a0", " ", "\u202f", " ")

// groupFourDigits lists the languages whose CLDR minimumGroupingDigits of 2
// we override to 1. CLDR writes Italian 1234,56 €, but Italian invoices and
// accountants write 1.234,56 €, the form this app promises. Spanish keeps the
// CLDR rule (1234,56 €), which is also what the RAE recommends.
var groupFourDigits = map[string]bool{"it": true}

// finish applies what this app changes in bojanz/currency's output: plain
// spaces, and grouping of four-digit numbers where groupFourDigits asks.
// v is the number printed, already rounded.
func finish(out string, v decimal.Decimal, loc currency.Locale) string {
	out = plainSpaces.Replace(out)
	if !groupFourDigits[loc.Language] {
		return out
	}
	sym := symbolsFor(loc)
	whole := v.Abs().Truncate(0).String()
	// Only a four-digit whole part is left ungrouped by minimumGroupingDigits 2;
	// the locales listed use ASCII digits, so it appears in out as is, first.
	if sym.group == 0 || sym.primary != 3 || len(whole) != 4 {
		return out
	}
	return strings.Replace(out, whole, whole[:1]+string(sym.group)+whole[1:], 1)
}

// numberSymbols are a locale's CLDR number symbols. bojanz/currency keeps
// them unexported, so symbolsFor reads them back from what it prints.
type numberSymbols struct {
	decimal rune // ',' in es, '.' in en
	group   rune // '.' in es, ',' in en, ' ' in fr; 0 when the locale does not group
	// primary and secondary are the digit group sizes: 3 and 3, or 3 and 2 in en-IN.
	primary, secondary int
	minus              string // "-", or "−" (U+2212) in sv
	// local maps the locale's own digits to '0'..'9' when it does not print
	// ASCII digits (Arabic-Indic, Devanagari, ...); nil otherwise.
	local map[rune]byte
}

var symbolsCache sync.Map // locale id -> *numberSymbols

func symbolsFor(loc currency.Locale) *numberSymbols {
	if s, ok := symbolsCache.Load(loc.String()); ok {
		return s.(*numberSymbols)
	}
	s := probeSymbols(loc)
	symbolsCache.Store(loc.String(), s)
	return s
}

func probeSymbols(loc currency.Locale) *numberSymbols {
	show := func(n string, places uint8, grouping bool) string {
		amount, _ := currency.NewAmount(n, "USD")
		f := currency.NewFormatter(loc)
		f.CurrencyDisplay = currency.DisplayNone
		f.MinDigits, f.MaxDigits = places, places
		f.NoGrouping = !grouping
		return plainSpaces.Replace(stripMarks(f.Format(amount)))
	}
	s := &numberSymbols{}

	digits := []rune(strings.Map(keepDigits, show("9876543210", 0, false)))
	if len(digits) == 10 && digits[9] != '0' {
		s.local = make(map[rune]byte, 10)
		for i, r := range digits {
			s.local[r] = byte('9' - i)
		}
	}

	// Seven whole digits are grouped whatever minimumGroupingDigits says:
	// "1.234.567,5", "12,34,567.5", "1 234 567,5".
	var runs []int
	var seps []string
	var sep strings.Builder
	n := 0
	for _, r := range show("1234567.5", 1, true) {
		if unicode.IsDigit(r) {
			if sep.Len() > 0 {
				runs = append(runs, n)
				seps = append(seps, sep.String())
				sep.Reset()
				n = 0
			}
			n++
		} else if n > 0 {
			sep.WriteRune(r)
		}
	}
	runs = append(runs, n)
	if k := len(seps); k > 0 {
		s.decimal = single(seps[k-1])
		if k > 1 {
			s.group = single(seps[0])
			switch {
			case unicode.IsSpace(s.group):
				s.group = ' '
			case s.group == '’':
				s.group = '\''
			}
			s.primary = runs[k-1]
			s.secondary = runs[k-2]
		}
	}

	s.minus = strings.TrimFunc(strings.Map(dropDigits, show("-1", 0, false)), unicode.IsSpace)
	if s.minus == "" {
		s.minus = "-"
	}
	return s
}

// single returns the one rune of s, or 0 when s is not one rune long.
func single(s string) rune {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 || size != len(s) {
		return 0
	}
	return r
}

func keepDigits(r rune) rune {
	if unicode.IsDigit(r) {
		return r
	}
	return -1
}

func dropDigits(r rune) rune {
	if unicode.IsDigit(r) {
		return -1
	}
	return r
}

// stripMarks removes the invisible bidirectional marks CLDR puts around
// numbers and signs in right-to-left locales.
func stripMarks(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '\u200e', '\u200f', '\u061c':
			return -1
		}
		return r
	}, s)
}
