package cli

import (
	"bytes"
	"flag"
	"fmt"
	"io"

	"github.com/racecheck/racecheck/internal/mcp"
)

const mcpUsage = `Usage: racecheck mcp

Serves racecheck to coding agents over the Model Context Protocol on standard
input and output, with three tools: scan (paths, or source text with a file
name; the same analysis and JSON report as 'racecheck scan --format json',
with the project's racecheck.json and suppression comments), explain and
rules. Configure it in an agent as the command "racecheck mcp", started in
the project's directory.
`

// mcpCmd runs `racecheck mcp`.
func mcpCmd(args []string, env Env) int {
	fs := flag.NewFlagSet("mcp", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() { fmt.Fprint(env.Stderr, mcpUsage) }
	if err := fs.Parse(args); err != nil {
		return usageErr(err)
	}
	if fs.NArg() != 0 {
		fs.Usage()
		return ExitError
	}
	s := &mcp.Server{Version: Version, Rules: allRules(), Scan: agentScan(env)}
	if err := s.Serve(env.Stdin, env.Stdout); err != nil {
		return fail(env, err)
	}
	return ExitPass
}

// agentScan runs `racecheck scan --format json` in process, with its
// output captured, for the MCP server.
func agentScan(env Env) func(args []string, stdin []byte) ([]byte, string, int) {
	return func(args []string, stdin []byte) ([]byte, string, int) {
		var out, errs bytes.Buffer
		scanEnv := Env{
			Stdin:      bytes.NewReader(stdin),
			Stdout:     &out,
			Stderr:     &errs,
			Getenv:     env.Getenv,
			IsTerminal: func(io.Writer) bool { return false },
		}
		code := scanCmd(append([]string{"--format", "json", "--no-progress"}, args...), scanEnv)
		return out.Bytes(), errs.String(), code
	}
}
