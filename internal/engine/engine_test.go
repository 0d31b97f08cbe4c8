package engine

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/racecheck/racecheck/internal/analysis"
	_ "github.com/racecheck/racecheck/internal/rules"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/syntax"
)

const racy = `export async function notify(users, mailer) {
  users.forEach(async (u) => { await mailer.send(u); });
}
`

func write(t *testing.T, dir, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// runIn scans dir, from inside it, with every rule.
func runIn(t *testing.T, dir string) *Result {
	t.Helper()
	t.Chdir(dir)
	res, err := Run(Options{Paths: []string{"."}, Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestBadInputKeepsOtherFindings feeds one good file and every kind of bad
// one: each bad file gets a clear error, and the good file's finding stays.
func TestBadInputKeepsOtherFindings(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "good.js", []byte(racy))
	write(t, dir, "binary.js", []byte("\x00\x01\x02ELF"))
	write(t, dir, "latin1.js", []byte("const s = \"caf\xe9\";\n"))
	write(t, dir, "broken.ts", []byte("export function (\n"))
	write(t, dir, "bom.ts", append([]byte("\xef\xbb\xbf"), racy...))
	write(t, dir, "huge.js", []byte("// "+strings.Repeat("x", 1<<20)+"\n"))
	write(t, dir, "unreadable.js", []byte(racy))
	if err := os.Chmod(filepath.Join(dir, "unreadable.js"), 0); err != nil {
		t.Fatal(err)
	}
	res := runIn(t, dir)
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.File+":"+f.Rule)
	}
	wantFindings := "bom.ts:async-iteration-callback good.js:async-iteration-callback"
	if os.Geteuid() == 0 { // root reads mode-0 files
		wantFindings += " unreadable.js:async-iteration-callback"
	}
	if strings.Join(got, " ") != wantFindings {
		t.Errorf("findings = %v", got)
	}
	errs := map[string]string{}
	for _, e := range res.Errors {
		errs[e.File] = e.Message
		if e.Internal {
			t.Errorf("internal error for %s: %s", e.File, e.Message)
		}
	}
	want := map[string]string{
		"binary.js": "binary file",
		"latin1.js": "not valid UTF-8",
		"broken.ts": "syntax error at line 1",
	}
	if os.Geteuid() != 0 { // root reads mode-0 files
		want["unreadable.js"] = "permission denied"
	}
	for file, msg := range want {
		if !strings.Contains(errs[file], msg) {
			t.Errorf("error for %s = %q, want it to mention %q", file, errs[file], msg)
		}
	}
	if len(res.Skipped) != 1 || res.Skipped[0].Path != "huge.js" {
		t.Errorf("skipped = %+v, want huge.js", res.Skipped)
	}
}

// TestPanickingRuleIsContained checks that a rule that panics yields an
// internal error for that file while other rules still report.
func TestPanickingRuleIsContained(t *testing.T) {
	boom := &analysis.Rule{ID: "boom", Severity: analysis.High, Run: func(p *analysis.Pass) {
		if strings.Contains(p.File.Tree.Src, "explode") {
			panic("kaboom")
		}
	}}
	other, _ := analysis.Lookup("async-iteration-callback")
	dir := t.TempDir()
	write(t, dir, "a.js", []byte(racy+"// explode\n"))
	write(t, dir, "b.js", []byte(racy))
	t.Chdir(dir)
	res, err := Run(Options{Paths: []string{"."}, Rules: []*analysis.Rule{boom, other}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 2 {
		t.Errorf("got %d findings, want 2 (one per file)", len(res.Findings))
	}
	if !res.InternalError() || len(res.Errors) != 1 || res.Errors[0].File != "a.js" || !strings.Contains(res.Errors[0].Message, "kaboom") {
		t.Errorf("errors = %+v", res.Errors)
	}
}

func TestOverrides(t *testing.T) {
	fs := []analysis.Finding{
		{Rule: "generic", File: "a.js", Line: 3},
		{Rule: "specific", File: "a.js", Line: 3},
		{Rule: "generic", File: "a.js", Line: 4},
		{Rule: "generic", File: "a.js", Line: 4},
	}
	rules := []*analysis.Rule{{ID: "generic"}, {ID: "specific", Overrides: []string{"generic"}}}
	got := resolveOverlaps(fs, rules)
	if len(got) != 2 || got[0].Rule != "specific" || got[1].Line != 4 {
		t.Errorf("got %+v", got)
	}
}

// TestOverridesSameCheck: a specific finding drops the generic one on its
// line only when both are about the same check (a shared related line);
// two checks that decide one write are two findings.
func TestOverridesSameCheck(t *testing.T) {
	rel := func(lines ...int) []analysis.Related {
		var out []analysis.Related
		for _, l := range lines {
			out = append(out, analysis.Related{File: "a.js", Line: l})
		}
		return out
	}
	fs := []analysis.Finding{
		{Rule: "generic", File: "a.js", Line: 9, Related: rel(2, 3)},  // the quota counted at line 2
		{Rule: "specific", File: "a.js", Line: 9, Related: rel(6, 7)}, // the name looked up at line 6
		{Rule: "generic", File: "a.js", Line: 20, Related: rel(12)},
		{Rule: "specific", File: "a.js", Line: 20, Related: rel(12, 13)},
	}
	rules := []*analysis.Rule{{ID: "generic"}, {ID: "specific", Overrides: []string{"generic"}}}
	got := resolveOverlaps(fs, rules)
	var keys []string
	for _, f := range got {
		keys = append(keys, fmt.Sprintf("%s:%d", f.Rule, f.Line))
	}
	if want := "generic:9 specific:9 specific:20"; strings.Join(keys, " ") != want {
		t.Errorf("kept %v, want %s", keys, want)
	}
}

func TestCrossFileResolution(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "impl.ts", []byte("export async function send() {}\nexport function sync() { return 1 }\n"))
	write(t, dir, "index.ts", []byte("export * from './impl';\n"))
	write(t, dir, "use.ts", []byte("import { send, sync } from '.';\nsend();\nsync();\n"))
	write(t, dir, "cjs.js", []byte("const { send } = require('./index');\nconst m = require('./lib');\nm.save();\n"))
	write(t, dir, "lib.js", []byte("async function save() {}\nmodule.exports = { save };\n"))
	t.Chdir(dir)
	files, _, errs := parseAllPaths(t, ".")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	p := sem.NewProject(files, nil)
	want := map[string]bool{"send()": true, "sync()": false, "m.save()": true}
	for _, f := range files {
		f.Root().Walk(func(n syntax.Node) bool {
			if n.Is(syntax.KCallExpression) {
				if w, ok := want[n.Text()]; ok {
					if got := p.CallReturnsPromise(f, n); got != w {
						t.Errorf("%s: %s returns a promise = %v, want %v", f.Path, n.Text(), got, w)
					}
				}
			}
			return true
		})
	}
}

func FuzzScanSource(f *testing.F) {
	f.Add("a.ts", racy)
	f.Add("b.js", "let x; async function g(){ if(!x){ x = await h() } return x }")
	f.Add("c.tsx", "export const A = () => <button onClick={() => save()}>x</button>;")
	f.Add("d.mjs", "import {readFile} from 'fs/promises'; for await (const x of y) { await Promise.all(z.map(async q => q)) }")
	f.Fuzz(func(t *testing.T, name, src string) {
		switch strings.ToLower(filepath.Ext(name)) {
		case ".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts":
		default:
			name = "fuzz.ts"
		}
		findings, errs := ScanSource(name, []byte(src), nil)
		for _, e := range errs {
			if e.Internal {
				t.Fatalf("internal error: %s", e.Message)
			}
		}
		for _, fd := range findings {
			if fd.Line < 1 || fd.Column < 1 || fd.EndLine < fd.Line || fd.Message == "" {
				t.Fatalf("malformed finding %+v", fd)
			}
		}
	})
}

func TestFlowFallsBackToTSX(t *testing.T) {
	src := "// @flow\nimport type { Config } from './config';\nexport async function load(c: Config): Promise<?string> {\n  [1].forEach(async (x: number) => { await c.get(x); });\n  return null;\n}\n"
	findings, errs := ScanSource("flow.js", []byte(src), nil)
	if len(errs) != 0 {
		t.Fatalf("errors: %+v", errs)
	}
	if len(findings) != 1 || findings[0].Rule != "async-iteration-callback" {
		t.Errorf("findings = %+v", findings)
	}
}

// TestFlowObjectTypes: Flow's exact object types ({| |}, also on one line)
// and object type spreads (...$Exact<T>) are read as errors inside the
// types, so a Flow-typed file is scanned, not skipped.
func TestFlowObjectTypes(t *testing.T) {
	src := "// @flow\ntype Base = {|\n  id: string,\n|};\ntype Row = {| id: string |};\ntype Empty = {||};\ntype Args = {\n  ...$Exact<Base>,\n  name: ?string,\n};\n" +
		"export async function load(a: Args, r: { ...Row, n: number }) {\n  [1].forEach(async (x: number) => { await a.get(x); });\n}\n"
	findings, errs := ScanSource("flow.js", []byte(src), nil)
	if len(errs) != 0 {
		t.Fatalf("errors: %+v", errs)
	}
	if len(findings) != 1 || findings[0].Rule != "async-iteration-callback" || findings[0].Line != 12 {
		t.Errorf("findings = %+v", findings)
	}
	// The same spread in a TypeScript file is no TypeScript: the file is
	// reported as a syntax error, as before.
	if _, errs := ScanSource("types.ts", []byte("type Args = { ...Base, name: string };\n"), nil); len(errs) != 1 {
		t.Errorf("TypeScript object type spread: errors %+v, want one", errs)
	}
}

// TestFlowFunctionTypes scans a Flow file with function types whose
// parameters have no names ((?Node) => void, string => void, also after a
// maybe type), bounded type parameters (<I: Array<*>>) and classes whose
// type arguments the JavaScript reading takes for JSX (up to the end of
// the file, for the last): each statement is read, and the races inside
// them are reported.
func TestFlowFunctionTypes(t *testing.T) {
	src := "// @flow\ntype Props = {\n  ref?: (?HTMLElement) => void,\n  onError: ?(err: Error) => void,\n" +
		"  getAfter?: any => mixed,\n  report: (string, number) => void,\n};\n" +
		"export const createQuery = <I: Array<*>, O: *>(db: any) => async (...args: I): Promise<O> => {\n" +
		"  args.forEach(async (a) => { await db.get(a); });\n};\n" +
		"export const name = (x: number): string => String(x);\n" +
		"export class Profile extends React.Component<Props> {\n  render() {\n    return (\n" +
		"      <Card ref={this.props.ref}>\n        <Loading />\n      </Card>\n    );\n  }\n}\n" +
		"export default class Store extends Base<Props> {\n  async load(ids) {\n" +
		"    ids.forEach(async (id) => { await this.db.get(id); });\n  }\n}\n"
	findings, errs := ScanSource("profile.js", []byte(src), nil)
	if len(errs) != 0 {
		t.Fatalf("errors: %+v", errs)
	}
	var got []string
	for _, f := range findings {
		got = append(got, fmt.Sprintf("%d:%s", f.Line, f.Rule))
	}
	if want := "9:async-iteration-callback 23:async-iteration-callback"; strings.Join(got, " ") != want {
		t.Errorf("findings = %v, want %s", got, want)
	}
	// In a TypeScript file a function type's parameters need names.
	if _, errs := ScanSource("types.ts", []byte("type Props = { ref: (?HTMLElement) => void };\n"), nil); len(errs) != 1 {
		t.Errorf("TypeScript unnamed parameter: errors %+v, want one", errs)
	}
}

// TestESLintIgnoredFilesAreIndexedNotChecked scans a project whose ESLint
// flat config ignores its vendored directory: the vendored file's own
// race is not reported and its syntax error is no error of the project's,
// but the project's call into it still resolves (the dropped promise of
// an async function declared there is reported).
func TestESLintIgnoredFilesAreIndexedNotChecked(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "vendor"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "eslint.config.mjs", []byte("export default [{ ignores: [\"vendor/**\"] }];\n"))
	write(t, dir, "vendor/lib.js", []byte(racy+"export async function flush() { await fetch('/x'); }\n"))
	write(t, dir, "vendor/broken.js", []byte("export function (\n"))
	write(t, dir, "app.js", []byte("import { flush } from './vendor/lib.js';\nsetInterval(() => flush(), 1000);\n"))
	res := runIn(t, dir)
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s:%d:%s", f.File, f.Line, f.Rule))
	}
	if want := "app.js:2:floating-promise"; strings.Join(got, " ") != want {
		t.Errorf("findings = %v, want %s", got, want)
	}
	if len(res.Errors) != 0 {
		t.Errorf("errors = %+v, want none", res.Errors)
	}
	if res.LintIgnored != 1 || len(res.Skipped) != 1 || res.Skipped[0].Path != "vendor/broken.js" {
		t.Errorf("lint-ignored %d, skipped %+v; want 1 and vendor/broken.js", res.LintIgnored, res.Skipped)
	}
}

// TestOneShotScripts: the file a package.json script runs with node, and
// the module only it imports, count as single-process; with the
// inference turned off they are checked like the rest.
func TestOneShotScripts(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		".git/HEAD":          "ref: refs/heads/main\n",
		"package.json":       `{"scripts": {"keys": "node tools/make-keys.js", "dev": "nodemon server.js"}}`,
		"tools/make-keys.js": "const { writeKey } = require('./keys');\nwriteKey('keys').catch(() => process.exit(1));\n",
		"tools/keys.js": "const fs = require('fs');\nconst crypto = require('crypto');\n" +
			"async function writeKey(dir) {\n  const file = dir + '/a.key';\n" +
			"  if (!(await fs.promises.access(file).then(() => true, () => false))) {\n" +
			"    await fs.promises.writeFile(file, crypto.randomBytes(32));\n  }\n}\nmodule.exports = { writeKey };\n",
	})
	t.Chdir(dir)
	for _, off := range []bool{false, true} {
		res, err := Run(Options{Paths: []string{"."}, Jobs: 2, NoScripts: off})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range res.Findings {
			got = append(got, fmt.Sprintf("%s:%d:%s", f.File, f.Line, f.Rule))
		}
		want, single := "", 2
		if off {
			want, single = "tools/keys.js:6:fs-check-then-use", 0
		}
		if strings.Join(got, " ") != want || res.SingleProcess != single {
			t.Errorf("NoScripts=%v: findings %v, %d single-process; want %q and %d", off, got, res.SingleProcess, want, single)
		}
	}
}
