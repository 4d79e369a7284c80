package report

import (
	"strings"
	"testing"
)

// The reports must read entries from the covering index alone: on a million
// entries a plan that visits the table is several times slower.
func TestQueriesUseTheCoveringIndex(t *testing.T) {
	f := newFixture(t)
	all, no := int64(-1<<63), int64(1<<63-1)
	tests := []struct {
		name  string
		query string
		args  []any
	}{
		{"TimeAllClients", timeQuery, []any{0, all, no, 0}},
		{"TimeOneClient", timeQuery, []any{f.acme.ID, all, no, 0}},
		{"BillingPass", billingQuery, []any{0, all, no}},
		{"DeadlineTime", timeOfQuery(2), []any{0, 1, 2}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := f.db.Reader().QueryContext(ctx, "EXPLAIN QUERY PLAN "+tc.query, tc.args...)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var plan []string
			for rows.Next() {
				var id, parent, unused int
				var detail string
				if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
					t.Fatal(err)
				}
				plan = append(plan, detail)
			}
			text := strings.Join(plan, "\n")
			if !strings.Contains(text, "USING COVERING INDEX entries_task_time") {
				t.Errorf("plan does not use the covering index:\n%s", text)
			}
		})
	}
}
