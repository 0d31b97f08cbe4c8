package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/config"
)

// rule is the real rule the command-line tests rely on.
const rule = "async-iteration-callback"

const badJS = `export async function notifyAll(users, mailer) {
  users.forEach(async (u) => {
    await mailer.send(u.email);
  });
}
`

const goodJS = `export async function notifyAll(users, mailer) {
  for (const u of users) {
    await mailer.send(u.email);
  }
}
`

// project makes a repository (with a .git directory, so configuration
// lookup stops there) holding the given files.
func project(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, content := range files {
		write(t, filepath.Join(dir, name), content)
	}
	return dir
}

func write(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

type result struct {
	code           int
	stdout, stderr string
}

func run(t *testing.T, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	env := Env{
		Stdin:      strings.NewReader(""),
		Stdout:     &out,
		Stderr:     &errOut,
		Getenv:     func(string) string { return "" },
		IsTerminal: func(io.Writer) bool { return false },
	}
	code := Main(args, env)
	return result{code, out.String(), errOut.String()}
}

// findings reads the rule ids and severities of a JSON report.
func findings(t *testing.T, jsonText string) []string {
	t.Helper()
	var doc struct {
		Findings []analysis.Finding `json:"findings"`
	}
	if err := json.Unmarshal([]byte(jsonText), &doc); err != nil {
		t.Fatalf("not a JSON report: %v\n%s", err, jsonText)
	}
	var out []string
	for _, f := range doc.Findings {
		out = append(out, f.Rule+":"+f.Severity.String()+":"+filepath.Base(f.File))
	}
	return out
}

func TestExitCodesForEveryFormat(t *testing.T) {
	bad := project(t, map[string]string{"src/a.js": badJS})
	good := project(t, map[string]string{"src/a.js": goodJS})
	check := map[string]func(string) bool{
		"text":   func(s string) bool { return strings.Contains(s, "PASS") || strings.Contains(s, "FAIL") },
		"json":   func(s string) bool { return json.Valid([]byte(s)) },
		"sarif":  func(s string) bool { return json.Valid([]byte(s)) && strings.Contains(s, `"version": "2.1.0"`) },
		"github": func(s string) bool { return strings.Contains(s, "PASS") || strings.HasPrefix(s, "::") },
		"html": func(s string) bool {
			return strings.HasPrefix(s, "<!DOCTYPE html>") && strings.HasSuffix(s, "</html>\n")
		},
	}
	for _, format := range []string{"text", "json", "sarif", "github", "html"} {
		t.Run(format, func(t *testing.T) {
			r := run(t, "scan", "--rules", rule, "--format", format, bad)
			if r.code != ExitFail || !check[format](r.stdout) {
				t.Errorf("findings: exit %d, stderr %q, output:\n%s", r.code, r.stderr, r.stdout)
			}
			if !strings.Contains(r.stdout, rule) {
				t.Errorf("the %s report does not name the finding's rule", format)
			}
			if r := run(t, "scan", "--rules", rule, "--format", format, "--fail-on", "never", bad); r.code != ExitPass {
				t.Errorf("--fail-on never: exit %d", r.code)
			}
			if r := run(t, "scan", "--rules", rule, "--format", format, "--fail-on", "high", bad); r.code != ExitFail {
				t.Errorf("--fail-on high with a high finding: exit %d", r.code)
			}
			if r := run(t, "scan", "--rules", rule, "--format", format, good); r.code != ExitPass || !check[format](r.stdout) {
				t.Errorf("no findings: exit %d, stderr %q", r.code, r.stderr)
			}
			if r := run(t, "scan", "--format", format, filepath.Join(good, "missing")); r.code != ExitError || !strings.Contains(r.stderr, "no such file or directory") {
				t.Errorf("missing path: exit %d, stderr %q", r.code, r.stderr)
			}
			out := filepath.Join(t.TempDir(), "report.out")
			r = run(t, "scan", "--rules", rule, "--format", format, "--output", out, bad)
			data, _ := os.ReadFile(out)
			if r.code != ExitFail || r.stdout != "" || !check[format](string(data)) || !strings.Contains(r.stderr, "FAIL") {
				t.Errorf("--output: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
			}
		})
	}
	for _, args := range [][]string{
		{"scan", "--format", "xml", good},
		{"scan", "--fail-on", "critical", good},
		{"scan", "--rules", "async-iteration-calback", good},
		{"scan", "--jobs", "0", good},
		{"scan", "--no-such-flag", good},
		{"scan", "--report", "pdf=x.pdf", good},
	} {
		if r := run(t, args...); r.code != ExitError || r.stderr == "" {
			t.Errorf("%q: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
	if r := run(t, "scan", "--rules", "async-iteration-calback", good); !strings.Contains(r.stderr, `did you mean "async-iteration-callback"?`) {
		t.Errorf("rule typo: %q", r.stderr)
	}
}

func TestSeveralReports(t *testing.T) {
	dir := project(t, map[string]string{"src/a.js": badJS})
	outDir := t.TempDir()
	sarif, html, text := filepath.Join(outDir, "r.sarif"), filepath.Join(outDir, "r.html"), filepath.Join(outDir, "r.txt")
	r := run(t, "scan", "--rules", rule, "--format", "json", "--report", "sarif="+sarif, "--report", "html="+html, "--report", "text="+text, dir)
	if r.code != ExitFail || len(findings(t, r.stdout)) != 1 {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	for name, want := range map[string]string{sarif: `"ruleId": "` + rule + `"`, html: `data-rule="` + rule + `"`, text: "FAIL  1 high"} {
		data, err := os.ReadFile(name)
		if err != nil || !strings.Contains(string(data), want) {
			t.Errorf("%s: %v; want it to contain %q", filepath.Base(name), err, want)
		}
	}
	// The main report to a file and an extra one on standard output.
	r = run(t, "scan", "--rules", rule, "--output", text, "--report", "github", dir)
	if r.code != ExitFail || !strings.HasPrefix(r.stdout, "::error file=") {
		t.Errorf("--report github on stdout: exit %d, stdout %q", r.code, r.stdout)
	}
	for _, args := range [][]string{
		{"scan", "--report", "sarif", dir},                                    // text and sarif both on stdout
		{"scan", "--report", "sarif=-", dir},                                  // the same, spelled out
		{"scan", "--output", sarif, "--report", "json=" + sarif, dir},         // one file twice
		{"scan", "--report", "json=" + text, "--report", "html=" + text, dir}, // one file twice
	} {
		if r := run(t, args...); r.code != ExitError || !strings.Contains(r.stderr, "two reports") {
			t.Errorf("%q: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
	if r := run(t, "scan", "--rules", rule, "--report", "json="+filepath.Join(outDir, "no", "such", "dir", "x.json"), dir); r.code != ExitError || !strings.Contains(r.stderr, "writing the json report") {
		t.Errorf("unwritable report: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestConfiguration(t *testing.T) {
	dir := project(t, map[string]string{
		"src/a.js":                  badJS,
		"scripts/seed.js":           badJS,
		"src/a.test.js":             badJS,
		"packages/p/src/b.js":       badJS,
		"packages/p/racecheck.json": `{"rules": {"` + rule + `": "low"}}`,
	})
	scan := func(args ...string) result {
		return run(t, append([]string{"scan", "--rules", rule, "--format", "json"}, args...)...)
	}
	// Tests are not checked by default: a.test.js has no finding.
	if r := scan(dir); r.code != ExitFail || len(findings(t, r.stdout)) != 3 {
		t.Fatalf("no configuration: exit %d, %q", r.code, findings(t, r.stdout))
	}
	// The nearest configuration file applies: b.js's finding becomes low.
	r := scan(filepath.Join(dir, "packages", "p"))
	if got := findings(t, r.stdout); r.code != ExitPass || !reflect.DeepEqual(got, []string{rule + ":low:b.js"}) {
		t.Errorf("nested configuration: exit %d, findings %q, stderr %q", r.code, got, r.stderr)
	}
	// Ignore globs, failOn and severities from the root configuration.
	write(t, filepath.Join(dir, ".racecheckrc.json"), `{
  // comments and trailing commas are fine
  "ignore": ["scripts/**", "**/*.test.js", "packages/",],
  "failOn": "high",
  "rules": {"`+rule+`": {"severity": "medium", "options": {}}},
}`)
	r = scan(dir)
	if got := findings(t, r.stdout); r.code != ExitPass || !reflect.DeepEqual(got, []string{rule + ":medium:a.js"}) {
		t.Errorf("root configuration: exit %d, findings %q, stderr %q", r.code, got, r.stderr)
	}
	// Flags override the file.
	if r := scan("--fail-on", "medium", dir); r.code != ExitFail {
		t.Errorf("--fail-on medium over failOn high: exit %d", r.code)
	}
	// A file named on the command line is scanned even when ignored.
	if r := scan(filepath.Join(dir, "scripts", "seed.js")); len(findings(t, r.stdout)) != 1 {
		t.Errorf("explicit ignored file: %q", findings(t, r.stdout))
	}
	// "off" turns a rule off; --rules turns it back on.
	write(t, filepath.Join(dir, ".racecheckrc.json"), `{"rules": {"`+rule+`": "off"}}`)
	if r := run(t, "scan", "--format", "json", filepath.Join(dir, "src", "a.js")); len(findings(t, r.stdout)) != 0 || r.code != ExitPass {
		t.Errorf("rule off: exit %d, %q", r.code, findings(t, r.stdout))
	}
	if r := scan(filepath.Join(dir, "src", "a.js")); len(findings(t, r.stdout)) != 1 {
		t.Errorf("--rules over off: %q", findings(t, r.stdout))
	}
	// --config and --no-config.
	other := filepath.Join(t.TempDir(), "strict.json")
	write(t, other, `{"failOn": "never"}`)
	// "tests": [] checks the tests too.
	testsToo := filepath.Join(t.TempDir(), "tests-too.json")
	write(t, testsToo, `{"tests": []}`)
	if r := scan("--config", testsToo, dir); len(findings(t, r.stdout)) != 4 {
		t.Errorf(`"tests": []: %q`, findings(t, r.stdout))
	}
	if r := scan("--config", other, dir); r.code != ExitPass || len(findings(t, r.stdout)) != 3 {
		t.Errorf("--config: exit %d, %q", r.code, findings(t, r.stdout))
	}
	if r := scan("--no-config", filepath.Join(dir, "src")); r.code != ExitFail {
		t.Errorf("--no-config: exit %d", r.code)
	}
	if r := scan("--no-config", "--config", other, dir); r.code != ExitError {
		t.Errorf("--config with --no-config: exit %d", r.code)
	}

	// Bad configurations exit 2 with the file, line and column.
	for _, tc := range []struct{ content, want string }{
		{`{"rules": {"async-iteration-calback": "off"}}`, `.racecheckrc.json:1:12: unknown rule "async-iteration-calback"; did you mean "async-iteration-callback"?`},
		{"{\n  \"failOn\": \"sometimes\"\n}", `.racecheckrc.json:2:13: unknown "failOn" value "sometimes"; expected high, medium, low or never`},
		{`{"rules": {"` + rule + `": "error"}}`, `unknown severity "error"`},
		{`{"ignore": "scripts"}`, `"ignore" must be an array of glob strings, not a string`},
		{`{"rules": {}`, `.racecheckrc.json:1:1: invalid JSON: unterminated object`},
		{`{"rulez": {}}`, `unknown key "rulez"; did you mean "rules"?`},
		{`{"rules": {"` + rule + `": {"options": {"depth": 2}}}}`, `.racecheckrc.json:1:53: rule "` + rule + `" takes no options; remove "depth"`},
		{`{"rules": {"sequential-awaits": {"options": {"readVerb": ["get"]}}}}`, `unknown option "readVerb" of rule "sequential-awaits"; did you mean "readVerbs"?`},
		{`{"rules": {"sequential-awaits": {"options": {"readVerbs": "get"}}}}`, `option "readVerbs" of rule "sequential-awaits" must be an array of strings, not a string`},
		{`{"rules": {"sequential-awaits": {"options": {"connectionNames": ["tx", 1]}}}}`, `option "connectionNames" of rule "sequential-awaits" must be an array of strings; this element is a number`},
	} {
		write(t, filepath.Join(dir, ".racecheckrc.json"), tc.content)
		r := scan(dir)
		if r.code != ExitError || !strings.Contains(r.stderr, tc.want) || r.stdout != "" {
			t.Errorf("config %s:\n  exit %d, stderr %q\n  want exit 2 and %q", tc.content, r.code, r.stderr, tc.want)
		}
	}
	write(t, filepath.Join(dir, "racecheck.json"), `{}`)
	if r := scan(dir); r.code != ExitError || !strings.Contains(r.stderr, "keep one") {
		t.Errorf("two configuration files: exit %d, %q", r.code, r.stderr)
	}
	if r := scan("--config", filepath.Join(dir, "nope.json"), dir); r.code != ExitError || !strings.Contains(r.stderr, "cannot read the configuration file") {
		t.Errorf("missing --config file: exit %d, %q", r.code, r.stderr)
	}
}

func TestRuleOptionsReachThePass(t *testing.T) {
	var seen map[string]any
	r := &analysis.Rule{ID: "x", Severity: analysis.Medium, Run: func(p *analysis.Pass) { seen = p.Options }}
	c := configured(r, config.RuleSetting{Severity: analysis.Low, Options: map[string]any{"depth": 2.0}})
	if c == r || c.Severity != analysis.Low || r.Severity != analysis.Medium {
		t.Fatalf("configured must copy the rule: %+v", c)
	}
	c.Run(&analysis.Pass{})
	if !reflect.DeepEqual(seen, map[string]any{"depth": 2.0}) {
		t.Errorf("options %v", seen)
	}
	if configured(r, config.RuleSetting{}) != r {
		t.Error("an empty setting must keep the rule")
	}
}

func TestSuppressions(t *testing.T) {
	silenced := strings.Replace(badJS, "  users.forEach", "  // racecheck-ignore-next-line "+rule+" -- mails are queued; order and completion do not matter here\n  users.forEach", 1)
	noReason := strings.Replace(badJS, "  users.forEach", "  // racecheck-ignore-next-line "+rule+"\n  users.forEach", 1)
	typo := strings.Replace(badJS, "  users.forEach", "  // racecheck-ignore-next-line async-iteration-calback -- typo\n  users.forEach", 1)
	unused := "// racecheck-ignore-next-line " + rule + " -- nothing to silence\nexport const x = 1;\n"
	inString := "const s = \"// racecheck-ignore-next-line " + rule + " -- not a comment\";\n" + badJS
	dir := project(t, map[string]string{
		"silenced.js": silenced, "noreason.js": noReason, "typo.js": typo, "unused.js": unused, "instring.js": inString,
	})
	scan := func(args ...string) []string {
		r := run(t, append([]string{"scan", "--format", "json", "--rules", rule + ",invalid-suppression,unused-suppression"}, args...)...)
		return findings(t, r.stdout)
	}
	got := scan(dir)
	want := []string{
		rule + ":high:instring.js",
		"invalid-suppression:medium:noreason.js",
		"invalid-suppression:medium:typo.js",
		rule + ":high:typo.js",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings:\n  %q\nwant\n  %q", got, want)
	}
	got = scan("--report-unused-suppressions", dir)
	if !contains(got, "unused-suppression:medium:unused.js") || len(got) != 5 {
		t.Errorf("--report-unused-suppressions: %q", got)
	}
	// The problems show in every format.
	for _, format := range []string{"text", "sarif", "github", "html"} {
		r := run(t, "scan", "--format", format, "--rules", rule+",invalid-suppression", filepath.Join(dir, "typo.js"))
		if r.code != ExitFail || !strings.Contains(r.stdout, "invalid-suppression") || !strings.Contains(r.stdout, "async-iteration-calback") {
			t.Errorf("%s: exit %d, output lacks the invalid suppression:\n%s", format, r.code, r.stdout)
		}
	}
	// The suppression rules can be turned down or off in the configuration.
	write(t, filepath.Join(dir, "racecheck.json"), `{"rules": {"invalid-suppression": "low"}}`)
	r := run(t, "scan", "--format", "json", "--rules", rule+",invalid-suppression", filepath.Join(dir, "noreason.js"))
	if got := findings(t, r.stdout); r.code != ExitPass || !reflect.DeepEqual(got, []string{"invalid-suppression:low:noreason.js"}) {
		t.Errorf("invalid-suppression low: exit %d, %q", r.code, got)
	}
	write(t, filepath.Join(dir, "racecheck.json"), `{"rules": {"invalid-suppression": "off"}, "reportUnusedSuppressions": true}`)
	r = run(t, "scan", "--format", "json", "--disable", "unused-suppression", dir)
	for _, f := range findings(t, r.stdout) {
		if strings.HasPrefix(f, "invalid-suppression") || strings.HasPrefix(f, "unused-suppression") {
			t.Errorf("turned off, yet %s", f)
		}
	}
	r = run(t, "scan", "--format", "json", "--rules", rule+",unused-suppression", dir)
	if got := findings(t, r.stdout); !contains(got, "unused-suppression:medium:unused.js") {
		t.Errorf("reportUnusedSuppressions in the configuration: %q", got)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestBaseline(t *testing.T) {
	dir := project(t, map[string]string{"src/a.js": badJS, "src/b.js": badJS})
	base := filepath.Join(dir, "racecheck-baseline.json")
	scan := func(args ...string) result {
		return run(t, append([]string{"scan", "--rules", rule}, args...)...)
	}
	r := scan("--write-baseline", base, dir)
	if r.code != ExitPass || !strings.Contains(r.stdout, "wrote 2 findings to the baseline") {
		t.Fatalf("--write-baseline: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	data, err := os.ReadFile(base)
	if err != nil || !strings.Contains(string(data), `"file": "src/a.js"`) {
		t.Fatalf("baseline file: %v\n%s", err, data)
	}
	if r := scan("--baseline", base, dir); r.code != ExitPass || !strings.Contains(r.stdout, "2 findings accepted by the baseline") {
		t.Errorf("--baseline: exit %d\n%s", r.code, r.stdout)
	}
	// Edits elsewhere in the file keep the match; a new finding is new.
	write(t, filepath.Join(dir, "src", "a.js"), "// a header comment\nimport x from 'x';\n\n"+badJS+"\n"+strings.Replace(badJS, "notifyAll", "remindAll", 1))
	r = scan("--baseline", base, "--format", "json", dir)
	if r.code != ExitFail || len(findings(t, r.stdout)) != 1 {
		t.Errorf("after edits: exit %d, findings %q", r.code, findings(t, r.stdout))
	}
	var doc struct {
		Findings []analysis.Finding
		Stats    struct {
			Baseline struct{ Accepted, Fixed int }
		}
	}
	json.Unmarshal([]byte(r.stdout), &doc)
	if len(doc.Findings) != 1 || doc.Findings[0].Line != 11 || doc.Stats.Baseline.Accepted != 2 {
		t.Errorf("new finding %+v, stats %+v", doc.Findings, doc.Stats)
	}
	// A fixed finding is counted as prunable.
	write(t, filepath.Join(dir, "src", "b.js"), goodJS)
	r = scan("--baseline", base, "--fail-on", "never", dir)
	if !strings.Contains(r.stdout, "1 finding in the baseline no longer found (fixed); prune with --write-baseline") {
		t.Errorf("fixed entries:\n%s", r.stdout)
	}
	// The baseline named in the configuration, relative to it, from another directory.
	write(t, filepath.Join(dir, "racecheck.json"), `{"baseline": "racecheck-baseline.json"}`)
	r = scan("--format", "json", filepath.Join(dir, "src"))
	if r.code != ExitFail || len(findings(t, r.stdout)) != 1 {
		t.Errorf("baseline from the configuration: exit %d, %q, %s", r.code, findings(t, r.stdout), r.stderr)
	}
	// Bad baselines exit 2 with a clear message.
	for content, want := range map[string]string{
		"":                              "the baseline is empty",
		"{":                             "invalid JSON",
		`{"version": 9, "entries": []}`: "baseline version 9 is not supported",
		`{"rules": {}}`:                 `unknown key "rules"`,
		`{"version": 1, "entries": [{"file": "a.js", "rule": "r", "fingerprint": "f", "count": 0}]}`: `"count" must be at least 1`,
	} {
		write(t, base, content)
		if r := scan("--baseline", base, dir); r.code != ExitError || !strings.Contains(r.stderr, want) {
			t.Errorf("baseline %q: exit %d, stderr %q; want %q", content, r.code, r.stderr, want)
		}
	}
	if r := scan("--baseline", filepath.Join(dir, "missing.json"), dir); r.code != ExitError || !strings.Contains(r.stderr, "create it with --write-baseline") {
		t.Errorf("missing baseline: exit %d, %q", r.code, r.stderr)
	}
	if r := scan("--write-baseline", filepath.Join(dir, "no", "dir", "b.json"), dir); r.code != ExitError || !strings.Contains(r.stderr, "writing the baseline") {
		t.Errorf("unwritable baseline: exit %d, %q", r.code, r.stderr)
	}
}

func TestInit(t *testing.T) {
	dir := t.TempDir()
	r := run(t, "init", dir)
	if r.code != ExitPass {
		t.Fatalf("init: exit %d, %s", r.code, r.stderr)
	}
	cfg, err := config.Load(filepath.Join(dir, "racecheck.json"), knownIDs())
	if err != nil || cfg.FailOn != "medium" {
		t.Fatalf("starter configuration: %v %+v", err, cfg)
	}
	wf, err := os.ReadFile(filepath.Join(dir, ".github", "workflows", "racecheck.yml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"run: npx --yes racecheck@latest scan --format sarif --output racecheck.sarif --report text\n",
		"github/codeql-action/upload-sarif@",
		"sarif_file: racecheck.sarif",
		"  contents: read\n  actions: read\n  security-events: write\n",
		"if: always()",
	} {
		if !strings.Contains(string(wf), want) {
			t.Errorf("workflow lacks %q", want)
		}
	}
	if strings.Contains(string(wf), "go install") {
		t.Error("the workflow installs racecheck with go install")
	}
	if strings.Contains(string(wf), "\t") {
		t.Error("the workflow has a tab, which YAML forbids in indentation")
	}
	write(t, filepath.Join(dir, "racecheck.json"), `{"failOn": "high"}`)
	r = run(t, "init", dir)
	if r.code != ExitError || !strings.Contains(r.stderr, "already exist") || !strings.Contains(r.stderr, "--force") {
		t.Errorf("second init: exit %d, %q", r.code, r.stderr)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "racecheck.json")); string(data) != `{"failOn": "high"}` {
		t.Error("init overwrote a file without --force")
	}
	if r := run(t, "init", "--force", dir); r.code != ExitPass {
		t.Errorf("init --force: exit %d, %q", r.code, r.stderr)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "racecheck.json")); string(data) != StarterConfig {
		t.Error("init --force did not overwrite")
	}
	other := t.TempDir()
	if r := run(t, "init", "--no-workflow", other); r.code != ExitPass || fileExists(filepath.Join(other, ".github")) {
		t.Errorf("--no-workflow: exit %d", r.code)
	}
	pinned := StarterWorkflow("v1.4.0", true)
	if !strings.Contains(pinned, "run: npx --yes racecheck@1.4.0 scan --fail-on never --format sarif") {
		t.Errorf("report-only workflow of v1.4.0:\n%s", pinned)
	}
	ro := t.TempDir()
	if r := run(t, "init", "--report-only", ro); r.code != ExitPass {
		t.Errorf("init --report-only: exit %d", r.code)
	}
	if data, _ := os.ReadFile(filepath.Join(ro, ".github", "workflows", "racecheck.yml")); !strings.Contains(string(data), "scan --fail-on never ") {
		t.Errorf("init --report-only wrote:\n%s", data)
	}
	// With the npm package installed, "$schema" points at its schema.
	npmDir := t.TempDir()
	write(t, filepath.Join(npmDir, "node_modules", "racecheck", "racecheck.schema.json"), "{}")
	if r := run(t, "init", "--no-workflow", npmDir); r.code != ExitPass {
		t.Fatalf("init with the npm package: exit %d", r.code)
	}
	data, _ := os.ReadFile(filepath.Join(npmDir, "racecheck.json"))
	if !strings.HasPrefix(string(data), "{\n  \"$schema\": \"./node_modules/racecheck/racecheck.schema.json\",\n  \"failOn\"") {
		t.Errorf("racecheck.json with the npm package:\n%s", data)
	}
	if _, err := config.Load(filepath.Join(npmDir, "racecheck.json"), knownIDs()); err != nil {
		t.Errorf("the written racecheck.json does not load: %v", err)
	}
	if r := run(t, "init", filepath.Join(other, "missing")); r.code != ExitError {
		t.Errorf("missing directory: exit %d", r.code)
	}
	write(t, filepath.Join(other, "x", ".racecheckrc.json"), "{}")
	if r := run(t, "init", filepath.Join(other, "x")); r.code != ExitError || !strings.Contains(r.stderr, "already configures racecheck") {
		t.Errorf("existing .racecheckrc.json: exit %d, %q", r.code, r.stderr)
	}
}

func TestRulesAndExplain(t *testing.T) {
	r := run(t, "rules")
	if r.code != ExitPass || !strings.Contains(r.stdout, "invalid-suppression") || !strings.Contains(r.stdout, rule) {
		t.Errorf("rules: %d\n%s", r.code, r.stdout)
	}
	if r := run(t, "explain", "unused-suppression"); r.code != ExitPass || !strings.Contains(r.stdout, "## What it finds") {
		t.Errorf("explain unused-suppression: %d", r.code)
	}
	if r := run(t, "explain", "invalid-supression"); r.code != ExitError || !strings.Contains(r.stderr, `did you mean "invalid-suppression"?`) {
		t.Errorf("explain typo: %d %q", r.code, r.stderr)
	}
}

// syncBuffer is a buffer that may be written from a goroutine while the
// test reads it.
type syncBuffer struct {
	mu chan struct{}
	b  bytes.Buffer
}

func newSyncBuffer() *syncBuffer { return &syncBuffer{mu: make(chan struct{}, 1)} }

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu <- struct{}{}
	defer func() { <-s.mu }()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu <- struct{}{}
	defer func() { <-s.mu }()
	return s.b.String()
}

func TestProgress(t *testing.T) {
	// A quick scan prints nothing.
	quiet := newSyncBuffer()
	p := startProgress(quiet, time.Hour)
	p.update(1, 2)
	p.finish()
	if quiet.String() != "" {
		t.Errorf("quick scan printed %q", quiet.String())
	}
	// A slow one shows a line, rewritten in place, and clears it at the end.
	out := newSyncBuffer()
	p = startProgress(out, 0)
	p.update(3, 10)
	p.update(2, 10) // late reports from other workers never go backwards
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(out.String(), "parsing 3/10 files (30%)") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	p.update(10, 10)
	for !strings.Contains(out.String(), "analysing 10 files") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	p.finish()
	s := out.String()
	if !strings.Contains(s, "\r\x1b[Kracecheck: parsing 3/10 files (30%)") || !strings.Contains(s, "analysing 10 files") || !strings.HasSuffix(s, "\r\x1b[K") {
		t.Errorf("progress output %q", s)
	}
	// Piped (not a terminal): scan writes nothing but the summary to stderr.
	dir := project(t, map[string]string{"a.js": goodJS})
	if r := run(t, "scan", "--format", "json", dir); r.stderr != "" {
		t.Errorf("piped scan wrote to stderr: %q", r.stderr)
	}
}

// TestFoldersAboveTheRootDoNotCount scans one project from two places, one
// under folders named like scripts, benchmarks and tools, and requires the
// same findings: only paths relative to the project's root can make code
// single-process.
func TestFoldersAboveTheRootDoNotCount(t *testing.T) {
	src := filepath.Join("..", "..", "examples", "shop")
	var files []string
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	base := t.TempDir()
	roots := []string{
		filepath.Join(base, "plain", "shop"),
		filepath.Join(base, "bench", "scripts", "tools", "migrations", "test", "shop"),
	}
	var got [][]string
	for _, root := range roots {
		for _, p := range files {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			rel, _ := filepath.Rel(src, p)
			write(t, filepath.Join(root, rel), string(b))
		}
		// A scripts folder inside the project is scanned like any other.
		write(t, filepath.Join(root, "scripts", "credit.js"), `const { pool } = require("../src/db");
module.exports.credit = async function credit(id, amount) {
  const { rows } = await pool.query("SELECT balance FROM wallets WHERE id = $1", [id]);
  if (rows[0].balance + amount <= 1000) {
    await pool.query("UPDATE wallets SET balance = $1 WHERE id = $2", [rows[0].balance + amount, id]);
  }
};
`)
		r := run(t, "scan", "--format", "json", "--no-config", root)
		var doc struct {
			Findings []analysis.Finding `json:"findings"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
			t.Fatalf("not a JSON report: %v\n%s", err, r.stdout)
		}
		var list []string
		for _, f := range doc.Findings {
			abs, err := filepath.Abs(f.File)
			if err != nil {
				t.Fatal(err)
			}
			rel, _ := filepath.Rel(root, abs)
			list = append(list, fmt.Sprintf("%s:%d:%s", filepath.ToSlash(rel), f.Line, f.Rule))
		}
		got = append(got, list)
	}
	if len(got[0]) == 0 || !slices.Contains(got[0], "scripts/credit.js:5:check-then-act") {
		t.Fatalf("the plain checkout lacks the expected findings: %q", got[0])
	}
	if !reflect.DeepEqual(got[0], got[1]) {
		t.Errorf("findings differ by the folders above the project:\n  %q\n  %q", got[0], got[1])
	}
}

// TestNothingAnalysed: a run that analyses no file is an error, not a
// pass: every file failed to parse, or there was none to scan.
func TestNothingAnalysed(t *testing.T) {
	broken := t.TempDir()
	if err := os.WriteFile(filepath.Join(broken, "a.js"), []byte("function ( {{{\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(broken, "b.ts"), []byte("const = ;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := t.TempDir()
	if err := os.WriteFile(filepath.Join(empty, "README.md"), []byte("# docs\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		dir, stderr string
	}{
		{broken, "no file could be analysed: 2 could not be read or parsed"},
		{empty, "no JavaScript or TypeScript file to analyse under"},
	} {
		r := run(t, "scan", "--no-config", c.dir)
		if r.code != ExitError || !strings.Contains(r.stderr, c.stderr) || !strings.Contains(r.stdout, "ERROR  nothing analysed") {
			t.Errorf("scan %s: exit %d\nstdout: %s\nstderr: %s", c.dir, r.code, r.stdout, r.stderr)
		}
	}
}

// TestQuietAndMaxWarnings: --quiet reports only the findings that fail
// the run; --max-warnings fails it when more findings below --fail-on
// remain than it allows, as ESLint's flags do.
func TestQuietAndMaxWarnings(t *testing.T) {
	dir := project(t, map[string]string{
		// One high finding (check-then-act) and one medium (unguarded-promise-all).
		"src/wallet.js": `const { Pool } = require("pg");
const pool = new Pool();
async function withdraw(userId, amount) {
  const { rows } = await pool.query("SELECT balance FROM wallets WHERE user_id = $1", [userId]);
  if (rows[0].balance < amount) throw new Error("insufficient funds");
  await pool.query("UPDATE wallets SET balance = $1 WHERE user_id = $2", [rows[0].balance - amount, userId]);
}
async function checkout(inventory, orders, order) {
  await Promise.all([inventory.decrement(order.sku, order.qty), orders.insert(order)]);
}
module.exports = { withdraw, checkout };
`,
	})
	all := run(t, "scan", "--no-config", "--format", "json", "--fail-on", "high", dir)
	if got := findings(t, all.stdout); len(got) != 2 || all.code != ExitFail {
		t.Fatalf("without --quiet: exit %d, findings %v", all.code, got)
	}
	quiet := run(t, "scan", "--no-config", "--format", "json", "--fail-on", "high", "--quiet", dir)
	if got := findings(t, quiet.stdout); len(got) != 1 || !strings.HasPrefix(got[0], "check-then-act") {
		t.Errorf("--quiet: findings %v, want only the high one", got)
	}
	for _, c := range []struct {
		max  string
		code int
	}{{"0", ExitFail}, {"1", ExitFail}, {"2", ExitPass}, {"-1", ExitPass}} {
		r := run(t, "scan", "--no-config", "--format", "json", "--fail-on", "never", "--max-warnings", c.max, dir)
		if r.code != c.code {
			t.Errorf("--max-warnings %s: exit %d, want %d (stderr %q)", c.max, r.code, c.code, r.stderr)
		}
	}
}

func TestRulesJSON(t *testing.T) {
	r := run(t, "rules", "--format", "json")
	var rules []struct {
		ID, Severity, Title string
	}
	if err := json.Unmarshal([]byte(r.stdout), &rules); err != nil || r.code != ExitPass {
		t.Fatalf("exit %d, %v: %s", r.code, err, r.stdout)
	}
	ids := map[string]string{}
	for _, x := range rules {
		ids[x.ID] = x.Severity
	}
	if ids["floating-promise"] != "high" || ids["sequential-awaits"] != "low" || len(rules) < 27 {
		t.Errorf("rules: %d, floating-promise %q, sequential-awaits %q", len(rules), ids["floating-promise"], ids["sequential-awaits"])
	}
	if bad := run(t, "rules", "--format", "yaml"); bad.code != ExitError || !strings.Contains(bad.stderr, "unknown --format") {
		t.Errorf("rules --format yaml: exit %d, stderr %q", bad.code, bad.stderr)
	}
}

// TestStdinFilename: source on standard input is analysed under the name
// given, whose extension picks the language; paths beside it are a usage
// error.
func TestStdinFilename(t *testing.T) {
	runStdin := func(stdin string, args ...string) result {
		var out, errOut bytes.Buffer
		env := Env{
			Stdin:      strings.NewReader(stdin),
			Stdout:     &out,
			Stderr:     &errOut,
			Getenv:     func(string) string { return "" },
			IsTerminal: func(io.Writer) bool { return false },
		}
		return result{Main(args, env), out.String(), errOut.String()}
	}
	src := "export async function notify(users: { send(): Promise<void> }[]) {\n  users.forEach(async (u) => { await u.send(); });\n}\n"
	r := runStdin(src, "scan", "--no-config", "--format", "json", "--stdin-filename", "src/notify.ts")
	if got := findings(t, r.stdout); r.code != ExitFail || len(got) != 1 || !strings.HasPrefix(got[0], "async-iteration-callback") {
		t.Fatalf("exit %d, findings %v, stderr %q", r.code, got, r.stderr)
	}
	if !strings.Contains(r.stdout, `"file": "src/notify.ts"`) {
		t.Errorf("the finding is not reported under the given name: %s", r.stdout)
	}
	if bad := runStdin(src, "scan", "--no-config", "--stdin-filename", "a.ts", "src"); bad.code != ExitError || !strings.Contains(bad.stderr, "give no paths") {
		t.Errorf("with a path: exit %d, stderr %q", bad.code, bad.stderr)
	}
	if md := runStdin("# notes\n", "scan", "--no-config", "--stdin-filename", "notes.md"); md.code != ExitError {
		t.Errorf("a non-JavaScript name: exit %d, stderr %q", md.code, md.stderr)
	}
}

// TestPrintConfig: --print-config shows what applies to one file: the
// configuration nearest to it, the rules it turns off, and whether the
// file is a test.
func TestPrintConfig(t *testing.T) {
	dir := project(t, map[string]string{
		"racecheck.json":     `{ "failOn": "high", "rules": { "sequential-awaits": "off" } }`,
		"src/a.ts":           "export const a = 1;\n",
		"test/a.test.ts":     "export const t = 1;\n",
		"pkg/racecheck.json": `{ "failOn": "low" }`,
		"pkg/b.ts":           "export const b = 1;\n",
	})
	var got struct {
		Config string
		FailOn string
		Test   bool
		Rules  []struct{ ID string }
	}
	for _, c := range []struct {
		file, config, failOn string
		test, seq            bool
	}{
		{"src/a.ts", "racecheck.json", "high", false, false},
		{"test/a.test.ts", "racecheck.json", "high", true, false},
		{"pkg/b.ts", "pkg/racecheck.json", "low", false, true},
	} {
		r := run(t, "scan", "--print-config", filepath.Join(dir, c.file))
		if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || r.code != ExitPass {
			t.Fatalf("%s: exit %d, %v: %s %s", c.file, r.code, err, r.stdout, r.stderr)
		}
		seq := false
		for _, x := range got.Rules {
			seq = seq || x.ID == "sequential-awaits"
		}
		if !strings.HasSuffix(filepath.ToSlash(got.Config), c.config) || got.FailOn != c.failOn || got.Test != c.test || seq != c.seq {
			t.Errorf("%s: config %q failOn %q test %v sequential-awaits %v", c.file, got.Config, got.FailOn, got.Test, seq)
		}
	}
}

// TestChangedSince: only findings in files changed since the revision
// (here a new, untracked file) are reported; an unknown revision is a
// usage error.
func TestChangedSince(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	racy := "async function f(items) { items.forEach(async (i) => { await i.save(); }); }\nmodule.exports = { f };\n"
	write(t, filepath.Join(dir, "src/old.js"), racy)
	for _, args := range [][]string{{"init", "-q"}, {"add", "."}, {"-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "one"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write(t, filepath.Join(dir, "src/new.js"), racy)
	t.Chdir(dir)
	r := run(t, "scan", "--no-config", "--format", "json", "--changed-since", "HEAD", ".")
	var doc struct {
		Findings []struct{ File string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || r.code != ExitFail {
		t.Fatalf("exit %d, %v: %s %s", r.code, err, r.stdout, r.stderr)
	}
	if len(doc.Findings) != 1 || filepath.ToSlash(doc.Findings[0].File) != "src/new.js" {
		t.Errorf("findings %+v, want only src/new.js", doc.Findings)
	}
	if bad := run(t, "scan", "--no-config", "--changed-since", "no-such-rev", "."); bad.code != ExitError || !strings.Contains(bad.stderr, "not a revision") {
		t.Errorf("unknown revision: exit %d, stderr %q", bad.code, bad.stderr)
	}
}

// TestVerboseNamesSkipped: --verbose lists the skipped files in the text
// report; the JSON report always names them.
func TestVerboseNamesSkipped(t *testing.T) {
	dir := project(t, map[string]string{
		"src/a.ts":       "export const a = 1;\n",
		"src/types.d.ts": "export declare const b: number;\n",
		"src/lib.min.js": "var x=1;\n",
	})
	plain := run(t, "scan", "--no-config", dir)
	verbose := run(t, "scan", "--no-config", "--verbose", dir)
	if strings.Contains(plain.stdout, "types.d.ts") || !strings.Contains(verbose.stdout, "types.d.ts  skipped  type declarations") || !strings.Contains(verbose.stdout, "lib.min.js  skipped  minified") {
		t.Errorf("without --verbose:\n%s\nwith it:\n%s", plain.stdout, verbose.stdout)
	}
}

// TestNearestConfigPerFile: one scan of a monorepo applies each package's
// own racecheck.json to its files: a rule the root turns off runs where a
// package turns it on, and a package can turn off what the root runs.
func TestNearestConfigPerFile(t *testing.T) {
	racy := "async function f(items) { items.forEach(async (i) => { await i.save(); }); }\nmodule.exports = { f };\n"
	dir := project(t, map[string]string{
		"racecheck.json":              `{ "rules": { "async-iteration-callback": "off" } }`,
		"src/root.js":                 racy,
		"packages/api/racecheck.json": `{ "rules": { "async-iteration-callback": "low" } }`,
		"packages/api/src/api.js":     racy,
		"packages/web/racecheck.json": `{ "ignore": ["legacy/"] }`,
		"packages/web/legacy/old.js":  racy,
		"packages/web/src/web.js":     racy,
	})
	r := run(t, "scan", "--format", "json", "--fail-on", "never", dir)
	got := findings(t, r.stdout)
	want := []string{"async-iteration-callback:low:api.js", "async-iteration-callback:high:web.js"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings %q, want %q (stderr %q)", got, want, r.stderr)
	}
}

// TestRuleOptionsPerFile: each file's rules run with the options of the
// configuration nearest to it; --config gives one file's options to all.
func TestRuleOptionsPerFile(t *testing.T) {
	dir := t.TempDir()
	src := "export async function f(api, id) {\n  const a = await api.obtainUser(id);\n  const b = await api.obtainOrders(id);\n  return [a, b];\n}\n"
	write(t, filepath.Join(dir, ".git", "HEAD"), "ref: refs/heads/main\n")
	write(t, filepath.Join(dir, "racecheck.json"), `{"rules": {"sequential-awaits": {"options": {"readVerbs": ["obtain"]}}}}`)
	write(t, filepath.Join(dir, "src", "a.js"), src)
	write(t, filepath.Join(dir, "packages", "p", "racecheck.json"), `{"failOn": "never"}`)
	write(t, filepath.Join(dir, "packages", "p", "b.js"), src)
	scan := func(args ...string) []string {
		r := run(t, append([]string{"scan", "--format", "json", "--fail-on", "never"}, args...)...)
		if r.code != ExitPass {
			t.Fatalf("scan %v: exit %d, %s", args, r.code, r.stderr)
		}
		return findings(t, r.stdout)
	}
	if got, want := scan(dir), []string{"sequential-awaits:low:a.js"}; !reflect.DeepEqual(got, want) {
		t.Errorf("nearest configurations: %q, want %q (b.js's own configuration sets no options)", got, want)
	}
	if got := scan("--config", filepath.Join(dir, "racecheck.json"), dir); len(got) != 2 {
		t.Errorf("--config: %q, want both files reported", got)
	}
	if got := scan("--no-config", dir); len(got) != 0 {
		t.Errorf("--no-config: %q, want none (obtain is not a default read verb)", got)
	}
}
