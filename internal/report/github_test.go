package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/engine"
)

func TestGitHubEscaping(t *testing.T) {
	res := &engine.Result{
		Findings: []analysis.Finding{{
			Rule: "r", Severity: analysis.Low, File: "a,b:c%d.js", Line: 3, Column: 2, EndLine: 3, EndColumn: 9,
			Message: "100% wrong:\r\nsecond line, with a comma",
			Related: []analysis.Related{{File: "other.js", Line: 9, Column: 1, Message: "the check"}},
		}},
		Errors: []engine.Error{{File: "x:y.js", Message: "cannot read\nat all"}},
		Files:  2,
	}
	var buf bytes.Buffer
	if err := GitHub(&buf, res, Options{}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(buf.String(), "\n")
	want := "::notice file=a%2Cb%3Ac%25d.js,line=3,endLine=3,col=2,endColumn=9,title=racecheck r (low)::100%25 wrong:%0D%0Asecond line, with a comma%0A  other.js:9: the check"
	if lines[0] != want {
		t.Errorf("annotation\n  %s\nwant\n  %s", lines[0], want)
	}
	if want := "::error file=x%3Ay.js,title=racecheck::cannot read%0Aat all"; lines[1] != want {
		t.Errorf("error annotation\n  %s\nwant\n  %s", lines[1], want)
	}
	if !strings.HasPrefix(lines[2], "PASS") {
		t.Errorf("summary line %q", lines[2])
	}
	// Severities map to the three annotation levels.
	for sev, cmd := range map[analysis.Severity]string{analysis.High: "::error ", analysis.Medium: "::warning ", analysis.Low: "::notice "} {
		buf.Reset()
		GitHub(&buf, &engine.Result{Findings: []analysis.Finding{{Rule: "r", Severity: sev, File: "a.js", Line: 1, Column: 1}}}, Options{})
		if !strings.HasPrefix(buf.String(), cmd) {
			t.Errorf("%s: %q", sev, buf.String())
		}
	}
}
