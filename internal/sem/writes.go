package sem

import (
	"strings"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// What a write does to the value it replaces: a write that sets given
// values leaves the same when it runs again, one relative to the value
// before (an increment, a price computed from the old price) does not.

// ConstantWrite reports a write that running again leaves the same: an
// object argument (after the first, which picks the records) whose values
// are literals, or that only uses absolute update operators ($set,
// $unset), with no relative one ($inc, $push); or a write given
// { upsert: true }.
func ConstantWrite(call syntax.Node) bool {
	if !call.Is(syntax.KCallExpression) {
		return false
	}
	for i, a := range models.Args(call) {
		a = a.Unparen()
		if !a.Is(syntax.KObject) {
			continue
		}
		if v := models.ObjectProp(a, "upsert"); v.Unparen().Is(syntax.KTrue) {
			return true
		}
		if i >= 1 && constantObject(a, 0) {
			return true
		}
	}
	return false
}

// constantObject reports an object literal whose values are all literals
// (nested objects followed), or an update document made only of absolute
// operators ($set, $unset), with no relative one ($inc, $push).
func constantObject(obj syntax.Node, depth int) bool {
	if depth > 3 {
		return false
	}
	n := 0
	for _, pr := range obj.NamedChildren() {
		if !pr.Is(syntax.KPair) {
			return false
		}
		key := strings.Trim(pr.Child(syntax.FKey).Text(), "\"'")
		if strings.HasPrefix(key, "$") && !models.AbsoluteUpdateOperator(key) {
			return false
		}
		v := pr.Child(syntax.FValue).Unparen()
		switch {
		case depth == 0 && models.AbsoluteUpdateOperator(key) && v.Is(syntax.KObject):
			// { $set: { status, mergedId } }: absolute values, whatever
			// they are; no relative operator beside them.
		case v.Is(syntax.KObject):
			if !constantObject(v, depth+1) {
				return false
			}
		case literalValue(v) == "":
			return false
		}
		n++
	}
	return n > 0
}

// RelativeWrite reports a write whose value depends on the value it
// replaces: an increment, an atomic relative operator, a write named as
// one (incrementViews, chargeCard), or a field set to arithmetic over a
// value read before.
func (f *File) RelativeWrite(call syntax.Node) bool {
	a, ok := f.Classify(call)
	if ok && (a.Relative || a.Op == models.OpIncr) {
		return true
	}
	if !ok {
		m := models.Method(call)
		if w := models.Words(m); len(w) > 0 && models.RelativeVerbs[w[0]] {
			return true
		}
	}
	args := models.Args(call)
	for i, arg := range args {
		if i == 0 && len(args) > 1 {
			continue // what picks the records
		}
		found := false
		arg.Walk(func(n syntax.Node) bool {
			if found || IsFunction(n) {
				return false
			}
			if n.Is(syntax.KPair) && models.RelativeUpdateKey(strings.Trim(n.Child(syntax.FKey).Text(), "\"'")) {
				found = true
			}
			if n.Is(syntax.KBinaryExpression) && arithmeticOnRead(n) {
				found = true
			}
			return true
		})
		if found {
			return true
		}
	}
	return false
}

// arithmeticOnRead reports a + - * / expression over a field of a value
// (it.price * (1 + pct)), not a concatenation of text.
func arithmeticOnRead(n syntax.Node) bool {
	switch n.Child(syntax.FOperator).Text() {
	case "+", "-", "*", "/":
	default:
		return false
	}
	text, member := false, false
	n.Walk(func(c syntax.Node) bool {
		switch {
		case c.Is(syntax.KString, syntax.KTemplateString):
			text = true
		case c.Is(syntax.KMemberExpression):
			member = true
			return false
		case c.Is(syntax.KCallExpression):
			return false
		}
		return true
	})
	return member && !text
}
