package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/horasapp/horas/internal/money"
	"github.com/horasapp/horas/internal/tracking"
)

// Choices offered in the new-client dialog; any other valid value may be typed.
var (
	commonCurrencies = []string{"EUR", "USD", "GBP", "AUD", "CAD", "CHF", "NZD", "MXN", "BRL", "JPY", "INR", "PHP", "ZAR"}
	commonLanguages  = []string{"en", "es", "it", "fr", "de", "pt"}
	commonZones      = []string{
		"Europe/London", "Europe/Madrid", "Europe/Rome", "Europe/Paris", "Europe/Berlin",
		"America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
		"America/Toronto", "America/Mexico_City", "America/Bogota", "America/Sao_Paulo",
		"America/Argentina/Buenos_Aires", "Asia/Manila", "Asia/Kolkata", "Asia/Dubai",
		"Asia/Singapore", "Australia/Sydney", "Australia/Perth", "Pacific/Auckland", "UTC",
	}
)

// clientDialog adds a client. A refused value is shown inside the dialog,
// which stays open with everything typed, and nothing is written.
type clientDialog struct {
	formDialog
	w     fyne.Window
	svc   *tracking.Service
	added func(tracking.Client)

	name     *widget.Entry
	currency *widget.SelectEntry
	rate     *widget.Entry
	lang     *widget.SelectEntry
	country  *widget.Entry
	zone     *widget.SelectEntry
	terms    *widget.Entry
}

func newClientDialog(w fyne.Window, svc *tracking.Service, added func(tracking.Client)) *clientDialog {
	c := &clientDialog{w: w, svc: svc, added: added}
	c.name = widget.NewEntry()
	c.name.SetPlaceHolder("Acme Ltd")
	c.currency = widget.NewSelectEntry(commonCurrencies)
	c.currency.SetText("EUR")
	c.rate = widget.NewEntry()
	c.rate.SetPlaceHolder("45.00")
	c.lang = widget.NewSelectEntry(commonLanguages)
	c.lang.SetText("en")
	c.country = widget.NewEntry()
	c.country.SetPlaceHolder("ES")
	c.zone = widget.NewSelectEntry(commonZones)
	c.zone.SetText(defaultZone(svc))
	c.terms = widget.NewEntry()
	c.terms.SetText("30")
	for _, e := range []*widget.Entry{c.name, c.rate, c.country, c.terms, &c.currency.Entry, &c.lang.Entry, &c.zone.Entry} {
		e.OnSubmitted = func(string) { c.save() }
	}
	form := widget.NewForm(
		widget.NewFormItem("Name", c.name),
		widget.NewFormItem("Currency", c.currency),
		&widget.FormItem{Text: "Hourly rate", Widget: c.rate, HintText: "In the client's currency"},
		&widget.FormItem{Text: "Language", Widget: c.lang, HintText: "Of invoices: en, es, it, …"},
		&widget.FormItem{Text: "Country", Widget: c.country, HintText: "Two letters; US and CA get Letter paper"},
		widget.NewFormItem("Time zone", c.zone),
		&widget.FormItem{Text: "Payment terms", Widget: c.terms, HintText: "Days from issue to due date"},
	)
	c.formDialog = newFormDialog(w, "New client", "Add client", form, c.save)
	return c
}

// defaultZone is the VA's own zone when it has an IANA name; most clients
// of a VA start out as her neighbours.
func defaultZone(svc *tracking.Service) string {
	if name := svc.Zone.String(); name != "Local" && name != "" {
		return name
	}
	return "UTC"
}

func (c *clientDialog) show() {
	c.d.Show()
	c.w.Canvas().Focus(c.name)
}

// save adds the client, or shows why not and keeps the dialog open.
func (c *clientDialog) save() {
	cl, err := c.client()
	if err == nil {
		cl, err = c.svc.AddClient(context.Background(), cl)
	}
	if err != nil {
		showInline(c.d, c.errLabel, err)
		return
	}
	c.d.Hide()
	c.added(cl)
}

// client reads the form; the service checks the rest.
func (c *clientDialog) client() (tracking.Client, error) {
	code, err := money.NormalizeCode(c.currency.Text)
	if err != nil {
		return tracking.Client{}, err
	}
	rateText := strings.TrimSpace(c.rate.Text)
	if rateText == "" {
		return tracking.Client{}, fmt.Errorf("hourly rate is empty: type what the client pays per hour, e.g. 45 or 45.50")
	}
	rate, err := money.Parse(rateText, code, money.LocaleFor(c.lang.Text, c.country.Text))
	if err != nil {
		return tracking.Client{}, fmt.Errorf("hourly rate: %w", err)
	}
	cl := tracking.NewClient(c.name.Text, code, rate)
	cl.Lang, cl.Country, cl.TZ = c.lang.Text, c.country.Text, c.zone.Text
	if s := strings.TrimSpace(c.terms.Text); s != "" {
		days, err := strconv.Atoi(s)
		if err != nil {
			return tracking.Client{}, fmt.Errorf("payment terms %q: type whole days, e.g. 30", s)
		}
		cl.TermsDays = days
	}
	return cl, nil
}
