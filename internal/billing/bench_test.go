package billing

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// monthOf10k is a busy October: 10,000 entries over 40 tasks of every kind
// and level, a few in the months around it.
func monthOf10k() Input {
	t := terms("EUR", "32.50")
	t.Rounding = Rounding{6, RoundUp}
	t.Taxes = []Tax{{"IVA", dec("21")}, {"IRPF", dec("-15")}}
	in := october(Input{Terms: t})
	kinds := []Kind{Hourly, Hourly, Hourly, Fixed, NonBillable}
	levels := []Urgency{"", Normal, Urgent, Rush}
	for i := range 40 {
		task := Task{ID: int64(i + 1), Name: fmt.Sprintf("Task %02d", i), Kind: kinds[i%len(kinds)], Urgency: levels[i%len(levels)]}
		switch {
		case task.Kind == Fixed:
			task.Price = dec("120")
			task.DoneAt = at("2026-10-15T12:00:00+02:00")
		case i%3 == 0:
			task.Rate = decimal.NewNullDecimal(dec("41.25"))
		}
		in.Tasks = append(in.Tasks, task)
	}
	r := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2026, time.September, 30, 20, 0, 0, 0, madrid)
	for i := range 10_000 {
		from := start.Add(time.Duration(r.IntN(32*24*3600)) * time.Second)
		in.Entries = append(in.Entries, Entry{
			ID:          int64(i + 1),
			TaskID:      int64(r.IntN(len(in.Tasks)) + 1),
			Start:       from,
			End:         from.Add(time.Duration(60+r.IntN(4*3600)) * time.Second),
			Urgency:     levels[r.IntN(len(levels))],
			NonBillable: r.IntN(20) == 0,
		})
	}
	return in
}

func BenchmarkComputeMonth10k(b *testing.B) {
	in := monthOf10k()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compute(in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSumDurations10k is the floor: only adding up the same entries' durations.
func BenchmarkSumDurations10k(b *testing.B) {
	in := monthOf10k()
	b.ReportAllocs()
	var total time.Duration
	for b.Loop() {
		total = 0
		for _, e := range in.Entries {
			total += e.End.Sub(e.Start)
		}
	}
	if total <= 0 {
		b.Fatal("no time summed")
	}
}
