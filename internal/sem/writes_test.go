package sem

import (
	"testing"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// TestWriteShapes: which writes leave the same when run again
// (ConstantWrite) and which depend on the value they replace
// (RelativeWrite).
func TestWriteShapes(t *testing.T) {
	f := load(t, `
async function run(db, Order, redis, id, user, item, pct) {
  await db.user.update({ where: { id } }, { status: 'active', flags: { beta: true } });
  await Order.updateOne({ _id: id }, { $set: { status: user.status } });
  await db.user.update({ where: { id }, data: { name: user.name }, upsert: true });
  await Order.updateOne({ _id: id }, { $set: { seen: true }, $inc: { views: 1 } });
  await db.user.update({ where: { id } }, { name: user.name });
  await db.item.update({ where: { id }, data: { stock: { decrement: 1 } } });
  await db.item.save({ id, price: item.price * (1 + pct) });
  await db.item.save({ id, label: item.name + ' (copy)' });
  await redis.incrby('views', 1);
  await chargeCard(user);
}
`)
	want := map[string][2]bool{ // constant, relative
		"db.user.update({ where: { id } }, { status: 'active', flags: { beta: true } })": {true, false},
		"Order.updateOne({ _id: id }, { $set: { status: user.status } })":                {true, false},
		"db.user.update({ where: { id }, data: { name: user.name }, upsert: true })":     {true, false},
		"Order.updateOne({ _id: id }, { $set: { seen: true }, $inc: { views: 1 } })":     {false, true},
		"db.user.update({ where: { id } }, { name: user.name })":                         {false, false},
		"db.item.update({ where: { id }, data: { stock: { decrement: 1 } } })":           {false, true},
		"db.item.save({ id, price: item.price * (1 + pct) })":                            {false, true},
		"db.item.save({ id, label: item.name + ' (copy)' })":                             {false, false},
		"redis.incrby('views', 1)": {false, true},
		"chargeCard(user)":         {false, true},
	}
	f.Root().Walk(func(n syntax.Node) bool {
		if !n.Is(syntax.KCallExpression) || models.IsChainLink(n) {
			return true
		}
		w, ok := want[n.Text()]
		if !ok {
			return true
		}
		delete(want, n.Text())
		if got := ConstantWrite(n); got != w[0] {
			t.Errorf("ConstantWrite(%s) = %v, want %v", n.Text(), got, w[0])
		}
		if got := f.RelativeWrite(n); got != w[1] {
			t.Errorf("RelativeWrite(%s) = %v, want %v", n.Text(), got, w[1])
		}
		return false
	})
	for k := range want {
		t.Errorf("call %s not found", k)
	}
}
