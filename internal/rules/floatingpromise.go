package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/syntax"
)

func init() {
	register(&analysis.Rule{
		ID:       "floating-promise",
		Severity: analysis.High,
		Title:    "promise that is neither awaited, returned, caught, passed on nor voided, or that has no handler while the function awaits something else",
		Fix:      "Await the promise (inside try/catch where the caller must not fail), or attach .catch(...) that handles the error when it is meant to run in the background.",
		Run:      runFloatingPromise,
	})
}

// fpPass holds the state of one file's check.
type fpPass struct {
	p *analysis.Pass
	f *sem.File
	// dropped maps function nodes whose return value their caller ignores
	// (timer and listener callbacks, JSX event handlers, on* properties)
	// to a description of that caller.
	dropped map[int32]dropSite
	// rej answers whether a promise can reject.
	rej *sem.Rejections
	// props answers whether JSX elements drop a handler prop's promise.
	props *sem.PropDrops
	// loops caches serviceLoop answers.
	loops map[*sem.Func]bool
	// browser is set for front-end code (JSX, DOM globals), where an
	// unhandled rejection is logged rather than fatal.
	browser bool
	// logged is set for code run where an unhandled rejection is logged
	// and the program goes on: a server with a process-wide handler that
	// logs, a framework that installs one, and every page (the browser
	// logs it to the console). There a dropped promise is reported only
	// when it can reject on purpose (a check, a rethrow), leaves a state
	// set, or, on a page that reports nothing, loses a write the user
	// made; not merely because a read from a store or the network may
	// fail.
	logged bool
	// pageLogs is set for front-end code whose page reports unhandled
	// rejections (a toast, a log request): the user is told of a failed
	// write there too.
	pageLogs bool
}

// lost reports whether a rejection of fn's promise loses something the
// caller should have acted on: where nothing handles rejections, unless fn
// ends the process itself (a shutdown listener that drains and calls
// process.exit: the rejection ends it as well, with the error printed);
// where rejections are only logged, what lost says.
func (fp *fpPass) lost(f *sem.File, fn *sem.Func) bool {
	if !fp.logged {
		return !sem.EndsProcess(fn)
	}
	return fp.lostLogged(f, fn)
}

// lostAt is lost for a function its caller drops: a listener of a
// termination signal (process.on("SIGTERM", shutdown)) runs to end the
// process, and where nothing keeps the process alive a rejection ends
// it too, with the error printed. A function that arms a timer ending the
// process before it awaits anything ends it whatever rejects, and an
// exit listener's promise never settles before the process ends.
func (fp *fpPass) lostAt(f *sem.File, fn *sem.Func, d dropSite) bool {
	if sem.ForcesExit(f, fn) || fp.f.ExitListener(d.call) {
		return false // a forced exit armed first, or process.on("exit", async () => ...)
	}
	if !fp.logged {
		return !sem.EndsProcess(fn) && !fp.f.TerminationListener(d.call)
	}
	return fp.lostLogged(f, fn)
}

// inTerminationListener reports a promise dropped by a listener of a
// termination signal: returned to process.on, or dropped in the
// listener's own body.
func (fp *fpPass) inTerminationListener(fnAt *sem.Func, site dropSite) bool {
	return fp.inListenerOf(fnAt, site, fp.f.TerminationListener)
}

// inListenerOf reports a promise returned to, or dropped in the body of,
// a listener that installs reports.
func (fp *fpPass) inListenerOf(fnAt *sem.Func, site dropSite, installs func(syntax.Node) bool) bool {
	if installs(site.call) {
		return true
	}
	if fnAt == nil {
		return false
	}
	call := fnAt.Node.Parent()
	if call.Is(syntax.KArguments) {
		call = call.Parent()
	}
	return installs(call)
}

// lostLogged is lost where rejections are only logged.
func (fp *fpPass) lostLogged(f *sem.File, fn *sem.Func) bool {
	if fp.f.Project().RejectsOnPurpose(f, fn) {
		return true
	}
	if _, _, pending := f.LeavesPending(fn); pending {
		return true
	}
	if _, stops := fp.rej.StopsOnRejection(f, fn); stops {
		return true // a loop that a failed run ends for good
	}
	if fp.browser && !fp.pageLogs {
		_, w := f.RejectingWrite(fn)
		return w
	}
	return false
}

// lostCall is lost for a dropped call: of a project function; of a
// component's function prop, judged by the functions its elements pass;
// of a library API, lost on a page that reports nothing when it writes
// (fetch(u, { method: "POST" }), axios.put). A function typed without a
// body in sight (a prop no element in the project passes) counts as lost.
func (fp *fpPass) lostCall(src sem.PromiseSource, call syntax.Node) bool {
	switch {
	case src.Func != nil:
		return fp.lost(src.File, src.Func)
	case !fp.logged:
		return true
	case !fp.browser || fp.pageLogs:
		return false
	case src.API != "":
		return fp.f.ChangesExternalState(call)
	}
	found, ok := fp.somePassedFunc(call, fp.lost)
	return !ok || found
}

// somePassedFunc reports, for a call of a component's function prop,
// whether some JSX element of the component passes a value that is no
// function racecheck can see, or a function pred holds for; ok is false
// when the values passed for the prop are not known.
func (fp *fpPass) somePassedFunc(call syntax.Node, pred func(*sem.File, *sem.Func) bool) (found, ok bool) {
	vals, ok := fp.p.Project.PropArguments(fp.f, call)
	if !ok {
		return false, false
	}
	for _, v := range vals {
		e := v.Value.Unparen()
		vf, vfn := v.File, v.File.FuncOf(e)
		if vfn == nil {
			vf, vfn = fp.p.Project.ResolveValue(v.File, e)
		}
		if vfn == nil && len(models.Args(call)) == 0 && sem.RevalidatingMutate(v.File, e) {
			continue // useSWR's mutate, called with no data: a revalidation, which does not reject
		}
		if vfn == nil || pred(vf, vfn) {
			return true, true
		}
	}
	return false, true
}

// consequence says what an unhandled rejection does where the code runs.
func (fp *fpPass) consequence() string {
	if fp.browser && fp.pageLogs {
		h := fp.f.Project().Rejections(fp.f)
		return fmt.Sprintf("a rejection is unhandled: it reaches only %s (%s:%d), far from its cause, and nothing here retries or cleans up", h.What, relPath(fp.f.Path, h.File.Path), h.Call.Line())
	}
	if fp.browser {
		return "a rejection is unhandled, so the error is only logged to the console and the user gets no feedback"
	}
	if name := fp.f.RejectionLogger; name != "" && fp.logged {
		return fmt.Sprintf("a rejection is unhandled: %s logs it and goes on, far from its cause, and nothing here retries or cleans up", name)
	}
	if h := fp.f.Project().Rejections(fp.f); h != nil && !fp.logged {
		return fmt.Sprintf("a rejection is unhandled, and %s (%s:%d) terminates the process on one", h.What, relPath(fp.f.Path, h.File.Path), h.Call.Line())
	} else if h != nil {
		return fmt.Sprintf("a rejection is unhandled: it reaches only %s (%s:%d), far from its cause, and nothing here retries or cleans up", h.What, relPath(fp.f.Path, h.File.Path), h.Call.Line())
	}
	return "a rejection is unhandled, and Node 15+ terminates the process on one"
}

// dropSite is where a function's returned promise is thrown away.
type dropSite struct {
	ctx  string      // "a setInterval callback", "an onClick handler"
	call syntax.Node // the timer or listener call, or the JSX attribute
	ref  syntax.Node // the function reference in that call, for functions passed by name
}

func runFloatingPromise(p *analysis.Pass) {
	fp := &fpPass{p: p, f: p.File, browser: p.File.Browser(), dropped: map[int32]dropSite{}, rej: sem.NewRejections(), loops: map[*sem.Func]bool{}, props: p.Project.NewPropDrops()}
	if p.Project != nil {
		if fp.browser {
			// A page whose unhandledrejection handler reports the error
			// (a toast, a log request) is told of a failed request.
			h := p.Project.Rejections(p.File)
			fp.pageLogs = h != nil && h.Logs
			fp.logged = true
		} else {
			fp.logged = p.Project.RejectionsLogged(p.File)
		}
	}
	root := p.File.Root()
	// First walk: the functions whose returned promise is dropped.
	var refs []dropSite
	root.EachOf(func(n syntax.Node) bool {
		switch {
		case n.Is(syntax.KCallExpression):
			ctx, ok := sem.DropperCall(n)
			if !ok || p.File.ListenerAwaited(n) {
				return true
			}
			for _, a := range models.Args(n) {
				fp.noteDropped(a, dropSite{ctx: ctx, call: n}, &refs)
			}
		case n.Is(syntax.KJsxAttribute):
			name := n.NamedChild(0).Text()
			if !sem.HandlerProp(name) {
				return true
			}
			if v := n.NamedChild(1); v.Is(syntax.KJsxExpression) && fp.props.ElementDrops(fp.f, n.Parent(), name) {
				fp.noteDropped(v.NamedChild(0), dropSite{ctx: "an " + name + " handler", call: n}, &refs)
			}
		case n.Is(syntax.KAssignmentExpression):
			left := n.Child(syntax.FLeft)
			if left.Is(syntax.KMemberExpression) {
				prop := left.Child(syntax.FProperty).Text()
				if len(prop) > 2 && strings.HasPrefix(prop, "on") && prop == strings.ToLower(prop) {
					fp.noteDropped(n.Child(syntax.FRight), dropSite{ctx: "an " + prop + " handler", call: n}, &refs)
				}
			}
		}
		return true
	}, syntax.KCallExpression, syntax.KJsxAttribute, syntax.KAssignmentExpression)
	// Functions given by name to a dropper: report at the reference.
	for _, d := range refs {
		fp.checkDroppedRef(d)
	}
	for _, fn := range p.File.Funcs {
		fp.checkKeptPromises(fn)
		fp.checkDualAPI(fn)
	}
	// Second walk: calls whose promise is dropped, and async callbacks
	// whose rejections nobody sees.
	root.EachOf(func(n syntax.Node) bool {
		switch {
		case n.Is(syntax.KCallExpression):
			fp.checkCall(n)
		case n.Is(syntax.KArrowFunction, syntax.KFunctionExpression):
			if d, ok := fp.dropped[n.ID()]; ok {
				fp.checkDroppedAsync(n, d)
			}
		}
		return true
	}, syntax.KCallExpression, syntax.KArrowFunction, syntax.KFunctionExpression)
}

// noteDropped records a dropper's argument: a function literal, or a name
// that resolves to a function.
func (fp *fpPass) noteDropped(a syntax.Node, d dropSite, refs *[]dropSite) {
	a = a.Unparen()
	switch {
	case a.Is(syntax.KArrowFunction, syntax.KFunctionExpression):
		fp.dropped[a.ID()] = d
	case a.Is(syntax.KIdentifier, syntax.KMemberExpression):
		d.ref = a
		*refs = append(*refs, d)
	}
}

// checkCall reports a call whose promise is dropped.
func (fp *fpPass) checkCall(n syntax.Node) {
	if !sem.ChainParent(n).IsNil() {
		return // part of a .then/.catch chain: judged at its end
	}
	links, base := sem.ChainLinks(n)
	for _, l := range links {
		m := models.Method(l)
		if m == "catch" || m == "then" && len(models.Args(l)) >= 2 {
			return // the chain handles rejections
		}
	}
	origin := base
	if len(links) == 0 {
		origin = n
	}
	if callbackStyle(origin) || sem.HasErrorOption(origin) || sem.HookHandled(fp.f, origin) {
		return // errors go to the callback, or to an onError option
	}
	if m, _, ok := models.PromiseStaticCall(origin); ok && m == "all" && fp.rej.AllCannotReject(fp.f, origin) {
		return // Promise.all over promises that are each caught
	}
	// Where the value goes is cheap to find; resolve the callee only for
	// dropped promises.
	dropped, site, stmt := fp.fate(n)
	if !dropped {
		return
	}
	fnAt := fp.f.FuncAt(n)
	if site.ctx == "" && fnAt == nil {
		return // a script's top-level call: a rejection ends the process loudly, like a throw
	}
	if try, _ := sem.TryRegion(n); site.ctx == "" && try.IsNil() && fp.f.ScriptEntry(fnAt) && !sem.CutsShortAfter(stmt, fnAt.Body) {
		// A step of a script's entry, outside any try: awaited, its
		// rejection would go where a top-level call's goes, and the
		// process waits for the work unless the entry exits or closes a
		// client after it.
		return
	}
	var src sem.PromiseSource
	var fork syntax.Node
	if len(links) == 0 {
		var ok bool
		src, ok = fp.promiseCall(n)
		if !ok || !fp.rej.SourceRejects(src) {
			return
		}
	} else {
		// p.then(ok) without a rejection handler: flagged when p is known
		// to be a promise (the chain alone is not proof enough).
		s, ok := fp.promiseOf(base)
		if !ok && base.Is(syntax.KIdentifier) {
			// A promise of unknown origin that the code treats as one
			// elsewhere: p.then(ok, fail) here, p.finally(cleanup) there
			// forks a second promise that rejects with p.
			fork = fp.f.PromiseUse(base, n)
			ok = !fork.IsNil()
		}
		if !ok || !fp.rej.SourceRejects(s) {
			return
		}
		src = s
	}
	if sem.WithinGesture(fp.f, origin) || fp.rej.GestureHelper(fp.f, origin, src) {
		return // a clipboard write in a click handler, before anything is awaited
	}
	if src.Func == nil && fp.propsCannotReject(origin) {
		return // onConfirm(): every function the component is given for it handles its errors
	}
	if src.Func != nil && len(links) == 0 && sem.ReturnsBeforeAwait(src.File, src.Func, models.Args(origin)) {
		return // issueUpdate(..., false): with these arguments it returns before awaiting anything
	}
	if (!fp.logged || sem.ForcesExit(src.File, src.Func)) && fp.inTerminationListener(fnAt, site) {
		return // process.on("SIGTERM", () => stop()): a rejection ends the process the signal asked to end
	}
	if fp.inListenerOf(fnAt, site, fp.f.ExitListener) {
		return // process.on("exit", () => pool.end()): the process ends before the promise settles
	}
	set, reset, pending := fp.f.PendingAround(fnAt, n)
	if !pending && !fp.lostCall(src, origin) {
		return // a read that failed, only logged
	}
	if !pending && fp.elsewhereThanStop(src.File, src.Func, n) {
		return // poll() starting a loop: reported where poll re-arms itself
	}
	if src.Func != nil && fp.serviceLoop(src.File, src.Func, 0) {
		return // worker.run(): starts a loop that runs until the object is closed
	}
	if inDoneTest(fp.f, fnAt) {
		return // a callback-style test: a rejection leaves done uncalled and fails the test
	}
	where := site.ctx
	if where == "" {
		where = describeFunc(fp.f, stmt)
	} else {
		where = "in " + where
	}
	name := calleeName(origin)
	var msg string
	if !fork.IsNil() {
		last := models.Method(links[0])
		msg = fmt.Sprintf("%s.%s(...) forks a second promise off %s (also used at line %d); this branch has no rejection handler and is dropped %s, so when %s rejects, %s",
			base.Text(), last, base.Text(), fork.Line(), where, base.Text(), fp.consequence())
	} else if len(links) > 0 {
		last := models.Method(links[0])
		msg = fmt.Sprintf("%s.%s(...) %s has no rejection handler and its promise is dropped %s: if %s rejects (or a callback throws), %s",
			short(name), last, fp.declNote(src), where, short(name), fp.consequence())
	} else {
		msg = fmt.Sprintf("the promise returned by %s %s is neither awaited, returned nor caught %s: %s, and the work may still be running when the caller moves on",
			short(name), fp.declNote(src), where, fp.consequence())
	}
	// A component state's initial value (useState(false)) changed only
	// on success keeps that value, where a state set first stays set.
	initial := set.Is(syntax.KVariableDeclarator)
	if pending && initial {
		msg += fmt.Sprintf("; the state initialised at line %d is changed only at line %d, which a rejection skips, so it keeps its initial value", set.Line(), reset.Line())
	} else if pending {
		msg += fmt.Sprintf("; the state set at line %d is set back only at line %d, which a rejection skips, so it stays set", set.Line(), reset.Line())
	}
	msg += fp.stopNote(src.File, src.Func)
	msg = strings.Join(strings.Fields(msg), " ")
	var related []analysis.Related
	if pending && initial {
		related = append(related, fp.p.At(set, "initial value here"), fp.p.At(reset, "changed only here, on success"))
	} else if pending {
		related = append(related, fp.p.At(set, "state set here"), fp.p.At(reset, "set back only here, on success"))
	}
	if src.File != nil && !src.Decl.IsNil() && !(src.File == fp.f && src.Decl.Contains(n)) {
		related = append(related, analysis.RelatedAt(src.File, src.Decl, "declared here"))
	}
	if !site.call.IsNil() {
		related = append(related, fp.p.At(site.call, "the caller that ignores the returned promise"))
	}
	fix := fp.fixFor(n, site)
	if !fork.IsNil() {
		related = append(related, fp.p.At(fork, "the other use of the promise"))
		fix = "Chain the steps on one promise (p.then(ok, fail).finally(cleanup)) so the branch's rejection is handled, or end this branch with .catch(...)."
	}
	fp.p.Report(n, msg, fix, related...)
}

// promiseCall decides whether a call (not a chain) returns a promise.
func (fp *fpPass) promiseCall(call syntax.Node) (sem.PromiseSource, bool) {
	if chain, _ := models.Callee(call); len(chain) == 1 && chain[0] == "Promise" && fp.f.Resolve(models.Receiver(call)) == nil {
		if m, st, ok := models.PromiseStaticCall(call); ok && st.Joins && st.Rejects {
			return sem.PromiseSource{API: "Promise." + m}, true
		}
		return sem.PromiseSource{}, false
	}
	return fp.p.Project.PromiseCallee(fp.f, call)
}

// serviceLoop reports whether a function runs a service loop: a while or
// do loop with an await in its body whose condition is the object's own
// state (while (!this.closing)) or always true, in the function itself or
// in a function it awaits or starts (this.loop = this.mainLoop()). Such a
// function's promise settles only when the service stops; starting it
// without await (worker.run()) is how background loops are started.
func (fp *fpPass) serviceLoop(f *sem.File, fn *sem.Func, depth int) bool {
	if v, ok := fp.loops[fn]; ok {
		return v
	}
	fp.loops[fn] = false
	found := false
	if fn.Async && fn.Body.Is(syntax.KStatementBlock) {
		fn.Body.Walk(func(n syntax.Node) bool {
			if found || sem.IsFunction(n) {
				return false
			}
			if n.Is(syntax.KWhileStatement, syntax.KDoStatement, syntax.KForStatement) && loopOnState(n) && hasAwait(n.Child(syntax.FBody)) {
				found = true
			}
			return true
		})
	}
	if !found && depth < 2 && f.Project() != nil {
		for _, c := range fn.Calls() {
			if !c.Child(syntax.FFunction).Unparen().Is(syntax.KMemberExpression) || sem.CallRoot(c).Kind() != syntax.KThis {
				continue // only the object's own methods
			}
			if tf, callee := f.Project().ResolveCall(f, c); callee != nil && callee != fn && fp.serviceLoop(tf, callee, depth+1) {
				found = true
				break
			}
		}
	}
	fp.loops[fn] = found
	return found
}

// loopOnState reports a loop condition that is the object's own state or
// always true.
func loopOnState(loop syntax.Node) bool {
	cond := loop.Child(syntax.FCondition)
	if loop.Is(syntax.KForStatement) && (cond.IsNil() || cond.Is(syntax.KEmptyStatement)) {
		return true // for (;;)
	}
	cond = cond.Unparen()
	if cond.Is(syntax.KTrue) {
		return true
	}
	hasThis := false
	cond.Walk(func(n syntax.Node) bool {
		if n.Is(syntax.KThis) {
			hasThis = true
		}
		return !hasThis
	})
	return hasThis
}

func hasAwait(n syntax.Node) bool {
	found := false
	n.Walk(func(m syntax.Node) bool {
		if found || sem.IsFunction(m) {
			return false
		}
		if m.Is(syntax.KAwaitExpression) {
			found = true
		}
		return true
	})
	return found
}

// testFuncs register tests and hooks.
var testFuncs = map[string]bool{
	"it": true, "test": true, "specify": true, "fit": true, "xit": true,
	"before": true, "beforeEach": true, "after": true, "afterEach": true, "beforeAll": true, "afterAll": true,
}

// inDoneTest reports code inside a test (or hook) written in callback
// style, it("...", (done) => ...): the test only passes when done is
// called, so a dropped rejection fails it (by timeout) instead of going
// unnoticed.
func inDoneTest(f *sem.File, fn *sem.Func) bool {
	for ; fn != nil; fn = fn.Outer {
		call := sem.CallbackOf(fn.Node)
		if call.IsNil() {
			continue
		}
		chain, m := models.Callee(call)
		if len(chain) > 0 && testFuncs[chain[0]] {
			m = chain[0] // it.only(...), test.skip(...)
		}
		if !testFuncs[m] {
			continue
		}
		for i := 0; i < 2; i++ {
			if models.CallbackNames[fn.ParamName(i)] {
				return true
			}
		}
		return false
	}
	return false
}

// callbackStyle reports a call made in callback style: its last argument
// is a function taking an error first, a callback passed on
// (fn(args, callback)), or either of those wrapped by a call that returns
// the callback to use (fse.move(a, b, w(function (err) {...})),
// fn(args, once(cb))). Functions that return a promise and also accept a
// callback (callbackified APIs, fs-extra) report errors to the callback
// then, and most return no promise at all.
func callbackStyle(call syntax.Node) bool {
	if !call.Is(syntax.KCallExpression) {
		return false
	}
	args := models.Args(call)
	if len(args) == 0 {
		return false
	}
	return callbackValue(args[len(args)-1], 0)
}

// callbackValue reports an argument that is a Node-style callback: an
// error-first function literal, a name callbacks go by, or a call that
// wraps one (w(function (err) {...}), once(cb)).
func callbackValue(arg syntax.Node, depth int) bool {
	last := arg.Unparen()
	switch {
	case last.Is(syntax.KArrowFunction, syntax.KFunctionExpression):
		return errorFirst(last)
	case last.Is(syntax.KIdentifier):
		return models.CallbackNames[last.Text()]
	case last.Is(syntax.KCallExpression) && depth < 2:
		args := models.Args(last)
		return len(args) > 0 && callbackValue(args[len(args)-1], depth+1)
	}
	return false
}

// errorFirst reports whether a function literal's first parameter is
// named like an error.
func errorFirst(fn syntax.Node) bool {
	first := sem.FirstParam(fn)
	return first.Is(syntax.KIdentifier) && models.ErrorParamNames[first.Text()] && first.Text() != "e"
}

// promiseOf decides whether an expression is a promise: a promise call, or
// a variable initialised with one.
func (fp *fpPass) promiseOf(e syntax.Node) (sem.PromiseSource, bool) {
	e = e.Unparen()
	if e.Is(syntax.KIdentifier) {
		if b := fp.f.Resolve(e); b != nil && (b.Kind == sem.BConst || b.Kind == sem.BLet) && !b.Init.IsNil() && b.Init != b.Decl {
			e = b.Init.Unparen()
		}
	}
	if !e.Is(syntax.KCallExpression) {
		return sem.PromiseSource{}, false
	}
	links, base := sem.ChainLinks(e)
	if len(links) > 0 {
		return fp.promiseOf(base)
	}
	return fp.promiseCall(e)
}

// propsCannotReject reports a call of a component's prop for which every
// JSX element of the component in the project passes a function whose
// promise cannot reject (its body catches what it awaits): the prop's type
// says it returns a promise, the values given for it show that promise
// never rejects.
func (fp *fpPass) propsCannotReject(call syntax.Node) bool {
	if fp.p.Project == nil {
		return false
	}
	found, ok := fp.somePassedFunc(call, func(f *sem.File, fn *sem.Func) bool { return fp.rej.FuncRejects(f, fn) })
	return ok && !found
}

// fate follows a promise value up the tree and reports whether it is
// dropped: used as a statement, or returned from a function whose caller
// ignores it. stmt is where it is dropped.
func (fp *fpPass) fate(v syntax.Node) (bool, dropSite, syntax.Node) {
	for depth := 0; depth < 64; depth++ {
		par := v.Parent()
		switch {
		case par.Is(syntax.KParenthesizedExpression, syntax.KAsExpression, syntax.KSatisfiesExpression, syntax.KNonNullExpression):
			v = par
		case par.Is(syntax.KExpressionStatement):
			return true, dropSite{}, par
		case par.Is(syntax.KSequenceExpression):
			if par.Child(syntax.FRight) != v && v != sem.LastNamedChild(par) {
				return true, dropSite{}, par
			}
			v = par
		case par.Is(syntax.KBinaryExpression):
			switch par.Operator() {
			case "&&", "||", "??":
				if v.Field() != syntax.FRight {
					return false, dropSite{}, syntax.Node{}
				}
				v = par
			default:
				return false, dropSite{}, syntax.Node{}
			}
		case par.Is(syntax.KTernaryExpression):
			if v.Field() == syntax.FCondition {
				return false, dropSite{}, syntax.Node{}
			}
			v = par
		case par.Is(syntax.KReturnStatement):
			return fp.returnedFrom(fp.f.FuncAt(par))
		case sem.IsFunction(par) && v.Field() == syntax.FBody:
			return fp.returnedFrom(fp.f.FuncOf(par))
		default:
			// awaited, voided, assigned, stored, passed as an argument,
			// put in an array or object: handled or passed on.
			return false, dropSite{}, syntax.Node{}
		}
	}
	return false, dropSite{}, syntax.Node{}
}

// returnedFrom decides the fate of a promise a function returns.
func (fp *fpPass) returnedFrom(fn *sem.Func) (bool, dropSite, syntax.Node) {
	if fn == nil || fn.Async {
		// An async function's own promise carries it; callers of the
		// function (and droppers of async callbacks) are checked there.
		return false, dropSite{}, syntax.Node{}
	}
	if d, ok := fp.dropped[fn.Node.ID()]; ok {
		return true, d, fn.Node
	}
	if call := sem.CallbackOf(fn.Node); !call.IsNil() {
		if m := models.Method(call); m == "map" || m == "flatMap" {
			// items.map(x => save(x)): the promises are the map's result.
			return fp.fate(call)
		}
	}
	return false, dropSite{}, syntax.Node{}
}

// checkDroppedAsync reports an async function literal given to a caller
// that ignores its promise, when the function can reject.
func (fp *fpPass) checkDroppedAsync(n syntax.Node, d dropSite) {
	fn := fp.f.FuncOf(n)
	if fn == nil || !fn.Async || d.ctx == "a forEach callback" {
		return // forEach: async-iteration-callback's finding
	}
	if !fp.lostAt(fp.f, fn, d) {
		return
	}
	w, ok := fp.rej.UncaughtAwait(fp.f, fn)
	if !ok {
		if !fp.rej.FuncRejects(fp.f, fn) {
			return
		}
		w = fn.Returns[0]
		for _, r := range fn.Returns {
			if fp.rej.ExprRejects(fp.f, r) {
				w = r
				break
			}
		}
	}
	what := "the await"
	if w.Is(syntax.KThrowStatement) {
		what = "the throw"
	} else if !w.Is(syntax.KAwaitExpression) {
		what = "the returned promise"
	}
	line := w.Line()
	msg := fmt.Sprintf("async function used as %s: its caller ignores the promise it returns, and %s at line %d (%s) is not inside a try/catch: %s%s",
		d.ctx, what, line, short(firstLine(w.Text())), fp.consequence(), fp.stopNote(fp.f, fn))
	fp.p.Report(n, msg, "Wrap the body in try/catch and handle the error (log, retry, report), or call a function that does so.",
		fp.p.At(w, "can reject here"))
}

// checkDroppedRef reports a promise-returning function given by name to a
// caller that ignores its promise (setInterval(sweep, 1000),
// onClick={handleSave}).
func (fp *fpPass) checkDroppedRef(d dropSite) {
	if d.ctx == "a forEach callback" {
		return
	}
	tf, fn := fp.p.Project.ResolveValue(fp.f, d.ref)
	if fn == nil || !fn.ReturnsPromise || !fp.rej.FuncRejects(tf, fn) || !fp.lostAt(tf, fn, d) || fp.elsewhereThanStop(tf, fn, d.ref) {
		return
	}
	name := d.ref.Text()
	kind := "returns a promise"
	if fn.Async {
		kind = "is async"
	}
	msg := fmt.Sprintf("%s %s (%s) and is used as %s, whose caller ignores the promise: %s%s",
		short(name), kind, fp.where(tf, fn.Node), d.ctx, fp.consequence(), fp.stopNote(tf, fn))
	fp.p.Report(d.ref, msg, "Pass a function that handles errors itself: () => "+short(name)+"().catch(handleError), or a try/catch inside "+short(name)+".",
		analysis.RelatedAt(tf, fn.Node, "declared here"))
}

// declNote describes where a promise comes from, for messages.
func (fp *fpPass) declNote(src sem.PromiseSource) string {
	switch {
	case src.API != "":
		return "(" + src.API + " returns a promise)"
	case src.Func != nil && src.Func.Async:
		return "(async, " + fp.where(src.File, src.Func.Node) + ")"
	case src.Func != nil:
		return "(returns a promise, " + fp.where(src.File, src.Func.Node) + ")"
	case src.File != nil:
		return "(typed to return a Promise, " + fp.where(src.File, src.Decl) + ")"
	}
	return ""
}

// where names a declaration's location: "line 5" here, "orders.js:5" elsewhere.
func (fp *fpPass) where(f *sem.File, n syntax.Node) string {
	if f == fp.f {
		return fmt.Sprintf("declared at line %d", n.Line())
	}
	return fmt.Sprintf("declared at %s:%d", relPath(fp.f.Path, f.Path), n.Line())
}

// elsewhereThanStop reports a dropped promise n of fn that is lost only
// because a rejection stops fn's loop (see lostLogged), dropped elsewhere
// than at the re-arm that the rejection skips: the loop's one finding is
// made there, not at every call that starts or restarts it.
func (fp *fpPass) elsewhereThanStop(f *sem.File, fn *sem.Func, n syntax.Node) bool {
	if !fp.logged || fn == nil || fp.browser && !fp.pageLogs {
		return false
	}
	site, ok := fp.rej.StopsOnRejection(f, fn)
	if !ok || f == fp.f && site.Contains(n) {
		return false
	}
	if _, _, pending := f.LeavesPending(fn); pending {
		return false
	}
	return !fp.f.Project().RejectsOnPurpose(f, fn)
}

// stopNote says, where rejections are only logged, that a rejection of fn
// ends a loop that schedules its next run at its end.
func (fp *fpPass) stopNote(f *sem.File, fn *sem.Func) string {
	if !fp.logged || fn == nil {
		return ""
	}
	site, ok := fp.rej.StopsOnRejection(f, fn)
	if !ok {
		return ""
	}
	at := fmt.Sprintf("line %d", site.Line())
	if f != fp.f {
		at = fmt.Sprintf("%s:%d", relPath(fp.f.Path, f.Path), site.Line())
	}
	return fmt.Sprintf("; %s schedules its next run only at %s, which a rejection skips, so the loop stops for good", short(fn.Name), at)
}

// relPath shortens target relative to the directory of from when they
// share it.
func relPath(from, target string) string {
	dir := path.Dir(from)
	if dir != "." && strings.HasPrefix(target, dir+"/") {
		return strings.TrimPrefix(target, dir+"/")
	}
	// Drop the directories both paths share: src/classes/worker.ts for
	// tests/worker.test.ts and src/classes/worker.ts under one root.
	common := 0
	for i := 0; i < len(from) && i < len(target) && from[i] == target[i]; i++ {
		if from[i] == '/' {
			common = i + 1
		}
	}
	return target[common:]
}

// calleeName is the text of a call's callee (or of a non-call expression).
func calleeName(n syntax.Node) string {
	if n.Is(syntax.KCallExpression) {
		if sem.IsFunction(n.Child(syntax.FFunction).Unparen()) {
			return "the immediately invoked async function"
		}
		return firstLine(n.Child(syntax.FFunction).Text()) + "()"
	}
	return firstLine(n.Text())
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return strings.TrimSpace(s[:i]) + "..."
	}
	return s
}

// describeFunc names the function a dropped statement sits in.
func describeFunc(f *sem.File, n syntax.Node) string {
	fn := f.FuncAt(n)
	if fn == nil {
		return "at module level"
	}
	if call := sem.CallbackOf(fn.Node); !call.IsNil() {
		if route, ok := routeOf(call); ok {
			return "in the " + route + " request handler"
		}
		if ctx, ok := sem.DropperCall(call); ok {
			return "in " + ctx
		}
		m := models.Method(call)
		if m != "" {
			return "in a callback passed to " + m
		}
	}
	if p := fn.Node.Parent(); p.Is(syntax.KArguments) && p.Parent().Is(syntax.KNewExpression) && p.Parent().Child(syntax.FConstructor).Text() == "Promise" {
		return "in a Promise executor"
	}
	if p := fn.Node.Parent(); p.Is(syntax.KJsxExpression) && p.Parent().Is(syntax.KJsxAttribute) {
		return "in an " + p.Parent().NamedChild(0).Text() + " handler"
	}
	if fn.Name != "" {
		if fn.Node.Is(syntax.KMethodDefinition) && !fn.Class.IsNil() {
			if cn := fn.Class.Child(syntax.FName).Text(); cn != "" {
				return "in " + cn + "." + fn.Name + "()"
			}
		}
		return "in " + fn.Name + "()"
	}
	return "in an anonymous function"
}

// routeMethods register request handlers.
var routeMethods = map[string]string{
	"get": "GET", "post": "POST", "put": "PUT", "patch": "PATCH", "delete": "DELETE", "del": "DELETE",
	"all": "ALL", "head": "HEAD", "options": "OPTIONS",
}

// routeOf describes a route registration call: app.post("/orders", ...).
func routeOf(call syntax.Node) (string, bool) {
	chain, m := models.Callee(call)
	verb, ok := routeMethods[m]
	if !ok || len(chain) == 0 {
		return "", false
	}
	args := models.Args(call)
	if len(args) < 2 {
		return "", false
	}
	p, ok := sem.StringValue(args[0])
	if !ok || !strings.HasPrefix(p, "/") {
		return "", false
	}
	return verb + " " + p, true
}

// fixFor suggests the fix for a dropped call.
func (fp *fpPass) fixFor(n syntax.Node, site dropSite) string {
	if site.ctx != "" {
		return "The caller ignores the returned promise: use a block body that calls .catch(...) on it, or an async function with try/catch around the await."
	}
	if fn := fp.f.FuncAt(n); fn != nil && fn.Async {
		return "Await it (inside try/catch if this function must not fail), or attach .catch(...) if it is meant to run in the background."
	}
	return ""
}
