package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/inputerr"
	"github.com/horasapp/horas/internal/money"
	"github.com/horasapp/horas/internal/tracking"
)

// clientFlags are the settings flags shared by client add and client edit.
type clientFlags struct {
	fs                                                   *flag.FlagSet
	currency, rate, address, taxID, email, lang, country *string
	tz, rounding, urgent, rush, fee, hours, overage, cap *string
	note                                                 *string
	terms, notice                                        *int
	noRetainer, archive, unarchive                       *bool
	taxes                                                listFlag
}

func newClientFlags(name string) *clientFlags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	f := &clientFlags{fs: fs}
	f.currency = fs.String("currency", "", "ISO 4217 code")
	f.rate = fs.String("rate", "", "hourly rate")
	f.address = fs.String("address", "", "postal address")
	f.taxID = fs.String("tax-id", "", "tax id")
	f.email = fs.String("email", "", "email")
	f.lang = fs.String("lang", "", "invoice language")
	f.country = fs.String("country", "", "ISO country code")
	f.tz = fs.String("tz", "", "IANA time zone")
	f.terms = fs.Int("terms-days", 30, "payment terms in days")
	f.rounding = fs.String("rounding", "", "e.g. 15m:up")
	f.urgent = fs.String("urgent", "", "urgent multiplier")
	f.rush = fs.String("rush", "", "rush multiplier")
	f.notice = fs.Int("notice-days", 0, "notice period in days")
	f.fee = fs.String("retainer-fee", "", "monthly retainer fee")
	f.hours = fs.String("retainer-hours", "", "hours the retainer covers")
	f.overage = fs.String("overage-rate", "", "rate beyond the retainer hours")
	f.cap = fs.String("rollover-cap", "", "hours that may roll over")
	f.note = fs.String("note", "", "legal note on invoices")
	f.noRetainer = fs.Bool("no-retainer", false, "remove the retainer")
	f.archive = fs.Bool("archive", false, "hide the client from the Track screen")
	f.unarchive = fs.Bool("unarchive", false, "show the client again")
	fs.Var(&f.taxes, "tax", "NAME:PCT, repeatable")
	return f
}

func decFlag(what, s string) (decimal.Decimal, error) {
	d, err := decimal.NewFromString(strings.TrimSpace(s))
	if err != nil || strings.ContainsAny(s, "eE") {
		return d, inputerr.New("%s %q is not a number: write digits with a dot for decimals, e.g. 1.5", what, s)
	}
	return d, nil
}

// apply writes the flags that were given onto c.
func (f *clientFlags) apply(c *tracking.Client) error {
	set := map[string]bool{}
	f.fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	str := map[string]*string{"address": &c.Address, "tax-id": &c.TaxID, "email": &c.Email, "lang": &c.Lang,
		"country": &c.Country, "tz": &c.TZ, "note": &c.Note}
	vals := map[string]*string{"address": f.address, "tax-id": f.taxID, "email": f.email, "lang": f.lang,
		"country": f.country, "tz": f.tz, "note": f.note}
	for k, dst := range str {
		if set[k] {
			*dst = *vals[k]
		}
	}
	if set["currency"] {
		code, err := money.NormalizeCode(*f.currency)
		if err != nil {
			return inputerr.Wrap(err)
		}
		c.Currency = code
	}
	if set["rate"] {
		r, err := decFlag("rate", *f.rate)
		if err != nil {
			return err
		}
		c.Rate = r
	}
	if set["terms-days"] {
		c.TermsDays = *f.terms
	}
	if set["notice-days"] {
		c.NoticeDays = *f.notice
	}
	if set["rounding"] {
		r, err := billing.ParseRounding(*f.rounding)
		if err != nil {
			return inputerr.Wrap(err)
		}
		c.Rounding = r
	}
	for _, m := range []struct {
		name string
		dst  *decimal.Decimal
	}{{"urgent", &c.Urgent}, {"rush", &c.Rush}} {
		if set[m.name] {
			v, err := decFlag(m.name+" multiplier", *map[string]*string{"urgent": f.urgent, "rush": f.rush}[m.name])
			if err != nil {
				return err
			}
			*m.dst = v
		}
	}
	if set["tax"] {
		c.Taxes = nil
		for _, s := range f.taxes {
			if s == "" || strings.EqualFold(s, "none") {
				continue
			}
			t, err := billing.ParseTax(s)
			if err != nil {
				return inputerr.Wrap(err)
			}
			c.Taxes = append(c.Taxes, t)
		}
	}
	if *f.noRetainer {
		c.Retainer = nil
	}
	if set["retainer-fee"] || set["retainer-hours"] || set["overage-rate"] || set["rollover-cap"] {
		r := billing.Retainer{}
		if c.Retainer != nil {
			r = *c.Retainer
		} else if !set["retainer-fee"] || !set["retainer-hours"] {
			return inputerr.New("a retainer needs both --retainer-fee and --retainer-hours")
		}
		var err error
		if set["retainer-fee"] {
			if r.Fee, err = decFlag("retainer fee", *f.fee); err != nil {
				return err
			}
		}
		if set["retainer-hours"] {
			if r.Hours, err = decFlag("retainer hours", *f.hours); err != nil {
				return err
			}
		}
		if set["overage-rate"] {
			r.OverageRate = decimal.NullDecimal{}
			if *f.overage != "" {
				d, err := decFlag("overage rate", *f.overage)
				if err != nil {
					return err
				}
				r.OverageRate = decimal.NullDecimal{Decimal: d, Valid: true}
			}
		}
		if set["rollover-cap"] {
			if r.RolloverCap, err = decFlag("rollover cap", *f.cap); err != nil {
				return err
			}
		}
		c.Retainer = &r
	}
	if *f.archive && *f.unarchive {
		return inputerr.New("--archive and --unarchive contradict each other: give one")
	}
	if *f.archive {
		c.Archived = true
	}
	if *f.unarchive {
		c.Archived = false
	}
	return nil
}

func clientAdd(e *Env, args []string) error {
	f := newClientFlags("client add")
	pos, err := parse(f.fs, args, 1, 1, "horas client add NAME --currency CUR --rate R [flags]")
	if err != nil {
		return err
	}
	set := map[string]bool{}
	f.fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	if !set["currency"] || !set["rate"] {
		return inputerr.New("a client needs --currency and --rate, e.g. --currency EUR --rate 35")
	}
	c := tracking.NewClient(pos[0], "", decimal.Zero)
	if err := f.apply(&c); err != nil {
		return err
	}
	c, err = e.Tracking.AddClient(context.Background(), c)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "added client %s (%s %s/h)\n", c.Name, money.Fixed(c.Rate, c.Currency), c.Currency)
	return nil
}

func clientEdit(e *Env, args []string) error {
	f := newClientFlags("client edit")
	name := f.fs.String("name", "", "new name")
	pos, err := parse(f.fs, args, 1, 1, "horas client edit NAME [flags]")
	if err != nil {
		return err
	}
	ctx := context.Background()
	c, err := e.Tracking.ClientByName(ctx, pos[0])
	if err != nil {
		return err
	}
	if err := f.apply(&c); err != nil {
		return err
	}
	if *name != "" {
		c.Name = *name
	}
	if err := e.Tracking.UpdateClient(ctx, c); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "updated client %s\n", c.Name)
	return nil
}

type clientJSON struct {
	ID         int64         `json:"id"`
	Name       string        `json:"name"`
	Currency   string        `json:"currency"`
	Rate       string        `json:"rate"`
	Address    string        `json:"address"`
	TaxID      string        `json:"tax_id"`
	Email      string        `json:"email"`
	Lang       string        `json:"lang"`
	Country    string        `json:"country"`
	TZ         string        `json:"tz"`
	TermsDays  int           `json:"terms_days"`
	Rounding   *string       `json:"rounding"`
	Urgent     string        `json:"urgent"`
	Rush       string        `json:"rush"`
	NoticeDays int           `json:"notice_days"`
	Retainer   *retainerJSON `json:"retainer"`
	Taxes      []taxJSON     `json:"taxes"`
	Note       string        `json:"note"`
	Archived   bool          `json:"archived"`
}

type retainerJSON struct {
	Fee         string  `json:"fee"`
	Hours       string  `json:"hours"`
	OverageRate *string `json:"overage_rate"`
	RolloverCap string  `json:"rollover_cap"`
}

type taxJSON struct {
	Name string `json:"name"`
	Pct  string `json:"pct"`
}

func toClientJSON(c tracking.Client) clientJSON {
	j := clientJSON{ID: c.ID, Name: c.Name, Currency: c.Currency, Rate: money.Fixed(c.Rate, c.Currency),
		Address: c.Address, TaxID: c.TaxID, Email: c.Email, Lang: c.Lang, Country: c.Country, TZ: c.TZ,
		TermsDays: c.TermsDays, Urgent: c.Urgent.String(), Rush: c.Rush.String(), NoticeDays: c.NoticeDays,
		Note: c.Note, Archived: c.Archived, Taxes: []taxJSON{}}
	if !c.Rounding.IsZero() {
		r := c.Rounding.String()
		j.Rounding = &r
	}
	if r := c.Retainer; r != nil {
		j.Retainer = &retainerJSON{Fee: money.Fixed(r.Fee, c.Currency), Hours: r.Hours.String(), RolloverCap: r.RolloverCap.String()}
		if r.OverageRate.Valid {
			o := money.Fixed(r.OverageRate.Decimal, c.Currency)
			j.Retainer.OverageRate = &o
		}
	}
	for _, t := range c.Taxes {
		j.Taxes = append(j.Taxes, taxJSON{t.Name, t.Pct.String()})
	}
	return j
}

func clientList(e *Env, args []string) error {
	fs := flag.NewFlagSet("client list", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "JSON output")
	all := fs.Bool("all", false, "include archived clients")
	if _, err := parse(fs, args, 0, 0, "horas client list [--json] [--all]"); err != nil {
		return err
	}
	cs, err := e.Tracking.Clients(context.Background(), *all)
	if err != nil {
		return err
	}
	if *asJSON {
		out := []clientJSON{}
		for _, c := range cs {
			out = append(out, toClientJSON(c))
		}
		return printJSON(e.Stdout, out)
	}
	w := tabwriter.NewWriter(e.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "NAME\tRATE\tLANG\tZONE\tTERMS\tRETAINER\tTAXES")
	for _, c := range cs {
		ret := "-"
		if c.Retainer != nil {
			ret = fmt.Sprintf("%s for %s h", money.Fixed(c.Retainer.Fee, c.Currency), c.Retainer.Hours)
		}
		var taxes []string
		for _, t := range c.Taxes {
			taxes = append(taxes, t.String())
		}
		fmt.Fprintf(w, "%s\t%s %s/h\t%s\t%s\t%d d\t%s\t%s\n", c.Name, money.Fixed(c.Rate, c.Currency), c.Currency,
			c.Lang, c.TZ, c.TermsDays, ret, strings.Join(taxes, " "))
	}
	return w.Flush()
}
