package rules

import (
	"fmt"
	"strings"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/luatext"
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/syntax"
)

// redislockttlWords1 are what a file must mention for the check to apply.
var redislockttlWords1 = sem.Needles("NX", "nx")

func init() {
	register(&analysis.Rule{
		ID:       "redis-lock-without-ttl",
		Severity: analysis.High,
		Title:    "Redis lock taken with SET NX or SETNX and no expiry: a crashed holder keeps it forever",
		Fix:      "Acquire with one atomic SET key token NX PX ttl (ioredis: set(key, token, \"PX\", ttl, \"NX\"); node-redis: set(key, token, { NX: true, PX: ttl })).",
		Run:      runRedisLockTTL,
	})
}

func runRedisLockTTL(p *analysis.Pass) {
	f := p.File
	if f.OneProcess() || !f.SourceHas(redislockttlWords1...) {
		return
	}
	lkScriptLocksWithoutTTL(p)
	f.EachCall(func(n syntax.Node) bool {
		m := models.Method(n)
		switch {
		case m == "set" || m == "SET":
			args := models.Args(n)
			if len(args) < 3 || lkNonRedis(f, n) {
				return true
			}
			opts := lkSetOptions(f, args[2:])
			if opts.nx && !opts.ttl && !opts.unknown && lkLockLike(f, args[0], args[1]) {
				what := "SET ... NX"
				if opts.keepTTL {
					what = "SET ... NX KEEPTTL"
				}
				p.Report(lkSite(n), fmt.Sprintf("lock %s is taken with %s and no PX/EX expiry: if the holder crashes or hangs before releasing it, the key stays forever and every later acquirer fails", lkKeyText(args[0]), what), "")
			}
		case models.RedisSetNXMethods[m]:
			args := models.Args(n)
			if len(args) < 2 || lkNonRedis(f, n) || !lkLockLike(f, args[0], args[1]) {
				return true
			}
			lkReportSetNX(p, n, args[0])
		case models.RedisRawCommandMethods[m]:
			words := models.Args(n)
			if len(words) == 1 && words[0].Unparen().Is(syntax.KArray) {
				words = words[0].Unparen().NamedChildren() // sendCommand(["SET", k, v, "NX"])
			}
			if len(words) < 2 {
				return true
			}
			cmd, _ := sem.StringValue(words[0])
			switch strings.ToUpper(cmd) {
			case "SET":
				if len(words) < 4 {
					return true
				}
				opts := lkSetOptions(f, words[3:])
				if opts.nx && !opts.ttl && !opts.unknown && lkLockLike(f, words[1], words[2]) {
					p.Report(lkSite(n), fmt.Sprintf("lock %s is taken with SET ... NX and no PX/EX expiry: if the holder crashes before releasing it, the key stays forever", lkKeyText(words[1])), "")
				}
			case "SETNX":
				if len(words) >= 3 && lkLockLike(f, words[1], words[2]) {
					lkReportSetNX(p, n, words[1])
				}
			}
		}
		return true
	})
}

// lkLockLike reports whether a SET NX takes a lock rather than recording a
// fact for good: the key is named like a lock, or the value identifies a
// holder (a token, a process id) and the key is not named like a marker
// ("processed:<id>", "seen:<id>", "idempotency:<key>").
func lkLockLike(f *sem.File, key, value syntax.Node) bool {
	if lkLockNamed(f, key) {
		return true
	}
	return lkTokenValue(f, value) && !lkMarkerNamed(f, key)
}

// lkMarkerWords name keys that record that something happened.
var lkMarkerWords = map[string]bool{
	"processed": true, "seen": true, "dedup": true, "dedupe": true, "handled": true, "idempotency": true,
	"idem": true, "sent": true, "done": true, "delivered": true, "once": true, "event": true, "evt": true, "webhook": true,
}

// lkMarkerNamed reports whether a key is named like a marker.
func lkMarkerNamed(f *sem.File, key syntax.Node) bool {
	found := false
	lkKeyExpr(f, key).Walk(func(n syntax.Node) bool {
		if found || n.Is(syntax.KArguments) {
			return false
		}
		text := ""
		switch {
		case n.Is(syntax.KStringFragment, syntax.KIdentifier, syntax.KPropertyIdentifier):
			text = n.Text()
		case n.Is(syntax.KString):
			text, _ = sem.StringValue(n)
		}
		for _, w := range lkSplitWords(text) {
			if lkMarkerWords[w] || strings.Contains(w, "dedup") || strings.Contains(w, "idempot") || strings.Contains(w, "processed") {
				found = true
			}
		}
		return !n.Is(syntax.KString)
	})
	return found
}

// lkReportSetNX reports a SETNX, naming the EXPIRE that follows it when
// there is one outside a MULTI (the two are not atomic).
func lkReportSetNX(p *analysis.Pass, call, key syntax.Node) {
	if exp, inMulti := lkFollowingExpire(p.File, call, key); inMulti {
		return
	} else if !exp.IsNil() {
		p.Report(lkSite(call), fmt.Sprintf("lock %s is taken with SETNX and given its expiry by a separate EXPIRE at line %d: a crash between the two leaves a lock that never expires", lkKeyText(key), exp.Line()), "",
			p.At(exp, "the separate EXPIRE"))
		return
	}
	p.Report(lkSite(call), fmt.Sprintf("lock %s is taken with SETNX, which sets no expiry: if the holder crashes before releasing it, the key stays forever and every later acquirer fails", lkKeyText(key)), "")
}

// lkFollowingExpire finds the EXPIRE of the same key after a SETNX: chained
// in the same MULTI (inMulti, atomic), or a later call in the same function.
func lkFollowingExpire(f *sem.File, call, key syntax.Node) (syntax.Node, bool) {
	shape := lkKeyShape(f, key)
	// Chained: redis.multi().setnx(k, v).expire(k, ttl).exec()
	for up := call; ; {
		parent := up.Parent()
		if !parent.Is(syntax.KMemberExpression) || !parent.Parent().Is(syntax.KCallExpression) {
			break
		}
		next := parent.Parent()
		if m := models.Method(next); models.RedisExpireMethods[m] {
			if a := models.Args(next); len(a) > 0 && lkKeyShape(f, a[0]) == shape {
				return next, lkInMulti(f, call)
			}
		}
		up = next
	}
	fn := f.FuncAt(call)
	if fn == nil {
		return syntax.Node{}, false
	}
	for _, c := range fn.Calls() {
		if c.Start() <= call.End() {
			continue
		}
		if m := models.Method(c); models.RedisExpireMethods[m] {
			if a := models.Args(c); len(a) > 0 && lkKeyShape(f, a[0]) == shape {
				return c, lkInMulti(f, c) && lkInMulti(f, call) && lkSameMulti(call, c)
			}
		}
	}
	return syntax.Node{}, false
}

// lkInMulti reports whether a command call is queued on a MULTI (not a
// plain pipeline, which is not atomic): its receiver chain contains multi().
func lkInMulti(f *sem.File, call syntax.Node) bool {
	chain, _ := models.Callee(call)
	for _, c := range chain {
		if c == "multi()" || c == "MULTI()" {
			return true
		}
	}
	return lkMultiVar(f, call)
}

// lkMultiVar reports whether the receiver is a variable initialised with
// x.multi(): const tx = redis.multi(); tx.setnx(...).
func lkMultiVar(f *sem.File, call syntax.Node) bool {
	r := models.Receiver(call).Unparen()
	for r.Is(syntax.KCallExpression) {
		r = models.Receiver(r).Unparen()
	}
	if !r.Is(syntax.KIdentifier) {
		return false
	}
	b := f.Resolve(r)
	if b == nil {
		return false
	}
	init := b.Init.Unparen()
	for init.Is(syntax.KCallExpression) {
		if m := models.Method(init); m == "multi" || m == "MULTI" {
			return true
		}
		init = models.Receiver(init).Unparen()
	}
	return false
}

// lkSameMulti reports whether two queued commands share their MULTI
// receiver text.
func lkSameMulti(a, b syntax.Node) bool {
	return lkRootText(models.Receiver(a)) == lkRootText(models.Receiver(b))
}

func lkRootText(n syntax.Node) string {
	n = n.Unparen()
	for n.Is(syntax.KCallExpression) {
		n = models.Receiver(n).Unparen()
	}
	return n.Text()
}

// lkSetOpts is what the options of one SET say.
type lkSetOpts struct {
	nx, ttl, keepTTL bool
	unknown          bool // an option racecheck cannot read (spread, variable)
}

// lkSetOptions reads the options of a SET after the key and value:
// positional words ("NX", "PX", 30000), an options object ({ NX: true,
// PX: 30000 }, { condition: "NX", expiration: { type: "PX", value } },
// Upstash's { nx: true, px: 30000 }), or constants holding either.
func lkSetOptions(f *sem.File, args []syntax.Node) lkSetOpts {
	var o lkSetOpts
	for _, a := range args {
		lkSetOption(f, a.Unparen(), &o, 0)
	}
	return o
}

func lkSetOption(f *sem.File, a syntax.Node, o *lkSetOpts, depth int) {
	if depth > 4 {
		o.unknown = true
		return
	}
	if s, ok := sem.StringValue(a); ok {
		switch models.SetFlag(s) {
		case "nx":
			o.nx = true
		case "ttl":
			o.ttl = true
		case "keepttl":
			o.keepTTL = true
		}
		return
	}
	switch {
	case a.Is(syntax.KNumber, syntax.KArrowFunction, syntax.KFunctionExpression):
		// a TTL value or a callback
	case a.Is(syntax.KObject):
		for _, pr := range a.NamedChildren() {
			switch {
			case pr.Is(syntax.KPair):
				key := strings.Trim(pr.Child(syntax.FKey).Text(), `"'`)
				val := pr.Child(syntax.FValue).Unparen()
				switch strings.ToUpper(key) {
				case "NX":
					if !val.Is(syntax.KFalse) {
						o.nx = true
					}
				case "CONDITION":
					if s, ok := sem.StringValue(val); ok && strings.EqualFold(s, "NX") {
						o.nx = true
					} else if !ok {
						o.unknown = true
					}
				case "EXPIRATION":
					if s, ok := sem.StringValue(val); ok && strings.EqualFold(s, "KEEPTTL") {
						o.keepTTL = true
					} else if t := lkObjectString(val, "type"); strings.EqualFold(t, "KEEPTTL") {
						o.keepTTL = true
					} else if !val.Is(syntax.KUndefined, syntax.KNull) {
						o.ttl = true
					}
				case "PX", "EX", "PXAT", "EXAT":
					if !val.Is(syntax.KUndefined, syntax.KNull) {
						o.ttl = true
					}
				case "KEEPTTL":
					o.keepTTL = true
				}
			case pr.Is(syntax.KShorthandPropertyIdentifier):
				switch models.SetFlag(pr.Text()) {
				case "nx":
					o.nx = true
				case "ttl":
					o.ttl = true
				}
				if strings.EqualFold(pr.Text(), "expiration") {
					o.ttl = true
				}
			case pr.Is(syntax.KSpreadElement):
				o.unknown = true
			}
		}
	case a.Is(syntax.KIdentifier):
		b := f.Resolve(a)
		if b != nil && b.Kind == sem.BConst && !b.Init.IsNil() {
			lkSetOption(f, b.Init.Unparen(), o, depth+1)
			return
		}
		o.unknown = true
	default:
		o.unknown = true
	}
}

// lkObjectString returns the string value of property key in an object
// literal.
func lkObjectString(obj syntax.Node, key string) string {
	if !obj.Is(syntax.KObject) {
		return ""
	}
	for _, pr := range obj.NamedChildren() {
		if pr.Is(syntax.KPair) && strings.Trim(pr.Child(syntax.FKey).Text(), `"'`) == key {
			s, _ := sem.StringValue(pr.Child(syntax.FValue))
			return s
		}
	}
	return ""
}

// lkSite is where a finding on a call goes: the call, or the method name
// when a chained call starts on an earlier line.
func lkSite(call syntax.Node) syntax.Node {
	fn := call.Child(syntax.FFunction).Unparen()
	if fn.Is(syntax.KMemberExpression) {
		if prop := fn.Child(syntax.FProperty); prop.Line() != call.Line() {
			return prop
		}
	}
	return call
}

// lkKeyText renders a key expression for messages.
func lkKeyText(key syntax.Node) string {
	t := strings.Join(strings.Fields(key.Text()), " ")
	if len(t) > 50 {
		t = t[:47] + "..."
	}
	return t
}

// lkKeyShape is a key expression with its variable parts blurred, so that
// `lock:${id}` in one function and `lock:${jobId}` in another compare equal.
// A bare variable keeps its identity: two functions' redisKey variables are
// different keys, a module constant LOCK_KEY is the same key everywhere.
func lkKeyShape(f *sem.File, key syntax.Node) string {
	key = key.Unparen()
	switch {
	case key.Is(syntax.KTemplateString):
		var b strings.Builder
		t := key.Text()
		last := key.Start()
		for c := key.FirstChild(); !c.IsNil(); c = c.NextSibling() {
			if c.Is(syntax.KTemplateSubstitution) {
				b.WriteString(t[last-key.Start() : c.Start()-key.Start()])
				b.WriteString("*")
				last = c.End()
			}
		}
		b.WriteString(t[last-key.Start():])
		return b.String()
	case key.Is(syntax.KBinaryExpression) && key.Operator() == "+":
		return lkKeyShape(f, key.Child(syntax.FLeft)) + "+" + lkKeyShape(f, key.Child(syntax.FRight))
	case key.Is(syntax.KString):
		return key.Text()
	case key.Is(syntax.KIdentifier):
		if b := f.Resolve(key); b != nil && !b.Decl.IsNil() {
			if coll := lkIterated(f, b); !coll.IsNil() {
				return "each(" + lkKeyShape(f, coll) + ")"
			}
			return fmt.Sprintf("%s#%d", key.Text(), b.Decl.Start())
		}
	}
	return strings.Join(strings.Fields(key.Text()), "")
}

// lkIterated returns the collection a loop variable runs over: the first
// parameter of keys.forEach((key) => ...) or keys.map(...), or the variable
// of for (const key of keys). Two loops over the same keys see the same
// key.
func lkIterated(f *sem.File, b *sem.Binding) syntax.Node {
	switch b.Kind {
	case sem.BParam:
		fn := f.FuncAt(b.Decl)
		if fn == nil || fn.ParamName(0) != b.Name {
			return syntax.Node{}
		}
		call := sem.CallbackOf(fn.Node)
		switch m := models.Method(call); m {
		case "forEach", "map", "flatMap", "filter", "some", "every":
			return models.Receiver(call)
		}
	case sem.BConst, sem.BLet, sem.BVar:
		loop := b.Decl.Ancestor(syntax.KForInStatement)
		if !loop.IsNil() && loop.Child(syntax.FLeft).Contains(b.Decl) {
			return loop.Child(syntax.FRight)
		}
	}
	return syntax.Node{}
}

// lkNonRedis reports whether a call's receiver is known not to be a Redis
// client: a local Map, Set, Headers, cache object or literal, or a value
// whose type annotation says so.
func lkNonRedis(f *sem.File, call syntax.Node) bool {
	r := models.Receiver(call).Unparen()
	for r.Is(syntax.KCallExpression) {
		r = models.Receiver(r).Unparen()
	}
	if r.Is(syntax.KMemberExpression) && r.Child(syntax.FObject).Unparen().Is(syntax.KThis) {
		return false
	}
	if !r.Is(syntax.KIdentifier) {
		return false
	}
	if models.IsRedisName(r.Text()) {
		return false
	}
	b := f.Resolve(r)
	if b == nil {
		return false
	}
	if b.Import != nil {
		return false
	}
	if t := lkTypeOf(b); t != "" {
		return !lkRedisType(t)
	}
	init := b.Init.Unparen()
	if init.Is(syntax.KAwaitExpression) {
		init = init.NamedChild(0).Unparen()
	}
	switch {
	case init.Is(syntax.KObject, syntax.KArray):
		return true
	case init.Is(syntax.KNewExpression):
		return !lkRedisFactory(f, init)
	}
	return false
}

// lkIsRedis reports whether a call's receiver is a Redis client (or a MULTI
// or pipeline queued on one): by name, by the package its factory comes
// from, by its type annotation, or by a class field initialised from one.
func lkIsRedis(f *sem.File, call syntax.Node) bool { return lkRedisReceiver(f, call, true) }

// lkRedisReceiver is lkIsRedis; byName says whether a receiver's name
// (redis, cache.redisClient) is enough, or its provenance must be seen.
func lkRedisReceiver(f *sem.File, call syntax.Node, byName bool) bool {
	r := models.Receiver(call).Unparen()
	for r.Is(syntax.KCallExpression, syntax.KAwaitExpression) {
		if r.Is(syntax.KAwaitExpression) {
			r = r.NamedChild(0).Unparen()
			continue
		}
		r = models.Receiver(r).Unparen()
	}
	for m := r; byName; {
		switch {
		case m.Is(syntax.KMemberExpression):
			if models.IsRedisName(m.Child(syntax.FProperty).Text()) {
				return true
			}
			m = m.Child(syntax.FObject).Unparen()
			continue
		case m.Is(syntax.KIdentifier):
			if models.IsRedisName(m.Text()) {
				return true
			}
		}
		break
	}
	if r.Is(syntax.KMemberExpression) && r.Child(syntax.FObject).Unparen().Is(syntax.KThis) {
		return lkRedisField(f, r)
	}
	if !r.Is(syntax.KIdentifier) {
		return false
	}
	return lkRedisBinding(f, f.Resolve(r), 0)
}

func lkRedisBinding(f *sem.File, b *sem.Binding, depth int) bool {
	if b == nil || depth > 4 {
		return false
	}
	if b.Import != nil {
		if models.RedisPackages[strings.TrimPrefix(b.Import.Spec, "node:")] {
			return true
		}
		if pr := f.Project(); pr != nil {
			name := b.Import.Name
			if name == "*" && b.Import.Require {
				name = "default"
			}
			if tf := pr.ResolveSpec(f, b.Import.Spec); tf != nil {
				if ef, ex := pr.ResolveExport(tf, name); ex != nil && !ex.Value.IsNil() {
					return lkRedisValue(ef, ex.Value, depth+1)
				}
			}
		}
		return false
	}
	if t := lkTypeOf(b); t != "" && lkRedisType(t) {
		return true
	}
	return lkRedisValue(f, b.Init, depth+1)
}

// lkRedisValue reports whether an expression evaluates to a Redis client.
func lkRedisValue(f *sem.File, v syntax.Node, depth int) bool {
	v = v.Unparen()
	if v.Is(syntax.KAwaitExpression) {
		v = v.NamedChild(0).Unparen()
	}
	switch {
	case v.IsNil():
		return false
	case v.Is(syntax.KNewExpression):
		return lkRedisFactory(f, v)
	case v.Is(syntax.KCallExpression):
		if lkRedisFactory(f, v) {
			return true
		}
		// createClient(...).connect() / await client.connect()
		if m := models.Method(v); m == "connect" || m == "duplicate" || models.RedisMultiMethods[m] {
			return lkRedisValue(f, models.Receiver(v), depth+1)
		}
	case v.Is(syntax.KIdentifier):
		if models.IsRedisName(v.Text()) {
			return true
		}
		return lkRedisBinding(f, f.Resolve(v), depth+1)
	case v.Is(syntax.KMemberExpression):
		return models.IsRedisName(v.Child(syntax.FProperty).Text())
	}
	return false
}

// lkRedisFactory reports whether new X(...) or X(...) constructs a Redis
// client: X (or the root of X.Y) is imported from a Redis package, or is
// one of the Redis factories in a file that imports one.
func lkRedisFactory(f *sem.File, n syntax.Node) bool {
	callee := n.Child(syntax.FConstructor)
	if callee.IsNil() {
		callee = n.Child(syntax.FFunction)
	}
	callee = callee.Unparen()
	name := models.FactoryName(n)
	root := callee
	for root.Is(syntax.KMemberExpression) {
		root = root.Child(syntax.FObject).Unparen()
	}
	if root.Is(syntax.KIdentifier) {
		if b := f.Resolve(root); b != nil && b.Import != nil {
			return models.RedisPackages[b.Import.Spec]
		}
	}
	return models.RedisFactories[name] && lkFileImportsRedis(f)
}

// lkFileImportsRedis reports whether the file imports a Redis package.
func lkFileImportsRedis(f *sem.File) bool {
	for _, s := range f.Specs {
		if models.RedisPackages[s] {
			return true
		}
	}
	return false
}

// lkTypeOf returns the type annotation text of a binding's declaration
// (a typed parameter or variable), or "".
func lkTypeOf(b *sem.Binding) string {
	if b == nil || b.Decl.IsNil() {
		return ""
	}
	p := b.Decl.Parent()
	if p.Is(syntax.KRequiredParameter, syntax.KOptionalParameter, syntax.KVariableDeclarator) {
		if t := p.Child(syntax.FType); !t.IsNil() {
			return strings.TrimSpace(strings.TrimPrefix(t.Text(), ":"))
		}
	}
	return ""
}

// lkRedisType reports whether a type annotation names a Redis client type.
func lkRedisType(t string) bool {
	return strings.Contains(t, "Redis") || strings.Contains(t, "Valkey") || strings.Contains(t, "Cluster")
}

// lkRedisField reports whether this.x is a Redis client: a class field
// typed or initialised as one, or assigned one in the class.
func lkRedisField(f *sem.File, m syntax.Node) bool {
	return sem.FieldHolds(m.Ancestor(syntax.KClassBody), m.Child(syntax.FProperty).Text(),
		func(t syntax.Node) bool { return lkRedisType(t.Text()) },
		func(v syntax.Node) bool { return lkRedisValue(f, v, 1) })
}

// lkScriptLocksWithoutTTL reports Lua scripts that take a lock with SET NX
// or SETNX and never give the key an expiry: in a script written in this
// file (a lock by its name, or because the script compares the key's value
// with the caller's), or run here on a key named like a lock.
func lkScriptLocksWithoutTTL(p *analysis.Pass) {
	f := p.File
	reported := map[syntax.Node]bool{}
	for _, s := range lkScriptsIn(f) {
		sc := s.src.Script
		for _, c := range sc.Calls {
			if !lkLuaTakesForever(sc, c) || !sc.OwnerKeys[c.Key] && !lkHasLockWord(s.name) {
				continue
			}
			p.ReportAt(s.src.Node, s.src.Pos(c.Off), fmt.Sprintf("the script %s takes KEYS[%d] with %s and never gives it an expiry: if the holder crashes before releasing it, the lock stays forever", lkNameOr(s.name), c.Key, lkLuaLine(s.src, c)), "")
			reported[s.src.Node] = true
			break
		}
	}
	for _, run := range lkScriptRuns(f) {
		if reported[run.src.Node] {
			continue
		}
		for _, c := range run.script.Calls {
			if c.Key < 1 || c.Key > len(run.keys) || run.keys[c.Key-1].IsNil() || !lkLuaTakesForever(run.script, c) || !lkLockNamed(f, run.keys[c.Key-1]) {
				continue
			}
			p.Report(lkSite(run.call), fmt.Sprintf("lock %s is taken by a script that sets it with NX and never gives it an expiry: if the holder crashes before releasing it, the lock stays forever", lkKeyName(f, run.keys[c.Key-1])), "")
			break
		}
	}
}

// lkLuaTakesForever reports whether a script command takes a key with SET
// NX (no PX/EX) or SETNX, with the caller's value, and no command of the
// script changes the key's expiry.
func lkLuaTakesForever(sc *luatext.Script, c luatext.Call) bool {
	if c.Key == 0 || !c.ValueArg || !(c.Cmd == "SETNX" || c.Cmd == "SET" && c.NX() && !c.TTL() && !c.KeepTTL()) {
		return false
	}
	for _, e := range sc.Calls {
		if e.Key == c.Key && luatext.ExpireCommands[e.Cmd] {
			return false
		}
	}
	return true
}
