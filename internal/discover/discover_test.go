package discover

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// tree creates files (path -> content) under a new temporary directory.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, body := range files {
		full := filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func walkPaths(t *testing.T, root string, opts Options, paths ...string) (files, skipped []string) {
	t.Helper()
	t.Chdir(root)
	if len(paths) == 0 {
		paths = []string{"."}
	}
	res, err := Walk(paths, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		files = append(files, f.Path)
	}
	for _, s := range res.Skipped {
		skipped = append(skipped, s.Path+" ("+s.Reason+")")
	}
	return files, skipped
}

func TestWalkGitignoreAndDefaults(t *testing.T) {
	root := tree(t, map[string]string{
		".git/HEAD":                  "ref: main\n",
		".gitignore":                 "*.gen.ts\n/tmp/\nlogs\n!keep.gen.ts\n",
		"src/a.ts":                   "",
		"src/b.gen.ts":               "",
		"src/keep.gen.ts":            "",
		"src/types.d.ts":             "",
		"src/vendor.min.js":          "",
		"src/readme.md":              "",
		"src/nested/.gitignore":      "secret.js\n!important.js\n",
		"src/nested/secret.js":       "",
		"src/nested/c.mjs":           "",
		"tmp/x.js":                   "",
		"lib/tmp/y.js":               "",
		"logs/z.js":                  "",
		"node_modules/pkg/index.js":  "",
		"dist/out.js":                "",
		"packages/app/build/out.js":  "",
		"packages/app/src/index.tsx": "",
		"scripts/deep/**/x.cts":      "",
	})
	files, skipped := walkPaths(t, root, Options{})
	want := []string{"lib/tmp/y.js", "packages/app/src/index.tsx", "scripts/deep/**/x.cts", "src/a.ts", "src/keep.gen.ts", "src/nested/c.mjs"}
	if !reflect.DeepEqual(files, want) {
		t.Errorf("files\n got %v\nwant %v", files, want)
	}
	wantSkipped := []string{"src/types.d.ts (type declarations)", "src/vendor.min.js (minified)"}
	if !reflect.DeepEqual(skipped, wantSkipped) {
		t.Errorf("skipped\n got %v\nwant %v", skipped, wantSkipped)
	}
}

func TestWalkDoubleStarAndExtraIgnore(t *testing.T) {
	root := tree(t, map[string]string{
		".git/HEAD":              "",
		".gitignore":             "**/fixtures/**\n",
		"a/fixtures/b/c.js":      "",
		"a/src/d.js":             "",
		"a/src/d.test.js":        "",
		"scripts/migrate/run.ts": "",
	})
	files, _ := walkPaths(t, root, Options{Ignore: []string{"**/*.test.js", "scripts/"}})
	if want := []string{"a/src/d.js"}; !reflect.DeepEqual(files, want) {
		t.Errorf("got %v, want %v", files, want)
	}
}

func TestExplicitFileAlwaysScanned(t *testing.T) {
	root := tree(t, map[string]string{
		".git/HEAD":                 "",
		".gitignore":                "ignored.js\n",
		"ignored.js":                "",
		"node_modules/pkg/index.js": "",
		"types.d.ts":                "",
	})
	files, skipped := walkPaths(t, root, Options{}, "ignored.js", "node_modules/pkg/index.js", "types.d.ts")
	if want := []string{"ignored.js", "node_modules/pkg/index.js", "types.d.ts"}; !reflect.DeepEqual(files, want) {
		t.Errorf("got %v, want %v", files, want)
	}
	if len(skipped) != 0 {
		t.Errorf("skipped %v", skipped)
	}
}

func TestWalkErrors(t *testing.T) {
	root := tree(t, map[string]string{"README.md": ""})
	t.Chdir(root)
	if _, err := Walk([]string{"missing"}, Options{}); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing path: err = %v", err)
	}
	if _, err := Walk([]string{"README.md"}, Options{}); err == nil || !strings.Contains(err.Error(), "not a JavaScript or TypeScript file") {
		t.Errorf("non-source file: err = %v", err)
	}
}

func TestSymlinkLoop(t *testing.T) {
	root := tree(t, map[string]string{"a/x.js": "", "b/y.js": ""})
	if err := os.Symlink("..", filepath.Join(root, "a", "up")); err != nil {
		t.Skip("symlinks not supported:", err)
	}
	if err := os.Symlink("../a", filepath.Join(root, "b", "toa")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("nowhere", filepath.Join(root, "b", "dangling.js")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	res, err := Walk([]string{"."}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, f := range res.Files {
		files = append(files, f.Path)
	}
	if want := []string{"a/x.js", "b/y.js"}; !reflect.DeepEqual(files, want) {
		t.Errorf("got %v, want %v", files, want)
	}
	if len(res.Problems) != 1 || !strings.Contains(res.Problems[0].Message, "broken symbolic link") {
		t.Errorf("problems = %+v, want the dangling link", res.Problems)
	}
}

func TestGitignoreParsing(t *testing.T) {
	rules := parseGitignore("", "# comment\n\n\\#hash.js\n  \n*.log \nfoo/**/bar\n")
	var pats []string
	for _, r := range rules {
		pats = append(pats, r.pattern)
	}
	if want := []string{"#hash.js", "*.log", "foo/**/bar"}; !reflect.DeepEqual(pats, want) {
		t.Errorf("patterns %q, want %q", pats, want)
	}
	r := rules[2]
	for rel, want := range map[string]bool{"foo/bar": true, "foo/a/b/bar": true, "x/foo/bar": false, "foo/barn": false} {
		if got := r.matches(rel, false); got != want {
			t.Errorf("foo/**/bar matches %q = %v, want %v", rel, got, want)
		}
	}
	for _, c := range []struct {
		pattern, rel string
		want         bool
	}{
		{"a/**", "a/b/c", true}, {"**/b", "b", true}, {"**/b", "a/x/b", true},
		{"**/b/**", "a/b/c", true}, {"a/**/b/*.js", "a/b/x.js", true}, {"a/**/b/*.js", "a/q/r/b/x.js", true},
		{"a/**/b/*.js", "a/q/r/b/x/y.js", false}, {"a/*/c", "a/b/c", true}, {"a/*/c", "a/b/b/c", false},
		{"a/**/", "a/b", true}, {"**/x/**", "p/x/q", true}, {"**/x/**", "p/y/q", false},
	} {
		rs := parseGitignore("", c.pattern+"\n")
		if len(rs) != 1 {
			t.Fatalf("%q: %d rules", c.pattern, len(rs))
		}
		if got := rs[0].matches(c.rel, true); got != c.want {
			t.Errorf("%s matches %q = %v, want %v", c.pattern, c.rel, got, c.want)
		}
	}
}

func FuzzGitignore(f *testing.F) {
	f.Add("*.js\n!keep.js\n/build/\n**/x/**\n[a-z]*.ts\n", "src/a/keep.js")
	f.Fuzz(func(t *testing.T, text, rel string) {
		rules := parseGitignore("", text)
		for _, r := range rules {
			if r.pattern == "" {
				t.Fatal("empty pattern kept")
			}
			r.matches(rel, false)
			r.matches(rel, true)
		}
	})
}

func TestWalkESLintIgnores(t *testing.T) {
	root := tree(t, map[string]string{
		".git/HEAD": "ref: main\n",
		"eslint.config.mjs": `import { defineConfig, globalIgnores } from "eslint/config";
export default defineConfig([
  globalIgnores(["www/lib/**", "**/generated/", "!www/lib/own.js"]),
  { ignores: ["vendor/**"] },
  { name: "local", files: ["src/**"], ignores: ["src/skipped-only-for-rules.js"], rules: {} },
  { ignores: [pattern] },
]);`,
		"www/lib/pdf.js":                "",
		"www/lib/own.js":                "",
		"www/app.js":                    "",
		"vendor/x.js":                   "",
		"src/skipped-only-for-rules.js": "",
		"src/a/generated/api.ts":        "",
		"src/a/b.ts":                    "",
		"pkg/.eslintignore":             "# legacy\nold/\n*.bundle.js\n",
		"pkg/old/x.js":                  "",
		"pkg/deep/app.bundle.js":        "",
		"pkg/deep/app.js":               "",
		"tools/eslint.config.cjs":       "module.exports = [{ ignores: ['fixtures/**'] }];",
		"tools/fixtures/f.js":           "",
		"tools/sub/fixtures/kept.js":    "",
		"other/eslint.config.js":        "this is not JavaScript (",
		"other/x.js":                    "",
	})
	lintIgnored := func(dir string) (checked, ignored []string) {
		t.Chdir(dir)
		res, err := Walk([]string{"."}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range res.Files {
			if f.LintIgnored {
				ignored = append(ignored, f.Path)
			} else {
				checked = append(checked, f.Path)
			}
		}
		return checked, ignored
	}
	checked, ignored := lintIgnored(root)
	want := []string{"eslint.config.mjs", "other/eslint.config.js", "other/x.js", "pkg/deep/app.js", "src/a/b.ts",
		"src/skipped-only-for-rules.js", "tools/eslint.config.cjs", "tools/sub/fixtures/kept.js", "www/app.js", "www/lib/own.js"}
	if !reflect.DeepEqual(checked, want) {
		t.Errorf("checked\n got %v\nwant %v", checked, want)
	}
	want = []string{"pkg/deep/app.bundle.js", "pkg/old/x.js", "src/a/generated/api.ts", "tools/fixtures/f.js", "vendor/x.js", "www/lib/pdf.js"}
	if !reflect.DeepEqual(ignored, want) {
		t.Errorf("lint-ignored\n got %v\nwant %v", ignored, want)
	}
	// Scanning a subdirectory honours the ignores of the directories above.
	checked, ignored = lintIgnored(filepath.Join(root, "www"))
	if want := []string{"app.js", "lib/own.js"}; !reflect.DeepEqual(checked, want) || !reflect.DeepEqual(ignored, []string{"lib/pdf.js"}) {
		t.Errorf("from www/: checked %v, lint-ignored %v", checked, ignored)
	}
}

func FuzzFlatConfigIgnores(f *testing.F) {
	f.Add(`export default [globalIgnores(["a/**", "!a/b.js"]), { ignores: ["x"] }];`)
	f.Add(`module.exports = [{ name: "n", ignores: ['./dist/', "**/gen/"] }, { files: ["*"], ignores: ["y"] }]`)
	f.Fuzz(func(t *testing.T, src string) {
		for _, p := range flatConfigIgnores("eslint.config.ts", src) {
			if p == "" || strings.TrimPrefix(p, "!") == "" {
				t.Fatalf("empty pattern from %q", src)
			}
			for _, r := range parseGitignore("", p) {
				r.matches("a/b.js", false)
			}
		}
	})
}
