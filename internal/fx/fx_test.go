package fx

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/inputerr"
	"github.com/horasapp/horas/internal/store"
)

func openService(t *testing.T) (*Service, *store.DB) {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "h.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return New(db), db
}

func importFile(t *testing.T, s *Service, name string) (int, error) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return s.ImportECB(context.Background(), f)
}

func day(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }

func TestImportECBAndConvert(t *testing.T) {
	s, _ := openService(t)
	n, err := importFile(t, s, "eurofxref-hist.csv")
	if err != nil {
		t.Fatal(err)
	}
	if n != 12 { // 3 days × USD, JPY, BGN, GBP; CYP is N/A
		t.Fatalf("imported %d rates", n)
	}
	ctx := context.Background()
	tests := []struct {
		name     string
		amount   string
		from, to string
		day      string
		want     string
		ok       bool
	}{
		{"SameCurrency", "10.00", "EUR", "EUR", "2026-11-20", "10", true},
		{"EURToUSDExactDay", "100", "EUR", "USD", "2026-11-20", "105.23", true},
		{"WeekendTakesFriday", "100", "EUR", "USD", "2026-11-22", "105.23", true},
		{"GapTakesEarlierDay", "100", "EUR", "USD", "2026-11-18", "104.55", true},
		{"USDToEURInverse", "105.23", "USD", "EUR", "2026-11-20", "100.00", true},
		{"CrossGBPToJPY", "100", "GBP", "JPY", "2026-11-20", "19487", true},
		{"BeforeFirstRate", "100", "EUR", "USD", "2026-11-01", "0", false},
		{"NoRateForCurrency", "100", "CHF", "EUR", "2026-11-20", "0", false},
		{"DiscontinuedCYP", "100", "CYP", "EUR", "2026-11-20", "0", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok, err := s.Convert(ctx, decimal.RequireFromString(tc.amount), tc.from, tc.to, day(tc.day))
			if err != nil {
				t.Fatal(err)
			}
			if ok != tc.ok || (ok && !got.Equal(decimal.RequireFromString(tc.want))) {
				t.Fatalf("got %s %v, want %s %v", got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestImportECBBadRowsImportNothing(t *testing.T) {
	tests := []struct {
		file string
		want string
	}{
		{"bad-value.csv", "line 3: JPY rate \"abc\""},
		{"bad-date.csv", "line 3: date \"19/11/2026\""},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			s, db := openService(t)
			_, err := importFile(t, s, tc.file)
			if !inputerr.Is(err) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err %v, want %q", err, tc.want)
			}
			var n int
			db.Reader().QueryRow("SELECT count(*) FROM rates").Scan(&n)
			if n != 0 {
				t.Fatalf("%d rates stored from a bad file", n)
			}
		})
	}
	s, _ := openService(t)
	if _, err := s.ImportECB(context.Background(), strings.NewReader("Name,Value\nx,1\n")); !inputerr.Is(err) {
		t.Fatalf("foreign file: %v", err)
	}
}

func TestManualRateWins(t *testing.T) {
	s, _ := openService(t)
	ctx := context.Background()
	if err := s.Set(ctx, "usd", "EUR", day("2026-11-10"), decimal.RequireFromString("0.95")); err != nil {
		t.Fatal(err)
	}
	got, ok, _ := s.Convert(ctx, decimal.RequireFromString("200"), "USD", "EUR", day("2026-11-15"))
	if !ok || !got.Equal(decimal.RequireFromString("190")) {
		t.Fatalf("got %s %v", got, ok)
	}
	for _, bad := range []struct{ cur, home, rate string }{{"XYZ", "EUR", "1"}, {"USD", "EUR", "0"}, {"EUR", "EUR", "1"}} {
		if err := s.Set(ctx, bad.cur, bad.home, day("2026-11-10"), decimal.RequireFromString(bad.rate)); !inputerr.Is(err) {
			t.Errorf("Set(%v) = %v", bad, err)
		}
	}
}
