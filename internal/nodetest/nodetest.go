// Package nodetest holds what racecheck's tests that drive it from Node
// share: finding node and the npm packages a test client needs, and
// building the racecheck command. Those tests skip when node or the
// packages are missing, unless the environment sets
// RACECHECK_REQUIRE_NODE_TESTS=1, in which case they fail.
package nodetest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Require returns the path of node and the absolute path of dir (a
// directory with a package.json, relative to the test's package), after
// checking that each of the packages is installed in dir/node_modules.
func Require(t testing.TB, dir string, packages ...string) (node, abs string) {
	t.Helper()
	miss := func(why string) {
		t.Helper()
		if os.Getenv("RACECHECK_REQUIRE_NODE_TESTS") == "1" {
			t.Fatal(why)
		}
		t.Skip(why)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		miss("node is not installed")
	}
	if abs, err = filepath.Abs(dir); err != nil {
		t.Fatal(err)
	}
	for _, p := range append([]string{""}, packages...) {
		if _, err := os.Stat(filepath.Join(abs, "node_modules", p)); err != nil {
			miss("the npm packages of " + dir + " are not installed: npm ci --prefix " + abs)
		}
	}
	return node, abs
}

// Build builds the racecheck command into a temporary directory, with
// extra go build flags, and returns its path.
func Build(t testing.TB, flags ...string) string {
	t.Helper()
	gomod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatalf("go env GOMOD: %v", err)
	}
	root := filepath.Dir(string(bytes.TrimSpace(gomod)))
	bin := filepath.Join(t.TempDir(), "racecheck")
	args := append(append([]string{"build"}, flags...), "-o", bin, "./cmd/racecheck")
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}
