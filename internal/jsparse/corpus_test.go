package jsparse

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// corpusLang is the language of a corpus file, and whether it is one.
func corpusLang(path string) (Lang, bool) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".js", ".jsx", ".mjs", ".cjs":
		return JavaScript, true
	case ".ts", ".mts", ".cts":
		return TypeScript, true
	case ".tsx":
		return TSX, true
	}
	return 0, false
}

// walkCorpus calls fn for each source file under root that the scanner
// would read: no node_modules, dist or build directories, no minified
// files, nothing over 1 MB.
func walkCorpus(root string, fn func(path string, src string, lang Lang)) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			switch name {
			case "node_modules", "dist", "build", ".git":
				return filepath.SkipDir
			}
			return nil
		}
		lang, ok := corpusLang(name)
		if !ok || strings.HasSuffix(name, ".min.js") || strings.HasSuffix(name, ".d.ts") {
			return nil
		}
		info, err := d.Info()
		if err != nil || info.Size() > 1<<20 || !info.Mode().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		fn(path, string(b), lang)
		return nil
	})
}
