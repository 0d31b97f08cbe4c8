package sem

import (
	"testing"

	"github.com/racecheck/racecheck/internal/syntax"
)

// funcNamed returns the facts of the function called name.
func funcNamed(t *testing.T, f *File, name string) *Func {
	t.Helper()
	for _, fn := range f.Funcs {
		if fn.Name == name {
			return fn
		}
	}
	t.Fatalf("no function %s", name)
	return nil
}

func TestNodeCallback(t *testing.T) {
	f := load(t, `
function a(x, cb) { db.get(x, (err, v) => { if (err) return cb(err); cb(null, v); }); }
function b(x, cb) { return asCallback(db.get(x), cb); }
function c(items, onItem) { onItem(null); onItem(items[0]); }
function d(x, done) { try { done(null, work(x)) } catch (e) { done(e) } }
function e(x, cb) { cb(x); }
function f(x, onError) { try { work(x) } catch (e) { onError(e) } }
function g(req, next) { if (!req) next(new Error("no")); next(); }
`)
	for name, want := range map[string]string{"a": "cb", "b": "cb", "c": "", "d": "done", "e": "", "f": "", "g": "next"} {
		got := ""
		if b := f.NodeCallback(funcNamed(t, f, name)); b != nil {
			got = b.Name
		}
		if got != want {
			t.Errorf("%s: callback %q, want %q", name, got, want)
		}
	}
}

func TestOnlyWithout(t *testing.T) {
	f := load(t, `
function g(cb) {
  return new Promise((resolve, reject) => {
    pool.acquire((err, c) => {
      if (cb) { cb(err, c); } else { reject(err); }
      if (!cb) reject(1);
      reject(2);
      if (typeof cb === "function") return;
      reject(3);
    });
  });
}
`)
	fn := funcNamed(t, f, "g")
	cb := f.NodeCallback(fn)
	if cb == nil {
		t.Fatal("no callback")
	}
	for text, want := range map[string]bool{"reject(err)": true, "reject(1)": true, "reject(2)": false, "reject(3)": true} {
		if got := f.OnlyWithout(find(t, f, syntax.KCallExpression, text), fn.Node, cb); got != want {
			t.Errorf("%s: only without callback %v, want %v", text, got, want)
		}
	}
}

func TestEscapingRejections(t *testing.T) {
	f := load(t, `
async function h(x) {
  try { await a(); } catch (e) { throw e; }
  await new Promise((r) => setTimeout(r, 5));
  await 1;
  await b();
}
`)
	var got []string
	for _, n := range EscapingRejections(funcNamed(t, f, "h")) {
		got = append(got, n.Text())
	}
	want := []string{"throw e;", "await b()"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("escaping %q, want %q", got, want)
	}
}

func TestErrorHandler(t *testing.T) {
	f := load(t, `
const h1 = (err) => { log(err); throw err; };
const h2 = (err, v) => { if (err) throw err; return v; };
const h3 = (err) => { if (err.status === 404) return null; throw err; };
const h4 = (err) => { if (!err) return; throw err; };
`)
	for name, want := range map[string]bool{"h1": true, "h2": false, "h3": true, "h4": false} {
		if got := f.ErrorHandler(funcNamed(t, f, name)); got != want {
			t.Errorf("%s: error handler %v, want %v", name, got, want)
		}
	}
}

func TestFallsInto(t *testing.T) {
	f := load(t, `
function k(cb) {
  if (x) { cb(1); }
  log();
  cb(2);
  if (y) { cb(3); return; }
  cb(4);
}
`)
	isCb := func(c syntax.Node) bool { return c.Child(syntax.FFunction).Text() == "cb" }
	if got := FallsInto(find(t, f, syntax.KCallExpression, "cb(1)"), isCb); got.Text() != "cb(2)" {
		t.Errorf("after cb(1): %q, want cb(2)", got.Text())
	}
	if got := FallsInto(find(t, f, syntax.KCallExpression, "cb(3)"), isCb); !got.IsNil() {
		t.Errorf("after cb(3): %q, want nothing", got.Text())
	}
}

func TestCallersOfCallbackFunctions(t *testing.T) {
	f := load(t, `
async function a(x, cb) { cb(null, await g(x)); }
async function b(x, cb) { cb(null, await g(x)); }
async function c(x, cb) { cb(null, await g(x)); }
async function main() {
  await a(1, () => {});
  b(2, () => {});
  return c(3, () => {});
}
app.use(b);
`)
	p := f.Project()
	for name, want := range map[string]bool{"a": true, "b": false, "c": false} {
		if got := p.PromiseHandledWithCallback(f, funcNamed(t, f, name), 2); got != want {
			t.Errorf("%s: handled with callback %v, want %v", name, got, want)
		}
	}
	for name, want := range map[string]bool{"a": false, "b": true} {
		if got := p.HandedOver(f, funcNamed(t, f, name)); got != want {
			t.Errorf("%s: handed over %v, want %v", name, got, want)
		}
	}
}
