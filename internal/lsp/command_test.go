package lsp

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// frame frames message bodies as a client would.
func frame(bodies ...string) string {
	var b strings.Builder
	for _, body := range bodies {
		fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s", len(body), body)
	}
	return b.String()
}

func TestCommand(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stdin  string
		code   int
		stdout string
		stderr string
	}{
		{name: "help", args: []string{"-h"}, code: 0, stderr: "Usage: racecheck lsp [--stdio]\n"},
		{name: "a path", args: []string{"src"}, code: 2, stderr: "racecheck lsp: unexpected argument \"src\"; the server takes no paths (the editor opens the files)\n"},
		{name: "unknown flag", args: []string{"--tcp"}, code: 2, stderr: "flag provided but not defined: -tcp\n"},
		{name: "input ends", args: []string{"--stdio"}, code: 1},
		{name: "broken framing", stdin: "hello\r\n\r\n", code: 1, stderr: "racecheck lsp: lsp: malformed message header: \"hello\"\n"},
		{
			name: "clean session",
			stdin: frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`,
				`{"jsonrpc":"2.0","method":"initialized","params":{}}`,
				`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`,
				`{"jsonrpc":"2.0","method":"exit"}`),
			code: 0,
			stdout: frame(`{"jsonrpc":"2.0","id":1,"result":{"capabilities":{"codeActionProvider":{"codeActionKinds":["quickfix"]},"hoverProvider":true,"positionEncoding":"utf-16","textDocumentSync":{"change":1,"openClose":true,"save":{"includeText":true}},"workspace":{"workspaceFolders":{"changeNotifications":true,"supported":true}}},"serverInfo":{"name":"racecheck","version":"v9"}}}`,
				`{"jsonrpc":"2.0","id":2,"result":null}`),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := Command(tt.args, strings.NewReader(tt.stdin), &stdout, &stderr, "v9")
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, stderr.String())
			}
			if stdout.String() != tt.stdout {
				t.Errorf("stdout\n%q\nwant\n%q", stdout.String(), tt.stdout)
			}
			if !strings.HasPrefix(stderr.String(), tt.stderr) || tt.stderr == "" && stderr.Len() > 0 {
				t.Errorf("stderr %q, want it to start with %q", stderr.String(), tt.stderr)
			}
		})
	}
}
