package sem

import (
	"strings"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// This file follows values a function is handed by its callers: which
// parameter (and property below it) an expression inside the function
// stands for, where the matching argument is at a call site, and how the
// function changes a record it was handed before writing it.

// ParamRef is a value inside a function that comes from one of its
// parameters: the argument index and the property path below it
// (["user", "sessions"] for user.sessions of a destructured { user }).
type ParamRef struct {
	Index int
	Path  []string
}

// Same reports whether two references name the same parameter value.
func (r ParamRef) Same(o ParamRef) bool {
	return r.Index == o.Index && strings.Join(r.Path, ".") == strings.Join(o.Path, ".")
}

// Last returns the last property of the path, or "".
func (r ParamRef) Last() string {
	if len(r.Path) == 0 {
		return ""
	}
	return r.Path[len(r.Path)-1]
}

// ParamOf returns the parameter value expression e is: a parameter, a
// name destructured from one, and member accesses on them.
func (f *File) ParamOf(fn *Func, e syntax.Node) (ParamRef, bool) {
	e = e.Unparen()
	var props []string
	for e.Is(syntax.KMemberExpression) {
		props = append([]string{e.Child(syntax.FProperty).Text()}, props...)
		e = e.Child(syntax.FObject).Unparen()
	}
	if !e.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier) {
		return ParamRef{}, false
	}
	b := f.Resolve(e)
	if b == nil || b.Kind != BParam {
		return ParamRef{}, false
	}
	for i, p := range fn.Params() {
		if b.Decl.Start() < p.Start() || b.Decl.End() > p.End() {
			continue
		}
		if fn.ParamName(i) == b.Name {
			return ParamRef{i, props}, true
		}
		if !b.Decl.Is(syntax.KShorthandPropertyIdentifierPattern) && !b.Decl.Parent().Is(syntax.KPairPattern) {
			return ParamRef{}, false // a default, rest or nested pattern
		}
		return ParamRef{i, append([]string{patternKey(b.Decl)}, props...)}, true
	}
	return ParamRef{}, false
}

// ParamNodes returns the outermost expressions inside n (outside nested
// functions) that are parameter values of fn.
func (f *File) ParamNodes(fn *Func, n syntax.Node) []syntax.Node {
	var out []syntax.Node
	n.Walk(func(m syntax.Node) bool {
		if isFunction(m) {
			return false
		}
		if m.Is(syntax.KMemberExpression, syntax.KIdentifier, syntax.KShorthandPropertyIdentifier) {
			if _, ok := f.ParamOf(fn, m); ok {
				out = append(out, m)
				return false
			}
		}
		return true
	})
	return out
}

// ArgAt follows a parameter reference into a call's arguments: through
// the object literal properties it names, returning the argument and the
// member path left over ({ user } and ["sessions"] for user.sessions of a
// destructured { user }). It returns no node when the argument is missing.
func ArgAt(args []syntax.Node, r ParamRef) (syntax.Node, []string) {
	if r.Index >= len(args) {
		return syntax.Node{}, nil
	}
	n := args[r.Index]
	path := r.Path
	for len(path) > 0 && n.Unparen().Is(syntax.KObject) {
		n = models.ObjectProp(n, path[0])
		path = path[1:]
		if n.IsNil() {
			return n, nil
		}
	}
	return n, path
}

// CallSite is a call of a function, in the file that makes it.
type CallSite struct {
	File *File
	Call syntax.Node
}

// CallSites returns the awaited or returned calls of fn (declared in f)
// by its name in project files, in file order.
func (p *Project) CallSites(f *File, fn *Func) []CallSite {
	var out []CallSite
	p.walkMentions(f, fn, []syntax.Kind{syntax.KCallExpression}, func(cf *File, name string, n syntax.Node) bool {
		if n.Is(syntax.KCallExpression) && awaitedOrReturned(n) {
			if m := models.Method(n); m == name {
				if tf, tfn := p.ResolveCall(cf, n); tf == f && tfn == fn {
					out = append(out, CallSite{cf, n})
				}
			}
		}
		return false
	})
	return out
}

// walkMentions visits, in f and the project files that import it, every
// node of one of kinds in each file whose source mentions fn's name (its
// last part for methods), with that name, until visit returns true; it
// reports whether one did. Callers confirm a match by resolution.
func (p *Project) walkMentions(f *File, fn *Func, kinds []syntax.Kind, visit func(cf *File, name string, n syntax.Node) bool) bool {
	name := lastSegment(fn.Name)
	if p == nil || name == "" {
		return false
	}
	for _, cf := range p.Importers(f) {
		if eachMention(cf, name, kinds, func(n syntax.Node) bool { return !visit(cf, name, n) }) {
			return true
		}
	}
	return false
}

// eachMention calls fn, in source order, for the nodes of one of kinds in
// a file whose source mentions name, until fn returns false; it reports
// whether fn stopped it. For kinds of names (identifiers), it visits only
// the nodes whose text is name, found where the name occurs in the
// source; for larger nodes, every node of the kinds.
func eachMention(f *File, name string, kinds []syntax.Kind, fn func(syntax.Node) bool) bool {
	src := f.Tree.Src
	if !strings.Contains(src, name) {
		return false
	}
	for _, k := range kinds {
		if k != syntax.KIdentifier && k != syntax.KPropertyIdentifier && k != syntax.KShorthandPropertyIdentifier {
			// Nodes larger than the name: walk them all.
			stopped := false
			f.Root().EachOf(func(n syntax.Node) bool {
				stopped = !fn(n)
				return !stopped
			}, kinds...)
			return stopped
		}
	}
	for off := 0; ; {
		i := strings.Index(src[off:], name)
		if i < 0 {
			return false
		}
		at := off + i
		off = at + len(name)
		if at > 0 && identByte(src[at-1]) || off < len(src) && identByte(src[off]) {
			continue // part of a longer name
		}
		if !f.Tree.EachSpan(uint32(at), uint32(off), kinds, fn) {
			return true
		}
	}
}

// identByte reports a byte that can continue an identifier (any byte of a
// multi-byte character counts).
func identByte(b byte) bool {
	return b == '_' || b == '$' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= 0x80
}

// mutators change an array in place.
var mutators = map[string]bool{"push": true, "unshift": true, "splice": true, "pop": true, "shift": true}

// OwnChanges lists the fields of the record rec names that fn changes
// from their own old values before node before: rec.f = g(rec.f),
// rec.f += x, and, with inPlace, rec.f.push(x).
func (f *File) OwnChanges(fn *Func, rec syntax.Node, before syntax.Node, inPlace bool) []string {
	b := f.Resolve(rec)
	if b == nil {
		return nil
	}
	var out []string
	fn.Body.Walk(func(n syntax.Node) bool {
		if n.Start() >= before.Start() || isFunction(n) {
			return false
		}
		switch {
		case n.Is(syntax.KAssignmentExpression):
			if fld := fieldOfBinding(f, n.Child(syntax.FLeft), b); fld != "" && readsField(f, n.Child(syntax.FRight), b, fld) {
				out = append(out, fld)
			}
		case n.Is(syntax.KAugmentedAssignmentExpression):
			if fld := fieldOfBinding(f, n.Child(syntax.FLeft), b); fld != "" {
				out = append(out, fld)
			}
		case n.Is(syntax.KCallExpression) && inPlace:
			if m := models.Method(n); mutators[m] {
				if fld := fieldOfBinding(f, models.Receiver(n), b); fld != "" {
					out = append(out, fld)
				}
			}
		}
		return true
	})
	return out
}

// Replaced reports whether fn assigns field fld of the record rec names a
// value that does not read it, before node before.
func (f *File) Replaced(fn *Func, rec syntax.Node, fld string, before syntax.Node) bool {
	b := f.Resolve(rec)
	if b == nil {
		return false
	}
	found := false
	fn.Body.Walk(func(n syntax.Node) bool {
		if found || n.Start() >= before.Start() || isFunction(n) {
			return false
		}
		if n.Is(syntax.KAssignmentExpression) && fieldOfBinding(f, n.Child(syntax.FLeft), b) == fld {
			found = !readsField(f, n.Child(syntax.FRight), b, fld)
		}
		return !found
	})
	return found
}

// fieldOfBinding returns the property n reads of the variable b names
// (rec.f gives f), or "".
func fieldOfBinding(f *File, n syntax.Node, b *Binding) string {
	n = n.Unparen()
	if !n.Is(syntax.KMemberExpression) {
		return ""
	}
	o := n.Child(syntax.FObject).Unparen()
	if o.Is(syntax.KIdentifier) && f.Resolve(o) == b {
		return n.Child(syntax.FProperty).Text()
	}
	return ""
}

// readsField reports whether n reads field fld of the variable b names.
func readsField(f *File, n syntax.Node, b *Binding, fld string) bool {
	found := false
	n.Walk(func(m syntax.Node) bool {
		if found {
			return false
		}
		found = fieldOfBinding(f, m, b) == fld
		return !found
	})
	return found
}

// ComputedFrom looks through one call for a value that is not itself
// derived from vars: a variable initialised with a call (awaited or not)
// whose arguments mention them (const verdict = await verify(row.hash, pw)).
// It returns what Mentions returns for those arguments.
func (f *File) ComputedFrom(vars []ResultVar, a syntax.Node) (bool, []string) {
	a = a.Unparen()
	if !a.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier) {
		return false, nil
	}
	b := f.Resolve(a)
	if b == nil || b.Decl.IsNil() {
		return false, nil
	}
	d := b.Decl.Parent()
	if !d.Is(syntax.KVariableDeclarator) || d.Child(syntax.FName) != b.Decl {
		return false, nil
	}
	v := d.Child(syntax.FValue).Unparen()
	if v.Is(syntax.KAwaitExpression) && len(v.NamedChildren()) > 0 {
		v = v.NamedChildren()[0].Unparen()
	}
	if !v.Is(syntax.KCallExpression) {
		return false, nil
	}
	return f.Mentions(v.Child(syntax.FArguments), vars)
}

// FetchedBy reports whether call's arguments carry the parameter value
// key of fn.
func (f *File) FetchedBy(fn *Func, call syntax.Node, key ParamRef) bool {
	for _, m := range f.ParamNodes(fn, call) {
		if r, _ := f.ParamOf(fn, m); r.Same(key) {
			return true
		}
	}
	return false
}

// NobodyWaits reports a function every caller in sight drops the promise
// of: it is called at least once in the project, each call is a statement
// of its own (or voided), and it is never mentioned otherwise (passed on,
// stored), so no code waits for it to finish.
func (p *Project) NobodyWaits(f *File, fn *Func) bool {
	calls := 0
	waited := p.walkMentions(f, fn, []syntax.Kind{syntax.KIdentifier, syntax.KMemberExpression}, func(cf *File, name string, n syntax.Node) bool {
		var ref syntax.Node
		switch {
		case n.Is(syntax.KIdentifier) && n.Text() == name:
			ref = n
		case n.Is(syntax.KMemberExpression) && n.Child(syntax.FProperty).Text() == name:
			ref = n
		default:
			return false
		}
		par := ref.Parent()
		if par.Is(syntax.KMemberExpression) && ref.Is(syntax.KIdentifier) {
			return false // the object part of a member expression
		}
		if ref == fn.Node.Child(syntax.FName) || par.Is(syntax.KVariableDeclarator) && par.Child(syntax.FName) == ref {
			return false // the declaration itself
		}
		if tf, tfn := p.resolveValue(cf, ref, 0); tf != f || tfn != fn {
			if !par.Is(syntax.KCallExpression) || par.Child(syntax.FFunction) != ref {
				return false
			}
			if tf, tfn := p.ResolveCall(cf, par); tf != f || tfn != fn {
				return false
			}
		}
		if !par.Is(syntax.KCallExpression) || par.Child(syntax.FFunction) != ref {
			return true // passed on or stored: someone may wait
		}
		up := par.Parent()
		if up.Is(syntax.KMemberExpression) && up.Child(syntax.FProperty).Text() == "catch" && up.Parent().Is(syntax.KCallExpression) {
			up = up.Parent().Parent() // f().catch(report): handled, not waited for
		}
		if up.Is(syntax.KUnaryExpression) && up.Child(syntax.FOperator).Text() == "void" {
			up = up.Parent()
		}
		if !up.Is(syntax.KExpressionStatement) {
			return true
		}
		calls++
		return false
	})
	return !waited && calls > 0
}

// Calls returns every call of fn (declared in f) by its name in project
// files, awaited or not, in file order.
func (p *Project) Calls(f *File, fn *Func) []CallSite {
	var out []CallSite
	p.walkMentions(f, fn, []syntax.Kind{syntax.KCallExpression}, func(cf *File, name string, n syntax.Node) bool {
		if n.Is(syntax.KCallExpression) {
			if m := models.Method(n); m == name {
				if tf, tfn := p.ResolveCall(cf, n); tf == f && tfn == fn {
					out = append(out, CallSite{cf, n})
				}
			}
		}
		return false
	})
	return out
}

// GivenInTransaction reports a parameter that some caller of its
// function fills from inside a transaction callback
// (pool.transaction(async (conn) => createQueries(conn))): the function
// is written to run on a transaction's connection as well as on a pool.
func (f *File) GivenInTransaction(b *Binding) bool {
	if b == nil || b.Kind != BParam || f.project == nil {
		return false
	}
	fn := f.FuncAt(b.Decl)
	if fn == nil {
		return false
	}
	idx := fn.ParamIndex(b)
	if idx < 0 {
		return false
	}
	for _, site := range f.project.Calls(f, fn) {
		args := models.Args(site.Call)
		if idx >= len(args) {
			continue
		}
		if _, ok := site.File.TransactionAt(site.Call); ok {
			return true
		}
	}
	return false
}

// walkMentionsDeep is walkMentions over f, its importers and, up to depth
// levels further, the importers of those: a function gathered into an
// index module is mentioned where the index is imported.
func (p *Project) walkMentionsDeep(f *File, fn *Func, depth int, kinds []syntax.Kind, visit func(cf *File, name string, n syntax.Node) bool) bool {
	name := lastSegment(fn.Name)
	if p == nil || name == "" {
		return false
	}
	seen := map[*File]bool{}
	level := []*File{f}
	for d := 0; d <= depth && len(level) > 0; d++ {
		var next []*File
		for _, lf := range level {
			for _, cf := range p.Importers(lf) {
				if seen[cf] {
					continue
				}
				seen[cf] = true
				next = append(next, cf)
				if eachMention(cf, name, kinds, func(n syntax.Node) bool { return !visit(cf, name, n) }) {
					return true
				}
			}
		}
		level = next
	}
	return false
}
