package luatext

import (
	"strings"

	"github.com/racecheck/racecheck/internal/syntax"
)

var kEscape = syntax.Intern("escape_sequence")

// Source is a Lua script written in JavaScript: a string, a template
// literal, a concatenation of them, or an array of strings joined, with
// the way back from a script offset to the JavaScript source.
type Source struct {
	Node   syntax.Node // the JavaScript expression holding the script
	Text   string      // the script as Redis receives it (substitutions blurred)
	Script *Script
	spans  []span
}

// span maps script text [lua, lua+n) to source offset src (exact when raw).
type span struct {
	lua, n int
	src    uint32
	raw    bool
}

// Pos returns the source offset of a script offset: exact inside text
// written as is, the start of an escape or substitution otherwise.
func (s *Source) Pos(off int) uint32 {
	for _, sp := range s.spans {
		if off >= sp.lua && off < sp.lua+sp.n {
			if sp.raw {
				return sp.src + uint32(off-sp.lua)
			}
			return sp.src
		}
	}
	return s.Node.Start()
}

// Extract reads the Lua script an expression spells out, if it is one:
// "..." and `...` literals, "a" + "b" concatenations and [...].join(sep)
// of string arrays, whose text calls redis.call or redis.pcall.
func Extract(n syntax.Node) (*Source, bool) {
	s := &Source{Node: n}
	var b strings.Builder
	if !s.collect(n.Unparen(), &b, 0) {
		return nil, false
	}
	s.Text = b.String()
	if !LooksLikeLua(s.Text) {
		return nil, false
	}
	s.Script = Parse(s.Text)
	return s, true
}

func (s *Source) add(b *strings.Builder, text string, src uint32, raw bool) {
	s.spans = append(s.spans, span{lua: b.Len(), n: len(text), src: src, raw: raw})
	b.WriteString(text)
}

func (s *Source) collect(n syntax.Node, b *strings.Builder, depth int) bool {
	if depth > 8 {
		return false
	}
	switch {
	case n.Is(syntax.KString, syntax.KTemplateString):
		for c := n.FirstChild(); !c.IsNil(); c = c.NextSibling() {
			switch {
			case c.Is(syntax.KStringFragment):
				s.add(b, c.Text(), c.Start(), true)
			case c.Is(kEscape):
				s.add(b, unescape(c.Text()), c.Start(), false)
			case c.Is(syntax.KTemplateSubstitution):
				s.add(b, " __subst__ ", c.Start(), false)
			}
		}
		return true
	case n.Is(syntax.KBinaryExpression) && n.Operator() == "+":
		return s.collect(n.Child(syntax.FLeft).Unparen(), b, depth+1) && s.collect(n.Child(syntax.FRight).Unparen(), b, depth+1)
	case n.Is(syntax.KCallExpression):
		fn := n.Child(syntax.FFunction).Unparen()
		if !fn.Is(syntax.KMemberExpression) || fn.Child(syntax.FProperty).Text() != "join" {
			return false
		}
		arr := fn.Child(syntax.FObject).Unparen()
		if !arr.Is(syntax.KArray) {
			return false
		}
		sep := ","
		if args := n.Child(syntax.FArguments).NamedChildren(); len(args) > 0 {
			sep = "\n"
			if t := args[0].Unparen(); t.Is(syntax.KString) && len(t.Text()) >= 2 {
				sep = unescapeAll(t.Text()[1 : len(t.Text())-1])
			}
		}
		if strings.TrimSpace(sep) == "" && sep == "" {
			sep = " " // pieces joined with nothing still hold whole tokens each
		}
		for i, e := range arr.NamedChildren() {
			if i > 0 {
				s.add(b, sep, e.Start(), false)
			}
			if !s.collect(e.Unparen(), b, depth+1) {
				return false
			}
		}
		return true
	}
	return false
}

func unescape(e string) string {
	if len(e) < 2 {
		return e
	}
	switch e[1] {
	case 'n':
		return "\n"
	case 't':
		return "\t"
	case 'r':
		return "\r"
	case '\n':
		return ""
	}
	return e[1:]
}

func unescapeAll(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			b.WriteString(unescape(s[i : i+2]))
			i++
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
