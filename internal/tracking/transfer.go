package tracking

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/horasapp/horas/internal/billing"
	"github.com/horasapp/horas/internal/importer"
)

// ImportRows turns records read from an export into rows for Import. A
// record without a client takes defaultClient, before its key is taken, so
// importing the same file again with the same default skips every row.
func ImportRows(recs []importer.Record, defaultClient string) []ImportRow {
	rows := make([]ImportRow, len(recs))
	for i, r := range recs {
		if r.Client == "" {
			r.Client = defaultClient
		}
		rows[i] = ImportRow{Line: r.Line, Client: r.Client, Task: r.Task, Note: r.Description, Start: r.Start, End: r.End,
			NonBillable: !r.Billable, Urgency: billing.Urgency(r.Urgency), Key: r.Key(), Currency: r.Currency, Rate: r.Rate}
	}
	return rows
}

// WriteExport writes entries as the Horas CSV (importer.ExportHeader), the
// instants in zone. A running timer is left out: it has no end yet.
func WriteExport(w io.Writer, es []Entry, zone *time.Location) error {
	cw := csv.NewWriter(w)
	cw.Write(importer.ExportHeader)
	for _, e := range es {
		if e.Running() {
			continue
		}
		billable := "Yes"
		if e.NonBillable {
			billable = "No"
		}
		cw.Write([]string{e.Client, e.Task, e.Start.In(zone).Format(time.RFC3339), e.End.In(zone).Format(time.RFC3339),
			strconv.FormatInt(int64(e.Duration(e.End)/time.Second), 10), billable, string(e.Urgency), strings.TrimSpace(e.Note)})
	}
	cw.Flush()
	return cw.Error()
}
