package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/fx"
	"github.com/horasapp/horas/internal/inputerr"
	"github.com/horasapp/horas/internal/money"
	"github.com/horasapp/horas/invoice"
)

func profileSet(e *Env, args []string) error {
	fs := flag.NewFlagSet("profile set", flag.ContinueOnError)
	vals := map[string]*string{}
	for _, name := range []string{"name", "address", "tax-id", "email", "country", "logo", "iban", "bic", "paypal", "wise",
		"payment-note", "home-currency", "invoice-series", "credit-series", "time-zone"} {
		vals[name] = fs.String(name, "", name)
	}
	if _, err := parse(fs, args, 0, 0, "horas profile set [--name N] [--address TEXT] [--tax-id ID] [--email E] [--logo FILE] [--iban I] [--bic B] [--paypal P] [--wise W] [--payment-note TEXT] [--home-currency CUR] [--invoice-series PATTERN] [--credit-series PATTERN] [--time-zone ZONE]"); err != nil {
		return err
	}
	ctx := context.Background()
	p, err := e.Invoices.Profile(ctx)
	if err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	dst := map[string]*string{"name": &p.Name, "address": &p.Address, "tax-id": &p.TaxID, "email": &p.Email,
		"country": &p.Country, "iban": &p.IBAN, "bic": &p.BIC, "paypal": &p.PayPal, "wise": &p.Wise,
		"payment-note": &p.PaymentNote, "home-currency": &p.HomeCurrency, "invoice-series": &p.InvoiceSeries,
		"credit-series": &p.CreditSeries, "time-zone": &p.TimeZone}
	for k, d := range dst {
		if set[k] {
			*d = *vals[k]
		}
	}
	if set["logo"] {
		p.Logo = nil
		if *vals["logo"] != "" {
			b, err := os.ReadFile(*vals["logo"])
			if err != nil {
				return inputerr.New("logo: cannot read %s: give the path of a PNG or JPEG file", *vals["logo"])
			}
			p.Logo = b
		}
	}
	if err := e.Invoices.SaveProfile(ctx, p); err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, "profile saved")
	if m := p.Missing(); m != "" {
		fmt.Fprintf(e.Stdout, "still needed before issuing invoices: %s\n", m)
	}
	return nil
}

func parseMonth(s string) (int, time.Month, error) {
	t, err := time.Parse("2006-01", strings.TrimSpace(s))
	if err != nil {
		return 0, 0, inputerr.New("month %q: write YYYY-MM, e.g. 2026-10", s)
	}
	return t.Year(), t.Month(), nil
}

func invoiceCreate(e *Env, args []string) error {
	fs := flag.NewFlagSet("invoice create", flag.ContinueOnError)
	month := fs.String("month", "", "YYYY-MM")
	issue := dateFlag{timeFlag: timeFlag{zone: time.UTC}}
	fs.Var(&issue, "issue-date", "issue date (default today)")
	draft := fs.Bool("draft", false, "save a draft, do not issue")
	pos, err := parse(fs, args, 1, 1, "horas invoice create CLIENT --month YYYY-MM [--issue-date D] [--draft]")
	if err != nil {
		return err
	}
	if *month == "" {
		return inputerr.New("which month? add --month YYYY-MM")
	}
	y, m, err := parseMonth(*month)
	if err != nil {
		return err
	}
	ctx := context.Background()
	c, err := e.Tracking.ClientByName(ctx, pos[0])
	if err != nil {
		return err
	}
	if *draft {
		id, err := e.Invoices.Prepare(ctx, c.ID, y, m)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.Stdout, id)
		return nil
	}
	num, err := e.Invoices.Create(ctx, c.ID, y, m, issue.t)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, num)
	return nil
}

type lineJSON struct {
	Kind        string `json:"kind"`
	Description string `json:"description"`
	Quantity    string `json:"quantity"`
	UnitPrice   string `json:"unit_price"`
	Amount      string `json:"amount"`
}

type docTaxJSON struct {
	Name   string `json:"name"`
	Rate   string `json:"rate"`
	Amount string `json:"amount"`
}

type paymentJSON struct {
	Date   string `json:"date"`
	Amount string `json:"amount"`
	Method string `json:"method"`
	Note   string `json:"note"`
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func invoiceShow(e *Env, args []string) error {
	fs := flag.NewFlagSet("invoice show", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "JSON output")
	pos, err := parse(fs, args, 1, 1, "horas invoice show NUMBER [--json]")
	if err != nil {
		return err
	}
	r, err := e.Invoices.Get(context.Background(), pos[0])
	if err != nil {
		return err
	}
	cur := r.Currency
	f := func(d decimal.Decimal) string { return money.Fixed(d, cur) }
	if *asJSON {
		out := map[string]any{
			"id": r.ID, "kind": r.Kind, "number": r.Number, "client": r.Client, "currency": cur,
			"issue_date": day(r.IssueDate), "due_date": day(r.DueDate), "status": r.Status,
			"period":   fmt.Sprintf("%d-%02d", r.Year, r.Month),
			"subtotal": f(r.Doc.Subtotal), "total": f(r.Total), "paid": f(r.Paid), "credited": f(r.Credited),
			"balance": f(r.Summary.Balance), "note": r.Doc.Note, "corrects": r.Doc.Corrects, "credit_notes": r.Credits,
		}
		lines := []lineJSON{}
		for _, l := range r.Doc.Lines {
			lines = append(lines, lineJSON{l.Kind, l.Description, quantity(l), f(l.UnitPrice), f(l.Amount)})
		}
		taxes := []docTaxJSON{}
		for _, t := range r.Doc.Taxes {
			taxes = append(taxes, docTaxJSON{t.Name, t.Pct.String(), f(t.Amount)})
		}
		pays := []paymentJSON{}
		for _, p := range r.Payments {
			pays = append(pays, paymentJSON{day(p.Date), f(p.Amount), p.Method, p.Note})
		}
		out["lines"], out["taxes"], out["payments"] = lines, taxes, pays
		if rt := r.Doc.Retainer; rt != nil {
			out["retainer"] = map[string]string{"included": rt.Included.String(), "carry_in": rt.CarryIn.String(),
				"available": rt.Available.String(), "used": rt.Used.String(), "carry_out": rt.CarryOut.String()}
		}
		return printJSON(e.Stdout, out)
	}
	title := r.Number
	if title == "" {
		title = fmt.Sprintf("draft #%d", r.ID)
	}
	fmt.Fprintf(e.Stdout, "%s %s — %s, %d-%02d (%s)\n", r.Kind, title, r.Client, r.Year, r.Month, r.Status)
	if !r.IssueDate.IsZero() {
		fmt.Fprintf(e.Stdout, "issued %s, due %s\n", day(r.IssueDate), day(r.DueDate))
	}
	w := tabwriter.NewWriter(e.Stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	for _, l := range r.Doc.Lines {
		fmt.Fprintf(w, "%s\t%s %s\t%s\t%s\t\n", l.Description, quantity(l), l.Unit, f(l.UnitPrice), f(l.Amount))
	}
	fmt.Fprintf(w, "subtotal\t\t\t%s\t\n", f(r.Doc.Subtotal))
	for _, t := range r.Doc.Taxes {
		fmt.Fprintf(w, "%s %s %%\t\t\t%s\t\n", t.Name, t.Pct, f(t.Amount))
	}
	fmt.Fprintf(w, "total %s\t\t\t%s\t\n", cur, f(r.Total))
	fmt.Fprintf(w, "paid\t\t\t%s\t\n", f(r.Paid.Add(r.Credited)))
	fmt.Fprintf(w, "balance\t\t\t%s\t\n", f(r.Summary.Balance))
	return w.Flush()
}

// quantity prints hours with their two decimals (rule 4) and counts as they
// are: "12.50" h, "1" retainer.
func quantity(l invoice.Line) string {
	if l.Unit == "h" {
		return l.Quantity.StringFixed(2)
	}
	return l.Quantity.String()
}

func invoicePDF(e *Env, args []string) error {
	fs := flag.NewFlagSet("invoice pdf", flag.ContinueOnError)
	out := fs.String("out", "", "file to write")
	pos, err := parse(fs, args, 1, 1, "horas invoice pdf NUMBER --out FILE")
	if err != nil {
		return err
	}
	r, err := e.Invoices.Get(context.Background(), pos[0])
	if err != nil {
		return err
	}
	path := *out
	if path == "" {
		name := r.Number
		if name == "" {
			name = fmt.Sprintf("draft-%d", r.ID)
		}
		path = strings.ReplaceAll(name, "/", "-") + ".pdf"
	}
	// Write beside the target and rename, so a failed render never leaves half a PDF.
	tmp, err := os.CreateTemp(filepath.Dir(path), ".horas-*.pdf")
	if err != nil {
		return inputerr.New("cannot write %s: %v", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := invoice.Render(tmp, r.Doc, r.Balance()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, path)
	return nil
}

type summaryJSON struct {
	ID        int64  `json:"id"`
	Kind      string `json:"kind"`
	Number    string `json:"number"`
	Client    string `json:"client"`
	Period    string `json:"period"`
	IssueDate string `json:"issue_date"`
	DueDate   string `json:"due_date"`
	Currency  string `json:"currency"`
	Total     string `json:"total"`
	Paid      string `json:"paid"`
	Balance   string `json:"balance"`
	Status    string `json:"status"`
	Corrects  string `json:"corrects,omitempty"`
}

func invoiceList(e *Env, args []string) error {
	fs := flag.NewFlagSet("invoice list", flag.ContinueOnError)
	status := fs.String("status", "", "only this status")
	client := fs.String("client", "", "only this client")
	asJSON := fs.Bool("json", false, "JSON output")
	if _, err := parse(fs, args, 0, 0, "horas invoice list [--status S] [--client C] [--json]"); err != nil {
		return err
	}
	var f invoice.Filter
	if *status != "" {
		st, err := invoice.ParseStatus(*status)
		if err != nil {
			return err
		}
		f.Status = st
	}
	ctx := context.Background()
	if *client != "" {
		c, err := e.Tracking.ClientByName(ctx, *client)
		if err != nil {
			return err
		}
		f.ClientID = c.ID
	}
	list, err := e.Invoices.List(ctx, f)
	if err != nil {
		return err
	}
	if *asJSON {
		out := []summaryJSON{}
		for _, m := range list {
			out = append(out, summaryJSON{m.ID, string(m.Kind), m.Number, m.Client, fmt.Sprintf("%d-%02d", m.Year, m.Month),
				day(m.IssueDate), day(m.DueDate), m.Currency, money.Fixed(m.Total, m.Currency),
				money.Fixed(m.Paid.Add(m.Credited), m.Currency), money.Fixed(m.Balance, m.Currency), string(m.Status), m.Corrects})
		}
		return printJSON(e.Stdout, out)
	}
	w := tabwriter.NewWriter(e.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "NUMBER\tCLIENT\tPERIOD\tISSUED\tDUE\tTOTAL\tBALANCE\tSTATUS")
	for _, m := range list {
		num := m.Number
		if num == "" {
			num = fmt.Sprintf("draft #%d", m.ID)
		}
		fmt.Fprintf(w, "%s\t%s\t%d-%02d\t%s\t%s\t%s %s\t%s\t%s\n", num, m.Client, m.Year, m.Month, day(m.IssueDate), day(m.DueDate),
			money.Fixed(m.Total, m.Currency), m.Currency, money.Fixed(m.Balance, m.Currency), m.Status)
	}
	return w.Flush()
}

func invoiceCredit(e *Env, args []string) error {
	fs := flag.NewFlagSet("invoice credit", flag.ContinueOnError)
	amount := fs.String("amount", "", "amount before taxes (default: the whole invoice)")
	reason := fs.String("reason", "", "why")
	issue := dateFlag{timeFlag: timeFlag{zone: time.UTC}}
	fs.Var(&issue, "issue-date", "date of the credit note (default today)")
	pos, err := parse(fs, args, 1, 1, "horas invoice credit NUMBER [--amount A] [--reason TEXT]")
	if err != nil {
		return err
	}
	var a *decimal.Decimal
	if *amount != "" {
		d, err := decFlag("amount", *amount)
		if err != nil {
			return err
		}
		a = &d
	}
	num, err := e.Invoices.Credit(context.Background(), pos[0], a, *reason, issue.t)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, num)
	return nil
}

func pay(e *Env, args []string) error {
	fs := flag.NewFlagSet("pay", flag.ContinueOnError)
	date := dateFlag{timeFlag: timeFlag{zone: time.UTC}}
	fs.Var(&date, "date", "day the money arrived")
	method := fs.String("method", "", "transfer, PayPal, Wise, …")
	note := fs.String("note", "", "note")
	pos, err := parse(fs, args, 2, 2, "horas pay NUMBER AMOUNT --date D [--method M]")
	if err != nil {
		return err
	}
	if !date.set {
		return inputerr.New("when was it paid? add --date YYYY-MM-DD")
	}
	a, err := decFlag("amount", pos[1])
	if err != nil {
		return err
	}
	if err := e.Invoices.Pay(context.Background(), pos[0], a, date.t, *method, *note); err != nil {
		return err
	}
	r, err := e.Invoices.Get(context.Background(), pos[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "%s: paid %s, balance %s %s (%s)\n", r.Number, money.Fixed(r.Paid, r.Currency),
		money.Fixed(r.Summary.Balance, r.Currency), r.Currency, r.Status)
	return nil
}

func reportAging(e *Env, args []string) error {
	fs := flag.NewFlagSet("report aging", flag.ContinueOnError)
	asOf := dateFlag{timeFlag: timeFlag{zone: time.UTC}}
	fs.Var(&asOf, "as-of", "date (default today)")
	asJSON := fs.Bool("json", false, "JSON output")
	if _, err := parse(fs, args, 0, 0, "horas report aging [--as-of D] [--json]"); err != nil {
		return err
	}
	a, err := e.Invoices.Aging(context.Background(), asOf.t)
	if err != nil {
		return err
	}
	buckets := func(cur string, bs [5]decimal.Decimal) map[string]string {
		m := map[string]string{}
		for i, name := range invoice.Buckets {
			m[name] = money.Fixed(bs[i], cur)
		}
		return m
	}
	if *asJSON {
		rows := []map[string]any{}
		for _, r := range a.Rows {
			rows = append(rows, map[string]any{"currency": r.Currency, "buckets": buckets(r.Currency, r.Buckets),
				"total": money.Fixed(r.Total, r.Currency), "invoices": r.Count, "overdue": r.Overdue})
		}
		home := map[string]any{"currency": a.Home, "missing_rates": a.MissingRates}
		if a.Complete() {
			home["total"] = money.Fixed(a.HomeTotal, a.Home)
			home["buckets"] = buckets(a.Home, a.HomeBuckets)
		} else {
			home["total"] = nil
			home["note"] = "no rate"
		}
		return printJSON(e.Stdout, map[string]any{"as_of": day(a.AsOf), "currencies": rows, "home": home})
	}
	w := tabwriter.NewWriter(e.Stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "CURRENCY\tCURRENT\t1-30\t31-60\t61-90\t90+\tTOTAL\t")
	for _, r := range a.Rows {
		fmt.Fprintf(w, "%s\t", r.Currency)
		for _, b := range r.Buckets {
			fmt.Fprintf(w, "%s\t", money.Fixed(b, r.Currency))
		}
		fmt.Fprintf(w, "%s\t\n", money.Fixed(r.Total, r.Currency))
	}
	if a.Complete() {
		fmt.Fprintf(w, "%s (home)\t", a.Home)
		for _, b := range a.HomeBuckets {
			fmt.Fprintf(w, "%s\t", money.Fixed(b, a.Home))
		}
		fmt.Fprintf(w, "%s\t\n", money.Fixed(a.HomeTotal, a.Home))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if !a.Complete() {
		fmt.Fprintf(e.Stdout, "%s total: no rate for %s (add one with `horas rates set`)\n", a.Home, strings.Join(a.MissingRates, ", "))
	}
	return nil
}

func ratesSet(e *Env, args []string) error {
	fs := flag.NewFlagSet("rates set", flag.ContinueOnError)
	date := dateFlag{timeFlag: timeFlag{zone: time.UTC}}
	fs.Var(&date, "date", "day of the rate")
	pos, err := parse(fs, args, 2, 2, "horas rates set CUR RATE --date D  (1 CUR = RATE in your home currency)")
	if err != nil {
		return err
	}
	if !date.set {
		return inputerr.New("which day is the rate for? add --date YYYY-MM-DD")
	}
	r, err := decFlag("rate", pos[1])
	if err != nil {
		return err
	}
	ctx := context.Background()
	p, err := e.Invoices.Profile(ctx)
	if err != nil {
		return err
	}
	if err := fx.New(e.DB).Set(ctx, pos[0], p.HomeCurrency, date.t, r); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "1 %s = %s %s on %s\n", strings.ToUpper(pos[0]), r, p.HomeCurrency, day(date.t))
	return nil
}

func ratesImport(e *Env, args []string) error {
	fs := flag.NewFlagSet("rates import", flag.ContinueOnError)
	pos, err := parse(fs, args, 2, 2, "horas rates import ecb FILE")
	if err != nil {
		return err
	}
	if pos[0] != "ecb" {
		return inputerr.New("rates import %q: the supported source is ecb (eurofxref-hist.csv)", pos[0])
	}
	f, err := os.Open(pos[1])
	if err != nil {
		return inputerr.New("cannot read %s: %v", pos[1], err)
	}
	defer f.Close()
	n, err := fx.New(e.DB).ImportECB(context.Background(), f)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "imported %s rates\n", strconv.Itoa(n))
	return nil
}
