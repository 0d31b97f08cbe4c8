// Command racecheck finds concurrency bugs in Node.js and TypeScript back
// ends (racecheck scan) and proves them against a running app (racecheck
// probe). See 'racecheck help'.
package main

import (
	"os"
	"runtime/debug"

	"github.com/racecheck/racecheck/internal/cli"
)

// defaultMemoryLimit is the soft heap limit when GOMEMLIMIT is not set. A
// scan keeps every file's tree until the project index is built, so the
// heap grows with the code base; the limit makes the collector work harder
// instead of letting the heap double (a 7,000-file monorepo stays under
// 150 MiB). A larger code base goes past it, with the collector's CPU share
// capped by the runtime.
const defaultMemoryLimit = 128 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	os.Exit(cli.Main(os.Args[1:], cli.DefaultEnv()))
}
