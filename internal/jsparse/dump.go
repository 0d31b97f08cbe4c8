package jsparse

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/racecheck/racecheck/internal/syntax"
)

// Dump renders a tree as an indented S-expression: one node a line, with its
// field, kind, span and, for leaves, its text. Anonymous tokens are quoted.
func Dump(t *syntax.Tree) string {
	var b strings.Builder
	depth := make([]int, t.Len())
	for i := range t.Len() {
		n := t.Raw(int32(i))
		if n.Parent >= 0 {
			depth[i] = depth[n.Parent] + 1
		}
		b.WriteString(strings.Repeat("  ", depth[i]))
		b.WriteString(describe(t, i))
		b.WriteByte('\n')
	}
	return b.String()
}

// describe is one node's line in Dump.
func describe(t *syntax.Tree, i int) string {
	n := t.Raw(int32(i))
	var b strings.Builder
	if n.Field != syntax.NoField {
		b.WriteString(syntax.FieldName(n.Field))
		b.WriteString(": ")
	}
	name := syntax.KindName(n.Kind)
	if !n.IsNamed() {
		name = strconv.Quote(name)
	}
	b.WriteString(name)
	node := t.At(int32(i))
	if node.IsError() {
		b.WriteString(" !")
	}
	fmt.Fprintf(&b, " [%d-%d]", n.Start, n.End)
	leaf := i+1 >= t.Len() || t.Raw(int32(i+1)).Parent != int32(i)
	if leaf && n.IsNamed() && n.End >= n.Start && int(n.End) <= len(t.Src) {
		txt := t.Src[n.Start:n.End]
		if len(txt) > 40 {
			txt = txt[:40] + "..."
		}
		b.WriteString(" " + strconv.Quote(txt))
	}
	return b.String()
}

// Diff compares two trees node by node (kind name, field, span, parent,
// named flag, error flag) and returns the index of the first difference and
// a description of it, or -1 and "" when the trees are identical.
func Diff(want, got *syntax.Tree) (int, string) {
	n := min(want.Len(), got.Len())
	for i := 0; i < n; i++ {
		a, b := want.Raw(int32(i)), got.Raw(int32(i))
		if syntax.KindName(a.Kind) != syntax.KindName(b.Kind) || syntax.FieldName(a.Field) != syntax.FieldName(b.Field) ||
			a.Start != b.Start || a.End != b.End || a.Parent != b.Parent || a.Flags != b.Flags {
			return i, fmt.Sprintf("node %d: want %s (parent %d), got %s (parent %d)", i, describe(want, i), a.Parent, describe(got, i), b.Parent)
		}
	}
	switch {
	case want.Len() > n:
		return n, fmt.Sprintf("node %d: want %s, got end of tree", n, describe(want, n))
	case got.Len() > n:
		return n, fmt.Sprintf("node %d: want end of tree, got %s", n, describe(got, n))
	}
	return -1, ""
}

// MismatchClass names the kind of the first difference between two trees:
// "want-kind/got-kind" of the first differing node (or "end" when a tree is
// shorter); "" when they are identical.
func MismatchClass(want, got *syntax.Tree) string {
	i, _ := Diff(want, got)
	if i < 0 {
		return ""
	}
	name := func(t *syntax.Tree) string {
		if i >= t.Len() {
			return "end"
		}
		n := t.Raw(int32(i))
		s := syntax.KindName(n.Kind)
		if n.Parent >= 0 {
			s = syntax.KindName(t.Raw(n.Parent).Kind) + ">" + s
		}
		return s
	}
	return name(want) + " / " + name(got)
}
