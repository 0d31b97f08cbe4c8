package jsparse

import "github.com/racecheck/racecheck/internal/syntax"

// function parses a function declaration or expression (async and
// generator forms included). In TypeScript a declaration without a body is
// a function_signature.
func (p *parser) function(decl bool, f syntax.Field) int32 {
	n := p.open(syntax.KFunctionExpression, f)
	async := false
	if p.is("async") {
		p.token(syntax.NoField)
		async = true
	}
	p.token(syntax.NoField) // function
	gen := false
	if p.isPunct("*") {
		p.token(syntax.NoField)
		gen = true
	}
	switch {
	case decl && gen:
		p.nodes[n].Kind = syntax.KGeneratorFunctionDeclaration
	case decl:
		p.nodes[n].Kind = syntax.KFunctionDeclaration
	case gen:
		p.nodes[n].Kind = syntax.KGeneratorFunction
	}
	if p.lx.tok.kind == tIdent && !p.isPunct("(") {
		p.leaf(syntax.KIdentifier, syntax.FName)
	} else if decl {
		p.fail("expected a function name")
	}
	p.signature()
	if p.ts && decl && !p.isPunct("{") {
		p.nodes[n].Kind = syntax.KFunctionSignature
		p.semicolon(false)
		p.close(n)
		return n
	}
	p.body(async, gen)
	p.close(n)
	return n
}

// signature parses type parameters, parameters and a return type.
func (p *parser) signature() {
	if p.ts && p.isPunct("<") {
		p.typeParameters(syntax.FTypeParameters)
	}
	p.formalParameters()
	if p.ts && p.isPunct(":") {
		p.returnType(fReturnType)
	}
}

// body parses a function body with the given async and generator context.
func (p *parser) body(async, gen bool) {
	oa, og := p.inAsync, p.inGen
	p.inAsync, p.inGen = async, gen
	p.block(syntax.FBody)
	p.inAsync, p.inGen = oa, og
}

// formalParameters parses a parameter list.
func (p *parser) formalParameters() {
	n := p.open(syntax.KFormalParameters, syntax.FParameters)
	p.expect("(")
	for !p.isPunct(")") {
		p.parameter()
		if !p.eat(",") {
			break
		}
	}
	p.expect(")")
	p.close(n)
}

// parameter parses one formal parameter.
func (p *parser) parameter() {
	if !p.ts {
		p.inParams = true
		p.bindingElement(syntax.NoField)
		p.inParams = false
		return
	}
	n := p.open(syntax.KRequiredParameter, syntax.NoField)
	for p.isPunct("@") {
		p.decorator()
	}
	p.modifiers(true)
	if p.is("this") {
		p.leaf(syntax.KThis, fPattern)
	} else if p.isPunct("...") {
		r := p.open(kRestPattern, fPattern)
		p.token(syntax.NoField)
		p.bindingTarget(syntax.NoField)
		p.close(r)
	} else {
		p.inParams = true
		p.bindingTarget(fPattern)
		p.inParams = false
	}
	if p.isPunct("?") {
		p.nodes[n].Kind = syntax.KOptionalParameter
		p.token(syntax.NoField)
	}
	if p.isPunct(":") {
		p.typeAnnotation(syntax.FType)
	}
	if p.isPunct("=") {
		p.token(syntax.NoField)
		p.assign(syntax.FValue)
	}
	p.close(n)
}

// modifiers parses TypeScript parameter and member modifiers that are
// followed by a name. inParam limits them to parameter properties.
func (p *parser) modifiers(inParam bool) {
	for p.lx.tok.kind == tIdent && !p.lx.tok.escaped {
		s := p.tok()
		switch s {
		case "public", "private", "protected", "override", "readonly":
		default:
			return
		}
		nt, ns := p.peekText()
		if nt.kind == tPunct && ns != "[" && ns != "{" && ns != "..." && ns != "#" || nt.kind == tEOF {
			return // the modifier is the parameter's name
		}
		switch s {
		case "public", "private", "protected":
			m := p.open(kAccessibility, syntax.NoField)
			p.token(syntax.NoField)
			p.close(m)
		case "override":
			m := p.open(kOverrideModifier, syntax.NoField)
			p.token(syntax.NoField)
			p.close(m)
		default:
			p.token(syntax.NoField)
		}
	}
}

// decorator parses '@' and a decorator expression.
func (p *parser) decorator() {
	n := p.open(syntax.KDecorator, fDecorator)
	p.token(syntax.NoField)
	var e int32
	if p.isPunct("(") {
		e = p.parenthesized()
	} else {
		e = p.leaf(syntax.KIdentifier, syntax.NoField)
	}
	for p.isPunct(".") {
		m := p.wrap(e, syntax.KMemberExpression)
		p.setField(m+1, syntax.FObject)
		p.skip()
		p.propertyName()
		p.close(m)
		e = m
	}
	if p.ts && p.isPunct("<") {
		if c, ok := p.genericCall(e, true); ok {
			e = c
		}
	}
	if p.isPunct("(") {
		c := p.wrap(e, syntax.KCallExpression)
		p.setField(c+1, syntax.FFunction)
		p.arguments()
		p.close(c)
	}
	p.close(n)
}

// bindingTarget parses an identifier or a destructuring pattern.
func (p *parser) bindingTarget(f syntax.Field) int32 {
	switch {
	case p.isPunct("["):
		return p.arrayPattern(f)
	case p.isPunct("{"):
		return p.objectPattern(f)
	case p.lx.tok.kind == tIdent:
		if p.inParams && p.tok() == "undefined" {
			return p.leaf(syntax.KUndefined, f)
		}
		return p.leaf(syntax.KIdentifier, f)
	}
	p.fail("expected a binding")
	return -1
}

// bindingElement parses a binding target with an optional default, or a
// rest element.
func (p *parser) bindingElement(f syntax.Field) int32 {
	if p.isPunct("...") {
		r := p.open(kRestPattern, f)
		p.token(syntax.NoField)
		p.bindingTarget(syntax.NoField)
		p.close(r)
		return r
	}
	return p.withDefault(p.bindingTarget(f), syntax.KAssignmentPattern)
}

// withDefault wraps the node just parsed at index t, when '=' follows, in
// a node of kind k holding it as left and the default value as right
// (x = 1 in a parameter or pattern); it returns the outer node.
func (p *parser) withDefault(t int32, k syntax.Kind) int32 {
	if !p.isPunct("=") {
		return t
	}
	n := p.wrap(t, k)
	p.setField(n+1, syntax.FLeft)
	p.token(syntax.NoField)
	p.assign(syntax.FRight)
	p.close(n)
	return n
}

func (p *parser) arrayPattern(f syntax.Field) int32 {
	n := p.open(syntax.KArrayPattern, f)
	p.skip()
	for !p.isPunct("]") {
		if p.eat(",") {
			continue
		}
		p.bindingElement(syntax.NoField)
		if !p.isPunct("]") {
			p.expect(",")
		}
	}
	p.expect("]")
	p.close(n)
	return n
}

func (p *parser) objectPattern(f syntax.Field) int32 {
	n := p.open(syntax.KObjectPattern, f)
	p.skip()
	for !p.isPunct("}") {
		switch {
		case p.isPunct("..."):
			r := p.open(kRestPattern, syntax.NoField)
			p.token(syntax.NoField)
			p.bindingTarget(syntax.NoField)
			p.close(r)
		default:
			nt, s := p.peekText()
			if p.lx.tok.kind == tIdent && !(nt.kind == tPunct && s == ":") {
				p.withDefault(p.leaf(syntax.KShorthandPropertyIdentifierPattern, syntax.NoField), syntax.KObjectAssignmentPattern)
				break
			}
			pp := p.open(syntax.KPairPattern, syntax.NoField)
			p.propertyKey(syntax.FKey)
			p.expect(":")
			p.bindingElement(syntax.FValue)
			p.close(pp)
		}
		if !p.eat(",") {
			break
		}
	}
	p.expect("}")
	p.close(n)
	return n
}

// propertyKey parses an object or class member name.
func (p *parser) propertyKey(f syntax.Field) int32 {
	switch p.lx.tok.kind {
	case tIdent:
		return p.leaf(syntax.KPropertyIdentifier, f)
	case tString:
		return p.stringLit(f)
	case tNumber:
		return p.leaf(syntax.KNumber, f)
	case tPrivate:
		return p.leaf(kPrivateProp, f)
	case tPunct:
		if p.isPunct("[") {
			n := p.open(syntax.KComputedPropertyName, f)
			p.skip()
			p.assign(syntax.NoField)
			p.expect("]")
			p.close(n)
			return n
		}
	}
	p.fail("expected a property name")
	return -1
}

// toPattern turns an expression parsed before '=' (an array or object
// literal) into the pattern the grammar reads there.
func (p *parser) toPattern(i int32, nested bool) {
	n := &p.nodes[i]
	switch n.Kind {
	case syntax.KArray:
		n.Kind = syntax.KArrayPattern
	case syntax.KObject:
		n.Kind = syntax.KObjectPattern
	case syntax.KAssignmentExpression:
		if nested {
			n.Kind = syntax.KAssignmentPattern
			p.toPattern(i+1, true)
		}
		return
	case syntax.KSpreadElement:
		if nested {
			n.Kind = kRestPattern
		}
	default:
		return
	}
	for j := i + 1; int(j) < len(p.nodes); j++ {
		c := &p.nodes[j]
		if c.Parent != i {
			continue
		}
		switch c.Kind {
		case syntax.KShorthandPropertyIdentifier:
			c.Kind = syntax.KShorthandPropertyIdentifierPattern
		case syntax.KPair:
			c.Kind = syntax.KPairPattern
			for k := j + 1; int(k) < len(p.nodes); k++ {
				if p.nodes[k].Parent == j && p.nodes[k].Field == syntax.FValue {
					p.toPattern(k, true)
				}
			}
		case syntax.KAssignmentPattern:
			if n.Kind == syntax.KObjectPattern {
				c.Kind = syntax.KObjectAssignmentPattern
				if p.nodes[j+1].Kind == syntax.KShorthandPropertyIdentifier {
					p.nodes[j+1].Kind = syntax.KShorthandPropertyIdentifierPattern
				}
			}
		default:
			p.toPattern(j, true)
		}
	}
}

// maybeArrow parses an arrow function when one starts at the current token.
func (p *parser) maybeArrow(f syntax.Field) (int32, bool) {
	t := p.lx.tok
	switch {
	case t.kind == tIdent && !t.escaped:
		nt, s := p.peekText()
		if nt.kind == tPunct && s == "=>" && !nt.nl {
			n := p.open(syntax.KArrowFunction, f)
			p.leaf(syntax.KIdentifier, syntax.FParameter)
			p.arrowBody(false)
			p.close(n)
			return n, true
		}
		if p.tok() != "async" || nt.nl {
			return 0, false
		}
		if nt.kind == tIdent {
			var n int32
			ok := p.try(func() {
				n = p.open(syntax.KArrowFunction, f)
				p.token(syntax.NoField)
				p.leaf(syntax.KIdentifier, syntax.FParameter)
				if !p.isPunct("=>") || p.lx.tok.nl {
					p.fail("")
				}
			})
			if ok {
				p.arrowBody(true)
				p.close(n)
				return n, true
			}
			return 0, false
		}
		if nt.kind == tPunct && (s == "(" || s == "<" && p.ts) {
			return p.parenArrow(f, true)
		}
	case t.kind == tPunct:
		if p.isPunct("(") || p.isPunct("<") && p.ts {
			return p.parenArrow(f, false)
		}
	}
	return 0, false
}

// parenArrow tries an arrow function with a parameter list.
func (p *parser) parenArrow(f syntax.Field, async bool) (int32, bool) {
	key := memoKey(memoArrow, p.lx.tok.start)
	if p.failed[key] {
		return 0, false
	}
	var n int32
	ok := p.try(func() {
		n = p.open(syntax.KArrowFunction, f)
		if async {
			p.token(syntax.NoField)
		}
		p.signature()
		if !p.isPunct("=>") || p.lx.tok.nl {
			p.fail("")
		}
	})
	if !ok {
		p.remember(key)
		return 0, false
	}
	p.arrowBody(async)
	p.close(n)
	return n, true
}

// arrowBody parses '=>' and the body.
func (p *parser) arrowBody(async bool) {
	p.expect("=>")
	oa, og := p.inAsync, p.inGen
	p.inAsync, p.inGen = async, false
	if p.isPunct("{") {
		p.block(syntax.FBody)
	} else {
		p.assign(syntax.FBody)
	}
	p.inAsync, p.inGen = oa, og
}

// object parses an object literal.
func (p *parser) object() int32 {
	n := p.open(syntax.KObject, syntax.NoField)
	p.skip()
	for !p.isPunct("}") {
		p.objectMember()
		if !p.eat(",") {
			break
		}
	}
	p.expect("}")
	p.close(n)
	return n
}

func (p *parser) objectMember() {
	if p.isPunct("...") {
		p.spread()
		return
	}
	s := p.save()
	m := p.open(syntax.KMethodDefinition, syntax.NoField)
	if p.methodPrefix() {
		p.methodRest(m)
		return
	}
	p.restore(s)
	t := p.lx.tok
	if t.kind == tIdent {
		nt, ns := p.peekText()
		if nt.kind != tPunct || ns == "," || ns == "}" || ns == "=" {
			p.withDefault(p.leaf(syntax.KShorthandPropertyIdentifier, syntax.NoField), syntax.KAssignmentPattern)
			return
		}
	}
	pr := p.open(syntax.KPair, syntax.NoField)
	p.propertyKey(syntax.FKey)
	if p.isPunct("(") || p.isPunct("<") {
		p.nodes[pr].Kind = syntax.KMethodDefinition
		p.setField(pr+1, syntax.FName)
		p.methodRest(pr)
		return
	}
	p.expect(":")
	p.assign(syntax.FValue)
	p.close(pr)
}

// methodPrefix parses 'async', 'get', 'set' and '*' before a method name,
// and the name; it reports false when there is no prefix.
func (p *parser) methodPrefix() bool {
	any := false
	for p.lx.tok.kind == tIdent || p.isPunct("*") {
		s := p.tok()
		if s != "async" && s != "get" && s != "set" && s != "*" {
			break
		}
		nt, ns := p.peekText()
		if nt.kind == tPunct && (ns == "(" || ns == "," || ns == "}" || ns == ":" || ns == "=" || ns == "<" || ns == ";" || ns == "?" || ns == "!") && s != "*" {
			break
		}
		if s == "async" && nt.nl {
			break
		}
		p.token(syntax.NoField)
		any = true
	}
	if !any {
		return false
	}
	p.propertyKey(syntax.FName)
	return true
}

// methodRest parses a method's optional mark, signature and body.
func (p *parser) methodRest(m int32) {
	async, gen := false, false
	for j := m + 1; int(j) < len(p.nodes); j++ {
		if p.nodes[j].Parent == m && !p.nodes[j].IsNamed() {
			switch syntax.KindName(p.nodes[j].Kind) {
			case "async":
				async = true
			case "*":
				gen = true
			}
		}
	}
	if p.ts && p.isPunct("?") {
		p.token(syntax.NoField)
	}
	p.signature()
	p.body(async, gen)
	p.close(m)
}
