package sem

import (
	"strings"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// ParamBinding returns the binding of fn's i-th parameter when it is a
// simple name (with or without a default value), or nil.
func (f *File) ParamBinding(fn *Func, i int) *Binding {
	ps := fn.Params()
	if i < 0 || i >= len(ps) {
		return nil
	}
	p := ps[i]
	if p.Is(syntax.KRequiredParameter, syntax.KOptionalParameter) {
		p = p.Child(syntax.FPattern)
	}
	if p.Is(syntax.KAssignmentPattern) {
		p = p.Child(syntax.FLeft)
	}
	if !p.Is(syntax.KIdentifier) {
		return nil
	}
	return f.Resolve(p)
}

// NodeCallback returns fn's Node-style callback parameter: its last
// parameter, when fn or a function nested in it calls that parameter the
// way a completion callback is called: with an error and a result
// (cb(null, rows), cb(err, rows)), or with an error on one path and
// without one on another (cb(err) and cb() or cb(null)); or joins it to a
// promise with a promise-to-callback bridge (asCallback(promise, cb),
// promise.nodeify(cb)). An error is a caught exception, a callback's error
// parameter or a new XxxError(...). It returns nil when fn has no such
// parameter: a hook called only with an error (onError(err)) or only with
// values (onItem(x)) is not one.
func (f *File) NodeCallback(fn *Func) *Binding {
	b := f.ParamBinding(fn, len(fn.Params())-1)
	if b == nil || fn.Body.IsNil() {
		return nil
	}
	var withResult, failure, success, bridged bool
	fn.Body.Walk(func(n syntax.Node) bool {
		if withResult || bridged || failure && success {
			return false
		}
		if !n.Is(syntax.KIdentifier) || n.Text() != b.Name || f.Resolve(n) != b {
			return true
		}
		par := n.Parent()
		switch {
		case par.Is(syntax.KCallExpression) && par.Child(syntax.FFunction) == n:
			args := models.Args(par)
			switch {
			case len(args) == 0:
				success = true
			case IsNullish(args[0]):
				success = true
				withResult = withResult || len(args) >= 2
			case f.ErrorValue(args[0]):
				failure = true
				withResult = withResult || len(args) >= 2
			}
		case par.Is(syntax.KArguments):
			bridged = models.IsPromiseCallbackBridge(par.Parent())
		}
		return true
	})
	if !withResult && !bridged && !(failure && success) {
		return nil
	}
	return b
}

// OnceWrapped reports whether an identifier names a function made to run
// at most once (const done = once(cb)).
func (f *File) OnceWrapped(id syntax.Node) bool {
	if !id.Is(syntax.KIdentifier) {
		return false
	}
	b := f.Resolve(id)
	return b != nil && !b.Init.IsNil() && models.IsOnceWrapper(b.Init.Unparen())
}

// CallsOf returns the calls of a binding made in fn's own body (not in
// nested functions), in source order.
func (f *File) CallsOf(fn *Func, b *Binding) []syntax.Node {
	var out []syntax.Node
	for _, c := range fn.Calls() {
		if callee := c.Child(syntax.FFunction).Unparen(); callee.Is(syntax.KIdentifier) && callee.Text() == b.Name && f.Resolve(callee) == b {
			out = append(out, c)
		}
	}
	return out
}

// ErrorValue reports whether an expression is an error: a new XxxError(...),
// a caught exception, or the error parameter of a Node-style callback (the
// first parameter of a function literal, named like an error).
func (f *File) ErrorValue(e syntax.Node) bool {
	e = e.Unparen()
	switch {
	case e.Is(syntax.KNewExpression):
		return strings.HasSuffix(e.Child(syntax.FConstructor).Text(), "Error")
	case e.Is(syntax.KIdentifier):
		b := f.Resolve(e)
		if b == nil {
			return false
		}
		if b.Kind == BCatch {
			return true
		}
		if b.Kind != BParam || !models.ErrorParamNames[b.Name] {
			return false
		}
		fn := f.FuncOf(b.Scope.Node)
		return fn != nil && f.ParamBinding(fn, 0) == b
	}
	return false
}

// PromiseExecutor returns the executor function of a promise construction,
// new Promise(executor) or new this.Promise(executor) / new CustomPromise(...)
// for a configurable promise class, when it is a function literal.
func PromiseExecutor(n syntax.Node) (syntax.Node, bool) {
	if !n.Is(syntax.KNewExpression) {
		return syntax.Node{}, false
	}
	ctor := n.Child(syntax.FConstructor).Unparen()
	name := ctor.Text()
	if ctor.Is(syntax.KMemberExpression) {
		name = ctor.Child(syntax.FProperty).Text()
	}
	if !strings.HasSuffix(name, "Promise") {
		return syntax.Node{}, false
	}
	args := models.Args(n)
	if len(args) != 1 {
		return syntax.Node{}, false
	}
	ex := args[0].Unparen()
	if ex.Is(syntax.KCallExpression) {
		// function (resolve, reject) { ... }.bind(this)
		if m := models.Method(ex); m == "bind" {
			ex = models.Receiver(ex).Unparen()
		}
	}
	if !isFunction(ex) {
		return syntax.Node{}, false
	}
	return ex, true
}

// EscapingRejections returns the points of an async function where its
// promise can reject: awaits and throws of its own body that no try/catch
// of the function catches (a throw in a catch clause included), in source
// order. Awaits of plain values and of timer promises (new Promise(r =>
// setTimeout(r, ms))) cannot reject and are left out.
func EscapingRejections(fn *Func) []syntax.Node {
	var out []syntax.Node
	if fn.Body.IsNil() {
		return nil
	}
	fn.Body.Walk(func(n syntax.Node) bool {
		if isFunction(n) {
			return false
		}
		switch {
		case n.Is(syntax.KAwaitExpression):
			if !Caught(n) && !settledValue(n.NamedChild(0)) {
				out = append(out, n)
			}
		case n.Is(syntax.KForInStatement) && n.HasToken("await"):
			if !Caught(n) {
				out = append(out, n)
			}
		case n.Is(syntax.KThrowStatement):
			if !Caught(n) {
				out = append(out, n)
			}
		}
		return true
	})
	return out
}

// settledValue reports an awaited expression that cannot reject: a literal,
// a promise whose executor takes no reject parameter, or a promise given a
// rejection handler (x.catch(h), x.then(ok, fail)).
func settledValue(v syntax.Node) bool {
	v = v.Unparen()
	if v.Is(syntax.KCallExpression) {
		switch m := models.Method(v); {
		case m == "catch" && len(models.Args(v)) == 1:
			return true
		case m == "then" && len(models.Args(v)) == 2:
			return true
		}
	}
	switch {
	case v.Is(syntax.KNumber, syntax.KString, syntax.KNull, syntax.KUndefined, syntax.KTrue, syntax.KFalse):
		return true
	case v.Is(syntax.KNewExpression):
		ex, ok := PromiseExecutor(v)
		if !ok {
			return false
		}
		ps := ex.Child(syntax.FParameters)
		return ps.IsNil() || len(ps.NamedChildren()) <= 1
	}
	return false
}

// OnlyWithout reports whether n runs only when the value bound by b is
// absent: a guard between n and the node top (crossing nested functions)
// tests b and lets n run only when it is unset (if (!cb) ..., the else of
// if (cb), after if (cb) return ..., cb ? x : n).
func (f *File) OnlyWithout(n, top syntax.Node, b *Binding) bool {
	leaf := func(e syntax.Node) (bool, bool) {
		e = e.Unparen()
		return true, e.Is(syntax.KIdentifier) && e.Text() == b.Name && f.Resolve(e) == b
	}
	for m := n; !m.IsNil(); {
		for _, g := range f.Guards(m) {
			if g.Kind == GuardTry {
				continue
			}
			if present, ok := PresenceTest(g.Cond, leaf); ok && present == g.Negated {
				return true
			}
		}
		fn := f.EnclosingFunc(m)
		if fn == nil || fn.Node == top {
			return false
		}
		m = fn.Node
	}
	return false
}

// ErrorHandler reports whether a callback is an error handler rather than
// a Node-style completion callback: it throws its first parameter without
// first testing that the parameter is set. A completion callback gets null
// there on success, so it only throws the error after testing it; a
// callback that throws it untested is only ever called with an error
// (an RxJS catchError selector, a promise rejection handler), and its
// throw is how the API it was given to passes the error on.
func (f *File) ErrorHandler(cb *Func) bool {
	b := f.ParamBinding(cb, 0)
	if b == nil || cb.Body.IsNil() {
		return false
	}
	leaf := func(e syntax.Node) (bool, bool) {
		e = e.Unparen()
		return true, e.Is(syntax.KIdentifier) && f.Resolve(e) == b
	}
	handler := false
	cb.Body.Walk(func(n syntax.Node) bool {
		if handler || isFunction(n) && n != cb.Node {
			return false
		}
		if !n.Is(syntax.KThrowStatement) {
			return true
		}
		arg := n.NamedChild(0).Unparen()
		if !arg.Is(syntax.KIdentifier) || f.Resolve(arg) != b {
			return true
		}
		for _, g := range f.Guards(n) {
			if _, ok := PresenceTest(g.Cond, leaf); ok && g.Kind != GuardTry {
				return true
			}
		}
		handler = true
		return false
	})
	return handler
}

// PromiseHandledWithCallback reports whether a call of fn somewhere in the
// project (outside fn itself) passes at least args arguments (so a
// callback is given) and still handles the promise fn returns: awaits it
// or attaches a rejection handler (.catch, a two-argument .then). Calls are
// found by fn's name and confirmed by resolution. A caller that only
// returns the promise hands the question on to its own callers.
func (p *Project) PromiseHandledWithCallback(f *File, fn *Func, args int) bool {
	return p.walkMentions(f, fn, []syntax.Kind{syntax.KCallExpression}, func(cf *File, name string, n syntax.Node) bool {
		if !n.Is(syntax.KCallExpression) || len(models.Args(n)) < args {
			return false
		}
		if m := models.Method(n); m != name || !rejectionHandled(n) || cf == f && fn.Node.Contains(n) {
			return false
		}
		tf, callee := p.ResolveCall(cf, n)
		return tf == f && callee == fn
	})
}

// rejectionHandled reports whether a promise-valued expression is awaited
// or given a rejection handler directly (.catch(h), .then(ok, fail)).
func rejectionHandled(e syntax.Node) bool {
	par := e.Parent()
	for par.Is(syntax.KParenthesizedExpression, syntax.KAsExpression, syntax.KNonNullExpression) {
		e, par = par, par.Parent()
	}
	switch {
	case par.Is(syntax.KAwaitExpression):
		return true
	case par.Is(syntax.KMemberExpression) && par.Child(syntax.FObject) == e:
		call := par.Parent()
		if !call.Is(syntax.KCallExpression) {
			return false
		}
		switch par.Child(syntax.FProperty).Text() {
		case "catch":
			return true
		case "then":
			return len(models.Args(call)) >= 2
		}
	}
	return false
}

// UsedBesides reports whether a binding is read anywhere other than at
// the identifier except (and its declaration).
func UsedBesides(f *File, b *Binding, except syntax.Node) bool {
	used := false
	b.Scope.Node.Walk(func(n syntax.Node) bool {
		if used {
			return false
		}
		if n.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier) && n != except && n != b.Decl && n.Text() == b.Name && f.Resolve(n) == b {
			used = true
		}
		return true
	})
	return used
}

// Reassigned reports whether a binding is assigned after its declaration
// (x = ..., x ||= ...).
func Reassigned(f *File, b *Binding) bool {
	found := false
	b.Scope.Node.Walk(func(n syntax.Node) bool {
		if found {
			return false
		}
		if n.Is(syntax.KAssignmentExpression, syntax.KAugmentedAssignmentExpression) {
			if l := n.Child(syntax.FLeft).Unparen(); l.Is(syntax.KIdentifier) && f.Resolve(l) == b {
				found = true
			}
		}
		return true
	})
	return found
}

// FallsInto follows the statements that run after call, a call made as a
// statement of its own inside a branch of an if, when nothing leaves the
// function in between: the rest of the branch, then the statements after
// each enclosing if, up to the function body. It returns the first call
// matched by target made as a statement (or returned) after the branch,
// or no node. Calls later in the same branch are not matched: two calls in
// a row are deliberate, a call that falls out of its branch is not. It
// gives up at any statement that contains a return, throw, break or
// continue (the path may end there), and at loops, switches and try
// statements.
func FallsInto(call syntax.Node, target func(syntax.Node) bool) syntax.Node {
	cur := call.Parent()
	if !cur.Is(syntax.KExpressionStatement) {
		return syntax.Node{}
	}
	left := false // out of a branch yet
	for {
		par := cur.Parent()
		switch {
		case par.Is(syntax.KIfStatement):
			cur, left = par, true
			continue
		case par.Is(syntax.KElseClause):
			cur, left = par.Parent(), true
			continue
		case !par.Is(syntax.KStatementBlock):
			return syntax.Node{}
		}
		for s := cur.NextSibling(); !s.IsNil(); s = s.NextSibling() {
			if !s.Named() || s.Is(syntax.KComment) {
				continue
			}
			if c := statementCall(s); !c.IsNil() && target(c) && left {
				return c
			}
			if mayLeave(s) {
				return syntax.Node{}
			}
		}
		owner := par.Parent()
		switch {
		case owner.Is(syntax.KIfStatement):
			cur, left = owner, true
		case owner.Is(syntax.KElseClause):
			cur, left = owner.Parent(), true
		default:
			return syntax.Node{}
		}
	}
}

// statementCall returns the call a statement consists of: f(...); or
// return f(...);.
func statementCall(s syntax.Node) syntax.Node {
	if s.Is(syntax.KExpressionStatement, syntax.KReturnStatement) {
		if c := s.NamedChild(0).Unparen(); c.Is(syntax.KCallExpression) {
			return c
		}
	}
	return syntax.Node{}
}

// mayLeave reports whether a statement can end the path through its block:
// it contains a return, throw, break or continue of its own function.
func mayLeave(s syntax.Node) bool {
	leaves := false
	s.Walk(func(n syntax.Node) bool {
		if leaves || isFunction(n) {
			return false
		}
		if n.Is(syntax.KReturnStatement, syntax.KThrowStatement, syntax.KBreakStatement, syntax.KContinueStatement) {
			leaves = true
		}
		return true
	})
	return leaves
}

// HandedOver reports whether fn, declared in f, is passed as a value to
// other code (app.use(auth), queue.process(handle),
// register(this.handle.bind(this))) in f or in a project file that
// imports f, directly or through modules that import it in turn (a
// controllers index that gathers the controllers of a folder): that code
// calls it and may use the promise it returns. References are matched by
// fn's name, which errs towards "handed over".
func (p *Project) HandedOver(f *File, fn *Func) bool {
	return p.walkMentionsDeep(f, fn, 3, []syntax.Kind{syntax.KArguments}, func(_ *File, name string, n syntax.Node) bool {
		if n.Is(syntax.KArguments) {
			for _, a := range n.NamedChildren() {
				if refersTo(a, name) {
					return true
				}
			}
		}
		return false
	})
}

// refersTo reports whether an argument is name, x.name or either of them
// bound (name.bind(this)).
func refersTo(a syntax.Node, name string) bool {
	a = a.Unparen()
	if a.Is(syntax.KCallExpression) {
		if m := models.Method(a); m == "bind" {
			a = models.Receiver(a).Unparen()
		}
	}
	switch {
	case a.Is(syntax.KIdentifier):
		return a.Text() == name
	case a.Is(syntax.KMemberExpression):
		return a.Child(syntax.FProperty).Text() == name
	}
	return false
}

// StateSetter reports an identifier bound to the setter of a React state
// hook (const [value, setValue] = useState(...)): calling it schedules a
// render and cannot throw.
func (f *File) StateSetter(id syntax.Node) bool {
	if !id.Is(syntax.KIdentifier) {
		return false
	}
	b := f.Resolve(id)
	if b == nil || b.Decl.IsNil() {
		return false
	}
	pat := b.Decl.Parent()
	if !pat.Is(syntax.KArrayPattern) {
		return false
	}
	els := pat.NamedChildren()
	if len(els) < 2 || els[1] != b.Decl {
		return false
	}
	decl := pat.Parent()
	if !decl.Is(syntax.KVariableDeclarator) {
		return false
	}
	init := decl.Child(syntax.FValue).Unparen()
	return init.Is(syntax.KCallExpression) && models.IsStateHook(hookCallee(init))
}

// MiddlewareCallback reports whether id names the last parameter of a
// function given to a library call that passes, there, a callback that
// continues a middleware chain and never throws back (passport's done),
// or of a stream implementation's method, whose callback reports to the
// stream (_write(chunk, encoding, callback) of a class extending
// Writable).
func (f *File) MiddlewareCallback(id syntax.Node) bool {
	if !id.Is(syntax.KIdentifier) {
		return false
	}
	b := f.Resolve(id)
	if b == nil || b.Kind != BParam {
		return false
	}
	fn := f.FuncAt(b.Decl)
	if fn == nil {
		return false
	}
	params := fn.Params()
	if len(params) == 0 || b.Decl.Start() < params[len(params)-1].Start() {
		return false // not the last parameter
	}
	if !fn.Class.IsNil() && fn.Node.Is(syntax.KMethodDefinition) {
		return f.streamMethod(fn)
	}
	args := fn.Node.Parent()
	host := args.Parent()
	if !args.Is(syntax.KArguments) || !host.Is(syntax.KCallExpression, syntax.KNewExpression) {
		return false
	}
	method := ""
	root := host.Child(syntax.FFunction)
	if host.Is(syntax.KNewExpression) {
		root = host.Child(syntax.FConstructor)
	} else if m := models.Method(host); root.Unparen().Is(syntax.KMemberExpression) {
		method = m
		root = root.Unparen().Child(syntax.FObject)
	} else {
		return false
	}
	root = root.Unparen()
	if !root.Is(syntax.KIdentifier) {
		return false
	}
	rb := f.Resolve(root)
	if rb == nil || rb.Import == nil {
		return false
	}
	return models.PassesMiddlewareCallback(rb.Import.Spec, method)
}

// streamMethod reports a method of a class extending one of Node's stream
// classes (Writable imported from "stream", or stream.Writable) that the
// stream calls with a callback.
func (f *File) streamMethod(fn *Func) bool {
	base := superclass(fn.Class).Unparen()
	name := ""
	if base.Is(syntax.KMemberExpression) {
		name = base.Child(syntax.FProperty).Text()
		base = base.Child(syntax.FObject).Unparen()
	}
	if !base.Is(syntax.KIdentifier) {
		return false
	}
	b := f.Resolve(base)
	if b == nil || b.Import == nil {
		return false
	}
	if name == "" {
		name = b.ImportedName()
	}
	return models.StreamCallbackMethod(b.Import.Spec, name, fn.Name)
}

// CallbackMayThrow reports a callback parameter that some caller in the
// project fills with a function that throws: a synchronous function (a
// literal, or a name bound to one or to a project function) whose own
// body has a throw statement nothing in it catches, or a callback
// parameter of the caller's own that may throw so, a few callers up. Code
// that calls cb inside a .then has no more to go on: a callback a library
// passes in (a framework's next, a stream's write callback) is written
// not to throw back, and one that only sends a reply or settles a promise
// does not.
func (p *Project) CallbackMayThrow(f *File, cb *Binding) bool {
	return p.callbackMayThrow(f, cb, 0)
}

func (p *Project) callbackMayThrow(f *File, cb *Binding, depth int) bool {
	if p == nil || cb == nil || cb.Kind != BParam || depth > 2 {
		return false
	}
	fn := f.FuncAt(cb.Decl)
	if fn == nil || fn.Name == "" {
		return false
	}
	idx := fn.ParamIndex(cb)
	if idx < 0 {
		return false
	}
	for _, s := range p.Calls(f, fn) {
		args := models.Args(s.Call)
		if s.File.Test || idx >= len(args) {
			continue
		}
		a := args[idx].Unparen()
		if a.Is(syntax.KIdentifier) {
			if b := s.File.Resolve(a); b != nil && b.Kind == BParam {
				if p.callbackMayThrow(s.File, b, depth+1) {
					return true
				}
				continue
			}
		}
		if tf, tfn := p.resolveValue(s.File, a, 0); tfn != nil && !tfn.Async && throwsUncaught(tf, tfn) {
			return true
		}
	}
	return false
}

// FuncThrows reports an expression naming a synchronous project function
// whose own body throws (throwsUncaught).
func (p *Project) FuncThrows(f *File, e syntax.Node) bool {
	if p == nil {
		return false
	}
	tf, fn := p.resolveValue(f, e, 0)
	return fn != nil && !fn.Async && throwsUncaught(tf, fn)
}

// throwsUncaught reports a function whose own body (not a nested
// function's) has a throw statement no try in it catches.
func throwsUncaught(f *File, fn *Func) bool {
	if fn.Body.IsNil() {
		return false
	}
	found := false
	fn.Body.Walk(func(n syntax.Node) bool {
		if found || isFunction(n) {
			return false
		}
		if n.Is(syntax.KThrowStatement) && !Caught(n) {
			found = true
		}
		return !found
	})
	return found
}

// ErrorToCallback reports a call in callback style whose error reaches a
// handler: fs.readFile(p, (err, data) => { if (err) ... }) with the error
// parameter used, or fs.readFile(p, done) handing it to a callback the
// function was given (a parameter named like one).
func (f *File) ErrorToCallback(call syntax.Node) bool {
	args := models.Args(call)
	if len(args) == 0 {
		return false
	}
	cb := args[len(args)-1].Unparen()
	if cb.Is(syntax.KIdentifier) {
		b := f.Resolve(cb)
		if b == nil {
			return false
		}
		if b.Kind == BParam {
			return models.CallbackNames[b.Name] // passed on to the caller's callback
		}
		if !b.Init.IsNil() {
			cb = b.Init.Unparen()
		}
	}
	if !IsFunction(cb) {
		return false
	}
	first := FirstParam(cb)
	return first.Is(syntax.KIdentifier) && f.Referenced(first)
}

// PassesError reports a branch that ends by handing an error to a
// callback the function was given: return done(err), or cb(new
// Error(...)); return.
func (f *File) PassesError(s syntax.Node) bool {
	s = FinalStatement(s)
	if !s.Is(syntax.KReturnStatement, syntax.KExpressionStatement) {
		return false
	}
	call := s.NamedChild(0).Unparen()
	if !call.Is(syntax.KCallExpression) {
		return false
	}
	cb := call.Child(syntax.FFunction).Unparen()
	args := models.Args(call)
	if !cb.Is(syntax.KIdentifier) || len(args) == 0 || args[0].Unparen().Is(syntax.KNull, syntax.KUndefined) {
		return false
	}
	b := f.Resolve(cb)
	return b != nil && b.Kind == BParam && models.CallbackNames[b.Name]
}

// FirstParam returns the name (or pattern) of a function's first
// parameter, or no node.
func FirstParam(fn syntax.Node) syntax.Node {
	first := fn.Child(syntax.FParameter) // x => ...
	if ps := fn.Child(syntax.FParameters); !ps.IsNil() {
		first = ps.NamedChild(0)
	}
	if first.Is(syntax.KRequiredParameter, syntax.KOptionalParameter) {
		first = first.Child(syntax.FPattern)
	}
	return first
}
