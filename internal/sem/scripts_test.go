package sem

import "testing"

// TestOneShot: modules that only one-shot commands reach run in one
// process; a module a server or an unimported module also reaches does
// not, nor does a command that starts serving.
func TestOneShot(t *testing.T) {
	files := loadTree(t, map[string]string{
		"seed.ts":     `import { fill } from "./fill"; import { util } from "./util"; import { step } from "./steps"; fill(util); step();`,
		"steps.ts":    `export function step() {}`,
		"fill.ts":     `export async function fill(u: unknown) { return u; }`,
		"util.ts":     `export const util = 1;`,
		"server.ts":   `import express from "express"; import { util } from "./util"; express().listen(util);`,
		"worker.ts":   `import { poll } from "./poll"; setInterval(poll, 1000);`,
		"poll.ts":     `export async function poll() {}`,
		"lib.ts":      `export * from "./helper";`,
		"helper.ts":   `export const h = 1;`,
		"tool.ts":     `import { h } from "./helper"; console.log(h);`,
		"queue.ts":    `import { Worker } from "bullmq"; import { job } from "./job"; export const w = job;`,
		"job.ts":      `export const job = 1;`,
		"unlisted.ts": `import { fill } from "./fill"; fill(0);`,
	})
	p := files["seed.ts"].Project()
	p.SetScriptEntries([]string{"/seed.ts", "/server.ts", "/worker.ts", "/tool.ts", "/queue.ts"})
	want := map[string]bool{
		"seed.ts": true, "steps.ts": true,
		"fill.ts": false, // unlisted.ts, a root of its own, imports fill too
		"util.ts": false, "server.ts": false, "worker.ts": false, "poll.ts": false,
		"tool.ts": true, "helper.ts": true, // lib.ts only re-exports it, and nothing imports lib.ts
		"queue.ts": false, "job.ts": false, "unlisted.ts": false,
	}
	for name, w := range want {
		if got := files[name].OneShot(); got != w {
			t.Errorf("%s: OneShot() = %v, want %v", name, got, w)
		}
	}
}
