package report

import (
	"sort"
	"strings"
)

// A small JavaScript and TypeScript tokenizer for the HTML report's code
// excerpts. It finds keywords, strings (with template literals and their
// nested ${...} expressions), comments, numbers and regular expression
// literals; everything else stays plain. It never fails: odd or broken
// input only makes the colouring less exact.

// Token classes, also the CSS classes of the HTML report (t-k, t-s, ...).
const (
	tokKeyword = "k"
	tokString  = "s"
	tokComment = "c"
	tokNumber  = "n"
	tokRegexp  = "r"
)

// token is a classed byte range [start, end) of a source.
type token struct {
	start, end int
	class      string
}

var jsKeywords = map[string]bool{}

func init() {
	for _, k := range []string{
		"abstract", "as", "async", "await", "break", "case", "catch", "class", "const", "continue",
		"debugger", "declare", "default", "delete", "do", "else", "enum", "export", "extends",
		"false", "finally", "for", "from", "function", "get", "if", "implements", "import", "in",
		"instanceof", "interface", "keyof", "let", "namespace", "new", "null", "of", "private",
		"protected", "public", "readonly", "return", "satisfies", "set", "static", "super",
		"switch", "this", "throw", "true", "try", "type", "typeof", "undefined", "var", "void",
		"while", "with", "yield",
	} {
		jsKeywords[k] = true
	}
}

// A '/' after one of these words starts a regular expression, not a
// division.
var regexpAfterWord = map[string]bool{
	"return": true, "typeof": true, "case": true, "do": true, "else": true, "in": true,
	"of": true, "new": true, "delete": true, "void": true, "throw": true, "yield": true,
	"await": true, "instanceof": true,
}

// tokenize returns the classed tokens of src in order, without overlaps.
func tokenize(src string) []token {
	var toks []token
	// templates holds, for each template literal whose ${...} expression is
	// open, the depth of braces inside that expression.
	var templates []int
	// exprStart: a '/' here would start a regular expression.
	exprStart := true
	i := 0
	n := len(src)
	// template scans template text from i (just after the ` or } at
	// start) to the end of the literal or the next ${, and records it as a
	// string.
	template := func(start int) {
		for i < n {
			switch {
			case src[i] == '\\':
				i += 2
				continue
			case src[i] == '`':
				i++
				toks = append(toks, token{start, i, tokString})
				exprStart = false
				return
			case src[i] == '$' && i+1 < n && src[i+1] == '{':
				i += 2
				toks = append(toks, token{start, i, tokString})
				templates = append(templates, 0)
				exprStart = true
				return
			}
			i++
		}
		i = min(i, n)
		toks = append(toks, token{start, i, tokString})
	}
	for i < n {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '/' && i+1 < n && src[i+1] == '/':
			start := i
			for i < n && src[i] != '\n' {
				i++
			}
			toks = append(toks, token{start, i, tokComment})
		case c == '/' && i+1 < n && src[i+1] == '*':
			start := i
			if end := strings.Index(src[i+2:], "*/"); end < 0 {
				i = n
			} else {
				i += 2 + end + 2
			}
			toks = append(toks, token{start, i, tokComment})
		case c == '"' || c == '\'':
			start := i
			i++
			for i < n && src[i] != c && src[i] != '\n' {
				if src[i] == '\\' {
					i++
				}
				i++
			}
			if i < n && src[i] == c {
				i++
			}
			i = min(i, n)
			toks = append(toks, token{start, i, tokString})
			exprStart = false
		case c == '`':
			i++
			template(i - 1)
		case c == '}' && len(templates) > 0 && templates[len(templates)-1] == 0:
			templates = templates[:len(templates)-1]
			i++
			template(i - 1)
		case c == '/' && exprStart:
			if end, ok := regexpEnd(src, i); ok {
				toks = append(toks, token{i, end, tokRegexp})
				i = end
				exprStart = false
			} else {
				i++
				exprStart = true
			}
		case isDigit(c) || c == '.' && i+1 < n && isDigit(src[i+1]):
			start := i
			for i < n && (isIdentByte(src[i]) || src[i] == '.' ||
				(src[i] == '+' || src[i] == '-') && (src[i-1] == 'e' || src[i-1] == 'E') && !isHexNumber(src[start:i])) {
				i++
			}
			toks = append(toks, token{start, i, tokNumber})
			exprStart = false
		case isIdentByte(c) || c >= 0x80:
			start := i
			for i < n && (isIdentByte(src[i]) || src[i] >= 0x80) {
				i++
			}
			word := src[start:i]
			afterDot := start > 0 && src[start-1] == '.' && (start < 2 || src[start-2] != '.')
			if jsKeywords[word] && !afterDot {
				toks = append(toks, token{start, i, tokKeyword})
				exprStart = regexpAfterWord[word]
			} else {
				exprStart = false
			}
		default:
			i++
			switch c {
			case '{':
				if len(templates) > 0 {
					templates[len(templates)-1]++
				}
			case '}':
				if len(templates) > 0 {
					templates[len(templates)-1]--
				}
			}
			exprStart = c != ')' && c != ']' && c != '}'
		}
	}
	return toks
}

// regexpEnd finds the end of a regular expression literal starting with
// the '/' at i, flags included; ok is false when none ends on this line.
func regexpEnd(src string, i int) (end int, ok bool) {
	inClass := false
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\n', '\r':
			return 0, false
		case '\\':
			j++
		case '[':
			inClass = true
		case ']':
			inClass = false
		case '/':
			if inClass {
				continue
			}
			if j == i+1 {
				return 0, false // "//" is a comment, handled before
			}
			j++
			for j < len(src) && isIdentByte(src[j]) {
				j++
			}
			return j, true
		}
	}
	return 0, false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isIdentByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '_' || c == '$'
}

func isHexNumber(s string) bool {
	return len(s) > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')
}

// htmlSeg is a run of code text with one token class ("" for plain).
type htmlSeg struct {
	Text, Class string
}

// highlighter colours lines of the scanned files, tokenizing each file
// once.
type highlighter struct {
	files map[string]*tokenizedFile
}

type tokenizedFile struct {
	src    string
	toks   []token
	starts []int // byte offset of each line
}

func newHighlighter() *highlighter {
	return &highlighter{files: map[string]*tokenizedFile{}}
}

func (h *highlighter) file(name, src string) *tokenizedFile {
	if f := h.files[name]; f != nil {
		return f
	}
	f := &tokenizedFile{src: src, toks: tokenize(src), starts: []int{0}}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			f.starts = append(f.starts, i+1)
		}
	}
	h.files[name] = f
	return f
}

// segments splits bytes [from, to) of 1-based line into runs by token
// class. from and to are offsets within the line's text.
func (f *tokenizedFile) segments(line, from, to int) []htmlSeg {
	if line < 1 || line > len(f.starts) || from >= to {
		return nil
	}
	base := f.starts[line-1]
	lo, hi := base+from, min(base+to, len(f.src))
	// The first token that ends after lo.
	k := sort.Search(len(f.toks), func(i int) bool { return f.toks[i].end > lo })
	var segs []htmlSeg
	add := func(text, class string) {
		if text == "" {
			return
		}
		if n := len(segs); n > 0 && segs[n-1].Class == class {
			segs[n-1].Text += text
			return
		}
		segs = append(segs, htmlSeg{text, class})
	}
	pos := lo
	for ; k < len(f.toks) && f.toks[k].start < hi; k++ {
		t := f.toks[k]
		s, e := max(t.start, lo), min(t.end, hi)
		add(f.src[pos:s], "")
		add(f.src[s:e], t.class)
		pos = e
	}
	add(f.src[pos:hi], "")
	return segs
}
