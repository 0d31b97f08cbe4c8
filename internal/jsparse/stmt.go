package jsparse

import "github.com/racecheck/racecheck/internal/syntax"

// parseProgram parses the whole file.
func (p *parser) parseProgram() {
	p.lx.next()
	root := p.openAt(syntax.KProgram, syntax.NoField, 0)
	p.nodes[root].Start = leadingSpace(p.src)
	if len(p.src) >= 2 && p.src[0] == '#' && p.src[1] == '!' {
		e := lineEnd(p.src, 0)
		p.addLeaf(kHashBang, syntax.NoField, true, 0, e)
		p.lx.pos = e
		p.lx.tok.end = e
		p.lx.next()
		p.flushed = e
	}
	for p.lx.tok.kind != tEOF {
		p.statementRecover()
	}
	p.flush()
	p.closeAt(root, uint32(len(p.src)))
}

// statementRecover parses a statement; when it fails, it puts the tokens up
// to the next statement boundary into an ERROR node.
func (p *parser) statementRecover() {
	s := p.save()
	depth := p.depth
	errBefore := p.err
	rejected := p.strictRejected
	p.strictRejected = false
	if p.statementOK() {
		p.strictRejected = p.strictRejected || rejected
		return
	}
	flow := p.lang == JavaScript && !p.ts
	retry := (p.strictRejected || flow) && !p.lenient && p.retries < maxRetries
	if retry {
		p.retries++
	}
	p.strictRejected = rejected
	if retry {
		// Read the statement again accepting what the grammars cannot read:
		// typeof import(...) in a call's type arguments, and in JavaScript
		// type annotations (Flow), read as TypeScript.
		p.restore(s)
		p.depth = depth
		p.lenient = true
		p.ts = p.ts || flow
		p.failed = nil // the failures remembered were under the strict reading
		ok := p.statementOK()
		p.lenient = false
		p.ts = p.lang != JavaScript
		p.failed = nil
		if ok {
			p.err = errBefore
			return
		}
	}
	p.restore(s)
	p.depth = depth
	p.flush()
	inBlock := len(p.stack) > 1
	e := p.openAt(syntax.KError, syntax.NoField, p.lx.tok.start)
	p.nodes[e].Flags = syntax.FlagsFor(true, false, true)
	p.skipBadStatement(inBlock)
	p.close(e)
}

// statementOK parses a statement and reports whether it parsed.
func (p *parser) statementOK() (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			if _, isFail := r.(failure); !isFail {
				panic(r)
			}
			ok = false
		}
	}()
	p.statement()
	return true
}

// skipBadStatement consumes tokens up to and including a ';' outside
// brackets, or up to a line break or a '}' that closes the enclosing block.
func (p *parser) skipBadStatement(inBlock bool) {
	level := 0
	first := true
	for p.lx.tok.kind != tEOF {
		if !first && level == 0 && p.lx.tok.nl {
			return
		}
		if first && p.isPunct("}") && inBlock {
			return
		}
		first = false
		switch {
		case p.isPunct("{") || p.isPunct("(") || p.isPunct("["):
			level++
		case p.isPunct("}") || p.isPunct(")") || p.isPunct("]"):
			if level == 0 {
				if inBlock && p.isPunct("}") {
					return
				}
			} else {
				level--
			}
		case p.isPunct(";") && level == 0:
			p.advance()
			return
		case p.lx.tok.kind == tTemplate:
			p.advance()
			p.skipTemplateRaw()
			continue
		}
		p.advance()
	}
}

// skipTemplateRaw skips the rest of a template literal without building nodes.
func (p *parser) skipTemplateRaw() {
	src := p.src
	i := p.lastEnd
	depth := 0
	for int(i) < len(src) {
		c := src[i]
		switch {
		case c == '\\':
			i += 2
			continue
		case c == '`' && depth == 0:
			p.lx.pos = i + 1
			p.lx.tok.end = i + 1
			p.lastEnd = i + 1
			p.flushed = i + 1
			p.lx.next()
			return
		case c == '$' && int(i)+1 < len(src) && src[i+1] == '{':
			depth++
			i += 2
			continue
		case c == '}' && depth > 0:
			depth--
		}
		i++
	}
	p.lx.pos = uint32(len(src))
	p.lastEnd = p.lx.pos
	p.flushed = p.lx.pos
	p.lx.next()
}

// semicolon ends a statement: an explicit ';', or an inserted one before a
// line break, a '}' or the end of the file. The comments on the rest of the
// statement's last line then belong to it: always in the TypeScript
// grammars; in JavaScript only after an expression and not before a '}'.
func (p *parser) semicolon(afterExpr bool) {
	t := &p.lx.tok
	if p.isPunct(";") {
		p.skip()
		return
	}
	if p.isPunct("}") {
		if p.ts {
			p.trailingComments()
		}
		return
	}
	if !t.nl && t.kind != tEOF {
		p.fail("expected ;")
	}
	if p.ts || afterExpr {
		p.trailingComments()
	}
}

// trailingComments adds the comments between the last token and the next
// line break to the innermost open node.
func (p *parser) trailingComments() {
	src := p.src
	i := p.lastEnd
	for int(i) < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\v' || c == '\f':
			i++
		case c == '/' && int(i)+1 < len(src) && src[i+1] == '/':
			e := lineEnd(src, i)
			p.addLeaf(kComment, syntax.NoField, true, i, e)
			i, p.lastEnd, p.flushed = e, e, e
		case c == '/' && int(i)+1 < len(src) && src[i+1] == '*':
			e, _ := blockCommentEnd(src, i)
			p.addLeaf(kComment, syntax.NoField, true, i, e)
			i, p.lastEnd, p.flushed = e, e, e
		default:
			return
		}
	}
}

func (p *parser) statement() {
	p.enter()
	defer p.leave()
	t := p.lx.tok
	switch t.kind {
	case tPunct:
		switch p.tok() {
		case "{":
			p.block(syntax.NoField)
			return
		case ";":
			p.leaf(syntax.KEmptyStatement, syntax.NoField)
			return
		case "@":
			p.classDeclaration()
			return
		}
	case tIdent:
		if t.escaped {
			break
		}
		switch p.tok() {
		case "var":
			p.varDecl(syntax.KVariableDeclaration, syntax.NoField, true)
			return
		case "const":
			if p.ts {
				if nt, s := p.peekText(); nt.kind == tIdent && s == "enum" {
					p.enumDeclaration()
					return
				}
			}
			p.varDecl(syntax.KLexicalDeclaration, syntax.NoField, true)
			return
		case "let":
			if nt := p.peek(); nt.kind == tIdent || nt.kind == tPunct && (p.src[nt.start] == '[' || p.src[nt.start] == '{') {
				p.varDecl(syntax.KLexicalDeclaration, syntax.NoField, true)
				return
			}
		case "function":
			p.function(true, syntax.NoField)
			return
		case "using":
			if nt := p.peek(); nt.kind == tIdent && !nt.nl && !p.peekIsWord("in") && !p.peekIsWord("of") && !p.peekIsWord("instanceof") {
				p.usingDecl()
				return
			}
		case "await":
			if nt, s := p.peekText(); nt.kind == tIdent && s == "using" && !nt.nl {
				lx := p.lx
				lx.next()
				lx.next()
				if lx.tok.kind == tIdent && !lx.tok.nl {
					p.usingDecl()
					return
				}
			}
		case "async":
			if nt, s := p.peekText(); s == "function" && !nt.nl {
				p.function(true, syntax.NoField)
				return
			}
		case "class":
			p.classDeclaration()
			return
		case "if":
			p.ifStatement()
			return
		case "for":
			p.forStatement()
			return
		case "while":
			n := p.open(syntax.KWhileStatement, syntax.NoField)
			p.token(syntax.NoField)
			p.parenExpr(syntax.FCondition)
			p.statementField(syntax.FBody)
			p.close(n)
			return
		case "do":
			n := p.open(syntax.KDoStatement, syntax.NoField)
			p.token(syntax.NoField)
			p.statementField(syntax.FBody)
			if !p.is("while") {
				p.fail("expected while")
			}
			p.token(syntax.NoField)
			p.parenExpr(syntax.FCondition)
			if p.isPunct(";") {
				p.skip()
			} else if p.ts {
				p.trailingComments()
			}
			p.close(n)
			return
		case "try":
			p.tryStatement()
			return
		case "return":
			n := p.open(syntax.KReturnStatement, syntax.NoField)
			p.token(syntax.NoField)
			expr := !p.atStatementEnd()
			if expr {
				p.expressions(syntax.NoField)
			}
			p.semicolon(expr)
			p.close(n)
			return
		case "throw":
			n := p.open(syntax.KThrowStatement, syntax.NoField)
			p.token(syntax.NoField)
			p.expressions(syntax.NoField)
			p.semicolon(true)
			p.close(n)
			return
		case "break", "continue":
			k := syntax.KBreakStatement
			if p.tok() == "continue" {
				k = syntax.KContinueStatement
			}
			n := p.open(k, syntax.NoField)
			p.token(syntax.NoField)
			if p.lx.tok.kind == tIdent && !p.lx.tok.nl {
				p.leaf(kStatementID, syntax.FLabel)
			}
			p.semicolon(false)
			p.close(n)
			return
		case "switch":
			p.switchStatement()
			return
		case "debugger":
			n := p.open(kDebugger, syntax.NoField)
			p.token(syntax.NoField)
			p.semicolon(false)
			p.close(n)
			return
		case "with":
			n := p.open(kWith, syntax.NoField)
			p.token(syntax.NoField)
			p.parenExpr(syntax.FObject)
			p.statementField(syntax.FBody)
			p.close(n)
			return
		case "import":
			if nt, s := p.peekText(); s != "(" && s != "." || nt.kind != tPunct {
				p.importStatement()
				return
			}
		case "export":
			p.exportStatement()
			return
		}
		if p.ts && p.tsDeclarationStatement() {
			return
		}
		// A labeled statement.
		if nt := p.peek(); nt.kind == tPunct && p.src[nt.start] == ':' && nt.end-nt.start == 1 {
			n := p.open(syntax.KLabeledStatement, syntax.NoField)
			p.leaf(kStatementID, syntax.FLabel)
			p.skip()
			p.statementField(syntax.FBody)
			p.close(n)
			return
		}
	}
	n := p.open(syntax.KExpressionStatement, syntax.NoField)
	p.expressions(syntax.NoField)
	p.semicolon(true)
	p.close(n)
}

// atStatementEnd reports whether an optional expression is absent.
func (p *parser) atStatementEnd() bool {
	t := &p.lx.tok
	return t.kind == tEOF || t.nl || p.isPunct(";") || p.isPunct("}")
}

// statementField parses a statement and gives it field f.
func (p *parser) statementField(f syntax.Field) {
	p.flush()
	i := int32(len(p.nodes))
	p.statement()
	if int(i) < len(p.nodes) {
		p.setField(i, f)
	}
}

// block parses a statement block.
func (p *parser) block(f syntax.Field) {
	p.blockCont(f, "", "")
}

// blockCont parses a statement block. The grammar lets a block end with an
// inserted semicolon that takes the comments on the rest of its last line:
// always in TypeScript; in JavaScript, for blocks that a keyword may
// continue (if, try, catch), only when one of the keywords c1 and c2
// follows, and never before a '}'.
func (p *parser) blockCont(f syntax.Field, c1, c2 string) {
	n := p.open(syntax.KStatementBlock, f)
	p.expect("{")
	p.statementsUntilBrace()
	p.expect("}")
	if t := &p.lx.tok; t.nl || t.kind == tEOF {
		if p.ts || !p.isPunct("}") && (c1 == "" || p.is(c1) || c2 != "" && p.is(c2)) {
			p.trailingComments()
		}
	}
	p.close(n)
}

// statementsUntilBrace parses statements up to a closing brace.
func (p *parser) statementsUntilBrace() {
	for !p.isPunct("}") {
		if p.lx.tok.kind == tEOF {
			p.fail("expected }")
		}
		p.statementRecover()
	}
}

// parenExpr parses a parenthesized expression (a condition).
func (p *parser) parenExpr(f syntax.Field) {
	n := p.open(syntax.KParenthesizedExpression, f)
	p.expect("(")
	p.expressions(syntax.NoField)
	p.expect(")")
	p.close(n)
}

func (p *parser) ifStatement() {
	n := p.open(syntax.KIfStatement, syntax.NoField)
	p.token(syntax.NoField)
	p.parenExpr(syntax.FCondition)
	if p.isPunct("{") {
		p.blockCont(syntax.FConsequence, "else", "")
	} else {
		p.statementField(syntax.FConsequence)
	}
	if p.is("else") {
		e := p.open(syntax.KElseClause, syntax.FAlternative)
		p.token(syntax.NoField)
		p.statement()
		p.close(e)
	}
	p.close(n)
}

// varDecl parses a var, let or const declaration.
func (p *parser) varDecl(k syntax.Kind, f syntax.Field, withSemi bool) {
	n := p.open(k, f)
	if k == syntax.KLexicalDeclaration {
		p.token(syntax.FKind)
	} else {
		p.token(syntax.NoField)
	}
	init := false
	for {
		init = p.declarator()
		if !p.eat(",") {
			break
		}
	}
	if withSemi {
		p.semicolon(init)
	}
	p.close(n)
}

// usingDecl parses `using x = v` and `await using x = v`, which the
// grammars predate: a lexical declaration whose kind is 'using', preceded
// by an 'await' token in the second form.
func (p *parser) usingDecl() {
	n := p.open(syntax.KLexicalDeclaration, syntax.NoField)
	if p.is("await") {
		p.token(syntax.NoField)
	}
	p.token(syntax.FKind)
	init := false
	for {
		init = p.declarator()
		if !p.eat(",") {
			break
		}
	}
	p.semicolon(init)
	p.close(n)
}

func (p *parser) declarator() (init bool) {
	d := p.open(syntax.KVariableDeclarator, syntax.NoField)
	p.bindingTarget(syntax.FName)
	if p.ts && p.isPunct("!") {
		p.token(syntax.NoField)
	}
	if p.ts && p.isPunct(":") {
		p.typeAnnotation(syntax.FType)
	}
	if p.isPunct("=") {
		p.token(syntax.NoField)
		p.assign(syntax.FValue)
		init = true
	}
	p.close(d)
	return init
}

func (p *parser) forStatement() {
	s := p.save()
	n := p.open(syntax.KForStatement, syntax.NoField)
	p.token(syntax.NoField)
	if p.is("await") {
		p.restore(s)
		p.forIn()
		return
	}
	p.expect("(")
	// for (x in y), for (const x of y)?
	if p.forHeaderIsIn() {
		p.restore(s)
		p.forIn()
		return
	}
	// Initializer.
	switch {
	case p.isPunct(";"):
		p.leaf(syntax.KEmptyStatement, syntax.FInitializer)
	case p.is("var"):
		p.noIn = true
		p.varDecl(syntax.KVariableDeclaration, syntax.FInitializer, true)
		p.noIn = false
	case p.is("let") || p.is("const"):
		p.noIn = true
		p.varDecl(syntax.KLexicalDeclaration, syntax.FInitializer, true)
		p.noIn = false
	default:
		e := p.open(syntax.KExpressionStatement, syntax.FInitializer)
		p.noIn = true
		p.expressions(syntax.NoField)
		p.noIn = false
		p.expect(";")
		p.close(e)
	}
	// Condition.
	if p.isPunct(";") {
		p.leaf(syntax.KEmptyStatement, syntax.FCondition)
	} else {
		e := p.open(syntax.KExpressionStatement, syntax.FCondition)
		p.expressions(syntax.NoField)
		p.expect(";")
		p.close(e)
	}
	if !p.isPunct(")") {
		p.expressions(syntax.FIncrement)
	}
	p.expect(")")
	p.statementField(syntax.FBody)
	p.close(n)
}

// forHeaderIsIn looks ahead (after the opening parenthesis) for a for-in or
// for-of header.
func (p *parser) forHeaderIsIn() bool {
	ok := false
	p.try(func() {
		if p.is("var") || p.is("let") || p.is("const") || p.usingAhead() {
			if p.is("await") {
				p.advance()
			}
			p.advance()
		}
		p.lhsOnly()
		ok = p.is("in") || p.is("of")
		p.fail("")
	})
	return ok
}

// lhsOnly parses a left-hand side (a pattern or member chain) for lookahead.
func (p *parser) lhsOnly() {
	p.noIn = true
	defer func() { p.noIn = false }()
	if p.isPunct("[") || p.isPunct("{") {
		p.bindingTarget(syntax.NoField)
		return
	}
	p.unary()
}

func (p *parser) forIn() {
	n := p.open(syntax.KForInStatement, syntax.NoField)
	p.token(syntax.NoField)
	if p.is("await") {
		p.token(syntax.NoField)
	}
	p.expect("(")
	if p.is("var") || p.is("let") || p.is("const") || p.usingAhead() {
		if p.is("await") {
			p.token(syntax.NoField)
		}
		p.token(syntax.FKind)
		p.bindingTarget(syntax.FLeft)
	} else {
		p.noIn = true
		e := p.lhs()
		p.toPattern(e, false)
		p.setField(e, syntax.FLeft)
		p.noIn = false
	}
	if !p.is("in") && !p.is("of") {
		p.fail("expected in or of")
	}
	p.token(syntax.FOperator)
	p.expressions(syntax.FRight)
	p.expect(")")
	p.statementField(syntax.FBody)
	p.close(n)
}

func (p *parser) tryStatement() {
	n := p.open(syntax.KTryStatement, syntax.NoField)
	p.token(syntax.NoField)
	p.blockCont(syntax.FBody, "catch", "finally")
	if p.is("catch") {
		c := p.open(syntax.KCatchClause, syntax.FHandler)
		p.token(syntax.NoField)
		if p.eat("(") {
			p.bindingTarget(syntax.FParameter)
			if p.ts && p.isPunct(":") {
				p.typeAnnotation(syntax.FType)
			}
			p.expect(")")
		}
		p.blockCont(syntax.FBody, "finally", "")
		p.close(c)
	}
	if p.is("finally") {
		c := p.open(syntax.KFinallyClause, syntax.FFinalizer)
		p.token(syntax.NoField)
		p.block(syntax.FBody)
		p.close(c)
	}
	p.close(n)
}

func (p *parser) switchStatement() {
	n := p.open(syntax.KSwitchStatement, syntax.NoField)
	p.token(syntax.NoField)
	p.parenExpr(syntax.FValue)
	b := p.open(syntax.KSwitchBody, syntax.FBody)
	p.expect("{")
	for !p.isPunct("}") {
		var c int32
		switch {
		case p.is("case"):
			c = p.open(syntax.KSwitchCase, syntax.NoField)
			p.token(syntax.NoField)
			p.expressions(syntax.FValue)
		case p.is("default"):
			c = p.open(syntax.KSwitchDefault, syntax.NoField)
			p.token(syntax.NoField)
		default:
			p.fail("expected case")
		}
		p.expect(":")
		for !p.isPunct("}") && !p.is("case") && !p.is("default") {
			if p.lx.tok.kind == tEOF {
				p.fail("expected }")
			}
			p.flush()
			i := int32(len(p.nodes))
			p.statementRecover()
			if int(i) < len(p.nodes) {
				p.setField(i, syntax.FBody)
			}
		}
		p.close(c)
	}
	p.expect("}")
	p.close(b)
	p.close(n)
}

// leadingSpace is the offset of the first character that is not
// whitespace: the program node starts there.
func leadingSpace(src string) uint32 {
	i := 0
	for i < len(src) {
		r, size := decodeRune(src[i:])
		if !isSpace(r) {
			break
		}
		i += size
	}
	return uint32(i)
}

// usingAhead reports a `using` or `await using` declaration at the current
// token: the word followed by a binding name on the same line.
func (p *parser) usingAhead() bool {
	lx := p.lx
	if lx.tok.kind != tIdent {
		return false
	}
	if p.src[lx.tok.start:lx.tok.end] == "await" {
		lx.next()
		if lx.tok.kind != tIdent || lx.tok.nl {
			return false
		}
	}
	if p.src[lx.tok.start:lx.tok.end] != "using" {
		return false
	}
	lx.next()
	if lx.tok.kind != tIdent || lx.tok.nl {
		return false
	}
	switch p.src[lx.tok.start:lx.tok.end] {
	case "in", "of", "instanceof", "as", "satisfies":
		return false
	}
	return true
}
