package report

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/suppress"
)

// TestRuleInfoCoversEveryRule: every rule racecheck ships has an entry,
// with documentation that exists in the repository, a known kind and
// well-formed tags; and no entry names a rule that does not exist.
func TestRuleInfoCoversEveryRule(t *testing.T) {
	rules := append(analysis.Rules(), suppress.Rules()...)
	ids := map[string]bool{}
	kinds := map[string]bool{"correctness": true, "reliability": true, "performance": true, "maintainability": true}
	for _, r := range rules {
		ids[r.ID] = true
		info, ok := ruleInfos[r.ID]
		if !ok {
			t.Errorf("%s has no entry in ruleInfos", r.ID)
			continue
		}
		if _, err := os.Stat(filepath.Join("..", "..", filepath.FromSlash(info.Doc))); err != nil {
			t.Errorf("%s: documentation %s: %v", r.ID, info.Doc, err)
		}
		if !kinds[info.Kind] {
			t.Errorf("%s: kind %q", r.ID, info.Kind)
		}
		if info.Security && len(info.CWE) == 0 {
			t.Errorf("%s is a security race without a CWE", r.ID)
		}
		if got := HelpURI(r.ID); got != DocsBaseURL+info.Doc {
			t.Errorf("%s: HelpURI %q", r.ID, got)
		}
	}
	for id := range ruleInfos {
		if !ids[id] {
			t.Errorf("ruleInfos describes %q, which is no rule", id)
		}
	}
	if len(rules) != len(ruleInfos) {
		t.Errorf("%d rules, %d entries", len(rules), len(ruleInfos))
	}
}

func TestRuleTags(t *testing.T) {
	for _, tc := range []struct {
		id   string
		want string
	}{
		{"check-then-act", "concurrency correctness security external/cwe/cwe-362 external/cwe/cwe-367"},
		{"shared-temp-path", "concurrency correctness security external/cwe/cwe-362 external/cwe/cwe-377"},
		{"lock-order", "concurrency reliability external/cwe/cwe-833"},
		{"sequential-awaits", "concurrency performance"},
		{"unused-suppression", "maintainability"},
		{"no-such-rule", "concurrency correctness"},
	} {
		if got := strings.Join(Info(tc.id).Tags(), " "); got != tc.want {
			t.Errorf("%s: tags %q, want %q", tc.id, got, tc.want)
		}
	}
	if HelpURI("no-such-rule") != "" {
		t.Error("a rule racecheck does not ship has a helpUri")
	}
	for s, want := range map[analysis.Severity]string{analysis.High: "7.5", analysis.Medium: "5.0", analysis.Low: "2.0"} {
		if got := SecuritySeverity(s); got != want {
			t.Errorf("SecuritySeverity(%s) = %q, want %q", s, got, want)
		}
	}
}

func TestGitRevision(t *testing.T) {
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("no git")
	}
	dir := t.TempDir()
	if c, top := GitRevision(dir); c != "" || top != "" {
		t.Errorf("outside a repository: %q, %q", c, top)
	}
	run := func(args ...string) string {
		cmd := exec.Command(git, append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	run("init", "-q")
	sub := filepath.Join(dir, "pkg", "src")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	top := filepath.ToSlash(run("rev-parse", "--show-toplevel"))
	if c, got := GitRevision(sub); c != "" || got != top {
		t.Errorf("no commit yet: %q, %q; want \"\", %q", c, got, top)
	}
	if err := os.WriteFile(filepath.Join(sub, "a.js"), []byte("x;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run("add", ".")
	run("commit", "-q", "-m", "a")
	head := run("rev-parse", "HEAD")
	if c, got := GitRevision(sub); c != head || got != top {
		t.Errorf("GitRevision = %q, %q; want %q, %q", c, got, head, top)
	}
	if c, got := GitRevision(""); c != "" || got != "" {
		t.Errorf("GitRevision(\"\") = %q, %q", c, got)
	}
}

// TestArtifactLocations: files under the repository are relative to
// %SRCROOT% (the repository's top) wherever the scan ran from; files
// outside it are file: URIs.
func TestArtifactLocations(t *testing.T) {
	for _, tc := range []struct {
		root, repo, file string
		uri, base        string
	}{
		{"/repo", "/repo", "src/a.js", "src/a.js", "%SRCROOT%"},
		{"/repo/pkg", "/repo", "src/a.js", "pkg/src/a.js", "%SRCROOT%"},
		{"/repo/pkg", "/repo", "../lib/b.js", "lib/b.js", "%SRCROOT%"},
		{"/repo/pkg", "/repo", "/repo/pkg/c.js", "pkg/c.js", "%SRCROOT%"},
		{"/repo/pkg", "/repo", "../../elsewhere/d.js", "file:///elsewhere/d.js", ""},
		{"/repo", "", "/tmp/e.js", "file:///tmp/e.js", ""},
		{"/repo", "", "src/a b.js", "src/a%20b.js", "%SRCROOT%"},
		{"", "", "src/a.js", "src/a.js", "%SRCROOT%"},
		{`C:\work\repo`, "C:/work/repo", `src\w.js`, "src/w.js", "%SRCROOT%"},
		// A repository that does not hold the working directory is not
		// the base.
		{"/other", "/repo", "x.js", "x.js", "%SRCROOT%"},
	} {
		got := newLocator(tc.root, tc.repo).artifact(tc.file)
		if got.URI != tc.uri || got.URIBaseID != tc.base {
			t.Errorf("root %q, repository %q, file %q: %q based on %q; want %q based on %q", tc.root, tc.repo, tc.file, got.URI, got.URIBaseID, tc.uri, tc.base)
		}
	}
}
