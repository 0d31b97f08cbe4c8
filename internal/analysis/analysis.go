// Package analysis defines what a rule is, what it is given (a Pass) and what
// it produces (Findings). Rules never print, read flags or touch the file
// system: they look at the semantic model of one file, and of the project
// through the index, and report.
package analysis

import (
	"fmt"
	"sort"
	"strings"

	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/syntax"
)

// Severity ranks findings.
type Severity int

// Severities, lowest first.
const (
	Low Severity = iota + 1
	Medium
	High
)

func (s Severity) String() string {
	switch s {
	case Low:
		return "low"
	case Medium:
		return "medium"
	case High:
		return "high"
	}
	return "unknown"
}

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity's name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	*s = v
	return err
}

// ParseSeverity reads "low", "medium" or "high".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "low":
		return Low, nil
	case "medium":
		return Medium, nil
	case "high":
		return High, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want high, medium or low)", s)
}

// Related is a secondary location of a finding: the check an act depends on,
// the other lock order, and so on.
type Related struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

// Finding is one reported bug.
type Finding struct {
	Rule      string    `json:"rule"`
	Severity  Severity  `json:"severity"`
	File      string    `json:"file"`
	Line      int       `json:"line"`
	Column    int       `json:"column"`
	EndLine   int       `json:"endLine"`
	EndColumn int       `json:"endColumn"`
	Message   string    `json:"message"`
	Fix       string    `json:"fix"`
	Related   []Related `json:"related"`
	// Route is the HTTP route whose handler runs the flagged code, when
	// it is known.
	Route *Route `json:"route,omitempty"`
}

// Route is the HTTP route a finding's code serves.
type Route struct {
	Method    string `json:"method"`    // GET, POST, ...; ALL for every method
	Path      string `json:"path"`      // the framework's path pattern
	Framework string `json:"framework"` // express, fastify, koa, hono, nestjs, nextjs
	// Body lists the JSON request body fields the handlers read.
	Body []string `json:"body,omitempty"`
}

// routeAt returns the route that code at node n of the pass's file serves.
func (p *Pass) routeAt(n syntax.Node) *Route {
	r := p.Project.RouteAt(p.File, n)
	if r == nil {
		return nil
	}
	return &Route{Method: r.Method, Path: r.Path, Framework: r.Framework, Body: r.Body}
}

// Rule is one check.
type Rule struct {
	ID       string   // stable kebab-case id
	Severity Severity // default severity
	Title    string   // one line, for `racecheck rules`
	Doc      string   // Markdown documentation, for `racecheck explain`
	// Fix is the default fix strategy in one sentence; a report may give a
	// more specific one.
	Fix string
	// Overrides lists rules this one replaces on the same line: where both
	// report, only this one's finding is kept (one bug, one finding).
	Overrides []string
	// Options are the settings the rule reads from the configuration
	// file; the configuration may set no other.
	Options []Option
	// Run checks one file.
	Run func(*Pass)
}

// Option is a setting of a rule: a list of words that replaces the
// rule's default list ("rules": {"<id>": {"options": {"<name>": [...]}}}).
type Option struct {
	Name    string
	Doc     string   // one sentence
	Default []string // the list when the option is not set
}

// Option returns the rule's option called name.
func (r *Rule) Option(name string) (Option, bool) {
	for _, o := range r.Options {
		if o.Name == name {
			return o, true
		}
	}
	return Option{}, false
}

// Pass is what a rule sees while it checks one file.
type Pass struct {
	Rule    *Rule
	File    *sem.File
	Project *sem.Project
	// Options are the rule's options from the configuration file
	// ("rules": {"<id>": {"options": {...}}}), decoded from JSON; nil when
	// none are set.
	Options map[string]any
	report  func(Finding)
}

// Words returns the list option name as the configuration sets it, or
// nil when it does not (the configuration checks that it is a list of
// strings).
func (p *Pass) Words(name string) []string {
	v, ok := p.Options[name].([]any)
	if !ok {
		return nil
	}
	out := make([]string, 0, len(v))
	for _, w := range v {
		if s, ok := w.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// NewPass returns a pass that hands each finding to report.
func NewPass(r *Rule, f *sem.File, p *sem.Project, report func(Finding)) *Pass {
	return &Pass{Rule: r, File: f, Project: p, report: report}
}

// Report records a finding at node n. fix may be empty for the rule's default.
func (p *Pass) Report(n syntax.Node, msg, fix string, related ...Related) {
	p.reportSpan(n, n.Start(), n.End(), msg, fix, related)
}

// ReportAt records a finding at byte offset off of node n's source, to the
// end of that line: a place inside a node, such as one command of a script
// held in a string.
func (p *Pass) ReportAt(n syntax.Node, off uint32, msg, fix string, related ...Related) {
	t := n.Tree()
	end := uint32(len(t.Src))
	if off > end {
		off = end
	}
	p.reportSpan(n, off, end, msg, fix, related)
}

func (p *Pass) reportSpan(n syntax.Node, start, end uint32, msg, fix string, related []Related) {
	t := n.Tree()
	line, col := t.Position(start)
	// Findings span at most the first line of the node.
	if nl := strings.IndexByte(t.Src[start:end], '\n'); nl >= 0 {
		end = start + uint32(nl)
	}
	eline, ecol := t.Position(end)
	if fix == "" {
		fix = p.Rule.Fix
	}
	p.report(Finding{
		Rule:      p.Rule.ID,
		Severity:  p.Rule.Severity,
		File:      p.File.Path,
		Line:      line,
		Column:    col,
		EndLine:   eline,
		EndColumn: ecol,
		Message:   msg,
		Fix:       fix,
		Related:   related,
		Route:     p.routeAt(n),
	})
}

// At makes a related location at node n of the pass's file.
func (p *Pass) At(n syntax.Node, msg string) Related {
	return RelatedAt(p.File, n, msg)
}

// RelatedAt makes a related location at node n of file f.
func RelatedAt(f *sem.File, n syntax.Node, msg string) Related {
	line, col := n.Tree().Position(n.Start())
	return Related{File: f.Path, Line: line, Column: col, Message: msg}
}

var registry = map[string]*Rule{}

// Register adds a rule; rule packages call it from init.
func Register(r *Rule) {
	if _, dup := registry[r.ID]; dup {
		panic("analysis: rule registered twice: " + r.ID)
	}
	registry[r.ID] = r
}

// Rules returns every registered rule, sorted by id.
func Rules() []*Rule {
	out := make([]*Rule, 0, len(registry))
	for _, r := range registry {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Lookup returns the rule with the id.
func Lookup(id string) (*Rule, bool) {
	r, ok := registry[id]
	return r, ok
}

// SortFindings orders findings by file, line, column and rule.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Rule < b.Rule
	})
}
