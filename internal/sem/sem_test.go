package sem

import (
	"testing"

	"github.com/racecheck/racecheck/internal/parse"
	"github.com/racecheck/racecheck/internal/syntax"
)

func load(t *testing.T, src string) *File {
	t.Helper()
	p := parse.NewParser()
	defer p.Close()
	tree, err := p.Parse(src, parse.TypeScript)
	if err != nil {
		t.Fatal(err)
	}
	f := NewFile("a.ts", "/a.ts", true, tree)
	NewProject([]*File{f}, nil)
	return f
}

// find returns the first node of kind k whose text is text.
func find(t *testing.T, f *File, k syntax.Kind, text string) syntax.Node {
	t.Helper()
	var out syntax.Node
	f.Root().Walk(func(n syntax.Node) bool {
		if out.IsNil() && n.Is(k) && n.Text() == text {
			out = n
		}
		return out.IsNil()
	})
	if out.IsNil() {
		t.Fatalf("no %s %q", syntax.KindName(k), text)
	}
	return out
}

func TestScopesAndImports(t *testing.T) {
	f := load(t, `import db, { pool as p } from "./db";
import * as fs from "fs";
const { readFile, x: y } = require("fs/promises");
let counter = 0;
function handler(req) {
  const counter = req.n;
  return [counter, p, db, fs, readFile, y];
}
`)
	ret := find(t, f, syntax.KArray, "[counter, p, db, fs, readFile, y]")
	want := []struct {
		name, spec, imported string
		module               bool
	}{
		{"counter", "", "", false},
		{"p", "./db", "pool", true},
		{"db", "./db", "default", true},
		{"fs", "fs", "*", true},
		{"readFile", "fs/promises", "readFile", true},
		{"y", "fs/promises", "x", true},
	}
	for i, id := range ret.NamedChildren() {
		b := f.Resolve(id)
		if b == nil {
			t.Fatalf("%s unresolved", id.Text())
		}
		w := want[i]
		if b.ModuleLevel() != w.module {
			t.Errorf("%s module level = %v, want %v", w.name, b.ModuleLevel(), w.module)
		}
		if w.spec == "" {
			if b.Import != nil {
				t.Errorf("%s is an import", w.name)
			}
			continue
		}
		if b.Import == nil || b.Import.Spec != w.spec || b.Import.Name != w.imported {
			t.Errorf("%s import = %+v, want %s from %s", w.name, b.Import, w.imported, w.spec)
		}
	}
}

func TestFuncFactsAndPromises(t *testing.T) {
	f := load(t, `async function a() { await x(); for await (const y of z) {} }
function b(): Promise<void> { return Promise.resolve(); }
function c() { return a(); }
function d() { return new Promise((r) => r(1)); }
function e() { return fetch("/x").then((r) => r.json()); }
function g() { return 1; }
const h = () => c();
`)
	want := map[string]bool{"a": true, "b": true, "c": true, "d": true, "e": true, "g": false, "h": true}
	got := map[string]bool{}
	for _, fn := range f.Funcs {
		if fn.Name != "" {
			got[fn.Name] = fn.ReturnsPromise
		}
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s returns a promise = %v, want %v", name, got[name], w)
		}
	}
	a := f.FuncOf(find(t, f, syntax.KFunctionDeclaration, `async function a() { await x(); for await (const y of z) {} }`))
	if !a.Async || len(a.Awaits) != 2 {
		t.Errorf("a: async=%v awaits=%d, want true 2", a.Async, len(a.Awaits))
	}
}

func TestGuards(t *testing.T) {
	f := load(t, `async function w(id, amount) {
  const bal = await get(id);
  if (bal < amount) return false;
  if (ok) { act1(); } else { act2(); }
  flag && act3();
  try { await check(); } catch { return; }
  act4();
}
`)
	cases := map[string][]GuardKind{
		"act1()": {GuardIf, GuardEarlyExit},
		"act2()": {GuardIf, GuardEarlyExit},
		"act3()": {GuardLogical, GuardEarlyExit},
		"act4()": {GuardEarlyExit, GuardTry},
	}
	for call, kinds := range cases {
		gs := f.Guards(find(t, f, syntax.KCallExpression, call))
		var got []GuardKind
		for _, g := range gs {
			got = append(got, g.Kind)
		}
		if len(got) != len(kinds) {
			t.Errorf("%s guards = %v, want %v", call, got, kinds)
			continue
		}
		for i := range got {
			if got[i] != kinds[i] {
				t.Errorf("%s guards = %v, want %v", call, got, kinds)
			}
		}
	}
	if g := f.Guards(find(t, f, syntax.KCallExpression, "act2()")); !g[0].Negated {
		t.Error("else branch guard is not negated")
	}
}

func TestContexts(t *testing.T) {
	f := load(t, `async function t() {
  await prisma.$transaction(async (tx) => { await tx.a.update(); });
  await mutex.runExclusive(async () => { await b(); });
  const release = await m.acquire();
  try { await c(); } finally { release(); }
  await d();
}
`)
	if _, ok := f.TransactionAt(find(t, f, syntax.KCallExpression, "tx.a.update()")); !ok {
		t.Error("tx.a.update() not in a transaction")
	}
	if _, ok := f.TransactionAt(find(t, f, syntax.KCallExpression, "b()")); ok {
		t.Error("b() in a transaction")
	}
	if _, ok := f.LockAt(find(t, f, syntax.KCallExpression, "b()")); !ok {
		t.Error("b() not under a lock")
	}
	if _, ok := f.LockAt(find(t, f, syntax.KCallExpression, "c()")); !ok {
		t.Error("c() not under the acquired lock")
	}
	if _, ok := f.LockAt(find(t, f, syntax.KCallExpression, "d()")); ok {
		t.Error("d() is under a lock released before it")
	}
	if Caught(find(t, f, syntax.KCallExpression, "c()")) {
		t.Error("c() is caught, but its try has no catch")
	}
}

func TestForOfBinding(t *testing.T) {
	f := load(t, "const key = 1;\nasync function g(keys) { for (const key of keys) { use(key); } for (var v in o) {} return v; }\n")
	use := find(t, f, syntax.KCallExpression, "use(key)")
	kb := f.Resolve(use.Child(syntax.FArguments).NamedChild(0))
	if kb == nil || kb.ModuleLevel() || kb.Kind != BConst {
		t.Errorf("key in the loop resolves to %+v, want the loop's const", kb)
	}
	ret := find(t, f, syntax.KReturnStatement, "return v;").NamedChild(0)
	if vb := f.Resolve(ret); vb == nil || vb.Kind != BVar {
		t.Errorf("v resolves to %+v, want the hoisted var", vb)
	}
}

func TestPresenceTest(t *testing.T) {
	f := load(t, `if (!x) a(); if (x === undefined) a(); if (typeof x !== "undefined") a(); if (ready && x != null) a(); if (y) a(); if (x > 1) a();`)
	leaf := func(e syntax.Node) (bool, bool) { return true, e.Is(syntax.KIdentifier) && e.Text() == "x" }
	want := []struct{ present, ok bool }{{false, true}, {false, true}, {true, true}, {true, true}, {false, false}, {false, false}}
	i := 0
	f.Root().Walk(func(n syntax.Node) bool {
		if n.Is(syntax.KIfStatement) {
			p, ok := PresenceTest(n.Child(syntax.FCondition), leaf)
			if i < len(want) && (ok != want[i].ok || ok && p != want[i].present) {
				t.Errorf("%s: present=%v ok=%v, want %v %v", n.Child(syntax.FCondition).Text(), p, ok, want[i].present, want[i].ok)
			}
			i++
		}
		return true
	})
	if i != len(want) {
		t.Fatalf("%d conditions, want %d", i, len(want))
	}
}
