package sem

import "testing"

// TestFuncRejects: a function's promise rejects through an await or throw
// no try/catch of its own catches, or through a returned promise that
// can; awaits of promises that cannot reject are no evidence.
func TestFuncRejects(t *testing.T) {
	files := loadTree(t, map[string]string{
		"svc.ts": `import { Pool } from "pg";
const pool = new Pool();
export async function read(id: string) { return await pool.query("SELECT 1 WHERE id = $1", [id]); }
export async function safe(id: string) { try { return await pool.query("SELECT 1"); } catch (e) { return null; } }
export async function callsSafe() { await safe("a"); }
export async function sleeps() { await new Promise((r) => setTimeout(r, 10)); }
export async function throws(x: number) { if (x < 0) throw new Error("negative"); }
export async function exits() { try { await read("a"); } finally { process.exit(0); } }
export function forwards(id: string) { return read(id); }
export function handled(id: string) { return read(id).catch(() => null); }
export function all(ids: string[]) { return Promise.all(ids.map((id) => read(id).catch(() => null))); }
export function allRaw(ids: string[]) { return Promise.all(ids.map(read)); }
export async function rec(n: number): Promise<void> { if (n > 0) return rec(n - 1); }
function clear(ids: string[]) { ids.length = 0; }
function check(ids: string[]) { if (ids.length === 0) throw new Error("empty"); }
function count(ids: string[]) { return pool.query("SELECT count(*) FROM t"); }
export async function awaitsNothing() { await clear([]); }
export async function awaitsThrow() { await check([]); }
export async function awaitsValue() { await count([]); }
export async function connect(n: number) { try { await read("c"); } catch (e) { await reconnect(n); } }
export async function reconnect(n: number) { if (n < 5) { await connect(n + 1); } }
export async function loopA() { await loopB(); await read("x"); }
export async function loopB() { await loopA(); }
export async function recFails(n: number): Promise<void> { if (n > 0) return recFails(n - 1); throw new Error("done"); }
`,
	})
	f := files["svc.ts"]
	timers := loadTree(t, map[string]string{
		"retry.ts": `import { setTimeout } from "node:timers/promises";
import * as timers from "timers/promises";
import { setImmediate as tick } from "timers/promises";
const { setTimeout: wait } = require("timers/promises");
export async function backoff(n: number) { await setTimeout(2 ** n * 1000); }
export async function spaced() { await timers.setTimeout(10, undefined, { ref: false }); }
export async function ticks() { await tick(); await wait(5); }
export async function aborted(signal: AbortSignal) { await setTimeout(10, undefined, { signal }); }
export async function passed(opts: object) { await timers.setImmediate(1, opts); }
`,
	})["retry.ts"]
	r := NewRejections()
	for name, w := range map[string]bool{"backoff": false, "spaced": false, "ticks": false, "aborted": true, "passed": true} {
		if got := r.FuncRejects(timers, funcNamed(t, timers, name)); got != w {
			t.Errorf("%s: FuncRejects = %v, want %v (timers/promises)", name, got, w)
		}
	}
	want := map[string]bool{
		"read": true, "safe": false, "callsSafe": false, "sleeps": false, "throws": true,
		"exits": false, "forwards": true, "handled": false, "all": false, "allRaw": true,
		// A cycle adds no rejection of its own: it rejects only through
		// something else on it (a retry that reconnects cannot reject
		// because the connect catches; loopB rejects through loopA's read).
		"rec": false, "recFails": true, "connect": false, "reconnect": false, "loopA": true, "loopB": true,
		// An await of a function that returns nothing and throws nothing
		// itself awaits undefined; one that throws, or returns a value
		// (here a query's promise), can reject.
		"awaitsNothing": false, "awaitsThrow": true, "awaitsValue": true,
	}
	for name, w := range want {
		if got := r.FuncRejects(f, funcNamed(t, f, name)); got != w {
			t.Errorf("%s: FuncRejects = %v, want %v", name, got, w)
		}
	}
	// Whichever end of a cycle is decided first, an answer found while
	// the other was assumed not to reject is not kept once it does.
	for _, order := range [][]string{{"loopA", "loopB"}, {"loopB", "loopA"}, {"connect", "reconnect"}, {"reconnect", "connect"}} {
		r := NewRejections()
		for _, name := range order {
			if got := r.FuncRejects(f, funcNamed(t, f, name)); got != want[name] {
				t.Errorf("%v: %s: FuncRejects = %v, want %v", order, name, got, want[name])
			}
		}
	}
	w, ok := r.UncaughtAwait(f, funcNamed(t, f, "read"))
	if !ok || w.Line() != 3 {
		t.Errorf("read: UncaughtAwait = line %d, %v; want line 3", w.Line(), ok)
	}
}
