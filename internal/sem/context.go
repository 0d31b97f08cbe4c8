package sem

import (
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// CallbackOf returns the call a function node is passed to as an argument,
// or no node.
func CallbackOf(fn syntax.Node) syntax.Node {
	p := fn.Parent()
	for p.Is(syntax.KParenthesizedExpression) {
		p = p.Parent()
	}
	if p.Is(syntax.KArguments) {
		return p.Parent()
	}
	return syntax.Node{}
}

// TransactionAt returns the transaction call (prisma.$transaction(fn),
// knex.transaction(fn), ...) whose callback contains n, if any. A call of
// a project function that runs its callback inside such a transaction
// (this.prisma.$tx(fn), withTransaction(fn)) counts as one.
func (f *File) TransactionAt(n syntax.Node) (syntax.Node, bool) {
	for fn := f.FuncAt(n); fn != nil; fn = fn.Outer {
		call := CallbackOf(fn.Node)
		if call.IsNil() {
			continue
		}
		if f.transactionCall(call, fn.Node) {
			return call, true
		}
	}
	return syntax.Node{}, false
}

// transactionWrapperCall reports a call of a project function that calls
// the callback cb it is given inside a transaction callback of its own:
// async $tx(fn) { return this.$transaction(async (tx) => fn(tx)) }. (A
// wrapper of such a wrapper is not followed.)
func (p *Project) transactionWrapperCall(f *File, call, cb syntax.Node) bool {
	if p == nil {
		return false
	}
	tf, w := p.ResolveCall(f, call)
	if w == nil || w.Body.IsNil() {
		return false
	}
	idx := -1
	for i, a := range models.Args(call) {
		if a.Unparen() == cb {
			idx = i
		}
	}
	params := w.Params()
	if idx < 0 || idx >= len(params) {
		return false
	}
	key := wrapperKey{tf, w.Node.ID(), idx}
	if v, ok := p.txWrappers.Load(key); ok {
		return v.(bool)
	}
	var param *Binding
	params[idx].Walk(func(n syntax.Node) bool {
		if param == nil && n.Is(syntax.KIdentifier) {
			param = tf.Resolve(n)
		}
		return param == nil
	})
	found := false
	if param != nil {
		w.Body.Walk(func(n syntax.Node) bool {
			if found || !n.Is(syntax.KCallExpression) {
				return !found
			}
			callee := n.Child(syntax.FFunction).Unparen()
			if !callee.Is(syntax.KIdentifier) || tf.Resolve(callee) != param {
				return true
			}
			for g := tf.FuncAt(n); g != nil && !found; g = g.Outer {
				c := CallbackOf(g.Node)
				found = !c.IsNil() && models.IsTransactionCall(c)
			}
			return true
		})
	}
	p.txWrappers.Store(key, found)
	return found
}

// wrapperKey names an argument position of a project function.
type wrapperKey struct {
	f   *File
	id  int32
	arg int
}

// LockAt returns the call whose critical section contains n: the lock call
// whose callback contains n (mutex.runExclusive(fn), lock.acquire(key, fn),
// redlock.using(..., fn)), or an awaited acquire earlier in the same function
// (await mutex.acquire()) that no release precedes n.
func (f *File) LockAt(n syntax.Node) (syntax.Node, bool) {
	for fn := f.FuncAt(n); fn != nil; fn = fn.Outer {
		if call := CallbackOf(fn.Node); !call.IsNil() && (models.IsLockScopeCall(call) || f.queuesCallback(call, fn.Node) || f.chainedOntoKept(call, fn)) {
			return call, true
		}
		if call, ok := acquiredBefore(fn, n); ok {
			return call, true
		}
	}
	return syntax.Node{}, false
}

// queuesCallback reports a call of a project function that runs its
// function argument cb after every callback given to it before has
// settled, one at a time: it chains cb onto a promise it keeps outside
// the call (queue = queue.then(cb), this.tail = this.tail.then(() =>
// cb()).catch(log)). Within the process, such a queue is a lock around cb.
func (f *File) queuesCallback(call, cb syntax.Node) bool {
	p := f.project
	if p == nil || !call.Is(syntax.KCallExpression) {
		return false
	}
	args := models.Args(call)
	at := -1
	for i, a := range args {
		if a.Unparen() == cb {
			at = i
		}
	}
	if at < 0 {
		return false
	}
	hf, fn := p.ResolveCall(f, call)
	if fn == nil || fn.Body.IsNil() {
		return false
	}
	key := queueKey{hf, fn.Node.ID(), at}
	if v, ok := p.queues.Load(key); ok {
		return v.(bool)
	}
	q := false
	if b := hf.ParamBinding(fn, at); b != nil {
		q = chainsOnto(hf, fn, b)
	}
	p.queues.Store(key, q)
	return q
}

// chainedOntoKept reports a callback given to then on a promise kept
// outside the function that makes the call, where that function puts the
// chain back in the same place with no await between: const result =
// this.writeLock.then(async () => {...}); this.writeLock = result, or
// tail = tail.then(() => ...). Each call's callback runs after the one
// before it has settled: a queue around cb.
func (f *File) chainedOntoKept(call syntax.Node, cb *Func) bool {
	outer := cb.Outer
	if outer == nil || models.Method(call) != "then" {
		return false
	}
	if a := models.Args(call); len(a) == 0 || a[0].Unparen() != cb.Node {
		return false
	}
	links, start := ChainLinks(call)
	if len(links) == 0 || links[len(links)-1] != call {
		return false
	}
	kept := start.Unparen()
	if kept.Is(syntax.KIdentifier) {
		if b := f.Resolve(kept); b == nil || b.Scope == nil || outer.Node.Contains(b.Scope.Node) {
			return false // a variable of the call's own
		}
	} else if !kept.Is(syntax.KMemberExpression) || !kept.Child(syntax.FObject).Unparen().Is(syntax.KThis) {
		return false
	}
	found := false
	outer.Body.Walk(func(n syntax.Node) bool {
		if found || IsFunction(n) && n != outer.Node {
			return false
		}
		if !n.Is(syntax.KAssignmentExpression) || n.Child(syntax.FLeft).Unparen().Text() != kept.Text() || n.End() <= call.Start() {
			return true
		}
		// The value is the chain, or a chain that starts from a constant
		// holding it (this.writeLock = result.catch(log)).
		v := n.Child(syntax.FRight).Unparen()
		if _, st := ChainLinks(v); !v.Contains(call) && st.Is(syntax.KIdentifier) {
			v = st
		}
		if v.Is(syntax.KIdentifier) {
			if b := f.Resolve(v); b != nil && b.Kind == BConst && !b.Init.IsNil() {
				v = b.Init.Unparen()
			}
		}
		found = v.Contains(call) && len(AwaitsWithin(outer, call.End(), n.Start())) == 0
		return !found
	})
	return found
}

// queueKey names a function's parameter for queuesCallback's memo.
type queueKey struct {
	f     *File
	id    int32
	param int
}

// chainsOnto reports whether fn assigns to a variable or field declared
// outside it a promise chain that starts from that same variable or field
// and runs fn's parameter cb: x = x.then(cb), x = x.then(() =>
// cb()), or const next = x.then(cb); x = next.catch(log).
func chainsOnto(f *File, fn *Func, cb *Binding) bool {
	found := false
	fn.Body.Walk(func(n syntax.Node) bool {
		if found || IsFunction(n) && n != fn.Node {
			return false
		}
		if !n.Is(syntax.KAssignmentExpression) {
			return true
		}
		left := n.Child(syntax.FLeft).Unparen()
		if left.Is(syntax.KIdentifier) {
			if b := f.Resolve(left); b == nil || b.Scope == nil || b.Scope.Node.Start() >= fn.Node.Start() && b.Scope.Node.End() <= fn.Node.End() {
				return true // a variable of the call's own
			}
		} else if !left.Is(syntax.KMemberExpression) {
			return true
		}
		found = chainRuns(f, n.Child(syntax.FRight), left.Text(), cb, 0)
		return !found
	})
	return found
}

// chainRuns reports whether e is a promise chain that starts from the
// expression kept (its text) with a then that runs cb, directly or
// through a constant holding such a chain.
func chainRuns(f *File, e syntax.Node, kept string, cb *Binding, depth int) bool {
	links, start := ChainLinks(e.Unparen())
	if len(links) == 0 || depth > 2 {
		return false
	}
	if start.Text() != kept {
		if !start.Is(syntax.KIdentifier) {
			return false
		}
		b := f.Resolve(start)
		return b != nil && b.Kind == BConst && !b.Init.IsNil() && chainRuns(f, b.Init, kept, cb, depth+1)
	}
	first := links[len(links)-1] // the link made on the kept promise
	a := models.Args(first)
	if models.Method(first) != "then" || len(a) == 0 {
		return false
	}
	names := func(e syntax.Node) bool {
		e = e.Unparen()
		return e.Is(syntax.KIdentifier) && f.Resolve(e) == cb
	}
	h := a[0].Unparen()
	if names(h) {
		return true
	}
	runs := false
	if IsFunction(h) {
		h.Walk(func(m syntax.Node) bool {
			runs = runs || m.Is(syntax.KCallExpression) && names(m.Child(syntax.FFunction))
			return !runs
		})
	}
	return runs
}

// CalledUnderLock reports whether fn runs only inside lock scopes: it is
// called in the project, never passed on as a value, and every call is in
// a lock's critical section (LockAt) or in a function that is itself only
// called so (two callers up). A function that only tests call is not.
func (p *Project) CalledUnderLock(f *File, fn *Func) bool {
	return p.calledUnderLock(f, fn, 0)
}

func (p *Project) calledUnderLock(f *File, fn *Func, depth int) bool {
	if p == nil || fn == nil || fn.Name == "" || depth > 2 {
		return false
	}
	calls := 0
	escapes := p.walkMentions(f, fn, mentionKinds, func(cf *File, name string, n syntax.Node) bool {
		call, kind := p.classifyMention(f, fn, cf, name, n)
		switch {
		case kind == mentionNone || cf.Test:
			return false
		case kind != mentionCall:
			return true
		}
		calls++
		if _, ok := cf.LockAt(call); ok {
			return false
		}
		return !p.calledUnderLock(cf, cf.FuncAt(call), depth+1)
	})
	return !escapes && calls > 0
}

// acquiredBefore finds an awaited lock acquisition in fn before n.
func acquiredBefore(fn *Func, n syntax.Node) (syntax.Node, bool) {
	for _, w := range fn.Awaits {
		if w.Start() >= n.Start() {
			break
		}
		call := w.NamedChild(0).Unparen()
		if !call.Is(syntax.KCallExpression) {
			continue
		}
		if m := models.Method(call); models.IsLockAcquire(m) {
			if _, hasFn := models.HasFunctionArg(call); !hasFn && !releasedBetween(fn, w, n) {
				return call, true
			}
		}
	}
	return syntax.Node{}, false
}

// releasedBetween reports whether the lock taken by the await w is released
// before n: a release/unlock call, or a call of the release function the
// acquisition returned (const release = await mutex.acquire()).
func releasedBetween(fn *Func, w, n syntax.Node) bool {
	releaseName := ""
	if d := w.Parent(); d.Is(syntax.KVariableDeclarator) {
		releaseName = d.Child(syntax.FName).Text()
	}
	for _, c := range fn.Calls() {
		if c.Start() <= w.End() || c.Start() >= n.Start() {
			continue
		}
		chain, m := models.Callee(c)
		if len(chain) > 0 && models.LockReleaseMethods[m] || len(chain) == 0 && releaseName != "" && m == releaseName {
			return true
		}
	}
	return false
}

// Calls returns every call expression in fn's own body (not in nested
// functions), in source order.
func (fn *Func) Calls() []syntax.Node {
	var out []syntax.Node
	if fn.Body.IsNil() {
		return nil
	}
	fn.Body.Walk(func(n syntax.Node) bool {
		if isFunction(n) {
			return false
		}
		if n.Is(syntax.KCallExpression) {
			out = append(out, n)
		}
		return true
	})
	return out
}
