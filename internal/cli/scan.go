package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/discover"
	"github.com/racecheck/racecheck/internal/engine"
	"github.com/racecheck/racecheck/internal/report"
)

const scanUsage = `Usage: racecheck scan [flags] [paths...]

Analyses the JavaScript and TypeScript files under paths (default .) and
reports concurrency bugs. Directories are walked honouring .gitignore and
skipping node_modules, .git, dist, build, coverage, .next and out; a file
named explicitly is always scanned.

Flags:
`

// scanFlags are the parsed flags of `racecheck scan`.
type scanFlags struct {
	format  string
	output  string
	failOn  string
	rules   string
	disable string
	jobs    int
	noColor bool
}

func scanCmd(args []string, env Env) int {
	var sf scanFlags
	fs := flag.NewFlagSet("scan", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.StringVar(&sf.format, "format", "text", "output format: text or json")
	fs.StringVar(&sf.output, "output", "", "write the report to `FILE` instead of standard output")
	fs.StringVar(&sf.failOn, "fail-on", "medium", "lowest severity that fails the run: high, medium, low or never")
	fs.StringVar(&sf.rules, "rules", "", "run only these comma-separated rule `ids`")
	fs.StringVar(&sf.disable, "disable", "", "do not run these comma-separated rule `ids`")
	fs.IntVar(&sf.jobs, "jobs", runtime.NumCPU(), "files analysed in parallel")
	fs.BoolVar(&sf.noColor, "no-color", false, "never colour the text report (NO_COLOR is honoured too)")
	fs.Usage = func() {
		fmt.Fprint(env.Stderr, scanUsage)
		fs.PrintDefaults()
	}
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		return usageErr(err)
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	failOn, err := parseFailOn(sf.failOn)
	if err != nil {
		return fail(env, err)
	}
	rules, err := selectRules(sf.rules, sf.disable)
	if err != nil {
		return fail(env, err)
	}
	if sf.jobs < 1 {
		return fail(env, fmt.Errorf("--jobs must be at least 1"))
	}
	if sf.format != "text" && sf.format != "json" {
		return fail(env, fmt.Errorf("unknown --format %q (want text or json)", sf.format))
	}

	res, err := engine.Run(engine.Options{Paths: paths, Jobs: sf.jobs, Rules: rules})
	if err != nil {
		if errors.Is(err, discover.ErrNotFound) {
			return fail(env, err)
		}
		return fail(env, err)
	}

	var out io.Writer = env.Stdout
	var buf bytes.Buffer
	if sf.output != "" {
		out = &buf
	}
	opts := report.Options{
		FailOn: failOn,
		Color:  sf.output == "" && !sf.noColor && env.Getenv("NO_COLOR") == "" && env.IsTerminal(env.Stdout),
	}
	switch sf.format {
	case "json":
		err = report.JSON(out, res, opts)
	default:
		err = report.Text(out, res, opts)
	}
	if err == nil && sf.output != "" {
		err = os.WriteFile(sf.output, buf.Bytes(), 0o644)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "racecheck: writing the report: %v\n", err)
		return ExitError
	}
	if sf.output != "" {
		fmt.Fprintln(env.Stderr, report.Summary(res, opts, func(_, s string) string { return s }))
	}
	switch {
	case res.InternalError():
		fmt.Fprintln(env.Stderr, "racecheck: an internal error happened; the report lists it under errors")
		return ExitError
	case report.Failed(res.Findings, failOn):
		return ExitFail
	}
	return ExitPass
}

func fail(env Env, err error) int {
	fmt.Fprintf(env.Stderr, "racecheck: %v\n", err)
	return ExitError
}

func parseFailOn(s string) (analysis.Severity, error) {
	if s == "never" {
		return 0, nil
	}
	sev, err := analysis.ParseSeverity(s)
	if err != nil {
		return 0, fmt.Errorf("unknown --fail-on %q (want high, medium, low or never)", s)
	}
	return sev, nil
}

// selectRules applies --rules and --disable to the registered rules.
func selectRules(only, disable string) ([]*analysis.Rule, error) {
	pick := func(list string) (map[string]bool, error) {
		set := map[string]bool{}
		for _, id := range strings.Split(list, ",") {
			id = strings.TrimSpace(id)
			if id == "" {
				continue
			}
			if _, ok := analysis.Lookup(id); !ok {
				return nil, fmt.Errorf("unknown rule %q%s", id, suggest(id))
			}
			set[id] = true
		}
		return set, nil
	}
	onlySet, err := pick(only)
	if err != nil {
		return nil, err
	}
	offSet, err := pick(disable)
	if err != nil {
		return nil, err
	}
	var out []*analysis.Rule
	for _, r := range analysis.Rules() {
		if len(onlySet) > 0 && !onlySet[r.ID] || offSet[r.ID] {
			continue
		}
		out = append(out, r)
	}
	return out, nil
}
