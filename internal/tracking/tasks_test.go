package tracking_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/tracking"
)

func TestAddTask(t *testing.T) {
	req := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	due := req.Add(36 * time.Hour)
	tests := []struct {
		name      string
		client    string // default Acme (EUR)
		task      billing.Task
		wantKind  billing.Kind
		wantRate  decimal.NullDecimal
		wantPrice decimal.Decimal
		wantUrg   billing.Urgency
		wantReq   time.Time
		wantDue   time.Time
	}{
		{"HourlyClientRate", "", billing.Task{Name: "Inbox"}, billing.Hourly, decimal.NullDecimal{}, decimal.Zero, "", time.Time{}, time.Time{}},
		{"HourlyOwnRate", "", billing.Task{Name: "Inbox", Rate: nullDec("55.5")}, billing.Hourly, nullDec("55.50"), decimal.Zero, "", time.Time{}, time.Time{}},
		{"HourlyRateInJPY", "Tanaka", billing.Task{Name: "Inbox", Kind: billing.Hourly, Rate: nullDec("3000")}, billing.Hourly, nullDec("3000"), decimal.Zero, "", time.Time{}, time.Time{}},
		{"FixedPrice", "", billing.Task{Name: "Website", Kind: billing.Fixed, Price: dec("300")}, billing.Fixed, decimal.NullDecimal{}, dec("300"), "", time.Time{}, time.Time{}},
		{"FixedDropsRate", "", billing.Task{Name: "Website", Kind: billing.Fixed, Price: dec("300"), Rate: nullDec("10")}, billing.Fixed, decimal.NullDecimal{}, dec("300"), "", time.Time{}, time.Time{}},
		{"NonBillable", "", billing.Task{Name: "Admin", Kind: billing.NonBillable, Rate: nullDec("10")}, billing.NonBillable, decimal.NullDecimal{}, decimal.Zero, "", time.Time{}, time.Time{}},
		{"Urgent", "", billing.Task{Name: "Inbox", Urgency: billing.Urgent}, billing.Hourly, decimal.NullDecimal{}, decimal.Zero, billing.Urgent, time.Time{}, time.Time{}},
		{"Rush", "", billing.Task{Name: "Inbox", Urgency: billing.Rush}, billing.Hourly, decimal.NullDecimal{}, decimal.Zero, billing.Rush, time.Time{}, time.Time{}},
		{"RequestedAndDue", "", billing.Task{Name: "Report", Requested: req, Due: due}, billing.Hourly, decimal.NullDecimal{}, decimal.Zero, "", req, due},
		{"DueOnly", "", billing.Task{Name: "Report", Due: due}, billing.Hourly, decimal.NullDecimal{}, decimal.Zero, "", time.Time{}, due},
		{"NameTrimmed", "", billing.Task{Name: "  Inbox  "}, billing.Hourly, decimal.NullDecimal{}, decimal.Zero, "", time.Time{}, time.Time{}},
		{"UrgencyAsTyped", "", billing.Task{Name: "Inbox", Urgency: " URGENT "}, billing.Hourly, decimal.NullDecimal{}, decimal.Zero, billing.Urgent, time.Time{}, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, "Europe/Madrid")
			e.client("Acme", "EUR", "40")
			e.client("Tanaka", "JPY", "2500")
			client := tt.client
			if client == "" {
				client = "Acme"
			}
			added, err := e.s.AddTask(ctx, client, tracking.Task{Task: tt.task})
			if err != nil {
				t.Fatal(err)
			}
			got, err := e.s.Task(ctx, added.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Client != client || got.ClientID != added.ClientID || got.Name != added.Name || got.Done() {
				t.Errorf("task %+v, added as %+v", got, added)
			}
			if got.Kind != tt.wantKind {
				t.Errorf("kind %q, want %q", got.Kind, tt.wantKind)
			}
			if got.Rate.Valid != tt.wantRate.Valid || !got.Rate.Decimal.Equal(tt.wantRate.Decimal) {
				t.Errorf("rate %v, want %v", got.Rate, tt.wantRate)
			}
			if !got.Price.Equal(tt.wantPrice) {
				t.Errorf("price %s, want %s", got.Price, tt.wantPrice)
			}
			if got.Urgency != tt.wantUrg {
				t.Errorf("urgency %q, want %q", got.Urgency, tt.wantUrg)
			}
			if !got.Requested.Equal(tt.wantReq) || !got.Due.Equal(tt.wantDue) {
				t.Errorf("requested %s due %s, want %s and %s", got.Requested, got.Due, tt.wantReq, tt.wantDue)
			}
			byName, err := e.s.TaskByName(ctx, client, " "+tt.task.Name)
			if err != nil || byName.ID != added.ID {
				t.Errorf("TaskByName = %+v, %v", byName, err)
			}
		})
	}
}

func TestAddTaskRefused(t *testing.T) {
	req := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		client   string
		task     billing.Task
		notFound bool
		dup      bool
	}{
		{"EmptyName", "Acme", billing.Task{Name: " "}, false, false},
		{"DueBeforeRequested", "Acme", billing.Task{Name: "Report", Requested: req, Due: req.Add(-time.Hour)}, false, false},
		{"DueWhenRequested", "Acme", billing.Task{Name: "Report", Requested: req, Due: req}, false, false},
		{"RateTooPrecise", "Acme", billing.Task{Name: "Report", Rate: nullDec("12.345")}, false, false},
		{"RateWithDecimalsInJPY", "Tanaka", billing.Task{Name: "Report", Rate: nullDec("10.5")}, false, false},
		{"NegativeRate", "Acme", billing.Task{Name: "Report", Rate: nullDec("-5")}, false, false},
		{"NegativeFixedPrice", "Acme", billing.Task{Name: "Report", Kind: billing.Fixed, Price: dec("-300")}, false, false},
		{"FixedPriceTooPrecise", "Acme", billing.Task{Name: "Report", Kind: billing.Fixed, Price: dec("300.001")}, false, false},
		{"UnknownKind", "Acme", billing.Task{Name: "Report", Kind: "monthly"}, false, false},
		{"UnknownUrgency", "Acme", billing.Task{Name: "Report", Urgency: "asap"}, false, false},
		{"DuplicateName", "Acme", billing.Task{Name: "Inbox"}, false, true},
		{"DuplicateNameOtherCase", "Acme", billing.Task{Name: "INBOX"}, false, true},
		{"UnknownClient", "Globex", billing.Task{Name: "Report"}, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, "Europe/Madrid")
			e.client("Acme", "EUR", "40")
			e.client("Tanaka", "JPY", "2500")
			e.task("Acme", "Inbox")
			before := e.dump("tasks")
			_, err := e.s.AddTask(ctx, tt.client, tracking.Task{Task: tt.task})
			wantInputErr(t, err)
			if errors.Is(err, tracking.ErrNotFound) != tt.notFound {
				t.Errorf("errors.Is(%v, ErrNotFound) = %v", err, !tt.notFound)
			}
			if errors.Is(err, tracking.ErrDuplicate) != tt.dup {
				t.Errorf("errors.Is(%v, ErrDuplicate) = %v", err, !tt.dup)
			}
			if after := e.dump("tasks"); after != before {
				t.Fatalf("refused task changed the DB:\nbefore %s\nafter %s", before, after)
			}
		})
	}
}

func TestSameTaskNameUnderAnotherClient(t *testing.T) {
	e := newEnv(t, "UTC")
	e.client("Acme", "EUR", "40")
	e.client("Globex", "USD", "50")
	a := e.task("Acme", "Inbox")
	g := e.task("Globex", "Inbox")
	if a.ID == g.ID || a.ClientID == g.ClientID {
		t.Fatalf("tasks %+v and %+v should be distinct", a, g)
	}
	for _, tt := range []struct {
		client string
		want   int64
	}{{"Acme", a.ID}, {"globex", g.ID}} {
		got, err := e.s.TaskByName(ctx, tt.client, "inbox")
		if err != nil || got.ID != tt.want {
			t.Errorf("TaskByName(%s, inbox) = %d, %v; want %d", tt.client, got.ID, err, tt.want)
		}
	}
}

func TestUpdateTask(t *testing.T) {
	e := newEnv(t, "UTC")
	e.client("Acme", "EUR", "40")
	inbox := e.task("Acme", "Inbox")
	e.task("Acme", "Calls")

	t.Run("RenameAndMakeFixed", func(t *testing.T) {
		inbox.Name, inbox.Kind, inbox.Price = "Email", billing.Fixed, dec("250")
		if err := e.s.UpdateTask(ctx, inbox); err != nil {
			t.Fatal(err)
		}
		got, err := e.s.Task(ctx, inbox.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "Email" || got.Kind != billing.Fixed || !got.Price.Equal(dec("250")) {
			t.Fatalf("task %+v", got)
		}
	})
	t.Run("KeepOwnNameInOtherCase", func(t *testing.T) {
		inbox.Name = "EMAIL"
		if err := e.s.UpdateTask(ctx, inbox); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("RenameOntoSiblingRefused", func(t *testing.T) {
		before := e.dump("tasks")
		inbox.Name = "calls"
		err := e.s.UpdateTask(ctx, inbox)
		wantInputErr(t, err)
		if !errors.Is(err, tracking.ErrDuplicate) {
			t.Fatalf("error %v, want ErrDuplicate", err)
		}
		if e.dump("tasks") != before {
			t.Fatal("refused update changed the DB")
		}
	})
	t.Run("UnknownTask", func(t *testing.T) {
		err := e.s.UpdateTask(ctx, tracking.Task{Task: billing.Task{ID: 99, Name: "X"}})
		if !errors.Is(err, tracking.ErrNotFound) {
			t.Fatalf("error %v, want ErrNotFound", err)
		}
	})
}

func TestMarkDone(t *testing.T) {
	e := newEnv(t, "Europe/Madrid")
	e.client("Acme", "EUR", "40")
	inbox := e.task("Acme", "Inbox")
	calls := e.task("Acme", "Calls")
	at := time.Date(2026, 11, 3, 17, 0, 0, 0, e.s.Zone)
	if err := e.s.MarkDone(ctx, inbox.ID, at); err != nil {
		t.Fatal(err)
	}

	names := func(withDone bool) []string {
		ts, err := e.s.Tasks(ctx, 0, withDone)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, t := range ts {
			out = append(out, t.Name)
		}
		return out
	}
	tests := []struct {
		name     string
		withDone bool
		want     []string
	}{
		{"OpenOnly", false, []string{"Calls"}},
		{"DoneLast", true, []string{"Calls", "Inbox"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := names(tt.withDone); fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Fatalf("tasks %v, want %v", got, tt.want)
			}
		})
	}

	t.Run("DoneAtStored", func(t *testing.T) {
		got, err := e.s.Task(ctx, inbox.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Done() || !got.DoneAt.Equal(at) {
			t.Fatalf("done %v at %s, want %s", got.Done(), got.DoneAt, at)
		}
	})
	t.Run("StartOnDoneTaskRefused", func(t *testing.T) {
		_, _, err := e.s.Start(ctx, inbox.ID, at.Add(time.Hour))
		wantInputErr(t, err)
		if n := e.count("entries"); n != 0 {
			t.Fatalf("%d entries written", n)
		}
	})
	t.Run("OpenTaskStillStarts", func(t *testing.T) {
		if _, _, err := e.s.Start(ctx, calls.ID, at.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("ZeroInstantIsNow", func(t *testing.T) {
		e.now = at.Add(30 * time.Minute).Add(300 * time.Millisecond)
		if err := e.s.MarkDone(ctx, calls.ID, time.Time{}); err != nil {
			t.Fatal(err)
		}
		got, err := e.s.Task(ctx, calls.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Done() || !got.DoneAt.Equal(at.Add(30*time.Minute)) {
			t.Fatalf("done %v at %s, want %s", got.Done(), got.DoneAt, at.Add(30*time.Minute))
		}
	})
	t.Run("UnknownTask", func(t *testing.T) {
		err := e.s.MarkDone(ctx, 99, at)
		wantInputErr(t, err)
		if !errors.Is(err, tracking.ErrNotFound) {
			t.Fatalf("error %v, want ErrNotFound", err)
		}
	})
	t.Run("OtherClientFilter", func(t *testing.T) {
		e.client("Globex", "USD", "50")
		e.task("Globex", "Ads")
		ts, err := e.s.Tasks(ctx, inbox.ClientID, true)
		if err != nil {
			t.Fatal(err)
		}
		if len(ts) != 2 {
			t.Fatalf("Acme has %d tasks, want 2", len(ts))
		}
	})
}
