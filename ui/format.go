package ui

import (
	"fmt"
	"strings"
	"time"
)

// clock writes an elapsed time as hours, minutes and seconds: "1:02:03".
func clock(d time.Duration) string {
	s := int64(d / time.Second)
	return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
}

// hm writes a duration as hours and minutes, cut to the minute: "5:42".
func hm(d time.Duration) string {
	m := int64(d / time.Minute)
	return fmt.Sprintf("%d:%02d", m/60, m%60)
}

// span writes when an entry ran in the VA's zone: "09:00–10:30", "13:42–now".
func span(start, end time.Time, zone *time.Location) string {
	to := "now"
	if !end.IsZero() {
		to = end.In(zone).Format("15:04")
	}
	return start.In(zone).Format("15:04") + "–" + to
}

// city names an IANA zone the way people say it: "America/New_York" is
// "New York", "UTC" stays "UTC".
func city(tz string) string {
	name := tz[strings.LastIndex(tz, "/")+1:]
	return strings.ReplaceAll(name, "_", " ")
}

// localTime is a client's wall clock for the header beside its name, "14:05
// Sydney", with the day named when it is not the VA's day.
func localTime(now time.Time, client, va *time.Location) string {
	there, here := now.In(client), now.In(va)
	s := there.Format("15:04") + " " + city(client.String())
	d1 := time.Date(there.Year(), there.Month(), there.Day(), 0, 0, 0, 0, time.UTC)
	d0 := time.Date(here.Year(), here.Month(), here.Day(), 0, 0, 0, 0, time.UTC)
	switch {
	case d1.After(d0):
		s += " (tomorrow)"
	case d1.Before(d0):
		s += " (yesterday)"
	}
	return s
}
