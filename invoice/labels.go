package invoice

import "strings"

// pdfLabels are the words the PDF prints of its own, in one language. Templates
// take their values in the order their comments give.
type pdfLabels struct {
	invoice, credit string // titles
	number          string
	draft           string // shown instead of the number of a draft
	issueDate       string
	dueDate         string
	period          string
	corrects        string // invoice number
	reason          string
	billTo          string
	taxID           string

	description, quantity, unitPrice, amount string

	subtotal, total, paid, balanceDue string
	dueOn                             string // date
	creditTotal                       string

	retainer   string
	hoursUsed  string // used, available
	hoursSplit string // included, carried in
	carriedOut string // hours carried to the next month
	timeByTask string
	hours      string

	notes   string
	payment string
	page    string // page number, page count
	percent string // rate

	months [12]string // abbreviated, as printed in dates
}

// pdfVocabulary holds the labels of every language the PDF speaks.
var pdfVocabulary = map[string]pdfLabels{
	"en": {
		invoice:     "INVOICE",
		credit:      "CREDIT NOTE",
		number:      "Number",
		draft:       "Draft",
		issueDate:   "Issue date",
		dueDate:     "Due date",
		period:      "Service period",
		corrects:    "Corrects invoice %s",
		reason:      "Reason",
		billTo:      "Bill to",
		taxID:       "Tax ID",
		description: "Description",
		quantity:    "Qty",
		unitPrice:   "Unit price",
		amount:      "Amount",
		subtotal:    "Subtotal",
		total:       "Total",
		paid:        "Paid",
		balanceDue:  "Balance due",
		dueOn:       "Due %s",
		creditTotal: "Total credited",
		retainer:    "Retainer",
		hoursUsed:   "Hours used %s of %s available",
		hoursSplit:  " (%s included + %s carried in)",
		carriedOut:  "; %s carried to next month",
		timeByTask:  "Time by task",
		hours:       "Hours",
		notes:       "Notes",
		payment:     "Payment details",
		page:        "Page %d of %s",
		percent:     "%s%%",
		months:      [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
	},
	"es": {
		invoice:     "FACTURA",
		credit:      "FACTURA RECTIFICATIVA",
		number:      "Número",
		draft:       "Borrador",
		issueDate:   "Fecha de emisión",
		dueDate:     "Vencimiento",
		period:      "Periodo de servicio",
		corrects:    "Rectifica la factura %s",
		reason:      "Motivo",
		billTo:      "Facturar a",
		taxID:       "NIF",
		description: "Concepto",
		quantity:    "Cantidad",
		unitPrice:   "Precio unitario",
		amount:      "Importe",
		subtotal:    "Base imponible",
		total:       "Total",
		paid:        "Pagado",
		balanceDue:  "Pendiente de pago",
		dueOn:       "Vence el %s",
		creditTotal: "Total rectificado",
		retainer:    "Iguala",
		hoursUsed:   "Horas usadas: %s de %s disponibles",
		hoursSplit:  " (%s incluidas + %s del mes anterior)",
		carriedOut:  "; %s pasan al mes siguiente",
		timeByTask:  "Tiempo por tarea",
		hours:       "Horas",
		notes:       "Observaciones",
		payment:     "Datos de pago",
		page:        "Página %d de %s",
		percent:     "%s %%",
		months:      [12]string{"ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"},
	},
	"it": {
		invoice:     "FATTURA",
		credit:      "NOTA DI CREDITO",
		number:      "Numero",
		draft:       "Bozza",
		issueDate:   "Data di emissione",
		dueDate:     "Scadenza",
		period:      "Periodo di riferimento",
		corrects:    "Rettifica la fattura %s",
		reason:      "Motivo",
		billTo:      "Cliente",
		taxID:       "P. IVA",
		description: "Descrizione",
		quantity:    "Quantità",
		unitPrice:   "Prezzo unitario",
		amount:      "Importo",
		subtotal:    "Imponibile",
		total:       "Totale",
		paid:        "Pagato",
		balanceDue:  "Saldo da pagare",
		dueOn:       "Scadenza %s",
		creditTotal: "Totale stornato",
		retainer:    "Canone",
		hoursUsed:   "Ore utilizzate %s su %s disponibili",
		hoursSplit:  " (%s incluse + %s riportate dal mese precedente)",
		carriedOut:  "; %s riportate al mese successivo",
		timeByTask:  "Tempo per attività",
		hours:       "Ore",
		notes:       "Note",
		payment:     "Coordinate di pagamento",
		page:        "Pagina %d di %s",
		percent:     "%s%%",
		months:      [12]string{"gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"},
	},
}

// pdfLanguage is the language part of a tag: "es-ES" and "es_ES" give "es".
func pdfLanguage(tag string) string {
	base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
	base, _, _ = strings.Cut(base, "_")
	return base
}

// pdfLabelsFor returns the labels of lang; a language the PDF does not speak
// gets English.
func pdfLabelsFor(lang string) pdfLabels {
	if l, ok := pdfVocabulary[pdfLanguage(lang)]; ok {
		return l
	}
	return pdfVocabulary["en"]
}
