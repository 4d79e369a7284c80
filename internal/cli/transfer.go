package cli

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/importer"
	"github.com/horasapp/horas/internal/inputerr"
	"github.com/horasapp/horas/internal/tracking"
)

func importCmd(e *Env, args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	dry := fs.Bool("dry-run", false, "show what would be created, write nothing")
	client := fs.String("client", "", "client for entries without one")
	order := fs.String("date-order", "", "DMY or MDY for dates like 03/04/2024")
	pos, err := parse(fs, args, 2, 2, "horas import toggl|clockify|harvest|horas FILE [--dry-run] [--client NAME] [--date-order DMY|MDY]")
	if err != nil {
		return err
	}
	src, err := importer.ParseSource(pos[0])
	if err != nil {
		return inputerr.Wrap(err)
	}
	f, err := os.Open(pos[1])
	if err != nil {
		return inputerr.New("cannot read %s: %v", pos[1], err)
	}
	defer f.Close()
	recs, err := importer.Parse(src, f, importer.Options{Zone: e.Tracking.Zone, DateOrder: *order})
	if err != nil {
		return inputerr.New("%s: %v", pos[1], err)
	}
	ctx := context.Background()
	p, err := e.Invoices.Profile(ctx)
	if err != nil {
		return err
	}
	rows := make([]tracking.ImportRow, len(recs))
	for i, r := range recs {
		if r.Client == "" {
			r.Client = *client
		}
		rows[i] = tracking.ImportRow{Line: r.Line, Client: r.Client, Task: r.Task, Note: r.Description, Start: r.Start, End: r.End,
			NonBillable: !r.Billable, Urgency: billing.Urgency(r.Urgency), Key: r.Key(), Currency: r.Currency, Rate: r.Rate}
	}
	res, err := e.Tracking.Import(ctx, rows, tracking.ImportOptions{DefaultClient: *client, Currency: p.HomeCurrency, DryRun: *dry})
	if err != nil {
		return inputerr.New("%s: %v", pos[1], err)
	}
	verb := "imported"
	if *dry {
		verb = "would import"
	}
	fmt.Fprintf(e.Stdout, "%s %d entries (%d already imported, skipped)\n", verb, res.Entries, res.Duplicates)
	for _, c := range res.NewClients {
		fmt.Fprintf(e.Stdout, "new client: %s (set its rate with `horas client edit`)\n", c)
	}
	for _, t := range res.NewTasks {
		fmt.Fprintf(e.Stdout, "new task: %s\n", t)
	}
	return nil
}

func exportEntries(e *Env, args []string) error {
	z := e.Tracking.Zone
	fs := flag.NewFlagSet("export entries", flag.ContinueOnError)
	from, to := dateFlag{timeFlag: timeFlag{zone: z}}, dateFlag{timeFlag: timeFlag{zone: z}}
	fs.Var(&from, "from", "first day")
	fs.Var(&to, "to", "last day (inclusive)")
	client := fs.String("client", "", "only this client")
	asCSV := fs.Bool("csv", false, "CSV output (the only format)")
	if _, err := parse(fs, args, 0, 0, "horas export entries [--from D] [--to D] [--client C] --csv"); err != nil {
		return err
	}
	if !*asCSV {
		return inputerr.New("add --csv: entries export as CSV")
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
	w := csv.NewWriter(e.Stdout)
	w.Write(importer.ExportHeader)
	for _, en := range es {
		if en.Running() {
			continue // a running timer has no end yet
		}
		billable := "Yes"
		if en.NonBillable {
			billable = "No"
		}
		w.Write([]string{en.Client, en.Task, en.Start.In(z).Format(time.RFC3339), en.End.In(z).Format(time.RFC3339),
			strconv.FormatInt(int64(en.Duration(en.End)/time.Second), 10), billable, string(en.Urgency), strings.TrimSpace(en.Note)})
	}
	w.Flush()
	return w.Error()
}
