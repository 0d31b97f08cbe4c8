// Package sem is racecheck's semantic core: for one file, its scopes and
// bindings, imports and exports, functions and their facts (async, returns a
// promise, await points), the guards that decide a statement and the contexts
// it runs in (a transaction callback, a lock's critical section); for the
// project, an index that resolves imports across files.
//
// Rules read this model; they never parse source themselves.
package sem

import (
	"github.com/racecheck/racecheck/internal/models"
	pathpkg "path"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/racecheck/racecheck/internal/syntax"
)

// File is the semantic model of one source file.
type File struct {
	Path string // as reported: relative to the working directory, forward slashes
	Abs  string // absolute path, for resolving imports
	TS   bool   // TypeScript (types may be present)
	Tree *syntax.Tree

	Module *Scope
	scopes map[int32]*Scope

	Funcs      []*Func
	funcByNode map[int32]*Func

	Exports     map[string]*Export
	StarExports []string // export * from "..."
	Specs       []string // every module specifier the file mentions
	// typeOnly holds the specifiers that only type-only imports and
	// exports mention (import type, export type ... from): see Loads.
	typeOnly map[string]bool

	// SingleProcess marks a file whose code does not run concurrently
	// with copies of itself (tests, and the "singleProcess" globs of the
	// configuration).
	SingleProcess bool
	// Test marks a test file: indexed, but not checked.
	Test bool
	// LintIgnored marks a file the project's ESLint configuration ignores
	// (vendored or generated code): indexed, not checked.
	LintIgnored bool
	// Outside marks a file of a workspace package outside the scanned
	// paths that scanned files import: indexed, so that calls into it are
	// followed, but not checked.
	Outside bool
	// RejectionLogger names the framework the file's package runs under
	// when that framework logs unhandled rejections instead of ending the
	// process ("Next.js"), or is "".
	RejectionLogger string

	project *Project

	productsMu sync.Mutex
	products   map[*Func]bool // factories whose products outlive one call (see productsShared)

	absDir string // path.Dir(Abs), see dir

	mentionsOnce sync.Once
	mentions     []uint64 // see SourceHas

	calleesMu sync.Mutex
	callees   []*callee // by index in Calls, see Project.ResolveCall

	classifiedMu sync.Mutex
	classified   []*models.Access // by index in Calls, see Classify

	callsOnce sync.Once
	calls     []syntax.Node // see Calls

	summaries      sync.Map    // summaryKey -> summary, see summarize
	latencies      sync.Map    // latencyKey -> models.Latency, see funcLatency
	accesses       sync.Map    // *Func -> []models.Access, see Accesses
	written        sync.Map    // *Func -> []StateRef, see WrittenState
	consulted      sync.Map    // *File (or a fact's node) -> true: what is recorded in Project.deps
	importersNoted atomic.Bool // its importers are recorded in Project.deps

	onceInit sync.Once
	once     map[*Func]bool // see RunsOnce
	seqOnce  map[*Func]bool // see NeverOverlaps

	browserOnce    sync.Once
	browser        bool
	ownBrowserOnce sync.Once
	ownBrowserV    bool
}

// NewFile builds the model of a parsed file.
func NewFile(path, abs string, ts bool, tree *syntax.Tree) *File {
	f := &File{Path: path, Abs: abs, TS: ts, Tree: tree, absDir: pathpkg.Dir(abs)}
	f.buildScopes()
	f.collectFuncs()
	f.collectExports()
	f.collectLooseRequires()
	f.ownBrowser() // while files are modelled in parallel: the project reads it of every file
	return f
}

// collectLooseRequires adds to Specs the modules required or imported
// anywhere else than a declaration's initialiser (exports.a =
// require("./a"), app.use(require("./routes")), await import("./x")), so
// that the import graph holds every module the file loads.
func (f *File) collectLooseRequires() {
	if !f.SourceHas(requireWords...) {
		return
	}
	have := make(map[string]bool, len(f.Specs))
	for _, s := range f.Specs {
		have[s] = true
	}
	for _, c := range f.Calls() {
		if spec, ok := RequireSpec(c); ok && !have[spec] {
			have[spec] = true
			f.addSpec(spec, false)
		} else if ok && f.typeOnly[spec] {
			f.typeOnly[spec] = false
		}
	}
}

// addSpec records a module specifier the file mentions; typeOnly marks a
// mention that loads nothing when the code runs (import type, export
// type ... from, an import of types only).
func (f *File) addSpec(spec string, typeOnly bool) {
	f.Specs = append(f.Specs, spec)
	if f.typeOnly == nil {
		f.typeOnly = map[string]bool{}
	}
	if _, seen := f.typeOnly[spec]; !seen || !typeOnly {
		f.typeOnly[spec] = typeOnly
	}
}

// Loads reports whether the module a specifier names is loaded when the
// file runs: false when only type-only imports and exports mention it,
// which TypeScript erases.
func (f *File) Loads(spec string) bool { return !f.typeOnly[spec] }

// requireWords are what a file that loads modules by call mentions.
var requireWords = Needles("require(", "import(")

// dir is the directory of the file's absolute path.
func (f *File) dir() string { return f.absDir }

// Root is the program node.
func (f *File) Root() syntax.Node { return f.Tree.Root() }

// Project returns the project the file belongs to (nil before indexing).
func (f *File) Project() *Project { return f.project }

// Func holds the facts about one function.
type Func struct {
	Node      syntax.Node
	Name      string // declared or inferred name ("" if anonymous)
	Async     bool
	Generator bool
	Arrow     bool
	Body      syntax.Node
	Outer     *Func       // the enclosing function, nil at module level
	Class     syntax.Node // the class, for methods and field initialisers
	// Awaits are the await expressions and for-await loops of this function's
	// own body (not of nested functions), in source order.
	Awaits []syntax.Node
	// Returns are the expressions the function returns (an arrow's expression
	// body, the arguments of its return statements).
	Returns []syntax.Node

	promiseType    bool // a Promise<...> return type
	ReturnsPromise bool // settled by the project index
}

// Params returns the function's parameter nodes.
func (fn *Func) Params() []syntax.Node {
	if ps := fn.Node.Child(syntax.FParameters); !ps.IsNil() {
		return ps.NamedChildren()
	}
	if p := fn.Node.Child(syntax.FParameter); !p.IsNil() {
		return []syntax.Node{p}
	}
	return nil
}

// ParamIndex returns the index of the parameter that declares b, or -1.
func (fn *Func) ParamIndex(b *Binding) int {
	if b == nil || b.Kind != BParam {
		return -1
	}
	for i, prm := range fn.Params() {
		if prm.Contains(b.Decl) {
			return i
		}
	}
	return -1
}

// ParamName returns the simple name of the i-th parameter, or "".
func (fn *Func) ParamName(i int) string {
	ps := fn.Params()
	if i >= len(ps) {
		return ""
	}
	p := ps[i]
	if p.Is(syntax.KRequiredParameter, syntax.KOptionalParameter) {
		p = p.Child(syntax.FPattern)
	}
	if p.Is(syntax.KAssignmentPattern) {
		p = p.Child(syntax.FLeft)
	}
	if p.Is(syntax.KIdentifier) {
		return p.Text()
	}
	return ""
}

// FuncOf returns the facts of a function node.
func (f *File) FuncOf(n syntax.Node) *Func { return f.funcByNode[n.ID()] }

// FuncAt returns the innermost function containing n (n itself if it is a
// function), or nil at module level.
func (f *File) FuncAt(n syntax.Node) *Func {
	for m := n; !m.IsNil(); m = m.Parent() {
		if fn, ok := f.funcByNode[m.ID()]; ok {
			return fn
		}
	}
	return nil
}

// EnclosingFunc returns the innermost function strictly containing n.
func (f *File) EnclosingFunc(n syntax.Node) *Func { return f.FuncAt(n.Parent()) }

func (f *File) collectFuncs() {
	f.funcByNode = map[int32]*Func{}
	f.Tree.Root().EachOf(func(n syntax.Node) bool {
		fn := &Func{
			Node:      n,
			Async:     n.HasToken("async"),
			Generator: n.Is(syntax.KGeneratorFunction, syntax.KGeneratorFunctionDeclaration) || n.HasToken("*"),
			Arrow:     n.Is(syntax.KArrowFunction),
			Body:      n.Child(syntax.FBody),
			Outer:     f.FuncAt(n.Parent()),
			Name:      inferName(n),
		}
		if cls := n.Ancestor(syntax.KClassBody); !cls.IsNil() && (n.Is(syntax.KMethodDefinition) || n.Parent().Is(syntax.KPublicFieldDefinition, syntax.KFieldDefinition)) {
			fn.Class = cls.Parent()
		}
		if rt := n.Child(syntax.FReturnType); !rt.IsNil() {
			t := strings.TrimSpace(strings.TrimPrefix(rt.Text(), ":"))
			fn.promiseType = strings.HasPrefix(t, "Promise<") || t == "Promise" || strings.HasPrefix(t, "PromiseLike<")
		}
		f.funcByNode[n.ID()] = fn
		f.Funcs = append(f.Funcs, fn)
		return true
	}, functionKinds...)
	for _, fn := range f.Funcs {
		fn.collectBody()
	}
}

// collectBody gathers the awaits and returned expressions of fn's own body.
func (fn *Func) collectBody() {
	if fn.Body.IsNil() {
		return
	}
	if !fn.Body.Is(syntax.KStatementBlock) {
		fn.Returns = append(fn.Returns, fn.Body)
	}
	fn.Body.Walk(func(n syntax.Node) bool {
		if isFunction(n) {
			return false
		}
		switch {
		case n.Is(syntax.KAwaitExpression):
			fn.Awaits = append(fn.Awaits, n)
		case n.Is(syntax.KForInStatement) && n.HasToken("await"):
			fn.Awaits = append(fn.Awaits, n)
		case n.Is(syntax.KReturnStatement):
			if v := n.NamedChild(0); !v.IsNil() {
				fn.Returns = append(fn.Returns, v)
			}
		}
		return true
	})
}

// inferName finds the name a function is known by: its own, the variable or
// property it is assigned to, or its method name.
func inferName(n syntax.Node) string {
	if name := n.Child(syntax.FName); !name.IsNil() {
		return name.Text()
	}
	p := n.Parent()
	for p.Is(syntax.KParenthesizedExpression, syntax.KAsExpression, syntax.KSatisfiesExpression) {
		p = p.Parent()
	}
	switch {
	case p.Is(syntax.KVariableDeclarator, syntax.KPublicFieldDefinition, syntax.KFieldDefinition):
		return p.Child(syntax.FName).Text()
	case p.Is(syntax.KPair):
		return strings.Trim(p.Child(syntax.FKey).Text(), `"'`)
	case p.Is(syntax.KAssignmentExpression):
		return p.Child(syntax.FLeft).Text()
	}
	return ""
}

// AwaitsBetween reports the awaits of fn that lie after a and before b in
// source order (both nodes inside fn).
func (fn *Func) AwaitsBetween(a, b syntax.Node) []syntax.Node {
	var out []syntax.Node
	for _, w := range fn.Awaits {
		if w.Start() >= a.End() && w.End() <= b.Start() {
			out = append(out, w)
		}
	}
	return out
}

// InLoop reports whether n sits in a loop body within fn.
func (fn *Func) InLoop(n syntax.Node) bool {
	for m := n.Parent(); !m.IsNil() && m != fn.Node; m = m.Parent() {
		if m.Is(syntax.KForStatement, syntax.KForInStatement, syntax.KWhileStatement, syntax.KDoStatement) {
			return true
		}
	}
	return false
}

// Calls returns the file's call expressions in source (pre-)order,
// collected once: most rules look only at calls.
func (f *File) Calls() []syntax.Node {
	f.callsOnce.Do(func() {
		f.Root().EachOf(func(n syntax.Node) bool {
			f.calls = append(f.calls, n)
			return true
		}, syntax.KCallExpression)
	})
	return f.calls
}

// EachCall calls fn for each call expression of the file in source order,
// until fn returns false.
func (f *File) EachCall(fn func(call syntax.Node) bool) {
	for _, c := range f.Calls() {
		if !fn(c) {
			return
		}
	}
}
