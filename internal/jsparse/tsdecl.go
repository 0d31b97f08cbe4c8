package jsparse

import "github.com/racecheck/racecheck/internal/syntax"

// tsDeclarationStatement parses a TypeScript-only declaration at the current
// token and reports whether there was one.
func (p *parser) tsDeclarationStatement() bool {
	if p.lx.tok.kind != tIdent || p.lx.tok.escaped {
		return false
	}
	nt, ns := p.peekText()
	sameLineWord := nt.kind == tIdent && !nt.nl
	switch p.tok() {
	case "type":
		if !sameLineWord {
			return false
		}
		n := p.open(syntax.KTypeAliasDeclaration, syntax.NoField)
		p.token(syntax.NoField)
		p.leaf(syntax.KTypeIdentifier, syntax.FName)
		if p.isPunct("<") {
			p.typeParameters(syntax.FTypeParameters)
		}
		if !p.isPunct("=") {
			p.fail("expected =")
		}
		p.token(syntax.NoField)
		p.typ(syntax.FValue)
		p.semicolon(false)
		p.close(n)
		return true
	case "interface":
		if !sameLineWord {
			return false
		}
		n := p.open(syntax.KInterfaceDeclaration, syntax.NoField)
		p.token(syntax.NoField)
		p.leaf(syntax.KTypeIdentifier, syntax.FName)
		if p.isPunct("<") {
			p.typeParameters(syntax.FTypeParameters)
		}
		if p.is("extends") {
			e := p.open(kExtendsTypeClause, syntax.NoField)
			p.token(syntax.NoField)
			for {
				p.typ(syntax.FType)
				if !p.eat(",") {
					break
				}
			}
			p.close(e)
		}
		b := p.objectType(kInterfaceBody)
		p.setField(b, syntax.FBody)
		p.close(n)
		return true
	case "enum":
		if !sameLineWord {
			return false
		}
		p.enumDeclaration()
		return true
	case "namespace":
		if !sameLineWord {
			return false
		}
		n := p.open(syntax.KInternalModule, syntax.NoField)
		p.token(syntax.NoField)
		p.moduleName()
		if p.isPunct("{") {
			p.block(syntax.FBody)
		}
		p.close(n)
		if par := p.nodes[n].Parent; par >= 0 && p.nodes[par].Kind != syntax.KExportStatement && p.nodes[par].Kind != syntax.KAmbientDeclaration {
			// The grammar reads a namespace statement that ends its line
			// as an expression statement.
			if t := &p.lx.tok; t.nl || t.kind == tEOF || p.isPunct(";") || p.isPunct("}") {
				w := p.wrap(n, syntax.KExpressionStatement)
				p.semicolon(true)
				p.close(w)
			}
		}
		return true
	case "module":
		if !(sameLineWord || nt.kind == tString && !nt.nl) {
			return false
		}
		n := p.open(syntax.KModule, syntax.NoField)
		p.token(syntax.NoField)
		p.moduleName()
		if p.isPunct("{") {
			p.block(syntax.FBody)
		} else {
			p.semicolon(false)
		}
		p.close(n)
		return true
	case "global":
		if !(nt.kind == tPunct && ns == "{") {
			return false
		}
		n := p.open(syntax.KInternalModule, syntax.NoField)
		p.leaf(kGlobal, syntax.FName)
		p.block(syntax.FBody)
		p.close(n)
		return true
	case "declare":
		if !(sameLineWord) {
			return false
		}
		n := p.open(syntax.KAmbientDeclaration, syntax.NoField)
		p.token(syntax.NoField)
		switch {
		case p.is("global"):
			p.token(syntax.NoField)
			p.block(syntax.NoField)
		case p.is("module") && p.peek().kind == tString:
			p.tsDeclarationStatement()
		default:
			p.declaration()
		}
		p.close(n)
		return true
	case "abstract":
		if !(sameLineWord && ns == "class") {
			return false
		}
		p.classDeclaration()
		return true
	}
	return false
}

// moduleName parses a namespace or module name: a string, an identifier or
// a dotted name.
func (p *parser) moduleName() {
	if p.lx.tok.kind == tString {
		p.stringLit(syntax.FName)
		return
	}
	e := p.entityName()
	p.setField(e, syntax.FName)
}

// enumDeclaration parses [const] enum E { A, B = 1 }.
func (p *parser) enumDeclaration() {
	n := p.open(syntax.KEnumDeclaration, syntax.NoField)
	if p.is("const") {
		p.token(syntax.NoField)
	}
	p.token(syntax.NoField)
	p.leaf(syntax.KIdentifier, syntax.FName)
	b := p.open(kEnumBody, syntax.FBody)
	p.expect("{")
	for !p.isPunct("}") {
		if p.isPunct("=") || p.lx.tok.kind == tEOF {
			p.fail("expected an enum member")
		}
		if nt, s := p.peekText(); nt.kind == tPunct && s == "=" {
			a := p.open(kEnumAssignment, syntax.NoField)
			p.propertyKey(syntax.FName)
			p.token(syntax.NoField)
			p.assign(syntax.FValue)
			p.close(a)
		} else {
			p.propertyKey(syntax.FName)
		}
		if !p.eat(",") {
			break
		}
	}
	p.expect("}")
	p.close(b)
	p.close(n)
}
