package lsp

import (
	"testing"

	"github.com/racecheck/racecheck/internal/analysis"
)

func TestDiagnostic(t *testing.T) {
	s := &Server{docs: map[string]*document{
		"file:///w/a.ts":        {uri: "file:///w/a.ts", abs: "/w/a.ts"},
		"file:///w/open%20b.ts": {uri: "file:///w/open%20b.ts", abs: "/w/open b.ts"},
	}}
	f := analysis.Finding{
		Rule: "lock-order", Severity: analysis.Medium, File: "/w/a.ts",
		Line: 3, Column: 5, EndLine: 3, EndColumn: 20,
		Message: "locks taken in the opposite order", Fix: "Take them in one order.",
		Related: []analysis.Related{
			{File: "/w/a.ts", Line: 2, Column: 1, Message: "first lock"},
			{File: "/w/open b.ts", Line: 9, Column: 3, Message: "opposite order, open"},
			{File: "/w/c d.ts", Line: 1, Column: 1, Message: "opposite order, closed"},
		},
	}
	got := mustJSON(t, s.diagnostic(f, "file:///w/a.ts"))
	want := `{"range":{"start":{"line":2,"character":4},"end":{"line":2,"character":19}},"severity":2,"code":"lock-order",` +
		`"codeDescription":{"href":"https://github.com/racecheck/racecheck/blob/main/internal/rules/docs/lock-order.md"},"source":"racecheck",` +
		`"message":"locks taken in the opposite order\nFix: Take them in one order.","relatedInformation":[` +
		`{"location":{"uri":"file:///w/a.ts","range":{"start":{"line":1,"character":0},"end":{"line":1,"character":0}}},"message":"first lock"},` +
		`{"location":{"uri":"file:///w/open%20b.ts","range":{"start":{"line":8,"character":2},"end":{"line":8,"character":2}}},"message":"opposite order, open"},` +
		`{"location":{"uri":"file:///w/c%20d.ts","range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}}},"message":"opposite order, closed"}]}`
	if got != want {
		t.Errorf("diagnostic\n%s\nwant\n%s", got, want)
	}
	for sev, want := range map[analysis.Severity]int{analysis.High: 1, analysis.Medium: 2, analysis.Low: 3} {
		if got := severity(sev); got != want {
			t.Errorf("severity(%s) = %d, want %d", sev, got, want)
		}
	}
	// An end before the start (no span) collapses to the start.
	if r := rangeOf(analysis.Finding{Line: 4, Column: 7}); r != (Range{Position{3, 6}, Position{3, 6}}) {
		t.Errorf("rangeOf without an end = %+v", r)
	}
	if got := DocURL("invalid-suppression"); got != "https://github.com/racecheck/racecheck/blob/main/internal/suppress/docs/invalid-suppression.md" {
		t.Errorf("DocURL(invalid-suppression) = %s", got)
	}
}
