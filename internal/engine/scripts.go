package engine

import (
	"encoding/json"
	"os"
	"path/filepath"

	"github.com/racecheck/racecheck/internal/models"
)

// scriptEntries returns the paths (absolute, slash-separated, as written:
// sem resolves them to files) that the package.json files above the
// scanned files run as commands: their "bin" entries, and the files their
// "scripts" run with node or a TypeScript runner (models.ScriptEntries).
func scriptEntries(abs []string) []string {
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
			out = append(out, filepath.ToSlash(filepath.Join(dir, filepath.FromSlash(r))))
		}
	}
	return out
}
