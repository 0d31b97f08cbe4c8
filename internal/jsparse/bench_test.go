package jsparse

import (
	"os"
	"testing"
)

// benchFile is one source file of the benchmark corpus.
type benchFile struct {
	src  string
	lang Lang
}

// benchCorpus loads the files under RACECHECK_PARSE_BENCH (a directory),
// skipping the benchmark when it is unset.
func benchCorpus(b *testing.B) ([]benchFile, int64) {
	dir := os.Getenv("RACECHECK_PARSE_BENCH")
	if dir == "" {
		b.Skip("RACECHECK_PARSE_BENCH is not set")
	}
	var files []benchFile
	var size int64
	if err := walkCorpus(dir, func(_ string, src string, lang Lang) {
		files = append(files, benchFile{src, lang})
		size += int64(len(src))
	}); err != nil {
		b.Fatal(err)
	}
	if len(files) == 0 {
		b.Fatalf("no source files under %s", dir)
	}
	return files, size
}

// BenchmarkParse parses the corpus with jsparse; compare its ns/byte with
// BenchmarkTreeSitter's.
func BenchmarkParse(b *testing.B) {
	files, size := benchCorpus(b)
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, f := range files {
			Parse(f.src, f.lang)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(size)/float64(b.N), "ns/byte")
}
