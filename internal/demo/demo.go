// Package demo fills an empty database with realistic made-up work: clients
// in several countries, currencies and languages, the tasks a virtual
// assistant does for them, and time entries in working hours going back from
// an end instant as far as the requested number of entries needs (a VA logs
// about ten a day, so a million entries reach back centuries).
//
// The data depends only on the options: each day draws from its own random
// stream seeded by the seed and the date, so the same seed gives the same
// file. Entries are written straight to the tables tracking uses, in large
// transactions of multi-row inserts; a million take seconds, not minutes.
package demo

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/inputerr"
	"github.com/horasapp/horas/internal/money"
	"github.com/horasapp/horas/internal/tracking"
)

// Limits of Options.
const (
	MaxEntries     = 10_000_000
	MinClients     = 3
	MaxClients     = 12
	DefaultClients = 6
)

// Options say how much to make.
type Options struct {
	Entries int   // time entries to write, 1 to MaxEntries
	Clients int   // MinClients to MaxClients; 0 means DefaultClients
	Seed    int64 // same seed, same data
	// End bounds the data: every entry ends at or before it; zero means the
	// tracking service's clock.
	End time.Time
}

// Result says what was written.
type Result struct {
	Clients, Tasks, Entries int
	From, To                time.Time // first start, last end
}

const (
	rowsPerInsert = 500    // 6 parameters each: far below SQLite's limit
	rowsPerTx     = 50_000 // keeps the WAL small while the whole run stays fast
)

// Generate writes demo clients, tasks and entries into an empty database.
func Generate(ctx context.Context, tr *tracking.Service, opt Options) (Result, error) {
	if opt.Entries < 1 || opt.Entries > MaxEntries {
		return Result{}, inputerr.New("--entries %d: give how many time entries to make, 1 to %d", opt.Entries, MaxEntries)
	}
	if opt.Clients == 0 {
		opt.Clients = DefaultClients
	}
	if opt.Clients < MinClients || opt.Clients > MaxClients {
		return Result{}, inputerr.New("--clients %d: give %d to %d", opt.Clients, MinClients, MaxClients)
	}
	if opt.End.IsZero() {
		opt.End = tr.Now()
	}
	opt.End = opt.End.Truncate(time.Second)
	if err := checkEmpty(ctx, tr); err != nil {
		return Result{}, err
	}

	g := &generator{seed: uint64(opt.Seed), zone: tr.Zone, end: opt.End}
	g.plan(opt.Entries)
	g.planTasks(opt.Clients)

	var res Result
	for i := range g.clients {
		c, err := addClient(ctx, tr, clientSpecs[i])
		if err != nil {
			return Result{}, fmt.Errorf("demo client %s: %w", clientSpecs[i].name, err)
		}
		g.clients[i].id, g.clients[i].currency = c.ID, c.Currency
		res.Clients++
	}
	err := tr.DB().Write(ctx, func(tx *sql.Tx) error { return g.insertTasks(ctx, tx) })
	if err != nil {
		return Result{}, fmt.Errorf("demo tasks: %w", err)
	}
	res.Tasks = len(g.tasks)

	g.start()
	for !g.finished() {
		err := tr.DB().Write(ctx, func(tx *sql.Tx) error {
			n, err := g.insertEntries(ctx, tx, rowsPerTx)
			res.Entries += n
			return err
		})
		if err != nil {
			return res, fmt.Errorf("demo entries: %w", err)
		}
	}
	res.From, res.To = g.first, g.last
	return res, nil
}

func checkEmpty(ctx context.Context, tr *tracking.Service) error {
	var clients, entries int
	err := tr.DB().Reader().QueryRowContext(ctx, `SELECT (SELECT count(*) FROM clients), (SELECT count(*) FROM entries)`).
		Scan(&clients, &entries)
	if err != nil {
		return err
	}
	if clients+entries > 0 {
		return inputerr.New("%s already holds %d clients and %d entries: make demo data in a new file, e.g. horas --db demo.db demo --entries 20000",
			tr.DB().Path, clients, entries)
	}
	return nil
}

func addClient(ctx context.Context, tr *tracking.Service, s clientSpec) (tracking.Client, error) {
	c := tracking.NewClient(s.name, s.currency, decimal.RequireFromString(s.rate))
	c.Lang, c.Country, c.TZ = s.lang, s.country, s.tz
	c.Address, c.TaxID, c.Email, c.Note = s.address, s.taxID, s.email, s.note
	c.NoticeDays, c.TermsDays = s.noticeDays, s.termsDays
	var err error
	if c.Rounding, err = billing.ParseRounding(s.rounding); err != nil {
		return c, err
	}
	for _, t := range s.taxes {
		tax, err := billing.ParseTax(t)
		if err != nil {
			return c, err
		}
		c.Taxes = append(c.Taxes, tax)
	}
	if r := s.retainer; r != nil {
		ret := &billing.Retainer{Fee: decimal.RequireFromString(r[0]), Hours: decimal.RequireFromString(r[1]),
			RolloverCap: decimal.RequireFromString(r[3])}
		if r[2] != "" {
			ret.OverageRate = decimal.NewNullDecimal(decimal.RequireFromString(r[2]))
		}
		c.Retainer = ret
	}
	return tr.AddClient(ctx, c)
}

// span is one entry's time.
type span struct{ start, end time.Time }

type clientPlan struct {
	id       int64
	currency string
}

type taskPlan struct {
	client     int
	id         int64
	name       string
	kind       billing.Kind
	rate       string // own hourly rate, "" for the client's
	price      string
	urgency    billing.Urgency
	requested  time.Time
	due        time.Time
	done       time.Time
	weight     int
	first, end int // days (from the first day) the task takes time, end exclusive
}

type generator struct {
	seed uint64
	zone *time.Location
	end  time.Time

	firstDay time.Time // calendar date (UTC midnight) of the oldest entry
	days     int       // days from firstDay to the end's date, inclusive
	skip     int       // slots of the first day left out to hit the count exactly

	clients []clientPlan
	tasks   []taskPlan

	// walk state
	day       int
	pending   []span
	picker    *rand.Rand
	active    []int // task indexes taking time today
	cumWeight []int
	first     time.Time
	last      time.Time
	slots     []span // reused buffer
}

// dayStream is the random stream of one calendar day: the same whichever
// direction the days are walked.
func (g *generator) dayStream(day time.Time, salt uint64) *rand.Rand {
	return rand.New(rand.NewPCG(g.seed^salt, uint64(day.Unix()/86400)))
}

// plan walks back from the end's date counting each day's entries until
// there are enough.
func (g *generator) plan(entries int) {
	y, m, d := g.end.In(g.zone).Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	last := day
	total := 0
	for {
		total += len(g.daySlots(day))
		if total >= entries {
			break
		}
		day = day.AddDate(0, 0, -1)
	}
	g.firstDay, g.skip = day, total-entries
	g.days = int((last.Unix()-day.Unix())/86400) + 1 // not Sub: centuries overflow a Duration
}

// daySlots gives the spans worked on a date: Monday to Friday from about
// 08:00 to 19:00 with a lunch break, some Saturday mornings, a few days off.
// Entries follow one another as the timer switches, with short gaps now and
// then; each lasts 10 minutes to 3 hours.
func (g *generator) daySlots(day time.Time) []span {
	r := g.dayStream(day, 0x51075)
	g.slots = g.slots[:0]
	y, m, d := day.Date()
	var from, to time.Time
	switch wd := day.Weekday(); {
	case m == time.December && d >= 24 || m == time.January && d == 1:
		return nil
	case m == time.August && d >= 8 && d <= 21: // summer holidays
		return nil
	case wd == time.Sunday:
		return nil
	case wd == time.Saturday:
		if r.IntN(100) >= 15 {
			return nil
		}
		from = time.Date(y, m, d, 9, r.IntN(30), 0, 0, g.zone)
		to = time.Date(y, m, d, 12, 30+r.IntN(30), 0, 0, g.zone)
	default:
		if r.IntN(100) < 3 { // ill, or a day off
			return nil
		}
		from = time.Date(y, m, d, 8, r.IntN(45), r.IntN(60), 0, g.zone)
		to = time.Date(y, m, d, 17+r.IntN(2), r.IntN(60), 0, 0, g.zone)
	}
	if to.After(g.end) {
		to = g.end
	}
	lunch := false
	for t := from; ; {
		var minutes int
		switch p := r.IntN(100); {
		case p < 55:
			minutes = 10 + r.IntN(30)
		case p < 88:
			minutes = 40 + r.IntN(50)
		default:
			minutes = 90 + r.IntN(91)
		}
		end := t.Add(time.Duration(minutes)*time.Minute + time.Duration(r.IntN(60))*time.Second)
		if end.After(to) {
			end = to
		}
		if end.Sub(t) < 10*time.Minute {
			break
		}
		g.slots = append(g.slots, span{t, end})
		t = end
		switch p := r.IntN(100); {
		case !lunch && t.In(g.zone).Hour() >= 13:
			t = t.Add(time.Duration(40+r.IntN(50)) * time.Minute)
			lunch = true
		case p < 60: // the next timer starts as this one stops
		case p < 90:
			t = t.Add(time.Duration(1+r.IntN(15)) * time.Minute)
		default:
			t = t.Add(time.Duration(15+r.IntN(45)) * time.Minute)
		}
	}
	return g.slots
}

// planTasks picks each client's tasks: 5 to 30, the common ones weigh more;
// some fixed-price projects and hourly one-offs run for a few weeks and are
// done; some open tasks carry deadlines around the end.
func (g *generator) planTasks(clients int) {
	digitsOf := func(cur string) int32 { d, _ := money.Digits(cur); return d }
	for ci := range clients {
		spec := clientSpecs[ci]
		g.clients = append(g.clients, clientPlan{currency: spec.currency})
		r := rand.New(rand.NewPCG(g.seed^0x7a5c, uint64(ci)))
		n := 5 + r.IntN(26)
		nFixed, nFree := r.IntN(3), r.IntN(2)
		if ci == 0 {
			nFixed, nFree = max(nFixed, 1), 1
		}
		nHourly := n - nFixed - nFree
		rate := decimal.RequireFromString(spec.rate)
		names := r.Perm(len(hourlyTasks))
		var open []int
		for rank := range nHourly {
			t := taskPlan{client: ci, name: hourlyTasks[names[rank]], kind: billing.Hourly,
				weight: spec.busy * 60 / (rank + 1), end: g.days}
			if r.IntN(100) < 15 {
				t.rate = money.Fixed(money.Round(rate.Mul(decimal.RequireFromString("1.25")), digitsOf(spec.currency)), spec.currency)
			}
			if r.IntN(100) < 5 {
				t.urgency = billing.Urgent
			}
			if rank >= 5 && r.IntN(100) < 15 {
				g.window(r, &t, 30+r.IntN(90))
			} else {
				open = append(open, len(g.tasks))
			}
			g.tasks = append(g.tasks, t)
		}
		// Deliverables get deadlines: one still ahead, one that may have
		// passed, both asked for in working hours and due at a round hour.
		var deliverables []int
		for _, i := range open {
			if deliverable[g.tasks[i].name] {
				deliverables = append(deliverables, i)
			}
		}
		r.Shuffle(len(deliverables), func(i, j int) { deliverables[i], deliverables[j] = deliverables[j], deliverables[i] })
		for k, i := range deliverables[:min(2, len(deliverables))] {
			t := &g.tasks[i]
			ask := g.end.In(g.zone).AddDate(0, 0, -1-r.IntN(10))
			t.requested = time.Date(ask.Year(), ask.Month(), ask.Day(), 9+r.IntN(8), 5*r.IntN(12), 0, 0, g.zone)
			due := t.requested.AddDate(0, 0, r.IntN(12))
			if k == 0 {
				due = g.end.In(g.zone).AddDate(0, 0, 1+r.IntN(4))
			}
			t.due = time.Date(due.Year(), due.Month(), due.Day(), dueHours[r.IntN(len(dueHours))], 0, 0, 0, g.zone)
			if !t.due.After(t.requested) {
				t.due = t.due.AddDate(0, 0, 1)
			}
		}
		fixed := r.Perm(len(fixedTasks))
		for k := range nFixed {
			f := fixedTasks[fixed[k]]
			// Prices are set for a 30-an-hour client; others pay in step with their rate.
			price := decimal.RequireFromString(f.price).Mul(rate).DivRound(decimal.NewFromInt(30), 0)
			t := taskPlan{client: ci, name: f.name, kind: billing.Fixed, price: money.Fixed(price, spec.currency), weight: spec.busy * 60}
			g.window(r, &t, 20+r.IntN(20))
			g.tasks = append(g.tasks, t)
		}
		for k := range nFree {
			g.tasks = append(g.tasks, taskPlan{client: ci, name: nonBillableTasks[(ci+k)%len(nonBillableTasks)],
				kind: billing.NonBillable, weight: spec.busy * 5, end: g.days})
		}
	}
}

// window makes a task a project of about length days somewhere in the span,
// done when its last day's work is over, unless that is after the end.
func (g *generator) window(r *rand.Rand, t *taskPlan, length int) {
	length = min(length, g.days)
	t.first = r.IntN(g.days - length + 1)
	t.end = t.first + length
	t.weight = max(t.weight, 120)
	y, m, d := g.firstDay.AddDate(0, 0, t.end-1).Date()
	if done := time.Date(y, m, d, 19, 0, 0, 0, g.zone); !done.After(g.end) {
		t.done = done
	}
}

func (g *generator) insertTasks(ctx context.Context, tx *sql.Tx) error {
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO tasks (client_id, name, kind, rate, price, urgency, requested_at, due_at, done_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	null := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	instant := func(t time.Time) any {
		if t.IsZero() {
			return nil
		}
		return t.Unix()
	}
	for i := range g.tasks {
		t := &g.tasks[i]
		y, m, d := g.firstDay.AddDate(0, 0, t.first).Date()
		created := time.Date(y, m, d, 8, 0, 0, 0, g.zone)
		res, err := stmt.ExecContext(ctx, g.clients[t.client].id, t.name, string(t.kind), null(t.rate), null(t.price),
			string(t.urgency), instant(t.requested), instant(t.due), instant(t.done), created.Unix())
		if err != nil {
			return err
		}
		if t.id, err = res.LastInsertId(); err != nil {
			return err
		}
	}
	return nil
}

// start sets up the walk from the first day forward.
func (g *generator) start() {
	g.day = -1
	g.nextDay()
}

func (g *generator) finished() bool { return g.day >= g.days }

// nextDay moves to the next day with slots and works out which tasks take time.
func (g *generator) nextDay() {
	for {
		g.day++
		if g.day >= g.days {
			g.pending = nil
			return
		}
		date := g.firstDay.AddDate(0, 0, g.day)
		g.pending = g.daySlots(date)
		if g.day == 0 {
			g.pending = g.pending[g.skip:]
		}
		if len(g.pending) == 0 {
			continue
		}
		g.picker = g.dayStream(date, 0x7a5c)
		g.active, g.cumWeight = g.active[:0], g.cumWeight[:0]
		sum := 0
		for i, t := range g.tasks {
			if g.day >= t.first && g.day < t.end && t.weight > 0 {
				sum += t.weight
				g.active = append(g.active, i)
				g.cumWeight = append(g.cumWeight, sum)
			}
		}
		return
	}
}

// entryRow is one entry as inserted.
type entryRow struct {
	task        int64
	start, end  int64
	urgency     string
	nonBillable bool
	note        string
}

// next gives the next entry in time order.
func (g *generator) next() (entryRow, bool) {
	for len(g.pending) == 0 {
		if g.finished() {
			return entryRow{}, false
		}
		g.nextDay()
	}
	s := g.pending[0]
	g.pending = g.pending[1:]
	r := g.picker
	k := sort.SearchInts(g.cumWeight, r.IntN(g.cumWeight[len(g.cumWeight)-1])+1)
	t := &g.tasks[g.active[k]]
	e := entryRow{task: t.id, start: s.start.Unix(), end: s.end.Unix()}
	if t.kind == billing.Hourly && t.urgency == "" {
		switch p := r.IntN(100); {
		case p < 3:
			e.urgency = string(billing.Urgent)
		case p < 4:
			e.urgency = string(billing.Rush)
		}
	}
	e.nonBillable = t.kind == billing.Hourly && r.IntN(100) < 2
	if r.IntN(100) < 4 {
		e.note = notes[r.IntN(len(notes))]
	}
	if g.first.IsZero() {
		g.first = s.start
	}
	g.last = s.end
	return e, true
}

func insertSQL(rows int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO entries (task_id, start_at, end_at, urgency, non_billable, note) VALUES ")
	for i := range rows {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("(?,?,?,?,?,?)")
	}
	return b.String()
}

// insertEntries writes up to limit entries in tx and returns how many.
func (g *generator) insertEntries(ctx context.Context, tx *sql.Tx, limit int) (int, error) {
	full, err := tx.PrepareContext(ctx, insertSQL(rowsPerInsert))
	if err != nil {
		return 0, err
	}
	defer full.Close()
	args := make([]any, 0, rowsPerInsert*6)
	written := 0
	flush := func() error {
		if len(args) == 0 {
			return nil
		}
		var err error
		if n := len(args) / 6; n == rowsPerInsert {
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = tx.ExecContext(ctx, insertSQL(n), args...)
		}
		written += len(args) / 6
		args = args[:0]
		return err
	}
	for written+len(args)/6 < limit {
		e, ok := g.next()
		if !ok {
			break
		}
		nb := 0
		if e.nonBillable {
			nb = 1
		}
		args = append(args, e.task, e.start, e.end, e.urgency, nb, e.note)
		if len(args) == cap(args) {
			if err := flush(); err != nil {
				return written, err
			}
		}
	}
	if err := flush(); err != nil {
		return written, err
	}
	return written, ctx.Err()
}
