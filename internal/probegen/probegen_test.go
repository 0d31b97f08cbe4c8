package probegen

import (
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/probe"
)

var update = flag.Bool("update", false, "rewrite the golden scenario files")

// fixture is one finding of each probe family, two findings on one route,
// and findings that get no scenario.
var fixture = []analysis.Finding{
	{Rule: "check-then-act", File: "src/cards.js", Line: 12, Message: "balance of cards[code] read at line 7 decides the write at line 12; another request can change it in between, so the write acts on a stale check",
		Route: &analysis.Route{Method: "POST", Path: "/cards/:code/redeem", Framework: "express", Body: []string{"amount"}}},
	{Rule: "find-or-create-race", File: "app/users/route.ts", Line: 9, Message: "users is looked up by email at line 5 and created here when missing",
		Route: &analysis.Route{Method: "POST", Path: "/users", Framework: "nextjs", Body: []string{"email", "name"}}},
	{Rule: "idempotency-race", File: "src/orders.ts", Line: 20, Message: "the idempotency key is looked up at line 10 but stored only after the work runs",
		Route: &analysis.Route{Method: "ALL", Path: "/orders/[shopId]", Framework: "nextjs", Body: []string{"amount"}}},
	{Rule: "webhook-without-dedup", File: "src/hooks.js", Line: 4, Message: "webhook handler runs a credit with no deduplication on the event id",
		Route: &analysis.Route{Method: "POST", Path: "/webhooks/stripe", Framework: "koa", Body: []string{"data", "id"}}},
	{Rule: "redis-lock-unsafe-release", File: "src/counter.js", Line: 17, Message: "lock is deleted with a plain DEL although this call may never have taken it",
		Route: &analysis.Route{Method: "PUT", Path: "/counters/:name(\\w+)", Framework: "fastify"}},
	{Rule: "redis-lock-without-ttl", File: "src/counter.js", Line: 9, Message: "lock is taken with SET NX and no expiry",
		Route: &analysis.Route{Method: "PUT", Path: "/counters/:name(\\w+)", Framework: "fastify"}},
	{Rule: "check-then-act", File: "src/jobs.js", Line: 30, Message: "not in a route handler"},
	{Rule: "floating-promise", File: "src/cards.js", Line: 40, Message: "a promise nobody awaits",
		Route: &analysis.Route{Method: "POST", Path: "/cards/:code/redeem", Framework: "express"}},
}

var wantNames = []string{
	"post-cards-code-redeem.check-then-act.yaml",
	"post-users.find-or-create-race.yaml",
	"post-orders-shopid.idempotency-race.yaml",
	"post-webhooks-stripe.webhook-without-dedup.yaml",
	"put-counters-name-w.redis-lock-unsafe-release.yaml",
	"put-counters-name-w.redis-lock-without-ttl.yaml",
}

func TestGenerateGolden(t *testing.T) {
	files := Generate(fixture, Options{})
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	if !reflect.DeepEqual(names, wantNames) {
		t.Fatalf("files:\n got %q\nwant %q", names, wantNames)
	}
	for _, f := range files {
		golden := filepath.Join("testdata", f.Name)
		if *update {
			if err := os.WriteFile(golden, f.Content, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if string(want) != string(f.Content) {
			t.Errorf("%s differs from its golden file (go test -update to rewrite):\n%s", f.Name, f.Content)
		}
		if _, err := probe.ParseScenario(f.Content); err != nil {
			t.Errorf("%s is not a scenario the probe reads: %v", f.Name, err)
		}
	}
}

func TestSameNameTwice(t *testing.T) {
	f := fixture[0]
	files := Generate([]analysis.Finding{f, f}, Options{Base: "http://127.0.0.1:8080", N: 10, Trials: 3})
	if len(files) != 2 || files[0].Name != "post-cards-code-redeem.check-then-act.yaml" || files[1].Name != "post-cards-code-redeem.check-then-act-2.yaml" {
		t.Fatalf("got %v", files)
	}
	sc, err := probe.ParseScenario(files[1].Content)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Base != "http://127.0.0.1:8080" || sc.Trials != 3 || sc.Race.N != 10 {
		t.Errorf("options not applied: base %q trials %d n %d", sc.Base, sc.Trials, sc.Race.N)
	}
}

func TestURLTemplate(t *testing.T) {
	for _, c := range []struct {
		path, want string
		names      []string
	}{
		{"/cards/:code/redeem", "/cards/{{code}}/redeem", []string{"code"}},
		{"/users/:id?", "/users/{{id}}", []string{"id"}},
		{"/files/:name(\\d+)/raw", "/files/{{name}}/raw", []string{"name"}},
		{"/orders/[id]/items/[...rest]", "/orders/{{id}}/items/{{rest}}", []string{"id", "rest"}},
		{"/shop/[[...slug]]", "/shop/{{slug}}", []string{"slug"}},
		{"/a/{b}", "/a/{{b}}", []string{"b"}},
		{"/static/*", "/static/{{FILL_ME}}", nil},
		{"/plain", "/plain", nil},
	} {
		got, names := urlTemplate(c.path)
		if got != c.want || !reflect.DeepEqual(names, c.names) {
			t.Errorf("urlTemplate(%q) = %q %q, want %q %q", c.path, got, names, c.want, c.names)
		}
	}
}

func TestProbeable(t *testing.T) {
	for rule, want := range map[string]bool{"check-then-act": true, "redis-lock-without-ttl": true, "floating-promise": false, "sequential-awaits": false} {
		if Probeable(rule) != want {
			t.Errorf("Probeable(%s) = %v", rule, !want)
		}
	}
}

// FuzzGenerate: whatever the route, body fields and message a finding
// carries (they come from scanned source), the scenario is one file the
// probe reads.
func FuzzGenerate(f *testing.F) {
	f.Add("POST", "/cards/:code", "code", "msg")
	f.Add("GET", "/a/'quoted'/[x]", "it's", "line\nbreak: {{x}}")
	f.Add("ALL", "*", "{{", "#")
	f.Fuzz(func(t *testing.T, method, path, field, msg string) {
		for _, rule := range []string{"check-then-act", "idempotency-race", "webhook-without-dedup", "redis-lock-without-ttl"} {
			files := Generate([]analysis.Finding{{Rule: rule, File: "a.js", Line: 1, Message: msg,
				Route: &analysis.Route{Method: method, Path: path, Framework: "express", Body: []string{field}}}}, Options{})
			if len(files) != 1 {
				t.Fatalf("%d files", len(files))
			}
			if strings.ContainsAny(files[0].Name, "/\\") {
				t.Fatalf("name %q has a path separator", files[0].Name)
			}
			if _, err := probe.ParseScenario(files[0].Content); err != nil {
				t.Fatalf("%v\n%s", err, files[0].Content)
			}
		}
	})
}
