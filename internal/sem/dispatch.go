package sem

import (
	"sort"
	"strings"
	"sync"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// dispatchIndex holds the project's own event dispatchers that wait for
// their handlers, and the events the project emits.
type dispatchIndex struct {
	once   sync.Once
	events map[string]bool // names emitted through an unknown or project receiver
	found  []string        // the dispatcher classes, "file#Class", sorted
}

// dispatchWords are the names of models.DispatchesEvent, for SourceHas.
var dispatchWords = Needles(models.EventDispatchMethods...)

// ProjectDispatchedEvent reports, for the analysis of from, an event that
// the project's own dispatcher runs the handlers of and waits for: the
// project declares a class with a method that stores a handler in a field
// (on(name, fn) { this.handlers[name].push(fn) }) and one that awaits the
// stored handlers (async emit(name, ...args) { ... await fn(...args) }),
// and the project emits the event through a receiver that is not a
// library's (appEvents.emit("afterOrderCreate", ...)). A handler
// registered for that event through such a receiver hands its promise to
// the dispatcher, which awaits it.
func (p *Project) ProjectDispatchedEvent(from *File, event string) bool {
	if p == nil {
		return false
	}
	p.dispatch.once.Do(p.findDispatchers)
	if from != nil {
		p.noteFact(from.Abs, dispatchFact)
	}
	return len(p.dispatch.found) > 0 && p.dispatch.events[event]
}

func (p *Project) findDispatchers() {
	p.dispatch.events = map[string]bool{}
	for _, f := range p.Files {
		if f.Test {
			continue
		}
		f.Root().EachOf(func(n syntax.Node) bool {
			if awaitingDispatcher(f, n) {
				p.dispatch.found = append(p.dispatch.found, f.Abs+"#"+n.Child(syntax.FName).Text())
			}
			return true
		}, syntax.KClassDeclaration, syntax.KClass)
	}
	sort.Strings(p.dispatch.found)
	if len(p.dispatch.found) == 0 {
		return
	}
	for _, f := range p.Files {
		if f.Test || !f.SourceHas(dispatchWords...) {
			continue
		}
		for _, c := range f.Calls() {
			m := models.Method(c)
			args := models.Args(c)
			if !models.DispatchesEvent(m) || len(args) == 0 || f.LibraryReceiver(c) {
				continue
			}
			if ev, ok := StringValue(args[0]); ok {
				p.dispatch.events[ev] = true
			}
		}
	}
}

// LibraryReceiver reports a method call whose receiver comes from a
// package (see receiverModule), or is Node's process.
func (f *File) LibraryReceiver(call syntax.Node) bool {
	recv := models.Receiver(call).Unparen()
	if recv.IsNil() {
		return false
	}
	if root := rootOf(recv); root.Is(syntax.KIdentifier) && root.Text() == "process" && f.Resolve(root) == nil {
		return true
	}
	return f.PackageSpec(f.receiverModule(call))
}

// awaitingDispatcher reports a class that stores handlers in a field and
// awaits them when it dispatches.
func awaitingDispatcher(f *File, class syntax.Node) bool {
	stores, awaits := false, false
	for _, m := range class.Child(syntax.FBody).NamedChildren() {
		if !m.Is(syntax.KMethodDefinition) {
			continue
		}
		fn := f.FuncOf(m)
		if fn == nil {
			continue
		}
		switch name := m.Child(syntax.FName).Text(); {
		case models.RegistersHandler(name):
			stores = stores || storesHandler(f, fn)
		case models.DispatchesEvent(name):
			awaits = awaits || awaitsHandlers(f, fn, 1)
		}
	}
	return stores && awaits
}

// storesHandler reports a method that keeps one of its parameters in a
// field: this.handlers[name].push(fn), this.listeners.set(name, fn),
// this.handlers[name] = fn.
func storesHandler(f *File, fn *Func) bool {
	params := map[*Binding]bool{}
	for _, ps := range fn.Params() {
		ps.Walk(func(n syntax.Node) bool {
			if n.Is(syntax.KIdentifier) {
				if b := f.Resolve(n); b != nil && b.Decl == n {
					params[b] = true
				}
			}
			return true
		})
	}
	isParam := func(n syntax.Node) bool {
		n = n.Unparen()
		return n.Is(syntax.KIdentifier) && params[f.Resolve(n)]
	}
	onThis := func(n syntax.Node) bool {
		for n = n.Unparen(); n.Is(syntax.KMemberExpression, syntax.KSubscriptExpression, syntax.KCallExpression); {
			if n.Is(syntax.KCallExpression) {
				n = n.Child(syntax.FFunction).Unparen()
				continue
			}
			n = n.Child(syntax.FObject).Unparen()
		}
		return n.Is(syntax.KThis)
	}
	found := false
	fn.Body.Walk(func(n syntax.Node) bool {
		switch {
		case found || IsFunction(n):
			return false
		case n.Is(syntax.KCallExpression):
			m := models.Method(n)
			if models.CollectionInserts[m] && onThis(models.Receiver(n)) {
				for _, a := range models.Args(n) {
					found = found || isParam(a)
				}
			}
		case n.Is(syntax.KAssignmentExpression):
			found = onThis(n.Child(syntax.FLeft)) && isParam(n.Child(syntax.FRight))
		}
		return !found
	})
	return found
}

// awaitsHandlers reports a method that awaits (or returns) a call of a
// function value it did not declare (await handler(...args)), directly or
// in a project function it calls, depth calls deep.
func awaitsHandlers(f *File, fn *Func, depth int) bool {
	for _, w := range fn.Awaits {
		if !w.Is(syntax.KAwaitExpression) {
			continue
		}
		call := w.NamedChild(0).Unparen()
		if !call.Is(syntax.KCallExpression) {
			continue
		}
		callee := call.Child(syntax.FFunction).Unparen()
		if callee.Is(syntax.KIdentifier) {
			if b := f.Resolve(callee); b != nil && (b.Kind == BParam || b.Kind == BConst || b.Kind == BLet || b.Kind == BVar) && !IsFunction(b.Init.Unparen()) {
				if _, tfn := f.Project().ResolveCall(f, call); tfn == nil {
					return true // await func(...args): a handler value
				}
			}
		}
		if _, st, ok := models.PromiseStaticCall(call); ok && st.WaitsForEvery {
			return true
		}
		if depth > 0 {
			if tf, tfn := f.Project().ResolveCall(f, call); tfn != nil && tfn != fn && awaitsHandlers(tf, tfn, depth-1) {
				return true
			}
		}
	}
	return false
}

// dispatchValue is the value of dispatchFact: the dispatchers and the
// events.
func (p *Project) dispatchValue() string {
	p.dispatch.once.Do(p.findDispatchers)
	events := make([]string, 0, len(p.dispatch.events))
	for e := range p.dispatch.events {
		events = append(events, e)
	}
	sort.Strings(events)
	p.emitters.once.Do(p.findClassDispatches)
	return strings.Join(p.dispatch.found, ",") + "|" + strings.Join(events, ",") + "|" + strings.Join(p.emitters.value, ",")
}
