package probe

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/racecheck/racecheck/internal/nodetest"
)

// requireNode returns the path of node and of testdata/DIR, whose npm
// packages must be installed (see nodetest.Require).
func requireNode(t *testing.T, dir string) (string, string) {
	t.Helper()
	return nodetest.Require(t, filepath.Join("testdata", dir))
}

// snippet returns the lines of apps.js between the markers of a framework,
// without their common indentation.
func snippet(t *testing.T, src, name string) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)// timing:` + name + `:start\n(.*?)\n\s*// timing:` + name + `:end`).FindStringSubmatch(src)
	if m == nil {
		t.Fatalf("apps.js has no %s snippet", name)
	}
	lines := strings.Split(m[1], "\n")
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, "  ")
	}
	return strings.Join(lines, "\n")
}

// TestNodeTimingMiddleware runs the arrival-time middleware of
// docs/probe-timing.md in Express, Fastify and Koa, and checks that the
// probe reads an arrival spread from every response. The middleware in
// the document is the code that runs here.
func TestNodeTimingMiddleware(t *testing.T) {
	node, dir := requireNode(t, "timing-apps")
	src, err := os.ReadFile(filepath.Join(dir, "apps.js"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "probe-timing.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"express", "fastify", "koa"} {
		if s := snippet(t, string(src), name); !strings.Contains(string(doc), s) {
			t.Errorf("docs/probe-timing.md does not show the %s middleware that is tested:\n%s", name, s)
		}
	}
	bin := nodetest.Build(t)
	line := firstLine(t, node, dir, "apps.js", nil, 20*time.Second)
	var ports map[string]int
	if err := json.Unmarshal([]byte(line), &ports); err != nil || len(ports) != 4 {
		t.Fatalf("apps.js announced %q", line)
	}
	for _, name := range []string{"express", "fastify", "koa", "fastify_h2c"} {
		url := fmt.Sprintf("http://127.0.0.1:%d/hit", ports[name])
		probe := exec.Command(bin, "probe", "--format", "json", "-X", "POST", "-H", "Content-Type: application/json", "-d", `{"a":1}`,
			"-n", "20", "--trials", "3", "--timing-header", "X-Arrival-Ns", "--expect", "status 200 == 20", url)
		outb, err := probe.Output()
		if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, outb)
		}
		var rep Report
		if err := json.Unmarshal(outb, &rep); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if want := map[bool]string{true: modeH2, false: modePipeline}[name == "fastify_h2c"]; rep.Mode != want {
			t.Errorf("%s: mode %s, want %s", name, rep.Mode, want)
		}
		for _, tr := range rep.Trials {
			if tr.TimedResponses != 20 || tr.ArrivalSpreadMicros == nil || *tr.ArrivalSpreadMicros <= 0 || *tr.ArrivalSpreadMicros > 1e6 {
				t.Errorf("%s trial %d: %d timed responses, arrival spread %v", name, tr.Trial, tr.TimedResponses, tr.ArrivalSpreadMicros)
				continue
			}
			t.Logf("%s (%s) trial %d: send spread %.0fµs, arrival spread %.0fµs", name, rep.Mode, tr.Trial, tr.SendSpreadMicros, *tr.ArrivalSpreadMicros)
		}
	}
}
