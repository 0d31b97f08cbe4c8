package rules

import (
	"fmt"
	"strings"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/syntax"
)

// Promise.all starts every operation at once and rejects at the first
// failure while the others keep running. That is wrong, transaction or
// not, when the operations depend on each other: one reads what a sibling
// writes, one is the check that should have stopped a sibling, or the
// code that handles the failure cleans up the connection the siblings are
// still using. Each check below needs that dependence in the code: the
// same object, the same connection.

// dependentAll reports a Promise.all whose operations depend on each
// other, and whether it reported one.
func dependentAll(p *analysis.Pass, call syntax.Node) bool {
	args := models.Args(call)
	if len(args) == 0 {
		return false
	}
	arr := args[0].Unparen()
	if arr.Is(syntax.KArray) {
		var els []syntax.Node
		for _, el := range arr.NamedChildren() {
			if !el.Is(syntax.KComment) {
				els = append(els, el.Unparen())
			}
		}
		if sameTargetWrites(p, call, els) || readOfWrite(p, call, els) || checkWithDestruction(p, call, els) {
			return true
		}
	}
	return cleanupWhileRunning(p, call, arr)
}

// readOfWrite: Promise.all([pad.setText(t), notify(pad)]) where notify
// awaits a read through pad: the read runs while the write is under way.
func readOfWrite(p *analysis.Pass, all syntax.Node, els []syntax.Node) bool {
	f := p.File
	for _, w := range els {
		if !w.Is(syntax.KCallExpression) {
			continue
		}
		recv := models.Receiver(w).Unparen()
		if !recv.Is(syntax.KIdentifier) || !isMutationCall(p, w, nil) {
			continue
		}
		b := f.Resolve(recv)
		if b == nil || b.ModuleLevel() {
			continue // a service object, not the record being written
		}
		for _, r := range els {
			if r == w || !r.Is(syntax.KCallExpression) {
				continue
			}
			read, rf := readThroughArg(p, r, b)
			if read.IsNil() {
				continue
			}
			wm := models.Method(w)
			msg := fmt.Sprintf("Promise.all runs %s together with %s, which reads %s (%s) while %s is still writing it: the read can see %s before the write, or half of it",
				callText(w), callText(r), recv.Text(), short(firstLine(read.Text())), wm, recv.Text())
			p.Report(all, msg, "Await the write first, then run what reads it: await "+recv.Text()+"."+wm+"(...); await "+callText(r)+".",
				p.At(w, "the write"), analysis.RelatedAt(rf, read, "the read of what the write changes"))
			return true
		}
	}
	return false
}

// readThroughArg returns an awaited read that the project function r
// calls makes through the parameter it receives b in, or no node.
func readThroughArg(p *analysis.Pass, r syntax.Node, b *sem.Binding) (syntax.Node, *sem.File) {
	if p.Project == nil {
		return syntax.Node{}, nil
	}
	idx := -1
	for i, a := range models.Args(r) {
		if a = a.Unparen(); a.Is(syntax.KIdentifier) && p.File.Resolve(a) == b {
			idx = i
		}
	}
	if idx < 0 {
		return syntax.Node{}, nil
	}
	tf, fn := p.Project.ResolveCall(p.File, r)
	if fn == nil || fn.Body.IsNil() {
		return syntax.Node{}, nil
	}
	param := fn.ParamName(idx)
	if param == "" {
		return syntax.Node{}, nil
	}
	var read syntax.Node
	fn.Body.Walk(func(n syntax.Node) bool {
		if !read.IsNil() {
			return false
		}
		if !n.Is(syntax.KAwaitExpression) {
			return true
		}
		c := n.NamedChild(0).Unparen()
		if !c.Is(syntax.KCallExpression) {
			return true
		}
		root := sem.CallRoot(c)
		m := models.Method(c)
		if root.Is(syntax.KIdentifier) && root.Text() == param && models.Verb(m) == models.Read && !models.IsMutation(m) {
			read = c
		}
		return true
	})
	return read, tf
}

// checkWithDestruction: Promise.all([load().catch(e => { throw usage }),
// removeAll(dir)]): the check that should stop the destructive operation
// runs beside it, so a failed check no longer prevents anything.
func checkWithDestruction(p *analysis.Pass, all syntax.Node, els []syntax.Node) bool {
	var check, destroy syntax.Node
	for _, el := range els {
		switch {
		case check.IsNil() && isCheck(el):
			check = el
		case destroy.IsNil() && isDestructive(p, el):
			destroy = el
		}
	}
	if check.IsNil() || destroy.IsNil() {
		return false
	}
	msg := fmt.Sprintf("Promise.all runs the check %s together with %s, which destroys data: when the check fails, the removal has already run or keeps running, so the check protects nothing",
		callText(chainBase(check)), callText(destroy))
	p.Report(all, msg, "Run the check first and start the destructive operation only after it has passed.",
		p.At(check, "the check"), p.At(destroy, "the destructive operation"))
	return true
}

// chainBase returns the call a .then/.catch/.finally chain starts from.
func chainBase(n syntax.Node) syntax.Node {
	_, base := sem.ChainLinks(n)
	return base
}

// isCheck reports an element that exists to fail: its chain ends in a
// .catch whose handler always throws (turning a failure into the
// caller's error).
func isCheck(el syntax.Node) bool {
	links, _ := sem.ChainLinks(el)
	for _, l := range links {
		if m := models.Method(l); m != "catch" {
			continue
		}
		args := models.Args(l)
		if len(args) != 1 || !sem.IsFunction(args[0].Unparen()) {
			continue
		}
		body := args[0].Unparen().Child(syntax.FBody)
		if last := sem.LastNamedChild(body); last.Is(syntax.KThrowStatement) {
			return true
		}
	}
	return false
}

// destroyWords name operations that delete data for good.
var destroyWords = map[string]bool{
	"rimraf": true, "rm": true, "rmdir": true, "unlink": true, "remove": true, "delete": true,
	"destroy": true, "drop": true, "truncate": true, "purge": true, "wipe": true, "erase": true,
}

// isDestructive reports a call that deletes: by its name, or a project
// function that awaits or returns such a call (two levels down).
func isDestructive(p *analysis.Pass, el syntax.Node) bool {
	if !el.Is(syntax.KCallExpression) {
		return false
	}
	return destroys(p, p.File, el, 0)
}

func destroys(p *analysis.Pass, f *sem.File, call syntax.Node, depth int) bool {
	m := models.Method(call)
	if ws := models.Words(m); len(ws) > 0 && (destroyWords[ws[0]] || destroyWords[ws[len(ws)-1]]) {
		return true
	}
	if depth >= 2 {
		return false
	}
	return p.Project.CalleeCalls(f, call, func(tf *sem.File, n syntax.Node) bool {
		return (sem.AwaitedOrReturned(n) || sem.IsFunction(n.Parent())) && destroys(p, tf, n, depth+1)
	})
}

// statementMethods run a statement on a connection.
var statementMethods = map[string]bool{"query": true, "execute": true, "exec": true, "run": true, "raw": true, "none": true}

// cleanupWords name what a failure handler does to a connection.
var cleanupWords = map[string]bool{
	"rollback": true, "release": true, "end": true, "close": true, "destroy": true, "abort": true, "unlock": true,
}

// cleanupWhileRunning: try { await Promise.all(stmts.map(s => conn.query(s))) }
// catch { await conn.rollback() }: Promise.all rejects at the first
// failure, and the handler rolls back or releases the connection while
// the other statements are still queued on it.
func cleanupWhileRunning(p *analysis.Pass, all, arr syntax.Node) bool {
	conn := ""
	var stmt syntax.Node
	collect := func(c syntax.Node) bool {
		c = c.Unparen()
		if c.Is(syntax.KAwaitExpression) {
			c = c.NamedChild(0).Unparen()
		}
		if !c.Is(syntax.KCallExpression) {
			return false
		}
		m := models.Method(c)
		recv := models.Receiver(c).Unparen()
		if !statementMethods[m] || recv.IsNil() || sem.IsPoolName(recv.Text()) {
			return false
		}
		if conn != "" && conn != recv.Text() {
			return false
		}
		conn, stmt = recv.Text(), c
		return true
	}
	switch {
	case arr.Is(syntax.KCallExpression) && sem.IsMapCall(arr):
		cb := models.Args(arr)[len(models.Args(arr))-1].Unparen()
		fn := p.File.FuncOf(cb)
		if fn == nil || len(fn.Returns) != 1 || !collect(fn.Returns[0]) {
			return false
		}
	case arr.Is(syntax.KArray):
		n := 0
		for _, el := range arr.NamedChildren() {
			if el.Is(syntax.KComment) {
				continue
			}
			if !collect(el) {
				return false
			}
			n++
		}
		if n < 2 {
			return false
		}
	default:
		return false
	}
	cleanup := handlerCleanup(all, conn)
	if cleanup.IsNil() {
		return false
	}
	name := conn
	if conn == "this" {
		name = "this object's connection"
	}
	msg := fmt.Sprintf("Promise.all runs several statements on one connection (%s), inside a try whose failure handler calls %s: at the first failure Promise.all rejects and the handler cleans up the connection while the other statements are still queued on it",
		name, callText(cleanup))
	p.Report(all, msg, "Run the statements one after another (for ... of with await), so a failure stops the rest before the handler runs.",
		p.At(stmt, "a statement on "+conn), p.At(cleanup, "the cleanup that assumes they stopped"))
	return true
}

// handlerCleanup returns a call on conn that cleans it up (rollback,
// release, close, or a ROLLBACK statement) in the catch or finally clause
// of a try around n, or no node.
func handlerCleanup(n syntax.Node, conn string) syntax.Node {
	for m := n; ; {
		try, part := sem.TryRegion(m)
		if try.IsNil() {
			return syntax.Node{}
		}
		if part == sem.InTryBlock {
			var found syntax.Node
			for _, clause := range []syntax.Node{try.Child(syntax.FHandler), try.ChildOfKind(syntax.KFinallyClause)} {
				if clause.IsNil() {
					continue
				}
				clause.Walk(func(c syntax.Node) bool {
					if !found.IsNil() {
						return false
					}
					if !c.Is(syntax.KCallExpression) || models.Receiver(c).Unparen().Text() != conn {
						return true
					}
					meth := models.Method(c)
					for _, w := range models.Words(meth) {
						if cleanupWords[w] {
							found = c
						}
					}
					if statementMethods[meth] {
						if a := models.Args(c); len(a) > 0 {
							if s, ok := sem.StringValue(a[0]); ok && len(s) >= 8 && (s[:8] == "ROLLBACK" || s[:8] == "rollback") {
								found = c
							}
						}
					}
					return true
				})
			}
			if !found.IsNil() {
				return found
			}
		}
		m = try
	}
}

// callText names a call for messages: "pad.setText(...)".
func callText(n syntax.Node) string {
	return short(strings.TrimSuffix(calleeName(n), "()")) + "(...)"
}

// sameTargetWrites: Promise.all([pad.setText(""), pad.appendRevision(cs)]):
// two writes to one object whose order matters run at once and may apply
// in either order. A library's client (storage.removeItem(a),
// storage.removeItem(b); a TableClient's createEntity) is no such object:
// it carries each write to its store, where writes of different keys do
// not depend on each other. Two writes of the same key through it do.
func sameTargetWrites(p *analysis.Pass, all syntax.Node, els []syntax.Node) bool {
	seen := map[*sem.Binding][]syntax.Node{}
	for _, w := range els {
		if !w.Is(syntax.KCallExpression) {
			continue
		}
		recv := models.Receiver(w).Unparen()
		if !recv.Is(syntax.KIdentifier) || !isMutationCall(p, w, nil) || txHandled(p.File, w) {
			continue
		}
		b := p.File.Resolve(recv)
		if b == nil || b.ModuleLevel() || b.Kind == sem.BImport {
			continue // a service or client, not the object being written
		}
		var first syntax.Node
		for _, o := range seen[b] {
			if !p.File.LibraryReceiver(w) || sameFirstArg(o, w) {
				first = o
				break
			}
		}
		seen[b] = append(seen[b], w)
		if first.IsNil() {
			continue
		}
		msg := fmt.Sprintf("Promise.all runs %s and %s at once, two writes to %s: they can apply in either order, and the second can start from %s before the first is done",
			callText(first), callText(w), recv.Text(), recv.Text())
		p.Report(all, msg, "Run the writes one after another in the order they must apply: await the first, then start the second.",
			p.At(first, "the first write"), p.At(w, "the second write"))
		return true
	}
	return false
}

// sameFirstArg reports two calls whose first arguments are the same
// expression: the same key.
func sameFirstArg(a, b syntax.Node) bool {
	x, y := models.Args(a), models.Args(b)
	if len(x) == 0 || len(y) == 0 {
		return false
	}
	return strings.Join(strings.Fields(x[0].Text()), "") == strings.Join(strings.Fields(y[0].Text()), "")
}
