// Package resultcache keeps a scan's result on disk (racecheck scan
// --cache), so that a scan of unchanged code is answered without parsing.
//
// A cached result is used only when everything it was computed from is
// unchanged: racecheck itself (its version and the bytes of its
// executable), the scan's options (the key the caller computes), the set
// of files the walk finds, the content of every file the scan read
// (sources, skipped files, schemas, workspace packages indexed from
// outside the paths) and of every configuration file that could apply to
// them (package.json, tsconfig*.json, jsconfig*.json, pnpm-workspace.yaml,
// racecheck.json and .racecheckrc.json in their directories and every
// directory above).
//
// When only source files changed, the scan parses and indexes the project
// again but runs the rules only on the files whose findings the change can
// affect, and keeps the cached findings of the others. What can be
// affected is read from the facts the last scan recorded (engine.Facts,
// sem.Deps): the files whose analysis consulted, directly or through
// other files and project-wide indexes, a changed file; an index a
// changed file begins to feed (a new route, a new unhandled-rejection
// handler); or the importers of a file the changed file begins to import.
// Any other change (a file added or removed, a configuration file, a
// schema, a file skipped or read from outside the paths) means a full
// scan.
package resultcache

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/discover"
	"github.com/racecheck/racecheck/internal/engine"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/syntax"
)

// format changes whenever the file's layout does.
const format = 3

// DefaultLocation is the cache file used when no location is given.
const DefaultLocation = ".racecheckcache"

// entry is the cache file.
type entry struct {
	Format     int              `json:"format"`
	Key        string           `json:"key"`
	Discovered []string         `json:"discovered"`
	Inputs     map[string]input `json:"inputs"` // by absolute path, or "dir:" + a directory
	Result     stored           `json:"result"`
	Graph      *graph           `json:"graph,omitempty"`
}

// input is what a file's state was: its size and modification time, and
// its content's hash. A file whose size and time are unchanged is taken to
// be unchanged (as git and ESLint do); otherwise its content is hashed
// again, so a file that was only touched still matches.
type input struct {
	Size  int64  `json:"s,omitempty"`
	MTime int64  `json:"t,omitempty"`
	Hash  string `json:"h"`
}

// stored is an engine.Result without its parsed trees: the trees are
// rebuilt from the files' text and their comments' spans.
type stored struct {
	Findings      []analysis.Finding      `json:"findings"`
	Errors        []storedError           `json:"errors"`
	Skipped       []discover.Skip         `json:"skipped"`
	Files         int                     `json:"files"`
	SingleProcess int                     `json:"singleProcess"`
	Tests         int                     `json:"tests"`
	LintIgnored   int                     `json:"lintIgnored"`
	Bytes         int64                   `json:"bytes"`
	Outside       []string                `json:"outside"`
	Sources       map[string]storedSource `json:"sources"`
}

type storedError struct {
	File     string `json:"file"`
	Message  string `json:"message"`
	Internal bool   `json:"internal"`
}

// storedSource is a file whose tree a report or the suppression comments
// need: its absolute path and its comments.
type storedSource struct {
	Abs      string      `json:"abs"`
	Comments [][2]uint32 `json:"comments"`
}

// Key identifies racecheck and a scan's options: the caller passes every
// option that changes the result. It includes racecheck's version and a
// hash of the running executable, so that a rebuilt racecheck never uses
// an old result.
func Key(version string, options ...string) string {
	h := sha256.New()
	io.WriteString(h, "racecheck result cache\x00"+version+"\x00")
	if exe, err := os.Executable(); err == nil {
		if sum, err := hashFile(exe); err == nil {
			io.WriteString(h, sum)
		}
	}
	for _, o := range options {
		io.WriteString(h, "\x00"+o)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Outcome says how Scan answered.
type Outcome struct {
	// Hit is set when the cached result was used as it was: nothing
	// changed.
	Hit bool
	// Checked is the number of files the rules ran on: all of them on a
	// full scan, those a change can affect on an incremental one, none on
	// a hit.
	Checked int
	// Incremental is set when only the files a change can affect were
	// checked.
	Incremental bool
	// StoreErr is set when the cache could not be written; the result is
	// still good.
	StoreErr error
}

// Scan runs the scan opts describes through the cache file at location,
// for a scan whose options have key (see Key): it answers from the cache
// when nothing changed, checks only the files a change can affect when
// only sources changed, and otherwise scans in full; then it writes the
// cache. The error is engine.Run's.
func Scan(location, key string, opts engine.Options) (*engine.Result, Outcome, error) {
	if e, changed, ok := examine(location, key, opts); ok {
		if len(changed) == 0 {
			if res, ok := e.Result.restore(); ok {
				return res, Outcome{Hit: true}, nil
			}
		} else if sources, ok := e.sources(changed); ok {
			return incremental(location, key, opts, e, sources)
		}
	}
	opts.Deps = sem.NewDeps()
	res, err := engine.Run(opts)
	if err != nil {
		return nil, Outcome{}, err
	}
	return res, Outcome{Checked: res.Checked, StoreErr: Store(location, key, res)}, nil
}

// incremental rescans when only the source files in changed did: the rules
// run on the files the change can affect, the others keep their cached
// findings.
func incremental(location, key string, opts engine.Options, e *entry, changed []string) (*engine.Result, Outcome, error) {
	old := e.Graph.facts()
	var recheck map[string]bool
	var values map[string]string
	opts.Deps = sem.NewDeps()
	opts.Plan = func(p *sem.Project) func(string) bool {
		recheck, values = affected(old, changed, p)
		return func(abs string) bool { return recheck[abs] }
	}
	res, err := engine.Run(opts)
	if err != nil {
		return nil, Outcome{}, err
	}
	for _, f := range e.Result.Findings {
		if !recheck[absOf(f.File)] {
			res.Findings = append(res.Findings, f)
		}
	}
	analysis.SortFindings(res.Findings)
	have := map[engine.Error]bool{}
	for _, x := range res.Errors {
		have[x] = true
	}
	for _, x := range e.Result.Errors {
		if er := (engine.Error{File: x.File, Message: x.Message, Internal: x.Internal}); x.Internal && !recheck[absOf(x.File)] && !have[er] {
			res.Errors = append(res.Errors, er)
		}
	}
	res.Facts = merged(old, res.Facts, values)
	return res, Outcome{Checked: res.Checked, Incremental: true, StoreErr: Store(location, key, res)}, nil
}

// absOf is a reported path made absolute and slash-separated.
func absOf(name string) string {
	abs, err := filepath.Abs(name)
	if err != nil {
		return name
	}
	return filepath.ToSlash(abs)
}

// sources returns the changed inputs when every one is a source file the
// last scan indexed and checked (not a configuration file, a schema, a
// skipped file or a file from outside the paths), and the cache holds
// the facts an incremental scan needs.
func (e *entry) sources(changed []string) ([]string, bool) {
	if e.Graph == nil {
		return nil, false
	}
	files := map[string]bool{}
	for _, i := range e.Graph.Files {
		if i >= 0 && i < len(e.Graph.Nodes) {
			files[e.Graph.Nodes[i]] = true
		}
	}
	for _, o := range e.Result.Outside {
		delete(files, o)
	}
	for _, c := range changed {
		if !files[c] || configName(path.Base(c)) {
			return nil, false // eslint.config.js is a source and says which files are checked
		}
	}
	return changed, true
}

// load reads the cache file, when it is one for key.
func load(location, key string) (*entry, bool) {
	data, err := os.ReadFile(location)
	if err != nil {
		return nil, false
	}
	var e entry
	if json.Unmarshal(data, &e) != nil || e.Format != format || e.Key != key {
		return nil, false
	}
	return &e, true
}

// Lookup returns the cached result for a scan with options opts and key,
// when the cache file at location holds one and nothing it depends on has
// changed. A missing, unreadable or outdated cache is a miss.
func Lookup(location, key string, opts engine.Options) (*engine.Result, bool) {
	e, changed, ok := examine(location, key, opts)
	if !ok || len(changed) > 0 {
		return nil, false
	}
	return e.Result.restore()
}

// examine reads the cache file at location and compares it with the files
// now: ok is set when it holds a result for key over the same set of
// files, and changed lists the inputs that are not as recorded.
func examine(location, key string, opts engine.Options) (e *entry, changed []string, ok bool) {
	e, ok = load(location, key)
	if !ok {
		return nil, nil, false
	}
	found, err := engine.Discover(opts)
	if err != nil || !slices.Equal(found, e.Discovered) {
		return nil, nil, false
	}
	return e, changedInputs(e.Inputs), true
}

// Store writes res, the result of a scan with key, to the cache file at
// location, replacing what it held. The facts of res (engine.Facts), when
// it has them, are kept for incremental scans.
func Store(location, key string, res *engine.Result) error {
	inputs := inputsOf(res)
	e := entry{Format: format, Key: key, Discovered: res.Discovered, Inputs: stateOf(inputs), Result: storedOf(res)}
	if res.Facts != nil {
		files := make([]string, 0, len(res.Facts.Imports))
		for f := range res.Facts.Imports {
			files = append(files, f)
		}
		sort.Strings(files)
		e.Graph = graphOf(res.Facts, files)
	}
	data, err := json.Marshal(e)
	if err != nil {
		return err
	}
	dir := filepath.Dir(location)
	tmp, err := os.CreateTemp(dir, ".racecheckcache-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), location)
}

// configName reports the files besides sources that can change a scan's
// result: path aliases, workspaces, racecheck's own configuration, the
// project's ESLint ignores (which files are checked).
func configName(name string) bool {
	switch name {
	case "package.json", "pnpm-workspace.yaml", "racecheck.json", ".racecheckrc.json", ".eslintignore":
		return true
	}
	if strings.HasPrefix(name, "eslint.config.") {
		return true
	}
	return (strings.HasPrefix(name, "tsconfig") || strings.HasPrefix(name, "jsconfig")) && strings.HasSuffix(name, ".json")
}

// inputsOf lists what a result depends on: every discovered and indexed
// file, and for every directory holding one, and every directory above
// it, the directory's configuration files (as "dir:" + the directory,
// standing for the list of their names, so that a new one is noticed) and
// those files themselves.
func inputsOf(res *engine.Result) []string {
	files := append(append([]string{}, res.Discovered...), res.Outside...)
	dirs := map[string]bool{}
	for _, f := range files {
		for d := path.Dir(f); !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
			if d == path.Dir(d) {
				break
			}
		}
	}
	out := files
	for d := range dirs {
		out = append(out, "dir:"+d)
		for _, n := range configFiles(d) {
			out = append(out, path.Join(d, n))
		}
	}
	sort.Strings(out)
	return out
}

// configFiles lists the configuration files of a directory.
func configFiles(dir string) []string {
	ents, err := os.ReadDir(filepath.FromSlash(dir))
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range ents {
		if !e.IsDir() && configName(e.Name()) {
			out = append(out, e.Name())
		}
	}
	return out
}

// stateOf records the state of each input, in parallel.
func stateOf(inputs []string) map[string]input {
	out := make(map[string]input, len(inputs))
	var mu sync.Mutex
	parallel(inputs, func(in string) {
		st := stateNow(in, input{})
		mu.Lock()
		out[in] = st
		mu.Unlock()
	})
	return out
}

// changedInputs lists the inputs that are not as recorded, sorted.
func changedInputs(inputs map[string]input) []string {
	names := make([]string, 0, len(inputs))
	for k := range inputs {
		names = append(names, k)
	}
	var mu sync.Mutex
	var changed []string
	parallel(names, func(in string) {
		if stateNow(in, inputs[in]).Hash != inputs[in].Hash {
			mu.Lock()
			changed = append(changed, in)
			mu.Unlock()
		}
	})
	sort.Strings(changed)
	return changed
}

// parallel calls fn for each name on one goroutine per CPU.
func parallel(names []string, fn func(string)) {
	work := make(chan string)
	var wg sync.WaitGroup
	for i := 0; i < runtime.NumCPU(); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range work {
				fn(n)
			}
		}()
	}
	for _, n := range names {
		work <- n
	}
	close(work)
	wg.Wait()
}

// stateNow is an input's state now: for a file its size, time and hash
// ("-" when it does not exist), the hash taken from was when size and time
// are as was says; for "dir:" entries the list of the directory's
// configuration files.
func stateNow(in string, was input) input {
	if d, ok := strings.CutPrefix(in, "dir:"); ok {
		return input{Hash: strings.Join(configFiles(d), "\x00")}
	}
	name := filepath.FromSlash(in)
	info, err := os.Stat(name)
	if errors.Is(err, fs.ErrNotExist) {
		return input{Hash: "-"}
	}
	if err != nil {
		return input{Hash: "error"}
	}
	st := input{Size: info.Size(), MTime: info.ModTime().UnixNano()}
	if st.Size == was.Size && st.MTime == was.MTime && was.Hash != "" {
		st.Hash = was.Hash
		return st
	}
	if st.Hash, err = hashFile(name); err != nil {
		st.Hash = "error"
	}
	return st
}

func hashFile(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func storedOf(res *engine.Result) stored {
	s := stored{
		Findings: res.Findings, Skipped: res.Skipped, Files: res.Files, SingleProcess: res.SingleProcess,
		Tests: res.Tests, LintIgnored: res.LintIgnored, Bytes: res.Bytes, Outside: res.Outside, Sources: map[string]storedSource{},
	}
	for _, e := range res.Errors {
		s.Errors = append(s.Errors, storedError{e.File, e.Message, e.Internal})
	}
	need := map[string]bool{}
	for _, f := range res.Findings {
		need[f.File] = true
	}
	for name, t := range res.Sources {
		if t == nil || !need[name] && !strings.Contains(t.Src, "racecheck-") {
			continue
		}
		abs, err := filepath.Abs(name)
		if err != nil {
			continue
		}
		s.Sources[name] = storedSource{Abs: filepath.ToSlash(abs), Comments: t.Comments()}
	}
	return s
}

// restore rebuilds the result; it fails when a file whose tree is needed
// cannot be read.
func (s stored) restore() (*engine.Result, bool) {
	res := &engine.Result{
		Findings: s.Findings, Skipped: s.Skipped, Files: s.Files, SingleProcess: s.SingleProcess,
		Tests: s.Tests, LintIgnored: s.LintIgnored, Bytes: s.Bytes, Outside: s.Outside, Sources: map[string]*syntax.Tree{},
	}
	for _, e := range s.Errors {
		res.Errors = append(res.Errors, engine.Error{File: e.File, Message: e.Message, Internal: e.Internal})
	}
	for name, src := range s.Sources {
		data, err := os.ReadFile(filepath.FromSlash(src.Abs))
		if err != nil {
			return nil, false
		}
		res.Sources[name] = syntax.CommentTree(string(data), src.Comments)
	}
	return res, true
}
