package sem

import (
	"strings"
	"testing"
)

func TestAutomatonAgreesWithContains(t *testing.T) {
	words := []string{"NX", "nx", "del", "DEL", "ebhook", "set", "settle", "tle", "a", "ock(", "using("}
	a := buildAutomaton(words)
	for _, src := range []string{
		"", "a", "redis.set(key, 1, 'NX')", "webhook.settle()", "lock(x); using(y)", "xyz", "dedelete", "tl", "setl",
	} {
		got := a.scan(src)
		for i, w := range words {
			has := got[i/64]&(1<<(uint(i)%64)) != 0
			if has != strings.Contains(src, w) {
				t.Errorf("%q in %q: got %v", w, src, has)
			}
		}
	}
}

func FuzzAutomaton(f *testing.F) {
	f.Add("redis.set(key, 1, 'NX')", "NX")
	f.Add("aaa", "aa")
	f.Fuzz(func(t *testing.T, src, word string) {
		if word == "" {
			return
		}
		words := []string{word, word + "x", "x"}
		got := buildAutomaton(words).scan(src)
		for i, w := range words {
			if has := got[0]&(1<<uint(i)) != 0; has != strings.Contains(src, w) {
				t.Fatalf("%q in %q: got %v", w, src, has)
			}
		}
	})
}
