package ui

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/horasapp/horas/internal/importer"
	"github.com/horasapp/horas/internal/tracking"
	"github.com/horasapp/horas/invoice"
)

// importSources are the files the dialog reads, as the VA knows them.
var importSources = []struct {
	label string
	src   importer.Source
}{
	{"Toggl Track", importer.Toggl},
	{"Clockify", importer.Clockify},
	{"Harvest", importer.Harvest},
	{"Horas CSV", importer.Horas},
}

// Date orders offered for dates such as 03/04/2026.
const (
	orderAuto = "Detect"
	orderDMY  = "Day first (31/12)"
	orderMDY  = "Month first (12/31)"
)

// listedNames is how many new clients or tasks the preview names before
// it says how many more there are.
const listedNames = 6

// importDialog brings time from Toggl, Clockify, Harvest or a Horas export
// into the database. Preview runs the whole import and rolls it back, so it
// shows exactly what Import will do, or the line that stops it. The file is
// read once, when chosen: what was previewed is what is imported. The work
// runs off the UI goroutine; the Track screen shows new entries on its next
// poll.
type importDialog struct {
	w    fyne.Window
	svc  *tracking.Service
	inv  *invoice.Service
	done func() // after entries were imported
	d    *dialog.CustomDialog

	fileName string
	data     []byte
	imported bool

	source   *widget.Select
	choose   *widget.Button
	file     *muted
	client   *widget.SelectEntry
	order    *widget.RadioGroup
	status   *muted
	result   *fyne.Container
	errLabel *widget.Label
	cancel   *widget.Button
	preview  *widget.Button
	submit   *widget.Button

	// pending counts work running off the UI goroutine; tests wait on it.
	pending sync.WaitGroup
}

func newImportDialog(w fyne.Window, svc *tracking.Service, inv *invoice.Service, clients []tracking.Client, done func()) *importDialog {
	im := &importDialog{w: w, svc: svc, inv: inv, done: done}
	labels := make([]string, len(importSources))
	for i, s := range importSources {
		labels[i] = s.label
	}
	im.source = widget.NewSelect(labels, func(string) { im.changed() })
	im.source.SetSelectedIndex(0)
	im.file = newMuted("No file chosen")
	im.file.Truncation = fyne.TextTruncateEllipsis
	im.choose = widget.NewButtonWithIcon("Choose file…", theme.FolderOpenIcon(), im.showOpen)
	var names []string
	for _, c := range clients {
		if !c.Archived {
			names = append(names, c.Name)
		}
	}
	im.client = widget.NewSelectEntry(names)
	im.client.SetPlaceHolder("For entries without a client")
	im.client.OnChanged = func(string) { im.changed() }
	im.order = widget.NewRadioGroup([]string{orderAuto, orderDMY, orderMDY}, func(string) { im.changed() })
	im.order.Horizontal = true
	im.order.Required = true
	im.order.SetSelected(orderAuto)
	im.status = newMuted("")
	im.status.Hide()
	im.result = container.NewVBox()
	im.errLabel = errorLabel()

	form := widget.NewForm(
		widget.NewFormItem("Exported by", im.source),
		widget.NewFormItem("File", container.NewBorder(nil, nil, nil, im.choose, im.file)),
		&widget.FormItem{Text: "Default client", Widget: im.client,
			HintText: "Toggl and Clockify entries may have none; new names become new clients"},
		&widget.FormItem{Text: "Dates", Widget: im.order, HintText: "How to read 03/04/2026 when the file cannot tell"},
	)
	im.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { im.d.Hide() })
	im.preview = widget.NewButtonWithIcon("Preview", theme.VisibilityIcon(), func() { im.run(true) })
	im.submit = widget.NewButtonWithIcon("Import", theme.DownloadIcon(), func() { im.run(false) })
	im.submit.Importance = widget.HighImportance
	// Room under the outcome, so it does not sit on the buttons.
	body := container.New(layout.NewCustomPaddedLayout(0, 2*theme.Padding(), 0, 0),
		container.NewVBox(form, im.status, im.errLabel, im.result))
	im.d = dialog.NewCustomWithoutButtons("Import time entries", body, w)
	im.d.SetButtons([]fyne.CanvasObject{im.cancel, im.preview, im.submit})
	im.setReady()
	fitDialog(im.d)
	return im
}

func (im *importDialog) show() { im.d.Show() }

func (im *importDialog) showOpen() {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			im.showErr(err)
			return
		}
		if rc == nil {
			return // cancelled
		}
		defer rc.Close()
		if err := im.load(rc.URI().Name(), rc); err != nil {
			im.showErr(err)
		}
	}, im.w)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".txt"}))
	d.Show()
}

// load reads the chosen file whole, and picks its source when the name
// says it ("Toggl_time_entries_….csv").
func (im *importDialog) load(name string, r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	im.fileName, im.data, im.imported = name, data, false
	im.file.SetText(name)
	lower := strings.ToLower(name)
	for i, s := range importSources {
		if strings.Contains(lower, string(s.src)) {
			im.source.SetSelectedIndex(i)
		}
	}
	im.changed()
	return nil
}

// changed forgets the last preview: it no longer says what Import would do.
func (im *importDialog) changed() {
	if im.result == nil {
		return // still being built
	}
	im.result.Objects = nil
	im.result.Refresh()
	im.errLabel.Hide()
	im.setStatus("")
	im.imported = false
	im.setReady()
	fitDialog(im.d)
}

// setReady enables what can be done now.
func (im *importDialog) setReady() {
	if im.data == nil || im.imported {
		im.preview.Disable()
		im.submit.Disable()
	} else {
		im.preview.Enable()
		im.submit.Enable()
	}
}

// setStatus shows a line under the form; empty, it takes no room.
func (im *importDialog) setStatus(text string) {
	im.status.SetText(text)
	if text == "" {
		im.status.Hide()
	} else {
		im.status.Show()
	}
}

func (im *importDialog) showErr(err error) {
	im.setStatus("")
	showInline(im.d, im.errLabel, forWindow(err))
}

func (im *importDialog) sourceOf() importer.Source {
	return importSources[max(im.source.SelectedIndex(), 0)].src
}

func (im *importDialog) dateOrder() string {
	switch im.order.Selected {
	case orderDMY:
		return "DMY"
	case orderMDY:
		return "MDY"
	}
	return ""
}

// run previews (dryRun) or imports the file off the UI goroutine, with the
// buttons off meanwhile, and shows the outcome.
func (im *importDialog) run(dryRun bool) {
	if im.data == nil {
		return
	}
	src, order, def := im.sourceOf(), im.dateOrder(), strings.TrimSpace(im.client.Text)
	name, data := im.fileName, im.data
	im.errLabel.Hide()
	im.preview.Disable()
	im.submit.Disable()
	im.setStatus("Reading " + name + "…")
	im.pending.Add(1)
	go func() {
		defer im.pending.Done()
		res, err := im.importFile(src, bytes.NewReader(data), order, def, dryRun)
		fyne.Do(func() {
			im.setReady()
			if err != nil {
				im.showErr(fmt.Errorf("%s: %w", name, err))
				return
			}
			im.showResult(res, dryRun)
			if !dryRun {
				im.imported = true
				im.setReady()
				im.cancel.SetText("Close")
				im.done()
			}
		})
	}()
}

// importFile parses the export and imports it, or checks that it would
// import when dryRun. It touches no widget.
func (im *importDialog) importFile(src importer.Source, r io.Reader, order, defaultClient string, dryRun bool) (tracking.ImportResult, error) {
	recs, err := importer.Parse(src, r, importer.Options{Zone: im.svc.Zone, DateOrder: order})
	if err != nil {
		return tracking.ImportResult{}, err
	}
	if defaultClient == "" {
		for _, rec := range recs {
			if strings.TrimSpace(rec.Client) == "" {
				return tracking.ImportResult{}, fmt.Errorf("line %d: the entry has no client: type a default client for such entries", rec.Line)
			}
		}
	}
	ctx := context.Background()
	p, err := im.inv.Profile(ctx)
	if err != nil {
		return tracking.ImportResult{}, err
	}
	return im.svc.Import(ctx, tracking.ImportRows(recs, defaultClient),
		tracking.ImportOptions{DefaultClient: defaultClient, Currency: p.HomeCurrency, DryRun: dryRun})
}

// showResult says what the import created, or would create.
func (im *importDialog) showResult(res tracking.ImportResult, dryRun bool) {
	verb := "Imported"
	if dryRun {
		verb = "Would import"
	}
	entries := fmt.Sprintf("%s %d %s", verb, res.Entries, plural(res.Entries, "entry", "entries"))
	head := widget.NewLabel(entries)
	head.TextStyle.Bold = true
	head.SizeName = theme.SizeNameSubHeadingText
	objs := []fyne.CanvasObject{head}
	if res.Duplicates > 0 {
		objs = append(objs, newMuted(fmt.Sprintf("%d already imported before, skipped", res.Duplicates)))
	}
	switch {
	case len(res.NewClients) > 0:
		l := wrapped(fmt.Sprintf("New %s: %s. Set %s on the Clients screen.",
			plural(len(res.NewClients), "client", "clients"), names(res.NewClients),
			plural(len(res.NewClients), "its rate", "their rates")))
		objs = append(objs, l)
	case len(res.NewTasks) == 0:
		objs = append(objs, newMuted("No new clients or tasks: every entry goes to one that exists."))
	}
	if len(res.NewTasks) > 0 {
		objs = append(objs, wrapped(fmt.Sprintf("New %s: %s.", plural(len(res.NewTasks), "task", "tasks"), names(res.NewTasks))))
	}
	if dryRun {
		im.setStatus("Nothing is written until you press Import.")
	} else {
		im.setStatus("Done. The Track screen shows the new entries within a few seconds.")
	}
	im.result.Objects = []fyne.CanvasObject{panel(container.NewVBox(objs...))}
	im.result.Refresh()
	fitDialog(im.d)
}

// shownText is what the result area says, for tests.
func (im *importDialog) shownText() string {
	var b strings.Builder
	b.WriteString(im.status.Text())
	if im.errLabel.Visible() {
		b.WriteString("\n" + im.errLabel.Text)
	}
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			b.WriteString("\n" + x.Text)
		case *muted:
			b.WriteString("\n" + x.Text())
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		}
	}
	walk(im.result)
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// names lists the first few names and says how many more there are.
func names(all []string) string {
	if len(all) <= listedNames {
		return strings.Join(all, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(all[:listedNames], ", "), len(all)-listedNames)
}
