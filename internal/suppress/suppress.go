// Package suppress applies inline suppression comments to findings:
//
//	// racecheck-ignore-next-line check-then-act, lost-update -- reason
//	/* racecheck-ignore-file floating-promise -- reason */
//
// Comments are taken from the parsed tree (comment nodes), so a string that
// looks like a comment never counts. A malformed directive, an unknown rule
// id or a missing reason is reported as a finding of the built-in rule
// invalid-suppression; on request, a suppression that silenced nothing is
// reported as unused-suppression.
package suppress

import (
	"embed"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/config"
	"github.com/racecheck/racecheck/internal/syntax"
)

// The built-in rules' ids.
const (
	InvalidID = "invalid-suppression"
	UnusedID  = "unused-suppression"
)

// The directives.
const (
	NextLineDirective = "racecheck-ignore-next-line"
	FileDirective     = "racecheck-ignore-file"
)

//go:embed docs/*.md
var docs embed.FS

func doc(id string) string {
	b, err := docs.ReadFile("docs/" + id + ".md")
	if err != nil {
		panic("suppress: no documentation for " + id)
	}
	return strings.TrimSpace(string(b))
}

var (
	invalidRule = &analysis.Rule{
		ID:       InvalidID,
		Severity: analysis.Medium,
		Title:    "suppression comment with an unknown directive or rule id, or without a reason",
		Fix:      "Write racecheck-ignore-next-line <rule-id> -- <reason> (or racecheck-ignore-file); 'racecheck rules' lists the ids.",
		Doc:      doc(InvalidID),
	}
	unusedRule = &analysis.Rule{
		ID:       UnusedID,
		Severity: analysis.Medium,
		Title:    "suppression comment that silenced no finding (with --report-unused-suppressions)",
		Fix:      "Delete the comment, or the unused rule id from it.",
		Doc:      doc(UnusedID),
	}
)

// Rules returns the built-in rules about suppression comments. They are not
// run by the engine: Apply produces their findings.
func Rules() []*analysis.Rule { return []*analysis.Rule{invalidRule, unusedRule} }

// IsBuiltin reports whether id is one of Rules.
func IsBuiltin(id string) bool { return id == InvalidID || id == UnusedID }

// Kind is the scope of a directive.
type Kind int

// Directive kinds.
const (
	NextLine Kind = iota + 1
	File
)

// Directive is one parsed suppression comment.
type Directive struct {
	Kind   Kind
	Name   string   // the directive as written
	Rules  []string // rule ids as written, in order
	Reason string
}

var (
	ruleIDPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	reasonSep     = regexp.MustCompile(`(?:^|\s)--(?:\s|$)`)
	wordPattern   = regexp.MustCompile(`^racecheck-[a-z-]+$`)
)

// ParseComment reads the text of a comment, delimiters included. It
// reports whether the comment is a suppression directive at all and, if it
// is one but malformed, what is wrong with it. Rule ids are not checked
// against the known rules here.
func ParseComment(text string) (d Directive, isDirective bool, problem string) {
	body := text
	switch {
	case strings.HasPrefix(body, "//"):
		body = body[2:]
	case strings.HasPrefix(body, "/*"):
		body = strings.TrimSuffix(body[2:], "*/")
	default:
		return d, false, ""
	}
	body = strings.TrimLeft(body, " \t\r\n*")
	if !strings.HasPrefix(body, "racecheck-") {
		return d, false, ""
	}
	word := body
	if i := strings.IndexAny(body, " \t\r\n"); i >= 0 {
		word = body[:i]
	}
	rest := strings.TrimSpace(body[len(word):])
	switch word {
	case NextLineDirective:
		d.Kind = NextLine
	case FileDirective:
		d.Kind = File
	default:
		if !looksLikeDirective(word) {
			return d, false, ""
		}
		return Directive{Name: word}, true, fmt.Sprintf("unknown suppression directive %q%s", word, directiveHint(word))
	}
	d.Name = word
	list := rest
	if loc := reasonSep.FindStringIndex(rest); loc != nil {
		list = rest[:loc[0]]
		d.Reason = strings.Join(strings.Fields(rest[loc[1]:]), " ")
	}
	list = strings.TrimSpace(list)
	if list == "" {
		return d, true, fmt.Sprintf("%s names no rule; list the rule ids it silences, separated by commas", word)
	}
	for _, id := range strings.Split(list, ",") {
		id = strings.TrimSpace(id)
		if id == "" {
			return d, true, fmt.Sprintf("empty rule id in the list of %s (a stray comma?)", word)
		}
		if !ruleIDPattern.MatchString(id) {
			if strings.ContainsAny(id, " \t\r\n") {
				return d, true, fmt.Sprintf("%q is not a rule id: separate rule ids with commas, and the reason with \" -- \"", id)
			}
			return d, true, fmt.Sprintf("%q is not a rule id (rule ids are lower-case words joined by hyphens)", id)
		}
		d.Rules = append(d.Rules, id)
	}
	if d.Reason == "" {
		return d, true, fmt.Sprintf("%s %s has no reason; add why the finding is acceptable after \" -- \"", word, strings.Join(d.Rules, ", "))
	}
	return d, true, ""
}

// looksLikeDirective tells a misspelt directive from a comment that merely
// starts with a word like "racecheck-compatible".
func looksLikeDirective(word string) bool {
	if !wordPattern.MatchString(word) {
		return false
	}
	for _, p := range []string{"racecheck-ignore", "racecheck-disable", "racecheck-suppress", "racecheck-nolint", "racecheck-skip"} {
		if strings.HasPrefix(word, p) {
			return true
		}
	}
	return config.DidYouMean(word, []string{NextLineDirective, FileDirective}) != ""
}

func directiveHint(word string) string {
	switch {
	case strings.HasSuffix(word, "-line") && !strings.HasSuffix(word, "-next-line"):
		return fmt.Sprintf("; use %q on the line before the finding", NextLineDirective)
	case strings.Contains(word, "file"):
		return fmt.Sprintf("; did you mean %q?", FileDirective)
	case strings.Contains(word, "next"):
		return fmt.Sprintf("; did you mean %q?", NextLineDirective)
	}
	return fmt.Sprintf("; use %q or %q", NextLineDirective, FileDirective)
}

// Options steer Apply.
type Options struct {
	// Known lists every valid rule id (for unknown ids and suggestions).
	Known []string
	// Ran holds the ids of the rules that ran: only their suppressions can
	// be unused.
	Ran map[string]bool
	// Invalid and Unused are the rules under which problems are reported,
	// with the severity to use; nil turns the report off.
	Invalid, Unused *analysis.Rule
}

// Result is what Apply returns.
type Result struct {
	// Findings are the findings that were not suppressed, plus the
	// suppression problems, sorted.
	Findings []analysis.Finding
	// Suppressed counts the findings silenced by a comment.
	Suppressed int
}

// comment is a directive found in a file.
type comment struct {
	file     string
	node     syntax.Node
	d        Directive
	target   int             // the line a next-line directive silences
	valid    map[string]bool // the known, silenceable ids it names
	used     map[string]bool
	problems []string
}

// Apply removes the findings silenced by suppression comments in sources
// and reports the suppression problems.
func Apply(findings []analysis.Finding, sources map[string]*syntax.Tree, o Options) Result {
	known := map[string]bool{}
	for _, id := range o.Known {
		known[id] = true
	}
	files := make([]string, 0, len(sources))
	for f := range sources {
		files = append(files, f)
	}
	sort.Strings(files)

	var all []*comment
	byFile := map[string][]*comment{}
	for _, file := range files {
		t := sources[file]
		if t == nil || !strings.Contains(t.Src, "racecheck-") {
			continue
		}
		for i := range t.Len() {
			n := t.At(int32(i))
			if n.Kind() != syntax.KComment {
				continue
			}
			d, ok, problem := ParseComment(n.Text())
			if !ok {
				continue
			}
			c := &comment{file: file, node: n, d: d, target: n.EndLine() + 1, valid: map[string]bool{}, used: map[string]bool{}}
			if problem != "" {
				c.problems = append(c.problems, problem)
			}
			for _, id := range d.Rules {
				switch {
				case IsBuiltin(id):
					c.problems = append(c.problems, fmt.Sprintf("%s cannot be silenced by a comment; set it in racecheck.json instead", id))
				case !known[id]:
					hint := config.DidYouMean(id, o.Known)
					if hint == "" {
						hint = "; run 'racecheck rules' for the list"
					}
					c.problems = append(c.problems, fmt.Sprintf("%s names unknown rule %q%s", d.Name, id, hint))
				default:
					c.valid[id] = true
				}
			}
			all = append(all, c)
			byFile[file] = append(byFile[file], c)
		}
	}

	res := Result{}
	kept := findings[:0:0]
	for _, f := range findings {
		silenced := false
		if !IsBuiltin(f.Rule) {
			for _, c := range byFile[f.File] {
				if c.valid[f.Rule] && (c.d.Kind == File || c.d.Kind == NextLine && c.target == f.Line) {
					c.used[f.Rule] = true
					silenced = true
				}
			}
		}
		if silenced {
			res.Suppressed++
			continue
		}
		kept = append(kept, f)
	}

	for _, c := range all {
		if o.Invalid != nil {
			for _, p := range c.problems {
				kept = append(kept, at(o.Invalid, c, p))
			}
		}
		if o.Unused != nil {
			for _, id := range c.d.Rules {
				if !c.valid[id] || c.used[id] || !o.Ran[id] {
					continue
				}
				where := fmt.Sprintf("on line %d", c.target)
				if c.d.Kind == File {
					where = "in this file"
				}
				kept = append(kept, at(o.Unused, c, fmt.Sprintf("unused suppression: no %s finding %s to silence", id, where)))
			}
		}
	}
	analysis.SortFindings(kept)
	res.Findings = kept
	return res
}

// at makes a finding of rule r at the comment.
func at(r *analysis.Rule, c *comment, msg string) analysis.Finding {
	t := c.node.Tree()
	line, col := t.Position(c.node.Start())
	end := c.node.End()
	if nl := strings.IndexByte(t.Src[c.node.Start():end], '\n'); nl >= 0 {
		end = c.node.Start() + uint32(nl)
	}
	eline, ecol := t.Position(end)
	return analysis.Finding{
		Rule: r.ID, Severity: r.Severity, File: c.file,
		Line: line, Column: col, EndLine: eline, EndColumn: ecol,
		Message: msg, Fix: r.Fix,
	}
}
