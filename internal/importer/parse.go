package importer

import (
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/money"
)

// harvestDayStart is the hour at which Harvest entries, which have no times,
// are placed.
const harvestDayStart = 9

// midnightSlack is how far the Duration column may be from an entry that
// runs past midnight for it to confirm that reading; exports show whole
// seconds of times kept in milliseconds, and Clockify's decimal hours have
// two decimals (18 s).
const midnightSlack = time.Minute

type parser struct {
	t     *table
	loc   *time.Location
	order dateOrder // as the user gave it; orderUnknown to detect
}

// timed reads Toggl and Clockify, whose rows have start and end times.
func (p *parser) timed(src Source) ([]Record, error) {
	order, err := p.detectOrder([]field{fStartDate, fEndDate}, orderUnknown)
	if err != nil {
		return nil, err
	}
	recs := make([]Record, 0, len(p.t.rows))
	for _, r := range p.t.rows {
		if src == Clockify && strings.EqualFold(p.t.get(r, fType), "break") {
			continue
		}
		rec, err := p.timedRow(r, order)
		if err != nil {
			return nil, err
		}
		// Toggl exports entries shorter than a second as 00:00:00: a
		// double click on the timer, no work to import.
		if src == Toggl && rec.Seconds == 0 {
			continue
		}
		if !rec.End.After(rec.Start) {
			return nil, lineErr(r.line, "the entry starts and ends at %s: Horas cannot import a zero-length entry, delete the row or fix its times",
				rec.Start.In(p.loc).Format(time.DateTime))
		}
		recs = append(recs, rec)
	}
	return recs, nil
}

func (p *parser) timedRow(r row, order dateOrder) (Record, error) {
	rec, err := p.common(r)
	if err != nil {
		return rec, err
	}
	sd, err := p.date(r, fStartDate, "start date", order)
	if err != nil {
		return rec, err
	}
	st, err := p.clock(r, fStartTime, "start time")
	if err != nil {
		return rec, err
	}
	ed, err := p.date(r, fEndDate, "end date", order)
	if err != nil {
		return rec, err
	}
	et, err := p.clock(r, fEndTime, "end time")
	if err != nil {
		return rec, err
	}
	if p.t.has(fDuration) {
		rec.Seconds, err = p.duration(r)
	} else {
		rec.Seconds, err = p.hours(r, "duration (decimal)")
	}
	if err != nil {
		return rec, err
	}
	rec.Start, rec.End, err = p.span(r.line, sd, st, ed, et, rec.Seconds)
	return rec, err
}

// harvest reads Harvest, whose rows have a date and hours but no times.
func (p *parser) harvest() ([]Record, error) {
	order, err := p.detectOrder([]field{fDate}, orderDMY)
	if err != nil {
		return nil, err
	}
	next := map[date]time.Time{} // where the next entry of each date starts
	recs := make([]Record, 0, len(p.t.rows))
	for _, r := range p.t.rows {
		rec, err := p.common(r)
		if err != nil {
			return nil, err
		}
		d, err := p.date(r, fDate, "date", order)
		if err != nil {
			return nil, err
		}
		if rec.Seconds, err = p.hours(r, "hours"); err != nil {
			return nil, err
		}
		if rec.Seconds == 0 {
			return nil, lineErr(r.line, "hours is %s: Horas cannot import a zero-length entry, delete the row", p.t.get(r, fHours))
		}
		if s := p.t.get(r, fCurrency); s != "" {
			if rec.Currency, err = parseCurrency(s); err != nil {
				return nil, lineErr(r.line, "%s", err)
			}
		}
		start, ok := next[d]
		if !ok {
			start = time.Date(d.y, d.m, d.d, harvestDayStart, 0, 0, 0, p.loc)
		}
		rec.Start, rec.End = start, start.Add(time.Duration(rec.Seconds)*time.Second)
		if rec.End.After(time.Date(d.y, d.m, d.d+1, harvestDayStart, 0, 0, 0, p.loc)) {
			return nil, lineErr(r.line, "the entries dated %s add up to more than 24 hours, so placed one after another from %02d:00 they would run into the next date's: fix their hours",
				d, harvestDayStart)
		}
		next[d] = rec.End
		recs = append(recs, rec)
	}
	return recs, nil
}

// common reads the fields every format shares.
func (p *parser) common(r row) (Record, error) {
	t := p.t
	rec := Record{
		Line:        r.line,
		Client:      t.get(r, fClient),
		Project:     t.get(r, fProject),
		Task:        t.get(r, fTask),
		Description: t.get(r, fDescription),
		Currency:    t.currency,
	}
	if rec.Task == "" {
		rec.Task = rec.Project
	}
	if rec.Task == "" {
		rec.Task = NoProject
	}
	var ok bool
	if rec.Billable, ok = parseBool(t.get(r, fBillable)); !ok {
		return rec, lineErr(r.line, "billable %q is not Yes or No", t.get(r, fBillable))
	}
	var err error
	if rec.Rate, err = p.number(r, fRate, "billable rate"); err != nil {
		return rec, err
	}
	rec.Amount, err = p.number(r, fAmount, "amount")
	return rec, err
}

// detectOrder settles day/month order from the date cells of fields.
func (p *parser) detectOrder(fields []field, fallback dateOrder) (dateOrder, error) {
	var cells []dateCell
	for _, r := range p.t.rows {
		for _, f := range fields {
			if d, ok := splitDate(p.t.get(r, f)); ok {
				cells = append(cells, dateCell{line: r.line, raw: d})
			}
		}
	}
	return detectOrder(cells, p.order, fallback)
}

func (p *parser) date(r row, f field, what string, order dateOrder) (date, error) {
	s := p.t.get(r, f)
	if s == "" {
		return date{}, lineErr(r.line, "%s is empty", what)
	}
	raw, ok := splitDate(s)
	if !ok {
		return date{}, lineErr(r.line, "%s %q is not a date (use YYYY-MM-DD, DD/MM/YYYY or MM/DD/YYYY)", what, s)
	}
	if d, ok := raw.resolve(order); ok {
		return d, nil
	}
	// A detected order cannot get here: a date that reads only the other
	// way round is evidence, and detectOrder refuses conflicting evidence.
	if _, ok := raw.resolve(order.other()); ok && raw.needsOrder() {
		return date{}, lineErr(r.line, "%s %q is not a %s date, as --date-order says the file's dates are", what, s, order.layout())
	}
	return date{}, lineErr(r.line, "%s %q is not a date on the calendar", what, s)
}

func (p *parser) clock(r row, f field, what string) (int, error) {
	s := p.t.get(r, f)
	if s == "" {
		return 0, lineErr(r.line, "%s is empty: stop a running timer before exporting", what)
	}
	sec, ok := parseClock(s)
	if !ok {
		return 0, lineErr(r.line, "%s %q is not a time (use HH:MM:SS or h:mm:ss AM/PM)", what, s)
	}
	return sec, nil
}

func (p *parser) duration(r row) (int64, error) {
	s := p.t.get(r, fDuration)
	if s == "" {
		return 0, lineErr(r.line, "duration is empty: stop a running timer before exporting")
	}
	sec, ok := parseDuration(s)
	if !ok {
		return 0, lineErr(r.line, "duration %q is not a duration (use H:MM:SS)", s)
	}
	return sec, nil
}

// hours reads decimal hours ("1.5", "0,01") or H:MM into whole seconds.
func (p *parser) hours(r row, what string) (int64, error) {
	s := p.t.get(r, fHours)
	if sec, ok := parseDuration(s); ok {
		return sec, nil
	}
	h, ok := parseNumber(s)
	if !ok || h.IsNegative() {
		return 0, lineErr(r.line, "%s %q is not a number of hours (write 1.5, 1,5 or 1:30)", what, s)
	}
	return money.Round(h.Mul(decimal.NewFromInt(3600)), 0).IntPart(), nil
}

// number reads an optional decimal cell; empty is not given.
func (p *parser) number(r row, f field, what string) (decimal.NullDecimal, error) {
	s := p.t.get(r, f)
	if s == "" {
		return decimal.NullDecimal{}, nil
	}
	d, ok := parseNumber(s)
	if !ok {
		return decimal.NullDecimal{}, lineErr(r.line, "%s %q is not a number", what, s)
	}
	return decimal.NewNullDecimal(d), nil
}

// span turns a row's wall-clock start and end into instants. The duration
// settles what the clock cannot: an end time before the start time on the
// same date runs past midnight only if the duration says so, and a time in
// the hour that repeats when DST ends takes the offset that fits it.
func (p *parser) span(line int, sd date, st int, ed date, et int, dur int64) (time.Time, time.Time, error) {
	starts := wallTimes(sd, st, p.loc)
	if s, e, ok := closest(starts, wallTimes(ed, et, p.loc), dur); ok {
		return s, e, nil
	}
	if ed == sd {
		s, e, ok := closest(starts, wallTimes(ed.next(), et, p.loc), dur)
		if ok && absDuration(e.Sub(s)-time.Duration(dur)*time.Second) <= midnightSlack {
			return s, e, nil
		}
		return time.Time{}, time.Time{}, lineErr(line, "end time %s is before start time %s on the same date, and the duration %s does not say the entry runs past midnight: set the end date to the next day or fix the times",
			clockText(et), clockText(st), clockText(int(dur)))
	}
	return time.Time{}, time.Time{}, lineErr(line, "the entry ends (%s %s) before it starts (%s %s): fix its dates or times",
		ed, clockText(et), sd, clockText(st))
}

// wallTimes returns the instants whose wall clock in loc shows day d at sec
// seconds after midnight: one, or two in the hour that repeats when DST ends.
// time.Date's choice comes first.
func wallTimes(d date, sec int, loc *time.Location) []time.Time {
	h, m, s := sec/3600, sec/60%60, sec%60
	t := time.Date(d.y, d.m, d.d, h, m, s, 0, loc)
	ts := []time.Time{t}
	_, off := t.Zone()
	for _, probe := range []time.Time{t.Add(-24 * time.Hour), t.Add(24 * time.Hour)} {
		_, o := probe.Zone()
		if o == off {
			continue
		}
		alt := t.Add(time.Duration(off-o) * time.Second)
		ay, am, ad := alt.Date()
		ah, ami, as := alt.Clock()
		if ay == d.y && am == d.m && ad == d.d && ah == h && ami == m && as == s {
			ts = append(ts, alt)
		}
	}
	return ts
}

// closest picks the start and end, end not before start, whose length is
// nearest to dur seconds; ties go to the earlier candidates.
func closest(starts, ends []time.Time, dur int64) (start, end time.Time, ok bool) {
	want := time.Duration(dur) * time.Second
	var best time.Duration
	for _, s := range starts {
		for _, e := range ends {
			if e.Before(s) {
				continue
			}
			if d := absDuration(e.Sub(s) - want); !ok || d < best {
				start, end, best, ok = s, e, d, true
			}
		}
	}
	return start, end, ok
}

func absDuration(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}
