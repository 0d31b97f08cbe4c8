package sem

import "testing"

func TestLeavesPending(t *testing.T) {
	for _, c := range []struct {
		src  string
		want bool
	}{
		{`async function f(setLoading, save) { setLoading(true); await save(); setLoading(false); }`, true},
		{`async function f(toast, save) { const t = toast.loading("saving"); await save(); toast.dismiss(t); }`, true},
		{`class J { async run(db) { this.busy = true; await db.sync(); this.busy = false; } }`, true},
		// Reset in finally or catch: it runs on the failing path too.
		{`async function f(setLoading, save) { setLoading(true); try { await save(); } finally { setLoading(false); } }`, false},
		{`async function f(setLoading, save) { setLoading(true); try { await save(); setLoading(false); } catch (e) { setLoading(false); } }`, false},
		// Nothing set before the await.
		{`async function f(setDone, save) { await save(); setDone(true); }`, false},
		// The same value both times.
		{`async function f(log, save) { log("x"); await save(); log("x"); }`, false},
		// A value computed before and used after is no handle.
		{`async function f(id, save, notify) { const key = make(id); await save(); notify(key); }`, false},
		// A chain whose fulfilment callback resets what was set before it.
		{`function f(p, save) { p.startProgress(); return save().then((r) => { p.stopProgress(); return r; }); }`, true},
		{`function f(setBusy, save) { setBusy(true); save().then(() => setBusy(false)); }`, true},
		// ... unless the chain handles rejections, or resets in finally.
		{`function f(setBusy, save) { setBusy(true); save().then(() => setBusy(false)).catch(log); }`, false},
		{`function f(setBusy, save) { setBusy(true); save().then(() => setBusy(false), () => setBusy(false)); }`, false},
		{`function f(setBusy, save) { setBusy(true); save().finally(() => setBusy(false)); }`, false},
		// A stop without a start is no pair.
		{`function f(p, save) { p.stopProgress(); return save().then(() => p.startProgress()); }`, false},
	} {
		f := load(t, c.src)
		fn := f.Funcs[0]
		for _, g := range f.Funcs {
			if g.Name == "f" || g.Name == "run" {
				fn = g
			}
		}
		if _, _, got := f.LeavesPending(fn); got != c.want {
			t.Errorf("LeavesPending = %v, want %v for %s", got, c.want, c.src)
		}
	}
}

func TestRejectsOnPurpose(t *testing.T) {
	f := load(t, `async function check(x) { if (!x) throw new Error("no"); }
async function viaHelper(x) { await check(x); }
async function caught(x) { try { await check(x); } catch { return; } }
async function io(db) { await db.query("select 1"); }
function rejects(x) { return x ? Promise.resolve(x) : Promise.reject(new Error("no")); }`)
	p := NewProject([]*File{f}, nil)
	want := map[string]bool{"check": true, "viaHelper": true, "caught": false, "io": false, "rejects": true}
	for _, fn := range f.Funcs {
		if w, ok := want[fn.Name]; ok {
			if got := p.RejectsOnPurpose(f, fn); got != w {
				t.Errorf("RejectsOnPurpose(%s) = %v, want %v", fn.Name, got, w)
			}
		}
	}
}

// TestGates: a function rejects on purpose because of what it read when a
// throw comes after one of its awaits, even inside a try whose catch only
// logs and rethrows; a check of the arguments before any await, and a
// rethrow of whatever the try block threw, are no gates.
func TestGates(t *testing.T) {
	f := load(t, `async function missing(db, id) { const r = await db.find(id); if (!r) throw new Error("not found"); return r; }
async function viaHelper(db, id) { return missing(db, id); }
async function logged(db, id) { try { const r = await db.find(id); if (!r) throw new Error("not found"); return r; } catch (e) { console.error(e); throw e; } }
async function validates(db, s) { if (s !== "open") throw new Error("bad status"); return db.find(s); }
async function validatesLogged(db, s) { try { if (s !== "open") throw new Error("bad"); return await db.find(s); } catch (e) { console.error(e); throw e; } }
async function rethrows(db, id) { try { return await db.find(id); } catch (e) { console.error(e); throw e; } }
async function handled(db, id) { try { const r = await db.find(id); if (!r) throw new Error("x"); return r; } catch (e) { return null; } }
async function rejectsLater(db, id) { const r = await db.find(id); return r ? r : Promise.reject(new Error("none")); }`)
	p := NewProject([]*File{f}, nil)
	want := map[string]bool{"missing": true, "viaHelper": true, "logged": true, "validates": false, "validatesLogged": false, "rethrows": false, "handled": false, "rejectsLater": true}
	for _, fn := range f.Funcs {
		if w, ok := want[fn.Name]; ok {
			if got := p.Gates(f, fn); got != w {
				t.Errorf("Gates(%s) = %v, want %v", fn.Name, got, w)
			}
		}
	}
}
