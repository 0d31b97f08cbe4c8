// Command racecheck finds concurrency bugs in Node.js and TypeScript back
// ends (racecheck scan) and proves them against a running app (racecheck
// probe). See 'racecheck help'.
package main

import (
	"os"

	"github.com/racecheck/racecheck/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.DefaultEnv()))
}
