package sem

import (
	"testing"

	"github.com/racecheck/racecheck/internal/syntax"
)

func TestEndsInFailure(t *testing.T) {
	for src, want := range map[string]bool{
		`function f() { if (x) { throw new Error("taken"); } }`:                            true,
		`function f() { if (x) { return res.status(409).json({ e: 1 }); } }`:               true,
		`function f() { if (x) { reply.code(400).send(); return; } }`:                      true,
		`function f() { if (x) { ctx.throw(409, "taken"); } }`:                             true,
		`function f() { if (x) { return NextResponse.json({ e: 1 }, { status: 409 }); } }`: true,
		`function f() { if (x) { return new Response("taken", { status: 409 }); } }`:       true,
		`function f() { if (x) { return c.json({ e: 1 }, 409); } }`:                        true,
		`function f() { if (x) { void reply.conflict("taken"); return; } }`:                true,
		`function f() { if (x) { return Boom.conflict("taken"); } }`:                       true,
		`function f() { if (x) { return res.status(200).json(x); } }`:                      false,
		`function f() { if (x) { void reply.send(x); return; } }`:                          false,
		`function f() { if (x) { return x; } }`:                                            false,
	} {
		f := load(t, src)
		var block syntax.Node
		f.Root().Walk(func(n syntax.Node) bool {
			if block.IsNil() && n.Is(syntax.KIfStatement) {
				block = n.Child(syntax.FConsequence)
			}
			return block.IsNil()
		})
		if got := EndsInFailure(block); got != want {
			t.Errorf("EndsInFailure(%s) = %v, want %v", src, got, want)
		}
	}
}
