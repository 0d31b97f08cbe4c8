// Package report writes a scan's result: human text with code frames, JSON
// for tools, SARIF 2.1.0 for code scanning, GitHub Actions workflow
// commands, or a self-contained HTML page. Formats read an engine.Result and
// a few options; they decide nothing about exit status.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/engine"
)

// Options shape a report.
type Options struct {
	Color  bool              // ANSI colour (text only)
	FailOn analysis.Severity // findings at or above it fail the run; 0 never fails
	// Deterministic hides the duration and anything else that varies from
	// run to run or machine to machine (for golden tests).
	Deterministic bool
	// Version is racecheck's version, for SARIF and HTML.
	Version string
	// Rules are the rules of the run, as configured (SARIF's rule list, the
	// HTML report's rule titles); nil means the rules of the findings.
	Rules []*analysis.Rule
	// Root is the absolute, slash-separated directory that relative paths
	// are relative to (SARIF's %SRCROOT%); "" leaves it unstated.
	Root string
	// Suppressed counts the findings silenced by suppression comments.
	Suppressed int
	// Baseline describes the baseline applied, if any.
	Baseline *BaselineInfo
	// Verbose lists the skipped files in the text report.
	Verbose bool
	// Width is the text report's width in columns, for wrapping messages
	// and fitting code lines (see Width); 0 means DefaultWidth.
	Width int
	// Paths are the paths scanned, as given (the HTML report's header).
	Paths []string
	// Commit is the git commit checked out in the repository that holds
	// the scanned paths, "" outside one (the HTML report's header).
	Commit string
	// RepoRoot is the absolute, slash-separated top directory of that
	// repository; when set, SARIF's %SRCROOT% is it rather than Root, so
	// that artifact locations are relative to the repository as code
	// scanning expects wherever the scan ran.
	RepoRoot string
}

// BaselineInfo describes the baseline a run applied.
type BaselineInfo struct {
	File     string // as given
	Accepted int    // findings the baseline accepted (not reported)
	Fixed    int    // accepted findings that are gone: prunable entries
	Written  bool   // the baseline was written by this run
}

// Formats are the report formats, for flags and messages.
var Formats = []string{"text", "json", "sarif", "github", "html"}

// Write writes the report in the named format.
func Write(format string, w io.Writer, r *engine.Result, o Options) error {
	switch format {
	case "text":
		return Text(w, r, o)
	case "json":
		return JSON(w, r, o)
	case "sarif":
		return SARIF(w, r, o)
	case "github":
		return GitHub(w, r, o)
	case "html":
		return HTML(w, r, o)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// rulesOf returns o.Rules, or the rules of the findings when it is nil.
func rulesOf(r *engine.Result, o Options) []*analysis.Rule {
	if o.Rules != nil {
		return o.Rules
	}
	seen := map[string]bool{}
	var out []*analysis.Rule
	for _, f := range r.Findings {
		if seen[f.Rule] {
			continue
		}
		seen[f.Rule] = true
		if rule, ok := analysis.Lookup(f.Rule); ok {
			out = append(out, rule)
		} else {
			out = append(out, &analysis.Rule{ID: f.Rule, Severity: f.Severity, Title: f.Rule})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Failed reports whether the findings fail the run under failOn.
func Failed(fs []analysis.Finding, failOn analysis.Severity) bool {
	if failOn == 0 {
		return false
	}
	for _, f := range fs {
		if f.Severity >= failOn {
			return true
		}
	}
	return false
}

// JSON writes the report as one JSON document.
func JSON(w io.Writer, r *engine.Result, o Options) error {
	type baseline struct {
		File     string `json:"file"`
		Accepted int    `json:"accepted"`
		Fixed    int    `json:"fixed"`
	}
	type stats struct {
		Files      int   `json:"files"`
		Skipped    int   `json:"skipped"`
		DurationMs int64 `json:"durationMs"`
		Suppressed int   `json:"suppressed"`
		// SingleProcess counts files treated as single-process, Tests
		// the test files no rule checked.
		SingleProcess int `json:"singleProcess"`
		Tests         int `json:"tests"`
		// LintIgnored counts the files the project's ESLint
		// configuration ignores, read for resolution and not checked.
		LintIgnored int       `json:"lintIgnored"`
		Baseline    *baseline `json:"baseline,omitempty"`
	}
	type skipped struct {
		File   string `json:"file"`
		Reason string `json:"reason"`
	}
	doc := struct {
		Version  int                `json:"version"`
		Findings []analysis.Finding `json:"findings"`
		Errors   []engine.Error     `json:"errors"`
		Skipped  []skipped          `json:"skipped"`
		Stats    stats              `json:"stats"`
	}{Version: 1, Findings: r.Findings, Errors: r.Errors}
	if doc.Findings == nil {
		doc.Findings = []analysis.Finding{}
	}
	for i := range doc.Findings {
		if doc.Findings[i].Related == nil {
			doc.Findings[i].Related = []analysis.Related{}
		}
	}
	if doc.Errors == nil {
		doc.Errors = []engine.Error{}
	}
	doc.Skipped = []skipped{}
	for _, s := range r.Skipped {
		doc.Skipped = append(doc.Skipped, skipped{s.Path, s.Reason})
	}
	doc.Stats = stats{Files: r.Files, Skipped: len(r.Skipped), Suppressed: o.Suppressed, SingleProcess: r.SingleProcess, Tests: r.Tests, LintIgnored: r.LintIgnored}
	if b := o.Baseline; b != nil {
		doc.Stats.Baseline = &baseline{File: b.File, Accepted: b.Accepted, Fixed: b.Fixed}
	}
	if !o.Deterministic {
		doc.Stats.DurationMs = r.Duration.Milliseconds()
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

// Summary is the closing line: FAIL with counts, or PASS.
func Summary(r *engine.Result, o Options, c func(code, s string) string) string {
	counts := map[analysis.Severity]int{}
	files := map[string]bool{}
	for _, f := range r.Findings {
		counts[f.Severity]++
		files[f.File] = true
	}
	var parts []string
	for _, s := range []analysis.Severity{analysis.High, analysis.Medium, analysis.Low} {
		if counts[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
		}
	}
	scanned := fmt.Sprintf("%d files scanned", r.Files)
	if r.Files == 1 {
		scanned = "1 file scanned"
	}
	if len(r.Skipped) > 0 {
		scanned += fmt.Sprintf(", %d skipped", len(r.Skipped))
	}
	if r.Tests > 0 {
		scanned += fmt.Sprintf(", %d tests not checked", r.Tests)
	}
	if r.SingleProcess > 0 {
		scanned += fmt.Sprintf(", %d single-process", r.SingleProcess)
	}
	if r.LintIgnored > 0 {
		scanned += fmt.Sprintf(", %d ESLint-ignored not checked", r.LintIgnored)
	}
	if len(r.Errors) > 0 {
		scanned += fmt.Sprintf(", %d with errors", len(r.Errors))
	}
	if !o.Deterministic {
		scanned += " in " + formatDuration(r.Duration)
	}
	verdict := c(ansiGreen+ansiBold, "PASS")
	if Failed(r.Findings, o.FailOn) {
		verdict = c(ansiRed+ansiBold, "FAIL")
	}
	var line string
	switch {
	case r.Files == 0:
		line = fmt.Sprintf("%s  nothing analysed (%s)", c(ansiRed+ansiBold, "ERROR"), scanned)
	case len(parts) == 0:
		line = fmt.Sprintf("%s  no findings (%s)", verdict, scanned)
	default:
		noun := "files"
		if len(files) == 1 {
			noun = "file"
		}
		line = fmt.Sprintf("%s  %s in %d %s (%s)", verdict, strings.Join(parts, ", "), len(files), noun, scanned)
	}
	for _, n := range Notes(o) {
		line += "\n      " + n
	}
	return line
}

// Notes are the remarks a summary adds about suppressed and baselined
// findings.
func Notes(o Options) []string {
	var out []string
	if o.Suppressed > 0 {
		out = append(out, plural(o.Suppressed, "finding", "findings")+" silenced by suppression comments")
	}
	if b := o.Baseline; b != nil {
		switch {
		case b.Written:
			out = append(out, fmt.Sprintf("wrote %s to the baseline %s", plural(b.Accepted, "finding", "findings"), b.File))
		default:
			out = append(out, fmt.Sprintf("%s accepted by the baseline %s", plural(b.Accepted, "finding", "findings"), b.File))
		}
		if b.Fixed > 0 {
			out = append(out, fmt.Sprintf("%s in the baseline no longer found (fixed); prune with --write-baseline %s", plural(b.Fixed, "finding", "findings"), b.File))
		}
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func formatDuration(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%dms", d.Milliseconds())
	}
	return fmt.Sprintf("%.1fs", d.Seconds())
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
