package probe

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestSameBody(t *testing.T) {
	ignore := []*valuePath{mustIgnore(t, ".createdAt"), mustIgnore(t, ".data.id"), mustIgnore(t, ".items[1]")}
	cases := []struct {
		a, b  string
		same  bool
		where string
	}{
		{`{"a":1,"b":[1,2]}`, ` { "b" : [1, 2], "a" : 1 } `, true, ""},
		{`{"n":10.50}`, `{"n":10.5}`, true, ""},
		{`{"n":1e2}`, `{"n":100}`, true, ""},
		{`{"n":-0.0}`, `{"n":0}`, true, ""},
		{`{"n":1}`, `{"n":"1"}`, false, `.n is 1, the replay has "1"`},
		{`{"a":{"x":[1,{"y":2}]}}`, `{"a":{"x":[1,{"y":3}]}}`, false, ".a.x[1].y is 2, the replay has 3"},
		{`{"a":1}`, `{"a":1,"b":2}`, false, ".b only in the replay"},
		{`{"a":1,"b":2}`, `{"a":1}`, false, ".b missing from the replay"},
		{`[1,2]`, `[1,2,3]`, false, ". has 2 elements, the replay 3"},
		{`[1,2]`, `[2,1]`, false, ".[0] is 1, the replay has 2"},
		{`{"createdAt":"2024-01-01","v":1}`, `{"v":1,"createdAt":"2025-02-02"}`, true, ""},
		{`{"data":{"id":7,"v":1}}`, `{"data":{"v":1,"id":8}}`, true, ""},
		{`{"createdAt":1}`, `{}`, true, ""},
		{`{"items":[1,2,3]}`, `{"items":[1,9,3]}`, true, ""},
		{`{"items":[1,2,3]}`, `{"items":[1,9,4]}`, false, ".items[2] is 3, the replay has 4"},
		{`plain`, `plain`, true, ""},
		{`plain`, `Plain`, false, "body Plain differs from plain"},
		{`{"a":1}`, `{"a":1} {"a":1}`, false, `body {"a":1} {"a":1} differs from {"a":1}`},
		{`{"n":1e999999}`, `{"n":1e999999}`, true, ""},
	}
	for _, c := range cases {
		same, where := sameBody([]byte(c.a), []byte(c.b), ignore)
		if same != c.same || where != c.where {
			t.Errorf("%s vs %s: %v %q, want %v %q", c.a, c.b, same, where, c.same, c.where)
		}
		ca, _ := canonicalBody([]byte(c.a), ignore)
		cb, _ := canonicalBody([]byte(c.b), ignore)
		if (ca == cb) != c.same {
			t.Errorf("canonical %q vs %q disagrees with sameBody", ca, cb)
		}
	}
	for _, bad := range []string{"status", "len(.a)", ".", "$", ".a ==", ".a["} {
		if _, err := parseIgnorePath(bad); err == nil {
			t.Errorf("ignore path %q accepted", bad)
		}
	}
}

func mustIgnore(t *testing.T, s string) *valuePath {
	t.Helper()
	p, err := parseIgnorePath(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// jsonbStore is a correct idempotency-key implementation whose stored
// response comes back the way a jsonb column returns it: keys reordered,
// other white space, numbers respelled. /pay-volatile also re-renders a
// createdAt time on every replay.
type jsonbStore struct {
	mu   sync.Mutex
	next int
	keys map[string]*jsonbEntry
}

type jsonbEntry struct {
	done    bool
	payment int
}

func (s *jsonbStore) handler() http.Handler {
	mux := http.NewServeMux()
	serve := func(volatile bool) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body)
			key := r.Header.Get("Idempotency-Key")
			s.mu.Lock()
			e := s.keys[key]
			if e != nil {
				done, id := e.done, e.payment
				s.mu.Unlock()
				if !done {
					writeJSONBody(w, http.StatusConflict, map[string]string{"error": "in flight"})
					return
				}
				// the stored copy, as jsonb gives it back
				w.Header().Set("Content-Type", "application/json")
				created := ""
				if volatile {
					created = fmt.Sprintf(`, "createdAt": "%s"`, time.Now().Format(time.RFC3339Nano))
				}
				fmt.Fprintf(w, `{"meta": {"a": [1, 2.0], "b": null}, "amount": 10.5, "payment": %d, "currency": "EUR"%s}`, id, created)
				return
			}
			e = &jsonbEntry{}
			s.keys[key] = e
			s.next++
			e.payment = s.next
			s.mu.Unlock()
			time.Sleep(raceWait)
			s.mu.Lock()
			e.done = true
			s.mu.Unlock()
			w.Header().Set("Content-Type", "application/json")
			created := ""
			if volatile {
				created = fmt.Sprintf(`,"createdAt":"%s"`, time.Now().Format(time.RFC3339Nano))
			}
			fmt.Fprintf(w, `{"payment":%d,"amount":10.50,"currency":"EUR","meta":{"b":null,"a":[1,2]}%s}`, e.payment, created)
		}
	}
	mux.HandleFunc("POST /pay-jsonb", serve(false))
	mux.HandleFunc("POST /pay-volatile", serve(true))
	return mux
}

// A correct implementation that returns its stored response with keys
// reordered passes in every trial; a volatile field fails until it is
// ignored, by flag or scenario key.
func TestIdempotencyJSONReplay(t *testing.T) {
	store := &jsonbStore{keys: map[string]*jsonbEntry{}}
	srv := startServer(t, store.handler())
	rep, code, stderr := runProbe(t, "-X", "POST", "-d", `{"amount":10.5}`, "--idempotency-key", "--trials", "20", srv+"/pay-jsonb")
	if code != 0 || len(rep.Trials) != 20 || countFailed(rep) != 0 {
		t.Fatalf("jsonb: exit %d, %d of %d trials failed (%s)", code, countFailed(rep), len(rep.Trials), stderr)
	}
	for _, tr := range rep.Trials {
		if r := tr.Results[2]; r.Detail != "status 200, equal JSON body" {
			t.Errorf("trial %d replay: %+v", tr.Trial, r)
		}
	}

	rep, code, _ = runProbe(t, "-X", "POST", "--idempotency-key", "--trials", "3", srv+"/pay-volatile")
	if code != 1 || countFailed(rep) != 3 {
		t.Fatalf("volatile without --ignore-field: exit %d, failed %d", code, countFailed(rep))
	}
	if r := rep.Trials[0].Results[2]; r.Pass || !strings.HasPrefix(r.Detail, "replay differs: .createdAt is ") {
		t.Errorf("volatile replay: %+v", r)
	}
	rep, code, stderr = runProbe(t, "-X", "POST", "--idempotency-key", "--ignore-field", ".createdAt", "--trials", "20", srv+"/pay-volatile")
	if code != 0 || countFailed(rep) != 0 || len(rep.Trials) != 20 {
		t.Fatalf("volatile with --ignore-field: exit %d, failed %d (%s)", code, countFailed(rep), stderr)
	}
	dir := t.TempDir()
	sc := writeFile(t, dir, "idem.yaml", `
trials: 5
race: {n: 20, request: {method: POST, url: /pay-volatile, body: {amount: 10}}}
idempotency_key: {ignore_fields: [.createdAt], header: Idempotency-Key}
`)
	rep, code, stderr = runProbe(t, "--scenario", sc, srv)
	if code != 0 || countFailed(rep) != 0 || len(rep.Trials) != 5 {
		t.Fatalf("scenario ignore_fields: exit %d, failed %d (%s)", code, countFailed(rep), stderr)
	}
	if _, code, stderr = runProbe(t, "--ignore-field", ".a", srv+"/pay-jsonb"); code != 2 || !strings.Contains(stderr, "add --idempotency-key") {
		t.Errorf("--ignore-field without idempotency: exit %d %q", code, stderr)
	}
}
