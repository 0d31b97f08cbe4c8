package engine

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/racecheck/racecheck/internal/syntax"
)

const clean = `export async function notify(users, mailer) {
  await Promise.all(users.map((u) => mailer.send(u)));
}
`

// findingsOf lists a result's findings as "file:line:rule".
func findingsOf(res *Result) string {
	var out []string
	for _, f := range res.Findings {
		out = append(out, fmt.Sprintf("%s:%d:%s", filepath.Base(f.File), f.Line, f.Rule))
	}
	return strings.Join(out, " ")
}

func slashAbs(t *testing.T, dir, name string) string {
	t.Helper()
	return filepath.ToSlash(filepath.Join(dir, name))
}

// TestOverlayReplacesDisk: the overlay's content is analysed instead of the
// file's, in both directions, and files without an entry are read from disk.
func TestOverlayReplacesDisk(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.js", []byte(racy))
	write(t, dir, "b.js", []byte(clean))
	run := func(overlay map[string][]byte) string {
		t.Helper()
		res, err := Run(Options{Paths: []string{dir}, Jobs: 2, Overlay: overlay})
		if err != nil {
			t.Fatal(err)
		}
		if res.Files != 2 || len(res.Errors) != 0 {
			t.Fatalf("files %d, errors %v", res.Files, res.Errors)
		}
		return findingsOf(res)
	}
	if got := run(nil); got != "a.js:2:async-iteration-callback" {
		t.Errorf("no overlay: %q", got)
	}
	if got := run(map[string][]byte{slashAbs(t, dir, "a.js"): []byte(clean)}); got != "" {
		t.Errorf("a.js fixed in the overlay: %q", got)
	}
	both := map[string][]byte{slashAbs(t, dir, "a.js"): []byte(clean), slashAbs(t, dir, "b.js"): []byte("\n" + racy)}
	if got := run(both); got != "b.js:3:async-iteration-callback" {
		t.Errorf("b.js made racy in the overlay: %q", got)
	}
	// A path that is not on disk is not scanned.
	if got := run(map[string][]byte{slashAbs(t, dir, "ghost.js"): []byte(racy)}); got != "a.js:2:async-iteration-callback" {
		t.Errorf("overlay of a missing file: %q", got)
	}
}

// TestOverlayTooBig: an overlay larger than the size limit is skipped like
// a file on disk.
func TestOverlayTooBig(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.js", []byte(racy))
	big := []byte("// " + strings.Repeat("x", 1<<20) + "\n")
	res, err := Run(Options{Paths: []string{dir}, Jobs: 1, Overlay: map[string][]byte{slashAbs(t, dir, "a.js"): big}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != 0 || len(res.Skipped) != 1 || res.Skipped[0].Reason != "larger than 1024 KiB" {
		t.Errorf("files %d, skipped %+v", res.Files, res.Skipped)
	}
}

// TestCacheReusesTrees: a second run reuses the trees of unchanged files,
// parses changed ones again, and forgets deleted ones.
func TestCacheReusesTrees(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.js", []byte(racy))
	write(t, dir, "b.js", []byte(clean))
	write(t, dir, "c.ts", []byte(clean))
	cache := NewCache()
	run := func(overlay map[string][]byte) *Result {
		t.Helper()
		res, err := Run(Options{Paths: []string{dir}, Jobs: 2, Cache: cache, Overlay: overlay})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	tree := func(res *Result, name string) any {
		for path, tr := range res.Sources {
			if filepath.Base(path) == name {
				return tr
			}
		}
		t.Fatalf("no tree for %s", name)
		return nil
	}
	first := run(nil)
	if cache.Len() != 3 {
		t.Fatalf("cache holds %d files after the first run, want 3", cache.Len())
	}
	second := run(map[string][]byte{slashAbs(t, dir, "b.js"): []byte(racy)})
	if tree(first, "a.js") != tree(second, "a.js") || tree(first, "c.ts") != tree(second, "c.ts") {
		t.Error("unchanged files were parsed again")
	}
	if tree(first, "b.js") == tree(second, "b.js") {
		t.Error("the changed file kept its old tree")
	}
	if got := findingsOf(second); got != "a.js:2:async-iteration-callback b.js:2:async-iteration-callback" {
		t.Errorf("second run: %q", got)
	}
	if err := os.Remove(filepath.Join(dir, "c.ts")); err != nil {
		t.Fatal(err)
	}
	third := run(nil)
	if cache.Len() != 2 {
		t.Errorf("cache holds %d files after c.ts was deleted, want 2", cache.Len())
	}
	if got := findingsOf(third); got != "a.js:2:async-iteration-callback" {
		t.Errorf("third run: %q", got)
	}
}

// TestCheckLimitsRules: only the files Check accepts are checked; the
// others are still scanned and indexed.
func TestCheckLimitsRules(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.js", []byte(racy))
	write(t, dir, "b.js", []byte(racy))
	only := slashAbs(t, dir, "b.js")
	res, err := Run(Options{Paths: []string{dir}, Jobs: 2, Check: func(abs string) bool { return abs == only }})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != 2 || len(res.Sources) != 2 {
		t.Errorf("files %d, sources %d, want 2 and 2", res.Files, len(res.Sources))
	}
	if got := findingsOf(res); got != "b.js:2:async-iteration-callback" {
		t.Errorf("findings %q", got)
	}
}

// BenchmarkRerun measures what an editor pays per edit: a run of the
// benchmark tree with the parse cache warm, one file's content changed in
// the overlay, and only that file checked.
func BenchmarkRerun(b *testing.B) {
	dir, err := filepath.Abs(benchDir(b))
	if err != nil {
		b.Fatal(err)
	}
	cache := NewCache()
	first, err := Run(Options{Paths: []string{dir}, Cache: cache})
	if err != nil || first.Files == 0 {
		b.Fatalf("first run: %v, %d files", err, first.Files)
	}
	var edited string
	var src *syntax.Tree
	for path, tree := range first.Sources {
		abs, err := filepath.Abs(path)
		if err != nil {
			b.Fatal(err)
		}
		if abs = filepath.ToSlash(abs); edited == "" || abs < edited {
			edited, src = abs, tree
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		overlay := map[string][]byte{edited: []byte(src.Src + fmt.Sprintf("\n// edit %d\n", i))}
		res, err := Run(Options{Paths: []string{dir}, Cache: cache, Overlay: overlay, Check: func(abs string) bool { return abs == edited }})
		if err != nil || res.Files != first.Files {
			b.Fatalf("rerun: %v, %d files", err, res.Files)
		}
	}
}

// TestCheckMatchesFullScan: checking one file at a time finds exactly
// what a full scan finds in that file, on the example app (whose findings
// depend on other files).
func TestCheckMatchesFullScan(t *testing.T) {
	dir, err := filepath.Abs("../../examples/shop")
	if err != nil {
		t.Fatal(err)
	}
	full, err := Run(Options{Paths: []string{dir}, Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	byFile := map[string][]string{}
	for _, f := range full.Findings {
		byFile[f.File] = append(byFile[f.File], fmt.Sprintf("%d:%d:%s", f.Line, f.Column, f.Rule))
	}
	if len(byFile) < 5 {
		t.Fatalf("the full scan found bugs in %d files only", len(byFile))
	}
	cache := NewCache()
	for path := range full.Sources {
		abs, err := filepath.Abs(path)
		if err != nil {
			t.Fatal(err)
		}
		abs = filepath.ToSlash(abs)
		one, err := Run(Options{Paths: []string{dir}, Jobs: 2, Cache: cache, Check: func(a string) bool { return a == abs }})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range one.Findings {
			got = append(got, fmt.Sprintf("%d:%d:%s", f.Line, f.Column, f.Rule))
			if f.File != path {
				t.Errorf("checking %s reported %s", path, f.File)
			}
		}
		if strings.Join(got, " ") != strings.Join(byFile[path], " ") {
			t.Errorf("%s checked alone: %v\nfull scan: %v", path, got, byFile[path])
		}
	}
}
