package importer

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/money"
)

// date is a calendar day, before any zone applies.
type date struct {
	y int
	m time.Month
	d int
}

func (d date) next() date {
	t := time.Date(d.y, d.m, d.d+1, 0, 0, 0, 0, time.UTC)
	return date{t.Year(), t.Month(), t.Day()}
}

func (d date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.y, d.m, d.d) }

type dateOrder int

const (
	orderUnknown dateOrder = iota
	orderDMY
	orderMDY
)

// other is the opposite order: DMY for MDY and the other way round.
func (o dateOrder) other() dateOrder {
	if o == orderMDY {
		return orderDMY
	}
	return orderMDY
}

func (o dateOrder) layout() string {
	if o == orderMDY {
		return "MM/DD/YYYY"
	}
	return "DD/MM/YYYY"
}

// rawDate is a date cell split into its numbers, before the order of day and
// month is known.
type rawDate struct {
	text     string
	yearLast bool // DD/MM/YYYY or MM/DD/YYYY: the order is to be found
	dotted   bool // DD.MM.YYYY: only day-first countries write dots
	p1, p2   int  // the two parts besides the year, in file order
	year     int
}

// splitDate reads YYYY-MM-DD, YYYY/MM/DD and D/M/YYYY-like cells with /, - or
// . between the parts.
func splitDate(s string) (rawDate, bool) {
	i := strings.IndexAny(s, "/-.")
	if i < 0 {
		return rawDate{}, false
	}
	parts := strings.Split(s, s[i:i+1])
	if len(parts) != 3 {
		return rawDate{}, false
	}
	var n [3]int
	for k, p := range parts {
		v, ok := digits(p, 1, 4)
		if !ok {
			return rawDate{}, false
		}
		n[k] = v
	}
	d := rawDate{text: s}
	switch {
	case len(parts[0]) == 4 && len(parts[1]) <= 2 && len(parts[2]) <= 2:
		d.year, d.p1, d.p2 = n[0], n[1], n[2]
	case len(parts[2]) == 4 && len(parts[0]) <= 2 && len(parts[1]) <= 2:
		d.year, d.p1, d.p2 = n[2], n[0], n[1]
		d.yearLast = true
		d.dotted = s[i] == '.'
	default:
		return rawDate{}, false
	}
	return d, true
}

// digits parses s as an unsigned number of min to max digits.
func digits(s string, min, max int) (int, bool) {
	if len(s) < min || len(s) > max {
		return 0, false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// needsOrder reports whether the day/month order matters to read d.
func (d rawDate) needsOrder() bool { return d.yearLast && !d.dotted }

// resolve gives the day d stands for, reading day and month in order when
// the file leaves it open.
func (d rawDate) resolve(order dateOrder) (date, bool) {
	m, day := d.p1, d.p2
	if d.yearLast && (d.dotted || order == orderDMY) {
		m, day = d.p2, d.p1
	}
	if m < 1 || m > 12 || day < 1 || d.year < 1 {
		return date{}, false
	}
	t := time.Date(d.year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day {
		return date{}, false
	}
	return date{d.year, time.Month(m), day}, true
}

// dateCell is a date read from the file and where.
type dateCell struct {
	line int
	raw  rawDate
}

// detectOrder settles DD/MM against MM/DD over the whole file: the given order
// wins; else a part above 12 tells; else fallback, if any.
func detectOrder(cells []dateCell, given, fallback dateOrder) (dateOrder, error) {
	if given != orderUnknown {
		return given, nil
	}
	var dmy, mdy, open *dateCell
	for i := range cells {
		c := &cells[i]
		if !c.raw.needsOrder() {
			continue
		}
		switch {
		case c.raw.p1 > 12 && c.raw.p2 <= 12:
			if dmy == nil {
				dmy = c
			}
		case c.raw.p2 > 12 && c.raw.p1 <= 12:
			if mdy == nil {
				mdy = c
			}
		case open == nil:
			open = c
		}
	}
	switch {
	case dmy != nil && mdy != nil:
		first, last := dmy, mdy
		if last.line < first.line {
			first, last = last, first
		}
		return orderUnknown, lineErr(last.line, "date %q puts day and month the other way round from %q on line %d: make the file use one order",
			last.raw.text, first.raw.text, first.line)
	case dmy != nil:
		return orderDMY, nil
	case mdy != nil:
		return orderMDY, nil
	case open != nil && fallback == orderUnknown:
		return orderUnknown, lineErr(open.line, "dates like %s are ambiguous: pass --date-order DMY or MDY", open.raw.text)
	}
	return fallback, nil
}

// parseClock reads a time of day, "14:05:09", "14:05", "2:05:09 PM" or
// "2:05 pm", into seconds after midnight.
func parseClock(s string) (int, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	half := ""
	if rest, ok := strings.CutSuffix(s, "AM"); ok {
		s, half = strings.TrimSpace(rest), "AM"
	} else if rest, ok := strings.CutSuffix(s, "PM"); ok {
		s, half = strings.TrimSpace(rest), "PM"
	}
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	h, ok := digits(parts[0], 1, 2)
	if !ok {
		return 0, false
	}
	var ms [2]int
	for i, p := range parts[1:] {
		v, ok := digits(p, 2, 2)
		if !ok || v > 59 {
			return 0, false
		}
		ms[i] = v
	}
	switch half {
	case "":
		if h > 23 {
			return 0, false
		}
	default:
		if h < 1 || h > 12 {
			return 0, false
		}
		h %= 12
		if half == "PM" {
			h += 12
		}
	}
	return h*3600 + ms[0]*60 + ms[1], true
}

func clockText(sec int) string {
	return fmt.Sprintf("%02d:%02d:%02d", sec/3600, sec/60%60, sec%60)
}

// parseDuration reads "H:MM:SS" or "H:MM", hours unbounded, into seconds.
func parseDuration(s string) (int64, bool) {
	parts := strings.Split(strings.TrimSpace(s), ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	h, ok := digits(parts[0], 1, 6)
	if !ok {
		return 0, false
	}
	total := int64(h) * 3600
	for i, p := range parts[1:] {
		v, ok := digits(p, 2, 2)
		if !ok || v > 59 {
			return 0, false
		}
		total += int64(v) * []int64{60, 1}[i]
	}
	return total, true
}

// parseNumber reads a decimal as spreadsheets of any locale write it: "1.5",
// "0,01", "1,234.50", "1.234,50", "1 234,50". With both separators the last
// one is the decimal mark; a lone separator that appears once is the decimal
// mark, one that repeats groups thousands.
func parseNumber(s string) (decimal.Decimal, bool) {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u00a0', '\u202f', '\'':
			return -1
		}
		return r
	}, s)
	dot, comma := strings.LastIndex(s, "."), strings.LastIndex(s, ",")
	switch {
	case dot >= 0 && comma >= 0:
		mark, group := ".", ","
		if comma > dot {
			mark, group = ",", "."
		}
		if strings.Count(s, mark) != 1 {
			return decimal.Decimal{}, false
		}
		s = strings.ReplaceAll(s, group, "")
		s = strings.Replace(s, mark, ".", 1)
	case comma >= 0 && strings.Count(s, ",") == 1:
		s = strings.Replace(s, ",", ".", 1)
	case comma >= 0:
		s = strings.ReplaceAll(s, ",", "")
	case dot >= 0 && strings.Count(s, ".") > 1:
		s = strings.ReplaceAll(s, ".", "")
	}
	if s == "" || strings.ContainsAny(s, "eE") {
		return decimal.Decimal{}, false
	}
	d, err := decimal.NewFromString(s)
	return d, err == nil
}

// parseBool reads Yes/No the way trackers and spreadsheets write it; empty is
// no.
func parseBool(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes", "y", "true", "1":
		return true, true
	case "no", "n", "false", "0", "":
		return false, true
	}
	return false, false
}

// parseCurrency reads Harvest's "Euro - EUR" or a bare "EUR".
func parseCurrency(s string) (string, error) {
	code := s
	if i := strings.LastIndex(s, "-"); i >= 0 {
		code = s[i+1:]
	}
	c, err := money.NormalizeCode(code)
	if err != nil {
		return "", fmt.Errorf("currency %q is not understood: expected a name and ISO code such as \"Euro - EUR\"", s)
	}
	return c, nil
}
