package rules

import (
	"fmt"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/sem"
)

// takenFinding is a record found by its state and then moved out of that
// state by a write that does not require it still to be there.
type takenFinding struct {
	read         *models.Access
	field        string
	state, moved string
}

// takenByFilter reports write w taking the record read r found by its
// state: r's filter requires a field to equal a constant (status =
// 'queued'), w picks the same record by what r returned and sets that
// field to another constant, and nothing makes w fail when the record has
// left that state: w's own filter does not require it, and no row lock or
// lock holds both. Two requests that run r at the same time find the same
// record, and both take it. Taking it twice matters when the record was
// picked by its state alone (the next queued job: each taker handles it),
// or when the taker grants something for it (a membership for an
// invitation); moving a record named by its key to a final state twice
// (revoked, deleted) changes nothing more than once.
func takenByFilter(f *sem.File, fn *sem.Func, acc []models.Access, r *models.Access, vars []sem.ResultVar, w *models.Access) *takenFinding {
	if w.Atomic || w.Op != models.OpUpdate || r.Locking {
		return nil
	}
	states := filterStates(r)
	if len(states) == 0 {
		return nil
	}
	for _, fl := range w.Where {
		if _, ok := states[sem.NormName(fl.Name)]; ok {
			return nil // the write requires the state itself
		}
	}
	if _, same := sameRecord(f, r, vars, w); !same {
		return nil
	}
	if !pickedByState(r, states) && !grantsForRecord(f, acc, vars, r, w) {
		return nil
	}
	for _, d := range writtenFields(f, fn, r, w) {
		state, ok := states[sem.NormName(d.name)]
		if c := d.constant(); ok && c != "" && c != state && !ctaSafe(f, fn, acc, r, w) {
			return &takenFinding{read: r, field: d.name, state: state, moved: c}
		}
	}
	return nil
}

// filterStates maps the fields a read's filter requires to equal a
// constant to that constant.
func filterStates(r *models.Access) map[string]string {
	var out map[string]string
	for _, fl := range r.Where {
		if fl.Cond || fl.Name == "" {
			continue
		}
		c := fl.Literal
		if c == "" && !fl.Value.IsNil() {
			c = sem.LiteralValue(fl.Value)
		}
		if c == "" || c == "null" {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		out[sem.NormName(fl.Name)] = c
	}
	return out
}

// pickedByState reports a read whose filter names no record, only states:
// it picks whichever record is in them.
func pickedByState(r *models.Access, states map[string]string) bool {
	for _, fl := range r.Where {
		if _, ok := states[sem.NormName(fl.Name)]; !ok && !fl.Cond {
			return false
		}
	}
	if r.SQL != nil && len(r.Keys) > 0 {
		return false // parameters the columns could not be paired with
	}
	return true
}

// grantsForRecord reports a granting write (an insert, an increment, a
// remote call) to another resource than r's, made after r with arguments
// computed from what r returned: what taking the record gives the taker.
func grantsForRecord(f *sem.File, acc []models.Access, vars []sem.ResultVar, r, w *models.Access) bool {
	for i := range acc {
		x := &acc[i]
		if x == r || x == w || x.Call.Start() < r.Call.End() || !grants(x) || sem.SameResource(x, r) {
			continue
		}
		for _, a := range models.Args(x.Call) {
			if ok, _ := f.Mentions(a, vars); ok {
				return true
			}
		}
	}
	return false
}

func reportTaken(p *analysis.Pass, t *takenFinding, w *models.Access) {
	res := displayName(t.read.Resource)
	if res == "" {
		res = "the"
	}
	msg := fmt.Sprintf("%s record found with %s = %s at line %d is taken at line %d by setting %s to %s, without requiring it to be %s still: two requests find the same record and both take it",
		res, t.field, t.state, t.read.Call.Line(), w.Call.Line(), t.field, t.moved, t.state)
	fix := fmt.Sprintf("Take the record in one statement that requires the state (UPDATE ... SET %s = %s WHERE id = $1 AND %s = %s, then check the affected rows; or UPDATE ... WHERE id = (SELECT id ... FOR UPDATE SKIP LOCKED) RETURNING *), or lock the row with SELECT ... FOR UPDATE in a transaction.",
		t.field, t.moved, t.field, t.state)
	p.Report(w.Call, msg, fix, p.At(t.read.Call, "found here"))
}
