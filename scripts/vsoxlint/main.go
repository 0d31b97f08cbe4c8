// Command vsoxlint times racecheck against oxlint on the same files, paired
// and alternated, and prints the medians and the ratios of wall time, CPU
// time and peak memory:
//
//	go run ./scripts/vsoxlint [-runs 5] [-racecheck BIN] [-oxlint BIN] DIR
//
// racecheck scans DIR with every rule (racecheck scan --no-config); oxlint
// lints the files racecheck's discovery finds in DIR, with its default
// rules plus its async and promise rules. Each run starts the two
// commands one after the other, the first one alternating, so that both
// see the same state of a noisy machine. Without -racecheck, the command
// is built from this checkout first; without -oxlint, oxlint is looked up
// on PATH and in node_modules/.bin.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"syscall"
	"time"

	"github.com/racecheck/racecheck/internal/discover"
)

// oxlintAsync are the oxlint rules about promises and async code, enabled
// on top of its defaults so that it checks what racecheck's rules check.
var oxlintAsync = []string{
	"--promise-plugin",
	"-W", "no-async-promise-executor", "-W", "no-await-in-loop", "-W", "require-await",
	"-W", "no-promise-executor-return", "-W", "prefer-promise-reject-errors",
	"-W", "promise/catch-or-return", "-W", "promise/always-return", "-W", "promise/no-callback-in-promise",
	"-W", "promise/no-multiple-resolved", "-W", "promise/no-promise-in-callback", "-W", "promise/no-nesting",
	"-W", "promise/no-new-statics", "-W", "promise/valid-params", "-W", "promise/param-names",
	"-W", "promise/no-return-wrap", "-W", "promise/no-return-in-finally",
	"-W", "unicorn/no-await-in-promise-methods", "-W", "unicorn/no-single-promise-in-promise-methods",
	"-W", "unicorn/no-useless-promise-resolve-reject",
}

// sample is one timed command.
type sample struct {
	wall, cpu time.Duration
	rssKiB    int64
}

func main() {
	runs := flag.Int("runs", 5, "paired runs; medians are reported")
	rcBin := flag.String("racecheck", "", "the racecheck binary (default: build this checkout)")
	oxBin := flag.String("oxlint", "", "the oxlint binary (default: oxlint on PATH or in node_modules/.bin)")
	flag.Parse()
	if flag.NArg() != 1 || *runs < 1 {
		fmt.Fprintln(os.Stderr, "usage: vsoxlint [-runs N] [-racecheck BIN] [-oxlint BIN] DIR")
		os.Exit(2)
	}
	dir := flag.Arg(0)
	if err := run(dir, *runs, *rcBin, *oxBin); err != nil {
		fmt.Fprintln(os.Stderr, "vsoxlint:", err)
		os.Exit(2)
	}
}

func run(dir string, runs int, rcBin, oxBin string) error {
	if rcBin == "" {
		tmp, err := os.MkdirTemp("", "vsoxlint")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		rcBin = filepath.Join(tmp, "racecheck")
		if out, err := exec.Command("go", "build", "-o", rcBin, "./cmd/racecheck").CombinedOutput(); err != nil {
			return fmt.Errorf("building racecheck: %v\n%s", err, out)
		}
	}
	if oxBin == "" {
		var err error
		if oxBin, err = findOxlint(); err != nil {
			return err
		}
	}
	found, err := discover.Walk([]string{dir}, discover.Options{})
	if err != nil {
		return err
	}
	var files []string
	var size int64
	for _, f := range found.Files {
		files = append(files, f.Path)
		if info, err := os.Stat(f.Abs); err == nil {
			size += info.Size()
		}
	}
	if len(files) == 0 {
		return fmt.Errorf("no JavaScript or TypeScript file in %s", dir)
	}
	rc := []string{rcBin, "scan", "--no-config", "--no-progress", "--format", "json", "--output", os.DevNull, dir}
	ox := append(append([]string{oxBin, "--silent"}, oxlintAsync...), files...)
	fmt.Printf("%s: %d files, %.1f MB; %d paired runs\n", dir, len(files), float64(size)/1e6, runs)

	var rcS, oxS []sample
	for i := 0; i < runs; i++ {
		order := [][]string{rc, ox}
		if i%2 == 1 {
			order = [][]string{ox, rc}
		}
		for _, argv := range order {
			s, err := timeCommand(argv)
			if err != nil {
				return err
			}
			if argv[0] == rcBin {
				rcS = append(rcS, s)
			} else {
				oxS = append(oxS, s)
			}
		}
	}
	r, o := median(rcS), median(oxS)
	fmt.Printf("%-10s %10s %10s %10s\n", "", "wall", "CPU", "peak RSS")
	fmt.Printf("%-10s %10v %10v %7d MiB\n", "racecheck", r.wall.Round(time.Millisecond), r.cpu.Round(time.Millisecond), r.rssKiB/1024)
	fmt.Printf("%-10s %10v %10v %7d MiB\n", "oxlint", o.wall.Round(time.Millisecond), o.cpu.Round(time.Millisecond), o.rssKiB/1024)
	fmt.Printf("%-10s %9.2fx %9.2fx %9.2fx\n", "ratio", ratio(r.wall, o.wall), ratio(r.cpu, o.cpu), float64(r.rssKiB)/float64(max(o.rssKiB, 1)))
	return nil
}

// timeCommand runs argv and returns its wall time, CPU time (user and
// system) and peak resident memory. Exit statuses 0 and 1 (findings) are
// success.
func timeCommand(argv []string) (sample, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var ee *exec.ExitError
	if err != nil && !(errors.As(err, &ee) && ee.ExitCode() == 1) {
		return sample{}, fmt.Errorf("%s: %v\n%s", filepath.Base(argv[0]), err, stderr.Bytes())
	}
	st := cmd.ProcessState
	s := sample{wall: wall, cpu: st.UserTime() + st.SystemTime()}
	if ru, ok := st.SysUsage().(*syscall.Rusage); ok {
		s.rssKiB = int64(ru.Maxrss)
	}
	return s, nil
}

// median takes the median of each measure separately.
func median(s []sample) sample {
	pick := func(get func(sample) int64) int64 {
		v := make([]int64, len(s))
		for i, x := range s {
			v[i] = get(x)
		}
		sort.Slice(v, func(i, j int) bool { return v[i] < v[j] })
		return v[len(v)/2]
	}
	return sample{
		wall:   time.Duration(pick(func(x sample) int64 { return int64(x.wall) })),
		cpu:    time.Duration(pick(func(x sample) int64 { return int64(x.cpu) })),
		rssKiB: pick(func(x sample) int64 { return x.rssKiB }),
	}
}

func ratio(a, b time.Duration) float64 { return float64(a) / float64(max(b, 1)) }

func findOxlint() (string, error) {
	if p, err := exec.LookPath("oxlint"); err == nil {
		return p, nil
	}
	if p, err := filepath.Abs(filepath.Join("node_modules", ".bin", "oxlint")); err == nil {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", errors.New("oxlint not found: npm install oxlint, and give -oxlint node_modules/.bin/oxlint")
}
