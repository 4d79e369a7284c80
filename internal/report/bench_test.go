package report

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/horasapp/horas/internal/demo"
	"github.com/horasapp/horas/internal/store"
	"github.com/horasapp/horas/internal/tracking"
)

const (
	benchEntries = 1_000_000
	benchSeed    = 1
)

var (
	benchOnce sync.Once
	benchPath string
	benchErr  error
	benchEnd  = time.Date(2026, 11, 20, 17, 0, 0, 0, madrid)
)

// benchDB is a demo database of a million entries (back to 1593: a VA logs
// about ten a day), made once and kept in the temp directory, named by size,
// seed and schema, so later runs reuse it; delete it after changing the
// generator.
func benchDB(b *testing.B) (*store.DB, *Service) {
	b.Helper()
	benchOnce.Do(func() {
		benchPath = filepath.Join(os.TempDir(), fmt.Sprintf("horas-bench-%d-seed%d-v%d.db", benchEntries, benchSeed, store.LatestVersion()))
		if _, err := os.Stat(benchPath); err == nil {
			return
		}
		tmp := benchPath + ".part"
		os.Remove(tmp)
		db, err := store.Open(context.Background(), tmp, store.Options{})
		if err != nil {
			benchErr = err
			return
		}
		began := time.Now()
		tr := tracking.New(db, func() time.Time { return benchEnd }, madrid)
		_, benchErr = demo.Generate(context.Background(), tr, demo.Options{Entries: benchEntries, Seed: benchSeed, End: benchEnd})
		if err := db.Close(); benchErr == nil {
			benchErr = err
		}
		if benchErr == nil {
			b.Logf("made %d entries in %s: %s", benchEntries, time.Since(began).Round(time.Millisecond), benchPath)
			benchErr = os.Rename(tmp, benchPath)
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	db, err := store.Open(context.Background(), benchPath, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	clock := func() time.Time { return benchEnd }
	return db, New(tracking.New(db, clock, madrid), clock)
}

func BenchmarkTimeReportMonth(b *testing.B) {
	db, s := benchDB(b)
	p := month(2026, time.November)
	b.ResetTimer()
	for b.Loop() {
		r, err := s.TimeReport(context.Background(), db.Reader(), p, 0, 0)
		if err != nil || len(r.Rows) == 0 {
			b.Fatal(err, len(r.Rows))
		}
	}
}

// BenchmarkTimeReportAllTime is hours, shares and billed amounts over every
// entry: the billed part prices every client-month (centuries of them here).
func BenchmarkTimeReportAllTime(b *testing.B) {
	db, s := benchDB(b)
	b.ResetTimer()
	for b.Loop() {
		r, err := s.TimeReport(context.Background(), db.Reader(), Period{}, 0, 0)
		if err != nil || r.Total.Seconds == 0 {
			b.Fatal(err)
		}
	}
}

// BenchmarkTaskTimesAllTime is the time alone: the SQL sum per task over
// the covering index.
func BenchmarkTaskTimesAllTime(b *testing.B) {
	db, s := benchDB(b)
	b.ResetTimer()
	for b.Loop() {
		ts, err := s.TaskTimes(context.Background(), db.Reader(), Period{}, 0)
		if err != nil || len(ts) == 0 {
			b.Fatal(err)
		}
	}
}

// naiveQueries are the plain ways to sum time per task, as a baseline
// measured on the same file in the same run.
var naiveQueries = []struct{ name, query string }{
	{"NotIndexed", `SELECT e.task_id, sum(e.end_at - e.start_at) FROM entries e NOT INDEXED
		JOIN tasks t ON t.id = e.task_id GROUP BY t.client_id, e.task_id`},
	{"StartIndex", `SELECT e.task_id, sum(e.end_at - e.start_at) FROM entries e INDEXED BY entries_start
		JOIN tasks t ON t.id = e.task_id WHERE e.start_at >= -9223372036854775808 GROUP BY t.client_id, e.task_id`},
}

func BenchmarkNaiveAllTime(b *testing.B) {
	db, _ := benchDB(b)
	for _, nq := range naiveQueries {
		b.Run(nq.name, func(b *testing.B) {
			for b.Loop() {
				rows, err := db.Reader().Query(nq.query)
				if err != nil {
					b.Fatal(err)
				}
				n := 0
				for rows.Next() {
					n++
				}
				rows.Close()
				if err := rows.Err(); err != nil || n == 0 {
					b.Fatal(err, n)
				}
			}
		})
	}
}
