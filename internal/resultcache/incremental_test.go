package resultcache

import (
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/engine"
)

// findingKeys renders findings for comparison: rule, file, line, column,
// message and related lines.
func findingKeys(fs []analysis.Finding) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		k := fmt.Sprintf("%s %s:%d:%d %s", f.Rule, f.File, f.Line, f.Column, f.Message)
		for _, r := range f.Related {
			k += fmt.Sprintf(" [%s:%d]", r.File, r.Line)
		}
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// edit writes a file and moves its modification time on, so that a
// change of the same size within the clock's resolution is seen.
var clock = time.Now()

func edit(t *testing.T, name, text string) {
	t.Helper()
	write(t, name, text)
	clock = clock.Add(time.Second)
	if err := os.Chtimes(name, clock, clock); err != nil {
		t.Fatal(err)
	}
}

// scanBoth scans through the cache and from scratch, and fails when their
// findings differ.
func scanBoth(t *testing.T, loc string, opts engine.Options, what string) Outcome {
	t.Helper()
	got, out, err := Scan(loc, "k", opts)
	if err != nil {
		t.Fatal(err)
	}
	if out.StoreErr != nil {
		t.Fatal(out.StoreErr)
	}
	want := mustRun(t, opts)
	if g, w := findingKeys(got.Findings), findingKeys(want.Findings); !reflect.DeepEqual(g, w) {
		t.Fatalf("%s: the cached scan's findings differ from a cold scan's:\n got %s\nwant %s", what, strings.Join(g, "\n     "), strings.Join(w, "\n     "))
	}
	return out
}

const helperReads = `import { Pool } from "pg";
const pool = new Pool();
export async function balanceOf(userId: string) {
  const { rows } = await pool.query("SELECT balance FROM wallets WHERE user_id = $1", [userId]);
  return rows[0].balance;
}
`

const helperConstant = `export async function balanceOf(userId: string) {
  return userId.length;
}
`

const withdraw = `import { Pool } from "pg";
import { balanceOf } from "./balance";
const pool = new Pool();
export async function withdraw(userId: string, amount: number) {
  const balance = await balanceOf(userId);
  if (balance < amount) throw new Error("insufficient funds");
  await pool.query("UPDATE wallets SET balance = $1 WHERE user_id = $2", [balance - amount, userId]);
}
`

const dropped = `async function send(to: string) {
  await fetch("https://mail.example.com/send?to=" + to);
}
export function notify(to: string) {
  send(to);
}
`

// A change to a helper re-checks the file that calls it and gives the
// findings of a cold scan; a file that uses neither is not checked again.
func TestIncrementalFollowsCallers(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "package.json"), `{"name": "app"}`)
	write(t, filepath.Join(dir, "src", "balance.ts"), helperReads)
	write(t, filepath.Join(dir, "src", "withdraw.ts"), withdraw)
	write(t, filepath.Join(dir, "src", "notify.ts"), dropped)
	opts := engine.Options{Paths: []string{dir}}
	loc := filepath.Join(t.TempDir(), "cache")

	out := scanBoth(t, loc, opts, "cold")
	if out.Hit || out.Incremental || out.Checked != 3 {
		t.Fatalf("first scan: %+v, want a full scan of 3 files", out)
	}
	if out = scanBoth(t, loc, opts, "unchanged"); !out.Hit {
		t.Fatalf("unchanged: %+v, want a hit", out)
	}
	res, _, _ := Scan(loc, "k", opts)
	if len(res.Findings) != 2 {
		t.Fatalf("findings = %v, want check-then-act in withdraw.ts and floating-promise in notify.ts", findingKeys(res.Findings))
	}

	edit(t, filepath.Join(dir, "src", "balance.ts"), helperConstant)
	out = scanBoth(t, loc, opts, "helper no longer reads")
	if !out.Incremental || out.Checked != 2 {
		t.Fatalf("after the helper changed: %+v, want balance.ts and withdraw.ts checked", out)
	}
	edit(t, filepath.Join(dir, "src", "balance.ts"), helperReads)
	if out = scanBoth(t, loc, opts, "helper reads again"); !out.Incremental || out.Checked != 2 {
		t.Fatalf("after the helper changed back: %+v, want balance.ts and withdraw.ts checked", out)
	}
	edit(t, filepath.Join(dir, "src", "notify.ts"), strings.Replace(dropped, "  send(to);", "  send(to).catch(() => {});", 1))
	if out = scanBoth(t, loc, opts, "notify fixed"); !out.Incremental || out.Checked != 1 {
		t.Fatalf("after notify.ts changed: %+v, want only notify.ts checked", out)
	}
}

// What a file gains from facts of the whole project: a handler of
// unhandled rejections that another file installs, and the files that
// begin to import it.
func TestIncrementalProjectFacts(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "package.json"), `{"name": "app"}`)
	write(t, filepath.Join(dir, "src", "notify.ts"), dropped)
	write(t, filepath.Join(dir, "src", "main.ts"), "export const port = 3000;\n")
	write(t, filepath.Join(dir, "src", "other.ts"), "export const two = 2;\n")
	opts := engine.Options{Paths: []string{dir}}
	loc := filepath.Join(t.TempDir(), "cache")
	scanBoth(t, loc, opts, "cold")
	steps := []struct{ what, file, text string }{
		{"main.ts installs a handler and loads notify.ts", "main.ts", `import { notify } from "./notify";
process.on("unhandledRejection", (err) => { console.error(err); process.exit(1); });
notify("a@example.com");
`},
		{"main.ts stops loading notify.ts", "main.ts", `process.on("unhandledRejection", (err) => { console.error(err); process.exit(1); });
`},
		{"other.ts imports notify.ts", "other.ts", `import { notify } from "./notify";
export const two = () => notify("b@example.com");
`},
		{"main.ts loads other.ts", "main.ts", `import "./other";
process.on("unhandledRejection", (err) => { console.error(err); process.exit(1); });
`},
		{"main.ts drops its handler", "main.ts", "import \"./other\";\n"},
	}
	for _, s := range steps {
		edit(t, filepath.Join(dir, "src", s.file), s.text)
		if out := scanBoth(t, loc, opts, s.what); !out.Incremental {
			t.Fatalf("%s: %+v, want an incremental scan", s.what, out)
		}
	}
}

// Random edits of the rules' fixture projects: after each, the cached
// scan must give exactly the findings of a cold scan.
func TestIncrementalRandomEdits(t *testing.T) {
	roots, err := filepath.Glob("../rules/testdata/*")
	if err != nil || len(roots) == 0 {
		t.Fatalf("no fixture projects: %v", err)
	}
	rng := rand.New(rand.NewSource(1))
	rounds := 6
	if testing.Short() {
		rounds = 2
	}
	for _, root := range roots {
		name := filepath.Base(root)
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), name)
			var files []string
			filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				rel, _ := filepath.Rel(root, p)
				data, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				write(t, filepath.Join(dir, rel), string(data))
				if strings.Contains(".js.ts.jsx.tsx.mjs.cjs.mts.cts", filepath.Ext(p)) {
					files = append(files, filepath.Join(dir, rel))
				}
				return nil
			})
			if len(files) == 0 {
				t.Skip("no sources")
			}
			opts := engine.Options{Paths: []string{dir}}
			loc := filepath.Join(t.TempDir(), "cache")
			scanBoth(t, loc, opts, "cold")
			for i := 0; i < rounds; i++ {
				target := files[rng.Intn(len(files))]
				data, _ := os.ReadFile(target)
				lines := strings.Split(string(data), "\n")
				var what string
				switch rng.Intn(3) {
				case 0: // drop a line
					k := rng.Intn(len(lines))
					what = fmt.Sprintf("line %d of %s dropped", k+1, filepath.Base(target))
					lines = append(lines[:k], lines[k+1:]...)
				case 1: // take another file's text, imports and all
					src := files[rng.Intn(len(files))]
					other, _ := os.ReadFile(src)
					what = fmt.Sprintf("%s given the text of %s", filepath.Base(target), filepath.Base(src))
					lines = strings.Split(string(other), "\n")
				default: // remove the awaits of one line
					k := rng.Intn(len(lines))
					what = fmt.Sprintf("awaits of line %d of %s removed", k+1, filepath.Base(target))
					lines[k] = strings.ReplaceAll(lines[k], "await ", "")
				}
				edit(t, target, strings.Join(lines, "\n"))
				scanBoth(t, loc, opts, what)
			}
		})
	}
}
