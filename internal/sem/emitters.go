package sem

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// emitterIndex holds the events the project dispatches through receivers
// whose declared class it knows, by class.
type emitterIndex struct {
	once    sync.Once
	by      map[classKey][]classDispatch
	byField map[fieldKey][]classDispatch // emitters held in a class's field
	value   []string                     // for the dispatch fact: "file:line event awaited"
}

// fieldKey names a field of a class: ProcessLifecycle.eventEmitter.
type fieldKey struct {
	class classKey
	field string
}

// classDispatch is one dispatch of an event through an instance of a
// class: this.emitAsync(`${model}.afterSave`, row).
type classDispatch struct {
	event   string         // the event's name, when it is written out
	pattern *regexp.Regexp // for a template string: anything in place of its substitutions
	any     bool           // a name held in a variable: any event
	awaited bool
}

// matches reports whether the dispatch can be of the event.
func (d classDispatch) matches(event string) bool {
	switch {
	case d.any:
		return true
	case d.pattern != nil:
		return d.pattern.MatchString(event)
	}
	return d.event == event
}

// String describes the dispatch for the dispatch fact.
func (d classDispatch) String() string {
	name := d.event
	switch {
	case d.any:
		name = "*"
	case d.pattern != nil:
		name = d.pattern.String()
	}
	if d.awaited {
		return name + " awaited"
	}
	return name
}

// emitterWords are the names findClassDispatches looks for.
var emitterWords = Needles(append([]string{"listeners"}, models.EventDispatchMethods...)...)

// ListenerAwaitedByEmitter reports a listener registration
// (recv.on(event, fn)) on an instance of a project class that the project
// dispatches that event through only with calls it awaits:
// db.on("users.beforeSave", fn) where every matching dispatch is
// await this.database.emitAsync(`${model}.${hook}`, ...) on the same
// class. An awaited dispatch returns a promise that waits for the
// listeners (an emitter that ignored them would return a boolean), so
// the listener's promise is handed to it. Dispatches made through a
// parent class of the receiver's count too.
//
// An emitter held in a class's field (ProcessLifecycle.eventEmitter) is
// matched by the field: its listeners are awaited when every dispatch of
// the event through the field is, such as a loop that calls and awaits
// each of this.eventEmitter.listeners(name).
func (p *Project) ListenerAwaitedByEmitter(f *File, call syntax.Node) bool {
	args := models.Args(call)
	if p == nil || len(args) == 0 {
		return false
	}
	ev, ok := StringValue(args[0])
	if !ok {
		return false
	}
	p.emitters.once.Do(p.findClassDispatches)
	p.noteFact(f.Abs, dispatchFact)
	if k, ok := p.emitterField(f, models.Receiver(call)); ok {
		if v := awaitedDispatch(p.emitters.byField[k], ev); v != Unknown {
			return v == True
		}
	}
	tf, decl := p.typeOfValue(f, models.Receiver(call), 0)
	if decl.IsNil() {
		return false
	}
	awaited := false
	for depth := 0; !decl.IsNil() && depth < 4; depth++ {
		switch awaitedDispatch(p.emitters.by[classKey{tf, decl.ID()}], ev) {
		case False:
			return false
		case True:
			awaited = true
		}
		tf, decl = p.superDecl(tf, decl)
	}
	return awaited
}

// awaitedDispatch says whether the dispatches of event among ds are all
// awaited (True), one is not (False), or none dispatches it (Unknown).
func awaitedDispatch(ds []classDispatch, event string) Tri {
	v := Unknown
	for _, d := range ds {
		if !d.matches(event) {
			continue
		}
		if !d.awaited {
			return False
		}
		v = True
	}
	return v
}

// emitterField names the class field an emitter expression reads:
// this.events inside a class, or Cls.events for a class of the project.
func (p *Project) emitterField(f *File, e syntax.Node) (fieldKey, bool) {
	e = e.Unparen()
	if !e.Is(syntax.KMemberExpression) {
		return fieldKey{}, false
	}
	obj := e.Child(syntax.FObject).Unparen()
	name := e.Child(syntax.FProperty).Text()
	switch {
	case obj.Is(syntax.KThis):
		if c := enclosingClass(e); !c.IsNil() {
			return fieldKey{classKey{f, c.ID()}, name}, true
		}
	case obj.Is(syntax.KIdentifier):
		if b := f.Resolve(obj); b == nil || b.Kind != BClass && b.Import == nil {
			return fieldKey{}, false
		}
		if tf, decl := p.namedType(f, obj.Text(), 0); !decl.IsNil() && decl.Is(syntax.KClassDeclaration, syntax.KAbstractClassDeclaration, syntax.KClass) {
			return fieldKey{classKey{tf, decl.ID()}, name}, true
		}
	}
	return fieldKey{}, false
}

// listenersAwaited reports a call em.listeners(event) (or rawListeners)
// whose listeners the function calls and awaits: a for...of over them
// whose body awaits, or an awaited Promise.all over a map of them.
func listenersAwaited(call syntax.Node) bool {
	p := call.Parent()
	for p.Is(syntax.KParenthesizedExpression) {
		p = p.Parent()
	}
	if p.Is(syntax.KForInStatement) && p.Child(syntax.FRight).Unparen() == call {
		found := false
		p.Child(syntax.FBody).Walk(func(n syntax.Node) bool {
			if found || IsFunction(n) {
				return false
			}
			found = n.Is(syntax.KAwaitExpression)
			return !found
		})
		return found
	}
	if p.Is(syntax.KMemberExpression) && p.Child(syntax.FProperty).Text() == "map" {
		m := p.Parent()
		if m.Is(syntax.KCallExpression) && m.Parent().Is(syntax.KArguments) {
			all := m.Parent().Parent()
			if _, st, ok := models.PromiseStaticCall(all); ok && st.WaitsForEvery {
				return AwaitedOrReturned(all)
			}
		}
	}
	return false
}

// superDecl returns the declaration of the class a class extends, when
// the project declares it.
func (p *Project) superDecl(f *File, decl syntax.Node) (*File, syntax.Node) {
	return p.typeDecl(f, superclass(decl))
}

func (p *Project) findClassDispatches() {
	p.emitters.by = map[classKey][]classDispatch{}
	p.emitters.byField = map[fieldKey][]classDispatch{}
	for _, f := range p.Files {
		if f.Test || !f.SourceHas(emitterWords...) {
			continue
		}
		for _, c := range f.Calls() {
			m := models.Method(c)
			args := models.Args(c)
			if len(args) == 0 {
				continue
			}
			if k, ok := p.emitterField(f, models.Receiver(c)); ok && (models.DispatchesEvent(m) || m == "listeners" || m == "rawListeners") {
				// An emitter held in a field: a dispatch counts as awaited
				// when its promise is; a loop that calls and awaits the
				// emitter's listeners is an awaited dispatch too.
				d := dispatchOf(args[0], AwaitedOrReturned(c))
				if m == "listeners" || m == "rawListeners" {
					if !listenersAwaited(c) {
						continue // read for another purpose: no dispatch
					}
					d.awaited = true
				}
				p.emitters.byField[k] = append(p.emitters.byField[k], d)
				p.emitters.value = append(p.emitters.value, fmt.Sprintf("%s:%d %s.%s %s", f.Abs, c.Line(), k.class.f.Abs, k.field, d))
				if !models.DispatchesEvent(m) {
					continue
				}
			}
			if !models.DispatchesEvent(m) {
				continue
			}
			tf, decl := p.typeOfValue(f, models.Receiver(c), 0)
			if decl.IsNil() {
				continue
			}
			d := dispatchOf(args[0], AwaitedOrReturned(c))
			k := classKey{tf, decl.ID()}
			p.emitters.by[k] = append(p.emitters.by[k], d)
			p.emitters.value = append(p.emitters.value, fmt.Sprintf("%s:%d %s>%s %s", f.Abs, c.Line(), tf.Abs, decl.Child(syntax.FName).Text(), d))
		}
	}
	sort.Strings(p.emitters.value)
}

// dispatchOf describes a dispatch by its event argument: a string is
// that event, a template string has anything in place of its
// substitutions, and any other expression can be any event.
func dispatchOf(n syntax.Node, awaited bool) classDispatch {
	n = n.Unparen()
	if s, ok := StringValue(n); ok {
		return classDispatch{event: s, awaited: awaited}
	}
	if !n.Is(syntax.KTemplateString) {
		return classDispatch{any: true, awaited: awaited}
	}
	var b strings.Builder
	b.WriteString("^")
	src := n.Text()
	at := n.Start() + 1
	for _, s := range n.NamedChildren() {
		if !s.Is(syntax.KTemplateSubstitution) {
			continue
		}
		b.WriteString(regexp.QuoteMeta(src[at-n.Start() : s.Start()-n.Start()]))
		b.WriteString(".*")
		at = s.End()
	}
	b.WriteString(regexp.QuoteMeta(src[at-n.Start() : len(src)-1]))
	b.WriteString("$")
	return classDispatch{pattern: regexp.MustCompile(b.String()), awaited: awaited}
}

// DropperCall reports whether call invokes its function arguments later
// and ignores the promises they return (a timer, an event listener's
// registration, a jQuery handler, forEach), and describes it.
func DropperCall(call syntax.Node) (string, bool) {
	chain, method := models.Callee(call)
	args := models.Args(call)
	switch {
	case models.CallbackTimer(method) && (len(chain) == 0 || len(chain) == 1 && (models.GlobalObject(chain[0]) || chain[0] == "process" || chain[0] == "timers")):
		if method == "nextTick" && (len(chain) != 1 || chain[0] != "process") {
			return "", false
		}
		return "a " + method + " callback", true
	case len(chain) > 0 && models.ListenerRegistration(method) && len(args) >= 2:
		if ev, ok := StringValue(args[0]); ok {
			if method == "addEventListener" {
				return "a " + ev + " event listener", true
			}
			return "a '" + ev + "' listener", true
		}
		return "an event listener", true
	case len(chain) > 0 && models.JQueryEvent(method) && (chain[0] == "$()" || chain[0] == "jQuery()" || chain[0] == "$"):
		return "a jQuery " + method + " handler", true
	case method == "forEach" && len(chain) > 0:
		return "a forEach callback", true
	}
	return "", false
}

// ListenerAwaited reports whether a listener registration is made on an
// object of a library that awaits its listeners (new Webhooks() from
// @octokit/webhooks, a Probot app), for an event of the project's own
// dispatcher, which awaits its handlers (ProjectDispatchedEvent), or
// on an emitter class whose dispatches of the event are all awaited
// (ListenerAwaitedByEmitter).
func (f *File) ListenerAwaited(call syntax.Node) bool {
	m := models.Method(call)
	if !models.ListenerRegistration(m) {
		return false
	}
	if args := models.Args(call); len(args) > 0 && !f.LibraryReceiver(call) {
		if ev, ok := StringValue(args[0]); ok && f.Project().ProjectDispatchedEvent(f, ev) {
			return true // the project's own dispatcher awaits its handlers
		}
	}
	if f.Project().ListenerAwaitedByEmitter(f, call) {
		return true // every dispatch of the event on its emitter's class is awaited
	}
	// A value a library object's method returns is the library's too:
	// federation.setInboxListeners(...).on(Follow, fn).
	if spec := f.selfBaseSpec(models.Receiver(call), 0); spec != "" {
		return models.ListenerAwaited(spec)
	}
	root := builderRoot(models.Receiver(call))
	if !root.Is(syntax.KIdentifier) {
		return false
	}
	b := f.Resolve(root)
	if b == nil {
		return false
	}
	if b.Import != nil {
		return models.ListenerAwaited(b.Import.Spec) || models.ListenerAwaited(f.makerSpec(b, 0))
	}
	if d := b.Decl.Parent(); d.Is(syntax.KRequiredParameter, syntax.KOptionalParameter) {
		// A parameter of a library's type is its object, but not what the
		// object holds: options.signal of a MessageQueueListenOptions is
		// the platform's AbortSignal.
		if t := d.Child(syntax.FType); !t.IsNil() && !throughProperty(models.Receiver(call)) {
			name := t.NamedChild(0)
			if name.Is(syntax.KGenericType) {
				name = name.Child(syntax.FName)
			}
			if tb := f.Module.Lookup(name.Text()); tb != nil && tb.Import != nil {
				return models.ListenerAwaited(tb.Import.Spec)
			}
		}
		return false
	}
	return models.ListenerAwaited(f.makerSpec(b, 0))
}

// builderRoot is rootOf through method calls: federation for
// federation.setInboxListeners(path).on(Follow, fn).
func builderRoot(e syntax.Node) syntax.Node {
	for {
		e = rootOf(e)
		if !e.Is(syntax.KCallExpression) {
			return e
		}
		fn := e.Child(syntax.FFunction).Unparen()
		if !fn.Is(syntax.KMemberExpression) {
			return e
		}
		e = fn.Child(syntax.FObject)
	}
}

// throughProperty reports a receiver that reads a property on the way
// from its root (options.signal, app.webhooks), not only method calls.
func throughProperty(e syntax.Node) bool {
	for {
		e = e.Unparen()
		switch {
		case e.Is(syntax.KMemberExpression):
			return true
		case e.Is(syntax.KCallExpression) && e.Child(syntax.FFunction).Unparen().Is(syntax.KMemberExpression):
			e = e.Child(syntax.FFunction).Unparen().Child(syntax.FObject)
		default:
			return false
		}
	}
}

// selfBaseSpec returns the library module of the object a receiver
// reaches from the class's own members through method calls only: a
// field's declared type or the call that makes its value
// (this.federation of type Federation, or set to createFederation(), in
// this.federation.setInboxListeners(path)), or the declared return type
// of a method of the class or its project superclass
// (super.setupInboxListeners()). A property read on the way
// (this.options.signal) is the object's content, not the object: "".
func (f *File) selfBaseSpec(e syntax.Node, depth int) string {
	for {
		e = e.Unparen()
		switch {
		case e.Is(syntax.KMemberExpression):
			if e.Child(syntax.FObject).Unparen().Is(syntax.KThis) {
				spec := ""
				FieldHolds(e.Ancestor(syntax.KClassBody), e.Child(syntax.FProperty).Text(),
					func(t syntax.Node) bool {
						spec = f.typeImportSpec(t)
						return spec != ""
					},
					func(v syntax.Node) bool {
						spec = f.madeSpec(v, depth+1)
						return spec != ""
					})
				return spec
			}
			return ""
		case e.Is(syntax.KCallExpression):
			fn := e.Child(syntax.FFunction).Unparen()
			if !fn.Is(syntax.KMemberExpression) {
				return ""
			}
			if o := fn.Child(syntax.FObject).Unparen(); o.Is(syntax.KThis, syntax.KSuper) {
				return f.methodReturnSpec(fn)
			}
			e = fn.Child(syntax.FObject)
		default:
			return ""
		}
	}
}

// methodReturnSpec returns the module of the library type that the
// method this.m or super.m is declared to return, looked up in the
// enclosing class (not for super) and then up its project superclasses.
func (f *File) methodReturnSpec(m syntax.Node) string {
	name := m.Child(syntax.FProperty).Text()
	cf, class := f, m.Ancestor(syntax.KClassDeclaration, syntax.KAbstractClassDeclaration, syntax.KClass)
	skip := m.Child(syntax.FObject).Unparen().Is(syntax.KSuper)
	for depth := 0; depth < 4 && !class.IsNil(); depth++ {
		if !skip {
			for _, d := range class.Child(syntax.FBody).NamedChildren() {
				if !d.Is(syntax.KMethodDefinition, syntax.KAbstractMethodSignature, syntax.KMethodSignature) || d.Child(syntax.FName).Text() != name {
					continue
				}
				if t := d.Child(syntax.FReturnType); !t.IsNil() {
					return cf.typeImportSpec(t)
				}
				return ""
			}
		}
		skip = false
		cf, class = f.Project().superDecl(cf, class)
	}
	return ""
}

// madeSpec returns the module whose constructor, factory or object's
// method makes a value (new Webhooks(), createFederation(),
// federation.setInboxListeners(path)), or "".
func (f *File) madeSpec(v syntax.Node, depth int) string {
	if depth > 3 {
		return ""
	}
	var root syntax.Node
	switch v = v.Unparen(); {
	case v.Is(syntax.KCallExpression):
		if spec := f.selfBaseSpec(v, depth); spec != "" {
			return spec
		}
		root = builderRoot(v.Child(syntax.FFunction))
	case v.Is(syntax.KNewExpression):
		root = rootOf(v.Child(syntax.FConstructor))
	}
	if !root.Is(syntax.KIdentifier) {
		return ""
	}
	b := f.Resolve(root)
	if b == nil {
		return ""
	}
	if b.Import != nil {
		return b.Import.Spec
	}
	return f.makerSpec(b, depth)
}

// typeImportSpec returns the module a type (T, T | undefined, T<...>)
// is imported from, as written: a workspace package's name too.
func (f *File) typeImportSpec(t syntax.Node) string {
	for _, n := range typeNames(t) {
		if b := f.Module.Lookup(n.Text()); n.Is(syntax.KTypeIdentifier) && b != nil && b.Import != nil {
			return b.Import.Spec
		}
	}
	return ""
}

// makerSpec returns the module whose constructor, factory or object's
// method made a binding's value (const federation = createFederation()
// with createFederation imported; const inbox =
// federation.setInboxListeners(path)), here or in the project module the
// binding is imported from, or "".
func (f *File) makerSpec(b *Binding, depth int) string {
	if b == nil || depth > 3 {
		return ""
	}
	vf, v := f.bindingValue(b)
	if vf == nil {
		return ""
	}
	if v.Is(syntax.KIdentifier) {
		return vf.makerSpec(vf.Resolve(v), depth+1)
	}
	return vf.madeSpec(v, depth+1)
}

// MadeByImport returns the import whose value a binding's initialiser
// constructs or calls (new Webhooks() with Webhooks imported,
// mysql.createConnection() with mysql imported), or nil.
func (f *File) MadeByImport(b *Binding) *Import {
	init := b.Init.Unparen()
	var made syntax.Node
	switch {
	case init.Is(syntax.KNewExpression):
		made = init.Child(syntax.FConstructor)
	case init.Is(syntax.KCallExpression):
		made = init.Child(syntax.FFunction)
	default:
		return nil
	}
	if made = rootOf(made); !made.Is(syntax.KIdentifier) {
		return nil
	}
	if mb := f.Resolve(made); mb != nil {
		return mb.Import
	}
	return nil
}
