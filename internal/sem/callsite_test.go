package sem

import (
	"testing"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// TestHelperReadValue: a helper's read seen at its call carries the read's
// value to the caller only when the helper returns something other than
// one of its own parameters.
func TestHelperReadValue(t *testing.T) {
	f := load(t, `
async function replaceTaken(db, data) {
  const taken = await db.flow.findMany({ where: { id: { in: data.ids } } });
  for (const t of taken) data = JSON.parse(JSON.stringify(data).replaceAll(t.id, "x"));
  return data;
}
async function findFlow(db, id) {
  const flow = await db.flow.findFirst({ where: { id } });
  return flow ? toView(flow) : null;
}
async function touch(db, id) {
  await db.flow.findFirst({ where: { id } });
}
async function caller(db, data, id) {
  data = await replaceTaken(db, data);
  const view = await findFlow(db, id);
  const nothing = await touch(db, id);
  return [data, view, nothing];
}
function toView(x) { return x; }`)
	NewProject([]*File{f}, nil)
	var caller *Func
	for _, fn := range f.Funcs {
		if fn.Name == "caller" {
			caller = fn
		}
	}
	want := map[string]bool{"replaceTaken": true, "findFlow": false, "touch": true}
	got := map[string]bool{}
	for _, a := range f.Accesses(caller) {
		if a.Op != models.OpRead {
			continue
		}
		_, name := models.Callee(a.Call)
		got[name] = a.NoValue
		if vars := f.ReadVars(&a); a.NoValue != (len(vars) == 0) {
			t.Errorf("%s: NoValue %v but %d result variables", name, a.NoValue, len(vars))
		}
	}
	for name, w := range want {
		if g, ok := got[name]; !ok || g != w {
			t.Errorf("%s: NoValue %v (seen %v), want %v", name, g, ok, w)
		}
	}
}

// TestReadValueReach: a use of a variable sees a read's value only where
// the read can reach it: not in the other branch of an if, and not after
// the variable was assigned again on every path.
func TestReadValueReach(t *testing.T) {
	f := load(t, `
async function login(db, name, id) {
  let user = await db.user.findFirst({ where: { name } });
  if (!user) {
    user = await db.user.findFirst({ where: { id: 1 } });
    user.name = name;
  } else if (user.active) {
    user.seen = true;
  }
  user = await db.user.findFirst({ where: { id } });
  return user.email;
}`)
	var fn *Func
	for _, g := range f.Funcs {
		if g.Name == "login" {
			fn = g
		}
	}
	acc := f.Accesses(fn)
	if len(acc) != 3 {
		t.Fatalf("%d accesses, want 3", len(acc))
	}
	uses := func(a *models.Access, text string) int {
		return len(f.ValueUses(find(t, f, syntax.KMemberExpression, text), f.ReadVars(a), a))
	}
	first, second, third := &acc[0], &acc[1], &acc[2]
	if got := uses(first, "user.active"); got != 1 {
		t.Errorf("the first read in the else branch's test: %d uses, want 1", got)
	}
	if got := uses(second, "user.active"); got != 0 {
		t.Errorf("the read in the then branch, seen in the else branch: %d uses, want 0", got)
	}
	if got := uses(first, "user.email"); got != 0 {
		t.Errorf("the first read after the variable was assigned again: %d uses, want 0", got)
	}
	if got := uses(third, "user.email"); got != 1 {
		t.Errorf("the last read: %d uses, want 1", got)
	}
}
