package sem

import (
	"strings"
	"testing"

	"github.com/racecheck/racecheck/internal/parse"

	"github.com/racecheck/racecheck/internal/syntax"
)

func TestRunsOnce(t *testing.T) {
	f := load(t, `
async function helper() { await 1; }
async function main() { await helper(); }
main().catch(() => process.exit(1));

async function handler() { await 1; }
export async function exported() { await handler(); }

async function looped() { await 1; }
for (const x of [1, 2]) looped();

async function passed() { await 1; }
setInterval(passed, 1000);

async function seedAll() { await 1; }
async function truncate() { await 1; }
truncate().then(seedAll);

async function onEach() { await 1; }
process.on("message", onEach);

(async () => { await 1; })();

export async function up(db) { await db.query("x"); }
exports.down = async (q) => { await q.query("y"); };
module.exports.seed = async () => { await 1; };

class Boot { async onModuleInit() { await 1; } async handle() { await 1; } }
class AddColumn { async up(q) { await q.query("x"); } async down(q) { await q.query("y"); } }
class Jobs { async up(q) { await q.run(); } }
`)
	want := map[string]bool{
		"helper": true, "main": true, "handler": false, "exported": false,
		"looped": false, "passed": false, "seedAll": true, "truncate": true, "onEach": false, "up": true, "exports.down": true, "module.exports.seed": false,
		"Boot.onModuleInit": true, "Boot.handle": false,
		"AddColumn.up": true, "AddColumn.down": true, "Jobs.up": false,
		"(async () => { await 1; })": true, "() => process.exit(1)": false,
	}
	seen := 0
	for _, fn := range f.Funcs {
		key := fn.Name
		switch {
		case !fn.Class.IsNil():
			key = fn.Class.Child(syntax.FName).Text() + "." + fn.Name
		case key == "":
			key = fn.Node.Text()
			if fn.Node.Parent().Is(syntax.KParenthesizedExpression) {
				key = fn.Node.Parent().Text()
			}
		}
		w, ok := want[key]
		if !ok {
			t.Errorf("unexpected function %q", key)
			continue
		}
		seen++
		if got := f.RunsOnce(fn); got != w {
			t.Errorf("RunsOnce(%s) = %v, want %v", key, got, w)
		}
	}
	if seen != len(want) {
		t.Errorf("checked %d functions, want %d", seen, len(want))
	}
}

// TestNeverOverlaps: a function never overlaps with itself when it runs
// once, or when every call of it is awaited one loop iteration after
// another in code that never overlaps; a handler that once-run code
// registers, or a callback it maps over a list, runs concurrently.
func TestNeverOverlaps(t *testing.T) {
	f := load(t, `
async function start(app) {
  app.post("/pay", async function payHandler(req) { await req.body(); });
  await Promise.all([1, 2].map(async function mapped(x) { await x; }));
  await new Promise(function executor(resolve) { setTimeout(resolve, 1); });
  async function inner() { await 1; }
  await inner();
  for (const id of [1, 2]) {
    await perItem(id);
  }
  for (const id of [1, 2]) {
    started(id);
  }
}
async function perItem(id) { await id; }
async function started(id) { await id; }
start(app);

async function line(l) { await l; }
for await (const l of lines()) {
  await line(l);
}

async function seed() {
  await mutex.runExclusive(async function locked() { await 1; });
  await knex.transaction(async function tx(trx) {
    for (const r of ["a", "b"]) {
      await ensureRole(trx, r);
    }
  });
  knex.transaction(async function txAll(trx) {
    await Promise.all(["a", "b"].map((r) => ensureAll(trx, r)));
  });
}
async function ensureRole(trx, r) { await trx(r); }
async function ensureAll(trx, r) { await trx(r); }
seed();
`)
	type answer struct{ once, never bool }
	want := map[string]answer{
		"start": {true, true}, "payHandler": {false, false}, "mapped": {false, false},
		"executor": {true, true}, "inner": {true, true}, "perItem": {false, true}, "started": {false, false},
		"line": {false, true},
		"seed": {true, true}, "locked": {true, true}, "tx": {false, true}, "txAll": {false, true},
		"ensureRole": {false, true}, "ensureAll": {false, false},
	}
	seen := 0
	for _, fn := range f.Funcs {
		w, ok := want[fn.Name]
		if !ok {
			continue
		}
		seen++
		if got := (answer{f.RunsOnce(fn), f.NeverOverlaps(fn)}); got != w {
			t.Errorf("%s: RunsOnce, NeverOverlaps = %v, want %v", fn.Name, got, w)
		}
	}
	if seen != len(want) {
		t.Errorf("checked %d functions, want %d", seen, len(want))
	}
}

// loadTree parses several files into one project.
func loadTree(t *testing.T, files map[string]string) map[string]*File {
	t.Helper()
	p := parse.NewParser()
	defer p.Close()
	out := map[string]*File{}
	var all []*File
	for name, src := range files {
		tree, err := p.Parse(src, parse.TypeScript)
		if err != nil {
			t.Fatal(err)
		}
		f := NewFile(name, "/"+name, true, tree)
		out[name] = f
		all = append(all, f)
	}
	NewProject(all, nil)
	return out
}

// TestRunsOnceAcrossFiles: an exported function runs once when every call
// of it in the project is made from code that runs once, or from tests.
func TestRunsOnceAcrossFiles(t *testing.T) {
	files := loadTree(t, map[string]string{
		"seed/users.ts": `export async function seedUsers(db) { await db.user.create({}); }
export async function seedTeams(db) { await db.team.create({}); }
export async function seedPlans(db) { await db.plan.create({}); }
export async function seedTags(db) { await db.tag.create({}); }`,
		"seed/main.ts": `import { seedUsers, seedTeams, seedPlans, seedTags } from "./users";
async function main(db) {
  await seedUsers(db);
  for (const x of [1, 2]) await seedPlans(db);
}
main({}).catch(() => process.exit(1));
export const handlers = { seedTags };`,
		"routes/teams.ts": `import { seedTeams } from "../seed/users";
export async function post(req) { await seedTeams(req.db); }`,
		"seed/users.test.ts": `import { seedUsers } from "./users";
it("seeds", async () => { await seedUsers({}); });`,
	})
	f := files["seed/users.ts"]
	files["seed/users.test.ts"].Test = true
	want := map[string]bool{"seedUsers": true, "seedTeams": false, "seedPlans": false, "seedTags": false}
	for _, fn := range f.Funcs {
		if w, ok := want[fn.Name]; ok {
			if got := f.RunsOnce(fn); got != w {
				t.Errorf("RunsOnce(%s) = %v, want %v", fn.Name, got, w)
			}
		}
	}
}

// TestCLIHandlersRunOnce: a CLI framework runs the handler of the one
// command the user typed, once per process, and what only it calls.
func TestCLIHandlersRunOnce(t *testing.T) {
	f := load(t, `import { command } from "@drizzle-team/brocli";
import { Command as Program } from "commander";
import { Command } from "@oclif/core";
import { defineCommand } from "citty";
async function resetPassword(name: string) { return name; }
export const reset = command({ name: "reset", handler: async (o) => { await resetPassword(o.name); } });
const program = new Program();
program.command("sync").action(async () => { await sync(); });
async function sync() {}
export default class Migrate extends Command { async run() { await sync(); } async other() {} }
export const main = defineCommand({ run: async () => {} });
export const notCli = someOther({ handler: async () => {} });
function someOther(x: any) { return x; }`)
	want := map[string]bool{"resetPassword": true, "run": true, "other": false}
	got := map[string]bool{}
	for _, fn := range f.Funcs {
		name := fn.Name
		if i := strings.LastIndexByte(name, '.'); i >= 0 {
			name = name[i+1:]
		}
		if _, ok := want[name]; ok {
			got[name] = f.RunsOnce(fn)
		}
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("RunsOnce(%s) = %v, want %v", name, got[name], w)
		}
	}
	// The handlers themselves, by the line they are on.
	lines := map[int]bool{}
	for _, fn := range f.Funcs {
		if fn.Node.Is(syntax.KArrowFunction) {
			lines[fn.Node.Line()] = f.RunsOnce(fn)
		}
	}
	for line, w := range map[int]bool{6: true, 8: true, 11: true, 12: false} {
		if lines[line] != w {
			t.Errorf("handler on line %d: RunsOnce %v, want %v", line, lines[line], w)
		}
	}
}

// TestMethodsRunOnce: a method runs once when every call of it is made
// from code that runs once; a method whose calls are only seen in tests,
// or a method of its name called on a receiver racecheck cannot follow,
// is taken to run anywhere.
func TestMethodsRunOnce(t *testing.T) {
	files := loadTree(t, map[string]string{
		"cli/sync.js": `const { Command } = require("@oclif/core");
class SyncHelper {
  constructor(dir) { this.dir = dir; }
  async doSync() { await this.writeIds(); await this.writeErrors(); }
  async writeIds() {}
  async writeErrors() {}
  async report() {}
}
class SyncUpload extends Command {
  async run() {
    const helper = new SyncHelper("/tmp/x");
    await helper.doSync();
  }
}
module.exports = SyncUpload;`,
		"service/users.ts": `export class Users {
  async list() { return []; }
  async count() { return 0; }
}`,
		"routes/users.ts": `import { Users } from "../service/users";
const users = new Users();
export async function get(req: any) { return users.list(); }
export async function total(req: any, store: any) { return store.count(); }`,
		"service/users.test.ts": `import { Users } from "./users";
it("counts", async () => { await new Users().count(); });`,
	})
	files["service/users.test.ts"].Test = true
	want := map[string]bool{"doSync": true, "writeIds": true, "writeErrors": true, "report": false, "list": false, "count": false}
	for _, name := range []string{"cli/sync.js", "service/users.ts"} {
		f := files[name]
		for _, fn := range f.Funcs {
			if w, ok := want[fn.Name]; ok {
				if got := f.RunsOnce(fn); got != w {
					t.Errorf("RunsOnce(%s) = %v, want %v", fn.Name, got, w)
				}
			}
		}
	}
}
