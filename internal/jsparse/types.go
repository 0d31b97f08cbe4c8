package jsparse

import "github.com/racecheck/racecheck/internal/syntax"

// typeAnnotation parses ': T'.
func (p *parser) typeAnnotation(f syntax.Field) int32 {
	n := p.open(syntax.KTypeAnnotation, f)
	p.skip()
	p.typ(syntax.NoField)
	p.close(n)
	return n
}

// returnType parses a return type annotation, which may be a type
// predicate or an assertion.
func (p *parser) returnType(f syntax.Field) int32 {
	s := p.save()
	n := p.open(syntax.KTypeAnnotation, f)
	p.skip()
	if p.is("asserts") {
		if nt := p.peek(); nt.kind == tIdent && !nt.nl {
			p.nodes[n].Kind = kAssertsAnnotation
			a := p.open(kAsserts, syntax.NoField)
			p.token(syntax.NoField)
			if nt2, s2 := p.peekText(); nt2.kind == tIdent && s2 == "is" {
				p.typePredicate()
			} else if p.is("this") {
				p.leaf(syntax.KThis, syntax.NoField)
			} else {
				p.leaf(syntax.KIdentifier, syntax.NoField)
			}
			p.close(a)
			p.close(n)
			return n
		}
	}
	if p.lx.tok.kind == tIdent {
		if nt, s2 := p.peekText(); nt.kind == tIdent && s2 == "is" && !nt.nl {
			p.nodes[n].Kind = kTypePredAnnotation
			p.typePredicate()
			p.close(n)
			return n
		}
	}
	p.restore(s)
	p.returnTypeNext = true
	return p.typeAnnotation(f)
}

// typePredicate parses 'x is T'.
func (p *parser) typePredicate() {
	n := p.open(kTypePredicate, syntax.NoField)
	switch {
	case p.is("this"):
		p.leaf(syntax.KThis, syntax.FName)
	case predefinedTypes[p.tok()]:
		// A parameter named like a predefined type keeps the keyword
		// token inside the identifier.
		id := p.open(syntax.KIdentifier, syntax.FName)
		p.token(syntax.NoField)
		p.close(id)
	default:
		p.leaf(syntax.KIdentifier, syntax.FName)
	}
	p.token(syntax.NoField)
	p.typ(syntax.FType)
	p.close(n)
}

// typ parses a type, conditional types included.
func (p *parser) typ(f syntax.Field) int32 {
	p.enter()
	defer p.leave()
	p.flush()
	flowArrow := p.flowTypes() && !p.returnTypeNext
	p.returnTypeNext = false
	if fn, ok := p.functionType(f); ok {
		return fn
	}
	t := p.unionType()
	p.setField(t, f)
	if flowArrow && p.isPunct("=>") {
		// A Flow function type of one unnamed parameter (string => void);
		// not in a return type, where => begins an arrow function's body.
		n := p.wrap(t, kFunctionType)
		p.flowError("a Flow function type with an unnamed parameter is not TypeScript")
		p.fnReturn()
		p.close(n)
		return n
	}
	if p.is("extends") && !p.lx.tok.nl && !p.noConditional {
		n := p.wrap(t, kConditionalType)
		p.setField(n+1, syntax.FLeft)
		p.token(syntax.NoField)
		nc := p.noConditional
		p.noConditional = true
		p.typ(syntax.FRight)
		p.noConditional = nc
		if !p.isPunct("?") {
			p.fail("expected ?")
		}
		p.token(syntax.NoField)
		p.typ(syntax.FConsequence)
		p.expect(":")
		p.typ(syntax.FAlternative)
		p.close(n)
		return n
	}
	return t
}

// functionType parses a function or constructor type when one starts here.
func (p *parser) functionType(f syntax.Field) (int32, bool) {
	switch {
	case p.isPunct("<"):
		n := p.open(kFunctionType, f)
		p.typeParameters(syntax.FTypeParameters)
		p.formalParameters()
		p.expect("=>")
		p.fnReturn()
		p.close(n)
		return n, true
	case p.isPunct("("):
		var n int32
		ok := p.try(func() {
			n = p.open(kFunctionType, f)
			p.formalParameters()
			if !p.isPunct("=>") {
				p.fail("")
			}
		})
		if !ok && p.flowTypes() {
			ok = p.try(func() {
				n = p.open(kFunctionType, f)
				p.flowParameters()
				if !p.isPunct("=>") {
					p.fail("")
				}
			})
		}
		if !ok {
			return 0, false
		}
		p.skip()
		p.fnReturn()
		p.close(n)
		return n, true
	}
	return 0, false
}

// flowParameters parses the parameters of a Flow function type, which
// may be types without names ((?Node, number) => void), as one error node
// (their types change nothing that runs).
func (p *parser) flowParameters() {
	e := p.open(syntax.KError, syntax.NoField)
	p.report("a Flow function type with unnamed parameters is not TypeScript")
	p.token(syntax.NoField) // (
	for !p.isPunct(")") {
		p.eat("...")
		p.typ(syntax.NoField)
		if p.isPunct("?") && p.peekIs(":") { // name?: T
			p.token(syntax.NoField)
		}
		if p.eat(":") { // name: T
			p.typ(syntax.NoField)
		}
		if !p.eat(",") {
			break
		}
	}
	p.expect(")")
	p.nodes[e].Flags = syntax.FlagsFor(true, false, true)
	p.close(e)
}

// fnReturn parses a function type's return type (a type or a predicate).
func (p *parser) fnReturn() {
	if p.is("asserts") {
		if nt := p.peek(); nt.kind == tIdent && !nt.nl {
			a := p.open(kAsserts, fReturnType)
			p.token(syntax.NoField)
			if nt2, s2 := p.peekText(); nt2.kind == tIdent && s2 == "is" {
				p.typePredicate()
			} else {
				p.leaf(syntax.KIdentifier, syntax.NoField)
			}
			p.close(a)
			return
		}
	}
	if p.lx.tok.kind == tIdent {
		if nt, s := p.peekText(); nt.kind == tIdent && s == "is" && !nt.nl {
			s := int32(len(p.nodes))
			p.typePredicate()
			p.setField(s, fReturnType)
			return
		}
	}
	defer p.wholeType()() // () => T extends U ? X : Y
	p.typ(fReturnType)
}

// wholeType lets a conditional type be read where a type stands on its
// own (a return type, inside parentheses, braces or brackets) also within
// the extends clause of another conditional type, where it is not allowed
// otherwise; the function it returns restores the setting.
func (p *parser) wholeType() func() {
	nc := p.noConditional
	p.noConditional = false
	return func() { p.noConditional = nc }
}

// peekIsWord reports whether the next token is the identifier s.
func (p *parser) peekIsWord(s string) bool {
	nt, t := p.peekText()
	return nt.kind == tIdent && t == s
}

// unionType parses T | U, left-nested; a leading '|' is allowed.
func (p *parser) unionType() int32 {
	if p.isPunct("|") {
		n := p.open(syntax.KUnionType, syntax.NoField)
		p.token(syntax.NoField)
		p.intersectionType()
		p.close(n)
		return p.unionRest(n)
	}
	return p.unionRest(p.intersectionType())
}

func (p *parser) unionRest(t int32) int32 {
	for p.isPunct("|") && !(p.flowTypes() && p.peekIs("}")) { // |} closes a Flow exact object type
		n := p.wrap(t, syntax.KUnionType)
		p.token(syntax.NoField)
		if fn, ok := p.functionType(syntax.NoField); ok {
			_ = fn
		} else {
			p.intersectionType()
		}
		p.close(n)
		t = n
	}
	return t
}

func (p *parser) intersectionType() int32 {
	var t int32
	if p.isPunct("&") {
		t = p.open(kIntersectionType, syntax.NoField)
		p.token(syntax.NoField)
		p.postfixType()
		p.close(t)
	} else {
		t = p.postfixType()
	}
	for p.isPunct("&") {
		n := p.wrap(t, kIntersectionType)
		p.token(syntax.NoField)
		if _, ok := p.functionType(syntax.NoField); !ok {
			p.postfixType()
		}
		p.close(n)
		t = n
	}
	return t
}

// postfixType parses a type operator (keyof, typeof, readonly, infer,
// unique) or a primary type with array and lookup suffixes.
func (p *parser) postfixType() int32 {
	if p.lx.tok.kind == tIdent && !p.lx.tok.escaped {
		switch p.tok() {
		case "keyof":
			if !p.typeWordIsName() {
				n := p.open(kIndexTypeQuery, syntax.NoField)
				p.token(syntax.NoField)
				p.postfixType()
				p.close(n)
				return n
			}
		case "readonly":
			if !p.typeWordIsName() {
				n := p.open(kReadonlyType, syntax.NoField)
				p.token(syntax.NoField)
				p.typ(syntax.NoField)
				p.close(n)
				return n
			}
		case "infer":
			if !p.typeWordIsName() {
				n := p.open(kInferType, syntax.NoField)
				p.token(syntax.NoField)
				p.leaf(syntax.KTypeIdentifier, syntax.NoField)
				if p.is("extends") {
					s := p.save()
					ok := p.try(func() {
						p.token(syntax.NoField)
						nc := p.noConditional
						p.noConditional = true
						p.typ(syntax.NoField)
						p.noConditional = nc
						// Before ?, extends begins a conditional type unless
						// one is not allowed here (T extends infer U extends
						// C ? X : Y: C is U's constraint).
						if p.isPunct("?") && !nc {
							p.fail("")
						}
					})
					if !ok {
						p.restore(s)
					}
				}
				p.close(n)
				return n
			}
		case "unique":
			if p.peekIsWord("symbol") {
				n := p.open(syntax.KPredefinedType, syntax.NoField)
				p.tokenAs("unique symbol", syntax.NoField)
				p.tokenAs("unique symbol", syntax.NoField)
				p.close(n)
				return n
			}
		}
	}
	var t int32
	if p.is("new") || p.is("abstract") && p.peekIsWord("new") {
		t = p.constructorType()
	} else {
		t = p.primaryType()
	}
	for !p.lx.tok.nl && p.isPunct("[") {
		if p.peekIs("]") {
			n := p.wrap(t, kArrayType)
			p.skip()
			p.skip()
			p.close(n)
			t = n
			continue
		}
		n := p.wrap(t, kLookupType)
		p.skip()
		p.typ(syntax.NoField)
		p.expect("]")
		p.close(n)
		t = n
	}
	return t
}

// typeWordIsName reports whether a type operator word is used as a type
// name (`keyof` followed by something that cannot start a type).
func (p *parser) typeWordIsName() bool {
	nt, s := p.peekText()
	if nt.kind == tPunct {
		switch s {
		case "(", "[", "{", "<", "-", "|", "&":
			return false
		}
		return true
	}
	return nt.kind == tEOF
}

var predefinedTypes = map[string]bool{
	"any": true, "number": true, "boolean": true, "string": true, "symbol": true, "void": true, "unknown": true,
	"never": true, "object": true,
}

// primaryType parses a type without operators.
func (p *parser) primaryType() int32 {
	if p.is("?") {
		// A Flow maybe type (?string): no TypeScript type, so an error,
		// kept inside the type (where it changes nothing that runs), and
		// the type after it is read on.
		p.flowError("a Flow maybe type (?T) is not TypeScript")
		if fn, ok := p.functionType(syntax.NoField); ok { // ?(err: Error) => void
			return fn
		}
		return p.primaryType()
	}
	t := p.lx.tok
	switch t.kind {
	case tIdent:
		s := p.tok()
		switch {
		case predefinedTypes[s] && !p.peekIs("."):
			n := p.open(syntax.KPredefinedType, syntax.NoField)
			p.token(syntax.NoField)
			p.close(n)
			return n
		case s == "this":
			return p.leaf(kThisType, syntax.NoField)
		case s == "null" || s == "undefined" || s == "true" || s == "false":
			n := p.open(kLiteralType, syntax.NoField)
			k := map[string]syntax.Kind{"null": syntax.KNull, "undefined": syntax.KUndefined, "true": syntax.KTrue, "false": syntax.KFalse}[s]
			p.leaf(k, syntax.NoField)
			p.close(n)
			return n
		case s == "typeof":
			n := p.open(kTypeQuery, syntax.NoField)
			p.token(syntax.NoField)
			e := p.typeQueryTarget()
			_ = e
			p.close(n)
			return n
		case s == "import" && p.peekIs("("):
			return p.importType()
		}
		return p.typeReference()
	case tString:
		n := p.open(kLiteralType, syntax.NoField)
		p.stringLit(syntax.NoField)
		p.close(n)
		return n
	case tNumber:
		n := p.open(kLiteralType, syntax.NoField)
		p.leaf(syntax.KNumber, syntax.NoField)
		p.close(n)
		return n
	case tTemplate:
		return p.templateType()
	case tPunct:
		switch p.tok() {
		case "-":
			n := p.open(kLiteralType, syntax.NoField)
			u := p.open(syntax.KUnaryExpression, syntax.NoField)
			p.token(syntax.FOperator)
			p.leaf(syntax.KNumber, syntax.FArgument)
			p.close(u)
			p.close(n)
			return n
		case "{":
			return p.objectType(kObjectType)
		case "[":
			return p.tupleType()
		case "(":
			n := p.open(kParenthesizedType, syntax.NoField)
			p.skip()
			restore := p.wholeType()
			p.typ(syntax.NoField)
			restore()
			p.expect(")")
			p.close(n)
			return n
		case "*":
			return p.leaf(kExistentialType, syntax.NoField)
		}
	}
	p.fail("expected a type")
	return -1
}

// typeReference parses a (qualified) type name with type arguments.
func (p *parser) typeReference() int32 {
	if p.lx.tok.kind != tIdent {
		p.fail("expected a type")
	}
	var t int32
	if p.peekIs(".") {
		// A qualified name: nested_type_identifier(module, name). After
		// 'as' or 'satisfies' a bare name of three or more parts leaves its
		// last part to a member expression: x as A.B.C is (x as A.B).C.
		parts, followed := p.qualifiedParts()
		if p.asType && p.lx.tok.start == p.asTypeAt && parts >= 3 && !followed {
			parts--
		}
		n := p.open(syntax.KNestedTypeIdentifier, syntax.NoField)
		m := p.leaf(syntax.KIdentifier, syntax.FModule)
		p.skip()
		for k := 2; k < parts; k++ {
			if p.nodes[m].Kind == kNestedID {
				p.nodes[m].Kind = syntax.KMemberExpression
			}
			w := p.wrap(m, kNestedID)
			p.setField(m+1, syntax.FObject)
			p.leaf(syntax.KPropertyIdentifier, syntax.FProperty)
			p.close(w)
			p.skip()
		}
		if p.lx.tok.kind != tIdent {
			p.fail("expected a type name")
		}
		p.leaf(syntax.KTypeIdentifier, syntax.FName)
		p.close(n)
		t = n
	} else {
		t = p.leaf(syntax.KTypeIdentifier, syntax.NoField)
	}
	if p.isPunct("<") && !p.lx.tok.nl {
		g := p.wrap(t, syntax.KGenericType)
		p.setField(g+1, syntax.FName)
		p.typeArguments(syntax.FTypeArguments)
		p.close(g)
		return g
	}
	return t
}

// typeQueryTarget parses what follows 'typeof' in a type.
func (p *parser) typeQueryTarget() int32 {
	if p.is("import") && p.exprTypeArgs && !p.lenient {
		p.strictRejected = true
		p.fail("typeof import in type arguments")
	}
	if p.is("import") {
		n := p.open(syntax.KImport, syntax.NoField)
		p.token(syntax.NoField)
		p.close(n)
		c := p.wrap(n, syntax.KCallExpression)
		p.setField(c+1, syntax.FFunction)
		p.arguments()
		p.close(c)
		return p.typeQueryTail(c)
	}
	var e int32
	if p.is("this") {
		e = p.leaf(syntax.KThis, syntax.NoField)
	} else {
		e = p.leaf(syntax.KIdentifier, syntax.NoField)
	}
	return p.typeQueryTail(e)
}

func (p *parser) typeQueryTail(e int32) int32 {
	for p.isPunct(".") {
		m := p.wrap(e, syntax.KMemberExpression)
		p.setField(m+1, syntax.FObject)
		p.skip()
		p.propertyName()
		p.close(m)
		e = m
	}
	if p.isPunct("<") && !p.lx.tok.nl {
		m := p.wrap(e, syntax.KInstantiationExpression)
		p.setField(m+1, syntax.FFunction)
		p.typeArguments(syntax.FTypeArguments)
		p.close(m)
		e = m
	}
	return e
}

// importType parses import("m").T<U>, which the grammar predates: it is
// read as a member expression on an import call, with type arguments.
func (p *parser) importType() int32 {
	n := p.open(syntax.KImport, syntax.NoField)
	p.token(syntax.NoField)
	p.close(n)
	c := p.wrap(n, syntax.KCallExpression)
	p.setField(c+1, syntax.FFunction)
	p.arguments()
	p.close(c)
	e := c
	for p.isPunct(".") {
		m := p.wrap(e, syntax.KMemberExpression)
		p.setField(m+1, syntax.FObject)
		p.skip()
		p.propertyName()
		p.close(m)
		e = m
	}
	if p.isPunct("<") {
		g := p.wrap(e, syntax.KGenericType)
		p.setField(g+1, syntax.FName)
		p.typeArguments(syntax.FTypeArguments)
		p.close(g)
		e = g
	}
	return e
}

// typeArguments parses <T, U>.
func (p *parser) typeArguments(f syntax.Field) int32 {
	defer p.wholeType()()
	n := p.open(syntax.KTypeArguments, f)
	p.token(syntax.NoField)
	for !p.isPunct(">") {
		p.typ(syntax.NoField)
		if !p.eat(",") {
			break
		}
	}
	if !p.isPunct(">") {
		p.fail("expected >")
	}
	p.token(syntax.NoField)
	p.close(n)
	return n
}

// typeParameters parses <T extends U = V, ...>.
func (p *parser) typeParameters(f syntax.Field) int32 {
	n := p.open(syntax.KTypeParameters, f)
	p.token(syntax.NoField)
	for !p.isPunct(">") {
		tp := p.open(kTypeParameter, syntax.NoField)
		for p.is("const") || p.is("in") || p.is("out") {
			if nt := p.peek(); nt.kind != tIdent {
				break
			}
			p.token(syntax.NoField)
		}
		p.leaf(syntax.KTypeIdentifier, syntax.FName)
		if p.flowTypes() && p.isPunct(":") {
			// A Flow bound (<T: Base>): the constraint TypeScript writes
			// with extends.
			c := p.open(kConstraint, syntax.FConstraint)
			p.flowError("a Flow type parameter bound (<T: B>) is not TypeScript")
			p.typ(syntax.NoField)
			p.close(c)
		} else if p.is("extends") {
			c := p.open(kConstraint, syntax.FConstraint)
			p.token(syntax.NoField)
			p.typ(syntax.NoField)
			p.close(c)
		}
		if p.isPunct("=") {
			d := p.open(kDefaultType, syntax.FValue)
			p.token(syntax.NoField)
			p.typ(syntax.NoField)
			p.close(d)
		}
		p.close(tp)
		if !p.eat(",") {
			break
		}
	}
	if !p.isPunct(">") {
		p.fail("expected >")
	}
	p.token(syntax.NoField)
	p.close(n)
	return n
}

// tupleType parses [A, b?: B, ...C].
func (p *parser) tupleType() int32 {
	defer p.wholeType()()
	n := p.open(kTupleType, syntax.NoField)
	p.skip()
	for !p.isPunct("]") {
		switch {
		case p.isPunct("...") && p.namedTupleAhead(true):
			m := p.open(syntax.KRequiredParameter, syntax.NoField)
			r := p.open(kRestPattern, syntax.FName)
			p.token(syntax.NoField)
			p.leaf(syntax.KIdentifier, syntax.NoField)
			p.close(r)
			p.typeAnnotation(syntax.FType)
			p.close(m)
		case p.isPunct("..."):
			r := p.open(kRestType, syntax.NoField)
			p.token(syntax.NoField)
			p.typ(syntax.NoField)
			p.close(r)
		case p.lx.tok.kind == tIdent && p.namedTupleAhead(false):
			m := p.open(syntax.KRequiredParameter, syntax.NoField)
			p.leaf(syntax.KIdentifier, syntax.FName)
			if p.isPunct("?") {
				p.nodes[m].Kind = syntax.KOptionalParameter
				p.token(syntax.NoField)
			}
			p.typeAnnotation(syntax.FType)
			p.close(m)
		default:
			t := p.typ(syntax.NoField)
			if p.isPunct("?") {
				o := p.wrap(t, kOptionalType)
				p.token(syntax.NoField)
				p.close(o)
			}
		}
		if !p.eat(",") {
			break
		}
	}
	p.expect("]")
	p.close(n)
	return n
}

// namedTupleAhead reports a named tuple member (name: T or name?: T).
func (p *parser) namedTupleAhead(rest bool) bool {
	lx := p.lx
	if rest {
		lx.next()
	}
	if lx.tok.kind != tIdent {
		return false
	}
	lx.next()
	s := p.src[lx.tok.start:lx.tok.end]
	if s == "?" {
		lx.next()
		s = p.src[lx.tok.start:lx.tok.end]
	}
	return lx.tok.kind == tPunct && s == ":"
}

// templateType parses a template literal type.
func (p *parser) templateType() int32 {
	return p.templateOf(kTemplateLiteralType, kTemplateType, syntax.NoField, func() { p.typ(syntax.NoField) })
}

// objectType parses an object type or interface body: property, method,
// call, construct and index signatures separated by ',' or ';'.
func (p *parser) objectType(k syntax.Kind) int32 {
	defer p.wholeType()()
	n := p.open(k, syntax.NoField)
	p.expect("{")
	// A Flow exact object type ({| id: string |}), read only where a
	// JavaScript statement is read again as annotated code: its bars are
	// errors kept inside the type, which changes nothing that runs.
	if p.flowTypes() && p.isPunct("||") && p.peekIs("}") { // {||}: empty and exact
		p.flowError("a Flow exact object type ({| |}) is not TypeScript")
		p.expect("}")
		p.close(n)
		return n
	}
	exact := p.flowTypes() && p.isPunct("|")
	if exact {
		p.flowError("a Flow exact object type ({| |}) is not TypeScript")
	}
	closing := func() bool { return p.isPunct("}") || exact && p.isPunct("|") && p.peekIs("}") }
	for !closing() {
		if p.lx.tok.kind == tEOF {
			p.fail("expected }")
		}
		if p.eat(";") || p.eat(",") {
			continue
		}
		p.typeMember()
		if !closing() && !p.isPunct(";") && !p.isPunct(",") && !p.lx.tok.nl {
			p.fail("expected ;")
		}
	}
	if exact {
		p.flowError("a Flow exact object type ({| |}) is not TypeScript")
	}
	p.expect("}")
	p.close(n)
	return n
}

// typeMember parses one member of an object type.
func (p *parser) typeMember() {
	if p.flowTypes() && p.isPunct("...") {
		// A Flow object type spread (...$Exact<Base>): the spread is an
		// error kept inside the type, and the type after it is read on.
		p.flowError("a Flow object type spread is not TypeScript")
		p.typ(syntax.NoField)
		return
	}
	switch {
	case p.isPunct("(") || p.isPunct("<"):
		n := p.open(kCallSignature, syntax.NoField)
		p.signature()
		p.close(n)
		return
	case p.is("new") && (p.peekIs("(") || p.peekIs("<")):
		n := p.open(kConstructSignature, syntax.NoField)
		p.token(syntax.NoField)
		if p.isPunct("<") {
			p.typeParameters(syntax.FTypeParameters)
		}
		p.formalParameters()
		if p.isPunct(":") {
			p.typeAnnotation(syntax.FType)
		}
		p.close(n)
		return
	}
	m := p.open(kPropertySignature, syntax.NoField)
	if p.isPunct("-") || p.isPunct("+") {
		p.token(fSign)
	}
	for (p.is("readonly") || p.is("get") || p.is("set")) && !p.peekIs("(") && !p.peekIs("<") && !p.peekIs(":") && !p.peekIs("?") && !p.peekIs(";") && !p.peekIs(",") && !p.peekIs("}") {
		p.token(syntax.NoField)
	}
	if p.isPunct("[") && p.indexSignatureAhead() {
		p.nodes[m].Kind = kIndexSignature
		p.indexSignatureRest(m)
		p.close(m)
		return
	}
	p.propertyKey(syntax.FName)
	if p.isPunct("?") {
		p.token(syntax.NoField)
	}
	if p.isPunct("(") || p.isPunct("<") {
		p.nodes[m].Kind = syntax.KMethodSignature
		p.signature()
		p.close(m)
		return
	}
	if p.isPunct(":") {
		p.typeAnnotation(syntax.FType)
	}
	p.close(m)
}

// indexSignatureAhead reports whether '[' starts an index signature or a
// mapped type clause rather than a computed property name.
func (p *parser) indexSignatureAhead() bool {
	lx := p.lx
	lx.next()
	if lx.tok.kind != tIdent {
		return false
	}
	lx.next()
	s := p.src[lx.tok.start:lx.tok.end]
	return lx.tok.kind == tPunct && s == ":" || lx.tok.kind == tIdent && s == "in"
}

// indexSignatureRest parses [k: T]: U or a mapped type clause [K in T as U]
// with its type.
func (p *parser) indexSignatureRest(m int32) {
	p.skip() // [
	if nt, s := p.peekText(); nt.kind == tIdent && s == "in" {
		c := p.open(kMappedTypeClause, syntax.NoField)
		p.leaf(syntax.KTypeIdentifier, syntax.FName)
		p.token(syntax.NoField)
		p.typ(syntax.FType)
		if p.is("as") {
			p.token(syntax.NoField)
			p.typ(syntax.FAlias)
		}
		p.close(c)
		p.expect("]")
		switch {
		case p.isPunct("-") || p.isPunct("+"):
			// -?: and +?:
			start := p.lx.tok.start
			k := kOmittingTypeAnn
			text := "-?:"
			if p.isPunct("+") {
				k, text = kAddingTypeAnn, "+?:"
			}
			a := p.open(k, syntax.FType)
			p.advance()
			if !p.isPunct("?") {
				p.fail("expected ?")
			}
			p.advance()
			if !p.isPunct(":") {
				p.fail("expected :")
			}
			p.addLeaf(tokenKind(text), syntax.NoField, false, start, p.lx.tok.end)
			p.advance()
			p.typ(syntax.NoField)
			p.close(a)
		case p.isPunct("?"):
			start := p.lx.tok.start
			a := p.open(kOptingTypeAnn, syntax.FType)
			p.advance()
			if !p.isPunct(":") {
				p.fail("expected :")
			}
			p.addLeaf(tokenKind("?:"), syntax.NoField, false, start, p.lx.tok.end)
			p.advance()
			p.typ(syntax.NoField)
			p.close(a)
		case p.isPunct(":"):
			p.typeAnnotation(syntax.FType)
		}
		return
	}
	p.leaf(syntax.KIdentifier, syntax.FName)
	p.expect(":")
	p.typ(syntax.FIndexType)
	p.expect("]")
	if p.isPunct(":") {
		p.typeAnnotation(syntax.FType)
	}
}

// typeAssertion parses <T>expr (TypeScript without JSX), or a generic
// arrow function.
func (p *parser) typeAssertion() int32 {
	if a, ok := p.parenArrow(syntax.NoField, false); ok {
		return a
	}
	n := p.open(syntax.KTypeAssertion, syntax.NoField)
	p.typeArguments(syntax.NoField)
	p.unary()
	p.close(n)
	return n
}

// constructorType parses [abstract] new (...) => T, whose return type is a
// postfix type: new () => A | B is a union.
func (p *parser) constructorType() int32 {
	n := p.open(kConstructorType, syntax.NoField)
	if p.is("abstract") {
		p.token(syntax.NoField)
	}
	p.token(syntax.NoField)
	if p.isPunct("<") {
		p.typeParameters(syntax.FTypeParameters)
	}
	p.formalParameters()
	p.expect("=>")
	t := p.postfixType()
	p.setField(t, syntax.FType)
	p.close(n)
	return n
}

// qualifiedParts counts the parts of the dotted name at the current token
// and reports whether '[' or '<' follows it (such a name is never split
// after 'as').
func (p *parser) qualifiedParts() (int, bool) {
	lx := p.lx
	parts := 1
	for {
		lx.next()
		if lx.tok.kind != tPunct || p.src[lx.tok.start:lx.tok.end] != "." {
			break
		}
		lx.next()
		if lx.tok.kind != tIdent {
			break
		}
		parts++
	}
	if lx.tok.kind == tPunct && !lx.tok.nl {
		if s := p.src[lx.tok.start:lx.tok.end]; s == "[" || s == "<" {
			return parts, true
		}
	}
	return parts, false
}

// flowTypes reports whether Flow's type syntax is read: in a JavaScript
// file, on a statement read again as annotated code after the JavaScript
// grammar failed on it (a Flow-typed file).
func (p *parser) flowTypes() bool { return p.lenient && p.lang == JavaScript }

// flowError reports msg and keeps the current token, a piece of Flow's
// type syntax, as an error node inside the type. A statement read again
// as annotated code drops the error when it parses.
func (p *parser) flowError(msg string) {
	p.report(msg)
	n := p.open(syntax.KError, syntax.NoField)
	p.token(syntax.NoField)
	p.nodes[n].Flags = syntax.FlagsFor(true, false, true)
	p.close(n)
}
