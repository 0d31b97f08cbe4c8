package probe

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/http2"
)

// protoLog records the protocol of every request a server received, by
// method and path.
type protoLog struct {
	mu   sync.Mutex
	seen map[string]map[string]int // "POST /accounts" -> "HTTP/2.0" -> count
}

func (l *protoLog) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Method + " " + r.URL.Path
		l.mu.Lock()
		if l.seen == nil {
			l.seen = map[string]map[string]int{}
		}
		if l.seen[key] == nil {
			l.seen[key] = map[string]int{}
		}
		l.seen[key][r.Proto]++
		l.mu.Unlock()
		h.ServeHTTP(w, r)
	})
}

// only reports whether every request of key used proto, and how many
// there were.
func (l *protoLog) only(key, proto string) (bool, int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for p, c := range l.seen[key] {
		if p != proto {
			return false, 0
		}
		n += c
	}
	return n > 0, n
}

// startH2COnly serves the bank over h2c with prior knowledge only: an
// HTTP/1.1 request gets its connection reset.
func startH2COnly(t *testing.T, b *bank, log *protoLog) *httptest.Server {
	srv := httptest.NewUnstartedServer(log.wrap(b.handler()))
	var protocols http.Protocols
	protocols.SetUnencryptedHTTP2(true)
	srv.Config.Protocols = &protocols
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// Against an h2c-only server, setup, burst, idempotency replay and checks
// all speak HTTP/2, so the fixed twins pass and the racy one fails on
// its expectation and check, not on errors.
func TestOneProtocolH2COnly(t *testing.T) {
	b := newBank(raceWait)
	log := &protoLog{}
	srv := startH2COnly(t, b, log)
	dir := t.TempDir()
	scenario := `
headers: {Content-Type: application/json}
trials: 5
setup:
  - {method: POST, url: /accounts, body: {balance: 100}, status: 201, capture: {account: .id}}
race:
  n: 20
  request: {method: POST, url: "/accounts/{{account}}/ENDPOINT", body: {amount: 100}}
expect: ["status 2xx == 1"]
checks:
  - GET /accounts/{{account}} .balance >= 0
  - {url: "/accounts/{{account}}", path: .balance, cmp: "== 100 - 100*{{successes}}"}
`
	safe := writeFile(t, dir, "safe.yaml", strings.ReplaceAll(scenario, "ENDPOINT", "withdraw-safe"))
	rep, code, stderr := runProbe(t, "--scenario", safe, srv.URL)
	if code != 0 || len(rep.Trials) != 5 || rep.Mode != modeH2 || rep.Protocol != "HTTP/2" {
		t.Fatalf("safe: exit %d, %d trials, mode %s protocol %s (%s) %+v", code, len(rep.Trials), rep.Mode, rep.Protocol, stderr, rep.Trials)
	}
	for _, tr := range rep.Trials {
		if len(tr.Results) != 3 || !tr.Results[1].Pass || !tr.Results[2].Pass {
			t.Errorf("safe trial %d: %+v", tr.Trial, tr.Results)
		}
	}
	racy := writeFile(t, dir, "racy.yaml", strings.ReplaceAll(scenario, "ENDPOINT", "withdraw"))
	rep, code, stderr = runProbe(t, "--scenario", racy, srv.URL)
	// A burst that reaches the handlers spread wider than the race window
	// shows no race; like TestScenario, allow one such trial in five.
	if code != 1 || countFailed(rep) < 4 {
		t.Fatalf("racy: exit %d, failed %d (%s)", code, countFailed(rep), stderr)
	}
	for _, tr := range rep.Trials {
		r := tr.Results[1]
		if r.Error || (!tr.Pass && (r.Pass || !strings.HasPrefix(r.Detail, "got -"))) {
			t.Errorf("racy trial %d check: %+v", tr.Trial, r)
		}
	}
	if ok, n := log.only("POST /accounts", "HTTP/2.0"); !ok || n != 10 {
		t.Errorf("setup requests: %v %d, want 10 over HTTP/2", log.seen["POST /accounts"], n)
	}
	for _, key := range []string{"GET /accounts/acc-1", "GET /accounts/acc-10", "POST /accounts/acc-1/withdraw-safe", "POST /accounts/acc-10/withdraw"} {
		if ok, _ := log.only(key, "HTTP/2.0"); !ok {
			t.Errorf("%s: %v, want HTTP/2.0 only", key, log.seen[key])
		}
	}

	// the idempotency replay, too
	rep, code, stderr = runProbe(t, "-X", "POST", "--idempotency-key", "--trials", "3", srv.URL+"/pay-safe")
	if code != 0 || len(rep.Trials) != 3 {
		t.Fatalf("idempotency: exit %d (%s) %+v", code, stderr, rep.Trials)
	}
	if ok, n := log.only("POST /pay-safe", "HTTP/2.0"); !ok || n != 63 {
		t.Errorf("pay-safe: %v, want 63 requests over HTTP/2", log.seen["POST /pay-safe"])
	}
}

// With TLS, an h2 burst is followed by h2 checks (ALPN), and a forced
// HTTP/1.1 mode by HTTP/1.1 checks on the same server.
func TestOneProtocolTLS(t *testing.T) {
	b := newBank(0)
	for _, c := range []struct {
		mode, proto string
	}{{"auto", "HTTP/2.0"}, {"h1-lastbyte", "HTTP/1.1"}, {"naive", "HTTP/1.1"}} {
		log := &protoLog{}
		srv := httptest.NewUnstartedServer(log.wrap(b.handler()))
		srv.EnableHTTP2 = true
		srv.StartTLS()
		rep, code, stderr := runProbe(t, "--insecure", "--mode", c.mode, "-n", "5", "--trials", "2",
			"--setup", "POST "+srv.URL+"/reset", "--check", "GET "+srv.URL+"/state .balance == 100", srv.URL+"/state")
		srv.Close()
		if code != 0 || len(rep.Trials) != 2 {
			t.Fatalf("%s: exit %d (%s)", c.mode, code, stderr)
		}
		if ok, n := log.only("POST /reset", c.proto); !ok || n != 2 {
			t.Errorf("%s: setup %v, want 2 over %s", c.mode, log.seen["POST /reset"], c.proto)
		}
		if ok, n := log.only("GET /state", c.proto); !ok || n != 2*5+2 {
			t.Errorf("%s: burst and checks %v, want 12 over %s", c.mode, log.seen["GET /state"], c.proto)
		}
	}
}

// An HTTP/1.1 server probed in auto mode gets HTTP/1.1 checks.
func TestOneProtocolH1(t *testing.T) {
	b := newBank(0)
	log := &protoLog{}
	srv := httptest.NewServer(log.wrap(b.handler()))
	t.Cleanup(srv.Close)
	rep, code, stderr := runProbe(t, "-n", "4", "--setup", "POST "+srv.URL+"/reset", "--check", "GET "+srv.URL+"/state .balance == 100", srv.URL+"/state")
	if code != 0 || rep.Mode != modePipeline || rep.Protocol != "HTTP/1.1" {
		t.Fatalf("exit %d mode %s (%s)", code, rep.Mode, stderr)
	}
	if ok, n := log.only("GET /state", "HTTP/1.1"); !ok || n != 5 {
		t.Errorf("burst and check %v", log.seen["GET /state"])
	}
}

// h2OnlyNodeLike answers anything it reads with an empty SETTINGS frame
// and a GOAWAY, as Node's http2.createServer does to an HTTP/1.1 request.
func h2OnlyNodeLike(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				c.SetDeadline(time.Now().Add(5 * time.Second))
				buf := make([]byte, 4096)
				if _, err := c.Read(buf); err != nil {
					return
				}
				fr := http2.NewFramer(c, nil)
				fr.WriteSettings()
				fr.WriteGoAway(0, http2.ErrCodeProtocol, nil)
				io.Copy(io.Discard, c)
			}()
		}
	}()
	return "http://" + ln.Addr().String()
}

// tlsH2Only serves h over TLS with HTTP/2 only: a client that does not
// negotiate h2 by ALPN has its connection closed, as by a Node.js
// http2.createSecureServer without allowHTTP1.
func tlsH2Only(t *testing.T, h http.Handler) string {
	srv := httptest.NewUnstartedServer(h)
	var protocols http.Protocols
	protocols.SetHTTP2(true)
	srv.Config.Protocols = &protocols
	srv.EnableHTTP2 = true
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv.URL
}

// HTTP/1.1 modes against servers that speak only HTTP/2 say so in one
// line, without raw frame bytes.
func TestHTTP1ModesAgainstH2OnlyServers(t *testing.T) {
	node := h2OnlyNodeLike(t)
	goH2C := startH2COnly(t, newBank(0), &protoLog{})
	tlsH2 := tlsH2Only(t, newBank(0).handler())
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"node pipeline", []string{"--mode", "h1-pipeline", node + "/x"}, "racecheck probe: no response to any of the 20 requests: " + errH2Answer},
		{"node lastbyte", []string{"--mode", "h1-lastbyte", node + "/x"}, "racecheck probe: no response to any of the 20 requests: " + errH2Answer},
		{"go h2c pipeline", []string{"--mode", "h1-pipeline", goH2C.URL + "/state"}, "; the server speaks HTTP/2 (use --mode h2 or auto)"},
		{"tls h2 only", []string{"--mode", "h1-pipeline", "--insecure", tlsH2 + "/state"}, "; the server speaks HTTP/2 (use --mode h2 or auto)"},
	}
	for _, c := range cases {
		code, out, stderr := runText(c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) || strings.ContainsAny(stderr, "\x00\n") {
			t.Errorf("%s: exit %d, stderr %q, want 2 and %q\n%s", c.name, code, stderr, c.want, out)
		}
	}
	for _, u := range []string{goH2C.URL, tlsH2} {
		rep, code, stderr := runProbe(t, "-n", "3", "--insecure", "--check", "GET "+u+"/state .balance == 100", u+"/state")
		if code != 0 || rep.Mode != modeH2 || !rep.Trials[0].Results[1].Pass {
			t.Errorf("auto against %s: exit %d mode %s (%s)", u, code, rep.Mode, stderr)
		}
	}
}
