package sem

import (
	"testing"

	"github.com/racecheck/racecheck/internal/models"
)

// TestCreatesWhenMissing: an insert of the record a lookup looked up, on
// the path where the lookup found nothing, is a find-or-create; an insert
// that runs when the record exists, one of another record, and a lookup
// of an idempotency key are not.
func TestCreatesWhenMissing(t *testing.T) {
	f := load(t, `
async function missing(db, email) {
  const user = await db.user.findFirst({ where: { email } });
  if (!user) await db.user.create({ data: { email } });
}
async function found(db, email) {
  const user = await db.user.findFirst({ where: { email } });
  if (user) await db.user.create({ data: { email } });
}
async function other(db, id, name) {
  const user = await db.user.findFirst({ where: { id } });
  if (!user) await db.user.create({ data: { name } });
}
async function counted(db, email) {
  const rows = await db.user.findMany({ where: { email } });
  if (rows.length === 0) await db.user.create({ data: { email } });
}
async function quota(db, email, limit) {
  const n = await db.user.count({ where: { email } });
  if (n < limit) await db.user.create({ data: { email } });
}
async function idem(db, idempotencyKey) {
  const seen = await db.request.findFirst({ where: { idempotencyKey } });
  if (!seen) await db.request.create({ data: { idempotencyKey } });
}
`)
	// the guard each find-or-create returns; "" for none
	want := map[string]string{"missing": "(!user)", "found": "", "other": "", "counted": "(rows.length === 0)", "quota": "", "idem": ""}
	for _, fn := range f.Funcs {
		exp, ok := want[fn.Name]
		if !ok {
			continue
		}
		delete(want, fn.Name)
		acc := f.Accesses(fn)
		var r, w *models.Access
		for i := range acc {
			switch acc[i].Op {
			case models.OpRead:
				r = &acc[i]
			case models.OpInsert:
				w = &acc[i]
			}
		}
		if r == nil || w == nil {
			t.Errorf("%s: no lookup and insert among %d accesses", fn.Name, len(acc))
			continue
		}
		guard, got := f.CreatesWhenMissing(fn, r, w)
		if got != (exp != "") || got && guard.Text() != exp {
			t.Errorf("%s: CreatesWhenMissing = %v, guard %q; want guard %q", fn.Name, got, guard.Text(), exp)
		}
	}
	if len(want) > 0 {
		t.Errorf("functions not found: %v", want)
	}
}

// TestCreatedKey names the lookup's fields that the create writes, as the
// create names them, without the fields that carry the request or the
// transaction.
func TestCreatedKey(t *testing.T) {
	f := load(t, `
async function ensure(db, props, tx) {
  const tag = await db.tag.findFirst({ where: { workspaceId: props.workspaceId, name: props.name, tx } });
  if (!tag) await db.tag.create({ data: { ...props } });
}
`)
	fn := f.Funcs[0]
	acc := f.Accesses(fn)
	if len(acc) != 2 {
		t.Fatalf("%d accesses, want 2", len(acc))
	}
	var names []string
	for _, fl := range f.CreatedKey(&acc[0], &acc[1]) {
		names = append(names, fl.Name)
	}
	if len(names) != 2 || names[0] != "workspaceId" || names[1] != "name" {
		t.Errorf("CreatedKey = %v, want [workspaceId name]", names)
	}
}
