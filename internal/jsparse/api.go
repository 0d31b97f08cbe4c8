// Package jsparse is racecheck's own JavaScript, TypeScript and JSX parser.
// It builds the same flat syntax.Tree as the tree-sitter front end (package
// parse): the same kinds, fields, spans and anonymous tokens, so that the
// analysis reads either without change. It is pure Go.
//
// Design:
//   - lexer.go scans one token at a time; the parser decides the context
//     (regular expression or division, template continuation, JSX text), so
//     the scanner state is a position and a token and saving it is a copy.
//     '>' is always a token of its own; the parser joins '>>' and '>='.
//   - builder.go emits nodes straight into a []syntax.RawNode in pre-order:
//     open reserves a node before its children, close sets its end; wrap
//     inserts a parent before an already built node (a binary expression
//     around its left operand). Comments are added, when the next token is
//     consumed, to the innermost open node, which is where tree-sitter puts
//     its extras; trailingComments reproduces the grammars' inserted
//     semicolon taking the comments on a statement's last line.
//   - stmt.go, expr.go (a precedence-climbing expression parser), function.go,
//     class.go, module.go, jsx.go, types.go and tsdecl.go follow the
//     grammars' rules and field names. Arrow functions, generic calls and
//     similar ambiguities are parsed speculatively (try), restoring the
//     scanner and the node array on failure; failures are remembered by
//     position so that nested attempts stay linear.
//   - Where the TypeScript grammars resolve an ambiguity in an unusual way
//     (a non-null assertion after a binary operand applies to the whole
//     binary expression; a generic call after a prefix operator applies to
//     the prefix expression; `await x<T>()` as repaired by package parse;
//     a namespace statement read as an expression statement), the parser
//     builds the same shape, and says so where it does.
//   - A statement that does not parse becomes an ERROR node spanning its
//     tokens up to the next statement boundary; the first error's position
//     is returned as a *SyntaxError.
package jsparse

import (
	"fmt"

	"github.com/racecheck/racecheck/internal/syntax"
)

// Lang is a source language. Its values are those of parse.Lang; jsparse
// keeps its own type so that it does not depend on the cgo front end.
type Lang int

// The languages.
const (
	JavaScript Lang = iota // .js .jsx .mjs .cjs (JSX included)
	TypeScript             // .ts .mts .cts
	TSX                    // .tsx
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

// SyntaxError reports the first syntax error of a file.
type SyntaxError struct {
	Line, Column int
	Msg          string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("syntax error at line %d, column %d: %s", e.Line, e.Column, e.Msg)
}

// Parse parses src as lang. A file with syntax errors returns its tree, with
// the bad code under ERROR nodes, and a *SyntaxError for the first error.
func Parse(src string, lang Lang) (*syntax.Tree, error) {
	var p Parser
	return p.Parse(src, lang)
}

// A Parser parses files one at a time, reusing its working memory; the
// trees it returns share nothing with it. The zero value is ready to use.
type Parser struct {
	// scratch is the node buffer of the previous parse. Nodes are built
	// in it, since their number is known only at the end, and the tree
	// gets an exact copy: a buffer sized by a guess leaves most trees
	// with a third or more of their node array unused, and the trees of
	// a whole project stay in memory for the scan.
	scratch []syntax.RawNode
}

// maxScratch bounds the node buffer a Parser keeps between files (about
// 20 MB), so one huge file does not pin its buffer for the rest of a run.
const maxScratch = 1 << 20

// Parse parses src as lang, like the function Parse.
func (ps *Parser) Parse(src string, lang Lang) (*syntax.Tree, error) {
	if lang < JavaScript || lang > TSX {
		return nil, fmt.Errorf("unknown language %d", lang)
	}
	if ps.scratch == nil {
		ps.scratch = make([]syntax.RawNode, 0, 1<<14)
	}
	p := newParser(src, lang, ps.scratch)
	p.parseProgram()
	defer func() {
		if cap(p.nodes) <= maxScratch {
			ps.scratch = p.nodes[:0]
		}
	}()
	if !syntax.Fits(len(src), len(p.nodes)) {
		return nil, fmt.Errorf("too large to analyse (%d bytes, %d syntax nodes)", len(src), len(p.nodes))
	}
	t := syntax.NewTree(src, p.nodes) // copies the nodes: the scratch is reused
	if p.err != nil {
		line, col := t.Position(p.err.pos)
		return t, &SyntaxError{Line: line, Column: col, Msg: p.err.msg}
	}
	return t, nil
}
