package probe

import (
	"net/http"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
)

// TestWarmup sends the warm-up bursts before the trials and counts only
// the trials, from the command line and from a scenario.
func TestWarmup(t *testing.T) {
	var bursts, resets atomic.Int64
	base := startServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/reset":
			resets.Add(1)
		default:
			bursts.Add(1)
		}
	}))
	rep, code, stderr := runProbe(t, "-n", "5", "--trials", "3", "--warmup", "2", "--mode", "h1-lastbyte",
		"--setup", "POST "+base+"/reset", base+"/go")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if len(rep.Trials) != 3 || rep.Warmup != 2 || rep.Summary.Trials != 3 {
		t.Errorf("trials %d, warmup %d, summary %d trials; want 3, 2, 3", len(rep.Trials), rep.Warmup, rep.Summary.Trials)
	}
	if got := bursts.Load(); got != 25 {
		t.Errorf("server saw %d race requests, want (2 warm-up + 3 trials) x 5 = 25", got)
	}
	if got := resets.Load(); got != 5 {
		t.Errorf("setup ran %d times, want 5 (before every burst)", got)
	}

	scenario := filepath.Join(t.TempDir(), "s.yaml")
	if err := os.WriteFile(scenario, []byte("base: "+base+"\ntrials: 2\nwarmup: 1\nrace:\n  n: 4\n  request:\n    method: POST\n    url: /go\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bursts.Store(0)
	rep, code, stderr = runProbe(t, "--scenario", scenario, "--mode", "h1-lastbyte")
	if code != 0 || len(rep.Trials) != 2 || rep.Warmup != 1 || bursts.Load() != 12 {
		t.Errorf("scenario: exit %d (%s), %d trials, warmup %d, %d requests; want 0, 2, 1, 12", code, stderr, len(rep.Trials), rep.Warmup, bursts.Load())
	}
	if _, code, stderr := runProbe(t, "--warmup", "-1", base+"/go"); code != 2 || stderr == "" {
		t.Errorf("--warmup -1: exit %d, %q; want a usage error", code, stderr)
	}
}
