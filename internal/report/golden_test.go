package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/engine"
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/suppress"
	"github.com/racecheck/racecheck/internal/syntax"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// Rules of the golden fixture: fixed, so that the golden files do not
// change when the real rules or their documentation do.
var (
	demoCheckThenAct = &analysis.Rule{
		ID: "demo-check-then-act", Severity: analysis.High,
		Title: "payment decided by a balance read before an await",
		Doc:   "# demo-check-then-act\n\n## What it finds\n\nA `charge` decided by a balance that\nwas read before an await.\n\n## How to fix\n\nMake the check and the write **one** atomic statement.",
		Fix:   "Move the check into the write: UPDATE ... WHERE balance >= $1.",
		Run: func(p *analysis.Pass) {
			callsTo(p, "charge", func(call syntax.Node) {
				rel := []analysis.Related{}
				if ifs := call.Ancestor(syntax.KIfStatement); !ifs.IsNil() {
					rel = append(rel, p.At(ifs.Child(syntax.FCondition), "the balance check"))
				}
				rel = append(rel, analysis.Related{File: strings.TrimSuffix(p.File.Path, "app.js") + "db.js", Line: 2, Column: 1, Message: "charge() is declared here"})
				p.Report(call, "user.balance read at line 5 decides the charge at line 7; another request can spend the balance in between", "", rel...)
			})
		},
	}
	demoFloating = &analysis.Rule{
		ID: "demo-floating", Severity: analysis.Medium,
		Title: "fire() result dropped",
		Doc:   "# demo-floating\n\nNo sections here.",
		Fix:   "Await fire() or attach .catch().",
		Run: func(p *analysis.Pass) {
			callsTo(p, "fire", func(call syntax.Node) {
				p.Report(call, "the promise of fire() is dropped", "")
			})
		},
	}
	demoLegacy = &analysis.Rule{
		ID: "demo-legacy", Severity: analysis.Low,
		Title: "call of legacy()",
		Run: func(p *analysis.Pass) {
			callsTo(p, "legacy", func(call syntax.Node) {
				p.Report(call, `legacy() is <deprecated> & "unsafe" 100%, see: a,b`, "")
			})
		},
	}
	demoRules = []*analysis.Rule{demoCheckThenAct, demoFloating, demoLegacy}
)

func callsTo(p *analysis.Pass, name string, fn func(syntax.Node)) {
	p.File.Root().Walk(func(n syntax.Node) bool {
		if n.Is(syntax.KCallExpression) {
			if chain, method := models.Callee(n); len(chain) == 0 && method == name || n.Child(syntax.FFunction).Text() == name {
				fn(n)
			}
		}
		return true
	})
}

// goldenResult scans the fixture with the demo rules and applies its
// suppression comments, as the command line does.
func goldenResult(t *testing.T) (*engine.Result, Options) {
	t.Helper()
	res, err := engine.Run(engine.Options{Paths: []string{"testdata/golden/src"}, Jobs: 2, Rules: demoRules})
	if err != nil {
		t.Fatal(err)
	}
	known := []string{suppress.InvalidID, suppress.UnusedID}
	ran := map[string]bool{}
	for _, r := range demoRules {
		known = append(known, r.ID)
		ran[r.ID] = true
	}
	invalid := suppress.Rules()[0]
	sup := suppress.Apply(res.Findings, res.Sources, suppress.Options{Known: known, Ran: ran, Invalid: invalid})
	res.Findings = sup.Findings
	return res, Options{
		FailOn:        analysis.Medium,
		Deterministic: true,
		Version:       "1.2.3",
		Rules:         append(append([]*analysis.Rule{}, demoRules...), invalid),
		Root:          "/project",
		Suppressed:    sup.Suppressed,
		Baseline:      &BaselineInfo{File: "racecheck-baseline.json", Accepted: 2, Fixed: 1},
		Width:         80,
		Paths:         []string{"testdata/golden/src"},
		Commit:        "0123456789abcdef0123456789abcdef01234567",
	}
}

func TestGolden(t *testing.T) {
	res, opts := goldenResult(t)
	if len(res.Findings) != 6 || opts.Suppressed != 1 || len(res.Errors) != 1 {
		t.Fatalf("fixture: %d findings, %d suppressed, %d errors; want 6, 1, 1", len(res.Findings), opts.Suppressed, len(res.Errors))
	}
	ext := map[string]string{"text": "txt", "json": "json", "sarif": "sarif", "github": "github", "html": "html"}
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(format, &buf, res, opts); err != nil {
				t.Fatal(err)
			}
			name := filepath.Join("testdata", "golden", "report."+ext[format])
			if *update {
				if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(name)
			if err != nil {
				t.Fatalf("%v (run go test -run Golden -update to create it)", err)
			}
			if got := buf.String(); got != string(want) {
				t.Errorf("%s differs from %s (run go test -run Golden -update to accept):\n%s", format, name, diff(string(want), got))
			}
		})
	}
}

// diff shows the first differing lines.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + itoa(i+1) + ":\n  want: " + a + "\n  got:  " + b
		}
	}
	return "(same lines; different line endings?)"
}

func itoa(n int) string {
	var b []byte
	for n >= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(append([]byte{byte('0' + n)}, b...))
}

func TestUnknownFormat(t *testing.T) {
	if err := Write("xml", &bytes.Buffer{}, &engine.Result{}, Options{}); err == nil || !strings.Contains(err.Error(), "text, json, sarif, github, html") {
		t.Errorf("unknown format: %v", err)
	}
}
