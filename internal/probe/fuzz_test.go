package probe

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"
)

func FuzzParseExpectation(f *testing.F) {
	for _, s := range []string{"status 2xx == 1", "status 201 <= 1", "409 >= {{n}}-1", "status err == 0", "200,201 != 2", "status 5xx<1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := ParseExpectation(s)
		if err != nil {
			return
		}
		statuses := []int{0, 200, 201, 409, 500}
		_, detail := e.Eval(statuses)
		if !strings.HasPrefix(detail, "got ") {
			t.Fatalf("%q: detail %q", s, detail)
		}
		if n := e.matching(statuses); n < 0 || n > len(statuses) {
			t.Fatalf("%q: %d matches", s, n)
		}
	})
}

func FuzzParseCheck(f *testing.F) {
	for _, s := range []string{
		"GET http://127.0.0.1:3000/accounts/1 .balance >= 0",
		"http://127.0.0.1/x len(.items) == {{successes}}+1",
		`POST http://127.0.0.1/x .["a b"][0] != "x y"`,
		"GET http://127.0.0.1/x status == 200",
	} {
		f.Add(s, `{"balance": 3, "items": [1], "a b": ["x"]}`)
	}
	f.Fuzz(func(t *testing.T, s, body string) {
		c, err := ParseCheck(s, map[string]bool{"acct": true})
		if err != nil {
			return
		}
		if c.Path == nil || c.URL == "" || c.Method == "" {
			t.Fatalf("%q: incomplete check %+v", s, c)
		}
		vars := map[string]string{"successes": "2", "n": "20", "trial": "1", "random": "x", "idempotency_key": "k", "acct": "a-1"}
		ok, detail, err := c.Eval(200, []byte(body), vars)
		if err != nil && (ok || detail != "") {
			t.Fatalf("%q: an evaluation error came with a verdict (%v, %q)", s, ok, detail)
		}
		if err == nil && !strings.HasPrefix(detail, "got ") {
			t.Fatalf("%q: detail %q", s, detail)
		}
	})
}

func FuzzPath(f *testing.F) {
	for _, s := range []string{".a", "a.b[2]", `.["x"]`, "len(.a)", "status", ".", "$"} {
		f.Add(s, `{"a": {"b": [1,2,{"c":3}]}, "x": "y"}`)
	}
	f.Fuzz(func(t *testing.T, s, body string) {
		p, rest, err := parsePathPrefix(s)
		if err != nil {
			return
		}
		if len(rest) > len(s) || !strings.HasSuffix(s, rest) {
			t.Fatalf("%q: rest %q is not a suffix", s, rest)
		}
		p.eval(200, []byte(body))
		p.capture(200, []byte(body))
	})
}

func FuzzParseScenario(f *testing.F) {
	f.Add([]byte(`
setup:
  - {method: POST, url: /accounts, body: {balance: 100}, status: 201, capture: {id: .id}}
race: {n: 5, request: {method: POST, url: "/accounts/{{id}}/withdraw", body: '{"n": {{i}}}'}}
expect: ["status 2xx == 1"]
checks: ["GET /accounts/{{id}} .balance >= 0", {url: /s, path: .a, cmp: "== {{successes}}"}]
idempotency_key: true
`))
	f.Add([]byte(`{"race": {"requests": [{"url": "/a", "count": 2}, {"url": "/b"}]}, "headers": {"X-A": "b"}, "vars": {"v": "1"}}`))
	f.Add([]byte(`
race: {n: 20, request: {method: POST, url: /incr}, waves: 3, wave_gap: 1ms, jitter: 0}
checks: ["GET /counter .value == ({{successes}}-1)*2+2/1"]
idempotency_key: {key: k-1, header: X-Key, ignore_fields: [.createdAt, .data.items[0].id]}
`))
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := ParseScenario(data)
		if err != nil {
			return
		}
		p, err := sc.compile("http://127.0.0.1:1", 0)
		if err != nil {
			return
		}
		if len(p.race) < 1 || len(p.race) > maxN {
			t.Fatalf("race of %d requests", len(p.race))
		}
		if len(p.group) != len(p.race) || p.waves < 0 || p.waves > maxWaves || p.waveGap > maxWaveGap || p.jitter > maxJitter {
			t.Fatalf("groups %d for %d requests, waves %d, gap %v, jitter %v", len(p.group), len(p.race), p.waves, p.waveGap, p.jitter)
		}
		for _, g := range p.group {
			if g < 0 || g >= p.groups {
				t.Fatalf("group %d of %d", g, p.groups)
			}
		}
		vars := map[string]string{"n": "1", "trial": "1", "i": "0", "random": "r", "idempotency_key": "k"}
		for k, v := range p.vars {
			vars[k] = v
		}
		for _, st := range p.setup {
			for _, c := range st.capture {
				vars[c.name] = "x"
			}
		}
		for _, spec := range p.race {
			spec.render(vars)
		}
	})
}

func FuzzArith(f *testing.F) {
	for _, s := range []string{"1+2*3", "(1+2)*3", "-4/2", "1e3-1", "((2))", "1/0", "3-", "2**3", "1.5e+2*-2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := evalArith(s)
		if err != nil {
			if v != 0 {
				t.Fatalf("%q: error %v with value %v", s, err, v)
			}
			return
		}
		if math.IsInf(v, 0) || math.IsNaN(v) {
			t.Fatalf("%q: %v", s, v)
		}
		// a valid expression stays valid in parentheses and with a unary sign
		for _, wrapped := range []string{"(" + s + ")", "-(" + s + ")"} {
			w, err := evalArith(wrapped)
			if err != nil && !errors.Is(err, errArithSyntax) {
				t.Fatalf("%q: %v", wrapped, err)
			}
			if err == nil && wrapped[0] == '(' && w != v {
				t.Fatalf("%q = %v but %q = %v", s, v, wrapped, w)
			}
		}
	})
}

func FuzzParseArrival(f *testing.F) {
	for _, s := range []string{"1712345678901234567", "1712.250", "0.001", "abc", "1e6", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ns, err := parseArrival(s)
		if err != nil {
			return
		}
		if ns < 0 {
			t.Fatalf("%q: %d", s, ns)
		}
		if whole, _, ok := strings.Cut(strings.TrimSpace(s), "."); ok {
			ms, _ := strconv.ParseInt(whole, 10, 64)
			if ns/1000000 != ms {
				t.Fatalf("%q: %dns is not %dms", s, ns, ms)
			}
		}
	})
}

func FuzzJSONCompare(f *testing.F) {
	f.Add(`{"a":1,"b":[1,2]}`, ` { "b" : [1, 2.0], "a" : 1e0 } `, ".a")
	f.Add(`[{"x":null}]`, `[{"x":false}]`, ".[0].x")
	f.Add(`not json`, `not json`, ".createdAt")
	f.Fuzz(func(t *testing.T, a, b, ignore string) {
		var paths []*valuePath
		if p, err := parseIgnorePath(ignore); err == nil {
			paths = append(paths, p)
		}
		if same, where := sameBody([]byte(a), []byte(a), paths); !same {
			t.Fatalf("%q differs from itself: %s", a, where)
		}
		ab, whereAB := sameBody([]byte(a), []byte(b), paths)
		ba, _ := sameBody([]byte(b), []byte(a), paths)
		if ab != ba || ab != (whereAB == "") {
			t.Fatalf("%q vs %q: %v/%v %q", a, b, ab, ba, whereAB)
		}
		ca, _ := canonicalBody([]byte(a), paths)
		cb, _ := canonicalBody([]byte(b), paths)
		if (ca == cb) != ab {
			t.Fatalf("%q vs %q: canonical %q %q, sameBody %v", a, b, ca, cb, ab)
		}
	})
}
