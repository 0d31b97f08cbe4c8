package suppress

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/parse"
	"github.com/racecheck/racecheck/internal/syntax"
)

func TestParseComment(t *testing.T) {
	for _, tc := range []struct {
		text      string
		directive bool
		want      Directive
		problem   string
	}{
		{"// plain comment", false, Directive{}, ""},
		{"// see racecheck-baseline.json", false, Directive{}, ""},
		{"// racecheck-compatible API", false, Directive{}, ""},
		{"// racecheck-baseline.json is generated", false, Directive{}, ""},
		{"// racecheck-ignore-next-line check-then-act -- unique index on email",
			true, Directive{NextLine, NextLineDirective, []string{"check-then-act"}, "unique index on email"}, ""},
		{"//racecheck-ignore-next-line a,b ,  c-d -- why --  not",
			true, Directive{NextLine, NextLineDirective, []string{"a", "b", "c-d"}, "why -- not"}, ""},
		{"/* racecheck-ignore-file floating-promise -- migration script */",
			true, Directive{File, FileDirective, []string{"floating-promise"}, "migration script"}, ""},
		{"/**\n * racecheck-ignore-file lost-update --\n *   run once, by hand\n */",
			true, Directive{File, FileDirective, []string{"lost-update"}, "* run once, by hand"}, ""},
		{"{/* racecheck-ignore-next-line x -- jsx */}", false, Directive{}, ""},
		{"/* racecheck-ignore-next-line x -- jsx */",
			true, Directive{NextLine, NextLineDirective, []string{"x"}, "jsx"}, ""},
		{"// racecheck-ignore-next-line check-then-act", true,
			Directive{NextLine, NextLineDirective, []string{"check-then-act"}, ""},
			`racecheck-ignore-next-line check-then-act has no reason; add why the finding is acceptable after " -- "`},
		{"// racecheck-ignore-next-line check-then-act --", true,
			Directive{NextLine, NextLineDirective, []string{"check-then-act"}, ""}, "has no reason"},
		{"// racecheck-ignore-next-line check-then-act--why", true,
			Directive{NextLine, NextLineDirective, nil, ""}, `"check-then-act--why" is not a rule id`},
		{"// racecheck-ignore-next-line -- why", true,
			Directive{NextLine, NextLineDirective, nil, "why"}, "names no rule"},
		{"// racecheck-ignore-next-line", true, Directive{NextLine, NextLineDirective, nil, ""}, "names no rule"},
		{"// racecheck-ignore-next-line a b -- why", true,
			Directive{NextLine, NextLineDirective, nil, "why"}, `"a b" is not a rule id: separate rule ids with commas`},
		{"// racecheck-ignore-next-line a,,b -- why", true,
			Directive{NextLine, NextLineDirective, []string{"a"}, "why"}, "empty rule id"},
		{"// racecheck-ignore-next-line Check_Then -- why", true,
			Directive{NextLine, NextLineDirective, nil, "why"}, "is not a rule id (rule ids are lower-case"},
		{"// racecheck-ignore-line x -- y", true, Directive{Name: "racecheck-ignore-line"},
			`unknown suppression directive "racecheck-ignore-line"; use "racecheck-ignore-next-line" on the line before the finding`},
		{"// racecheck-disable-next-line x -- y", true, Directive{Name: "racecheck-disable-next-line"},
			`did you mean "racecheck-ignore-next-line"?`},
		{"/* racecheck-disable-file x -- y */", true, Directive{Name: "racecheck-disable-file"},
			`did you mean "racecheck-ignore-file"?`},
		{"// racecheck-ignore x -- y", true, Directive{Name: "racecheck-ignore"}, `unknown suppression directive "racecheck-ignore"; use`},
		{"// racecheck-ignore-nextline x -- y", true, Directive{Name: "racecheck-ignore-nextline"}, `did you mean "racecheck-ignore-next-line"?`},
	} {
		d, ok, problem := ParseComment(tc.text)
		if ok != tc.directive {
			t.Errorf("%q: directive = %v, want %v", tc.text, ok, tc.directive)
			continue
		}
		if !reflect.DeepEqual(d, tc.want) {
			t.Errorf("%q: parsed %+v, want %+v", tc.text, d, tc.want)
		}
		if tc.problem == "" && problem != "" || !strings.Contains(problem, tc.problem) {
			t.Errorf("%q: problem %q, want %q", tc.text, problem, tc.problem)
		}
	}
}

func parseJS(t *testing.T, src string) *syntax.Tree {
	t.Helper()
	p := parse.NewParser()
	defer p.Close()
	tree, err := p.Parse(src, parse.JavaScript)
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

var known = []string{"check-then-act", "floating-promise", "lost-update", InvalidID, UnusedID}

func finding(rule string, line int) analysis.Finding {
	return analysis.Finding{Rule: rule, Severity: analysis.High, File: "a.js", Line: line, Column: 1, Message: "m"}
}

func summary(fs []analysis.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%d:%d %s %s: %s", f.Line, f.Column, f.Rule, f.Severity, f.Message))
	}
	return out
}

func TestApply(t *testing.T) {
	src := strings.Join([]string{
		/* 1 */ `const s = "// racecheck-ignore-next-line check-then-act -- a string, not a comment";`,
		/* 2 */ `x(); // racecheck-ignore-next-line check-then-act -- guarded by the unique index`,
		/* 3 */ `if (!(await a())) await b();`,
		/* 4 */ `const t = ` + "`/* racecheck-ignore-file floating-promise -- template */`;",
		/* 5 */ `// racecheck-ignore-next-line chek-then-act, lost-update -- typo in the first id`,
		/* 6 */ `if (!(await a())) await b();`,
		/* 7 */ `// racecheck-ignore-next-line check-then-act`,
		/* 8 */ `if (!(await a())) await b();`,
		/* 9 */ `// racecheck-ignore-next-line floating-promise -- nothing here`,
		/* 10 */ `ok();`,
		/* 11 */ `/* racecheck-ignore-file lost-update -- legacy module */`,
		/* 12 */ `// racecheck-disable-next-line check-then-act -- wrong directive`,
		/* 13 */ `if (!(await a())) await b();`,
		/* 14 */ `// racecheck-ignore-next-line invalid-suppression -- no`,
		/* 15 */ `/* 𝒳 */ /* racecheck-ignore-next-line nope -- column after a non-BMP character */`,
	}, "\n")
	tree := parseJS(t, src)
	sources := map[string]*syntax.Tree{"a.js": tree}
	in := []analysis.Finding{
		finding("check-then-act", 1),
		finding("check-then-act", 3), // silenced by line 2
		finding("floating-promise", 5),
		finding("check-then-act", 6),  // not silenced: the id is misspelt
		finding("lost-update", 6),     // silenced by line 5 (the other id is valid)
		finding("lost-update", 20),    // silenced by the file directive
		finding("check-then-act", 8),  // silenced, but the reason is missing
		finding("check-then-act", 13), // not silenced: unknown directive
	}
	invalid, unused := Rules()[0], Rules()[1]
	res := Apply(in, sources, Options{Known: known, Ran: map[string]bool{"check-then-act": true, "floating-promise": true, "lost-update": true}, Invalid: invalid, Unused: unused})
	want := []string{
		"1:1 check-then-act high: m",
		"5:1 floating-promise high: m",
		`5:1 invalid-suppression medium: racecheck-ignore-next-line names unknown rule "chek-then-act"; did you mean "check-then-act"?`,
		"6:1 check-then-act high: m",
		`7:1 invalid-suppression medium: racecheck-ignore-next-line check-then-act has no reason; add why the finding is acceptable after " -- "`,
		"9:1 unused-suppression medium: unused suppression: no floating-promise finding on line 10 to silence",
		`12:1 invalid-suppression medium: unknown suppression directive "racecheck-disable-next-line"; did you mean "racecheck-ignore-next-line"?`,
		"13:1 check-then-act high: m",
		"14:1 invalid-suppression medium: invalid-suppression cannot be silenced by a comment; set it in racecheck.json instead",
		`15:10 invalid-suppression medium: racecheck-ignore-next-line names unknown rule "nope"; run 'racecheck rules' for the list`,
	}
	if got := summary(res.Findings); !reflect.DeepEqual(got, want) {
		t.Errorf("findings:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	if res.Suppressed != 4 {
		t.Errorf("suppressed %d, want 4", res.Suppressed)
	}

	// Rules that did not run are never unused; reports can be turned off.
	res = Apply([]analysis.Finding{finding("check-then-act", 3)}, sources, Options{Known: known, Ran: map[string]bool{"check-then-act": true}, Unused: unused})
	want = []string{"7:1 unused-suppression medium: unused suppression: no check-then-act finding on line 8 to silence"}
	if got := summary(res.Findings); !reflect.DeepEqual(got, want) {
		t.Errorf("with only check-then-act run and invalid-suppression off: %q", got)
	}
	res = Apply([]analysis.Finding{finding("check-then-act", 3)}, sources, Options{Known: known})
	if len(res.Findings) != 0 || res.Suppressed != 1 {
		t.Errorf("with both reports off: %q, %d suppressed", summary(res.Findings), res.Suppressed)
	}
}

func TestApplyFileDirectiveAndJSX(t *testing.T) {
	src := "/* racecheck-ignore-file floating-promise, lost-update -- generated client */\n" +
		"export const A = () => (\n  <div>\n    {/* racecheck-ignore-next-line check-then-act -- inside JSX */}\n    <B/>\n  </div>\n);\n"
	sources := map[string]*syntax.Tree{"a.js": parseJS(t, src)}
	in := []analysis.Finding{finding("floating-promise", 3), finding("check-then-act", 5), finding("check-then-act", 6)}
	res := Apply(in, sources, Options{Known: known, Ran: map[string]bool{"floating-promise": true, "lost-update": true, "check-then-act": true}, Invalid: Rules()[0], Unused: Rules()[1]})
	want := []string{
		"1:1 unused-suppression medium: unused suppression: no lost-update finding in this file to silence",
		"6:1 check-then-act high: m",
	}
	if got := summary(res.Findings); !reflect.DeepEqual(got, want) {
		t.Errorf("findings:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestRulesDocumented(t *testing.T) {
	for _, r := range Rules() {
		for _, section := range []string{"## What it finds", "## Why it is a bug", "## Incorrect", "## Correct", "## How to fix", "## Not flagged", "## Known limits"} {
			if !strings.Contains(r.Doc, section) {
				t.Errorf("%s: documentation lacks %q", r.ID, section)
			}
		}
	}
}

func FuzzParseComment(f *testing.F) {
	for _, s := range []string{
		"// racecheck-ignore-next-line check-then-act -- why",
		"/* racecheck-ignore-file a, b -- c */",
		"// racecheck-ignore-next-line",
		"/** racecheck-disable x */",
		"// racecheck-ignore-next-line a b--c -- d",
		"//racecheck-\x00",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d, ok, problem := ParseComment(text)
		if !ok {
			if problem != "" || d.Kind != 0 || len(d.Rules) != 0 {
				t.Fatalf("not a directive, yet %+v %q", d, problem)
			}
			return
		}
		if problem == "" {
			if d.Kind == 0 || len(d.Rules) == 0 || d.Reason == "" {
				t.Fatalf("accepted an incomplete directive %+v from %q", d, text)
			}
			for _, id := range d.Rules {
				if !ruleIDPattern.MatchString(id) {
					t.Fatalf("accepted rule id %q from %q", id, text)
				}
			}
		}
	})
}
