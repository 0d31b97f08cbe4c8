// Package parse is racecheck's front end: it parses JavaScript, TypeScript
// and JSX with racecheck's own parser (package jsparse, pure Go) into a
// syntax.Tree, and decides which syntax errors stop a file's analysis.
package parse

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/racecheck/racecheck/internal/jsparse"
	"github.com/racecheck/racecheck/internal/syntax"
)

// Lang is a source language (grammar).
type Lang = jsparse.Lang

// The grammars.
const (
	JavaScript = jsparse.JavaScript // .js .jsx .mjs .cjs (JSX included)
	TypeScript = jsparse.TypeScript // .ts .mts .cts
	TSX        = jsparse.TSX        // .tsx
)

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

// SyntaxError reports a file that does not parse: the first error that
// stops its analysis.
type SyntaxError struct {
	Line, Column int
	Msg          string
}

func (e *SyntaxError) Error() string {
	if e.Msg == "" {
		return fmt.Sprintf("syntax error at line %d, column %d", e.Line, e.Column)
	}
	return fmt.Sprintf("syntax error at line %d, column %d: %s", e.Line, e.Column, e.Msg)
}

// Parser parses files one at a time and reuses its working memory between
// them, so each worker of a scan owns one. It is not safe for concurrent
// use.
type Parser struct{ js jsparse.Parser }

// NewParser returns a parser.
func NewParser() *Parser { return &Parser{} }

// Close releases the parser.
func (p *Parser) Close() {}

// Parse parses src as lang. A file with syntax errors returns its tree and a
// *SyntaxError pointing at the first error that matters (see harmless).
func (p *Parser) Parse(src string, lang Lang) (*syntax.Tree, error) {
	t, err := p.js.Parse(src, lang)
	if t == nil {
		return nil, err
	}
	if err == nil {
		return t, nil
	}
	bad, ok := t.FirstHarmfulError()
	if !ok {
		return t, nil
	}
	se := &SyntaxError{}
	se.Line, se.Column = t.Position(bad.Start())
	if je, ok := err.(*jsparse.SyntaxError); ok && (je.Line > se.Line || je.Line == se.Line && je.Column >= se.Column) {
		// The parser's own position and reason, unless its first error was
		// a harmless one before the error reported.
		se.Line, se.Column, se.Msg = je.Line, je.Column, je.Msg
	}
	return t, se
}
