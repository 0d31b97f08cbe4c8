package lsp

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

const usage = `Usage: racecheck lsp [--stdio]

Serves racecheck to editors over the Language Server Protocol on standard
input and output. An editor starts it as the command "racecheck lsp" for
JavaScript and TypeScript files; it then publishes racecheck's findings as
diagnostics on open, change and save, offers a quick fix that adds a
racecheck-ignore-next-line comment, and shows a rule's documentation on
hover. The project is the workspace folder holding a file; racecheck.json
applies as it does to racecheck scan.

--stdio is accepted for clients that pass it; standard input and output is
the only transport.
`

// Command runs `racecheck lsp` with its arguments and returns the exit
// status: 0 after a clean shutdown, 1 when the session ended without one
// or broke, 2 for a usage error.
func Command(args []string, stdin io.Reader, stdout, stderr io.Writer, version string) int {
	fs := flag.NewFlagSet("lsp", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Bool("stdio", true, "use standard input and output (the default and only transport)")
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() != 0 {
		fmt.Fprintf(stderr, "racecheck lsp: unexpected argument %q; the server takes no paths (the editor opens the files)\n\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	s := &Server{Version: version}
	switch err := s.Serve(stdin, stdout); {
	case err == nil:
		return 0
	case errors.Is(err, ErrNoShutdown):
		return 1
	default:
		fmt.Fprintf(stderr, "racecheck lsp: %v\n", err)
		return 1
	}
}
