package rules

import (
	"strconv"
	"strings"

	"github.com/racecheck/racecheck/internal/luatext"
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/syntax"
)

// redisluaWords1 are what a file must mention for the check to apply.
var redisluaWords1 = sem.Needles("redis.call", "redis.pcall")

// redisluaWords2 are what a file must mention for the check to apply.
var redisluaWords2 = sem.Needles("eval", "EVAL", "defineCommand", "numberOfKeys", "NUMBER_OF_KEYS")

// The Redis lock rules read the Lua scripts a file writes (strings,
// template literals, concatenations, arrays of strings joined) and the
// calls that run them (eval, evalsha, defineCommand), so that a TTL, an
// owner check or a release inside a script counts as much as one sent from
// JavaScript.

// lkScript is one Lua script written in a file.
type lkScript struct {
	src  *luatext.Source
	name string // the variable, property or command that holds it
}

// lkScriptsIn returns the Lua scripts written in a file.
func lkScriptsIn(f *sem.File) []lkScript {
	if !f.SourceHas(redisluaWords1...) {
		return nil
	}
	var out []lkScript
	f.Root().Walk(func(n syntax.Node) bool {
		if !n.Is(syntax.KString, syntax.KTemplateString, syntax.KBinaryExpression, syntax.KCallExpression) {
			return true
		}
		src, ok := luatext.Extract(n)
		if !ok {
			return true
		}
		out = append(out, lkScript{src: src, name: lkScriptName(n)})
		return false
	})
	return out
}

// lkScriptName returns the name a script is held under: the variable it
// initialises (also through a wrapper call, createScript(`...`)), the
// property it is the value of, or the command defineCommand registers.
func lkScriptName(n syntax.Node) string {
	for p := n.Parent(); !p.IsNil(); n, p = p, p.Parent() {
		switch {
		case p.Is(syntax.KParenthesizedExpression, syntax.KAsExpression, syntax.KSatisfiesExpression, syntax.KArguments, syntax.KTemplateSubstitution):
		case p.Is(syntax.KCallExpression):
			if m := models.Method(p); models.RedisDefineCommandMethods[m] {
				if a := models.Args(p); len(a) > 0 {
					s, _ := sem.StringValue(a[0])
					return s
				}
			}
		case p.Is(syntax.KObject):
		case p.Is(syntax.KVariableDeclarator):
			return p.Child(syntax.FName).Text()
		case p.Is(syntax.KPair):
			if n.Field() == syntax.FValue {
				key := strings.Trim(p.Child(syntax.FKey).Text(), `"'`)
				if strings.EqualFold(key, "lua") || strings.EqualFold(key, "script") {
					continue // { lua: `...` }: the holder's name is further out
				}
				return key
			}
			return ""
		case p.Is(syntax.KAssignmentExpression):
			l := p.Child(syntax.FLeft)
			if l.Is(syntax.KMemberExpression) {
				return l.Child(syntax.FProperty).Text()
			}
			return l.Text()
		case p.Is(syntax.KPublicFieldDefinition, syntax.KFieldDefinition):
			return p.Child(syntax.FName).Text()
		default:
			return ""
		}
	}
	return ""
}

// lkScriptRun is one call that runs a Lua script with keys: eval(script,
// 1, key, ...), eval(script, { keys: [key] }), or a command registered
// with defineCommand.
type lkScriptRun struct {
	call   syntax.Node
	src    *luatext.Source
	script *luatext.Script
	keys   []syntax.Node // KEYS[1], KEYS[2], ... as written at the call
}

// lkScriptRuns returns the calls in a file that run a Lua script racecheck
// can read: written in this file or in a module it imports.
func lkScriptRuns(f *sem.File) []lkScriptRun {
	if !f.SourceHas(redisluaWords2...) {
		return nil
	}
	defined := map[string]lkScriptRun{} // command name -> script and key count
	var out []lkScriptRun
	f.EachCall(func(n syntax.Node) bool {
		m := models.Method(n)
		args := models.Args(n)
		switch {
		case models.RedisDefineCommandMethods[m] && len(args) == 2:
			name, _ := sem.StringValue(args[0])
			if run, ok := lkScriptDefinition(f, args[1]); ok && name != "" {
				defined[name] = run
			}
		case models.RedisEvalMethods[m] && len(args) >= 2:
			src := lkScriptValue(f, args[0], 0)
			if src == nil {
				return true
			}
			run := lkScriptRun{call: n, src: src, script: src.Script}
			if obj := args[1].Unparen(); obj.Is(syntax.KObject) {
				if ks := lkObjectValue(obj, "keys").Unparen(); ks.Is(syntax.KArray) {
					run.keys = ks.NamedChildren()
				}
			} else if nkeys, ok := lkNumber(args[1]); ok && len(args) >= 2+nkeys {
				run.keys = args[2 : 2+nkeys]
			}
			out = append(out, run)
		}
		return true
	})
	// Scripts registered as client options: ioredis new Redis({ scripts:
	// { name: { lua, numberOfKeys } } }), node-redis createClient({ scripts:
	// { name: defineScript({ SCRIPT, NUMBER_OF_KEYS }) } }).
	f.Root().Walk(func(n syntax.Node) bool {
		if !n.Is(syntax.KPair) {
			return true
		}
		v := n.Child(syntax.FValue).Unparen()
		if v.Is(syntax.KCallExpression) {
			if a := models.Args(v); len(a) == 1 {
				v = a[0].Unparen()
			}
		}
		if run, ok := lkScriptDefinition(f, v); ok {
			defined[strings.Trim(n.Child(syntax.FKey).Text(), `"'`)] = run
		}
		return true
	})
	if len(defined) > 0 {
		f.Root().Walk(func(n syntax.Node) bool {
			if !n.Is(syntax.KCallExpression) {
				return true
			}
			chain, m := models.Callee(n)
			d, ok := defined[m]
			if !ok || len(chain) == 0 {
				return true
			}
			args := models.Args(n)
			if len(args) < len(d.keys) {
				return true
			}
			out = append(out, lkScriptRun{call: n, src: d.src, script: d.script, keys: args[:len(d.keys)]})
			return true
		})
	}
	return out
}

// lkScriptDefinition reads a script definition object: { lua,
// numberOfKeys } (ioredis) or { SCRIPT, NUMBER_OF_KEYS } (node-redis).
func lkScriptDefinition(f *sem.File, obj syntax.Node) (lkScriptRun, bool) {
	obj = obj.Unparen()
	if !obj.Is(syntax.KObject) {
		return lkScriptRun{}, false
	}
	for _, names := range [][2]string{{"lua", "numberOfKeys"}, {"SCRIPT", "NUMBER_OF_KEYS"}} {
		text := lkObjectValue(obj, names[0])
		if text.IsNil() {
			continue
		}
		src := lkScriptValue(f, text, 0)
		nkeys, ok := lkNumber(lkObjectValue(obj, names[1]))
		if src != nil && ok {
			return lkScriptRun{src: src, script: src.Script, keys: make([]syntax.Node, nkeys)}, true
		}
	}
	return lkScriptRun{}, false
}

// lkScriptValue reads the script an expression holds: written in place,
// or a constant of this file or of a module it imports.
func lkScriptValue(f *sem.File, n syntax.Node, depth int) *luatext.Source {
	n = n.Unparen()
	if n.IsNil() || depth > 4 {
		return nil
	}
	if src, ok := luatext.Extract(n); ok {
		return src
	}
	if !n.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier) {
		return nil
	}
	b := f.Resolve(n)
	if b == nil {
		return nil
	}
	if b.Import != nil {
		pr := f.Project()
		if pr == nil {
			return nil
		}
		tf := pr.ResolveSpec(f, b.Import.Spec)
		if tf == nil {
			return nil
		}
		if ef, ex := pr.ResolveExport(tf, b.Import.Name); ex != nil && !ex.Value.IsNil() {
			return lkScriptValue(ef, ex.Value, depth+1)
		}
		return nil
	}
	if b.Kind == sem.BConst || b.Kind == sem.BLet || b.Kind == sem.BVar {
		return lkScriptValue(f, b.Init, depth+1)
	}
	return nil
}

// lkObjectValue returns the value of property key in an object literal.
func lkObjectValue(obj syntax.Node, key string) syntax.Node {
	if !obj.Is(syntax.KObject) {
		return syntax.Node{}
	}
	for _, pr := range obj.NamedChildren() {
		if pr.Is(syntax.KPair) && strings.Trim(pr.Child(syntax.FKey).Text(), `"'`) == key {
			return pr.Child(syntax.FValue)
		}
	}
	return syntax.Node{}
}

// lkNumber reads a small integer literal.
func lkNumber(n syntax.Node) (int, bool) {
	n = n.Unparen()
	if !n.Is(syntax.KNumber) {
		return 0, false
	}
	v, err := strconv.Atoi(n.Text())
	return v, err == nil && v >= 0 && v < 64
}

// lkIntentWords name an operation that keeps a lock the caller already
// holds.
var lkIntentWords = map[string]bool{"refresh": true, "extend": true, "renew": true, "prolong": true, "heartbeat": true, "keepalive": true, "touch": true, "expire": true}

// lkExtendNamed reports whether a name says its script extends a held
// lock (refreshLua, extendLockScript, expireIfEqual).
func lkExtendNamed(name string) bool {
	for _, w := range lkSplitWords(name) {
		if lkIntentWords[w] {
			return true
		}
	}
	return false
}

// lkLuaOpen returns the first command of a script that changes key k on a
// path without an owner check, among the kinds wanted.
func lkLuaOpen(s *luatext.Script, k int, want func(luatext.Call) bool) (luatext.Call, bool) {
	for _, c := range s.Calls {
		if c.Key == k && !c.Guarded && want(c) {
			return c, true
		}
	}
	return luatext.Call{}, false
}

// lkLuaTakes reports whether a script takes key k itself (SET NX, SETNX).
func lkLuaTakes(s *luatext.Script, k int) bool {
	for _, c := range s.Calls {
		if c.Key == k && (c.Cmd == "SETNX" || c.Cmd == "SET" && c.NX()) {
			return true
		}
	}
	return false
}

// lkLuaLine renders a script command for messages.
func lkLuaLine(src *luatext.Source, c luatext.Call) string {
	t := src.Text[c.Off:]
	if i := strings.IndexAny(t, "\n"); i >= 0 {
		t = t[:i]
	}
	t = strings.TrimSpace(t)
	if len(t) > 60 {
		t = t[:57] + "..."
	}
	return t
}
