package sem

import (
	"strings"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// ArgValues are the literal values one call gives a function's
// parameters ("'get'", "false", "3"; "" where unknown): the call's own
// literal arguments, the parameters' literal defaults for arguments it
// leaves out, and, for a call made inside another function whose values
// are known, that function's parameters handed on as they are
// (fetcher(url, payload, method) inside an apiHandler called with method
// "get"). With them, the branches of the function's body that those
// values rule out (switch (method) { case "post": ... }, if (dryRun)
// return) are not part of what the call does.
type ArgValues struct {
	fn   *Func
	vals []string
}

// argValuesOf returns the values a call gives fn's parameters, or nil
// when it gives none that are known. outer holds the values of the
// function the call is made in, if known.
func argValuesOf(f *File, call syntax.Node, fn *Func, outer *ArgValues) *ArgValues {
	return argValuesFor(f, callArgs(call), fn, outer)
}

// argValuesFor is argValuesOf for a call's arguments; f is the file they
// are written in.
func argValuesFor(f *File, args []syntax.Node, fn *Func, outer *ArgValues) *ArgValues {
	if fn == nil {
		return nil
	}
	params := fn.Params()
	if len(params) == 0 {
		return nil
	}
	vals := make([]string, len(params))
	known := false
	for i, p := range params {
		if p.Is(syntax.KRestPattern) || p.NamedChild(0).Is(syntax.KRestPattern) {
			break // ...rest: an array of what is left
		}
		var v string
		if i < len(args) {
			a := args[i].Unparen()
			if a.Is(syntax.KSpreadElement) {
				break // f(...rest): the positions after it are unknown
			}
			v = literalValue(a)
			if v == "" && outer != nil && a.Is(syntax.KIdentifier) {
				v = outer.value(f, a)
			}
		} else if d := paramDefault(p); !d.IsNil() {
			v = literalValue(d)
		}
		if v != "" {
			vals[i], known = v, true
		}
	}
	if !known {
		return nil
	}
	return &ArgValues{fn: fn, vals: vals}
}

// callArgs returns a call's arguments (models.Args); nil for a tagged
// template, whose first parameter receives the template's strings.
func callArgs(call syntax.Node) []syntax.Node {
	if !call.Child(syntax.FArguments).Is(syntax.KArguments) {
		return nil
	}
	return models.Args(call)
}

// paramDefault returns a parameter's default value (sync = true), or nil.
func paramDefault(p syntax.Node) syntax.Node {
	if !p.Is(syntax.KOptionalParameter, syntax.KRequiredParameter, syntax.KAssignmentPattern) {
		return syntax.Node{}
	}
	if v := p.Child(syntax.FValue); !v.IsNil() {
		return v.Unparen()
	}
	return p.Child(syntax.FRight).Unparen()
}

// value returns the known literal value of an identifier that names one
// of the function's parameters, or "".
func (av *ArgValues) value(f *File, id syntax.Node) string {
	if av == nil || !id.Is(syntax.KIdentifier) {
		return ""
	}
	i := av.fn.ParamIndex(f.Resolve(id))
	if i < 0 || i >= len(av.vals) {
		return ""
	}
	return av.vals[i]
}

// key identifies the values for memoising, "" when av is nil.
func (av *ArgValues) key() string {
	if av == nil {
		return ""
	}
	return strings.Join(av.vals, "\x00")
}

// Live reports whether n, inside the function's body, can run under the
// values: no if statement, switch case or conditional expression around
// it, and no early return before it, is ruled out by a condition on the
// parameters. Inside a function the body declares and calls once
// (const fetcher = async (method = "get") => { switch (method) ... };
// return fetcher(url, payload, method)), its own parameters take the
// values that call gives them.
func (av *ArgValues) Live(f *File, n syntax.Node) bool {
	if av == nil {
		return true
	}
	// The functions between n and av's, innermost first.
	var inner []*Func
	for g := f.FuncAt(n); g != nil && g != av.fn; g = g.Outer {
		inner = append(inner, g)
		if g.Outer == nil {
			return true // n is not inside av's function
		}
	}
	vals, upTo := av, av.fn.Body
	for k := len(inner) - 1; k >= 0; k-- {
		g := inner[k]
		if vals != nil && !vals.liveIn(f, g.Node, upTo) {
			return false
		}
		call := vals.onlyCall(f, g)
		if call.IsNil() {
			vals = nil
		} else {
			vals = argValuesOf(f, call, g, vals)
		}
		upTo = g.Body
	}
	return vals == nil || vals.liveIn(f, n, upTo)
}

// liveIn is Live for the nodes between n and body, one function's.
func (av *ArgValues) liveIn(f *File, n, body syntax.Node) bool {
	value := func(id syntax.Node) string { return av.value(f, id) }
	for child, p := n, n.Parent(); !p.IsNil() && child != body; child, p = p, p.Parent() {
		switch {
		case p.Is(syntax.KIfStatement):
			t := argCondition(p.Child(syntax.FCondition), value)
			if child == p.Child(syntax.FConsequence) && t == False {
				return false
			}
			if alt := p.Child(syntax.FAlternative); !alt.IsNil() && alt.Contains(child) && t == True {
				return false
			}
		case p.Is(syntax.KTernaryExpression):
			t := argCondition(p.Child(syntax.FCondition), value)
			if child == p.Child(syntax.FConsequence) && t == False || child == p.Child(syntax.FAlternative) && t == True {
				return false
			}
		case p.Is(syntax.KSwitchBody) && child.Is(syntax.KSwitchCase, syntax.KSwitchDefault):
			if !caseLive(p, child, value) {
				return false
			}
		case p.Is(syntax.KStatementBlock):
			// if (dryRun) return ...: what follows runs only when it
			// does not return.
			for _, s := range p.NamedChildren() {
				if s == child {
					break
				}
				if s.Is(syntax.KIfStatement) && exitsUnder(s, argCondition(s.Child(syntax.FCondition), value)) {
					return false
				}
			}
		}
	}
	return true
}

// exitsUnder reports an if statement that, with its condition's truth t
// known, takes a branch that ends in a return or a throw.
func exitsUnder(s syntax.Node, t Tri) bool {
	var branch syntax.Node
	switch t {
	case True:
		branch = s.Child(syntax.FConsequence)
	case False:
		branch = s.Child(syntax.FAlternative)
		if branch.Is(syntax.KElseClause) {
			branch = branch.NamedChild(0)
		}
	}
	if branch.IsNil() {
		return false
	}
	if branch.Is(syntax.KStatementBlock) {
		branch = LastStatement(branch)
	}
	return branch.Is(syntax.KReturnStatement, syntax.KThrowStatement)
}

// onlyCall returns the one call of g, a function av's function (or a
// function nested in it) declares under a name, made directly in the
// body of g's enclosing function; nil when there is none or more than
// one, or when g is not named so.
func (av *ArgValues) onlyCall(f *File, g *Func) syntax.Node {
	if av == nil || g.Outer == nil || f.Project() == nil {
		return syntax.Node{}
	}
	var call syntax.Node
	count := 0
	g.Outer.Body.EachOf(func(c syntax.Node) bool {
		if f.FuncAt(c) != g.Outer {
			return true
		}
		if _, fn := f.Project().ResolveCall(f, c); fn == g {
			call = c
			count++
		}
		return true
	}, syntax.KCallExpression)
	if count != 1 {
		return syntax.Node{}
	}
	return call
}

// caseLive reports whether a case of a switch on a parameter can run:
// the cases from the first whose value matches (or the default, when
// none does) through those it falls into. A switch on anything else, or
// with a case value that is no literal, keeps every case.
func caseLive(body, c syntax.Node, value func(syntax.Node) string) bool {
	sw := body.Parent()
	d := sw.Child(syntax.FValue).Unparen()
	v := value(d)
	if v == "" {
		return true
	}
	cases := body.NamedChildren()
	start := -1
	for i, k := range cases {
		if !k.Is(syntax.KSwitchCase) {
			continue
		}
		w := literalValue(k.Child(syntax.FValue))
		if w == "" {
			return true
		}
		if w == v && start < 0 {
			start = i
		}
	}
	if start < 0 {
		for i, k := range cases {
			if k.Is(syntax.KSwitchDefault) {
				start = i
			}
		}
	}
	if start < 0 {
		return false
	}
	for i := start; i < len(cases); i++ {
		if cases[i] == c {
			return true
		}
		if endsCase(cases[i]) {
			return false
		}
	}
	return false
}

// endsCase reports a switch case whose last statement leaves the switch
// (break, return, throw, continue), so control does not fall into the next.
func endsCase(c syntax.Node) bool {
	kids := c.NamedChildren()
	if len(kids) == 0 {
		return false
	}
	last := kids[len(kids)-1]
	if last.Is(syntax.KStatementBlock) {
		last = LastStatement(last)
	}
	return last.Is(syntax.KBreakStatement, syntax.KReturnStatement, syntax.KThrowStatement, syntax.KContinueStatement)
}
