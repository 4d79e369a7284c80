// Package ui is the Horas window: Fyne screens over the internal services.
// It creates no app, so tests run it with fyne.io/fyne/v2/test and no display.
package ui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"github.com/horasapp/horas/internal/tracking"
	"github.com/horasapp/horas/invoice"
)

const (
	tickEvery = time.Second
	// pollTicks is how many ticks pass between reads of the database, which
	// bring in a timer started by `horas start` in another process.
	pollTicks = 3
)

// Services are what the screens work with.
type Services struct {
	Tracking *tracking.Service
	Invoices *invoice.Service
}

// Create builds the main window content and starts its one-second ticker;
// stop it with the returned func (or when the window closes). It sets the
// window title, and its OnClosed to stop.
func Create(a fyne.App, w fyne.Window, s Services) (content fyne.CanvasObject, stop func()) {
	tr := newTrack(w, s)
	content = tabs(w, s, tr)
	tr.reload()
	stop = startTicker(tr, tickEvery, pollTicks)
	w.SetOnClosed(stop)
	return content, stop
}

// startTicker ticks t every interval from its own goroutine, reading the
// database every pollEvery ticks. Widgets change only inside fyne.Do. The
// returned func stops it, waits for the goroutine to end and may be called
// more than once.
func startTicker(t *track, every time.Duration, pollEvery int) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tk := time.NewTicker(every)
		defer tk.Stop()
		for n := 1; ; n++ {
			select {
			case <-done:
				return
			case <-tk.C:
			}
			if n%pollEvery == 0 {
				t.poll()
			} else {
				fyne.Do(t.tick)
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			close(done)
			wg.Wait()
		})
	}
}
