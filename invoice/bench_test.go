package invoice

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/store"
	"github.com/horasapp/horas/internal/tracking"
)

// benchIssueAndRender issues a month of lines hourly tasks (one entry each)
// for a new client and renders its PDF: the whole "month end" of one client.
// Compare with BenchmarkEmptyPage, fpdf alone with the same fonts.
func benchIssueAndRender(b *testing.B, lines int) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "h.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2026, 11, 2, 10, 0, 0, 0, madrid)
	clock := func() time.Time { return now }
	tr := tracking.New(db, clock, madrid)
	inv := New(tr, clock)
	if err := inv.SaveProfile(ctx, Profile{Name: "Lucía", Address: "Calle Mayor 1", TaxID: "12345678Z"}); err != nil {
		b.Fatal(err)
	}
	start := time.Date(2026, 10, 1, 0, 0, 0, 0, madrid)
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		c := tracking.NewClient(fmt.Sprintf("Client %d", i), "EUR", dec("40"))
		c.Address = "Gran Vía 2"
		c.Taxes = []billing.Tax{{Name: "IVA", Pct: dec("21")}}
		c, err := tr.AddClient(ctx, c)
		if err != nil {
			b.Fatal(err)
		}
		for l := range lines {
			t, err := tr.AddTask(ctx, c.Name, tracking.Task{Task: billing.Task{Name: fmt.Sprintf("Task %03d", l)}})
			if err != nil {
				b.Fatal(err)
			}
			from := start.Add(time.Duration(i*lines+l) * 2 * time.Minute)
			if _, err := tr.AddEntry(ctx, tracking.Entry{TaskID: t.ID, Start: from, End: from.Add(time.Minute)}); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		num, err := inv.Create(ctx, c.ID, 2026, time.October, DateOf(now))
		if err != nil {
			b.Fatal(err)
		}
		r, err := inv.Get(ctx, num)
		if err != nil {
			b.Fatal(err)
		}
		if err := Render(io.Discard, r.Doc, r.Balance()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkIssueAndRender1Page(b *testing.B)    { benchIssueAndRender(b, 3) }
func BenchmarkIssueAndRender500Lines(b *testing.B) { benchIssueAndRender(b, 500) }
