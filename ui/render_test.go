package ui

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// sample is a VA's ordinary Tuesday at 14:05 in Madrid: three clients,
// a morning of entries and a timer running since 13:42.
func sample(f *fixture) {
	f.t.Helper()
	f.client("Acme Ltd", "EUR", "45", "Europe/Madrid")
	f.client("Sunrise Realty", "USD", "32.50", "America/New_York")
	f.client("Koala Studio", "AUD", "60", "Australia/Sydney")
	inbox := f.task("Acme Ltd", "Inbox")
	books := f.task("Acme Ltd", "Bookkeeping")
	f.task("Acme Ltd", "Social media")
	listings := f.task("Sunrise Realty", "Listings")
	f.task("Sunrise Realty", "Calendar")
	f.task("Sunrise Realty", "Client emails")
	design := f.task("Koala Studio", "Newsletter")
	f.task("Koala Studio", "Invoices chase")
	f.entry(inbox, f.at("08:30"), f.at("09:15"))
	f.entry(books, f.at("09:15"), f.at("10:40"))
	f.entry(design, f.at("10:50"), f.at("11:35"))
	f.entry(listings, f.at("11:35"), f.at("12:50"))
	f.entry(inbox, f.at("13:05"), f.at("13:35"))
	if _, _, err := f.svc.Start(ctx, inbox.ID, f.at("13:42").Add(-7*time.Second)); err != nil {
		f.t.Fatal(err)
	}
}

// variant pins the default theme to light or dark: the test app has neither.
type variant struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (t variant) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.v)
}

// shotTheme applies the default theme when HORAS_SHOT asks for pictures to
// look at (HORAS_SHOT_DARK=1: dark); otherwise the test theme stays.
func shotTheme() string {
	shot := os.Getenv("HORAS_SHOT")
	if shot != "" {
		v := theme.VariantLight
		if os.Getenv("HORAS_SHOT_DARK") != "" {
			v = theme.VariantDark
		}
		fyne.CurrentApp().Settings().SetTheme(variant{theme.DefaultTheme(), v})
	}
	return shot
}

// capture lays the window out, checks that it drew something at the size
// cmd/horas gives it and writes a PNG to a temporary directory, and to
// path when it is not empty.
func capture(t *testing.T, w fyne.Window, path string) {
	t.Helper()
	settle(w)
	img := w.Canvas().Capture()
	if b := img.Bounds(); b.Dx() != 1000 || b.Dy() != 680 {
		t.Fatalf("captured %v, want 1000×680", b)
	}
	if n := colours(img); n < 50 {
		t.Fatalf("only %d colours: the window looks blank", n)
	}
	for _, p := range []string{filepath.Join(t.TempDir(), "track.png"), path} {
		if p == "" {
			continue
		}
		if err := writePNG(p, img); err != nil {
			t.Fatal(err)
		}
	}
}

// TestRenderWindow draws the screen of a working day. HORAS_SHOT=/path.png
// also writes it there, and the other states beside it, to look at.
func TestRenderWindow(t *testing.T) {
	f := newFixture(t)
	shot := shotTheme()
	sample(f)
	tr := f.build()
	if got := f.w.Title(); got != "Horas — Inbox (Acme Ltd) 0:23:07" {
		t.Fatalf("title %q", got)
	}
	if got := tr.dayTotal.Text; got != "5:03" {
		t.Fatalf("day total %q, want 5:03", got)
	}
	capture(t, f.w, shot)
}

func TestRenderStates(t *testing.T) {
	tests := []struct {
		name  string
		setup func(f *fixture, tr *track)
	}{
		{"Empty", nil},
		{"Idle", func(f *fixture, tr *track) {
			sample(f)
			tr.reload()
			f.advance(time.Minute)
			test.Tap(tr.stop)
		}},
		{"ClientRefused", func(f *fixture, tr *track) {
			test.Tap(tr.addClient)
			tr.clientDlg.name.SetText("Acme Ltd")
			tr.clientDlg.currency.SetText("EUX")
			tr.clientDlg.rate.SetText("45")
			test.Tap(tr.clientDlg.submit)
		}},
		{"NewTask", func(f *fixture, tr *track) {
			sample(f)
			tr.reload()
			tr.showTaskDialog(0)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			shot := shotTheme()
			if shot != "" {
				shot = strings.TrimSuffix(shot, ".png") + "-" + strings.ToLower(tt.name) + ".png"
			}
			tr := f.build()
			if tt.setup != nil {
				tt.setup(f, tr)
			}
			capture(t, f.w, shot)
		})
	}
}

// settle lays the window out again until sizes stop changing, as the real
// driver does on every frame; the test canvas lays out only when told.
func settle(w fyne.Window) {
	for range 3 {
		w.Content().Refresh()
	}
}

func colours(img image.Image) int {
	seen := map[color.RGBA]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), uint8(a >> 8)}] = true
		}
	}
	return len(seen)
}

func writePNG(path string, img image.Image) error {
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(out, img); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
