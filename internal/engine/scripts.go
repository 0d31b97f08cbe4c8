package engine

import (
	"encoding/json"
	"os"
	"path/filepath"

	"github.com/racecheck/racecheck/internal/models"
)

// scriptEntries returns the project files (absolute, slash-separated)
// that the package.json files above the scanned files run as commands:
// their "bin" entries, and the files their "scripts" run with node or a
// TypeScript runner (models.ScriptEntries). A path names a file of the
// project directly, with a source extension added, or as a directory's
// index.
func scriptEntries(abs []string) []string {
	known := make(map[string]bool, len(abs))
	for _, a := range abs {
		known[a] = true
	}
	var out []string
	for _, dir := range packageDirs(abs) {
		data, err := os.ReadFile(filepath.Join(dir, "package.json"))
		if err != nil {
			continue
		}
		var pkg struct {
			Bin     json.RawMessage   `json:"bin"`
			Scripts map[string]string `json:"scripts"`
		}
		if json.Unmarshal(data, &pkg) != nil {
			continue
		}
		var rel []string
		var one string
		var many map[string]string
		if json.Unmarshal(pkg.Bin, &one) == nil && one != "" {
			rel = append(rel, one)
		} else if json.Unmarshal(pkg.Bin, &many) == nil {
			for _, v := range many {
				rel = append(rel, v)
			}
		}
		for _, cmd := range pkg.Scripts {
			rel = append(rel, models.ScriptEntries(cmd)...)
		}
		for _, r := range rel {
			if f, ok := projectFile(known, filepath.Join(dir, filepath.FromSlash(r))); ok {
				out = append(out, f)
			}
		}
	}
	return out
}

// projectFile finds the project file a path a runner is given names.
func projectFile(known map[string]bool, p string) (string, bool) {
	base := filepath.ToSlash(filepath.Clean(p))
	if known[base] {
		return base, true
	}
	for _, ext := range []string{".js", ".ts", ".mjs", ".cjs", ".mts", ".cts", ".jsx", ".tsx"} {
		if known[base+ext] {
			return base + ext, true
		}
		if known[base+"/index"+ext] {
			return base + "/index" + ext, true
		}
	}
	return "", false
}
