package lsp

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/racecheck/racecheck/internal/nodetest"
)

// wantClient is what testdata/client/client.mjs prints, compacted: the
// diagnostics on open (the race seen through another module), the hover,
// none after the fix, the quick fix, none after it is applied, on save and
// on close, the watcher registration and a clean exit.
const wantClient = `{"server":"racecheck","sync":{"change":1,"openClose":true,"save":{"includeText":true}},` +
	`"open":{"version":1,"diagnostics":[{"range":{"start":{"line":7,"character":8},"end":{"line":7,"character":47}},"severity":1,"source":"racecheck","code":"check-then-act",` +
	`"href":"https://github.com/racecheck/racecheck/blob/main/internal/rules/docs/check-then-act.md",` +
	`"message":"wallets[userId] read at line 4 decides the write at line 8; another request can change it in between, so the write acts on a stale check",` +
	`"related":[{"uri":"WS/src/wallet.ts","line":3,"message":"read here"},{"uri":"WS/src/wallet.ts","line":4,"message":"checked here"}]}]},` +
	"\"hover\":\"**racecheck** `check-then-act` (high): an awaited read of external state decides a write to the same record with no atomic write, row lock or lock around both\"," +
	`"fixed":{"version":2,"diagnostics":[]},"racyAgain":["check-then-act"],` +
	`"actions":[{"title":"Suppress check-then-act here with a racecheck-ignore-next-line comment","kind":"quickfix",` +
	`"edits":[{"range":{"start":{"line":7,"character":0},"end":{"line":7,"character":0}},"newText":"  // racecheck-ignore-next-line check-then-act -- reason: TODO explain why this is safe\n"}]}],` +
	`"suppressed":{"version":4,"diagnostics":[]},"saved":{"version":4,"diagnostics":[]},"closed":{"version":null,"diagnostics":[]},` +
	`"registrations":["workspace/didChangeWatchedFiles"],"exitCode":0}`

// TestWithLSPClient runs the racecheck binary under the LSP client library
// of VS Code's language client (from npm, in testdata/client). Run
// `npm ci --prefix internal/lsp/testdata/client` first; without it the test
// skips, unless RACECHECK_REQUIRE_NODE_TESTS=1.
func TestWithLSPClient(t *testing.T) {
	node, _ := nodetest.Require(t, filepath.Join("testdata", "client"), "vscode-languageserver-protocol")
	bin := nodetest.Build(t)
	cmd := exec.Command(node, "client.mjs", bin)
	cmd.Dir = filepath.Join("testdata", "client")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("client: %v\n%s", err, stderr.Bytes())
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, out); err != nil {
		t.Fatalf("client output %q: %v", out, err)
	}
	if compact.String() != wantClient {
		t.Errorf("client saw\n%s\nwant\n%s", compact.String(), wantClient)
	}
}
