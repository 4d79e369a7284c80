package cli

import (
	"context"
	"flag"
	"fmt"
	"os"

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
	res, err := e.Tracking.Import(ctx, tracking.ImportRows(recs, *client), tracking.ImportOptions{DefaultClient: *client, Currency: p.HomeCurrency, DryRun: *dry})
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
	return tracking.WriteExport(e.Stdout, es, z)
}
