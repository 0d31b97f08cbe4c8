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
		ID:       "callback-in-async",
		Severity: analysis.High,
		Title:    "callback API inside an async function whose callback throws or returns a value that nobody receives",
		Fix:      "Await the promise form of the API (fs/promises, util.promisify, the library's promise client) and throw or return from the async function itself.",
		Run:      runCallbackInAsync,
	})
}

func runCallbackInAsync(p *analysis.Pass) {
	f := p.File
	for _, fn := range f.Funcs {
		if !fn.Async {
			continue
		}
		for _, call := range fn.Calls() {
			checkCallbackCall(p, fn, call)
		}
	}
}

// checkCallbackCall reports a Node-style callback API call made directly in
// an async function whose callback throws or returns a value.
func checkCallbackCall(p *analysis.Pass, fn *sem.Func, call syntax.Node) {
	cb, ok := models.LastFunctionArg(call)
	if !ok {
		return
	}
	chain, method := models.Callee(call)
	if method == "" || models.NotCallbackAPIs[method] {
		return
	}
	if awaited(call) {
		// await api(args, cb): the API also returns a promise, which a
		// throw in a synchronously called callback rejects.
		return
	}
	f := p.File
	cbFn := f.FuncOf(cb)
	if cbFn == nil {
		return
	}
	if f.ErrorHandler(cbFn) {
		// catchError(err => { ...; throw err }): only ever called with an
		// error, and the throw is how the API passes it on.
		return
	}
	errName := paramName(cb, 0)
	spec, known := knownCallbackAPI(f, call, chain, method)
	if !known && !errorCallback(cbFn, errName) {
		return
	}
	lost := lostResults(f, cbFn)
	if len(lost) == 0 {
		return
	}
	var parts []string
	var related []analysis.Related
	for _, n := range lost {
		if n.Is(syntax.KThrowStatement) {
			parts = append(parts, fmt.Sprintf("the throw at line %d", n.Line()))
			related = append(related, p.At(n, "thrown inside the callback: no caller can catch it"))
		} else {
			parts = append(parts, fmt.Sprintf("the value returned at line %d", n.Line()))
			related = append(related, p.At(n, "returned to the callback API, which ignores it"))
		}
	}
	name := strings.Join(append(append([]string{}, chain...), method), ".")
	owner := "an async function"
	if fn.Name != "" {
		owner = "async " + fn.Name + "()"
	}
	verb := "never reaches"
	if len(parts) > 1 {
		verb = "never reach"
	}
	msg := fmt.Sprintf("%s(...) reports through a callback inside %s: %s %s the caller (a throw becomes an uncaught exception, a return value is dropped), and %s's promise settles before the callback runs",
		short(name), owner, joinAnd(parts), verb, strings.TrimPrefix(owner, "async "))
	p.Report(call, msg, promiseAlternative(spec, method), related...)
}

// awaited reports whether a call's value is awaited.
func awaited(call syntax.Node) bool {
	par := call.Parent()
	for par.Is(syntax.KParenthesizedExpression, syntax.KAsExpression, syntax.KNonNullExpression) {
		par = par.Parent()
	}
	return par.Is(syntax.KAwaitExpression)
}

// paramName returns the simple name of a function literal's i-th parameter.
func paramName(fn syntax.Node, i int) string {
	var prm syntax.Node
	if ps := fn.Child(syntax.FParameters); !ps.IsNil() {
		prm = ps.NamedChild(i)
	} else if i == 0 {
		prm = fn.Child(syntax.FParameter)
	}
	if prm.Is(syntax.KRequiredParameter, syntax.KOptionalParameter) {
		prm = prm.Child(syntax.FPattern)
	}
	if prm.Is(syntax.KIdentifier) {
		return prm.Text()
	}
	return ""
}

// knownCallbackAPI reports a call of a modelled callback API: a function
// of a callback module (fs.readFile, exec from child_process), or a method
// of a client made by a callback library (mysql.createConnection()).
func knownCallbackAPI(f *sem.File, call syntax.Node, chain []string, method string) (string, bool) {
	callee := call.Child(syntax.FFunction).Unparen()
	root := callee
	for root.Is(syntax.KMemberExpression) {
		root = root.Child(syntax.FObject).Unparen()
	}
	if !root.Is(syntax.KIdentifier) {
		return "", false
	}
	b := f.Resolve(root)
	if b == nil {
		return "", false
	}
	if b.Import != nil {
		return b.Import.Spec, models.IsCallbackAPI(chain, method, b.Import.Spec, b.Import.Name)
	}
	if len(chain) != 1 {
		return "", false
	}
	// connection.query(...) with connection = mysql.createConnection(...)
	if imp := f.MadeByImport(b); imp != nil {
		return imp.Spec, models.IsCallbackClient(imp.Spec)
	}
	return "", false
}

// errorCallback reports whether a callback has the Node shape: its first
// parameter is named like an error and the body tests it (if (err), err ?
// ... : ..., !err): on success it is null.
func errorCallback(cb *sem.Func, errName string) bool {
	if !models.ErrorParamNames[errName] {
		return false
	}
	// A completion callback tests its error, which is null on success; a
	// handler registered for errors (setErrorHandler((error, req, reply) =>
	// ...)) is only called with one and uses it without a test.
	used := false
	cb.Body.Walk(func(n syntax.Node) bool {
		if used || sem.IsFunction(n) && n != cb.Node {
			return false
		}
		if !n.Is(syntax.KIdentifier) || n.Text() != errName {
			return true
		}
		par := n.Parent()
		switch {
		case par.Is(syntax.KIfStatement):
			used = true
		case par.Is(syntax.KParenthesizedExpression) && par.Parent().Is(syntax.KIfStatement):
			used = true
		case par.Is(syntax.KTernaryExpression) && n.Field() == syntax.FCondition:
			used = true
		case par.Is(syntax.KUnaryExpression) && par.Operator() == "!":
			used = true
		}
		return true
	})
	return used
}

// lostResults returns the throws and value returns of a callback's own
// body: what it hands to a caller that ignores both.
func lostResults(f *sem.File, cb *sem.Func) []syntax.Node {
	var out []syntax.Node
	if !cb.Body.Is(syntax.KStatementBlock) {
		if isLostValue(f, cb, cb.Body) {
			out = append(out, cb.Body)
		}
		return out
	}
	cb.Body.Walk(func(n syntax.Node) bool {
		if sem.IsFunction(n) {
			return false
		}
		switch {
		case n.Is(syntax.KThrowStatement):
			if !sem.Caught(n) {
				out = append(out, n)
			}
		case n.Is(syntax.KReturnStatement):
			if v := n.NamedChild(0); !v.IsNil() && !v.Is(syntax.KComment) && isLostValue(f, cb, v) {
				out = append(out, n)
			}
		}
		return true
	})
	return out
}

// dataRoots are globals whose calls compute values (JSON.parse(text)).
var dataRoots = map[string]bool{
	"JSON": true, "Object": true, "Array": true, "String": true, "Number": true, "Buffer": true, "Math": true,
}

// isLostValue reports whether a returned expression is a result the
// callback means to hand back (data), as opposed to control flow such as
// return next(err), return resolve(x), return res.status(500).send(...),
// return console.error(...), return null.
func isLostValue(f *sem.File, cb *sem.Func, v syntax.Node) bool {
	v = v.Unparen()
	switch {
	case v.Is(syntax.KNull, syntax.KUndefined, syntax.KTrue, syntax.KFalse):
		return false
	case v.Is(syntax.KUnaryExpression) && v.Operator() == "void":
		return false
	case v.Is(syntax.KIdentifier) && v.Text() == "undefined":
		return false
	case v.Is(syntax.KAssignmentExpression, syntax.KAugmentedAssignmentExpression, syntax.KUpdateExpression):
		return false // return (x = y): a side effect written as a one-liner
	case v.Is(syntax.KSequenceExpression):
		return false
	case v.Is(syntax.KCallExpression):
		return dataCall(f, cb, v)
	case v.Is(syntax.KAwaitExpression):
		return false
	}
	return true
}

// dataCall reports calls that compute a value from the callback's results:
// JSON.parse(text), rows.map(...), data.toString().
func dataCall(f *sem.File, cb *sem.Func, call syntax.Node) bool {
	callee := call.Child(syntax.FFunction).Unparen()
	if !callee.Is(syntax.KMemberExpression) {
		return false
	}
	root := callee
	for root.Is(syntax.KMemberExpression, syntax.KCallExpression, syntax.KSubscriptExpression) {
		if root.Is(syntax.KCallExpression) {
			root = root.Child(syntax.FFunction).Unparen()
			continue
		}
		root = root.Child(syntax.FObject).Unparen()
	}
	if !root.Is(syntax.KIdentifier) {
		return false
	}
	b := f.Resolve(root)
	if b == nil {
		return dataRoots[root.Text()]
	}
	// A method of one of the callback's own results (rows, text, data).
	return b.Kind == sem.BParam && b.Scope != nil && b.Scope.Node == cb.Node && b.Name != paramName(cb.Node, 0)
}

// promiseAlternative suggests the promise form of a callback API.
func promiseAlternative(spec, method string) string {
	spec = strings.TrimPrefix(spec, "node:")
	switch spec {
	case "fs", "fs-extra":
		return fmt.Sprintf("Use the promise API: const data = await fs.promises.%s(...) (or import from \"fs/promises\"), and throw or return from the async function itself.", method)
	case "dns", "zlib", "crypto", "child_process":
		return fmt.Sprintf("Use util.promisify(%s.%s) (or the module's promises API) and await it, so errors and results reach the async function's caller.", spec, method)
	case "mysql", "mysql2":
		return "Use mysql2/promise (await connection.query(sql, params)) so the error and rows reach the async function's caller."
	}
	return ""
}

// joinAnd joins phrases with commas and a final "and".
func joinAnd(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
