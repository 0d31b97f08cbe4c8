package sem

import (
	"testing"

	"github.com/racecheck/racecheck/internal/syntax"
)

// TestErrorRoutes: where the error of a call goes: a try whose catch
// handles it, a catch that only rethrows, a Promise executor's .catch, an
// error-first callback that reads its error, or a callback passed on.
func TestErrorRoutes(t *testing.T) {
	f := load(t, `import * as fs from "node:fs";
async function a(p, done) {
  try { await fs.promises.stat(p); } catch (e) { return null; }
  try { await fs.promises.lstat(p); } catch (e) { throw e; }
  await new Promise((res) => fs.rename(p, p + ".old", res)).catch(() => {});
  fs.readFile(p, (err, data) => { if (err) return; });
  fs.readFile(p + "1", (err, data) => {});
  fs.readFile(p + "2", done);
  if (!p) { return done(new Error("no path")); }
  if (!done) { throw new Error("no callback"); }
}
`)
	call := func(text string) syntax.Node { return find(t, f, syntax.KCallExpression, text) }
	for text, want := range map[string]bool{
		"fs.promises.stat(p)":           true,
		"fs.promises.lstat(p)":          false,
		`fs.rename(p, p + ".old", res)`: false,
	} {
		if got := f.HandledInTry(call(text)); got != want {
			t.Errorf("HandledInTry(%s) = %v, want %v", text, got, want)
		}
	}
	if !f.HandledThroughExecutors(call(`fs.rename(p, p + ".old", res)`)) {
		t.Errorf("HandledThroughExecutors(rename in an executor whose promise is caught) = false, want true")
	}
	for text, want := range map[string]bool{
		"fs.readFile(p, (err, data) => { if (err) return; })": true,
		`fs.readFile(p + "1", (err, data) => {})`:             false,
		`fs.readFile(p + "2", done)`:                          true,
	} {
		if got := f.ErrorToCallback(call(text)); got != want {
			t.Errorf("ErrorToCallback(%s) = %v, want %v", text, got, want)
		}
	}
	var ifs []syntax.Node
	f.Root().EachOf(func(n syntax.Node) bool { ifs = append(ifs, n); return true }, syntax.KIfStatement)
	var passes, throws []bool
	for _, s := range ifs[len(ifs)-2:] {
		c := s.Child(syntax.FConsequence)
		passes = append(passes, f.PassesError(c))
		throws = append(throws, EndsInThrow(c))
	}
	if !passes[0] || passes[1] || throws[0] || !throws[1] {
		t.Errorf("PassesError = %v, EndsInThrow = %v for the two last branches, want [true false] and [false true]", passes, throws)
	}
}
