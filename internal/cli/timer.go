package cli

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/inputerr"
	"github.com/horasapp/horas/internal/tracking"
)

func start(e *Env, args []string) error {
	fs := flag.NewFlagSet("start", flag.ContinueOnError)
	at := timeFlag{zone: e.Tracking.Zone}
	fs.Var(&at, "at", "start time (default now)")
	pos, err := parse(fs, args, 2, 2, "horas start CLIENT TASK [--at TIME]")
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
	started, stopped, err := e.Tracking.Start(ctx, t.ID, when)
	if err != nil {
		return err
	}
	if stopped != nil {
		fmt.Fprintf(e.Stdout, "stopped %s / %s after %s\n", stopped.Client, stopped.Task, hm(stopped.Duration(when)))
	}
	fmt.Fprintf(e.Stdout, "started %s / %s at %s\n", started.Client, started.Task, started.Start.In(e.Tracking.Zone).Format("15:04"))
	return nil
}

func stop(e *Env, args []string) error {
	fs := flag.NewFlagSet("stop", flag.ContinueOnError)
	at := timeFlag{zone: e.Tracking.Zone}
	fs.Var(&at, "at", "stop time (default now)")
	if _, err := parse(fs, args, 0, 0, "horas stop [--at TIME]"); err != nil {
		return err
	}
	when := e.Tracking.Now()
	if at.set {
		when = at.t
	}
	en, err := e.Tracking.Stop(context.Background(), when)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "stopped %s / %s after %s\n", en.Client, en.Task, hm(en.Duration(when)))
	return nil
}

// hm formats a duration as hours and minutes: "1:05".
func hm(d time.Duration) string {
	m := int64(d / time.Minute)
	return fmt.Sprintf("%d:%02d", m/60, m%60)
}

func status(e *Env, args []string) error {
	fs := flag.NewFlagSet("status", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "JSON output")
	if _, err := parse(fs, args, 0, 0, "horas status [--json]"); err != nil {
		return err
	}
	run, err := e.Tracking.Running(context.Background())
	if err != nil {
		return err
	}
	now := e.Tracking.Now()
	if *asJSON {
		out := map[string]any{"running": run != nil}
		if run != nil {
			out["entry_id"] = run.ID
			out["client"] = run.Client
			out["task"] = run.Task
			out["start"] = localTime(run.Start, e.Tracking.Zone)
			out["elapsed_seconds"] = int64(run.Duration(now) / time.Second)
		}
		return printJSON(e.Stdout, out)
	}
	if run == nil {
		fmt.Fprintln(e.Stdout, "no timer running")
		return nil
	}
	fmt.Fprintf(e.Stdout, "running: %s / %s since %s (%s)\n", run.Client, run.Task,
		run.Start.In(e.Tracking.Zone).Format("2006-01-02 15:04"), hm(run.Duration(now)))
	return nil
}

func entryAdd(e *Env, args []string) error {
	fs := flag.NewFlagSet("entry add", flag.ContinueOnError)
	from, to := timeFlag{zone: e.Tracking.Zone}, timeFlag{zone: e.Tracking.Zone}
	fs.Var(&from, "from", "start")
	fs.Var(&to, "to", "end")
	urgency := fs.String("urgency", "", "normal, urgent or rush")
	nonBillable := fs.Bool("non-billable", false, "not billed")
	note := fs.String("note", "", "what was done")
	usage := "horas entry add CLIENT TASK --from TIME --to TIME [--urgency U] [--non-billable] [--note TEXT]"
	pos, err := parse(fs, args, 2, 2, usage)
	if err != nil {
		return err
	}
	if !from.set || !to.set {
		return inputerr.New("an entry needs --from and --to, e.g. --from \"2026-11-03 09:00\" --to \"2026-11-03 10:30\"")
	}
	u, err := billing.ParseUrgency(*urgency)
	if err != nil {
		return inputerr.Wrap(err)
	}
	ctx := context.Background()
	t, err := e.Tracking.TaskByName(ctx, pos[0], pos[1])
	if err != nil {
		return err
	}
	en, err := e.Tracking.AddEntry(ctx, tracking.Entry{TaskID: t.ID, Start: from.t, End: to.t, Urgency: u, NonBillable: *nonBillable, Note: *note})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "added entry #%d: %s / %s, %s\n", en.ID, en.Client, en.Task, hm(en.Duration(en.End)))
	return nil
}

func entryEdit(e *Env, args []string) error {
	fs := flag.NewFlagSet("entry edit", flag.ContinueOnError)
	from, to := timeFlag{zone: e.Tracking.Zone}, timeFlag{zone: e.Tracking.Zone}
	fs.Var(&from, "from", "start")
	fs.Var(&to, "to", "end")
	client := fs.String("client", "", "move to a task of this client")
	task := fs.String("task", "", "move to this task")
	urgency := fs.String("urgency", "", "normal, urgent or rush")
	nonBillable := fs.Bool("non-billable", false, "not billed")
	billable := fs.Bool("billable", false, "billed again")
	note := fs.String("note", "", "what was done")
	pos, err := parse(fs, args, 1, 1, "horas entry edit ID [--client C --task T] [--from TIME] [--to TIME] [--urgency U] [--billable|--non-billable] [--note TEXT]")
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil {
		return inputerr.New("entry id %q: give the number shown by `horas entry list`", pos[0])
	}
	ctx := context.Background()
	en, err := e.Tracking.Entry(ctx, id)
	if err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	if set["task"] || set["client"] {
		cl := en.Client
		if set["client"] {
			cl = *client
		}
		if !set["task"] {
			return inputerr.New("--client needs --task: name the task of that client")
		}
		t, err := e.Tracking.TaskByName(ctx, cl, *task)
		if err != nil {
			return err
		}
		en.TaskID = t.ID
	}
	if from.set {
		en.Start = from.t
	}
	if to.set {
		en.End = to.t
	}
	if set["urgency"] {
		if en.Urgency, err = billing.ParseUrgency(*urgency); err != nil {
			return inputerr.Wrap(err)
		}
	}
	if *billable && *nonBillable {
		return inputerr.New("--billable and --non-billable contradict each other: give one")
	}
	if *billable || *nonBillable {
		en.NonBillable = *nonBillable
	}
	if set["note"] {
		en.Note = *note
	}
	if err := e.Tracking.EditEntry(ctx, en); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "updated entry #%d\n", en.ID)
	return nil
}

func entryDelete(e *Env, args []string) error {
	fs := flag.NewFlagSet("entry delete", flag.ContinueOnError)
	pos, err := parse(fs, args, 1, 1, "horas entry delete ID")
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil {
		return inputerr.New("entry id %q: give the number shown by `horas entry list`", pos[0])
	}
	if err := e.Tracking.DeleteEntry(context.Background(), id); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "deleted entry #%d\n", id)
	return nil
}

type entryJSON struct {
	ID       int64  `json:"id"`
	Client   string `json:"client"`
	Task     string `json:"task"`
	Start    string `json:"start"`
	End      string `json:"end"`
	Seconds  int64  `json:"seconds"`
	Urgency  string `json:"urgency"`
	Billable bool   `json:"billable"`
	Note     string `json:"note"`
	Running  bool   `json:"running"`
}

func entryList(e *Env, args []string) error {
	z := e.Tracking.Zone
	fs := flag.NewFlagSet("entry list", flag.ContinueOnError)
	from, to := dateFlag{timeFlag: timeFlag{zone: z}}, dateFlag{timeFlag: timeFlag{zone: z}}
	fs.Var(&from, "from", "first day or time")
	fs.Var(&to, "to", "last day (inclusive) or time")
	client := fs.String("client", "", "only this client")
	asJSON := fs.Bool("json", false, "JSON output")
	if _, err := parse(fs, args, 0, 0, "horas entry list [--client C] [--from T] [--to T] [--json]"); err != nil {
		return err
	}
	ctx := context.Background()
	f := tracking.Filter{From: from.t, To: to.until()}
	if *client != "" {
		c, err := e.Tracking.ClientByName(ctx, *client)
		if err != nil {
			return err
		}
		f.ClientID = c.ID
	}
	es, err := e.Tracking.Entries(ctx, f)
	if err != nil {
		return err
	}
	now := e.Tracking.Now()
	if *asJSON {
		out := []entryJSON{}
		for _, en := range es {
			out = append(out, entryJSON{ID: en.ID, Client: en.Client, Task: en.Task, Start: localTime(en.Start, z),
				End: localTime(en.End, z), Seconds: int64(en.Duration(now) / time.Second), Urgency: string(en.Urgency),
				Billable: !en.NonBillable, Note: en.Note, Running: en.Running()})
		}
		return printJSON(e.Stdout, out)
	}
	w := tabwriter.NewWriter(e.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tCLIENT\tTASK\tSTART\tEND\tTIME\tNOTE")
	for _, en := range es {
		end := "running"
		if !en.Running() {
			end = en.End.In(z).Format("2006-01-02 15:04")
		}
		note := en.Note
		if en.NonBillable {
			note = "(non-billable) " + note
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", en.ID, en.Client, en.Task, en.Start.In(z).Format("2006-01-02 15:04"), end, hm(en.Duration(now)), note)
	}
	return w.Flush()
}
