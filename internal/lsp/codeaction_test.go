package lsp

import (
	"fmt"
	"strings"
	"testing"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/engine"
	"github.com/racecheck/racecheck/internal/suppress"
	"github.com/racecheck/racecheck/internal/syntax"
)

// scanText analyses text alone as racecheck scan --stdin-filename does,
// suppression comments applied and invalid ones reported, and lists the
// findings as "line:rule"; it also returns the tree.
func scanText(t *testing.T, name, text string) (string, *syntax.Tree) {
	t.Helper()
	res := engine.RunSource(name, []byte(text), analysis.Rules())
	if len(res.Errors) > 0 {
		t.Fatalf("%s: %v", name, res.Errors)
	}
	invalid := suppress.Rules()[0]
	fs := suppress.Apply(res.Findings, res.Sources, suppress.Options{Known: knownIDs(), Invalid: invalid}).Findings
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%d:%s", f.Line, f.Rule))
	}
	return strings.Join(out, " "), res.Sources[name]
}

// apply applies one edit to text.
func apply(text string, e TextEdit) string {
	return text[:offsetOf(text, e.Range.Start)] + e.NewText + text[offsetOf(text, e.Range.End):]
}

// TestSuppressEditSilences: for each case, the quick fix's edit is exact
// and the edited text, scanned again, has no finding left (and no
// invalid-suppression).
func TestSuppressEditSilences(t *testing.T) {
	const forEachJS = "export async function notify(users, mailer) {\n  users.forEach(async (u) => { await mailer.send(u); });\n}\n"
	tests := []struct {
		name, file, text string
		finding          string // before: "line:rule"
		edit             TextEdit
		title            string
	}{
		{
			name: "plain", file: "a.js", text: forEachJS, finding: "2:async-iteration-callback",
			edit:  TextEdit{Range{Position{1, 0}, Position{1, 0}}, "  // racecheck-ignore-next-line async-iteration-callback -- reason: TODO explain why this is safe\n"},
			title: "Suppress async-iteration-callback here with a racecheck-ignore-next-line comment",
		},
		{
			name: "tabs and CRLF", file: "a.js", text: strings.ReplaceAll(strings.ReplaceAll(forEachJS, "\n", "\r\n"), "  ", "\t"), finding: "2:async-iteration-callback",
			edit:  TextEdit{Range{Position{1, 0}, Position{1, 0}}, "\t// racecheck-ignore-next-line async-iteration-callback -- reason: TODO explain why this is safe\r\n"},
			title: "Suppress async-iteration-callback here with a racecheck-ignore-next-line comment",
		},
		{
			name: "added to the comment above", file: "a.js",
			text:    "export async function notify(users, mailer) {\n    // racecheck-ignore-next-line floating-promise -- metrics are best effort\n  users.forEach(async (u) => { await mailer.send(u); });\n}\n",
			finding: "2:unused-suppression 3:async-iteration-callback",
			edit:    TextEdit{Range{Position{1, 0}, Position{1, 77}}, "    // racecheck-ignore-next-line floating-promise, async-iteration-callback -- metrics are best effort"},
			title:   "Suppress async-iteration-callback here (add it to the racecheck-ignore-next-line comment above)",
		},
		{
			name: "JSX children", file: "list.tsx",
			text:    "export function List({ items, save }) {\n  return (\n    <ul>\n      {items.forEach(async (i) => { await save(i); })}\n    </ul>\n  );\n}\n",
			finding: "4:async-iteration-callback",
			edit:    TextEdit{Range{Position{3, 0}, Position{3, 0}}, "      {/* racecheck-ignore-next-line async-iteration-callback -- reason: TODO explain why this is safe */}\n"},
			title:   "Suppress async-iteration-callback here with a racecheck-ignore-next-line comment",
		},
		{
			name: "JSX attribute", file: "button.jsx",
			text:    "export function B({ items, save }) {\n  return <button\n    onClick={() => items.forEach(async (i) => { await save(i); })}\n  />;\n}\n",
			finding: "3:async-iteration-callback",
			edit:    TextEdit{Range{Position{2, 0}, Position{2, 0}}, "    // racecheck-ignore-next-line async-iteration-callback -- reason: TODO explain why this is safe\n"},
			title:   "Suppress async-iteration-callback here with a racecheck-ignore-next-line comment",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, tree := scanText(t, tt.file, tt.text)
			// The unused suppression is not reported by scanText; the
			// finding after it is what the edit silences.
			want := strings.TrimPrefix(tt.finding, "2:unused-suppression ")
			if before != want {
				t.Fatalf("before the edit: %q, want %q", before, want)
			}
			line := 0
			fmt.Sscanf(want, "%d:", &line)
			rule := want[strings.Index(want, ":")+1:]
			edit, title, ok := suppressEdit(tt.text, tree, line-1, rule)
			if !ok || edit != tt.edit || title != tt.title {
				t.Fatalf("edit = %+v %q %v\nwant   %+v %q", edit, title, ok, tt.edit, tt.title)
			}
			if after, _ := scanText(t, tt.file, apply(tt.text, edit)); after != "" {
				t.Errorf("after the edit: %q, want no findings\n%s", after, apply(tt.text, edit))
			}
		})
	}
}

func TestSuppressEditRefuses(t *testing.T) {
	text := "a();\n// racecheck-ignore-next-line floating-promise -- fire and forget\nb();\n"
	if _, _, ok := suppressEdit(text, nil, 2, "floating-promise"); ok {
		t.Error("offered a second suppression of the same rule")
	}
	if _, _, ok := suppressEdit(text, nil, 9, "floating-promise"); ok {
		t.Error("offered an edit past the end of the text")
	}
	if _, _, ok := suppressEdit(text, nil, -1, "floating-promise"); ok {
		t.Error("offered an edit before the start of the text")
	}
}

func TestCodeActionsFilter(t *testing.T) {
	dir, uri := workspace(t, nil)
	c := startServer(t)
	c.initialize(dir)
	c.open(uri, racyWallet)
	diags := c.diagnostics(uri).Diagnostics
	other := map[string]any{"range": diags[0].Range, "source": "ts", "code": 2304, "message": "Cannot find name"}
	builtin := map[string]any{"range": diags[0].Range, "source": "racecheck", "code": "invalid-suppression", "message": "x"}
	for _, tt := range []struct {
		name    string
		context map[string]any
		want    int
	}{
		{"racecheck's and another source's", map[string]any{"diagnostics": []any{diags[0], other}}, 1},
		{"only refactorings", map[string]any{"diagnostics": diags, "only": []string{"refactor"}}, 0},
		{"a suppression rule", map[string]any{"diagnostics": []any{builtin}}, 0},
		{"none", map[string]any{"diagnostics": []any{}}, 0},
	} {
		var actions []CodeAction
		c.result("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri}, "range": diags[0].Range, "context": tt.context}, &actions)
		if len(actions) != tt.want {
			t.Errorf("%s: %d actions, want %d: %s", tt.name, len(actions), tt.want, mustJSON(t, actions))
		}
	}
}
