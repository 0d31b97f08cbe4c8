package engine

import (
	"encoding/json"
	"os"
	"path/filepath"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/sem"
)

// markRuntimes sets, for each file, the framework its package runs under
// when that framework logs unhandled rejections (models.RejectionLogger),
// from the dependencies of the nearest package.json above the file.
func markRuntimes(files []*sem.File) {
	byDir := map[string]string{}
	var logger func(dir string) string
	logger = func(dir string) string {
		if v, ok := byDir[dir]; ok {
			return v
		}
		v := ""
		if data, err := os.ReadFile(filepath.Join(dir, "package.json")); err == nil {
			var pkg struct {
				Dependencies map[string]string `json:"dependencies"`
			}
			if json.Unmarshal(data, &pkg) == nil {
				v = models.RejectionLogger(pkg.Dependencies)
			}
		} else if parent := filepath.Dir(dir); parent != dir && !isRepoRoot(dir) {
			v = logger(parent)
		}
		byDir[dir] = v
		return v
	}
	for _, f := range files {
		f.RejectionLogger = logger(filepath.Dir(filepath.FromSlash(f.Abs)))
	}
}
