package sem

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/racecheck/racecheck/internal/syntax"
)

// Deps records, during a scan, which facts the analysis of each file
// consulted, so that a later scan can tell which files a change can
// affect. A node is a file (its absolute path) or a fact about the
// project (see FactValue); an edge from a to b says that what was
// concluded about a used b. Edges are recorded where the analysis crosses
// from one file to another: resolving an import, asking for a file's
// importers, consulting a project-wide index. A file's findings can
// change only when a node it reaches changes: a file's content, or a
// fact's value.
type Deps struct {
	mu    sync.Mutex
	edges map[string]map[string]struct{}
}

// Facts about the project, as nodes of Deps. The value of each
// (FactValue) is what the analysis of a file can learn from it; a fact
// whose value is unchanged changes nothing, whatever changed elsewhere.
const (
	routesFact    = "fact:routes:"    // + file: the routes that reach its functions (RouteAt)
	rejectionFact = "fact:rejection:" // + file: the unhandled-rejection handler that covers it
	importersFact = "fact:importers:" // + file: the files that import it (Importers)
	locksFact     = "fact:locks"      // every file's lock nestings (LockNestings)
	enginesFact   = "fact:engines"    // the project's database engines (SQLiteOnly)
	dispatchFact  = "fact:dispatch"   // the project's awaiting dispatchers and events (ProjectDispatchedEvent)
	fsChecksFact  = "fact:fschecks"   // the names of the functions that return a file-system check or act on a parameter's path (FSCheckHelper, FSEffectHelper)
	browserFact   = "fact:browser:"   // + file: whether it is front-end code (Browser)
	scriptFact    = "fact:script:"    // + file: whether only one-shot commands run it (OneShot)
	aliasesFact   = "fact:aliases"    // the aliases build configuration modules define (bundlerAliases)
	entitiesFact  = "fact:entities"   // the unique keys entity classes declare (SchemaFor)
)

// ImportersFact is the node of the set of files that import a file. Its
// value is not computed: an edge from it to each importer makes a change
// of an importer a change of the fact, and an import that appears is
// found by comparing what each changed file imports.
func ImportersFact(abs string) string { return importersFact + abs }

// NewDeps returns an empty record.
func NewDeps() *Deps { return &Deps{edges: map[string]map[string]struct{}{}} }

func (d *Deps) add(from, to string) {
	if from == to {
		return
	}
	d.mu.Lock()
	m := d.edges[from]
	if m == nil {
		m = map[string]struct{}{}
		d.edges[from] = m
	}
	m[to] = struct{}{}
	d.mu.Unlock()
}

// Edges returns the recorded edges: for each node, the nodes it
// consulted, sorted.
func (d *Deps) Edges() map[string][]string {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make(map[string][]string, len(d.edges))
	for from, tos := range d.edges {
		l := make([]string, 0, len(tos))
		for t := range tos {
			l = append(l, t)
		}
		sort.Strings(l)
		out[from] = l
	}
	return out
}

// noteFile records that the analysis of from used the file to.
func (p *Project) noteFile(from, to *File) {
	if p.deps == nil || from == nil || to == nil || from == to {
		return
	}
	if _, ok := from.consulted.Load(to); ok {
		return
	}
	from.consulted.Store(to, true)
	p.deps.add(from.Abs, to.Abs)
}

// noteAliases records that the analysis of from resolved a specifier
// that an alias of a build configuration module may name: a module
// added to or removed from such a configuration changes what it names.
func (p *Project) noteAliases(from *File) {
	if p.deps == nil || from == nil {
		return
	}
	if _, ok := from.consulted.LoadOrStore(aliasesFact, true); !ok {
		p.deps.add(from.Abs, aliasesFact)
	}
}

// noteFact records an edge that involves a project-wide fact.
func (p *Project) noteFact(from, to string) {
	if p.deps != nil {
		p.deps.add(from, to)
	}
}

// ImportTargets returns the project files f imports, sorted by path.
func (p *Project) ImportTargets(f *File) []*File {
	seen := map[*File]bool{}
	var out []*File
	for _, spec := range f.Specs {
		if t := p.ResolveSpec(f, spec); t != nil && t != f && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Abs < out[j].Abs })
	return out
}

// FactValue returns the value of a fact node of Deps as the project is
// now, and whether the node is a fact whose value can be computed.
func (p *Project) FactValue(node string) (string, bool) {
	h := sha256.New()
	switch {
	case node == locksFact:
		for _, n := range p.LockNestings(nil) {
			fmt.Fprintf(h, "%s %s %s %q %q %q %q\n", n.File.Abs, at(n.Outer.Call), at(n.Inner.Call),
				n.Outer.Lock, n.Outer.Key, n.Inner.Lock, n.Inner.Key)
		}
	case node == dispatchFact:
		fmt.Fprint(h, p.dispatchValue())
	case node == fsChecksFact:
		p.fsCheckOnce.Do(p.findFSCheckHelpers)
		for _, set := range []map[string]bool{p.fsCheckNames, p.fsEffectNames} {
			names := make([]string, 0, len(set))
			for n := range set {
				names = append(names, n)
			}
			sort.Strings(names)
			fmt.Fprint(h, strings.Join(names, ","), "|")
		}
	case node == entitiesFact:
		fmt.Fprint(h, p.entitiesValue())
	case node == aliasesFact:
		for _, a := range p.bundled {
			fmt.Fprintf(h, "%s %s %s\n", a.Scope, a.Pattern, strings.Join(a.Targets, ","))
		}
	case node == enginesFact:
		p.SQLiteOnly(nil)
		fmt.Fprint(h, strings.Join(p.engines.engines, ","))
	case strings.HasPrefix(node, routesFact):
		f := p.File(strings.TrimPrefix(node, routesFact))
		if f == nil {
			return "", true
		}
		ix := p.routes()
		for i, fn := range f.Funcs {
			for _, set := range [][]*Route{ix.direct[fn], ix.reached[fn]} {
				for _, r := range set {
					file := ""
					if r.File != nil {
						file = r.File.Abs
					}
					fmt.Fprintf(h, "%d %s %s %s %s %s %s\n", i, r.Method, r.Path, r.Framework, file, at(r.At), strings.Join(r.Body, ","))
				}
				fmt.Fprintln(h)
			}
		}
	case strings.HasPrefix(node, browserFact):
		f := p.File(strings.TrimPrefix(node, browserFact))
		if f == nil {
			return "", true
		}
		fmt.Fprint(h, f.Browser())
	case strings.HasPrefix(node, scriptFact):
		f := p.File(strings.TrimPrefix(node, scriptFact))
		if f == nil {
			return "", true
		}
		fmt.Fprint(h, f.OneShot())
	case strings.HasPrefix(node, rejectionFact):
		f := p.File(strings.TrimPrefix(node, rejectionFact))
		if f == nil {
			return "", true
		}
		if r := p.rejections(f); r != nil {
			fmt.Fprintf(h, "%s %s %s %v", r.File.Abs, at(r.Call), r.What, r.Logs)
		}
	default:
		return "", false
	}
	return hex.EncodeToString(h.Sum(nil)[:8]), true
}

// at renders where a node is, for a fact's value: its offset and line.
func at(n syntax.Node) string {
	if n.IsNil() {
		return "-"
	}
	return fmt.Sprintf("%d:%d", n.Start(), n.Line())
}
