package sem

import (
	"testing"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// TestPathRelations: one path inside another, built from a variable, the
// same path, and a path that depends on a callback's own names.
func TestPathRelations(t *testing.T) {
	f := load(t, `import path from "node:path";
import * as fs from "node:fs/promises";
async function build(dir, link, items) {
  const pkg = path.join(dir, "pkg");
  const nm = path.join(link, "node_modules");
  const bin = path.join(nm, ".bin");
  const other = path.join(dir + "-old", "pkg");
  const shared = path.join(dir, "out.json");
  await fs.rm(dir);
  await fs.stat(pkg);
  await fs.stat(path.join(pkg, "lib"));
  await fs.stat(other);
  await fs.stat(nm);
  await fs.stat(bin);
  await fs.readFile(link);
  await Promise.all(items.map(async (item) => {
    const own = path.join(dir, item.name);
    await fs.writeFile(own, "x");
    await fs.writeFile(shared, "x");
  }));
}
`)
	arg := func(call string) syntax.Node {
		return models.Args(find(t, f, syntax.KCallExpression, call))[0]
	}
	removed := arg("fs.rm(dir)")
	for name, want := range map[string]bool{"pkg": true, `path.join(pkg, "lib")`: true, "other": false, "dir": false} {
		inner := removed
		if name != "dir" {
			inner = arg("fs.stat(" + name + ")")
		}
		if got := f.PathInside(inner, removed); got != want {
			t.Errorf("PathInside(%s, dir) = %v, want %v", name, got, want)
		}
	}

	link := f.Resolve(arg("fs.readFile(link)"))
	for name, want := range map[string]bool{"nm": true, "bin": true, "pkg": false} {
		if got := f.PathBuiltFrom(arg("fs.stat("+name+")"), link); got != want {
			t.Errorf("PathBuiltFrom(%s, link) = %v, want %v", name, got, want)
		}
	}
	if f.PathBuiltFrom(arg("fs.readFile(link)"), link) {
		t.Errorf("PathBuiltFrom(link, link) = true, want false: link is not built from itself")
	}

	own, shared := arg(`fs.writeFile(own, "x")`), arg(`fs.writeFile(shared, "x")`)
	cb := f.FuncAt(own)
	if !f.DependsOnScope(own, cb.Node) {
		t.Errorf("DependsOnScope(own) = false, want true: it is built from the item")
	}
	if f.DependsOnScope(shared, cb.Node) {
		t.Errorf("DependsOnScope(shared) = true, want false: every item writes the one file")
	}
	if !f.SamePath(shared, []syntax.Node{arg(`fs.writeFile(shared, "x")`)}) || f.SamePath(own, []syntax.Node{shared}) {
		t.Errorf("SamePath: shared is its own path and not own's")
	}
	if got := ParallelEach(cb); models.Method(got) != "all" {
		t.Errorf("ParallelEach(the map callback) = %q, want the Promise.all call", got.Text())
	}
}

// TestUnderFileLock: a file lock covers what follows it until its release
// function is called; an in-process mutex is not a file lock.
func TestUnderFileLock(t *testing.T) {
	f := load(t, `import lockfile from "proper-lockfile";
import { Mutex } from "async-mutex";
import * as fs from "node:fs/promises";
const mutex = new Mutex();
async function locked(dir) {
  await fs.stat(dir);
  const release = await lockfile.lock(dir);
  await fs.readdir(dir);
  await release();
  await fs.rm(dir);
}
async function inProcess(dir) {
  const release = await mutex.acquire();
  await fs.unlink(dir);
  release();
}
`)
	for call, want := range map[string]bool{
		"fs.stat(dir)":    false,
		"fs.readdir(dir)": true,
		"fs.rm(dir)":      false,
		"fs.unlink(dir)":  false,
	} {
		if got := f.UnderFileLock(find(t, f, syntax.KCallExpression, call)); got != want {
			t.Errorf("UnderFileLock(%s) = %v, want %v", call, got, want)
		}
	}
}
