package jsparse

import (
	"strings"
	"testing"
)

// sameAsTreeSitter lists constructs whose trees must equal tree-sitter's,
// node by node.
var sameAsTreeSitter = []struct {
	lang Lang
	src  string
}{
	// Statements.
	{JavaScript, "var a = 1, b; let c; const d = 2;"},
	{JavaScript, "if (a) b(); else if (c) d(); else { e() }"},
	{JavaScript, "for (let i = 0; i < n; i++) {} for (;;); for (const [a] of b) x; for (x in y) ; for (var k in o) {}"},
	{JavaScript, "async function f() { for await (const x of y) {} }"},
	{JavaScript, "while (a) b--; do { c++ } while (d); label: for (;;) { break label; continue; }"},
	{JavaScript, "switch (x) { case 1: a; b; default: c }"},
	{JavaScript, "try { a() } catch (e) { b() } finally { c() } try {} catch {}"},
	{JavaScript, "function f() { return } function g() { return 1 } throw new Error('x'); debugger;"},
	{JavaScript, "#!/usr/bin/env node\nx()"},
	// Expressions.
	{JavaScript, "a?.b?.(c)[d]; a?.[0]; new A; new A.B(c); new.target; import.meta; import('m');"},
	{JavaScript, "a = b ? c : d; !a; typeof a; delete a.b; void 0; -a; ++a; a--; a ** b ** c; a ?? b; a ||= b; a &&= c; a ??= d;"},
	{JavaScript, "a + b * c - d / e % f; a << 1 >> 2 >>> 3; a < b > c <= d >= e == f != g === h !== i; a & b | c ^ d && e || f; a in b; a instanceof B;"},
	{JavaScript, "x = a, b; f(...a, b); [a, , ...b] = c; ({ a, b: [c], d = 1, ...e } = o);"},
	{JavaScript, "x = function () {}; y = function* g() { yield; yield* a; yield b }; z = class extends B {};"},
	{JavaScript, "const f = async (x) => x, g = y => { return }, h = async z => 1, k = async () => { await 1 };"},
	{JavaScript, "(function () {})(); (() => {})(); (a, b) => c;"},
	{JavaScript, "`a${b}c${`d${e}`}`; tag`x${y}`; String.raw`\\n`;"},
	{JavaScript, "x = /re[/]g/gi; y = a / b / c; z = 1_000n + 0x1F + .5e-3 + 0o7 + 0b1;"},
	{JavaScript, "'a\\\nb'; \"\\u{1F600}\\x41\\0\"; `\\``;"},
	// Objects, patterns, classes.
	{JavaScript, "let o = { a, b: 1, [c]: 2, d() {}, get e() {}, set e(v) {}, async *f() {}, ...g, 'h': 3, 1: 2 };"},
	{JavaScript, "var {a, b: [c], d = 1, ...e} = o; function f({ a }, [b] = [], ...c) {}"},
	{JavaScript, "class A extends B { static x = 1; #y; get z() { return this.#y } static async *m() {} static { init() } constructor() { super(); } }"},
	{JavaScript, "class A { 'q' = 1; [k] = 2; static #p() {} #q() { return #q in this } }"},
	// Modules.
	{JavaScript, "import x, { a as b, c } from 'm'; import * as ns from 'm'; import 'm'; export default x;"},
	{JavaScript, "export { a as b } from 'm'; export * from 'm'; export * as q from 'm'; export const z = 1; export function f() {} export default class {}"},
	{JavaScript, "import data from './d.json' with { type: 'json' };"},
	// Comments.
	{JavaScript, "/* a */ f(/* b */ x) // c\nx = 1 /* d */ + 2; // e\nfunction g() {\n  // f\n  return 1 // g\n  // h\n}\nif (a) { } // i\nelse { }\n"},
	{JavaScript, "function g() { f() // c\n}\nfunction h() { return // c\n}\nlet a = 1 // x\nclass A {} // y\ntry {} catch {} // z\n"},
	// JSX.
	{JavaScript, "x = <div a=\"1\" b={c} {...d} e>\n  hello &amp; world  \n  <A.B/>{x}<></>\n  text  <p:q r-s=\"&lt;x\" />\n</div>;"},
	{TSX, "function f() { return (\n  <A x=\"1\">\n    <B />  {x}\n    <C></C> t <D/>\n  </A>\n); }"},
	{TSX, "const C = <T,>(p: P<T>) => <div onClick={() => go<T>(p)}>{p.items.map((i) => <Item key={i.id} {...i} />)}</div>;"},
	// TypeScript.
	{TypeScript, "function f<T extends X = Y>(a: string, b?: number[], c: A<B> = 1, ...d: any[]): Promise<void> {}"},
	{TypeScript, "const x: { a: string; b?: number; [k: string]: any; m(): void } = y as any; let z = a!; let w = <T>a; q satisfies R;"},
	{TypeScript, "type U = A | B & C | 's' | 1 | null | undefined | (() => void) | [a, b?] | T[K] | keyof T | typeof x | T extends U ? X : Y | `a${B}`;"},
	{TypeScript, "interface I<T> extends J, K { a: T; readonly b: number; c?(): void; new (x): I; get<U>(k: string): U }"},
	{TypeScript, "enum E { A, B = 1, 'C' } const enum F { X = 1 << 0 } declare module 'm' { } namespace N.M { export const a = 1 } declare const x: number;"},
	{TypeScript, "abstract class C { abstract m(): void; protected abstract get x(): number; private constructor(); }"},
	{TypeScript, "class A implements B { private readonly x: number = 1; constructor(public y: string, @Dec() z) { } static async m<T>(this: A): Promise<T> { } declare q; override r?: string; }"},
	{TypeScript, "class A { @Input() x: number; @Get('/') @Auth() async m() {} accessor y = 1; }"},
	{TypeScript, "let f = async <T,>(a: T): Promise<T> => a; foo<T>(x); x = await a.b<T>(c); y = await a<T>(b).c(); z = await a<T>(b).c!.d[0] as Y; void f<T>(x).then(g); !f<T>(x).ok; import type { A } from 'a'; export type { B }; import x = require('y');"},
	{TypeScript, "function isA(x): x is A {} function as(x): asserts x is A {} function t(this: X): asserts x {}"},
	{TypeScript, "function f<const T>(x: T): void; function f(x) {}"},
	{TypeScript, "type M = { readonly [K in keyof T]?: T[K] }; type N = { -readonly [K in T as `a${K}`]-?: X }; type F = new (a: string) => X; type R = readonly string[]; type I = T extends Array<infer U> ? U : never;"},
	{TypeScript, "declare global { interface W {} } declare function f(): void; export = x; export default interface I {} export as namespace N; import A = B.C;"},
	{TypeScript, "let a: A.B.C<D>[] = []; let b: [a: string, ...rest: number[]]; let d: (a: number, b?: string) => void; let e: this; let f: -1; let h: Array<{}>;"},
	{TypeScript, "x = a + b!; y = a === b!.c; typeof a!.b; !f<T>(x); y = x as A.B.C; z = styled(Select<number>);"},
	{TypeScript, "class C { constructor(@Inject(X) private readonly x: X, @Optional() y?: Y) {} }"},
	{TypeScript, "function g() { f() // c\n}\nif (a) { b } // c\nx = 1"},
	{TypeScript, "class A extends new B({}).c().d() {}"},
	{TypeScript, "type E<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;"},
	{TypeScript, "type F<M> = M extends infer U extends string ? U : never;"},
	{TypeScript, "x = c ? f<A> as never : g;"},
	{TypeScript, "type G<M> = true extends { [K in keyof M]: M[K] extends infer F extends string ? F extends 'a' ? 1 : 2 : never }[keyof M] ? 1 : 0;"},
	{TypeScript, "type H<T> = T extends [U extends 1 ? 2 : 3] | Array<T extends 1 ? 2 : 3> ? 1 : 0;"},
}

// newerSyntax lists constructs the grammars predate, with the tree jsparse
// builds for them.
// dumpCase is a snippet and the tree it must parse to.
type dumpCase struct {
	lang      Lang
	src, want string
}

var newerSyntax = []dumpCase{
	{TypeScript, `export type * from "./a";`, `
program [0-25]
  export_statement [0-25]
    "export" [0-6]
    "type" [7-11]
    "*" [12-13]
    "from" [14-18]
    source: string [19-24]
      string_fragment [20-23] "./a"`},
	{TypeScript, `export type * as T from "./b";`, `
program [0-30]
  export_statement [0-30]
    "export" [0-6]
    "type" [7-11]
    namespace_export [12-18]
      "*" [12-13]
      "as" [14-16]
      identifier [17-18] "T"
    "from" [19-23]
    source: string [24-29]
      string_fragment [25-28] "./b"`},
	{TypeScript, `function f<in out T>() {}`, `
program [0-25]
  function_declaration [0-25]
    "function" [0-8]
    name: identifier [9-10] "f"
    type_parameters: type_parameters [10-20]
      "<" [10-11]
      type_parameter [11-19]
        "in" [11-13]
        "out" [14-17]
        name: type_identifier [18-19] "T"
      ">" [19-20]
    parameters: formal_parameters [20-22] "()"
    body: statement_block [23-25] "{}"`},
	{TypeScript, `f<import("x").T>();`, `
program [0-19]
  expression_statement [0-19]
    call_expression [0-18]
      function: identifier [0-1] "f"
      type_arguments: type_arguments [1-16]
        "<" [1-2]
        member_expression [2-15]
          object: call_expression [2-13]
            function: import [2-8]
              "import" [2-8]
            arguments: arguments [8-13]
              string [9-12]
                string_fragment [10-11] "x"
          property: property_identifier [14-15] "T"
        ">" [15-16]
      arguments: arguments [16-18] "()"`},
	{TypeScript, `await using s = g();`, `
program [0-20]
  lexical_declaration [0-20]
    "await" [0-5]
    kind: "using" [6-11]
    variable_declarator [12-19]
      name: identifier [12-13] "s"
      "=" [14-15]
      value: call_expression [16-19]
        function: identifier [16-17] "g"
        arguments: arguments [17-19] "()"`},
	{TypeScript, `x = f<typeof import("m")>();`, `
program [0-28]
  expression_statement [0-28]
    assignment_expression [0-27]
      left: identifier [0-1] "x"
      "=" [2-3]
      right: call_expression [4-27]
        function: identifier [4-5] "f"
        type_arguments: type_arguments [5-25]
          "<" [5-6]
          type_query [6-24]
            "typeof" [6-12]
            call_expression [13-24]
              function: import [13-19]
                "import" [13-19]
              arguments: arguments [19-24]
                string [20-23]
                  string_fragment [21-22] "m"
          ">" [24-25]
        arguments: arguments [25-27] "()"`},
}

func TestNewerSyntax(t *testing.T) { checkDumps(t, newerSyntax) }

// checkDumps parses each case and compares its tree with the one given.
func checkDumps(t *testing.T, cases []dumpCase) {
	t.Helper()
	for _, c := range cases {
		got, err := Parse(c.src, c.lang)
		if err != nil {
			t.Errorf("%q: %v", c.src, err)
			continue
		}
		if d := strings.TrimSpace(Dump(got)); d != strings.TrimSpace(c.want) {
			t.Errorf("%q:\ngot:\n%s\nwant:\n%s", c.src, d, strings.TrimSpace(c.want))
		}
	}
}

// prefixOverGenericCall: a generic call after a prefix operator stays in
// the operand with the rest of its chain (the TypeScript grammars apply it
// to the prefix expression; package parse repairs their tree the same way,
// which TestSameAsTreeSitter checks).
var prefixOverGenericCall = []dumpCase{
	{TypeScript, `await a.b<T>(x).catch(g);`, `
program [0-25]
  expression_statement [0-25]
    await_expression [0-24]
      "await" [0-5]
      call_expression [6-24]
        function: member_expression [6-21]
          object: call_expression [6-15]
            function: member_expression [6-9]
              object: identifier [6-7] "a"
              property: property_identifier [8-9] "b"
            type_arguments: type_arguments [9-12]
              "<" [9-10]
              type_identifier [10-11] "T"
              ">" [11-12]
            arguments: arguments [12-15]
              identifier [13-14] "x"
          property: property_identifier [16-21] "catch"
        arguments: arguments [21-24]
          identifier [22-23] "g"`},
	{TypeScript, `!f<T>(x).ok;`, `
program [0-12]
  expression_statement [0-12]
    unary_expression [0-11]
      operator: "!" [0-1]
      argument: member_expression [1-11]
        object: call_expression [1-8]
          function: identifier [1-2] "f"
          type_arguments: type_arguments [2-5]
            "<" [2-3]
            type_identifier [3-4] "T"
            ">" [4-5]
          arguments: arguments [5-8]
            identifier [6-7] "x"
        property: property_identifier [9-11] "ok"`},
}

func TestPrefixOverGenericCall(t *testing.T) { checkDumps(t, prefixOverGenericCall) }

// TestSyntaxError checks the position of the first error and that the
// statements after it are still parsed.
func TestSyntaxError(t *testing.T) {
	src := "a();\nlet = = 1;\nb();\n"
	tree, err := Parse(src, JavaScript)
	se, ok := err.(*SyntaxError)
	if !ok {
		t.Fatalf("err = %v, want a *SyntaxError", err)
	}
	if se.Line != 2 || se.Column != 7 {
		t.Errorf("error at %d:%d, want 2:7", se.Line, se.Column)
	}
	want := "program [0-21]\n  expression_statement [0-4]\n    call_expression [0-3]\n      function: identifier [0-1] \"a\"\n      arguments: arguments [1-3] \"()\"\n  ERROR ! [5-15] \"let = = 1;\"\n  expression_statement [16-20]\n    call_expression [16-19]\n      function: identifier [16-17] \"b\"\n      arguments: arguments [17-19] \"()\"\n"
	if d := Dump(tree); d != want {
		t.Errorf("tree:\n%s\nwant:\n%s", d, want)
	}
}
