package invoice

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/horasapp/horas/internal/inputerr"
)

// Default number patterns: 2026-0001 and R-2026-0001, restarting each year.
const (
	DefaultInvoiceSeries = "{YYYY}-{SEQ:4}"
	DefaultCreditSeries  = "R-{YYYY}-{SEQ:4}"
)

var tokenRe = regexp.MustCompile(`\{(YYYY|YY|SEQ(?::([1-9]))?)\}`)

// CheckSeries validates a numbering pattern: it must hold {SEQ} (or {SEQ:n},
// n digits with leading zeros) once, and a year ({YYYY} or {YY}) because the
// sequence restarts every year.
func CheckSeries(pattern string) error {
	seq, year := 0, 0
	for _, m := range tokenRe.FindAllStringSubmatch(pattern, -1) {
		if strings.HasPrefix(m[1], "SEQ") {
			seq++
		} else {
			year++
		}
	}
	rest := tokenRe.ReplaceAllString(pattern, "")
	switch {
	case seq != 1:
		return inputerr.New("series %q needs {SEQ} or {SEQ:4} exactly once, e.g. %s", pattern, DefaultInvoiceSeries)
	case year == 0:
		return inputerr.New("series %q needs {YYYY} or {YY}: numbers restart every year, e.g. %s", pattern, DefaultInvoiceSeries)
	case strings.ContainsAny(rest, "{}"):
		return inputerr.New("series %q has an unknown {token}: use {YYYY}, {YY}, {SEQ} or {SEQ:4}", pattern)
	case strings.TrimSpace(pattern) != pattern || len(pattern) > 40:
		return inputerr.New("series %q: no leading or trailing spaces, at most 40 characters", pattern)
	}
	return nil
}

// FormatNumber fills a pattern: ("{YYYY}-{SEQ:4}", 2026, 7) gives "2026-0007".
func FormatNumber(pattern string, year, seq int) string {
	return tokenRe.ReplaceAllStringFunc(pattern, func(tok string) string {
		m := tokenRe.FindStringSubmatch(tok)
		switch {
		case m[1] == "YYYY":
			return strconv.Itoa(year)
		case m[1] == "YY":
			return fmt.Sprintf("%02d", year%100)
		case m[2] != "":
			w, _ := strconv.Atoi(m[2])
			return fmt.Sprintf("%0*d", w, seq)
		}
		return strconv.Itoa(seq)
	})
}
