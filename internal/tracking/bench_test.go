package tracking_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/store"
	"github.com/horasapp/horas/internal/tracking"
)

// BenchmarkTimerSwitch is one click on another task: stop the running entry
// and start the next in one IMMEDIATE transaction, committed with
// synchronous=FULL. Compare with BenchmarkPlainInsert on the same database.
func BenchmarkTimerSwitch(b *testing.B) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "h.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	svc := tracking.New(db, func() time.Time { return at }, time.UTC)
	if _, err := svc.AddClient(ctx, tracking.NewClient("Acme", "EUR", dec("40"))); err != nil {
		b.Fatal(err)
	}
	var ids [2]int64
	for i, name := range []string{"Inbox", "Calendar"} {
		t, err := svc.AddTask(ctx, "Acme", tracking.Task{Task: billing.Task{Name: name}})
		if err != nil {
			b.Fatal(err)
		}
		ids[i] = t.ID
	}
	b.ResetTimer()
	for i := range b.N {
		at = at.Add(time.Minute)
		if _, _, err := svc.Start(ctx, ids[i%2], at); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlainInsert is the baseline: one INSERT committed on its own, on
// a database opened the same way.
func BenchmarkPlainInsert(b *testing.B) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "h.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	b.ResetTimer()
	for i := range b.N {
		if _, err := db.Writer().ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, 'x')`, i); err != nil {
			b.Fatal(err)
		}
	}
}
