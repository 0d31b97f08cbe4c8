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
			before = append(before, f.initialStates(fn, fn.Body)...)
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
// setSaving(false)), also through a chain started in such a callback
// (load(a).then(x => load(b).then(y => setLoading(false)))). A rejection
// skips the callbacks and leaves the state set. The state may be set
// before a chain whose fulfilment callback fn is, or be a component's
// state that starts so (const [loaded, setLoaded] = useState(false), set
// to true only on success). chain is the outermost call of the chain.
func (f *File) PendingAround(fn *Func, chain syntax.Node) (set, reset syntax.Node, ok bool) {
	if fn == nil || fn.Body.IsNil() || Caught(chain) {
		return syntax.Node{}, syntax.Node{}, false
	}
	after, handled := f.successMarks(chain, 0)
	roots := []syntax.Node{fn.Body}
	if links, _ := ChainLinks(chain); len(links) == 0 {
		var callee syntax.Node
		after, callee = f.calleeSuccessMarks(chain)
		roots = append(roots, callee)
	}
	if handled || len(after) == 0 {
		return syntax.Node{}, syntax.Node{}, false
	}
	_, base := ChainLinks(chain)
	for g, at := fn, base; g != nil; {
		before := f.stateMarks(g.Body, g.Node, func(n syntax.Node) bool { return n.End() <= at.Start() })
		if set, reset, ok := pendingPair(f, before, after); ok {
			return set, reset, true
		}
		// fn is a fulfilment callback of an outer chain: what was set
		// before that chain stays set as well when this one rejects.
		outer := thenOf(g.Node)
		if outer.IsNil() || Caught(outer) {
			break
		}
		if _, h := f.successMarks(outer, 0); h {
			break
		}
		_, at = ChainLinks(outer)
		g = f.FuncAt(outer)
	}
	if set, reset, ok := pendingPair(f, f.initialStates(fn, roots...), after); ok {
		return set, reset, true
	}
	return syntax.Node{}, syntax.Node{}, false
}

// successMarks returns the state marks of a chain's fulfilment callbacks,
// and of the chains those callbacks start (three deep); handled is set
// when the chain has a rejection handler.
func (f *File) successMarks(chain syntax.Node, depth int) (marks []stateMark, handled bool) {
	links, _ := ChainLinks(chain)
	for _, l := range links {
		args := models.Args(l)
		switch m := models.Method(l); {
		case m == "catch", m == "then" && len(args) >= 2:
			return nil, true
		case m == "then" && len(args) == 1:
			cb := args[0].Unparen()
			if !IsFunction(cb) {
				continue
			}
			body := cb.Child(syntax.FBody)
			marks = append(marks, f.stateMarks(body, cb, func(syntax.Node) bool { return true })...)
			if depth >= 2 {
				continue
			}
			body.Walk(func(n syntax.Node) bool {
				if IsFunction(n) && n != cb {
					return false
				}
				if n.Is(syntax.KCallExpression) && ChainParent(n).IsNil() && !Caught(n) {
					if inner, h := f.successMarks(n, depth+1); !h {
						marks = append(marks, inner...)
					}
				}
				return true
			})
		}
	}
	return marks, false
}

// calleeSuccessMarks returns the state marks an async function of this
// file, called by call, makes after its first await that can reject:
// setIsLoading(true); fetchData() where fetchData sets it back once its
// read is done. Only states named alike in both (a setter, a field) are
// kept: a handle is the callee's own. It returns the callee's body too.
func (f *File) calleeSuccessMarks(call syntax.Node) ([]stateMark, syntax.Node) {
	if f.project == nil {
		return nil, syntax.Node{}
	}
	hf, fn := f.project.ResolveCall(f, call)
	if hf != f || fn == nil || !fn.Async {
		return nil, syntax.Node{}
	}
	for _, a := range fn.Awaits {
		if !a.Is(syntax.KAwaitExpression) || Caught(a) {
			continue
		}
		var out []stateMark
		for _, m := range f.stateMarks(fn.Body, fn.Node, func(n syntax.Node) bool { return n.Start() >= a.End() }) {
			if m.key != "" {
				out = append(out, m)
			}
		}
		return out, fn.Body
	}
	return nil, fn.Body
}

// thenOf returns the chain a function is the single fulfilment callback
// of (p.then(fn)), as its outermost call.
func thenOf(fn syntax.Node) syntax.Node {
	args := fn.Parent()
	for args.Is(syntax.KParenthesizedExpression) {
		args = args.Parent()
	}
	if !args.Is(syntax.KArguments) || len(args.NamedChildren()) != 1 {
		return syntax.Node{}
	}
	call := args.Parent()
	if models.Method(call) != "then" {
		return syntax.Node{}
	}
	for {
		p := ChainParent(call)
		if p.IsNil() {
			return call
		}
		call = p
	}
}

// initialStates returns, as state marks, the literal initial values of
// the state hooks (models.InitialStateArg) of the components fn is in:
// const [loaded, setLoaded] = useState(false) marks setLoaded as set to
// false. A state that the code in roots also sets back to its initial
// value (setImporting(false) in a finally, after setImporting(true) on
// the way) rests at that value: leaving it there is no state left set.
func (f *File) initialStates(fn *Func, roots ...syntax.Node) []stateMark {
	var out []stateMark
	for g := fn; g != nil; g = g.Outer {
		if !g.Body.Is(syntax.KStatementBlock) {
			continue
		}
		for _, st := range g.Body.NamedChildren() {
			if !st.Is(syntax.KLexicalDeclaration, syntax.KVariableDeclaration) {
				continue
			}
			for _, d := range st.NamedChildren() {
				pat, v := d.Child(syntax.FName), d.Child(syntax.FValue).Unparen()
				if !pat.Is(syntax.KArrayPattern) || !v.Is(syntax.KCallExpression) {
					continue
				}
				_, name := models.Callee(v)
				i, ok := models.InitialStateArg(name)
				els, args := pat.NamedChildren(), models.Args(v)
				if !ok || len(els) != 2 || i >= len(args) || !els[1].Is(syntax.KIdentifier) {
					continue
				}
				if lit := LiteralValue(args[i].Unparen()); lit != "" && !setsTo(roots, els[1].Text(), lit) {
					out = append(out, stateMark{key: els[1].Text(), value: lit, node: d})
				}
			}
		}
	}
	return out
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

// setsTo reports whether code in roots, nested functions, catch and
// finally clauses included, calls setter with value: setLoading(false).
func setsTo(roots []syntax.Node, setter, value string) bool {
	found := false
	for _, r := range roots {
		if r.IsNil() {
			continue
		}
		r.EachOf(func(c syntax.Node) bool {
			if m := callMark(c); m.key == setter && m.value == value {
				found = true
			}
			return !found
		}, syntax.KCallExpression)
	}
	return found
}
