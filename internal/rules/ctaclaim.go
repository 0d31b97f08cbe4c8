package rules

import (
	"fmt"
	"strings"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/syntax"
)

// claimFinding is a record read as available, acted on, and consumed by a
// write that does not find out whether this request was the one that
// consumed it.
type claimFinding struct {
	read   *models.Access
	guard  syntax.Node
	effect *models.Access
	state  string // the field moved out of the checked state, or "" for a delete
}

// claims reports write w consuming the record read r: r's value decides,
// through a guard, both w and another write (the effect the record
// grants: a session, a membership, a delivery), and w either deletes the
// record or moves a checked field to another constant, with nothing that
// tells this request it won: no condition in the write whose count is
// checked, no row lock, no lock around both. Two requests both find the
// record available and both produce the effect.
func claims(f *sem.File, fn *sem.Func, acc []models.Access, r *models.Access, vars []sem.ResultVar, w *models.Access) *claimFinding {
	if w.Atomic || w.Op != models.OpDelete && w.Op != models.OpUpdate || unchecked(f, w.Call) == "" {
		return nil
	}
	if _, same := sameRecord(f, r, vars, w); !same {
		return nil
	}
	if w.Op == models.OpDelete && !validated(f, w, vars, r) {
		return nil
	}
	for _, g := range f.Guards(w.Call) {
		if g.Kind == sem.GuardTry || g.Cond.Start() < r.Call.End() {
			continue
		}
		state, ok := claimTest(f, fn, g, vars, r, w)
		if !ok {
			continue
		}
		if e := grantedEffect(f, acc, r, w, g); e != nil && !ctaSafe(f, fn, acc, r, w) && !consumedFirst(f, w, e) {
			return &claimFinding{read: r, guard: g.Cond, effect: e, state: state}
		}
	}
	return nil
}

// claimTest reports whether guard g tests r's value in the way a claim
// does: a test that lets the delete run only when the record was found,
// or, before an update, an (in)equality test of a field with a constant
// that the update's constant for the field would now fail (status checked
// as "pending" and set to "used", or checked as not "running" and set to
// "running").
func claimTest(f *sem.File, fn *sem.Func, g sem.Guard, vars []sem.ResultVar, r, w *models.Access) (string, bool) {
	uses := f.ValueUses(g.Cond, vars, r)
	if w.Op == models.OpDelete {
		return "", len(uses) > 0 && runsOnlyWhenFound(f, g, vars, r)
	}
	fields := writtenFields(f, fn, r, w)
	for _, u := range uses {
		if u.Test != sem.TestValue || u.Const == "" || u.Field == "" || u.Field == "*" {
			continue
		}
		eq := u.Op == "==" || u.Op == "==="
		if !eq && u.Op != "!=" && u.Op != "!==" {
			continue
		}
		holds := truthWhenRun(g, u.Node.Parent())
		if holds == sem.Unknown {
			continue
		}
		for _, wf := range fields {
			c := wf.constant()
			if c == "" || sem.NormName(wf.name) != sem.NormName(u.Field) {
				continue
			}
			// The write moves the field to a value the test would now
			// reject: the state that let this request through is used up.
			if after := (c == u.Const) == eq; after != (holds == sem.True) {
				return u.Field, true
			}
		}
	}
	return "", false
}

// validated reports whether a guard of w tests what r's record holds, not
// just which record it is: an expiry, a state, a stored code compared with
// the one presented. A record that is only found (or found to belong to
// the caller) and then deleted is a plain delete; deleting it twice loses
// nothing.
func validated(f *sem.File, w *models.Access, vars []sem.ResultVar, r *models.Access) bool {
	for _, g := range f.Guards(w.Call) {
		if g.Kind == sem.GuardTry || g.Cond.Start() < r.Call.End() {
			continue
		}
		for _, u := range f.ValueUses(g.Cond, vars, r) {
			if u.Test == sem.TestValue && u.Field != "" && u.Field != "*" && !identityField(u.Field, r) {
				return true
			}
		}
	}
	return false
}

// identityField reports a field that says which record it is or whom it
// belongs to: its id, a reference to another record (ownerId, team_id),
// or a field the read picked it by.
func identityField(name string, r *models.Access) bool {
	return idFields[name] || strings.HasSuffix(name, "Id") || strings.HasSuffix(name, "_id") || whereField(r, name)
}

// runsOnlyWhenFound reports whether what guard g decides runs only when
// r found its record (not a clean-up after the record was found missing).
func runsOnlyWhenFound(f *sem.File, g sem.Guard, vars []sem.ResultVar, r *models.Access) bool {
	v := sem.WhenMissing(g.Cond, f.ExistenceTest(vars, r))
	if v == sem.Unknown {
		return false
	}
	return (v == sem.True) == g.Negated
}

// grantedEffect returns a granting write other than w, to another
// resource than r's, that runs only when guard g lets w run: what the
// claimed record is redeemed for.
func grantedEffect(f *sem.File, acc []models.Access, r, w *models.Access, g sem.Guard) *models.Access {
	for i := range acc {
		e := &acc[i]
		if e == w || e.Call.Start() < g.Cond.End() || !grants(e) {
			continue
		}
		if sem.SameResource(e, r) || e.Kind == models.StoreHelper && e.Resource == "" {
			continue
		}
		if runsWith(f, w, e, g) {
			return e
		}
	}
	return nil
}

// grants reports a write that gives something out each time it runs: a
// new row (a session, a membership, a delivery), an increment, or a
// request to another service. Updates and deletes of other records
// converge when made twice.
func grants(e *models.Access) bool {
	if e.Atomic {
		return false // an upsert, or a request the service applies once (idempotency key)
	}
	switch e.Op {
	case models.OpInsert, models.OpIncr:
		return true
	case models.OpUpdate, models.OpUpsert:
		return e.Kind == models.StoreHTTP
	}
	return false
}

// runsWith reports whether e runs under guard g and under every guard w
// runs under, so that one request makes both writes (not a delete on a
// path that throws before the effect).
func runsWith(f *sem.File, w, e *models.Access, g sem.Guard) bool {
	eg := f.Guards(e.Call)
	has := func(x sem.Guard) bool {
		for _, y := range eg {
			if y.Stmt == x.Stmt && y.Negated == x.Negated {
				return true
			}
		}
		return false
	}
	if !has(g) {
		return false
	}
	for _, x := range f.Guards(w.Call) {
		if !has(x) {
			return false
		}
	}
	return true
}

func reportClaim(p *analysis.Pass, c *claimFinding, w *models.Access) {
	what := "deletes it"
	if c.state != "" {
		what = "moves its " + c.state + " out of the checked state"
	}
	msg := fmt.Sprintf("%s read at line %d is redeemed by the write at line %d, and line %d %s without checking that this request did: two requests can both find it available and both make the write",
		describeRead(c.read, &ctaFinding{read: c.read, field: "*"}), c.read.Call.Line(), c.effect.Call.Line(), w.Call.Line(), what)
	fix := "Consume the record atomically before acting (DELETE ... RETURNING, findOneAndDelete, GETDEL, or a delete/update with the condition in its where whose affected count is checked), or lock the row with SELECT ... FOR UPDATE in a transaction."
	p.Report(w.Call, msg, fix, p.At(c.read.Call, "read here"), p.At(c.guard, "checked here"), p.At(c.effect.Call, "redeemed here"))
}

// consumedFirst reports a claim made by a delete that fails when the
// record is already gone (Prisma delete, unlike deleteMany), not inside a
// try/catch, and run before the effect it grants or in the same
// transaction: of two requests that found the record, the second one's
// delete throws before its effect, or rolls its effect back.
func consumedFirst(f *sem.File, w, effect *models.Access) bool {
	if w.Op != models.OpDelete || !w.ThrowsIfMissing || sem.Caught(w.Call) {
		return false
	}
	if w.Call.End() <= effect.Call.Start() {
		return true
	}
	wt, ok := f.TransactionAt(w.Call)
	et, ok2 := f.TransactionAt(effect.Call)
	return ok && ok2 && wt == et
}

// claimedFirst reports a read and write made only after this request
// claimed the record they concern: before the read, a delete or a
// conditional update whose result an early exit of both tests (const {
// count } = await x.deleteMany({ where: { projectId } }); if (count === 0)
// throw ...), or a delete that throws when the record is gone, keyed by
// the value the read is keyed by. Of two requests for that key, only the
// one whose claim changed a row goes on. The claim's other keys must be
// the read's too, or the fields it shares with the read must make a
// unique key of the claimed model: otherwise two requests could claim two
// records for the same key.
func claimedFirst(f *sem.File, acc []models.Access, r, w *models.Access) bool {
	for i := range acc {
		c := &acc[i]
		if c == r || c == w || c.Call.End() > r.Call.Start() || c.Op != models.OpDelete && !c.ConditionalWrite() {
			continue
		}
		if claimGates(f, c, r, w) && claimKeyed(f, c, r) {
			return true
		}
	}
	return false
}

// claimGates reports whether claim c lets r and w run only when it
// changed a row.
func claimGates(f *sem.File, c, r, w *models.Access) bool {
	if c.Op == models.OpDelete && c.ThrowsIfMissing && !sem.Caught(c.Call) {
		return true
	}
	b := resultBinding(f, c.Call)
	if b == nil {
		return false
	}
	gated := func(n syntax.Node) bool {
		for _, g := range f.Guards(n) {
			if g.Kind == sem.GuardEarlyExit && g.Cond.Start() > c.Call.End() && mentionsBinding(f, g.Cond, b) {
				return true
			}
		}
		return false
	}
	return gated(r.Call) && gated(w.Call)
}

// claimKeyed reports whether claim c is keyed by the value read r is.
func claimKeyed(f *sem.File, c, r *models.Access) bool {
	rk := accessAtoms(f, r)
	var shared []string
	all := true
	for _, fl := range c.Where {
		if !fl.Value.IsNil() && sem.ShareAtom(f.KeyAtoms(fl.Value), rk) {
			shared = append(shared, fl.Name)
		} else {
			all = false
		}
	}
	return len(shared) > 0 && (all || f.Project().Schema().Unique(c.Resource, shared))
}
