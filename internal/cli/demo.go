package cli

import (
	"context"
	"flag"
	"fmt"
	"time"

	demodata "github.com/horasapp/horas/internal/demo"
)

func demo(e *Env, args []string) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	entries := fs.Int("entries", 0, "time entries to make")
	clients := fs.Int("clients", demodata.DefaultClients, "clients to make")
	seed := fs.Int64("seed", 1, "same seed, same data")
	if _, err := parse(fs, args, 0, 0, "horas demo --entries N [--clients C] [--seed S]"); err != nil {
		return err
	}
	began := time.Now()
	res, err := demodata.Generate(context.Background(), e.Tracking,
		demodata.Options{Entries: *entries, Clients: *clients, Seed: *seed, End: e.Now()})
	if err != nil {
		return err
	}
	z := e.Tracking.Zone
	fmt.Fprintf(e.Stdout, "made %d clients, %d tasks and %d entries from %s to %s in %s\n", res.Clients, res.Tasks, res.Entries,
		res.From.In(z).Format("2006-01-02"), res.To.In(z).Format("2006-01-02"), time.Since(began).Round(time.Millisecond))
	return nil
}
