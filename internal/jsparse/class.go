package jsparse

import "github.com/racecheck/racecheck/internal/syntax"

// classDeclaration parses decorators and a class declaration (abstract in
// TypeScript).
func (p *parser) classDeclaration() int32 {
	n := p.open(syntax.KClassDeclaration, syntax.NoField)
	for p.isPunct("@") {
		p.decorator()
	}
	if p.is("export") {
		// @dec export class: the decorators belong to the export statement.
		p.nodes[n].Kind = syntax.KExportStatement
		p.exportRest(n)
		return n
	}
	if p.is("abstract") {
		p.nodes[n].Kind = kAbstractClassDecl
		p.token(syntax.NoField)
	}
	p.classRest(n, true)
	return n
}

// classExpr parses a class expression.
func (p *parser) classExpr() int32 {
	n := p.open(syntax.KClass, syntax.NoField)
	for p.isPunct("@") {
		p.decorator()
	}
	p.classRest(n, false)
	return n
}

// classRest parses from 'class' to the closing brace.
func (p *parser) classRest(n int32, decl bool) {
	if !p.is("class") {
		p.fail("expected class")
	}
	p.token(syntax.NoField)
	if p.lx.tok.kind == tIdent && !p.is("extends") && !p.is("implements") {
		k := syntax.KIdentifier
		if p.ts {
			k = syntax.KTypeIdentifier
		}
		p.leaf(k, syntax.FName)
	} else if decl {
		p.fail("expected a class name")
	}
	if p.ts && p.isPunct("<") {
		p.typeParameters(syntax.FTypeParameters)
	}
	if p.is("extends") || p.is("implements") {
		h := p.open(kClassHeritage, syntax.NoField)
		if p.ts {
			if p.is("extends") {
				e := p.open(kExtendsClause, syntax.NoField)
				p.token(syntax.NoField)
				for {
					v := p.lhsNoCall()
					if p.isPunct("<") && p.genericCallAhead() {
						if c, ok := p.genericCall(v, true); ok {
							v = p.callTail(c, true)
						}
					}
					p.setField(v, syntax.FValue)
					if p.isPunct("<") {
						p.typeArguments(syntax.FTypeArguments)
					}
					if !p.eat(",") {
						break
					}
				}
				p.close(e)
			}
			if p.is("implements") {
				e := p.open(kImplementsClause, syntax.NoField)
				p.token(syntax.NoField)
				for {
					p.typ(syntax.NoField)
					if !p.eat(",") {
						break
					}
				}
				p.close(e)
			}
		} else {
			p.token(syntax.NoField)
			p.assign(syntax.NoField)
		}
		p.close(h)
	}
	p.classBody()
	if decl {
		if t := &p.lx.tok; t.nl || t.kind == tEOF {
			p.trailingComments()
		}
	}
	p.close(n)
}

// lhsNoCall parses a class's extends value: a member chain with calls.
func (p *parser) lhsNoCall() int32 {
	var e int32
	if p.is("new") {
		e = p.newExpr() // extends new Builder(spec).build()
	} else {
		e = p.primary()
	}
	for {
		switch {
		case p.isPunct("."):
			m := p.wrap(e, syntax.KMemberExpression)
			p.setField(m+1, syntax.FObject)
			p.skip()
			p.propertyName()
			p.close(m)
			e = m
		case p.isPunct("("):
			c := p.wrap(e, syntax.KCallExpression)
			p.setField(c+1, syntax.FFunction)
			p.arguments()
			p.close(c)
			e = c
		default:
			return e
		}
	}
}

func (p *parser) classBody() {
	b := p.open(syntax.KClassBody, syntax.FBody)
	p.expect("{")
	for !p.isPunct("}") {
		if p.lx.tok.kind == tEOF {
			p.fail("expected }")
		}
		if p.eat(";") {
			continue
		}
		p.classMember()
	}
	p.expect("}")
	p.close(b)
}

// memberModifiers are the words that may precede a class member's name.
var memberModifiers = map[string]bool{
	"static": true, "async": true, "get": true, "set": true, "public": true, "private": true, "protected": true,
	"readonly": true, "declare": true, "abstract": true, "override": true, "accessor": true,
}

// classMember parses a method, field, static block or (TypeScript) index
// signature.
func (p *parser) classMember() {
	field := syntax.NoField
	if !p.ts {
		field = syntax.FMember
	}
	m := p.open(syntax.KMethodDefinition, field)
	for p.isPunct("@") {
		p.decorator()
	}
	p.flush()
	afterDecorators := p.lx.tok.start
	if p.is("static") {
		if nt, s := p.peekText(); nt.kind == tPunct && s == "{" {
			p.nodes[m].Kind = syntax.KClassStaticBlock
			p.token(syntax.NoField)
			p.block(syntax.FBody)
			p.close(m)
			return
		}
	}
	async, gen, abstract := false, false, false
	for p.lx.tok.kind == tIdent && memberModifiers[p.tok()] || p.isPunct("*") {
		s := p.tok()
		if s != "*" {
			nt, ns := p.peekText()
			if nt.kind == tPunct && (ns == "(" || ns == "=" || ns == ";" || ns == "}" || ns == ":" || ns == "?" || ns == "!" || ns == "<") || nt.kind == tEOF {
				break // the word is the member's name
			}
			if nt.nl && (s == "get" || s == "set" || s == "static" || s == "async") && nt.kind != tIdent && nt.kind != tPunct {
				break
			}
		}
		switch s {
		case "public", "private", "protected":
			a := p.open(kAccessibility, syntax.NoField)
			p.token(syntax.NoField)
			p.close(a)
			continue
		case "override":
			a := p.open(kOverrideModifier, syntax.NoField)
			p.token(syntax.NoField)
			p.close(a)
			continue
		case "async":
			async = true
		case "*":
			gen = true
		case "abstract":
			abstract = true
		}
		p.token(syntax.NoField)
	}
	if p.ts && p.isPunct("[") && p.indexSignatureAhead() {
		p.nodes[m].Kind = kIndexSignature
		p.indexSignatureRest(m)
		p.semicolonMember()
		p.close(m)
		return
	}
	p.flush()
	nameAt := int32(len(p.nodes))
	p.propertyKey(syntax.FName)
	if p.isPunct("(") || p.isPunct("<") || (p.isPunct("?") && p.peekIs("(")) {
		if p.isPunct("?") {
			p.token(syntax.NoField)
		}
		p.signature()
		if p.ts && !p.isPunct("{") {
			if abstract {
				p.nodes[m].Kind = syntax.KAbstractMethodSignature
			} else {
				p.nodes[m].Kind = syntax.KMethodSignature
			}
			p.semicolonMember()
			p.close(m)
			p.liftDecorators(m, afterDecorators)
			return
		}
		p.body(async, gen)
		p.close(m)
		p.liftDecorators(m, afterDecorators)
		return
	}
	// A field.
	if p.ts {
		p.nodes[m].Kind = syntax.KPublicFieldDefinition
	} else {
		p.nodes[m].Kind = syntax.KFieldDefinition
		p.setField(nameAt, syntax.FProperty)
	}
	if p.ts && (p.isPunct("?") || p.isPunct("!")) {
		p.token(syntax.NoField)
	}
	if p.ts && p.isPunct(":") {
		p.typeAnnotation(syntax.FType)
	}
	if p.isPunct("=") {
		p.token(syntax.NoField)
		p.assign(syntax.FValue)
	}
	p.semicolonMember()
	p.close(m)
}

// peekIs reports whether the next token is the punctuator s.
func (p *parser) peekIs(s string) bool {
	nt, t := p.peekText()
	return nt.kind == tPunct && t == s
}

// semicolonMember ends a class field: ';' (left in the class body), or an
// inserted semicolon.
func (p *parser) semicolonMember() {
	if p.isPunct(";") || p.isPunct("}") {
		return
	}
	if !p.lx.tok.nl && p.lx.tok.kind != tEOF {
		p.fail("expected ;")
	}
}

// liftDecorators moves the decorators at the start of method m out of it,
// before it in the class body, as the TypeScript grammars have them; m then
// starts at start.
func (p *parser) liftDecorators(m int32, start uint32) {
	if !p.ts || int(m)+1 >= len(p.nodes) || p.nodes[m+1].Kind != syntax.KDecorator || p.nodes[m+1].Parent != m {
		return
	}
	// The decorators' subtrees are the nodes from m+1 up to the first later
	// child of m that is not a decorator.
	end := m + 1
	for int(end) < len(p.nodes) && (p.nodes[end].Parent != m || p.nodes[end].Kind == syntax.KDecorator || p.nodes[end].Kind == kComment && p.nodes[end].Start < start) {
		end++
	}
	meth := p.nodes[m]
	copy(p.nodes[m:end-1], p.nodes[m+1:end])
	nm := end - 1
	for j := m; j < nm; j++ {
		if p.nodes[j].Parent == m {
			p.nodes[j].Parent = meth.Parent
		} else if p.nodes[j].Parent > m {
			p.nodes[j].Parent--
		}
	}
	meth.Start = start
	p.nodes[nm] = meth
	for j := int(nm) + 1; j < len(p.nodes); j++ {
		if p.nodes[j].Parent == m {
			p.nodes[j].Parent = nm
		}
	}
}
