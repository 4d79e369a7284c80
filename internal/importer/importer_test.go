package importer

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func zone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("load zone %s: %v", name, err)
	}
	return loc
}

// show writes a record on one line, instants in UTC, so a table of expected
// records reads like the file: line|client|project|task|description|start|end|
// seconds|billable|rate|currency|amount, "-" for a value not given.
func show(r Record) string {
	nd := func(d decimal.NullDecimal) string {
		if !d.Valid {
			return "-"
		}
		return d.Decimal.String()
	}
	return fmt.Sprintf("%d|%s|%s|%s|%q|%s|%s|%d|%t|%s|%s|%s", r.Line, r.Client, r.Project, r.Task, r.Description,
		r.Start.UTC().Format(time.RFC3339), r.End.UTC().Format(time.RFC3339), r.Seconds, r.Billable, nd(r.Rate), r.Currency, nd(r.Amount))
}

func TestParseFiles(t *testing.T) {
	tests := []struct {
		name  string
		src   Source
		zone  string
		order string
		marks []string // bytes the fixture must keep for the case to mean anything
		want  []string
	}{
		{name: "toggl_basic", src: Toggl, zone: "Europe/Madrid", want: []string{
			`2|Acme SL|Inbox|Email triage|"Morning inbox"|2024-03-04T08:00:00Z|2024-03-04T09:30:00Z|5400|true|-|EUR|45`,
			`3|Acme SL|Social media|Social media|"Schedule posts"|2024-03-04T09:30:00Z|2024-03-04T10:15:30Z|2730|true|-|EUR|22.75`,
			`4||Admin|Admin|"Invoicing"|2024-03-05T15:00:00Z|2024-03-05T15:20:00Z|1200|false|-|EUR|-`,
			`5|||No project|"Call with accountant"|2024-03-05T16:00:00Z|2024-03-05T16:05:00Z|300|false|-|EUR|-`,
			`6|Beta Ltd|Travel|Bookings|"Flights for June"|2024-04-02T06:00:00Z|2024-04-02T07:00:00Z|3600|true|-|EUR|30`,
		}},
		// BOM, CRLF also inside a quoted description, reordered and unknown
		// columns, 12-hour times, quoted commas and quotes, a 0-second entry
		// (line 6, skipped), midnight crossed with the next end date (line 7)
		// and with the same end date and a duration that confirms it (line 8),
		// padded cells, blank trailing lines.
		{name: "toggl_awkward", src: Toggl, zone: "America/New_York", marks: []string{"\uFEFF", "\r\n"}, want: []string{
			`2|Smith, Jones & Co|Inbox|Email|"Reply to \"urgent\" emails, then archive"|2024-01-15T14:05:00Z|2024-01-15T14:50:00Z|2700|true|-|USD|37.5`,
			`3|Smith, Jones & Co|Admin|Admin|"Call notes:\n- renew domain\n- order toner"|2024-01-15T18:00:00Z|2024-01-15T19:15:00Z|4500|true|-|USD|62.5`,
			`7|Orbit Inc|Launch|Launch|"Launch prep"|2024-01-16T04:30:00Z|2024-01-16T06:00:00Z|5400|true|-|USD|75`,
			`8|Orbit Inc|Launch|Newsletter|"Newsletter"|2024-01-17T04:45:00Z|2024-01-17T05:15:00Z|1800|false|-|USD|-`,
		}},
		// Madrid springs from 02:00 CET to 03:00 CEST on 2024-03-31 and
		// lives 02:00-03:00 twice on 2024-10-27: the duration picks the hour.
		{name: "toggl_dst", src: Toggl, zone: "Europe/Madrid", want: []string{
			`2|Acme SL|Ops|Ops|"Across the spring gap"|2024-03-31T00:30:00Z|2024-03-31T01:30:00Z|3600|true|-|EUR|-`,
			`3|Acme SL|Ops|Ops|"Ends in the first 02:10"|2024-10-26T22:30:00Z|2024-10-27T00:10:00Z|6000|true|-|EUR|-`,
			`4|Acme SL|Ops|Ops|"Starts in the first hour and ends in the second"|2024-10-27T00:40:00Z|2024-10-27T01:20:00Z|2400|true|-|EUR|-`,
			`5|Acme SL|Ops|Ops|"Starts in the second 02:30"|2024-10-27T01:30:00Z|2024-10-27T02:00:00Z|1800|true|-|EUR|-`,
		}},
		// 03/14/2024 shows the file is month first; the break (line 4) is
		// skipped; 11 PM to 1:30 AM the next day crosses midnight.
		{name: "clockify_mdy", src: Clockify, zone: "America/New_York", want: []string{
			`2|Peak Dental|Website|Content|"Update team page"|2024-03-04T15:23:52Z|2024-03-04T16:53:52Z|5400|true|40|USD|60`,
			`3|Peak Dental|Website|Website|"Fix contact form"|2024-03-14T18:00:00Z|2024-03-14T19:10:00Z|4200|true|40|USD|46.67`,
			`5|Peak Dental|Support|Ops|"Server migration, phase 2"|2024-03-16T03:00:00Z|2024-03-16T05:30:00Z|9000|true|40|USD|100`,
			`6|Peak Dental|Admin|Admin|"Weekly review"|2024-03-18T16:00:00Z|2024-03-18T16:45:00Z|2700|false|0|USD|0`,
		}},
		// Day first (15/04/2024), Activity for Task, no Client column,
		// decimal commas, CRLF, an embedded line break moving line numbers,
		// and 22:30-00:30 on one date that the duration confirms.
		{name: "clockify_dmy", src: Clockify, zone: "Europe/Rome", marks: []string{"\r\n"}, want: []string{
			`2||Contabilità|Fatturazione|"Fatture di marzo"|2024-04-02T07:00:00Z|2024-04-02T08:30:00Z|5400|true|30|EUR|45`,
			`3||Social|Social|"Post per Instagram\n(tre caroselli)"|2024-04-15T12:00:00Z|2024-04-15T13:15:00Z|4500|true|30|EUR|37.5`,
			`5||Social|Contenuti|"Stories"|2024-04-16T20:30:00Z|2024-04-16T22:30:00Z|7200|false|-|EUR|-`,
		}},
		// ISO dates, only the decimal duration, the older "Amount (INR)".
		{name: "clockify_iso", src: Clockify, zone: "Asia/Kolkata", marks: []string{"\uFEFF"}, want: []string{
			`2|Nimbus Labs|Research|Research|"Competitor pricing"|2024-05-06T04:30:00Z|2024-05-06T05:50:00Z|4788|true|-|INR|2000`,
			`3|Nimbus Labs|Research|Slides|"Summary deck"|2024-05-06T05:50:00Z|2024-05-06T06:30:00Z|2412|false|-|INR|-`,
		}},
		{name: "clockify_ambiguous", src: Clockify, zone: "UTC", order: "DMY", want: []string{
			`2|Kite|Ops|Ops|"Backups"|2024-04-03T09:00:00Z|2024-04-03T10:00:00Z|3600|true|-||-`,
			`3|Kite|Ops|Ops|"Updates"|2024-04-05T09:00:00Z|2024-04-05T09:30:00Z|1800|true|-||-`,
		}},
		{name: "clockify_ambiguous", src: Clockify, zone: "UTC", order: "mdy", want: []string{
			`2|Kite|Ops|Ops|"Backups"|2024-03-04T09:00:00Z|2024-03-04T10:00:00Z|3600|true|-||-`,
			`3|Kite|Ops|Ops|"Updates"|2024-05-04T09:00:00Z|2024-05-04T09:30:00Z|1800|true|-||-`,
		}},
		// Entries of 2024-03-04 stack from 09:00 in file order although a
		// 2024-03-05 entry sits between them; 0,01 h is 36 s.
		{name: "harvest_eur", src: Harvest, zone: "Europe/Madrid", want: []string{
			`2|Acme SL|Soporte|Email|"Bandeja de entrada"|2024-03-04T08:00:00Z|2024-03-04T09:30:00Z|5400|true|40|EUR|60`,
			`3|Acme SL|Soporte|Llamadas|"Llamada con proveedor, presupuesto"|2024-03-05T08:00:00Z|2024-03-05T08:45:00Z|2700|true|40|EUR|30`,
			`4|Acme SL|Soporte|Email|"Seguimiento\nfacturas"|2024-03-04T09:30:00Z|2024-03-04T09:30:36Z|36|true|40|EUR|0.4`,
			`6|Beta SA|Web|Web|""|2024-03-04T09:30:36Z|2024-03-04T11:30:36Z|7200|false|-|EUR|-`,
		}},
		// Fewer columns in another order, hours as 1:20, CRLF.
		{name: "harvest_usd", src: Harvest, zone: "America/Los_Angeles", marks: []string{"\r\n"}, want: []string{
			`2|Orbit Inc|Launch|Copywriting|"Landing page copy"|2024-06-03T16:00:00Z|2024-06-03T17:30:00Z|5400|true|55|USD|82.5`,
			`3|Orbit Inc|Launch|Copywriting|""|2024-06-03T17:30:00Z|2024-06-03T18:50:00Z|4800|true|55|USD|73.33`,
			`4|Orbit Inc|Internal|Admin|"Timesheets"|2024-06-04T16:00:00Z|2024-06-04T16:15:00Z|900|false|0|USD|0`,
		}},
		// 01/04/2024 fits both orders; Harvest's slashed dates are day first.
		{name: "harvest_gbp_dmy", src: Harvest, zone: "Europe/London", want: []string{
			`2|Kite Ltd|Bookkeeping|Reconciliation|"Bank feed"|2024-04-01T08:00:00Z|2024-04-01T10:00:00Z|7200|true|35|GBP|70`,
			`3|Kite Ltd|Bookkeeping|Reconciliation|"Card feed"|2024-04-02T08:00:00Z|2024-04-02T08:30:00Z|1800|true|35|GBP|17.5`,
		}},
		{name: "harvest_semicolon", src: Harvest, zone: "Europe/Madrid", want: []string{
			`2|Acme SL|Soporte|Email|"Bandeja; revisar facturas"|2024-03-04T08:00:00Z|2024-03-04T09:15:00Z|4500|true|40|EUR|50`,
			`3|Acme SL|Soporte|Email|""|2024-03-13T08:00:00Z|2024-03-13T08:30:00Z|1800|false|-|EUR|-`,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name+tc.order, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tc.name+".csv"))
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range tc.marks {
				if !bytes.Contains(data, []byte(m)) {
					t.Fatalf("fixture lost %q (an editor or git normalised it?)", m)
				}
			}
			recs, err := Parse(tc.src, bytes.NewReader(data), Options{Zone: zone(t, tc.zone), DateOrder: tc.order})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			got := make([]string, len(recs))
			keys := map[string]int{}
			for i, r := range recs {
				got[i] = show(r)
				if prev, dup := keys[r.Key()]; dup {
					t.Errorf("lines %d and %d share key %s", prev, r.Line, r.Key())
				}
				keys[r.Key()] = r.Line
			}
			if g, w := strings.Join(got, "\n"), strings.Join(tc.want, "\n"); g != w {
				t.Errorf("records:\n got %s\nwant %s", g, w)
			}
		})
	}
}

// Headers and rows for the error cases. Each row() starts after a first row
// whose description spans two lines, so a bad row is on line 4 and a line
// count that ignores quoted line breaks shows.
const (
	togglHeader    = "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (EUR)\n"
	togglFirst     = "Ana,ana@example.com,Acme,Inbox,,\"two\nlines\",Yes,2024-03-04,09:00:00,2024-03-04,10:00:00,01:00:00,,45.00\n"
	clockifyHeader = `"Project","Client","Description","Task","Billable","Start Date","Start Time","End Date","End Time","Duration (h)","Billable Rate (USD)","Billable Amount (USD)"` + "\n"
	clockifyFirst  = `"Web","Peak","two` + "\n" + `lines","","Yes","2024-03-04","09:00:00","2024-03-04","10:00:00","01:00:00","40","40"` + "\n"
	harvestHeader  = "Date,Client,Project,Project Code,Task,Notes,Hours,Hours Rounded,Billable?,Invoiced?,First Name,Last Name,Roles,Employee?,Billable Rate,Billable Amount,Cost Rate,Cost Amount,Currency,External Reference URL\n"
	harvestFirst   = "2024-03-04,Acme,Soporte,,Email,\"two\nlines\",1,1,Yes,No,Ana,Ruiz,,Yes,40,40,,,Euro - EUR,\n"
)

// toggl returns a Toggl file with one more row, built from its cells.
func toggl(billable, startDate, startTime, endDate, endTime, duration, amount string) string {
	return togglHeader + togglFirst + strings.Join([]string{"Ana", "ana@example.com", "Acme", "Inbox", "", "Triage", billable,
		startDate, startTime, endDate, endTime, duration, "", amount}, ",") + "\n"
}

func clockify(startDate, startTime, endDate, endTime, duration string) string {
	return clockifyHeader + clockifyFirst + fmt.Sprintf(`"Web","Peak","Fix","","Yes","%s","%s","%s","%s","%s","40","40"`,
		startDate, startTime, endDate, endTime, duration) + "\n"
}

func harvest(date, hours, currency string) string {
	return harvestHeader + harvestFirst + fmt.Sprintf("%s,Acme,Soporte,,Email,Fix,%s,%s,Yes,No,Ana,Ruiz,,Yes,40,40,,,%s,\n",
		date, hours, hours, currency)
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name  string
		src   Source
		order string
		in    string
		line  int
		msg   string // the whole message when exact, else a part of it
		exact bool
	}{
		{name: "StartTimeNotATime", src: Toggl, in: toggl("Yes", "2024-03-04", "25:61", "2024-03-04", "10:00:00", "01:00:00", ""),
			line: 4, exact: true, msg: `start time "25:61" is not a time (use HH:MM:SS or h:mm:ss AM/PM)`},
		{name: "EndTime13PM", src: Toggl, in: toggl("Yes", "2024-03-04", "09:00:00", "2024-03-04", "13:00:00 PM", "01:00:00", ""),
			line: 4, msg: `end time "13:00:00 PM" is not a time`},
		{name: "DateNotOnCalendar", src: Toggl, in: toggl("Yes", "2024-02-30", "09:00:00", "2024-02-30", "10:00:00", "01:00:00", ""),
			line: 4, msg: `start date "2024-02-30" is not a date on the calendar`},
		{name: "DateInWords", src: Toggl, in: toggl("Yes", "2024-03-04", "09:00:00", "March 4", "10:00:00", "01:00:00", ""),
			line: 4, msg: `end date "March 4" is not a date (use YYYY-MM-DD`},
		{name: "DurationNotHMS", src: Toggl, in: toggl("Yes", "2024-03-04", "09:00:00", "2024-03-04", "10:00:00", "1h", ""),
			line: 4, msg: `duration "1h" is not a duration (use H:MM:SS)`},
		{name: "EndBeforeStartDurationDisagrees", src: Toggl, in: toggl("Yes", "2024-03-04", "23:00:00", "2024-03-04", "01:30:00", "01:00:00", ""),
			line: 4, msg: `end time 01:30:00 is before start time 23:00:00 on the same date, and the duration 01:00:00 does not say the entry runs past midnight`},
		{name: "EndDateBeforeStartDate", src: Toggl, in: toggl("Yes", "2024-03-05", "09:00:00", "2024-03-04", "10:00:00", "01:00:00", ""),
			line: 4, msg: `the entry ends (2024-03-04 10:00:00) before it starts (2024-03-05 09:00:00)`},
		{name: "RunningTimer", src: Toggl, in: toggl("Yes", "2024-03-04", "09:00:00", "2024-03-04", "", "", ""),
			line: 4, msg: `end time is empty: stop a running timer before exporting`},
		{name: "BillableMaybe", src: Toggl, in: toggl("Maybe", "2024-03-04", "09:00:00", "2024-03-04", "10:00:00", "01:00:00", ""),
			line: 4, msg: `billable "Maybe" is not Yes or No`},
		{name: "AmountNotANumber", src: Toggl, in: toggl("Yes", "2024-03-04", "09:00:00", "2024-03-04", "10:00:00", "01:00:00", "12.x"),
			line: 4, msg: `amount "12.x" is not a number`},
		{name: "ZeroLengthWithDuration", src: Toggl, in: toggl("Yes", "2024-03-04", "09:00:00", "2024-03-04", "09:00:00", "00:01:00", ""),
			line: 4, msg: `the entry starts and ends at 2024-03-04 09:00:00: Horas cannot import a zero-length entry`},
		{name: "MissingColumn", src: Toggl, in: strings.Replace(togglHeader, "Start time,", "", 1),
			line: 1, exact: true, msg: `missing column "Start time": export the detailed report of Toggl Track as CSV`},
		{name: "ColumnTwice", src: Toggl, in: strings.Replace(togglHeader, "Tags", " description ", 1),
			line: 1, msg: `column "description" appears twice (columns 6 and 13): delete one`},
		{name: "UnknownCurrencyColumn", src: Toggl, in: strings.Replace(togglHeader, "(EUR)", "(XYZ)", 1),
			line: 1, msg: `column "Amount (XYZ)": unknown currency "XYZ"`},
		{name: "HeaderAfterBlankLines", src: Toggl, in: "\n\n" + strings.Replace(togglHeader, "Duration,", "", 1),
			line: 3, msg: `missing column "Duration"`},
		{name: "UnquotedComma", src: Toggl, in: togglHeader + togglFirst + "Ana,ana@example.com,Acme,Inbox,,Triage, then file,Yes,2024-03-04,09:00:00,2024-03-04,10:00:00,01:00:00,,\n",
			line: 4, msg: `the row has 15 fields but the header has 14: a value with a comma or a line break must be in double quotes`},
		{name: "BareQuote", src: Toggl, in: togglHeader + togglFirst + "Ana,ana@example.com,Acme,Inbox,,Say \"hi\",Yes,2024-03-04,09:00:00,2024-03-04,10:00:00,01:00:00,,\n",
			line: 4, msg: `a quote inside a field that does not start with one`},
		{name: "QuoteNeverClosed", src: Toggl, in: togglHeader + togglFirst + "Ana,ana@example.com,Acme,Inbox,,\"never closed,Yes,2024-03-04\n\n",
			line: 4, msg: `a quoted field is not closed`},
		{name: "EmptyFile", src: Toggl, in: "\uFEFF\r\n", line: 1, msg: `the file is empty: export the detailed report of Toggl Track as CSV`},
		{name: "UTF16", src: Toggl, in: "\xff\xfeU\x00s\x00", line: 1, msg: `the file is UTF-16 text: save it as CSV UTF-8`},
		{name: "Latin1", src: Toggl, in: togglHeader + togglFirst + "Ana,ana@example.com,Acme,Inbox,,Caf\xe9,Yes,2024-03-04,09:00:00,2024-03-04,10:00:00,01:00:00,,\n",
			line: 4, msg: `the text is not UTF-8: save the file as CSV UTF-8`},

		{name: "ClockifyZeroLength", src: Clockify, in: clockify("2024-03-04", "11:00:00 AM", "2024-03-04", "11:00:00 AM", "00:00:00"),
			line: 4, msg: `Horas cannot import a zero-length entry`},
		{name: "ClockifyAmbiguousDates", src: Clockify, in: clockify("03/04/2024", "11:00:00", "03/04/2024", "12:00:00", "01:00:00"),
			line: 4, exact: true, msg: `dates like 03/04/2024 are ambiguous: pass --date-order DMY or MDY`},
		{name: "ClockifyDatesBothWays", src: Clockify, in: clockifyHeader +
			`"Web","Peak","Fix","","Yes","13/04/2024","11:00:00","13/04/2024","12:00:00","01:00:00","40","40"` + "\n" +
			`"Web","Peak","Fix","","Yes","04/14/2024","11:00:00","04/14/2024","12:00:00","01:00:00","40","40"` + "\n",
			line: 3, msg: `date "04/14/2024" puts day and month the other way round from "13/04/2024" on line 2: make the file use one order`},
		{name: "ClockifyDateOrderContradicted", src: Clockify, order: "MDY", in: clockify("13/04/2024", "11:00:00", "13/04/2024", "12:00:00", "01:00:00"),
			line: 4, msg: `start date "13/04/2024" is not a MM/DD/YYYY date, as --date-order says`},
		{name: "ClockifyNoDuration", src: Clockify, in: strings.Replace(clockifyHeader, `"Duration (h)",`, "", 1),
			line: 1, msg: `missing column "Duration (h)": export the detailed report of Clockify as CSV`},
		{name: "ClockifyCurrenciesDiffer", src: Clockify, in: strings.Replace(clockifyHeader, "Amount (USD)", "Amount (EUR)", 1),
			line: 1, msg: `the rate and amount columns name different currencies (USD and EUR)`},

		{name: "HarvestZeroHours", src: Harvest, in: harvest("2024-03-05", `"0,00"`, "Euro - EUR"),
			line: 4, msg: `hours is 0,00: Horas cannot import a zero-length entry, delete the row`},
		{name: "HarvestNegativeHours", src: Harvest, in: harvest("2024-03-05", "-1", "Euro - EUR"),
			line: 4, msg: `hours "-1" is not a number of hours`},
		{name: "HarvestOver24HoursADay", src: Harvest, in: harvest("2024-03-04", "23.5", "Euro - EUR"),
			line: 4, msg: `the entries dated 2024-03-04 add up to more than 24 hours`},
		{name: "HarvestCurrencyWithoutCode", src: Harvest, in: harvest("2024-03-05", "1", "Euro"),
			line: 4, msg: `currency "Euro" is not understood`},
		{name: "HarvestFeb30", src: Harvest, order: "DMY", in: harvest("30/02/2024", "1", "Euro - EUR"),
			line: 4, msg: `date "30/02/2024" is not a date on the calendar`},
		{name: "HarvestMonth13", src: Harvest, in: harvest("2024-13-01", "1", "Euro - EUR"),
			line: 4, msg: `date "2024-13-01" is not a date on the calendar`},
		{name: "HarvestNoHours", src: Harvest, in: strings.Replace(harvestHeader, "Hours,", "", 1),
			line: 1, msg: `missing column "Hours": export the detailed report of Harvest as CSV`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs, err := Parse(tc.src, strings.NewReader(tc.in), Options{Zone: time.UTC, DateOrder: tc.order})
			var le *LineError
			if !errors.As(err, &le) {
				t.Fatalf("got %d records and error %v, want a *LineError", len(recs), err)
			}
			if recs != nil {
				t.Errorf("got %d records with the error, want none", len(recs))
			}
			if le.Line != tc.line {
				t.Errorf("line %d, want %d (%v)", le.Line, tc.line, err)
			}
			if tc.exact && le.Msg != tc.msg || !strings.Contains(le.Msg, tc.msg) {
				t.Errorf("message\n %q\nwant %q", le.Msg, tc.msg)
			}
			if want := fmt.Sprintf("line %d: %s", tc.line, le.Msg); err.Error() != want {
				t.Errorf("Error() = %q, want %q", err.Error(), want)
			}
		})
	}
}

func TestParseOptions(t *testing.T) {
	in := clockify("2024-03-04", "11:00:00", "2024-03-04", "12:00:00", "01:00:00")
	tests := []struct {
		name string
		src  Source
		opt  Options
		want string // error; "" for none
	}{
		{name: "DateOrderDMY", src: Clockify, opt: Options{DateOrder: " dmy "}},
		{name: "DateOrderYMD", src: Clockify, opt: Options{DateOrder: "YMD"}, want: `date order "YMD": use DMY`},
		{name: "UnknownSource", src: "kimai", want: `import source "kimai": use toggl, clockify, harvest or horas`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs, err := Parse(tc.src, strings.NewReader(in), tc.opt)
			if tc.want == "" {
				if err != nil || len(recs) != 2 {
					t.Fatalf("got %d records, %v; want 2, no error", len(recs), err)
				}
				return
			}
			var le *LineError
			if err == nil || errors.As(err, &le) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want a plain error with %q", err, tc.want)
			}
		})
	}
}

func TestNilZoneIsLocal(t *testing.T) {
	in := toggl("Yes", "2024-03-04", "11:00:00", "2024-03-04", "12:00:00", "01:00:00", "")
	recs, err := Parse(Toggl, strings.NewReader(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2024, 3, 4, 11, 0, 0, 0, time.Local); !recs[1].Start.Equal(want) {
		t.Errorf("start %v, want %v", recs[1].Start, want)
	}
}

func TestParseSource(t *testing.T) {
	tests := []struct {
		in   string
		want Source
		err  bool
	}{
		{in: "toggl", want: Toggl},
		{in: " Clockify ", want: Clockify},
		{in: "HARVEST", want: Harvest},
		{in: "kimai", err: true},
		{in: "", err: true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseSource(tc.in)
			if (err != nil) != tc.err || got != tc.want {
				t.Errorf("ParseSource(%q) = %q, %v", tc.in, got, err)
			}
		})
	}
}

func TestKey(t *testing.T) {
	start := time.Date(2024, 3, 4, 9, 0, 0, 0, time.UTC)
	base := Record{Client: "Acme", Task: "Email", Description: "Inbox", Start: start, End: start.Add(time.Hour)}
	if got, want := base.Key(), `"Acme"|"Email"|1709542800|1709546400|"Inbox"`; got != want {
		t.Fatalf("Key() = %s, want %s", got, want)
	}
	// Fields the key leaves out on purpose: where and how the entry was read.
	same := base
	same.Line, same.Project, same.Seconds, same.Billable, same.Currency = 9, "Other", 3599, true, "EUR"
	same.Start = start.In(zone(t, "Asia/Tokyo"))
	if same.Key() != base.Key() {
		t.Errorf("key depends on line, project, seconds, billing or zone: %s", same.Key())
	}
	tests := []struct {
		name string
		edit func(*Record)
	}{
		{name: "Client", edit: func(r *Record) { r.Client = "Beta" }},
		{name: "Task", edit: func(r *Record) { r.Task = "Calls" }},
		{name: "Start", edit: func(r *Record) { r.Start = r.Start.Add(time.Second) }},
		{name: "End", edit: func(r *Record) { r.End = r.End.Add(time.Second) }},
		{name: "Description", edit: func(r *Record) { r.Description = "Inbox " }},
		{name: "PipeMovedAcrossFields", edit: func(r *Record) { r.Client, r.Task = "Acme|Email", "" }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := base
			tc.edit(&r)
			if r.Key() == base.Key() {
				t.Errorf("changing %s keeps the key %s", tc.name, r.Key())
			}
		})
	}
}

func TestDates(t *testing.T) {
	tests := []struct {
		in    string
		order dateOrder
		want  string // "" for not a date
	}{
		{"2024-03-04", orderMDY, "2024-03-04"},
		{"2024/3/4", orderDMY, "2024-03-04"},
		{"03/04/2024", orderDMY, "2024-04-03"},
		{"03/04/2024", orderMDY, "2024-03-04"},
		{"3-4-2024", orderMDY, "2024-03-04"},
		{"04.03.2024", orderMDY, "2024-03-04"}, // dots are always day first
		{"29/02/2024", orderDMY, "2024-02-29"},
		{"29/02/2023", orderDMY, ""},
		{"13/04/2024", orderMDY, ""},
		{"03/04/24", orderDMY, ""},
		{"2024-03", orderDMY, ""},
		{"2024-03-04T10:00", orderDMY, ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got := ""
			if raw, ok := splitDate(tc.in); ok {
				if d, ok := raw.resolve(tc.order); ok {
					got = d.String()
				}
			}
			if got != tc.want {
				t.Errorf("%q read %s = %q, want %q", tc.in, tc.order.layout(), got, tc.want)
			}
		})
	}
}

func TestParseClock(t *testing.T) {
	tests := []struct {
		in   string
		want int // seconds after midnight; -1: not a time
	}{
		{"00:00:00", 0},
		{"9:05", 9*3600 + 5*60},
		{"23:59:59", 86399},
		{"12:00:00 AM", 0},
		{"12:30 pm", 12*3600 + 30*60},
		{"7:05:09PM", 19*3600 + 5*60 + 9},
		{"11:59:59 PM", 86399},
		{"24:00:00", -1},
		{"0:30 AM", -1},
		{"13:00 PM", -1},
		{"9:5", -1},
		{"9:05:60", -1},
		{"9", -1},
		{"9:05:00:00", -1},
		{"", -1},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := parseClock(tc.in)
			if !ok {
				got = -1
			}
			if got != tc.want {
				t.Errorf("parseClock(%q) = %d, want %d", tc.in, got, tc.want)
			}
		})
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" for not a number
	}{
		{"1.5", "1.5"},
		{"0,01", "0.01"},
		{"1,234.50", "1234.5"},
		{"1.234,50", "1234.5"},
		{"1 234,50", "1234.5"},
		{"1\u00a0234,50", "1234.5"},
		{"1,234,567", "1234567"},
		{"1.234.567", "1234567"},
		{"-2,5", "-2.5"},
		{"1.2.3,4,5", ""},
		{"1e3", ""},
		{"abc", ""},
		{"", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			d, ok := parseNumber(tc.in)
			got := ""
			if ok {
				got = d.String()
			}
			if got != tc.want {
				t.Errorf("parseNumber(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// FuzzParse checks that whatever the bytes, Parse either returns a
// *LineError or records whose end is after their start.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.csv"))
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		src := Source(strings.SplitN(filepath.Base(name), "_", 2)[0])
		f.Add(string(src), data)
	}
	madrid := zone(f, "Europe/Madrid")
	f.Fuzz(func(t *testing.T, src string, data []byte) {
		s, err := ParseSource(src)
		if err != nil {
			return
		}
		recs, err := Parse(s, bytes.NewReader(data), Options{Zone: madrid})
		if err != nil {
			var le *LineError
			if !errors.As(err, &le) || le.Line < 1 || recs != nil {
				t.Fatalf("error %v with %d records, want a *LineError and none", err, len(recs))
			}
			return
		}
		for _, r := range recs {
			if !r.End.After(r.Start) || r.Line < 2 || r.Task == "" {
				t.Fatalf("bad record %s", show(r))
			}
		}
	})
}
