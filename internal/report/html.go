package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/discover"
	"github.com/racecheck/racecheck/internal/engine"
	"github.com/racecheck/racecheck/internal/syntax"
)

//go:embed html.tmpl
var htmlSource string

var htmlTemplate = template.Must(template.New("report").Parse(htmlSource))

type htmlPage struct {
	Version    string
	Paths      []string
	Commit     string // full hash
	Short      string // abbreviated hash
	Headline   string
	Failed     bool
	Notes      []string
	Generated  string
	Severities []htmlSeverity
	Rules      []htmlRule
	Findings   []htmlFinding
	Errors     []engine.Error
	Skipped    []discover.Skip
}

type htmlSeverity struct {
	Name  string
	Count int
}

type htmlRule struct {
	ID, Title, Severity string
	Count               int
}

type htmlFinding struct {
	Index                int
	Rule, Severity, File string
	Line, Column         int
	Message, Fix         string
	Frame                []htmlLine
	Elsewhere            []htmlElsewhere
}

type htmlLine struct {
	Gap                 bool
	Class               string // "primary", "related" or ""
	No                  int
	Before, Mark, After []htmlSeg // the code, coloured; Mark is the flagged range
	Notes               []string
}

type htmlElsewhere struct {
	Loc, Message string
	Code         []htmlSeg
}

// contextLines is how many lines of code surround the primary line.
const contextLines = 2

// HTML writes one self-contained page (inline CSS and script, no external
// assets): totals by severity and rule, then each finding with its code
// frame, related locations and fix, with client-side filters by rule,
// severity and path that are kept in the address's fragment
// (#severity=high&rule=check-then-act&path=src/).
func HTML(w io.Writer, r *engine.Result, o Options) error {
	page := htmlPage{
		Version:  o.Version,
		Headline: headline(r, o),
		Failed:   Failed(r.Findings, o.FailOn),
		Notes:    Notes(o),
		Paths:    o.Paths,
		Commit:   o.Commit,
		Short:    o.Commit,
	}
	if len(page.Short) > 12 {
		page.Short = page.Short[:12]
	}
	if page.Version == "" {
		page.Version = "dev"
	}
	if !o.Deterministic {
		page.Generated = time.Now().UTC().Format("2006-01-02 15:04 UTC")
	}
	sevCount := map[analysis.Severity]int{}
	ruleCount := map[string]int{}
	for _, f := range r.Findings {
		sevCount[f.Severity]++
		ruleCount[f.Rule]++
	}
	for _, s := range []analysis.Severity{analysis.High, analysis.Medium, analysis.Low} {
		page.Severities = append(page.Severities, htmlSeverity{s.String(), sevCount[s]})
	}
	seen := map[string]bool{}
	for _, rule := range rulesOf(r, o) {
		if seen[rule.ID] || ruleCount[rule.ID] == 0 {
			continue
		}
		seen[rule.ID] = true
		page.Rules = append(page.Rules, htmlRule{ID: rule.ID, Title: rule.Title, Severity: rule.Severity.String(), Count: ruleCount[rule.ID]})
	}
	for _, f := range r.Findings {
		if !seen[f.Rule] {
			seen[f.Rule] = true
			page.Rules = append(page.Rules, htmlRule{ID: f.Rule, Title: f.Rule, Severity: f.Severity.String(), Count: ruleCount[f.Rule]})
		}
	}
	sort.SliceStable(page.Rules, func(i, j int) bool {
		if page.Rules[i].Count != page.Rules[j].Count {
			return page.Rules[i].Count > page.Rules[j].Count
		}
		return page.Rules[i].ID < page.Rules[j].ID
	})
	hl := newHighlighter()
	for i, f := range r.Findings {
		page.Findings = append(page.Findings, htmlFindingOf(i+1, f, r.Sources, hl))
	}
	for _, e := range r.Errors {
		e.Message = firstLine(e.Message)
		page.Errors = append(page.Errors, e)
	}
	page.Skipped = r.Skipped
	return htmlTemplate.Execute(w, page)
}

// headline is the summary without the verdict and notes.
func headline(r *engine.Result, o Options) string {
	s := Summary(r, Options{Deterministic: o.Deterministic}, func(_, s string) string { return s })
	s = strings.TrimPrefix(strings.TrimPrefix(s, "PASS"), "FAIL")
	return strings.TrimSpace(firstLine(s))
}

func htmlFindingOf(index int, f analysis.Finding, sources map[string]*syntax.Tree, hl *highlighter) htmlFinding {
	hf := htmlFinding{
		Index: index, Rule: f.Rule, Severity: f.Severity.String(), File: f.File,
		Line: f.Line, Column: f.Column, Message: f.Message, Fix: f.Fix,
	}
	t := sources[f.File]
	notes := map[int][]string{}
	lines := map[int]bool{}
	if t != nil {
		for l := f.Line - contextLines; l <= f.Line+contextLines; l++ {
			if l >= 1 && l <= t.LineCount() {
				lines[l] = true
			}
		}
	}
	for _, rel := range f.Related {
		if rel.File == f.File && t != nil && rel.Line >= 1 && rel.Line <= t.LineCount() {
			lines[rel.Line] = true
			if rel.Message != "" {
				notes[rel.Line] = append(notes[rel.Line], rel.Message)
			}
			continue
		}
		e := htmlElsewhere{Loc: fmt.Sprintf("%s:%d:%d", rel.File, rel.Line, rel.Column), Message: rel.Message}
		if rt := sources[rel.File]; rt != nil {
			text := rt.LineText(rel.Line)
			from := len(text) - len(strings.TrimLeft(text, " \t"))
			to := len(strings.TrimRight(text, " \t"))
			to = min(to, from+clipBytes(text[from:to]))
			e.Code = hl.file(rel.File, rt.Src).segments(rel.Line, from, to)
			if to < len(strings.TrimRight(text, " \t")) {
				e.Code = append(e.Code, htmlSeg{Text: "…"})
			}
		}
		hf.Elsewhere = append(hf.Elsewhere, e)
	}
	var order []int
	for l := range lines {
		order = append(order, l)
	}
	sort.Ints(order)
	prev := 0
	for _, l := range order {
		if prev != 0 && l > prev+1 {
			hf.Frame = append(hf.Frame, htmlLine{Gap: true})
		}
		prev = l
		text := t.LineText(l)
		code := hl.file(f.File, t.Src)
		line := htmlLine{No: l, Before: code.segments(l, 0, len(text)), Notes: notes[l]}
		switch {
		case l == f.Line:
			line.Class = "primary"
			start := byteOffset(text, f.Column)
			end := len(text)
			if f.EndLine == f.Line {
				end = byteOffset(text, f.EndColumn)
			}
			if end > start {
				line.Before, line.Mark, line.After = code.segments(l, 0, start), code.segments(l, start, end), code.segments(l, end, len(text))
			}
		case len(notes[l]) > 0:
			line.Class = "related"
		}
		hf.Frame = append(hf.Frame, line)
	}
	return hf
}

// byteOffset converts a 1-based UTF-16 column of line to a byte offset.
func byteOffset(line string, col int) int {
	units := 0
	for i, r := range line {
		if units >= col-1 {
			return i
		}
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
	}
	return len(line)
}

// clipBytes is how many bytes of s make its first 120 characters.
func clipBytes(s string) int {
	n := 0
	for i := range s {
		if n == 120 {
			return i
		}
		n++
	}
	return len(s)
}
