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
		orm := false
		for _, spec := range f.Specs {
			if e := models.ModuleEngine(spec); e != models.EngineUnknown {
				seen[e] = true
			}
			orm = orm || models.ConfiguresEngine(spec)
		}
		if !orm {
			continue
		}
		f.Root().EachOf(func(n syntax.Node) bool {
			if e, ok := models.ConfigEngine(n); ok {
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
