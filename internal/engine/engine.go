// Package engine runs a scan: discover files, parse them, build the
// semantic model of each, index the project, run the rules, and collect the
// findings. Data flows one way through these stages; a failure in one file
// or rule is recorded and never stops the others.
package engine

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/discover"
	"github.com/racecheck/racecheck/internal/parse"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/syntax"
)

// Options configure a scan.
type Options struct {
	Paths  []string
	Jobs   int              // parallel workers; 0 means one per core
	Rules  []*analysis.Rule // rules to run; nil means all
	Ignore []string         // extra gitignore-style patterns
	// Progress, if set, is called from worker goroutines after each file is
	// parsed, with the number done and the total.
	Progress func(done, total int)
	// Exclude, if set, is asked about each file found by walking a
	// directory (never about a file named explicitly), with its absolute
	// slash-separated path; a file it reports true for is not scanned.
	Exclude func(abs string) bool
	// SingleProcess, if set, is asked about each file with its absolute
	// slash-separated path: true marks code that does not run concurrently
	// with copies of itself (sem.File.SingleProcess), which the rules about
	// races between requests or processes leave alone.
	SingleProcess func(abs string) bool
	// NoScripts turns off the inference of one-shot commands from
	// package.json (sem.File.OneShot): only SingleProcess and tests
	// count as single-process.
	NoScripts bool
	// Tests, if set, is asked about each file likewise: test files are
	// indexed (their imports and exports still count) but no rule checks
	// them.
	Tests func(abs string) bool
	// Wrappers are the project's data-access wrappers, as configured.
	Wrappers []sem.Wrapper
	// Overlay maps absolute, slash-separated paths to contents used
	// instead of the files on disk (an editor's unsaved documents), and
	// not modified afterwards. Only files that discovery finds on disk are
	// scanned.
	Overlay map[string][]byte
	// Cache, if set, keeps parsed files between runs that share it: a
	// file whose content has not changed is not parsed again.
	Cache *Cache
	// RuleOptions, if set, gives the options of a rule for the file at
	// abs (absolute, slash-separated), as the configuration nearest to
	// the file sets them; nil keeps what the rule's own Run sets.
	RuleOptions func(abs, rule string) map[string]any
	// Check, if set, is asked about each scanned file with its absolute
	// slash-separated path: only the files it reports true for are checked
	// by the rules; the others are still indexed.
	Check func(abs string) bool
	// Deps, if set, records what the analysis of each file consults (see
	// sem.Deps), and Result.Facts is filled in.
	Deps *sem.Deps
	// Plan, if set, is called with the project once it is indexed, before
	// any rule runs, and returns the Check to use (nil: every file).
	Plan func(*sem.Project) func(abs string) bool
	// RuleGCPercent, if positive, is the collector's GOGC while the rules
	// run (debug.SetGCPercent; the earlier one is restored after them).
	// The rules allocate little beyond the trees and models already live,
	// so a low value keeps the peak near what is live for a few more
	// collections.
	RuleGCPercent int
}

// Facts are what a later scan needs to tell which files a change can
// affect: what each file's analysis consulted, the value of each fact it
// consulted, and for every file the files it imports. Paths are absolute
// and slash-separated.
type Facts struct {
	Consulted map[string][]string // sem.Deps.Edges
	Values    map[string]string   // fact node -> sem.Project.FactValue
	Imports   map[string][]string // every project file -> the project files it imports
}

// Error is a file that could not be scanned, or an internal error.
type Error struct {
	File     string `json:"file"`
	Message  string `json:"message"`
	Internal bool   `json:"-"` // a bug in racecheck, not in the input
}

// Result is the outcome of a scan.
type Result struct {
	Findings []analysis.Finding
	Errors   []Error
	Skipped  []discover.Skip
	Files    int // files scanned
	// SingleProcess counts the files treated as single-process, Tests the
	// test files no rule checked.
	SingleProcess, Tests int
	// LintIgnored counts the files the project's ESLint configuration
	// ignores: indexed, not checked (discover.File.LintIgnored).
	LintIgnored int
	Bytes       int64 // their total size
	Duration    time.Duration
	// Sources maps a finding's file to its parsed tree, for code frames.
	Sources map[string]*syntax.Tree
	// Discovered are the files the walk of the paths found, absolute and
	// slash-separated, sorted: the files scanned, the files skipped and the
	// database schemas (see Discover).
	Discovered []string
	// Outside are the files of workspace packages outside the paths that
	// were indexed, absolute and slash-separated, sorted.
	Outside []string
	// Checked is the number of files the rules ran on.
	Checked int
	// Facts are set when Options.Deps is.
	Facts *Facts
}

// InternalError reports whether any error was a bug in racecheck.
func (r *Result) InternalError() bool {
	for _, e := range r.Errors {
		if e.Internal {
			return true
		}
	}
	return false
}

// Run scans. The error is for unusable options (a path that does not
// exist); everything else is reported in the Result.
func Run(opts Options) (*Result, error) {
	start := time.Now()
	rules := opts.Rules
	if rules == nil {
		rules = analysis.Rules()
	}
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}

	// Discovery and parsing overlap: files are parsed as the walk finds them.
	queue := make(chan discover.File, 1024)
	var found *discover.Result
	var walkErr error
	var seen atomic.Int64
	var queued []string // written by the walking goroutine until it closes queue
	go func() {
		defer close(queue)
		found, walkErr = walk(opts, func(f discover.File) {
			seen.Add(1)
			queued = append(queued, f.Abs)
			queue <- f
		})
	}()
	in := inputs{opts.Overlay, opts.Cache.begin()}
	files, skipped, errs := parseStream(queue, func() int { return int(seen.Load()) }, jobs, opts.Progress, in)
	if walkErr != nil {
		return nil, walkErr
	}
	res := &Result{Skipped: found.Skipped, Discovered: discovered(found, queued)}
	for _, p := range found.Problems {
		res.Errors = append(res.Errors, Error{File: p.Path, Message: p.Message})
	}
	res.Skipped = append(res.Skipped, skipped...)
	res.Errors = append(res.Errors, errs...)
	res.Files = len(files)
	for _, f := range files {
		res.Bytes += int64(len(f.Tree.Src))
		switch {
		case opts.Tests != nil && opts.Tests(f.Abs):
			f.Test, f.SingleProcess = true, true
			res.Tests++
		case opts.SingleProcess != nil && opts.SingleProcess(f.Abs):
			f.SingleProcess = true
			res.SingleProcess++
		}
		if f.LintIgnored && !f.Test {
			res.LintIgnored++
		}
	}

	outside := outsideFiles(opts, files, jobs)
	for _, f := range outside {
		res.Outside = append(res.Outside, f.Abs)
	}
	sort.Strings(res.Outside)
	indexed := append(files, outside...)
	abs := make([]string, len(indexed))
	for i, f := range indexed {
		abs[i] = f.Abs
	}
	markRuntimes(indexed)
	project := sem.NewRecordedProject(indexed, LoadAliases(opts.Paths, abs...), opts.Deps)
	project.SetWrappers(opts.Wrappers)
	project.SetSchema(LoadSchema(opts.Paths, found.Schemas))
	if !opts.NoScripts {
		project.SetScriptEntries(scriptEntries(abs))
	}
	check := opts.Check
	if opts.Plan != nil {
		check = opts.Plan(project)
	}
	if opts.RuleGCPercent > 0 {
		defer debug.SetGCPercent(debug.SetGCPercent(opts.RuleGCPercent))
	}
	res.Findings, res.Checked, errs = runRules(project, rules, jobs, check, opts.RuleOptions)
	for _, f := range files {
		if !f.SingleProcess && f.OneShot() {
			res.SingleProcess++
		}
	}
	res.Errors = append(res.Errors, errs...)
	if opts.Deps != nil {
		res.Facts = factsOf(project, opts.Deps)
	}

	res.Findings = resolveOverlaps(res.Findings, rules)
	analysis.SortFindings(res.Findings)
	res.Sources = map[string]*syntax.Tree{}
	for _, f := range files {
		res.Sources[f.Path] = f.Tree
	}
	sort.SliceStable(res.Errors, func(i, j int) bool { return res.Errors[i].File < res.Errors[j].File })
	sort.SliceStable(res.Skipped, func(i, j int) bool { return res.Skipped[i].Path < res.Skipped[j].Path })
	in.cache.end()
	res.Duration = time.Since(start)
	return res, nil
}

// walk finds the files to scan under opts.Paths, calling found for each
// one that is not excluded, in walk order.
func walk(opts Options, found func(discover.File)) (*discover.Result, error) {
	return discover.Walk(opts.Paths, discover.Options{Ignore: opts.Ignore, Found: func(f discover.File) {
		if f.Explicit || opts.Exclude == nil || !opts.Exclude(f.Abs) {
			found(f)
		}
	}})
}

// Discover walks opts.Paths as Run does and returns what Run would read
// there: Result.Discovered. A result cache compares it with a cached
// result's to see whether files were added or removed.
func Discover(opts Options) ([]string, error) {
	var queued []string
	found, err := walk(opts, func(f discover.File) { queued = append(queued, f.Abs) })
	if err != nil {
		return nil, err
	}
	return discovered(found, queued), nil
}

// discovered lists the files a walk found to scan, the files it skipped and
// the schemas, absolute and slash-separated, sorted.
func discovered(found *discover.Result, queued []string) []string {
	out := append([]string{}, queued...)
	for _, sk := range found.Skipped {
		if abs, err := filepath.Abs(sk.Path); err == nil {
			out = append(out, filepath.ToSlash(abs))
		}
	}
	out = append(out, found.Schemas...)
	sort.Strings(out)
	return out
}

// outsideFiles parses the files of the workspace packages the scanned
// files import from outside the scanned paths (workspaceDeps), marked
// Outside: indexed, not checked, not counted, and their problems not
// reported.
func outsideFiles(opts Options, files []*sem.File, jobs int) []*sem.File {
	dirs := workspaceDeps(opts.Paths, files)
	if len(dirs) == 0 {
		return nil
	}
	found, err := discover.Walk(dirs, discover.Options{Ignore: opts.Ignore})
	if err != nil {
		return nil
	}
	var in []discover.File
	for _, f := range found.Files {
		if opts.Tests == nil || !opts.Tests(f.Abs) {
			in = append(in, f)
		}
	}
	out, _, _ := parseStream(queueOf(in), func() int { return len(in) }, jobs, nil, inputs{opts.Overlay, opts.Cache})
	for _, f := range out {
		f.Outside, f.SingleProcess = true, true
	}
	return out
}

// parseAll reads and parses files in parallel; the files come back sorted
// by path.
func parseAll(in []discover.File, jobs int, progress func(int, int)) ([]*sem.File, []discover.Skip, []Error) {
	return parseStream(queueOf(in), func() int { return len(in) }, jobs, progress, inputs{})
}

// queueOf returns a closed channel that holds the files.
func queueOf(in []discover.File) <-chan discover.File {
	queue := make(chan discover.File, len(in))
	for _, f := range in {
		queue <- f
	}
	close(queue)
	return queue
}

// parseStream reads and parses the files that arrive on queue, with jobs
// workers each holding its own parser. total
// tells how many files are known so far, for progress. The files come back
// sorted by path, whatever the order they arrived in.
func parseStream(queue <-chan discover.File, total func() int, jobs int, progress func(int, int), in inputs) ([]*sem.File, []discover.Skip, []Error) {
	var mu sync.Mutex
	var files []*sem.File
	var skips []discover.Skip
	var errs []Error
	var done atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := parse.NewParser()
			defer p.Close()
			for df := range queue {
				f, skip, err := loadFile(p, df, in)
				mu.Lock()
				switch {
				case f != nil:
					files = append(files, f)
				case skip != nil:
					skips = append(skips, *skip)
				case err != nil && df.LintIgnored && !err.Internal:
					// Not the project's own code: what keeps it from being
					// read is no problem of the project's.
					skips = append(skips, discover.Skip{Path: df.Path, Reason: "ignored by the project's ESLint configuration, and " + err.Message})
				case err != nil:
					errs = append(errs, *err)
				}
				mu.Unlock()
				if progress != nil {
					progress(int(done.Add(1)), total())
				}
			}
		}()
	}
	wg.Wait()
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, skips, errs
}

// loadFile reads, checks, parses and models one file. Panics are recovered
// into an internal error for the file.
func loadFile(p *parse.Parser, df discover.File, in inputs) (f *sem.File, skip *discover.Skip, e *Error) {
	defer func() {
		if r := recover(); r != nil {
			f, skip = nil, nil
			e = &Error{File: df.Path, Message: fmt.Sprintf("internal error: %v\n%s", r, firstFrames(debug.Stack())), Internal: true}
		}
	}()
	data, tooBig, err := in.read(df.Abs, !df.Explicit)
	if err != nil {
		return nil, nil, &Error{File: df.Path, Message: "cannot read: " + unwrapPath(err)}
	}
	if tooBig {
		return nil, &discover.Skip{Path: df.Path, Reason: fmt.Sprintf("larger than %d KiB", discover.MaxSize>>10)}, nil
	}
	src, problem := checkSource(data)
	if problem != "" {
		return nil, nil, &Error{File: df.Path, Message: problem}
	}
	if !df.Explicit && looksMinified(src) {
		return nil, &discover.Skip{Path: df.Path, Reason: "minified"}, nil
	}
	lang, _ := parse.LangOf(df.Abs)
	tree, lang, err := in.cache.parse(p, df.Abs, src, lang)
	if err != nil {
		return nil, nil, &Error{File: df.Path, Message: err.Error() + "; file skipped"}
	}
	f = sem.NewFile(df.Path, df.Abs, lang != parse.JavaScript, tree)
	f.LintIgnored = df.LintIgnored
	return f, nil, nil
}

// parseWithFallback parses src as lang. A .js file that does not parse as
// JavaScript is often Flow-typed (// @flow): the TSX grammar reads most Flow
// annotations and JSX, so it is tried before giving up. The first error is
// the one reported.
func parseWithFallback(p *parse.Parser, src string, lang parse.Lang) (*syntax.Tree, parse.Lang, error) {
	tree, err := p.Parse(src, lang)
	if err == nil || lang != parse.JavaScript {
		return tree, lang, err
	}
	var se *parse.SyntaxError
	if !errors.As(err, &se) {
		return nil, lang, err
	}
	if t2, err2 := p.Parse(src, parse.TSX); err2 == nil {
		return t2, parse.TSX, nil
	}
	return nil, lang, err
}

// readFile reads a file; when limit is set, a file larger than
// discover.MaxSize is not read and tooBig is reported instead.
func readFile(name string, limit bool) (data []byte, tooBig bool, err error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, false, err
	}
	if info.IsDir() {
		return nil, false, fmt.Errorf("is a directory")
	}
	if limit && info.Size() > discover.MaxSize {
		return nil, true, nil
	}
	data = make([]byte, 0, info.Size()+1)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, false, nil
		}
		if err != nil {
			return nil, false, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}

// checkSource rejects binary and non-UTF-8 input and blanks a byte order mark.
func checkSource(data []byte) (string, string) {
	if len(data) > syntax.MaxSource {
		return "", fmt.Sprintf("too large to scan (%d MiB)", len(data)>>20)
	}
	head := data
	if len(head) > 8000 {
		head = head[:8000]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return "", "binary file (contains NUL bytes); skipped"
	}
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		data = append([]byte("   "), data[3:]...)
	}
	if !utf8.Valid(data) {
		return "", "not valid UTF-8; skipped"
	}
	if len(data) == 0 {
		return "", ""
	}
	// data is never written again: share it instead of copying.
	return unsafe.String(&data[0], len(data)), ""
}

// looksMinified spots bundles and their chunks, whose lines are very long
// on average; a file under 1 KiB is too short to tell.
func looksMinified(src string) bool {
	if len(src) < 1024 {
		return false
	}
	lines := strings.Count(src, "\n") + 1
	return len(src)/lines > 500
}

// factsOf collects the Facts of a scan.
func factsOf(p *sem.Project, deps *sem.Deps) *Facts {
	fs := &Facts{Consulted: deps.Edges(), Values: map[string]string{}, Imports: map[string][]string{}}
	for _, f := range p.Files {
		fs.Imports[f.Abs] = []string{}
		for _, t := range p.ImportTargets(f) {
			fs.Imports[f.Abs] = append(fs.Imports[f.Abs], t.Abs)
		}
	}
	for _, tos := range fs.Consulted {
		for _, t := range tos {
			if _, done := fs.Values[t]; done {
				continue
			}
			if v, ok := p.FactValue(t); ok {
				fs.Values[t] = v
			}
		}
	}
	return fs
}

// runRules runs every rule on every file in parallel; it returns the
// findings, the number of files checked, and the rules' errors.
func runRules(p *sem.Project, rules []*analysis.Rule, jobs int, check func(string) bool, options func(abs, rule string) map[string]any) ([]analysis.Finding, int, []Error) {
	var mu sync.Mutex
	var findings []analysis.Finding
	var errs []Error
	var next atomic.Int64
	var checked atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var local []analysis.Finding
			var localErrs []Error
			for {
				i := int(next.Add(1)) - 1
				if i >= len(p.Files) {
					break
				}
				f := p.Files[i]
				if f.Test || f.Outside || f.LintIgnored || check != nil && !check(f.Abs) {
					continue
				}
				checked.Add(1)
				for _, r := range rules {
					var o map[string]any
					if options != nil && len(r.Options) > 0 {
						// Only a rule that declares options can be given any.
						o = options(f.Abs, r.ID)
					}
					if err := runRule(r, f, p, o, func(fd analysis.Finding) { local = append(local, fd) }); err != nil {
						localErrs = append(localErrs, *err)
					}
				}
			}
			mu.Lock()
			findings = append(findings, local...)
			errs = append(errs, localErrs...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	return findings, int(checked.Load()), errs
}

// runRule runs rule r on file f; options, when not nil, are the rule's
// options for this file.
func runRule(r *analysis.Rule, f *sem.File, p *sem.Project, options map[string]any, report func(analysis.Finding)) (e *Error) {
	defer func() {
		if x := recover(); x != nil {
			e = &Error{File: f.Path, Message: fmt.Sprintf("internal error in rule %s: %v\n%s", r.ID, x, firstFrames(debug.Stack())), Internal: true}
		}
	}()
	pass := analysis.NewPass(r, f, p, report)
	pass.Options = options
	r.Run(pass)
	return nil
}

// resolveOverlaps applies "one bug, one finding": where a rule that
// overrides another reports on a line, the other's finding on that line is
// dropped. Exact duplicates are dropped too.
func resolveOverlaps(fs []analysis.Finding, rules []*analysis.Rule) []analysis.Finding {
	type lineKey struct {
		file string
		line int
		rule string
	}
	onLine := map[lineKey][]*analysis.Finding{}
	for i := range fs {
		f := &fs[i]
		k := lineKey{f.File, f.Line, f.Rule}
		onLine[k] = append(onLine[k], f)
	}
	overriddenBy := map[string][]string{} // rule -> rules that override it
	for _, r := range rules {
		for _, o := range r.Overrides {
			overriddenBy[o] = append(overriddenBy[o], r.ID)
		}
	}
	type dupKey struct {
		file      string
		line, col int
		rule      string
	}
	seen := map[dupKey]bool{}
	out := fs[:0]
	for _, f := range fs {
		k := dupKey{f.File, f.Line, f.Column, f.Rule}
		if seen[k] {
			continue
		}
		drop := false
		for _, by := range overriddenBy[f.Rule] {
			for _, o := range onLine[lineKey{f.File, f.Line, by}] {
				drop = drop || sameCheck(f, *o)
			}
		}
		if drop {
			continue
		}
		seen[k] = true
		out = append(out, f)
	}
	return out
}

// sameCheck reports whether two findings on one line are about the same
// check: they share a related line (the read both say decides the
// write), or one of them names none. Two checks that decide one write (a
// quota and a duplicate-name lookup before one insert) are two bugs.
func sameCheck(a, b analysis.Finding) bool {
	if len(a.Related) == 0 || len(b.Related) == 0 {
		return true
	}
	for _, x := range a.Related {
		for _, y := range b.Related {
			if x.File == y.File && x.Line == y.Line {
				return true
			}
		}
	}
	return false
}

func firstFrames(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	if len(lines) > 16 {
		lines = lines[:16]
	}
	return strings.Join(lines, "\n")
}

func unwrapPath(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// ScanSource analyses one in-memory file as if it were the whole project
// (name decides the language). It is what editors and fuzzing use.
func ScanSource(name string, src []byte, rules []*analysis.Rule) ([]analysis.Finding, []Error) {
	findings, errs, _ := scanSource(name, src, rules)
	return findings, errs
}

// RunSource is ScanSource with a Result, for reports: source given on
// standard input under a file name.
func RunSource(name string, src []byte, rules []*analysis.Rule) *Result {
	start := time.Now()
	findings, errs, tree := scanSource(name, src, rules)
	res := &Result{Findings: findings, Errors: errs, Sources: map[string]*syntax.Tree{}}
	if tree != nil {
		res.Files, res.Bytes = 1, int64(len(src))
		res.Sources[name] = tree
	}
	res.Duration = time.Since(start)
	return res
}

func scanSource(name string, src []byte, rules []*analysis.Rule) ([]analysis.Finding, []Error, *syntax.Tree) {
	if rules == nil {
		rules = analysis.Rules()
	}
	lang, ok := parse.LangOf(name)
	if !ok {
		return nil, []Error{{File: name, Message: "not a JavaScript or TypeScript file"}}, nil
	}
	p := parse.NewParser()
	defer p.Close()
	f, errs := func() (f *sem.File, errs []Error) {
		defer func() {
			if r := recover(); r != nil {
				errs = []Error{{File: name, Message: fmt.Sprintf("internal error: %v\n%s", r, firstFrames(debug.Stack())), Internal: true}}
			}
		}()
		text, problem := checkSource(src)
		if problem != "" {
			return nil, []Error{{File: name, Message: problem}}
		}
		tree, l, err := parseWithFallback(p, text, lang)
		if err != nil {
			return nil, []Error{{File: name, Message: err.Error() + "; file skipped"}}
		}
		return sem.NewFile(name, "/"+strings.TrimPrefix(name, "/"), l != parse.JavaScript, tree), nil
	}()
	if f == nil {
		return nil, errs, nil
	}
	project := sem.NewProject([]*sem.File{f}, nil)
	var findings []analysis.Finding
	for _, r := range rules {
		if err := runRule(r, f, project, nil, func(fd analysis.Finding) { findings = append(findings, fd) }); err != nil {
			errs = append(errs, *err)
		}
	}
	findings = resolveOverlaps(findings, rules)
	analysis.SortFindings(findings)
	return findings, errs, f.Tree
}
