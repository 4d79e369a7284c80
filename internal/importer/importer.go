// Package importer reads the detailed CSV exports of Toggl Track, Clockify and
// Harvest into neutral records. It is pure: an io.Reader in, records out;
// putting them in the store is the caller's job.
//
// # Mapping to Horas
//
//   - Client: the export's client. Empty when the file has none (a Clockify
//     export without a Client column, a Toggl entry without a client); the
//     caller then uses a default client name.
//   - Task: the export's Task column (Clockify may call it Activity) when it
//     is not empty, else the Project, else [NoProject].
//   - Description: the Description column (Harvest: Notes), kept as written,
//     line breaks included.
//   - Billable, rate, amount and currency are kept as the file states them;
//     Horas bills with its own rates, these are for the caller to compare.
//
// # Times
//
// Toggl and Clockify give start and end as wall-clock date and time in the
// exporting user's zone, which is [Options.Zone]. Two cases need the Duration
// column to decide: an end time earlier than the start time on the same date
// is read as the next day only when the duration says so, and a time in the
// hour that repeats when daylight saving time ends takes the offset that makes
// the entry as long as its duration. Harvest has no times: the entries of one
// date are placed back to back from 09:00 in file order, End = Start + Hours,
// so they never overlap as long as one date holds at most 24 hours.
//
// Dates may be YYYY-MM-DD, DD.MM.YYYY or, as Clockify writes them in the
// user's format, DD/MM/YYYY or MM/DD/YYYY. The order of the last two is read
// from the whole file: a first part above 12 means day first, a second part
// above 12 means month first; when every date fits both, [Options.DateOrder]
// decides, and without it Parse refuses the file, except for Harvest, whose
// slashed dates are day first.
//
// # Rows that are not imported
//
// Blank rows are skipped. Toggl writes entries shorter than a second with a
// duration of 00:00:00; they hold no work and are skipped. Clockify breaks
// (Type "Break") are not work and are skipped. Any other zero-length entry is
// an error, since Horas keeps only entries whose end is after their start.
//
// # Errors
//
// Every problem with the file, from a missing column to one bad cell, is a
// *[LineError] naming the line where the offending row starts, counted the
// way an editor counts them (a quoted description spanning three lines moves
// the following rows by three). Parse then returns no records at all.
package importer

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Source names the time tracker that wrote a file.
type Source string

const (
	Toggl    Source = "toggl"
	Clockify Source = "clockify"
	Harvest  Source = "harvest"
	// Horas is the CSV `horas export entries` writes (see ExportHeader).
	Horas Source = "horas"
)

// NoProject is the task of an entry whose export names neither task nor
// project (Toggl allows entries without a project).
const NoProject = "No project"

// ParseSource accepts toggl, clockify or harvest, in any case.
func ParseSource(s string) (Source, error) {
	switch src := Source(strings.ToLower(strings.TrimSpace(s))); src {
	case Toggl, Clockify, Harvest, Horas:
		return src, nil
	}
	return "", fmt.Errorf("import source %q: use toggl, clockify, harvest or horas", s)
}

// Record is one time entry read from an export.
type Record struct {
	Line        int    // 1-based line where the row starts, for messages
	Client      string // empty when the export has no client
	Project     string
	Task        string // the Horas task: Task column, else Project, else NoProject
	Description string
	Start, End  time.Time // instants; End is after Start
	Seconds     int64     // duration as the file states it (Toggl and Clockify reports may round it)
	Billable    bool
	Rate        decimal.NullDecimal // hourly rate, when the file gives one
	Currency    string              // ISO 4217 code, when the file names one
	Amount      decimal.NullDecimal
	Urgency     string // Horas exports only: normal, urgent, rush or ""
}

// Key identifies the entry for de-duplication on re-import, whatever the
// source: client|task|start unix|end unix|description, the text fields
// quoted so that a "|" inside a name cannot make two entries collide. A caller
// that fills in a default client sets Client before asking for the key.
func (r Record) Key() string {
	return fmt.Sprintf("%q|%q|%d|%d|%q", r.Client, r.Task, r.Start.Unix(), r.End.Unix(), r.Description)
}

// Options tell Parse what the file cannot.
type Options struct {
	// Zone is the exporting user's time zone; nil means the system zone.
	Zone *time.Location
	// DateOrder is "DMY" or "MDY" for dates like 03/04/2024, or "" to
	// detect it from the data.
	DateOrder string
}

// LineError is a problem with one line of the file.
type LineError struct {
	Line int
	Msg  string
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

func lineErr(line int, format string, args ...any) *LineError {
	return &LineError{Line: line, Msg: fmt.Sprintf(format, args...)}
}

// Parse reads a detailed CSV export of src. On any bad row it returns a
// *LineError and no records.
func Parse(src Source, r io.Reader, opt Options) ([]Record, error) {
	f, ok := formats[src]
	if !ok {
		return nil, fmt.Errorf("import source %q: use toggl, clockify, harvest or horas", src)
	}
	order, err := parseDateOrder(opt.DateOrder)
	if err != nil {
		return nil, err
	}
	loc := opt.Zone
	if loc == nil {
		loc = time.Local
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read %s export: %w", f.name, err)
	}
	t, err := readTable(data, f)
	if err != nil {
		return nil, err
	}
	p := parser{t: t, loc: loc, order: order}
	switch src {
	case Harvest:
		return p.harvest()
	case Horas:
		return p.horas()
	}
	return p.timed(src)
}

func parseDateOrder(s string) (dateOrder, error) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "":
		return orderUnknown, nil
	case "DMY":
		return orderDMY, nil
	case "MDY":
		return orderMDY, nil
	}
	return orderUnknown, fmt.Errorf("date order %q: use DMY (03/04/2024 is 3 April) or MDY (March 4)", s)
}
