package cli

import (
	"context"
	"flag"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/inputerr"
	"github.com/horasapp/horas/internal/money"
	"github.com/horasapp/horas/internal/tracking"
)

type taskFlags struct {
	fs                   *flag.FlagSet
	rate, fixed, urgency *string
	hourly, nonBillable  *bool
	requested, due       timeFlag
}

func newTaskFlags(name string, zone *time.Location) *taskFlags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	f := &taskFlags{fs: fs, requested: timeFlag{zone: zone}, due: timeFlag{zone: zone}}
	f.rate = fs.String("rate", "", "own hourly rate")
	f.fixed = fs.String("fixed", "", "fixed price, billed when done")
	f.nonBillable = fs.Bool("non-billable", false, "never billed")
	f.hourly = fs.Bool("hourly", false, "bill by the hour (default)")
	f.urgency = fs.String("urgency", "", "normal, urgent or rush")
	fs.Var(&f.requested, "requested", "when the work was asked for")
	fs.Var(&f.due, "due", "when it is due")
	return f
}

func (f *taskFlags) apply(t *tracking.Task, currency string) error {
	set := map[string]bool{}
	f.fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	kinds := 0
	for _, k := range []string{"fixed", "non-billable", "hourly"} {
		if set[k] {
			kinds++
		}
	}
	if kinds > 1 || (set["rate"] && (set["fixed"] || set["non-billable"])) {
		return inputerr.New("give one of --rate, --fixed or --non-billable")
	}
	switch {
	case set["fixed"]:
		p, err := money.ParseExact(*f.fixed, currency)
		if err != nil {
			return inputerr.Wrap(fmt.Errorf("--fixed: %w", err))
		}
		t.Kind, t.Price, t.Rate = billing.Fixed, p, decimal.NullDecimal{}
	case set["non-billable"]:
		t.Kind = billing.NonBillable
	case set["hourly"] || set["rate"]:
		t.Kind = billing.Hourly
	}
	if set["rate"] {
		if *f.rate == "" {
			t.Rate = decimal.NullDecimal{}
		} else {
			r, err := money.ParseExact(*f.rate, currency)
			if err != nil {
				return inputerr.Wrap(fmt.Errorf("--rate: %w", err))
			}
			t.Rate = decimal.NullDecimal{Decimal: r, Valid: true}
		}
	}
	if set["urgency"] {
		u, err := billing.ParseUrgency(*f.urgency)
		if err != nil {
			return inputerr.Wrap(err)
		}
		t.Urgency = u
	}
	if f.requested.set {
		t.Requested = f.requested.t
	}
	if f.due.set {
		t.Due = f.due.t
	}
	return nil
}

func taskAdd(e *Env, args []string) error {
	f := newTaskFlags("task add", e.Tracking.Zone)
	usage := "horas task add CLIENT NAME [--rate R | --fixed PRICE | --non-billable] [--urgency U] [--requested T] [--due T]"
	pos, err := parse(f.fs, args, 2, 2, usage)
	if err != nil {
		return err
	}
	ctx := context.Background()
	c, err := e.Tracking.ClientByName(ctx, pos[0])
	if err != nil {
		return err
	}
	t := tracking.Task{Task: billing.Task{Name: pos[1], Kind: billing.Hourly}}
	if err := f.apply(&t, c.Currency); err != nil {
		return err
	}
	t, err = e.Tracking.AddTask(ctx, c.Name, t)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "added task %s / %s (%s)\n", t.Client, t.Name, t.Kind)
	return nil
}

func taskEdit(e *Env, args []string) error {
	f := newTaskFlags("task edit", e.Tracking.Zone)
	name := f.fs.String("name", "", "new name")
	reopen := f.fs.Bool("reopen", false, "mark the task open again")
	pos, err := parse(f.fs, args, 2, 2, "horas task edit CLIENT NAME [flags]")
	if err != nil {
		return err
	}
	ctx := context.Background()
	t, err := e.Tracking.TaskByName(ctx, pos[0], pos[1])
	if err != nil {
		return err
	}
	c, err := e.Tracking.Client(ctx, t.ClientID)
	if err != nil {
		return err
	}
	if err := f.apply(&t, c.Currency); err != nil {
		return err
	}
	if *name != "" {
		t.Name = *name
	}
	if *reopen {
		t.DoneAt = time.Time{}
	}
	if err := e.Tracking.UpdateTask(ctx, t); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "updated task %s / %s\n", t.Client, t.Name)
	return nil
}

func taskDone(e *Env, args []string) error {
	fs := flag.NewFlagSet("task done", flag.ContinueOnError)
	at := timeFlag{zone: e.Tracking.Zone}
	fs.Var(&at, "at", "when it was done (default now)")
	pos, err := parse(fs, args, 2, 2, "horas task done CLIENT NAME [--at TIME]")
	if err != nil {
		return err
	}
	ctx := context.Background()
	t, err := e.Tracking.TaskByName(ctx, pos[0], pos[1])
	if err != nil {
		return err
	}
	when := e.Tracking.Now()
	if at.set {
		when = at.t
	}
	if err := e.Tracking.MarkDone(ctx, t.ID, when); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "done: %s / %s\n", t.Client, t.Name)
	return nil
}

type taskJSON struct {
	ID        int64   `json:"id"`
	Client    string  `json:"client"`
	Name      string  `json:"name"`
	Billing   string  `json:"billing"`
	Rate      *string `json:"rate"`
	Price     *string `json:"price"`
	Urgency   string  `json:"urgency"`
	Suggested string  `json:"effective_urgency"`
	Requested string  `json:"requested,omitempty"`
	Due       string  `json:"due,omitempty"`
	DoneAt    string  `json:"done_at,omitempty"`
}

func taskList(e *Env, args []string) error {
	fs := flag.NewFlagSet("task list", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "JSON output")
	all := fs.Bool("all", false, "include done tasks")
	pos, err := parse(fs, args, 0, 1, "horas task list [CLIENT] [--all] [--json]")
	if err != nil {
		return err
	}
	ctx := context.Background()
	var clientID int64
	if len(pos) == 1 {
		c, err := e.Tracking.ClientByName(ctx, pos[0])
		if err != nil {
			return err
		}
		clientID = c.ID
	}
	ts, err := e.Tracking.Tasks(ctx, clientID, *all)
	if err != nil {
		return err
	}
	notice := map[int64]int{}
	cur := map[int64]string{}
	cs, err := e.Tracking.Clients(ctx, true)
	if err != nil {
		return err
	}
	for _, c := range cs {
		notice[c.ID], cur[c.ID] = c.NoticeDays, c.Currency
	}
	z := e.Tracking.Zone
	if *asJSON {
		out := []taskJSON{}
		for _, t := range ts {
			j := taskJSON{ID: t.ID, Client: t.Client, Name: t.Name, Billing: string(t.Kind), Urgency: string(t.Urgency),
				Suggested: string(t.Task.EffectiveUrgency(notice[t.ClientID])),
				Requested: localTime(t.Requested, z), Due: localTime(t.Due, z), DoneAt: localTime(t.DoneAt, z)}
			if t.Rate.Valid {
				r := money.Fixed(t.Rate.Decimal, cur[t.ClientID])
				j.Rate = &r
			}
			if t.Kind == billing.Fixed {
				p := money.Fixed(t.Price, cur[t.ClientID])
				j.Price = &p
			}
			out = append(out, j)
		}
		return printJSON(e.Stdout, out)
	}
	w := tabwriter.NewWriter(e.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "CLIENT\tTASK\tBILLING\tURGENCY\tDUE\tDONE")
	for _, t := range ts {
		bill := string(t.Kind)
		switch {
		case t.Kind == billing.Fixed:
			bill = "fixed " + money.Fixed(t.Price, cur[t.ClientID])
		case t.Rate.Valid:
			bill = "hourly " + money.Fixed(t.Rate.Decimal, cur[t.ClientID])
		}
		due, done := "", ""
		if !t.Due.IsZero() {
			due = t.Due.In(z).Format("2006-01-02 15:04")
		}
		if t.Done() {
			done = t.DoneAt.In(z).Format("2006-01-02")
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", t.Client, t.Name, bill, t.Task.EffectiveUrgency(notice[t.ClientID]), due, done)
	}
	return w.Flush()
}
