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
		if models.IsTransactionCall(call) || f.project.transactionWrapperCall(f, call, fn.Node) {
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
		if call := CallbackOf(fn.Node); !call.IsNil() && models.IsLockScopeCall(call) {
			return call, true
		}
		if call, ok := acquiredBefore(fn, n); ok {
			return call, true
		}
	}
	return syntax.Node{}, false
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
