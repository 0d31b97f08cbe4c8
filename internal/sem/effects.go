package sem

import (
	"sort"
	"strconv"
	"strings"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/sqltext"
	"github.com/racecheck/racecheck/internal/syntax"
)

// This file holds the facts about external state that the data-store rules
// share: what a call reads or writes (StoreAccess, including helpers of the
// project classified from their bodies), which record it picks (KeyAtoms,
// SameRecord), how a function holds a read's value (ResultVars, ValueUses),
// and whether a statement runs in a transaction (InTransaction, Isolated).

// env adapts a File to models.Env.
type env struct{ f *File }

func (e env) ImportSpec(call syntax.Node) string { return e.f.importSpecOf(call) }

func (e env) Init(id syntax.Node) syntax.Node {
	b := e.f.Resolve(id)
	if b == nil || b.Import != nil || b.Init.IsNil() || b.Init == b.Decl || isFunction(b.Init) {
		return syntax.Node{}
	}
	if b.Kind != BConst && b.Kind != BLet && b.Kind != BVar {
		return syntax.Node{}
	}
	// The initialiser of a destructured name is not the name's value.
	if d := b.Decl.Parent(); !d.Is(syntax.KVariableDeclarator) {
		return syntax.Node{}
	}
	return b.Init
}

func (e env) Repository(recv syntax.Node) bool { return e.f.repositoryEntity(recv) != "" }

// Env returns the file as a models.Env.
func (f *File) Env() models.Env { return env{f} }

// StoreAccess says what a call does to external state: a known library
// call (SQL, ORM, query builder, redis, HTTP), or a helper of the project
// classified from its body (a helper whose body writes to a store is a
// write), or, when the helper cannot be resolved, from its name if the call
// is awaited or returned. Only the outermost call of a chain is an access.
func (f *File) StoreAccess(call syntax.Node) (models.Access, bool) {
	return f.storeAccess(call, helperDepth, nil)
}

// Classify is models.ClassifyStore for a call of this file, memoised: the
// access a library call makes is asked about by many rules.
func (f *File) Classify(call syntax.Node) (models.Access, bool) {
	calls := f.Calls()
	i := sort.Search(len(calls), func(i int) bool { return calls[i].ID() >= call.ID() })
	if i == len(calls) || calls[i] != call {
		return models.ClassifyStore(call, env{f})
	}
	f.classifiedMu.Lock()
	if f.classified == nil {
		f.classified = make([]*models.Access, len(calls))
	}
	c := f.classified[i]
	f.classifiedMu.Unlock()
	if c != nil {
		return *c, c != &notStore
	}
	a, ok := models.ClassifyStore(call, env{f})
	c = &notStore
	if ok {
		c = &a
	}
	f.classifiedMu.Lock()
	f.classified[i] = c
	f.classifiedMu.Unlock()
	return a, ok
}

// notStore marks a memoised Classify of a call that is no store access.
var notStore models.Access

// helperDepth is how many helper calls deep a helper's body is followed.
const helperDepth = 3

// storeAccess is StoreAccess for a call made where the parameters of the
// function it is in have the values in (nil: unknown).
func (f *File) storeAccess(call syntax.Node, budget int, in *ArgValues) (models.Access, bool) {
	if !call.Is(syntax.KCallExpression) || models.IsChainLink(call) {
		return models.Access{}, false
	}
	if a, ok := f.wrapperAccess(call); ok {
		return a, true
	}
	if a, ok := f.Classify(call); ok {
		return a, true
	}
	if isLibraryCall(f, call) {
		return models.Access{}, false
	}
	if p := f.project; p != nil {
		if hf, fn := p.ResolveCall(f, call); fn != nil {
			sum := summarize(hf, fn, budget, argValuesOf(f, call, fn, in))
			if sum.op == models.OpNone {
				return models.Access{}, false
			}
			if one := sum.single; one != nil {
				return atCallSite(hf, fn, one, call, hf == f && calledOnThis(call)), true
			}
			a, ok := models.HelperAccess(call)
			if !ok {
				a = models.Access{Kind: models.StoreHelper, WholeValue: true, Keys: models.Args(call)}
				_, a.Method = models.Callee(call)
			}
			a.Call = call
			a.Named = false
			a.Op, a.Atomic, a.Locking = sum.op, sum.atomic, sum.locking
			a.NoValue = sum.op == models.OpRead && !hf.returnsRead(fn)
			if a.Resource == "" {
				a.Resource = sum.resource
			}
			return a, true
		}
	}
	if !awaitedOrReturned(call) {
		return models.Access{}, false
	}
	a, ok := models.HelperAccess(call)
	if ok {
		a.Call = call
	}
	return a, ok
}

// isLibraryCall reports calls of imported packages, which the helper
// naming convention does not describe (lodash get, path.resolve, ...). An
// import that resolves to a project file (through tsconfig paths or
// baseUrl, package.json imports or a workspace package) is not a library.
func isLibraryCall(f *File, call syntax.Node) bool {
	spec := f.importSpecOf(call)
	if spec == "" || strings.HasPrefix(spec, ".") || strings.HasPrefix(spec, "/") || strings.HasPrefix(spec, "@/") || strings.HasPrefix(spec, "~") || strings.HasPrefix(spec, "#") {
		return false
	}
	return f.project == nil || f.project.ResolveSpec(f, spec) == nil
}

// awaitedOrReturned reports whether a call's promise is awaited or returned.
func awaitedOrReturned(call syntax.Node) bool {
	p := call.Parent()
	for p.Is(syntax.KParenthesizedExpression, syntax.KAsExpression, syntax.KNonNullExpression) {
		p = p.Parent()
	}
	if p.Is(syntax.KAwaitExpression, syntax.KReturnStatement, syntax.KYieldExpression) {
		return true
	}
	return p.Is(syntax.KArrowFunction) && p.Child(syntax.FBody).Unparen() == call.Unparen()
}

// summary is what a helper's body does to external state.
type summary struct {
	op       models.Op
	atomic   bool
	locking  bool
	resource string
	// single is the helper's one store access when it makes exactly one
	// (one write, or one read and no write), outside a transaction or lock
	// of its own, or nil.
	single *models.Access
}

// summaryKey keys the summaries a file caches (File.summaries): by
// function, remaining depth and the parameter values the body is read
// under. A summary depends on nothing else, so the cache gives the same
// answers whatever order files are analysed in; it lives and dies with
// the file, so a long-running server does not keep every run's functions
// alive.
type summaryKey struct {
	fn     *Func
	budget int
	args   string // ArgValues.key of the values the body is read under
}

// summarize classifies a helper from its body: a write if it writes to a
// store (an atomic write only if all its writes are atomic), a read if it
// only reads, none otherwise. Helpers it calls are followed while budget
// lasts. Callbacks it hands to calls count; functions it keeps as an
// object's or a class's members (memberFunction) do not: someone else may
// call them later, not this call.
func summarize(f *File, fn *Func, budget int, av *ArgValues) summary {
	if budget <= 0 || fn.Body.IsNil() {
		return summary{}
	}
	key := summaryKey{fn, budget, av.key()}
	if s, ok := f.summaries.Load(key); ok {
		return s.(summary)
	}
	var s summary
	reads, writes, atomics := 0, 0, 0
	resources := map[string]bool{}
	var all []models.Access
	fn.Body.EachOf(func(n syntax.Node) bool {
		if f.inMemberFunction(fn, n) {
			return true // { onFlag: async () => ... }: kept for a later call, not run by this one
		}
		if !av.Live(f, n) {
			return true // a branch the call's arguments rule out
		}
		a, ok := f.storeAccess(n, budget-1, av)
		if !ok {
			return true
		}
		resources[a.Resource] = true
		all = append(all, a)
		switch {
		case a.Op == models.OpRead:
			reads++
			s.locking = s.locking || a.Locking
		case a.Atomic || a.Op == models.OpUpsert:
			atomics++
		default:
			if writes == 0 {
				s.op = a.Op
			}
			writes++
		}
		return true
	}, syntax.KCallExpression)
	switch {
	case writes > 0:
	case atomics > 0:
		s.op, s.atomic = models.OpIncr, true
	case reads > 0:
		s.op = models.OpRead
	}
	if len(resources) == 1 {
		for r := range resources {
			s.resource = r
		}
	}
	s.single = f.singleAccess(all)
	f.summaries.Store(key, s)
	return s
}

// inMemberFunction reports whether n, in fn's body, is inside a function
// that fn's body keeps as an object's or a class's member.
func (f *File) inMemberFunction(fn *Func, n syntax.Node) bool {
	for g := f.FuncAt(n); g != nil && g != fn; g = g.Outer {
		if memberFunction(g.Node) {
			return true
		}
	}
	return false
}

// --- record identity ---

// KeyAtoms returns canonical forms of what an expression identifies a
// record by: a variable (by its declaration), a member chain
// (req.params.id), a literal, or a template/concatenation as a whole
// (`quota:${apiKey}`). Conversions (String(id), Number(id), new
// ObjectId(id), id.toString()) are looked through.
func (f *File) KeyAtoms(n syntax.Node) []string {
	n = unwrapConversion(n.Unparen())
	if n.IsNil() {
		return nil
	}
	if n.Is(syntax.KIdentifier) {
		if b := f.Resolve(n); b != nil && b.Kind == BConst && !b.Init.IsNil() && b.Decl.Parent().Is(syntax.KVariableDeclarator) {
			if v := b.Init.Unparen(); v.Is(syntax.KTemplateString, syntax.KBinaryExpression) {
				return []string{f.canonical(n), f.canonical(v)}
			}
		}
	}
	if n.Is(syntax.KObject) {
		var out []string
		for _, fl := range models.ObjectFields(n) {
			out = append(out, f.KeyAtoms(fl.Value)...)
		}
		return out
	}
	return []string{f.canonical(n)}
}

// unwrapConversion looks through String(x), Number(x), new ObjectId(x),
// x.toString() and the like.
func unwrapConversion(n syntax.Node) syntax.Node {
	for {
		n = n.Unparen()
		switch {
		case n.Is(syntax.KCallExpression):
			chain, m := models.Callee(n)
			args := models.Args(n)
			switch {
			case len(chain) == 0 && len(args) == 1 && (m == "String" || m == "Number" || m == "parseInt" || m == "parseFloat" || m == "BigInt" || m == "ObjectId" || m == "toObjectId"):
				n = args[0]
				continue
			case len(chain) > 0 && len(args) == 0 && (m == "toString" || m == "toHexString" || m == "trim" || m == "toLowerCase"):
				n = models.Receiver(n)
				continue
			case len(chain) > 0 && m == "ObjectId" && len(args) == 1:
				n = args[0]
				continue
			}
		case n.Is(syntax.KNewExpression):
			c := n.Child(syntax.FConstructor).Text()
			if a := n.Child(syntax.FArguments).NamedChildren(); len(a) == 1 && (strings.HasSuffix(c, "ObjectId") || strings.HasSuffix(c, "ObjectID")) {
				n = a[0]
				continue
			}
		}
		return n
	}
}

// Canonical renders an expression with its variables replaced by their
// declarations: two expressions with the same canonical form compute the
// same value.
func (f *File) Canonical(n syntax.Node) string { return f.canonical(n) }

// canonical renders an expression with its variables replaced by their
// declarations, so that two mentions of the same variable compare equal.
func (f *File) canonical(n syntax.Node) string {
	var b strings.Builder
	f.writeCanonical(&b, n)
	return b.String()
}

func (f *File) writeCanonical(b *strings.Builder, n syntax.Node) {
	n = n.Unparen()
	switch {
	case n.IsNil():
	case n.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier):
		if bd := f.Resolve(n); bd != nil {
			b.WriteString("#")
			b.WriteString(strconv.Itoa(int(bd.Decl.ID())))
			return
		}
		b.WriteString(n.Text())
	case n.Is(syntax.KMemberExpression):
		f.writeCanonical(b, n.Child(syntax.FObject))
		b.WriteString(".")
		b.WriteString(n.Child(syntax.FProperty).Text())
	case n.Is(syntax.KString):
		s := n.Text()
		if len(s) >= 2 {
			s = s[1 : len(s)-1]
		}
		b.WriteString("'")
		b.WriteString(s)
		b.WriteString("'")
	case n.Is(syntax.KTemplateString):
		b.WriteString("'")
		t := n.Text()
		last := n.Start() + 1
		for c := n.FirstChild(); !c.IsNil(); c = c.NextSibling() {
			if c.Is(syntax.KTemplateSubstitution) {
				b.WriteString(t[last-n.Start() : c.Start()-n.Start()])
				b.WriteString("${")
				f.writeCanonical(b, c.NamedChild(0))
				b.WriteString("}")
				last = c.End()
			}
		}
		if end := n.End() - 1; end > last {
			b.WriteString(t[last-n.Start() : end-n.Start()])
		}
		b.WriteString("'")
	case n.NamedChild(0).IsNil():
		b.WriteString(n.Text())
	default:
		b.WriteString("(")
		for c := n.FirstChild(); !c.IsNil(); c = c.NextSibling() {
			if !c.Named() {
				b.WriteString(c.Text())
				continue
			}
			f.writeCanonical(b, c)
			b.WriteString(" ")
		}
		b.WriteString(")")
	}
}

// RecordKeys returns the key atoms of an access: its where values and
// extra keys (not the values it writes).
func (f *File) RecordKeys(a *models.Access) []string {
	var out []string
	for _, w := range a.Where {
		if !w.Cond {
			out = append(out, f.KeyAtoms(w.Value)...)
		}
	}
	for _, k := range a.Keys {
		out = append(out, f.KeyAtoms(k)...)
	}
	return out
}

// ShareAtom reports whether two lists of key atoms have one in common.
func ShareAtom(a, b []string) bool {
	for _, x := range a {
		if x == "" {
			continue
		}
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// NormName normalises a table, model, field or helper noun for comparison:
// lower case, no underscores or dashes, without a repository/service/model
// suffix and a plural s: "user_accounts", "UserAccount" and
// "userAccountRepository" are all "useraccount".
func NormName(s string) string {
	s = strings.ToLower(s)
	s = strings.NewReplacer("_", "", "-", "", "$", "", "\"", "", "`", "").Replace(s)
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		s = s[i+1:]
	}
	for _, suf := range []string{"repository", "repo", "service", "model", "collection", "table", "store", "dao", "entity"} {
		if t := strings.TrimSuffix(s, suf); t != "" && t != s {
			s = t
			break
		}
	}
	switch {
	case strings.HasSuffix(s, "ies") && len(s) > 4:
		s = s[:len(s)-3] + "y"
	case strings.HasSuffix(s, "ses") || strings.HasSuffix(s, "xes"):
		s = s[:len(s)-2]
	case strings.HasSuffix(s, "s") && !strings.HasSuffix(s, "ss") && len(s) > 3:
		s = s[:len(s)-1]
	}
	return s
}

// SameResource reports whether two accesses touch the same table, model,
// collection or key space. Helpers compare by noun (getCredits and
// setCredits); a helper noun that extends the other (getUser,
// updateUserSettings) counts as the same.
func SameResource(a, b *models.Access) bool {
	if a.Kind == models.StoreRedis || b.Kind == models.StoreRedis || a.Kind == models.StoreHTTP || b.Kind == models.StoreHTTP {
		return a.Kind == b.Kind
	}
	x, y := NormName(a.Resource), NormName(b.Resource)
	if x == "" || y == "" {
		return false
	}
	if x == y {
		return true
	}
	if a.Kind == models.StoreHelper || b.Kind == models.StoreHelper {
		return strings.HasPrefix(x, y) || strings.HasPrefix(y, x)
	}
	return false
}

// --- values of reads ---

// ResultVar is a variable that holds (part of) an awaited call's value:
// const { rows } = await pool.query(...) gives rows with no path,
// const { balance } = await getAccount(id) gives balance with path
// ["balance"].
type ResultVar struct {
	Binding *Binding
	Path    []string
	// Node is the expression the value flows from (the await, or an
	// access on it).
	Node syntax.Node
}

// transparent are wrapper names between a query result and its fields:
// result.rows[0].balance is the balance field.
var transparent = map[string]bool{
	"rows": true, "data": true, "body": true, "result": true, "results": true, "records": true,
	"recordset": true, "Item": true, "Items": true, "dataValues": true, "0": true, "docs": true,
}

// ValueExpr returns the outermost expression that carries an awaited call's
// value (the await itself, or (await q).rows[0], Number(await get(k)),
// await get(k) || 0) and the field path it adds.
func ValueExpr(call syntax.Node) (syntax.Node, []string) {
	e := call
	p := e.Parent()
	for p.Is(syntax.KParenthesizedExpression, syntax.KAsExpression, syntax.KNonNullExpression, syntax.KSatisfiesExpression) {
		e, p = p, p.Parent()
	}
	if !p.Is(syntax.KAwaitExpression) {
		return syntax.Node{}, nil
	}
	return climbAccess(p)
}

// climbAccess follows member accesses, numeric subscripts, conversions
// and defaults up from e.
func climbAccess(e syntax.Node) (syntax.Node, []string) {
	var path []string
	for {
		p := e.Parent()
		for p.Is(syntax.KParenthesizedExpression, syntax.KAsExpression, syntax.KNonNullExpression, syntax.KSatisfiesExpression) {
			e, p = p, p.Parent()
		}
		switch {
		case p.Is(syntax.KMemberExpression) && p.Child(syntax.FObject) == e:
			if gp := p.Parent(); gp.Is(syntax.KCallExpression) && gp.Child(syntax.FFunction) == p {
				return e, path // a method call on the value
			}
			path = append(path, p.Child(syntax.FProperty).Text())
			e = p
		case p.Is(syntax.KSubscriptExpression) && p.Child(syntax.FObject) == e:
			idx := p.Child(syntax.FIndex).Unparen()
			switch {
			case idx.Is(syntax.KNumber):
			case idx.Is(syntax.KString):
				s := idx.Text()
				path = append(path, s[1:len(s)-1])
			default:
				return e, path
			}
			e = p
		case p.Is(syntax.KArguments) && isConversion(p.Parent()):
			e = p.Parent()
		case p.Is(syntax.KBinaryExpression) && (p.Operator() == "||" || p.Operator() == "??") && p.Child(syntax.FLeft) == e:
			e = p
		case p.Is(syntax.KBinaryExpression) && p.Operator() == "??" && p.Child(syntax.FRight) == e && len(path) == 0:
			// input.user ?? (await findUser(id)): the value when none was given.
			e = p
		default:
			return e, path
		}
	}
}

func isConversion(call syntax.Node) bool {
	chain, m := models.Callee(call)
	if len(chain) == 0 {
		switch m {
		case "Number", "parseInt", "parseFloat", "String", "BigInt", "Boolean":
			return true
		}
	}
	return len(chain) == 1 && chain[0] == "JSON" && m == "parse"
}

// ResultVars returns the variables an awaited call's value is stored in.
func (f *File) ResultVars(call syntax.Node) []ResultVar {
	e, path := ValueExpr(call)
	if e.IsNil() {
		return nil
	}
	return f.varsFrom(e, path)
}

// varsFrom returns the variables e's value is stored in.
func (f *File) varsFrom(e syntax.Node, path []string) []ResultVar {
	p := e.Parent()
	for p.Is(syntax.KParenthesizedExpression) {
		p = p.Parent()
	}
	var out []ResultVar
	switch {
	case p.Is(syntax.KVariableDeclarator) && p.Child(syntax.FValue).Unparen() == e.Unparen():
		f.patternVars(p.Child(syntax.FName), path, e, &out)
	case p.Is(syntax.KAssignmentExpression) && p.Child(syntax.FRight).Unparen() == e.Unparen():
		if l := p.Child(syntax.FLeft); l.Is(syntax.KIdentifier) {
			if b := f.Resolve(l); b != nil {
				out = append(out, ResultVar{Binding: b, Path: path, Node: e})
			}
		} else {
			f.patternVars(l, path, e, &out)
		}
	}
	return out
}

func (f *File) patternVars(pat syntax.Node, path []string, e syntax.Node, out *[]ResultVar) {
	pat = pat.Unparen()
	switch {
	case pat.Is(syntax.KIdentifier):
		if b := f.Resolve(pat); b != nil {
			*out = append(*out, ResultVar{Binding: b, Path: path, Node: e})
		}
	case pat.Is(syntax.KObjectPattern):
		for _, c := range pat.NamedChildren() {
			switch {
			case c.Is(syntax.KShorthandPropertyIdentifierPattern):
				if b := f.Resolve(c); b != nil {
					*out = append(*out, ResultVar{Binding: b, Path: appendPath(path, c.Text()), Node: e})
				}
			case c.Is(syntax.KPairPattern):
				k := strings.Trim(c.Child(syntax.FKey).Text(), `"'`)
				f.patternVars(c.Child(syntax.FValue), appendPath(path, k), e, out)
			case c.Is(syntax.KObjectAssignmentPattern):
				if l := c.Child(syntax.FLeft); !l.IsNil() {
					if b := f.Resolve(l); b != nil {
						*out = append(*out, ResultVar{Binding: b, Path: appendPath(path, l.Text()), Node: e})
					}
				}
			}
		}
	case pat.Is(syntax.KArrayPattern):
		for _, c := range pat.NamedChildren() {
			f.patternVars(c, path, e, out)
		}
	case pat.Is(syntax.KAssignmentPattern):
		f.patternVars(pat.Child(syntax.FLeft), path, e, out)
	}
}

func appendPath(path []string, s string) []string {
	out := make([]string, 0, len(path)+1)
	return append(append(out, path...), s)
}

// TestKind says how a condition looks at a value.
type TestKind int

// Test kinds.
const (
	TestNone   TestKind = iota
	TestExists          // !x, x == null, rows.length, rowCount === 0
	TestValue           // x.balance >= amount, used > 1000, status === "paid"
)

// ValueUse is one use of a read's value in an expression.
type ValueUse struct {
	Node  syntax.Node // the outermost access (rows[0].balance)
	Field string      // the field looked at; "*" for the whole value; "" for existence
	Test  TestKind
	// Strong is set for tests that a concurrent write can invalidate in a
	// way that matters: comparisons of a field, order comparisons and
	// arithmetic on the whole value, and equality of the whole value with a
	// literal. Equality of a whole value with another variable (a token, the
	// new content) is weak: it is an identity or no-op check.
	Strong bool
	// Op is the comparison operator, "truthy" for a plain truth test, or "".
	Op string
	// Const is the literal compared against ("null" for null and
	// undefined), or "".
	Const string
	// Other is the other operand of the comparison, or no node.
	Other syntax.Node
}

// existenceFields tell whether rows came back, not what they hold.
var existenceFields = map[string]bool{
	"length": true, "rowCount": true, "size": true, "affectedRows": true, "changes": true,
	"rowsAffected": true, "matchedCount": true, "deletedCount": true, "totalDocs": true,
}

// ReadVars returns the variables a read access's value is stored in, with
// the field it returns (HGET key field) as the start of their paths.
func (f *File) ReadVars(a *models.Access) []ResultVar {
	if a.NoValue {
		return nil
	}
	vs := f.ResultVars(a.Call)
	if a.Field != "" {
		for i := range vs {
			vs[i].Path = append([]string{a.Field}, vs[i].Path...)
		}
	}
	return vs
}

// ValueUses finds the uses, inside n, of the variables vars (and of the
// read itself when n contains it) and says what each looks at.
func (f *File) ValueUses(n syntax.Node, vars []ResultVar, read *models.Access) []ValueUse {
	var out []ValueUse
	n.Walk(func(m syntax.Node) bool {
		if isFunction(m) {
			return false
		}
		switch {
		case read != nil && m == read.Call:
			if e, path := ValueExpr(read.Call); !e.IsNil() && !read.NoValue {
				if read.Field != "" {
					path = append([]string{read.Field}, path...)
				}
				out = append(out, classifyUse(e, path))
			}
			return false
		case m.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier):
			for _, v := range vars {
				if m.Text() == v.Binding.Name && m != v.Binding.Decl && f.Resolve(m) == v.Binding && !f.superseded(v, m) && !exclusive(v.Node, m) {
					e, path := climbAccess(m)
					out = append(out, classifyUse(e, append(append([]string{}, v.Path...), path...)))
				}
			}
		}
		return true
	})
	return out
}

// classifyUse decides what a use looks at from its field path and the
// expression around it.
func classifyUse(e syntax.Node, path []string) ValueUse {
	u := ValueUse{Node: e}
	field := ""
	for _, p := range path {
		if existenceFields[p] {
			if field == "" {
				u.Test = TestExists // rows.length: whether the read found anything
				return u
			}
			break // team.members.length: the size of a field is its value
		}
		if !transparent[p] {
			field = p
		}
	}
	p := e.Parent()
	for p.Is(syntax.KParenthesizedExpression) {
		e, p = p, p.Parent()
	}
	var other syntax.Node
	switch {
	case p.Is(syntax.KUnaryExpression) && p.HasToken("typeof"):
		u.Op = "typeof"
	case p.Is(syntax.KUnaryExpression) && p.HasToken("!"):
		u.Op = "!"
	case p.Is(syntax.KBinaryExpression):
		other = p.Child(syntax.FLeft)
		if other.Unparen() == e.Unparen() {
			other = p.Child(syntax.FRight)
		}
		u.Op = p.Operator()
		u.Const = literalValue(other)
		u.Other = other
	case p.Is(syntax.KCallExpression), p.Is(syntax.KArguments), p.Is(syntax.KMemberExpression):
		u.Op = "call"
	default:
		u.Op = "truthy"
	}
	if field != "" {
		u.Field, u.Test, u.Strong = field, TestValue, true
		if u.Op == "&&" || u.Op == "||" || u.Op == "??" || u.Op == "!" {
			u.Op = "truthy"
		}
		return u
	}
	switch u.Op {
	case "!", "typeof", "truthy", "&&", "||", "??":
		u.Test = TestExists
	case "==", "===", "!=", "!==":
		if u.Const == "null" {
			u.Test = TestExists
		} else {
			u.Field, u.Test = "*", TestValue
			u.Strong = u.Const != ""
		}
	case "<", ">", "<=", ">=", "+", "-", "*", "/", "%":
		u.Field, u.Test, u.Strong = "*", TestValue, true
	}
	return u
}

// literalValue returns the normalised value of a literal expression
// ("null" for null and undefined, strings in single quotes), or "".
func literalValue(n syntax.Node) string {
	n = n.Unparen()
	switch {
	case n.Is(syntax.KNull, syntax.KUndefined) || n.Is(syntax.KIdentifier) && n.Text() == "undefined":
		return "null"
	case n.Is(syntax.KTrue, syntax.KFalse, syntax.KNumber):
		return n.Text()
	case n.Is(syntax.KString, syntax.KTemplateString):
		if s, ok := StringValue(n); ok {
			return "'" + s + "'"
		}
	case n.Is(syntax.KUnaryExpression) && n.HasToken("-"):
		if v := n.NamedChild(0).Unparen(); v.Is(syntax.KNumber) {
			return "-" + v.Text()
		}
	case n.Is(syntax.KMemberExpression):
		// An enum member: OrderState.Paid, JobState.PENDING.
		if o := n.Child(syntax.FObject).Unparen(); o.Is(syntax.KIdentifier) && o.Text() != "" && o.Text()[0] >= 'A' && o.Text()[0] <= 'Z' {
			return n.Text()
		}
	}
	return ""
}

// LiteralValue is literalValue for rules.
func LiteralValue(n syntax.Node) string { return literalValue(n) }

// LiteralTruthy says whether a literal normalised by literalValue is
// truthy in JavaScript.
func LiteralTruthy(c string) bool {
	switch c {
	case "false", "null", "0", "''", `""`, "-0":
		return false
	}
	return true
}

// --- existence polarity ---

// Tri is a three-valued truth.
type Tri int

// Truth values.
const (
	Unknown Tri = iota
	True
	False
)

// and is t && u in three values.
func (t Tri) and(u Tri) Tri {
	switch {
	case t == False || u == False:
		return False
	case t == True && u == True:
		return True
	}
	return Unknown
}

// or is t || u in three values.
func (t Tri) or(u Tri) Tri {
	switch {
	case t == True || u == True:
		return True
	case t == False && u == False:
		return False
	}
	return Unknown
}

func (t Tri) not() Tri {
	switch t {
	case True:
		return False
	case False:
		return True
	}
	return Unknown
}

// WhenMissing evaluates a condition assuming the record a read looked up
// was not found: a use of the read's value (isUse) that tests existence is
// false, its length or count is 0, and what the condition makes of that.
func WhenMissing(cond syntax.Node, isUse func(syntax.Node) bool) Tri {
	n := cond.Unparen()
	switch {
	case n.Is(syntax.KUnaryExpression) && n.HasToken("!"):
		return WhenMissing(n.NamedChild(0), isUse).not()
	case n.Is(syntax.KBinaryExpression):
		l, r := n.Child(syntax.FLeft), n.Child(syntax.FRight)
		switch op := n.Operator(); op {
		case "&&":
			return WhenMissing(l, isUse).and(WhenMissing(r, isUse))
		case "||":
			return WhenMissing(l, isUse).or(WhenMissing(r, isUse))
		case "==", "===", "!=", "!==", "<", ">", "<=", ">=":
			use, other := l, r
			if !isUse(use.Unparen()) {
				use, other = r, l
				if !isUse(use.Unparen()) {
					return Unknown
				}
				op = flip(op)
			}
			o := other.Unparen()
			if o.Is(syntax.KNull, syntax.KUndefined) || o.Text() == "undefined" {
				if op == "==" || op == "===" {
					return True
				}
				if op == "!=" || op == "!==" {
					return False
				}
				return Unknown
			}
			if o.Is(syntax.KNumber) {
				v, err := strconv.ParseFloat(o.Text(), 64)
				if err != nil {
					return Unknown
				}
				res := false
				switch op {
				case "==", "===":
					res = v == 0
				case "!=", "!==":
					res = v != 0
				case "<":
					res = 0 < v
				case ">":
					res = 0 > v
				case "<=":
					res = 0 <= v
				case ">=":
					res = 0 >= v
				}
				if res {
					return True
				}
				return False
			}
			return Unknown
		}
	case isUse(n):
		return False
	}
	return Unknown
}

// flip mirrors a comparison so that its operands can be swapped.
func flip(op string) string {
	switch op {
	case "<":
		return ">"
	case ">":
		return "<"
	case "<=":
		return ">="
	case ">=":
		return "<="
	}
	return op
}

// --- transactions ---

// txParamNames are parameter names that hold a transaction handle.
var txParamNames = map[string]bool{
	"tx": true, "trx": true, "t": true, "transaction": true, "txn": true, "transactionalEntityManager": true,
	"manager": true, "em": true, "entityManager": true, "queryRunner": true, "session": true,
	"transactionManager": true, "sharedContext": true, "transactionClient": true, "txClient": true,
}

// InTransaction reports whether an access runs inside a database
// transaction: in a transaction callback or a prisma.$transaction([...])
// batch, with a transaction handle
// (.transacting(trx), { transaction: t }, { session }), on a client after
// client.query("BEGIN") (a pool is not a client: each pool.query may use
// another connection), after queryRunner.startTransaction(), on a handle
// received as a transaction parameter (tx, trx, manager, queryRunner), or
// in a method marked @Transactional / @Transaction / @InjectTransactionManager.
func (f *File) InTransaction(a *models.Access) bool {
	n := a.Call
	if _, ok := f.TransactionAt(n); ok {
		return true
	}
	if batchTransaction(n) {
		return true
	}
	if !a.TxArg.IsNil() {
		return true
	}
	recv := models.Receiver(n).Unparen()
	root := recv
	for root.Is(syntax.KMemberExpression, syntax.KCallExpression) {
		if root.Is(syntax.KCallExpression) {
			root = root.Child(syntax.FFunction).Unparen()
			continue
		}
		root = root.Child(syntax.FObject).Unparen()
	}
	if root.Is(syntax.KIdentifier) {
		if b := f.Resolve(root); b != nil && b.Kind == BParam && txParamNames[b.Name] {
			return true
		}
	}
	fn := f.FuncAt(n)
	if fn == nil {
		return false
	}
	if transactionalMethod(fn) {
		return true
	}
	return f.begunBefore(fn, recv, n)
}

// batchTransaction reports a call listed in prisma.$transaction([...]),
// which runs the whole list in one transaction.
func batchTransaction(call syntax.Node) bool {
	p := call.Parent()
	for p.Is(syntax.KParenthesizedExpression, syntax.KAwaitExpression) {
		p = p.Parent()
	}
	if !p.Is(syntax.KArray) || !p.Parent().Is(syntax.KArguments) {
		return false
	}
	m := models.Method(p.Parent().Parent())
	return m == "$transaction"
}

// begunBefore reports a BEGIN (or a transaction-control method such as
// startTransaction or beginTransaction, models.TxControl) sent on the same
// client earlier in fn, with no COMMIT or ROLLBACK between it and n on the
// way to n (closesBefore).
func (f *File) begunBefore(fn *Func, recv syntax.Node, n syntax.Node) bool {
	text := recv.Text()
	if text == "" || IsPoolName(text) {
		return false
	}
	open := false
	for _, c := range fn.Calls() {
		if c.Start() >= n.Start() {
			break
		}
		r := models.Receiver(c).Unparen().Text()
		m := models.Method(c)
		onHandle := r != "" && (r == text || strings.HasPrefix(text, r+"."))
		switch step := models.TxControl(m); {
		case step == models.TxBegin && onHandle:
			open = true
		case step == models.TxEnd && onHandle:
			if closesBefore(c, n) {
				open = false
			}
		case r == text:
			if sql, _, ok := models.SQLOf(c, env{f}); ok {
				switch sqltext.Parse(sql).Verb {
				case "BEGIN":
					open = true
				case "COMMIT", "ROLLBACK":
					if closesBefore(c, n) {
						open = false
					}
				}
			}
		}
	}
	return open
}

// closesBefore reports whether a COMMIT or ROLLBACK sent by call c ends
// the transaction for the later node n: not when it is sent from a catch,
// nor from a branch that returns or throws before n.
func closesBefore(c, n syntax.Node) bool {
	return !inCatch(c) && reaches(c, n)
}

func inCatch(n syntax.Node) bool {
	for p := n.Parent(); !p.IsNil() && !isFunction(p); p = p.Parent() {
		if p.Is(syntax.KCatchClause) {
			return true
		}
	}
	return false
}

// IsPoolName reports whether a receiver is named like a connection pool,
// on which every query may run on a different connection.
func IsPoolName(text string) bool {
	l := strings.ToLower(text)
	if i := strings.LastIndexByte(l, '.'); i >= 0 {
		l = l[i+1:]
	}
	return strings.Contains(l, "pool")
}

// transactionalMethod reports a method decorated to run in a transaction.
func transactionalMethod(fn *Func) bool {
	for p := fn; p != nil; p = p.Outer {
		if !p.Node.Is(syntax.KMethodDefinition) {
			continue
		}
		for c := p.Node.FirstChild(); !c.IsNil(); c = c.NextSibling() {
			if c.Is(syntax.KDecorator) && strings.Contains(c.Text(), "Transaction") {
				return true
			}
		}
	}
	return false
}

// Isolated reports whether n runs in a transaction whose isolation level
// prevents lost updates of a row it read (SERIALIZABLE, or REPEATABLE READ,
// which Postgres enforces on concurrent updates): an isolationLevel option
// of the transaction call, or a SET TRANSACTION / BEGIN ISOLATION LEVEL
// statement earlier in the function.
func (f *File) Isolated(n syntax.Node) bool { return f.isolation(n) != "" }

// Serializable reports whether n runs in a SERIALIZABLE transaction, which
// also prevents two transactions from both inserting a row the other
// looked for.
func (f *File) Serializable(n syntax.Node) bool { return f.isolation(n) == "SERIALIZABLE" }

func (f *File) isolation(n syntax.Node) string {
	if call, ok := f.TransactionAt(n); ok {
		if f.Project().SQLiteOnly(f) {
			return "SERIALIZABLE" // SQLite's transactions are serializable
		}
		for _, a := range models.Args(call) {
			if o := a.Unparen(); o.Is(syntax.KObject) {
				if l := strongIsolation(models.ObjectProp(o, "isolationLevel").Text()); l != "" {
					return l
				}
			}
		}
	}
	fn := f.FuncAt(n)
	if fn == nil {
		return ""
	}
	for _, c := range fn.Calls() {
		if c.Start() >= n.Start() {
			break
		}
		if s, _, ok := models.SQLOf(c, env{f}); ok && strings.Contains(strings.ToUpper(s), "ISOLATION LEVEL") {
			if l := strongIsolation(s); l != "" {
				return l
			}
		}
	}
	return ""
}

func strongIsolation(s string) string {
	u := strings.ToUpper(strings.NewReplacer("_", "", " ", "").Replace(s))
	switch {
	case strings.Contains(u, "SERIALIZABLE"):
		return "SERIALIZABLE"
	case strings.Contains(u, "REPEATABLEREAD"):
		return "REPEATABLE READ"
	}
	return ""
}

// --- per-function views ---

// Accesses returns the store accesses of fn's own body (not of nested
// functions) whose promise is awaited or returned, in source order. The
// slice is shared by every caller: it must not be changed.
func (f *File) Accesses(fn *Func) []models.Access {
	if a, ok := f.accesses.Load(fn); ok {
		return a.([]models.Access)
	}
	out := f.accessesOf(fn)
	f.accesses.Store(fn, out)
	return out
}

func (f *File) accessesOf(fn *Func) []models.Access {
	var out []models.Access
	for _, c := range fn.Calls() {
		if !awaitedOrReturned(c) {
			continue
		}
		if a, ok := f.StoreAccess(c); ok {
			out = append(out, a)
		}
	}
	return out
}

// AwaitedOrReturned reports whether a call's promise is awaited or returned.
func AwaitedOrReturned(call syntax.Node) bool { return awaitedOrReturned(call) }

// DerivedVars extends vars with the variables of fn declared later from
// them: const left = rows[0].seats_left gives left with path
// ["seats_left"]; const body = await res.json() gives body.
func (f *File) DerivedVars(fn *Func, vars []ResultVar) []ResultVar {
	if len(vars) == 0 || fn.Body.IsNil() {
		return vars
	}
	start := vars[0].Node.End()
	out := append([]ResultVar{}, vars...)
	fn.Body.Walk(func(n syntax.Node) bool {
		if isFunction(n) {
			return false
		}
		if !n.Is(syntax.KVariableDeclarator) || n.Start() < start {
			return true
		}
		v := n.Child(syntax.FValue)
		if v.IsNil() {
			return true
		}
		var uses []ref
		for _, r := range f.refs(v, out) {
			if !throughArgs(r.node, v) {
				uses = append(uses, r)
			}
		}
		if len(uses) == 0 {
			return true
		}
		u := uses[0]
		_, path := climbAccess(u.node)
		f.patternVars(n.Child(syntax.FName), append(append([]string{}, u.v.Path...), path...), v, &out)
		return true
	})
	return out
}

// throughArgs reports whether n reaches top only as an argument of a call
// other than a conversion: getTopicField(tid) does not carry tid's value.
func throughArgs(n, top syntax.Node) bool {
	for m := n; !m.IsNil() && m != top; m = m.Parent() {
		if m.Is(syntax.KArguments) && !isConversion(m.Parent()) {
			return true
		}
	}
	return false
}

type ref struct {
	node syntax.Node
	v    ResultVar
}

// refs finds the identifiers in n that name one of vars.
func (f *File) refs(n syntax.Node, vars []ResultVar) []ref {
	var out []ref
	n.Walk(func(m syntax.Node) bool {
		if isFunction(m) {
			return false
		}
		if m.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier) {
			for _, v := range vars {
				if m.Text() == v.Binding.Name && m != v.Binding.Decl && f.Resolve(m) == v.Binding {
					out = append(out, ref{m, v})
					break
				}
			}
		}
		return true
	})
	return out
}

// Mentions reports whether n mentions one of vars, and the fields it reads
// from them ("" for the whole value).
func (f *File) Mentions(n syntax.Node, vars []ResultVar) (bool, []string) {
	rs := f.refs(n, vars)
	var fields []string
	for _, r := range rs {
		_, path := climbAccess(r.node)
		field := ""
		for _, p := range append(append([]string{}, r.v.Path...), path...) {
			if !transparent[p] && !existenceFields[p] {
				field = p
			}
		}
		fields = append(fields, field)
	}
	return len(rs) > 0, fields
}

// IsLibraryCall reports a call of an imported package (not a file of the
// project, nor a path alias).
func (f *File) IsLibraryCall(call syntax.Node) bool { return isLibraryCall(f, call) }

// superseded reports whether the variable of v is assigned again, after
// v's value came and before use, by a statement that runs before use on
// every path: let user = await find(a); ...; user = await find(b); if
// (user) ... tests the second value, not the first.
func (f *File) superseded(v ResultVar, use syntax.Node) bool {
	b := v.Binding
	if b.Kind == BConst || v.Node.IsNil() {
		return false
	}
	fn := f.FuncAt(use)
	if fn == nil || fn.Body.IsNil() {
		return false
	}
	found := false
	fn.Body.EachOf(func(a syntax.Node) bool {
		if a.Start() < v.Node.End() || a.End() > use.Start() {
			return true
		}
		left := a.Child(syntax.FLeft).Unparen()
		if left.Is(syntax.KIdentifier) && left.Text() == b.Name && f.Resolve(left) == b && precedes(a, use) {
			found = true
		}
		return !found
	}, syntax.KAssignmentExpression)
	return found
}

// exclusive reports whether a and b lie in different branches of one if
// statement (one in its consequence, the other in its else), so that no
// run reaches both: a value read in one branch is not the one tested in
// the other.
func exclusive(a, b syntax.Node) bool {
	branch := map[syntax.Node]syntax.Field{}
	for child, p := a, a.Parent(); !p.IsNil(); child, p = p, p.Parent() {
		if p.Is(syntax.KIfStatement) {
			branch[p] = child.Field()
		}
		if isFunction(p) {
			break
		}
	}
	for child, p := b, b.Parent(); !p.IsNil(); child, p = p, p.Parent() {
		if p.Is(syntax.KIfStatement) {
			if fa, ok := branch[p]; ok {
				fb := child.Field()
				return fa != fb && (fa == syntax.FConsequence || fa == syntax.FAlternative) && (fb == syntax.FConsequence || fb == syntax.FAlternative)
			}
		}
		if isFunction(p) {
			break
		}
	}
	return false
}

// FreshKey reports a lookup by a value this call has just created: a
// field of a record the function inserted before (org.id after org =
// await prisma.organization.create(...)). No concurrent request can know
// that key before this one returns it, so none can race on it.
func (f *File) FreshKey(r *models.Access) bool {
	var vals []syntax.Node
	for _, fl := range r.Where {
		if !fl.Cond {
			vals = append(vals, fl.Value)
		}
	}
	for _, v := range vals {
		root := v.Unparen()
		for root.Is(syntax.KMemberExpression) {
			root = root.Child(syntax.FObject).Unparen()
		}
		if !root.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier) {
			continue
		}
		b := f.Resolve(root)
		if b == nil || b.Init.IsNil() || b.Init == b.Decl {
			continue
		}
		init := b.Init.Unparen()
		if init.Is(syntax.KAwaitExpression) {
			init = init.NamedChild(0).Unparen()
		}
		if !init.Is(syntax.KCallExpression) {
			continue
		}
		if a, ok := f.Classify(init); ok && a.Op == models.OpInsert {
			return true
		}
	}
	return false
}
