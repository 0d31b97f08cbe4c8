package probe

import (
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// arrivalLog records when each request, numbered by its ?i= parameter,
// reached the handler.
type arrivalLog struct {
	mu sync.Mutex
	at map[int]time.Time
}

func (l *arrivalLog) handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body) // start when the request is complete
		now := time.Now()
		i, err := strconv.Atoi(r.URL.Query().Get("i"))
		if err != nil {
			writeJSONBody(w, http.StatusOK, map[string]int{"ok": 1})
			return
		}
		l.mu.Lock()
		if l.at == nil {
			l.at = map[int]time.Time{}
		}
		if _, dup := l.at[i]; dup {
			i = -1 - i // a duplicate index shows up as a negative key
		}
		l.at[i] = now
		l.mu.Unlock()
		w.Header().Set("X-Arrival-Ns", strconv.FormatInt(now.UnixNano(), 10))
		w.Header().Set("X-Arrival-Ms", fmt.Sprintf("%.4f", float64(now.UnixNano())/1e6))
		writeJSONBody(w, http.StatusOK, map[string]int{"i": i})
	})
}

func (l *arrivalLog) take() map[int]time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	at := l.at
	l.at = nil
	return at
}

// Three waves of 20 go out 10ms apart in every mode: each wave reaches the
// server after the previous one, {{i}} numbers all 60 requests, and the
// expectations count the responses of all waves ({{n}} is 60).
func TestWaves(t *testing.T) {
	log := &arrivalLog{}
	base := startServer(t, log.handler())
	for _, mode := range []string{modeH2, modePipeline, modeLastByte, modeNaive} {
		t.Run(mode, func(t *testing.T) {
			rep, code, stderr := runProbe(t, "--mode", mode, "-n", "20", "--waves", "3", "--wave-gap", "10ms",
				"--expect", "status 200 == {{n}}", "--expect", "status 200 == 60", "--timing-header", "X-Arrival-Ns",
				base+"/w?i={{i}}")
			if code != 0 {
				t.Fatalf("exit %d (%s): %+v", code, stderr, rep.Trials)
			}
			if rep.Waves != 3 || rep.WaveGapMillis != 10 || rep.N != 20 {
				t.Errorf("report: waves %d gap %v n %d", rep.Waves, rep.WaveGapMillis, rep.N)
			}
			tr := rep.Trials[0]
			if tr.Statuses["200"] != 60 || tr.Successes != 60 || len(tr.Waves) != 3 || tr.TimedResponses != 60 {
				t.Fatalf("trial: statuses %v, %d successes, %d waves, %d timed", tr.Statuses, tr.Successes, len(tr.Waves), tr.TimedResponses)
			}
			for k, w := range tr.Waves {
				if w.Wave != k+1 || w.Statuses["200"] != 20 || w.ArrivalSpreadMicros == nil {
					t.Errorf("wave %d: %+v", k+1, w)
				}
				if k > 0 && w.StartMillis-tr.Waves[k-1].StartMillis < 10 {
					t.Errorf("wave %d started %.3fms after wave %d, want >= 10ms", k+1, w.StartMillis-tr.Waves[k-1].StartMillis, k)
				}
			}
			at := log.take()
			if len(at) != 60 {
				t.Fatalf("server saw %d distinct indexes, want 60", len(at))
			}
			// the waves reach the server in order: the first request of a
			// wave arrives after the first of the previous one. The gap
			// itself is asserted on the sender's side above; what the
			// server measures depends on the machine's load.
			for k := 1; k < 3; k++ {
				var prevFirst, nextFirst time.Time
				for i := 0; i < 20; i++ {
					if p := at[(k-1)*20+i]; prevFirst.IsZero() || p.Before(prevFirst) {
						prevFirst = p
					}
					if n := at[k*20+i]; nextFirst.IsZero() || n.Before(nextFirst) {
						nextFirst = n
					}
				}
				if !nextFirst.After(prevFirst) {
					t.Errorf("wave %d began arriving at %v, not after wave %d (%v)", k+1, nextFirst, k, prevFirst)
				}
			}
		})
	}
}

// Jitter spreads the final writes: one write per request, a send spread
// of a few milliseconds; without it h2 writes them all at once.
func TestJitter(t *testing.T) {
	log := &arrivalLog{}
	base := startServer(t, log.handler())
	for _, mode := range []string{modeH2, modePipeline, modeLastByte, modeNaive} {
		rep, code, stderr := runProbe(t, "--mode", mode, "-n", "20", "--jitter", "20ms", "--timing-header", "X-Arrival-Ms", base+"/j?i={{i}}")
		if code != 0 {
			t.Fatalf("%s: exit %d (%s)", mode, code, stderr)
		}
		tr := rep.Trials[0]
		if tr.SyncWrites != 20 || tr.FinalBytes != 0 || tr.SendSpreadMicros < 2000 || tr.SendSpreadMicros > 1e6 {
			t.Errorf("%s: %d writes, send spread %.0fµs; want 20 writes, 2ms-1s", mode, tr.SyncWrites, tr.SendSpreadMicros)
		}
		if tr.ArrivalSpreadMicros == nil || *tr.ArrivalSpreadMicros < 2000 || tr.TimedResponses != 20 {
			t.Errorf("%s: arrival spread %v from %d responses, want >= 2ms from 20", mode, tr.ArrivalSpreadMicros, tr.TimedResponses)
		}
		at := log.take()
		times := make([]time.Time, 0, len(at))
		for _, v := range at {
			times = append(times, v)
		}
		sort.Slice(times, func(a, b int) bool { return times[a].Before(times[b]) })
		if len(times) != 20 || times[19].Sub(times[0]) < 2*time.Millisecond {
			t.Errorf("%s: server saw %d requests over %v", mode, len(times), times[len(times)-1].Sub(times[0]))
		}
	}
	rep, _, _ := runProbe(t, "--mode", modeH2, "-n", "20", base+"/j")
	if tr := rep.Trials[0]; tr.SyncWrites != 1 || tr.Waves != nil {
		t.Errorf("no jitter: %d writes, waves %v", tr.SyncWrites, tr.Waves)
	}
}

// The lock race of lockApp needs a request that arrives after a loser
// deleted the lock: three waves 1ms apart show it in at least 15 of 20
// trials in every mode, and the fixed lock is never reported.
func TestWavesShowLockRace(t *testing.T) {
	_, srv := startLockApp(t)
	trials := trialsOr(20, 10)
	for _, mode := range []string{modeH2, modePipeline, modeLastByte, modeNaive} {
		t.Run(mode, func(t *testing.T) {
			rep, code, stderr := runProbe(t, lockProbeArgs(srv.URL, "/incr", mode, trials, "--waves", "3", "--wave-gap", "1ms")...)
			if code != 1 || countFailed(rep)*20 < trials*15 {
				t.Errorf("broken lock: exit %d, shown in %d of %d trials, want >= 75%% (%s)", code, countFailed(rep), trials, stderr)
			}
			for _, tr := range rep.Trials {
				if !tr.Pass && (tr.Results[1].Pass || !strings.HasPrefix(tr.Results[1].Detail, "got ")) {
					t.Errorf("trial %d: %+v", tr.Trial, tr.Results)
				}
			}
			rep, code, stderr = runProbe(t, lockProbeArgs(srv.URL, "/incr-safe", mode, trials, "--waves", "3", "--wave-gap", "1ms")...)
			if code != 0 || countFailed(rep) != 0 {
				t.Errorf("fixed lock: exit %d, %d false alarms (%s)", code, countFailed(rep), stderr)
			}
		})
	}
}

func TestWaveSettings(t *testing.T) {
	dir := t.TempDir()
	sc := writeFile(t, dir, "w.yaml", "race: {n: 5, request: {url: /x}, waves: 3, wave_gap: 2ms, jitter: 500us}\n")
	plan := func(args ...string) *plan {
		t.Helper()
		o, err := parseArgs(args, nil)
		if err != nil {
			t.Fatal(err)
		}
		p, err := buildPlan(o)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	if p := plan("--scenario", sc, "http://127.0.0.1:1"); p.waves != 3 || p.waveGap != 2*time.Millisecond || p.jitter != 500*time.Microsecond {
		t.Errorf("scenario: waves %d gap %v jitter %v", p.waves, p.waveGap, p.jitter)
	}
	if p := plan("--scenario", sc, "--waves", "2", "--wave-gap", "3ms", "--jitter", "0", "http://127.0.0.1:1"); p.waves != 2 || p.waveGap != 3*time.Millisecond || p.jitter != 0 {
		t.Errorf("flags over scenario: waves %d gap %v jitter %v", p.waves, p.waveGap, p.jitter)
	}
	if p := plan("http://127.0.0.1:1/x"); p.waves != 1 || p.waveGap != defaultWaveGap || p.jitter != 0 {
		t.Errorf("defaults: waves %d gap %v jitter %v", p.waves, p.waveGap, p.jitter)
	}
	bad := map[string][]string{
		"waves 0":    {"--waves", "0"},
		"waves 101":  {"--waves", "101"},
		"gap":        {"--wave-gap", "-1ms"},
		"gap big":    {"--wave-gap", "11s"},
		"jitter":     {"--jitter", "-1ms"},
		"too many":   {"--waves", "6", "-n", "1000"},
		"timing hdr": {"--timing-header", "X Y"},
	}
	for name, args := range bad {
		code, _, stderr := runText(append(args, "http://127.0.0.1:1/x")...)
		if code != 2 || stderr == "" {
			t.Errorf("%s: exit %d %q", name, code, stderr)
		}
	}
}
