package probe

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestMeasureLockWaves prints how often the broken lock (see lockApp) is
// shown at N=20 with one wave, with several waves and with jitter, in
// every sending mode, and how often the fixed lock is wrongly reported.
// It only runs with RACECHECK_MEASURE=1:
//
//	RACECHECK_MEASURE=1 go test -run TestMeasureLockWaves -v ./internal/probe
//
// RACECHECK_MEASURE_TRIALS sets the trials per row (default 20).
func TestMeasureLockWaves(t *testing.T) {
	if os.Getenv("RACECHECK_MEASURE") != "1" {
		t.Skip("set RACECHECK_MEASURE=1 to measure lock-race detection with waves")
	}
	trials := 20
	if v, err := strconv.Atoi(os.Getenv("RACECHECK_MEASURE_TRIALS")); err == nil && v > 0 {
		trials = v
	}
	_, srv := startLockApp(t)
	configs := []struct {
		name string
		args []string
	}{
		{"waves=1", nil},
		{"waves=2 gap=1ms", []string{"--waves", "2", "--wave-gap", "1ms"}},
		{"waves=3 gap=1ms", []string{"--waves", "3", "--wave-gap", "1ms"}},
		{"waves=3 gap=2ms", []string{"--waves", "3", "--wave-gap", "2ms"}},
		{"waves=1 jitter=3ms", []string{"--jitter", "3ms"}},
	}
	var report strings.Builder
	fmt.Fprintf(&report, "\nbroken lock (no TTL, finally deletes), N=20, %d trials per cell: racy shown / fixed twin false alarms\n", trials)
	fmt.Fprintf(&report, "%-20s", "config")
	modes := []string{modeH2, modePipeline, modeLastByte, modeNaive}
	for _, m := range modes {
		fmt.Fprintf(&report, " %-16s", m)
	}
	report.WriteString("\n")
	for _, c := range configs {
		fmt.Fprintf(&report, "%-20s", c.name)
		for _, mode := range modes {
			cell := func(path string) int {
				rep, code, stderr := runProbe(t, lockProbeArgs(srv.URL, path, mode, trials, c.args...)...)
				if code == 2 {
					t.Fatalf("%s %s %s: %s", c.name, mode, path, stderr)
				}
				return countFailed(rep)
			}
			racy, safe := cell("/incr"), cell("/incr-safe")
			fmt.Fprintf(&report, " %-16s", fmt.Sprintf("%d/%d, %d/%d", racy, trials, safe, trials))
		}
		report.WriteString("\n")
	}
	t.Log(report.String())
}
