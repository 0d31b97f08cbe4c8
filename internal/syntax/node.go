package syntax

import "strings"

// Node is a handle to one node of a Tree. The zero Node is "no node": every
// method on it is safe and returns a zero value.
type Node struct {
	t *Tree
	i int32
}

// IsNil reports whether n is no node.
func (n Node) IsNil() bool { return n.t == nil }

// Tree returns the tree n belongs to.
func (n Node) Tree() *Tree { return n.t }

// ID is n's index in its tree (-1 for no node); it identifies a node within a file.
func (n Node) ID() int32 {
	if n.t == nil {
		return -1
	}
	return n.i
}

func (n Node) raw() packed { return n.t.nodes[n.i] }

// Kind returns n's kind (KNone for no node).
func (n Node) Kind() Kind {
	if n.t == nil {
		return KNone
	}
	return n.raw().kind()
}

// Is reports whether n has one of the kinds.
func (n Node) Is(kinds ...Kind) bool {
	if n.t == nil {
		return false
	}
	k := n.raw().kind()
	for _, want := range kinds {
		if k == want {
			return true
		}
	}
	return false
}

// Named reports whether n is a named node rather than an anonymous token.
func (n Node) Named() bool { return n.t != nil && n.raw().flags()&flagNamed != 0 }

// IsError reports whether n is an error node or a node the parser inserted
// to recover from an error.
func (n Node) IsError() bool {
	return n.t != nil && n.raw().flags()&(flagError|flagMissing) != 0
}

// Field returns the role n plays in its parent.
func (n Node) Field() Field {
	if n.t == nil {
		return NoField
	}
	return n.raw().field()
}

// Start and End are n's byte offsets.
func (n Node) Start() uint32 {
	if n.t == nil {
		return 0
	}
	return n.raw().start()
}

// End is the byte offset just past n.
func (n Node) End() uint32 {
	if n.t == nil {
		return 0
	}
	return n.raw().end()
}

// Text returns n's source text (no copy).
func (n Node) Text() string {
	if n.t == nil {
		return ""
	}
	r := n.raw()
	return n.t.Src[r.start():r.end()]
}

// Line is n's 1-based start line.
func (n Node) Line() int {
	if n.t == nil {
		return 0
	}
	return n.t.Line(n.raw().start())
}

// EndLine is the 1-based line n ends on.
func (n Node) EndLine() int {
	if n.t == nil {
		return 0
	}
	e := n.raw().end()
	if e > n.raw().start() {
		e--
	}
	return n.t.Line(e)
}

// Parent returns n's parent.
func (n Node) Parent() Node {
	if n.t == nil || n.raw().parent() < 0 {
		return Node{}
	}
	return Node{n.t, n.raw().parent()}
}

// NextSibling returns the next node with the same parent.
func (n Node) NextSibling() Node {
	if n.t == nil || n.raw().next() < 0 {
		return Node{}
	}
	return Node{n.t, n.raw().next()}
}

// FirstChild returns n's first child, named or not.
func (n Node) FirstChild() Node {
	if n.t == nil {
		return Node{}
	}
	c := n.i + 1
	if int(c) < len(n.t.nodes) && n.t.nodes[c].parent() == n.i {
		return Node{n.t, c}
	}
	return Node{}
}

// Children returns n's children, named and anonymous.
func (n Node) Children() []Node {
	var out []Node
	for c := n.FirstChild(); !c.IsNil(); c = c.NextSibling() {
		out = append(out, c)
	}
	return out
}

// NamedChildren returns n's named children, comments left out.
func (n Node) NamedChildren() []Node {
	k := 0
	for c := n.FirstChild(); !c.IsNil(); c = c.NextSibling() {
		if c.Named() && c.Kind() != KComment {
			k++
		}
	}
	if k == 0 {
		return nil
	}
	out := make([]Node, 0, k) // one allocation, at the size needed
	for c := n.FirstChild(); !c.IsNil(); c = c.NextSibling() {
		if c.Named() && c.Kind() != KComment {
			out = append(out, c)
		}
	}
	return out
}

// NamedChild returns the i-th named child, comments not counted.
func (n Node) NamedChild(i int) Node {
	for c := n.FirstChild(); !c.IsNil(); c = c.NextSibling() {
		if c.Named() && c.Kind() != KComment {
			if i == 0 {
				return c
			}
			i--
		}
	}
	return Node{}
}

// Child returns the first child in the given field.
func (n Node) Child(f Field) Node {
	for c := n.FirstChild(); !c.IsNil(); c = c.NextSibling() {
		if c.Field() == f {
			return c
		}
	}
	return Node{}
}

// ChildOfKind returns the first child with one of the kinds.
func (n Node) ChildOfKind(kinds ...Kind) Node {
	for c := n.FirstChild(); !c.IsNil(); c = c.NextSibling() {
		if c.Is(kinds...) {
			return c
		}
	}
	return Node{}
}

// HasToken reports whether n has a direct anonymous child whose text is tok
// (a keyword such as "async" or an operator such as "+=").
func (n Node) HasToken(tok string) bool {
	for c := n.FirstChild(); !c.IsNil(); c = c.NextSibling() {
		if !c.Named() && c.Text() == tok {
			return true
		}
	}
	return false
}

// Operator returns the text of n's operator field (binary, assignment,
// unary and update expressions).
func (n Node) Operator() string {
	return n.Child(FOperator).Text()
}

// Contains reports whether m lies within n (or is n).
func (n Node) Contains(m Node) bool {
	if n.t == nil || m.t != n.t {
		return false
	}
	// Pre-order: the subtree of n is the index range (n.i, end of subtree].
	return m.i >= n.i && m.i < n.subtreeEnd()
}

// subtreeEnd is the index one past the last node of n's subtree.
func (n Node) subtreeEnd() int32 {
	for m := n; !m.IsNil(); m = m.Parent() {
		if nx := m.raw().next(); nx >= 0 {
			return nx
		}
	}
	return int32(len(n.t.nodes))
}

// Walk calls fn for n and every node below it in pre-order. When fn returns
// false, the children of that node are skipped.
func (n Node) Walk(fn func(Node) bool) {
	if n.t == nil {
		return
	}
	end := n.subtreeEnd()
	for i := n.i; i < end; {
		m := Node{n.t, i}
		if fn(m) {
			i++
			continue
		}
		i = m.subtreeEnd()
	}
}

// EachOf calls fn, in pre-order, for n and every node below it whose kind
// is one of kinds, until fn returns false. It is Walk for a query that
// looks at a few kinds and never skips a subtree, and much cheaper: it
// reads the kinds straight from the node array.
func (n Node) EachOf(fn func(Node) bool, kinds ...Kind) {
	if n.t == nil {
		return
	}
	nodes := n.t.nodes[:n.subtreeEnd()]
	for i := n.i; int(i) < len(nodes); i++ {
		k := nodes[i].kind()
		for _, want := range kinds {
			if k == want {
				if !fn(Node{n.t, i}) {
					return
				}
				break
			}
		}
	}
}

// Before reports whether n starts before m.
func (n Node) Before(m Node) bool { return n.Start() < m.Start() }

// Ancestor returns the nearest proper ancestor with one of the kinds.
func (n Node) Ancestor(kinds ...Kind) Node {
	for p := n.Parent(); !p.IsNil(); p = p.Parent() {
		if p.Is(kinds...) {
			return p
		}
	}
	return Node{}
}

// Unparen strips parentheses, TypeScript type assertions and non-null
// assertions around an expression: ((x as T)!) is x.
func (n Node) Unparen() Node {
	for {
		switch {
		case n.Is(KParenthesizedExpression):
			n = n.NamedChild(0)
		case n.Is(KAsExpression, KSatisfiesExpression, KNonNullExpression, KTypeAssertion):
			if n.Is(KTypeAssertion) {
				n = n.NamedChild(1)
			} else {
				n = n.NamedChild(0)
			}
		default:
			return n
		}
	}
}

// String describes n for debugging.
func (n Node) String() string {
	if n.t == nil {
		return "<nil>"
	}
	txt := n.Text()
	if len(txt) > 40 {
		txt = txt[:40] + "..."
	}
	return KindName(n.Kind()) + "(" + strings.ReplaceAll(txt, "\n", " ") + ")"
}
