package sem

import (
	"sort"
	"sync"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

// engineIndex is what the project says about its databases.
type engineIndex struct {
	once    sync.Once
	engines []string // the engines seen, sorted: "sqlite", "server", "unknown"
}

// SQLiteOnly reports, for the analysis of from, a project whose every
// database is an SQLite file in the process: the drivers it imports, the
// engines its ORM configurations name (new Sequelize({ dialect: "sqlite"
// })) and its Prisma schema's providers are all SQLite. Its queries run
// one at a time, whatever the code awaits together.
func (p *Project) SQLiteOnly(from *File) bool {
	if p == nil {
		return false
	}
	p.engines.once.Do(p.findEngines)
	if from != nil {
		p.noteFact(from.Abs, enginesFact)
	}
	return len(p.engines.engines) == 1 && p.engines.engines[0] == models.EngineSQLite.String()
}

func (p *Project) findEngines() {
	seen := map[models.Engine]bool{}
	if s := p.Schema(); s != nil {
		for _, provider := range s.providers {
			if provider == "sqlite" {
				seen[models.EngineSQLite] = true
			} else {
				seen[models.EngineServer] = true
			}
		}
	}
	for _, f := range p.Files {
		if f.Test {
			continue
		}
		orm, urlClient := false, false
		for _, spec := range f.Specs {
			if e := models.ModuleEngine(spec); e != models.EngineUnknown {
				seen[e] = true
			}
			orm = orm || models.ConfiguresEngine(spec)
			urlClient = urlClient || models.URLClientModule(spec)
		}
		if urlClient {
			p.urlClientEngines(f, seen)
		}
		if !orm {
			continue
		}
		f.Root().EachOf(func(n syntax.Node) bool {
			if e, ok := models.ConfigEngine(n); ok {
				if e == models.EngineUnknown {
					e = p.configEngine(f, n)
				}
				seen[e] = true
			}
			return true
		}, syntax.KCallExpression, syntax.KNewExpression)
	}
	for e := range seen {
		p.engines.engines = append(p.engines.engines, e.String())
	}
	sort.Strings(p.engines.engines)
}

// urlClientEngines adds the engines that the clients f makes name by their
// connection URLs (models.URLClientEngine). A file that imports such a
// package but makes no client racecheck can read adds an unknown engine.
func (p *Project) urlClientEngines(f *File, seen map[models.Engine]bool) {
	found := false
	f.Root().EachOf(func(n syntax.Node) bool {
		if spec := f.importSpecOf(n); models.URLClientModule(spec) {
			if e, ok := models.URLClientEngine(spec, n); ok {
				seen[e], found = true, true
			}
		}
		return true
	}, syntax.KCallExpression)
	if !found {
		seen[models.EngineUnknown] = true
	}
}

// configEngine reads the engine a connection's configuration names when
// its options are not written in the call: the objects its arguments
// evaluate to (objectValues), such as sequelize-cli's per-environment
// config module. Every one of them must name the same engine.
func (p *Project) configEngine(f *File, call syntax.Node) models.Engine {
	args, _ := models.EngineConfigArgs(call)
	found := models.EngineUnknown
	for _, a := range args {
		if _, ok := StringValue(a); ok {
			continue
		}
		for _, o := range p.objectValues(f, a, 0) {
			e, ok := models.ObjectEngine(o.node)
			if !ok {
				continue
			}
			if e == models.EngineUnknown || found != models.EngineUnknown && e != found {
				return models.EngineUnknown
			}
			found = e
		}
	}
	return found
}
