package sem

import (
	"testing"

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

(async () => { await 1; })();

export async function up(db) { await db.query("x"); }

class Boot { async onModuleInit() { await 1; } async handle() { await 1; } }
class AddColumn { async up(q) { await q.query("x"); } async down(q) { await q.query("y"); } }
class Jobs { async up(q) { await q.run(); } }
`)
	want := map[string]bool{
		"helper": true, "main": true, "handler": false, "exported": false,
		"looped": false, "passed": false, "up": true,
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
