//go:build treesitter

package jsparse

import (
	"testing"

	"github.com/racecheck/racecheck/internal/parse/treesitter"
)

func TestSameAsTreeSitter(t *testing.T) {
	p := treesitter.NewParser()
	defer p.Close()
	for _, c := range sameAsTreeSitter {
		want, err := p.Parse(c.src, treesitter.Lang(c.lang))
		if err != nil {
			t.Fatalf("tree-sitter fails on %q: %v", c.src, err)
		}
		got, err := Parse(c.src, c.lang)
		if err != nil {
			t.Errorf("%q: %v", c.src, err)
		}
		if i, d := Diff(want, got); i >= 0 {
			t.Errorf("%q: %s\nwant:\n%s\ngot:\n%s", c.src, d, Dump(want), Dump(got))
		}
	}
}

// BenchmarkTreeSitter parses the corpus with the tree-sitter front end,
// flattening included.
func BenchmarkTreeSitter(b *testing.B) {
	files, size := benchCorpus(b)
	p := treesitter.NewParser()
	defer p.Close()
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, f := range files {
			p.Parse(f.src, treesitter.Lang(f.lang))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(size)/float64(b.N), "ns/byte")
}
