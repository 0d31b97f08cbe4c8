package sem

import (
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// A ListSearch is code that looks in a listed result for an element by
// its fields, in memory: list.some(e => e.name === name), list.find(...),
// list.filter(...).length, list.map(e => e.name).includes(name). It is a
// lookup by those fields made after the read, so a decision taken on it
// is as stale as one taken on a lookup by them.
type ListSearch struct {
	// Found is the expression that is falsy (false, undefined or 0) when
	// no element matched: the some/find/includes call, or the filter's
	// length.
	Found syntax.Node
	// Fields are the element fields compared, each with the value it
	// must equal.
	Fields []models.Field
}

// listHolders are the names a query result keeps its rows under.
var listHolders = map[string]bool{"rows": true, "data": true, "docs": true, "Items": true, "records": true, "results": true}

// ListSearches returns the in-memory searches of a listed result within
// cond: searches whose list is one of vars (the list itself, or its rows
// under a holder name such as rows or data).
func (f *File) ListSearches(cond syntax.Node, vars []ResultVar) []ListSearch {
	var out []ListSearch
	cond.Walk(func(n syntax.Node) bool {
		if isFunction(n) {
			return false
		}
		if !n.Is(syntax.KCallExpression) {
			return true
		}
		if s, ok := f.listSearch(n, vars); ok {
			out = append(out, s)
			return false
		}
		return true
	})
	return out
}

// listSearch reads one search call.
func (f *File) listSearch(call syntax.Node, vars []ResultVar) (ListSearch, bool) {
	chain, method := models.Callee(call)
	if len(chain) == 0 {
		return ListSearch{}, false
	}
	recv := models.Receiver(call).Unparen()
	args := models.Args(call)
	if len(args) != 1 {
		return ListSearch{}, false
	}
	switch method {
	case "some", "find":
		if fields, ok := f.elementMatch(args[0]); ok && f.isListOf(recv, vars) {
			return ListSearch{Found: call, Fields: fields}, true
		}
	case "filter":
		length := call.Parent()
		if length.Is(syntax.KMemberExpression) && length.Child(syntax.FProperty).Text() == "length" {
			if fields, ok := f.elementMatch(args[0]); ok && f.isListOf(recv, vars) {
				return ListSearch{Found: length, Fields: fields}, true
			}
		}
	case "includes":
		// list.map(e => e.name).includes(name)
		if !recv.Is(syntax.KCallExpression) {
			return ListSearch{}, false
		}
		if m := models.Method(recv); m != "map" {
			return ListSearch{}, false
		}
		margs := models.Args(recv)
		if len(margs) != 1 {
			return ListSearch{}, false
		}
		param, body, ok := arrowOfOne(margs[0])
		if !ok {
			return ListSearch{}, false
		}
		field := memberOfParam(f, body, param)
		if field == "" || !f.isListOf(models.Receiver(recv).Unparen(), vars) {
			return ListSearch{}, false
		}
		return ListSearch{Found: call, Fields: []models.Field{{Name: field, Value: args[0]}}}, true
	}
	return ListSearch{}, false
}

// isListOf reports whether e is one of vars as a list: the variable
// itself, or its rows under a holder name.
func (f *File) isListOf(e syntax.Node, vars []ResultVar) bool {
	var path []string
	for e.Is(syntax.KMemberExpression) {
		path = append([]string{e.Child(syntax.FProperty).Text()}, path...)
		e = e.Child(syntax.FObject).Unparen()
	}
	if !e.Is(syntax.KIdentifier) {
		return false
	}
	b := f.Resolve(e)
	if b == nil {
		return false
	}
	for _, v := range vars {
		if v.Binding != b {
			continue
		}
		all := append(append([]string{}, v.Path...), path...)
		ok := true
		for _, s := range all {
			ok = ok && listHolders[s]
		}
		if ok {
			return true
		}
	}
	return false
}

// elementMatch reads a predicate that matches an element by fields:
// e => e.name === name, or several such equalities joined by &&. Each
// value must not depend on the element.
func (f *File) elementMatch(pred syntax.Node) ([]models.Field, bool) {
	param, body, ok := arrowOfOne(pred)
	if !ok {
		return nil, false
	}
	var out []models.Field
	var visit func(n syntax.Node) bool
	visit = func(n syntax.Node) bool {
		n = n.Unparen()
		if !n.Is(syntax.KBinaryExpression) {
			return false
		}
		switch n.Operator() {
		case "&&":
			return visit(n.Child(syntax.FLeft)) && visit(n.Child(syntax.FRight))
		case "===", "==":
		default:
			return false
		}
		l, r := n.Child(syntax.FLeft).Unparen(), n.Child(syntax.FRight).Unparen()
		field := memberOfParam(f, l, param)
		value := r
		if field == "" {
			field, value = memberOfParam(f, r, param), l
		}
		if field == "" || mentionsBinding(f, value, param) {
			return false
		}
		out = append(out, models.Field{Name: field, Value: value})
		return true
	}
	if !visit(body) {
		return nil, false
	}
	return out, true
}

// arrowOfOne returns the parameter binding and the expression body of a
// one-parameter arrow function, e => expr.
func arrowOfOne(fn syntax.Node) (syntax.Node, syntax.Node, bool) {
	fn = fn.Unparen()
	if !fn.Is(syntax.KArrowFunction) {
		return syntax.Node{}, syntax.Node{}, false
	}
	body := fn.Child(syntax.FBody)
	if body.Is(syntax.KStatementBlock) {
		return syntax.Node{}, syntax.Node{}, false
	}
	param := fn.Child(syntax.FParameter)
	if param.IsNil() {
		ps := fn.Child(syntax.FParameters).NamedChildren()
		if len(ps) != 1 {
			return syntax.Node{}, syntax.Node{}, false
		}
		param = ps[0]
		if p := param.Child(syntax.FPattern); !p.IsNil() {
			param = p
		}
	}
	if !param.Is(syntax.KIdentifier) {
		return syntax.Node{}, syntax.Node{}, false
	}
	return param, body, true
}

// memberOfParam returns the field name of e.field where e is the
// parameter param, or "".
func memberOfParam(f *File, n, param syntax.Node) string {
	n = n.Unparen()
	if !n.Is(syntax.KMemberExpression) {
		return ""
	}
	obj := n.Child(syntax.FObject).Unparen()
	if !obj.Is(syntax.KIdentifier) || obj.Text() != param.Text() {
		return ""
	}
	if b := f.Resolve(obj); b == nil || b.Decl != param {
		return ""
	}
	return n.Child(syntax.FProperty).Text()
}

// mentionsBinding reports whether n uses the binding declared by decl.
func mentionsBinding(f *File, n, decl syntax.Node) bool {
	found := false
	n.EachOf(func(m syntax.Node) bool {
		if m.Text() == decl.Text() {
			if b := f.Resolve(m); b != nil && b.Decl == decl {
				found = true
			}
		}
		return !found
	}, syntax.KIdentifier)
	return found
}
