package rules

import (
	"fmt"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/luatext"
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/syntax"
)

// redislockextendWords1 are what a file must mention for the check to apply.
var redislockextendWords1 = sem.Needles("xpire", "XPIRE", "set", "SET")

func init() {
	register(&analysis.Rule{
		ID:        "redis-lock-unsafe-extend",
		Severity:  analysis.High,
		Title:     "Redis lock extended without an atomic owner check: a holder that lost its lock extends or takes over the new holder's",
		Fix:       "Extend with a Lua script that changes the expiry only if the key still holds this acquisition's token (if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0), and treat 0 as a lost lock.",
		Overrides: []string{"check-then-act"},
		Run:       runRedisLockExtend,
	})
}

func runRedisLockExtend(p *analysis.Pass) {
	f := p.File
	if f.OneProcess() {
		return
	}
	for _, s := range lkScriptsIn(f) {
		checkScriptExtend(p, s)
	}
	for _, run := range lkScriptRuns(f) {
		checkScriptRunExtend(p, run)
	}
	if !f.SourceHas(redislockextendWords1...) {
		return
	}
	nxKeys := lkTokenLocks(f)
	f.EachCall(func(n syntax.Node) bool {
		if c, ok := lkCommand(n); ok && len(c.args) > 0 {
			checkExtendCall(p, c, nxKeys)
		}
		return true
	})
}

// lkTokenLocks returns the keys a file takes with SET NX (or SETNX) and a
// value that identifies the holder, by key shape.
func lkTokenLocks(f *sem.File) map[string]syntax.Node {
	out := map[string]syntax.Node{}
	f.EachCall(func(n syntax.Node) bool {
		c, ok := lkCommand(n)
		if !ok || len(c.args) < 2 {
			return true
		}
		if c.cmd == "SETNX" || c.cmd == "SET" && len(c.args) >= 3 && lkSetOptions(f, c.args[2:]).nx {
			if lkTokenValue(f, c.args[1]) && !lkMarkerNamed(f, c.args[0]) {
				out[lkKeyShape(f, c.args[0])] = n
			}
		}
		return true
	})
	return out
}

// checkExtendCall reports a PEXPIRE/EXPIRE of a lock key, or a SET of it
// with an expiry and no NX, sent without an atomic owner check.
func checkExtendCall(p *analysis.Pass, c redisCmd, nxKeys map[string]syntax.Node) {
	f := p.File
	if !models.RedisExpireCommand(c.cmd) && (c.cmd != "SET" || len(nxKeys) == 0) {
		return // neither extends a lock (and a SET can only renew a token lock)
	}
	key := c.args[0]
	shape := lkKeyShape(f, key)
	acq := nxKeys[shape]
	switch {
	case models.RedisExpireCommand(c.cmd):
		if acq.IsNil() && !lkLockNamed(f, key) {
			return
		}
	case c.cmd == "SET":
		if acq.IsNil() || acq == c.call || len(c.args) < 3 {
			return
		}
		o := lkSetOptions(f, c.args[2:])
		if o.nx || !o.ttl || o.unknown || !lkTokenValue(f, c.args[1]) {
			return
		}
	default:
		return
	}
	if !lkRedisCall(f, c.call) || lkTakenBefore(f, c.call, shape) || lkWatched(f, c.call, shape) {
		return
	}
	what := c.cmd
	var related []analysis.Related
	if !acq.IsNil() {
		related = append(related, p.At(acq, "the acquisition"))
	}
	if get, guard := lkGetCompare(f, c.call, shape); !get.IsNil() {
		related = append(related, p.At(get, "the GET of the owner"), p.At(guard, "the comparison"))
		p.Report(lkSite(c.call), fmt.Sprintf("lock %s is extended with %s after reading the owner in a separate command (line %d): the lock can expire and pass to another holder between the GET and the %s, which then extends the new holder's lock", lkKeyName(f, key), what, get.Line(), what), "", related...)
		return
	}
	if what == "SET" {
		p.Report(lkSite(c.call), fmt.Sprintf("lock %s is renewed with a SET that has an expiry but no NX and no owner check: if this holder's lock expired and another process took it, this overwrites the new holder's token and both run", lkKeyName(f, key)), "", related...)
		return
	}
	p.Report(lkSite(c.call), fmt.Sprintf("lock %s is extended with a plain %s that does not check the owner: if this holder's lock expired and another process took it, this extends the new holder's lock while both run", lkKeyName(f, key), what), "", related...)
}

// lkTakenBefore reports whether the same function writes the key (SET,
// SET NX, SETNX, INCR, HSET...) before the call: an EXPIRE after it gives the value this
// call wrote its TTL (for an acquisition, redis-lock-without-ttl's
// concern), it does not extend a lock taken earlier.
func lkTakenBefore(f *sem.File, call syntax.Node, shape string) bool {
	for fn := f.FuncAt(call); fn != nil; fn = fn.Outer {
		for _, c := range fn.Calls() {
			if c == call || c.End() >= call.End() || c.End() > call.Start() && !call.Contains(c) {
				continue // not before the call (a queued command before it in a chain is)
			}
			cmd, ok := lkCommand(c)
			if !ok || len(cmd.args) < 1 || lkKeyShape(f, cmd.args[0]) != shape {
				continue
			}
			if models.RedisWriteCommand(cmd.cmd) {
				return true
			}
		}
	}
	return false
}

// checkScriptExtend reports a script that compares a key's value with the
// caller's argument (it treats the key as the caller's lock) but changes
// its expiry, or re-creates it, on a path without that comparison.
func checkScriptExtend(p *analysis.Pass, s lkScript) {
	sc := s.src.Script
	for k := range sc.OwnerKeys {
		c, ok := lkLuaOpen(sc, k, func(c luatext.Call) bool {
			return luatext.ExpireCommands[c.Cmd] || (c.Cmd == "SET" && !c.NX() || c.Cmd == "SETEX" || c.Cmd == "PSETEX") && c.ValueArg
		})
		if !ok {
			continue
		}
		if luatext.SetCommands[c.Cmd] {
			if !lkExtendNamed(s.name) {
				continue // acquire-or-reenter: the script is the acquisition
			}
			p.ReportAt(s.src.Node, s.src.Pos(c.Off), fmt.Sprintf("the script %s checks that KEYS[%d] still holds the caller's value, but on another path (%s) sets it to the caller's value anyway: a holder whose lock expired, and was taken and maybe released by another, silently takes it back and keeps running as if it had held it throughout", lkNameOr(s.name), k, lkLuaLine(s.src, c)), "")
			return
		}
		p.ReportAt(s.src.Node, s.src.Pos(c.Off), fmt.Sprintf("the script %s checks that KEYS[%d] still holds the caller's value, but changes its expiry on a path without that check (%s): a holder whose lock expired and was taken by another extends the new holder's lock", lkNameOr(s.name), k, lkLuaLine(s.src, c)), "")
		return
	}
}

// checkScriptRunExtend reports a script run on a lock key that changes the
// key's expiry with no owner check at all.
func checkScriptRunExtend(p *analysis.Pass, run lkScriptRun) {
	f := p.File
	for i, key := range run.keys {
		k := i + 1
		if key.IsNil() || run.script.OwnerKeys[k] || lkLuaTakes(run.script, k) || !lkLockNamed(f, key) {
			continue
		}
		if _, ok := lkLuaOpen(run.script, k, func(c luatext.Call) bool { return luatext.ExpireCommands[c.Cmd] }); ok {
			p.Report(lkSite(run.call), fmt.Sprintf("lock %s is extended by a script that changes its expiry without comparing the stored owner with the caller's token: if this holder's lock expired and another process took it, this extends the new holder's lock", lkKeyName(f, key)), "")
			return
		}
	}
}

// lkNameOr names a script for messages.
func lkNameOr(name string) string {
	if name == "" {
		return "here"
	}
	return name
}
