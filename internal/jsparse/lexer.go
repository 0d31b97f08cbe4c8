package jsparse

import (
	"unicode"
	"unicode/utf8"
)

// tokKind classifies a token.
type tokKind uint8

const (
	tEOF     tokKind = iota
	tIdent           // an identifier or keyword (keywords are told apart by text)
	tPrivate         // #name
	tNumber
	tString
	tTemplate // the opening backquote; the parser scans the rest
	tPunct    // an operator or punctuation mark
	tRegex    // only after rescanRegex
	tInvalid  // a character that starts no token
)

// token is the current token: its kind, byte span and whether a line break
// precedes it.
type token struct {
	kind       tokKind
	start, end uint32
	nl         bool // a line terminator lies between the previous token and this one
	escaped    bool // an identifier containing a unicode escape
}

// lexer scans src on demand. The parser decides the context (regex or
// division, template continuation, JSX), so the lexer state is just a
// position and the current token; saving it for backtracking is a copy.
type lexer struct {
	src     string
	pos     uint32 // where the next token's scan begins
	tok     token
	prevEnd uint32 // end of the previous token
}

func isIDStart(c rune) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$' ||
		c >= 0x80 && (unicode.IsLetter(c) || unicode.Is(unicode.Nl, c) || unicode.Is(unicode.Other_ID_Start, c))
}

func isIDPart(c rune) bool {
	return isIDStart(c) || c >= '0' && c <= '9' || c == 0x200c || c == 0x200d ||
		c >= 0x80 && (unicode.Is(unicode.Mn, c) || unicode.Is(unicode.Mc, c) || unicode.Is(unicode.Nd, c) || unicode.Is(unicode.Pc, c))
}

// isSpace reports the whitespace tree-sitter skips between tokens.
func isSpace(c rune) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '\v', '\f', 0xa0, 0xfeff, 0x2060, 0x200b, 0x2028, 0x2029:
		return true
	}
	return c >= 0x80 && unicode.IsSpace(c)
}

// skipTrivia skips whitespace and comments from pos and reports whether a
// line terminator was crossed.
func (lx *lexer) skipTrivia(pos uint32) (uint32, bool) {
	nl := false
	src := lx.src
	for int(pos) < len(src) {
		c := src[pos]
		switch {
		case c == '\n' || c == '\r':
			nl = true
			pos++
		case c == ' ' || c == '\t' || c == '\v' || c == '\f':
			pos++
		case c == '/' && int(pos)+1 < len(src) && src[pos+1] == '/':
			pos = lineEnd(src, pos)
		case c == '/' && int(pos)+1 < len(src) && src[pos+1] == '*':
			end, hasNL := blockCommentEnd(src, pos)
			nl = nl || hasNL
			pos = end
		case c >= 0x80:
			r, size := utf8.DecodeRuneInString(src[pos:])
			if !isSpace(r) {
				return pos, nl
			}
			if r == 0x2028 || r == 0x2029 {
				nl = true
			}
			pos += uint32(size)
		default:
			return pos, nl
		}
	}
	return pos, nl
}

// lineEnd is the offset of the line terminator ending the line comment at pos.
func lineEnd(src string, pos uint32) uint32 {
	for int(pos) < len(src) {
		c := src[pos]
		if c == '\n' || c == '\r' {
			return pos
		}
		if c == 0xe2 && int(pos)+2 < len(src) && src[pos+1] == 0x80 && (src[pos+2] == 0xa8 || src[pos+2] == 0xa9) {
			return pos
		}
		pos++
	}
	return pos
}

// blockCommentEnd returns the end of the block comment at pos and whether
// it spans lines. An unterminated comment runs to the end of the source.
func blockCommentEnd(src string, pos uint32) (uint32, bool) {
	nl := false
	for i := int(pos) + 2; i < len(src); i++ {
		switch src[i] {
		case '*':
			if i+1 < len(src) && src[i+1] == '/' {
				return uint32(i + 2), nl
			}
		case '\n', '\r':
			nl = true
		}
	}
	return uint32(len(src)), nl
}

// next scans the token at lx.pos.
func (lx *lexer) next() {
	lx.prevEnd = lx.tok.end
	start, nl := lx.skipTrivia(lx.pos)
	lx.scanAt(start, nl)
}

// scanAt scans a token starting exactly at start.
func (lx *lexer) scanAt(start uint32, nl bool) {
	src := lx.src
	t := token{start: start, nl: nl}
	if int(start) >= len(src) {
		t.kind, t.end = tEOF, start
		lx.tok, lx.pos = t, start
		return
	}
	c := src[start]
	p := start
	switch {
	case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$' || c == '\\' || c >= 0x80:
		end, esc, ok := scanIdent(src, p)
		if !ok {
			_, size := utf8.DecodeRuneInString(src[p:])
			t.kind, t.end = tInvalid, p+uint32(size)
		} else {
			t.kind, t.end, t.escaped = tIdent, end, esc
		}
	case c >= '0' && c <= '9' || c == '.' && int(p)+1 < len(src) && src[p+1] >= '0' && src[p+1] <= '9':
		t.kind, t.end = tNumber, scanNumber(src, p)
	case c == '"' || c == '\'':
		t.kind, t.end = tString, scanString(src, p)
	case c == '`':
		t.kind, t.end = tTemplate, p+1
	case c == '#':
		if int(p)+1 < len(src) {
			if end, _, ok := scanIdent(src, p+1); ok {
				t.kind, t.end = tPrivate, end
				break
			}
		}
		t.kind, t.end = tPunct, p+1
	default:
		t.kind, t.end = tPunct, p+punctLen(src, p)
		if t.end == p {
			t.kind, t.end = tInvalid, p+1
		}
	}
	lx.tok, lx.pos = t, t.end
}

// scanIdent scans an identifier at p (with unicode escapes).
func scanIdent(src string, p uint32) (end uint32, escaped, ok bool) {
	first := true
	for int(p) < len(src) {
		c := src[p]
		var r rune
		size := uint32(1)
		switch {
		case c == '\\':
			if int(p)+1 >= len(src) || src[p+1] != 'u' {
				return p, escaped, !first
			}
			e := p + 2
			if int(e) < len(src) && src[e] == '{' {
				for int(e) < len(src) && src[e] != '}' {
					e++
				}
				e++
			} else {
				e += 4
			}
			if int(e) > len(src) {
				return p, escaped, !first
			}
			escaped = true
			p = e
			first = false
			continue
		case c < 0x80:
			r = rune(c)
		default:
			var n int
			r, n = utf8.DecodeRuneInString(src[p:])
			size = uint32(n)
		}
		if first && !isIDStart(r) || !first && !isIDPart(r) {
			return p, escaped, !first
		}
		first = false
		p += size
	}
	return p, escaped, !first
}

func isDigitOrSep(c byte) bool { return c >= '0' && c <= '9' || c == '_' }

func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '_'
}

// scanNumber scans a numeric literal: decimal, hex, octal, binary, legacy
// octal, exponent, separators and the bigint suffix.
func scanNumber(src string, p uint32) uint32 {
	n := uint32(len(src))
	if src[p] == '0' && p+1 < n {
		switch src[p+1] | 0x20 {
		case 'x', 'o', 'b':
			p += 2
			for p < n && isHexDigit(src[p]) {
				p++
			}
			if p < n && src[p] == 'n' {
				p++
			}
			return p
		}
	}
	for p < n && isDigitOrSep(src[p]) {
		p++
	}
	if p < n && src[p] == 'n' {
		return p + 1
	}
	if p < n && src[p] == '.' {
		p++
		for p < n && isDigitOrSep(src[p]) {
			p++
		}
	}
	if p < n && (src[p]|0x20) == 'e' {
		q := p + 1
		if q < n && (src[q] == '+' || src[q] == '-') {
			q++
		}
		if q < n && src[q] >= '0' && src[q] <= '9' {
			p = q
			for p < n && isDigitOrSep(src[p]) {
				p++
			}
		}
	}
	return p
}

// scanString scans a quoted string; an unterminated one ends at the line end.
func scanString(src string, p uint32) uint32 {
	q := src[p]
	p++
	for int(p) < len(src) {
		c := src[p]
		switch c {
		case q:
			return p + 1
		case '\\':
			p += 2
			if int(p) <= len(src) && src[p-1] == '\r' && int(p) < len(src) && src[p] == '\n' {
				p++
			}
			continue
		case '\n':
			return p
		}
		p++
	}
	return uint32(len(src))
}

// punctLen is the length of the punctuator at p, 0 if none. A '>' is always
// scanned alone: the parser joins '>' tokens into shift and comparison
// operators, so that type argument lists can close with '>>'.
func punctLen(src string, p uint32) uint32 {
	rest := src[p:]
	at := func(i int) byte {
		if i < len(rest) {
			return rest[i]
		}
		return 0
	}
	c := rest[0]
	switch c {
	case '{', '}', '(', ')', '[', ']', ';', ',', '~', '@', '#', ':', '>':
		return 1
	case '.':
		if at(1) == '.' && at(2) == '.' {
			return 3
		}
		return 1
	case '=':
		switch at(1) {
		case '=':
			if at(2) == '=' {
				return 3
			}
			return 2
		case '>':
			return 2
		}
		return 1
	case '!':
		if at(1) == '=' {
			if at(2) == '=' {
				return 3
			}
			return 2
		}
		return 1
	case '<':
		if at(1) == '<' {
			if at(2) == '=' {
				return 3
			}
			return 2
		}
		if at(1) == '=' {
			return 2
		}
		return 1
	case '+', '-':
		if at(1) == c || at(1) == '=' {
			return 2
		}
		return 1
	case '*', '&', '|':
		if at(1) == c {
			if at(2) == '=' {
				return 3
			}
			return 2
		}
		if at(1) == '=' {
			return 2
		}
		return 1
	case '/', '%', '^':
		if at(1) == '=' {
			return 2
		}
		return 1
	case '?':
		if at(1) == '?' {
			if at(2) == '=' {
				return 3
			}
			return 2
		}
		if at(1) == '.' && !(at(2) >= '0' && at(2) <= '9') {
			return 2
		}
		return 1
	}
	return 0
}

// decodeRune decodes the first character of s.
func decodeRune(s string) (rune, int) { return utf8.DecodeRuneInString(s) }
