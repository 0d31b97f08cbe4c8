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

// ModeRethrow reports a throw inside a catch clause that only happens
// under a condition that does not look at the caught error (if
// (debugMode) throw e): the error is passed on in one configuration and
// swallowed in the others, so the function is written not to reject.
// A rethrow filtered by the error itself (if (e.code !== "ENOENT") throw e)
// is a real rejection.
func ModeRethrow(n syntax.Node) bool {
	try, part := TryRegion(n)
	if part != InCatch {
		return false
	}
	clause := try.Child(syntax.FHandler)
	param := clause.Child(syntax.FParameter)
	for p := n.Parent(); !p.IsNil() && p != clause; p = p.Parent() {
		if !p.Is(syntax.KIfStatement) {
			continue
		}
		cond := p.Child(syntax.FCondition)
		if param.IsNil() || !mentionsName(cond, param.Text()) {
			return true
		}
	}
	return false
}

// mentionsName reports whether n contains the identifier name.
func mentionsName(n syntax.Node, name string) bool {
	found := false
	n.Walk(func(m syntax.Node) bool {
		if found {
			return false
		}
		found = m.Is(syntax.KIdentifier) && m.Text() == name
		return true
	})
	return found
}

// HandlesOwnErrors reports whether an async function's promise cannot
// reject: every await and throw of its own body is inside a try block with
// a catch clause, and it returns nothing that could reject (sync throws
// from before its first await aside).
func HandlesOwnErrors(fn *Func) bool {
	if fn == nil || !fn.Async || fn.Body.IsNil() {
		return false
	}
	for _, w := range fn.Awaits {
		if !Caught(w) {
			return false
		}
	}
	for _, r := range fn.Returns {
		if r.Unparen().Is(syntax.KCallExpression, syntax.KAwaitExpression) && !Caught(r) {
			return false
		}
	}
	ok := true
	fn.Body.Walk(func(n syntax.Node) bool {
		if !ok || n != fn.Body && isFunction(n) {
			return false
		}
		if n.Is(syntax.KThrowStatement) && !Caught(n) {
			ok = false
		}
		return true
	})
	return ok
}

// JustRethrows reports a catch clause whose body only rethrows.
func JustRethrows(h syntax.Node) bool {
	body := h.Child(syntax.FBody)
	var stmts []syntax.Node
	for _, c := range body.NamedChildren() {
		if !c.Is(syntax.KComment) {
			stmts = append(stmts, c)
		}
	}
	return len(stmts) == 1 && stmts[0].Is(syntax.KThrowStatement)
}

// HandledInTry reports whether an error thrown at n is handled within n's
// function: n is in a try block whose catch does not just rethrow, or in
// a chain that ends in .catch(...).
func (f *File) HandledInTry(n syntax.Node) bool {
	fn := f.FuncAt(n)
	child := n
	for p := n.Parent(); !p.IsNil() && (fn == nil || p != fn.Node); child, p = p, p.Parent() {
		if p.Is(syntax.KTryStatement) && child.Field() == syntax.FBody {
			if h := p.Child(syntax.FHandler); !h.IsNil() && !JustRethrows(h) {
				return true
			}
		}
		if p.Is(syntax.KMemberExpression) && p.Child(syntax.FProperty).Text() == "catch" {
			return true
		}
	}
	return false
}

// HandledThroughExecutors is HandledInTry, continued outwards through
// Promise executors: new Promise(...).catch(...) handles the error of a
// call in its executor.
func (f *File) HandledThroughExecutors(n syntax.Node) bool {
	for ; !n.IsNil(); n = f.ExecutorOf(n) {
		if f.HandledInTry(n) {
			return true
		}
	}
	return false
}

// GuardsThroughExecutors returns the guards of n, continuing outwards
// through Promise executors, which run at once where the promise is
// created: if (await exists(p)) return new Promise((res) => fs.rename(p, q, res)).
func (f *File) GuardsThroughExecutors(n syntax.Node) []Guard {
	out := f.Guards(n)
	for nw := f.ExecutorOf(n); !nw.IsNil(); nw = f.ExecutorOf(nw) {
		out = append(out, f.Guards(nw)...)
	}
	return out
}

// ExecutorOf returns the new Promise(...) expression whose executor
// directly contains n, or no node.
func (f *File) ExecutorOf(n syntax.Node) syntax.Node {
	fn := f.FuncAt(n)
	if fn == nil || fn.Node == n {
		return syntax.Node{}
	}
	nw := fn.Node.Parent()
	if nw.Is(syntax.KArguments) {
		nw = nw.Parent()
	}
	if !nw.Is(syntax.KNewExpression) || nw.Child(syntax.FConstructor).Text() != "Promise" {
		return syntax.Node{}
	}
	if a := nw.Child(syntax.FArguments).NamedChildren(); len(a) == 0 || a[0].Unparen() != fn.Node {
		return syntax.Node{}
	}
	return nw
}

// EndsInThrow reports a statement or block whose last statement throws
// (reads in a block that ends so only build the error of a failing path).
func EndsInThrow(s syntax.Node) bool {
	switch {
	case s.IsNil():
		return false
	case s.Is(syntax.KThrowStatement):
		return true
	case s.Is(syntax.KStatementBlock):
		return EndsInThrow(LastStatement(s))
	case s.Is(syntax.KElseClause):
		return EndsInThrow(s.NamedChild(0))
	}
	return false
}
