package rules

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/luatext"
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/syntax"
)

// redislockreleaseWords1 are what a file must mention for the check to apply.
var redislockreleaseWords1 = sem.Needles("del", "DEL", "nlink", "NLINK", "Del(")

func init() {
	register(&analysis.Rule{
		ID:        "redis-lock-unsafe-release",
		Severity:  analysis.High,
		Title:     "Redis lock released with a plain DEL or a GET-compare-then-DEL instead of an atomic compare-and-delete",
		Fix:       "Release with a Lua script that deletes the key only if it still holds this acquisition's token (redis.eval(\"if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0\", 1, key, token)).",
		Overrides: []string{"check-then-act"},
		Run:       runRedisLockRelease,
	})
}

func runRedisLockRelease(p *analysis.Pass) {
	f := p.File
	if f.OneProcess() {
		return
	}
	lkReleaseScripts(p)
	if !f.SourceHas(redislockreleaseWords1...) {
		return
	}
	var dels []syntax.Node
	nxKeys := map[string]syntax.Node{} // key shape -> the SET NX that takes it with a token
	anyNX := map[string]syntax.Node{}  // key shape -> any SET NX of it, for messages
	f.EachCall(func(n syntax.Node) bool {
		m := models.Method(n)
		switch {
		case models.RedisDeleteMethods[m]:
			dels = append(dels, n)
		case m == "set" || m == "SET":
			if args := models.Args(n); len(args) >= 3 && lkSetOptions(f, args[2:]).nx {
				anyNX[lkKeyShape(f, args[0])] = n
				if lkTokenValue(f, args[1]) && !lkMarkerNamed(f, args[0]) {
					nxKeys[lkKeyShape(f, args[0])] = n
				}
			}
		case models.RedisSetNXMethods[m]:
			if args := models.Args(n); len(args) >= 2 {
				anyNX[lkKeyShape(f, args[0])] = n
				if lkTokenValue(f, args[1]) && !lkMarkerNamed(f, args[0]) {
					nxKeys[lkKeyShape(f, args[0])] = n
				}
			}
		case models.RedisRawCommandMethods[m]:
			words := lkRawWords(n)
			if len(words) >= 2 {
				cmd, _ := sem.StringValue(words[0])
				switch strings.ToUpper(cmd) {
				case "DEL", "UNLINK":
					dels = append(dels, n)
				case "SETNX":
					if len(words) >= 3 && lkTokenValue(f, words[2]) && !lkMarkerNamed(f, words[1]) {
						nxKeys[lkKeyShape(f, words[1])] = n
					}
				case "SET":
					if len(words) >= 4 && lkSetOptions(f, words[3:]).nx && lkTokenValue(f, words[2]) && !lkMarkerNamed(f, words[1]) {
						nxKeys[lkKeyShape(f, words[1])] = n
					}
				}
			}
		}
		return true
	})
	for _, del := range dels {
		checkLockDelete(p, del, nxKeys, anyNX)
	}
}

// lkTokenValue reports whether the value a key is set to identifies a
// holder, as a lock's value does: a variable or property named like a
// token, owner or id (token, ownerId, this.workerId), a fresh id
// (randomUUID(), nanoid()), a process id or host name, or a template built
// from those. Data (encode(entry), JSON.stringify(...), a timestamp) and
// constants ("1", MISSING) record a fact instead.
func lkTokenValue(f *sem.File, v syntax.Node) bool {
	v = v.Unparen()
	switch {
	case v.Is(syntax.KTemplateString):
		for c := v.FirstChild(); !c.IsNil(); c = c.NextSibling() {
			if c.Is(syntax.KTemplateSubstitution) && lkTokenValue(f, c.NamedChild(0)) {
				return true
			}
		}
		return false
	case v.Is(syntax.KCallExpression):
		if ikIsGenerator(f, v) {
			return true
		}
		m := models.Method(v)
		if m == "String" || m == "toString" {
			if a := models.Args(v); len(a) == 1 {
				return lkTokenValue(f, a[0])
			}
			return lkTokenValue(f, models.Receiver(v))
		}
		return m == "hostname"
	case v.Is(syntax.KIdentifier, syntax.KMemberExpression):
		name := v.Text()
		if v.Is(syntax.KMemberExpression) {
			name = v.Child(syntax.FProperty).Text()
		}
		if v.Is(syntax.KIdentifier) {
			if b := f.Resolve(v); b != nil && b.Kind == sem.BConst && b.Scope != nil && b.Scope.Module {
				if _, lit := sem.StringValue(b.Init); lit || b.Init.Unparen().Is(syntax.KNumber) {
					return false // a module constant
				}
			}
		}
		for _, w := range lkSplitWords(name) {
			switch w {
			case "token", "owner", "holder", "lock", "id", "uuid", "nonce", "pid", "worker", "instance", "host", "hostname", "node", "claim", "lease", "fencing":
				return true
			}
		}
	}
	return false
}

// lkRawWords returns the words of redis.call("DEL", k) or
// client.sendCommand(["DEL", k]).
func lkRawWords(call syntax.Node) []syntax.Node {
	words := models.Args(call)
	if len(words) == 1 && words[0].Unparen().Is(syntax.KArray) {
		words = words[0].Unparen().NamedChildren()
	}
	return words
}

func checkLockDelete(p *analysis.Pass, del syntax.Node, nxKeys, anyNX map[string]syntax.Node) {
	f := p.File
	m := models.Method(del)
	keys := models.Args(del)
	if models.RedisRawCommandMethods[m] {
		keys = lkRawWords(del)[1:]
	}
	if len(keys) == 0 || !lkIsRedis(f, del) && !(lkFileImportsRedis(f) && !lkNonRedis(f, del)) {
		return
	}
	for _, key := range keys {
		key = key.Unparen()
		if key.Is(syntax.KSpreadElement) {
			continue
		}
		shape := lkKeyShape(f, key)
		if lkWatched(f, del, shape) {
			return
		}
		setNX, named := nxKeys[shape], lkLockNamed(f, key)
		get, guard := lkGetCompare(f, del, shape)
		switch {
		case !get.IsNil() && (named || !setNX.IsNil() || lkTokenCompare(guard)):
			p.Report(lkSite(del), fmt.Sprintf("lock %s is released by reading it (line %d), comparing the owner, then deleting it in a separate command: the lock can expire and pass to another holder between the GET and the DEL, which then deletes their lock", lkKeyText(key), get.Line()), "",
				p.At(get, "the GET of the owner"), p.At(guard, "the comparison the DEL depends on"))
			return
		case !setNX.IsNil() || named:
			if at, why := lkUnproven(f, del, shape); why != "" {
				p.Report(lkSite(del), fmt.Sprintf("lock %s is deleted in a finally block with a plain %s although this call may never have taken it: %s. The %s then deletes the lock another process holds, whatever its TTL", lkKeyName(f, key), lkDelName(del), why, lkDelName(del)),
					"Delete the lock only on the path where the acquisition succeeded (take it before the try, or test the acquisition's result in the finally), and only if the key still holds this call's token (a compare-and-delete Lua script).",
					p.At(at, "where the lock may not have been taken"))
				return
			}
		}
		switch {
		case !setNX.IsNil():
			p.Report(lkSite(del), fmt.Sprintf("lock %s (taken with SET NX at line %d) is released with a plain %s that does not check the owner: if this holder's TTL ran out and another process took the lock, this deletes their lock", lkKeyText(key), setNX.Line(), strings.ToUpper(m)), "",
				p.At(setNX, "the acquisition"))
			return
		case named:
			msg := fmt.Sprintf("lock %s is released with a plain %s that does not check the owner: if this holder's TTL ran out and another process took the lock, this deletes their lock", lkKeyText(key), lkDelName(del))
			var related []analysis.Related
			if acq := anyNX[shape]; !acq.IsNil() {
				related = append(related, p.At(acq, "the acquisition"))
				if v := lkSetValue(acq); !v.IsNil() && !lkTokenValue(f, v) {
					msg += fmt.Sprintf("; its value %s (set at line %d) does not identify the holder either, so store a unique token per acquisition and delete only if it still matches", lkKeyText(v), acq.Line())
				}
			}
			p.Report(lkSite(del), msg, "", related...)
			return
		}
	}
}

// lkSetValue returns the value argument of a SET/SETNX call.
func lkSetValue(call syntax.Node) syntax.Node {
	if a := models.Args(call); len(a) >= 2 {
		return a[1]
	}
	return syntax.Node{}
}

func lkDelName(del syntax.Node) string {
	m := models.Method(del)
	if models.RedisRawCommandMethods[m] {
		if w := lkRawWords(del); len(w) > 0 {
			s, _ := sem.StringValue(w[0])
			return strings.ToUpper(s)
		}
	}
	return strings.ToUpper(m)
}

// lkLockNamed reports whether a key expression names a lock: a string or
// template whose words include lock, mutex, lease or semaphore
// ("lock:job:1", `${prefix}:mutex`), or a variable, property or helper so
// named (lockKey, this.lockName, keys.lock, getLockKey(id)).
func lkLockNamed(f *sem.File, key syntax.Node) bool {
	key = lkKeyExpr(f, key)
	found := false
	key.Walk(func(n syntax.Node) bool {
		if found {
			return false
		}
		switch {
		case n.Is(syntax.KStringFragment, syntax.KIdentifier, syntax.KPropertyIdentifier):
			if lkHasLockWord(n.Text()) {
				found = true
			}
		case n.Is(syntax.KString):
			if s, ok := sem.StringValue(n); ok && lkHasLockWord(s) {
				found = true
			}
			return false
		case n.Is(syntax.KArguments):
			return false // the arguments of a key helper are not the key's name
		}
		return true
	})
	return found
}

// lkKeyExpr returns the expression a key is built from: the key itself, or
// the initialiser of the local constant or variable that holds it
// (const gateKey = `dedupe:${id}`), so that its name and its text are both
// looked at.
func lkKeyExpr(f *sem.File, key syntax.Node) syntax.Node {
	key = key.Unparen()
	if !key.Is(syntax.KIdentifier) {
		return key
	}
	b := f.Resolve(key)
	if b == nil || b.Init.IsNil() || b.Kind == sem.BParam || b.Kind == sem.BImport {
		return key
	}
	if d := b.Decl.Parent(); !d.Is(syntax.KVariableDeclarator) || d.Child(syntax.FValue) != b.Init {
		return key
	}
	// Keep the variable's own name in view: a parenthesised pair of the
	// name and its value is not a node, so look at the declarator.
	return b.Decl.Parent()
}

// lkLockWords are the words that name a lock.
var lkLockWords = map[string]bool{"lock": true, "locks": true, "mutex": true, "lease": true, "semaphore": true, "redlock": true}

// lkHasLockWord splits text into words (separators, camelCase) and looks
// for a lock word: lockKey and LOCK_PREFIX and "lock:job" have one;
// "lockout", "blocked" and "clock" do not.
func lkHasLockWord(s string) bool {
	for _, w := range lkSplitWords(s) {
		if lkLockWords[w] {
			return true
		}
	}
	return false
}

// lkSplitWords splits an identifier or key into lower-case words at
// non-alphanumerics and camelCase boundaries.
func lkSplitWords(s string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
		case unicode.IsUpper(r) && i > 0 && (unicode.IsLower(rs[i-1]) || i+1 < len(rs) && unicode.IsLower(rs[i+1]) && unicode.IsUpper(rs[i-1])):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return words
}

// lkWatched reports whether the key is WATCHed before the delete in the
// same function: a MULTI after WATCH aborts when the key changed, which
// makes a GET-compare-DEL safe.
func lkWatched(f *sem.File, del syntax.Node, shape string) bool {
	for fn := f.FuncAt(del); fn != nil; fn = fn.Outer {
		for _, c := range fn.Calls() {
			if c.Start() >= del.Start() {
				break
			}
			if m := models.Method(c); models.RedisWatchMethods[m] {
				for _, a := range models.Args(c) {
					if lkKeyShape(f, a) == shape {
						return true
					}
				}
			}
		}
	}
	return false
}

// lkGetCompare finds a GET of the same key earlier in the delete's function
// (or the functions around it) and the equality test among the delete's
// guards that decides it: const holder = await redis.get(k);
// if (holder === token) await redis.del(k).
func lkGetCompare(f *sem.File, del syntax.Node, shape string) (get, guard syntax.Node) {
	top := f.FuncAt(del)
	for top != nil && top.Outer != nil {
		top = top.Outer
	}
	if top == nil || top.Body.IsNil() {
		return syntax.Node{}, syntax.Node{}
	}
	top.Body.Walk(func(c syntax.Node) bool {
		if c.Start() >= del.Start() {
			return false
		}
		if c.Is(syntax.KCallExpression) {
			if m := models.Method(c); models.RedisGetMethods[m] {
				if a := models.Args(c); len(a) == 1 && lkKeyShape(f, a[0]) == shape {
					get = c
				}
			}
		}
		return true
	})
	if get.IsNil() {
		return syntax.Node{}, syntax.Node{}
	}
	holder := lkResultName(get)
	if holder == "" {
		holder = lkBatchResult(f, get)
	}
	n := del
	for fn := f.FuncAt(del); fn != nil; fn = fn.Outer {
		for _, g := range f.Guards(n) {
			cmp := lkEqualityIn(g.Cond)
			if cmp.IsNil() || !lkDeletesOnMatch(g, cmp) {
				continue
			}
			if get.Start() >= g.Cond.Start() && get.End() <= g.Cond.End() || holder != "" && lkComparesHolder(f, cmp, holder) {
				return get, cmp
			}
		}
		n = fn.Node
	}
	return syntax.Node{}, syntax.Node{}
}

// lkDeletesOnMatch reports whether the delete a guard decides runs when
// the comparison finds the values equal, as a release of the caller's own
// lock does (if (holder === token) del(k)). A delete on the mismatch
// branch (if (stored !== expected) del(k)) throws away a value that is not
// the caller's, which is no release. A comparison inside a larger
// condition is taken as deciding it.
func lkDeletesOnMatch(g sem.Guard, cmp syntax.Node) bool {
	cond := g.Cond.Unparen()
	if cond != cmp && (g.Negated || !lkConjunct(cond, cmp)) {
		return true
	}
	equal := cmp.Operator() == "===" || cmp.Operator() == "=="
	return equal != g.Negated
}

// lkConjunct reports whether cmp is one of the terms a && chain requires.
func lkConjunct(cond, cmp syntax.Node) bool {
	cond = cond.Unparen()
	if cond == cmp {
		return true
	}
	if !cond.Is(syntax.KBinaryExpression) || cond.Operator() != "&&" {
		return false
	}
	return lkConjunct(cond.Child(syntax.FLeft), cmp) || lkConjunct(cond.Child(syntax.FRight), cmp)
}

// lkBatchResult returns the variable that receives the replies of the
// MULTI or pipeline a GET is queued in: const replies =
// await redis.multi().get(k).expire(k, ttl).exec(), or reads.get(k) with
// const owners = await reads.exec() later.
func lkBatchResult(f *sem.File, get syntax.Node) string {
	top := get
	for {
		p := top.Parent()
		if !p.Is(syntax.KMemberExpression) || !p.Parent().Is(syntax.KCallExpression) {
			break
		}
		top = p.Parent()
	}
	if top != get && models.Method(top) == "exec" {
		return lkResultName(top)
	}
	root := models.Receiver(get).Unparen()
	fn := f.FuncAt(get)
	for fn != nil && fn.Outer != nil {
		fn = fn.Outer
	}
	if !root.Is(syntax.KIdentifier) || fn == nil {
		return ""
	}
	name := ""
	fn.Body.Walk(func(n syntax.Node) bool {
		if name != "" {
			return false
		}
		if n.Is(syntax.KCallExpression) && n.Start() > get.Start() && models.Method(n) == "exec" && models.Receiver(n).Unparen().Text() == root.Text() {
			name = lkResultName(n)
		}
		return true
	})
	return name
}

// lkComparesHolder reports whether a comparison reads the value a GET
// returned: the variable holding it, or one worked out from it
// (const [sig, owner] = holder.split(":")).
func lkComparesHolder(f *sem.File, cmp syntax.Node, holder string) bool {
	found := false
	cmp.Walk(func(n syntax.Node) bool {
		if found || !n.Is(syntax.KIdentifier) {
			return !found
		}
		found = lkDerived(f, n, holder, 2)
		return !found
	})
	return found
}

// lkDerived reports whether an identifier is holder or a variable whose
// initialiser reads it, up to depth steps.
func lkDerived(f *sem.File, id syntax.Node, holder string, depth int) bool {
	if id.Text() == holder {
		return true
	}
	init := f.Resolve(id).Value()
	if depth == 0 || init.IsNil() {
		return false
	}
	found := false
	init.Walk(func(n syntax.Node) bool {
		if !found && n.Is(syntax.KIdentifier) && lkDerived(f, n, holder, depth-1) {
			found = true
		}
		return !found
	})
	return found
}

// lkResultName returns the variable that receives a call's result:
// const holder = await redis.get(k).
func lkResultName(call syntax.Node) string {
	p := call.Parent()
	for p.Is(syntax.KAwaitExpression, syntax.KParenthesizedExpression) {
		p = p.Parent()
	}
	if p.Is(syntax.KVariableDeclarator) {
		if n := p.Child(syntax.FName); n.Is(syntax.KIdentifier) {
			return n.Text()
		}
	}
	if p.Is(syntax.KAssignmentExpression) {
		return p.Child(syntax.FLeft).Text()
	}
	return ""
}

// lkEqualityIn returns the first ==, ===, != or !== comparison in a
// condition.
func lkEqualityIn(cond syntax.Node) syntax.Node {
	var out syntax.Node
	cond.Walk(func(n syntax.Node) bool {
		if !out.IsNil() || sem.IsFunction(n) {
			return false
		}
		if n.Is(syntax.KBinaryExpression) {
			switch n.Operator() {
			case "===", "==", "!==", "!=":
				out = n
				return false
			}
		}
		return true
	})
	return out
}

// lkMentions reports whether an expression refers to the name.
func lkMentions(n syntax.Node, name string) bool {
	found := false
	n.Walk(func(m syntax.Node) bool {
		if m.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier) && m.Text() == name {
			found = true
		}
		return !found
	})
	return found
}

// lkTokenWords name the value that identifies a lock's holder.
var lkTokenWords = map[string]bool{"token": true, "owner": true, "holder": true, "nonce": true, "fencing": true}

// lkTokenCompare reports whether a comparison involves a name that denotes
// a lock holder's token (token, ownerId, lockValue, this.holder).
func lkTokenCompare(cmp syntax.Node) bool {
	if cmp.IsNil() {
		return false
	}
	found := false
	cmp.Walk(func(n syntax.Node) bool {
		if n.Is(syntax.KIdentifier, syntax.KPropertyIdentifier, syntax.KShorthandPropertyIdentifier) {
			words := lkSplitWords(n.Text())
			for i, w := range words {
				if lkTokenWords[w] || w == "value" && i > 0 && lkLockWords[words[i-1]] {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// lkUnproven explains why a delete in a finally block may run for a lock
// this call never took: the try block holds the acquisition, or leaves
// early (return, throw) on a test of the acquisition's result, and nothing
// in the finally block tests that the lock was taken. It returns the
// acquisition or exit to point at, and "" when the path proves the lock was
// taken.
func lkUnproven(f *sem.File, del syntax.Node, shape string) (syntax.Node, string) {
	try, fin := syntax.Node{}, syntax.Node{}
	for n := del; !n.IsNil() && !sem.IsFunction(n); n = n.Parent() {
		if n.Is(syntax.KFinallyClause) {
			fin, try = n, n.Parent()
			break
		}
	}
	if try.IsNil() {
		return syntax.Node{}, ""
	}
	for _, g := range f.Guards(del) {
		if fin.Contains(g.Stmt) {
			return syntax.Node{}, "" // the finally decides whether to delete
		}
	}
	body := try.Child(syntax.FBody)
	var acquired []string
	var acq syntax.Node
	fn := f.FuncAt(del)
	if fn == nil {
		return syntax.Node{}, ""
	}
	for _, c := range fn.Calls() {
		if c.Start() >= fin.Start() {
			break
		}
		if !lkAcquires(f, c, shape) {
			continue
		}
		if body.Contains(c) && acq.IsNil() {
			acq = c
		}
		if name := lkResultName(c); name != "" {
			acquired = append(acquired, name)
		}
	}
	var exit syntax.Node
	body.Walk(func(n syntax.Node) bool {
		if !exit.IsNil() || sem.IsFunction(n) {
			return false
		}
		if n.Is(syntax.KIfStatement) && sem.Exits(n.Child(syntax.FConsequence)) {
			for _, name := range acquired {
				if lkMentions(n.Child(syntax.FCondition), name) {
					exit = n
					return false
				}
			}
		}
		return true
	})
	switch {
	case !exit.IsNil():
		return exit, fmt.Sprintf("the try block leaves at line %d when the acquisition failed, and the finally still runs", exit.Line())
	case !acq.IsNil():
		return acq, fmt.Sprintf("the acquisition at line %d is inside the try block, so the finally also runs when it failed or threw", acq.Line())
	}
	return syntax.Node{}, ""
}

// lkAcquires reports whether a call takes the lock: SET NX or SETNX of the
// key, or a helper named like an acquisition (acquireLock, tryLock) given
// the key.
func lkAcquires(f *sem.File, c syntax.Node, shape string) bool {
	if cmd, ok := lkCommand(c); ok && len(cmd.args) >= 2 && lkKeyShape(f, cmd.args[0]) == shape {
		if cmd.cmd == "SETNX" || cmd.cmd == "SET" && len(cmd.args) >= 3 && lkSetOptions(f, cmd.args[2:]).nx {
			return true
		}
	}
	m := models.Method(c)
	words := lkSplitWords(m)
	if len(words) == 0 || !(words[0] == "acquire" || words[0] == "try" && len(words) > 1 && lkLockWords[words[1]]) {
		return false
	}
	for _, a := range models.Args(c) {
		if lkKeyShape(f, a) == shape {
			return true // the helper takes this key
		}
	}
	return false
}

// lkReleaseScripts reports the Lua scripts of a file that treat a key as
// the caller's lock (they compare its value with an argument) but delete
// it on a path without that comparison, and the script runs that delete a
// lock key with no comparison at all.
func lkReleaseScripts(p *analysis.Pass) {
	f := p.File
	for _, s := range lkScriptsIn(f) {
		sc := s.src.Script
		for k := range sc.OwnerKeys {
			c, ok := lkLuaOpen(sc, k, func(c luatext.Call) bool { return luatext.DeleteCommands[c.Cmd] })
			if !ok || !lkLockScript(s, k) {
				continue
			}
			p.ReportAt(s.src.Node, s.src.Pos(c.Off), fmt.Sprintf("the script %s checks that KEYS[%d] still holds the caller's value, but deletes it on a path without that check (%s): a holder whose lock expired and was taken by another deletes the new holder's lock", lkNameOr(s.name), k, lkLuaLine(s.src, c)), "")
			break
		}
	}
	for _, run := range lkScriptRuns(f) {
		for i, key := range run.keys {
			k := i + 1
			if key.IsNil() || run.script.OwnerKeys[k] || lkLuaTakes(run.script, k) || !lkLockNamed(f, key) {
				continue
			}
			if _, ok := lkLuaOpen(run.script, k, func(c luatext.Call) bool { return luatext.DeleteCommands[c.Cmd] }); ok {
				p.Report(lkSite(run.call), fmt.Sprintf("lock %s is released by a script that deletes it without comparing the stored owner with the caller's token: if this holder's TTL ran out and another process took the lock, this deletes their lock", lkKeyName(f, key)), "")
				break
			}
		}
	}
}

// lkLockScript reports whether a script treats key k as a lock, beyond
// comparing its value (which a single-use code check does too): it is held
// under a name that says lock or release, or it takes the key with NX or
// gives it an expiry.
func lkLockScript(s lkScript, k int) bool {
	for _, w := range lkSplitWords(s.name) {
		if lkLockWords[w] || w == "release" || w == "unlock" {
			return true
		}
	}
	for _, c := range s.src.Script.Calls {
		if c.Key == k && (c.Cmd == "SETNX" || c.Cmd == "SET" && (c.NX() || c.TTL()) || luatext.ExpireCommands[c.Cmd]) {
			return true
		}
	}
	return false
}
