package config

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/racecheck/racecheck/internal/analysis"
)

var known = []string{"check-then-act", "floating-promise", "sequential-awaits", "invalid-suppression"}

func TestParseGood(t *testing.T) {
	src := `// racecheck settings
{
  "$schema": "https://example.com/racecheck.schema.json",
  "failOn": "high",
  "baseline": "racecheck-baseline.json",
  "reportUnusedSuppressions": true,
  "oneShotScripts": false,
  "ignore": ["scripts/**", "**/*.test.ts", /* generated */ "gen/",],
  "rules": {
    "sequential-awaits": "off",
    "check-then-act": "high",
    "floating-promise": {"severity": "medium", "options": {"allow": ["log"], "depth": 2, "strict": true, "x": null}},
  },
}
`
	c, err := Parse("racecheck.json", []byte(src), known)
	if err != nil {
		t.Fatal(err)
	}
	if c.FailOn != "high" || c.Baseline != "racecheck-baseline.json" || c.ReportUnusedSuppressions == nil || !*c.ReportUnusedSuppressions || c.OneShotScripts == nil || *c.OneShotScripts {
		t.Errorf("top-level settings: %+v", c)
	}
	if !reflect.DeepEqual(c.Ignore, []string{"scripts/**", "**/*.test.ts", "gen/"}) {
		t.Errorf("ignore = %q", c.Ignore)
	}
	want := map[string]RuleSetting{
		"sequential-awaits": {Off: true},
		"check-then-act":    {Severity: analysis.High},
		"floating-promise": {Severity: analysis.Medium, Options: map[string]any{
			"allow": []any{"log"}, "depth": 2.0, "strict": true, "x": nil,
		}},
	}
	if !reflect.DeepEqual(c.Rules, want) {
		t.Errorf("rules = %#v\nwant %#v", c.Rules, want)
	}
}

func TestParseModels(t *testing.T) {
	src := `{
  // the project's own data-access layer
  "models": {
    "lib/db#query": "sql",
    "@acme/cache#client.get": "cache-read",
    "./src/orders#saveOrder": "update",
  }
}`
	c, err := Parse("racecheck.json", []byte(src), known)
	if err != nil {
		t.Fatal(err)
	}
	want := []Model{
		{Module: "lib/db", Export: "query", Kind: "sql"},
		{Module: "@acme/cache", Export: "client.get", Kind: "cache-read"},
		{Module: "./src/orders", Export: "saveOrder", Kind: "update"},
	}
	if !reflect.DeepEqual(c.Models, want) {
		t.Errorf("models = %+v\nwant %+v", c.Models, want)
	}
}

func TestParseBad(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"empty", ``, `racecheck.json:1:1: invalid JSON: the file is empty`},
		{"not object", `[1]`, `racecheck.json:1:1: the configuration must be a JSON object, not an array`},
		{"syntax", "{\n  \"rules\": {\n    \"check-then-act\": \"high\"\n    \"floating-promise\": \"low\"\n  }\n}", `racecheck.json:4:5: invalid JSON: unexpected '"'; expected , or } after the value of "check-then-act"`},
		{"unterminated", `{"rules": {`, `racecheck.json:1:11: invalid JSON: unterminated object`},
		{"single quotes", `{'rules': {}}`, `racecheck.json:1:2: invalid JSON: unexpected '\''; expected a key in double quotes`},
		{"trailing junk", `{} x`, `racecheck.json:1:4: invalid JSON: unexpected 'x' after the end`},
		{"duplicate", `{"failOn": "high", "failOn": "low"}`, `racecheck.json:1:20: invalid JSON: duplicate key "failOn"`},
		{"unknown key", "{\n  \"rulez\": {}\n}", `racecheck.json:2:3: unknown key "rulez"; did you mean "rules"?; expected one of`},
		{"unknown key far", `{"colour": true}`, `unknown key "colour"; expected one of $schema, baseline, failOn, ignore, models, oneShotScripts, reportUnusedSuppressions, rules, singleProcess, tests`},
		{"singleProcess type", `{"singleProcess": "scripts/"}`, `"singleProcess" must be an array of glob strings, not a string`},
		{"singleProcess entry", `{"singleProcess": [true]}`, `racecheck.json:1:20: each "singleProcess" entry must be a glob string, not a boolean`},
		{"singleProcess glob", `{"singleProcess": ["[x"]}`, `bad singleProcess glob "[x": malformed pattern`},
		{"singleProcess typo", `{"singleprocess": []}`, `unknown key "singleprocess"; did you mean "singleProcess"?`},
		{"rules type", `{"rules": ["check-then-act"]}`, `racecheck.json:1:11: "rules" must be an object mapping rule ids to settings, not an array`},
		{"unknown rule", `{"rules": {"chek-then-act": "off"}}`, `racecheck.json:1:12: unknown rule "chek-then-act"; did you mean "check-then-act"?`},
		{"unknown rule far", `{"rules": {"no-console": "off"}}`, `unknown rule "no-console"; run 'racecheck rules' for the list`},
		{"bad severity", `{"rules": {"check-then-act": "error"}}`, `racecheck.json:1:30: unknown severity "error" for rule "check-then-act" (racecheck's severities are high, medium and low); expected "off", "high", "medium" or "low"`},
		{"upper severity", `{"rules": {"check-then-act": "High"}}`, `unknown severity "High"`},
		{"severity type", `{"rules": {"check-then-act": 2}}`, `racecheck.json:1:30: the setting of rule "check-then-act" must be "off", "high", "medium" or "low", or an object`},
		{"object severity type", `{"rules": {"check-then-act": {"severity": false}}}`, `the severity of rule "check-then-act" must be "off", "high", "medium" or "low", not a boolean`},
		{"options type", `{"rules": {"check-then-act": {"options": []}}}`, `racecheck.json:1:42: "options" of rule "check-then-act" must be an object, not an array`},
		{"rule key", `{"rules": {"check-then-act": {"level": "high"}}}`, `unknown key "level" in the settings of rule "check-then-act"; expected "severity" or "options"`},
		{"failOn type", `{"failOn": 1}`, `racecheck.json:1:12: "failOn" must be a string`},
		{"failOn value", `{"failOn": "critical"}`, `unknown "failOn" value "critical"; expected high, medium, low or never`},
		{"ignore type", `{"ignore": "dist/**"}`, `"ignore" must be an array of glob strings, not a string`},
		{"ignore entry", `{"ignore": ["a", 3]}`, `racecheck.json:1:18: each "ignore" entry must be a glob string, not a number`},
		{"ignore glob", `{"ignore": ["src/[a"]}`, `bad ignore glob "src/[a": malformed pattern`},
		{"ignore dotdot", `{"ignore": ["../x/**"]}`, `globs cannot leave`},
		{"ignore empty", `{"ignore": [" "]}`, `the glob is empty`},
		{"baseline type", `{"baseline": ""}`, `"baseline" must be a file name (a non-empty string), not an empty string`},
		{"unused type", `{"reportUnusedSuppressions": "yes"}`, `"reportUnusedSuppressions" must be true or false, not a string`},
		{"bad escape", `{"failOn": "\q"}`, `racecheck.json:1:13: invalid JSON: invalid escape \q`},
		{"control char", "{\"failOn\": \"a\tb\"}", `control character U+0009 in string`},
		{"newline in string", "{\"failOn\": \"a\nb\"}", `racecheck.json:1:12: invalid JSON: unterminated string (strings cannot span lines)`},
		{"leading zero", `{"x": 01}`, `leading zeros`},
		{"comment", `{ /* open`, `unterminated /* comment`},
		{"unicode column", "{\"ignore\": [\"é\", 1]}", `racecheck.json:1:18:`},
		{"deep", strings.Repeat("[", 1000), `nested too deeply`},
		{"models type", `{"models": ["lib/db#query"]}`, `racecheck.json:1:12: "models" must be an object mapping "module#export" to what it does, not an array`},
		{"model without export", `{"models": {"lib/db": "sql"}}`, `racecheck.json:1:13: bad model "lib/db": expected "module#export"`},
		{"model empty module", `{"models": {"#query": "sql"}}`, `bad model "#query"`},
		{"model kind type", `{"models": {"lib/db#query": true}}`, `racecheck.json:1:29: the model of "lib/db#query" must be a string (cache-delete, cache-increment, cache-read, cache-write, delete, increment, insert, read, sql, update, upsert), not a boolean`},
		{"model kind typo", `{"models": {"@acme/cache#get": "cache-raed"}}`, `racecheck.json:1:32: unknown model "cache-raed" for "@acme/cache#get"; did you mean "cache-read"?; expected one of cache-delete,`},
		{"model kind far", `{"models": {"lib/db#query": "postgres"}}`, `unknown model "postgres" for "lib/db#query"; expected one of`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("racecheck.json", []byte(tc.src), known)
			if err == nil {
				t.Fatalf("no error for %q", tc.src)
			}
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %T is not a *config.Error", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error:\n  %s\nwant it to contain:\n  %s", err, tc.want)
			}
		})
	}
}

func TestMatchers(t *testing.T) {
	// Defaults: tests, relative to the project's root, never above it; no
	// other file is single-process.
	tests, single := Matchers(nil, "/home/u/tests/bench/shop")
	for abs, want := range map[string]bool{
		"/home/u/tests/bench/shop/src/wallet.ts":            false,
		"/home/u/tests/bench/shop/scripts/seed.ts":          false,
		"/home/u/tests/bench/shop/migrations/001.js":        false,
		"/home/u/tests/bench/shop/src/wallet.test.ts":       true,
		"/home/u/tests/bench/shop/test/wallet.ts":           true,
		"/home/u/tests/bench/shop/src/__tests__/a.ts":       true,
		"/home/u/tests/bench/shop/e2e/checkout.e2e-spec.ts": true,
		"/home/u/tests/bench/shop/src/usage.e2e-ee.ts":      true,
		"/home/u/tests/bench/shop/spec/util/mock.js":        true,
		"/home/u/tests/bench/shop/types/index.test-d.ts":    true,
		"/home/u/tests/bench/shop/src/specs/openapi.ts":     false,
		"/elsewhere/test/a.ts":                              false,
	} {
		if got := tests(abs); got != want {
			t.Errorf("default tests %s: %v, want %v", abs, got, want)
		}
		if single(abs) {
			t.Errorf("default single-process %s: true", abs)
		}
	}
	// Configured globs are relative to the file; "tests" replaces the
	// defaults.
	c, err := Parse("racecheck.json", []byte(`{"singleProcess": ["scripts/", "src/cli.ts"], "tests": ["spec/"]}`), known)
	if err != nil {
		t.Fatal(err)
	}
	c.Dir = "/p"
	tests, single = Matchers(c, "/ignored-root")
	for abs, want := range map[string][2]bool{
		"/p/scripts/seed.ts":    {false, true},
		"/p/src/cli.ts":         {false, true},
		"/p/src/server.ts":      {false, false},
		"/p/src/server.test.ts": {false, false},
		"/p/spec/a.ts":          {true, false},
		"/q/scripts/seed.ts":    {false, false},
	} {
		if got := [2]bool{tests(abs), single(abs)}; got != want {
			t.Errorf("configured %s: (test, single) = %v, want %v", abs, got, want)
		}
	}
	// An empty list checks tests too.
	c, _ = Parse("racecheck.json", []byte(`{"tests": []}`), known)
	c.Dir = "/p"
	if tests, _ := Matchers(c, "/p"); tests("/p/a.test.ts") {
		t.Error(`"tests": [] still treats a.test.ts as a test`)
	}
}

func TestIgnored(t *testing.T) {
	c, err := Parse("racecheck.json", []byte(`{"ignore": ["scripts/**", "**/*.test.ts", "fixtures/", "*.gen.js", "!keep.gen.js", "/top.js", "packages/*/legacy/**"]}`), known)
	if err != nil {
		t.Fatal(err)
	}
	c.Dir = "/repo"
	for path, want := range map[string]bool{
		"/repo/scripts/a.js":                    true,
		"/repo/scripts/deep/b.ts":               true,
		"/repo/src/scripts/a.js":                false,
		"/repo/a.test.ts":                       true,
		"/repo/src/x/a.test.ts":                 true,
		"/repo/src/x/a.test.tsx":                false,
		"/repo/test/fixtures/a.js":              true,
		"/repo/fixtures.js":                     false,
		"/repo/lib/x.gen.js":                    true,
		"/repo/lib/keep.gen.js":                 false,
		"/repo/top.js":                          true,
		"/repo/sub/top.js":                      false,
		"/repo/packages/core/legacy/old.ts":     true,
		"/repo/packages/core/src/new.ts":        false,
		"/elsewhere/scripts/a.js":               false,
		"/repository/scripts/a.js":              false,
		"/repo/src/index.ts":                    false,
		"/repo/src/scripts/deep/more/c.test.ts": true,
	} {
		if got := c.Ignored(path); got != want {
			t.Errorf("Ignored(%s) = %v, want %v", path, got, want)
		}
	}
	var nilConfig *Config
	if nilConfig.Ignored("/x") {
		t.Error("a nil config ignores nothing")
	}
}

func TestFindAndLoad(t *testing.T) {
	root := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(root, "repo", ".git"), 0o755))
	must(os.MkdirAll(filepath.Join(root, "repo", "pkg", "src"), 0o755))
	must(os.WriteFile(filepath.Join(root, "racecheck.json"), []byte(`{}`), 0o644)) // above the repository: never found

	got, err := Find(filepath.Join(root, "repo", "pkg", "src"))
	if err != nil || got != "" {
		t.Fatalf("Find above the repository root = %q, %v; want none", got, err)
	}
	must(os.WriteFile(filepath.Join(root, "repo", ".racecheckrc.json"), []byte(`{"failOn": "low"}`), 0o644))
	got, err = Find(filepath.Join(root, "repo", "pkg", "src"))
	if err != nil || got != filepath.Join(root, "repo", ".racecheckrc.json") {
		t.Fatalf("Find = %q, %v", got, err)
	}
	c, err := Load(got, known)
	if err != nil {
		t.Fatal(err)
	}
	if c.FailOn != "low" || c.Dir != filepath.ToSlash(filepath.Join(root, "repo")) {
		t.Errorf("loaded %+v", c)
	}
	must(os.WriteFile(filepath.Join(root, "repo", "pkg", "racecheck.json"), []byte(`{}`), 0o644))
	got, err = Find(filepath.Join(root, "repo", "pkg", "src", "missing-file.ts"))
	if err != nil || got != filepath.Join(root, "repo", "pkg", "racecheck.json") {
		t.Fatalf("nearest config: %q, %v", got, err)
	}
	must(os.WriteFile(filepath.Join(root, "repo", "pkg", ".racecheckrc.json"), []byte(`{}`), 0o644))
	if _, err := Find(filepath.Join(root, "repo", "pkg")); err == nil || !strings.Contains(err.Error(), "keep one") {
		t.Errorf("two config files in one directory: %v", err)
	}
	if _, err := Load(filepath.Join(root, "nope.json"), known); err == nil || !strings.Contains(err.Error(), "cannot read the configuration file") {
		t.Errorf("missing file: %v", err)
	}
}

func TestBaselinePath(t *testing.T) {
	c := &Config{Dir: "/repo", Baseline: "ci/base.json"}
	if got := c.BaselinePath(); got != filepath.FromSlash("/repo/ci/base.json") {
		t.Errorf("BaselinePath = %q", got)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`{}`, `{"rules": {"check-then-act": "off"}}`, `{"ignore": ["a/**", "!b"], "failOn": "low"}`,
		`{"rules": {"floating-promise": {"severity": "high", "options": {"a": [1, 2.5e3, "\u00e9\ud83d\ude00"]}}}}`,
		"// c\n{/* x */\"failOn\": \"never\",}", `[`, `{"a":`, `"\u12`, `-0.1e+5`, `{"baseline": "b.json", "reportUnusedSuppressions": false}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("racecheck.json", data, known)
		if err != nil {
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %T is not a *config.Error: %v", err, err)
			}
			if ce.Line < 1 || ce.Column < 1 || ce.Msg == "" {
				t.Fatalf("error without a position or message: %+v", ce)
			}
			return
		}
		if c.Rules == nil {
			t.Fatal("nil rules map")
		}
		c.Dir = "/repo"
		c.Ignored("/repo/a/b.ts")
	})
}

// FuzzJSON checks the JSON reader against encoding/json: whatever strict
// JSON encoding/json accepts, the reader accepts with the same value (bar
// duplicate keys, which configuration files reject, and extreme nesting).
func FuzzJSON(f *testing.F) {
	for _, s := range []string{`{}`, `[1, "a", null, true]`, `{"a": {"b": [-1.5e3]}}`, `"\ud83d\ude00\u0000"`, `0`, ` [ ] `} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := parseJSON(data)
		if !json.Valid(data) || !utf8.Valid(data) {
			return // encoding/json accepts invalid UTF-8; configuration files may not
		}
		if err != nil {
			if msg := err.Error(); strings.Contains(msg, "duplicate key") || strings.Contains(msg, "nested too deeply") || strings.Contains(msg, "out of range") {
				return
			}
			t.Fatalf("valid JSON %q rejected: %v", data, err)
		}
		var want any
		if err := json.Unmarshal(data, &want); err != nil {
			t.Skip()
		}
		if got := v.plain(); !reflect.DeepEqual(got, want) {
			t.Fatalf("value of %q = %#v, encoding/json says %#v", data, got, want)
		}
	})
}

func TestProjectRoot(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"packages/server/src", "packages/lib/models"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	server, lib := filepath.Join(dir, "packages", "server"), filepath.Join(dir, "packages", "lib")
	want := filepath.ToSlash(filepath.Join(dir, "packages"))
	if got := ProjectRoot(server, lib); got != want {
		t.Errorf("two packages without git: root %q, want %q", got, want)
	}
	if got := ProjectRoot(server); got != filepath.ToSlash(server) {
		t.Errorf("one path without git: root %q, want the path", got)
	}
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got := ProjectRoot(server, lib); got != filepath.ToSlash(dir) {
		t.Errorf("in a repository: root %q, want %q", got, filepath.ToSlash(dir))
	}
}
