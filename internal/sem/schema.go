package sem

import (
	"sort"
	"strings"
)

// Schema holds what a project's database schema declares unique: for each
// model or table (lower case, under its model name and its mapped table
// name), the sets of fields that identify one record.
type Schema struct {
	unique map[string][][]string
	models map[string]bool
	// providers are the datasource providers ("postgresql", "sqlite").
	providers []string
}

// SetSchema gives the project what its database schema files declare.
// The keys of entity classes are added to it (see Schema).
func (p *Project) SetSchema(s *Schema) {
	p.schema = s
	for _, k := range p.entityKeys { // when Schema ran first
		s.addKey(k)
	}
}

// Schema returns what the project's database schema declares: its
// schema files, and the unique keys its entity classes declare (see
// findEntityKeys); nil for no project.
func (p *Project) Schema() *Schema {
	if p == nil {
		return nil
	}
	p.schemaOnce.Do(func() {
		p.findEntityKeys()
		if len(p.entityKeys) == 0 {
			return
		}
		if p.schema == nil {
			p.schema = &Schema{}
		}
		for _, k := range p.entityKeys {
			p.schema.addKey(k)
		}
	})
	return p.schema
}

// Unique reports whether the fields named (of the model or table
// resource) include a whole unique key: a lookup by them finds at most
// one record, and the database refuses a second record with the same
// values.
func (s *Schema) Unique(resource string, fields []string) bool {
	if s == nil || resource == "" {
		return false
	}
	have := map[string]bool{}
	for _, f := range fields {
		have[strings.ToLower(f)] = true
	}
	for _, key := range s.unique[strings.ToLower(resource)] {
		all := len(key) > 0
		for _, k := range key {
			all = all && have[k]
		}
		if all {
			return true
		}
	}
	return false
}

// Known reports whether the schema declares the model or table.
func (s *Schema) Known(resource string) bool {
	if s == nil {
		return false
	}
	_, ok := s.models[strings.ToLower(resource)]
	return ok
}

// Models lists the models and tables with a unique key, sorted.
func (s *Schema) Models() []string {
	if s == nil {
		return nil
	}
	var out []string
	for m := range s.unique {
		out = append(out, m)
	}
	sort.Strings(out)
	return out
}

// addModels records models and tables the schema declares.
func (s *Schema) addModels(names ...string) {
	if s.models == nil {
		s.models = map[string]bool{}
	}
	for _, n := range names {
		if n != "" {
			s.models[strings.ToLower(n)] = true
		}
	}
}

// addKey records an entity's key, and the entity as known unless the key
// comes from a migration.
func (s *Schema) addKey(k entityKey) {
	if !k.keyOnly {
		s.addModels(k.names...)
	}
	s.add(k.names, k.key)
}

func (s *Schema) add(names []string, key []string) {
	if len(key) == 0 {
		return
	}
	if s.unique == nil {
		s.unique = map[string][][]string{}
	}
	low := make([]string, len(key))
	for i, k := range key {
		low[i] = strings.ToLower(k)
	}
	for _, n := range names {
		if n != "" {
			n = strings.ToLower(n)
			s.unique[n] = append(s.unique[n], low)
		}
	}
}

// AddPrisma reads a Prisma schema file: in each model block, fields marked
// @id or @unique, and @@id([...]) and @@unique([...]) lists, under the
// model's name and its @@map table name. Anything it does not understand
// is skipped.
func (s *Schema) AddPrisma(src string) {
	lines := strings.Split(src, "\n")
	for i := 0; i < len(lines); i++ {
		words := strings.Fields(stripPrismaComment(lines[i]))
		if len(words) >= 2 && words[0] == "datasource" {
			for i++; i < len(lines); i++ {
				line := strings.TrimSpace(stripPrismaComment(lines[i]))
				if strings.HasPrefix(line, "}") {
					break
				}
				if k, v, ok := strings.Cut(line, "="); ok && strings.TrimSpace(k) == "provider" {
					s.providers = append(s.providers, prismaString(v))
				}
			}
			continue
		}
		if len(words) < 2 || words[0] != "model" {
			continue
		}
		model := strings.TrimSuffix(words[1], "{")
		var keys [][]string
		table := ""
		for i++; i < len(lines); i++ {
			line := strings.TrimSpace(stripPrismaComment(lines[i]))
			if strings.HasPrefix(line, "}") {
				break
			}
			switch {
			case strings.HasPrefix(line, "@@id(") || strings.HasPrefix(line, "@@unique("):
				keys = append(keys, prismaFieldList(line))
			case strings.HasPrefix(line, "@@map("):
				table = prismaString(line[len("@@map("):])
			case line == "" || strings.HasPrefix(line, "@"):
			default:
				fs := strings.Fields(line)
				for _, w := range fs[1:] {
					if w == "@id" || w == "@unique" || strings.HasPrefix(w, "@id(") || strings.HasPrefix(w, "@unique(") {
						keys = append(keys, []string{fs[0]})
						break
					}
				}
			}
		}
		s.addModels(model, table)
		for _, k := range keys {
			s.add([]string{model, table}, k)
		}
	}
}

func stripPrismaComment(line string) string {
	if i := strings.Index(line, "//"); i >= 0 {
		return line[:i]
	}
	return line
}

// prismaFieldList reads the field names of @@unique([a, b(sort: Desc)], ...).
func prismaFieldList(line string) []string {
	open := strings.IndexByte(line, '[')
	if open < 0 {
		return nil
	}
	depth := 0
	var out []string
	start := open + 1
	for i := open + 1; i < len(line); i++ {
		switch line[i] {
		case '(':
			depth++
		case ')':
			depth--
		case ',', ']':
			if depth > 0 {
				continue
			}
			name := strings.TrimSpace(line[start:i])
			if j := strings.IndexByte(name, '('); j >= 0 {
				name = strings.TrimSpace(name[:j])
			}
			if name != "" {
				out = append(out, name)
			}
			start = i + 1
			if line[i] == ']' {
				return out
			}
		}
	}
	return nil
}

// prismaString reads the first quoted string of s.
func prismaString(s string) string {
	i := strings.IndexByte(s, '"')
	if i < 0 {
		return ""
	}
	j := strings.IndexByte(s[i+1:], '"')
	if j < 0 {
		return ""
	}
	return s[i+1 : i+1+j]
}
