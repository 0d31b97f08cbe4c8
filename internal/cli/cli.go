// Package cli is racecheck's command line: it parses arguments, runs a
// command, prints, and returns the exit status.
package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/config"
	"github.com/racecheck/racecheck/internal/lsp"
	_ "github.com/racecheck/racecheck/internal/rules" // every rule registers itself
)

// Exit statuses.
const (
	ExitPass  = 0 // no finding at or above --fail-on
	ExitFail  = 1 // findings at or above --fail-on
	ExitError = 2 // usage, configuration or internal error
)

// Version is set at build time with -ldflags "-X ...cli.Version=v1.2.3".
var Version = "dev"

// Env is what a command may touch of the outside world.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// IsTerminal reports whether a writer is an interactive terminal.
	IsTerminal func(io.Writer) bool
}

// DefaultEnv is the process's own environment.
func DefaultEnv() Env {
	return Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, IsTerminal: isTerminal}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

const usage = `racecheck finds concurrency bugs in Node.js and TypeScript back ends.

Usage:
  racecheck scan [flags] [paths...]   analyse files and directories (default .)
  racecheck probe [flags] URL         fire synchronised requests at a running app
  racecheck init [flags] [dir]        write a starter racecheck.json and a GitHub Actions workflow
  racecheck rules                     list the rules
  racecheck explain RULE              show a rule's documentation
  racecheck lsp                       serve diagnostics, quick fixes and hovers to editors (LSP over stdio)
  racecheck mcp                       serve scan, explain and rules to coding agents (MCP over stdio)
  racecheck version                   print the version

Run 'racecheck COMMAND -h' for a command's flags.

Exit status: 0 pass, 1 findings at or above --fail-on (or a race shown by
probe), 2 usage, configuration or internal error.
`

// Main runs racecheck with args (without the program name) and returns the
// exit status.
func Main(args []string, env Env) int {
	if len(args) == 0 {
		fmt.Fprint(env.Stderr, usage)
		return ExitError
	}
	switch args[0] {
	case "scan":
		return scanCmd(args[1:], env)
	case "probe":
		return probeCmd(args[1:], env)
	case "init":
		return initCmd(args[1:], env)
	case "rules":
		return rulesCmd(args[1:], env)
	case "explain":
		return explainCmd(args[1:], env)
	case "lsp":
		return lsp.Command(args[1:], env.Stdin, env.Stdout, env.Stderr, Version)
	case "mcp":
		return mcpCmd(args[1:], env)
	case "version", "--version", "-version":
		fmt.Fprintf(env.Stdout, "racecheck %s\n", Version)
		return ExitPass
	case "help", "-h", "--help", "-help":
		fmt.Fprint(env.Stdout, usage)
		return ExitPass
	}
	fmt.Fprintf(env.Stderr, "racecheck: unknown command %q\n\n%s", args[0], usage)
	return ExitError
}

// parseInterspersed parses flags that may come before, between or after
// positional arguments, as most linters allow.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func rulesCmd(args []string, env Env) int {
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	format := fs.String("format", "text", "output `format`: text or json")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: racecheck rules [--format text|json]\n\nLists every rule with its default severity and title. invalid-suppression and\nunused-suppression are built in: they report problems with suppression comments.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return usageErr(err)
	}
	switch *format {
	case "json":
		type ruleJSON struct {
			ID       string `json:"id"`
			Severity string `json:"severity"`
			Title    string `json:"title"`
			Fix      string `json:"fix,omitempty"`
		}
		var out []ruleJSON
		for _, r := range allRules() {
			out = append(out, ruleJSON{r.ID, r.Severity.String(), r.Title, r.Fix})
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return fail(env, err)
		}
		return ExitPass
	case "text":
	default:
		return fail(env, fmt.Errorf("unknown --format %q for rules (want text or json)", *format))
	}
	width := 0
	for _, r := range allRules() {
		width = max(width, len(r.ID))
	}
	for _, r := range allRules() {
		fmt.Fprintf(env.Stdout, "%-*s  %-6s  %s\n", width, r.ID, r.Severity, r.Title)
	}
	return ExitPass
}

func explainCmd(args []string, env Env) int {
	fs := flag.NewFlagSet("explain", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: racecheck explain RULE\n\nShows a rule's documentation. 'racecheck rules' lists the ids.")
	}
	if err := fs.Parse(args); err != nil {
		return usageErr(err)
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return ExitError
	}
	r, ok := lookupRule(fs.Arg(0))
	if !ok {
		fmt.Fprintf(env.Stderr, "racecheck: unknown rule %q%s\n", fs.Arg(0), suggest(fs.Arg(0)))
		return ExitError
	}
	fmt.Fprintln(env.Stdout, strings.TrimSpace(r.Doc))
	return ExitPass
}

// suggest names the closest rule id, for typos.
func suggest(id string) string {
	if hint := config.DidYouMean(id, knownIDs()); hint != "" {
		return hint
	}
	return "; run 'racecheck rules' for the list"
}

func sortRules(rs []*analysis.Rule) {
	sort.Slice(rs, func(i, j int) bool { return rs[i].ID < rs[j].ID })
}

func usageErr(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return ExitPass
	}
	return ExitError
}
