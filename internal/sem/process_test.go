package sem

import (
	"testing"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// TestHandlerGoesOn: a rejection handler lets the process go on when
// some path through it ends without exiting or throwing.
func TestHandlerGoesOn(t *testing.T) {
	for _, tc := range []struct {
		handler string
		want    bool
	}{
		{`(e) => { console.error(e); }`, true},
		{`(e) => console.error(e)`, true},
		{`(e) => { console.error(e); process.exit(1); }`, false},
		{`(e) => process.exit(1)`, false},
		{`(e) => { throw e; }`, false},
		// Tolerates some errors, exits on the others.
		{`(e) => { if (e.code === "ETIMEDOUT") { console.warn(e); return; } process.exit(1); }`, true},
		{`(e) => { if (e.fatal) process.exit(1); console.error(e); }`, true},
		{`(e) => { if (e.fatal) { process.exit(1); } else { throw e; } }`, false},
		{`(e) => { if (e.fatal) return process.exit(1); process.exit(2); }`, false},
		// An exit set up in a callback still ends the process.
		{`(e) => { shutdown().finally(() => process.exit(1)); }`, false},
		{`(e) => { try { report(e); } finally { process.exit(1); } }`, false},
		{`(e) => { try { report(e); process.exit(1); } catch { console.error(e); } }`, true},
		{`function (e) { console.error(e); setTimeout(() => process.exit(1), 100); }`, false},
	} {
		f := load(t, "process.on(\"unhandledRejection\", "+tc.handler+");")
		var call syntax.Node
		f.Root().Walk(func(n syntax.Node) bool {
			if call.IsNil() && n.Is(syntax.KCallExpression) {
				call = n
			}
			return call.IsNil()
		})
		args := models.Args(call)
		if got := listenerGoesOn(f, args[len(args)-1]); got != tc.want {
			t.Errorf("%s: goes on %v, want %v", tc.handler, got, tc.want)
		}
	}
}
