package jsparse

import "github.com/racecheck/racecheck/internal/syntax"

// importStatement parses an import declaration (and TypeScript's import
// alias and import-require forms).
func (p *parser) importStatement() {
	n := p.open(syntax.KImportStatement, syntax.NoField)
	p.token(syntax.NoField)
	if p.ts && (p.is("type") || p.is("typeof")) {
		nt, s := p.peekText()
		if nt.kind == tIdent && s != "from" || nt.kind == tPunct && (s == "{" || s == "*") {
			p.token(syntax.NoField)
		} else if nt.kind == tIdent && s == "from" {
			// import type from "m": 'type' is the default binding, unless
			// another 'from' follows (import type from from "m").
			lx := p.lx
			lx.next()
			lx.next()
			if lx.tok.kind == tIdent && p.src[lx.tok.start:lx.tok.end] == "from" {
				p.token(syntax.NoField)
			}
		}
	}
	if p.lx.tok.kind == tString {
		p.stringLit(syntax.FSource)
		p.importAttributes()
		p.semicolon(false)
		p.close(n)
		return
	}
	if p.ts && p.lx.tok.kind == tIdent && p.peekIs("=") {
		// import x = require("m") or import A = B.C.
		nt := p.lx
		nt.next()
		nt.next()
		if nt.tok.kind == tIdent && p.src[nt.tok.start:nt.tok.end] == "require" {
			c := p.open(syntax.KImportRequireClause, syntax.NoField)
			p.leaf(syntax.KIdentifier, syntax.NoField)
			p.token(syntax.NoField)
			p.token(syntax.NoField)
			p.expect("(")
			p.stringLit(syntax.FSource)
			p.expect(")")
			p.close(c)
			p.semicolon(false)
			p.close(n)
			return
		}
		p.nodes[n].Kind = kImportAlias
		p.leaf(syntax.KIdentifier, syntax.NoField)
		p.token(syntax.NoField)
		p.entityName()
		p.semicolon(false)
		p.close(n)
		return
	}
	c := p.open(syntax.KImportClause, syntax.NoField)
	if p.lx.tok.kind == tIdent && !p.is("from") || p.is("from") && p.peekIsWord("from") {
		p.leaf(syntax.KIdentifier, syntax.NoField)
		if !p.eat(",") {
			p.close(c)
			p.fromClause()
			p.importAttributes()
			p.semicolon(false)
			p.close(n)
			return
		}
	}
	switch {
	case p.isPunct("*"):
		ns := p.open(syntax.KNamespaceImport, syntax.NoField)
		p.token(syntax.NoField)
		if !p.is("as") {
			p.fail("expected as")
		}
		p.token(syntax.NoField)
		p.leaf(syntax.KIdentifier, syntax.NoField)
		p.close(ns)
	case p.isPunct("{"):
		p.specifiers(syntax.KNamedImports, syntax.KImportSpecifier, syntax.NoField)
	default:
		p.fail("expected an import clause")
	}
	p.close(c)
	p.fromClause()
	p.importAttributes()
	p.semicolon(false)
	p.close(n)
}

// entityName parses A.B.C as an identifier or nested identifiers.
func (p *parser) entityName() int32 {
	e := p.leaf(syntax.KIdentifier, syntax.NoField)
	for p.isPunct(".") {
		if p.nodes[e].Kind == kNestedID {
			p.nodes[e].Kind = syntax.KMemberExpression
		}
		w := p.wrap(e, kNestedID)
		p.setField(w+1, syntax.FObject)
		p.skip()
		p.leaf(syntax.KPropertyIdentifier, syntax.FProperty)
		p.close(w)
		e = w
	}
	return e
}

// fromClause parses 'from' and the module string.
func (p *parser) fromClause() {
	if !p.is("from") {
		p.fail("expected from")
	}
	p.token(syntax.NoField)
	if p.lx.tok.kind != tString {
		p.fail("expected a module name")
	}
	p.stringLit(syntax.FSource)
}

// importAttributes parses `with { type: "json" }` (or `assert`).
func (p *parser) importAttributes() {
	if (p.is("with") || p.is("assert")) && !p.lx.tok.nl {
		a := p.open(kImportAttr, syntax.NoField)
		p.token(syntax.NoField)
		p.object()
		p.close(a)
	}
}

// specifiers parses { a, b as c, type d } into a list node of kind list with
// items of kind item.
func (p *parser) specifiers(list, item syntax.Kind, f syntax.Field) {
	n := p.open(list, f)
	p.skip()
	for !p.isPunct("}") {
		s := p.open(item, syntax.NoField)
		if p.ts && (p.is("type") || p.is("typeof")) {
			if nt, t := p.peekText(); nt.kind == tIdent && t != "as" || nt.kind == tString || nt.kind == tIdent && t == "as" && p.asAfterType() {
				p.token(syntax.NoField)
			}
		}
		p.moduleExportName(syntax.FName)
		if p.is("as") {
			p.token(syntax.NoField)
			p.moduleExportName(syntax.FAlias)
		}
		p.close(s)
		if !p.eat(",") {
			break
		}
	}
	p.expect("}")
	p.close(n)
}

// asAfterType reports `type as as x` / `type as x`: whether 'type' is a
// modifier when followed by 'as'.
func (p *parser) asAfterType() bool {
	lx := p.lx
	lx.next()
	lx.next()
	if lx.tok.kind != tIdent {
		return false
	}
	s := p.src[lx.tok.start:lx.tok.end]
	if s == "as" {
		return true
	}
	lx.next()
	return lx.tok.kind == tIdent && p.src[lx.tok.start:lx.tok.end] == "as"
}

// moduleExportName parses an identifier or a string naming an export.
func (p *parser) moduleExportName(f syntax.Field) {
	if p.lx.tok.kind == tString {
		p.stringLit(f)
		return
	}
	if p.lx.tok.kind != tIdent {
		p.fail("expected a name")
	}
	p.leaf(syntax.KIdentifier, f)
}

// exportStatement parses an export declaration.
func (p *parser) exportStatement() {
	n := p.open(syntax.KExportStatement, syntax.NoField)
	p.exportRest(n)
}

// exportRest parses from 'export' on; n is the open export statement.
func (p *parser) exportRest(n int32) {
	p.token(syntax.NoField)
	if p.ts && p.is("type") && (p.peekIs("{") || p.peekIs("*")) {
		p.token(syntax.NoField)
	}
	switch {
	case p.isPunct("*"):
		if nt, s := p.peekText(); nt.kind == tIdent && s == "as" {
			ns := p.open(syntax.KNamespaceExport, syntax.NoField)
			p.token(syntax.NoField)
			p.token(syntax.NoField)
			p.moduleExportName(syntax.NoField)
			p.close(ns)
		} else {
			p.token(syntax.NoField)
		}
		p.fromClause()
		p.importAttributes()
		p.semicolon(false)
	case p.isPunct("{"):
		p.specifiers(syntax.KExportClause, syntax.KExportSpecifier, syntax.NoField)
		if p.is("from") {
			p.fromClause()
			p.importAttributes()
		}
		p.semicolon(false)
	case p.is("default"):
		p.token(syntax.NoField)
		switch {
		case p.is("function") || p.is("async") && p.peekIsWord("function"):
			if p.namedFunctionAhead() {
				p.function(true, syntax.FDeclaration)
			} else {
				p.function(false, syntax.FValue)
				p.optSemicolon()
			}
		case p.is("class") || p.isPunct("@") || p.is("abstract") && p.peekIsWord("class"):
			if p.namedClassAhead() {
				d := p.classDeclaration()
				p.setField(d, syntax.FDeclaration)
			} else {
				c := p.classExpr()
				p.setField(c, syntax.FValue)
				p.optSemicolon()
			}
		case p.ts && p.is("interface") && p.peek().kind == tIdent:
			p.flush()
			i := int32(len(p.nodes))
			p.tsDeclarationStatement()
			p.setField(i, syntax.FDeclaration)
		default:
			p.expressions(syntax.FValue)
			p.semicolon(true)
		}
	case p.ts && p.isPunct("="):
		p.token(syntax.NoField)
		p.expressions(syntax.NoField)
		p.semicolon(true)
	case p.ts && p.is("as"):
		p.token(syntax.NoField)
		p.token(syntax.NoField)
		p.leaf(syntax.KIdentifier, syntax.NoField)
		p.semicolon(false)
	case p.ts && p.is("import"):
		p.flush()
		i := int32(len(p.nodes))
		p.importStatement()
		p.setField(i, syntax.FDeclaration)
	default:
		p.flush()
		i := int32(len(p.nodes))
		p.declaration()
		if int(i) < len(p.nodes) {
			p.setField(i, syntax.FDeclaration)
		}
	}
	p.close(n)
}

// optSemicolon consumes an optional ';' after an expression-bodied export.
func (p *parser) optSemicolon() {
	if p.isPunct(";") {
		p.skip()
		return
	}
	if p.isPunct("}") {
		return
	}
	p.trailingComments()
}

// namedFunctionAhead reports whether the function at the current token has a
// name.
func (p *parser) namedFunctionAhead() bool {
	lx := p.lx
	if p.is("async") {
		lx.next()
	}
	lx.next()
	if lx.tok.kind == tPunct && p.src[lx.tok.start:lx.tok.end] == "*" {
		lx.next()
	}
	return lx.tok.kind == tIdent
}

// namedClassAhead reports whether the class at the current token has a name.
func (p *parser) namedClassAhead() bool {
	ok := false
	p.try(func() {
		for p.isPunct("@") {
			p.decorator()
		}
		if p.is("abstract") {
			p.advance()
		}
		p.advance()
		ok = p.lx.tok.kind == tIdent && !p.is("extends") && !p.is("implements")
		p.fail("")
	})
	return ok
}

// declaration parses a declaration after 'export' (or 'declare').
func (p *parser) declaration() {
	switch {
	case p.is("var"):
		p.varDecl(syntax.KVariableDeclaration, syntax.NoField, true)
	case p.is("const") && p.peekIsWord("enum"):
		p.enumDeclaration()
	case p.is("let") || p.is("const"):
		p.varDecl(syntax.KLexicalDeclaration, syntax.NoField, true)
	case p.is("function") || p.is("async"):
		p.function(true, syntax.NoField)
	case p.is("class") || p.isPunct("@"):
		p.classDeclaration()
	default:
		if p.ts && p.tsDeclarationStatement() {
			return
		}
		p.fail("expected a declaration")
	}
}
