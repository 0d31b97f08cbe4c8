package sem

import (
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// resourceDepth bounds how far OpensResource follows project classes and
// functions.
const resourceDepth = 4

// OpensResource reports whether evaluating e, a call or a new expression,
// creates, connects or starts something whose identity matters, so that
// evaluating it twice leaves two of them: a connection or a client of a
// service, a server, a timer, a listener, an object made in another
// service. Evaluated twice by racing initialisations, such a value leaks
// one of them; a value that is only data is merely computed twice.
//
// Code of the project is judged by what it does: an instance of a project
// class opens a resource when its constructor (or a field initialiser, or
// a base class's constructor) does, or when it is given one; a project
// function does when it returns one, stores one outside the call, or
// changes external state. Library code is judged by the models: a data constructor (Map,
// URL, Error) opens nothing, another library class does, and a library
// function does when its name says it creates or connects one
// (models.IsResourceCall).
func (f *File) OpensResource(e syntax.Node) bool {
	return f.opensResource(e, resourceDepth)
}

func (f *File) opensResource(e syntax.Node, depth int) bool {
	e = e.Unparen()
	if e.Is(syntax.KAwaitExpression) {
		e = e.NamedChild(0).Unparen()
	}
	switch {
	case e.Is(syntax.KNewExpression):
		c := e.Child(syntax.FConstructor).Unparen()
		if models.DataConstructors[c.Text()] || models.MemoryMaps[c.Text()] {
			return false
		}
		if c.Text() == "Promise" {
			return false // what it resolves to is judged where it is used
		}
		cf, class := f.projectClass(c)
		if class.IsNil() {
			return true // a library's class: a client, a server, a socket
		}
		if depth == 0 {
			return false
		}
		// An instance of a project class holds what its constructor opens,
		// and what it is given (new CameraAPI(await connect(url))).
		for _, a := range models.Args(e) {
			if f.valueOpens(a, depth-1) {
				return true
			}
		}
		return cf.classOpensResource(class, depth-1)
	case e.Is(syntax.KCallExpression):
		if models.TimerFunc(e) || models.ListenerRegistration(models.Method(e)) {
			return true
		}
		if f.project != nil {
			if tf, fn := f.project.ResolveCall(f, e); fn != nil {
				return depth > 0 && tf.funcOpensResource(fn, depth-1)
			}
		}
		return models.IsResourceCall(models.Method(e))
	}
	return false
}

// projectClass returns the class declaration of the project a constructor
// expression names, or no node for a library's class.
func (f *File) projectClass(c syntax.Node) (*File, syntax.Node) {
	if f.project == nil || !c.Is(syntax.KIdentifier) {
		return nil, syntax.Node{}
	}
	cf, d := f.project.typeDecl(f, c)
	if d.IsNil() || !d.Is(syntax.KClassDeclaration, syntax.KAbstractClassDeclaration, syntax.KClass) {
		return nil, syntax.Node{}
	}
	return cf, d
}

// classOpensResource reports whether constructing an instance of a
// project class opens a resource: its constructor, field initialisers and
// base class.
func (f *File) classOpensResource(class syntax.Node, depth int) bool {
	if base := superclass(class); !base.IsNil() {
		bf, bd := f.projectClass(base)
		if bd.IsNil() || depth == 0 || bf.classOpensResource(bd, depth-1) {
			return true // a library's base class (EventEmitter, a client) or one that opens one
		}
	}
	body := class.Child(syntax.FBody)
	for _, m := range body.NamedChildren() {
		switch {
		case m.Is(syntax.KMethodDefinition) && m.Child(syntax.FName).Text() == "constructor":
			if fn := f.FuncOf(m); fn != nil && f.exprOpens(fn.Body, depth) {
				return true
			}
		case m.Is(syntax.KPublicFieldDefinition, syntax.KFieldDefinition):
			if v := m.Child(syntax.FValue); !v.IsNil() && !IsFunction(v.Unparen()) && f.exprOpens(v, depth) {
				return true
			}
		}
	}
	return false
}

// funcOpensResource reports whether running fn leaves a resource open: a
// returned value that is one (directly or through a local variable), one
// stored outside the call (this.pool = new Pool()), or a call that changes
// state outside the process. A client, a timer or a listener the function
// only uses while it runs (a request with a timeout, a temporary client)
// is no resource of its caller.
func (f *File) funcOpensResource(fn *Func, depth int) bool {
	if fn.Body.IsNil() {
		return true // declared only: nothing to judge it by
	}
	for _, r := range fn.Returns {
		if f.valueOpens(r, depth) {
			return true
		}
	}
	if !fn.Body.Is(syntax.KStatementBlock) {
		return f.valueOpens(fn.Body, depth) // an arrow function's expression body
	}
	found := false
	fn.Body.Walk(func(m syntax.Node) bool {
		if found || m != fn.Body && IsFunction(m) {
			return false
		}
		switch {
		case m.Is(syntax.KAssignmentExpression):
			left := m.Child(syntax.FLeft).Unparen()
			kept := left.Is(syntax.KMemberExpression, syntax.KSubscriptExpression)
			if left.Is(syntax.KIdentifier) {
				b := f.Resolve(left)
				kept = b == nil || b.Scope == nil || !fn.Node.Contains(b.Scope.Node)
			}
			found = kept && f.valueOpens(m.Child(syntax.FRight), depth)
		case m.Is(syntax.KCallExpression):
			found = f.ChangesExternalState(m)
		}
		return !found
	})
	return found
}

// valueOpens reports whether a value is a resource: a call or new
// expression that opens one, or a local variable initialised with one.
func (f *File) valueOpens(v syntax.Node, depth int) bool {
	v = v.Unparen()
	if v.Is(syntax.KAwaitExpression) {
		v = v.NamedChild(0).Unparen()
	}
	if v.Is(syntax.KIdentifier) {
		if v = f.Resolve(v).Value(); v.IsNil() {
			return false
		}
	}
	return f.opensResource(v, depth)
}

// exprOpens reports a call or new expression under n, outside nested
// functions, that opens a resource or changes external state: what a
// constructor opens, its instance holds.
func (f *File) exprOpens(n syntax.Node, depth int) bool {
	found := false
	n.Walk(func(m syntax.Node) bool {
		if found || m != n && IsFunction(m) {
			return false
		}
		if m.Is(syntax.KNewExpression, syntax.KCallExpression) && (f.opensResource(m, depth) || m.Is(syntax.KCallExpression) && f.ChangesExternalState(m)) {
			found = true
		}
		return !found
	})
	return found
}
