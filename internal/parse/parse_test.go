package parse

import (
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
