package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/baseline"
	"github.com/racecheck/racecheck/internal/config"
	"github.com/racecheck/racecheck/internal/engine"
	"github.com/racecheck/racecheck/internal/report"
	"github.com/racecheck/racecheck/internal/resultcache"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/suppress"
)

const scanUsage = `Usage: racecheck scan [flags] [paths...]

Analyses the JavaScript and TypeScript files under paths (default .) and
reports concurrency bugs. Directories are walked honouring .gitignore and
skipping node_modules, .git, dist, build, coverage, .next and out; a file
named explicitly is always scanned. Files the project's ESLint configuration
ignores (.eslintignore, an eslint.config.* file's global ignores) are read
for what other files import from them, and not checked.

Configuration comes from racecheck.json (or .racecheckrc.json), found in the
first path's directory or a parent up to the repository root, or from
--config; flags override it.

Reports: --format picks the main report (text, json, sarif, github, html),
--output sends it to a file; --report FORMAT=FILE adds more reports from the
same run (repeatable), e.g.
  racecheck scan --report sarif=racecheck.sarif --report html=racecheck.html

Suppressions: '// racecheck-ignore-next-line RULE[, RULE...] -- reason' on the
line before a finding, '/* racecheck-ignore-file RULE -- reason */' for a file.

Exit status: 0 no finding at or above --fail-on, 1 findings at or above it,
2 usage, configuration or internal error.

Flags:
`

// scanFlags are the parsed flags of `racecheck scan`.
type scanFlags struct {
	cache         bool
	cacheLocation string
	format        string
	output        string
	reports       reportList
	failOn        string
	rules         string
	disable       string
	configFile    string
	noConfig      bool
	baseline      string
	writeBaseline string
	reportUnused  bool
	jobs          int
	noColor       bool
	noProgress    bool
	quiet         bool
	maxWarnings   int
	stdinName     string
	printConfig   string
	changedSince  string
	verbose       bool
	emitProbes    string
}

// output is one report to write; file "" is standard output.
type output struct {
	format, file string
}

// reportList is the repeatable --report flag.
type reportList []output

func (l *reportList) String() string {
	var parts []string
	for _, o := range *l {
		parts = append(parts, o.format+"="+o.file)
	}
	return strings.Join(parts, ",")
}

func (l *reportList) Set(v string) error {
	format, file, _ := strings.Cut(v, "=")
	if file == "-" {
		file = ""
	}
	if !validFormat(format) {
		return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(report.Formats, ", "))
	}
	*l = append(*l, output{format, file})
	return nil
}

func validFormat(f string) bool {
	for _, x := range report.Formats {
		if f == x {
			return true
		}
	}
	return false
}

func scanCmd(args []string, env Env) int {
	var sf scanFlags
	fs := flag.NewFlagSet("scan", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.StringVar(&sf.format, "format", "text", "report `format`: text, json, sarif, github or html")
	fs.StringVar(&sf.output, "output", "", "write the report to `FILE` instead of standard output")
	fs.Var(&sf.reports, "report", "also write a `FORMAT[=FILE]` report; repeatable (no FILE, or -, means standard output)")
	fs.StringVar(&sf.failOn, "fail-on", "medium", "lowest `severity` that fails the run: high, medium, low or never")
	fs.StringVar(&sf.rules, "rules", "", "run only these comma-separated rule `ids`")
	fs.StringVar(&sf.disable, "disable", "", "do not run these comma-separated rule `ids`")
	fs.StringVar(&sf.configFile, "config", "", "read the configuration from `FILE` instead of looking for racecheck.json")
	fs.BoolVar(&sf.noConfig, "no-config", false, "ignore configuration files")
	fs.StringVar(&sf.baseline, "baseline", "", "report and fail only on findings not in the baseline `FILE`")
	fs.StringVar(&sf.writeBaseline, "write-baseline", "", "record this run's findings in the baseline `FILE` (they are then accepted)")
	fs.BoolVar(&sf.reportUnused, "report-unused-suppressions", false, "report suppression comments that silenced nothing (as unused-suppression)")
	fs.IntVar(&sf.jobs, "jobs", runtime.NumCPU(), "files analysed in parallel")
	fs.BoolVar(&sf.noColor, "no-color", false, "never colour the text report (NO_COLOR is honoured too)")
	fs.BoolVar(&sf.noProgress, "no-progress", false, "never show progress on a terminal")
	fs.BoolVar(&sf.quiet, "quiet", false, "report only findings at or above --fail-on")
	fs.BoolVar(&sf.verbose, "verbose", false, "also list the skipped files (minified, type declarations, too large) in the text report")
	fs.StringVar(&sf.changedSince, "changed-since", "", "report only findings in files changed since the git revision `REV` (committed, staged, unstaged or new)")
	fs.StringVar(&sf.printConfig, "print-config", "", "print the configuration that applies to `FILE` as JSON, and scan nothing")
	fs.StringVar(&sf.stdinName, "stdin-filename", "", "analyse source read from standard input, named `FILE` (its extension picks the language)")
	fs.BoolVar(&sf.cache, "cache", false, "reuse the last result when nothing it depends on changed (any change means a full scan)")
	fs.StringVar(&sf.cacheLocation, "cache-location", resultcache.DefaultLocation, "the cache `FILE` (a directory means FILE/"+resultcache.DefaultLocation+")")
	fs.StringVar(&sf.emitProbes, "emit-probes", "", "write a probe scenario for each finding in an HTTP route handler into `DIR`")
	fs.IntVar(&sf.maxWarnings, "max-warnings", -1, "fail when more than `N` findings below --fail-on remain (-1: no limit)")
	fs.Usage = func() {
		fmt.Fprint(env.Stderr, scanUsage)
		fs.PrintDefaults()
	}
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		return usageErr(err)
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if len(paths) == 0 {
		paths = []string{"."}
	}
	if sf.printConfig != "" {
		if len(paths) > 1 || paths[0] != "." {
			return fail(env, fmt.Errorf("--print-config FILE prints the configuration of one file: give no paths with it"))
		}
		paths = []string{sf.printConfig} // the configuration nearest to the file
	}
	if !validFormat(sf.format) {
		return fail(env, fmt.Errorf("unknown --format %q (want %s)", sf.format, strings.Join(report.Formats, ", ")))
	}
	if sf.jobs < 1 {
		return fail(env, fmt.Errorf("--jobs must be at least 1"))
	}
	outputs := append([]output{{sf.format, sf.output}}, sf.reports...)
	if err := checkOutputs(outputs); err != nil {
		return fail(env, err)
	}

	// Configuration: flags override the file, the file overrides defaults.
	cfg, err := loadConfig(sf, paths)
	if err != nil {
		return fail(env, err)
	}
	failOnWord := sf.failOn
	if !set["fail-on"] && cfg != nil && cfg.FailOn != "" {
		failOnWord = cfg.FailOn
	}
	failOn, err := parseFailOn(failOnWord)
	if err != nil {
		return fail(env, err)
	}
	sel, err := selectRules(sf.rules, sf.disable, cfg)
	if err != nil {
		return fail(env, err)
	}
	reportUnused := sf.reportUnused
	if !set["report-unused-suppressions"] && cfg != nil && cfg.ReportUnusedSuppressions != nil {
		reportUnused = *cfg.ReportUnusedSuppressions
	}
	if !reportUnused {
		sel.unused = nil
	}
	baselineFile := sf.baseline
	if baselineFile == "" && cfg != nil {
		baselineFile = cfg.BaselinePath()
	}
	var base *baseline.Baseline
	if baselineFile != "" && sf.writeBaseline == "" {
		if base, err = baseline.Read(baselineFile); err != nil {
			return fail(env, err)
		}
	}

	if sf.printConfig != "" {
		return printConfig(env, sf.printConfig, cfg, failOnWord, sel)
	}
	// Discovered configuration: the nearest racecheck.json applies to each
	// file, so every rule the flags allow runs, and each file's findings
	// are then filtered by its own configuration (nearestConfigs).
	perFile := !sf.noConfig && sf.configFile == "" && sf.stdinName == ""
	runRules := sel.run
	if perFile {
		flagSel, err := selectRules(sf.rules, sf.disable, nil)
		if err != nil {
			return fail(env, err)
		}
		runRules = flagSel.run
		sel.all = unionRules(sel.all, flagSel.run)
	}
	opts := engine.Options{Paths: paths, Jobs: sf.jobs, Rules: runRules}
	configs := newCascade()
	if perFile {
		// Each file's rules run with the options of its own configuration.
		opts.RuleOptions = configs.ruleOptions
	}
	// The project's root: the configuration's directory when it holds the
	// scanned paths, else the enclosing repository or the paths' directory.
	root := config.ProjectRoot(paths...)
	if cfg != nil && (root == cfg.Dir || strings.HasPrefix(root, strings.TrimSuffix(cfg.Dir, "/")+"/")) {
		root = cfg.Dir
	}
	opts.Tests, opts.SingleProcess = config.Matchers(cfg, root)
	opts.NoScripts = cfg != nil && cfg.OneShotScripts != nil && !*cfg.OneShotScripts
	if cfg != nil && len(cfg.Ignore) > 0 {
		opts.Exclude = cfg.Ignored
	}
	if cfg != nil {
		for _, m := range cfg.Models {
			opts.Wrappers = append(opts.Wrappers, sem.Wrapper{Module: m.Module, Export: m.Export, Kind: m.Kind, Dir: cfg.Dir})
		}
	}
	var prog *progress
	if !sf.noProgress && env.IsTerminal(env.Stderr) {
		prog = startProgress(env.Stderr, time.Second)
		opts.Progress = prog.update
	}
	if env.Getenv("GOGC") == "" && env.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(scanGCPercent)
		opts.RuleGCPercent = ruleGCPercent
	}
	var res *engine.Result
	if sf.stdinName != "" {
		// One file given on standard input: analysed alone, reported
		// under its name.
		if len(paths) > 1 || paths[0] != "." {
			return fail(env, fmt.Errorf("--stdin-filename reads the source from standard input: give no paths with it"))
		}
		src, rerr := io.ReadAll(env.Stdin)
		if rerr != nil {
			return fail(env, fmt.Errorf("reading standard input: %v", rerr))
		}
		res, err = engine.RunSource(filepath.ToSlash(sf.stdinName), src, sel.run), nil
	} else if sf.cache {
		res, err = cachedRun(env, sf, opts, runRules)
	} else {
		res, err = engine.Run(opts)
	}
	if prog != nil {
		prog.finish()
	}
	if err != nil {
		return fail(env, err)
	}

	// Suppression comments, then the baseline.
	ran := map[string]bool{}
	for _, r := range sel.run {
		ran[r.ID] = true
	}
	if perFile {
		if res.Findings, err = nearestConfigs(res.Findings, sf.rules, paths, configs); err != nil {
			return fail(env, err)
		}
	}
	sup := suppress.Apply(res.Findings, res.Sources, suppress.Options{Known: knownIDs(), Ran: ran, Invalid: sel.invalid, Unused: sel.unused})
	res.Findings = sup.Findings
	ro := report.Options{
		Verbose:    sf.verbose,
		FailOn:     failOn,
		Version:    Version,
		Rules:      sel.all,
		Suppressed: sup.Suppressed,
		Paths:      paths,
	}
	for _, o := range outputs {
		if o.format == "html" || o.format == "sarif" { // they name the commit and the repository's top
			ro.Commit, ro.RepoRoot = report.GitRevision(root)
			break
		}
	}
	if cwd, err := os.Getwd(); err == nil {
		ro.Root = filepath.ToSlash(cwd)
	}
	switch {
	case sf.writeBaseline != "":
		keys := baselineKeys(res, sf.writeBaseline)
		items := make([]baseline.Item, len(keys))
		for i, k := range keys {
			items[i] = baseline.Item{Key: k, Message: res.Findings[i].Message}
		}
		b := baseline.New(items)
		if err := b.Write(sf.writeBaseline); err != nil {
			return fail(env, fmt.Errorf("writing the baseline: %v", err))
		}
		ro.Baseline = &report.BaselineInfo{File: sf.writeBaseline, Accepted: len(res.Findings), Written: true}
		res.Findings = nil
	case base != nil:
		isNew, fixed := base.Match(baselineKeys(res, baselineFile))
		kept := res.Findings[:0]
		for i, f := range res.Findings {
			if isNew[i] {
				kept = append(kept, f)
			}
		}
		ro.Baseline = &report.BaselineInfo{File: baselineFile, Accepted: len(res.Findings) - len(kept), Fixed: fixed}
		res.Findings = kept
	}

	if sf.changedSince != "" {
		changed, err := changedFiles(sf.changedSince)
		if err != nil {
			return fail(env, err)
		}
		kept := res.Findings[:0]
		for _, f := range res.Findings {
			if abs, err := filepath.Abs(f.File); err == nil && changed[filepath.ToSlash(abs)] {
				kept = append(kept, f)
			}
		}
		res.Findings = kept
	}
	// Findings below --fail-on are warnings, in ESLint's terms.
	warnings := 0
	for _, f := range res.Findings {
		if !report.Failed([]analysis.Finding{f}, failOn) {
			warnings++
		}
	}
	if sf.quiet {
		kept := res.Findings[:0]
		for _, f := range res.Findings {
			if report.Failed([]analysis.Finding{f}, failOn) {
				kept = append(kept, f)
			}
		}
		res.Findings = kept
	}
	if sf.emitProbes != "" {
		if err := emitProbes(env, sf.emitProbes, res.Findings); err != nil {
			return fail(env, err)
		}
	}
	if code := writeOutputs(env, outputs, res, ro, sf.noColor); code != ExitPass {
		return code
	}
	switch {
	case res.InternalError():
		fmt.Fprintln(env.Stderr, "racecheck: an internal error happened; the report lists it under errors")
		return ExitError
	case res.Files == 0 && len(res.Errors) > 0:
		fmt.Fprintf(env.Stderr, "racecheck: no file could be analysed: %d could not be read or parsed (the report lists them under errors)\n", len(res.Errors))
		return ExitError
	case res.Files == 0:
		fmt.Fprintf(env.Stderr, "racecheck: no JavaScript or TypeScript file to analyse under %s (%d skipped); name the folders that hold the code\n", strings.Join(paths, " "), len(res.Skipped))
		return ExitError
	case report.Failed(res.Findings, failOn):
		return ExitFail
	case sf.maxWarnings >= 0 && warnings > sf.maxWarnings:
		fmt.Fprintf(env.Stderr, "racecheck: %d findings below --fail-on %s, more than --max-warnings %d allows\n", warnings, sf.failOn, sf.maxWarnings)
		return ExitFail
	}
	return ExitPass
}

// checkOutputs allows at most one report on standard output.
func checkOutputs(outs []output) error {
	stdout := 0
	files := map[string]bool{}
	for _, o := range outs {
		if o.file == "" {
			stdout++
			continue
		}
		abs, err := filepath.Abs(o.file)
		if err != nil {
			return err
		}
		if files[abs] {
			return fmt.Errorf("two reports would be written to %s", o.file)
		}
		files[abs] = true
	}
	if stdout > 1 {
		return fmt.Errorf("two reports would go to standard output; give each --report a file (--report FORMAT=FILE), or send the main report to one with --output")
	}
	return nil
}

// writeOutputs writes every report; the summary goes to standard error when
// the main report goes to a file.
func writeOutputs(env Env, outs []output, res *engine.Result, ro report.Options, noColor bool) int {
	for _, o := range outs {
		opts := ro
		var err error
		if o.file == "" {
			opts.Color = o.format == "text" && !noColor && env.Getenv("NO_COLOR") == "" && env.IsTerminal(env.Stdout)
			opts.Width = report.Width(env.Stdout, env.IsTerminal(env.Stdout), env.Getenv)
			err = report.Write(o.format, env.Stdout, res, opts)
		} else {
			var buf bytes.Buffer
			if err = report.Write(o.format, &buf, res, opts); err == nil {
				err = os.WriteFile(o.file, buf.Bytes(), 0o644)
			}
		}
		if err != nil {
			fmt.Fprintf(env.Stderr, "racecheck: writing the %s report: %v\n", o.format, unwrapPathErr(err))
			return ExitError
		}
	}
	if outs[0].file != "" {
		fmt.Fprintln(env.Stderr, report.Summary(res, ro, func(_, s string) string { return s }))
	}
	return ExitPass
}

func unwrapPathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %v", pe.Path, pe.Err)
	}
	return err
}

// baselineKeys identifies the findings for a baseline stored at file: paths
// are relative to the baseline's directory.
func baselineKeys(res *engine.Result, file string) []baseline.Key {
	dir, err := filepath.Abs(filepath.Dir(file))
	if err != nil {
		dir = filepath.Dir(file)
	}
	keys := make([]baseline.Key, len(res.Findings))
	for i, f := range res.Findings {
		path := f.File
		if abs, err := filepath.Abs(f.File); err == nil {
			if rel, err := filepath.Rel(dir, abs); err == nil {
				path = rel
			}
		}
		keys[i] = baseline.Key{
			File:        filepath.ToSlash(path),
			Rule:        f.Rule,
			Fingerprint: report.ContextHash(f.Rule, res.Sources[f.File], f.Line),
		}
	}
	return keys
}

func loadConfig(sf scanFlags, paths []string) (*config.Config, error) {
	if sf.configFile != "" {
		if sf.noConfig {
			return nil, fmt.Errorf("--config and --no-config contradict each other")
		}
		return config.Load(sf.configFile, knownIDs())
	}
	if sf.noConfig {
		return nil, nil
	}
	name, err := config.Find(paths[0])
	if err != nil || name == "" {
		return nil, err
	}
	return config.Load(name, knownIDs())
}

// A scan keeps every file's tree and model until the rules have run, and
// the rules' cross-file caches beside them: about 5 bytes of heap per byte
// of source, all of it live until the end. The collector's default lets the
// heap grow to twice what is live before it runs; half of that headroom
// while parsing keeps the peak a quarter lower for a few percent more
// collection, and, unlike a fixed memory limit, the cost stays
// proportional to the code base. The rules then allocate little beyond
// what is live, so while they run a headroom of 20% costs a few
// collections and keeps the peak near what is live (on medusa: peak RSS
// 149 MiB against 170 MiB, for 9% more CPU time). GOGC or GOMEMLIMIT,
// when set, win.
const (
	scanGCPercent = 50
	ruleGCPercent = 20
)

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

// allRules are the registered rules and the built-in suppression rules,
// sorted by id.
func allRules() []*analysis.Rule {
	out := append(analysis.Rules(), suppress.Rules()...)
	sortRules(out)
	return out
}

func lookupRule(id string) (*analysis.Rule, bool) {
	for _, r := range allRules() {
		if r.ID == id {
			return r, true
		}
	}
	return nil, false
}

func knownIDs() []string {
	var ids []string
	for _, r := range allRules() {
		ids = append(ids, r.ID)
	}
	return ids
}

// selection is the configured rule set of a run.
type selection struct {
	run             []*analysis.Rule // for the engine
	invalid, unused *analysis.Rule   // the suppression rules, nil when off
	all             []*analysis.Rule // everything enabled, for reports
}

// selectRules applies the configuration's rule settings, then --rules and
// --disable (flags win: --rules names rules to run even if the file turns
// them off).
func selectRules(only, disable string, cfg *config.Config) (selection, error) {
	pick := func(flagName, list string) (map[string]bool, error) {
		set := map[string]bool{}
		for _, id := range strings.Split(list, ",") {
			id = strings.TrimSpace(id)
			if id == "" {
				continue
			}
			if _, ok := lookupRule(id); !ok {
				return nil, fmt.Errorf("--%s: unknown rule %q%s", flagName, id, suggest(id))
			}
			set[id] = true
		}
		return set, nil
	}
	onlySet, err := pick("rules", only)
	if err != nil {
		return selection{}, err
	}
	offSet, err := pick("disable", disable)
	if err != nil {
		return selection{}, err
	}
	var sel selection
	for _, r := range allRules() {
		var s config.RuleSetting
		if cfg != nil {
			s = cfg.Rules[r.ID]
		}
		on := !s.Off
		if len(onlySet) > 0 {
			on = onlySet[r.ID]
		}
		if !on || offSet[r.ID] {
			continue
		}
		r = configured(r, s)
		sel.all = append(sel.all, r)
		switch r.ID {
		case suppress.InvalidID:
			sel.invalid = r
		case suppress.UnusedID:
			sel.unused = r
		default:
			sel.run = append(sel.run, r)
		}
	}
	return sel, nil
}

// configured returns r with the severity and options of its setting: a copy
// when anything changes, so the registered rule is never modified.
func configured(r *analysis.Rule, s config.RuleSetting) *analysis.Rule {
	if s.Severity == 0 && s.Options == nil {
		return r
	}
	c := *r
	if s.Severity != 0 {
		c.Severity = s.Severity
	}
	if s.Options != nil && r.Run != nil {
		run, options := r.Run, s.Options
		c.Run = func(p *analysis.Pass) {
			p.Options = options
			run(p)
		}
	}
	return &c
}

// printConfig prints what applies to one file: the configuration file
// found, the severity that fails the run, the rules that run with their
// severities, and whether the file is a test, single-process or ignored.
func printConfig(env Env, file string, cfg *config.Config, failOn string, sel selection) int {
	abs, err := filepath.Abs(file)
	if err != nil {
		return fail(env, err)
	}
	abs = filepath.ToSlash(abs)
	root := config.ProjectRoot(file)
	if cfg != nil && (root == cfg.Dir || strings.HasPrefix(root, strings.TrimSuffix(cfg.Dir, "/")+"/")) {
		root = cfg.Dir
	}
	tests, single := config.Matchers(cfg, root)
	type ruleOut struct {
		ID       string `json:"id"`
		Severity string `json:"severity"`
	}
	out := struct {
		File          string    `json:"file"`
		Config        string    `json:"config"`
		ProjectRoot   string    `json:"projectRoot"`
		FailOn        string    `json:"failOn"`
		Test          bool      `json:"test"`
		SingleProcess bool      `json:"singleProcess"`
		Ignored       bool      `json:"ignored"`
		Rules         []ruleOut `json:"rules"`
	}{File: file, ProjectRoot: root, FailOn: failOn, Test: tests(abs), SingleProcess: single(abs), Rules: []ruleOut{}}
	if cfg != nil {
		out.Config = cfg.Path
		out.Ignored = cfg.Ignored(abs)
	}
	for _, r := range sel.all {
		out.Rules = append(out.Rules, ruleOut{r.ID, r.Severity.String()})
	}
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fail(env, err)
	}
	return ExitPass
}

// changedFiles returns the absolute, slash-separated paths of the files
// that differ from git revision rev in the repository around the working
// directory: committed since, staged, unstaged, and new untracked files
// (not ignored ones).
func changedFiles(rev string) (map[string]bool, error) {
	git := func(args ...string) (string, error) {
		out, err := exec.Command("git", args...).Output()
		if err != nil {
			msg := err.Error()
			var ee *exec.ExitError
			if errors.As(err, &ee) && len(ee.Stderr) > 0 {
				msg = strings.TrimSpace(string(ee.Stderr))
			}
			return "", fmt.Errorf("--changed-since %s: git %s: %s", rev, args[0], msg)
		}
		return string(out), nil
	}
	top, err := git("rev-parse", "--show-toplevel")
	if err != nil {
		return nil, err
	}
	top = strings.TrimSpace(top)
	if _, err := git("rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return nil, fmt.Errorf("--changed-since %s: not a revision of this repository", rev)
	}
	diff, err := git("diff", "--name-only", "--no-renames", rev, "--")
	if err != nil {
		return nil, err
	}
	untracked, err := git("ls-files", "--others", "--exclude-standard", "--full-name", "--", top)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, name := range strings.Split(diff+"\n"+untracked, "\n") {
		if name = strings.TrimSpace(name); name != "" {
			out[filepath.ToSlash(filepath.Join(top, name))] = true
		}
	}
	return out, nil
}

// nearestConfigs applies to each finding the configuration nearest to its
// file (racecheck.json found from the file's directory upwards), as
// ESLint's cascading configuration does: rules turned off there are
// dropped (unless --rules names them), severities are set, and files that
// configuration ignores (unless named on the command line), or treats as
// tests or single-process, lose their findings. The "models" of a nested
// configuration are not applied.
func nearestConfigs(findings []analysis.Finding, only string, paths []string, configs *cascade) ([]analysis.Finding, error) {
	named := map[string]bool{}
	for _, id := range strings.Split(only, ",") {
		named[strings.TrimSpace(id)] = true
	}
	explicit := map[string]bool{}
	for _, p := range paths {
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			if abs, err := filepath.Abs(p); err == nil {
				explicit[filepath.ToSlash(abs)] = true
			}
		}
	}
	kept := findings[:0]
	for _, f := range findings {
		abs, err := filepath.Abs(f.File)
		if err != nil {
			kept = append(kept, f)
			continue
		}
		l, err := configs.nearest(abs)
		if err != nil {
			return nil, err
		}
		if l.cfg != nil {
			slash := filepath.ToSlash(abs)
			s := l.cfg.Rules[f.Rule]
			ignored := l.cfg.Ignored(slash) && !explicit[slash]
			if s.Off && !named[f.Rule] || ignored || l.tests(slash) || l.single(slash) {
				continue
			}
			if s.Severity != 0 {
				f.Severity = s.Severity
			}
		}
		kept = append(kept, f)
	}
	return kept, nil
}

// cascade finds the configuration nearest to a file (racecheck.json found
// from the file's directory upwards), loading each configuration file
// once. It is safe for concurrent use: the rules ask it for their options
// from the engine's workers.
type cascade struct {
	mu     sync.Mutex
	byDir  map[string]*loaded
	byFile map[string]*loaded
}

// loaded is one configuration file (cfg nil: none applies) with its
// matchers.
type loaded struct {
	cfg           *config.Config
	tests, single func(string) bool
}

func newCascade() *cascade {
	return &cascade{byDir: map[string]*loaded{}, byFile: map[string]*loaded{}}
}

func (c *cascade) nearest(abs string) (*loaded, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	dir := filepath.Dir(filepath.FromSlash(abs))
	if l, ok := c.byDir[dir]; ok {
		return l, nil
	}
	name, err := config.Find(dir)
	if err != nil {
		return nil, err
	}
	l, ok := c.byFile[name]
	if !ok {
		l = &loaded{}
		if name != "" {
			if l.cfg, err = config.Load(name, knownIDs()); err != nil {
				return nil, err
			}
			l.tests, l.single = config.Matchers(l.cfg, l.cfg.Dir)
		}
		c.byFile[name] = l
	}
	c.byDir[dir] = l
	return l, nil
}

// ruleOptions gives a rule's options for a file from the configuration
// nearest to it; nil when none applies. A configuration that fails to
// load gives none here: nearestConfigs reports it.
func (c *cascade) ruleOptions(abs, rule string) map[string]any {
	l, err := c.nearest(abs)
	if err != nil || l.cfg == nil {
		return nil
	}
	return l.cfg.Rules[rule].Options
}

// unionRules adds to rules those of more that it lacks (by id).
func unionRules(rules, more []*analysis.Rule) []*analysis.Rule {
	have := map[string]bool{}
	for _, r := range rules {
		have[r.ID] = true
	}
	for _, r := range more {
		if !have[r.ID] {
			rules = append(rules, r)
			have[r.ID] = true
		}
	}
	return rules
}

// cachedRun is engine.Run through the result cache (resultcache.Scan): a
// scan whose inputs are all unchanged since the cached one returns its
// result without parsing, a scan where only sources changed checks only
// what the change can affect, and any other scan runs in full; each
// replaces the cache. A cache that cannot be written is reported and does
// not fail the scan.
func cachedRun(env Env, sf scanFlags, opts engine.Options, rules []*analysis.Rule) (*engine.Result, error) {
	start := time.Now()
	location := sf.cacheLocation
	if info, err := os.Stat(location); err == nil && info.IsDir() {
		location = filepath.Join(location, resultcache.DefaultLocation)
	}
	cwd, _ := os.Getwd()
	ids := make([]string, len(rules))
	for i, r := range rules {
		ids[i] = r.ID + "=" + r.Severity.String()
	}
	sort.Strings(ids)
	paths := make([]string, len(opts.Paths))
	for i, p := range opts.Paths {
		paths[i], _ = filepath.Abs(p)
	}
	configHash := ""
	if sf.configFile != "" {
		if data, err := os.ReadFile(sf.configFile); err == nil {
			configHash = fmt.Sprintf("%x", sha256.Sum256(data))
		}
	}
	key := resultcache.Key(Version, "cwd="+cwd, "paths="+strings.Join(paths, "\x00"), "rules="+strings.Join(ids, ","),
		"config="+sf.configFile+"@"+configHash, fmt.Sprintf("no-config=%v", sf.noConfig))
	res, out, err := resultcache.Scan(location, key, opts)
	if err != nil {
		return nil, err
	}
	if out.StoreErr != nil {
		fmt.Fprintf(env.Stderr, "racecheck: the result could not be cached: %v\n", out.StoreErr)
	}
	if out.Hit {
		res.Duration = time.Since(start)
	}
	return res, nil
}
