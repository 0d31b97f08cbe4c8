package sem

import "github.com/racecheck/racecheck/internal/syntax"

// GuardKind says how a guard decides a statement.
type GuardKind int

// Guard kinds.
const (
	GuardIf        GuardKind = iota // inside if (Cond) { ... } (or its else, Negated)
	GuardEarlyExit                  // after if (Cond) return/throw/continue/break; (Negated)
	GuardLogical                    // right of Cond && ... (or Cond || ..., Negated)
	GuardTernary                    // a branch of Cond ? a : b
	GuardTry                        // after try { Cond } catch { return/throw }: runs only if Cond did not throw
)

// Guard is a condition that decides whether a node runs.
type Guard struct {
	Kind    GuardKind
	Cond    syntax.Node // the condition (for GuardTry, the try block)
	Negated bool        // the node runs when Cond is false
	Stmt    syntax.Node // the if statement, logical or ternary expression, or try statement
}

// Guards returns the conditions that decide whether n runs, innermost first,
// up to the enclosing function.
func (f *File) Guards(n syntax.Node) []Guard {
	var out []Guard
	child := n
	for p := n.Parent(); !p.IsNil(); child, p = p, p.Parent() {
		if isFunction(p) {
			break
		}
		switch {
		case p.Is(syntax.KIfStatement):
			cond := p.Child(syntax.FCondition)
			if child.Field() == syntax.FConsequence {
				out = append(out, Guard{Kind: GuardIf, Cond: cond, Stmt: p})
			} else if child.Is(syntax.KElseClause) {
				out = append(out, Guard{Kind: GuardIf, Cond: cond, Negated: true, Stmt: p})
			}
		case p.Is(syntax.KTernaryExpression):
			cond := p.Child(syntax.FCondition)
			if child.Field() == syntax.FConsequence {
				out = append(out, Guard{Kind: GuardTernary, Cond: cond, Stmt: p})
			} else if child.Field() == syntax.FAlternative {
				out = append(out, Guard{Kind: GuardTernary, Cond: cond, Negated: true, Stmt: p})
			}
		case p.Is(syntax.KBinaryExpression):
			if child.Field() == syntax.FRight {
				switch p.Operator() {
				case "&&":
					out = append(out, Guard{Kind: GuardLogical, Cond: p.Child(syntax.FLeft), Stmt: p})
				case "||", "??":
					out = append(out, Guard{Kind: GuardLogical, Cond: p.Child(syntax.FLeft), Negated: true, Stmt: p})
				}
			}
		case p.Is(syntax.KStatementBlock, syntax.KProgram, syntax.KSwitchCase, syntax.KSwitchDefault):
			// Earlier statements of this block that leave it early.
			for s := p.FirstChild(); !s.IsNil() && s != child; s = s.NextSibling() {
				switch {
				case s.Is(syntax.KIfStatement) && s.Child(syntax.FAlternative).IsNil() && Exits(s.Child(syntax.FConsequence)):
					out = append(out, Guard{Kind: GuardEarlyExit, Cond: s.Child(syntax.FCondition), Negated: true, Stmt: s})
				case s.Is(syntax.KTryStatement):
					if h := s.Child(syntax.FHandler); !h.IsNil() && Exits(h.Child(syntax.FBody)) {
						out = append(out, Guard{Kind: GuardTry, Cond: s.Child(syntax.FBody), Stmt: s})
					}
				}
			}
		}
	}
	return out
}

// Exits reports whether a statement always leaves its block: it is (or ends
// with) return, throw, break or continue, or is an if/else both of whose
// branches exit.
func Exits(s syntax.Node) bool {
	switch {
	case s.IsNil():
		return false
	case s.Is(syntax.KReturnStatement, syntax.KThrowStatement, syntax.KBreakStatement, syntax.KContinueStatement):
		return true
	case s.Is(syntax.KStatementBlock):
		return Exits(LastStatement(s))
	case s.Is(syntax.KIfStatement):
		alt := s.Child(syntax.FAlternative)
		return !alt.IsNil() && Exits(s.Child(syntax.FConsequence)) && Exits(alt.NamedChild(0))
	case s.Is(syntax.KElseClause):
		return Exits(s.NamedChild(0))
	}
	return false
}

// LastStatement returns the last statement of a block, comments aside,
// or no node.
func LastStatement(block syntax.Node) syntax.Node {
	var last syntax.Node
	for c := block.FirstChild(); !c.IsNil(); c = c.NextSibling() {
		if c.Named() && !c.Is(syntax.KComment) {
			last = c
		}
	}
	return last
}

// Statement returns the statement that contains n directly in a block.
func Statement(n syntax.Node) syntax.Node {
	for m := n; !m.IsNil(); m = m.Parent() {
		if p := m.Parent(); p.Is(syntax.KStatementBlock, syntax.KProgram, syntax.KSwitchCase, syntax.KSwitchDefault) {
			return m
		}
		if isFunction(m.Parent()) {
			return m
		}
	}
	return syntax.Node{}
}
