package cli

import (
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/inputerr"
	"github.com/horasapp/horas/internal/money"
	"github.com/horasapp/horas/internal/report"
)

// periodFlags are --from and --to: days in the VA's zone, both included, or
// instants (then --to is where the period stops).
type periodFlags struct{ from, to dateFlag }

func newPeriodFlags(fs *flag.FlagSet, zone *time.Location) *periodFlags {
	p := &periodFlags{from: dateFlag{timeFlag: timeFlag{zone: zone}}, to: dateFlag{timeFlag: timeFlag{zone: zone}}}
	fs.Var(&p.from, "from", "first day (default: the first entry)")
	fs.Var(&p.to, "to", "last day, included (default: no end)")
	return p
}

// period turns the flags into [start of --from, end of --to). Days are cut
// by tracking, where a midnight the clocks skip is handled.
func (p *periodFlags) period(e *Env) (report.Period, error) {
	var out report.Period
	if p.from.set {
		out.From = p.from.t
		if p.from.dateOnly {
			out.From, _ = e.Tracking.Day(p.from.t)
		}
	}
	if p.to.set {
		out.To = p.to.t
		if p.to.dateOnly {
			_, out.To = e.Tracking.Day(p.to.t)
		}
	}
	if p.from.set && p.to.set && !out.To.After(out.From) {
		from, to := p.days(e)
		return out, inputerr.New("--to %s is before --from %s: give the first day with --from and the last with --to", to, from)
	}
	return out, nil
}

// days gives the period's ends as given, nil for an open end.
func (p *periodFlags) days(e *Env) (from, to any) {
	show := func(f dateFlag) any {
		if !f.set {
			return nil
		}
		if f.dateOnly {
			return f.t.In(e.Tracking.Zone).Format("2006-01-02")
		}
		return localTime(f.t, e.Tracking.Zone)
	}
	return show(p.from), show(p.to)
}

// readReport runs fn on one consistent snapshot of the file.
func readReport(e *Env, fn func(ctx context.Context, s *report.Service, q *sql.Tx) error) error {
	ctx := context.Background()
	s := report.New(e.Tracking, e.Now)
	return e.DB.Read(ctx, func(tx *sql.Tx) error { return fn(ctx, s, tx) })
}

// hoursNumber and shareNumber are JSON numbers with a fixed number of decimals.
func hoursNumber(d decimal.Decimal) json.Number { return json.Number(d.StringFixed(2)) }

func shareNumber(d decimal.Decimal) json.Number { return json.Number(d.StringFixed(1)) }

func secondsHours(s int64) json.Number {
	return hoursNumber(report.Hours(s))
}

// optAmount is an amount as a decimal string, or nil.
func optAmount(d decimal.NullDecimal, cur string) *string {
	if !d.Valid {
		return nil
	}
	s := money.Fixed(d.Decimal, cur)
	return &s
}

func homeNote(noRate bool) string {
	if noRate {
		return "no rate"
	}
	return ""
}

type amountJSON struct {
	Currency string `json:"currency"`
	Amount   string `json:"amount"`
}

func amountsJSON(as []report.Amount) []amountJSON {
	out := []amountJSON{}
	for _, a := range as {
		out = append(out, amountJSON{a.Currency, money.Fixed(a.Value, a.Currency)})
	}
	return out
}

func amountsText(as []report.Amount) string {
	var parts []string
	for _, a := range as {
		parts = append(parts, money.Fixed(a.Value, a.Currency)+" "+a.Currency)
	}
	if len(parts) == 0 {
		return "nothing"
	}
	return strings.Join(parts, ", ")
}

type taskRowJSON struct {
	Client            string      `json:"client"`
	Task              string      `json:"task"`
	TaskID            int64       `json:"task_id"`
	Billing           string      `json:"billing"`
	Hours             json.Number `json:"hours"`
	Share             json.Number `json:"share"`
	Seconds           int64       `json:"seconds"`
	BillableHours     json.Number `json:"billable_hours"`
	NonBillableHours  json.Number `json:"non_billable_hours"`
	Currency          string      `json:"currency"`
	Billed            string      `json:"billed"`
	EffectiveRate     *string     `json:"effective_rate"`
	EffectiveRateHome *string     `json:"effective_rate_home"`
	HomeNote          string      `json:"home_note,omitempty"`
}

type clientTotalJSON struct {
	Client            string      `json:"client"`
	Currency          string      `json:"currency"`
	Tasks             int         `json:"tasks"`
	Hours             json.Number `json:"hours"`
	Share             json.Number `json:"share"`
	Billed            string      `json:"billed"`
	Unattributed      string      `json:"unattributed"`
	EffectiveRate     *string     `json:"effective_rate"`
	EffectiveRateHome *string     `json:"effective_rate_home"`
	HomeNote          string      `json:"home_note,omitempty"`
}

func reportTasks(e *Env, args []string) error {
	fs := flag.NewFlagSet("report tasks", flag.ContinueOnError)
	pf := newPeriodFlags(fs, e.Tracking.Zone)
	client := fs.String("client", "", "only this client")
	top := fs.Int("top", 0, "only the N tasks with the most time")
	asJSON := fs.Bool("json", false, "JSON output")
	asCSV := fs.Bool("csv", false, "CSV output")
	usage := "horas report tasks [--from D] [--to D] [--client C] [--top N] [--json|--csv]  (D: a day in your zone, both included, or a time; none: all time)"
	if _, err := parse(fs, args, 0, 0, usage); err != nil {
		return err
	}
	if *asJSON && *asCSV {
		return inputerr.New("give --json or --csv, not both")
	}
	if *top < 0 {
		return inputerr.New("--top %d: give how many tasks to show, 1 or more (0 shows all)", *top)
	}
	p, err := pf.period(e)
	if err != nil {
		return err
	}
	var clientID int64
	if *client != "" {
		c, err := e.Tracking.ClientByName(context.Background(), *client)
		if err != nil {
			return err
		}
		clientID = c.ID
	}
	var r report.TimeReport
	err = readReport(e, func(ctx context.Context, s *report.Service, tx *sql.Tx) error {
		r, err = s.TimeReport(ctx, tx, p, clientID, *top)
		return err
	})
	if err != nil {
		return err
	}
	switch {
	case *asJSON:
		return tasksJSON(e, pf, r)
	case *asCSV:
		return tasksCSV(e, r)
	}
	return tasksText(e, r)
}

func tasksJSON(e *Env, pf *periodFlags, r report.TimeReport) error {
	rows := []taskRowJSON{}
	for _, t := range r.Rows {
		rows = append(rows, taskRowJSON{Client: t.Client, Task: t.Task, TaskID: t.TaskID, Billing: string(t.Kind),
			Hours: hoursNumber(t.Hours), Share: shareNumber(t.Share), Seconds: t.Seconds,
			BillableHours: secondsHours(t.BillableSeconds), NonBillableHours: secondsHours(t.NonBillableSeconds),
			Currency: t.Currency, Billed: money.Fixed(t.Billed, t.Currency),
			EffectiveRate: optAmount(t.EffectiveRate, t.Currency), EffectiveRateHome: optAmount(t.EffectiveRateHome, r.Home),
			HomeNote: homeNote(t.NoRate)})
	}
	clients := []clientTotalJSON{}
	for _, c := range r.Clients {
		clients = append(clients, clientTotalJSON{Client: c.Client, Currency: c.Currency, Tasks: c.Tasks,
			Hours: hoursNumber(c.Hours), Share: shareNumber(c.Share), Billed: money.Fixed(c.Billed, c.Currency),
			Unattributed: money.Fixed(c.Unattributed, c.Currency), EffectiveRate: optAmount(c.EffectiveRate, c.Currency),
			EffectiveRateHome: optAmount(c.EffectiveRateHome, r.Home), HomeNote: homeNote(c.NoRate)})
	}
	t := r.Total
	total := map[string]any{"hours": hoursNumber(t.Hours), "billable_hours": secondsHours(t.BillableSeconds),
		"non_billable_hours": secondsHours(t.NonBillableSeconds), "billed": amountsJSON(t.Billed),
		"billed_home": optAmount(t.BilledHome, r.Home), "effective_rate_home": optAmount(t.EffectiveRateHome, r.Home),
		"missing_rates": append([]string{}, t.MissingRates...)}
	if len(t.MissingRates) > 0 {
		total["home_note"] = "no rate"
	}
	from, to := pf.days(e)
	return printJSON(e.Stdout, map[string]any{"from": from, "to": to, "home_currency": r.Home,
		"rate_date": day(r.RateDay), "rows": rows, "omitted": r.Omitted, "clients": clients, "total": total})
}

func tasksCSV(e *Env, r report.TimeReport) error { return r.WriteCSV(e.Stdout) }

func tasksText(e *Env, r report.TimeReport) error {
	if len(r.Rows) == 0 {
		fmt.Fprintln(e.Stdout, "no time tracked in this period")
		return nil
	}
	w := tabwriter.NewWriter(e.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "CLIENT\tTASK\tHOURS\tSHARE\tBILLED\tPER HOUR\tPER HOUR %s\n", r.Home)
	for _, t := range r.Rows {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s %%\t%s %s\t%s\t%s\n", t.Client, t.Task, t.Hours.StringFixed(2), t.Share.StringFixed(1),
			money.Fixed(t.Billed, t.Currency), t.Currency, report.Cell(t.EffectiveRate, t.Currency, false), report.Cell(t.EffectiveRateHome, r.Home, t.NoRate))
	}
	if r.Omitted > 0 {
		fmt.Fprintf(w, "(%d more tasks)\t\t\t\t\t\t\n", r.Omitted)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	t := r.Total
	fmt.Fprintf(e.Stdout, "\ntotal %s h (%s billable), billed %s", t.Hours.StringFixed(2), secondsHours(t.BillableSeconds), amountsText(t.Billed))
	switch {
	case t.BilledHome.Valid:
		fmt.Fprintf(e.Stdout, " = %s %s at the rates of %s\n", money.Fixed(t.BilledHome.Decimal, r.Home), r.Home, day(r.RateDay))
	default:
		fmt.Fprintf(e.Stdout, "; in %s: no rate for %s on %s (add one with `horas rates set`)\n", r.Home,
			strings.Join(t.MissingRates, ", "), day(r.RateDay))
	}
	w = tabwriter.NewWriter(e.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "\nCLIENT\tHOURS\tSHARE\tBILLED\tPER HOUR")
	for _, c := range r.Clients {
		fmt.Fprintf(w, "%s\t%s\t%s %%\t%s %s\t%s\n", c.Client, c.Hours.StringFixed(2), c.Share.StringFixed(1),
			money.Fixed(c.Billed, c.Currency), c.Currency, report.Cell(c.EffectiveRate, c.Currency, false))
	}
	return w.Flush()
}

type retainerMonthJSON struct {
	Month     string `json:"month"`
	Invoiced  bool   `json:"invoiced"`
	Included  string `json:"included"`
	CarryIn   string `json:"carry_in"`
	Available string `json:"available"`
	Used      string `json:"used"`
	Overage   string `json:"overage"`
	CarryOut  string `json:"carry_out"`
}

type clientRowJSON struct {
	Client            string              `json:"client"`
	Currency          string              `json:"currency"`
	Archived          bool                `json:"archived"`
	Hours             json.Number         `json:"hours"`
	BillableHours     json.Number         `json:"billable_hours"`
	NonBillableHours  json.Number         `json:"non_billable_hours"`
	Billed            string              `json:"billed"`
	EffectiveRate     *string             `json:"effective_rate"`
	EffectiveRateHome *string             `json:"effective_rate_home"`
	HomeNote          string              `json:"home_note,omitempty"`
	UnbilledHours     json.Number         `json:"unbilled_hours"`
	Unbilled          string              `json:"unbilled"`
	Retainer          []retainerMonthJSON `json:"retainer"`
}

func reportClients(e *Env, args []string) error {
	fs := flag.NewFlagSet("report clients", flag.ContinueOnError)
	pf := newPeriodFlags(fs, e.Tracking.Zone)
	asJSON := fs.Bool("json", false, "JSON output")
	usage := "horas report clients [--from D] [--to D] [--json]  (D: a day in your zone, both included, or a time; none: all time)"
	if _, err := parse(fs, args, 0, 0, usage); err != nil {
		return err
	}
	p, err := pf.period(e)
	if err != nil {
		return err
	}
	var r report.ClientsReport
	err = readReport(e, func(ctx context.Context, s *report.Service, tx *sql.Tx) error {
		r, err = s.Clients(ctx, tx, p)
		return err
	})
	if err != nil {
		return err
	}
	if *asJSON {
		rows := []clientRowJSON{}
		for _, c := range r.Clients {
			row := clientRowJSON{Client: c.Client, Currency: c.Currency, Archived: c.Archived, Hours: hoursNumber(c.Hours),
				BillableHours: secondsHours(c.BillableSeconds), NonBillableHours: secondsHours(c.NonBillableSeconds),
				Billed: money.Fixed(c.Billed, c.Currency), EffectiveRate: optAmount(c.EffectiveRate, c.Currency),
				EffectiveRateHome: optAmount(c.EffectiveRateHome, r.Home), HomeNote: homeNote(c.NoRate),
				UnbilledHours: hoursNumber(c.UnbilledHours), Unbilled: money.Fixed(c.Unbilled, c.Currency), Retainer: []retainerMonthJSON{}}
			for _, m := range c.Retainer {
				row.Retainer = append(row.Retainer, retainerMonthJSON{Month: fmt.Sprintf("%d-%02d", m.Year, m.Month), Invoiced: m.Invoiced,
					Included: m.Included.String(), CarryIn: m.CarryIn.String(), Available: m.Available.String(),
					Used: m.Used.String(), Overage: m.Overage.String(), CarryOut: m.CarryOut.String()})
			}
			rows = append(rows, row)
		}
		total := map[string]any{"hours": hoursNumber(r.Hours), "billed": amountsJSON(r.Billed), "unbilled": amountsJSON(r.Unbilled),
			"billed_home": optAmount(r.BilledHome, r.Home), "unbilled_home": optAmount(r.UnbilledHome, r.Home),
			"missing_rates": append([]string{}, r.MissingRates...)}
		if len(r.MissingRates) > 0 {
			total["home_note"] = "no rate"
		}
		from, to := pf.days(e)
		return printJSON(e.Stdout, map[string]any{"from": from, "to": to, "home_currency": r.Home, "rate_date": day(r.RateDay),
			"clients": rows, "total": total})
	}
	w := tabwriter.NewWriter(e.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "CLIENT\tHOURS\tBILLED\tPER HOUR\tPER HOUR %s\tUNBILLED\n", r.Home)
	for _, c := range r.Clients {
		fmt.Fprintf(w, "%s\t%s\t%s %s\t%s\t%s\t%s h, %s %s\n", c.Client, c.Hours.StringFixed(2), money.Fixed(c.Billed, c.Currency), c.Currency,
			report.Cell(c.EffectiveRate, c.Currency, false), report.Cell(c.EffectiveRateHome, r.Home, c.NoRate),
			c.UnbilledHours.StringFixed(2), money.Fixed(c.Unbilled, c.Currency), c.Currency)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	for _, c := range r.Clients {
		for _, m := range c.Retainer {
			state := "so far"
			if m.Invoiced {
				state = "invoiced"
			}
			fmt.Fprintf(e.Stdout, "%s retainer %d-%02d (%s): %s of %s h used (%s carried in), %s over, %s carried out\n", c.Client,
				m.Year, m.Month, state, m.Used, m.Available, m.CarryIn, m.Overage, m.CarryOut)
		}
	}
	fmt.Fprintf(e.Stdout, "total %s h, billed %s, unbilled %s", r.Hours.StringFixed(2), amountsText(r.Billed), amountsText(r.Unbilled))
	if r.BilledHome.Valid {
		fmt.Fprintf(e.Stdout, " (%s and %s %s at the rates of %s)\n", money.Fixed(r.BilledHome.Decimal, r.Home),
			money.Fixed(r.UnbilledHome.Decimal, r.Home), r.Home, day(r.RateDay))
	} else {
		fmt.Fprintf(e.Stdout, "; in %s: no rate for %s on %s\n", r.Home, strings.Join(r.MissingRates, ", "), day(r.RateDay))
	}
	return nil
}

type deadlineJSON struct {
	Client    string      `json:"client"`
	Task      string      `json:"task"`
	Billing   string      `json:"billing"`
	Requested string      `json:"requested,omitempty"`
	Due       string      `json:"due"`
	Urgency   string      `json:"urgency"`
	Suggested bool        `json:"suggested"`
	Hours     json.Number `json:"hours"`
	Overdue   bool        `json:"overdue"`
	DueInMin  int64       `json:"due_in_minutes"`
}

func reportDeadlines(e *Env, args []string) error {
	fs := flag.NewFlagSet("report deadlines", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "JSON output")
	if _, err := parse(fs, args, 0, 0, "horas report deadlines [--json]"); err != nil {
		return err
	}
	var ds []report.Deadline
	err := readReport(e, func(ctx context.Context, s *report.Service, tx *sql.Tx) error {
		var err error
		ds, err = s.Deadlines(ctx, tx)
		return err
	})
	if err != nil {
		return err
	}
	z := e.Tracking.Zone
	if *asJSON {
		out := []deadlineJSON{}
		for _, d := range ds {
			out = append(out, deadlineJSON{Client: d.Client, Task: d.Task, Billing: string(d.Kind), Requested: localTime(d.Requested, z),
				Due: localTime(d.Due, z), Urgency: string(d.Urgency), Suggested: d.Suggested, Hours: hoursNumber(d.Hours),
				Overdue: d.Overdue, DueInMin: int64(d.Left / time.Minute)})
		}
		return printJSON(e.Stdout, out)
	}
	if len(ds) == 0 {
		fmt.Fprintln(e.Stdout, "no open task has a due date")
		return nil
	}
	w := tabwriter.NewWriter(e.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "DUE\tCLIENT\tTASK\tURGENCY\tTRACKED\t")
	for _, d := range ds {
		urgency := string(d.Urgency)
		if d.Suggested {
			urgency += " (suggested)"
		}
		when := "in " + span(d.Left)
		if d.Overdue {
			when = "overdue by " + span(-d.Left)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s h\t%s\n", d.Due.In(z).Format("2006-01-02 15:04"), d.Client, d.Task, urgency,
			d.Hours.StringFixed(2), when)
	}
	return w.Flush()
}

// span says a duration the way people plan: "3 d 4 h", "5 h 20 min".
func span(d time.Duration) string {
	m := int64(d / time.Minute)
	days, hours, mins := m/(24*60), m/60%24, m%60
	switch {
	case days > 0:
		return strconv.FormatInt(days, 10) + " d " + strconv.FormatInt(hours, 10) + " h"
	case hours > 0:
		return strconv.FormatInt(hours, 10) + " h " + strconv.FormatInt(mins, 10) + " min"
	}
	return strconv.FormatInt(mins, 10) + " min"
}
