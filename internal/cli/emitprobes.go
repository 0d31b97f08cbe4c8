package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/probegen"
)

// emitProbes writes a probe scenario for each finding in a route handler
// into dir (created when missing) and says on standard error how many.
func emitProbes(env Env, dir string, findings []analysis.Finding) error {
	files := probegen.Generate(findings, probegen.Options{})
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("--emit-probes: %v", err)
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Content, 0o644); err != nil {
			return fmt.Errorf("--emit-probes: %v", err)
		}
	}
	routed := 0
	for _, f := range findings {
		if f.Route != nil {
			routed++
		}
	}
	fmt.Fprintf(env.Stderr, "racecheck: %d of %d findings are in a route handler; wrote %d probe scenarios to %s\n",
		routed, len(findings), len(files), dir)
	return nil
}
