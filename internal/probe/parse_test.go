package probe

import (
	"strings"
	"testing"
)

func TestParseExpectation(t *testing.T) {
	statuses := []int{200, 201, 409, 409, 500, 0}
	cases := []struct {
		text string
		pass bool
		got  string
	}{
		{"status 2xx == 2", true, "got 2"},
		{"status 2xx == 1", false, "got 2"},
		{"2xx==2", true, "got 2"},
		{"status 201 <= 1", true, "got 1"},
		{"status 409 >= 19", false, "got 2"},
		{"status 409 != 3", true, "got 2"},
		{"status 5xx < 1", false, "got 1"},
		{"status err == 1", true, "got 1"},
		{"STATUS 200,201 == 2", true, "got 2"},
		{"status 4xx,5xx > 2", true, "got 3"},
		{"status 409 == {{n}}-4", true, "got 2"},
		{"status 200 = {{n}} - 5", true, "got 1"},
	}
	for _, c := range cases {
		e, err := ParseExpectation(c.text)
		if err != nil {
			t.Errorf("%q: %v", c.text, err)
			continue
		}
		pass, got := e.Eval(statuses)
		if pass != c.pass || got != c.got {
			t.Errorf("%q: pass=%v %q, want %v %q", c.text, pass, got, c.pass, c.got)
		}
	}
	for _, bad := range []string{"", "status", "status 2xx", "status 6xx == 1", "status 20 == 1",
		"status abc == 1", "status 2xx == x", "status 2xx =< 1", "status 2xx == {{successes}}", "status 2xx == \"1\"", "status 2xx == 1 2"} {
		if _, err := ParseExpectation(bad); err == nil {
			t.Errorf("%q: parsed, want an error", bad)
		}
	}
}

func TestPaths(t *testing.T) {
	body := []byte(`{"balance": 12.5, "name": "a b", "items": [{"id": 7}, {"id": "x"}], "odd key": true, "n": null, "s": "42"}`)
	cases := map[string]string{
		".balance":      "12.5",
		"balance":       "12.5",
		"$.balance":     "12.5",
		".items[1].id":  `"x"`,
		"items[0].id":   "7",
		`.["odd key"]`:  "true",
		`.['odd key']`:  "true",
		".n":            "null",
		"len(.items)":   "2",
		"len(.name)":    "3",
		"len(.)":        "6",
		"status":        "201",
		".items.[0].id": "7",
	}
	for path, want := range cases {
		p, err := parsePath(path)
		if err != nil {
			t.Errorf("%q: %v", path, err)
			continue
		}
		v, err := p.eval(201, body)
		if err != nil || v.String() != want {
			t.Errorf("%q: %v %v, want %s", path, v, err, want)
		}
	}
	for _, bad := range []string{"", ".a[", ".a[-1]", ".a[x]", "len(.a", "..a", ".a.", "#", ".a b"} {
		if _, err := parsePath(bad); err == nil {
			t.Errorf("%q: parsed, want an error", bad)
		}
	}
	for path, msg := range map[string]string{".missing": `no field "missing"`, ".items[5]": "out of range", ".balance.x": "non-object", "len(.balance)": "length of"} {
		p, _ := parsePath(path)
		if _, err := p.eval(200, body); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("%q: error %v, want %q", path, err, msg)
		}
	}
	if _, err := mustPath(t, ".a").eval(200, []byte("<html>")); err == nil || !strings.Contains(err.Error(), "not JSON") {
		t.Errorf("non-JSON body: %v", err)
	}
	if v, err := mustPath(t, ".s").capture(200, body); err != nil || v != "42" {
		t.Errorf("capture string: %q %v", v, err)
	}
	if v, err := mustPath(t, ".balance").capture(200, body); err != nil || v != "12.5" {
		t.Errorf("capture number: %q %v", v, err)
	}
}

func chk(t *testing.T, s string) *Check {
	t.Helper()
	c, err := ParseCheck(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func mustPath(t *testing.T, s string) *valuePath {
	p, err := parsePath(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestChecks(t *testing.T) {
	body := []byte(`{"balance": -100, "count": 3, "state": "done", "ok": true, "items": [1,2,3], "price": "9.50"}`)
	vars := map[string]string{"successes": "3", "n": "20", "trial": "1", "random": "ab", "idempotency_key": ""}
	cases := []struct {
		text string
		pass bool
		err  string // the evaluation error, when the response cannot be evaluated
	}{
		{"GET http://127.0.0.1/x .balance >= 0", false, ""},
		{"GET http://127.0.0.1/x .balance>=-100", true, ""},
		{"http://127.0.0.1/x .count == {{successes}}", true, ""},
		{"http://127.0.0.1/x .count == {{successes}}+1", false, ""},
		{"http://127.0.0.1/x .count == {{n}}-17", true, ""},
		{"http://127.0.0.1/x .count == {{successes}}*2-3", true, ""},
		{"http://127.0.0.1/x .count == ({{n}}-2)/6", true, ""},
		{"http://127.0.0.1/x .count == ({{n}}+1)/7", true, ""},
		{"http://127.0.0.1/x .count == {{n}}+1/7", false, ""},
		{"http://127.0.0.1/x .count == 1+{{n}}/10", true, ""},
		{"http://127.0.0.1/x len(.items) == {{successes}}", true, ""},
		{`GET http://127.0.0.1/x .state == "done"`, true, ""},
		{`GET http://127.0.0.1/x .state == done`, true, ""},
		{`GET http://127.0.0.1/x .state != 'done'`, false, ""},
		{"GET http://127.0.0.1/x .ok == true", true, ""},
		{"GET http://127.0.0.1/x .ok != false", true, ""},
		{"GET http://127.0.0.1/x .price < 10", true, ""},
		{"POST http://127.0.0.1/x status == 201", true, ""},
		{"GET http://127.0.0.1/x .state > 5", false, `got "done", not a number`},
		{"GET http://127.0.0.1/x .ok > 1", false, "got true, not a number"},
		{"GET http://127.0.0.1/x .nosuchfield == 1", false, `.nosuchfield: no field "nosuchfield" in response`},
		{"GET http://127.0.0.1/x .items[5] == 1", false, ".items[5]: index 5 out of range (length 3)"},
		{"GET http://127.0.0.1/x .count == 6/({{successes}}-3)", false, `value "6/(3-3)": division by zero`},
	}
	for _, c := range cases {
		chk, err := ParseCheck(c.text, nil)
		if err != nil {
			t.Errorf("%q: %v", c.text, err)
			continue
		}
		pass, detail, err := chk.Eval(201, body, vars)
		gotErr := ""
		if err != nil {
			gotErr = err.Error()
		}
		if pass != c.pass || gotErr != c.err {
			t.Errorf("%q: pass=%v (%s) error %q, want %v error %q", c.text, pass, detail, gotErr, c.pass, c.err)
		}
	}
	if _, _, err := chk(t, "GET http://127.0.0.1/x .a == 1").Eval(200, []byte("<html>"), vars); err == nil || err.Error() != "response is not JSON: <html>" {
		t.Errorf("non-JSON response: %v", err)
	}
	c, err := ParseCheck("POST http://127.0.0.1/x status == 201", nil)
	if err != nil || c.Method != "POST" || c.URL != "http://127.0.0.1/x" || c.Path.String() != "status" {
		t.Errorf("parts: %+v %v", c, err)
	}
	for _, bad := range []string{"", "GET", "GET http://127.0.0.1/x", "GET http://127.0.0.1/x .a", "GET http://127.0.0.1/x .a ~ 1",
		"GET http://127.0.0.1/x .a == {{nope}}", "GET http://127.0.0.1/{{nope}} .a == 1", `GET http://127.0.0.1/x .a == "open`,
		"GET http://127.0.0.1/x .a => 0", "GET http://127.0.0.1/x .a =< 0", "GET http://127.0.0.1/x .a ==> 0", "GET http://127.0.0.1/x .a !== 0",
		"GET http://127.0.0.1/x .a == {{successes}}+", "GET http://127.0.0.1/x .a == ({{n}}-1", "GET http://127.0.0.1/x .a == 2**3"} {
		if _, err := ParseCheck(bad, nil); err == nil {
			t.Errorf("%q: parsed, want an error", bad)
		}
	}
	if _, err := ParseCheck("GET http://127.0.0.1/x .a => 0", nil); err == nil || !strings.Contains(err.Error(), `malformed operator "=>"`) {
		t.Errorf("=> error: %v", err)
	}
	if _, err := ParseCheck("GET http://127.0.0.1/x .a == {{acct}}", map[string]bool{"acct": true}); err != nil {
		t.Errorf("scenario variable: %v", err)
	}
	c, err = newCheckParts("GET http://127.0.0.1/x", ".balance", ">= 0", nil)
	if err != nil || c.Text != "GET http://127.0.0.1/x .balance >= 0" {
		t.Errorf("newCheckParts: %+v %v", c, err)
	}
}

func TestOperandArithmetic(t *testing.T) {
	cases := map[string]string{"3-1": "2", "-2+5": "3", "1e3-1": "999", "2.5 + 0.5": "3", "a-1": `"a-1"`, "--1": "1", "1e-2": "0.01",
		"2+3*4": "14", "(2+3)*4": "20", "10-4-3": "3", "8/4/2": "1", "2*-3": "-6", "1.5*2": "3", "7": "7", "1.2.3": `"1.2.3"`, "x*y": `"x*y"`}
	for in, want := range cases {
		v, err := operand{raw: in}.resolve(nil)
		if err != nil || v.String() != want {
			t.Errorf("%q: %v %v, want %s", in, v, err, want)
		}
	}
	for _, bad := range []string{"3-", "(1", "1)", "2**3", "1/0", "(1))", "1 2 +"} {
		if v, err := (operand{raw: bad}).resolve(nil); err == nil {
			t.Errorf("%q: resolved to %v, want an error", bad, v)
		}
	}
}

func TestExpand(t *testing.T) {
	got, err := expand("/a/{{id}}/{{ n }}", map[string]string{"id": "x", "n": "3"})
	if err != nil || got != "/a/x/3" {
		t.Errorf("%q %v", got, err)
	}
	if _, err := expand("{{missing}}", map[string]string{}); err == nil {
		t.Error("undefined variable expanded")
	}
	if got, _ := expand("{{ not a var", nil); got != "{{ not a var" {
		t.Errorf("literal braces changed: %q", got)
	}
}

func TestScenarioErrors(t *testing.T) {
	cases := map[string]string{
		"":                                    "empty",
		"race: {}":                            "race.request or race.requests is required",
		"nope: 1":                             "field nope not found",
		`{"race": {}, "x": 1}`:                "unknown field",
		"race: {request: {url: /x}}":          "no base",
		"race: {request: {url: '{{a}}'}}":     "undefined variable {{a}}",
		"race: {n: 1001, request: {url: /x}}": "between 1 and 1000",
		"race: {request: {url: /x}, requests: [{url: /y}]}":                                             "both",
		"race: {requests: [{url: /y, count: 1001}]}":                                                    "at most 1000",
		"vars: {n: 3}\nrace: {request: {url: /x}}":                                                      "built in",
		"race: {request: {url: /x}}\nexpect: [status 2xx]":                                              "want 'status SELECTOR OP COUNT'",
		"race: {request: {url: /x}}\nchecks: [{url: /s, path: .a}]":                                     "comparison operator",
		"race: {request: {url: /x}}\nchecks: [3]":                                                       "a check is a string",
		"race: {request: {url: /x}}\nidempotency_key: 3":                                                "must be true, a key, or an object",
		"race: {request: {url: /x}}\nidempotency_key: {ignore_fields: [status]}":                        "want a field inside the body",
		"race: {request: {url: /x}}\nidempotency_key: {nope: 1}":                                        `unknown field "nope"`,
		"race: {request: {url: /x}, waves: 101}":                                                        "race.waves must be between 1 and 100",
		"race: {request: {url: /x}, wave_gap: 2}":                                                       "has no unit",
		"race: {request: {url: /x}, jitter: fast}":                                                      "is not a duration",
		"race: {request: {url: /x}, jitter: 11s}":                                                       "between 0 and 10s",
		"setup: [{url: /a, status: 7xx}]\nrace: {request: {url: /x}}":                                   "bad status",
		"setup: [{url: /a, capture: {a: '..'}}]\nrace: {request: {url: /x}}":                            "capture a",
		"race: {request: {url: '/x/{{later}}'}}\nsetup: [{url: '/a/{{later}}', capture: {later: .id}}]": "undefined variable {{later}}",
	}
	for text, want := range cases {
		sc, err := ParseScenario([]byte(text))
		if err == nil {
			base := "http://127.0.0.1:1"
			if strings.Contains(want, "no base") {
				base = ""
			}
			_, err = sc.compile(base, 0)
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", text, err, want)
		}
	}
}
