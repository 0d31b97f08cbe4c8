package jsparse

import "github.com/racecheck/racecheck/internal/syntax"

// expressions parses an expression or a comma sequence, giving the result
// field f.
func (p *parser) expressions(f syntax.Field) int32 {
	e := p.assign(f)
	if p.isPunct(",") {
		s := p.wrap(e, syntax.KSequenceExpression)
		for p.eat(",") {
			p.assign(syntax.NoField)
		}
		p.close(s)
		return s
	}
	return e
}

var assignOps = map[string]bool{
	"+=": true, "-=": true, "*=": true, "/=": true, "%=": true, "**=": true, "<<=": true, ">>=": true,
	">>>=": true, "&=": true, "|=": true, "^=": true, "&&=": true, "||=": true, "??=": true,
}

// assign parses an assignment expression (including arrow functions and
// yield) and gives it field f.
func (p *parser) assign(f syntax.Field) int32 {
	p.enter()
	defer p.leave()
	if p.noBang {
		p.noBang = false
		defer func() { p.noBang = true }()
	}
	p.flush()
	if a, ok := p.maybeArrow(f); ok {
		return a
	}
	if p.is("yield") && p.inGen {
		return p.yieldExpr(f)
	}
	left := p.conditional()
	p.setField(left, f)
	if p.isPunct("=") {
		p.toPattern(left, false)
		n := p.wrap(left, syntax.KAssignmentExpression)
		p.setField(n+1, syntax.FLeft)
		p.token(syntax.NoField)
		p.assign(syntax.FRight)
		p.close(n)
		return n
	}
	if op, l := p.joinedOp(); assignOps[op] {
		n := p.wrap(left, syntax.KAugmentedAssignmentExpression)
		p.setField(n+1, syntax.FLeft)
		p.opToken(op, l)
		p.assign(syntax.FRight)
		p.close(n)
		return n
	}
	return left
}

// joinedOp returns the operator at the current token, joining the single
// '>' tokens the lexer produces into '>>', '>=', '>>>=' and so on, and its
// length in bytes.
func (p *parser) joinedOp() (string, uint32) {
	t := &p.lx.tok
	if t.kind != tPunct {
		if t.kind == tIdent && !t.escaped {
			return p.tok(), t.end - t.start
		}
		return "", 0
	}
	if p.src[t.start] != '>' {
		return p.tok(), t.end - t.start
	}
	rest := p.src[t.start:]
	for _, op := range [...]string{">>>=", ">>>", ">>=", ">>", ">="} {
		if len(rest) >= len(op) && rest[:len(op)] == op {
			return op, uint32(len(op))
		}
	}
	return ">", 1
}

// opToken emits the operator of length l at the current token with field
// operator and consumes it.
func (p *parser) opToken(op string, l uint32) {
	p.flush()
	start := p.lx.tok.start
	p.addLeaf(tokenKind(op), syntax.FOperator, false, start, start+l)
	p.lx.pos = start + l
	p.lx.tok.end = start + l
	p.advance()
}

func (p *parser) yieldExpr(f syntax.Field) int32 {
	n := p.open(syntax.KYieldExpression, f)
	p.token(syntax.NoField)
	if p.isPunct("*") {
		p.token(syntax.NoField)
		p.assign(syntax.NoField)
	} else if !p.lx.tok.nl && !p.exprEnds() {
		p.assign(syntax.NoField)
	}
	p.close(n)
	return n
}

// exprEnds reports whether the current token cannot start an expression.
func (p *parser) exprEnds() bool {
	t := &p.lx.tok
	if t.kind == tEOF {
		return true
	}
	if t.kind != tPunct {
		return t.kind == tIdent && !t.escaped && (p.tok() == "in" || p.tok() == "of" || p.tok() == "as" || p.tok() == "satisfies" || p.tok() == "instanceof")
	}
	switch p.tok() {
	case ")", "]", "}", ",", ";", ":", "=", "?", "=>", "==", "===", "!=", "!==", ">", "||", "&&", "??", "|", "&", "^", "*", "%", "?.", ".":
		return true
	}
	return false
}

// conditional parses a ternary expression or a binary one.
func (p *parser) conditional() int32 {
	c := p.binary(0)
	if p.isPunct("?") {
		n := p.wrap(c, syntax.KTernaryExpression)
		p.setField(n+1, syntax.FCondition)
		p.token(syntax.NoField)
		noIn := p.noIn
		p.noIn = false
		p.assign(syntax.FConsequence)
		p.noIn = noIn
		p.expect(":")
		p.assign(syntax.FAlternative)
		p.close(n)
		return n
	}
	return c
}

// binaryPrec is the precedence of a binary operator, 0 for none.
func (p *parser) binaryPrec(op string) int {
	switch op {
	case "??":
		return 1
	case "||":
		return 2
	case "&&":
		return 3
	case "|":
		return 4
	case "^":
		return 5
	case "&":
		return 6
	case "==", "!=", "===", "!==":
		return 7
	case "<", ">", "<=", ">=", "instanceof":
		return 8
	case "in":
		if p.noIn {
			return 0
		}
		return 8
	case "as", "satisfies":
		if p.ts && !p.lx.tok.nl {
			return 1
		}
		return 0
	case "<<", ">>", ">>>":
		return 9
	case "+", "-":
		return 10
	case "*", "/", "%":
		return 11
	case "**":
		return 12
	}
	return 0
}

// binary parses binary operators above minPrec by precedence climbing.
func (p *parser) binary(minPrec int) int32 {
	left := p.unary()
	for {
		if p.lx.tok.kind == tIdent && p.lx.tok.escaped {
			return left
		}
		op, l := p.joinedOp()
		prec := p.binaryPrec(op)
		if prec == 0 || prec <= minPrec {
			return left
		}
		if op == "as" || op == "satisfies" {
			left = p.asExpression(left)
			continue
		}
		n := p.wrap(left, syntax.KBinaryExpression)
		p.setField(n+1, syntax.FLeft)
		p.opToken(op, l)
		next := prec
		if op == "**" {
			next = prec - 1
		}
		nb := p.noBang
		p.noBang = p.ts
		r := p.binary(next)
		p.noBang = nb
		p.setField(r, syntax.FRight)
		p.close(n)
		left = n
		if p.ts && !nb && p.isPunct("!") && !p.lx.tok.nl {
			// The TypeScript grammars apply a non-null assertion after a
			// binary expression's right operand to the whole expression.
			left = p.callTail(n, true)
		}
	}
}

// unary parses prefix operators.
func (p *parser) unary() int32 {
	p.enter()
	defer p.leave()
	t := &p.lx.tok
	if t.kind == tPunct {
		switch p.tok() {
		case "!", "~", "-", "+":
			return p.unaryOp(syntax.KUnaryExpression)
		case "++", "--":
			n := p.open(syntax.KUpdateExpression, syntax.NoField)
			p.token(syntax.FOperator)
			a := p.unary()
			p.setField(a, syntax.FArgument)
			p.close(n)
			return n
		case "<":
			if p.ts && !p.jsx {
				return p.typeAssertion()
			}
		}
	} else if t.kind == tIdent && !t.escaped {
		switch p.tok() {
		case "typeof", "void", "delete":
			return p.unaryOp(syntax.KUnaryExpression)
		case "await":
			if p.awaitStarts() {
				return p.awaitExpr()
			}
		}
	}
	return p.postfix()
}

// awaitStarts reports whether 'await' at the current token is an operator
// rather than an identifier.
func (p *parser) awaitStarts() bool {
	nt, s := p.peekText()
	switch nt.kind {
	case tEOF:
		return false
	case tPunct:
		switch s {
		case ")", "]", "}", ",", ";", ":", "=", "?", "=>", ".", "?.", "==", "===", "!=", "!==", "||", "&&", "??", "*", "%", "|", "&", "^", ">", "<=", ">=", "+=", "-=":
			return false
		}
	case tIdent:
		switch s {
		case "in", "of", "instanceof", "as":
			return false
		}
	}
	return true
}

// unaryOp parses a prefix operator and its operand. In the TypeScript
// grammars a non-null assertion after the operand applies to the prefix
// expression. A generic call in the operand's chain stays in the operand
// (!isValid<T>(x).ok negates the call's result), where the grammars would
// apply it to the prefix expression; package parse repairs their tree the
// same way.
func (p *parser) unaryOp(k syntax.Kind) int32 {
	n := p.open(k, syntax.NoField)
	p.token(syntax.FOperator)
	if !p.ts {
		a := p.unary()
		p.setField(a, syntax.FArgument)
		p.close(n)
		return n
	}
	a := p.operandTS(true)
	p.setField(a, syntax.FArgument)
	p.close(n)
	if p.isPunct("!") && !p.lx.tok.nl && !p.noBang {
		r := p.callTail(n, true)
		return r
	}
	return n
}

// operandTS parses a prefix operator's operand in the TypeScript grammars.
// With stopBang the operand ends before a non-null assertion, which then
// applies to the outermost prefix expression.
func (p *parser) operandTS(stopBang bool) int32 {
	if p.prefixOperatorAhead() {
		nb := p.noBang
		p.noBang = stopBang
		e := p.unary()
		p.noBang = nb
		return e
	}
	var e int32
	if p.is("new") {
		e = p.newExpr()
	} else {
		e = p.primary()
	}
	nb := p.noBang
	p.noBang = stopBang
	e = p.callTail(e, true)
	p.noBang = nb
	if (p.isPunct("++") || p.isPunct("--")) && !p.lx.tok.nl {
		u := p.wrap(e, syntax.KUpdateExpression)
		p.setField(u+1, syntax.FArgument)
		p.token(syntax.FOperator)
		p.close(u)
		e = u
	}
	return e
}

// awaitExpr parses an await expression. In the TypeScript grammars the
// operand of await extends over 'as' and 'satisfies'. A generic call in the
// operand's chain stays in the operand (await get<T>(url).then(f) awaits
// the whole chain), where the grammars would apply it to the await
// expression; package parse repairs their tree the same way.
func (p *parser) awaitExpr() int32 {
	n := p.open(syntax.KAwaitExpression, syntax.NoField)
	p.token(syntax.NoField)
	if !p.ts || p.prefixOperatorAhead() {
		p.unary()
		p.close(n)
		return n
	}
	e := p.operandTS(false)
	for (p.is("as") || p.is("satisfies")) && !p.lx.tok.nl {
		e = p.asExpression(e)
	}
	p.close(n)
	return n
}

// prefixOperatorAhead reports whether the current token is a prefix
// operator.
func (p *parser) prefixOperatorAhead() bool {
	t := &p.lx.tok
	if t.kind == tPunct {
		switch p.tok() {
		case "!", "~", "-", "+", "++", "--", "<":
			return true
		}
	}
	if t.kind == tIdent && !t.escaped {
		switch p.tok() {
		case "typeof", "void", "delete", "await":
			return true
		}
	}
	return false
}

// asExpression wraps e in an as or satisfies expression.
func (p *parser) asExpression(e int32) int32 {
	k := syntax.KAsExpression
	if p.is("satisfies") {
		k = syntax.KSatisfiesExpression
	}
	n := p.wrap(e, k)
	as := p.is("as")
	p.token(syntax.NoField)
	if as && p.is("const") {
		p.token(syntax.NoField)
	} else {
		p.asTypeAt = p.lx.tok.start
		p.asType = !p.keepsQualifiedType(n)
		p.typ(syntax.NoField)
		p.asType = false
	}
	p.close(n)
	if p.isPunct(".") {
		// x as A.B.C reads as (x as A.B).C.
		r := p.callTail(n, true)
		return r
	}
	return n
}

// postfix parses a left-hand side followed by '++' or '--'.
func (p *parser) postfix() int32 {
	e := p.lhs()
	if (p.isPunct("++") || p.isPunct("--")) && !p.lx.tok.nl {
		n := p.wrap(e, syntax.KUpdateExpression)
		p.setField(n+1, syntax.FArgument)
		p.token(syntax.FOperator)
		p.close(n)
		return n
	}
	return e
}

// lhs parses a primary expression followed by member accesses, calls,
// subscripts, tagged templates and non-null assertions.
func (p *parser) lhs() int32 {
	var e int32
	if p.is("new") {
		e = p.newExpr()
	} else {
		e = p.primary()
	}
	e = p.callTail(e, true)
	return e
}

// callTail parses what follows a primary expression; calls are allowed
// unless this is a 'new' callee.
func (p *parser) callTail(e int32, calls bool) int32 {
	for {
		t := &p.lx.tok
		switch t.kind {
		case tTemplate:
			if !calls {
				return e
			}
			n := p.wrap(e, syntax.KCallExpression)
			p.setField(n+1, syntax.FFunction)
			p.template(syntax.FArguments)
			p.close(n)
			e = n
			continue
		case tPunct:
		default:
			return e
		}
		switch p.tok() {
		case ".":
			n := p.wrap(e, syntax.KMemberExpression)
			p.setField(n+1, syntax.FObject)
			p.skip()
			p.propertyName()
			p.close(n)
			e = n
		case "?.":
			if !calls {
				return e
			}
			nt, s := p.peekText()
			switch {
			case nt.kind == tPunct && s == "(":
				n := p.wrap(e, syntax.KCallExpression)
				p.setField(n+1, syntax.FFunction)
				if p.ts {
					p.token(syntax.NoField)
				} else {
					p.optionalChain()
				}
				p.arguments()
				p.close(n)
				e = n
			case nt.kind == tPunct && s == "[":
				n := p.wrap(e, syntax.KSubscriptExpression)
				p.setField(n+1, syntax.FObject)
				p.optionalChain()
				p.skip()
				p.expressions(syntax.FIndex)
				p.expect("]")
				p.close(n)
				e = n
			case nt.kind == tPunct && s == "<" && p.ts:
				n := p.wrap(e, syntax.KCallExpression)
				p.setField(n+1, syntax.FFunction)
				p.optionalChain()
				p.typeArguments(syntax.FTypeArguments)
				p.arguments()
				p.close(n)
				e = n
			default:
				n := p.wrap(e, syntax.KMemberExpression)
				p.setField(n+1, syntax.FObject)
				p.optionalChain()
				p.propertyName()
				p.close(n)
				e = n
			}
		case "[":
			n := p.wrap(e, syntax.KSubscriptExpression)
			p.setField(n+1, syntax.FObject)
			p.skip()
			p.expressions(syntax.FIndex)
			p.expect("]")
			p.close(n)
			e = n
		case "(":
			if !calls {
				return e
			}
			n := p.wrap(e, syntax.KCallExpression)
			p.setField(n+1, syntax.FFunction)
			p.arguments()
			p.close(n)
			e = n
		case "!":
			if !p.ts || t.nl || p.noBang {
				return e
			}
			if nt, s := p.peekText(); nt.kind == tPunct && s == "=" && nt.start == t.end {
				return e
			}
			n := p.wrap(e, syntax.KNonNullExpression)
			p.token(syntax.NoField)
			p.close(n)
			e = n
		case "<":
			if !p.ts {
				return e
			}
			if n, ok := p.genericCall(e, calls); ok {
				e = n
				continue
			}
			return e
		default:
			return e
		}
	}
}

// instantiationEnds reports whether the token after type arguments ends an
// instantiation expression such as styled(Select<number>).
func (p *parser) instantiationEnds() bool {
	t := &p.lx.tok
	if t.kind == tEOF || t.nl {
		return true
	}
	if t.kind == tIdent && p.ts {
		s := p.tok()
		return s == "as" || s == "satisfies" // f<T> as never
	}
	if t.kind != tPunct {
		return false
	}
	switch p.tok() {
	case ")", "]", "}", ",", ";", "=", ".", "?.":
		return true
	}
	return false
}

// genericCallAhead reports whether type arguments and a call's arguments
// follow.
func (p *parser) genericCallAhead() bool {
	if p.failed[memoKey(memoGeneric, p.lx.tok.start)] {
		return false
	}
	ok := false
	p.try(func() {
		p.exprTypeArgs = true
		p.typeArguments(syntax.NoField)
		p.exprTypeArgs = false
		ok = p.isPunct("(") || p.lx.tok.kind == tTemplate
		p.fail("")
	})
	return ok
}

// genericCall parses `f<T>(args)` (or an instantiation expression) when
// the '<' starts type arguments.
func (p *parser) genericCall(e int32, calls bool) (int32, bool) {
	// The type arguments are parsed speculatively after e, then e is
	// wrapped: wrap moves them under the new node.
	kind := syntax.KCallExpression
	key := memoKey(memoGeneric, p.lx.tok.start)
	if p.failed[key] {
		return 0, false
	}
	ok := p.try(func() {
		p.exprTypeArgs = true
		p.typeArguments(syntax.FTypeArguments)
		p.exprTypeArgs = false
		switch {
		case calls && (p.isPunct("(") || p.lx.tok.kind == tTemplate):
		case !calls && p.isPunct("("):
			kind = syntax.KInstantiationExpression
		case p.instantiationEnds():
			kind = syntax.KInstantiationExpression
		default:
			p.fail("")
		}
	})
	if !ok {
		p.remember(key)
		return 0, false
	}
	n := p.wrap(e, kind)
	if kind == syntax.KCallExpression {
		p.setField(n+1, syntax.FFunction)
	}
	if kind == syntax.KCallExpression {
		if p.isPunct("(") {
			p.arguments()
		} else {
			p.template(syntax.FArguments)
		}
	}
	p.close(n)
	return n, true
}

// propertyName parses the name after '.': any identifier name, or a private
// name.
func (p *parser) propertyName() {
	switch p.lx.tok.kind {
	case tIdent:
		p.leaf(syntax.KPropertyIdentifier, syntax.FProperty)
	case tPrivate:
		p.leaf(kPrivateProp, syntax.FProperty)
	default:
		p.fail("expected a property name")
	}
}

// spread parses a spread element, ...expr, at the current '...'.
func (p *parser) spread() {
	s := p.open(syntax.KSpreadElement, syntax.NoField)
	p.token(syntax.NoField)
	p.assign(syntax.NoField)
	p.close(s)
}

// arguments parses a call's argument list.
func (p *parser) arguments() {
	n := p.open(syntax.KArguments, syntax.FArguments)
	p.expect("(")
	for !p.isPunct(")") {
		if p.isPunct("...") {
			p.spread()
		} else {
			p.assign(syntax.NoField)
		}
		if !p.eat(",") {
			break
		}
	}
	p.expect(")")
	p.close(n)
}

// newExpr parses 'new' with its callee and arguments, or new.target.
func (p *parser) newExpr() int32 {
	if nt, s := p.peekText(); nt.kind == tPunct && s == "." {
		n := p.open(kMetaProperty, syntax.NoField)
		p.token(syntax.NoField)
		p.skip()
		p.tokenAs("target", syntax.NoField)
		p.close(n)
		return n
	}
	n := p.open(syntax.KNewExpression, syntax.NoField)
	p.token(syntax.NoField)
	var c int32
	if p.is("new") {
		c = p.newExpr()
	} else {
		c = p.primary()
	}
	c = p.callTail(c, false)
	if p.nodes[c].Kind == syntax.KInstantiationExpression {
		// new A<T>(): the type arguments belong to the new expression.
		p.unwrapInstantiation(c)
	}
	p.setField(c, syntax.FConstructor)
	if p.isPunct("(") {
		p.arguments()
	}
	p.close(n)
	return n
}

// unwrapInstantiation removes the instantiation node c (keeping its
// children under c's parent): `new A<T>()` has the constructor and the type
// arguments as children of the new expression.
func (p *parser) unwrapInstantiation(c int32) {
	parent := p.nodes[c].Parent
	copy(p.nodes[c:], p.nodes[c+1:])
	p.nodes = p.nodes[:len(p.nodes)-1]
	for j := int(c); j < len(p.nodes); j++ {
		switch q := p.nodes[j].Parent; {
		case q == c:
			p.nodes[j].Parent = parent
		case q > c:
			p.nodes[j].Parent = q - 1
		}
	}
}

// primary parses a primary expression.
func (p *parser) primary() int32 {
	t := p.lx.tok
	switch t.kind {
	case tIdent:
		if t.escaped {
			return p.leaf(syntax.KIdentifier, syntax.NoField)
		}
		switch p.tok() {
		case "function":
			return p.function(false, syntax.NoField)
		case "async":
			if nt, s := p.peekText(); s == "function" && !nt.nl {
				return p.function(false, syntax.NoField)
			}
		case "class":
			return p.classExpr()
		case "this":
			return p.leaf(syntax.KThis, syntax.NoField)
		case "super":
			return p.leaf(syntax.KSuper, syntax.NoField)
		case "null":
			return p.leaf(syntax.KNull, syntax.NoField)
		case "true":
			return p.leaf(syntax.KTrue, syntax.NoField)
		case "false":
			return p.leaf(syntax.KFalse, syntax.NoField)
		case "undefined":
			return p.leaf(syntax.KUndefined, syntax.NoField)
		case "import":
			n := p.open(syntax.KImport, syntax.NoField)
			p.token(syntax.NoField)
			p.close(n)
			return n
		}
		return p.leaf(syntax.KIdentifier, syntax.NoField)
	case tNumber:
		return p.leaf(syntax.KNumber, syntax.NoField)
	case tString:
		return p.stringLit(syntax.NoField)
	case tTemplate:
		return p.template(syntax.NoField)
	case tPrivate:
		return p.leaf(kPrivateProp, syntax.NoField)
	case tPunct:
		switch p.tok() {
		case "(":
			return p.parenthesized()
		case "[":
			return p.array()
		case "{":
			return p.object()
		case "/", "/=":
			return p.regex()
		case "<":
			if p.jsx {
				return p.jsxElement(syntax.NoField)
			}
		case "@":
			return p.classExpr()
		}
	}
	p.fail("expected an expression")
	return -1
}

// parenthesized parses a parenthesized expression.
func (p *parser) parenthesized() int32 {
	n := p.open(syntax.KParenthesizedExpression, syntax.NoField)
	p.skip()
	noIn := p.noIn
	p.noIn = false
	p.expressions(syntax.NoField)
	p.noIn = noIn
	if p.ts && p.isPunct(":") {
		p.typeAnnotation(syntax.FType)
	}
	p.expect(")")
	p.close(n)
	return n
}

// array parses an array literal.
func (p *parser) array() int32 {
	n := p.open(syntax.KArray, syntax.NoField)
	p.skip()
	for !p.isPunct("]") {
		if p.eat(",") {
			continue
		}
		if p.isPunct("...") {
			p.spread()
		} else {
			p.assign(syntax.NoField)
		}
		if !p.isPunct("]") {
			p.expect(",")
		}
	}
	p.expect("]")
	p.close(n)
	return n
}

// regex rescans the current '/' or '/=' token as a regular expression.
func (p *parser) regex() int32 {
	src := p.src
	start := p.lx.tok.start
	i := start + 1
	inClass := false
	for int(i) < len(src) {
		c := src[i]
		if c == '\\' {
			i += 2
			continue
		}
		if c == '\n' {
			p.fail("unterminated regular expression")
		}
		if c == '[' {
			inClass = true
		} else if c == ']' {
			inClass = false
		} else if c == '/' && !inClass {
			break
		}
		i++
	}
	if int(i) >= len(src) {
		p.fail("unterminated regular expression")
	}
	p.flush()
	n := p.openAt(syntax.KRegex, syntax.NoField, start)
	p.addLeaf(tokenKind("/"), syntax.NoField, false, start, start+1)
	if i > start+1 {
		p.addLeaf(kRegexPattern, fPattern, true, start+1, i)
	}
	p.addLeaf(tokenKind("/"), syntax.NoField, false, i, i+1)
	e := i + 1
	for int(e) < len(src) && (src[e] >= 'a' && src[e] <= 'z' || src[e] >= 'A' && src[e] <= 'Z') {
		e++
	}
	if e > i+1 {
		p.addLeaf(kRegexFlags, fFlags, true, i+1, e)
	}
	p.lx.pos = e
	p.lx.tok.end = e
	p.advance()
	p.closeAt(n, e)
	return n
}

// stringLit parses a string literal into fragments and escape sequences.
func (p *parser) stringLit(f syntax.Field) int32 {
	p.flush()
	t := p.lx.tok
	n := p.openAt(syntax.KString, f, t.start)
	end := t.end
	inner := end - 1
	if end-t.start < 2 || p.src[end-1] != p.src[t.start] {
		inner = end
	}
	p.stringParts(t.start+1, inner, false)
	p.advance()
	p.closeAt(n, end)
	return n
}

// stringParts emits the fragments and escape sequences of src[from:to].
// In JSX attribute strings, character references are emitted instead of
// escapes.
func (p *parser) stringParts(from, to uint32, jsx bool) {
	src := p.src
	frag := from
	for i := from; i < to; {
		c := src[i]
		if c == '\\' && !jsx {
			if i > frag {
				p.addLeaf(kStringFragment, syntax.NoField, true, frag, i)
			}
			e := escapeEnd(src, i, to)
			p.addLeaf(kEscape, syntax.NoField, true, i, e)
			i, frag = e, e
			continue
		}
		if c == '&' && jsx {
			if e := charRefEnd(src, i, to); e > i {
				if i > frag {
					p.addLeaf(kStringFragment, syntax.NoField, true, frag, i)
				}
				p.addLeaf(kHTMLCharRef, syntax.NoField, true, i, e)
				i, frag = e, e
				continue
			}
		}
		i++
	}
	if to > frag {
		p.addLeaf(kStringFragment, syntax.NoField, true, frag, to)
	}
}

// escapeEnd returns the end of the escape sequence at i.
func escapeEnd(src string, i, to uint32) uint32 {
	e := i + 1
	if e >= to {
		return to
	}
	c := src[e]
	switch {
	case c == 'u':
		if e+1 < to && src[e+1] == '{' {
			j := e + 2
			for j < to && isHex(src[j]) {
				j++
			}
			if j < to && src[j] == '}' {
				j++
			}
			return j
		}
		j := e + 1
		for j < to && j < e+5 && isHex(src[j]) {
			j++
		}
		return j
	case c == 'x':
		j := e + 1
		for j < to && j < e+3 && isHex(src[j]) {
			j++
		}
		return j
	case c >= '0' && c <= '7':
		j := e + 1
		for j < to && j < e+3 && src[j] >= '0' && src[j] <= '7' {
			j++
		}
		return j
	case c == '\r':
		if e+1 < to && src[e+1] == '\n' {
			return e + 2
		}
		return e + 1
	case c >= 0x80:
		_, size := decodeRune(src[e:])
		return e + uint32(size)
	}
	return e + 1
}

// charRefEnd returns the end of the HTML character reference at i, or i.
func charRefEnd(src string, i, to uint32) uint32 {
	j := i + 1
	if j < to && src[j] == '#' {
		j++
		if j < to && (src[j] == 'x' || src[j] == 'X') {
			j++
		}
	}
	k := j
	for k < to && k-j < 32 && (src[k] >= 'a' && src[k] <= 'z' || src[k] >= 'A' && src[k] <= 'Z' || src[k] >= '0' && src[k] <= '9') {
		k++
	}
	if k == j || k >= to || src[k] != ';' {
		return i
	}
	return k + 1
}

// template parses a template literal starting at the current backquote.
func (p *parser) template(f syntax.Field) int32 {
	return p.templateOf(syntax.KTemplateString, syntax.KTemplateSubstitution, f, func() { p.expressions(syntax.NoField) })
}

// templateOf parses a template starting at the current backquote as a node
// of kind k: its text as string fragments and escapes, and each ${...} as
// a node of kind sub holding what inner parses (expressions in a template
// literal, a type in a template literal type).
func (p *parser) templateOf(k, sub syntax.Kind, f syntax.Field, inner func()) int32 {
	p.flush()
	src := p.src
	start := p.lx.tok.start
	n := p.openAt(k, f, start)
	i := start + 1
	frag := i
	for {
		if int(i) >= len(src) {
			p.fail("unterminated template")
		}
		c := src[i]
		switch {
		case c == '`':
			if i > frag {
				p.addLeaf(kStringFragment, syntax.NoField, true, frag, i)
			}
			p.lx.pos = i + 1
			p.lx.tok.end = i + 1
			p.flushed = i + 1
			p.advance()
			p.closeAt(n, i+1)
			return n
		case c == '\\':
			if i > frag {
				p.addLeaf(kStringFragment, syntax.NoField, true, frag, i)
			}
			e := escapeEnd(src, i, uint32(len(src)))
			p.addLeaf(kEscape, syntax.NoField, true, i, e)
			i, frag = e, e
		case c == '$' && int(i)+1 < len(src) && src[i+1] == '{':
			if i > frag {
				p.addLeaf(kStringFragment, syntax.NoField, true, frag, i)
			}
			s := p.openAt(sub, syntax.NoField, i)
			p.lx.pos = i + 2
			p.lx.tok.end = i + 2
			p.flushed = i + 2
			p.advance()
			inner()
			if !p.isPunct("}") {
				p.fail("expected }")
			}
			p.flush()
			i = p.lx.tok.end
			p.lastEnd = i
			p.closeAt(s, i)
			frag = i
		default:
			i++
		}
	}
}

// optionalChain emits '?.': a leaf in JavaScript, a node holding the token
// in the TypeScript grammars.
func (p *parser) optionalChain() {
	if !p.ts {
		p.leaf(syntax.KOptionalChain, syntax.FOptionalChain)
		return
	}
	n := p.open(syntax.KOptionalChain, syntax.FOptionalChain)
	p.token(syntax.NoField)
	p.close(n)
}

// keepsQualifiedType reports whether the as or satisfies expression n keeps
// a qualified type name whole (x as A.B.C) rather than reading it as
// (x as A.B).C, as the grammar's ambiguity resolution does: directly in
// parentheses, as an array's first element, or as the value of an object's
// first pair.
func (p *parser) keepsQualifiedType(n int32) bool {
	par := p.nodes[n].Parent
	if par < 0 {
		return false
	}
	first := func(list int32, kind syntax.Kind, before int32) bool {
		for j := list + 1; j < before; j++ {
			c := &p.nodes[j]
			if c.Parent == list && c.IsNamed() && c.Kind != kComment && (kind == syntax.KNone || c.Kind == kind) {
				return false
			}
		}
		return true
	}
	switch p.nodes[par].Kind {
	case syntax.KParenthesizedExpression:
		return true
	case syntax.KArray:
		return first(par, syntax.KNone, n)
	case syntax.KPair:
		obj := p.nodes[par].Parent
		return obj >= 0 && first(obj, syntax.KPair, par)
	}
	return false
}

// isHex reports a hexadecimal digit.
func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
