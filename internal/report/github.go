package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/engine"
)

// GitHub writes GitHub Actions workflow commands, one annotation per
// finding (high as ::error, medium as ::warning, low as ::notice), one per
// file that could not be scanned, and the summary as plain log text.
// Related locations and the fix are part of the annotation's message.
func GitHub(w io.Writer, r *engine.Result, o Options) error {
	var b strings.Builder
	for _, f := range r.Findings {
		cmd := "notice"
		switch f.Severity {
		case analysis.High:
			cmd = "error"
		case analysis.Medium:
			cmd = "warning"
		}
		props := []string{
			"file=" + escapeProperty(f.File),
			fmt.Sprintf("line=%d", f.Line),
		}
		if f.EndLine >= f.Line && f.EndLine > 0 {
			props = append(props, fmt.Sprintf("endLine=%d", f.EndLine))
		}
		props = append(props, fmt.Sprintf("col=%d", f.Column))
		if f.EndLine == f.Line && f.EndColumn > f.Column {
			props = append(props, fmt.Sprintf("endColumn=%d", f.EndColumn))
		}
		props = append(props, "title="+escapeProperty("racecheck "+f.Rule+" ("+f.Severity.String()+")"))
		msg := f.Message
		for _, rel := range f.Related {
			where := fmt.Sprintf("line %d", rel.Line)
			if rel.File != f.File {
				where = fmt.Sprintf("%s:%d", rel.File, rel.Line)
			}
			msg += "\n  " + where + ": " + rel.Message
		}
		if f.Fix != "" {
			msg += "\nFix: " + f.Fix
		}
		fmt.Fprintf(&b, "::%s %s::%s\n", cmd, strings.Join(props, ","), escapeData(msg))
	}
	for _, e := range r.Errors {
		props := "title=" + escapeProperty("racecheck")
		if e.File != "" {
			props = "file=" + escapeProperty(e.File) + "," + props
		}
		fmt.Fprintf(&b, "::error %s::%s\n", props, escapeData(e.Message))
	}
	b.WriteString(Summary(r, o, func(_, s string) string { return s }))
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// escapeData escapes a workflow command's message.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
