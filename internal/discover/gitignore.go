package discover

import (
	"path"
	"strings"
)

// ignoreRule is one line of a .gitignore file.
type ignoreRule struct {
	base     string // directory of the .gitignore, slash-separated, relative to the walk root ("" for the root)
	pattern  string
	negate   bool
	dirOnly  bool
	anchored bool // contains a slash other than a trailing one: match from base
	kind     matchKind
	segs     []string // the pattern split at slashes, for patterns with **
}

// matchKind picks a fast path for the common pattern shapes.
type matchKind int

const (
	matchGlob    matchKind = iota
	matchLiteral           // no wildcard: compare
	matchSuffix            // "*.log": a literal suffix
)

func classify(pattern string) matchKind {
	if !strings.ContainsAny(pattern, `*?[\`) {
		return matchLiteral
	}
	if strings.HasPrefix(pattern, "*") && !strings.ContainsAny(pattern[1:], `*?[\/`) {
		return matchSuffix
	}
	return matchGlob
}

// parseGitignore reads the rules of a .gitignore in directory base.
func parseGitignore(base, text string) []ignoreRule {
	var rules []ignoreRule
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		if t := strings.TrimRight(line, " "); !strings.HasSuffix(t, "\\") {
			line = t
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		r := ignoreRule{base: base}
		if strings.HasPrefix(line, "!") {
			r.negate = true
			line = line[1:]
		} else if strings.HasPrefix(line, `\!`) || strings.HasPrefix(line, `\#`) {
			line = line[1:]
		}
		if strings.HasSuffix(line, "/") {
			r.dirOnly = true
			line = strings.TrimRight(line, "/")
		}
		if strings.Contains(line, "/") {
			r.anchored = true
			line = strings.TrimPrefix(line, "/")
		}
		if line == "" {
			continue
		}
		r.pattern = line
		r.kind = classify(line)
		if strings.Contains(line, "**") {
			r.segs = strings.Split(line, "/")
		}
		rules = append(rules, r)
	}
	return rules
}

// matches reports whether the rule matches rel (slash-separated, relative to
// the walk root).
func (r ignoreRule) matches(rel string, isDir bool) bool {
	if r.dirOnly && !isDir {
		return false
	}
	if r.base != "" {
		if !strings.HasPrefix(rel, r.base+"/") {
			return false
		}
		rel = rel[len(r.base)+1:]
	}
	name := rel
	if !r.anchored {
		name = path.Base(rel)
	}
	switch r.kind {
	case matchLiteral:
		return name == r.pattern
	case matchSuffix:
		return strings.HasSuffix(name, r.pattern[1:])
	}
	if r.segs != nil {
		return doubleStar(r.segs, name, true)
	}
	ok, err := path.Match(r.pattern, name)
	return err == nil && ok
}

// doubleStar matches a gitignore glob split at slashes, where ** spans
// any number of segments, against the segments of name that remain (more
// is false when none do: name is then empty and has no segment).
func doubleStar(pat []string, name string, more bool) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			rest := pat[1:]
			if len(rest) == 0 {
				return more // a trailing /** matches what is inside, not the directory itself
			}
			for {
				if doubleStar(rest, name, more) {
					return true
				}
				if !more {
					return false
				}
				name, more = nextSegment(name)
			}
		}
		if !more {
			return false
		}
		seg := name
		if i := strings.IndexByte(name, '/'); i >= 0 {
			seg = name[:i]
		}
		ok, err := path.Match(pat[0], seg)
		if err != nil || !ok {
			return false
		}
		pat = pat[1:]
		name, more = nextSegment(name)
	}
	return !more
}

// nextSegment drops the first segment of name.
func nextSegment(name string) (string, bool) {
	if i := strings.IndexByte(name, '/'); i >= 0 {
		return name[i+1:], true
	}
	return "", false
}
