package importer

import (
	"strings"
	"time"
)

// ExportHeader is the header of `horas export entries --csv`: instants in RFC
// 3339 with the VA's offset, so a file read back anywhere gives the same
// instants. Billable is Yes or No; Urgency is the entry's own level or empty.
var ExportHeader = []string{"Client", "Task", "Start", "End", "Duration", "Billable", "Urgency", "Note"}

// horas reads a Horas export.
func (p *parser) horas() ([]Record, error) {
	recs := make([]Record, 0, len(p.t.rows))
	for _, r := range p.t.rows {
		rec, err := p.common(r)
		if err != nil {
			return nil, err
		}
		if rec.Client == "" {
			return nil, lineErr(r.line, "the client is empty: every Horas entry names its client")
		}
		for _, f := range []struct {
			field field
			dst   *time.Time
			what  string
		}{{fStart, &rec.Start, "start"}, {fEnd, &rec.End, "end"}} {
			v := p.t.get(r, f.field)
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				return nil, lineErr(r.line, "%s %q is not an RFC 3339 time such as 2026-11-03T09:30:00+01:00", f.what, v)
			}
			*f.dst = t.UTC()
		}
		if !rec.End.After(rec.Start) {
			return nil, lineErr(r.line, "the entry ends before it starts: check Start and End")
		}
		rec.Seconds = int64(rec.End.Sub(rec.Start) / time.Second)
		rec.Urgency = strings.ToLower(p.t.get(r, fUrgency))
		switch rec.Urgency {
		case "", "normal", "urgent", "rush":
		default:
			return nil, lineErr(r.line, "urgency %q: use normal, urgent, rush or leave it empty", rec.Urgency)
		}
		recs = append(recs, rec)
	}
	return recs, nil
}
