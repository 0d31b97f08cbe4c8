package engine

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	"github.com/racecheck/racecheck/internal/sem"
)

// LoadAliases reads compilerOptions.baseUrl and paths from the tsconfig.json
// nearest to each scanned path (the path itself or an ancestor), so that
// imports such as "@app/db" resolve to project files. Unreadable or invalid
// tsconfig files are ignored: they only make resolution less complete.
func LoadAliases(paths []string) []sem.Alias {
	var out []sem.Alias
	seen := map[string]bool{}
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			continue
		}
		if info, err := os.Stat(abs); err == nil && !info.IsDir() {
			abs = filepath.Dir(abs)
		}
		for d := abs; ; d = filepath.Dir(d) {
			cfg := filepath.Join(d, "tsconfig.json")
			if _, err := os.Stat(cfg); err == nil {
				if !seen[cfg] {
					seen[cfg] = true
					out = append(out, readAliases(cfg)...)
				}
				break
			}
			if _, err := os.Stat(filepath.Join(d, ".git")); err == nil || filepath.Dir(d) == d {
				break
			}
		}
	}
	return out
}

func readAliases(file string) []sem.Alias {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	var cfg struct {
		CompilerOptions struct {
			BaseURL string              `json:"baseUrl"`
			Paths   map[string][]string `json:"paths"`
		} `json:"compilerOptions"`
	}
	if json.Unmarshal(StripJSONC(data), &cfg) != nil {
		return nil
	}
	base := filepath.Dir(file)
	if cfg.CompilerOptions.BaseURL != "" {
		base = filepath.Join(base, cfg.CompilerOptions.BaseURL)
	}
	var out []sem.Alias
	for pattern, targets := range cfg.CompilerOptions.Paths {
		a := sem.Alias{Pattern: pattern}
		for _, t := range targets {
			a.Targets = append(a.Targets, filepath.ToSlash(filepath.Join(base, t)))
		}
		out = append(out, a)
	}
	return out
}

// StripJSONC removes comments and trailing commas from JSON with comments,
// keeping every other byte (and so every line and column) in place.
func StripJSONC(data []byte) []byte {
	out := make([]byte, len(data))
	copy(out, data)
	inStr := false
	for i := 0; i < len(out); i++ {
		c := out[i]
		switch {
		case inStr:
			if c == '\\' {
				i++
			} else if c == '"' {
				inStr = false
			}
		case c == '"':
			inStr = true
		case c == '/' && i+1 < len(out) && out[i+1] == '/':
			for ; i < len(out) && out[i] != '\n'; i++ {
				out[i] = ' '
			}
		case c == '/' && i+1 < len(out) && out[i+1] == '*':
			j := i
			for ; j < len(out) && !(out[j] == '*' && j+1 < len(out) && out[j+1] == '/'); j++ {
				if out[j] != '\n' {
					out[j] = ' '
				}
			}
			for k := j; k < len(out) && k <= j+1; k++ {
				out[k] = ' '
			}
			i = j + 1
		case c == ',':
			j := i + 1
			for j < len(out) && strings.ContainsRune(" \t\r\n", rune(out[j])) {
				j++
			}
			if j < len(out) && (out[j] == '}' || out[j] == ']') {
				out[i] = ' '
			}
		}
	}
	return out
}
