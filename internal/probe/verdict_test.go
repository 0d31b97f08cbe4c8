package probe

import (
	"bytes"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// closedURL returns a loopback URL on which nothing listens.
func closedURL(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	u := "http://" + ln.Addr().String()
	ln.Close()
	return u
}

// runText calls Main with text output.
func runText(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Main(args, &out, &errb)
	return code, out.String(), strings.TrimSpace(errb.String())
}

// A check that names a field the response does not have is an error, not
// a race: exit 2, the trial is marked ERROR, and "race shown" is never
// printed, even though the expectation failed in the same trial.
func TestCheckMissingFieldExits2(t *testing.T) {
	b := newBank(raceWait)
	srv := startH2C(t, b, nil)
	code, out, stderr := runText("-X", "POST", "--trials", "5", "--setup", "POST "+srv.URL+"/reset",
		"--expect", "status 2xx == 1", "--check", "GET "+srv.URL+"/state .nosuchfield >= 0", srv.URL+"/withdraw")
	if code != 2 {
		t.Fatalf("exit %d, want 2\n%s\n%s", code, out, stderr)
	}
	wantErr := `racecheck probe: trial 1: check GET ` + srv.URL + `/state .nosuchfield >= 0: status 200 response could not be evaluated: .nosuchfield: no field "nosuchfield" in response`
	if stderr != wantErr {
		t.Errorf("stderr %q\nwant   %q", stderr, wantErr)
	}
	if strings.Contains(out, "race shown") {
		t.Errorf("output says race shown:\n%s", out)
	}
	for _, want := range []string{
		"trial 1: ERROR  statuses: ",
		"  ERROR check GET " + srv.URL + `/state .nosuchfield >= 0: status 200 response could not be evaluated: .nosuchfield: no field "nosuchfield" in response`,
		"summary: error, no verdict: trial 1: check GET ",
		"(exit 2)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "trial 2:") {
		t.Errorf("the run went on after the error:\n%s", out)
	}

	rep, code, _ := runProbe(t, "-X", "POST", "--trials", "5", "--setup", "POST "+srv.URL+"/reset",
		"--check", "GET "+srv.URL+"/state .nosuchfield >= 0", srv.URL+"/withdraw")
	if code != 2 || rep.Summary.Exit != 2 || rep.Summary.RaceShown || len(rep.Trials) != 1 || rep.Trials[0].Error == "" || rep.Summary.Failed != 0 {
		t.Errorf("JSON: exit %d, summary %+v, %d trials", code, rep.Summary, len(rep.Trials))
	}
	if r := rep.Trials[0].Results; len(r) != 2 || !r[1].Error || r[1].Pass || r[1].Kind != "check" {
		t.Errorf("results %+v", r)
	}
}

// A check whose server cannot be reached ends the run with exit 2.
func TestCheckCannotConnectExits2(t *testing.T) {
	b := newBank(raceWait)
	srv := startH2C(t, b, nil)
	dead := closedURL(t)
	rep, code, stderr := runProbe(t, "-X", "POST", "--trials", "3", "--setup", "POST "+srv.URL+"/reset",
		"--expect", "status 2xx == 1", "--check", "GET "+dead+"/state .balance >= 0", srv.URL+"/withdraw")
	if code != 2 || rep.Summary.RaceShown || len(rep.Trials) != 1 {
		t.Fatalf("exit %d, summary %+v, %d trials, stderr %q", code, rep.Summary, len(rep.Trials), stderr)
	}
	want := "racecheck probe: trial 1: check GET " + dead + "/state .balance >= 0: could not be completed: connection refused by " + strings.TrimPrefix(dead, "http://") + " (is the server running?)"
	if stderr != want {
		t.Errorf("stderr %q\nwant   %q", stderr, want)
	}
}

// A setup request that cannot connect ends the run with exit 2 before any
// burst.
func TestSetupCannotConnectExits2(t *testing.T) {
	b := newBank(0)
	srv := startH2C(t, b, nil)
	dead := closedURL(t)
	_, code, stderr := runProbe(t, "--setup", "POST "+dead+"/reset", srv.URL+"/state")
	want := `racecheck probe: setup "POST ` + dead + `/reset": connection refused by ` + strings.TrimPrefix(dead, "http://") + " (is the server running?)"
	if code != 2 || stderr != want {
		t.Errorf("exit %d stderr %q\nwant %q", code, stderr, want)
	}
}

// The idempotency replay goes to a server that stopped listening after the
// burst: exit 2 with the reason, not a race after one trial.
func TestReplayCannotConnectExits2(t *testing.T) {
	var served atomic.Int32
	srv := httptest.NewUnstartedServer(nil)
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if served.Add(1) == 20 {
			srv.Listener.Close() // the connection of the burst stays open
		}
		writeJSONBody(w, http.StatusOK, map[string]int{"payment": 1})
	})
	var protocols http.Protocols
	protocols.SetHTTP1(true)
	protocols.SetUnencryptedHTTP2(true)
	srv.Config.Protocols = &protocols
	srv.Start()
	t.Cleanup(srv.Close)
	code, out, stderr := runText("-X", "POST", "--idempotency-key", "--trials", "5", srv.URL+"/pay")
	if code != 2 {
		t.Fatalf("exit %d, want 2\n%s\n%s", code, out, stderr)
	}
	want := "racecheck probe: trial 1: idempotency replay POST " + srv.URL + "/pay could not be completed: connection refused by " + strings.TrimPrefix(srv.URL, "http://") + " (is the server running?)"
	if stderr != want {
		t.Errorf("stderr %q\nwant   %q", stderr, want)
	}
	if strings.Contains(out, "race shown") || !strings.Contains(out, "  ERROR replay after the burst matches the first success: idempotency replay POST ") {
		t.Errorf("output:\n%s", out)
	}
}

// Malformed expressions exit 2 before any request is sent.
func TestMalformedExpressionsSendNothing(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		writeJSONBody(w, http.StatusOK, map[string]int{"a": 1})
	}))
	t.Cleanup(srv.Close)
	cases := map[string]struct {
		args []string
		want string
	}{
		"=>":         {[]string{"--check", "GET " + srv.URL + "/s .a => 0"}, `malformed operator "=>"`},
		"=<":         {[]string{"--check", "GET " + srv.URL + "/s .a =< 0"}, `malformed operator "=<"`},
		"cmp =>":     {[]string{"--check", "GET " + srv.URL + "/s", "--path", ".a", "--cmp", "=> 0"}, `malformed operator "=>"`},
		"dangling +": {[]string{"--check", "GET " + srv.URL + "/s .a == {{successes}}+"}, "not a well-formed arithmetic expression"},
		"paren":      {[]string{"--check", "GET " + srv.URL + "/s .a == ({{successes}}-1"}, "not a well-formed arithmetic expression"},
		"expect =>":  {[]string{"--expect", "status 2xx => 1"}, `malformed operator "=>"`},
		"expect var": {[]string{"--expect", "status 2xx == {{n}}*"}, "not a well-formed arithmetic expression"},
		"path":       {[]string{"--check", "GET " + srv.URL + "/s .a[x] == 1"}, "bad index [x]"},
	}
	for name, c := range cases {
		code, _, stderr := runText(append(c.args, srv.URL+"/x")...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit %d, stderr %q, want 2 and %q", name, code, stderr, c.want)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("%d requests were sent", n)
	}
	dir := t.TempDir()
	sc := writeFile(t, dir, "typo.yaml", "race: {request: {url: /x}}\nchecks: ['GET /s .a => 1']\n")
	if code, _, stderr := runText("--scenario", sc, srv.URL); code != 2 || !strings.Contains(stderr, `malformed operator "=>"`) {
		t.Errorf("scenario: exit %d %q", code, stderr)
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("%d requests were sent", n)
	}
}

// A check whose response is a violation still exits 1, and the check line
// shows the URL that was requested, its templates filled in per trial. The
// check asks for more than any account can hold, so it fails in every
// trial whether the race showed there or not.
func TestCheckLineShowsRequestedURL(t *testing.T) {
	b := newBank(raceWait)
	srv := startH2C(t, b, nil)
	dir := t.TempDir()
	sc := writeFile(t, dir, "s.yaml", `
headers: {Content-Type: application/json}
trials: 2
setup:
  - {method: POST, url: /accounts, body: {balance: 100}, status: 201, capture: {account: .id}}
race:
  n: 20
  request: {method: POST, url: "/accounts/{{account}}/withdraw", body: {amount: 100}}
checks:
  - "GET /accounts/{{account}}?t={{trial}} .balance >= 1000"
`)
	code, out, stderr := runText("--scenario", sc, srv.URL)
	if code != 1 {
		t.Fatalf("exit %d (%s)\n%s", code, stderr, out)
	}
	for _, want := range []string{
		"  FAIL check GET " + srv.URL + "/accounts/acc-1?t=1 .balance >= 1000: got ",
		"  FAIL check GET " + srv.URL + "/accounts/acc-2?t=2 .balance >= 1000: got ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "check") && strings.Contains(line, "{{") {
			t.Errorf("a check template was printed: %q", line)
		}
	}
}

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
