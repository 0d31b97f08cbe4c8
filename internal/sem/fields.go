package sem

import (
	"strings"

	"github.com/racecheck/racecheck/internal/syntax"
)

// FieldHolds reports whether the class field `name` of the class whose body
// is classBody holds a value of interest, as racecheck can tell without a
// type checker: a field declaration whose type satisfies typ or whose
// initialiser satisfies value, a constructor parameter property
// (constructor(private redis: Redis)) whose type satisfies typ, or an
// assignment this.name = <value> anywhere in the class. typ receives the
// type annotation node and value the assigned expression; either may be nil.
func FieldHolds(classBody syntax.Node, name string, typ, value func(syntax.Node) bool) bool {
	if classBody.IsNil() {
		return false
	}
	okType := func(t syntax.Node) bool { return typ != nil && !t.IsNil() && typ(t) }
	okValue := func(v syntax.Node) bool { return value != nil && !v.IsNil() && value(v) }
	name = strings.TrimPrefix(name, "#")
	is := func(n syntax.Node) bool { return strings.TrimPrefix(n.Text(), "#") == name }
	found := false
	classBody.Walk(func(n syntax.Node) bool {
		if found {
			return false
		}
		switch {
		case n.Is(syntax.KPublicFieldDefinition, syntax.KFieldDefinition):
			if is(n.Child(syntax.FName)) && (okType(n.Child(syntax.FType)) || okValue(n.Child(syntax.FValue))) {
				found = true
			}
		case n.Is(syntax.KRequiredParameter, syntax.KOptionalParameter):
			if is(n.Child(syntax.FPattern)) && okType(n.Child(syntax.FType)) {
				found = true
			}
		case n.Is(syntax.KAssignmentExpression):
			l := n.Child(syntax.FLeft).Unparen()
			if l.Is(syntax.KMemberExpression) && l.Child(syntax.FObject).Unparen().Is(syntax.KThis) &&
				is(l.Child(syntax.FProperty)) && okValue(n.Child(syntax.FRight)) {
				found = true
			}
		}
		return !found
	})
	return found
}
