package luatext

import (
	"fmt"
	"strings"
	"testing"
)

// summary renders the mutating calls of a script as CMD:KEYS[n]:guarded.
func summary(s *Script) string {
	var out []string
	for _, c := range s.Calls {
		if !c.Mutates() {
			continue
		}
		g := "open"
		if c.Guarded {
			g = "guarded"
		}
		out = append(out, fmt.Sprintf("%s:%d:%s", c.Cmd, c.Key, g))
	}
	return strings.Join(out, " ")
}

func TestGuards(t *testing.T) {
	cases := []struct {
		name, src, want string
		owner           bool
	}{
		{"compare-then-delete", `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`, "DEL:1:guarded", true},
		{"locals", `
			local key = KEYS[1]
			local id = ARGV[1]
			local value = redis.call('get', key)
			if value == id then
				redis.call('pexpire', key, ARGV[2])
				return 1
			elseif value == false then
				redis.call('set', key, id)
				redis.call('pexpire', key, ARGV[2])
				return 1
			end
			return 0`, "PEXPIRE:1:guarded SET:1:open PEXPIRE:1:guarded", true},
		{"early-return", `
			if redis.call('GET', KEYS[1]) ~= ARGV[1] then
				return 0
			end
			redis.call('PEXPIRE', KEYS[1], ARGV[2])
			return 1`, "PEXPIRE:1:guarded", true},
		{"no-exit", `
			if redis.call('GET', KEYS[1]) ~= ARGV[1] then
				redis.log(redis.LOG_WARNING, 'not owner')
			end
			return redis.call('PEXPIRE', KEYS[1], ARGV[2])`, "PEXPIRE:1:open", true},
		{"bare-return", `if redis.call('get', KEYS[1]) ~= ARGV[1] then return end redis.call('pexpire', KEYS[1], ARGV[2])`, "PEXPIRE:1:guarded", true},
		{"error-exit", `
			local v = redis.call('GET', KEYS[1])
			if not (v == ARGV[1]) then error('not the owner') end
			redis.call('PEXPIRE', KEYS[1], ARGV[2])`, "PEXPIRE:1:guarded", true},
		{"nested", `
			local function touch(k, ms)
				return redis.call('pexpire', k, ms)
			end
			if redis.call('get', KEYS[1]) == ARGV[1] then
				if tonumber(ARGV[2]) > 0 then
					redis.call('pexpire', KEYS[1], ARGV[2])
				end
				return 1
			end
			redis.call('del', KEYS[1])
			return 0`, "PEXPIRE:0:open PEXPIRE:1:guarded DEL:1:open", true},
		{"else-of-negative", `
			if redis.call('get', KEYS[1]) ~= ARGV[1] then
				return 0
			else
				return redis.call('del', KEYS[1])
			end`, "DEL:1:guarded", true},
		{"hash-lock", `
			if redis.call('exists', KEYS[1]) == 0 then
				redis.call('hset', KEYS[1], 'owner', ARGV[1])
				redis.call('pexpire', KEYS[1], ARGV[2])
				return 1
			end
			if redis.call('hget', KEYS[1], 'owner') == ARGV[1] then
				redis.call('pexpire', KEYS[1], ARGV[2])
				return 1
			end
			return 0`, "PEXPIRE:1:guarded PEXPIRE:1:guarded", true},
		{"alias", `
			local rcall = redis.call
			if rcall("GET", KEYS[1]) == ARGV[1] then
				if rcall("SET", KEYS[1], ARGV[1], "PX", ARGV[2]) then
					return 1
				end
			end
			rcall("PEXPIRE", KEYS[1], ARGV[2])
			return 0`, "SET:1:guarded PEXPIRE:1:open", true},
		{"unconditional", `return redis.call('pexpire', KEYS[1], ARGV[1])`, "PEXPIRE:1:open", false},
		{"take-then-expire", `
			if redis.call('setnx', KEYS[1], ARGV[1]) == 1 then
				redis.call('pexpire', KEYS[1], ARGV[2])
				return 1
			end
			return 0`, "SETNX:1:open PEXPIRE:1:guarded", false},
		{"membership", `
			if redis.call('zscore', KEYS[1], ARGV[1]) then
				redis.call('zadd', KEYS[1], ARGV[2], ARGV[1])
				redis.call('pexpire', KEYS[1], ARGV[3])
			end`, "PEXPIRE:1:guarded", false},
		{"disjunction", `
			if redis.call('zcard', KEYS[1]) < tonumber(ARGV[1]) or redis.call('zscore', KEYS[1], ARGV[2]) then
				redis.call('pexpire', KEYS[1], ARGV[3])
			end`, "PEXPIRE:1:open", false},
		{"counter", `
			local n = redis.call('INCR', KEYS[1])
			if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
			return n`, "EXPIRE:1:guarded", false},
	}
	for _, c := range cases {
		s := Parse(c.src)
		if got := summary(s); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
		if s.OwnerKeys[1] != c.owner {
			t.Errorf("%s: owner key = %v, want %v", c.name, s.OwnerKeys[1], c.owner)
		}
	}
}

func TestSetOptions(t *testing.T) {
	s := Parse(`return redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2])`)
	if len(s.Calls) != 1 || !s.Calls[0].NX() || !s.Calls[0].TTL() || !s.Calls[0].ValueArg {
		t.Fatalf("got %+v", s.Calls)
	}
}

func TestLex(t *testing.T) {
	toks := lex("-- comment\nlocal s = [[a]] --[==[ long\n]==] .. 'b\\'c' ~= x")
	var got []string
	for _, t := range toks {
		got = append(got, t.text)
	}
	if want := "local s = a .. b'c ~= x"; strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", strings.Join(got, " "), want)
	}
}

func TestMalformed(t *testing.T) {
	for _, src := range []string{"", "redis.call(", "redis.call", "if then end end end", "((((", "]]", "local = =", "return redis.call('get', KEYS[", "until x", "else elseif end", "rcall(", "local r = redis.call\nr("} {
		Parse(src) // must not panic
	}
}

// TestOneArgumentCall: a command with no key (redis.call("TIME")) is read
// without a key, not past the end of its arguments.
func TestOneArgumentCall(t *testing.T) {
	s := Parse(`local now = redis.call('TIME')
local ms = (now[1] * 1000) + math.floor(now[2] / 1000)
redis.call('SET', KEYS[1], ms, 'PX', ARGV[1])`)
	if len(s.Calls) != 2 || s.Calls[0].Cmd != "TIME" || s.Calls[0].Key != 0 || s.Calls[1].Cmd != "SET" || s.Calls[1].Key != 1 {
		t.Errorf("calls = %+v", s.Calls)
	}
}

func FuzzParse(f *testing.F) {
	f.Add(`if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`)
	f.Add(`local now = redis.call('TIME') return now`)
	f.Add(`redis.call(`)
	f.Add(`local t = {} for i, v in ipairs(t) do redis.call('SREM', KEYS[1], v) end`)
	f.Add("--[[ long\ncomment ]] redis.pcall('INCR', KEYS[1]) redis.call('EXPIRE', KEYS[1], ARGV[1])")
	f.Fuzz(func(t *testing.T, src string) {
		s := Parse(src)
		for _, c := range s.Calls {
			c.Mutates()
			c.NX()
			c.TTL()
		}
		LooksLikeLua(src)
	})
}
