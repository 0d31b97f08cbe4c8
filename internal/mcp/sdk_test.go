package mcp_test

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/racecheck/racecheck/internal/nodetest"
)

// TestWithSDKClient connects the official MCP SDK client (from npm, in
// testdata/client) to the racecheck binary: it lists the tools, scans a racy
// snippet and explains a rule. Run `npm ci --prefix internal/mcp/testdata/client`
// first; without it the test skips, unless RACECHECK_REQUIRE_NODE_TESTS=1.
func TestWithSDKClient(t *testing.T) {
	node, _ := nodetest.Require(t, filepath.Join("testdata", "client"), "@modelcontextprotocol/sdk")
	bin := nodetest.Build(t)
	cmd := exec.Command(node, "client.mjs", bin)
	cmd.Dir = filepath.Join("testdata", "client")
	out, err := cmd.Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("client: %v\n%s", err, stderr)
	}
	var got struct {
		Server struct{ Name string }
		Tools  []string
		Found  []struct {
			Rule, File, Severity string
			Line                 int
			Related              []struct{ Line int }
		} `json:"findings"`
		Explain        string
		UnknownIsError bool
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("client output %q: %v", out, err)
	}
	if got.Server.Name != "racecheck" {
		t.Errorf("server name = %q", got.Server.Name)
	}
	if !reflect.DeepEqual(got.Tools, []string{"scan", "explain", "rules"}) {
		t.Errorf("tools = %v", got.Tools)
	}
	if len(got.Found) != 1 {
		t.Fatalf("findings = %+v, want one check-then-act", got.Found)
	}
	f := got.Found[0]
	if f.Rule != "check-then-act" || f.File != "src/wallet.ts" || f.Line != 6 || f.Severity != "high" ||
		len(f.Related) != 2 || f.Related[0].Line != 4 || f.Related[1].Line != 5 {
		t.Errorf("finding = %+v, want check-then-act at src/wallet.ts:6 (read at 4, checked at 5)", f)
	}
	if got.Explain != "# check-then-act" {
		t.Errorf("explain's first line = %q", got.Explain)
	}
	if !got.UnknownIsError {
		t.Error("explain of an unknown rule is not an error result")
	}
}
