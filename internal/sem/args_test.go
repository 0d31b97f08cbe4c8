package sem

import (
	"testing"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// TestReturnsBeforeAwait: the literal arguments of a call, or the
// parameters' defaults, decide the early returns ahead of the first await.
func TestReturnsBeforeAwait(t *testing.T) {
	f := load(t, `
async function update(id: string, sync = true, mode?: string) {
  cache.set(id, 1);
  try {
    if (!sync) return;
    if (mode === "local") return;
    await api.patch(id);
  } catch (e) {
    throw e;
  }
}
async function late(id: string, sync: boolean) {
  await api.get(id);
  if (!sync) return;
}
async function choose(item: any, kind: string) {
  if (kind === "assistants" && item) {
    await api.post(item.id);
  }
}
async function check(text: string) {
  if (!text) throw new Error("empty");
  await api.post(text);
}
update("a", false);
update("b");
update("c", true, "local");
update("d", true, "remote");
update("e", flag);
late("f", false);
choose("g", "remove");
choose("h", "assistants");
check("");
`)
	want := map[string]bool{`"a"`: true, `"b"`: false, `"c"`: true, `"d"`: false, `"e"`: false, `"f"`: false, `"g"`: true, `"h"`: false, `""`: false}
	seen := 0
	for _, c := range f.Calls() {
		_, m := models.Callee(c)
		if m != "update" && m != "late" && m != "choose" && m != "check" {
			continue
		}
		args := models.Args(c)
		fn := f.FuncOf(f.Resolve(c.Child(syntax.FFunction)).Decl.Parent())
		if fn == nil {
			t.Fatalf("%s: no function", c.Text())
		}
		seen++
		if got := ReturnsBeforeAwait(f, fn, args); got != want[args[0].Text()] {
			t.Errorf("%s: ReturnsBeforeAwait = %v, want %v", c.Text(), got, want[args[0].Text()])
		}
	}
	if seen != len(want) {
		t.Errorf("checked %d calls, want %d", seen, len(want))
	}
}

// TestDispatchOf: a template string's event matches any text in place of
// its substitutions; a variable matches every event.
func TestDispatchOf(t *testing.T) {
	f := load(t, "db.emitAsync(`${model}.afterSave`); db.emitAsync(\"afterLoad\"); db.emitAsync(name);")
	var ds []classDispatch
	for _, c := range f.Calls() {
		ds = append(ds, dispatchOf(models.Args(c)[0], true))
	}
	cases := []struct {
		d     int
		event string
		want  bool
	}{
		{0, "users.afterSave", true},
		{0, "afterSave", false},
		{0, "users.beforeSave", false},
		{1, "afterLoad", true},
		{1, "afterLoad2", false},
		{2, "anything", true},
	}
	for _, c := range cases {
		if got := ds[c.d].matches(c.event); got != c.want {
			t.Errorf("%s matches %q = %v, want %v", ds[c.d], c.event, got, c.want)
		}
	}
}
