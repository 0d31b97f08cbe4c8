package jsparse

import (
	"testing"
	"unicode/utf8"

	"github.com/racecheck/racecheck/internal/syntax"
)

// checkTree reports the first way in which t is not a well-formed flat
// tree: nodes in pre-order, each child within its parent's span (the one
// exception being the 'await' token that the TypeScript repair leaves in a
// call), spans within the source.
func checkTree(t *syntax.Tree) string {
	n := t.Len()
	if n == 0 {
		return "no nodes"
	}
	if t.Raw(0).Parent != -1 {
		return "root has a parent"
	}
	var path []int32 // ancestors of the current node
	for i := range n {
		r := t.Raw(int32(i))
		if r.Start > r.End || int(r.End) > len(t.Src) {
			return "span out of the source at node " + syntax.KindName(r.Kind)
		}
		if i == 0 {
			path = append(path, 0)
			continue
		}
		for len(path) > 0 && path[len(path)-1] != r.Parent {
			path = path[:len(path)-1]
		}
		if len(path) == 0 {
			return "node not in pre-order: " + syntax.KindName(r.Kind)
		}
		par := t.Raw(r.Parent)
		awaitInCall := par.Kind == syntax.KCallExpression && syntax.KindName(r.Kind) == "await" && !r.IsNamed()
		if (r.Start < par.Start && !awaitInCall) || r.End > par.End {
			return "child " + syntax.KindName(r.Kind) + " outside its parent " + syntax.KindName(par.Kind)
		}
		path = append(path, int32(i))
	}
	return ""
}

func FuzzParse(f *testing.F) {
	for _, c := range sameAsTreeSitter {
		f.Add(c.src, uint8(c.lang))
	}
	for _, s := range []string{"((((a", "<a><b>{</b>", "`${`${", "class { @ }", "type A = {[", "x = (a = (b = (c = (d", "f<a<b<c<d>>>>(", "/[/", "'\\", "a?.b!<T>", "</>", "#!", "enum {", "@@", "{{{{{{", "]]]", "))))", "type A = {| ...$Exact<B>, c: ?string |}; f = (a: {| |}) => a", "type A = {| b: c |", "type P = { f?: (?N, ...Array<T>) => void, g: ?(e: E) => void, h: any => mixed }; const q = <I: Array<*>>(x: I): O => x", "class A extends B<P> { r() { return <C>{x}</C>; } }"} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(1))
		f.Add(s, uint8(2))
	}
	f.Fuzz(func(t *testing.T, src string, l uint8) {
		if !utf8.ValidString(src) {
			return
		}
		tree, _ := Parse(src, Lang(l%3))
		if tree == nil {
			t.Fatal("no tree")
		}
		if msg := checkTree(tree); msg != "" {
			t.Fatalf("%q: %s\n%s", src, msg, Dump(tree))
		}
	})
}
