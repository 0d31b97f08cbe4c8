package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/racecheck/racecheck/internal/engine"
)

// TestHTMLHeader: the header says what was scanned, at which commit (only
// in a repository), with which version and when (unless deterministic).
func TestHTMLHeader(t *testing.T) {
	for _, tc := range []struct {
		name string
		o    Options
		want []string
		not  []string
	}{
		{"outside git", Options{Paths: []string{"src", "lib/a b.ts"}, Version: "v2.0.0", Deterministic: true},
			[]string{`<dt>Scanned</dt><dd><code>src</code>, <code>lib/a b.ts</code></dd>`, `<dt>racecheck</dt><dd>v2.0.0</dd>`},
			[]string{`<dt>Commit</dt>`, `<dt>Date</dt>`}},
		{"no paths, dev build, dated", Options{Commit: "abc123"},
			[]string{`<dt>Scanned</dt><dd><code>.</code></dd>`, `<dt>Commit</dt><dd><code title="abc123">abc123</code></dd>`, `<dt>racecheck</dt><dd>dev</dd>`},
			nil},
	} {
		var buf bytes.Buffer
		if err := HTML(&buf, &engine.Result{Files: 1}, tc.o); err != nil {
			t.Fatal(err)
		}
		page := buf.String()
		for _, w := range tc.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s: the page lacks %s", tc.name, w)
			}
		}
		for _, n := range tc.not {
			if strings.Contains(page, n) {
				t.Errorf("%s: the page has %s", tc.name, n)
			}
		}
		date := regexp.MustCompile(`<dt>Date</dt><dd>\d{4}-\d\d-\d\d \d\d:\d\d UTC</dd>`).MatchString(page)
		if date == tc.o.Deterministic {
			t.Errorf("%s: date shown %v with Deterministic %v", tc.name, date, tc.o.Deterministic)
		}
	}
}
