package probe

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const raceWait = 3 * time.Millisecond

// trialsOr returns n, or short when -short is set.
func trialsOr(n, short int) int {
	if testing.Short() {
		return short
	}
	return n
}

// countFailed returns the number of trials whose expectations failed.
func countFailed(rep *Report) int {
	n := 0
	for _, t := range rep.Trials {
		if !t.Pass {
			n++
		}
	}
	return n
}

// TestDetectsRaceAndClearsSafe is the core promise: the synchronised modes
// show the check-then-act race in at least 95% of trials at N=20, and never
// report one on the atomic twin.
func TestDetectsRaceAndClearsSafe(t *testing.T) {
	b := newBank(raceWait)
	h2 := startH2C(t, b, nil)
	h1 := startH1(t, b)
	tls := startTLS(t, b, true)
	cases := []struct {
		name, base, mode string
		extra            []string
	}{
		{"h2c", h2.URL, "h2", nil},
		{"h2-tls", tls.URL, "h2", []string{"--insecure"}},
		{"h1-lastbyte", h1.URL, "h1-lastbyte", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			common := append([]string{
				"-X", "POST", "-d", `{"amount":100}`, "-H", "Content-Type: application/json",
				"-n", "20", "--mode", c.mode, "--settle", "5ms",
				"--setup", "POST " + c.base + "/reset",
				"--expect", "status 2xx == 1", "--expect", "status 409 == {{n}}-1",
				"--check", "GET " + c.base + "/state .balance >= 0",
			}, c.extra...)

			racyTrials := trialsOr(40, 20)
			rep, code, stderr := runProbe(t, append(common, "--trials", fmt.Sprint(racyTrials), c.base+"/withdraw")...)
			if code != 1 {
				t.Fatalf("racy endpoint: exit %d, want 1 (stderr %q)", code, stderr)
			}
			if got := countFailed(rep); got*100 < racyTrials*95 {
				t.Errorf("racy endpoint: race shown in %d of %d trials, want >= 95%%", got, racyTrials)
			}
			if rep.Trials[0].Mode != c.mode {
				t.Errorf("mode %q, want %q", rep.Trials[0].Mode, c.mode)
			}

			rep, code, stderr = runProbe(t, append(common, "--trials", "50", c.base+"/withdraw-safe")...)
			if code != 0 || countFailed(rep) != 0 {
				t.Fatalf("safe endpoint: exit %d, %d failed trials, stderr %q", code, countFailed(rep), stderr)
			}
			for _, tr := range rep.Trials {
				if tr.Statuses["200"] != 1 || tr.Statuses["409"] != 19 || len(tr.Results) != 3 {
					t.Fatalf("safe endpoint trial %d: statuses %v, results %v", tr.Trial, tr.Statuses, tr.Results)
				}
			}
		})
	}
}

// Go's HTTP/1.1 server answers pipelined requests one at a time, so
// pipelining cannot race it: all 20 requests are answered in order on one
// connection, exactly one succeeds, and the run reports no race.
func TestPipelineAgainstSequentialServer(t *testing.T) {
	b := newBank(raceWait)
	h1 := startH1(t, b)
	rep, code, _ := runProbe(t, "-X", "POST", "--mode", "h1-pipeline", "--trials", "3",
		"--setup", "POST "+h1.URL+"/reset", "--expect", "status 200 == 1", "--expect", "status err == 0",
		h1.URL+"/withdraw")
	if code != 0 {
		t.Fatalf("exit %d: %+v", code, rep.Trials)
	}
	for _, tr := range rep.Trials {
		if tr.SyncWrites != 1 || tr.Statuses["200"] != 1 || tr.Statuses["409"] != 19 {
			t.Errorf("trial %d: writes %d statuses %v", tr.Trial, tr.SyncWrites, tr.Statuses)
		}
	}
}

func TestAutoModeSelection(t *testing.T) {
	b := newBank(0)
	cases := []struct {
		name, url, mode, reason string
		extra                   []string
	}{
		{"h2c", startH2C(t, b, nil).URL, "h2", "h2c prior knowledge", nil},
		{"h1", startH1(t, b).URL, "h1-pipeline", "answered the h2c prior-knowledge preface with HTTP/1.x", nil},
		{"tls-h2", startTLS(t, b, true).URL, "h2", "ALPN", []string{"--insecure"}},
		{"tls-h1", startTLS(t, b, false).URL, "h1-pipeline", "ALPN: http/1.1", []string{"--insecure"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep, code, stderr := runProbe(t, append(c.extra, "-n", "5", c.url+"/state")...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if rep.Mode != c.mode || !strings.Contains(rep.ModeReason, c.reason) {
				t.Errorf("mode %q (%s), want %q (%s)", rep.Mode, rep.ModeReason, c.mode, c.reason)
			}
			if rep.Trials[0].Statuses["200"] != 5 {
				t.Errorf("statuses %v, want 5 x 200", rep.Trials[0].Statuses)
			}
			// default expectation when none is given
			if r := rep.Trials[0].Results; len(r) != 1 || r[0].Text != defaultExpectation || !r[0].Pass {
				t.Errorf("results %+v, want only the passing default expectation", r)
			}
		})
	}
}

func TestConnectionErrors(t *testing.T) {
	b := newBank(0)
	h1 := startH1(t, b)
	tlsSrv := startTLS(t, b, true)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedURL := "http://" + ln.Addr().String() + "/x"
	ln.Close()

	// a server that accepts and reads but never answers
	silent, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { silent.Close() })
	go func() {
		for {
			c, err := silent.Accept()
			if err != nil {
				return
			}
			go func() {
				buf := make([]byte, 4096)
				for {
					if _, err := c.Read(buf); err != nil {
						c.Close()
						return
					}
				}
			}()
		}
	}()
	silentURL := "http://" + silent.Addr().String() + "/x"

	cases := []struct {
		name string
		args []string
		want string
	}{
		{"refused", []string{closedURL}, "connection refused by 127.0.0.1:"},
		{"tls-verify", []string{tlsSrv.URL + "/state"}, "TLS handshake with 127.0.0.1:"},
		{"h2-forced-on-h1", []string{"--mode", "h2", h1.URL + "/state"}, "does not speak HTTP/2"},
		{"h2-forced-tls-h1", []string{"--mode", "h2", "--insecure", startTLS(t, b, false).URL + "/state"}, "did not negotiate h2"},
		{"timeout", []string{"--mode", "h1-pipeline", "--timeout", "200ms", silentURL}, "timed out waiting for the response"},
		{"h2c-timeout", []string{"--timeout", "300ms", "--mode", "h2", silentURL}, "did not answer the h2c prior-knowledge preface"},
		{"not-loopback", []string{"http://192.0.2.1/x"}, "refusing to send to 192.0.2.1"},
		{"not-loopback-name", []string{"https://example.com/x"}, "--allow-host example.com"},
		{"check-not-loopback", []string{"--check", "GET http://192.0.2.1/s .a == 1", h1.URL}, "refusing to send to 192.0.2.1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := Main(c.args, &out, &errb)
			msg := errb.String()
			if code != 2 {
				t.Fatalf("exit %d, want 2; stderr %q stdout %q", code, msg, out.String())
			}
			if !strings.Contains(msg, c.want) {
				t.Errorf("stderr %q does not contain %q", msg, c.want)
			}
			if strings.Count(strings.TrimSpace(msg), "\n") != 0 {
				t.Errorf("error is not one line: %q", msg)
			}
		})
	}
}

func TestUsage(t *testing.T) {
	var out, errb bytes.Buffer
	if code := Main([]string{"-h"}, &out, &errb); code != 0 || !strings.Contains(out.String(), "usage: racecheck probe") {
		t.Fatalf("-h: exit %d, output %q", code, out.String())
	}
	bad := map[string][]string{
		"no url":        {},
		"n zero":        {"-n", "0", "http://127.0.0.1:1/"},
		"n too big":     {"-n", "1001", "http://127.0.0.1:1/"},
		"trials":        {"--trials", "1001", "http://127.0.0.1:1/"},
		"mode":          {"--mode", "h3", "http://127.0.0.1:1/"},
		"format":        {"--format", "xml", "http://127.0.0.1:1/"},
		"expect":        {"--expect", "status 2xx ~ 1", "http://127.0.0.1:1/"},
		"check":         {"--check", "GET http://127.0.0.1:1/ .a", "http://127.0.0.1:1/"},
		"path first":    {"--path", ".a", "http://127.0.0.1:1/"},
		"two urls":      {"http://127.0.0.1:1/", "http://127.0.0.1:2/"},
		"scheme":        {"ftp://127.0.0.1/"},
		"header":        {"-H", "novalue", "http://127.0.0.1:1/"},
		"undefined var": {"-d", "{{nope}}", "http://127.0.0.1:1/"},
		"missing body":  {"-d", "@/nonexistent/file", "http://127.0.0.1:1/"},
	}
	for name, args := range bad {
		errb.Reset()
		if code := Main(args, &out, &errb); code != 2 || errb.Len() == 0 {
			t.Errorf("%s: exit %d, stderr %q; want 2 with a message", name, code, errb.String())
		}
	}
}

func TestInterspersedFlagsAndIdempotencyKeyValue(t *testing.T) {
	o, err := parseArgs([]string{"--idempotency-key", "abc", "http://127.0.0.1/x", "-n", "7", "-X", "post"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if o.url != "http://127.0.0.1/x" || o.n != 7 || o.idem == nil || o.idem.key != "abc" {
		t.Fatalf("parsed %+v idem %+v", o, o.idem)
	}
	o, err = parseArgs([]string{"http://127.0.0.1/x", "--idempotency-key"}, nil)
	if err != nil || o.idem == nil || o.idem.key != "" {
		t.Fatalf("bare --idempotency-key: %v %+v", err, o)
	}
}

func TestIdempotencyKey(t *testing.T) {
	b := newBank(raceWait)
	srv := startH2C(t, b, nil)
	args := []string{"-X", "POST", "-d", `{"amount":5}`, "--idempotency-key", "--trials", "5"}

	rep, code, stderr := runProbe(t, append(args, srv.URL+"/pay")...)
	if code != 1 || countFailed(rep) != 5 {
		t.Fatalf("racy: exit %d, failed %d of %d (%s)", code, countFailed(rep), len(rep.Trials), stderr)
	}
	first := rep.Trials[0].Results[0]
	if first.Kind != "idempotency" || first.Pass || !strings.Contains(first.Detail, "distinct bodies") {
		t.Errorf("racy: first result %+v", first)
	}

	rep, code, stderr = runProbe(t, append(args, srv.URL+"/pay-safe")...)
	if code != 0 {
		t.Fatalf("safe: exit %d (%s): %+v", code, stderr, rep.Trials)
	}
	for _, tr := range rep.Trials {
		if len(tr.Results) != 3 || tr.Successes < 1 || tr.Statuses["409"] == 0 {
			t.Errorf("safe trial %d: %v %+v", tr.Trial, tr.Statuses, tr.Results)
		}
	}

	// a fixed key: the first trial executes, later ones replay it
	rep, code, _ = runProbe(t, "-X", "POST", "--idempotency-key=fixed-1", "--trials", "3", srv.URL+"/pay-safe")
	if code != 0 || rep.Trials[2].Statuses["200"] != 20 {
		t.Errorf("fixed key: exit %d, last trial %v", code, rep.Trials[2].Statuses)
	}
}

func TestEvalIdempotency(t *testing.T) {
	ok := Response{Status: 201, Body: []byte(`{"id":1}`)}
	conflict := Response{Status: 409}
	res := evalIdempotency([]Response{ok, conflict, ok}, ok, nil)
	for _, r := range res {
		if !r.Pass {
			t.Errorf("all good: %+v", r)
		}
	}
	res = evalIdempotency([]Response{ok, {Status: 500}, {Status: 201, Body: []byte(`{"id":2}`)}}, Response{Status: 201, Body: []byte(`{"id":3}`)}, nil)
	if res[0].Pass || res[1].Pass || res[2].Pass {
		t.Errorf("all should fail: %+v", res)
	}
	if res[1].Detail != "got 500 x1" {
		t.Errorf("detail %q", res[1].Detail)
	}
	res = evalIdempotency([]Response{conflict}, Response{Status: 409}, nil)
	if res[0].Pass || res[0].Detail != "no request succeeded" || res[2].Pass {
		t.Errorf("no success: %+v", res)
	}
}

func TestScenario(t *testing.T) {
	b := newBank(raceWait)
	srv := startH2C(t, b, nil)
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	yamlFile := write("s.yaml", `
name: double withdrawal
headers: {Content-Type: application/json}
trials: 5
setup:
  - name: create account
    method: POST
    url: /accounts
    body: {balance: 100}
    status: 201
    capture: {account: .id}
race:
  n: 20
  request:
    method: POST
    url: /accounts/{{account}}/{{endpoint}}
    body: '{"amount": 100, "n": {{i}}}'
vars: {endpoint: withdraw}
expect: ["status 2xx == 1"]
checks:
  - GET /accounts/{{account}} .balance >= 0
  - {url: "/accounts/{{account}}", path: .id, cmp: "== {{account}}"}
`)
	rep, code, stderr := runProbe(t, "--scenario", yamlFile, srv.URL)
	if code != 1 || countFailed(rep) < 4 {
		t.Fatalf("racy scenario: exit %d, failed %d (%s)", code, countFailed(rep), stderr)
	}
	if rep.Name != "double withdrawal" || len(rep.Trials) != 5 {
		t.Errorf("report %q with %d trials", rep.Name, len(rep.Trials))
	}
	for _, tr := range rep.Trials {
		if r := tr.Results[2]; !r.Pass {
			t.Errorf("captured id check: %+v", r)
		}
	}

	jsonFile := write("s.json", `{
  "headers": {"Content-Type": "application/json"},
  "setup": [{"method": "POST", "url": "/accounts", "body": {"balance": 300}, "status": "201", "capture": {"account": ".id"}}],
  "race": {"requests": [
    {"method": "POST", "url": "/accounts/{{account}}/withdraw-safe", "body": {"amount": 100}, "count": 10},
    {"method": "POST", "url": "/accounts/{{account}}/withdraw-safe", "body": {"amount": 50}, "count": 10}
  ]},
  "expect": ["status 2xx <= 6", "status 2xx >= 3"],
  "checks": ["GET /accounts/{{account}} .balance >= 0"]
}`)
	rep, code, stderr = runProbe(t, "--scenario", jsonFile, "--trials", "10", srv.URL)
	if code != 0 || len(rep.Trials) != 10 || rep.N != 20 {
		t.Fatalf("safe group scenario: exit %d trials %d n %d (%s) %+v", code, len(rep.Trials), rep.N, stderr, rep.Trials)
	}

	bad := write("bad.yaml", "race: {request: {url: /x}}\nsetup: [{url: /y, capture: {trial: .id}}]\n")
	_, code, stderr = runProbe(t, "--scenario", bad, srv.URL)
	if code != 2 || !strings.Contains(stderr, "built in") {
		t.Errorf("bad scenario: exit %d, %q", code, stderr)
	}
	failing := write("fail.yaml", "setup: [{method: POST, url: /nope}]\nrace: {request: {url: /state}}\n")
	_, code, stderr = runProbe(t, "--scenario", failing, srv.URL)
	if code != 2 || !strings.Contains(stderr, "got status 404") {
		t.Errorf("failing setup: exit %d, %q", code, stderr)
	}
}

func TestExampleScenariosParse(t *testing.T) {
	files, _ := filepath.Glob("../../examples/probe/*")
	if len(files) == 0 {
		t.Fatal("no example scenarios in examples/probe")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sc, err := ParseScenario(data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if _, err := sc.compile("", 0); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// With MAX_CONCURRENT_STREAMS below N, the burst is split over several
// connections whose final frames are written back to back.
func TestH2StreamLimitSplitsConnections(t *testing.T) {
	b := newBank(raceWait)
	srv := startH2C(t, b, &http.HTTP2Config{MaxConcurrentStreams: 5})
	rep, code, stderr := runProbe(t, "-X", "POST", "--mode", "h2", "--setup", "POST "+srv.URL+"/reset",
		"--expect", "status 200 == 1", "--expect", "status 409 == 19", srv.URL+"/withdraw-safe")
	if code != 0 {
		t.Fatalf("exit %d (%s) %+v", code, stderr, rep.Trials)
	}
	tr := rep.Trials[0]
	if tr.SyncWrites != 4 || len(tr.Notes) != 1 || !strings.Contains(tr.Notes[0], "allows 5 concurrent streams: requests split over 4 connections") {
		t.Errorf("writes %d notes %q", tr.SyncWrites, tr.Notes)
	}
}

// Bodies larger than the server's flow-control windows are sent up to the
// window, the rest after WINDOW_UPDATEs, and the last byte at the end.
func TestH2FlowControlLargeBodies(t *testing.T) {
	b := newBank(0)
	srv := startH2C(t, b, &http.HTTP2Config{MaxReceiveBufferPerStream: 16384, MaxReceiveBufferPerConnection: 65535})
	body := bytes.Repeat([]byte("x"), 100_000)
	var reqs []*Request
	for range 5 {
		r, err := RequestSpec{Method: "POST", URL: srv.URL + "/echo-len", Body: string(body)}.render(nil)
		if err != nil {
			t.Fatal(err)
		}
		reqs = append(reqs, r)
	}
	d := &dialer{timeout: 5 * time.Second}
	res, err := runH2(context.Background(), d, &burst{reqs: reqs, deadline: time.Now().Add(10 * time.Second)})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res.resps {
		if r.Status != 200 || string(bytes.TrimSpace(r.Body)) != `{"len":100000}` {
			t.Errorf("request %d: %d %q %s", i, r.Status, r.Body, r.Err)
		}
	}
}

// A handler that aborts makes the server reset its stream; the probe
// reports those requests as errors and keeps the others.
func TestH2StreamReset(t *testing.T) {
	b := newBank(0)
	srv := startH2C(t, b, nil)
	var reqs []*Request
	for i := range 4 {
		path := "/echo-len"
		if i%2 == 1 {
			path = "/abort"
		}
		r, _ := RequestSpec{Method: "POST", URL: srv.URL + path, Body: "ab"}.render(nil)
		reqs = append(reqs, r)
	}
	res, err := runH2(context.Background(), &dialer{timeout: 5 * time.Second}, &burst{reqs: reqs, deadline: time.Now().Add(5 * time.Second)})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res.resps {
		if i%2 == 0 && r.Status != 200 {
			t.Errorf("request %d: status %d %s", i, r.Status, r.Err)
		}
		if i%2 == 1 && (r.Status != 0 || !strings.Contains(r.Err, "stream reset by server")) {
			t.Errorf("request %d: status %d err %q", i, r.Status, r.Err)
		}
	}
}

// TestTextOutput checks the text report's lines. Its expectation and
// check ask for what no trial can give (no 2xx at all, a balance above
// what the account holds), so every trial fails whether the race showed
// in it or not.
func TestTextOutput(t *testing.T) {
	b := newBank(raceWait)
	srv := startH2C(t, b, nil)
	var out, errb bytes.Buffer
	code := Main([]string{"-X", "POST", "--trials", "2", "--setup", "POST " + srv.URL + "/reset",
		"--expect", "status 2xx == 0", "--check", "GET " + srv.URL + "/state", "--path", ".balance", "--cmp", ">= 1000",
		srv.URL + "/withdraw"}, &out, &errb)
	text := out.String()
	for _, want := range []string{
		"probe POST " + srv.URL + "/withdraw: 20 requests x 2 trials",
		"mode h2: server accepted h2c prior knowledge",
		"trial 1: FAIL  statuses: 200 x",
		"send spread ",
		"  FAIL status 2xx == 0: got ",
		"  FAIL check GET " + srv.URL + "/state .balance >= 1000: got ",
		"summary: race shown: expectations failed in 2 of 2 trials (exit 1)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	if code != 1 {
		t.Errorf("exit %d", code)
	}
}

func TestMaxTime(t *testing.T) {
	b := newBank(50 * time.Millisecond)
	srv := startH1(t, b)
	rep, code, stderr := runProbe(t, "-X", "POST", "--mode", "h1-lastbyte", "-n", "2", "--trials", "100", "--max-time", "300ms", srv.URL+"/withdraw-safe")
	if code != 2 || !strings.Contains(stderr, "--max-time 300ms reached") || len(rep.Trials) == 0 || len(rep.Trials) >= 100 {
		t.Fatalf("exit %d, %d trials, stderr %q", code, len(rep.Trials), stderr)
	}
}

var _ = httptest.NewServer
