package report

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/nodetest"
	_ "github.com/racecheck/racecheck/internal/rules" // every rule registers itself
	"github.com/racecheck/racecheck/internal/suppress"
)

const validateDir = "testdata/sarif-validate"

// officialSchema is the SARIF 2.1.0 JSON schema, as the SARIF SDK ships it
// in its npm package.
var officialSchema = filepath.Join(validateDir, "node_modules", "@microsoft", "sarif-multitool-linux", "sarif-2.1.0.json")

// nodeValidator returns node's path when the validation client is
// installed; otherwise the test skips, or fails when
// RACECHECK_REQUIRE_NODE_TESTS=1.
func nodeValidator(t *testing.T) string {
	t.Helper()
	node, _ := nodetest.Require(t, validateDir, "ajv")
	if _, err := os.Stat(officialSchema); err != nil {
		if os.Getenv("RACECHECK_REQUIRE_NODE_TESTS") == "1" {
			t.Fatalf("%s is not installed: npm ci --prefix internal/report/testdata/sarif-validate", officialSchema)
		}
		t.Skipf("%s is not installed (an optional dependency, for Linux only)", officialSchema)
	}
	return node
}

type validation struct {
	File    string   `json:"file"`
	Rules   int      `json:"rules"`
	Results int      `json:"results"`
	Errors  []string `json:"errors"`
}

// validate runs the validation client on logs; it returns its verdicts and
// whether it passed them all.
func validate(t *testing.T, node string, logs ...string) ([]validation, bool) {
	t.Helper()
	cmd := exec.Command(node, append([]string{filepath.Join(validateDir, "validate.mjs"), officialSchema}, logs...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatal(err)
	}
	if stderr.Len() > 0 {
		t.Fatalf("validate.mjs: %s", stderr.String())
	}
	var vs []validation
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var v validation
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Fatalf("validate.mjs printed %q: %v", line, err)
		}
		vs = append(vs, v)
	}
	return vs, err == nil
}

// TestSARIFAgainstOfficialSchema builds racecheck with a stamped version,
// scans the example app into SARIF and validates that log and the golden
// one against the SARIF 2.1.0 JSON schema with Ajv; then checks what code
// scanning relies on: the version, the security-severity and help of
// every rule, and artifact locations relative to %SRCROOT%.
func TestSARIFAgainstOfficialSchema(t *testing.T) {
	node := nodeValidator(t)
	dir := t.TempDir()
	const version = "v3.1.4-test"
	bin := nodetest.Build(t, "-ldflags", "-X github.com/racecheck/racecheck/internal/cli.Version="+version)
	log := filepath.Join(dir, "shop.sarif")
	scan := exec.Command(bin, "scan", "--no-progress", "--format", "sarif", "--output", log, "examples/shop")
	scan.Dir = filepath.Join("..", "..")
	if out, err := scan.CombinedOutput(); err == nil || scan.ProcessState.ExitCode() != 1 {
		t.Fatalf("scan of examples/shop: %v (want exit status 1, findings)\n%s", err, out)
	}
	golden := filepath.Join("testdata", "golden", "report.sarif")
	vs, ok := validate(t, node, log, golden)
	if len(vs) != 2 {
		t.Fatalf("%d verdicts, want 2", len(vs))
	}
	all := len(analysis.Rules()) + len(suppress.Rules())
	if vs[0].Rules != all || vs[0].Results == 0 {
		t.Errorf("example app: %d rules, %d results; want %d rules and some results", vs[0].Rules, vs[0].Results, all)
	}
	if vs[1].Rules != 4 || vs[1].Results != 6 {
		t.Errorf("golden log: %d rules, %d results; want 4 and 6", vs[1].Rules, vs[1].Results)
	}
	for _, v := range vs {
		for _, e := range v.Errors {
			t.Errorf("%s: %s", v.File, e)
		}
	}
	if !ok && !t.Failed() {
		t.Error("validate.mjs failed without naming an error")
	}

	b, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Version, SemanticVersion string
					Rules                    []struct {
						ID         string
						HelpURI    string `json:"helpUri"`
						Properties struct {
							Tags             []string
							Severity         string `json:"racecheck.severity"`
							SecuritySeverity string `json:"security-severity"`
						}
					}
				}
			}
			OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
		}
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	run := doc.Runs[0]
	if d := run.Tool.Driver; d.Version != version || d.SemanticVersion != "3.1.4-test" {
		t.Errorf("driver version %q, semanticVersion %q; want %q, %q", d.Version, d.SemanticVersion, version, "3.1.4-test")
	}
	wantScore := map[string]string{"high": "7.5", "medium": "5.0", "low": "2.0"}
	for _, r := range run.Tool.Driver.Rules {
		if want := wantScore[r.Properties.Severity]; r.Properties.SecuritySeverity != want {
			t.Errorf("%s (%s): security-severity %q, want %q", r.ID, r.Properties.Severity, r.Properties.SecuritySeverity, want)
		}
		doc, ok := strings.CutPrefix(r.HelpURI, DocsBaseURL)
		if !ok || !strings.HasSuffix(doc, "/"+r.ID+".md") {
			t.Errorf("%s: helpUri %q", r.ID, r.HelpURI)
		} else if _, err := os.Stat(filepath.Join("..", "..", filepath.FromSlash(doc))); err != nil {
			t.Errorf("%s: helpUri names a file the repository lacks: %v", r.ID, err)
		}
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := run.OriginalURIBaseIDs["%SRCROOT%"].URI, fileURI(filepath.ToSlash(root)+"/"); got != want {
		t.Errorf("%%SRCROOT%% is %q, want %q", got, want)
	}
	// The only file: URI is %SRCROOT% itself.
	if n := strings.Count(string(b), `"file://`); n != 1 {
		t.Errorf("%d file: URIs in the log, want 1 (%%SRCROOT%%)", n)
	}
	if !strings.Contains(string(b), `"uri": "examples/shop/src/wallet.ts"`) {
		t.Error(`no artifact "examples/shop/src/wallet.ts" relative to %SRCROOT%`)
	}
}

// TestSARIFValidationCatches makes sure the schema validation is not
// vacuous: a log with a bad level, a rule without security-severity and a
// property the schema forbids is rejected, with each problem named.
func TestSARIFValidationCatches(t *testing.T) {
	node := nodeValidator(t)
	bad := `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "colour": "red",
	  "rules": [{"id": "a", "properties": {"security-severity": "7.5"}}, {"id": "b", "properties": {}}]}},
	  "results": [{"ruleId": "a", "level": "high", "message": {"text": "m"}}]}]}`
	file := filepath.Join(t.TempDir(), "bad.sarif")
	if err := os.WriteFile(file, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	vs, ok := validate(t, node, file)
	if ok || len(vs) != 1 {
		t.Fatalf("the bad log passed: %+v", vs)
	}
	got := strings.Join(vs[0].Errors, "\n")
	for _, want := range []string{
		"schema: /runs/0/tool/driver must NOT have additional properties",
		"schema: /runs/0/results/0/level must be equal to one of the allowed values",
		`/runs/0/tool/driver/rules/1 (b): security-severity undefined is not a number`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("errors lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "rules/0 (a)") {
		t.Errorf("rule a has a security-severity, yet:\n%s", got)
	}
}
