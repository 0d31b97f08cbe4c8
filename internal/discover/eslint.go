package discover

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/racecheck/racecheck/internal/parse"
	"github.com/racecheck/racecheck/internal/syntax"
)

// A project's ESLint configuration says which of its files are not its
// own code to lint: vendored libraries, generated bundles. racecheck
// honours it, as oxlint does: the gitignore-style patterns of an
// .eslintignore, and the global ignores of a flat config
// (eslint.config.js and its .mjs, .cjs, .ts, .mts and .cts forms):
// globalIgnores([...]) and config objects that hold nothing but ignores
// (and a name). Only patterns written as string literals are read. Such
// files are found and marked (File.LintIgnored), not dropped: what the
// project imports from them still counts.

// eslintFlatConfigs are the names of an ESLint flat configuration file.
var eslintFlatConfigs = map[string]bool{
	"eslint.config.js": true, "eslint.config.mjs": true, "eslint.config.cjs": true,
	"eslint.config.ts": true, "eslint.config.mts": true, "eslint.config.cts": true,
}

// ignoreFile reports the files of a directory whose rules apply under it.
func ignoreFile(name string) bool {
	return name == ".gitignore" || name == ".eslintignore" || eslintFlatConfigs[name]
}

// dirRules reads the ignore rules that the files named in a directory
// listing give the directory: its .gitignore, and apart from it the
// project's ESLint ignores, from its .eslintignore and the global ignores
// of its ESLint flat configuration.
func dirRules(dir string, names []string) (git, lint []ignoreRule) {
	for _, name := range names {
		if !ignoreFile(name) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			continue
		}
		switch {
		case name == ".gitignore":
			git = append(git, parseGitignore("", string(data))...)
		case eslintFlatConfigs[name]:
			lint = append(lint, parseGitignore("", strings.Join(flatConfigIgnores(name, string(data)), "\n"))...)
		default:
			lint = append(lint, parseGitignore("", string(data))...)
		}
	}
	return git, lint
}

// flatConfigIgnores returns the global ignore patterns of an ESLint flat
// configuration, rewritten as gitignore patterns: a flat config's patterns
// are relative to its directory, so one that does not start with **/ is
// anchored there.
func flatConfigIgnores(name, src string) []string {
	lang, ok := parse.LangOf(name)
	if !ok {
		return nil
	}
	t, _ := parse.NewParser().Parse(src, lang)
	if t == nil {
		return nil
	}
	var out []string
	t.Root().EachOf(func(n syntax.Node) bool {
		var arr syntax.Node
		switch {
		case n.Is(syntax.KCallExpression):
			if n.Child(syntax.FFunction).Text() != "globalIgnores" {
				return true
			}
			arr = n.Child(syntax.FArguments).NamedChild(0)
		case n.Is(syntax.KObject):
			for _, c := range n.NamedChildren() {
				if !c.Is(syntax.KPair) {
					return true // a spread, a method: more than ignores
				}
				switch strings.Trim(c.Child(syntax.FKey).Text(), `"'`) {
				case "ignores":
					arr = c.Child(syntax.FValue)
				case "name":
				default:
					return true // ignores beside files or rules apply to that object only
				}
			}
		}
		if !arr.Is(syntax.KArray) {
			return true
		}
		for _, e := range arr.NamedChildren() {
			if !e.Is(syntax.KString) {
				continue
			}
			out = append(out, flatPattern(strings.Trim(e.Text(), `"'`)))
		}
		return true
	}, syntax.KCallExpression, syntax.KObject)
	return out
}

// flatPattern rewrites a flat config ignore pattern as a gitignore one.
func flatPattern(p string) string {
	neg := ""
	if strings.HasPrefix(p, "!") {
		neg, p = "!", p[1:]
	}
	p = strings.TrimPrefix(p, "./")
	if !strings.HasPrefix(p, "**/") && !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return neg + p
}
