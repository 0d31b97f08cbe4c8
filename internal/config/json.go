package config

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// valueKind is the JSON type of a value.
type valueKind int

const (
	kindNull valueKind = iota
	kindBool
	kindNumber
	kindString
	kindArray
	kindObject
)

func (k valueKind) String() string {
	switch k {
	case kindNull:
		return "null"
	case kindBool:
		return "a boolean"
	case kindNumber:
		return "a number"
	case kindString:
		return "a string"
	case kindArray:
		return "an array"
	}
	return "an object"
}

// value is a parsed JSON value that remembers where it starts, so that a
// problem found while interpreting it can point at the right line and column.
type value struct {
	kind    valueKind
	off     int // byte offset of the value's first character
	str     string
	num     float64
	boolean bool
	elems   []*value
	members []member
}

// member is one key of an object, in source order.
type member struct {
	key    string
	keyOff int
	val    *value
}

// plain converts v to the values encoding/json would produce for an any.
func (v *value) plain() any {
	switch v.kind {
	case kindBool:
		return v.boolean
	case kindNumber:
		return v.num
	case kindString:
		return v.str
	case kindArray:
		out := make([]any, len(v.elems))
		for i, e := range v.elems {
			out[i] = e.plain()
		}
		return out
	case kindObject:
		out := make(map[string]any, len(v.members))
		for _, m := range v.members {
			out[m.key] = m.val.plain()
		}
		return out
	}
	return nil
}

// syntaxError is a JSON syntax problem at a byte offset.
type syntaxError struct {
	off int
	msg string
}

func (e *syntaxError) Error() string { return e.msg }

// maxDepth bounds nesting, so that hostile input cannot exhaust the stack.
const maxDepth = 200

// parseJSON parses JSON with comments (// and /* */) and trailing commas,
// as editors accept in JSON configuration files. Duplicate keys are errors.
func parseJSON(src []byte) (*value, error) {
	p := &jsonParser{src: src}
	p.skip()
	if p.err != nil {
		return nil, p.err
	}
	if p.pos >= len(src) {
		return nil, &syntaxError{p.pos, "the file is empty; expected a JSON object"}
	}
	v := p.value(0)
	if p.err != nil {
		return nil, p.err
	}
	p.skip()
	if p.err != nil {
		return nil, p.err
	}
	if p.pos < len(src) {
		return nil, &syntaxError{p.pos, fmt.Sprintf("unexpected %s after the end of the JSON value", p.describe())}
	}
	return v, nil
}

type jsonParser struct {
	src []byte
	pos int
	err error
}

func (p *jsonParser) fail(off int, format string, args ...any) {
	if p.err == nil {
		p.err = &syntaxError{off, fmt.Sprintf(format, args...)}
	}
}

// describe names the character at the current position, for messages.
func (p *jsonParser) describe() string {
	if p.pos >= len(p.src) {
		return "end of file"
	}
	r, _ := utf8.DecodeRune(p.src[p.pos:])
	if r == utf8.RuneError {
		return "invalid UTF-8"
	}
	if r < 0x20 || r == 0x7f {
		return fmt.Sprintf("control character %U", r)
	}
	return strconv.QuoteRune(r)
}

// skip passes over white space and comments.
func (p *jsonParser) skip() {
	for p.pos < len(p.src) {
		switch c := p.src[p.pos]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			p.pos++
		case c == '/' && p.pos+1 < len(p.src) && p.src[p.pos+1] == '/':
			for p.pos < len(p.src) && p.src[p.pos] != '\n' {
				p.pos++
			}
		case c == '/' && p.pos+1 < len(p.src) && p.src[p.pos+1] == '*':
			end := strings.Index(string(p.src[p.pos+2:]), "*/")
			if end < 0 {
				p.fail(p.pos, "unterminated /* comment")
				p.pos = len(p.src)
				return
			}
			p.pos += 2 + end + 2
		default:
			return
		}
	}
}

func (p *jsonParser) value(depth int) *value {
	if depth > maxDepth {
		p.fail(p.pos, "nested too deeply")
		return nil
	}
	if p.pos >= len(p.src) {
		p.fail(p.pos, "unexpected end of file; expected a value")
		return nil
	}
	start := p.pos
	switch c := p.src[p.pos]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		s, ok := p.string()
		if !ok {
			return nil
		}
		return &value{kind: kindString, off: start, str: s}
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	case c == 't' || c == 'f' || c == 'n':
		for _, lit := range []string{"true", "false", "null"} {
			if strings.HasPrefix(string(p.src[p.pos:min(len(p.src), p.pos+5)]), lit) && !p.identAt(p.pos+len(lit)) {
				p.pos += len(lit)
				switch lit {
				case "true":
					return &value{kind: kindBool, off: start, boolean: true}
				case "false":
					return &value{kind: kindBool, off: start}
				}
				return &value{kind: kindNull, off: start}
			}
		}
	case c == '\'':
		p.fail(p.pos, "strings must use double quotes")
		return nil
	}
	p.fail(p.pos, "unexpected %s; expected a value (object, array, string, number, true, false or null)", p.describe())
	return nil
}

func (p *jsonParser) identAt(i int) bool {
	if i >= len(p.src) {
		return false
	}
	c := p.src[i]
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func (p *jsonParser) object(depth int) *value {
	v := &value{kind: kindObject, off: p.pos}
	p.pos++ // {
	seen := map[string]bool{}
	for {
		p.skip()
		if p.err != nil {
			return nil
		}
		if p.pos >= len(p.src) {
			p.fail(v.off, "unterminated object: no closing }")
			return nil
		}
		if p.src[p.pos] == '}' {
			p.pos++
			return v
		}
		if p.src[p.pos] != '"' {
			if p.src[p.pos] == ',' {
				p.fail(p.pos, "unexpected \",\"; expected a key in double quotes")
			} else {
				p.fail(p.pos, "unexpected %s; expected a key in double quotes or }", p.describe())
			}
			return nil
		}
		keyOff := p.pos
		key, ok := p.string()
		if !ok {
			return nil
		}
		if seen[key] {
			p.fail(keyOff, "duplicate key %q", key)
			return nil
		}
		seen[key] = true
		p.skip()
		if p.err != nil {
			return nil
		}
		if p.pos >= len(p.src) || p.src[p.pos] != ':' {
			p.fail(p.pos, "unexpected %s; expected : after the key %q", p.describe(), key)
			return nil
		}
		p.pos++
		p.skip()
		if p.err != nil {
			return nil
		}
		val := p.value(depth + 1)
		if p.err != nil {
			return nil
		}
		v.members = append(v.members, member{key: key, keyOff: keyOff, val: val})
		if done, ok := p.afterItem(v.off, '}', "unterminated object: no closing }", fmt.Sprintf("expected , or } after the value of %q", key)); !ok {
			return nil
		} else if done {
			return v
		}
	}
}

// afterItem reads what follows a member of an object or an element of an
// array (opened at offset open): a comma, when more are to come, or the
// closing bracket, when done is true. ok is false after an error.
func (p *jsonParser) afterItem(open int, closer byte, unterminated, expected string) (done, ok bool) {
	p.skip()
	if p.err != nil {
		return false, false
	}
	if p.pos >= len(p.src) {
		p.fail(open, "%s", unterminated)
		return false, false
	}
	switch p.src[p.pos] {
	case ',':
		p.pos++
		return false, true
	case closer:
		p.pos++
		return true, true
	}
	p.fail(p.pos, "unexpected %s; %s", p.describe(), expected)
	return false, false
}

func (p *jsonParser) array(depth int) *value {
	v := &value{kind: kindArray, off: p.pos}
	p.pos++ // [
	for {
		p.skip()
		if p.err != nil {
			return nil
		}
		if p.pos >= len(p.src) {
			p.fail(v.off, "unterminated array: no closing ]")
			return nil
		}
		if p.src[p.pos] == ']' {
			p.pos++
			return v
		}
		e := p.value(depth + 1)
		if p.err != nil {
			return nil
		}
		v.elems = append(v.elems, e)
		if done, ok := p.afterItem(v.off, ']', "unterminated array: no closing ]", "expected , or ] in the array"); !ok {
			return nil
		} else if done {
			return v
		}
	}
}

// string reads a double-quoted string at the current position.
func (p *jsonParser) string() (string, bool) {
	start := p.pos
	p.pos++ // "
	var b strings.Builder
	for {
		if p.pos >= len(p.src) {
			p.fail(start, "unterminated string")
			return "", false
		}
		c := p.src[p.pos]
		switch {
		case c == '"':
			p.pos++
			return b.String(), true
		case c == '\\':
			if p.pos+1 >= len(p.src) {
				p.fail(start, "unterminated string")
				return "", false
			}
			esc := p.src[p.pos+1]
			switch esc {
			case '"', '\\', '/':
				b.WriteByte(esc)
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				r, n, ok := p.unicodeEscape(p.pos)
				if !ok {
					return "", false
				}
				b.WriteRune(r)
				p.pos += n
				continue
			default:
				p.fail(p.pos, "invalid escape \\%c in string", esc)
				return "", false
			}
			p.pos += 2
		case c < 0x20:
			if c == '\n' {
				p.fail(start, "unterminated string (strings cannot span lines)")
			} else {
				p.fail(p.pos, "control character %U in string; escape it", rune(c))
			}
			return "", false
		default:
			r, size := utf8.DecodeRune(p.src[p.pos:])
			if r == utf8.RuneError && size == 1 {
				p.fail(p.pos, "invalid UTF-8 in string")
				return "", false
			}
			b.Write(p.src[p.pos : p.pos+size])
			p.pos += size
		}
	}
}

// unicodeEscape reads \uXXXX (and a following low surrogate) at i; it
// returns the rune and the bytes consumed.
func (p *jsonParser) unicodeEscape(i int) (rune, int, bool) {
	hex := func(at int) (rune, bool) {
		if at+6 > len(p.src) || p.src[at] != '\\' || p.src[at+1] != 'u' {
			return 0, false
		}
		n, err := strconv.ParseUint(string(p.src[at+2:at+6]), 16, 16)
		return rune(n), err == nil
	}
	r, ok := hex(i)
	if !ok {
		p.fail(i, "invalid \\u escape in string; expected four hexadecimal digits")
		return 0, 0, false
	}
	if utf16.IsSurrogate(r) {
		if r2, ok := hex(i + 6); ok {
			if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
				return d, 12, true
			}
		}
		return utf8.RuneError, 6, true
	}
	return r, 6, true
}

func (p *jsonParser) number() *value {
	start := p.pos
	i := p.pos
	digits := func() int {
		n := 0
		for i < len(p.src) && p.src[i] >= '0' && p.src[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(p.src) && p.src[i] == '-' {
		i++
	}
	intStart := i
	if digits() == 0 {
		p.fail(start, "invalid number")
		return nil
	}
	if p.src[intStart] == '0' && i-intStart > 1 {
		p.fail(start, "invalid number: leading zeros are not allowed")
		return nil
	}
	if i < len(p.src) && p.src[i] == '.' {
		i++
		if digits() == 0 {
			p.fail(start, "invalid number: expected digits after the decimal point")
			return nil
		}
	}
	if i < len(p.src) && (p.src[i] == 'e' || p.src[i] == 'E') {
		i++
		if i < len(p.src) && (p.src[i] == '+' || p.src[i] == '-') {
			i++
		}
		if digits() == 0 {
			p.fail(start, "invalid number: expected digits in the exponent")
			return nil
		}
	}
	if p.identAt(i) {
		p.fail(start, "invalid number")
		return nil
	}
	f, err := strconv.ParseFloat(string(p.src[start:i]), 64)
	if err != nil {
		p.fail(start, "number out of range")
		return nil
	}
	p.pos = i
	return &value{kind: kindNumber, off: start, num: f}
}

// position converts a byte offset to a 1-based line and column; the column
// counts characters.
func position(src []byte, off int) (line, col int) {
	if off > len(src) {
		off = len(src)
	}
	line = 1
	lineStart := 0
	for i := 0; i < off; i++ {
		if src[i] == '\n' {
			line++
			lineStart = i + 1
		}
	}
	return line, utf8.RuneCount(src[lineStart:off]) + 1
}
