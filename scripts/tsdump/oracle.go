//go:build treesitter

package main

import (
	"github.com/racecheck/racecheck/internal/jsparse"
	"github.com/racecheck/racecheck/internal/parse/treesitter"
	"github.com/racecheck/racecheck/internal/syntax"
)

func init() {
	oracle = func(src string, lang jsparse.Lang) (*syntax.Tree, error) {
		p := treesitter.NewParser()
		defer p.Close()
		return p.Parse(src, treesitter.Lang(lang))
	}
}
