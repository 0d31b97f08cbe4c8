package sem

import (
	"strings"
	"sync"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// This file finds where locks are taken while another lock is held: the
// facts lock-order needs, in one file (File.LockNestings) and across the
// project (Project.LockNestings, computed once).

// LockAcquisition is one place a lock is taken: await mutex.acquire(),
// mutex.runExclusive(fn), locks.acquire("name", fn), redlock.using([...], ttl, fn).
type LockAcquisition struct {
	Call syntax.Node // the acquiring call
	// Lock identifies the lock object when it is the same for every call:
	// a module-level variable or import ("/abs/locks.ts#locks"), or a field
	// of a class ("/abs/a.ts#Transfers.this.mutex"). Empty otherwise.
	Lock string
	// Key is a constant name or resource the lock is taken on
	// (locks.acquire("profile", fn), redlock.using(["lock:a"], ...)).
	Key string
	// Param is set when the lock (or its key) is reached from a parameter
	// of Func: from.mutex, locks.acquire(to.id, fn). Shape is the lock's
	// text with that parameter written as "$": two acquisitions of the same
	// shape on different parameters take the same kind of lock on values
	// the caller chooses.
	Param string
	Shape string
	Func  *Func
	// Text is the lock as written, for messages: `locks "billing"`, from.mutex.
	Text string
}

// Identity names the lock for project-wide comparison, or "" when the lock
// is not the same object and key everywhere.
func (a LockAcquisition) Identity() string {
	if a.Lock == "" || a.Param != "" {
		return ""
	}
	return a.Lock + "|" + a.Key
}

// LockNesting is a lock taken while another is held.
type LockNesting struct {
	File         *File
	Outer, Inner LockAcquisition
}

// lockIndex holds the project's lock nestings, computed on first use.
type lockIndex struct {
	once     sync.Once
	nestings []LockNesting
}

// LockNestings returns the nested lock acquisitions of every file of the
// project, for the analysis of the file from (nil: for none). It is
// computed once and safe to call from concurrent rules.
func (p *Project) LockNestings(from *File) []LockNesting {
	p.locks.once.Do(func() {
		for _, f := range p.Files {
			p.locks.nestings = append(p.locks.nestings, f.LockNestings()...)
		}
	})
	if from != nil {
		p.noteFact(from.Abs, locksFact)
	}
	return p.locks.nestings
}

// lockWords in the last name of a receiver say it is a lock.
var lockWords = map[string]bool{
	"lock": true, "locks": true, "mutex": true, "mutexes": true, "semaphore": true,
	"redlock": true, "locker": true, "locking": true,
}

// mayTakeLocks is a cheap test that a file can contain an acquisition.
func (f *File) mayTakeLocks() bool { return f.SourceHas(acquireWords...) }

// acquireWords are what a file that takes a lock mentions.
var acquireWords = Needles("acquire", "runExclusive", "using(", "ock(")

// LockAcquisitions returns the lock acquisitions of the file in source
// order. A call counts when its method takes a lock (models tables) and its
// receiver is named like a lock (mutex, locks, redlock, this.initMutex), so
// that pool.acquire() or api.topics.lock(req) are not mistaken for one.
func (f *File) LockAcquisitions() []LockAcquisition {
	if !f.mayTakeLocks() {
		return nil
	}
	var out []LockAcquisition
	f.Root().Walk(func(n syntax.Node) bool {
		if n.Is(syntax.KCallExpression) {
			if a, ok := f.lockAcquisition(n); ok {
				out = append(out, a)
			}
		}
		return true
	})
	return out
}

func (f *File) lockAcquisition(call syntax.Node) (LockAcquisition, bool) {
	chain, m := models.Callee(call)
	if len(chain) == 0 {
		return LockAcquisition{}, false
	}
	last := strings.TrimSuffix(chain[len(chain)-1], "()")
	lockish := false
	for _, w := range models.Words(last) {
		if lockWords[w] {
			lockish = true
		}
	}
	if !lockish && !f.lockConstructed(models.Receiver(call).Unparen()) {
		return LockAcquisition{}, false
	}
	_, hasFn := models.HasFunctionArg(call)
	switch {
	case hasFn && models.IsLockScopeCall(call):
	case !hasFn && models.LockAcquireMethods[m] && awaited(call):
	default:
		return LockAcquisition{}, false
	}
	a := LockAcquisition{Call: call}
	recv := models.Receiver(call).Unparen()
	a.Lock, a.Param, a.Func = f.lockObject(recv)
	a.Text = strings.Join(strings.Fields(recv.Text()), "")
	shape := a.Text
	if a.Param != "" {
		shape = "$" + strings.TrimPrefix(a.Text, a.Param)
	}
	// The key: the first argument, unless it is the callback or options.
	if args := models.Args(call); len(args) > 0 && !isFunction(args[0].Unparen()) && !args[0].Unparen().Is(syntax.KObject) {
		k := args[0].Unparen()
		keyText := strings.Join(strings.Fields(k.Text()), "")
		if v, ok := constantKey(k); ok {
			a.Key = v
			a.Text += " " + keyText
			shape += " " + keyText
		} else if p, fn := f.paramRoot(k); p != "" && (a.Param == "" || a.Param == p) {
			a.Param, a.Func = p, fn
			a.Text += " " + keyText
			shape += " " + f.withParam(k, p)
		} else {
			// A key computed from locals or calls: neither constant nor
			// chosen by a parameter.
			a.Lock = ""
			a.Key = "?"
			a.Text += " " + keyText
			shape += " ?"
		}
	}
	a.Shape = shape
	return a, true
}

// lockConstructed reports whether a receiver is a variable or class field
// created by a lock class (const journal = new Mutex(), private index = new
// Mutex(), constructor(private readonly gate: Semaphore)).
func (f *File) lockConstructed(recv syntax.Node) bool {
	isLock := func(v syntax.Node) bool {
		v = v.Unparen()
		if v.Is(syntax.KCallExpression) && len(models.Args(v)) > 0 {
			v = models.Args(v)[0].Unparen() // withTimeout(new Mutex(), ...)
		}
		if !v.Is(syntax.KNewExpression) {
			return false
		}
		c := v.Child(syntax.FConstructor).Unparen()
		if c.Is(syntax.KMemberExpression) {
			c = c.Child(syntax.FProperty)
		}
		return models.LockClasses[c.Text()]
	}
	typed := func(t syntax.Node) bool {
		found := false
		t.Walk(func(n syntax.Node) bool {
			if n.Is(syntax.KTypeIdentifier) && models.LockClasses[n.Text()] {
				found = true
			}
			return !found
		})
		return found
	}
	switch {
	case recv.Is(syntax.KIdentifier):
		b := f.Resolve(recv)
		if b == nil {
			return false
		}
		d := b.Decl.Parent()
		return d.Is(syntax.KVariableDeclarator) && (isLock(d.Child(syntax.FValue)) || typed(d.Child(syntax.FType)))
	case recv.Is(syntax.KMemberExpression) && recv.Child(syntax.FObject).Unparen().Is(syntax.KThis):
		return FieldHolds(recv.Ancestor(syntax.KClassBody), recv.Child(syntax.FProperty).Text(), typed, isLock)
	}
	return false
}

// awaited reports whether a call's promise is awaited where it is made.
func awaited(call syntax.Node) bool {
	p := call.Parent()
	for p.Is(syntax.KParenthesizedExpression) {
		p = p.Parent()
	}
	return p.Is(syntax.KAwaitExpression)
}

// constantKey reads a lock key that is the same on every call: a string, or
// an array of strings.
func constantKey(k syntax.Node) (string, bool) {
	if s, ok := StringValue(k); ok {
		return s, true
	}
	if k.Is(syntax.KArray) {
		var parts []string
		for _, e := range k.NamedChildren() {
			s, ok := StringValue(e)
			if !ok {
				return "", false
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, ","), len(parts) > 0
	}
	return "", false
}

// lockObject identifies the object a lock method is called on.
func (f *File) lockObject(recv syntax.Node) (lock, param string, fn *Func) {
	var path []string
	n := recv
	for n.Is(syntax.KMemberExpression) {
		path = append([]string{n.Child(syntax.FProperty).Text()}, path...)
		n = n.Child(syntax.FObject).Unparen()
	}
	rest := ""
	if len(path) > 0 {
		rest = "." + strings.Join(path, ".")
	}
	switch {
	case n.Is(syntax.KThis):
		cls := n.Ancestor(syntax.KClassBody).Parent()
		if cls.IsNil() {
			return "", "", nil
		}
		return f.Abs + "#" + cls.Child(syntax.FName).Text() + ".this" + rest, "", nil
	case n.Is(syntax.KIdentifier):
		b := f.Resolve(n)
		if b == nil {
			return "", "", nil
		}
		if b.Kind == BParam {
			return "", b.Name, f.FuncOf(b.Scope.Node)
		}
		if b.Import != nil {
			return f.importIdentity(b) + rest, "", nil
		}
		if b.ModuleLevel() {
			return f.Abs + "#" + b.Name + rest, "", nil
		}
	}
	return "", "", nil
}

// importIdentity names an imported binding by the declaration it resolves
// to, so that the same lock imported in two files compares equal.
func (f *File) importIdentity(b *Binding) string {
	name := b.Import.Name
	if p := f.project; p != nil {
		if tf := p.ResolveSpec(f, b.Import.Spec); tf != nil {
			if name == "*" {
				return tf.Abs + "#*"
			}
			if ef, ex := p.ResolveExport(tf, name); ex != nil {
				if v := ex.Value.Unparen(); v.Is(syntax.KIdentifier) {
					return ef.Abs + "#" + v.Text()
				}
				return ef.Abs + "#" + ex.Name
			}
		}
	}
	return b.Import.Spec + "#" + name
}

// paramRoot returns the parameter a key expression is computed from
// (to.id, `account:${to}`) when it uses exactly one parameter and no local.
func (f *File) paramRoot(k syntax.Node) (string, *Func) {
	var param *Binding
	ok := true
	k.Walk(func(n syntax.Node) bool {
		if !ok {
			return false
		}
		if n.Is(syntax.KIdentifier) && n.Field() != syntax.FProperty {
			b := f.Resolve(n)
			switch {
			case b == nil:
			case b.Kind == BParam && (param == nil || param == b):
				param = b
			default:
				ok = false
			}
		}
		if n.Is(syntax.KCallExpression) {
			ok = false
		}
		return true
	})
	if !ok || param == nil {
		return "", nil
	}
	return param.Name, f.FuncOf(param.Scope.Node)
}

// withParam renders an expression with every use of parameter p written
// as "$" and spacing removed.
func (f *File) withParam(e syntax.Node, p string) string {
	src := e.Text()
	base := e.Start()
	var sb strings.Builder
	last := uint32(0)
	e.Walk(func(n syntax.Node) bool {
		if n.Is(syntax.KIdentifier) && n.Text() == p {
			if b := f.Resolve(n); b != nil && b.Kind == BParam {
				sb.WriteString(src[last : n.Start()-base])
				sb.WriteString("$")
				last = n.End() - base
			}
		}
		return true
	})
	sb.WriteString(src[last:])
	return strings.Join(strings.Fields(sb.String()), "")
}

// LockNestings returns, for each acquisition of the file made while another
// lock is held, the pair of acquisitions. A lock is held inside the
// callback of a lock-scope call (and inside callbacks of further lock
// calls nested in it), and after an awaited acquisition in the same block
// until a release.
func (f *File) LockNestings() []LockNesting {
	acqs := f.LockAcquisitions()
	if len(acqs) < 2 {
		return nil
	}
	byCall := map[int32]LockAcquisition{}
	for _, a := range acqs {
		byCall[a.Call.ID()] = a
	}
	var out []LockNesting
	for _, in := range acqs {
		for _, held := range f.heldAt(in.Call, byCall) {
			out = append(out, LockNesting{File: f, Outer: held, Inner: in})
		}
	}
	return out
}

// heldAt lists the acquisitions whose critical section contains n.
func (f *File) heldAt(n syntax.Node, byCall map[int32]LockAcquisition) []LockAcquisition {
	var held []LockAcquisition
	for fn := f.FuncAt(n); fn != nil; fn = fn.Outer {
		for _, w := range fn.Awaits {
			if w.Start() >= n.Start() {
				break
			}
			call := w.NamedChild(0).Unparen()
			a, ok := byCall[call.ID()]
			if !ok || !call.Is(syntax.KCallExpression) {
				continue
			}
			if _, hasFn := models.HasFunctionArg(call); hasFn {
				continue
			}
			// The acquisition must dominate n: n lies later in the block
			// that holds the acquiring statement (not in another branch).
			if block := Statement(w).Parent(); !block.Contains(n) || releasedBetween(fn, w, n) {
				continue
			}
			held = append(held, a)
		}
		call := CallbackOf(fn.Node)
		if call.IsNil() {
			break
		}
		a, ok := byCall[call.ID()]
		if !ok {
			break // a callback that may run later: locks outside are not held by it
		}
		held = append(held, a)
		n = call
	}
	return held
}
