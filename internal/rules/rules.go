// Package rules holds racecheck's rules, one file per rule. Each rule has its
// documentation in docs/<id>.md (served by 'racecheck explain') and its
// fixtures in testdata/<id>/: *.bad.* files mark every expected finding with
// "// expect: <id>" on its primary line, *.good.* files must stay silent.
package rules

import (
	"embed"
	"strings"

	"github.com/racecheck/racecheck/internal/analysis"
)

//go:embed docs/*.md
var docs embed.FS

// register adds a rule, with its documentation from docs/<id>.md.
func register(r *analysis.Rule) {
	b, err := docs.ReadFile("docs/" + r.ID + ".md")
	if err != nil {
		panic("rules: no documentation for " + r.ID)
	}
	r.Doc = strings.TrimSpace(string(b))
	analysis.Register(r)
}
