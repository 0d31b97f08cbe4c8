package engine

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/racecheck/racecheck/internal/sem"
)

// workspaceDeps returns the directories of the workspace packages that the
// scanned files import by name (import { x } from "@acme/db") but that lie
// outside the scanned paths: the repository's package.json "workspaces"
// and pnpm-workspace.yaml "packages" say where its packages are; and the
// packages the scanned packages install from a directory under the name
// they are imported by ("Common": "file:../Common"). Their files are
// indexed, so that calls into them are followed, and not checked.
func workspaceDeps(paths []string, files []*sem.File) []string {
	var scanned []string
	for _, p := range paths {
		if abs, err := filepath.Abs(p); err == nil {
			scanned = append(scanned, abs)
		}
	}
	imported := map[string]bool{}
	for _, f := range files {
		for _, s := range f.Specs {
			if s != "" && !strings.HasPrefix(s, ".") && !strings.HasPrefix(s, "/") {
				imported[packageOfSpec(s)] = true
			}
		}
	}
	var out []string
	seen := map[string]bool{}
	for _, root := range workspaceRoots(scanned) {
		for _, dir := range workspacePackageDirs(root) {
			if seen[dir] || under(dir, scanned) || contains(dir, scanned) {
				continue
			}
			seen[dir] = true
			if name := packageName(dir); name != "" && imported[name] {
				out = append(out, dir)
			}
		}
	}
	// Dependencies the scanned packages install from a directory
	// ("Common": "file:../Common"), by the name they give them.
	var abs []string
	for _, f := range files {
		abs = append(abs, f.Abs)
	}
	for _, pkg := range packageDirs(abs) {
		pj, ok := readPackageJSON(pkg)
		if !ok {
			continue
		}
		for name, dir := range localDependencies(pkg, &pj) {
			if seen[dir] || !imported[name] || under(dir, scanned) || contains(dir, scanned) {
				continue
			}
			seen[dir] = true
			out = append(out, dir)
		}
	}
	sort.Strings(out)
	return out
}

// localDependencies maps the dependencies the package in pkg, whose
// package.json is pj, installs from a directory to the directories, for
// those that hold a package.json.
func localDependencies(pkg string, pj *packageJSON) map[string]string {
	out := map[string]string{}
	for _, deps := range []map[string]string{pj.Dependencies, pj.DevDependencies, pj.OptionalDependencies} {
		for name, version := range deps {
			if rel, ok := localDependency(version); ok {
				dir := filepath.Join(pkg, filepath.FromSlash(rel))
				if fileExists(filepath.Join(dir, "package.json")) {
					out[name] = dir
				}
			}
		}
	}
	return out
}

// packageOfSpec returns the package a bare specifier names: @scope/name
// for scoped ones, the first segment otherwise.
func packageOfSpec(spec string) string {
	parts := strings.SplitN(spec, "/", 3)
	if strings.HasPrefix(spec, "@") && len(parts) >= 2 {
		return parts[0] + "/" + parts[1]
	}
	return parts[0]
}

// workspaceRoots returns the directories above the scanned paths, up to
// the repository root, that declare workspaces.
func workspaceRoots(scanned []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range scanned {
		for d := p; ; d = filepath.Dir(d) {
			if !seen[d] {
				seen[d] = true
				if len(workspacePatterns(d)) > 0 {
					out = append(out, d)
				}
			}
			if isRepoRoot(d) {
				break
			}
		}
	}
	return out
}

// workspacePatterns reads the package globs of a workspace root:
// package.json "workspaces" (an array, or { "packages": [...] }) and
// pnpm-workspace.yaml "packages".
func workspacePatterns(dir string) []string {
	var out []string
	if data, err := os.ReadFile(filepath.Join(dir, "package.json")); err == nil {
		var pj struct {
			Workspaces json.RawMessage `json:"workspaces"`
		}
		if json.Unmarshal(data, &pj) == nil && len(pj.Workspaces) > 0 {
			var list []string
			var obj struct {
				Packages []string `json:"packages"`
			}
			if json.Unmarshal(pj.Workspaces, &list) == nil {
				out = append(out, list...)
			} else if json.Unmarshal(pj.Workspaces, &obj) == nil {
				out = append(out, obj.Packages...)
			}
		}
	}
	if data, err := os.ReadFile(filepath.Join(dir, "pnpm-workspace.yaml")); err == nil {
		out = append(out, pnpmPackages(string(data))...)
	}
	return out
}

// pnpmPackages reads the list under the top-level "packages:" key of a
// pnpm-workspace.yaml; the rest of the YAML is not needed.
func pnpmPackages(text string) []string {
	var out []string
	in := false
	for _, line := range strings.Split(text, "\n") {
		t := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "packages:"):
			in = true
		case in && strings.HasPrefix(t, "- "):
			out = append(out, strings.Trim(strings.TrimSpace(t[2:]), `"'`))
		case in && t != "" && !strings.HasPrefix(t, "#") && !strings.HasPrefix(line, " ") && !strings.HasPrefix(line, "\t"):
			in = false
		}
	}
	return out
}

// workspacePackageDirs expands a workspace root's globs into the
// directories holding a package.json: literal directories, "dir/*" and
// "dir/**" (searched three levels deep); negated globs are skipped.
func workspacePackageDirs(root string) []string {
	var out []string
	for _, pat := range workspacePatterns(root) {
		if pat == "" || strings.HasPrefix(pat, "!") {
			continue
		}
		pat = strings.TrimSuffix(strings.TrimPrefix(pat, "./"), "/")
		base, depth := pat, 0
		switch {
		case strings.HasSuffix(pat, "/**"):
			base, depth = strings.TrimSuffix(pat, "/**"), 3
		case strings.HasSuffix(pat, "/*"):
			base, depth = strings.TrimSuffix(pat, "/*"), 1
		}
		if strings.ContainsAny(base, "*?[") {
			continue
		}
		collectPackages(filepath.Join(root, filepath.FromSlash(base)), depth, &out)
	}
	return out
}

func collectPackages(dir string, depth int, out *[]string) {
	if _, err := os.Stat(filepath.Join(dir, "package.json")); err == nil {
		*out = append(*out, dir)
	}
	if depth == 0 {
		return
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.IsDir() && e.Name() != "node_modules" && !strings.HasPrefix(e.Name(), ".") {
			collectPackages(filepath.Join(dir, e.Name()), depth-1, out)
		}
	}
}

// packageName reads the "name" of dir's package.json.
func packageName(dir string) string {
	data, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return ""
	}
	var pj struct {
		Name string `json:"name"`
	}
	if json.Unmarshal(data, &pj) != nil {
		return ""
	}
	return pj.Name
}

// under reports whether dir is one of the roots or inside one.
func under(dir string, roots []string) bool {
	for _, r := range roots {
		if dir == r || strings.HasPrefix(dir, r+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// contains reports whether dir holds one of the roots: a package that
// encloses a scanned path is already indexed through it, or is the
// repository root itself.
func contains(dir string, roots []string) bool {
	for _, r := range roots {
		if strings.HasPrefix(r, dir+string(filepath.Separator)) {
			return true
		}
	}
	return false
}
