// Package syntax holds racecheck's own compact syntax tree.
//
// A front end (see package parse) produces a Tree: the source text and a flat,
// pre-order array of nodes. Everything after parsing works on this tree in
// pure Go. Node kinds and field names form a small vocabulary of their own
// (kinds.go) that any front end producing ECMAScript/TypeScript trees can map
// its output onto.
package syntax

import (
	"sort"
	"sync"
	"unicode/utf8"
)

// Kind is a node kind, an index into the vocabulary.
type Kind uint16

// Field is the role a node plays in its parent (for example FFunction for the
// callee of a call). NoField means none.
type Field uint8

// Node flags.
const (
	flagNamed   = 1 << iota // a named node (not an anonymous token)
	flagMissing             // inserted by error recovery
	flagError               // an ERROR node
)

// RawNode is one node of the flat array. Nodes are stored in pre-order, so the
// first child of node i, if any, is node i+1.
type RawNode struct {
	Start, End uint32 // byte offsets into the source
	Parent     int32  // -1 for the root
	Next       int32  // next sibling, -1 if none
	Kind       Kind
	Field      Field
	Flags      uint8
}

// IsNamed reports whether the raw node is a named node rather than an
// anonymous token.
func (r *RawNode) IsNamed() bool { return r.Flags&flagNamed != 0 }

// Tree is a parsed file: its source and its nodes.
type Tree struct {
	Src       string
	nodes     []packed
	ordered   bool // the nodes' start offsets never decrease (see EachSpan)
	linesOnce sync.Once
	lines     []uint32 // byte offset of the start of each line, see lineTable
}

// MaxSource is the size of the largest source a Tree can hold, and
// MaxNodes the most nodes: offsets and node numbers are kept in 24 bits.
const (
	MaxSource = 1<<24 - 1
	MaxNodes  = 1<<24 - 2
)

// Fits reports whether a tree of a source of srcLen bytes with n nodes
// can be built; a front end reports a file that does not fit as too large.
func Fits(srcLen, n int) bool { return srcLen <= MaxSource && n <= MaxNodes }

// packed is a RawNode in 16 bytes: start, end and kind in a; parent and
// next sibling (each plus one, so that -1 is 0), field and flags in b.
type packed struct{ a, b uint64 }

const mask24 = 1<<24 - 1

func pack(r RawNode) packed {
	return packed{
		a: uint64(r.Start) | uint64(r.End)<<24 | uint64(r.Kind)<<48,
		b: uint64(r.Parent+1) | uint64(r.Next+1)<<24 | uint64(r.Field)<<48 | uint64(r.Flags)<<56,
	}
}

func (p packed) start() uint32 { return uint32(p.a & mask24) }
func (p packed) end() uint32   { return uint32(p.a >> 24 & mask24) }
func (p packed) kind() Kind    { return Kind(p.a >> 48) }
func (p packed) parent() int32 { return int32(p.b&mask24) - 1 }
func (p packed) next() int32   { return int32(p.b>>24&mask24) - 1 }
func (p packed) field() Field  { return Field(p.b >> 48) }
func (p packed) flags() uint8  { return uint8(p.b >> 56) }

func (p packed) raw() RawNode {
	return RawNode{Start: p.start(), End: p.end(), Parent: p.parent(), Next: p.next(), Kind: p.kind(), Field: p.field(), Flags: p.flags()}
}

// NewTree builds a tree from source and nodes whose Next links are unset; it
// links siblings, and may change nodes while doing so. It is what front
// ends call, after checking that the tree Fits; one that does not is cut
// to its root.
func NewTree(src string, nodes []RawNode) *Tree {
	if !Fits(len(src), len(nodes)) {
		src = src[:min(len(src), MaxSource)]
		nodes = []RawNode{{Start: 0, End: uint32(len(src)), Parent: -1, Kind: KProgram, Flags: flagNamed | flagError}}
	}
	lastChild := make([]int32, len(nodes))
	for i := range lastChild {
		lastChild[i] = -1
	}
	for i := range nodes {
		nodes[i].Next = -1
		p := nodes[i].Parent
		if p < 0 {
			continue
		}
		if lc := lastChild[p]; lc >= 0 {
			nodes[lc].Next = int32(i)
		}
		lastChild[p] = int32(i)
	}
	t := &Tree{Src: src, nodes: make([]packed, len(nodes)), ordered: true}
	for i := range nodes {
		t.nodes[i] = pack(nodes[i])
		if i > 0 && nodes[i].Start < nodes[i-1].Start {
			t.ordered = false // a token the parser's repair moved
		}
	}
	return t
}

// lineTable returns the start of each line, computed on first use: most
// files are never asked for a line.
func (t *Tree) lineTable() []uint32 {
	t.linesOnce.Do(func() { t.lines = lineStarts(t.Src) })
	return t.lines
}

// EachSpan calls fn, in tree order, for the nodes of one of kinds that
// span exactly start to end, until fn returns false. When the nodes' start
// offsets never decrease (nearly always), it finds them by binary search.
func (t *Tree) EachSpan(start, end uint32, kinds []Kind, fn func(Node) bool) bool {
	i := 0
	if t.ordered {
		i = sort.Search(len(t.nodes), func(j int) bool { return t.nodes[j].start() >= start })
	}
	for ; i < len(t.nodes); i++ {
		p := t.nodes[i]
		if t.ordered && p.start() > start {
			break
		}
		if p.start() != start || p.end() != end {
			continue
		}
		for _, k := range kinds {
			if p.kind() == k {
				if !fn(Node{t, int32(i)}) {
					return false
				}
				break
			}
		}
	}
	return true
}

// Len is the number of nodes.
func (t *Tree) Len() int { return len(t.nodes) }

// Raw returns node i as a RawNode, for front ends, tests and dumps.
func (t *Tree) Raw(i int32) RawNode { return t.nodes[i].raw() }

func lineStarts(src string) []uint32 {
	n := 1
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			n++
		}
	}
	ls := make([]uint32, 0, n)
	ls = append(ls, 0)
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			ls = append(ls, uint32(i+1))
		}
	}
	return ls
}

// Root is the program node.
func (t *Tree) Root() Node {
	if t == nil || len(t.nodes) == 0 {
		return Node{}
	}
	return Node{t, 0}
}

// At returns the node with index i.
func (t *Tree) At(i int32) Node {
	if i < 0 || int(i) >= len(t.nodes) {
		return Node{}
	}
	return Node{t, i}
}

// Line returns the 1-based line of a byte offset.
func (t *Tree) Line(off uint32) int {
	lines := t.lineTable()
	return sort.Search(len(lines), func(i int) bool { return lines[i] > off })
}

// LineCount is the number of lines in the source.
func (t *Tree) LineCount() int { return len(t.lineTable()) }

// LineText returns the text of a 1-based line without its line break.
func (t *Tree) LineText(line int) string {
	lines := t.lineTable()
	if line < 1 || line > len(lines) {
		return ""
	}
	start := lines[line-1]
	end := uint32(len(t.Src))
	if line < len(lines) {
		end = lines[line] - 1
	}
	s := t.Src[start:end]
	if len(s) > 0 && s[len(s)-1] == '\r' {
		s = s[:len(s)-1]
	}
	return s
}

// Position returns the 1-based line and the 1-based column of a byte offset.
// The column counts UTF-16 code units, as editors, LSP and SARIF do.
func (t *Tree) Position(off uint32) (line, col int) {
	if off > uint32(len(t.Src)) {
		off = uint32(len(t.Src))
	}
	line = t.Line(off)
	start := t.lineTable()[line-1]
	return line, UTF16Len(t.Src[start:off]) + 1
}

// UTF16Len counts the UTF-16 code units of s; invalid bytes count as one.
func UTF16Len(s string) int {
	n := 0
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		s = s[size:]
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// HasError reports whether the tree contains error or missing nodes, and
// returns the first one.
func (t *Tree) HasError() (Node, bool) {
	for i := range t.nodes {
		if t.nodes[i].flags()&(flagError|flagMissing) != 0 {
			return Node{t, int32(i)}, true
		}
	}
	return Node{}, false
}

// FlagsFor builds the flags of a raw node; front ends use it.
func FlagsFor(named, missing, isError bool) uint8 {
	var f uint8
	if named {
		f |= flagNamed
	}
	if missing {
		f |= flagMissing
	}
	if isError {
		f |= flagError
	}
	return f
}

// Comments returns the spans (start and end byte offsets) of t's comment
// nodes, in order.
func (t *Tree) Comments() [][2]uint32 {
	var out [][2]uint32
	for i := range t.nodes {
		if t.nodes[i].kind() == KComment {
			out = append(out, [2]uint32{t.nodes[i].start(), t.nodes[i].end()})
		}
	}
	return out
}

// CommentTree returns a tree of src that holds only a program node and the
// comments at the given spans: enough for code frames and suppression
// comments when a result is restored without parsing. Spans outside src
// are dropped.
func CommentTree(src string, comments [][2]uint32) *Tree {
	nodes := []RawNode{{Start: 0, End: uint32(len(src)), Parent: -1, Kind: KProgram, Flags: flagNamed}}
	for _, c := range comments {
		if c[0] <= c[1] && c[1] <= uint32(len(src)) {
			nodes = append(nodes, RawNode{Start: c[0], End: c[1], Parent: 0, Kind: KComment, Flags: flagNamed})
		}
	}
	return NewTree(src, nodes)
}

// harmless are the places where a syntax error leaves the code that runs
// intact: type-level declarations and annotations (newer TypeScript syntax)
// and the inside of a string literal. A file whose only errors lie there is
// analysed as usual.
var harmless = []Kind{
	KTypeAnnotation, KTypeAliasDeclaration, KInterfaceDeclaration,
	KTypeArguments, KTypeParameters, KAmbientDeclaration, KString,
}

// FirstHarmfulError returns the first error or missing node that is not
// inside a harmless place; every front end reports a file's syntax error
// from it.
func (t *Tree) FirstHarmfulError() (Node, bool) {
	for i := range t.nodes {
		n := t.At(int32(i))
		if !n.IsError() {
			continue
		}
		if n.Ancestor(harmless...).IsNil() {
			return n, true
		}
	}
	return Node{}, false
}
