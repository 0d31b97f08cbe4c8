package sem

import (
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// LeavesPending reports a function that sets a state and sets it back
// only on the path that a rejection skips, outside any catch or finally:
// after an await that can reject (setLoading(true) ... await save() ...
// setLoading(false)), or in the fulfilment callback of a promise chain with
// no rejection handler (start(); return save().then(() => stop())). The
// state is a value given to a setter or assigned (this.busy = true ...
// this.busy = false), a handle opened and later closed (const t =
// toast.loading(...) ... toast.dismiss(t), both on one object), or a pair of calls that begin
// and end one (showSpinner() ... hideSpinner(), see
// models.StateVerb). When the rejection goes unhandled, the state stays
// set: a spinner that never stops, a job marked running for good. It
// returns the setting and the resetting statement.
func (f *File) LeavesPending(fn *Func) (set, reset syntax.Node, ok bool) {
	if fn == nil || fn.Body.IsNil() {
		return syntax.Node{}, syntax.Node{}, false
	}
	if fn.Async {
		for _, a := range fn.Awaits {
			if !a.Is(syntax.KAwaitExpression) || Caught(a) {
				continue
			}
			before := f.stateMarks(fn.Body, fn.Node, func(n syntax.Node) bool { return n.End() <= a.Start() })
			after := f.stateMarks(fn.Body, fn.Node, func(n syntax.Node) bool { return n.Start() >= a.End() })
			if set, reset, ok := pendingPair(f, before, after); ok {
				return set, reset, true
			}
			break
		}
	}
	found := false
	fn.Body.Walk(func(n syntax.Node) bool {
		if found || IsFunction(n) && n != fn.Node || n.Is(syntax.KCatchClause, syntax.KFinallyClause) {
			return false
		}
		if n.Is(syntax.KCallExpression) && ChainParent(n).IsNil() {
			if links, _ := ChainLinks(n); len(links) > 0 {
				set, reset, found = f.PendingAround(fn, n)
			}
		}
		return !found
	})
	return set, reset, found
}

// PendingAround reports a state that fn sets before a promise chain
// (p.then(a).then(b)) with no rejection handler and sets back only in one
// of the chain's fulfilment callbacks: setSaving(true); save().then(() =>
// setSaving(false)). A rejection skips the callbacks and leaves the state
// set. chain is the outermost call of the chain.
func (f *File) PendingAround(fn *Func, chain syntax.Node) (set, reset syntax.Node, ok bool) {
	if fn == nil || fn.Body.IsNil() || Caught(chain) {
		return syntax.Node{}, syntax.Node{}, false
	}
	links, base := ChainLinks(chain)
	var after []stateMark
	for _, l := range links {
		args := models.Args(l)
		switch m := models.Method(l); {
		case m == "catch", m == "then" && len(args) >= 2:
			return syntax.Node{}, syntax.Node{}, false // the chain handles rejections
		case m == "then" && len(args) == 1:
			if cb := args[0].Unparen(); IsFunction(cb) {
				body := cb.Child(syntax.FBody)
				after = append(after, f.stateMarks(body, cb, func(syntax.Node) bool { return true })...)
			}
		}
	}
	if len(after) == 0 {
		return syntax.Node{}, syntax.Node{}, false
	}
	before := f.stateMarks(fn.Body, fn.Node, func(n syntax.Node) bool { return n.End() <= base.Start() })
	return pendingPair(f, before, after)
}

// stateMark is a statement that sets a state: key names the state, value
// what it is set to; handle is the binding of an opened handle.
type stateMark struct {
	key, value string
	node       syntax.Node
	handle     *Binding
	receiver   string        // the receiver of the call that opens or closes a handle
	uses       []syntax.Node // identifiers given to a call, for handles
}

// stateMarks collects the state-setting statements of root that keep
// accepts, outside functions nested in owner and outside catch and
// finally clauses (those run on the failing path too).
func (f *File) stateMarks(root, owner syntax.Node, keep func(syntax.Node) bool) []stateMark {
	var out []stateMark
	root.Walk(func(n syntax.Node) bool {
		if IsFunction(n) && n != owner || n.Is(syntax.KCatchClause, syntax.KFinallyClause) {
			return false
		}
		var m stateMark
		switch {
		case n.Is(syntax.KExpressionStatement) || n == root && !root.Is(syntax.KStatementBlock):
			e := n
			if n.Is(syntax.KExpressionStatement) {
				e = n.NamedChild(0)
			}
			e = e.Unparen()
			switch {
			case e.Is(syntax.KCallExpression):
				m = callMark(e)
				m.node = n
			case e.Is(syntax.KAssignmentExpression):
				if v := LiteralValue(e.Child(syntax.FRight).Unparen()); v != "" {
					m = stateMark{key: e.Child(syntax.FLeft).Text(), value: v, node: n}
				}
			}
		case n.Is(syntax.KVariableDeclarator):
			if v := n.Child(syntax.FValue).Unparen(); v.Is(syntax.KCallExpression) {
				if name := n.Child(syntax.FName); name.Is(syntax.KIdentifier) {
					if b := f.Resolve(name); b != nil {
						m = stateMark{handle: b, node: n, receiver: receiverOf(v)}
					}
				}
			}
		}
		if (m.key != "" || m.handle != nil || len(m.uses) > 0) && keep(n) {
			out = append(out, m)
		}
		return true
	})
	return out
}

// callMark reads a call statement: setX(literal), a state verb with no
// argument (startProgress()), and the identifiers it is given.
func callMark(call syntax.Node) stateMark {
	m := stateMark{receiver: receiverOf(call)}
	args := models.Args(call)
	for _, a := range args {
		if a = a.Unparen(); a.Is(syntax.KIdentifier) {
			m.uses = append(m.uses, a)
		}
	}
	switch len(args) {
	case 1:
		if v := LiteralValue(args[0].Unparen()); v != "" {
			m.key, m.value = call.Child(syntax.FFunction).Text(), v
		}
	case 0:
		chain, name := models.Callee(call)
		if verb, noun, begins, ok := models.StateVerb(name); ok {
			m.key = "verb:" + verb + ":" + noun
			if len(chain) > 0 {
				m.key += ":" + chain[len(chain)-1]
			}
			m.value = "end"
			if begins {
				m.value = "begin"
			}
		}
	}
	return m
}

// receiverOf is the object a call is made on, as written: "toast" for
// toast.dismiss(t), "" for a plain function call.
func receiverOf(call syntax.Node) string {
	if fn := call.Child(syntax.FFunction).Unparen(); fn.Is(syntax.KMemberExpression) {
		return fn.Child(syntax.FObject).Text()
	}
	return ""
}

// pendingPair finds a state set before and set back after.
func pendingPair(f *File, before, after []stateMark) (set, reset syntax.Node, ok bool) {
	for _, b := range before {
		for _, a := range after {
			switch {
			case b.handle != nil && b.receiver != "" && a.receiver == b.receiver:
				for _, u := range a.uses {
					if f.Resolve(u) == b.handle {
						return b.node, a.node, true
					}
				}
			case b.key != "" && a.key == b.key && a.value != b.value && (b.value == "begin" || a.value != "begin"):
				return b.node, a.node, true
			}
		}
	}
	return syntax.Node{}, syntax.Node{}, false
}
