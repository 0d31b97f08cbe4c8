package probe

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestMeasure prints, for every sending mode, how often the race on a
// check-then-act endpoint is shown at N=20 and how far apart the requests
// reached the server's check (server-side arrival spread), for Go and
// Node.js servers. It only runs with RACECHECK_MEASURE=1:
//
//	RACECHECK_MEASURE=1 go test -run TestMeasure -v ./internal/probe
//
// RACECHECK_MEASURE_TRIALS sets the trials per row (default 40).
func TestMeasure(t *testing.T) {
	if os.Getenv("RACECHECK_MEASURE") != "1" {
		t.Skip("set RACECHECK_MEASURE=1 to measure detection rates and arrival spreads")
	}
	trials := 40
	if v, err := strconv.Atoi(os.Getenv("RACECHECK_MEASURE_TRIALS")); err == nil && v > 0 {
		trials = v
	}
	type target struct {
		name    string
		base    string
		path    string
		modes   []string
		spread  func() time.Duration // arrival spread of the last burst
		headers []string
	}
	var targets []target
	for _, wait := range []time.Duration{3 * time.Millisecond, 0} {
		b := newBank(wait)
		h1 := startH1(t, b)
		h2 := startH2C(t, b, nil)
		name := fmt.Sprintf("Go net/http, %v sleep", wait)
		if wait == 0 {
			name = "Go net/http, goroutine hand-off"
		}
		targets = append(targets,
			target{name + " (h2c)", h2.URL, "/withdraw", []string{modeH2}, b.arrivalSpread, nil},
			target{name + " (HTTP/1.1)", h1.URL, "/withdraw", []string{modePipeline, modeLastByte, modeNaive}, b.arrivalSpread, nil})
	}
	nodeSpread := func(base string) func() time.Duration {
		return func() time.Duration {
			resp, err := http.Get(base + "/arrivals")
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var a struct{ SpreadMs float64 }
			body, _ := io.ReadAll(resp.Body)
			if err := json.Unmarshal(body, &a); err != nil {
				t.Fatalf("arrivals: %v %s", err, body)
			}
			return time.Duration(a.SpreadMs * float64(time.Millisecond))
		}
	}
	dir, _ := filepath.Abs("../../examples/probe-server")
	if base := startNode(t, dir, "server.js"); base != "" {
		targets = append(targets, target{"Node node:http/http2 example server, fs.stat await", base, "/redeem",
			[]string{modeH2, modePipeline, modeLastByte, modeNaive}, nodeSpread(base), nil})
	}
	if base := startNode(t, expressApp(t), "app.js"); base != "" {
		targets = append(targets, target{"Node Express 4, fs.stat await (HTTP/1.1 only)", base, "/withdraw",
			[]string{modePipeline, modeLastByte, modeNaive}, nodeSpread(base),
			[]string{"-H", "Content-Type: application/json", "-d", `{"amount":100}`}})
	}

	var report strings.Builder
	fmt.Fprintf(&report, "\nN=20, %d trials per row; arrival spread = last minus first handler reaching its check, per burst\n", trials)
	fmt.Fprintf(&report, "%-58s %-12s %9s %28s %12s\n", "server", "mode", "detected", "arrival spread min/med/max", "send spread")
	for _, tg := range targets {
		for _, mode := range tg.modes {
			detected := 0
			var spreads, sends []time.Duration
			for range trials {
				args := append([]string{"-X", "POST", "--mode", mode, "--setup", "POST " + tg.base + "/reset",
					"--expect", "status 2xx == 1"}, tg.headers...)
				if len(tg.headers) == 0 {
					args = append(args, "-d", `{"amount":100}`)
				}
				rep, code, stderr := runProbe(t, append(args, tg.base+tg.path)...)
				if code == 2 {
					t.Fatalf("%s %s: %s", tg.name, mode, stderr)
				}
				if code == 1 {
					detected++
				}
				spreads = append(spreads, tg.spread())
				sends = append(sends, time.Duration(rep.Trials[0].SendSpreadMicros*1e3))
			}
			slices.Sort(spreads)
			slices.Sort(sends)
			fmt.Fprintf(&report, "%-58s %-12s %4d/%-4d %28s %12s\n", tg.name, mode, detected, trials,
				fmt.Sprintf("%s / %s / %s", ms(spreads[0]), ms(spreads[len(spreads)/2]), ms(spreads[len(spreads)-1])),
				ms(sends[len(sends)/2]))
		}
	}
	t.Log(report.String())
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%.3fms", float64(d)/float64(time.Millisecond))
}
