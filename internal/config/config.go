// Package config reads racecheck's configuration file, racecheck.json (or
// .racecheckrc.json): which rules run and at what severity, rule options,
// ignore globs, the severity that fails a run, and a baseline file.
//
// The file is JSON; comments and trailing commas are allowed. Every problem
// is reported with the file, line and column and what was expected.
//
//	{
//	  "failOn": "medium",
//	  "ignore": ["scripts/**", "**/*.test.ts"],
//	  "rules": {
//	    "sequential-awaits": "off",
//	    "check-then-act": "high",
//	    "floating-promise": {"severity": "medium", "options": {}}
//	  }
//	}
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/models"
)

// FileNames are the names a configuration file may have, in order of
// preference.
var FileNames = []string{"racecheck.json", ".racecheckrc.json"}

// Config is a parsed configuration file.
type Config struct {
	// Path is the file read, as given or found.
	Path string
	// Dir is the absolute, slash-separated directory of the file: ignore
	// globs and the baseline path are relative to it.
	Dir string
	// Rules holds the per-rule settings, by rule id.
	Rules map[string]RuleSetting
	// Ignore holds the ignore globs, in order.
	Ignore []string
	// FailOn is "high", "medium", "low", "never", or "" when unset.
	FailOn string
	// Baseline is the baseline file, relative to Dir, or "" when unset.
	Baseline string
	// ReportUnusedSuppressions is nil when unset.
	ReportUnusedSuppressions *bool
	// SingleProcess holds the globs of files whose code does not run
	// concurrently with copies of itself; nil when unset.
	SingleProcess []string
	// OneShotScripts is false when the code that only package.json
	// commands run is not to count as single-process (sem.File.OneShot);
	// nil when unset (it does).
	OneShotScripts *bool
	// Tests holds the globs of test files, which no rule checks; nil when
	// unset (DefaultTests apply).
	Tests []string
	// Models teach racecheck the project's own data-access wrappers, in
	// file order.
	Models []Model

	ignore        []globRule
	singleProcess []globRule
	tests         []globRule
}

// RuleSetting is the configuration of one rule.
type RuleSetting struct {
	Off bool
	// Severity overrides the rule's default; 0 keeps it.
	Severity analysis.Severity
	// Options are passed to the rule (analysis.Pass.Options); nil when unset.
	Options map[string]any
}

// Error is a problem in a configuration file, with its position.
type Error struct {
	File         string
	Line, Column int // 0 when the problem has no position (an unreadable file)
	Msg          string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
}

// Load reads and checks the configuration file at name. known lists the
// valid rule ids.
func Load(name string, known []string) (*Config, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &Error{File: name, Msg: "cannot read the configuration file: " + err.Error()}
	}
	c, err := Parse(name, data, known)
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(name)
	if err != nil {
		return nil, &Error{File: name, Msg: err.Error()}
	}
	c.Dir = filepath.ToSlash(filepath.Dir(abs))
	return c, nil
}

// Find looks for a configuration file in dir and its parents, stopping at
// the root of the enclosing git repository (a directory holding .git) or at
// the file system's root. It returns "" when there is none. Two candidate
// names in one directory are an error: it would be unclear which applies.
func Find(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if info, err := os.Stat(abs); err == nil && !info.IsDir() {
		abs = filepath.Dir(abs)
	}
	for d := abs; ; {
		var found []string
		for _, n := range FileNames {
			p := filepath.Join(d, n)
			if info, err := os.Stat(p); err == nil && !info.IsDir() {
				found = append(found, p)
			}
		}
		if len(found) > 1 {
			return "", &Error{File: found[0], Msg: fmt.Sprintf("both %s and %s are in %s; keep one", FileNames[0], FileNames[1], d)}
		}
		if len(found) == 1 {
			return found[0], nil
		}
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return "", nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", nil
		}
		d = parent
	}
}

// ProjectRoot returns the root of the project holding the scanned paths
// when no configuration file says it: the nearest directory at or above
// the first path that holds .git, else the deepest directory that holds
// every path (a file's directory, for a file). The result is absolute and
// slash-separated.
func ProjectRoot(paths ...string) string {
	var dirs []string
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			continue
		}
		if info, err := os.Stat(abs); err == nil && !info.IsDir() {
			abs = filepath.Dir(abs)
		}
		dirs = append(dirs, abs)
	}
	if len(dirs) == 0 {
		return ""
	}
	for d := dirs[0]; ; {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return filepath.ToSlash(d)
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	common := dirs[0]
	for _, d := range dirs[1:] {
		for common != filepath.Dir(common) && d != common && !strings.HasPrefix(d, common+string(filepath.Separator)) {
			common = filepath.Dir(common)
		}
	}
	return filepath.ToSlash(common)
}

var topKeys = []string{"$schema", "baseline", "failOn", "ignore", "models", "oneShotScripts", "reportUnusedSuppressions", "rules", "singleProcess", "tests"}

// Parse checks the configuration in data; name is used in messages.
func Parse(name string, data []byte, known []string) (*Config, error) {
	root, err := parseJSON(data)
	if err != nil {
		var se *syntaxError
		if errors.As(err, &se) {
			line, col := position(data, se.off)
			return nil, &Error{File: name, Line: line, Column: col, Msg: "invalid JSON: " + se.msg}
		}
		return nil, &Error{File: name, Msg: err.Error()}
	}
	p := &checker{name: name, data: data, known: known}
	c := &Config{Path: name, Rules: map[string]RuleSetting{}}
	if root.kind != kindObject {
		return nil, p.at(root.off, "the configuration must be a JSON object, not %s", root.kind)
	}
	for _, m := range root.members {
		v := m.val
		switch m.key {
		case "$schema":
			if v.kind != kindString {
				return nil, p.at(v.off, "\"$schema\" must be a string, not %s", v.kind)
			}
		case "failOn":
			if v.kind != kindString {
				return nil, p.at(v.off, "\"failOn\" must be a string (high, medium, low or never), not %s", v.kind)
			}
			switch v.str {
			case "high", "medium", "low", "never":
				c.FailOn = v.str
			default:
				return nil, p.at(v.off, "unknown \"failOn\" value %q; expected high, medium, low or never", v.str)
			}
		case "baseline":
			if v.kind != kindString || strings.TrimSpace(v.str) == "" {
				return nil, p.at(v.off, "\"baseline\" must be a file name (a non-empty string), not %s", describe(v))
			}
			c.Baseline = v.str
		case "reportUnusedSuppressions":
			if v.kind != kindBool {
				return nil, p.at(v.off, "\"reportUnusedSuppressions\" must be true or false, not %s", v.kind)
			}
			b := v.boolean
			c.ReportUnusedSuppressions = &b
		case "ignore":
			if c.Ignore, c.ignore, err = p.globs("ignore", v); err != nil {
				return nil, err
			}
		case "oneShotScripts":
			if v.kind != kindBool {
				return nil, p.at(v.off, "\"oneShotScripts\" must be true or false, not %s", v.kind)
			}
			b := v.boolean
			c.OneShotScripts = &b
		case "singleProcess":
			if c.SingleProcess, c.singleProcess, err = p.globs("singleProcess", v); err != nil {
				return nil, err
			}
		case "tests":
			if c.Tests, c.tests, err = p.globs("tests", v); err != nil {
				return nil, err
			}
			if c.Tests == nil {
				c.Tests = []string{}
			}
		case "rules":
			if err := p.rules(c, v); err != nil {
				return nil, err
			}
		case "models":
			if err := p.models(c, v); err != nil {
				return nil, err
			}
		default:
			return nil, p.at(m.keyOff, "unknown key %q%s; expected one of %s", m.key, didYouMean(m.key, topKeys), strings.Join(topKeys, ", "))
		}
	}
	return c, nil
}

type checker struct {
	name  string
	data  []byte
	known []string
}

func (p *checker) at(off int, format string, args ...any) error {
	line, col := position(p.data, off)
	return &Error{File: p.name, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)}
}

func describe(v *value) string {
	if v.kind == kindString {
		return "an empty string"
	}
	return v.kind.String()
}

// globs reads the array of globs under key.
func (p *checker) globs(key string, v *value) ([]string, []globRule, error) {
	if v.kind != kindArray {
		return nil, nil, p.at(v.off, "%q must be an array of glob strings, not %s", key, v.kind)
	}
	var strs []string
	var rules []globRule
	for _, e := range v.elems {
		if e.kind != kindString {
			return nil, nil, p.at(e.off, "each %q entry must be a glob string, not %s", key, e.kind)
		}
		r, msg := compileGlob(e.str)
		if msg != "" {
			return nil, nil, p.at(e.off, "bad %s glob %q: %s", key, e.str, msg)
		}
		strs = append(strs, e.str)
		rules = append(rules, r)
	}
	return strs, rules, nil
}

const severityWords = `"off", "high", "medium" or "low"`

func (p *checker) rules(c *Config, v *value) error {
	if v.kind != kindObject {
		return p.at(v.off, "\"rules\" must be an object mapping rule ids to settings, not %s", v.kind)
	}
	knownSet := map[string]bool{}
	for _, id := range p.known {
		knownSet[id] = true
	}
	for _, m := range v.members {
		if !knownSet[m.key] {
			hint := didYouMean(m.key, p.known)
			if hint == "" {
				hint = "; run 'racecheck rules' for the list"
			}
			return p.at(m.keyOff, "unknown rule %q%s", m.key, hint)
		}
		var s RuleSetting
		switch m.val.kind {
		case kindString:
			if err := p.severity(&s, m.key, m.val); err != nil {
				return err
			}
		case kindObject:
			for _, f := range m.val.members {
				switch f.key {
				case "severity":
					if err := p.severity(&s, m.key, f.val); err != nil {
						return err
					}
				case "options":
					if f.val.kind != kindObject {
						return p.at(f.val.off, "\"options\" of rule %q must be an object, not %s", m.key, f.val.kind)
					}
					if err := p.options(m.key, f.val); err != nil {
						return err
					}
					s.Options = f.val.plain().(map[string]any)
				default:
					return p.at(f.keyOff, "unknown key %q in the settings of rule %q%s; expected \"severity\" or \"options\"", f.key, m.key, didYouMean(f.key, []string{"severity", "options"}))
				}
			}
		default:
			return p.at(m.val.off, "the setting of rule %q must be %s, or an object with \"severity\" and \"options\"; not %s", m.key, severityWords, m.val.kind)
		}
		c.Rules[m.key] = s
	}
	return nil
}

// options checks the options of rule id against those the rule declares
// (analysis.Rule.Options): each must be one of them and a list of
// strings. A rule this build does not register keeps its options as
// given.
func (p *checker) options(id string, v *value) error {
	r, ok := analysis.Lookup(id)
	if !ok {
		return nil
	}
	var names []string
	for _, o := range r.Options {
		names = append(names, o.Name)
	}
	for _, m := range v.members {
		if _, ok := r.Option(m.key); !ok {
			if len(names) == 0 {
				return p.at(m.keyOff, "rule %q takes no options; remove %q", id, m.key)
			}
			return p.at(m.keyOff, "unknown option %q of rule %q%s; expected %s", m.key, id, didYouMean(m.key, names), strings.Join(quoted(names), " or "))
		}
		if m.val.kind != kindArray {
			return p.at(m.val.off, "option %q of rule %q must be an array of strings, not %s", m.key, id, m.val.kind)
		}
		for _, e := range m.val.elems {
			if e.kind != kindString {
				return p.at(e.off, "option %q of rule %q must be an array of strings; this element is %s", m.key, id, e.kind)
			}
		}
	}
	return nil
}

func quoted(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}

func (p *checker) severity(s *RuleSetting, id string, v *value) error {
	if v.kind != kindString {
		return p.at(v.off, "the severity of rule %q must be %s, not %s", id, severityWords, v.kind)
	}
	if v.str == "off" {
		s.Off = true
		return nil
	}
	sev, err := analysis.ParseSeverity(v.str)
	if err != nil || v.str != strings.ToLower(v.str) {
		hint := ""
		switch v.str {
		case "error":
			hint = " (racecheck's severities are high, medium and low)"
		case "warn", "warning":
			hint = " (racecheck's severities are high, medium and low)"
		case "on":
			hint = " (rules are on by default; remove the entry)"
		}
		return p.at(v.off, "unknown severity %q for rule %q%s; expected %s", v.str, id, hint, severityWords)
	}
	s.Severity = sev
	return nil
}

// Model is one entry of "models": the export Export of module Module does
// what Kind says ("lib/db#query": "sql").
type Model struct {
	// Module is a path relative to the configuration's directory
	// ("lib/db", "./src/cache") or a package name ("@acme/cache").
	Module string
	// Export is the exported name, possibly followed by members
	// ("query", "db.query").
	Export string
	Kind   string
}

func (p *checker) models(c *Config, v *value) error {
	if v.kind != kindObject {
		return p.at(v.off, "\"models\" must be an object mapping \"module#export\" to what it does, not %s", v.kind)
	}
	kinds := models.WrapperKinds()
	for _, m := range v.members {
		mod, exp, ok := strings.Cut(m.key, "#")
		mod = strings.TrimSpace(mod)
		if !ok || mod == "" || exp == "" || strings.Contains(exp, "#") || strings.ContainsAny(exp, " /") {
			return p.at(m.keyOff, "bad model %q: expected \"module#export\", a module path relative to the configuration (lib/db) or a package name (@acme/cache), then # and the exported name (query, db.query)", m.key)
		}
		if m.val.kind != kindString {
			return p.at(m.val.off, "the model of %q must be a string (%s), not %s", m.key, strings.Join(kinds, ", "), m.val.kind)
		}
		if !slices.Contains(kinds, m.val.str) {
			return p.at(m.val.off, "unknown model %q for %q%s; expected one of %s", m.val.str, m.key, didYouMean(m.val.str, kinds), strings.Join(kinds, ", "))
		}
		c.Models = append(c.Models, Model{Module: mod, Export: exp, Kind: m.val.str})
	}
	return nil
}

// Ignored reports whether the file at abs (absolute) is matched by the
// ignore globs. Files outside the configuration's directory never are.
func (c *Config) Ignored(abs string) bool {
	if c == nil || len(c.ignore) == 0 {
		return false
	}
	rel, ok := relativeTo(strings.TrimSuffix(c.Dir, "/"), abs)
	return ok && ignored(c.ignore, rel)
}

// DefaultTests are the test files when the configuration does not say:
// tests (Jasmine's spec/, tsd's type tests *.test-d.ts too), test
// fixtures and mocks. Like every glob here they are relative
// to the project's root, so folders above it never count.
var DefaultTests = []string{
	"*.test.*", "*.spec.*", "*.e2e*.*", "*.test-d.*",
	"test/", "tests/", "spec/", "__tests__/", "__mocks__/", "__fixtures__/", "e2e/", "cypress/", "playwright/",
}

// Matchers returns what decides, for a file's absolute path, whether it is
// a test (DefaultTests relative to root, or the configuration's "tests"
// globs relative to its directory) and whether its code runs only in one
// process at a time (the configuration's "singleProcess" globs). root is
// absolute and slash-separated.
func Matchers(c *Config, root string) (tests, singleProcess func(abs string) bool) {
	testDir, testRules := root, []globRule(nil)
	if c != nil && c.Tests != nil {
		testDir, testRules = c.Dir, c.tests
	} else {
		for _, g := range DefaultTests {
			r, _ := compileGlob(g)
			testRules = append(testRules, r)
		}
	}
	var spDir string
	var spRules []globRule
	if c != nil {
		spDir, spRules = c.Dir, c.singleProcess
	}
	return globMatcher(testDir, testRules), globMatcher(spDir, spRules)
}

// globMatcher matches absolute paths relative to dir against rules.
func globMatcher(dir string, rules []globRule) func(abs string) bool {
	dir = strings.TrimSuffix(filepath.ToSlash(dir), "/")
	return func(abs string) bool {
		if len(rules) == 0 {
			return false
		}
		rel, ok := relativeTo(dir, abs)
		return ok && ignored(rules, rel)
	}
}

// relativeTo returns abs relative to dir, and false for files outside it.
func relativeTo(dir, abs string) (string, bool) {
	abs = filepath.ToSlash(abs)
	if dir == "" {
		return strings.TrimPrefix(abs, "/"), strings.HasPrefix(abs, "/")
	}
	return strings.CutPrefix(abs, dir+"/")
}

// BaselinePath returns the configured baseline file, resolved against the
// configuration's directory, or "".
func (c *Config) BaselinePath() string {
	if c == nil || c.Baseline == "" {
		return ""
	}
	if filepath.IsAbs(c.Baseline) {
		return c.Baseline
	}
	return filepath.Join(filepath.FromSlash(c.Dir), filepath.FromSlash(c.Baseline))
}

// globRule is one ignore glob, with gitignore's meaning: a glob without a
// slash matches a file or directory name at any depth; one with a slash is
// relative to the configuration's directory; ** spans directories; a
// trailing slash matches directories only; a leading ! re-includes.
type globRule struct {
	negate   bool
	dirOnly  bool
	anchored bool
	segs     []string
}

func compileGlob(s string) (globRule, string) {
	var r globRule
	g := strings.TrimSpace(s)
	if g == "" {
		return r, "the glob is empty"
	}
	if strings.HasPrefix(g, "!") {
		r.negate = true
		g = g[1:]
	}
	g = strings.TrimPrefix(g, "./")
	if strings.HasSuffix(g, "/") {
		r.dirOnly = true
		g = strings.TrimRight(g, "/")
	}
	if strings.Contains(g, "/") {
		r.anchored = true
		g = strings.TrimPrefix(g, "/")
	}
	if g == "" {
		return r, "the glob matches nothing"
	}
	if strings.Contains(g, `\`) {
		return r, `use forward slashes (/) as path separators`
	}
	r.segs = strings.Split(g, "/")
	for _, seg := range r.segs {
		if seg == "" {
			return r, "empty path segment (//)"
		}
		if seg == ".." {
			return r, "globs cannot leave the configuration's directory (..)"
		}
		if _, err := path.Match(seg, ""); err != nil {
			return r, "malformed pattern (an unclosed [ ?)"
		}
	}
	return r, ""
}

func (r globRule) matches(rel string, isDir bool) bool {
	if r.dirOnly && !isDir {
		return false
	}
	parts := strings.Split(rel, "/")
	if !r.anchored {
		parts = parts[len(parts)-1:]
	}
	return matchSegs(r.segs, parts)
}

func matchSegs(pat, segs []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for len(pat) > 1 && pat[1] == "**" {
				pat = pat[1:]
			}
			rest := pat[1:]
			if len(rest) == 0 {
				return true
			}
			for i := 0; i <= len(segs); i++ {
				if matchSegs(rest, segs[i:]) {
					return true
				}
			}
			return false
		}
		if len(segs) == 0 {
			return false
		}
		if ok, err := path.Match(pat[0], segs[0]); err != nil || !ok {
			return false
		}
		pat, segs = pat[1:], segs[1:]
	}
	return len(segs) == 0
}

// ignored applies the rules to rel: a directory that is ignored ignores
// everything under it; otherwise the last rule matching the file decides.
func ignored(rules []globRule, rel string) bool {
	parts := strings.Split(rel, "/")
	for i := 1; i <= len(parts); i++ {
		sub := strings.Join(parts[:i], "/")
		isDir := i < len(parts)
		state := false
		for _, r := range rules {
			if r.matches(sub, isDir) {
				state = !r.negate
			}
		}
		if state {
			return true
		}
	}
	return false
}

// DidYouMean returns `; did you mean "x"?` naming the candidate closest to
// word, or "" when none is close.
func DidYouMean(word string, candidates []string) string { return didYouMean(word, candidates) }

func didYouMean(word string, candidates []string) string {
	best, bestD := "", 0
	limit := max(2, len(word)/3)
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	for _, c := range sorted {
		d := editDistance(strings.ToLower(word), strings.ToLower(c))
		if d <= limit && (best == "" || d < bestD) {
			best, bestD = c, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", best)
}

func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		if a == b {
			return 0
		}
		return 64
	}
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
