package luatext

import "strings"

type tokKind int

const (
	tNone tokKind = iota
	tName
	tKeyword
	tNumber
	tString
	tOp
)

type token struct {
	kind tokKind
	text string // a string's contents, unquoted
	off  int
}

func (t token) is(s string) bool { return t.kind != tString && t.text == s }

// depth is +1 for an opening bracket, -1 for a closing one.
func (t token) depth() int {
	if t.kind != tOp {
		return 0
	}
	switch t.text {
	case "(", "[", "{":
		return 1
	case ")", "]", "}":
		return -1
	}
	return 0
}

// binary reports whether the token joins two operands (or continues a
// prefix expression: a.b, a:b(), a, b).
func (t token) binary() bool {
	if t.kind == tKeyword {
		return t.text == "and" || t.text == "or"
	}
	if t.kind != tOp {
		return false
	}
	switch t.text {
	case "==", "~=", "<", ">", "<=", ">=", "..", "+", "-", "*", "/", "//", "%", "^", ".", ":", ",", "&", "|", "~", "<<", ">>":
		return true
	}
	return false
}

var keywords = map[string]bool{
	"and": true, "break": true, "do": true, "else": true, "elseif": true, "end": true, "false": true,
	"for": true, "function": true, "goto": true, "if": true, "in": true, "local": true, "nil": true,
	"not": true, "or": true, "repeat": true, "return": true, "then": true, "true": true, "until": true, "while": true,
}

// lex splits Lua source into tokens, dropping comments and white space.
func lex(src string) []token {
	var out []token
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case strings.HasPrefix(src[i:], "--"):
			i += 2
			if n := longBracket(src[i:]); n >= 0 {
				i = skipLong(src, i, n)
				continue
			}
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '"' || c == '\'':
			start := i
			i++
			var b strings.Builder
			for i < len(src) && src[i] != c && src[i] != '\n' {
				if src[i] == '\\' && i+1 < len(src) {
					i++
				}
				b.WriteByte(src[i])
				i++
			}
			i++
			out = append(out, token{kind: tString, text: b.String(), off: start})
		case c == '[' && longBracket(src[i:]) >= 0:
			start := i
			n := longBracket(src[i:])
			body := i + n + 2
			i = skipLong(src, i, n)
			end := i - n - 2
			if end < body {
				end = body
			}
			out = append(out, token{kind: tString, text: src[body:end], off: start})
		case isLetter(c):
			start := i
			for i < len(src) && (isLetter(src[i]) || isDigit(src[i])) {
				i++
			}
			w := src[start:i]
			k := tName
			if keywords[w] {
				k = tKeyword
			}
			out = append(out, token{kind: k, text: w, off: start})
		case isDigit(c):
			start := i
			for i < len(src) && (isDigit(src[i]) || isLetter(src[i]) || src[i] == '.') {
				i++
			}
			out = append(out, token{kind: tNumber, text: src[start:i], off: start})
		default:
			start := i
			op := string(c)
			for _, o := range []string{"...", "==", "~=", "<=", ">=", "..", "//", "<<", ">>", "::"} {
				if strings.HasPrefix(src[i:], o) {
					op = o
					break
				}
			}
			i += len(op)
			out = append(out, token{kind: tOp, text: op, off: start})
		}
	}
	return out
}

// longBracket returns the level of a long bracket [[ or [==[ at the start
// of s, or -1.
func longBracket(s string) int {
	if len(s) < 2 || s[0] != '[' {
		return -1
	}
	n := 0
	for n+1 < len(s) && s[n+1] == '=' {
		n++
	}
	if n+1 < len(s) && s[n+1] == '[' {
		return n
	}
	return -1
}

// skipLong returns the offset after the long string or comment of level n
// opening at i.
func skipLong(src string, i, n int) int {
	closer := "]" + strings.Repeat("=", n) + "]"
	j := strings.Index(src[i+n+2:], closer)
	if j < 0 {
		return len(src)
	}
	return i + n + 2 + j + len(closer)
}

func isLetter(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
