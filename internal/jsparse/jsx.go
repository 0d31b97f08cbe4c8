package jsparse

import "github.com/racecheck/racecheck/internal/syntax"

// jsxElement parses a JSX element or fragment at '<'.
func (p *parser) jsxElement(f syntax.Field) int32 {
	p.enter()
	defer p.leave()
	n := p.open(syntax.KJsxElement, f)
	open := p.open(syntax.KJsxOpeningElement, syntax.FOpenTag)
	p.tokenAs("<", syntax.NoField)
	if p.isPunct(">") {
		// A fragment: <>...</>.
		p.jsxTokenAfter(">")
		p.close(open)
		p.jsxChildren()
		p.jsxClosing()
		p.close(n)
		return n
	}
	p.jsxName()
	if p.ts && p.isPunct("<") {
		p.typeArguments(syntax.FTypeArguments)
	}
	for !p.isPunct(">") && !p.isPunct("/") {
		if p.lx.tok.kind == tEOF {
			p.fail("unterminated JSX element")
		}
		p.jsxAttribute()
	}
	if p.isPunct("/") {
		// Self-closing: the opening element becomes the element.
		p.closeAt(open, p.lastEnd)
		p.unwrapOpening(n)
		start := p.lx.tok.start
		p.lx.pos = start + 1
		p.lx.tok.end = start + 1
		p.flush()
		p.advance()
		if !p.isPunct(">") || p.lx.tok.start != start+1 {
			p.fail("expected />")
		}
		p.addLeaf(tokenKind("/>"), syntax.NoField, false, start, start+2)
		p.jsxAdvanceRaw(start + 2)
		p.close(n)
		return n
	}
	p.jsxTokenAfter(">")
	p.close(open)
	p.jsxChildren()
	p.jsxClosing()
	p.close(n)
	return n
}

// unwrapOpening turns element n, whose only child is its opening element,
// into a self-closing element holding the opening element's children.
func (p *parser) unwrapOpening(n int32) {
	o := n + 1
	copy(p.nodes[o:], p.nodes[o+1:])
	p.nodes = p.nodes[:len(p.nodes)-1]
	for j := int(o); j < len(p.nodes); j++ {
		switch q := p.nodes[j].Parent; {
		case q == o:
			p.nodes[j].Parent = n
		case q > o:
			p.nodes[j].Parent = q - 1
		}
	}
	p.nodes[n].Kind = syntax.KJsxSelfClosingElement
}

// jsxTokenAfter emits the current '>' token; JSX text follows it, so the
// scanner does not read on.
func (p *parser) jsxTokenAfter(s string) {
	p.flush()
	t := p.lx.tok
	p.addLeaf(tokenKind(s), syntax.NoField, false, t.start, t.end)
	p.lastEnd = t.end
	p.flushed = t.end
	p.lx.pos = t.end
}

// jsxAdvanceRaw positions the scanner at pos and scans the next token.
func (p *parser) jsxAdvanceRaw(pos uint32) {
	p.lastEnd = pos
	p.lx.pos = pos
	p.lx.tok.end = pos
	p.flushed = pos
	p.lx.next()
}

// jsxName parses an element name: identifier, dashed identifier, a.b.c or
// ns:name.
func (p *parser) jsxName() {
	e := p.jsxIdent(syntax.FName, syntax.KIdentifier)
	switch {
	case p.isPunct(":"):
		w := p.wrap(e, kJsxNamespace)
		p.skip()
		p.jsxIdent(syntax.NoField, syntax.KIdentifier)
		p.close(w)
	case p.isPunct("."):
		for p.isPunct(".") {
			m := p.wrap(e, syntax.KMemberExpression)
			p.setField(m+1, syntax.FObject)
			p.skip()
			p.jsxIdent(syntax.FProperty, syntax.KPropertyIdentifier)
			p.close(m)
			e = m
		}
	}
}

// jsxIdent parses an identifier that may contain dashes.
func (p *parser) jsxIdent(f syntax.Field, k syntax.Kind) int32 {
	if p.lx.tok.kind != tIdent {
		p.fail("expected a JSX name")
	}
	p.flush()
	start := p.lx.tok.start
	end := p.lx.tok.end
	for int(end) < len(p.src) && p.src[end] == '-' {
		e := end + 1
		for int(e) < len(p.src) && (isIDPartByte(p.src[e]) || p.src[e] == '-') {
			e++
		}
		end = e
	}
	i := p.addLeaf(k, f, true, start, end)
	p.jsxAdvanceRaw(end)
	return i
}

func isIDPartByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$'
}

// jsxAttribute parses name[=value] or {...spread}.
func (p *parser) jsxAttribute() {
	if p.isPunct("{") {
		p.jsxExpression(syntax.FAttribute, false)
		return
	}
	a := p.open(syntax.KJsxAttribute, syntax.FAttribute)
	e := p.jsxIdent(syntax.NoField, syntax.KPropertyIdentifier)
	if p.isPunct(":") {
		p.nodes[e].Kind = syntax.KIdentifier
		w := p.wrap(e, kJsxNamespace)
		p.skip()
		p.jsxIdent(syntax.NoField, syntax.KIdentifier)
		p.close(w)
	}
	if p.isPunct("=") {
		p.token(syntax.NoField)
		switch {
		case p.lx.tok.kind == tString:
			p.flush()
			t := p.lx.tok
			// JSX strings may span lines and have no escapes.
			q := p.src[t.start]
			e := t.start + 1
			for int(e) < len(p.src) && p.src[e] != q {
				e++
			}
			if int(e) < len(p.src) {
				e++
			}
			t.end = e
			p.lx.tok.end = e
			p.lx.pos = e
			s := p.openAt(syntax.KString, syntax.NoField, t.start)
			p.stringParts(t.start+1, t.end-1, true)
			p.advance()
			p.closeAt(s, t.end)
		case p.isPunct("{"):
			p.jsxExpression(syntax.NoField, false)
		case p.isPunct("<"):
			p.jsxElement(syntax.NoField)
		default:
			p.fail("expected a JSX attribute value")
		}
	}
	p.close(a)
}

// jsxExpression parses {expr}, {...spread} or {} (with comments only).
func (p *parser) jsxExpression(f syntax.Field, child bool) {
	n := p.open(syntax.KJsxExpression, f)
	p.skip()
	switch {
	case p.isPunct("}"):
	case p.isPunct("..."):
		p.spread()
	default:
		p.expressions(syntax.NoField)
	}
	if !p.isPunct("}") {
		p.fail("expected }")
	}
	if !child {
		p.skip()
		p.close(n)
		return
	}
	p.flush()
	p.lastEnd = p.lx.tok.end
	p.lx.pos = p.lx.tok.end
	p.flushed = p.lx.tok.end
	p.close(n)
}

// jsxChildren parses text, expressions and elements up to '</'. The scanner
// position is just after the previous '>' or '}'.
func (p *parser) jsxChildren() {
	src := p.src
	for {
		i := p.lx.pos
		start := i
		for int(i) < len(src) && src[i] != '<' && src[i] != '{' && src[i] != '}' && src[i] != '>' {
			i++
		}
		tail := p.jsxText(start, i)
		tokStart := i
		if isBlankWithNewline(src[tail:i]) {
			tokStart = tail
		}
		if int(i) >= len(src) {
			p.lx.pos = i
			p.fail("unterminated JSX element")
		}
		switch src[i] {
		case '{':
			p.lx.pos = i + 1
			p.lx.tok = token{kind: tPunct, start: tokStart, end: i + 1}
			p.flushed = i
			p.jsxExpression(syntax.NoField, true)
		case '<':
			p.lx.tok = token{kind: tPunct, start: tokStart, end: i + 1}
			p.lx.pos = i + 1
			p.flushed = i
			if nt := p.peek(); nt.kind == tPunct && src[nt.start] == '/' {
				return
			}
			p.jsxElement(syntax.NoField)
			p.lx.pos = p.lastEnd
		default:
			p.lx.pos = i
			p.lx.tok = token{kind: tPunct, start: i, end: i + 1}
			p.fail("unexpected token in JSX text")
		}
	}
}

// jsxText emits the text src[from:to] as jsx_text runs and character
// references, and returns the start of the run after the last reference.
// Blank text with a line break is left out.
func (p *parser) jsxText(from, to uint32) uint32 {
	src := p.src
	frag := from
	emit := func(a, b uint32) {
		nl := false
		for k := a; k < b; k++ {
			switch src[k] {
			case ' ', '\t':
			case '\n', '\r':
				nl = true
			default:
				p.addLeaf(kJsxText, syntax.NoField, true, a, b)
				return
			}
		}
		if !nl {
			p.addLeaf(kJsxText, syntax.NoField, true, a, b)
		}
	}
	for i := from; i < to; {
		if src[i] == '&' {
			if e := charRefEnd(src, i, to); e > i {
				start := i
				if i > frag {
					if isBlankWithNewline(src[frag:i]) {
						start = frag
					} else {
						emit(frag, i)
					}
				}
				p.addLeaf(kHTMLCharRef, syntax.NoField, true, start, e)
				i, frag = e, e
				continue
			}
		}
		i++
	}
	if to > frag && !isBlankWithNewline(src[frag:to]) {
		emit(frag, to)
	}
	return frag
}

// jsxClosing parses </name> at the current '<'.
func (p *parser) jsxClosing() {
	c := p.open(kJsxClosing, syntax.FCloseTag)
	start := p.lx.tok.start
	p.advance() // <
	if !p.isPunct("/") {
		p.fail("expected </")
	}
	p.addLeaf(tokenKind("</"), syntax.NoField, false, start, p.lx.tok.end)
	p.advance()
	if !p.isPunct(">") {
		p.jsxName()
	}
	if !p.isPunct(">") {
		p.fail("expected >")
	}
	p.flush()
	t := p.lx.tok
	p.addLeaf(tokenKind(">"), syntax.NoField, false, t.start, t.end)
	p.lastEnd = t.end
	p.lx.pos = t.end
	p.flushed = t.end
	p.close(c)
	// The caller's scanner position is after '>'; the token after the
	// element is scanned by whoever reads on.
	p.lx.tok = token{kind: tPunct, start: t.start, end: t.end}
	p.lx.next()
}

// isBlankWithNewline reports whether s is whitespace containing a line
// break: such text between JSX children is no jsx_text node; the grammar
// folds it into the token that follows.
func isBlankWithNewline(s string) bool {
	nl := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t':
		case '\n', '\r':
			nl = true
		default:
			return false
		}
	}
	return nl
}
