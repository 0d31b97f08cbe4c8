// Command proof-e2e proves racecheck end to end on real PostgreSQL and
// Redis: it starts both on loopback in a temporary directory, installs and
// starts the proof app (examples/proof), checks that `racecheck scan` flags
// every racy twin and no fixed twin, generates probe scenarios with
// `scan --emit-probes`, fills their placeholders from
// examples/proof/probe-fill.json, and runs each one against the racy and the
// fixed twin. It prints a table per endpoint and mode and exits 1 when a
// scan result or a detection rate misses its target.
//
//	go run ./scripts/proof-e2e [-trials 20] [-n 20] [-modes auto,h1-lastbyte] [-gate auto]
//
// Run it from the repository root. It needs initdb and pg_ctl (PATH,
// /usr/local/bin or /usr/lib/postgresql/*/bin), redis-server, node and npm.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"
)

func main() {
	o := options{}
	flag.IntVar(&o.trials, "trials", 20, "trials per probe")
	flag.IntVar(&o.n, "n", 20, "requests per burst")
	flag.StringVar(&o.modes, "modes", "auto,h1-lastbyte", "comma-separated probe modes to run each scenario in")
	flag.StringVar(&o.gate, "gate", "auto", "the mode whose results must meet the targets (the others are reported only)")
	flag.IntVar(&o.minRacy, "min-racy", 19, "trials (of -trials) that must show the race on a racy twin")
	flag.IntVar(&o.minLock, "min-lock", 15, "trials that must show the race on the racy lock twin (waves)")
	flag.BoolVar(&o.keep, "keep", false, "keep the temporary directory (logs, generated scenarios)")
	flag.StringVar(&o.app, "app", "examples/proof", "the proof app's directory")
	flag.Parse()
	start := time.Now()
	code, err := run(o)
	if err != nil {
		fmt.Fprintf(os.Stderr, "proof-e2e: %v\n", err)
		if code == 0 {
			code = 2
		}
	}
	fmt.Printf("total time %s\n", time.Since(start).Round(100*time.Millisecond))
	os.Exit(code)
}
