package probe

import (
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
		c.Eval(200, []byte(body), vars)
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
