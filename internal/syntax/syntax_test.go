package syntax_test

import (
	"slices"
	"testing"

	"github.com/racecheck/racecheck/internal/parse"
	"github.com/racecheck/racecheck/internal/syntax"
)

func parseTS(t *testing.T, src string) *syntax.Tree {
	t.Helper()
	p := parse.NewParser()
	defer p.Close()
	tree, err := p.Parse(src, parse.TypeScript)
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

func TestPositionCountsUTF16(t *testing.T) {
	src := "const s = \"😀é\"; go();\n\tnext();\n"
	tree := parseTS(t, src)
	var calls []syntax.Node
	tree.Root().Walk(func(n syntax.Node) bool {
		if n.Is(syntax.KCallExpression) {
			calls = append(calls, n)
		}
		return true
	})
	if len(calls) != 2 {
		t.Fatalf("%d calls", len(calls))
	}
	// "const s = \"" is 11 units, the emoji 2, é 1, then "\"; " 3: go() starts at unit 17, column 18.
	if l, c := tree.Position(calls[0].Start()); l != 1 || c != 18 {
		t.Errorf("go() at %d:%d, want 1:18", l, c)
	}
	if l, c := tree.Position(calls[1].Start()); l != 2 || c != 2 {
		t.Errorf("next() at %d:%d, want 2:2", l, c)
	}
	if got := tree.LineText(2); got != "\tnext();" {
		t.Errorf("line 2 = %q", got)
	}
}

func TestNavigation(t *testing.T) {
	tree := parseTS(t, "f(/* c */ (a as any)!, b);\n")
	var call syntax.Node
	tree.Root().Walk(func(n syntax.Node) bool {
		if n.Is(syntax.KCallExpression) {
			call = n
			return false // children skipped
		}
		if n.Is(syntax.KIdentifier) && n.Text() == "a" {
			t.Error("Walk entered a subtree it was told to skip")
		}
		return true
	})
	args := call.Child(syntax.FArguments).NamedChildren()
	if len(args) != 2 {
		t.Fatalf("%d arguments (comments must not count), want 2", len(args))
	}
	if got := args[0].Unparen().Text(); got != "a" {
		t.Errorf("Unparen = %q, want a", got)
	}
	if !call.Contains(args[1]) || args[1].Contains(call) || !tree.Root().Contains(call) {
		t.Error("Contains is wrong")
	}
	if p := args[1].Parent().Parent(); p != call {
		t.Errorf("grandparent of b = %v", p)
	}
	if args[0].NextSibling() != args[1] {
		t.Error("NextSibling does not link the arguments")
	}
	var nilNode syntax.Node
	if !nilNode.IsNil() || nilNode.Text() != "" || !nilNode.Parent().IsNil() || nilNode.Is(syntax.KCallExpression) {
		t.Error("the zero Node is not safe")
	}
}

// TestEachOf visits exactly the nodes of the kinds that Walk would visit,
// in the same order, within the subtree, and stops when told to.
func TestEachOf(t *testing.T) {
	tree := parseTS(t, "a = f(g(1));\nfunction h() { x += k(); y = 2; }\nz = m();\n")
	kinds := []syntax.Kind{syntax.KCallExpression, syntax.KAssignmentExpression}
	collect := func(root syntax.Node, each bool) []string {
		var out []string
		visit := func(n syntax.Node) bool {
			if n.Is(kinds...) {
				out = append(out, n.Text())
			}
			return true
		}
		if each {
			root.EachOf(visit, kinds...)
		} else {
			root.Walk(visit)
		}
		return out
	}
	want := []string{"a = f(g(1))", "f(g(1))", "g(1)", "k()", "y = 2", "z = m()", "m()"}
	for _, each := range []bool{false, true} {
		if got := collect(tree.Root(), each); !slices.Equal(got, want) {
			t.Errorf("each=%v: %q, want %q", each, got, want)
		}
	}
	var fn syntax.Node
	tree.Root().Walk(func(n syntax.Node) bool {
		if n.Is(syntax.KFunctionDeclaration) {
			fn = n
		}
		return fn.IsNil()
	})
	if got, want := collect(fn, true), []string{"k()", "y = 2"}; !slices.Equal(got, want) {
		t.Errorf("within h: %q, want %q", got, want)
	}
	n := 0
	tree.Root().EachOf(func(syntax.Node) bool { n++; return n < 2 }, kinds...)
	if n != 2 {
		t.Errorf("EachOf went on after fn returned false: %d calls", n)
	}
	syntax.Node{}.EachOf(func(syntax.Node) bool { t.Error("called on a nil node"); return true }, kinds...)
}
