package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/engine"
	"github.com/racecheck/racecheck/internal/syntax"
)

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
	ansiGreen  = "\x1b[32m"
	ansiCyan   = "\x1b[36m"
)

// Text writes findings for people. Each finding starts with a line of its
// rule id, severity and location (file:line:col, never wrapped, so it can
// be copied or clicked), then the message wrapped to o.Width, a code frame
// of the primary line and the related lines of the same file with the
// flagged range underlined, the related locations, and the fix. A closing
// summary follows.
func Text(w io.Writer, r *engine.Result, o Options) error {
	c := func(code, s string) string {
		if !o.Color {
			return s
		}
		return code + s + ansiReset
	}
	width := o.Width
	if width <= 0 {
		width = DefaultWidth
	}
	width = max(width, minWidth)
	var b strings.Builder
	for _, f := range r.Findings {
		sev := f.Severity.String()
		switch f.Severity {
		case analysis.High:
			sev = c(ansiRed+ansiBold, sev)
		case analysis.Medium:
			sev = c(ansiYellow, sev)
		default:
			sev = c(ansiBlue, sev)
		}
		fmt.Fprintf(&b, "%s  %s  %s\n", c(ansiBold, f.Rule), sev, c(ansiBold, fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Column)))
		b.WriteString(wrap(f.Message, width, "  ", "  "))
		writeFrame(&b, r.Sources, f, width, c)
		for _, rel := range f.Related {
			line := fmt.Sprintf("%s %s:%d:%d", c(ansiCyan, "→"), rel.File, rel.Line, rel.Column)
			if rel.Message != "" {
				line += ": " + rel.Message
			}
			b.WriteString(wrap(line, width, "  ", "    "))
		}
		if f.Fix != "" {
			b.WriteString(wrap(c(ansiGreen, "fix:")+" "+f.Fix, width, "  ", "       "))
		}
		b.WriteString("\n")
	}
	for _, e := range r.Errors {
		fmt.Fprintf(&b, "%s  %s  %s\n", c(ansiBold, e.File), c(ansiRed, "error"), firstLine(e.Message))
	}
	if len(r.Errors) > 0 {
		b.WriteString("\n")
	}
	if o.Verbose && len(r.Skipped) > 0 {
		for _, s := range r.Skipped {
			fmt.Fprintf(&b, "%s  %s  %s\n", c(ansiBold, s.Path), c(ansiDim, "skipped"), s.Reason)
		}
		b.WriteString("\n")
	}
	b.WriteString(Summary(r, o, c))
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// stripANSI removes colour codes.
func stripANSI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] < '@' || s[j] > '~') {
				j++
			}
			i = j
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// wrap breaks text into lines of at most width columns at spaces, the
// first line starting with first and the others with rest. A word longer
// than a line (a path, a file:line:col, a URL) stays whole on a line of its
// own, so it can still be copied; line breaks in text are kept.
func wrap(text string, width int, first, rest string) string {
	var b strings.Builder
	prefix := first
	for _, para := range strings.Split(text, "\n") {
		line := prefix
		col := displayWidth(prefix)
		empty := true
		for _, word := range strings.Fields(para) {
			ww := displayWidth(word)
			if !empty && col+1+ww > width {
				b.WriteString(line + "\n")
				line, col, empty = rest, displayWidth(rest), true
			}
			if !empty {
				line += " "
				col++
			}
			line += word
			col += ww
			empty = false
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
		prefix = rest
	}
	return b.String()
}

// displayWidth is how many terminal columns s takes: wide East Asian
// characters and emoji take two, colour codes none.
func displayWidth(s string) int {
	if strings.Contains(s, "\x1b[") {
		s = stripANSI(s)
	}
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

func runeWidth(r rune) int {
	switch {
	case r == '\t':
		return tabWidth
	case r < 0x1100:
		return 1
	case r <= 0x115f, r >= 0x2e80 && r <= 0xa4cf && r != 0x303f, r >= 0xac00 && r <= 0xd7a3,
		r >= 0xf900 && r <= 0xfaff, r >= 0xfe30 && r <= 0xfe4f, r >= 0xff00 && r <= 0xff60,
		r >= 0xffe0 && r <= 0xffe6, r >= 0x1f300 && r <= 0x1f64f, r >= 0x1f900 && r <= 0x1f9ff,
		r >= 0x20000 && r <= 0x3fffd:
		return 2
	}
	return 1
}

// tabWidth is how many columns a tab takes in a code frame.
const tabWidth = 2

// writeFrame prints the primary line and the related lines of the same file
// in order, with line numbers, and underlines the flagged range of the
// primary line with carets. A line wider than the frame is shown as a
// window around the column that matters, cut with "…".
func writeFrame(b *strings.Builder, sources map[string]*syntax.Tree, f analysis.Finding, width int, c func(string, string) string) {
	t := sources[f.File]
	if t == nil {
		return
	}
	type mark struct {
		line, col int
		primary   bool
	}
	marks := []mark{{f.Line, f.Column, true}}
	for _, r := range f.Related {
		if r.File == f.File && r.Line >= 1 && r.Line <= t.LineCount() {
			marks = append(marks, mark{r.Line, r.Column, false})
		}
	}
	sort.SliceStable(marks, func(i, j int) bool { return marks[i].line < marks[j].line })
	// The indentation all shown lines share is left out, which keeps their
	// relative indentation and leaves more room for the code.
	common := -1
	for _, m := range marks {
		text := t.LineText(m.line)
		n := len(text) - len(strings.TrimLeft(text, " \t"))
		if n < len(text) && (common < 0 || n < common) {
			common = n
		}
	}
	common = max(common, 0)
	digits := len(fmt.Sprint(marks[len(marks)-1].line))
	avail := width - 2 - digits - 3 // "  " + number + " ▶ "
	prev := 0
	for _, m := range marks {
		if m.line == prev {
			continue
		}
		if prev != 0 && m.line > prev+1 {
			fmt.Fprintf(b, "  %s %s\n", strings.Repeat(" ", digits), c(ansiDim, "┆"))
		}
		prev = m.line
		text := t.LineText(m.line)
		start, end := m.col, m.col
		if m.primary {
			end = len(text) + 1 // to the end of the line unless the finding ends on it
			if f.EndLine == f.Line && f.EndColumn > f.Column {
				end = f.EndColumn
			}
		}
		if len(text) >= common { // the shared indentation is ASCII: one column per byte
			text, start, end = text[common:], max(start-common, 1), max(end-common, 1)
		}
		shown, from, to := window(text, start, end, avail)
		gutter := c(ansiDim, fmt.Sprintf("%*d │", digits, m.line))
		if m.primary {
			gutter = c(ansiRed, fmt.Sprintf("%*d ▶", digits, m.line))
		}
		fmt.Fprintf(b, "  %s %s\n", gutter, strings.TrimRight(shown, " "))
		if m.primary {
			fmt.Fprintf(b, "  %s %s%s\n", c(ansiDim, strings.Repeat(" ", digits)+" │"), strings.Repeat(" ", from), c(ansiRed, strings.Repeat("^", max(to-from, 1))))
		}
	}
}

// cell is one character of a code line as a terminal shows it.
type cell struct {
	text  string
	width int
	unit  int // the 1-based UTF-16 column the character starts at
}

func cellsOf(line string) []cell {
	var cells []cell
	unit := 1
	for _, r := range line {
		s := string(r)
		if r == '\t' {
			s = strings.Repeat(" ", tabWidth)
		} else if r < 0x20 || r == 0x7f {
			s = " " // control characters would move the cursor
		}
		cells = append(cells, cell{s, runeWidth(r), unit})
		if r >= 0x10000 {
			unit += 2
		} else {
			unit++
		}
	}
	return cells
}

// window fits line into avail columns around the UTF-16 columns start..end
// (end exclusive): the whole line when it fits, else a slice that shows the
// start of the range and as much of it as fits, with "…" where the line is
// cut. It returns the text and the display columns from..to of the range
// within it.
func window(line string, start, end, avail int) (text string, from, to int) {
	cells := cellsOf(line)
	total := 0
	for _, c := range cells {
		total += c.width
	}
	// Cell indexes of the range.
	si, ei := len(cells), len(cells)
	for i, c := range cells {
		if c.unit >= start && si == len(cells) {
			si = i
		}
		if c.unit >= end {
			ei = i
			break
		}
	}
	ei = max(ei, si)
	lo, hi := 0, len(cells)
	if total > avail {
		// Some context before the range, then as much as fits after it.
		lo = si
		ctx := 0
		for lo > 0 && ctx+cells[lo-1].width <= min(avail/4, 24) {
			lo--
			ctx += cells[lo].width
		}
		lead := 0 // the leading "…"
		if lo > 0 {
			lead = 1
		}
		suffix := 0
		for _, c := range cells[lo:] {
			suffix += c.width
		}
		if lead+suffix <= avail {
			// The rest of the line fits: move left to fill the frame.
			for lo > 0 && 1+suffix+cells[lo-1].width <= avail {
				lo--
				suffix += cells[lo].width
			}
		} else {
			hi = lo
			used := 0
			for hi < len(cells) && lead+used+cells[hi].width+1 <= avail { // and a trailing "…"
				used += cells[hi].width
				hi++
			}
		}
	}
	var b strings.Builder
	col := 0
	if lo > 0 {
		b.WriteString("…")
		col++
	}
	from, to = -1, -1
	for i := lo; i < hi; i++ {
		if i == si {
			from = col
		}
		if i == ei {
			to = col
		}
		b.WriteString(cells[i].text)
		col += cells[i].width
	}
	if from < 0 {
		from = col
	}
	if to < 0 {
		to = col
	}
	if hi < len(cells) {
		b.WriteString("…")
	}
	return b.String(), from, to
}
