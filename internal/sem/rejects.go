package sem

import (
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// Rejections answers whether promises can reject: a summary of each
// function's promise (can it reject, and where), worked out on demand and
// kept for the rest of the file's check. An await or throw that no
// try/catch of the function catches makes its promise reject; so does a
// returned promise that can, through calls of project functions.
// Awaits of promises that cannot reject (timers, calls that catch their
// own errors or report them to an onError option) are no evidence.
//
// A Rejections is not safe for concurrent use: make one per file check.
type Rejections struct {
	cache map[*Func]int8
	// decided lists the functions decided, in order, while an outer
	// decision was still open: their answers may rest on its assumption.
	decided []*Func
	// gesture is set while GestureHelper judges a helper called with the
	// user's activation: its calls of APIs that need one do not reject.
	gesture bool
}

// NewRejections returns an empty summary cache.
func NewRejections() *Rejections {
	return &Rejections{cache: map[*Func]int8{}}
}

// FuncRejects reports whether the promise fn returns can reject.
func (r *Rejections) FuncRejects(f *File, fn *Func) bool {
	return r.funcRejects(f, fn, 0)
}

// ExprRejects reports whether a returned expression is a promise that can
// reject.
func (r *Rejections) ExprRejects(f *File, e syntax.Node) bool {
	return r.exprRejects(f, e, 0)
}

// SourceRejects reports whether the promise of a call can reject.
func (r *Rejections) SourceRejects(src PromiseSource) bool {
	if src.Func == nil {
		return !models.GlobalNeverRejects(src.API)
	}
	return r.funcRejects(src.File, src.Func, 0)
}

// funcRejects reports whether the promise a function returns can reject:
// an async function with an await, throw or returned promise outside a
// try/catch that swallows it, or a function returning such a promise. An
// async function whose body handles every error, or one returning
// promise.catch(...), never rejects (sync throws aside), and calling it
// without await loses nothing.
func (r *Rejections) funcRejects(f *File, fn *Func, depth int) bool {
	if v, ok := r.cache[fn]; ok {
		return v != 0
	}
	if depth > 6 {
		return true
	}
	// While fn is being decided, a call that reaches it again (recursion:
	// a reconnect that retries the connect) adds no rejection of its own:
	// a cycle rejects only through something else on it. Answers found
	// under that assumption hold if fn cannot reject; if it can, the
	// "cannot" answers decided since are dropped, to be decided again.
	mark := len(r.decided)
	r.cache[fn] = 0
	r.decided = append(r.decided, fn)
	v := r.decide(f, fn, depth)
	if v {
		for _, g := range r.decided[mark+1:] {
			if r.cache[g] == 0 {
				delete(r.cache, g)
			}
		}
		r.decided = r.decided[:mark+1]
		r.cache[fn] = 1
	}
	if mark == 0 {
		r.decided = r.decided[:0] // no decision open: nothing rests on an assumption
	}
	return v
}

func (r *Rejections) decide(f *File, fn *Func, depth int) bool {
	if fn.Body.IsNil() {
		return true
	}
	if fn.Async {
		if _, ok := r.UncaughtAwait(f, fn); ok {
			return true
		}
	}
	for _, ret := range fn.Returns {
		if r.exprRejects(f, ret, depth) && (!fn.Async || !errorStaysInside(ret)) {
			return true
		}
	}
	return false
}

// UncaughtAwait returns the first await or throw of an async function that
// no try/catch of the function catches, ignoring awaits of promises that
// cannot reject (timers).
func (r *Rejections) UncaughtAwait(f *File, fn *Func) (syntax.Node, bool) {
	var first syntax.Node
	for _, w := range fn.Awaits {
		if errorStaysInside(w) || r.harmlessAwait(f, w) || r.awaitCannotReject(f, w) {
			continue
		}
		first = w
		break
	}
	if fn.Body.Is(syntax.KStatementBlock) {
		fn.Body.Walk(func(n syntax.Node) bool {
			if IsFunction(n) || !first.IsNil() && n.Start() >= first.Start() {
				return false
			}
			if n.Is(syntax.KThrowStatement) && !errorStaysInside(n) && !ModeRethrow(n) {
				first = n
				return false
			}
			return true
		})
	}
	return first, !first.IsNil()
}

// WithinGesture reports, in front-end code, a call of an API that rejects
// only without a user gesture (navigator.clipboard.writeText) made before
// its function awaits anything: run from a click or key handler, the user
// activation is still there. After an await it may have expired (Safari
// allows none, Firefox five seconds), and the call is judged as usual. A
// project helper that makes such a call first (copyToClipboard(text)) is
// judged the same way wherever it is called from.
func WithinGesture(f *File, call syntax.Node) bool {
	chain, m := models.Callee(call)
	if !f.Browser() || !models.NeedsUserActivation(chain, m) {
		return false
	}
	fn := f.FuncAt(call)
	return fn != nil && BeforeAwaits(fn, call)
}

// GestureHelper reports a call, made in front-end code before its
// function awaits anything, of a project function that rejects only
// through APIs that need a user gesture and that it calls before it
// awaits anything itself (copyText(t) { return navigator.clipboard.writeText(t) }):
// run from a click handler, the activation is still there. Called after
// an await, the helper is judged as usual.
func (r *Rejections) GestureHelper(f *File, call syntax.Node, src PromiseSource) bool {
	if src.Func == nil || !f.Browser() || r.gesture {
		return false
	}
	if fn := f.FuncAt(call); fn == nil || !BeforeAwaits(fn, call) {
		return false
	}
	saved, savedDecided := r.cache, r.decided
	r.cache, r.decided, r.gesture = map[*Func]int8{}, nil, true
	rejects := r.funcRejects(src.File, src.Func, 1)
	r.cache, r.decided, r.gesture = saved, savedDecided, false
	return !rejects
}

// BeforeAwaits reports whether fn reaches call before it awaits anything.
func BeforeAwaits(fn *Func, call syntax.Node) bool {
	for _, w := range fn.Awaits {
		if w.Start() < call.Start() && !w.Contains(call) {
			return false
		}
	}
	return true
}

// awaitCannotReject reports an await of a call that cannot reject: a
// project function that handles its own errors, or a call whose errors go
// to an onError option.
func (r *Rejections) awaitCannotReject(f *File, w syntax.Node) bool {
	v := w.NamedChild(0).Unparen()
	if !v.Is(syntax.KCallExpression) {
		return false
	}
	if r.unknownUICall(f, v) || WithinGesture(f, v) {
		return true
	}
	if m := models.Method(v); models.SyncLibraryMethod(f.LibraryTypeOf(models.Receiver(v)), m) {
		return true // awaits a method that returns no promise
	}
	return r.CallCannotReject(f, v)
}

// unknownUICall reports, in front-end code, a call racecheck cannot
// follow to a body or a known promise API: a prop, a function from a
// context hook, a layout helper of a package. In the browser an unhandled
// rejection is only logged, so the rule wants evidence that the call
// rejects; what a prop or a provider's function does is checked where it
// is defined.
func (r *Rejections) unknownUICall(f *File, call syntax.Node) bool {
	if !f.Browser() || f.Project() == nil {
		return false
	}
	src, ok := f.Project().PromiseCallee(f, call)
	return !ok || src.API == "" && src.Func == nil
}

// CallCannotReject reports a call whose promise cannot reject: its errors
// go to an onError option or a .catch, or it calls a project function that
// handles its own errors or returns nothing (returnsNothing).
func (r *Rejections) CallCannotReject(f *File, v syntax.Node) bool {
	if m := models.Method(v); models.NeverRejects(m) && !hasThrowOption(v) ||
		models.LibraryMethodNeverRejects(f.LibraryTypeOf(models.Receiver(v)), m) {
		return true
	}
	if HasErrorOption(v) || HookHandled(f, v) || f.TimerPromise(v) {
		return true
	}
	if r.outcomeCannotReject(f, v) {
		return true // mutex.runExclusive(fn), fn handling its errors
	}
	if r.argumentsCannotReject(f, v) {
		return true // await cb(), every caller passing a cb that cannot reject
	}
	if len(models.Args(v)) == 0 && RevalidatingMutate(f, v.Child(syntax.FFunction)) {
		return true // mutate() of useSWR's result: a revalidation, whose error the hook keeps
	}
	if _, st, ok := models.PromiseStaticCall(v); ok && st.WaitsForEvery && f.Resolve(models.Receiver(v)) == nil {
		return r.AllCannotReject(f, v)
	}
	links, _ := ChainLinks(v)
	for _, l := range links {
		m := models.Method(l)
		if m == "catch" || m == "then" && len(models.Args(l)) >= 2 {
			return true
		}
	}
	if len(links) > 0 || f.Project() == nil {
		return false
	}
	tf, callee := f.Project().ResolveCall(f, v)
	return callee != nil && (callee.ReturnsPromise && !r.funcRejects(tf, callee, 1) || returnsNothing(callee))
}

// outcomeCannotReject reports a call of a library method that returns the
// outcome of the function it is given (models.CallbackOutcome:
// mutex.runExclusive(fn)) where that function cannot reject and the lock
// is never cancelled in this file.
func (r *Rejections) outcomeCannotReject(f *File, call syntax.Node) bool {
	recv := models.Receiver(call)
	i, ok := models.CallbackOutcome(f.LibraryTypeOf(recv), models.Method(call))
	args := models.Args(call)
	if !ok || i >= len(args) || f.Project() == nil {
		return false
	}
	tf, fn := f.Project().ResolveValue(f, args[i])
	if fn == nil || r.funcRejects(tf, fn, 1) {
		return false
	}
	if b := f.Resolve(rootOf(recv)); recv.Is(syntax.KIdentifier) && b != nil {
		for _, ref := range f.References(b) {
			if m := ref.Parent(); m.Is(syntax.KMemberExpression) && models.CancelMethods[m.Child(syntax.FProperty).Text()] {
				return false
			}
		}
		return true
	}
	return false
}

// argumentsCannotReject reports a call of a parameter (await cb()) for
// which every call of its function in the project passes a function that
// cannot reject: one whose promise cannot, or one that returns nothing and
// throws nothing itself.
func (r *Rejections) argumentsCannotReject(f *File, call syntax.Node) bool {
	callee := call.Child(syntax.FFunction).Unparen()
	if !callee.Is(syntax.KIdentifier) || f.Project() == nil {
		return false
	}
	vals, ok := f.Project().ParamArguments(f, f.Resolve(callee))
	if !ok {
		return false
	}
	for _, v := range vals {
		tf, fn := f.Project().ResolveValue(v.File, v.Value)
		if fn == nil || !returnsNothing(fn) && (!fn.ReturnsPromise || r.funcRejects(tf, fn, 1)) {
			return false
		}
	}
	return true
}

// returnsNothing reports a function that is not async, returns no value
// and throws nothing itself: awaiting its call awaits undefined, so only an
// error thrown by what it calls synchronously could reject, as it would
// without the await (deleteExpired() { this.repo.delete(); }, whose query
// promise is dropped inside it, not by the caller).
func returnsNothing(fn *Func) bool {
	if fn.Async || fn.Generator || !fn.Body.Is(syntax.KStatementBlock) || len(fn.Returns) > 0 {
		return false
	}
	throws := false
	fn.Body.Walk(func(n syntax.Node) bool {
		if throws || IsFunction(n) {
			return false
		}
		throws = n.Is(syntax.KThrowStatement) && !errorStaysInside(n)
		return !throws
	})
	return !throws
}

// errorStaysInside reports whether an error at n stays inside n's function: a try
// with a catch clause around it, or a try whose finally clause always
// leaves (return, or process.exit()), which discards the error.
func errorStaysInside(n syntax.Node) bool {
	if Caught(n) {
		return true
	}
	for m := n; ; {
		try, part := TryRegion(m)
		if try.IsNil() {
			return false
		}
		if part == InTryBlock {
			if fin := try.ChildOfKind(syntax.KFinallyClause); !fin.IsNil() && finallyLeaves(fin.Child(syntax.FBody)) {
				return true
			}
		}
		m = try
	}
}

// finallyLeaves reports a finally block that ends in return or process.exit().
func finallyLeaves(body syntax.Node) bool {
	last := LastNamedChild(body)
	switch {
	case last.Is(syntax.KReturnStatement):
		return true
	case last.Is(syntax.KExpressionStatement):
		return isProcessExit(last.NamedChild(0))
	}
	return false
}

// harmlessAwait reports awaits that are not evidence of a rejection: a
// timer promise (new Promise(r => setTimeout(r, ms))), a plain value, or a
// stored promise of unknown origin (await this.ready, await p for a
// parameter p). A variable initialised by a call is judged by that call.
func (r *Rejections) harmlessAwait(f *File, w syntax.Node) bool {
	v := w.NamedChild(0).Unparen()
	switch {
	case v.Is(syntax.KNewExpression):
		return PromiseNeverRejects(v)
	case v.Is(syntax.KNumber, syntax.KString, syntax.KNull, syntax.KUndefined, syntax.KMemberExpression, syntax.KSubscriptExpression):
		return true
	case v.Is(syntax.KIdentifier):
		init := f.Resolve(v).Value().Unparen()
		if init.IsNil() {
			return true
		}
		if init.Is(syntax.KNewExpression) {
			return PromiseNeverRejects(init)
		}
		return !init.Is(syntax.KCallExpression) || r.CallCannotReject(f, init)
	}
	return false
}

// exprRejects reports whether a returned expression is a promise that can
// reject.
func (r *Rejections) exprRejects(f *File, e syntax.Node, depth int) bool {
	e = e.Unparen()
	switch {
	case e.Is(syntax.KAwaitExpression):
		return false // awaited: covered by the await checks
	case e.Is(syntax.KNewExpression):
		return f.Project() != nil && f.Project().IsPromise(f, e) && !PromiseNeverRejects(e)
	case e.Is(syntax.KTernaryExpression):
		return r.exprRejects(f, e.Child(syntax.FConsequence), depth) || r.exprRejects(f, e.Child(syntax.FAlternative), depth)
	case e.Is(syntax.KBinaryExpression):
		return r.exprRejects(f, e.Child(syntax.FRight), depth)
	case !e.Is(syntax.KCallExpression):
		return false
	}
	if chain, _ := models.Callee(e); len(chain) == 1 && chain[0] == "Promise" {
		m, st, ok := models.PromiseStaticCall(e)
		return !ok || st.Rejects && !(m == "all" && r.AllCannotReject(f, e))
	}
	if r.gesture && WithinGesture(f, e) {
		return false // return navigator.clipboard.writeText(text), before anything is awaited
	}
	links, base := ChainLinks(e)
	for _, l := range links {
		m := models.Method(l)
		if m == "catch" || m == "then" && len(models.Args(l)) >= 2 {
			return false
		}
	}
	if len(links) > 0 {
		return true
	}
	_ = base
	proj := f.Project()
	if proj == nil {
		return false
	}
	src, ok := proj.PromiseCallee(f, e)
	if !ok {
		// Only calls known to return a promise count: return alert(...)
		// in an async handler is control flow, not evidence. In server
		// code a database query is one, whatever its declared type says
		// (return this.db.query.app.findMany(...)).
		if f.Browser() {
			return false
		}
		a, ok := f.Classify(e)
		return ok && models.DatabaseKind(a.Kind)
	}
	if src.Func != nil {
		return r.funcRejects(src.File, src.Func, depth+1)
	}
	return true
}

// HookHandled reports a call whose errors are handled by the hook that
// made its receiver: m.mutateAsync() with m = useMutation({ onError }),
// or utils.posts.invalidate() with utils = trpc.useUtils().
func HookHandled(f *File, call syntax.Node) bool {
	if !call.Is(syntax.KCallExpression) {
		return false
	}
	m := models.Method(call)
	root := CallRoot(call)
	if !root.Is(syntax.KIdentifier) {
		return false
	}
	init := f.Resolve(root).Value().Unparen()
	if !init.Is(syntax.KCallExpression) {
		return false
	}
	hook := models.Method(init)
	if models.QueryUtilsNeverRejects(hook, m) {
		return true
	}
	recv := models.Receiver(call).Unparen()
	return models.HookReportsErrors(m) && recv == root && HasErrorOption(init)
}

// RevalidatingMutate reports an expression naming the mutate of a
// data-fetching hook's result: const { mutate } = useSWR(key, fetcher),
// swr.mutate with swr = useSWR(...), or the same through project hooks
// that return that result (useProfile() { return useSWR(...) }), or a
// component's prop that every element gives such a mutate. Called with no
// data it only revalidates, and the hook keeps the fetcher's error in its
// state, so the call never rejects (models.RevalidatingHook).
func RevalidatingMutate(f *File, e syntax.Node) bool {
	return revalidatingMutate(f, e, 0)
}

func revalidatingMutate(f *File, e syntax.Node, depth int) bool {
	e = e.Unparen()
	if vals, ok := f.Project().PropValues(f, e); ok && depth < 4 {
		for _, v := range vals {
			if !revalidatingMutate(v.File, v.Value, depth+1) {
				return false
			}
		}
		return true
	}
	var method string
	var result syntax.Node
	switch {
	case e.Is(syntax.KMemberExpression):
		method = e.Child(syntax.FProperty).Text()
		obj := e.Child(syntax.FObject).Unparen()
		if !obj.Is(syntax.KIdentifier) {
			return false
		}
		result = f.Resolve(obj).Value()
	case e.Is(syntax.KIdentifier):
		b := f.Resolve(e)
		if b == nil || !b.Decl.Is(syntax.KShorthandPropertyIdentifierPattern) && !b.Decl.Parent().Is(syntax.KPairPattern) {
			return false
		}
		method = patternKey(b.Decl)
		result = destructuredFrom(b)
	default:
		return false
	}
	return method == "mutate" && hookResult(f, result.Unparen(), method, 0)
}

// destructuredFrom returns the value a name is taken from at the top of a
// declaration's object pattern (const { a, b: c } = value), or no node.
func destructuredFrom(b *Binding) syntax.Node {
	pat := b.Decl.Parent()
	if pat.Is(syntax.KPairPattern) {
		pat = pat.Parent()
	}
	d := pat.Parent()
	if !pat.Is(syntax.KObjectPattern) || !d.Is(syntax.KVariableDeclarator) || d.Child(syntax.FName) != pat {
		return syntax.Node{}
	}
	return d.Child(syntax.FValue)
}

// hookResult reports a call of a revalidating hook whose result's method
// revalidates, directly or through project functions that return it.
func hookResult(f *File, call syntax.Node, method string, depth int) bool {
	if depth > 3 || !call.Is(syntax.KCallExpression) {
		return false
	}
	callee := call.Child(syntax.FFunction).Unparen()
	if !callee.Is(syntax.KIdentifier) {
		return false
	}
	if b := f.Resolve(callee); b != nil && b.Import != nil && models.RevalidatingHook(b.Import.Spec, b.Import.Name, method) {
		return true
	}
	if f.Project() == nil {
		return false
	}
	tf, fn := f.Project().ResolveValue(f, callee)
	if fn == nil || fn.Async || len(fn.Returns) == 0 {
		return false
	}
	for _, ret := range fn.Returns {
		ret = ret.Unparen()
		if ret.Is(syntax.KIdentifier) {
			ret = tf.Resolve(ret).Value().Unparen()
		}
		if !hookResult(tf, ret, method, depth+1) {
			return false
		}
	}
	return true
}

// AllCannotReject reports Promise.all([...]) whose elements each cannot
// reject (every one already errorStaysInside, or known not to reject).
func (r *Rejections) AllCannotReject(f *File, call syntax.Node) bool {
	args := models.Args(call)
	if len(args) != 1 {
		return false
	}
	arr := args[0].Unparen()
	if arr.Is(syntax.KIdentifier) {
		if v := f.Resolve(arr).Value(); !v.IsNil() {
			arr = v.Unparen()
		}
	}
	if arr.Is(syntax.KCallExpression) && IsMapCall(arr) {
		// xs.map((x) => send(x).catch(log)), pipes.map(write) where write
		// returns new Promise((resolve) => ...): no element can reject.
		cbs := models.Args(arr)
		cb := cbs[len(cbs)-1].Unparen()
		tf, fn := f, f.FuncOf(cb)
		if fn == nil && cb.Is(syntax.KIdentifier) && f.Project() != nil {
			tf, fn = f.Project().ResolveValue(f, cb)
		}
		if fn == nil {
			return false
		}
		if fn.Async {
			return !r.funcRejects(tf, fn, 1)
		}
		for _, ret := range fn.Returns {
			ret = ret.Unparen()
			switch {
			case ret.Is(syntax.KNewExpression) && PromiseNeverRejects(ret):
			case ret.Is(syntax.KCallExpression) && r.CallCannotReject(tf, ret):
			default:
				return false
			}
		}
		return len(fn.Returns) > 0
	}
	if !arr.Is(syntax.KArray) {
		return false
	}
	n := 0
	for _, el := range arr.NamedChildren() {
		if el.Is(syntax.KComment) {
			continue
		}
		el = el.Unparen()
		if !el.Is(syntax.KCallExpression) || !r.CallCannotReject(f, el) {
			return false
		}
		n++
	}
	return n > 0
}

// HasErrorOption reports a call given an options object with an onError
// handler (react-query's mutateAsync(vars, { onError }), Apollo...): the
// error is reported there.
func HasErrorOption(call syntax.Node) bool {
	if !call.Is(syntax.KCallExpression) {
		return false
	}
	for _, a := range models.Args(call) {
		a = a.Unparen()
		if !a.Is(syntax.KObject) {
			continue
		}
		for _, c := range a.NamedChildren() {
			switch {
			case c.Is(syntax.KPair, syntax.KMethodDefinition):
				k := c.Child(syntax.FKey)
				if k.IsNil() {
					k = c.Child(syntax.FName)
				}
				if k.Text() == "onError" {
					return true
				}
			case c.Is(syntax.KShorthandPropertyIdentifier) && c.Text() == "onError":
				return true
			}
		}
	}
	return false
}

// hasThrowOption reports a call given { throwOnError: true }.
func hasThrowOption(call syntax.Node) bool {
	for _, a := range models.Args(call) {
		if a = a.Unparen(); a.Is(syntax.KObject) {
			for _, c := range a.NamedChildren() {
				if c.Is(syntax.KPair) && c.Child(syntax.FKey).Text() == "throwOnError" && c.Child(syntax.FValue).Text() != "false" {
					return true
				}
			}
		}
	}
	return false
}

func LastNamedChild(n syntax.Node) syntax.Node {
	var last syntax.Node
	for _, c := range n.NamedChildren() {
		if !c.Is(syntax.KComment) {
			last = c
		}
	}
	return last
}

// CallRoot returns the innermost object of a call's callee.
func CallRoot(c syntax.Node) syntax.Node { return rootOf(c.Child(syntax.FFunction)) }

// IsMapCall recognises items.map(cb), items.flatMap(cb), Array.from(x, cb).
func IsMapCall(call syntax.Node) bool {
	chain, m := models.Callee(call)
	args := models.Args(call)
	switch {
	case (m == "map" || m == "flatMap") && len(chain) > 0 && len(args) >= 1:
		return true
	case m == "from" && len(chain) == 1 && chain[0] == "Array" && len(args) == 2:
		return true
	}
	return false
}
