package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/horasapp/horas/internal/money"
)

// field is a value Horas reads from an export, whatever its column is called.
type field int

const (
	fClient field = iota
	fProject
	fTask
	fDescription
	fBillable
	fDate // Harvest: the day of the entry
	fStartDate
	fStartTime
	fEndDate
	fEndTime
	fDuration // H:MM:SS
	fHours    // decimal hours: Clockify "Duration (decimal)", Harvest "Hours"
	fRate
	fAmount
	fCurrency // Harvest: "Euro - EUR"
	fType     // Clockify: Regular or Break
	fStart    // Horas: RFC 3339 instant
	fEnd      // Horas: RFC 3339 instant
	fUrgency  // Horas: normal, urgent, rush or empty
	numFields
)

// column lists the header names of a field, the preferred one first, as the
// tracker spells them. A priced column may carry a currency: "Amount (EUR)".
type column struct {
	names  []string
	priced bool
}

type format struct {
	name     string // for messages
	cols     map[field]column
	required [][]field // each needs one of its fields
}

var formats = map[Source]format{
	Horas: {
		name: "Horas",
		cols: map[field]column{
			fClient:      {names: []string{"Client"}},
			fTask:        {names: []string{"Task"}},
			fDescription: {names: []string{"Note"}},
			fBillable:    {names: []string{"Billable"}},
			fStart:       {names: []string{"Start"}},
			fEnd:         {names: []string{"End"}},
			fUrgency:     {names: []string{"Urgency"}},
		},
		required: [][]field{{fClient}, {fTask}, {fStart}, {fEnd}, {fBillable}},
	},
	Toggl: {
		name: "Toggl Track",
		cols: map[field]column{
			fClient:      {names: []string{"Client"}},
			fProject:     {names: []string{"Project"}},
			fTask:        {names: []string{"Task"}},
			fDescription: {names: []string{"Description"}},
			fBillable:    {names: []string{"Billable"}},
			fStartDate:   {names: []string{"Start date"}},
			fStartTime:   {names: []string{"Start time"}},
			fEndDate:     {names: []string{"End date"}},
			fEndTime:     {names: []string{"End time"}},
			fDuration:    {names: []string{"Duration"}},
			fAmount:      {names: []string{"Amount"}, priced: true},
		},
		required: [][]field{{fProject}, {fStartDate}, {fStartTime}, {fEndDate}, {fEndTime}, {fDuration}},
	},
	Clockify: {
		name: "Clockify",
		cols: map[field]column{
			fClient:      {names: []string{"Client"}},
			fProject:     {names: []string{"Project"}},
			fTask:        {names: []string{"Task", "Activity"}},
			fDescription: {names: []string{"Description"}},
			fBillable:    {names: []string{"Billable"}},
			fStartDate:   {names: []string{"Start Date"}},
			fStartTime:   {names: []string{"Start Time"}},
			fEndDate:     {names: []string{"End Date"}},
			fEndTime:     {names: []string{"End Time"}},
			fDuration:    {names: []string{"Duration (h)"}},
			fHours:       {names: []string{"Duration (decimal)"}},
			fRate:        {names: []string{"Billable Rate"}, priced: true},
			fAmount:      {names: []string{"Billable Amount", "Amount"}, priced: true},
			fType:        {names: []string{"Type"}},
		},
		required: [][]field{{fProject}, {fStartDate}, {fStartTime}, {fEndDate}, {fEndTime}, {fDuration, fHours}},
	},
	Harvest: {
		name: "Harvest",
		cols: map[field]column{
			fDate:        {names: []string{"Date"}},
			fClient:      {names: []string{"Client"}},
			fProject:     {names: []string{"Project"}},
			fTask:        {names: []string{"Task"}},
			fDescription: {names: []string{"Notes"}},
			fHours:       {names: []string{"Hours"}},
			fBillable:    {names: []string{"Billable?", "Billable"}},
			fRate:        {names: []string{"Billable Rate"}, priced: true},
			fAmount:      {names: []string{"Billable Amount"}, priced: true},
			fCurrency:    {names: []string{"Currency"}},
		},
		required: [][]field{{fDate}, {fProject}, {fHours}},
	},
}

// row is one record of the file with the line it starts on.
type row struct {
	line   int
	fields []string
}

// table is a file split into rows, with the column of each field found by
// header name.
type table struct {
	format
	header   []string
	idx      [numFields]int // -1: the file has no such column
	currency string         // from a priced column name, "" if none
	rows     []row
}

// get returns the trimmed cell of f in r, "" when the file has no such column.
func (t *table) get(r row, f field) string {
	if i := t.idx[f]; i >= 0 {
		return strings.TrimSpace(r.fields[i])
	}
	return ""
}

func (t *table) has(f field) bool { return t.idx[f] >= 0 }

func readTable(data []byte, f format) (*table, error) {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return nil, lineErr(1, "the file is UTF-16 text: save it as CSV UTF-8")
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		return nil, lineErr(badUTF8Line(data), "the text is not UTF-8: save the file as CSV UTF-8")
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = sniffComma(data)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	t := &table{format: f}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, csvError(err)
		}
		line, _ := cr.FieldPos(0)
		if t.header == nil {
			if err := t.setHeader(rec, line); err != nil {
				return nil, err
			}
			continue
		}
		if blank(rec) {
			continue
		}
		if err := t.checkWidth(rec, line); err != nil {
			return nil, err
		}
		t.rows = append(t.rows, row{line: line, fields: rec})
	}
	if t.header == nil {
		return nil, lineErr(1, "the file is empty: export the detailed report of %s as CSV", f.name)
	}
	return t, nil
}

func (t *table) setHeader(rec []string, line int) error {
	t.header = rec
	for i := range t.idx {
		t.idx[i] = -1
	}
	rank := [numFields]int{}
	for f := range numFields {
		c, ok := t.cols[f]
		if !ok {
			continue
		}
		for i, h := range rec {
			k, _, err := c.match(h)
			if err != nil {
				return lineErr(line, "%s", err)
			}
			if k < 0 || (t.idx[f] >= 0 && k > rank[f]) {
				continue
			}
			if t.idx[f] >= 0 && k == rank[f] {
				return lineErr(line, "column %q appears twice (columns %d and %d): delete one", strings.TrimSpace(h), t.idx[f]+1, i+1)
			}
			t.idx[f], rank[f] = i, k
		}
	}
	for _, need := range t.required {
		found := false
		for _, f := range need {
			found = found || t.has(f)
		}
		if !found {
			return lineErr(line, "missing column %q: export the detailed report of %s as CSV", t.cols[need[0]].names[0], t.name)
		}
	}
	// Priced columns naming different currencies cannot both be right.
	cur := ""
	for _, f := range []field{fRate, fAmount} {
		if i := t.idx[f]; i >= 0 {
			_, c, _ := t.cols[f].match(rec[i])
			if c != "" && cur != "" && c != cur {
				return lineErr(line, "the rate and amount columns name different currencies (%s and %s): export again in one currency", cur, c)
			}
			if c != "" {
				cur = c
			}
		}
	}
	t.currency = cur
	return nil
}

// match returns the rank of header h among the column's names (-1: no match)
// and, for a priced column, the currency it names.
func (c column) match(header string) (int, string, error) {
	h := normalize(header)
	for k, name := range c.names {
		name = normalize(name)
		if h == name {
			return k, "", nil
		}
		if !c.priced {
			continue
		}
		inner, ok := strings.CutPrefix(h, name+" (")
		if !ok || !strings.HasSuffix(inner, ")") {
			continue
		}
		code, err := money.NormalizeCode(strings.TrimSuffix(inner, ")"))
		if err != nil {
			return -1, "", fmt.Errorf("column %q: %w", strings.TrimSpace(header), err)
		}
		return k, code, nil
	}
	return -1, "", nil
}

// normalize makes header names comparable: case, outer and doubled spaces do
// not matter.
func normalize(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

func (t *table) checkWidth(rec []string, line int) error {
	if len(rec) != len(t.header) {
		return lineErr(line, "the row has %d fields but the header has %d: a value with a comma or a line break must be in double quotes", len(rec), len(t.header))
	}
	return nil
}

func blank(rec []string) bool {
	for _, s := range rec {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

// sniffComma picks the delimiter of the header line: spreadsheets in
// countries with a decimal comma save CSV with semicolons.
func sniffComma(data []byte) rune {
	data = bytes.TrimLeft(data, "\r\n")
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		data = data[:i]
	}
	counts := map[rune]int{}
	quoted := false
	for _, c := range string(data) {
		switch {
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ',' || c == ';' || c == '\t'):
			counts[c]++
		}
	}
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

func badUTF8Line(data []byte) int {
	line := 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		data = data[size:]
	}
	return line
}

func csvError(err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return err
	}
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return lineErr(pe.StartLine, "a quote inside a field that does not start with one: wrap the field in double quotes and double the quote inside (\"\")")
	case errors.Is(pe.Err, csv.ErrQuote):
		return lineErr(pe.StartLine, "a quoted field is not closed where it should be: a quote inside a quoted field must be doubled (\"\")")
	}
	return lineErr(pe.StartLine, "%v", pe.Err)
}
