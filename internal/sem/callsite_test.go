package sem

import (
	"testing"

	"github.com/racecheck/racecheck/internal/models"
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
