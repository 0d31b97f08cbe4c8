package sem

import (
	"github.com/racecheck/racecheck/internal/syntax"
)

// BindingKind says how a name was declared.
type BindingKind int

// Binding kinds.
const (
	BVar BindingKind = iota
	BLet
	BConst
	BParam
	BFunction
	BClass
	BImport
	BCatch
)

// Binding is a declared name.
type Binding struct {
	Name  string
	Kind  BindingKind
	Decl  syntax.Node // the declaring identifier
	Scope *Scope
	// Init is the initialiser of a variable (the declarator's value), or the
	// function/class node of a declaration.
	Init syntax.Node
	// Import is set for imported names (import, require, dynamic import).
	Import *Import
}

// ImportedName is the name the module exports what an imported binding
// holds under: the imported name, or, for a default or namespace import
// (and a whole-module require), the local name, which is how such imports
// are usually named after what they hold (import Formik from "formik").
func (b *Binding) ImportedName() string {
	if b.Import == nil {
		return ""
	}
	if n := b.Import.Name; n != "" && n != "default" && n != "*" {
		return n
	}
	return b.Name
}

// Value returns what a variable was initialised with, or no node for a
// binding without one (a parameter, an uninitialised let, a declaration
// whose Init is the declaring node itself).
func (b *Binding) Value() syntax.Node {
	if b == nil || b.Init.IsNil() || b.Init == b.Decl {
		return syntax.Node{}
	}
	return b.Init
}

// ModuleLevel reports whether the binding lives at module scope, and so is
// shared by every request a process serves.
func (b *Binding) ModuleLevel() bool { return b != nil && b.Scope != nil && b.Scope.Module }

// Scope is a lexical scope.
type Scope struct {
	Node   syntax.Node
	Parent *Scope
	Module bool // the program scope
	Func   bool // a function scope (var declarations hoist here)
	// The bindings declared here: a slice searched in order while the
	// scope is small (most are: a map costs ten times the memory), and a
	// map beside it once it grows.
	names []*Binding
	index map[string]*Binding
}

// scopeIndexAt is the number of bindings at which a scope gets a map.
const scopeIndexAt = 16

// Lookup finds a name in s or its parents.
func (s *Scope) Lookup(name string) *Binding {
	for ; s != nil; s = s.Parent {
		if b := s.own(name); b != nil {
			return b
		}
	}
	return nil
}

// own finds a name declared in s itself.
func (s *Scope) own(name string) *Binding {
	if s.index != nil {
		return s.index[name]
	}
	for _, b := range s.names {
		if b.Name == name {
			return b
		}
	}
	return nil
}

func (s *Scope) declare(b *Binding) {
	if old := s.own(b.Name); old != nil {
		if old.Kind == BImport {
			return // keep the import (TypeScript may declare a type of the same name)
		}
		b.Scope = s
		for i := range s.names {
			if s.names[i] == old {
				s.names[i] = b
			}
		}
		if s.index != nil {
			s.index[b.Name] = b
		}
		return
	}
	b.Scope = s
	s.names = append(s.names, b)
	switch {
	case s.index != nil:
		s.index[b.Name] = b
	case len(s.names) >= scopeIndexAt:
		s.index = make(map[string]*Binding, 2*len(s.names))
		for _, x := range s.names {
			s.index[x.Name] = x
		}
	}
}

func (s *Scope) funcScope() *Scope {
	for ; s != nil; s = s.Parent {
		if s.Func || s.Module {
			return s
		}
	}
	return nil
}

// isFunction reports whether n is a function-like node.
func isFunction(n syntax.Node) bool { return n.Is(functionKinds...) }

// functionKinds are the kinds of function-like nodes.
var functionKinds = []syntax.Kind{syntax.KFunctionDeclaration, syntax.KFunctionExpression, syntax.KArrowFunction,
	syntax.KMethodDefinition, syntax.KGeneratorFunction, syntax.KGeneratorFunctionDeclaration}

// IsFunction reports whether n is a function-like node.
func IsFunction(n syntax.Node) bool { return isFunction(n) }

// buildScopes walks the tree once and declares every binding.
func (f *File) buildScopes() {
	root := f.Tree.Root()
	f.Module = &Scope{Node: root, Module: true}
	f.scopes = map[int32]*Scope{root.ID(): f.Module}
	f.walkScope(root, f.Module)
}

func (f *File) newScope(n syntax.Node, parent *Scope, fn bool) *Scope {
	s := &Scope{Node: n, Parent: parent, Func: fn}
	f.scopes[n.ID()] = s
	return s
}

func (f *File) walkScope(n syntax.Node, s *Scope) {
	for c := n.FirstChild(); !c.IsNil(); c = c.NextSibling() {
		f.visitScope(c, s)
	}
}

func (f *File) visitScope(n syntax.Node, s *Scope) {
	switch {
	case isFunction(n):
		if n.Is(syntax.KFunctionDeclaration, syntax.KGeneratorFunctionDeclaration) {
			if name := n.Child(syntax.FName); !name.IsNil() {
				s.declare(&Binding{Name: name.Text(), Kind: BFunction, Decl: name, Init: n})
			}
		}
		fs := f.newScope(n, s, true)
		if n.Is(syntax.KFunctionExpression, syntax.KGeneratorFunction) {
			if name := n.Child(syntax.FName); !name.IsNil() {
				fs.declare(&Binding{Name: name.Text(), Kind: BFunction, Decl: name, Init: n})
			}
		}
		if ps := n.Child(syntax.FParameters); !ps.IsNil() {
			for _, p := range ps.NamedChildren() {
				f.declarePattern(p, fs, BParam, syntax.Node{})
			}
		} else if p := n.Child(syntax.FParameter); !p.IsNil() {
			f.declarePattern(p, fs, BParam, syntax.Node{})
		}
		if body := n.Child(syntax.FBody); !body.IsNil() {
			if body.Is(syntax.KStatementBlock) {
				f.walkScope(body, fs) // the body shares the function scope
			} else {
				f.visitScope(body, fs)
			}
		}
		// Default values and decorators live in the function scope too.
		if ps := n.Child(syntax.FParameters); !ps.IsNil() {
			f.walkScope(ps, fs)
		}
		return
	case n.Is(syntax.KClassDeclaration, syntax.KAbstractClassDeclaration):
		if name := n.Child(syntax.FName); !name.IsNil() {
			s.declare(&Binding{Name: name.Text(), Kind: BClass, Decl: name, Init: n})
		}
	case n.Is(syntax.KStatementBlock, syntax.KSwitchBody, syntax.KClassBody, syntax.KClassStaticBlock):
		s = f.newScope(n, s, false)
		f.walkScope(n, s)
		return
	case n.Is(syntax.KForStatement):
		s = f.newScope(n, s, false)
	case n.Is(syntax.KForInStatement):
		// for (const k of keys) / for (let k in obj) / for (var k of ...)
		s = f.newScope(n, s, false)
		left := n.Child(syntax.FLeft)
		switch {
		case n.HasToken("const"):
			f.declarePattern(left, s, BConst, syntax.Node{})
		case n.HasToken("let"):
			f.declarePattern(left, s, BLet, syntax.Node{})
		case n.HasToken("var"):
			f.declarePattern(left, s.funcScope(), BVar, syntax.Node{})
		}
	case n.Is(syntax.KCatchClause):
		s = f.newScope(n, s, false)
		if p := n.Child(syntax.FParameter); !p.IsNil() {
			f.declarePattern(p, s, BCatch, syntax.Node{})
		}
	case n.Is(syntax.KVariableDeclaration, syntax.KLexicalDeclaration):
		kind := BVar
		target := s.funcScope()
		if n.Is(syntax.KLexicalDeclaration) {
			target = s
			kind = BLet
			if n.HasToken("const") {
				kind = BConst
			}
		}
		for _, d := range n.NamedChildren() {
			if !d.Is(syntax.KVariableDeclarator) {
				continue
			}
			value := d.Child(syntax.FValue)
			f.declarePattern(d.Child(syntax.FName), target, kind, value)
			f.noteRequire(d.Child(syntax.FName), value, target)
		}
	case n.Is(syntax.KImportStatement):
		f.declareImport(n, s)
		return
	}
	f.walkScope(n, s)
}

// declarePattern declares every identifier bound by a (destructuring) pattern.
func (f *File) declarePattern(p syntax.Node, s *Scope, kind BindingKind, init syntax.Node) {
	switch {
	case p.IsNil():
	case p.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifierPattern):
		s.declare(&Binding{Name: p.Text(), Kind: kind, Decl: p, Init: init})
	case p.Is(syntax.KRequiredParameter, syntax.KOptionalParameter):
		f.declarePattern(p.Child(syntax.FPattern), s, kind, init)
	case p.Is(syntax.KAssignmentPattern):
		f.declarePattern(p.Child(syntax.FLeft), s, kind, init)
	case p.Is(syntax.KObjectAssignmentPattern):
		f.declarePattern(p.Child(syntax.FLeft), s, kind, syntax.Node{})
	case p.Is(syntax.KPairPattern):
		f.declarePattern(p.Child(syntax.FValue), s, kind, syntax.Node{})
	case p.Is(syntax.KRestPattern):
		f.declarePattern(p.NamedChild(0), s, kind, syntax.Node{})
	case p.Is(syntax.KObjectPattern, syntax.KArrayPattern):
		for _, c := range p.NamedChildren() {
			f.declarePattern(c, s, kind, syntax.Node{})
		}
	}
}

// ScopeAt returns the innermost scope containing n.
func (f *File) ScopeAt(n syntax.Node) *Scope {
	for m := n; !m.IsNil(); m = m.Parent() {
		if s, ok := f.scopes[m.ID()]; ok {
			return s
		}
	}
	return f.Module
}

// Resolve returns the binding an identifier refers to, or nil for globals
// and unresolved names.
func (f *File) Resolve(id syntax.Node) *Binding {
	if id.IsNil() {
		return nil
	}
	return f.ScopeAt(id).Lookup(id.Text())
}

// References returns the identifiers that refer to b, in source order,
// excluding its declaration.
func (f *File) References(b *Binding) []syntax.Node {
	if b == nil || b.Scope == nil {
		return nil
	}
	var out []syntax.Node
	b.Scope.Node.Walk(func(n syntax.Node) bool {
		if n.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier) && n.Text() == b.Name && n != b.Decl && f.Resolve(n) == b {
			out = append(out, n)
		}
		return true
	})
	return out
}

// Referenced reports whether the variable declared by id is read
// anywhere in its scope; an identifier that declares nothing counts as
// read.
func (f *File) Referenced(id syntax.Node) bool {
	b := f.Resolve(id)
	if b == nil {
		return true
	}
	used := false
	b.Scope.Node.Walk(func(n syntax.Node) bool {
		if used {
			return false
		}
		if n.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier) && n != id && n.Text() == b.Name && f.Resolve(n) == b {
			used = true
		}
		return true
	})
	return used
}
