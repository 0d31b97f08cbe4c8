package rules

import (
	"strings"
	"testing"

	"github.com/racecheck/racecheck/internal/analysis"
)

// withOptions returns rule id run with options, as the configuration
// file would set them.
func withOptions(t *testing.T, id string, options map[string]any) *analysis.Rule {
	t.Helper()
	r, ok := analysis.Lookup(id)
	if !ok {
		t.Fatalf("no rule %s", id)
	}
	c := *r
	c.Run = func(p *analysis.Pass) {
		p.Options = options
		r.Run(p)
	}
	return &c
}

// sequential-awaits reads calls by the verbs and connection names its
// options give, in place of its defaults.
func TestSequentialAwaitsOptions(t *testing.T) {
	files := map[string]string{"src/profile.ts": `import { api } from "./api";
import { db } from "./db";

export async function profile(id: string) {
  const user = await api.obtainUser(id);
  const orders = await api.obtainOrders(id);
  return { user, orders };
}

export async function summary(id: string) {
  const user = await db.getUser(id);
  const orders = await db.getOrders(id);
  return { user, orders };
}
`,
		"src/api.ts": "export declare const api: any;\n",
		"src/db.ts":  "export declare const db: any;\n",
	}
	lines := func(fs []analysis.Finding) []int {
		var out []int
		for _, f := range fs {
			out = append(out, f.Line)
		}
		return out
	}
	rule, _ := analysis.Lookup("sequential-awaits")
	if got := lines(scanProject(t, rule, files)); len(got) != 1 || got[0] != 11 {
		t.Errorf("defaults: findings on lines %v, want [11] (get is a read verb, obtain is not)", got)
	}
	verbs := withOptions(t, "sequential-awaits", map[string]any{"readVerbs": []any{"Obtain", "get"}})
	if got := lines(scanProject(t, verbs, files)); len(got) != 2 || got[0] != 5 || got[1] != 11 {
		t.Errorf(`readVerbs ["Obtain", "get"]: findings on lines %v, want [5 11]`, got)
	}
	conn := withOptions(t, "sequential-awaits", map[string]any{"connectionNames": []any{"db"}})
	if got := lines(scanProject(t, conn, files)); len(got) != 0 {
		t.Errorf(`connectionNames ["db"]: findings on lines %v, want none (db is one connection)`, got)
	}
}

// TestOptionDocs: every option a rule declares is documented in its doc,
// under "Options", with each word of its default.
func TestOptionDocs(t *testing.T) {
	for _, r := range analysis.Rules() {
		for _, o := range r.Options {
			_, section, ok := strings.Cut(r.Doc, "\n## Options\n")
			if !ok {
				t.Errorf("%s declares options but its doc has no Options section", r.ID)
				break
			}
			section, _, _ = strings.Cut(section, "\n## ")
			if !strings.Contains(section, "`"+o.Name+"`") {
				t.Errorf("%s: option %s is not documented", r.ID, o.Name)
			}
			for _, w := range o.Default {
				if !strings.Contains(section, "`"+w+"`") {
					t.Errorf("%s: the default %q of option %s is not documented", r.ID, w, o.Name)
				}
			}
		}
	}
}
