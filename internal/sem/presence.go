package sem

import "github.com/racecheck/racecheck/internal/syntax"

// PresenceTest reads a condition that tests whether something is present (a
// cache entry, a lazily set slot) and reports whether the condition being
// true means it is present. It handles the boolean shape every such test
// shares: negation (!x), tests joined by && or ||, and comparisons with
// null or undefined (x === undefined, x != null, typeof x === "undefined"),
// and type tests (typeof x === "function" means present).
// leaf recognises the thing itself as a test of presence (x, cache[k],
// cache.has(k), "k" in cache); it is also asked about the operands of the
// comparisons. ok is false when cond does not test the thing.
func PresenceTest(cond syntax.Node, leaf func(syntax.Node) (present, ok bool)) (present, ok bool) {
	cond = cond.Unparen()
	switch {
	case cond.Is(syntax.KUnaryExpression) && cond.Operator() == "!":
		p, ok := PresenceTest(cond.Child(syntax.FArgument), leaf)
		return !p, ok
	case cond.Is(syntax.KBinaryExpression):
		l, r := cond.Child(syntax.FLeft), cond.Child(syntax.FRight)
		switch op := cond.Operator(); op {
		case "&&", "||":
			if p, ok := PresenceTest(l, leaf); ok {
				return p, true
			}
			return PresenceTest(r, leaf)
		case "===", "==", "!==", "!=":
			typeOf := false
			subject := func(e syntax.Node) bool {
				e = e.Unparen()
				if e.Is(syntax.KUnaryExpression) && e.Operator() == "typeof" {
					e = e.Child(syntax.FArgument)
					typeOf = true
				}
				_, ok := leaf(e)
				return ok
			}
			other := r
			if !subject(l) {
				typeOf = false
				if !subject(r) {
					return false, false
				}
				other = l
			}
			if !IsNullish(other) {
				s, ok := StringValue(other)
				if !ok {
					return false, false
				}
				if s != "undefined" {
					// typeof x === "function": present when it holds.
					if !typeOf {
						return false, false
					}
					return op == "===" || op == "==", true
				}
			}
			// x === undefined means missing; x !== undefined means present.
			return op == "!==" || op == "!=", true
		}
	}
	return leaf(cond)
}

// IsNullish reports whether e is the literal undefined or null (void 0
// included).
func IsNullish(e syntax.Node) bool {
	e = e.Unparen()
	switch {
	case e.Is(syntax.KUndefined, syntax.KNull):
		return true
	case e.Is(syntax.KIdentifier):
		return e.Text() == "undefined"
	case e.Is(syntax.KUnaryExpression):
		return e.Operator() == "void"
	}
	return false
}
