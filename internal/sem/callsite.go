package sem

import (
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// This file carries a helper's one store access to its call sites: the
// access the helper's body makes counts at the call, with the values it
// picks the record by and writes mapped from the helper's parameters to the
// call's arguments, so that a check in one helper and a write in another
// are seen as one check-then-act.

// atCallSite returns the access acc (made in helper fn of file hf) as seen
// at call: the same kind, resource, operation and SQL, with each where and
// data value that is a parameter (or a field of an object parameter)
// replaced by the call's argument. When the call is made on this in the
// helper's own file (this.getForChannel(id)), the helper's this is the
// caller's, and a value read from it (this.guildId) stays as it is. Any
// other value keeps only its literal, if it is one.
func atCallSite(hf *File, fn *Func, acc *models.Access, call syntax.Node, sameThis bool) models.Access {
	a := models.Access{
		Call: call, Kind: acc.Kind, Op: acc.Op, Method: acc.Method, Resource: acc.Resource,
		Locking: acc.Locking, Atomic: acc.Atomic, Relative: acc.Relative,
		ThrowsIfMissing: acc.ThrowsIfMissing, WholeValue: acc.WholeValue, SQL: acc.SQL,
	}
	if a.Resource == "" {
		// The helper's access names no table (this.findOne(query) in a
		// repository base class): the call site's receiver or noun does.
		if h, ok := models.HelperAccess(call); ok {
			a.Resource = h.Resource
		}
	}
	args := models.Args(call)
	mapField := func(fl models.Field) models.Field {
		out := fl
		out.Value = syntax.Node{}
		if fl.Value.IsNil() {
			return out
		}
		if v := hf.argumentFor(fn, fl.Value, args); !v.IsNil() {
			out.Value = v
		} else if sameThis && readsThis(fl.Value) {
			out.Value = fl.Value
		} else if out.Literal == "" {
			out.Literal = literalValue(fl.Value)
			if out.Literal == "" && out.SQLExpr == "" {
				out.SQLExpr = "?" // a value from elsewhere in the helper
			}
		}
		return out
	}
	for _, w := range acc.Where {
		m := mapField(w)
		if m.Value.IsNil() && m.Literal == "" {
			m.Cond = true // picked by a value the caller cannot see
			a.Keys = append(a.Keys, hf.argumentsIn(fn, w.Value, args)...)
		}
		a.Where = append(a.Where, m)
	}
	for _, d := range acc.Data {
		m := mapField(d)
		a.Data = append(a.Data, m)
		if m.Value.IsNil() {
			// A nested value ({ workspace: { connect: { id } } }) still
			// carries the arguments it is built from.
			for _, v := range hf.argumentsIn(fn, d.Value, args) {
				a.Data = append(a.Data, models.Field{Value: v})
			}
		}
	}
	for _, k := range acc.Keys {
		if v := hf.argumentFor(fn, k, args); !v.IsNil() {
			a.Keys = append(a.Keys, v)
		}
	}
	if !acc.Record.IsNil() {
		a.Record = hf.argumentFor(fn, acc.Record, args)
	}
	a.NoValue = acc.Op == models.OpRead && !hf.returnsRead(fn)
	return a
}

// calledOnThis reports a call of a method of this (this.load(id)).
func calledOnThis(call syntax.Node) bool {
	c := call.Child(syntax.FFunction).Unparen()
	return c.Is(syntax.KMemberExpression) && c.Child(syntax.FObject).Unparen().Is(syntax.KThis)
}

// readsThis reports a member read of this, directly or deeper
// (this.guildId, this.options.tenant).
func readsThis(e syntax.Node) bool {
	e = e.Unparen()
	for e.Is(syntax.KMemberExpression) {
		e = e.Child(syntax.FObject).Unparen()
		if e.Is(syntax.KThis) {
			return true
		}
	}
	return false
}

// returnsRead reports whether a call of fn can give back what its read
// returned: fn returns something other than one of its own
// parameters. A helper that returns the argument it was given (an import
// whose ids it replaced after looking them up), or nothing, hands the
// caller its own data, not the read's result.
func (f *File) returnsRead(fn *Func) bool {
	for _, r := range fn.Returns {
		e := r.Unparen()
		if e.IsNil() {
			continue
		}
		if e.Is(syntax.KAwaitExpression) {
			e = e.NamedChild(0).Unparen()
		}
		if e.Is(syntax.KIdentifier) {
			if b := f.Resolve(e); b != nil && b.Kind == BParam {
				continue
			}
		}
		return true
	}
	return false
}

// argumentFor returns the argument of a call of fn that expression e
// (inside fn) stands for: a parameter, a field of an object parameter
// (data.accountId, or a destructured { accountId }), looked through
// conversions. It returns no node for anything else.
func (f *File) argumentFor(fn *Func, e syntax.Node, args []syntax.Node) syntax.Node {
	e = unwrapConversion(e.Unparen())
	prop := ""
	if e.Is(syntax.KMemberExpression) {
		prop = e.Child(syntax.FProperty).Text()
		e = e.Child(syntax.FObject).Unparen()
	}
	if !e.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier) {
		return syntax.Node{}
	}
	b := f.Resolve(e)
	if b == nil || b.Kind != BParam {
		return syntax.Node{}
	}
	for i, p := range fn.Params() {
		if b.Decl.Start() < p.Start() || b.Decl.End() > p.End() {
			continue
		}
		if i >= len(args) {
			return syntax.Node{}
		}
		arg := args[i]
		if fn.ParamName(i) == b.Name {
			if prop == "" {
				return arg
			}
			return models.ObjectProp(arg, prop)
		}
		// A destructured parameter: { accountId } or { id: accountId }.
		if prop != "" {
			return syntax.Node{}
		}
		return models.ObjectProp(arg, patternKey(b.Decl))
	}
	return syntax.Node{}
}

// argumentsIn returns the arguments of a call of fn that the parameters
// mentioned inside e stand for.
func (f *File) argumentsIn(fn *Func, e syntax.Node, args []syntax.Node) []syntax.Node {
	var out []syntax.Node
	seen := map[syntax.Node]bool{}
	e.Walk(func(n syntax.Node) bool {
		if isFunction(n) {
			return false
		}
		if !n.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier, syntax.KMemberExpression) {
			return true
		}
		if v := f.argumentFor(fn, n, args); !v.IsNil() {
			if !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
			return false
		}
		return true
	})
	return out
}

// patternKey returns the property a destructured name is taken from.
func patternKey(decl syntax.Node) string {
	if p := decl.Parent(); p.Is(syntax.KPairPattern) {
		return p.Child(syntax.FKey).Text()
	}
	return decl.Text()
}

// singleAccess returns the one access of a helper's body that can stand
// for the helper at its call sites: the only access, known by its shape
// (not by a name), made outside a transaction or lock of the helper's own.
func (f *File) singleAccess(all []models.Access) *models.Access {
	if len(all) != 1 {
		return nil
	}
	a := all[0]
	if a.Named || a.Kind == models.StoreHelper || !a.TxArg.IsNil() || f.InTransaction(&a) {
		return nil
	}
	if _, ok := f.LockAt(a.Call); ok {
		return nil
	}
	return &a
}
