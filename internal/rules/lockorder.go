package rules

import (
	"fmt"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/syntax"
)

func init() {
	register(&analysis.Rule{
		ID:       "lock-order",
		Severity: analysis.High,
		Title:    "two locks taken in an order that can invert (chosen by the caller, or opposite elsewhere)",
		Fix:      "Take nested locks in one global order: sort them by a stable key (const [first, second] = a.id < b.id ? [a, b] : [b, a]) or always take the named locks in the same sequence.",
		Run:      runLockOrder,
	})
}

func runLockOrder(p *analysis.Pass) {
	f := p.File
	var all []sem.LockNesting
	if p.Project != nil {
		all = p.Project.LockNestings(f)
	} else {
		all = f.LockNestings()
	}
	for _, n := range all {
		if n.File != f {
			continue
		}
		if checkParamOrder(p, n) {
			continue
		}
		checkNamedOrder(p, n, all)
	}
}

// checkParamOrder reports two nested locks of the same kind reached from
// two different parameters: the caller decides the order.
func checkParamOrder(p *analysis.Pass, n sem.LockNesting) bool {
	o, i := n.Outer, n.Inner
	if o.Param == "" || i.Param == "" || o.Param == i.Param || o.Func == nil || o.Func != i.Func || o.Shape != i.Shape {
		return false
	}
	if orderedParams(p.File, o.Func, o.Param, i.Param) {
		return false
	}
	name := o.Func.Name
	if name == "" {
		name = "the function"
	}
	p.Report(i.Call, fmt.Sprintf("%s is locked while %s is held, and the parameters %s and %s decide which comes first: %s(a, b) and %s(b, a) running together each hold one lock and wait forever for the other",
		i.Text, o.Text, o.Param, i.Param, name, name), "",
		p.At(o.Call, fmt.Sprintf("%s locked first", o.Text)))
	return true
}

// checkNamedOrder reports a nesting of two fixed locks that is taken the
// other way round somewhere in the project.
func checkNamedOrder(p *analysis.Pass, n sem.LockNesting, all []sem.LockNesting) {
	a, b := n.Outer.Identity(), n.Inner.Identity()
	if a == "" || b == "" || a == b {
		return
	}
	for _, m := range all {
		if m.Outer.Identity() != b || m.Inner.Identity() != a {
			continue
		}
		line, _ := m.Inner.Call.Tree().Position(m.Inner.Call.Start())
		where := fmt.Sprintf("%s:%d", m.File.Path, line)
		if m.File == n.File {
			where = fmt.Sprintf("line %d", line)
		}
		p.Report(n.Inner.Call, fmt.Sprintf("%s is locked while %s is held, but %s takes them the other way round: two calls running these paths together each hold one lock and wait forever for the other",
			n.Inner.Text, n.Outer.Text, where), "",
			p.At(n.Outer.Call, fmt.Sprintf("%s locked first here", n.Outer.Text)),
			analysis.RelatedAt(m.File, m.Inner.Call, fmt.Sprintf("%s locked while %s is held", m.Inner.Text, m.Outer.Text)))
		return
	}
}

// orderedParams reports whether fn compares or sorts the two parameters,
// which is how code puts locks in a stable order
// (if (from.id > to.id) return transfer(to, from), [a, b].sort(...)).
func orderedParams(f *sem.File, fn *sem.Func, a, b string) bool {
	if fn.Body.IsNil() {
		return false
	}
	uses := func(n syntax.Node, name string) bool {
		found := false
		n.Walk(func(m syntax.Node) bool {
			if found {
				return false
			}
			if m.Is(syntax.KIdentifier) && m.Text() == name {
				if bd := f.Resolve(m); bd != nil && bd.Kind == sem.BParam {
					found = true
				}
			}
			return true
		})
		return found
	}
	ordered := false
	fn.Body.Walk(func(n syntax.Node) bool {
		if ordered {
			return false
		}
		switch {
		case n.Is(syntax.KBinaryExpression):
			switch n.Operator() {
			case "<", ">", "<=", ">=":
				ordered = uses(n, a) && uses(n, b)
			}
		case n.Is(syntax.KCallExpression):
			callee := n.Child(syntax.FFunction).Unparen()
			if callee.Is(syntax.KMemberExpression) {
				switch callee.Child(syntax.FProperty).Text() {
				case "sort", "localeCompare", "toSorted":
					ordered = uses(n, a) && uses(n, b)
				}
			}
		}
		return true
	})
	return ordered
}
