package report

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/engine"
	"github.com/racecheck/racecheck/internal/parse"
	"github.com/racecheck/racecheck/internal/syntax"
)

// routeResult has one finding in a route handler and one outside any.
func routeResult(t *testing.T) (*engine.Result, *analysis.Rule) {
	t.Helper()
	p := parse.NewParser()
	defer p.Close()
	tree, err := p.Parse("handle();\nsettle();\n", parse.JavaScript)
	if err != nil {
		t.Fatal(err)
	}
	rule := &analysis.Rule{ID: "check-then-act", Severity: analysis.High, Title: "t"}
	res := &engine.Result{Files: 1, Sources: map[string]*syntax.Tree{"a.js": tree}}
	res.Findings = []analysis.Finding{
		{Rule: rule.ID, Severity: rule.Severity, File: "a.js", Line: 1, Column: 1, EndLine: 1, EndColumn: 9, Message: "in a route",
			Route: &analysis.Route{Method: "POST", Path: "/cards/:code/redeem", Framework: "express", Body: []string{"amount"}}},
		{Rule: rule.ID, Severity: rule.Severity, File: "a.js", Line: 2, Column: 1, EndLine: 2, EndColumn: 9, Message: "not in a route"},
	}
	return res, rule
}

var wantRoute = map[string]any{"method": "POST", "path": "/cards/:code/redeem", "framework": "express", "body": []any{"amount"}}

func TestRouteInJSON(t *testing.T) {
	res, rule := routeResult(t)
	var buf bytes.Buffer
	if err := Write("json", &buf, res, Options{Rules: []*analysis.Rule{rule}}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Findings []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Findings) != 2 {
		t.Fatalf("%d findings", len(doc.Findings))
	}
	if got := doc.Findings[0]["route"]; !reflect.DeepEqual(got, wantRoute) {
		t.Errorf("route = %v, want %v", got, wantRoute)
	}
	if got, ok := doc.Findings[1]["route"]; ok {
		t.Errorf("finding outside a route has route %v", got)
	}
}

func TestRouteInSARIF(t *testing.T) {
	res, rule := routeResult(t)
	var buf bytes.Buffer
	if err := SARIF(&buf, res, Options{Rules: []*analysis.Rule{rule}}); err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, p := range validateSARIF(doc) {
		t.Error(p)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				Properties map[string]any `json:"properties"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	rs := log.Runs[0].Results
	if len(rs) != 2 {
		t.Fatalf("%d results", len(rs))
	}
	if want := map[string]any{"route": wantRoute}; !reflect.DeepEqual(rs[0].Properties, want) {
		t.Errorf("properties = %v, want %v", rs[0].Properties, want)
	}
	if rs[1].Properties != nil {
		t.Errorf("result outside a route has properties %v", rs[1].Properties)
	}
}
