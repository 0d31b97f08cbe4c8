package sem

import (
	"strings"
	"testing"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

func TestCapturedShared(t *testing.T) {
	f := load(t, `
function createMeter() {
  let sent = 0;
  const deliver = async (m: string) => { sent += await send(m); };
  return { deliver };
}
async function once() {
  let local = 0;
  const step = async () => { local += await send("x"); };
  await step();
  return local;
}
async function all(items: string[]) {
  let total = 0;
  await Promise.all(items.map(async (i) => { total += await send(i); }));
  return total;
}`)
	cases := []struct {
		fn, v string
		want  bool
	}{
		{"deliver", "sent", true}, // returned by a factory
		{"step", "local", false},  // an inner helper run by its owner only
	}
	for _, c := range cases {
		fn := funcNamed(t, f, c.fn)
		b := f.Resolve(find(t, f, syntax.KIdentifier, c.v))
		if got := f.CapturedShared(fn, b); got != c.want {
			t.Errorf("CapturedShared(%s, %s) = %v, want %v", c.fn, c.v, got, c.want)
		}
	}
	total := f.Resolve(find(t, f, syntax.KIdentifier, "total"))
	cb := f.FuncAt(find(t, f, syntax.KArrowFunction, "async (i) => { total += await send(i); }"))
	if !f.CapturedShared(cb, total) {
		t.Error("a map callback shares its owner's variable")
	}
}

func TestScratchOfIteration(t *testing.T) {
	src := `
async function run(sizes: number[]) {
  const cur = { w: 1 };
  await Promise.all(sizes.map(async (s) => {
    const w = s || cur.w;
    const r = await measure(w);
    cur.w = r;
    use(cur.w);
  }));
  AFTER
}`
	for _, c := range []struct {
		after string
		want  bool
	}{
		{"", true},               // nobody reads it once the callbacks started
		{"return cur.w;", false}, // the owner reads the result
	} {
		f := load(t, strings.Replace(src, "AFTER", c.after, 1))
		cb := f.FuncAt(find(t, f, syntax.KAwaitExpression, "await measure(w)"))
		cur := f.Resolve(find(t, f, syntax.KIdentifier, "cur"))
		if got := f.ScratchOfIteration(cb, cur); got != c.want {
			t.Errorf("ScratchOfIteration with %q = %v, want %v", c.after, got, c.want)
		}
	}
}

// TestChangesExternalState: a call changes external state through what
// the callee runs, callbacks it hands to calls included, but not through
// the functions it keeps as an object's members for a later call.
func TestChangesExternalState(t *testing.T) {
	f := load(t, `
import Redis from "ioredis";
const redis = new Redis();
async function build(id: string) {
  const secret = await redis.get(id);
  return { secret, async onRefresh(t: string) { await redis.set(id, t); }, onFlag: (x: string) => redis.set(id, x) };
}
async function register(ids: string[]) {
  await Promise.all(ids.map((id) => redis.set(id, "1")));
}
async function caller() {
  await build("a");
  await register(["a"]);
}`)
	fn := funcNamed(t, f, "caller")
	want := map[string]bool{"build": false, "register": true}
	seen := 0
	for _, w := range fn.Awaits {
		call := w.NamedChild(0)
		name := call.Child(syntax.FFunction).Text()
		seen++
		if got := f.ChangesExternalState(call); got != want[name] {
			t.Errorf("ChangesExternalState(%s) = %v, want %v", name, got, want[name])
		}
		a, ok := f.StoreAccess(call)
		if write := ok && a.Op.Effect() == models.Write; write != want[name] {
			t.Errorf("StoreAccess(%s) writes = %v, want %v", name, write, want[name])
		}
	}
	if seen != len(want) {
		t.Errorf("checked %d calls, want %d", seen, len(want))
	}
}
