package probe

import (
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestParseArrival(t *testing.T) {
	good := map[string]int64{
		"1712345678901234567": 1712345678901234567, // ns since the epoch
		"98765":               98765,               // process.hrtime.bigint()
		" 42 ":                42,
		"1712.250":            1712250000, // performance.now().toFixed(3)
		"1733500000000.125":   1733500000000125000,
		"0.001":               1000,
		"1.0000019":           1000001, // beyond nanoseconds: cut
	}
	for in, want := range good {
		got, err := parseArrival(in)
		if err != nil || got != want {
			t.Errorf("%q: %d %v, want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "abc", "1e6", "12.5.1", "99999999999999999999", "1.5e3", "NaN", "-", "1,5", "9999999999999.1", ".5", "5.", "-1"} {
		if v, err := parseArrival(bad); err == nil {
			t.Errorf("%q: parsed as %d, want an error", bad, v)
		}
	}
}

func TestArrivals(t *testing.T) {
	h := func(v string) http.Header { return http.Header{"X-Arrival": {v}} }
	resps := []Response{
		{Status: 200, Header: h("1000")},
		{Status: 409, Header: h("251000")},
		{Status: 200, Header: h("0.100")}, // 100000 ns
		{Status: 200, Header: h("soon")},
		{Status: 200, Header: http.Header{}},
		{Err: "no response"},
	}
	st := arrivals(resps, "X-Arrival")
	if st.spreadNs != 250000 || st.seen != 3 || st.bad != 1 || !strings.Contains(st.badValue, `"soon"`) {
		t.Errorf("%+v", st)
	}
}

// Without the header in any response the trial notes it; with unreadable
// values it says what it wanted.
func TestTimingHeaderNotes(t *testing.T) {
	srv := startServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/bad" {
			w.Header().Set("X-Arrival-Ns", "yesterday")
		}
		w.WriteHeader(http.StatusOK)
	}))
	rep, code, _ := runProbe(t, "-n", "3", "--timing-header", "X-Arrival-Ns", srv+"/none")
	if code != 0 || rep.TimingHeader != "X-Arrival-Ns" || rep.Trials[0].ArrivalSpreadMicros != nil {
		t.Fatalf("exit %d, %+v", code, rep.Trials)
	}
	if n := rep.Trials[0].Notes; len(n) != 1 || n[0] != "no response carried a readable X-Arrival-Ns header: no arrival spread (see docs/probe-timing.md)" {
		t.Errorf("notes %q", n)
	}
	rep, _, _ = runProbe(t, "-n", "3", "--timing-header", "X-Arrival-Ns", srv+"/bad")
	want := []string{
		`3 X-Arrival-Ns values not understood: "yesterday" is neither integer nanoseconds nor milliseconds with a decimal point`,
		"no response carried a readable X-Arrival-Ns header: no arrival spread (see docs/probe-timing.md)",
	}
	if n := rep.Trials[0].Notes; strings.Join(n, "|") != strings.Join(want, "|") {
		t.Errorf("notes %q", n)
	}
}

// The text report names the send spread and, with --timing-header, the
// arrival spread.
func TestTimingText(t *testing.T) {
	log := &arrivalLog{}
	base := startServer(t, log.handler())
	code, out, stderr := runText("--mode", "h2", "-n", "10", "--timing-header", "X-Arrival-Ns", base+"/t?i={{i}}")
	if code != 0 {
		t.Fatalf("exit %d %s", code, stderr)
	}
	if !regexp.MustCompile(`trial 1: PASS  statuses: 200 x10  send spread [0-9.]+(µs|ms) \(1 write of \d+ bytes\), arrival spread [0-9.]+(µs|ms)\n`).MatchString(out) {
		t.Errorf("output:\n%s", out)
	}
}

// The timing document exists and shows the header for each framework.
func TestTimingDoc(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "probe-timing.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Express", "Fastify", "Koa", "process.hrtime.bigint()", "--timing-header X-Arrival-Ns"} {
		if !strings.Contains(string(doc), want) {
			t.Errorf("docs/probe-timing.md lacks %q", want)
		}
	}
}
