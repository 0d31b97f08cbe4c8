// Package discover finds the JavaScript and TypeScript files to scan: it
// walks the given paths, honours .gitignore files (nested, with negation)
// and the project's ESLint ignores (.eslintignore, a flat config's global
// ignores),
// skips dependency and build directories, declaration files, minified
// bundles and huge files, never loops on symlinks, and returns the files in
// a deterministic order.
package discover

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// MaxSize is the largest file scanned when found by walking a directory.
// The size is checked when the file is read (in parallel), not here.
const MaxSize = 1 << 20

// DefaultSkipDirs are never entered.
var DefaultSkipDirs = []string{"node_modules", ".git", "dist", "build", "coverage", ".next", "out"}

var sourceExts = map[string]bool{
	".js": true, ".jsx": true, ".mjs": true, ".cjs": true,
	".ts": true, ".tsx": true, ".mts": true, ".cts": true,
}

// IsSource reports whether a file name has a JavaScript or TypeScript extension.
func IsSource(name string) bool { return sourceExts[strings.ToLower(filepath.Ext(name))] }

// File is a file to scan.
type File struct {
	Path     string // relative to the working directory when possible, slash-separated
	Abs      string // absolute, slash-separated
	Explicit bool   // named on the command line
	// LintIgnored marks a file the project's ESLint configuration ignores
	// (vendored or generated code): it is read for what the project's
	// other files import from it, and not checked.
	LintIgnored bool
}

// Skip is a file that was found and deliberately not scanned.
type Skip struct {
	Path   string
	Reason string
}

// Problem is a path that could not be walked.
type Problem struct {
	Path    string
	Message string
}

// Result is what a walk found.
type Result struct {
	Files    []File
	Skipped  []Skip
	Problems []Problem
	// Schemas are the database schema files met on the way (Prisma's
	// *.prisma), absolute and slash-separated: they say which keys are
	// unique.
	Schemas []string
}

// IsSchema reports whether a file name is a database schema racecheck reads.
func IsSchema(name string) bool { return strings.HasSuffix(strings.ToLower(name), ".prisma") }

// Options tune a walk.
type Options struct {
	// Found, if set, is called with each file to scan as soon as it is
	// found (in walk order, from the walking goroutine), so that work on
	// it can start while the walk goes on.
	Found func(File)
	// Ignore holds extra gitignore-style patterns (from configuration),
	// relative to the working directory.
	Ignore []string
	// NoDefaultSkips enters the default skipped directories too.
	NoDefaultSkips bool
}

// ErrNotFound reports a path given on the command line that does not exist.
var ErrNotFound = errors.New("no such file or directory")

// Walk finds the files under paths. An error is returned only for paths
// that do not exist; problems met while walking are in Result.Problems.
func Walk(paths []string, opts Options) (*Result, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	w := &walker{cwd: filepath.ToSlash(cwd), res: &Result{}, seenDirs: map[string]bool{}, seenFiles: map[string]bool{}}
	skip := map[string]bool{}
	if !opts.NoDefaultSkips {
		for _, d := range DefaultSkipDirs {
			skip[d] = true
		}
	}
	w.skipDirs = skip
	w.found = opts.Found
	if len(opts.Ignore) > 0 {
		w.extra = parseGitignore("", strings.Join(opts.Ignore, "\n"))
	}
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, err
		}
		info, err := os.Stat(abs)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("%s: %w", p, ErrNotFound)
			}
			return nil, fmt.Errorf("%s: %v", p, err)
		}
		if !info.IsDir() {
			if !IsSource(abs) {
				return nil, fmt.Errorf("%s: not a JavaScript or TypeScript file (want %s)", p, extList())
			}
			w.add(filepath.ToSlash(abs), true)
			continue
		}
		rules := w.inheritedRules(abs)
		real, err := filepath.EvalSymlinks(abs)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", p, err)
		}
		w.walkDir(filepath.ToSlash(abs), filepath.ToSlash(real), rules, false)
	}
	sort.Slice(w.res.Files, func(i, j int) bool { return w.res.Files[i].Path < w.res.Files[j].Path })
	sort.Slice(w.res.Skipped, func(i, j int) bool { return w.res.Skipped[i].Path < w.res.Skipped[j].Path })
	sort.Slice(w.res.Problems, func(i, j int) bool { return w.res.Problems[i].Path < w.res.Problems[j].Path })
	return w.res, nil
}

func extList() string {
	var exts []string
	for e := range sourceExts {
		exts = append(exts, e)
	}
	sort.Strings(exts)
	return strings.Join(exts, " ")
}

type walker struct {
	cwd       string
	res       *Result
	skipDirs  map[string]bool
	extra     []ignoreRule
	seenDirs  map[string]bool // real paths of directories entered
	seenFiles map[string]bool
	found     func(File)
}

// scoped is a gitignore rule set with the absolute directory its paths are
// relative to.
type scoped struct {
	root  string
	rules []ignoreRule
	lint  bool // the project's ESLint ignores, not its .gitignore
}

// inheritedRules loads the .gitignore files from the enclosing git
// repository's root down to dir (exclusive), so that scanning a
// subdirectory honours the repository's ignores.
func (w *walker) inheritedRules(dir string) []scoped {
	dir = filepath.ToSlash(dir)
	var chain []string
	for d := dir; ; {
		parent := filepath.ToSlash(filepath.Dir(d))
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			break
		}
		if parent == d {
			return nil // not in a git repository: only the walk's own files count
		}
		chain = append(chain, parent)
		d = parent
	}
	var out []scoped
	for i := len(chain) - 1; i >= 0; i-- {
		names := []string{".gitignore", ".eslintignore"}
		for n := range eslintFlatConfigs {
			names = append(names, n)
		}
		sort.Strings(names)
		out = appendDirRules(out, chain[i], names)
	}
	return out
}

// appendDirRules appends to rules the ignore rules of dir, given the names
// of its ignore files.
func appendDirRules(rules []scoped, dir string, names []string) []scoped {
	git, lint := dirRules(dir, names)
	if len(git) > 0 {
		rules = append(rules[:len(rules):len(rules)], scoped{root: dir, rules: git})
	}
	if len(lint) > 0 {
		rules = append(rules[:len(rules):len(rules)], scoped{root: dir, rules: lint, lint: true})
	}
	return rules
}

// ignored reports whether the .gitignore rules (and the configured
// ignores) leave out abs, and, apart from that, whether the project's
// ESLint ignores do.
func (w *walker) ignored(rules []scoped, abs string, isDir bool) (git, lint bool) {
	for _, s := range rules {
		rel := strings.TrimPrefix(abs, s.root+"/")
		if rel == abs {
			continue
		}
		for _, r := range s.rules {
			if r.matches(rel, isDir) {
				if s.lint {
					lint = !r.negate
				} else {
					git = !r.negate
				}
			}
		}
	}
	if len(w.extra) > 0 {
		rel := w.rel(abs)
		for _, r := range w.extra {
			if r.matches(rel, isDir) {
				git = !r.negate
			}
		}
	}
	return git, lint
}

// walkDir walks dir, whose symlink-free path is real. lint is set under
// a directory the project's ESLint configuration ignores.
func (w *walker) walkDir(dir, real string, rules []scoped, lint bool) {
	if w.seenDirs[real] {
		return // a symlink loop or a directory reached twice
	}
	w.seenDirs[real] = true
	entries, err := os.ReadDir(dir)
	if err != nil {
		w.problem(dir, "cannot read directory: "+unwrap(err))
		return
	}
	var ignoreFiles []string
	for _, e := range entries {
		if ignoreFile(e.Name()) {
			ignoreFiles = append(ignoreFiles, e.Name())
		}
	}
	rules = appendDirRules(rules, dir, ignoreFiles)
	for _, e := range entries {
		name := e.Name()
		abs := dir + "/" + name
		isDir := e.IsDir()
		childReal := real + "/" + name
		if e.Type()&fs.ModeSymlink != 0 {
			info, err := os.Stat(abs)
			if err != nil {
				w.problem(abs, "broken symbolic link (or a link loop)")
				continue
			}
			isDir = info.IsDir()
			if isDir {
				r, err := filepath.EvalSymlinks(abs)
				if err != nil {
					w.problem(abs, "cannot follow symbolic link: "+unwrap(err))
					continue
				}
				childReal = filepath.ToSlash(r)
			}
		}
		if w.skipDirs[name] && isDir {
			continue
		}
		git, lintIgnored := w.ignored(rules, abs, isDir)
		switch {
		case git:
			continue
		case isDir:
			w.walkDir(abs, childReal, rules, lint || lintIgnored)
		case IsSchema(name):
			w.res.Schemas = append(w.res.Schemas, abs)
		case IsSource(name):
			w.addFile(abs, false, lint || lintIgnored)
		}
	}
}

func (w *walker) add(abs string, explicit bool) { w.addFile(abs, explicit, false) }

func (w *walker) addFile(abs string, explicit, lintIgnored bool) {
	if w.seenFiles[abs] {
		return
	}
	w.seenFiles[abs] = true
	rel := w.rel(abs)
	if !explicit {
		lower := strings.ToLower(abs)
		switch {
		case strings.HasSuffix(lower, ".d.ts") || strings.HasSuffix(lower, ".d.mts") || strings.HasSuffix(lower, ".d.cts"):
			w.res.Skipped = append(w.res.Skipped, Skip{rel, "type declarations"})
			return
		case strings.Contains(lower, ".min."):
			w.res.Skipped = append(w.res.Skipped, Skip{rel, "minified"})
			return
		}
	}
	file := File{Path: rel, Abs: abs, Explicit: explicit, LintIgnored: lintIgnored}
	w.res.Files = append(w.res.Files, file)
	if w.found != nil {
		w.found(file)
	}
}

func (w *walker) rel(abs string) string {
	if r, ok := strings.CutPrefix(abs, w.cwd+"/"); ok {
		return r
	}
	if abs == w.cwd {
		return "."
	}
	return abs
}

func (w *walker) problem(p, msg string) {
	w.res.Problems = append(w.res.Problems, Problem{Path: w.rel(p), Message: msg})
}

func unwrap(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
