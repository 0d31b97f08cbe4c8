package sem

import "github.com/racecheck/racecheck/internal/syntax"

// ReturnsBeforeAwait reports whether an async function, called with these
// arguments, returns before it awaits anything: a statement before its
// first await (at the top of its body or of a try block there) is
// if (cond) return, and cond holds for the literal values the call passes
// (or the parameters' defaults): issueUpdate(..., false) with
// if (!shouldSync) return. Such a call settles once its synchronous part
// has run.
func ReturnsBeforeAwait(f *File, fn *Func, args []syntax.Node) bool {
	if fn == nil || !fn.Async || !fn.Body.Is(syntax.KStatementBlock) || len(fn.Awaits) == 0 {
		return false
	}
	first := fn.Awaits[0].Start()
	for _, w := range fn.Awaits {
		if w.Start() < first {
			first = w.Start()
		}
	}
	value := func(id syntax.Node) syntax.Node {
		b := f.Resolve(id)
		i := fn.ParamIndex(b)
		if i < 0 {
			return syntax.Node{}
		}
		if i < len(args) {
			return args[i].Unparen()
		}
		if p := fn.Params()[i]; p.Is(syntax.KOptionalParameter, syntax.KRequiredParameter, syntax.KAssignmentPattern) {
			if v := p.Child(syntax.FValue); !v.IsNil() {
				return v.Unparen() // shouldSync = true
			}
			if v := p.Child(syntax.FRight); !v.IsNil() {
				return v.Unparen()
			}
		}
		return syntax.Node{}
	}
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
// literals: !p, p, p === false, p !== "x", and && or || of those.
func argCondition(cond syntax.Node, value func(syntax.Node) syntax.Node) Tri {
	n := cond.Unparen()
	switch {
	case n.Is(syntax.KUnaryExpression) && n.HasToken("!"):
		return argCondition(n.NamedChild(0), value).not()
	case n.Is(syntax.KIdentifier):
		return truthy(value(n))
	case n.Is(syntax.KBinaryExpression):
		l, r := n.Child(syntax.FLeft).Unparen(), n.Child(syntax.FRight).Unparen()
		switch op := n.Operator(); op {
		case "&&", "||":
			a, b := argCondition(l, value), argCondition(r, value)
			if op == "&&" {
				switch {
				case a == False || b == False:
					return False
				case a == True && b == True:
					return True
				}
				return Unknown
			}
			switch {
			case a == True || b == True:
				return True
			case a == False && b == False:
				return False
			}
			return Unknown
		case "===", "!==", "==", "!=":
			if !l.Is(syntax.KIdentifier) {
				l, r = r, l
			}
			v := syntax.Node{}
			if l.Is(syntax.KIdentifier) {
				v = value(l)
			}
			if v.IsNil() || !literal(v) || !literal(r) {
				return Unknown
			}
			eq := v.Text() == r.Text()
			if op == "!==" || op == "!=" {
				eq = !eq
			}
			if eq {
				return True
			}
			return False
		}
	}
	return Unknown
}

// literal reports a boolean, null, undefined, number or string literal.
func literal(n syntax.Node) bool {
	return n.Is(syntax.KTrue, syntax.KFalse, syntax.KNull, syntax.KUndefined, syntax.KNumber, syntax.KString)
}

// truthy says whether a literal value is truthy.
func truthy(v syntax.Node) Tri {
	switch {
	case v.IsNil() || !literal(v):
		return Unknown
	case v.Is(syntax.KFalse, syntax.KNull, syntax.KUndefined):
		return False
	case v.Is(syntax.KNumber):
		if v.Text() == "0" {
			return False
		}
		return True
	case v.Is(syntax.KString):
		if len(v.Text()) <= 2 {
			return False
		}
		return True
	}
	return True
}
