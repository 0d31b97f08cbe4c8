package rules_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/engine"
	_ "github.com/racecheck/racecheck/internal/rules"
)

var mark = regexp.MustCompile(`expect:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)`)

// expectations reads the "// expect: rule-id" marks of every source file under dir.
func expectations(t *testing.T, dir string) (map[string]bool, []string) {
	t.Helper()
	want := map[string]bool{}
	var files []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files = append(files, filepath.ToSlash(path))
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for line := 1; sc.Scan(); line++ {
			if m := mark.FindStringSubmatch(sc.Text()); m != nil {
				for _, id := range strings.Split(m[1], ",") {
					want[fmt.Sprintf("%s:%d %s", filepath.ToSlash(path), line, strings.TrimSpace(id))] = true
				}
			}
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return want, files
}

// TestFixtures runs every rule over each rule's testdata directory and
// requires exactly the marked findings: each mark found, nothing else.
func TestFixtures(t *testing.T) {
	for _, r := range analysis.Rules() {
		t.Run(r.ID, func(t *testing.T) {
			dir := filepath.Join("testdata", r.ID)
			want, files := expectations(t, dir)
			var bad, good int
			for _, f := range files {
				switch {
				case strings.Contains(filepath.Base(f), ".bad."):
					bad++
				case strings.Contains(filepath.Base(f), ".good."):
					good++
				}
			}
			if bad == 0 || good == 0 {
				t.Fatalf("%s needs at least one .bad. and one .good. fixture (has %d and %d)", dir, bad, good)
			}
			if len(want) == 0 {
				t.Fatalf("%s has no expect marks", dir)
			}
			res, err := engine.Run(engine.Options{Paths: []string{dir}, Jobs: 2})
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range res.Errors {
				t.Errorf("error: %s: %s", e.File, e.Message)
			}
			got := map[string]bool{}
			for _, f := range res.Findings {
				got[fmt.Sprintf("%s:%d %s", f.File, f.Line, f.Rule)] = true
			}
			var missing, extra []string
			for k := range want {
				if !got[k] {
					missing = append(missing, k)
				}
			}
			for k := range got {
				if !want[k] {
					extra = append(extra, k)
				}
			}
			sort.Strings(missing)
			sort.Strings(extra)
			for _, m := range missing {
				t.Errorf("missing finding %s", m)
			}
			for _, x := range extra {
				t.Errorf("unexpected finding %s", x)
			}
		})
	}
}

// TestDocs requires every rule to have documentation with the sections a
// reader needs.
func TestDocs(t *testing.T) {
	for _, r := range analysis.Rules() {
		for _, section := range []string{"## What it finds", "## Why it is a bug", "## Incorrect", "## Correct", "## How to fix", "## Known limits"} {
			if !strings.Contains(r.Doc, section) {
				t.Errorf("%s: documentation lacks %q", r.ID, section)
			}
		}
		if !strings.HasPrefix(r.Doc, "# "+r.ID+"\n") {
			t.Errorf("%s: documentation must start with the heading \"# %s\"", r.ID, r.ID)
		}
		if r.Title == "" || r.Fix == "" || r.Severity == 0 {
			t.Errorf("%s: title, fix and severity are required", r.ID)
		}
	}
}
