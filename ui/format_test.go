package ui

import (
	"testing"
	"time"
)

func TestDurations(t *testing.T) {
	tests := []struct {
		name      string
		d         time.Duration
		clock, hm string
	}{
		{"Zero", 0, "0:00:00", "0:00"},
		{"Seconds", 59 * time.Second, "0:00:59", "0:00"},
		{"HourMinuteSecond", time.Hour + 2*time.Minute + 3*time.Second, "1:02:03", "1:02"},
		{"LongDay", 12*time.Hour + 5*time.Minute, "12:05:00", "12:05"},
		{"PastADay", 26 * time.Hour, "26:00:00", "26:00"},
		{"SubSecondsCut", 1500 * time.Millisecond, "0:00:01", "0:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := clock(tt.d); got != tt.clock {
				t.Errorf("clock = %q, want %q", got, tt.clock)
			}
			if got := hm(tt.d); got != tt.hm {
				t.Errorf("hm = %q, want %q", got, tt.hm)
			}
		})
	}
}

func TestLocalTime(t *testing.T) {
	madrid := zone(t, "Europe/Madrid")
	now := time.Date(2026, 11, 3, 23, 30, 0, 0, madrid) // 22:30 UTC
	tests := []struct {
		name, tz, want string
	}{
		{"SameZone", "Europe/Madrid", "23:30 Madrid"},
		{"Underscore", "America/New_York", "17:30 New York"},
		{"NestedZone", "America/Argentina/Buenos_Aires", "19:30 Buenos Aires"},
		{"AlreadyTomorrow", "Australia/Sydney", "09:30 Sydney (tomorrow)"},
		{"UTC", "UTC", "22:30 UTC"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := localTime(now, zone(t, tt.tz), madrid); got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
	t.Run("StillYesterday", func(t *testing.T) {
		early := time.Date(2026, 11, 4, 0, 30, 0, 0, madrid)
		if got := localTime(early, zone(t, "America/Los_Angeles"), madrid); got != "15:30 Los Angeles (yesterday)" {
			t.Fatalf("got %q", got)
		}
	})
}

func TestSpan(t *testing.T) {
	madrid := zone(t, "Europe/Madrid")
	start := time.Date(2026, 11, 3, 8, 0, 0, 0, time.UTC)
	if got := span(start, start.Add(90*time.Minute), madrid); got != "09:00–10:30" {
		t.Errorf("closed span %q", got)
	}
	if got := span(start, time.Time{}, madrid); got != "09:00–now" {
		t.Errorf("running span %q", got)
	}
}
