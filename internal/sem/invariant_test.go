package sem

import (
	"testing"

	"github.com/racecheck/racecheck/internal/syntax"
)

func TestProcessInvariant(t *testing.T) {
	f := load(t, `const path = require("path");
const DEFAULTS = { theme: "light", size: 2 };
const State = Object.freeze({ Idle: 0, Busy: 1 });
const Mixed = Object.freeze({ at: Date.now() });
let counter = 0;
function f(dir, name) {
  const local = "x";
  const fromArg = name;
  return [
    "plain",
    `+"`${__dirname}/t.db`"+`,
    JSON.stringify(DEFAULTS, null, 2),
    path.join(process.cwd(), "config", DEFAULTS.theme),
    process.env.HOME + "/.app",
    crypto.randomUUID(),
    JSON.stringify({ at: Date.now() }),
    path.join(dir, "x"),
    `+"`${name}.json`"+`,
    counter,
    local,
    fromArg,
    Role.Admin,
    State.Idle,
    Mixed.at,
  ];
}`)
	var arr syntax.Node
	f.Root().Walk(func(n syntax.Node) bool {
		if arr.IsNil() && n.Is(syntax.KArray) && n.Parent().Is(syntax.KReturnStatement) {
			arr = n
		}
		return arr.IsNil()
	})
	want := []bool{true, true, true, true, true, false, false, false, false, false, true, false, true, true, false}
	elems := arr.NamedChildren()
	if len(elems) != len(want) {
		t.Fatalf("%d elements, want %d", len(elems), len(want))
	}
	for i, e := range elems {
		if got := f.ProcessInvariant(e); got != want[i] {
			t.Errorf("ProcessInvariant(%s) = %v, want %v", e.Text(), got, want[i])
		}
	}
}
