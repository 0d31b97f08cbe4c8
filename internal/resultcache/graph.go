package resultcache

import (
	"sort"

	"github.com/racecheck/racecheck/internal/engine"
	"github.com/racecheck/racecheck/internal/sem"
)

// graph is engine.Facts as stored: every node (a file's absolute path or
// a project-wide fact) once, and the relations as lists of node numbers.
type graph struct {
	Nodes []string `json:"nodes"`
	// Files are the nodes that are the project's files, with what each
	// imports.
	Files     []int   `json:"files"`
	Imports   [][]int `json:"imports"`   // by position in Files
	Consulted [][]int `json:"consulted"` // by node
	// Valued are the fact nodes with a value, and Values their values.
	Valued []int    `json:"valued"`
	Values []string `json:"values"`
}

// graphOf encodes facts; files are the project's files.
func graphOf(fs *engine.Facts, files []string) *graph {
	g := &graph{}
	ids := map[string]int{}
	id := func(n string) int {
		i, ok := ids[n]
		if !ok {
			i = len(g.Nodes)
			ids[n] = i
			g.Nodes = append(g.Nodes, n)
		}
		return i
	}
	list := func(ns []string) []int {
		out := make([]int, len(ns))
		for i, n := range ns {
			out[i] = id(n)
		}
		return out
	}
	for _, f := range files {
		g.Files = append(g.Files, id(f))
		g.Imports = append(g.Imports, list(fs.Imports[f]))
	}
	from := make([]string, 0, len(fs.Consulted))
	for n := range fs.Consulted {
		from = append(from, n)
	}
	sort.Strings(from)
	cons := map[int][]int{}
	for _, n := range from {
		cons[id(n)] = list(fs.Consulted[n])
	}
	valued := make([]string, 0, len(fs.Values))
	for n := range fs.Values {
		valued = append(valued, n)
	}
	sort.Strings(valued)
	for _, n := range valued {
		g.Valued = append(g.Valued, id(n))
		g.Values = append(g.Values, fs.Values[n])
	}
	g.Consulted = make([][]int, len(g.Nodes))
	for i, l := range cons {
		g.Consulted[i] = l
	}
	return g
}

// facts decodes g.
func (g *graph) facts() *engine.Facts {
	fs := &engine.Facts{Consulted: map[string][]string{}, Values: map[string]string{}, Imports: map[string][]string{}}
	names := func(ids []int) []string {
		out := make([]string, 0, len(ids))
		for _, i := range ids {
			if i >= 0 && i < len(g.Nodes) {
				out = append(out, g.Nodes[i])
			}
		}
		return out
	}
	for k, i := range g.Files {
		if i >= 0 && i < len(g.Nodes) && k < len(g.Imports) {
			fs.Imports[g.Nodes[i]] = names(g.Imports[k])
		}
	}
	for k, i := range g.Valued {
		if i >= 0 && i < len(g.Nodes) && k < len(g.Values) {
			fs.Values[g.Nodes[i]] = g.Values[k]
		}
	}
	for i, l := range g.Consulted {
		if len(l) > 0 && i < len(g.Nodes) {
			fs.Consulted[g.Nodes[i]] = names(l)
		}
	}
	return fs
}

// affected returns the files whose findings a change of the files in
// changed can affect, given the facts old of the last scan and the project
// p as it is now, and the values of old's facts now: the changed files,
// and every file from which a changed node can be reached along what the
// analysis consulted. A changed node is a changed file, a fact whose value
// is not what it was, or the importers of a file a changed file begins to
// import.
func affected(old *engine.Facts, changed []string, p *sem.Project) (map[string]bool, map[string]string) {
	var dirty []string
	for _, c := range changed {
		dirty = append(dirty, c)
		f := p.File(c)
		if f == nil {
			continue
		}
		was := setOf(old.Imports[c])
		for _, t := range p.ImportTargets(f) {
			if !was[t.Abs] {
				dirty = append(dirty, sem.ImportersFact(t.Abs))
			}
		}
	}
	values := make(map[string]string, len(old.Values))
	for n, v := range old.Values {
		now, ok := p.FactValue(n)
		if !ok {
			continue
		}
		values[n] = now
		if now != v {
			dirty = append(dirty, n)
		}
	}
	users := map[string][]string{}
	for from, tos := range old.Consulted {
		for _, t := range tos {
			users[t] = append(users[t], from)
		}
	}
	seen := map[string]bool{}
	for len(dirty) > 0 {
		n := dirty[len(dirty)-1]
		dirty = dirty[:len(dirty)-1]
		if seen[n] {
			continue
		}
		seen[n] = true
		dirty = append(dirty, users[n]...)
	}
	out := map[string]bool{}
	for n := range seen {
		if p.File(n) != nil {
			out[n] = true
		}
	}
	for _, c := range changed {
		out[c] = true // also when it no longer parses: its old findings go
	}
	return out, values
}

// merged is what the analysis consulted in the last scan and in this one,
// with the values of the facts now: values holds those of the last scan's
// facts, now's those this scan consulted.
func merged(old, now *engine.Facts, values map[string]string) *engine.Facts {
	out := &engine.Facts{Consulted: map[string][]string{}, Values: values, Imports: now.Imports}
	for n, v := range now.Values {
		out.Values[n] = v
	}
	for _, fs := range []*engine.Facts{old, now} {
		for from, tos := range fs.Consulted {
			out.Consulted[from] = append(out.Consulted[from], tos...)
		}
	}
	for from, tos := range out.Consulted {
		sort.Strings(tos)
		uniq := tos[:0]
		for i, t := range tos {
			if i == 0 || t != tos[i-1] {
				uniq = append(uniq, t)
			}
		}
		out.Consulted[from] = uniq
	}
	return out
}

func setOf(l []string) map[string]bool {
	m := make(map[string]bool, len(l))
	for _, s := range l {
		m[s] = true
	}
	return m
}
