package probe

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// bank is a test application with a racy and a safe withdrawal. Both read
// the request body first (like a JSON body parser), then check the balance,
// wait as if for a database round trip, and deduct.
type bank struct {
	mu       sync.Mutex
	balance  int
	wait     time.Duration
	arrivals []time.Time // when each withdrawal reached its check
	accounts map[string]int
	nextID   int
	idem     map[string]*idemEntry
}

type idemEntry struct {
	done chan struct{}
	body []byte
}

func newBank(wait time.Duration) *bank {
	return &bank{balance: 100, wait: wait, accounts: map[string]int{}, idem: map[string]*idemEntry{}}
}

// pause is the wait between check and act: a sleep, or with wait 0 a
// hand-off to another goroutine and back (a few microseconds).
func (b *bank) pause() {
	if b.wait > 0 {
		time.Sleep(b.wait)
		return
	}
	ch := make(chan struct{})
	go func() { ch <- struct{}{} }()
	<-ch
}

func (b *bank) arrive() {
	b.mu.Lock()
	b.arrivals = append(b.arrivals, time.Now())
	b.mu.Unlock()
}

// arrivalSpread returns max-min of the recorded arrivals and clears them.
func (b *bank) arrivalSpread() time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.arrivals) == 0 {
		return 0
	}
	sort.Slice(b.arrivals, func(i, j int) bool { return b.arrivals[i].Before(b.arrivals[j]) })
	d := b.arrivals[len(b.arrivals)-1].Sub(b.arrivals[0])
	b.arrivals = nil
	return d
}

func (b *bank) reset() {
	b.mu.Lock()
	b.balance = 100
	b.arrivals = nil
	b.mu.Unlock()
}

func writeJSONBody(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func (b *bank) handler() http.Handler {
	mux := http.NewServeMux()
	// racy: check, wait, act
	mux.HandleFunc("POST /withdraw", func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		b.arrive()
		b.mu.Lock()
		ok := b.balance >= 100
		b.mu.Unlock()
		b.pause()
		if !ok {
			writeJSONBody(w, http.StatusConflict, map[string]string{"error": "insufficient funds"})
			return
		}
		b.mu.Lock()
		b.balance -= 100
		b.mu.Unlock()
		writeJSONBody(w, http.StatusOK, map[string]bool{"ok": true})
	})
	// safe: the same wait, then check and act under one lock
	mux.HandleFunc("POST /withdraw-safe", func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		b.arrive()
		time.Sleep(b.wait)
		b.mu.Lock()
		ok := b.balance >= 100
		if ok {
			b.balance -= 100
		}
		b.mu.Unlock()
		if !ok {
			writeJSONBody(w, http.StatusConflict, map[string]string{"error": "insufficient funds"})
			return
		}
		writeJSONBody(w, http.StatusOK, map[string]bool{"ok": true})
	})
	mux.HandleFunc("GET /state", func(w http.ResponseWriter, r *http.Request) {
		b.mu.Lock()
		defer b.mu.Unlock()
		writeJSONBody(w, http.StatusOK, map[string]int{"balance": b.balance})
	})
	mux.HandleFunc("POST /reset", func(w http.ResponseWriter, r *http.Request) {
		b.reset()
		w.WriteHeader(http.StatusNoContent)
	})
	// accounts for scenarios
	mux.HandleFunc("POST /accounts", func(w http.ResponseWriter, r *http.Request) {
		var in struct{ Balance int }
		json.NewDecoder(r.Body).Decode(&in)
		b.mu.Lock()
		b.nextID++
		id := fmt.Sprintf("acc-%d", b.nextID)
		b.accounts[id] = in.Balance
		b.mu.Unlock()
		writeJSONBody(w, http.StatusCreated, map[string]string{"id": id})
	})
	mux.HandleFunc("GET /accounts/{id}", func(w http.ResponseWriter, r *http.Request) {
		b.mu.Lock()
		bal, ok := b.accounts[r.PathValue("id")]
		b.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		writeJSONBody(w, http.StatusOK, map[string]any{"id": r.PathValue("id"), "balance": bal})
	})
	mux.HandleFunc("POST /accounts/{id}/withdraw", func(w http.ResponseWriter, r *http.Request) {
		var in struct{ Amount int }
		json.NewDecoder(r.Body).Decode(&in)
		id := r.PathValue("id")
		b.mu.Lock()
		bal := b.accounts[id]
		b.mu.Unlock()
		time.Sleep(b.wait)
		if bal < in.Amount {
			writeJSONBody(w, http.StatusConflict, map[string]string{"error": "insufficient funds"})
			return
		}
		b.mu.Lock()
		b.accounts[id] -= in.Amount
		b.mu.Unlock()
		writeJSONBody(w, http.StatusOK, map[string]any{"ok": true})
	})
	mux.HandleFunc("POST /accounts/{id}/withdraw-safe", func(w http.ResponseWriter, r *http.Request) {
		var in struct{ Amount int }
		json.NewDecoder(r.Body).Decode(&in)
		id := r.PathValue("id")
		time.Sleep(b.wait)
		b.mu.Lock()
		ok := b.accounts[id] >= in.Amount
		if ok {
			b.accounts[id] -= in.Amount
		}
		b.mu.Unlock()
		if !ok {
			writeJSONBody(w, http.StatusConflict, map[string]string{"error": "insufficient funds"})
			return
		}
		writeJSONBody(w, http.StatusOK, map[string]any{"ok": true})
	})
	// payments with an Idempotency-Key: the racy one looks the key up,
	// waits, then executes and stores; the safe one reserves the key first
	// and answers 409 while the first request is in flight.
	mux.HandleFunc("POST /pay", func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		key := r.Header.Get("Idempotency-Key")
		b.mu.Lock()
		e := b.idem[key]
		b.mu.Unlock()
		if e != nil {
			<-e.done
			w.Header().Set("Content-Type", "application/json")
			w.Write(e.body)
			return
		}
		time.Sleep(b.wait)
		b.mu.Lock()
		b.nextID++
		body := []byte(fmt.Sprintf(`{"payment":%d}`, b.nextID))
		done := make(chan struct{})
		close(done)
		b.idem[key] = &idemEntry{done: done, body: body}
		b.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	})
	mux.HandleFunc("POST /pay-safe", func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		key := r.Header.Get("Idempotency-Key")
		b.mu.Lock()
		e := b.idem[key]
		if e == nil {
			e = &idemEntry{done: make(chan struct{})}
			b.idem[key] = e
			b.mu.Unlock()
			time.Sleep(b.wait)
			b.mu.Lock()
			b.nextID++
			e.body = []byte(fmt.Sprintf(`{"payment":%d}`, b.nextID))
			close(e.done)
			b.mu.Unlock()
			w.Header().Set("Content-Type", "application/json")
			w.Write(e.body)
			return
		}
		b.mu.Unlock()
		select {
		case <-e.done:
			w.Header().Set("Content-Type", "application/json")
			w.Write(e.body)
		default:
			writeJSONBody(w, http.StatusConflict, map[string]string{"error": "request in flight"})
		}
	})
	// echo the body length, for flow-control tests
	mux.HandleFunc("POST /echo-len", func(w http.ResponseWriter, r *http.Request) {
		n, _ := io.Copy(io.Discard, r.Body)
		writeJSONBody(w, http.StatusOK, map[string]int64{"len": n})
	})
	mux.HandleFunc("POST /abort", func(w http.ResponseWriter, r *http.Request) {
		panic(http.ErrAbortHandler)
	})
	return mux
}

// startH1 serves the bank over HTTP/1.1 only.
func startH1(t testing.TB, b *bank) *httptest.Server {
	srv := httptest.NewServer(b.handler())
	t.Cleanup(srv.Close)
	return srv
}

// startH2C serves the bank over HTTP/1.1 and h2c (prior knowledge).
func startH2C(t testing.TB, b *bank, conf *http.HTTP2Config) *httptest.Server {
	srv := httptest.NewUnstartedServer(b.handler())
	var protocols http.Protocols
	protocols.SetHTTP1(true)
	protocols.SetUnencryptedHTTP2(true)
	srv.Config.Protocols = &protocols
	srv.Config.HTTP2 = conf
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// startTLS serves the bank over TLS with h2 and http/1.1 offered by ALPN.
func startTLS(t testing.TB, b *bank, h2 bool) *httptest.Server {
	srv := httptest.NewUnstartedServer(b.handler())
	srv.EnableHTTP2 = h2
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

// runProbe calls Main with --format json and decodes the report.
func runProbe(t testing.TB, args ...string) (*Report, int, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(append([]string{"--format", "json"}, args...), &out, &errb)
	var rep Report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil && code != 2 {
		t.Fatalf("bad JSON output (exit %d): %v\n%s\nstderr: %s", code, err, out.String(), errb.String())
	}
	return &rep, code, strings.TrimSpace(errb.String())
}

// startServer serves h over HTTP/1.1 and h2c and returns its base URL.
func startServer(t testing.TB, h http.Handler) string {
	srv := httptest.NewUnstartedServer(h)
	var protocols http.Protocols
	protocols.SetHTTP1(true)
	protocols.SetUnencryptedHTTP2(true)
	srv.Config.Protocols = &protocols
	srv.Start()
	t.Cleanup(srv.Close)
	return srv.URL
}
