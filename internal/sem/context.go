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
// knex.transaction(fn), ...) whose callback contains n, if any.
func (f *File) TransactionAt(n syntax.Node) (syntax.Node, bool) {
	for fn := f.FuncAt(n); fn != nil; fn = fn.Outer {
		if call := CallbackOf(fn.Node); !call.IsNil() && models.IsTransactionCall(call) {
			return call, true
		}
	}
	return syntax.Node{}, false
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
		if _, m := models.Callee(call); models.LockAcquireMethods[m] {
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
