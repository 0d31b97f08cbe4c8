// Command benchscan scans a directory with every rule and prints the
// throughput (files/s, MB/s) and the peak memory of the process, for
// comparing racecheck's speed on real repositories:
//
//	go run ./scripts/benchscan [-runs 3] [-parse-only] [-skip RULE,...] [-cpuprofile FILE] [-memprofile FILE] DIR
//
// -skip leaves rules out, to measure what each one costs beside the others
// (work that rules share, such as classifying calls, is paid by whichever
// runs first).
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/engine"
	_ "github.com/racecheck/racecheck/internal/rules"
)

func main() {
	runs := flag.Int("runs", 3, "scans to run; the median is reported")
	parseOnly := flag.Bool("parse-only", false, "run no rule: discovery, parsing and indexing only")
	skip := flag.String("skip", "", "comma-separated rule ids to leave out")
	jobs := flag.Int("jobs", 0, "parallel workers (0: one per core)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of all runs to this file")
	memprofile := flag.String("memprofile", "", "write a profile of the memory all runs allocated to this file")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: benchscan [-runs N] [-parse-only] DIR")
		os.Exit(2)
	}
	rules := analysis.Rules()
	if *parseOnly {
		rules = []*analysis.Rule{}
	}
	if *skip != "" {
		out := map[string]bool{}
		for _, id := range strings.Split(*skip, ",") {
			out[id] = true
		}
		var kept []*analysis.Rule
		for _, r := range rules {
			if !out[r.ID] {
				kept = append(kept, r)
			}
		}
		rules = kept
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "benchscan:", err)
			os.Exit(2)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "benchscan:", err)
			os.Exit(2)
		}
		defer pprof.StopCPUProfile()
	}
	var times []time.Duration
	var last *engine.Result
	for i := 0; i < *runs; i++ {
		start := time.Now()
		res, err := engine.Run(engine.Options{Paths: []string{flag.Arg(0)}, Rules: rules, Jobs: *jobs})
		if err != nil {
			fmt.Fprintln(os.Stderr, "benchscan:", err)
			pprof.StopCPUProfile()
			os.Exit(2)
		}
		times = append(times, time.Since(start))
		last = res
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	med := times[len(times)/2]
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	fmt.Printf("files      %d (%d skipped, %d errors)\n", last.Files, len(last.Skipped), len(last.Errors))
	fmt.Printf("size       %.1f MB\n", float64(last.Bytes)/1e6)
	fmt.Printf("findings   %d\n", len(last.Findings))
	fmt.Printf("time       %v median of %d (min %v, max %v)\n", med.Round(time.Millisecond), len(times), times[0].Round(time.Millisecond), times[len(times)-1].Round(time.Millisecond))
	fmt.Printf("throughput %.0f files/s, %.1f MB/s\n", float64(last.Files)/med.Seconds(), float64(last.Bytes)/1e6/med.Seconds())
	fmt.Printf("peak RSS   %.0f MiB\n", float64(ru.Maxrss)/1024)
	if *memprofile != "" {
		f, err := os.Create(*memprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "benchscan:", err)
			os.Exit(2)
		}
		defer f.Close()
		if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
			fmt.Fprintln(os.Stderr, "benchscan:", err)
			os.Exit(2)
		}
	}
}
