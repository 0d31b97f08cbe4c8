package sem

import (
	"strings"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// A find-or-create: a lookup of a record, then an insert of the same
// record on the path where the lookup found nothing. find-or-create-race
// reports the race between two such calls; unguarded-promise-all counts a
// batch of them as idempotent (run again, each lookup finds what the
// first run made).

// CreatesWhenMissing reports whether write w inserts the record read r
// looked up, on the path where r found nothing: same table or model, the
// lookup key among the inserted values, and a guard that lets w run when
// the lookup came back empty. It returns that guard's condition.
func (f *File) CreatesWhenMissing(fn *Func, r, w *models.Access) (syntax.Node, bool) {
	if !SameResource(r, w) || f.idempotencyStore(r) {
		return syntax.Node{}, false
	}
	keys := f.RecordKeys(r)
	if len(keys) == 0 {
		return syntax.Node{}, false
	}
	shared := false
	for _, d := range w.Data {
		if ShareAtom(keys, f.KeyAtoms(d.Value)) {
			shared = true
			break
		}
	}
	if !shared || !f.createsLookedUp(r, w) {
		return syntax.Node{}, false
	}
	vars := f.DerivedVars(fn, f.ReadVars(r))
	isUse := f.ExistenceTest(vars, r)
	var guard syntax.Node
	for _, g := range f.Guards(w.Call) {
		if g.Kind == GuardTry || g.Cond.End() < r.Call.Start() {
			continue
		}
		uses := f.ValueUses(g.Cond, vars, r)
		if len(uses) == 0 {
			continue
		}
		for _, u := range uses {
			if LimitComparison(u.Node.Parent()) {
				return syntax.Node{}, false // a quota (count >= limit): check-then-act's
			}
		}
		v := WhenMissing(g.Cond, isUse)
		want := True
		if g.Negated {
			want = False
		}
		if v != want {
			return syntax.Node{}, false // runs (also) when the record exists
		}
		if guard.IsNil() {
			guard = g.Cond
		}
	}
	if guard.IsNil() {
		guard = f.helperChecksMissing(r, w)
	}
	if guard.IsNil() {
		return syntax.Node{}, false
	}
	if lr, ok := f.LockAt(r.Call); ok {
		if lw, ok := f.LockAt(w.Call); ok && lr == lw {
			return syntax.Node{}, false
		}
	}
	if f.Serializable(w.Call) {
		return syntax.Node{}, false
	}
	return guard, true
}

// CreatedKey returns the lookup's filter fields whose values the create
// writes, one per field name, each named as the create writes it
// (createWrites.field).
func (f *File) CreatedKey(r, w *models.Access) []models.Field {
	c := f.createWritesOf(w)
	var out []models.Field
	seen := map[string]bool{}
	for _, fl := range lookupFilter(r) {
		if fl.Cond || fl.Name == "" || fl.Value.IsNil() || models.ContextField(fl.Name) {
			continue
		}
		name, ok := c.field(fl.Name, f.KeyAtoms(fl.Value))
		if !ok || seen[name] {
			continue
		}
		fl.Name = name
		out = append(out, fl)
		seen[name] = true
	}
	return out
}

// createsLookedUp reports whether the record w creates is one r would
// find: every value that r's filter compares a field with and that
// differs from call to call is among the values w writes. A lookup by
// the caller's id (_id: body.customerId) followed by a create of a new
// record with a generated id makes another record, which the next lookup
// does not find either: that is no race, the code creates every time.
// Fixed values (deletedAt: null, status: "active") may come from the
// database's defaults.
func (f *File) createsLookedUp(r, w *models.Access) bool {
	c := f.createWritesOf(w)
	if len(w.Data) == 0 || c.unknown {
		return true // written values not known
	}
	for _, fl := range lookupFilter(r) {
		if fl.Cond || fl.Value.IsNil() || models.ContextField(fl.Name) || f.ProcessInvariant(fl.Value) {
			continue
		}
		if _, ok := c.field(fl.Name, f.KeyAtoms(fl.Value)); ok {
			continue
		}
		// OR: [{ externalId }, { name }]: one alternative written is enough.
		if v := fl.Value.Unparen(); !v.Is(syntax.KArray) || !f.anyAlternativeWritten(v, c.written) {
			return false
		}
	}
	return true
}

// createWrites holds what a create writes, as key atoms: each named
// field's value, and the objects it spreads ({ ...props } writes whatever
// props holds).
type createWrites struct {
	fields  []writtenField
	written []string // the atoms of every written value
	spread  []string
	unknown bool // a spread of something other than a variable or a member
}

type writtenField struct {
	name  string
	atoms []string
}

func (f *File) createWritesOf(w *models.Access) createWrites {
	var c createWrites
	for _, d := range w.Data {
		atoms := f.KeyAtoms(d.Value)
		c.written = append(c.written, atoms...)
		if d.Name != "" {
			c.fields = append(c.fields, writtenField{d.Name, atoms})
			continue
		}
		if v := d.Value.Unparen(); v.Is(syntax.KIdentifier, syntax.KMemberExpression) {
			c.spread = append(c.spread, atoms...)
		} else {
			c.unknown = true
		}
	}
	return c
}

// field reports whether the create writes a value that the lookup
// compares its field name with (atoms), and under which name: the
// lookup's for the same value or a member of a spread object
// (name: props.name beside { ...props }), the create's when it writes a
// member of the value (tag: hasTag beside tagId: hasTag.id).
func (c createWrites) field(name string, atoms []string) (string, bool) {
	if atomMemberOf(atoms, c.spread) || ShareAtom(atoms, c.written) {
		return name, true
	}
	for _, d := range c.fields {
		if atomMemberOf(d.atoms, atoms) {
			return d.name, true
		}
	}
	return "", false
}

// atomMemberOf reports whether some atom of inner is a member of some atom of
// outer (props.name of props, hasTag.id of hasTag).
func atomMemberOf(inner, outer []string) bool {
	for _, a := range inner {
		for _, o := range outer {
			if o != "" && strings.HasPrefix(a, o+".") {
				return true
			}
		}
	}
	return false
}

// anyAlternativeWritten reports whether some alternative of a filter's
// list compares a field with a value the create writes: one of the
// filters of OR: [{ externalId }, { name }], or one of the values of
// { in: [baseId, spaceId] }.
func (f *File) anyAlternativeWritten(list syntax.Node, written []string) bool {
	for _, el := range list.NamedChildren() {
		if el.Unparen().Is(syntax.KObject) {
			for _, fl := range models.ObjectFields(el) {
				if ShareAtom(f.KeyAtoms(fl.Value), written) {
					return true
				}
			}
			continue
		}
		if ShareAtom(f.KeyAtoms(el), written) {
			return true
		}
	}
	return false
}

// lookupFilter flattens a lookup's filter: its where fields, the fields
// of an object it was given as its key, and the parts of compound keys
// ({ userId_orgId: { userId, orgId } }).
func lookupFilter(r *models.Access) []models.Field {
	where := r.Where
	for _, k := range r.Keys {
		where = append(where, models.ObjectFields(k)...)
	}
	var flat []models.Field
	for _, fl := range where {
		if sub := models.ObjectFields(fl.Value); len(sub) > 0 && !fl.Cond && !equalsOperator(sub) {
			flat = append(flat, sub...)
			continue
		}
		flat = append(flat, fl)
	}
	return flat
}

// equalsOperator reports a filter value that is an equality operator
// ({ equals: x }, { $eq: x }), not a compound key.
func equalsOperator(sub []models.Field) bool {
	return len(sub) == 1 && (sub[0].Name == "equals" || sub[0].Name == "$eq" || sub[0].Name == "eq")
}

// helperChecksMissing returns r's call when it is an awaited helper that
// throws when its lookup finds the record, made before w: w then runs
// only when the lookup came back empty (await assertNameFree(name);
// create({ name })). A helper that throws over a limit is a quota,
// check-then-act's.
func (f *File) helperChecksMissing(r, w *models.Access) syntax.Node {
	tc, ok := f.Project().ThrowCheckAt(f, r.Call, w.Call)
	if !ok {
		return syntax.Node{}
	}
	hv := tc.File.DerivedVars(tc.Func, tc.File.ReadVars(tc.Read))
	for _, u := range tc.File.ValueUses(tc.Cond, hv, tc.Read) {
		if LimitComparison(u.Node.Parent()) {
			return syntax.Node{}
		}
	}
	noThrow := False // the helper must not throw when nothing was found
	if tc.Negated {
		noThrow = True
	}
	if WhenMissing(tc.Cond, tc.File.ExistenceTest(hv, tc.Read)) != noThrow {
		return syntax.Node{}
	}
	return r.Call
}

// ExistenceTest returns a test for the expressions that say whether the read
// found something: the value itself, rows, rows[0], rows.length,
// result.rowCount, a count.
func (f *File) ExistenceTest(vars []ResultVar, r *models.Access) func(syntax.Node) bool {
	return func(n syntax.Node) bool {
		n = n.Unparen()
		if n.Is(syntax.KAwaitExpression) && n.NamedChild(0).Unparen() == r.Call {
			return true
		}
		m := n
		for {
			switch {
			case m.Is(syntax.KMemberExpression):
				p := m.Child(syntax.FProperty).Text()
				if p != "length" && p != "rowCount" && p != "rows" && p != "count" && p != "size" && p != "data" && p != "Item" && p != "Items" && p != "Count" && p != "docs" && p != "totalDocs" {
					return false
				}
				m = m.Child(syntax.FObject).Unparen()
				continue
			case m.Is(syntax.KSubscriptExpression):
				if !m.Child(syntax.FIndex).Unparen().Is(syntax.KNumber) {
					return false
				}
				m = m.Child(syntax.FObject).Unparen()
				continue
			case m.Is(syntax.KAwaitExpression):
				return m.NamedChild(0).Unparen() == r.Call
			case m.Is(syntax.KIdentifier):
				b := f.Resolve(m)
				for _, v := range vars {
					if v.Binding == b {
						for _, s := range v.Path {
							if s != "rows" && s != "data" && s != "Item" && s != "Items" && s != "0" && s != "result" && s != "count" && s != "Count" && s != "docs" {
								return false
							}
						}
						return true
					}
				}
			}
			return false
		}
	}
}

// LimitComparison reports an order comparison with a limit (count >=
// limit), not an existence test in disguise (count > 0, length < 1),
// which is find-or-create-race's.
func LimitComparison(n syntax.Node) bool {
	for n.Is(syntax.KParenthesizedExpression) {
		n = n.Parent()
	}
	if !n.Is(syntax.KBinaryExpression) {
		return false
	}
	switch n.Operator() {
	case "<", "<=", ">", ">=":
	default:
		return false
	}
	for _, side := range []syntax.Node{n.Child(syntax.FLeft), n.Child(syntax.FRight)} {
		if v := side.Unparen(); v.Is(syntax.KNumber) && (v.Text() == "0" || v.Text() == "1") {
			return false
		}
	}
	return true
}

// idempotencyStore reports a lookup of an idempotency key, which
// idempotency-race reports with its own explanation.
func (f *File) idempotencyStore(r *models.Access) bool {
	if strings.Contains(strings.ToLower(r.Resource), "idempot") {
		return true
	}
	for _, k := range append(whereValues(r), r.Keys...) {
		if id := k.Unparen(); id.Is(syntax.KIdentifier) {
			if b := f.Resolve(id); b != nil && strings.Contains(strings.ToLower(b.Init.Text()), "idempot") {
				return true
			}
		}
		if strings.Contains(strings.ToLower(k.Text()), "idempot") {
			return true
		}
	}
	return false
}

func whereValues(a *models.Access) []syntax.Node {
	var out []syntax.Node
	for _, w := range a.Where {
		if !w.Value.IsNil() {
			out = append(out, w.Value)
		}
	}
	return out
}
