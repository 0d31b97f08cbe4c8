package engine

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/racecheck/racecheck/internal/sem"
)

// LoadAliases collects the import aliases of a project, so that imports
// other than relative paths resolve to project files:
//
//   - compilerOptions "paths" and "baseUrl" of tsconfig.json, following
//     "extends" chains, from the tsconfig nearest to each scanned path (for
//     the whole scan) and from the directory of every package (for that
//     package's files);
//   - package.json "imports" (#db), for the files of that package;
//   - the names of workspace packages (a package.json with a "name" among
//     the scanned files' ancestors), so that "@acme/db" and "@acme/db/x"
//     resolve to the package's source;
//   - the dependencies a package installs from a directory ("Common":
//     "file:../Common", "link:..."), under the name the dependency gives
//     them, for that package's files.
//
// files are the absolute paths of the scanned files. Unreadable or invalid
// files are ignored: they only make resolution less complete.
func LoadAliases(paths []string, files ...string) []sem.Alias {
	l := &aliasLoader{seen: map[string]bool{}, pkgSeen: map[string]bool{}}
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			continue
		}
		if info, err := os.Stat(abs); err == nil && !info.IsDir() {
			abs = filepath.Dir(abs)
		}
		for d := abs; ; d = filepath.Dir(d) {
			if cfg := projectConfig(d); cfg != "" {
				l.tsconfig(cfg, "")
				break
			}
			if isRepoRoot(d) {
				break
			}
		}
	}
	for _, dir := range packageDirs(files) {
		l.pkg(dir)
	}
	return l.out
}

// projectConfig returns a directory's tsconfig.json or, failing that, its
// jsconfig.json (a JavaScript project's: the same compiler options, read
// by TypeScript and editors alike), or "".
func projectConfig(dir string) string {
	for _, name := range []string{"tsconfig.json", "jsconfig.json"} {
		if cfg := filepath.Join(dir, name); fileExists(cfg) {
			return cfg
		}
	}
	return ""
}

type aliasLoader struct {
	out     []sem.Alias
	seen    map[string]bool // tsconfig file + scope already read
	pkgSeen map[string]bool
}

func isRepoRoot(d string) bool {
	_, err := os.Stat(filepath.Join(d, ".git"))
	return err == nil || filepath.Dir(d) == d
}

// packageDirs returns the directories holding a package.json that are
// ancestors of a scanned file, up to the repository root.
func packageDirs(files []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range files {
		for d := filepath.Dir(filepath.FromSlash(f)); !seen[d]; d = filepath.Dir(d) {
			seen[d] = true
			if _, err := os.Stat(filepath.Join(d, "package.json")); err == nil {
				out = append(out, d)
			}
			if isRepoRoot(d) {
				break
			}
		}
	}
	return out
}

// tsconfig adds the aliases of one tsconfig file, scoped to the files under
// scope ("" for every file).
func (l *aliasLoader) tsconfig(file, scope string) {
	if l.seen[file+"\x00"+scope] {
		return
	}
	l.seen[file+"\x00"+scope] = true
	o := readCompilerOptions(file, 0)
	if o.paths == nil && o.baseURL == "" {
		return
	}
	base := o.baseURL
	if base == "" {
		base = o.pathsDir
	}
	var patterns []string
	for p := range o.paths {
		patterns = append(patterns, p)
	}
	sort.Strings(patterns)
	for _, pattern := range patterns {
		a := sem.Alias{Pattern: pattern, Scope: scope}
		for _, t := range o.paths[pattern] {
			a.Targets = append(a.Targets, filepath.ToSlash(filepath.Join(base, t)))
		}
		l.out = append(l.out, a)
	}
	if o.baseURL != "" {
		// Non-relative imports are looked up under baseUrl ("lib/queries").
		l.out = append(l.out, sem.Alias{Pattern: "*", Targets: []string{filepath.ToSlash(filepath.Join(o.baseURL, "*"))}, Scope: scope})
	}
}

// compilerOptions are the options that matter for resolution, with
// directories made absolute.
type compilerOptions struct {
	baseURL  string // absolute, or ""
	paths    map[string][]string
	pathsDir string // the directory of the file that set paths
}

// readCompilerOptions reads a tsconfig file and the files it extends; an
// option set here overrides the extended one. baseUrl is relative to the
// file that sets it; paths without a baseUrl are relative to the file that
// sets them.
func readCompilerOptions(file string, depth int) compilerOptions {
	var o compilerOptions
	if depth > 8 {
		return o
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return o
	}
	var cfg struct {
		Extends         json.RawMessage `json:"extends"`
		CompilerOptions struct {
			BaseURL string              `json:"baseUrl"`
			Paths   map[string][]string `json:"paths"`
		} `json:"compilerOptions"`
	}
	if json.Unmarshal(StripJSONC(data), &cfg) != nil {
		return o
	}
	dir := filepath.Dir(file)
	var parents []string
	var one string
	if json.Unmarshal(cfg.Extends, &one) == nil && one != "" {
		parents = []string{one}
	} else {
		_ = json.Unmarshal(cfg.Extends, &parents)
	}
	for _, e := range parents {
		if pf := extendsFile(dir, e); pf != "" {
			po := readCompilerOptions(pf, depth+1)
			if po.baseURL != "" {
				o.baseURL = po.baseURL
			}
			if po.paths != nil {
				o.paths, o.pathsDir = po.paths, po.pathsDir
			}
		}
	}
	if cfg.CompilerOptions.BaseURL != "" {
		o.baseURL = filepath.Join(dir, cfg.CompilerOptions.BaseURL)
	}
	if cfg.CompilerOptions.Paths != nil {
		o.paths, o.pathsDir = cfg.CompilerOptions.Paths, dir
	}
	return o
}

// extendsFile finds the file an "extends" entry names: a path relative to
// the extending file, or a package's file under node_modules.
func extendsFile(dir, spec string) string {
	var cands []string
	if strings.HasPrefix(spec, ".") || filepath.IsAbs(spec) {
		p := spec
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, spec)
		}
		cands = []string{p, p + ".json", filepath.Join(p, "tsconfig.json")}
	} else {
		for d := dir; ; d = filepath.Dir(d) {
			p := filepath.Join(d, "node_modules", filepath.FromSlash(spec))
			cands = append(cands, p, p+".json", filepath.Join(p, "tsconfig.json"))
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	for _, c := range cands {
		if info, err := os.Stat(c); err == nil && !info.IsDir() {
			return c
		}
	}
	return ""
}

// pkg adds the aliases a package directory defines: its tsconfig (for its
// own files), its package.json "imports" (for its own files), and its name
// (for every file).
func (l *aliasLoader) pkg(dir string) {
	if l.pkgSeen[dir] {
		return
	}
	l.pkgSeen[dir] = true
	scope := filepath.ToSlash(dir)
	if cfg := projectConfig(dir); cfg != "" {
		l.tsconfig(cfg, scope)
	}
	pj, ok := readPackageJSON(dir)
	if !ok {
		return
	}
	var keys []string
	for k := range pj.Imports {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !strings.HasPrefix(k, "#") {
			continue
		}
		a := sem.Alias{Pattern: k, Scope: scope}
		for _, t := range conditionTargets(pj.Imports[k]) {
			if strings.HasPrefix(t, "./") {
				a.Targets = append(a.Targets, sourceTargets(dir, t)...)
			}
		}
		if len(a.Targets) > 0 {
			l.out = append(l.out, a)
		}
	}
	if pj.Name != "" {
		l.out = append(l.out, nameAliases(pj.Name, dir, &pj, "")...)
	}
	// A dependency on a local directory ("Common": "file:../Common") is
	// installed as a link under the name the dependency gives it, which
	// need not be the package's own: the package's files import it by
	// that name.
	local := localDependencies(dir, &pj)
	names := make([]string, 0, len(local))
	for name := range local {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		target := local[name]
		if dep, ok := readPackageJSON(target); ok {
			l.out = append(l.out, nameAliases(name, target, &dep, scope)...)
		}
	}
}

// packageJSON holds the fields of a package.json that say how its
// modules are named and which local packages it depends on.
type packageJSON struct {
	Name                 string            `json:"name"`
	Main                 string            `json:"main"`
	Module               string            `json:"module"`
	Types                string            `json:"types"`
	Source               string            `json:"source"`
	Imports              map[string]any    `json:"imports"`
	Exports              json.RawMessage   `json:"exports"`
	Dependencies         map[string]string `json:"dependencies"`
	DevDependencies      map[string]string `json:"devDependencies"`
	OptionalDependencies map[string]string `json:"optionalDependencies"`
}

// readPackageJSON reads the package.json of dir.
func readPackageJSON(dir string) (packageJSON, bool) {
	var pj packageJSON
	data, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil || json.Unmarshal(data, &pj) != nil {
		return pj, false
	}
	return pj, true
}

// localDependency returns the relative directory of a dependency
// installed from the file system ("file:../common", "link:../common"),
// or false.
func localDependency(version string) (string, bool) {
	for _, proto := range []string{"file:", "link:"} {
		if rel, ok := strings.CutPrefix(version, proto); ok && rel != "" && !strings.HasSuffix(rel, ".tgz") && !strings.HasSuffix(rel, ".tar.gz") {
			return rel, true
		}
	}
	return "", false
}

// nameAliases returns the aliases that make name and name/... resolve to
// the source of the package in dir, for the files under scope ("" for
// every file): its exports, entry points and files.
func nameAliases(name, dir string, pj *packageJSON, scope string) []sem.Alias {
	var out []sem.Alias
	var entries []string
	var exports any
	if json.Unmarshal(pj.Exports, &exports) == nil {
		switch e := exports.(type) {
		case string:
			entries = append(entries, e)
		case map[string]any:
			if dot, ok := e["."]; ok {
				entries = append(entries, conditionTargets(dot)...)
			} else if !strings.HasPrefix(firstKey(e), ".") {
				entries = append(entries, conditionTargets(e)...)
			}
			out = append(out, exportSubpaths(name, dir, e)...)
		}
	}
	for _, e := range []string{pj.Source, pj.Types, pj.Module, pj.Main, "src/index", "index"} {
		if e != "" {
			entries = append(entries, e)
		}
	}
	main := sem.Alias{Pattern: name}
	for _, e := range entries {
		main.Targets = append(main.Targets, sourceTargets(dir, e)...)
	}
	base := filepath.ToSlash(dir)
	out = append(out, main, sem.Alias{Pattern: name + "/*", Targets: []string{base + "/*", base + "/src/*"}})
	for i := range out {
		out[i].Scope = scope
	}
	return out
}

// exportSubpaths returns the aliases of a package's subpath exports
// ("./context": "./dist/context.js", "./feed/*": "./src/modules/feed/*.ts"):
// "@acme/store/feed/getter" names src/modules/feed/getter.ts. A pattern
// with its "*" anywhere but at the end is left out, and so is a subpath
// the package excludes (null).
func exportSubpaths(name, dir string, exports map[string]any) []sem.Alias {
	var keys []string
	for k := range exports {
		if strings.HasPrefix(k, "./") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var out []sem.Alias
	for _, k := range keys {
		star := strings.Contains(k, "*")
		if star && (strings.Count(k, "*") > 1 || !strings.HasSuffix(k, "*")) {
			continue
		}
		a := sem.Alias{Pattern: name + k[1:]}
		for _, t := range conditionTargets(exports[k]) {
			if strings.HasPrefix(t, "./") && strings.Count(t, "*") == strings.Count(k, "*") {
				a.Targets = append(a.Targets, sourceTargets(dir, t)...)
			}
		}
		if len(a.Targets) > 0 {
			out = append(out, a)
		}
	}
	return out
}

func firstKey(m map[string]any) string {
	for k := range m {
		return k
	}
	return ""
}

// conditionTargets flattens a package.json export or import target: a
// string, an array, or an object of conditions (import, require, types,
// default, ...).
func conditionTargets(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, x := range t {
			out = append(out, conditionTargets(x)...)
		}
		return out
	case map[string]any:
		var keys []string
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var out []string
		for _, k := range keys {
			out = append(out, conditionTargets(t[k])...)
		}
		return out
	}
	return nil
}

// sourceTargets returns where a package file's source may be: the path
// itself, and for built output (dist/, build/, lib/, out/) the same path
// under src/, with a declaration file's extension removed.
func sourceTargets(dir, rel string) []string {
	rel = strings.TrimPrefix(filepath.ToSlash(rel), "./")
	for _, ext := range []string{".d.ts", ".d.mts", ".d.cts"} {
		rel = strings.TrimSuffix(rel, ext)
	}
	base := filepath.ToSlash(dir)
	out := []string{base + "/" + rel}
	for _, built := range []string{"dist/", "build/", "lib/", "out/"} {
		if rest, ok := strings.CutPrefix(rel, built); ok {
			out = append(out, base+"/src/"+rest)
		}
	}
	return out
}

func fileExists(p string) bool {
	info, err := os.Stat(p)
	return err == nil && !info.IsDir()
}

// StripJSONC removes comments and trailing commas from JSON with comments,
// keeping every other byte (and so every line and column) in place.
func StripJSONC(data []byte) []byte {
	out := make([]byte, len(data))
	copy(out, data)
	inStr := false
	for i := 0; i < len(out); i++ {
		c := out[i]
		switch {
		case inStr:
			if c == '\\' {
				i++
			} else if c == '"' {
				inStr = false
			}
		case c == '"':
			inStr = true
		case c == '/' && i+1 < len(out) && out[i+1] == '/':
			for ; i < len(out) && out[i] != '\n'; i++ {
				out[i] = ' '
			}
		case c == '/' && i+1 < len(out) && out[i+1] == '*':
			j := i
			for ; j < len(out) && !(out[j] == '*' && j+1 < len(out) && out[j+1] == '/'); j++ {
				if out[j] != '\n' {
					out[j] = ' '
				}
			}
			for k := j; k < len(out) && k <= j+1; k++ {
				out[k] = ' '
			}
			i = j + 1
		case c == ',':
			j := i + 1
			for j < len(out) && strings.ContainsRune(" \t\r\n", rune(out[j])) {
				j++
			}
			if j < len(out) && (out[j] == '}' || out[j] == ']') {
				out[i] = ' '
			}
		}
	}
	return out
}
