package lsp

import (
	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/report"
)

// Source is the diagnostics' source.
const Source = "racecheck"

// DocURL is the documentation page of a rule, the one SARIF reports give
// as its helpUri (racecheck's home page for an unknown id).
func DocURL(id string) string {
	if u := report.HelpURI(id); u != "" {
		return u
	}
	return report.InformationURI
}

// severity maps a finding's severity to a diagnostic's: high is an error,
// medium a warning, low information.
func severity(s analysis.Severity) int {
	switch s {
	case analysis.High:
		return SeverityError
	case analysis.Medium:
		return SeverityWarning
	}
	return SeverityInformation
}

// rangeOf converts a finding's span (1-based lines and UTF-16 columns) to
// an LSP range. An empty or inverted end becomes the start.
func rangeOf(f analysis.Finding) Range {
	start := Position{max(f.Line-1, 0), max(f.Column-1, 0)}
	end := Position{f.EndLine - 1, f.EndColumn - 1}
	if end.Line < start.Line || end.Line == start.Line && end.Character < start.Character || end.Character < 0 {
		end = start
	}
	return Range{start, end}
}

// diagnostic converts a finding of the document at uri; the caller holds
// s.mu.
func (s *Server) diagnostic(f analysis.Finding, uri string) Diagnostic {
	msg := f.Message
	if f.Fix != "" {
		msg += "\nFix: " + f.Fix
	}
	d := Diagnostic{
		Range:           rangeOf(f),
		Severity:        severity(f.Severity),
		Code:            f.Rule,
		CodeDescription: &CodeDescription{Href: DocURL(f.Rule)},
		Source:          Source,
		Message:         msg,
	}
	for _, r := range f.Related {
		at := Position{max(r.Line-1, 0), max(r.Column-1, 0)}
		where := uri
		if r.File != f.File {
			where = s.uriOf(absOf(r.File))
		}
		d.RelatedInformation = append(d.RelatedInformation, RelatedInformation{
			Location: Location{URI: where, Range: Range{at, at}},
			Message:  r.Message,
		})
	}
	return d
}

// uriOf returns the URI of a file: the client's own spelling when the file
// is open, else a file: URI. The caller holds s.mu.
func (s *Server) uriOf(abs string) string {
	for uri, d := range s.docs {
		if d.abs == abs {
			return uri
		}
	}
	return pathToURI(abs)
}
