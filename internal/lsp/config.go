package lsp

import (
	"path/filepath"
	"sync"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/config"
	"github.com/racecheck/racecheck/internal/suppress"
	"github.com/racecheck/racecheck/internal/syntax"
)

// knownIDs are the ids of every rule, the suppression rules included.
func knownIDs() []string {
	var ids []string
	for _, r := range analysis.Rules() {
		ids = append(ids, r.ID)
	}
	for _, r := range suppress.Rules() {
		ids = append(ids, r.ID)
	}
	return ids
}

// loadNearest loads the configuration file nearest to dir, as racecheck
// scan finds it; nil when there is none.
func loadNearest(dir string) (*config.Config, error) {
	name, err := config.Find(dir)
	if err != nil || name == "" {
		return nil, err
	}
	return config.Load(name, knownIDs())
}

// nearestOptions gives a rule's options for a file from the
// configuration nearest to it, as racecheck scan applies them; a
// configuration that fails to load gives none (rootConfig shows the
// problem). It is safe for concurrent use by the engine's workers.
func nearestOptions() func(abs, rule string) map[string]any {
	var mu sync.Mutex
	byDir := map[string]*config.Config{}
	return func(abs, rule string) map[string]any {
		dir := filepath.Dir(filepath.FromSlash(abs))
		mu.Lock()
		cfg, ok := byDir[dir]
		if !ok {
			cfg, _ = loadNearest(dir)
			byDir[dir] = cfg
		}
		mu.Unlock()
		if cfg == nil {
			return nil
		}
		return cfg.Rules[rule].Options
	}
}

// rootConfig is the configuration of the project at dir. A broken file is
// shown to the user once (until it changes) and ignored.
func (s *Server) rootConfig(dir string) *config.Config {
	cfg, err := loadNearest(dir)
	s.mu.Lock()
	problem := ""
	if err != nil {
		problem = err.Error()
	}
	show := problem != "" && problem != s.lastConfig
	s.lastConfig = problem
	s.mu.Unlock()
	if show {
		s.showf(msgError, "racecheck: %s; the analysis goes on without the configuration until it is fixed", problem)
	}
	if err != nil {
		return nil
	}
	return cfg
}

// settle applies to the findings what racecheck scan applies after the
// rules: the configuration nearest to each file (rules turned off,
// severities, ignored, test and single-process files), then the
// suppression comments of sources, with the suppression rules as the root
// configuration sets them. perFile false skips the nearest configurations
// (for a document that is not a file).
func (s *Server) settle(findings []analysis.Finding, sources map[string]*syntax.Tree, root *config.Config, perFile bool) []analysis.Finding {
	type nearest struct {
		cfg           *config.Config
		tests, single func(string) bool
	}
	byDir := map[string]*nearest{}
	kept := findings[:0:0]
	for _, f := range findings {
		abs := absOf(f.File)
		dir := filepath.Dir(filepath.FromSlash(abs))
		n, ok := byDir[dir]
		if !ok && !perFile {
			n, ok = &nearest{}, true
		}
		if !ok {
			n = &nearest{}
			if cfg, err := loadNearest(dir); err == nil && cfg != nil {
				n.cfg = cfg
				n.tests, n.single = config.Matchers(cfg, cfg.Dir)
			}
			byDir[dir] = n
		}
		if n.cfg != nil {
			set := n.cfg.Rules[f.Rule]
			if set.Off || n.cfg.Ignored(abs) || n.tests(abs) || n.single(abs) {
				continue
			}
			if set.Severity != 0 {
				f.Severity = set.Severity
			}
		}
		kept = append(kept, f)
	}
	ran := map[string]bool{}
	for _, r := range analysis.Rules() {
		ran[r.ID] = true
	}
	opts := suppress.Options{Known: knownIDs(), Ran: ran}
	for _, r := range suppress.Rules() {
		var set config.RuleSetting
		if root != nil {
			set = root.Rules[r.ID]
		}
		if set.Off {
			continue
		}
		if set.Severity != 0 {
			c := *r
			c.Severity = set.Severity
			r = &c
		}
		switch {
		case r.ID == suppress.InvalidID:
			opts.Invalid = r
		case root != nil && root.ReportUnusedSuppressions != nil && *root.ReportUnusedSuppressions:
			opts.Unused = r
		}
	}
	return suppress.Apply(kept, sources, opts).Findings
}
