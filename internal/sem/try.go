package sem

import "github.com/racecheck/racecheck/internal/syntax"

// TryPart says which part of a try statement a node is in.
type TryPart int

// Parts of a try statement.
const (
	NotInTry TryPart = iota
	InTryBlock
	InCatch
	InFinally
)

// TryRegion returns the innermost try statement around n within n's
// function, and which part of it n lies in.
func TryRegion(n syntax.Node) (syntax.Node, TryPart) {
	child := n
	for p := n.Parent(); !p.IsNil() && !isFunction(p); child, p = p, p.Parent() {
		if !p.Is(syntax.KTryStatement) {
			continue
		}
		switch {
		case child.Field() == syntax.FBody:
			return p, InTryBlock
		case child.Is(syntax.KCatchClause):
			return p, InCatch
		case child.Is(syntax.KFinallyClause):
			return p, InFinally
		}
	}
	return syntax.Node{}, NotInTry
}

// Caught reports whether an exception thrown at n is caught within n's
// function: n is in a try block that has a catch clause.
func Caught(n syntax.Node) bool {
	for m := n; ; {
		try, part := TryRegion(m)
		if try.IsNil() {
			return false
		}
		if part == InTryBlock && !try.Child(syntax.FHandler).IsNil() {
			return true
		}
		m = try
	}
}
