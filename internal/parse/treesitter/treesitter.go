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
		hoistAwaitOverGenericCall(nodes)
	}
	t := syntax.NewTree(src, nodes)
	if bad, ok := t.FirstHarmfulError(); ok {
		line, col := t.Position(bad.Start())
		return t, &SyntaxError{Line: line, Column: col}
	}
	return t, nil
}

// hoistAwaitOverGenericCall repairs how the TypeScript grammar reads
// `await x.f<T>(args)`: as a call whose callee is `await x.f`. It turns each
// such call(function: await(X), type_arguments, arguments) into
// await(call(function: X, type_arguments, arguments)), in place and keeping
// the pre-order layout: the outer node becomes the await expression, the
// inner one the call (now spanning the whole call), and the call's type
// arguments and arguments move under it.
func hoistAwaitOverGenericCall(nodes []syntax.RawNode) {
	var calls map[int32]int32 // outer call -> inner await
	for c := range nodes {
		n := &nodes[c]
		if n.Parent >= 0 && n.Field == syntax.FFunction && n.Kind == syntax.KAwaitExpression && nodes[n.Parent].Kind == syntax.KCallExpression {
			if calls == nil {
				calls = map[int32]int32{}
			}
			calls[n.Parent] = int32(c)
		}
	}
	if calls == nil {
		return
	}
	for c := range nodes {
		n := &nodes[c]
		if n.Parent < 0 {
			continue
		}
		if j, ok := calls[n.Parent]; ok && int32(c) != j {
			n.Parent = j // type arguments and arguments move under the call
			continue
		}
		if j, ok := calls[nodes[n.Parent].Parent]; ok && n.Parent == j && n.IsNamed() && nodes[j].Field == syntax.FFunction {
			// The awaited expression becomes the call's callee.
			n.Field = syntax.FFunction
			nodes[j].Start = n.Start
		}
	}
	for i, j := range calls {
		nodes[j].Kind, nodes[i].Kind = syntax.KCallExpression, syntax.KAwaitExpression
		nodes[j].Field = syntax.NoField
		nodes[j].End = nodes[i].End
	}
}
