package report

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/engine"
	"github.com/racecheck/racecheck/internal/parse"
	"github.com/racecheck/racecheck/internal/syntax"
)

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		text        string
		width       int
		first, rest string
		want        string
	}{
		{"one two three four", 12, "  ", "  ", "  one two\n  three four\n"},
		{"one two three four", 80, "  ", "  ", "  one two three four\n"},
		// A word longer than the line is never cut: a path stays whole.
		{"see src/very/long/path/to/file.ts:12:9 now", 16, "  ", "    ", "  see\n    src/very/long/path/to/file.ts:12:9\n    now\n"},
		{"fix: a b c", 10, "  ", "       ", "  fix: a b\n       c\n"},
		{"first\nsecond line here", 13, "> ", "  ", "> first\n  second line\n  here\n"},
		{"", 20, "  ", "  ", "\n"},
		// Colour codes take no room; wide characters take two columns.
		{"\x1b[32mfix:\x1b[0m aa bb", 11, "  ", "  ", "  \x1b[32mfix:\x1b[0m aa\n  bb\n"},
		{"日本語 日本語", 10, "", "", "日本語\n日本語\n"},
	} {
		if got := wrap(tc.text, tc.width, tc.first, tc.rest); got != tc.want {
			t.Errorf("wrap(%q, %d):\n got %q\nwant %q", tc.text, tc.width, got, tc.want)
		}
	}
}

func TestWindow(t *testing.T) {
	long := strings.Repeat("a", 50) + "TARGET" + strings.Repeat("b", 50) // 106 columns
	for _, tc := range []struct {
		line       string
		start, end int
		avail      int
		want       string
		from, to   int
	}{
		// Fits: the whole line, the range where it is.
		{"\tfoo(bar);", 2, 10, 40, "  foo(bar);", 2, 10},
		{"abc", 4, 4, 40, "abc", 3, 3},
		// Too long: context before the range, "…" on both sides.
		{long, 51, 57, 40, "…" + strings.Repeat("a", 10) + "TARGET" + strings.Repeat("b", 22) + "…", 11, 17},
		// The range near the start: no leading "…".
		{long, 3, 5, 40, strings.Repeat("a", 39) + "…", 2, 4},
		// The range near the end: the window moves left to fill the frame.
		{long, 104, 107, 40, "…" + strings.Repeat("b", 39), 37, 40},
		// A range wider than the window is underlined to the window's end.
		{long, 51, 107, 20, "…" + "aaaaa" + "TARGET" + strings.Repeat("b", 7) + "…", 6, 19},
		// Too long with its indentation: the indentation counts as code
		// (writeFrame leaves out the indentation its lines share).
		{"\t\t\t" + strings.Repeat("x", 36), 8, 10, 40, "      " + strings.Repeat("x", 33) + "…", 10, 12},
		{"      " + long, 57, 63, 40, "…" + strings.Repeat("a", 10) + "TARGET" + strings.Repeat("b", 22) + "…", 11, 17},
		// Non-BMP characters take two UTF-16 units and one column.
		{"𝒳𝒴 go(1)", 6, 11, 40, "𝒳𝒴 go(1)", 3, 8},
	} {
		got, from, to := window(tc.line, tc.start, tc.end, tc.avail)
		if got != tc.want || from != tc.from || to != tc.to {
			t.Errorf("window(%q, %d, %d, %d):\n got %q %d..%d\nwant %q %d..%d", tc.line, tc.start, tc.end, tc.avail, got, from, to, tc.want, tc.from, tc.to)
		}
		if w := displayWidth(got); w > max(tc.avail, displayWidth(strings.ReplaceAll(tc.line, "\t", "  "))) || w > tc.avail && strings.Contains(got, "…") {
			t.Errorf("window(%q): %d columns, more than %d", tc.line, w, tc.avail)
		}
	}
}

// TestTextFrame checks a finding's text report exactly: the header, the
// wrapped message, the frame with carets under the range, a window on a
// minified line, the related locations and the fix.
func TestTextFrame(t *testing.T) {
	src := "const x = 1;\n" +
		"if (await exists(key)) {\n" +
		"  await save(key, value);\n" +
		"}\n" +
		"var a=1;" + strings.Repeat("b(1);", 30) + "danger(a);" + strings.Repeat("c(2);", 30) + "\n"
	p := parse.NewParser()
	defer p.Close()
	tree, err := p.Parse(src, parse.JavaScript)
	if err != nil {
		t.Fatal(err)
	}
	res := &engine.Result{Files: 1, Sources: map[string]*syntax.Tree{"src/a.js": tree}, Findings: []analysis.Finding{
		{Rule: "check-then-act", Severity: analysis.High, File: "src/a.js", Line: 3, Column: 9, EndLine: 3, EndColumn: 24,
			Message: "the value of key is checked at line 2 and written at line 3; another request can write it in between",
			Fix:     "Write with one atomic statement that fails when the key exists.",
			Related: []analysis.Related{{File: "src/a.js", Line: 2, Column: 11, Message: "checked here"}, {File: "src/b.js", Line: 40, Column: 3, Message: "save() is declared here"}}},
		{Rule: "floating-promise", Severity: analysis.Medium, File: "src/a.js", Line: 5, Column: 159, EndLine: 5, EndColumn: 168, Message: "dropped"},
	}}
	var buf bytes.Buffer
	if err := Text(&buf, res, Options{Width: 60, FailOn: analysis.Medium, Deterministic: true}); err != nil {
		t.Fatal(err)
	}
	want := `check-then-act  high  src/a.js:3:9
  the value of key is checked at line 2 and written at line
  3; another request can write it in between
  2 │ if (await exists(key)) {
  3 ▶   await save(key, value);
    │         ^^^^^^^^^^^^^^^
  → src/a.js:2:11: checked here
  → src/b.js:40:3: save() is declared here
  fix: Write with one atomic statement that fails when the
       key exists.

floating-promise  medium  src/a.js:5:159
  dropped
  5 ▶ …1);b(1);b(1);danger(a);c(2);c(2);c(2);c(2);c(2);c(2)…
    │               ^^^^^^^^^

FAIL  1 high, 1 medium in 1 file (1 file scanned)
`
	if got := buf.String(); got != want {
		t.Errorf("text report:\n%s\nwant:\n%s\n%s", got, want, diff(want, got))
	}
	for _, line := range strings.Split(buf.String(), "\n") {
		if w := displayWidth(line); w > 60 {
			t.Errorf("line wider than 60 columns (%d): %q", w, line)
		}
	}

	// With colour, the same text between escape codes.
	buf.Reset()
	if err := Text(&buf, res, Options{Width: 60, FailOn: analysis.Medium, Deterministic: true, Color: true}); err != nil {
		t.Fatal(err)
	}
	if got := stripANSI(buf.String()); got != want {
		t.Errorf("coloured text report, colours removed:\n%s\n%s", got, diff(want, got))
	}
	if !strings.Contains(buf.String(), ansiRed+"^^^^^^^^^^^^^^^"+ansiReset) {
		t.Error("the carets are not red")
	}
}

func TestWidth(t *testing.T) {
	env := func(cols string) func(string) string {
		return func(k string) string {
			if k == "COLUMNS" {
				return cols
			}
			return ""
		}
	}
	var buf bytes.Buffer
	for _, tc := range []struct {
		terminal bool
		columns  string
		want     int
	}{
		{false, "", DefaultWidth},
		{false, "132", DefaultWidth}, // not a terminal: COLUMNS does not count
		{true, "90", 90},             // a terminal whose size cannot be read (not a file)
		{true, "", DefaultWidth},
		{true, "abc", DefaultWidth},
		{true, "-5", DefaultWidth},
	} {
		if got := Width(&buf, tc.terminal, env(tc.columns)); got != tc.want {
			t.Errorf("Width(terminal=%v, COLUMNS=%q) = %d, want %d", tc.terminal, tc.columns, got, tc.want)
		}
	}
	if got := Width(&buf, true, nil); got != DefaultWidth {
		t.Errorf("Width without an environment = %d", got)
	}
	// A file said to be a terminal that is not one: its size cannot be
	// read, so COLUMNS or the default applies.
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := Width(f, true, env("")); got != DefaultWidth {
		t.Errorf("Width(regular file) = %d", got)
	}
}

// FuzzWindow: any line and range fit the frame without a panic, and the
// underline lies within the shown text.
func FuzzWindow(f *testing.F) {
	f.Add("\tconst a = \"😀😀\"; go(1);", 5, 9, 30)
	f.Add(strings.Repeat("x=1;", 100), 200, 190, 40)
	f.Add("日本語のテキスト", 2, 4, 3)
	f.Fuzz(func(t *testing.T, line string, start, end, avail int) {
		avail = 10 + abs(avail)%200
		got, from, to := window(line, start, end, avail)
		w := displayWidth(got)
		if from < 0 || to < from || to > w {
			t.Fatalf("window(%q, %d, %d, %d) = %q, %d..%d", line, start, end, avail, got, from, to)
		}
		if strings.Contains(got, "…") && !strings.Contains(line, "…") && w > avail {
			t.Fatalf("window(%q, %d, %d, %d) = %q: %d columns", line, start, end, avail, got, w)
		}
		_ = wrap(line, avail, "  ", "    ")
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
