package probe

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every example file the usage text names exists.
func TestUsageNamesExistingFiles(t *testing.T) {
	names := regexp.MustCompile(`examples/[A-Za-z0-9_./-]+\.(yaml|json|js)`).FindAllString(usageText, -1)
	if len(names) == 0 {
		t.Fatal("the usage text names no example file")
	}
	for _, n := range names {
		if _, err := os.Stat(filepath.Join("..", "..", n)); err != nil {
			t.Errorf("usage names %s: %v", n, err)
		}
	}
	if !strings.Contains(usageText, "racecheck probe --scenario examples/probe/coupon.yaml") {
		t.Error("usage does not show the coupon scenario")
	}
}

// A mixed race group reports, for each request, how many were sent and
// how many succeeded.
func TestPerRequestCounts(t *testing.T) {
	b := newBank(raceWait)
	srv := startH2C(t, b, nil)
	dir := t.TempDir()
	sc := writeFile(t, dir, "mixed.json", `{
  "headers": {"Content-Type": "application/json"},
  "trials": 3,
  "setup": [{"method": "POST", "url": "/accounts", "body": {"balance": 300}, "status": 201, "capture": {"account": ".id"}}],
  "race": {"requests": [
    {"method": "POST", "url": "/accounts/{{account}}/withdraw-safe", "body": {"amount": 100}, "count": 12},
    {"method": "POST", "url": "/accounts/{{account}}/withdraw-safe", "body": {"amount": 200}, "count": 8},
    {"method": "GET", "url": "/accounts/{{account}}"}
  ]},
  "expect": ["status 2xx <= 4"]
}`)
	rep, code, stderr := runProbe(t, "--scenario", sc, srv.URL)
	if code != 0 || len(rep.Trials) != 3 {
		t.Fatalf("exit %d (%s) %+v", code, stderr, rep.Trials)
	}
	for _, tr := range rep.Trials {
		c := tr.Requests
		if len(c) != 3 {
			t.Fatalf("trial %d: %+v", tr.Trial, c)
		}
		acct := strings.TrimPrefix(c[0].Label, "POST "+srv.URL+"/accounts/")
		acct = strings.TrimSuffix(acct, "/withdraw-safe")
		if c[0].Request != 1 || c[0].Sent != 12 || c[1].Request != 2 || c[1].Sent != 8 || c[2].Sent != 1 || c[2].Successes != 1 ||
			c[2].Label != "GET "+srv.URL+"/accounts/"+acct {
			t.Errorf("trial %d: %+v", tr.Trial, c)
		}
		// 300 buys three 100s, one 100 and one 200, or... never more than 300
		spent := 100*c[0].Successes + 200*c[1].Successes
		if spent > 300 || spent < 200 || c[0].Successes+c[1].Successes+c[2].Successes != tr.Successes {
			t.Errorf("trial %d: %d x 100 and %d x 200 succeeded", tr.Trial, c[0].Successes, c[1].Successes)
		}
		if c[0].Statuses["200"] != c[0].Successes || c[0].Statuses["409"] != 12-c[0].Successes {
			t.Errorf("trial %d statuses %+v", tr.Trial, c[0])
		}
	}
	code, out, _ := runText("--scenario", sc, "--trials", "1", srv.URL)
	if code != 0 || !regexp.MustCompile(`  request 1 \(POST http://127\.0\.0\.1:\d+/accounts/acc-\d+/withdraw-safe\): \d+ of 12 succeeded; statuses 200 x\d+, 409 x\d+\n  request 2 \(POST .*\): \d+ of 8 succeeded; statuses .*\n  request 3 \(GET .*\): 1 of 1 succeeded; statuses 200 x1\n`).MatchString(out) {
		t.Errorf("text:\n%s", out)
	}
	// one request repeated: no per-request lines
	rep, _, _ = runProbe(t, "-n", "3", srv.URL+"/state")
	if rep.Trials[0].Requests != nil {
		t.Errorf("single request: %+v", rep.Trials[0].Requests)
	}
}
