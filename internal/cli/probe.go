package cli

import "github.com/racecheck/racecheck/internal/probe"

// probeCmd runs `racecheck probe`, which lives in its own package.
func probeCmd(args []string, env Env) int {
	return probe.Main(args, env.Stdout, env.Stderr)
}
