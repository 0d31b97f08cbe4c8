// Command tsdump prints the flat syntax tree racecheck's parser (package
// jsparse) builds for a snippet or a file. Built with the treesitter tag, it
// also prints the tree the tree-sitter front end builds (the test oracle)
// and the first difference between the two:
//
//	go run ./scripts/tsdump [-lang js|ts|tsx] [-e SNIPPET | FILE]
//	go run -tags treesitter ./scripts/tsdump [-only ts|own] [-q] ...
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/racecheck/racecheck/internal/jsparse"
	"github.com/racecheck/racecheck/internal/parse"
	"github.com/racecheck/racecheck/internal/syntax"
)

// oracle parses with tree-sitter; it is set only in builds with the
// treesitter tag.
var oracle func(src string, lang jsparse.Lang) (*syntax.Tree, error)

func main() {
	lang := flag.String("lang", "", "js, ts or tsx (default: from the file name; ts for -e)")
	expr := flag.String("e", "", "parse this snippet instead of a file")
	only := flag.String("only", "", "print only the tree-sitter (ts) or own (own) tree")
	quiet := flag.Bool("q", false, "print only the first difference")
	flag.Parse()
	src, name := *expr, "snippet.ts"
	if *expr == "" {
		if flag.NArg() != 1 {
			fmt.Fprintln(os.Stderr, "usage: tsdump [-lang js|ts|tsx] [-e SNIPPET | FILE]")
			os.Exit(2)
		}
		name = flag.Arg(0)
		b, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		src = string(b)
	}
	l, ok := parse.LangOf(name)
	switch *lang {
	case "js":
		l, ok = parse.JavaScript, true
	case "ts":
		l, ok = parse.TypeScript, true
	case "tsx":
		l, ok = parse.TSX, true
	}
	if !ok {
		fmt.Fprintln(os.Stderr, "tsdump: unknown language; pass -lang js|ts|tsx")
		os.Exit(2)
	}
	got, gerr := jsparse.Parse(src, l)
	var want *syntax.Tree
	if oracle != nil {
		var werr error
		want, werr = oracle(src, l)
		if *only != "own" && !*quiet && want != nil {
			fmt.Printf("== tree-sitter (%v)\n%s", werr, jsparse.Dump(want))
		}
	}
	if *only != "ts" && !*quiet && got != nil {
		fmt.Printf("== jsparse (%v)\n%s", gerr, jsparse.Dump(got))
	}
	if want != nil && got != nil {
		if i, d := jsparse.Diff(want, got); i >= 0 {
			fmt.Println("== first difference:", d)
			os.Exit(1)
		}
		fmt.Println("== identical")
	}
}
