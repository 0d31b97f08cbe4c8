package probe

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"
)

// lockApp is the Redis-lock shape in memory: a lock key without a TTL
// taken with set-if-absent, a counter read and written around an await,
// and a release in a finally. The broken twin deletes the lock even when
// it did not take it, so a loser frees the winner's lock and a request
// that arrives after that enters the critical section too; the fixed twin
// deletes only a lock it holds.
//
// Every store command costs a round trip (rtt/2 to reach the store, rtt/2
// back), like a Redis client: the requests of one synchronised wave all
// send SETNX before any loser's DEL reaches the store, so one wave does
// not show the bug and a second wave is needed.
type lockApp struct {
	rtt time.Duration // store round trip
	cs  time.Duration // await between reading and writing the counter

	mu      sync.Mutex
	locked  bool
	counter int
}

func newLockApp() *lockApp {
	return &lockApp{rtt: 200 * time.Microsecond, cs: 2 * time.Millisecond}
}

// store runs one command against the in-memory store with a round trip.
func (a *lockApp) store(cmd func()) {
	time.Sleep(a.rtt / 2)
	a.mu.Lock()
	cmd()
	a.mu.Unlock()
	time.Sleep(a.rtt / 2)
}

func (a *lockApp) setNX() bool {
	var ok bool
	a.store(func() {
		ok = !a.locked
		a.locked = true
	})
	return ok
}

func (a *lockApp) del() { a.store(func() { a.locked = false }) }

// increment is the critical section: read, await, write.
func (a *lockApp) increment() int {
	var v int
	a.store(func() { v = a.counter })
	time.Sleep(a.cs)
	a.store(func() { a.counter = v + 1 })
	return v + 1
}

// arrive reads the request body first, as a JSON body parser does, so
// that the handler starts when the request is complete, and reports the
// arrival time in nanoseconds in X-Arrival-Ns.
func (a *lockApp) arrive(w http.ResponseWriter, r *http.Request) {
	io.Copy(io.Discard, r.Body)
	w.Header().Set("X-Arrival-Ns", strconv.FormatInt(time.Now().UnixNano(), 10))
}

func (a *lockApp) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /incr", func(w http.ResponseWriter, r *http.Request) {
		a.arrive(w, r)
		acquired := a.setNX()
		defer a.del() // the bug: runs on the path that did not take the lock
		if !acquired {
			writeJSONBody(w, http.StatusConflict, map[string]string{"error": "locked"})
			return
		}
		writeJSONBody(w, http.StatusOK, map[string]int{"value": a.increment()})
	})
	mux.HandleFunc("POST /incr-safe", func(w http.ResponseWriter, r *http.Request) {
		a.arrive(w, r)
		acquired := a.setNX()
		if !acquired {
			writeJSONBody(w, http.StatusConflict, map[string]string{"error": "locked"})
			return
		}
		defer a.del()
		writeJSONBody(w, http.StatusOK, map[string]int{"value": a.increment()})
	})
	mux.HandleFunc("GET /counter", func(w http.ResponseWriter, r *http.Request) {
		a.mu.Lock()
		defer a.mu.Unlock()
		writeJSONBody(w, http.StatusOK, map[string]int{"value": a.counter})
	})
	mux.HandleFunc("POST /reset", func(w http.ResponseWriter, r *http.Request) {
		a.mu.Lock()
		a.counter, a.locked = 0, false
		a.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	})
	return mux
}

// startLockApp serves the lock app over HTTP/1.1 and h2c.
func startLockApp(t testing.TB) (*lockApp, *httptest.Server) {
	a := newLockApp()
	srv := httptest.NewUnstartedServer(a.handler())
	var protocols http.Protocols
	protocols.SetHTTP1(true)
	protocols.SetUnencryptedHTTP2(true)
	srv.Config.Protocols = &protocols
	srv.Start()
	t.Cleanup(srv.Close)
	return a, srv
}

// lockProbeArgs are the arguments of a lock probe: every success must
// have incremented the counter.
func lockProbeArgs(base, path, mode string, trials int, extra ...string) []string {
	args := []string{"-X", "POST", "-n", "20", "--trials", strconv.Itoa(trials), "--mode", mode,
		"--setup", "POST " + base + "/reset",
		"--check", "GET " + base + "/counter .value == {{successes}}"}
	return append(append(args, extra...), base+path)
}
