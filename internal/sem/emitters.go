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
	once  sync.Once
	by    map[classKey][]classDispatch
	value []string // for the dispatch fact: "file:line event awaited"
}

// classDispatch is one dispatch of an event through an instance of a
// class: this.emitAsync(`${model}.afterSave`, row).
type classDispatch struct {
	event   *regexp.Regexp // nil: any event (a name held in a variable)
	awaited bool
}

// ListenerAwaitedByEmitter reports a listener registration
// (recv.on(event, fn)) on an instance of a project class that the project
// dispatches that event through only with calls it awaits:
// db.on("users.beforeSave", fn) where every matching dispatch is
// await this.database.emitAsync(`${model}.${hook}`, ...) on the same
// class. An awaited dispatch returns a promise that waits for the
// listeners (an emitter that ignored them would return a boolean), so
// the listener's promise is handed to it. Dispatches made through a
// parent class of the receiver's count too.
func (p *Project) ListenerAwaitedByEmitter(f *File, call syntax.Node) bool {
	args := models.Args(call)
	if p == nil || len(args) == 0 {
		return false
	}
	ev, ok := StringValue(args[0])
	if !ok {
		return false
	}
	tf, decl := p.typeOfValue(f, models.Receiver(call), 0)
	if decl.IsNil() {
		return false
	}
	p.emitters.once.Do(p.findClassDispatches)
	p.noteFact(f.Abs, dispatchFact)
	awaited := false
	for depth := 0; !decl.IsNil() && depth < 4; depth++ {
		for _, d := range p.emitters.by[classKey{tf, decl.ID()}] {
			if d.event != nil && !d.event.MatchString(ev) {
				continue
			}
			if !d.awaited {
				return false
			}
			awaited = true
		}
		tf, decl = p.superDecl(tf, decl)
	}
	return awaited
}

// superDecl returns the declaration of the class a class extends, when
// the project declares it.
func (p *Project) superDecl(f *File, decl syntax.Node) (*File, syntax.Node) {
	for _, c := range decl.NamedChildren() {
		if !c.Is(kClassHeritage) {
			continue
		}
		if ext := c.ChildOfKind(kExtendsClause); !ext.IsNil() {
			return p.typeDecl(f, ext.Child(syntax.FValue))
		}
	}
	return nil, syntax.Node{}
}

func (p *Project) findClassDispatches() {
	p.emitters.by = map[classKey][]classDispatch{}
	for _, f := range p.Files {
		if f.Test || !f.SourceHas(dispatchWords...) {
			continue
		}
		for _, c := range f.Calls() {
			_, m := models.Callee(c)
			args := models.Args(c)
			if !models.DispatchesEvent(m) || len(args) == 0 || f.LibraryReceiver(c) {
				continue
			}
			tf, decl := p.typeOfValue(f, models.Receiver(c), 0)
			if decl.IsNil() {
				continue
			}
			d := classDispatch{event: eventPattern(args[0]), awaited: AwaitedOrReturned(c)}
			k := classKey{tf, decl.ID()}
			p.emitters.by[k] = append(p.emitters.by[k], d)
			p.emitters.value = append(p.emitters.value, fmt.Sprintf("%s:%d %s>%s %v", f.Abs, c.Line(), tf.Abs, decl.Child(syntax.FName).Text(), d))
		}
	}
	sort.Strings(p.emitters.value)
}

// eventPattern matches the event names an event argument can take: a
// string is itself, a template string has anything in place of its
// substitutions; any other expression can be any name (nil).
func eventPattern(n syntax.Node) *regexp.Regexp {
	n = n.Unparen()
	if s, ok := StringValue(n); ok {
		return regexp.MustCompile("^" + regexp.QuoteMeta(s) + "$")
	}
	if !n.Is(syntax.KTemplateString) {
		return nil
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
	return regexp.MustCompile(b.String())
}
