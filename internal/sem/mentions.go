package sem

import "sync"

// Rules skip files that cannot hold what they look for by asking whether the
// source mentions a word ("NX", "dempoten", "ebhook"). Asked one word at a
// time, that is a pass over every file per word; instead every word any
// rule asks about is registered when the program starts, and each file is
// read once, through an Aho-Corasick automaton over all of them, the first
// time it is asked.

// Needle is a registered word (see NewNeedle).
type Needle int

var needles struct {
	words []string
	ac    *automaton // built at the first SourceHas
	once  sync.Once
}

// NewNeedle registers a word that files may be asked about. It must be
// called before any scan starts (from a package's var or init).
func NewNeedle(word string) Needle {
	if word == "" {
		panic("sem: empty needle")
	}
	needles.words = append(needles.words, word)
	return Needle(len(needles.words) - 1)
}

// Needles registers several words at once.
func Needles(words ...string) []Needle {
	out := make([]Needle, len(words))
	for i, w := range words {
		out[i] = NewNeedle(w)
	}
	return out
}

// SourceHas reports whether the file's source contains any of the words.
func (f *File) SourceHas(ns ...Needle) bool {
	f.mentionsOnce.Do(func() {
		needles.once.Do(func() { needles.ac = buildAutomaton(needles.words) })
		f.mentions = needles.ac.scan(f.Tree.Src)
	})
	for _, n := range ns {
		if int(n) >= needles.ac.n {
			panic("sem: needle registered after the first scan: " + needles.words[n])
		}
		if f.mentions[int(n)/64]&(1<<(uint(n)%64)) != 0 {
			return true
		}
	}
	return false
}

// automaton is an Aho-Corasick automaton with a dense transition table.
type automaton struct {
	next [][256]int32
	out  [][]int32 // the words that end at each state, suffix links folded in
	n    int       // words
}

func buildAutomaton(words []string) *automaton {
	a := &automaton{next: make([][256]int32, 1), out: make([][]int32, 1), n: len(words)}
	// The trie: -1 marks a missing edge until the links are filled in.
	for i := range a.next[0] {
		a.next[0][i] = -1
	}
	for wi, w := range words {
		s := int32(0)
		for i := 0; i < len(w); i++ {
			c := w[i]
			if a.next[s][c] < 0 {
				var row [256]int32
				for j := range row {
					row[j] = -1
				}
				a.next = append(a.next, row)
				a.out = append(a.out, nil)
				a.next[s][c] = int32(len(a.next) - 1)
			}
			s = a.next[s][c]
		}
		a.out[s] = append(a.out[s], int32(wi))
	}
	// Breadth first: fail links, folded into the transitions.
	fail := make([]int32, len(a.next))
	var queue []int32
	for c := 0; c < 256; c++ {
		if t := a.next[0][c]; t < 0 {
			a.next[0][c] = 0
		} else {
			fail[t] = 0
			queue = append(queue, t)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		a.out[s] = append(a.out[s], a.out[fail[s]]...)
		for c := 0; c < 256; c++ {
			if t := a.next[s][c]; t < 0 {
				a.next[s][c] = a.next[fail[s]][c]
			} else {
				fail[t] = a.next[fail[s]][c]
				queue = append(queue, t)
			}
		}
	}
	return a
}

// scan returns the set of words found in src, as a bit set.
func (a *automaton) scan(src string) []uint64 {
	found := make([]uint64, (a.n+63)/64)
	s := int32(0)
	for i := 0; i < len(src); i++ {
		s = a.next[s][src[i]]
		for _, w := range a.out[s] {
			found[w/64] |= 1 << (uint(w) % 64)
		}
	}
	return found
}
