package sem

import "github.com/racecheck/racecheck/internal/syntax"

// ReturnsBeforeAwait reports whether an async function, called with these
// arguments, returns before it awaits anything: a statement before its
// first await (at the top of its body or of a try block there) is
// if (cond) return, and cond holds for the literal values the call passes
// (or the parameters' defaults): issueUpdate(..., false) with
// if (!shouldSync) return. So does one whose every await lies in a branch
// those values rule out (select(null, "remove") where the awaits are
// under if (kind === "assistants" && item)) and that reaches no throw.
// Such a call settles once its synchronous part has run.
func ReturnsBeforeAwait(f *File, fn *Func, args []syntax.Node) bool {
	if fn == nil || !fn.Async || len(fn.Awaits) == 0 {
		return false
	}
	av := argValuesFor(f, args, fn, nil)
	if av == nil {
		return false
	}
	if returnsEarly(f, fn, av) {
		return true
	}
	for _, w := range fn.Awaits {
		if av.Live(f, w) {
			return false
		}
	}
	// A throw the values reach rejects as well: if (!text) throw ...
	live := false
	fn.Body.EachOf(func(t syntax.Node) bool {
		if !live && f.FuncAt(t) == fn && av.Live(f, t) {
			live = true
		}
		return !live
	}, syntax.KThrowStatement)
	return !live
}

// returnsEarly is ReturnsBeforeAwait's test of an if (cond) return ahead
// of the first await.
func returnsEarly(f *File, fn *Func, av *ArgValues) bool {
	if !fn.Body.Is(syntax.KStatementBlock) {
		return false
	}
	first := fn.Awaits[0].Start()
	for _, w := range fn.Awaits {
		if w.Start() < first {
			first = w.Start()
		}
	}
	value := func(id syntax.Node) string { return av.value(f, id) }
	var scan func(block syntax.Node) bool
	scan = func(block syntax.Node) bool {
		for _, s := range block.NamedChildren() {
			if s.Start() >= first {
				return false
			}
			switch {
			case s.Is(syntax.KTryStatement):
				return scan(s.Child(syntax.FBody))
			case s.Is(syntax.KIfStatement) && s.Child(syntax.FAlternative).IsNil() && returnsOnly(s.Child(syntax.FConsequence)):
				if argCondition(s.Child(syntax.FCondition), value) == True {
					return true
				}
			}
			if s.End() > first {
				return false
			}
		}
		return false
	}
	return scan(fn.Body)
}

// returnsOnly reports a branch that ends in a return (not a throw).
func returnsOnly(s syntax.Node) bool {
	if s.Is(syntax.KStatementBlock) {
		s = LastStatement(s)
	}
	return s.Is(syntax.KReturnStatement)
}

// argCondition evaluates a condition on parameters whose values are
// literals: !p, p, p === false, p !== "x", and && or || of those. value
// gives an identifier's literal value (as literalValue writes it), or "".
func argCondition(cond syntax.Node, value func(syntax.Node) string) Tri {
	n := cond.Unparen()
	switch {
	case n.Is(syntax.KUnaryExpression) && n.HasToken("!"):
		return argCondition(n.NamedChild(0), value).not()
	case n.Is(syntax.KIdentifier):
		if v := value(n); v != "" {
			return triOf(LiteralTruthy(v))
		}
	case n.Is(syntax.KBinaryExpression):
		l, r := n.Child(syntax.FLeft).Unparen(), n.Child(syntax.FRight).Unparen()
		switch op := n.Operator(); op {
		case "&&":
			return argCondition(l, value).and(argCondition(r, value))
		case "||":
			return argCondition(l, value).or(argCondition(r, value))
		case "===", "!==", "==", "!=":
			if !l.Is(syntax.KIdentifier) {
				l, r = r, l
			}
			if !l.Is(syntax.KIdentifier) {
				return Unknown
			}
			v, w := value(l), literalValue(r)
			if v == "" || w == "" {
				return Unknown
			}
			return triOf((v == w) == (op == "===" || op == "=="))
		}
	}
	return Unknown
}

// triOf is a known truth value.
func triOf(b bool) Tri {
	if b {
		return True
	}
	return False
}
