// Package cli is the headless interface of Horas (DESIGN.md "Headless
// interface"). Exit 0 on success; 2 with one line on stderr for bad input,
// with nothing written; 1 for faults of the machine.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/horasapp/horas/internal/inputerr"
	"github.com/horasapp/horas/internal/store"
	"github.com/horasapp/horas/internal/tracking"
	"github.com/horasapp/horas/invoice"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitFault = 1
	ExitInput = 2
)

// Env is what a command runs against.
type Env struct {
	Stdout, Stderr io.Writer
	DB             *store.DB
	Tracking       *tracking.Service
	Invoices       *invoice.Service
	Now            func() time.Time
}

// DefaultDBPath is horas.db in the user's data directory: $HORAS_DB if set,
// else $XDG_DATA_HOME/horas (~/.local/share/horas) on Linux and the BSDs, the
// platform's application-data folder elsewhere.
func DefaultDBPath() string {
	if p := os.Getenv("HORAS_DB"); p != "" {
		return p
	}
	var dir string
	switch runtime.GOOS {
	case "darwin", "windows":
		dir, _ = os.UserConfigDir()
	default:
		dir = os.Getenv("XDG_DATA_HOME")
		if dir == "" {
			home, _ := os.UserHomeDir()
			dir = filepath.Join(home, ".local", "share")
		}
	}
	return filepath.Join(dir, "horas", "horas.db")
}

// SplitGlobal takes the global flags (--db PATH) off the front of args.
func SplitGlobal(args []string) (dbPath string, rest []string, err error) {
	dbPath = DefaultDBPath()
	for len(args) > 0 {
		a := args[0]
		switch {
		case a == "--db" || a == "-db":
			if len(args) < 2 {
				return "", nil, inputerr.New("--db needs a file path, e.g. --db ~/horas-test.db")
			}
			dbPath, args = args[1], args[2:]
		case strings.HasPrefix(a, "--db="):
			dbPath, args = strings.TrimPrefix(a, "--db="), args[1:]
		default:
			return dbPath, args, nil
		}
	}
	return dbPath, nil, nil
}

type command struct {
	name string // "client add"
	args string // usage of positionals and flags
	run  func(e *Env, args []string) error
}

func commands() []command {
	return []command{
		{"client add", "NAME --currency CUR --rate R [flags]", clientAdd},
		{"client edit", "NAME [flags]", clientEdit},
		{"client list", "[--json] [--all]", clientList},
		{"task add", "CLIENT NAME [--rate R | --fixed PRICE | --non-billable] [--urgency U] [--requested T] [--due T]", taskAdd},
		{"task edit", "CLIENT NAME [flags]", taskEdit},
		{"task done", "CLIENT NAME [--at TIME]", taskDone},
		{"task list", "[CLIENT] [--all] [--json]", taskList},
		{"start", "CLIENT TASK [--at TIME]", start},
		{"stop", "[--at TIME]", stop},
		{"status", "[--json]", status},
		{"entry add", "CLIENT TASK --from TIME --to TIME [--urgency U] [--non-billable] [--note TEXT]", entryAdd},
		{"entry list", "[--client C] [--from T] [--to T] [--json]", entryList},
		{"entry edit", "ID [--client C --task T] [--from TIME] [--to TIME] [--urgency U] [--billable|--non-billable] [--note TEXT]", entryEdit},
		{"entry delete", "ID", entryDelete},
		{"profile set", "[--name N] [--address TEXT] [--tax-id ID] [--email E] [--logo FILE] [--iban I] ... [--home-currency CUR]", profileSet},
		{"invoice create", "CLIENT --month YYYY-MM [--issue-date D] [--draft]", invoiceCreate},
		{"invoice show", "NUMBER [--json]", invoiceShow},
		{"invoice pdf", "NUMBER --out FILE", invoicePDF},
		{"invoice list", "[--status S] [--client C] [--json]", invoiceList},
		{"invoice credit", "NUMBER [--amount A] [--reason TEXT]", invoiceCredit},
		{"pay", "NUMBER AMOUNT --date D [--method M]", pay},
		{"report aging", "[--as-of D] [--json]", reportAging},
		{"report tasks", "[--from D] [--to D] [--client C] [--top N] [--json|--csv]", reportTasks},
		{"report clients", "[--from D] [--to D] [--json]", reportClients},
		{"report deadlines", "[--json]", reportDeadlines},
		{"demo", "--entries N [--clients C] [--seed S]", demo},
		{"rates set", "CUR RATE --date D", ratesSet},
		{"rates import", "ecb FILE", ratesImport},
		{"import", "toggl|clockify|harvest|horas FILE [--dry-run] [--client NAME] [--date-order DMY|MDY]", importCmd},
		{"export entries", "[--from D] [--to D] [--client C] --csv", exportEntries},
	}
}

// Usage lists the commands.
func Usage(w io.Writer) {
	fmt.Fprintln(w, "usage: horas [--db PATH] COMMAND ...   (no command opens the window)")
	fmt.Fprintln(w, "       horas COMMAND --help             (the flags of one command)")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-16s %s\n", c.name, c.args)
	}
}

// Find returns the command named by the front of args and the rest.
func find(args []string) (command, []string, bool) {
	for _, c := range commands() {
		words := strings.Fields(c.name)
		if len(args) >= len(words) && strings.Join(args[:len(words)], " ") == c.name {
			return c, args[len(words):], true
		}
	}
	return command{}, nil, false
}

// Run runs one command (args without the global flags) and returns the exit code.
func Run(ctx context.Context, dbPath string, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "--help" || args[0] == "-h" {
		Usage(stdout)
		return ExitOK
	}
	cmd, rest, ok := find(args)
	if !ok {
		fmt.Fprintf(stderr, "horas: unknown command %q: run `horas help` for the list\n", strings.Join(args, " "))
		return ExitInput
	}
	db, err := store.Open(ctx, dbPath, store.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "horas: %v\n", err)
		if errors.Is(err, store.ErrForeignFile) || errors.Is(err, store.ErrTooNew) {
			return ExitInput
		}
		return ExitFault
	}
	defer db.Close()
	now, err := clock()
	if err != nil {
		return Exit(stderr, cmd.name, err)
	}
	p, err := invoice.LoadProfile(ctx, db.Reader())
	if err != nil {
		return Exit(stderr, cmd.name, err)
	}
	e := &Env{Stdout: stdout, Stderr: stderr, DB: db, Now: now}
	e.Tracking = tracking.New(db, e.Now, p.Zone())
	e.Invoices = invoice.New(e.Tracking, e.Now)
	err = cmd.run(e, rest)
	var h helpShown
	if errors.As(err, &h) {
		fmt.Fprint(stdout, h.text)
		return ExitOK
	}
	return Exit(stderr, cmd.name, err)
}

// helpShown carries the text of `COMMAND --help` out of parse.
type helpShown struct{ text string }

func (h helpShown) Error() string { return h.text }

// clock is time.Now, or the fixed instant of $HORAS_NOW (RFC 3339) so that
// scripts and tests can replay a day: statuses like "overdue" depend on it.
func clock() (func() time.Time, error) {
	v := os.Getenv("HORAS_NOW")
	if v == "" {
		return time.Now, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return nil, inputerr.New("HORAS_NOW=%q: write an RFC 3339 time such as 2026-11-02T10:00:00+01:00, or unset it", v)
	}
	return func() time.Time { return t }, nil
}

// Exit prints err as one line and maps it to an exit code.
func Exit(stderr io.Writer, name string, err error) int {
	if err == nil {
		return ExitOK
	}
	msg := strings.ReplaceAll(err.Error(), "\n", " ")
	fmt.Fprintf(stderr, "horas %s: %s\n", name, msg)
	if inputerr.Is(err) {
		return ExitInput
	}
	return ExitFault
}

// parse parses flags that may stand before, between or after positionals,
// and checks the number of positionals.
func parse(fs *flag.FlagSet, args []string, minPos, maxPos int, usage string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
			var b strings.Builder
			fmt.Fprintf(&b, "usage: %s\n", usage)
			fs.SetOutput(&b)
			fs.PrintDefaults()
			return nil, helpShown{b.String()}
		} else if err != nil {
			return nil, inputerr.New("%v: usage: %s", err, usage)
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	if len(pos) < minPos || len(pos) > maxPos {
		return nil, inputerr.New("wrong number of arguments: usage: %s", usage)
	}
	return pos, nil
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// parseTime reads RFC 3339 or "YYYY-MM-DD HH:MM[:SS]" in zone. A wall time
// that does not exist in the zone (the hour skipped when clocks go forward)
// is refused rather than shifted.
func parseTime(s string, zone *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02T15:04:05"} {
		t, err := time.ParseInLocation(layout, s, zone)
		if err != nil {
			continue
		}
		if t.Format(layout) != s {
			return time.Time{}, inputerr.New("time %q does not exist in %s (the clocks skip it): use a time outside that hour", s, zone)
		}
		return t.UTC(), nil
	}
	return time.Time{}, inputerr.New("time %q: write YYYY-MM-DD HH:MM (in %s) or RFC 3339 such as 2026-11-03T09:30:00+01:00", s, zone)
}

// parseDate reads YYYY-MM-DD as the start of that day in zone.
func parseDate(s string, zone *time.Location) (time.Time, error) {
	t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(s), zone)
	if err != nil {
		return parseTime(s, zone)
	}
	return t, nil
}

// timeFlag is a time flag; empty means "not given".
type timeFlag struct {
	t    time.Time
	zone *time.Location
	set  bool
}

func (f *timeFlag) String() string { return "" }
func (f *timeFlag) Set(s string) error {
	t, err := parseTime(s, f.zone)
	if err != nil {
		return err
	}
	f.t, f.set = t, true
	return nil
}

// dateFlag takes a date or a time.
type dateFlag struct {
	timeFlag
	dateOnly bool
}

func (f *dateFlag) Set(s string) error {
	t, err := parseDate(s, f.zone)
	if err != nil {
		return err
	}
	_, derr := time.Parse("2006-01-02", strings.TrimSpace(s))
	f.t, f.set, f.dateOnly = t, true, derr == nil
	return nil
}

// until is the end of a range given as --to: a plain date includes that
// whole day (midnight to midnight in the zone, 23 or 25 hours on a DST day).
func (f *dateFlag) until() time.Time {
	if !f.set || !f.dateOnly {
		return f.t
	}
	return f.t.In(f.zone).AddDate(0, 0, 1)
}

// listFlag collects a repeated flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

func localTime(t time.Time, zone *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(zone).Format(time.RFC3339)
}
