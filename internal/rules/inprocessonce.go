package rules

import (
	"fmt"
	"strings"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/sqltext"
	"github.com/racecheck/racecheck/internal/syntax"
)

func init() {
	register(&analysis.Rule{
		ID:       "in-process-once",
		Severity: analysis.Medium,
		Title:    "serverless handler guards shared initialisation (migrations, seeding, registration) with a module-level flag",
		Fix:      "Claim the initialisation with an atomic conditional write in shared storage (DynamoDB attribute_not_exists, INSERT ... ON CONFLICT DO NOTHING, SET key NX) or run it once at deploy time; a module flag only covers one instance.",
		Run:      runInProcessOnce,
	})
}

// handlerExports are the export names of serverless entry points: AWS
// Lambda and Netlify (handler), Next.js and similar route handlers (GET,
// POST, ...).
var handlerExports = map[string]bool{
	"handler": true, "GET": true, "POST": true, "PUT": true, "PATCH": true, "DELETE": true,
	"HEAD": true, "OPTIONS": true,
}

// handlerParams name the first parameter of a default-exported handler:
// Vercel and Netlify functions (req, res), (request, context), Lambda (event).
var handlerParams = map[string]bool{"req": true, "request": true, "event": true}

func runInProcessOnce(p *analysis.Pass) {
	f := p.File
	if f.OneProcess() || !serverlessModule(f) {
		return
	}
	f.Root().Walk(func(n syntax.Node) bool {
		if !n.Is(syntax.KIfStatement) {
			return true
		}
		fn := f.FuncAt(n)
		if fn == nil {
			return true
		}
		checkOnceFlag(p, fn, n)
		return true
	})
}

// serverlessModule reports whether a file is a serverless entry point.
func serverlessModule(f *sem.File) bool {
	for name := range f.Exports {
		if handlerExports[name] {
			return true
		}
	}
	d, ok := f.Exports["default"]
	if !ok {
		return false
	}
	v := d.Value.Unparen()
	if v.Is(syntax.KIdentifier) {
		if b := f.Resolve(v); b != nil && !b.Init.IsNil() {
			v = b.Init.Unparen()
		}
	}
	if !sem.IsFunction(v) {
		return false
	}
	fn := f.FuncOf(v)
	if fn == nil {
		return false
	}
	return fn.Name == "handler" || handlerParams[fn.ParamName(0)]
}

// checkOnceFlag reports if (!flag) { ...shared initialisation...; flag = true }
// and if (flag) return; ...shared initialisation...; flag = true.
func checkOnceFlag(p *analysis.Pass, fn *sem.Func, stmt syntax.Node) {
	f := p.File
	cond := stmt.Child(syntax.FCondition)
	flag, unsetWhenTrue := onceFlagTest(f, cond)
	if flag == nil {
		return
	}
	// The region the flag guards: the consequence when the test means
	// "not done yet", the rest of the block after an early exit otherwise.
	var region []syntax.Node
	switch {
	case unsetWhenTrue:
		region = []syntax.Node{stmt.Child(syntax.FConsequence)}
	case stmt.Child(syntax.FAlternative).IsNil() && sem.Exits(stmt.Child(syntax.FConsequence)):
		for s := stmt.NextSibling(); !s.IsNil(); s = s.NextSibling() {
			if s.Named() {
				region = append(region, s)
			}
		}
	default:
		return
	}
	if !setsFlag(f, region, flag) {
		return
	}
	init, atomic := sharedInit(p, region, 0)
	if init.IsNil() || atomic {
		return
	}
	p.Report(stmt, fmt.Sprintf("%s is a module-level flag, but every serverless instance has its own copy: concurrent cold starts all see it unset and all run %s, which changes state they share",
		flag.Name, callShort(init)), "",
		p.At(init, "the shared initialisation the flag is meant to run once"))
}

// onceFlagTest finds a module-level let/var flag tested by cond and
// reports whether cond being true means the flag is unset (!migrated,
// migrated === false).
func onceFlagTest(f *sem.File, cond syntax.Node) (*sem.Binding, bool) {
	cond = cond.Unparen()
	switch {
	case cond.Is(syntax.KUnaryExpression) && cond.Operator() == "!":
		b, unset := onceFlagTest(f, cond.Child(syntax.FArgument))
		return b, !unset
	case cond.Is(syntax.KBinaryExpression):
		op := cond.Operator()
		if op != "===" && op != "==" {
			return nil, false
		}
		l, r := cond.Child(syntax.FLeft).Unparen(), cond.Child(syntax.FRight).Unparen()
		if !l.Is(syntax.KIdentifier) {
			l, r = r, l
		}
		b, _ := onceFlagTest(f, l)
		if b == nil {
			return nil, false
		}
		switch {
		case r.Is(syntax.KFalse) || sem.IsNullish(r) || r.Text() == "0":
			return b, true
		case r.Is(syntax.KTrue):
			return b, false
		}
		return nil, false
	case cond.Is(syntax.KIdentifier):
		b := f.Resolve(cond)
		if b == nil || !b.ModuleLevel() || b.Kind != sem.BLet && b.Kind != sem.BVar {
			return nil, false
		}
		if init := b.Init.Unparen(); !init.IsNil() && !init.Is(syntax.KFalse, syntax.KNull, syntax.KUndefined) && init.Text() != "0" && init.Text() != "undefined" {
			return nil, false
		}
		return b, false
	}
	return nil, false
}

// setsFlag reports whether the region assigns the flag a truthy literal
// (done = true, done = 1): a flag, not a memoised client.
func setsFlag(f *sem.File, region []syntax.Node, flag *sem.Binding) bool {
	found := false
	for _, r := range region {
		r.Walk(func(n syntax.Node) bool {
			if found || sem.IsFunction(n) {
				return false
			}
			if n.Is(syntax.KAssignmentExpression) {
				l := n.Child(syntax.FLeft).Unparen()
				v := n.Child(syntax.FRight).Unparen()
				if l.Is(syntax.KIdentifier) && f.Resolve(l) == flag && (v.Is(syntax.KTrue) || v.Is(syntax.KNumber) && v.Text() != "0") {
					found = true
				}
			}
			return true
		})
	}
	return found
}

// sharedInit finds, in the region (and one level into project helpers it
// calls), a call that initialises shared external state, and reports
// whether the region also makes an atomic conditional write (then the flag
// only caches the result of a safe claim).
func sharedInit(p *analysis.Pass, region []syntax.Node, depth int) (syntax.Node, bool) {
	var found syntax.Node
	atomic := false
	for _, r := range region {
		r.Walk(func(n syntax.Node) bool {
			if sem.IsFunction(n) {
				return false
			}
			if n.Is(syntax.KPropertyIdentifier) && n.Text() == "ConditionExpression" {
				atomic = true
			}
			if !n.Is(syntax.KCallExpression) {
				return true
			}
			if sql, ok := sqltext.FromNode(firstArg(n)); ok {
				up := strings.ToUpper(strings.Join(strings.Fields(sql), " "))
				ddl := strings.HasPrefix(up, "CREATE ") || strings.HasPrefix(up, "ALTER ")
				if ddl || sqltext.LooksLikeSQL(sql) {
					st := sqltext.Parse(sql)
					switch {
					case st.OnConflict || strings.Contains(up, "IF NOT EXISTS"):
						atomic = true
					case ddl || st.Modifies:
						if found.IsNil() {
							found = n
						}
					}
					return true
				}
			}
			if found.IsNil() && models.IsSharedInitCall(n) {
				found = n
			}
			return true
		})
	}
	if !found.IsNil() || depth > 0 || p.Project == nil {
		return found, atomic
	}
	// await init(): look into the project helper.
	for _, r := range region {
		var helper syntax.Node
		r.Walk(func(n syntax.Node) bool {
			if !helper.IsNil() || sem.IsFunction(n) {
				return false
			}
			if n.Is(syntax.KCallExpression) {
				if _, fn := p.Project.ResolveCall(p.File, n); fn != nil && !fn.Body.IsNil() {
					if inner, a := sharedInit(p, []syntax.Node{fn.Body}, depth+1); !inner.IsNil() && !a {
						helper = n
					}
				}
			}
			return true
		})
		if !helper.IsNil() {
			return helper, atomic
		}
	}
	return found, atomic
}

func firstArg(call syntax.Node) syntax.Node {
	if args := models.Args(call); len(args) > 0 {
		return args[0]
	}
	return syntax.Node{}
}
