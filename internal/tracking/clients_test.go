package tracking_test

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/tracking"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func nullDec(s string) decimal.NullDecimal {
	return decimal.NullDecimal{Decimal: dec(s), Valid: true}
}

func tax(t *testing.T, s string) billing.Tax {
	t.Helper()
	x, err := billing.ParseTax(s)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func TestAddClientDefaults(t *testing.T) {
	e := newEnv(t, "Europe/Madrid")
	added := e.client("Acme", "EUR", "40")
	got, err := e.s.ClientByName(ctx, "ACME")
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != added.ID || got.ID == 0 {
		t.Fatalf("id %d, added as %d", got.ID, added.ID)
	}
	checks := []struct {
		name string
		ok   bool
	}{
		{"Name", got.Name == "Acme"},
		{"Currency", got.Currency == "EUR"},
		{"Rate", got.Rate.Equal(dec("40"))},
		{"Lang", got.Lang == "en"},
		{"Country", got.Country == ""},
		{"TZ", got.TZ == "UTC"},
		{"Urgent", got.Urgent.Equal(dec("1.5"))},
		{"Rush", got.Rush.Equal(dec("2"))},
		{"TermsDays", got.TermsDays == 30},
		{"NoticeDays", got.NoticeDays == 0},
		{"Rounding", got.Rounding.IsZero()},
		{"Retainer", got.Retainer == nil},
		{"Taxes", len(got.Taxes) == 0},
		{"Note", got.Note == ""},
		{"Archived", !got.Archived},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s: got %+v", c.name, got)
		}
	}
	// The rate is stored with the currency's minor digits.
	var rate string
	if err := e.db.Reader().QueryRowContext(ctx, "SELECT rate FROM clients WHERE id = ?", got.ID).Scan(&rate); err != nil {
		t.Fatal(err)
	}
	if rate != "40.00" {
		t.Errorf("stored rate %q, want 40.00", rate)
	}
}

func TestClientInputAccepted(t *testing.T) {
	tests := []struct {
		name         string
		edit         func(*tracking.Client)
		wantCurrency string
		wantRate     string
		wantLang     string
		wantCountry  string
	}{
		{"LowercaseCurrency", func(c *tracking.Client) { c.Currency = " eur " }, "EUR", "40", "en", ""},
		{"KWDThreeDecimals", func(c *tracking.Client) { c.Currency, c.Rate = "KWD", dec("1.234") }, "KWD", "1.234", "en", ""},
		{"JPYWholeRate", func(c *tracking.Client) { c.Currency, c.Rate = "JPY", dec("1200") }, "JPY", "1200", "en", ""},
		{"EURTrailingZeros", func(c *tracking.Client) { c.Rate = dec("12.300") }, "EUR", "12.3", "en", ""},
		{"ZeroRate", func(c *tracking.Client) { c.Rate = decimal.Zero }, "EUR", "0", "en", ""},
		{"LangAndCountryCased", func(c *tracking.Client) { c.Lang, c.Country = "ES", "es" }, "EUR", "40", "es", "ES"},
		{"EmptyLangIsEnglish", func(c *tracking.Client) { c.Lang = "" }, "EUR", "40", "en", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, "Europe/Madrid")
			c := tracking.NewClient("Acme", "EUR", dec("40"))
			tt.edit(&c)
			if _, err := e.s.AddClient(ctx, c); err != nil {
				t.Fatal(err)
			}
			got, err := e.s.ClientByName(ctx, "Acme")
			if err != nil {
				t.Fatal(err)
			}
			if got.Currency != tt.wantCurrency || !got.Rate.Equal(dec(tt.wantRate)) || got.Lang != tt.wantLang || got.Country != tt.wantCountry {
				t.Fatalf("got %s %s lang %q country %q, want %s %s lang %q country %q",
					got.Currency, got.Rate, got.Lang, got.Country, tt.wantCurrency, tt.wantRate, tt.wantLang, tt.wantCountry)
			}
		})
	}
}

// Every refusal is an input error and writes nothing, whether the client is
// being added or an existing one edited.
func TestClientInputRefused(t *testing.T) {
	tests := []struct {
		name string
		edit func(*tracking.Client)
	}{
		{"UnknownCurrency", func(c *tracking.Client) { c.Currency = "XYZ" }},
		{"EmptyCurrency", func(c *tracking.Client) { c.Currency = "" }},
		{"EmptyName", func(c *tracking.Client) { c.Name = "  " }},
		{"NegativeRate", func(c *tracking.Client) { c.Rate = dec("-1") }},
		{"EURThreeDecimals", func(c *tracking.Client) { c.Rate = dec("12.345") }},
		{"JPYDecimals", func(c *tracking.Client) { c.Currency, c.Rate = "JPY", dec("10.5") }},
		{"KWDFourDecimals", func(c *tracking.Client) { c.Currency, c.Rate = "KWD", dec("1.2345") }},
		{"UnknownTimeZone", func(c *tracking.Client) { c.TZ = "Europe/Atlantis" }},
		{"LocalTimeZone", func(c *tracking.Client) { c.TZ = "Local" }},
		{"LanguageTooLong", func(c *tracking.Client) { c.Lang = "spa" }},
		{"LanguageNotLetters", func(c *tracking.Client) { c.Lang = "e1" }},
		{"CountryTooLong", func(c *tracking.Client) { c.Country = "ESP" }},
		{"DuplicateNameOtherCase", func(c *tracking.Client) { c.Name = "acme" }},
		{"DuplicateNameSpaces", func(c *tracking.Client) { c.Name = " ACME " }},
		{"RetainerZeroHours", func(c *tracking.Client) { c.Retainer = &billing.Retainer{Fee: dec("500"), Hours: decimal.Zero} }},
		{"RetainerFeeTooPrecise", func(c *tracking.Client) { c.Retainer = &billing.Retainer{Fee: dec("500.001"), Hours: dec("10")} }},
		{"RetainerNegativeCap", func(c *tracking.Client) {
			c.Retainer = &billing.Retainer{Fee: dec("500"), Hours: dec("10"), RolloverCap: dec("-1")}
		}},
		{"OverageRateTooPrecise", func(c *tracking.Client) {
			c.Retainer = &billing.Retainer{Fee: dec("500"), Hours: dec("10"), OverageRate: nullDec("45.555")}
		}},
		{"DuplicateTax", func(c *tracking.Client) {
			c.Taxes = []billing.Tax{{Name: "IVA", Pct: dec("21")}, {Name: "iva", Pct: dec("10")}}
		}},
		{"UrgentBelowOne", func(c *tracking.Client) { c.Urgent = dec("0.5") }},
		{"NegativeTerms", func(c *tracking.Client) { c.TermsDays = -1 }},
		{"NegativeNotice", func(c *tracking.Client) { c.NoticeDays = -1 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, "Europe/Madrid")
			e.client("Acme", "EUR", "40")
			globex, err := e.s.AddClient(ctx, func() tracking.Client {
				c := tracking.NewClient("Globex", "EUR", dec("50"))
				c.Taxes = []billing.Tax{{Name: "VAT", Pct: dec("20")}}
				return c
			}())
			if err != nil {
				t.Fatal(err)
			}
			before := e.dump("clients") + e.dump("client_taxes")

			t.Run("Add", func(t *testing.T) {
				c := tracking.NewClient("Initech", "EUR", dec("40"))
				tt.edit(&c)
				_, err := e.s.AddClient(ctx, c)
				wantInputErr(t, err)
				if after := e.dump("clients") + e.dump("client_taxes"); after != before {
					t.Fatalf("refused add changed the DB:\nbefore %s\nafter %s", before, after)
				}
			})
			t.Run("Update", func(t *testing.T) {
				c, err := e.s.Client(ctx, globex.ID)
				if err != nil {
					t.Fatal(err)
				}
				tt.edit(&c)
				wantInputErr(t, e.s.UpdateClient(ctx, c))
				if after := e.dump("clients") + e.dump("client_taxes"); after != before {
					t.Fatalf("refused update changed the DB:\nbefore %s\nafter %s", before, after)
				}
			})
		})
	}
}

func TestDuplicateClientIsErrDuplicate(t *testing.T) {
	e := newEnv(t, "UTC")
	e.client("Acme", "EUR", "40")
	_, err := e.s.AddClient(ctx, tracking.NewClient("acme", "USD", dec("50")))
	if !errors.Is(err, tracking.ErrDuplicate) {
		t.Fatalf("error %v, want ErrDuplicate", err)
	}
}

func TestClientNotFound(t *testing.T) {
	e := newEnv(t, "UTC")
	e.client("Acme", "EUR", "40")
	tests := []struct {
		name string
		err  func() error
	}{
		{"ByID", func() error { _, err := e.s.Client(ctx, 99); return err }},
		{"ByName", func() error { _, err := e.s.ClientByName(ctx, "Globex"); return err }},
		{"Update", func() error { return e.s.UpdateClient(ctx, tracking.NewClient("Globex", "EUR", dec("1"))) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.err()
			wantInputErr(t, err)
			if !errors.Is(err, tracking.ErrNotFound) {
				t.Fatalf("error %v, want ErrNotFound", err)
			}
		})
	}
}

func TestUpdateClientRoundTrip(t *testing.T) {
	tests := []struct {
		name     string
		retainer *billing.Retainer
		taxes    []string
	}{
		{"RetainerWithOverageRate", &billing.Retainer{Fee: dec("800"), Hours: dec("20"), OverageRate: nullDec("45.5"), RolloverCap: dec("5")}, []string{"IVA:21", "IRPF:-15"}},
		{"RetainerWithoutOverageRate", &billing.Retainer{Fee: dec("800.50"), Hours: dec("12.5")}, []string{"IRPF:-15", "IVA:21"}},
		{"NoRetainerNoTaxes", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, "Europe/Madrid")
			// Start from a client that has a retainer and a tax, so the
			// update has to remove as well as set.
			start := tracking.NewClient("Acme", "EUR", dec("40"))
			start.Retainer = &billing.Retainer{Fee: dec("100"), Hours: dec("1"), OverageRate: nullDec("1")}
			start.Taxes = []billing.Tax{{Name: "VAT", Pct: dec("20")}}
			c, err := e.s.AddClient(ctx, start)
			if err != nil {
				t.Fatal(err)
			}

			c.Name = "Acme Ltd"
			c.Currency = "eur"
			c.Rate = dec("42.50")
			c.Address = "Calle Mayor 1\n28013 Madrid"
			c.TaxID = "B12345678"
			c.Email = "pay@acme.example"
			c.Lang = "es"
			c.Country = "ES"
			c.TZ = "America/New_York"
			c.TermsDays = 15
			c.Rounding = billing.Rounding{Minutes: 15, Mode: billing.RoundUp}
			c.Urgent = dec("1.25")
			c.Rush = dec("3")
			c.NoticeDays = 7
			c.Retainer = tt.retainer
			c.Taxes = nil
			for _, s := range tt.taxes {
				c.Taxes = append(c.Taxes, tax(t, s))
			}
			c.Note = "Inversión del sujeto pasivo"
			c.Archived = true
			if err := e.s.UpdateClient(ctx, c); err != nil {
				t.Fatal(err)
			}

			got, err := e.s.Client(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			checks := []struct {
				field string
				ok    bool
			}{
				{"Name", got.Name == "Acme Ltd"},
				{"Currency", got.Currency == "EUR"},
				{"Rate", got.Rate.Equal(dec("42.5"))},
				{"Address", got.Address == c.Address},
				{"TaxID", got.TaxID == c.TaxID},
				{"Email", got.Email == c.Email},
				{"Lang", got.Lang == "es"},
				{"Country", got.Country == "ES"},
				{"TZ", got.TZ == "America/New_York" && got.Location().String() == "America/New_York"},
				{"TermsDays", got.TermsDays == 15},
				{"Rounding", got.Rounding == billing.Rounding{Minutes: 15, Mode: billing.RoundUp}},
				{"Urgent", got.Urgent.Equal(dec("1.25"))},
				{"Rush", got.Rush.Equal(dec("3"))},
				{"NoticeDays", got.NoticeDays == 7},
				{"Note", got.Note == c.Note},
				{"Archived", got.Archived},
				{"Retainer", sameRetainer(got.Retainer, tt.retainer)},
				{"Taxes", sameTaxes(got.Taxes, c.Taxes)},
			}
			for _, ch := range checks {
				if !ch.ok {
					t.Errorf("%s did not round-trip: got %+v (retainer %+v)", ch.field, got, got.Retainer)
				}
			}

			// Archived clients leave the default list but stay reachable.
			list, err := e.s.Clients(ctx, false)
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != 0 {
				t.Errorf("Clients(false) = %d clients, want the archived one hidden", len(list))
			}
			list, err = e.s.Clients(ctx, true)
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != 1 || !sameTaxes(list[0].Taxes, c.Taxes) || !sameRetainer(list[0].Retainer, tt.retainer) {
				t.Errorf("Clients(true) = %+v", list)
			}
		})
	}
}

func sameRetainer(a, b *billing.Retainer) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Fee.Equal(b.Fee) && a.Hours.Equal(b.Hours) && a.RolloverCap.Equal(b.RolloverCap) &&
		a.OverageRate.Valid == b.OverageRate.Valid && a.OverageRate.Decimal.Equal(b.OverageRate.Decimal)
}

func sameTaxes(a, b []billing.Tax) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Name != b[i].Name || !a[i].Pct.Equal(b[i].Pct) {
			return false
		}
	}
	return true
}

func TestClientsListedByName(t *testing.T) {
	e := newEnv(t, "UTC")
	for _, n := range []string{"Globex", "acme", "Initech"} {
		e.client(n, "EUR", "10")
	}
	cs, err := e.s.Clients(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range cs {
		names = append(names, c.Name)
	}
	if got, want := len(names), 3; got != want || names[0] != "acme" || names[1] != "Globex" || names[2] != "Initech" {
		t.Fatalf("clients %v, want acme, Globex, Initech", names)
	}
}
