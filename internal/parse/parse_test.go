package parse

import (
	"strings"
	"testing"

	"github.com/racecheck/racecheck/internal/syntax"
)

func TestParseShapes(t *testing.T) {
	p := NewParser()
	defer p.Close()
	tree, err := p.Parse("const x = await foo(a, b);\nx += 1;\n", TypeScript)
	if err != nil {
		t.Fatal(err)
	}
	var calls, awaits int
	var op string
	tree.Root().Walk(func(n syntax.Node) bool {
		switch n.Kind() {
		case syntax.KCallExpression:
			calls++
			if got := n.Child(syntax.FFunction).Text(); got != "foo" {
				t.Errorf("callee = %q, want foo", got)
			}
			if got := len(n.Child(syntax.FArguments).NamedChildren()); got != 2 {
				t.Errorf("%d arguments, want 2", got)
			}
		case syntax.KAwaitExpression:
			awaits++
		case syntax.KAugmentedAssignmentExpression:
			op = n.Operator()
		}
		return true
	})
	if calls != 1 || awaits != 1 || op != "+=" {
		t.Errorf("calls=%d awaits=%d op=%q, want 1 1 +=", calls, awaits, op)
	}
	if l, c := tree.Position(uint32(len("const x = await foo(a, b);\nx "))); l != 2 || c != 3 {
		t.Errorf("position = %d:%d, want 2:3", l, c)
	}
}

func TestParseSyntaxError(t *testing.T) {
	p := NewParser()
	defer p.Close()
	_, err := p.Parse("function (\n", JavaScript)
	if _, ok := err.(*SyntaxError); !ok {
		t.Fatalf("err = %v, want a *SyntaxError", err)
	}
}

func TestParseJSXInJS(t *testing.T) {
	p := NewParser()
	defer p.Close()
	tree, err := p.Parse("const a = <b onClick={() => go()} />;\n", JavaScript)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	tree.Root().Walk(func(n syntax.Node) bool {
		if n.Is(syntax.KJsxAttribute) {
			found = true
		}
		return true
	})
	if !found {
		t.Error("no jsx_attribute in a .js file with JSX")
	}
}

func TestAwaitGenericCall(t *testing.T) {
	p := NewParser()
	defer p.Close()
	for _, lang := range []Lang{TypeScript, TSX} {
		tree, err := p.Parse("async function f() { const r = await pool.query<Row>(\"x\", [1]); const s = await db.$queryRaw<T>`SELECT ${x}`; }\n", lang)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		tree.Root().Walk(func(n syntax.Node) bool {
			if n.Is(syntax.KAwaitExpression) {
				call := n.NamedChild(0)
				got = append(got, syntax.KindName(call.Kind())+" "+call.Child(syntax.FFunction).Text()+" "+call.Child(syntax.FArguments).Text()+" | "+call.Text())
				if !n.Contains(call.Child(syntax.FArguments)) || call.Parent() != n {
					t.Error("the arguments are not under the await")
				}
				return false
			}
			return true
		})
		want := []string{`call_expression pool.query ("x", [1]) | pool.query<Row>("x", [1])`, "call_expression db.$queryRaw `SELECT ${x}` | db.$queryRaw<T>`SELECT ${x}`"}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: got %q, want %q", lang, got, want)
		}
	}
}

// Errors confined to type-level syntax the grammar predates, or to the inside
// of a string, leave the running code intact: the file is analysed.
func TestHarmlessErrors(t *testing.T) {
	p := NewParser()
	defer p.Close()
	cases := []struct {
		src  string
		lang Lang
		ok   bool
	}{
		{"export type Q = {\n  <const T extends string>(q: T): Promise<any>\n}\nexport async function f() { await g() }\n", TypeScript, true},
		{"export function A() { return <a href=\"https://x/?a=&labels=b&t=c.yml\">x</a> }\n", TSX, true},
		{"export function f( { return 1 }\n", TypeScript, false},
	}
	for _, c := range cases {
		_, err := p.Parse(c.src, c.lang)
		if (err == nil) != c.ok {
			t.Errorf("%q: err = %v, want ok=%v", c.src, err, c.ok)
		}
	}
}
