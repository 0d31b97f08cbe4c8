package jsparse

import (
	"github.com/racecheck/racecheck/internal/syntax"
)

// perr is the first syntax error: its byte offset and message.
type perr struct {
	pos uint32
	msg string
}

// failure is panicked to abandon a speculative parse or a statement.
type failure struct{}

// maxDepth bounds the recursion of the parser.
const maxDepth = 800

// maxRetries bounds the statements of a file read a second time under the
// lenient reading, which keeps the cost of broken files linear.
const maxRetries = 64

// parser builds the flat tree straight into nodes, in pre-order. A node is
// opened (its slot reserved) before its children and closed after them;
// a node discovered after its first child (a binary expression after its
// left operand) is inserted before that child by wrap.
type parser struct {
	lx             lexer
	src            string
	lang           Lang
	ts             bool // the TypeScript grammars (typescript, tsx)
	jsx            bool // JSX is allowed (javascript, tsx)
	nodes          []syntax.RawNode
	stack          []int32 // open nodes
	flushed        uint32  // comments before this offset are in the tree
	lastEnd        uint32  // end of the last token consumed
	err            *perr
	spec           int // depth of speculative parses: errors abandon them
	depth          int
	inAsync        bool
	inGen          bool
	noIn           bool            // 'in' is not a binary operator (for-in headers)
	failed         map[uint64]bool // speculative parses known to fail, by memoKey
	exprTypeArgs   bool            // parsing a call's type arguments
	lenient        bool            // reparsing a statement the grammars' reading fails on
	strictRejected bool
	retries        int    // statements read again under the lenient reading            // the grammars' reading rejected something lenient accepts
	inParams       bool   // a parameter's binding: `undefined` is the undefined node
	noBang         bool   // stop before a non-null '!' (a binary operand)
	asType         bool   // parsing the type after 'as' or 'satisfies'
	asTypeAt       uint32 // where that type starts
	noConditional  bool   // a conditional type is not allowed (extends constraints)
	returnTypeNext bool   // the next type read is a return type: => after it is an arrow's
}

func newParser(src string, lang Lang, scratch []syntax.RawNode) *parser {
	p := &parser{src: src, lang: lang, ts: lang != JavaScript, jsx: lang != TypeScript}
	p.lx.src = src
	p.nodes = scratch[:0]
	p.stack = make([]int32, 0, 64)
	return p
}

// state is what a speculative parse restores.
type state struct {
	lx      lexer
	nodes   int
	stack   int
	flushed uint32
	lastEnd uint32
}

func (p *parser) save() state {
	return state{lx: p.lx, nodes: len(p.nodes), stack: len(p.stack), flushed: p.flushed, lastEnd: p.lastEnd}
}

func (p *parser) restore(s state) {
	p.lx = s.lx
	p.nodes = p.nodes[:s.nodes]
	p.stack = p.stack[:s.stack]
	p.flushed = s.flushed
	p.lastEnd = s.lastEnd
}

// try runs fn speculatively: when it fails, the parser state is restored
// and try reports false.
func (p *parser) try(fn func()) (ok bool) {
	s := p.save()
	depth := p.depth
	inAsync, inGen, noIn := p.inAsync, p.inGen, p.noIn
	flags := [...]bool{p.noBang, p.asType, p.exprTypeArgs, p.noConditional, p.inParams}
	p.spec++
	defer func() {
		p.spec--
		if r := recover(); r != nil {
			if _, isFail := r.(failure); !isFail {
				panic(r)
			}
			p.restore(s)
			p.depth = depth
			p.inAsync, p.inGen, p.noIn = inAsync, inGen, noIn
			p.noBang, p.asType, p.exprTypeArgs, p.noConditional, p.inParams = flags[0], flags[1], flags[2], flags[3], flags[4]
			ok = false
		}
	}()
	fn()
	return true
}

// report records a syntax error at the current token, if it is the first,
// without abandoning the parse: for errors the parser reads past.
func (p *parser) report(msg string) {
	if p.spec == 0 && p.err == nil {
		p.err = &perr{pos: p.lx.tok.start, msg: msg}
	}
}

// fail records a syntax error at the current token and abandons the parse
// up to the nearest recovery point.
func (p *parser) fail(msg string) {
	if p.spec == 0 && p.err == nil {
		p.err = &perr{pos: p.lx.tok.start, msg: msg}
	}
	panic(failure{})
}

func (p *parser) enter() {
	p.depth++
	if p.depth > maxDepth {
		p.fail("nested too deeply")
	}
}

func (p *parser) leave() { p.depth-- }

// parent is the innermost open node, -1 for none.
func (p *parser) parent() int32 {
	if len(p.stack) == 0 {
		return -1
	}
	return p.stack[len(p.stack)-1]
}

// flush puts the comments before the current token into the innermost open
// node.
func (p *parser) flush() {
	if p.flushed < p.lx.tok.start {
		p.commentsIn(p.flushed, p.lx.tok.start)
		p.flushed = p.lx.tok.start
	}
}

// commentsIn adds the comments found in the trivia src[from:to].
func (p *parser) commentsIn(from, to uint32) {
	src := p.src
	for i := from; i < to; {
		c := src[i]
		if c == '/' && i+1 < to {
			switch src[i+1] {
			case '/':
				e := lineEnd(src, i)
				p.addLeaf(kComment, syntax.NoField, true, i, e)
				i = e
				continue
			case '*':
				e, _ := blockCommentEnd(src, i)
				p.addLeaf(kComment, syntax.NoField, true, i, e)
				i = e
				continue
			}
		}
		i++
	}
}

// addLeaf appends a node without children.
func (p *parser) addLeaf(k syntax.Kind, f syntax.Field, named bool, start, end uint32) int32 {
	i := int32(len(p.nodes))
	p.nodes = append(p.nodes, syntax.RawNode{Start: start, End: end, Parent: p.parent(), Kind: k, Field: f, Flags: syntax.FlagsFor(named, false, false)})
	return i
}

// open reserves a named node starting at the current token.
func (p *parser) open(k syntax.Kind, f syntax.Field) int32 {
	p.flush()
	return p.openAt(k, f, p.lx.tok.start)
}

// openAt reserves a named node starting at start.
func (p *parser) openAt(k syntax.Kind, f syntax.Field, start uint32) int32 {
	i := p.addLeaf(k, f, true, start, start)
	p.stack = append(p.stack, i)
	return i
}

// close ends node i at the last consumed token.
func (p *parser) close(i int32) {
	p.closeAt(i, p.lastEnd)
}

func (p *parser) closeAt(i int32, end uint32) {
	if n := len(p.stack); n == 0 || p.stack[n-1] != i {
		panic("jsparse: unbalanced node stack")
	}
	p.stack = p.stack[:len(p.stack)-1]
	if end < p.nodes[i].Start {
		end = p.nodes[i].Start
	}
	p.nodes[i].End = end
}

// wrap inserts a new open node of kind k before node at (a closed node whose
// subtree runs to the end of the array) and makes it at's parent. The new
// node takes at's field and start; at loses its field.
func (p *parser) wrap(at int32, k syntax.Kind) int32 {
	old := p.nodes[at]
	p.nodes = append(p.nodes, syntax.RawNode{})
	copy(p.nodes[at+1:], p.nodes[at:])
	for j := int(at) + 1; j < len(p.nodes); j++ {
		if p.nodes[j].Parent >= at {
			p.nodes[j].Parent++
		} else {
			p.nodes[j].Parent = at
		}
	}
	p.nodes[at+1].Parent = at
	p.nodes[at+1].Field = syntax.NoField
	p.nodes[at] = syntax.RawNode{Start: old.Start, End: old.End, Parent: old.Parent, Kind: k, Field: old.Field, Flags: syntax.FlagsFor(true, false, false)}
	p.stack = append(p.stack, at)
	return at
}

// setField sets the field of node i.
func (p *parser) setField(i int32, f syntax.Field) { p.nodes[i].Field = f }

// advance consumes the current token.
func (p *parser) advance() {
	if p.flushed < p.lx.tok.end {
		p.flush()
		p.flushed = p.lx.tok.end
	}
	p.lastEnd = p.lx.tok.end
	p.lx.next()
}

// tok is the current token's text.
func (p *parser) tok() string { return p.src[p.lx.tok.start:p.lx.tok.end] }

// is reports whether the current token is the punctuator or keyword s.
func (p *parser) is(s string) bool {
	t := &p.lx.tok
	if t.kind != tPunct && t.kind != tIdent || int(t.end-t.start) != len(s) {
		return false
	}
	return p.src[t.start:t.end] == s && !t.escaped
}

// isPunct reports whether the current token is the punctuator s.
func (p *parser) isPunct(s string) bool {
	t := &p.lx.tok
	return t.kind == tPunct && int(t.end-t.start) == len(s) && p.src[t.start:t.end] == s
}

// skip consumes punctuation that the tree leaves out, after flushing the
// comments before it.
func (p *parser) skip() {
	p.flush()
	p.advance()
}

// expect consumes the punctuator s or fails.
func (p *parser) expect(s string) {
	if !p.isPunct(s) {
		p.fail("expected " + s)
	}
	p.skip()
}

// eat consumes the punctuator s when it is the current token.
func (p *parser) eat(s string) bool {
	if p.isPunct(s) {
		p.skip()
		return true
	}
	return false
}

// token adds the current token as an anonymous node and consumes it.
func (p *parser) token(f syntax.Field) int32 {
	p.flush()
	t := p.lx.tok
	i := p.addLeaf(tokenKind(p.src[t.start:t.end]), f, false, t.start, t.end)
	p.advance()
	return i
}

// tokenAs adds the current token as an anonymous node of kind text.
func (p *parser) tokenAs(text string, f syntax.Field) int32 {
	p.flush()
	t := p.lx.tok
	i := p.addLeaf(tokenKind(text), f, false, t.start, t.end)
	p.advance()
	return i
}

// leaf adds the current token as a named node of kind k and consumes it.
func (p *parser) leaf(k syntax.Kind, f syntax.Field) int32 {
	p.flush()
	t := p.lx.tok
	i := p.addLeaf(k, f, true, t.start, t.end)
	p.advance()
	return i
}

// peek returns the token after the current one.
func (p *parser) peek() token {
	lx := p.lx
	lx.next()
	return lx.tok
}

// peekText is the text of the token after the current one.
func (p *parser) peekText() (token, string) {
	t := p.peek()
	return t, p.src[t.start:t.end]
}

// Speculative parses whose failure is remembered by position, so that
// nested attempts stay linear.
const (
	memoArrow = iota + 1
	memoGeneric
)

func memoKey(kind int, pos uint32) uint64 { return uint64(kind)<<32 | uint64(pos) }

// remember records a failed speculative parse.
func (p *parser) remember(key uint64) {
	if p.failed == nil {
		p.failed = map[uint64]bool{}
	}
	p.failed[key] = true
}
