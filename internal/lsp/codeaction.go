package lsp

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/racecheck/racecheck/internal/suppress"
	"github.com/racecheck/racecheck/internal/syntax"
)

// TODOReason is the reason a quick fix writes into a suppression comment,
// for the user to replace.
const TODOReason = "reason: TODO explain why this is safe"

// incoming is a diagnostic as the client sends it back in a code action
// request: any source's, so the code may be a number.
type incoming struct {
	Range  Range           `json:"range"`
	Code   json.RawMessage `json:"code"`
	Source string          `json:"source"`
}

// codeActions offers, for each racecheck diagnostic of the request, a
// quick fix that silences it with a suppression comment.
func (s *Server) codeActions(p codeActionParams) []CodeAction {
	actions := []CodeAction{}
	if len(p.Context.Only) > 0 && !slices.ContainsFunc(p.Context.Only, func(k string) bool { return k == "quickfix" || k == "" }) {
		return actions
	}
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	var text string
	var tree *syntax.Tree
	if d != nil {
		text = d.text
		if res := s.results[d.uri]; res != nil && res.tree != nil && res.tree.Src == text {
			tree = res.tree
		}
	}
	s.mu.Unlock()
	if d == nil {
		return actions
	}
	for _, raw := range p.Context.Diagnostics {
		var in incoming
		var rule string
		if json.Unmarshal(raw, &in) != nil || in.Source != Source || json.Unmarshal(in.Code, &rule) != nil {
			continue
		}
		if _, known := lookupRule(rule); !known || suppress.IsBuiltin(rule) {
			continue // the suppression rules cannot be silenced by a comment
		}
		edit, title, ok := suppressEdit(text, tree, in.Range.Start.Line, rule)
		if !ok {
			continue
		}
		var echo Diagnostic
		json.Unmarshal(raw, &echo)
		actions = append(actions, CodeAction{
			Title:       title,
			Kind:        "quickfix",
			Diagnostics: []Diagnostic{echo},
			Edit:        &WorkspaceEdit{Changes: map[string][]TextEdit{d.uri: {edit}}},
		})
	}
	return actions
}

// suppressEdit is the edit that silences rule on line (zero-based) of text:
// the rule added to a racecheck-ignore-next-line comment on the line above
// when there is one, else a new comment above the line with its
// indentation. Inside JSX children, where // would be text, the comment is
// written {/* ... */}. ok is false when the line does not exist or the
// comment above names the rule already.
func suppressEdit(text string, tree *syntax.Tree, line int, rule string) (edit TextEdit, title string, ok bool) {
	cur, exists := lineText(text, line)
	if !exists || line < 0 {
		return edit, "", false
	}
	if line > 0 {
		prev, _ := lineText(text, line-1)
		body := strings.TrimSpace(prev)
		if d, isDirective, problem := suppress.ParseComment(body); strings.HasPrefix(body, "//") && isDirective && problem == "" && d.Kind == suppress.NextLine {
			if slices.Contains(d.Rules, rule) {
				return edit, "", false
			}
			indent := prev[:len(prev)-len(strings.TrimLeft(prev, " \t"))]
			merged := indent + "// " + suppress.NextLineDirective + " " + strings.Join(append(d.Rules, rule), ", ") + " -- " + d.Reason
			end := Position{line - 1, syntax.UTF16Len(prev)}
			return TextEdit{Range: Range{Position{line - 1, 0}, end}, NewText: merged},
				"Suppress " + rule + " here (add it to the racecheck-ignore-next-line comment above)", true
		}
	}
	indent := cur[:len(cur)-len(strings.TrimLeft(cur, " \t"))]
	comment := "// " + suppress.NextLineDirective + " " + rule + " -- " + TODOReason
	if tree != nil && inJSXChildren(tree, text, line, len(indent)) {
		comment = "{/* " + suppress.NextLineDirective + " " + rule + " -- " + TODOReason + " */}"
	}
	at := Position{line, 0}
	return TextEdit{Range: Range{at, at}, NewText: indent + comment + newline(text)},
		"Suppress " + rule + " here with a racecheck-ignore-next-line comment", true
}

// inJSXChildren reports whether the first character of line (zero-based),
// indent bytes into it, stands among the children of a JSX element, where
// a comment must be written {/* ... */}.
func inJSXChildren(t *syntax.Tree, text string, line, indent int) bool {
	start := offsetOf(text, Position{line, 0}) + indent
	if start >= len(t.Src) {
		return false
	}
	off := uint32(start)
	// The deepest node holding off; nodes are in pre-order, so the last
	// one that holds it is the deepest.
	var n syntax.Node
	for i := range t.Len() {
		if m := t.At(int32(i)); m.Start() <= off && off < m.End() {
			n = m
		}
	}
	if n.IsNil() {
		return false
	}
	// Where a node's code begins: some front ends start a JSX child at
	// the white space before it.
	begins := func(n syntax.Node) uint32 {
		text := n.Text()
		return n.Start() + uint32(len(text)-len(strings.TrimLeft(text, " \t\r\n")))
	}
	if begins(n) != off {
		// off falls in text or white space between an element's children.
		return n.Is(syntax.KJsxElement) || syntax.KindName(n.Kind()) == "jsx_text"
	}
	// The outermost node that begins at off.
	for p := n.Parent(); !p.IsNil() && begins(p) == off; p = p.Parent() {
		n = p
	}
	return n.Parent().Is(syntax.KJsxElement)
}
