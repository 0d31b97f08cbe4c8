//go:build treesitter

package jsparse

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/racecheck/racecheck/internal/parse/treesitter"
	"github.com/racecheck/racecheck/internal/syntax"
)

// corpusStats counts the comparison of one language.
type corpusStats struct {
	files, identical, ownErrors int
	tsErrors, tsErrorsParsed    int    // files tree-sitter fails on; of them, parsed by jsparse without error
	bothFail                    string // an example file both fail on, with jsparse's error
	classes                     map[string]int
	examples                    map[string]string
}

// TestCorpora compares jsparse with tree-sitter on every file of the
// corpora named by RACECHECK_PARSE_CORPORA (directories separated by ':')
// that tree-sitter parses without error, and prints the match rate and the
// most frequent classes of the first difference.
func TestCorpora(t *testing.T) {
	env := os.Getenv("RACECHECK_PARSE_CORPORA")
	if env == "" {
		t.Skip("RACECHECK_PARSE_CORPORA is not set")
	}
	p := treesitter.NewParser()
	defer p.Close()
	names := []string{"javascript", "typescript", "tsx"}
	for _, root := range strings.Split(env, ":") {
		if root == "" {
			continue
		}
		var stats [3]corpusStats
		for i := range stats {
			stats[i].classes = map[string]int{}
			stats[i].examples = map[string]string{}
		}
		err := walkCorpus(root, func(path, src string, lang Lang) {
			s := &stats[lang]
			want, err := p.Parse(src, treesitter.Lang(lang))
			bad := err != nil || want == nil
			if !bad {
				_, bad = want.HasError()
			}
			if bad {
				s.tsErrors++
				if _, gerr := parseSafely(src, lang); gerr == nil {
					s.tsErrorsParsed++
				} else if s.bothFail == "" {
					s.bothFail = path + ": " + gerr.Error()
				}
				return
			}
			s.files++
			got, gerr := parseSafely(src, lang)
			if gerr != nil {
				s.ownErrors++
			}
			if got == nil {
				s.classes["panic"]++
				s.examples["panic"] = path
				return
			}
			c := MismatchClass(want, got)
			if c == "" {
				s.identical++
				return
			}
			s.classes[c]++
			if _, ok := s.examples[c]; !ok {
				_, d := Diff(want, got)
				s.examples[c] = path + ": " + d
			}
		})
		if err != nil {
			t.Errorf("%s: %v", root, err)
		}
		for i, s := range stats {
			if s.files == 0 {
				continue
			}
			t.Logf("%s %s: %d files, %d identical (%.1f%%), %d with own errors", root, names[i], s.files, s.identical, 100*float64(s.identical)/float64(s.files), s.ownErrors)
			if s.tsErrors > 0 {
				t.Logf("   tree-sitter fails on %d more files; jsparse parses %d of them without error; both fail on e.g. %s", s.tsErrors, s.tsErrorsParsed, s.bothFail)
			}
			type kv struct {
				k string
				v int
			}
			var list []kv
			for k, v := range s.classes {
				list = append(list, kv{k, v})
			}
			sort.Slice(list, func(a, b int) bool { return list[a].v > list[b].v || list[a].v == list[b].v && list[a].k < list[b].k })
			for j, e := range list {
				if j == 15 {
					break
				}
				t.Logf("   %5d  %s\n          e.g. %s", e.v, e.k, s.examples[e.k])
			}
		}
	}
}

// parseSafely parses and turns a panic into a nil tree.
func parseSafely(src string, lang Lang) (tree *syntax.Tree, err error) {
	defer func() {
		if r := recover(); r != nil {
			tree, err = nil, fmt.Errorf("panic: %v", r)
		}
	}()
	return Parse(src, lang)
}
