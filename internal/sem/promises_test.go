package sem

import (
	"testing"

	"github.com/racecheck/racecheck/internal/syntax"
)

func TestBrowser(t *testing.T) {
	cases := []struct {
		src  string
		want bool
	}{
		{`"use client";
export const f = () => 1;`, true},
		{`import { useState } from "react";
export function useX() { return useState(0); }`, true},
		{`export function size() { return window.innerWidth; }`, true},
		{`import { renderToString } from "react-dom/server";
export const html = (x: any) => renderToString(x);`, false},
		{`const window = { innerWidth: 1 };
export const w = window.innerWidth;`, false},
		{`import express from "express";
export const app = express();`, false},
		{`self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));`, true},
		{`const self = { clients: [] };
export const n = self.clients.length;`, false},
		{`self.addEventListener("fetch", (event) => event.respondWith(fetch(event.request)));`, false},
	}
	for _, c := range cases {
		if got := load(t, c.src).Browser(); got != c.want {
			t.Errorf("Browser() = %v, want %v for:\n%s", got, c.want, c.src)
		}
	}
}

// TestBrowserByImporters: a module only front-end code imports is
// front-end code, unless it is a server-action module ("use server"); one
// that server code imports too is not, nor is one only tests import. A
// barrel that nothing imports does not count as an importer.
func TestBrowserByImporters(t *testing.T) {
	files := loadTree(t, map[string]string{
		"page.ts":      `import { format } from "./format"; import { save } from "./actions"; import { shared } from "./shared"; export const draw = () => { document.title = format(1) + shared; }; export const go = () => save();`,
		"format.ts":    `import { pad } from "./pad"; export const format = (n: number) => pad(String(n));`,
		"pad.ts":       `export const pad = (s: string) => s.padStart(4);`,
		"actions.ts":   `"use server"; export async function save() { return 1; }`,
		"shared.ts":    `export const shared = 1;`,
		"server.ts":    `import { shared } from "./shared"; export const port = shared;`,
		"util.ts":      `export const only = 1;`,
		"util.test.ts": `import { only } from "./util";`,
		"remind.ts":    `export const remind = async () => 1;`,
		"index.ts":     `export * from "./remind";`,
		"listen.ts":    `import { remind } from "./remind"; export const listen = () => { window.onfocus = () => remind(); };`,
		"job.ts":       `import { pad } from "./pad2"; export const run = () => pad("x");`,
		"pad2.ts":      `export const pad = (s: string) => s;`,
		"barrel2.ts":   `export * from "./pad2";`,
		"uses2.ts":     `import { pad } from "./barrel2"; export const draw = () => { document.title = pad("y"); };`,
		// Modules that import each other, loaded by front-end code only,
		// by server code too, or by nothing.
		"hooks.ts":       `import { getA } from "./ringA"; import { c } from "./ringC"; export const useA = () => { document.title = getA() + c; };`,
		"ringA.ts":       `import { b } from "./ringB"; export const getA = () => b(); export const a = 1;`,
		"ringB.ts":       `import { a } from "./ringA"; export const b = () => String(a);`,
		"ringC.ts":       `import { d } from "./ringD"; export const c = d;`,
		"ringD.ts":       `import { c } from "./ringC"; export const d = 1; export const e = () => c;`,
		"worker.ts":      `import { e } from "./ringD"; export const work = () => e();`,
		"deadA.ts":       `import { y } from "./deadB"; export const x = y;`,
		"deadB.ts":       `import { x } from "./deadA"; export const y = 1; export const z = () => x;`,
		"widget.test.ts": `import { fixture } from "./fixture"; document.title = fixture;`,
		"fixture.ts":     `export const fixture = "t";`,
		// Server code that imports only the types of a module does not load it.
		"model.ts": `export interface M { a: number } export const mk = () => 1;`,
		"view.ts":  `import { mk } from "./model"; export const v = () => { document.title = String(mk()); };`,
		"api.ts":   `import type { M } from "./model"; import { type M as N } from "./model"; export const f = (m: M, n: N) => m.a + n.a;`,
	})
	files["widget.test.ts"].Test = true
	want := map[string]bool{"page.ts": true, "format.ts": true, "pad.ts": true, "actions.ts": false, "shared.ts": false, "server.ts": false, "util.ts": false,
		"remind.ts": true, "pad2.ts": false, "barrel2.ts": true,
		"ringA.ts": true, "ringB.ts": true, "ringC.ts": false, "ringD.ts": false, "deadA.ts": false, "deadB.ts": false, "fixture.ts": false,
		"model.ts": true, "api.ts": false}
	for name, w := range want {
		if got := files[name].Browser(); got != w {
			t.Errorf("%s: Browser() = %v, want %v", name, got, w)
		}
	}
}

func TestLibraryType(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"named import, through an alias", `import { PoolClient } from "pg";
let held: PoolClient | null = null;
export function stop() {
  const client = held;
  return client;
}`, "pg.PoolClient"},
		{"namespace import", `import * as auth from "firebase/auth";
export function stop(client: auth.User) {
  return client;
}`, "firebase/auth.User"},
		{"default import", `import pg from "pg";
export function stop(client: pg.PoolClient | undefined) {
  return client;
}`, "pg.PoolClient"},
		{"namespace of a project module", `import * as api from "./api";
export function stop(client: api.Client) {
  return client;
}`, ""},
		{"a namespace the package exports by name", `import { auth } from "firebase-admin";
export function stop(client: auth.UserRecord) {
  return client;
}`, "firebase-admin.UserRecord"},
		{"a namespace inside the module", `import * as sdk from "sdk";
export function stop(client: sdk.v2.Client) {
  return client;
}`, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := load(t, c.src)
			ret := find(t, f, syntax.KReturnStatement, "return client;")
			if got := f.LibraryTypeOf(ret.NamedChild(0)); got != c.want {
				t.Errorf("LibraryTypeOf(client) = %q, want %q", got, c.want)
			}
		})
	}
}

func TestPromiseUseAndReferences(t *testing.T) {
	f := load(t, `export function run(task: () => unknown, ok: (v: unknown) => void, fail: (e: unknown) => void) {
  const result = task();
  result.then(ok, fail);
  result.finally(() => ok(null));
}`)
	fin := find(t, f, syntax.KCallExpression, "result.finally(() => ok(null))")
	recv := fin.Child(syntax.FFunction).Child(syntax.FObject)
	use := f.PromiseUse(recv, fin)
	if use.Text() != "result.then(ok, fail)" {
		t.Errorf("PromiseUse = %q, want the handled branch", use.Text())
	}
	if refs := f.References(f.Resolve(recv)); len(refs) != 2 {
		t.Errorf("References = %d, want 2", len(refs))
	}
}

func TestResolveThroughHooks(t *testing.T) {
	f := load(t, `import { useCallback, useRef } from "react";
function useDraft() {
  const load = useCallback(async () => {
    try { await fetch("/d"); } catch (e) { console.error(e); }
  }, []);
  return { load };
}
export function Editor() {
  const { load } = useDraft();
  const ref = useRef(load);
  load();
  ref.current();
}
class Pool {
  grow() { this.other.#open(); }
  async #open() {}
}`)
	p := f.Project()
	for _, call := range []string{"load()", "ref.current()"} {
		_, fn := p.ResolveCall(f, find(t, f, syntax.KCallExpression, call))
		if fn == nil || !fn.Async || !HandlesOwnErrors(fn) {
			t.Errorf("%s: resolved to %v, want the async useCallback body", call, fn)
		}
	}
	if _, fn := p.ResolveCall(f, find(t, f, syntax.KCallExpression, "this.other.#open()")); fn == nil || fn.Name != "#open" {
		t.Errorf("this.other.#open(): resolved to %v, want the class's #open", fn)
	}
}

func TestModeRethrow(t *testing.T) {
	f := load(t, `export async function a(debug: boolean) {
  try { await go(); } catch (e) { if (debug) { throw e; } }
}
export async function b() {
  try { await go(); } catch (err: any) { if (err.code !== "ENOENT") throw err; }
}
declare function go(): Promise<void>;`)
	if !ModeRethrow(find(t, f, syntax.KThrowStatement, "throw e;")) {
		t.Error("throw under a mode flag: want a mode rethrow")
	}
	if ModeRethrow(find(t, f, syntax.KThrowStatement, "throw err;")) {
		t.Error("throw filtered by the error: want a real rejection")
	}
}

// TestDefaultExports: every form of a default export is found under
// "default", and a named default-exported function is not exported under
// its own name.
func TestDefaultExports(t *testing.T) {
	for _, c := range []struct {
		src  string
		kind syntax.Kind
	}{
		{`export default async function handle(x: number) { return x; }`, syntax.KFunctionDeclaration},
		{`export default function handle(x) { return x; }`, syntax.KFunctionDeclaration},
		{`export default function (x) { return x; }`, syntax.KFunctionExpression},
		{`export default async (x) => x;`, syntax.KArrowFunction},
		{`export default class Store { get() { return 1; } }`, syntax.KClassDeclaration},
	} {
		f := load(t, c.src)
		e := f.Exports["default"]
		if e == nil {
			t.Errorf("no default export in %s", c.src)
			continue
		}
		if !e.Value.Is(c.kind) {
			t.Errorf("default export of %s is a %v, want %v", c.src, e.Value.Kind(), c.kind)
		}
		if _, ok := f.Exports["handle"]; ok {
			t.Errorf("%s exports handle by name", c.src)
		}
	}
}

// TestResolveDefaultObjectMember: svc.getAll() of a default import is the
// member of the object the module exports by default, directly or through
// a const.
func TestResolveDefaultObjectMember(t *testing.T) {
	files := loadTree(t, map[string]string{
		"svc.ts":   "const getAll = async (c: string) => [c];\nconst create = async () => 1;\nexport default { getAll, create: create };",
		"named.ts": "async function list() { return []; }\nconst service = { list };\nexport default service;",
		"use.ts":   "import svc from './svc';\nimport named from './named';\nexport async function f() { await svc.getAll('x'); await svc.create(); await named.list(); await svc.missing(); }",
	})
	checkResolved(t, files["use.ts"], map[string]string{"svc.getAll('x')": "getAll", "svc.create()": "create", "named.list()": "list", "svc.missing()": ""})
}

// checkResolved asserts the name of the function ResolveCall finds for
// each call of use ("" for none).
func checkResolved(t *testing.T, use *File, want map[string]string) {
	t.Helper()
	p := use.Project()
	for call, name := range want {
		_, fn := p.ResolveCall(use, find(t, use, syntax.KCallExpression, call))
		got := ""
		if fn != nil {
			got = fn.Name
		}
		if got != name {
			t.Errorf("ResolveCall(%s) = %q, want %q", call, got, name)
		}
	}
}

// TestLazyGetterMemoized: a getter that fills a shared slot on its first
// call answers from memory after it; one that returns a fresh value or a
// local does not.
func TestLazyGetterMemoized(t *testing.T) {
	f := load(t, `
let client: any;
class Cache {
  static instance: Cache;
  static async getInstance() {
    if (!Cache.instance) {
      Cache.instance = new Cache();
      await Cache.instance.init();
    }
    return Cache.instance;
  }
  async init() {}
}
async function getClient() { client ??= await connect(); return client; }
async function getFresh() { const c = await connect(); return c; }
async function getLocal() { let c; if (!c) { c = await connect(); } return c; }
let last: any;
async function getLatest() { if (last) console.log("replacing"); last = await connect(); return last; }
async function connect() { return {}; }
export async function use() {
  await Cache.getInstance();
  await getClient();
  await getFresh();
  await getLocal();
  await getLatest();
}`)
	for call, want := range map[string]bool{"Cache.getInstance()": true, "getClient()": true, "getFresh()": false, "getLocal()": false, "getLatest()": false} {
		if got := f.Memoized(find(t, f, syntax.KCallExpression, call)); got != want {
			t.Errorf("Memoized(%s) = %v, want %v", call, got, want)
		}
	}
}

// TestRequestCachedLibrary: a library function cached per request stays
// memoized when a project module re-exports it under another name, also
// through destructuring of an object literal.
func TestRequestCachedLibrary(t *testing.T) {
	files := loadTree(t, map[string]string{
		"i18n.ts": "import { getTranslations } from 'next-intl/server';\nexport const { getI18n, getScopedI18n } = { getI18n: getTranslations, getScopedI18n: getTranslations };\nexport const t2 = getTranslations;",
		"page.ts": "import { getScopedI18n, t2 } from './i18n';\nimport { getTranslations, getExtra } from 'next-intl/server';\nexport async function Page() { await getScopedI18n('a'); await t2(); await getTranslations(); await getExtra(); }",
	})
	page := files["page.ts"]
	for call, want := range map[string]bool{"getScopedI18n('a')": true, "t2()": true, "getTranslations()": true, "getExtra()": false} {
		if got := page.Memoized(find(t, page, syntax.KCallExpression, call)); got != want {
			t.Errorf("Memoized(%s) = %v, want %v", call, got, want)
		}
	}
}

// TestResolveNamespaceReexport: a module re-exported whole under a name
// (export * as Api, or import * as Api then export { Api }) and imported
// by that name resolves its members.
func TestResolveNamespaceReexport(t *testing.T) {
	files := loadTree(t, map[string]string{
		"space.ts":     "export async function deleteMember(id: string) { return id; }",
		"api.ts":       "export * from './space';",
		"viaImport.ts": "import * as Api from './api';\nexport { Api };",
		"viaStar.ts":   "export * as Svc from './space';",
		"index.ts":     "export * from './viaImport';\nexport * from './viaStar';",
		"use.ts":       "import { Api, Svc } from './index';\nimport { deleteMember } from './space';\nexport async function f() { await Api.deleteMember('a'); await Svc.deleteMember('b'); await Api.missing(); }",
	})
	checkResolved(t, files["use.ts"], map[string]string{"Api.deleteMember('a')": "deleteMember", "Svc.deleteMember('b')": "deleteMember", "Api.missing()": ""})
}

// TestResolveThroughGenericWrapper: a project function typed <T>(fn: T): T
// gives back a function of its argument's type, and a method called on
// what a function that is not async returns is a method of that class.
func TestResolveThroughGenericWrapper(t *testing.T) {
	files := loadTree(t, map[string]string{
		"utils.ts":    "export function lazyMemoize<T extends () => unknown>(fn: T, key?: string): T {\n  return (() => memoize(fn, key)) as T;\n}\nexport function wrap<T>(fn: T): unknown { return fn; }",
		"archives.ts": "export class Archives {\n  deleteExpired() { this.repo.delete(); }\n  async count() { return 1; }\n}",
		"use.ts": "import { lazyMemoize, wrap } from './utils';\nimport { Archives } from './archives';\n" +
			"const getRepo = lazyMemoize(() => new Archives());\nconst getWrapped = wrap(() => new Archives());\nfunction make() { return new Archives(); }\nasync function makeLater() { return new Archives(); }\n" +
			"export async function run() { await getRepo().deleteExpired(); await make().count(); await getWrapped().count(); await (await makeLater()).count(); }",
	})
	// Functions that return each other's results end the search.
	cyc := loadTree(t, map[string]string{
		"cycle.ts": "class A { m() { return 1; } }\nfunction u() { return v().m(); }\nfunction v() { return u().m(); }\nexport function run() { u().m(); }",
	})
	checkResolved(t, cyc["cycle.ts"], map[string]string{"u().m()": ""})
	checkResolved(t, files["use.ts"], map[string]string{
		"getRepo().deleteExpired()": "deleteExpired",
		"make().count()":            "count",
		"getWrapped().count()":      "",
	})
}

// TestResolveThroughImportedInstance: a module that exports one instance
// made by new (export default new Cache(), export const cache = new
// Cache(), module.exports = new Cache()) gives its importers that class's
// methods; an exported class or function is no instance.
func TestResolveThroughImportedInstance(t *testing.T) {
	files := loadTree(t, map[string]string{
		"cache.ts":   "class Cache {\n  async get(k: string) { return k; }\n  static async create() { return new Cache(); }\n}\nexport default new Cache();",
		"store.ts":   "export class Store {\n  async load() { return 1; }\n}\nexport const store = new Store();\nconst local = new Store();\nexport { local };",
		"legacy.js":  "class Legacy {\n  async run() { return 1; }\n}\nmodule.exports = new Legacy();",
		"factory.ts": "export function makeStore() { return 1; }",
		"use.ts": "import cache from './cache';\nimport { store, local, Store } from './store';\n" +
			"export async function run() { await cache.get('a'); await store.load(); await local.load(); await Store.load(); }",
		"use.js": "const legacy = require('./legacy');\nasync function go() { await legacy.run(); }\nmodule.exports = { go };",
	})
	checkResolved(t, files["use.ts"], map[string]string{
		"cache.get('a')": "get",
		"store.load()":   "load",
		"local.load()":   "load",
		"Store.load()":   "", // the class itself: load is no static method
	})
	checkResolved(t, files["use.js"], map[string]string{"legacy.run()": "run"})
}

// TestCombinatorOfElement: a plain element of the array given to a
// Promise combinator is taken as one value; a spread element, an element
// of another call's array and a nested array's element are not.
func TestCombinatorOfElement(t *testing.T) {
	f := load(t, `
async function g() {
  await Promise.all([a, (b)]);
  await Promise.race([...c]);
  await save([d]);
  await Promise.any([[e]]);
  await Promise.all(h);
}`)
	want := map[string]string{"a": "Promise.all([a, (b)])", "b": "Promise.all([a, (b)])", "c": "", "d": "", "e": "", "h": ""}
	seen := map[string]bool{}
	f.Root().Walk(func(n syntax.Node) bool {
		if !n.Is(syntax.KIdentifier) || seen[n.Text()] {
			return true
		}
		exp, ok := want[n.Text()]
		if !ok {
			return true
		}
		seen[n.Text()] = true
		if got := CombinatorOfElement(n); got.Text() != exp {
			t.Errorf("%s: %q, want %q", n.Text(), got.Text(), exp)
		}
		return true
	})
	if len(seen) != len(want) {
		t.Errorf("identifiers seen: %v", seen)
	}
}
