package ui

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // logos may be JPEG
	_ "image/png"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/horasapp/horas/invoice"
)

const (
	profileWidth = 880
	logoWidth    = 150
	logoHeight   = 56
)

// profileDialog edits the business identity printed on every document.
// A refusal is shown inside the dialog, which stays open; nothing is
// written then.
type profileDialog struct {
	formDialog
	w     fyne.Window
	svc   *invoice.Service
	saved func()
	logo  []byte

	name          *widget.Entry
	address       *widget.Entry
	taxID         *widget.Entry
	email         *widget.Entry
	country       *widget.Entry
	logoRow       *fyne.Container
	logoImg       *canvas.Image
	logoNone      *muted
	logoPick      *widget.Button
	logoClear     *widget.Button
	iban          *widget.Entry
	bic           *widget.Entry
	paypal        *widget.Entry
	wise          *widget.Entry
	paymentNote   *widget.Entry
	home          *widget.SelectEntry
	zone          *widget.Entry
	invoiceSeries *widget.Entry
	creditSeries  *widget.Entry
}

func newProfileDialog(w fyne.Window, svc *invoice.Service, saved func()) *profileDialog {
	p := &profileDialog{w: w, svc: svc, saved: saved}
	entry := func(placeholder string) *widget.Entry {
		e := widget.NewEntry()
		e.SetPlaceHolder(placeholder)
		e.OnSubmitted = func(string) { p.save() }
		return e
	}
	p.name = entry("Lucía Martín Asistencia Virtual")
	p.address = widget.NewMultiLineEntry()
	p.address.SetPlaceHolder("Street and number\nPostcode and city")
	p.address.SetMinRowsVisible(3)
	p.taxID = entry("ES12345678Z")
	p.email = entry("hola@example.com")
	p.country = entry("ES")
	p.iban = entry("ES91 2100 0418 4502 0005 1332")
	p.bic = entry("CAIXESBBXXX")
	p.paypal = entry("paypal.me/you")
	p.wise = entry("@you")
	p.paymentNote = widget.NewMultiLineEntry()
	p.paymentNote.SetPlaceHolder("e.g. Bizum 600 000 000")
	p.paymentNote.SetMinRowsVisible(2)
	p.home = widget.NewSelectEntry(commonCurrencies)
	p.home.OnSubmitted = func(string) { p.save() }
	p.zone = entry("system zone")
	p.invoiceSeries = entry(invoice.DefaultInvoiceSeries)
	p.creditSeries = entry(invoice.DefaultCreditSeries)

	p.logoImg = canvas.NewImageFromResource(nil)
	p.logoImg.FillMode = canvas.ImageFillContain
	p.logoImg.SetMinSize(fyne.NewSize(logoWidth, logoHeight))
	p.logoNone = newMuted("No logo")
	p.logoPick = widget.NewButtonWithIcon("Choose…", theme.FolderOpenIcon(), p.showLogoPicker)
	p.logoClear = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { p.setLogo(nil) })
	p.logoClear.Importance = widget.LowImportance
	// The thumbnail's room is kept with or without a logo, so the form
	// does not change height when one is chosen.
	room := canvas.NewRectangle(color.Transparent)
	room.SetMinSize(fyne.NewSize(logoWidth, logoHeight))
	p.logoRow = container.NewBorder(nil, nil,
		container.NewStack(room, p.logoImg, container.NewCenter(p.logoNone)),
		container.NewCenter(container.NewHBox(p.logoPick, p.logoClear)))

	business := widget.NewForm(
		widget.NewFormItem("Name", p.name),
		widget.NewFormItem("Address", p.address),
		&widget.FormItem{Text: "Tax ID", Widget: p.taxID, HintText: "NIF, partita IVA, VAT number…"},
		widget.NewFormItem("Email", p.email),
		&widget.FormItem{Text: "Country", Widget: p.country, HintText: "Two letters, e.g. ES"},
		&widget.FormItem{Text: "Logo", Widget: p.logoRow, HintText: "PNG or JPEG, under 2 MB"},
		&widget.FormItem{Text: "Your time zone", Widget: p.zone, HintText: "Days and months are cut in it; from the next start"},
	)
	paid := widget.NewForm(
		widget.NewFormItem("IBAN", p.iban),
		widget.NewFormItem("BIC", p.bic),
		widget.NewFormItem("PayPal", p.paypal),
		widget.NewFormItem("Wise", p.wise),
		widget.NewFormItem("Payment note", p.paymentNote),
		&widget.FormItem{Text: "Home currency", Widget: p.home, HintText: "Reports add other currencies up in it"},
		&widget.FormItem{Text: "Invoice series", Widget: p.invoiceSeries, HintText: "{YYYY} or {YY}, and {SEQ:4}: 2026-0001"},
		&widget.FormItem{Text: "Credit series", Widget: p.creditSeries, HintText: "Its own: R-{YYYY}-{SEQ:4}"},
	)
	cols := container.NewGridWithColumns(2,
		container.NewVBox(heading("Business"), business),
		container.NewVBox(heading("Getting paid"), paid))

	p.formDialog = newFormDialog(w, "Business profile", "Save profile", cols, p.save)
	p.load()
	p.fit()
	return p
}

// load fills the form from the stored profile.
func (p *profileDialog) load() {
	pr, err := p.svc.Profile(context.Background())
	if err != nil {
		p.errLabel.SetText(err.Error())
		p.errLabel.Show()
		return
	}
	p.name.SetText(pr.Name)
	p.address.SetText(pr.Address)
	p.taxID.SetText(pr.TaxID)
	p.email.SetText(pr.Email)
	p.country.SetText(pr.Country)
	p.iban.SetText(pr.IBAN)
	p.bic.SetText(pr.BIC)
	p.paypal.SetText(pr.PayPal)
	p.wise.SetText(pr.Wise)
	p.paymentNote.SetText(pr.PaymentNote)
	p.home.SetText(pr.HomeCurrency)
	p.zone.SetText(pr.TimeZone)
	p.invoiceSeries.SetText(pr.InvoiceSeries)
	p.creditSeries.SetText(pr.CreditSeries)
	p.setLogo(pr.Logo)
}

func (p *profileDialog) fit() {
	p.d.Resize(p.d.MinSize().Max(fyne.NewSize(profileWidth, 0)))
}

func (p *profileDialog) show() {
	p.d.Show()
	p.w.Canvas().Focus(p.name)
}

// profile reads the form; the service checks it.
func (p *profileDialog) profile() invoice.Profile {
	return invoice.Profile{
		Name: p.name.Text, Address: p.address.Text, TaxID: p.taxID.Text, Email: p.email.Text,
		Country: p.country.Text, Logo: p.logo, IBAN: p.iban.Text, BIC: p.bic.Text, PayPal: p.paypal.Text,
		Wise: p.wise.Text, PaymentNote: p.paymentNote.Text, HomeCurrency: p.home.Text,
		InvoiceSeries: p.invoiceSeries.Text, CreditSeries: p.creditSeries.Text, TimeZone: p.zone.Text,
	}
}

func (p *profileDialog) save() {
	if err := p.svc.SaveProfile(context.Background(), p.profile()); err != nil {
		p.errLabel.SetText(err.Error())
		p.errLabel.Show()
		p.fit()
		return
	}
	p.d.Hide()
	p.saved()
}

// setLogo shows a logo's thumbnail, or "No logo" for none.
func (p *profileDialog) setLogo(b []byte) {
	p.logo = b
	if len(b) == 0 {
		p.logoImg.Resource = nil
		p.logoImg.Hide()
		p.logoNone.Show()
		p.logoClear.Hide()
	} else {
		p.logoImg.Resource = fyne.NewStaticResource("logo", b)
		p.logoImg.Show()
		p.logoNone.Hide()
		p.logoClear.Show()
	}
	p.logoRow.Refresh()
}

func (p *profileDialog) showLogoPicker() {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(err, p.w)
			return
		}
		if rc == nil {
			return // cancelled
		}
		defer rc.Close()
		if err := p.readLogo(rc.URI().Name(), rc); err != nil {
			p.errLabel.SetText(err.Error())
			p.errLabel.Show()
			p.fit()
		}
	}, p.w)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".png", ".jpg", ".jpeg"}))
	d.Show()
}

// maxLogo is the largest logo file read; the service refuses above 2 MB.
const maxLogo = 2 << 20

// readLogo takes a logo from r when it is a PNG or JPEG image.
func (p *profileDialog) readLogo(name string, r io.Reader) error {
	b, err := io.ReadAll(io.LimitReader(r, maxLogo+1))
	if err != nil {
		return fmt.Errorf("logo %s: %w", name, err)
	}
	if len(b) > maxLogo {
		return fmt.Errorf("logo %s is over 2 MB: use a smaller image", name)
	}
	if _, format, err := image.DecodeConfig(bytes.NewReader(b)); err != nil || (format != "png" && format != "jpeg") {
		return fmt.Errorf("logo %s is not a PNG or JPEG image", name)
	}
	p.errLabel.Hide()
	p.setLogo(b)
	return nil
}
