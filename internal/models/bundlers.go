package models

import (
	"path"
	"strings"
)

// Bundler is a build tool or framework whose configuration module defines
// import aliases that no tsconfig.json in the repository holds: the
// framework writes them into a generated tsconfig (.nuxt/, .svelte-kit/)
// or hands them to the bundler at build time. Server code of such a
// project imports its own modules through them (#db/..., $lib/server/db).
type Bundler struct {
	Tool string
	// Config is the base name of the configuration module, before its
	// JavaScript or TypeScript extension.
	Config string
	// AliasPaths are the property paths, from the exported configuration
	// object, of objects (or Vite's arrays of { find, replacement }) that
	// map an alias to a path.
	AliasPaths [][]string
	// Builtin are the aliases the tool defines itself, each with the
	// directories it may name relative to the configuration's directory,
	// tried in order.
	Builtin []BuiltinAlias
}

// BuiltinAlias is an alias a framework defines without configuration.
type BuiltinAlias struct {
	Alias string
	Dirs  []string
}

// bundlers are the configuration modules read for aliases.
var bundlers = []Bundler{
	{
		Tool:       "nuxt",
		Config:     "nuxt.config",
		AliasPaths: [][]string{{"alias"}, {"vite", "resolve", "alias"}},
		// Nuxt's srcDir is app/ in Nuxt 4 and the root before it; the
		// server, shared and root aliases are fixed.
		Builtin: []BuiltinAlias{
			{"~~", []string{"."}}, {"@@", []string{"."}},
			{"~", []string{"app", "."}}, {"@", []string{"app", "."}},
			{"#shared", []string{"shared"}}, {"#server", []string{"server"}},
		},
	},
	{
		Tool:       "sveltekit",
		Config:     "svelte.config",
		AliasPaths: [][]string{{"kit", "alias"}},
		Builtin:    []BuiltinAlias{{"$lib", []string{"src/lib"}}},
	},
	{Tool: "vite", Config: "vite.config", AliasPaths: [][]string{{"resolve", "alias"}}},
	{Tool: "webpack", Config: "webpack.config", AliasPaths: [][]string{{"resolve", "alias"}}},
}

// BundlerOf returns the tool whose configuration module a file path
// names (nuxt.config.ts, vite.config.mjs), and false for other files.
func BundlerOf(file string) (Bundler, bool) {
	base := path.Base(file)
	ext := path.Ext(base)
	if !sourceExts[ext] {
		return Bundler{}, false
	}
	name := strings.TrimSuffix(base, ext)
	for _, b := range bundlers {
		if b.Config == name {
			return b, true
		}
	}
	return Bundler{}, false
}

// PathFunc reports what a call computes from its path arguments, for the
// functions configuration modules build alias targets with:
// path.resolve and path.join, fileURLToPath, and "" for others.
func PathFunc(chain []string, method string) string {
	if len(chain) > 1 || len(chain) == 1 && chain[0] != "path" && chain[0] != "url" && chain[0] != "nodePath" {
		return ""
	}
	switch method {
	case "resolve", "join", "fileURLToPath":
		return method
	}
	return ""
}
