package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/money"
	"github.com/horasapp/horas/internal/tracking"
)

// Labels of the billing kinds in the dialog, in the order offered.
var kindLabels = []struct {
	kind  billing.Kind
	label string
}{
	{billing.Hourly, "Hourly"},
	{billing.Fixed, "Fixed price"},
	{billing.NonBillable, "Non-billable"},
}

var urgencyLabels = []struct {
	urgency billing.Urgency
	label   string
}{
	{billing.Normal, "Normal"},
	{billing.Urgent, "Urgent"},
	{billing.Rush, "Rush"},
}

// taskDialog adds a task to a client. Like clientDialog it stays open with
// the values typed when the service refuses them, and writes nothing then.
type taskDialog struct {
	formDialog
	w       fyne.Window
	svc     *tracking.Service
	clients []tracking.Client
	added   func(tracking.Task)

	client     *widget.Select
	name       *widget.Entry
	kind       *widget.RadioGroup
	amount     *widget.Entry
	amountItem *widget.FormItem
	urgency    *widget.Select
	form       *widget.Form
}

// newTaskDialog offers clients to choose from, with clientID chosen (0: the first).
func newTaskDialog(w fyne.Window, svc *tracking.Service, clients []tracking.Client, clientID int64, added func(tracking.Task)) *taskDialog {
	t := &taskDialog{w: w, svc: svc, clients: clients, added: added}
	names := make([]string, len(clients))
	chosen := 0
	for i, c := range clients {
		names[i] = c.Name
		if c.ID == clientID {
			chosen = i
		}
	}
	t.name = widget.NewEntry()
	t.name.SetPlaceHolder("Inbox, Bookkeeping, Social media…")
	t.amount = widget.NewEntry()
	t.amountItem = &widget.FormItem{Text: "Rate per hour", Widget: t.amount}
	var kinds []string
	for _, k := range kindLabels {
		kinds = append(kinds, k.label)
	}
	t.kind = widget.NewRadioGroup(kinds, func(string) { t.kindChanged() })
	t.kind.Horizontal = true
	t.kind.Required = true
	var urgencies []string
	for _, u := range urgencyLabels {
		urgencies = append(urgencies, u.label)
	}
	t.urgency = widget.NewSelect(urgencies, nil)
	t.urgency.SetSelected(urgencyLabels[0].label)
	t.client = widget.NewSelect(names, func(string) { t.kindChanged() })
	for _, e := range []*widget.Entry{t.name, t.amount} {
		e.OnSubmitted = func(string) { t.save() }
	}
	t.form = widget.NewForm(
		widget.NewFormItem("Client", t.client),
		widget.NewFormItem("Task", t.name),
		widget.NewFormItem("Billing", t.kind),
		t.amountItem,
		&widget.FormItem{Text: "Urgency", Widget: t.urgency, HintText: "Urgent and rush work bill the client's surcharge"},
	)
	if len(names) > 0 {
		t.client.SetSelectedIndex(chosen)
	}
	t.kind.SetSelected(kindLabels[0].label)
	t.formDialog = newFormDialog(w, "New task", "Add task", t.form, t.save)
	return t
}

func (t *taskDialog) show() {
	t.d.Show()
	t.w.Canvas().Focus(t.name)
}

func (t *taskDialog) selectedClient() (tracking.Client, bool) {
	i := t.client.SelectedIndex()
	if i < 0 || i >= len(t.clients) {
		return tracking.Client{}, false
	}
	return t.clients[i], true
}

func (t *taskDialog) selectedKind() billing.Kind {
	for _, k := range kindLabels {
		if k.label == t.kind.Selected {
			return k.kind
		}
	}
	return billing.Hourly
}

// kindChanged relabels the amount: a rate for hourly work, a price for a
// fixed one, nothing for non-billable work.
func (t *taskDialog) kindChanged() {
	if t.form == nil {
		return // still being built
	}
	switch t.selectedKind() {
	case billing.Hourly:
		t.amountItem.Text = "Rate per hour"
		hint := "Optional; else the client's rate"
		if c, ok := t.selectedClient(); ok {
			hint = "Optional; else the client's " + clientRate(c)
		}
		t.amount.SetPlaceHolder(hint)
		t.amount.Enable()
	case billing.Fixed:
		t.amountItem.Text = "Price"
		t.amount.SetPlaceHolder("Billed once, the month it is done")
		t.amount.Enable()
	case billing.NonBillable:
		t.amountItem.Text = "Rate per hour"
		t.amount.SetText("")
		t.amount.SetPlaceHolder("Tracked, never billed")
		t.amount.Disable()
	}
	t.form.Refresh()
}

// save adds the task, or shows why not and keeps the dialog open.
func (t *taskDialog) save() {
	c, task, err := t.task()
	if err == nil {
		task, err = t.svc.AddTask(context.Background(), c.Name, task)
	}
	if err != nil {
		showInline(t.d, t.errLabel, err)
		return
	}
	t.d.Hide()
	t.added(task)
}

// task reads the form; the service checks the rest.
func (t *taskDialog) task() (tracking.Client, tracking.Task, error) {
	c, ok := t.selectedClient()
	if !ok {
		return c, tracking.Task{}, fmt.Errorf("no client chosen: pick the client the task is for")
	}
	task := tracking.Task{Task: billing.Task{Name: t.name.Text, Kind: t.selectedKind()}}
	for _, u := range urgencyLabels {
		if u.label == t.urgency.Selected {
			task.Urgency = u.urgency
		}
	}
	text := strings.TrimSpace(t.amount.Text)
	var amount decimal.Decimal
	if text != "" {
		var err error
		if amount, err = money.Parse(text, c.Currency, money.LocaleFor(c.Lang, c.Country)); err != nil {
			return c, task, fmt.Errorf("%s: %w", strings.ToLower(t.amountItem.Text), err)
		}
	}
	switch task.Kind {
	case billing.Hourly:
		if text != "" {
			task.Rate = decimal.NullDecimal{Decimal: amount, Valid: true}
		}
	case billing.Fixed:
		if text == "" {
			return c, task, fmt.Errorf("price is empty: type what the client pays for the whole task, e.g. 300")
		}
		task.Price = amount
	}
	return c, task, nil
}
