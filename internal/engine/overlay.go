package engine

import (
	"sync"

	"github.com/racecheck/racecheck/internal/discover"
	"github.com/racecheck/racecheck/internal/parse"
	"github.com/racecheck/racecheck/internal/syntax"
)

// inputs are where a run's files come from besides the disk: contents that
// replace files (Options.Overlay) and trees parsed by earlier runs
// (Options.Cache). The zero value reads and parses everything.
type inputs struct {
	overlay map[string][]byte
	cache   *Cache
}

// read returns the content of the file at abs: the overlay's when it has
// one, else the file's on disk (see readFile).
func (in inputs) read(abs string, limit bool) (data []byte, tooBig bool, err error) {
	if data, ok := in.overlay[abs]; ok {
		if limit && int64(len(data)) > discover.MaxSize {
			return nil, true, nil
		}
		return data, false, nil
	}
	return readFile(abs, limit)
}

// Cache keeps the parsed trees of the files of a project between runs, so
// that a run re-parses only the files whose content changed (an editor
// re-analysing a project after each edit). Runs may share a Cache one
// after another; each run forgets the files it did not see.
type Cache struct {
	mu    sync.Mutex
	run   int // the current run, counted from 1
	trees map[string]*cached
}

// cached is one parsed file: the source and language it was parsed from,
// the tree and the language that parsed it.
type cached struct {
	src   string
	asked parse.Lang
	tree  *syntax.Tree
	lang  parse.Lang
	run   int // the last run that used it
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{trees: map[string]*cached{}}
}

// Len is the number of files the cache holds.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.trees)
}

// begin starts a run.
func (c *Cache) begin() *Cache {
	if c != nil {
		c.mu.Lock()
		c.run++
		c.mu.Unlock()
	}
	return c
}

// end finishes a run: the files it did not use are dropped.
func (c *Cache) end() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for abs, e := range c.trees {
		if e.run != c.run {
			delete(c.trees, abs)
		}
	}
}

// parse is parseWithFallback through the cache: the tree of an earlier
// run is reused when the file's source and language are unchanged. Trees
// are never modified once built, so runs can share them.
func (c *Cache) parse(p *parse.Parser, abs, src string, lang parse.Lang) (*syntax.Tree, parse.Lang, error) {
	if c == nil {
		return parseWithFallback(p, src, lang)
	}
	c.mu.Lock()
	e := c.trees[abs]
	if e != nil && e.asked == lang && e.src == src {
		e.run = c.run
		c.mu.Unlock()
		return e.tree, e.lang, nil
	}
	c.mu.Unlock()
	tree, got, err := parseWithFallback(p, src, lang)
	if err != nil {
		return tree, got, err
	}
	c.mu.Lock()
	c.trees[abs] = &cached{src: src, asked: lang, tree: tree, lang: got, run: c.run}
	c.mu.Unlock()
	return tree, got, nil
}
