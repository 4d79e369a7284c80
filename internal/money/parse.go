package money

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bojanz/currency"
	"github.com/shopspring/decimal"
)

// Parse reads an amount of code as a person of locale types it: "1234.5",
// "1234,50", "1.234,50", "1 234,50 €", "€1,234.50", "$ 1,234.50", "-12,50",
// and what Format prints. code must be an upper-case ISO 4217 code
// (see NormalizeCode).
//
// Around the number there may be spaces of any kind (NBSP, narrow NBSP, thin
// space), a sign (-, − or +) and one currency mark before or after: the ISO
// code in any case, or the symbol of code in locale or in English. A mark of
// another currency ("$12" for EUR) is refused.
//
// Inside the number, '.', ',', apostrophes and spaces separate digits, and the
// locale's CLDR decimal symbol decides only where the text alone cannot:
//   - Two kinds of separator: the last one, written once, is the decimal
//     point, the other groups thousands ("1.234,50" and "1,234.50" everywhere).
//   - One kind written more than once groups thousands ("1.234.567").
//   - One separator followed by other than three digits, or after a whole
//     part that cannot be a digit group (four digits or more, or a leading
//     0), is the decimal point ("1234.5" and "1234,50" everywhere, "0,125").
//   - One separator followed by exactly three digits ("1.234", "1,234") is
//     read by the locale: its grouping symbol groups ("1.234" is 1234 in es,
//     "1,234" is 1234 in en); its decimal symbol is the decimal point when
//     the currency has three decimals ("1,234" KWD is 1.234 in es). Otherwise
//     the text is ambiguous and refused with the two ways to write it: the
//     decimal symbol for a two-decimal currency ("1,234" EUR in es), or a
//     symbol the locale does not use ("1.234" in fr).
//   - Spaces and apostrophes only group.
//
// Groups are three digits, or the locale's sizes ("12,34,567" in en-IN); the
// first may be shorter. Anything else ("1.23.4", "12,34,5") is refused.
// More decimals than the currency has are refused unless they are zeros
// ("1,2300" EUR is 1.23, "1.234,567" EUR is refused): the result is never
// rounded.
func Parse(input, code, locale string) (decimal.Decimal, error) {
	digits, err := Digits(code)
	if err != nil {
		return decimal.Zero, err
	}
	loc := localeOf(locale)
	p := &parser{input: strings.TrimSpace(input), code: code, digits: digits, loc: loc, sym: symbolsFor(loc)}

	s := strings.TrimFunc(stripMarks(input), unicode.IsSpace)
	if s == "" {
		return decimal.Zero, fmt.Errorf("no amount given: type a number such as %s", p.example())
	}
	first, end := -1, 0
	for i, r := range s {
		if _, ok := p.digit(r); ok {
			if first < 0 {
				first = i
			}
			end = i + utf8.RuneLen(r)
		}
	}
	if first < 0 {
		return decimal.Zero, p.notAmount()
	}
	neg, err := p.affixes(s[:first], s[end:])
	if err != nil {
		return decimal.Zero, err
	}
	whole, frac, err := p.number(s[first:end])
	if err != nil {
		return decimal.Zero, err
	}

	text := whole
	if frac != "" {
		text += "." + frac
	}
	v, err := decimal.NewFromString(text)
	if err != nil {
		return decimal.Zero, p.notAmount()
	}
	if neg {
		v = v.Neg()
	}
	if int32(len(frac)) > digits && !v.Equal(Round(v, digits)) {
		if digits == 0 {
			return decimal.Zero, fmt.Errorf("%q has decimals, but %s has none: use a whole number", p.input, code)
		}
		return decimal.Zero, fmt.Errorf("%q has more than %d decimals: %s has %d", p.input, digits, code, digits)
	}
	return Round(v, digits), nil
}

type parser struct {
	input  string // as typed, trimmed, for messages
	code   string
	digits int32
	loc    currency.Locale
	sym    *numberSymbols
}

// digit returns the ASCII digit r stands for: '0'..'9' or the locale's own.
func (p *parser) digit(r rune) (byte, bool) {
	if r >= '0' && r <= '9' {
		return byte(r), true
	}
	d, ok := p.sym.local[r]
	return d, ok
}

// affixes reads the sign and currency mark around the number and reports
// whether the amount is negative.
func (p *parser) affixes(prefix, suffix string) (neg bool, err error) {
	pre, suf := dropSpaces(prefix), dropSpaces(suffix)
	rest, sign := p.cutSign(pre, strings.CutPrefix)
	if sign == 0 {
		rest, sign = p.cutSign(rest, strings.CutSuffix) // "€-12", "CHF-1'234.56"
	}
	for _, mark := range []string{rest, suf} {
		if mark == "" {
			continue
		}
		if err := p.checkMark(mark); err != nil {
			return false, err
		}
	}
	if rest != "" && suf != "" {
		return false, fmt.Errorf("%q has two currency marks: keep one, e.g. %s", p.input, Format(Amount{Value: p.exampleValue(), Currency: p.code}, p.loc.String()))
	}
	return sign < 0, nil
}

func (p *parser) cutSign(s string, cut func(s, affix string) (string, bool)) (string, int) {
	if rest, ok := cut(s, "+"); ok {
		return rest, 1
	}
	for _, minus := range []string{"-", "−", p.sym.minus} {
		if rest, ok := cut(s, minus); ok {
			return rest, -1
		}
	}
	return s, 0
}

// checkMark accepts the ISO code or a symbol of the parser's currency and
// refuses a mark of another currency.
func (p *parser) checkMark(mark string) error {
	en := currency.NewLocale("en")
	isMark := func(code string) bool {
		if strings.EqualFold(mark, code) {
			return true
		}
		for _, l := range []currency.Locale{p.loc, en} {
			if s, ok := currency.GetSymbol(code, l); ok && strings.EqualFold(mark, dropSpaces(stripMarks(s))) {
				return true
			}
		}
		return false
	}
	if isMark(p.code) {
		return nil
	}
	var others []string
	for _, c := range currency.GetCurrencyCodes() {
		if isMark(c) {
			others = append(others, c)
		}
	}
	if len(others) == 0 {
		return p.notAmount()
	}
	return fmt.Errorf("%q is an amount of %s, not %s: type it without %s, or with %s",
		p.input, strings.Join(others, " or "), p.code, mark, Symbol(p.code, p.loc.String()))
}

// number splits a run of digits and separators, which starts and ends with a
// digit, into whole and decimal digits by the rules of Parse.
func (p *parser) number(run string) (whole, frac string, err error) {
	var groups []string
	var seps []rune
	var cur []byte
	for _, r := range run {
		if d, ok := p.digit(r); ok {
			cur = append(cur, d)
			continue
		}
		k := p.kind(r)
		if k == 0 {
			return "", "", p.notAmount()
		}
		if len(cur) == 0 {
			return "", "", p.misplaced()
		}
		groups = append(groups, string(cur))
		seps = append(seps, k)
		cur = cur[:0]
	}
	groups = append(groups, string(cur))

	n := len(seps)
	if n == 0 {
		return groups[0], "", nil
	}
	count := map[rune]int{}
	for _, k := range seps {
		count[k]++
	}
	last := seps[n-1]
	switch {
	case len(count) > 2:
		return "", "", p.misplaced()
	case len(count) == 2:
		if count[last] != 1 || !p.decimalKind(last) || !p.groupKind(seps[0]) || !p.grouped(groups[:n]) {
			return "", "", p.misplaced()
		}
		return strings.Join(groups[:n], ""), groups[n], nil
	case n > 1:
		if !p.groupKind(last) || !p.grouped(groups) {
			return "", "", p.misplaced()
		}
		return strings.Join(groups, ""), "", nil
	}

	a, b := groups[0], groups[1]
	canGroup := p.groupKind(last) && p.grouped(groups)
	canDecimal := p.decimalKind(last)
	switch {
	case canGroup && !canDecimal:
		return a + b, "", nil
	case canDecimal && !canGroup:
		return a, b, nil
	case !canGroup && !canDecimal:
		return "", "", p.misplaced()
	case last == p.sym.group:
		return a + b, "", nil
	case last == p.sym.decimal && p.digits >= 3:
		return a, b, nil
	}
	return "", "", p.ambiguous(a, b, last)
}

// kind returns the separator r counts as: '.' or ',' as they are, a space
// for any space, the ASCII apostrophe for ’ too, and the locale's own
// symbols as they are; 0 if r separates nothing.
func (p *parser) kind(r rune) rune {
	switch {
	case r == '.' || r == ',':
		return r
	case unicode.IsSpace(r):
		return ' '
	case r == '\'' || r == '’':
		return '\''
	case r == p.sym.decimal || r == p.sym.group:
		return r
	}
	return 0
}

func (p *parser) decimalKind(k rune) bool {
	return k == '.' || k == ',' || k == p.sym.decimal
}

// groupKind reports whether k may group digits: all separators but a decimal
// symbol of the locale's own, such as the Arabic '٫'.
func (p *parser) groupKind(k rune) bool {
	return k != p.sym.decimal || k == '.' || k == ','
}

// grouped reports whether groups are digit groups of three, or of the
// locale's sizes.
func (p *parser) grouped(groups []string) bool {
	return groupedBy(groups, 3, 3) || groupedBy(groups, p.sym.primary, p.sym.secondary)
}

func groupedBy(groups []string, primary, secondary int) bool {
	n := len(groups)
	if primary <= 0 || secondary <= 0 || n < 2 || len(groups[n-1]) != primary {
		return false
	}
	for _, g := range groups[1 : n-1] {
		if len(g) != secondary {
			return false
		}
	}
	lead := groups[0]
	return len(lead) <= secondary && lead[0] != '0'
}

// exampleValue is what messages show as a well-written amount: 1234.50,
// 1234 or 1234.500 by the currency's digits.
func (p *parser) exampleValue() decimal.Decimal {
	if p.digits == 0 {
		return decimal.New(1234, 0)
	}
	return decimal.New(12345, -1)
}

// example is exampleValue as a number in the parser's locale.
func (p *parser) example() string {
	return FormatNumber(p.exampleValue(), p.digits, p.loc.String())
}

func (p *parser) notAmount() error {
	return fmt.Errorf("%q is not an amount of %s: type a number such as %s", p.input, p.code, p.example())
}

func (p *parser) misplaced() error {
	grouped := FormatNumber(decimal.New(123456789, -2), 2, p.loc.String())
	plain := grouped
	if p.sym.group != 0 {
		plain = strings.ReplaceAll(grouped, string(p.sym.group), "")
	}
	return fmt.Errorf("%q has misplaced separators: group the digits as in %s, or leave the groups out: %s",
		p.input, grouped, plain)
}

// ambiguous explains how to write a single separator followed by three
// digits, a and b the digits around it, so that it reads one way only.
func (p *parser) ambiguous(a, b string, sep rune) error {
	dec := strings.TrimRight(b, "0")
	if int32(len(dec)) > p.digits {
		return fmt.Errorf("%q is ambiguous: type %s%s if %q separates thousands; %s amounts have %s",
			p.input, a, b, sep, p.code, decimalsNoun(p.digits))
	}
	decimalForm := a
	if p.digits > 0 {
		decimalForm = a + string(p.decimalSymbol()) + dec + strings.Repeat("0", int(p.digits)-len(dec))
	}
	return fmt.Errorf("%q is ambiguous: type %s%s if %q separates thousands, or %s if it is the decimal point",
		p.input, a, b, sep, decimalForm)
}

func decimalsNoun(digits int32) string {
	switch digits {
	case 0:
		return "no decimals"
	case 1:
		return "at most 1 decimal"
	}
	return fmt.Sprintf("at most %d decimals", digits)
}

func (p *parser) decimalSymbol() rune {
	if p.sym.decimal == 0 {
		return '.'
	}
	return p.sym.decimal
}

func dropSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
