package lsp

import (
	"fmt"
	"strings"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/suppress"
)

// lookupRule finds a rule by id, the suppression rules included.
func lookupRule(id string) (*analysis.Rule, bool) {
	if r, ok := analysis.Lookup(id); ok {
		return r, true
	}
	for _, r := range suppress.Rules() {
		if r.ID == id {
			return r, true
		}
	}
	return nil, false
}

// contains reports whether p lies in r, ends included (a cursor just after
// the flagged text still hovers it).
func contains(r Range, p Position) bool {
	before := func(a, b Position) bool { return a.Line < b.Line || a.Line == b.Line && a.Character <= b.Character }
	return before(r.Start, p) && before(p, r.End)
}

// hover explains the findings of the last analysis at a position: for each,
// the rule's id and title, the finding's message and the rule's
// documentation. nil when there is none there.
func (s *Server) hover(uri string, p Position) *Hover {
	s.mu.Lock()
	res := s.results[uri]
	s.mu.Unlock()
	if res == nil {
		return nil
	}
	var parts []string
	var span *Range
	for i, f := range res.findings {
		r := res.diags[i].Range
		if !contains(r, p) {
			continue
		}
		if span == nil {
			span = &r
		}
		parts = append(parts, ruleMarkdown(f))
	}
	if len(parts) == 0 {
		return nil
	}
	return &Hover{Contents: MarkupContent{Kind: "markdown", Value: strings.Join(parts, "\n\n---\n\n")}, Range: span}
}

// ruleMarkdown is the hover text of one finding.
func ruleMarkdown(f analysis.Finding) string {
	r, ok := lookupRule(f.Rule)
	if !ok {
		return fmt.Sprintf("**racecheck** `%s` (%s)\n\n%s", f.Rule, f.Severity, f.Message)
	}
	doc := strings.TrimSpace(r.Doc)
	// The documentation starts with the rule's id as a heading, which the
	// first line already shows.
	if first, rest, ok := strings.Cut(doc, "\n"); ok && strings.TrimSpace(strings.TrimLeft(first, "#")) == r.ID {
		doc = strings.TrimSpace(rest)
	}
	return fmt.Sprintf("**racecheck** `%s` (%s): %s\n\n%s\n\n[Documentation](%s)\n\n%s", r.ID, f.Severity, r.Title, f.Message, DocURL(r.ID), doc)
}
