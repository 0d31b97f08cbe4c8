package lsp

import (
	"runtime"
	"strings"
	"testing"
)

func TestOffsetOf(t *testing.T) {
	const text = "a😀b\r\nxyz\n"
	tests := []struct {
		p    Position
		want int
	}{
		{Position{0, 0}, 0},
		{Position{0, 1}, 1},
		{Position{0, 3}, 5}, // after the emoji: two UTF-16 units, four bytes
		{Position{0, 4}, 6},
		{Position{0, 99}, 6}, // past the end of the line: before CR LF
		{Position{1, 2}, 10},
		{Position{2, 0}, 12},
		{Position{5, 0}, 12},
	}
	for _, tt := range tests {
		if got := offsetOf(text, tt.p); got != tt.want {
			t.Errorf("offsetOf(%v) = %d, want %d", tt.p, got, tt.want)
		}
	}
}

func TestApplyChange(t *testing.T) {
	text := "const s = \"😀\";\nfoo();\n"
	got := applyChange(text, contentChange{Range: &Range{Position{0, 11}, Position{0, 13}}, Text: "ok"})
	if got != "const s = \"ok\";\nfoo();\n" {
		t.Errorf("range change: %q", got)
	}
	got = applyChange(got, contentChange{Range: &Range{Position{1, 0}, Position{2, 0}}, Text: ""})
	if got != "const s = \"ok\";\n" {
		t.Errorf("line deleted: %q", got)
	}
	if got := applyChange(text, contentChange{Text: "x"}); got != "x" {
		t.Errorf("full change: %q", got)
	}
}

func TestLineText(t *testing.T) {
	for _, tt := range []struct {
		text string
		n    int
		want string
		ok   bool
	}{
		{"a\r\nb\n", 0, "a", true},
		{"a\r\nb\n", 1, "b", true},
		{"a\r\nb\n", 2, "", true},
		{"a\r\nb\n", 3, "", false},
		{"a", 0, "a", true},
	} {
		if got, ok := lineText(tt.text, tt.n); got != tt.want || ok != tt.ok {
			t.Errorf("lineText(%q, %d) = %q, %v", tt.text, tt.n, got, ok)
		}
	}
}

func TestURIs(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("POSIX paths")
	}
	for _, tt := range []struct{ uri, path string }{
		{"file:///home/u/a%20b/c.ts", "/home/u/a b/c.ts"},
		{"file:///home/u/x%23y.ts", "/home/u/x#y.ts"},
		{"file:///C:/w/a.ts", "C:/w/a.ts"},
		{"file:///c%3A/w/a.ts", "c:/w/a.ts"},
		{"untitled:Untitled-1", ""},
		{"file://", ""},
		{"%%", ""},
	} {
		if got := uriToPath(tt.uri); got != tt.path {
			t.Errorf("uriToPath(%q) = %q, want %q", tt.uri, got, tt.path)
		}
	}
	for _, tt := range []struct{ path, uri string }{
		{"/home/u/a b/c.ts", "file:///home/u/a%20b/c.ts"},
		{"/home/u/x#y.ts", "file:///home/u/x%23y.ts"},
		{"C:/w/a.ts", "file:///C:/w/a.ts"},
	} {
		if got := pathToURI(tt.path); got != tt.uri {
			t.Errorf("pathToURI(%q) = %q, want %q", tt.path, got, tt.uri)
		}
		if back := uriToPath(tt.uri); back != tt.path {
			t.Errorf("round trip of %q: %q", tt.path, back)
		}
	}
}

// FuzzEdits applies arbitrary client edits and asks for the suppression
// edit of arbitrary lines: nothing may panic, offsets stay in the text,
// and a suppression edit only ever inserts at the start of an existing
// line or rewrites the line above.
func FuzzEdits(f *testing.F) {
	f.Add("a😀b\r\nxyz\n", 0, 3, 1, 0, "q", 1)
	f.Add("x\n// racecheck-ignore-next-line a -- b\ny\n", 1, 0, 2, 0, "", 2)
	f.Add("", 0, 0, 0, 0, "", 0)
	f.Fuzz(func(t *testing.T, text string, l1, c1, l2, c2 int, insert string, line int) {
		for _, p := range []Position{{l1, c1}, {l2, c2}} {
			if off := offsetOf(text, p); off < 0 || off > len(text) {
				t.Fatalf("offsetOf(%v) = %d outside 0..%d", p, off, len(text))
			}
		}
		got := applyChange(text, contentChange{Range: &Range{Position{l1, c1}, Position{l2, c2}}, Text: insert})
		if len(got) > len(text)+len(insert) {
			t.Fatalf("the change grew the text from %d to %d bytes", len(text), len(got))
		}
		edit, _, ok := suppressEdit(text, nil, line, "check-then-act")
		if !ok {
			return
		}
		if line < 0 || edit.Range.Start.Character != 0 || edit.Range.Start.Line != line && edit.Range.Start.Line != line-1 {
			t.Fatalf("edit %+v for line %d", edit, line)
		}
		if !strings.Contains(edit.NewText, "racecheck-ignore-next-line") || !strings.Contains(edit.NewText, "check-then-act") {
			t.Fatalf("edit text %q", edit.NewText)
		}
	})
}
