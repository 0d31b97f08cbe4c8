package engine

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"

	"github.com/racecheck/racecheck/internal/discover"
	"github.com/racecheck/racecheck/internal/sem"
)

// LoadSchema reads the database schemas of the code under paths: the
// schema files the walk met, and those of each scanned path's package
// (the nearest directory above it with a package.json): its prisma/ and
// prisma/schema/ folders, a schema.prisma beside package.json, and the
// file its package.json names under "prisma": {"schema": ...}. A file
// that cannot be read is left out.
func LoadSchema(paths []string, found []string) *sem.Schema {
	files := map[string]bool{}
	for _, f := range found {
		files[filepath.Clean(f)] = true
	}
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			continue
		}
		root := packageRoot(abs)
		if root == "" {
			continue
		}
		for _, dir := range []string{root, filepath.Join(root, "prisma"), filepath.Join(root, "prisma", "schema")} {
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if !e.IsDir() && discover.IsSchema(e.Name()) {
					files[filepath.Join(dir, e.Name())] = true
				}
			}
		}
		if named := packagePrismaSchema(root); named != "" {
			if info, err := os.Stat(named); err == nil && info.IsDir() {
				entries, _ := os.ReadDir(named)
				for _, e := range entries {
					if !e.IsDir() && discover.IsSchema(e.Name()) {
						files[filepath.Join(named, e.Name())] = true
					}
				}
			} else if err == nil {
				files[named] = true
			}
		}
	}
	var list []string
	for f := range files {
		list = append(list, f)
	}
	sort.Strings(list)
	s := &sem.Schema{}
	for _, f := range list {
		if data, err := os.ReadFile(f); err == nil && len(data) <= discover.MaxSize {
			s.AddPrisma(string(data))
		}
	}
	return s
}

// packageRoot returns the nearest directory at or above abs that holds a
// package.json, or "".
func packageRoot(abs string) string {
	dir := abs
	if info, err := os.Stat(abs); err == nil && !info.IsDir() {
		dir = filepath.Dir(abs)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "package.json")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// packagePrismaSchema returns the schema path a package.json names
// ("prisma": {"schema": "db/schema.prisma"}), absolute, or "".
func packagePrismaSchema(root string) string {
	data, err := os.ReadFile(filepath.Join(root, "package.json"))
	if err != nil {
		return ""
	}
	var pkg struct {
		Prisma struct {
			Schema string `json:"schema"`
		} `json:"prisma"`
	}
	if json.Unmarshal(data, &pkg) != nil || pkg.Prisma.Schema == "" {
		return ""
	}
	return filepath.Join(root, filepath.FromSlash(pkg.Prisma.Schema))
}
