package sem

import (
	"strconv"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// EndsInFailure reports a statement or block whose last statement fails
// the operation: it throws, or it answers the request with an error
// status (return res.status(409).json(...), reply.code(400).send(),
// ctx.throw(409), reply.code(400).send(); return;, return NextResponse.json(body, { status: 409 }),
// return c.json(body, 409), return new Response(body, { status: 409 }),
// void reply.conflict(), return Boom.conflict()).
func EndsInFailure(s syntax.Node) bool {
	s = FinalStatement(s)
	switch {
	case s.IsNil():
		return false
	case s.Is(syntax.KThrowStatement):
		return true
	case s.Is(syntax.KReturnStatement, syntax.KExpressionStatement):
		e := s.NamedChild(0)
		return !e.IsNil() && errorResponse(e.Unparen())
	}
	return false
}

// FinalStatement returns the statement a block or else clause ends with,
// through nested blocks, and before a bare return that follows it
// (reply.code(400).send(); return;).
func FinalStatement(s syntax.Node) syntax.Node {
	for {
		switch {
		case s.Is(syntax.KStatementBlock):
			var prev, last syntax.Node
			for c := s.FirstChild(); !c.IsNil(); c = c.NextSibling() {
				if c.Named() && !c.Is(syntax.KComment) {
					prev, last = last, c
				}
			}
			if last.Is(syntax.KReturnStatement) && last.NamedChild(0).IsNil() {
				last = prev
			}
			s = last
		case s.Is(syntax.KElseClause):
			s = s.NamedChild(0)
		default:
			return s
		}
	}
}

// errorResponse reports an expression that builds or sends a response
// with a 4xx or 5xx status: a call in its chain given such a status, as a
// number or as { status }, or a framework's error reply named for one
// (models.ErrorReplyMethods).
func errorResponse(e syntax.Node) bool {
	if e.Is(syntax.KUnaryExpression) && e.Operator() == "void" {
		e = e.Child(syntax.FArgument).Unparen()
	}
	if e.Is(syntax.KAwaitExpression) {
		e = e.NamedChild(0).Unparen()
	}
	for e.Is(syntax.KCallExpression, syntax.KNewExpression) {
		for _, a := range models.Args(e) {
			a = a.Unparen()
			if a.Is(syntax.KObject) {
				a = models.ObjectProp(a, "status").Unparen()
			}
			if errorStatus(a) {
				return true
			}
		}
		if e.Is(syntax.KNewExpression) {
			return false
		}
		fn := e.Child(syntax.FFunction).Unparen()
		if !fn.Is(syntax.KMemberExpression) {
			return false
		}
		if models.ErrorReplyMethods[fn.Child(syntax.FProperty).Text()] {
			return true
		}
		e = fn.Child(syntax.FObject).Unparen()
	}
	return false
}

// errorStatus reports a numeric literal between 400 and 599.
func errorStatus(n syntax.Node) bool {
	if !n.Is(syntax.KNumber) {
		return false
	}
	v, err := strconv.Atoi(n.Text())
	return err == nil && v >= 400 && v < 600
}
