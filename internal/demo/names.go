package demo

// clientSpec is one made-up client. The first six cover what a VA in Spain
// meets most: Spanish IVA with IRPF withholding, an Italian client under the
// forfettario regime, the US, the UK with VAT, Australia and a retainer.
type clientSpec struct {
	name, currency, rate        string
	lang, country, tz           string
	address, taxID, email       string
	taxes                       []string // NAME:PCT
	note, rounding              string
	retainer                    []string // fee, hours, overage rate, rollover cap
	noticeDays, termsDays, busy int      // busy weighs how much of the VA's time it takes
}

const (
	forfettario = "Operazione effettuata ai sensi dell'articolo 1, commi da 54 a 89, della Legge n. 190/2014 " +
		"(regime forfettario): operazione senza applicazione dell'IVA e non soggetta a ritenuta d'acconto."
	reverseCharge = "Reverse charge: VAT to be accounted for by the recipient (Article 196, Directive 2006/112/EC)."
)

var clientSpecs = []clientSpec{
	{name: "Clínica Dental Sonrisa S.L.", currency: "EUR", rate: "30", lang: "es", country: "ES", tz: "Europe/Madrid",
		address: "Calle de Alcalá 123, 3º B\n28009 Madrid", taxID: "B12345674", email: "administracion@clinicasonrisa.es",
		taxes: []string{"IVA:21", "IRPF:-15"}, rounding: "15m:up", noticeDays: 2, termsDays: 30, busy: 10},
	{name: "Sunrise Realty LLC", currency: "USD", rate: "35.50", lang: "en", country: "US", tz: "America/New_York",
		address: "450 Ocean Drive, Suite 12\nMiami, FL 33139", taxID: "EIN 84-1234567", email: "office@sunriserealty.com",
		noticeDays: 1, termsDays: 15, busy: 8},
	{name: "Hartley & Finch Ltd", currency: "GBP", rate: "28", lang: "en", country: "GB", tz: "Europe/London",
		address: "27 Mill Lane\nBristol BS1 4QR", taxID: "GB123456789", email: "accounts@hartleyfinch.co.uk",
		taxes: []string{"VAT:20"}, rounding: "6m:nearest", noticeDays: 3, termsDays: 30, busy: 6},
	{name: "Studio Legale Bianchi", currency: "EUR", rate: "32", lang: "it", country: "IT", tz: "Europe/Rome",
		address: "Via Garibaldi 18\n10122 Torino TO", taxID: "IT01234567890", email: "segreteria@studiobianchi.it",
		note: forfettario, noticeDays: 2, termsDays: 30, busy: 5},
	{name: "Koala Coaching Pty Ltd", currency: "AUD", rate: "52", lang: "en", country: "AU", tz: "Australia/Sydney",
		address: "8 Harbour Street\nSydney NSW 2000", taxID: "ABN 51 824 753 556", email: "hello@koalacoaching.com.au",
		termsDays: 14, busy: 4},
	{name: "Bright Path Coaching", currency: "USD", rate: "40", lang: "en", country: "US", tz: "America/Los_Angeles",
		address: "1200 Sunset Blvd\nLos Angeles, CA 90026", email: "team@brightpathcoaching.com",
		retainer: []string{"1200", "30", "45", "5"}, noticeDays: 2, termsDays: 7, busy: 7},
	{name: "Inmobiliaria Costa Azul S.L.", currency: "EUR", rate: "25", lang: "es", country: "ES", tz: "Europe/Madrid",
		address: "Avenida del Mar 45\n03001 Alicante", taxID: "B87654321", email: "gestion@costaazul.es",
		taxes: []string{"IVA:21", "IRPF:-15"}, noticeDays: 1, termsDays: 30, busy: 3},
	{name: "Maple Leaf Bookkeeping Inc.", currency: "CAD", rate: "42", lang: "en", country: "CA", tz: "America/Toronto",
		address: "77 King Street West\nToronto, ON M5K 1A1", email: "office@mapleleafbooks.ca", termsDays: 30, busy: 3},
	{name: "Atelier Moreau SARL", currency: "EUR", rate: "35", lang: "en", country: "FR", tz: "Europe/Paris",
		address: "14 rue des Martyrs\n75009 Paris", taxID: "FR40123456789", email: "contact@ateliermoreau.fr",
		note: reverseCharge, termsDays: 30, busy: 2},
	{name: "Sakura Trading K.K.", currency: "JPY", rate: "4500", lang: "en", country: "JP", tz: "Asia/Tokyo",
		address: "2-4-1 Marunouchi, Chiyoda-ku\nTokyo 100-0005", email: "info@sakuratrading.jp", termsDays: 30, busy: 2},
	{name: "Osteria da Marco", currency: "EUR", rate: "22", lang: "it", country: "IT", tz: "Europe/Rome",
		address: "Piazza delle Erbe 3\n37121 Verona VR", taxID: "IT09876543210", email: "marco@osteriadamarco.it",
		note: forfettario, retainer: []string{"400", "16", "", "4"}, termsDays: 15, busy: 2},
	{name: "Van der Berg Architecten B.V.", currency: "EUR", rate: "38", lang: "en", country: "NL", tz: "Europe/Amsterdam",
		address: "Keizersgracht 210\n1016 DZ Amsterdam", taxID: "NL123456789B01", email: "admin@vdberg-architecten.nl",
		note: reverseCharge, rounding: "30m:up", termsDays: 30, busy: 1},
}

// hourlyTasks is what a VA does by the hour, most common first.
var hourlyTasks = []string{
	"Inbox management", "Calendar management", "Bookkeeping", "Social media scheduling", "Customer support",
	"Travel booking", "Newsletter", "Data entry", "CRM cleanup", "Research", "Invoice chasing", "Meeting notes",
	"Appointment scheduling", "Expense reports", "Canva graphics", "Blog post formatting", "Podcast show notes",
	"Lead generation", "Online store updates", "Email campaigns", "Proofreading", "Transcription",
	"Document formatting", "Event planning", "Supplier coordination", "Payroll preparation", "Website updates",
	"Community moderation", "Order processing", "Slide decks", "Market research", "Onboarding paperwork",
}

// deliverable are the hourly tasks that come with a deadline.
var deliverable = map[string]bool{
	"Travel booking": true, "Newsletter": true, "Research": true, "Expense reports": true, "Blog post formatting": true,
	"Podcast show notes": true, "Email campaigns": true, "Proofreading": true, "Transcription": true,
	"Document formatting": true, "Event planning": true, "Payroll preparation": true, "Slide decks": true,
	"Market research": true, "Onboarding paperwork": true, "Website updates": true,
}

// dueHours are the hours things are due at.
var dueHours = []int{10, 12, 14, 17, 18}

// fixedTasks are one-off projects sold at a price.
var fixedTasks = []struct{ name, price string }{
	{"Website migration", "600"}, {"Annual report layout", "450"}, {"Podcast launch", "900"},
	{"Online shop setup", "750"}, {"Course platform setup", "800"}, {"Brand style guide", "350"},
}

// nonBillableTasks are the VA's own time spent on a client.
var nonBillableTasks = []string{"Internal admin", "Training", "Discovery call"}

// notes are what a VA jots on an entry, now and then.
var notes = []string{
	"weekly report", "follow-up sent", "waiting for reply", "urgent request by phone", "as agreed by email",
	"second round of changes", "end-of-month close", "new client onboarding",
}
