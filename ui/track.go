package ui

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"reflect"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/money"
	"github.com/horasapp/horas/internal/tracking"
	"github.com/horasapp/horas/invoice"
)

// snapshot is what the Track screen shows, read from the database in one go.
// Two snapshots are compared whole, so a change made by the CLI in another
// process redraws the screen and an unchanged database redraws nothing.
type snapshot struct {
	day     time.Time // start of the VA's day that today holds
	clients []tracking.Client
	tasks   map[int64][]tracking.Task // open tasks by client id
	today   []tracking.Entry          // entries that start in day
	running *tracking.Entry
}

func loadSnapshot(ctx context.Context, svc *tracking.Service, now time.Time) (snapshot, error) {
	from, to := svc.Day(now)
	s := snapshot{day: from, tasks: map[int64][]tracking.Task{}}
	var err error
	if s.clients, err = svc.Clients(ctx, false); err != nil {
		return s, err
	}
	tasks, err := svc.Tasks(ctx, 0, false)
	if err != nil {
		return s, err
	}
	for _, t := range tasks {
		s.tasks[t.ClientID] = append(s.tasks[t.ClientID], t)
	}
	if s.today, err = svc.Entries(ctx, tracking.Filter{From: from, To: to}); err != nil {
		return s, err
	}
	s.running, err = svc.Running(ctx)
	return s, err
}

// clientClock is the local time shown beside a client's name.
type clientClock struct {
	label *muted
	loc   *time.Location
}

// track is the Track screen: the running timer on top, the clients with a
// button per open task on the left, today's entries on the right.
type track struct {
	w    fyne.Window
	svc  *tracking.Service
	inv  *invoice.Service
	snap snapshot
	// gen counts redraws, so a snapshot read in the background before a
	// click is not drawn over the newer state the click produced.
	gen atomic.Int64

	cardBg      *canvas.Rectangle
	runningFace *fyne.Container
	idleFace    *fyne.Container
	runTask     *canvas.Text
	runClient   *canvas.Text
	elapsed     *canvas.Text // "1:02:03", computed from the stored start
	idleHint    *muted
	stop        *widget.Button

	addClient   *widget.Button
	addTask     *widget.Button
	clientList  *fyne.Container
	taskButtons map[int64]*widget.Button
	clocks      []clientClock
	// The month's unbilled amount per client id, kept apart from the
	// snapshot: with a timer running it moves on every poll, and redrawing
	// the lists for it would make them flicker.
	unbilled       map[int64]string
	unbilledLabels map[int64]*widget.Label

	dayDate     *muted
	dayTotal    *widget.Label // "5:42"
	entryList   *fyne.Container
	runDuration *widget.Label // the running entry's row in today's list
	taskTotals  map[int64]*widget.Label
	taskClosed  map[int64]time.Duration // finished time per task today
	dayClosed   time.Duration
	runToday    bool // the running entry started today and counts in the totals

	// The dialogs last opened, for tests to fill in.
	clientDlg *clientDialog
	taskDlg   *taskDialog

	content fyne.CanvasObject
}

const (
	cardHeight  = 92
	elapsedSize = 34
)

func newTrack(w fyne.Window, s Services) *track {
	t := &track{w: w, svc: s.Tracking, inv: s.Invoices}

	t.cardBg = canvas.NewRectangle(color.Transparent)
	t.cardBg.CornerRadius = 2 * theme.InputRadiusSize()
	t.cardBg.SetMinSize(fyne.NewSize(0, cardHeight))
	t.runTask = canvas.NewText("", nil)
	t.runTask.TextStyle.Bold = true
	t.runTask.TextSize = theme.TextSubHeadingSize()
	t.runClient = canvas.NewText("", nil)
	t.elapsed = canvas.NewText("", nil)
	t.elapsed.TextStyle = fyne.TextStyle{Bold: true}
	t.elapsed.TextSize = elapsedSize
	t.stop = widget.NewButtonWithIcon("Stop", theme.MediaStopIcon(), t.stopTimer)
	t.runningFace = container.NewBorder(nil, nil,
		container.NewCenter(container.NewVBox(t.runTask, t.runClient)),
		container.NewHBox(container.NewCenter(t.elapsed), layout.NewSpacer(), container.NewCenter(t.stop)))

	idle := heading("No timer running — click a task to start")
	t.idleHint = newMuted("Time starts the moment you click, and switching tasks stops the last one at that same instant.")
	t.idleHint.Truncation = fyne.TextTruncateEllipsis // the window may be narrower than the hint
	t.idleFace = container.NewBorder(nil, nil,
		container.NewCenter(widget.NewIcon(theme.MediaPauseIcon())), nil,
		container.New(layout.NewCustomPaddedVBoxLayout(0), layout.NewSpacer(), idle, t.idleHint, layout.NewSpacer()))
	card := container.NewStack(t.cardBg,
		container.New(layout.NewCustomPaddedLayout(0, 0, 2*theme.Padding(), 3*theme.Padding()), t.runningFace, t.idleFace))

	t.addClient = widget.NewButtonWithIcon("Client", theme.ContentAddIcon(), t.showClientDialog)
	t.addTask = widget.NewButtonWithIcon("Task", theme.ContentAddIcon(), func() { t.showTaskDialog(0) })
	t.clientList = container.NewVBox()
	left := container.NewBorder(
		container.NewBorder(nil, nil, heading("Clients"), container.NewHBox(t.addClient, t.addTask)),
		nil, nil, nil,
		container.NewVScroll(t.clientList))

	t.dayDate = newMuted("")
	t.dayTotal = widget.NewLabel("")
	t.dayTotal.TextStyle = fyne.TextStyle{Bold: true}
	t.dayTotal.SizeName = theme.SizeNameSubHeadingText
	t.dayTotal.Alignment = fyne.TextAlignTrailing
	t.entryList = container.NewVBox()
	right := container.NewBorder(
		container.NewBorder(nil, nil, container.NewHBox(heading("Today"), container.NewCenter(t.dayDate)), t.dayTotal),
		nil, nil, nil,
		container.NewVScroll(t.entryList))

	split := container.NewHSplit(container.NewPadded(left), container.NewPadded(right))
	split.Offset = 0.56
	t.content = container.NewBorder(container.NewPadded(card), nil, nil, nil, split)
	return t
}

// reload reads everything again and redraws; errors go to a dialog.
func (t *track) reload() {
	now := t.svc.Now()
	s, err := loadSnapshot(context.Background(), t.svc, now)
	if err != nil {
		t.fail(err)
		return
	}
	t.unbilled = t.loadUnbilled(context.Background(), s.clients, now)
	t.apply(s)
}

// poll runs off the UI goroutine: it reads the database and hands the
// result to the UI goroutine, which redraws only when something changed.
func (t *track) poll() {
	gen := t.gen.Load()
	now := t.svc.Now()
	s, err := loadSnapshot(context.Background(), t.svc, now)
	var unbilled map[int64]string
	if err == nil {
		unbilled = t.loadUnbilled(context.Background(), s.clients, now)
	}
	fyne.Do(func() {
		switch {
		case err != nil:
			// Logged, not shown: a dialog every few seconds would bury the window.
			fyne.LogError("read the database", err)
		case gen == t.gen.Load():
			t.showUnbilled(unbilled)
			if !reflect.DeepEqual(s, t.snap) {
				t.apply(s)
				return
			}
		}
		t.tick()
	})
}

// noAmount stands for a month with nothing to invoice yet.
const noAmount = "—"

// loadUnbilled previews each client's invoice for the month of now (in the
// VA's zone) and formats its total as the client reads amounts. It only
// reads, so the poll may call it off the UI goroutine.
func (t *track) loadUnbilled(ctx context.Context, clients []tracking.Client, now time.Time) map[int64]string {
	if t.inv == nil {
		return nil
	}
	y, m, _ := now.In(t.svc.Zone).Date()
	u := make(map[int64]string, len(clients))
	for _, c := range clients {
		inv, err := t.inv.Preview(ctx, c.ID, y, m)
		switch {
		case errors.Is(err, billing.ErrNothingToInvoice):
			u[c.ID] = noAmount
		case err != nil:
			fyne.LogError("preview the month of "+c.Name, err)
			u[c.ID] = noAmount
		default:
			u[c.ID] = money.Format(money.Amount{Value: inv.Total, Currency: inv.Currency}, money.LocaleFor(c.Lang, c.Country))
		}
	}
	return u
}

// showUnbilled writes the amounts into the client cards in place.
func (t *track) showUnbilled(u map[int64]string) {
	t.unbilled = u
	for id, l := range t.unbilledLabels {
		l.SetText(t.unbilledText(id))
	}
}

func (t *track) unbilledText(clientID int64) string {
	if s, ok := t.unbilled[clientID]; ok {
		return s
	}
	return noAmount
}

func (t *track) fail(err error) {
	dialog.ShowError(err, t.w)
}

// apply redraws the clients and today's entries from s, then ticks.
func (t *track) apply(s snapshot) {
	t.gen.Add(1)
	old := t.snap
	t.snap = s
	if t.taskButtons != nil && reflect.DeepEqual(old.clients, s.clients) && reflect.DeepEqual(old.tasks, s.tasks) {
		// Only the timer moved: restyle the buttons in place, so the list
		// neither flickers nor loses its scroll position.
		for id, b := range t.taskButtons {
			styleTaskButton(b, s.running != nil && s.running.TaskID == id)
		}
	} else {
		t.drawClients()
	}
	t.drawToday()
	t.tick()
}

func (t *track) drawClients() {
	s := t.snap
	t.taskButtons = map[int64]*widget.Button{}
	t.unbilledLabels = map[int64]*widget.Label{}
	t.clocks = t.clocks[:0]
	// With no clients yet, adding one is the next step: make it stand out.
	t.addClient.Importance = widget.MediumImportance
	if len(s.clients) == 0 {
		t.addClient.Importance = widget.HighImportance
	}
	t.addClient.Refresh()
	if len(s.clients) == 0 {
		t.addTask.Disable()
		t.clientList.Objects = []fyne.CanvasObject{emptyState("No clients yet",
			"Add the people you work for with “+ Client”, then give each of them tasks.")}
		t.clientList.Refresh()
		return
	}
	t.addTask.Enable()
	objs := make([]fyne.CanvasObject, 0, len(s.clients))
	for _, c := range s.clients {
		objs = append(objs, t.clientCard(c, s.tasks[c.ID]))
	}
	t.clientList.Objects = objs
	t.clientList.Refresh()
}

// clientCard is a client's name, rate, local time and the month's unbilled
// amount over a button per open task.
func (t *track) clientCard(c tracking.Client, tasks []tracking.Task) fyne.CanvasObject {
	name := widget.NewLabel(c.Name)
	name.TextStyle.Bold = true
	name.Truncation = fyne.TextTruncateEllipsis
	rate := newMuted(clientRate(c))
	clk := newMuted(localTime(t.svc.Now(), c.Location(), t.svc.Zone))
	t.clocks = append(t.clocks, clientClock{label: clk, loc: c.Location()})
	id := c.ID
	add := widget.NewButtonWithIcon("", theme.ContentAddIcon(), func() { t.showTaskDialog(id) })
	add.Importance = widget.LowImportance
	head := container.NewBorder(nil, nil, nil,
		container.NewHBox(rate, widget.NewIcon(theme.HistoryIcon()), clk, add), name)
	amount := widget.NewLabel(t.unbilledText(id))
	amount.TextStyle.Bold = true
	t.unbilledLabels[id] = amount
	unbilled := container.New(layout.NewCustomPaddedHBoxLayout(0), newMuted("Unbilled this month"), amount)

	var body fyne.CanvasObject
	if len(tasks) == 0 {
		body = newMuted("No open tasks — add one with +")
	} else {
		buttons := make([]fyne.CanvasObject, 0, len(tasks))
		for _, task := range tasks {
			buttons = append(buttons, t.taskButton(task))
		}
		body = container.New(layout.NewRowWrapLayout(), buttons...)
	}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize()
	return container.NewStack(bg, container.NewPadded(container.NewVBox(container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), head, unbilled), body)))
}

func (t *track) taskButton(task tracking.Task) *widget.Button {
	id := task.ID
	b := widget.NewButton(task.Name, func() { t.startTask(id) })
	styleTaskButton(b, t.snap.running != nil && t.snap.running.TaskID == id)
	t.taskButtons[id] = b
	return b
}

// styleTaskButton marks the running task in the primary colour.
func styleTaskButton(b *widget.Button, running bool) {
	icon, imp := theme.MediaPlayIcon(), widget.MediumImportance
	if running {
		icon, imp = theme.MediaRecordIcon(), widget.HighImportance
	}
	if b.Icon != icon || b.Importance != imp {
		b.Icon, b.Importance = icon, imp
		b.Refresh()
	}
}

func (t *track) drawToday() {
	s := t.snap
	t.dayDate.SetText(s.day.Format("Mon 2 Jan"))
	t.taskTotals = map[int64]*widget.Label{}
	t.taskClosed = map[int64]time.Duration{}
	t.dayClosed, t.runToday, t.runDuration = 0, false, nil
	if len(s.today) == 0 {
		t.entryList.Objects = []fyne.CanvasObject{emptyState("Nothing tracked today",
			"Click a task on the left to start its timer.")}
		t.entryList.Refresh()
		return
	}
	objs := make([]fyne.CanvasObject, 0, 2*len(s.today)+2)
	var order []tracking.Entry // first entry of each task, in the order worked on
	for _, e := range s.today {
		if _, seen := t.taskClosed[e.TaskID]; !seen {
			order = append(order, e)
			t.taskClosed[e.TaskID] = 0
		}
		dur := durationLabel()
		if e.Running() {
			t.runToday, t.runDuration = true, dur
		} else {
			d := e.Duration(e.End)
			dur.SetText(clock(d))
			t.taskClosed[e.TaskID] += d
			t.dayClosed += d
		}
		objs = append(objs, t.entryRow(e, dur))
	}
	objs = append(objs, widget.NewSeparator(), heading("By task"))
	for _, e := range order {
		total := durationLabel()
		t.taskTotals[e.TaskID] = total
		name := widget.NewLabel(e.Client + " / " + e.Task)
		name.Truncation = fyne.TextTruncateEllipsis
		objs = append(objs, container.NewBorder(nil, nil, nil, total, name))
	}
	t.entryList.Objects = objs
	t.entryList.Refresh()
}

func durationLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Alignment = fyne.TextAlignTrailing
	return l
}

// entryRow is one line of today's list: span, client / task, duration.
func (t *track) entryRow(e tracking.Entry, dur *widget.Label) fyne.CanvasObject {
	when := newMuted(span(e.Start, e.End, t.svc.Zone))
	name := widget.NewLabel(e.Client + " / " + e.Task)
	name.Truncation = fyne.TextTruncateEllipsis
	row := container.NewBorder(nil, nil, when, dur, name)
	if !e.Running() {
		return row
	}
	name.TextStyle.Bold = true
	dur.TextStyle.Bold = true
	bg := canvas.NewRectangle(withAlpha(theme.Color(theme.ColorNamePrimary), 0x30))
	bg.CornerRadius = theme.InputRadiusSize()
	return container.NewStack(bg, row)
}

func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: a}
}

// tick updates everything that moves with the clock: the elapsed time, the
// title, the clients' local times and today's totals. Every figure comes
// from stored instants and the service clock, never from a counter.
func (t *track) tick() {
	now := t.svc.Now()
	if day, _ := t.svc.Day(now); !day.Equal(t.snap.day) {
		// Midnight: today is another day. A failed read is logged, not shown,
		// or the ticker would open a dialog every second.
		s, err := loadSnapshot(context.Background(), t.svc, now)
		if err == nil {
			t.apply(s)
			return
		}
		fyne.LogError("read the new day", err)
	}
	t.drawCard(now)
	for _, c := range t.clocks {
		c.label.SetText(localTime(now, c.loc, t.svc.Zone))
	}
	run := t.snap.running
	var d time.Duration
	if run != nil {
		d = run.Duration(now)
	}
	total := t.dayClosed
	if t.runToday {
		total += d
		t.runDuration.SetText(clock(d))
	}
	for id, l := range t.taskTotals {
		sum := t.taskClosed[id]
		if t.runToday && run.TaskID == id {
			sum += d
		}
		l.SetText(clock(sum))
	}
	t.dayTotal.SetText(hm(total))
	if run == nil {
		t.w.SetTitle("Horas")
	} else {
		t.w.SetTitle(fmt.Sprintf("Horas — %s (%s) %s", run.Task, run.Client, clock(d)))
	}
}

// drawCard shows the running timer, or the idle state, in theme colours.
func (t *track) drawCard(now time.Time) {
	run := t.snap.running
	if run == nil {
		t.runningFace.Hide()
		t.idleFace.Show()
		t.cardBg.FillColor = theme.Color(theme.ColorNameInputBackground)
		t.cardBg.Refresh()
		return
	}
	t.idleFace.Hide()
	t.runningFace.Show()
	on := theme.Color(theme.ColorNameForegroundOnPrimary)
	t.cardBg.FillColor = theme.Color(theme.ColorNamePrimary)
	t.runTask.Text, t.runTask.Color = run.Task, on
	since := run.Start.In(t.svc.Zone).Format("15:04")
	if run.Start.Before(t.snap.day) {
		since = run.Start.In(t.svc.Zone).Format("Mon 15:04") // still running from an earlier day
	}
	t.runClient.Text, t.runClient.Color = run.Client+" · since "+since, on
	t.elapsed.Text, t.elapsed.Color = clock(run.Duration(now)), on
	t.cardBg.Refresh()
	t.runTask.Refresh()
	t.runClient.Refresh()
	t.elapsed.Refresh()
}

// clientRate is a client's hourly rate as the client reads amounts: "€45.00/h".
func clientRate(c tracking.Client) string {
	return money.Format(money.Amount{Value: c.Rate, Currency: c.Currency}, money.LocaleFor(c.Lang, c.Country)) + "/h"
}

// startTask starts the timer on a task now, stopping the running one at the
// same instant. A switch within the same second as the last start moves that
// start to the new task instead: the click before was a slip, not work.
func (t *track) startTask(id int64) {
	ctx := context.Background()
	now := t.svc.Now()
	run, err := t.svc.Running(ctx)
	if err != nil {
		t.fail(err)
		return
	}
	if run != nil && run.TaskID != id && !now.After(run.Start) {
		run.TaskID = id
		err = t.svc.EditEntry(ctx, *run)
	} else {
		_, _, err = t.svc.Start(ctx, id, now)
	}
	if err != nil {
		t.fail(err)
	}
	t.reload()
}

// stopTimer stops the running timer now. A timer stopped in the second it
// started holds no time, so it is removed rather than refused.
func (t *track) stopTimer() {
	ctx := context.Background()
	now := t.svc.Now()
	run, err := t.svc.Running(ctx)
	switch {
	case err != nil:
	case run == nil: // stopped elsewhere, e.g. by `horas stop`
	case !now.After(run.Start):
		err = t.svc.DeleteEntry(ctx, run.ID)
	default:
		_, err = t.svc.Stop(ctx, now)
	}
	if err != nil {
		t.fail(err)
	}
	t.reload()
}

func (t *track) showClientDialog() {
	t.clientDlg = newClientDialog(t.w, t.svc, func(tracking.Client) { t.reload() })
	t.clientDlg.show()
}

// showTaskDialog opens the new-task dialog with a client chosen (0: the first).
func (t *track) showTaskDialog(clientID int64) {
	t.taskDlg = newTaskDialog(t.w, t.svc, t.snap.clients, clientID, func(tracking.Task) { t.reload() })
	t.taskDlg.show()
}
