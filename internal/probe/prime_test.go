package probe

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestPrime sends the prime request N times after setup and before every
// burst, in the burst's mode, from the command line and from a scenario.
func TestPrime(t *testing.T) {
	for _, mode := range []string{"h1-pipeline", "h1-lastbyte", "h2"} {
		t.Run(mode, func(t *testing.T) {
			var mu sync.Mutex
			var log []string // one letter per request: s(etup), p(rime), r(ace)
			protos := map[string]bool{}
			base := startServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				defer mu.Unlock()
				protos[r.Proto] = true
				log = append(log, r.URL.Path[1:2])
			}))
			rep, code, stderr := runProbe(t, "-n", "4", "--trials", "2", "--mode", mode,
				"--setup", "POST "+base+"/setup", "--prime", "GET "+base+"/prime", base+"/race")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if rep.Prime != "GET "+base+"/prime" || len(rep.Trials) != 2 {
				t.Errorf("report prime %q, %d trials", rep.Prime, len(rep.Trials))
			}
			// Each trial: the setup, the prime's 4 requests, all answered
			// before the burst's 4 requests.
			if got, want := strings.Join(log, ""), "spppprrrrspppprrrr"; got != want {
				t.Errorf("server saw %q, want %q (setup, prime x4, race x4, twice)", got, want)
			}
			if len(protos) != 1 {
				t.Errorf("protocols %v: the prime must use the burst's protocol", protos)
			}
		})
	}
}

// TestPrimeScenario reads prime from a scenario, with the trial's
// variables, and rejects what a prime cannot have.
func TestPrimeScenario(t *testing.T) {
	var mu sync.Mutex
	paths := map[string]int{}
	base := startServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		paths[r.Method+" "+r.URL.Path]++
	}))
	dir := t.TempDir()
	write := func(name, text string) string {
		f := filepath.Join(dir, name)
		if err := os.WriteFile(f, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return f
	}
	ok := write("ok.yaml", "base: "+base+"\ntrials: 3\nvars: {id: '7'}\nprime: {url: '/state/{{id}}'}\nrace:\n  n: 5\n  request: {method: POST, url: /go}\n")
	rep, code, stderr := runProbe(t, "--scenario", ok, "--mode", "h1-lastbyte")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if paths["GET /state/7"] != 15 || paths["POST /go"] != 15 || rep.Prime != "GET "+base+"/state/{{id}}" {
		t.Errorf("server saw %v, report prime %q; want 15 primes of /state/7 and 15 race requests", paths, rep.Prime)
	}

	bad := write("bad.yaml", "base: "+base+"\nprime: {url: /state, capture: {x: .id}}\nrace:\n  request: {url: /go}\n")
	if _, code, stderr := runProbe(t, "--scenario", bad); code != 2 || !strings.Contains(stderr, "prime: count and capture are not allowed") {
		t.Errorf("prime with capture: exit %d, %q; want 2 and a message", code, stderr)
	}
}

// TestPrimeErrors: a prime that gets no response or a status other than
// 2xx ends the run with exit 2 before any race request is counted.
func TestPrimeErrors(t *testing.T) {
	base := startServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/state" {
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	_, code, stderr := runProbe(t, "-n", "3", "--mode", "h1-lastbyte", "--prime", "GET "+base+"/state", base+"/go")
	if code != 2 || !strings.Contains(stderr, "prime GET "+base+"/state got status 404") {
		t.Errorf("404 prime: exit %d, %q; want 2 and the status", code, stderr)
	}
	_, code, stderr = runProbe(t, "-n", "3", "--prime", "GET http://127.0.0.1:1/state", base+"/go")
	if code != 2 || !strings.Contains(stderr, "prime goes to") {
		t.Errorf("prime to another origin: exit %d, %q; want 2", code, stderr)
	}
	_, code, stderr = runProbe(t, "--prime", "GET "+base+"/a extra", base+"/go")
	if code != 2 || stderr == "" {
		t.Errorf("malformed --prime: exit %d, %q; want a usage error", code, stderr)
	}
}
