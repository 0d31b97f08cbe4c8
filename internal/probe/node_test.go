package probe

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// startNode runs a Node.js script with PORT=0 and returns the base URL it
// announces on its first output line ("... PORT" or "... http://host:PORT").
func startNode(t testing.TB, dir, script string) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed; skipping the Node.js server tests")
	}
	line := firstLine(t, node, dir, script, []string{"PORT=0"}, 15*time.Second)
	m := regexp.MustCompile(`(\d+)$`).FindStringSubmatch(strings.TrimSpace(line))
	if m == nil {
		t.Fatalf("%s did not announce its port (got %q)", script, line)
	}
	return "http://127.0.0.1:" + m[1]
}

// firstLine starts node on script in dir, with env added, stops it when
// the test ends, and returns the first line it prints; the test fails when
// none comes within timeout.
func firstLine(t testing.TB, node, dir, script string, env []string, timeout time.Duration) string {
	t.Helper()
	cmd := exec.Command(node, script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		if sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
		for sc.Scan() {
		}
	}()
	select {
	case line, ok := <-lines:
		if !ok {
			t.Fatalf("%s printed nothing before it exited", script)
		}
		return line
	case <-time.After(timeout):
		t.Fatalf("%s did not start in time", script)
	}
	return ""
}

var (
	expressOnce sync.Once
	expressDir  string
	expressSkip string
)

// expressApp installs express into a temporary directory once per test
// binary and returns the directory holding the app.
func expressApp(t testing.TB) string {
	expressOnce.Do(func() {
		npm, err := exec.LookPath("npm")
		if err != nil {
			expressSkip = "npm is not installed"
			return
		}
		if _, err := exec.LookPath("node"); err != nil {
			expressSkip = "node is not installed"
			return
		}
		dir, err := os.MkdirTemp("", "racecheck-express-")
		if err != nil {
			expressSkip = err.Error()
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, npm, "install", "express@4", "--no-audit", "--no-fund", "--silent")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			os.RemoveAll(dir)
			expressSkip = fmt.Sprintf("npm install express@4 failed (offline?): %v: %s", err, clip(string(out), 300))
			return
		}
		src, err := os.ReadFile(filepath.Join("testdata", "express-app.js"))
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, "app.js"), src, 0o644)
		}
		if err != nil {
			expressSkip = err.Error()
			return
		}
		expressDir = dir
	})
	if expressSkip != "" {
		t.Skip(expressSkip)
	}
	return expressDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if expressDir != "" {
		os.RemoveAll(expressDir)
	}
	os.Exit(code)
}

// TestNodeExpress races an Express app over HTTP/1.1: auto mode falls back
// to pipelining (Express has no HTTP/2), which shows the race, and the safe
// endpoint passes.
func TestNodeExpress(t *testing.T) {
	base := startNode(t, expressApp(t), "app.js")
	common := []string{"-X", "POST", "-H", "Content-Type: application/json", "-d", `{"amount":100}`,
		"--setup", "POST " + base + "/reset", "--expect", "status 2xx == 1",
		"--check", "GET " + base + "/state .balance >= 0"}
	for _, mode := range []string{"auto", "h1-lastbyte"} {
		t.Run(mode, func(t *testing.T) {
			trials := 20
			rep, code, stderr := runProbe(t, append(common, "--mode", mode, "--trials", fmt.Sprint(trials), base+"/withdraw")...)
			if code != 1 {
				t.Fatalf("racy: exit %d (%s)", code, stderr)
			}
			if mode == "auto" && (rep.Mode != "h1-pipeline" || !strings.Contains(rep.ModeReason, "HTTP/1.x")) {
				t.Errorf("auto picked %q: %s", rep.Mode, rep.ModeReason)
			}
			got := countFailed(rep)
			min := trials * 95 / 100
			if mode == "h1-lastbyte" {
				min = trials / 2 // separate sockets are read in separate event-loop turns more often
			}
			if got < min {
				t.Errorf("racy %s: race shown in %d of %d trials, want >= %d", mode, got, trials, min)
			}
			rep, code, stderr = runProbe(t, append(common, "--mode", mode, "--trials", "20", base+"/withdraw-safe")...)
			if code != 0 || countFailed(rep) != 0 {
				t.Fatalf("safe: exit %d, %d failed (%s)", code, countFailed(rep), stderr)
			}
		})
	}
}

// TestNodeExampleServer runs examples/probe-server (no npm needed): auto
// mode finds h2c, the single-packet attack shows the race, the safe twin
// and the example scenario behave.
func TestNodeExampleServer(t *testing.T) {
	dir, _ := filepath.Abs("../../examples/probe-server")
	base := startNode(t, dir, "server.js")
	args := []string{"-X", "POST", "--trials", "20", "--setup", "POST " + base + "/reset",
		"--expect", "status 2xx == 1", "--check", "GET " + base + "/state .remaining >= 0"}
	rep, code, stderr := runProbe(t, append(args, base+"/redeem")...)
	if code != 1 || rep.Mode != "h2" || countFailed(rep) < 19 {
		t.Fatalf("racy: exit %d, mode %s, failed %d of %d (%s)", code, rep.Mode, countFailed(rep), len(rep.Trials), stderr)
	}
	rep, code, stderr = runProbe(t, append(args, "--trials", "50", base+"/redeem-safe")...)
	if code != 0 || len(rep.Trials) != 50 {
		t.Fatalf("safe: exit %d, %d trials (%s)", code, len(rep.Trials), stderr)
	}
	for _, tr := range rep.Trials {
		if tr.Statuses["200"] != 1 || tr.Statuses["409"] != 19 {
			t.Fatalf("safe trial %d: %v", tr.Trial, tr.Statuses)
		}
	}
	rep, code, stderr = runProbe(t, "--scenario", "../../examples/probe/coupon.yaml", base)
	if code != 1 || countFailed(rep) < 4 {
		t.Fatalf("coupon.yaml: exit %d, failed %d (%s)", code, countFailed(rep), stderr)
	}
	rep, code, stderr = runProbe(t, "--scenario", "../../examples/probe/coupon.json", base)
	if code == 2 || len(rep.Trials) != 5 || rep.N != 20 {
		t.Fatalf("coupon.json: exit %d, %d trials (%s)", code, len(rep.Trials), stderr)
	}
}
