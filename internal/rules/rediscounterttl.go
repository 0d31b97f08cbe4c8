package rules

import (
	"fmt"
	"strings"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/syntax"
)

// rediscounterttlWords1 are what a file must mention for the check to apply.
var rediscounterttlWords1 = sem.Needles("incr", "INCR", "decr", "DECR", "ncrBy", "IncrBy")

func init() {
	register(&analysis.Rule{
		ID:       "redis-counter-ttl",
		Severity: analysis.High,
		Title:    "Redis counter whose expiry is set by a separate command: a crash or an expiry in between leaves it with no TTL",
		Fix:      "Increment and set the expiry in one atomic step: queue both in one MULTI (redis.multi().incr(key).expire(key, ttl, \"NX\").exec()) or run them in one Lua script.",
		Run:      runRedisCounterTTL,
	})
}

// redisCmd is one Redis command call: its upper-case command and its
// arguments from the key on, whether called as a method (redis.incr(k)) or
// by its words (redis.call("INCR", k), sendCommand(["INCR", k])).
type redisCmd struct {
	call syntax.Node
	cmd  string
	args []syntax.Node
}

// lkCommand reads a call as a Redis command, or returns false.
func lkCommand(call syntax.Node) (redisCmd, bool) {
	m := models.Method(call)
	if models.RedisRawCommandMethods[m] {
		words := lkRawWords(call)
		if len(words) < 2 {
			return redisCmd{}, false
		}
		w, ok := sem.StringValue(words[0])
		if !ok {
			return redisCmd{}, false
		}
		return redisCmd{call, strings.ToUpper(w), words[1:]}, true
	}
	if m == "" {
		return redisCmd{}, false
	}
	return redisCmd{call, strings.ToUpper(m), models.Args(call)}, true
}

// lkRedisCall reports whether a call goes to a Redis client, as far as the
// code shows: the receiver comes from a Redis package's factory, a Redis
// type or a field holding one, or the file imports a Redis package and the
// receiver is not known to be something else. A receiver's name alone
// (an untyped parameter called redis) is not enough: counters are common
// in other stores and in memory.
func lkRedisCall(f *sem.File, call syntax.Node) bool {
	return lkRedisReceiver(f, call, false) || lkFileImportsRedis(f) && !lkNonRedis(f, call)
}

func runRedisCounterTTL(p *analysis.Pass) {
	f := p.File
	if f.OneProcess() || !f.SourceHas(rediscounterttlWords1...) {
		return
	}
	f.EachCall(func(n syntax.Node) bool {
		c, ok := lkCommand(n)
		if !ok || !models.RedisIncrCommand(c.cmd) || len(c.args) == 0 || !lkRedisCall(f, n) {
			return true
		}
		checkCounter(p, c)
		return true
	})
}

// checkCounter reports an increment whose key gets its expiry from another
// round trip: an EXPIRE that runs only on some outcomes of the increment,
// or a SET with EX/PX that created the key before.
func checkCounter(p *analysis.Pass, inc redisCmd) {
	f := p.File
	fn := f.FuncAt(inc.call)
	if fn == nil {
		return
	}
	key := inc.args[0]
	shape := lkKeyShape(f, key)
	var expire, set redisCmd
	for _, c := range fn.Calls() {
		if c == inc.call {
			continue
		}
		cmd, ok := lkCommand(c)
		if !ok || len(cmd.args) == 0 || lkKeyShape(f, cmd.args[0]) != shape {
			continue
		}
		switch {
		case models.RedisExpireCommand(cmd.cmd) || cmd.cmd == "SET" && lkCmdSetsTTL(f, cmd):
			if lkSameBatch(f, inc.call, c) {
				return // queued in the same MULTI or pipeline
			}
			if c.Start() > inc.call.End() && lkRepairsTTL(f, fn, c) {
				return // a later call sets a missing expiry again (if (ttl < 0) expire(k))
			}
			if cmd.cmd == "SET" {
				if set.call.IsNil() && c.Start() < inc.call.Start() {
					set = cmd
				}
			} else if c.Start() > inc.call.End() && expire.call.IsNil() {
				expire = cmd
			}
		}
	}
	switch {
	case !expire.call.IsNil() && lkOnlySometimes(f, fn, expire.call, inc.call):
		p.Report(lkSite(inc.call), fmt.Sprintf("counter %s is incremented here and given its expiry by a separate %s at line %d that runs only when this increment created the key: if the process crashes or the call fails in between, the counter never expires and whatever it limits stays blocked", lkKeyName(f, key), expire.cmd, expire.call.Line()), "",
			p.At(expire.call, "the separate expiry"))
	case !set.call.IsNil() && expire.call.IsNil():
		p.Report(lkSite(inc.call), fmt.Sprintf("counter %s gets its expiry from the SET at line %d, a separate command: if the key expires between that SET and this %s, the %s creates it again with no expiry, and the counter never resets", lkKeyName(f, key), set.call.Line(), inc.cmd, inc.cmd), "",
			p.At(set.call, "the SET that gives the expiry"))
	}
}

// lkRepairsTTL reports an expiry set under a test of the key's remaining
// time to live (const ttl = await redis.ttl(k); if (ttl < 0) await
// redis.expire(k, w)): whatever a crash left, the next call gives the
// counter its expiry again.
func lkRepairsTTL(f *sem.File, fn *sem.Func, expire syntax.Node) bool {
	ttls := lkKeyReads(f, fn, expire, "TTL", "PTTL", "EXPIRETIME", "PEXPIRETIME")
	for _, g := range f.Guards(expire) {
		for _, t := range ttls {
			if lkMentions(g.Cond, t) {
				return true
			}
		}
	}
	return false
}

// lkCmdSetsTTL reports whether a SET carries EX/PX.
func lkCmdSetsTTL(f *sem.File, c redisCmd) bool {
	return len(c.args) >= 3 && lkSetOptions(f, c.args[2:]).ttl
}

// lkOnlySometimes reports whether the expiry runs only when the increment
// created the key, so that no later increment gives it one: under a test
// of the increment's result for equality (if (n === 1) expire(k)), or of
// an earlier read of the key (if (!exists) expire(k)).
func lkOnlySometimes(f *sem.File, fn *sem.Func, expire, inc syntax.Node) bool {
	incGuards := map[syntax.Node]bool{}
	for _, g := range f.Guards(inc) {
		incGuards[g.Stmt] = true
	}
	results := lkChainResults(inc)
	reads := lkKeyReads(f, fn, inc, "EXISTS", "GET")
	ttls := lkKeyReads(f, fn, expire, "TTL", "PTTL", "EXPIRETIME", "PEXPIRETIME")
	for _, g := range f.Guards(expire) {
		for _, t := range ttls {
			if lkMentions(g.Cond, t) {
				return false // the code repairs a missing expiry
			}
		}
	}
	for _, g := range f.Guards(expire) {
		if incGuards[g.Stmt] {
			continue
		}
		if g.Cond.Contains(inc) {
			return true
		}
		for _, r := range results {
			if lkFirstTest(g.Cond, r) {
				return true
			}
		}
		for _, r := range reads {
			if lkMentions(g.Cond, r) {
				return true
			}
		}
	}
	return false
}

// lkChainResults returns the variables that receive a command's result:
// const n = await redis.incr(k), or, for a command queued in a chain,
// the names the chain's result is destructured into
// (const [[, n]] = await redis.multi().incr(k).exec()).
func lkChainResults(call syntax.Node) []string {
	top := call
	for {
		p := top.Parent()
		if p.Is(syntax.KMemberExpression) && p.Parent().Is(syntax.KCallExpression) && p.Parent().Child(syntax.FFunction) == p {
			top = p.Parent()
			continue
		}
		break
	}
	if top == call {
		if name := lkResultName(call); name != "" {
			return []string{name}
		}
		return nil
	}
	p := top.Parent()
	for p.Is(syntax.KAwaitExpression, syntax.KParenthesizedExpression, syntax.KAsExpression) {
		p = p.Parent()
	}
	if !p.Is(syntax.KVariableDeclarator) {
		return nil
	}
	var out []string
	p.Child(syntax.FName).Walk(func(n syntax.Node) bool {
		if n.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifierPattern) {
			out = append(out, n.Text())
		}
		return true
	})
	return out
}

// lkFirstTest reports whether a condition compares the named counter for
// equality (n === 1, count == incrBy): the test that the increment created
// the key.
func lkFirstTest(cond syntax.Node, name string) bool {
	found := false
	cond.Walk(func(n syntax.Node) bool {
		if found || sem.IsFunction(n) {
			return false
		}
		if n.Is(syntax.KBinaryExpression) {
			switch n.Operator() {
			case "===", "==":
				if lkMentions(n, name) {
					found = true
				}
			}
		}
		return true
	})
	return found
}

// lkKeyReads returns the variables that receive one of the commands (EXISTS,
// GET, TTL, ...) on the key of call, before call in the function.
func lkKeyReads(f *sem.File, fn *sem.Func, call syntax.Node, cmds ...string) []string {
	c0, ok := lkCommand(call)
	if !ok || len(c0.args) == 0 {
		return nil
	}
	shape := lkKeyShape(f, c0.args[0])
	var out []string
	for _, c := range fn.Calls() {
		if c.Start() >= call.Start() {
			break
		}
		cmd, ok := lkCommand(c)
		if !ok || len(cmd.args) == 0 || !lkOneOf(cmd.cmd, cmds) || lkKeyShape(f, cmd.args[0]) != shape {
			continue
		}
		if name := lkResultName(c); name != "" {
			out = append(out, name)
		}
	}
	return out
}

// lkSameBatch reports whether two commands are queued in the same MULTI or
// pipeline (chained on one multi()/pipeline() call, or on one variable
// holding it), which sends them in one round trip.
func lkSameBatch(f *sem.File, a, b syntax.Node) bool {
	if lkBatchRoot(f, a).IsNil() {
		return false
	}
	ra, rb := lkBatchRoot(f, a), lkBatchRoot(f, b)
	return !rb.IsNil() && ra == rb
}

// lkBatchRoot returns the multi()/pipeline() call a command is queued on,
// or the declaration of the variable that holds it.
func lkBatchRoot(f *sem.File, call syntax.Node) syntax.Node {
	r := models.Receiver(call).Unparen()
	for r.Is(syntax.KCallExpression) {
		if m := models.Method(r); models.RedisMultiMethods[m] {
			return r
		}
		r = models.Receiver(r).Unparen()
	}
	if r.Is(syntax.KIdentifier) {
		if b := f.Resolve(r); b != nil && !b.Init.IsNil() {
			init := b.Init.Unparen()
			for init.Is(syntax.KCallExpression) {
				if m := models.Method(init); models.RedisMultiMethods[m] {
					return b.Decl
				}
				init = models.Receiver(init).Unparen()
			}
		}
	}
	return syntax.Node{}
}

// lkKeyName renders a key for messages: a local variable as the value it
// holds (key = `rl:${ip}` shows as `rl:${ip}`).
func lkKeyName(f *sem.File, key syntax.Node) string {
	key = key.Unparen()
	if key.Is(syntax.KIdentifier) {
		if b := f.Resolve(key); b != nil && !b.Init.IsNil() && b.Kind != sem.BParam && b.Kind != sem.BImport {
			if init := b.Init.Unparen(); init.Is(syntax.KTemplateString, syntax.KString, syntax.KBinaryExpression) {
				return lkKeyText(init)
			}
		}
	}
	return lkKeyText(key)
}

func lkOneOf(s string, list []string) bool {
	for _, x := range list {
		if s == x {
			return true
		}
	}
	return false
}
