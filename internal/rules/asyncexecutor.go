package rules

import (
	"fmt"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/syntax"
)

func init() {
	register(&analysis.Rule{
		ID:       "async-promise-executor",
		Severity: analysis.High,
		Title:    "async function given as a Promise executor: its rejections are lost and the promise never settles",
		Fix:      "Make the executor a plain function that wraps only the callback API, or drop new Promise and write an async function that awaits and throws; if the executor must stay async, wrap its whole body in try { ... } catch (err) { reject(err) }.",
		Run:      runAsyncExecutor,
	})
}

func runAsyncExecutor(p *analysis.Pass) {
	f := p.File
	rej := sem.NewRejections()
	f.Root().Walk(func(n syntax.Node) bool {
		ex, ok := sem.PromiseExecutor(n)
		if !ok {
			return true
		}
		fn := f.FuncOf(ex)
		if fn == nil || !fn.Async {
			return true
		}
		var esc []syntax.Node
		for _, e := range sem.EscapingRejections(fn) {
			if !e.Is(syntax.KAwaitExpression) || !awaitSettles(p, rej, e) {
				esc = append(esc, e)
			}
		}
		if len(esc) == 0 {
			return true
		}
		var related []analysis.Related
		for _, e := range esc {
			related = append(related, p.At(e, "can reject here: the executor's own promise rejects and nobody holds it"))
		}
		what := fmt.Sprintf("the await at line %d rejects", esc[0].Line())
		if esc[0].Is(syntax.KThrowStatement) {
			what = fmt.Sprintf("the throw at line %d runs", esc[0].Line())
		}
		msg := fmt.Sprintf("new %s(...) is given an async executor: if %s, the executor's own promise rejects (an unhandled rejection) instead of this one, so this promise never settles and whoever awaits it waits forever",
			short(n.Child(syntax.FConstructor).Text()), what)
		p.Report(n, msg, "", related...)
		return true
	})
}

// awaitSettles reports an await of a value that cannot reject, seen
// through what the file and project say: a variable holding a promise
// whose executor never rejects (const done = new Promise((resolve) =>
// ...)), or a call of a project function whose promise cannot reject.
func awaitSettles(p *analysis.Pass, rej *sem.Rejections, w syntax.Node) bool {
	v := w.NamedChild(0).Unparen()
	switch {
	case v.Is(syntax.KIdentifier):
		b := p.File.Resolve(v)
		if b == nil || b.Kind != sem.BConst || b.Init.IsNil() || b.Init == b.Decl {
			return false
		}
		init := b.Init.Unparen()
		return init.Is(syntax.KNewExpression) && sem.PromiseNeverRejects(init)
	case v.Is(syntax.KCallExpression) && p.Project != nil:
		tf, fn := p.Project.ResolveCall(p.File, v)
		if fn == nil {
			return false
		}
		// A project function whose promise cannot reject: an async one that
		// handles its errors, or a plain function returning a promise that
		// cannot reject (sleepFor = (ms) => new Promise((resolve) =>
		// setTimeout(resolve, ms))). An async function's body is not judged
		// by its awaits alone here: a synchronous throw after its first
		// await (names.forEach on an undefined list) rejects it too.
		return fn.Async && sem.HandlesOwnErrors(fn) || !fn.Async && fn.ReturnsPromise && !rej.FuncRejects(tf, fn)
	}
	return false
}
