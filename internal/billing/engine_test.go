package billing

import (
	"cmp"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the cases name zones; do not depend on the host's tz database

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/money"
)

var madrid = func() *time.Location {
	z, err := time.LoadLocation("Europe/Madrid")
	if err != nil {
		panic(err)
	}
	return z
}()

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func rate(s string) decimal.NullDecimal { return decimal.NewNullDecimal(dec(s)) }

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func terms(currency, r string) Terms {
	return Terms{Currency: currency, Rate: dec(r), Urgent: DefaultUrgent, Rush: DefaultRush}
}

// work is an entry of task from..to on the given day of October 2026 in
// Madrid (summer time, +02:00): work(1, 3, "09:00", "10:30").
func work(task int64, day int, from, to string) Entry {
	d := fmt.Sprintf("2026-10-%02dT", day)
	return Entry{TaskID: task, Start: at(d + from + ":00+02:00"), End: at(d + to + ":00+02:00")}
}

func with(e Entry, u Urgency) Entry { e.Urgency = u; return e }

func unbilled(e Entry) Entry { e.NonBillable = true; return e }

// numbered gives entries the ids 1, 2, … in order.
func numbered(es ...Entry) []Entry {
	for i := range es {
		es[i].ID = int64(i + 1)
	}
	return es
}

type engineCase struct {
	name string
	in   Input
	// lines as "kind|task|quantity|unit price|amount", in invoice order.
	lines    []string
	subtotal string
	taxes    []string // "name|amount"
	total    string
	carryOut string // retainer months only
	err      error  // errors.Is target
	errText  string // part of the message of any other error
}

// october fills the month and zone every case shares unless it sets its own.
func october(in Input) Input {
	if in.Year == 0 {
		in.Year, in.Month = 2026, time.October
	}
	if in.Zone == nil {
		in.Zone = madrid
	}
	return in
}

var (
	inbox    = Task{ID: 1, Name: "Inbox", Kind: Hourly}
	research = Task{ID: 2, Name: "Research", Kind: Hourly}
)

func retainerTerms(fee, hours, cap string) Terms {
	t := terms("EUR", "40")
	t.Retainer = &Retainer{Fee: dec(fee), Hours: dec(hours), RolloverCap: dec(cap)}
	return t
}

var engineCases = []engineCase{
	{
		name: "HourlyLinePerTask",
		in: Input{Terms: terms("EUR", "30"), Tasks: []Task{inbox, research},
			Entries: numbered(work(1, 1, "09:00", "10:00"), work(2, 2, "09:00", "09:20"), work(1, 3, "09:00", "09:30"))},
		lines:    []string{"hourly|Inbox|1.50|30.00|45.00", "hourly|Research|0.33|30.00|9.90"},
		subtotal: "54.90", total: "54.90",
	},
	{
		name: "TaskRateOverridesClientRate",
		in: Input{Terms: terms("EUR", "30"), Tasks: []Task{inbox, {ID: 2, Name: "Research", Rate: rate("45.50")}},
			Entries: numbered(work(1, 1, "09:00", "10:00"), work(2, 1, "11:00", "13:15"))},
		lines:    []string{"hourly|Inbox|1.00|30.00|30.00", "hourly|Research|2.25|45.50|102.38"},
		subtotal: "132.38", total: "132.38",
	},
	{
		name: "JPYHasNoMinorUnit",
		in: Input{Terms: func() Terms {
			t := terms("JPY", "7800")
			t.Taxes = []Tax{{"IVA", dec("21")}, {"IRPF", dec("-15")}}
			return t
		}(), Tasks: []Task{inbox}, Entries: numbered(work(1, 5, "09:00", "10:25"))},
		// 1.42 h × 7800 = 11076; IVA 2325.96 → 2326; IRPF −1661.4 → −1661.
		lines:    []string{"hourly|Inbox|1.42|7800|11076"},
		subtotal: "11076", taxes: []string{"IVA|2326", "IRPF|-1661"}, total: "11741",
	},
	{
		name: "KWDHasThreeDecimals",
		in: Input{Terms: func() Terms {
			t := terms("KWD", "27.008")
			t.Taxes = []Tax{{"IVA", dec("22")}}
			return t
		}(), Tasks: []Task{{ID: 1, Name: "Inbox", Urgency: Urgent}}, Entries: numbered(work(1, 5, "09:00", "10:10"))},
		// 1.17 × 27.008 = 31.59936; unit surcharge 27.008 × 0.5 = 13.504.
		lines:    []string{"hourly|Inbox|1.17|27.008|31.599", "surcharge|Inbox|1.17|13.504|15.800"},
		subtotal: "47.399", taxes: []string{"IVA|10.428"}, total: "57.827",
	},
	{
		name: "NearestRoundsHalfIncrementUp",
		in: Input{Terms: func() Terms { t := terms("EUR", "40"); t.Rounding = Rounding{15, RoundNearest}; return t }(),
			Tasks: []Task{inbox},
			Entries: numbered(
				Entry{TaskID: 1, Start: at("2026-10-02T09:00:00+02:00"), End: at("2026-10-02T09:07:30+02:00")},
				Entry{TaskID: 1, Start: at("2026-10-02T10:00:00+02:00"), End: at("2026-10-02T10:07:29+02:00")},
			)},
		// 7.5 min → 15 min; 7 min 29 s → 0.
		lines:    []string{"hourly|Inbox|0.25|40.00|10.00"},
		subtotal: "10.00", total: "10.00",
	},
	{
		name: "RoundingAppliesToEachEntry",
		in: Input{Terms: func() Terms { t := terms("EUR", "40"); t.Rounding = Rounding{15, RoundUp}; return t }(),
			Tasks:   []Task{inbox},
			Entries: numbered(work(1, 2, "09:00", "09:01"), work(1, 2, "10:00", "10:01"), work(1, 2, "11:00", "11:01"))},
		lines:    []string{"hourly|Inbox|0.75|40.00|30.00"},
		subtotal: "30.00", total: "30.00",
	},
	{
		name: "QuantityHalfHundredthRoundsUp",
		in: Input{Terms: terms("EUR", "100"), Tasks: []Task{inbox},
			Entries: numbered(Entry{TaskID: 1, Start: at("2026-10-02T09:00:00+02:00"), End: at("2026-10-02T09:00:18+02:00")})},
		// 18 s = 0.005 h → 0.01.
		lines:    []string{"hourly|Inbox|0.01|100.00|1.00"},
		subtotal: "1.00", total: "1.00",
	},
	{
		name: "EntryJustAfterLocalMidnightOnFirst",
		in: Input{Terms: terms("EUR", "40"), Tasks: []Task{inbox},
			Entries: numbered(
				// 2026-09-30 22:10 UTC: September in UTC, October in Madrid.
				Entry{TaskID: 1, Start: at("2026-10-01T00:10:00+02:00"), End: at("2026-10-01T01:10:00+02:00")},
				// Starts in September: billed there even though it ends in October.
				Entry{TaskID: 1, Start: at("2026-09-30T23:30:00+02:00"), End: at("2026-10-01T00:05:00+02:00")},
			)},
		lines:    []string{"hourly|Inbox|1.00|40.00|40.00"},
		subtotal: "40.00", total: "40.00",
	},
	{
		name: "EntryJustAfterLocalMidnightIsNotPreviousMonth",
		in: Input{Year: 2026, Month: time.September, Terms: terms("EUR", "40"), Tasks: []Task{inbox},
			Entries: numbered(Entry{TaskID: 1, Start: at("2026-10-01T00:10:00+02:00"), End: at("2026-10-01T01:10:00+02:00")})},
		err: ErrNothingToInvoice,
	},
	{
		name: "EntryAcrossEndOfSummerTime",
		in: Input{Terms: terms("EUR", "40"), Tasks: []Task{inbox},
			// 01:30 CEST to 03:30 CET: 2 h on the wall, 3 h of work.
			Entries: numbered(Entry{TaskID: 1, Start: at("2026-10-25T01:30:00+02:00"), End: at("2026-10-25T03:30:00+01:00")})},
		lines:    []string{"hourly|Inbox|3.00|40.00|120.00"},
		subtotal: "120.00", total: "120.00",
	},
	{
		name: "EntriesOfOtherMonthsIgnored",
		in: Input{Terms: terms("EUR", "40"), Tasks: []Task{inbox},
			Entries: numbered(work(1, 2, "09:00", "10:00"),
				Entry{TaskID: 1, Start: at("2026-11-01T00:00:00+01:00"), End: at("2026-11-01T05:00:00+01:00")},
				Entry{TaskID: 1, Start: at("2025-10-02T09:00:00+02:00"), End: at("2025-10-02T15:00:00+02:00")})},
		lines:    []string{"hourly|Inbox|1.00|40.00|40.00"},
		subtotal: "40.00", total: "40.00",
	},
	{
		name: "FixedTaskBilledTheMonthItIsDone",
		in: Input{Terms: terms("EUR", "40"),
			Tasks: []Task{{ID: 1, Name: "Website", Kind: Fixed, Price: dec("250"), Urgency: Rush,
				DoneAt: at("2026-10-01T00:30:00+02:00")}},
			Entries: numbered(work(1, 1, "09:00", "17:00"))},
		// Its time and urgency are not billed.
		lines:    []string{"fixed|Website|1|250.00|250.00"},
		subtotal: "250.00", total: "250.00",
	},
	{
		name: "FixedTaskDoneInAnotherMonthNotBilled",
		in: Input{Terms: terms("EUR", "40"),
			Tasks: []Task{inbox,
				{ID: 2, Name: "Website", Kind: Fixed, Price: dec("250"), DoneAt: at("2026-09-30T23:59:00+02:00")},
				{ID: 3, Name: "Logo", Kind: Fixed, Price: dec("90"), DoneAt: at("2026-11-01T00:00:00+01:00")},
				{ID: 4, Name: "Flyer", Kind: Fixed, Price: dec("60")}},
			Entries: numbered(work(1, 2, "09:00", "10:00"), work(2, 2, "11:00", "12:00"))},
		lines:    []string{"hourly|Inbox|1.00|40.00|40.00"},
		subtotal: "40.00", total: "40.00",
	},
	{
		name: "NonBillableTaskBillsNothingNotEvenSurcharge",
		in: Input{Terms: terms("EUR", "40"), Tasks: []Task{{ID: 1, Name: "Admin", Kind: NonBillable, Urgency: Rush}},
			Entries: numbered(work(1, 2, "09:00", "12:00"), with(work(1, 3, "09:00", "10:00"), Urgent))},
		err: ErrNothingToInvoice,
	},
	{
		name: "NonBillableEntry",
		in: Input{Terms: terms("EUR", "40"), Tasks: []Task{inbox},
			Entries: numbered(work(1, 2, "09:00", "10:00"), unbilled(with(work(1, 3, "09:00", "11:00"), Rush)))},
		lines:    []string{"hourly|Inbox|1.00|40.00|40.00"},
		subtotal: "40.00", total: "40.00",
	},
	{
		name: "UrgencySurchargePerTaskAndLevel",
		in: Input{Terms: terms("EUR", "13.37"), Tasks: []Task{{ID: 1, Name: "Inbox", Urgency: Urgent}},
			Entries: numbered(work(1, 2, "09:00", "10:00"), with(work(1, 3, "09:00", "09:30"), Rush),
				with(work(1, 4, "09:00", "11:00"), Normal))},
		// urgent unit 13.37 × 0.5 = 6.685 → 6.69; rush unit 13.37 × 1.
		lines: []string{"hourly|Inbox|3.50|13.37|46.80",
			"surcharge|Inbox|1.00|6.69|6.69", "surcharge|Inbox|0.50|13.37|6.69"},
		subtotal: "60.18", total: "60.18",
	},
	{
		name: "SurchargeUsesTaskRateAndClientMultiplier",
		in: Input{Terms: func() Terms { t := terms("EUR", "30"); t.Rush = dec("3"); return t }(),
			Tasks:   []Task{{ID: 1, Name: "Inbox", Rate: rate("50"), Urgency: Rush}},
			Entries: numbered(work(1, 2, "09:00", "10:15"))},
		lines:    []string{"hourly|Inbox|1.25|50.00|62.50", "surcharge|Inbox|1.25|100.00|125.00"},
		subtotal: "187.50", total: "187.50",
	},
	{
		name: "SuggestedUrgencyFromNotice",
		in: Input{Terms: func() Terms { t := terms("EUR", "40"); t.NoticeDays = 3; return t }(),
			Tasks: []Task{
				// 27 h of notice, under 3 days: urgent.
				{ID: 1, Name: "Inbox", Requested: at("2026-10-01T09:00:00+02:00"), Due: at("2026-10-02T12:00:00+02:00")},
				// 20 h: rush.
				{ID: 2, Name: "Research", Requested: at("2026-10-01T09:00:00+02:00"), Due: at("2026-10-02T05:00:00+02:00")},
				// 4 days: normal.
				{ID: 3, Name: "Travel", Requested: at("2026-10-01T09:00:00+02:00"), Due: at("2026-10-05T09:00:00+02:00")},
				// Set by hand: wins over the suggestion.
				{ID: 4, Name: "Visa", Urgency: Normal, Requested: at("2026-10-01T09:00:00+02:00"), Due: at("2026-10-01T10:00:00+02:00")},
			},
			Entries: numbered(work(1, 1, "10:00", "11:00"), work(2, 1, "10:00", "11:00"), work(3, 1, "10:00", "11:00"), work(4, 1, "11:00", "12:00"))},
		lines: []string{"hourly|Inbox|1.00|40.00|40.00", "hourly|Research|1.00|40.00|40.00",
			"hourly|Travel|1.00|40.00|40.00", "hourly|Visa|1.00|40.00|40.00",
			"surcharge|Inbox|1.00|20.00|20.00", "surcharge|Research|1.00|40.00|40.00"},
		subtotal: "220.00", total: "220.00",
	},
	{
		name: "MultiplierOfOneAddsNoLine",
		in: Input{Terms: func() Terms { t := terms("EUR", "40"); t.Urgent = dec("1"); return t }(),
			Tasks: []Task{{ID: 1, Name: "Inbox", Urgency: Urgent}}, Entries: numbered(work(1, 2, "09:00", "10:00"))},
		lines:    []string{"hourly|Inbox|1.00|40.00|40.00"},
		subtotal: "40.00", total: "40.00",
	},
	{
		name: "TaxesRoundHalfAwayFromZero",
		in: Input{Terms: func() Terms {
			t := terms("EUR", "10.10")
			t.Taxes = []Tax{{"IVA", dec("21")}, {"IRPF", dec("-15")}}
			return t
		}(), Tasks: []Task{inbox}, Entries: numbered(work(1, 2, "09:00", "10:00"))},
		// 2.121 → 2.12; −1.515 → −1.52.
		lines:    []string{"hourly|Inbox|1.00|10.10|10.10"},
		subtotal: "10.10", taxes: []string{"IVA|2.12", "IRPF|-1.52"}, total: "10.70",
	},
	{
		name: "RetainerRolloverCapped",
		in: Input{Terms: retainerTerms("500", "10", "5"), Tasks: []Task{inbox, research},
			Entries: numbered(work(1, 2, "09:00", "12:00"), work(2, 3, "09:00", "10:00"))},
		// available 10, used 4: 6 left, 5 carried.
		lines:    []string{"retainer||1|500.00|500.00"},
		subtotal: "500.00", total: "500.00", carryOut: "5",
	},
	{
		name: "RetainerCarryInAddsToHours",
		in: Input{Terms: retainerTerms("500", "10", "5"), Tasks: []Task{inbox}, CarryIn: dec("3"),
			Entries: numbered(work(1, 2, "08:00", "20:00"))},
		// available 13, used 12: 1 carried, no overage.
		lines:    []string{"retainer||1|500.00|500.00"},
		subtotal: "500.00", total: "500.00", carryOut: "1",
	},
	{
		name: "RetainerOverageWithNothingLeft",
		in: Input{Terms: retainerTerms("100", "2", "5"), Tasks: []Task{{ID: 1, Name: "Inbox", Rate: rate("60")}},
			Entries: numbered(work(1, 2, "09:00", "12:30"))},
		// Carry-in 0: every hour past the 2 included is overage, at the client's rate.
		lines:    []string{"retainer||1|100.00|100.00", "overage||1.50|40.00|60.00"},
		subtotal: "160.00", total: "160.00", carryOut: "0",
	},
	{
		name: "RetainerOverageRate",
		in: Input{Terms: func() Terms {
			t := retainerTerms("100", "2", "0")
			t.Retainer.OverageRate = rate("55.55")
			return t
		}(), Tasks: []Task{inbox, research}, Entries: numbered(work(1, 2, "09:00", "11:00"), work(2, 2, "12:00", "12:20"))},
		lines:    []string{"retainer||1|100.00|100.00", "overage||0.33|55.55|18.33"},
		subtotal: "118.33", total: "118.33", carryOut: "0",
	},
	{
		name:     "RetainerExactlyUsed",
		in:       Input{Terms: retainerTerms("100", "2", "5"), Tasks: []Task{inbox}, Entries: numbered(work(1, 2, "09:00", "11:00"))},
		lines:    []string{"retainer||1|100.00|100.00"},
		subtotal: "100.00", total: "100.00", carryOut: "0",
	},
	{
		name: "RetainerMonthWithoutWorkBillsFee",
		in:   Input{Terms: retainerTerms("100", "2", "5"), Tasks: []Task{inbox}, CarryIn: dec("4")},
		// available 6, nothing used: the cap of 5 is carried.
		lines:    []string{"retainer||1|100.00|100.00"},
		subtotal: "100.00", total: "100.00", carryOut: "5",
	},
	{
		name: "RetainerBillsFixedAndSurcharges",
		in: Input{Terms: func() Terms {
			t := retainerTerms("100", "2", "0")
			t.Taxes = []Tax{{"VAT", dec("20")}}
			return t
		}(),
			Tasks: []Task{{ID: 1, Name: "Inbox", Urgency: Urgent}, {ID: 2, Name: "Website", Kind: Fixed, Price: dec("300"),
				DoneAt: at("2026-10-20T12:00:00+02:00")}},
			Entries: numbered(work(1, 2, "09:00", "12:00"), with(work(1, 3, "09:00", "10:00"), Rush))},
		lines: []string{"retainer||1|100.00|100.00", "overage||2.00|40.00|80.00", "fixed|Website|1|300.00|300.00",
			"surcharge|Inbox|3.00|20.00|60.00", "surcharge|Inbox|1.00|40.00|40.00"},
		subtotal: "580.00", taxes: []string{"VAT|116.00"}, total: "696.00", carryOut: "0",
	},
	{
		name: "NothingToInvoice",
		in: Input{Terms: terms("EUR", "40"), Tasks: []Task{inbox},
			Entries: numbered(Entry{TaskID: 1, Start: at("2026-09-02T09:00:00+02:00"), End: at("2026-09-02T10:00:00+02:00")})},
		err: ErrNothingToInvoice,
	},
	{
		name:    "TaskRateFinerThanCurrency",
		in:      Input{Terms: terms("EUR", "40"), Tasks: []Task{{ID: 1, Name: "Inbox", Rate: rate("12.345")}}},
		errText: `rate of task "Inbox" 12.345 has more than 2 decimals`,
	},
	{
		name:    "FixedPriceFinerThanCurrency",
		in:      Input{Terms: terms("JPY", "4000"), Tasks: []Task{{ID: 1, Name: "Logo", Kind: Fixed, Price: dec("100.5")}}},
		errText: `price of task "Logo" 100.5 has more than 0 decimals`,
	},
	{
		name: "RunningEntry",
		in: Input{Terms: terms("EUR", "40"), Tasks: []Task{inbox},
			Entries: []Entry{{ID: 7, TaskID: 1, Start: at("2026-10-02T09:00:00+02:00")}}},
		errText: "entry 7 is still running",
	},
	{
		name: "EntryEndsBeforeStart",
		in: Input{Terms: terms("EUR", "40"), Tasks: []Task{inbox},
			Entries: []Entry{{ID: 7, TaskID: 1, Start: at("2026-10-02T09:00:00+02:00"), End: at("2026-10-02T08:00:00+02:00")}}},
		errText: "entry 7 ends at",
	},
	{
		name:    "EntryOfUnknownTask",
		in:      Input{Terms: terms("EUR", "40"), Tasks: []Task{inbox}, Entries: []Entry{{ID: 7, TaskID: 9, Start: at("2026-10-02T09:00:00+02:00"), End: at("2026-10-02T10:00:00+02:00")}}},
		errText: "entry 7 is of task 9",
	},
	{
		name:    "InvalidTerms",
		in:      Input{Terms: terms("eur", "40")},
		errText: "client terms: unknown currency",
	},
}

func TestCompute(t *testing.T) {
	for _, c := range engineCases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Compute(october(c.in))
			switch {
			case c.err != nil || c.errText != "":
				if err == nil {
					t.Fatalf("no error, want %v%s", c.err, c.errText)
				}
				if c.err != nil && !errors.Is(err, c.err) {
					t.Fatalf("err = %v, want %v", err, c.err)
				}
				if !strings.Contains(err.Error(), c.errText) {
					t.Fatalf("err = %q, want it to say %q", err, c.errText)
				}
				return
			case err != nil:
				t.Fatal(err)
			}
			digits, _ := money.Digits(got.Currency)
			var lines []string
			for _, l := range got.Lines {
				lines = append(lines, fmt.Sprintf("%s|%s|%s|%s|%s", l.Kind, l.Task, quantityString(l),
					l.UnitPrice.StringFixed(digits), l.Amount.StringFixed(digits)))
			}
			if strings.Join(lines, "\n") != strings.Join(c.lines, "\n") {
				t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(c.lines, "\n"))
			}
			var taxes []string
			for _, tax := range got.Taxes {
				taxes = append(taxes, tax.Name+"|"+tax.Amount.StringFixed(digits))
			}
			if strings.Join(taxes, ",") != strings.Join(c.taxes, ",") {
				t.Errorf("taxes = %v, want %v", taxes, c.taxes)
			}
			if s := got.Subtotal.StringFixed(digits); s != c.subtotal {
				t.Errorf("subtotal = %s, want %s", s, c.subtotal)
			}
			if s := got.Total.StringFixed(digits); s != c.total {
				t.Errorf("total = %s, want %s", s, c.total)
			}
			switch {
			case c.carryOut == "" && got.Retainer != nil:
				t.Errorf("retainer use %+v, want none", *got.Retainer)
			case c.carryOut != "" && got.Retainer == nil:
				t.Errorf("no retainer use, want carry out %s", c.carryOut)
			case c.carryOut != "" && !got.Retainer.CarryOut.Equal(dec(c.carryOut)):
				t.Errorf("carry out = %s, want %s", got.Retainer.CarryOut, c.carryOut)
			}
		})
	}
}

func TestRetainerUse(t *testing.T) {
	in := october(Input{Terms: retainerTerms("100", "10", "3"), CarryIn: dec("2.5"),
		Tasks:   []Task{inbox, research, {ID: 3, Name: "Website", Kind: Fixed, Price: dec("50")}},
		Entries: numbered(work(1, 2, "08:00", "14:00"), work(2, 3, "08:00", "12:45"), work(3, 4, "08:00", "18:00"))})
	got, err := Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	want := RetainerUse{Included: dec("10"), CarryIn: dec("2.5"), Available: dec("12.5"), Used: dec("10.75"),
		Overage: dec("0"), CarryOut: dec("1.75")}
	u := got.Retainer
	if u == nil || !u.Included.Equal(want.Included) || !u.CarryIn.Equal(want.CarryIn) || !u.Available.Equal(want.Available) ||
		!u.Used.Equal(want.Used) || !u.Overage.Equal(want.Overage) || !u.CarryOut.Equal(want.CarryOut) {
		t.Errorf("retainer use = %+v, want %+v", u, want)
	}
	var rows []string
	for _, r := range got.TimeSummary {
		rows = append(rows, fmt.Sprintf("%d|%s|%s", r.TaskID, r.Task, r.Hours.StringFixed(2)))
	}
	// Fixed-price time is not billed, so it is not in the hours used either.
	if s := strings.Join(rows, ","); s != "1|Inbox|6.00,2|Research|4.75" {
		t.Errorf("time summary = %s", s)
	}
	if fmt.Sprint(got.EntryIDs) != "[1 2]" {
		t.Errorf("entry ids = %v, want [1 2]: the fixed task's entry is not billed", got.EntryIDs)
	}
}

func TestInvoiceCovers(t *testing.T) {
	in := october(Input{Terms: terms("EUR", "40"),
		Tasks: []Task{inbox, {ID: 2, Name: "Admin", Kind: NonBillable}, {ID: 3, Name: "Website", Kind: Fixed, Price: dec("50"),
			DoneAt: at("2026-10-09T10:00:00+02:00")}},
		Entries: []Entry{
			{ID: 30, TaskID: 1, Start: at("2026-10-03T09:00:00+02:00"), End: at("2026-10-03T10:00:00+02:00")},
			{ID: 10, TaskID: 1, Start: at("2026-10-02T09:00:00+02:00"), End: at("2026-10-02T10:00:00+02:00")},
			{ID: 20, TaskID: 1, Start: at("2026-10-04T09:00:00+02:00"), End: at("2026-10-04T10:00:00+02:00"), NonBillable: true},
			{ID: 40, TaskID: 2, Start: at("2026-10-05T09:00:00+02:00"), End: at("2026-10-05T10:00:00+02:00")},
			{ID: 50, TaskID: 1, Start: at("2026-11-02T09:00:00+01:00"), End: at("2026-11-02T10:00:00+01:00")},
		}})
	got, err := Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got.EntryIDs) != "[10 30]" || fmt.Sprint(got.FixedTaskIDs) != "[3]" {
		t.Errorf("entries %v, fixed tasks %v; want [10 30] and [3]", got.EntryIDs, got.FixedTaskIDs)
	}
	if !got.PeriodStart.Equal(at("2026-10-01T00:00:00+02:00")) || !got.PeriodEnd.Equal(at("2026-11-01T00:00:00+01:00")) {
		t.Errorf("period %s – %s", got.PeriodStart, got.PeriodEnd)
	}
}

func TestSuggestUrgency(t *testing.T) {
	req := at("2026-10-01T09:00:00+02:00")
	cases := []struct {
		name   string
		due    time.Time
		req    time.Time
		notice int
		want   Urgency
	}{
		{"NoRequested", req.Add(time.Hour), time.Time{}, 3, Normal},
		{"NoDue", time.Time{}, req, 3, Normal},
		{"UnderADayIsRush", req.Add(23*time.Hour + 59*time.Minute), req, 3, Rush},
		{"ExactlyADayIsNotRush", req.Add(24 * time.Hour), req, 3, Urgent},
		{"DueBeforeRequestedIsRush", req.Add(-time.Hour), req, 3, Rush},
		{"UnderNoticeIsUrgent", req.Add(71 * time.Hour), req, 3, Urgent},
		{"ExactlyNoticeIsNormal", req.Add(72 * time.Hour), req, 3, Normal},
		{"NoNoticePeriod", req.Add(25 * time.Hour), req, 0, Normal},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			task := Task{Requested: c.req, Due: c.due}
			if got := SuggestUrgency(task, c.notice); got != c.want {
				t.Errorf("SuggestUrgency = %s, want %s", got, c.want)
			}
			if got := task.EffectiveUrgency(c.notice); got != c.want {
				t.Errorf("EffectiveUrgency = %s, want %s", got, c.want)
			}
			task.Urgency = Normal
			if got := task.EffectiveUrgency(c.notice); got != Normal {
				t.Errorf("EffectiveUrgency with normal set by hand = %s", got)
			}
		})
	}
}

func TestDescriptions(t *testing.T) {
	in := october(Input{Terms: retainerTerms("100", "7.5", "0"), Tasks: []Task{{ID: 1, Name: "Inbox", Urgency: Urgent}, {ID: 2, Name: "Logo", Kind: Fixed, Price: dec("10"),
		DoneAt: at("2026-10-03T10:00:00+02:00")}},
		Entries: numbered(work(1, 2, "08:00", "17:00"))})
	cases := []struct{ lang, want string }{
		{"", "Retainer October 2026 (7.5 h)|Hours over the retainer|Logo (fixed price)|Urgency surcharge Inbox (×1.5)"},
		{"de", "Retainer October 2026 (7.5 h)|Hours over the retainer|Logo (fixed price)|Urgency surcharge Inbox (×1.5)"},
		{"es", "Iguala octubre 2026 (7,5 h)|Horas por encima de la iguala|Logo (precio cerrado)|Recargo urgencia Inbox (×1,5)"},
		{"es-ES", "Iguala octubre 2026 (7,5 h)|Horas por encima de la iguala|Logo (precio cerrado)|Recargo urgencia Inbox (×1,5)"},
		{"it", "Canone ottobre 2026 (7,5 h)|Ore oltre il canone|Logo (a corpo)|Maggiorazione urgenza Inbox (×1,5)"},
	}
	for _, c := range cases {
		t.Run(cmp.Or(c.lang, "Default"), func(t *testing.T) {
			in.Lang = c.lang
			got, err := Compute(in)
			if err != nil {
				t.Fatal(err)
			}
			var ds []string
			for _, l := range got.Lines {
				ds = append(ds, l.Description)
			}
			if s := strings.Join(ds, "|"); s != c.want {
				t.Errorf("descriptions = %s, want %s", s, c.want)
			}
		})
	}
}

func TestComputeRefusesBadInput(t *testing.T) {
	base := october(Input{Terms: terms("EUR", "40"), Tasks: []Task{inbox}, Entries: numbered(work(1, 2, "09:00", "10:00"))})
	cases := []struct {
		name   string
		change func(*Input)
		want   string
	}{
		{"NoZone", func(in *Input) { in.Zone = nil }, "no time zone"},
		{"Month13", func(in *Input) { in.Month = 13 }, "month 13 is not a month"},
		{"NegativeCarry", func(in *Input) { in.CarryIn = dec("-1") }, "carried-in hours -1 are negative"},
		{"DuplicateTask", func(in *Input) { in.Tasks = []Task{inbox, inbox} }, "task 1 (Inbox) is listed twice"},
		{"UnknownKind", func(in *Input) { in.Tasks = []Task{{ID: 1, Name: "Inbox", Kind: "weekly"}} }, `task "Inbox": billing kind "weekly"`},
		{"UnknownUrgency", func(in *Input) { in.Entries[0].Urgency = "asap" }, `entry 1 has urgency "asap"`},
		{"BadRounding", func(in *Input) { in.Terms.Rounding = Rounding{Minutes: -5, Mode: RoundUp} }, "rounding -5m:up"},
		{"NegativeTaskRate", func(in *Input) { in.Tasks = []Task{{ID: 1, Name: "Inbox", Rate: rate("-1")}} }, "is negative"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := base
			in.Entries = append([]Entry(nil), base.Entries...)
			c.change(&in)
			_, err := Compute(in)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want it to say %q", err, c.want)
			}
			if errors.Is(err, ErrNothingToInvoice) {
				t.Fatalf("bad input reported as nothing to invoice: %v", err)
			}
		})
	}
}
