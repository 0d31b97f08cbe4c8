//go:build treesitter

// Package treesitter is the tree-sitter front end, kept as a test oracle
// for racecheck's own parser (package jsparse), which must build the same
// trees: it parses JavaScript and TypeScript with tree-sitter through cgo
// and flattens each tree into a syntax.Tree. It builds only with the
// treesitter build tag (go test -tags treesitter ./internal/jsparse/).
package treesitter

/*
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <stdbool.h>
typedef struct TSParser TSParser;
typedef struct TSLanguage TSLanguage;
typedef struct { uint32_t start, end; int32_t parent; int32_t next; uint16_t kind; uint8_t field; uint8_t flags; } rc_node;
typedef struct { rc_node *nodes; uint32_t len, cap; int status; } rc_result;
TSParser *ts_parser_new(void);
void ts_parser_delete(TSParser *self);
bool ts_parser_set_language(TSParser *self, const TSLanguage *language);
void ts_parser_set_timeout_micros(TSParser *self, uint64_t timeout_micros);
uint32_t ts_language_symbol_count(const TSLanguage *self);
const char *ts_language_symbol_name(const TSLanguage *self, uint16_t symbol);
uint32_t ts_language_field_count(const TSLanguage *self);
const char *ts_language_field_name_for_id(const TSLanguage *self, uint16_t id);
const TSLanguage *tree_sitter_javascript(void);
const TSLanguage *tree_sitter_typescript(void);
const TSLanguage *tree_sitter_tsx(void);
void rc_parse_go(TSParser *parser, const char *src, uint32_t len,
                 const uint16_t *kinds, const uint8_t *keep, uint32_t nsym,
                 const uint8_t *fields, uint32_t nfield, rc_result *out);
*/
import "C"

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unsafe"

	"github.com/racecheck/racecheck/internal/syntax"

	// The grammars' C code, linked into the binary for the C calls above.
	_ "github.com/smacker/go-tree-sitter/javascript"
	_ "github.com/smacker/go-tree-sitter/typescript/tsx"
	_ "github.com/smacker/go-tree-sitter/typescript/typescript"
)

// Lang is a source language (grammar).
type Lang int

// The grammars.
const (
	JavaScript Lang = iota // .js .jsx .mjs .cjs (JSX included)
	TypeScript             // .ts .mts .cts
	TSX                    // .tsx
	numLangs
)

func (l Lang) String() string {
	switch l {
	case JavaScript:
		return "javascript"
	case TypeScript:
		return "typescript"
	case TSX:
		return "tsx"
	}
	return "unknown"
}

// LangOf returns the grammar for a file name, and false for files racecheck
// does not read.
func LangOf(name string) (Lang, bool) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".js", ".jsx", ".mjs", ".cjs":
		return JavaScript, true
	case ".ts", ".mts", ".cts":
		return TypeScript, true
	case ".tsx":
		return TSX, true
	}
	return 0, false
}

// grammar holds one language's mapping onto the syntax vocabulary, as C arrays.
type grammar struct {
	lang   *C.TSLanguage
	kinds  *C.uint16_t // symbol -> syntax.Kind; entry nsym is the error kind
	keep   *C.uint8_t  // symbol -> keep the node even when anonymous
	nsym   C.uint32_t
	fields *C.uint8_t // field id -> syntax.Field
	nfield C.uint32_t
}

var grammars [numLangs]grammar

// punctuation is left out of the flat tree: no analysis reads it.
var punctuation = map[string]bool{
	"(": true, ")": true, "[": true, "]": true, "{": true, "}": true,
	",": true, ";": true, ".": true, "`": true, "\"": true, "'": true,
	"${": true, ":": true, "=>": true,
}

func init() {
	if unsafe.Sizeof(syntax.RawNode{}) != unsafe.Sizeof(C.rc_node{}) {
		panic("parse: syntax.RawNode does not match rc_node")
	}
	langs := [numLangs]*C.TSLanguage{C.tree_sitter_javascript(), C.tree_sitter_typescript(), C.tree_sitter_tsx()}
	for i, l := range langs {
		n := uint32(C.ts_language_symbol_count(l))
		kinds := make([]uint16, n+1)
		keep := make([]uint8, n)
		for s := uint32(0); s < n; s++ {
			name := C.GoString(C.ts_language_symbol_name(l, C.uint16_t(s)))
			kinds[s] = uint16(syntax.Intern(name))
			if !punctuation[name] {
				keep[s] = 1
			}
		}
		kinds[n] = uint16(syntax.KError)
		nf := uint32(C.ts_language_field_count(l)) + 1
		fields := make([]uint8, nf)
		for f := uint32(1); f < nf; f++ {
			p := C.ts_language_field_name_for_id(l, C.uint16_t(f))
			if p != nil {
				fields[f] = uint8(syntax.InternField(C.GoString(p)))
			}
		}
		grammars[i] = grammar{
			lang:   l,
			kinds:  (*C.uint16_t)(cArray(unsafe.Pointer(&kinds[0]), len(kinds)*2)),
			keep:   (*C.uint8_t)(cArray(unsafe.Pointer(&keep[0]), len(keep))),
			nsym:   C.uint32_t(n),
			fields: (*C.uint8_t)(cArray(unsafe.Pointer(&fields[0]), len(fields))),
			nfield: C.uint32_t(nf),
		}
	}
}

// cArray copies n bytes into C memory that lives as long as the process.
func cArray(p unsafe.Pointer, n int) unsafe.Pointer {
	c := C.malloc(C.size_t(n))
	C.memcpy(c, p, C.size_t(n))
	return c
}

// Errors a parse can end with.
var (
	ErrTimeout  = errors.New("parsing took too long")
	ErrNesting  = errors.New("nested too deeply to analyse")
	ErrNoMemory = errors.New("out of memory while parsing")
)

// SyntaxError reports a file that does not parse.
type SyntaxError struct {
	Line, Column int
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("syntax error at line %d, column %d", e.Line, e.Column)
}

// Parser parses files. It holds C parsers and is not safe for concurrent
// use: give each worker its own, and Close it when done.
type Parser struct {
	ps [numLangs]*C.TSParser
}

// NewParser returns a parser for every language.
func NewParser() *Parser {
	p := &Parser{}
	for i := range p.ps {
		p.ps[i] = C.ts_parser_new()
		C.ts_parser_set_language(p.ps[i], grammars[i].lang)
		C.ts_parser_set_timeout_micros(p.ps[i], 10_000_000)
	}
	return p
}

// Close frees the C parsers.
func (p *Parser) Close() {
	for i, c := range p.ps {
		if c != nil {
			C.ts_parser_delete(c)
			p.ps[i] = nil
		}
	}
}

// Parse parses src as lang. A file with syntax errors returns its tree and a
// *SyntaxError pointing at the first one.
func (p *Parser) Parse(src string, lang Lang) (*syntax.Tree, error) {
	if lang < 0 || lang >= numLangs {
		return nil, fmt.Errorf("unknown language %d", lang)
	}
	g := &grammars[lang]
	var res C.rc_result
	var cs *C.char
	if len(src) > 0 {
		cs = (*C.char)(unsafe.Pointer(unsafe.StringData(src)))
	}
	C.rc_parse_go(p.ps[lang], cs, C.uint32_t(len(src)), g.kinds, g.keep, g.nsym, g.fields, g.nfield, &res)
	defer C.free(unsafe.Pointer(res.nodes))
	switch res.status {
	case 1:
		return nil, ErrTimeout
	case 2:
		return nil, ErrNoMemory
	case 3:
		return nil, ErrNesting
	}
	raw := unsafe.Slice((*syntax.RawNode)(unsafe.Pointer(res.nodes)), int(res.len))
	nodes := make([]syntax.RawNode, len(raw))
	copy(nodes, raw)
	if lang != JavaScript {
		nodes = hoistPrefixOverGenericCall(nodes)
	}
	t := syntax.NewTree(src, nodes)
	if bad, ok := t.FirstHarmfulError(); ok {
		line, col := t.Position(bad.Start())
		return t, &SyntaxError{Line: line, Column: col}
	}
	return t, nil
}

// hoistPrefixOverGenericCall repairs how the TypeScript grammar reads a
// generic call after a prefix operator: `await x.f<T>(args).then(g)` as a
// call whose callee is `await x.f`, the rest of the chain applied to that
// call. Each prefix expression (await, typeof, void, delete, !, ~, -, +)
// that is the callee of a call with type arguments moves above the call and
// above the member accesses, calls, subscripts and non-null assertions that
// follow (and, for await, above an as or satisfies expression), so that it
// applies to the whole chain, as it does in JavaScript and as jsparse
// builds it. The nodes are returned in pre-order.
func hoistPrefixOverGenericCall(nodes []syntax.RawNode) []syntax.RawNode {
	quirk := func(i int) bool {
		n := nodes[i]
		return n.Parent >= 0 && n.Field == syntax.FFunction && isPrefix(n.Kind) &&
			nodes[n.Parent].Kind == syntax.KCallExpression && hasTypeArguments(nodes, n.Parent)
	}
	found := false
	for i := range nodes {
		if quirk(i) {
			found = true
			break
		}
	}
	if !found {
		return nodes
	}
	type tnode struct {
		raw    syntax.RawNode
		parent int
		kids   []int
	}
	t := make([]tnode, len(nodes))
	for i, n := range nodes {
		t[i] = tnode{raw: n, parent: int(n.Parent)}
		if n.Parent >= 0 {
			t[n.Parent].kids = append(t[n.Parent].kids, i)
		}
	}
	replace := func(parent, old, repl int) {
		for k, c := range t[parent].kids {
			if c == old {
				t[parent].kids[k] = repl
			}
		}
	}
	var todo []int
	for i := range nodes {
		if quirk(i) {
			todo = append(todo, i)
		}
	}
	for _, u := range todo {
		// u is the prefix expression; its operand is its last named kid.
		operandField := syntax.NoField
		if t[u].raw.Kind == syntax.KUnaryExpression {
			operandField = syntax.FArgument
		}
		for {
			q := t[u].parent
			if q < 0 || !continuesChain(t[q].raw.Kind, t[u].raw.Field, operandField == syntax.NoField) {
				break
			}
			// q (a call, member access, subscript or assertion on u)
			// takes u's operand in u's place, and u takes q's place.
			kids := t[u].kids
			x := kids[len(kids)-1]
			t[x].raw.Field = t[u].raw.Field
			t[x].parent = q
			replace(q, u, x)
			t[q].raw.Start = t[x].raw.Start
			gp := t[q].parent
			t[u].parent, t[u].raw.Field = gp, t[q].raw.Field
			if gp >= 0 {
				replace(gp, q, u)
			}
			t[q].parent, t[q].raw.Field = u, operandField
			t[u].kids = append(kids[:len(kids)-1], q)
			t[u].raw.End = t[q].raw.End
		}
	}
	out := make([]syntax.RawNode, 0, len(nodes))
	var emit func(i int, parent int32)
	emit = func(i int, parent int32) {
		at := int32(len(out))
		n := t[i].raw
		n.Parent = parent
		out = append(out, n)
		for _, c := range t[i].kids {
			emit(c, at)
		}
	}
	for i := range t {
		if t[i].parent < 0 {
			emit(i, -1)
		}
	}
	return out
}

// isPrefix reports a prefix operator's expression.
func isPrefix(k syntax.Kind) bool {
	return k == syntax.KAwaitExpression || k == syntax.KUnaryExpression
}

// hasTypeArguments reports a call with type arguments.
func hasTypeArguments(nodes []syntax.RawNode, call int32) bool {
	for j := call + 1; int(j) < len(nodes) && nodes[j].Start < nodes[call].End; j++ {
		if nodes[j].Parent == call && nodes[j].Kind == syntax.KTypeArguments {
			return true
		}
	}
	return false
}

// continuesChain reports a node of kind k that continues a call chain on
// its child in field f: the callee of a call, the object of a member access
// or subscript, the operand of a non-null assertion; for an await, also an
// as or satisfies expression, over which the grammar extends the operand of
// await everywhere else.
func continuesChain(k syntax.Kind, f syntax.Field, await bool) bool {
	switch k {
	case syntax.KAsExpression, syntax.KSatisfiesExpression:
		return await
	case syntax.KCallExpression:
		return f == syntax.FFunction
	case syntax.KMemberExpression, syntax.KSubscriptExpression:
		return f == syntax.FObject
	case syntax.KNonNullExpression:
		return true
	}
	return false
}
