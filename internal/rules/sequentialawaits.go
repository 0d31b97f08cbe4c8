package rules

import (
	"fmt"
	"strings"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/syntax"
)

func init() {
	register(&analysis.Rule{
		ID:       "sequential-awaits",
		Severity: analysis.Low,
		Title:    "independent reads awaited one after another that could run together",
		Fix:      "Start the independent reads together and await them with Promise.all([...]).",
		Options: []analysis.Option{
			{Name: "readVerbs", Doc: "The first words of the names of calls that only fetch data (getUser, findOrders), where no project function or library model says what a call does.", Default: models.DefaultReadVerbs()},
			{Name: "connectionNames", Doc: "Receiver and argument names that hold one connection, transaction or stream, whose operations run one at a time anyway (tx.findUser(), getUser(conn)).", Default: models.DefaultConnectionNames()},
		},
		Run: runSequentialAwaits,
	})
}

// seqRead is one statement of a run: const x = await read(...).
type seqRead struct {
	stmt  syntax.Node
	await syntax.Node
	call  syntax.Node
	names []*sem.Binding // the variables the statement declares or assigns
}

func runSequentialAwaits(p *analysis.Pass) {
	f := p.File
	if f.OneProcess() {
		return
	}
	names := models.NewReadNames(p.Words("readVerbs"), p.Words("connectionNames"))
	f.Root().EachOf(func(n syntax.Node) bool {
		checkSequentialBlock(p, names, n)
		return true
	}, syntax.KStatementBlock)
}

func checkSequentialBlock(p *analysis.Pass, names models.ReadNames, block syntax.Node) {
	f := p.File
	fn := f.FuncAt(block)
	if fn == nil || !fn.Async || len(fn.Awaits) < 2 {
		return
	}
	if fn.InLoop(block) || inTransaction(f, block) || f.RunsOnce(fn) || sem.EndsInThrow(block) {
		return
	}
	var run []seqRead
	flush := func() {
		if len(run) < 2 {
			run = run[:0]
			return
		}
		if io, worth := withIO(p, run); len(io) >= 2 && worth {
			reportSequential(p, io)
		}
		run = run[:0]
	}
	for s := block.FirstChild(); !s.IsNil(); s = s.NextSibling() {
		if !s.Named() || s.Is(syntax.KComment) {
			continue
		}
		r, ok := sequentialRead(p, names, fn, s)
		if !ok {
			flush()
			continue
		}
		if len(run) > 0 && (dependsOnRun(f, r, run) || sameConnection(run[len(run)-1], r) || sameStatefulObject(p, run[len(run)-1], r) || gate(p, run[len(run)-1].call)) {
			flush()
		}
		run = append(run, r)
	}
	flush()
}

// withIO leaves out of a run the awaits that do no I/O (a cookie verified
// in memory, a memoised getter), as there is nothing to overlap them with,
// and reports whether running the rest together saves time a user would
// notice: the sum of their latencies less the largest, which must be at
// least two store round trips (two lookups by key, or a request to
// another service beside one lookup, save a single cheap round trip).
// Each latency is asked for once.
func withIO(p *analysis.Pass, run []seqRead) ([]seqRead, bool) {
	if p.Project == nil {
		return run, true
	}
	var out []seqRead
	var sum, largest models.Latency
	for _, r := range run {
		l := p.Project.CallLatency(p.File, r.call)
		if l == models.LatencyNone {
			continue
		}
		out = append(out, r)
		sum += l
		largest = max(largest, l)
	}
	return out, sum-largest >= 2*models.LatencyLookup
}

func reportSequential(p *analysis.Pass, run []seqRead) {
	var calls []string
	for _, r := range run {
		calls = append(calls, callShort(r.call))
	}
	last := run[len(run)-1]
	p.Report(run[0].await, fmt.Sprintf("%s are independent reads awaited one after another (lines %d-%d): none uses another's result, so the function waits for their sum instead of the slowest",
		joinCalls(calls), run[0].stmt.Line(), last.stmt.Line()), "",
		p.At(run[1].await, "the next read does not depend on the first"))
}

func joinCalls(calls []string) string {
	if len(calls) == 2 {
		return calls[0] + " and " + calls[1]
	}
	return strings.Join(calls[:len(calls)-1], ", ") + " and " + calls[len(calls)-1]
}

// callShort renders a call as its callee: api.getProfile(...).
func callShort(call syntax.Node) string {
	c := strings.Join(strings.Fields(call.Child(syntax.FFunction).Text()), "")
	if len(c) > 40 {
		c = "..." + c[len(c)-37:]
	}
	return c + "(...)"
}

// sequentialRead recognises const x = await read(...) (or let, or x = await
// read(...) of an outer variable) whose call only reads.
func sequentialRead(p *analysis.Pass, names models.ReadNames, fn *sem.Func, s syntax.Node) (seqRead, bool) {
	f := p.File
	r := seqRead{stmt: s}
	var value syntax.Node
	switch {
	case s.Is(syntax.KLexicalDeclaration, syntax.KVariableDeclaration):
		ds := s.NamedChildren()
		var decl syntax.Node
		for _, d := range ds {
			if d.Is(syntax.KVariableDeclarator) {
				if !decl.IsNil() {
					return r, false
				}
				decl = d
			}
		}
		if decl.IsNil() {
			return r, false
		}
		value = decl.Child(syntax.FValue)
		decl.Child(syntax.FName).Walk(func(n syntax.Node) bool {
			if n.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifierPattern) {
				if b := f.Resolve(n); b != nil && b.Decl == n {
					r.names = append(r.names, b)
				}
			}
			return true
		})
	case s.Is(syntax.KExpressionStatement):
		e := s.NamedChild(0).Unparen()
		if !e.Is(syntax.KAssignmentExpression) {
			return r, false
		}
		l := e.Child(syntax.FLeft).Unparen()
		if !l.Is(syntax.KIdentifier) {
			return r, false
		}
		b := f.Resolve(l)
		if b == nil {
			return r, false
		}
		r.names = append(r.names, b)
		value = e.Child(syntax.FRight)
	default:
		return r, false
	}
	value = value.Unparen()
	if !value.Is(syntax.KAwaitExpression) {
		return r, false
	}
	call := value.NamedChild(0).Unparen()
	if !call.Is(syntax.KCallExpression) {
		return r, false
	}
	r.await, r.call = value, call
	if !pureRead(p, names, fn, call) {
		return r, false
	}
	return r, true
}

// pureRead reports whether a call only fetches data: its name starts with a
// read verb and has no write word, it is not made on a single connection,
// a transaction or a stream, and it is not a project function that writes
// shared state.
func pureRead(p *analysis.Pass, names models.ReadNames, fn *sem.Func, call syntax.Node) bool {
	chain, m := models.Callee(call)
	if !names.IsRead(m) {
		return false
	}
	for _, c := range chain {
		if names.IsConnection(c) {
			return false
		}
	}
	for _, a := range models.Args(call) {
		a = a.Unparen()
		if a.Is(syntax.KIdentifier) && names.HandsOver(a.Text()) {
			return false
		}
	}
	if proj := p.Project; proj != nil {
		if tf, tfn := proj.ResolveCall(p.File, call); tfn != nil && (!tfn.ReturnsPromise || writesSharedState(tf, tfn) || waitsForNothing(tf, tfn)) {
			return false
		}
		if p.File.Memoized(call) {
			return false // answered from memory after the first call
		}
	}
	return true
}

// gate reports a read that rejects on purpose (a project function that
// throws when the record is missing or the caller may not see it): what
// follows it runs only when it passed, so the order is the point.
func gate(p *analysis.Pass, call syntax.Node) bool {
	if p.Project == nil {
		return false
	}
	tf, tfn := p.Project.ResolveCall(p.File, call)
	return tfn != nil && p.Project.Gates(tf, tfn)
}

// waitsForNothing reports a project function that does no I/O a caller
// could overlap: it awaits nothing, or only a promise every caller shares
// (await this.snapshot, computed once), and returns no call's result (an
// async getter of configuration or of a field).
func waitsForNothing(f *sem.File, fn *sem.Func) bool {
	if fn.Body.IsNil() {
		return false
	}
	for _, w := range fn.Awaits {
		if !sem.SharedAwait(f, fn, w) {
			return false
		}
	}
	for _, r := range fn.Returns {
		found := false
		r.Walk(func(n syntax.Node) bool {
			if sem.IsFunction(n) {
				return false
			}
			if n.Is(syntax.KCallExpression, syntax.KNewExpression) {
				found = true
			}
			return !found
		})
		if found {
			return false
		}
	}
	return true
}

// writesSharedState reports whether a function assigns this.x or a
// module-level variable in its own body: a later call may depend on it.
func writesSharedState(f *sem.File, fn *sem.Func) bool {
	if fn.Body.IsNil() {
		return false
	}
	found := false
	fn.Body.Walk(func(n syntax.Node) bool {
		if found || sem.IsFunction(n) && n != fn.Node {
			return false
		}
		if n.Is(syntax.KAssignmentExpression, syntax.KAugmentedAssignmentExpression) {
			l := n.Child(syntax.FLeft).Unparen()
			for l.Is(syntax.KMemberExpression, syntax.KSubscriptExpression) {
				l = l.Child(syntax.FObject).Unparen()
			}
			switch {
			case l.Is(syntax.KThis):
				found = true
			case l.Is(syntax.KIdentifier):
				if b := f.Resolve(l); b != nil && b.ModuleLevel() {
					found = true
				}
			}
		}
		return true
	})
	return found
}

// dependsOnRun reports whether r's call uses a variable an earlier
// statement of the run sets.
func dependsOnRun(f *sem.File, r seqRead, run []seqRead) bool {
	set := map[*sem.Binding]bool{}
	for _, prev := range run {
		for _, b := range prev.names {
			set[b] = true
		}
	}
	for _, b := range r.names {
		if set[b] {
			return true // assigns the same variable again
		}
	}
	dep := false
	r.call.Walk(func(n syntax.Node) bool {
		if dep {
			return false
		}
		if n.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier) && set[f.Resolve(n)] {
			dep = true
		}
		return true
	})
	return dep
}

// sameConnection reports whether two reads go through the same receiver
// object that the previous call returned or configured: a cursor or
// builder chain shares state between calls.
func sameConnection(a, b seqRead) bool {
	ra, rb := models.Receiver(a.call).Unparen(), models.Receiver(b.call).Unparen()
	if ra.IsNil() || rb.IsNil() {
		return false
	}
	return ra.Is(syntax.KCallExpression) && rb.Is(syntax.KCallExpression) && ra.Text() == rb.Text()
}

// sameStatefulObject reports whether two reads are calls on one object
// that neither the project nor racecheck's models know, which the function
// obtained itself or was given typed as a library's (not a module of the
// project, not an untyped parameter): an object of a library (a Firebase
// user, a browser page) whose methods may read what an earlier call
// changed, so their order may matter.
func sameStatefulObject(p *analysis.Pass, a, b seqRead) bool {
	ra, rb := models.Receiver(a.call).Unparen(), models.Receiver(b.call).Unparen()
	if !ra.Is(syntax.KIdentifier) || !rb.Is(syntax.KIdentifier) {
		return false
	}
	ba := p.File.Resolve(ra)
	if ba == nil || ba != p.File.Resolve(rb) || ba.Import != nil && !p.File.PackageSpec(ba.Import.Spec) {
		return false // a module of the project
	}
	if ba.Kind == sem.BParam && p.File.LibraryTypeOf(ra) == "" {
		return false // a client handed in, of no declared library type
	}
	for _, c := range []syntax.Node{a.call, b.call} {
		if _, ok := p.File.Classify(c); ok {
			return false
		}
		if _, fn := p.Project.ResolveCall(p.File, c); fn != nil {
			return false
		}
	}
	return true
}

// inTransaction reports whether n runs in a transaction: inside a
// transaction callback, or in a method whose decorator opens one
// (@Transaction(), @Transactional(), @InjectTransactionManager()).
func inTransaction(f *sem.File, n syntax.Node) bool {
	if _, ok := f.TransactionAt(n); ok {
		return true
	}
	for fn := f.FuncAt(n); fn != nil; fn = fn.Outer {
		if transactionDecorated(fn.Node) {
			return true
		}
	}
	return false
}

// calledInTransaction reports whether n's function is only ever called
// inside a transaction: it has callers in the project, and each call is in
// a transaction or in a function that is itself only called in one.
func calledInTransaction(proj *sem.Project, f *sem.File, n syntax.Node, depth int) bool {
	fn := f.FuncAt(n)
	for fn != nil && fn.Name == "" {
		fn = fn.Outer // an arrow passed to map: its function's callers count
	}
	if proj == nil || fn == nil || depth > 2 {
		return false
	}
	sites := proj.CallSites(f, fn)
	if len(sites) == 0 {
		return false
	}
	for _, s := range sites {
		if !inTransaction(s.File, s.Call) && !calledInTransaction(proj, s.File, s.Call, depth+1) {
			return false
		}
	}
	return true
}

// transactionDecorated reports whether a method carries a decorator whose
// name mentions a transaction (not its arguments: a route path).
func transactionDecorated(m syntax.Node) bool {
	if !m.Is(syntax.KMethodDefinition) {
		return false
	}
	has := func(d syntax.Node) bool {
		return d.Is(syntax.KDecorator) && strings.Contains(strings.ToLower(decoratorName(d)), "transaction")
	}
	for c := m.FirstChild(); !c.IsNil(); c = c.NextSibling() {
		if has(c) {
			return true
		}
	}
	// In a class body, decorators may precede the method as siblings.
	for s := prevNamed(m); s.Is(syntax.KDecorator); s = prevNamed(s) {
		if has(s) {
			return true
		}
	}
	return false
}

// decoratorName returns the name a decorator is called by: Transactional
// for @Transactional(), Get for @Get("transactions/:id"), whose argument
// is a route and says nothing of what the method runs in.
func decoratorName(d syntax.Node) string {
	e := d.NamedChild(0).Unparen()
	if e.Is(syntax.KCallExpression) {
		e = e.Child(syntax.FFunction).Unparen()
	}
	if e.Is(syntax.KMemberExpression) {
		return e.Child(syntax.FProperty).Text()
	}
	return e.Text()
}

func prevNamed(n syntax.Node) syntax.Node {
	p := n.Parent()
	var prev syntax.Node
	for c := p.FirstChild(); !c.IsNil() && c != n; c = c.NextSibling() {
		if c.Named() && !c.Is(syntax.KComment) {
			prev = c
		}
	}
	return prev
}
