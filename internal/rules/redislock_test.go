package rules_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/racecheck/racecheck/internal/engine"
)

// TestRedisLockMessages checks that the Redis lock findings name their true
// cause: a finally that deletes a lock the call may never have taken, a
// TTL that ran out, a script path without the owner check.
func TestRedisLockMessages(t *testing.T) {
	res, err := engine.Run(engine.Options{Paths: []string{"testdata/redis-lock-unsafe-release", "testdata/redis-lock-unsafe-extend"}, Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"testdata/redis-lock-unsafe-release/lua.bad.ts:37":     "may never have taken it: the try block leaves at line 31",
		"testdata/redis-lock-unsafe-release/release.bad.js:10": "TTL ran out",
		"testdata/redis-lock-unsafe-release/release.bad.js:34": "the acquisition at line 31 is inside the try block",
		"testdata/redis-lock-unsafe-release/lua.bad.ts:12":     "deletes it on a path without that check",
		"testdata/redis-lock-unsafe-extend/refresh.bad.ts:13":  "sets it to the caller's value anyway",
	}
	for _, f := range res.Findings {
		key := f.File + ":" + strconv.Itoa(f.Line)
		if w, ok := want[key]; ok {
			if !strings.Contains(f.Message, w) {
				t.Errorf("%s: message %q lacks %q", key, f.Message, w)
			}
			delete(want, key)
		}
	}
	for k := range want {
		t.Errorf("no finding at %s", k)
	}
}
