package invoice

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/horasapp/horas/assets"
	"github.com/horasapp/horas/internal/money"
	"github.com/shopspring/decimal"
	"golang.org/x/image/font/sfnt"
)

var (
	pdfUpdate = flag.Bool("update", false, "rewrite the golden files in testdata/")
	pdfDir    = flag.String("pdfdir", "", "also write every sample PDF to this directory, to look at")
)

func pdfDec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func pdfDay(y int, m time.Month, dd int) time.Time { return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC) }

// pdfTestLogo draws a small brand mark, as PNG or JPEG.
func pdfTestLogo(t testing.TB, format string) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 360, 120))
	bg := color.RGBA{255, 255, 255, 255}
	mark := color.RGBA{30, 58, 95, 255}
	leaf := color.RGBA{86, 160, 140, 255}
	for y := range 120 {
		for x := range 360 {
			c := bg
			dx, dy := x-60, y-60
			switch {
			case dx*dx+dy*dy < 50*50 && dx*dx+dy*dy > 30*30:
				c = mark
			case dx*dx+dy*dy <= 18*18:
				c = leaf
			case x >= 130 && x < 340 && (y >= 35 && y < 55):
				c = mark
			case x >= 130 && x < 280 && (y >= 68 && y < 82):
				c = leaf
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	var err error
	if format == "jpeg" {
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90})
	} else {
		err = png.Encode(&buf, img)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var pdfSupplier = Party{
	Name:    "Lucía Fernández Ruiz",
	Address: "Calle de Alcalá 123, 4.º B\n28009 Madrid\nEspaña",
	TaxID:   "12345678Z",
	Email:   "hola@luciafernandez.es",
	Country: "ES",
}

var pdfPayment = PaymentDetails{
	IBAN:   "ES9121000418450200051332",
	BIC:    "CAIXESBBXXX",
	PayPal: "pagos@luciafernandez.es",
	Wise:   "@luciafr",
	Note:   "Bizum 600 000 000",
}

// pdfSpanishInvoice is a retainer month for a Spanish company, with VAT and the
// income tax withholding a Spanish freelancer applies.
func pdfSpanishInvoice(t testing.TB) Document {
	return Document{
		Kind: KindInvoice, Number: "2026-0003",
		IssueDate: pdfDay(2026, 11, 2), DueDate: pdfDay(2026, 12, 2),
		PeriodStart: pdfDay(2026, 10, 1), PeriodEnd: pdfDay(2026, 10, 31),
		Lang: "es", Locale: "es-ES", Paper: "A4", Currency: "EUR",
		Supplier: pdfSupplier, Logo: pdfTestLogo(t, "png"),
		Customer: Party{Name: "Estudio Nórdico S.L.", Address: "Avinguda Diagonal 456, 3.º\n08006 Barcelona", TaxID: "B12345674",
			Email: "administracion@estudionordico.es", Country: "ES"},
		Payment: pdfPayment,
		Lines: []Line{
			{Kind: "retainer", Description: "Iguala octubre 2026 (20 h)", Quantity: pdfDec("1"), UnitPrice: pdfDec("800.00"), Amount: pdfDec("800.00")},
			{Kind: "fixed", Description: "Rediseño de la plantilla de la newsletter mensual, con versión para móvil y pruebas en los principales gestores de correo (precio cerrado)",
				Quantity: pdfDec("1"), UnitPrice: pdfDec("250.00"), Amount: pdfDec("250.00")},
			{Kind: "surcharge", Description: "Recargo urgencia Gestión de agenda (×1,5)", Quantity: pdfDec("2.50"), Unit: "h", UnitPrice: pdfDec("17.50"), Amount: pdfDec("43.75")},
		},
		Subtotal: pdfDec("1093.75"),
		Taxes: []Tax{
			{Name: "IVA", Pct: pdfDec("21"), Amount: pdfDec("229.69")},
			{Name: "IRPF", Pct: pdfDec("-15"), Amount: pdfDec("-164.06")},
		},
		Total:    pdfDec("1159.38"),
		Retainer: &Retainer{Included: pdfDec("20"), CarryIn: pdfDec("5"), Available: pdfDec("25"), Used: pdfDec("18.50"), CarryOut: pdfDec("5.00")},
		TimeSummary: []TimeRow{
			{Task: "Gestión de agenda", Hours: pdfDec("8.25")},
			{Task: "Atención al cliente por correo", Hours: pdfDec("6.75")},
			{Task: "Facturación y conciliación", Hours: pdfDec("3.50")},
		},
		Note: "Factura sujeta a retención del IRPF al 15 % (art. 101 de la Ley 35/2006). Servicios prestados por la profesional autónoma en Madrid.",
	}
}

func pdfItalianInvoice(t testing.TB) Document {
	return Document{
		Kind: KindInvoice, Number: "2026-0017",
		IssueDate: pdfDay(2026, 11, 3), DueDate: pdfDay(2026, 12, 3),
		PeriodStart: pdfDay(2026, 10, 1), PeriodEnd: pdfDay(2026, 10, 31),
		Lang: "it", Locale: "it-IT", Paper: "A4", Currency: "EUR",
		Supplier: Party{Name: "Giulia Bianchi", Address: "Via Garibaldi 12\n40124 Bologna (BO)", TaxID: "03456789012",
			Email: "giulia@bianchiassistenza.it", Country: "IT"},
		Logo: pdfTestLogo(t, "jpeg"),
		Customer: Party{Name: "Studio Legale Rossi & Associati", Address: "Corso Vittorio Emanuele II 45\n20122 Milano (MI)",
			TaxID: "09876543210", Email: "amministrazione@studiorossi.it", Country: "IT"},
		Payment: PaymentDetails{IBAN: "IT60 X054 2811 1010 0000 0123 456", BIC: "BPMOIT22XXX",
			Note: "Bonifico bancario entro 30 giorni dalla data della fattura."},
		Lines: []Line{
			{Kind: "hourly", Description: "Assistenza virtuale: agenda, posta e pratiche clienti", Quantity: pdfDec("32.50"), Unit: "h", UnitPrice: pdfDec("38.00"), Amount: pdfDec("1235.00")},
			{Kind: "fixed", Description: "Gestione social media di ottobre (a corpo)", Quantity: pdfDec("1"), UnitPrice: pdfDec("150.00"), Amount: pdfDec("150.00")},
			{Kind: "fixed", Description: "Imposta di bollo", Quantity: pdfDec("1"), UnitPrice: pdfDec("2.00"), Amount: pdfDec("2.00")},
		},
		Subtotal: pdfDec("1387.00"),
		Total:    pdfDec("1387.00"),
		Note: "Operazione in franchigia da IVA ai sensi dell'art. 1, commi 54-89, L. 190/2014 — regime forfettario. " +
			"Compenso non soggetto a ritenuta d'acconto ai sensi dell'art. 1, comma 67, L. 190/2014.",
	}
}

func pdfUSInvoice(t testing.TB) Document {
	return Document{
		Kind: KindInvoice, Number: "2026-0004",
		IssueDate: pdfDay(2026, 11, 1), DueDate: pdfDay(2026, 11, 16),
		PeriodStart: pdfDay(2026, 10, 1), PeriodEnd: pdfDay(2026, 10, 31),
		Lang: "en", Locale: "en-US", Paper: "Letter", Currency: "USD",
		Supplier: pdfSupplier, Logo: pdfTestLogo(t, "png"),
		Customer: Party{Name: "Brightline Dental Group LLC", Address: "1200 Market Street, Suite 400\nSan Francisco, CA 94102\nUnited States",
			TaxID: "EIN 94-1234567", Email: "ap@brightlinedental.com", Country: "US"},
		Payment: PaymentDetails{PayPal: "pagos@luciafernandez.es", Wise: "@luciafr", Note: "Please include the invoice number with your payment."},
		Lines: []Line{
			{Kind: "hourly", Description: "Inbox and calendar management, including weekly triage of the shared support mailbox, vendor follow-ups and rescheduling of the quarterly board meeting",
				Quantity: pdfDec("24.75"), Unit: "h", UnitPrice: pdfDec("45.00"), Amount: pdfDec("1113.75")},
			{Kind: "hourly", Description: "Podcast show notes", Quantity: pdfDec("6.50"), Unit: "h", UnitPrice: pdfDec("45.00"), Amount: pdfDec("292.50")},
			{Kind: "surcharge", Description: "Urgency surcharge Travel booking (×2)", Quantity: pdfDec("1.25"), Unit: "h", UnitPrice: pdfDec("45.00"), Amount: pdfDec("56.25")},
		},
		Subtotal: pdfDec("1462.50"),
		Total:    pdfDec("1462.50"),
	}
}

// pdfSpanishCredit is a partial credit of pdfSpanishInvoice, as Service.Credit
// builds it: negative amounts, the original period, due on issue.
func pdfSpanishCredit(t testing.TB) Document {
	doc := pdfSpanishInvoice(t)
	doc.Kind, doc.Number, doc.Corrects = KindCredit, "R2026-0001", "2026-0003"
	doc.Reason = "Horas de «Facturación y conciliación» facturadas dos veces"
	doc.IssueDate, doc.DueDate = pdfDay(2026, 11, 20), pdfDay(2026, 11, 20)
	doc.Lines = []Line{{Kind: "credit", Description: "Abono sobre la factura 2026-0003: " + doc.Reason,
		Quantity: pdfDec("1"), UnitPrice: pdfDec("-122.50"), Amount: pdfDec("-122.50")}}
	doc.Subtotal = pdfDec("-122.50")
	doc.Taxes = []Tax{{Name: "IVA", Pct: pdfDec("21"), Amount: pdfDec("-25.73")}, {Name: "IRPF", Pct: pdfDec("-15"), Amount: pdfDec("18.38")}}
	doc.Total = pdfDec("-129.85")
	doc.Retainer, doc.TimeSummary = nil, nil
	return doc
}

var pdfLongTasks = []string{
	"Research and summary for the client onboarding pack",
	"Customer support tickets",
	"Drafting supplier contracts, chasing signatures and filing the signed copies in the shared drive, with a note to the account manager",
	"Data entry",
	"Weekly social media calendar",
	"Expense reports",
	"Travel booking for the sales team offsite in Lisbon, including hotel, flights and airport transfers",
	"CRM clean-up",
}

// pdfBigInvoice has 500 lines: 561.50 h at £32.00, plus VAT 20 %.
func pdfBigInvoice(t testing.TB) Document { return pdfManyLines(500) }

// pdfManyLines is an invoice of n hourly lines at £32.00, plus VAT 20 %. The
// descriptions cycle through pdfLongTasks, so some rows wrap.
func pdfManyLines(n int) Document {
	doc := Document{
		Kind: KindInvoice, Number: "2026-0042",
		IssueDate: pdfDay(2026, 11, 2), DueDate: pdfDay(2026, 12, 2),
		PeriodStart: pdfDay(2026, 10, 15), PeriodEnd: pdfDay(2026, 11, 14),
		Lang: "en", Locale: "en-GB", Paper: "A4", Currency: "GBP",
		Supplier: pdfSupplier,
		Customer: Party{Name: "Harbour & Finch Ltd", Address: "14 Wharf Road\nLondon N1 7GR\nUnited Kingdom", TaxID: "GB123456789", Country: "GB"},
		Payment:  pdfPayment,
	}
	price := pdfDec("32.00")
	for i := 1; i <= n; i++ {
		q := decimal.NewFromInt(int64(i%8 + 1)).Mul(pdfDec("0.25"))
		a := q.Mul(price)
		doc.Lines = append(doc.Lines, Line{Kind: "hourly", Description: fmt.Sprintf("%03d · %s", i, pdfLongTasks[i%len(pdfLongTasks)]),
			Quantity: q, Unit: "h", UnitPrice: price, Amount: a})
		doc.Subtotal = doc.Subtotal.Add(a)
	}
	tax := money.Round(doc.Subtotal.Mul(pdfDec("20")).Div(pdfDec("100")), 2)
	doc.Taxes = []Tax{{Name: "VAT", Pct: pdfDec("20"), Amount: tax}}
	doc.Total = doc.Subtotal.Add(tax)
	return doc
}

// pdfGlyphInvoice is a small invoice in a currency whose symbol the PDF core
// fonts cannot print, for a client with letters beyond ASCII.
func pdfGlyphInvoice(currency, locale, customer, task string, price decimal.Decimal) Document {
	return Document{
		Kind: KindInvoice, Number: "2026-0100",
		IssueDate: pdfDay(2026, 11, 2), DueDate: pdfDay(2026, 12, 2),
		PeriodStart: pdfDay(2026, 10, 1), PeriodEnd: pdfDay(2026, 10, 31),
		Lang: "en", Locale: locale, Paper: "A4", Currency: currency,
		Supplier: pdfSupplier,
		Customer: Party{Name: customer, Address: "Ulica Złota 44\n00-120 Warszawa"},
		Lines: []Line{
			{Kind: "fixed", Description: task, Quantity: pdfDec("1"), UnitPrice: price, Amount: price},
			{Kind: "fixed", Description: "Peña, Società Àrea, Müller und Łukasz: ñ à ü ł", Quantity: pdfDec("1"), UnitPrice: price, Amount: price},
		},
		Subtotal: price.Add(price),
		Total:    price.Add(price),
	}
}

type pdfSample struct {
	name    string
	doc     Document
	bal     Balance
	size    string   // pdfinfo page size in points
	pages   int      // 0: check only that there is more than one
	want    []string // exact text that must be printed
	wantNot []string
	golden  bool
}

const (
	pdfSizeA4     = "595.28 x 841.89 pts"
	pdfSizeLetter = "612 x 792 pts"
)

func pdfSamples(t testing.TB) []pdfSample {
	s := []pdfSample{
		{
			name: "SpanishRetainer", doc: pdfSpanishInvoice(t), bal: Balance{Paid: pdfDec("500.00"), Balance: pdfDec("659.38")},
			size: pdfSizeA4, pages: 1, golden: true,
			want: []string{
				"FACTURA", "Número", "2026-0003", "Fecha de emisión", "02/11/2026", "Vencimiento", "02/12/2026",
				"Periodo de servicio", "1–31 oct 2026", "Lucía Fernández Ruiz", "NIF 12345678Z", "Calle de Alcalá 123, 4.º B",
				"Facturar a", "Estudio Nórdico S.L.", "NIF B12345674", "Vence el 02/12/2026",
				"Concepto", "Cantidad", "Precio unitario", "Importe",
				"Iguala octubre 2026 (20 h)", "800,00 €", "250,00 €", "2,50 h", "17,50 €", "43,75 €",
				"Base imponible", "1093,75 €", "IVA 21 %", "229,69 €", "IRPF -15 %", "-164,06 €",
				"Total", "1159,38 €", "Pagado", "500,00 €", "Pendiente de pago", "659,38 €",
				"Iguala", "Horas usadas: 18,50 de 25,00 disponibles (20 incluidas + 5 del mes anterior)", "5,00 pasan al mes siguiente",
				"Tiempo por tarea", "Horas", "Gestión de agenda", "8,25 h", "6,75 h", "3,50 h", "18,50 h",
				"Observaciones", "Ley 35/2006",
				"Datos de pago", "ES91 2100 0418 4502 0005 1332", "CAIXESBBXXX", "pagos@luciafernandez.es", "Bizum 600 000 000",
				"Página 1 de 1",
			},
		},
		{
			name: "ItalianForfettario", doc: pdfItalianInvoice(t), bal: Balance{Paid: pdfDec("0"), Balance: pdfDec("1387.00")},
			size: pdfSizeA4, pages: 1, golden: true,
			want: []string{
				"FATTURA", "Numero", "2026-0017", "Data di emissione", "03/11/2026", "Scadenza", "03/12/2026",
				"Periodo di riferimento", "1–31 ott 2026", "Giulia Bianchi", "P. IVA 03456789012",
				"Cliente", "Studio Legale Rossi & Associati", "P. IVA 09876543210", "Scadenza 03/12/2026",
				"Descrizione", "Quantità", "Prezzo unitario", "Importo",
				"32,50 h", "38,00 €", "1.235,00 €", "150,00 €", "2,00 €",
				"Imponibile", "1.387,00 €", "Totale", "Pagato", "0,00 €", "Saldo da pagare",
				"Note", "Operazione in franchigia da IVA ai sensi dell'art. 1, commi 54-89, L. 190/2014 — regime forfettario.",
				"Coordinate di pagamento", "IT60 X054 2811 1010 0000 0123 456", "BPMOIT22XXX", "Bonifico bancario",
				"Pagina 1 di 1",
			},
			wantNot: []string{"IVA 22", "Canone"},
		},
		{
			name: "USLetter", doc: pdfUSInvoice(t), bal: Balance{Paid: pdfDec("462.50"), Balance: pdfDec("1000.00")},
			size: pdfSizeLetter, pages: 1, golden: true,
			want: []string{
				"INVOICE", "Number", "2026-0004", "Issue date", "Nov 1, 2026", "Due date", "Nov 16, 2026",
				"Service period", "Oct 1–31, 2026", "Bill to", "Brightline Dental Group LLC", "Tax ID EIN 94-1234567",
				"Due Nov 16, 2026", "Description", "Qty", "Unit price", "Amount",
				"24.75 h", "$45.00", "$1,113.75", "$292.50", "$56.25",
				"Subtotal", "$1,462.50", "Total", "Paid", "$462.50", "Balance due", "$1,000.00",
				"Payment details", "PayPal", "Wise", "@luciafr", "Page 1 of 1",
			},
			wantNot: []string{"IBAN", "Notes", "Retainer"},
		},
		{
			name: "SpanishCreditNote", doc: pdfSpanishCredit(t), bal: Balance{},
			size: pdfSizeA4, pages: 1, golden: true,
			want: []string{
				"FACTURA RECTIFICATIVA", "R2026-0001", "20/11/2026", "1–31 oct 2026",
				"Rectifica la factura 2026-0003", "Motivo: Horas de «Facturación y conciliación» facturadas dos veces",
				"Total rectificado", "-122,50 €", "IVA 21 %", "-25,73 €", "IRPF -15 %", "18,38 €", "-129,85 €",
				"Página 1 de 1",
			},
			wantNot: []string{"Pendiente de pago", "Pagado", "Datos de pago", "Vencimiento", "Iguala"},
		},
		{
			name: "FiveHundredLines", doc: pdfBigInvoice(t), bal: Balance{Paid: pdfDec("0"), Balance: pdfDec("21561.60")},
			size: pdfSizeA4,
			want: []string{
				"INVOICE", "2 Nov 2026", "2 Dec 2026", "15 Oct – 14 Nov 2026", "001 · Customer support tickets",
				"500 · Weekly social media calendar", "£17,968.00", "VAT 20%", "£3,593.60", "£21,561.60",
			},
		},
	}
	draft := pdfSpanishInvoice(t)
	draft.Number = ""
	german := pdfItalianInvoice(t)
	german.Lang, german.Locale, german.Note = "de", "de-DE", ""
	s = append(s,
		pdfSample{
			name: "SpanishDraft", doc: draft, bal: Balance{Paid: pdfDec("0"), Balance: draft.Total},
			size: pdfSizeA4, pages: 1,
			want:    []string{"FACTURA", "Número Borrador", "FACTURA Borrador", "1159,38 €"},
			wantNot: []string{"2026-0003"},
		},
		pdfSample{
			name: "OtherLanguageIsEnglish", doc: german, bal: Balance{Paid: pdfDec("0"), Balance: german.Total},
			size: pdfSizeA4, pages: 1,
			want: []string{"INVOICE", "Issue date", "3 Nov 2026", "1–31 Oct 2026", "Bill to", "Tax ID 09876543210",
				"Description", "1.235,00 €", "1.387,00 €", "Balance due", "Payment details", "Page 1 of 1"},
			wantNot: []string{"FATTURA", "Scadenza", "Totale"},
		},
	)
	for _, g := range []struct {
		name, currency, locale, customer, task, price string
		want                                          []string
	}{
		{"RupeeINR", "INR", "en-IN", "Café Niño Pvt. Ltd.", "Vendor onboarding", "1234567.50", []string{"₹12,34,567.50", "₹24,69,135.00"}},
		{"WonKRW", "KRW", "en", "Hanbit Trading", "Market research", "1200000", []string{"₩1,200,000", "₩2,400,000"}},
		{"ZlotyPLN", "PLN", "pl-PL", "Łukasz Wałęsa", "Obsługa skrzynki", "1234.56", []string{"1234,56 zł", "2469,12 zł"}},
		{"RealBRL", "BRL", "pt-BR", "João Araújo ME", "Atendimento", "1234.56", []string{"R$ 1.234,56", "R$ 2.469,12"}},
		{"PesoPHP", "PHP", "en-PH", "Dela Peña Outsourcing", "Data entry", "1234.56", []string{"₱1,234.56", "₱2,469.12"}},
		{"PoundGBP", "GBP", "en-GB", "Müller & Sons Ltd", "Bookkeeping", "1234.56", []string{"£1,234.56", "£2,469.12"}},
		{"YenJPY", "JPY", "en-US", "Società Àrea KK", "Translation review", "120000", []string{"¥120,000", "¥240,000"}},
	} {
		doc := pdfGlyphInvoice(g.currency, g.locale, g.customer, g.task, pdfDec(g.price))
		want := append([]string{g.customer, g.task, "Peña, Società Àrea, Müller und Łukasz: ñ à ü ł", "Ulica Złota 44"}, g.want...)
		s = append(s, pdfSample{name: "Glyph" + g.name, doc: doc, bal: Balance{Paid: pdfDec("0"), Balance: doc.Total},
			size: pdfSizeA4, pages: 1, want: want})
	}
	return s
}

// pdfFacts are what pdftotext and pdfinfo read in a rendered PDF.
type pdfFacts struct {
	text  string // pdftotext -layout
	raw   string // pdftotext in reading order: keeps a column's wrapped lines together
	pages int
	size  string
}

func pdfInspect(t *testing.T, pdf []byte) pdfFacts {
	t.Helper()
	for _, tool := range []string{"pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (poppler-utils): %v", tool, err)
		}
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	text, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	raw, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	info, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	var f pdfFacts
	f.text, f.raw = string(text), string(raw)
	if m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(string(info)); m != nil {
		fmt.Sscan(m[1], &f.pages)
	}
	if m := regexp.MustCompile(`(?m)^Page size:\s+(.*? pts)`).FindStringSubmatch(string(info)); m != nil {
		f.size = m[1]
	}
	return f
}

func pdfRenderSample(t testing.TB, s pdfSample) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := RenderWith(&buf, s.doc, s.bal, Options{NoCompress: true}); err != nil {
		t.Fatalf("RenderWith: %v", err)
	}
	if *pdfDir != "" {
		if err := os.MkdirAll(*pdfDir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(*pdfDir, s.name+".pdf"), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

// pdfSingleSpaced joins the words of text with single spaces, so that a phrase
// is found however pdftotext -layout spaced or wrapped it.
func pdfSingleSpaced(text string) string { return strings.Join(strings.Fields(text), " ") }

func TestRenderSamples(t *testing.T) {
	for _, s := range pdfSamples(t) {
		t.Run(s.name, func(t *testing.T) {
			f := pdfInspect(t, pdfRenderSample(t, s))
			if f.size != s.size {
				t.Errorf("page size %q; want %q", f.size, s.size)
			}
			switch {
			case s.pages > 0 && f.pages != s.pages:
				t.Errorf("%d pages; want %d", f.pages, s.pages)
			case s.pages == 0 && f.pages < 2:
				t.Errorf("%d pages; want several", f.pages)
			}
			flat, raw := pdfSingleSpaced(f.text), pdfSingleSpaced(f.raw)
			for _, w := range s.want {
				// Side-by-side columns interleave in the layout text, so a
				// phrase wrapped in a column is looked for in reading order.
				if !strings.Contains(flat, w) && !strings.Contains(raw, w) {
					t.Errorf("missing %q", w)
				}
			}
			for _, w := range s.wantNot {
				if strings.Contains(flat, w) || strings.Contains(raw, w) {
					t.Errorf("prints %q; it should not", w)
				}
			}
			pdfCheckPageNumbers(t, s.doc, f)
			pdfCheckNoEnglish(t, s.doc, flat)
			if s.golden {
				pdfCheckGolden(t, s.name, f.text)
			}
		})
	}
}

// pdfCheckPageNumbers wants "Page x of y" on every page, in the document's language.
func pdfCheckPageNumbers(t *testing.T, doc Document, f pdfFacts) {
	t.Helper()
	pages := strings.Split(strings.TrimRight(f.text, "\f"), "\f")
	if len(pages) != f.pages {
		t.Fatalf("pdftotext gave %d pages, pdfinfo %d", len(pages), f.pages)
	}
	l := pdfLabelsFor(doc.Lang)
	for i, p := range pages {
		want := fmt.Sprintf(l.page, i+1, fmt.Sprint(f.pages))
		if !strings.Contains(pdfSingleSpaced(p), want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
	}
}

// pdfCheckNoEnglish fails when a Spanish or Italian document prints a word of
// the English labels that its own labels do not have.
func pdfCheckNoEnglish(t *testing.T, doc Document, flat string) {
	t.Helper()
	lang := pdfLanguage(doc.Lang)
	labels, ok := pdfVocabulary[lang]
	if !ok || lang == "en" {
		return // printed in English
	}
	own := pdfLabelFragments(labels)
	mine := map[string]bool{}
	for _, f := range own {
		mine[f] = true
	}
	for _, f := range pdfLabelFragments(pdfVocabulary["en"]) {
		if !mine[f] && regexp.MustCompile(`\b`+regexp.QuoteMeta(f)+`\b`).MatchString(flat) {
			t.Errorf("the %s document prints the English label %q", lang, f)
		}
	}
}

// pdfLabelFragments are the fixed pieces of every label, templates cut at
// their verbs, left out when too short to tell languages apart.
func pdfLabelFragments(l pdfLabels) []string {
	var out []string
	v := reflect.ValueOf(l)
	verbs := regexp.MustCompile(`%[sd%]`)
	for i := range v.NumField() {
		if v.Field(i).Kind() != reflect.String {
			continue
		}
		for _, f := range verbs.Split(v.Field(i).String(), -1) {
			f = strings.Trim(f, " ;():")
			if len(f) >= 4 {
				out = append(out, f)
			}
		}
	}
	return out
}

func pdfCheckGolden(t *testing.T, name, text string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden.txt")
	if *pdfUpdate {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./invoice -run TestRenderSamples -update to write it)", err)
	}
	if string(want) != text {
		t.Errorf("pdftotext output differs from %s (rerun with -update if the change is meant):\n%s", path, pdfFirstDiff(string(want), text))
	}
}

func pdfFirstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\nwant %q\ngot  %q", i+1, wl, gl)
		}
	}
	return ""
}

func TestRenderLongDescriptionWraps(t *testing.T) {
	s := pdfSamples(t)[2] // USLetter
	f := pdfInspect(t, pdfRenderSample(t, s))
	var first, last int
	for i, line := range strings.Split(f.text, "\n") {
		if strings.Contains(line, "Inbox and calendar management,") {
			first = i
		}
		if strings.Contains(line, "board meeting") {
			last = i
		}
	}
	if first == 0 || last <= first {
		t.Fatalf("the long description is not wrapped over lines (first at %d, end at %d):\n%s", first, last, f.text)
	}
	// The amounts stay on the first line of the row.
	if line := strings.Split(f.text, "\n")[first]; !strings.Contains(line, "$1,113.75") {
		t.Errorf("first line of the wrapped row lacks its amount: %q", line)
	}
}

func TestRenderRepeatsTableHeader(t *testing.T) {
	s := pdfSample{name: "FiveHundredLines", doc: pdfBigInvoice(t), bal: Balance{Balance: pdfDec("21561.60")}}
	f := pdfInspect(t, pdfRenderSample(t, s))
	pages := strings.Split(strings.TrimRight(f.text, "\f"), "\f")
	if len(pages) < 10 {
		t.Fatalf("500 lines fit on %d pages; want at least 10", len(pages))
	}
	lineNo := regexp.MustCompile(`\d{3} · `)
	for i, p := range pages {
		flat := pdfSingleSpaced(p)
		if lineNo.MatchString(flat) && !strings.Contains(flat, "Description Qty Unit price Amount") {
			t.Errorf("page %d lacks the table header", i+1)
		}
		if i > 0 && !strings.Contains(flat, "INVOICE 2026-0042") {
			t.Errorf("page %d lacks the running header", i+1)
		}
	}
	// Every line is printed once, in order.
	flat := pdfSingleSpaced(f.text)
	at := 0
	for i := 1; i <= 500; i++ {
		n := strings.Index(flat[at:], fmt.Sprintf("%03d · ", i))
		if n < 0 {
			t.Fatalf("line %03d is missing or out of order", i)
		}
		at += n
	}
}

// TestRenderTotalsKeepLastLines walks the line count of invoices so that the
// totals cross a page break, and wants the page with the totals to carry the
// last lines of the table too, under the repeated table header.
func TestRenderTotalsKeepLastLines(t *testing.T) {
	retainer := func(n int) Document {
		doc := pdfManyLines(n)
		es := pdfSpanishInvoice(t)
		doc.Retainer, doc.TimeSummary = es.Retainer, es.TimeSummary
		return doc
	}
	credit := func(n int) Document {
		doc := pdfManyLines(n)
		doc.Kind, doc.Number, doc.Corrects, doc.Reason = KindCredit, "C2026-0001", "2026-0041", "Hours billed twice"
		for i, l := range doc.Lines {
			doc.Lines[i].UnitPrice, doc.Lines[i].Amount = l.UnitPrice.Neg(), l.Amount.Neg()
		}
		doc.Subtotal, doc.Taxes[0].Amount, doc.Total = doc.Subtotal.Neg(), doc.Taxes[0].Amount.Neg(), doc.Total.Neg()
		return doc
	}
	tests := []struct {
		name string
		doc  func(n int) Document
	}{
		{"BesidePayment", pdfManyLines}, // totals beside the payment details
		{"BesideRetainer", retainer},    // beside the retainer's hours, a taller pair
		{"CreditNote", credit},          // fewer totals rows
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			crossings, prev := 0, 0
			for n := 10; n <= 60; n++ {
				page := pdfCheckTotalsPage(t, fmt.Sprintf("%s%d", tt.name, n), n, tt.doc(n))
				if prev > 0 && page > prev {
					crossings++
					t.Logf("%d lines: the totals move to page %d", n, page)
				}
				prev = page
			}
			// Without a page break in the range the case is not tested.
			if crossings == 0 {
				t.Fatalf("with 10 to 60 lines the totals stay on page %d; they never cross a page break", prev)
			}
		})
	}
}

// pdfCheckTotalsPage renders doc, an invoice of n lines, and wants the
// subtotal printed once, under the table header and at least two line rows,
// the last row among them, and every row printed once. It returns the number
// of the page with the totals.
func pdfCheckTotalsPage(t *testing.T, name string, n int, doc Document) int {
	t.Helper()
	subtotal := pdfLabelsFor(doc.Lang).subtotal
	row := regexp.MustCompile(`(\d{3}) · `)
	page, seen := 0, 0
	for i, p := range pdfPageTexts(t, pdfSample{name: name, doc: doc, bal: Balance{Balance: doc.Total}}) {
		flat := pdfSingleSpaced(p)
		seen += len(row.FindAllString(flat, -1))
		at := strings.Index(flat, subtotal)
		if at < 0 {
			continue
		}
		if page > 0 {
			t.Errorf("%d lines: %q on pages %d and %d", n, subtotal, page, i+1)
		}
		page = i + 1
		above := row.FindAllStringSubmatch(flat[:at], -1)
		switch {
		case len(above) < 2:
			t.Errorf("%d lines: the totals on page %d are under %d line rows; want at least 2", n, page, len(above))
		case above[len(above)-1][1] != fmt.Sprintf("%03d", n):
			t.Errorf("%d lines: the row above the totals is %s; want the last one", n, above[len(above)-1][1])
		case !strings.Contains(flat[:at], "Description Qty Unit price Amount"):
			t.Errorf("%d lines: the totals page lacks the table header", n)
		}
	}
	if page == 0 {
		t.Errorf("%d lines: no page prints %q", n, subtotal)
	}
	if seen != n {
		t.Errorf("%d lines: %d rows printed; want %d", n, seen, n)
	}
	return page
}

// pdfPageTexts renders s and returns the text of each page, as pdftotext
// -layout reads it.
func pdfPageTexts(t *testing.T, s pdfSample) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skipf("pdftotext is not installed (poppler-utils): %v", err)
	}
	cmd := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdfRenderSample(t, s))
	text, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Split(strings.TrimRight(string(text), "\f"), "\f")
}

func TestRenderDeterministic(t *testing.T) {
	doc := pdfSpanishInvoice(t)
	bal := Balance{Paid: pdfDec("500.00"), Balance: pdfDec("659.38")}
	for _, opt := range []Options{{}, {NoCompress: true}, {Created: time.Date(2027, 1, 5, 10, 0, 0, 0, time.UTC)}} {
		t.Run(fmt.Sprintf("NoCompress=%v", opt.NoCompress), func(t *testing.T) {
			var a, b bytes.Buffer
			if err := RenderWith(&a, doc, bal, opt); err != nil {
				t.Fatal(err)
			}
			if err := RenderWith(&b, doc, bal, opt); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Fatal("two renderings of the same document differ")
			}
			if !bytes.HasPrefix(a.Bytes(), []byte("%PDF-")) {
				t.Fatal("output is not a PDF")
			}
		})
	}
}

func TestRenderUsesIssueDateAsCreationDate(t *testing.T) {
	var buf bytes.Buffer
	if err := RenderWith(&buf, pdfUSInvoice(t), Balance{}, Options{NoCompress: true}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes(), []byte("/CreationDate (D:20261101")) {
		t.Fatal("creation date is not the issue date 2026-11-01")
	}
}

func TestRenderBadLogo(t *testing.T) {
	tests := []struct {
		name string
		logo []byte
	}{
		{"GIF", []byte("GIF89a\x01\x00\x01\x00")},
		{"TruncatedPNG", []byte("\x89PNG\r\n\x1a\n\x00\x00")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := pdfUSInvoice(t)
			doc.Logo = tt.logo
			err := Render(io.Discard, doc, Balance{})
			if err == nil {
				t.Fatal("no error for a broken logo")
			}
			if !strings.Contains(err.Error(), "logo") || !strings.Contains(err.Error(), "PNG or JPEG") {
				t.Fatalf("error %q does not say the logo must be a PNG or JPEG", err)
			}
		})
	}
}

func TestPDFDates(t *testing.T) {
	oct31 := pdfDay(2026, 10, 31)
	tests := []struct {
		name, locale string
		from, to     time.Time
		date, period string
	}{
		{"Spanish", "es-ES", pdfDay(2026, 10, 1), oct31, "31/10/2026", "1–31 oct 2026"},
		{"SpanishSeptember", "es", pdfDay(2026, 9, 1), pdfDay(2026, 9, 30), "31/10/2026", "1–30 sept 2026"},
		{"Italian", "it-IT", pdfDay(2026, 10, 1), oct31, "31/10/2026", "1–31 ott 2026"},
		{"AmericanEnglish", "en-US", pdfDay(2026, 10, 1), oct31, "Oct 31, 2026", "Oct 1–31, 2026"},
		{"BareEnglishIsAmerican", "en", pdfDay(2026, 10, 1), oct31, "Oct 31, 2026", "Oct 1–31, 2026"},
		{"BritishEnglish", "en-GB", pdfDay(2026, 10, 1), oct31, "31 Oct 2026", "1–31 Oct 2026"},
		{"AcrossMonths", "en-GB", pdfDay(2026, 10, 15), pdfDay(2026, 11, 14), "31 Oct 2026", "15 Oct – 14 Nov 2026"},
		{"AcrossMonthsAmerican", "en-US", pdfDay(2026, 10, 15), pdfDay(2026, 11, 14), "Oct 31, 2026", "Oct 15 – Nov 14, 2026"},
		{"AcrossYears", "es", pdfDay(2026, 12, 15), pdfDay(2027, 1, 14), "31/10/2026", "15 dic 2026 – 14 ene 2027"},
		{"OneDay", "it", oct31, oct31, "31/10/2026", "31 ott 2026"},
		{"NoPeriod", "en-GB", time.Time{}, time.Time{}, "31 Oct 2026", ""},
		{"OtherLanguageIsEnglishDayFirst", "pt-BR", pdfDay(2026, 10, 1), oct31, "31 Oct 2026", "1–31 Oct 2026"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := pdfDatesFor(tt.locale)
			if got := f.date(oct31); got != tt.date {
				t.Errorf("date = %q; want %q", got, tt.date)
			}
			if got := f.period(tt.from, tt.to); got != tt.period {
				t.Errorf("period = %q; want %q", got, tt.period)
			}
		})
	}
}

func TestPDFVocabularyComplete(t *testing.T) {
	// Labels that are the same word in English.
	same := map[string]map[string]bool{
		"es": {"total": true},
		"it": {"percent": true},
	}
	en := reflect.ValueOf(pdfVocabulary["en"])
	for _, lang := range []string{"en", "es", "it"} {
		t.Run(lang, func(t *testing.T) {
			l, ok := pdfVocabulary[lang]
			if !ok {
				t.Fatalf("no labels for %s", lang)
			}
			v := reflect.ValueOf(l)
			for i := range v.NumField() {
				name := v.Type().Field(i).Name
				f := v.Field(i)
				if f.Kind() == reflect.Array {
					for m := range f.Len() {
						if f.Index(m).String() == "" {
							t.Errorf("month %d has no name", m+1)
						}
					}
					continue
				}
				if f.String() == "" {
					t.Errorf("label %s is empty", name)
				}
				if lang != "en" && f.String() == en.Field(i).String() && !same[lang][name] {
					t.Errorf("label %s is the English %q", name, f.String())
				}
				if strings.Count(f.String(), "%") != strings.Count(en.Field(i).String(), "%") {
					t.Errorf("label %s %q takes other values than the English %q", name, f.String(), en.Field(i).String())
				}
			}
		})
	}
}

func TestPDFLabelsFallBackToEnglish(t *testing.T) {
	for _, lang := range []string{"", "de", "pt-BR", "ES_es", "It"} {
		t.Run(lang, func(t *testing.T) {
			want := "en"
			switch pdfLanguage(lang) {
			case "es", "it":
				want = pdfLanguage(lang)
			}
			if got := pdfLabelsFor(lang); got != pdfVocabulary[want] {
				t.Errorf("labels for %q are not the %s ones", lang, want)
			}
		})
	}
}

// TestFontHasGlyphs checks that the embedded fonts draw every character the
// labels and the pdfSample documents use, so none prints as an empty box (text
// extraction alone would not notice: a missing glyph still extracts).
func TestFontHasGlyphs(t *testing.T) {
	var text strings.Builder
	for _, l := range pdfVocabulary {
		v := reflect.ValueOf(l)
		for i := range v.NumField() {
			if f := v.Field(i); f.Kind() == reflect.Array {
				for m := range f.Len() {
					text.WriteString(f.Index(m).String())
				}
			} else {
				text.WriteString(f.String())
			}
		}
	}
	for _, s := range pdfSamples(t) {
		text.WriteString(strings.Join(s.want, ""))
	}
	text.WriteString("€£¥₹₩₱zł R$ ñàüł –·×«»")
	for _, font := range []struct {
		name string
		data []byte
	}{{"regular", assets.FontRegular}, {"bold", assets.FontBold}} {
		t.Run(font.name, func(t *testing.T) {
			f, err := sfnt.Parse(font.data)
			if err != nil {
				t.Fatal(err)
			}
			var buf sfnt.Buffer
			seen := map[rune]bool{}
			for _, r := range text.String() {
				if seen[r] || r < ' ' {
					continue
				}
				seen[r] = true
				if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
					t.Errorf("no glyph for %q (U+%04X)", r, r)
				}
			}
		})
	}
}

func TestGroupIBAN(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"Packed", "ES9121000418450200051332", "ES91 2100 0418 4502 0005 1332"},
		{"AlreadyGrouped", "IT60 X054 2811 1010 0000 0123 456", "IT60 X054 2811 1010 0000 0123 456"},
		{"OddSpacing", " de89 3704 00440532013000 ", "DE89 3704 0044 0532 0130 00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := groupIBAN(tt.in); got != tt.want {
				t.Errorf("groupIBAN(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

// BenchmarkEmptyPage is the floor every rendering pays: a PDF with the same
// two embedded fonts and one empty page.
func BenchmarkEmptyPage(b *testing.B) {
	for b.Loop() {
		p := fpdf.New("P", "mm", "A4", "")
		p.AddUTF8FontFromBytes(fontFamily, "", assets.FontRegular)
		p.AddUTF8FontFromBytes(fontFamily, "B", assets.FontBold)
		p.AddPage()
		p.SetFont(fontFamily, "", bodySize)
		if err := p.Output(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRender1Page(b *testing.B) {
	doc := pdfSpanishInvoice(b)
	bal := Balance{Paid: pdfDec("500.00"), Balance: pdfDec("659.38")}
	for b.Loop() {
		if err := Render(io.Discard, doc, bal); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRender500Lines(b *testing.B) {
	doc := pdfBigInvoice(b)
	bal := Balance{Balance: doc.Total}
	for b.Loop() {
		if err := Render(io.Discard, doc, bal); err != nil {
			b.Fatal(err)
		}
	}
}
