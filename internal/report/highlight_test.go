package report

import (
	"strings"
	"testing"
)

// classes renders src's tokens as "class:text" items.
func classes(src string) []string {
	var out []string
	for _, t := range tokenize(src) {
		out = append(out, t.class+":"+src[t.start:t.end])
	}
	return out
}

func TestTokenize(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want []string
	}{
		{`const a = await db.find(1, "x");`, []string{"k:const", "k:await", "n:1", `s:"x"`}},
		{`if (x) return 'it\'s'; // done`, []string{"k:if", "k:return", `s:'it\'s'`, "c:// done"}},
		{"/* a\n b */ let y = 0x1F + 1.5e-3 + .5;", []string{"c:/* a\n b */", "k:let", "n:0x1F", "n:1.5e-3", "n:.5"}},
		// A keyword as a property name is plain; spread is not a property.
		{"obj.default = x.new; [...this]", []string{"k:this"}},
		// Template literals, with expressions that hold strings and
		// templates of their own.
		{"`a ${b ? `c ${d}` : 'e'} f` + 1", []string{"s:`a ${", "s:`c ${", "s:}`", "s:'e'", "s:} f`", "n:1"}},
		{"`${ {a: 1}.a }`", []string{"s:`${", "n:1", "s:}`"}},
		// Division against regular expressions.
		{"a = b / c / d; e = /x\\/[/]y/gi.test(s); return /z/;", []string{"r:/x\\/[/]y/gi", "k:return", "r:/z/"}},
		{"(a) / 2", []string{"n:2"}},
		// Unterminated things end at the line's or the source's end.
		{"x = 'open\nlet y", []string{"s:'open", "k:let"}},
		{"/* open", []string{"c:/* open"}},
		{"`open ${a", []string{"s:`open ${"}},
		{"a = /unclosed\nlet", []string{"k:let"}},
		// Identifiers with non-ASCII letters are not keywords.
		{"const café = ifé;", []string{"k:const"}},
	} {
		got := classes(tc.src)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("tokenize(%q):\n got %q\nwant %q", tc.src, got, tc.want)
		}
	}
}

func TestSegments(t *testing.T) {
	src := "let a = 1; /* two\nlines */ const s = \"x\";\n"
	f := newHighlighter().file("a.js", src)
	render := func(segs []htmlSeg) string {
		var b strings.Builder
		for _, s := range segs {
			if s.Class == "" {
				b.WriteString(s.Text)
			} else {
				b.WriteString("[" + s.Class + ":" + s.Text + "]")
			}
		}
		return b.String()
	}
	for _, tc := range []struct {
		line, from, to int
		want           string
	}{
		{1, 0, 17, "[k:let] a = [n:1]; [c:/* two]"},
		{2, 0, 23, "[c:lines */] [k:const] s = [s:\"x\"];"},
		{2, 13, 20, "[k:t] s = [s:\"]"}, // a range that cuts tokens keeps their classes
		{1, 5, 5, ""},
		{9, 0, 3, ""},
	} {
		if got := render(f.segments(tc.line, tc.from, tc.to)); got != tc.want {
			t.Errorf("segments(%d, %d, %d) = %q, want %q", tc.line, tc.from, tc.to, got, tc.want)
		}
	}
}

// FuzzTokenize: any source tokenizes without a panic into ordered,
// non-overlapping tokens within it, and every line's segments put the
// line's text back together.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"const a = `x ${ `y ${z}` } w`; // c",
		"a = /re[/]x/g / 2; /* open",
		"'\\\n' \"\\",
		"}}}`${${`",
		"let é = 1e+; 0x; .5.5",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		toks := tokenize(src)
		prev := 0
		for _, tok := range toks {
			if tok.start < prev || tok.end <= tok.start || tok.end > len(src) {
				t.Fatalf("tokenize(%q): token %+v after offset %d", src, tok, prev)
			}
			prev = tok.end
		}
		file := newHighlighter().file("f.js", src)
		for i, line := range strings.Split(src, "\n") {
			var b strings.Builder
			for _, s := range file.segments(i+1, 0, len(line)) {
				b.WriteString(s.Text)
			}
			if b.String() != line {
				t.Fatalf("line %d of %q: segments make %q", i+1, src, b.String())
			}
		}
	})
}
