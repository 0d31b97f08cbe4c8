package rules_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/suppress"
)

var readmeRow = regexp.MustCompile("^\\| `([a-z0-9-]+)` \\| (high|medium|low) \\|")

// TestReadmeRuleTable keeps the README's rule table in step with the
// registry: every rule once, with its default severity, and nothing else.
func TestReadmeRuleTable(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	start, end := strings.Index(s, "<!-- rules:start -->"), strings.Index(s, "<!-- rules:end -->")
	if start < 0 || end < start {
		t.Fatal("README.md has no rules:start/rules:end markers")
	}
	rows := map[string]string{}
	for _, line := range strings.Split(s[start:end], "\n") {
		if m := readmeRow.FindStringSubmatch(line); m != nil {
			if _, dup := rows[m[1]]; dup {
				t.Errorf("README lists %s twice", m[1])
			}
			rows[m[1]] = m[2]
		}
	}
	for _, r := range append(analysis.Rules(), suppress.Rules()...) {
		sev, ok := rows[r.ID]
		switch {
		case !ok:
			t.Errorf("README rule table lacks %s", r.ID)
		case sev != r.Severity.String():
			t.Errorf("README gives %s severity %s, the registry %s", r.ID, sev, r.Severity)
		}
		delete(rows, r.ID)
	}
	for id := range rows {
		t.Errorf("README lists %s, which is not registered", id)
	}
}
