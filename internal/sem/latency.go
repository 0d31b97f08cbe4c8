package sem

import (
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// CallLatency estimates how long an awaited call keeps its caller
// waiting (models.Latency): a call answered from memory costs nothing; a
// store read costs one round trip, more for one that reads many records;
// a request to another service, or a call whose body cannot be seen,
// costs the most. A project function costs what the calls it waits for
// cost, one after another.
//
// A call of a function that is already being costed (settings.get whose
// value formatter calls settings.get again for one key) costs nothing
// more: the recursion repeats work whose cost is counted once, and a
// cycle is no sign of a body that cannot be seen.
func (p *Project) CallLatency(f *File, call syntax.Node) models.Latency {
	l, _ := p.callLatency(f, call, helperDepth, nil)
	return l
}

// callLatency is CallLatency along a path of functions being costed; cut
// reports that a call back into one of them was counted as nothing, so
// that the result holds on this path only.
func (p *Project) callLatency(f *File, call syntax.Node, depth int, path []*Func) (l models.Latency, cut bool) {
	if f.Memoized(call) {
		return models.LatencyNone, false
	}
	if models.SyncLibraryMethod(f.LibraryTypeOf(models.Receiver(call)), models.Method(call)) {
		return models.LatencyNone, false // dataSource.getRepository(User): no promise, no I/O
	}
	if a, ok := f.Classify(call); ok && !a.Named && a.SQL != nil && a.SQL.Verb != "" {
		// DB.query("SELECT ... WHERE name = ?"): the SQL the call sends
		// says what the store does, whatever wrapper sends it.
		return p.readLatency(f, &a), false
	}
	if tf, fn := p.ResolveCall(f, call); fn != nil {
		for _, g := range path {
			if g == fn {
				return models.LatencyNone, true
			}
		}
		if depth <= 0 || fn.Body.IsNil() {
			return models.LatencyRemote, false
		}
		if !fn.ReturnsPromise {
			return models.LatencyNone, false
		}
		return p.funcLatency(tf, fn, depth-1, path)
	}
	if pf, q, ok := p.preparedQuery(f, call); ok {
		f, call = pf, q // stmt.execute() runs the query stmt was prepared from
	}
	if a, ok := f.Classify(call); ok && !a.Named {
		if spec := f.receiverModule(call); spec != "" && !models.StoreModule(spec) && a.Kind != models.StoreHTTP {
			return models.LatencyRemote, false // openai.files.list(): a request to the package's service
		}
		if models.DatabaseKind(a.Kind) && p.SQLiteOnly(f) {
			return models.LatencyNone, false // one SQLite file runs its queries one at a time
		}
		return p.readLatency(f, &a), false
	}
	if models.ComputeModule(f.receiverModule(call)) {
		return models.LatencyNone, false
	}
	if _, ok := models.ClassifyFS(call, env{f}); ok {
		return models.LatencyLookup, false // readFile(path), stat(path): one local I/O by its path
	}
	return models.LatencyRemote, false
}

// readLatency is models.ReadLatency for a read whose key the project's
// schema may declare unique (Schema.Unique over the fields it compares).
func (p *Project) readLatency(f *File, a *models.Access) models.Latency {
	byKey := a.UniqueLookup
	if !byKey && len(a.Where) > 0 {
		var names []string
		for _, w := range a.Where {
			if w.Name == "" || w.Cond {
				names = nil
				break
			}
			names = append(names, w.Name)
		}
		byKey = len(names) > 0 && p.SchemaFor(f).Unique(a.Resource, names)
	}
	return models.ReadLatency(a, byKey)
}

// receiverModule returns the package the root of a call's callee comes
// from: imported from it, constructed from one of its classes, or
// declared with one of its types; "" when not known or local.
func (f *File) receiverModule(call syntax.Node) string {
	root := call.Child(syntax.FFunction).Unparen()
	for root.Is(syntax.KMemberExpression) {
		o := root.Child(syntax.FObject).Unparen()
		if o.Is(syntax.KThis) {
			break // this.field: its declared type or constructor
		}
		root = o
	}
	if root.Is(syntax.KIdentifier) {
		if spec := f.bindingModule(f.Resolve(root), 0); spec != "" {
			return spec
		}
	}
	spec, _ := f.LibraryType(root)
	return spec
}

// bindingModule returns the package a binding's value comes from: imported
// from it, or made by one of its factories (const client = axios.create()),
// here or in the project file it is imported from.
func (f *File) bindingModule(b *Binding, depth int) string {
	if b == nil || depth > 2 {
		return ""
	}
	if b.Import != nil && f.PackageSpec(b.Import.Spec) {
		return b.Import.Spec
	}
	vf, v := f.bindingValue(b)
	if v.Is(syntax.KIdentifier) {
		return vf.bindingModule(vf.Resolve(v), depth+1)
	}
	if vf == nil {
		return ""
	}
	return vf.factoryModule(v)
}

// instanceModule returns the package a binding's value is an instance of,
// when one of the package's instance factories made it (const client =
// axios.create()), here or in the project module it is imported from.
func (f *File) instanceModule(b *Binding, depth int) string {
	if b == nil || depth > 2 {
		return ""
	}
	vf, v := f.bindingValue(b)
	if v.Is(syntax.KIdentifier) {
		return vf.instanceModule(vf.Resolve(v), depth+1)
	}
	if !v.Is(syntax.KCallExpression) {
		return ""
	}
	m := models.Method(v)
	if spec := vf.importSpecOf(v); spec != "" && models.InstanceFactory(spec, m) {
		return spec
	}
	return ""
}

// bindingValue returns the expression a binding holds and the file it is
// in: its initialiser, or the value the project module it is imported
// from exports under its name; no node for a package's import or a
// binding with no value.
func (f *File) bindingValue(b *Binding) (*File, syntax.Node) {
	switch {
	case b.Import != nil && !f.PackageSpec(b.Import.Spec):
		p := f.Project()
		if p == nil {
			return nil, syntax.Node{}
		}
		ef, ex := p.ResolveExport(p.ResolveSpec(f, b.Import.Spec), b.Import.Name)
		if ex == nil {
			return nil, syntax.Node{}
		}
		return ef, ex.Value.Unparen()
	case b.Import == nil && !b.Init.IsNil() && b.Init != b.Decl:
		return f, b.Init.Unparen()
	}
	return nil, syntax.Node{}
}

// factoryModule returns the package whose function a call of it calls
// (axios.create(...)), or "".
func (f *File) factoryModule(v syntax.Node) string {
	if !v.Is(syntax.KCallExpression) {
		return ""
	}
	if spec := f.importSpecOf(v); f.PackageSpec(spec) {
		return spec
	}
	return ""
}

type latencyKey struct {
	fn    *Func
	depth int
}

// funcLatency is the sum of the latencies of the calls fn awaits, and of
// the promises it returns, up to models.LatencyRemote. A sum that counted
// a recursive call as nothing is not kept: it holds on this path only, and
// files are checked in parallel.
func (p *Project) funcLatency(f *File, fn *Func, depth int, path []*Func) (models.Latency, bool) {
	key := latencyKey{fn, depth}
	if l, ok := f.latencies.Load(key); ok {
		return l.(models.Latency), false
	}
	var sum models.Latency
	cut := false
	path = append(path[:len(path):len(path)], fn)
	var add func(e syntax.Node, returned bool)
	add = func(e syntax.Node, returned bool) {
		call := e.Unparen()
		if call.Is(syntax.KIdentifier) && !returned {
			// const q = db.prepare(sql).all(); const res = await q: the
			// await waits for the call the constant holds (a returned
			// constant may hold a value computed by a call)
			if b := f.Resolve(call); b != nil && b.Kind == BConst && fn.Node.Contains(b.Decl) {
				call = b.Init.Unparen()
			}
		}
		if !call.Is(syntax.KCallExpression) || sum >= models.LatencyRemote {
			return
		}
		if models.SettledPromise(call) {
			// return Promise.resolve(new Hostname(process.env.HOST)): only
			// what the value takes to compute
			if args := models.Args(call); len(args) > 0 {
				add(args[0], true)
			}
			return
		}
		if returned && !p.CallReturnsPromise(f, call) && models.ComputesValue(call) {
			return // a value, not a promise: JSON.stringify(...), items.map(...)
		}
		l, c := p.callLatency(f, call, depth, path)
		sum += l
		cut = cut || c
	}
	for _, w := range fn.Awaits {
		if w.Is(syntax.KAwaitExpression) && !SharedAwait(f, fn, w) && !f.initOnlyAwait(w) {
			add(w.NamedChild(0), false)
		}
	}
	for _, r := range fn.Returns {
		add(r, true)
	}
	sum = min(sum, models.LatencyRemote)
	if !cut {
		f.latencies.Store(key, sum)
	}
	return sum, cut
}

// preparedQuery returns the query a prepared statement runs, for a call
// that runs one (models.RunsPrepared: stmt.execute(), stmt.all()) on a
// value made by prepare(): a local (const stmt = db.select()...prepare()),
// or a property of an object kept in a variable or a field of the class
// (this.#statements = createStatements(db), whose object literal holds
// findAll: db.query.client.findMany({...}).prepare()).
func (p *Project) preparedQuery(f *File, call syntax.Node) (*File, syntax.Node, bool) {
	if !models.RunsPrepared(models.Method(call)) {
		return nil, syntax.Node{}, false
	}
	recv := models.Receiver(call).Unparen()
	var vals []objectLiteral
	switch {
	case recv.Is(syntax.KIdentifier):
		if b := f.Resolve(recv); b != nil && b.Kind == BConst && !b.Init.IsNil() && b.Init != b.Decl {
			vals = []objectLiteral{{f, b.Init}}
		}
	case recv.Is(syntax.KMemberExpression):
		prop := recv.Child(syntax.FProperty).Text()
		for _, o := range p.holders(f, call, recv.Child(syntax.FObject).Unparen()) {
			if v := models.ObjectProp(o.node, prop); !v.IsNil() {
				vals = append(vals, objectLiteral{o.file, v})
			}
		}
	}
	if len(vals) != 1 {
		return nil, syntax.Node{}, false
	}
	v := vals[0].node.Unparen()
	if !v.Is(syntax.KCallExpression) || models.Method(v) != "prepare" {
		return nil, syntax.Node{}, false
	}
	q := models.Receiver(v).Unparen()
	if !q.Is(syntax.KCallExpression) {
		return nil, syntax.Node{}, false
	}
	return vals[0].file, q, true
}

// holders returns the object literals e (a variable, or a field of this in
// the class of call's function) may hold.
func (p *Project) holders(f *File, call, e syntax.Node) []objectLiteral {
	if !e.Is(syntax.KMemberExpression) || !e.Child(syntax.FObject).Unparen().Is(syntax.KThis) {
		return p.objectValues(f, e, 0)
	}
	fn := f.FuncAt(call)
	for g := fn; g != nil; g = g.Outer {
		if g.Class.IsNil() {
			continue
		}
		var out []objectLiteral
		FieldHolds(g.Class.Child(syntax.FBody), e.Child(syntax.FProperty).Text(), nil, func(v syntax.Node) bool {
			out = append(out, p.objectValues(f, v, 0)...)
			return false
		})
		return out
	}
	return nil
}
