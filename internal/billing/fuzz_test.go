package billing

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/money"
)

// Fuzzed entries are 11 bytes each: task index, start as seconds from three
// days before the month (so some fall in the months around it), duration
// in seconds minus one, urgency, flags.
const (
	entryBytes  = 11
	startBefore = 3 * 24 * 3600
	startSpan   = 37 * 24 * 3600
	maxDuration = 48 * 3600
)

var fuzzUrgencies = [4]Urgency{"", Normal, Urgent, Rush}

func encodeEntries(in Input) []byte {
	base := time.Date(in.Year, in.Month, 1, 0, 0, 0, 0, in.Zone).Add(-startBefore * time.Second)
	var out []byte
	for _, e := range in.Entries {
		start, secs := e.Start.Sub(base)/time.Second, e.End.Sub(e.Start)/time.Second
		if start < 0 || start >= startSpan || secs < 1 || secs > maxDuration {
			continue // does not fit the encoding; the table tests it as is
		}
		task := 0
		for i, t := range in.Tasks {
			if t.ID == e.TaskID {
				task = i
			}
		}
		u := 0
		for i, level := range fuzzUrgencies {
			if level == e.Urgency {
				u = i
			}
		}
		var flags byte
		if e.NonBillable {
			flags = 1
		}
		out = append(out, byte(task))
		out = binary.BigEndian.AppendUint32(out, uint32(start))
		out = binary.BigEndian.AppendUint32(out, uint32(secs-1))
		out = append(out, byte(u), flags)
	}
	return out
}

func decodeEntries(data []byte, in Input) []Entry {
	base := time.Date(in.Year, in.Month, 1, 0, 0, 0, 0, in.Zone).Add(-startBefore * time.Second)
	var es []Entry
	for i := 0; len(data) >= entryBytes; i, data = i+1, data[entryBytes:] {
		start := base.Add(time.Duration(binary.BigEndian.Uint32(data[1:])%startSpan) * time.Second)
		secs := 1 + binary.BigEndian.Uint32(data[5:])%maxDuration
		es = append(es, Entry{
			ID:          int64(i + 1),
			TaskID:      in.Tasks[int(data[0])%len(in.Tasks)].ID,
			Start:       start,
			End:         start.Add(time.Duration(secs) * time.Second),
			Urgency:     fuzzUrgencies[data[9]%4],
			NonBillable: data[10]&1 == 1,
		})
	}
	return es
}

// fuzzBases are the valid inputs of the table, each with at least one task.
func fuzzBases() []Input {
	var bases []Input
	for _, c := range engineCases {
		in := october(c.in)
		if len(in.Tasks) == 0 {
			continue
		}
		if _, err := Compute(in); err != nil && !errors.Is(err, ErrNothingToInvoice) {
			continue
		}
		bases = append(bases, in)
	}
	return bases
}

func FuzzCompute(f *testing.F) {
	bases := fuzzBases()
	for i, in := range bases {
		f.Add(uint8(i), encodeEntries(in), uint64(i))
	}
	f.Fuzz(func(t *testing.T, which uint8, data []byte, seed uint64) {
		in := bases[int(which)%len(bases)]
		in.Entries = decodeEntries(data, in)
		got, err := Compute(in)
		if err != nil && !errors.Is(err, ErrNothingToInvoice) {
			t.Fatalf("valid input refused: %v", err)
		}
		if err == nil {
			checkInvariants(t, in, got)
		}

		// Neither entry nor task order may change a thing.
		shuffled := in
		shuffled.Entries = append([]Entry(nil), in.Entries...)
		shuffled.Tasks = append([]Task(nil), in.Tasks...)
		r := rand.New(rand.NewPCG(seed, uint64(len(data))))
		r.Shuffle(len(shuffled.Entries), func(i, j int) {
			shuffled.Entries[i], shuffled.Entries[j] = shuffled.Entries[j], shuffled.Entries[i]
		})
		r.Shuffle(len(shuffled.Tasks), func(i, j int) {
			shuffled.Tasks[i], shuffled.Tasks[j] = shuffled.Tasks[j], shuffled.Tasks[i]
		})
		again, err2 := Compute(shuffled)
		if (err == nil) != (err2 == nil) {
			t.Fatalf("shuffled input: err %v, in order: err %v", err2, err)
		}
		if a, b := render(got), render(again); a != b {
			t.Fatalf("shuffled input gives another invoice:\n%s\nin order:\n%s", b, a)
		}
	})
}

func checkInvariants(t *testing.T, in Input, inv Invoice) {
	t.Helper()
	digits, err := money.Digits(inv.Currency)
	if err != nil {
		t.Fatal(err)
	}
	exact := func(what string, v decimal.Decimal) {
		t.Helper()
		s := v.StringFixed(digits)
		if !v.Equal(money.Round(v, digits)) || !decimal.RequireFromString(s).Equal(v) || money.Fixed(v, inv.Currency) != s {
			t.Errorf("%s %s has not exactly %d decimals", what, v, digits)
		}
	}
	sum := decimal.Zero
	for _, l := range inv.Lines {
		exact(string(l.Kind)+" unit price", l.UnitPrice)
		exact(string(l.Kind)+" amount", l.Amount)
		if l.Kind != LineRetainer && l.Kind != LineFixed && !l.Amount.Equal(money.Round(l.Quantity.Mul(l.UnitPrice), digits)) {
			t.Errorf("%s line %s: amount %s is not round(%s × %s)", l.Kind, l.Task, l.Amount, l.Quantity, l.UnitPrice)
		}
		sum = sum.Add(l.Amount)
	}
	exact("subtotal", inv.Subtotal)
	if !inv.Subtotal.Equal(sum) {
		t.Errorf("subtotal %s, Σ line amounts %s", inv.Subtotal, sum)
	}
	total := inv.Subtotal
	for _, tax := range inv.Taxes {
		exact("tax "+tax.Name, tax.Amount)
		total = total.Add(tax.Amount)
	}
	exact("total", inv.Total)
	if !inv.Total.Equal(total) {
		t.Errorf("total %s, subtotal + Σ taxes %s", inv.Total, total)
	}
	if u := inv.Retainer; u != nil {
		q := decimal.Zero
		for _, row := range inv.TimeSummary {
			q = q.Add(row.Hours)
		}
		if !u.Used.Add(u.Overage).Equal(q) || u.Used.GreaterThan(u.Available) || u.CarryOut.GreaterThan(in.Terms.Retainer.RolloverCap) {
			t.Errorf("retainer use %+v does not add up to %s hours worked", *u, q)
		}
	}
}

// render writes every field of an invoice, so two renders are equal only if
// the invoices are.
func render(inv Invoice) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %s sub %s total %s note %q\n", inv.Currency, inv.PeriodStart, inv.PeriodEnd, inv.Subtotal, inv.Total, inv.Note)
	for _, l := range inv.Lines {
		fmt.Fprintf(&b, "%s %d %q %q %s %s %s %s %s\n", l.Kind, l.TaskID, l.Task, l.Description, l.Quantity, l.UnitPrice, l.Amount, l.Urgency, l.Multiplier)
	}
	for _, tax := range inv.Taxes {
		fmt.Fprintf(&b, "tax %s %s %s\n", tax.Name, tax.Pct, tax.Amount)
	}
	if u := inv.Retainer; u != nil {
		fmt.Fprintf(&b, "retainer %s %s %s %s %s %s\n", u.Included, u.CarryIn, u.Available, u.Used, u.Overage, u.CarryOut)
	}
	for _, row := range inv.TimeSummary {
		fmt.Fprintf(&b, "time %d %q %s\n", row.TaskID, row.Task, row.Hours)
	}
	fmt.Fprintf(&b, "entries %v fixed %v\n", inv.EntryIDs, inv.FixedTaskIDs)
	return b.String()
}
