package lsp

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/config"
	"github.com/racecheck/racecheck/internal/engine"
	"github.com/racecheck/racecheck/internal/parse"
	"github.com/racecheck/racecheck/internal/sem"
	"github.com/racecheck/racecheck/internal/syntax"
)

// docResult is the outcome of analysing one open document.
type docResult struct {
	version  int
	findings []analysis.Finding // after configuration and suppressions
	diags    []Diagnostic
	tree     *syntax.Tree // the tree analysed, nil when none
}

// outcome is what an analysis found for one document snapshot.
type outcome struct {
	doc      document
	findings []analysis.Finding
	tree     *syntax.Tree
	failed   bool // the document did not parse: keep what was shown
}

// schedule asks for an analysis after delay; a later call replaces an
// earlier pending one.
func (s *Server) schedule(delay time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.timer != nil {
		s.timer.Stop()
		s.timer = nil
	}
	if delay <= 0 {
		s.signal()
		return
	}
	s.timer = time.AfterFunc(delay, s.signal)
}

func (s *Server) signal() {
	select {
	case s.wake <- struct{}{}:
	default: // one is pending already
	}
}

// analyzer runs analyses one at a time until the session ends. Edits made
// during an analysis wake it again.
func (s *Server) analyzer() {
	for {
		select {
		case <-s.done:
			return
		case <-s.wake:
			s.analyze()
		}
	}
}

// analyze analyses every open document and publishes the diagnostics of
// those that did not change meanwhile.
func (s *Server) analyze() {
	s.mu.Lock()
	var snap []document
	for _, d := range s.docs {
		snap = append(snap, *d)
	}
	roots := append([]string(nil), s.roots...)
	s.mu.Unlock()
	sort.Slice(snap, func(i, j int) bool { return snap[i].uri < snap[j].uri })

	byRoot := map[string][]document{}
	var outcomes []outcome
	for _, d := range snap {
		switch {
		case !analysable(d):
			continue
		case d.abs != "" && onDisk(d.abs):
			root := rootOf(roots, d.abs)
			byRoot[root] = append(byRoot[root], d)
		default:
			outcomes = append(outcomes, s.analyzeAlone(d))
		}
	}
	rootList := make([]string, 0, len(byRoot))
	for r := range byRoot {
		rootList = append(rootList, r)
	}
	sort.Strings(rootList)
	for _, r := range rootList {
		outcomes = append(outcomes, s.analyzeProject(r, byRoot[r])...)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	for _, o := range outcomes {
		cur := s.docs[o.doc.uri]
		if cur == nil || cur.version != o.doc.version || cur.text != o.doc.text || o.failed {
			continue // closed, changed since (analysed again soon), or unparsable
		}
		diags := make([]Diagnostic, 0, len(o.findings))
		for _, f := range o.findings {
			diags = append(diags, s.diagnostic(f, o.doc.uri))
		}
		s.results[o.doc.uri] = &docResult{version: o.doc.version, findings: o.findings, diags: diags, tree: o.tree}
		v := o.doc.version
		s.publish(o.doc.uri, &v, diags)
	}
}

// analysable reports whether a document is JavaScript or TypeScript.
func analysable(d document) bool {
	if d.abs != "" {
		if _, ok := parse.LangOf(d.abs); ok {
			return true
		}
	}
	return d.abs == "" && langExt[d.lang] != ""
}

func onDisk(abs string) bool {
	info, err := os.Stat(filepath.FromSlash(abs))
	return err == nil && info.Mode().IsRegular()
}

// rootOf returns the project a file belongs to: the innermost workspace
// folder that holds it, else the project root racecheck scan would use
// (the directory of the enclosing git repository, or the file's).
func rootOf(roots []string, abs string) string {
	best := ""
	for _, r := range roots {
		if within(abs, r) && len(r) > len(best) {
			best = r
		}
	}
	if best == "" {
		best = config.ProjectRoot(filepath.FromSlash(abs))
	}
	return best
}

// within reports whether the slash-separated path abs is dir or under it.
func within(abs, dir string) bool {
	return abs == dir || strings.HasPrefix(abs, strings.TrimSuffix(dir, "/")+"/")
}

// analyzeProject analyses the project at root with the open documents'
// text, checking only those documents.
func (s *Server) analyzeProject(root string, docs []document) []outcome {
	start := time.Now()
	cfg := s.rootConfig(root)
	overlay := map[string][]byte{}
	open := map[string]bool{}
	for _, d := range docs {
		overlay[d.abs] = []byte(d.text)
		open[d.abs] = true
	}
	s.mu.Lock()
	cache := s.caches[root]
	if cache == nil {
		cache = engine.NewCache()
		s.caches[root] = cache
	}
	s.mu.Unlock()
	opts := engine.Options{
		Paths:   []string{filepath.FromSlash(root)},
		Jobs:    s.Jobs,
		Rules:   analysis.Rules(),
		Overlay: overlay,
		Cache:   cache,
		Check:   func(abs string) bool { return open[abs] },
	}
	projectRoot := config.ProjectRoot(filepath.FromSlash(root))
	if cfg != nil && within(projectRoot, cfg.Dir) {
		projectRoot = cfg.Dir
	}
	opts.Tests, opts.SingleProcess = config.Matchers(cfg, projectRoot)
	opts.NoScripts = cfg != nil && cfg.OneShotScripts != nil && !*cfg.OneShotScripts
	opts.RuleOptions = nearestOptions()
	if cfg != nil {
		if len(cfg.Ignore) > 0 {
			opts.Exclude = cfg.Ignored
		}
		for _, m := range cfg.Models {
			opts.Wrappers = append(opts.Wrappers, sem.Wrapper{Module: m.Module, Export: m.Export, Kind: m.Kind, Dir: cfg.Dir})
		}
	}
	res, err := engine.Run(opts)
	if err != nil {
		s.logf(msgError, "analysing %s: %v", root, err)
		return nil
	}
	for _, e := range res.Errors {
		if e.Internal {
			s.logf(msgError, "%s: %s", e.File, e.Message)
		}
	}
	s.logf(msgLog, "analysed %s: %d files (%d parsed files cached) in %d ms", root, res.Files, cache.Len(), time.Since(start).Milliseconds())

	// The trees and errors of the open documents, by absolute path.
	trees := map[string]*syntax.Tree{}
	sources := map[string]*syntax.Tree{}
	for path, t := range res.Sources {
		if abs := absOf(path); open[abs] {
			trees[abs] = t
			sources[path] = t
		}
	}
	failed := map[string]bool{}
	for _, e := range res.Errors {
		if abs := absOf(e.File); open[abs] && !e.Internal {
			failed[abs] = true
		}
	}
	findings := s.settle(res.Findings, sources, cfg, true)
	out := make([]outcome, 0, len(docs))
	for _, d := range docs {
		o := outcome{doc: d, tree: trees[d.abs], failed: failed[d.abs]}
		for _, f := range findings {
			if absOf(f.File) == d.abs {
				o.findings = append(o.findings, f)
			}
		}
		out = append(out, o)
	}
	return out
}

// analyzeAlone analyses a document that is not a file on disk (a new,
// unsaved one) by itself.
func (s *Server) analyzeAlone(d document) outcome {
	name := d.abs
	var cfg *config.Config
	if name == "" {
		name = "untitled" + langExt[d.lang]
	} else {
		cfg = s.rootConfig(filepath.Dir(filepath.FromSlash(name)))
	}
	res := engine.RunSource(name, []byte(d.text), analysis.Rules())
	o := outcome{doc: d, tree: res.Sources[name]}
	o.failed = o.tree == nil
	o.findings = s.settle(res.Findings, res.Sources, cfg, d.abs != "")
	return o
}

// absOf returns the absolute, slash-separated path of a path as the engine
// reports it (relative to the working directory, or absolute).
func absOf(path string) string {
	abs, err := filepath.Abs(filepath.FromSlash(path))
	if err != nil {
		return path
	}
	return filepath.ToSlash(abs)
}
