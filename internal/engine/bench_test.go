package engine

import (
	"os"
	"runtime"
	"testing"

	"github.com/racecheck/racecheck/internal/discover"
	"github.com/racecheck/racecheck/internal/sem"
)

// benchDir is the tree the benchmarks scan: RACECHECK_BENCH_DIR, or the
// bundled example app.
func benchDir(b *testing.B) string {
	if d := os.Getenv("RACECHECK_BENCH_DIR"); d != "" {
		return d
	}
	return "../../examples"
}

// BenchmarkParse measures discovery, reading, parsing and the per-file
// semantic model: the floor a full scan is compared against.
func BenchmarkParse(b *testing.B) {
	dir := benchDir(b)
	found, err := discover.Walk([]string{dir}, discover.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		files, _, _ := parseAll(found.Files, runtime.NumCPU(), nil)
		if len(files) == 0 {
			b.Fatal("no files parsed")
		}
	}
}

// BenchmarkScan measures a whole scan with every rule.
func BenchmarkScan(b *testing.B) {
	dir := benchDir(b)
	for i := 0; i < b.N; i++ {
		res, err := Run(Options{Paths: []string{dir}})
		if err != nil {
			b.Fatal(err)
		}
		if res.Files == 0 {
			b.Fatal("no files scanned")
		}
	}
}

func parseAllPaths(t *testing.T, dir string) ([]*sem.File, []discover.Skip, []Error) {
	t.Helper()
	found, err := discover.Walk([]string{dir}, discover.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return parseAll(found.Files, 2, nil)
}
