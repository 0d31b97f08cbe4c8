package sem

import (
	"testing"

	"github.com/racecheck/racecheck/internal/syntax"
)

// TestInMemoryReceivers: delete, add and set on a variable holding a Set,
// a Map or an array touch memory of this process, not a store; the same
// methods on a repository or a Redis client do.
func TestInMemoryReceivers(t *testing.T) {
	f := load(t, `const Redis = require("ioredis");
const redis = new Redis();
const { users } = require("./repositories");
const seen = new Set();
const cache = new Map();
const queue = [];
async function g(k) {
  seen.delete(k);
  cache.delete(k);
  queue.splice(0, 1);
  await users.delete({ id: k });
  await redis.del(k);
}`)
	want := map[string]bool{"seen.delete(k)": false, "cache.delete(k)": false, "queue.splice(0, 1)": false, "users.delete({ id: k })": true, "redis.del(k)": true}
	seenCalls := 0
	f.Tree.Root().Walk(func(n syntax.Node) bool {
		if w, ok := want[n.Text()]; ok && n.Is(syntax.KCallExpression) {
			seenCalls++
			if _, got := f.StoreAccess(n); got != w {
				t.Errorf("StoreAccess(%s) = %v, want %v", n.Text(), got, w)
			}
		}
		return true
	})
	if seenCalls != len(want) {
		t.Errorf("checked %d calls, want %d", seenCalls, len(want))
	}
}
