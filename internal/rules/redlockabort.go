package rules

import (
	"fmt"
	"strings"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/syntax"
)

// redlockabortWords1 are what a file must mention for the check to apply.
var redlockabortWords1 = sem.Needles("using")

func init() {
	register(&analysis.Rule{
		ID:       "redlock-unchecked-abort",
		Severity: analysis.Low,
		Title:    "redlock.using routine ignores the abort signal that says the lock was lost",
		Fix:      "Take the signal parameter and check signal.aborted (throw signal.error) between steps, or pass the signal on to the calls that support it.",
		Run:      runRedlockAbort,
	})
}

func runRedlockAbort(p *analysis.Pass) {
	f := p.File
	if f.OneProcess() || !f.SourceHas(redlockabortWords1...) {
		return
	}
	f.EachCall(func(n syntax.Node) bool {
		if m := models.Method(n); m != "using" {
			return true
		}
		args := models.Args(n)
		if len(args) < 3 || !rlIsRedlock(f, n) {
			return true
		}
		routine := args[len(args)-1].Unparen()
		fn := rlRoutine(f, routine)
		if fn == nil {
			return true
		}
		steps, helper := rlSteps(f, fn)
		if steps < 2 {
			return true // nothing runs between steps that a check could stop
		}
		signal := fn.ParamName(0)
		if signal != "" && rlUsed(f, fn, signal) {
			return true
		}
		what := "takes no signal parameter"
		if signal != "" {
			what = fmt.Sprintf("never reads its %s parameter", signal)
		} else if len(fn.Params()) > 0 {
			return true // a destructured signal: assume it is used
		}
		site := fn.Node
		if !sem.IsFunction(routine) {
			site = routine
		}
		work := fmt.Sprintf("its %d steps", steps)
		if helper != "" {
			work = fmt.Sprintf("%s (%d steps, none of which sees the signal)", helper, steps)
		}
		p.Report(site, fmt.Sprintf("the routine given to %s.using %s: if Redlock cannot extend the lock (a Redis node is slow or gone), the routine keeps running %s without the lock while another process may hold it", rlShort(models.Receiver(n).Text()), what, work), "",
			p.At(n, "the redlock.using call"))
		return true
	})
}

// rlIsRedlock reports whether a using(...) call is made on a Redlock
// instance: a value constructed from the redlock package, or named so.
func rlIsRedlock(f *sem.File, call syntax.Node) bool {
	r := models.Receiver(call).Unparen()
	name := r.Text()
	if r.Is(syntax.KMemberExpression) {
		name = r.Child(syntax.FProperty).Text()
	}
	if models.IsRedlockName(name) {
		return true
	}
	if !r.Is(syntax.KIdentifier) {
		return false
	}
	b := f.Resolve(r)
	if b == nil {
		return false
	}
	if b.Import != nil {
		return models.RedlockPackages[b.Import.Spec]
	}
	init := b.Init.Unparen()
	if init.Is(syntax.KNewExpression) {
		ctor := init.Child(syntax.FConstructor).Unparen()
		for ctor.Is(syntax.KMemberExpression) {
			ctor = ctor.Child(syntax.FObject).Unparen()
		}
		if ctor.Is(syntax.KIdentifier) {
			if cb := f.Resolve(ctor); cb != nil && cb.Import != nil {
				return models.RedlockPackages[cb.Import.Spec]
			}
		}
	}
	return false
}

// rlRoutine returns the routine's function: a literal, or a local function
// passed by name.
func rlRoutine(f *sem.File, n syntax.Node) *sem.Func {
	if sem.IsFunction(n) {
		return f.FuncOf(n)
	}
	if n.Is(syntax.KIdentifier) {
		if b := f.Resolve(n); b != nil {
			if b.Kind == sem.BFunction {
				return f.FuncOf(b.Init)
			}
			if v := b.Init.Unparen(); sem.IsFunction(v) {
				return f.FuncOf(v)
			}
		}
	}
	return nil
}

// rlSteps counts the routine's awaits, an await in a loop as many, and
// the steps of a project helper it awaits, which the signal never reaches
// (runTick() doing five queries is five steps). It also names the helper
// when the steps are mostly the helper's.
func rlSteps(f *sem.File, fn *sem.Func) (int, string) {
	steps, helper := 0, ""
	for _, w := range fn.Awaits {
		if fn.InLoop(w) {
			steps += 2
		} else {
			steps++
		}
		call := w.NamedChild(0).Unparen()
		if !call.Is(syntax.KCallExpression) || f.Project() == nil {
			continue
		}
		if _, h := f.Project().ResolveCall(f, call); h != nil && h != fn && len(h.Awaits) > 1 {
			steps += len(h.Awaits) - 1
			if helper == "" {
				helper = ikShort(call.Child(syntax.FFunction).Text()) + "(...)"
			}
		}
	}
	if len(fn.Awaits) == 0 && !fn.Body.Is(syntax.KStatementBlock) {
		steps = 1
	}
	return steps, helper
}

// rlUsed reports whether the signal parameter is referenced in the body:
// read (signal.aborted, signal.error), passed on, or listened to.
func rlUsed(f *sem.File, fn *sem.Func, name string) bool {
	used := false
	fn.Body.Walk(func(n syntax.Node) bool {
		if used {
			return false
		}
		if n.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier) && n.Text() == name {
			if b := f.Resolve(n); b != nil && b.Kind == sem.BParam && fn.Node.Contains(b.Decl) {
				used = true
			}
		}
		return true
	})
	return used
}

func rlShort(s string) string {
	s = strings.Join(strings.Fields(s), "")
	if len(s) > 30 {
		return s[:27] + "..."
	}
	return s
}
