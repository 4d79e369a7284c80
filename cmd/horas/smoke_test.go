//go:build smoke

package main

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestSmokeWindow opens the real window under an X server (make smoke runs it
// in Xvfb), checks its title follows the running timer, saves a screenshot
// and prints its path, clicks a task and checks the timer moved to it, and
// checks that a second window on the same database is refused.
func TestSmokeWindow(t *testing.T) {
	bin := os.Getenv("HORAS_BIN")
	if bin == "" || os.Getenv("DISPLAY") == "" {
		t.Fatal("run through `make smoke`: it needs HORAS_BIN and an X display")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "horas.db")
	cli := func(args ...string) {
		t.Helper()
		out, err := exec.Command(bin, append([]string{"--db", db}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("horas %v: %v\n%s", args, err, out)
		}
	}
	today := time.Now().Format("2006-01-02")
	cli("client", "add", "Acme Ltd", "--currency", "EUR", "--rate", "40", "--tz", "Europe/Madrid", "--lang", "es", "--country", "ES")
	cli("client", "add", "Sunrise Realty", "--currency", "USD", "--rate", "35", "--tz", "America/New_York")
	cli("client", "add", "Koala Studio", "--currency", "AUD", "--rate", "55", "--tz", "Australia/Sydney")
	for _, ct := range [][2]string{{"Acme Ltd", "Inbox"}, {"Acme Ltd", "Bookkeeping"}, {"Acme Ltd", "Social media"},
		{"Sunrise Realty", "Listings"}, {"Sunrise Realty", "Calendar"}, {"Koala Studio", "Newsletter"}} {
		cli("task", "add", ct[0], ct[1])
	}
	cli("entry", "add", "Acme Ltd", "Inbox", "--from", today+" 00:05", "--to", today+" 00:50")
	cli("entry", "add", "Sunrise Realty", "Listings", "--from", today+" 01:00", "--to", today+" 02:15")
	cli("start", "Acme Ltd", "Bookkeeping", "--at", time.Now().Add(-5*time.Minute).Format(time.RFC3339))

	app := exec.Command(bin, "--db", db)
	app.Env = append(os.Environ(), "HOME="+dir, "LANG=en_US.UTF-8")
	var appErr syncBuffer
	app.Stderr = &appErr
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { app.Process.Kill(); app.Wait() }()

	title := waitTitle(t, "Bookkeeping", 60*time.Second)
	if !strings.Contains(title, "Acme Ltd") || !strings.Contains(title, "0:0") {
		t.Errorf("title %q does not show the running task with its elapsed time", title)
	}
	time.Sleep(2 * time.Second) // let the first frames paint

	shotDir := os.Getenv("HORAS_SHOT_DIR")
	if shotDir == "" {
		shotDir = os.TempDir()
	}
	shot := filepath.Join(shotDir, "horas-smoke-"+time.Now().Format("20060102-150405")+".png")
	if out, err := exec.Command("import", "-window", "root", shot).CombinedOutput(); err != nil {
		t.Fatalf("screenshot: %v\n%s", err, out)
	}
	checkNotBlank(t, shot)
	t.Logf("screenshot: %s", shot)
	os.Stdout.WriteString("screenshot: " + shot + "\n")

	// A real click on Acme Ltd's "Inbox" button (the first client card's
	// second task, where the layout puts it at 1000×680) switches the timer.
	if out, err := exec.Command("xdotool", "mousemove", "190", "286", "click", "1").CombinedOutput(); err != nil {
		t.Fatalf("click: %v\n%s", err, out)
	}
	title = waitTitle(t, "Inbox", 15*time.Second)
	status, err := exec.Command(bin, "--db", db, "status", "--json").Output()
	if err != nil || !strings.Contains(string(status), `"task": "Inbox"`) {
		t.Fatalf("after clicking Inbox the window title is %q and status says %s (%v)", title, status, err)
	}

	// A second window on the same file is told so and does not open the database.
	second := exec.Command(bin, "--db", db)
	second.Env = app.Env
	var secondErr syncBuffer
	second.Stderr = &secondErr
	if err := second.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { second.Process.Kill(); second.Wait() }()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(secondErr.String(), "already open") {
		if time.Now().After(deadline) {
			t.Fatalf("second window said %q, want it to name the open window", secondErr.String())
		}
		time.Sleep(200 * time.Millisecond)
	}
	if appErr.Len() > 0 && strings.Contains(appErr.String(), "panic") {
		t.Fatalf("the app panicked:\n%s", appErr.String())
	}
}

// waitTitle waits for a window whose name contains want and returns the name.
func waitTitle(t *testing.T, want string, limit time.Duration) string {
	t.Helper()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		out, _ := exec.Command("xdotool", "search", "--name", want, "getwindowname").Output()
		if name := strings.TrimSpace(string(out)); name != "" {
			return strings.Split(name, "\n")[0]
		}
		time.Sleep(300 * time.Millisecond)
	}
	t.Fatalf("no window titled %q within %s", want, limit)
	return ""
}

// checkNotBlank fails on a screenshot of one flat colour (no window drawn).
func checkNotBlank(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	colours := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 4 {
		for x := b.Min.X; x < b.Max.X; x += 4 {
			r, g, bl, a := img.At(x, y).RGBA()
			colours[[4]uint32{r, g, bl, a}] = true
		}
	}
	if len(colours) < 20 {
		t.Fatalf("screenshot %s has %d colours: the window did not draw", path, len(colours))
	}
}

// syncBuffer collects a child's stderr while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func (s *syncBuffer) Len() int { return len(s.String()) }
