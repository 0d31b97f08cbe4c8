package sem

import (
	"strings"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// Kinds of TypeScript type syntax the type lookups read.
var (
	kFunctionType          = syntax.Intern("function_type")
	kPropertySignature     = syntax.Intern("property_signature")
	kInterfaceBody         = syntax.Intern("interface_body")
	kObjectType            = syntax.Intern("object_type")
	kClassHeritage         = syntax.Intern("class_heritage")
	kExtendsClause         = syntax.Intern("extends_clause")
	kExtendsTypeClause     = syntax.Intern("extends_type_clause")
	kAccessibilityModifier = syntax.Intern("accessibility_modifier")
	kReadonly              = syntax.Intern("readonly")
)

// PromiseSource says why a call returns a promise and where that is
// declared.
type PromiseSource struct {
	// File and Decl locate the declaration: a function or method, an
	// interface method signature, or a field or parameter typed as a
	// function returning a promise. Both are unset for library APIs.
	File *File
	Decl syntax.Node
	// Func is the called function when Decl is one.
	Func *Func
	// API names the library or global for known promise APIs
	// ("fs/promises", "fetch", "axios").
	API string
}

// PromiseCallee reports whether a call (not a .then/.catch/.finally chain)
// returns a promise because of what it calls, and where that is declared: a
// project function that returns a promise (async, a Promise<T> return type,
// or returning a promise), resolved across files; a method or function
// typed to return a promise (an interface signature, a field or parameter
// of function type, a property of a declared class or interface type); a
// function made by util.promisify; or a known promise API.
func (p *Project) PromiseCallee(f *File, call syntax.Node) (PromiseSource, bool) {
	callee := call.Child(syntax.FFunction).Unparen()
	if isFunction(callee) {
		fn := f.FuncOf(callee)
		return PromiseSource{File: f, Decl: callee, Func: fn}, fn != nil && fn.ReturnsPromise
	}
	if tf, fn := p.ResolveCall(f, call); fn != nil {
		return PromiseSource{File: tf, Decl: fn.Node, Func: fn}, fn.ReturnsPromise
	}
	if tf, decl := p.typedValue(f, callee, 0); !decl.IsNil() {
		if promiseSignature(decl) {
			return PromiseSource{File: tf, Decl: decl}, true
		}
		return PromiseSource{}, false
	}
	if promisified(f, callee) {
		return PromiseSource{File: f, Decl: callee}, true
	}
	chain, method := models.Callee(call)
	if typ := f.LibraryTypeOf(models.Receiver(call)); typ != "" && models.LibraryMethodReturnsPromise(typ, method) {
		return PromiseSource{API: typ + "." + method}, true
	}
	if root := rootOf(callee); root.Is(syntax.KIdentifier) && len(chain) == 1 {
		// client.get() with const client = axios.create(), here or in
		// the project module client is imported from.
		if spec := f.instanceModule(f.Resolve(root), 0); spec != "" && models.IsPromiseImport(chain, method, spec, "*") {
			return PromiseSource{API: spec}, true
		}
	}
	imp := rootImport(f, callee)
	spec, name := "", "*"
	if imp != nil {
		spec, name = imp.Spec, imp.Name
	} else if root := rootOf(callee); root.Is(syntax.KIdentifier) && f.Resolve(root) != nil {
		return PromiseSource{}, false // a local variable, not the global it may shadow
	}
	if models.IsPromiseImport(chain, method, spec, name) {
		if models.CallbackForm(spec) && f.lastArgIsFunction(call) {
			return PromiseSource{}, false // fse.move(a, b, (err) => ...): the callback form
		}
		api := spec
		if api == "" {
			api = strings.Join(append(chain, method), ".")
		}
		return PromiseSource{API: api}, true
	}
	return PromiseSource{}, false
}

// TimerPromise reports a call of a timer that returns a promise and is
// given no signal (models.TimerPromiseOptions: await setTimeout(ms) of
// timers/promises, also through a namespace import): it resolves after the
// delay and cannot reject. An options argument that is not an object
// literal without a signal may carry one.
func (f *File) TimerPromise(call syntax.Node) bool {
	imp := rootImport(f, call.Child(syntax.FFunction).Unparen())
	if imp == nil {
		return false
	}
	chain, m := models.Callee(call)
	name := imp.Name
	switch {
	case name == "*" && len(chain) == 1:
		name = m
	case len(chain) != 0:
		return false
	}
	opts, ok := models.TimerPromiseOptions(imp.Spec, name)
	if !ok {
		return false
	}
	args := models.Args(call)
	if opts >= len(args) {
		return true
	}
	o := args[opts].Unparen()
	if !o.Is(syntax.KObject) {
		return false
	}
	for _, p := range o.NamedChildren() {
		if !p.Is(syntax.KPair) || p.Child(syntax.FKey).Text() == "signal" {
			return false
		}
	}
	return true
}

// ResolveValue returns the project function an expression evaluates to
// (a function literal, a name bound to a function, an imported function, a
// method reached through this or a declared type), when it can be known.
func (p *Project) ResolveValue(f *File, e syntax.Node) (*File, *Func) {
	return p.resolveValue(f, e, 0)
}

// rootOf returns the innermost object of a member chain.
func rootOf(e syntax.Node) syntax.Node {
	e = e.Unparen()
	for e.Is(syntax.KMemberExpression) {
		e = e.Child(syntax.FObject).Unparen()
	}
	return e
}

// rootImport returns the import the root of a callee was bound by.
func rootImport(f *File, callee syntax.Node) *Import {
	root := rootOf(callee)
	if !root.Is(syntax.KIdentifier) {
		return nil
	}
	if b := f.Resolve(root); b != nil {
		return b.Import
	}
	return nil
}

// promisified reports whether a name is bound to util.promisify(...).
func promisified(f *File, callee syntax.Node) bool {
	if !callee.Is(syntax.KIdentifier) {
		return false
	}
	b := f.Resolve(callee)
	if b == nil || b.Init.IsNil() || b.Init == b.Decl {
		return false
	}
	init := b.Init.Unparen()
	if !init.Is(syntax.KCallExpression) {
		return false
	}
	m := models.Method(init)
	return m == "promisify"
}

// typeIsPromise reports whether a type node is Promise<...> or PromiseLike<...>.
func typeIsPromise(t syntax.Node) bool {
	if t.Is(syntax.KTypeAnnotation) {
		t = t.NamedChild(0)
	}
	switch {
	case t.Is(syntax.KGenericType):
		name := t.Child(syntax.FName).Text()
		return name == "Promise" || name == "PromiseLike"
	case t.Is(syntax.KTypeIdentifier):
		return t.Text() == "Promise"
	}
	return false
}

// promiseSignature reports whether calling a declaration returns a
// promise: a method signature with a Promise return type, or a field,
// property or parameter whose type is a function returning a promise.
func promiseSignature(decl syntax.Node) bool {
	if rt := decl.Child(syntax.FReturnType); !rt.IsNil() {
		return typeIsPromise(rt)
	}
	t := typeOfDecl(decl)
	if t.Is(kFunctionType) {
		return typeIsPromise(t.Child(syntax.FReturnType))
	}
	return false
}

// typeOfDecl returns the declared type of a field, property signature,
// parameter or variable declarator (without the colon), or no node.
func typeOfDecl(decl syntax.Node) syntax.Node {
	t := decl.Child(syntax.FType)
	if t.Is(syntax.KTypeAnnotation) {
		t = t.NamedChild(0)
	}
	for t.Is(syntax.KParenthesizedExpression) || t.Kind() == kParenthesizedType {
		t = t.NamedChild(0)
	}
	return t
}

var kParenthesizedType = syntax.Intern("parenthesized_type")

// typedValue finds the typed declaration an expression refers to when the
// expression itself is not a known function: a parameter or variable with a
// type annotation, a class field or constructor parameter property reached
// through this, or a member of a declared class or interface type.
func (p *Project) typedValue(f *File, e syntax.Node, depth int) (*File, syntax.Node) {
	if f == nil || depth > 8 {
		return nil, syntax.Node{}
	}
	e = e.Unparen()
	switch {
	case e.Is(syntax.KIdentifier):
		b := f.Resolve(e)
		if b == nil || b.Import != nil {
			return nil, syntax.Node{}
		}
		d := b.Decl.Parent()
		if d.Is(syntax.KRequiredParameter, syntax.KOptionalParameter, syntax.KVariableDeclarator) && !d.Child(syntax.FType).IsNil() {
			return f, d
		}
		// A destructured parameter: function Editor({ onSave }: Props).
		key := b.Name
		if d.Is(syntax.KPairPattern) {
			key = strings.Trim(d.Child(syntax.FKey).Text(), `"'`)
			d = d.Parent()
		}
		if d.Is(syntax.KObjectPattern) {
			if prm := d.Parent(); prm.Is(syntax.KRequiredParameter, syntax.KOptionalParameter) && prm.Child(syntax.FPattern) == d {
				return p.memberOfType(f, typeOfDecl(prm), key)
			}
		}
	case e.Is(syntax.KMemberExpression):
		obj := e.Child(syntax.FObject).Unparen()
		name := e.Child(syntax.FProperty).Text()
		var tf *File
		var decl syntax.Node
		if obj.Is(syntax.KThis) {
			tf, decl = f, enclosingClass(e)
		} else {
			tf, decl = p.typeOfValue(f, obj, depth+1)
		}
		if decl.IsNil() {
			return nil, syntax.Node{}
		}
		return p.memberOf(tf, decl, name, 0)
	}
	return nil, syntax.Node{}
}

// enclosingClass returns the class declaration whose body contains n.
func enclosingClass(n syntax.Node) syntax.Node {
	if body := n.Ancestor(syntax.KClassBody); !body.IsNil() {
		return body.Parent()
	}
	return syntax.Node{}
}

// typeOfValue returns the class, interface or object type declaration that
// an expression's declared type names.
func (p *Project) typeOfValue(f *File, e syntax.Node, depth int) (*File, syntax.Node) {
	e = e.Unparen()
	if e.Is(syntax.KThis) {
		return f, enclosingClass(e)
	}
	if e.Is(syntax.KIdentifier) {
		b := f.Resolve(e)
		if b == nil {
			return nil, syntax.Node{}
		}
		if b.Import != nil {
			return p.importedType(f, b, depth)
		}
		if b.Kind == BClass {
			return nil, syntax.Node{} // static members are not instance members
		}
		d := b.Decl.Parent()
		if d.Is(syntax.KVariableDeclarator) && d.Child(syntax.FType).IsNil() {
			if v := d.Child(syntax.FValue).Unparen(); v.Is(syntax.KNewExpression) {
				return p.typeDecl(f, v.Child(syntax.FConstructor))
			}
			return nil, syntax.Node{}
		}
		if !d.Is(syntax.KRequiredParameter, syntax.KOptionalParameter, syntax.KVariableDeclarator) {
			return nil, syntax.Node{}
		}
		return p.typeDecl(f, typeOfDecl(d))
	}
	switch {
	case e.Is(syntax.KNewExpression):
		return p.typeDecl(f, e.Child(syntax.FConstructor))
	case e.Is(syntax.KCallExpression) && depth <= 8:
		// getRepository().find(): the type a project function that is not
		// async returns.
		if cf, fn := p.resolveValue(f, e.Child(syntax.FFunction), depth+1); fn != nil && !fn.Async && !fn.Generator {
			return p.getterType(cf, fn.Node, depth+1)
		}
		return nil, syntax.Node{}
	}
	tf, decl := p.typedValue(f, e, depth+1)
	if decl.IsNil() {
		return nil, syntax.Node{}
	}
	if t := typeOfDecl(decl); !t.IsNil() {
		return p.typeDecl(tf, t)
	}
	if v := decl.Child(syntax.FValue).Unparen(); v.Is(syntax.KNewExpression) {
		return p.typeDecl(tf, v.Child(syntax.FConstructor))
	}
	if decl.Is(syntax.KMethodDefinition) && decl.HasToken("get") {
		return p.getterType(tf, decl, depth)
	}
	return nil, syntax.Node{}
}

// importedType returns the class of the instance an import binds: the
// module exports one object made by new (export default new Cache(),
// export const cache = new Cache(), module.exports = new Cache()), so
// cache.get() is Cache.get. A class or function the module exports is not
// an instance and has no such type.
func (p *Project) importedType(f *File, b *Binding, depth int) (*File, syntax.Node) {
	if depth > 8 {
		return nil, syntax.Node{}
	}
	ef, ex := p.importedExport(f, b)
	if ex == nil || ex.Value.IsNil() || isFunction(ex.Value) || ex.Value.Is(syntax.KClassDeclaration, syntax.KAbstractClassDeclaration, syntax.KClass) {
		return nil, syntax.Node{}
	}
	return p.typeOfValue(ef, ex.Value, depth+1)
}

// getterType returns the type a getter returns: its declared return type,
// or the type of the one value it returns (get db() { return this.app.db }).
func (p *Project) getterType(f *File, getter syntax.Node, depth int) (*File, syntax.Node) {
	if t := getter.Child(syntax.FReturnType); !t.IsNil() {
		if t.Is(syntax.KTypeAnnotation) {
			t = t.NamedChild(0)
		}
		return p.typeDecl(f, t)
	}
	fn := f.FuncOf(getter)
	if fn == nil || len(fn.Returns) != 1 || depth > 8 {
		return nil, syntax.Node{}
	}
	return p.typeOfValue(f, fn.Returns[0], depth+1)
}

// typeDecl resolves a type reference (Name, Name<Args>, or a class
// identifier in new Name()) to the class, interface or object type alias
// it names, here or in an imported project file.
func (p *Project) typeDecl(f *File, t syntax.Node) (*File, syntax.Node) {
	if t.Is(syntax.KGenericType) {
		t = t.Child(syntax.FName)
	}
	if !t.Is(syntax.KTypeIdentifier, syntax.KIdentifier) {
		return nil, syntax.Node{}
	}
	return p.namedType(f, t.Text(), 0)
}

func (p *Project) namedType(f *File, name string, depth int) (*File, syntax.Node) {
	if f == nil || depth > 8 {
		return nil, syntax.Node{}
	}
	if d := localType(f, name); !d.IsNil() {
		return f, d
	}
	b := f.Module.Lookup(name)
	if b == nil || b.Import == nil || p == nil {
		return nil, syntax.Node{}
	}
	tf := p.ResolveSpec(f, b.Import.Spec)
	ef, ex := p.ResolveExport(tf, b.Import.Name)
	if ex == nil {
		return nil, syntax.Node{}
	}
	v := ex.Value.Unparen()
	switch {
	case isTypeDecl(v):
		return ef, v
	case v.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier, syntax.KTypeIdentifier):
		return p.namedType(ef, v.Text(), depth+1)
	}
	return nil, syntax.Node{}
}

func isTypeDecl(n syntax.Node) bool {
	return n.Is(syntax.KClassDeclaration, syntax.KAbstractClassDeclaration, syntax.KClass, syntax.KInterfaceDeclaration, syntax.KTypeAliasDeclaration)
}

// localType finds a class, interface or type alias declared at the top
// level of f.
func localType(f *File, name string) syntax.Node {
	for c := f.Root().FirstChild(); !c.IsNil(); c = c.NextSibling() {
		d := c
		if d.Is(syntax.KExportStatement) {
			d = d.Child(syntax.FDeclaration)
		}
		if isTypeDecl(d) && d.Child(syntax.FName).Text() == name {
			return d
		}
	}
	return syntax.Node{}
}

// memberOf finds member name of a class, interface or object type alias,
// following extends clauses: a method, method signature, field, property
// signature, or constructor parameter property.
func (p *Project) memberOf(f *File, decl syntax.Node, name string, depth int) (*File, syntax.Node) {
	if f == nil || depth > 8 {
		return nil, syntax.Node{}
	}
	body := decl.Child(syntax.FBody)
	if decl.Is(syntax.KTypeAliasDeclaration) {
		body = decl.Child(syntax.FValue)
	}
	if !body.Is(syntax.KClassBody, kInterfaceBody, kObjectType) {
		return nil, syntax.Node{}
	}
	for _, m := range body.NamedChildren() {
		switch {
		case m.Is(syntax.KMethodDefinition) && m.Child(syntax.FName).Text() == "constructor":
			if pp := parameterProperty(m, name); !pp.IsNil() {
				return f, pp
			}
		case m.Is(syntax.KMethodDefinition, syntax.KMethodSignature, syntax.KAbstractMethodSignature, kPropertySignature,
			syntax.KPublicFieldDefinition, syntax.KFieldDefinition):
			if m.Child(syntax.FName).Text() == name {
				return f, m
			}
		}
	}
	for _, c := range decl.NamedChildren() {
		var supers []syntax.Node
		switch {
		case c.Is(kClassHeritage):
			if ext := c.ChildOfKind(kExtendsClause); !ext.IsNil() {
				supers = append(supers, ext.Child(syntax.FValue))
			}
		case c.Is(kExtendsTypeClause):
			supers = c.NamedChildren()
		}
		for _, s := range supers {
			if sf, sd := p.typeDecl(f, s); !sd.IsNil() {
				if mf, m := p.memberOf(sf, sd, name, depth+1); !m.IsNil() {
					return mf, m
				}
			}
		}
	}
	return nil, syntax.Node{}
}

// memberOfType finds member name of a type: an inline object type
// ({ onSave: () => Promise<void> }) or a named class, interface or alias.
func (p *Project) memberOfType(f *File, t syntax.Node, name string) (*File, syntax.Node) {
	if t.Is(kObjectType) {
		for _, m := range t.NamedChildren() {
			if m.Is(kPropertySignature, syntax.KMethodSignature) && m.Child(syntax.FName).Text() == name {
				return f, m
			}
		}
		return nil, syntax.Node{}
	}
	tf, decl := p.typeDecl(f, t)
	if decl.IsNil() {
		return nil, syntax.Node{}
	}
	return p.memberOf(tf, decl, name, 0)
}

// parameterProperty returns the constructor parameter that declares field
// name (constructor(private readonly name: T)).
func parameterProperty(ctor syntax.Node, name string) syntax.Node {
	ps := ctor.Child(syntax.FParameters)
	for _, prm := range ps.NamedChildren() {
		if !prm.Is(syntax.KRequiredParameter, syntax.KOptionalParameter) {
			continue
		}
		if prm.ChildOfKind(kAccessibilityModifier).IsNil() && !prm.HasToken("readonly") && prm.ChildOfKind(kReadonly).IsNil() {
			continue
		}
		if pat := prm.Child(syntax.FPattern); pat.Is(syntax.KIdentifier) && pat.Text() == name {
			return prm
		}
	}
	return syntax.Node{}
}

// typedMethod resolves obj.name() through declared types to a method with
// a body, for resolveValue.
func (p *Project) typedMethod(f *File, e syntax.Node, depth int) (*File, *Func) {
	tf, decl := p.typedValue(f, e, depth)
	if decl.IsNil() {
		return nil, nil
	}
	switch {
	case decl.Is(syntax.KMethodDefinition):
		return tf, tf.FuncOf(decl)
	case decl.Is(syntax.KPublicFieldDefinition, syntax.KFieldDefinition):
		if v := decl.Child(syntax.FValue).Unparen(); isFunction(v) {
			return tf, tf.FuncOf(v)
		}
	}
	return nil, nil
}

// PromiseUse returns a place, other than at, where the variable v is
// used as a promise: awaited or given a rejection handler
// (v.then(ok, fail), v.catch(...)) by preference, else tested with
// v instanceof Promise.
// It is evidence that v holds a promise when its origin is unknown (a
// callback's result), or no node.
func (f *File) PromiseUse(v, at syntax.Node) syntax.Node {
	b := f.Resolve(v)
	if b == nil || b.Scope == nil {
		return syntax.Node{}
	}
	var use, handled syntax.Node
	b.Scope.Node.Walk(func(n syntax.Node) bool {
		if !handled.IsNil() {
			return false
		}
		if !n.Is(syntax.KIdentifier) || n.Text() != b.Name || at.Contains(n) || f.Resolve(n) != b {
			return true
		}
		par := n.Parent()
		for par.Is(syntax.KParenthesizedExpression, syntax.KAsExpression, syntax.KNonNullExpression) {
			par = par.Parent()
		}
		switch {
		case par.Is(syntax.KAwaitExpression):
			handled = par
		case par.Is(syntax.KBinaryExpression) && par.Operator() == "instanceof" && par.Child(syntax.FRight).Text() == "Promise":
			if use.IsNil() {
				use = par
			}
		case par.Is(syntax.KMemberExpression) && par.Parent().Is(syntax.KCallExpression):
			call := par.Parent()
			switch m := par.Child(syntax.FProperty).Text(); {
			case m == "catch", m == "then" && len(models.Args(call)) >= 2:
				handled = call
			}
		}
		return true
	})
	if !handled.IsNil() {
		return handled
	}
	return use
}

// LibraryType returns the library type a variable is declared with
// (let client: PoolClient | null, with PoolClient imported from "pg"),
// following one plain alias (const c = client): the module and the type
// name, or "" when it is not known. A type declared in the project is
// no library's, unless it is a class that extends one (libraryOrigin).
func (f *File) LibraryType(e syntax.Node) (spec, name string) {
	for step := 0; step < 2; step++ {
		e = e.Unparen()
		if e.Is(syntax.KMemberExpression) && e.Child(syntax.FObject).Unparen().Is(syntax.KThis) {
			return f.fieldLibraryType(e)
		}
		if !e.Is(syntax.KIdentifier) {
			return "", ""
		}
		b := f.Resolve(e)
		if b == nil {
			return "", ""
		}
		decl := b.Decl.Parent()
		if t := typeOfDecl(decl); !t.IsNil() {
			return f.importedType(t)
		}
		if b.Init.IsNil() || b.Init == b.Decl {
			return "", ""
		}
		if spec, name := newOfImported(f, b.Init); spec != "" {
			return spec, name // const queue = new Queue("mail")
		}
		e = b.Init
	}
	return "", ""
}

// newOfImported returns the library class a new expression constructs,
// when the class is imported from a package.
func newOfImported(f *File, v syntax.Node) (spec, name string) {
	v = v.Unparen()
	if !v.Is(syntax.KNewExpression) {
		return "", ""
	}
	ctor := v.Child(syntax.FConstructor)
	if !ctor.Is(syntax.KIdentifier) {
		return "", ""
	}
	b := f.Resolve(ctor)
	if b == nil || b.Import == nil || !f.PackageSpec(b.Import.Spec) {
		return "", ""
	}
	return b.Import.Spec, b.ImportedName()
}

// fieldLibraryType is LibraryType for this.field: the field's declared
// type, or the library class it is constructed from.
func (f *File) fieldLibraryType(m syntax.Node) (spec, name string) {
	body := m.Ancestor(syntax.KClassBody)
	FieldHolds(body, m.Child(syntax.FProperty).Text(),
		func(t syntax.Node) bool {
			spec, name = f.importedType(t)
			return spec != ""
		},
		func(v syntax.Node) bool {
			spec, name = newOfImported(f, v)
			return spec != ""
		})
	return spec, name
}

// importedType resolves a type node (T, T | null, T<...>) to the module
// and name it is imported as.
func (f *File) importedType(t syntax.Node) (string, string) {
	for _, n := range typeNames(t) {
		if n.Is(syntax.KNestedTypeIdentifier) {
			if s, name := f.namespaceType(n); s != "" {
				return s, name
			}
			continue
		}
		if b := f.Module.Lookup(n.Text()); b != nil && b.Import != nil {
			if s, name := f.libraryOrigin(b, 0); s != "" {
				return s, name
			}
		}
	}
	return "", ""
}

// typeNames returns the named types a type node stands for, in order: T
// for T and T<...>, each member of a union, through a type annotation; a
// qualified name (auth.User) is one of them.
func typeNames(t syntax.Node) []syntax.Node {
	if t.Is(syntax.KTypeAnnotation) {
		t = t.NamedChild(0)
	}
	if t.Is(syntax.KUnionType) {
		var out []syntax.Node
		for _, c := range t.NamedChildren() {
			out = append(out, typeNames(c)...)
		}
		return out
	}
	if t.Is(syntax.KGenericType) {
		t = t.NamedChild(0)
	}
	if t.Is(syntax.KTypeIdentifier, syntax.KNestedTypeIdentifier) {
		return []syntax.Node{t}
	}
	return nil
}

// namespaceType resolves a qualified type (auth.User) whose qualifier is
// imported from a package (import * as auth from "firebase/auth", a
// default import, or a namespace the package exports by name) to that
// package and the type's name.
func (f *File) namespaceType(t syntax.Node) (string, string) {
	mod := t.Child(syntax.FModule)
	if !mod.Is(syntax.KIdentifier) {
		return "", "" // a.b.C: a namespace inside the module
	}
	b := f.Module.Lookup(mod.Text())
	if b == nil || b.Import == nil || !f.PackageSpec(b.Import.Spec) {
		return "", ""
	}
	return b.Import.Spec, t.Child(syntax.FName).Text()
}

// libraryOrigin returns the package and name an imported type comes
// from. A class of the project is not a library's; one that extends a
// library's class is of that library (class PrismaService extends
// PrismaClient is @prisma/client's PrismaClient), followed a few classes
// up.
func (f *File) libraryOrigin(b *Binding, depth int) (string, string) {
	spec := b.Import.Spec
	p := f.project
	if p == nil || f.PackageSpec(spec) {
		return spec, b.ImportedName() // a package
	}
	if depth > 3 {
		return "", ""
	}
	tf, decl := p.namedType(f, b.Name, 0)
	if decl.IsNil() || !decl.Is(syntax.KClassDeclaration, syntax.KAbstractClassDeclaration, syntax.KClass) {
		return "", ""
	}
	if sup := superclass(decl); sup.Is(syntax.KIdentifier) {
		if sb := tf.Module.Lookup(sup.Text()); sb != nil && sb.Import != nil {
			return tf.libraryOrigin(sb, depth+1)
		}
	}
	return "", ""
}

// isRelativeSpec reports a module specifier that names a file: ./x, ../x,
// /x.
func isRelativeSpec(spec string) bool {
	return strings.HasPrefix(spec, ".") || strings.HasPrefix(spec, "/")
}

// PackageSpec reports a module specifier in f that names a package: not
// a file path, and not an import that resolves to a project file through
// tsconfig paths or baseUrl, package.json imports or a workspace package
// (import prisma from "@/lib/db" is the project's own module).
func (f *File) PackageSpec(spec string) bool {
	if spec == "" || isRelativeSpec(spec) {
		return false
	}
	return f.project == nil || f.project.ResolveSpec(f, spec) == nil
}

// LibraryTypeOf is LibraryType as "module.Type", or "".
func (f *File) LibraryTypeOf(e syntax.Node) string {
	spec, name := f.LibraryType(e)
	if spec == "" {
		return ""
	}
	return strings.TrimPrefix(spec, "node:") + "." + name
}

// ChainParent returns the .then/.catch/.finally call made on v's value.
func ChainParent(v syntax.Node) syntax.Node {
	par := v.Parent()
	for par.Is(syntax.KParenthesizedExpression, syntax.KAsExpression, syntax.KNonNullExpression, syntax.KSatisfiesExpression) {
		v, par = par, par.Parent()
	}
	if !par.Is(syntax.KMemberExpression) || v.Field() != syntax.FObject {
		return syntax.Node{}
	}
	switch par.Child(syntax.FProperty).Text() {
	case "then", "catch", "finally":
		if gp := par.Parent(); gp.Is(syntax.KCallExpression) && gp.Child(syntax.FFunction) == par {
			return gp
		}
	}
	return syntax.Node{}
}

// ChainLinks splits a call into its trailing .then/.catch/.finally calls
// (outermost first) and the expression they start from.
func ChainLinks(n syntax.Node) ([]syntax.Node, syntax.Node) {
	var links []syntax.Node
	cur := n
	for cur.Is(syntax.KCallExpression) {
		fn := cur.Child(syntax.FFunction).Unparen()
		if !fn.Is(syntax.KMemberExpression) {
			break
		}
		switch fn.Child(syntax.FProperty).Text() {
		case "then", "catch", "finally":
			links = append(links, cur)
			cur = fn.Child(syntax.FObject).Unparen()
			continue
		}
		break
	}
	return links, cur
}

// PromiseNeverRejects reports new Promise(executor) whose executor takes no
// reject parameter, or takes one and never mentions it
// (new Promise((resolve, reject) => { done = resolve })), and does not
// throw.
func PromiseNeverRejects(n syntax.Node) bool {
	if n.Child(syntax.FConstructor).Text() != "Promise" {
		return false
	}
	args := models.Args(n)
	if len(args) != 1 || !isFunction(args[0].Unparen()) {
		return false
	}
	ex := args[0].Unparen()
	ps := ex.Child(syntax.FParameters)
	if ps.IsNil() {
		return true // r => setTimeout(r, ms)
	}
	params := ps.NamedChildren()
	if len(params) <= 1 {
		return true
	}
	reject := params[1]
	if p := reject.Child(syntax.FPattern); !p.IsNil() {
		reject = p // (resolve, reject: (e: Error) => void)
	}
	if len(params) > 2 || !reject.Is(syntax.KIdentifier) {
		return false
	}
	used := false
	ex.Child(syntax.FBody).Walk(func(m syntax.Node) bool {
		used = used || m.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier) && (m.Text() == reject.Text() || m.Text() == "arguments")
		return !used
	})
	return !used
}

// lastArgIsFunction reports whether a call's last argument is a function:
// a function literal, a name bound to one or a parameter named like a
// callback, or a call that wraps one and returns the callback to use
// (w(function (e) {...}), once(cb), handler.bind(this)).
func (f *File) lastArgIsFunction(call syntax.Node) bool {
	args := models.Args(call)
	return len(args) > 0 && f.isFunctionValue(args[len(args)-1], 0)
}

func (f *File) isFunctionValue(e syntax.Node, depth int) bool {
	e = e.Unparen()
	switch {
	case isFunction(e):
		return true
	case e.Is(syntax.KIdentifier):
		b := f.Resolve(e)
		if b == nil {
			return false
		}
		if b.Kind == BParam {
			return models.CallbackNames[b.Name]
		}
		init := b.Init.Unparen()
		return b.Kind == BFunction || isFunction(init) || init.Is(syntax.KCallExpression) && f.isFunctionValue(init, depth+1)
	case e.Is(syntax.KCallExpression) && depth < 3:
		if m := models.Method(e); m == "bind" {
			return true
		}
		args := models.Args(e)
		return len(args) > 0 && f.isFunctionValue(args[len(args)-1], depth+1)
	}
	return false
}

// CombinatorOfElement returns the Promise.all, allSettled, race or any
// call when e is a plain element of the array literal given to it
// (Promise.all([pending, other])), or no node. The combinator takes such
// an element as one value: an array of promises there is not a promise,
// so it waits for none of them and sees none of their rejections.
func CombinatorOfElement(e syntax.Node) syntax.Node {
	n := e
	for n.Parent().Is(syntax.KParenthesizedExpression) {
		n = n.Parent()
	}
	arr := n.Parent()
	if !arr.Is(syntax.KArray) {
		return syntax.Node{}
	}
	for arr.Parent().Is(syntax.KParenthesizedExpression) {
		arr = arr.Parent()
	}
	args := arr.Parent()
	if !args.Is(syntax.KArguments) {
		return syntax.Node{}
	}
	call := args.Parent()
	if a := models.Args(call); len(a) == 0 || a[0].Unparen() != arr.Unparen() {
		return syntax.Node{}
	}
	if _, st, ok := models.PromiseStaticCall(call); ok && st.Joins {
		return call
	}
	return syntax.Node{}
}
