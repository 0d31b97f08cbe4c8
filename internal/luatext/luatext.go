// Package luatext understands just enough of the Lua scripts that Node code
// sends to Redis (EVAL, EVALSHA, defineCommand, FUNCTION) to reason about
// locks and counters: which keys the script touches with which commands,
// and whether a command that changes a key runs only on a path where the
// script has checked that the key still holds the caller's value (the
// owner check of a lock).
package luatext

import (
	"strconv"
	"strings"
)

// Script is what racecheck knows of one Lua script.
type Script struct {
	// Calls are the redis.call and redis.pcall commands in source order.
	Calls []Call
	// OwnerKeys are the KEYS indexes (1-based) whose stored value the
	// script compares with an argument somewhere (redis.call('get', k) ==
	// ARGV[1]): the keys it treats as held by the caller.
	OwnerKeys map[int]bool
}

// Call is one redis.call or redis.pcall.
type Call struct {
	Cmd string // the command, upper case ("GET", "SET", "PEXPIRE", ...); "" when not a literal
	// Key is the KEYS index (1-based) of the first argument, 0 when it is
	// not a KEYS entry.
	Key int
	// ValueArg is set when the second argument comes from ARGV (the value a
	// SET stores).
	ValueArg bool
	// Words are the literal string arguments after the key, upper case
	// ("NX", "PX", ...).
	Words []string
	// Guarded is set when the call runs only on a path where the script has
	// established that Key holds the caller's value: inside an if whose
	// condition compares the stored value with an argument, after an early
	// return when it does not, or after the script set the key itself.
	Guarded bool
	// Off is the byte offset of the call in the script text.
	Off int
}

// NX reports whether a SET call carries the NX option.
func (c Call) NX() bool { return c.hasWord("NX") }

// TTL reports whether a SET call carries an expiry option.
func (c Call) TTL() bool {
	return c.hasWord("PX") || c.hasWord("EX") || c.hasWord("PXAT") || c.hasWord("EXAT")
}

// KeepTTL reports whether a SET call keeps the key's existing expiry.
func (c Call) KeepTTL() bool { return c.hasWord("KEEPTTL") }

func (c Call) hasWord(w string) bool {
	for _, x := range c.Words {
		if x == w {
			return true
		}
	}
	return false
}

// Mutates reports whether the call changes the key's value or expiry.
func (c Call) Mutates() bool {
	return SetCommands[c.Cmd] || ExpireCommands[c.Cmd] || DeleteCommands[c.Cmd]
}

// SetCommands write a string key's value.
var SetCommands = map[string]bool{"SET": true, "SETNX": true, "SETEX": true, "PSETEX": true, "GETSET": true}

// ExpireCommands change a key's time to live.
var ExpireCommands = map[string]bool{"EXPIRE": true, "PEXPIRE": true, "EXPIREAT": true, "PEXPIREAT": true}

// DeleteCommands remove a key.
var DeleteCommands = map[string]bool{"DEL": true, "UNLINK": true, "GETDEL": true}

// ownWrites write a key whatever it held, so that the commands after them
// on the same path act on what the script itself wrote.
var ownWrites = map[string]bool{
	"SET": true, "SETEX": true, "PSETEX": true, "GETSET": true, "HSET": true, "HMSET": true,
	"HINCRBY": true, "INCR": true, "INCRBY": true, "ZADD": true, "SADD": true, "LPUSH": true, "RPUSH": true,
}

// readCommands return something of a key that a script compares with an
// argument to decide ownership: GET for a string, membership and score
// reads for hashes, sets and sorted sets.
var readCommands = map[string]bool{"GET": true, "HGET": true, "ZSCORE": true, "SISMEMBER": true, "HEXISTS": true, "LINDEX": true}

// LooksLikeLua reports whether a string is a Redis Lua script: it calls
// redis.call or redis.pcall.
func LooksLikeLua(s string) bool {
	return strings.Contains(s, "redis.call") || strings.Contains(s, "redis.pcall")
}

// value is what racecheck knows of a Lua expression or local variable.
type value struct {
	key     int // KEYS[n]
	argv    bool
	readOf  int // the result of a read (GET, ZSCORE, ...) of KEYS[n]
	readArg bool
	value   bool // the read returns the key's value (GET, HGET)
	takeOf  int  // the result of SETNX / SET NX of KEYS[n] with an argument
}

// owner is one ownership test found in a condition: on key, positive when
// the condition holding means the caller holds the key.
type owner struct {
	key      int
	positive bool
}

type branch struct {
	proven map[int]bool // keys proven held in this branch
	exits  bool         // the branch returns or raises at its own level
}

type frame struct {
	kind      string // "if", "block", "repeat"
	inherited map[int]bool
	conds     [][]owner // the conditions of the if chain so far
	branches  []branch
	hasElse   bool
}

type parser struct {
	toks    []token
	i       int
	locals  map[string]value
	aliases map[string]bool // local names of redis.call / redis.pcall
	frames  []*frame
	s       *Script
}

// Parse reads a Lua script.
func Parse(src string) *Script {
	p := &parser{toks: lex(src), locals: map[string]value{}, aliases: map[string]bool{}, s: &Script{OwnerKeys: map[int]bool{}}}
	p.frames = []*frame{{kind: "block", branches: []branch{{proven: map[int]bool{}}}}}
	p.run()
	return p.s
}

func (p *parser) cur() *branch {
	f := p.frames[len(p.frames)-1]
	return &f.branches[len(f.branches)-1]
}

func (p *parser) tok(i int) token {
	if i >= 0 && i < len(p.toks) {
		return p.toks[i]
	}
	return token{}
}

func (p *parser) run() {
	for p.i < len(p.toks) {
		t := p.toks[p.i]
		switch {
		case t.is("local"):
			p.i++
			if p.tok(p.i).is("function") {
				continue
			}
			p.assign()
		case t.is("if"):
			p.i++
			conds := p.condition("then")
			f := &frame{kind: "if", inherited: copySet(p.cur().proven)}
			f.conds = [][]owner{conds}
			f.branches = []branch{{proven: provenIn(f.inherited, f.conds, false)}}
			p.frames = append(p.frames, f)
		case t.is("elseif"):
			p.i++
			conds := p.condition("then")
			f := p.frames[len(p.frames)-1]
			if f.kind == "if" {
				f.conds = append(f.conds, conds)
				f.branches = append(f.branches, branch{proven: provenIn(f.inherited, f.conds, false)})
			}
		case t.is("else"):
			p.i++
			f := p.frames[len(p.frames)-1]
			if f.kind == "if" {
				f.hasElse = true
				f.branches = append(f.branches, branch{proven: provenIn(f.inherited, f.conds, true)})
			}
		case t.is("while"), t.is("for"):
			p.i++
			for p.i < len(p.toks) && !p.toks[p.i].is("do") {
				p.scanCalls(p.i, p.i+1)
				p.i++
			}
			p.i++
			p.push("block")
		case t.is("do"), t.is("function"):
			p.i++
			p.push("block")
		case t.is("repeat"):
			p.i++
			p.push("repeat")
		case t.is("until"):
			p.i++
			p.pop()
			p.expr()
		case t.is("end"):
			p.i++
			p.pop()
		case t.is("return"):
			p.i++
			p.expr()
			p.cur().exits = true
		case t.kind == tName && t.text == "error" && p.tok(p.i+1).is("("):
			p.expr()
			p.cur().exits = true
		case t.kind == tName && p.tok(p.i+1).is("="):
			p.assign()
		default:
			start := p.i
			p.expr()
			if p.i == start {
				p.i++ // a token no statement starts with
			}
		}
	}
}

func (p *parser) push(kind string) {
	f := &frame{kind: kind, inherited: copySet(p.cur().proven)}
	f.branches = []branch{{proven: copySet(f.inherited)}}
	p.frames = append(p.frames, f)
}

// pop closes a block; after an if, the keys proven in every branch that
// falls through stay proven.
func (p *parser) pop() {
	if len(p.frames) == 1 {
		return
	}
	f := p.frames[len(p.frames)-1]
	p.frames = p.frames[:len(p.frames)-1]
	if f.kind != "if" {
		return
	}
	branches := f.branches
	if !f.hasElse {
		branches = append(branches, branch{proven: provenIn(f.inherited, f.conds, true)})
	}
	var after map[int]bool
	for _, b := range branches {
		if b.exits {
			continue
		}
		if after == nil {
			after = copySet(b.proven)
			continue
		}
		for k := range after {
			if !b.proven[k] {
				delete(after, k)
			}
		}
	}
	if after != nil {
		p.cur().proven = after
	}
}

// provenIn returns the keys proven held in the branch after conds: the
// last condition held (or, for an else, none did) and the earlier ones
// did not.
func provenIn(inherited map[int]bool, conds [][]owner, isElse bool) map[int]bool {
	out := copySet(inherited)
	for i, c := range conds {
		last := i == len(conds)-1 && !isElse
		for _, o := range c {
			if o.positive == last {
				out[o.key] = true
			}
		}
	}
	return out
}

func copySet(m map[int]bool) map[int]bool {
	out := make(map[int]bool, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// assign reads local a, b = e1, e2 or a = e.
func (p *parser) assign() {
	var names []string
	for p.i < len(p.toks) && p.toks[p.i].kind == tName {
		names = append(names, p.toks[p.i].text)
		p.i++
		if !p.tok(p.i).is(",") {
			break
		}
		p.i++
	}
	if !p.tok(p.i).is("=") {
		for _, n := range names {
			delete(p.locals, n)
		}
		return
	}
	p.i++
	if len(names) == 1 && p.tok(p.i).text == "redis" && p.tok(p.i+1).is(".") && (p.tok(p.i+2).text == "call" || p.tok(p.i+2).text == "pcall") && !p.tok(p.i+3).is("(") {
		p.aliases[names[0]] = true
		p.i += 3
		return
	}
	for k, n := range names {
		start := p.i
		p.expr()
		if k == 0 || start < p.i {
			p.locals[n] = p.eval(start, p.i)
		}
		if p.tok(p.i).is(",") {
			p.i++
		}
	}
}

// condition reads an if condition up to the keyword that ends it and
// returns its ownership tests.
func (p *parser) condition(stop string) []owner {
	start := p.i
	depth := 0
	for p.i < len(p.toks) {
		t := p.toks[p.i]
		if depth == 0 && t.is(stop) {
			break
		}
		depth += t.depth()
		p.i++
	}
	end := p.i
	p.scanCalls(start, end)
	p.i++
	return p.owners(start, end)
}

// owners splits a condition at its top-level and/or and returns the
// ownership tests that decide it: in a conjunction the positive ones, in a
// disjunction the negative ones.
func (p *parser) owners(start, end int) []owner {
	var parts [][2]int
	op := ""
	depth, last := 0, start
	for i := start; i < end; i++ {
		t := p.toks[i]
		if depth == 0 && (t.is("and") || t.is("or")) {
			if op != "" && op != t.text {
				return nil // mixed and/or: too clever to read
			}
			op = t.text
			parts = append(parts, [2]int{last, i})
			last = i + 1
		}
		depth += t.depth()
	}
	parts = append(parts, [2]int{last, end})
	var out []owner
	for _, pt := range parts {
		o, ok := p.ownerAtom(pt[0], pt[1])
		if !ok {
			continue
		}
		if o.positive && op != "or" || !o.positive && op != "and" {
			out = append(out, o)
		}
	}
	return out
}

// ownerAtom reads one comparison: read(k) == argv, argv ~= read(k), a
// bare membership read zscore(k, argv), not zscore(k, argv),
// setnx(k, argv) == 1.
func (p *parser) ownerAtom(start, end int) (owner, bool) {
	neg := false
	for start < end && p.toks[start].is("not") {
		neg = !neg
		start++
	}
	for start < end && p.toks[start].is("(") && p.match(start) == end-1 {
		start, end = start+1, end-1
	}
	depth := 0
	for i := start; i < end; i++ {
		t := p.toks[i]
		if depth == 0 && (t.is("==") || t.is("~=")) {
			l, r := p.eval(start, i), p.eval(i+1, end)
			positive := t.is("==") != neg
			switch {
			case l.readOf > 0 && r.argv:
				return owner{l.readOf, positive}, true
			case r.readOf > 0 && l.argv:
				return owner{r.readOf, positive}, true
			case l.takeOf > 0 && p.isOne(i+1, end):
				return owner{l.takeOf, positive}, true
			}
			return owner{}, false
		}
		depth += t.depth()
	}
	v := p.eval(start, end)
	if v.readOf > 0 && v.readArg {
		return owner{v.readOf, !neg}, true
	}
	if v.takeOf > 0 {
		return owner{v.takeOf, !neg}, true
	}
	return owner{}, false
}

func (p *parser) isOne(start, end int) bool {
	return end == start+1 && (p.toks[start].text == "1" || p.toks[start].is("true") || p.toks[start].kind == tString && strings.EqualFold(p.toks[start].text, "OK"))
}

// match returns the index of the bracket closing the one at i.
func (p *parser) match(i int) int {
	depth := 0
	for j := i; j < len(p.toks); j++ {
		depth += p.toks[j].depth()
		if depth == 0 {
			return j
		}
	}
	return len(p.toks) - 1
}

// eval reads what an expression is: a KEYS entry, an ARGV-derived value,
// the result of a read or of a take of a key.
func (p *parser) eval(start, end int) value {
	var v value
	for i := start; i < end; i++ {
		t := p.toks[i]
		switch {
		case t.kind == tName && t.text == "KEYS" && p.tok(i+1).is("["):
			if n, err := strconv.Atoi(p.tok(i + 2).text); err == nil && end-start == 4 {
				return value{key: n}
			}
		case t.kind == tName && t.text == "ARGV":
			v.argv = true
		case p.callOpen(i) > 0:
			c, args := p.callAt(i)
			close := p.match(p.callOpen(i))
			if close != end-1 {
				v.argv = v.argv || p.eval(i, close+1).argv
				i = close
				continue
			}
			switch {
			case readCommands[c.Cmd] && c.Key > 0:
				r := value{readOf: c.Key, value: c.Cmd == "GET" || c.Cmd == "HGET"}
				for _, a := range args[1:] {
					if p.eval(a[0], a[1]).argv {
						r.readArg = true
					}
				}
				return r
			case c.Key > 0 && c.ValueArg && (c.Cmd == "SETNX" || c.Cmd == "SET" && c.NX()):
				return value{takeOf: c.Key}
			}
			return value{}
		case t.kind == tName && !p.tok(i-1).is(".") && !p.tok(i+1).is("("):
			if l, ok := p.locals[t.text]; ok {
				if end-start == 1 {
					return l
				}
				v.argv = v.argv || l.argv
			}
		}
	}
	return v
}

// callOpen returns the index of the opening parenthesis when the tokens
// at i call Redis: redis.call(, redis.pcall(, or a local alias of either
// (local rcall = redis.call; rcall(...)); -1 otherwise.
func (p *parser) callOpen(i int) int {
	t := p.tok(i)
	if t.kind != tName || p.tok(i-1).is(".") || p.tok(i-1).is(":") {
		return -1
	}
	if t.text == "redis" && p.tok(i+1).is(".") && (p.tok(i+2).text == "call" || p.tok(i+2).text == "pcall") && p.tok(i+3).is("(") {
		return i + 3
	}
	if p.aliases[t.text] && p.tok(i+1).is("(") {
		return i + 1
	}
	return -1
}

// callAt reads the redis.call at token i: its command, key and arguments.
func (p *parser) callAt(i int) (Call, [][2]int) {
	c := Call{Off: p.toks[i].off}
	open := p.callOpen(i)
	if open < 0 {
		return c, nil
	}
	close := p.match(open)
	var args [][2]int
	depth, last := 0, open+1
	for j := open + 1; j < close; j++ {
		t := p.toks[j]
		if depth == 0 && t.is(",") {
			args = append(args, [2]int{last, j})
			last = j + 1
		}
		depth += t.depth()
	}
	if last < close {
		args = append(args, [2]int{last, close})
	}
	if len(args) == 0 {
		return c, args
	}
	if a := args[0]; a[1] == a[0]+1 && p.toks[a[0]].kind == tString {
		c.Cmd = strings.ToUpper(p.toks[a[0]].text)
	}
	if len(args) > 1 {
		c.Key = p.eval(args[1][0], args[1][1]).key
	}
	if len(args) > 2 {
		c.ValueArg = p.eval(args[2][0], args[2][1]).argv
		for _, a := range args[2:] {
			if a[1] == a[0]+1 && p.toks[a[0]].kind == tString {
				c.Words = append(c.Words, strings.ToUpper(p.toks[a[0]].text))
			}
		}
	}
	return c, args[1:]
}

// expr skips one expression (or an expression list), recording the calls
// in it.
func (p *parser) expr() {
	start := p.i
	depth := 0
	operand := false
	for p.i < len(p.toks) {
		t := p.toks[p.i]
		if depth == 0 {
			if operand && !t.binary() && !t.is("(") && !t.is("[") && !t.is("{") && !(t.kind == tString) {
				break
			}
			if !operand && t.kind == tKeyword && !t.is("nil") && !t.is("true") && !t.is("false") && !t.is("not") && !t.is("function") {
				break
			}
		}
		if t.is("function") {
			break
		}
		d := t.depth()
		depth += d
		if depth < 0 {
			break
		}
		switch {
		case d < 0 || t.kind == tName || t.kind == tNumber || t.kind == tString || t.is("...") || t.is("nil") || t.is("true") || t.is("false"):
			operand = depth == 0
		case d > 0:
			operand = false
		default:
			operand = false
		}
		p.i++
	}
	p.scanCalls(start, p.i)
}

// scanCalls records the redis.call commands in tokens [start, end).
func (p *parser) scanCalls(start, end int) {
	for i := start; i < end; i++ {
		if p.callOpen(i) > 0 {
			c, _ := p.callAt(i)
			br := p.cur()
			c.Guarded = c.Key > 0 && br.proven[c.Key]
			p.s.Calls = append(p.s.Calls, c)
			if c.Key > 0 && ownWrites[c.Cmd] && !c.NX() {
				br.proven[c.Key] = true // what follows acts on what the script wrote
			}
		}
	}
	// A comparison of a key's value with an argument marks the key as held
	// by the caller. (A membership test of a set or sorted set guards a
	// command, but the set itself is shared, not held.)
	for i := start; i < end; i++ {
		if p.toks[i].is("==") || p.toks[i].is("~=") {
			l, r := p.operandBefore(i), p.operandAfter(i)
			if l.readOf > 0 && l.value && r.argv {
				p.s.OwnerKeys[l.readOf] = true
			}
			if r.readOf > 0 && r.value && l.argv {
				p.s.OwnerKeys[r.readOf] = true
			}
		}
	}
}

// operandBefore evaluates the operand that ends just before token i.
func (p *parser) operandBefore(i int) value {
	j := i - 1
	if j < 0 {
		return value{}
	}
	if p.toks[j].is(")") || p.toks[j].is("]") {
		depth := 0
		for ; j >= 0; j-- {
			depth -= p.toks[j].depth()
			if depth == 0 {
				break
			}
		}
		for j > 0 && (p.toks[j-1].kind == tName || p.toks[j-1].is(".") || p.toks[j-1].is(":")) {
			j--
		}
	}
	if j < 0 {
		return value{}
	}
	return p.eval(j, i)
}

// operandAfter evaluates the operand that starts just after token i.
func (p *parser) operandAfter(i int) value {
	j := i + 1
	for j < len(p.toks) && (p.toks[j].kind == tName || p.toks[j].is(".") || p.toks[j].is(":")) {
		j++
	}
	if j < len(p.toks) && (p.toks[j].is("(") || p.toks[j].is("[")) {
		j = p.match(j) + 1
	}
	if j > len(p.toks) {
		j = len(p.toks)
	}
	return p.eval(i+1, j)
}
